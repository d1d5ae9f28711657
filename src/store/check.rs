//! Verifying that records equal their timelines and that everything derived equals the image of
//! the records; rebuilding what is derivable.

use std::collections::BTreeMap;

use crate::domain::case::Case;
use crate::domain::event::fold;
use crate::domain::time::Timestamp;

use super::bulk::Bulk;
use super::case_format;
use super::index::{self, ALL_IX, search_texts};
use super::keys;
use super::search;
use super::{BULK_UNDER_WAY, Entry, JOURNAL_DIR, Meta, Store, StoreError, codec, journal};

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckReport {
    pub cases: u64,
    pub events: u64,
    /// Each problem found, in plain words.
    pub problems: Vec<String>,
    /// Whether `repair` rebuilt the derived data.
    pub repaired: bool,
}

impl CheckReport {
    pub fn sound(&self) -> bool {
        self.problems.is_empty()
    }
}

const MAX_LISTED: usize = 50;

impl Store {
    /// Checks the store; with `repair`, rewrites records from their timelines and rebuilds
    /// every index, posting, due time and count.
    pub fn check(
        &self,
        due_of: &dyn Fn(&Case) -> Option<Timestamp>,
        repair: bool,
    ) -> Result<CheckReport, StoreError> {
        let mut r = CheckReport::default();
        let mut expected_ix: Vec<usize> = vec![0; ALL_IX.len()];
        let mut expected_offsets: u64 = 0;
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        let problem = |r: &mut CheckReport, p: String| {
            if r.problems.len() < MAX_LISTED {
                r.problems.push(p);
            } else if r.problems.len() == MAX_LISTED {
                r.problems.push("…".into());
            }
        };
        let mut fixed: Vec<Case> = Vec::new();
        for item in self.cases.iter() {
            let (k, v) = item?;
            r.cases += 1;
            let case: Case = match case_format::decode_case(&v) {
                Ok(c) => c,
                Err(e) => {
                    problem(&mut r, format!("case key {k:?}: {e}"));
                    // The timeline is the truth: repair rewrites the record from it.
                    let id = k.as_ref().try_into().ok().map(u64::from_be_bytes);
                    if let Some(c) = id
                        .and_then(|id| self.events(id).ok())
                        .and_then(|ev| fold(&ev))
                    {
                        fixed.push(c);
                    }
                    continue;
                }
            };
            let events = self.events(case.id)?;
            r.events += events.len() as u64;
            // A record dated before the one it follows was back-dated; nothing derived fixes it.
            if let Some(w) = events.windows(2).find(|w| w[1].at < w[0].at) {
                problem(
                    &mut r,
                    format!(
                        "{}: event {} is dated before event {} that it follows",
                        case.number, w[1].seq, w[0].seq
                    ),
                );
            }
            let folded = fold(&events);
            if folded.as_ref() != Some(&case) {
                problem(
                    &mut r,
                    format!("{}: the record differs from its timeline", case.number),
                );
                if let Some(f) = folded {
                    fixed.push(f);
                }
            }
            let due = due_of(&case);
            if self.indexed_due(case.id)? != due {
                problem(
                    &mut r,
                    format!("{}: due time in the index is stale", case.number),
                );
            }
            for (ix, key, value) in index::entries(&case, due) {
                expected_ix[ix as usize] += 1;
                if self.ix_tree(ix).get(&key)?.as_deref() != Some(value.as_slice()) {
                    problem(
                        &mut r,
                        format!("{}: missing from {}", case.number, ix.tree_name()),
                    );
                }
            }
            let block = search::block_of(case.id);
            for g in search::grams(search_texts(&case)) {
                expected_offsets += 1;
                let has = self
                    .search
                    .get(search::posting_key(&g, block))?
                    .is_some_and(|v| search::ids_in(block, &v).any(|id| id == case.id));
                if !has {
                    problem(
                        &mut r,
                        format!("{}: missing from the search index", case.number),
                    );
                    break;
                }
            }
            for name in index::counters_of(&case) {
                *counts.entry(name).or_default() += 1;
            }
        }
        for (i, ix) in ALL_IX.iter().enumerate() {
            let actual = self.ix_tree(*ix).len();
            if actual != expected_ix[i] {
                problem(
                    &mut r,
                    format!(
                        "{} has {actual} entries, expected {}",
                        ix.tree_name(),
                        expected_ix[i]
                    ),
                );
            }
        }
        let mut actual_offsets = 0u64;
        for item in self.search.iter() {
            actual_offsets += (item?.1.len() / 2) as u64;
        }
        if actual_offsets != expected_offsets {
            problem(
                &mut r,
                format!("search index has {actual_offsets} postings, expected {expected_offsets}"),
            );
        }
        // Counters no case counts toward any more must be zero.
        for item in self.meta_tree(Meta::Counters).scan_prefix(b"n:") {
            let name = String::from_utf8_lossy(&item?.0).to_string();
            counts.entry(name).or_default();
        }
        for (name, want) in &counts {
            let have = self.counter(name)?;
            if have != *want {
                problem(&mut r, format!("counter {name} is {have}, expected {want}"));
            }
        }
        // The journal's problems are reported; repair cannot mend a journal, only what derives
        // from the records.
        let derivable = !r.problems.is_empty();
        // A demo load that stopped part way leaves cases and counts no check can vouch for;
        // the store refuses changes for it, and says the same.
        if self.counter(BULK_UNDER_WAY)? > 0 {
            problem(&mut r, journal::Damage::Interrupted.read_only());
        }
        for p in self.check_journal(r.events)? {
            problem(&mut r, p);
        }
        if repair && derivable {
            self.rebuild(&fixed, due_of)?;
            r.repaired = true;
        }
        Ok(r)
    }

