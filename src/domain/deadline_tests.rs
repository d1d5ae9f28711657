//! Clocks per preset, extensions, reopening, multi-department hospital cases, hotline tables.

use chrono::NaiveDate;

use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::case::{Case, Granted, Notice, NoticeGiven, Urgency};
use crate::domain::presets::PRESETS;
use crate::domain::state::State;
use crate::domain::state_tests::case_in;
use crate::domain::time::Zone;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 09:00 local on that day.
fn at(d: NaiveDate) -> Timestamp {
    Timestamp(Zone::default().start_of_day(d).0 + 9 * 3600)
}

/// The 受理告知 given on the day of receipt, so that it is not what the case is due by.
fn told(c: &mut Case) {
    c.notices.push(NoticeGiven {
        notice: Notice::Accepted,
        at: c.received_at,
    });
}

/// An extension granted on that day.
fn grant(c: &mut Case, d: NaiveDate, days: u32) {
    c.extensions.push(Granted { at: at(d), days });
    c.extension_days += days;
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
    told(&mut c);
    // 60 days from Mon 03-02 is Fri 05-01, 劳动节 (05-01..05-05): §203 moves it to Wed 05-06.
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 5, 6))));
    grant(&mut c, day(2026, 4, 20), 30);
    // 90 days from 03-02 is Sun 05-31, a rest day: the next working day is Mon 06-01.
    let k = clocks(&c, &p, &Calendar::shipped(), Zone::default());
    let handling = k.iter().find(|k| k.stage == Stage::Handling).unwrap();
    assert_eq!(handling.deadline, day(2026, 6, 1));
    // Until the petitioner is told why (延期告知, 5 working days from Mon 04-20: Mon 04-27),
    // that notice is what the case is due by.
    assert_eq!(
        due(&c, &p),
        Some((Stage::ExtensionNotice, day(2026, 4, 27)))
    );
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
    told(&mut c);
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

/// Archived and merged cases owe nothing. A case not accepted or transferred out still owes
/// its written notice (第二十三条) until it is given: registered at 2025-12-29 09:00 (case_in's
/// fixed time), 15 days end 2026-01-13; once told, it owes nothing.
#[test]
fn closed_cases_owe_only_their_notice() {
    let p = Policy::preset("government").unwrap();
    for s in [State::Archived, State::Merged] {
        assert_eq!(due(&case_in(s, 1, None), &p), None, "{s:?}");
    }
    for (s, notice) in [
        (State::NotAccepted, Notice::NotAccepted),
        (State::TransferredOut, Notice::Transferred),
    ] {
        let mut c = case_in(s, 1, None);
        assert_eq!(
            due(&c, &p),
            Some((Stage::Notice, day(2026, 1, 13))),
            "{s:?}"
        );
        c.notices.push(NoticeGiven {
            notice,
            at: c.received_at,
        });
        assert_eq!(due(&c, &p), None, "{s:?} told");
    }
    for name in PRESETS {
        assert!(Policy::preset(name).is_some());
    }
}

fn clock_of(c: &Case, p: &Policy, stage: Stage) -> Clock {
    clocks(c, p, &Calendar::shipped(), Zone::default())
        .into_iter()
        .find(|k| k.stage == stage)
        .unwrap()
}

#[test]
fn a_calendar_day_period_ending_on_a_holiday_ends_after_it() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.milestones.accepted_at = Some(at(day(2026, 3, 2)));
    // 60 days from Mon 2026-03-02: March has 29 more days (to 03-31), April 30 (to 04-30),
    // the 60th is Fri 05-01, the first day of 劳动节 (05-01..05-05). 《民法典》§203: the
    // period ends the day after the holiday, Wed 05-06 (05-06 is a working day).
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!(k.deadline, day(2026, 5, 6));
    assert!(k.basis.contains("第二百零三条"), "{}", k.basis);
    assert!(k.basis.contains("2026-05-01") && k.basis.contains("2026-05-06"));
    // A site that turns the rule off keeps the plain count, and its plain basis.
    let off = Policy {
        holiday_shift: false,
        ..p.clone()
    };
    let k = clock_of(&c, &off, Stage::Handling);
    assert_eq!(k.deadline, day(2026, 5, 1));
    assert!(!k.basis.contains("第二百零三条"), "{}", k.basis);
    // Working-day clocks are counted over working days already and never move.
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    let o = clock_of(&c, &p, Stage::Objection);
    assert!(!o.basis.contains("第二百零三条"), "{}", o.basis);
}

