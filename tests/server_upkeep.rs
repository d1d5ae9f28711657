//! What the shared server does by itself and refuses: request keys expire, socket paths are
//! never taken from a live server or a file, the start-up check and daily backups, and `serve`
//! refusing a store or socket in use.

mod common;
#[path = "server/rig.rs"]
mod rig;

use std::sync::Arc;
use std::time::Duration;

use common::{World, accept_and_assign, complaint, reply_case};
use rig::{Queued, Rig, WAIT, intake_request, number_of};
use xinfang::server::log::Log;
use xinfang::server::{Server, Upkeep};
use xinfang::service::api::CaseRef;
use xinfang::service::{Request, ServiceError};

#[test]
fn request_keys_are_forgotten_after_a_week_and_kept_within_it() {
    let w = World::new();
    let keyed = |key: [u8; 16]| {
        number_of(w.service.call_keyed(
            w.operator,
            Some(key),
            intake_request("雨污管道堵塞", "13800001234"),
        ))
    };
    let old = keyed([1; 16]);
    w.clock.advance(8 * common::DAY);
    let recent = keyed([2; 16]);
    let week_ago = xinfang::domain::time::Timestamp(w.service.now().0 - 7 * common::DAY);
    assert_eq!(w.service.forget_request_keys(week_ago).unwrap(), 1);
    // The recent key still names its case; the old one is a new request again.
    assert_eq!(keyed([2; 16]), recent);
    assert_ne!(keyed([1; 16]), old);
    assert_eq!(w.check().problems, Vec::<String>::new());
}

#[test]
fn a_socket_path_is_never_taken_from_a_live_server_or_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sock");
    let live = xinfang::server::socket::bind(&path, None).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o660
    );
    assert!(matches!(
        xinfang::server::socket::bind(&path, None),
        Err(xinfang::server::SocketError::Live(_))
    ));
    // A crash leaves the file behind with nobody listening: it is replaced.
    drop(live);
    assert!(path.exists());
    let again = xinfang::server::socket::bind(&path, None).unwrap();
    drop(again);
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "值班记录").unwrap();
    assert!(matches!(
        xinfang::server::socket::bind(&file, None),
        Err(xinfang::server::SocketError::NotASocket(_))
    ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "值班记录");
    assert!(matches!(
        xinfang::server::socket::bind(&dir.path().join("g.sock"), Some("没有这个组")),
        Err(xinfang::server::SocketError::NoGroup(_))
    ));
}

#[test]
fn the_server_checks_the_store_at_start_and_keeps_its_newest_backups() {
    let w = World::new();
    w.intake(w.operator, complaint("自来水发黄", "13800004321"));
    let sockets = tempfile::tempdir().unwrap();
    let backups = sockets.path().join("backups");
    std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700)
        .create(&backups)
        .unwrap();
    // Three backups from last year, oldest first.
    let year_ago = std::time::SystemTime::now() - Duration::from_secs(365 * 86_400);
    for (i, name) in [
        "xinfang-20251101T000000Z.xfj",
        "xinfang-20251102T000000Z.xfj",
        "xinfang-20251103T000000Z.xfj",
    ]
    .iter()
    .enumerate()
    {
        let f = std::fs::File::create(backups.join(name)).unwrap();
        f.set_modified(year_ago + Duration::from_secs(i as u64 * 86_400))
            .unwrap();
    }
    std::fs::write(backups.join("README.txt"), "不是备份").unwrap();
    let log_dir = sockets.path().join("state");
    let log = Arc::new(Log::open(&log_dir, false).unwrap());
    let server = Server::bind(
        w.service.clone(),
        &sockets.path().join("xf.sock"),
        None,
        Box::new(Queued::default()),
        log,
    )
    .unwrap();
    let stopper = server.stopper();
    let run = std::thread::spawn(move || {
        server.run(Upkeep {
            backups: Some(backups.clone()),
            at: chrono::NaiveTime::MIN,
            keep: 2,
            check: true,
        });
        backups
    });
    let log_file = log_dir.join("serve.log");
    let deadline = std::time::Instant::now() + WAIT;
    while !std::fs::read_to_string(&log_file)
        .unwrap_or_default()
        .contains("removed")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no backup within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    stopper.stop();
    let backups = run.join().unwrap();
    let log = std::fs::read_to_string(&log_file).unwrap();
    assert!(log.contains("start-up check: journal intact"), "{log}");
    assert!(log.contains("start-up check: sound, 1 cases"), "{log}");
    let mut left: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    // The newest old one and today's; other files are never touched.
    assert_eq!(left.len(), 3, "{left:?}");
    assert_eq!(left[0], "README.txt");
    assert_eq!(left[1], "xinfang-20251103T000000Z.xfj");
    let today = backups.join(&left[2]);
    let verified = xinfang::store::journal::verify(vec![today]).unwrap();
    assert!(verified.damage.is_none());
    assert!(verified.records > 0);
}

