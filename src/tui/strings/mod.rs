//! The desk's own words: one table per language, like `lang` for the domain's words.

mod en;
mod zh;

use crate::domain::deadline::DueStatus;
use crate::lang::Lang;

use super::action::{Action, KeyContext};

/// The table of one language.
#[derive(Clone, Copy)]
pub struct Text(Lang);

impl Text {
    pub fn of(lang: Lang) -> Text {
        Text(lang)
    }

    /// A short name for the hint line and the palette.
    pub fn name(self, a: Action) -> &'static str {
        match self.0 {
            Lang::Zh => zh::name(a),
            Lang::En => en::name(a),
        }
    }

    /// One line on what the key does, for the help overlay and the palette.
    pub fn doc(self, a: Action) -> &'static str {
        match self.0 {
            Lang::Zh => zh::doc(a),
            Lang::En => en::doc(a),
        }
    }

    pub fn context(self, c: KeyContext) -> &'static str {
        match self.0 {
            Lang::Zh => zh::context(c),
            Lang::En => en::context(c),
        }
    }

    /// A keymap, theme or settings problem, naming the file, the line and the bad value.
    pub fn problem(self, p: &super::config_problem::ConfigProblem) -> String {
        match self.0 {
            Lang::Zh => zh::problem(p),
            Lang::En => en::problem(p),
        }
    }

    /// A due status in a few cells: "剩3日", "逾期2日".
    pub fn due_short(self, s: DueStatus) -> String {
        match self.0 {
            Lang::Zh => zh::due_short(s),
            Lang::En => en::due_short(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_name_and_a_doc_in_both_languages() {
        for a in Action::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let t = Text::of(lang);
                assert!(!t.name(*a).is_empty(), "{a:?}");
                assert!(!t.doc(*a).is_empty(), "{a:?}");
            }
            assert_ne!(Text::of(Lang::Zh).doc(*a), Text::of(Lang::En).doc(*a));
        }
    }
}
