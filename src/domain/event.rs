//! Timeline events and the fold that turns them into a case record.
//!
//! An event carries resolved values (the department chosen, the new state), never inputs to
//! recompute, so that replaying the events always yields the same record.

use serde::{Deserialize, Serialize};

use super::case::{
    Bar, Case, CaseId, ExtensionRequest, Feedback, Granted, Intake, Level, Links, Milestones,
    NoticeGiven, Pause, Satisfaction,
};
use super::document::Issued;
use super::role::{DeptId, UserId};
use super::state::{Action, HANDLED, State, notice_of};
use super::time::Timestamp;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub case: CaseId,
    /// Position in the case's timeline, from 0.
    pub seq: u32,
    pub at: Timestamp,
    pub actor: UserId,
    /// The administrator who acted as `actor` (`--as`), when it was not the actor themself.
    pub via: Option<UserId>,
    pub kind: EventKind,
}

/// What a transition carried; which fields are set depends on the action (`Rule::needs`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub reason: Option<String>,
    pub department: Option<DeptId>,
    pub assisting: Vec<DeptId>,
    pub handler: Option<UserId>,
    pub body: Option<String>,
    pub target: Option<CaseId>,
    pub text: Option<String>,
    pub method: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub days: Option<u32>,
}

/// A piece of personal data whose full value was shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonalField {
    Phone,
    IdNumber,
    Identity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Registered {
        number: String,
        intake: Intake,
    },
    /// A table action; `to` is the resolved next state (the same state for timeline-only actions).
    Acted {
        action: Action,
        from: State,
        to: State,
        detail: Detail,
    },
    /// The intake facts were corrected; carries the whole new intake.
    Edited {
        intake: Intake,
    },
    /// Another case was merged into this one.
    Absorbed {
        other: CaseId,
    },
    /// A full phone or ID number, or a confidential identity, was shown.
    Revealed {
        field: PersonalField,
    },
    /// Found at registration: the review level of the matter and whether it may be accepted.
    Admissibility {
        level: Level,
        bar: Option<Bar>,
    },
    /// The visit was received by a leader on a reception day (院长/领导接待日).
    Reception {
        leader: String,
    },
    /// A document was issued (文书): its text is kept, so it can be produced again.
    Issued(Issued),
    /// The site's gateway was asked to send an issued document (短信、电子邮件): whether it
    /// took it, and what it said.
    Sent {
        serial: String,
        ok: bool,
        detail: String,
    },
}

impl Event {
    /// The case as it stands after this event; `None` only when a timeline does not start with
    /// `Registered` or an event belongs to another case.
    pub fn apply(&self, case: Option<Case>) -> Option<Case> {
        let mut c = match (&self.kind, case) {
            (EventKind::Registered { number, intake }, None) if self.seq == 0 => Case {
                id: self.case,
                number: number.clone(),
                received_at: self.at,
                registered_by: self.actor,
                intake: intake.clone(),
                state: State::Registered,
                department: None,
                assisting: Vec::new(),
                handler: None,
                instruction: None,
                result: None,
                review: None,
                feedback: None,
                satisfaction: None,
                reason: None,
                transferred_to: None,
                links: Links::default(),
                milestones: Milestones::default(),
                extension_days: 0,
                pending_extension: None,
                urge_count: 0,
                return_count: 0,
                reopen_count: 0,
                extensions: Vec::new(),
                pauses: Vec::new(),
                assigned_limit: None,
                investigation: false,
                level: Level::First,
                bar: None,
                instruction_pending: false,
                notices: Vec::new(),
                received_by: None,
                version: 0,
                events: 0,
            },
            (EventKind::Registered { .. }, _) | (_, None) => return None,
            (_, Some(c)) if c.id != self.case || c.events != self.seq => return None,
            (kind, Some(mut c)) => {
                match kind {
                    EventKind::Registered { .. } => {}
                    EventKind::Acted {
                        action, to, detail, ..
                    } => act(&mut c, *action, *to, detail, self),
                    EventKind::Edited { intake } => c.intake = intake.clone(),
                    EventKind::Absorbed { other } => c.links.merged_from.push(*other),
                    EventKind::Revealed { .. } => {}
                    EventKind::Admissibility { level, bar } => {
                        c.level = *level;
                        c.bar = *bar;
                    }
                    EventKind::Reception { leader } => c.received_by = Some(leader.clone()),
                    EventKind::Issued(_) | EventKind::Sent { .. } => {}
                }
                c
            }
        };
        // Viewing personal data is audited but changes nothing a concurrent editor relies on.
        if !matches!(self.kind, EventKind::Revealed { .. }) {
            c.version += 1;
        }
        c.events = self.seq + 1;
        Some(c)
    }
}

