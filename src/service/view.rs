//! What a user may see of a case: masked numbers, a confidential identity withheld.

use crate::domain::case::{Case, CaseId, Complainant, Intake};
use crate::domain::correction::IntakeField;
use crate::domain::deadline::{clocks, due_clock, due_status};
use crate::domain::event::EventKind;
use crate::domain::number::{mask_id_number, mask_phone};
use crate::domain::role::{Category, DeptId, User};
use crate::domain::state::{Action, State, available_actions};
use crate::store::Meta;

use super::api::{CaseRow, CaseView, Due, EventView, HIDDEN_CASE, Timeline, WITHHELD};
use super::{Result, Service};

/// The complainant as this user may see them, numbers masked.
fn mask_case(user: &User, case: &mut Case) -> bool {
    let hidden = identity_hidden(user, case);
    mask_complainant(hidden, &mut case.intake.complainant);
    hidden
}

/// Only a confidential report's identity is withheld. A case this user cannot otherwise see
/// reaches them only as the same caller's history, so its name may show.
pub(super) fn identity_hidden(user: &User, case: &Case) -> bool {
    case.intake.complainant.confidential && !user.sees_identity(case)
}

fn mask_complainant(hidden: bool, c: &mut Complainant) {
    if hidden {
        c.name = WITHHELD.into();
        c.phone.clear();
        c.id_number.clear();
        c.address = WITHHELD.into();
        c.representatives.clear();
    } else {
        c.phone = mask_phone(&c.phone);
        c.id_number = mask_id_number(&c.id_number);
    }
}

/// Bytes of timeline one reply carries (a frame holds 8 MiB); older events come page by page.
pub const TIMELINE_BYTES: usize = 1 << 20;

/// What an intake correction may not tell someone from whom the identity is withheld.
const IDENTITY_FIELDS: [IntakeField; 5] = [
    IntakeField::Name,
    IntakeField::Phone,
    IntakeField::IdNumber,
    IntakeField::Address,
    IntakeField::Representatives,
];

fn seen(visible: &[(CaseId, String)], id: &CaseId) -> bool {
    visible.iter().any(|(v, _)| v == id)
}

/// Ids of linked cases this user may not see are left out of the record (an id would confirm
/// that a case exists, and whose it is): the links keep only the `visible` ones.
fn hide_unseen_case_links(case: &mut Case, visible: &[(CaseId, String)]) {
    let l = &mut case.links;
    l.same_matter.retain(|id| seen(visible, id));
    l.merged_from.retain(|id| seen(visible, id));
    l.merged_into = l.merged_into.filter(|id| seen(visible, id));
    case.intake.review_of = case.intake.review_of.filter(|id| seen(visible, id));
}

/// The same for an event: one naming a case the user may not see names [`HIDDEN_CASE`].
fn hide_unseen_links(e: &mut EventView, visible: &[(CaseId, String)]) {
    match &mut e.event.kind {
        EventKind::Absorbed { other } if !seen(visible, other) => *other = HIDDEN_CASE,
        EventKind::Acted { detail, .. } => {
            detail.target = detail.target.filter(|id| seen(visible, id));
        }
        _ => {}
    }
}

impl Service {
    pub(super) fn dept_name(&self, id: DeptId) -> String {
        self.store
            .department(id)
            .ok()
            .flatten()
            .map_or_else(|| format!("#{id}"), |d| d.name)
    }

    pub(super) fn category_name(&self, id: u32) -> Option<String> {
        self.store
            .get::<Category>(Meta::Categories, &id.to_be_bytes())
            .ok()
            .flatten()
            .map(|c| c.name)
    }

    fn user_name(&self, id: u32) -> String {
        self.store
            .get::<User>(Meta::Users, &id.to_be_bytes())
            .ok()
            .flatten()
            .map_or_else(|| format!("#{id}"), |u| u.name)
    }

    pub(super) fn due_info(&self, case: &Case) -> Option<Due> {
        let s = self.cached();
        let clock = due_clock(case, &s.policy, &s.calendar, s.zone)?;
        let now = self.now();
        let status = due_status(
            clock.deadline,
            clock.due_at,
            now,
            now.date_in(s.zone),
            &s.calendar,
            s.policy.due_soon_days,
        );
        Some(Due {
            stage: clock.stage,
            deadline: clock.deadline,
            status,
            unsure: !clock.missing_years.is_empty(),
        })
    }

