//! Clocks on real cases: policy presets, extensions, overdue lists, anonymous cases,
//! calendar years without data.

mod common;

use chrono::NaiveDate;
use common::{DAY, World, complaint, reply_case};
use xinfang::domain::deadline::{DueStatus, Stage};
use xinfang::domain::event::Detail;
use xinfang::domain::state::{Action, State};
use xinfang::service::api::CaseRef;
use xinfang::service::{Request, ServiceError};

use common::{accept_and_assign, act, dept, text};

/// A written notice given to the petitioner (受理告知, 延期告知…), completing its clock.
fn notify(w: &World, n: &str, action: Action) {
    let d = Detail {
        method: Some("letter".into()),
        text: Some("已送达告知书".into()),
        ..Detail::default()
    };
    act(w, w.clerk, n, action, d).unwrap();
}

#[test]
fn deadlines_follow_the_policy_the_calendar_and_extensions() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("拖欠工资8600元", "13811112222"))
        .case
        .number;
    let v = w.view(w.clerk, &n).unwrap();
    let due = v.due.unwrap();
    // Government preset: 15 days from registration on 2026-03-02.
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Acceptance,
            NaiveDate::from_ymd_opt(2026, 3, 17).unwrap()
        )
    );
    accept_and_assign(&w, &n, 1);
    // Until the petitioner is told (受理告知, 15 days from receipt), that is what is due.
    let due = w.view(w.officer, &n).unwrap().due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (Stage::Notice, NaiveDate::from_ymd_opt(2026, 3, 17).unwrap())
    );
    notify(&w, &n, Action::NotifyAccepted);
    let due = w.view(w.officer, &n).unwrap().due.unwrap();
    // 60 days from 03-02 is Fri 05-01, 劳动节 (05-01..05-05): 《民法典》§203 moves it to
    // Wed 05-06, and the clock says why.
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Handling,
            NaiveDate::from_ymd_opt(2026, 5, 6).unwrap()
        )
    );
    let v = w.view(w.officer, &n).unwrap();
    let handling = v
        .clocks
        .iter()
        .find(|c| c.stage == Stage::Handling)
        .unwrap();
    assert!(
        handling.basis.contains("第二百零三条"),
        "{}",
        handling.basis
    );
    assert!(matches!(due.status, DueStatus::OnTrack { .. }));
    // Longer than the policy's 30 days is refused; 20 days with approval moves the clock.
    let too_long = Detail {
        days: Some(31),
        reason: Some("案情复杂".into()),
        ..Detail::default()
    };
    assert!(matches!(
        act(&w, w.officer, &n, Action::RequestExtension, too_long),
        Err(ServiceError::Invalid { .. })
    ));
    act(
        &w,
        w.officer,
        &n,
        Action::RequestExtension,
        Detail {
            days: Some(20),
            reason: Some("需要现场勘验".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    let v = act(
        &w,
        w.leader,
        &n,
        Action::ApproveExtension,
        Detail::default(),
    )
    .unwrap();
    assert_eq!(v.case.extension_days, 20);
    // 延期告知 is owed first: 5 working days from Mon 03-02, Mon 03-09.
    let due = v.due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::ExtensionNotice,
            NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
        )
    );
    notify(&w, &n, Action::NotifyExtended);
    assert_eq!(
        w.view(w.leader, &n).unwrap().due.unwrap().deadline,
        NaiveDate::from_ymd_opt(2026, 5, 21).unwrap()
    );
    // Months later it is overdue, counted in working days.
    w.clock.advance(90 * DAY);
    let due = w.view(w.leader, &n).unwrap().due.unwrap();
    assert!(
        matches!(due.status, DueStatus::Overdue { working_days } if working_days > 0),
        "{due:?}"
    );
    let o = w.overdue(w.leader);
    assert_eq!(o.overdue, 1);
    assert_eq!(o.groups[0].name, "住房和城乡建设局");
    assert_eq!(o.groups[0].rows[0].number, n);
    // The officer of another department does not see it in their morning list.
    let o = w.overdue(w.officer2);
    assert_eq!(o.overdue, 0);
}

