//! Popups over the panes: pickers, the action form, confirmations, the saved case number.
//! Each takes the keys while it is open.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::case::Channel;
use crate::domain::state::State;
use crate::service::Request;
use crate::service::api::CaseRef;

use super::act_form::{ActForm, Target};
use super::action::Action;
use super::app::{App, Tone};
use super::choice::Choice;
use super::line::Edit;
use super::msg::{Effect, ListId, Purpose};
use crate::lang::L;

#[derive(Clone, Debug)]
pub enum PickFor {
    State(ListId),
    Department(ListId),
    Category(ListId),
    Channel(ListId),
    /// A department for the assignment pane's marked (or selected) cases.
    AssignTo(Vec<Target>),
    /// A workflow action on a case.
    Action(Target, Vec<crate::domain::state::Action>),
    Palette(Vec<Action>),
    Draft,
}

#[derive(Clone, Debug)]
pub enum Popup {
    Pick {
        title: String,
        choice: Choice,
        what: PickFor,
    },
    Form(ActForm),
    Confirm {
        text: String,
        then: Vec<Effect>,
    },
    /// The new case's number, large enough to read out to the caller.
    Saved {
        number: String,
    },
    OfferDemo,
    /// Something the user must read before working (a terminal that cannot send Chinese).
    Notice {
        title: String,
        text: String,
    },
}

pub fn picker(app: &App, what: PickFor) -> Popup {
    let w = app.words();
    let (title, options, optional): (L, Vec<String>, bool) = match &what {
        PickFor::State(_) => (
            L::PickState,
            State::ALL.iter().map(|s| w.state(*s).to_string()).collect(),
            true,
        ),
        PickFor::Department(_) | PickFor::AssignTo(_) => (
            L::PickDepartment,
            app.departments.iter().map(|d| d.name.clone()).collect(),
            matches!(what, PickFor::Department(_)),
        ),
        PickFor::Category(_) => (
            L::PickCategory,
            app.categories.iter().map(|c| c.name.clone()).collect(),
            true,
        ),
        PickFor::Channel(_) => (
            L::PickChannel,
            Channel::ALL
                .iter()
                .map(|c| w.channel(*c).to_string())
                .collect(),
            true,
        ),
        PickFor::Action(_, actions) => (
            L::Actions,
            actions
                .iter()
                .map(|a| format!("{}  {}", w.action(*a), w.action_doc(*a)))
                .collect(),
            false,
        ),
        PickFor::Palette(actions) => (
            L::Palette,
            actions
                .iter()
                .map(|a| format!("{}  {}", a.name(app.env.lang), a.doc(app.env.lang)))
                .collect(),
            false,
        ),
        PickFor::Draft => (
            L::PickDraft,
            app.drafts
                .iter()
                .map(|(_, body)| super::panes::intake::draft_title(body))
                .collect(),
            false,
        ),
    };
    Popup::Pick {
        title: app.tr(title).to_string(),
        choice: Choice::new(options, optional),
        what,
    }
}

/// The command palette: every action the keymap knows, searchable by Chinese and initials.
pub fn palette(app: &App) -> Popup {
    let actions = Action::ALL
        .iter()
        .copied()
        .filter(|a| {
            !matches!(
                a,
                Action::Noop | Action::Confirm | Action::Cancel | Action::Palette
            )
        })
        .collect();
    picker(app, PickFor::Palette(actions))
}

pub fn drafts(app: &App) -> Popup {
    picker(app, PickFor::Draft)
}

/// The menu of workflow actions this user may take on the case, from the transition table.
pub fn actions_menu(
    app: &App,
    target: Target,
    actions: Vec<crate::domain::state::Action>,
) -> Popup {
    picker(app, PickFor::Action(target, actions))
}

/// Opens the form of a workflow action, or a confirmation when it needs nothing.
pub fn begin_action(app: &mut App, cases: Vec<Target>, action: crate::domain::state::Action) {
    let form = ActForm::new(cases, action, &app.departments, app.words());
    if form.fields.is_empty() {
        let numbers: Vec<&str> = form.cases.iter().map(|c| c.number.as_str()).collect();
        let text = format!("{} {}？", app.words().action(action), numbers.join("、"));
        let then = form
            .cases
            .iter()
            .map(|c| act_effect(c, action, Default::default()))
            .collect();
        app.popup = Some(Popup::Confirm { text, then });
    } else {
        app.popup = Some(Popup::Form(form));
    }
}

pub fn act_effect(
    target: &Target,
    action: crate::domain::state::Action,
    detail: crate::domain::event::Detail,
) -> Effect {
    Effect::call(
        Purpose::Act,
        Request::Act {
            case: CaseRef::Id(target.id),
            version: target.version,
            action,
            detail,
        },
    )
}

