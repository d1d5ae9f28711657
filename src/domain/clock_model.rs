//! How a case's clocks run: where each starts, which limit applies to this case, when it is
//! done, and how extensions and pauses move it.
//!
//! Pauses (听证、鉴定、补充材料; 第三十六条 leaves hearing time out of the period): like a period
//! itself (《民法典》第二百零一条, the first day is not counted), the day a pause begins still
//! counts and the clock stands still from the next day through the day it is resumed: a pause
//! from Friday to Tuesday stands still on Saturday, Sunday, Monday and Tuesday. Those days are
//! added to the deadline in the clock's unit: the working days among them for a working-day
//! clock (a 调休 Saturday among them), all of them for a clock in calendar days or months. Only
//! days after the clock started count, and only for a clock not yet done when the pause began.
//! A pause that still lasts adds nothing yet: the clock shows as paused and is not due.

use chrono::NaiveDate;

use super::{Anchor, Clock, Limit, Policy, Stage, StageRule};
use crate::domain::calendar::{Calendar, DayUnit};
use crate::domain::case::{Case, Level, Notice, Pause};
use crate::domain::state::State;
use crate::domain::time::{Timestamp, Zone};

/// Added to a clock's basis when its last day was a rest day and moved.
const SHIFTED: &str =
    "；《民法典》第二百零三条：期间最后一日为法定休假日的，以休假日结束的次日为最后一日：";

/// Added to a clock's basis when a reopened case counts it again from the reopening.
const REOPENED: &str = "（重新办理，自重新办理之日起重新计算）";

/// The basis of a handling clock whose limit was set for this case when it was assigned.
const ASSIGNED: &str = "交办时限（限期办结）：交办时为本案确定，自交办之日起计算";

/// The limit a clock runs for on this case, where it starts, and its basis when not the rule's.
struct Chosen {
    limit: Limit,
    from: Anchor,
    basis: Option<String>,
    /// 第三十五条、第三十六条 give 复查/复核 30 days and no extension.
    fixed: bool,
}

/// A clock that runs while the matter is handled: the handling clock, or a feedback clock that
/// starts before the result (the hospital's, from receipt; the government's written reply,
/// from acceptance).
fn runs_while_handled(rule: &StageRule) -> bool {
    match rule.stage {
        Stage::Handling => true,
        Stage::Feedback => matches!(
            rule.from,
            Anchor::Received | Anchor::Accepted | Anchor::Assigned
        ),
        _ => false,
    }
}

/// The clock a 交办时限 replaces: the handling stage's, or where a policy has none (the
/// hospital) the feedback clock that runs while the case is handled.
fn takes_assigned_limit(policy: &Policy, rule: &StageRule) -> bool {
    match rule.stage {
        Stage::Handling => true,
        _ => runs_while_handled(rule) && !policy.stages.iter().any(|r| r.stage == Stage::Handling),
    }
}

impl Policy {
    /// The range a 交办时限 must lie in: 1 to a year in the unit of the clock it replaces
    /// (366 days, or 12 months for a handling stage counted in months).
    pub fn assigned_limit_range(&self) -> (u32, u32) {
        let unit = self
            .stages
            .iter()
            .find(|r| takes_assigned_limit(self, r))
            .map_or(DayUnit::Calendar, |r| r.limit.unit);
        Limit { days: 1, unit }.range(1)
    }
}

/// The basis of the 复查/复核 limit when the case is at one of those levels or was reopened.
fn review_basis<'a>(policy: &'a Policy, case: &Case) -> Option<&'a str> {
    let recheck = case.level == Level::Recheck;
    let review =
        case.level == Level::Review || case.intake.review_of.is_some() || case.reopen_count > 0;
    let basis = if recheck && !policy.recheck_basis.is_empty() {
        &policy.recheck_basis
    } else if recheck || review {
        &policy.review_basis
    } else {
        return None;
    };
    Some(basis.as_str())
}

