//! One desk's connection: the hello at the door, then requests in order, each answered with
//! its id; the writer runs on its own thread so a desk that stops reading stalls nobody else.

use std::io::{BufReader, BufWriter};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use crate::service::{Actor, Request, RequestKey, ServiceError};
use crate::wire::{
    self, HEARTBEAT_SECS, Hello, MAX_FRAME, MAX_HELLO, PROTOCOL, Refusal, ToDesk, ToServer,
    Welcome, WireError,
};

use super::admit::Slot;
use super::deadline::Timed;
use super::{Out, Peer, Shared};

/// Messages waiting for one desk; a desk this far behind is closed rather than waited for.
pub const QUEUE: usize = 1024;
/// A write that cannot finish this soon closes the connection.
const WRITE_WITHIN: Duration = Duration::from_secs(10);

/// Requests read from a desk whose replies are not yet written to it, and their bytes (request
/// and reply): what a desk that sends without reading makes the server hold.
#[derive(Default)]
struct Owed {
    count: AtomicUsize,
    bytes: AtomicUsize,
}

impl Owed {
    fn paid(&self, bytes: usize) {
        self.count.fetch_sub(1, Ordering::SeqCst);
        self.bytes.fetch_sub(bytes, Ordering::SeqCst);
    }
}

pub fn serve(stream: UnixStream, id: u64, slot: Slot, shared: Arc<Shared>) {
    let accepted = Instant::now();
    let peer = slot.peer;
    let who = format!("#{id} uid {} pid {}", peer.uid, peer.pid);
    let Some((actor, tx, rx)) = door(&stream, accepted, &peer, &who, &shared) else {
        return;
    };
    let Ok(write_half) = stream.try_clone() else {
        shared
            .log
            .line(format!("{who}: cannot clone the socket; closed"));
        return;
    };
    let owed = Arc::new(Owed::default());
    let writer = {
        let owed = owed.clone();
        std::thread::spawn(move || write_loop(write_half, rx, &owed))
    };
    if let Ok(s) = stream.try_clone() {
        shared.conns.add(id, actor.user, tx.clone(), s);
    }
    // A stop that came while this desk was at the door missed it: it stops reading now.
    if shared.stopping.load(Ordering::SeqCst) {
        let _ = stream.shutdown(std::net::Shutdown::Read);
    }
    let reason = read_loop(&stream, actor, &tx, &owed, &shared);
    shared.conns.remove(id);
    shared.log.line(format!("{who}: {reason}"));
    drop(tx);
    // The writer ends once the queue is drained or the socket is gone.
    let _ = writer.join();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    drop(slot);
}

type Door = (Actor, SyncSender<Out>, Receiver<Out>);

