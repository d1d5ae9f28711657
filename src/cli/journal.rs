//! `verify-journal` for an auditor, and the one line that says what opening did.

use crate::lang::{L, Lang};
use crate::store::Recovery;
use crate::store::journal;

use super::{CliResult, Ctx, Failure};

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
        say!("{out:#}");
    } else {
        say!("{}", lang.words().verified(&v));
    }
    if v.damage.is_some() {
        return Err(Failure::Unsound);
    }
    Ok(())
}

pub fn recovery_line(r: &Recovery, lang: Lang) -> Option<String> {
    lang.words().recovered(r)
}

/// `xinfang backup FILE`: the store as a journal of its own, checked as it is written.
pub fn backup(ctx: &Ctx, file: &std::path::Path) -> CliResult {
    // As typed: an embedded store resolves it here; a server takes a file name alone and
    // writes into its backups directory.
    let reply = ctx.call(crate::service::Request::Backup {
        file: file.to_path_buf(),
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let crate::service::Reply::Backup(v) = r {
            say!("{}", ctx.words.verified(v));
        }
    })
}

/// `xinfang restore FILE --data DIR`: a new store from a backup, checked before it is used.
pub fn restore(
    file: &std::path::Path,
    data: Option<&std::path::Path>,
    lang: Lang,
    json: bool,
) -> CliResult {
    let Some(dir) = data else {
        let need = lang.words().label(L::RestoreNeedsData);
        return Err(Failure::Other(anyhow::anyhow!("{need}")));
    };
    // Not created here: the restore builds the store beside `dir` and renames it into place.
    drop(crate::store::Store::restore(file, dir)?);
    // Checked as `xinfang check` checks, due times and all, as the store's first user (its
    // administrator).
    let service =
        crate::service::Service::open(dir, std::sync::Arc::new(crate::service::SystemClock))?;
    let first = crate::service::Actor { user: 1, via: None };
    let ctx = Ctx {
        desk: Box::new(crate::desk::LocalDesk::new(
            std::sync::Arc::new(service),
            first,
        )),
        words: lang.words(),
        lang,
        json,
    };
    super::admin::check(&ctx, false)
}
