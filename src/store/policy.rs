//! The deadline policy, stored in its own format so that stores written before a field was
//! added still open.

use serde::Deserialize;

use crate::domain::deadline::{Anchor, HotlineRow, Limit, Policy, Stage, StageRule};

use super::write::Put;
use super::{Meta, Store, StoreError, codec};

const KEY: &[u8] = b"policy";

/// Policies gained `holiday_shift` (《民法典》第二百零三条) in format 2, and the review window,
/// important-letter rules, retention and per-stage investigation limits in format 3.
const FORMAT: u8 = 3;
const FORMAT_2: u8 = 2;

/// A stage rule before it had an investigation limit.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct StageRuleV1 {
    stage: Stage,
    from: Anchor,
    limit: Limit,
    multi_dept: Option<Limit>,
    basis: String,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PolicyV1 {
    preset: String,
    stages: Vec<StageRuleV1>,
    hotline: Vec<HotlineRow>,
    review: Option<Limit>,
    review_basis: String,
    extension_max_days: u32,
    due_soon_days: u32,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct PolicyV2 {
    v1: PolicyV1,
    holiday_shift: bool,
}

/// An older policy keeps every figure the site set; what it could not hold yet comes from its
/// preset (the review window, the important-letter rules, retention).
fn upgrade(old: PolicyV1, holiday_shift: bool) -> Policy {
    let preset = Policy::preset(&old.preset);
    let stages = old
        .stages
        .into_iter()
        .map(|r| StageRule {
            stage: r.stage,
            from: r.from,
            limit: r.limit,
            multi_dept: r.multi_dept,
            investigated: None,
            basis: r.basis,
        })
        .collect();
    let fresh = preset.unwrap_or_else(|| Policy {
        preset: String::new(),
        stages: Vec::new(),
        hotline: Vec::new(),
        review: None,
        review_basis: String::new(),
        extension_max_days: 0,
        due_soon_days: 0,
        holiday_shift: true,
        recheck_basis: String::new(),
        review_window: None,
        important: Vec::new(),
        retention: None,
        retention_basis: String::new(),
        notices_from: None,
    });
    Policy {
        preset: old.preset,
        stages,
        hotline: old.hotline,
        review: old.review,
        review_basis: old.review_basis,
        extension_max_days: old.extension_max_days,
        due_soon_days: old.due_soon_days,
        holiday_shift,
        ..fresh
    }
}

fn decode(bytes: &[u8]) -> Result<Policy, StoreError> {
    let codec_err = |e: postcard::Error| StoreError::Codec(e.to_string());
    match codec::split(bytes)? {
        // The rule is the law's default; a site that does not want it turns it off.
        (codec::CURRENT, b) => Ok(upgrade(postcard::from_bytes(b).map_err(codec_err)?, true)),
        (FORMAT_2, b) => {
            let old: PolicyV2 = postcard::from_bytes(b).map_err(codec_err)?;
            Ok(upgrade(old.v1, old.holiday_shift))
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

    fn v1(p: &Policy) -> PolicyV1 {
        PolicyV1 {
            preset: p.preset.clone(),
            stages: p
                .stages
                .iter()
                .map(|r| StageRuleV1 {
                    stage: r.stage,
                    from: r.from,
                    limit: r.limit,
                    multi_dept: r.multi_dept,
                    basis: r.basis.clone(),
                })
                .collect(),
            hotline: p.hotline.clone(),
            review: p.review,
            review_basis: p.review_basis.clone(),
            extension_max_days: p.extension_max_days,
            due_soon_days: p.due_soon_days,
        }
    }

    #[test]
    fn a_policy_stored_before_the_holiday_shift_reads_with_it_on() {
        let p = Policy::preset("hospital").unwrap();
        let bytes = codec::encode(&v1(&p)).unwrap();
        assert_eq!(decode(&bytes).unwrap(), p);
        let off = Policy {
            holiday_shift: false,
            ..p
        };
        let new = Put::policy(&off).unwrap().value.unwrap();
        assert_eq!(decode(&new).unwrap(), off);
    }

    #[test]
    fn a_format_2_policy_keeps_its_figures_and_takes_the_rest_from_its_preset() {
        let preset = Policy::preset("government").unwrap();
        let mut site = preset.clone();
        site.extension_max_days = 12;
        site.holiday_shift = false;
        site.stages[0].basis = "本机关规定".into();
        let bytes = codec::encode_as(
            FORMAT_2,
            &PolicyV2 {
                v1: v1(&site),
                holiday_shift: false,
            },
        )
        .unwrap();
        let read = decode(&bytes).unwrap();
        assert_eq!(read.extension_max_days, 12);
        assert!(!read.holiday_shift);
        assert_eq!(read.stages[0].basis, "本机关规定");
        assert_eq!(read.important, preset.important);
        assert_eq!(read.review_window, preset.review_window);
    }

    #[test]
    fn an_institution_store_of_an_older_build_keeps_its_preset_and_gains_its_retention() {
        let p = Policy::preset("institution").unwrap();
        let old = Policy {
            retention: None,
            retention_basis: String::new(),
            ..p.clone()
        };
        let read = decode(&codec::encode(&v1(&old)).unwrap()).unwrap();
        assert_eq!(read.preset, "institution");
        assert_eq!(read.stages, p.stages);
        assert_eq!(read.retention, p.retention);
        assert!(read.retention.is_some());
        assert_eq!(read.retention_basis, p.retention_basis);
    }
}