    pub(super) fn row(&self, user: &User, mut case: Case) -> CaseRow {
        let due = self.due_info(&case);
        let handed_back = case.state == State::Accepted && case.milestones.assigned_at.is_some();
        let extension_pending = case.pending_extension.is_some();
        let paused = case.paused().is_some();
        mask_case(user, &mut case);
        let c = case.intake.complainant;
        CaseRow {
            id: case.id,
            number: case.number,
            received_at: case.received_at,
            channel: case.intake.channel,
            kind: case.intake.kind,
            complainant: c.name,
            phone: c.phone,
            subject: case.intake.subject,
            category: case.intake.category.and_then(|id| self.category_name(id)),
            state: case.state,
            department: case.department.map(|d| self.dept_name(d)),
            due,
            urge_count: case.urge_count,
            important: case.intake.important.is_some(),
            version: case.version,
            handed_back,
            extension_pending,
            paused,
        }
    }

    /// Cases linked from this one that the user may see, with their numbers. Only those: a
    /// link must not leak another case's existence.
    fn visible_links(&self, user: &User, case: &Case) -> Result<Vec<(CaseId, String)>> {
        let mut linked = Vec::new();
        let l = &case.links;
        for id in l
            .same_matter
            .iter()
            .chain(&l.merged_from)
            .chain(&l.merged_into)
            .chain(&case.intake.review_of)
        {
            if let Some(other) = self.store.case(*id)?
                && user.can_see(&other)
            {
                linked.push((*id, other.number));
            }
        }
        Ok(linked)
    }

    /// The events before `before` as this user may see them, the newest that fit
    /// [`TIMELINE_BYTES`], and how many older ones are left.
    fn events_before(
        &self,
        user: &User,
        case: &Case,
        before: u32,
        linked: &[(CaseId, String)],
    ) -> Result<(Vec<EventView>, u32)> {
        let hidden = identity_hidden(user, case);
        let mut intake: Option<Intake> = None;
        let mut all = Vec::new();
        for mut e in self
            .store
            .events(case.id)?
            .into_iter()
            .take(before as usize)
        {
            let mut changed = Vec::new();
            // A document's text is given only by `Request::Reissue`, to those who may read it.
            if let EventKind::Issued(d) = &mut e.kind {
                d.text.clear();
            }
            // What a gateway said back may echo the phone it sent to.
            if let EventKind::Sent { detail, .. } = &mut e.kind
                && hidden
            {
                detail.clear();
            }
            if let EventKind::Registered { intake: i, .. } | EventKind::Edited { intake: i } =
                &mut e.kind
            {
                let blank = Intake::new(i.channel, i.kind, Complainant::default(), "", "");
                let now = std::mem::replace(i, blank);
                if let Some(was) = &intake {
                    changed = now.changed_from(was);
                    if hidden {
                        changed.retain(|f| !IDENTITY_FIELDS.contains(f));
                    }
                }
                intake = Some(now);
            }
            all.push((e, changed));
        }
        let mut out = Vec::new();
        let mut bytes = 0;
        while let Some((e, changed)) = all.pop() {
            let mut v = EventView {
                actor: self.user_name(e.actor),
                via: e.via.map(|v| self.user_name(v)),
                event: e,
                changed,
            };
            hide_unseen_links(&mut v, linked);
            bytes += postcard::to_stdvec(&v).map_or(0, |b| b.len());
            if bytes > TIMELINE_BYTES && !out.is_empty() {
                all.push((v.event, v.changed));
                break;
            }
            out.push(v);
        }
        out.reverse();
        Ok((out, all.len() as u32))
    }

    pub(super) fn timeline(&self, user: &User, case: &Case, before: u32) -> Result<Timeline> {
        let linked = self.visible_links(user, case)?;
        let (events, earlier) = self.events_before(user, case, before, &linked)?;
        Ok(Timeline { events, earlier })
    }

    pub(super) fn view(&self, user: &User, case: Case) -> Result<CaseView> {
        let linked = self.visible_links(user, &case)?;
        let (events, earlier_events) = self.events_before(user, &case, case.events, &linked)?;
        let clocks = {
            let s = self.cached();
            clocks(&case, &s.policy, &s.calendar, s.zone)
        };
        let due = self.due_info(&case);
        let mut actions = available_actions(user, &case);
        // The menu offers no hand-back the service would refuse (第二十三条's window is over).
        if actions.contains(&Action::HandBack)
            && super::objection::window_over(&clocks, self.now()).is_some()
        {
            actions.retain(|a| *a != Action::HandBack);
        }
        let documents = crate::domain::document::documents_for(user, &case);
        let department = case.department.map(|d| self.dept_name(d));
        let category = case.intake.category.and_then(|id| self.category_name(id));
        let mut case = case;
        hide_unseen_case_links(&mut case, &linked);
        let identity_hidden = mask_case(user, &mut case);
        Ok(CaseView {
            case,
            identity_hidden,
            events,
            earlier_events,
            clocks,
            due,
            actions,
            documents,
            department,
            category,
            linked,
            now: self.now(),
        })
    }
}
