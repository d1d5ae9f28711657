//! Commands that change cases: intake, workflow actions, edits, audited reveals.

use crate::domain::case::{Case, CaseId, Intake};
use crate::domain::event::{Detail, Event, EventKind, PersonalField};
use crate::domain::method::Method;
use crate::domain::number::{
    format_number, mask_id_number, mask_phone, normalize_id_number, normalize_phone,
};
use crate::domain::role::{Department, Role, User};
use crate::domain::state::{Action, Need, REGISTER_ROLES, State, authorize};
use crate::store::{Meta, Mutation, Put};

use super::admit;
use super::api::{Actor, CaseRef, Reply};
use super::dues;
use super::error::{Field, Problem, ServiceError};
use super::once::By;
use super::queries::in_history;
use super::validate::{self, MAX_SHORT, MAX_TEXT};
use super::{Result, Service};

pub(super) const ID_COUNTER: &str = "case_id";
/// The largest case record committed: with a page of its timeline it still fits one frame.
const MAX_CASE_BYTES: usize = 1 << 20;

fn seq_counter(year: i32) -> String {
    format!("seq:{year}")
}

pub(super) fn event(
    actor: Actor,
    case: CaseId,
    seq: u32,
    at: crate::domain::time::Timestamp,
    kind: EventKind,
) -> Event {
    Event {
        case,
        seq,
        at,
        actor: actor.user,
        via: actor.via,
        kind,
    }
}

/// Whether a new intake comes from the same caller as an earlier case (phone or ID number).
fn same_caller(i: &Intake, other: &Case) -> bool {
    let (a, b) = (&i.complainant, &other.intake.complainant);
    let phone = normalize_phone(&a.phone);
    let id = normalize_id_number(&a.id_number);
    (!phone.is_empty() && phone == normalize_phone(&b.phone))
        || (!id.is_empty() && id == normalize_id_number(&b.id_number))
}

impl Service {
    fn departments(&self) -> Result<Vec<Department>> {
        Ok(self.store.departments()?)
    }

    /// Applies events to a case, indexes it with its new due time, commits durably, publishes.
    pub(super) fn commit_case(
        &self,
        before: Option<Case>,
        events: Vec<Event>,
        mut m: Mutation,
    ) -> Result<Case> {
        let was = before.as_ref().and_then(|c| c.department);
        let mut case = before;
        for e in &events {
            case = e.apply(case);
        }
        let case = case.ok_or_else(|| {
            ServiceError::Store(crate::store::StoreError::Corrupt(
                "timeline does not fold".into(),
            ))
        })?;
        // A record too large for a reply could be stored but never opened again: refuse it.
        let size = postcard::to_stdvec(&case).map_or(usize::MAX, |b| b.len());
        if size > MAX_CASE_BYTES {
            return Err(ServiceError::RecordTooLarge {
                max: MAX_CASE_BYTES as u64,
            });
        }
        let due = self.due_of(&case);
        m.cases.push((case.clone(), due));
        m.events.extend(events);
        self.check_order(&m.events)?;
        let mut moves = Vec::with_capacity(m.cases.len());
        for (c, due) in &m.cases {
            let old = match self.store.case(c.id)? {
                Some(o) => dues::slot(&o, self.store.indexed_due(c.id)?),
                None => None,
            };
            moves.push((c.id, old, dues::slot(c, *due)));
        }
        self.store.commit(&m)?;
        if let Some(d) = self
            .dues
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
        {
            for (id, old, new) in moves {
                d.update(id, old, new);
            }
        }
        self.publish_case(&case, was.filter(|d| case.department != Some(*d)));
        Ok(case)
    }

    /// A 复查 names an earlier case this user may see; that case.
    fn check_review_of(&self, user: &User, intake: &Intake) -> Result<Option<Case>> {
        match intake.review_of {
            Some(id) => match self.case_by_id(id) {
                // A review is of an answer: a case still being handled has none yet.
                Ok(c) if user.can_see(&c) && c.is_open() && c.replied_at().is_none() => {
                    Err(ServiceError::NotAnswered { number: c.number })
                }
                Ok(c) if user.can_see(&c) => Ok(Some(c)),
                _ => Err(ServiceError::NoSuchCase(id.to_string())),
            },
            None => Ok(None),
        }
    }

    fn check_category(&self, intake: &Intake) -> Result<()> {
        if let Some(cat) = intake.category {
            self.store
                .get::<crate::domain::role::Category>(Meta::Categories, &cat.to_be_bytes())?
                .filter(|c| c.active)
                .ok_or(ServiceError::invalid(Field::Category, Problem::NotFound))?;
        }
        Ok(())
    }

