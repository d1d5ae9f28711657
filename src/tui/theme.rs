//! Meanings to styles. Widgets ask for a `Role` and never name a colour, so a theme file
//! (or NO_COLOR) restyles the whole desk. Themes are embedded TOML with parent fallback per
//! role; the user's `theme.toml` is one more patch on top.

use std::collections::HashMap;
use std::path::Path;

use ratatui::style::Style;
use serde::Deserialize;

use crate::domain::deadline::DueStatus;
use crate::domain::state::State;
use crate::lang::Lang;
use crate::service::api::Due;

use super::config_problem::{ConfigProblem, ProblemKind, read_user_file};
use super::theme_file::{Layer, parse_layer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Text,
    Muted,
    Title,
    Border,
    BorderFocused,
    Selection,
    Header,
    KeyHint,
    /// A key's name inside a hint or the help overlay.
    Key,
    DueSoon,
    Overdue,
    Info,
    Warn,
    Error,
    Input,
    InputInvalid,
    Marked,
    CaseNumber,
    /// The large case number shown after an intake is saved.
    Big,
    /// Registered, awaiting acceptance.
    StateNew,
    /// Accepted, in progress, under review.
    StateActive,
    /// Resolved, answered, followed up, archived.
    StateDone,
    /// Not accepted, transferred, merged.
    StateClosed,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Text,
        Role::Muted,
        Role::Title,
        Role::Border,
        Role::BorderFocused,
        Role::Selection,
        Role::Header,
        Role::KeyHint,
        Role::Key,
        Role::DueSoon,
        Role::Overdue,
        Role::Info,
        Role::Warn,
        Role::Error,
        Role::Input,
        Role::InputInvalid,
        Role::Marked,
        Role::CaseNumber,
        Role::Big,
        Role::StateNew,
        Role::StateActive,
        Role::StateDone,
        Role::StateClosed,
    ];
}

/// Shipped themes: (name, file, text).
const THEMES: &[(&str, &str, &str)] = &[
    (
        "default",
        "themes/default.toml",
        include_str!("../../themes/default.toml"),
    ),
    (
        "light",
        "themes/light.toml",
        include_str!("../../themes/light.toml"),
    ),
    (
        "high-contrast",
        "themes/high-contrast.toml",
        include_str!("../../themes/high-contrast.toml"),
    ),
    (
        "mono",
        "themes/mono.toml",
        include_str!("../../themes/mono.toml"),
    ),
];

#[derive(Clone, Debug)]
pub struct Theme {
    name: String,
    styles: HashMap<Role, Style>,
}

impl Theme {
    pub fn names() -> Vec<&'static str> {
        THEMES.iter().map(|t| t.0).collect()
    }

    /// The shipped theme the rest was built on (`mono` under NO_COLOR).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles.get(&role).copied().unwrap_or_default()
    }

    pub fn border(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        })
    }

    /// Whether some layer set the role (a shipped theme must set them all).
    pub fn defines(&self, role: Role) -> bool {
        self.styles.contains_key(&role)
    }

    /// Always gives a usable theme. `no_color` forces `mono`, and then the user's patch
    /// keeps only its modifiers. The user's `parent`, if any, replaces `name` as the base.
    pub fn load(
        name: &str,
        no_color: bool,
        user_file: Option<&Path>,
    ) -> (Theme, Vec<ConfigProblem>) {
        let mut problems = Vec::new();
        let mut base = if no_color { "mono" } else { name };
        if shipped(base).is_none() {
            problems.push(ConfigProblem {
                file: "themes".to_string(),
                line: 0,
                value: base.to_string(),
                kind: ProblemKind::UnknownTheme,
            });
            base = "default";
        }
        let mut layers = Vec::new();
        if let Some((file, text)) = read_user_file(user_file, &mut problems)
            && let Some(mut user) = parse_layer(&file, &text, &mut problems)
        {
            match user.parent.take() {
                Some(_) if no_color => {}
                Some((parent, line)) => match shipped(&parent) {
                    Some(t) => base = t.0,
                    None => problems.push(unknown_theme(&file, line, &parent)),
                },
                None => {}
            }
            if no_color {
                strip_colours(&mut user);
            }
            layers.push(user);
        }
        let mut visited = Vec::new();
        let mut next = Some(base.to_string());
        while let Some(current) = next.take() {
            let Some(&(n, file, text)) = shipped(&current) else {
                break;
            };
            visited.push(n);
            let Some(layer) = parse_layer(file, text, &mut problems) else {
                break;
            };
            if let Some((parent, line)) = &layer.parent {
                match shipped(parent) {
                    None => problems.push(unknown_theme(file, *line, parent)),
                    Some(p) if visited.contains(&p.0) => problems.push(ConfigProblem {
                        kind: ProblemKind::ParentLoop,
                        ..unknown_theme(file, *line, parent)
                    }),
                    Some(p) => next = Some(p.0.to_string()),
                }
            }
            layers.push(layer);
        }
        let mut styles = HashMap::new();
        for layer in layers.iter().rev() {
            styles.extend(layer.styles.iter().copied());
        }
        let theme = Theme {
            name: base.to_string(),
            styles,
        };
        (theme, problems)
    }
}

fn shipped(name: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    THEMES.iter().find(|t| t.0 == name)
}

fn unknown_theme(file: &str, line: usize, name: &str) -> ConfigProblem {
    ConfigProblem {
        file: file.to_string(),
        line,
        value: name.to_string(),
        kind: ProblemKind::UnknownTheme,
    }
}

/// Under NO_COLOR a user's role survives only if a modifier still tells it apart.
fn strip_colours(layer: &mut Layer) {
    for (_, style) in &mut layer.styles {
        style.fg = None;
        style.bg = None;
    }
    layer.styles.retain(|(_, s)| *s != Style::default());
}

/// The role that marks a case's state.
pub fn state_role(s: State) -> Role {
    match s {
        State::Registered | State::AwaitingApproval => Role::StateNew,
        State::Accepted | State::InProgress | State::UnderReview => Role::StateActive,
        State::Resolved | State::Answered | State::FollowedUp | State::Archived => Role::StateDone,
        State::NotAccepted | State::TransferredOut | State::Merged => Role::StateClosed,
    }
}

/// A due status in a few cells, with the style that marks it; the words say it too, so
/// colour is never the only signal.
pub fn due_cell(lang: Lang, due: Option<&Due>) -> (String, Role) {
    let Some(d) = due else {
        return (String::new(), Role::Muted);
    };
    let role = match d.status {
        DueStatus::OnTrack { .. } => Role::Text,
        DueStatus::DueSoon { .. } | DueStatus::DueToday => Role::DueSoon,
        DueStatus::Overdue { .. } => Role::Overdue,
    };
    (lang.words().due_short(d.status), role)
}

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;
