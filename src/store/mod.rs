//! The sled store: the only module that knows sled.

mod backup;
mod bulk;
mod case_format;
mod check;
mod codec;
mod depts;
mod drafts;
mod durable;
pub mod index;
pub mod journal;
mod keys;
mod migrate;
mod phrases;
mod policy;
mod private;
mod reception;
mod scan;
pub mod search;
mod space;
mod write;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::number::normalize_number;
use crate::domain::time::Timestamp;

pub use bulk::Bulk;
pub use check::CheckReport;
pub use codec::{decode, encode};
pub use drafts::Draft;
pub use index::{ALL_IX, Ix};
pub use keys::{Key, NO_DUE, state_byte, ts_from_key, ts_key};
pub use private::dir as private_dir;
pub use scan::{Cursor, IndexScan};
pub use write::{Entry, Mutation, Put};

#[derive(Debug, Error, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum StoreError {
    #[error("the store at {path} is in use by another process; start `xinfang serve` to share it")]
    InUse { path: String },
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("store engine: {0}")]
    Engine(String),
    #[error("a stored value could not be read: {0}")]
    Codec(String),
    #[error("a stored value has format {0}, newer than this build knows; upgrade xinfang")]
    Format(u8),
    #[error("the store is inconsistent: {0}")]
    Corrupt(String),
    #[error(
        "the disk is full: no room to write in {}. Everything acknowledged is kept and can be read; free some space (at least 16 MB) and changes are taken again",
        if path.is_empty() { "the data directory" } else { path.as_str() }
    )]
    /// `path` is empty where sled found the disk full and no caller named the directory.
    Full { path: String },
    #[error("the store takes no changes: {}", .0.read_only())]
    ReadOnly(journal::Damage),
    /// A directory of personal data that group or others can reach. Worded in both languages
    /// here too: it also reaches users through an io::Error where no language is at hand (the
    /// server's upkeep log, the desk's drafts directory).
    #[error(
        "{path} can be read by other users; run `{chmod}` and try again / 目录 {path} 其他用户可以读取，请先运行 `{chmod}` 再试"
    )]
    Exposed { path: String, chmod: String },
    /// Where a backup may not be written.
    #[error("{path}: {why}")]
    BackupPlace { path: String, why: BackupPlace },
    /// A restore aimed at `dir` stopped part way; its unfinished work is in `work`.
    #[error(
        "a restore into {dir} stopped part way (its unfinished work is in {work}); run `xinfang restore {from} --data {dir}` again, or remove {work} to give it up"
    )]
    RestoreUnfinished {
        dir: String,
        work: String,
        from: String,
    },
}

/// Why a backup may not be written where it was asked to go.
#[derive(Debug, Error, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum BackupPlace {
    #[error("already exists; a backup never overwrites a file")]
    Exists,
    #[error("is inside the store's own data directory; write the backup elsewhere")]
    InsideStore,
    #[error(
        "other users can write in this directory (or it is not yours): a backup there could be swapped; choose a directory only you can write, or a sticky one like /tmp"
    )]
    Shared,
}

/// The journal's directory inside the data directory.
pub const JOURNAL_DIR: &str = "journal";
/// The store's record of the last journal record it applied (in `Meta::Meta`).
pub(crate) const JOURNAL_SEQ: &[u8] = b"journal_seq";
/// Where the last journal record the store applied ends (a `journal::Mark`).
pub(crate) const JOURNAL_MARK: &[u8] = b"journal_mark";
/// Written into the journal's directory when a store starts empty with an empty journal: the
/// journal then holds everything, and a store that will not open may be rebuilt from it.
pub(crate) const COMPLETE_MARK: &str = "complete";
/// A counter set while a bulk load is under way (a load is not one transaction).
pub(crate) const BULK_UNDER_WAY: &str = "bulk_load_under_way";

