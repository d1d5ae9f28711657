//! `xinfang bench`: builds (or reuses) a store of N demo cases and prints the figures of
//! DESIGN §6. A command, never a timed test.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use etcetera::BaseStrategy;
use serde::Serialize;

use crate::demo::{corpus, rng::Rng};
use crate::domain::case::{Channel, Complainant, Intake, Kind};
use crate::domain::event::Detail;
use crate::domain::state::Action;
use crate::service::api::{CaseRef, Filter, Page, Queue};
use crate::service::{Actor, Reply, Request, Service, SystemClock};

use super::args::BenchArgs;
use super::{CliResult, Failure};

const ROUNDS: usize = 200;

#[derive(Serialize)]
pub struct Figure {
    what: &'static str,
    p50_ms: f64,
    p99_ms: f64,
    budget_ms: Option<f64>,
}

#[derive(Serialize)]
struct Report {
    cases: u64,
    build_seconds: Option<f64>,
    open_ms: f64,
    figures: Vec<Figure>,
    store_bytes: u64,
    peak_rss_mb: f64,
    /// Bytes written to the terminal per character typed into the intake form.
    desk_bytes_per_char: f64,
    /// Peak RSS of a desk process (with its embedded store), from start to its first frame.
    desk_rss_mb: f64,
    /// Seconds to rebuild the whole store from its journal, when asked.
    rebuild_seconds: Option<f64>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Figure {
    /// One row of the printed table, marked when the p99 is over its budget.
    pub fn line(&self) -> String {
        let budget = self.budget_ms.map(|b| format!("{b}")).unwrap_or_default();
        let flag = if self.budget_ms.is_some_and(|b| self.p99_ms > b) {
            "  over"
        } else {
            ""
        };
        format!(
            "{:<44} {:>10.3} {:>10.3} {:>10}{flag}",
            self.what, self.p50_ms, self.p99_ms, budget
        )
    }
}

/// The figures as a table under its heading.
pub fn print_figures(figures: &[Figure]) {
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "", "p50 ms", "p99 ms", "budget"
    );
    for f in figures {
        println!("{}", f.line());
    }
}

pub fn figure(what: &'static str, budget: Option<f64>, mut samples: Vec<Duration>) -> Figure {
    samples.sort();
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    Figure {
        what,
        p50_ms: ms(at(0.5)),
        p99_ms: ms(at(0.99)),
        budget_ms: budget,
    }
}

fn timed(
    n: usize,
    mut f: impl FnMut(usize) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i)?;
        out.push(t.elapsed());
    }
    Ok(out)
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn bench_dir(flag: Option<&Path>, cases: u64) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    let base = etcetera::choose_base_strategy().map_err(|e| anyhow!("no home directory: {e}"))?;
    Ok(base
        .cache_dir()
        .join("xinfang")
        .join(format!("bench-{cases}")))
}

/// The bench store's first user: the administrator who built it, whoever runs the bench now.
const BUILDER: Actor = Actor { user: 1, via: None };

fn login(s: &Service, name: &str) -> anyhow::Result<Actor> {
    s.act_as(BUILDER, name).map_err(|e| anyhow!("{e}"))
}

fn call(s: &Service, a: Actor, r: Request) -> anyhow::Result<Reply> {
    s.call(a, r).map_err(|e| anyhow!("{e}"))
}

