//! Who gets a connection at all, before any hello: at most so many in all and so many per OS
//! user, so that one local account cannot hold every thread and descriptor of the server.

use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::wire::{self, Hello, Refusal, Welcome};

use super::{Peer, Shared};

/// The server's limits; the defaults suit an office of a few hundred desks.
#[derive(Clone, Debug)]
pub struct Limits {
    /// A desk must have sent its whole hello this soon after connecting.
    pub hello_within: Duration,
    /// Once a frame's length has arrived, the rest of it must arrive this soon.
    pub frame_within: Duration,
    /// Connections open at once, in all.
    pub connections: usize,
    /// Connections open at once from one OS user.
    pub per_user: usize,
    /// Requests read from one desk and not yet answered; a desk that sends more without
    /// reading its replies is closed.
    pub pending: usize,
    /// The bytes of those requests.
    pub pending_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            hello_within: Duration::from_secs(5),
            frame_within: Duration::from_secs(30),
            connections: 256,
            per_user: 32,
            pending: 64,
            pending_bytes: 32 * 1024 * 1024,
        }
    }
}

/// Connections open now, in all and per uid.
#[derive(Default)]
pub struct Open(Mutex<(usize, HashMap<u32, usize>)>);

/// One admitted connection; dropping it frees its place.
pub struct Slot {
    shared: Arc<Shared>,
    pub peer: Peer,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.shared.open.0.lock().unwrap_or_else(|p| p.into_inner());
        open.0 = open.0.saturating_sub(1);
        if let Some(n) = open.1.get_mut(&self.peer.uid) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.1.remove(&self.peer.uid);
            }
        }
    }
}

/// Why a connection was not taken.
#[derive(Debug)]
pub enum NotAdmitted {
    NoCredentials(std::io::Error),
    Busy(Refusal),
}

impl std::fmt::Display for NotAdmitted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAdmitted::NoCredentials(e) => write!(f, "no peer credentials: {e}"),
            NotAdmitted::Busy(r) => write!(f, "turned away: {r:?}"),
        }
    }
}

/// A place for the connection `s`, or why there is none.
pub fn admit(shared: &Arc<Shared>, s: &UnixStream) -> Result<Slot, NotAdmitted> {
    let peer = super::peer::credentials(s).map_err(NotAdmitted::NoCredentials)?;
    let limits = &shared.limits;
    let mut open = shared.open.0.lock().unwrap_or_else(|p| p.into_inner());
    let busy = |limit: usize, per_user| {
        NotAdmitted::Busy(Refusal::Busy {
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
            per_user,
        })
    };
    if open.1.get(&peer.uid).copied().unwrap_or(0) >= limits.per_user {
        return Err(busy(limits.per_user, true));
    }
    if open.0 >= limits.connections {
        return Err(busy(limits.connections, false));
    }
    open.0 += 1;
    *open.1.entry(peer.uid).or_default() += 1;
    Ok(Slot {
        shared: shared.clone(),
        peer,
    })
}

/// Tells a desk turned away why, without waiting for it: the welcome goes out before its hello
/// is read, and a peer that does not read it is not waited for.
pub fn turn_away(s: &UnixStream, why: NotAdmitted) {
    if let NotAdmitted::Busy(r) = why
        && s.set_nonblocking(true).is_ok()
    {
        let _ = wire::write_frame(
            &mut &*s,
            &Welcome {
                hello: Hello::ours(),
                outcome: Err(r),
            },
        );
    }
}
