//! The case record and the facts taken at intake.

use serde::{Deserialize, Serialize};

use super::role::{CategoryId, DeptId, UserId};
use super::state::State;
use super::time::Timestamp;

pub type CaseId = u64;

macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The codes of `ALL`, in its order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The stable spelling used on the command line and in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == text)
            }
        }
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// How the matter reached the desk.
    Channel {
        Phone = "phone",
        Letter = "letter",
        Visit = "visit",
        Online = "online",
        Email = "email",
        Mailbox = "mailbox",
        Superior = "superior",
    }
);

coded_enum!(
    /// What the complainant wants of us.
    Kind {
        Complaint = "complaint",
        Report = "report",
        Suggestion = "suggestion",
        Inquiry = "inquiry",
        Help = "help",
        Praise = "praise",
    }
);

coded_enum!(
    Urgency {
        Normal = "normal",
        Urgent = "urgent",
        Critical = "critical",
    }
);

coded_enum!(
    /// The complainant's verdict at follow-up (回访).
    Satisfaction {
        Satisfied = "satisfied",
        Basically = "basically",
        Unsatisfied = "unsatisfied",
    }
);

coded_enum!(
    /// A notice the petitioner is owed in writing, each a timeline event that completes the
    /// clock it answers (《信访工作条例》第二十二条、第二十三条、第三十四条).
    Notice {
        /// 受理告知
        Accepted = "accepted",
        /// 不予受理告知
        NotAccepted = "not_accepted",
        /// 转送告知
        Transferred = "transferred",
        /// 延期告知: the petitioner told why the handling period was extended.
        Extended = "extended",
        /// 答复意见书
        Reply = "reply",
    }
);

coded_enum!(
    /// Where a matter stands in the review levels (《信访工作条例》第三十五条、第三十六条).
    Level {
        /// 初次办理
        First = "first",
        /// 复查: asked of the body above within 30 days of the reply.
        Review = "review",
        /// 复核: asked after 复查 likewise; after it the matter is final.
        Recheck = "recheck",
    }
);

coded_enum!(
    /// Why a registered case may not be accepted.
    Bar {
        /// 终结: the matter went through 复核; a new letter on it is not accepted again.
        Final = "final",
        /// 复查/复核 asked after its window had closed.
        Late = "late",
    }
);

/// A notice given to the petitioner: which one, and when it was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeGiven {
    pub notice: Notice,
    pub at: Timestamp,
}

/// A stretch of time the clocks stood still (听证、鉴定、补充材料: 第三十六条 leaves hearing
/// time out of the period); `to` is `None` while it lasts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: Timestamp,
    pub to: Option<Timestamp>,
    pub reason: String,
}

/// An approved extension: when it was granted and how many days it adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Granted {
    pub at: Timestamp,
    pub days: u32,
}

/// Up to five representatives speak for a collective visit (《信访工作条例》第二十条).
pub const MAX_REPRESENTATIVES: usize = 5;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complainant {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: String,
    /// No identity at all: no feedback, no follow-up.
    pub anonymous: bool,
    /// A 举报 whose identity is hidden from the handling department.
    pub confidential: bool,
    /// Asked not to be called back: no feedback or follow-up clock.
    pub no_callback: bool,
    /// People in a collective visit; 1 for a single complainant.
    pub head_count: u32,
    pub representatives: Vec<String>,
}

impl Complainant {
    /// Anonymous means no identity at all, not a hidden one.
    pub fn clear_identity(&mut self) {
        self.name.clear();
        self.phone.clear();
        self.id_number.clear();
        self.address.clear();
        self.representatives.clear();
    }

    /// Whether anyone can be told the result or asked for satisfaction.
    pub fn callback_possible(&self) -> bool {
        !self.anonymous && !self.no_callback
    }
}

/// What the operator records at intake; later edits replace it as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    pub channel: Channel,
    pub kind: Kind,
    pub complainant: Complainant,
    pub subject: String,
    pub content: String,
    pub demands: String,
    pub category: Option<CategoryId>,
    pub urgency: Urgency,
    /// Reasons the case is important (重要); `Some` makes acceptance need a leader's approval.
    pub important: Option<String>,
    /// The unit a 举报 is about, as written.
    pub accused_unit: Option<String>,
    /// The same unit when it is one of our departments: the case may never go there.
    pub accused_dept: Option<DeptId>,
    /// 复查 of an earlier case.
    pub review_of: Option<CaseId>,
}

