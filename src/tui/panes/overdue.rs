//! Overdue (逾期督办): the supervisor's morning view. Late and due-soon cases by department,
//! worst first; urge with one key and a note; approve extensions; export as text.

use crate::domain::state::Action as Workflow;
use crate::service::api::{CaseRow, OverdueReport};
use crate::service::{Reply, Request, ServiceError};

use crate::lang::L;
use crate::tui::act_form::Target;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::msg::{Effect, Purpose};
use crate::tui::overlay;

/// Cases the pane asks for: enough for a morning's work, not a million.
const LIMIT: u32 = 500;

#[derive(Default)]
pub struct OverduePane {
    pub report: Option<OverdueReport>,
    /// Index into the report's rows, all groups in order.
    pub selected: usize,
    /// First line on screen (group headings count as lines).
    pub offset: usize,
    pub generation: u64,
}

/// One line of the pane: a group heading or a case.
pub enum Line<'a> {
    Group(&'a crate::service::api::OverdueGroup),
    Case(usize, &'a CaseRow),
}

impl OverduePane {
    pub fn reload(&mut self) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::call(
            Purpose::Overdue {
                generation: self.generation,
            },
            Request::Overdue {
                limit: LIMIT,
                include_due_soon: true,
            },
        )]
    }

    pub fn lines(&self) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        let mut n = 0;
        if let Some(r) = &self.report {
            for g in &r.groups {
                out.push(Line::Group(g));
                for row in &g.rows {
                    out.push(Line::Case(n, row));
                    n += 1;
                }
            }
        }
        out
    }

    pub fn rows(&self) -> impl Iterator<Item = &CaseRow> {
        self.report
            .iter()
            .flat_map(|r| r.groups.iter().flat_map(|g| g.rows.iter()))
    }

    pub fn current(&self) -> Option<&CaseRow> {
        self.rows().nth(self.selected)
    }

    fn count(&self) -> usize {
        self.rows().count()
    }

    /// Keeps the selected case, and its group heading when it is the group's first, on screen.
    fn scroll(&mut self, height: usize) {
        let height = height.max(1);
        let line = self
            .lines()
            .iter()
            .position(|l| matches!(l, Line::Case(i, _) if *i == self.selected))
            .unwrap_or(0);
        let top = line.saturating_sub(1);
        if top < self.offset {
            self.offset = top;
        } else if line >= self.offset + height {
            self.offset = line + 1 - height;
        }
    }
}

fn target(row: &CaseRow) -> Target {
    Target {
        id: row.id,
        number: row.number.clone(),
        version: row.version,
        state: row.state,
    }
}

pub fn key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let height = app.body_height().saturating_sub(2);
    let n = app.overdue.count();
    let o = &mut app.overdue;
    let page = height.max(2) - 1;
    match action {
        Some(Action::Down) => o.selected = (o.selected + 1).min(n.saturating_sub(1)),
        Some(Action::Up) => o.selected = o.selected.saturating_sub(1),
        Some(Action::PageDown) => o.selected = (o.selected + page).min(n.saturating_sub(1)),
        Some(Action::PageUp) => o.selected = o.selected.saturating_sub(page),
        Some(Action::Top) => o.selected = 0,
        Some(Action::Bottom) => o.selected = n.saturating_sub(1),
        Some(Action::Open) => {
            if let Some(id) = o.current().map(|r| r.id) {
                return app.open_case(id);
            }
        }
        Some(Action::Urge) => {
            if let Some(t) = o.current().map(target) {
                overlay::begin_action(app, vec![t], Workflow::Urge);
            }
        }
        Some(Action::ApproveExtension) => match o.current() {
            Some(row) if row.extension_pending => {
                let t = target(row);
                overlay::begin_action(app, vec![t], Workflow::ApproveExtension);
            }
            Some(_) => {
                let t = app.tr(L::NoPendingExtension).to_string();
                app.say(Tone::Info, t);
            }
            None => {}
        },
        Some(Action::Export) => {
            if let Some(r) = &app.overdue.report {
                let text = crate::tui::view::overdue::export_text(app, r);
                let today = app
                    .summary
                    .as_ref()
                    .map(|s| s.today.to_string())
                    .unwrap_or_default();
                let name = format!("{}-{today}.txt", app.tr(L::ExportName));
                return vec![Effect::Export { name, text }];
            }
        }
        Some(Action::Back | Action::Cancel) => {
            app.pane = crate::tui::app::Pane::Inbox;
            app.list_pane = crate::tui::app::Pane::Inbox;
            return app.refresh_visible();
        }
        _ => {}
    }
    app.overdue.scroll(height);
    Vec::new()
}

pub fn reply(app: &mut App, purpose: Purpose, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    let Purpose::Overdue { generation } = purpose else {
        return Vec::new();
    };
    match r {
        Ok(Reply::Overdue(report)) if generation == app.overdue.generation => {
            let keep = app.overdue.current().map(|r| r.id);
            app.overdue.report = Some(report);
            let n = app.overdue.count();
            if let Some(i) = keep.and_then(|id| app.overdue.rows().position(|r| r.id == id)) {
                app.overdue.selected = i;
            }
            app.overdue.selected = app.overdue.selected.min(n.saturating_sub(1));
            let height = app.body_height().saturating_sub(2);
            app.overdue.scroll(height);
        }
        Ok(_) => {}
        Err(e) => app.say_error(&e),
    }
    Vec::new()
}
