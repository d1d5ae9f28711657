//! The words of time limits in both languages: a due status in a sentence and in a few cells,
//! a limit, a period and where it counts from. zh.rs and en.rs delegate here.

use crate::domain::calendar::DayUnit;
use crate::domain::deadline::{Anchor, DueStatus, Limit};

pub(super) fn zh_due(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } => {
            if n == 0 {
                "剩不足1个工作日".into()
            } else {
                format!("剩{n}个工作日")
            }
        }
        DueStatus::DueToday => "今日到期".into(),
        DueStatus::Overdue { working_days: 0 } => "已逾期".into(),
        DueStatus::Overdue { working_days: n } => format!("逾期{n}个工作日"),
    }
}

/// A due status in a few cells, for a table column.
pub(super) fn zh_due_short(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } if n > 0 => format!("剩{n}日"),
        DueStatus::OnTrack { .. } | DueStatus::DueSoon { .. } => "不足1日".into(),
        DueStatus::DueToday => "今日到期".into(),
        DueStatus::Overdue { working_days: 0 } => "已逾期".into(),
        DueStatus::Overdue { working_days: n } => format!("逾期{n}日"),
    }
}

pub(super) fn zh_limit(l: Limit) -> String {
    match (l.days, l.unit) {
        (0, _) => "当日".into(),
        (n, DayUnit::Working) => format!("{n}个工作日"),
        (n, DayUnit::Calendar) => format!("{n}日"),
        (n, DayUnit::Months) => format!("{n}个月"),
    }
}

pub(super) fn zh_period(a: Anchor, l: Limit) -> String {
    let from = match a {
        Anchor::Received => "自收到之日起",
        Anchor::Accepted => "自受理之日起",
        Anchor::Assigned => "自交办之日起",
        Anchor::Resolved => "自办结之日起",
        Anchor::Answered => "自答复之日起",
        Anchor::Replied => "自书面答复之日起",
        Anchor::Extended => "自批准延期之日起",
        Anchor::Requested => "自收到复查（复核）请求之日起",
    };
    format!("{from}{}", zh_limit(l))
}

pub(super) fn en_due(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } => match n {
            0 => "less than a working day left".into(),
            1 => "1 working day left".into(),
            n => format!("{n} working days left"),
        },
        DueStatus::DueToday => "due today".into(),
        DueStatus::Overdue { working_days: 0 } => "overdue".into(),
        DueStatus::Overdue { working_days: 1 } => "1 working day overdue".into(),
        DueStatus::Overdue { working_days: n } => format!("{n} working days overdue"),
    }
}

/// A due status in a few cells, for a table column.
pub(super) fn en_due_short(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } if n > 0 => format!("{n}d left"),
        DueStatus::OnTrack { .. } | DueStatus::DueSoon { .. } => "<1d left".into(),
        DueStatus::DueToday => "due today".into(),
        DueStatus::Overdue { working_days: 0 } => "late".into(),
        DueStatus::Overdue { working_days: n } => format!("{n}d late"),
    }
}

pub(super) fn en_limit(l: Limit) -> String {
    match (l.days, l.unit) {
        (0, _) => "same day".into(),
        (1, DayUnit::Working) => "1 working day".into(),
        (n, DayUnit::Working) => format!("{n} working days"),
        (1, DayUnit::Calendar) => "1 day".into(),
        (n, DayUnit::Calendar) => format!("{n} days"),
        (1, DayUnit::Months) => "1 month".into(),
        (n, DayUnit::Months) => format!("{n} months"),
    }
}

pub(super) fn en_period(a: Anchor, l: Limit) -> String {
    let from = match a {
        Anchor::Received => "from receipt",
        Anchor::Accepted => "from acceptance",
        Anchor::Assigned => "from assignment",
        Anchor::Resolved => "from resolution",
        Anchor::Answered => "from the answer",
        Anchor::Replied => "from the written reply",
        Anchor::Extended => "from the extension",
        Anchor::Requested => "from the request for review",
    };
    format!("{} {from}", en_limit(l))
}
