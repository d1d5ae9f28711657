//! `xinfang doc`: issue a document for a case (recorded on its timeline) and write it as a
//! Word file into the documents directory, or print it as text; `--again` produces one issued
//! before, byte for byte, from its record.

use std::path::PathBuf;

use crate::docs::{self, Meta};
use crate::domain::document::{DocKind, Issued};
use crate::domain::event::EventKind;
use crate::domain::method::Method;
use crate::domain::time::Timestamp;
use crate::lang::{Lang, Named};
use crate::service::api::{CaseRef, CaseView, EventView};
use crate::service::{Reply, Request};

use super::args::DocArgs;
use super::{CliResult, Ctx, Failure};

/// A kind typed as its code or its name in either language (受理告知书).
fn kind_of(typed: &str) -> Result<DocKind, Failure> {
    let t = typed.trim();
    let (zh, en) = (Lang::Zh.words(), Lang::En.words());
    DocKind::ALL
        .iter()
        .copied()
        .find(|k| k.code() == t || zh.doc_kind(*k) == t || en.doc_kind(*k).eq_ignore_ascii_case(t))
        .ok_or_else(|| Failure::Unknown {
            what: Named::Document,
            value: t.to_string(),
            choices: DocKind::CODES,
        })
}

/// The method given, else the usual one: a receipt or register form is handed over at the
/// desk, anything else goes by post.
fn method_of(typed: Option<&str>, kind: DocKind) -> Result<Method, Failure> {
    let Some(t) = typed else {
        return Ok(match kind {
            DocKind::Receipt | DocKind::RegisterForm => Method::InPerson,
            _ => Method::Letter,
        });
    };
    Method::from_code(&super::actions::method_code(t)).ok_or_else(|| Failure::Unknown {
        what: Named::Method,
        value: t.trim().to_string(),
        choices: Method::CODES,
    })
}

/// `xinfang doc-prefix [KIND PREFIX]`: each kind's prefix of document numbers, or sets one.
pub fn prefix(ctx: &Ctx, kind: Option<String>, prefix: Option<String>) -> CliResult {
    let reply = match (kind, prefix) {
        (Some(k), Some(p)) => ctx.call(Request::SetDocPrefix {
            kind: kind_of(&k)?,
            prefix: p,
        })?,
        _ => ctx.call(Request::Settings)?,
    };
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Settings(s) = r {
            for (k, p) in &s.doc_prefixes {
                say!("{:<22}{}  {}", k.code(), ctx.words.doc_kind(*k), p);
            }
        }
    })
}

pub fn run(ctx: &Ctx, a: DocArgs) -> CliResult {
    let case = CaseRef::Number(a.number.clone());
    let (view, doc) = match (&a.again, &a.kind) {
        (Some(serial), _) => {
            let doc = match ctx.call(Request::Reissue {
                case: case.clone(),
                serial: serial.clone(),
            })? {
                Reply::Document(d) => *d,
                _ => return Err(Failure::unknown(Named::Document, serial)),
            };
            (view(ctx, &case)?, doc)
        }
        (None, Some(kind)) => {
            let kind = kind_of(kind)?;
            let method = method_of(a.method.as_deref(), kind)?;
            let version = view(ctx, &case)?.case.version;
            match ctx.call(Request::Issue {
                case: case.clone(),
                version,
                kind,
                method,
            })? {
                Reply::Issued { case, doc } => (*case, *doc),
                _ => return Err(Failure::unknown(Named::Document, kind.code())),
            }
        }
        // clap requires one of the two.
        (None, None) => return Err(Failure::unknown(Named::Document, "")),
    };
    let at = issued_at(ctx, &view, &doc.serial)?;
    write_out(ctx, &a, &view.case.number, &doc, at)
}

fn view(ctx: &Ctx, case: &CaseRef) -> Result<CaseView, Failure> {
    match ctx.call(Request::Case(case.clone()))? {
        Reply::Case(v) => Ok(*v),
        _ => Err(Failure::unknown(Named::Case, "")),
    }
}

