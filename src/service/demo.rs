//! Realistic synthetic cases for demos and benchmarks, deterministic by seed.
//!
//! Each case walks the real transition table (every step is checked with `authorize`) from its
//! intake at a time spread over the last 18 months; steps that would fall after now are not
//! taken, so recent cases are left open at every stage and some of them late.

use crate::demo::corpus::{CATEGORIES, DEPARTMENTS};
use crate::demo::rng::Rng;
use crate::domain::case::Case;
use crate::domain::event::{Event, EventKind};
use crate::domain::number::format_number;
use crate::domain::role::{Category, Department, Role, Roles, User};
use crate::domain::time::Timestamp;
use crate::store::{Bulk, Meta, Mutation, Put};

use super::api::Reply;
use super::demo_walk::{office_hours, simulate};
use super::error::ServiceError;
use super::{Result, Service};

pub(super) const DAY: i64 = 86_400;
const SPAN_DAYS: i64 = 548;

/// The people a demo store has, by role.
pub(super) struct Staff {
    pub(super) operators: Vec<User>,
    pub(super) clerk: User,
    pub(super) leader: User,
    /// One officer per department, by department index.
    pub(super) officers: Vec<User>,
}

impl Service {
    pub(super) fn load_demo(&self, user: &User, cases: u64, seed: u64) -> Result<Reply> {
        if !user.roles.has(Role::Admin) {
            return Err(ServiceError::AdminOnly);
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if self.store.case_count() > 0 {
            return Err(ServiceError::NotEmpty);
        }
        let (depts, cats) = self.demo_reference()?;
        let staff = self.demo_staff(&depts)?;
        let now = self.now();
        let (prefix, zone) = {
            let s = self.cached();
            (s.prefix.clone(), s.zone)
        };
        let mut rng = Rng::new(seed);
        let mut bulk = Bulk::journaled(&self.store)?;
        let mut seqs: std::collections::BTreeMap<i32, u64> = Default::default();
        let start = now.0 - SPAN_DAYS * DAY;
        let step = (SPAN_DAYS * DAY) / cases.max(1) as i64;
        // Cases held back so that a later duplicate can still be merged into them.
        let mut window: std::collections::VecDeque<(Case, Vec<Event>)> = Default::default();
        for i in 0..cases {
            let id = i + 1;
            let spread = Timestamp(start + i as i64 * step + rng.below(step.max(1) as u64) as i64);
            let received = office_hours(spread).min(now);
            let year = chrono::Datelike::year(&received.date_in(zone));
            let seq = seqs.entry(year).or_insert(0);
            *seq += 1;
            let number = format_number(&prefix, year, *seq as u32);
            let Some((case, events, merge_into)) = simulate(
                &mut rng, id, number, received, now, &depts, &cats, &staff, &window,
            ) else {
                continue;
            };
            if let Some(target) = merge_into
                && let Some(slot) = window.iter_mut().find(|(c, _)| c.id == target)
            {
                absorb(slot, id, &events);
            }
            window.push_back((case, events));
            if window.len() > 64
                && let Some((c, ev)) = window.pop_front()
            {
                let due = self.due_of(&c);
                bulk.add(&c, &ev, due)?;
            }
        }
        for (c, ev) in window {
            let due = self.due_of(&c);
            bulk.add(&c, &ev, due)?;
        }
        let mut counters = vec![("case_id".to_string(), cases)];
        counters.extend(seqs.iter().map(|(y, n)| (format!("seq:{y}"), *n)));
        bulk.finish(&counters)?;
        self.forget_dues();
        Ok(Reply::Demo { cases })
    }

    /// Departments and categories from the corpus, created when missing.
    fn demo_reference(&self) -> Result<(Vec<Department>, Vec<Category>)> {
        let mut depts: Vec<Department> = self.store.departments()?;
        let mut puts = Vec::new();
        let mut next = self.store.counter("dept_id")? as u32;
        let mut dept_ids = Vec::new();
        for seed in DEPARTMENTS {
            let id = match depts.iter().find(|d| d.name == seed.name) {
                Some(d) => d.id,
                None => {
                    next += 1;
                    let d = Department {
                        id: next,
                        name: seed.name.into(),
                        code: seed.code.into(),
                        active: true,
                        aliases: Vec::new(),
                    };
                    puts.push(Put::department(&d)?);
                    depts.push(d);
                    next
                }
            };
            dept_ids.push(id);
        }
        puts.push(Put::counter("dept_id", u64::from(next)));
        let mut cats: Vec<Category> = self.store.all(Meta::Categories)?;
        let mut next_cat = self.store.counter("category_id")? as u32;
        let mut out_cats = Vec::new();
        for seed in CATEGORIES {
            let c = match cats.iter().find(|c| c.name == seed.name) {
                Some(c) => c.clone(),
                None => {
                    next_cat += 1;
                    let c = Category {
                        id: next_cat,
                        name: seed.name.into(),
                        dept: dept_ids.get(seed.dept).copied(),
                        active: true,
                    };
                    puts.push(Put::value(Meta::Categories, next_cat.to_be_bytes(), &c)?);
                    cats.push(c.clone());
                    c
                }
            };
            out_cats.push(c);
        }
        puts.push(Put::counter("category_id", u64::from(next_cat)));
        self.store.commit(&Mutation {
            puts,
            ..Mutation::default()
        })?;
        let ordered = dept_ids
            .iter()
            .filter_map(|id| depts.iter().find(|d| d.id == *id).cloned())
            .collect();
        Ok((ordered, out_cats))
    }

    fn demo_user(
        &self,
        login: &str,
        name: &str,
        roles: &[Role],
        dept: Option<u32>,
    ) -> Result<User> {
        if let Some(id) = self.store.get::<u32>(Meta::Logins, login.as_bytes())? {
            return self.user(id);
        }
        self.create_user(login, name, roles.iter().copied().collect::<Roles>(), dept)
    }

    fn demo_staff(&self, depts: &[Department]) -> Result<Staff> {
        let operators = vec![
            self.demo_user("demo-operator1", "王晓燕", &[Role::Operator], None)?,
            self.demo_user("demo-operator2", "李建国", &[Role::Operator], None)?,
        ];
        let clerk = self.demo_user("demo-clerk", "陈静", &[Role::Clerk], None)?;
        let leader = self.demo_user("demo-leader", "赵志刚", &[Role::Supervisor], None)?;
        let names = [
            "刘洋", "张伟", "杨帆", "黄磊", "周敏", "吴涛", "徐丽", "孙强", "马超", "朱琳", "胡军",
            "郭红", "何平", "高峰", "林芳",
        ];
        let mut officers = Vec::new();
        for (i, d) in depts.iter().enumerate() {
            let login = format!(
                "demo-officer-{}",
                if d.code.is_empty() {
                    d.id.to_string()
                } else {
                    d.code.clone()
                }
            );
            officers.push(self.demo_user(
                &login,
                names[i % names.len()],
                &[Role::Officer],
                Some(d.id),
            )?);
        }
        Ok(Staff {
            operators,
            clerk,
            leader,
            officers,
        })
    }
}

/// Records on a held-back case that a later one was merged into it, at its place in time.
fn absorb(slot: &mut (Case, Vec<Event>), other: u64, other_events: &[Event]) {
    let events = &mut slot.1;
    // Office hours can put the target's registration after the duplicate's merge: the merge
    // is then recorded just after the registration, never before it (the timeline must fold).
    let registered = events.first().map_or(Timestamp(0), |e| e.at);
    let at = other_events
        .last()
        .map_or(registered, |e| e.at)
        .max(registered);
    let pos = events
        .iter()
        .position(|e| e.at > at)
        .unwrap_or(events.len())
        .max(1);
    let actor = other_events.last().map_or(0, |e| e.actor);
    events.insert(
        pos,
        Event {
            case: slot.0.id,
            seq: 0,
            at,
            actor,
            via: None,
            kind: EventKind::Absorbed { other },
        },
    );
    for (i, e) in events.iter_mut().enumerate() {
        e.seq = i as u32;
    }
    if let Some(c) = crate::domain::event::fold(events.iter()) {
        slot.0 = c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Channel, Complainant, Intake, Kind};
    use crate::domain::event::fold;

    fn registered(case: u64, at: i64, subject: &str) -> Event {
        Event {
            case,
            seq: 0,
            at: Timestamp(at),
            actor: 1,
            via: None,
            kind: EventKind::Registered {
                number: format!("XF2026-{case:05}"),
                intake: Intake::new(
                    Channel::Phone,
                    Kind::Complaint,
                    Complainant::default(),
                    subject,
                    "电梯停运三天",
                ),
            },
        }
    }

    #[test]
    fn a_duplicate_merged_before_its_target_was_registered_is_recorded_after_it() {
        let reg = registered(1, 10_000, "电梯故障");
        let Some(case) = fold([&reg]) else {
            panic!("a registration folds");
        };
        let mut slot = (case, vec![reg]);
        absorb(&mut slot, 2, &[registered(2, 9_880, "电梯又坏了")]);
        assert!(matches!(slot.1[0].kind, EventKind::Registered { .. }));
        assert!(matches!(slot.1[1].kind, EventKind::Absorbed { other: 2 }));
        assert!(slot.1[1].at >= slot.1[0].at);
        assert_eq!(fold(slot.1.iter()).as_ref(), Some(&slot.0));
    }
}
