//! The words of reception days (院长接待日) in both languages: weekdays and what a booking,
//! a cancellation, a schedule or a reception refuses. zh.rs and en.rs delegate here.

use chrono::Weekday;

use crate::domain::reception::ReceptionRefusal;

pub(super) fn zh_weekly(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "每周一",
        Weekday::Tue => "每周二",
        Weekday::Wed => "每周三",
        Weekday::Thu => "每周四",
        Weekday::Fri => "每周五",
        Weekday::Sat => "每周六",
        Weekday::Sun => "每周日",
    }
}

pub(super) fn zh_refusal(r: &ReceptionRefusal) -> String {
    match r {
        ReceptionRefusal::MayNotBook => {
            "只有接线员、信访专员和督办领导可以预约、取消和查看接待日来访".into()
        }
        ReceptionRefusal::MayNotSchedule => "只有管理员和督办领导可以设置领导接待日".into(),
        ReceptionRefusal::NotReceptionDay { leader, date } => format!(
            "{date}（{}）不是{leader}的接待日，未预约。请用 xinfang reception schedule 查看接待日安排。",
            &zh_weekly(chrono::Datelike::weekday(date))["每".len()..]
        ),
        ReceptionRefusal::Past { date, today } => {
            format!("{date} 已经过去（今天是 {today}），不能预约，请另选接待日")
        }
        ReceptionRefusal::DayFull { date, max } => {
            format!("{date} 已预约 {max} 人，当日已满，未预约。请另选接待日。")
        }
        ReceptionRefusal::NoSuchBooking(id) => format!("没有预约号 {id}"),
        ReceptionRefusal::Cancelled(id) => format!("预约 {id} 已取消"),
        ReceptionRefusal::Received { booking, number } if number.is_empty() => {
            format!("预约 {booking} 的来访人已经接待并登记")
        }
        ReceptionRefusal::Received { booking, number } => {
            format!("预约 {booking} 的来访人已经接待，登记为案件 {number}")
        }
        ReceptionRefusal::NotYet { booking, date } => {
            format!("预约 {booking} 的接待日是 {date}，还没到，不能登记为已接待")
        }
        ReceptionRefusal::UnknownLeader(l) => format!(
            "领导接待日安排中没有“{l}”，未登记。请用 xinfang reception schedule 查看接待领导的名字。"
        ),
        ReceptionRefusal::Duplicate { leader } => {
            format!("领导接待日安排中{leader}的同一天出现了两次")
        }
        ReceptionRefusal::Holiday { leader, date, next } => {
            let day = |d: &chrono::NaiveDate| {
                format!(
                    "{d}（{}）",
                    &zh_weekly(chrono::Datelike::weekday(d))["每".len()..]
                )
            };
            let then = match next {
                Some(n) => format!("{leader}的下一个接待日是 {}。", day(n)),
                None => "请另选接待日。".into(),
            };
            format!(
                "{}是节假日或休息日，接待日遇节假日顺延，未预约。{then}",
                day(date)
            )
        }
    }
}

pub(super) fn en_weekly(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "every Monday",
        Weekday::Tue => "every Tuesday",
        Weekday::Wed => "every Wednesday",
        Weekday::Thu => "every Thursday",
        Weekday::Fri => "every Friday",
        Weekday::Sat => "every Saturday",
        Weekday::Sun => "every Sunday",
    }
}

pub(super) fn en_refusal(r: &ReceptionRefusal) -> String {
    match r {
        ReceptionRefusal::MayNotBook => {
            "only operators, clerks and supervisors book, cancel and list reception visits".into()
        }
        ReceptionRefusal::MayNotSchedule => {
            "only administrators and supervisors set the leaders' reception days".into()
        }
        ReceptionRefusal::NotReceptionDay { leader, date } => format!(
            "{date} ({}) is not a reception day of {leader}; nothing was booked. See `xinfang reception schedule`.",
            chrono::Datelike::weekday(date)
        ),
        ReceptionRefusal::Past { date, today } => {
            format!("{date} is past (today is {today}); choose a later reception day")
        }
        ReceptionRefusal::DayFull { date, max } => {
            format!(
                "{date} already has {max} visits booked; nothing was booked. Choose another day."
            )
        }
        ReceptionRefusal::NoSuchBooking(id) => format!("no booking {id}"),
        ReceptionRefusal::Cancelled(id) => format!("booking {id} was cancelled"),
        ReceptionRefusal::Received { booking, number } if number.is_empty() => {
            format!("the visitor of booking {booking} was already received and registered")
        }
        ReceptionRefusal::Received { booking, number } => {
            format!("the visitor of booking {booking} was already received: case {number}")
        }
        ReceptionRefusal::NotYet { booking, date } => {
            format!("booking {booking} is for {date}; a visit cannot be received before its day")
        }
        ReceptionRefusal::UnknownLeader(l) => format!(
            "no leader “{l}” in the reception days; nothing was registered. See `xinfang reception schedule` for their names."
        ),
        ReceptionRefusal::Duplicate { leader } => {
            format!("the same day of {leader} is in the reception days twice")
        }
        ReceptionRefusal::Holiday { leader, date, next } => {
            let then = match next {
                Some(n) => format!(
                    "the next reception day of {leader} is {n} ({})",
                    chrono::Datelike::weekday(n)
                ),
                None => "choose another reception day".into(),
            };
            format!(
                "{date} ({}) is a holiday or rest day, and a reception day that falls on one is not held (遇节假日顺延); nothing was booked. {then}.",
                chrono::Datelike::weekday(date)
            )
        }
    }
}
