//! Intake (登记): a blank form with one key, the caller's earlier cases beside it as the phone
//! or ID number is typed, saved with F2, kept as a draft as it is typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseId, Channel, Complainant, Intake, Kind, Urgency};
use crate::domain::number::normalize_phone;
use crate::service::api::CaseRow;
use crate::service::error::Field;
use crate::service::validate::{MAX_CONTENT, MAX_SHORT, MAX_SUBJECT, MAX_TEXT};
use crate::service::{Reply, Request, ServiceError};

use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::choice::Choice;
use crate::tui::line::{Edit, LineInput};
use crate::tui::msg::{Effect, Purpose};
use crate::tui::overlay::Popup;
use crate::tui::strings::T;

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
    /// Shown only when the case is resolved on the spot (当场办结).
    Resolve,
}

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

/// What a draft keeps: everything typed, as text, so an older build's draft still opens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub channel: String,
    pub kind: String,
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: String,
    pub subject: String,
    pub content: String,
    pub demands: String,
    pub category: Option<u32>,
    pub urgency: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub no_callback: bool,
    pub accused_unit: String,
    pub resolve: Option<String>,
    pub link_to: Option<CaseId>,
}

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
    pub resolve: Option<LineInput>,
    /// The caller's earlier cases, newest first.
    pub history: Vec<CaseRow>,
    history_generation: u64,
    history_key: String,
    /// The earlier case this one is linked to instead of standing alone.
    pub link_to: Option<(CaseId, String)>,
    /// Left for a list pane; the form keeps what was typed.
    pub parked: bool,
    draft_dirty: bool,
    draft_waiting: bool,
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
    pub fn blank(app: &App) -> IntakeForm {
        let w = app.words();
        let mut content = TextArea::default();
        content.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        let serial = app.drafts.len() + 1;
        IntakeForm {
            draft_name: format!(
                "intake-{}-{serial}",
                app.summary.as_ref().map_or(0, |s| s.total)
            ),
            focus: FieldId::Name,
            channel: choice_of(Channel::ALL, |c| w.channel(c).into(), app.env.channel),
            kind: choice_of(Kind::ALL, |k| w.kind(k).into(), Kind::Complaint),
            name: LineInput::new(MAX_SHORT as usize),
            phone: LineInput::new(30),
            id_number: LineInput::new(30),
            address: LineInput::new(MAX_SHORT as usize),
            subject: LineInput::new(MAX_SUBJECT as usize),
            content,
            demands: LineInput::new(MAX_TEXT as usize),
            category: Choice::new(
                app.categories.iter().map(|c| c.name.clone()).collect(),
                true,
            ),
            category_ids: app.categories.iter().map(|c| c.id).collect(),
            urgency: choice_of(Urgency::ALL, |u| w.urgency(u).into(), Urgency::Normal),
            anonymous: false,
            confidential: false,
            no_callback: false,
            accused_unit: LineInput::new(MAX_SHORT as usize),
            resolve: None,
            history: Vec::new(),
            history_generation: 0,
            history_key: String::new(),
            link_to: None,
            parked: false,
            draft_dirty: false,
            draft_waiting: false,
            draft_saved: false,
            saving: false,
        }
    }

    pub fn from_draft(app: &App, name: &str, d: &Draft) -> IntakeForm {
        let mut f = IntakeForm::blank(app);
        f.draft_name = name.to_string();
        if let Some(c) = Channel::from_code(&d.channel) {
            f.channel = f.channel.select(Channel::ALL.iter().position(|x| *x == c));
        }
        if let Some(k) = Kind::from_code(&d.kind) {
            f.kind = f.kind.select(Kind::ALL.iter().position(|x| *x == k));
        }
        if let Some(u) = Urgency::from_code(&d.urgency) {
            f.urgency = f.urgency.select(Urgency::ALL.iter().position(|x| *x == u));
        }
        f.category = f.category.select(
            d.category
                .and_then(|c| f.category_ids.iter().position(|x| *x == c)),
        );
        f.name = LineInput::with_text(MAX_SHORT as usize, &d.name);
        f.phone = LineInput::with_text(30, &d.phone);
        f.id_number = LineInput::with_text(30, &d.id_number);
        f.address = LineInput::with_text(MAX_SHORT as usize, &d.address);
        f.subject = LineInput::with_text(MAX_SUBJECT as usize, &d.subject);
        f.demands = LineInput::with_text(MAX_TEXT as usize, &d.demands);
        f.accused_unit = LineInput::with_text(MAX_SHORT as usize, &d.accused_unit);
        let mut content = TextArea::new(d.content.split('\n').map(String::from).collect());
        content.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        content.move_cursor(ratatui_textarea::CursorMove::Bottom);
        content.move_cursor(ratatui_textarea::CursorMove::End);
        f.content = content;
        f.anonymous = d.anonymous;
        f.confidential = d.confidential;
        f.no_callback = d.no_callback;
        f.resolve = d
            .resolve
            .as_deref()
            .map(|r| LineInput::with_text(MAX_TEXT as usize, r));
        f.link_to = d.link_to.map(|id| (id, String::new()));
        f.draft_saved = true;
        f
    }

    pub fn content_text(&self) -> String {
        self.content.lines().join("\n")
    }

    pub fn to_draft_value(&self) -> Draft {
        Draft {
            channel: self
                .chosen(&self.channel, Channel::ALL)
                .map_or("", |c| c.code())
                .into(),
            kind: self
                .chosen(&self.kind, Kind::ALL)
                .map_or("", |k| k.code())
                .into(),
            name: self.name.text().into(),
            phone: self.phone.text().into(),
            id_number: self.id_number.text().into(),
            address: self.address.text().into(),
            subject: self.subject.text().into(),
            content: self.content_text(),
            demands: self.demands.text().into(),
            category: self
                .category
                .chosen()
                .and_then(|i| self.category_ids.get(i).copied()),
            urgency: self
                .chosen(&self.urgency, Urgency::ALL)
                .map_or("", |u| u.code())
                .into(),
            anonymous: self.anonymous,
            confidential: self.confidential,
            no_callback: self.no_callback,
            accused_unit: self.accused_unit.text().into(),
            resolve: self.resolve.as_ref().map(|r| r.text().to_string()),
            link_to: self.link_to.as_ref().map(|l| l.0),
        }
    }

    pub fn to_draft(&self) -> String {
        serde_json::to_string(&self.to_draft_value()).unwrap_or_default()
    }

    fn chosen<T: Copy>(&self, c: &Choice, all: &[T]) -> Option<T> {
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
        i
    }

    /// The fields in order, with the on-the-spot result when it is open.
    pub fn fields(&self) -> Vec<FieldId> {
        let mut f = FIELDS.to_vec();
        if self.resolve.is_some() {
            f.push(FieldId::Resolve);
        }
        f
    }

    fn step(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    fn line_mut(&mut self, f: FieldId) -> Option<&mut LineInput> {
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

    fn choice_mut(&mut self, f: FieldId) -> Option<&mut Choice> {
        Some(match f {
            FieldId::Channel => &mut self.channel,
            FieldId::Kind => &mut self.kind,
            FieldId::Category => &mut self.category,
            FieldId::Urgency => &mut self.urgency,
            _ => return None,
        })
    }

    fn toggle_mut(&mut self, f: FieldId) -> Option<&mut bool> {
        Some(match f {
            FieldId::Anonymous => &mut self.anonymous,
            FieldId::Confidential => &mut self.confidential,
            FieldId::NoCallback => &mut self.no_callback,
            _ => return None,
        })
    }

    /// Types a key into the focused field.
    fn edit(&mut self, key: KeyEvent) -> Edit {
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

    fn paste(&mut self, text: &str) -> Edit {
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

    /// A draft save after an edit: one at a time, the latest text when the last one lands.
    fn draft_effects(&mut self) -> Vec<Effect> {
        if !self.draft_dirty || self.draft_waiting {
            return Vec::new();
        }
        self.draft_dirty = false;
        self.draft_waiting = true;
        vec![Effect::call(
            Purpose::SaveDraft,
            Request::SaveDraft {
                name: self.draft_name.clone(),
                body: self.to_draft(),
            },
        )]
    }

    fn changed(&mut self) -> Vec<Effect> {
        self.draft_dirty = true;
        self.draft_saved = false;
        let mut fx = self.draft_effects();
        fx.extend(self.history_query());
        fx
    }

    /// Asks for the caller's earlier cases once the phone or ID number is long enough.
    fn history_query(&mut self) -> Vec<Effect> {
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
            Purpose::History {
                generation: self.history_generation,
            },
            Request::CallerHistory {
                phone: phone_ok.then_some(phone),
                id_number: id_ok.then_some(id),
                limit: 10,
            },
        )]
    }

    /// Links to the next open case in the caller's history (F8), or unlinks after the last.
    fn cycle_link(&mut self) {
        let open: Vec<&CaseRow> = self.history.iter().filter(|r| r.state.is_open()).collect();
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
            form.parked = true;
            let fx = form.draft_effects();
            if !form.is_blank() {
                let t = app.tr(T::KeptAsDraft).to_string();
                app.say(Tone::Info, t);
            } else {
                app.intake = None;
            }
            app.pane = app.list_pane;
            let mut all = fx;
            all.extend(app.refresh_visible());
            return all;
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
                let t = app.tr(T::FieldFull).to_string();
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
            let t = app.tr(T::PasteTooLong).to_string();
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
        Purpose::Intake,
        Request::Intake {
            intake: form.intake(),
            resolve,
            link_to: form.link_to.as_ref().map(|l| l.0),
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
    let mut form = IntakeForm::from_draft(app, &name, &draft);
    fx.extend(form.history_query());
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
        (Purpose::SaveDraft, r) => {
            let Some(form) = app.intake.as_mut() else {
                return Vec::new();
            };
            form.draft_waiting = false;
            if let Err(e) = r {
                app.say_error(&e);
                return Vec::new();
            }
            if form.draft_dirty {
                return form.draft_effects();
            }
            form.draft_saved = true;
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
        (Purpose::Intake, Ok(Reply::Case(view))) => {
            let number = view.case.number.clone();
            let mut fx = Vec::new();
            if let Some(form) = app.intake.take() {
                app.drafts.retain(|d| d.0 != form.draft_name);
                fx.push(Effect::call(
                    Purpose::DeleteDraft,
                    Request::DeleteDraft {
                        name: form.draft_name,
                    },
                ));
            }
            app.popup = Some(Popup::Saved { number });
            app.pane = app.list_pane;
            fx.extend(app.refresh_visible());
            fx
        }
        (Purpose::Intake, Err(e)) => {
            if let Some(form) = app.intake.as_mut() {
                form.saving = false;
                if let ServiceError::Invalid { field, .. } = &e
                    && let Some(f) = field_of(*field)
                {
                    form.focus = f;
                }
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
