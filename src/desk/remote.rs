//! A desk whose service is a `xinfang serve` process on this machine, over its Unix socket.
//!
//! Calls carry ids, so replies and pushed changes share one connection. When the connection
//! is lost the desk says so, reconnects by itself with back-off, and sends again only what is
//! safe to send again: reads, and mutations that carry an idempotency key (the server makes
//! those once, whatever the number of tries). Drafts saved meanwhile are kept on this machine
//! and handed to the server when it is back.

use std::collections::HashMap;
use std::io::{BufReader, BufWriter};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::domain::role::User;
use crate::service::api::RequestKind;
use crate::service::{Actor, Change, Reply, Request, RequestKey, ServiceError};
use crate::wire::{self, HEARTBEAT_SECS, Hello, PROTOCOL, Refusal, ToDesk, ToServer, Welcome};

use super::{Desk, Distrust, Link, LocalDrafts};

/// How long a call that was cut off waits for the connection to return before giving up.
const RESEND_WITHIN: Duration = Duration::from_secs(15);
/// How long a call made while the connection is down waits for it.
const WAIT_WHEN_DOWN: Duration = Duration::from_millis(1500);
/// Waits between reconnection attempts, then the last one over and over.
const BACKOFF_MS: [u64; 7] = [100, 250, 500, 1000, 2000, 4000, 8000];

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot reach the server at {path}: {error}")]
    Unreachable { path: String, error: std::io::Error },
    #[error("the server refused: {0:?}")]
    Refused(Refusal),
    #[error("the server speaks protocol {} (build {}); this desk speaks {} (build {})", .theirs.protocol, .theirs.build, PROTOCOL, crate::wire::BUILD)]
    Protocol { theirs: Hello },
    #[error("the server's answer makes no sense: {0}")]
    Wire(#[from] wire::WireError),
    /// Whatever listens on the path may not be the server; nothing was sent to it.
    #[error("not talking to {path}: {why}")]
    Untrusted { path: String, why: Distrust },
}

/// Connects and says hello; the user the server knows us as, or why not. Nothing is sent
/// before the path and the listener's uid are found to be the server's (see `trust`).
fn open_line(path: &Path, server_uid: Option<u32>) -> Result<(UnixStream, User), ConnectError> {
    let untrusted = |why| ConnectError::Untrusted {
        path: path.display().to_string(),
        why,
    };
    let unreachable = |error| ConnectError::Unreachable {
        path: path.display().to_string(),
        error,
    };
    let expected = super::trust::check_path(path, server_uid).map_err(untrusted)?;
    let stream = UnixStream::connect(path).map_err(unreachable)?;
    // No socket was there when looked at: one made since is checked as well.
    let expected = match expected {
        Some(uid) => uid,
        None => super::trust::check_path(path, server_uid)
            .map_err(untrusted)?
            .unwrap_or(u32::MAX),
    };
    super::trust::check_peer(&stream, expected).map_err(untrusted)?;
    let wait = Some(Duration::from_secs(3 * HEARTBEAT_SECS));
    let _ = stream.set_read_timeout(wait);
    let _ = stream.set_write_timeout(wait);
    // A server that turns us away answers without reading our hello, and may have closed
    // before it is written: its answer is read all the same.
    let said = wire::write_frame(&mut &stream, &Hello::ours());
    let body = match (wire::read_body(&mut &stream), said) {
        (Ok(b), _) => b,
        // A server that went away (killed, restarting) is unreachable, not talking nonsense.
        (Err(wire::WireError::Closed), _) => {
            return Err(unreachable(std::io::ErrorKind::ConnectionAborted.into()));
        }
        (Err(wire::WireError::Io(e)), _) | (Err(_), Err(wire::WireError::Io(e))) => {
            return Err(unreachable(e));
        }
        (Err(e), _) => return Err(e.into()),
    };
    let theirs = wire::peek_hello(&body)?;
    if theirs.protocol != PROTOCOL {
        return Err(ConnectError::Protocol { theirs });
    }
    let welcome: Welcome = wire::decode(&body)?;
    match welcome.outcome {
        Ok(user) => Ok((stream, user)),
        Err(Refusal::Protocol { server }) => Err(ConnectError::Protocol { theirs: server }),
        Err(r) => Err(ConnectError::Refused(r)),
    }
}

/// The connection in use, if any; `generation` tells a stale one from its successor.
struct Line {
    stream: Option<Arc<Mutex<BufWriter<UnixStream>>>>,
    raw: Option<UnixStream>,
    generation: u64,
}

type Pending = HashMap<u64, Sender<Result<Reply, ServiceError>>>;

