//! Clocks per preset, extensions, reopening, multi-department hospital cases, hotline tables.

use chrono::NaiveDate;

use super::*;
use crate::domain::case::Urgency;
use crate::domain::state_tests::case_in;
use crate::domain::time::Zone;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 09:00 local on that day.
fn at(d: NaiveDate) -> Timestamp {
    Timestamp(Zone::default().start_of_day(d).0 + 9 * 3600)
}

fn due(c: &Case, p: &Policy) -> Option<(Stage, NaiveDate)> {
    due_clock(c, p, &Calendar::shipped(), Zone::default()).map(|k| (k.stage, k.deadline))
}

#[test]
fn institution_counts_handling_in_working_days_across_national_day() {
    let p = Policy::preset("institution").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2025, 9, 25));
    c.milestones.accepted_at = Some(at(day(2025, 9, 26)));
    c.milestones.assigned_at = Some(at(day(2025, 9, 26)));
    // 15 working days from Fri 2025-09-26: 09-28 (Sun) works, 10-01..10-08 off, 10-11 (Sat) works.
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2025, 10, 23))));
    c.state = State::Resolved;
    c.milestones.resolved_at = Some(at(day(2025, 10, 20)));
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2025, 10, 27))));
}

#[test]
fn an_approved_extension_moves_the_handling_clock() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.milestones.accepted_at = Some(at(day(2026, 3, 2)));
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 5, 1))));
    c.extension_days = 30;
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 5, 31))));
    let objection = clocks(&c, &p, &Calendar::shipped(), Zone::default())
        .into_iter()
        .find(|k| k.window)
        .unwrap();
    assert_eq!(
        objection.deadline,
        day(2026, 3, 10),
        "5 working days from Tue 03-03"
    );
}

#[test]
fn a_reopened_case_gets_the_review_limit() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.milestones.accepted_at = Some(at(day(2026, 6, 1)));
    c.reopen_count = 1;
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 7, 1))));
}

#[test]
fn hospital_feedback_is_longer_when_several_departments_handle_it() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 3, 9))));
    c.assisting = vec![4];
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 3, 16))));
    c.intake.complainant.no_callback = true;
    assert_eq!(due(&c, &p), None, "nobody to tell: no feedback clock");
}

#[test]
fn hotline_limits_follow_urgency() {
    let p = Policy::preset("hotline").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.milestones.assigned_at = Some(at(day(2026, 3, 2)));
    c.milestones.accepted_at = Some(at(day(2026, 3, 2)));
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 3, 9))));
    c.intake.urgency = Urgency::Urgent;
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 3, 5))));
    c.intake.urgency = Urgency::Critical;
    assert_eq!(
        due(&c, &p),
        Some((Stage::Handling, day(2026, 3, 2))),
        "same day"
    );
}

#[test]
fn due_status_counts_working_days() {
    let cal = Calendar::shipped();
    let z = Zone::default();
    let deadline = day(2025, 9, 30);
    let due_at = z.end_of_day(deadline);
    let now = at(day(2025, 9, 26));
    assert_eq!(
        due_status(deadline, due_at, now, day(2025, 9, 26), &cal, 3),
        DueStatus::DueSoon {
            working_days_left: 3
        }
    );
    let later = at(day(2025, 10, 10));
    // 10-01..10-08 are holidays: overdue on 10-09 and 10-10 only.
    assert_eq!(
        due_status(deadline, due_at, later, day(2025, 10, 10), &cal, 3),
        DueStatus::Overdue { working_days: 2 }
    );
    assert_eq!(
        due_status(deadline, due_at, Timestamp(due_at.0 - 1), deadline, &cal, 3),
        DueStatus::DueToday
    );
    // Friday 2026-03-06 with a deadline on Sunday 03-08: no working day left, but not today.
    let sunday = day(2026, 3, 8);
    let friday = day(2026, 3, 6);
    assert_eq!(
        due_status(sunday, z.end_of_day(sunday), at(friday), friday, &cal, 3),
        DueStatus::DueSoon {
            working_days_left: 0
        }
    );
}

#[test]
fn closed_cases_have_no_due_time() {
    let p = Policy::preset("government").unwrap();
    for s in [
        State::Archived,
        State::Merged,
        State::NotAccepted,
        State::TransferredOut,
    ] {
        assert_eq!(due(&case_in(s, 1, None), &p), None, "{s:?}");
    }
    for name in PRESETS {
        assert!(Policy::preset(name).is_some());
    }
}
