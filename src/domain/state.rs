//! The workflow: states, actions, and the one transition table (DESIGN §2, §3).
//!
//! Everything that decides who may do what in which state reads `RULES`: the service's
//! permission checks, the desk's action menu and its key hints.

use serde::{Deserialize, Serialize};

use super::case::{Bar, Case, Notice, Satisfaction, coded_enum};
use super::role::{Role, User};

coded_enum!(
    State {
        Registered = "registered",
        AwaitingApproval = "awaiting_approval",
        Accepted = "accepted",
        InProgress = "in_progress",
        UnderReview = "under_review",
        Resolved = "resolved",
        Answered = "answered",
        FollowedUp = "followed_up",
        Archived = "archived",
        NotAccepted = "not_accepted",
        TransferredOut = "transferred_out",
        Merged = "merged",
    }
);

impl State {
    /// Open cases still need someone's work and have clocks running.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            State::Archived | State::Merged | State::NotAccepted | State::TransferredOut
        )
    }

    pub fn open_states() -> impl Iterator<Item = State> {
        State::ALL.iter().copied().filter(|s| s.is_open())
    }

    /// States a case may have a clock due in: the open ones, and a case not accepted or
    /// transferred out until its notice is given (第二十三条's written notice).
    pub fn may_be_due(self) -> bool {
        self.is_open() || matches!(self, State::NotAccepted | State::TransferredOut)
    }

    pub fn due_states() -> impl Iterator<Item = State> {
        State::ALL.iter().copied().filter(|s| s.may_be_due())
    }
}

coded_enum!(
    Action {
        Accept = "accept",
        ApproveImportant = "approve_important",
        NotAccept = "reject",
        TransferOut = "transfer",
        Merge = "merge",
        ResolveOnSpot = "resolve",
        Assign = "assign",
        Reassign = "reassign",
        HandBack = "hand_back",
        Submit = "submit",
        Approve = "approve",
        Return = "return",
        Feedback = "feedback",
        FollowUp = "followup",
        Archive = "archive",
        Reopen = "reopen",
        Note = "note",
        Urge = "urge",
        RequestExtension = "extend",
        ApproveExtension = "approve_extension",
        RefuseExtension = "refuse_extension",
        Link = "link",
        Pause = "pause",
        Resume = "resume",
        Investigate = "investigate",
        MarkImportant = "mark_important",
        SendForInstruction = "send_instruction",
        Instruct = "instruct",
        NotifyAccepted = "notify_accepted",
        NotifyNotAccepted = "notify_not_accepted",
        NotifyTransferred = "notify_transferred",
        NotifyExtended = "notify_extended",
        ReplyLetter = "reply_letter",
    }
);

/// What an action must carry; the service refuses the action without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Need {
    Reason,
    Department,
    /// The outside body a case is transferred to.
    Body,
    /// Another case (merge target, same-matter link).
    Target,
    /// Free text: a result, an instruction, a note, feedback content.
    Text,
    FeedbackMethod,
    Satisfaction,
    Days,
}

/// A condition on the case, beyond its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Guard {
    Always,
    Important,
    NotImportant,
    /// Someone can be told the result.
    Callback,
    /// Anonymous or no-callback: nobody to tell.
    NoCallback,
    /// Unsatisfied at follow-up: closing it needs the decision recorded (复查 offered, declined,
    /// or 终结 with its grounds), so `reopen` is not closed off without a word.
    Unsatisfied,
    /// Unsatisfied at follow-up, and a department handled it: it goes back there.
    UnsatisfiedAssigned,
    /// Unsatisfied, but resolved on the spot: it must be assigned first.
    UnsatisfiedUnassigned,
    PendingExtension,
    NoPendingExtension,
    /// The clocks stand still (听证、鉴定、补充材料).
    Paused,
    NotPaused,
    /// Handling already marked as needing investigation.
    NotInvestigated,
    /// Important, someone can be told, and not already waiting for a leader's 阅批.
    ImportantNotSent,
    /// Sent for 阅批 and waiting for the leader's instruction.
    InstructionPending,
    /// An extension was approved: the petitioner is owed the reason (延期告知).
    Extended,
    /// Someone can be told, and the case is not on hold: notices.
    CallbackNotBarred,
}