fn act(c: &mut Case, action: Action, to: State, d: &Detail, ev: &Event) {
    let at = Some(ev.at);
    c.state = to;
    // A pause holds the handling still; once the matter leaves handling it is over.
    if !HANDLED.contains(&to)
        && let Some(p) = c.pauses.last_mut().filter(|p| p.to.is_none())
    {
        p.to = Some(ev.at);
    }
    // An extension request belongs to one department's handling period.
    if matches!(
        action,
        Action::Assign | Action::Reassign | Action::HandBack | Action::Approve | Action::Reopen
    ) {
        c.pending_extension = None;
    }
    // The reason of a pause, an investigation or an importance flag is kept with it.
    if d.reason.is_some()
        && !matches!(
            action,
            Action::Pause | Action::Investigate | Action::MarkImportant
        )
    {
        c.reason = d.reason.clone();
    }
    match action {
        Action::Accept => c.milestones.accepted_at = at,
        Action::ApproveImportant => {
            c.instruction = d.text.clone();
            c.milestones.accepted_at = at;
        }
        Action::NotAccept | Action::Merge | Action::TransferOut => {
            c.milestones.closed_at = at;
            if action == Action::TransferOut {
                c.transferred_to = d.body.clone();
            }
            if action == Action::Merge {
                c.links.merged_into = d.target;
            }
        }
        Action::ResolveOnSpot => {
            c.result = d.text.clone();
            c.milestones.resolved_at = at;
        }
        Action::Assign | Action::Reassign => {
            c.department = d.department;
            c.assisting = d.assisting.clone();
            c.handler = d.handler;
            c.milestones.assigned_at = at;
            c.assigned_limit = d.days;
        }
        Action::HandBack => {
            c.department = None;
            c.assisting.clear();
            c.handler = None;
            c.milestones.assigned_at = None;
        }
        Action::Submit => c.result = d.text.clone(),
        Action::Approve => {
            c.review = d.text.clone();
            c.milestones.resolved_at = at;
        }
        Action::Return => c.return_count += 1,
        Action::Feedback => {
            c.feedback = Some(Feedback {
                method: d.method.clone().unwrap_or_default(),
                content: d.text.clone().unwrap_or_default(),
            });
            c.milestones.answered_at = at;
        }
        Action::FollowUp => {
            c.satisfaction = d.satisfaction;
            c.milestones.followed_up_at = at;
        }
        Action::Archive => c.milestones.closed_at = at,
        Action::Reopen => {
            // 复查: the department works again; result, feedback and satisfaction start over.
            c.result = None;
            c.review = None;
            c.feedback = None;
            c.satisfaction = None;
            c.milestones.resolved_at = None;
            c.milestones.answered_at = None;
            c.milestones.followed_up_at = None;
            c.milestones.accepted_at = at;
            c.milestones.assigned_at = at;
            c.extension_days = 0;
            c.investigation = false;
            c.reopen_count += 1;
        }
        Action::Urge => c.urge_count += 1,
        Action::RequestExtension => {
            c.pending_extension = Some(ExtensionRequest {
                days: d.days.unwrap_or(0),
                reason: d.reason.clone().unwrap_or_default(),
                by: ev.actor,
            });
        }
        Action::ApproveExtension => {
            let days = d.days.unwrap_or(0);
            c.extension_days += days;
            c.extensions.push(Granted { at: ev.at, days });
            c.pending_extension = None;
        }
        Action::RefuseExtension => c.pending_extension = None,
        Action::Link => {
            if let Some(t) = d.target
                && !c.links.same_matter.contains(&t)
            {
                c.links.same_matter.push(t);
            }
        }
        Action::Pause => c.pauses.push(Pause {
            from: ev.at,
            to: None,
            reason: d.reason.clone().unwrap_or_default(),
        }),
        Action::Resume => {
            if let Some(p) = c.pauses.last_mut().filter(|p| p.to.is_none()) {
                p.to = Some(ev.at);
            }
        }
        Action::Investigate => c.investigation = true,
        Action::MarkImportant => c.intake.important = d.reason.clone(),
        Action::SendForInstruction => c.instruction_pending = true,
        Action::Instruct => {
            c.instruction = d.text.clone();
            c.instruction_pending = false;
        }
        Action::NotifyAccepted
        | Action::NotifyNotAccepted
        | Action::NotifyTransferred
        | Action::NotifyExtended
        | Action::ReplyLetter => {
            if let Some(notice) = notice_of(action) {
                c.notices.push(NoticeGiven { notice, at: ev.at });
            }
        }
        Action::Note => {}
    }
}

/// The record a timeline folds to.
pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Case> {
    let mut case = None;
    for e in events {
        case = Some(e.apply(case)?);
    }
    case
}
