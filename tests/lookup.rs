//! Finding cases: numbers (merged ones too), caller history, Chinese search, demo data.

mod common;

use common::{World, complaint, reply_case};
use xinfang::domain::event::{Detail, fold};
use xinfang::domain::state::{Action, State};
use xinfang::service::api::{CaseRef, Page};
use xinfang::service::{Reply, Request, ServiceError};

use common::act;

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
    let report = w.check();
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
fn demo_data_is_deterministic_by_seed() {
    let cases = |seed| {
        let w = World::new();
        w.call(w.admin, Request::LoadDemo { cases: 300, seed })
            .unwrap();
        (1..=300u64)
            .map(|id| {
                let v = reply_case(w.call(w.admin, Request::Case(CaseRef::Id(id))));
                (
                    v.case.number.clone(),
                    v.case.intake.subject.clone(),
                    v.case.state,
                    v.events.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    let a = cases(5);
    assert_eq!(a, cases(5));
    assert_ne!(a, cases(6));
}

#[test]
fn search_finds_a_case_number_however_much_of_it_is_typed() {
    let w = World::new();
    for s in ["路灯不亮", "井盖缺失", "噪声扰民"] {
        w.intake(w.operator, complaint(s, ""));
    }
    for typed in ["XF2026-00002", "xf2026-00002", "2026-00002", "00002", "2"] {
        let found = match w
            .call(
                w.clerk,
                Request::Search {
                    text: typed.into(),
                    page: Page::default(),
                },
            )
            .unwrap()
        {
            Reply::List(l) => l.rows.into_iter().map(|r| r.number).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(found, vec!["XF2026-00002".to_string()], "typed {typed}");
    }
}
