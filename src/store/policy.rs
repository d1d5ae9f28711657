//! The deadline policy, stored in its own format so that stores written before a field was
//! added still open.

use serde::Deserialize;

use crate::domain::deadline::{HotlineRow, Limit, Policy, StageRule};

use super::write::Put;
use super::{Meta, Store, StoreError, codec};

const KEY: &[u8] = b"policy";

/// Policies gained `holiday_shift` (《民法典》第二百零三条) in format 2.
const FORMAT: u8 = 2;

#[derive(Deserialize)]
struct PolicyV1 {
    preset: String,
    stages: Vec<StageRule>,
    hotline: Vec<HotlineRow>,
    review: Option<Limit>,
    review_basis: String,
    extension_max_days: u32,
    due_soon_days: u32,
}

fn decode(bytes: &[u8]) -> Result<Policy, StoreError> {
    let codec_err = |e: postcard::Error| StoreError::Codec(e.to_string());
    match codec::split(bytes)? {
        (codec::CURRENT, b) => {
            let old: PolicyV1 = postcard::from_bytes(b).map_err(codec_err)?;
            // The rule is the law's default; a site that does not want it turns it off.
            Ok(Policy {
                preset: old.preset,
                stages: old.stages,
                hotline: old.hotline,
                review: old.review,
                review_basis: old.review_basis,
                extension_max_days: old.extension_max_days,
                due_soon_days: old.due_soon_days,
                holiday_shift: true,
            })
        }
        (FORMAT, b) => postcard::from_bytes(b).map_err(codec_err),
        (v, _) => Err(StoreError::Format(v)),
    }
}

impl Store {
    /// The policy the site set, if any.
    pub fn policy(&self) -> Result<Option<Policy>, StoreError> {
        self.meta_tree(Meta::Settings)
            .get(KEY)?
            .map(|v| decode(&v))
            .transpose()
    }
}

impl Put {
    pub fn policy(p: &Policy) -> Result<Put, StoreError> {
        Ok(Put {
            tree: Meta::Settings,
            key: KEY.to_vec(),
            value: Some(codec::encode_as(FORMAT, p)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_stored_before_the_holiday_shift_reads_with_it_on() {
        let p = Policy::preset("hospital").unwrap();
        let old = PolicyV1Out {
            preset: p.preset.clone(),
            stages: p.stages.clone(),
            hotline: p.hotline.clone(),
            review: p.review,
            review_basis: p.review_basis.clone(),
            extension_max_days: p.extension_max_days,
            due_soon_days: p.due_soon_days,
        };
        let bytes = codec::encode(&old).unwrap();
        assert_eq!(decode(&bytes).unwrap(), p);
        let off = Policy {
            holiday_shift: false,
            ..p
        };
        let new = Put::policy(&off).unwrap().value.unwrap();
        assert_eq!(decode(&new).unwrap(), off);
    }

    /// The format-1 layout, as an older build wrote it.
    #[derive(serde::Serialize)]
    struct PolicyV1Out {
        preset: String,
        stages: Vec<StageRule>,
        hotline: Vec<HotlineRow>,
        review: Option<Limit>,
        review_basis: String,
        extension_max_days: u32,
        due_soon_days: u32,
    }
}
