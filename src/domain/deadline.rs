//! Deadline policies, the clocks of a case, and how urgent it is today.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DayUnit};
use super::case::{Case, Urgency, coded_enum};
use super::important::ImportantRule;
use super::role::CategoryId;
use super::state::State;
use super::time::{Timestamp, Zone};

coded_enum!(
    /// The stages a clock can run for.
    Stage {
        Acceptance = "acceptance",
        Handling = "handling",
        Feedback = "feedback",
        FollowUp = "followup",
        Objection = "objection",
    }
);

coded_enum!(
    /// The milestone a stage's clock starts from.
    Anchor {
        Received = "received",
        Accepted = "accepted",
        Assigned = "assigned",
        Resolved = "resolved",
        Answered = "answered",
    }
);

impl Stage {
    /// Where a stage's clock starts when a site adds it to a policy.
    pub fn default_anchor(self) -> Anchor {
        match self {
            Stage::Acceptance => Anchor::Received,
            Stage::Handling => Anchor::Accepted,
            Stage::Feedback => Anchor::Resolved,
            Stage::FollowUp => Anchor::Answered,
            Stage::Objection => Anchor::Assigned,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    pub days: u32,
    pub unit: DayUnit,
}

impl Limit {
    pub const fn working(days: u32) -> Limit {
        Limit {
            days,
            unit: DayUnit::Working,
        }
    }
    pub const fn calendar(days: u32) -> Limit {
        Limit {
            days,
            unit: DayUnit::Calendar,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRule {
    pub stage: Stage,
    pub from: Anchor,
    pub limit: Limit,
    /// A longer limit when several departments handle the case (hospital rule).
    pub multi_dept: Option<Limit>,
    /// A longer limit when the handling needs investigation (需调查 一个月, against 直接答复 一周).
    pub investigated: Option<Limit>,
    /// The legal basis shown beside the clock.
    pub basis: String,
}

/// A hotline limit for an urgency and/or category; the first matching row applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotlineRow {
    pub urgency: Option<Urgency>,
    pub category: Option<CategoryId>,
    pub limit: Limit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub preset: String,
    pub stages: Vec<StageRule>,
    /// When not empty, the handling limit comes from this table instead of the stage rule.
    pub hotline: Vec<HotlineRow>,
    /// Handling limit of a 复查/复核 case, when the policy has one.
    pub review: Option<Limit>,
    pub review_basis: String,
    /// The most an extension may add to the handling clock.
    pub extension_max_days: u32,
    /// A case is due soon this many working days before its deadline.
    pub due_soon_days: u32,
    /// 《民法典》第二百零三条: a calendar-day period whose last day is a rest day ends on the
    /// next working day. On in every preset; stores written before it existed read it as on.
    pub holiday_shift: bool,
    /// 复核's basis, when it differs from 复查's (`review_basis`).
    pub recheck_basis: String,
    /// How long after the reply a 复查 or 复核 may be asked for (第三十五条: 30日).
    pub review_window: Option<Limit>,
    /// What flags a case important at intake (领导阅批).
    pub important: Vec<ImportantRule>,
    /// How long an archived case is kept before it is due for disposal.
    pub retention: Option<Limit>,
    /// Where `retention` comes from.
    pub retention_basis: String,
}

/// No time limit in any rule we know is longer than a year.
pub const MAX_LIMIT_DAYS: u32 = 366;

/// Added to a calendar-day clock's basis when its last day was a rest day and moved.
const SHIFTED: &str =
    "；《民法典》第二百零三条：期间最后一日为法定休假日的，以休假日结束的次日为最后一日：";

/// Added to a clock's basis when a reopened case counts it again from the reopening.
const REOPENED: &str = "（重新办理，自重新办理之日起重新计算）";

impl Policy {
    /// Refuses limits no rule could mean: a stage's limit of no days, or any longer than a
    /// year (it would also overflow date arithmetic). Hotline rows, the extension and the
    /// due-soon allowance may be 0.
    /// `Err` carries the range the offending number must lie in.
    pub fn validate(&self) -> Result<(), (u32, u32)> {
        let stages = self
            .stages
            .iter()
            .flat_map(|r| std::iter::once(r.limit).chain(r.multi_dept))
            .chain(self.review);
        if stages
            .map(|l| l.days)
            .any(|d| !(1..=MAX_LIMIT_DAYS).contains(&d))
        {
            return Err((1, MAX_LIMIT_DAYS));
        }
        // A hotline row may be 0 working days: the same day (特急件当日办结).
        let allowances = self.hotline.iter().map(|h| h.limit.days);
        if allowances
            .chain([self.extension_max_days, self.due_soon_days])
            .any(|d| d > MAX_LIMIT_DAYS)
        {
            return Err((0, MAX_LIMIT_DAYS));
        }
        Ok(())
    }

    /// The limit that applies to this case's stage, before extensions, and the 复查/复核 basis
    /// when the review limit replaces the stage's own (its basis names a different article).
    fn limit_for(&self, rule: &StageRule, case: &Case) -> (Limit, Option<&str>) {
        let reviewed = case.intake.review_of.is_some() || case.reopen_count > 0;
        if extendable(rule)
            && reviewed
            && let Some(l) = self.review
        {
            let basis = Some(self.review_basis.as_str()).filter(|b| !b.is_empty());
            return (l, basis);
        }
        if rule.stage == Stage::Handling
            && let Some(row) = self.hotline.iter().find(|r| {
                r.urgency.is_none_or(|u| u == case.intake.urgency)
                    && r.category.is_none_or(|c| Some(c) == case.intake.category)
            })
        {
            return (row.limit, None);
        }
        match rule.multi_dept {
            Some(l) if !case.assisting.is_empty() => (l, None),
            _ => (rule.limit, None),
        }
    }
}

/// One stage's clock on one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub stage: Stage,
    pub started: Timestamp,
    pub limit: Limit,
    /// Approved extension days included in `deadline`.
    pub extended: u32,
    /// The last day of the period; the clock ends at 24:00 of it.
    pub deadline: NaiveDate,
    pub due_at: Timestamp,
    pub basis: String,
    /// Years the period touches that have no holiday data: the date (a working-day count or a
    /// §203 shift) and the working days left are weekends-only guesses.
    pub missing_years: Vec<i32>,
    /// Whether the stage is still waiting to be done.
    pub running: bool,
    /// A window to object in, not a duty that goes overdue.
    pub window: bool,
}

/// Where a running clock stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueStatus {
    OnTrack {
        working_days_left: u32,
    },
    /// Within the due-soon window; 0 left means the deadline falls on a day off.
    DueSoon {
        working_days_left: u32,
    },
    /// The deadline is today and has not passed.
    DueToday,
    Overdue {
        working_days: u32,
    },
}

fn anchor_time(case: &Case, a: Anchor) -> Option<Timestamp> {
    let m = &case.milestones;
    match a {
        // Reopening sets `accepted_at` to its own time: a clock counted from receipt (the
        // hospital's feedback) starts afresh there instead of being long overdue.
        Anchor::Received if case.reopen_count > 0 => m.accepted_at.or(Some(case.received_at)),
        Anchor::Received => Some(case.received_at),
        Anchor::Accepted => m.accepted_at,
        Anchor::Assigned => m.assigned_at,
        Anchor::Resolved => m.resolved_at,
        Anchor::Answered => m.answered_at,
    }
}

fn stage_running(case: &Case, stage: Stage) -> bool {
    use State as S;
    let s = case.state;
    let callback = case.intake.complainant.callback_possible();
    match stage {
        Stage::Acceptance => matches!(s, S::Registered | S::AwaitingApproval),
        Stage::Handling => matches!(s, S::Accepted | S::InProgress | S::UnderReview),
        Stage::Objection => s == S::InProgress,
        Stage::Feedback => {
            callback
                && matches!(
                    s,
                    S::Registered
                        | S::AwaitingApproval
                        | S::Accepted
                        | S::InProgress
                        | S::UnderReview
                        | S::Resolved
                )
        }
        Stage::FollowUp => callback && s == S::Answered,
    }
}

/// Whether an approved extension moves this stage's clock: the clock that runs while the case
/// is handled, which is the handling clock, or a feedback clock that starts before the result
/// (the hospital's, from receipt; the government's written reply, from acceptance).
fn extendable(rule: &StageRule) -> bool {
    match rule.stage {
        Stage::Handling => true,
        Stage::Feedback => matches!(
            rule.from,
            Anchor::Received | Anchor::Accepted | Anchor::Assigned
        ),
        _ => false,
    }
}

/// Every clock that has started on the case, in policy order.
pub fn clocks(case: &Case, policy: &Policy, cal: &Calendar, zone: Zone) -> Vec<Clock> {
    let callback = case.intake.complainant.callback_possible();
    policy
        .stages
        .iter()
        .filter(|r| callback || !matches!(r.stage, Stage::Feedback | Stage::FollowUp))
        .filter_map(|rule| {
            let started = anchor_time(case, rule.from)?;
            let (limit, review_basis) = policy.limit_for(rule, case);
            let extended = if extendable(rule) {
                case.extension_days
            } else {
                0
            };
            let basis = match review_basis {
                Some(b) => b.to_string(),
                None if rule.from == Anchor::Received && case.reopen_count > 0 => {
                    format!("{}{REOPENED}", rule.basis)
                }
                None => rule.basis.clone(),
            };
            let start_date = started.date_in(zone);
            let mut count = cal.add_days(start_date, limit.days + extended, limit.unit);
            let mut basis = basis;
            if limit.unit == DayUnit::Calendar && policy.holiday_shift {
                let end = cal.end_on_working_day(count.date);
                if end != count.date {
                    basis.push_str(&format!(
                        "{SHIFTED}{}顺延至{}",
                        count.date.format("%Y-%m-%d"),
                        end.format("%Y-%m-%d")
                    ));
                }
                // The shift and the working days left beside the clock both read every year
                // the period touches.
                count.missing_years = cal.missing_years(start_date, end);
                count.date = end;
            }
            Some(Clock {
                stage: rule.stage,
                started,
                limit,
                extended,
                deadline: count.date,
                due_at: zone.end_of_day(count.date),
                basis,
                missing_years: count.missing_years,
                running: stage_running(case, rule.stage),
                window: rule.stage == Stage::Objection,
            })
        })
        .collect()
}

/// The running duty clock that ends first: what the case is due by.
pub fn due_clock(case: &Case, policy: &Policy, cal: &Calendar, zone: Zone) -> Option<Clock> {
    if !case.is_open() {
        return None;
    }
    clocks(case, policy, cal, zone)
        .into_iter()
        .filter(|c| c.running && !c.window)
        .min_by_key(|c| c.due_at)
}

/// How a deadline stands on `today` (the local date now); `now` decides whether it has passed.
pub fn due_status(
    deadline: NaiveDate,
    due_at: Timestamp,
    now: Timestamp,
    today: NaiveDate,
    cal: &Calendar,
    due_soon_days: u32,
) -> DueStatus {
    if now >= due_at {
        return DueStatus::Overdue {
            working_days: cal.working_days_after(deadline, today),
        };
    }
    if deadline == today {
        return DueStatus::DueToday;
    }
    let left = cal.working_days_after(today, deadline);
    if left <= due_soon_days {
        DueStatus::DueSoon {
            working_days_left: left,
        }
    } else {
        DueStatus::OnTrack {
            working_days_left: left,
        }
    }
}

#[cfg(test)]
#[path = "deadline_tests.rs"]
mod tests;
