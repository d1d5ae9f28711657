//! One synthetic case's life: a walk through the transition table with realistic delays.

use crate::demo::corpus::{self, CATEGORIES};
use crate::demo::rng::Rng;
use crate::domain::case::{Case, Channel, Complainant, Intake, Kind, Satisfaction, Urgency};
use crate::domain::event::{Detail, Event, EventKind};
use crate::domain::role::{Category, Department, User};
use crate::domain::state::{Action, authorize};
use crate::domain::time::Timestamp;

use super::demo::{DAY, Staff};

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
pub(super) fn office_hours(t: Timestamp) -> Timestamp {
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

/// A written notice as the desk records one: by letter, with what was sent.
fn notice(content: &str) -> Detail {
    Detail {
        method: Some("letter".into()),
        text: Some(content.into()),
        ..Detail::default()
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn simulate(
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
        intake.complainant.clear_identity();
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
            w.step(
                days(rng, 0, 3),
                &clerk,
                Action::NotifyNotAccepted,
                notice("不予受理告知书已邮寄送达，告知理由及救济途径"),
            );
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
            w.step(
                days(rng, 0, 3),
                &clerk,
                Action::NotifyTransferred,
                notice("转送告知书已邮寄送达，告知受理机关"),
            );
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
        // Most desks send the 受理告知 within days; a few forget, and the overdue pane shows it.
        if rng.chance(95) {
            w.step(
                days(rng, 0, 6),
                &clerk,
                Action::NotifyAccepted,
                notice("受理告知书已邮寄送达"),
            );
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
        let asked = w.case.pending_extension.as_ref().map(|p| p.days);
        if w.step(
            days(rng, 0, 3),
            leader,
            Action::ApproveExtension,
            Detail {
                days: asked,
                ..Detail::default()
            },
        ) {
            let clerk = w.staff.clerk.clone();
            w.step(
                days(rng, 0, 4),
                &clerk,
                Action::NotifyExtended,
                notice("延期办理告知书已送达，告知延期理由"),
            );
        }
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
    let method = ["phone", "letter", "sms", "in_person"][rng.below(4) as usize].to_string();
    let fb = Detail {
        method: Some(method),
        text: Some(corpus::feedback(rng)),
        ..Detail::default()
    };
    if !w.case.intake.complainant.callback_possible() {
        w.step(days(rng, 1, 10), clerk, Action::Archive, Detail::default());
        return;
    }
    if rng.chance(50) {
        w.step(
            days(rng, 0, 3),
            clerk,
            Action::ReplyLetter,
            notice("书面答复意见书已送达"),
        );
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
    // An unsatisfied case not reopened is archived with the decision recorded.
    let decision = match verdict {
        Satisfaction::Unsatisfied => reason("已告知可在30日内申请复查，信访人未申请".into()),
        _ => Detail::default(),
    };
    w.step(days(rng, 1, 15), clerk, Action::Archive, decision);
}
