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
use toml::Spanned;

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
        }
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

// ---------------------------------------------------------------------------
// File format

/// Why a calendar file was rejected. Every variant names the file; `line` is
/// 1-based. Kept as an enum so the app can translate the message.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    /// Not valid TOML, or a key holds the wrong type of value.
    #[error("{file} line {line}: {message}")]
    Toml {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file} line {line}: unknown key {key:?} (expected year, source, holidays, workdays)")]
    UnknownKey {
        file: String,
        line: usize,
        key: String,
    },
    /// There is no line to point at, so this one has none.
    #[error("{file}: missing `year`")]
    MissingYear { file: String },
    #[error("{file} line {line}: {value} is not a four-digit year")]
    BadYear {
        file: String,
        line: usize,
        value: i64,
    },
    #[error("{file} line {line}: {value:?} is not a date (YYYY-MM-DD)")]
    BadDate {
        file: String,
        line: usize,
        value: String,
    },
    #[error("{file} line {line}: range {value:?} ends before it starts")]
    ReversedRange {
        file: String,
        line: usize,
        value: String,
    },
    #[error("{file} line {line}: {value:?} is not in year {year}")]
    WrongYear {
        file: String,
        line: usize,
        value: String,
        year: i32,
    },
    /// `line` is the workdays entry, `holiday_line` the holidays entry.
    #[error(
        "{file} line {line}: {value} is both a working day and a holiday (line {holiday_line})"
    )]
    BothLists {
        file: String,
        line: usize,
        value: NaiveDate,
        holiday_line: usize,
    },
}

impl CalendarError {
    pub fn file(&self) -> &str {
        match self {
            Self::Toml { file, .. }
            | Self::UnknownKey { file, .. }
            | Self::MissingYear { file }
            | Self::BadYear { file, .. }
            | Self::BadDate { file, .. }
            | Self::ReversedRange { file, .. }
            | Self::WrongYear { file, .. }
            | Self::BothLists { file, .. } => file,
        }
    }

    /// 1-based line of the offending value; `None` for a missing key.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::MissingYear { .. } => None,
            Self::Toml { line, .. }
            | Self::UnknownKey { line, .. }
            | Self::BadYear { line, .. }
            | Self::BadDate { line, .. }
            | Self::ReversedRange { line, .. }
            | Self::WrongYear { line, .. }
            | Self::BothLists { line, .. } => Some(*line),
        }
    }
}

const KEYS: [&str; 4] = ["year", "source", "holidays", "workdays"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Option<Spanned<i64>>,
    source: Option<String>,
    #[serde(default)]
    holidays: Vec<Spanned<String>>,
    #[serde(default)]
    workdays: Vec<Spanned<String>>,
}

/// Parses and validates one year's file. `file_name` is only used in errors.
pub fn parse_year(text: &str, file_name: &str) -> Result<YearCalendar, CalendarError> {
    let file = || file_name.to_owned();
    let toml_err = |e: toml::de::Error| CalendarError::Toml {
        file: file(),
        // toml gives a span for every parse error in practice; line 1 is the
        // least misleading fallback.
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().trim().to_owned(),
    };

    // First pass only for the keys, so an unknown one gets its own error
    // with its line rather than serde's generic message.
    let keys: BTreeMap<Spanned<String>, serde::de::IgnoredAny> =
        toml::from_str(text).map_err(toml_err)?;
    if let Some(key) = keys.keys().find(|k| !KEYS.contains(&k.get_ref().as_str())) {
        return Err(CalendarError::UnknownKey {
            file: file(),
            line: line_of(text, key.span().start),
            key: key.get_ref().clone(),
        });
    }
    let raw: RawYear = toml::from_str(text).map_err(toml_err)?;

    let Some(year_value) = raw.year else {
        return Err(CalendarError::MissingYear { file: file() });
    };
    let year_line = line_of(text, year_value.span().start);
    let year = match i32::try_from(*year_value.get_ref()) {
        // Dates are written with four-digit years, so only those can match.
        Ok(y) if (1000..=9999).contains(&y) => y,
        _ => {
            return Err(CalendarError::BadYear {
                file: file(),
                line: year_line,
                value: *year_value.get_ref(),
            });
        }
    };

    let holidays = expand_list(&raw.holidays, year, text, file_name)?;
    let workdays = expand_list(&raw.workdays, year, text, file_name)?;

    // Both lists are sorted by date, so one merge pass finds any overlap.
    let (mut h, mut w) = (holidays.iter().peekable(), workdays.iter().peekable());
    while let (Some(&&(hd, hl)), Some(&&(wd, wl))) = (h.peek(), w.peek()) {
        match hd.cmp(&wd) {
            std::cmp::Ordering::Less => {
                h.next();
            }
            std::cmp::Ordering::Greater => {
                w.next();
            }
            std::cmp::Ordering::Equal => {
                return Err(CalendarError::BothLists {
                    file: file(),
                    line: wl,
                    value: wd,
                    holiday_line: hl,
                });
            }
        }
    }

    Ok(YearCalendar {
        year,
        source: raw.source.unwrap_or_default(),
        holidays: holidays.into_iter().map(|(d, _)| d).collect(),
        workdays: workdays.into_iter().map(|(d, _)| d).collect(),
    })
}

