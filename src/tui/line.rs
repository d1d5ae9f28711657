//! A one-line text field: the caret, editing keys, and pasted text cleaned to one line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::width::{clean_line, width};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Caret position in chars.
    caret: usize,
    /// Most characters the field takes; a paste past it is refused whole.
    limit: usize,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Unchanged,
    /// A paste would pass the field's limit and was refused.
    TooLong,
    /// The key is not an editing key.
    NotMine,
}

impl LineInput {
    pub fn new(limit: usize) -> LineInput {
        LineInput {
            limit,
            ..LineInput::default()
        }
    }

    pub fn with_text(limit: usize, text: &str) -> LineInput {
        let mut l = LineInput::new(limit);
        l.text = clean_line(text).chars().take(limit).collect();
        l.caret = l.text.chars().count();
        l
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }

    /// Display cells before the caret: where the terminal's cursor goes.
    pub fn caret_cells(&self) -> usize {
        width(&self.text.chars().take(self.caret).collect::<String>())
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                if self.len() >= self.limit {
                    return Edit::TooLong;
                }
                let at = self.byte_at(self.caret);
                self.text.insert(at, c);
                self.caret += 1;
                Edit::Changed
            }
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.caret);
                self.text.drain(..at);
                self.caret = 0;
                Edit::Changed
            }
            KeyCode::Backspace if self.caret > 0 => {
                let at = self.byte_at(self.caret - 1);
                self.text.remove(at);
                self.caret -= 1;
                Edit::Changed
            }
            KeyCode::Delete if self.caret < self.len() => {
                let at = self.byte_at(self.caret);
                self.text.remove(at);
                Edit::Changed
            }
            KeyCode::Left if self.caret > 0 => {
                self.caret -= 1;
                Edit::Unchanged
            }
            KeyCode::Right if self.caret < self.len() => {
                self.caret += 1;
                Edit::Unchanged
            }
            KeyCode::Home => {
                self.caret = 0;
                Edit::Unchanged
            }
            KeyCode::End => {
                self.caret = self.len();
                Edit::Unchanged
            }
            KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right => {
                Edit::Unchanged
            }
            _ => Edit::NotMine,
        }
    }

    /// Inserts pasted text at the caret, as one line; refused whole if it would not fit.
    pub fn paste(&mut self, text: &str) -> Edit {
        let clean = clean_line(text);
        let n = clean.chars().count();
        if self.len() + n > self.limit {
            return Edit::TooLong;
        }
        let at = self.byte_at(self.caret);
        self.text.insert_str(at, &clean);
        self.caret += n;
        Edit::Changed
    }

    /// The part of the text to show in `cells` cells, keeping the caret visible, and the
    /// caret's cell within it.
    pub fn visible(&self, cells: usize) -> (String, usize) {
        let caret = self.caret_cells();
        if width(&self.text) < cells || caret < cells {
            return (crate::width::truncate_plain(&self.text, cells), caret);
        }
        // Scroll so the caret sits at the right edge.
        let mut skip = caret + 1 - cells;
        let mut out = String::new();
        let mut at = 0;
        for c in self.text.chars() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if skip > 0 {
                skip = skip.saturating_sub(w);
                at += w;
                continue;
            }
            out.push(c);
        }
        let shown = crate::width::truncate_plain(&out, cells);
        (shown, caret.saturating_sub(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn caret_counts_cells_not_chars() {
        let mut l = LineInput::new(20);
        for c in "投诉ab".chars() {
            l.key(key(KeyCode::Char(c)));
        }
        assert_eq!(l.caret_cells(), 6);
        l.key(key(KeyCode::Left));
        l.key(key(KeyCode::Left));
        assert_eq!(l.caret_cells(), 4);
        l.key(key(KeyCode::Backspace));
        assert_eq!(l.text(), "投ab");
    }

    #[test]
    fn a_paste_past_the_limit_is_refused_whole() {
        let mut l = LineInput::with_text(5, "123");
        assert_eq!(l.paste("4567"), Edit::TooLong);
        assert_eq!(l.text(), "123");
        assert_eq!(l.paste("4\r\n5"), Edit::TooLong);
        assert_eq!(l.paste("\u{1b}4"), Edit::Changed);
        assert_eq!(l.text(), "1234");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_in_view() {
        let l = LineInput::with_text(100, "一二三四五六七八九十");
        let (shown, caret) = l.visible(8);
        assert!(width(&shown) <= 8);
        assert!(caret < 8);
        assert!(shown.ends_with('十'));
    }
}