/// Reads the desk's hello and answers it: in, or refused with the reason.
fn door(
    stream: &UnixStream,
    accepted: Instant,
    peer: &Peer,
    who: &str,
    shared: &Shared,
) -> Option<Door> {
    let _ = stream.set_write_timeout(Some(WRITE_WITHIN));
    // The whole hello by then, however it trickles in.
    let mut r = Timed::new(stream, accepted + shared.limits.hello_within);
    let hello = match wire::read_len(&mut r, MAX_HELLO)
        .and_then(|len| wire::read_rest(&mut r, len))
        .and_then(|b| wire::peek_hello(&b))
    {
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
                Ok(Some(u)) if u.active => Ok(u),
                Ok(Some(u)) => Err(Refusal::Disabled { login: u.login }),
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
            let build: String = hello.build.chars().take(40).collect();
            shared.log.line(format!(
                "{who}: {} ({}) connected, desk build {build} protocol {}",
                user.login, user.name, hello.protocol
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

/// How a desk's frame failed to arrive.
enum Ended {
    Wire(WireError),
    /// Nothing at all for three heartbeats.
    Silent,
    /// A frame begun and not finished in time.
    Slow,
}

/// The next frame from the desk and its size: its length within three heartbeats of asking, the
/// rest within `frame_within` of the length.
fn next_frame(
    r: &mut BufReader<Timed<'_>>,
    frame_within: Duration,
) -> Result<(ToServer, usize), Ended> {
    let timed_out = |e: &WireError| {
        matches!(e, WireError::Io(e) if matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ))
    };
    r.get_mut()
        .by(Instant::now() + Duration::from_secs(3 * HEARTBEAT_SECS));
    let len = wire::read_len(r, MAX_FRAME).map_err(|e| {
        if timed_out(&e) {
            Ended::Silent
        } else {
            Ended::Wire(e)
        }
    })?;
    r.get_mut().by(Instant::now() + frame_within);
    let body = wire::read_rest(r, len).map_err(|e| {
        if timed_out(&e) {
            Ended::Slow
        } else {
            Ended::Wire(e)
        }
    })?;
    Ok((wire::decode(&body).map_err(Ended::Wire)?, body.len()))
}

/// Reads frames until the desk goes, falls silent, sends garbage, sends more than it reads or
/// the server stops reading; returns why it ended. Requests are answered in order on their own
/// thread, so a long one (a check, a backup) never keeps a ping from its pong.
fn read_loop(
    stream: &UnixStream,
    actor: Actor,
    tx: &SyncSender<Out>,
    owed: &Arc<Owed>,
    shared: &Arc<Shared>,
) -> String {
    let limits = shared.limits.clone();
    type Call = (u64, Option<RequestKey>, Request, usize);
    let (calls, queue) = std::sync::mpsc::channel::<Call>();
    let worker = {
        let (tx, shared, owed) = (tx.clone(), shared.clone(), owed.clone());
        std::thread::spawn(move || {
            for (id, key, req, size) in queue {
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
                let cost = size + frame.len();
                owed.bytes.fetch_add(frame.len(), Ordering::SeqCst);
                if tx.send((Arc::new(frame), Some(cost))).is_err() {
                    return;
                }
            }
        })
    };
    let mut r = BufReader::new(Timed::new(stream, Instant::now()));
    let reason = loop {
        let (msg, size) = match next_frame(&mut r, limits.frame_within) {
            Ok(m) => m,
            Err(Ended::Wire(WireError::Closed)) if shared.stopping.load(Ordering::SeqCst) => {
                break "server stopping; closed".to_string();
            }
            Err(Ended::Wire(WireError::Closed)) => break "closed by the desk".into(),
            Err(Ended::Wire(e)) => break format!("{e}; closed"),
            Err(Ended::Silent) => break format!("silent for {} s; closed", 3 * HEARTBEAT_SECS),
            Err(Ended::Slow) => {
                break format!(
                    "a frame not complete within {} s; closed",
                    limits.frame_within.as_secs_f64()
                );
            }
        };
        let sent = match msg {
            ToServer::Ping => match wire::encode(&ToDesk::Pong) {
                Ok(f) => tx.send((Arc::new(f), None)).is_ok(),
                Err(_) => false,
            },
            ToServer::Call { id, key, req } => {
                let count = owed.count.fetch_add(1, Ordering::SeqCst) + 1;
                let bytes = owed.bytes.fetch_add(size, Ordering::SeqCst) + size;
                if count > limits.pending || bytes > limits.pending_bytes {
                    // Closed at once: its queued replies are not written out first.
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    break format!(
                        "{count} requests ({bytes} bytes) sent without reading the replies; closed"
                    );
                }
                calls.send((id, key, *req, size)).is_ok()
            }
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

fn write_loop(stream: UnixStream, rx: Receiver<Out>, owed: &Owed) {
    use std::io::Write;
    let mut w = BufWriter::new(&stream);
    for (frame, cost) in rx {
        let ok = w.write_all(&frame).and_then(|()| w.flush()).is_ok();
        if let Some(cost) = cost {
            owed.paid(cost);
        }
        if !ok {
            // Wakes the reader too: this desk is gone.
            let _ = stream.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}