pub fn run(args: &BenchArgs, data: Option<&Path>, json: bool) -> CliResult {
    let dir = bench_dir(data, args.cases)?;
    let marker = dir.join("bench-marker");
    let wanted = format!("{} {}", args.cases, args.seed);
    let mut build_seconds = None;
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(wanted.as_str()) {
        // Only a directory the bench made itself (it has the marker) or an empty one is cleared:
        // `--data` must never point the bench at a real store.
        let empty = std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_none());
        if !empty && !marker.exists() {
            return Err(Failure::Other(anyhow!(
                "{} is not a bench store; give bench an empty or new directory",
                dir.display()
            )));
        }
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
        crate::config::ensure_private_dir(&dir)?;
        eprintln!("building {} demo cases in {} …", args.cases, dir.display());
        let t = Instant::now();
        let s = Service::open(&dir, Arc::new(SystemClock))?;
        let admin = s.actor_for_login(&crate::config::os_login())?;
        s.call(
            admin,
            Request::LoadDemo {
                cases: args.cases,
                seed: args.seed,
            },
        )?;
        drop(s);
        crate::store::Store::settle(&dir)?;
        build_seconds = Some(t.elapsed().as_secs_f64());
        std::fs::write(&marker, &wanted)?;
    }
    if let Some(clients) = args.clients {
        return super::bench_server::run(&dir, clients, args, json);
    }
    let t = Instant::now();
    let s = Arc::new(Service::open(&dir, Arc::new(SystemClock))?);
    let open_ms = ms(t.elapsed());
    let mut figures = measure(&s, args).map_err(Failure::Other)?;
    let desk = super::bench_desk::measure(&s, login(&s, "demo-clerk")?).map_err(Failure::Other)?;
    figures.extend(desk.figures);
    let store_bytes = dir_size(&dir);
    drop(s);
    figures.push(figure(
        "overdue (whole CLI process)",
        Some(10.0),
        cli_overdue(&dir)?,
    ));
    let rebuild_seconds = if args.rebuild {
        Some(rebuild(&dir)?)
    } else {
        None
    };
    let (starts, desk_rss_mb) =
        super::bench_desk::process_start(&["--data".as_ref(), dir.as_os_str()])?;
    figures.push(figure(
        "desk: whole process, start to first case shown",
        Some(200.0),
        starts,
    ));
    let report = Report {
        cases: args.cases,
        build_seconds,
        open_ms,
        figures,
        store_bytes,
        peak_rss_mb: peak_rss_mb(),
        desk_bytes_per_char: desk.bytes_per_char,
        desk_rss_mb,
        rebuild_seconds,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report).context("JSON")?);
    } else {
        print(&report);
    }
    Ok(())
}

/// A fresh store in a directory beside the bench store, made from a copy of its journal.
fn rebuild(dir: &Path) -> anyhow::Result<f64> {
    let target = dir.with_extension("rebuilt");
    if target.exists() {
        std::fs::remove_dir_all(&target)?;
    }
    let journal = target.join(crate::store::JOURNAL_DIR);
    std::fs::create_dir_all(&journal)?;
    for f in crate::store::journal::files(&dir.join(crate::store::JOURNAL_DIR))? {
        if let Some(name) = f.file_name() {
            std::fs::copy(&f, journal.join(name))?;
        }
    }
    let t = Instant::now();
    let store = crate::store::Store::open(&target)?;
    let seconds = t.elapsed().as_secs_f64();
    drop(store);
    std::fs::remove_dir_all(&target)?;
    Ok(seconds)
}