#[test]
fn a_hospital_extension_moves_the_feedback_clock() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    // 5 working days from Mon 03-02: 03, 04, 05, 06, 09 -> Mon 03-09.
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 3, 9))));
    grant(&mut c, day(2026, 3, 5), 3);
    // 3 more working days: 10, 11, 12 -> Thu 03-12.
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 3, 12))));
    assert_eq!(clock_of(&c, &p, Stage::Feedback).extended, 3);
}

#[test]
fn a_reopened_hospital_case_gets_a_fresh_feedback_clock() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    // Reopened after an unsatisfied follow-up on Mon 2026-04-13 (reopen sets accepted_at).
    c.milestones.accepted_at = Some(at(day(2026, 4, 13)));
    c.milestones.assigned_at = Some(at(day(2026, 4, 13)));
    c.reopen_count = 1;
    // 5 working days from Mon 04-13: 14, 15, 16, 17, 20 -> Mon 04-20 (not 03-09).
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 4, 20))));
    assert!(clock_of(&c, &p, Stage::Feedback).basis.contains("重新办理"));
}

#[test]
fn the_review_clock_shows_its_own_basis() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.milestones.accepted_at = Some(at(day(2026, 6, 1)));
    c.reopen_count = 1;
    let k = clock_of(&c, &p, Stage::Handling);
    // 30 days from Mon 06-01 is Wed 07-01, a working day.
    assert_eq!(
        (k.limit, k.deadline),
        (Limit::calendar(30), day(2026, 7, 1))
    );
    assert!(k.basis.contains("第三十五条"), "{}", k.basis);
    assert!(!k.basis.contains("60日"), "{}", k.basis);
}

#[test]
fn a_resolved_government_case_owes_its_written_reply() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::Resolved, 1, Some(3));
    c.milestones.accepted_at = Some(at(day(2026, 3, 2)));
    c.milestones.resolved_at = Some(at(day(2026, 4, 20)));
    told(&mut c);
    // The reply is due within the handling period: 60 days from 03-02 is 05-01 (劳动节),
    // moved by §203 to Wed 05-06.
    let k = due_clock(&c, &p, &Calendar::shipped(), Zone::default()).unwrap();
    assert_eq!((k.stage, k.deadline), (Stage::Feedback, day(2026, 5, 6)));
    assert!(k.basis.contains("第三十二条"), "{}", k.basis);
    let now = at(day(2026, 5, 7));
    assert!(matches!(
        due_status(
            k.deadline,
            k.due_at,
            now,
            day(2026, 5, 7),
            &Calendar::shipped(),
            3
        ),
        DueStatus::Overdue { working_days: 1 }
    ));
    // Answered, nothing is owed.
    c.state = State::Answered;
    assert_eq!(due(&c, &p), None);
}

#[test]
fn a_calendar_day_clock_into_a_year_without_data_is_unsure() {
    let p = Policy::preset("government").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    // Accepted Mon 2026-12-28: 60 days is 2027-02-26 (3 days of 2026, 31 of January, 26 of
    // February). 2027 has no holiday data: its 春节 may cover that day, and the working days
    // left are counted over weekends only.
    c.milestones.accepted_at = Some(at(day(2026, 12, 28)));
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!(k.deadline, day(2027, 2, 26));
    assert_eq!(k.missing_years, [2027]);
}
