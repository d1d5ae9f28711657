//! The service on a real temporary store: a whole workflow, stale updates, roles, published
//! changes.

mod common;

use common::{DAY, World, complaint};
use xinfang::domain::case::Satisfaction;
use xinfang::domain::event::Detail;
use xinfang::domain::state::{Action, Refusal, State};
use xinfang::service::Service;
use xinfang::service::api::{CaseRef, Filter, Page, Queue};
use xinfang::service::{Actor, Reply, Request, ServiceError};

use common::{accept_and_assign, act, dept, reason, text};

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
                method: Some("phone".into()),
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
    let report = w.check();
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
            draft: None,
            reception: None,
        },
    );
    assert_eq!(r.err(), Some(ServiceError::MayNotRegister));
    let r = w.call(
        w.clerk,
        Request::AddDepartment {
            name: "教育局".into(),
            code: "jyj".into(),
            aliases: vec![],
        },
    );
    assert_eq!(r.err(), Some(ServiceError::AdminOnly));
    assert!(
        w.service.act_as(w.clerk, "op").is_err(),
        "only an administrator may act as another user"
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
    accept_and_assign(&w, &v.case.number, 2);
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

#[test]
fn requests_and_replies_survive_the_wire_format() {
    // The shared server sends these as postcard frames: every type must round-trip.
    let w = World::new();
    let v = w.intake(w.operator, complaint("小区电梯长期故障“①”", "13812345678"));
    let n = v.case.number.clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    let requests = [
        Request::Case(CaseRef::Number(n.clone())),
        Request::Overdue {
            limit: 50,
            include_due_soon: true,
        },
        Request::Summary,
        Request::Act {
            case: CaseRef::Number(n.clone()),
            version: 2,
            action: Action::Assign,
            detail: dept(1),
        },
    ];
    for r in requests {
        let bytes = postcard::to_stdvec(&r).unwrap();
        let back: Request = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, r);
        let reply = w.call(w.leader, r);
        let bytes = postcard::to_stdvec(&reply).unwrap();
        let back: Result<Reply, ServiceError> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, reply);
    }
    let refused = w.call(
        w.operator,
        Request::Act {
            case: CaseRef::Number(n),
            version: 1,
            action: Action::Accept,
            detail: Detail::default(),
        },
    );
    let bytes = postcard::to_stdvec(&refused).unwrap();
    assert_eq!(
        postcard::from_bytes::<Result<Reply, ServiceError>>(&bytes).unwrap(),
        refused
    );
}

/// Every case of a store, as the administrator sees it.
fn all_cases(s: &Service, admin: xinfang::service::Actor) -> Vec<xinfang::domain::case::Case> {
    let mut out = Vec::new();
    let mut page = Page {
        limit: 500,
        after: None,
    };
    loop {
        let Ok(Reply::List(l)) = s.call(
            admin,
            Request::Inbox {
                queue: Queue::All,
                filter: Filter::default(),
                page: page.clone(),
            },
        ) else {
            panic!("list");
        };
        for r in &l.rows {
            match s.call(admin, Request::Case(CaseRef::Id(r.id))) {
                Ok(Reply::Case(v)) => out.push(v.case),
                other => panic!("{other:?}"),
            }
        }
        match l.next {
            Some(c) => page.after = Some(c),
            None => break,
        }
    }
    out.sort_by_key(|c| c.id);
    out
}

