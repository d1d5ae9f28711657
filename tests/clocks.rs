//! The clock model through the service: a per-case limit set at assignment, pauses that keep a
//! case off the overdue list, and the figures a view carries.

mod common;

use chrono::NaiveDate;
use common::{DAY, World, act, complaint, dept};
use xinfang::domain::deadline::{Anchor, Limit, Stage};
use xinfang::domain::event::Detail;
use xinfang::domain::state::Action;
use xinfang::service::ServiceError;
use xinfang::service::error::{Field, Problem};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn assign_with(days: Option<u32>) -> Detail {
    Detail { days, ..dept(1) }
}

fn told(w: &World, n: &str) {
    let d = Detail {
        method: Some("letter".into()),
        text: Some("受理告知书已寄送".into()),
        ..Detail::default()
    };
    act(w, w.clerk, n, Action::NotifyAccepted, d).unwrap();
}

#[test]
fn a_limit_set_at_assignment_is_the_cases_handling_clock() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("违建占用消防通道", "13811112222"))
        .case
        .number;
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    // Out of 1..=366: refused, with the range named.
    for bad in [0, 367] {
        let r = act(&w, w.clerk, &n, Action::Assign, assign_with(Some(bad)));
        assert!(
            matches!(
                r,
                Err(ServiceError::Invalid {
                    field: Field::Days,
                    problem: Problem::OutOfRange { min: 1, max: 366 },
                })
            ),
            "{bad}: {r:?}"
        );
    }
    // 限期18日 from the assignment on Mon 2026-03-02: Fri 03-20.
    let v = act(&w, w.clerk, &n, Action::Assign, assign_with(Some(18))).unwrap();
    told(&w, &n);
    assert_eq!(v.case.assigned_limit, Some(18));
    let k = v
        .clocks
        .iter()
        .find(|k| k.stage == Stage::Handling)
        .unwrap();
    assert_eq!(
        (k.from, k.limit, k.deadline),
        (Anchor::Assigned, Limit::calendar(18), date(2026, 3, 20))
    );
    assert!(k.basis.contains("交办时限"), "{}", k.basis);
    let due = w.view(w.clerk, &n).unwrap().due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (Stage::Handling, date(2026, 3, 20))
    );
    // Reassigned with a limit past a year: refused as well.
    let r = act(
        &w,
        w.clerk,
        &n,
        Action::Reassign,
        Detail {
            days: Some(400),
            reason: Some("职责调整".into()),
            ..dept(2)
        },
    );
    assert!(matches!(r, Err(ServiceError::Invalid { .. })), "{r:?}");
}

#[test]
fn a_paused_case_is_never_overdue_and_its_clocks_move_by_the_pause() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("征收补偿争议", "13811113333"))
        .case
        .number;
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    act(&w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    told(&w, &n);
    // Accepted Mon 2026-03-02: 60 days is Fri 05-01 (劳动节), §203: Wed 05-06.
    let k = |v: &xinfang::service::api::CaseView| {
        v.clocks
            .iter()
            .find(|k| k.stage == Stage::Handling)
            .unwrap()
            .clone()
    };
    assert_eq!(k(&w.view(w.clerk, &n).unwrap()).deadline, date(2026, 5, 6));
    // Paused for a hearing (听证) on Fri 03-06.
    w.clock.advance(4 * DAY);
    let v = act(&w, w.clerk, &n, Action::Pause, common::reason("听证")).unwrap();
    assert!(v.due.is_none() && k(&v).paused);
    // 100 days later, long past 05-06, it stands still: not overdue anywhere.
    w.clock.advance(96 * DAY);
    assert_eq!(w.overdue(w.leader).overdue, 0);
    assert_eq!(w.summary(w.leader).overdue, 0);
    // Resumed on Wed 06-10: it stood still from Sat 03-07 through 06-10, 96 days (25 of
    // March, 30, 31, 10 of June). 05-01 + 96 days = Wed 08-05.
    let v = act(&w, w.clerk, &n, Action::Resume, Detail::default()).unwrap();
    let h = k(&v);
    assert_eq!(
        (h.paused, h.paused_days, h.deadline),
        (false, 96, date(2026, 8, 5))
    );
    let due = v.due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (Stage::Handling, date(2026, 8, 5))
    );
    assert_eq!(w.overdue(w.leader).overdue, 0);
}
