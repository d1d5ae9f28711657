//! Lists, always paged from the indexes: never by loading every case.

use std::collections::BTreeMap;

use crate::domain::case::{Case, CaseId};
use crate::domain::number::{normalize_id_number, normalize_number, normalize_phone};
use crate::domain::role::{Role, User};
use crate::domain::state::State;
use crate::domain::time::Timestamp;
use crate::store::index::search_haystack;
use crate::store::{
    Cursor, Ix, Key, StoreError, dept_open_counter, search, state_byte, state_counter, ts_key,
};

use super::api::{CaseList, Filter, OverdueGroup, OverdueReport, Page, Queue, Summary, Workload};
use super::{Result, Service};

/// How many index entries one page may examine before it returns what it has (with a cursor).
pub(super) const SCAN_BUDGET: usize = 20_000;

/// Several ordered index streams merged into one, in (sort, id) order or its reverse.
fn merge<'a>(
    mut streams: Vec<std::iter::Peekable<crate::store::IndexScan<'a>>>,
    rev: bool,
) -> impl Iterator<Item = std::result::Result<Cursor, StoreError>> + 'a {
    std::iter::from_fn(move || {
        let mut best: Option<(usize, Cursor)> = None;
        for (i, s) in streams.iter_mut().enumerate() {
            match s.peek() {
                Some(Ok(c)) => {
                    let better = best.is_none_or(|(_, b)| if rev { *c > b } else { *c < b });
                    if better {
                        best = Some((i, *c));
                    }
                }
                Some(Err(_)) => return s.next(),
                None => {}
            }
        }
        best.and_then(|(i, _)| streams[i].next())
    })
}

impl Filter {
    /// `identity`: whether this user may see who the complainant is; if not, text never
    /// matches on the name, phone or ID number (that would confirm a confidential reporter).
    fn matches(&self, c: &Case, zone: crate::domain::time::Zone, identity: bool) -> bool {
        (self.states.is_empty() || self.states.contains(&c.state))
            && self.department.is_none_or(|d| c.department == Some(d))
            && self.category.is_none_or(|x| c.intake.category == Some(x))
            && self.channel.is_none_or(|x| c.intake.channel == x)
            && self.kind.is_none_or(|x| c.intake.kind == x)
            && self.from.is_none_or(|d| c.received_at.date_in(zone) >= d)
            && self.to.is_none_or(|d| c.received_at.date_in(zone) <= d)
            && self
                .text
                .as_deref()
                .is_none_or(|t| text_matches(c, t, identity))
    }
}

/// A case matches typed text by number, phone, ID number or words of its text. Phone and ID
/// numbers match only whole (normalised): lists show them masked, and matching a fragment
/// would let anyone rebuild the hidden digits one query at a time without a 查看 event.
fn text_matches(c: &Case, text: &str, identity: bool) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return true;
    }
    let n = normalize_number(t);
    if c.number.contains(&n) {
        return true;
    }
    let hay = search_haystack(c, identity);
    let words = search::runs(t)
        .iter()
        .all(|r| hay.contains(r.iter().collect::<String>().as_str()));
    if words || !identity {
        return words;
    }
    let p = &c.intake.complainant;
    let phone = normalize_phone(t);
    if only_phone_chars(t) && !phone.is_empty() && phone == normalize_phone(&p.phone) {
        return true;
    }
    let id = normalize_id_number(t);
    !id.is_empty() && id == normalize_id_number(&p.id_number)
}

/// Whose late cases a user watches: everyone's (`Some(None)`) for clerks and supervisors, the
/// officer's own department's, or none.
fn overdue_scope(user: &User) -> Option<Option<u32>> {
    if user.roles.has(Role::Clerk) || user.roles.has(Role::Supervisor) {
        Some(None)
    } else if user.roles.has(Role::Officer) {
        user.dept.map(Some)
    } else {
        None
    }
}

/// Figures over the whole store (DESIGN §3: reports) are for clerks, supervisors and the
/// administrator; everyone else sees the figures of their own work.
pub(super) fn sees_reports(user: &User) -> bool {
    [Role::Clerk, Role::Supervisor, Role::Admin]
        .iter()
        .any(|r| user.roles.has(*r))
}

