//! Due times of open cases, by department, kept in memory: the overdue pane and the summary
//! count late and due-soon cases with a binary search instead of walking index keys (at a
//! million cases that walk alone took longer than the pane's whole budget).

use std::collections::BTreeMap;

use crate::domain::case::{Case, CaseId};
use crate::domain::role::DeptId;
use crate::domain::state::State;
use crate::domain::time::Timestamp;
use crate::store::{Ix, Key, Store, StoreError, state_byte, ts_key};

/// Where a case sits: its department (if any) and its due key; only cases with a due time.
pub type Slot = (Option<DeptId>, u64);

#[derive(Default)]
pub struct Dues {
    all: Vec<(u64, CaseId)>,
    by_dept: BTreeMap<Option<DeptId>, Vec<(u64, CaseId)>>,
}

/// The slot a case occupies, given the due time its index keys carry.
pub fn slot(case: &Case, due: Option<Timestamp>) -> Option<Slot> {
    let due = due?;
    case.state
        .may_be_due()
        .then(|| (case.department, ts_key(due)))
}

fn insert(v: &mut Vec<(u64, CaseId)>, e: (u64, CaseId)) {
    if let Err(i) = v.binary_search(&e) {
        v.insert(i, e);
    }
}

fn remove(v: &mut Vec<(u64, CaseId)>, e: (u64, CaseId)) {
    if let Ok(i) = v.binary_search(&e) {
        v.remove(i);
    }
}

impl Dues {
    /// Reads the due keys from the indexes (key-only scans of the states a case may be due in).
    pub fn load(store: &Store, depts: &[DeptId]) -> Result<Dues, StoreError> {
        // Keys ascend by due time and a case with none sorts last: each scan stops there, so a
        // closed state's many cases without a due time are never walked.
        let due_keys = |ix: Ix, prefix: &[u8], into: &mut Vec<(u64, CaseId)>| {
            for c in store.scan(ix, prefix, None, false) {
                let c = c?;
                if c.sort == crate::store::NO_DUE {
                    break;
                }
                into.push((c.sort, c.id));
            }
            Ok::<(), StoreError>(())
        };
        let mut d = Dues::default();
        for s in State::due_states() {
            due_keys(Ix::StateDue, &[state_byte(s)], &mut d.all)?;
            for dept in depts {
                let prefix = Key::new().u32(*dept).u8(state_byte(s)).build();
                due_keys(
                    Ix::DeptStateDue,
                    &prefix,
                    d.by_dept.entry(Some(*dept)).or_default(),
                )?;
            }
        }
        d.all.sort_unstable();
        let mut assigned: Vec<CaseId> = Vec::new();
        for v in d.by_dept.values_mut() {
            v.sort_unstable();
            assigned.extend(v.iter().map(|(_, id)| *id));
        }
        assigned.sort_unstable();
        let unassigned = d
            .all
            .iter()
            .filter(|(_, id)| assigned.binary_search(id).is_err())
            .copied()
            .collect();
        d.by_dept.insert(None, unassigned);
        Ok(d)
    }

    /// Moves a case from its old slot to its new one.
    pub fn update(&mut self, id: CaseId, old: Option<Slot>, new: Option<Slot>) {
        if let Some((dept, due)) = old {
            remove(&mut self.all, (due, id));
            if let Some(v) = self.by_dept.get_mut(&dept) {
                remove(v, (due, id));
            }
        }
        if let Some((dept, due)) = new {
            insert(&mut self.all, (due, id));
            insert(self.by_dept.entry(dept).or_default(), (due, id));
        }
    }

    /// Open cases due before `below` (a due key), in one department (`Some(None)` = no
    /// department yet) or in all (`None`).
    pub fn count(&self, dept: Option<Option<DeptId>>, below: u64) -> u64 {
        let v = match dept {
            None => &self.all,
            Some(d) => match self.by_dept.get(&d) {
                Some(v) => v,
                None => return 0,
            },
        };
        v.partition_point(|(due, _)| *due < below) as u64
    }

    /// Departments with any open case that has a due time, unassigned (`None`) included.
    pub fn departments(&self) -> impl Iterator<Item = Option<DeptId>> + '_ {
        self.by_dept
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(d, _)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_updates() {
        let mut d = Dues::default();
        d.update(1, None, Some((Some(3), 10)));
        d.update(2, None, Some((None, 20)));
        d.update(3, None, Some((Some(3), 30)));
        assert_eq!(d.count(None, 25), 2);
        assert_eq!(d.count(Some(Some(3)), 31), 2);
        assert_eq!(d.count(Some(None), 31), 1);
        // Case 1 is reassigned and its clock moves; case 3 closes.
        d.update(1, Some((Some(3), 10)), Some((Some(4), 40)));
        d.update(3, Some((Some(3), 30)), None);
        assert_eq!(d.count(Some(Some(3)), 100), 0);
        assert_eq!(d.count(Some(Some(4)), 100), 1);
        assert_eq!(d.count(None, 100), 2);
        assert_eq!(d.departments().collect::<Vec<_>>(), [None, Some(4)]);
    }
}