/// Expands entries ("A" or "A..B") into sorted, deduplicated dates, each with
/// the line of the first entry that named it.
fn expand_list(
    entries: &[Spanned<String>],
    year: i32,
    text: &str,
    file_name: &str,
) -> Result<Vec<(NaiveDate, usize)>, CalendarError> {
    let mut out = Vec::new();
    for entry in entries {
        let line = line_of(text, entry.span().start);
        let value = entry.get_ref().trim();
        let (a, b) = value.split_once("..").unwrap_or((value, value));
        let (a, b) = (a.trim(), b.trim());
        let date = |s: &str| {
            parse_date(s).ok_or_else(|| CalendarError::BadDate {
                file: file_name.to_owned(),
                line,
                value: s.to_owned(),
            })
        };
        let (first, last) = (date(a)?, date(b)?);
        if last < first {
            return Err(CalendarError::ReversedRange {
                file: file_name.to_owned(),
                line,
                value: value.to_owned(),
            });
        }
        for (d, s) in [(first, a), (last, b)] {
            if d.year() != year {
                return Err(CalendarError::WrongYear {
                    file: file_name.to_owned(),
                    line,
                    value: s.to_owned(),
                    year,
                });
            }
        }
        // Bounded: both ends are in the same year.
        out.extend(
            first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|d| (d, line)),
        );
    }
    // Stable sort keeps the first entry's line for duplicates.
    out.sort_by_key(|(d, _)| *d);
    out.dedup_by_key(|(d, _)| *d);
    Ok(out)
}

/// Strict `YYYY-MM-DD`: chrono's `%Y-%m-%d` would also take `2025-1-1`,
/// which is a typo here more often than not.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let num = |r: Range<usize>| s.get(r)?.parse::<u32>().ok();
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// 1-based line of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    let upto = &text.as_bytes()[..pos.min(text.len())];
    upto.iter().filter(|b| **b == b'\n').count() + 1
}

/// Renders `y` in the file format, runs of consecutive dates as `A..B`.
/// `parse_year(&to_toml(y), _)` gives back `y` for any valid calendar.
pub fn to_toml(y: &YearCalendar) -> String {
    let mut out = format!(
        "year = {}\nsource = {}\n",
        y.year,
        toml_basic_string(&y.source)
    );
    for (key, dates) in [("holidays", &y.holidays), ("workdays", &y.workdays)] {
        let mut dates = dates.clone();
        dates.sort_unstable();
        dates.dedup();
        let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for d in dates {
            match runs.last_mut() {
                Some((_, end)) if end.succ_opt() == Some(d) => *end = d,
                _ => runs.push((d, d)),
            }
        }
        if runs.is_empty() {
            out.push_str(&format!("{key} = []\n"));
            continue;
        }
        out.push_str(&format!("{key} = [\n"));
        for (a, b) in runs {
            if a == b {
                out.push_str(&format!("    \"{a}\",\n"));
            } else {
                out.push_str(&format!("    \"{a}..{b}\",\n"));
            }
        }
        out.push_str("]\n");
    }
    out
}

/// A TOML basic string; only `"`, `\` and control characters need escapes.
fn toml_basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
