//! End-to-end tests of the shared server: a real `xinfang serve` process and real desks in
//! pseudo-terminals connected to it with `--connect`. They prove that an intake registered at
//! one desk appears in another desk's inbox by itself, pushed by the server, with no key pressed
//! at the second desk; that the server stops cleanly on SIGTERM and removes its socket; that an
//! intake typed while the server is away is kept on the desk and registered once when it is
//! back; and that a desk whose server is not there says why and never falls back to a private
//! store.

mod place;
mod pty;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use place::{Place, Server, case_number, cli_json, open_inbox, quit};
use pty::{App, ENTER, F2, F3, TAB, TIMEOUT};

const SUBJECT: &str = "小区电梯停运三天无人维修";
/// How long a registered case may take to reach the other desk.
const LIVE: Duration = Duration::from_secs(10);
/// How long a desk may take to find its server back: the back-off waits up to 8 s, stretched
/// by up to a quarter, between attempts.
const BACK: Duration = Duration::from_secs(20);

#[test]
fn an_intake_at_one_desk_appears_live_in_another_desks_inbox() {
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);

    let mut a = place.desk();
    let mut b = place.desk();
    open_inbox(&mut a);
    open_inbox(&mut b);
    assert!(
        !b.contents().contains(SUBJECT),
        "the subject is on desk B before it was typed:\n{}",
        b.contents()
    );

    a.keys("n");
    a.wait_for("登记");
    a.type_text("王五");
    a.keys(TAB);
    a.type_text("13900139000");
    for _ in 0..5 {
        a.keys(TAB);
    }
    a.type_text(SUBJECT);
    a.keys(TAB);
    a.type_text("三号楼电梯已停运三天，物业称等配件，老人无法下楼。");
    a.wait_for("老人无法下楼。");
    a.keys(F2);
    a.wait_for("已登记，编号");
    let screen = a.wait_until("the new case's number", TIMEOUT, |s| {
        case_number(s).is_some()
    });
    let number = case_number(&screen).expect("a number on the screen");
    a.keys(ENTER);

    // Not one key goes to desk B from here on: only the server's push can bring the case.
    b.wait_until(
        &format!("{SUBJECT} or {number} on desk B, with no key pressed there"),
        LIVE,
        |s| s.contains(SUBJECT) || s.contains(&number),
    );

    // Desk A, back at its inbox, lists the case it registered too.
    a.wait_gone("请向来电人读出编号");
    a.wait_until(&format!("{SUBJECT} in desk A's inbox"), LIVE, |s| {
        s.contains(SUBJECT)
    });

    quit(&mut a);
    quit(&mut b);

    server.stop();
    assert!(
        !place.socket().exists(),
        "the server left its socket behind\n{}",
        server.dump()
    );
}

#[test]
fn a_desk_without_its_server_says_why_and_makes_no_store() {
    let place = Place::new();
    let mut desk = place.desk();
    desk.wait_for("无法连接服务器");
    let status = desk.wait_exit();
    assert!(
        !status.success(),
        "a desk with no server exited successfully; screen:\n{}",
        desk.contents()
    );
    let store = place.xdg_data().join("xinfang");
    assert!(
        !store.exists(),
        "a desk with no server made a store at {}",
        store.display()
    );
    assert!(
        !place.data().exists(),
        "a desk with no server made {}",
        place.data().display()
    );
    assert!(!place.socket().exists(), "a desk made the socket file");
}

/// Every draft a desk keeps on its own machine (under its state directory's `drafts/`), as
/// the text of its file.
fn local_drafts(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                local_drafts(&path)
            } else {
                vec![std::fs::read_to_string(&path).unwrap_or_default()]
            }
        })
        .collect()
}

