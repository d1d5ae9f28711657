//! English.

use super::{L, Words};
use crate::domain::case::{Bar, Channel, Kind, Level, Notice, Satisfaction, Urgency};
use crate::domain::deadline::{Anchor, DueStatus, Limit, Stage};
use crate::domain::document::DocKind;
use crate::domain::event::PersonalField;
use crate::domain::important::ImportantWhen;
use crate::domain::method::Method;
use crate::domain::role::Role;
use crate::domain::state::{Action, Guard, Need, Refusal, State};
use crate::service::ServiceError;
use crate::service::error::{Field, Problem};

pub struct En;
pub static EN: En = En;

impl Words for En {
    fn label(&self, l: L) -> &'static str {
        l.en()
    }

    fn state(&self, s: State) -> &'static str {
        match s {
            State::Registered => "registered",
            State::AwaitingApproval => "awaiting approval",
            State::Accepted => "accepted",
            State::InProgress => "in progress",
            State::UnderReview => "under review",
            State::Resolved => "resolved",
            State::Answered => "answered",
            State::FollowedUp => "followed up",
            State::Archived => "archived",
            State::NotAccepted => "not accepted",
            State::TransferredOut => "transferred out",
            State::Merged => "merged",
        }
    }

    fn action(&self, a: Action) -> &'static str {
        match a {
            Action::Accept => "accept",
            Action::ApproveImportant => "approve important case",
            Action::NotAccept => "not accept",
            Action::TransferOut => "transfer out",
            Action::Merge => "merge",
            Action::ResolveOnSpot => "resolve on the spot",
            Action::Assign => "assign",
            Action::Reassign => "reassign",
            Action::HandBack => "hand back",
            Action::Submit => "submit result",
            Action::Approve => "approve result",
            Action::Return => "return for redo",
            Action::Feedback => "give feedback",
            Action::FollowUp => "follow up",
            Action::Archive => "archive",
            Action::Reopen => "reopen",
            Action::Note => "add note",
            Action::Urge => "urge",
            Action::RequestExtension => "request extension",
            Action::ApproveExtension => "approve extension",
            Action::RefuseExtension => "refuse extension",
            Action::Link => "link same matter",
            Action::Pause => "pause clocks",
            Action::Resume => "resume clocks",
            Action::Investigate => "needs investigation",
            Action::MarkImportant => "mark important",
            Action::SendForInstruction => "send for instruction",
            Action::Instruct => "instruct",
            Action::NotifyAccepted => "notice of acceptance",
            Action::NotifyNotAccepted => "notice of non-acceptance",
            Action::NotifyTransferred => "notice of transfer",
            Action::NotifyExtended => "notice of extension",
            Action::ReplyLetter => "written reply",
        }
    }

    fn action_doc(&self, a: Action) -> &'static str {
        match a {
            Action::Accept => "Accept the case; an important one goes to a leader first",
            Action::ApproveImportant => "A leader approves an important case with an instruction",
            Action::NotAccept => "Do not accept, with the reason",
            Action::TransferOut => "Transfer to the body that has power over the matter",
            Action::Merge => "Merge a duplicate into another case",
            Action::ResolveOnSpot => "Resolve a simple matter on the spot",
            Action::Assign => "Assign to a handling department",
            Action::Reassign => "Move to another department, with the reason",
            Action::HandBack => "Hand a misrouted case back to the petition office",
            Action::Submit => "Submit the handling result for review",
            Action::Approve => "Approve the result; the case is resolved",
            Action::Return => "Return the result for redo",
            Action::Feedback => "Record the feedback given to the complainant",
            Action::FollowUp => "Record the follow-up and satisfaction",
            Action::Archive => "Archive the case",
            Action::Reopen => "Reopen after an unsatisfied follow-up",
            Action::Note => "Add a note to the timeline",
            Action::Urge => "Urge the department",
            Action::RequestExtension => "Ask to extend the handling limit",
            Action::ApproveExtension => "Approve the pending extension",
            Action::RefuseExtension => "Refuse the pending extension",
            Action::Link => "Link as the same matter",
            Action::Pause => {
                "stop the clocks for a hearing, an appraisal or missing materials (with the reason)"
            }
            Action::Resume => "start the clocks again once the pause is over",
            Action::Investigate => "the handling needs investigation: the longer limit applies",
            Action::MarkImportant => "mark the case important, with the reasons",
            Action::SendForInstruction => {
                "send an important case to a leader for instruction (阅批)"
            }
            Action::Instruct => "a leader's instruction (批示) on a case sent for it",
            Action::NotifyAccepted => "tell the petitioner in writing that the matter is accepted",
            Action::NotifyNotAccepted => "tell the petitioner it is not accepted, and why",
            Action::NotifyTransferred => {
                "tell the petitioner the matter went to the body that handles it"
            }
            Action::NotifyExtended => "tell the petitioner the period was extended, and why",
            Action::ReplyLetter => "issue the written reply (答复意见书)",
        }
    }

    fn channel(&self, c: Channel) -> &'static str {
        match c {
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::Visit => "visit",
            Channel::Online => "online",
            Channel::Email => "email",
            Channel::Mailbox => "mailbox",
            Channel::Superior => "from superior",
        }
    }

    fn kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Complaint => "complaint",
            Kind::Report => "report",
            Kind::Suggestion => "suggestion",
            Kind::Inquiry => "inquiry",
            Kind::Help => "request for help",
            Kind::Praise => "praise",
        }
    }

    fn urgency(&self, u: Urgency) -> &'static str {
        match u {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
            Urgency::Critical => "critical",
        }
    }

    fn satisfaction(&self, s: Satisfaction) -> &'static str {
        match s {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Basically => "basically satisfied",
            Satisfaction::Unsatisfied => "unsatisfied",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Acceptance => "acceptance",
            Stage::Handling => "handling",
            Stage::Feedback => "feedback",
            Stage::FollowUp => "follow-up",
            Stage::Objection => "objection",
            Stage::Notice => "notice",
            Stage::ExtensionNotice => "ext notice",
            Stage::ReviewWindow => "review window",
        }
    }

    fn role(&self, r: Role) -> &'static str {
        match r {
            Role::Operator => "operator",
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Admin => "administrator",
        }
    }

    fn personal(&self, f: PersonalField) -> &'static str {
        match f {
            PersonalField::Phone => "phone",
            PersonalField::IdNumber => "ID number",
            PersonalField::Identity => "identity",
        }
    }

    fn need(&self, n: Need) -> &'static str {
        match n {
            Need::Reason => "a reason",
            Need::Department => "a department",
            Need::Body => "the body it goes to",
            Need::Target => "the other case's number",
            Need::Text => "a text",
            Need::FeedbackMethod => "how the complainant was told",
            Need::Satisfaction => "a satisfaction value",
            Need::Days => "a number of days",
        }
    }

    fn field(&self, f: Field) -> &'static str {
        match f {
            Field::Subject => "Subject",
            Field::Content => "Content",
            Field::Name => "Name",
            Field::Phone => "Phone",
            Field::IdNumber => "ID number",
            Field::Representatives => "Representatives",
            Field::HeadCount => "People",
            Field::Category => "Category",
            Field::Department => "Department",
            Field::Handler => "Handler",
            Field::Target => "Target case",
            Field::Days => "Days",
            Field::Login => "Login",
            Field::Code => "Code",
            Field::Prefix => "Number prefix",
            Field::Year => "Year",
            Field::Text => "Search text",
            Field::Note => "Text",
            Field::Address => "Address",
            Field::Important => "Important reasons",
            Field::AccusedUnit => "Accused unit",
            Field::Draft => "Draft",
            Field::Basis => "Basis",
            Field::Organisation => "Organisation",
            Field::Dates => "Dates",
            Field::File => "File",
            Field::Method => "Method (phone, sms, letter, in_person, online)",
            Field::Phrase => "Canned phrase",
        }
    }

    fn problem(&self, p: Problem) -> String {
        match p {
            Problem::Empty => "must not be empty".into(),
            Problem::TooLong { max } => format!("is longer than {max} characters"),
            Problem::NotFound => "does not exist".into(),
            Problem::Inactive => "is inactive".into(),
            Problem::BadCheckDigit => "has a wrong check digit; please check it".into(),
            Problem::BadFormat => "is not in a valid format".into(),
            Problem::TooMany { max } => format!("allows at most {max}"),
            Problem::Duplicate => "already exists".into(),
            Problem::SameCase => "cannot be the case itself".into(),
            Problem::OverLimit { max } => format!("exceeds the policy: at most {max} more days"),
            Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
        }
    }

    fn refusal(&self, r: &Refusal) -> String {
        match r {
            Refusal::WrongState { action, state } => {
                format!(
                    "a case that is {} cannot be given “{}”",
                    self.state(*state),
                    self.action(*action)
                )
            }
            Refusal::RoleMayNot { action } => {
                format!("your roles may not {}", self.action(*action))
            }
            Refusal::OutOfScope { action } => {
                format!(
                    "this case is outside your remit; you may not {} it",
                    self.action(*action)
                )
            }
            Refusal::Barred { action, bar } => {
                format!("cannot {}: {}", self.action(*action), self.bar(*bar))
            }
            Refusal::GuardFailed { action, guard } => {
                let why = match guard {
                    Guard::Callback => {
                        "an anonymous or no-callback case has no feedback or follow-up"
                    }
                    Guard::NoCallback => "give feedback first: the complainant can be reached",
                    Guard::Unsatisfied
                    | Guard::UnsatisfiedAssigned
                    | Guard::UnsatisfiedUnassigned => {
                        "only an unsatisfied follow-up can be reopened"
                    }
                    Guard::PendingExtension => "there is no pending extension request",
                    Guard::NoPendingExtension => "an extension request is already pending",
                    Guard::Important => "the case is not marked important",
                    Guard::NotImportant => "an important case needs a leader's approval",
                    Guard::Paused => "the clocks are not paused",
                    Guard::NotPaused => "the clocks are paused: resume them first",
                    Guard::NotInvestigated => "the case is already marked as needing investigation",
                    Guard::ImportantNotSent => {
                        "the case is not important, or already waits for an instruction"
                    }
                    Guard::InstructionPending => "nothing waits for an instruction",
                    Guard::Extended => {
                        "no extension was approved, or the petitioner cannot be reached"
                    }
                    Guard::CallbackNotBarred => {
                        "an anonymous or no-callback case is owed no notice"
                    }
                    Guard::Always => "a condition is not met",
                };
                format!("cannot {}: {why}", self.action(*action))
            }
        }
    }

    fn due(&self, s: DueStatus) -> String {
        super::clocks::en_due(s)
    }

    fn due_short(&self, s: DueStatus) -> String {
        super::clocks::en_due_short(s)
    }

    fn error(&self, e: &ServiceError) -> String {
        super::en_errors::error(self, e)
    }

    fn limit(&self, l: Limit) -> String {
        super::clocks::en_limit(l)
    }

    fn notice(&self, n: Notice) -> &'static str {
        match n {
            Notice::Accepted => "notice of acceptance",
            Notice::NotAccepted => "notice of non-acceptance",
            Notice::Transferred => "notice of transfer",
            Notice::Extended => "notice of extension",
            Notice::Reply => "written reply",
        }
    }

    fn level(&self, l: Level) -> &'static str {
        match l {
            Level::First => "first handling",
            Level::Review => "review (复查)",
            Level::Recheck => "re-examination (复核)",
        }
    }

    fn bar(&self, b: Bar) -> &'static str {
        match b {
            Bar::Final => {
                "the matter is final after re-examination (终结) and is not accepted again"
            }
            Bar::Late => "the review was asked for after its window had closed",
        }
    }

    fn damage(&self, d: &crate::store::journal::Damage) -> String {
        d.to_string()
    }

    fn recovered(&self, r: &crate::store::Recovery) -> Option<String> {
        match (&r.cut, r.replayed) {
            (None, 0) if r.set_aside.is_none() && r.damage.is_none() => None,
            (cut, n) => {
                let mut s = String::from("Opening the store: ");
                if let Some(p) = &r.set_aside {
                    s += &format!(
                        "its files would not open; they were kept in {} and the store was rebuilt from the journal; ",
                        p.display()
                    );
                }
                if let Some(d) = &r.damage {
                    s += &format!("the store takes no changes: {}; ", d.read_only());
                }
                if n > 0 {
                    s += &format!("applied {n} journal record(s) the store did not have yet; ");
                }
                if let Some(d) = cut {
                    s += &format!(
                        "cut an incomplete last journal record (its bytes kept beside the file): {d}"
                    );
                }
                Some(s)
            }
        }
    }

    fn verified(&self, v: &crate::store::journal::Verified) -> String {
        let hex: String = v
            .last_hash
            .map(|h| h.iter().map(|b| format!("{b:02x}")).collect())
            .unwrap_or_default();
        let range = match (v.first_seq, v.last_seq) {
            (Some(a), Some(b)) => format!("records {a} to {b}, {} in all", v.records),
            _ => "no whole record".into(),
        };
        match &v.damage {
            None => format!("The journal is intact: {range}. Hash of the last record {hex}"),
            Some(d) => format!("The journal is damaged: {d}. Intact before it: {range}"),
        }
    }

    fn connect_error(&self, e: &crate::desk::ConnectError) -> String {
        use crate::desk::ConnectError as C;
        match e {
            C::Unreachable { path, error } => format!(
                "Cannot reach the server at {path}: {error}. Check that `xinfang serve` is running, the socket path is right and you are in the group allowed to connect. The desk will not fall back to a private store."
            ),
            C::Refused(r) => self.turned_away(r),
            C::Protocol { theirs } => format!(
                "The server speaks protocol {} (build {}); this desk speaks protocol {} (build {}). Upgrade both to the same build.",
                theirs.protocol,
                theirs.build,
                crate::wire::PROTOCOL,
                crate::wire::BUILD
            ),
            C::Wire(w) => format!("The server's answer makes no sense: {w}"),
            C::Untrusted { path, why } => {
                use crate::desk::Distrust as D;
                let reason = match why {
                    D::OpenDir { dir } => {
                        format!(
                            "{dir} can be written by other users, so anyone could pose as the server there"
                        )
                    }
                    D::Owner {
                        path,
                        owner,
                        expected,
                    } => format!(
                        "{path} belongs to uid {owner}, neither the server's user (uid {expected}) nor root"
                    ),
                    D::Peer { uid, expected } => format!(
                        "the process listening there runs as uid {uid}, not as the server's user (uid {expected})"
                    ),
                };
                format!(
                    "Not talking to {path}: {reason}. Nothing was sent. Ask the administrator to put the socket in a directory only the server's user can write, or set server_uid = the server user's uid in config.toml (or $XINFANG_SERVER_UID)."
                )
            }
        }
    }

    fn test_store_notice(&self) -> &'static str {
        "[TEST STORE] This store is for testing; its times and records are test data."
    }

    fn fixed_clock_refused(&self) -> &'static str {
        "XINFANG_NOW is accepted only on a test store (made with `xinfang init --test-store` in an empty directory); a real store dates every record by this machine's clock. Unset XINFANG_NOW and try again."
    }

    fn test_store_refused(&self) -> &'static str {
        "--test-store is only for a new local store: a store that holds cases, or one on a server, never becomes a test store."
    }

    fn as_needs_embedded(&self) -> &'static str {
        "--as works only on an embedded store; on a server everyone acts as their own OS login."
    }

    fn turned_away(&self, r: &crate::wire::Refusal) -> String {
        use crate::wire::Refusal as R;
        match r {
            R::UnknownLogin { login, uid } => format!(
                "The OS user {login} (uid {uid}) has no user record, so the server refused. Ask the administrator to run: xinfang user add {login} --role … --dept …"
            ),
            R::NoLogin { uid } => format!(
                "The server finds no login name for uid {uid} and refused. Ask the administrator to check that OS user."
            ),
            R::Protocol { server } => format!(
                "The server speaks protocol {} (build {}), not this desk's; upgrade both to the same build.",
                server.protocol, server.build
            ),
            R::ShuttingDown => "The server is stopping; try again shortly.".into(),
            R::Busy {
                limit,
                per_user: true,
            } => format!(
                "Your OS user already has {limit} connections, the most the server takes. Close desks or scripts you do not need and try again."
            ),
            R::Busy { limit, .. } => format!(
                "The server holds {limit} connections, the most it takes; try again shortly or tell the administrator."
            ),
            R::Disabled { login } => format!(
                "The administrator has deactivated the user {login}, so the server refused. To restore access the administrator runs: xinfang user enable {login}"
            ),
        }
    }

    fn link_down(&self, refused: Option<&crate::wire::Refusal>) -> String {
        let why = refused
            .map(|r| format!(" {}", self.turned_away(r)))
            .unwrap_or_default();
        format!("Connection to the server lost; drafts are kept here. Reconnecting by itself.{why}")
    }

    fn method(&self, m: Method) -> &'static str {
        match m {
            Method::Phone => "phone",
            Method::Sms => "SMS",
            Method::Letter => "letter",
            Method::InPerson => "in person",
            Method::Online => "online",
            Method::Email => "email",
        }
    }

    fn doc_kind(&self, k: DocKind) -> &'static str {
        match k {
            DocKind::Receipt => "acknowledgement of receipt",
            DocKind::RegisterForm => "registration form",
            DocKind::AcceptanceNotice => "notice of acceptance",
            DocKind::NotAcceptedNotice => "notice of non-acceptance",
            DocKind::TransferNotice => "notice of transfer",
            DocKind::ExtensionNotice => "notice of extension",
            DocKind::Reply => "written reply",
            DocKind::ReviewOpinion => "review opinion",
            DocKind::RecheckOpinion => "re-examination opinion",
            DocKind::AssignmentSheet => "assignment sheet",
            DocKind::UrgeSheet => "urging sheet",
            DocKind::FollowUpRecord => "follow-up record",
        }
    }

    fn bar_basis(&self, b: Bar) -> &'static str {
        match b {
            Bar::Final => {
                "Regulations on Letters and Visits, art. 36: the recheck opinion is final; a request on the same facts and grounds is not accepted again"
            }
            Bar::Late => {
                "Regulations on Letters and Visits, arts. 35 and 36: a review (recheck) is asked for within 30 days of receiving the written reply (review opinion)"
            }
        }
    }

    fn important_when(&self, when: &ImportantWhen) -> String {
        match when {
            ImportantWhen::Channel(c) => format!("channel: {}", self.channel(*c)),
            ImportantWhen::Collective { at_least } => {
                format!("collective or joint, {at_least} people or more")
            }
            ImportantWhen::Words { kind, words } => {
                let k = kind
                    .map(|k| format!("{}, ", self.kind(k)))
                    .unwrap_or_default();
                format!("{k}subject or content names: {}", words.join(", "))
            }
        }
    }

    fn weekly(&self, w: chrono::Weekday) -> &'static str {
        super::reception::en_weekly(w)
    }

    fn reception_refusal(&self, r: &crate::domain::reception::ReceptionRefusal) -> String {
        super::reception::en_refusal(r)
    }

    fn period(&self, a: Anchor, l: Limit) -> String {
        super::clocks::en_period(a, l)
    }

    fn message(&self, m: &super::Message) -> String {
        super::messages::en(m)
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        d.format("%-d %B %Y").to_string()
    }
}
