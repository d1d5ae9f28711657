use super::*;
use crate::tui::config_problem::ProblemKind;
use crate::tui::config_problem::test_files::{fixture, user_file};
use crossterm::event::KeyCode;

fn k(s: &str) -> Key {
    Key::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn default_map() -> Keymap {
    let (map, problems) = Keymap::load("default", None);
    assert_eq!(problems, vec![]);
    map
}

#[test]
fn every_shipped_keymap_parses_cleanly() {
    for preset in Keymap::preset_names() {
        let (_, problems) = Keymap::load(preset, None);
        assert_eq!(problems, vec![], "{preset}");
    }
}

#[test]
fn every_action_has_a_default_key() {
    let map = default_map();
    for &action in Action::ALL.iter().filter(|&&a| a != Action::Noop) {
        let bound = KeyContext::ALL
            .iter()
            .any(|&ctx| !map.keys_for(ctx, action).is_empty());
        assert!(bound, "{action:?} has no key");
    }
}

#[test]
fn no_default_on_keys_that_ssh_or_tmux_eat_or_alias() {
    let risky = [
        "ctrl-a", "ctrl-b", "ctrl-z", "ctrl-h", "ctrl-i", "ctrl-j", "ctrl-m", "ctrl-[",
    ];
    let risky: Vec<Key> = risky.iter().map(|s| k(s)).collect();
    let map = default_map();
    for &ctx in KeyContext::ALL {
        for (key, action) in map.bindings(ctx) {
            assert!(!risky.contains(&key), "{ctx:?}: {key} = {action:?}");
            let enter_like = key.code == KeyCode::Enter && !key.mods.is_empty();
            assert!(!enter_like, "{ctx:?}: {key} = {action:?}");
        }
    }
}

#[test]
fn esc_always_has_an_alternative() {
    let map = default_map();
    for &ctx in KeyContext::ALL {
        if let Some(action) = map.resolve(ctx, k("esc")) {
            assert!(
                map.keys_for(ctx, action).len() > 1,
                "{ctx:?}: only Esc does {action:?}"
            );
        }
    }
}

#[test]
fn resolution_goes_own_table_then_list_then_global() {
    let map = default_map();
    assert_eq!(map.resolve(KeyContext::Inbox, k("a")), Some(Action::Act));
    assert_eq!(
        map.resolve(KeyContext::Inbox, k("s")),
        Some(Action::FilterState)
    );
    assert_eq!(
        map.resolve(KeyContext::Overdue, k("f1")),
        Some(Action::Help)
    );
    // Overdue's own Enter is the one used, not a later table's.
    assert_eq!(
        map.resolve(KeyContext::Overdue, k("enter")),
        Some(Action::Open)
    );
    // [list] is not consulted outside the list panes.
    assert_eq!(map.resolve(KeyContext::Detail, k("s")), None);
    assert_eq!(
        map.resolve(KeyContext::Detail, k("f4")),
        Some(Action::Inbox)
    );
    assert_eq!(map.resolve(KeyContext::Inbox, k("Z")), None);
}

#[test]
fn printable_keys_type_in_text_contexts() {
    let (_dir, path) = user_file(
        "keymap.toml",
        "[global]\n\"g\" = \"inbox\"\n\"alt-g\" = \"inbox\"\n",
    );
    let (map, problems) = Keymap::load("default", Some(&path));
    assert_eq!(problems, vec![]);
    for ctx in [KeyContext::Intake, KeyContext::Popup] {
        assert!(ctx.takes_text());
        assert_eq!(map.resolve(ctx, k("g")), None, "{ctx:?}");
        assert_eq!(map.resolve(ctx, k("删")), None, "{ctx:?}");
        assert_eq!(map.resolve(ctx, k("space")), None, "{ctx:?}");
        assert_eq!(map.resolve(ctx, k("alt-g")), Some(Action::Inbox), "{ctx:?}");
        assert_eq!(map.resolve(ctx, k("f1")), Some(Action::Help), "{ctx:?}");
        assert_eq!(map.resolve(ctx, k("ctrl-q")), Some(Action::Quit), "{ctx:?}");
    }
    assert_eq!(map.resolve(KeyContext::Detail, k("g")), Some(Action::Inbox));
    // A hint never offers a key that would type instead, nor F4, which offers phrases there.
    assert_eq!(
        map.keys_for(KeyContext::Intake, Action::Inbox),
        vec![k("alt-g")]
    );
}

/// F4 is the inbox everywhere but in a form's text field, where it offers canned phrases, in
/// both shipped keymaps.
#[test]
fn f4_offers_phrases_in_forms_and_goes_to_the_inbox_elsewhere() {
    for preset in ["default", "vim"] {
        let (map, problems) = Keymap::load(preset, None);
        assert_eq!(problems, vec![], "{preset}");
        for ctx in [KeyContext::Intake, KeyContext::Popup] {
            assert_eq!(
                map.resolve(ctx, k("f4")),
                Some(Action::Phrase),
                "{preset} {ctx:?}"
            );
        }
        for ctx in [KeyContext::Inbox, KeyContext::Detail, KeyContext::Overdue] {
            assert_eq!(
                map.resolve(ctx, k("f4")),
                Some(Action::Inbox),
                "{preset} {ctx:?}"
            );
        }
    }
}

#[test]
fn noop_unbinds_and_stops_the_fall_through() {
    let (_dir, path) = user_file(
        "keymap.toml",
        "[inbox]\n\"s\" = \"noop\"\n[list]\n\"f1\" = \"noop\"\n",
    );
    let (map, problems) = Keymap::load("default", Some(&path));
    assert_eq!(problems, vec![]);
    assert_eq!(map.resolve(KeyContext::Inbox, k("s")), None);
    assert_eq!(
        map.resolve(KeyContext::Assign, k("s")),
        Some(Action::FilterState)
    );
    // f1 in [list] hides [global]'s f1 from the list panes only.
    assert_eq!(map.resolve(KeyContext::Inbox, k("f1")), None);
    assert_eq!(map.resolve(KeyContext::Detail, k("f1")), Some(Action::Help));
    assert!(
        !map.keys_for(KeyContext::Inbox, Action::Help)
            .contains(&k("f1"))
    );
    assert!(
        map.bindings(KeyContext::List)
            .iter()
            .all(|&(_, a)| a != Action::Noop)
    );
}

#[test]
fn user_file_overrides_one_key_and_keeps_the_rest() {
    let (_dir, path) = user_file(
        "keymap.toml",
        "[list]\n\"s\" = \"filter_channel\"\n\"F\" = \"filter\"\n",
    );
    let (map, problems) = Keymap::load("vim", Some(&path));
    assert_eq!(problems, vec![]);
    let defaults = default_map();
    assert_eq!(
        map.resolve(KeyContext::Inbox, k("s")),
        Some(Action::FilterChannel)
    );
    assert_eq!(map.resolve(KeyContext::Inbox, k("F")), Some(Action::Filter));
    assert_eq!(map.resolve(KeyContext::Inbox, k("j")), Some(Action::Down));
    for &ctx in KeyContext::ALL {
        for (key, action) in defaults.bindings(ctx) {
            if key != k("s") {
                assert_eq!(
                    map.resolve(ctx, key),
                    defaults.resolve(ctx, key),
                    "{ctx:?} {key}"
                );
            } else {
                assert_eq!(action, Action::FilterState);
            }
        }
    }
    // The overridden key keeps its place; the new one goes last.
    let list = map.bindings(KeyContext::List);
    let pos = |key: Key| list.iter().position(|&(k, _)| k == key);
    assert_eq!(
        pos(k("s")),
        defaults
            .bindings(KeyContext::List)
            .iter()
            .position(|&(x, _)| x == k("s"))
    );
    assert_eq!(pos(k("F")), Some(list.len() - 1));
}

#[test]
fn keys_for_lists_keys_in_file_order() {
    let map = default_map();
    let back = map.keys_for(KeyContext::Help, Action::Back);
    let expect: Vec<Key> = ["esc", "q", "f1", "?", "f10"]
        .iter()
        .map(|s| k(s))
        .collect();
    assert_eq!(back, expect);
    assert_eq!(
        map.keys_for(KeyContext::Intake, Action::Save),
        vec![k("f2"), k("ctrl-s")]
    );
    // Own table first, then [list].
    assert_eq!(
        map.keys_for(KeyContext::Assign, Action::Open),
        vec![k("enter")]
    );
    assert_eq!(
        map.keys_for(KeyContext::Inbox, Action::Help),
        vec![k("?"), k("f1")]
    );
    let list = map.bindings(KeyContext::List);
    assert_eq!(list.first(), Some(&(k("up"), Action::Up)));
    assert_eq!(list.last(), Some(&(k("q"), Action::Quit)));
}

#[test]
fn unknown_preset_is_reported_and_default_used() {
    let (map, problems) = Keymap::load("emacs", None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::UnknownPreset);
    assert_eq!(problems[0].value, "emacs");
    assert_eq!(map.resolve(KeyContext::Intake, k("f2")), Some(Action::Save));
}

#[test]
fn missing_user_file_is_no_problem() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_, problems) = Keymap::load("default", Some(&dir.path().join("keymap.toml")));
    assert_eq!(problems, vec![]);
    let (_, problems) = Keymap::load("default", Some(dir.path()));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::Unreadable);
}

