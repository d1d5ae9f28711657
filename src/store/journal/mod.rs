//! The journal: every committed mutation, appended and fsynced before the store applies it.
//! It is the durable record of what happened and when; the sled store can be brought up to
//! date from it.
//!
//! A file per month, named by its first record and month (`journal/000000000042-2026-03.xfj`)
//! so that the files sort in record order whatever the clock did; never rewritten except to
//! cut a torn last record.
//! One record:
//!
//! ```text
//! length u32 LE   bytes of payload
//! crc32  u32 LE   of seq, prev and payload
//! seq    u64 LE   1, 2, 3 … across files
//! prev   [u8; 32] SHA-256 of the previous record (zeros before the first)
//! payload         versioned postcard (see `store::entry`)
//! ```
//!
//! A record's hash is SHA-256 of seq, prev and payload, so a changed byte anywhere breaks the
//! chain at that record, and the chain names its sequence number.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

mod append;
mod reader;

pub use reader::Reader;
use reader::first_seq;

use super::{StoreError, space};

const HEADER: usize = 4 + 4 + 8 + 32;
/// The largest payload a record may claim; a larger length is damage, not data.
const MAX_PAYLOAD: u32 = 256 << 20;
const EXT: &str = "xfj";

pub type Hash = [u8; 32];

/// One record read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub seq: u64,
    pub prev: Hash,
    pub payload: Vec<u8>,
    pub hash: Hash,
    /// Where it ends.
    pub mark: Mark,
}

/// Where a record ends and what it hashed to: a store keeps the mark of the last record it
/// applied, so that opening reads only the records after it, not the whole journal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mark {
    pub seq: u64,
    /// The file's name in the journal directory.
    pub file: String,
    /// The offset just after the record.
    pub end: u64,
    pub hash: Hash,
}

/// What is wrong with a journal, where.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Damage {
    /// The last record of the last file stops short: a write cut by a crash.
    TornTail {
        file: PathBuf,
        offset: u64,
        bytes: u64,
    },
    /// A record's checksum does not match its bytes.
    Checksum { file: PathBuf, seq: u64 },
    /// A record does not follow the one before it (a changed, removed or inserted record).
    Chain { file: PathBuf, seq: u64 },
    /// A length no record can have, or one that runs past the records after it.
    Length {
        file: PathBuf,
        offset: u64,
        seq: u64,
    },
    /// The journal ends before the last record the store has applied: records are missing.
    Behind { journal: u64, store: u64 },
    /// Records are missing at the start of what was read: the first has this number, not
    /// the one the store needs next.
    Gap { expected: u64, found: u64 },
    /// A record is in the journal but the store could not apply it; reopening applies it.
    Unapplied { seq: u64 },
    /// A bulk load (demo data) stopped part way: its cases and counters cannot be trusted.
    Interrupted,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::TornTail {
                file,
                offset,
                bytes,
            } => write!(
                f,
                "{}: the last record is incomplete ({bytes} bytes at offset {offset})",
                file.display()
            ),
            Damage::Checksum { file, seq } => {
                write!(f, "{}: record {seq} fails its checksum", file.display())
            }
            Damage::Chain { file, seq } => write!(
                f,
                "{}: record {seq} does not follow the record before it",
                file.display()
            ),
            Damage::Length { file, offset, seq } => write!(
                f,
                "{}: record {seq} (offset {offset}) has a damaged length",
                file.display()
            ),
            Damage::Gap { expected, found } => write!(
                f,
                "records are missing: the journal goes on at record {found}, the store needs {expected}"
            ),
            Damage::Unapplied { seq } => write!(
                f,
                "record {seq} is in the journal but the store could not apply it; reopen the store (restart the server or the desk) to apply it"
            ),
            Damage::Interrupted => write!(
                f,
                "a demo data load stopped part way, so its cases cannot be trusted; remove the data directory and run `xinfang demo` again"
            ),
            Damage::Behind { journal, store } => write!(
                f,
                "the journal ends at record {journal} but the store has applied record {store}: records are missing from the journal"
            ),
        }
    }
}

impl Damage {
    /// Why a store with this damage takes no changes, and the one thing to do about it.
    pub fn read_only(&self) -> String {
        match self {
            Damage::Unapplied { .. } | Damage::Interrupted => self.to_string(),
            _ => format!(
                "the journal is damaged ({self}); keep the data directory as it is and follow the recovery runbook"
            ),
        }
    }
}

fn hash(seq: u64, prev: &Hash, payload: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(seq.to_le_bytes());
    h.update(prev);
    h.update(payload);
    h.finalize().into()
}

