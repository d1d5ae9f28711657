//! Every preset: it validates, each figure has its basis, and a worked example of each new
//! institution's clocks (dates counted by hand against the 2026 notice: 劳动节 05-01..05-05 off,
//! 中秋 09-25..09-27 off, 国庆 10-01..10-07 off, 调休 workdays 02-14, 02-28, 09-20, 10-10).

use chrono::NaiveDate;

use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::case::Case;
use crate::domain::deadline::clocks;
use crate::domain::state::State;
use crate::domain::state_tests::case_in;
use crate::domain::time::{Timestamp, Zone};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 09:00 local on that day.
fn at(d: NaiveDate) -> Timestamp {
    Timestamp(Zone::default().start_of_day(d).0 + 9 * 3600)
}

/// Each started clock's stage and last day.
fn deadlines(c: &Case, p: &Policy) -> Vec<(Stage, NaiveDate)> {
    clocks(c, p, &Calendar::shipped(), Zone::default())
        .into_iter()
        .map(|k| (k.stage, k.deadline))
        .collect()
}

fn preset(name: &str) -> Policy {
    Policy::preset(name).unwrap()
}

#[test]
fn every_preset_validates_and_says_where_each_figure_comes_from() {
    for name in PRESETS {
        let p = preset(name);
        assert_eq!(p.preset, name);
        assert_eq!(p.validate(), Ok(()), "{name}");
        assert!(!p.stages.is_empty(), "{name} has clocks");
        for r in &p.stages {
            assert!(
                r.basis.contains('《') || r.basis.contains("来源资料"),
                "{name} {:?} names its source or says it has none: {}",
                r.stage,
                r.basis
            );
        }
        assert!(p.retention.is_some(), "{name} keeps its archive");
        assert!(!p.retention_basis.is_empty(), "{name} retention basis");
        assert!(!categories(name).is_empty(), "{name} has categories");
        assert!(
            p.review.is_none() || !p.review_basis.is_empty(),
            "{name} review basis"
        );
    }
    assert_eq!(Policy::preset("school-board"), None);
    assert!(categories("school-board").is_empty());
}

#[test]
fn a_figure_no_source_gives_says_so() {
    for name in ["school", "nursing-home", "enterprise"] {
        let p = preset(name);
        assert!(
            p.stages.iter().any(|r| r.basis.starts_with("来源资料未定")),
            "{name}"
        );
    }
    assert!(
        preset("hospital")
            .retention_basis
            .starts_with("来源资料未定")
    );
}

#[test]
fn institution_still_opens_with_the_figures_older_stores_had() {
    let p = preset("institution");
    let figures: Vec<_> = p.stages.iter().map(|r| (r.stage, r.limit)).collect();
    assert_eq!(
        figures,
        vec![
            (Stage::Acceptance, Limit::working(3)),
            (Stage::Handling, Limit::working(15)),
            (Stage::Feedback, Limit::calendar(7)),
            (Stage::FollowUp, Limit::working(5)),
        ]
    );
    assert_eq!(p.extension_max_days, 15);
}

#[test]
fn school_answers_in_a_week_or_a_month_when_it_investigates() {
    let p = preset("school");
    let cal = Calendar::shipped();
    let mut c = case_in(State::Registered, 1, None);
    c.received_at = at(day(2026, 4, 24));
    // Received Fri 04-24: acceptance 3 working days → 04-27, 04-28, 04-29 (Wed).
    // A week is Fri 05-01, 劳动节 (05-01..05-05 off): §203 moves it to Wed 05-06.
    assert_eq!(
        deadlines(&c, &p),
        vec![
            (Stage::Acceptance, day(2026, 4, 29)),
            (Stage::Feedback, day(2026, 5, 6)),
        ]
    );
    let feedback = p
        .stages
        .iter()
        .find(|r| r.stage == Stage::Feedback)
        .unwrap();
    assert_eq!(feedback.investigated, Some(months(1)));
    // 需调查: one month from Sat 01-31 is 02-28 (《民法典》第二百零二条, no 02-31), itself a
    // 调休 working Saturday, so no §203 shift either way.
    assert_eq!(
        cal.add_days(day(2026, 1, 31), 1, DayUnit::Months).date,
        day(2026, 2, 28)
    );
    assert!(cal.is_working_day(day(2026, 2, 28)));
}

#[test]
fn kindergarten_counts_a_make_up_sunday_before_mid_autumn() {
    let p = preset("kindergarten");
    let mut c = case_in(State::Registered, 1, None);
    c.received_at = at(day(2026, 9, 18));
    // Received Fri 09-18. Acceptance, 1 working day: Sat 09-19 is off, Sun 09-20 is a 调休
    // workday → 09-20. Feedback, 5 working days: 09-20, 21, 22, 23, 24 (Thu; 09-25 is 中秋).
    assert_eq!(
        deadlines(&c, &p),
        vec![
            (Stage::Acceptance, day(2026, 9, 20)),
            (Stage::Feedback, day(2026, 9, 24)),
        ]
    );
}

