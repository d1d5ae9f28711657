//! The intake's question when the accused unit does not clearly name one department: a
//! picker of the departments, with "not one of ours" first. It appears only when the service
//! asked, so a confidential report is never registered past its accused unit by a guess.

use crate::domain::accused::OUTSIDE;
use crate::domain::role::{Department, DeptId};
use crate::tui::choice::Choice;
use crate::tui::intake_form::{FieldId, IntakeForm};

#[derive(Clone, Debug)]
pub struct AccusedPick {
    pub choice: Choice,
    /// The answer each option gives: `OUTSIDE` first, then the departments.
    ids: Vec<DeptId>,
}

impl AccusedPick {
    /// The user's answer, once one is chosen.
    pub fn answer(&self) -> Option<DeptId> {
        self.choice.chosen().and_then(|i| self.ids.get(i).copied())
    }
}

impl IntakeForm {
    /// Opens the picker (the service asked which department the accused unit is) and moves
    /// the focus there. A picker already open keeps what was chosen.
    pub(crate) fn ask_accused(&mut self, departments: &[Department], outside: &str) {
        if self.accused_pick.is_none() {
            let mut options = vec![outside.to_string()];
            let mut ids = vec![OUTSIDE];
            for d in departments {
                options.push(d.name.clone());
                ids.push(d.id);
            }
            self.accused_pick = Some(AccusedPick {
                choice: Choice::new(options, false).unchosen(),
                ids,
            });
        }
        self.focus = FieldId::AccusedDept;
    }
}