struct Inner {
    path: PathBuf,
    /// The uid the server must run as; `None`: the socket's owner.
    server_uid: Option<u32>,
    user: User,
    line: Mutex<Line>,
    up: Condvar,
    pending: Mutex<Pending>,
    next_id: AtomicU64,
    changes: Mutex<Vec<Sender<Change>>>,
    links: Mutex<Vec<Sender<Link>>>,
    drafts: LocalDrafts,
    /// Held by everything that writes a draft — a save, an intake that deletes its draft, the
    /// hand-over after a reconnect — so a draft handed over never overwrites a newer one or
    /// brings back a call just registered.
    drafting: Mutex<()>,
    closed: AtomicBool,
    /// Tells the keeper thread that the connection was lost (or the desk closed).
    wake: Mutex<Sender<()>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub struct RemoteDesk {
    inner: Arc<Inner>,
}

impl RemoteDesk {
    /// Connects to the server at `path`; drafts typed while it is unreachable are kept in
    /// `drafts`. Fails, with the reason, if the server cannot be reached now.
    pub fn connect(path: &Path, drafts: &Path) -> Result<RemoteDesk, ConnectError> {
        RemoteDesk::connect_to(path, drafts, None)
    }

    /// As `connect`, to a server that must run as `server_uid` (else as the socket's owner),
    /// at this connection and every reconnection.
    pub fn connect_to(
        path: &Path,
        drafts: &Path,
        server_uid: Option<u32>,
    ) -> Result<RemoteDesk, ConnectError> {
        let (stream, user) = open_line(path, server_uid)?;
        let (wake, lost) = channel();
        let inner = Arc::new(Inner {
            path: path.to_path_buf(),
            server_uid,
            user,
            line: Mutex::new(Line {
                stream: None,
                raw: None,
                generation: 0,
            }),
            up: Condvar::new(),
            pending: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            changes: Mutex::new(Vec::new()),
            links: Mutex::new(Vec::new()),
            drafts: LocalDrafts::new(drafts),
            drafting: Mutex::new(()),
            closed: AtomicBool::new(false),
            wake: Mutex::new(wake),
        });
        install(&inner, stream);
        spawn_pinger(Arc::downgrade(&inner));
        spawn_keeper(inner.clone(), lost);
        Ok(RemoteDesk { inner })
    }

    /// The user the server knows this desk as.
    pub fn user(&self) -> &User {
        &self.inner.user
    }

    /// Sends `req` with an idempotency key the caller chose: a caller that retries a
    /// mutation after an error sends the same key, and the server makes it once.
    pub fn call_with_key(
        &self,
        req: Request,
        key: Option<RequestKey>,
    ) -> Result<Reply, ServiceError> {
        let resend = key.is_some() || req.kind() == RequestKind::Read;
        let _drafting = matches!(req, Request::Intake { draft: Some(_), .. })
            .then(|| lock(&self.inner.drafting));
        let reply = self.inner.send(&req, key, resend);
        if let (
            Request::Intake {
                draft: Some(name), ..
            },
            Ok(_),
        ) = (&req, &reply)
        {
            self.inner.drafts.remove(name);
        }
        reply
    }

    fn save_draft(&self, name: &str, body: &str) -> Result<Reply, ServiceError> {
        let _drafting = lock(&self.inner.drafting);
        let req = Request::SaveDraft {
            name: name.to_string(),
            body: body.to_string(),
        };
        match self.inner.send(&req, None, false) {
            Ok(r) => {
                self.inner.drafts.remove(name);
                Ok(r)
            }
            Err(e) => {
                // Kept here until the server can take it: a draft is never lost.
                if let Err(io) = self.inner.drafts.save(name, body) {
                    return Err(ServiceError::Store(crate::store::StoreError::Io {
                        path: name.to_string(),
                        message: io.to_string(),
                    }));
                }
                match e {
                    ServiceError::Disconnected => Ok(Reply::Done),
                    other => Err(other),
                }
            }
        }
    }

