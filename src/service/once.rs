//! Idempotent mutations: a desk that lost a reply sends the same request again with the same
//! key, and gets the outcome of the first instead of a second case.

use crate::domain::case::CaseId;
use crate::domain::role::User;
use crate::domain::time::Timestamp;
use crate::store::{Key, Meta, Mutation, Put};

use super::api::{Reply, RequestKey};
use super::{Result, Service};

/// Who makes a mutation, and the key that makes it once.
#[derive(Clone, Copy)]
pub(super) struct By<'a> {
    pub actor: crate::service::Actor,
    pub user: &'a User,
    pub key: Option<&'a RequestKey>,
}

fn stored_key(user: &User, key: &RequestKey) -> Vec<u8> {
    let mut k = Key::new().u32(user.id).build();
    k.extend_from_slice(key);
    k
}

impl Service {
    /// The reply to a mutation this user already made with `key`: the case as it is now.
    /// Called under the write lock, so a retry racing its original waits for it.
    pub(super) fn done_before(
        &self,
        user: &User,
        key: Option<&RequestKey>,
    ) -> Result<Option<Reply>> {
        let Some(key) = key else {
            return Ok(None);
        };
        let Some((id, _)) = self
            .store
            .get::<(CaseId, Timestamp)>(Meta::Requests, &stored_key(user, key))?
        else {
            return Ok(None);
        };
        // The case as this user may see it now: a key never shows what the user could not.
        let case = self.case_by_id(id)?;
        if !user.can_see(&case) {
            return Err(super::ServiceError::NoSuchCase(case.number));
        }
        Ok(Some(Reply::Case(Box::new(self.view(user, case)?))))
    }

    /// Records `key` in the same transaction as the mutation it names.
    pub(super) fn remember(
        &self,
        user: &User,
        key: Option<&RequestKey>,
        case: CaseId,
        m: &mut Mutation,
    ) -> Result<()> {
        if let Some(key) = key {
            m.puts.push(Put::value(
                Meta::Requests,
                stored_key(user, key),
                &(case, self.now()),
            )?);
        }
        Ok(())
    }

    /// Forgets the keys of mutations made before `before`: a desk sends a request again within
    /// minutes of losing its reply, never days later. Deleted in batches, each one commit, so
    /// other commits wait only for a batch. Returns how many went.
    pub fn forget_request_keys(&self, before: Timestamp) -> Result<u64> {
        let old = self
            .store
            .keys_where::<(CaseId, Timestamp)>(Meta::Requests, |(_, at)| *at < before)?;
        for batch in old.chunks(5000) {
            let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
            self.store.commit(&Mutation {
                puts: batch
                    .iter()
                    .map(|k| Put::delete(Meta::Requests, k.clone()))
                    .collect(),
                ..Mutation::default()
            })?;
        }
        Ok(old.len() as u64)
    }
}
