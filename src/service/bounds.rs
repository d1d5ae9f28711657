//! The service's door: before any work is done for a request, its strings are cleaned and
//! bounded, its lists deduplicated and capped, its limits clamped. A request from a desk, the
//! command line or a socket costs at most what these bounds allow.
//!
//! The match below names every request, so a new one cannot be added without deciding here
//! what bounds it.

use crate::domain::calendar::DayUnit;
use crate::domain::case::{Intake, MAX_REPRESENTATIVES};
use crate::domain::event::Detail;
use crate::domain::important::{ImportantRule, ImportantWhen};
use crate::domain::phrase::MAX_PHRASE;
use crate::domain::reception::{
    MAX_NAME, MAX_PLACE, MAX_SCHEDULE_DAYS, NewBooking, Reception, ReceptionDay, Schedule,
};
use crate::domain::state::State;
use crate::domain::text::{clean, clean_line};

use super::api::{CaseRef, Filter, Page, Request};
use super::depts::MAX_ALIASES;
use super::error::{Field, Problem, ServiceError};
use super::validate::{MAX_CONTENT, MAX_SHORT, MAX_SUBJECT, MAX_TEXT};

/// Rows one list request may ask for.
pub const MAX_ROWS: u32 = 500;
/// Characters of typed search or filter text, and of a typed case number or login.
pub const MAX_QUERY: u32 = 100;
/// Departments assisting on one case.
pub const MAX_ASSISTING: usize = 20;
/// A draft's name, in characters, and its body, in bytes (a whole intake form fits many times;
/// a user's drafts together still fit one reply).
pub const MAX_DRAFT_NAME: u32 = 64;
pub const MAX_DRAFT_BYTES: usize = 128 * 1024;
/// Drafts one user may keep; saving one more asks them to register or discard some.
pub const MAX_DRAFTS: usize = 50;
/// Holidays or make-up working days in one year's calendar.
pub const MAX_CALENDAR_DAYS: usize = 366;
/// Rules in a policy (stages and hotline rows).
pub const MAX_POLICY_RULES: usize = 200;
/// Bytes of a file path (Linux's PATH_MAX).
pub const MAX_PATH_BYTES: usize = 4096;
/// The longest an archived case may be kept before it is due for disposal: a hundred years
/// (in days, 31 to a month).
pub const MAX_RETENTION_MONTHS: u32 = 1200;
/// Cases one demo load may make.
pub const MAX_DEMO_CASES: u64 = 5_000_000;
/// Important-letter rules in a policy, words in one rule, and characters of a word and of the
/// reason a rule writes on a case.
pub const MAX_IMPORTANT_RULES: usize = 50;
pub const MAX_IMPORTANT_WORDS: usize = 50;
pub const MAX_IMPORTANT_WORD: u32 = 20;
pub const MAX_IMPORTANT_REASON: u32 = 100;

/// Each rule's words cleaned, blank and repeated ones dropped; a rule writes a reason and looks
/// for at least one word.
fn important_rules(rules: &mut [ImportantRule]) -> Result<(), ServiceError> {
    if rules.len() > MAX_IMPORTANT_RULES {
        return Err(too_many(Field::Important, MAX_IMPORTANT_RULES));
    }
    for r in rules {
        r.reason = line(Field::Important, &r.reason, MAX_IMPORTANT_REASON)?;
        if r.reason.is_empty() {
            return Err(ServiceError::invalid(Field::Important, Problem::Empty));
        }
        // A collective of one would flag every case.
        if let ImportantWhen::Collective { at_least } = r.when
            && !(2..=100_000).contains(&at_least)
        {
            return Err(ServiceError::invalid(
                Field::Important,
                Problem::OutOfRange {
                    min: 2,
                    max: 100_000,
                },
            ));
        }
        if let ImportantWhen::Words { words, .. } = &mut r.when {
            if words.len() > MAX_IMPORTANT_WORDS {
                return Err(too_many(Field::Important, MAX_IMPORTANT_WORDS));
            }
            let mut kept: Vec<String> = Vec::with_capacity(words.len());
            for w in words.iter() {
                let w = line(Field::Important, w, MAX_IMPORTANT_WORD)?;
                if !w.is_empty() && !kept.contains(&w) {
                    kept.push(w);
                }
            }
            if kept.is_empty() {
                return Err(ServiceError::invalid(Field::Important, Problem::Empty));
            }
            *words = kept;
        }
    }
    Ok(())
}

