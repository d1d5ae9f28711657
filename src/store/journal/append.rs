//! Appending to the journal: a record is on disk (fsynced) when `append` returns, and a full
//! disk breaks nothing: the change is refused before anything is written, or what was
//! written is taken back, and the next append tries again.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::{EXT, HEADER, Journal, MAX_PAYLOAD, Mark, crc, hash, io};
use crate::store::{StoreError, space};

/// Disk trouble made up by tests.
#[cfg(test)]
#[derive(Default)]
pub(in crate::store) struct Faults {
    /// The free space to report instead of the disk's.
    pub free: Option<u64>,
    /// Appends fail after writing this many bytes of the record, as on a full disk.
    pub write_fails_after: Option<usize>,
}

impl Journal {
    /// Appends one record and returns its sequence number once it is on disk. A full disk
    /// refuses it before anything is written, or takes back what was written: nothing is
    /// broken by it, and the next append tries again.
    pub fn append(&mut self, payload: &[u8], month: &str) -> Result<Mark, StoreError> {
        if let Some(d) = &self.broken {
            return Err(StoreError::ReadOnly(d.clone()));
        }
        if self.free().is_some_and(|f| f < space::MIN_FREE) {
            return Err(full(&self.dir));
        }
        if let Some((path, len)) = &self.unfinished {
            OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| f.set_len(*len).and_then(|()| f.sync_data()))
                .map_err(|e| write_error(&self.dir, e))?;
            self.unfinished = None;
        }
        let seq = self.last_seq + 1;
        let prev = self.last_hash;
        let len = u32::try_from(payload.len())
            .ok()
            .filter(|l| *l <= MAX_PAYLOAD)
            .ok_or_else(|| StoreError::Corrupt("a journal record too large".into()))?;
        let mut rec = Vec::with_capacity(HEADER + payload.len());
        rec.extend_from_slice(&len.to_le_bytes());
        rec.extend_from_slice(&crc(seq, &prev, payload).to_le_bytes());
        rec.extend_from_slice(&seq.to_le_bytes());
        rec.extend_from_slice(&prev);
        rec.extend_from_slice(payload);
        #[cfg(test)]
        let fail_after = self.faults.write_fails_after;
        let dir = self.dir.clone();
        let file = self.file_for(month, seq)?;
        let before = file.metadata().map_err(|e| io(&dir, e))?.len();
        #[cfg(test)]
        let written = match fail_after {
            Some(n) => file
                .write_all(&rec[..n.min(rec.len())])
                .and_then(|()| Err(std::io::Error::from_raw_os_error(libc::ENOSPC))),
            None => file.write_all(&rec).and_then(|()| file.sync_data()),
        };
        #[cfg(not(test))]
        let written = file.write_all(&rec).and_then(|()| file.sync_data());
        if let Err(e) = written {
            // Not acknowledged: take the partial record back, now if the disk lets us, else
            // before the next append.
            if file
                .set_len(before)
                .and_then(|()| file.sync_data())
                .is_err()
            {
                let path = self.dir.join(self.file_name.clone().unwrap_or_default());
                self.unfinished = Some((path, before));
            }
            return Err(write_error(&self.dir, e));
        }
        self.last_seq = seq;
        self.last_hash = hash(seq, &prev, payload);
        Ok(Mark {
            seq,
            file: self.file_name.clone().unwrap_or_default(),
            end: before + rec.len() as u64,
            hash: self.last_hash,
        })
    }

    fn free(&self) -> Option<u64> {
        #[cfg(test)]
        if let Some(f) = self.faults.free {
            return Some(f);
        }
        space::free_bytes(&self.dir)
    }

    /// The month's file: the newest one if it is this month's, else a new one named by the
    /// record about to be written (its directory entry made durable).
    fn file_for(&mut self, month: &str, seq: u64) -> Result<&mut File, StoreError> {
        let one_file = self.file.as_ref().is_some_and(|(m, _)| m.is_empty());
        if !one_file && self.file.as_ref().is_none_or(|(m, _)| m != month) {
            let same_month = self.newest.take().filter(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.ends_with(month))
            });
            let path =
                same_month.unwrap_or_else(|| self.dir.join(format!("{seq:012}-{month}.{EXT}")));
            let created = !path.exists();
            let f = {
                use std::os::unix::fs::OpenOptionsExt;
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .mode(0o600)
                    .open(&path)
                    .map_err(|e| write_error(&self.dir, e))?
            };
            if created {
                File::open(&self.dir)
                    .and_then(|d| d.sync_all())
                    .map_err(|e| write_error(&self.dir, e))?;
            }
            self.file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string);
            self.file = Some((month.to_string(), f));
        }
        match self.file.as_mut() {
            Some((_, f)) => Ok(f),
            None => Err(StoreError::Corrupt("journal file not open".into())),
        }
    }
}

/// The disk is full: named by the data directory, which the journal's is in.
fn full(dir: &Path) -> StoreError {
    StoreError::Full {
        path: dir.parent().unwrap_or(dir).display().to_string(),
    }
}

/// A failed write in the journal's directory: a full disk, or trouble with the disk.
fn write_error(dir: &Path, e: std::io::Error) -> StoreError {
    if space::is_full(&e) {
        full(dir)
    } else {
        io(dir, e)
    }
}
