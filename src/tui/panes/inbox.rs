//! The inbox (收件箱): the cases that need this user, paged from the service, filtered as the
//! user types; above it, today's booked visits (今日接待) for those who receive visitors.

use crossterm::event::KeyEvent;

use crate::domain::role::Role;
use crate::service::api::{BookingRow, Queue};
use crate::service::{Reply, Request, ServiceError};

use crate::tui::action::{Action, KeyContext};
use crate::tui::component::{Component, Go, Outcome};
use crate::tui::layout::table_rows;
use crate::tui::list::ListPane;
use crate::tui::msg::{Ask, Effect};
use crate::tui::overlay::Done;
use crate::tui::shell::Shell;

/// Visits the block shows at most; the rest are counted in its title.
pub const MAX_SHOWN: usize = 5;

pub struct InboxPane {
    pub list: ListPane,
    /// Today's booked visits, not cancelled.
    pub visits: Vec<BookingRow>,
}

impl Default for InboxPane {
    fn default() -> InboxPane {
        InboxPane {
            list: ListPane::new(Queue::Mine, Vec::new()),
            visits: Vec::new(),
        }
    }
}

impl InboxPane {
    /// Rows the visits block takes from the body: its lines and two borders, or none.
    pub fn visits_height(&self) -> usize {
        match self.visits.len() {
            0 => 0,
            n => n.min(MAX_SHOWN) + 2,
        }
    }

    /// What the desk asks for first: the list, and today's visits.
    pub fn start(&mut self, sh: &Shell) -> Vec<Effect> {
        let mut fx = self.list.restart();
        fx.extend(InboxPane::visits_query(sh));
        fx
    }

    fn rows(&self, sh: &Shell) -> usize {
        table_rows(sh.layout().inbox(self.visits_height()).0)
    }

    /// Asks for today's visits, unless the user is known to be one who does not receive them.
    fn visits_query(sh: &Shell) -> Option<Effect> {
        sh.may_be(&[Role::Operator, Role::Clerk, Role::Supervisor])
            .then(|| Effect::call(Ask::Reception, Request::Bookings { date: None }))
    }
}

impl Component for InboxPane {
    fn section(&self) -> KeyContext {
        KeyContext::Inbox
    }

    fn hints(&self) -> &'static [Action] {
        use Action as A;
        &[
            A::Open,
            A::Act,
            A::NewIntake,
            A::Filter,
            A::FilterState,
            A::Assign,
            A::Overdue,
            A::Help,
            A::Quit,
        ]
    }

    fn context(&self) -> KeyContext {
        self.list.context(self.section())
    }

    fn key(&mut self, sh: &Shell, action: Option<Action>, key: KeyEvent) -> Outcome {
        let rows = self.rows(sh);
        if let Some(out) = self.list.key(sh, rows, action, key) {
            return out;
        }
        match (action, self.list.window.current()) {
            (Some(Action::Act), Some(row)) => Outcome::go(Go::Case {
                id: row.id,
                menu: true,
            }),
            _ => Outcome::default(),
        }
    }

    fn paste(&mut self, sh: &Shell, text: &str) -> Outcome {
        self.list.paste(sh, text)
    }

    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome {
        if ask == Ask::Reception {
            // A user who may not list visits has no block: the refusal is no news to them.
            self.visits = match r {
                Ok(Reply::Bookings { rows, .. }) => {
                    rows.into_iter().filter(|r| !r.booking.cancelled).collect()
                }
                _ => Vec::new(),
            };
            return Outcome::default();
        }
        let rows = self.rows(sh);
        self.list.reply(sh, rows, &ask, r)
    }

    fn reload(&mut self, sh: &Shell) -> Vec<Effect> {
        let mut fx = self.list.reload();
        fx.extend(InboxPane::visits_query(sh));
        fx
    }

    fn popup_done(&mut self, sh: &Shell, done: Done) -> Outcome {
        match done {
            Done::Picked { what, index } => self
                .list
                .picked(sh, &what, index)
                .unwrap_or_default()
                .into(),
            _ => Outcome::default(),
        }
    }

    fn resized(&mut self, sh: &Shell) {
        let rows = self.rows(sh);
        self.list.window.scroll(rows);
    }
}