impl StoreError {
    fn io(path: &Path, e: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> StoreError {
        match &e {
            // The directory is named by `Store::commit`, which knows it.
            sled::Error::Io(io) if space::is_full(io) => StoreError::Full {
                path: String::new(),
            },
            _ => StoreError::Engine(e.to_string()),
        }
    }
}

/// Trees that hold records other than cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Meta {
    Users,
    /// OS login name → user id.
    Logins,
    Depts,
    Categories,
    /// Named settings (policy, prefix, time zone, organisation).
    Settings,
    /// Year → calendar data.
    Calendar,
    /// Named u64 counters: ids, per-year case numbers, per-state and per-department counts.
    Counters,
    /// Unsaved intake forms, per user.
    Drafts,
    /// The store's own bookkeeping: schema version.
    Meta,
    /// Case id → the due time its index keys were written with.
    Due,
    /// A desk's idempotency key (per user) → the case its mutation changed: a retry after a
    /// lost reply gets the first outcome instead of a second case.
    Requests,
    /// Leaders' reception days and the visits booked onto them.
    Reception,
    /// Canned phrases (常用语), by id.
    Phrases,
}

const META_TREES: [(Meta, &str); 13] = [
    (Meta::Users, "users"),
    (Meta::Logins, "logins"),
    (Meta::Depts, "depts"),
    (Meta::Categories, "categories"),
    (Meta::Settings, "settings"),
    (Meta::Calendar, "calendar"),
    (Meta::Counters, "counters"),
    (Meta::Drafts, "drafts"),
    (Meta::Meta, "meta"),
    (Meta::Due, "due"),
    (Meta::Requests, "requests"),
    (Meta::Reception, "reception"),
    (Meta::Phrases, "phrases"),
];

/// What opening the store found in its journal and did about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// A torn last journal record that was cut off (and kept beside the file).
    pub cut: Option<journal::Damage>,
    /// Journal records the store had not applied yet, applied at open.
    pub replayed: u64,
    /// Where sled's files went when they would not open; the store was rebuilt from the journal.
    pub set_aside: Option<PathBuf>,
    /// Damage in the journal: the store opens to be read and checked, and takes no changes.
    pub damage: Option<journal::Damage>,
}

