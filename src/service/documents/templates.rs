//! The templates documents are worded in: shipped in `templates/` (embedded, one per kind in
//! `default/`, a preset's own file where its offices word that kind differently), overridden by
//! an administrator's `<code>.j2` files. minijinja renders them with strict undefined values, so
//! a field a template names that the context lacks is an error naming file and line, never a
//! blank in a document sent out.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use serde::{Deserialize, Serialize};

use super::context::DocContext;
use crate::domain::document::DocKind;

/// The directory under the configuration directory that holds an administrator's templates.
pub const OVERRIDE_DIR: &str = "templates";

/// A template file larger than this is refused: documents are a page or two.
pub const MAX_TEMPLATE_BYTES: u64 = 64 * 1024;

/// A rendered document longer than this is refused (the case's own texts are bounded far
/// below it; only a runaway template gets here).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;

/// Instructions one rendering may take: far more than any document needs, and a template that
/// loops without end stops instead of holding the service.
const FUEL: u64 = 2_000_000;

/// `("templates/<file>", include_str!("../../../templates/<file>"))`.
macro_rules! shipped {
    ($file:literal) => {
        (
            concat!("templates/", $file),
            include_str!(concat!("../../../templates/", $file)),
        )
    };
}

/// Every shipped template: its file, as errors name it, and its text.
const SHIPPED: &[(&str, &str)] = &[
    shipped!("default/receipt.j2"),
    shipped!("default/register-form.j2"),
    shipped!("default/acceptance-notice.j2"),
    shipped!("default/not-accepted-notice.j2"),
    shipped!("default/transfer-notice.j2"),
    shipped!("default/extension-notice.j2"),
    shipped!("default/reply.j2"),
    shipped!("default/review-opinion.j2"),
    shipped!("default/recheck-opinion.j2"),
    shipped!("default/assignment-sheet.j2"),
    shipped!("default/urge-sheet.j2"),
    shipped!("default/follow-up-record.j2"),
    shipped!("hospital/receipt.j2"),
    shipped!("hospital/register-form.j2"),
    shipped!("telecom/receipt.j2"),
    shipped!("telecom/reply.j2"),
    shipped!("school/receipt.j2"),
    shipped!("kindergarten/receipt.j2"),
    shipped!("enterprise/receipt.j2"),
];

/// What is wrong with a template, for each language to word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemplateProblem {
    /// The template does not parse.
    Syntax,
    /// It names a field the document's context does not have.
    UnknownField,
    /// The file could not be read, or is not UTF-8 text.
    Unreadable,
    /// The file is larger than [`MAX_TEMPLATE_BYTES`].
    TooLarge,
    /// The document it makes is longer than [`MAX_DOCUMENT_BYTES`], or it never ends.
    TooLong,
    /// Anything else the engine refused (a wrong filter, a bad operation).
    Other,
}

/// A template that could not be used: its file, the line when known, what is wrong, the
/// unknown field when that is it, and the engine's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{file}{}: {problem:?}{}: {detail}",
    line.map(|l| format!(":{l}")).unwrap_or_default(),
    field.as_ref().map(|f| format!(" `{f}`")).unwrap_or_default())]
pub struct TemplateError {
    pub file: String,
    pub line: Option<u32>,
    pub problem: TemplateProblem,
    pub field: Option<String>,
    pub detail: String,
}

impl TemplateError {
    fn of_file(file: &str, problem: TemplateProblem, detail: impl Into<String>) -> TemplateError {
        TemplateError {
            file: file.to_string(),
            line: None,
            problem,
            field: None,
            detail: detail.into(),
        }
    }

    /// The engine's error, with the unknown field read from the template at the place the
    /// engine points to.
    fn of_engine(file: &str, source: Option<&str>, e: &minijinja::Error) -> TemplateError {
        let problem = match e.kind() {
            ErrorKind::SyntaxError => TemplateProblem::Syntax,
            ErrorKind::UndefinedError => TemplateProblem::UnknownField,
            ErrorKind::OutOfFuel => TemplateProblem::TooLong,
            _ => TemplateProblem::Other,
        };
        let field = match problem {
            TemplateProblem::UnknownField => e.range().and_then(|r| source?.get(r)).map(|f| {
                crate::domain::text::clean_line(f)
                    .chars()
                    .take(80)
                    .collect()
            }),
            _ => None,
        };
        TemplateError {
            file: file.to_string(),
            line: e.line().and_then(|l| u32::try_from(l).ok()),
            problem,
            field,
            detail: e.detail().unwrap_or(&e.kind().to_string()).to_string(),
        }
    }
}

