//! Archived cases whose retention period has run out: what is due for disposal. Nothing is
//! deleted here; the list is for the people who decide.

use chrono::NaiveDate;

use crate::domain::case::Case;
use crate::domain::role::User;
use crate::domain::state::State;
use crate::store::{Ix, Key, state_byte};

use super::api::{Page, RetentionList, RetentionRow};
use super::queries::{SCAN_BUDGET, sees_reports};
use super::{Result, Service, ServiceError};

impl Service {
    /// Archived cases whose archive date plus the policy's retention is on or before today
    /// (the local date), oldest case first. Clerks (who archive), supervisors and the
    /// administrator may ask; the rows carry no complainant at all, and the subject only for
    /// a user who may see the case.
    pub(super) fn retention(&self, user: &User, page: &Page) -> Result<RetentionList> {
        if !sees_reports(user) {
            return Err(ServiceError::ReportsOnly);
        }
        let (policy, calendar, zone) = {
            let s = self.cached();
            (s.policy.clone(), s.calendar.clone(), s.zone)
        };
        let today = self.now().date_in(zone);
        let mut list = RetentionList {
            rows: Vec::new(),
            next: None,
            retention: policy.retention,
            basis: policy.retention_basis.clone(),
            today,
        };
        let Some(kept) = policy.retention else {
            return Ok(list);
        };
        let limit = page.limit.clamp(1, super::bounds::MAX_ROWS) as usize;
        let prefix = Key::new().u8(state_byte(State::Archived)).build();
        // A closed case has no due time, so its entries run in case order: oldest first.
        let scan = self.store.scan(Ix::StateDue, &prefix, page.after, false);
        for (n, entry) in scan.enumerate() {
            let cur = entry?;
            if let Some(c) = self.store.case(cur.id)?
                && let Some(archived) = c.milestones.closed_at.map(|t| t.date_in(zone))
            {
                let dispose_by = calendar.add_days(archived, kept.days, kept.unit).date;
                if dispose_by <= today {
                    list.rows
                        .push(self.retention_row(user, c, archived, dispose_by));
                    if list.rows.len() == limit {
                        list.next = Some(cur);
                        return Ok(list);
                    }
                }
            }
            if n + 1 >= SCAN_BUDGET {
                list.next = Some(cur);
                return Ok(list);
            }
        }
        Ok(list)
    }

    fn retention_row(
        &self,
        user: &User,
        c: Case,
        archived: NaiveDate,
        dispose_by: NaiveDate,
    ) -> RetentionRow {
        let subject = if user.can_see(&c) {
            c.intake.subject
        } else {
            String::new()
        };
        RetentionRow {
            id: c.id,
            number: c.number,
            subject,
            category: c.intake.category.and_then(|id| self.category_name(id)),
            department: c.department.map(|d| self.dept_name(d)),
            archived,
            dispose_by,
        }
    }
}