/// Polls the desk's local drafts until `done` holds for them.
fn wait_drafts(desk: &App, dir: &Path, what: &str, done: impl Fn(&[String]) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let drafts = local_drafts(dir);
        if done(&drafts) {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "timed out after {TIMEOUT:?} waiting for {what}; drafts kept on the desk's machine: \
                 {drafts:#?}\nscreen:\n{}",
                desk.contents()
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_intake_typed_while_the_server_is_away_is_registered_once_when_it_is_back() {
    const TOPIC: &str = "小区供暖温度不达标多次反映未解决";
    const BEFORE: &str = "五号楼室温只有十二度，热力公司说在排查。";
    const AFTER: &str = "家有卧床老人。";
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);
    let mut desk = place.desk();
    let kept = place.xdg_state().join("xinfang").join("drafts");
    open_inbox(&mut desk);

    desk.keys(F3);
    desk.wait_for("来电历史");
    desk.type_text("赵六");
    desk.keys(TAB);
    desk.type_text("13700137000");
    for _ in 0..5 {
        desk.keys(TAB);
    }
    desk.type_text(TOPIC);
    desk.keys(TAB);
    desk.type_text(BEFORE);
    desk.wait_for("热力公司说在排查。");
    // The draft landed on the server: every call the typing asked for is answered, so none
    // is on its way when the server goes.
    desk.wait_for("草稿已保存");
    server.stop();
    desk.wait_until(
        "连接中断 and the reconnection on the status line",
        TIMEOUT,
        |s| {
            s.contains("连接中断")
                && s.contains("与服务器的连接已断开，草稿保存在本机；正在自动重连")
        },
    );

    desk.type_text(AFTER);
    desk.wait_for(AFTER);
    // Saved while the server is away, the draft is kept on this machine. Once it is there the
    // desk has no call on its way, so F2 below is answered within its 1.5 s.
    wait_drafts(&desk, &kept, "the draft with the text typed offline", |d| {
        d.iter().any(|body| body.contains(AFTER))
    });
    // Later attempts to reconnect leave the status line alone, so F2's answer stays to be read.
    desk.keys(F2);
    let screen = desk.wait_until("F2's failure on the status line", TIMEOUT, |s| {
        s.contains("与服务器的连接已断开，正在自动重连；这一操作未得到确认")
    });
    for typed in ["赵六", "13700137000", TOPIC, BEFORE, AFTER, "连接中断"] {
        assert!(
            screen.contains(typed),
            "{typed:?} is not on screen after F2 failed with the server away:\n{screen}"
        );
    }
    assert!(
        !screen.contains("已登记，编号"),
        "a case was registered with no server:\n{screen}"
    );

    let mut server = Server::start(&place);
    desk.wait_until(
        "已重新连接服务器, and 连接中断 gone from the header",
        BACK,
        |s| s.contains("已重新连接服务器，屏幕已刷新") && !s.contains("连接中断"),
    );
    // The draft kept here went to the server.
    wait_drafts(&desk, &kept, "no draft left on the desk's machine", |d| {
        d.is_empty()
    });

    // F2 again on the same form. Its key comes from the form's draft name, so even a first
    // F2 that had reached the server would not make a second case.
    desk.keys(F2);
    desk.wait_for("已登记，编号");
    let screen = desk.wait_until("the new case's number", TIMEOUT, |s| {
        case_number(s).is_some()
    });
    let number = case_number(&screen).expect("a number on the screen");
    desk.keys(ENTER);
    desk.wait_gone("请向来电人读出编号");
    quit(&mut desk);
    server.stop();

    let list = cli_json(&place, &["list", "--queue", "all"]);
    let rows = list["List"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows in the list: {list:#}"));
    assert!(list["List"]["next"].is_null(), "a second page: {list:#}");
    let same: Vec<_> = rows.iter().filter(|r| r["subject"] == TOPIC).collect();
    assert_eq!(same.len(), 1, "not exactly one case of the call: {list:#}");
    assert_eq!(same[0]["number"], number.as_str(), "{list:#}");
    assert_eq!(rows.len(), 1, "other cases in the store: {list:#}");

    let shown = cli_json(&place, &["show", &number]);
    let intake = &shown["Case"]["case"]["intake"];
    assert_eq!(intake["complainant"]["name"], "赵六", "{shown:#}");
    let content = intake["content"]
        .as_str()
        .unwrap_or_else(|| panic!("no content: {shown:#}"));
    assert_eq!(
        content,
        format!("{BEFORE}{AFTER}"),
        "the content is not what was typed before and after the server went"
    );
}
