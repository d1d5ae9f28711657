//! What one local account can make the server hold: connections before their hello, frames
//! trickled in, requests sent without reading the replies, and lines forged into its log.

mod common;
#[path = "server/rig.rs"]
mod rig;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rig::{Rig, WAIT};
use xinfang::desk::{ConnectError, Desk};
use xinfang::server::Limits;
use xinfang::server::log::Log;
use xinfang::service::Request;
use xinfang::wire::{self, Hello, Refusal, ToDesk, ToServer, Welcome};

/// Reads until the server closes `s`; whether it did within `WAIT`.
fn closed_within_wait(s: &UnixStream) -> bool {
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match (&*s).read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return e.kind() == std::io::ErrorKind::ConnectionReset,
        }
    }
}

/// A connection that sent `first` and then sends `each` every 100 ms until the server hangs up
/// or the test is done with it.
struct Trickle {
    s: UnixStream,
    done: Arc<AtomicBool>,
    feeder: Option<std::thread::JoinHandle<()>>,
}

impl Trickle {
    fn start(s: UnixStream, first: &[u8], each: &'static [u8]) -> Trickle {
        (&s).write_all(first).unwrap();
        let w = s.try_clone().unwrap();
        let done = Arc::new(AtomicBool::new(false));
        let stop = done.clone();
        let feeder = std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) && (&w).write_all(each).is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Trickle {
            s,
            done,
            feeder: Some(feeder),
        }
    }

    /// Whether the server closed it within `WAIT`.
    fn closed(mut self) -> bool {
        let closed = closed_within_wait(&self.s);
        self.done.store(true, Ordering::SeqCst);
        if let Some(f) = self.feeder.take() {
            f.join().unwrap();
        }
        closed
    }
}

/// Announces `announced` bytes of hello, then trickles them one by one.
fn trickle(rig: &Rig, announced: u32) -> Trickle {
    let s = UnixStream::connect(&rig.socket).unwrap();
    Trickle::start(s, &announced.to_be_bytes(), &[0])
}

#[test]
fn a_hello_that_trickles_in_is_cut_off_by_its_deadline_and_a_big_one_at_once() {
    let rig = Rig::start_with(
        Limits {
            hello_within: Duration::from_secs(1),
            ..Limits::default()
        },
        Arc::new(Log::stderr_only(false)),
    );
    // A hello of 8 MiB was read for as long as each byte came within 5 s of the last.
    assert!(
        trickle(&rig, 8 * 1024 * 1024).closed(),
        "an 8 MiB hello was read"
    );
    // One within the size limit is cut off when its deadline passes, not kept by the trickle.
    let started = Instant::now();
    assert!(trickle(&rig, 1000).closed(), "a trickling hello was kept");
    assert!(started.elapsed() >= Duration::from_millis(900));
    // The door still opens for a desk that says hello.
    rig.desk("op");
}

#[test]
fn a_request_frame_that_trickles_in_is_cut_off_by_its_deadline() {
    let rig = Rig::start_with(
        Limits {
            frame_within: Duration::from_secs(1),
            ..Limits::default()
        },
        Arc::new(Log::stderr_only(false)),
    );
    let s = rig.raw("op");
    let t = Trickle::start(s, &1_000_000u32.to_be_bytes(), &[0; 16]);
    assert!(t.closed(), "a trickling request frame was kept");
}

fn busy(r: Result<xinfang::desk::RemoteDesk, ConnectError>) -> Refusal {
    match r {
        Err(ConnectError::Refused(r @ Refusal::Busy { .. })) => r,
        Err(e) => panic!("expected a refusal, got {e}"),
        Ok(_) => panic!("expected a refusal, got a desk"),
    }
}

