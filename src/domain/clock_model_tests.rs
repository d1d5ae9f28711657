//! The clock model with worked examples over the 2026 holidays (劳动节 05-01..05-05 with a
//! 调休 Saturday 05-09; 春节 with a 调休 Saturday 02-28): months, pauses, per-case limits,
//! extensions, review levels, notices and investigation.

use chrono::NaiveDate;

use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::case::{Case, Granted, Level, Notice, NoticeGiven, Pause};
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

fn all(c: &Case, p: &Policy) -> Vec<Clock> {
    clocks(c, p, &Calendar::shipped(), Zone::default())
}

fn clock_of(c: &Case, p: &Policy, stage: Stage) -> Clock {
    all(c, p).into_iter().find(|k| k.stage == stage).unwrap()
}

fn due(c: &Case, p: &Policy) -> Option<(Stage, NaiveDate)> {
    due_clock(c, p, &Calendar::shipped(), Zone::default()).map(|k| (k.stage, k.deadline))
}

/// The 受理告知 given on the day of receipt, so that it is not what the case is due by.
fn told(c: &mut Case) {
    c.notices.push(NoticeGiven {
        notice: Notice::Accepted,
        at: c.received_at,
    });
}

fn gov() -> Policy {
    Policy::preset("government").unwrap()
}

/// The government preset with the handling stage counted in another limit.
fn gov_handling(limit: Limit) -> Policy {
    let mut p = gov();
    for r in &mut p.stages {
        if r.stage == Stage::Handling {
            r.limit = limit;
        }
    }
    p
}

fn accepted_on(d: NaiveDate) -> Case {
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(d);
    c.milestones.accepted_at = Some(at(d));
    c.milestones.assigned_at = Some(at(d));
    c
}

#[test]
fn a_month_from_01_31_ends_on_02_28() {
    let p = gov_handling(Limit::months(1));
    let c = accepted_on(day(2026, 1, 31));
    // 《民法典》§202: February has no 31st, so one month from Sat 2026-01-31 ends on its last
    // day, Sat 02-28. That Saturday is a 春节 调休 working day: §203 does not move it.
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.limit, k.deadline), (Limit::months(1), day(2026, 2, 28)));
    assert!(!k.basis.contains("第二百零三条"), "{}", k.basis);
    // Three months from 01-31: April has no 31st either, Thu 04-30.
    let p3 = gov_handling(Limit::months(3));
    assert_eq!(
        clock_of(&c, &p3, Stage::Handling).deadline,
        day(2026, 4, 30)
    );
}

#[test]
fn a_month_ending_on_labour_day_moves_by_section_203() {
    let p = gov_handling(Limit::months(1));
    let c = accepted_on(day(2026, 4, 1));
    // One month from Wed 04-01 is Fri 05-01, the first day of 劳动节 (05-01..05-05): §203
    // applies to month periods too, the period ends on Wed 05-06.
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!(k.deadline, day(2026, 5, 6));
    assert!(
        k.basis.contains("2026-05-01顺延至2026-05-06"),
        "{}",
        k.basis
    );
    let off = Policy {
        holiday_shift: false,
        ..p
    };
    assert_eq!(
        clock_of(&c, &off, Stage::Handling).deadline,
        day(2026, 5, 1)
    );
}

#[test]
fn a_paused_working_day_clock_over_a_tiaoxiu_weekend() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 5, 7));
    // 5 working days from Thu 05-07: Fri 08, Sat 09 (劳动节 调休, a working day), Mon 11,
    // Tue 12, Wed 13.
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 5, 13))));
    // Paused on Fri 05-08 for a 鉴定: while it lasts the clock stands still and is not due.
    c.pauses.push(Pause {
        from: at(day(2026, 5, 8)),
        to: None,
        reason: "鉴定".into(),
    });
    assert_eq!(due(&c, &p), None);
    let k = clock_of(&c, &p, Stage::Feedback);
    assert!(k.paused && k.running);
    // Resumed on Tue 05-12. Friday still counted; the clock stood still on Sat 09 (working),
    // Sun 10 (rest), Mon 11 and Tue 12: 3 working days. 5 + 3 = 8 working days from 05-07:
    // 08, 09, 11, 12, 13, 14, 15, Mon 18.
    c.pauses[0].to = Some(at(day(2026, 5, 12)));
    let k = clock_of(&c, &p, Stage::Feedback);
    assert_eq!((k.paused_days, k.paused), (3, false));
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 5, 18))));
}

