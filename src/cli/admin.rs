//! Administration: set-up, demo data, users, departments, categories, calendar, policy, check.

use anyhow::{Context, anyhow};

use crate::domain::calendar::{DayUnit, parse_year};
use crate::domain::case::Urgency;
use crate::domain::deadline::{Anchor, HotlineRow, Limit, Policy, Stage};
use crate::domain::presets::{PRESETS, SITE_RULE, categories};
use crate::domain::role::Role;
use crate::lang::{L, Message, Named, Words};
use crate::service::api::NewUser;
use crate::service::{Reply, Request};
use crate::width::{fit, pad};

use super::args::{
    CalendarCmd, CategoryCmd, DemoArgs, DeptCmd, InitArgs, PolicyCmd, Switch, UserCmd,
};
use super::cases::{dept_id, user_id};
use super::{CliResult, Ctx, Failure};

fn preset(w: &dyn Words, name: &str) -> Result<Policy, Failure> {
    Policy::preset(name).ok_or_else(|| {
        let m = Message::UnknownPreset {
            name,
            presets: &PRESETS,
        };
        Failure::Other(anyhow!("{}", w.message(&m)))
    })
}

/// A store with no categories yet gets its preset's; one that has some keeps them as they are
/// (a second `init` or a change of preset adds nothing). Returns the names added.
fn seed_categories(ctx: &Ctx, preset: &str) -> Result<Vec<String>, Failure> {
    match ctx.call(Request::Categories)? {
        Reply::Categories(have) if have.is_empty() => {}
        _ => return Ok(Vec::new()),
    }
    let mut added = Vec::new();
    for name in categories(preset) {
        if let Reply::Category(c) = ctx.call(Request::AddCategory {
            name: (*name).to_string(),
            dept: None,
        })? {
            added.push(c.name);
        }
    }
    Ok(added)
}

pub fn init(ctx: &Ctx, a: InitArgs) -> CliResult {
    let policy = preset(ctx.words, &a.preset)?;
    ctx.call(Request::SetOrganisation {
        name: a.org,
        prefix: a.prefix,
    })?;
    let reply = ctx.call(Request::SetPolicy(policy))?;
    let added = seed_categories(ctx, &a.preset)?;
    let phrases = super::phrase::seed(ctx, &a.preset)?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Settings(s) = r {
            say!(
                "{}：{}  {}：{}",
                ctx.words.label(L::Organisation),
                s.organisation,
                ctx.words.label(L::Preset),
                s.policy.preset
            );
            let year = match ctx.call(Request::Summary) {
                Ok(Reply::Summary(sum)) => chrono::Datelike::year(&sum.today),
                _ => 0,
            };
            say!(
                "{}：{}",
                ctx.words.label(L::Number),
                crate::domain::number::format_number(&s.prefix, year, 1)
            );
            if !added.is_empty() {
                say!("{}：{}", ctx.words.label(L::Category), added.join("、"));
            }
            if phrases > 0 {
                say!("{}：{phrases}", ctx.words.label(L::Phrases));
            }
        }
    })
}

pub fn demo(ctx: &Ctx, a: DemoArgs) -> CliResult {
    let reply = ctx.call(Request::LoadDemo {
        cases: a.cases,
        seed: a.seed,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Demo { cases } = r {
            say!("{} {cases}", ctx.words.label(L::DemoLoaded));
        }
    })
}

fn roles(list: &[String]) -> Result<Vec<Role>, Failure> {
    list.iter()
        .map(|r| {
            Role::from_code(r.trim()).ok_or_else(|| Failure::Unknown {
                what: Named::Role,
                value: r.clone(),
                choices: &["operator", "officer", "clerk", "supervisor", "admin"],
            })
        })
        .collect()
}

fn print_users(ctx: &Ctx, r: &Reply) {
    let users = match r {
        Reply::Users(u) => u.clone(),
        Reply::User(u) => vec![u.clone()],
        _ => return,
    };
    for u in users {
        let rs: Vec<&str> = u.roles.iter().map(|r| ctx.words.role(r)).collect();
        let dept = u.dept.map(|d| format!("#{d}")).unwrap_or_default();
        let inactive = if u.active {
            String::new()
        } else {
            format!(
                " ({})",
                ctx.words.problem(crate::service::error::Problem::Inactive)
            )
        };
        say!(
            "{} {} {} {}{inactive}",
            fit(&u.login, 20),
            fit(&u.name, 10),
            rs.join("、"),
            dept
        );
    }
}

