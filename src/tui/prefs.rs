//! The desk's settings file, `config.toml` in the config directory: theme, keymap, ASCII
//! borders, the usual intake channel. Flags on the command line win over it.

use std::path::Path;

use serde::Deserialize;

use crate::domain::case::Channel;

use super::config_problem::{ConfigProblem, ProblemKind};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Prefs {
    pub theme: Option<String>,
    pub keymap: Option<String>,
    pub ascii: bool,
    /// The channel a new intake starts with (`phone`, `visit`, …).
    pub channel: Option<String>,
    /// Read by `config::configured_lang` before the desk starts, as the socket is.
    pub lang: Option<String>,
    /// A shared server's socket; read by `config::choose_store` before the desk starts.
    pub socket: Option<std::path::PathBuf>,
    /// Where documents are written; read by `config::documents_dir`, which also checks it.
    pub documents_dir: Option<std::path::PathBuf>,
}

impl Prefs {
    /// Reads `config.toml`; a missing file is no problem, a bad one is reported and ignored.
    pub fn load(dir: Option<&Path>) -> (Prefs, Vec<ConfigProblem>) {
        let Some(path) = dir.map(|d| d.join("config.toml")) else {
            return (Prefs::default(), Vec::new());
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return (Prefs::default(), Vec::new());
        };
        match toml::from_str::<Prefs>(&text) {
            Ok(p) => {
                let mut problems = Vec::new();
                if let Some(c) = &p.channel
                    && Channel::from_code(c).is_none()
                {
                    problems.push(ConfigProblem {
                        file: path.display().to_string(),
                        line: line_of(&text, c),
                        value: c.clone(),
                        kind: ProblemKind::WrongType,
                    });
                }
                (p, problems)
            }
            Err(e) => {
                let line = e.span().map_or(0, |s| {
                    text[..s.start.min(text.len())].lines().count().max(1)
                });
                let value = text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                (
                    Prefs::default(),
                    vec![ConfigProblem {
                        file: path.display().to_string(),
                        line,
                        value,
                        kind: ProblemKind::Syntax,
                    }],
                )
            }
        }
    }

    pub fn channel(&self) -> Channel {
        self.channel
            .as_deref()
            .and_then(Channel::from_code)
            .unwrap_or(Channel::Phone)
    }
}

fn line_of(text: &str, value: &str) -> usize {
    text.lines()
        .position(|l| l.contains(value))
        .map_or(0, |i| i + 1)
}
