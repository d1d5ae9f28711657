//! A real server on a temporary socket, with desks connecting as this test's own uid. Which
//! user each connection is comes from a queue the test fills before connecting: the server
//! still reads the uid from the socket, and the test checks it is ours.

mod common;

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use common::{World, accept_and_assign, complaint, reply_case};
use xinfang::desk::{ConnectError, Desk, RemoteDesk};
use xinfang::server::log::Log;
use xinfang::server::{Identify, Peer, Server, Stopper, Upkeep};
use xinfang::service::api::{CaseRef, Filter, Page, Queue};
use xinfang::service::{Change, Reply, Request, ServiceError};
use xinfang::wire::{self, Hello, Refusal, ToDesk, ToServer, Welcome};

/// Hands out the logins queued by the test, one per connection, and notes each peer.
#[derive(Clone, Default)]
struct Queued {
    next: Arc<Mutex<VecDeque<String>>>,
    peers: Arc<Mutex<Vec<Peer>>>,
}

impl Identify for Queued {
    fn login(&self, peer: &Peer) -> Option<String> {
        self.peers.lock().unwrap().push(*peer);
        self.next.lock().unwrap().pop_front()
    }
}

struct Rig {
    world: World,
    socket: PathBuf,
    who: Queued,
    stopper: Stopper,
    server: Option<JoinHandle<()>>,
    _sockets: tempfile::TempDir,
}

const WAIT: Duration = Duration::from_secs(10);