pub fn user(ctx: &Ctx, c: UserCmd) -> CliResult {
    let reply = match c {
        UserCmd::List => ctx.call(Request::Users)?,
        UserCmd::Add {
            login,
            name,
            roles: rs,
            dept,
        } => {
            let dept = dept.as_deref().map(|d| dept_id(ctx, d)).transpose()?;
            ctx.call(Request::AddUser(NewUser {
                login,
                name,
                roles: roles(&rs)?,
                dept,
            }))?
        }
        UserCmd::Disable { login } => ctx.call(Request::SetUserActive {
            user: user_id(ctx, &login)?,
            active: false,
        })?,
        UserCmd::Enable { login } => ctx.call(Request::SetUserActive {
            user: user_id(ctx, &login)?,
            active: true,
        })?,
        UserCmd::Set {
            login,
            roles: rs,
            dept,
        } => {
            let user = user_id(ctx, &login)?;
            let dept = dept.as_deref().map(|d| dept_id(ctx, d)).transpose()?;
            ctx.call(Request::SetUserRoles {
                user,
                roles: roles(&rs)?,
                dept,
            })?
        }
    };
    ctx.emit(&reply, print_users)
}

pub fn dept(ctx: &Ctx, c: DeptCmd) -> CliResult {
    let reply = match c {
        DeptCmd::List => ctx.call(Request::Departments)?,
        DeptCmd::Add { name, code, alias } => ctx.call(Request::AddDepartment {
            name,
            code,
            aliases: alias,
        })?,
        DeptCmd::Alias { dept, aliases } => {
            let dept = dept_id(ctx, &dept)?;
            ctx.call(Request::SetDeptAliases { dept, aliases })?
        }
    };
    ctx.emit(&reply, |_, r| {
        let list = match r {
            Reply::Departments(d) => d.clone(),
            Reply::Department(d) => vec![d.clone()],
            _ => vec![],
        };
        for d in list {
            let aliases = if d.aliases.is_empty() {
                String::new()
            } else {
                format!("  ({})", d.aliases.join(", "))
            };
            say!(
                "{} {} {}{aliases}",
                fit(&d.id.to_string(), 4),
                fit(&d.code, 8),
                d.name
            );
        }
    })
}

pub fn category(ctx: &Ctx, c: CategoryCmd) -> CliResult {
    let reply = match c {
        CategoryCmd::List => ctx.call(Request::Categories)?,
        CategoryCmd::Add { name, dept } => {
            let dept = dept.as_deref().map(|d| dept_id(ctx, d)).transpose()?;
            ctx.call(Request::AddCategory { name, dept })?
        }
    };
    ctx.emit(&reply, |_, r| {
        let list = match r {
            Reply::Categories(c) => c.clone(),
            Reply::Category(c) => vec![c.clone()],
            _ => vec![],
        };
        for c in list {
            say!("{} {}", fit(&c.id.to_string(), 4), c.name);
        }
    })
}

