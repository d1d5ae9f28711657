//! Human-readable output, aligned by display width.

use crate::domain::role::Department;
use crate::domain::state::Action;
use crate::domain::time::Zone;
use crate::lang::{L, describe};
use crate::service::api::{
    CaseList, CaseRow, CaseView, Due, OverdueReport, Summary, WITHHELD, Workload,
};
use crate::service::{Reply, Request};
use crate::width::{fit, pad, width};

use super::Ctx;

fn zone(ctx: &Ctx) -> Zone {
    match ctx.call(Request::Settings) {
        Ok(Reply::Settings(s)) => Zone {
            offset_minutes: s.zone_minutes,
        },
        _ => Zone::default(),
    }
}

fn due_text(ctx: &Ctx, d: &Option<Due>) -> String {
    match d {
        None => String::new(),
        Some(d) => {
            let mut s = ctx.words.due(d.status);
            if d.unsure {
                s.push('?');
            }
            s
        }
    }
}

fn overdue_mark(d: &Option<Due>) -> &'static str {
    match d.as_ref().map(|d| d.status) {
        Some(crate::domain::deadline::DueStatus::Overdue { .. }) => "!",
        Some(
            crate::domain::deadline::DueStatus::DueSoon { .. }
            | crate::domain::deadline::DueStatus::DueToday,
        ) => "~",
        _ => " ",
    }
}

/// The state column fits the longest state name in the user's language.
fn state_width(ctx: &Ctx) -> usize {
    crate::domain::state::State::ALL
        .iter()
        .map(|s| width(ctx.words.state(*s)))
        .max()
        .unwrap_or(10)
}

/// Case numbers are read out on the phone: their column is as wide as the widest one.
fn number_width(rows: &[CaseRow]) -> usize {
    rows.iter()
        .map(|r| width(&r.number))
        .max()
        .unwrap_or(0)
        .max(12)
}

fn row_line(ctx: &Ctx, r: &CaseRow, zone: Zone, num_w: usize) -> String {
    let w = ctx.words;
    let name = if r.complainant == WITHHELD {
        w.label(L::WithheldShort)
    } else {
        r.complainant.as_str()
    };
    let who = if r.phone.is_empty() {
        name.to_string()
    } else {
        format!("{name} {}", r.phone)
    };
    format!(
        "{}{} {} {} {} {} {} {}",
        overdue_mark(&r.due),
        fit(&r.number, num_w),
        fit(
            &r.received_at.date_in(zone).format("%Y-%m-%d").to_string(),
            10
        ),
        fit(w.channel(r.channel), 8),
        fit(&who, 20),
        fit(&r.subject, 30),
        fit(w.state(r.state), state_width(ctx)),
        if r.paused {
            w.label(L::Paused).to_string()
        } else {
            due_text(ctx, &r.due)
        }
    )
}

fn header(ctx: &Ctx, num_w: usize) -> String {
    let w = ctx.words;
    format!(
        " {} {} {} {} {} {} {}",
        fit(w.label(L::Number), num_w),
        fit(w.label(L::Received), 10),
        fit(w.label(L::Channel), 8),
        fit(w.label(L::Complainant), 20),
        fit(w.label(L::Subject), 30),
        fit(w.label(L::State), state_width(ctx)),
        w.label(L::Due)
    )
}

pub fn list(ctx: &Ctx, l: &CaseList) {
    if l.rows.is_empty() {
        say!("{}", ctx.words.label(L::NoCases));
        return;
    }
    let z = zone(ctx);
    let num_w = number_width(&l.rows);
    say!("{}", header(ctx, num_w));
    for r in &l.rows {
        say!("{}", row_line(ctx, r, z, num_w));
    }
    if let Some(c) = l.next {
        say!(
            "{} --after {:x}:{}",
            ctx.words.label(L::MoreCases),
            c.sort,
            c.id
        );
    }
}

