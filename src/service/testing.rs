//! Test stores and the order of a timeline.
//!
//! A fixed clock (`XINFANG_NOW`) would let anyone date a record as they please, so the command
//! line accepts one only on a store created as a test store; such a store says so on every
//! screen. Whatever the clock says, an event is never dated before the one it follows.

use std::collections::BTreeMap;

use crate::domain::case::CaseId;
use crate::domain::event::Event;
use crate::domain::time::Timestamp;
use crate::store::{Meta, Mutation, Put};

use super::error::ServiceError;
use super::{Result, Service};

const TEST_STORE: &[u8] = b"test_store";

impl Service {
    /// Whether this store was created as a test store.
    pub fn is_test_store(&self) -> Result<bool> {
        Ok(self
            .store
            .get::<bool>(Meta::Settings, TEST_STORE)?
            .unwrap_or(false))
    }

    /// Marks a store that holds no case yet as a test store, for good: test data never
    /// becomes a real store, and a real store never becomes a test one.
    pub fn mark_test_store(&self) -> Result<()> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if self.is_test_store()? {
            return Ok(());
        }
        if self.store.counter(super::commands::ID_COUNTER)? > 0 {
            return Err(ServiceError::NotEmpty);
        }
        self.store.commit(&Mutation {
            puts: vec![Put::value(Meta::Settings, TEST_STORE, &true)?],
            ..Mutation::default()
        })?;
        Ok(())
    }

    /// Refuses events dated before the event each follows on its case's timeline (a clock set
    /// back, by accident or to back-date a record).
    pub(super) fn check_order(&self, events: &[Event]) -> Result<()> {
        let mut last: BTreeMap<CaseId, Timestamp> = BTreeMap::new();
        for e in events {
            let before = match last.get(&e.case) {
                Some(t) => Some(*t),
                None => match e.seq.checked_sub(1) {
                    Some(prev) => self.store.event(e.case, prev)?.map(|p| p.at),
                    None => None,
                },
            };
            if let Some(before) = before
                && e.at < before
            {
                let number = self
                    .store
                    .case(e.case)?
                    .map_or_else(|| e.case.to_string(), |c| c.number);
                return Err(ServiceError::BeforeLastEvent {
                    number,
                    last: before.display_in(self.cached().zone),
                });
            }
            last.insert(e.case, e.at);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::domain::case::{Channel, Complainant, Intake, Kind};
    use crate::domain::event::{EventKind, PersonalField};
    use crate::service::{FixedClock, Reply, Request};

    #[test]
    fn check_reports_a_timeline_that_goes_back_in_time() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(Timestamp(1_772_413_200)));
        let s = Service::open(dir.path(), clock).unwrap();
        let owner = s.actor_for_login("owner").unwrap();
        let intake = Intake::new(
            Channel::Phone,
            Kind::Complaint,
            Complainant::default(),
            "井盖缺失",
            "人民路口井盖缺失",
        );
        let r = s.call(
            owner,
            Request::Intake {
                intake,
                resolve: None,
                link_to: None,
                draft: None,
                reception: None,
            },
        );
        let Ok(Reply::Case(v)) = r else {
            panic!("{r:?}");
        };
        // Written past the service, as a forged store would hold it: 11 months earlier.
        let forged = Event {
            case: v.case.id,
            seq: 1,
            at: Timestamp(v.case.received_at.0 - 330 * 86_400),
            actor: owner.user,
            via: None,
            kind: EventKind::Revealed {
                field: PersonalField::Phone,
            },
        };
        assert!(matches!(
            s.check_order(std::slice::from_ref(&forged)),
            Err(ServiceError::BeforeLastEvent { .. })
        ));
        let case = forged.apply(Some(v.case.clone())).unwrap();
        let due = s.due_of(&case);
        s.store
            .commit(&Mutation {
                cases: vec![(case, due)],
                events: vec![forged],
                puts: vec![],
            })
            .unwrap();
        let report = s.check_store(false).unwrap();
        assert_eq!(report.problems.len(), 1, "{report:?}");
        assert!(report.problems[0].contains("dated before"), "{report:?}");
    }
}