impl Rig {
    fn start() -> Rig {
        let world = World::new();
        let sockets = tempfile::tempdir().unwrap();
        let socket = sockets.path().join("xf.sock");
        let who = Queued::default();
        let server = Server::bind(
            world.service.clone(),
            &socket,
            None,
            Box::new(who.clone()),
            Arc::new(Log::stderr_only(false)),
        )
        .unwrap();
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

    fn as_login(&self, login: &str) {
        self.who.next.lock().unwrap().push_back(login.to_string());
    }

    fn desk(&self, login: &str) -> RemoteDesk {
        self.try_desk(login).unwrap()
    }

    fn try_desk(&self, login: &str) -> Result<RemoteDesk, ConnectError> {
        self.as_login(login);
        let drafts = self._sockets.path().join(format!("drafts-{login}"));
        RemoteDesk::connect(&self.socket, &drafts)
    }

    /// A connection that has said hello as `login`, for sending frames by hand.
    fn raw(&self, login: &str) -> UnixStream {
        self.as_login(login);
        let s = UnixStream::connect(&self.socket).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        wire::write_frame(&mut &s, &Hello::ours()).unwrap();
        let w: Welcome = wire::read_frame(&mut &s).unwrap();
        assert!(w.outcome.is_ok(), "{:?}", w.outcome);
        s
    }

    fn stop(&mut self) {
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

fn number_of(r: Result<Reply, ServiceError>) -> String {
    reply_case(r).case.number.clone()
}

fn intake_request(subject: &str, phone: &str) -> Request {
    Request::Intake {
        intake: complaint(subject, phone),
        resolve: None,
        link_to: None,
        draft: None,
    }
}

fn accept(number: &str, version: u64) -> Request {
    Request::Act {
        case: CaseRef::Number(number.into()),
        version,
        action: xinfang::domain::state::Action::Accept,
        detail: Default::default(),
    }
}

fn inbox(desk: &impl Desk, queue: Queue) -> Vec<String> {
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
fn changes_until(rx: &Receiver<Change>, case: u64) -> Vec<Change> {
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

#[test]
fn the_server_knows_each_desk_by_the_uid_of_its_socket() {
    let rig = Rig::start();
    let desk = rig.desk("op");
    assert_eq!(desk.user().login, "op");
    assert_eq!(desk.actor().user, rig.world.operator.user);
    let peers = rig.who.peers.lock().unwrap().clone();
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].uid, xinfang::os_user::my_uid());
    assert_eq!(peers[0].pid as u32, std::process::id());
    // A request never names its actor: the operator's intake is the operator's.
    let view = reply_case(desk.call(intake_request("楼道堆放杂物", "13800001111")));
    assert_eq!(view.case.registered_by, rig.world.operator.user);
}

#[test]
fn an_officer_never_receives_another_departments_case_not_even_as_a_change() {
    let rig = Rig::start();
    let clerk = rig.desk("clerk");
    let officer2 = rig.desk("cgj");
    let changes = officer2.changes();
    // Goes to department 1: the officer of department 2 must hear nothing of it.
    let n1 = number_of(clerk.call(intake_request("物业费上涨未公示", "13800002222")));
    let hidden = accept_and_assign(&rig.world, &n1, 1);
    // Then one for department 2, which the officer does see.
    let n2 = number_of(clerk.call(intake_request("占道经营噪音扰民", "13800003333")));
    let shown = accept_and_assign(&rig.world, &n2, 2);
    let got = changes_until(&changes, shown.case.id);
    assert!(
        got.iter().all(|c| c.case != Some(hidden.case.id)),
        "department 1's case leaked in {got:?}"
    );
    let listed = inbox(&officer2, Queue::Department);
    assert!(listed.contains(&n2));
    assert!(!listed.contains(&n1));
    assert!(matches!(
        officer2.call(Request::Case(CaseRef::Number(n1.clone()))),
        Err(ServiceError::NoSuchCase(_))
    ));
    // The operator's own registrations reach the operator, live.
    let op = rig.desk("op");
    let op_changes = op.changes();
    let mine = reply_case(op.call(intake_request("路灯损坏", "13800004444")));
    assert!(
        changes_until(&op_changes, mine.case.id)
            .iter()
            .all(|c| c.case == Some(mine.case.id))
    );
}

#[test]
fn a_case_registered_at_one_desk_reaches_the_others_without_a_key() {
    let rig = Rig::start();
    let op = rig.desk("op");
    let leader = rig.desk("leader");
    let leader_changes = leader.changes();
    let before = inbox(&leader, Queue::AllOpen);
    let view = reply_case(op.call(intake_request("小区电梯停运三天", "13800005555")));
    let got = changes_until(&leader_changes, view.case.id);
    assert_eq!(got.last().unwrap().version, view.case.version);
    let after = inbox(&leader, Queue::AllOpen);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&view.case.number));
}

#[test]
fn an_update_that_lost_the_race_is_refused_and_the_fresh_record_is_there() {
    let rig = Rig::start();
    let clerk = rig.desk("clerk");
    let leader = rig.desk("leader");
    let number = number_of(clerk.call(intake_request("违章搭建", "13800006666")));
    let seen = reply_case(leader.call(Request::Case(CaseRef::Number(number.clone()))));
    let seen_by_clerk = reply_case(clerk.call(Request::Case(CaseRef::Number(number.clone()))));
    assert_eq!(seen.case.version, seen_by_clerk.case.version);
    let accepted = reply_case(clerk.call(accept(&number, seen_by_clerk.case.version)));
    let late = leader.call(accept(&number, seen.case.version));
    match late {
        Err(ServiceError::Stale {
            number: n,
            seen: s,
            current,
        }) => {
            assert_eq!(
                (n, s, current),
                (number.clone(), seen.case.version, accepted.case.version)
            );
        }
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    let fresh = reply_case(leader.call(Request::Case(CaseRef::Number(number))));
    assert_eq!(fresh.case.version, accepted.case.version);
    assert_eq!(fresh.case.state, accepted.case.state);
}

#[test]
fn an_unknown_os_user_is_refused_with_what_to_run() {
    let rig = Rig::start();
    let err = match rig.try_desk("陌生人") {
        Err(e) => e,
        Ok(_) => panic!("an unknown login was let in"),
    };
    match &err {
        ConnectError::Refused(Refusal::UnknownLogin { login, uid }) => {
            assert_eq!(login, "陌生人");
            assert_eq!(*uid, xinfang::os_user::my_uid());
        }
        other => panic!("{other:?}"),
    }
    let zh = xinfang::lang::Lang::Zh.words().connect_error(&err);
    assert!(
        zh.contains("xinfang user add 陌生人 --role … --dept …"),
        "{zh}"
    );
    let en = xinfang::lang::Lang::En.words().connect_error(&err);
    assert!(en.contains("xinfang user add 陌生人"), "{en}");
    // The server is still there for everyone else.
    rig.desk("clerk");
}

#[test]
fn a_desk_of_another_protocol_is_refused_and_told_the_servers() {
    let rig = Rig::start();
    rig.as_login("clerk");
    let s = UnixStream::connect(&rig.socket).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    wire::write_frame(
        &mut &s,
        &Hello {
            protocol: wire::PROTOCOL + 1,
            build: "9.9.9".into(),
        },
    )
    .unwrap();
    let w: Welcome = wire::read_frame(&mut &s).unwrap();
    assert_eq!(w.hello, Hello::ours());
    assert!(matches!(w.outcome, Err(Refusal::Protocol { .. })));
    // And the connection is over.
    assert!(matches!(
        wire::read_body(&mut &s),
        Err(wire::WireError::Closed)
    ));
}

#[test]
fn a_server_of_another_protocol_is_named_by_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let fake = std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        let _hello = wire::read_body(&mut &s).unwrap();
        // An older server: only its hello can be read.
        let mut body = postcard::to_stdvec(&Hello {
            protocol: 0,
            build: "0.0.1".into(),
        })
        .unwrap();
        body.extend_from_slice(&[0xff; 8]);
        (&s).write_all(&(body.len() as u32).to_be_bytes()).unwrap();
        (&s).write_all(&body).unwrap();
    });
    let err = match RemoteDesk::connect(&path, &dir.path().join("drafts")) {
        Err(e) => e,
        Ok(_) => panic!("connected to a server of another protocol"),
    };
    fake.join().unwrap();
    let text = xinfang::lang::Lang::Zh.words().connect_error(&err);
    assert!(text.contains("协议 0（版本 0.0.1）"), "{text}");
    assert!(text.contains(&format!("协议 {}", wire::PROTOCOL)), "{text}");
}

