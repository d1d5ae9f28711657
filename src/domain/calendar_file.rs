//! The calendar file format: one year per TOML file, edited by an administrator.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use super::YearCalendar;

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
#[path = "calendar_file_tests.rs"]
mod tests;
