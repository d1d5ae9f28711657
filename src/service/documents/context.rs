//! What a document's template may use: the organisation, the document itself, the case as the
//! issuer may see it, its clocks and the legal basis, every value already worded. Built from
//! the view and the issue facts only, so the same issue gives the same context, and the same
//! text, whenever it is built: no date here reads the clock.

use serde::Serialize;

use crate::domain::case::Level;
use crate::domain::deadline::{Clock, Policy, Stage};
use crate::domain::document::DocKind;
use crate::domain::event::EventKind;
use crate::domain::method::Method;
use crate::domain::state::Action;
use crate::domain::time::{Timestamp, Zone};
use crate::lang::{L, Words};
use crate::service::api::CaseView;

/// The facts of one issue of a document, as its `Issued` event records them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueFacts {
    pub kind: DocKind,
    /// The document number, e.g. 某信告〔2026〕15号.
    pub serial: String,
    pub method: Method,
    /// When it is issued: the document's date.
    pub at: Timestamp,
    pub zone: Zone,
}

/// Everything a template may name. Text that is absent is empty (`{% if case.result %}`); a
/// clock the case does not run is `none` (`{% if clocks.handling %}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocContext {
    pub org: Org,
    pub doc: Doc,
    pub case: CaseFacts,
    pub clocks: Clocks,
    /// The clock the handling department answers to (a 督办单's subject), as it stood on the
    /// document's date.
    pub due: Option<ClockFacts>,
    /// The rule this kind of document is given under.
    pub basis: Basis,
    /// The petitioner's right to ask the body above to look again, when the policy has one.
    pub review: Review,
    /// The complainant's identity is replaced by the withheld word in `case`.
    pub withhold: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Org {
    pub name: String,
    /// Where the document is stamped: 〔印章〕.
    pub seal: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Doc {
    /// The kind's code: `acceptance-notice`.
    pub kind: String,
    /// 受理告知书
    pub title: String,
    pub serial: String,
    /// 2026年12月2日
    pub date: String,
    /// 邮寄、当面 …
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseFacts {
    pub number: String,
    pub received: String,
    /// The date it was accepted (this round's, after a reopening); empty before.
    pub accepted: String,
    pub channel: String,
    pub kind: String,
    pub urgency: String,
    /// The complainant's name, or 匿名, or the withheld word.
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: String,
    pub representatives: String,
    pub head_count: u32,
    pub anonymous: bool,
    pub subject: String,
    pub content: String,
    pub demands: String,
    pub category: String,
    pub accused_unit: String,
    pub department: String,
    pub instruction: String,
    pub result: String,
    /// The reviewer's opinion on the result (审核意见).
    pub review_opinion: String,
    pub feedback: String,
    pub feedback_method: String,
    /// Why it was not accepted, handed back or returned: the latest such reason.
    pub reason: String,
    pub transferred_to: String,
    /// 初次办理、复查、复核
    pub level: String,
    pub urge_count: u32,
    pub extension_days: u32,
    pub extension_reason: String,
    pub satisfaction: String,
    /// Who registered it, when the timeline in the view reaches back that far.
    pub registered_by: String,
}

/// One clock per stage, `none` where the case runs none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clocks {
    pub acceptance: Option<ClockFacts>,
    pub notice: Option<ClockFacts>,
    pub objection: Option<ClockFacts>,
    pub handling: Option<ClockFacts>,
    pub extension_notice: Option<ClockFacts>,
    pub feedback: Option<ClockFacts>,
    pub followup: Option<ClockFacts>,
    pub review_window: Option<ClockFacts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClockFacts {
    /// 办理
    pub stage: String,
    /// 自受理之日起60日
    pub period: String,
    /// The last day: 2026年5月1日.
    pub due: String,
    /// The deadline was before the document's date.
    pub overdue: bool,
    /// Extension days included in `due`.
    pub extended: u32,
    pub running: bool,
    pub basis: Basis,
}

/// A rule's text, and the citation it opens with (《信访工作条例》第二十二条、第二十三条) when it
/// opens with one; empty when the policy gives none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Basis {
    pub cite: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Review {
    /// How long after receiving the document it may be asked for: 30日; empty without one.
    pub window: String,
    pub basis: Basis,
}

/// The context of `issue` for the case in `view`. The identity is withheld on a sheet for a
/// department when the report is confidential, whoever issues it, and whenever the view
/// already hides it.
pub fn build(
    view: &CaseView,
    organisation: &str,
    policy: &Policy,
    issue: &IssueFacts,
    w: &dyn Words,
) -> DocContext {
    let c = &view.case;
    let who = &c.intake.complainant;
    let withhold = view.identity_hidden || (issue.kind.for_department() && who.confidential);
    let date = |t: Timestamp| w.date(t.date_in(issue.zone));
    let today = issue.at.date_in(issue.zone);
    let clock = |k: &Clock| ClockFacts {
        stage: w.stage(k.stage).to_string(),
        period: w.period(k.from, k.limit),
        due: w.date(k.deadline),
        overdue: k.deadline < today,
        extended: k.extended,
        running: k.running,
        basis: basis(&k.basis),
    };
    let mut clocks = Clocks::default();
    for k in &view.clocks {
        let slot = match k.stage {
            Stage::Acceptance => &mut clocks.acceptance,
            Stage::Notice => &mut clocks.notice,
            Stage::Objection => &mut clocks.objection,
            Stage::Handling => &mut clocks.handling,
            Stage::ExtensionNotice => &mut clocks.extension_notice,
            Stage::Feedback => &mut clocks.feedback,
            Stage::FollowUp => &mut clocks.followup,
            Stage::ReviewWindow => &mut clocks.review_window,
        };
        *slot = Some(clock(k));
    }
    let due = department_clock(&view.clocks).map(clock);
    let (name, phone, id_number, address, representatives) = if withhold {
        let word = w.label(L::Confidential).to_string();
        (word.clone(), word.clone(), word.clone(), word.clone(), word)
    } else if who.anonymous {
        let word = w.label(L::Anonymous).to_string();
        (
            word,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        )
    } else {
        (
            safe(&who.name),
            safe(&who.phone),
            safe(&who.id_number),
            safe(&who.address),
            safe(&who.representatives.join("、")),
        )
    };
    let extension_reason = view
        .events
        .iter()
        .rev()
        .find_map(|e| match &e.event.kind {
            EventKind::Acted {
                action: Action::RequestExtension,
                detail,
                ..
            } => detail.reason.clone(),
            _ => None,
        })
        .unwrap_or_default();
    let registered_by = view
        .events
        .iter()
        .find(|e| matches!(e.event.kind, EventKind::Registered { .. }))
        .map(|e| safe(&e.actor))
        .unwrap_or_default();
    let opt = |s: &Option<String>| s.as_deref().map(safe).unwrap_or_default();
    DocContext {
        org: Org {
            name: safe(organisation),
            seal: w.label(L::Seal).to_string(),
        },
        doc: Doc {
            kind: issue.kind.code().to_string(),
            title: w.doc_kind(issue.kind).to_string(),
            serial: safe(&issue.serial),
            date: w.date(today),
            method: w.method(issue.method).to_string(),
        },
        case: CaseFacts {
            number: safe(&c.number),
            received: date(c.received_at),
            accepted: c.milestones.accepted_at.map(date).unwrap_or_default(),
            channel: w.channel(c.intake.channel).to_string(),
            kind: w.kind(c.intake.kind).to_string(),
            urgency: w.urgency(c.intake.urgency).to_string(),
            name,
            phone,
            id_number,
            address,
            representatives,
            head_count: who.head_count,
            anonymous: who.anonymous,
            subject: safe(&c.intake.subject),
            content: safe(&c.intake.content),
            demands: safe(&c.intake.demands),
            category: opt(&view.category),
            accused_unit: opt(&c.intake.accused_unit),
            department: opt(&view.department),
            instruction: opt(&c.instruction),
            result: opt(&c.result),
            review_opinion: opt(&c.review),
            feedback: c
                .feedback
                .as_ref()
                .map(|f| safe(&f.content))
                .unwrap_or_default(),
            feedback_method: c
                .feedback
                .as_ref()
                .and_then(|f| Method::from_code(&f.method))
                .map(|m| w.method(m).to_string())
                .unwrap_or_default(),
            reason: opt(&c.reason),
            transferred_to: opt(&c.transferred_to),
            level: w.level(c.level).to_string(),
            urge_count: c.urge_count,
            extension_days: c.extension_days,
            extension_reason: safe(&extension_reason),
            satisfaction: c
                .satisfaction
                .map(|s| w.satisfaction(s).to_string())
                .unwrap_or_default(),
            registered_by,
        },
        basis: kind_basis(issue.kind, policy, &view.clocks),
        review: review(c.level, policy, w),
        clocks,
        due,
        withhold,
    }
}

/// The rule a kind of document is given under, from the policy's stage that kind answers.
fn kind_basis(kind: DocKind, policy: &Policy, clocks: &[Clock]) -> Basis {
    let stage = |stages: &[Stage]| {
        stages
            .iter()
            .find_map(|s| policy.stages.iter().find(|r| r.stage == *s))
            .map(|r| basis(&r.basis))
            .unwrap_or_default()
    };
    match kind {
        DocKind::Receipt | DocKind::RegisterForm => stage(&[Stage::Notice, Stage::Acceptance]),
        DocKind::AcceptanceNotice | DocKind::NotAcceptedNotice | DocKind::TransferNotice => {
            stage(&[Stage::Notice, Stage::Acceptance])
        }
        DocKind::ExtensionNotice => stage(&[Stage::ExtensionNotice, Stage::Handling]),
        DocKind::Reply => stage(&[Stage::Feedback, Stage::Handling]),
        DocKind::ReviewOpinion => basis(&policy.review_basis),
        DocKind::RecheckOpinion if policy.recheck_basis.is_empty() => basis(&policy.review_basis),
        DocKind::RecheckOpinion => basis(&policy.recheck_basis),
        // The case's own clock: a 复查's handling period has its own rule.
        DocKind::AssignmentSheet | DocKind::UrgeSheet => department_clock(clocks)
            .map(|k| basis(&k.basis))
            .unwrap_or_else(|| stage(&[Stage::Handling, Stage::Feedback])),
        DocKind::FollowUpRecord => stage(&[Stage::FollowUp]),
    }
}

/// The clock a department works to: the running handling clock, else the feedback one (a
/// hospital's or a school's only clock), else the one that ends first; the petition office's
/// own duties (受理告知) are not the department's to be urged on while its own clock runs.
fn department_clock(clocks: &[Clock]) -> Option<&Clock> {
    let running = || clocks.iter().filter(|k| k.running && !k.window);
    [Stage::Handling, Stage::Feedback]
        .iter()
        .find_map(|s| running().find(|k| k.stage == *s))
        .or_else(|| running().min_by_key(|k| k.deadline))
        .or_else(|| {
            [Stage::Handling, Stage::Feedback]
                .iter()
                .find_map(|s| clocks.iter().find(|k| k.stage == *s))
        })
}

/// The right to ask for 复查 (after a reply) or 复核 (after a 复查); none after a 复核.
fn review(level: Level, policy: &Policy, w: &dyn Words) -> Review {
    let window = match (level, policy.review_window) {
        (Level::First | Level::Review, Some(l)) => w.limit(l),
        _ => return Review::default(),
    };
    let rule = policy
        .stages
        .iter()
        .find(|r| r.stage == Stage::ReviewWindow)
        .map(|r| basis(&r.basis))
        .unwrap_or_default();
    Review {
        window,
        basis: rule,
    }
}

fn basis(text: &str) -> Basis {
    let cite = match text.split_once('：') {
        Some((cite, _)) if cite.starts_with('《') => cite,
        _ => "",
    };
    Basis {
        cite: safe(cite),
        text: safe(text),
    }
}

/// User text as a document may carry it: a line that opens with a mark of the document markup
/// (`#`, `=`, `>`, `|`, `-`) would change the layout, so the mark becomes its full-width twin.
fn safe(text: &str) -> String {
    let lines: Vec<String> = crate::domain::text::clean(text)
        .lines()
        .map(|line| {
            let line = line.trim_start();
            let mut chars = line.chars();
            let twin = match chars.next() {
                Some('#') => '＃',
                Some('=') => '＝',
                Some('>') => '＞',
                Some('|') => '｜',
                Some('-') => '－',
                _ => return line.to_string(),
            };
            format!("{twin}{}", chars.as_str())
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_user_text_never_becomes_markup() {
        assert_eq!(
            safe("# 标题\n  > 落款\n---\n正文|表格"),
            "＃ 标题\n＞ 落款\n－--\n正文|表格"
        );
    }

    #[test]
    fn a_basis_gives_its_citation() {
        let b = basis("《信访工作条例》第二十二条、第二十三条：登记后15日内");
        assert_eq!(b.cite, "《信访工作条例》第二十二条、第二十三条");
        assert_eq!(basis("来源资料未定受理期限：取3日").cite, "");
    }
}