#[test]
fn a_paused_calendar_day_clock_adds_every_day_it_stood_still() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 16));
    // 60 days from Mon 03-16: 15 to 03-31, 30 to 04-30, 15 more: Fri 05-15.
    assert_eq!(clock_of(&c, &p, Stage::Handling).deadline, day(2026, 5, 15));
    // A hearing (听证, 第三十六条) from Fri 05-08 to Tue 05-12: 4 days stood still (09..12),
    // weekend and 调休 alike: Tue 05-19.
    c.pauses.push(Pause {
        from: at(day(2026, 5, 8)),
        to: Some(at(day(2026, 5, 12))),
        reason: "听证".into(),
    });
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.paused_days, k.deadline), (4, day(2026, 5, 19)));
    // The objection window (5 working days from 03-16) was over long before: no pause.
    let o = clock_of(&c, &p, Stage::Objection);
    assert_eq!((o.paused_days, o.deadline), (0, day(2026, 3, 23)));
}

#[test]
fn a_pause_before_a_clock_started_counts_only_after_it() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 16));
    // Paused from Tue 03-10 to Fri 03-20; the handling clock started on 03-16, so it stood
    // still on 17, 18, 19, 20 only: 05-15 + 4 = Tue 05-19.
    c.pauses.push(Pause {
        from: at(day(2026, 3, 10)),
        to: Some(at(day(2026, 3, 20))),
        reason: "补充材料".into(),
    });
    assert_eq!(clock_of(&c, &p, Stage::Handling).deadline, day(2026, 5, 19));
}

#[test]
fn a_per_case_limit_set_at_assignment_overrides_the_policy() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 2));
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    c.assigned_limit = Some(18);
    told(&mut c);
    // 交办时限 18 days (the handling stage counts calendar days) from Tue 03-03: Sat 03-21, a
    // rest day, so §203 ends it on Mon 03-23.
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!(k.from, Anchor::Assigned);
    assert_eq!(
        (k.limit, k.deadline),
        (Limit::calendar(18), day(2026, 3, 23))
    );
    assert!(k.basis.starts_with("交办时限"), "{}", k.basis);
    assert_eq!(due(&c, &p), Some((Stage::Handling, day(2026, 3, 23))));
    // The written reply owed to the petitioner keeps the statutory 60 days: 05-01 -> 05-06.
    assert_eq!(clock_of(&c, &p, Stage::Feedback).deadline, day(2026, 5, 6));
}

#[test]
fn a_hospital_per_case_limit_replaces_its_feedback_clock() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    c.assigned_limit = Some(3);
    // No handling stage: the feedback clock (working days) takes it. 3 working days from Tue
    // 03-03: 04, 05, Fri 06 (not 03-09, the policy's 5 from receipt).
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 3, 6))));
}

#[test]
fn a_hospital_multi_department_case_extended_then_reopened() {
    let p = Policy::preset("hospital").unwrap();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.received_at = at(day(2026, 4, 27));
    c.assisting = vec![4, 5];
    // Several departments: 10 working days from Mon 04-27: 28, 29, 30, (劳动节 05-01..05-05),
    // 06, 07, 08, Sat 09 (调休), 11, 12, Wed 13.
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 5, 13))));
    // 3 days' extension granted on Mon 05-11 while the feedback clock ran: 14, 15, Mon 18.
    c.extensions.push(Granted {
        at: at(day(2026, 5, 11)),
        days: 3,
    });
    c.extension_days = 3;
    assert_eq!(due(&c, &p), Some((Stage::Feedback, day(2026, 5, 18))));
    // Reopened on Mon 06-01 (reopen sets accepted_at and clears extension_days): a fresh 10
    // working days, the old grant does not reach it: 02, 03, 04, 05, 08, 09, 10, 11, 12, Mon 15.
    c.reopen_count = 1;
    c.milestones.accepted_at = Some(at(day(2026, 6, 1)));
    c.extension_days = 0;
    let k = clock_of(&c, &p, Stage::Feedback);
    assert_eq!((k.extended, k.deadline), (0, day(2026, 6, 15)));
}

