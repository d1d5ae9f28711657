//! Feedback reaches every complainant whose case was merged into the one answered: each such
//! case records the feedback too, so it shows as told (a merged case has no clock of its own).

use std::collections::BTreeSet;

use crate::domain::case::Case;
use crate::domain::event::{Detail, EventKind};
use crate::domain::state::{Action, State};
use crate::domain::time::Timestamp;
use crate::store::{Mutation, StoreError};

use super::api::Actor;
use super::commands::event;
use super::error::ServiceError;
use super::{Result, Service};

impl Service {
    /// Adds to `m` a feedback event on every case merged into `survivor` (through chains of
    /// merges too) whose complainant can be told; it names the survivor, whose feedback it is.
    pub(super) fn tell_merged(
        &self,
        actor: Actor,
        survivor: &Case,
        feedback: &Detail,
        now: Timestamp,
        m: &mut Mutation,
    ) -> Result<()> {
        let mut queue = survivor.links.merged_from.clone();
        let mut seen = BTreeSet::new();
        while let Some(id) = queue.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(c) = self.store.case(id)? else {
                continue;
            };
            queue.extend(c.links.merged_from.iter().copied());
            if c.state != State::Merged || !c.intake.complainant.callback_possible() {
                continue;
            }
            let ev = event(
                actor,
                c.id,
                c.events,
                now,
                EventKind::Acted {
                    action: Action::Feedback,
                    from: c.state,
                    to: c.state,
                    detail: Detail {
                        method: feedback.method.clone(),
                        text: feedback.text.clone(),
                        target: Some(survivor.id),
                        ..Detail::default()
                    },
                },
            );
            let told = ev.apply(Some(c)).ok_or_else(|| {
                ServiceError::Store(StoreError::Corrupt("merged case's timeline".into()))
            })?;
            let due = self.due_of(&told);
            m.cases.push((told, due));
            m.events.push(ev);
        }
        Ok(())
    }
}
