//! Case commands: intake, lists, detail, search, caller history, the overdue list.

use chrono::NaiveDate;

use crate::domain::case::{CaseId, Channel, Complainant, Intake, Kind, Urgency};
use crate::domain::event::PersonalField;
use crate::domain::reception::Reception;
use crate::domain::role::{CategoryId, DeptId, UserId};
use crate::domain::state::State;
use crate::lang::Named;
use crate::service::api::{CaseRef, Filter, Page, Queue};
use crate::service::{Reply, Request};
use crate::store::Cursor;

use super::args::{AddArgs, EditArgs, ListArgs};
use super::{CliResult, Ctx, Failure, output};

fn bad(what: Named, value: &str) -> Failure {
    Failure::unknown(what, value)
}

pub fn dept_id(ctx: &Ctx, text: &str) -> Result<DeptId, Failure> {
    if let Reply::Departments(ds) = ctx.call(Request::Departments)? {
        let t = text.trim();
        if let Some(d) = ds
            .iter()
            .find(|d| d.name == t || d.code == t || d.id.to_string() == t)
        {
            return Ok(d.id);
        }
    }
    Err(bad(Named::Department, text))
}

pub fn category_id(ctx: &Ctx, text: &str) -> Result<CategoryId, Failure> {
    if let Reply::Categories(cs) = ctx.call(Request::Categories)? {
        let t = text.trim();
        if let Some(c) = cs.iter().find(|c| c.name == t || c.id.to_string() == t) {
            return Ok(c.id);
        }
    }
    Err(bad(Named::Category, text))
}

pub fn user_id(ctx: &Ctx, login: &str) -> Result<UserId, Failure> {
    if let Reply::Users(us) = ctx.call(Request::Users)?
        && let Some(u) = us.iter().find(|u| u.login == login.trim())
    {
        return Ok(u.id);
    }
    Err(bad(Named::User, login))
}

pub fn case_id(ctx: &Ctx, number: &str) -> Result<CaseId, Failure> {
    match ctx.call(Request::Case(CaseRef::Number(number.to_string())))? {
        Reply::Case(v) => Ok(v.case.id),
        _ => Err(bad(Named::Case, number)),
    }
}

/// The case a new intake links to: one this user may open, or one of the same caller's
/// earlier cases that the caller history shows.
fn link_id(ctx: &Ctx, number: &str, phone: &str, id_number: &str) -> Result<CaseId, Failure> {
    if let Ok(id) = case_id(ctx, number) {
        return Ok(id);
    }
    let history = Request::CallerHistory {
        phone: Some(phone.to_string()),
        id_number: Some(id_number.to_string()),
        limit: 500,
    };
    let want = crate::domain::number::normalize_number(number);
    match ctx.call(history)? {
        Reply::List(l) => l.rows.iter().find(|r| r.number == want).map(|r| r.id),
        _ => None,
    }
    .ok_or_else(|| bad(Named::Case, number))
}

fn code<T: Copy>(what: Named, text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, Failure> {
    parse(text.trim()).ok_or_else(|| bad(what, text))
}

fn date(text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad(Named::Date, text))
}

pub fn summary(ctx: &Ctx) -> CliResult {
    let reply = ctx.call(Request::Summary)?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Summary(s) = r {
            output::summary(ctx, s);
        }
    })
}

pub(super) fn intake_of(ctx: &Ctx, a: &AddArgs) -> Result<Intake, Failure> {
    Ok(Intake {
        channel: code(Named::Channel, &a.channel, Channel::from_code)?,
        kind: code(Named::Kind, &a.report.kind, Kind::from_code)?,
        complainant: Complainant {
            name: a.name.clone(),
            phone: a.phone.clone(),
            id_number: a.id_number.clone(),
            address: a.address.clone(),
            anonymous: a.report.anonymous,
            confidential: a.report.confidential,
            no_callback: a.report.no_callback,
            head_count: a.head_count,
            representatives: a.representatives.clone(),
        },
        subject: a.subject.clone(),
        content: a.content.clone(),
        demands: a.demands.clone(),
        category: a
            .category
            .as_deref()
            .map(|c| category_id(ctx, c))
            .transpose()?,
        urgency: code(Named::Urgency, &a.urgency, Urgency::from_code)?,
        important: a.important.clone(),
        accused_unit: a.report.accused.clone(),
        accused_dept: a
            .report
            .accused_dept
            .as_deref()
            .map(|d| match d.trim() {
                "none" => Ok(crate::domain::accused::OUTSIDE),
                d => dept_id(ctx, d),
            })
            .transpose()?,
        review_of: a
            .review_of
            .as_deref()
            .map(|n| case_id(ctx, n))
            .transpose()?,
    })
}

pub fn add(ctx: &Ctx, a: AddArgs) -> CliResult {
    if a.stream {
        return super::stream::add_stream(ctx);
    }
    let intake = intake_of(ctx, &a)?;
    let link_to = a
        .link
        .as_deref()
        .map(|n| link_id(ctx, n, &a.phone, &a.id_number))
        .transpose()?;
    let reply = ctx.call(Request::Intake {
        intake,
        resolve: a.resolve.clone(),
        link_to,
        draft: None,
        reception: a.received_by.clone().map(Reception::Leader),
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Case(v) = r {
            output::registered(ctx, v);
        }
    })
}

pub(super) fn parse_cursor(text: &str) -> Result<Cursor, Failure> {
    let (a, b) = text
        .split_once(':')
        .ok_or_else(|| bad(Named::Position, text))?;
    let sort = u64::from_str_radix(a, 16).map_err(|_| bad(Named::Position, text))?;
    let id = b.parse().map_err(|_| bad(Named::Position, text))?;
    Ok(Cursor { sort, id })
}

