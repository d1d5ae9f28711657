//! Pushes each committed change to every connected desk that may see its case, and to no
//! other: an officer never learns of another department's case, not even its id.

use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::sync::Mutex;
use std::sync::mpsc::{SyncSender, TrySendError};

use crate::domain::role::UserId;
use crate::service::{Change, Service};
use crate::wire::ToDesk;

use super::log::Log;

struct Conn {
    user: UserId,
    tx: SyncSender<ToDesk>,
    stream: UnixStream,
}

/// The connected desks.
#[derive(Default)]
pub struct Conns(Mutex<HashMap<u64, Conn>>);

impl Conns {
    pub fn add(&self, id: u64, user: UserId, tx: SyncSender<ToDesk>, stream: UnixStream) {
        self.lock().insert(id, Conn { user, tx, stream });
    }

    pub fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    pub fn count(&self) -> usize {
        self.lock().len()
    }

    /// Stops reading from every desk: each finishes the request it is on, then ends.
    pub fn stop_reading(&self) {
        for c in self.lock().values() {
            let _ = c.stream.shutdown(std::net::Shutdown::Read);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Conn>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues `change` for each desk it reaches; a desk whose queue is full is closed.
    pub fn push(&self, service: &Service, change: &Change, log: &Log) {
        let mut gone = Vec::new();
        for (id, c) in self.lock().iter() {
            match service.change_reaches(c.user, change) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    log.line(format!("#{id}: deciding who sees a change: {e}"));
                    continue;
                }
            }
            match c.tx.try_send(ToDesk::Change(change.clone())) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    log.line(format!(
                        "#{id}: {} messages unread; closed as too slow",
                        super::conn::QUEUE
                    ));
                    let _ = c.stream.shutdown(std::net::Shutdown::Both);
                    gone.push(*id);
                }
                Err(TrySendError::Disconnected(_)) => gone.push(*id),
            }
        }
        let mut conns = self.lock();
        for id in gone {
            conns.remove(&id);
        }
    }
}
