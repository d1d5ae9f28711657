//! A key chord as written in keymap files (`"ctrl-s"`, `"f2"`, `"N"`) and as shown in hints
//! (`Ctrl-S`, `F2`, `N`). Events are normalised so that what a terminal sends for a chord
//! compares equal to what the file wrote.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown key name `{0}`")]
pub struct KeyParseError(pub String);

/// Names of keys without a character, in both directions. The first name is the one shown.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    // What staff know it as; "backtab" is read too.
    ("Shift-Tab", KeyCode::BackTab),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }.normalised()
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    /// Ignores the event kind (press, repeat, release): the caller decides which to read.
    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// A character typed with no Ctrl or Alt: in a text field it types itself.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// One spelling per chord, whatever the terminal or the file sent.
    fn normalised(mut self) -> Key {
        // Super/Hyper/Meta only arrive from some terminals; bindings never name them.
        self.mods &= KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        match self.code {
            // The character already carries Shift ('N', '?').
            KeyCode::Char(c) => {
                self.mods -= KeyModifiers::SHIFT;
                // Legacy terminals send Ctrl-S and Ctrl-Shift-S as the same byte.
                if self.mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                    self.code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            // crossterm reports BackTab with Shift; the kitty protocol may send Shift-Tab.
            KeyCode::BackTab => self.mods -= KeyModifiers::SHIFT,
            KeyCode::Tab if self.mods.contains(KeyModifiers::SHIFT) => {
                self.code = KeyCode::BackTab;
                self.mods -= KeyModifiers::SHIFT;
            }
            _ => {}
        }
        self
    }

    /// Modifier prefixes are `ctrl-`, `alt-`, `shift-` in any case; names of keys are
    /// case-blind (`PgDn` or `pgdn`), single characters are taken as written (`n` ≠ `N`).
    pub fn parse(s: &str) -> Result<Key, KeyParseError> {
        let bad = || KeyParseError(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break; // "ctrl--" is Ctrl with '-', "-" alone is the character
            }
            let m = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => break,
            };
            mods |= m;
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_lowercase() {
                    mods -= KeyModifiers::SHIFT;
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            (Some(_), Some(_)) => named(rest).ok_or_else(bad)?,
            (None, _) => return Err(bad()),
        };
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            mods -= KeyModifiers::SHIFT;
            return Ok(Key::new(KeyCode::BackTab, mods));
        }
        Ok(Key::new(code, mods))
    }
}

fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f')
        && let Ok(n) = n.parse::<u8>()
    {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    match lower.as_str() {
        "pageup" => return Some(KeyCode::PageUp),
        "pagedown" => return Some(KeyCode::PageDown),
        "escape" => return Some(KeyCode::Esc),
        "return" => return Some(KeyCode::Enter),
        "backtab" => return Some(KeyCode::BackTab),
        _ => {}
    }
    NAMED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(&lower))
        .map(|&(_, code)| code)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::F(n) => write!(f, "F{n}"),
            // Ctrl-S reads better than Ctrl-s, and Ctrl never tells the cases apart.
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn k(s: &str) -> Key {
        match Key::parse(s) {
            Ok(k) => k,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn parses_the_documented_names() {
        assert_eq!(k("f1"), Key::plain(KeyCode::F(1)));
        assert_eq!(k("F12"), Key::plain(KeyCode::F(12)));
        assert_eq!(
            k("ctrl-s"),
            Key::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("alt-x"), Key::new(KeyCode::Char('x'), KeyModifiers::ALT));
        assert_eq!(k("backtab"), Key::plain(KeyCode::BackTab));
        assert_eq!(k("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(k("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(k("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(k("删"), Key::plain(KeyCode::Char('删')));
        assert_eq!(k("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(
            k("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("shift-n"), k("N"));
        assert_ne!(k("n"), k("N"));
        for bad in ["", "f13", "f0", "ctrl-", "pgdown2", "hyper-x", "enterr"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn events_match_what_files_write() {
        let ev = |code, mods| Key::from_event(&KeyEvent::new(code, mods));
        assert_eq!(ev(KeyCode::Char('N'), KeyModifiers::SHIFT), k("N"));
        assert_eq!(ev(KeyCode::Char('?'), KeyModifiers::SHIFT), k("?"));
        assert_eq!(ev(KeyCode::BackTab, KeyModifiers::SHIFT), k("backtab"));
        assert_eq!(ev(KeyCode::Tab, KeyModifiers::SHIFT), k("shift-tab"));
        let shifted_ctrl = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
        assert_eq!(ev(KeyCode::Char('S'), shifted_ctrl), k("ctrl-s"));
        let mut release = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(&release), k("f2"));
    }

    #[test]
    fn shows_hint_names_that_parse_back() {
        let cases = [
            ("f2", "F2"),
            ("ctrl-s", "Ctrl-S"),
            ("alt-x", "Alt-x"),
            ("enter", "Enter"),
            ("esc", "Esc"),
            ("tab", "Tab"),
            ("shift-tab", "Shift-Tab"),
            ("backtab", "Shift-Tab"),
            ("pgdn", "PgDn"),
            ("/", "/"),
            ("n", "n"),
            ("N", "N"),
            ("space", "Space"),
            ("删", "删"),
            ("shift-up", "Shift-Up"),
        ];
        for (written, shown) in cases {
            assert_eq!(k(written).to_string(), shown);
            assert_eq!(k(shown), k(written), "{shown} parses back");
        }
    }
}