    pub(super) fn intake(
        &self,
        by: By<'_>,
        intake: Intake,
        resolve: Option<String>,
        link_to: Option<CaseId>,
        draft: Option<String>,
        reception: Option<crate::domain::reception::Reception>,
    ) -> Result<Reply> {
        let By { actor, user, key } = by;
        if !REGISTER_ROLES.iter().any(|r| user.roles.has(*r)) {
            return Err(ServiceError::MayNotRegister);
        }
        // A retry is answered before validating again: departments or categories may have
        // changed since the first try registered the case.
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(first) = self.done_before(user, key)? {
            return Ok(first);
        }
        let (mut intake, received) = self.reception_intake(user, intake, reception)?;
        let reviewed = self.check_review_of(user, &intake)?;
        if let Some(r) = &reviewed {
            admit::carry_from_reviewed(user, r, &mut intake);
        }
        let mut intake = validate::intake(intake, &self.departments()?)?;
        self.check_category(&intake)?;
        admit::flag_important(&self.cached().policy, &mut intake);
        let result = resolve
            .map(|r| validate::required(Field::Content, Some(&r), MAX_TEXT))
            .transpose()?;
        // Linking at intake is offered from the caller's history, so a case of the same caller
        // may be linked even when this user would not otherwise see it.
        let link = match link_to {
            Some(id) => {
                let other = self.case_by_id(id)?;
                let same = same_caller(&intake, &other) && in_history(user, &other);
                if !user.can_see(&other) && !same {
                    return Err(ServiceError::NoSuchCase(id.to_string()));
                }
                self.keep_new_apart(&intake, &other)?;
                Some(other)
            }
            None => None,
        };
        let now = self.now();
        let (prefix, zone, admission) = {
            let s = self.cached();
            let a = admit::admission(
                reviewed.as_ref(),
                link.as_ref(),
                &s.policy,
                &s.calendar,
                s.zone,
                now,
            );
            (s.prefix.clone(), s.zone, a)
        };
        let year = chrono::Datelike::year(&now.date_in(zone));
        let id = self.store.counter(ID_COUNTER)? + 1;
        let seq = self.store.counter(&seq_counter(year))? + 1;
        let number = format_number(&prefix, year, seq as u32);
        let mut events = vec![event(
            actor,
            id,
            0,
            now,
            EventKind::Registered { number, intake },
        )];
        // In the same commit: the case is never seen without its level or bar.
        if admission.worth_recording() {
            events.push(event(
                actor,
                id,
                1,
                now,
                EventKind::Admissibility {
                    level: admission.level,
                    bar: admission.bar,
                },
            ));
        }
        // Link first: the table allows it while the case is still registered.
        if let Some(other) = link.map(|c| c.id) {
            let seq = events.len() as u32;
            events.push(event(
                actor,
                id,
                seq,
                now,
                EventKind::Acted {
                    action: Action::Link,
                    from: State::Registered,
                    to: State::Registered,
                    detail: Detail {
                        target: Some(other),
                        ..Detail::default()
                    },
                },
            ));
        }
        if let Some(text) = result {
            let seq = events.len() as u32;
            events.push(event(
                actor,
                id,
                seq,
                now,
                EventKind::Acted {
                    action: Action::ResolveOnSpot,
                    from: State::Registered,
                    to: State::Resolved,
                    detail: Detail {
                        text: Some(text),
                        ..Detail::default()
                    },
                },
            ));
        }
        let mut puts = vec![
            Put::counter(ID_COUNTER, id),
            Put::counter(&seq_counter(year), seq),
        ];
        if let Some(name) = draft {
            puts.push(Put::delete(
                Meta::Drafts,
                super::drafts::draft_key(user.id, &name),
            ));
        }
        super::reception::record(actor, id, now, received, &mut events, &mut puts)?;
        let mut m = Mutation {
            puts,
            ..Mutation::default()
        };
        self.remember(user, key, id, &mut m)?;
        let case = self.commit_case(None, events, m)?;
        Ok(Reply::Case(Box::new(self.view(user, case)?)))
    }

