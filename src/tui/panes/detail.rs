//! Case detail (案件): every field, the timeline, the clocks, the links; the actions this user
//! may take come with the view, from the transition table.

use crate::domain::case::CaseId;
use crate::domain::event::{Detail, PersonalField};
use crate::domain::state::Action as Workflow;
use crate::lang::L;
use crate::service::api::{CaseRef, CaseView};
use crate::service::{Reply, Request, ServiceError};

use crate::tui::act_form::Target;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane, Tone};
use crate::tui::msg::{Effect, Purpose};
use crate::tui::overlay::{self, act_effect};

#[derive(Default)]
pub struct DetailPane {
    pub id: Option<CaseId>,
    pub view: Option<Box<CaseView>>,
    pub generation: u64,
    /// First line of the body on screen.
    pub scroll: usize,
    /// The full phone number after a reveal (recorded on the timeline by the service).
    pub revealed: Option<String>,
    /// Open the action menu as soon as the case arrives (`a` on a list row).
    pub menu_on_arrival: bool,
    /// An action waiting for its merge or link target's number to be resolved.
    pub pending: Option<(Vec<Target>, Workflow, Detail)>,
}

impl DetailPane {
    pub fn open(&mut self, id: CaseId) -> Vec<Effect> {
        if self.id != Some(id) {
            self.view = None;
            self.scroll = 0;
            self.revealed = None;
        }
        self.id = Some(id);
        self.menu_on_arrival = false;
        self.reload()
    }

    pub fn reload(&mut self) -> Vec<Effect> {
        let Some(id) = self.id else {
            return Vec::new();
        };
        self.generation += 1;
        vec![Effect::call(
            Purpose::Detail {
                generation: self.generation,
            },
            Request::Case(CaseRef::Id(id)),
        )]
    }

    pub fn target(&self) -> Option<Target> {
        self.view.as_ref().map(|v| Target {
            id: v.case.id,
            number: v.case.number.clone(),
            version: v.case.version,
            state: v.case.state,
        })
    }
}

pub fn key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let page = app.body_height().saturating_sub(2).max(1);
    // The last first-line that still fills the pane, from the same rows the view draws.
    let last = app.detail.view.as_ref().map_or(0, |v| {
        let cells = usize::from(app.size.0.saturating_sub(2));
        crate::tui::view::detail::rows(app, v, cells)
            .len()
            .saturating_sub(page)
    });
    let d = &mut app.detail;
    match action {
        Some(Action::Down) => d.scroll = (d.scroll + 1).min(last),
        Some(Action::Up) => d.scroll = d.scroll.saturating_sub(1),
        Some(Action::PageDown) => d.scroll = (d.scroll + page).min(last),
        Some(Action::PageUp) => d.scroll = d.scroll.saturating_sub(page),
        Some(Action::Top) => d.scroll = 0,
        Some(Action::Bottom) => d.scroll = last,
        Some(Action::Back | Action::Cancel) => return app.back(),
        Some(Action::Act | Action::Open) => open_menu(app),
        Some(Action::Reveal) => {
            if let Some(id) = d.id {
                return vec![Effect::call(
                    Purpose::Reveal,
                    Request::Reveal {
                        case: CaseRef::Id(id),
                        field: PersonalField::Phone,
                    },
                )];
            }
        }
        _ => {}
    }
    Vec::new()
}

fn open_menu(app: &mut App) {
    let Some(view) = app.detail.view.as_ref() else {
        return;
    };
    let actions = view.actions.clone();
    let Some(target) = app.detail.target() else {
        return;
    };
    if actions.is_empty() {
        let t = app.tr(L::NoActions).to_string();
        app.say(Tone::Info, t);
        return;
    }
    app.popup = Some(overlay::actions_menu(app, target, actions));
}

pub fn reply(app: &mut App, purpose: Purpose, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    match (purpose, r) {
        (Purpose::Detail { generation }, Ok(Reply::Case(view))) => {
            if generation == app.detail.generation && Some(view.case.id) == app.detail.id {
                app.detail.view = Some(view);
                if std::mem::take(&mut app.detail.menu_on_arrival) && app.pane == Pane::Detail {
                    open_menu(app);
                }
            }
            Vec::new()
        }
        (Purpose::Act, Ok(Reply::Case(view))) => {
            let text = format!(
                "{} {} | {}",
                app.tr(L::ActionDone),
                view.case.number,
                app.words().state(view.case.state)
            );
            app.say(Tone::Info, text);
            if app.detail.id == Some(view.case.id) {
                app.detail.view = Some(view);
            }
            // A batch refreshes the screen once, after its last reply.
            if batch_step(app, None) || app.pane == Pane::Detail {
                return Vec::new();
            }
            app.refresh_visible()
        }
        (Purpose::Act, Err(e)) => {
            app.say_error(&e);
            let why = app.words().error(&e);
            if batch_step(app, Some(why)) {
                return Vec::new();
            }
            // A stale or refused action: show the case as it is now.
            app.refresh_visible()
        }
        (Purpose::Target, Ok(Reply::Case(found))) => match app.detail.pending.take() {
            Some((cases, action, mut detail)) => {
                detail.target = Some(found.case.id);
                cases
                    .iter()
                    .map(|c| act_effect(c, action, detail.clone()))
                    .collect()
            }
            None => Vec::new(),
        },
        (Purpose::Reveal, Ok(Reply::Revealed(full))) => {
            app.detail.revealed = Some(full);
            app.detail.reload()
        }
        (_, Err(e)) => {
            app.detail.pending = None;
            app.say_error(&e);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Counts a reply of an assignment batch and reports the batch when it is complete. True
/// while more replies of the batch are awaited.
fn batch_step(app: &mut App, refusal: Option<String>) -> bool {
    if !app.assign.batch_running() {
        return false;
    }
    match app.assign.batch_step(refusal) {
        Some(b) => {
            super::assign::report_batch(app, &b);
            false
        }
        None => true,
    }
}
