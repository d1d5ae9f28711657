//! Bringing an older store up to this build's schema on open.
//!
//! Each stored value carries its own format byte (`codec`); the schema number here covers
//! changes to the layout itself (trees, key shapes). Steps run in order and each is one
//! transaction-free rewrite followed by a sync, recorded by bumping the number.

use serde::Deserialize;

use crate::domain::role::{Department, DeptId};

use super::{Meta, Store, StoreError, codec};

/// Departments gained `aliases` in format 2; format 1 values are read as having none.
pub const DEPT_FORMAT: u8 = 2;

#[derive(Deserialize)]
struct DepartmentV1 {
    id: DeptId,
    name: String,
    code: String,
    active: bool,
}

/// A stored department of any format this build knows.
pub fn department(bytes: &[u8]) -> Result<Department, StoreError> {
    match codec::split(bytes)? {
        (codec::CURRENT, b) => {
            let old: DepartmentV1 =
                postcard::from_bytes(b).map_err(|e| StoreError::Codec(e.to_string()))?;
            Ok(Department {
                id: old.id,
                name: old.name,
                code: old.code,
                active: old.active,
                aliases: Vec::new(),
            })
        }
        (DEPT_FORMAT, b) => postcard::from_bytes(b).map_err(|e| StoreError::Codec(e.to_string())),
        (v, _) => Err(StoreError::Format(v)),
    }
}

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
