//! Backups: the whole store written as a journal of its own — the settings, users and other
//! records, every case with its timeline, then the counters — so a backup is checked like any
//! journal (`verify-journal`) and restoring it is opening a store on it.

use std::fs::File;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::case_format;
use super::journal::{self, Journal, Verified};
use super::{
    BULK_UNDER_WAY, BackupPlace, Entry, JOURNAL_DIR, JOURNAL_SEQ, META_TREES, Meta, Mutation, Put,
    Store, StoreError, private,
};

/// Cases per backup record.
const BATCH: usize = 4096;

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The store's own bookkeeping that a restored store writes for itself.
fn own_key(tree: Meta, key: &[u8]) -> bool {
    (tree == Meta::Meta && (key == JOURNAL_SEQ || key == super::JOURNAL_MARK))
        || (tree == Meta::Counters && key == BULK_UNDER_WAY.as_bytes())
}

impl Store {
    /// Writes a backup to `file`, which must not exist: into a new work file beside it, made
    /// for us alone and written through its handle only, fsynced, then renamed into place. A
    /// directory another user could swap the file in, and the store's own directory, are
    /// refused. The caller holds off commits meanwhile (the service's write lock, or sole
    /// ownership of the store). Returns what the backup holds.
    pub fn backup(&self, file: &Path) -> Result<Verified, StoreError> {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let Some(name) = file.file_name() else {
            return Err(StoreError::Io {
                path: file.display().to_string(),
                message: "names no file".into(),
            });
        };
        let target = private::Target::open(&dir)?;
        let place = |why| StoreError::BackupPlace {
            path: file.display().to_string(),
            why,
        };
        if target.within(&self.path)? {
            return Err(place(BackupPlace::InsideStore));
        }
        if target.has(name)? {
            return Err(place(BackupPlace::Exists));
        }
        let mut work = target.work_file(name)?;
        let out = work
            .take_file()
            .ok_or_else(|| StoreError::Corrupt("the backup's work file".into()))?;
        let held = out.try_clone().map_err(|e| io(file, e))?;
        let mut j = Journal::into_file(out);
        let month = "backup";
        // Records other than cases, except what is derived from cases or kept per store.
        let mut puts = Vec::new();
        for (tree, _) in META_TREES {
            if matches!(tree, Meta::Counters | Meta::Due) {
                continue;
            }
            for item in self.meta_tree(tree).iter() {
                let (k, v) = item?;
                if !own_key(tree, &k) {
                    puts.push(Put {
                        tree,
                        key: k.to_vec(),
                        value: Some(v.to_vec()),
                    });
                }
            }
        }
        let commit = |j: &mut Journal, puts: Vec<Put>| -> Result<journal::Mark, StoreError> {
            let m = Mutation {
                puts,
                ..Mutation::default()
            };
            j.append(&case_format::encode_entry(&Entry::Commit(m))?, month)
        };
        commit(&mut j, puts)?;
        let mut cases = Vec::new();
        let mut events = Vec::new();
        for item in self.cases.iter() {
            let (_, v) = item?;
            let case = case_format::decode_case(&v)?;
            events.extend(self.events(case.id)?);
            let due = self.indexed_due(case.id)?;
            cases.push((case, due));
            if cases.len() >= BATCH {
                let e = Entry::Bulk {
                    cases: std::mem::take(&mut cases),
                    events: std::mem::take(&mut events),
                    counters: Vec::new(),
                };
                j.append(&case_format::encode_entry(&e)?, month)?;
            }
        }
        // The last cases with every counter (ids and case numbers included) as it stands.
        let mut counters = Vec::new();
        for item in self.meta_tree(Meta::Counters).iter() {
            let (k, v) = item?;
            if let Ok(b) = <[u8; 8]>::try_from(v.as_ref()) {
                counters.push((
                    String::from_utf8_lossy(&k).to_string(),
                    u64::from_be_bytes(b),
                ));
            }
        }
        let e = Entry::Bulk {
            cases,
            events,
            counters,
        };
        let last = j.append(&case_format::encode_entry(&e)?, month)?;
        j.append(
            &case_format::encode_entry(&Entry::End { records: last.seq })?,
            month,
        )?;
        drop(j);
        held.sync_all().map_err(|e| io(file, e))?;
        let verified =
            journal::verify_records(journal::Reader::of_file(held, file.to_path_buf())?, &|| {
                true
            })?
            .ok_or_else(|| StoreError::Corrupt("the backup just written was not read".into()))?;
        if let Some(d) = &verified.damage {
            return Err(StoreError::Corrupt(format!("the backup just written: {d}")));
        }
        work.publish(name)?;
        Ok(verified)
    }

