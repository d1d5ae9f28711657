//! Making sled 0.34 keep what it acknowledged.
//!
//! Measured here under kill -9 and simulated power loss (DESIGN §7), sled 0.34 needs three
//! changes, all in this file:
//! 1. `flush()` ends in `sync_file_range`, which is not an fsync: after every flush we fsync the
//!    `db` file ourselves, or an acknowledged commit can vanish on power loss.
//! 2. A crash while sled writes its start-up snapshot leaves `snap.*.generating`, and the next
//!    open fails with `Corruption`; the file is an unfinished temporary, so we delete it first.
//! 3. sled writes `conf` and creates files at open without syncing the directory; we fsync `conf`
//!    and the directory after open so that a fresh store survives a power cut.

use std::fs::{self, File};
use std::io;
use std::path::Path;

use super::StoreError;

/// sled's page cache; its 1 GB default is far more than a desk needs.
const CACHE_BYTES: u64 = 128 << 20;

/// An open store's files: the database, its `db` file for `sync`, and our own lock.
pub struct Opened {
    pub db: sled::Db,
    pub db_file: File,
    /// Held for the life of the store: taken before anything in the directory is touched, so
    /// a second process never deletes the snapshot a live one is writing.
    pub lock: File,
    /// Where a store sled would not open was moved before a fresh one was made.
    pub set_aside: Option<std::path::PathBuf>,
}

/// Opens the store directory with the three fixes applied.
pub fn open(dir: &Path) -> Result<Opened, StoreError> {
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let lock_path = dir.join("xinfang.lock");
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| StoreError::io(&lock_path, e))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            return Err(StoreError::InUse {
                path: dir.display().to_string(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path, e)),
    }
    remove_unfinished_snapshots(dir)?;
    let mut set_aside = None;
    let db = match open_sled(dir) {
        Ok(db) => db,
        // No room for the snapshot sled writes at open: the reserve makes it, so that the
        // store can be read (changes are refused until there is room again).
        Err(StoreError::Full { .. }) if super::space::release_reserve(dir) => {
            remove_unfinished_snapshots(dir)?;
            open_sled(dir)?
        }
        // sled will not open, but the journal holds everything: keep the broken files aside
        // (never deleted) and start a fresh store that the journal fills.
        Err(e)
            if !matches!(
                e,
                StoreError::InUse { .. } | StoreError::Io { .. } | StoreError::Full { .. }
            ) && has_journal(dir)? =>
        {
            set_aside = Some(move_aside(dir)?);
            open_sled(dir)?
        }
        Err(e) => return Err(e),
    };
    for name in ["conf", "db"] {
        let p = dir.join(name);
        if p.exists() {
            File::open(&p)
                .and_then(|f| f.sync_all())
                .map_err(|e| StoreError::io(&p, e))?;
        }
    }
    sync_dir(dir)?;
    super::space::keep_reserve(dir);
    let db_file = File::open(dir.join("db")).map_err(|e| StoreError::io(dir, e))?;
    Ok(Opened {
        db,
        db_file,
        lock,
        set_aside,
    })
}

/// Whether the journal holds the store's whole history, so the store may be rebuilt from it.
fn has_journal(dir: &Path) -> Result<bool, StoreError> {
    let j = dir.join(super::JOURNAL_DIR);
    Ok(j.join(super::COMPLETE_MARK).exists() && !super::journal::files(&j)?.is_empty())
}

/// Moves sled's files into `broken-<time>/` beside the journal; returns that directory.
fn move_aside(dir: &Path) -> Result<std::path::PathBuf, StoreError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let aside = dir.join(format!("broken-{stamp}"));
    fs::create_dir_all(&aside).map_err(|e| StoreError::io(&aside, e))?;
    let entries = fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))?;
    for e in entries.flatten() {
        let name = e.file_name();
        let n = name.to_string_lossy();
        if n == "db" || n == "conf" || n == "blobs" || n.starts_with("snap.") {
            let to = aside.join(&name);
            fs::rename(e.path(), &to).map_err(|err| StoreError::io(&to, err))?;
        }
    }
    sync_dir(dir)?;
    Ok(aside)
}