pub fn key(app: &mut App, action: Option<Action>, k: KeyEvent) -> Vec<Effect> {
    let Some(popup) = app.popup.take() else {
        return Vec::new();
    };
    match popup {
        Popup::Pick {
            title,
            mut choice,
            what,
        } => match action {
            Some(Action::Confirm) => match choice.chosen() {
                Some(i) => picked(app, what, Some(i)),
                None if choice.optional => picked(app, what, None),
                None => {
                    app.popup = Some(Popup::Pick {
                        title,
                        choice,
                        what,
                    });
                    Vec::new()
                }
            },
            Some(Action::Cancel) => Vec::new(),
            _ => {
                let key = match action {
                    Some(Action::Up) => KeyEvent::from(KeyCode::Up),
                    Some(Action::Down) => KeyEvent::from(KeyCode::Down),
                    _ => k,
                };
                choice.key(key);
                app.popup = Some(Popup::Pick {
                    title,
                    choice,
                    what,
                });
                Vec::new()
            }
        },
        Popup::Form(mut form) => match action {
            Some(Action::Cancel) => Vec::new(),
            Some(Action::Down | Action::NextField) => {
                form.next_field();
                app.popup = Some(Popup::Form(form));
                Vec::new()
            }
            Some(Action::Up | Action::PrevField) => {
                form.prev_field();
                app.popup = Some(Popup::Form(form));
                Vec::new()
            }
            Some(Action::Confirm) if form.next_field() => {
                app.popup = Some(Popup::Form(form));
                Vec::new()
            }
            Some(Action::Confirm | Action::Save) => submit(app, form),
            _ => {
                if let Some(f) = form.focused() {
                    f.key(k);
                }
                app.popup = Some(Popup::Form(form));
                Vec::new()
            }
        },
        Popup::Confirm { text, then } => match action {
            Some(Action::Confirm) => then,
            Some(Action::Cancel) => Vec::new(),
            _ => {
                app.popup = Some(Popup::Confirm { text, then });
                Vec::new()
            }
        },
        Popup::Saved { number } => match action {
            Some(Action::Confirm | Action::Cancel) => Vec::new(),
            _ => {
                app.popup = Some(Popup::Saved { number });
                Vec::new()
            }
        },
        Popup::Notice { title, text } => match action {
            // Closing it brings what waited behind it: the drafts, the demo-data offer.
            Some(Action::Confirm | Action::Cancel) => {
                if !app.drafts.is_empty() {
                    app.popup = Some(drafts(app));
                }
                app.refresh_visible()
            }
            _ => {
                app.popup = Some(Popup::Notice { title, text });
                Vec::new()
            }
        },
        Popup::OfferDemo => {
            if action == Some(Action::Confirm) {
                let text = app.tr(L::LoadingDemo).to_string();
                app.say(Tone::Info, text);
                return vec![Effect::call(
                    Purpose::Demo,
                    Request::LoadDemo {
                        cases: 2_000,
                        seed: 1,
                    },
                )];
            }
            if action != Some(Action::Cancel) {
                app.popup = Some(Popup::OfferDemo);
            }
            Vec::new()
        }
    }
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let edit = match app.popup.as_mut() {
        Some(Popup::Pick { choice, .. }) => choice.paste(text),
        Some(Popup::Form(form)) => form.focused().map_or(Edit::NotMine, |f| f.paste(text)),
        _ => Edit::NotMine,
    };
    if edit == Edit::TooLong {
        let t = app.tr(L::PasteTooLong).to_string();
        app.say(Tone::Warn, t);
    }
    Vec::new()
}

fn submit(app: &mut App, form: ActForm) -> Vec<Effect> {
    match form.detail() {
        Err(missing) => {
            let mut form = form;
            form.focus = missing;
            let t = app.tr(L::FillThisField).to_string();
            app.say(Tone::Warn, t);
            app.popup = Some(Popup::Form(form));
            Vec::new()
        }
        Ok((detail, Some(number))) => {
            app.detail.pending = Some((form.cases.clone(), form.action, detail));
            vec![Effect::call(
                Purpose::Target,
                Request::Case(CaseRef::Number(number)),
            )]
        }
        Ok((detail, None)) => {
            if form.cases.len() > 1 {
                app.assign.batch_started(form.cases.len());
            }
            form.cases
                .iter()
                .map(|c| act_effect(c, form.action, detail.clone()))
                .collect()
        }
    }
}

fn picked(app: &mut App, what: PickFor, index: Option<usize>) -> Vec<Effect> {
    let set_filter = |app: &mut App, list: ListId, f: &dyn Fn(&mut crate::service::api::Filter)| {
        let pane = match list {
            ListId::Inbox => &mut app.inbox,
            ListId::Assign => &mut app.assign.list,
        };
        f(&mut pane.filter);
        pane.restart()
    };
    match what {
        PickFor::State(list) => {
            let s = index.and_then(|i| State::ALL.get(i).copied());
            set_filter(app, list, &|f| f.states = s.into_iter().collect())
        }
        PickFor::Department(list) => {
            let d = index.and_then(|i| app.departments.get(i)).map(|d| d.id);
            set_filter(app, list, &|f| f.department = d)
        }
        PickFor::Category(list) => {
            let c = index.and_then(|i| app.categories.get(i)).map(|c| c.id);
            set_filter(app, list, &|f| f.category = c)
        }
        PickFor::Channel(list) => {
            let c = index.and_then(|i| Channel::ALL.get(i).copied());
            set_filter(app, list, &|f| f.channel = c)
        }
        PickFor::AssignTo(cases) => {
            let Some(dept) = index.and_then(|i| app.departments.get(i)).map(|d| d.id) else {
                return Vec::new();
            };
            let detail = crate::domain::event::Detail {
                department: Some(dept),
                ..Default::default()
            };
            app.assign.batch_started(cases.len());
            cases
                .iter()
                .map(|c| act_effect(c, crate::domain::state::Action::Assign, detail.clone()))
                .collect()
        }
        PickFor::Action(target, actions) => match index.and_then(|i| actions.get(i)) {
            Some(a) => {
                begin_action(app, vec![target], *a);
                Vec::new()
            }
            None => Vec::new(),
        },
        PickFor::Palette(actions) => match index.and_then(|i| actions.get(i)) {
            Some(a) => app.perform(*a),
            None => Vec::new(),
        },
        PickFor::Draft => match index {
            Some(i) => super::panes::intake::resume(app, i),
            None => Vec::new(),
        },
    }
}
