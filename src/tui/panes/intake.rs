//! Intake (登记): a blank form with one key, the caller's earlier cases beside it as the phone
//! or ID number is typed, saved with F2, kept as a draft as it is typed.

use crossterm::event::KeyEvent;

use crate::domain::reception::Schedule;
use crate::lang::L;
use crate::service::error::Field;
use crate::service::validate::MAX_TEXT;
use crate::service::{Reply, Request, ServiceError};

use crate::tui::action::{Action, KeyContext};
use crate::tui::component::{Component, DraftNote, Go, Outcome, Tone};
use crate::tui::intake_draft::Draft;
use crate::tui::intake_form::{FieldId, IntakeForm};
use crate::tui::line::{Edit, LineInput};
use crate::tui::msg::{Ask, Effect};
use crate::tui::overlay::{Done, PickFor};
use crate::tui::phrases;
use crate::tui::shell::Shell;

#[derive(Default)]
pub struct IntakePane {
    /// The form on screen, or put aside.
    pub form: Option<IntakeForm>,
    /// The leaders' reception days, read each time the form opens.
    pub schedule: Option<Schedule>,
    /// Numbers this desk's intake drafts.
    serial: u64,
}

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

impl IntakePane {
    /// A blank form, the one on screen put aside first; asks for the reception days.
    pub fn open(&mut self, sh: &Shell) -> Outcome {
        let mut out = self.aside(sh);
        out.effects
            .push(Effect::call(Ask::Schedule, Request::ReceptionSchedule));
        let mut form = IntakeForm::blank(sh, self.schedule.as_ref());
        // A name no draft of this user has, whatever an earlier session left.
        loop {
            self.serial += 1;
            form.draft_name = format!("intake-{}-{}", sh.env.session, self.serial);
            if !sh.drafts.iter().any(|d| d.0 == form.draft_name) {
                break;
            }
        }
        self.form = Some(form);
        out
    }

    /// Puts the form away: as a draft if anything was typed, with its last keys; a form
    /// emptied again leaves no draft behind.
    pub fn aside(&mut self, sh: &Shell) -> Outcome {
        let Some(mut form) = self.form.take() else {
            return Outcome::default();
        };
        let name = form.draft_name.clone();
        if form.is_blank() {
            let mut out = Outcome::effects(vec![Effect::call(
                Ask::DeleteDraft,
                Request::DeleteDraft { name: name.clone() },
            )]);
            out.drafts.push(DraftNote::Gone(name));
            return out;
        }
        let mut out =
            Outcome::effects(form.flush_draft()).with_status(Tone::Info, sh.tr(L::KeptAsDraft));
        out.drafts.push(DraftNote::Kept(name, form.to_draft()));
        out
    }

    /// Opens a saved draft in the form.
    pub fn resume(&mut self, sh: &Shell, name: &str, body: &str) -> Outcome {
        let draft: Draft = serde_json::from_str(body).unwrap_or_default();
        let mut out = self.open(sh);
        // Being edited again, it leaves the list until it is put aside once more.
        out.drafts.push(DraftNote::Gone(name.to_string()));
        let mut form = IntakeForm::from_draft(sh, self.schedule.as_ref(), name, &draft);
        out.effects.extend(form.history_query());
        out.effects.extend(form.similar_query());
        self.form = Some(form);
        out
    }

    /// The last keys typed, saved before the desk closes.
    pub fn flush(&mut self) -> Vec<Effect> {
        self.form
            .as_mut()
            .map(|f| f.flush_draft())
            .unwrap_or_default()
    }

    /// A quarter second passed: a pause in typing saves the draft.
    pub fn tick(&mut self) -> Vec<Effect> {
        self.form.as_mut().map(|f| f.tick()).unwrap_or_default()
    }

