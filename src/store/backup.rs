//! Backups: the whole store written as a journal of its own — the settings, users and other
//! records, every case with its timeline, then the counters — so a backup is checked like any
//! journal (`verify-journal`) and restoring it is opening a store on it.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::journal::{self, Journal, Verified};
use super::{
    BULK_UNDER_WAY, Entry, JOURNAL_DIR, JOURNAL_SEQ, META_TREES, Meta, Mutation, Put, Store,
    StoreError, codec,
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
    /// Writes a backup to `file`, which must not exist: first beside it, fsynced, then renamed
    /// into place. The caller holds off commits meanwhile (the service's write lock, or sole
    /// ownership of the store). Returns what the backup holds.
    pub fn backup(&self, file: &Path) -> Result<Verified, StoreError> {
        if file.exists() {
            return Err(StoreError::Io {
                path: file.display().to_string(),
                message: "already exists; a backup never overwrites a file".into(),
            });
        }
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let work = dir.join(format!(
            ".{}.partial",
            file.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("backup")
        ));
        if work.exists() {
            std::fs::remove_dir_all(&work).map_err(|e| io(&work, e))?;
        }
        let (mut j, _) = Journal::open(&work, |_| Ok(()))?;
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
            j.append(&codec::encode(&Entry::Commit(m))?, month)
        };
        commit(&mut j, puts)?;
        let mut cases = Vec::new();
        let mut events = Vec::new();
        for item in self.cases.iter() {
            let (_, v) = item?;
            let case: crate::domain::case::Case = codec::decode(&v)?;
            events.extend(self.events(case.id)?);
            let due = self.indexed_due(case.id)?;
            cases.push((case, due));
            if cases.len() >= BATCH {
                let e = Entry::Bulk {
                    cases: std::mem::take(&mut cases),
                    events: std::mem::take(&mut events),
                    counters: Vec::new(),
                };
                j.append(&codec::encode(&e)?, month)?;
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
        let last = j.append(&codec::encode(&e)?, month)?;
        j.append(&codec::encode(&Entry::End { records: last.seq })?, month)?;
        drop(j);
        let written = journal::files(&work)?;
        let [one] = written.as_slice() else {
            return Err(StoreError::Corrupt("a backup is one file".into()));
        };
        let verified = journal::verify(vec![one.clone()])?;
        if let Some(d) = &verified.damage {
            return Err(StoreError::Corrupt(format!("the backup just written: {d}")));
        }
        std::fs::rename(one, file).map_err(|e| io(file, e))?;
        std::fs::remove_dir_all(&work).map_err(|e| io(&work, e))?;
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| io(&dir, e))?;
        Ok(verified)
    }

    /// Makes a new store in `dir` from a backup: refuses a directory that holds anything (a
    /// live store above all), checks the backup through, then opens a store on it.
    pub fn restore(file: &Path, dir: &Path) -> Result<Store, StoreError> {
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
        // Made beside the target and renamed into place whole: a restore cut short leaves no
        // half store where the real one should be.
        let partial = dir.with_extension("partial");
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(|e| io(&partial, e))?;
        }
        {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(&partial)
                .map_err(|e| io(&partial, e))?;
        }
        let jdir = partial.join(JOURNAL_DIR);
        std::fs::create_dir_all(&jdir).map_err(|e| io(&jdir, e))?;
        let month = chrono::Utc::now().format("%Y-%m");
        let to = jdir.join(format!("{:012}-{month}.xfj", 1));
        let mut out = File::create(&to).map_err(|e| io(&to, e))?;
        let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
        out.write_all(&bytes).map_err(|e| io(&to, e))?;
        out.sync_all().map_err(|e| io(&to, e))?;
        // A backup holds the whole history: the restored store's journal is complete.
        journal::mark_complete(&jdir)?;
        drop(Store::open(&partial)?);
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(|e| io(dir, e))?;
        }
        std::fs::rename(&partial, dir).map_err(|e| io(dir, e))?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            File::open(parent)
                .and_then(|d| d.sync_all())
                .map_err(|e| io(parent, e))?;
        }
        Store::open(dir)
    }
}

/// Whether a backup's last record is its closing one.
fn ends_whole(file: &Path) -> Result<bool, StoreError> {
    let mut reader = journal::Reader::new(vec![file.to_path_buf()]);
    let mut last = None;
    while let Ok(Some(r)) = reader.next_record()? {
        last = Some(r.payload);
    }
    Ok(last.is_some_and(|p| matches!(codec::decode::<Entry>(&p), Ok(Entry::End { .. }))))
}