fn crc(seq: u64, prev: &Hash, payload: &[u8]) -> u32 {
    let mut c = crc32fast::Hasher::new();
    c.update(&seq.to_le_bytes());
    c.update(prev);
    c.update(payload);
    c.finalize()
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The journal files of a directory, oldest first.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXT))
        .collect();
    out.sort();
    Ok(out)
}

/// Cuts a torn last record off `file` at `offset`, keeping the cut bytes beside it
/// (`2026-03.xfj.cut-1234`, owner only: they may hold personal data): a damaged length can look
/// like a torn tail, and nothing is deleted. On a full disk the store's reserve makes the room
/// (a crash right after the disk filled in an append leaves just this).
fn cut_tail(file: &Path, offset: u64) -> Result<(), StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    let aside = PathBuf::from(format!("{}.cut-{offset}", file.display()));
    let cut = || -> Result<(), (&Path, std::io::Error)> {
        let data = std::fs::read(file).map_err(|e| (file, e))?;
        let tail = data.get(offset as usize..).unwrap_or_default();
        let mut a = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&aside)
            .map_err(|e| (aside.as_path(), e))?;
        a.write_all(tail).map_err(|e| (aside.as_path(), e))?;
        a.sync_all().map_err(|e| (aside.as_path(), e))?;
        let f = OpenOptions::new()
            .write(true)
            .open(file)
            .map_err(|e| (file, e))?;
        f.set_len(offset).map_err(|e| (file, e))?;
        f.sync_all().map_err(|e| (file, e))
    };
    let data_dir = file.parent().and_then(Path::parent).unwrap_or(file);
    match cut() {
        Err((_, e)) if space::is_full(&e) && space::release_reserve(data_dir) => cut(),
        done => done,
    }
    .map_err(|(path, e)| {
        if space::is_full(&e) {
            StoreError::Full {
                path: data_dir.display().to_string(),
            }
        } else {
            io(path, e)
        }
    })
}

/// Marks the journal in `dir` as holding its store's whole history (see `Store::open`).
pub fn mark_complete(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mark = dir.join(super::COMPLETE_MARK);
    File::create(&mark)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(&mark, e))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))?;
    if let Some(parent) = dir.parent() {
        File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(|e| io(parent, e))?;
    }
    Ok(())
}

/// What opening the journal found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// A torn last record that was cut off.
    pub cut: Option<Damage>,
    /// Damage that is not a torn tail: reading stopped there, and the journal takes no more
    /// records until it is mended (appending after it would hide it).
    pub damage: Option<Damage>,
    pub last_seq: u64,
}

/// The journal, open for appending.
pub struct Journal {
    dir: PathBuf,
    /// The file being appended to and its month, and that file's name.
    file: Option<(String, File)>,
    file_name: Option<String>,
    /// The newest file found at open, to go on appending to in the same month.
    newest: Option<PathBuf>,
    last_seq: u64,
    last_hash: Hash,
    /// Damage found at open: nothing more is appended.
    broken: Option<Damage>,
    /// A file, and its length before an append that failed and could not be taken back:
    /// cut to that length before anything more is appended.
    unfinished: Option<(PathBuf, u64)>,
    #[cfg(test)]
    pub(in crate::store) faults: append::Faults,
}

impl Journal {
    /// Opens the journal in `dir`, reading it through: a torn last record is cut off and
    /// reported; any other damage refuses to open, since appending after it would hide it.
    /// A bad last record past what the store applied, with no whole record after it, is a
    /// torn tail even when its length is whole: a power loss keeps pages, not a prefix.
    /// Calls `each` with every whole record, in order.
    pub fn open(
        dir: &Path,
        each: impl FnMut(&Record) -> Result<(), StoreError>,
    ) -> Result<(Journal, Opened), StoreError> {
        Journal::open_from(dir, 0, None, each)
    }

