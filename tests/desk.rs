//! The desk without a terminal: screens rendered into TestBackend and compared with insta
//! snapshots (fixed clock, Chinese fixtures, zh and en, 80x24 and 120x40), and key sequences
//! through `update` against a real service.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use crossterm::event::KeyCode;

use common::{DAY, MONDAY_0900, World, accept_and_assign, act, complaint, text};
use driver::Driver;
use xinfang::domain::state::{Action, State};
use xinfang::domain::time::Timestamp;
use xinfang::lang::Lang;
use xinfang::tui::app::Pane;
use xinfang::tui::overlay::Popup;

/// Cases registered three weeks ago and today; one late at acceptance, two with departments,
/// one full of awkward characters.
fn fixture() -> World {
    let w = World::new();
    w.clock.set(Timestamp(MONDAY_0900 - 21 * DAY));
    w.intake(w.operator, complaint("电梯故障无人维修", "13800138000"));
    let b = w.intake(w.operator, complaint("小区夜间施工噪音扰民", "13912345678"));
    let c = w.intake(w.operator, complaint("道路坑洼长期未修复", "13700001111"));
    accept_and_assign(&w, &b.case.number, 1);
    accept_and_assign(&w, &c.case.number, 2);
    w.clock.set(Timestamp(MONDAY_0900));
    w.intake(w.operator, complaint("物业费收取不透明", "13800138000"));
    let waiting = w.intake(w.operator, complaint("学校周边占道经营", "13500003333"));
    act(
        &w,
        w.clerk,
        &waiting.case.number,
        Action::Accept,
        Default::default(),
    )
    .unwrap();
    let mut torture = complaint("“引号”①※—…😀 mixed ASCII 与中文 ｗｉｄｅ", "13600002222");
    torture.content = "长文本。".repeat(2_500);
    w.intake(w.operator, torture);
    w
}

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
                d.tabs(5);
                d.typed("电梯又坏了");
            },
        );
        shot(|w: &World| w.clerk, lang, "help", |d| d.key(KeyCode::F(1)));
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
    d.app.env.ascii = true;
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
fn an_intake_from_start_to_save() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::Char('n'));
    assert_eq!(d.app.pane, Pane::Intake);
    d.typed("李四");
    d.key(KeyCode::Tab);
    d.typed("13800138000");
    // The caller's earlier cases show beside the form.
    let form = d.app.intake.as_ref().expect("form");
    assert_eq!(form.history.len(), 2, "{:?}", form.history);
    d.tabs(5);
    d.typed("楼道灯坏了");
    d.key(KeyCode::Tab);
    d.send(xinfang::tui::msg::Msg::Paste("三楼\r\n到五楼\r全黑".into()));
    d.key(KeyCode::F(2));
    let Some(Popup::Saved { number }) = d.app.popup.clone() else {
        panic!("no number shown: {:?}", d.app.status);
    };
    let v = w.view(w.admin, &number).expect("saved case");
    assert_eq!(v.case.intake.subject, "楼道灯坏了");
    assert_eq!(v.case.intake.content, "三楼\n到五楼\n全黑");
    assert_eq!(v.case.intake.complainant.name, "李四");
    // The draft is gone once the case is saved.
    assert!(d.app.drafts.is_empty());
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
fn a_form_put_aside_comes_back_from_the_drafts_list() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("钱七");
    d.key(KeyCode::F(10));
    assert_eq!(d.app.pane, Pane::Inbox);
    // A new form is blank; the first one waits among the drafts.
    d.key(KeyCode::Char('n'));
    assert!(d.app.intake.as_ref().is_some_and(|f| f.is_blank()));
    d.key(KeyCode::F(10));
    assert_eq!(d.app.drafts.len(), 1, "an empty form leaves no draft");
    d.key(KeyCode::Char('D'));
    d.key(KeyCode::Enter);
    let form = d.app.intake.as_ref().expect("the draft resumed");
    assert_eq!(form.name.text(), "钱七");
    assert!(d.app.drafts.is_empty(), "being edited, it is off the list");
    // Emptied and left, it leaves nothing behind, here or in the store.
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Esc);
    assert!(d.app.drafts.is_empty());
    assert!(stored_drafts(&w, w.operator).is_empty());
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

