//! Leaders' reception days (院长接待日/领导接待日): when each leader receives visitors in
//! person, and the visits booked onto those days (约访).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::case::CaseId;
use super::role::UserId;
use super::time::Timestamp;

pub type BookingId = u64;

/// Visits one day may hold, over all its leaders: a reception day is a few hours.
pub const MAX_BOOKINGS_PER_DAY: usize = 50;
/// Entries of a schedule (a weekday or a date each).
pub const MAX_SCHEDULE_DAYS: usize = 200;
/// Characters of a leader's name or title, or a visitor's name.
pub const MAX_NAME: u32 = 50;
/// Characters of a place.
pub const MAX_PLACE: u32 = 100;

/// When a leader receives: every given weekday, or on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Day {
    Weekly(Weekday),
    On(NaiveDate),
}

impl Day {
    pub fn falls_on(self, date: NaiveDate) -> bool {
        match self {
            Day::Weekly(w) => date.weekday() == w,
            Day::On(d) => d == date,
        }
    }
}

/// One leader's reception day, with where visitors go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceptionDay {
    pub leader: String,
    pub title: String,
    /// Empty when the schedule names no place.
    pub place: String,
    pub day: Day,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub days: Vec<ReceptionDay>,
}

impl Schedule {
    /// The schedule a preset starts with: a court's 院长接待日 each Tuesday and Friday; other
    /// institutions name their own leaders.
    pub fn preset(preset: &str) -> Schedule {
        if preset != "court" {
            return Schedule::default();
        }
        let day = |w| ReceptionDay {
            leader: "院长".into(),
            title: "院长".into(),
            place: String::new(),
            day: Day::Weekly(w),
        };
        Schedule {
            days: vec![day(Weekday::Tue), day(Weekday::Fri)],
        }
    }

    /// The source the schedule follows, when it is still the court's preset as shipped.
    pub fn basis(&self) -> Option<&'static str> {
        (*self == Schedule::preset("court")).then_some(super::presets::COURT_RECEPTION)
    }

    /// The entries that fall on `date`, in schedule order.
    pub fn on(&self, date: NaiveDate) -> impl Iterator<Item = &ReceptionDay> {
        self.days.iter().filter(move |d| d.day.falls_on(date))
    }

    /// The entry by which `leader` receives on `date`, if any.
    pub fn receives(&self, leader: &str, date: NaiveDate) -> Option<&ReceptionDay> {
        self.on(date).find(|d| d.leader == leader)
    }

    pub fn knows(&self, leader: &str) -> bool {
        self.days.iter().any(|d| d.leader == leader)
    }
}

/// A visit booked onto a leader's reception day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: BookingId,
    pub date: NaiveDate,
    pub leader: String,
    /// The leader's title and the place as the schedule said when the visit was booked.
    pub title: String,
    pub place: String,
    pub visitor: String,
    pub phone: String,
    pub subject: String,
    pub booked_by: UserId,
    pub booked_at: Timestamp,
    pub cancelled: bool,
    /// The case registered when the visitor was received.
    pub case: Option<CaseId>,
}

/// What a booking asks for; the service fills in the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBooking {
    pub date: NaiveDate,
    pub leader: String,
    pub visitor: String,
    pub phone: String,
    pub subject: String,
}

/// Who received a case registered at a reception day: a leader named, or a booked visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reception {
    Leader(String),
    Booking(BookingId),
}

/// Why a booking, a cancellation, a schedule or a reception is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReceptionRefusal {
    /// Only operators, clerks and supervisors book, cancel and list visits.
    MayNotBook,
    /// Only administrators and supervisors set the schedule.
    MayNotSchedule,
    NotReceptionDay {
        leader: String,
        date: NaiveDate,
    },
    Past {
        date: NaiveDate,
        today: NaiveDate,
    },
    DayFull {
        date: NaiveDate,
        max: u32,
    },
    NoSuchBooking(BookingId),
    Cancelled(BookingId),
    /// The visitor was received; the case number says where.
    Received {
        booking: BookingId,
        number: String,
    },
    /// A visit cannot be received before its day.
    NotYet {
        booking: BookingId,
        date: NaiveDate,
    },
    UnknownLeader(String),
    /// A schedule entry the same as another.
    Duplicate {
        leader: String,
    },
    /// The leader's day falls on a holiday or weekend (遇节假日顺延); `next` is their next
    /// reception day that is a working day, when one falls within a year.
    Holiday {
        leader: String,
        date: NaiveDate,
        next: Option<NaiveDate>,
    },
}

/// How far ahead the next working reception day is looked for.
const LOOK_AHEAD_DAYS: u64 = 366;

/// Whether `leader` may be booked on `date` seen from `today`; the entry that allows it. A
/// reception day that falls on a holiday or a weekend is not held (遇节假日顺延), and a
/// make-up working day (调休上班) that is one of the leader's days is.
pub fn bookable<'a>(
    schedule: &'a Schedule,
    calendar: &Calendar,
    leader: &str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<&'a ReceptionDay, ReceptionRefusal> {
    if date < today {
        return Err(ReceptionRefusal::Past { date, today });
    }
    let entry =
        schedule
            .receives(leader, date)
            .ok_or_else(|| ReceptionRefusal::NotReceptionDay {
                leader: leader.to_string(),
                date,
            })?;
    if !calendar.is_working_day(date) {
        let next = (1..=LOOK_AHEAD_DAYS)
            .filter_map(|n| date.checked_add_days(Days::new(n)))
            .find(|d| schedule.receives(leader, *d).is_some() && calendar.is_working_day(*d));
        return Err(ReceptionRefusal::Holiday {
            leader: leader.to_string(),
            date,
            next,
        });
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_court_receives_on_tuesdays_and_fridays_and_others_start_empty() {
        let s = Schedule::preset("court");
        // 2026-03-03 is a Tuesday, 03-06 a Friday, 03-04 a Wednesday.
        assert!(s.receives("院长", d(2026, 3, 3)).is_some());
        assert!(s.receives("院长", d(2026, 3, 6)).is_some());
        assert!(s.receives("院长", d(2026, 3, 4)).is_none());
        assert!(Schedule::preset("government").days.is_empty());
    }

    #[test]
    fn a_booking_needs_the_leaders_day_and_not_a_past_one() {
        let mut s = Schedule::preset("court");
        s.days.push(ReceptionDay {
            leader: "张副院长".into(),
            title: "副院长".into(),
            place: "一楼接待室".into(),
            day: Day::On(d(2026, 3, 4)),
        });
        let today = d(2026, 3, 2);
        let cal = Calendar::shipped();
        assert_eq!(
            bookable(&s, &cal, "张副院长", d(2026, 3, 4), today).map(|e| e.place.as_str()),
            Ok("一楼接待室")
        );
        assert_eq!(
            bookable(&s, &cal, "院长", d(2026, 3, 4), today),
            Err(ReceptionRefusal::NotReceptionDay {
                leader: "院长".into(),
                date: d(2026, 3, 4)
            })
        );
        // Friday 2026-02-27 was a reception day, but it is over.
        assert_eq!(
            bookable(&s, &cal, "院长", d(2026, 2, 27), today),
            Err(ReceptionRefusal::Past {
                date: d(2026, 2, 27),
                today
            })
        );
        assert!(bookable(&s, &cal, "院长", d(2026, 3, 3), d(2026, 3, 3)).is_ok());
    }
}
