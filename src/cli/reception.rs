//! `xinfang reception`: the leaders' reception days (院长接待日), visits booked onto them
//! (约访), the day's list, and registering a visitor received.

use anyhow::anyhow;
use chrono::{Datelike, NaiveDate, Weekday};
use clap::Subcommand;

use crate::domain::reception::{Booking, Day, NewBooking, Reception, ReceptionDay, Schedule};
use crate::lang::{L, Named, Words};
use crate::service::api::{BookingRow, WITHHELD};
use crate::service::{Reply, Request};
use crate::width::{pad, width};

use super::args::{AddArgs, ReportArgs};
use super::{CliResult, Ctx, Failure, output};

#[derive(Subcommand, Debug)]
pub enum ReceptionCmd {
    /// 接待日安排：查看、增加、删除 — show or change the leaders' reception days
    Schedule {
        #[command(subcommand)]
        cmd: Option<ScheduleCmd>,
    },
    /// 约访：预约到某位领导的接待日 — book a visit onto a leader's reception day
    Book {
        /// The reception day, YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// The leader, as the schedule names them
        #[arg(long)]
        leader: String,
        #[arg(long)]
        visitor: String,
        #[arg(long)]
        phone: String,
        #[arg(long)]
        subject: String,
    },
    /// 取消预约 — cancel a booked visit
    Cancel { booking: u64 },
    /// 当日预约来访（默认今天） — the visits booked for a day (today by default)
    List {
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
    },
    /// 接待来访人并登记案件，记下接待领导 — register the case of a booked visitor received;
    /// the visitor's name, phone and subject come from the booking unless given, and an
    /// anonymous report (--anonymous) keeps neither name nor phone
    Receive {
        booking: u64,
        #[command(flatten)]
        report: ReportArgs,
        #[arg(long, default_value = "")]
        subject: String,
        #[arg(long, default_value = "")]
        content: String,
        #[arg(long, default_value = "")]
        demands: String,
        #[arg(long, default_value = "")]
        id_number: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long)]
        category: Option<String>,
        /// normal, urgent, critical
        #[arg(long, default_value = "normal")]
        urgency: String,
        /// Resolve on the spot with this result (当场办结)
        #[arg(long)]
        resolve: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ScheduleCmd {
    Show,
    /// Add a leader's reception days: weekdays (mon…sun, 1–7 or 周二) and/or dates
    Add {
        /// 接待领导 — the leader who receives, e.g. 张院长
        #[arg(long)]
        leader: String,
        /// 职务 — the leader's title, e.g. 院长
        #[arg(long, default_value = "")]
        title: String,
        /// 地点 — where visitors are received
        #[arg(long, default_value = "")]
        place: String,
        /// 每周几，如 周二 或 tue（可多次） — a weekday, repeatable
        #[arg(long = "weekday")]
        weekdays: Vec<String>,
        /// 具体日期 YYYY-MM-DD（可多次） — a date, repeatable
        #[arg(long = "date")]
        dates: Vec<String>,
    },
    /// Remove entries by the numbers `schedule show` prints
    Remove {
        #[arg(required = true)]
        entries: Vec<usize>,
    },
}

fn bad(what: Named, value: &str) -> Failure {
    Failure::unknown(what, value)
}

fn date(text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad(Named::Date, text))
}

fn weekday(text: &str) -> Result<Weekday, Failure> {
    let t = text.trim();
    let t = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("周"))
        .unwrap_or(t);
    let n: u8 = match t {
        "一" | "1" => 0,
        "二" | "2" => 1,
        "三" | "3" => 2,
        "四" | "4" => 3,
        "五" | "5" => 4,
        "六" | "6" => 5,
        "日" | "天" | "7" => 6,
        other => return other.parse().map_err(|_| bad(Named::Weekday, text)),
    };
    Weekday::try_from(n).map_err(|_| bad(Named::Weekday, text))
}