/// Digits and the separators people type in phone numbers, nothing else.
fn only_phone_chars(text: &str) -> bool {
    normalize_number(text)
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

/// Typed digits that can only be a phone number (7 or more digits, separators allowed).
fn looks_like_phone(text: &str) -> bool {
    only_phone_chars(text)
        && normalize_number(text)
            .chars()
            .filter(char::is_ascii_digit)
            .count()
            >= 7
}

/// A resident ID number as typed: 15 or 18 characters, digits with an optional check `X`.
fn looks_like_id_number(text: &str) -> bool {
    let t = normalize_id_number(text);
    let body = t.strip_suffix('X').unwrap_or(&t);
    matches!(t.len(), 15 | 18) && body.chars().all(|c| c.is_ascii_digit())
}

/// Whether a case shows in a caller's history for this user. Whoever registers cases sees the
/// caller's earlier cases (has this number called before, about what?), except confidential
/// reports, which only those who may know the reporter see.
pub(super) fn in_history(user: &User, c: &Case) -> bool {
    let registers = crate::domain::state::REGISTER_ROLES
        .iter()
        .any(|r| user.roles.has(*r));
    (user.can_see(c) && user.sees_identity(c)) || (registers && !c.intake.complainant.confidential)
}

impl Service {
    fn resolve_queue(user: &User, q: Queue) -> Queue {
        if q != Queue::Mine {
            return q;
        }
        if user.roles.has(Role::Supervisor) {
            Queue::AllOpen
        } else if user.roles.has(Role::Clerk) {
            Queue::Untriaged
        } else if user.roles.has(Role::Officer) {
            Queue::Department
        } else {
            Queue::Registered
        }
    }

    pub(super) fn inbox(
        &self,
        user: &User,
        queue: Queue,
        f: &Filter,
        page: &Page,
    ) -> Result<CaseList> {
        let queue = Self::resolve_queue(user, queue);
        let states: Vec<State> = match queue {
            Queue::Untriaged => vec![State::Registered, State::AwaitingApproval],
            Queue::Department => vec![State::InProgress, State::UnderReview],
            _ => State::open_states().collect(),
        };
        let states: Vec<State> = if f.states.is_empty() {
            states
        } else {
            f.states.clone()
        };
        let after = page.after;
        let (scan, rev): (Vec<_>, bool) = match queue {
            Queue::Registered => (
                vec![
                    self.store
                        .scan(Ix::Registrar, &Key::new().u32(user.id).build(), after, true)
                        .peekable(),
                ],
                true,
            ),
            Queue::All => (
                vec![self.store.scan(Ix::Received, &[], after, true).peekable()],
                true,
            ),
            Queue::Department | Queue::AllOpen | Queue::Untriaged | Queue::Mine => {
                let dept = match queue {
                    Queue::Department => Some(user.dept.unwrap_or(u32::MAX)),
                    _ => f.department,
                };
                let streams = states
                    .iter()
                    .map(|s| {
                        let prefix = match dept {
                            Some(d) => Key::new().u32(d).u8(state_byte(*s)).build(),
                            None => Key::new().u8(state_byte(*s)).build(),
                        };
                        let ix = if dept.is_some() {
                            Ix::DeptStateDue
                        } else {
                            Ix::StateDue
                        };
                        self.store.scan(ix, &prefix, after, false).peekable()
                    })
                    .collect();
                (streams, false)
            }
        };
        let mut f = f.clone();
        if !matches!(queue, Queue::Registered | Queue::All) {
            f.states = states;
        }
        self.collect_page(user, merge(scan, rev), &f, page.limit)
    }

    fn collect_page(
        &self,
        user: &User,
        entries: impl Iterator<Item = std::result::Result<Cursor, StoreError>>,
        f: &Filter,
        limit: u32,
    ) -> Result<CaseList> {
        let zone = self.cached().zone;
        let limit = limit.clamp(1, super::bounds::MAX_ROWS) as usize;
        let mut rows = Vec::new();
        for (n, entry) in entries.enumerate() {
            let cur = entry?;
            let last = Some(cur);
            if let Some(c) = self.store.case(cur.id)?
                && user.can_see(&c)
                && f.matches(&c, zone, user.sees_identity(&c))
            {
                rows.push(self.row(user, c));
                if rows.len() == limit {
                    return Ok(CaseList { rows, next: last });
                }
            }
            if n + 1 >= SCAN_BUDGET {
                return Ok(CaseList { rows, next: last });
            }
        }
        Ok(CaseList { rows, next: None })
    }

    /// The end of the due-soon window: cases due before this are due soon or overdue.
    /// The exclusive upper bound of due times that are due soon (or overdue): a deadline is
    /// due soon while at most `due_soon_days` working days are left, i.e. before the next
    /// working day after those (the same rule as `DueStatus`).
    fn due_soon_cutoff(&self) -> Timestamp {
        let s = self.cached();
        let today = self.now().date_in(s.zone);
        let beyond = s
            .calendar
            .add_working_days(today, s.policy.due_soon_days.saturating_add(1))
            .date;
        Timestamp(s.zone.start_of_day(beyond).0 + 1)
    }

    pub(super) fn overdue(
        &self,
        user: &User,
        limit: u32,
        include_due_soon: bool,
    ) -> Result<OverdueReport> {
        let now = self.now();
        let cutoff = if include_due_soon {
            self.due_soon_cutoff()
        } else {
            Timestamp(now.0 + 1)
        };
        let late_key = ts_key(Timestamp(now.0 + 1));
        let cutoff_key = ts_key(cutoff);
        let Some(scope) = overdue_scope(user) else {
            return Ok(OverdueReport {
                groups: vec![],
                overdue: 0,
                due_soon: 0,
                truncated: false,
            });
        };
        let open: Vec<State> = State::due_states().collect();
        // Counts come from the due times in memory; only the rows shown load their cases.
        let names: BTreeMap<u32, String> = self
            .store
            .departments()?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        let counts: Vec<(Option<u32>, u64, u64)> = self.with_dues(|d| {
            d.departments()
                .filter(|dept| scope.is_none() || *dept == scope)
                .map(|dept| {
                    let late = d.count(Some(dept), late_key);
                    (dept, late, d.count(Some(dept), cutoff_key) - late)
                })
                .collect()
        })?;
        let mut groups: BTreeMap<Option<u32>, OverdueGroup> = BTreeMap::new();
        let (mut total_late, mut total_soon) = (0, 0);
        for (dept, late, soon) in counts.into_iter().filter(|(_, l, n)| l + n > 0) {
            total_late += late;
            total_soon += soon;
            let name = dept
                .and_then(|d| names.get(&d).cloned())
                .unwrap_or_default();
            groups.insert(
                dept,
                OverdueGroup {
                    department: dept,
                    name,
                    overdue: late,
                    due_soon: soon,
                    rows: vec![],
                },
            );
        }
        let prefix = |s: State| match scope {
            Some(d) => Key::new().u32(d).u8(state_byte(s)).build(),
            None => Key::new().u8(state_byte(s)).build(),
        };
        let ix = if scope.is_some() {
            Ix::DeptStateDue
        } else {
            Ix::StateDue
        };
        let streams = open
            .iter()
            .map(|s| self.store.scan(ix, &prefix(*s), None, false).peekable())
            .collect();
        let mut shown = 0u64;
        for (n, entry) in merge(streams, false).enumerate() {
            let cur = entry?;
            if cur.sort >= cutoff_key || shown >= u64::from(limit) || n >= SCAN_BUDGET {
                break;
            }
            let Some(c) = self.store.case(cur.id)? else {
                continue;
            };
            if !user.can_see(&c) {
                continue;
            }
            if let Some(g) = groups.get_mut(&c.department) {
                g.rows.push(self.row(user, c));
                shown += 1;
            }
        }
        let mut groups: Vec<OverdueGroup> = groups.into_values().collect();
        // Worst first: most overdue, then most due soon.
        groups.sort_by_key(|g| std::cmp::Reverse((g.overdue, g.due_soon)));
        Ok(OverdueReport {
            groups,
            overdue: total_late,
            due_soon: total_soon,
            truncated: shown < total_late + total_soon,
        })
    }

    pub(super) fn caller_history(
        &self,
        user: &User,
        phone: Option<&str>,
        id_number: Option<&str>,
        limit: u32,
    ) -> Result<CaseList> {
        let mut ids: Vec<CaseId> = Vec::new();
        if let Some(p) = phone.map(normalize_phone).filter(|p| !p.is_empty()) {
            ids.extend(
                self.store
                    .ids_with_prefix(Ix::Phone, &Key::new().text(&p).build())?,
            );
        }
        if let Some(n) = id_number.map(normalize_id_number).filter(|n| !n.is_empty()) {
            ids.extend(
                self.store
                    .ids_with_prefix(Ix::IdNumber, &Key::new().text(&n).build())?,
            );
        }
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids.dedup();
        let mut rows = Vec::new();
        for id in ids {
            if rows.len() >= limit.clamp(1, super::bounds::MAX_ROWS) as usize {
                break;
            }
            if let Some(c) = self.store.case(id)?
                && in_history(user, &c)
            {
                rows.push(self.row(user, c));
            }
        }
        Ok(CaseList { rows, next: None })
    }

    pub(super) fn search(&self, user: &User, text: &str, page: &Page) -> Result<CaseList> {
        let runs: Vec<String> = search::runs(text)
            .iter()
            .map(|r| r.iter().collect())
            .collect();
        if runs.is_empty() {
            return Ok(CaseList {
                rows: vec![],
                next: None,
            });
        }
        let grams: Vec<search::Gram> = search::grams(runs.iter().map(String::as_str))
            .into_iter()
            .collect();
        let f = Filter {
            text: Some(text.to_string()),
            ..Filter::default()
        };
        if page.after.is_none()
            && let Some(id) = self.number_lookup(text)?
            && let Some(c) = self.store.case(id)?
            && user.can_see(&c)
        {
            return Ok(CaseList {
                rows: vec![self.row(user, c)],
                next: None,
            });
        }
        // Phone and ID numbers are found only whole, through their own indexes.
        let (phone, id) = (looks_like_phone(text), looks_like_id_number(text));
        if phone || id {
            return self.caller_history(
                user,
                phone.then_some(text),
                id.then_some(text),
                page.limit,
            );
        }
        let before = page.after.map(|c| c.id);
        let as_cursor =
            |r: std::result::Result<CaseId, StoreError>| r.map(|id| Cursor { sort: 0, id });
        if grams.is_empty() {
            // Only single characters: walk the newest cases.
            let entries = self.store.scan(Ix::Received, &[], page.after, true);
            return self.collect_page(user, entries, &f, page.limit);
        }
        let list = self.collect_page(
            user,
            self.store.search_candidates(&grams, before).map(as_cursor),
            &f,
            page.limit,
        )?;
        Ok(list)
    }

    /// A case number as people type it: whole (`XF2026-00123`), without the prefix
    /// (`2026-00123`), or just this year's sequence (`123`).
    fn number_lookup(&self, text: &str) -> Result<Option<CaseId>> {
        let t = normalize_number(text);
        let (prefix, year) = {
            let s = self.cached();
            (
                s.prefix.clone(),
                chrono::Datelike::year(&self.now().date_in(s.zone)),
            )
        };
        let mut candidates = vec![t.clone(), format!("{prefix}{t}")];
        if let Ok(seq) = t.parse::<u32>() {
            candidates.push(crate::domain::number::format_number(&prefix, year, seq));
        }
        for c in candidates {
            if let Some(id) = self.store.case_id_by_number(&c)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    pub(super) fn workload(&self, user: &User) -> Result<Vec<Workload>> {
        if !sees_reports(user) {
            return Err(super::ServiceError::ReportsOnly);
        }
        let now_key = ts_key(Timestamp(self.now().0 + 1));
        let mut out = Vec::new();
        for d in self.store.departments()? {
            let overdue = self.with_dues(|dues| dues.count(Some(Some(d.id)), now_key))?;
            out.push(Workload {
                open: self.store.counter(&dept_open_counter(d.id))?,
                overdue,
                department: d,
            });
        }
        Ok(out)
    }

    pub(super) fn summary(&self, user: &User) -> Result<Summary> {
        let now = self.now();
        let now_key = ts_key(Timestamp(now.0 + 1));
        let soon_key = ts_key(self.due_soon_cutoff());
        // Copied out: the settings' lock must not be held while `with_dues` may wait for the
        // write lock (a policy change holds that one and then takes the settings' lock).
        let zone = self.cached().zone;
        let today = now.date_in(zone);
        let day_start = ts_key(zone.start_of_day(today));
        let (mut open, mut total, mut new_today) = (0, 0, 0);
        if sees_reports(user) {
            for s in State::ALL.iter().copied() {
                let n = self.store.counter(&state_counter(s))?;
                total += n;
                if s.is_open() {
                    open += n;
                }
            }
            new_today = self.store.count_from(Ix::Received, &[], day_start)?;
        } else {
            // Store-wide figures are reports: others get those of their own work.
            if let (true, Some(d)) = (user.roles.has(Role::Officer), user.dept) {
                open = self.store.counter(&dept_open_counter(d))?;
                total = open;
            }
            if user.roles.has(Role::Operator) {
                let mine = Key::new().u32(user.id).build();
                total = total.max(self.store.count_from(Ix::Registrar, &mine, 0)?);
                new_today = self.store.count_from(Ix::Registrar, &mine, day_start)?;
            }
        }
        // Late and due-soon counts in the user's own scope, as on the overdue pane.
        let scope = match overdue_scope(user) {
            Some(scope) => scope.map(Some),
            None => Some(Some(u32::MAX)),
        };
        let (overdue, soon) = self.with_dues(|d| {
            let late = d.count(scope, now_key);
            (late, d.count(scope, soon_key) - late)
        })?;
        let s = self.cached();
        let reach = 90 + u64::from(s.policy.extension_max_days);
        let horizon = today
            .checked_add_days(chrono::Days::new(reach))
            .unwrap_or(today);
        Ok(Summary {
            organisation: s.organisation.clone(),
            user: user.clone(),
            total,
            new_today,
            open,
            due_soon: soon,
            overdue,
            today,
            missing_calendar_years: s.calendar.missing_years(today, horizon),
        })
    }
}
