//! The documents a desk issues (文书): which kinds there are, which a case calls for, who may
//! issue them, and the notice each one gives. Issuing is recorded on the timeline with the
//! document's text, so the same document can be produced again from the record.

use serde::{Deserialize, Serialize};

use super::case::{Case, Level, coded_enum};
use super::role::Role;
use super::state::{Action, State};

coded_enum!(
    /// A kind of document, by the code its template file and the command line use.
    DocKind {
        /// 投诉/信访受理回执: handed or sent to the caller with the case number.
        Receipt = "receipt",
        /// 登记表: the record of the call or visit, for the complainant's signature.
        RegisterForm = "register-form",
        /// 受理告知书 (《信访工作条例》第二十二条).
        AcceptanceNotice = "acceptance-notice",
        /// 不予受理告知书, naming where to turn.
        NotAcceptedNotice = "not-accepted-notice",
        /// 转送告知书.
        TransferNotice = "transfer-notice",
        /// 延期告知书, with the reason (第三十四条).
        ExtensionNotice = "extension-notice",
        /// 答复意见书 (处理意见书), with the right to ask for 复查 (第三十二条).
        Reply = "reply",
        /// 复查意见书.
        ReviewOpinion = "review-opinion",
        /// 复核意见书.
        RecheckOpinion = "recheck-opinion",
        /// 交办单: sent to the handling department.
        AssignmentSheet = "assignment-sheet",
        /// 督办单: sent to a department that is late.
        UrgeSheet = "urge-sheet",
        /// 回访记录.
        FollowUpRecord = "follow-up-record",
    }
);

/// The written record of a document issued: enough to produce it again, identically.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub kind: DocKind,
    /// The document number, e.g. 某信告〔2026〕15号.
    pub serial: String,
    /// How it was given: a method code (`letter`, `sms` …).
    pub method: String,
    /// The rendered text, as `docs` turns it into a file.
    pub text: String,
    /// SHA-256 of `text`, in hex.
    pub sha256: String,
}

use Role::{Clerk, Officer, Operator, Supervisor};

const TRIAGE: &[Role] = &[Clerk, Supervisor];

impl DocKind {
    /// The workflow action that records this document as the notice it gives, when it answers
    /// a clock: issuing it completes the clock, as the action does.
    pub fn notice_action(self) -> Option<Action> {
        match self {
            DocKind::AcceptanceNotice => Some(Action::NotifyAccepted),
            DocKind::NotAcceptedNotice => Some(Action::NotifyNotAccepted),
            DocKind::TransferNotice => Some(Action::NotifyTransferred),
            DocKind::ExtensionNotice => Some(Action::NotifyExtended),
            DocKind::Reply | DocKind::ReviewOpinion | DocKind::RecheckOpinion => {
                Some(Action::ReplyLetter)
            }
            _ => None,
        }
    }

    /// Sent to a department, not to the petitioner: it never carries a withheld identity,
    /// whoever issues it.
    pub fn for_department(self) -> bool {
        matches!(self, DocKind::AssignmentSheet | DocKind::UrgeSheet)
    }

    /// Who may issue a kind that answers no clock (a notice follows its action's rule).
    fn issuers(self) -> &'static [Role] {
        match self {
            DocKind::Receipt | DocKind::RegisterForm => &[Operator, Clerk, Supervisor],
            DocKind::UrgeSheet => &[Supervisor],
            DocKind::FollowUpRecord => &[Clerk, Supervisor, Officer],
            _ => TRIAGE,
        }
    }

    /// The states a kind that answers no clock is issued in.
    fn states(self) -> &'static [State] {
        use State as S;
        match self {
            DocKind::Receipt | DocKind::RegisterForm => State::ALL,
            DocKind::AssignmentSheet => &[S::InProgress, S::UnderReview],
            DocKind::UrgeSheet => &[S::Accepted, S::InProgress, S::UnderReview, S::Resolved],
            DocKind::FollowUpRecord => &[S::FollowedUp, S::Archived],
            _ => &[],
        }
    }

    /// The review level a reply kind belongs to; other kinds fit every level.
    fn level(self) -> Option<Level> {
        match self {
            DocKind::Reply => Some(Level::First),
            DocKind::ReviewOpinion => Some(Level::Review),
            DocKind::RecheckOpinion => Some(Level::Recheck),
            _ => None,
        }
    }

    /// Whether this kind is issued for `case` as it stands. A notice kind is further judged by
    /// its action's rule in the transition table (states, roles, guards).
    pub fn fits(self, case: &Case) -> bool {
        if self.level().is_some_and(|l| l != case.level) {
            return false;
        }
        self.notice_action().is_some() || self.states().contains(&case.state)
    }

    /// Whether a user with the roles `has` says yes to may issue a kind that answers no clock.
    pub fn issued_by(self, has: impl Fn(Role) -> bool) -> bool {
        self.issuers().iter().any(|r| has(*r))
    }
}

/// The document number: the prefix, the year in 〔〕 and the serial, as Chinese official
/// documents are numbered (《党政机关公文格式》: 发文字号).
pub fn serial(prefix: &str, year: i32, n: u64) -> String {
    format!("{prefix}〔{year}〕{n}号")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_code_that_reads_back() {
        for k in DocKind::ALL {
            assert_eq!(DocKind::from_code(k.code()), Some(*k));
        }
        assert_eq!(DocKind::ALL.len(), 12);
    }

    #[test]
    fn a_serial_reads_as_an_official_number() {
        assert_eq!(serial("某信告", 2026, 15), "某信告〔2026〕15号");
    }

    #[test]
    fn only_department_sheets_are_for_departments() {
        let for_dept: Vec<_> = DocKind::ALL.iter().filter(|k| k.for_department()).collect();
        assert_eq!(for_dept, [&DocKind::AssignmentSheet, &DocKind::UrgeSheet]);
    }
}
