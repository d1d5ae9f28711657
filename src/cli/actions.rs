//! One subcommand per workflow action, generated from the transition table: the flags an
//! action takes are the things its rules say it needs.

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::domain::case::Satisfaction;
use crate::domain::event::Detail;
use crate::domain::method::Method;
use crate::domain::state::{Action, Need, RULES, notice_of, optional_needs};
use crate::lang::Lang;
use crate::service::api::CaseRef;
use crate::service::{Reply, Request};

use super::{CliResult, Ctx, cases, output};

/// `hand_back` → `hand-back`.
fn cli_name(a: Action) -> String {
    a.code().replace('_', "-")
}

pub fn action_for(name: &str) -> Option<Action> {
    Action::ALL.iter().copied().find(|a| cli_name(*a) == name)
}

fn needs(a: Action) -> Vec<Need> {
    let mut out = Vec::new();
    for r in RULES.iter().filter(|r| r.action == a) {
        for n in r.needs {
            if !out.contains(n) {
                out.push(*n);
            }
        }
    }
    out
}

/// The flag that carries an action's free text.
fn text_flag(a: Action) -> &'static str {
    match a {
        Action::Submit | Action::ResolveOnSpot => "result",
        Action::ApproveImportant | Action::Instruct => "instruction",
        Action::Feedback => "content",
        // A notice's content, or the reference of the document sent (苏信复〔2026〕12号).
        a if notice_of(a).is_some() => "content",
        Action::Approve => "comment",
        _ => "note",
    }
}

fn opt(name: &'static str, help: impl Into<String>) -> Arg {
    Arg::new(name)
        .long(name)
        .help(help.into())
        .value_name(name.to_uppercase())
}

/// The subcommands, built before the language is known (clap parses `--lang`): their help
/// gives the Chinese words from `lang` beside the English.
pub fn commands() -> Vec<Command> {
    Action::ALL
        .iter()
        .map(|a| {
            let (zh, en) = (Lang::Zh.words(), Lang::En.words());
            let mut c = Command::new(cli_name(*a))
                .about(format!("{} — {}", zh.action_doc(*a), en.action_doc(*a)))
                .arg(
                    Arg::new("number")
                        .required(true)
                        .help("Case number, e.g. XF2026-00123"),
                )
                .arg(
                    Arg::new("version")
                        .long("version")
                        .value_parser(clap::value_parser!(u64))
                        .help("The version you saw; refused if the case changed since"),
                );
            let mut ns = needs(*a);
            ns.extend(optional_needs(*a));
            for n in ns {
                c = match n {
                    Need::Reason => c.arg(opt("reason", format!("Reason ({})", zh.need(n)))),
                    Need::Text => c.arg(opt(text_flag(*a), "Text")),
                    Need::Body => c.arg(opt("to", "The body it is transferred to")),
                    Need::Target => c.arg(opt("target", "The other case's number").alias("into")),
                    Need::FeedbackMethod => {
                        let codes: Vec<&str> = Method::ALL.iter().map(|m| m.code()).collect();
                        let words: Vec<&str> = Method::ALL.iter().map(|m| zh.method(*m)).collect();
                        c.arg(opt(
                            "method",
                            format!(
                                "How the petitioner was told: {} ({})",
                                codes.join(", "),
                                words.join("、")
                            ),
                        ))
                    }
                    Need::Satisfaction => {
                        c.arg(
                            opt("satisfaction", "satisfied, basically, unsatisfied")
                                .value_parser(["satisfied", "basically", "unsatisfied"]),
                        )
                    }
                    Need::Days => c.arg(opt("days", "Days").value_parser(clap::value_parser!(u32))),
                    Need::Department => c
                        .arg(opt("dept", "Department name, code or id"))
                        .arg(opt("assist", "An assisting department").action(ArgAction::Append))
                        .arg(opt("handler", "The officer's login")),
                };
            }
            c
        })
        .collect()
}

/// A method as its code, typed as the code or a word of either language (书面 is a
/// letter); anything else goes as typed, for the service to refuse with the choices.
pub(super) fn method_code(typed: &str) -> String {
    let t = typed.trim();
    let (zh, en) = (Lang::Zh.words(), Lang::En.words());
    Method::ALL
        .iter()
        .find(|m| {
            m.code() == t
                || zh.method(**m) == t
                || en.method(**m).eq_ignore_ascii_case(t)
                || (**m == Method::Letter && t == "书面")
        })
        .map_or_else(|| t.to_string(), |m| m.code().to_string())
}

fn text(m: &ArgMatches, name: &str) -> Option<String> {
    m.try_get_one::<String>(name).ok().flatten().cloned()
}

pub fn run(ctx: &Ctx, action: Action, m: &ArgMatches) -> CliResult {
    let number = text(m, "number").unwrap_or_default();
    let version = match m.try_get_one::<u64>("version").ok().flatten() {
        Some(v) => *v,
        None => match ctx.call(Request::Case(CaseRef::Number(number.clone())))? {
            Reply::Case(v) => v.case.version,
            _ => 0,
        },
    };
    let mut d = Detail {
        reason: text(m, "reason"),
        text: text(m, text_flag(action)),
        body: text(m, "to"),
        method: text(m, "method").map(|t| method_code(&t)),
        satisfaction: text(m, "satisfaction").and_then(|s| Satisfaction::from_code(&s)),
        days: m.try_get_one::<u32>("days").ok().flatten().copied(),
        ..Detail::default()
    };
    if let Some(dept) = text(m, "dept") {
        d.department = Some(cases::dept_id(ctx, &dept)?);
    }
    if let Ok(Some(list)) = m.try_get_many::<String>("assist") {
        for a in list {
            d.assisting.push(cases::dept_id(ctx, a)?);
        }
    }
    if let Some(login) = text(m, "handler") {
        d.handler = Some(cases::user_id(ctx, &login)?);
    }
    if let Some(t) = text(m, "target") {
        d.target = Some(cases::case_id(ctx, &t)?);
    }
    let reply = ctx.call(Request::Act {
        case: CaseRef::Number(number),
        version,
        action,
        detail: d,
    })?;
    ctx.emit(&reply, |ctx, r| {
        if let Reply::Case(v) = r {
            output::acted(ctx, action, v);
        }
    })
}