/// Whether the server closed `s`: it reads to the end without an answer.
fn closed(mut s: UnixStream) -> bool {
    let mut rest = Vec::new();
    s.read_to_end(&mut rest).is_ok() && rest.is_empty()
}

#[test]
fn a_malformed_or_oversized_frame_closes_that_connection_only() {
    let rig = Rig::start();
    let leader = rig.desk("leader");
    let leader_changes = leader.changes();

    let garbage = rig.raw("clerk");
    (&garbage)
        .write_all(&[0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff])
        .unwrap();
    assert!(
        closed(garbage),
        "a malformed frame left the connection open"
    );

    let huge = rig.raw("clerk");
    (&huge).write_all(&u32::MAX.to_be_bytes()).unwrap();
    assert!(closed(huge), "an oversized frame left the connection open");

    // A frame cut off in the middle by a desk that then hangs up.
    let cut = rig.raw("clerk");
    (&cut).write_all(&[0, 0, 1, 0, 1, 2, 3]).unwrap();
    cut.shutdown(std::net::Shutdown::Write).unwrap();
    assert!(closed(cut));

    // Everyone else goes on: the leader's calls and pushed changes still work.
    let op = rig.desk("op");
    let view = reply_case(op.call(intake_request("噪声扰民", "13800007777")));
    changes_until(&leader_changes, view.case.id);
    assert!(inbox(&leader, Queue::AllOpen).contains(&view.case.number));
}

