//! The desk's state and `update`. The app owns what every pane reads (the `Shell`), the popup
//! and help overlays, and the panes; it routes each message to the pane or popup it concerns
//! and returns effects. It handles no case itself and does no I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use crate::lang::L;
use crate::service::{Change, Reply, Request, ServiceError};

use super::action::{Action, KeyContext};
use super::component::{Component, DraftNote, Go, Outcome};
use super::key::Key;
use super::msg::{Ask, Effect, Msg, Owner, Purpose};
use super::overlay::{self, Done, Popup};
use super::panes::{
    assign::AssignPane, detail::DetailPane, inbox::InboxPane, intake::IntakePane,
    overdue::OverduePane,
};
use super::shell::Shell;

pub use super::component::{Pane, Status, Tone};
pub use super::shell::Env;

pub struct App {
    pub shell: Shell,
    pub pane: Pane,
    /// The list pane that Back returns to.
    pub list_pane: Pane,
    pub inbox: InboxPane,
    pub assign: AssignPane,
    pub overdue: OverduePane,
    pub detail: DetailPane,
    pub intake: IntakePane,
    pub popup: Option<Popup>,
    /// Who opened the popup: its result goes home to them.
    pub(super) opener: Owner,
    /// The help overlay and its scroll.
    pub help: Option<usize>,
    pub status: Option<Status>,
    pub quit: bool,
    /// A summary request is in flight; another change asks again when it lands.
    pub(super) summary_waiting: bool,
    pub(super) summary_stale: bool,
    /// A registered case's number that arrived while another popup was open.
    pub(super) saved_waiting: Option<String>,
    /// The demo data is offered once a session, not at every refresh of an empty store.
    pub(super) demo_offered: bool,
}

impl App {
    pub fn new(env: Env, size: (u16, u16)) -> App {
        App {
            shell: Shell::new(env, size),
            pane: Pane::Inbox,
            list_pane: Pane::Inbox,
            inbox: InboxPane::default(),
            assign: AssignPane::default(),
            overdue: OverduePane::default(),
            detail: DetailPane::default(),
            intake: IntakePane::default(),
            popup: None,
            opener: Owner::App,
            help: None,
            status: None,
            quit: false,
            summary_waiting: false,
            summary_stale: false,
            saved_waiting: None,
            demo_offered: false,
        }
    }