fn stored_drafts(w: &World, who: xinfang::service::Actor) -> Vec<(String, String)> {
    match w.call(who, xinfang::service::Request::Drafts) {
        Ok(xinfang::service::Reply::Drafts(d)) => d,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_draft_is_saved_when_typing_pauses_and_when_the_desk_closes() {
    use xinfang::tui::msg::Msg;
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("赵六");
    assert!(stored_drafts(&w, w.operator).is_empty());
    d.send(Msg::Tick);
    d.send(Msg::Tick);
    let drafts = stored_drafts(&w, w.operator);
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].1.contains("赵六"), "{drafts:?}");
    assert!(d.app.intake.as_ref().is_some_and(|f| f.draft_saved));
    // The last keys reach the draft when the desk closes, pause or not.
    d.typed("明");
    d.ctrl('q');
    assert!(d.app.quit);
    let drafts = stored_drafts(&w, w.operator);
    assert!(drafts[0].1.contains("赵六明"), "{drafts:?}");
    // A long unbroken stretch of typing is saved along the way too.
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::Esc);
    d.key(KeyCode::F(3));
    d.typed(&"噪".repeat(40));
    assert!(
        stored_drafts(&w, w.operator)
            .iter()
            .any(|(_, body)| body.contains(&"噪".repeat(30)))
    );
}

#[test]
fn the_terminal_cursor_sits_at_the_caret_for_the_ime() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    let (x0, y0) = d.cursor(100, 30);
    d.typed("张三");
    // Two wide characters later the caret is four cells on, on the same row.
    assert_eq!(d.cursor(100, 30), (x0 + 4, y0));
    d.key(KeyCode::Left);
    assert_eq!(d.cursor(100, 30), (x0 + 2, y0));
    // The filter line of a list takes the caret too.
    d.key(KeyCode::F(10));
    d.key(KeyCode::Char('/'));
    d.typed("电梯");
    let (fx, _) = d.cursor(100, 30);
    d.typed("故障");
    assert_eq!(d.cursor(100, 30).0, fx + 4);
}

#[test]
fn a_paste_past_the_field_limit_is_refused_with_a_message() {
    use xinfang::tui::msg::Msg;
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.tabs(7);
    d.send(Msg::Paste("第一段\r\n第二段".into()));
    d.send(Msg::Paste("长".repeat(20_001)));
    let form = d.app.intake.as_ref().expect("form");
    assert_eq!(form.content_text(), "第一段\n第二段");
    let status = d.app.status.clone().expect("a message");
    assert!(status.text.contains("超出"), "{status:?}");
    // The subject is a one-line field: a pasted line break becomes a space, escapes go.
    d.key(KeyCode::BackTab);
    d.send(Msg::Paste("电梯\r\n故障\u{1b}[31m".into()));
    let form = d.app.intake.as_ref().expect("form");
    assert_eq!(form.subject.text(), "电梯 故障[31m");
}

#[test]
fn another_desks_change_refreshes_the_list_and_keeps_the_selection() {
    use xinfang::tui::msg::Msg;
    let w = fixture();
    let changes = w.service.subscribe();
    let mut d = Driver::new(&w, w.clerk, Lang::Zh, (100, 30));
    d.key(KeyCode::Down);
    let selected = d.app.inbox.window.current().map(|r| r.id);
    let before = d.app.inbox.window.rows.len();
    // An operator at another desk registers a case.
    w.intake(w.operator, complaint("新来电：路灯不亮", "13100001111"));
    let change = changes.try_recv().expect("a change is published");
    d.send(Msg::Changed(change));
    assert_eq!(d.app.inbox.window.rows.len(), before + 1);
    assert_eq!(d.app.inbox.window.current().map(|r| r.id), selected);
    assert!(d.screen(100, 30).contains("新来电：路灯不亮"));
}

#[test]
fn a_long_call_note_keeps_its_last_line_and_the_caret_on_screen() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (80, 24));
    d.key(KeyCode::F(3));
    d.tabs(7);
    let note = "老人上下楼十分困难请尽快处理";
    for n in 0..40 {
        d.typed(note);
        d.typed(&format!("{n:02}"));
        let screen = d.screen(80, 24);
        assert!(screen.contains(&format!("{n:02}")), "line {n}:\n{screen}");
        let (_, y) = d.cursor(80, 24);
        let row = screen.lines().nth(usize::from(y)).unwrap_or("");
        assert!(row.contains(&format!("{n:02}")), "caret row {y} is {row:?}");
    }
}

#[test]
fn an_open_case_on_the_same_matter_is_offered_for_linking() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("周八");
    d.key(KeyCode::Tab);
    d.typed("13322224444");
    d.tabs(5);
    d.typed("电梯故障无人维修");
    let form = d.app.intake.as_ref().expect("form");
    assert!(form.history.is_empty(), "a new caller");
    let similar: Vec<&str> = form.similar.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(similar, ["XF2026-00001"]);
    assert!(d.screen(100, 30).contains("可能是同一事项的在办件"));
    d.key(KeyCode::F(8));
    d.key(KeyCode::Tab);
    d.typed("三号楼电梯又停了");
    d.key(KeyCode::F(2));
    let Some(Popup::Saved { number }) = d.app.popup.clone() else {
        panic!("not saved: {:?}", d.app.status);
    };
    let v = w.view(w.admin, &number).expect("saved");
    assert_eq!(v.case.links.same_matter.len(), 1);
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