/// Flushes sled and fsyncs its data file: only after this is a write acknowledged.
pub fn sync(db: &sled::Db, db_file: &File) -> Result<(), StoreError> {
    db.flush()?;
    db_file.sync_all().map_err(|e| {
        if super::space::is_full(&e) {
            // Named by `Store::commit`, which knows the directory.
            StoreError::Full {
                path: String::new(),
            }
        } else {
            StoreError::Io {
                path: "db".into(),
                message: e.to_string(),
            }
        }
    })
}

/// sled releases its own file lock from a background thread after the last handle of a
/// store in this process is dropped. Holding our lock proves no other store is live, so a
/// lock refusal from sled here is that release still under way: wait for it, boundedly (on a
/// loaded machine the release has taken over 3 s).
fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    const TRIES: u32 = 3000;
    let mut tries = 0;
    #[cfg(test)]
    if FULL_AT_OPEN.with(|f| f.replace(false)) {
        return Err(StoreError::Full {
            path: dir.display().to_string(),
        });
    }
    loop {
        let opened = catch_panic(|| {
            sled::Config::new()
                .path(dir)
                .cache_capacity(CACHE_BYTES)
                .open()
        });
        // sled 0.34 panics at open on some files a power loss left (a page table with a gap:
        // `tried to serialize Uninitialized`): that is files it will not open, like an error.
        let opened = match opened {
            Ok(r) => r,
            Err(panic) => {
                return Err(StoreError::Engine(format!(
                    "sled stopped while opening its files: {panic}"
                )));
            }
        };
        match opened {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(e)) if is_lock_error(&e) && tries < TRIES => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(e) => return Err(open_error(dir, e)),
        }
    }
}

#[cfg(test)]
thread_local! {
    /// The next sled open on this thread fails as on a full disk (sled writes at open).
    pub(super) static FULL_AT_OPEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

thread_local! {
    /// Set while this thread runs `catch_panic`: a panic here is caught, not printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static CAUGHT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`, turning a panic into its message. The panic hook is wrapped once: on a thread
/// inside `catch_panic` it only keeps the message (nothing is sprayed over the terminal);
/// everywhere else it hands over to the hook that was there (the desk's restores the terminal).
pub(super) fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(std::cell::Cell::get) {
                let text = panic_text(info.payload());
                CAUGHT.with(|c| *c.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|payload| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| panic_text(payload.as_ref()))
    })
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

fn remove_unfinished_snapshots(dir: &Path) -> Result<(), StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            fs::remove_file(entry.path()).map_err(|e| StoreError::io(&entry.path(), e))?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io(dir, e))
}

fn open_error(dir: &Path, e: sled::Error) -> StoreError {
    if let sled::Error::Io(io) = &e {
        if is_lock_error(io) {
            return StoreError::InUse {
                path: dir.display().to_string(),
            };
        }
        // Trouble with the disk, not with the store's files: a full disk, no permission, a
        // read-only mount, a failing device. Nothing is set aside for these.
        if super::space::is_full(io) {
            return StoreError::Full {
                path: dir.display().to_string(),
            };
        }
        if matches!(io.raw_os_error(), Some(5 | 13 | 30)) {
            return StoreError::io(dir, std::io::Error::new(io.kind(), io.to_string()));
        }
    }
    StoreError::from(e)
}

/// sled wraps the failed `flock` (EWOULDBLOCK) in an error of its own.
fn is_lock_error(e: &io::Error) -> bool {
    let would_block =
        |e: &io::Error| e.kind() == io::ErrorKind::WouldBlock || e.raw_os_error() == Some(11);
    would_block(e)
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<io::Error>())
            .is_some_and(would_block)
        || e.to_string().contains("could not acquire lock")
}