#[test]
fn a_store_whose_files_are_lost_or_broken_is_rebuilt_from_the_journal() {
    let w = World::new();
    w.call(
        w.admin,
        Request::LoadDemo {
            cases: 300,
            seed: 7,
        },
    )
    .unwrap();
    let number = w
        .intake(w.operator, complaint("电梯故障无人维修", "13800138000"))
        .case
        .number;
    act(&w, w.clerk, &number, Action::Accept, Default::default()).unwrap();
    let before = all_cases(&w.service, w.admin);
    // Close the store, keeping its directory.
    let World {
        dir: keep,
        clock,
        service,
        ..
    } = w;
    drop(service);
    let dir = keep.path().to_path_buf();
    for damage in ["deleted", "garbage"] {
        match damage {
            "deleted" => std::fs::remove_file(dir.join("db")).unwrap(),
            _ => std::fs::write(dir.join("conf"), b"\xff\xfe not a sled config").unwrap(),
        }
        let s = Service::open(&dir, clock.clone()).unwrap();
        let admin = s.actor_for_login("owner").unwrap();
        assert!(s.recovery().replayed > 0, "{damage}");
        assert_eq!(all_cases(&s, admin), before, "{damage}");
        let Ok(Reply::Check(report)) = s.call(admin, Request::Check { repair: false }) else {
            panic!("check");
        };
        assert!(report.sound(), "{damage}: {report:?}");
        if damage == "garbage" {
            let aside = s
                .recovery()
                .set_aside
                .clone()
                .expect("the broken files kept");
            assert!(aside.join("db").exists());
        }
    }
}

#[test]
fn an_event_is_never_dated_before_the_one_it_follows() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("井盖缺失", "13800001234"))
        .case
        .number;
    // The clock set back eleven months.
    w.clock.advance(-330 * DAY);
    let r = act(&w, w.clerk, &n, Action::Accept, Detail::default());
    match r {
        Err(ServiceError::BeforeLastEvent { number, .. }) => assert_eq!(number, n),
        other => panic!("a back-dated event was recorded: {other:?}"),
    }
    let seen = w.view(w.admin, &n).unwrap();
    assert_eq!(seen.case.state, State::Registered);
    assert_eq!(seen.events.len(), 1);
    // Back on time, it goes through.
    w.clock.advance(330 * DAY + 60);
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    assert!(w.check().sound());
}

/// An unsatisfied case is archived only with the decision recorded: without it `reopen` would
/// be closed off without a word (《信访工作条例》§35: 复查 may follow).
#[test]
fn an_unsatisfied_case_is_archived_only_with_its_decision() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("已责令整改")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    let told = Detail {
        method: Some("phone".into()),
        text: Some("已告知处理结果".into()),
        ..Detail::default()
    };
    act(&w, w.clerk, &n, Action::Feedback, told).unwrap();
    let unhappy = Detail {
        satisfaction: Some(Satisfaction::Unsatisfied),
        ..Detail::default()
    };
    act(&w, w.clerk, &n, Action::FollowUp, unhappy).unwrap();
    let bare = act(&w, w.clerk, &n, Action::Archive, Detail::default());
    assert!(
        matches!(
            bare,
            Err(ServiceError::Missing {
                action: Action::Archive,
                ..
            })
        ),
        "{bare:?}"
    );
    assert_eq!(w.view(w.clerk, &n).unwrap().case.state, State::FollowedUp);
    let decided = reason("已告知可在30日内申请复查，信访人表示不再申请");
    let v = act(&w, w.clerk, &n, Action::Archive, decided).unwrap();
    assert_eq!(v.case.state, State::Archived);
}

