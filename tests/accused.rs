//! Accused units: found among the departments however people write them, asked about when
//! unclear, and never the department that handles a report about it.

mod common;

use common::{World, complaint};
use xinfang::domain::case::Kind;
use xinfang::domain::event::Detail;
use xinfang::domain::state::{Action, State};
use xinfang::service::api::CaseRef;
use xinfang::service::{Reply, Request, ServiceError};

use common::{accept_and_assign, act, dept};

fn report_on(unit: &str) -> xinfang::domain::case::Intake {
    let mut i = complaint("举报工作人员吃拿卡要", "13700003333");
    i.kind = Kind::Report;
    i.complainant.confidential = true;
    i.accused_unit = Some(unit.into());
    i
}

fn intake_result(w: &World, i: xinfang::domain::case::Intake) -> Result<Reply, ServiceError> {
    w.call(
        w.operator,
        Request::Intake {
            intake: i,
            resolve: None,
            link_to: None,
            draft: None,
            reception: None,
        },
    )
}

#[test]
fn an_accused_unit_typed_as_people_say_it_finds_its_department() {
    let w = World::new();
    // The usual abbreviation: 住, 建, 局 appear in order in 住房和城乡建设局.
    let v = w.intake(w.operator, report_on("市住建局"));
    assert_eq!(v.case.intake.accused_dept, Some(1));
    let n = v.case.number;
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    assert!(matches!(
        act(&w, w.clerk, &n, Action::Assign, dept(1)),
        Err(ServiceError::AccusedUnit { .. })
    ));
    // A name no rule recognises is asked about, naming the departments to choose from.
    match intake_result(&w, report_on("建委")) {
        Err(ServiceError::AccusedUnitUnclear { unit, choices }) => {
            assert_eq!(unit, "建委");
            assert_eq!(
                choices,
                ["住房和城乡建设局 (zjj)", "城市管理综合执法局 (cgj)"]
            );
        }
        other => panic!("expected a question, got {other:?}"),
    }
    // Answered "none of ours", it is registered with no accused department ...
    let mut i = report_on("建委");
    i.accused_dept = Some(xinfang::domain::accused::OUTSIDE);
    let later = w.intake(w.operator, i).case.number;
    assert_eq!(
        w.view(w.admin, &later).unwrap().case.intake.accused_dept,
        None
    );
    // ... until an administrator gives 住房和城乡建设局 that alias: the case is resolved again.
    let r = w.call(
        w.admin,
        Request::SetDeptAliases {
            dept: 1,
            aliases: vec!["建委".into()],
        },
    );
    assert!(r.is_ok(), "{r:?}");
    let seen = w.view(w.admin, &later).unwrap();
    assert_eq!(seen.case.intake.accused_dept, Some(1));
    act(&w, w.clerk, &later, Action::Accept, Detail::default()).unwrap();
    assert!(matches!(
        act(&w, w.clerk, &later, Action::Assign, dept(1)),
        Err(ServiceError::AccusedUnit { .. })
    ));
    assert!(w.check().sound(), "{:?}", w.check());
    // A new intake typed with the alias resolves at once.
    assert_eq!(
        w.intake(w.operator, report_on("建委"))
            .case
            .intake
            .accused_dept,
        Some(1)
    );
}

#[test]
fn a_confidential_report_is_never_merged_or_linked_with_its_accused_units_case() {
    let w = World::new();
    let handled = w
        .intake(w.operator, complaint("小区违建无人查处", "13600001111"))
        .case
        .number;
    accept_and_assign(&w, &handled, 1);
    let report = w
        .intake(w.operator, report_on("住房和城乡建设局"))
        .case
        .number;
    let target = w.view(w.admin, &handled).unwrap().case.id;
    let into = Detail {
        target: Some(target),
        ..Detail::default()
    };
    for action in [Action::Merge, Action::Link] {
        match act(&w, w.clerk, &report, action, into.clone()) {
            Err(ServiceError::AccusedUnitHandles { department, .. }) => {
                assert_eq!(department, "住房和城乡建设局")
            }
            other => panic!("{action:?} must be refused, got {other:?}"),
        }
    }
    assert_eq!(
        w.view(w.admin, &report).unwrap().case.state,
        State::Registered
    );
    // Nor at intake, linked from the caller's history.
    let r = w.call(
        w.operator,
        Request::Intake {
            intake: report_on("住房和城乡建设局"),
            resolve: None,
            link_to: Some(target),
            draft: None,
            reception: None,
        },
    );
    assert!(
        matches!(r, Err(ServiceError::AccusedUnitHandles { .. })),
        "{r:?}"
    );
}

