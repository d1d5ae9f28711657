//! Keeping a report (or a confidential case) away from the unit it accuses, also through merges
//! and links: a report merged into (or linked with) a case that department handles would reach
//! it.

use crate::domain::accused::{Accused, OUTSIDE, resolve};
use crate::domain::case::{Case, Intake};
use crate::domain::role::{Department, DeptId};

use super::error::ServiceError;
use super::validate::clean;
use super::{Result, Service};

/// The department a case may never reach, by the same rule as assignment (a report of
/// misconduct, or a confidential case, against one of our departments).
fn accused_of(c: &Case) -> Option<DeptId> {
    c.intake.barred_dept()
}

pub(super) fn handles(c: &Case, dept: DeptId) -> bool {
    c.department == Some(dept) || c.assisting.contains(&dept)
}

/// What an edit sends as the answer for the accused department. While the accused unit's text
/// stays the same (a form sends it back as it was): the one recorded, or, when none was, the
/// department the text names now, else none, so an edit never stops to ask about a unit the
/// case was registered with. When the text changed and the answer is the old one, the new
/// text is resolved again.
pub(super) fn carry_accused(old: &Intake, new: &mut Intake, depts: &[Department]) {
    let text = |i: &Intake| i.accused_unit.as_deref().map(clean).unwrap_or_default();
    if text(old) == text(new) {
        // The same unit keeps the department it was found to be: an edit may not send another
        // answer and take the report to the unit it accuses.
        if let Some(d) = old.accused_dept {
            new.accused_dept = Some(d);
        } else if new.accused_dept.is_none() {
            new.accused_dept = Some(match resolve(&text(old), depts) {
                Accused::Dept(d) => d,
                _ => OUTSIDE,
            });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Channel, Complainant, Kind};

    fn with(unit: &str, dept: Option<DeptId>) -> Intake {
        let mut i = Intake::new(
            Channel::Phone,
            Kind::Report,
            Complainant::default(),
            "举报",
            "内容",
        );
        i.accused_unit = Some(unit.into());
        i.accused_dept = dept;
        i
    }

    #[test]
    fn an_edit_keeps_the_accused_department_or_resolves_a_changed_unit_again() {
        let depts = [Department {
            id: 1,
            name: "住房和城乡建设局".into(),
            code: "zjj".into(),
            active: true,
            aliases: Vec::new(),
        }];
        let edited = |old: Intake, mut new: Intake| {
            carry_accused(&old, &mut new, &depts);
            new.accused_dept
        };
        // Unchanged text: the recorded department stays.
        assert_eq!(edited(with("建委", Some(1)), with("建委", None)), Some(1));
        // Registered before the unit was recognised: recognised now.
        assert_eq!(
            edited(with("市住建局", None), with("市住建局", None)),
            Some(1)
        );
        // Outside the organisation: stays outside, without asking again.
        assert_eq!(
            edited(with("某物业公司", None), with("某物业公司", None)),
            Some(OUTSIDE)
        );
        // A changed unit is resolved again, not given the old answer.
        assert_eq!(
            edited(
                with("住房和城乡建设局", Some(1)),
                with("某物业公司", Some(1))
            ),
            None
        );
    }
}