fn serve_cmd(data: &std::path::Path, socket: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xinfang"))
        .arg("serve")
        .arg("--data")
        .arg(data)
        .arg("--socket")
        .arg(socket)
        .env("STATE_DIRECTORY", data.with_extension("state"))
        .output()
        .unwrap()
}

#[test]
fn serve_refuses_a_store_in_use_and_a_socket_in_use_touching_nothing() {
    let rig = Rig::start();
    let dir = tempfile::tempdir().unwrap();
    // The rig's store is held by the rig's server.
    let out = serve_cmd(rig.world.dir.path(), &dir.path().join("other.sock"));
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("正被另一个进程使用"), "{said}");
    assert!(!dir.path().join("other.sock").exists());
    // The rig's socket is live: a second server is turned away before it makes a store.
    let fresh = dir.path().join("fresh-store");
    let out = serve_cmd(&fresh, &rig.socket);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("already listening"), "{said}");
    assert!(!fresh.exists());
    // And the rig's server still serves.
    rig.desk("clerk");
}

#[test]
fn a_key_never_shows_a_case_its_user_can_no_longer_see() {
    let w = World::new();
    let number = w
        .intake(w.operator, complaint("楼上漏水", "13800005678"))
        .case
        .number
        .clone();
    let assigned = accept_and_assign(&w, &number, 1);
    let hand_back = Request::Act {
        case: CaseRef::Number(number.clone()),
        version: assigned.case.version,
        action: xinfang::domain::state::Action::HandBack,
        detail: common::reason("不属于本部门职责"),
    };
    let key = Some([5u8; 16]);
    let first = reply_case(w.service.call_keyed(w.officer, key, hand_back.clone()));
    assert_eq!(first.case.department, None);
    // The case has left the officer's department: the same key shows nothing of it now.
    assert!(matches!(
        w.service.call_keyed(w.officer, key, hand_back),
        Err(ServiceError::NoSuchCase(_))
    ));
}

#[test]
fn over_the_socket_a_backup_is_a_file_name_written_into_the_servers_backups_directory() {
    let w = World::new();
    w.intake(w.operator, complaint("举报材料", "13800009876"));
    let sockets = tempfile::tempdir().unwrap();
    let backups = sockets.path().join("backups");
    let socket = sockets.path().join("xf.sock");
    let who = Queued::default();
    let server = Server::bind(
        w.service.clone(),
        &socket,
        None,
        Box::new(who.clone()),
        Arc::new(Log::stderr_only(false)),
    )
    .unwrap();
    let stopper = server.stopper();
    let run = {
        let backups = backups.clone();
        std::thread::spawn(move || {
            server.run(Upkeep {
                backups: Some(backups),
                at: chrono::NaiveTime::MIN,
                keep: 2,
                check: false,
            })
        })
    };
    who.next.lock().unwrap().push_back("owner".into());
    let desk = xinfang::desk::RemoteDesk::connect(&socket, &sockets.path().join("drafts")).unwrap();
    use xinfang::desk::Desk;
    let journal = w.dir.path().join("journal");
    let journal_before = std::fs::read_dir(&journal).unwrap().count();
    for asked in [
        "../journal/x.xfj".to_string(),
        journal.join("x.xfj").display().to_string(),
        "/tmp/x.xfj".into(),
        "sub/x.xfj".into(),
        ".hidden.xfj".into(),
        "..".into(),
        String::new(),
    ] {
        let r = desk.call(Request::Backup {
            file: asked.clone().into(),
        });
        assert!(
            matches!(r, Err(ServiceError::BackupName(_))),
            "{asked:?}: {r:?}"
        );
    }
    assert_eq!(std::fs::read_dir(&journal).unwrap().count(), journal_before);
    assert!(!std::path::Path::new("/tmp/x.xfj").exists());
    let r = desk.call(Request::Backup {
        file: "before-upgrade.xfj".into(),
    });
    assert!(matches!(r, Ok(xinfang::service::Reply::Backup(_))), "{r:?}");
    let made = backups.join("before-upgrade.xfj");
    let verified = xinfang::store::journal::verify(vec![made]).unwrap();
    assert!(verified.damage.is_none() && verified.records > 0);
    drop(desk);
    stopper.stop();
    run.join().unwrap();
    // A server that makes no backups has nowhere to write one.
    let rig = Rig::start();
    let r = rig.desk("owner").call(Request::Backup {
        file: "x.xfj".into(),
    });
    assert!(matches!(r, Err(ServiceError::NoBackups)), "{r:?}");
}