    pub(super) fn act(
        &self,
        by: By<'_>,
        r: &CaseRef,
        version: u64,
        action: Action,
        detail: Detail,
    ) -> Result<Reply> {
        let By { actor, user, key } = by;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(first) = self.done_before(user, key)? {
            return Ok(first);
        }
        let case = self.visible_case(user, r)?;
        if case.version != version {
            return Err(ServiceError::Stale {
                number: case.number.clone(),
                seen: version,
                current: case.version,
            });
        }
        let rule = authorize(user, &case, action).map_err(ServiceError::Refused)?;
        if action == Action::HandBack {
            self.hand_back_in_window(&case)?;
        }
        let detail = self.resolve_detail(user, &case, action, rule.needs, detail)?;
        let now = self.now();
        let mut m = Mutation::default();
        self.remember(user, key, case.id, &mut m)?;
        if action == Action::Merge
            && let Some(target) = detail.target
        {
            // The surviving case records what was merged into it.
            let t = self.case_by_id(target)?;
            let absorbed = event(
                actor,
                t.id,
                t.events,
                now,
                EventKind::Absorbed { other: case.id },
            );
            let t2 = absorbed.apply(Some(t)).ok_or_else(|| {
                ServiceError::Store(crate::store::StoreError::Corrupt("merge target".into()))
            })?;
            let due = self.due_of(&t2);
            m.cases.push((t2.clone(), due));
            m.events.push(absorbed);
        }
        if action == Action::Feedback {
            self.tell_merged(actor, &case, &detail, now, &mut m)?;
        }
        let ev = event(
            actor,
            case.id,
            case.events,
            now,
            EventKind::Acted {
                action,
                from: case.state,
                to: rule.to.unwrap_or(case.state),
                detail,
            },
        );
        // The merge target, or the merged cases told of the feedback, changed too.
        let others: Vec<Case> = m.cases.iter().map(|(c, _)| c.clone()).collect();
        let case = self.commit_case(Some(case), vec![ev], m)?;
        for other in &others {
            self.publish_case(other, None);
        }
        Ok(Reply::Case(Box::new(self.view(user, case)?)))
    }

    /// Checks that the action carries what the table says it needs, and fills in resolved
    /// values (days of an approved extension); refuses assignment to an accused unit.
    fn resolve_detail(
        &self,
        user: &User,
        case: &Case,
        action: Action,
        needs: &[Need],
        d: Detail,
    ) -> Result<Detail> {
        let mut out = Detail {
            handler: d.handler,
            ..Detail::default()
        };
        let missing = |need| ServiceError::Missing { action, need };
        // A needed text: missing when empty, refused when too long.
        let needed = |need, text: Option<&str>, max| {
            let t = validate::clean(text.unwrap_or_default());
            if t.is_empty() {
                return Err(missing(need));
            }
            validate::required(Field::Content, Some(&t), max)
        };
        // Optional texts an action may carry even when it does not need them.
        out.text = d
            .text
            .as_deref()
            .map(validate::clean)
            .filter(|t| !t.is_empty());
        out.reason = d
            .reason
            .as_deref()
            .map(validate::clean)
            .filter(|t| !t.is_empty());
        for need in needs {
            match need {
                Need::Reason => out.reason = Some(needed(*need, d.reason.as_deref(), MAX_TEXT)?),
                Need::Text => out.text = Some(needed(*need, d.text.as_deref(), MAX_TEXT)?),
                Need::Body => out.body = Some(needed(*need, d.body.as_deref(), MAX_SHORT)?),
                Need::FeedbackMethod => {
                    let m = needed(*need, d.method.as_deref(), MAX_SHORT)?;
                    // Feedback and notices keep the method's code, never a label in the sender's
                    // language.
                    if Method::from_code(&m).is_none() {
                        return Err(ServiceError::invalid(Field::Method, Problem::NotFound));
                    }
                    out.method = Some(m)
                }
                Need::Satisfaction => {
                    out.satisfaction = Some(d.satisfaction.ok_or(missing(*need))?)
                }
                Need::Days => {
                    let days = d.days.filter(|n| *n > 0).ok_or(missing(*need))?;
                    let max = self
                        .cached()
                        .policy
                        .extension_max_days
                        .saturating_sub(case.extension_days);
                    if days > max {
                        return Err(ServiceError::invalid(
                            Field::Days,
                            Problem::OverLimit { max },
                        ));
                    }
                    out.days = Some(days);
                }
                Need::Department => {
                    let dept = d.department.ok_or(missing(*need))?;
                    let depts = self.departments()?;
                    for id in std::iter::once(dept).chain(d.assisting.iter().copied()) {
                        let found = depts.iter().find(|x| x.id == id && x.active);
                        let Some(found) = found else {
                            return Err(ServiceError::invalid(
                                Field::Department,
                                Problem::NotFound,
                            ));
                        };
                        if case.intake.barred_dept() == Some(id) {
                            return Err(ServiceError::AccusedUnit {
                                number: case.number.clone(),
                                department: found.name.clone(),
                            });
                        }
                        self.linked_reports_allow(case, id)?;
                    }
                    if action == Action::Reassign && case.department == Some(dept) {
                        return Err(ServiceError::invalid(Field::Department, Problem::Duplicate));
                    }
                    out.department = Some(dept);
                    out.assisting = d.assisting.iter().copied().filter(|a| *a != dept).collect();
                    if let Some(h) = d.handler {
                        let hu = self.user(h)?;
                        if hu.dept != Some(dept) || !hu.roles.has(Role::Officer) {
                            return Err(ServiceError::invalid(Field::Handler, Problem::NotFound));
                        }
                    }
                }
                Need::Target => {
                    let t = d.target.ok_or(missing(*need))?;
                    if t == case.id {
                        return Err(ServiceError::invalid(Field::Target, Problem::SameCase));
                    }
                    let target = self.case_by_id(t)?;
                    if !user.can_see(&target) || target.links.merged_into.is_some() {
                        return Err(ServiceError::NoSuchCase(t.to_string()));
                    }
                    self.keep_apart(case, &target)?;
                    out.target = Some(t);
                }
            }
        }
        if action == Action::ApproveExtension {
            out.days = case.pending_extension.as_ref().map(|p| p.days);
        }
        // 交办时限: a limit for this case, no shorter than a day and no longer than a year.
        if matches!(action, Action::Assign | Action::Reassign) {
            let (min, max) = self.cached().policy.assigned_limit_range();
            out.days = d
                .days
                .map(|n| {
                    if (min..=max).contains(&n) {
                        Ok(n)
                    } else {
                        Err(ServiceError::invalid(
                            Field::Days,
                            Problem::OutOfRange { min, max },
                        ))
                    }
                })
                .transpose()?;
        }
        if !needs.contains(&Need::Department) {
            out.handler = None;
        }
        Ok(out)
    }

