//! Sentences built from the word tables that the command line and the desk both show: a
//! timeline event, a clock's standing.

use crate::domain::calendar::DayUnit;
use crate::domain::case::{Bar, Level};
use crate::domain::correction::IntakeField;
use crate::domain::deadline::{Clock, Limit, Stage};
use crate::domain::event::EventKind;
use crate::domain::method::Method;
use crate::domain::role::DeptId;
use crate::domain::time::Zone;
use crate::service::admit::is_final;
use crate::service::api::{CaseView, EventView};

use super::{L, Words};

/// What happened, in one line: "受理 -> 已受理  住房和城乡建设局  理由".
pub fn event(
    w: &dyn Words,
    v: &CaseView,
    e: &EventView,
    dept: &dyn Fn(DeptId) -> String,
) -> String {
    match &e.event.kind {
        EventKind::Registered { .. } => {
            w.state(crate::domain::state::State::Registered).to_string()
        }
        EventKind::Acted {
            action, to, detail, ..
        } => {
            let mut s = format!("{} -> {}", w.action(*action), w.state(*to));
            if let Some(d) = detail.department {
                s.push_str(&format!("  {}", dept(d)));
            }
            let method = detail.method.as_deref().map(|m| method(w, m));
            for t in [&detail.reason, &detail.text, &detail.body, &method]
                .into_iter()
                .flatten()
            {
                s.push_str(&format!("  {t}"));
            }
            if let Some(sat) = detail.satisfaction {
                s.push_str(&format!("  {}", w.satisfaction(sat)));
            }
            if let Some(n) = detail.days {
                s.push_str(&format!("  {}", w.limit(Limit::calendar(n))));
            }
            s
        }
        EventKind::Edited { .. } if e.changed.is_empty() => w.label(L::Edited).to_string(),
        EventKind::Edited { .. } => {
            let fields: Vec<&str> = e.changed.iter().map(|f| w.label(field(*f))).collect();
            format!("{}  {}", w.label(L::Edited), fields.join("、"))
        }
        EventKind::Absorbed { other } => {
            let n = v
                .linked
                .iter()
                .find(|(id, _)| id == other)
                .map(|(_, n)| n.clone());
            format!(
                "{} {}",
                w.label(L::MergedFrom),
                n.unwrap_or_else(|| w.label(L::HiddenCase).to_string())
            )
        }
        EventKind::Revealed { field } => format!("{} {}", w.label(L::Viewed), w.personal(*field)),
        EventKind::Admissibility { level, bar } => match bar {
            Some(b) => format!("{}  {}", w.level(*level), w.bar(*b)),
            None => w.level(*level).to_string(),
        },
        EventKind::Reception { leader } => format!("{} {leader}", w.label(L::ReceivedBy)),
        EventKind::Issued(d) => format!(
            "{} {} {}  {}",
            w.label(L::IssuedDoc),
            w.doc_kind(d.kind),
            d.serial,
            method(w, &d.method)
        ),
        EventKind::Sent { serial, ok, detail } => {
            let said = if *ok { L::SentOk } else { L::SentFailed };
            format!("{} {serial}  {}", w.label(said), detail)
        }
    }
}

/// A stored method in the reader's language: a code as its word; a label an older build saved
/// (电话, 书面) as it was written.
pub fn method(w: &dyn Words, stored: &str) -> String {
    Method::from_code(stored).map_or_else(|| stored.to_string(), |m| w.method(m).to_string())
}

/// A clock's period (where it counts from, its limit, extension and paused days), standing,
/// window and calendar doubt, each ready to print.
pub struct ClockText {
    pub limit: String,
    pub state: String,
    pub window: &'static str,
    pub unsure: &'static str,
}

