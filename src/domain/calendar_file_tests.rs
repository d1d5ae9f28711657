//! Tests of the calendar file format.

use crate::domain::calendar::*;

use super::super::tests::{cal, d, dates, range};

// --- parsing ---------------------------------------------------------------

const GOOD: &str = r#"
year = 2027
source = "测试"
holidays = [
    "2027-01-01",
    "2027-02-06..2027-02-12", # 春节
]
workdays = ["2027-02-14"]
"#;

fn err(text: &str) -> CalendarError {
    parse_year(text, "2027.toml").unwrap_err()
}

#[test]
fn parses_ranges_and_singles() {
    let y = parse_year(GOOD, "2027.toml").unwrap();
    assert_eq!(y.year, 2027);
    assert_eq!(y.source, "测试");
    assert_eq!(y.holidays.len(), 8);
    assert_eq!(y.holidays[1], d("2027-02-06"));
    assert_eq!(y.workdays, dates(&["2027-02-14"]));
}

#[test]
fn optional_keys_default_and_overlaps_merge() {
    let y = parse_year(
        "year = 2027\nholidays = [\"2027-01-01..2027-01-03\", \"2027-01-02\"]",
        "x",
    )
    .unwrap();
    assert_eq!(y.source, "");
    assert_eq!(y.holidays, range("2027-01-01", "2027-01-03"));
    assert!(y.workdays.is_empty());
}

#[test]
fn bad_date_names_line_and_value() {
    let e =
        err("year = 2027\nsource = \"x\"\nholidays = [\n  \"2027-01-01\",\n  \"2027-02-30\",\n]\n");
    assert_eq!(
        e,
        CalendarError::BadDate {
            file: "2027.toml".into(),
            line: 5,
            value: "2027-02-30".into()
        }
    );
    assert_eq!(
        e.to_string(),
        r#"2027.toml line 5: "2027-02-30" is not a date (YYYY-MM-DD)"#
    );
    assert_eq!(e.line(), Some(5));
    assert_eq!(e.file(), "2027.toml");
}

#[test]
fn sloppy_date_shapes_are_rejected() {
    for bad in [
        "2027-1-01",
        "27-01-01",
        "2027/01/01",
        "2027-01-01T00",
        "",
        "２０２７-01-01",
    ] {
        let text = format!("year = 2027\nholidays = [{bad:?}]");
        assert!(
            matches!(err(&text), CalendarError::BadDate { line: 2, .. }),
            "{bad}"
        );
    }
}

#[test]
fn bad_range_end_names_the_bad_end() {
    let e = err("year = 2027\nholidays = [\"2027-01-01..2027-13-01\"]");
    assert!(
        matches!(&e, CalendarError::BadDate { line: 2, value, .. } if value == "2027-13-01"),
        "{e:?}"
    );
}

#[test]
fn reversed_range() {
    let e = err("year = 2027\n\nworkdays = [\"2027-02-10..2027-02-01\"]");
    assert_eq!(
        e,
        CalendarError::ReversedRange {
            file: "2027.toml".into(),
            line: 3,
            value: "2027-02-10..2027-02-01".into()
        }
    );
}

#[test]
fn date_outside_year() {
    let e = err("year = 2027\nholidays = [\"2026-12-31..2027-01-03\"]");
    assert_eq!(
        e,
        CalendarError::WrongYear {
            file: "2027.toml".into(),
            line: 2,
            value: "2026-12-31".into(),
            year: 2027
        }
    );
    assert_eq!(
        e.to_string(),
        r#"2027.toml line 2: "2026-12-31" is not in year 2027"#
    );
}

#[test]
fn date_on_both_lists() {
    let e = err(
        "year = 2027\nholidays = [\n \"2027-02-06..2027-02-12\",\n]\nworkdays = [\n \"2027-01-09\",\n \"2027-02-07\",\n]",
    );
    assert_eq!(
        e,
        CalendarError::BothLists {
            file: "2027.toml".into(),
            line: 7,
            value: d("2027-02-07"),
            holiday_line: 3
        }
    );
}

#[test]
fn missing_year() {
    let e = err("source = \"x\"\nholidays = []");
    assert_eq!(
        e,
        CalendarError::MissingYear {
            file: "2027.toml".into()
        }
    );
    assert_eq!(e.line(), None);
}

#[test]
fn bad_year() {
    assert!(matches!(
        err("\nyear = 27\n"),
        CalendarError::BadYear {
            line: 2,
            value: 27,
            ..
        }
    ));
    assert!(matches!(
        err("year = 99999999999"),
        CalendarError::BadYear { line: 1, .. }
    ));
}

#[test]
fn unknown_key() {
    let e = err("year = 2027\nholiday = [\"2027-01-01\"]\n");
    assert_eq!(
        e,
        CalendarError::UnknownKey {
            file: "2027.toml".into(),
            line: 2,
            key: "holiday".into()
        }
    );
    assert!(matches!(
        err("year = 2027\n[extra]\na = 1\n"),
        CalendarError::UnknownKey { line: 2, .. }
    ));
}

#[test]
fn toml_syntax_and_type_errors_have_lines() {
    let e = err("year = 2027\nholidays = [\"2027-01-01\"\n\nworkdays = 3\n");
    assert!(matches!(e, CalendarError::Toml { .. }), "{e:?}");
    let e = err("year = 2027\nsource = \"x\"\nworkdays = \"2027-01-01\"\n");
    assert!(matches!(e, CalendarError::Toml { line: 3, .. }), "{e:?}");
    let e = err("year = \"2027\"\n");
    assert!(matches!(e, CalendarError::Toml { line: 1, .. }), "{e:?}");
    let e = err("year = 2027\nyear = 2028\n");
    assert!(matches!(e, CalendarError::Toml { line: 2, .. }), "{e:?}");
}

#[test]
fn crlf_lines_count_correctly() {
    let e = err("year = 2027\r\n# 注释\r\nholidays = [\"2027-02-29\"]\r\n");
    assert!(matches!(e, CalendarError::BadDate { line: 3, .. }), "{e:?}");
}

// --- to_toml ---------------------------------------------------------------

#[test]
fn to_toml_round_trips_shipped_years() {
    for y in cal().years() {
        let text = to_toml(y);
        assert_eq!(&parse_year(&text, "out.toml").unwrap(), y, "{text}");
    }
}

#[test]
fn to_toml_writes_ranges_and_escapes_source() {
    let y = YearCalendar {
        year: 2027,
        source: "a \"quoted\" \\ 通知\n\t\u{1}".into(),
        holidays: [range("2027-01-01", "2027-01-03"), dates(&["2027-05-01"])].concat(),
        workdays: vec![],
    };
    let text = to_toml(&y);
    assert!(text.contains("\"2027-01-01..2027-01-03\""), "{text}");
    assert!(text.contains("\"2027-05-01\""), "{text}");
    assert!(text.contains("workdays = []"), "{text}");
    assert_eq!(parse_year(&text, "out.toml").unwrap(), y);
}

#[test]
fn day_unit_serde_round_trip() {
    // Checked through toml to avoid another dev-dependency.
    #[derive(Serialize, Deserialize)]
    struct W {
        u: DayUnit,
    }
    for u in [DayUnit::Working, DayUnit::Calendar] {
        let text = toml::to_string(&W { u }).unwrap();
        assert_eq!(toml::from_str::<W>(&text).unwrap().u, u);
    }
}
