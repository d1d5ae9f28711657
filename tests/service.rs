//! The service on a real temporary store: whole workflows, permissions, stale updates,
//! confidentiality, audit events, deadlines and the fold of every timeline.

mod common;

use chrono::NaiveDate;
use common::{DAY, World, complaint, reply_case};
use xinfang::domain::case::{Kind, Satisfaction};
use xinfang::domain::deadline::{DueStatus, Stage};
use xinfang::domain::event::{Detail, EventKind, PersonalField, fold};
use xinfang::domain::state::{Action, Refusal, State};
use xinfang::service::api::{CaseRef, Filter, Page, Queue};
use xinfang::service::{Actor, Reply, Request, ServiceError};

fn act(
    w: &World,
    who: Actor,
    number: &str,
    action: Action,
    detail: Detail,
) -> Result<Box<xinfang::service::api::CaseView>, ServiceError> {
    let version = w.view(w.admin, number).map(|v| v.case.version).unwrap_or(0);
    match w.call(
        who,
        Request::Act {
            case: CaseRef::Number(number.into()),
            version,
            action,
            detail,
        },
    )? {
        Reply::Case(v) => Ok(v),
        other => panic!("{other:?}"),
    }
}

fn text(t: &str) -> Detail {
    Detail {
        text: Some(t.into()),
        ..Detail::default()
    }
}

fn reason(t: &str) -> Detail {
    Detail {
        reason: Some(t.into()),
        ..Detail::default()
    }
}

fn dept(d: u32) -> Detail {
    Detail {
        department: Some(d),
        ..Detail::default()
    }
}

#[test]
fn one_case_through_every_stage_folds_to_its_record() {
    let w = World::new();
    let v = w.intake(
        w.operator,
        complaint("小区电梯长期故障无人维修", "13812345678"),
    );
    let n = v.case.number.clone();
    assert_eq!(n, "XF2026-00001");
    assert_eq!(v.case.state, State::Registered);
    let steps: Vec<(Actor, Action, Detail, State)> = vec![
        (w.clerk, Action::Accept, Detail::default(), State::Accepted),
        (w.clerk, Action::Assign, dept(1), State::InProgress),
        (
            w.officer,
            Action::Note,
            text("已联系物业公司"),
            State::InProgress,
        ),
        (
            w.officer,
            Action::Submit,
            text("物业已更换主板"),
            State::UnderReview,
        ),
        (
            w.clerk,
            Action::Return,
            reason("未附维修记录"),
            State::InProgress,
        ),
        (
            w.officer,
            Action::Submit,
            text("物业已更换主板，附维修记录"),
            State::UnderReview,
        ),
        (w.clerk, Action::Approve, Detail::default(), State::Resolved),
        (
            w.clerk,
            Action::Feedback,
            Detail {
                method: Some("电话".into()),
                text: Some("已告知处理结果".into()),
                ..Detail::default()
            },
            State::Answered,
        ),
        (
            w.clerk,
            Action::FollowUp,
            Detail {
                satisfaction: Some(Satisfaction::Satisfied),
                ..Detail::default()
            },
            State::FollowedUp,
        ),
        (w.clerk, Action::Archive, Detail::default(), State::Archived),
    ];
    for (who, action, detail, want) in steps {
        w.clock.advance(DAY);
        let v = act(&w, who, &n, action, detail).unwrap_or_else(|e| panic!("{action:?}: {e:?}"));
        assert_eq!(v.case.state, want, "after {action:?}");
    }
    let v = w.view(w.clerk, &n).unwrap();
    assert_eq!(v.case.return_count, 1);
    assert_eq!(v.case.satisfaction, Some(Satisfaction::Satisfied));
    assert_eq!(v.events.len(), 11);
    let actors: Vec<&str> = v.events.iter().map(|e| e.actor.as_str()).collect();
    assert_eq!(
        actors,
        [
            "王晓燕",
            "陈静",
            "陈静",
            "刘洋",
            "刘洋",
            "陈静",
            "刘洋",
            "陈静",
            "陈静",
            "陈静",
            "陈静"
        ]
    );
    // The record equals the fold of its timeline (the clerk sees the identity unmasked only
    // through the store; the view masks the phone).
    assert_eq!(v.case.intake.complainant.phone, "138****5678");
    let report = match w.call(w.admin, Request::Check { repair: false }).unwrap() {
        Reply::Check(r) => r,
        other => panic!("{other:?}"),
    };
    assert!(report.sound(), "{:?}", report.problems);
    assert_eq!(report.events, 11);
}