#[test]
fn an_extension_moves_every_clock_running_when_it_was_granted() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 2));
    c.received_at = at(day(2026, 3, 1));
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    c.extensions.push(Granted {
        at: at(day(2026, 4, 20)),
        days: 30,
    });
    c.extension_days = 30;
    // Handling and the written reply both ran on 04-20: 90 days from 03-02 is Sun 05-31, so
    // Mon 06-01.
    for s in [Stage::Handling, Stage::Feedback] {
        let k = clock_of(&c, &p, s);
        assert_eq!((k.extended, k.deadline), (30, day(2026, 6, 1)), "{s:?}");
    }
    // The objection window (5 working days from Tue 03-03: Tue 03-10) and the notice of
    // acceptance (15 days from Sun 03-01: Mon 03-16) are fixed by law.
    assert_eq!(
        clock_of(&c, &p, Stage::Objection).deadline,
        day(2026, 3, 10)
    );
    assert_eq!(clock_of(&c, &p, Stage::Notice).extended, 0);
    // 延期告知 is owed from the grant: 5 working days from Mon 04-20: 21, 22, 23, 24, Mon 27.
    let n = clock_of(&c, &p, Stage::ExtensionNotice);
    assert_eq!(
        (n.from, n.deadline, n.running),
        (Anchor::Extended, day(2026, 4, 27), true)
    );
    c.notices.push(NoticeGiven {
        notice: Notice::Extended,
        at: at(day(2026, 4, 22)),
    });
    assert!(!clock_of(&c, &p, Stage::ExtensionNotice).running);
}

#[test]
fn an_extension_granted_after_a_clock_was_done_does_not_move_it() {
    let p = Policy::preset("institution").unwrap();
    let mut c = case_in(State::Resolved, 1, Some(3));
    c.received_at = at(day(2026, 3, 2));
    c.milestones.accepted_at = Some(at(day(2026, 3, 2)));
    c.milestones.resolved_at = Some(at(day(2026, 3, 20)));
    c.extensions.push(Granted {
        at: at(day(2026, 3, 10)),
        days: 5,
    });
    // The feedback clock starts at the result (03-20), after the grant: 7 days, Fri 03-27.
    let k = clock_of(&c, &p, Stage::Feedback);
    assert_eq!((k.extended, k.deadline), (0, day(2026, 3, 27)));
    // The handling clock ran on 03-10: 15 + 5 working days from Mon 03-02 is Mon 03-30.
    assert_eq!(clock_of(&c, &p, Stage::Handling).extended, 5);
    assert_eq!(clock_of(&c, &p, Stage::Handling).deadline, day(2026, 3, 30));
}

#[test]
fn a_grant_before_a_reopening_does_not_move_the_fresh_clocks() {
    let p = gov();
    let mut c = accepted_on(day(2026, 6, 1));
    c.received_at = at(day(2026, 3, 1));
    c.reopen_count = 1;
    c.extensions.push(Granted {
        at: at(day(2026, 4, 20)),
        days: 30,
    });
    // Reopened on Mon 06-01: the review limit, 30 days, Wed 07-01, no extension.
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.extended, k.deadline), (0, day(2026, 7, 1)));
    assert!(
        all(&c, &p)
            .iter()
            .all(|k| k.stage != Stage::ExtensionNotice),
        "the old grant is owed no notice in this round"
    );
    // 受理告知 is owed once, from the first receipt (Sun 03-01 + 15 days: Mon 03-16).
    let n = clock_of(&c, &p, Stage::Notice);
    assert_eq!(n.deadline, day(2026, 3, 16));
    assert!(!n.basis.contains("重新办理"), "{}", n.basis);
}

