//! The intake form's state: its fields, what a draft keeps, editing one field, and the draft
//! and caller-history requests an edit sets off.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::case::{CaseId, Channel, Complainant, Intake, Kind, Urgency};
use crate::domain::number::normalize_phone;
use crate::service::Request;
use crate::service::api::{CaseRow, Page};
use crate::service::validate::{MAX_CONTENT, MAX_SHORT, MAX_SUBJECT, MAX_TEXT};

use crate::domain::reception::Schedule;
use crate::tui::choice::Choice;
use crate::tui::intake_accused::AccusedPick;
use crate::tui::intake_reception::ReceivedBy;
use crate::tui::line::{Edit, LineInput};
use crate::tui::msg::{Ask, Effect};
use crate::tui::shell::Shell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    Channel,
    Kind,
    Name,
    Phone,
    IdNumber,
    Address,
    Subject,
    Content,
    Demands,
    Category,
    Urgency,
    Anonymous,
    Confidential,
    NoCallback,
    AccusedUnit,
    /// Shown only when the service asked which department the accused unit is.
    AccusedDept,
    /// Shown only when the case is resolved on the spot (当场办结).
    Resolve,
    /// Shown only for a visit when there is a reception schedule (接待领导).
    ReceivedBy,
}

/// How much of the subject the same-matter search looks for.
const SIMILAR_CHARS: usize = 8;
/// Edits after which a draft is saved even while typing goes on.
const SAVE_EVERY: u32 = 30;
/// Quarter-second ticks without an edit after which a draft is saved.
const IDLE_TICKS: u8 = 2;

/// The caller's name and numbers first: the number brings up the caller's history at once.
pub const FIELDS: &[FieldId] = &[
    FieldId::Name,
    FieldId::Phone,
    FieldId::IdNumber,
    FieldId::Address,
    FieldId::Channel,
    FieldId::Kind,
    FieldId::Subject,
    FieldId::Content,
    FieldId::Demands,
    FieldId::Category,
    FieldId::Urgency,
    FieldId::Anonymous,
    FieldId::Confidential,
    FieldId::NoCallback,
    FieldId::AccusedUnit,
];

pub struct IntakeForm {
    pub draft_name: String,
    pub focus: FieldId,
    pub channel: Choice,
    pub kind: Choice,
    pub name: LineInput,
    pub phone: LineInput,
    pub id_number: LineInput,
    pub address: LineInput,
    pub subject: LineInput,
    pub content: TextArea<'static>,
    pub demands: LineInput,
    pub category: Choice,
    pub category_ids: Vec<u32>,
    pub urgency: Choice,
    pub anonymous: bool,
    pub confidential: bool,
    pub no_callback: bool,
    pub accused_unit: LineInput,
    pub accused_pick: Option<AccusedPick>,
    pub resolve: Option<LineInput>,
    pub received_by: ReceivedBy,
    /// The caller's earlier cases, newest first.
    pub history: Vec<CaseRow>,
    pub(crate) history_generation: u64,
    history_key: String,
    /// Open cases from other callers that may be the same matter, found by the subject.
    pub similar: Vec<CaseRow>,
    pub(crate) similar_generation: u64,
    similar_key: String,
    /// The earlier case this one is linked to instead of standing alone.
    pub link_to: Option<(CaseId, String)>,
    pub(crate) draft_dirty: bool,
    pub(crate) draft_waiting: bool,
    /// Ticks since the last edit: a draft is saved when typing pauses.
    idle_ticks: u8,
    /// Edits since the last save: long unbroken typing is saved every so often too.
    unsaved_edits: u32,
    /// Whether the last keystroke's draft is on disk.
    pub draft_saved: bool,
    pub saving: bool,
}

fn choice_of<T: Copy + PartialEq>(all: &[T], name: impl Fn(T) -> String, pick: T) -> Choice {
    let options = all.iter().map(|v| name(*v)).collect();
    let at = all.iter().position(|v| *v == pick);
    Choice::new(options, false).select(at)
}