fn too_long(field: Field, max: u32) -> ServiceError {
    ServiceError::invalid(field, Problem::TooLong { max })
}

fn too_many(field: Field, max: usize) -> ServiceError {
    ServiceError::invalid(field, Problem::TooMany { max: max as u32 })
}

/// Refuses text that could not fit `max` characters before paying to clean it (a character is
/// at most four bytes), then cleans it and counts its characters.
fn bounded(field: Field, text: &str, max: u32, line: bool) -> Result<String, ServiceError> {
    if text.len() > max as usize * 4 {
        return Err(too_long(field, max));
    }
    let t = if line { clean_line(text) } else { clean(text) };
    if t.chars().count() > max as usize {
        return Err(too_long(field, max));
    }
    Ok(t)
}

fn line(field: Field, text: &str, max: u32) -> Result<String, ServiceError> {
    bounded(field, text, max, true)
}

fn optional(field: Field, text: Option<String>, max: u32) -> Result<Option<String>, ServiceError> {
    text.map(|t| bounded(field, &t, max, false)).transpose()
}

fn case_ref(r: CaseRef) -> Result<CaseRef, ServiceError> {
    Ok(match r {
        CaseRef::Number(n) => CaseRef::Number(line(Field::Target, &n, MAX_QUERY)?),
        id => id,
    })
}

fn page(p: Page) -> Page {
    Page {
        limit: p.limit.clamp(1, MAX_ROWS),
        after: p.after,
    }
}

/// Sorted and deduplicated: asking for a state twice costs nothing more than once.
fn states(mut s: Vec<State>) -> Vec<State> {
    s.sort_by_key(|x| *x as u8);
    s.dedup();
    s
}

fn filter(f: Filter) -> Result<Filter, ServiceError> {
    Ok(Filter {
        states: states(f.states),
        text: f
            .text
            .map(|t| line(Field::Text, &t, MAX_QUERY))
            .transpose()?,
        ..f
    })
}

/// Only the sizes: the intake's own rules (`validate::intake`) clean and check it in full.
fn intake(i: Intake) -> Result<Intake, ServiceError> {
    let c = &i.complainant;
    let fields = [
        (Field::Subject, &i.subject, MAX_SUBJECT),
        (Field::Content, &i.content, MAX_CONTENT),
        (Field::Content, &i.demands, MAX_TEXT),
        (Field::Name, &c.name, MAX_SHORT),
        (Field::Address, &c.address, MAX_SHORT),
        (Field::Phone, &c.phone, MAX_QUERY),
        (Field::IdNumber, &c.id_number, MAX_QUERY),
    ];
    for (field, text, max) in fields {
        if text.len() > max as usize * 4 {
            return Err(too_long(field, max));
        }
    }
    for (field, text) in [
        (Field::Important, &i.important),
        (Field::AccusedUnit, &i.accused_unit),
    ] {
        if text
            .as_ref()
            .is_some_and(|t| t.len() > MAX_SHORT as usize * 4)
        {
            return Err(too_long(field, MAX_SHORT));
        }
    }
    // Blank entries are dropped later; more than this many entries is no form a person filled.
    if c.representatives.len() > MAX_REPRESENTATIVES * 2 {
        return Err(too_many(Field::Representatives, MAX_REPRESENTATIVES));
    }
    if c.representatives
        .iter()
        .any(|r| r.len() > MAX_SHORT as usize * 4)
    {
        return Err(too_long(Field::Representatives, MAX_SHORT));
    }
    Ok(i)
}

