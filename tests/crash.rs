//! kill -9 in the middle of a stream of intakes never loses a case whose number was printed,
//! and the store always reopens.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;

use common::Lcg;
use xinfang::service::api::CaseRef;
use xinfang::service::{Reply, Request, Service, SystemClock};

const CYCLES: u64 = 60;

#[test]
fn kill_9_never_loses_a_printed_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Lcg(2026);
    let mut printed: Vec<String> = Vec::new();
    for cycle in 0..CYCLES {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xinfang"))
            .args(["add", "--stream"])
            .env("XINFANG_DATA", dir.path())
            .env("USER", "owner")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Some cycles kill the process while it is still opening the store.
        let wanted = match rng.below(5) {
            0 => 0,
            _ => 1 + rng.below(6),
        };
        let mut stdin = child.stdin.take().unwrap();
        let lines: String = (0..wanted + 3)
            .map(|i| {
                format!(
                    "{{\"name\":\"测试{cycle}-{i}\",\"phone\":\"1380000{:04}\",\"subject\":\"第{cycle}轮第{i}件：路灯不亮\",\"content\":\"夜间道路漆黑，存在安全隐患。\"}}\n",
                    cycle * 10 + i
                )
            })
            .collect();
        // The child may die before reading it all; a broken pipe is expected then.
        let _ = stdin.write_all(lines.as_bytes());
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut got = 0;
        while got < wanted {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap() == 0 {
                break;
            }
            printed.push(line.trim().to_string());
            got += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        drop(stdin);
    }
    assert!(
        printed.len() as u64 > CYCLES,
        "the test printed enough numbers to mean something: {}",
        printed.len()
    );
    let service = Service::open(dir.path(), Arc::new(SystemClock))
        .expect("the store reopens after every kill");
    let owner = service.actor_for_login("owner").unwrap();
    for n in &printed {
        let r = service.call(owner, Request::Case(CaseRef::Number(n.clone())));
        assert!(
            matches!(r, Ok(Reply::Case(_))),
            "{n} was printed but is gone: {r:?}"
        );
    }
    let mut unique = printed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        printed.len(),
        "no number was handed out twice"
    );
    match service
        .call(owner, Request::Check { repair: false })
        .unwrap()
    {
        Reply::Check(r) => assert!(r.sound(), "{:?}", r.problems),
        other => panic!("{other:?}"),
    }
}
