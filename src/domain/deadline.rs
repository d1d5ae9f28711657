//! Deadline policies, the clocks of a case, and how urgent it is today.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DayUnit};
use super::case::{Urgency, coded_enum};
use super::important::ImportantRule;
use super::role::CategoryId;
use super::time::Timestamp;

coded_enum!(
    /// The stages a clock can run for.
    Stage {
        Acceptance = "acceptance",
        Handling = "handling",
        Feedback = "feedback",
        FollowUp = "followup",
        Objection = "objection",
        /// 受理告知: the petitioner told whether the matter was accepted, not accepted or
        /// transferred (第二十二条、第二十三条).
        Notice = "notice",
        /// 延期告知: the petitioner told why the handling period was extended (第三十四条).
        ExtensionNotice = "extension_notice",
        /// 复查/复核申请期: the window to ask the body above to look again (第三十五条).
        ReviewWindow = "review_window",
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
        /// The reply: the 答复意见书 or the feedback, whichever came first.
        Replied = "replied",
        /// The latest approved extension.
        Extended = "extended",
        /// Receipt of a 复查/复核 request (第三十五条: 自收到复查请求之日起).
        Requested = "requested",
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
            Stage::Notice => Anchor::Received,
            Stage::ExtensionNotice => Anchor::Extended,
            Stage::ReviewWindow => Anchor::Replied,
        }
    }

    /// A window the petitioner may act in, not a duty that goes overdue.
    pub fn is_window(self) -> bool {
        matches!(self, Stage::Objection | Stage::ReviewWindow)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    /// How many of `unit`: days, or months for `DayUnit::Months`.
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
    /// "一个月内": `days` counts months (《民法典》第二百零二条).
    pub const fn months(months: u32) -> Limit {
        Limit {
            days: months,
            unit: DayUnit::Months,
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
    /// Cases received before this time were registered by a build that could not record a
    /// notice: no notice clock (受理告知, 延期告知) runs for them, or an upgraded store would
    /// wake to every open case overdue on a duty nobody could mark done. Set once by the
    /// service when it upgrades such a store; kept in the settings, not with the site's rules.
    #[serde(skip)]
    pub notices_from: Option<Timestamp>,
}

/// No time limit in any rule we know is longer than a year.
pub const MAX_LIMIT_DAYS: u32 = 366;

/// No rule we know gives more than a year in months either.
pub const MAX_LIMIT_MONTHS: u32 = 12;

impl Limit {
    /// The range this limit's number must lie in (`min` for the smallest allowed).
    pub(crate) fn range(self, min: u32) -> (u32, u32) {
        match self.unit {
            DayUnit::Months => (min, MAX_LIMIT_MONTHS),
            _ => (min, MAX_LIMIT_DAYS),
        }
    }
}

impl Policy {
    /// Refuses limits no rule could mean: a stage's limit of no days, or any longer than a
    /// year (it would also overflow date arithmetic). Hotline rows, the extension and the
    /// due-soon allowance may be 0.
    /// `Err` carries the range the offending number must lie in.
    pub fn validate(&self) -> Result<(), (u32, u32)> {
        let stages = self
            .stages
            .iter()
            .flat_map(|r| [Some(r.limit), r.multi_dept, r.investigated])
            .chain([self.review, self.review_window])
            .flatten();
        // A hotline row may be 0 working days: the same day (特急件当日办结).
        let allowances = self.hotline.iter().map(|h| h.limit);
        let checks = stages
            .map(|l| (l, l.range(1)))
            .chain(allowances.map(|l| (l, l.range(0))));
        for (l, (min, max)) in checks {
            if !(min..=max).contains(&l.days) {
                return Err((min, max));
            }
        }
        if [self.extension_max_days, self.due_soon_days]
            .iter()
            .any(|d| *d > MAX_LIMIT_DAYS)
        {
            return Err((0, MAX_LIMIT_DAYS));
        }
        Ok(())
    }
}

/// One stage's clock on one case: a view computed from the case, the policy and the calendar,
/// never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub stage: Stage,
    /// Where the clock starts from (for a 复查/复核 case: the receipt of the request).
    pub from: Anchor,
    pub started: Timestamp,
    pub limit: Limit,
    /// Approved extension days included in `deadline` (calendar days for a clock in months).
    pub extended: u32,
    /// Days the clock stood still (finished pauses), in its own unit (calendar days for a
    /// clock in months), included in `deadline`.
    pub paused_days: u32,
    /// A pause lasts: the clock stands still and cannot go overdue until it is resumed.
    pub paused: bool,
    /// The last day of the period; the clock ends at 24:00 of it.
    pub deadline: NaiveDate,
    pub due_at: Timestamp,
    pub basis: String,
    /// Years the period touches that have no holiday data: the date (a working-day count or a
    /// §203 shift) and the working days left are weekends-only guesses.
    pub missing_years: Vec<i32>,
    /// Whether the stage is still waiting to be done.
    pub running: bool,
    /// A window to act in (an objection, a request for 复查), not a duty that goes overdue.
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

#[path = "clock_model.rs"]
mod model;
pub use model::{clocks, due_clock};

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

#[cfg(test)]
#[path = "clock_model_tests.rs"]
mod clock_model_tests;