pub fn summary(ctx: &Ctx, s: &Summary) {
    let w = ctx.words;
    if !s.organisation.is_empty() {
        say!("{}：{}", w.label(L::Organisation), s.organisation);
    }
    let roles: Vec<&str> = s.user.roles.iter().map(|r| w.role(r)).collect();
    say!(
        "{}：{}（{}）  {}：{}",
        w.label(L::SignedInAs),
        s.user.name,
        roles.join("、"),
        w.label(L::Today),
        s.today
    );
    say!(
        "{} {}  {} {}  {} {}  {} {}",
        w.label(L::Open),
        s.open,
        w.label(L::DueSoon),
        s.due_soon,
        w.label(L::Overdue),
        s.overdue,
        w.label(L::Total),
        s.total
    );
    if s.total == 0 {
        say!("{}", w.label(L::EmptyStore));
    }
    if !s.missing_calendar_years.is_empty() {
        let ys: Vec<String> = s
            .missing_calendar_years
            .iter()
            .map(|y| y.to_string())
            .collect();
        say!(
            "! {}：{}  (xinfang calendar import FILE)",
            w.label(L::CalendarMissing),
            ys.join(", ")
        );
    }
    say!();
    say!("{}:", w.label(L::Commands));
    for (cmd, doc) in [
        ("xinfang list", L::CmdList),
        ("xinfang add --subject … --content …", L::CmdAdd),
        ("xinfang show XF2026-00001", L::CmdShow),
        ("xinfang overdue", L::CmdOverdue),
        ("xinfang search 电梯", L::CmdSearch),
        ("xinfang demo --cases 2000", L::CmdDemo),
        ("xinfang --help", L::CmdHelp),
    ] {
        say!("  {}  {}", fit(cmd, 38), w.label(doc));
    }
}

pub fn registered(ctx: &Ctx, v: &CaseView) {
    let w = ctx.words;
    say!("{}：{}", w.label(L::CaseNumberIs), v.case.number);
    say!("{}：{}", w.label(L::State), w.state(v.case.state));
    for s in describe::standing(w, v, zone(ctx)) {
        say!("{}：{}", w.label(s.label), s.text);
    }
    if let Some(reasons) = &v.case.intake.important {
        say!("{}：{}", w.label(L::Important), reasons);
    }
    if let Some(d) = &v.due {
        say!(
            "{}：{} {}（{}）",
            w.label(L::Due),
            w.stage(d.stage),
            d.deadline,
            w.due(d.status)
        );
    }
}

pub fn acted(ctx: &Ctx, action: Action, v: &CaseView) {
    let w = ctx.words;
    say!(
        "{} {}：{} → {}",
        v.case.number,
        w.action(action),
        w.label(L::State),
        w.state(v.case.state)
    );
}

fn depts(ctx: &Ctx) -> Vec<Department> {
    match ctx.call(Request::Departments) {
        Ok(Reply::Departments(d)) => d,
        _ => Vec::new(),
    }
}

fn field(label: &str, value: &str) {
    if !value.is_empty() {
        say!(
            "{}  {}",
            fit(label, 12),
            value.replace('\n', &format!("\n{}", " ".repeat(14)))
        );
    }
}