#[test]
fn a_stale_update_is_refused_and_nothing_is_overwritten() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13900001111"))
        .case
        .number;
    let seen = w.view(w.clerk, &n).unwrap().case.version;
    // The leader accepts first.
    act(&w, w.leader, &n, Action::Accept, Detail::default()).unwrap();
    let r = w.call(
        w.clerk,
        Request::Act {
            case: CaseRef::Number(n.clone()),
            version: seen,
            action: Action::NotAccept,
            detail: reason("不属于受理范围"),
        },
    );
    match r {
        Err(ServiceError::Stale {
            seen: s, current, ..
        }) => assert_eq!((s, current), (seen, seen + 1)),
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    let msg = xinfang::lang::Lang::Zh.words().error(&ServiceError::Stale {
        number: n.clone(),
        seen,
        current: seen + 1,
    });
    assert!(msg.contains("已被他人修改") && msg.contains(&n), "{msg}");
    let v = w.view(w.clerk, &n).unwrap();
    assert_eq!(v.case.state, State::Accepted);
    assert_eq!(v.case.reason, None);
}

#[test]
fn a_confidential_report_never_goes_to_its_accused_unit_and_hides_the_reporter() {
    let w = World::new();
    let mut i = complaint("举报城管执法人员收受好处费", "13700002222");
    i.kind = Kind::Report;
    i.complainant.confidential = true;
    i.accused_unit = Some("城市管理综合执法局某中队".into());
    let v = w.intake(w.operator, i);
    assert_eq!(
        v.case.intake.accused_dept,
        Some(2),
        "the accused unit is recognised as department 2"
    );
    let n = v.case.number;
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    match act(&w, w.clerk, &n, Action::Assign, dept(2)) {
        Err(ServiceError::AccusedUnit { department, .. }) => {
            assert_eq!(department, "城市管理综合执法局")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(w.view(w.clerk, &n).unwrap().case.state, State::Accepted);
    // As an assisting department it is refused too.
    let both = Detail {
        department: Some(1),
        assisting: vec![2],
        ..Detail::default()
    };
    assert!(matches!(
        act(&w, w.clerk, &n, Action::Assign, both),
        Err(ServiceError::AccusedUnit { .. })
    ));
    act(&w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    // The handling department sees the case but not who reported it.
    let seen = w.view(w.officer, &n).unwrap();
    assert!(seen.identity_hidden);
    assert_eq!(seen.case.intake.complainant.phone, "");
    assert_ne!(seen.case.intake.complainant.name, "张三");
    for e in &seen.events {
        if let EventKind::Registered { intake, .. } = &e.event.kind {
            assert_ne!(intake.complainant.name, "张三", "the timeline hides it too");
            assert_eq!(intake.complainant.id_number, "");
        }
    }
    let r = w.call(
        w.officer,
        Request::Reveal {
            case: CaseRef::Number(n.clone()),
            field: PersonalField::Phone,
        },
    );
    assert_eq!(r, Err(ServiceError::MayNotReveal));
    // A reassignment to the accused unit is refused as well.
    assert!(matches!(
        act(
            &w,
            w.clerk,
            &n,
            Action::Reassign,
            Detail {
                department: Some(2),
                reason: Some("职能调整".into()),
                ..Detail::default()
            }
        ),
        Err(ServiceError::AccusedUnit { .. })
    ));
}

#[test]
fn an_officer_never_sees_another_departments_case() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("违法建设占用消防通道", "13600003333"))
        .case
        .number;
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    act(&w, w.clerk, &n, Action::Assign, dept(2)).unwrap();
    assert!(matches!(
        w.view(w.officer, &n),
        Err(ServiceError::NoSuchCase(_))
    ));
    assert!(w.view(w.officer2, &n).is_ok());
    for who in [w.officer, w.officer2] {
        let list = match w
            .call(
                who,
                Request::Inbox {
                    queue: Queue::Mine,
                    filter: Filter::default(),
                    page: Page::default(),
                },
            )
            .unwrap()
        {
            Reply::List(l) => l,
            other => panic!("{other:?}"),
        };
        let found = list.rows.iter().any(|r| r.number == n);
        assert_eq!(found, who == w.officer2);
        let search = match w
            .call(
                who,
                Request::Search {
                    text: "消防通道".into(),
                    page: Page::default(),
                },
            )
            .unwrap()
        {
            Reply::List(l) => l,
            other => panic!("{other:?}"),
        };
        assert_eq!(search.rows.len(), usize::from(who == w.officer2));
    }
    // Acting on it is refused as if it did not exist.
    let r = w.call(
        w.officer,
        Request::Act {
            case: CaseRef::Number(n.clone()),
            version: 3,
            action: Action::Submit,
            detail: text("已处理"),
        },
    );
    assert!(matches!(r, Err(ServiceError::NoSuchCase(_))));
    // An operator sees only their own registrations.
    assert!(w.view(w.operator, &n).is_ok());
    let other_op = w.service.act_as(w.admin, "clerk").unwrap();
    assert!(w.view(other_op, &n).is_ok());
}

#[test]
fn roles_are_enforced_by_the_service() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("供水水压不足", "13500004444"))
        .case
        .number;
    let r = act(&w, w.operator, &n, Action::Accept, Detail::default());
    assert!(matches!(
        r,
        Err(ServiceError::Refused(Refusal::RoleMayNot {
            action: Action::Accept
        }))
    ));
    let r = act(&w, w.clerk, &n, Action::NotAccept, Detail::default());
    assert!(matches!(
        r,
        Err(ServiceError::Missing {
            action: Action::NotAccept,
            ..
        })
    ));
    let r = act(&w, w.clerk, &n, Action::Submit, text("x"));
    assert!(matches!(
        r,
        Err(ServiceError::Refused(Refusal::WrongState { .. }))
    ));
    let r = w.call(
        w.officer,
        Request::Intake {
            intake: complaint("x", ""),
            resolve: None,
            link_to: None,
        },
    );
    assert_eq!(r.err(), Some(ServiceError::MayNotRegister));
    let r = w.call(
        w.clerk,
        Request::AddDepartment {
            name: "教育局".into(),
            code: "jyj".into(),
        },
    );
    assert_eq!(r.err(), Some(ServiceError::AdminOnly));
    assert!(
        w.service.act_as(w.clerk, "op").is_err(),
        "only an administrator may act as another user"
    );
}

