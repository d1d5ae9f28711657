//! Pushes each committed change to every connected desk that may see its case, and to no
//! other: an officer never learns of another department's case, not even its id.

use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::sync::Mutex;
use std::sync::mpsc::{SyncSender, TrySendError};

use crate::domain::role::UserId;
use crate::service::{Change, Service};
use crate::wire::{self, ToDesk};

use super::Out;

use super::log::Log;

struct Conn {
    user: UserId,
    tx: SyncSender<Out>,
    stream: UnixStream,
}

/// The connected desks.
#[derive(Default)]
pub struct Conns(Mutex<HashMap<u64, Conn>>);

impl Conns {
    pub fn add(&self, id: u64, user: UserId, tx: SyncSender<Out>, stream: UnixStream) {
        self.lock().insert(id, Conn { user, tx, stream });
    }

    pub fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    #[cfg(test)]
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
        let frame = match wire::encode(&ToDesk::Change(change.clone())) {
            Ok(f) => std::sync::Arc::new(f),
            Err(e) => {
                log.line(format!("a change that cannot be sent: {e}"));
                return;
            }
        };
        // Who may see it is asked with the list copied out: the store reads never hold back a
        // desk coming or going.
        let listeners: Vec<(u64, UserId, SyncSender<Out>)> = self
            .lock()
            .iter()
            .map(|(id, c)| (*id, c.user, c.tx.clone()))
            .collect();
        let mut gone = Vec::new();
        for (id, user, tx) in listeners {
            match service.change_reaches(user, change) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(crate::service::ServiceError::NoSuchUser(_)) => {
                    log.line(format!("#{id}: the user is no longer active; closed"));
                    gone.push((id, true));
                    continue;
                }
                Err(e) => {
                    log.line(format!("#{id}: deciding who sees a change: {e}"));
                    continue;
                }
            }
            match tx.try_send((frame.clone(), None)) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    log.line(format!(
                        "#{id}: {} messages unread; closed as too slow",
                        super::conn::QUEUE
                    ));
                    gone.push((id, true));
                }
                Err(TrySendError::Disconnected(_)) => gone.push((id, false)),
            }
        }
        let mut conns = self.lock();
        for (id, slow) in gone {
            if let Some(c) = conns.remove(&id)
                && slow
            {
                let _ = c.stream.shutdown(std::net::Shutdown::Both);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::sync::Arc;
    use std::sync::mpsc::sync_channel;

    use super::*;
    use crate::domain::time::Timestamp;
    use crate::service::FixedClock;

    #[test]
    fn a_desk_that_stops_reading_is_closed_and_the_others_still_get_changes() {
        let dir = tempfile::tempdir().unwrap();
        let service = Service::open(
            dir.path(),
            Arc::new(FixedClock::new(Timestamp(1_772_413_200))),
        )
        .unwrap();
        let owner = service.actor_for_login("owner").unwrap();
        let conns = Conns::default();
        let (slow_tx, _slow_rx) = sync_channel(2);
        let (slow_server, mut slow_desk) = UnixStream::pair().unwrap();
        conns.add(1, owner.user, slow_tx, slow_server);
        let (live_tx, live_rx) = sync_channel(2);
        let (live_server, _live_desk) = UnixStream::pair().unwrap();
        conns.add(2, owner.user, live_tx, live_server);
        let log = Log::stderr_only(false);
        for n in 0..5 {
            conns.push(&service, &Change::default(), &log);
            // The live desk reads as it goes.
            assert!(
                live_rx.try_recv().is_ok(),
                "change {n} did not reach the live desk"
            );
        }
        assert_eq!(conns.count(), 1, "the slow desk is still connected");
        // Its socket was shut: the desk reads the end of the stream.
        let mut rest = Vec::new();
        assert_eq!(slow_desk.read_to_end(&mut rest).unwrap(), 0);
    }
}
