//! Reception days (院长接待日): the schedule, visits booked onto it (约访), and the leader a
//! case received at one records.

use chrono::NaiveDate;

use crate::domain::case::{Case, CaseId, Intake};
use crate::domain::event::{Event, EventKind};
use crate::domain::number::{mask_phone, normalize_phone};
use crate::domain::reception::{
    Booking, BookingId, MAX_BOOKINGS_PER_DAY, NewBooking, Reception, ReceptionRefusal, Schedule,
    bookable,
};
use crate::domain::role::{Role, User};
use crate::domain::time::Timestamp;
use crate::store::{Mutation, Put};

use super::api::{Actor, BookingRow, Change, Reply, WITHHELD};
use super::commands::event;
use super::error::{Field, Problem, ServiceError};
use super::{Result, Service};

/// Those who receive visitors book, cancel and list the visits.
const BOOKERS: [Role; 3] = [Role::Operator, Role::Clerk, Role::Supervisor];

fn refused(r: ReceptionRefusal) -> ServiceError {
    ServiceError::Reception(r)
}

fn may_book(user: &User) -> Result<()> {
    if BOOKERS.iter().any(|r| user.roles.has(*r)) {
        Ok(())
    } else {
        Err(refused(ReceptionRefusal::MayNotBook))
    }
}

fn required(field: Field, text: &str) -> Result<()> {
    if text.is_empty() {
        return Err(ServiceError::invalid(field, Problem::Empty));
    }
    Ok(())
}

/// What a case received at a reception day brings to its intake: the leader, and the booked
/// visit it answers.
pub(super) struct Received {
    leader: String,
    booking: Option<Booking>,
}

impl Service {
    /// The schedule set, or the one the policy's preset starts with.
    pub(super) fn schedule(&self) -> Result<Schedule> {
        match self.store.reception_schedule()? {
            Some(s) => Ok(s),
            None => Ok(Schedule::preset(&self.cached().policy.preset)),
        }
    }

    fn today(&self) -> NaiveDate {
        self.now().date_in(self.cached().zone)
    }

    /// Commits changes that name no case; every desk refreshes what it shows.
    fn commit_reception(&self, puts: Vec<Put>) -> Result<()> {
        self.store.commit(&Mutation {
            puts,
            ..Mutation::default()
        })?;
        self.publish(Change::default());
        Ok(())
    }