    pub(super) fn edit(
        &self,
        by: By<'_>,
        r: &CaseRef,
        version: u64,
        intake: Intake,
    ) -> Result<Reply> {
        let By { actor, user, key } = by;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(first) = self.done_before(user, key)? {
            return Ok(first);
        }
        let case = self.visible_case(user, r)?;
        if case.version != version {
            return Err(ServiceError::Stale {
                number: case.number.clone(),
                seen: version,
                current: case.version,
            });
        }
        // Clerks and supervisors correct any open case; an operator their own untriaged one.
        let may = case.is_open()
            && (user.role_reaches(Role::Clerk, &case)
                || user.role_reaches(Role::Supervisor, &case)
                || (user.role_reaches(Role::Operator, &case) && case.state == State::Registered));
        if !may {
            return Err(ServiceError::MayNotEdit);
        }
        let mut intake = intake;
        // A form shows numbers masked; sending the masked form back keeps the stored number.
        let (old, new) = (&case.intake.complainant, &mut intake.complainant);
        if new.phone == mask_phone(&old.phone) {
            new.phone = old.phone.clone();
        }
        if normalize_id_number(&new.id_number) == mask_id_number(&old.id_number) {
            new.id_number = old.id_number.clone();
        }
        let depts = self.departments()?;
        super::accused::carry_accused(&case.intake, &mut intake, &depts);
        let mut intake = validate::intake(intake, &depts)?;
        self.check_category(&intake)?;
        if intake.review_of != case.intake.review_of {
            self.check_review_of(user, &intake)?;
        }
        if !user.sees_identity(&case) {
            intake.complainant = case.intake.complainant.clone();
        }
        if let Some(d) = intake.barred_dept()
            && (case.department == Some(d) || case.assisting.contains(&d))
        {
            return Err(ServiceError::AccusedUnit {
                number: case.number.clone(),
                department: self.dept_name(d),
            });
        }
        let ev = event(
            actor,
            case.id,
            case.events,
            self.now(),
            EventKind::Edited { intake },
        );
        let mut m = Mutation::default();
        self.remember(user, key, case.id, &mut m)?;
        let case = self.commit_case(Some(case), vec![ev], m)?;
        Ok(Reply::Case(Box::new(self.view(user, case)?)))
    }

    pub(super) fn reveal(
        &self,
        actor: Actor,
        user: &User,
        r: &CaseRef,
        field: PersonalField,
    ) -> Result<Reply> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let case = self.visible_case(user, r)?;
        let may = user.sees_identity(&case)
            && [Role::Operator, Role::Officer, Role::Clerk, Role::Supervisor]
                .iter()
                .any(|r| user.role_reaches(*r, &case));
        if !may {
            return Err(ServiceError::MayNotReveal);
        }
        let c = &case.intake.complainant;
        let value = match field {
            PersonalField::Phone => c.phone.clone(),
            PersonalField::IdNumber => c.id_number.clone(),
            PersonalField::Identity => format!("{} {} {}", c.name, c.phone, c.id_number),
        };
        let ev = event(
            actor,
            case.id,
            case.events,
            self.now(),
            EventKind::Revealed { field },
        );
        self.commit_case(Some(case), vec![ev], Mutation::default())?;
        Ok(Reply::Revealed(value))
    }
}
