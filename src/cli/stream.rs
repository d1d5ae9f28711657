//! `xinfang add --stream`: one case per JSON line of standard input, each number printed once
//! the case is on disk. A server that dies meanwhile is waited for: each line is sent again
//! with its own key until it is registered, so every line makes exactly one case.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};

use crate::service::{Reply, Request, RequestKey, ServiceError};

use super::args::{AddArgs, ReportArgs};
use super::{CliResult, Ctx, Failure};

/// How long a line waits for a server that is away before the stream gives up.
const PATIENCE: Duration = Duration::from_secs(600);

/// One JSON line of `add --stream`: the same names as the flags.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct StreamLine {
    channel: Option<String>,
    kind: Option<String>,
    name: String,
    phone: String,
    id_number: String,
    address: String,
    subject: String,
    content: String,
    demands: String,
    category: Option<String>,
    urgency: Option<String>,
    anonymous: bool,
    confidential: bool,
    no_callback: bool,
    accused: Option<String>,
    accused_dept: Option<String>,
}

impl StreamLine {
    fn args(self) -> AddArgs {
        AddArgs {
            channel: self.channel.unwrap_or_else(|| "phone".into()),
            report: ReportArgs {
                kind: self.kind.unwrap_or_else(|| "complaint".into()),
                anonymous: self.anonymous,
                confidential: self.confidential,
                no_callback: self.no_callback,
                accused: self.accused,
                accused_dept: self.accused_dept,
            },
            name: self.name,
            phone: self.phone,
            id_number: self.id_number,
            address: self.address,
            subject: self.subject,
            content: self.content,
            demands: self.demands,
            category: self.category,
            urgency: self.urgency.unwrap_or_else(|| "normal".into()),
            head_count: 1,
            ..AddArgs::default()
        }
    }
}

/// A key of this run's line `n`: the same for every try of that line, never the same as
/// another line's or another run's.
fn line_key(run: &[u8; 32], n: usize) -> RequestKey {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(b"add --stream");
    h.update(run);
    h.update((n as u64).to_be_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&h.finalize()[..16]);
    key
}

/// What identifies this run: the process, its start and a stack address.
fn run_id() -> [u8; 32] {
    use sha2::Digest;
    let marker = 0u8;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let mut h = sha2::Sha256::new();
    h.update(std::process::id().to_be_bytes());
    h.update(now.to_be_bytes());
    h.update((&raw const marker as usize).to_be_bytes());
    h.finalize().into()
}

/// `f` again and again while the server is away, up to `PATIENCE` in a row.
fn patiently<T>(mut f: impl FnMut() -> Result<T, Failure>) -> Result<T, Failure> {
    let since = Instant::now();
    loop {
        match f() {
            Err(Failure::Service(ServiceError::Disconnected)) if since.elapsed() < PATIENCE => {
                // The desk waits for its connection itself; this is only a breath between.
                std::thread::sleep(Duration::from_millis(50));
            }
            r => return r,
        }
    }
}

/// Registers one case per input line and prints its number only once it is on disk, so a
/// script that reads the numbers never holds one that could be lost.
pub fn add_stream(ctx: &Ctx) -> CliResult {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let run = run_id();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let s: StreamLine = serde_json::from_str(&line)
            .with_context(|| format!("line {}: not a valid intake", n + 1))?;
        let args = s.args();
        let key = line_key(&run, n);
        let reply = patiently(|| {
            let intake = super::cases::intake_of(ctx, &args)?;
            let req = Request::Intake {
                intake,
                resolve: None,
                link_to: None,
                draft: None,
                reception: None,
            };
            Ok(ctx.desk.call_keyed(req, Some(key))?)
        })?;
        match reply {
            Reply::Case(v) => writeln!(out, "{}", crate::domain::text::escape(&v.case.number))?,
            _ => return Err(Failure::Other(anyhow!("unexpected reply"))),
        }
        out.flush()?;
    }
    Ok(())
}
