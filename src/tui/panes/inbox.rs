//! The inbox (收件箱): the cases that need this user, paged from the service, filtered as the
//! user types. The assignment pane reuses the list.

use crossterm::event::KeyEvent;

use crate::domain::state::State;
use crate::service::api::{Filter, Page, Queue};
use crate::service::{Reply, Request, ServiceError};

use crate::lang::L;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::line::{Edit, LineInput};
use crate::tui::msg::{Effect, ListId, Purpose};
use crate::tui::overlay::{self, PickFor};
use crate::tui::paging::{Received, Want, Window};

pub struct ListPane {
    pub id: ListId,
    pub queue: Queue,
    pub filter: Filter,
    pub window: Window,
    /// The `/` line has the keys.
    pub filtering: bool,
    pub query: LineInput,
}

impl ListPane {
    pub fn new(id: ListId, queue: Queue) -> ListPane {
        ListPane {
            id,
            queue,
            filter: Filter::default(),
            window: Window::default(),
            filtering: false,
            query: LineInput::new(60),
        }
    }

    fn request(&self, want: Want) -> Effect {
        Effect::call(
            Purpose::Page {
                list: self.id,
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
    pub fn step(&mut self, action: Action, height: usize) -> Vec<Effect> {
        let page = height.saturating_sub(1).max(1) as isize;
        let want = match action {
            Action::Up => self.window.move_by(-1, height),
            Action::Down => self.window.move_by(1, height),
            Action::PageUp => self.window.move_by(-page, height),
            Action::PageDown => self.window.move_by(page, height),
            Action::Top => self.window.to_top(height),
            Action::Bottom => self.window.to_bottom(height),
            _ => None,
        };
        want.map(|w| self.request(w)).into_iter().collect()
    }

    /// Whether any filter narrows the list.
    pub fn filtered(&self) -> bool {
        self.filter != Filter::default()
    }
}

/// Rows of the table as `view::table` draws it: the body less the block's two borders, the
/// filter line and the heading.
pub fn table_height(app: &App) -> usize {
    let visits = super::reception::height(app).min(app.body_height() / 2);
    app.body_height().saturating_sub(4 + visits)
}

fn list_mut(app: &mut App, id: ListId) -> &mut ListPane {
    match id {
        ListId::Inbox => &mut app.inbox,
        ListId::Assign => &mut app.assign.list,
    }
}

/// Keys every list pane shares; returns `None` for a key the pane itself handles.
pub fn list_key(
    app: &mut App,
    id: ListId,
    action: Option<Action>,
    key: KeyEvent,
) -> Option<Vec<Effect>> {
    let height = table_height(app);
    let list = list_mut(app, id);
    if list.filtering {
        return Some(filter_key(list, action, key, height));
    }
    let Some(action) = action else {
        return Some(Vec::new());
    };
    let fx = match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => list.step(action, height),
        Action::Filter => {
            list.filtering = true;
            Vec::new()
        }
        Action::ClearFilter => {
            list.filter = Filter {
                states: list_states(id),
                ..Filter::default()
            };
            list.query.clear();
            list.restart()
        }
        Action::Open => match list.window.current() {
            Some(row) => {
                let id = row.id;
                app.open_case(id)
            }
            None => Vec::new(),
        },
        Action::FilterState => pick(app, PickFor::State(id)),
        Action::FilterDepartment => pick(app, PickFor::Department(id)),
        Action::FilterCategory => pick(app, PickFor::Category(id)),
        Action::FilterChannel => pick(app, PickFor::Channel(id)),
        Action::Back | Action::Cancel => {
            if app.pane != Pane::Inbox {
                app.pane = Pane::Inbox;
                app.list_pane = Pane::Inbox;
                return Some(app.refresh_visible());
            }
            Vec::new()
        }
        _ => return None,
    };
    Some(fx)
}

/// The states a list shows when no state filter is chosen.
fn list_states(id: ListId) -> Vec<State> {
    match id {
        ListId::Inbox => Vec::new(),
        ListId::Assign => vec![State::Accepted],
    }
}

fn pick(app: &mut App, what: PickFor) -> Vec<Effect> {
    app.popup = Some(overlay::picker(app, what));
    Vec::new()
}

fn filter_key(
    list: &mut ListPane,
    action: Option<Action>,
    key: KeyEvent,
    height: usize,
) -> Vec<Effect> {
    match action {
        Some(Action::Confirm) => {
            list.filtering = false;
            Vec::new()
        }
        Some(Action::Cancel) => {
            list.filtering = false;
            if list.query.is_empty() {
                return Vec::new();
            }
            list.query.clear();
            list.filter.text = None;
            list.restart()
        }
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            list.step(a, height)
        }
        _ => match list.query.key(key) {
            Edit::Changed => refilter(list),
            _ => Vec::new(),
        },
    }
}

fn refilter(list: &mut ListPane) -> Vec<Effect> {
    let text = list.query.text().trim();
    list.filter.text = (!text.is_empty()).then(|| text.to_string());
    list.restart()
}

/// A paste into the `/` line of a list.
pub fn paste(app: &mut App, id: ListId, text: &str) -> Vec<Effect> {
    let list = list_mut(app, id);
    match list.query.paste(text) {
        Edit::Changed => refilter(list),
        Edit::TooLong => {
            let t = app.tr(L::PasteTooLong).to_string();
            app.say(crate::tui::app::Tone::Warn, t);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Some(fx) = list_key(app, ListId::Inbox, action, key) {
        return fx;
    }
    match action {
        Some(Action::Act) => match app.inbox.window.current() {
            Some(row) => {
                let id = row.id;
                let fx = app.open_case(id);
                app.detail.menu_on_arrival = true;
                fx
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

pub fn reply(app: &mut App, purpose: Purpose, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    let Purpose::Page {
        list: id,
        generation,
        page,
    } = purpose
    else {
        return Vec::new();
    };
    let height = table_height(app);
    match r {
        Ok(Reply::List(rows)) => {
            let list = list_mut(app, id);
            match list.window.receive(generation, page, rows) {
                Received::Taken => {
                    list.window.scroll(height);
                    Vec::new()
                }
                Received::Again(want) => vec![list.request(want)],
                Received::Dropped => Vec::new(),
            }
        }
        Ok(_) => Vec::new(),
        Err(e) => {
            list_mut(app, id).window.failed(generation);
            app.say_error(&e);
            Vec::new()
        }
    }
}
