//! Canned phrases (常用语) at the desk: F4 in a text field offers the phrases of its use and the
//! case's category, found by pinyin initials, and puts the chosen one at the caret; the action
//! form keeps what was typed in it around the picker.

mod common;
#[path = "desk/driver.rs"]
mod driver;

use crossterm::event::KeyCode;

use common::{World, accept_and_assign, complaint};
use driver::Driver;
use xinfang::domain::event::EventKind;
use xinfang::domain::phrase::PhraseUse;
use xinfang::domain::state::State;
use xinfang::lang::Lang;
use xinfang::service::{Reply, Request};
use xinfang::tui::intake_form::FieldId;
use xinfang::tui::overlay::{PickFor, Popup};

const ANY_RESULT: &str = "经核查，反映情况属实，已责成相关部门整改到位。";
const BUILDING_RESULT: &str = "已责令施工单位停止夜间施工，并由城管部门加强巡查。";
const FEES_RESULT: &str = "经核对收费明细，费用按标准收取。";
const NOTE: &str = "已电话联系信访人，核实诉求内容。";

/// A case about building work (城乡建设) with 住建局, and phrases for it, for another category
/// and for every one.
fn world() -> (World, String) {
    let w = World::new();
    let category = |name: &str| match w.call(
        w.admin,
        Request::AddCategory {
            name: name.into(),
            dept: None,
        },
    ) {
        Ok(Reply::Category(c)) => c.id,
        other => panic!("{other:?}"),
    };
    let building = category("城乡建设");
    let fees = category("收费");
    for (use_, category, text) in [
        (PhraseUse::Result, None, ANY_RESULT),
        (PhraseUse::Result, Some(building), BUILDING_RESULT),
        (PhraseUse::Result, Some(fees), FEES_RESULT),
        (PhraseUse::Note, None, NOTE),
    ] {
        w.call(
            w.admin,
            Request::AddPhrase {
                use_,
                category,
                text: text.into(),
            },
        )
        .unwrap();
    }
    // A confidential report: nothing the phrases bring to the officer's screen names the
    // reporter.
    let mut intake = complaint("工地夜间施工噪音扰民", "13912345678");
    intake.category = Some(building);
    intake.kind = xinfang::domain::case::Kind::Report;
    intake.complainant.confidential = true;
    let number = w.intake(w.operator, intake).case.number.clone();
    accept_and_assign(&w, &number, 1);
    (w, number)
}

/// The officer's submit form on the case, with some text typed.
fn submit_form(w: &World, number: &str) -> Driver {
    let mut officer = Driver::new(w, w.officer, Lang::Zh, (80, 24));
    officer.key(KeyCode::Char('/'));
    officer.typed(number);
    officer.key(KeyCode::Enter);
    officer.key(KeyCode::Enter);
    officer.key(KeyCode::Char('a'));
    officer.typed("tj");
    officer.key(KeyCode::Enter);
    assert!(matches!(officer.app.popup, Some(Popup::Form(_))));
    officer.typed("现场查看后，");
    officer
}

/// The confidential reporter's name and number appear nowhere on a screen.
fn withheld(screen: &str) {
    for secret in ["张三", "5678", "11010519491231002X", "人民路128号"] {
        assert!(!screen.contains(secret), "{secret} shown:\n{screen}");
    }
}

fn form_text(d: &Driver) -> String {
    match &d.app.popup {
        Some(Popup::Form(f)) => match &f.fields[f.focus].2 {
            xinfang::tui::act_form::FieldInput::Line(l) => l.text().to_string(),
            other => panic!("{other:?}"),
        },
        other => panic!("the form is gone: {other:?}"),
    }
}

#[test]
fn a_result_phrase_picked_by_initials_goes_in_at_the_caret_and_is_submitted() {
    let (w, number) = world();
    let mut officer = submit_form(&w, &number);
    officer.key(KeyCode::F(4));
    // The case's category's phrase and the one for every category; not another category's.
    let Some(Popup::Pick {
        choice,
        what: PickFor::Phrase { .. },
        ..
    }) = &officer.app.popup
    else {
        panic!("no phrase picker: {:?}", officer.app.popup);
    };
    assert_eq!(choice.options, [ANY_RESULT, BUILDING_RESULT]);
    let picker = officer.screen(80, 24);
    withheld(&picker);
    insta::assert_snapshot!("phrase_picker_zh_80x24", picker);
    // 已责令施工单位… by its initials.
    officer.typed("yzl");
    officer.key(KeyCode::Enter);
    assert_eq!(
        form_text(&officer),
        format!("现场查看后，{BUILDING_RESULT}")
    );
    let form = officer.screen(80, 24);
    withheld(&form);
    insta::assert_snapshot!("phrase_in_form_zh_80x24", form);
    officer.key(KeyCode::F(2));
    let v = w.view(w.admin, &number).unwrap();
    assert_eq!(v.case.state, State::UnderReview);
    assert!(
        v.events.iter().any(|e| matches!(
            &e.event.kind,
            EventKind::Acted { detail, .. }
                if detail.text.as_deref() == Some(&format!("现场查看后，{BUILDING_RESULT}"))
        )),
        "{:?}",
        v.events.last()
    );
}

#[test]
fn leaving_the_picker_goes_back_to_the_form_with_its_typing_intact() {
    let (w, number) = world();
    let mut officer = submit_form(&w, &number);
    for leave in [KeyCode::Esc, KeyCode::F(10)] {
        officer.key(KeyCode::F(4));
        officer.typed("jhc");
        officer.key(leave);
        assert_eq!(form_text(&officer), "现场查看后，");
    }
    // Nothing matches: Enter keeps the picker open, and a second phrase follows the first.
    officer.key(KeyCode::F(4));
    officer.typed("zzz");
    officer.key(KeyCode::Enter);
    assert!(matches!(officer.app.popup, Some(Popup::Pick { .. })));
    for _ in 0..3 {
        officer.key(KeyCode::Backspace);
    }
    officer.typed("jhc");
    officer.key(KeyCode::Enter);
    assert_eq!(form_text(&officer), format!("现场查看后，{ANY_RESULT}"));
}

#[test]
fn an_intake_field_takes_a_note_phrase_and_a_field_without_phrases_says_so() {
    let (w, _) = world();
    let mut d = Driver::new(&w, w.operator, Lang::Zh, (80, 24));
    // A phrase added while the desk runs is offered after a refresh.
    w.call(
        w.admin,
        Request::AddPhrase {
            use_: PhraseUse::Note,
            category: None,
            text: "来电人情绪激动，已安抚。".into(),
        },
    )
    .unwrap();
    assert_eq!(d.app.shell.phrases.len(), 4);
    d.ctrl('r');
    assert_eq!(d.app.shell.phrases.len(), 5);
    d.key(KeyCode::F(3));
    d.key(KeyCode::F(4));
    assert!(d.app.popup.is_none());
    let said = d.app.status.as_ref().map(|s| s.text.clone());
    assert_eq!(said.as_deref(), Some("这一栏没有常用语"));
    d.focus(FieldId::Content);
    d.typed("来电称：");
    d.key(KeyCode::F(4));
    d.typed("dhlx");
    d.key(KeyCode::Enter);
    assert!(d.app.popup.is_none());
    let form = d.app.intake.form.as_ref().unwrap();
    assert_eq!(form.content_text(), format!("来电称：{NOTE}"));
    assert_eq!(form.focus, FieldId::Content);
}