impl Guard {
    pub fn holds(self, case: &Case) -> bool {
        let c = &case.intake.complainant;
        match self {
            Guard::Always => true,
            Guard::Important => case.intake.important.is_some(),
            Guard::NotImportant => case.intake.important.is_none(),
            Guard::Callback => c.callback_possible(),
            Guard::NoCallback => !c.callback_possible(),
            Guard::Unsatisfied => case.satisfaction == Some(Satisfaction::Unsatisfied),
            Guard::UnsatisfiedAssigned => {
                case.satisfaction == Some(Satisfaction::Unsatisfied) && case.department.is_some()
            }
            Guard::UnsatisfiedUnassigned => {
                case.satisfaction == Some(Satisfaction::Unsatisfied) && case.department.is_none()
            }
            Guard::PendingExtension => case.pending_extension.is_some(),
            Guard::NoPendingExtension => case.pending_extension.is_none(),
            Guard::Paused => case.paused().is_some(),
            Guard::NotPaused => case.paused().is_none(),
            Guard::NotInvestigated => !case.investigation,
            Guard::ImportantNotSent => case.intake.important.is_some() && !case.instruction_pending,
            Guard::InstructionPending => case.instruction_pending,
            Guard::Extended => c.callback_possible() && !case.extensions.is_empty(),
            Guard::CallbackNotBarred => c.callback_possible(),
        }
    }
}

pub struct Rule {
    pub action: Action,
    pub from: &'static [State],
    /// `None`: the state stays; the action is a timeline event only.
    pub to: Option<State>,
    pub roles: &'static [Role],
    pub needs: &'static [Need],
    pub guard: Guard,
}

use Need as N;
use Role::{Clerk, Officer, Operator, Supervisor};
use State as S;

const TRIAGE: &[Role] = &[Clerk, Supervisor];

/// Who may register a case (DESIGN §3): the same people who may resolve one on the spot.
pub const REGISTER_ROLES: &[Role] = &[Operator, Clerk, Supervisor];
const OPEN_WORK: &[State] = &[
    S::Registered,
    S::AwaitingApproval,
    S::Accepted,
    S::InProgress,
    S::UnderReview,
];
const ANY: &[State] = State::ALL;
/// From acceptance until the case is closed: 阅批 and 受理告知 reach all of them.
const ACCEPTED_ON: &[State] = &[
    S::Accepted,
    S::InProgress,
    S::UnderReview,
    S::Resolved,
    S::Answered,
    S::FollowedUp,
];
/// While the matter is handled its clocks may stand still (第三十六条: hearing time is left
/// out of the handling period); the registration's duties never do.
pub const HANDLED: &[State] = &[S::Accepted, S::InProgress, S::UnderReview];
/// Once resolved, the written reply may be sent.
const RESOLVED_ON: &[State] = &[S::Resolved, S::Answered, S::FollowedUp];
/// Every state with work or a clock left: urging (督办) reaches all of them.
const OPEN: &[State] = &[
    S::Registered,
    S::AwaitingApproval,
    S::Accepted,
    S::InProgress,
    S::UnderReview,
    S::Resolved,
    S::Answered,
    S::FollowedUp,
];

macro_rules! rule {
    ($action:ident, $from:expr, $to:expr, $roles:expr, $needs:expr, $guard:ident) => {
        Rule {
            action: Action::$action,
            from: $from,
            to: $to,
            roles: $roles,
            needs: $needs,
            guard: Guard::$guard,
        }
    };
}