impl IntakeForm {
    pub fn blank(sh: &Shell, schedule: Option<&Schedule>) -> IntakeForm {
        let w = sh.words();
        let mut content = TextArea::default();
        content.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        IntakeForm {
            draft_name: String::new(),
            focus: FieldId::Name,
            channel: choice_of(Channel::ALL, |c| w.channel(c).into(), sh.env.channel),
            kind: choice_of(Kind::ALL, |k| w.kind(k).into(), Kind::Complaint),
            name: LineInput::new(MAX_SHORT as usize),
            phone: LineInput::new(30),
            id_number: LineInput::new(30),
            address: LineInput::new(MAX_SHORT as usize),
            subject: LineInput::new(MAX_SUBJECT as usize),
            content,
            demands: LineInput::new(MAX_TEXT as usize),
            category: Choice::new(sh.categories.iter().map(|c| c.name.clone()).collect(), true),
            category_ids: sh.categories.iter().map(|c| c.id).collect(),
            urgency: choice_of(Urgency::ALL, |u| w.urgency(u).into(), Urgency::Normal),
            anonymous: false,
            confidential: false,
            no_callback: false,
            accused_unit: LineInput::new(MAX_SHORT as usize),
            accused_pick: None,
            resolve: None,
            received_by: ReceivedBy::offer(sh, schedule, None),
            history: Vec::new(),
            history_generation: 0,
            history_key: String::new(),
            similar: Vec::new(),
            similar_generation: 0,
            similar_key: String::new(),
            link_to: None,
            draft_dirty: false,
            draft_waiting: false,
            idle_ticks: 0,
            unsaved_edits: 0,
            draft_saved: false,
            saving: false,
        }
    }

    pub fn content_text(&self) -> String {
        self.content.lines().join("\n")
    }

    pub(crate) fn chosen<T: Copy>(&self, c: &Choice, all: &[T]) -> Option<T> {
        c.chosen().and_then(|i| all.get(i).copied())
    }

    /// Nothing typed yet: leaving it keeps no draft.
    pub fn is_blank(&self) -> bool {
        let d = self.to_draft_value();
        d.name.is_empty()
            && d.phone.is_empty()
            && d.id_number.is_empty()
            && d.address.is_empty()
            && d.subject.is_empty()
            && d.content.is_empty()
            && d.demands.is_empty()
            && d.accused_unit.is_empty()
    }

    pub fn intake(&self) -> Intake {
        let d = self.to_draft_value();
        let mut i = Intake::new(
            self.chosen(&self.channel, Channel::ALL)
                .unwrap_or(Channel::Phone),
            self.chosen(&self.kind, Kind::ALL)
                .unwrap_or(Kind::Complaint),
            Complainant {
                name: d.name,
                phone: d.phone,
                id_number: d.id_number,
                address: d.address,
                anonymous: d.anonymous,
                confidential: d.confidential,
                no_callback: d.no_callback,
                head_count: 1,
                representatives: Vec::new(),
            },
            d.subject,
            d.content,
        );
        i.demands = d.demands;
        i.category = d.category;
        i.urgency = self
            .chosen(&self.urgency, Urgency::ALL)
            .unwrap_or(Urgency::Normal);
        i.accused_unit = (!d.accused_unit.trim().is_empty()).then_some(d.accused_unit);
        i.accused_dept = self.accused_pick.as_ref().and_then(AccusedPick::answer);
        i
    }

    /// The fields in order, with the on-the-spot result when it is open.
    pub fn fields(&self) -> Vec<FieldId> {
        let mut f = FIELDS.to_vec();
        self.leader_field(&mut f);
        if self.accused_pick.is_some() {
            f.push(FieldId::AccusedDept);
        }
        if self.resolve.is_some() {
            f.push(FieldId::Resolve);
        }
        f
    }

