//! The narrow interface between the app and its panes. A pane owns its state and answers keys,
//! pastes, replies, reloads, changes and the results of the popups it opened; it reads the
//! `Shell` and returns an `Outcome`. It never sees the app or another pane.

use crossterm::event::KeyEvent;

use crate::domain::case::CaseId;
use crate::service::{Change, Reply, ServiceError};

use super::action::{Action, KeyContext};
use super::msg::{Ask, Effect};
use super::overlay::{Done, Popup};
use super::shell::Shell;

/// The pane on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Inbox,
    Assign,
    Overdue,
    Detail,
    Intake,
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

/// Where the user goes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Go {
    /// A list pane, which Back then returns to.
    List(Pane),
    /// A case, with its action menu opened as soon as it arrives.
    Case { id: CaseId, menu: bool },
    /// Back to the list pane the user came from.
    Back,
}

/// A change to the saved drafts the app keeps for every pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftNote {
    /// Off the list: registered, emptied, or being edited again.
    Gone(String),
    /// Put aside with this body.
    Kept(String, String),
}

/// What a pane asks of the app after handling something.
#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub go: Option<Go>,
    /// A popup to open; its result comes back to this pane.
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// Ask again for the summary and what is on screen.
    pub refresh: bool,
    /// A case was registered: its number is shown large.
    pub saved: Option<String>,
    pub drafts: Vec<DraftNote>,
}

impl Outcome {
    pub fn effects(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            ..Outcome::default()
        }
    }

    pub fn go(go: Go) -> Outcome {
        Outcome {
            go: Some(go),
            ..Outcome::default()
        }
    }

    pub fn popup(popup: Popup) -> Outcome {
        Outcome {
            popup: Some(popup),
            ..Outcome::default()
        }
    }

    pub fn say(tone: Tone, text: impl Into<String>) -> Outcome {
        Outcome::default().with_status(tone, text)
    }

    pub fn error(sh: &Shell, e: &ServiceError) -> Outcome {
        Outcome::say(Tone::Error, sh.words().error(e))
    }

    pub fn refresh() -> Outcome {
        Outcome {
            refresh: true,
            ..Outcome::default()
        }
    }

    pub fn with_status(mut self, tone: Tone, text: impl Into<String>) -> Outcome {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
        self
    }

    pub fn and(mut self, other: Outcome) -> Outcome {
        self.effects.extend(other.effects);
        self.go = other.go.or(self.go);
        self.popup = other.popup.or(self.popup);
        self.status = other.status.or(self.status);
        self.refresh |= other.refresh;
        self.saved = other.saved.or(self.saved);
        self.drafts.extend(other.drafts);
        self
    }
}

impl From<Vec<Effect>> for Outcome {
    fn from(effects: Vec<Effect>) -> Outcome {
        Outcome::effects(effects)
    }
}

/// A pane of the desk.
pub trait Component {
    /// Its own table in the keymap (`[inbox]` …): the help overlay lists it.
    fn section(&self) -> KeyContext;

    /// Where its keys are read as it stands (a `/` line takes them all).
    fn context(&self) -> KeyContext {
        self.section()
    }

    /// The actions its hint line offers, in order; the keys come from the keymap.
    fn hints(&self) -> &'static [Action];

    fn key(&mut self, sh: &Shell, action: Option<Action>, key: KeyEvent) -> Outcome;

    fn paste(&mut self, _sh: &Shell, _text: &str) -> Outcome {
        Outcome::default()
    }

    /// The answer to a call this pane made.
    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome;

    /// Asks again for what it shows.
    fn reload(&mut self, sh: &Shell) -> Vec<Effect>;

    /// Something changed in the store while the pane is on screen.
    fn changed(&mut self, sh: &Shell, _change: &Change) -> Vec<Effect> {
        self.reload(sh)
    }

    /// The result of a popup this pane opened.
    fn popup_done(&mut self, _sh: &Shell, _done: Done) -> Outcome {
        Outcome::default()
    }

    /// The screen changed size.
    fn resized(&mut self, _sh: &Shell) {}
}