#[test]
fn a_retry_with_the_same_key_creates_one_case_even_on_a_new_connection() {
    let rig = Rig::start();
    let leader = rig.desk("leader");
    let before = inbox(&leader, Queue::All).len();
    let key = [7u8; 16];
    let call = |s: &UnixStream, id: u64| {
        wire::write_frame(
            &mut &*s,
            &ToServer::Call {
                id,
                key: Some(key),
                req: Box::new(intake_request("供暖不热", "13800008888")),
            },
        )
        .unwrap();
        loop {
            match wire::read_frame::<ToDesk>(&mut &*s).unwrap() {
                ToDesk::Reply { id: got, result } => {
                    assert_eq!(got, id);
                    return number_of(result);
                }
                ToDesk::Change(_) | ToDesk::Pong => {}
            }
        }
    };
    let first = rig.raw("op");
    let n1 = call(&first, 1);
    // The reply was "lost": the desk hangs up and sends the same request again.
    drop(first);
    let second = rig.raw("op");
    let n2 = call(&second, 1);
    let n3 = call(&second, 2);
    assert_eq!(n1, n2);
    assert_eq!(n2, n3);
    assert_eq!(inbox(&leader, Queue::All).len(), before + 1);
    // The key is the operator's own: the same key from another user is another request.
    let other = rig.raw("clerk");
    let n4 = call(&other, 1);
    assert_ne!(n4, n1);
    assert_eq!(inbox(&leader, Queue::All).len(), before + 2);
}

#[test]
fn an_intake_sent_twice_from_one_form_registers_once() {
    let rig = Rig::start();
    let op = rig.desk("op");
    let send = || {
        op.call(Request::Intake {
            intake: complaint("井盖缺失", "13800009999"),
            resolve: None,
            link_to: None,
            draft: Some("intake-77-1".into()),
        })
    };
    let a = number_of(send());
    let b = number_of(send());
    assert_eq!(a, b);
}

#[test]
fn a_stopped_server_finishes_and_a_desk_comes_back_by_itself_keeping_its_drafts() {
    let mut rig = Rig::start();
    let op = rig.desk("op");
    let links = op.links().unwrap();
    rig.stop();
    assert!(
        !rig.socket.exists(),
        "the socket is removed on a clean stop"
    );
    // While the server is away a draft is kept on this machine, and reads fail with a reason.
    let body = "{\"subject\":\"停水通知未提前发布\"}".to_string();
    assert_eq!(
        op.call(Request::SaveDraft {
            name: "intake-1-1".into(),
            body: body.clone(),
        }),
        Ok(Reply::Done)
    );
    assert_eq!(
        op.call(Request::Summary).map(|_| ()),
        Err(ServiceError::Disconnected)
    );
    match op.call(Request::Drafts) {
        Ok(Reply::Drafts(d)) => assert_eq!(d, vec![("intake-1-1".to_string(), body.clone())]),
        other => panic!("{other:?}"),
    }
    let down = links.recv_timeout(WAIT).unwrap();
    assert!(matches!(down, xinfang::desk::Link::Down { .. }), "{down:?}");

    // The same store served again on the same socket.
    let server = Server::bind(
        rig.world.service.clone(),
        &rig.socket,
        None,
        Box::new(rig.who.clone()),
        Arc::new(Log::stderr_only(false)),
    )
    .unwrap();
    rig.stopper = server.stopper();
    rig.as_login("op");
    rig.server = Some(std::thread::spawn(move || {
        server.run(Upkeep {
            backups: None,
            at: chrono::NaiveTime::MIN,
            keep: 1,
            check: false,
        })
    }));
    loop {
        match links.recv_timeout(Duration::from_secs(30)).unwrap() {
            xinfang::desk::Link::Up => break,
            xinfang::desk::Link::Down { .. } => {}
        }
    }
    assert!(op.call(Request::Summary).is_ok());
    // The draft went to the server: the store has it.
    let stored = rig.world.call(rig.world.operator, Request::Drafts).unwrap();
    assert_eq!(
        stored,
        Reply::Drafts(vec![("intake-1-1".to_string(), body)])
    );
}

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
    std::fs::create_dir(&backups).unwrap();
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
