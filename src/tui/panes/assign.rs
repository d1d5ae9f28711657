//! Assignment (交办): accepted cases waiting for a department, beside each department's open
//! and overdue counts. Mark several and assign them at once.

use std::collections::BTreeSet;

use crossterm::event::KeyEvent;

use crate::domain::case::CaseId;
use crate::service::api::{Filter, Queue, Workload};
use crate::service::{Reply, Request, ServiceError};

use crate::lang::L;
use crate::tui::act_form::Target;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::msg::{Effect, ListId, Purpose};
use crate::tui::overlay::{self, PickFor};

use super::inbox::{ListPane, list_key};

/// A batch assignment in flight.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    /// Replies still awaited.
    pub left: usize,
    pub assigned: usize,
    pub refused: usize,
    /// Why the first refused case was refused, worded for the user.
    pub first_refusal: Option<String>,
}

pub struct AssignPane {
    pub list: ListPane,
    pub marked: BTreeSet<CaseId>,
    /// Marked rows as they were seen (their versions), kept while the list pages.
    marked_rows: Vec<Target>,
    pub workload: Vec<Workload>,
    batch: Option<Batch>,
}

impl Default for AssignPane {
    fn default() -> AssignPane {
        AssignPane::new()
    }
}

impl AssignPane {
    pub fn new() -> AssignPane {
        let mut list = ListPane::new(ListId::Assign, Queue::AllOpen);
        list.filter = Filter {
            states: vec![crate::domain::state::State::Accepted],
            ..Filter::default()
        };
        AssignPane {
            list,
            marked: BTreeSet::new(),
            marked_rows: Vec::new(),
            workload: Vec::new(),
            batch: None,
        }
    }

    pub fn reload(&mut self) -> Vec<Effect> {
        let mut fx = self.list.reload();
        fx.push(Effect::call(Purpose::Workload, Request::Workload));
        fx
    }

    pub fn batch_started(&mut self, n: usize) {
        self.batch = Some(Batch {
            left: n,
            ..Batch::default()
        });
    }

    /// Counts one reply of a batch (a refusal carries its reason). Returns the batch when its
    /// last reply is in, clearing the marks; `None` while replies are awaited or with no batch.
    pub fn batch_step(&mut self, refusal: Option<String>) -> Option<Batch> {
        let b = self.batch.as_mut()?;
        b.left = b.left.saturating_sub(1);
        match refusal {
            None => b.assigned += 1,
            Some(why) => {
                b.refused += 1;
                b.first_refusal.get_or_insert(why);
            }
        }
        if b.left > 0 {
            return None;
        }
        self.marked.clear();
        self.marked_rows.clear();
        self.batch.take()
    }

    /// Whether a batch is waiting for more replies.
    pub fn batch_running(&self) -> bool {
        self.batch.is_some()
    }

    fn toggle(&mut self) {
        let Some(row) = self.list.window.current() else {
            return;
        };
        let target = Target {
            id: row.id,
            number: row.number.clone(),
            version: row.version,
            state: row.state,
        };
        if !self.marked.remove(&row.id) {
            self.marked.insert(row.id);
            self.marked_rows.push(target);
        } else {
            self.marked_rows.retain(|t| t.id != row.id);
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
            .map(|row| Target {
                id: row.id,
                number: row.number.clone(),
                version: row.version,
                state: row.state,
            })
            .into_iter()
            .collect()
    }
}

pub fn key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Some(fx) = list_key(app, ListId::Assign, action, key) {
        return fx;
    }
    match action {
        Some(Action::Mark) => {
            app.assign.toggle();
            let height = super::inbox::table_height(app);
            app.assign.list.step(Action::Down, height)
        }
        Some(Action::Act) => {
            let cases = app.assign.chosen();
            if cases.is_empty() {
                return Vec::new();
            }
            app.popup = Some(overlay::picker(app, PickFor::AssignTo(cases)));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn workload(app: &mut App, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    match r {
        Ok(Reply::Workload(w)) => app.assign.workload = w,
        Ok(_) => {}
        Err(e) => app.say_error(&e),
    }
    Vec::new()
}

/// After a batch of more than one: how many were assigned, how many refused, and why the
/// first was refused (a single case's refusal is already on the status line).
pub fn report_batch(app: &mut App, b: &Batch) {
    if b.assigned + b.refused > 1 {
        let mut text = format!(
            "{} {} | {} {}",
            app.tr(L::Assigned),
            b.assigned,
            app.tr(L::Refused),
            b.refused
        );
        if let Some(why) = &b.first_refusal {
            text.push_str(&format!("：{why}"));
        }
        let tone = if b.refused > 0 {
            Tone::Warn
        } else {
            Tone::Info
        };
        app.say(tone, text);
    }
}
