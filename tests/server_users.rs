//! Deactivating a user over the shared server: their connected desks are closed at once and
//! turned away after, with words that say so; enabling lets them back.

mod common;
#[path = "server/rig.rs"]
mod rig;

use rig::{Rig, WAIT};
use xinfang::desk::{ConnectError, Desk, Link};
use xinfang::service::{Reply, Request, ServiceError};
use xinfang::wire::Refusal;

#[test]
fn a_disabled_users_desk_is_closed_at_once_and_refused_until_enabled() {
    let rig = Rig::start();
    let admin = rig.desk("owner");
    let clerk = rig.desk("clerk");
    let links = clerk.links().unwrap();
    let clerk_id = rig.world.clerk.user;
    let set = |active| {
        admin.call(Request::SetUserActive {
            user: clerk_id,
            active,
        })
    };
    // Only an administrator may.
    assert!(matches!(
        clerk.call(Request::SetUserActive {
            user: clerk_id,
            active: false
        }),
        Err(ServiceError::AdminOnly)
    ));
    // The reconnection that follows is known as the clerk again.
    rig.as_login("clerk");
    assert!(matches!(set(false), Ok(Reply::User(u)) if !u.active));
    // The open desk loses its connection without making any call, and is told why when it
    // tries to come back.
    loop {
        match links.recv_timeout(WAIT).unwrap() {
            Link::Down { refused: None, .. } => {}
            Link::Down {
                refused: Some(r), ..
            } => {
                assert_eq!(
                    r,
                    Refusal::Disabled {
                        login: "clerk".into()
                    }
                );
                break;
            }
            Link::Up => panic!("a disabled user's desk came back"),
        }
    }
    drop(clerk);
    let refused = match rig.try_desk("clerk") {
        Err(e @ ConnectError::Refused(Refusal::Disabled { .. })) => e,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a disabled user connected"),
    };
    let text = xinfang::lang::Lang::Zh.words().connect_error(&refused);
    assert!(
        text.contains("已被管理员停用") && text.contains("user enable clerk"),
        "{text}"
    );
    assert!(matches!(set(true), Ok(Reply::User(u)) if u.active));
    assert!(rig.desk("clerk").call(Request::WhoAmI).is_ok());
}