#[test]
fn a_review_case_is_answered_within_30_days_of_the_request() {
    let p = gov();
    let mut c = case_in(State::InProgress, 1, Some(3));
    c.level = Level::Review;
    // The 复查 request was received on Wed 04-01 and accepted on Fri 04-03. 第三十五条 counts
    // from receipt: 30 days from 04-01 is Fri 05-01 (劳动节), §203 moves it to Wed 05-06.
    c.received_at = at(day(2026, 4, 1));
    c.milestones.accepted_at = Some(at(day(2026, 4, 3)));
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!(k.from, Anchor::Requested);
    assert_eq!(
        (k.limit, k.deadline),
        (Limit::calendar(30), day(2026, 5, 6))
    );
    assert!(k.basis.contains("第三十五条"), "{}", k.basis);
    assert!(!k.basis.contains("60日"), "{}", k.basis);
    assert_eq!(clock_of(&c, &p, Stage::Feedback).deadline, day(2026, 5, 6));
    // A 复核 case: the same limit under 第三十六条, and no window after it (终结).
    c.level = Level::Recheck;
    let k = clock_of(&c, &p, Stage::Handling);
    assert!(k.basis.contains("第三十六条"), "{}", k.basis);
    c.state = State::Answered;
    c.milestones.answered_at = Some(at(day(2026, 4, 30)));
    assert!(all(&c, &p).iter().all(|k| k.stage != Stage::ReviewWindow));
}

#[test]
fn the_review_window_runs_from_the_reply() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 2));
    c.state = State::Answered;
    c.milestones.resolved_at = Some(at(day(2026, 4, 15)));
    c.milestones.answered_at = Some(at(day(2026, 4, 20)));
    told(&mut c);
    // From the feedback on Mon 04-20: 30 days, Wed 05-20. A window, never due.
    let k = clock_of(&c, &p, Stage::ReviewWindow);
    assert_eq!(
        (k.window, k.from, k.deadline),
        (true, Anchor::Replied, day(2026, 5, 20))
    );
    assert_eq!(due(&c, &p), None);
    // A 答复意见书 given earlier, on Fri 04-17, starts it: 30 days is Sun 05-17, so Mon 05-18.
    c.notices.push(NoticeGiven {
        notice: Notice::Reply,
        at: at(day(2026, 4, 17)),
    });
    assert_eq!(
        clock_of(&c, &p, Stage::ReviewWindow).deadline,
        day(2026, 5, 18)
    );
}

#[test]
fn notices_complete_their_clocks() {
    let p = gov();
    let mut c = case_in(State::Registered, 1, None);
    c.received_at = at(day(2026, 3, 1));
    // 受理告知: 15 days from Sun 03-01 is Mon 03-16.
    let k = clock_of(&c, &p, Stage::Notice);
    assert_eq!((k.deadline, k.running), (day(2026, 3, 16), true));
    // Not accepted: the case is closed, the notice still owed until given.
    c.state = State::NotAccepted;
    assert!(clock_of(&c, &p, Stage::Notice).running);
    c.notices.push(NoticeGiven {
        notice: Notice::NotAccepted,
        at: at(day(2026, 3, 5)),
    });
    assert!(!clock_of(&c, &p, Stage::Notice).running);
    // The written reply is done by a 答复意见书 as well as by the feedback.
    let mut r = accepted_on(day(2026, 3, 2));
    r.state = State::Resolved;
    r.milestones.resolved_at = Some(at(day(2026, 4, 20)));
    told(&mut r);
    assert_eq!(due(&r, &p), Some((Stage::Feedback, day(2026, 5, 6))));
    r.notices.push(NoticeGiven {
        notice: Notice::Reply,
        at: at(day(2026, 4, 22)),
    });
    assert!(!clock_of(&r, &p, Stage::Feedback).running);
    assert_eq!(due(&r, &p), None);
    // Anonymous: nobody to tell, no notice clock.
    c.intake.complainant.anonymous = true;
    assert!(all(&c, &p).iter().all(|k| k.stage != Stage::Notice));
}