#[test]
fn every_reveal_is_an_audit_event() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("物业乱收费", "13812345678"))
        .case
        .number;
    let before = w.view(w.clerk, &n).unwrap();
    let r = w
        .call(
            w.clerk,
            Request::Reveal {
                case: CaseRef::Number(n.clone()),
                field: PersonalField::Phone,
            },
        )
        .unwrap();
    assert_eq!(r, Reply::Revealed("13812345678".into()));
    let after = w.view(w.clerk, &n).unwrap();
    assert_eq!(after.events.len(), before.events.len() + 1);
    let last = after.events.last().unwrap();
    assert_eq!(last.actor, "陈静");
    assert!(matches!(
        last.event.kind,
        EventKind::Revealed {
            field: PersonalField::Phone
        }
    ));
    // Viewing does not make someone else's open form stale.
    assert_eq!(after.case.version, before.case.version);
    assert_eq!(after.case.intake.complainant.phone, "138****5678");
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
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    act(&w, w.clerk, &n, Action::Assign, dept(1)).unwrap();
    let due = w.view(w.officer, &n).unwrap().due.unwrap();
    assert_eq!(
        (due.stage, due.deadline),
        (
            Stage::Handling,
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
        )
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
    assert_eq!(
        v.due.unwrap().deadline,
        NaiveDate::from_ymd_opt(2026, 5, 21).unwrap()
    );
    // Months later it is overdue, counted in working days.
    w.clock.advance(90 * DAY);
    let due = w.view(w.leader, &n).unwrap().due.unwrap();
    assert!(
        matches!(due.status, DueStatus::Overdue { working_days } if working_days > 0),
        "{due:?}"
    );
    let o = match w
        .call(
            w.leader,
            Request::Overdue {
                limit: 50,
                include_due_soon: true,
            },
        )
        .unwrap()
    {
        Reply::Overdue(o) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(o.overdue, 1);
    assert_eq!(o.groups[0].name, "住房和城乡建设局");
    assert_eq!(o.groups[0].rows[0].number, n);
    // The officer of another department does not see it in their morning list.
    let o = match w
        .call(
            w.officer2,
            Request::Overdue {
                limit: 50,
                include_due_soon: true,
            },
        )
        .unwrap()
    {
        Reply::Overdue(o) => o,
        other => panic!("{other:?}"),
    };
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
    act(
        &w,
        w.clerk,
        &v.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    let v = act(&w, w.clerk, &v.case.number, Action::Assign, dept(1)).unwrap();
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
    let summary = match w.call(w.clerk, Request::Summary).unwrap() {
        Reply::Summary(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(summary.missing_calendar_years, [2027]);
}

#[test]
fn merged_numbers_still_find_their_case_and_caller_history_links_calls() {
    let w = World::new();
    let first = w
        .intake(w.operator, complaint("路灯不亮", "138-1234-5678"))
        .case
        .number;
    let second = w
        .intake(w.operator, complaint("路灯一直不亮", "+86 13812345678"))
        .case
        .number;
    assert_eq!(second, "XF2026-00002");
    let history = match w
        .call(
            w.operator,
            Request::CallerHistory {
                phone: Some("13812345678".into()),
                id_number: None,
                limit: 10,
            },
        )
        .unwrap()
    {
        Reply::List(l) => l,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        history
            .rows
            .iter()
            .map(|r| r.number.as_str())
            .collect::<Vec<_>>(),
        [second.as_str(), first.as_str()]
    );
    assert_eq!(history.rows[0].phone, "138****5678");
    let target = w.view(w.clerk, &first).unwrap().case.id;
    act(
        &w,
        w.clerk,
        &second,
        Action::Merge,
        Detail {
            target: Some(target),
            ..Detail::default()
        },
    )
    .unwrap();
    let merged = w.view(w.clerk, "xf2026-00002").unwrap();
    assert_eq!(merged.case.state, State::Merged);
    assert_eq!(merged.case.links.merged_into, Some(target));
    let survivor = w.view(w.clerk, &first).unwrap();
    assert_eq!(
        survivor
            .linked
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>(),
        [second.as_str()]
    );
    // Numbers are never reused.
    assert_eq!(
        w.intake(w.operator, complaint("井盖缺失", "")).case.number,
        "XF2026-00003"
    );
}

#[test]
fn search_finds_chinese_text_by_two_and_four_characters_page_by_page() {
    let w = World::new();
    for i in 0..30 {
        let subject = if i % 3 == 0 {
            format!("小区电梯故障第{i}次")
        } else {
            format!("道路积水第{i}次")
        };
        w.intake(w.operator, complaint(&subject, ""));
    }
    let search = |t: &str, after| match w
        .call(
            w.clerk,
            Request::Search {
                text: t.into(),
                page: Page { limit: 4, after },
            },
        )
        .unwrap()
    {
        Reply::List(l) => l,
        other => panic!("{other:?}"),
    };
    let p1 = search("电梯", None);
    assert_eq!(p1.rows.len(), 4);
    assert!(p1.rows.iter().all(|r| r.subject.contains("电梯")));
    let mut all = p1.rows.len();
    let mut next = p1.next;
    while let Some(c) = next {
        let p = search("电梯", Some(c));
        all += p.rows.len();
        next = p.next;
    }
    assert_eq!(all, 10);
    assert_eq!(search("小区电梯", None).rows.len(), 4);
    assert_eq!(search("梯故障第9", None).rows.len(), 1);
    assert!(
        search("电梯积水", None).rows.is_empty(),
        "both characters pairs must occur together"
    );
    assert_eq!(
        search("水", None).rows.len(),
        4,
        "a single character is answered too"
    );
}

#[test]
fn every_demo_case_equals_the_fold_of_its_events() {
    let w = World::new();
    let r = w
        .call(
            w.admin,
            Request::LoadDemo {
                cases: 1500,
                seed: 7,
            },
        )
        .unwrap();
    assert_eq!(r, Reply::Demo { cases: 1500 });
    let report = match w.call(w.admin, Request::Check { repair: false }).unwrap() {
        Reply::Check(r) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(report.cases, 1500);
    assert!(report.sound(), "{:?}", report.problems);
    // And explicitly, case by case through the API the desk uses.
    let mut states = std::collections::BTreeSet::new();
    for id in 1..=1500u64 {
        let v = reply_case(w.call(w.admin, Request::Case(CaseRef::Id(id))));
        let events: Vec<_> = v.events.iter().map(|e| e.event.clone()).collect();
        let folded = fold(&events).expect("a timeline folds");
        assert_eq!(folded.state, v.case.state);
        assert_eq!(folded.version, v.case.version);
        assert_eq!(folded.department, v.case.department);
        states.insert(v.case.state);
    }
    assert!(
        states.len() >= 9,
        "demo cases cover the workflow: {states:?}"
    );
    // Loading twice is refused: demo data only goes into an empty store.
    assert_eq!(
        w.call(w.admin, Request::LoadDemo { cases: 1, seed: 1 }),
        Err(ServiceError::NotEmpty)
    );
}

#[test]
fn every_committed_change_is_published_and_a_refusal_is_not() {
    let w = World::new();
    let changes = w.service.subscribe();
    let v = w.intake(w.operator, complaint("路面塌陷", "13800001234"));
    let c = changes.try_recv().unwrap();
    assert_eq!(
        (c.case, c.version, c.state, c.registered_by),
        (
            Some(v.case.id),
            1,
            Some(State::Registered),
            Some(v.case.registered_by)
        )
    );
    act(
        &w,
        w.clerk,
        &v.case.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    act(&w, w.clerk, &v.case.number, Action::Assign, dept(2)).unwrap();
    let seen: Vec<_> = changes
        .try_iter()
        .map(|c| (c.state, c.department))
        .collect();
    assert_eq!(
        seen,
        [
            (Some(State::Accepted), None),
            (Some(State::InProgress), Some(2))
        ]
    );
    assert!(
        act(
            &w,
            w.clerk,
            &v.case.number,
            Action::Accept,
            Detail::default()
        )
        .is_err()
    );
    assert!(
        changes.try_recv().is_err(),
        "nothing was committed, nothing is published"
    );
}
