//! What was wrong in a keymap or theme file. Loading never fails: a problem is reported and
//! the rest of the file still applies, so the desk always starts. `describe` words a problem in
//! the user's language; `Display` is plain English for the log.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::lang::Lang;

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

impl ConfigProblem {
    /// The problem in the user's language, naming the file, the line and the bad value.
    pub fn describe(&self, lang: Lang) -> String {
        let (file, line, value) = (&self.file, self.line, &self.value);
        let what = self.kind.words(lang);
        match (lang, line) {
            (Lang::Zh, 0) => format!("{file}：{what}「{value}」"),
            (Lang::Zh, _) => format!("{file} 第{line}行：{what}「{value}」"),
            (Lang::En, 0) => format!("{file}: {what} `{value}`"),
            (Lang::En, _) => format!("{file} line {line}: {what} `{value}`"),
        }
    }
}

impl ProblemKind {
    fn words(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ProblemKind::UnknownPreset => ("没有这个键位预设", "no such keymap preset"),
            ProblemKind::UnknownTheme => ("没有这个主题", "no such theme"),
            ProblemKind::Unreadable => ("无法读取文件", "cannot read the file"),
            ProblemKind::Syntax => (
                "不是有效的 TOML，整个文件未使用",
                "not valid TOML; the whole file was ignored",
            ),
            ProblemKind::UnknownContext => ("未知的按键场景", "unknown key context"),
            ProblemKind::UnknownKey => ("未知的按键名", "unknown key name"),
            ProblemKind::UnknownAction => ("未知的操作", "unknown action"),
            ProblemKind::UnknownRole => ("未知的主题项", "unknown theme role"),
            ProblemKind::UnknownColor => ("未知的颜色", "unknown colour"),
            ProblemKind::UnknownAttribute => ("未知的样式属性", "unknown style attribute"),
            ProblemKind::WrongType => ("取值类型不对", "a value of the wrong type"),
            ProblemKind::ParentLoop => ("主题的 parent 循环引用", "the theme parent loops"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The English wording, for the log.
impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
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