#[test]
fn investigation_takes_the_longer_limit() {
    // 直接答复 一周 (5 working days) / 需调查 一个月.
    let mut p = gov();
    for r in &mut p.stages {
        if r.stage == Stage::Handling {
            r.limit = Limit::working(5);
            r.investigated = Some(Limit::months(1));
        }
    }
    let mut c = accepted_on(day(2026, 3, 2));
    // 5 working days from Mon 03-02: 03, 04, 05, 06, Mon 09.
    assert_eq!(clock_of(&c, &p, Stage::Handling).deadline, day(2026, 3, 9));
    c.investigation = true;
    // One month from Mon 03-02 is Thu 04-02.
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.limit, k.deadline), (Limit::months(1), day(2026, 4, 2)));
    assert_eq!(p.validate(), Ok(()));
}

#[test]
fn limits_no_rule_could_mean_are_refused() {
    let p = gov_handling(Limit::months(13));
    assert_eq!(p.validate(), Err((1, MAX_LIMIT_MONTHS)));
    let mut p = gov();
    p.stages[0].investigated = Some(Limit::calendar(0));
    assert_eq!(p.validate(), Err((1, MAX_LIMIT_DAYS)));
    let p = Policy {
        review_window: Some(Limit::calendar(400)),
        ..gov()
    };
    assert_eq!(p.validate(), Err((1, MAX_LIMIT_DAYS)));
    assert_eq!(gov().validate(), Ok(()));
    // A 交办时限 counts in the unit of the clock it replaces: up to a year of it.
    assert_eq!(gov().assigned_limit_range(), (1, MAX_LIMIT_DAYS));
    let hospital = Policy::preset("hospital").unwrap();
    assert_eq!(hospital.assigned_limit_range(), (1, MAX_LIMIT_DAYS));
    let months = gov_handling(Limit::months(1));
    assert_eq!(months.assigned_limit_range(), (1, MAX_LIMIT_MONTHS));
}

/// A 交办时限 of 45 days set while handling counted calendar days, read after the site moved
/// the stage to months, is held to a year (12 months) instead of 45 months: from Tue 03-03,
/// 12 months is 2027-03-03 (a Wednesday).
#[test]
fn a_per_case_limit_is_held_to_its_units_range_after_a_unit_change() {
    let p = gov_handling(Limit::months(2));
    let mut c = accepted_on(day(2026, 3, 2));
    c.milestones.assigned_at = Some(at(day(2026, 3, 3)));
    c.assigned_limit = Some(45);
    told(&mut c);
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.limit, k.deadline), (Limit::months(12), day(2027, 3, 3)));
}

/// On a store upgraded on 03-10, a case received before owes no 受理告知 (nobody could record
/// one), but an extension approved after the upgrade owes its 延期告知: 5 working days from
/// Thu 03-12 are 13, 16, 17, 18, 19 → Thu 03-19.
#[test]
fn notices_owed_from_after_an_upgrade_are_owed() {
    let mut p = gov();
    p.notices_from = Some(at(day(2026, 3, 10)));
    let mut c = accepted_on(day(2026, 3, 2));
    c.extensions.push(Granted {
        at: at(day(2026, 3, 12)),
        days: 10,
    });
    c.extension_days = 10;
    let stages: Vec<Stage> = all(&c, &p).iter().map(|k| k.stage).collect();
    assert!(!stages.contains(&Stage::Notice), "{stages:?}");
    let k = clock_of(&c, &p, Stage::ExtensionNotice);
    assert_eq!(k.deadline, day(2026, 3, 19));
}

/// 第三十五条 gives a 复查 30 days and no extension: one approved on the 复查 moves nothing.
/// Requested Mon 03-02: 30 days end Wed 04-01.
#[test]
fn a_review_is_not_extended() {
    let p = gov();
    let mut c = accepted_on(day(2026, 3, 2));
    c.level = Level::Review;
    c.intake.review_of = Some(9);
    told(&mut c);
    c.extensions.push(Granted {
        at: at(day(2026, 3, 20)),
        days: 30,
    });
    c.extension_days = 30;
    let k = clock_of(&c, &p, Stage::Handling);
    assert_eq!((k.extended, k.deadline), (0, day(2026, 4, 1)));
}
