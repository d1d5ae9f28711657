//! The intake's 接待领导 (received by) field: a visit on a reception day (院长接待日/领导接待日)
//! records the leader who received it. Offered for 来访 when the store has a schedule; the
//! choices are "none" (the default), then the schedule's leaders, those receiving today first.

use chrono::NaiveDate;

use crate::domain::case::Channel;
use crate::domain::reception::{Reception, ReceptionRefusal, Schedule};
use crate::service::ServiceError;

use crate::lang::L;
use crate::tui::choice::Choice;
use crate::tui::intake_form::{FieldId, IntakeForm};
use crate::tui::shell::Shell;

#[derive(Clone, Debug, Default)]
pub struct ReceivedBy {
    /// None while the schedule is unknown or empty: the field is not offered.
    pub choice: Option<Choice>,
    /// The leader each option names; the first, "none", names no one.
    names: Vec<Option<String>>,
    /// A draft's leader, kept while there is no choice to show it in.
    kept: Option<String>,
}

impl ReceivedBy {
    /// The choices the desk's schedule offers, with `keep` chosen (a draft's, or the choice
    /// made before the schedule was read again).
    pub fn offer(sh: &Shell, schedule: Option<&Schedule>, keep: Option<String>) -> ReceivedBy {
        match schedule.filter(|s| !s.days.is_empty()) {
            Some(s) => {
                let today = sh.summary.as_ref().map(|s| s.today);
                let none = sh.tr(L::NoLeader);
                choices(s, today, none, sh.tr(L::ReceivesToday), keep)
            }
            None => ReceivedBy {
                kept: keep,
                ..ReceivedBy::default()
            },
        }
    }

    /// The leader chosen, or the draft's while the field is not offered.
    pub fn answer(&self) -> Option<String> {
        match &self.choice {
            Some(c) => c
                .chosen()
                .and_then(|i| self.names.get(i).cloned().flatten()),
            None => self.kept.clone(),
        }
    }
}

fn choices(
    s: &Schedule,
    today: Option<NaiveDate>,
    none: &str,
    mark: &str,
    keep: Option<String>,
) -> ReceivedBy {
    let mut leaders: Vec<(bool, String, String)> = Vec::new();
    for d in &s.days {
        if leaders.iter().any(|l| l.1 == d.leader) {
            continue;
        }
        let receives = today.is_some_and(|t| s.receives(&d.leader, t).is_some());
        leaders.push((receives, d.leader.clone(), d.title.clone()));
    }
    // Stable: today's leaders first, each group in schedule order.
    leaders.sort_by_key(|l| !l.0);
    let mut options = vec![none.to_string()];
    let mut names = vec![None];
    for (receives, leader, title) in leaders {
        let mut text = leader.clone();
        if !title.is_empty() && !leader.contains(&title) {
            text = format!("{text} {title}");
        }
        if receives {
            text = format!("{text} · {mark}");
        }
        options.push(text);
        names.push(Some(leader));
    }
    // A draft's leader since taken off the schedule stays chosen; the service says so on save.
    if let Some(k) = keep
        .as_ref()
        .filter(|k| !names.contains(&Some((*k).clone())))
    {
        options.push(k.clone());
        names.push(Some(k.clone()));
    }
    let at = keep.and_then(|k| names.iter().position(|n| n.as_deref() == Some(k.as_str())));
    ReceivedBy {
        choice: Some(Choice::new(options, false).select(at)),
        names,
        kept: None,
    }
}

impl IntakeForm {
    /// Whether the form asks who received the visit: a 来访 with a schedule to choose from.
    pub fn leader_shown(&self) -> bool {
        self.received_by.choice.is_some()
            && self.channel.chosen().and_then(|i| Channel::ALL.get(i)) == Some(&Channel::Visit)
    }

    /// What the registration says about the reception: the leader, on a visit only.
    pub fn reception(&self) -> Option<Reception> {
        self.leader_shown()
            .then(|| self.received_by.answer())
            .flatten()
            .map(Reception::Leader)
    }

    /// The field goes right after the channel that brings it.
    pub(crate) fn leader_field(&self, fields: &mut Vec<FieldId>) {
        if self.leader_shown()
            && let Some(at) = fields.iter().position(|f| *f == FieldId::Channel)
        {
            fields.insert(at + 1, FieldId::ReceivedBy);
        }
    }

    /// The reception days were read (again): the field offers today's leaders, keeping the
    /// choice made.
    pub(crate) fn offer_leaders(&mut self, sh: &Shell, schedule: Option<&Schedule>) {
        self.received_by = ReceivedBy::offer(sh, schedule, self.received_by.answer());
        if self.focus == FieldId::ReceivedBy && !self.leader_shown() {
            self.focus = FieldId::Channel;
        }
    }

    /// The service refused the leader: the focus goes to the field that named them.
    pub(crate) fn refused_leader(&mut self, e: &ServiceError) {
        if let ServiceError::Reception(ReceptionRefusal::UnknownLeader(_)) = e
            && self.leader_shown()
        {
            self.focus = FieldId::ReceivedBy;
        }
    }
}
