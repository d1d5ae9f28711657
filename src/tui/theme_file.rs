//! Reading one theme file into a `Layer`: which roles it sets, and its parent.

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};

use super::config_problem::{ConfigProblem, ProblemKind, Source, in_file_order, shown, variant};
use super::theme::Role;

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// One parsed file: its parent (with the line it was named on) and the roles it sets.
pub(crate) struct Layer {
    pub parent: Option<(String, usize)>,
    pub styles: Vec<(Role, Style)>,
}

/// `None` when the file is not TOML at all (reported, and nothing from it applies).
pub(crate) fn parse_layer(
    file: &str,
    text: &str,
    problems: &mut Vec<ConfigProblem>,
) -> Option<Layer> {
    let src = Source { file, text };
    let doc = src.parse().map_err(|p| problems.push(p)).ok()?;
    let mut layer = Layer {
        parent: None,
        styles: Vec::new(),
    };
    for (key, value) in in_file_order(&doc) {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("parent", DeValue::String(p)) => {
                layer.parent = Some((p.to_string(), src.line(value.span().start)));
            }
            ("styles", DeValue::Table(t)) => layer.styles = parse_styles(&src, t, problems),
            ("parent" | "styles", v) => {
                problems.push(src.problem(value.span(), &shown(v), ProblemKind::WrongType));
            }
            (other, _) => {
                problems.push(src.problem(key.span(), other, ProblemKind::UnknownAttribute));
            }
        }
    }
    Some(layer)
}

fn parse_styles(
    src: &Source,
    table: &DeTable,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<(Role, Style)> {
    let mut styles = Vec::new();
    for (key, value) in in_file_order(table) {
        let Some(role) = variant::<Role>(key.get_ref()) else {
            problems.push(src.problem(key.span(), key.get_ref(), ProblemKind::UnknownRole));
            continue;
        };
        let DeValue::Table(attrs) = value.get_ref() else {
            problems.push(src.problem(
                value.span(),
                &shown(value.get_ref()),
                ProblemKind::WrongType,
            ));
            continue;
        };
        styles.push((role, parse_style(src, attrs, problems)));
    }
    styles
}

/// Bad attributes are reported and left out; the rest of the style applies.
fn parse_style(src: &Source, attrs: &DeTable, problems: &mut Vec<ConfigProblem>) -> Style {
    let mut style = Style::default();
    for (key, value) in in_file_order(attrs) {
        let name = key.get_ref().as_ref();
        let wrong_type = || {
            src.problem(
                value.span(),
                &shown(value.get_ref()),
                ProblemKind::WrongType,
            )
        };
        match (name, value.get_ref()) {
            ("fg" | "bg", DeValue::String(c)) => match colour(c) {
                Some(c) if name == "fg" => style = style.fg(c),
                Some(c) => style = style.bg(c),
                None => problems.push(src.problem(value.span(), c, ProblemKind::UnknownColor)),
            },
            ("fg" | "bg", _) => problems.push(wrong_type()),
            _ => match MODIFIERS.iter().find(|(n, _)| *n == name) {
                Some(&(_, m)) => match value.get_ref() {
                    DeValue::Boolean(true) => style = style.add_modifier(m),
                    DeValue::Boolean(false) => style = style.remove_modifier(m),
                    _ => problems.push(wrong_type()),
                },
                None => problems.push(src.problem(key.span(), name, ProblemKind::UnknownAttribute)),
            },
        }
    }
    style
}

/// Only the 16 named ANSI colours and `reset`: the terminal's palette picks the shades, so
/// a theme cannot clash with a user's terminal colours the way fixed RGB can.
fn colour(name: &str) -> Option<Color> {
    match name.parse::<Color>() {
        Ok(Color::Rgb(..) | Color::Indexed(_)) | Err(_) => None,
        Ok(c) => Some(c),
    }
}
