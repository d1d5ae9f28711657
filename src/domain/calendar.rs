//! The Chinese working-day calendar: statutory holidays (放假) and make-up
//! working days (调休上班) per year, and deadline arithmetic over them.
//!
//! Pure: no I/O and no clock reads. Years without data fall back to Mon–Fri,
//! and every computation that touched such a year reports it, so the app can
//! flag deadlines that may be off.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// One year's official holiday arrangement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCalendar {
    pub year: i32,
    /// The notice the dates come from, shown to users who question a deadline.
    pub source: String,
    /// Days off, weekends inside the break included. Sorted, deduplicated.
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (调休). Sorted, deduplicated.
    pub workdays: Vec<NaiveDate>,
}

/// The result of a deadline computation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    /// Years the computation crossed that have no calendar data (weekends-only
    /// guess). Sorted, deduplicated; empty when the result is exact.
    pub missing_years: Vec<i32>,
}

impl DayCount {
    /// True when every year the computation touched had calendar data.
    pub fn is_exact(&self) -> bool {
        self.missing_years.is_empty()
    }
}

/// How a time limit is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayUnit {
    /// 工作日: skips weekends and holidays, counts make-up working days.
    Working,
    /// 自然日: plain calendar days.
    Calendar,
    /// 月 (“一个月内”): 《民法典》第二百零二条, the same day of the month the period ends in, or
    /// that month's last day when it has no such day (01-31 + 1 month = 02-28).
    Months,
}

/// One bit per day of a year (bit i = day with `ordinal0() == i`), set for
/// working days. 6 × 64 = 384 ≥ 366, so counting and stepping are popcounts.
type Mask = [u64; WORDS];
const WORDS: usize = 6;

/// Mon–Fri masks for a 366-day year, indexed by the weekday of 1 January
/// (0 = Monday). Built at compile time so years without data cost nothing.
static WEEKDAY_MASKS: [Mask; 7] = weekday_masks();

const fn weekday_masks() -> [Mask; 7] {
    let mut out = [[0u64; WORDS]; 7];
    let mut first = 0;
    while first < 7 {
        let mut i = 0;
        while i < 366 {
            if (first + i) % 7 < 5 {
                out[first][i / 64] |= 1 << (i % 64);
            }
            i += 1;
        }
        first += 1;
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Year {
    data: YearCalendar,
    mask: Mask,
}

/// All known years. Lookups are a B-tree probe plus a bit test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
}

const SHIPPED: [(&str, &str); 2] = [
    ("2025.toml", include_str!("../../calendars/2025.toml")),
    ("2026.toml", include_str!("../../calendars/2026.toml")),
];

impl Calendar {
    /// The calendars compiled into the program (2025 and 2026).
    pub fn shipped() -> Calendar {
        let mut cal = Calendar::default();
        for (name, text) in SHIPPED {
            // A broken shipped file is caught by the `shipped_files_parse`
            // test; at run time the year simply counts as missing.
            if let Ok(year) = parse_year(text, name) {
                cal.insert(year);
            }
        }
        cal
    }

    /// Adds or replaces `year.year`. Lists are sorted and deduplicated, and
    /// dates outside the year are dropped (they could never apply to it). A
    /// year outside chrono's range is ignored: it has no dates to look up.
    pub fn insert(&mut self, mut year: YearCalendar) {
        let y = year.year;
        for list in [&mut year.holidays, &mut year.workdays] {
            list.retain(|d| d.year() == y);
            list.sort_unstable();
            list.dedup();
        }
        let Some(mut mask) = weekday_mask(y) else {
            return;
        };
        for d in &year.holidays {
            clear_bit(&mut mask, d.ordinal0());
        }
        // After the holidays, so that a workdays entry wins.
        for d in &year.workdays {
            set_bit(&mut mask, d.ordinal0());
        }
        self.years.insert(y, Year { data: year, mask });
    }

    /// Removes a year, which then falls back to Mon–Fri.
    pub fn remove(&mut self, y: i32) -> Option<YearCalendar> {
        self.years.remove(&y).map(|e| e.data)
    }

    pub fn year(&self, y: i32) -> Option<&YearCalendar> {
        self.years.get(&y).map(|e| &e.data)
    }

    /// Known years, ascending.
    pub fn years(&self) -> impl Iterator<Item = &YearCalendar> {
        self.years.values().map(|e| &e.data)
    }

    pub fn has_year(&self, y: i32) -> bool {
        self.years.contains_key(&y)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.years.get(&d.year()) {
            Some(e) => test_bit(&e.mask, d.ordinal0()),
            None => d.weekday().num_days_from_monday() < 5,
        }
    }

    /// The `n`th working day after `start`: the period starts the day after
    /// `start` (the day of receipt does not count). `n = 0` returns `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> DayCount {
        let mut missing_years = Vec::new();
        if n == 0 {
            return DayCount {
                date: start,
                missing_years,
            };
        }
        let mut remaining = n;
        let mut y = start.year();
        let mut from = start.ordinal0() + 1;
        loop {
            // Past chrono's last year: saturate rather than panic.
            let Some((mask, known)) = self.mask(y) else {
                return DayCount {
                    date: NaiveDate::MAX,
                    missing_years,
                };
            };
            let len = year_len(y);
            if from < len {
                if !known {
                    missing_years.push(y);
                }
                match nth_set_bit(&mask, from..len, remaining) {
                    Ok(pos) => {
                        return DayCount {
                            date: NaiveDate::from_yo_opt(y, pos + 1).unwrap_or(NaiveDate::MAX),
                            missing_years,
                        };
                    }
                    Err(found) => remaining -= found,
                }
            }
            y += 1;
            from = 0;
        }
    }

    /// `n` days after `start` in the given unit. Calendar days never depend
    /// on holiday data, so their `missing_years` is always empty.
    pub fn add_days(&self, start: NaiveDate, n: u32, unit: DayUnit) -> DayCount {
        match unit {
            DayUnit::Working => self.add_working_days(start, n),
            DayUnit::Calendar => DayCount {
                date: start
                    .checked_add_days(Days::new(u64::from(n)))
                    .unwrap_or(NaiveDate::MAX),
                missing_years: Vec::new(),
            },
            DayUnit::Months => DayCount {
                date: start
                    .checked_add_months(chrono::Months::new(n))
                    .unwrap_or(NaiveDate::MAX),
                missing_years: Vec::new(),
            },
        }
    }

    /// 《民法典》第二百零三条: a period whose last day is a rest day (法定休假日: a holiday or a
    /// weekend that is not a make-up working day) ends on the first working day after it.
    /// In a year without data only weekends are known to be rest days.
    pub fn end_on_working_day(&self, last: NaiveDate) -> NaiveDate {
        let mut date = last;
        while !self.is_working_day(date) {
            match date.succ_opt() {
                Some(d) => date = d,
                None => break,
            }
        }
        date
    }

    /// Working days in `(from, to]`; 0 when `to <= from`. From a Friday to
    /// the next Monday is 1 when that Monday is a working day.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        for y in from.year()..=to.year() {
            let start = if y == from.year() {
                from.ordinal0() + 1
            } else {
                0
            };
            let end = if y == to.year() {
                to.ordinal0() + 1
            } else {
                year_len(y)
            };
            if start < end
                && let Some((mask, _)) = self.mask(y)
            {
                total += count_bits(&mask, start..end);
            }
        }
        total
    }

    /// Years in `[from.year(), to.year()]` with no data (empty when `to` is
    /// in an earlier year than `from`).
    pub fn missing_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year())
            .filter(|y| !self.has_year(*y))
            .collect()
    }

    /// The working-day mask of year `y` and whether it came from data.
    /// `None` only for years chrono cannot represent.
    fn mask(&self, y: i32) -> Option<(Mask, bool)> {
        match self.years.get(&y) {
            Some(e) => Some((e.mask, true)),
            None => weekday_mask(y).map(|m| (m, false)),
        }
    }
}

