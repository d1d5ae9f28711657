//! What the service refuses, typed so that a remote error reads like a local one and each
//! language table can word it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::state::{Action, Need, Refusal};
use crate::store::StoreError;

/// A field of an intake or an action that failed validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Subject,
    Content,
    Name,
    Phone,
    IdNumber,
    Representatives,
    HeadCount,
    Category,
    Department,
    Handler,
    Target,
    Days,
    Login,
    Code,
    Prefix,
    Year,
    /// Typed search or filter text.
    Text,
    /// A reason, result, note or other text given with an action.
    Note,
    Address,
    Important,
    AccusedUnit,
    Draft,
    /// A legal basis or a calendar's source.
    Basis,
    Organisation,
    Dates,
    File,
    /// How the petitioner was told (a notice's method).
    Method,
    /// A canned phrase (常用语).
    Phrase,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Empty,
    TooLong {
        max: u32,
    },
    NotFound,
    Inactive,
    BadCheckDigit,
    BadFormat,
    TooMany {
        max: u32,
    },
    Duplicate,
    /// The case itself (merge into itself, link to itself).
    SameCase,
    /// An extension longer than the policy allows.
    OverLimit {
        max: u32,
    },
    /// A number outside the range that makes sense for it.
    OutOfRange {
        min: u32,
        max: u32,
    },
}

#[derive(Debug, Error, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No case with that number or id that this user may see (never says which).
    #[error("no case {0} that you can see")]
    NoSuchCase(String),
    #[error("no user {0}")]
    NoSuchUser(String),
    /// The OS user has no user record; the administrator should add them.
    #[error(
        "unknown user {login}: ask the administrator to run `xinfang user add {login} --role … --dept …`"
    )]
    UnknownLogin { login: String },
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(
        "{number} was changed by someone else (version {current}, you saw {seen}); reload it and try again"
    )]
    Stale {
        number: String,
        seen: u64,
        current: u64,
    },
    #[error("{action:?} needs {need:?}")]
    Missing { action: Action, need: Need },
    #[error("{field:?}: {problem:?}")]
    Invalid { field: Field, problem: Problem },
    /// A typed accused unit names no department, or several: the user says which (or none).
    #[error(
        "the accused unit {unit} is not clearly one department: choose one of {choices:?} or none"
    )]
    AccusedUnitUnclear { unit: String, choices: Vec<String> },
    /// A merge or link would put a confidential report with a case its accused unit handles.
    #[error(
        "{number} is a confidential report on {department}, which handles {other}; they cannot be merged or linked"
    )]
    AccusedUnitHandles {
        number: String,
        other: String,
        department: String,
    },
    /// The clock says a time before the case's last event: never recorded out of order.
    #[error("{number}'s last event is dated {last}, later than now; the clock is behind")]
    BeforeLastEvent { number: String, last: String },
    /// A confidential report may never go to the unit it reports on.
    #[error("{number} reports on {department}; it can never be assigned there")]
    AccusedUnit { number: String, department: String },
    /// A hand-back after the objection window (《信访工作条例》§23): a clerk or supervisor may
    /// still reassign the case.
    #[error(
        "{number}'s objection window ended on {ended} ({basis}); it can no longer be handed back: ask a clerk or supervisor to reassign it"
    )]
    ObjectionWindowOver {
        number: String,
        ended: String,
        basis: String,
    },
    #[error("only an administrator may do this")]
    AdminOnly,
    /// Figures over the whole store and the list of users are for clerks, supervisors and
    /// the administrator.
    #[error("only clerks, supervisors and administrators may see this")]
    ReportsOnly,
    #[error("you may not register cases")]
    MayNotRegister,
    #[error("you may not correct this case's intake")]
    MayNotEdit,
    #[error("you may not see the full value")]
    MayNotReveal,
    #[error("demo data can only be loaded into a store without cases")]
    NotEmpty,
    /// The request hit a bug; the desk reports it and carries on.
    #[error("the service failed on this request (a bug)")]
    Internal,
    /// A remote desk lost its server and could not get an answer; the request may or may
    /// not have been carried out (a keyed mutation is made at most once either way).
    #[error("the connection to the server is lost; reconnecting")]
    Disconnected,
    /// The change would make the case's record too large to be read back; nothing was saved.
    #[error("the case's record would exceed {max} bytes; nothing was saved")]
    RecordTooLarge { max: u64 },
    /// The answer would not fit in one frame of the wire; asking for less will do.
    #[error("the answer is larger than {max} bytes; ask for fewer rows")]
    TooLarge { max: u64 },
    /// A backup over a server's socket names more than a file.
    #[error(
        "{0}: over a server a backup is named by a file name alone (like nightly.xfj: no `/`, not starting with `.`); the server writes it into its backups directory"
    )]
    BackupName(String),
    /// A backup was asked of a server that makes none.
    #[error("this server was started with --no-backups: it has no backups directory to write into")]
    NoBackups,
    /// An idempotency key sent again with a different request: refused, never answered with
    /// the first request's outcome.
    #[error("this request's key was used before for a different request; nothing was done")]
    KeyReused,
    /// A reception day's schedule, booking or reception refused (each language words why).
    #[error("reception day: {0:?}")]
    Reception(crate::domain::reception::ReceptionRefusal),
    /// A document's template could not be used: its file, line and what is wrong.
    #[error("{0}")]
    Template(crate::service::documents::templates::TemplateError),
    /// A document the case does not call for as it stands, or not one this user issues.
    #[error("{number}: no {} can be issued now by you", kind.code())]
    NoDocument {
        kind: crate::domain::document::DocKind,
        number: String,
    },
    /// No document of that number on the case, or not one this user may read.
    #[error("{0}: no such document, or not one you may read")]
    NoSuchDocument(String),
    /// A 复查/复核 asked of a case still being handled: a review is of an answer.
    #[error(
        "{number} has not been answered yet: a review (复查) is asked of an answer; register the letter as the same matter instead (--link {number})"
    )]
    NotAnswered { number: String },
}

impl ServiceError {
    pub fn invalid(field: Field, problem: Problem) -> ServiceError {
        ServiceError::Invalid { field, problem }
    }
}
