//! What one local account can make the server hold: connections before their hello, frames
//! trickled in, requests sent without reading the replies, and lines forged into its log.

mod common;
#[path = "server/rig.rs"]
mod rig;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rig::{Rig, WAIT};
use xinfang::desk::{ConnectError, Desk};
use xinfang::server::Limits;
use xinfang::server::log::Log;
use xinfang::service::Request;
use xinfang::wire::{self, Hello, Refusal, ToDesk, ToServer, Welcome};

/// Reads until the server closes `s`; fails if it has not within `WAIT`.
fn wait_closed(s: &UnixStream) {
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match (&*s).read(&mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return,
            Err(e) => panic!("the server did not close the connection: {e}"),
        }
    }
}

/// Sends `announced` as a frame's length, then one byte every 100 ms until the server hangs up.
fn trickle(rig: &Rig, announced: u32) -> (UnixStream, std::thread::JoinHandle<()>) {
    let s = UnixStream::connect(&rig.socket).unwrap();
    (&s).write_all(&announced.to_be_bytes()).unwrap();
    let w = s.try_clone().unwrap();
    let feeder = std::thread::spawn(move || {
        while (&w).write_all(&[0]).is_ok() {
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    (s, feeder)
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
    let (big, feeder) = trickle(&rig, 8 * 1024 * 1024);
    wait_closed(&big);
    feeder.join().unwrap();
    // One within the size limit is cut off when its deadline passes, not kept by the trickle.
    let started = Instant::now();
    let (small, feeder) = trickle(&rig, 1000);
    wait_closed(&small);
    assert!(started.elapsed() >= Duration::from_millis(900));
    feeder.join().unwrap();
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
    (&s).write_all(&(1_000_000u32).to_be_bytes()).unwrap();
    let w = s.try_clone().unwrap();
    let feeder = std::thread::spawn(move || {
        while (&w).write_all(&[0; 16]).is_ok() {
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    wait_closed(&s);
    feeder.join().unwrap();
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
    let accept_lines = || {
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
    let n = accept_lines();
    let _ = child.kill();
    let _ = child.wait();
    assert!(n <= 2, "{n} lines about accept in a second");
}