/// The transition table. The first rule whose action, state and guard match applies.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    rule!(Accept, &[S::Registered], Some(S::Accepted), TRIAGE, &[], NotImportant),
    rule!(Accept, &[S::Registered], Some(S::AwaitingApproval), TRIAGE, &[], Important),
    rule!(ApproveImportant, &[S::AwaitingApproval], Some(S::Accepted), &[Supervisor], &[N::Text], Always),
    rule!(NotAccept, &[S::Registered], Some(S::NotAccepted), TRIAGE, &[N::Reason], Always),
    rule!(TransferOut, &[S::Registered], Some(S::TransferredOut), TRIAGE, &[N::Body], Always),
    rule!(Merge, &[S::Registered], Some(S::Merged), TRIAGE, &[N::Target], Always),
    rule!(ResolveOnSpot, &[S::Registered], Some(S::Resolved), REGISTER_ROLES, &[N::Text], Always),
    rule!(Assign, &[S::Accepted], Some(S::InProgress), TRIAGE, &[N::Department], Always),
    rule!(Reassign, &[S::InProgress], Some(S::InProgress), TRIAGE, &[N::Department, N::Reason], Always),
    rule!(HandBack, &[S::InProgress], Some(S::Accepted), &[Officer], &[N::Reason], Always),
    rule!(Submit, &[S::InProgress], Some(S::UnderReview), &[Officer], &[N::Text], Always),
    rule!(Approve, &[S::UnderReview], Some(S::Resolved), TRIAGE, &[], Always),
    rule!(Return, &[S::UnderReview], Some(S::InProgress), TRIAGE, &[N::Reason], Always),
    rule!(Feedback, &[S::Resolved], Some(S::Answered), TRIAGE, &[N::FeedbackMethod, N::Text], Callback),
    rule!(FollowUp, &[S::Answered], Some(S::FollowedUp), TRIAGE, &[N::Satisfaction], Callback),
    rule!(Archive, &[S::FollowedUp], Some(S::Archived), TRIAGE, &[N::Reason], Unsatisfied),
    rule!(Archive, &[S::Answered, S::FollowedUp, S::NotAccepted, S::TransferredOut], Some(S::Archived), TRIAGE, &[], Always),
    rule!(Archive, &[S::Resolved], Some(S::Archived), TRIAGE, &[], NoCallback),
    rule!(Reopen, &[S::FollowedUp], Some(S::InProgress), TRIAGE, &[N::Reason], UnsatisfiedAssigned),
    rule!(Reopen, &[S::FollowedUp], Some(S::Accepted), TRIAGE, &[N::Reason], UnsatisfiedUnassigned),
    rule!(Note, ANY, None, &[Operator, Officer, Clerk, Supervisor], &[N::Text], Always),
    rule!(Urge, OPEN, None, &[Supervisor], &[N::Text], Always),
    rule!(RequestExtension, &[S::InProgress], None, &[Officer], &[N::Days, N::Reason], NoPendingExtension),
    rule!(ApproveExtension, &[S::InProgress, S::UnderReview], None, &[Supervisor], &[], PendingExtension),
    rule!(RefuseExtension, &[S::InProgress, S::UnderReview], None, &[Supervisor], &[N::Reason], PendingExtension),
    rule!(Link, OPEN_WORK, None, &[Operator, Clerk, Supervisor], &[N::Target], Always),
    rule!(Pause, HANDLED, None, TRIAGE, &[N::Reason], NotPaused),
    rule!(Resume, OPEN, None, TRIAGE, &[], Paused),
    rule!(Investigate, &[S::Accepted, S::InProgress], None, TRIAGE, &[N::Reason], NotInvestigated),
    rule!(MarkImportant, OPEN, None, TRIAGE, &[N::Reason], Always),
    rule!(SendForInstruction, ACCEPTED_ON, None, TRIAGE, &[], ImportantNotSent),
    rule!(Instruct, OPEN, None, &[Supervisor], &[N::Text], InstructionPending),
    rule!(NotifyAccepted, ACCEPTED_ON, None, TRIAGE, &[N::FeedbackMethod, N::Text], CallbackNotBarred),
    rule!(NotifyNotAccepted, &[S::NotAccepted], None, TRIAGE, &[N::FeedbackMethod, N::Text], CallbackNotBarred),
    rule!(NotifyTransferred, &[S::TransferredOut], None, TRIAGE, &[N::FeedbackMethod, N::Text], CallbackNotBarred),
    rule!(NotifyExtended, OPEN, None, TRIAGE, &[N::FeedbackMethod, N::Text], Extended),
    rule!(ReplyLetter, RESOLVED_ON, None, TRIAGE, &[N::FeedbackMethod, N::Text], CallbackNotBarred),
];

