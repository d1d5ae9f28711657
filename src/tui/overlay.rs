//! Popups over the panes: pickers, the action form, confirmations, the saved case number.
//! Each takes the keys while it is open.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::case::Channel;
use crate::domain::document::DocKind;
use crate::domain::event::Detail;
use crate::domain::method::Method;
use crate::domain::phrase::PhraseUse;
use crate::domain::state::{Action as Workflow, State};

use super::act_form::{ActForm, FieldInput, Target};
use super::action::Action;
use super::choice::Choice;
use super::component::{Status, Tone};
use super::line::Edit;
use super::msg::Effect;
use super::shell::Shell;
use crate::lang::L;

#[derive(Clone, Debug)]
pub enum PickFor {
    State,
    Department,
    Category,
    Channel,
    /// A department for the assignment pane's marked (or selected) cases.
    AssignTo(Vec<Target>),
    /// A workflow action on a case.
    Action(Target, Vec<Workflow>),
    Palette(Vec<Action>),
    Draft,
    /// A document to issue for a case.
    Document(Target, Vec<DocKind>),
    /// How the chosen document is given.
    Method(Target, DocKind),
    /// A canned phrase for the text field in focus; from an action form, the form itself,
    /// which the picker goes back to with the phrase at its caret.
    Phrase {
        texts: Vec<String>,
        form: Option<Box<ActForm>>,
    },
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

/// What a popup came to, for the one that opened it.
#[derive(Clone, Debug)]
pub enum Done {
    /// An option (or none, where none is allowed).
    Picked { what: PickFor, index: Option<usize> },
    /// A confirmation's calls, to make now.
    Confirmed(Vec<Effect>),
    /// An action's form, filled in; a merge or link target's number is looked up first.
    Acted {
        cases: Vec<Target>,
        action: Workflow,
        detail: Detail,
        target: Option<String>,
    },
    /// The demo data was asked for.
    Demo,
    /// A notice was read.
    Read,
}

/// A popup after a key: still open (perhaps changed), or closed with its result.
#[derive(Default)]
pub struct Step {
    pub popup: Option<Popup>,
    pub done: Option<Done>,
    pub status: Option<Status>,
}

impl Step {
    fn open(popup: Popup) -> Step {
        Step {
            popup: Some(popup),
            ..Step::default()
        }
    }

