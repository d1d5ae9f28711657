//! The desk without a terminal: screens rendered into TestBackend and compared with insta
//! snapshots (fixed clock, Chinese fixtures, zh and en, 80x24 and 120x40), and key sequences
//! through `update` against a real service.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use crossterm::event::KeyCode;

use common::{World, act, complaint, text};
use driver::{Driver, fixture};
use xinfang::desk::Link;
use xinfang::domain::state::{Action, State};
use xinfang::lang::Lang;
use xinfang::tui::app::Pane;
use xinfang::tui::msg::Msg;
use xinfang::tui::overlay::Popup;

/// Snapshots at both sizes, each on a fresh fixture so that drafts typed for one never show
/// in another.
fn shot(
    who: fn(&World) -> xinfang::service::Actor,
    lang: Lang,
    name: &str,
    setup: impl Fn(&mut Driver),
) {
    for (cols, rows) in [(80, 24), (120, 40)] {
        let w = fixture();
        let mut d = Driver::new(&w, who(&w), lang, (cols, rows));
        setup(&mut d);
        let screen = d.screen(cols, rows);
        let code = if lang == Lang::Zh { "zh" } else { "en" };
        insta::assert_snapshot!(format!("{name}_{code}_{cols}x{rows}"), screen);
    }
}

#[test]
fn every_pane_in_both_languages_and_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        shot(|w: &World| w.clerk, lang, "inbox", |_| {});
        shot(
            |w: &World| w.clerk,
            lang,
            "detail",
            |d| d.key(KeyCode::Enter),
        );
        shot(
            |w: &World| w.clerk,
            lang,
            "assign",
            |d| d.key(KeyCode::F(5)),
        );
        shot(
            |w: &World| w.leader,
            lang,
            "overdue",
            |d| d.key(KeyCode::F(6)),
        );
        shot(
            |w: &World| w.operator,
            lang,
            "intake",
            |d| {
                d.key(KeyCode::F(3));
                d.typed("张三");
                d.key(KeyCode::Tab);
                d.typed("13800138000");
                d.focus(xinfang::tui::intake_form::FieldId::Subject);
                d.typed("电梯又坏了");
            },
        );
        shot(|w: &World| w.clerk, lang, "help", |d| d.key(KeyCode::F(1)));
    }
}

#[test]
fn a_lost_server_is_shown_in_the_header_until_it_is_back() {
    for lang in [Lang::Zh, Lang::En] {
        shot(
            |w: &World| w.operator,
            lang,
            "offline",
            |d| {
                d.key(KeyCode::F(3));
                d.typed("李四");
                d.send(Msg::Link(Link::Down {
                    attempt: 1,
                    refused: None,
                }));
                // A later attempt leaves the status line to what was said since.
                d.send(Msg::Link(Link::Down {
                    attempt: 2,
                    refused: None,
                }));
            },
        );
        shot(
            |w: &World| w.operator,
            lang,
            "reconnected",
            |d| {
                d.send(Msg::Link(Link::Down {
                    attempt: 1,
                    refused: Some(xinfang::wire::Refusal::ShuttingDown),
                }));
                d.send(Msg::Link(Link::Up));
            },
        );
    }
}

#[test]
fn the_torture_case_keeps_every_cell_aligned() {
    shot(
        |w: &World| w.clerk,
        Lang::Zh,
        "torture_detail",
        |d| {
            d.key(KeyCode::Char('/'));
            d.typed("mixed");
            d.key(KeyCode::Enter);
            d.key(KeyCode::Enter);
        },
    );
    // With --ascii no ambiguous-width character reaches the screen, borders included.
    let w = fixture();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (80, 24));
    d.app.shell.env.ascii = true;
    d.key(KeyCode::Char('/'));
    d.typed("mixed");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    let screen = d.screen(80, 24);
    let ambiguous: Vec<char> = screen
        .chars()
        .filter(|c| {
            use unicode_width::UnicodeWidthChar;
            c.width() != c.width_cjk()
        })
        .collect();
    assert!(ambiguous.is_empty(), "{ambiguous:?} in\n{screen}");
    assert!(screen.contains("+-"), "{screen}");
    // Narrow and odd sizes: the width assertion inside `screen` is the check.
    let w = fixture();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (81, 25));
    for (cols, rows) in [(81, 25), (97, 31), (80, 24), (1, 1), (79, 23), (133, 47)] {
        d.screen(cols, rows);
    }
}

