//! English: what the service refuses, and why.

use super::Words;
use super::en::En;
use crate::domain::state::{Action, Need};
use crate::service::ServiceError;
use crate::service::documents::templates::{TemplateError, TemplateProblem};

pub(super) fn error(en: &En, e: &ServiceError) -> String {
    match e {
        ServiceError::Refused(r) => en.refusal(r),
        ServiceError::Missing {
            action: Action::Archive,
            need: Need::Reason,
        } => "Archiving a case whose complainant was unsatisfied needs the decision as its reason: review (复查) offered, declined by the complainant, or closed (终结) with the grounds".into(),
        ServiceError::Missing { action, need } => {
            format!("“{}” needs {}", en.action(*action), en.need(*need))
        }
        ServiceError::Invalid { field, problem } => {
            format!("{} {}", en.field(*field), en.problem(*problem))
        }
        ServiceError::Stale {
            number,
            seen,
            current,
        } => format!(
            "{number} was changed by someone else (you saw version {seen}, it is now {current}); reopen it and try again. Your change was not saved."
        ),
        ServiceError::BeforeLastEvent { number, last } => format!(
            "{number}'s last event is dated {last}, later than now: a record is never dated before the one it follows. Check this machine's clock; nothing was saved."
        ),
        ServiceError::AccusedUnitUnclear { unit, choices } => format!(
            "The accused unit “{unit}” is not clearly one department. Say which: {}; or “not one of our departments” (on the command line: --accused-dept CODE-or-NAME, or --accused-dept none)",
            choices.join(", ")
        ),
        ServiceError::AccusedUnitHandles {
            number,
            other,
            department,
        } => {
            let report = if number.is_empty() {
                "This intake".to_string()
            } else {
                number.clone()
            };
            format!(
                "{report} is a confidential report on {department}, which handles {other}: they cannot be merged or linked (a confidential report never goes to the unit it reports on)"
            )
        }
        ServiceError::AccusedUnit { number, department } => {
            format!(
                "{number} reports on {department}; it can never be assigned to the unit it reports on"
            )
        }
        ServiceError::Reception(r) => en.reception_refusal(r),
        ServiceError::Template(t) => template(t),
        other => other.to_string(),
    }
}

fn template(t: &TemplateError) -> String {
    let at = match t.line {
        Some(l) => format!("Document template {}, line {l}", t.file),
        None => format!("Document template {}", t.file),
    };
    let detail = &t.detail;
    match (t.problem, &t.field) {
        (TemplateProblem::UnknownField, Some(f)) => {
            format!("{at}: there is no field {f}; use one of the fields documents have ({detail})")
        }
        (TemplateProblem::UnknownField, None) => {
            format!("{at}: names a field that does not exist ({detail})")
        }
        (TemplateProblem::Syntax, _) => format!("{at}: syntax error: {detail}"),
        (TemplateProblem::Unreadable, _) => format!("{at}: cannot be read: {detail}"),
        (TemplateProblem::TooLarge, _) => format!("{at}: too large: {detail}"),
        (TemplateProblem::TooLong, _) => {
            format!("{at}: makes a document too long, or never ends: {detail}")
        }
        (TemplateProblem::Other, _) => format!("{at}: {detail}"),
    }
}