pub fn list(ctx: &Ctx, a: ListArgs) -> CliResult {
    if a.overdue || a.due_soon {
        return overdue(ctx, a.limit, a.due_soon, false);
    }
    let queue = match a.queue.as_str() {
        "mine" => Queue::Mine,
        "untriaged" => Queue::Untriaged,
        "department" => Queue::Department,
        "registered" => Queue::Registered,
        "open" => Queue::AllOpen,
        "all" => Queue::All,
        other => return Err(bad(Named::Queue, other)),
    };
    let filter = Filter {
        states: a
            .states
            .iter()
            .map(|s| code(Named::State, s, State::from_code))
            .collect::<Result<_, _>>()?,
        department: a.dept.as_deref().map(|d| dept_id(ctx, d)).transpose()?,
        category: a
            .category
            .as_deref()
            .map(|c| category_id(ctx, c))
            .transpose()?,
        channel: a
            .channel
            .as_deref()
            .map(|c| code(Named::Channel, c, Channel::from_code))
            .transpose()?,
        kind: a
            .kind
            .as_deref()
            .map(|k| code(Named::Kind, k, Kind::from_code))
            .transpose()?,
        from: a.from.as_deref().map(date).transpose()?,
        to: a.to.as_deref().map(date).transpose()?,
        text: a.text.clone(),
    };
    let page = Page {
        limit: a.limit,
        after: a.after.as_deref().map(parse_cursor).transpose()?,
    };
    let reply = ctx.call(Request::Inbox {
        queue,
        filter,
        page,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::List(l) = r {
            output::list(ctx, l);
        }
    })
}

pub fn show(ctx: &Ctx, number: &str) -> CliResult {
    let mut reply = ctx.call(Request::Case(CaseRef::Number(number.to_string())))?;
    // A long timeline comes in pages; the command line shows it whole.
    if let Reply::Case(v) = &mut reply {
        while v.earlier_events > 0 {
            let before = v.events.first().map_or(0, |e| e.event.seq);
            let Reply::Timeline(t) = ctx.call(Request::Timeline {
                case: CaseRef::Id(v.case.id),
                before,
            })?
            else {
                break;
            };
            if t.events.is_empty() {
                break;
            }
            v.events.splice(0..0, t.events);
            v.earlier_events = t.earlier;
        }
    }
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Case(v) = r {
            output::case(ctx, v);
        }
    })
}

pub fn search(ctx: &Ctx, text: &str, limit: u32, after: Option<&str>) -> CliResult {
    let page = Page {
        limit,
        after: after.map(parse_cursor).transpose()?,
    };
    let reply = ctx.call(Request::Search {
        text: text.to_string(),
        page,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::List(l) = r {
            output::list(ctx, l);
        }
    })
}

pub fn history(
    ctx: &Ctx,
    phone: Option<String>,
    id_number: Option<String>,
    limit: u32,
) -> CliResult {
    let reply = ctx.call(Request::CallerHistory {
        phone,
        id_number,
        limit,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::List(l) = r {
            output::list(ctx, l);
        }
    })
}

pub fn overdue(ctx: &Ctx, limit: u32, include_due_soon: bool, plain: bool) -> CliResult {
    let reply = ctx.call(Request::Overdue {
        limit,
        include_due_soon,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Overdue(o) = r {
            output::overdue(ctx, o, plain);
        }
    })
}

pub fn workload(ctx: &Ctx) -> CliResult {
    let reply = ctx.call(Request::Workload)?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Workload(w) = r {
            output::workload(ctx, w);
        }
    })
}

pub fn reveal(ctx: &Ctx, number: &str, field: String) -> CliResult {
    let field = match field.as_str() {
        "phone" => PersonalField::Phone,
        "id" => PersonalField::IdNumber,
        _ => PersonalField::Identity,
    };
    let reply = ctx.call(Request::Reveal {
        case: CaseRef::Number(number.to_string()),
        field,
    })?;
    ctx.emit(&reply, |_, r| {
        if let Reply::Revealed(v) = r {
            say!("{v}");
        }
    })
}

pub fn edit(ctx: &Ctx, a: EditArgs) -> CliResult {
    let view = match ctx.call(Request::Case(CaseRef::Number(a.number.clone())))? {
        Reply::Case(v) => v,
        _ => return Err(bad(Named::Case, &a.number)),
    };
    let mut i = view.case.intake;
    let set = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = v;
        }
    };
    set(&mut i.subject, a.subject);
    set(&mut i.content, a.content);
    set(&mut i.demands, a.demands);
    set(&mut i.complainant.name, a.name);
    set(&mut i.complainant.phone, a.phone);
    set(&mut i.complainant.id_number, a.id_number);
    set(&mut i.complainant.address, a.address);
    if let Some(c) = a.category {
        i.category = Some(category_id(ctx, &c)?);
    }
    if let Some(u) = a.urgency {
        i.urgency = code(Named::Urgency, &u, Urgency::from_code)?;
    }
    let version = a.version.unwrap_or(view.case.version);
    let reply = ctx.call(Request::Edit {
        case: CaseRef::Number(a.number),
        version,
        intake: i,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Case(v) = r {
            say!(
                "{} {}：{}",
                v.case.number,
                ctx.words.label(crate::lang::L::Edited),
                ctx.words.label(crate::lang::L::Saved)
            );
        }
    })
}
