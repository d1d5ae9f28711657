//! A paged list of cases, filtered as the user types: what the inbox and the assignment pane
//! share. The pane that holds it passes the rows its table shows (from the layout).

use crossterm::event::KeyEvent;

use crate::domain::case::Channel;
use crate::domain::state::State;
use crate::lang::L;
use crate::service::api::{Filter, Page, Queue};
use crate::service::{Reply, Request, ServiceError};

use super::action::{Action, KeyContext};
use super::component::{Go, Outcome, Tone};
use super::line::{Edit, LineInput};
use super::msg::{Ask, Effect};
use super::overlay::{self, PickFor};
use super::paging::{Received, Want, Window};
use super::shell::Shell;

pub struct ListPane {
    pub queue: Queue,
    pub filter: Filter,
    /// The states shown when no state filter is chosen.
    base_states: Vec<State>,
    pub window: Window,
    /// The `/` line has the keys.
    pub filtering: bool,
    pub query: LineInput,
}

impl ListPane {
    pub fn new(queue: Queue, base_states: Vec<State>) -> ListPane {
        ListPane {
            queue,
            filter: Filter {
                states: base_states.clone(),
                ..Filter::default()
            },
            base_states,
            window: Window::default(),
            filtering: false,
            query: LineInput::new(60),
        }
    }

    /// Where keys are read: the `/` line takes them all while it is open, else `own`.
    pub fn context(&self, own: KeyContext) -> KeyContext {
        if self.filtering {
            KeyContext::Popup
        } else {
            own
        }
    }

    fn request(&self, want: Want) -> Effect {
        Effect::call(
            Ask::Page {
                generation: self.window.generation,
                page: want.page,
            },
            Request::Inbox {
                queue: self.queue,
                filter: self.filter.clone(),
                page: Page {
                    limit: 50,
                    after: want.after,
                },
            },
        )
    }

    pub fn restart(&mut self) -> Vec<Effect> {
        let want = self.window.restart();
        vec![self.request(want)]
    }

    pub fn reload(&mut self) -> Vec<Effect> {
        if !self.window.loaded {
            return self.restart();
        }
        let want = self.window.reload();
        vec![self.request(want)]
    }

    /// Moves the selection; fetches a page when it nears the edge of what is held.
    pub fn step(&mut self, action: Action, rows: usize) -> Vec<Effect> {
        let page = rows.saturating_sub(1).max(1) as isize;
        let want = match action {
            Action::Up => self.window.move_by(-1, rows),
            Action::Down => self.window.move_by(1, rows),
            Action::PageUp => self.window.move_by(-page, rows),
            Action::PageDown => self.window.move_by(page, rows),
            Action::Top => self.window.to_top(rows),
            Action::Bottom => self.window.to_bottom(rows),
            _ => None,
        };
        want.map(|w| self.request(w)).into_iter().collect()
    }

    /// Keys every list shares, for a table of `rows` rows; `None` for a key the pane itself
    /// handles.
    pub fn key(
        &mut self,
        sh: &Shell,
        rows: usize,
        action: Option<Action>,
        key: KeyEvent,
    ) -> Option<Outcome> {
        if self.filtering {
            return Some(self.filter_key(action, key, rows).into());
        }
        let Some(action) = action else {
            return Some(Outcome::default());
        };
        let pick = |what| Some(Outcome::popup(overlay::picker(sh, what)));
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => Some(self.step(action, rows).into()),
            Action::Filter => {
                self.filtering = true;
                Some(Outcome::default())
            }
            Action::ClearFilter => {
                self.filter = Filter {
                    states: self.base_states.clone(),
                    ..Filter::default()
                };
                self.query.clear();
                Some(self.restart().into())
            }
            Action::Open => Some(match self.window.current() {
                Some(row) => Outcome::go(Go::Case {
                    id: row.id,
                    menu: false,
                }),
                None => Outcome::default(),
            }),
            Action::FilterState => pick(PickFor::State),
            Action::FilterDepartment => pick(PickFor::Department),
            Action::FilterCategory => pick(PickFor::Category),
            Action::FilterChannel => pick(PickFor::Channel),
            _ => None,
        }
    }

    /// A filter picked from a popup this list's pane opened; `None` for another popup's.
    pub fn picked(
        &mut self,
        sh: &Shell,
        what: &PickFor,
        index: Option<usize>,
    ) -> Option<Vec<Effect>> {
        let f = &mut self.filter;
        match what {
            PickFor::State => {
                f.states = index
                    .and_then(|i| State::ALL.get(i))
                    .copied()
                    .into_iter()
                    .collect()
            }
            PickFor::Department => {
                f.department = index.and_then(|i| sh.departments.get(i)).map(|d| d.id)
            }
            PickFor::Category => {
                f.category = index.and_then(|i| sh.categories.get(i)).map(|c| c.id)
            }
            PickFor::Channel => f.channel = index.and_then(|i| Channel::ALL.get(i)).copied(),
            _ => return None,
        }
        Some(self.restart())
    }

    fn filter_key(&mut self, action: Option<Action>, key: KeyEvent, rows: usize) -> Vec<Effect> {
        match action {
            Some(Action::Confirm) => {
                self.filtering = false;
                Vec::new()
            }
            Some(Action::Cancel) => {
                self.filtering = false;
                if self.query.is_empty() {
                    return Vec::new();
                }
                self.query.clear();
                self.filter.text = None;
                self.restart()
            }
            Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
                self.step(a, rows)
            }
            _ => match self.query.key(key) {
                Edit::Changed => self.refilter(),
                _ => Vec::new(),
            },
        }
    }

    fn refilter(&mut self) -> Vec<Effect> {
        let text = self.query.text().trim();
        self.filter.text = (!text.is_empty()).then(|| text.to_string());
        self.restart()
    }

    /// A paste into the `/` line.
    pub fn paste(&mut self, sh: &Shell, text: &str) -> Outcome {
        if !self.filtering {
            return Outcome::default();
        }
        match self.query.paste(text) {
            Edit::Changed => self.refilter().into(),
            Edit::TooLong => Outcome::say(Tone::Warn, sh.tr(L::PasteTooLong)),
            _ => Outcome::default(),
        }
    }

    /// A page of the list arrived (or did not).
    pub fn reply(
        &mut self,
        sh: &Shell,
        rows: usize,
        ask: &Ask,
        r: Result<Reply, ServiceError>,
    ) -> Outcome {
        let Ask::Page { generation, page } = *ask else {
            return Outcome::default();
        };
        match r {
            Ok(Reply::List(list)) => match self.window.receive(generation, page, list) {
                Received::Taken => {
                    self.window.scroll(rows);
                    Outcome::default()
                }
                Received::Again(want) => Outcome::effects(vec![self.request(want)]),
                Received::Dropped => Outcome::default(),
            },
            Ok(_) => Outcome::default(),
            Err(e) => {
                self.window.failed(generation);
                Outcome::error(sh, &e)
            }
        }
    }
}
