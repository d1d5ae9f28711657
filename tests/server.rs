//! The shared server's wire, identity, scoping and reconnection: a real server on a temporary
//! socket with desks as this test's uid mapped to different users (see `server/rig.rs`).

mod common;
#[path = "server/rig.rs"]
mod rig;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::time::Duration;

use common::{accept_and_assign, complaint, reply_case};
use rig::{Rig, WAIT, accept, changes_until, inbox, intake_request, number_of};
use xinfang::desk::{ConnectError, Desk, RemoteDesk};
use xinfang::server::log::Log;
use xinfang::server::{Server, Upkeep};
use xinfang::service::api::{CaseRef, Queue};
use xinfang::service::{Reply, Request, ServiceError};
use xinfang::wire::{self, Hello, Refusal, ToDesk, ToServer, Welcome};

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
fn a_key_sent_again_with_another_request_is_refused_not_answered_with_the_first_case() {
    let rig = Rig::start();
    let leader = rig.desk("leader");
    let before = inbox(&leader, Queue::All).len();
    let s = rig.raw("op");
    let call = |id: u64, subject: &str| {
        wire::write_frame(
            &mut &s,
            &ToServer::Call {
                id,
                key: Some([9u8; 16]),
                req: Box::new(intake_request(subject, "13800001212")),
            },
        )
        .unwrap();
        loop {
            if let ToDesk::Reply { result, .. } = wire::read_frame::<ToDesk>(&mut &s).unwrap() {
                return result;
            }
        }
    };
    let first = number_of(call(1, "夜间施工扰民"));
    match call(2, "举报某单位违规收费") {
        Err(ServiceError::KeyReused) => {}
        other => panic!("the same key with another request got {other:?}"),
    }
    assert_eq!(inbox(&leader, Queue::All).len(), before + 1);
    // The request it was made for still gets its case.
    assert_eq!(number_of(call(3, "夜间施工扰民")), first);
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
            reception: None,
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
