//! A real server on a temporary socket, with desks connecting as this test's own uid. Which
//! user each connection is comes from a queue the test fills before connecting: the server
//! still reads the uid from the socket, and the tests check it is ours.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::common::{World, complaint, reply_case};
use xinfang::desk::{ConnectError, Desk, RemoteDesk};
use xinfang::server::log::Log;
use xinfang::server::{Identify, Limits, Peer, Server, Stopper, Upkeep};
use xinfang::service::api::{CaseRef, Filter, Page, Queue};
use xinfang::service::{Change, Reply, Request, ServiceError};
use xinfang::wire::{self, Hello, Welcome};

/// Hands out the logins queued by the test, one per connection, and notes each peer.
#[derive(Clone, Default)]
pub struct Queued {
    pub next: Arc<Mutex<VecDeque<String>>>,
    pub peers: Arc<Mutex<Vec<Peer>>>,
}

impl Identify for Queued {
    fn login(&self, peer: &Peer) -> Option<String> {
        self.peers.lock().unwrap().push(*peer);
        self.next.lock().unwrap().pop_front()
    }
}

pub struct Rig {
    pub world: World,
    pub socket: PathBuf,
    pub who: Queued,
    pub stopper: Stopper,
    pub server: Option<JoinHandle<()>>,
    _sockets: tempfile::TempDir,
}

pub const WAIT: Duration = Duration::from_secs(10);

impl Rig {
    pub fn start() -> Rig {
        Rig::start_with(Limits::default(), Arc::new(Log::stderr_only(false)))
    }

    pub fn start_with(limits: Limits, log: Arc<Log>) -> Rig {
        let world = World::new();
        let sockets = tempfile::tempdir().unwrap();
        let socket = sockets.path().join("xf.sock");
        let who = Queued::default();
        let server = Server::bind(
            world.service.clone(),
            &socket,
            None,
            Box::new(who.clone()),
            log,
        )
        .unwrap()
        .limits(limits);
        let stopper = server.stopper();
        let handle = std::thread::spawn(move || {
            server.run(Upkeep {
                backups: None,
                at: chrono::NaiveTime::MIN,
                keep: 1,
                check: false,
            })
        });
        Rig {
            world,
            socket,
            who,
            stopper,
            server: Some(handle),
            _sockets: sockets,
        }
    }

    pub fn as_login(&self, login: &str) {
        self.who.next.lock().unwrap().push_back(login.to_string());
    }

    pub fn desk(&self, login: &str) -> RemoteDesk {
        self.try_desk(login).unwrap()
    }

    pub fn try_desk(&self, login: &str) -> Result<RemoteDesk, ConnectError> {
        self.as_login(login);
        let drafts = self._sockets.path().join(format!("drafts-{login}"));
        RemoteDesk::connect(&self.socket, &drafts)
    }

    /// A connection that has said hello as `login`, for sending frames by hand.
    pub fn raw(&self, login: &str) -> UnixStream {
        self.as_login(login);
        let s = UnixStream::connect(&self.socket).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        wire::write_frame(&mut &s, &Hello::ours()).unwrap();
        let w: Welcome = wire::read_frame(&mut &s).unwrap();
        assert!(w.outcome.is_ok(), "{:?}", w.outcome);
        s
    }

    pub fn stop(&mut self) {
        self.stopper.stop();
        if let Some(h) = self.server.take() {
            h.join().unwrap();
        }
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn number_of(r: Result<Reply, ServiceError>) -> String {
    reply_case(r).case.number.clone()
}

pub fn intake_request(subject: &str, phone: &str) -> Request {
    Request::Intake {
        intake: complaint(subject, phone),
        resolve: None,
        link_to: None,
        draft: None,
        reception: None,
    }
}

pub fn accept(number: &str, version: u64) -> Request {
    Request::Act {
        case: CaseRef::Number(number.into()),
        version,
        action: xinfang::domain::state::Action::Accept,
        detail: Default::default(),
    }
}

pub fn inbox(desk: &impl Desk, queue: Queue) -> Vec<String> {
    match desk.call(Request::Inbox {
        queue,
        filter: Filter::default(),
        page: Page {
            limit: 500,
            after: None,
        },
    }) {
        Ok(Reply::List(l)) => l.rows.into_iter().map(|r| r.number).collect(),
        other => panic!("{other:?}"),
    }
}

/// Changes received until (and including) one for `case`; fails after `WAIT`.
pub fn changes_until(rx: &Receiver<Change>, case: u64) -> Vec<Change> {
    let mut seen = Vec::new();
    loop {
        let c = rx
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no change for case {case}; saw {seen:?}"));
        let done = c.case == Some(case);
        seen.push(c);
        if done {
            return seen;
        }
    }
}
