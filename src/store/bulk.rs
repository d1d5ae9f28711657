//! Loading many cases at once (demo data, benchmarks, index rebuilds) without a transaction
//! and an fsync per case. Not crash-atomic: callers sync at the end and say what they loaded.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::time::Timestamp;

use super::case_format;
use super::index::{self, ALL_IX, search_texts};
use super::keys::{self, due_key};
use super::search::{self, Gram};
use super::{BULK_UNDER_WAY, Entry, Meta, Mutation, Put, Store, StoreError, codec};

/// Cases are written in batches of this many.
const BATCH: usize = 4096;

pub struct Bulk<'a> {
    store: &'a Store,
    /// Whether to write case records and events, or only what derives from them.
    records: bool,
    cases: sled::Batch,
    events: sled::Batch,
    due: sled::Batch,
    ix: Vec<sled::Batch>,
    postings: BTreeMap<(Gram, u32), BTreeSet<u16>>,
    counts: BTreeMap<String, i64>,
    pending: usize,
    /// The batch as the journal records it: new cases (not a rebuild of derived data, and not
    /// a replay of the journal itself).
    journaled: Option<JournalBatch>,
}

/// New cases with their due times, and their events, waiting to be journaled.
type JournalBatch = (Vec<(Case, Option<Timestamp>)>, Vec<Event>);

impl<'a> Bulk<'a> {
    /// A loader of new cases (records, events and everything derived).
    pub fn new(store: &'a Store) -> Bulk<'a> {
        Bulk::with_records(store, true)
    }

    /// A loader that rewrites only indexes, postings, due times and counts of existing cases.
    pub fn derived_only(store: &'a Store) -> Bulk<'a> {
        Bulk::with_records(store, false)
    }

    fn with_records(store: &'a Store, records: bool) -> Bulk<'a> {
        Bulk {
            store,
            records,
            cases: sled::Batch::default(),
            events: sled::Batch::default(),
            due: sled::Batch::default(),
            ix: ALL_IX.iter().map(|_| sled::Batch::default()).collect(),
            postings: BTreeMap::new(),
            counts: BTreeMap::new(),
            pending: 0,
            journaled: None,
        }
    }

    /// A loader of new cases whose batches are journaled before they are written (demo data).
    /// A load is not one transaction: it is marked as under way in the store (journaled), and
    /// a store that opens with the mark still set takes no changes (see `Store::open`).
    pub fn journaled(store: &'a Store) -> Result<Bulk<'a>, StoreError> {
        store.commit(&Mutation {
            puts: vec![Put::counter(BULK_UNDER_WAY, 1)],
            ..Mutation::default()
        })?;
        let mut b = Bulk::with_records(store, true);
        b.journaled = Some((Vec::new(), Vec::new()));
        Ok(b)
    }

    /// Adds a case that is not in the store yet (or whose derived data was cleared).
    pub fn add(
        &mut self,
        case: &Case,
        events: &[Event],
        due: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        if let Some((cases, evs)) = self.journaled.as_mut() {
            cases.push((case.clone(), due));
            evs.extend_from_slice(events);
        }
        let key = keys::case_key(case.id);
        if self.records {
            self.cases.insert(&key[..], case_format::encode_case(case)?);
            for e in events {
                self.events
                    .insert(&keys::event_key(e.case, e.seq)[..], codec::encode(e)?);
            }
        }
        self.due.insert(&key[..], &due_key(due).to_be_bytes()[..]);
        for (ix, k, v) in index::entries(case, due) {
            self.ix[ix as usize].insert(k, v);
        }
        let block = search::block_of(case.id);
        let offset = (case.id & ((1 << search::BLOCK_BITS) - 1)) as u16;
        for g in search::grams(search_texts(case)) {
            self.postings.entry((g, block)).or_default().insert(offset);
        }
        for name in index::counters_of(case) {
            *self.counts.entry(name).or_default() += 1;
        }
        self.pending += 1;
        if self.pending >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Journals the batch (when journaling), then writes it.
    fn flush(&mut self) -> Result<(), StoreError> {
        self.flush_with(&[])
    }

    fn flush_with(&mut self, counters: &[(String, u64)]) -> Result<(), StoreError> {
        let seq = match self.journaled.as_mut() {
            Some((cases, events)) => Some(self.store.journal_append(&Entry::Bulk {
                cases: std::mem::take(cases),
                events: std::mem::take(events),
                counters: counters.to_vec(),
            })?),
            None => None,
        };
        self.write_batch()?;
        if let Some(mark) = seq {
            self.store.note_journal_seq(&mark)?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), StoreError> {
        let s = self.store;
        s.cases.apply_batch(std::mem::take(&mut self.cases))?;
        s.events.apply_batch(std::mem::take(&mut self.events))?;
        s.meta_tree(Meta::Due)
            .apply_batch(std::mem::take(&mut self.due))?;
        for (i, b) in self.ix.iter_mut().enumerate() {
            s.ix[i].apply_batch(std::mem::take(b))?;
        }
        let mut batch = sled::Batch::default();
        for ((g, block), offs) in std::mem::take(&mut self.postings) {
            let k = search::posting_key(&g, block);
            let mut all: BTreeSet<u16> = match s.search.get(&k)? {
                Some(v) => search::decode_posting(&v).into_iter().collect(),
                None => BTreeSet::new(),
            };
            all.extend(offs);
            batch.insert(
                k,
                search::encode_posting(&all.into_iter().collect::<Vec<_>>()),
            );
        }
        s.search.apply_batch(batch)?;
        self.pending = 0;
        Ok(())
    }

    /// Writes the rest and the counters, then syncs. `extra` counters (ids, numbers) go with them.
    pub fn finish(self, extra: &[(String, u64)]) -> Result<(), StoreError> {
        let store = self.store;
        let journaled = self.journaled.is_some();
        self.finish_unsynced(extra)?;
        store.sync()?;
        if journaled {
            store.commit(&Mutation {
                puts: vec![Put::delete(Meta::Counters, BULK_UNDER_WAY)],
                ..Mutation::default()
            })?;
        }
        Ok(())
    }

    /// `finish` without the sync: a replay of the journal syncs once at its end.
    pub fn finish_unsynced(mut self, extra: &[(String, u64)]) -> Result<(), StoreError> {
        self.flush_with(extra)?;
        let counters = self.store.meta_tree(Meta::Counters);
        for (name, delta) in std::mem::take(&mut self.counts) {
            let cur = self.store.counter(&name)? as i64;
            counters.insert(
                name.as_bytes(),
                &((cur + delta).max(0) as u64).to_be_bytes()[..],
            )?;
        }
        for (name, v) in extra {
            counters.insert(name.as_bytes(), &v.to_be_bytes()[..])?;
        }
        Ok(())
    }
}
