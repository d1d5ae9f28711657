//! Sending an issued document through the site's own gateway (短信、电子邮件): a command from the
//! server's config receives one JSON message on stdin; whether it took the message, and what it
//! said, goes on the timeline. It runs in the process that holds the store (the server, or the
//! command line on an embedded store), never in an operator's desk on a shared server.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde::Serialize;

use crate::domain::case::Case;
use crate::domain::document::Issued;
use crate::domain::text::clean_line;

/// What a gateway may say back that is kept: the start of its first line.
const MAX_DETAIL: usize = 200;
/// What is read of its output at most.
const MAX_OUTPUT: u64 = 64 * 1024;

/// The site's gateway: a shell command and how long it may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gateway {
    pub command: String,
    pub timeout: Duration,
}

/// The message on the command's stdin.
#[derive(Serialize)]
struct Message<'a> {
    /// `sms` or `email`.
    method: &'a str,
    phone: &'a str,
    address: &'a str,
    name: &'a str,
    case: &'a str,
    kind: &'a str,
    serial: &'a str,
    text: &'a str,
}

/// What came of a send: taken (exit 0) or not, and a line on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub ok: bool,
    pub detail: String,
}

/// Runs the gateway for `doc` of `case` (the stored record: the gateway needs the full phone).
pub fn send(gateway: &Gateway, case: &Case, doc: &Issued, plain_text: &str) -> Outcome {
    let who = &case.intake.complainant;
    let message = Message {
        method: &doc.method,
        phone: &who.phone,
        address: &who.address,
        name: &who.name,
        case: &case.number,
        kind: doc.kind.code(),
        serial: &doc.serial,
        text: plain_text,
    };
    let body = serde_json::to_vec(&message).unwrap_or_default();
    match run(gateway, &body) {
        Ok((0, out)) => Outcome {
            ok: true,
            detail: first_line(&out),
        },
        Ok((code, out)) => Outcome {
            ok: false,
            detail: format!("exit {code}: {}", first_line(&out)),
        },
        Err(why) => Outcome {
            ok: false,
            detail: why,
        },
    }
}

fn first_line(out: &[u8]) -> String {
    let text = String::from_utf8_lossy(out);
    let line = clean_line(text.lines().next().unwrap_or(""));
    line.chars().take(MAX_DETAIL).collect()
}

/// Runs the command with `stdin`, killing it and its children after the timeout; its exit
/// code and what it printed.
fn run(gateway: &Gateway, stdin: &[u8]) -> Result<(i32, Vec<u8>), String> {
    use std::os::unix::process::CommandExt;
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(&gateway.command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // Its own process group, so a timeout reaches whatever the shell started.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let pid = child.id() as i32;
    let mut input = child.stdin.take();
    let mut output = child.stdout.take();
    let body = stdin.to_vec();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // A gateway that never reads its stdin must not hold this thread: a write error is
        // fine, the exit status says what happened.
        if let Some(mut i) = input.take() {
            let _ = i.write_all(&body);
        }
        let mut out = Vec::new();
        if let Some(o) = output.take() {
            let _ = o.take(MAX_OUTPUT).read_to_end(&mut out);
        }
        let status = child.wait();
        let _ = tx.send((status, out));
    });
    match rx.recv_timeout(gateway.timeout) {
        Ok((Ok(status), out)) => Ok((status.code().unwrap_or(-1), out)),
        Ok((Err(e), _)) => Err(format!("cannot wait: {e}")),
        Err(_) => {
            // SAFETY: kill(2) on the process group this function started; no memory involved.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
            Err(format!("no answer in {} s", gateway.timeout.as_secs()))
        }
    }
}
