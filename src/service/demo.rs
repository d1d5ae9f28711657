//! Realistic synthetic cases for demos and benchmarks, deterministic by seed.
//!
//! Each case walks the real transition table (every step is checked with `authorize`) from its
//! intake at a time spread over the last 18 months; steps that would fall after now are not
//! taken, so recent cases are left open at every stage and some of them late.

use crate::demo::corpus::{self, CATEGORIES, DEPARTMENTS};
use crate::demo::rng::Rng;
use crate::domain::case::{Case, Channel, Complainant, Intake, Kind, Satisfaction, Urgency};
use crate::domain::event::{Detail, Event, EventKind};
use crate::domain::number::format_number;
use crate::domain::role::{Category, Department, Role, Roles, User};
use crate::domain::state::{Action, authorize};
use crate::domain::time::Timestamp;
use crate::store::{Bulk, Meta, Mutation, Put};

use super::api::Reply;
use super::error::ServiceError;
use super::{Result, Service};

const DAY: i64 = 86_400;
const SPAN_DAYS: i64 = 548;

/// The people a demo store has, by role.
struct Staff {
    operators: Vec<User>,
    clerk: User,
    leader: User,
    /// One officer per department, by department index.
    officers: Vec<User>,
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
        let mut bulk = Bulk::new(&self.store);
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
        Ok(Reply::Demo { cases })
    }

    /// Departments and categories from the corpus, created when missing.
    fn demo_reference(&self) -> Result<(Vec<Department>, Vec<Category>)> {
        let mut depts: Vec<Department> = self.store.all(Meta::Depts)?;
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
                    };
                    puts.push(Put::value(Meta::Depts, next.to_be_bytes(), &d)?);
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
    let at = other_events.last().map_or(Timestamp(0), |e| e.at);
    let events = &mut slot.1;
    let pos = events
        .iter()
        .position(|e| e.at > at)
        .unwrap_or(events.len());
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

struct Walk<'a> {
    case: Case,
    events: Vec<Event>,
    t: Timestamp,
    now: Timestamp,
    staff: &'a Staff,
    depts: &'a [Department],
}

impl Walk<'_> {
    /// Takes the action after `delay` seconds if that is still in the past and the table allows it.
    fn step(&mut self, delay: i64, actor: &User, action: Action, detail: Detail) -> bool {
        let at = office_hours(Timestamp(self.t.0 + delay.max(60)));
        if at > self.now {
            return false;
        }
        let Ok(rule) = authorize(actor, &self.case, action) else {
            return false;
        };
        let ev = Event {
            case: self.case.id,
            seq: self.case.events,
            at,
            actor: actor.id,
            via: None,
            kind: EventKind::Acted {
                action,
                from: self.case.state,
                to: rule.to.unwrap_or(self.case.state),
                detail,
            },
        };
        match ev.apply(Some(self.case.clone())) {
            Some(c) => {
                self.case = c;
                self.events.push(ev);
                self.t = at;
                true
            }
            None => false,
        }
    }

    fn officer(&self) -> &User {
        let d = self.case.department.unwrap_or(0);
        self.staff
            .officers
            .iter()
            .find(|o| o.dept == Some(d))
            .unwrap_or(&self.staff.clerk)
    }
}

/// Moves a time outside 08:30–17:30 (UTC+8) to the next morning, as desks work office hours.
fn office_hours(t: Timestamp) -> Timestamp {
    let local = t.0 + 8 * 3600;
    let secs = local.rem_euclid(DAY);
    let (open, close) = (8 * 3600 + 1800, 17 * 3600 + 1800);
    if (open..close).contains(&secs) {
        return t;
    }
    let next_day = if secs >= close { DAY } else { 0 };
    Timestamp(t.0 - secs + next_day + open + secs % (2 * 3600))
}

fn days(rng: &mut Rng, lo: u64, hi: u64) -> i64 {
    rng.range(lo * 24, hi * 24) as i64 * 3600 + rng.below(3600) as i64
}

fn text(t: String) -> Detail {
    Detail {
        text: Some(t),
        ..Detail::default()
    }
}

fn reason(t: String) -> Detail {
    Detail {
        reason: Some(t),
        ..Detail::default()
    }
}