impl Intake {
    /// The department this case may never go to: the accused unit of a report of misconduct
    /// (举报/检举, 《信访工作条例》§30) or of anything marked confidential. A complaint about a
    /// unit's service (投诉) goes to that unit for its response.
    pub fn barred_dept(&self) -> Option<DeptId> {
        self.accused_dept
            .filter(|_| self.kind == Kind::Report || self.complainant.confidential)
    }

    /// A registration with only the facts every case has; the rest at its usual default
    /// (normal urgency, no category, not important, nobody accused).
    pub fn new(
        channel: Channel,
        kind: Kind,
        complainant: Complainant,
        subject: impl Into<String>,
        content: impl Into<String>,
    ) -> Intake {
        Intake {
            channel,
            kind,
            complainant,
            subject: subject.into(),
            content: content.into(),
            demands: String::new(),
            category: None,
            urgency: Urgency::Normal,
            important: None,
            accused_unit: None,
            accused_dept: None,
            review_of: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    pub same_matter: Vec<CaseId>,
    pub merged_into: Option<CaseId>,
    pub merged_from: Vec<CaseId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub method: String,
    pub content: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub days: u32,
    pub reason: String,
    pub by: UserId,
}

/// When each stage began; the clocks start from these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestones {
    pub accepted_at: Option<Timestamp>,
    pub assigned_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub followed_up_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub number: String,
    pub received_at: Timestamp,
    pub registered_by: UserId,
    pub intake: Intake,
    pub state: State,
    pub department: Option<DeptId>,
    /// Departments helping the lead one; a hospital then has a longer feedback limit.
    pub assisting: Vec<DeptId>,
    pub handler: Option<UserId>,
    /// A leader's instruction (批示) when an important case was approved.
    pub instruction: Option<String>,
    pub result: Option<String>,
    pub review: Option<String>,
    pub feedback: Option<Feedback>,
    pub satisfaction: Option<Satisfaction>,
    /// Why it was not accepted, handed back, returned or reopened: the latest such reason.
    pub reason: Option<String>,
    pub transferred_to: Option<String>,
    pub links: Links,
    pub milestones: Milestones,
    /// Approved extension in days, added to the handling clock.
    pub extension_days: u32,
    pub pending_extension: Option<ExtensionRequest>,
    pub urge_count: u32,
    pub return_count: u32,
    /// Times reopened after an unsatisfied follow-up (复查); each starts a new handling period.
    pub reopen_count: u32,
    /// Approved extensions in order; `extension_days` is their sum since the last reopening.
    pub extensions: Vec<Granted>,
    /// Pauses of the clocks, oldest first; the last one may still last.
    pub pauses: Vec<Pause>,
    /// 交办时限 (限期办结): the handling limit set for this case at assignment, in the handling
    /// stage's unit; it overrides the policy's.
    pub assigned_limit: Option<u32>,
    /// 需调查: the handling needs investigation, so the longer limit applies where a policy has one.
    pub investigation: bool,
    pub level: Level,
    /// Why the case may not be accepted, found at registration.
    pub bar: Option<Bar>,
    /// Sent for a leader's 阅批 and not yet instructed.
    pub instruction_pending: bool,
    /// Written notices given, in order.
    pub notices: Vec<NoticeGiven>,
    /// The leader who received the visit on a reception day (院长/领导接待日).
    pub received_by: Option<String>,
    /// Bumped by every event that changes the record; an update naming an older version is refused.
    pub version: u64,
    /// Events on the timeline, audit views included.
    pub events: u32,
}

impl Case {
    pub fn is_open(&self) -> bool {
        self.state.is_open()
    }

    /// The pause that still lasts, if any.
    pub fn paused(&self) -> Option<&Pause> {
        self.pauses.last().filter(|p| p.to.is_none())
    }

    /// When the current round of handling began: receipt, or the latest reopening (which sets
    /// `accepted_at` to its own time).
    pub fn round_start(&self) -> Timestamp {
        if self.reopen_count > 0 {
            self.milestones.accepted_at.unwrap_or(self.received_at)
        } else {
            self.received_at
        }
    }

    /// When the petitioner received this round's answer (第三十五条 counts the window for
    /// 复查 from it): the latest written reply (答复意见书) if one was given, else the feedback.
    /// A resolution nobody was told of is no answer.
    pub fn replied_at(&self) -> Option<Timestamp> {
        let start = self.round_start();
        self.notices
            .iter()
            .rev()
            .find(|n| n.notice == Notice::Reply && n.at >= start)
            .map(|n| n.at)
            .or(self.milestones.answered_at)
    }

    /// When this notice was last given.
    pub fn notified(&self, notice: Notice) -> Option<Timestamp> {
        self.notices
            .iter()
            .rev()
            .find(|n| n.notice == notice)
            .map(|n| n.at)
    }
}