/// When the document was issued: its event on the timeline, paged back as far as needed. The
/// file's dates are this time, so a document made again is the same file.
fn issued_at(ctx: &Ctx, view: &CaseView, serial: &str) -> Result<Timestamp, Failure> {
    let find = |events: &[EventView]| {
        events.iter().rev().find_map(|e| match &e.event.kind {
            EventKind::Issued(d) if d.serial == serial => Some(e.event.at),
            _ => None,
        })
    };
    if let Some(at) = find(&view.events) {
        return Ok(at);
    }
    let mut before = view.events.first().map_or(0, |e| e.event.seq);
    while before > 0 {
        let Reply::Timeline(t) = ctx.call(Request::Timeline {
            case: CaseRef::Id(view.case.id),
            before,
        })?
        else {
            break;
        };
        if let Some(at) = find(&t.events) {
            return Ok(at);
        }
        match t.events.first() {
            Some(e) if e.event.seq < before => before = e.event.seq,
            _ => break,
        }
    }
    Err(Failure::unknown(Named::Document, serial))
}

/// Writes the file (or prints the text) and says where it went.
fn write_out(ctx: &Ctx, a: &DocArgs, number: &str, doc: &Issued, at: Timestamp) -> CliResult {
    let kind = ctx.words.doc_kind(doc.kind);
    let (bytes, ext) = if a.format == "text" {
        let text = docs::text(&doc.text);
        if a.out.is_none() {
            if ctx.json {
                let out = serde_json::json!({
                    "kind": doc.kind.code(),
                    "serial": doc.serial,
                    "sha256": doc.sha256,
                    "text": text,
                });
                say!("{out:#}");
            } else {
                print!("{}", crate::domain::text::escape(&text));
            }
            return Ok(());
        }
        (text.into_bytes(), "txt")
    } else {
        let meta = Meta {
            title: format!("{kind} {}", doc.serial),
            issued_at: at,
        };
        let bytes = docs::docx(&doc.text, &meta).map_err(|e| Failure::Other(e.into()))?;
        (bytes, "docx")
    };
    let path: PathBuf = match &a.out {
        Some(out) => docs::write_to(out, &bytes)?,
        None => {
            let dir = crate::config::documents_dir(crate::config::config_dir().as_deref())?;
            docs::write(
                &dir,
                &format!("{kind} {number} {}.{ext}", doc.serial),
                &bytes,
            )?
        }
    };
    if ctx.json {
        let out = serde_json::json!({
            "kind": doc.kind.code(),
            "serial": doc.serial,
            "sha256": doc.sha256,
            "path": path.display().to_string(),
        });
        say!("{out:#}");
    } else {
        say!("{}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_kinds_and_methods_are_every_one_there_is() {
        let kinds: Vec<&str> = DocKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(kinds, DocKind::CODES);
        let mut methods: Vec<&str> = Method::ALL.iter().map(|m| m.code()).collect();
        let mut listed = Method::CODES.to_vec();
        methods.sort_unstable();
        listed.sort_unstable();
        assert_eq!(methods, listed);
    }

    #[test]
    fn a_kind_is_typed_as_its_code_or_its_name() {
        assert!(matches!(
            kind_of("acceptance-notice"),
            Ok(DocKind::AcceptanceNotice)
        ));
        assert!(matches!(
            kind_of(Lang::Zh.words().doc_kind(DocKind::Receipt)),
            Ok(DocKind::Receipt)
        ));
        assert!(kind_of("notice").is_err());
        assert!(matches!(
            method_of(None, DocKind::Receipt),
            Ok(Method::InPerson)
        ));
        assert!(matches!(
            method_of(Some("短信"), DocKind::Reply),
            Ok(Method::Sms)
        ));
        assert!(method_of(Some("pigeon"), DocKind::Reply).is_err());
    }
}
