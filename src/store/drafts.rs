//! Drafts as stored: the form's body and when it was saved. Builds before the date was kept
//! stored the body alone; such a draft reads back with no date and is never expired by age.

use serde::{Deserialize, Serialize};

use crate::domain::time::Timestamp;

use super::{Meta, Store, StoreError, codec};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub body: String,
    pub saved: Option<Timestamp>,
}

impl Store {
    /// The drafts whose keys start with `prefix`, with their keys.
    pub fn drafts(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Draft)>, StoreError> {
        self.meta_tree(Meta::Drafts)
            .scan_prefix(prefix)
            .map(|r| {
                let (k, v) = r?;
                // A body alone ends where a draft's date would start, so it never reads as one.
                let d = codec::decode::<Draft>(&v).or_else(|_| {
                    codec::decode::<String>(&v).map(|body| Draft { body, saved: None })
                })?;
                Ok((k.to_vec(), d))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_saved_by_an_older_build_reads_back_undated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let tree = store.meta_tree(Meta::Drafts);
        tree.insert(b"a", codec::encode(&"旧草稿".to_string()).unwrap())
            .unwrap();
        let new = Draft {
            body: "新草稿".into(),
            saved: Some(Timestamp(1_772_413_200)),
        };
        tree.insert(b"b", codec::encode(&new).unwrap()).unwrap();
        let got = store.drafts(b"").unwrap();
        assert_eq!(
            got,
            vec![
                (
                    b"a".to_vec(),
                    Draft {
                        body: "旧草稿".into(),
                        saved: None
                    }
                ),
                (b"b".to_vec(), new)
            ]
        );
    }
}