    /// Like `open`, reading only the files from the one that holds record `after + 1`: a
    /// store that has applied the journal up to `after` needs nothing older, and `check`
    /// reads the whole chain.
    pub fn open_from(
        dir: &Path,
        after: u64,
        mark: Option<&Mark>,
        mut each: impl FnMut(&Record) -> Result<(), StoreError>,
    ) -> Result<(Journal, Opened), StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        // It holds personal data: its owner alone reads it (the data directory is 0700 too).
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| io(dir, e))?;
        }
        let all = files(dir)?;
        let mut start = all.len().saturating_sub(1);
        while start > 0 && first_seq(&all[start])?.is_none_or(|s| s > after + 1) {
            start -= 1;
        }
        // The store's mark of its last record, if it names a file that is there and reaches
        // that far, starts the reading right after it.
        let marked = mark.filter(|m| m.seq == after).and_then(|m| {
            let i = all
                .iter()
                .position(|p| p.file_name().and_then(|n| n.to_str()) == Some(m.file.as_str()))?;
            let len = std::fs::metadata(&all[i]).ok()?.len();
            (len >= m.end).then_some((i, m))
        });
        let mut reader = match marked {
            Some((i, m)) => {
                start = i;
                Reader::resume(all[i..].to_vec(), m)?
            }
            None => Reader::new(all[start.min(all.len())..].to_vec()),
        }
        .for_store(after);
        let mut opened = Opened {
            last_seq: marked.map_or(0, |(_, m)| m.seq),
            ..Opened::default()
        };
        let mut last_hash = marked.map_or([0; 32], |(_, m)| m.hash);
        let mut first = true;
        loop {
            match reader.next_record()? {
                Ok(Some(r)) => {
                    // The first record read must be the one the store needs next or earlier:
                    // a later one means files went missing.
                    let from_start =
                        marked.is_some() || (start == 0 && r.seq == 1 && r.prev == [0; 32]);
                    if std::mem::take(&mut first) && r.seq > after + 1 && !from_start {
                        opened.damage = Some(Damage::Gap {
                            expected: after + 1,
                            found: r.seq,
                        });
                        break;
                    }
                    each(&r)?;
                    opened.last_seq = r.seq;
                    last_hash = r.hash;
                }
                Ok(None) => break,
                Err(d @ Damage::TornTail { .. }) => {
                    if let Damage::TornTail { file, offset, .. } = &d {
                        cut_tail(file, *offset)?;
                    }
                    opened.cut = Some(d);
                    break;
                }
                Err(d) => {
                    opened.damage = Some(d);
                    break;
                }
            }
        }
        let journal = Journal {
            dir: dir.to_path_buf(),
            file: None,
            file_name: None,
            newest: all.last().cloned(),
            last_seq: opened.last_seq,
            last_hash,
            broken: opened.damage.clone(),
            unfinished: None,
            #[cfg(test)]
            faults: append::Faults::default(),
        };
        Ok((journal, opened))
    }

    /// A new journal of one file already open (a backup being made): its file is never
    /// opened by name, and every record goes into it whatever `month` says.
    pub(crate) fn into_file(file: File) -> Journal {
        Journal {
            file: Some((String::new(), file)),
            ..Journal::empty(Path::new(""))
        }
    }

    /// A journal not read yet, for the moment between opening sled and reading the journal.
    pub(super) fn empty(dir: &Path) -> Journal {
        Journal {
            dir: dir.to_path_buf(),
            file: None,
            file_name: None,
            newest: None,
            last_seq: 0,
            last_hash: [0; 32],
            broken: None,
            unfinished: None,
            #[cfg(test)]
            faults: append::Faults::default(),
        }
    }

    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// Takes no more records: appending after `d` would hide it.
    pub(super) fn refuse(&mut self, d: Damage) {
        self.broken.get_or_insert(d);
    }
}

/// What `verify` found in a set of journal files.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verified {
    pub records: u64,
    pub first_seq: Option<u64>,
    pub last_seq: Option<u64>,
    /// The SHA-256 of the last record: quoting it later proves nothing before it changed.
    pub last_hash: Option<Hash>,
    pub damage: Option<Damage>,
}

/// Reads the files through, checking every checksum and link of the chain.
pub fn verify(files: Vec<PathBuf>) -> Result<Verified, StoreError> {
    verify_records(Reader::new(files), &|| true).map(|v| v.unwrap_or_else(Verified::none))
}

impl Verified {
    fn none() -> Verified {
        Verified {
            records: 0,
            first_seq: None,
            last_seq: None,
            last_hash: None,
            damage: None,
        }
    }
}

/// Reads the records of `reader` through, checking every checksum and link of the chain;
/// `None` when `go_on` says to stop first (it is asked every few thousand records).
pub fn verify_records(
    mut reader: Reader,
    go_on: &dyn Fn() -> bool,
) -> Result<Option<Verified>, StoreError> {
    let mut v = Verified::none();
    loop {
        match reader.next_record()? {
            Ok(Some(r)) => {
                v.records += 1;
                if v.records.is_multiple_of(4096) && !go_on() {
                    return Ok(None);
                }
                v.first_seq.get_or_insert(r.seq);
                v.last_seq = Some(r.seq);
                v.last_hash = Some(r.hash);
            }
            Ok(None) => return Ok(Some(v)),
            Err(d) => {
                v.damage = Some(d);
                return Ok(Some(v));
            }
        }
    }
}

#[cfg(test)]
mod tests;
