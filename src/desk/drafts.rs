//! Drafts a remote desk keeps on this machine while the server cannot take them: a call typed
//! during a network cut is never lost. They go to the server when the connection returns.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub struct LocalDrafts {
    dir: PathBuf,
}

fn file_name(name: &str) -> String {
    name.bytes().map(|b| format!("{b:02x}")).collect()
}

fn name_of(file: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = (0..file.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(file.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

impl LocalDrafts {
    /// Drafts under `dir`, which is created readable by its owner only when first needed.
    pub fn new(dir: &Path) -> LocalDrafts {
        LocalDrafts {
            dir: dir.to_path_buf(),
        }
    }

    /// Writes the draft and syncs it before returning.
    pub fn save(&self, name: &str, body: &str) -> std::io::Result<()> {
        crate::config::ensure_private_dir(&self.dir)?;
        let path = self.dir.join(file_name(name));
        let tmp = self.dir.join(format!("{}.tmp", file_name(name)));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(body.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        std::fs::File::open(&self.dir)?.sync_all()
    }

    /// The draft kept here under `name`, if any.
    pub fn get(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.join(file_name(name))).ok()
    }

    pub fn remove(&self, name: &str) {
        // Not there is fine: most drafts never needed keeping here.
        let _ = std::fs::remove_file(self.dir.join(file_name(name)));
    }

    /// The names of the drafts kept here, in order.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| name_of(e.file_name().to_str()?))
            .collect();
        out.sort();
        out
    }

    /// Every draft kept here, by name.
    pub fn all(&self) -> Vec<(String, String)> {
        self.names()
            .into_iter()
            .filter_map(|n| Some((n.clone(), self.get(&n)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_keep_their_chinese_names_and_bodies() {
        let dir = tempfile::tempdir().unwrap();
        let d = LocalDrafts::new(&dir.path().join("drafts"));
        assert!(d.all().is_empty());
        d.save("intake-来电-1", "{\"subject\":\"噪音扰民\"}")
            .unwrap();
        d.save("intake-2", "b").unwrap();
        d.save("intake-2", "b2").unwrap();
        assert_eq!(
            d.all(),
            vec![
                ("intake-2".to_string(), "b2".to_string()),
                (
                    "intake-来电-1".to_string(),
                    "{\"subject\":\"噪音扰民\"}".to_string()
                ),
            ]
        );
        assert_eq!(d.get("intake-2").as_deref(), Some("b2"));
        d.remove("intake-2");
        assert_eq!(d.all().len(), 1);
        assert_eq!(d.get("intake-2"), None);
    }
}
