//! The one door the user interfaces use: they never know whether the service is in this
//! process or behind a socket.

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::service::{Actor, Change, Reply, Request, Service, ServiceError};

pub trait Desk {
    fn call(&self, req: Request) -> Result<Reply, ServiceError>;
    fn changes(&self) -> Receiver<Change>;
    fn actor(&self) -> Actor;
}

/// The service in this process: the embedded default.
pub struct LocalDesk {
    service: Arc<Service>,
    actor: Actor,
}

impl LocalDesk {
    pub fn new(service: Arc<Service>, actor: Actor) -> LocalDesk {
        LocalDesk { service, actor }
    }
}

impl Desk for LocalDesk {
    fn call(&self, req: Request) -> Result<Reply, ServiceError> {
        self.service.call(self.actor, req)
    }

    fn changes(&self) -> Receiver<Change> {
        self.service.subscribe()
    }

    fn actor(&self) -> Actor {
        self.actor
    }
}
