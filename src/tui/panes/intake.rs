//! Intake (登记): a blank form with one key, the caller's earlier cases beside it as the phone
//! or ID number is typed, saved with F2, kept as a draft as it is typed.

use crossterm::event::KeyEvent;

use crate::service::error::Field;
use crate::service::validate::MAX_TEXT;
use crate::service::{Reply, Request, ServiceError};

use crate::lang::L;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::line::{Edit, LineInput};
use crate::tui::msg::{Effect, Purpose};

pub use crate::tui::intake_form::{Draft, FieldId, IntakeForm};

fn field_of(f: Field) -> Option<FieldId> {
    Some(match f {
        Field::Subject => FieldId::Subject,
        Field::Content => FieldId::Content,
        Field::Phone => FieldId::Phone,
        Field::IdNumber => FieldId::IdNumber,
        Field::Name => FieldId::Name,
        Field::Category => FieldId::Category,
        _ => return None,
    })
}

pub fn key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = app.intake.as_mut() else {
        app.pane = app.list_pane;
        return Vec::new();
    };
    let in_content = form.focus == FieldId::Content;
    let is_choice = form.choice_mut(form.focus).is_some();
    match action {
        Some(Action::Save) => return save(app),
        Some(Action::Leave) => {
            let mut fx = app.put_intake_aside();
            app.pane = app.list_pane;
            fx.extend(app.refresh_visible());
            return fx;
        }
        Some(Action::NextField) => form.step(true),
        Some(Action::PrevField) => form.step(false),
        Some(Action::Down) if !in_content && !is_choice => form.step(true),
        Some(Action::Up) if !in_content && !is_choice => form.step(false),
        Some(Action::Confirm) if !in_content => form.step(true),
        Some(Action::ResolveOnSpot) => {
            if form.resolve.take().is_none() {
                form.resolve = Some(LineInput::new(MAX_TEXT as usize));
                form.focus = FieldId::Resolve;
            } else if form.focus == FieldId::Resolve {
                form.focus = FieldId::Subject;
            }
            return form.changed();
        }
        Some(Action::LinkCase) => {
            form.cycle_link();
            return form.changed();
        }
        _ => match form.edit(key) {
            Edit::Changed => return form.changed(),
            Edit::TooLong => {
                let t = app.tr(L::FieldFull).to_string();
                app.say(Tone::Warn, t);
            }
            _ => {}
        },
    }
    Vec::new()
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(form) = app.intake.as_mut() else {
        return Vec::new();
    };
    match form.paste(text) {
        Edit::Changed => form.changed(),
        Edit::TooLong => {
            let t = app.tr(L::PasteTooLong).to_string();
            app.say(Tone::Warn, t);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    let Some(form) = app.intake.as_mut() else {
        return Vec::new();
    };
    if form.saving {
        return Vec::new();
    }
    form.saving = true;
    let resolve = form.resolve.as_ref().map(|r| r.text().to_string());
    vec![Effect::call(
        Purpose::Intake {
            draft: form.draft_name.clone(),
        },
        Request::Intake {
            intake: form.intake(),
            resolve,
            link_to: form.link_to.as_ref().map(|l| l.0),
            draft: Some(form.draft_name.clone()),
            reception: form.reception(),
        },
    )]
}

/// Opens a saved draft in the form.
pub fn resume(app: &mut App, index: usize) -> Vec<Effect> {
    let Some((name, body)) = app.drafts.get(index).cloned() else {
        return Vec::new();
    };
    let draft: Draft = serde_json::from_str(&body).unwrap_or_default();
    let mut fx = app.open_intake();
    // Being edited again, it leaves the list until it is put aside once more.
    app.drafts.retain(|d| d.0 != name);
    let mut form = IntakeForm::from_draft(app, &name, &draft);
    fx.extend(form.history_query());
    fx.extend(form.similar_query());
    app.intake = Some(form);
    fx
}

/// A line naming a draft in the drafts picker.
pub fn draft_title(body: &str) -> String {
    let d: Draft = serde_json::from_str(body).unwrap_or_default();
    let head = [&d.subject, &d.content, &d.name, &d.phone]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    crate::width::truncate(&crate::width::clean_line(&head), 50)
}

pub fn reply(app: &mut App, purpose: Purpose, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    match (purpose, r) {
        (Purpose::SaveDraft { draft }, r) => {
            // A form put aside meanwhile needs nothing more from this reply.
            let Some(form) = app.intake.as_mut().filter(|f| f.draft_name == draft) else {
                return Vec::new();
            };
            if let Err(e) = r {
                // Tried again at the next pause.
                form.draft_waiting = false;
                form.draft_dirty = true;
                app.say_error(&e);
                return Vec::new();
            }
            form.draft_landed()
        }
        (Purpose::Similar { generation }, Ok(Reply::List(list))) => {
            if let Some(form) = app.intake.as_mut()
                && form.similar_generation == generation
            {
                form.take_similar(list.rows);
            }
            Vec::new()
        }
        (Purpose::History { generation }, Ok(Reply::List(list))) => {
            if let Some(form) = app.intake.as_mut()
                && form.history_generation == generation
            {
                form.history = list.rows;
            }
            Vec::new()
        }
        (Purpose::Intake { draft }, Ok(Reply::Case(view))) => {
            // The registered call's draft goes, whether its form is still open or was put
            // aside while the save was on its way.
            app.drafts.retain(|d| d.0 != draft);
            if app.intake.as_ref().is_some_and(|f| f.draft_name == draft) {
                app.intake = None;
                app.pane = app.list_pane;
            }
            // The service deleted the draft with the registration. The number waits for a
            // popup the user is busy with.
            app.show_saved(view.case.number.clone());
            app.refresh_visible()
        }
        (Purpose::Intake { draft }, Err(e)) => {
            let outside = app.tr(L::NotOurDept);
            let departments = app.departments.clone();
            if let Some(form) = app.intake.as_mut().filter(|f| f.draft_name == draft) {
                form.saving = false;
                if let ServiceError::Invalid { field, .. } = &e
                    && let Some(f) = field_of(*field)
                {
                    form.focus = f;
                }
                if let ServiceError::AccusedUnitUnclear { .. } = &e {
                    form.ask_accused(&departments, outside);
                }
                form.refused_leader(&e);
            }
            app.say_error(&e);
            Vec::new()
        }
        (_, Err(e)) => {
            app.say_error(&e);
            Vec::new()
        }
        _ => Vec::new(),
    }
}