#[test]
fn a_connection_past_one_users_limit_or_the_servers_is_refused_with_why() {
    let limits = Limits {
        per_user: 3,
        hello_within: Duration::from_secs(120),
        ..Limits::default()
    };
    let rig = Rig::start_with(limits.clone(), Arc::new(Log::stderr_only(false)));
    // Three connections that never say hello hold this uid's three places.
    let mut held: Vec<UnixStream> = (0..3)
        .map(|_| UnixStream::connect(&rig.socket).unwrap())
        .collect();
    assert_eq!(
        busy(rig.try_desk("op")),
        Refusal::Busy {
            limit: 3,
            per_user: true
        }
    );
    // A place frees when one of them goes.
    drop(held.pop());
    let deadline = Instant::now() + WAIT;
    let desk = loop {
        match rig.try_desk("op") {
            Ok(d) => break d,
            Err(ConnectError::Refused(Refusal::Busy { .. })) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert!(desk.call(Request::WhoAmI).is_ok());
    drop(held);

    let rig = Rig::start_with(
        Limits {
            connections: 2,
            ..limits
        },
        Arc::new(Log::stderr_only(false)),
    );
    let _held: Vec<UnixStream> = (0..2)
        .map(|_| UnixStream::connect(&rig.socket).unwrap())
        .collect();
    assert_eq!(
        busy(rig.try_desk("op")),
        Refusal::Busy {
            limit: 2,
            per_user: false
        }
    );
    let text = xinfang::lang::Lang::Zh
        .words()
        .connect_error(&ConnectError::Refused(Refusal::Busy {
            limit: 3,
            per_user: true,
        }));
    assert!(text.contains("3 个连接"), "{text}");
}

#[test]
fn a_desk_that_sends_requests_without_reading_replies_is_closed() {
    let rig = Rig::start_with(
        Limits {
            pending: 8,
            ..Limits::default()
        },
        Arc::new(Log::stderr_only(false)),
    );
    let s = rig.raw("op");
    const SENT: u64 = 20_000;
    let w = s.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        for id in 1..=SENT {
            let call = ToServer::Call {
                id,
                key: None,
                req: Box::new(Request::WhoAmI),
            };
            if wire::write_frame(&mut &w, &call).is_err() {
                return;
            }
        }
    });
    sender.join().unwrap();
    // Only now are replies read: the server must have given up on this desk by then.
    let mut replies = 0;
    loop {
        match wire::read_frame::<ToDesk>(&mut &s) {
            Ok(ToDesk::Reply { .. }) => replies += 1,
            Ok(_) => {}
            Err(wire::WireError::Closed) => break,
            Err(wire::WireError::Io(e)) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                break;
            }
            Err(e) => panic!("after {replies} replies: {e}"),
        }
    }
    assert!(replies < SENT, "every request was queued and answered");
    // Others are served as before.
    assert!(rig.desk("leader").call(Request::WhoAmI).is_ok());
}

#[test]
fn a_peers_build_name_cannot_forge_or_colour_lines_of_the_log() {
    let state = tempfile::tempdir().unwrap();
    let mut rig = Rig::start_with(
        Limits::default(),
        Arc::new(Log::open(state.path(), false).unwrap()),
    );
    rig.as_login("op");
    let s = UnixStream::connect(&rig.socket).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let forged = "1.0\n2026-03-02T09:00:00+08:00 #9 uid 0 pid 1: admin (管理员) connected\x1b[8m";
    wire::write_frame(
        &mut &s,
        &Hello {
            protocol: wire::PROTOCOL,
            build: forged.into(),
        },
    )
    .unwrap();
    let w: Welcome = wire::read_frame(&mut &s).unwrap();
    assert!(w.outcome.is_ok());
    drop(s);
    rig.stop();
    let log = std::fs::read_to_string(state.path().join("serve.log")).unwrap();
    assert!(!log.contains('\x1b'), "{log}");
    assert!(
        log.lines().all(|l| !l.starts_with("2026-03-02T09:00:00")),
        "a line was forged: {log}"
    );
    assert!(log.contains("op ("), "{log}");
}