    /// The server's drafts with those kept here (newer) laid over them.
    fn drafts(&self) -> Result<Reply, ServiceError> {
        let mut all: Vec<(String, String)> = match self.inner.send(&Request::Drafts, None, true) {
            Ok(Reply::Drafts(d)) => d,
            Ok(other) => return Ok(other),
            Err(ServiceError::Disconnected) => Vec::new(),
            Err(e) => return Err(e),
        };
        for (name, body) in self.inner.drafts.all() {
            match all.iter_mut().find(|(n, _)| *n == name) {
                Some(d) => d.1 = body,
                None => all.push((name, body)),
            }
        }
        Ok(Reply::Drafts(all))
    }
}

impl Drop for RemoteDesk {
    fn drop(&mut self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        let line = lock(&self.inner.line);
        if let Some(raw) = &line.raw {
            let _ = raw.shutdown(std::net::Shutdown::Both);
        }
        drop(line);
        self.inner.up.notify_all();
        let _ = lock(&self.inner.wake).send(());
    }
}

fn digest(parts: &[&[u8]]) -> RequestKey {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    let mut key = [0u8; 16];
    key.copy_from_slice(&h.finalize()[..16]);
    key
}

/// The key a mutation is sent with. An intake's comes from its form's draft name, so a form
/// sent twice (a retry after a lost reply, or F2 pressed again) registers one case.
fn key_for(req: &Request) -> Option<RequestKey> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    if req.kind() != RequestKind::Keyed {
        return None;
    }
    if let Request::Intake {
        draft: Some(name), ..
    } = req
    {
        return Some(digest(&[b"intake", name.as_bytes()]));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    Some(digest(&[
        &std::process::id().to_be_bytes(),
        &now.to_be_bytes(),
        &COUNT.fetch_add(1, Ordering::Relaxed).to_be_bytes(),
    ]))
}

impl Desk for RemoteDesk {
    fn call(&self, req: Request) -> Result<Reply, ServiceError> {
        match req {
            Request::SaveDraft { name, body } => self.save_draft(&name, &body),
            Request::Drafts => self.drafts(),
            req => {
                let key = key_for(&req);
                self.call_with_key(req, key)
            }
        }
    }

    fn call_keyed(&self, req: Request, key: Option<RequestKey>) -> Result<Reply, ServiceError> {
        self.call_with_key(req, key)
    }

    fn changes(&self) -> Receiver<Change> {
        let (tx, rx) = channel();
        lock(&self.inner.changes).push(tx);
        rx
    }

    fn actor(&self) -> Actor {
        Actor {
            user: self.inner.user.id,
            via: None,
        }
    }