/// `xinfang overdue` as a separate process, as this OS user: the store's builder.
fn cli_overdue(dir: &Path) -> anyhow::Result<Vec<Duration>> {
    let exe = std::env::current_exe()?;
    timed(20, |_| {
        let out = std::process::Command::new(&exe)
            .arg("--data")
            .arg(dir)
            .args(["overdue", "--limit", "50"])
            .output()?;
        if !out.status.success() {
            return Err(anyhow!(
                "overdue failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    })
}

fn measure(s: &Service, args: &BenchArgs) -> anyhow::Result<Vec<Figure>> {
    let clerk = login(s, "demo-clerk")?;
    let leader = login(s, "demo-leader")?;
    let officer = login(s, "demo-officer-zjj").or_else(|_| login(s, "demo-clerk"))?;
    let mut rng = Rng::new(args.seed ^ 0x5eed);
    // The first count of late cases reads every open case's due time into memory.
    let started = Instant::now();
    let total = s.call(leader, Request::Summary).map(|r| match r {
        Reply::Summary(x) => x.total,
        _ => 0,
    })?;
    let mut figs = vec![figure(
        "summary, first call (loads due times)",
        None,
        vec![started.elapsed()],
    )];
    let mut numbers = Vec::new();
    let mut phones = Vec::new();
    figs.push(figure(
        "durable intake",
        Some(20.0),
        timed(args.intakes as usize, |_| {
            let intake = demo_intake(&mut rng);
            let phone = intake.complainant.phone.clone();
            if let Reply::Case(v) = call(
                s,
                clerk,
                Request::Intake {
                    intake,
                    resolve: None,
                    link_to: None,
                    draft: None,
                    reception: None,
                },
            )? {
                numbers.push((v.case.number.clone(), v.case.version));
                phones.push(phone);
            }
            Ok(())
        })?,
    ));
    figs.push(figure(
        "state transition (accept, durable)",
        Some(20.0),
        timed(numbers.len(), |i| {
            let (n, v) = &numbers[i];
            call(
                s,
                clerk,
                Request::Act {
                    case: CaseRef::Number(n.clone()),
                    version: *v,
                    action: Action::Accept,
                    detail: Detail::default(),
                },
            )?;
            Ok(())
        })?,
    ));
    let page = Page {
        limit: 50,
        after: None,
    };
    for (what, actor, queue) in [
        (
            "inbox first page (clerk: untriaged)",
            clerk,
            Queue::Untriaged,
        ),
        (
            "inbox first page (officer: department)",
            officer,
            Queue::Department,
        ),
        (
            "inbox first page (supervisor: all open)",
            leader,
            Queue::AllOpen,
        ),
    ] {
        figs.push(figure(
            what,
            Some(10.0),
            timed(ROUNDS, |_| {
                call(
                    s,
                    actor,
                    Request::Inbox {
                        queue,
                        filter: Filter::default(),
                        page: page.clone(),
                    },
                )?;
                Ok(())
            })?,
        ));
    }
    figs.push(figure(
        "overdue first page (50)",
        Some(5.0),
        timed(ROUNDS, |_| {
            call(
                s,
                leader,
                Request::Overdue {
                    limit: 50,
                    include_due_soon: true,
                },
            )?;
            Ok(())
        })?,
    ));
    let ids: Vec<u64> = (0..ROUNDS).map(|_| 1 + rng.below(total.max(1))).collect();
    figs.push(figure(
        "case detail",
        Some(10.0),
        timed(ROUNDS, |i| {
            call(s, leader, Request::Case(CaseRef::Id(ids[i])))?;
            Ok(())
        })?,
    ));
    figs.push(figure(
        "caller history (phone)",
        Some(10.0),
        timed(phones.len(), |i| {
            call(
                s,
                clerk,
                Request::CallerHistory {
                    phone: Some(phones[i].clone()),
                    id_number: None,
                    limit: 20,
                },
            )?;
            Ok(())
        })?,
    ));
    for (what, terms) in [
        ("search, 2 characters, first page", TWO),
        ("search, 4 characters, first page", FOUR),
    ] {
        figs.push(figure(
            what,
            Some(50.0),
            timed(ROUNDS / 4, |i| {
                call(
                    s,
                    leader,
                    Request::Search {
                        text: terms[i % terms.len()].to_string(),
                        page: Page {
                            limit: 20,
                            after: None,
                        },
                    },
                )?;
                Ok(())
            })?,
        ));
    }
    Ok(figs)
}

const TWO: &[&str] = &["电梯", "噪音", "工资", "物业", "医院", "违建"];
const FOUR: &[&str] = &["拖欠工资", "小区电梯", "噪音扰民", "物业公司", "停车收费"];

/// A realistic phone complaint from the demo corpus.
pub fn demo_intake(rng: &mut Rng) -> Intake {
    let p = corpus::person(rng);
    let m = corpus::matter(rng);
    let complainant = Complainant {
        name: p.name,
        phone: p.phone,
        address: p.address,
        head_count: 1,
        ..Complainant::default()
    };
    Intake {
        demands: m.demands,
        ..Intake::new(
            Channel::Phone,
            Kind::Complaint,
            complainant,
            m.subject,
            m.content,
        )
    }
}

fn print(r: &Report) {
    println!("xinfang bench — {} cases", r.cases);
    if let Some(b) = r.build_seconds {
        println!("{:<44} {:>10.1} s", "build demo store", b);
    }
    println!("{:<44} {:>10.1} ms", "open store", r.open_ms);
    print_figures(&r.figures);
    println!(
        "{:<44} {:>10.1} MB",
        "store size on disk",
        r.store_bytes as f64 / 1_048_576.0
    );
    println!(
        "{:<44} {:>10.1}   (budget < 100)",
        "desk: bytes written per typed character", r.desk_bytes_per_char
    );
    println!(
        "{:<44} {:>10.1} MB   (budget 50)",
        "desk: process peak RSS, embedded store", r.desk_rss_mb
    );
    if let Some(s) = r.rebuild_seconds {
        println!("{:<44} {:>10.1} s", "rebuild the store from its journal", s);
    }
    println!("{:<44} {:>10.1} MB", "peak RSS", r.peak_rss_mb);
}