    /// The journal's checksums and hash chain, and every event it holds equal to the store's
    /// (so each record, already checked against its timeline, equals the fold of the
    /// journal's events). `store_events` is how many events the store has.
    fn check_journal(&self, store_events: u64) -> Result<Vec<String>, StoreError> {
        let files = journal::files(&self.path.join(JOURNAL_DIR))?;
        let mut problems = Vec::new();
        let mut reader = journal::Reader::new(files);
        let mut events = 0u64;
        let mut last = 0;
        loop {
            let rec = match reader.next_record()? {
                Ok(Some(rec)) => rec,
                Ok(None) => break,
                Err(d) => {
                    problems.push(format!("journal: {d}"));
                    return Ok(problems);
                }
            };
            last = rec.seq;
            let evs = match case_format::decode_entry(&rec.payload) {
                Ok(Entry::Commit(m)) => m.events,
                Ok(Entry::Bulk { events, .. }) => events,
                Ok(Entry::End { .. }) => Vec::new(),
                Err(e) => {
                    problems.push(format!("journal record {}: {e}", rec.seq));
                    continue;
                }
            };
            for e in evs {
                events += 1;
                let stored = self.events.get(keys::event_key(e.case, e.seq))?;
                if stored.as_deref() != Some(&codec::encode(&e)?[..]) {
                    problems.push(format!(
                        "journal record {}: event {} of case {} differs from the store's",
                        rec.seq, e.seq, e.case
                    ));
                }
            }
        }
        let applied = self.journal_seq()?;
        if applied != last {
            problems.push(format!(
                "the store has applied journal record {applied}, the journal ends at {last}"
            ));
        }
        // A store older than its journal has events from before it; one made with it has none.
        if self.journal_complete()? && events != store_events {
            problems.push(format!(
                "the journal holds {events} events, the store {store_events}"
            ));
        }
        Ok(problems)
    }

    /// Rewrites `fixed` records, then clears and rebuilds everything derived from the records.
    /// Sets every per-state and per-department count from the records themselves (after a
    /// replay of bulk records, whose counts are deltas a killed replay may have added twice).
    pub(super) fn recount(&self) -> Result<(), StoreError> {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for item in self.cases.iter() {
            let (_, v) = item?;
            if let Ok(case) = case_format::decode_case(&v) {
                for name in index::counters_of(&case) {
                    *counts.entry(name).or_default() += 1;
                }
            }
        }
        let counters = self.meta_tree(Meta::Counters);
        for item in counters.scan_prefix(b"n:") {
            counters.remove(item?.0)?;
        }
        for (name, n) in counts {
            counters.insert(name.as_bytes(), &n.to_be_bytes()[..])?;
        }
        Ok(())
    }

    fn rebuild(
        &self,
        fixed: &[Case],
        due_of: &dyn Fn(&Case) -> Option<Timestamp>,
    ) -> Result<(), StoreError> {
        for c in fixed {
            self.cases
                .insert(keys::case_key(c.id), case_format::encode_case(c)?)?;
        }
        for ix in ALL_IX {
            self.ix_tree(ix).clear()?;
        }
        self.search.clear()?;
        self.meta_tree(Meta::Due).clear()?;
        let counters = self.meta_tree(Meta::Counters);
        for item in counters.scan_prefix(b"n:") {
            counters.remove(item?.0)?;
        }
        let mut bulk = Bulk::derived_only(self);
        for item in self.cases.iter() {
            let (_, v) = item?;
            // A record that neither decodes nor folds was reported; it cannot be indexed.
            let Ok(case) = case_format::decode_case(&v) else {
                continue;
            };
            let due = due_of(&case);
            bulk.add(&case, &[], due)?;
        }
        bulk.finish(&[])
    }
}