/// Rows padded column by column to the widest cell (display width); the last column unpadded.
fn table(rows: &[Vec<String>]) -> Vec<String> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(c, s)| {
                    if c + 1 == r.len() {
                        s.clone()
                    } else {
                        pad(s, widths[c])
                    }
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// A date with its weekday: "2026-03-03（周二）", "2026-03-03 (Tuesday)".
fn dated(w: &dyn Words, d: NaiveDate) -> String {
    let day = w.weekly(d.weekday());
    match (day.strip_prefix("每"), day.strip_prefix("every ")) {
        (Some(zh), _) => format!("{d}（{zh}）"),
        (None, Some(en)) => format!("{d} ({en})"),
        (None, None) => format!("{d} {day}"),
    }
}

fn day_text(w: &dyn Words, d: Day) -> String {
    match d {
        Day::Weekly(wd) => w.weekly(wd).to_string(),
        Day::On(date) => dated(w, date),
    }
}

fn schedule_table(ctx: &Ctx, s: &Schedule) {
    let w = ctx.words;
    if s.days.is_empty() {
        say!("{}", w.label(L::NoSchedule));
        return;
    }
    let mut rows = vec![vec![
        "#".to_string(),
        w.label(L::When).to_string(),
        w.label(L::Leader).to_string(),
        w.label(L::Title).to_string(),
        w.label(L::Place).to_string(),
    ]];
    for (n, d) in s.days.iter().enumerate() {
        rows.push(vec![
            (n + 1).to_string(),
            day_text(w, d.day),
            d.leader.clone(),
            d.title.clone(),
            d.place.clone(),
        ]);
    }
    for line in table(&rows) {
        say!("{line}");
    }
    if let Some(basis) = s.basis() {
        say!("{} {basis}", w.label(L::Basis));
    }
}

fn status(w: &dyn Words, r: &BookingRow) -> String {
    let b = &r.booking;
    if b.cancelled {
        w.label(L::Cancelled).to_string()
    } else if b.case.is_some() {
        match &r.case_number {
            Some(n) => format!("{} {n}", w.label(L::ReceivedVisit)),
            None => w.label(L::ReceivedVisit).to_string(),
        }
    } else {
        w.label(L::Booked).to_string()
    }
}

/// A withheld visitor or subject in the words case lists use.
fn shown<'a>(w: &'a dyn Words, text: &'a str) -> &'a str {
    if text == WITHHELD {
        w.label(L::WithheldShort)
    } else {
        text
    }
}

fn booking_cells(w: &dyn Words, r: &BookingRow) -> Vec<String> {
    let b: &Booking = &r.booking;
    vec![
        b.id.to_string(),
        b.leader.clone(),
        b.place.clone(),
        shown(w, &b.visitor).to_string(),
        b.phone.clone(),
        status(w, r),
        shown(w, &b.subject).to_string(),
    ]
}

fn bookings_table(ctx: &Ctx, rows: &[BookingRow]) {
    let w = ctx.words;
    let mut lines = vec![
        [
            L::Booking,
            L::Leader,
            L::Place,
            L::Visitor,
            L::Phone,
            L::State,
            L::Subject,
        ]
        .iter()
        .map(|l| w.label(*l).to_string())
        .collect::<Vec<_>>(),
    ];
    lines.extend(rows.iter().map(|r| booking_cells(w, r)));
    for line in table(&lines) {
        say!("{line}");
    }
}

fn schedule(ctx: &Ctx) -> Result<Schedule, Failure> {
    match ctx.call(Request::ReceptionSchedule)? {
        Reply::Schedule(s) => Ok(s),
        _ => Err(Failure::Other(anyhow!("unexpected reply"))),
    }
}

fn set_schedule(ctx: &Ctx, s: Schedule) -> CliResult {
    let reply = ctx.call(Request::SetReceptionSchedule(s))?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Schedule(s) = r {
            schedule_table(ctx, s);
        }
    })
}

