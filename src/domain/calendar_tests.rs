use super::*;
use proptest::prelude::*;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn dates(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|s| d(s)).collect()
}

pub(super) fn range(a: &str, b: &str) -> Vec<NaiveDate> {
    d(a).iter_days().take_while(|x| *x <= d(b)).collect()
}

pub(super) fn cal() -> Calendar {
    Calendar::shipped()
}

/// Day-by-day reference for the bitmask arithmetic.
fn naive_after(c: &Calendar, from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|x| *x <= to)
        .filter(|x| c.is_working_day(*x))
        .count() as u32
}

fn naive_add(c: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    if n == 0 {
        return start;
    }
    start
        .iter_days()
        .skip(1)
        .filter(|x| c.is_working_day(*x))
        .nth(n as usize - 1)
        .unwrap()
}

// --- shipped data ----------------------------------------------------------

#[test]
fn shipped_files_parse() {
    for (name, text) in SHIPPED {
        let y = parse_year(text, name).unwrap();
        assert_eq!(format!("{}.toml", y.year), name);
        assert!(y.source.starts_with("国务院办公厅关于"));
    }
    let c = cal();
    assert_eq!(c.years().map(|y| y.year).collect::<Vec<_>>(), [2025, 2026]);
}

#[test]
fn shipped_2025_is_exactly_the_state_council_notice() {
    let c = cal();
    let y = c.year(2025).unwrap();
    let holidays: Vec<NaiveDate> = [
        range("2025-01-01", "2025-01-01"),
        range("2025-01-28", "2025-02-04"),
        range("2025-04-04", "2025-04-06"),
        range("2025-05-01", "2025-05-05"),
        range("2025-05-31", "2025-06-02"),
        range("2025-10-01", "2025-10-08"),
    ]
    .concat();
    assert_eq!(y.holidays, holidays);
    assert_eq!(
        y.workdays,
        dates(&[
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11"
        ])
    );
    assert!(y.source.contains("国办发明电〔2024〕12号"));
}

#[test]
fn shipped_2026_is_exactly_the_state_council_notice() {
    let c = cal();
    let y = c.year(2026).unwrap();
    let holidays: Vec<NaiveDate> = [
        range("2026-01-01", "2026-01-03"),
        range("2026-02-15", "2026-02-23"),
        range("2026-04-04", "2026-04-06"),
        range("2026-05-01", "2026-05-05"),
        range("2026-06-19", "2026-06-21"),
        range("2026-09-25", "2026-09-27"),
        range("2026-10-01", "2026-10-07"),
    ]
    .concat();
    assert_eq!(y.holidays, holidays);
    assert_eq!(
        y.workdays,
        dates(&[
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10"
        ])
    );
}

#[test]
fn shipped_workdays_are_all_weekends() {
    // A make-up working day on a weekday would be a data-entry mistake.
    for y in cal().years() {
        for w in &y.workdays {
            assert!(w.weekday().num_days_from_monday() >= 5, "{w}");
        }
    }
}

// --- is_working_day --------------------------------------------------------

#[test]
fn working_day_rules() {
    let c = cal();
    assert!(c.is_working_day(d("2026-01-04")), "Sunday make-up day");
    assert!(!c.is_working_day(d("2026-01-02")), "Friday holiday");
    assert!(
        !c.is_working_day(d("2026-10-07")),
        "last day of National Day"
    );
    assert!(
        c.is_working_day(d("2026-10-08")),
        "Thursday after the break"
    );
    assert!(c.is_working_day(d("2026-10-10")), "Saturday make-up day");
    assert!(!c.is_working_day(d("2026-10-11")), "ordinary Sunday");
    assert!(c.is_working_day(d("2025-10-09")));
    assert!(!c.is_working_day(d("2025-10-08")));
    assert!(!c.is_working_day(d("2025-12-27")), "ordinary Saturday");
    assert!(c.is_working_day(d("2025-12-31")));
}

