//! What intake finds out about a new case before it is registered: the review level of a
//! 复查/复核 and whether the matter may be taken in at all (终结, or asked too late:
//! 《信访工作条例》第三十五条、第三十六条), and the important-letter rules (领导阅批).

use chrono::NaiveDate;

use crate::domain::calendar::{Calendar, DayUnit};
use crate::domain::case::{Bar, Case, Intake, Level};
use crate::domain::deadline::{Limit, Policy, Stage, clocks};
use crate::domain::important::reasons;
use crate::domain::role::User;
use crate::domain::time::{Timestamp, Zone};

/// 第三十五条: a 复查 may be asked for within 30 days of the reply; 复核 likewise.
pub const DEFAULT_REVIEW_WINDOW: Limit = Limit::calendar(30);

/// 终结: the matter went through 复核 and was answered or closed, or it was registered as final.
pub fn is_final(case: &Case) -> bool {
    case.bar == Some(Bar::Final)
        || (case.level == Level::Recheck
            && case.bar.is_none()
            && (case.replied_at().is_some() || !case.is_open()))
}

/// The last day a 复查/复核 of this case may be asked for, `None` while it has no answer: the
/// policy's 复查 window clock where it has one (the very clock the desk shows), else the
/// policy's window or 30 days counted from the day after the reply, moved off a rest day when
/// the policy follows 《民法典》第二百零三条.
pub fn window_ends(
    reviewed: &Case,
    policy: &Policy,
    cal: &Calendar,
    zone: Zone,
) -> Option<NaiveDate> {
    let replied = reviewed.replied_at()?;
    if let Some(k) = clocks(reviewed, policy, cal, zone)
        .into_iter()
        .find(|k| k.stage == Stage::ReviewWindow)
    {
        return Some(k.deadline);
    }
    let window = policy.review_window.unwrap_or(DEFAULT_REVIEW_WINDOW);
    let last = cal
        .add_days(replied.date_in(zone), window.days, window.unit)
        .date;
    Some(if window.unit != DayUnit::Working && policy.holiday_shift {
        cal.end_on_working_day(last)
    } else {
        last
    })
}

/// Where a new case stands in the review levels, and why it may not be accepted if it may not.
pub struct Admission {
    pub level: Level,
    pub bar: Option<Bar>,
}

impl Admission {
    /// Whether the registration records it (a first letter with no bar says nothing new).
    pub fn worth_recording(&self) -> bool {
        self.level != Level::First || self.bar.is_some()
    }
}

/// The reviewed case's level + 1; after a 复核 the matter is final. A request after the window
/// is late. A new letter linked to a final matter is final too.
pub fn admission(
    reviewed: Option<&Case>,
    linked: Option<&Case>,
    policy: &Policy,
    cal: &Calendar,
    zone: Zone,
    now: Timestamp,
) -> Admission {
    let level = match reviewed.map(|r| r.level) {
        None => Level::First,
        Some(Level::First) => Level::Review,
        Some(Level::Review | Level::Recheck) => Level::Recheck,
    };
    let final_matter = reviewed.is_some_and(|r| r.level == Level::Recheck || is_final(r))
        || linked.is_some_and(is_final);
    let late = reviewed
        .and_then(|r| window_ends(r, policy, cal, zone))
        .is_some_and(|end| now.date_in(zone) > end);
    // A request about a request that was not taken in is not taken in either.
    let inherited = reviewed.and_then(|r| r.bar);
    let bar = if final_matter {
        Some(Bar::Final)
    } else if late {
        Some(Bar::Late)
    } else {
        inherited
    };
    Admission { level, bar }
}

/// A 复查/复核 is asked by the petitioner of the reviewed case: an intake naming no one carries
/// their identity when this user may see it, and the accused unit (so the new case is kept from
/// it as the first was) when the intake names none.
pub fn carry_from_reviewed(user: &User, reviewed: &Case, intake: &mut Intake) {
    let c = &intake.complainant;
    let blank = !c.anonymous
        && c.name.trim().is_empty()
        && c.phone.trim().is_empty()
        && c.id_number.trim().is_empty();
    if blank && user.sees_identity(reviewed) {
        intake.complainant = reviewed.intake.complainant.clone();
    }
    if intake.accused_unit.is_none() && intake.accused_dept.is_none() {
        intake.accused_unit = reviewed.intake.accused_unit.clone();
        intake.accused_dept = reviewed.intake.accused_dept;
    }
}

/// The policy's rules flag an intake the operator did not mark important, with their reasons.
pub fn flag_important(policy: &Policy, intake: &mut Intake) {
    if intake.important.is_none() {
        intake.important = reasons(&policy.important, intake);
    }
}
