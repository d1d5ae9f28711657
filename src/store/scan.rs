//! Reading the indexes in order, page by page, without loading every case.

use std::ops::Bound;

use serde::{Deserialize, Serialize};

use crate::domain::case::CaseId;

use super::index::Ix;
use super::keys::{sort_part, trailing_id};
use super::search::{self, Gram};
use super::{Store, StoreError};

/// A position in an ordered index: the sort value (due or time key) and the case id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cursor {
    pub sort: u64,
    pub id: CaseId,
}

/// One ordered stream of an index: keys `prefix ++ sort(u64) ++ id(u64)`.
pub struct IndexScan<'a> {
    iter: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>> + 'a>,
}

impl Iterator for IndexScan<'_> {
    type Item = Result<Cursor, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.iter.next()?;
        Some(item.map_err(StoreError::from).and_then(|(k, _)| {
            match (sort_part(&k), trailing_id(&k)) {
                (Some(sort), Some(id)) => Ok(Cursor { sort, id }),
                _ => Err(StoreError::Corrupt("short index key".into())),
            }
        }))
    }
}

fn upper_bound(prefix: &[u8]) -> Bound<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Bound::Excluded(end);
        }
    }
    Bound::Unbounded
}

fn with_cursor(prefix: &[u8], c: Cursor) -> Vec<u8> {
    let mut k = prefix.to_vec();
    k.extend_from_slice(&c.sort.to_be_bytes());
    k.extend_from_slice(&c.id.to_be_bytes());
    k
}

impl Store {
    /// Entries under `prefix` in (sort, id) order, or reverse order, strictly after `after`.
    pub fn scan(&self, ix: Ix, prefix: &[u8], after: Option<Cursor>, rev: bool) -> IndexScan<'_> {
        let tree = self.ix_tree(ix);
        let lo = Bound::Included(prefix.to_vec());
        let hi = upper_bound(prefix);
        let iter: Box<dyn Iterator<Item = _>> = match (after, rev) {
            (None, false) => Box::new(tree.range::<Vec<u8>, _>((lo, hi))),
            (None, true) => Box::new(tree.range::<Vec<u8>, _>((lo, hi)).rev()),
            (Some(c), false) => {
                Box::new(tree.range::<Vec<u8>, _>((Bound::Excluded(with_cursor(prefix, c)), hi)))
            }
            (Some(c), true) => Box::new(
                tree.range::<Vec<u8>, _>((lo, Bound::Excluded(with_cursor(prefix, c))))
                    .rev(),
            ),
        };
        IndexScan { iter }
    }

    /// How many entries under `prefix` have a sort value at or above `from`.
    pub fn count_from(&self, ix: Ix, prefix: &[u8], from: u64) -> Result<u64, StoreError> {
        let mut lo = prefix.to_vec();
        lo.extend_from_slice(&from.to_be_bytes());
        let mut n = 0;
        for r in self
            .ix_tree(ix)
            .range((Bound::Included(lo), upper_bound(prefix)))
        {
            r?;
            n += 1;
        }
        Ok(n)
    }

    /// Case ids whose index key starts with `prefix` (phone, ID number), newest first.
    pub fn ids_with_prefix(&self, ix: Ix, prefix: &[u8]) -> Result<Vec<CaseId>, StoreError> {
        self.ix_tree(ix)
            .scan_prefix(prefix)
            .rev()
            .map(|r| {
                let (k, _) = r?;
                trailing_id(&k).ok_or_else(|| StoreError::Corrupt("short index key".into()))
            })
            .collect()
    }

    /// Candidate ids containing every gram, newest first, below `before`.
    pub fn search_candidates<'a>(
        &'a self,
        grams: &'a [Gram],
        before: Option<CaseId>,
    ) -> impl Iterator<Item = Result<CaseId, StoreError>> + 'a {
        SearchScan {
            store: self,
            grams,
            next_block: before.map(search::block_of),
            before,
            pending: Vec::new(),
            done: grams.is_empty(),
        }
    }
}

/// Walks the gram postings block by block from the newest, intersecting as it goes.
struct SearchScan<'a> {
    store: &'a Store,
    grams: &'a [Gram],
    /// The highest block still to look at; `None` = start from the newest.
    next_block: Option<u32>,
    before: Option<CaseId>,
    pending: Vec<CaseId>,
    done: bool,
}

impl SearchScan<'_> {
    /// The highest block <= `at` in which gram `g` has a posting.
    fn seek(&self, g: &Gram, at: Option<u32>) -> Result<Option<(u32, sled::IVec)>, StoreError> {
        let lo = search::posting_key(g, 0);
        let hi = search::posting_key(g, at.unwrap_or(u32::MAX));
        let last = self.store.search.range(lo..=hi).next_back().transpose()?;
        Ok(last.and_then(|(k, v)| {
            let b: [u8; 4] = k.get(8..12)?.try_into().ok()?;
            Some((u32::from_be_bytes(b), v))
        }))
    }

    fn fill(&mut self) -> Result<(), StoreError> {
        while self.pending.is_empty() && !self.done {
            let mut target = self.next_block;
            // Leapfrog: move every gram to the highest block <= target until they agree.
            let mut values = Vec::with_capacity(self.grams.len());
            let mut i = 0;
            while i < self.grams.len() {
                match self.seek(&self.grams[i], target)? {
                    None => {
                        self.done = true;
                        return Ok(());
                    }
                    Some((b, v)) if Some(b) == target || target.is_none() => {
                        target = Some(b);
                        values.push(v);
                        i += 1;
                    }
                    Some((b, _)) => {
                        target = Some(b);
                        values.clear();
                        i = 0;
                    }
                }
            }
            let Some(block) = target else {
                self.done = true;
                return Ok(());
            };
            let mut ids: Vec<CaseId> = search::ids_in(block, &values[0]).collect();
            for v in &values[1..] {
                let other: Vec<CaseId> = search::ids_in(block, v).collect();
                ids.retain(|id| other.binary_search(id).is_ok());
            }
            if let Some(b) = self.before {
                ids.retain(|id| *id < b);
            }
            // Ascending: `next` pops from the end, newest first.
            self.pending = ids;
            match block.checked_sub(1) {
                Some(n) => self.next_block = Some(n),
                None => self.done = true,
            }
        }
        Ok(())
    }
}

impl Iterator for SearchScan<'_> {
    type Item = Result<CaseId, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Err(e) = self.fill() {
            self.done = true;
            return Some(Err(e));
        }
        self.pending.pop().map(Ok)
    }
}
