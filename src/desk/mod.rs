//! The one door the user interfaces use: they never know whether the service is in this
//! process or behind a socket.

mod drafts;
mod local;
mod remote;
mod trust;

use std::sync::mpsc::Receiver;

use crate::service::{Actor, Change, Reply, Request, RequestKey, ServiceError};

pub use drafts::LocalDrafts;
pub use local::LocalDesk;
pub use remote::{ConnectError, RemoteDesk};
pub use trust::Distrust;
pub(crate) use trust::GROUP_OR_OTHERS_WRITE;

pub trait Desk {
    fn call(&self, req: Request) -> Result<Reply, ServiceError>;
    /// `req` with an idempotency key the caller chose: sent again with the same key after a
    /// failure, a mutation is made once.
    fn call_keyed(&self, req: Request, key: Option<RequestKey>) -> Result<Reply, ServiceError>;
    fn changes(&self) -> Receiver<Change>;
    fn actor(&self) -> Actor;
    /// News of the connection to a server; `None` for a desk with its store in process.
    fn links(&self) -> Option<Receiver<Link>> {
        None
    }
}

/// The state of a remote desk's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// Lost; `attempt` counts the tries to reconnect so far. `refused` says why the server
    /// turned the last one away, if it did.
    Down {
        attempt: u32,
        refused: Option<crate::wire::Refusal>,
    },
    /// Connected again: anything on screen may have changed meanwhile.
    Up,
}