impl FromIterator<YearCalendar> for Calendar {
    fn from_iter<I: IntoIterator<Item = YearCalendar>>(iter: I) -> Self {
        let mut cal = Calendar::default();
        for y in iter {
            cal.insert(y);
        }
        cal
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn year_len(y: i32) -> u32 {
    if is_leap(y) { 366 } else { 365 }
}

/// Mon–Fri mask for year `y`, with the bit for a non-existent 366th day clear.
fn weekday_mask(y: i32) -> Option<Mask> {
    let jan1 = NaiveDate::from_yo_opt(y, 1)?;
    let mut mask = WEEKDAY_MASKS[jan1.weekday().num_days_from_monday() as usize];
    if !is_leap(y) {
        clear_bit(&mut mask, 365);
    }
    Some(mask)
}

fn test_bit(mask: &Mask, i: u32) -> bool {
    mask[(i / 64) as usize] >> (i % 64) & 1 == 1
}

fn set_bit(mask: &mut Mask, i: u32) {
    mask[(i / 64) as usize] |= 1 << (i % 64);
}

fn clear_bit(mask: &mut Mask, i: u32) {
    mask[(i / 64) as usize] &= !(1 << (i % 64));
}

/// Splits `range` (within 0..384) into per-word chunks: (the chunk's bits
/// shifted down so that bit 0 is the chunk's first day, that day's index).
fn chunks(mask: &Mask, range: Range<u32>) -> impl Iterator<Item = (u64, u32)> + '_ {
    let mut i = range.start;
    std::iter::from_fn(move || {
        if i >= range.end {
            return None;
        }
        let word = i / 64;
        let end = ((word + 1) * 64).min(range.end);
        let width = end - i;
        let low = if width >= 64 {
            u64::MAX
        } else {
            (1 << width) - 1
        };
        let bits = (mask[word as usize] >> (i % 64)) & low;
        let start = i;
        i = end;
        Some((bits, start))
    })
}

fn count_bits(mask: &Mask, range: Range<u32>) -> u32 {
    chunks(mask, range).map(|(bits, _)| bits.count_ones()).sum()
}

/// Position of the `k`th (1-based) set bit in `range`, or `Err(count)` with
/// the number of set bits there when there are fewer than `k`.
fn nth_set_bit(mask: &Mask, range: Range<u32>, mut k: u32) -> Result<u32, u32> {
    let mut found = 0;
    for (mut bits, start) in chunks(mask, range) {
        let here = bits.count_ones();
        if here >= k {
            // Drop the k-1 lowest set bits; the lowest left is the answer.
            for _ in 1..k {
                bits &= bits - 1;
            }
            return Ok(start + bits.trailing_zeros());
        }
        k -= here;
        found += here;
    }
    Err(found)
}

#[path = "calendar_file.rs"]
mod file;
pub use file::{CalendarError, parse_year, to_toml};

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