    pub(crate) fn step(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    pub(crate) fn line_mut(&mut self, f: FieldId) -> Option<&mut LineInput> {
        Some(match f {
            FieldId::Name => &mut self.name,
            FieldId::Phone => &mut self.phone,
            FieldId::IdNumber => &mut self.id_number,
            FieldId::Address => &mut self.address,
            FieldId::Subject => &mut self.subject,
            FieldId::Demands => &mut self.demands,
            FieldId::AccusedUnit => &mut self.accused_unit,
            FieldId::Resolve => self.resolve.as_mut()?,
            _ => return None,
        })
    }

    pub(crate) fn choice_mut(&mut self, f: FieldId) -> Option<&mut Choice> {
        Some(match f {
            FieldId::Channel => &mut self.channel,
            FieldId::Kind => &mut self.kind,
            FieldId::Category => &mut self.category,
            FieldId::Urgency => &mut self.urgency,
            FieldId::AccusedDept => &mut self.accused_pick.as_mut()?.choice,
            FieldId::ReceivedBy => self.received_by.choice.as_mut()?,
            _ => return None,
        })
    }

    pub(crate) fn toggle_mut(&mut self, f: FieldId) -> Option<&mut bool> {
        Some(match f {
            FieldId::Anonymous => &mut self.anonymous,
            FieldId::Confidential => &mut self.confidential,
            FieldId::NoCallback => &mut self.no_callback,
            _ => return None,
        })
    }

    /// Types a key into the focused field.
    pub(crate) fn edit(&mut self, key: KeyEvent) -> Edit {
        let f = self.focus;
        if f == FieldId::Content {
            if let KeyCode::Char(_) | KeyCode::Enter = key.code
                && self.content_text().chars().count() >= MAX_CONTENT as usize
            {
                return Edit::TooLong;
            }
            return if self.content.input(key) {
                Edit::Changed
            } else {
                Edit::Unchanged
            };
        }
        if let Some(t) = self.toggle_mut(f) {
            return match key.code {
                KeyCode::Char(' ' | 'y' | 'n' | 'Y' | 'N') | KeyCode::Left | KeyCode::Right => {
                    *t = match key.code {
                        KeyCode::Char('y' | 'Y') => true,
                        KeyCode::Char('n' | 'N') => false,
                        _ => !*t,
                    };
                    Edit::Changed
                }
                _ => Edit::NotMine,
            };
        }
        if let Some(c) = self.choice_mut(f) {
            return c.key(key);
        }
        match self.line_mut(f) {
            Some(l) => l.key(key),
            None => Edit::NotMine,
        }
    }

    pub(crate) fn paste(&mut self, text: &str) -> Edit {
        let f = self.focus;
        if f == FieldId::Content {
            let clean = crate::width::clean_paste(text);
            let have = self.content_text().chars().count();
            if have + clean.chars().count() > MAX_CONTENT as usize {
                return Edit::TooLong;
            }
            self.content.insert_str(clean);
            return Edit::Changed;
        }
        if let Some(c) = self.choice_mut(f) {
            return c.paste(text);
        }
        match self.line_mut(f) {
            Some(l) => l.paste(text),
            None => Edit::NotMine,
        }
    }

    /// Saves the draft if it changed and no save is on its way.
    pub(crate) fn draft_effects(&mut self) -> Vec<Effect> {
        if self.draft_waiting {
            return Vec::new();
        }
        self.flush_draft()
    }

    /// Saves the draft now if it changed (leaving the form, quitting). Not while the form is
    /// being registered: the registration deletes the draft, and a save queued behind it
    /// would bring a registered call back as a draft.
    pub(crate) fn flush_draft(&mut self) -> Vec<Effect> {
        if !self.draft_dirty || self.saving {
            return Vec::new();
        }
        self.draft_dirty = false;
        self.draft_waiting = true;
        self.unsaved_edits = 0;
        vec![Effect::call(
            Ask::SaveDraft {
                draft: self.draft_name.clone(),
            },
            Request::SaveDraft {
                name: self.draft_name.clone(),
                body: self.to_draft(),
            },
        )]
    }

    /// After an edit. The draft is saved when typing pauses (see `tick`) or every
    /// `SAVE_EVERY` edits, not at every key: each save redraws the title, and a key should cost
    /// the terminal tens of bytes.
    pub(crate) fn changed(&mut self) -> Vec<Effect> {
        self.draft_dirty = true;
        self.draft_saved = false;
        self.idle_ticks = 0;
        self.unsaved_edits += 1;
        let mut fx = if self.unsaved_edits >= SAVE_EVERY {
            self.draft_effects()
        } else {
            Vec::new()
        };
        fx.extend(self.history_query());
        fx.extend(self.similar_query());
        fx
    }

    /// Looks for open cases that say what the subject says, once it has a few characters.
    pub(crate) fn similar_query(&mut self) -> Vec<Effect> {
        let key: String = self
            .subject
            .text()
            .trim()
            .chars()
            .take(SIMILAR_CHARS)
            .collect();
        if key == self.similar_key {
            return Vec::new();
        }
        self.similar_key = key.clone();
        self.similar_generation += 1;
        if key.chars().count() < 4 {
            self.similar.clear();
            return Vec::new();
        }
        vec![Effect::call(
            Ask::Similar {
                generation: self.similar_generation,
            },
            Request::Search {
                text: key,
                page: Page {
                    limit: 20,
                    after: None,
                },
            },
        )]
    }

    /// Keeps the open cases a search found that are not already in the caller's history.
    pub(crate) fn take_similar(&mut self, rows: Vec<CaseRow>) {
        self.similar = rows
            .into_iter()
            .filter(|r| r.state.is_open() && !self.history.iter().any(|h| h.id == r.id))
            .take(5)
            .collect();
    }

    /// A quarter second passed; two without an edit save the draft.
    pub(crate) fn tick(&mut self) -> Vec<Effect> {
        self.idle_ticks = self.idle_ticks.saturating_add(1);
        if self.idle_ticks >= IDLE_TICKS {
            return self.draft_effects();
        }
        Vec::new()
    }

    /// A save landed: the form is safe unless it changed meanwhile.
    pub(crate) fn draft_landed(&mut self) -> Vec<Effect> {
        self.draft_waiting = false;
        if !self.draft_dirty {
            self.draft_saved = true;
            return Vec::new();
        }
        if self.idle_ticks >= IDLE_TICKS || self.unsaved_edits >= SAVE_EVERY {
            return self.draft_effects();
        }
        Vec::new()
    }

    /// Asks for the caller's earlier cases once the phone or ID number is long enough.
    pub(crate) fn history_query(&mut self) -> Vec<Effect> {
        let phone = normalize_phone(self.phone.text());
        let id = self.id_number.text().trim().to_string();
        let phone_ok = phone.chars().filter(char::is_ascii_digit).count() >= 7;
        let id_ok = id.chars().count() >= 15;
        let key = format!(
            "{}|{}",
            if phone_ok { &phone } else { "" },
            if id_ok { &id } else { "" }
        );
        if key == self.history_key {
            return Vec::new();
        }
        self.history_key = key;
        self.history_generation += 1;
        if !phone_ok && !id_ok {
            self.history.clear();
            return Vec::new();
        }
        vec![Effect::call(
            Ask::History {
                generation: self.history_generation,
            },
            Request::CallerHistory {
                phone: phone_ok.then_some(phone),
                id_number: id_ok.then_some(id),
                limit: 10,
            },
        )]
    }

    /// Links to the next open case in the caller's history or on the same matter (F8), or
    /// unlinks after the last.
    pub(crate) fn cycle_link(&mut self) {
        let open: Vec<&CaseRow> = self
            .history
            .iter()
            .filter(|r| r.state.is_open())
            .chain(&self.similar)
            .collect();
        let at = self
            .link_to
            .as_ref()
            .and_then(|l| open.iter().position(|r| r.id == l.0));
        self.link_to = match at {
            None => open.first().map(|r| (r.id, r.number.clone())),
            Some(i) => open.get(i + 1).map(|r| (r.id, r.number.clone())),
        };
    }
}
