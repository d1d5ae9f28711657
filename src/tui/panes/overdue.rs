//! Overdue (逾期督办): the supervisor's morning view. Late and due-soon cases by department,
//! worst first; urge with one key and a note; approve extensions; export as text.

use crossterm::event::KeyEvent;

use crate::domain::state::Action as Workflow;
use crate::lang::L;
use crate::service::api::{CaseRow, OverdueGroup, OverdueReport};
use crate::service::{Reply, Request, ServiceError};

use crate::tui::act_form::Target;
use crate::tui::acting::{self, Acting};
use crate::tui::action::{Action, KeyContext};
use crate::tui::component::{Component, Go, Outcome, Pane, Tone};
use crate::tui::msg::{Ask, Effect};
use crate::tui::overdue_text::export_text;
use crate::tui::overlay::Done;
use crate::tui::shell::Shell;

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
    acting: Acting,
}

/// One line of the pane: a group heading or a case.
pub enum Line<'a> {
    Group(&'a OverdueGroup),
    Case(usize, &'a CaseRow),
}

impl OverduePane {
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
    fn scroll(&mut self, sh: &Shell) {
        let height = usize::from(sh.layout().body_inner().height).max(1);
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

    fn export(&self, sh: &Shell) -> Vec<Effect> {
        let Some(r) = &self.report else {
            return Vec::new();
        };
        let today = sh
            .summary
            .as_ref()
            .map(|s| s.today.to_string())
            .unwrap_or_default();
        vec![Effect::Export {
            name: format!("{}-{today}.txt", sh.tr(L::ExportName)),
            text: export_text(sh, r),
        }]
    }
}

impl Component for OverduePane {
    fn section(&self) -> KeyContext {
        KeyContext::Overdue
    }

    fn hints(&self) -> &'static [Action] {
        use Action as A;
        &[
            A::Urge,
            A::ApproveExtension,
            A::Export,
            A::Open,
            A::Inbox,
            A::Help,
        ]
    }

    fn key(&mut self, sh: &Shell, action: Option<Action>, _key: KeyEvent) -> Outcome {
        let height = usize::from(sh.layout().body_inner().height);
        let last = self.count().saturating_sub(1);
        let page = height.max(2) - 1;
        let out = match action {
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(last);
                Outcome::default()
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::default()
            }
            Some(Action::PageDown) => {
                self.selected = (self.selected + page).min(last);
                Outcome::default()
            }
            Some(Action::PageUp) => {
                self.selected = self.selected.saturating_sub(page);
                Outcome::default()
            }
            Some(Action::Top) => {
                self.selected = 0;
                Outcome::default()
            }
            Some(Action::Bottom) => {
                self.selected = last;
                Outcome::default()
            }
            Some(Action::Open) => match self.current() {
                Some(r) => Outcome::go(Go::Case {
                    id: r.id,
                    menu: false,
                }),
                None => Outcome::default(),
            },
            Some(Action::Urge) => match self.current() {
                Some(r) => Outcome::popup(acting::begin(sh, vec![Target::of(r)], Workflow::Urge)),
                None => Outcome::default(),
            },
            Some(Action::ApproveExtension) => match self.current() {
                Some(r) if r.extension_pending => Outcome::popup(acting::begin(
                    sh,
                    vec![Target::of(r)],
                    Workflow::ApproveExtension,
                )),
                Some(_) => Outcome::say(Tone::Info, sh.tr(L::NoPendingExtension)),
                None => Outcome::default(),
            },
            Some(Action::Export) => self.export(sh).into(),
            Some(Action::Back | Action::Cancel) => return Outcome::go(Go::List(Pane::Inbox)),
            _ => Outcome::default(),
        };
        self.scroll(sh);
        out
    }

    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome {
        let Ask::Overdue { generation } = ask else {
            return self
                .acting
                .reply(sh, &ask, r)
                .map(|a| a.outcome)
                .unwrap_or_default();
        };
        match r {
            Ok(Reply::Overdue(report)) if generation == self.generation => {
                let keep = self.current().map(|r| r.id);
                self.report = Some(report);
                if let Some(i) = keep.and_then(|id| self.rows().position(|r| r.id == id)) {
                    self.selected = i;
                }
                self.selected = self.selected.min(self.count().saturating_sub(1));
                self.scroll(sh);
                Outcome::default()
            }
            Ok(_) => Outcome::default(),
            Err(e) => Outcome::error(sh, &e),
        }
    }

    fn reload(&mut self, _sh: &Shell) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::call(
            Ask::Overdue {
                generation: self.generation,
            },
            Request::Overdue {
                limit: LIMIT,
                include_due_soon: true,
            },
        )]
    }

    fn popup_done(&mut self, _sh: &Shell, done: Done) -> Outcome {
        self.acting.start(done).into()
    }
}