fn schedule_cmd(ctx: &Ctx, cmd: Option<ScheduleCmd>) -> CliResult {
    match cmd.unwrap_or(ScheduleCmd::Show) {
        ScheduleCmd::Show => {
            let reply = ctx.call(Request::ReceptionSchedule)?;
            ctx.emit(&reply, |ctx, r| {
                if let Reply::Schedule(s) = r {
                    schedule_table(ctx, s);
                }
            })
        }
        ScheduleCmd::Add {
            leader,
            title,
            place,
            weekdays,
            dates,
        } => {
            if weekdays.is_empty() && dates.is_empty() {
                return Err(Failure::Other(anyhow!(
                    "{}: {}",
                    ctx.words.label(L::When),
                    ctx.words.label(L::GiveWeekdayOrDate)
                )));
            }
            let days = weekdays
                .iter()
                .map(|d| weekday(d).map(Day::Weekly))
                .chain(dates.iter().map(|d| date(d).map(Day::On)))
                .collect::<Result<Vec<_>, _>>()?;
            let mut s = schedule(ctx)?;
            s.days.extend(days.into_iter().map(|day| ReceptionDay {
                leader: leader.clone(),
                title: title.clone(),
                place: place.clone(),
                day,
            }));
            set_schedule(ctx, s)
        }
        ScheduleCmd::Remove { entries } => {
            let mut s = schedule(ctx)?;
            if let Some(n) = entries.iter().find(|n| **n == 0 || **n > s.days.len()) {
                return Err(bad(Named::Entry, &n.to_string()));
            }
            let mut n = 0;
            s.days.retain(|_| {
                n += 1;
                !entries.contains(&n)
            });
            set_schedule(ctx, s)
        }
    }
}

pub fn run(ctx: &Ctx, cmd: ReceptionCmd) -> CliResult {
    match cmd {
        ReceptionCmd::Schedule { cmd } => schedule_cmd(ctx, cmd),
        ReceptionCmd::Book {
            date: d,
            leader,
            visitor,
            phone,
            subject,
        } => {
            let reply = ctx.call(Request::Book(NewBooking {
                date: date(&d)?,
                leader,
                visitor,
                phone,
                subject,
            }))?;
            ctx.emit(&reply, |ctx, r| {
                if let Reply::Booking(b) = r {
                    say!("{}", dated(ctx.words, b.booking.date));
                    bookings_table(ctx, std::slice::from_ref(b));
                }
            })
        }
        ReceptionCmd::Cancel { booking } => {
            let reply = ctx.call(Request::CancelBooking(booking))?;
            ctx.emit(&reply, |ctx, r| {
                if let Reply::Booking(b) = r {
                    bookings_table(ctx, std::slice::from_ref(b));
                }
            })
        }
        ReceptionCmd::List { date: d } => {
            let date = d.as_deref().map(date).transpose()?;
            let reply = ctx.call(Request::Bookings { date })?;
            ctx.emit(&reply, |ctx, r| {
                if let Reply::Bookings { date, rows } = r {
                    say!("{}", dated(ctx.words, *date));
                    if rows.is_empty() {
                        say!("{}", ctx.words.label(L::NoBookings));
                    } else {
                        bookings_table(ctx, rows);
                    }
                }
            })
        }
        ReceptionCmd::Receive {
            booking,
            report,
            subject,
            content,
            demands,
            id_number,
            address,
            category,
            urgency,
            resolve,
        } => {
            // A visitor received at a reception day came in person.
            let args = AddArgs {
                channel: "visit".into(),
                report,
                subject,
                content,
                demands,
                id_number,
                address,
                category,
                urgency,
                head_count: 1,
                ..AddArgs::default()
            };
            let intake = super::cases::intake_of(ctx, &args)?;
            let reply = ctx.call(Request::Intake {
                intake,
                resolve,
                link_to: None,
                draft: None,
                reception: Some(Reception::Booking(booking)),
            })?;
            ctx.emit(&reply, |ctx, r| {
                if let Reply::Case(v) = r {
                    output::registered(ctx, v);
                }
            })
        }
    }
}