/// The templates of every kind and preset, with an administrator's overrides. Made once when
/// the service starts; a broken file is remembered and reported when its kind is rendered.
pub struct Templates {
    env: Environment<'static>,
    /// The template each overridden kind uses, by its name in `env`.
    overrides: BTreeMap<DocKind, String>,
    /// Templates that could not be loaded, by name.
    broken: BTreeMap<String, TemplateError>,
}

impl Templates {
    /// Loads the shipped templates and the `<code>.j2` files in `override_dir` (the
    /// configuration directory's [`OVERRIDE_DIR`]); never fails.
    pub fn load(override_dir: Option<&Path>) -> Templates {
        let mut t = Templates {
            env: environment(),
            overrides: BTreeMap::new(),
            broken: BTreeMap::new(),
        };
        for (file, text) in SHIPPED {
            t.add(file.to_string(), text.to_string());
        }
        if let Some(dir) = override_dir {
            for kind in DocKind::ALL {
                let path = dir.join(format!("{}.j2", kind.code()));
                let file = path.display().to_string();
                match read_template(&path, &file) {
                    Ok(None) => continue,
                    Ok(Some(text)) => t.add(file.clone(), text),
                    Err(e) => {
                        t.broken.insert(file.clone(), e);
                    }
                }
                t.overrides.insert(*kind, file);
            }
        }
        t
    }

    fn add(&mut self, file: String, text: String) {
        if let Err(e) = self.env.add_template_owned(file.clone(), text.clone()) {
            let err = TemplateError::of_engine(&file, Some(&text), &e);
            self.broken.insert(file, err);
        }
    }

    /// The administrator's files that could not be loaded (unreadable, too large, bad syntax),
    /// for a warning when the service starts; an unknown field shows only when rendered.
    pub fn problems(&self) -> Vec<TemplateError> {
        self.broken.values().cloned().collect()
    }

    /// The file a kind is worded by for a preset: the administrator's, the preset's own, or
    /// the default.
    pub fn file(&self, preset: &str, kind: DocKind) -> String {
        if let Some(file) = self.overrides.get(&kind) {
            return file.clone();
        }
        let own = format!("templates/{preset}/{}.j2", kind.code());
        if SHIPPED.iter().any(|(f, _)| *f == own) {
            return own;
        }
        format!("templates/default/{}.j2", kind.code())
    }

    /// The document's text in the markup `docs` reads: one paragraph a line, ending in a
    /// line break, with no character that could drive a terminal.
    pub fn render(
        &self,
        preset: &str,
        kind: DocKind,
        ctx: &DocContext,
    ) -> Result<String, TemplateError> {
        let file = self.file(preset, kind);
        if let Some(e) = self.broken.get(&file) {
            return Err(e.clone());
        }
        let tpl = self
            .env
            .get_template(&file)
            .map_err(|e| TemplateError::of_engine(&file, None, &e))?;
        let text = tpl
            .render(minijinja::value::Serde(ctx))
            .map_err(|e| TemplateError::of_engine(&file, Some(tpl.source()), &e))?;
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(TemplateError::of_file(
                &file,
                TemplateProblem::TooLong,
                format!("more than {MAX_DOCUMENT_BYTES} bytes"),
            ));
        }
        Ok(format!("{}\n", crate::domain::text::clean(&text)))
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Plain text: nothing is escaped.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_debug(true);
    env.set_fuel(Some(FUEL));
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    env.add_filter("cell", cell);
    env
}

/// `{{ text | cell }}`: a value for a table cell: one line, and no `|` to split it.
fn cell(text: String) -> String {
    text.replace('\n', " ").replace('|', "｜")
}

/// An administrator's template: `None` when there is no such file.
fn read_template(path: &Path, file: &str) -> Result<Option<String>, TemplateError> {
    let unreadable = |e: std::io::Error| {
        TemplateError::of_file(file, TemplateProblem::Unreadable, e.to_string())
    };
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    let mut bytes = Vec::new();
    f.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(TemplateError::of_file(
            file,
            TemplateProblem::TooLarge,
            format!("more than {MAX_TEMPLATE_BYTES} bytes"),
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| TemplateError::of_file(file, TemplateProblem::Unreadable, "not UTF-8 text"))
}

#[cfg(test)]
#[path = "templates_tests.rs"]
mod tests;
