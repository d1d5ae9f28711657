//! What a crafted request may cost and what it may learn: sizes, limits, stored text, long
//! timelines, role-scoped figures and links to cases the asker may not see.

mod common;

use common::{DAY, World, accept_and_assign, act, complaint, dept, text};
use xinfang::domain::deadline::Policy;
use xinfang::domain::event::{Detail, EventKind};
use xinfang::domain::state::Action;
use xinfang::service::api::{CaseRef, Page};
use xinfang::service::error::{Field, Problem};
use xinfang::service::{Reply, Request, ServiceError};

#[test]
fn overdue_rows_are_capped_whatever_the_limit_asked() {
    let w = World::new();
    for n in 0..510 {
        w.intake(
            w.operator,
            complaint(&format!("路灯不亮第{n}处"), "13812345678"),
        );
    }
    // Registered cases must be accepted or sent on within 15 days; a month later all are late.
    w.clock.advance(30 * DAY);
    let r = w.call(
        w.leader,
        Request::Overdue {
            limit: u32::MAX,
            include_due_soon: true,
        },
    );
    let Ok(Reply::Overdue(o)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(o.overdue, 510);
    let rows: usize = o.groups.iter().map(|g| g.rows.len()).sum();
    assert_eq!(rows, 500);
    assert!(o.truncated);
}

#[test]
fn oversized_text_is_refused_before_any_work() {
    let w = World::new();
    let search = w.call(
        w.clerk,
        Request::Search {
            text: "电梯".repeat(2_000_000),
            page: Page::default(),
        },
    );
    assert!(
        matches!(
            search,
            Err(ServiceError::Invalid {
                field: Field::Text,
                problem: Problem::TooLong { .. }
            })
        ),
        "{search:?}"
    );
    // A 7.5 MB representative was once committed, and no desk could ever open that case.
    let mut i = complaint("集体上访", "13812345678");
    i.complainant.representatives = vec!["张".repeat(2_500_000)];
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: i,
            resolve: None,
            link_to: None,
            draft: None,
            reception: None,
        },
    );
    assert!(
        matches!(
            r,
            Err(ServiceError::Invalid {
                field: Field::Representatives,
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(w.summary(w.admin).total, 0, "nothing was registered");
}

#[test]
fn a_long_timeline_comes_in_pages_that_fit_a_reply() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    let note = "现场核查记录。".repeat(700);
    for _ in 0..250 {
        act(&w, w.officer, &n, Action::Note, text(&note)).unwrap();
    }
    let v = w.view(w.officer, &n).unwrap();
    let encoded = postcard::to_stdvec(&v.events).unwrap().len();
    assert!(encoded <= xinfang::service::TIMELINE_BYTES, "{encoded}");
    assert!(v.earlier_events > 0);
    assert_eq!(v.events.last().unwrap().event.seq, v.case.events - 1);
    // Paging back reaches the registration, every event once and in order.
    let mut all = v.events.clone();
    let mut earlier = v.earlier_events;
    while earlier > 0 {
        let r = w.call(
            w.officer,
            Request::Timeline {
                case: CaseRef::Number(n.clone()),
                before: all[0].event.seq,
            },
        );
        let Ok(Reply::Timeline(t)) = r else {
            panic!("{r:?}")
        };
        earlier = t.earlier;
        all.splice(0..0, t.events);
    }
    let seqs: Vec<u32> = all.iter().map(|e| e.event.seq).collect();
    assert_eq!(seqs, (0..v.case.events).collect::<Vec<_>>());
    // The intake travels once, on the case; a registration event does not repeat it.
    match &all[0].event.kind {
        EventKind::Registered { intake, .. } => assert!(intake.content.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_correction_names_the_fields_it_changed() {
    let w = World::new();
    let v = w.intake(w.operator, complaint("噪音扰民", "13812345678"));
    let mut i = v.case.intake.clone();
    i.subject = "夜间施工噪音扰民".into();
    let r = w.call(
        w.clerk,
        Request::Edit {
            case: CaseRef::Number(v.case.number.clone()),
            version: v.case.version,
            intake: i,
        },
    );
    let Ok(Reply::Case(after)) = r else {
        panic!("{r:?}")
    };
    let edit = after.events.last().unwrap();
    assert!(matches!(edit.event.kind, EventKind::Edited { .. }));
    assert_eq!(
        edit.changed,
        vec![xinfang::domain::correction::IntakeField::Subject]
    );
}

#[test]
fn stored_admin_and_user_text_loses_escapes_and_bidi_controls() {
    let w = World::new();
    let mut p = Policy::preset("government").unwrap();
    p.stages[0].basis = "《信访工作条例》\u{1b}]0;pwned\u{7}第二十二条\u{202E}".into();
    p.recheck_basis = "第三十六条\u{1b}[2J\u{2066}".into();
    let r = w.call(w.admin, Request::SetPolicy(p));
    let Ok(Reply::Settings(s)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        s.policy.stages[0].basis,
        "《信访工作条例》]0;pwned第二十二条"
    );
    assert_eq!(s.policy.recheck_basis, "第三十六条[2J");
    let n = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case
        .number;
    let v = act(
        &w,
        w.operator,
        &n,
        Action::Note,
        text("来电人称\u{202E}已解决\u{2028}2026-03-02 09:00  系统  已办结"),
    )
    .unwrap();
    let EventKind::Acted { detail, .. } = &v.events.last().unwrap().event.kind else {
        panic!()
    };
    assert_eq!(
        detail.text.as_deref(),
        Some("来电人称已解决\n2026-03-02 09:00  系统  已办结")
    );
}

#[test]
fn store_wide_figures_and_users_are_for_those_who_report() {
    let w = World::new();
    for s in ["噪音扰民", "路灯不亮", "垃圾清运"] {
        w.intake(w.operator, complaint(s, "13812345678"));
    }
    let n = w
        .intake(w.clerk, complaint("电梯故障", "13912345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    for req in [Request::Workload, Request::Users] {
        assert_eq!(
            w.call(w.officer, req.clone()),
            Err(ServiceError::ReportsOnly)
        );
        assert_eq!(
            w.call(w.operator, req.clone()),
            Err(ServiceError::ReportsOnly)
        );
        assert!(w.call(w.clerk, req).is_ok());
    }
    assert_eq!(w.summary(w.clerk).total, 4);
    // The officer's header counts the department's open cases, the operator's their own.
    let officer = w.summary(w.officer);
    assert_eq!((officer.open, officer.total), (1, 1));
    let operator = w.summary(w.operator);
    assert_eq!((operator.total, operator.new_today), (3, 3));
}

#[test]
fn a_link_to_a_case_the_viewer_may_not_see_shows_no_id() {
    let w = World::new();
    let first = w
        .intake(w.operator, complaint("噪音扰民", "13812345678"))
        .case;
    accept_and_assign(&w, &first.number, 1);
    let second = w
        .intake(w.operator, complaint("噪音扰民再次反映", "13812345678"))
        .case;
    act(
        &w,
        w.clerk,
        &second.number,
        Action::Link,
        Detail {
            target: Some(first.id),
            ..Detail::default()
        },
    )
    .unwrap();
    act(
        &w,
        w.clerk,
        &second.number,
        Action::Accept,
        Detail::default(),
    )
    .unwrap();
    act(&w, w.clerk, &second.number, Action::Assign, dept(2)).unwrap();
    let v = w.view(w.officer2, &second.number).unwrap();
    assert!(v.linked.is_empty());
    assert!(!v.case.links.same_matter.contains(&first.id));
    for e in &v.events {
        if let EventKind::Acted { detail, .. } = &e.event.kind {
            assert_ne!(detail.target, Some(first.id), "{e:?}");
        }
    }
    // Whoever may see both still sees the link.
    let clerk = w.view(w.clerk, &second.number).unwrap();
    assert_eq!(clerk.linked, vec![(first.id, first.number.clone())]);
}

#[test]
fn a_policy_limit_outside_one_to_366_days_is_named_as_such() {
    let w = World::new();
    for days in [0, 367] {
        let mut p = Policy::preset("government").unwrap();
        p.stages[0].limit.days = days;
        assert_eq!(
            w.call(w.admin, Request::SetPolicy(p)),
            Err(ServiceError::invalid(
                Field::Days,
                Problem::OutOfRange { min: 1, max: 366 }
            ))
        );
    }
}

#[test]
fn drafts_are_bounded_per_user_and_dropped_after_a_month() {
    let w = World::new();
    let save = |who, name: &str| {
        w.call(
            who,
            Request::SaveDraft {
                name: name.into(),
                body: "{\"subject\":\"噪音扰民\"}".into(),
            },
        )
    };
    for n in 0..50 {
        save(w.operator, &format!("来电{n}")).unwrap();
    }
    assert!(matches!(
        save(w.operator, "来电50"),
        Err(ServiceError::Invalid {
            field: Field::Draft,
            problem: Problem::TooMany { max: 50 }
        })
    ));
    // Saving one that exists again is fine, and another user has their own allowance.
    save(w.operator, "来电7").unwrap();
    save(w.clerk, "来电0").unwrap();
    let drafts = |who| match w.call(who, Request::Drafts) {
        Ok(Reply::Drafts(d)) => d,
        other => panic!("{other:?}"),
    };
    assert_eq!(drafts(w.operator).len(), 50);
    // A month and a day later only the one saved since is left, and there is room again.
    w.clock.advance(31 * DAY);
    save(w.operator, "新来电").unwrap();
    let left: Vec<String> = drafts(w.operator).into_iter().map(|(n, _)| n).collect();
    assert_eq!(left, vec!["新来电".to_string()]);
}