#[test]
fn triage_assign_and_the_whole_workflow_by_keys() {
    let w = fixture();
    let number = w.overdue(w.leader).groups[0].rows[0].number.clone();
    let mut clerk = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    clerk.key(KeyCode::Char('/'));
    clerk.typed(&number);
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::Enter);
    assert_eq!(clerk.app.pane, Pane::Detail);
    // Accept: the menu is filtered by pinyin initials, then confirmed.
    clerk.key(KeyCode::Char('a'));
    clerk.typed("sl");
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::Enter);
    assert_eq!(
        w.view(w.admin, &number).unwrap().case.state,
        State::Accepted
    );
    // Assign from the assignment pane: mark, pick the department by initials.
    clerk.key(KeyCode::F(5));
    let row = clerk
        .app
        .assign
        .list
        .window
        .current()
        .map(|r| r.number.clone());
    assert_eq!(row.as_deref(), Some(number.as_str()));
    clerk.key(KeyCode::Char(' '));
    clerk.key(KeyCode::Char('a'));
    clerk.typed("zf");
    clerk.key(KeyCode::Enter);
    let v = w.view(w.admin, &number).unwrap();
    assert_eq!(
        (v.case.state, v.case.department),
        (State::InProgress, Some(1))
    );
    // The officer submits a result.
    let mut officer = Driver::new(&w, w.officer, Lang::Zh, (100, 30));
    officer.key(KeyCode::Char('/'));
    officer.typed(&number);
    officer.key(KeyCode::Enter);
    officer.key(KeyCode::Enter);
    officer.key(KeyCode::Char('a'));
    officer.typed("tj");
    officer.key(KeyCode::Enter);
    officer.typed("已联系物业更换电梯主板");
    officer.key(KeyCode::F(2));
    assert_eq!(
        w.view(w.admin, &number).unwrap().case.state,
        State::UnderReview
    );
    // The clerk approves, gives feedback, follows up and archives, all from the detail pane.
    clerk.key(KeyCode::F(4));
    clerk.key(KeyCode::Char('s'));
    clerk.typed("待审核");
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::Char('/'));
    clerk.ctrl('u');
    clerk.typed(&number);
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::Enter);
    // A choice is never made for the user: F2 on an untouched one names the field instead.
    clerk.key(KeyCode::Char('a'));
    clerk.typed("sh");
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::F(2));
    for (initials, choose, fill) in [
        ("fk", true, "电话告知处理结果"),
        ("hf", true, ""),
        ("gd", false, ""),
    ] {
        clerk.key(KeyCode::Char('a'));
        clerk.typed(initials);
        clerk.key(KeyCode::Enter);
        if choose {
            clerk.key(KeyCode::F(2));
            assert!(
                matches!(clerk.app.popup, Some(Popup::Form(_))),
                "{initials}: saved without a choice"
            );
            clerk.key(KeyCode::Right);
        }
        if !fill.is_empty() {
            clerk.key(KeyCode::Down);
            clerk.typed(fill);
        }
        clerk.key(KeyCode::F(2));
        if matches!(clerk.app.popup, Some(Popup::Confirm { .. })) {
            clerk.key(KeyCode::Enter);
        }
    }
    let v = w.view(w.admin, &number).unwrap();
    assert_eq!(v.case.state, State::Archived, "{:?}", clerk.app.status);
    assert_eq!(
        v.case.satisfaction,
        Some(xinfang::domain::case::Satisfaction::Satisfied)
    );
}

#[test]
fn urge_from_the_overdue_pane() {
    let w = fixture();
    let mut d = Driver::new(&w, w.leader, Lang::Zh, (100, 30));
    d.key(KeyCode::F(6));
    let number = d
        .app
        .overdue
        .current()
        .map(|r| r.number.clone())
        .expect("a late case");
    d.key(KeyCode::Char('u'));
    d.typed("请三日内办结");
    d.key(KeyCode::F(2));
    let v = w.view(w.admin, &number).unwrap();
    assert_eq!(v.case.urge_count, 1);
    assert_eq!(d.app.overdue.current().map(|r| r.urge_count), Some(1));
}

#[test]
fn a_stale_action_is_refused_with_a_message_and_the_fresh_record() {
    let w = fixture();
    let number = w.overdue(w.leader).groups[0].rows[0].number.clone();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    d.key(KeyCode::Char('/'));
    d.typed(&number);
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    // Someone else accepts it while this clerk has it open.
    act(&w, w.leader, &number, Action::Note, text("已电话联系")).unwrap();
    d.key(KeyCode::Char('a'));
    d.typed("sl");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    let status = d.app.status.clone().expect("a message");
    assert!(status.text.contains("已被"), "{status:?}");
    assert_eq!(
        w.view(w.admin, &number).unwrap().case.state,
        State::Registered
    );
    let shown = d.app.detail.view.as_ref().map(|v| v.case.version);
    assert_eq!(shown, Some(w.view(w.admin, &number).unwrap().case.version));
}

#[test]
fn another_desks_change_refreshes_the_list_and_keeps_the_selection() {
    use xinfang::tui::msg::Msg;
    let w = fixture();
    let changes = w.service.subscribe();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    d.key(KeyCode::Down);
    let selected = d.app.inbox.list.window.current().map(|r| r.id);
    let before = d.app.inbox.list.window.rows.len();
    // An operator at another desk registers a case.
    w.intake(w.operator, complaint("新来电：路灯不亮", "13100001111"));
    let change = changes.try_recv().expect("a change is published");
    d.send(Msg::Changed(change));
    assert_eq!(d.app.inbox.list.window.rows.len(), before + 1);
    assert_eq!(d.app.inbox.list.window.current().map(|r| r.id), selected);
    assert!(d.screen(100, 30).contains("新来电：路灯不亮"));
}

