//! `xinfang serve`: one process owns the store and every desk on the machine connects to it
//! over a Unix socket. Who is asking comes from the socket's peer credentials, never from the
//! request.

mod admit;
mod conn;
mod deadline;
mod fanout;
pub mod log;
pub(crate) mod peer;
pub mod socket;
pub mod upkeep;

use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::service::Service;

pub use admit::Limits;
use fanout::Conns;
use log::Log;
pub use socket::SocketError;
pub use upkeep::Upkeep;

/// An encoded frame on its way to a desk; a change's is shared by every desk it reaches.
type Frame = Arc<Vec<u8>>;

/// A frame for a desk and, for a reply, the bytes its writing frees (see `conn::Owed`).
type Out = (Frame, Option<usize>);

/// The process at the other end of a connection, as the kernel reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    pub pid: i32,
}

/// Turns a peer into the OS login its user record is filed under.
pub trait Identify: Send + Sync {
    fn login(&self, peer: &Peer) -> Option<String>;
}

/// The password file and whatever else the C library asks (LDAP on many shared servers).
pub struct Passwd;

impl Identify for Passwd {
    fn login(&self, peer: &Peer) -> Option<String> {
        crate::os_user::login_of(peer.uid)
    }
}

/// What every connection's threads share.
pub struct Shared {
    service: Arc<Service>,
    identify: Box<dyn Identify>,
    log: Arc<Log>,
    conns: Conns,
    stopping: AtomicBool,
    limits: Limits,
    open: admit::Open,
}

pub struct Server {
    shared: Arc<Shared>,
    listener: UnixListener,
    path: PathBuf,
}

/// Stops a running server from another thread (a signal, a test).
#[derive(Clone)]
pub struct Stopper {
    shared: Arc<Shared>,
    path: PathBuf,
}

impl Stopper {
    /// Refuses new desks, lets each connected one finish the request it is on, then ends
    /// `Server::run`.
    pub fn stop(&self) {
        if self.shared.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        self.shared.log.line("stopping");
        // Wakes the accept loop, which then sees the flag.
        let _ = UnixStream::connect(&self.path);
        self.shared.conns.stop_reading();
    }
}

impl Server {
    /// Listens on `path` for desks of `service`'s store.
    pub fn bind(
        service: Arc<Service>,
        path: &Path,
        group: Option<&str>,
        identify: Box<dyn Identify>,
        log: Arc<Log>,
    ) -> Result<Server, SocketError> {
        let listener = socket::bind(path, group)?;
        Ok(Server {
            shared: Arc::new(Shared {
                service,
                identify,
                log,
                conns: Conns::default(),
                stopping: AtomicBool::new(false),
                limits: Limits::default(),
                open: admit::Open::default(),
            }),
            listener,
            path: path.to_path_buf(),
        })
    }

    /// The same server with other limits (deadlines, connections, queued requests).
    pub fn limits(mut self, limits: Limits) -> Server {
        if let Some(shared) = Arc::get_mut(&mut self.shared) {
            shared.limits = limits;
        }
        self
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            shared: self.shared.clone(),
            path: self.path.clone(),
        }
    }

    /// Serves until stopped, then waits for every connection to finish and removes the
    /// socket.
    pub fn run(self, upkeep: Upkeep) {
        let shared = self.shared.clone();
        shared.service.backups_by_name_in(upkeep.backups.clone());
        let log = shared.log.clone();
        log.line(format!(
            "listening on {} (protocol {}, build {})",
            self.path.display(),
            crate::wire::PROTOCOL,
            crate::wire::BUILD
        ));
        let fan = {
            let shared = shared.clone();
            let changes = shared.service.subscribe();
            std::thread::spawn(move || {
                loop {
                    match changes.recv_timeout(Duration::from_millis(200)) {
                        Ok(c) => shared.conns.push(&shared.service, &c, &shared.log),
                        Err(RecvTimeoutError::Timeout)
                            if shared.stopping.load(Ordering::SeqCst) =>
                        {
                            return;
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })
        };
        let keeper = {
            let shared = shared.clone();
            std::thread::spawn(move || upkeep::run(upkeep, shared))
        };
        let mut conns: Vec<JoinHandle<()>> = Vec::new();
        let mut next = 0u64;
        let accept_failed = log::Every::new(Duration::from_secs(10));
        let turned_away = log::Every::new(Duration::from_secs(10));
        let mut backoff = Duration::ZERO;
        for stream in self.listener.incoming() {
            if shared.stopping.load(Ordering::SeqCst) {
                break;
            }
            match stream {
                Ok(s) => {
                    backoff = Duration::ZERO;
                    next += 1;
                    let id = next;
                    match admit::admit(&shared, &s) {
                        Ok(slot) => {
                            let shared = shared.clone();
                            conns.retain(|h| !h.is_finished());
                            conns
                                .push(std::thread::spawn(move || conn::serve(s, id, slot, shared)));
                        }
                        Err(why) => {
                            turned_away.line(&log, format!("#{id}: {why}; closed"));
                            admit::turn_away(&s, why);
                        }
                    }
                }
                Err(e) => {
                    accept_failed.line(&log, format!("accept: {e}"));
                    // Out of descriptors (or memory): trying again at once only spins. A
                    // connection that ends frees one; wait a little longer each time till then.
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
                    ) {
                        backoff =
                            (backoff * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                        std::thread::sleep(backoff);
                    }
                }
            }
        }
        shared.conns.stop_reading();
        for h in conns {
            let _ = h.join();
        }
        let _ = fan.join();
        let _ = keeper.join();
        let _ = std::fs::remove_file(&self.path);
        log.line("stopped");
    }
}
