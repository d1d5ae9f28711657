//! A desk talks only to the server: not to another local user listening on the socket path, at
//! connect or at any reconnect; and `serve` never listens where others could take its path.

mod common;
#[path = "server/rig.rs"]
mod rig;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixListener;
use std::path::Path;

use rig::{Rig, WAIT};
use xinfang::desk::{ConnectError, Desk, Distrust, Link, RemoteDesk};
use xinfang::service::Request;

fn open_to_all(dir: &Path) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
}

/// A listener on `path` that nobody may have reached: `accept` finds nothing waiting.
fn squat(path: &Path) -> UnixListener {
    let l = UnixListener::bind(path).unwrap();
    l.set_nonblocking(true).unwrap();
    l
}

fn nobody_came(l: &UnixListener) -> bool {
    matches!(l.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

#[test]
fn an_intake_from_the_cli_is_not_sent_to_a_listener_in_a_directory_others_can_write() {
    let home = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    open_to_all(shared.path());
    let socket = shared.path().join("xf.sock");
    let squatter = squat(&socket);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .arg("--connect")
        .arg(&socket)
        .args(["add", "--channel", "visit", "--name", "王秘密"])
        .args(["--id-number", "110101199003074514", "--subject", "举报"])
        .args(["--content", "举报材料", "--confidential"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("STATE_DIRECTORY", home.path().join("state"))
        .env_remove("XINFANG_SERVER_UID")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("可被其他用户写入"), "{said}");
    assert!(said.contains("未发送任何内容"), "{said}");
    assert!(nobody_came(&squatter), "the CLI connected to the squatter");
}

#[test]
fn a_running_desk_does_not_reconnect_to_a_listener_that_took_the_path() {
    let mut rig = Rig::start();
    let desk = rig.desk("op");
    let links = desk.links().unwrap();
    let dir = rig.socket.parent().unwrap().to_path_buf();
    // The socket's directory is opened to all, the server stops, and another user's listener
    // takes the path.
    open_to_all(&dir);
    rig.stop();
    let squatter = squat(&rig.socket);
    desk.call(Request::SaveDraft {
        name: "intake-1".into(),
        body: "王秘密 110101199003074514".into(),
    })
    .unwrap();
    // Three tries to reconnect since the listener is there, each refused before any byte.
    let mut tries = 0;
    while tries < 3 {
        match links.recv_timeout(WAIT).expect("the desk stopped trying") {
            Link::Down { .. } => tries += 1,
            Link::Up => panic!("the desk reconnected to the squatter"),
        }
    }
    assert!(nobody_came(&squatter), "the desk connected to the squatter");
}

#[test]
fn a_desk_refuses_a_socket_that_is_not_the_configured_server_users() {
    let rig = Rig::start();
    let drafts = tempfile::tempdir().unwrap();
    let me = xinfang::os_user::my_uid();
    rig.as_login("op");
    assert!(RemoteDesk::connect_to(&rig.socket, drafts.path(), Some(me)).is_ok());
    let other = if me == 0 { 1 } else { me + 1 };
    match RemoteDesk::connect_to(&rig.socket, drafts.path(), Some(other)) {
        // Root may own anything on the way, so as root it is the listener's uid that tells.
        Err(ConnectError::Untrusted {
            why:
                Distrust::Owner {
                    owner: uid,
                    expected,
                    ..
                }
                | Distrust::Peer { uid, expected },
            ..
        }) => assert_eq!((uid, expected), (me, other)),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("connected to a server of another uid"),
    }
}

#[test]
fn serve_refuses_to_listen_in_a_directory_others_can_write() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    open_to_all(&shared);
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .arg("serve")
        .arg("--data")
        .arg(dir.path().join("store"))
        .arg("--socket")
        .arg(shared.join("xf.sock"))
        .env("STATE_DIRECTORY", dir.path().join("state"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A server that listens runs on: it is stopped, and the test fails.
    let deadline = std::time::Instant::now() + WAIT;
    while serve.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = serve.kill();
    let out = serve.wait_with_output().unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("可被其他用户写入"), "{said}");
    assert!(!shared.join("xf.sock").exists());
    assert!(!dir.path().join("store").exists());
}