#[test]
fn a_batch_assignment_names_why_a_case_was_refused() {
    let w = fixture();
    let mut report = complaint("举报住建局工作人员吃拿卡要", "13900009999");
    report.kind = xinfang::domain::case::Kind::Report;
    report.complainant.confidential = true;
    report.accused_unit = Some("住房和城乡建设局".into());
    let r = w.intake(w.operator, report);
    act(
        &w,
        w.clerk,
        &r.case.number,
        Action::Accept,
        Default::default(),
    )
    .unwrap();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    d.key(KeyCode::F(5));
    assert_eq!(d.app.assign.list.window.rows.len(), 2);
    d.key(KeyCode::Char(' '));
    d.key(KeyCode::Char(' '));
    d.key(KeyCode::Char('a'));
    d.typed("zf");
    d.key(KeyCode::Enter);
    let status = d.app.status.clone().expect("a report of the batch");
    assert!(status.text.contains("已交办 1"), "{status:?}");
    assert!(status.text.contains(&r.case.number), "{status:?}");
    assert!(d.app.assign.marked.is_empty());
    assert_eq!(
        w.view(w.admin, &r.case.number).unwrap().case.state,
        State::Accepted
    );
}

#[test]
fn an_action_chosen_from_the_palette_over_help_runs_on_the_pane() {
    let w = fixture();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    d.key(KeyCode::F(1));
    d.key(KeyCode::F(9));
    d.typed("jb");
    d.key(KeyCode::Enter);
    assert!(d.app.help.is_none());
    assert_eq!(d.app.pane, Pane::Assign);
}

#[test]
fn an_unclear_accused_unit_is_asked_about_with_a_department_picker() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("李四");
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("举报窗口工作人员吃拿卡要");
    d.key(KeyCode::Tab);
    d.typed("办事窗口工作人员索要好处费。");
    // From the content to the accused unit: demands, category, urgency, three marks.
    d.focus(xinfang::tui::intake_form::FieldId::AccusedUnit);
    d.typed("建委");
    d.key(KeyCode::F(2));
    assert!(
        d.screen(100, 30).contains("被举报部门"),
        "the picker is offered"
    );
    let status = d.app.status.clone().expect("the question is said");
    assert!(status.text.contains("建委"), "{status:?}");
    // zf (住房) narrows the picker to 住房和城乡建设局.
    d.typed("zf");
    d.key(KeyCode::F(2));
    let list = match w.call(
        w.admin,
        xinfang::service::Request::Search {
            text: "吃拿卡要".into(),
            page: Default::default(),
        },
    ) {
        Ok(xinfang::service::Reply::List(l)) => l,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        list.rows.len(),
        1,
        "registered once chosen: {:?}",
        d.app.status
    );
    let v = w.view(w.admin, &list.rows[0].number).unwrap();
    assert_eq!(v.case.intake.accused_unit.as_deref(), Some("建委"));
    assert_eq!(v.case.intake.accused_dept, Some(1));
}

#[test]
fn a_test_store_says_so_in_the_header_of_every_pane() {
    let w = World::new();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    assert!(
        !d.screen(100, 30).contains("测试库"),
        "a real store is not marked"
    );
    w.service.mark_test_store().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let mut d = Driver::new(&w, w.clerk, lang, (100, 30));
        let mark = if lang == Lang::Zh {
            "测试库"
        } else {
            "TEST STORE"
        };
        for key in [KeyCode::F(4), KeyCode::F(5), KeyCode::F(6), KeyCode::F(3)] {
            d.key(key);
            let screen = d.screen(100, 30);
            let header = screen.lines().next().unwrap_or_default();
            assert!(header.contains(mark), "{key:?}: {header}");
        }
    }
}

#[test]
fn export_from_the_overdue_pane_writes_the_list_once_and_says_where() {
    let w = fixture();
    let number = w.overdue(w.leader).groups[0].rows[0].number.clone();
    let mut d = Driver::new(&w, w.leader, Lang::Zh, (100, 30));
    d.key(KeyCode::F(6));
    d.key(KeyCode::Char('w'));
    let status = d.app.status.clone().expect("a message");
    let name = status.text.strip_prefix("已导出到 ").expect("exported");
    let text = std::fs::read_to_string(d.exports.path().join(name)).unwrap();
    assert!(text.contains(&number), "{text}");
    // Never over a file already there: the second export of the day is refused.
    d.key(KeyCode::Char('w'));
    let status = d.app.status.clone().expect("a message");
    assert!(status.text.starts_with("导出失败："), "{status:?}");
}