    /// Makes a new store in `dir` from a backup: refuses a directory that holds anything (a
    /// live store above all), checks the backup through, then builds the store in
    /// `DIR.restoring` and renames it into place whole. Until that rename the work directory
    /// says a restore is under way, and no store opens at `dir` (see `no_restore_under_way`):
    /// a restore cut short never turns into a new empty store there.
    pub fn restore(file: &Path, dir: &Path) -> Result<Store, StoreError> {
        let Some(work) = restoring(dir) else {
            return Err(StoreError::Io {
                path: dir.display().to_string(),
                message: "name a new directory for the restored store".into(),
            });
        };
        let busy = dir.exists()
            && std::fs::read_dir(dir)
                .map_err(|e| io(dir, e))?
                .next()
                .is_some();
        if busy {
            return Err(StoreError::Io {
                path: dir.display().to_string(),
                message: "is not empty; restore makes a new store and never overwrites one".into(),
            });
        }
        let verified = journal::verify(vec![file.to_path_buf()])?;
        if let Some(d) = verified.damage {
            return Err(StoreError::Corrupt(format!("the backup: {d}")));
        }
        if !ends_whole(file)? {
            return Err(StoreError::Corrupt(
                "the backup was cut short: it lacks its closing record".into(),
            ));
        }
        // An earlier restore into `dir` that was cut short: this one takes its place.
        if std::fs::symlink_metadata(&work).is_ok() {
            std::fs::remove_dir_all(&work).map_err(|e| io(&work, e))?;
        }
        let parent = work
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
        {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(&work)
                .map_err(|e| io(&work, e))?;
        }
        let from = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let note = work.join(RESTORING_FROM);
        write_private(&note, from.as_os_str().as_encoded_bytes())?;
        // The work directory is the mark of a restore under way: durable before anything else.
        sync_dir(&parent)?;
        let jdir = work.join(JOURNAL_DIR);
        std::fs::create_dir_all(&jdir).map_err(|e| io(&jdir, e))?;
        let month = chrono::Utc::now().format("%Y-%m");
        let to = jdir.join(format!("{:012}-{month}.xfj", 1));
        let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
        write_private(&to, &bytes)?;
        // A backup holds the whole history: the restored store's journal is complete.
        journal::mark_complete(&jdir)?;
        drop(Store::open(&work)?);
        std::fs::remove_file(&note).map_err(|e| io(&note, e))?;
        sync_dir(&work)?;
        // Replaces an empty `dir` in the same step, so there is never a moment with neither.
        std::fs::rename(&work, dir).map_err(|e| io(dir, e))?;
        sync_dir(&parent)?;
        Store::open(dir)
    }
}

/// Inside the work directory of a restore: the backup it restores, for the message that
/// says how to finish it.
const RESTORING_FROM: &str = "restoring-from";

/// `DIR.restoring` beside `dir`, where a restore into `dir` builds the store.
fn restoring(dir: &Path) -> Option<PathBuf> {
    let dir: PathBuf = dir.components().collect();
    let mut name = dir.file_name()?.to_os_string();
    name.push(".restoring");
    Some(dir.with_file_name(name))
}

/// Refuses to open a store in `dir` while a restore into it is unfinished: the user asked for
/// the backup's store there, not a new empty one.
pub(super) fn no_restore_under_way(dir: &Path) -> Result<(), StoreError> {
    let Some(work) = restoring(dir) else {
        return Ok(());
    };
    if std::fs::symlink_metadata(&work).is_err() {
        return Ok(());
    }
    let from = std::fs::read(work.join(RESTORING_FROM)).map_or_else(
        |_| "BACKUP".into(),
        |b| private::shell_quoted(Path::new(std::ffi::OsStr::from_bytes(&b))),
    );
    Err(StoreError::RestoreUnfinished {
        dir: private::shell_quoted(dir),
        work: private::shell_quoted(&work),
        from,
    })
}

/// A new file for us alone, its bytes on disk.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| io(path, e))?;
    f.write_all(bytes).map_err(|e| io(path, e))?;
    f.sync_all().map_err(|e| io(path, e))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))
}

/// Whether a backup's last record is its closing one.
fn ends_whole(file: &Path) -> Result<bool, StoreError> {
    let mut reader = journal::Reader::new(vec![file.to_path_buf()]);
    let mut last = None;
    while let Ok(Some(r)) = reader.next_record()? {
        last = Some(r.payload);
    }
    Ok(last.is_some_and(|p| matches!(case_format::decode_entry(&p), Ok(Entry::End { .. }))))
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