/// Only the sizes: the department's own rules clean and deduplicate its aliases.
fn aliases_sized(aliases: Vec<String>) -> Result<Vec<String>, ServiceError> {
    if aliases.len() > MAX_ALIASES * 2 {
        return Err(too_many(Field::Name, MAX_ALIASES));
    }
    if aliases.iter().any(|a| a.len() > MAX_SHORT as usize * 4) {
        return Err(too_long(Field::Name, MAX_SHORT));
    }
    Ok(aliases)
}

fn detail(d: Detail) -> Result<Detail, ServiceError> {
    let mut assisting = d.assisting;
    assisting.sort_unstable();
    assisting.dedup();
    if assisting.len() > MAX_ASSISTING {
        return Err(too_many(Field::Department, MAX_ASSISTING));
    }
    Ok(Detail {
        reason: optional(Field::Note, d.reason, MAX_TEXT)?,
        body: optional(Field::Note, d.body, MAX_SHORT)?,
        text: optional(Field::Note, d.text, MAX_CONTENT)?,
        method: optional(Field::Note, d.method, MAX_SHORT)?,
        assisting,
        ..d
    })
}

/// The request as the service will handle it, or why it is refused.
pub fn request(req: Request) -> Result<Request, ServiceError> {
    use Request as R;
    Ok(match req {
        R::Summary => R::Summary,
        R::WhoAmI => R::WhoAmI,
        R::Intake {
            intake: i,
            resolve,
            link_to,
            draft,
            reception,
        } => R::Intake {
            intake: intake(i)?,
            resolve: optional(Field::Note, resolve, MAX_TEXT)?,
            link_to,
            draft: draft
                .map(|n| line(Field::Draft, &n, MAX_DRAFT_NAME))
                .transpose()?,
            reception: reception.map(received).transpose()?,
        },
        R::Act {
            case,
            version,
            action,
            detail: d,
        } => R::Act {
            case: case_ref(case)?,
            version,
            action,
            detail: detail(d)?,
        },
        R::Issue {
            case,
            version,
            kind,
            method,
        } => R::Issue {
            case: case_ref(case)?,
            version,
            kind,
            method,
        },
        R::Reissue { case, serial } => R::Reissue {
            case: case_ref(case)?,
            serial: line(Field::Target, &serial, MAX_QUERY)?,
        },
        R::Edit {
            case,
            version,
            intake: i,
        } => R::Edit {
            case: case_ref(case)?,
            version,
            intake: intake(i)?,
        },
        R::Reveal { case, field } => R::Reveal {
            case: case_ref(case)?,
            field,
        },
        R::Case(r) => R::Case(case_ref(r)?),
        R::Timeline { case, before } => R::Timeline {
            case: case_ref(case)?,
            before,
        },
        R::Inbox {
            queue,
            filter: f,
            page: p,
        } => R::Inbox {
            queue,
            filter: filter(f)?,
            page: page(p),
        },
        R::Overdue {
            limit,
            include_due_soon,
        } => R::Overdue {
            limit: limit.clamp(1, MAX_ROWS),
            include_due_soon,
        },
        R::CallerHistory {
            phone,
            id_number,
            limit,
        } => R::CallerHistory {
            phone: phone
                .map(|p| line(Field::Phone, &p, MAX_QUERY))
                .transpose()?,
            id_number: id_number
                .map(|n| line(Field::IdNumber, &n, MAX_QUERY))
                .transpose()?,
            limit: limit.clamp(1, MAX_ROWS),
        },
        R::Search { text, page: p } => R::Search {
            text: line(Field::Text, &text, MAX_QUERY)?,
            page: page(p),
        },
        R::Workload => R::Workload,
        R::Retention { page: p } => R::Retention { page: page(p) },
        R::Users => R::Users,
        R::AddUser(mut n) => {
            n.login = line(Field::Login, &n.login, MAX_QUERY)?;
            n.name = line(Field::Name, &n.name, MAX_SHORT)?;
            n.roles.sort_by_key(|r| *r as u8);
            n.roles.dedup();
            R::AddUser(n)
        }
        R::SetUserRoles {
            user,
            mut roles,
            dept,
        } => {
            roles.sort_by_key(|r| *r as u8);
            roles.dedup();
            R::SetUserRoles { user, roles, dept }
        }
        R::SetUserActive { user, active } => R::SetUserActive { user, active },
        R::Departments => R::Departments,
        R::AddDepartment {
            name,
            code,
            aliases,
        } => R::AddDepartment {
            name: line(Field::Name, &name, MAX_SHORT)?,
            code: line(Field::Code, &code, MAX_QUERY)?,
            aliases: aliases_sized(aliases)?,
        },
        R::SetDeptAliases { dept, aliases } => R::SetDeptAliases {
            dept,
            aliases: aliases_sized(aliases)?,
        },
        R::Categories => R::Categories,
        R::AddCategory { name, dept } => R::AddCategory {
            name: line(Field::Category, &name, MAX_SHORT)?,
            dept,
        },
        R::Calendar(year) => R::Calendar(year),
        R::ImportCalendar(mut y) => {
            y.source = bounded(Field::Basis, &y.source, MAX_TEXT, false)?;
            for days in [&mut y.holidays, &mut y.workdays] {
                if days.len() > MAX_CALENDAR_DAYS {
                    return Err(too_many(Field::Dates, MAX_CALENDAR_DAYS));
                }
                days.sort_unstable();
                days.dedup();
            }
            R::ImportCalendar(y)
        }
        R::Settings => R::Settings,
        R::SetPolicy(mut p) => {
            if p.stages.len() + p.hotline.len() > MAX_POLICY_RULES {
                return Err(too_many(Field::Basis, MAX_POLICY_RULES));
            }
            p.preset = line(Field::Basis, &p.preset, MAX_QUERY)?;
            p.review_basis = bounded(Field::Basis, &p.review_basis, MAX_TEXT, false)?;
            p.recheck_basis = bounded(Field::Basis, &p.recheck_basis, MAX_TEXT, false)?;
            for s in &mut p.stages {
                s.basis = bounded(Field::Basis, &s.basis, MAX_TEXT, false)?;
            }
            important_rules(&mut p.important)?;
            p.retention_basis = bounded(Field::Basis, &p.retention_basis, MAX_TEXT, false)?;
            if let Some(r) = p.retention {
                let max = match r.unit {
                    DayUnit::Months => MAX_RETENTION_MONTHS,
                    _ => MAX_RETENTION_MONTHS * 31,
                };
                if !(1..=max).contains(&r.days) {
                    return Err(ServiceError::invalid(
                        Field::Days,
                        Problem::OutOfRange { min: 1, max },
                    ));
                }
            }
            R::SetPolicy(p)
        }
        R::SetOrganisation { name, prefix } => R::SetOrganisation {
            name: line(Field::Organisation, &name, MAX_SHORT)?,
            prefix: line(Field::Prefix, &prefix, MAX_QUERY)?,
        },
        R::SetDocPrefix { kind, prefix } => R::SetDocPrefix {
            kind,
            prefix: line(Field::Prefix, &prefix, MAX_QUERY)?,
        },
        R::Check { repair } => R::Check { repair },
        R::Backup { file } => {
            if file.as_os_str().len() > MAX_PATH_BYTES {
                return Err(too_long(Field::File, MAX_PATH_BYTES as u32));
            }
            R::Backup { file }
        }
        R::SaveDraft { name, body } => {
            if body.len() > MAX_DRAFT_BYTES {
                return Err(too_long(Field::Draft, MAX_DRAFT_BYTES as u32));
            }
            R::SaveDraft {
                name: line(Field::Draft, &name, MAX_DRAFT_NAME)?,
                body,
            }
        }
        R::Drafts => R::Drafts,
        R::DeleteDraft { name } => R::DeleteDraft {
            name: line(Field::Draft, &name, MAX_DRAFT_NAME)?,
        },
        R::LoadDemo { cases, seed } => {
            if cases > MAX_DEMO_CASES {
                return Err(ServiceError::invalid(
                    Field::Days,
                    Problem::OutOfRange {
                        min: 0,
                        max: MAX_DEMO_CASES as u32,
                    },
                ));
            }
            R::LoadDemo { cases, seed }
        }
        R::ReceptionSchedule => R::ReceptionSchedule,
        R::SetReceptionSchedule(s) => R::SetReceptionSchedule(schedule(s)?),
        R::Book(b) => R::Book(NewBooking {
            leader: line(Field::Name, &b.leader, MAX_NAME)?,
            visitor: line(Field::Name, &b.visitor, MAX_NAME)?,
            phone: line(Field::Phone, &b.phone, MAX_QUERY)?,
            subject: line(Field::Subject, &b.subject, MAX_SUBJECT)?,
            date: b.date,
        }),
        R::CancelBooking(id) => R::CancelBooking(id),
        R::Bookings { date } => R::Bookings { date },
        R::Phrases { use_, category } => R::Phrases { use_, category },
        R::AddPhrase {
            use_,
            category,
            text,
        } => R::AddPhrase {
            use_,
            category,
            text: line(Field::Phrase, &text, MAX_PHRASE)?,
        },
        R::RemovePhrase { id } => R::RemovePhrase { id },
    })
}

