//! `verify-journal` for an auditor, and the one line that says what opening did.

use crate::lang::Lang;
use crate::store::Recovery;
use crate::store::journal;

use super::{CliResult, Failure};

/// Checks every checksum and hash link of the files, in order; exit status 3 on damage.
pub fn verify(files: &[std::path::PathBuf], lang: Lang, json: bool) -> CliResult {
    let v = journal::verify(files.to_vec())?;
    if json {
        let out = serde_json::json!({
            "records": v.records,
            "first_seq": v.first_seq,
            "last_seq": v.last_seq,
            "last_hash": v.last_hash.map(|h| h.iter().map(|b| format!("{b:02x}")).collect::<String>()),
            "damage": v.damage.as_ref().map(|d| d.to_string()),
        });
        println!("{out:#}");
    } else {
        println!("{}", lang.words().verified(&v));
    }
    if v.damage.is_some() {
        return Err(Failure::Unsound);
    }
    Ok(())
}

pub fn recovery_line(r: &Recovery, lang: Lang) -> Option<String> {
    lang.words().recovered(r)
}