/// Actions that take a matter in (resolving it on the spot takes it in too): refused for a
/// case barred at registration (终结, or a 复查/复核 asked too late), which may still be not
/// accepted, noted and archived.
pub const ADMITS: &[Action] = &[
    Action::Accept,
    Action::ApproveImportant,
    Action::ResolveOnSpot,
];

/// The notice each notice action records.
pub fn notice_of(action: Action) -> Option<Notice> {
    match action {
        Action::NotifyAccepted => Some(Notice::Accepted),
        Action::NotifyNotAccepted => Some(Notice::NotAccepted),
        Action::NotifyTransferred => Some(Notice::Transferred),
        Action::NotifyExtended => Some(Notice::Extended),
        Action::ReplyLetter => Some(Notice::Reply),
        _ => None,
    }
}

/// What an action may carry without needing it: a review comment on approval.
pub fn optional_needs(action: Action) -> &'static [Need] {
    match action {
        Action::Approve | Action::Resume => &[Need::Text],
        // 交办时限: a limit for this case in the handling stage's unit.
        Action::Assign | Action::Reassign => &[Need::Days],
        _ => &[],
    }
}

/// Why an action may not be taken: each names what the user can do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The action does not exist in this state.
    WrongState { action: Action, state: State },
    /// None of the user's roles may take it.
    RoleMayNot { action: Action },
    /// A role may take it, but not on this case (another department's, another operator's).
    OutOfScope { action: Action },
    /// The state is right but the case's condition is not.
    GuardFailed { action: Action, guard: Guard },
    /// The matter may not be taken in (终结, or a review asked too late).
    Barred { action: Action, bar: Bar },
}

/// The rules for this action in this state, in table order.
pub fn rules_for(action: Action, state: State) -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .filter(move |r| r.action == action && r.from.contains(&state))
}

/// Decides whether `user` may take `action` on `case`, and which rule applies.
pub fn authorize(user: &User, case: &Case, action: Action) -> Result<&'static Rule, Refusal> {
    let mut candidates = rules_for(action, case.state).peekable();
    let Some(first) = candidates.peek() else {
        return Err(Refusal::WrongState {
            action,
            state: case.state,
        });
    };
    if !first.roles.iter().any(|r| user.roles.has(*r)) {
        return Err(Refusal::RoleMayNot { action });
    }
    if !first.roles.iter().any(|r| user.role_reaches(*r, case)) {
        return Err(Refusal::OutOfScope { action });
    }
    if let Some(bar) = case.bar.filter(|_| ADMITS.contains(&action)) {
        return Err(Refusal::Barred { action, bar });
    }
    let mut failed = Guard::Always;
    for rule in candidates {
        if rule.guard.holds(case) {
            return Ok(rule);
        }
        if failed == Guard::Always {
            failed = rule.guard;
        }
    }
    Err(Refusal::GuardFailed {
        action,
        guard: failed,
    })
}

/// Every action the user may take on the case now, in table order: the desk's action menu.
pub fn available_actions(user: &User, case: &Case) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for rule in RULES {
        if !out.contains(&rule.action) && authorize(user, case, rule.action).is_ok() {
            out.push(rule.action);
        }
    }
    out
}