#[test]
fn no_answer_sent_with_an_intake_or_an_edit_takes_a_report_to_the_unit_it_names() {
    let w = World::new();
    let mut i = report_on("住房和城乡建设局");
    // "None of ours", sent by a crafted request or `--accused-dept none`, for a unit that is
    // clearly department 1.
    i.accused_dept = Some(xinfang::domain::accused::OUTSIDE);
    let v = w.intake(w.operator, i);
    assert_eq!(v.case.intake.accused_dept, Some(1));
    let n = v.case.number.clone();
    act(&w, w.clerk, &n, Action::Accept, Detail::default()).unwrap();
    assert!(matches!(
        act(&w, w.clerk, &n, Action::Assign, dept(1)),
        Err(ServiceError::AccusedUnit { .. })
    ));
    // An edit that keeps the unit's text cannot send another answer either.
    let seen = w.view(w.clerk, &n).unwrap();
    let mut edit = seen.case.intake.clone();
    edit.accused_dept = Some(xinfang::domain::accused::OUTSIDE);
    let r = w.call(
        w.clerk,
        Request::Edit {
            case: CaseRef::Number(n.clone()),
            version: seen.case.version,
            intake: edit,
        },
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        w.view(w.clerk, &n).unwrap().case.intake.accused_dept,
        Some(1)
    );
}

#[test]
fn an_alias_that_would_leave_a_report_with_the_unit_it_accuses_is_refused() {
    let w = World::new();
    let mut i = report_on("房管所");
    // Not one of ours, as far as anyone could tell at intake.
    i.accused_dept = Some(xinfang::domain::accused::OUTSIDE);
    let n = w.intake(w.operator, i).case.number;
    accept_and_assign(&w, &n, 1);
    // Later the administrator learns 房管所 is what people call department 1.
    let r = w.call(
        w.admin,
        Request::SetDeptAliases {
            dept: 1,
            aliases: vec!["房管所".into()],
        },
    );
    assert!(
        matches!(&r, Err(ServiceError::AccusedUnit { number, .. }) if *number == n),
        "{r:?}"
    );
    let Ok(Reply::Departments(ds)) = w.call(w.admin, Request::Departments) else {
        panic!()
    };
    assert!(
        ds.iter().all(|d| d.aliases.is_empty()),
        "nothing was changed"
    );
}

/// 《信访工作条例》§30 bars sending a report of misconduct (举报) to the unit it accuses; a
/// complaint about a unit's service (投诉) goes to that unit for its response.
#[test]
fn a_report_never_goes_to_its_accused_unit_but_a_complaint_about_a_units_service_does() {
    let w = World::new();
    let mut c = complaint("住建局窗口办事推诿", "13812345678");
    c.accused_unit = Some("住房和城乡建设局".into());
    let n = w.intake(w.operator, c).case.number;
    let v = accept_and_assign(&w, &n, 1);
    assert_eq!(v.case.department, Some(1));

    // A report that is not confidential still may not go to the unit it accuses.
    let mut r = complaint("举报住建局工作人员收受好处", "13912345678");
    r.kind = Kind::Report;
    r.accused_unit = Some("住房和城乡建设局".into());
    let m = w.intake(w.operator, r).case.number;
    act(&w, w.clerk, &m, Action::Accept, Detail::default()).unwrap();
    assert!(matches!(
        act(&w, w.clerk, &m, Action::Assign, dept(1)),
        Err(ServiceError::AccusedUnit { .. })
    ));

    // Turning the complaint into a report while the accused unit handles it is refused.
    let seen = w.view(w.clerk, &n).unwrap();
    let mut edit = seen.case.intake.clone();
    edit.kind = Kind::Report;
    let e = w.call(
        w.clerk,
        Request::Edit {
            case: CaseRef::Number(n.clone()),
            version: seen.case.version,
            intake: edit,
        },
    );
    assert!(matches!(e, Err(ServiceError::AccusedUnit { .. })), "{e:?}");
}

#[test]
fn merging_follows_the_same_rule_as_assignment() {
    let w = World::new();
    let handled = w
        .intake(w.operator, complaint("小区违建无人查处", "13600001111"))
        .case
        .number;
    accept_and_assign(&w, &handled, 1);
    let target = w.view(w.admin, &handled).unwrap().case.id;
    let into = Detail {
        target: Some(target),
        ..Detail::default()
    };
    // A report of misconduct, not confidential, is still kept from the unit it accuses.
    let mut open_report = report_on("住房和城乡建设局");
    open_report.complainant.confidential = false;
    let report = w.intake(w.operator, open_report).case.number;
    assert!(matches!(
        act(&w, w.clerk, &report, Action::Merge, into.clone()),
        Err(ServiceError::AccusedUnitHandles { .. })
    ));
    // A complaint about that unit's service goes to it, and so may be merged with its case.
    let mut about_service = complaint("住建局窗口办事拖延", "13600002222");
    about_service.accused_unit = Some("住房和城乡建设局".into());
    let complaint_n = w.intake(w.operator, about_service).case.number;
    let merged = act(&w, w.clerk, &complaint_n, Action::Merge, into).unwrap();
    assert_eq!(merged.case.state, State::Merged);
}
