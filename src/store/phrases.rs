//! Canned phrases, in their own tree: key the phrase id (big-endian, so they list in the order
//! they were added), value the phrase in its own format so that a later field can be added the
//! way the policy's were.

use crate::domain::phrase::{Phrase, PhraseId};

use super::write::Put;
use super::{Meta, Store, StoreError, codec};

const PHRASE_FORMAT: u8 = 1;

impl Store {
    /// Every phrase, oldest first.
    pub fn phrases(&self) -> Result<Vec<Phrase>, StoreError> {
        self.meta_tree(Meta::Phrases)
            .iter()
            .map(|r| {
                let (_, v) = r?;
                match codec::split(&v)? {
                    (PHRASE_FORMAT, body) => {
                        postcard::from_bytes(body).map_err(|e| StoreError::Codec(e.to_string()))
                    }
                    (f, _) => Err(StoreError::Format(f)),
                }
            })
            .collect()
    }
}

impl Put {
    pub fn phrase(p: &Phrase) -> Result<Put, StoreError> {
        Ok(Put {
            tree: Meta::Phrases,
            key: p.id.to_be_bytes().to_vec(),
            value: Some(codec::encode_as(PHRASE_FORMAT, p)?),
        })
    }

    pub fn no_phrase(id: PhraseId) -> Put {
        Put::delete(Meta::Phrases, id.to_be_bytes())
    }
}