fn intake(rng: &mut Rng, depts: &[Department], cats: &[Category]) -> Intake {
    let p = corpus::person(rng);
    let m = corpus::matter(rng);
    let kind = Kind::ALL.get(m.kind).copied().unwrap_or(Kind::Complaint);
    let channel = Channel::ALL[rng.weighted(&[45, 8, 12, 25, 3, 2, 5])];
    let anonymous = rng.chance(if kind == Kind::Report { 25 } else { 3 });
    let visit_group = channel == Channel::Visit && rng.chance(10);
    let head_count = if visit_group {
        rng.range(3, 30) as u32
    } else {
        1
    };
    let representatives = if visit_group {
        (0..rng.range(1, 5))
            .map(|_| corpus::person(rng).name)
            .collect()
    } else {
        Vec::new()
    };
    let accused_dept = m
        .accused_unit
        .as_deref()
        .and_then(|u| depts.iter().find(|d| u.contains(d.name.as_str())))
        .map(|d| d.id);
    Intake {
        channel,
        kind,
        complainant: Complainant {
            name: p.name,
            phone: p.phone,
            id_number: if rng.chance(60) {
                p.id_number
            } else {
                String::new()
            },
            address: p.address,
            anonymous,
            confidential: kind == Kind::Report && !anonymous && rng.chance(70),
            no_callback: !anonymous && rng.chance(4),
            head_count,
            representatives,
        },
        subject: m.subject,
        content: m.content,
        demands: m.demands,
        category: cats.get(m.category).map(|c| c.id),
        urgency: Urgency::ALL[rng.weighted(&[85, 12, 3])],
        important: rng
            .chance(3)
            .then(|| "涉及群体性诉求，社会关注度高".to_string()),
        accused_unit: m.accused_unit,
        accused_dept,
        review_of: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn simulate(
    rng: &mut Rng,
    id: u64,
    number: String,
    received: Timestamp,
    now: Timestamp,
    depts: &[Department],
    cats: &[Category],
    staff: &Staff,
    window: &std::collections::VecDeque<(Case, Vec<Event>)>,
) -> Option<(Case, Vec<Event>, Option<u64>)> {
    let mut intake = intake(rng, depts, cats);
    if intake.complainant.anonymous {
        let c = &mut intake.complainant;
        c.name.clear();
        c.phone.clear();
        c.id_number.clear();
        c.address.clear();
        c.representatives.clear();
    }
    let registrar = rng.pick(&staff.operators).clone();
    let first = Event {
        case: id,
        seq: 0,
        at: received,
        actor: registrar.id,
        via: None,
        kind: EventKind::Registered { number, intake },
    };
    let case = first.apply(None)?;
    let mut w = Walk {
        case,
        events: vec![first],
        t: received,
        now,
        staff,
        depts,
    };
    let clerk = staff.clerk.clone();
    let leader = staff.leader.clone();
    let roll = rng.below(100);
    // Side exits at triage.
    if w.case.intake.kind == Kind::Inquiry && roll < 40 {
        w.step(
            600,
            &registrar,
            Action::ResolveOnSpot,
            text(corpus::result(rng, 0)),
        );
    } else if roll < 4 {
        if w.step(
            days(rng, 0, 5),
            &clerk,
            Action::NotAccept,
            reason(corpus::reason(rng)),
        ) {
            w.step(days(rng, 1, 10), &clerk, Action::Archive, Detail::default());
        }
        return Some((w.case, w.events, None));
    } else if roll < 8 {
        let body = corpus::transfer_body(rng).to_string();
        if w.step(
            days(rng, 0, 5),
            &clerk,
            Action::TransferOut,
            Detail {
                body: Some(body),
                ..Detail::default()
            },
        ) {
            w.step(days(rng, 1, 10), &clerk, Action::Archive, Detail::default());
        }
        return Some((w.case, w.events, None));
    } else if roll < 10
        && let Some((target, _)) = window
            .iter()
            .rev()
            .find(|(c, _)| c.links.merged_into.is_none() && c.is_open())
    {
        let t = target.id;
        if w.step(
            days(rng, 0, 3),
            &clerk,
            Action::Merge,
            Detail {
                target: Some(t),
                ..Detail::default()
            },
        ) {
            return Some((w.case, w.events, Some(t)));
        }
        return Some((w.case, w.events, None));
    } else {
        if !w.step(days(rng, 0, 4), &clerk, Action::Accept, Detail::default()) {
            return Some((w.case, w.events, None));
        }
        if w.case.intake.important.is_some()
            && !w.step(
                days(rng, 0, 3),
                &leader,
                Action::ApproveImportant,
                text("请相关部门高度重视，依法依规妥善处理。".into()),
            )
        {
            return Some((w.case, w.events, None));
        }
        if !assign(rng, &mut w, &clerk, depts) {
            return Some((w.case, w.events, None));
        }
        if rng.chance(4) {
            let officer = w.officer().clone();
            if w.step(
                days(rng, 1, 4),
                &officer,
                Action::HandBack,
                reason(corpus::reason(rng)),
            ) && !assign(rng, &mut w, &clerk, depts)
            {
                return Some((w.case, w.events, None));
            }
        }
        handle(rng, &mut w, &leader);
    }
    close(rng, &mut w, &clerk, &leader);
    Some((w.case, w.events, None))
}

fn assign(rng: &mut Rng, w: &mut Walk, clerk: &User, depts: &[Department]) -> bool {
    let usual = w
        .case
        .intake
        .category
        .and_then(|c| CATEGORIES.get(c as usize - 1))
        .map(|c| c.dept);
    let mut idx = usual.unwrap_or(0) % depts.len().max(1);
    if Some(depts[idx].id) == w.case.intake.accused_dept || Some(depts[idx].id) == w.case.department
    {
        idx = (idx + 1 + rng.below(depts.len() as u64 - 1) as usize) % depts.len();
    }
    if Some(depts[idx].id) == w.case.intake.accused_dept {
        idx = (idx + 1) % depts.len();
    }
    let officer = w.staff.officers.get(idx).map(|o| o.id);
    let detail = Detail {
        department: Some(depts[idx].id),
        handler: officer,
        ..Detail::default()
    };
    w.step(days(rng, 0, 5), clerk, Action::Assign, detail)
}

/// Investigation, result, review; some cases stall long enough to be late.
fn handle(rng: &mut Rng, w: &mut Walk, leader: &User) {
    let officer = w.officer().clone();
    if rng.chance(50)
        && !w.step(
            days(rng, 1, 10),
            &officer,
            Action::Note,
            text(corpus::note(rng)),
        )
    {
        return;
    }
    if rng.chance(5)
        && w.step(
            days(rng, 5, 30),
            &officer,
            Action::RequestExtension,
            Detail {
                days: Some(rng.range(10, 30) as u32),
                reason: Some("案情复杂，需进一步调查核实".into()),
                ..Detail::default()
            },
        )
    {
        w.step(
            days(rng, 0, 3),
            leader,
            Action::ApproveExtension,
            Detail::default(),
        );
    }
    let slow = rng.chance(12);
    let delay = if slow {
        days(rng, 45, 110)
    } else {
        days(rng, 2, 35)
    };
    if rng.chance(15) {
        w.step(
            delay / 2,
            leader,
            Action::Urge,
            text("请加快办理进度，按期反馈结果。".into()),
        );
    }
    if !w.step(
        delay,
        &officer,
        Action::Submit,
        text(corpus::result(rng, 0)),
    ) {
        return;
    }
    let clerk = w.staff.clerk.clone();
    if rng.chance(10)
        && w.step(
            days(rng, 0, 4),
            &clerk,
            Action::Return,
            reason(corpus::reason(rng)),
        )
    {
        w.step(
            days(rng, 2, 15),
            &officer,
            Action::Submit,
            text(corpus::result(rng, 0)),
        );
    }
    w.step(days(rng, 0, 4), &clerk, Action::Approve, Detail::default());
}

fn close(rng: &mut Rng, w: &mut Walk, clerk: &User, leader: &User) {
    let method = ["电话", "书面", "短信", "当面"][rng.below(4) as usize].to_string();
    let fb = Detail {
        method: Some(method),
        text: Some(corpus::feedback(rng)),
        ..Detail::default()
    };
    if !w.case.intake.complainant.callback_possible() {
        w.step(days(rng, 1, 10), clerk, Action::Archive, Detail::default());
        return;
    }
    if !w.step(days(rng, 0, 5), clerk, Action::Feedback, fb) {
        return;
    }
    let verdict = Satisfaction::ALL[rng.weighted(&[70, 22, 8])];
    if !w.step(
        days(rng, 1, 8),
        clerk,
        Action::FollowUp,
        Detail {
            satisfaction: Some(verdict),
            ..Detail::default()
        },
    ) {
        return;
    }
    if verdict == Satisfaction::Unsatisfied && rng.chance(50) {
        if w.step(
            days(rng, 0, 3),
            clerk,
            Action::Reopen,
            reason("投诉人对处理结果不满意，申请复查".into()),
        ) {
            let depts = w.depts;
            if w.case.department.is_none() && !assign(rng, w, clerk, depts) {
                return;
            }
            handle(rng, w, leader);
            close(rng, w, clerk, leader);
        }
        return;
    }
    w.step(days(rng, 1, 15), clerk, Action::Archive, Detail::default());
}
