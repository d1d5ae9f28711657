//! Instants and the store's time zone. The domain never reads the clock: callers pass `now`.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch, UTC. Stored as a plain integer so records stay compact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_utc(t: DateTime<Utc>) -> Timestamp {
        Timestamp(t.timestamp())
    }

    /// The local calendar date in the given zone.
    pub fn date_in(self, zone: Zone) -> NaiveDate {
        self.local(zone).date_naive()
    }

    pub fn local(self, zone: Zone) -> DateTime<FixedOffset> {
        let utc = Utc.timestamp_opt(self.0, 0).single().unwrap_or_default();
        utc.with_timezone(&zone.offset())
    }

    /// `2026-03-12 09:30` in the given zone.
    pub fn display_in(self, zone: Zone) -> String {
        self.local(zone).format("%Y-%m-%d %H:%M").to_string()
    }
}

/// The institution's time zone as a fixed offset (China has no DST).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    pub offset_minutes: i32,
}

impl Default for Zone {
    fn default() -> Zone {
        Zone {
            offset_minutes: 8 * 60,
        }
    }
}

impl Zone {
    pub fn offset(self) -> FixedOffset {
        FixedOffset::east_opt(self.offset_minutes * 60)
            .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or(Utc.fix()))
    }

    /// The instant a day ends: 24:00 of `date`, i.e. midnight starting the next day.
    pub fn end_of_day(self, date: NaiveDate) -> Timestamp {
        let next = date.succ_opt().unwrap_or(date);
        let midnight = next.and_hms_opt(0, 0, 0).unwrap_or_default();
        let secs = midnight.and_utc().timestamp() - i64::from(self.offset_minutes) * 60;
        Timestamp(secs)
    }

    /// The instant a day starts (00:00 local).
    pub fn start_of_day(self, date: NaiveDate) -> Timestamp {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        Timestamp(midnight.and_utc().timestamp() - i64::from(self.offset_minutes) * 60)
    }

    /// `+08:00`
    pub fn label(self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let m = self.offset_minutes.abs();
        format!("{sign}{:02}:{:02}", m / 60, m % 60)
    }

    pub fn parse(text: &str) -> Option<Zone> {
        let t = text.trim().trim_start_matches("UTC");
        let (sign, rest) = match t.chars().next()? {
            '+' => (1, &t[1..]),
            '-' => (-1, &t[1..]),
            _ => return None,
        };
        let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
        let h: i32 = h.parse().ok()?;
        let m: i32 = m.parse().ok()?;
        if h > 14 || m > 59 {
            return None;
        }
        Some(Zone {
            offset_minutes: sign * (h * 60 + m),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_of_day_is_midnight_local() {
        let z = Zone::default();
        let d = NaiveDate::from_ymd_opt(2025, 10, 10).unwrap();
        let end = z.end_of_day(d);
        assert_eq!(
            end.local(z).format("%Y-%m-%d %H:%M").to_string(),
            "2025-10-11 00:00"
        );
        assert_eq!(Timestamp(end.0 - 1).date_in(z), d);
        assert_eq!(end.date_in(z), d.succ_opt().unwrap());
    }

    #[test]
    fn zone_parse_and_label() {
        assert_eq!(Zone::parse("+08:00"), Some(Zone::default()));
        assert_eq!(
            Zone::parse("UTC-05:30").map(|z| z.label()),
            Some("-05:30".into())
        );
        assert_eq!(Zone::parse("8"), None);
    }
}
