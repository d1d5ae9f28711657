//! A server that lies: whatever it sends, the command line shows no escape sequence or bidi
//! control raw on the user's terminal.

use std::os::unix::net::UnixListener;
use std::process::Command;

use xinfang::domain::role::{Role, Roles, User};
use xinfang::service::api::Summary;
use xinfang::service::{Reply, ServiceError};
use xinfang::wire::{self, Hello, ToDesk, ToServer, Welcome};

const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202E}苏州市信访局\u{2028}伪造的一行";

/// Answers every call on one connection with `answer`, until the desk hangs up.
fn serve_once(listener: UnixListener, answer: fn() -> Result<Reply, ServiceError>) {
    let Ok((stream, _)) = listener.accept() else {
        return;
    };
    if wire::read_body(&mut &stream).is_err() {
        return;
    }
    let user = User {
        id: 1,
        login: "owner".into(),
        name: HOSTILE.into(),
        roles: Roles::all(),
        dept: None,
        active: true,
    };
    let welcome = Welcome {
        hello: Hello::ours(),
        outcome: Ok(user),
    };
    if wire::write_frame(&mut &stream, &welcome).is_err() {
        return;
    }
    while let Ok(msg) = wire::read_frame::<ToServer>(&mut &stream) {
        let out = match msg {
            ToServer::Call { id, .. } => ToDesk::Reply {
                id,
                result: answer(),
            },
            ToServer::Ping => ToDesk::Pong,
        };
        if wire::write_frame(&mut &stream, &out).is_err() {
            return;
        }
    }
}

fn run_against(answer: fn() -> Result<Reply, ServiceError>, args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("xinfang.sock");
    let listener = UnixListener::bind(&socket).unwrap();
    let server = std::thread::spawn(move || serve_once(listener, answer));
    let out = Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .arg("--connect")
        .arg(&socket)
        .args(args)
        .env("XINFANG_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    server.join().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn raw(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202E}' | '\u{2028}'))
}

fn summary() -> Result<Reply, ServiceError> {
    let user = User {
        id: 1,
        login: "owner".into(),
        name: HOSTILE.into(),
        roles: [Role::Clerk].into_iter().collect(),
        dept: None,
        active: true,
    };
    Ok(Reply::Summary(Summary {
        organisation: HOSTILE.into(),
        user,
        total: 1,
        new_today: 0,
        open: 1,
        due_soon: 0,
        overdue: 0,
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        missing_calendar_years: vec![],
    }))
}

fn no_such_case() -> Result<Reply, ServiceError> {
    Err(ServiceError::NoSuchCase(HOSTILE.into()))
}

#[test]
fn a_hostile_servers_text_reaches_the_terminal_escaped() {
    let (out, err) = run_against(summary, &[]);
    assert!(out.contains("苏州市信访局"), "{out:?} {err:?}");
    assert!(!raw(&out), "{out:?}");
    let (out, err) = run_against(no_such_case, &["show", "XF2026-00001"]);
    assert!(err.contains("苏州市信访局"), "{out:?} {err:?}");
    assert!(!raw(&err), "{err:?}");
}
