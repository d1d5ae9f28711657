//! What a user may see of a case: masked numbers, a confidential identity withheld.

use crate::domain::case::{Case, Complainant};
use crate::domain::deadline::{clocks, due_clock, due_status};
use crate::domain::event::EventKind;
use crate::domain::number::{mask_id_number, mask_phone};
use crate::domain::role::{Category, DeptId, User};
use crate::domain::state::{State, available_actions};
use crate::store::Meta;

use super::api::{CaseRow, CaseView, Due, EventView, WITHHELD};
use super::{Result, Service};

/// The complainant as this user may see them, numbers masked.
fn mask_case(user: &User, case: &mut Case) -> bool {
    let hidden = identity_hidden(user, case);
    mask_complainant(hidden, &mut case.intake.complainant);
    hidden
}

/// Only a confidential report's identity is withheld. A case this user cannot otherwise see
/// reaches them only as the same caller's history, so its name may show.
fn identity_hidden(user: &User, case: &Case) -> bool {
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

impl Service {
    pub(super) fn dept_name(&self, id: DeptId) -> String {
        self.store
            .department(id)
            .ok()
            .flatten()
            .map_or_else(|| format!("#{id}"), |d| d.name)
    }

    fn category_name(&self, id: u32) -> Option<String> {
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
        }
    }

    pub(super) fn view(&self, user: &User, case: Case) -> Result<CaseView> {
        let hidden = identity_hidden(user, &case);
        let events = self
            .store
            .events(case.id)?
            .into_iter()
            .map(|mut e| {
                if let EventKind::Registered { intake, .. } | EventKind::Edited { intake } =
                    &mut e.kind
                {
                    mask_complainant(hidden, &mut intake.complainant);
                }
                e
            })
            .map(|e| EventView {
                actor: self.user_name(e.actor),
                via: e.via.map(|v| self.user_name(v)),
                event: e,
            })
            .collect();
        let clocks = {
            let s = self.cached();
            clocks(&case, &s.policy, &s.calendar, s.zone)
        };
        let due = self.due_info(&case);
        let actions = available_actions(user, &case);
        let mut linked = Vec::new();
        let l = &case.links;
        for id in l
            .same_matter
            .iter()
            .chain(&l.merged_from)
            .chain(&l.merged_into)
            .chain(&case.intake.review_of)
        {
            // Only cases this user may see: a link must not leak another case's existence.
            if let Some(other) = self.store.case(*id)?
                && user.can_see(&other)
            {
                linked.push((*id, other.number));
            }
        }
        let department = case.department.map(|d| self.dept_name(d));
        let category = case.intake.category.and_then(|id| self.category_name(id));
        let mut case = case;
        let identity_hidden = mask_case(user, &mut case);
        Ok(CaseView {
            case,
            identity_hidden,
            events,
            clocks,
            due,
            actions,
            department,
            category,
            linked,
            now: self.now(),
        })
    }
}
