//! Rules that protect people: confidential reports, department scoping, audited reveals.

mod common;

use common::{World, complaint, reply_case};
use xinfang::domain::case::Kind;
use xinfang::domain::event::{Detail, EventKind, PersonalField};
use xinfang::domain::role::Role;
use xinfang::domain::state::{Action, State};
use xinfang::service::api::{CaseRef, Filter, NewUser, Page, Queue};
use xinfang::service::{Actor, Reply, Request, ServiceError};

use common::{accept_and_assign, act, dept, text};

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
    accept_and_assign(&w, &n, 2);
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

fn rows(r: Result<Reply, ServiceError>) -> Vec<String> {
    match r {
        Ok(Reply::List(l)) => l.rows.into_iter().map(|r| r.number).collect(),
        other => panic!("{other:?}"),
    }
}

/// Case numbers `who` finds by typing `t` into Search.
fn search(w: &World, who: Actor, t: &str) -> Vec<String> {
    rows(w.call(
        who,
        Request::Search {
            text: t.into(),
            page: Page::default(),
        },
    ))
}

/// Case numbers `who` finds by filtering every list by `t`.
fn filter(w: &World, who: Actor, t: &str) -> Vec<String> {
    let filter = Filter {
        text: Some(t.into()),
        ..Filter::default()
    };
    rows(w.call(
        who,
        Request::Inbox {
            queue: Queue::All,
            filter,
            page: Page::default(),
        },
    ))
}

#[test]
fn the_handling_department_cannot_find_a_confidential_reporter_by_name_phone_or_id() {
    let w = World::new();
    let mut i = complaint("举报某物业公司违规收取停车费", "13911112222");
    i.kind = Kind::Report;
    i.complainant.confidential = true;
    i.complainant.name = "李四".into();
    let n = w.intake(w.operator, i).case.number;
    accept_and_assign(&w, &n, 1);
    let search = |who, t: &str| search(&w, who, t);
    let filter = |who, t: &str| filter(&w, who, t);
    for probe in ["李四", "13911112222", "11010519491231002X"] {
        assert!(
            search(w.officer, probe).is_empty(),
            "search {probe} must not confirm the reporter"
        );
        assert!(
            filter(w.officer, probe).is_empty(),
            "filter {probe} must not confirm the reporter"
        );
        assert_eq!(
            filter(w.clerk, probe),
            vec![n.clone()],
            "the clerk may look the reporter up"
        );
    }
    assert_eq!(search(w.clerk, "李四"), vec![n.clone()]);
    // The matter itself is the department's to handle.
    assert_eq!(search(w.officer, "违规收取停车费"), vec![n.clone()]);
    let history = |who| {
        rows(w.call(
            who,
            Request::CallerHistory {
                phone: Some("13911112222".into()),
                id_number: None,
                limit: 10,
            },
        ))
    };
    assert!(history(w.officer).is_empty());
    assert_eq!(
        history(w.operator),
        vec![n.clone()],
        "the operator who registered it"
    );
    w.call(
        w.admin,
        Request::AddUser(NewUser {
            login: "op2".into(),
            name: "李建国".into(),
            roles: vec![Role::Operator],
            dept: None,
        }),
    )
    .unwrap();
    let op2 = w.service.act_as(w.admin, "op2").unwrap();
    assert!(
        history(op2).is_empty(),
        "another operator never learns who reported"
    );
}

#[test]
fn another_operator_sees_a_callers_earlier_cases_and_may_link_to_them() {
    let w = World::new();
    let first = w.intake(w.operator, complaint("楼上漏水", "13922223333"));
    w.call(
        w.admin,
        Request::AddUser(NewUser {
            login: "op2".into(),
            name: "李建国".into(),
            roles: vec![Role::Operator],
            dept: None,
        }),
    )
    .unwrap();
    let op2 = w.service.act_as(w.admin, "op2").unwrap();
    assert!(
        w.view(op2, &first.case.number).is_err(),
        "not their registration"
    );
    let history = rows(w.call(
        op2,
        Request::CallerHistory {
            phone: Some("139 2222 3333".into()),
            id_number: None,
            limit: 10,
        },
    ));
    assert_eq!(
        history,
        vec![first.case.number.clone()],
        "has this number called before?"
    );
    let row = match w.call(
        op2,
        Request::CallerHistory {
            phone: Some("13922223333".into()),
            id_number: None,
            limit: 10,
        },
    ) {
        Ok(Reply::List(l)) => l.rows[0].clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        (row.complainant.as_str(), row.phone.as_str()),
        ("张三", "139****3333"),
        "the same caller, not a secret"
    );
    let again = reply_case(w.call(
        op2,
        Request::Intake {
            intake: complaint("楼上还在漏水", "13922223333"),
            resolve: None,
            link_to: Some(first.case.id),
            draft: None,
            reception: None,
        },
    ));
    assert!(
        again.linked.is_empty() && again.case.links.same_matter.is_empty(),
        "neither the linked case's number nor its id is shown to someone who cannot open it"
    );
    let clerk = w.view(w.clerk, &again.case.number).unwrap();
    assert_eq!(
        clerk.case.links.same_matter,
        [first.case.id],
        "the link is kept"
    );
    // A different caller (another phone, no ID number) cannot link to it.
    let mut other = complaint("别的事", "13800009999");
    other.complainant.id_number.clear();
    let r = w.call(
        op2,
        Request::Intake {
            intake: other,
            resolve: None,
            link_to: Some(first.case.id),
            draft: None,
            reception: None,
        },
    );
    assert!(matches!(r, Err(ServiceError::NoSuchCase(_))), "{r:?}");
}

#[test]
fn masked_phone_and_id_numbers_match_only_whole() {
    let w = World::new();
    let n = w
        .intake(w.operator, complaint("小区电梯经常停运", "13812345678"))
        .case
        .number;
    accept_and_assign(&w, &n, 1);
    let search = |who, t: &str| search(&w, who, t);
    let filter = |who, t: &str| filter(&w, who, t);
    // The list shows 110105********002X and 138****5678: no fragment may reveal the rest.
    for who in [w.officer, w.clerk, w.leader] {
        for fragment in [
            "110105194912",
            "1949123",
            "19491231002X",
            "1101051949123",
            "1381234",
            "12345678",
            "381234567",
        ] {
            assert!(
                filter(who, fragment).is_empty(),
                "filter {fragment} must not match a fragment"
            );
            assert!(
                search(who, fragment).is_empty(),
                "search {fragment} must not match a fragment"
            );
        }
        for whole in [
            "11010519491231002X",
            "11010519491231002x",
            "13812345678",
            "+86 138-1234-5678",
        ] {
            assert_eq!(filter(who, whole), vec![n.clone()], "filter {whole}");
            assert_eq!(search(who, whole), vec![n.clone()], "search {whole}");
        }
    }
}
