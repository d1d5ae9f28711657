//! `xinfang retention`: archived cases whose retention period has run out, oldest first.
//! Nothing is deleted; disposal is a later decision.

use crate::lang::L;
use crate::service::api::{Page, RetentionList};
use crate::service::{Reply, Request};
use crate::width::{fit, pad, truncate, width};

use super::cases::parse_cursor;
use super::{CliResult, Ctx};

pub fn run(ctx: &Ctx, limit: u32, after: Option<&str>) -> CliResult {
    let page = Page {
        limit,
        after: after.map(parse_cursor).transpose()?,
    };
    let reply = ctx.call(Request::Retention { page })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Retention(l) = r {
            print(ctx, l);
        }
    })
}

fn print(ctx: &Ctx, l: &RetentionList) {
    let w = ctx.words;
    match l.retention {
        Some(kept) => say!("{}：{}  {}", w.label(L::Retention), w.limit(kept), l.basis),
        None => {
            say!("{}", w.label(L::KeptWithoutLimit));
            return;
        }
    }
    if l.rows.is_empty() {
        say!("{}", w.label(L::NothingToDispose));
        return;
    }
    let num_w = l
        .rows
        .iter()
        .map(|r| width(&r.number))
        .chain([width(w.label(L::Number))])
        .max()
        .unwrap_or(12);
    let date_w = 10.max(width(w.label(L::ArchivedOn)));
    let due_w = 10.max(width(w.label(L::DisposeBy)));
    say!(
        "{} {} {} {} {}",
        pad(w.label(L::Number), num_w),
        pad(w.label(L::ArchivedOn), date_w),
        pad(w.label(L::DisposeBy), due_w),
        fit(w.label(L::Category), 12),
        w.label(L::Subject)
    );
    for r in &l.rows {
        say!(
            "{} {} {} {} {}",
            pad(&r.number, num_w),
            pad(&r.archived.format("%Y-%m-%d").to_string(), date_w),
            pad(&r.dispose_by.format("%Y-%m-%d").to_string(), due_w),
            fit(r.category.as_deref().unwrap_or(""), 12),
            truncate(&r.subject, 40)
        );
    }
    if let Some(c) = l.next {
        say!("{} --after {:x}:{}", w.label(L::MoreCases), c.sort, c.id);
    }
}