fn received(r: Reception) -> Result<Reception, ServiceError> {
    Ok(match r {
        Reception::Leader(l) => Reception::Leader(line(Field::Name, &l, MAX_NAME)?),
        b => b,
    })
}

fn schedule(s: Schedule) -> Result<Schedule, ServiceError> {
    if s.days.len() > MAX_SCHEDULE_DAYS {
        return Err(too_many(Field::Dates, MAX_SCHEDULE_DAYS));
    }
    let days = s
        .days
        .into_iter()
        .map(|d| {
            Ok(ReceptionDay {
                leader: line(Field::Name, &d.leader, MAX_NAME)?,
                title: line(Field::Name, &d.title, MAX_NAME)?,
                place: line(Field::Address, &d.place, MAX_PLACE)?,
                day: d.day,
            })
        })
        .collect::<Result<_, ServiceError>>()?;
    Ok(Schedule { days })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::api::Queue;

    #[test]
    fn duplicate_states_are_asked_once() {
        let req = request(Request::Inbox {
            queue: Queue::All,
            filter: Filter {
                states: vec![State::Registered; 4_000_000]
                    .into_iter()
                    .chain([State::Accepted, State::Registered])
                    .collect(),
                ..Filter::default()
            },
            page: Page {
                limit: u32::MAX,
                after: None,
            },
        })
        .unwrap();
        let Request::Inbox { filter, page, .. } = req else {
            panic!("{req:?}")
        };
        assert_eq!(filter.states, vec![State::Registered, State::Accepted]);
        assert_eq!(page.limit, MAX_ROWS);
    }

    #[test]
    fn limits_are_clamped_and_long_text_refused() {
        let Request::Overdue { limit, .. } = request(Request::Overdue {
            limit: u32::MAX,
            include_due_soon: true,
        })
        .unwrap() else {
            panic!()
        };
        assert_eq!(limit, MAX_ROWS);
        let search = request(Request::Search {
            text: "电".repeat(4_000_000),
            page: Page::default(),
        });
        assert_eq!(
            search,
            Err(ServiceError::invalid(
                Field::Text,
                Problem::TooLong { max: MAX_QUERY }
            ))
        );
        let draft = request(Request::SaveDraft {
            name: "来电".into(),
            body: "x".repeat(MAX_DRAFT_BYTES + 1),
        });
        assert!(matches!(
            draft,
            Err(ServiceError::Invalid {
                field: Field::Draft,
                ..
            })
        ));
    }

    #[test]
    fn stored_admin_text_loses_escapes_and_bidi_controls() {
        let mut p = crate::domain::deadline::Policy::preset("government").unwrap();
        p.stages[0].basis = "《信访工作条例》\u{1b}[2J\u{202E}第22条".into();
        let Request::SetPolicy(p) = request(Request::SetPolicy(p)).unwrap() else {
            panic!()
        };
        assert_eq!(p.stages[0].basis, "《信访工作条例》[2J第22条");
    }
}
