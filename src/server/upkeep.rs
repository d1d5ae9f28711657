//! What a server does by itself: a check of the store when it starts, and a backup every
//! day at a quiet hour, keeping the newest few.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use super::Shared;

#[derive(Clone, Debug)]
pub struct Upkeep {
    /// Where backups go; `None` makes none.
    pub backups: Option<PathBuf>,
    /// The local time of day of the daily backup.
    pub at: chrono::NaiveTime,
    /// How many backups to keep; older ones are deleted after a new one verifies.
    pub keep: usize,
    /// Whether to check the store at start.
    pub check: bool,
}

const PREFIX: &str = "xinfang-";
const SUFFIX: &str = ".xfj";
const RETRY: Duration = Duration::from_secs(600);

pub fn run(u: Upkeep, shared: Arc<Shared>) {
    if u.check {
        start_up_check(&shared);
    }
    forget_old_keys(&shared);
    let Some(dir) = u.backups else {
        return;
    };
    if let Err(e) = crate::config::ensure_private_dir(&dir) {
        shared
            .log
            .line(format!("backups: cannot create {}: {e}", dir.display()));
        return;
    }
    let mut tried: Option<std::time::Instant> = None;
    while !shared.stopping.load(Ordering::SeqCst) {
        let slot = last_slot(u.at);
        let due = newest(&dir).is_none_or(|(_, made)| made < slot);
        // A failed backup (a full disk) is tried again later, not every second.
        if due && tried.is_none_or(|t| t.elapsed() >= RETRY) {
            tried = Some(std::time::Instant::now());
            backup(&dir, u.keep, &shared);
            forget_old_keys(&shared);
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// The latest daily time `at` (local) that is not after now: a backup older than it is due.
fn last_slot(at: chrono::NaiveTime) -> SystemTime {
    use chrono::TimeZone;
    let now = chrono::Local::now();
    let today = now.date_naive().and_time(at);
    let slot = if now.naive_local() >= today {
        today
    } else {
        today - chrono::Duration::days(1)
    };
    chrono::Local
        .from_local_datetime(&slot)
        .earliest()
        .map_or_else(SystemTime::now, SystemTime::from)
}

/// Up to this many cases the whole store is checked at start (seconds, with commits waiting);
/// above it only the journal is, and the full check is left to an administrator's quiet hour.
const FULL_CHECK_UP_TO: u64 = 20_000;

fn start_up_check(shared: &Shared) {
    let started = std::time::Instant::now();
    let go_on = || !shared.stopping.load(Ordering::SeqCst);
    match shared.service.verify_journal(&go_on) {
        Ok(None) => {
            shared.log.line("start-up check: stopped with the server");
            return;
        }
        Ok(Some(v)) if v.damage.is_none() => shared.log.line(format!(
            "start-up check: journal intact, {} records up to #{} in {:.1} s",
            v.records,
            v.last_seq.unwrap_or(0),
            started.elapsed().as_secs_f64()
        )),
        Ok(Some(v)) => shared.log.line(format!(
            "start-up check: JOURNAL DAMAGED after {} records: {}; run `xinfang check` and see the recovery runbook",
            v.records,
            v.damage.map(|d| d.to_string()).unwrap_or_default()
        )),
        Err(e) => shared.log.line(format!("start-up check: reading the journal: {e}")),
    }
    let cases = shared.service.case_count().unwrap_or(u64::MAX);
    if cases > FULL_CHECK_UP_TO {
        shared.log.line(format!(
            "start-up check: {cases} cases: the full check of records and indexes is left to \
             `xinfang check` at a quiet hour (commits wait while it runs)"
        ));
        return;
    }
    let started = std::time::Instant::now();
    match shared.service.check_store(false) {
        Ok(r) if r.sound() => shared.log.line(format!(
            "start-up check: sound, {} cases and {} events in {:.1} s",
            r.cases,
            r.events,
            started.elapsed().as_secs_f64()
        )),
        Ok(r) => {
            shared.log.line(format!(
                "start-up check: {} problems; run `xinfang check --repair`",
                r.problems.len()
            ));
            for p in &r.problems {
                shared.log.line(format!("  {p}"));
            }
        }
        Err(e) => shared.log.line(format!("start-up check failed: {e}")),
    }
}

/// Idempotency keys are kept a week: long past any retry.
const KEYS_KEPT: i64 = 7 * 86_400;

fn forget_old_keys(shared: &Shared) {
    let before = crate::domain::time::Timestamp(shared.service.now().0 - KEYS_KEPT);
    match shared.service.forget_request_keys(before) {
        Ok(0) => {}
        Ok(n) => shared
            .log
            .line(format!("forgot {n} request keys older than a week")),
        Err(e) => shared.log.line(format!("forgetting old request keys: {e}")),
    }
}

fn backup(dir: &Path, keep: usize, shared: &Shared) {
    let name = format!(
        "{PREFIX}{}{SUFFIX}",
        chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
    );
    let file = dir.join(name);
    match shared.service.backup_to(&file) {
        Ok(v) => {
            shared.log.line(format!(
                "backup {}: {} records, verified",
                file.display(),
                v.records
            ));
            for old in ours(dir).into_iter().rev().skip(keep.max(1)) {
                match std::fs::remove_file(&old.0) {
                    Ok(()) => shared
                        .log
                        .line(format!("backup {} removed", old.0.display())),
                    Err(e) => shared
                        .log
                        .line(format!("backup {}: cannot remove: {e}", old.0.display())),
                }
            }
        }
        Err(e) => shared
            .log
            .line(format!("backup {} failed: {e}", file.display())),
    }
}

/// Our backups in `dir`, oldest first (their names sort by time).
fn ours(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(PREFIX) && n.ends_with(SUFFIX)
        })
        .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
        .collect();
    found.sort();
    found
}

fn newest(dir: &Path) -> Option<(PathBuf, SystemTime)> {
    ours(dir).pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_slot_is_within_the_past_day() {
        let now = SystemTime::now();
        for hm in ["00:00", "02:15", "12:00", "23:59"] {
            let at = chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap();
            let slot = last_slot(at);
            let age = now.duration_since(slot).unwrap();
            assert!(age <= Duration::from_secs(86_400), "{hm}: {age:?}");
            let local: chrono::DateTime<chrono::Local> = slot.into();
            assert_eq!(local.time(), at, "{hm}");
        }
    }
}