#[test]
fn anonymous_cases_have_no_feedback_clock_and_are_archived_without_it() {
    let w = World::new();
    w.call(
        w.admin,
        Request::SetPolicy(xinfang::domain::deadline::Policy::preset("hospital").unwrap()),
    )
    .unwrap();
    let mut i = complaint("护士态度恶劣", "");
    i.complainant.anonymous = true;
    let v = w.intake(w.operator, i);
    assert_eq!(
        v.case.intake.complainant.name, "",
        "anonymous means no identity at all"
    );
    assert!(v.clocks.is_empty(), "{:?}", v.clocks);
    let n = v.case.number;
    let r = reply_case(w.call(
        w.clerk,
        Request::Act {
            case: CaseRef::Number(n.clone()),
            version: 1,
            action: Action::ResolveOnSpot,
            detail: text("已当场解释"),
        },
    ));
    assert_eq!(r.case.state, State::Resolved);
    assert!(!r.actions.contains(&Action::Feedback));
    assert!(r.actions.contains(&Action::Archive));
    // A named complainant gets the hospital's 5-working-day feedback clock from receipt.
    let v = w.intake(w.operator, complaint("候诊时间过长", "13800000000"));
    let due = v.due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Feedback,
            NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
        )
    );
}

#[test]
fn a_deadline_in_a_year_without_calendar_data_is_flagged() {
    let w = World::new();
    w.clock.set(xinfang::domain::time::Timestamp(
        common::MONDAY_0900 + 301 * DAY,
    )); // Monday 2026-12-28
    let v = w.intake(w.operator, complaint("年底集中供暖不热", "13800000001"));
    let v = accept_and_assign(&w, &v.case.number, 1);
    let due = v.due.unwrap();
    assert_eq!(due.deadline.format("%Y").to_string(), "2027");
    let handling = v
        .clocks
        .iter()
        .find(|c| c.stage == Stage::Objection)
        .unwrap();
    assert_eq!(
        handling.missing_years,
        [2027],
        "a working-day count into 2027 is a guess"
    );
    // The 60-day handling clock (to 2027-02-26) is in days, but its working days left and
    // a §203 shift need 2027's holidays: it is unsure too.
    let handling = v
        .clocks
        .iter()
        .find(|c| c.stage == Stage::Handling)
        .unwrap();
    assert_eq!(
        handling.deadline,
        NaiveDate::from_ymd_opt(2027, 2, 26).unwrap()
    );
    assert_eq!(handling.missing_years, [2027]);
    let summary = w.summary(w.clerk);
    assert_eq!(summary.missing_calendar_years, [2027]);
}

