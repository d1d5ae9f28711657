//! One file per pane: its state, its keys, its replies, behind `Component`. Drawing lives in
//! `view/`. A pane reads the `Shell` and returns an `Outcome`; it never imports the app or
//! another pane (the test below holds it to that).

pub mod assign;
pub mod detail;
pub mod inbox;
pub mod intake;
pub mod overdue;

#[cfg(test)]
mod tests {
    use std::path::Path;

    const PANES: &[&str] = &["assign", "detail", "inbox", "intake", "overdue"];

    fn source(rel: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Whether the file names the module `what` of the desk in a path: `crate::tui::what`,
    /// `super::what` or inside `tui::{…}`, `what` as a whole word.
    fn names(text: &str, what: &str) -> bool {
        ["crate::tui::", "super::", "tui::{", ", "]
            .iter()
            .any(|before| {
                let pattern = format!("{before}{what}");
                text.match_indices(&pattern).any(|(at, _)| {
                    let next = text[at + pattern.len()..].chars().next();
                    let whole = !next.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    // ", what" only counts inside a use list.
                    whole && (*before != ", " || text[..at].rfind("use ") > text[..at].rfind(';'))
                })
            })
    }

    #[test]
    fn no_pane_imports_another_or_the_app() {
        for pane in PANES {
            let text = source(&format!("src/tui/panes/{pane}.rs"));
            assert!(!names(&text, "app"), "panes/{pane}.rs imports the app");
            assert!(!names(&text, "view"), "panes/{pane}.rs imports drawing");
            for other in PANES.iter().filter(|o| *o != pane) {
                assert!(
                    !names(&text, &format!("panes::{other}")) && !names(&text, other),
                    "panes/{pane}.rs imports panes/{other}.rs"
                );
            }
        }
    }

    #[test]
    fn what_panes_stand_on_imports_no_pane_and_no_app() {
        for file in [
            "overlay",
            "component",
            "shell",
            "layout",
            "list",
            "acting",
            "help",
            "case_lines",
            "overdue_text",
            "msg",
        ] {
            let text = source(&format!("src/tui/{file}.rs"));
            assert!(!names(&text, "app"), "{file}.rs imports the app");
            assert!(!text.contains("panes::"), "{file}.rs imports a pane");
        }
    }

    #[test]
    fn the_check_sees_an_import_and_only_that() {
        assert!(names("use crate::tui::panes::inbox::X;", "panes"));
        assert!(names("use super::app::App;", "app"));
        assert!(names("use crate::tui::{action::Action, app};", "app"));
        assert!(!names("use crate::tui::intake_form::FieldId;", "intake"));
        assert!(!names("let a = f(x, app);", "app"));
    }
}
