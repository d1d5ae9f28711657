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

/// A pause holds the handling still, nothing else: it is not offered before acceptance (the
/// registration's 15 days and the 受理告知 never stand still), a case already late when paused
/// stays late, and a pause still lasting when the result is approved ends there, so the
/// written reply's clock runs again instead of standing still for ever.
#[test]
fn a_pause_holds_only_the_handling_and_ends_with_it() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("征收补偿争议", "13811113333"))
        .case
        .number;
    let early = act(&w, w.clerk, &n, Action::Pause, common::reason("补充材料"));
    assert!(early.is_err(), "paused before acceptance: {early:?}");
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    act(&w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    // No 受理告知: owed by Tue 03-17 (15 days from Mon 03-02). Paused on Fri 03-20, already
    // late on it: the pause does not hide that.
    w.clock.advance(18 * DAY);
    let v = act(&w, w.clerk, &n, Action::Pause, common::reason("听证")).unwrap();
    let due = v.due.expect("a late notice stays due through a pause");
    assert_eq!(
        (due.stage, due.deadline),
        (Stage::Notice, date(2026, 3, 17))
    );
    assert_eq!(w.overdue(w.leader).overdue, 1);
    told(&w, &n);
    // Submitted and approved while paused (Mon 03-23): the pause ends with the handling.
    w.clock.advance(3 * DAY);
    act(
        &w,
        w.officer,
        &n,
        Action::Submit,
        common::text("已协商一致"),
    )
    .unwrap();
    let v = act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    assert!(v.case.paused().is_none());
    let reply = v
        .clocks
        .iter()
        .find(|k| k.stage == Stage::Feedback)
        .unwrap();
    // It stood still Sat 03-21 through Mon 03-23, 3 days: 05-01 + 3 = Mon 05-04, inside
    // 劳动节, §203 → Wed 05-06.
    assert!(!reply.paused && reply.running, "{reply:?}");
    assert_eq!((reply.paused_days, reply.deadline), (3, date(2026, 5, 6)));
    assert_eq!(v.due.unwrap().stage, Stage::Feedback);
}

/// A case resolved on the spot was told on the spot (第二十三条): it owes no 受理告知.
#[test]
fn a_case_resolved_on_the_spot_owes_no_notice() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("咨询低保政策", "13811114444"))
        .case
        .number;
    let v = act(
        &w,
        w.operator,
        &n,
        Action::ResolveOnSpot,
        common::text("已当场解答"),
    )
    .unwrap();
    let notice = v.clocks.iter().find(|k| k.stage == Stage::Notice).unwrap();
    assert!(!notice.running, "{notice:?}");
    w.clock.advance(40 * DAY);
    assert_eq!(w.overdue(w.leader).overdue, 0);
}