#[test]
fn year_without_data_is_mon_to_fri() {
    let c = cal();
    assert!(!c.has_year(2027));
    assert!(c.is_working_day(d("2027-01-01")), "a Friday, no data");
    assert!(!c.is_working_day(d("2027-01-02")));
    assert!(!c.is_working_day(d("2027-01-03")));
    assert!(c.is_working_day(d("2027-01-04")));
}

#[test]
fn workdays_entry_wins_over_holiday_on_insert() {
    let mut c = Calendar::default();
    c.insert(YearCalendar {
        year: 2030,
        source: String::new(),
        holidays: dates(&["2030-01-05", "2030-01-07"]),
        workdays: dates(&["2030-01-05"]),
    });
    assert!(c.is_working_day(d("2030-01-05")), "Saturday in both lists");
    assert!(!c.is_working_day(d("2030-01-07")));
}

#[test]
fn insert_replaces_sorts_dedups_and_drops_foreign_dates() {
    let mut c = cal();
    c.insert(YearCalendar {
        year: 2025,
        source: "test".into(),
        holidays: dates(&["2025-03-05", "2025-03-03", "2025-03-05", "2024-03-04"]),
        workdays: vec![],
    });
    let y = c.year(2025).unwrap();
    assert_eq!(y.source, "test");
    assert_eq!(y.holidays, dates(&["2025-03-03", "2025-03-05"]));
    assert!(c.is_working_day(d("2025-10-08")), "old data is gone");
    assert!(!c.is_working_day(d("2025-03-03")));
    assert!(c.is_working_day(d("2024-03-04")), "foreign date ignored");
    assert_eq!(c.remove(2025).unwrap().source, "test");
    assert!(!c.has_year(2025));
}

#[test]
fn leap_and_non_leap_year_ends() {
    let c = Calendar::default();
    // 2027-12-31 is a Friday; the phantom 366th day of 2027 must not count.
    assert_eq!(c.working_days_after(d("2027-12-30"), d("2028-01-03")), 2);
    assert_eq!(c.add_working_days(d("2027-12-30"), 2).date, d("2028-01-03"));
    // 2028 is leap; 2028-12-31 is a Sunday, 2028-12-29 a Friday.
    assert_eq!(c.add_working_days(d("2028-12-28"), 1).date, d("2028-12-29"));
    assert_eq!(c.add_working_days(d("2028-12-29"), 1).date, d("2029-01-01"));
    assert_eq!(
        c.working_days_after(d("2027-12-31"), d("2028-12-31")),
        naive_after(&c, d("2027-12-31"), d("2028-12-31"))
    );
}

// --- add_working_days ------------------------------------------------------

#[test]
fn five_working_days_from_friday_before_national_day() {
    let r = cal().add_working_days(d("2025-09-26"), 5);
    assert_eq!(r.date, d("2025-10-10"));
    assert!(r.is_exact());
}

#[test]
fn fifteen_working_days_across_spring_festival() {
    let r = cal().add_working_days(d("2025-01-24"), 15);
    assert_eq!(r.date, d("2025-02-20"));
    assert_eq!(r.missing_years, Vec::<i32>::new());
}

#[test]
fn zero_days_is_start() {
    let c = cal();
    let r = c.add_working_days(d("2025-10-01"), 0);
    assert_eq!(r.date, d("2025-10-01"));
    assert!(r.is_exact());
    assert_eq!(
        c.add_days(d("2027-05-01"), 0, DayUnit::Working).date,
        d("2027-05-01")
    );
}

#[test]
fn day_of_receipt_does_not_count() {
    // Received on a working Monday: 1 working day later is Tuesday.
    assert_eq!(
        cal().add_working_days(d("2025-03-03"), 1).date,
        d("2025-03-04")
    );
    // Received on a Saturday: the first working day is Monday.
    assert_eq!(
        cal().add_working_days(d("2025-03-01"), 1).date,
        d("2025-03-03")
    );
}

