//! Departments and their aliases; a change re-resolves open cases whose accused unit named no
//! department, so a report typed as `市住建局` is protected once 住房和城乡建设局 has that alias.

use crate::domain::accused::{Accused, resolve};
use crate::domain::event::EventKind;
use crate::domain::role::{Department, DeptId};
use crate::domain::state::State;
use crate::store::{Ix, Key, Mutation, Put, state_byte};

use super::api::{Actor, Reply};
use super::commands::event;
use super::error::{Field, Problem, ServiceError};
use super::validate::{MAX_SHORT, clean};
use super::{Result, Service};

const DEPT_COUNTER: &str = "dept_id";
/// Aliases a department may have: a handful of usual names, not a word list.
pub const MAX_ALIASES: usize = 20;

/// Cleaned, deduplicated aliases, none equal to the department's own name.
fn clean_aliases(name: &str, aliases: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for a in aliases {
        let a = clean(a).replace('\n', " ");
        if a.is_empty() || a == name || out.contains(&a) {
            continue;
        }
        if a.chars().count() > MAX_SHORT as usize {
            return Err(ServiceError::invalid(
                Field::Name,
                Problem::TooLong { max: MAX_SHORT },
            ));
        }
        out.push(a);
    }
    if out.len() > MAX_ALIASES {
        return Err(ServiceError::invalid(
            Field::Name,
            Problem::TooMany {
                max: MAX_ALIASES as u32,
            },
        ));
    }
    Ok(out)
}

/// Whether `word` is already another department's name, code or alias.
fn taken(others: &[Department], word: &str) -> bool {
    others
        .iter()
        .any(|d| d.name == word || d.code == word || d.aliases.iter().any(|a| a == word))
}

impl Service {
    pub(super) fn add_department(
        &self,
        actor: Actor,
        name: &str,
        code: &str,
        aliases: &[String],
    ) -> Result<Reply> {
        let name = clean(name);
        let code = clean(code);
        if name.is_empty() {
            return Err(ServiceError::invalid(Field::Name, Problem::Empty));
        }
        let aliases = clean_aliases(&name, aliases)?;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let all = self.store.departments()?;
        if taken(&all, &name) || (!code.is_empty() && taken(&all, &code)) {
            return Err(ServiceError::invalid(Field::Code, Problem::Duplicate));
        }
        if aliases.iter().any(|a| taken(&all, a) || *a == code) {
            return Err(ServiceError::invalid(Field::Name, Problem::Duplicate));
        }
        let id = self.store.counter(DEPT_COUNTER)? as u32 + 1;
        let d = Department {
            id,
            name,
            code,
            active: true,
            aliases,
        };
        let found = self.newly_accused(&[all, vec![d.clone()]].concat())?;
        self.store.commit(&Mutation {
            puts: vec![
                Put::department(&d)?,
                Put::counter(DEPT_COUNTER, u64::from(id)),
            ],
            ..Mutation::default()
        })?;
        self.reresolve_accused(actor, found)?;
        Ok(Reply::Department(d))
    }

    pub(super) fn set_dept_aliases(
        &self,
        actor: Actor,
        dept: DeptId,
        aliases: &[String],
    ) -> Result<Reply> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let all = self.store.departments()?;
        let mut d = all
            .iter()
            .find(|d| d.id == dept)
            .cloned()
            .ok_or(ServiceError::invalid(Field::Department, Problem::NotFound))?;
        let others: Vec<Department> = all.into_iter().filter(|o| o.id != dept).collect();
        d.aliases = clean_aliases(&d.name, aliases)?;
        if d.aliases.iter().any(|a| taken(&others, a) || *a == d.code) {
            return Err(ServiceError::invalid(Field::Name, Problem::Duplicate));
        }
        let found = self.newly_accused(&[others, vec![d.clone()]].concat())?;
        self.store.commit(&Mutation {
            puts: vec![Put::department(&d)?],
            ..Mutation::default()
        })?;
        self.reresolve_accused(actor, found)?;
        Ok(Reply::Department(d))
    }

    /// Open cases whose accused unit named no department and names one of `depts`, with that
    /// department. A change that would leave a report (or a confidential case) with the very
    /// department it accuses is refused, naming the case: it must be reassigned first. Runs
    /// under the write lock.
    fn newly_accused(&self, depts: &[Department]) -> Result<Vec<(u64, DeptId)>> {
        let mut found = Vec::new();
        for state in State::open_states() {
            let prefix = Key::new().u8(state_byte(state)).build();
            let ids: Vec<u64> = self
                .store
                .scan(Ix::StateDue, &prefix, None, false)
                .map(|c| c.map(|c| c.id))
                .collect::<std::result::Result<_, _>>()?;
            for id in ids {
                let Some(case) = self.store.case(id)? else {
                    continue;
                };
                let Some(unit) = case.intake.accused_unit.as_deref() else {
                    continue;
                };
                if case.intake.accused_dept.is_some() {
                    continue;
                }
                let Accused::Dept(dept) = resolve(unit, depts) else {
                    continue;
                };
                let mut named = case.intake.clone();
                named.accused_dept = Some(dept);
                if named.barred_dept().is_some() && super::accused::handles(&case, dept) {
                    let name = depts.iter().find(|d| d.id == dept).map(|d| d.name.clone());
                    return Err(ServiceError::AccusedUnit {
                        number: case.number,
                        department: name.unwrap_or_default(),
                    });
                }
                found.push((id, dept));
            }
        }
        Ok(found)
    }

    /// Records on each case of `found` the department its accused unit now names, as an edit
    /// on its timeline by the administrator who changed the departments.
    fn reresolve_accused(&self, actor: Actor, found: Vec<(u64, DeptId)>) -> Result<()> {
        for (id, dept) in found {
            let Some(case) = self.store.case(id)? else {
                continue;
            };
            let mut intake = case.intake.clone();
            intake.accused_dept = Some(dept);
            let ev = event(
                actor,
                case.id,
                case.events,
                self.now(),
                EventKind::Edited { intake },
            );
            self.commit_case(Some(case), vec![ev], Mutation::default())?;
        }
        Ok(())
    }
}