pub fn case(ctx: &Ctx, v: &CaseView) {
    let w = ctx.words;
    let z = zone(ctx);
    let c = &v.case;
    let i = &c.intake;
    let p = &i.complainant;
    field(w.label(L::Number), &c.number);
    field(w.label(L::State), w.state(c.state));
    field(
        w.label(L::Received),
        &format!("{} ({})", c.received_at.display_in(z), z.label()),
    );
    field(
        w.label(L::ReceivedBy),
        c.received_by.as_deref().unwrap_or(""),
    );
    field(
        w.label(L::Channel),
        &format!(
            "{} / {} / {}",
            w.channel(i.channel),
            w.kind(i.kind),
            w.urgency(i.urgency)
        ),
    );
    let mut flags = Vec::new();
    if p.anonymous {
        flags.push(w.label(L::Anonymous));
    }
    if p.confidential {
        flags.push(w.label(L::Confidential));
    }
    if p.no_callback {
        flags.push(w.label(L::NoCallback));
    }
    let who = if v.identity_hidden {
        w.label(L::Withheld).to_string()
    } else {
        p.name.clone()
    };
    field(
        w.label(L::Complainant),
        &format!("{who} {}", flags.join(" ")),
    );
    field(w.label(L::Phone), &p.phone);
    field(w.label(L::IdNumber), &p.id_number);
    if !v.identity_hidden {
        field(w.label(L::Address), &p.address);
    }
    if p.head_count > 1 {
        field(w.label(L::HeadCount), &p.head_count.to_string());
        field(w.label(L::Representatives), &p.representatives.join("、"));
    }
    field(w.label(L::Subject), &i.subject);
    field(w.label(L::Content), &i.content);
    field(w.label(L::Demands), &i.demands);
    field(w.label(L::Category), v.category.as_deref().unwrap_or(""));
    field(w.label(L::Important), i.important.as_deref().unwrap_or(""));
    field(
        w.label(L::AccusedUnit),
        i.accused_unit.as_deref().unwrap_or(""),
    );
    field(
        w.label(L::Department),
        v.department.as_deref().unwrap_or(""),
    );
    field(
        w.label(L::Instruction),
        c.instruction.as_deref().unwrap_or(""),
    );
    if let Some(r) = i.review_of {
        let n = v.linked.iter().find(|(id, _)| *id == r);
        field(w.label(L::ReviewOf), n.map_or("", |(_, n)| n.as_str()));
    }
    for s in describe::standing(w, v, z) {
        field(w.label(s.label), &s.text);
    }
    field(w.label(L::Result), c.result.as_deref().unwrap_or(""));
    if let Some(f) = &c.feedback {
        field(
            w.label(L::Feedback),
            &format!(
                "{}：{}",
                crate::lang::describe::method(w, &f.method),
                f.content
            ),
        );
    }
    if let Some(s) = c.satisfaction {
        field(w.label(L::Satisfaction), w.satisfaction(s));
    }
    field(
        w.label(L::TransferredTo),
        c.transferred_to.as_deref().unwrap_or(""),
    );
    if c.urge_count > 0 {
        field(w.label(L::Urged), &c.urge_count.to_string());
    }
    if !v.linked.is_empty() {
        let l: Vec<&str> = v.linked.iter().map(|(_, n)| n.as_str()).collect();
        field(w.label(L::Links), &l.join(", "));
    }
    field(w.label(L::Version), &c.version.to_string());
    if !v.clocks.is_empty() {
        say!("\n{}:", w.label(L::Clocks));
        for k in &v.clocks {
            let d = describe::clock(w, v, k);
            say!(
                "  {} {} → {} {} {}{}",
                // Padded, never cut: "notice of acceptance" is wider than the column.
                pad(w.stage(k.stage), 10),
                d.limit,
                k.deadline,
                d.state,
                d.window,
                d.unsure
            );
            say!("  {} {}", " ".repeat(10), k.basis);
        }
    }
    let ds = depts(ctx);
    let dname = |id: u32| {
        ds.iter()
            .find(|d| d.id == id)
            .map_or_else(|| format!("#{id}"), |d| d.name.clone())
    };
    say!("\n{}:", w.label(L::Timeline));
    for e in &v.events {
        let ev = &e.event;
        let what = describe::event(w, v, e, &dname);
        let via = e
            .via
            .as_ref()
            .map(|v| format!("（{} {v}）", w.label(L::Via)))
            .unwrap_or_default();
        let head = format!("  {}  {}{}  ", ev.at.display_in(z), fit(&e.actor, 8), via);
        // A line break in a note continues under the text, so no note can forge a timeline line.
        let what = what.replace('\n', &format!("\n{}", " ".repeat(width(&head))));
        say!("{head}{what}");
    }
    if !v.actions.is_empty() {
        let names: Vec<String> = v
            .actions
            .iter()
            .map(|a| format!("{}({})", w.action(*a), a.code().replace('_', "-")))
            .collect();
        say!("\n{}: {}", w.label(L::Actions), names.join("  "));
    }
}

pub fn overdue(ctx: &Ctx, o: &OverdueReport, plain: bool) {
    let w = ctx.words;
    let z = zone(ctx);
    let rows: Vec<CaseRow> = o
        .groups
        .iter()
        .flat_map(|g| g.rows.iter().cloned())
        .collect();
    let num_w = number_width(&rows);
    say!(
        "{} {}  {} {}",
        w.label(L::Overdue),
        o.overdue,
        w.label(L::DueSoon),
        o.due_soon
    );
    for g in &o.groups {
        let name = if g.name.is_empty() {
            w.label(L::Unassigned)
        } else {
            g.name.as_str()
        };
        say!(
            "\n== {name}  {} {}  {} {}",
            w.label(L::Overdue),
            g.overdue,
            w.label(L::DueSoon),
            g.due_soon
        );
        for r in &g.rows {
            if plain {
                let stage = r.due.as_ref().map(|d| w.stage(d.stage)).unwrap_or("");
                say!(
                    "{} {} {} {} {}",
                    r.number,
                    r.subject,
                    w.state(r.state),
                    stage,
                    due_text(ctx, &r.due)
                );
            } else {
                say!("{}", row_line(ctx, r, z, num_w));
            }
        }
    }
    if o.truncated {
        say!("\n…");
    }
}

pub fn workload(ctx: &Ctx, ws: &[Workload]) {
    let w = ctx.words;
    say!("{}", w.label(L::Workload));
    let name_w = ws
        .iter()
        .map(|x| width(&x.department.name))
        .max()
        .unwrap_or(8)
        .max(8);
    say!(
        "{} {} {}",
        fit(w.label(L::Department), name_w),
        fit(w.label(L::Open), 8),
        w.label(L::Overdue)
    );
    for x in ws {
        say!(
            "{} {} {}",
            fit(&x.department.name, name_w),
            fit(&x.open.to_string(), 8),
            x.overdue
        );
    }
}
