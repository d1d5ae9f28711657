//! Each user's drafts of calls not yet registered: bounded in number and kept for a month.

use crate::domain::role::User;
use crate::domain::time::Timestamp;
use crate::store::{Draft, Key, Meta, Mutation, Put};

use super::bounds::MAX_DRAFTS;
use super::error::{Field, Problem, ServiceError};
use super::{Result, Service};

/// A draft not saved again within this many days is dropped: an abandoned form, not a call in
/// progress.
pub const DRAFT_DAYS: i64 = 30;

pub(super) fn draft_key(user: u32, name: &str) -> Vec<u8> {
    Key::new().u32(user).text(name).build()
}

fn name_of(key: &[u8]) -> String {
    String::from_utf8_lossy(&key[4.min(key.len())..key.len().saturating_sub(1)]).to_string()
}

impl Service {
    fn expired(&self, d: &Draft) -> bool {
        d.saved
            .is_some_and(|t| self.now().0 - t.0 > DRAFT_DAYS * 86_400)
    }

    pub(super) fn drafts(&self, user: &User) -> Result<Vec<(String, String)>> {
        let prefix = Key::new().u32(user.id).build();
        Ok(self
            .store
            .drafts(&prefix)?
            .into_iter()
            .filter(|(_, d)| !self.expired(d))
            .map(|(k, d)| (name_of(&k), d.body))
            .collect())
    }

    /// Saves a draft, dropping this user's expired ones in the same commit; a user at the
    /// limit is asked to register or discard some first.
    pub(super) fn save_draft(&self, user: &User, name: &str, body: String) -> Result<()> {
        let prefix = Key::new().u32(user.id).build();
        let key = draft_key(user.id, name);
        let mut puts = Vec::new();
        let mut kept = 0;
        let mut known = false;
        for (k, d) in self.store.drafts(&prefix)? {
            if k == key {
                known = true;
            } else if self.expired(&d) {
                puts.push(Put::delete(Meta::Drafts, k));
            } else {
                kept += 1;
            }
        }
        if !known && kept >= MAX_DRAFTS {
            return Err(ServiceError::invalid(
                Field::Draft,
                Problem::TooMany {
                    max: MAX_DRAFTS as u32,
                },
            ));
        }
        let draft = Draft {
            body,
            saved: Some(Timestamp(self.now().0)),
        };
        puts.push(Put::value(Meta::Drafts, key, &draft)?);
        self.store.commit(&Mutation {
            puts,
            ..Mutation::default()
        })?;
        Ok(())
    }
}
