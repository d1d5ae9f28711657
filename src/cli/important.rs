//! `policy important`: the rules that flag a case important at intake (领导阅批), listed,
//! added and removed through the ordinary policy request.

use anyhow::anyhow;

use crate::domain::case::{Channel, Kind};
use crate::domain::deadline::Policy;
use crate::domain::important::{ImportantRule, ImportantWhen};
use crate::lang::{L, Message, Named, Words};
use crate::service::{Reply, Request};

use super::args::ImportantCmd;
use super::{CliResult, Ctx, Failure};

fn current(ctx: &Ctx) -> Result<Policy, Failure> {
    match ctx.call(Request::Settings)? {
        Reply::Settings(s) => Ok(s.policy),
        _ => Err(Failure::Other(anyhow!("no settings"))),
    }
}

fn when(
    w: &dyn Words,
    channel: Option<String>,
    collective: Option<u32>,
    words: Vec<String>,
    kind: Option<String>,
) -> Result<ImportantWhen, Failure> {
    let bad = Failure::unknown;
    if let Some(c) = channel {
        let ch = Channel::from_code(c.trim()).ok_or_else(|| bad(Named::Channel, &c))?;
        return Ok(ImportantWhen::Channel(ch));
    }
    if let Some(n) = collective {
        return Ok(ImportantWhen::Collective { at_least: n });
    }
    if words.is_empty() {
        return Err(Failure::Other(anyhow!("{}", w.label(L::GiveOneCondition))));
    }
    let kind = kind
        .map(|k| Kind::from_code(k.trim()).ok_or_else(|| bad(Named::Kind, &k)))
        .transpose()?;
    Ok(ImportantWhen::Words { kind, words })
}

pub fn run(ctx: &Ctx, c: ImportantCmd) -> CliResult {
    let reply = match c {
        ImportantCmd::List => ctx.call(Request::Settings)?,
        ImportantCmd::Add {
            channel,
            collective,
            words,
            kind,
            reason,
        } => {
            let mut policy = current(ctx)?;
            policy.important.push(ImportantRule {
                when: when(ctx.words, channel, collective, words, kind)?,
                reason,
            });
            ctx.call(Request::SetPolicy(policy))?
        }
        ImportantCmd::Remove { number } => {
            let mut policy = current(ctx)?;
            if number == 0 || number > policy.important.len() {
                let m = Message::NoRule(number);
                return Err(Failure::Other(anyhow!("{}", ctx.words.message(&m))));
            }
            policy.important.remove(number - 1);
            ctx.call(Request::SetPolicy(policy))?
        }
    };
    ctx.emit(&reply, |ctx, r| {
        let w = ctx.words;
        if let Reply::Settings(s) = r {
            say!("{}：", w.label(L::ImportantRules));
            if s.policy.important.is_empty() {
                say!("  {}", w.label(L::NoRules));
            }
            for (n, rule) in s.policy.important.iter().enumerate() {
                say!(
                    "  {}. {}  → {}",
                    n + 1,
                    w.important_when(&rule.when),
                    rule.reason
                );
            }
        }
    })
}
