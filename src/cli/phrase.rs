//! `xinfang phrase`: the canned phrases (常用语) offered in the desk's text fields, and the
//! preset's starter set `init` gives a store that has none.

use std::collections::HashMap;

use clap::Subcommand;

use crate::domain::phrase::{Phrase, PhraseUse};
use crate::domain::phrase_sets::starters;
use crate::domain::role::CategoryId;
use crate::lang::L;
use crate::service::{Reply, Request};
use crate::width::fit;

use super::cases::category_id;
use super::{CliResult, Ctx, Failure};

/// The use codes `--use` takes, from the one list the domain keeps.
fn uses() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(PhraseUse::ALL.iter().map(|u| u.code()))
}

#[derive(Subcommand, Debug)]
pub enum PhraseCmd {
    /// 常用语列表 — list the phrases, of one use and one category's if given
    List {
        #[arg(long = "use", value_parser = uses())]
        use_: Option<String>,
        /// Category name or id: its own phrases and those for every category
        #[arg(long)]
        category: Option<String>,
    },
    /// 增加常用语（管理员） — add a phrase (administrators)
    Add {
        /// The fields it is offered in: note (办理记录), result (办理结果), feedback (反馈告知),
        /// reason (理由)
        #[arg(long = "use", value_parser = uses())]
        use_: String,
        /// Offered only on cases of this category (name or id); else on every case
        #[arg(long)]
        category: Option<String>,
        /// The phrase: one line of at most 200 characters
        text: String,
    },
    /// 删除常用语（管理员） — remove a phrase by its id (administrators)
    Remove { id: u32 },
}

fn use_of(code: &str) -> Result<PhraseUse, Failure> {
    PhraseUse::from_code(code)
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("no phrase use {code}")))
}

/// Category ids and names, for the list.
fn category_names(ctx: &Ctx) -> Result<HashMap<CategoryId, String>, Failure> {
    Ok(match ctx.call(Request::Categories)? {
        Reply::Categories(cs) => cs.into_iter().map(|c| (c.id, c.name)).collect(),
        _ => HashMap::new(),
    })
}

pub fn run(ctx: &Ctx, c: PhraseCmd) -> CliResult {
    let reply = match c {
        PhraseCmd::List { use_, category } => ctx.call(Request::Phrases {
            use_: use_.as_deref().map(use_of).transpose()?,
            category: category
                .as_deref()
                .map(|c| category_id(ctx, c))
                .transpose()?,
        })?,
        PhraseCmd::Add {
            use_,
            category,
            text,
        } => ctx.call(Request::AddPhrase {
            use_: use_of(&use_)?,
            category: category
                .as_deref()
                .map(|c| category_id(ctx, c))
                .transpose()?,
            text,
        })?,
        PhraseCmd::Remove { id } => ctx.call(Request::RemovePhrase { id })?,
    };
    let names = if ctx.json {
        HashMap::new()
    } else {
        category_names(ctx)?
    };
    ctx.emit(&reply, |ctx, r| {
        let list: Vec<Phrase> = match r {
            Reply::Phrases(p) => p.clone(),
            Reply::Phrase(p) => vec![p.clone()],
            _ => Vec::new(),
        };
        if list.is_empty() {
            say!("{}", ctx.words.label(L::NoPhrasesStored));
        }
        for p in list {
            let category = match p.category {
                Some(c) => names.get(&c).map_or_else(|| c.to_string(), Clone::clone),
                None => ctx.words.label(L::AllCategories).to_string(),
            };
            say!(
                "{} {} {} {}",
                fit(&p.id.to_string(), 4),
                fit(ctx.words.phrase_use(p.use_), 8),
                fit(&category, 14),
                p.text
            );
        }
    })
}

/// A store with no phrases gets its preset's starter set, each phrase for one category
/// placed on the category of that name (left out if the store has none such). Returns how
/// many were added.
pub fn seed(ctx: &Ctx, preset: &str) -> Result<usize, Failure> {
    match ctx.call(Request::Phrases {
        use_: None,
        category: None,
    })? {
        Reply::Phrases(have) if have.is_empty() => {}
        _ => return Ok(0),
    }
    let ids: HashMap<String, CategoryId> = category_names(ctx)?
        .into_iter()
        .map(|(id, name)| (name, id))
        .collect();
    let mut added = 0;
    for s in starters(preset) {
        let category = match s.category {
            Some(name) => match ids.get(name) {
                Some(id) => Some(*id),
                None => continue,
            },
            None => None,
        };
        ctx.call(Request::AddPhrase {
            use_: s.use_,
            category,
            text: s.text.to_string(),
        })?;
        added += 1;
    }
    Ok(added)
}
