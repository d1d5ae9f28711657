use super::*;
use crate::tui::config_problem::test_files::{fixture, user_file};
use ratatui::style::{Color, Modifier};

fn load(name: &str) -> Theme {
    let (theme, problems) = Theme::load(name, false, None);
    assert_eq!(problems, vec![], "{name}");
    theme
}

#[test]
fn every_shipped_theme_parses_and_sets_every_role() {
    for name in Theme::names() {
        let theme = load(name);
        assert_eq!(theme.name(), name);
        for &role in Role::ALL {
            assert!(theme.defines(role), "{name}: {role:?}");
        }
    }
}

#[test]
fn the_default_theme_is_complete_by_itself() {
    let (_, _, text) = THEMES[0];
    let mut problems = Vec::new();
    let layer = parse_layer("default", text, &mut problems);
    assert_eq!(problems, vec![]);
    let layer = layer.unwrap_or_else(|| panic!("default parses"));
    assert!(layer.parent.is_none());
    for &role in Role::ALL {
        assert!(layer.styles.iter().any(|(r, _)| *r == role), "{role:?}");
    }
}

#[test]
fn mono_has_no_colour_and_no_color_forces_it() {
    for theme in [load("mono"), Theme::load("high-contrast", true, None).0] {
        assert_eq!(theme.name(), "mono");
        for &role in Role::ALL {
            let s = theme.style(role);
            assert_eq!((s.fg, s.bg), (None, None), "{role:?}");
        }
    }
}

#[test]
fn meanings_never_rest_on_colour_alone_where_it_matters() {
    for name in Theme::names() {
        let theme = load(name);
        let text = theme.style(Role::Text);
        for role in [
            Role::Selection,
            Role::Overdue,
            Role::Error,
            Role::BorderFocused,
        ] {
            assert_ne!(theme.style(role), text, "{name}: {role:?}");
        }
        assert_ne!(theme.border(true), theme.border(false), "{name}");
    }
    let mono = load("mono");
    for role in [
        Role::Selection,
        Role::Overdue,
        Role::DueSoon,
        Role::Error,
        Role::Marked,
    ] {
        assert!(!mono.style(role).add_modifier.is_empty(), "mono {role:?}");
    }
    assert_ne!(mono.style(Role::Overdue), mono.style(Role::DueSoon));
}

#[test]
fn a_child_theme_falls_back_to_its_parent_per_role() {
    let (default, light) = (load("default"), load("light"));
    assert_eq!(light.style(Role::Overdue), default.style(Role::Overdue));
    assert_ne!(light.style(Role::DueSoon), default.style(Role::DueSoon));
}

#[test]
fn user_patch_overrides_roles_and_may_name_a_parent() {
    let (_dir, path) = user_file(
        "theme.toml",
        "parent = \"light\"\n[styles]\noverdue = { fg = \"magenta\", underlined = true }\n",
    );
    let (theme, problems) = Theme::load("default", false, Some(&path));
    assert_eq!(problems, vec![]);
    assert_eq!(theme.name(), "light");
    let overdue = Style::default()
        .fg(Color::Magenta)
        .add_modifier(Modifier::UNDERLINED);
    assert_eq!(theme.style(Role::Overdue), overdue);
    assert_eq!(
        theme.style(Role::DueSoon),
        load("light").style(Role::DueSoon)
    );

    // Under NO_COLOR the patch keeps only what a modifier can show.
    let (theme, problems) = Theme::load("default", true, Some(&path));
    assert_eq!(problems, vec![]);
    assert_eq!(theme.name(), "mono");
    let underlined = Style::default().add_modifier(Modifier::UNDERLINED);
    assert_eq!(theme.style(Role::Overdue), underlined);
}

#[test]
fn unknown_theme_name_falls_back_to_default() {
    let (theme, problems) = Theme::load("solarized", false, None);
    assert_eq!(theme.name(), "default");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].kind, problems[0].value.as_str()),
        (ProblemKind::UnknownTheme, "solarized")
    );
}

/// The problems a fixture should give: (line, value, kind).
type Expected = &'static [(usize, &'static str, ProblemKind)];

#[test]
fn invalid_files_name_file_line_and_value() {
    use ProblemKind::*;
    let cases: &[(&str, Expected)] = &[
        (
            "theme_bad_colour.toml",
            &[(5, "crimson", UnknownColor), (6, "#ff8800", UnknownColor)],
        ),
        (
            "theme_unknown_role.toml",
            &[(3, "overdew", UnknownRole), (4, "blink", UnknownAttribute)],
        ),
        (
            "theme_syntax.toml",
            &[(3, "overdue = { fg = \"red\", bold = yes }", Syntax)],
        ),
        (
            "theme_unknown_parent.toml",
            &[(1, "solarized", UnknownTheme), (4, "very", WrongType)],
        ),
    ];
    let default = load("default");
    for &(name, expected) in cases {
        let (theme, problems) = Theme::load("default", false, Some(&fixture(name)));
        let mut got: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.value.as_str(), p.kind))
            .collect();
        got.sort_by_key(|p| p.0);
        assert_eq!(got, expected, "{name}");
        for p in &problems {
            assert!(p.file.ends_with(name), "{name}: {}", p.file);
            assert!(p.to_string().contains(&p.value), "{p}");
        }
        for &role in Role::ALL {
            assert!(theme.defines(role), "{name}: {role:?}");
        }
        // The good parts of a file with bad parts still apply.
        let bold = Style::default().add_modifier(Modifier::BOLD);
        match name {
            "theme_bad_colour.toml" => assert_eq!(theme.style(Role::Overdue), bold),
            "theme_unknown_role.toml" => {
                assert_eq!(theme.style(Role::Title), bold);
                assert_eq!(theme.style(Role::Warn), Style::default().fg(Color::Yellow));
            }
            "theme_syntax.toml" => assert_eq!(theme.style(Role::Title), default.style(Role::Title)),
            _ => assert_eq!(
                theme.style(Role::Error),
                Style::default().fg(Color::Magenta)
            ),
        }
    }
}
