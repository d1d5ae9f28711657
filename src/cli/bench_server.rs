//! `xinfang bench --clients N`: a real `xinfang serve` process on the bench store and N desks
//! registering and updating cases at once. Half way the server is killed with SIGKILL and
//! started again while the desks keep going; at the end it is killed and started once more, and
//! every acknowledged case and update must be there, with no case number twice or skipped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::demo::rng::Rng;
use crate::desk::{Desk, RemoteDesk};
use crate::domain::event::Detail;
use crate::domain::state::Action;
use crate::service::api::{CaseRef, Filter, Page, Queue};
use crate::service::{Reply, Request, RequestKey, ServiceError};

use super::args::BenchArgs;
use super::bench::{Figure, demo_intake, figure};
use super::{CliResult, Failure};

/// How long a desk keeps retrying one request while the server is away.
const GIVE_UP: Duration = Duration::from_secs(300);

#[derive(Serialize)]
struct Report {
    cases: u64,
    clients: u32,
    think_ms: u64,
    seconds: f64,
    requests: u64,
    requests_per_second: f64,
    writes_per_second: f64,
    figures: Vec<Figure>,
    restart_seconds: f64,
    /// Peak RSS of a desk process connected to the server.
    desk_rss_mb: f64,
    acknowledged_cases: u64,
    acknowledged_updates: u64,
    problems: Vec<String>,
}

/// The server as a child process of the bench.
struct Serve {
    child: Child,
}