    fn save(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_mut().filter(|f| !f.saving) else {
            return Vec::new();
        };
        form.saving = true;
        let resolve = form.resolve.as_ref().map(|r| r.text().to_string());
        vec![Effect::call(
            Ask::Intake {
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

    /// The schedule arrived: kept for the next form, and offered in an open one with its choice.
    fn schedule(&mut self, sh: &Shell, r: Result<Reply, ServiceError>) {
        // Unread (a server away says so in the header), the form keeps what was known: the
        // field is a choice, and nothing typed hangs on it.
        let Ok(Reply::Schedule(s)) = r else {
            return;
        };
        self.schedule = Some(s);
        if let Some(form) = self.form.as_mut() {
            form.offer_leaders(sh, self.schedule.as_ref());
        }
    }

    fn registered(&mut self, sh: &Shell, draft: String, r: Result<Reply, ServiceError>) -> Outcome {
        let open = self.form.as_ref().is_some_and(|f| f.draft_name == draft);
        match r {
            Ok(Reply::Case(view)) => {
                // The registered call's draft goes, whether its form is still open or was put
                // aside while the save was on its way (the service deleted it with the
                // registration). The number waits for a popup the user is busy with.
                let mut out = Outcome::refresh();
                out.drafts.push(DraftNote::Gone(draft));
                out.saved = Some(view.case.number.clone());
                if open {
                    self.form = None;
                    out.go = Some(Go::Back);
                }
                out
            }
            Ok(_) => Outcome::default(),
            Err(e) => {
                if let Some(form) = self.form.as_mut().filter(|_| open) {
                    form.saving = false;
                    if let ServiceError::Invalid { field, .. } = &e
                        && let Some(f) = field_of(*field)
                    {
                        form.focus = f;
                    }
                    if let ServiceError::AccusedUnitUnclear { .. } = &e {
                        form.ask_accused(&sh.departments, sh.tr(L::NotOurDept));
                    }
                    form.refused_leader(&e);
                }
                Outcome::error(sh, &e)
            }
        }
    }
}

impl Component for IntakePane {
    fn section(&self) -> KeyContext {
        KeyContext::Intake
    }

    fn hints(&self) -> &'static [Action] {
        use Action as A;
        &[
            A::Save,
            A::Leave,
            A::NextField,
            A::ResolveOnSpot,
            A::LinkCase,
            A::Phrase,
            A::Help,
        ]
    }

    fn key(&mut self, sh: &Shell, action: Option<Action>, key: KeyEvent) -> Outcome {
        let Some(form) = self.form.as_mut() else {
            return Outcome::go(Go::Back);
        };
        let in_content = form.focus == FieldId::Content;
        let is_choice = form.choice_mut(form.focus).is_some();
        match action {
            Some(Action::Save) => return self.save().into(),
            Some(Action::Leave) => {
                let mut out = self.aside(sh);
                out.go = Some(Go::Back);
                return out;
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
                return form.changed().into();
            }
            Some(Action::LinkCase) => {
                form.cycle_link();
                return form.changed().into();
            }
            Some(Action::Phrase) => return offer_phrases(sh, form),
            _ => match form.edit(key) {
                Edit::Changed => return form.changed().into(),
                Edit::TooLong => return Outcome::say(Tone::Warn, sh.tr(L::FieldFull)),
                _ => {}
            },
        }
        Outcome::default()
    }

    fn paste(&mut self, sh: &Shell, text: &str) -> Outcome {
        let Some(form) = self.form.as_mut() else {
            return Outcome::default();
        };
        match form.paste(text) {
            Edit::Changed => form.changed().into(),
            Edit::TooLong => Outcome::say(Tone::Warn, sh.tr(L::PasteTooLong)),
            _ => Outcome::default(),
        }
    }

    fn reply(&mut self, sh: &Shell, ask: Ask, r: Result<Reply, ServiceError>) -> Outcome {
        match (ask, r) {
            (Ask::SaveDraft { draft }, r) => {
                // A form put aside meanwhile needs nothing more from this reply.
                let Some(form) = self.form.as_mut().filter(|f| f.draft_name == draft) else {
                    return Outcome::default();
                };
                if let Err(e) = r {
                    // Tried again at the next pause.
                    form.draft_waiting = false;
                    form.draft_dirty = true;
                    return Outcome::error(sh, &e);
                }
                form.draft_landed().into()
            }
            (Ask::Similar { generation }, Ok(Reply::List(list))) => {
                if let Some(form) = self.form.as_mut()
                    && form.similar_generation == generation
                {
                    form.take_similar(list.rows);
                }
                Outcome::default()
            }
            (Ask::History { generation }, Ok(Reply::List(list))) => {
                if let Some(form) = self.form.as_mut()
                    && form.history_generation == generation
                {
                    form.history = list.rows;
                }
                Outcome::default()
            }
            (Ask::Intake { draft }, r) => self.registered(sh, draft, r),
            (Ask::Schedule, r) => {
                self.schedule(sh, r);
                Outcome::default()
            }
            (Ask::DeleteDraft, _) => Outcome::default(),
            (_, Err(e)) => Outcome::error(sh, &e),
            _ => Outcome::default(),
        }
    }

    fn reload(&mut self, _sh: &Shell) -> Vec<Effect> {
        Vec::new()
    }

    /// A canned phrase picked for the focused field goes in at its caret.
    fn popup_done(&mut self, sh: &Shell, done: Done) -> Outcome {
        let Done::Picked {
            what: PickFor::Phrase { texts, form: None },
            index,
        } = done
        else {
            return Outcome::default();
        };
        let (Some(form), Some(text)) = (self.form.as_mut(), phrases::chosen(&texts, index)) else {
            return Outcome::default();
        };
        match form.paste(text) {
            Edit::Changed => form.changed().into(),
            Edit::TooLong => Outcome::say(Tone::Warn, sh.tr(L::FieldFull)),
            _ => Outcome::default(),
        }
    }
}

/// F4: the phrases for the focused field and the category chosen so far, or why there are none.
fn offer_phrases(sh: &Shell, form: &IntakeForm) -> Outcome {
    let category = form
        .category
        .chosen()
        .and_then(|i| form.category_ids.get(i).copied());
    let Some(use_) = phrases::intake_use(form.focus) else {
        return Outcome::say(Tone::Info, sh.tr(L::NoPhrases));
    };
    let texts = phrases::offered(sh, use_, category);
    if texts.is_empty() {
        return Outcome::say(Tone::Info, sh.tr(L::NoPhrases));
    }
    Outcome::popup(phrases::picker(sh, use_, texts, None))
}
