//! `add --stream` against a real server that is killed again and again: every line is
//! registered exactly once.

mod place;
mod pty;

use std::process::Stdio;
use std::thread;
use std::time::Duration;

use place::{Place, Server, cli_json};

#[test]
fn add_stream_outlives_server_crashes_and_registers_each_line_exactly_once() {
    use std::io::{BufRead, BufReader, Write};
    const LINES: usize = 9;
    /// How long the server stays away when killed between two lines: longer than a call made
    /// while it is away used to wait before giving up.
    const OUTAGE: Duration = Duration::from_secs(3);
    let place = Place::new();
    place.init();
    let mut server = Server::start(&place);
    let mut cli = place
        .command()
        .arg("--connect")
        .arg(place.socket())
        .args(["add", "--stream"])
        .env("STATE_DIRECTORY", place.home().join("cli-state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn xinfang add --stream");
    let mut feed = cli.stdin.take().unwrap();
    let (tx, numbers) = std::sync::mpsc::channel();
    let stdout = cli.stdout.take().unwrap();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut printed = Vec::new();
    for i in 0..LINES {
        let line = format!(
            "{{\"name\":\"流式{i}\",\"phone\":\"1380000{i:04}\",\"subject\":\"流式登记第{i}件\",\"content\":\"楼道堆放杂物\"}}\n"
        );
        match i % 3 {
            // Killed while the stream waits for its next line, which then starts while the
            // server is away.
            1 => {
                server.kill();
                feed.write_all(line.as_bytes()).unwrap();
                thread::sleep(OUTAGE);
                server = Server::start(&place);
            }
            // Killed with the line on its way.
            2 => {
                feed.write_all(line.as_bytes()).unwrap();
                server.kill();
                server = Server::start(&place);
            }
            _ => feed.write_all(line.as_bytes()).unwrap(),
        }
        match numbers.recv_timeout(Duration::from_secs(60)) {
            Ok(n) => printed.push(n),
            Err(_) => {
                let _ = cli.kill();
                let out = cli.wait_with_output().unwrap();
                panic!(
                    "line {i} got no number; add --stream: {}\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    drop(feed);
    let out = cli.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.stop();
    let listed = cli_json(&place, &["list", "--queue", "all", "--limit", "500"]);
    let rows = listed["List"]["rows"].as_array().expect("a list").clone();
    let mut numbers: Vec<String> = rows
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_string())
        .collect();
    numbers.sort();
    printed.sort();
    assert_eq!(numbers.len(), LINES, "{numbers:?}");
    assert_eq!(numbers, printed);
}
