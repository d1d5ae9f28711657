//! Idempotent mutations: a desk that lost a reply sends the same request again with the same
//! key, and gets the outcome of the first instead of a second case. The key is stored with a
//! hash of its request: the same key with another request is refused, never answered with the
//! first request's case.

use crate::domain::case::CaseId;
use crate::domain::role::User;
use crate::domain::time::Timestamp;
use crate::store::{Key, Meta, Mutation, Put};

use super::api::{Reply, Request, RequestKey};
use super::{Result, Service, ServiceError};

/// Who makes a mutation, and the key that makes it once.
#[derive(Clone, Copy)]
pub(super) struct By<'a> {
    pub actor: crate::service::Actor,
    pub user: &'a User,
    pub key: Option<&'a Keyed>,
}

/// A request's idempotency key and what the request was.
pub(super) struct Keyed {
    pub key: RequestKey,
    pub request: [u8; 16],
}

impl Keyed {
    pub fn new(key: RequestKey, req: &Request) -> Keyed {
        use sha2::Digest;
        // Encoding a request in memory cannot fail; were it to, the hash of nothing still binds
        // the key to "not this request" for every later one that encodes.
        let bytes = postcard::to_stdvec(req).unwrap_or_default();
        let mut request = [0u8; 16];
        request.copy_from_slice(&sha2::Sha256::digest(&bytes)[..16]);
        Keyed { key, request }
    }
}

/// What is stored under a key: its case, when, and the hash of its request. Keys stored
/// before the hash was are read as `(CaseId, Timestamp)` and match any request.
type Stored = (CaseId, Timestamp, [u8; 16]);

fn stored_key(user: &User, key: &RequestKey) -> Vec<u8> {
    let mut k = Key::new().u32(user.id).build();
    k.extend_from_slice(key);
    k
}

impl Service {
    /// The reply to a mutation this user already made with `key`: the case as it is now.
    /// Called under the write lock, so a retry racing its original waits for it.
    pub(super) fn done_before(&self, user: &User, key: Option<&Keyed>) -> Result<Option<Reply>> {
        let Some(keyed) = key else {
            return Ok(None);
        };
        let at = stored_key(user, &keyed.key);
        let Some((id, _)) = self.store.get::<(CaseId, Timestamp)>(Meta::Requests, &at)? else {
            return Ok(None);
        };
        if let Ok(Some((_, _, request))) = self.store.get::<Stored>(Meta::Requests, &at)
            && request != keyed.request
        {
            return Err(ServiceError::KeyReused);
        }
        // The case as this user may see it now: a key never shows what the user could not.
        let case = self.case_by_id(id)?;
        if !user.can_see(&case) {
            return Err(ServiceError::NoSuchCase(case.number));
        }
        Ok(Some(Reply::Case(Box::new(self.view(user, case)?))))
    }

    /// Records `key` in the same transaction as the mutation it names.
    pub(super) fn remember(
        &self,
        user: &User,
        key: Option<&Keyed>,
        case: CaseId,
        m: &mut Mutation,
    ) -> Result<()> {
        if let Some(keyed) = key {
            let stored: Stored = (case, self.now(), keyed.request);
            m.puts.push(Put::value(
                Meta::Requests,
                stored_key(user, &keyed.key),
                &stored,
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