    fn done(done: Done) -> Step {
        Step {
            done: Some(done),
            ..Step::default()
        }
    }
}

pub fn picker(sh: &Shell, what: PickFor) -> Popup {
    let w = sh.words();
    let (title, options, optional): (L, Vec<String>, bool) = match &what {
        PickFor::State => (
            L::PickState,
            State::ALL.iter().map(|s| w.state(*s).to_string()).collect(),
            true,
        ),
        PickFor::Department | PickFor::AssignTo(_) => (
            L::PickDepartment,
            sh.departments.iter().map(|d| d.name.clone()).collect(),
            matches!(what, PickFor::Department),
        ),
        PickFor::Category => (
            L::PickCategory,
            sh.categories.iter().map(|c| c.name.clone()).collect(),
            true,
        ),
        PickFor::Channel => (
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
                .map(|a| format!("{}  {}", a.name(sh.env.lang), a.doc(sh.env.lang)))
                .collect(),
            false,
        ),
        PickFor::Document(_, kinds) => (
            L::PickDocument,
            kinds.iter().map(|k| w.doc_kind(*k).to_string()).collect(),
            false,
        ),
        PickFor::Method(..) => (
            L::PickMethod,
            Method::ALL
                .iter()
                .map(|m| w.method(*m).to_string())
                .collect(),
            false,
        ),
        PickFor::Phrase { texts, .. } => (L::PickPhrase, texts.clone(), false),
        PickFor::Draft => (
            L::PickDraft,
            sh.drafts
                .iter()
                .map(|(_, body)| super::intake_draft::draft_title(body))
                .collect(),
            false,
        ),
    };
    Popup::Pick {
        title: sh.tr(title).to_string(),
        choice: Choice::new(options, optional),
        what,
    }
}

/// The command palette: every action the keymap knows, searchable by Chinese and initials.
pub fn palette(sh: &Shell) -> Popup {
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
    picker(sh, PickFor::Palette(actions))
}

pub fn drafts(sh: &Shell) -> Popup {
    picker(sh, PickFor::Draft)
}

/// A key on the open popup.
pub fn key(sh: &Shell, popup: Popup, action: Option<Action>, k: KeyEvent) -> Step {
    match popup {
        Popup::Pick {
            title,
            choice,
            what:
                PickFor::Phrase {
                    texts,
                    form: Some(form),
                },
        } if matches!(action, Some(Action::Confirm | Action::Cancel)) => {
            phrase_into_form(sh, title, choice, texts, *form, action)
        }
        Popup::Pick {
            title,
            mut choice,
            what,
        } => match action {
            Some(Action::Confirm) => match choice.chosen() {
                Some(i) => Step::done(Done::Picked {
                    what,
                    index: Some(i),
                }),
                None if choice.optional => Step::done(Done::Picked { what, index: None }),
                None => Step::open(Popup::Pick {
                    title,
                    choice,
                    what,
                }),
            },
            Some(Action::Cancel) => Step::default(),
            _ => {
                let key = match action {
                    Some(Action::Up) => KeyEvent::from(KeyCode::Up),
                    Some(Action::Down) => KeyEvent::from(KeyCode::Down),
                    _ => k,
                };
                choice.key(key);
                Step::open(Popup::Pick {
                    title,
                    choice,
                    what,
                })
            }
        },
        Popup::Form(form) => form_key(sh, form, action, k),
        Popup::Confirm { text, then } => match action {
            Some(Action::Confirm) => Step::done(Done::Confirmed(then)),
            Some(Action::Cancel) => Step::default(),
            _ => Step::open(Popup::Confirm { text, then }),
        },
        Popup::Saved { number } => match action {
            Some(Action::Confirm | Action::Cancel) => Step::default(),
            _ => Step::open(Popup::Saved { number }),
        },
        Popup::Notice { title, text } => match action {
            Some(Action::Confirm | Action::Cancel) => Step::done(Done::Read),
            _ => Step::open(Popup::Notice { title, text }),
        },
        Popup::OfferDemo => match action {
            Some(Action::Confirm) => Step::done(Done::Demo),
            Some(Action::Cancel) => Step::default(),
            _ => Step::open(Popup::OfferDemo),
        },
    }
}

/// The phrase picker of an action form closes back onto the form, the chosen phrase at the
/// focused field's caret (none on Cancel); with nothing matching, Enter leaves it open.
fn phrase_into_form(
    sh: &Shell,
    title: String,
    choice: Choice,
    texts: Vec<String>,
    mut form: ActForm,
    action: Option<Action>,
) -> Step {
    let mut status = None;
    if action == Some(Action::Confirm) {
        let Some(text) = super::phrases::chosen(&texts, choice.chosen()).map(str::to_string) else {
            return Step::open(Popup::Pick {
                title,
                choice,
                what: PickFor::Phrase {
                    texts,
                    form: Some(Box::new(form)),
                },
            });
        };
        if form.focused().map(|f| f.paste(&text)) == Some(Edit::TooLong) {
            status = Some(Status {
                text: sh.tr(L::FieldFull).to_string(),
                tone: Tone::Warn,
            });
        }
    }
    Step {
        popup: Some(Popup::Form(form)),
        done: None,
        status,
    }
}

/// F4 in an action form: the phrases for the focused field, or why there are none.
fn offer_phrases(sh: &Shell, form: ActForm) -> Step {
    let use_ = form
        .fields
        .get(form.focus)
        .filter(|(_, _, input)| matches!(input, FieldInput::Line(_)))
        .and_then(|(need, _, _)| PhraseUse::for_field(form.action, *need));
    let texts = use_.map(|u| {
        let category = super::phrases::form_category(sh, &form);
        super::phrases::offered(sh, u, category)
    });
    match (use_, texts) {
        (Some(u), Some(texts)) if !texts.is_empty() => {
            Step::open(super::phrases::picker(sh, u, texts, Some(Box::new(form))))
        }
        _ => Step {
            popup: Some(Popup::Form(form)),
            done: None,
            status: Some(Status {
                text: sh.tr(L::NoPhrases).to_string(),
                tone: Tone::Info,
            }),
        },
    }
}

fn form_key(sh: &Shell, mut form: ActForm, action: Option<Action>, k: KeyEvent) -> Step {
    match action {
        Some(Action::Cancel) => return Step::default(),
        Some(Action::Phrase) => return offer_phrases(sh, form),
        Some(Action::Down | Action::NextField) => {
            form.next_field();
        }
        Some(Action::Up | Action::PrevField) => form.prev_field(),
        Some(Action::Confirm) if form.next_field() => {}
        Some(Action::Confirm | Action::Save) => return submit(sh, form),
        _ => {
            if let Some(f) = form.focused() {
                f.key(k);
            }
        }
    }
    Step::open(Popup::Form(form))
}

fn submit(sh: &Shell, mut form: ActForm) -> Step {
    match form.detail() {
        Err(missing) => {
            form.focus = missing;
            Step {
                popup: Some(Popup::Form(form)),
                done: None,
                status: Some(Status {
                    text: sh.tr(L::FillThisField).to_string(),
                    tone: Tone::Warn,
                }),
            }
        }
        Ok((detail, target)) => Step::done(Done::Acted {
            cases: form.cases,
            action: form.action,
            detail,
            target,
        }),
    }
}

/// A paste into the open popup; a status when it did not fit.
pub fn paste(sh: &Shell, popup: &mut Popup, text: &str) -> Option<Status> {
    let edit = match popup {
        Popup::Pick { choice, .. } => choice.paste(text),
        Popup::Form(form) => form.focused().map_or(Edit::NotMine, |f| f.paste(text)),
        _ => Edit::NotMine,
    };
    (edit == Edit::TooLong).then(|| Status {
        text: sh.tr(L::PasteTooLong).to_string(),
        tone: Tone::Warn,
    })
}
