//! What a draft of the intake form keeps, and the form made from one: everything typed, as
//! text, so that a draft written by an older build still opens.

use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseId, Channel, Kind, Urgency};
use crate::domain::reception::Schedule;
use crate::service::validate::{MAX_SHORT, MAX_SUBJECT, MAX_TEXT};

use super::intake_form::IntakeForm;
use super::intake_reception::ReceivedBy;
use super::line::LineInput;
use super::shell::Shell;

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
    pub received_by: Option<String>,
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

impl IntakeForm {
    pub fn from_draft(
        sh: &Shell,
        schedule: Option<&Schedule>,
        name: &str,
        d: &Draft,
    ) -> IntakeForm {
        let mut f = IntakeForm::blank(sh, schedule);
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
        f.received_by = ReceivedBy::offer(sh, schedule, d.received_by.clone());
        f.draft_saved = true;
        f
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
            received_by: self.received_by.answer(),
        }
    }

    pub fn to_draft(&self) -> String {
        serde_json::to_string(&self.to_draft_value()).unwrap_or_default()
    }
}