    pub(super) fn set_schedule(&self, user: &User, s: Schedule) -> Result<Reply> {
        if !(user.roles.has(Role::Admin) || user.roles.has(Role::Supervisor)) {
            return Err(refused(ReceptionRefusal::MayNotSchedule));
        }
        for (n, d) in s.days.iter().enumerate() {
            required(Field::Name, &d.leader)?;
            if s.days[..n].contains(d) {
                return Err(refused(ReceptionRefusal::Duplicate {
                    leader: d.leader.clone(),
                }));
            }
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        self.commit_reception(vec![Put::reception_schedule(&s)?])?;
        Ok(Reply::Schedule(s))
    }

    pub(super) fn book(&self, user: &User, b: NewBooking) -> Result<Reply> {
        may_book(user)?;
        required(Field::Name, &b.visitor)?;
        required(Field::Subject, &b.subject)?;
        if normalize_phone(&b.phone).is_empty() {
            let problem = if b.phone.is_empty() {
                Problem::Empty
            } else {
                Problem::BadFormat
            };
            return Err(ServiceError::invalid(Field::Phone, problem));
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let schedule = self.schedule()?;
        let today = self.today();
        let entry = bookable(&schedule, &self.cached().calendar, &b.leader, b.date, today)
            .map_err(refused)?;
        let held = self.store.bookings_on(b.date)?;
        if held.iter().filter(|x| !x.cancelled).count() >= MAX_BOOKINGS_PER_DAY {
            return Err(refused(ReceptionRefusal::DayFull {
                date: b.date,
                max: MAX_BOOKINGS_PER_DAY as u32,
            }));
        }
        let booking = Booking {
            id: self.store.next_booking_id()?,
            date: b.date,
            title: entry.title.clone(),
            place: entry.place.clone(),
            leader: b.leader,
            visitor: b.visitor,
            phone: b.phone,
            subject: b.subject,
            booked_by: user.id,
            booked_at: self.now(),
            cancelled: false,
            case: None,
        };
        self.commit_reception(Put::booking(&booking)?.to_vec())?;
        Ok(Reply::Booking(self.booking_row(user, booking)))
    }

    pub(super) fn cancel_booking(&self, user: &User, id: BookingId) -> Result<Reply> {
        may_book(user)?;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let mut b = self.open_booking(user, id)?;
        b.cancelled = true;
        self.commit_reception(Put::booking(&b)?.to_vec())?;
        Ok(Reply::Booking(self.booking_row(user, b)))
    }

    /// A booking neither cancelled nor received yet.
    fn open_booking(&self, user: &User, id: BookingId) -> Result<Booking> {
        let b = self
            .store
            .booking(id)?
            .ok_or(refused(ReceptionRefusal::NoSuchBooking(id)))?;
        if b.cancelled {
            return Err(refused(ReceptionRefusal::Cancelled(id)));
        }
        if let Some(case) = b.case {
            return Err(refused(ReceptionRefusal::Received {
                booking: id,
                number: self.case_number_for(user, case).unwrap_or_default(),
            }));
        }
        Ok(b)
    }

    /// A case's number, for a user who may see the case and who reported it.
    fn case_number_for(&self, user: &User, id: CaseId) -> Option<String> {
        let c = self.store.case(id).ok().flatten()?;
        (user.can_see(&c) && user.sees_identity(&c)).then_some(c.number)
    }

    /// A booking as this user may see it. Once received it is its case: the visitor's name
    /// and phone show only to those who see the case's reporter, the subject only to those
    /// who see the case, as in every case list (a confidential 举报 stays confidential). An
    /// anonymous case's visitor shows to no one: the row would put a name to its number.
    fn booking_row(&self, user: &User, mut b: Booking) -> BookingRow {
        b.phone = mask_phone(&b.phone);
        let mut case_number = None;
        if let Some(id) = b.case {
            let case = self.store.case(id).ok().flatten();
            let sees = |f: fn(&User, &Case) -> bool| case.as_ref().is_some_and(|c| f(user, c));
            let anonymous = case
                .as_ref()
                .is_some_and(|c| c.intake.complainant.anonymous);
            if anonymous || !sees(User::sees_identity) {
                b.visitor = WITHHELD.into();
                b.phone.clear();
            }
            if !sees(User::can_see) {
                b.subject = WITHHELD.into();
            }
            if sees(User::can_see) && sees(User::sees_identity) {
                case_number = case.map(|c| c.number);
            }
        }
        BookingRow {
            case_number,
            booking: b,
        }
    }

    pub(super) fn bookings(&self, user: &User, date: Option<NaiveDate>) -> Result<Reply> {
        may_book(user)?;
        let date = date.unwrap_or_else(|| self.today());
        let rows = self
            .store
            .bookings_on(date)?
            .into_iter()
            .map(|b| self.booking_row(user, b))
            .collect();
        Ok(Reply::Bookings { date, rows })
    }

    /// The intake as received at a reception day: a booked visit fills in the visitor where
    /// the form left them out. Refuses a leader the schedule does not name, and a booking
    /// cancelled, already received or not yet due.
    pub(super) fn reception_intake(
        &self,
        user: &User,
        mut intake: Intake,
        reception: Option<Reception>,
    ) -> Result<(Intake, Option<Received>)> {
        let received = match reception {
            None => None,
            Some(Reception::Leader(leader)) => {
                if !self.schedule()?.knows(&leader) {
                    return Err(refused(ReceptionRefusal::UnknownLeader(leader)));
                }
                Some(Received {
                    leader,
                    booking: None,
                })
            }
            Some(Reception::Booking(id)) => {
                let b = self.open_booking(user, id)?;
                if b.date > self.today() {
                    return Err(refused(ReceptionRefusal::NotYet {
                        booking: id,
                        date: b.date,
                    }));
                }
                let fill = |field: &mut String, from: &str| {
                    if field.trim().is_empty() {
                        *field = from.to_string();
                    }
                };
                fill(&mut intake.subject, &b.subject);
                let c = &mut intake.complainant;
                // An anonymous visitor stays anonymous though the booking knows them.
                if !c.anonymous {
                    fill(&mut c.name, &b.visitor);
                    fill(&mut c.phone, &b.phone);
                }
                Some(Received {
                    leader: b.leader.clone(),
                    booking: Some(b),
                })
            }
        };
        Ok((intake, received))
    }
}

/// The registration's reception event, in the same commit, and the booking linked to the case.
pub(super) fn record(
    actor: Actor,
    case: CaseId,
    now: Timestamp,
    received: Option<Received>,
    events: &mut Vec<Event>,
    puts: &mut Vec<Put>,
) -> Result<()> {
    let Some(r) = received else {
        return Ok(());
    };
    let seq = events.len() as u32;
    events.push(event(
        actor,
        case,
        seq,
        now,
        EventKind::Reception { leader: r.leader },
    ));
    if let Some(mut b) = r.booking {
        b.case = Some(case);
        puts.extend(Put::booking(&b)?);
    }
    Ok(())
}
