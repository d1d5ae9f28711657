//! The objection window (《信访工作条例》第二十三条): a body sent a case outside its remit says
//! so within the window after assignment. Afterwards the case is its to handle; only a clerk
//! or supervisor may still move it (reassign).

use crate::domain::case::Case;
use crate::domain::deadline::{Clock, Stage, clocks};
use crate::domain::time::Timestamp;

use super::error::ServiceError;
use super::{Result, Service};

/// The objection window that has ended on a case still in it, among its clocks.
pub(super) fn window_over(clocks: &[Clock], now: Timestamp) -> Option<&Clock> {
    clocks
        .iter()
        .find(|c| c.stage == Stage::Objection && c.running && now >= c.due_at)
}

impl Service {
    /// Refuses a hand-back once the policy's objection window has ended, naming its end and
    /// its basis. A policy without the window (hospital, institution) leaves hand-backs open.
    pub(super) fn hand_back_in_window(&self, case: &Case) -> Result<()> {
        let now = self.now();
        let s = self.cached();
        let clocks = clocks(case, &s.policy, &s.calendar, s.zone);
        match window_over(&clocks, now) {
            Some(w) => Err(ServiceError::ObjectionWindowOver {
                number: case.number.clone(),
                ended: w.deadline.to_string(),
                basis: w.basis.clone(),
            }),
            None => Ok(()),
        }
    }
}