    fn links(&self) -> Option<Receiver<Link>> {
        let (tx, rx) = channel();
        lock(&self.inner.links).push(tx);
        Some(rx)
    }
}

impl Inner {
    /// The connection to write to, waiting until `deadline` for one.
    fn wait_up(&self, deadline: Instant) -> Option<(u64, Arc<Mutex<BufWriter<UnixStream>>>)> {
        let mut line = lock(&self.line);
        loop {
            if self.closed.load(Ordering::SeqCst) {
                return None;
            }
            if let Some(s) = &line.stream {
                return Some((line.generation, s.clone()));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            line = self
                .up
                .wait_timeout(line, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Marks connection `generation` as gone (once), fails the calls waiting on it and sets
    /// the keeper reconnecting. Whoever notices first — the reader, a call, the pinger — does it.
    fn lost(&self, generation: u64) {
        let mut line = lock(&self.line);
        if line.generation != generation || line.stream.is_none() {
            return;
        }
        line.stream = None;
        if let Some(raw) = line.raw.take() {
            let _ = raw.shutdown(std::net::Shutdown::Both);
        }
        drop(line);
        // Dropping the senders wakes every waiting call, which then decides to send again.
        lock(&self.pending).clear();
        let _ = lock(&self.wake).send(());
    }

    fn send(
        &self,
        req: &Request,
        key: Option<RequestKey>,
        resend: bool,
    ) -> Result<Reply, ServiceError> {
        let down = lock(&self.line).stream.is_none();
        let mut deadline = Instant::now() + if down { WAIT_WHEN_DOWN } else { RESEND_WITHIN };
        loop {
            let (generation, stream) = self.wait_up(deadline).ok_or(ServiceError::Disconnected)?;
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let (tx, rx) = channel();
            lock(&self.pending).insert(id, tx);
            let msg = ToServer::Call {
                id,
                key,
                req: Box::new(req.clone()),
            };
            let sent = wire::write_frame(&mut *lock(&stream), &msg);
            if sent.is_ok()
                && let Ok(reply) = rx.recv()
            {
                return reply;
            }
            lock(&self.pending).remove(&id);
            self.lost(generation);
            if !resend {
                return Err(ServiceError::Disconnected);
            }
            deadline = Instant::now() + RESEND_WITHIN;
        }
    }

    fn tell(&self, link: Link) {
        lock(&self.links).retain(|t| t.send(link.clone()).is_ok());
    }
}

/// Makes `stream` the connection and starts reading from it.
fn install(inner: &Arc<Inner>, stream: UnixStream) {
    let Ok(write) = stream.try_clone() else {
        let _ = stream.shutdown(std::net::Shutdown::Both);
        return;
    };
    let Ok(raw) = stream.try_clone() else {
        return;
    };
    let generation = {
        let mut line = lock(&inner.line);
        line.generation += 1;
        line.stream = Some(Arc::new(Mutex::new(BufWriter::new(write))));
        line.raw = Some(raw);
        line.generation
    };
    inner.up.notify_all();
    let inner = inner.clone();
    std::thread::spawn(move || read_loop(inner, stream, generation));
}

fn read_loop(inner: Arc<Inner>, stream: UnixStream, generation: u64) {
    let mut r = BufReader::new(&stream);
    loop {
        match wire::read_frame::<ToDesk>(&mut r) {
            Ok(ToDesk::Reply { id, result }) => {
                if let Some(tx) = lock(&inner.pending).remove(&id) {
                    let _ = tx.send(result);
                }
            }
            Ok(ToDesk::Change(c)) => {
                lock(&inner.changes).retain(|t| t.send(c.clone()).is_ok());
            }
            Ok(ToDesk::Pong) => {}
            Err(_) => break,
        }
    }
    inner.lost(generation);
}

/// Reconnects each time the connection is lost, until the desk closes.
fn spawn_keeper(inner: Arc<Inner>, lost: Receiver<()>) {
    std::thread::spawn(move || {
        while lost.recv().is_ok() {
            if inner.closed.load(Ordering::SeqCst) {
                return;
            }
            reconnect(&inner);
        }
    });
}

/// Tries again and again, waiting longer each time, until the server answers or the desk
/// closes. A spread by process id keeps a hundred desks from knocking at once.
fn reconnect(inner: &Arc<Inner>) {
    let spread = u64::from(std::process::id() % 97);
    for attempt in 1u32.. {
        let wait = BACKOFF_MS[(attempt as usize - 1).min(BACKOFF_MS.len() - 1)];
        let wait = Duration::from_millis(wait + wait * spread / 400);
        let refused = match open_line(&inner.path, inner.server_uid) {
            Ok(_) if inner.closed.load(Ordering::SeqCst) => return,
            Ok((stream, user)) if user.id == inner.user.id => {
                install(inner, stream);
                hand_over_drafts(inner);
                inner.tell(Link::Up);
                return;
            }
            Ok((_, user)) => Some(Refusal::UnknownLogin {
                login: user.login,
                uid: crate::os_user::my_uid(),
            }),
            Err(ConnectError::Refused(r)) => Some(r),
            Err(ConnectError::Protocol { theirs }) => Some(Refusal::Protocol { server: theirs }),
            Err(_) => None,
        };
        inner.tell(Link::Down { attempt, refused });
        std::thread::sleep(wait);
        if inner.closed.load(Ordering::SeqCst) {
            return;
        }
    }
}

/// Drafts kept here while the server was away go to it now; each is removed here once the
/// server has it.
fn hand_over_drafts(inner: &Inner) {
    for name in inner.drafts.names() {
        let _drafting = lock(&inner.drafting);
        // Read again under the lock: a save or an intake may have come first.
        let Some(body) = inner.drafts.get(&name) else {
            continue;
        };
        let req = Request::SaveDraft {
            name: name.clone(),
            body,
        };
        if inner.send(&req, None, false).is_ok() {
            inner.drafts.remove(&name);
        }
    }
}

/// A ping when nothing else is said, so that a dead server is noticed by the read timeout
/// and a live one does not close a quiet desk.
fn spawn_pinger(inner: Weak<Inner>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(HEARTBEAT_SECS));
            let Some(inner) = inner.upgrade() else {
                return;
            };
            if inner.closed.load(Ordering::SeqCst) {
                return;
            }
            let line = lock(&inner.line);
            if let Some(s) = line.stream.clone() {
                let generation = line.generation;
                drop(line);
                if wire::write_frame(&mut *lock(&s), &ToServer::Ping).is_err() {
                    inner.lost(generation);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_sent_again_and_keyed_changes_carry_a_key() {
        for (req, resend, keyed) in crate::service::api::tests::one_of_each() {
            assert_eq!(req.kind() == RequestKind::Read, resend, "{req:?}");
            assert_eq!(key_for(&req).is_some(), keyed, "{req:?}");
        }
    }

    #[test]
    fn an_intake_from_a_form_is_keyed_by_the_forms_draft() {
        let form = |draft: &str| Request::Intake {
            intake: crate::domain::case::Intake::new(
                crate::domain::case::Channel::Phone,
                crate::domain::case::Kind::Complaint,
                Default::default(),
                "主题",
                "内容",
            ),
            resolve: None,
            link_to: None,
            draft: Some(draft.into()),
            reception: None,
        };
        assert_eq!(key_for(&form("a")), key_for(&form("a")));
        assert_ne!(key_for(&form("a")), key_for(&form("b")));
    }
}
