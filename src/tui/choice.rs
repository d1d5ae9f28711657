//! A field that picks one of a list by typing: Chinese text or pinyin initials narrow the
//! options (`yl` finds 医疗), Up and Down step through what matches.

use crossterm::event::{KeyCode, KeyEvent};

use super::initials::Matcher;
use super::line::{Edit, LineInput};

#[derive(Clone, Debug)]
pub struct Choice {
    pub options: Vec<String>,
    matcher: Matcher,
    pub query: LineInput,
    /// Indices of the options that match the query, best first.
    pub matches: Vec<usize>,
    /// Position in `matches`.
    pub at: usize,
    /// Whether an empty answer is allowed (shown as the first, blank option).
    pub optional: bool,
}

impl Choice {
    pub fn new(options: Vec<String>, optional: bool) -> Choice {
        let matcher = Matcher::new(options.iter().cloned());
        let matches = (0..options.len()).collect();
        Choice {
            options,
            matcher,
            query: LineInput::new(40),
            matches,
            at: if optional { usize::MAX } else { 0 },
            optional,
        }
    }

    /// Starts with nothing chosen: the user must pick (a department, a satisfaction value).
    pub fn unchosen(mut self) -> Choice {
        self.at = usize::MAX;
        self
    }

    /// Starts on `index`, e.g. the desk's usual channel.
    pub fn select(mut self, index: Option<usize>) -> Choice {
        if let Some(i) = index
            && let Some(at) = self.matches.iter().position(|m| *m == i)
        {
            self.at = at;
        }
        self
    }

    /// The chosen option's index, if any.
    pub fn chosen(&self) -> Option<usize> {
        self.matches.get(self.at).copied()
    }

    pub fn chosen_text(&self) -> &str {
        self.chosen()
            .and_then(|i| self.options.get(i))
            .map_or("", |s| s.as_str())
    }

    fn refilter(&mut self) {
        self.matches = self.matcher.matches(self.query.text());
        self.at = if self.optional && self.query.is_empty() {
            usize::MAX
        } else {
            0
        };
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        match key.code {
            KeyCode::Up | KeyCode::Left => {
                let n = self.matches.len();
                if n > 0 {
                    self.at = if self.at == 0 || self.at >= n {
                        n - 1
                    } else {
                        self.at - 1
                    };
                }
                Edit::Changed
            }
            KeyCode::Down | KeyCode::Right => {
                let n = self.matches.len();
                if n > 0 {
                    self.at = if self.at >= n - 1 { 0 } else { self.at + 1 };
                }
                Edit::Changed
            }
            _ => {
                let e = self.query.key(key);
                if e == Edit::Changed {
                    self.refilter();
                }
                e
            }
        }
    }

    pub fn paste(&mut self, text: &str) -> Edit {
        let e = self.query.paste(text);
        if e == Edit::Changed {
            self.refilter();
        }
        e
    }
}
