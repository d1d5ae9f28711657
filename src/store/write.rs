//! One mutation = one sled transaction over every tree it touches, then flush + fsync.

use std::collections::BTreeMap;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::time::Timestamp;

use super::index::{self, ALL_IX, search_texts};
use super::journal::Mark;
use super::keys::{self, NO_DUE, due_key};
use super::search;
use super::{META_TREES, Meta, Store, StoreError, codec};

/// A write to a meta tree; `value: None` deletes.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Put {
    pub tree: Meta,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
}

impl Put {
    pub fn value<T: serde::Serialize>(
        tree: Meta,
        key: impl Into<Vec<u8>>,
        v: &T,
    ) -> Result<Put, StoreError> {
        Ok(Put {
            tree,
            key: key.into(),
            value: Some(codec::encode(v)?),
        })
    }

    pub fn counter(name: &str, v: u64) -> Put {
        Put {
            tree: Meta::Counters,
            key: name.as_bytes().to_vec(),
            value: Some(v.to_be_bytes().to_vec()),
        }
    }

    pub fn delete(tree: Meta, key: impl Into<Vec<u8>>) -> Put {
        Put {
            tree,
            key: key.into(),
            value: None,
        }
    }
}

/// What a journal record holds.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum Entry {
    /// One service command's mutation, applied in one transaction.
    Commit(Mutation),
    /// A batch of a bulk load (demo data): new cases with their events, and at the end of
    /// the load the counters it sets.
    Bulk {
        cases: Vec<(Case, Option<Timestamp>)>,
        events: Vec<Event>,
        counters: Vec<(String, u64)>,
    },
    /// The last record of a backup: a backup that does not end with it was cut short.
    End { records: u64 },
}

/// Everything one service command changes.
#[derive(Clone, Default, Debug, serde::Serialize, serde::Deserialize)]
pub struct Mutation {
    /// New case records with the due time to index them under.
    pub cases: Vec<(Case, Option<Timestamp>)>,
    pub events: Vec<Event>,
    pub puts: Vec<Put>,
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

// Tree positions inside the transaction slice.
const T_CASES: usize = 0;
const T_EVENTS: usize = 1;
const T_SEARCH: usize = 2;
const T_IX: usize = 3;
const T_META: usize = T_IX + ALL_IX.len();

fn meta_pos(m: Meta) -> usize {
    T_META + META_TREES.iter().position(|(x, _)| *x == m).unwrap_or(0)
}

impl Store {
    fn all_trees(&self) -> Vec<sled::Tree> {
        let mut v = vec![self.cases.clone(), self.events.clone(), self.search.clone()];
        v.extend(self.ix.iter().cloned());
        v.extend(self.meta.iter().cloned());
        v
    }

    /// Records the mutation in the journal (on disk before anything else), applies it
    /// atomically, and returns once both are durable. Callers commit one at a time (the
    /// service's write lock), so the journal's order is the order the store applied.
    pub fn commit(&self, m: &Mutation) -> Result<(), StoreError> {
        let mark = self.journal_append(&Entry::Commit(m.clone()))?;
        let seq = mark.seq;
        if let Err(e) = self.apply_journaled(m, &mark) {
            // The record is on disk; a later one must not be applied over it. Reopening applies
            // it from the journal.
            self.journal
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .refuse(super::journal::Damage::Unapplied { seq });
            return Err(self.name_full(e));
        }
        self.sync()
    }

    /// A full disk found by sled, named by the data directory.
    pub(super) fn name_full(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Full { path } if path.is_empty() => StoreError::Full {
                path: self.path.display().to_string(),
            },
            e => e,
        }
    }

    /// Appends an entry to the journal; on disk when this returns.
    pub(super) fn journal_append(&self, e: &Entry) -> Result<Mark, StoreError> {
        let payload = super::case_format::encode_entry(e)?;
        let month = chrono::Utc::now().format("%Y-%m").to_string();
        let mut j = self.journal.lock().unwrap_or_else(|p| p.into_inner());
        j.append(&payload, &month)
    }

    /// Notes a journal record as applied, outside a transaction (bulk loads).
    pub(super) fn note_journal_seq(&self, mark: &Mark) -> Result<(), StoreError> {
        let meta = self.meta_tree(Meta::Meta);
        meta.insert(super::JOURNAL_MARK, codec::encode(mark)?)?;
        meta.insert(super::JOURNAL_SEQ, &mark.seq.to_be_bytes()[..])?;
        Ok(())
    }

