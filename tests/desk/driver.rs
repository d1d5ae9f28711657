//! A headless desk: `update` with keys, effects performed synchronously against a real service
//! (exports written into a directory of the test's own), screens rendered into ratatui's TestBackend. Each test crate uses its own part of it.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use xinfang::desk::LocalDesk;
use xinfang::domain::case::Channel;
use xinfang::lang::Lang;
use xinfang::service::Actor;
use xinfang::tui::app::{App, Env};
use xinfang::tui::effects::{Now, Runner};
use xinfang::tui::keymap::Keymap;
use xinfang::tui::msg::{Effect, Msg};
use xinfang::tui::theme::Theme;

use crate::common::{DAY, MONDAY_0900, World, accept_and_assign, act, complaint};
use xinfang::domain::state::Action;
use xinfang::domain::time::Timestamp;

pub struct Driver {
    pub app: App,
    /// Calls the desk at once; writes exports into `exports`.
    runner: Runner<Now<LocalDesk>>,
    pub theme: Theme,
    /// The test's own directory for exports, gone with the driver.
    pub exports: tempfile::TempDir,
}

impl Driver {
    pub fn new(w: &World, who: Actor, lang: Lang, size: (u16, u16)) -> Driver {
        let (keymap, problems) = Keymap::load("default", None);
        assert!(problems.is_empty(), "{problems:?}");
        let (theme, _) = Theme::load("default", false, None);
        let exports = tempfile::tempdir().expect("a directory for exports");
        let env = Env {
            lang,
            keymap,
            ascii: false,
            channel: Channel::Phone,
            session: "test".into(),
            documents: Some(exports.path().join("documents")),
        };
        let mut d = Driver {
            app: App::new(env, size),
            runner: Runner::new(Now(LocalDesk::new(w.service.clone(), who)), exports.path()),
            theme,
            exports,
        };
        let fx = d.app.start();
        d.pump(fx);
        d
    }

    pub fn pump(&mut self, fx: Vec<Effect>) {
        self.runner.perform(&mut self.app, fx);
    }

    pub fn send(&mut self, msg: Msg) {
        let fx = self.app.update(msg);
        self.pump(fx);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Tabs to a field of the intake form by name, so a test does not depend on the order of
    /// the fields before it.
    pub fn focus(&mut self, field: xinfang::tui::intake_form::FieldId) {
        for _ in 0..32 {
            if self
                .app
                .intake
                .form
                .as_ref()
                .is_some_and(|f| f.focus == field)
            {
                return;
            }
            self.key(KeyCode::Tab);
        }
        panic!("the intake form has no {field:?} field");
    }

    /// Where the terminal's cursor is after a frame: the caret of the focused field.
    pub fn cursor(&mut self, w: u16, h: u16) -> (u16, u16) {
        use ratatui::backend::Backend;
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        t.draw(|f| xinfang::tui::view::view(&self.app, &self.theme, f))
            .expect("draw");
        let p = t.backend_mut().get_cursor_position().expect("cursor");
        (p.x, p.y)
    }

    /// The screen as text, one line per row; asserts that no row is wider or narrower than
    /// the terminal (a misaligned wide character would show here).
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        self.send(Msg::Resize(w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        t.draw(|f| xinfang::tui::view::view(&self.app, &self.theme, f))
            .expect("draw");
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                skip = sym.width().saturating_sub(1);
                line.push_str(sym);
            }
            assert_eq!(
                line.width(),
                usize::from(w),
                "row {y} is misaligned: {line:?}"
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Cases registered three weeks ago and today; one late at acceptance, two with departments,
/// one full of awkward characters.
pub fn fixture() -> World {
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

pub fn stored_drafts(w: &World, who: xinfang::service::Actor) -> Vec<(String, String)> {
    match w.call(who, xinfang::service::Request::Drafts) {
        Ok(xinfang::service::Reply::Drafts(d)) => d,
        other => panic!("{other:?}"),
    }
}
