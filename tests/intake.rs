//! The intake form without a terminal: typing, pasting, drafts and the caller's side panel,
//! through `update` against a real service.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use crossterm::event::KeyCode;

use driver::{Driver, fixture, stored_drafts};
use xinfang::lang::Lang;
use xinfang::tui::app::Pane;
use xinfang::tui::overlay::Popup;

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
    let form = d.app.intake.form.as_ref().expect("form");
    assert_eq!(form.history.len(), 2, "{:?}", form.history);
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
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
    assert!(d.app.shell.drafts.is_empty());
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
    assert!(d.app.intake.form.as_ref().is_some_and(|f| f.is_blank()));
    d.key(KeyCode::F(10));
    assert_eq!(d.app.shell.drafts.len(), 1, "an empty form leaves no draft");
    d.key(KeyCode::Char('D'));
    d.key(KeyCode::Enter);
    let form = d.app.intake.form.as_ref().expect("the draft resumed");
    assert_eq!(form.name.text(), "钱七");
    assert!(
        d.app.shell.drafts.is_empty(),
        "being edited, it is off the list"
    );
    // Emptied and left, it leaves nothing behind, here or in the store.
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Backspace);
    d.key(KeyCode::Esc);
    assert!(d.app.shell.drafts.is_empty());
    assert!(stored_drafts(&w, w.operator).is_empty());
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
    assert!(d.app.intake.form.as_ref().is_some_and(|f| f.draft_saved));
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
    d.focus(xinfang::tui::intake_form::FieldId::Content);
    d.send(Msg::Paste("第一段\r\n第二段".into()));
    d.send(Msg::Paste("长".repeat(20_001)));
    let form = d.app.intake.form.as_ref().expect("form");
    assert_eq!(form.content_text(), "第一段\n第二段");
    let status = d.app.status.clone().expect("a message");
    assert!(status.text.contains("超出"), "{status:?}");
    // The subject is a one-line field: a pasted line break becomes a space, escapes go.
    d.key(KeyCode::BackTab);
    d.send(Msg::Paste("电梯\r\n故障\u{1b}[31m".into()));
    let form = d.app.intake.form.as_ref().expect("form");
    assert_eq!(form.subject.text(), "电梯 故障[31m");
}

#[test]
fn a_long_call_note_keeps_its_last_line_and_the_caret_on_screen() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (80, 24));
    d.key(KeyCode::F(3));
    d.focus(xinfang::tui::intake_form::FieldId::Content);
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
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("电梯故障无人维修");
    let form = d.app.intake.form.as_ref().expect("form");
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
fn a_registered_call_leaves_no_draft_even_if_the_desk_closes_at_once() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("孙九");
    d.send(xinfang::tui::msg::Msg::Tick);
    d.send(xinfang::tui::msg::Msg::Tick);
    assert_eq!(stored_drafts(&w, w.operator).len(), 1);
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("路灯不亮");
    d.key(KeyCode::Tab);
    d.typed("小区东门路灯坏了一周");
    // F2 and Ctrl-Q before anything else: the quit must not queue a draft behind the save,
    // and the registration itself deletes the draft.
    let fx = d.app.update(xinfang::tui::msg::Msg::Key(
        crossterm::event::KeyEvent::new(KeyCode::F(2), crossterm::event::KeyModifiers::NONE),
    ));
    let quit = d.app.update(xinfang::tui::msg::Msg::Key(
        crossterm::event::KeyEvent::new(
            KeyCode::Char('q'),
            crossterm::event::KeyModifiers::CONTROL,
        ),
    ));
    assert!(d.app.quit);
    assert!(quit.is_empty(), "{quit:?}");
    d.pump(fx);
    assert!(stored_drafts(&w, w.operator).is_empty());
}

#[test]
fn a_save_that_lands_while_a_popup_is_open_waits_for_it() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.focus(xinfang::tui::intake_form::FieldId::Subject);
    d.typed("井盖缺失");
    d.key(KeyCode::Tab);
    d.typed("人民路井盖丢了");
    let fx = d.app.update(xinfang::tui::msg::Msg::Key(
        crossterm::event::KeyEvent::new(KeyCode::F(2), crossterm::event::KeyModifiers::NONE),
    ));
    // The user moves on and opens the palette before the reply arrives (F10 leaves the form;
    // F4 there offers canned phrases).
    d.key(KeyCode::F(10));
    d.key(KeyCode::F(9));
    d.typed("dj");
    d.pump(fx);
    let Some(Popup::Pick { choice, .. }) = &d.app.popup else {
        panic!("the palette was replaced: {:?}", d.app.popup);
    };
    assert_eq!(choice.query.text(), "dj");
    d.key(KeyCode::Esc);
    assert!(matches!(d.app.popup, Some(Popup::Saved { .. })));
}

#[test]
fn a_new_session_never_reuses_an_old_drafts_name() {
    let w = fixture();
    let mut first = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    first.key(KeyCode::F(3));
    first.typed("第一通");
    first.key(KeyCode::F(10));
    // The same session name again (a container's process ids repeat): the old draft stays.
    let mut second = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    second.key(KeyCode::Esc);
    second.key(KeyCode::F(3));
    second.typed("第二通");
    second.key(KeyCode::F(10));
    let drafts = stored_drafts(&w, w.operator);
    assert_eq!(drafts.len(), 2, "{drafts:?}");
}

#[test]
fn f3_opens_a_blank_intake_even_over_a_popup_keeping_the_other_form() {
    let w = fixture();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (100, 30));
    d.key(KeyCode::F(3));
    d.typed("吴十");
    // Mid-call, another line rings: F3 from inside the palette.
    d.key(KeyCode::F(9));
    d.key(KeyCode::F(3));
    assert!(d.app.popup.is_none());
    assert_eq!(d.app.pane, Pane::Intake);
    assert!(d.app.intake.form.as_ref().is_some_and(|f| f.is_blank()));
    assert_eq!(d.app.shell.drafts.len(), 1);
    assert!(d.app.shell.drafts[0].1.contains("吴十"));
}