    pub fn tr(&self, l: L) -> &'static str {
        self.shell.tr(l)
    }

    /// A pane with the shell it reads, borrowed apart.
    fn split(&mut self, p: Pane) -> (&Shell, &mut dyn Component) {
        let pane: &mut dyn Component = match p {
            Pane::Inbox => &mut self.inbox,
            Pane::Assign => &mut self.assign,
            Pane::Overdue => &mut self.overdue,
            Pane::Detail => &mut self.detail,
            Pane::Intake => &mut self.intake,
        };
        (&self.shell, pane)
    }

    /// What the desk asks for first.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut fx = vec![
            Effect::call(Ask::Settings, Request::Settings),
            Effect::call(Ask::Departments, Request::Departments),
            Effect::call(Ask::Categories, Request::Categories),
            Effect::call(Ask::Phrases, super::app_data::all_phrases()),
            Effect::call(Ask::Drafts, Request::Drafts),
        ];
        fx.extend(self.refresh_summary());
        let start = self.inbox.start(&self.shell);
        fx.extend(addressed(Owner::Pane(Pane::Inbox), start));
        fx
    }

    /// The key context, derived from what is on screen.
    pub fn context(&self) -> KeyContext {
        if self.popup.is_some() {
            return KeyContext::Popup;
        }
        if self.help.is_some() {
            return KeyContext::Help;
        }
        self.current().context()
    }

    /// The pane on screen.
    pub fn current(&self) -> &dyn Component {
        match self.pane {
            Pane::Inbox => &self.inbox,
            Pane::Assign => &self.assign,
            Pane::Overdue => &self.overdue,
            Pane::Detail => &self.detail,
            Pane::Intake => &self.intake,
        }
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    pub fn say_error(&mut self, e: &ServiceError) {
        let text = self.shell.words().error(e);
        self.say(Tone::Error, text);
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) if k.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(k) => {
                let action = self
                    .shell
                    .env
                    .keymap
                    .resolve(self.context(), Key::from_event(&k));
                self.act(action, k)
            }
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(w, h) => {
                self.shell.size = (w, h);
                for p in [Pane::Inbox, Pane::Assign, Pane::Overdue, Pane::Detail] {
                    let (sh, pane) = self.split(p);
                    pane.resized(sh);
                }
                Vec::new()
            }
            Msg::Reply(purpose, result) => self.reply(purpose, result),
            Msg::Changed(change) => self.changed(&change),
            Msg::Link(link) => self.link(link),
            Msg::Tick => addressed(Owner::Pane(Pane::Intake), self.intake.tick()),
            Msg::Exported(Ok(name)) => {
                let text = format!("{}{name}", self.tr(L::ExportedTo));
                self.say(Tone::Info, text);
                Vec::new()
            }
            Msg::Exported(Err(why)) => {
                let text = format!("{}{why}", self.tr(L::ExportFailed));
                self.say(Tone::Error, text);
                Vec::new()
            }
            Msg::Saved { title, result } => {
                match result {
                    Ok(path) => {
                        let text = format!("{} {title} → {path}", self.tr(L::DocumentSaved));
                        self.say(Tone::Info, text);
                    }
                    Err(why) => {
                        let text = format!("{title}：{}{why}", self.tr(L::DocumentNotSaved));
                        self.say(Tone::Error, text);
                    }
                }
                Vec::new()
            }
        }
    }

    /// Runs an action as if its key were pressed (the command palette).
    pub fn perform(&mut self, a: Action) -> Vec<Effect> {
        self.act(Some(a), KeyEvent::from(KeyCode::Null))
    }

    fn act(&mut self, action: Option<Action>, k: KeyEvent) -> Vec<Effect> {
        // A new intake opens from anywhere, a popup or another form included.
        if action == Some(Action::NewIntake) {
            return self.open_intake();
        }
        if let Some(popup) = self.popup.take() {
            let step = overlay::key(&self.shell, popup, action, k);
            self.popup = step.popup;
            if let Some(s) = step.status {
                self.status = Some(s);
            }
            let fx = match step.done {
                Some(done) => self.done(done),
                None => Vec::new(),
            };
            if self.popup.is_none()
                && let Some(number) = self.saved_waiting.take()
            {
                self.open_popup(Owner::App, Popup::Saved { number });
            }
            return fx;
        }
        match action {
            Some(Action::Quit) => {
                self.quit = true;
                // The last keys typed reach the draft before the desk closes.
                return addressed(Owner::Pane(Pane::Intake), self.intake.flush());
            }
            Some(Action::Help) if self.help.is_none() => {
                self.help = Some(0);
                return Vec::new();
            }
            Some(Action::Palette) => {
                // What is chosen runs on the pane, not inside help.
                self.help = None;
                self.open_popup(Owner::App, overlay::palette(&self.shell));
                return Vec::new();
            }
            Some(Action::Drafts) => {
                if self.shell.drafts.is_empty() {
                    self.say(Tone::Info, self.tr(L::NoDrafts));
                } else {
                    self.open_popup(Owner::App, overlay::drafts(&self.shell));
                }
                return Vec::new();
            }
            _ => {}
        }
        if let Some(at) = self.help {
            self.help = super::help::scroll(&self.shell, self.current().section(), at, action);
            return Vec::new();
        }
        let target = match action {
            Some(Action::Inbox) => Pane::Inbox,
            Some(Action::Assign) => Pane::Assign,
            Some(Action::Overdue) => Pane::Overdue,
            Some(Action::Refresh) => {
                // Phrases an administrator added since the desk started come with a refresh.
                let mut fx = vec![Effect::call(Ask::Phrases, super::app_data::all_phrases())];
                fx.extend(self.refresh_visible());
                return fx;
            }
            _ => {
                let p = self.pane;
                let (sh, pane) = self.split(p);
                let out = pane.key(sh, action, k);
                return self.apply(Owner::Pane(p), out);
            }
        };
        self.go(Go::List(target))
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(popup) = self.popup.as_mut() {
            if let Some(s) = overlay::paste(&self.shell, popup, text) {
                self.status = Some(s);
            }
            return Vec::new();
        }
        let p = self.pane;
        let (sh, pane) = self.split(p);
        let out = pane.paste(sh, text);
        self.apply(Owner::Pane(p), out)
    }

    pub(super) fn open_popup(&mut self, opener: Owner, popup: Popup) {
        self.popup = Some(popup);
        self.opener = opener;
    }

    /// A popup's result, taken home to the one that opened it.
    fn done(&mut self, done: Done) -> Vec<Effect> {
        let p = match self.opener {
            Owner::Pane(p) => p,
            Owner::App => return self.app_done(done),
        };
        let (sh, pane) = self.split(p);
        let out = pane.popup_done(sh, done);
        self.apply(Owner::Pane(p), out)
    }

    /// Carries out what a pane asked for; its calls are addressed to it.
    pub(super) fn apply(&mut self, from: Owner, out: Outcome) -> Vec<Effect> {
        let mut fx = addressed(from, out.effects);
        for note in out.drafts {
            match note {
                DraftNote::Gone(name) => self.shell.drafts.retain(|d| d.0 != name),
                DraftNote::Kept(name, body) => {
                    self.shell.drafts.retain(|d| d.0 != name);
                    self.shell.drafts.push((name, body));
                }
            }
        }
        if let Some(s) = out.status {
            self.status = Some(s);
        }
        // A pane no longer on screen (its reply came late) opens nothing over another.
        if let Some(p) = out.popup
            && from == Owner::Pane(self.pane)
        {
            self.open_popup(from, p);
        }
        if let Some(number) = out.saved {
            self.show_saved(number);
        }
        match out.go {
            Some(go) => fx.extend(self.go(go)),
            None if out.refresh => fx.extend(self.refresh_visible()),
            None => {}
        }
        fx
    }

    fn go(&mut self, go: Go) -> Vec<Effect> {
        match go {
            Go::List(target) => {
                let out = self.intake.aside(&self.shell);
                let mut fx = self.apply(Owner::Pane(Pane::Intake), out);
                self.pane = target;
                self.list_pane = target;
                fx.extend(self.refresh_visible());
                fx
            }
            Go::Case { id, menu } => self.open_case_with(id, menu),
            Go::Back => {
                self.pane = self.list_pane;
                self.refresh_visible()
            }
        }
    }

    /// Asks again for what is on screen.
    pub fn refresh_visible(&mut self) -> Vec<Effect> {
        let mut fx = self.refresh_summary();
        let p = self.pane;
        let (sh, pane) = self.split(p);
        fx.extend(addressed(Owner::Pane(p), pane.reload(sh)));
        fx
    }

    pub fn open_intake(&mut self) -> Vec<Effect> {
        self.popup = None;
        self.help = None;
        let out = self.intake.open(&self.shell);
        if self.pane != Pane::Intake && self.pane != Pane::Detail {
            self.list_pane = self.pane;
        }
        self.pane = Pane::Intake;
        self.apply(Owner::Pane(Pane::Intake), out)
    }

    pub fn open_case(&mut self, id: u64) -> Vec<Effect> {
        self.open_case_with(id, false)
    }

    fn open_case_with(&mut self, id: u64, menu: bool) -> Vec<Effect> {
        if self.pane != Pane::Detail && self.pane != Pane::Intake {
            self.list_pane = self.pane;
        }
        self.pane = Pane::Detail;
        let fx = self.detail.open(&self.shell, id, menu);
        addressed(Owner::Pane(Pane::Detail), fx)
    }

    fn reply(&mut self, purpose: Purpose, r: Result<Reply, ServiceError>) -> Vec<Effect> {
        let Owner::Pane(p) = purpose.to else {
            return self.app_reply(purpose.ask, r);
        };
        let (sh, pane) = self.split(p);
        let out = pane.reply(sh, purpose.ask, r);
        self.apply(Owner::Pane(p), out)
    }

    /// Another desk changed a case: refresh only what is on screen.
    pub(super) fn changed(&mut self, change: &Change) -> Vec<Effect> {
        let mut fx = self.refresh_summary();
        let p = self.pane;
        let (sh, pane) = self.split(p);
        fx.extend(addressed(Owner::Pane(p), pane.changed(sh, change)));
        fx
    }
}

/// Calls made for `to`: their replies go home to it.
fn addressed(to: Owner, effects: Vec<Effect>) -> Vec<Effect> {
    effects.into_iter().map(|e| e.to(to)).collect()
}