#[test]
fn out_of_descriptors_the_accept_loop_backs_off_and_logs_once() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("xf.sock");
    let state = dir.path().join("state");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"));
    cmd.arg("serve")
        .arg("--data")
        .arg(dir.path().join("store"))
        .arg("--socket")
        .arg(&socket)
        .args(["--no-check", "--no-backups"])
        .args(["--max-connections=1000", "--max-per-user=1000"])
        .env("STATE_DIRECTORY", &state)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 128,
                rlim_max: 128,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + WAIT;
    while UnixStream::connect(&socket).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    // More connections than the server has descriptors; none says hello.
    let _held: Vec<UnixStream> = (0..250)
        .filter_map(|_| UnixStream::connect(&socket).ok())
        .collect();
    let log = state.join("serve.log");
    let size = || std::fs::metadata(&log).map_or(0, |m| m.len());
    let accept_lines = || {
        // A log in a flood is not read whole: its size tells.
        if size() > 1_000_000 {
            return usize::MAX;
        }
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("accept:"))
            .count()
    };
    while accept_lines() == 0 {
        assert!(Instant::now() < deadline, "the server never ran out");
        std::thread::sleep(Duration::from_millis(20));
    }
    // It stays out of descriptors until the hello deadline closes the held connections; a
    // loop that retried at once wrote thousands of lines a second meanwhile.
    std::thread::sleep(Duration::from_secs(1));
    let (n, bytes) = (accept_lines(), size());
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        n <= 2,
        "{n} lines about accept in a second; the log has {bytes} bytes"
    );
}

/// The server's VmRSS in KiB and its thread count, from /proc.
fn rss_and_threads(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("Threads:"))
}

/// Figures for the closing note, not a check run by default:
/// `cargo test --release --test server_limits -- --ignored --nocapture hostile`.
/// 500 connections that never finish their hello (half announce 8 MiB, half 4000 bytes, each
/// trickling a byte a second), against a `serve` with its default limits and with limits
/// raised so every one of them is admitted and only the hello deadline ends them.
#[test]
#[ignore]
fn hostile_half_open_connections_leave_the_server_at_its_baseline() {
    for raised in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("xf.sock");
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"));
        cmd.arg("serve")
            .arg("--data")
            .arg(dir.path().join("store"))
            .arg("--socket")
            .arg(&socket)
            .args(["--no-check", "--no-backups"])
            .env("STATE_DIRECTORY", dir.path().join("state"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if raised {
            cmd.args(["--max-connections=1000", "--max-per-user=1000"]);
        }
        let mut child = cmd.spawn().unwrap();
        let pid = child.id();
        let deadline = Instant::now() + WAIT;
        while UnixStream::connect(&socket).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_secs(1));
        let baseline = rss_and_threads(pid);
        let mut conns: Vec<UnixStream> = (0..500u32)
            .map(|n| {
                let s = UnixStream::connect(&socket).unwrap();
                let len: u32 = if n % 2 == 0 { 8 * 1024 * 1024 } else { 4000 };
                let _ = (&s).write_all(&len.to_be_bytes());
                s.set_nonblocking(true).unwrap();
                s
            })
            .collect();
        let mut peak = baseline;
        let started = Instant::now();
        // Trickle for as long as the server keeps any of them, sampling its memory.
        while !conns.is_empty() && started.elapsed() < Duration::from_secs(60) {
            conns.retain(|s| {
                let mut b = [0u8; 64];
                // Nothing to read yet is still open; an end or an error is closed.
                let open = match (&*s).read(&mut b) {
                    Ok(0) => false,
                    Ok(_) => true,
                    Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
                };
                open && (&*s).write(&[0]).is_ok()
            });
            let now = rss_and_threads(pid);
            peak = (peak.0.max(now.0), peak.1.max(now.1));
            std::thread::sleep(Duration::from_millis(250));
        }
        let held_for = started.elapsed();
        std::thread::sleep(Duration::from_secs(2));
        let after = rss_and_threads(pid);
        let _ = child.kill();
        let _ = child.wait();
        println!(
            "limits {}: baseline {} KiB / {} threads; peak with 500 hostile {} KiB / {} threads; \
             all closed by the server after {:.1} s; after {} KiB / {} threads",
            if raised { "raised to 1000" } else { "default" },
            baseline.0,
            baseline.1,
            peak.0,
            peak.1,
            held_for.as_secs_f64(),
            after.0,
            after.1
        );
        assert!(conns.is_empty(), "{} connections still open", conns.len());
        assert!(after.1 <= baseline.1 + 2, "threads left behind");
    }
}