pub struct Store {
    db: sled::Db,
    journal: std::sync::Mutex<journal::Journal>,
    recovery: Recovery,
    db_file: File,
    _lock: File,
    path: PathBuf,
    cases: sled::Tree,
    events: sled::Tree,
    search: sled::Tree,
    ix: Vec<sled::Tree>,
    meta: Vec<sled::Tree>,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, hardened and migrated.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        backup::no_restore_under_way(dir)?;
        private::dir(dir)?;
        let durable::Opened {
            db,
            db_file,
            lock,
            set_aside,
        } = durable::open(dir)?;
        let ix = ALL_IX
            .iter()
            .map(|i| db.open_tree(i.tree_name()))
            .collect::<Result<Vec<_>, _>>()?;
        let meta = META_TREES
            .iter()
            .map(|(_, n)| db.open_tree(n))
            .collect::<Result<Vec<_>, _>>()?;
        let mut store = Store {
            cases: db.open_tree("cases")?,
            events: db.open_tree("events")?,
            search: db.open_tree("search")?,
            journal: std::sync::Mutex::new(journal::Journal::empty(&dir.join(JOURNAL_DIR))),
            recovery: Recovery::default(),
            db,
            db_file,
            _lock: lock,
            path: dir.to_path_buf(),
            ix,
            meta,
        };
        migrate::run(&store)?;
        store.catch_up()?;
        store.recovery.set_aside = set_aside;
        Ok(store)
    }

    /// Reads the journal's tail and applies what the store has not: a crash after the journal
    /// took a record and before sled had it on disk.
    fn catch_up(&mut self) -> Result<(), StoreError> {
        let applied = self.journal_seq()?;
        let mark: Option<journal::Mark> = match self.meta_tree(Meta::Meta).get(JOURNAL_MARK)? {
            Some(v) => codec::decode(&v).ok(),
            None => None,
        };
        // A new store with a new journal: everything it will hold comes through the journal.
        // Marked outside sled, before anything is written, so a rebuild can trust it.
        let jdir = self.path.join(JOURNAL_DIR);
        if applied == 0 && self.cases.is_empty() && journal::files(&jdir)?.is_empty() {
            journal::mark_complete(&jdir)?;
        }
        let mut replayed = 0;
        let mut bulk_replayed = false;
        let this = &*self;
        let (j, opened) = journal::Journal::open_from(
            &this.path.join(JOURNAL_DIR),
            applied,
            mark.as_ref(),
            |r| {
                if r.seq <= applied {
                    return Ok(());
                }
                replayed += 1;
                match case_format::decode_entry(&r.payload)? {
                    Entry::Commit(m) => this.apply_journaled(&m, &r.mark),
                    Entry::Bulk {
                        cases,
                        events,
                        counters,
                    } => {
                        bulk_replayed = true;
                        let mut bulk = Bulk::new(this);
                        let mut by_case: BTreeMap<CaseId, Vec<Event>> = BTreeMap::new();
                        for e in events {
                            by_case.entry(e.case).or_default().push(e);
                        }
                        for (c, due) in &cases {
                            let evs = by_case.remove(&c.id).unwrap_or_default();
                            bulk.add(c, &evs, *due)?;
                        }
                        bulk.finish_unsynced(&counters)?;
                        this.note_journal_seq(&r.mark)
                    }
                    Entry::End { .. } => this.note_journal_seq(&r.mark),
                }
            },
        )?;
        let mut j = j;
        let mut damage = opened.damage;
        if damage.is_none() && opened.last_seq < applied {
            // New records would take numbers the store has already seen, and be skipped.
            let d = journal::Damage::Behind {
                journal: opened.last_seq,
                store: applied,
            };
            j.refuse(d.clone());
            damage = Some(d);
        }
        if damage.is_none() && self.counter(BULK_UNDER_WAY)? > 0 {
            let d = journal::Damage::Interrupted;
            j.refuse(d.clone());
            damage = Some(d);
        }
        if bulk_replayed {
            self.recount()?;
        }
        if replayed > 0 {
            self.sync()?;
        }
        self.recovery = Recovery {
            cut: opened.cut,
            replayed,
            set_aside: None,
            damage,
        };
        self.journal = std::sync::Mutex::new(j);
        Ok(())
    }

    /// What opening found in the journal (a cut torn record, records applied late).
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// Whether the journal goes back to the store's first record (a store made before the
    /// journal has older records only it holds).
    pub fn journal_complete(&self) -> Result<bool, StoreError> {
        Ok(self.path.join(JOURNAL_DIR).join(COMPLETE_MARK).exists())
    }

    /// The last journal record the store has applied.
    /// Verifies the journal's chain as it stands now, while commits go on: the last file is
    /// read only up to its length at the start, taken between two appends. `None` when
    /// `go_on` stopped it.
    pub fn verify_journal(
        &self,
        go_on: &dyn Fn() -> bool,
    ) -> Result<Option<journal::Verified>, StoreError> {
        let (files, cap) = {
            let _appends = self.journal.lock().unwrap_or_else(|p| p.into_inner());
            let files = journal::files(&self.path.join(JOURNAL_DIR))?;
            let cap = match files.last() {
                Some(f) => std::fs::metadata(f)
                    .map_err(|e| StoreError::Io {
                        path: f.display().to_string(),
                        message: e.to_string(),
                    })?
                    .len(),
                None => 0,
            };
            (files, cap)
        };
        journal::verify_records(journal::Reader::capped(files, cap), go_on)
    }

    pub fn journal_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .meta_tree(Meta::Meta)
            .get(JOURNAL_SEQ)?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }

    /// Opens and closes the store once. sled replays its log from the last start-up snapshot
    /// and writes a new one when it opens, so after a bulk load this moves that replay (half
    /// a minute at a million cases) out of the next interactive start.
    pub fn settle(dir: &Path) -> Result<(), StoreError> {
        Store::open(dir).map(drop)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn ix_tree(&self, ix: Ix) -> &sled::Tree {
        &self.ix[ix as usize]
    }

    fn meta_tree(&self, m: Meta) -> &sled::Tree {
        &self.meta[META_TREES.iter().position(|(x, _)| *x == m).unwrap_or(0)]
    }

    /// Makes every write so far durable (flush + fsync).
    pub fn sync(&self) -> Result<(), StoreError> {
        durable::sync(&self.db, &self.db_file).map_err(|e| self.name_full(e))
    }

    pub fn case(&self, id: CaseId) -> Result<Option<Case>, StoreError> {
        self.cases
            .get(keys::case_key(id))?
            .map(|v| case_format::decode_case(&v))
            .transpose()
    }

    pub fn case_count(&self) -> usize {
        self.cases.len()
    }

    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, StoreError> {
        self.events
            .scan_prefix(keys::case_key(id))
            .map(|r| decode(&r?.1))
            .collect()
    }

    /// One event of a case's timeline.
    pub fn event(&self, id: CaseId, seq: u32) -> Result<Option<Event>, StoreError> {
        self.events
            .get(keys::event_key(id, seq))?
            .map(|v| decode(&v))
            .transpose()
    }

    pub fn case_id_by_number(&self, number: &str) -> Result<Option<CaseId>, StoreError> {
        let key = normalize_number(number);
        Ok(self
            .ix_tree(Ix::Number)
            .get(key.as_bytes())?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes)))
    }

    /// The due time a case's index keys carry.
    pub fn indexed_due(&self, id: CaseId) -> Result<Option<Timestamp>, StoreError> {
        Ok(self
            .meta_tree(Meta::Due)
            .get(keys::case_key(id))?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .filter(|k| *k != NO_DUE)
            .map(ts_from_key))
    }

    pub fn get<T: DeserializeOwned>(&self, m: Meta, key: &[u8]) -> Result<Option<T>, StoreError> {
        self.meta_tree(m).get(key)?.map(|v| decode(&v)).transpose()
    }

    /// Every value of a meta tree, in key order.
    pub fn all<T: DeserializeOwned>(&self, m: Meta) -> Result<Vec<T>, StoreError> {
        self.meta_tree(m).iter().map(|r| decode(&r?.1)).collect()
    }

    /// Keys and values under a prefix of a meta tree.
    pub fn prefixed<T: DeserializeOwned>(
        &self,
        m: Meta,
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, T)>, StoreError> {
        self.meta_tree(m)
            .scan_prefix(prefix)
            .map(|r| {
                let (k, v) = r?;
                Ok((k.to_vec(), decode(&v)?))
            })
            .collect()
    }

    /// The keys of a meta tree whose values pass `pick`, reading one value at a time.
    pub fn keys_where<T: DeserializeOwned>(
        &self,
        m: Meta,
        pick: impl Fn(&T) -> bool,
    ) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut out = Vec::new();
        for r in self.meta_tree(m).iter() {
            let (k, v) = r?;
            if pick(&decode(&v)?) {
                out.push(k.to_vec());
            }
        }
        Ok(out)
    }

    pub fn counter(&self, name: &str) -> Result<u64, StoreError> {
        Ok(self
            .meta_tree(Meta::Counters)
            .get(name.as_bytes())?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }
}

/// The counter key of the number of cases in a state.
pub fn state_counter(s: crate::domain::state::State) -> String {
    format!("n:state:{}", s.code())
}

/// The counter key of a department's open cases.
pub fn dept_open_counter(d: crate::domain::role::DeptId) -> String {
    format!("n:dept_open:{d}")
}

#[cfg(test)]
mod recovery_tests;
#[cfg(test)]
mod tests;
