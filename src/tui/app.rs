//! The desk's state and `update`: it routes each message to the pane or popup it concerns and
//! returns effects; it does no I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use crate::domain::case::Channel;
use crate::domain::role::{Category, Department};
use crate::domain::time::Zone;
use crate::lang::{Lang, Words};
use crate::service::api::{Queue, Summary};
use crate::service::{Change, Reply, Request, ServiceError};

use super::action::{Action, KeyContext};
use super::key::Key;
use super::keymap::Keymap;
use super::msg::{Effect, ListId, Msg, Purpose};
use super::overlay::Popup;
use super::panes::{assign::AssignPane, detail::DetailPane, intake::IntakeForm};
use super::panes::{inbox::ListPane, overdue::OverduePane};
use crate::lang::L;

/// The pane on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Inbox,
    Assign,
    Overdue,
    Detail,
    Intake,
}

/// What does not change while the desk runs.
pub struct Env {
    pub lang: Lang,
    pub keymap: Keymap,
    /// Plain ASCII borders and markers, for terminals that draw ambiguous-width characters wide.
    pub ascii: bool,
    /// The channel a new intake starts with.
    pub channel: Channel,
    /// Tells this desk's drafts from another desk's of the same user, and from an earlier
    /// session's (the process id and the start time).
    pub session: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warn,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

pub struct App {
    pub env: Env,
    pub size: (u16, u16),
    pub pane: Pane,
    /// The list pane that Back returns to.
    pub list_pane: Pane,
    pub summary: Option<Summary>,
    pub zone: Zone,
    /// The store is a test store: the header says so on every screen.
    pub test_store: bool,
    pub departments: Vec<Department>,
    pub categories: Vec<Category>,
    pub inbox: ListPane,
    pub assign: AssignPane,
    pub overdue: OverduePane,
    pub detail: DetailPane,
    pub intake: Option<IntakeForm>,
    /// Saved intake drafts (name, body), offered back at start and from the palette.
    pub drafts: Vec<(String, String)>,
    pub popup: Option<Popup>,
    /// The help overlay and its scroll.
    pub help: Option<usize>,
    pub status: Option<Status>,
    pub quit: bool,
    /// A summary request is in flight; another change asks again when it lands.
    summary_waiting: bool,
    summary_stale: bool,
    /// Numbers this desk's intake drafts.
    draft_serial: u64,
    /// A registered case's number that arrived while another popup was open.
    saved_waiting: Option<String>,
    /// The demo data is offered once a session, not at every refresh of an empty store.
    demo_offered: bool,
    /// Whether the server is away (a remote desk only).
    pub offline: bool,
    /// Today's booked visits (今日接待), not cancelled.
    pub reception: Vec<crate::service::api::BookingRow>,
    /// The leaders' reception days, read each time the intake form opens.
    pub schedule: Option<crate::domain::reception::Schedule>,
}

impl App {
    pub fn new(env: Env, size: (u16, u16)) -> App {
        App {
            env,
            size,
            pane: Pane::Inbox,
            list_pane: Pane::Inbox,
            summary: None,
            zone: Zone::default(),
            test_store: false,
            departments: Vec::new(),
            categories: Vec::new(),
            inbox: ListPane::new(ListId::Inbox, Queue::Mine),
            assign: AssignPane::new(),
            overdue: OverduePane::default(),
            detail: DetailPane::default(),
            intake: None,
            drafts: Vec::new(),
            popup: None,
            help: None,
            status: None,
            quit: false,
            summary_waiting: false,
            summary_stale: false,
            draft_serial: 0,
            saved_waiting: None,
            demo_offered: false,
            offline: false,
            reception: Vec::new(),
            schedule: None,
        }
    }

    pub fn words(&self) -> &'static dyn Words {
        self.env.lang.words()
    }

