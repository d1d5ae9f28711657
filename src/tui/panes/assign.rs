//! Assignment (交办): accepted cases waiting for a department, beside each department's open
//! and overdue counts. Mark several and assign them at once.

use std::collections::BTreeSet;

use crossterm::event::KeyEvent;

use crate::domain::case::CaseId;
use crate::domain::state::State;
use crate::service::api::{Queue, Workload};
use crate::service::{Reply, Request, ServiceError};

use crate::tui::act_form::Target;
use crate::tui::acting::Acting;
use crate::tui::action::{Action, KeyContext};
use crate::tui::component::{Component, Go, Outcome, Pane};
use crate::tui::layout::table_rows;
use crate::tui::list::ListPane;
use crate::tui::msg::{Ask, Effect};
use crate::tui::overlay::{self, Done, PickFor};
use crate::tui::shell::Shell;

pub struct AssignPane {
    pub list: ListPane,
    pub marked: BTreeSet<CaseId>,
    /// Marked rows as they were seen (their versions), kept while the list pages.
    marked_rows: Vec<Target>,
    pub workload: Vec<Workload>,
    acting: Acting,
}

impl Default for AssignPane {
    fn default() -> AssignPane {
        AssignPane {
            list: ListPane::new(Queue::AllOpen, vec![State::Accepted]),
            marked: BTreeSet::new(),
            marked_rows: Vec::new(),
            workload: Vec::new(),
            acting: Acting::default(),
        }
    }
}

impl AssignPane {
    fn rows(sh: &Shell) -> usize {
        table_rows(sh.layout().assign().0)
    }

    fn toggle(&mut self) {
        let Some(row) = self.list.window.current() else {
            return;
        };
        if self.marked.remove(&row.id) {
            self.marked_rows.retain(|t| t.id != row.id);
        } else {
            self.marked.insert(row.id);
            self.marked_rows.push(Target::of(row));
        }
    }

    /// The marked cases, or the selected one when none is marked.
    fn chosen(&self) -> Vec<Target> {
        if !self.marked_rows.is_empty() {
            return self.marked_rows.clone();
        }
        self.list
            .window
            .current()
            .map(Target::of)
            .into_iter()
            .collect()
    }
}

impl Component for AssignPane {
    fn section(&self) -> KeyContext {
        KeyContext::Assign
    }

    fn hints(&self) -> &'static [Action] {
        use Action as A;
        &[
            A::Mark,
            A::Act,
            A::Open,
            A::Filter,
            A::Inbox,
            A::Overdue,
            A::Help,
        ]
    }

    fn context(&self) -> KeyContext {
        self.list.context(self.section())
    }

    fn key(&mut self, sh: &Shell, action: Option<Action>, key: KeyEvent) -> Outcome {
        let rows = AssignPane::rows(sh);
        if let Some(out) = self.list.key(sh, rows, action, key) {
            return out;
        }
        match action {
            Some(Action::Mark) => {
                self.toggle();
                self.list.step(Action::Down, rows).into()
            }
            Some(Action::Act) => {
                let cases = self.chosen();
                if cases.is_empty() {
                    return Outcome::default();
                }
                Outcome::popup(overlay::picker(sh, PickFor::AssignTo(cases)))
            }
            Some(Action::Back | Action::Cancel) => Outcome::go(Go::List(Pane::Inbox)),
            _ => Outcome::default(),
        }
    }

    fn paste(&mut self, sh: &Shell, text: &str) -> Outcome {
        self.list.paste(sh, text)
    }

    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome {
        match (&ask, r) {
            (Ask::Workload, Ok(Reply::Workload(w))) => {
                self.workload = w;
                Outcome::default()
            }
            (Ask::Workload, Ok(_)) => Outcome::default(),
            (Ask::Workload, Err(e)) => Outcome::error(sh, &e),
            (Ask::Page { .. }, r) => self.list.reply(sh, AssignPane::rows(sh), &ask, r),
            (_, r) => match self.acting.reply(sh, &ask, r) {
                Some(acted) => {
                    if acted.batch_over {
                        self.marked.clear();
                        self.marked_rows.clear();
                    }
                    acted.outcome
                }
                None => Outcome::default(),
            },
        }
    }

    fn reload(&mut self, _sh: &Shell) -> Vec<Effect> {
        let mut fx = self.list.reload();
        fx.push(Effect::call(Ask::Workload, Request::Workload));
        fx
    }

    fn popup_done(&mut self, sh: &Shell, done: Done) -> Outcome {
        let Done::Picked { what, index } = done else {
            return self.acting.start(done).into();
        };
        if let PickFor::AssignTo(cases) = &what {
            return match index.and_then(|i| sh.departments.get(i)) {
                Some(d) => self.acting.assign(cases, d.id).into(),
                None => Outcome::default(),
            };
        }
        self.list
            .picked(sh, &what, index)
            .unwrap_or_default()
            .into()
    }

    fn resized(&mut self, sh: &Shell) {
        self.list.window.scroll(AssignPane::rows(sh));
    }
}
