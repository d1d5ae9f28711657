//! Keeping a confidential report away from the unit it accuses, also through merges and links:
//! a report merged into (or linked with) a case that department handles would reach it.

use crate::domain::accused::OUTSIDE;
use crate::domain::case::{Case, Intake};
use crate::domain::role::DeptId;

use super::error::ServiceError;
use super::validate::clean;
use super::{Result, Service};

/// The department a confidential report accuses, if it names one.
fn accused_of(c: &Case) -> Option<DeptId> {
    c.intake
        .accused_dept
        .filter(|_| c.intake.complainant.confidential)
}

fn handles(c: &Case, dept: DeptId) -> bool {
    c.department == Some(dept) || c.assisting.contains(&dept)
}

/// What an edit sends as the answer for the accused department: the one already recorded
/// while the accused unit's text stays the same (a form sends it back as it was), none when
/// the text changed and the answer is the old one (the new text is resolved again).
pub(super) fn carry_accused(old: &Intake, new: &mut Intake) {
    let text = |i: &Intake| i.accused_unit.as_deref().map(clean).unwrap_or_default();
    if text(old) == text(new) {
        if new.accused_dept.is_none() {
            new.accused_dept = Some(old.accused_dept.unwrap_or(OUTSIDE));
        }
    } else if new.accused_dept == old.accused_dept {
        new.accused_dept = None;
    }
}

impl Service {
    /// Refuses merging `case` into `other`, or linking the two, when either is a confidential
    /// report whose accused department handles the other.
    pub(super) fn keep_apart(&self, case: &Case, other: &Case) -> Result<()> {
        for (report, with) in [(case, other), (other, case)] {
            if let Some(d) = accused_of(report)
                && handles(with, d)
            {
                return Err(ServiceError::AccusedUnitHandles {
                    number: report.number.clone(),
                    other: with.number.clone(),
                    department: self.dept_name(d),
                });
            }
        }
        Ok(())
    }

    /// Refuses linking a new intake, a confidential report, with a case its accused unit
    /// handles (the new case has no number yet: the refusal names the other).
    pub(super) fn keep_new_apart(&self, intake: &Intake, other: &Case) -> Result<()> {
        if let Some(d) = intake
            .accused_dept
            .filter(|_| intake.complainant.confidential)
            && handles(other, d)
        {
            return Err(ServiceError::AccusedUnitHandles {
                number: String::new(),
                other: other.number.clone(),
                department: self.dept_name(d),
            });
        }
        Ok(())
    }

    /// Refuses giving `case` to `dept` when a confidential report merged into it, or linked
    /// with it, accuses `dept`.
    pub(super) fn linked_reports_allow(&self, case: &Case, dept: DeptId) -> Result<()> {
        let links = &case.links;
        for id in links.merged_from.iter().chain(&links.same_matter) {
            if let Some(r) = self.store.case(*id)?
                && accused_of(&r) == Some(dept)
            {
                return Err(ServiceError::AccusedUnit {
                    number: r.number.clone(),
                    department: self.dept_name(dept),
                });
            }
        }
        Ok(())
    }
}