    pub fn tr(&self, l: L) -> &'static str {
        self.env.lang.words().label(l)
    }

    /// What the desk asks for first.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut fx = vec![
            Effect::call(Purpose::Settings, Request::Settings),
            Effect::call(Purpose::Departments, Request::Departments),
            Effect::call(Purpose::Categories, Request::Categories),
            Effect::call(Purpose::Drafts, Request::Drafts),
        ];
        fx.extend(self.refresh_summary());
        fx.extend(self.inbox.restart());
        fx.extend(super::panes::reception::refresh(self));
        fx
    }

    fn refresh_summary(&mut self) -> Vec<Effect> {
        if self.summary_waiting {
            self.summary_stale = true;
            return Vec::new();
        }
        self.summary_waiting = true;
        vec![Effect::call(Purpose::Summary, Request::Summary)]
    }

    /// Rows of the body between the header and the two bottom lines.
    pub fn body_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(3))
    }

    /// The key context, derived from what is on screen.
    pub fn context(&self) -> KeyContext {
        if self.popup.is_some() {
            return KeyContext::Popup;
        }
        if self.help.is_some() {
            return KeyContext::Help;
        }
        let filtering = match self.pane {
            Pane::Inbox => self.inbox.filtering,
            Pane::Assign => self.assign.list.filtering,
            _ => false,
        };
        if filtering {
            return KeyContext::Popup;
        }
        match self.pane {
            Pane::Inbox => KeyContext::Inbox,
            Pane::Assign => KeyContext::Assign,
            Pane::Overdue => KeyContext::Overdue,
            Pane::Detail => KeyContext::Detail,
            Pane::Intake => KeyContext::Intake,
        }
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    pub fn say_error(&mut self, e: &ServiceError) {
        let text = self.words().error(e);
        self.say(Tone::Error, text);
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) if k.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(k) => self.key(k),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                let h = super::panes::inbox::table_height(self);
                self.inbox.window.scroll(h);
                self.assign.list.window.scroll(h);
                Vec::new()
            }
            Msg::Reply(purpose, result) => self.reply(purpose, result),
            Msg::Changed(change) => self.changed(&change),
            Msg::Link(link) => self.link(link),
            Msg::Tick => match self.intake.as_mut() {
                Some(form) => form.tick(),
                None => Vec::new(),
            },
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
        }
    }

    fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let action = self.env.keymap.resolve(self.context(), Key::from_event(&k));
        self.act(action, k)
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
        if self.popup.is_some() {
            let fx = super::overlay::key(self, action, k);
            if self.popup.is_none()
                && let Some(number) = self.saved_waiting.take()
            {
                self.popup = Some(Popup::Saved { number });
            }
            return fx;
        }
        match action {
            Some(Action::Quit) => {
                self.quit = true;
                // The last keys typed reach the draft before the desk closes.
                return self
                    .intake
                    .as_mut()
                    .map(|f| f.flush_draft())
                    .unwrap_or_default();
            }
            Some(Action::Help) if self.help.is_none() => {
                self.help = Some(0);
                return Vec::new();
            }
            Some(Action::Palette) => {
                // What is chosen runs on the pane, not inside help.
                self.help = None;
                self.popup = Some(super::overlay::palette(self));
                return Vec::new();
            }
            Some(Action::Drafts) => {
                if self.drafts.is_empty() {
                    let t = self.tr(L::NoDrafts).to_string();
                    self.say(Tone::Info, t);
                } else {
                    self.popup = Some(super::overlay::drafts(self));
                }
                return Vec::new();
            }
            _ => {}
        }
        if let Some(at) = self.help {
            let page = self.body_height().saturating_sub(3).max(1);
            let last = super::view::help::help_len(self).saturating_sub(page + 2);
            self.help = match action {
                Some(Action::Down) => Some(at + 1),
                Some(Action::Up) => Some(at.saturating_sub(1)),
                Some(Action::PageDown) => Some(at + page),
                Some(Action::PageUp) => Some(at.saturating_sub(page)),
                Some(Action::Top) => Some(0),
                Some(Action::Bottom) => Some(last),
                Some(Action::Back | Action::Cancel | Action::Help) => None,
                _ => Some(at),
            }
            .map(|at| at.min(last));
            return Vec::new();
        }
        if let Some(a) = action
            && let Some(fx) = self.switch(a)
        {
            return fx;
        }
        match self.pane {
            Pane::Inbox => super::panes::inbox::key(self, action, k),
            Pane::Assign => super::panes::assign::key(self, action, k),
            Pane::Overdue => super::panes::overdue::key(self, action),
            Pane::Detail => super::panes::detail::key(self, action),
            Pane::Intake => super::panes::intake::key(self, action, k),
        }
    }

    /// Pane switches and refresh, the same from every pane but the intake form.
    fn switch(&mut self, a: Action) -> Option<Vec<Effect>> {
        let target = match a {
            Action::Inbox => Pane::Inbox,
            Action::Assign => Pane::Assign,
            Action::Overdue => Pane::Overdue,
            Action::Refresh => return Some(self.refresh_visible()),
            _ => return None,
        };
        let mut fx = self.put_intake_aside();
        self.pane = target;
        self.list_pane = target;
        fx.extend(self.refresh_visible());
        Some(fx)
    }

    /// Asks again for what is on screen.
    pub fn refresh_visible(&mut self) -> Vec<Effect> {
        let mut fx = self.refresh_summary();
        match self.pane {
            Pane::Inbox => {
                fx.extend(self.inbox.reload());
                fx.extend(super::panes::reception::refresh(self));
            }
            Pane::Assign => fx.extend(self.assign.reload()),
            Pane::Overdue => fx.extend(self.overdue.reload()),
            Pane::Detail => fx.extend(self.detail.reload()),
            Pane::Intake => {}
        }
        fx
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.popup.is_some() {
            return super::overlay::paste(self, text);
        }
        match self.pane {
            Pane::Intake => super::panes::intake::paste(self, text),
            Pane::Inbox if self.inbox.filtering => {
                super::panes::inbox::paste(self, ListId::Inbox, text)
            }
            Pane::Assign if self.assign.list.filtering => {
                super::panes::inbox::paste(self, ListId::Assign, text)
            }
            _ => Vec::new(),
        }
    }

    /// Shows a new case's number large, or keeps it until the popup the user is in closes.
    pub fn show_saved(&mut self, number: String) {
        let text = format!("{} {number}", self.tr(L::SavedTitle));
        self.say(Tone::Info, text);
        if self.popup.is_some() {
            self.saved_waiting = Some(number);
        } else {
            self.popup = Some(Popup::Saved { number });
        }
    }

    /// Puts the intake form away: as a draft if anything was typed, with its last keys; a
    /// form emptied again leaves no draft behind.
    pub fn put_intake_aside(&mut self) -> Vec<Effect> {
        let Some(mut form) = self.intake.take() else {
            return Vec::new();
        };
        let name = form.draft_name.clone();
        self.drafts.retain(|d| d.0 != name);
        if form.is_blank() {
            return vec![Effect::call(
                Purpose::DeleteDraft,
                Request::DeleteDraft { name },
            )];
        }
        let fx = form.flush_draft();
        self.drafts.push((name, form.to_draft()));
        let text = self.tr(L::KeptAsDraft).to_string();
        self.say(Tone::Info, text);
        fx
    }

    pub fn open_intake(&mut self) -> Vec<Effect> {
        let mut fx = self.put_intake_aside();
        fx.push(Effect::call(Purpose::Schedule, Request::ReceptionSchedule));
        self.popup = None;
        self.help = None;
        let mut form = IntakeForm::blank(self);
        // A name no draft of this user has, whatever an earlier session left.
        loop {
            self.draft_serial += 1;
            form.draft_name = format!("intake-{}-{}", self.env.session, self.draft_serial);
            if !self.drafts.iter().any(|d| d.0 == form.draft_name) {
                break;
            }
        }
        self.intake = Some(form);
        if self.pane != Pane::Intake && self.pane != Pane::Detail {
            self.list_pane = self.pane;
        }
        self.pane = Pane::Intake;
        fx
    }

    pub fn open_case(&mut self, id: u64) -> Vec<Effect> {
        if self.pane != Pane::Detail && self.pane != Pane::Intake {
            self.list_pane = self.pane;
        }
        self.pane = Pane::Detail;
        self.detail.open(id)
    }

    pub fn back(&mut self) -> Vec<Effect> {
        self.pane = self.list_pane;
        self.refresh_visible()
    }

    fn reply(&mut self, purpose: Purpose, result: Result<Reply, ServiceError>) -> Vec<Effect> {
        match (purpose, result) {
            (Purpose::Summary, r) => {
                self.summary_waiting = false;
                if let Ok(Reply::Summary(s)) = r {
                    // Only the administrator can load demo data, and only they see the whole store's total.
                    let empty = s.total == 0 && s.user.roles.has(crate::domain::role::Role::Admin);
                    self.summary = Some(s);
                    if empty && self.popup.is_none() && !self.demo_offered {
                        self.demo_offered = true;
                        self.popup = Some(Popup::OfferDemo);
                    }
                }
                if std::mem::take(&mut self.summary_stale) {
                    return self.refresh_summary();
                }
                Vec::new()
            }
            (Purpose::Settings, Ok(Reply::Settings(s))) => {
                self.zone = Zone {
                    offset_minutes: s.zone_minutes,
                };
                self.test_store = s.test_store;
                Vec::new()
            }
            (Purpose::Departments, Ok(Reply::Departments(d))) => {
                self.departments = d.into_iter().filter(|d| d.active).collect();
                Vec::new()
            }
            (Purpose::Categories, Ok(Reply::Categories(c))) => {
                self.categories = c.into_iter().filter(|c| c.active).collect();
                Vec::new()
            }
            (Purpose::Drafts, Ok(Reply::Drafts(d))) => {
                self.drafts = d;
                if !self.drafts.is_empty() && self.popup.is_none() {
                    self.popup = Some(super::overlay::drafts(self));
                }
                Vec::new()
            }
            (Purpose::Demo, r) => {
                match r {
                    Ok(Reply::Demo { cases }) => {
                        let text = format!("{} {cases}", self.tr(L::DemoLoaded));
                        self.say(Tone::Info, text);
                    }
                    Ok(_) => {}
                    Err(e) => self.say_error(&e),
                }
                let mut fx = vec![
                    Effect::call(Purpose::Departments, Request::Departments),
                    Effect::call(Purpose::Categories, Request::Categories),
                ];
                fx.extend(self.refresh_visible());
                fx
            }
            (p @ Purpose::Page { .. }, r) => super::panes::inbox::reply(self, p, r),
            (p @ Purpose::Overdue { .. }, r) => super::panes::overdue::reply(self, p, r),
            (Purpose::Workload, r) => super::panes::assign::workload(self, r),
            (
                p @ (Purpose::Detail { .. } | Purpose::Act | Purpose::Target | Purpose::Reveal),
                r,
            ) => super::panes::detail::reply(self, p, r),
            (
                p @ (Purpose::Intake { .. }
                | Purpose::History { .. }
                | Purpose::Similar { .. }
                | Purpose::SaveDraft { .. }),
                r,
            ) => super::panes::intake::reply(self, p, r),
            (Purpose::DeleteDraft, _) => Vec::new(),
            (Purpose::Reception, r) => super::panes::reception::reply(self, r),
            (Purpose::Schedule, r) => super::intake_reception::schedule_reply(self, r),
            (_, Err(e)) => {
                self.say_error(&e);
                Vec::new()
            }
            (_, Ok(_)) => Vec::new(),
        }
    }

    /// Another desk changed a case: refresh only what is on screen.
    fn link(&mut self, link: crate::desk::Link) -> Vec<Effect> {
        match link {
            crate::desk::Link::Down { attempt, refused } => {
                self.offline = true;
                // Said once, and again only with the server's reason: later attempts must not
                // wipe out what a call made meanwhile reported. The header keeps the mark.
                if attempt == 1 || refused.is_some() {
                    let text = self.words().link_down(refused.as_ref());
                    self.say(Tone::Error, text);
                }
                Vec::new()
            }
            crate::desk::Link::Up => {
                self.offline = false;
                let text = self.tr(L::Reconnected).to_string();
                self.say(Tone::Info, text);
                // Anything may have changed while the server was away.
                self.changed(&Change::default())
            }
        }
    }

    fn changed(&mut self, change: &Change) -> Vec<Effect> {
        let mut fx = self.refresh_summary();
        match self.pane {
            Pane::Inbox => {
                fx.extend(self.inbox.reload());
                fx.extend(super::panes::reception::refresh(self));
            }
            Pane::Assign => fx.extend(self.assign.reload()),
            Pane::Overdue => fx.extend(self.overdue.reload()),
            Pane::Detail if change.case.is_some() && change.case == self.detail.id => {
                fx.extend(self.detail.reload())
            }
            Pane::Detail | Pane::Intake => {}
        }
        fx
    }
}
