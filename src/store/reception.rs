//! Reception days and bookings, in their own tree, each value in its own format so that a
//! later field can be added the way the policy's were.
//!
//! Keys: `s` the schedule; `b` + id the booking; `d` + day + id an empty marker listing the
//! day's bookings. Booking ids follow the highest one stored (counters are not in backups).

use chrono::NaiveDate;

use crate::domain::reception::{Booking, BookingId, Schedule};

use super::write::Put;
use super::{Meta, Store, StoreError, codec};

const SCHEDULE: &[u8] = b"s";
const BOOKING: u8 = b'b';
const DAY: u8 = b'd';
const SCHEDULE_FORMAT: u8 = 1;
const BOOKING_FORMAT: u8 = 1;

fn booking_key(id: BookingId) -> Vec<u8> {
    let mut k = vec![BOOKING];
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// Days since the common era, as an unsigned big-endian number so that keys sort by date.
fn day_prefix(date: NaiveDate) -> Vec<u8> {
    let n = chrono::Datelike::num_days_from_ce(&date) as u32 ^ (1 << 31);
    let mut k = vec![DAY];
    k.extend_from_slice(&n.to_be_bytes());
    k
}

fn day_key(date: NaiveDate, id: BookingId) -> Vec<u8> {
    let mut k = day_prefix(date);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

fn decode_as<T: serde::de::DeserializeOwned>(format: u8, bytes: &[u8]) -> Result<T, StoreError> {
    match codec::split(bytes)? {
        (v, b) if v == format => {
            postcard::from_bytes(b).map_err(|e| StoreError::Codec(e.to_string()))
        }
        (v, _) => Err(StoreError::Format(v)),
    }
}

impl Store {
    /// The schedule the site set, if any.
    pub fn reception_schedule(&self) -> Result<Option<Schedule>, StoreError> {
        self.meta_tree(Meta::Reception)
            .get(SCHEDULE)?
            .map(|v| decode_as(SCHEDULE_FORMAT, &v))
            .transpose()
    }

    pub fn booking(&self, id: BookingId) -> Result<Option<Booking>, StoreError> {
        self.meta_tree(Meta::Reception)
            .get(booking_key(id))?
            .map(|v| decode_as(BOOKING_FORMAT, &v))
            .transpose()
    }

    /// The bookings of one day, in the order they were made.
    pub fn bookings_on(&self, date: NaiveDate) -> Result<Vec<Booking>, StoreError> {
        let mut out = Vec::new();
        for r in self
            .meta_tree(Meta::Reception)
            .scan_prefix(day_prefix(date))
        {
            let (k, _) = r?;
            let id = super::keys::trailing_id(&k)
                .ok_or_else(|| StoreError::Corrupt("a booking day key".into()))?;
            match self.booking(id)? {
                Some(b) => out.push(b),
                None => return Err(StoreError::Corrupt(format!("booking {id} is listed"))),
            }
        }
        Ok(out)
    }

    /// The id the next booking takes.
    pub fn next_booking_id(&self) -> Result<BookingId, StoreError> {
        let last = self
            .meta_tree(Meta::Reception)
            .scan_prefix([BOOKING])
            .next_back()
            .transpose()?;
        Ok(last
            .and_then(|(k, _)| super::keys::trailing_id(&k))
            .map_or(1, |id| id + 1))
    }
}

impl Put {
    pub fn reception_schedule(s: &Schedule) -> Result<Put, StoreError> {
        Ok(Put {
            tree: Meta::Reception,
            key: SCHEDULE.to_vec(),
            value: Some(codec::encode_as(SCHEDULE_FORMAT, s)?),
        })
    }

    /// The booking and its day's marker.
    pub fn booking(b: &Booking) -> Result<[Put; 2], StoreError> {
        Ok([
            Put {
                tree: Meta::Reception,
                key: booking_key(b.id),
                value: Some(codec::encode_as(BOOKING_FORMAT, b)?),
            },
            Put {
                tree: Meta::Reception,
                key: day_key(b.date, b.id),
                value: Some(Vec::new()),
            },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reception::{Day, ReceptionDay};
    use crate::domain::time::Timestamp;
    use crate::store::Mutation;

    fn booking(id: BookingId, date: NaiveDate) -> Booking {
        Booking {
            id,
            date,
            leader: "院长".into(),
            title: "院长".into(),
            place: String::new(),
            visitor: "王五".into(),
            phone: "13800138000".into(),
            subject: "执行款迟迟未到".into(),
            booked_by: 1,
            booked_at: Timestamp(0),
            cancelled: false,
            case: None,
        }
    }

    #[test]
    fn bookings_are_listed_by_day_and_ids_follow_the_highest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.next_booking_id().unwrap(), 1);
        assert_eq!(store.reception_schedule().unwrap(), None);
        let tue = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let fri = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        let schedule = Schedule {
            days: vec![ReceptionDay {
                leader: "院长".into(),
                title: "院长".into(),
                place: "诉讼服务中心".into(),
                day: Day::Weekly(chrono::Weekday::Tue),
            }],
        };
        let mut puts = vec![Put::reception_schedule(&schedule).unwrap()];
        for (id, date) in [(1, tue), (2, fri), (300, tue)] {
            puts.extend(Put::booking(&booking(id, date)).unwrap());
        }
        store
            .commit(&Mutation {
                puts,
                ..Mutation::default()
            })
            .unwrap();
        let ids: Vec<u64> = store
            .bookings_on(tue)
            .unwrap()
            .iter()
            .map(|b| b.id)
            .collect();
        assert_eq!(ids, vec![1, 300]);
        assert_eq!(store.bookings_on(fri).unwrap().len(), 1);
        assert_eq!(store.next_booking_id().unwrap(), 301);
        assert_eq!(store.reception_schedule().unwrap(), Some(schedule));
        assert_eq!(store.booking(2).unwrap().map(|b| b.date), Some(fri));
    }
}