/// The problems a fixture should give: (line, value, kind).
type Expected = &'static [(usize, &'static str, ProblemKind)];
/// A binding the fixture's good lines still make, or `None` when nothing applies.
type Applied = Option<(KeyContext, &'static str, Action)>;

#[test]
fn invalid_files_name_file_line_and_value() {
    use ProblemKind::*;
    let cases: &[(&str, Expected, Applied)] = &[
        (
            "keymap_unknown_action.toml",
            &[(4, "teleport", UnknownAction)],
            Some((KeyContext::List, "j", Action::Down)),
        ),
        (
            "keymap_unknown_key.toml",
            &[(5, "pgdown", UnknownKey), (6, "hyper-x", UnknownKey)],
            Some((KeyContext::Global, "f2", Action::Help)),
        ),
        (
            "keymap_unknown_context.toml",
            &[(4, "inbx", UnknownContext)],
            Some((KeyContext::List, "j", Action::Down)),
        ),
        ("keymap_syntax.toml", &[(3, "\"k\" = up", Syntax)], None),
    ];
    for &(name, expected, applied) in cases {
        let path = fixture(name);
        let (map, problems) = Keymap::load("default", Some(&path));
        let got: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.value.as_str(), p.kind))
            .collect();
        assert_eq!(got, expected, "{name}");
        for p in &problems {
            assert!(p.file.ends_with(name), "{name}: {}", p.file);
            assert!(p.to_string().contains(&p.value), "{p}");
        }
        match applied {
            Some((ctx, key, action)) => {
                assert_eq!(map.resolve(ctx, k(key)), Some(action), "{name}")
            }
            None => assert_eq!(
                map.resolve(KeyContext::List, k("j")),
                None,
                "{name}: nothing applied"
            ),
        }
    }
}

#[test]
fn wrong_types_are_reported() {
    let (_dir, path) = user_file("keymap.toml", "help = \"down\"\n[list]\n\"j\" = 3\n");
    let (_, problems) = Keymap::load("default", Some(&path));
    let got: Vec<_> = problems
        .iter()
        .map(|p| (p.line, p.value.as_str(), p.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "help", ProblemKind::WrongType),
            (3, "3", ProblemKind::WrongType)
        ]
    );
}
