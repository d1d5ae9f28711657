//! What was wrong in a keymap or theme file. Loading never fails: a problem is reported and
//! the rest of the file still applies, so the desk always starts. The wording for staff is the
//! caller's; `Display` here is plain English for the log.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// `keymaps/vim.toml` for shipped files, the path as given for the user's.
    pub file: String,
    /// 1-based; 0 when the problem has no place in a file (an unknown preset name).
    pub line: usize,
    /// The offending text as written (for a syntax error, the line it is on).
    pub value: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    UnknownPreset,
    UnknownTheme,
    /// The file exists but cannot be read; `value` holds the OS error.
    Unreadable,
    /// Not valid TOML; nothing in the file was applied.
    Syntax,
    UnknownContext,
    UnknownKey,
    UnknownAction,
    UnknownRole,
    UnknownColor,
    /// A style attribute other than fg, bg, bold, dim, italic, underlined, reversed.
    UnknownAttribute,
    /// A value of the wrong TOML type (a number where an action goes, `bold = "yes"`).
    WrongType,
    /// Themes whose `parent` leads back to themselves.
    ParentLoop,
}

/// The English wording, for the log.
impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::strings::Text::of(crate::lang::Lang::En).problem(self))
    }
}

/// One file's text, to turn byte spans into lines.
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        // Counted on bytes so that a span inside a multi-byte character cannot panic.
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub fn problem(&self, span: Range<usize>, value: &str, kind: ProblemKind) -> ConfigProblem {
        ConfigProblem {
            file: self.file.to_string(),
            line: self.line(span.start),
            value: value.to_string(),
            kind,
        }
    }

    /// The whole document, or the syntax problem that keeps it from applying at all.
    pub fn parse(&self) -> Result<DeTable<'a>, ConfigProblem> {
        match DeTable::parse(self.text) {
            Ok(doc) => Ok(doc.into_inner()),
            Err(e) => {
                let line = self.line(e.span().map_or(0, |s| s.start));
                let value = self.text.lines().nth(line - 1).unwrap_or("").trim();
                Err(ConfigProblem {
                    file: self.file.to_string(),
                    line,
                    value: value.to_string(),
                    kind: ProblemKind::Syntax,
                })
            }
        }
    }
}

/// A table's entries in the order they were written (the parsed map is sorted by key).
pub(crate) fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// The text of a value as a reader would quote it.
pub(crate) fn shown(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(x) => x.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "[…]".to_string(),
        DeValue::Table(_) => "{…}".to_string(),
    }
}

/// The file name to report for a user file.
pub(crate) fn file_name(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Reads an optional user file. A missing file is no layer and no problem: most people have none.
pub(crate) fn read_user_file(
    path: Option<&std::path::Path>,
    problems: &mut Vec<ConfigProblem>,
) -> Option<(String, String)> {
    let path = path?;
    match std::fs::read_to_string(path) {
        Ok(text) => Some((file_name(path), text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            problems.push(ConfigProblem {
                file: file_name(path),
                line: 0,
                value: e.to_string(),
                kind: ProblemKind::Unreadable,
            });
            None
        }
    }
}

/// A serde enum variant by its snake_case name, so files and code share one spelling.
pub(crate) fn variant<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(de).ok()
}

/// Files for the keymap and theme tests: the broken fixtures and a user's own file.
#[cfg(test)]
pub(crate) mod test_files {
    use std::path::PathBuf;

    /// A file in `tests/invalid/`.
    pub fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/invalid")
            .join(name)
    }

    /// `text` as the user's `name` in a fresh config directory.
    pub fn user_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        (dir, path)
    }
}