fn choose(policy: &Policy, rule: &StageRule, case: &Case) -> Chosen {
    let own = |limit| Chosen {
        limit,
        from: rule.from,
        basis: None,
        fixed: false,
    };
    if takes_assigned_limit(policy, rule)
        && let Some(n) = case.assigned_limit
    {
        // Counted in the stage's unit now: if a site changed the unit since, the number is
        // held to that unit's range rather than read as, say, 45 months.
        let unit = rule.limit.unit;
        let (_, max) = Limit { days: 1, unit }.range(1);
        return Chosen {
            limit: Limit {
                days: n.min(max),
                unit,
            },
            from: Anchor::Assigned,
            basis: Some(ASSIGNED.to_string()),
            fixed: false,
        };
    }
    if runs_while_handled(rule)
        && let Some(l) = policy.review
        && let Some(basis) = review_basis(policy, case)
    {
        // 第三十五条: 自收到复查请求之日起; a reopened case counts from its reopening.
        let from = if case.reopen_count > 0 {
            rule.from
        } else {
            Anchor::Requested
        };
        return Chosen {
            limit: l,
            from,
            basis: Some(basis.to_string()).filter(|b| !b.is_empty()),
            fixed: true,
        };
    }
    if rule.stage == Stage::Handling
        && let Some(row) = policy.hotline.iter().find(|r| {
            r.urgency.is_none_or(|u| u == case.intake.urgency)
                && r.category.is_none_or(|c| Some(c) == case.intake.category)
        })
    {
        return own(row.limit);
    }
    match (rule.investigated, rule.multi_dept) {
        (Some(l), _) if case.investigation => own(l),
        (_, Some(l)) if !case.assisting.is_empty() => own(l),
        _ => own(rule.limit),
    }
}

/// When one of these notices was first given at or after `since`.
fn notice_since(case: &Case, notices: &[Notice], since: Timestamp) -> Option<Timestamp> {
    case.notices
        .iter()
        .find(|n| notices.contains(&n.notice) && n.at >= since)
        .map(|n| n.at)
}

fn anchor_time(case: &Case, a: Anchor) -> Option<Timestamp> {
    let m = &case.milestones;
    match a {
        // A request barred at registration (终结, or asked too late) is not taken in: the
        // review's own period never starts.
        Anchor::Requested if case.bar.is_some() => None,
        // A clock counted from receipt (the hospital's feedback) starts afresh at a reopening
        // instead of being long overdue.
        Anchor::Received | Anchor::Requested => Some(case.round_start()),
        Anchor::Accepted => m.accepted_at,
        Anchor::Assigned => m.assigned_at,
        Anchor::Resolved => m.resolved_at,
        Anchor::Answered => m.answered_at,
        Anchor::Replied => case.replied_at(),
        Anchor::Extended => case
            .extensions
            .last()
            .map(|g| g.at)
            .filter(|at| *at >= case.round_start()),
    }
}

/// The notices that complete the 受理告知 clock.
const ACCEPTANCE_NOTICES: &[Notice] = &[Notice::Accepted, Notice::NotAccepted, Notice::Transferred];

/// When a duty clock was done, if it was (`None` while it runs, or when nothing tells).
fn done_at(case: &Case, stage: Stage, started: Timestamp) -> Option<Timestamp> {
    let m = &case.milestones;
    let first = |ts: &[Option<Timestamp>]| ts.iter().flatten().copied().min();
    match stage {
        Stage::Acceptance => first(&[m.accepted_at, m.resolved_at, m.closed_at]),
        Stage::Handling => first(&[m.resolved_at, m.closed_at]),
        Stage::Feedback => first(&[
            m.answered_at,
            notice_since(case, &[Notice::Reply], started),
            m.closed_at,
        ]),
        Stage::FollowUp => first(&[m.followed_up_at, m.closed_at]),
        Stage::Notice => told_of_acceptance(case, started),
        Stage::ExtensionNotice => notice_since(case, &[Notice::Extended], started),
        Stage::Objection | Stage::ReviewWindow => None,
    }
}