pub fn clock(w: &dyn Words, v: &CaseView, k: &Clock) -> ClockText {
    let state = if !k.running || (k.window && v.now >= k.due_at) {
        w.label(L::Done).to_string()
    } else if k.paused {
        w.label(L::Paused).to_string()
    } else if v.due.as_ref().is_some_and(|d| d.stage == k.stage) {
        v.due.as_ref().map(|d| w.due(d.status)).unwrap_or_default()
    } else if !k.window && v.now >= k.due_at {
        // Late too, though another clock is what the case is due by.
        w.label(L::Overdue).to_string()
    } else {
        w.label(L::Running).to_string()
    };
    let mut limit = w.period(k.from, k.limit);
    // Extensions and pauses count in the clock's days; a clock in months takes calendar days.
    let unit = match k.limit.unit {
        DayUnit::Working => DayUnit::Working,
        _ => DayUnit::Calendar,
    };
    for (label, days) in [(L::Extension, k.extended), (L::PausedDays, k.paused_days)] {
        if days > 0 {
            let days = w.limit(Limit { days, unit });
            limit.push_str(&format!(" + {} {days}", w.label(label)));
        }
    }
    let unsure = if k.missing_years.is_empty() {
        ""
    } else {
        w.label(L::Unsure)
    };
    let over = v.now >= k.due_at;
    let window = match (k.window, k.stage) {
        (false, _) => "",
        (true, Stage::ReviewWindow) if over => w.label(L::AskWindowOver),
        (true, Stage::ReviewWindow) => w.label(L::AskWindow),
        (true, _) if over => w.label(L::WindowOver),
        (true, _) => w.label(L::Window),
    };
    ClockText {
        limit,
        state,
        window,
        unsure,
    }
}

/// The label of an intake field, as the form shows it.
fn field(f: IntakeField) -> L {
    use IntakeField as F;
    match f {
        F::Channel => L::Channel,
        F::Kind => L::Kind,
        F::Name => L::Complainant,
        F::Phone => L::Phone,
        F::IdNumber => L::IdNumber,
        F::Address => L::Address,
        F::Anonymous => L::Anonymous,
        F::Confidential => L::Confidential,
        F::NoCallback => L::NoCallback,
        F::HeadCount => L::HeadCount,
        F::Representatives => L::Representatives,
        F::Subject => L::Subject,
        F::Content => L::Content,
        F::Demands => L::Demands,
        F::Category => L::Category,
        F::Urgency => L::Urgency,
        F::Important => L::Important,
        F::AccusedUnit => L::AccusedUnit,
        F::ReviewOf => L::Links,
    }
}

/// One line of a case's standing in the review levels, 阅批 and notices: its label, its text,
/// and whether it warns (a bar, 终结, an instruction awaited).
pub struct Standing {
    pub label: L,
    pub text: String,
    pub warn: bool,
}

/// The lines `show` and the desk's detail give on the review level (复查/复核), a bar with its
/// rule, 终结 once a 复核 is answered, a leader's 阅批 awaited, and the notices given.
pub fn standing(w: &dyn Words, v: &CaseView, zone: Zone) -> Vec<Standing> {
    let c = &v.case;
    let line = |label, text: String, warn| Standing { label, text, warn };
    let mut out = Vec::new();
    if c.level != Level::First {
        out.push(line(L::Level, w.level(c.level).to_string(), false));
    }
    if let Some(b) = c.bar {
        let text = format!("{}（{}）", w.bar(b), w.bar_basis(b));
        out.push(line(L::Bar, text, true));
    } else if is_final(c) {
        out.push(line(L::Final, w.bar_basis(Bar::Final).to_string(), true));
    }
    if c.instruction_pending {
        out.push(line(
            L::Instruction,
            w.label(L::InstructionPending).into(),
            true,
        ));
    }
    if !c.notices.is_empty() {
        let given: Vec<String> = c
            .notices
            .iter()
            .map(|n| format!("{} {}", w.notice(n.notice), n.at.date_in(zone)))
            .collect();
        out.push(line(L::Notices, given.join("；"), false));
    }
    out
}