pub fn calendar(ctx: &Ctx, c: CalendarCmd) -> CliResult {
    let reply = match c {
        CalendarCmd::Show { year } => ctx.call(Request::Calendar(year))?,
        CalendarCmd::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // Still English: tests/cli.rs asserts its "line 2" in a Chinese session.
            let year = parse_year(&text, &name).map_err(|e| Failure::Other(anyhow!("{e}")))?;
            ctx.call(Request::ImportCalendar(year))?
        }
    };
    ctx.emit(&reply, |ctx, r| {
        let w = ctx.words;
        match r {
            Reply::Calendar(Some(y)) => {
                say!("{}  {}：{}", y.year, w.label(L::Source), y.source);
                let dates = |v: &[chrono::NaiveDate]| {
                    v.iter()
                        .map(|d| d.format("%m-%d").to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                say!("{}：{}", w.label(L::Holidays), dates(&y.holidays));
                say!("{}：{}", w.label(L::Workdays), dates(&y.workdays));
            }
            _ => say!("{}", w.label(L::NoData)),
        }
    })
}

pub fn policy(ctx: &Ctx, c: PolicyCmd) -> CliResult {
    let reply = match c {
        PolicyCmd::Important(c) => return super::important::run(ctx, c),
        PolicyCmd::Show => ctx.call(Request::Settings)?,
        PolicyCmd::Set {
            preset: p,
            due_soon,
            extension_max,
            holiday_shift,
            stage,
            days,
            unit,
            from,
            basis,
            multi_dept_days,
            investigated_days,
            hotline_urgency,
            hotline_days,
            hotline_category,
            retention_months,
        } => {
            let mut policy = match (p, ctx.call(Request::Settings)?) {
                (Some(name), _) => preset(ctx.words, &name)?,
                (None, Reply::Settings(s)) => s.policy,
                _ => return Err(Failure::Other(anyhow!("no settings"))),
            };
            if let Some(n) = due_soon {
                policy.due_soon_days = n;
            }
            if let Some(n) = extension_max {
                policy.extension_max_days = n;
            }
            if let Some(s) = holiday_shift {
                policy.holiday_shift = matches!(s, Switch::On);
            }
            if let Some(n) = retention_months {
                policy.retention = (n > 0).then_some(Limit {
                    days: n,
                    unit: DayUnit::Months,
                });
                // The preset's basis no longer explains a figure the site chose.
                policy.retention_basis = SITE_RULE.into();
            }
            if let Some(s) = stage {
                let stage =
                    Stage::from_code(&s).ok_or_else(|| Failure::unknown(Named::Stage, &s))?;
                let given_unit = match unit.as_deref() {
                    None => None,
                    Some("working") => Some(DayUnit::Working),
                    Some("calendar") => Some(DayUnit::Calendar),
                    Some("months") => Some(DayUnit::Months),
                    Some(u) => {
                        return Err(Failure::Unknown {
                            what: Named::Unit,
                            value: u.to_string(),
                            choices: &["working", "calendar", "months"],
                        });
                    }
                };
                let from = from
                    .map(|a| {
                        Anchor::from_code(&a).ok_or_else(|| Failure::unknown(Named::Start, &a))
                    })
                    .transpose()?;
                let rule = policy.stages.iter_mut().find(|r| r.stage == stage);
                match (rule, days) {
                    (Some(r), Some(d)) => {
                        // Without --unit the stage keeps counting as it did.
                        let unit = given_unit.unwrap_or(r.limit.unit);
                        r.limit = Limit { days: d, unit };
                    }
                    // --unit with only a longer limit is that limit's unit, not the stage's.
                    (Some(r), None) if multi_dept_days.is_none() && investigated_days.is_none() => {
                        if let Some(unit) = given_unit {
                            r.limit.unit = unit;
                        }
                    }
                    (Some(_), None) => {}
                    (None, Some(d)) => policy.stages.push(crate::domain::deadline::StageRule {
                        stage,
                        from: stage.default_anchor(),
                        limit: Limit {
                            days: d,
                            unit: given_unit.unwrap_or(DayUnit::Working),
                        },
                        multi_dept: None,
                        investigated: None,
                        basis: String::new(),
                    }),
                    (None, None) => {}
                }
                if let Some(r) = policy.stages.iter_mut().find(|r| r.stage == stage) {
                    if let Some(b) = basis {
                        r.basis = b;
                    }
                    if let Some(a) = from {
                        r.from = a;
                    }
                    // Without --unit the longer limits count like the stage's own.
                    let unit = given_unit.unwrap_or(r.limit.unit);
                    if let Some(m) = multi_dept_days {
                        r.multi_dept = (m > 0).then_some(Limit { days: m, unit });
                    }
                    if let Some(m) = investigated_days {
                        r.investigated = (m > 0).then_some(Limit { days: m, unit });
                    }
                }
            }
            if let Some(u) = hotline_urgency {
                let urgency = if u == "any" {
                    None
                } else {
                    Some(
                        Urgency::from_code(&u)
                            .ok_or_else(|| Failure::unknown(Named::Urgency, &u))?,
                    )
                };
                let limit = Limit::working(hotline_days.unwrap_or(5));
                let category = hotline_category
                    .as_deref()
                    .map(|c| super::cases::category_id(ctx, c))
                    .transpose()?;
                match policy
                    .hotline
                    .iter_mut()
                    .find(|r| r.urgency == urgency && r.category == category)
                {
                    Some(r) => r.limit = limit,
                    None => {
                        // The first matching row applies: rows naming a category go before
                        // urgency-only rows, and a new row before older ones of its kind.
                        let at = if category.is_some() {
                            0
                        } else {
                            policy
                                .hotline
                                .iter()
                                .take_while(|r| r.category.is_some())
                                .count()
                        };
                        policy.hotline.insert(
                            at,
                            HotlineRow {
                                urgency,
                                category,
                                limit,
                            },
                        );
                    }
                }
            }
            ctx.call(Request::SetPolicy(policy))?
        }
    };
    ctx.emit(&reply, |ctx, r| {
        let w = ctx.words;
        if let Reply::Settings(s) = r {
            let p = &s.policy;
            say!("{}：{}", w.label(L::Preset), p.preset);
            for st in &p.stages {
                let mut lim = w.period(st.from, st.limit);
                if let Some(m) = st.multi_dept {
                    lim.push_str(&format!(" / {}", w.limit(m)));
                }
                if let Some(m) = st.investigated {
                    lim.push_str(&format!(" / {} {}", w.label(L::Investigation), w.limit(m)));
                }
                // Padded, not cut: "自收到之日起5个工作日 / 10个工作日" is wider than the column.
                say!(
                    "  {} {} {}",
                    pad(w.stage(st.stage), 10),
                    pad(&lim, 24),
                    st.basis
                );
            }
            if let Some(r) = p.review {
                say!(
                    "  {} {} {}",
                    fit(w.label(L::ReviewLevels), 10),
                    pad(&w.period(Anchor::Requested, r), 24),
                    p.review_basis
                );
                if !p.recheck_basis.is_empty() {
                    say!(
                        "  {} {} {}",
                        " ".repeat(10),
                        " ".repeat(24),
                        p.recheck_basis
                    );
                }
            }
            let cats = match ctx.call(Request::Categories) {
                Ok(Reply::Categories(c)) => c,
                _ => Vec::new(),
            };
            for h in &p.hotline {
                let u = h.urgency.map_or("*", |u| w.urgency(u));
                let c = h
                    .category
                    .and_then(|id| cats.iter().find(|c| c.id == id))
                    .map_or("*", |c| c.name.as_str());
                say!(
                    "  {} {} {} {}",
                    fit(w.label(L::Hotline), 10),
                    fit(u, 6),
                    fit(c, 12),
                    w.limit(h.limit)
                );
            }
            say!(
                "  {}：{}  {}：{}",
                w.label(L::DueSoonDays),
                p.due_soon_days,
                w.label(L::ExtensionMax),
                p.extension_max_days
            );
            say!(
                "  {}",
                w.label(if p.holiday_shift {
                    L::HolidayShiftOn
                } else {
                    L::HolidayShiftOff
                })
            );
            match p.retention {
                Some(kept) => say!(
                    "  {}：{}  {}",
                    w.label(L::Retention),
                    w.limit(kept),
                    p.retention_basis
                ),
                None => say!("  {}", w.label(L::KeptWithoutLimit)),
            }
        }
    })
}

pub fn check(ctx: &Ctx, repair: bool) -> CliResult {
    let reply = ctx.call(Request::Check { repair })?;
    let sound = matches!(&reply, Reply::Check(r) if r.sound());
    let repaired = matches!(&reply, Reply::Check(r) if r.repaired);
    ctx.emit(&reply, |ctx, r| {
        let w = ctx.words;
        if let Reply::Check(r) = r {
            say!(
                "{} {}  {} {}",
                w.label(L::Cases),
                r.cases,
                w.label(L::Events),
                r.events
            );
            if r.sound() {
                say!("{}", w.label(L::Sound));
            } else {
                say!("{}:", w.label(L::Problems));
                for p in &r.problems {
                    say!("  {p}");
                }
            }
            if r.repaired {
                say!("{}", w.label(L::Repaired));
            }
        }
    })?;
    if sound || repaired {
        Ok(())
    } else {
        Err(Failure::Unsound)
    }
}
