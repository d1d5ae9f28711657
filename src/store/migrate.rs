//! Bringing an older store up to this build's schema on open.
//!
//! Each stored value carries its own format byte (`codec`); the schema number here covers
//! changes to the layout itself (trees, key shapes). Steps run in order and each is one
//! transaction-free rewrite followed by a sync, recorded by bumping the number.

use super::{Meta, Store, StoreError, codec};

/// The layout this build writes.
pub const SCHEMA: u32 = 1;
const KEY: &[u8] = b"schema";

pub fn run(store: &Store) -> Result<(), StoreError> {
    let tree = store.meta_tree(Meta::Meta);
    let found: u32 = match tree.get(KEY)? {
        Some(v) => codec::decode(&v)?,
        // A store written before the schema number existed is schema 0.
        None if store.cases.is_empty() && store.meta_tree(Meta::Users).is_empty() => SCHEMA,
        None => 0,
    };
    if found > SCHEMA {
        return Err(StoreError::Corrupt(format!(
            "the store has layout {found}, newer than this build's {SCHEMA}; upgrade xinfang"
        )));
    }
    // Schema 0 → 1 changed nothing but the marker itself.
    if tree.get(KEY)?.is_none() || found < SCHEMA {
        tree.insert(KEY, codec::encode(&SCHEMA)?)?;
        store.sync()?;
    }
    Ok(())
}