/// When the petitioner was told how the matter is taken in: a notice of acceptance,
/// non-acceptance or transfer, or an answer itself (a case resolved on the spot is told on the
/// spot, 第二十三条's 当场告知; an answered or replied case has been told more than that).
fn told_of_acceptance(case: &Case, started: Timestamp) -> Option<Timestamp> {
    let m = &case.milestones;
    let on_the_spot = m.resolved_at.filter(|_| m.accepted_at.is_none());
    [
        notice_since(case, ACCEPTANCE_NOTICES, started),
        on_the_spot,
        case.replied_at(),
    ]
    .into_iter()
    .flatten()
    .min()
}

fn stage_running(case: &Case, stage: Stage, started: Timestamp) -> bool {
    use State as S;
    let s = case.state;
    match stage {
        Stage::Acceptance => matches!(s, S::Registered | S::AwaitingApproval),
        Stage::Handling => matches!(s, S::Accepted | S::InProgress | S::UnderReview),
        Stage::Objection => s == S::InProgress,
        // Done by the feedback or by a 答复意见书 (第三十二条).
        Stage::Feedback => {
            matches!(
                s,
                S::Registered
                    | S::AwaitingApproval
                    | S::Accepted
                    | S::InProgress
                    | S::UnderReview
                    | S::Resolved
            ) && notice_since(case, &[Notice::Reply], started).is_none()
        }
        Stage::FollowUp => s == S::Answered,
        // Owed on a case not accepted or transferred out too, until it is archived.
        Stage::Notice => {
            !matches!(s, S::Archived | S::Merged) && told_of_acceptance(case, started).is_none()
        }
        Stage::ExtensionNotice => {
            case.is_open() && notice_since(case, &[Notice::Extended], started).is_none()
        }
        Stage::ReviewWindow => true,
    }
}

/// Whether something that happened at `t` reached this clock: it had started and was not done.
fn ran_at(started: Timestamp, done: Option<Timestamp>, t: Timestamp) -> bool {
    started <= t && done.is_none_or(|d| d > t)
}

/// Days a finished pause held this clock still, in its unit (calendar days for months).
fn paused_days(p: &Pause, started: Timestamp, unit: DayUnit, cal: &Calendar, zone: Zone) -> u32 {
    let Some(to) = p.to else { return 0 };
    let from = p.from.max(started).date_in(zone);
    let to = to.date_in(zone);
    match unit {
        DayUnit::Working => cal.working_days_after(from, to),
        DayUnit::Calendar | DayUnit::Months => {
            u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
        }
    }
}

/// `extra` days after `date` in the unit; a clock in months takes extra days as calendar days.
fn add_extra(cal: &Calendar, date: NaiveDate, limit: Limit, extra: u32) -> (NaiveDate, Vec<i32>) {
    let unit = match limit.unit {
        DayUnit::Months => DayUnit::Calendar,
        u => u,
    };
    let c = cal.add_days(date, extra, unit);
    (c.date, c.missing_years)
}

/// Every clock that has started on the case, in policy order.
pub fn clocks(case: &Case, policy: &Policy, cal: &Calendar, zone: Zone) -> Vec<Clock> {
    let callback = case.intake.complainant.callback_possible();
    policy
        .stages
        .iter()
        // Nobody to tell: no feedback, notice, follow-up or request for review.
        .filter(|r| {
            callback
                || matches!(
                    r.stage,
                    Stage::Acceptance | Stage::Handling | Stage::Objection
                )
        })
        // After 复核 the matter is final (终结): nothing further to ask for.
        .filter(|r| !(r.stage == Stage::ReviewWindow && case.level == Level::Recheck))
        .filter_map(|rule| clock(case, policy, rule, cal, zone))
        .collect()
}