#[test]
fn nursing_home_clocks_from_receipt_to_follow_up() {
    let p = preset("nursing-home");
    let mut c = case_in(State::Answered, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    c.milestones.accepted_at = Some(at(day(2026, 3, 4)));
    c.milestones.resolved_at = Some(at(day(2026, 3, 19)));
    c.milestones.answered_at = Some(at(day(2026, 3, 27)));
    // Acceptance: 3 working days from Mon 03-02 → Thu 03-05.
    // Handling: 15 working days from Wed 03-04 → 03-05, 06, 09..13, 16..20, 23, 24, 25 (Wed).
    // Feedback: 7 days from Thu 03-19 → Thu 03-26, a working day.
    // Follow-up: 5 working days from Fri 03-27 → 03-30, 31, 04-01, 02, 03 (Fri; 04-04 is 清明).
    assert_eq!(
        deadlines(&c, &p),
        vec![
            (Stage::Acceptance, day(2026, 3, 5)),
            (Stage::Handling, day(2026, 3, 25)),
            (Stage::Feedback, day(2026, 3, 26)),
            (Stage::FollowUp, day(2026, 4, 3)),
        ]
    );
    // Materials kept two years: archived 2026-04-10 → disposal due 2028-04-10.
    let kept = p.retention.unwrap();
    let cal = Calendar::shipped();
    assert_eq!(
        cal.add_days(day(2026, 4, 10), kept.days, kept.unit).date,
        day(2028, 4, 10)
    );
}

#[test]
fn telecom_answers_within_15_days_moved_past_national_day() {
    let p = preset("telecom");
    let mut c = case_in(State::Registered, 1, None);
    c.received_at = at(day(2026, 9, 17));
    // 15 days from Thu 09-17 is Fri 10-02, inside 国庆 (10-01..10-07): §203 → Thu 10-08.
    let k = clocks(&c, &p, &Calendar::shipped(), Zone::default());
    assert_eq!(k[0].stage, Stage::Feedback);
    assert_eq!(k[0].deadline, day(2026, 10, 8));
    assert!(k[0].basis.contains("第二百零三条"), "{}", k[0].basis);
    assert_eq!(p.extension_max_days, 0, "the rule allows no extension");
}

#[test]
fn court_follows_the_regulation_s_figures() {
    let p = preset("court");
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    c.milestones.accepted_at = Some(at(day(2026, 3, 4)));
    c.milestones.assigned_at = Some(at(day(2026, 3, 4)));
    // Acceptance: 15 days from Mon 03-02 → Tue 03-17.
    // Handling and the written answer: 60 days from Wed 03-04 → Sun 05-03 (27 days of March,
    // 30 of April, 3 of May), inside 劳动节: §203 → Wed 05-06.
    assert_eq!(
        deadlines(&c, &p),
        vec![
            (Stage::Acceptance, day(2026, 3, 17)),
            (Stage::Handling, day(2026, 5, 6)),
            (Stage::Feedback, day(2026, 5, 6)),
        ]
    );
    assert!(COURT_RECEPTION.contains("每周二、周五"));
}

#[test]
fn enterprise_unit_responds_within_15_working_days_over_spring_festival() {
    let p = preset("enterprise");
    let mut c = case_in(State::Resolved, 1, Some(3));
    c.received_at = at(day(2026, 2, 9));
    c.milestones.accepted_at = Some(at(day(2026, 2, 12)));
    c.milestones.assigned_at = Some(at(day(2026, 2, 13)));
    c.milestones.resolved_at = Some(at(day(2026, 3, 11)));
    // Acceptance: 3 working days from Mon 02-09 → Thu 02-12.
    // Handling: 15 working days from Fri 02-13 → Sat 02-14 (调休, 1), 02-15..02-23 off,
    // 02-24..27 (5), Sat 02-28 (调休, 6), 03-02..06 (11), 03-09..12 (15) → Thu 03-12.
    // Feedback: 7 days from Wed 03-11 → Wed 03-18.
    assert_eq!(
        deadlines(&c, &p),
        vec![
            (Stage::Acceptance, day(2026, 2, 12)),
            (Stage::Handling, day(2026, 3, 12)),
            (Stage::Feedback, day(2026, 3, 18)),
        ]
    );
}

#[test]
fn retention_is_two_years_for_a_nursing_home_and_ten_for_public_bodies() {
    assert_eq!(preset("nursing-home").retention, Some(months(24)));
    for name in ["government", "court", "hotline"] {
        assert_eq!(preset(name).retention, Some(months(120)), "{name}");
    }
    for name in [
        "hospital",
        "school",
        "kindergarten",
        "telecom",
        "enterprise",
    ] {
        assert_eq!(preset(name).retention, Some(months(36)), "{name}");
    }
}