/// 《信访工作条例》§23: a body sent a case outside its remit objects within 5 working days of
/// assignment. Assigned Monday 2026-03-02, the window counts Tue 03, Wed 04, Thu 05, Fri 06,
/// Mon 09 and ends at 24:00 on 2026-03-09.
#[test]
fn a_hand_back_after_the_objection_window_is_refused_naming_the_rule() {
    let w = World::new();
    let early = w
        .intake(w.operator, complaint("路灯不亮", "13812340001"))
        .case
        .number;
    let late = w
        .intake(w.operator, complaint("井盖缺失", "13812340002"))
        .case
        .number;
    accept_and_assign(&w, &early, 1);
    accept_and_assign(&w, &late, 1);
    // Day 5 of the window, 2026-03-09: still in time.
    w.clock.advance(7 * DAY);
    let v = act(
        &w,
        w.officer,
        &early,
        Action::HandBack,
        reason("不属于本部门职责"),
    )
    .unwrap();
    assert_eq!(v.case.state, State::Accepted);
    let offered = |w: &World| w.view(w.officer, &late).unwrap().actions;
    assert!(offered(&w).contains(&Action::HandBack));
    // Day 10 after assignment (2026-03-12): the window ended on 03-09.
    w.clock.advance(3 * DAY);
    assert!(
        !offered(&w).contains(&Action::HandBack),
        "the menu offers a hand-back the service refuses"
    );
    let r = act(
        &w,
        w.officer,
        &late,
        Action::HandBack,
        reason("不属于本部门职责"),
    );
    let Err(e) = r else {
        panic!("a hand-back on day 10 was accepted: {r:?}")
    };
    assert!(
        matches!(&e, ServiceError::ObjectionWindowOver { ended, .. } if ended == "2026-03-09"),
        "{e:?}"
    );
    let zh = xinfang::lang::Lang::Zh.words().error(&e);
    assert!(
        zh.contains("第二十三条") && zh.contains("2026-03-09"),
        "{zh}"
    );
    assert_eq!(
        w.view(w.clerk, &late).unwrap().case.state,
        State::InProgress
    );
    // A clerk may still move it.
    let v = act(
        &w,
        w.clerk,
        &late,
        Action::Reassign,
        xinfang::domain::event::Detail {
            department: Some(2),
            reason: Some("经核实属城管职责".into()),
            ..xinfang::domain::event::Detail::default()
        },
    )
    .unwrap();
    assert_eq!(v.case.department, Some(2));
}

/// A duplicate merged into another case is answered with it: the feedback recorded on the
/// surviving case reaches each merged complainant who can be told, naming the survivor.
#[test]
fn feedback_on_a_case_reaches_every_complainant_merged_into_it() {
    let w = World::new();
    let survivor = w.intake(w.operator, complaint("小区垃圾清运不及时", "13812340011"));
    let dup = w
        .intake(w.operator, complaint("小区垃圾无人清运", "13812340012"))
        .case
        .number;
    let mut anon = complaint("垃圾堆放发臭", "13812340013");
    anon.complainant.anonymous = true;
    let anon = w.intake(w.operator, anon).case.number;
    let into = Detail {
        target: Some(survivor.case.id),
        ..Detail::default()
    };
    for n in [&dup, &anon] {
        act(&w, w.clerk, n, Action::Merge, into.clone()).unwrap();
    }
    let n = survivor.case.number;
    accept_and_assign(&w, &n, 1);
    act(&w, w.officer, &n, Action::Submit, text("已增加清运频次")).unwrap();
    act(&w, w.clerk, &n, Action::Approve, Detail::default()).unwrap();
    w.clock.advance(DAY);
    let told = Detail {
        method: Some("phone".into()),
        text: Some("已增加清运频次，每日两次".into()),
        ..Detail::default()
    };
    act(&w, w.clerk, &n, Action::Feedback, told).unwrap();

    let d = w.view(w.clerk, &dup).unwrap();
    assert_eq!(d.case.state, State::Merged);
    let fb = d
        .case
        .feedback
        .as_ref()
        .expect("the merged complainant is told");
    assert_eq!(fb.content, "已增加清运频次，每日两次");
    assert!(d.case.milestones.answered_at.is_some());
    let last = &d.events.last().unwrap().event.kind;
    assert!(
        matches!(last, xinfang::domain::event::EventKind::Acted {
            action: Action::Feedback,
            detail,
            ..
        } if detail.target == Some(survivor.case.id)),
        "{last:?}"
    );
    // Nobody to tell an anonymous complainant.
    assert!(w.view(w.clerk, &anon).unwrap().case.feedback.is_none());
    let report = w.check();
    assert!(report.sound(), "{:?}", report.problems);
}