fn clock(
    case: &Case,
    policy: &Policy,
    rule: &StageRule,
    cal: &Calendar,
    zone: Zone,
) -> Option<Clock> {
    let chosen = choose(policy, rule, case);
    // 受理告知 is owed once for the matter, from its receipt: a reopening does not restart it.
    let started = match rule.stage {
        Stage::Notice if chosen.from == Anchor::Received => case.received_at,
        _ => anchor_time(case, chosen.from)?,
    };
    // A notice owed from before the store could record notices is owed by nobody.
    if matches!(rule.stage, Stage::Notice | Stage::ExtensionNotice)
        && policy.notices_from.is_some_and(|t| started < t)
    {
        return None;
    }
    let window = rule.stage.is_window();
    let running = stage_running(case, rule.stage, started);
    let done = if running {
        None
    } else {
        done_at(case, rule.stage, started)
    };
    // An extension lengthens the handling of the matter: the clocks running when it was
    // granted, not the notices owed by a fixed day, nor a window.
    let extended: u32 =
        if window || chosen.fixed || matches!(rule.stage, Stage::Notice | Stage::ExtensionNotice) {
            0
        } else {
            case.extensions
                .iter()
                .filter(|g| ran_at(started, done, g.at))
                .map(|g| g.days)
                .sum()
        };
    let limit = chosen.limit;
    // 第三十六条 leaves hearing time out of the handling period: the clocks of the handling
    // stand still, never the registration's duties, the notices or the follow-up.
    let pausable = runs_while_handled(rule);
    let paused_days: u32 = if !pausable {
        0
    } else {
        case.pauses
            .iter()
            .filter(|p| p.to.is_some_and(|to| to >= started) && done.is_none_or(|d| d > p.from))
            .map(|p| paused_days(p, started, limit.unit, cal, zone))
            .sum()
    };
    let mut basis = match chosen.basis {
        Some(b) => b,
        None if rule.from == Anchor::Received
            && rule.stage != Stage::Notice
            && case.reopen_count > 0 =>
        {
            format!("{}{REOPENED}", rule.basis)
        }
        None => rule.basis.clone(),
    };
    let start_date = started.date_in(zone);
    let (date, mut missing_years) = match limit.unit {
        DayUnit::Months => {
            let months = cal.add_days(start_date, limit.days, DayUnit::Months);
            add_extra(cal, months.date, limit, extended + paused_days)
        }
        _ => add_extra(cal, start_date, limit, limit.days + extended + paused_days),
    };
    let mut deadline = date;
    if limit.unit != DayUnit::Working && policy.holiday_shift {
        let end = cal.end_on_working_day(date);
        if end != date {
            basis.push_str(&format!(
                "{SHIFTED}{}顺延至{}",
                date.format("%Y-%m-%d"),
                end.format("%Y-%m-%d")
            ));
        }
        // The shift and the working days left beside the clock both read every year the
        // period touches.
        missing_years = cal.missing_years(start_date, end);
        deadline = end;
    }
    let due_at = zone.end_of_day(deadline);
    // A clock already late when the pause began stays late: a pause does not hide it.
    let paused = running && pausable && case.paused().is_some_and(|p| p.from < due_at);
    Some(Clock {
        stage: rule.stage,
        from: chosen.from,
        started,
        limit,
        extended,
        paused_days,
        paused,
        deadline,
        due_at,
        basis,
        missing_years,
        running,
        window,
    })
}

/// The running duty clock that ends first: what the case is due by. A clock standing still
/// (a pause lasts) is not due; a case not accepted or transferred out still owes its notice.
pub fn due_clock(case: &Case, policy: &Policy, cal: &Calendar, zone: Zone) -> Option<Clock> {
    clocks(case, policy, cal, zone)
        .into_iter()
        .filter(|c| c.running && !c.window && !c.paused)
        .min_by_key(|c| c.due_at)
}