#[test]
fn overdue_counts_stay_exact_as_cases_move() {
    let w = World::new();
    assert_eq!(
        w.overdue(w.leader).overdue,
        0,
        "the counts are loaded before any case exists"
    );
    let a = w.intake(w.operator, complaint("路灯不亮", "")).case.number;
    let b = w.intake(w.operator, complaint("井盖缺失", "")).case.number;
    let c = w.intake(w.operator, complaint("噪声扰民", "")).case.number;
    for (n, d) in [(&a, 1), (&b, 2)] {
        act(&w, w.clerk, n, Action::Accept, Detail::default()).unwrap();
        act(&w, w.clerk, n, Action::Assign, dept(d)).unwrap();
        notify(&w, n, Action::NotifyAccepted);
    }
    w.clock.advance(100 * DAY);
    let o = w.overdue(w.leader);
    assert_eq!((o.overdue, o.due_soon), (3, 0));
    let by: Vec<(String, u64)> = o
        .groups
        .iter()
        .map(|g| (g.name.clone(), g.overdue))
        .collect();
    assert!(
        by.contains(&("住房和城乡建设局".into(), 1))
            && by.contains(&("城市管理综合执法局".into(), 1))
            && by.contains(&(String::new(), 1)),
        "{by:?}"
    );
    // Not accepted, it still owes the petitioner its written notice (第二十三条): late on that;
    // told, it leaves the list. Reassigned: it moves department.
    act(
        &w,
        w.clerk,
        &c,
        Action::NotAccept,
        Detail {
            reason: Some("不属于受理范围".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    let o = w.overdue(w.leader);
    assert_eq!(o.overdue, 3);
    let owed = w.view(w.clerk, &c).unwrap().due.unwrap();
    assert_eq!(owed.stage, Stage::Notice);
    notify(&w, &c, Action::NotifyNotAccepted);
    act(
        &w,
        w.clerk,
        &a,
        Action::Reassign,
        Detail {
            department: Some(2),
            reason: Some("职责调整".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    let o = w.overdue(w.leader);
    assert_eq!(o.overdue, 2);
    assert_eq!(o.groups.len(), 1);
    assert_eq!(
        (
            o.groups[0].name.as_str(),
            o.groups[0].overdue,
            o.groups[0].rows.len()
        ),
        ("城市管理综合执法局", 2, 2)
    );
    assert_eq!(w.overdue(w.officer2).overdue, 2);
    assert_eq!(w.overdue(w.officer).overdue, 0);
    let summary = w.summary(w.leader);
    assert_eq!((summary.overdue, summary.due_soon, summary.open), (2, 0, 2));
    // Submitted for review the handling clock keeps running; approved, the written reply
    // (§32, due within the same 60 days) is still owed and late; answered, nothing is late.
    act(
        &w,
        w.officer2,
        &a,
        Action::Submit,
        Detail {
            text: Some("已修复".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    act(&w, w.clerk, &a, Action::Approve, Detail::default()).unwrap();
    assert_eq!(w.overdue(w.leader).overdue, 2);
    let v = w.view(w.leader, &a).unwrap();
    let due = v.due.unwrap();
    assert_eq!(due.stage, Stage::Feedback);
    assert!(matches!(due.status, DueStatus::Overdue { .. }), "{due:?}");
    act(
        &w,
        w.clerk,
        &a,
        Action::Feedback,
        Detail {
            method: Some("letter".into()),
            text: Some("已送达答复意见书".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    assert_eq!(w.overdue(w.leader).overdue, 1);
}

#[test]
fn a_hospital_case_keeps_its_extension_and_gets_a_fresh_clock_when_reopened() {
    let w = World::new();
    w.call(
        w.admin,
        Request::SetPolicy(xinfang::domain::deadline::Policy::preset("hospital").unwrap()),
    )
    .unwrap();
    // Received Mon 2026-03-02: feedback within 5 working days, Mon 03-09.
    let n = w
        .intake(w.operator, complaint("检查报告迟迟未出", "13800000002"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    act(
        &w,
        w.officer,
        &n,
        Action::RequestExtension,
        Detail {
            days: Some(3),
            reason: Some("需要会诊".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    let v = act(
        &w,
        w.leader,
        &n,
        Action::ApproveExtension,
        Detail::default(),
    )
    .unwrap();
    // 3 more working days after 03-09: 10, 11, 12 -> Thu 03-12.
    let due = v.due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Feedback,
            NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()
        )
    );
    // Tue 03-10, the day after the unextended deadline: not overdue.
    w.clock.advance(8 * DAY);
    let due = w.view(w.leader, &n).unwrap().due.unwrap();
    assert!(!matches!(due.status, DueStatus::Overdue { .. }), "{due:?}");
    act(
        &w,
        w.officer,
        &n,
        Action::Submit,
        text("已出报告并解释原因"),
    )
    .unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    act(
        &w,
        w.clerk,
        &n,
        Action::Feedback,
        Detail {
            method: Some("phone".into()),
            text: Some("已告知".into()),
            ..Detail::default()
        },
    )
    .unwrap();
    act(
        &w,
        w.clerk,
        &n,
        Action::FollowUp,
        Detail {
            satisfaction: Some(xinfang::domain::case::Satisfaction::Unsatisfied),
            ..Detail::default()
        },
    )
    .unwrap();
    // Reopened on Mon 04-13 (03-02 + 42 days): 5 working days afresh, 14..17, 20 -> Mon 04-20.
    w.clock.set(xinfang::domain::time::Timestamp(
        common::MONDAY_0900 + 42 * DAY,
    ));
    let v = act(&w, w.clerk, &n, Action::Reopen, common::reason("仍不满意")).unwrap();
    let due = v.due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Feedback,
            NaiveDate::from_ymd_opt(2026, 4, 20).unwrap()
        )
    );
    assert!(!matches!(due.status, DueStatus::Overdue { .. }), "{due:?}");
}

#[test]
fn a_store_indexed_by_an_older_build_has_its_due_times_computed_again_on_open() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    assert_eq!(w.overdue(w.leader).overdue, 0);
    let id = w.view(w.admin, &n).unwrap().case.id;
    let World {
        dir,
        service,
        clock,
        ..
    } = w;
    drop(service);
    // As an older build left it: its rules ran no clock on this case, and it knew no edition.
    {
        let store = xinfang::store::Store::open(dir.path()).unwrap();
        let case = store.case(id).unwrap().unwrap();
        store
            .commit(&xinfang::store::Mutation {
                cases: vec![(case, None)],
                puts: vec![xinfang::store::Put::delete(
                    xinfang::store::Meta::Settings,
                    b"clock_rules".to_vec(),
                )],
                ..xinfang::store::Mutation::default()
            })
            .unwrap();
    }
    // Handling takes 60 days from acceptance on Mon 03-02: 05-01, a holiday, so Wed 05-06
    // (民法典 §203). On 05-11 this build counts the case late.
    clock.advance(70 * DAY);
    let s = xinfang::service::Service::open(dir.path(), clock).unwrap();
    let admin = s.actor_for_login("owner").unwrap();
    let leader = s.act_as(admin, "leader").unwrap();
    assert_eq!(common::overdue_of(&s, leader).overdue, 1);
}

/// An upgraded store's open cases were registered by a build that could not record a notice:
/// they owe none, so the upgrade does not turn every one of them overdue on 受理告知, while a
/// case registered after the upgrade owes it (第二十二条、第二十三条).
#[test]
fn cases_registered_before_notices_existed_owe_none_and_later_ones_do() {
    let w = World::new();
    let old = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &old, 1);
    drop(w.service);
    // As an older build left it: no edition of the clock rules.
    {
        let store = xinfang::store::Store::open(w.dir.path()).unwrap();
        store
            .commit(&xinfang::store::Mutation {
                puts: vec![xinfang::store::Put::delete(
                    xinfang::store::Meta::Settings,
                    b"clock_rules".to_vec(),
                )],
                ..xinfang::store::Mutation::default()
            })
            .unwrap();
    }
    // Mon 03-23, three weeks after the old case came in.
    w.clock.advance(21 * DAY);
    let s = xinfang::service::Service::open(w.dir.path(), w.clock.clone()).unwrap();
    let w = World {
        service: std::sync::Arc::new(s),
        ..w
    };
    let v = w.view(w.clerk, &old).unwrap();
    assert!(
        v.clocks.iter().all(|c| c.stage != Stage::Notice),
        "{:?}",
        v.clocks
    );
    assert_eq!(v.due.unwrap().stage, Stage::Handling);
    assert_eq!(w.overdue(w.leader).overdue, 0);
    // Received Mon 03-23: 15 days end Tue 04-07, a working day after 清明 (04-04..06).
    let new = w.intake(w.operator, complaint("路灯不亮", "13812340001"));
    let notice = new
        .clocks
        .iter()
        .find(|c| c.stage == Stage::Notice)
        .expect("a case registered after the upgrade owes its 受理告知");
    assert_eq!(
        notice.deadline,
        NaiveDate::from_ymd_opt(2026, 4, 7).unwrap()
    );
}
