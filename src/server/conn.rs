//! One desk's connection: the hello at the door, then requests in order, each answered with
//! its id; the writer runs on its own thread so a desk that stops reading stalls nobody else.

use std::io::{BufReader, BufWriter};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

use crate::service::{Actor, Request, RequestKey, ServiceError};
use crate::wire::{
    self, HEARTBEAT_SECS, Hello, PROTOCOL, Refusal, ToDesk, ToServer, Welcome, WireError,
};

use super::{Frame, Peer, Shared};

/// Messages waiting for one desk; a desk this far behind is closed rather than waited for.
pub const QUEUE: usize = 1024;
/// A desk must say hello this soon after connecting.
const HELLO_WITHIN: Duration = Duration::from_secs(5);
/// A write that cannot finish this soon closes the connection.
const WRITE_WITHIN: Duration = Duration::from_secs(10);

pub fn serve(stream: UnixStream, id: u64, shared: Arc<Shared>) {
    let peer = match super::peer::credentials(&stream) {
        Ok(p) => p,
        Err(e) => {
            shared
                .log
                .line(format!("#{id} no peer credentials: {e}; closed"));
            return;
        }
    };
    let who = format!("#{id} uid {} pid {}", peer.uid, peer.pid);
    let Some((actor, tx, rx)) = door(&stream, &peer, &who, &shared) else {
        return;
    };
    let Ok(write_half) = stream.try_clone() else {
        shared
            .log
            .line(format!("{who}: cannot clone the socket; closed"));
        return;
    };
    let writer = std::thread::spawn(move || write_loop(write_half, rx));
    if let Ok(s) = stream.try_clone() {
        shared.conns.add(id, actor.user, tx.clone(), s);
    }
    // A stop that came while this desk was at the door missed it: it stops reading now.
    if shared.stopping.load(Ordering::SeqCst) {
        let _ = stream.shutdown(std::net::Shutdown::Read);
    }
    let reason = read_loop(&stream, actor, &tx, &shared);
    shared.conns.remove(id);
    shared.log.line(format!("{who}: {reason}"));
    drop(tx);
    // The writer ends once the queue is drained or the socket is gone.
    let _ = writer.join();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

type Door = (Actor, SyncSender<Frame>, Receiver<Frame>);

/// Reads the desk's hello and answers it: in, or refused with the reason.
fn door(stream: &UnixStream, peer: &Peer, who: &str, shared: &Shared) -> Option<Door> {
    let _ = stream.set_read_timeout(Some(HELLO_WITHIN));
    let _ = stream.set_write_timeout(Some(WRITE_WITHIN));
    let mut r = stream;
    let hello = match wire::read_body(&mut r).and_then(|b| wire::peek_hello(&b)) {
        Ok(h) => h,
        Err(e) => {
            shared.log.line(format!("{who}: no hello ({e}); closed"));
            return None;
        }
    };
    let outcome = if hello.protocol != PROTOCOL {
        Err(Refusal::Protocol {
            server: Hello::ours(),
        })
    } else if shared.stopping.load(Ordering::SeqCst) {
        Err(Refusal::ShuttingDown)
    } else {
        match shared.identify.login(peer) {
            None => Err(Refusal::NoLogin { uid: peer.uid }),
            Some(login) => match shared.service.known_user(&login) {
                Ok(Some(u)) => Ok(u),
                Ok(None) => Err(Refusal::UnknownLogin {
                    login,
                    uid: peer.uid,
                }),
                Err(e) => {
                    shared.log.line(format!("{who}: looking up {login}: {e}"));
                    Err(Refusal::ShuttingDown)
                }
            },
        }
    };
    let welcome = Welcome {
        hello: Hello::ours(),
        outcome: outcome.clone(),
    };
    let mut w = stream;
    if let Err(e) = wire::write_frame(&mut w, &welcome) {
        shared.log.line(format!("{who}: writing the welcome: {e}"));
        return None;
    }
    match outcome {
        Ok(user) => {
            shared.log.line(format!(
                "{who}: {} ({}) connected, desk build {} protocol {}",
                user.login, user.name, hello.build, hello.protocol
            ));
            let (tx, rx) = sync_channel(QUEUE);
            Some((
                Actor {
                    user: user.id,
                    via: None,
                },
                tx,
                rx,
            ))
        }
        Err(r) => {
            shared.log.line(format!("{who}: refused: {r:?}"));
            None
        }
    }
}

/// Reads frames until the desk goes, falls silent, sends garbage or the server stops reading;
/// returns why it ended. Requests are answered in order on their own thread, so a long one
/// (a check, a backup) never keeps a ping from its pong.
fn read_loop(
    stream: &UnixStream,
    actor: Actor,
    tx: &SyncSender<Frame>,
    shared: &Arc<Shared>,
) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3 * HEARTBEAT_SECS)));
    let (calls, queue) = std::sync::mpsc::channel::<(u64, Option<RequestKey>, Request)>();
    let worker = {
        let (tx, shared) = (tx.clone(), shared.clone());
        std::thread::spawn(move || {
            for (id, key, req) in queue {
                // Stopping: the request in flight was finished; queued ones are left for the
                // desk to send again to the next server (reads and keyed changes are).
                if shared.stopping.load(Ordering::SeqCst) {
                    return;
                }
                // A bug in one request must not take the server down with every other desk.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    shared.service.call_keyed(actor, key, req)
                }))
                .unwrap_or_else(|_| {
                    shared
                        .log
                        .line(format!("request {id} of user {} panicked", actor.user));
                    Err(ServiceError::Internal)
                });
                let frame = wire::encode(&ToDesk::Reply { id, result }).or_else(|e| {
                    // Too big to send: the desk is told so instead of waiting for it.
                    shared
                        .log
                        .line(format!("reply {id} of user {}: {e}", actor.user));
                    wire::encode(&ToDesk::Reply {
                        id,
                        result: Err(ServiceError::TooLarge {
                            max: u64::from(wire::MAX_FRAME),
                        }),
                    })
                });
                let Ok(frame) = frame else {
                    return;
                };
                if tx.send(Arc::new(frame)).is_err() {
                    return;
                }
            }
        })
    };
    let mut r = BufReader::new(stream);
    let reason = loop {
        let msg = match wire::read_frame::<ToServer>(&mut r) {
            Ok(m) => m,
            Err(WireError::Closed) if shared.stopping.load(Ordering::SeqCst) => {
                break "server stopping; closed".to_string();
            }
            Err(WireError::Closed) => break "closed by the desk".into(),
            Err(WireError::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break format!("silent for {} s; closed", 3 * HEARTBEAT_SECS);
            }
            Err(e) => break format!("{e}; closed"),
        };
        let sent = match msg {
            ToServer::Ping => match wire::encode(&ToDesk::Pong) {
                Ok(f) => tx.send(Arc::new(f)).is_ok(),
                Err(_) => false,
            },
            ToServer::Call { id, key, req } => calls.send((id, key, *req)).is_ok(),
        };
        if !sent {
            break "the desk stopped reading; closed".into();
        }
    };
    drop(calls);
    // The request in flight, and any the desk queued before the end, are finished.
    let _ = worker.join();
    reason
}

fn write_loop(stream: UnixStream, rx: Receiver<Frame>) {
    use std::io::Write;
    let mut w = BufWriter::new(&stream);
    for frame in rx {
        if w.write_all(&frame).and_then(|()| w.flush()).is_err() {
            // Wakes the reader too: this desk is gone.
            let _ = stream.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}