#[test]
fn year_without_data_reports_missing() {
    let r = cal().add_working_days(d("2027-03-01"), 10);
    // Monday + 10 weekdays = two weeks later, Monday.
    assert_eq!(r.date, d("2027-03-15"));
    assert_eq!(r.missing_years, vec![2027]);
}

#[test]
fn span_crossing_into_missing_year_reports_it() {
    let c = cal();
    let r = c.add_working_days(d("2026-12-20"), 15);
    assert_eq!(r.date, naive_add(&c, d("2026-12-20"), 15));
    assert_eq!(r.date.year(), 2027);
    assert_eq!(r.missing_years, vec![2027]);
    // Staying inside 2026 is exact.
    assert!(c.add_working_days(d("2026-12-20"), 5).is_exact());
    // From a missing year into known ones, then out again.
    let r = c.add_working_days(d("2024-12-01"), 600);
    assert_eq!(r.missing_years, vec![2024, 2027]);
    assert_eq!(r.date, naive_add(&c, d("2024-12-01"), 600));
}

#[test]
fn start_on_last_day_of_missing_year_does_not_report_it() {
    // Nothing in 2024 is counted when starting on 2024-12-31.
    let r = cal().add_working_days(d("2024-12-31"), 1);
    assert_eq!(r.date, d("2025-01-02"), "01-01 is 元旦");
    assert!(r.is_exact());
}

#[test]
fn add_days_calendar_unit() {
    let c = cal();
    let r = c.add_days(d("2026-12-20"), 60, DayUnit::Calendar);
    assert_eq!(r.date, d("2027-02-18"));
    assert!(r.is_exact());
    assert_eq!(
        c.add_days(d("2025-09-26"), 5, DayUnit::Working),
        c.add_working_days(d("2025-09-26"), 5)
    );
    assert_eq!(
        c.add_days(NaiveDate::MAX, 1, DayUnit::Calendar).date,
        NaiveDate::MAX
    );
}

#[test]
fn huge_counts_saturate_instead_of_panicking() {
    let c = cal();
    assert_eq!(
        c.add_working_days(d("2025-01-01"), u32::MAX).date,
        NaiveDate::MAX
    );
    assert_eq!(c.add_working_days(NaiveDate::MAX, 1).date, NaiveDate::MAX);
}

// --- working_days_after ----------------------------------------------------

#[test]
fn working_days_after_cases() {
    let c = cal();
    assert_eq!(
        c.working_days_after(d("2025-03-07"), d("2025-03-10")),
        1,
        "Fri→Mon"
    );
    assert_eq!(c.working_days_after(d("2025-03-07"), d("2025-03-07")), 0);
    assert_eq!(
        c.working_days_after(d("2025-03-10"), d("2025-03-07")),
        0,
        "reversed"
    );
    assert_eq!(c.working_days_after(d("2025-09-26"), d("2025-10-10")), 5);
    assert_eq!(
        c.working_days_after(d("2025-09-30"), d("2025-10-08")),
        0,
        "holiday"
    );
    assert_eq!(c.working_days_after(d("2025-01-24"), d("2025-02-20")), 15);
    // Whole years: 261 weekdays − 18 weekday holidays + 5 make-up days in
    // 2025, 261 − 19 + 6 in 2026 (both 248, as officially published).
    assert_eq!(c.working_days_after(d("2024-12-31"), d("2025-12-31")), 248);
    assert_eq!(c.working_days_after(d("2025-12-31"), d("2026-12-31")), 248);
    // A Friday to the next Monday with no data for the year.
    assert_eq!(c.working_days_after(d("2027-01-01"), d("2027-01-04")), 1);
}

#[test]
fn working_days_after_multi_year_matches_day_loop() {
    let c = cal();
    for (a, b) in [
        ("2023-06-15", "2028-02-29"),
        ("2024-12-31", "2027-01-01"),
        ("2025-01-01", "2026-12-31"),
        ("2026-12-31", "2027-01-01"),
    ] {
        assert_eq!(
            c.working_days_after(d(a), d(b)),
            naive_after(&c, d(a), d(b)),
            "{a}..{b}"
        );
    }
}