impl Serve {
    /// `clients`: the desks it must take at once, all of this one OS user.
    fn start(dir: &Path, socket: &Path, state: &Path, clients: u32) -> anyhow::Result<Serve> {
        let exe = std::env::current_exe().context("finding this program")?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(state.join("serve.err"))?;
        let child = Command::new(exe)
            .arg("serve")
            .arg("--data")
            .arg(dir)
            .arg("--socket")
            .arg(socket)
            .args(["--no-check", "--no-backups"])
            .arg(format!("--max-per-user={}", clients + 8))
            .arg(format!("--max-connections={}", clients + 64))
            .env("STATE_DIRECTORY", state)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .context("starting xinfang serve")?;
        Ok(Serve { child })
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn terminate(&mut self) {
        // SAFETY: signals our own child by its pid, which we have not waited for yet.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
    }
}

fn connect(socket: &Path, drafts: &Path, within: Duration) -> anyhow::Result<RemoteDesk> {
    let deadline = Instant::now() + within;
    loop {
        match RemoteDesk::connect(socket, drafts) {
            Ok(d) => return Ok(d),
            Err(e) if Instant::now() > deadline => return Err(anyhow!("{e}")),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// The OS login the server will know this process by, as a user with every desk role. Done
/// by a child process, so that the desks' process never holds the store's memory.
fn ensure_user(dir: &Path) -> anyhow::Result<()> {
    let login = crate::os_user::login_of(crate::os_user::my_uid())
        .ok_or_else(|| anyhow!("this uid has no login name"))?;
    let exe = std::env::current_exe().context("finding this program")?;
    let out = Command::new(exe)
        .arg("--data")
        .arg(dir)
        .args(["--lang", "en", "user", "add", &login, "--name", &login])
        .args([
            "--role",
            "operator",
            "--role",
            "clerk",
            "--role",
            "supervisor",
        ])
        .output()
        .context("adding the bench user")?;
    let said = String::from_utf8_lossy(&out.stderr);
    if out.status.success() || said.contains("already") {
        Ok(())
    } else {
        Err(anyhow!("adding {login} to the bench store: {said}"))
    }
}

#[derive(Default)]
struct Client {
    /// (what, how long) of requests made while the server was up throughout.
    samples: Vec<(&'static str, Duration)>,
    /// Each registered case's number, its last acknowledged version and content.
    cases: Vec<(String, u64, String)>,
    updates: u64,
    errors: Vec<String>,
}

struct Run {
    stop: AtomicBool,
    /// Set while the server is being killed and restarted: those waits are not latencies.
    outage: AtomicBool,
}

fn key(client: u32, n: u64) -> RequestKey {
    let mut k = [0u8; 16];
    let digest = Sha256::new()
        .chain_update(std::process::id().to_be_bytes())
        .chain_update(client.to_be_bytes())
        .chain_update(n.to_be_bytes())
        .finalize();
    k.copy_from_slice(&digest[..16]);
    k
}

impl Client {
    /// Sends until answered: a retry carries the same key, so nothing is made twice.
    fn call(
        &mut self,
        desk: &RemoteDesk,
        run: &Run,
        what: &'static str,
        req: Request,
        key: Option<RequestKey>,
    ) -> Option<Reply> {
        let deadline = Instant::now() + GIVE_UP;
        loop {
            let calm = !run.outage.load(Ordering::SeqCst);
            let t = Instant::now();
            match desk.call_with_key(req.clone(), key) {
                Ok(r) => {
                    if calm && !run.outage.load(Ordering::SeqCst) {
                        self.samples.push((what, t.elapsed()));
                    }
                    return Some(r);
                }
                Err(ServiceError::Disconnected) if Instant::now() < deadline => {}
                Err(e) => {
                    self.errors.push(format!("{what}: {e}"));
                    return None;
                }
            }
        }
    }

    fn work(&mut self, id: u32, desk: &RemoteDesk, run: &Run, think: u64, seed: u64) {
        let mut rng = Rng::new(seed ^ u64::from(id).wrapping_mul(0x9e37_79b9));
        let mut n = 0u64;
        let pause = |rng: &mut Rng| {
            if think > 0 {
                std::thread::sleep(Duration::from_millis(rng.range(0, 2 * think)));
            }
        };
        // Desks start over one cycle's time, as people do, not all in the same millisecond.
        std::thread::sleep(Duration::from_millis(rng.range(0, 12 * think + 1)));
        while !run.stop.load(Ordering::SeqCst) {
            n += 1;
            let intake = demo_intake(&mut rng);
            let phone = intake.complainant.phone.clone();
            let req = Request::Intake {
                intake,
                resolve: None,
                link_to: None,
                draft: None,
                reception: None,
            };
            let Some(Reply::Case(v)) = self.call(desk, run, "intake", req, Some(key(id, n * 4)))
            else {
                continue;
            };
            let number = v.case.number.clone();
            self.cases.push((
                number.clone(),
                v.case.version,
                v.case.intake.content.clone(),
            ));
            pause(&mut rng);
            self.call(
                desk,
                run,
                "read: case",
                Request::Case(CaseRef::Number(number.clone())),
                None,
            );
            pause(&mut rng);
            let accept = Request::Act {
                case: CaseRef::Number(number.clone()),
                version: v.case.version,
                action: Action::Accept,
                detail: Detail::default(),
            };
            let Some(Reply::Case(v)) =
                self.call(desk, run, "accept", accept, Some(key(id, n * 4 + 1)))
            else {
                continue;
            };
            self.updates += 1;
            if let Some(last) = self.cases.last_mut() {
                last.1 = v.case.version;
            }
            pause(&mut rng);
            let inbox = Request::Inbox {
                queue: Queue::Mine,
                filter: Filter::default(),
                page: Page::default(),
            };
            self.call(desk, run, "read: inbox page", inbox, None);
            pause(&mut rng);
            let mut intake = v.case.intake.clone();
            intake
                .content
                .push_str(&format!("（第{n}次补充：来电人再次反映）"));
            let edit = Request::Edit {
                case: CaseRef::Number(number.clone()),
                version: v.case.version,
                intake,
            };
            if let Some(Reply::Case(v)) =
                self.call(desk, run, "edit", edit, Some(key(id, n * 4 + 2)))
            {
                self.updates += 1;
                if let Some(last) = self.cases.last_mut() {
                    last.1 = v.case.version;
                    last.2 = v.case.intake.content.clone();
                }
            }
            pause(&mut rng);
            let history = Request::CallerHistory {
                phone: Some(phone),
                id_number: None,
                limit: 20,
            };
            self.call(desk, run, "read: caller history", history, None);
            pause(&mut rng);
        }
    }
}

pub fn run(dir: &Path, clients: u32, args: &BenchArgs, json: bool) -> CliResult {
    ensure_user(dir)?;
    let tmp: PathBuf = std::env::temp_dir().join(format!("xinfang-bench-{}", std::process::id()));
    crate::config::ensure_private_dir(&tmp)?;
    let socket = tmp.join("xf.sock");
    let result = load(dir, &tmp, &socket, clients, args);
    let _ = std::fs::remove_dir_all(&tmp);
    let report = result.map_err(Failure::Other)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).context("JSON")?);
    } else {
        print(&report);
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Unsound)
    }
}

fn load(
    dir: &Path,
    tmp: &Path,
    socket: &Path,
    clients: u32,
    args: &BenchArgs,
) -> anyhow::Result<Report> {
    let mut server = Serve::start(dir, socket, tmp, clients)?;
    let probe = connect(socket, &tmp.join("probe"), Duration::from_secs(300))?;
    let total = |d: &RemoteDesk| match d.call(Request::Summary) {
        Ok(Reply::Summary(s)) => Ok(s.total),
        other => Err(anyhow!("summary: {other:?}")),
    };
    let before = total(&probe)?;
    drop(probe);
    eprintln!("{clients} desks on a server of {before} cases …");
    let run = Arc::new(Run {
        stop: AtomicBool::new(false),
        outage: AtomicBool::new(false),
    });
    let mut threads = Vec::new();
    for id in 0..clients {
        let desk = connect(
            socket,
            &tmp.join(format!("drafts-{id}")),
            Duration::from_secs(60),
        )?;
        let run = run.clone();
        let (think, seed) = (args.think_ms, args.seed);
        threads.push(std::thread::spawn(move || {
            let mut c = Client::default();
            c.work(id, &desk, &run, think, seed);
            c
        }));
    }
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(args.seconds));
    let seconds = started.elapsed().as_secs_f64();
    // Half way: the server dies with requests in flight and comes back.
    run.outage.store(true, Ordering::SeqCst);
    server.kill();
    let t = Instant::now();
    server = Serve::start(dir, socket, tmp, clients)?;
    drop(connect(
        socket,
        &tmp.join("probe"),
        Duration::from_secs(300),
    )?);
    let restart_seconds = t.elapsed().as_secs_f64();
    // The desks come back by themselves; let them work on a while after.
    std::thread::sleep(Duration::from_secs(3));
    run.stop.store(true, Ordering::SeqCst);
    let mut all = Vec::new();
    for t in threads {
        all.push(t.join().map_err(|_| anyhow!("a desk thread panicked"))?);
    }
    // The end: killed once more, and everything acknowledged must be there.
    server.kill();
    let mut server = Serve::start(dir, socket, tmp, clients)?;
    let checker = connect(socket, &tmp.join("probe"), Duration::from_secs(300))?;
    let problems = verify(&checker, &all, before, total(&checker)?);
    drop(checker);
    // A desk on this server, as a person starts one: no store to open, only a connection.
    let (starts, desk_rss_mb) =
        super::bench_desk::process_start(&["--connect".as_ref(), socket.as_os_str()])?;
    server.terminate();