    /// Applies journal record `seq`, noting it as the last the store has.
    pub(super) fn apply_journaled(&self, m: &Mutation, mark: &Mark) -> Result<(), StoreError> {
        let mut with_seq = m.clone();
        with_seq.puts.push(Put {
            tree: Meta::Meta,
            key: super::JOURNAL_SEQ.to_vec(),
            value: Some(mark.seq.to_be_bytes().to_vec()),
        });
        with_seq.puts.push(Put {
            tree: Meta::Meta,
            key: super::JOURNAL_MARK.to_vec(),
            value: Some(codec::encode(mark)?),
        });
        self.apply(&with_seq)
    }

    /// Applies the mutation atomically without waiting for the disk (bulk loads sync at the end).
    pub fn apply(&self, m: &Mutation) -> Result<(), StoreError> {
        let trees = self.all_trees();
        let encoded_events = m
            .events
            .iter()
            .map(|e| Ok((keys::event_key(e.case, e.seq), codec::encode(e)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let encoded_cases = m
            .cases
            .iter()
            .map(|(c, d)| Ok((c, *d, super::case_format::encode_case(c)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        trees
            .as_slice()
            .transaction(|tx| {
                let mut counts: BTreeMap<String, i64> = BTreeMap::new();
                for (case, due, bytes) in &encoded_cases {
                    write_case(tx, case, *due, bytes, &mut counts)?;
                }
                for (k, v) in &encoded_events {
                    tx[T_EVENTS].insert(&k[..], v.as_slice())?;
                }
                for p in &m.puts {
                    let t = &tx[meta_pos(p.tree)];
                    match &p.value {
                        Some(v) => t.insert(p.key.as_slice(), v.as_slice())?,
                        None => t.remove(p.key.as_slice())?,
                    };
                }
                let counters = &tx[meta_pos(Meta::Counters)];
                for (name, delta) in counts.into_iter().filter(|(_, d)| *d != 0) {
                    let cur = counters
                        .get(name.as_bytes())?
                        .and_then(|v| v.as_ref().try_into().ok().map(i64::from_be_bytes))
                        .unwrap_or(0);
                    counters.insert(name.as_bytes(), &(cur + delta).max(0).to_be_bytes()[..])?;
                }
                Ok(())
            })
            .map_err(|e| match e {
                sled::transaction::TransactionError::Abort(e) => e,
                sled::transaction::TransactionError::Storage(e) => StoreError::from(e),
            })
    }
}

fn write_case(
    tx: &[TransactionalTree],
    case: &Case,
    due: Option<Timestamp>,
    bytes: &[u8],
    counts: &mut BTreeMap<String, i64>,
) -> TxResult<()> {
    let key = keys::case_key(case.id);
    let old: Option<Case> = tx[T_CASES]
        .get(key)?
        .map(|v| super::case_format::decode_case(&v))
        .transpose()
        .map_err(abort)?;
    let due_tree = &tx[meta_pos(Meta::Due)];
    let old_due = due_tree
        .get(key)?
        .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
        .filter(|k| *k != NO_DUE)
        .map(keys::ts_from_key);
    let old_entries = old
        .as_ref()
        .map(|o| index::entries(o, old_due))
        .unwrap_or_default();
    let new_entries = index::entries(case, due);
    for e in &old_entries {
        if !new_entries.contains(e) {
            tx[T_IX + e.0 as usize].remove(e.1.as_slice())?;
        }
    }
    for e in &new_entries {
        if !old_entries.contains(e) {
            tx[T_IX + e.0 as usize].insert(e.1.as_slice(), e.2.as_slice())?;
        }
    }
    let old_grams = old
        .as_ref()
        .map(|o| search::grams(search_texts(o)))
        .unwrap_or_default();
    let new_grams = search::grams(search_texts(case));
    let block = search::block_of(case.id);
    for (g, present) in old_grams
        .difference(&new_grams)
        .map(|g| (g, false))
        .chain(new_grams.difference(&old_grams).map(|g| (g, true)))
    {
        let pk = search::posting_key(g, block);
        let cur = tx[T_SEARCH].get(&pk)?;
        match search::posting_with(cur.as_deref(), case.id, present) {
            Some(v) => tx[T_SEARCH].insert(pk, v)?,
            None => tx[T_SEARCH].remove(pk)?,
        };
    }
    for name in old.iter().flat_map(index::counters_of) {
        *counts.entry(name).or_default() -= 1;
    }
    for name in index::counters_of(case) {
        *counts.entry(name).or_default() += 1;
    }
    tx[T_CASES].insert(&key[..], bytes)?;
    due_tree.insert(&key[..], &due_key(due).to_be_bytes()[..])?;
    Ok(())
}