#[test]
fn missing_years_lists_gaps() {
    let c = cal();
    assert_eq!(
        c.missing_years(d("2024-06-01"), d("2027-01-01")),
        vec![2024, 2027]
    );
    assert_eq!(
        c.missing_years(d("2025-01-01"), d("2026-12-31")),
        Vec::<i32>::new()
    );
    assert_eq!(
        c.missing_years(d("2027-01-01"), d("2025-01-01")),
        Vec::<i32>::new()
    );
}

// --- properties --------------------------------------------------------------

fn date_2024_to_2027() -> impl Strategy<Value = NaiveDate> {
    // 2024-01-01 .. 2027-12-31 inclusive: 366 + 365 * 3 days.
    (0u64..1461).prop_map(|off| d("2024-01-01") + Days::new(off))
}

fn random_year(y: i32) -> impl Strategy<Value = YearCalendar> {
    let day = move |o: u32| NaiveDate::from_yo_opt(y, o % 365 + 1).unwrap();
    (
        prop::collection::vec(0u32..365, 0..40),
        prop::collection::vec(0u32..365, 0..10),
    )
        .prop_map(move |(h, w)| YearCalendar {
            year: y,
            source: String::new(),
            holidays: h.into_iter().map(day).collect(),
            workdays: w.into_iter().map(day).collect(),
        })
}

proptest! {
    #[test]
    fn add_then_count_is_identity(start in date_2024_to_2027(), n in 0u32..60) {
        let c = cal();
        let r = c.add_working_days(start, n);
        prop_assert_eq!(c.working_days_after(start, r.date), n);
        if n > 0 {
            prop_assert!(c.is_working_day(r.date));
        }
        let expect: Vec<i32> = if n == 0 {
            vec![]
        } else {
            c.missing_years(start.succ_opt().unwrap(), r.date)
        };
        prop_assert_eq!(r.missing_years, expect);
    }

    #[test]
    fn fast_paths_match_day_loop(
        y1 in random_year(2028),
        y2 in random_year(2030),
        a in 0u64..2200,
        b in 0u64..2200,
        n in 0u32..400,
    ) {
        // 2029 is left without data on purpose.
        let c: Calendar = [y1, y2].into_iter().collect();
        let base = d("2027-06-01");
        let (from, to) = (base + Days::new(a), base + Days::new(b));
        prop_assert_eq!(c.working_days_after(from, to), naive_after(&c, from, to));
        prop_assert_eq!(c.add_working_days(from, n).date, naive_add(&c, from, n));
    }

    #[test]
    fn to_toml_round_trips(y in random_year(2031)) {
        // Drop the overlaps that parse_year rightly rejects.
        let mut y = y;
        let workdays = y.workdays.clone();
        y.holidays.retain(|h| !workdays.contains(h));
        let mut c = Calendar::default();
        c.insert(y);
        let y = c.year(2031).unwrap();
        prop_assert_eq!(&parse_year(&to_toml(y), "p.toml").unwrap(), y);
    }
}

#[test]
fn a_period_ending_on_a_rest_day_ends_on_the_next_working_day() {
    let cal = Calendar::shipped();
    // 劳动节 05-01..05-05: the next working day is Wed 05-06.
    assert_eq!(cal.end_on_working_day(d("2026-05-01")), d("2026-05-06"));
    // Sat 05-09 is a make-up working day (调休): it stays.
    assert_eq!(cal.end_on_working_day(d("2026-05-09")), d("2026-05-09"));
    // A plain Saturday moves to Monday; a working day stays.
    assert_eq!(cal.end_on_working_day(d("2026-03-07")), d("2026-03-09"));
    assert_eq!(cal.end_on_working_day(d("2026-03-09")), d("2026-03-09"));
}