    let mut samples: Vec<(&str, Duration)> = Vec::new();
    for c in &all {
        samples.extend(c.samples.iter().copied());
    }
    let requests = samples.len() as u64;
    let writes = samples
        .iter()
        .filter(|(w, _)| !w.starts_with("read"))
        .count() as f64;
    let mut figures = vec![figure(
        "every request",
        Some(20.0),
        samples.iter().map(|s| s.1).collect(),
    )];
    for what in [
        "intake",
        "accept",
        "edit",
        "read: case",
        "read: inbox page",
        "read: caller history",
    ] {
        figures.push(figure(
            what,
            None,
            samples
                .iter()
                .filter(|s| s.0 == what)
                .map(|s| s.1)
                .collect(),
        ));
    }
    figures.push(figure(
        "desk on the server: start to first case shown",
        Some(200.0),
        starts,
    ));
    Ok(Report {
        desk_rss_mb,
        cases: before,
        clients,
        think_ms: args.think_ms,
        seconds,
        requests,
        requests_per_second: requests as f64 / seconds,
        writes_per_second: writes / seconds,
        figures,
        restart_seconds,
        acknowledged_cases: all.iter().map(|c| c.cases.len() as u64).sum(),
        acknowledged_updates: all.iter().map(|c| c.updates).sum(),
        problems,
    })
}

/// Every acknowledged case is there at its last acknowledged version and content, the store
/// grew by exactly those cases, and their numbers run on without a gap or a repeat.
fn verify(desk: &RemoteDesk, all: &[Client], before: u64, after: u64) -> Vec<String> {
    let mut problems: Vec<String> = all.iter().flat_map(|c| c.errors.clone()).collect();
    let mut seqs = Vec::new();
    for (number, version, content) in all.iter().flat_map(|c| c.cases.iter()) {
        match desk.call(Request::Case(CaseRef::Number(number.clone()))) {
            Ok(Reply::Case(v))
                if v.case.version == *version && v.case.intake.content == *content => {}
            Ok(Reply::Case(v)) => problems.push(format!(
                "{number}: acknowledged version {version}, stored {}",
                v.case.version
            )),
            other => problems.push(format!("{number}: acknowledged but {other:?}")),
        }
        match number
            .rsplit('-')
            .next()
            .and_then(|s| s.parse::<u64>().ok())
        {
            Some(n) => seqs.push(n),
            None => problems.push(format!("{number}: no sequence number")),
        }
    }
    let acked = seqs.len() as u64;
    if after != before + acked {
        problems.push(format!(
            "{acked} cases acknowledged, but the store grew from {before} to {after}"
        ));
    }
    seqs.sort_unstable();
    if let Some(w) = seqs.windows(2).find(|w| w[1] != w[0] + 1) {
        problems.push(format!("case numbers jump from {} to {}", w[0], w[1]));
    }
    problems
}

fn print(r: &Report) {
    println!(
        "xinfang bench --clients {} — {} cases, think {} ms, {:.1} s measured",
        r.clients, r.cases, r.think_ms, r.seconds
    );
    println!(
        "{:<44} {:>10} ({:.0}/s, writes {:.0}/s)",
        "requests answered", r.requests, r.requests_per_second, r.writes_per_second
    );
    super::bench::print_figures(&r.figures);
    println!(
        "{:<44} {:>10.1} MB   (budget 50)",
        "desk on the server: process peak RSS", r.desk_rss_mb
    );
    println!(
        "{:<44} {:>10.1} s",
        "server restart after SIGKILL, to first desk", r.restart_seconds
    );
    println!(
        "{:<44} {:>10} cases, {} updates",
        "acknowledged", r.acknowledged_cases, r.acknowledged_updates
    );
    if r.problems.is_empty() {
        println!(
            "after SIGKILL and restart: every acknowledged case and update is there; numbers run on without a gap or a repeat"
        );
    } else {
        println!("PROBLEMS ({}):", r.problems.len());
        for p in r.problems.iter().take(20) {
            println!("  {p}");
        }
    }
}
