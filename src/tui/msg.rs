//! What reaches `update`, and what it asks the runtime to do.

use crossterm::event::KeyEvent;

use crate::service::{Change, Reply, Request, ServiceError};

/// Who asked: a reply goes home to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The app, for what every pane reads (the summary, departments, drafts…).
    App,
    Pane(super::component::Pane),
}

/// A call's return address: who asked, and what for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Purpose {
    pub to: Owner,
    pub ask: Ask,
}

/// What a call was for. Lists carry a generation so that an answer to a superseded query is
/// dropped (one job per list: a new filter replaces the query still waiting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    Summary,
    Settings,
    Departments,
    Categories,
    Phrases,
    Workload,
    /// A page of a list, placed at `page` in its window.
    Page {
        generation: u64,
        page: usize,
    },
    Overdue {
        generation: u64,
    },
    Detail {
        generation: u64,
    },
    /// A workflow action on the case being shown or on one case of a batch.
    Act,
    /// The case number typed as a merge or link target, resolved before acting.
    Target,
    /// Saving the intake form whose draft has this name.
    Intake {
        draft: String,
    },
    History {
        generation: u64,
    },
    /// Open cases whose text holds what the subject says: the same matter from other callers.
    Similar {
        generation: u64,
    },
    /// A draft save of the form with this name.
    SaveDraft {
        draft: String,
    },
    Drafts,
    DeleteDraft,
    Reveal,
    /// A document issued by `asked` (the service may record another way: no gateway).
    Issue {
        asked: crate::domain::method::Method,
    },
    Demo,
    /// Today's booked visits, for the inbox's 今日接待 block.
    Reception,
    /// The reception schedule, for the intake's 接待领导 field.
    Schedule,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    Reply(Purpose, Result<Reply, ServiceError>),
    Changed(Change),
    /// News of the connection to a server.
    Link(crate::desk::Link),
    /// A quarter second passed (drafts are saved when typing pauses).
    Tick,
    /// The export file was written (its name) or not (why).
    Exported(Result<String, String>),
    /// An issued document's Word file was written (its path) or not (why); `title` names it.
    Saved {
        title: String,
        result: Result<String, String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Call(Purpose, Box<Request>),
    /// Writes the overdue list as text to a new file in the working directory.
    Export {
        name: String,
        text: String,
    },
    /// Writes an issued document as a Word file to the documents directory.
    Document {
        /// The case's number, for the file's name.
        number: String,
        doc: Box<crate::domain::document::Issued>,
        at: crate::domain::time::Timestamp,
    },
}

impl Effect {
    /// A call for the app; a pane's calls are addressed to it as they leave it (`to`).
    pub fn call(ask: Ask, req: Request) -> Effect {
        Effect::Call(
            Purpose {
                to: Owner::App,
                ask,
            },
            Box::new(req),
        )
    }

    /// The same effect, its reply going home to `owner`.
    pub fn to(self, owner: Owner) -> Effect {
        match self {
            Effect::Call(p, r) => Effect::Call(Purpose { to: owner, ..p }, r),
            e => e,
        }
    }
}
