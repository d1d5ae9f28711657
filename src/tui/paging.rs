//! A window over a long list: a few pages are held, the rest are fetched again by their start
//! cursors, so scrolling through a million cases holds a few hundred rows, not a million.

use crate::service::api::{CaseList, CaseRow};
use crate::store::Cursor;

/// Pages held at once; a page beyond them is dropped from the other end.
const KEEP_PAGES: usize = 4;
/// Fetch the next page when the selection comes this close to the end of what is held.
const LOOKAHEAD: usize = 10;

#[derive(Clone, Debug, Default)]
pub struct Window {
    /// `starts[i]`: the cursor after which page `i` begins (`None` for the first page).
    starts: Vec<Option<Cursor>>,
    /// Rows in each page seen so far (pages may be short when the service's scan budget ends one).
    lens: Vec<usize>,
    /// The page of `rows[0]`, and how many pages are held.
    first_page: usize,
    held: usize,
    pub rows: Vec<CaseRow>,
    /// Whether the last page has arrived.
    end: bool,
    /// Absolute index of the selected row.
    pub selected: usize,
    /// Absolute index of the first row on screen.
    pub offset: usize,
    /// The page being fetched, and whether it replaces what is held.
    pending: Option<(usize, bool)>,
    /// Bumped by every new query; replies of older ones are dropped.
    pub generation: u64,
    /// Whether anything has arrived for this query.
    pub loaded: bool,
}

/// What became of a page that arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Received {
    Taken,
    /// A reply to a superseded query, or a page nobody asked for.
    Dropped,
    /// The list must be fetched again, from this page.
    Again(Want),
}

/// A page the window wants: fetch `page`, starting after `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Want {
    pub page: usize,
    pub after: Option<Cursor>,
}

impl Window {
    /// Forgets everything and asks for the first page of a new query.
    pub fn restart(&mut self) -> Want {
        let generation = self.generation + 1;
        *self = Window {
            starts: vec![None],
            generation,
            pending: Some((0, true)),
            ..Window::default()
        };
        Want {
            page: 0,
            after: None,
        }
    }

    /// Fetches the page holding the selection again (after a change elsewhere), keeping the
    /// selected case; the pages around it come back as the selection moves.
    pub fn reload(&mut self) -> Want {
        self.generation += 1;
        let mut page = self.first_page;
        let mut start = self.base();
        while page + 1 < self.first_page + self.held {
            let len = self.lens.get(page).copied().unwrap_or(0);
            if self.selected < start + len {
                break;
            }
            start += len;
            page += 1;
        }
        self.pending = Some((page, true));
        Want {
            page,
            after: self.starts.get(page).copied().flatten(),
        }
    }

    /// Absolute index of `rows[0]`.
    pub fn base(&self) -> usize {
        self.lens[..self.first_page.min(self.lens.len())]
            .iter()
            .sum()
    }

    /// Rows known so far: everything up to the end of the held pages.
    pub fn known(&self) -> usize {
        self.base() + self.rows.len()
    }

    /// Whether more rows exist past the held ones.
    pub fn more(&self) -> bool {
        !self.end
    }

    pub fn row(&self, index: usize) -> Option<&CaseRow> {
        index
            .checked_sub(self.base())
            .and_then(|i| self.rows.get(i))
    }

    pub fn current(&self) -> Option<&CaseRow> {
        self.row(self.selected)
    }

    /// Takes a page: held, dropped (a superseded query's), or asked for again from the top.
    pub fn receive(&mut self, generation: u64, page: usize, list: CaseList) -> Received {
        if generation != self.generation || self.pending.map(|p| p.0) != Some(page) {
            return Received::Dropped;
        }
        let replace = self.pending.is_some_and(|p| p.1);
        if replace && page > 0 && list.rows.is_empty() {
            // The page held the last rows and they left the list: start again from the top.
            return Received::Again(self.restart_keeping());
        }
        self.pending = None;
        self.loaded = true;
        let n = list.rows.len();
        if self.lens.len() <= page {
            self.lens.resize(page + 1, 0);
        }
        self.lens[page] = n;
        if self.starts.len() <= page + 1 {
            self.starts.resize(page + 2, None);
        }
        self.starts[page + 1] = list.next;
        let last = list.next.is_none();
        let keep = self.current().map(|r| r.id);
        if replace {
            self.first_page = page;
            self.held = 1;
            self.rows = list.rows;
            self.end = last;
            self.starts.truncate(page + 2);
            self.lens.truncate(page + 1);
        } else if page == self.first_page + self.held {
            self.rows.extend(list.rows);
            self.end = last;
            self.held += 1;
            if self.held > KEEP_PAGES {
                let drop = self.lens[self.first_page].min(self.rows.len());
                self.rows.drain(..drop);
                self.first_page += 1;
                self.held -= 1;
            }
        } else if page + 1 == self.first_page {
            let mut rows = list.rows;
            rows.append(&mut self.rows);
            self.rows = rows;
            self.first_page = page;
            self.held += 1;
            if self.held > KEEP_PAGES {
                let last_page = self.first_page + self.held - 1;
                let drop = self.lens[last_page].min(self.rows.len());
                self.rows.truncate(self.rows.len() - drop);
                self.held -= 1;
                self.end = false;
            }
        } else {
            return Received::Dropped;
        }
        if replace {
            let base = self.base();
            let found = keep.and_then(|id| self.rows.iter().position(|r| r.id == id));
            self.selected = match found {
                Some(i) => base + i,
                None => self
                    .selected
                    .clamp(base, self.known().saturating_sub(1).max(base)),
            };
        }
        self.selected = self.selected.min(self.known().saturating_sub(1));
        Received::Taken
    }

    /// Moves the selection by `delta` rows within what is known; returns a page to fetch when
    /// the selection nears the edge of the held rows.
    pub fn move_by(&mut self, delta: isize, height: usize) -> Option<Want> {
        let known = self.known();
        if known == 0 {
            return None;
        }
        let first = self.base().min(known - 1);
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .clamp(first, known - 1);
        self.scroll(height);
        self.want()
    }

    pub fn to_top(&mut self, height: usize) -> Option<Want> {
        if self.first_page > 0 {
            self.selected = 0;
            self.offset = 0;
            return Some(self.restart_keeping());
        }
        self.selected = 0;
        self.scroll(height);
        None
    }

    pub fn to_bottom(&mut self, height: usize) -> Option<Want> {
        self.selected = self.known().saturating_sub(1);
        self.scroll(height);
        self.want()
    }

    fn restart_keeping(&mut self) -> Want {
        self.generation += 1;
        self.pending = Some((0, true));
        Want {
            page: 0,
            after: None,
        }
    }

    /// Keeps the selection on screen.
    pub fn scroll(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.max(self.base());
    }

    /// The page the selection needs next, if any and none is on its way.
    fn want(&mut self) -> Option<Want> {
        if self.pending.is_some() {
            return None;
        }
        let base = self.base();
        let page = if self.more() && self.selected + LOOKAHEAD >= self.known() {
            self.first_page + self.held
        } else if self.first_page > 0 && self.selected < base + LOOKAHEAD {
            self.first_page - 1
        } else {
            return None;
        };
        let after = *self.starts.get(page)?;
        self.pending = Some((page, false));
        Some(Want { page, after })
    }

    /// Whether a reply is awaited.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// The page asked for did not come: the next move may ask again.
    pub fn failed(&mut self, generation: u64) {
        if generation == self.generation {
            self.pending = None;
        }
    }
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
