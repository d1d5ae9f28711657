//! The service in this process: the embedded default.

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::service::{Actor, Change, Reply, Request, RequestKey, Service, ServiceError};

use super::Desk;

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

    fn call_keyed(&self, req: Request, key: Option<RequestKey>) -> Result<Reply, ServiceError> {
        self.service.call_keyed(self.actor, key, req)
    }

    fn changes(&self) -> Receiver<Change> {
        self.service.subscribe()
    }

    fn actor(&self) -> Actor {
        self.actor
    }
}
