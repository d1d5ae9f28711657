//! Keys to actions, per context, from layered TOML files: the embedded default, an optional
//! embedded preset (a patch), then the user's `keymap.toml` (a patch). Later layers win per
//! (context, key). Resolution is pure, and the reverse lookup feeds the hint line, so hints
//! cannot drift from behaviour.

use std::collections::HashMap;
use std::path::Path;

use toml::de::DeValue;

use super::action::{Action, KeyContext};
use super::config_problem::{
    ConfigProblem, ProblemKind, Source, in_file_order, read_user_file, shown, variant,
};
use super::key::Key;

const DEFAULT: (&str, &str) = (
    "keymaps/default.toml",
    include_str!("../../keymaps/default.toml"),
);

/// Named presets, each a patch over the default.
const PRESETS: &[(&str, &str, &str)] = &[(
    "vim",
    "keymaps/vim.toml",
    include_str!("../../keymaps/vim.toml"),
)];

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    /// Per context, in the order the keys were first written; `Noop` entries are kept
    /// because they stop the fall-through to `[list]` and `[global]`.
    tables: HashMap<KeyContext, Vec<(Key, Action)>>,
}

impl Keymap {
    /// The names `load` accepts; `"default"` (or empty) means no preset.
    pub fn preset_names() -> Vec<&'static str> {
        std::iter::once("default")
            .chain(PRESETS.iter().map(|p| p.0))
            .collect()
    }

    /// Always gives a usable keymap. A missing user file is not a problem; a malformed one
    /// is reported and skipped, and a file with bad entries still applies its good ones.
    pub fn load(preset: &str, user_file: Option<&Path>) -> (Keymap, Vec<ConfigProblem>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        map.apply(DEFAULT.0, DEFAULT.1, &mut problems);
        match PRESETS.iter().find(|p| p.0 == preset) {
            Some(&(_, file, text)) => map.apply(file, text, &mut problems),
            None if preset.is_empty() || preset == "default" => {}
            None => problems.push(ConfigProblem {
                file: "keymaps".to_string(),
                line: 0,
                value: preset.to_string(),
                kind: ProblemKind::UnknownPreset,
            }),
        }
        if let Some((file, text)) = read_user_file(user_file, &mut problems) {
            map.apply(&file, &text, &mut problems);
        }
        (map, problems)
    }

    /// Applies one layer over what is there.
    pub fn apply(&mut self, file: &str, text: &str, problems: &mut Vec<ConfigProblem>) {
        let src = Source { file, text };
        let doc = match src.parse() {
            Ok(doc) => doc,
            Err(p) => return problems.push(p),
        };
        for (name, table) in in_file_order(&doc) {
            let Some(ctx) = variant::<KeyContext>(name.get_ref()) else {
                problems.push(src.problem(
                    name.span(),
                    name.get_ref(),
                    ProblemKind::UnknownContext,
                ));
                continue;
            };
            let DeValue::Table(table) = table.get_ref() else {
                problems.push(src.problem(name.span(), name.get_ref(), ProblemKind::WrongType));
                continue;
            };
            for (key_name, action) in in_file_order(table) {
                let key = Key::parse(key_name.get_ref());
                if key.is_err() {
                    let p =
                        src.problem(key_name.span(), key_name.get_ref(), ProblemKind::UnknownKey);
                    problems.push(p);
                }
                let parsed = match action.get_ref() {
                    DeValue::String(s) => variant::<Action>(s).ok_or(ProblemKind::UnknownAction),
                    _ => Err(ProblemKind::WrongType),
                };
                if let Err(kind) = parsed {
                    problems.push(src.problem(action.span(), &shown(action.get_ref()), kind));
                }
                if let (Ok(key), Ok(action)) = (key, parsed) {
                    self.bind(ctx, key, action);
                }
            }
        }
    }

    /// Rebinding keeps the key's place, so hints keep their order across layers.
    fn bind(&mut self, ctx: KeyContext, key: Key, action: Action) {
        let table = self.tables.entry(ctx).or_default();
        match table.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = action,
            None => table.push((key, action)),
        }
    }

    /// The tables a key is looked up in, in order.
    pub fn chain(ctx: KeyContext) -> &'static [KeyContext] {
        use KeyContext::*;
        match ctx {
            Inbox => &[Inbox, List, Global],
            Assign => &[Assign, List, Global],
            Overdue => &[Overdue, List, Global],
            Global => &[Global],
            List => &[List, Global],
            Detail => &[Detail, Global],
            Intake => &[Intake, Global],
            Popup => &[Popup, Global],
            Help => &[Help, Global],
        }
    }

    pub fn resolve(&self, ctx: KeyContext, key: Key) -> Option<Action> {
        let own_only = ctx.takes_text() && key.is_printable();
        let chain = Self::chain(ctx);
        let chain = if own_only { &chain[..1] } else { chain };
        let found = chain.iter().find_map(|c| {
            let table = self.tables.get(c)?;
            table.iter().find(|(k, _)| *k == key).map(|&(_, a)| a)
        })?;
        (found != Action::Noop).then_some(found)
    }

    /// Every key that does `action` in `ctx`, the context's own keys first, each table in
    /// file order. Shadowed keys are left out, so a hint never names a key that does
    /// something else.
    pub fn keys_for(&self, ctx: KeyContext, action: Action) -> Vec<Key> {
        self.active_bindings(ctx)
            .into_iter()
            .filter(|&(_, a)| a == action)
            .map(|(k, _)| k)
            .collect()
    }

    /// The context's own table, in file order, without unbound keys (for a help section).
    pub fn bindings(&self, ctx: KeyContext) -> Vec<(Key, Action)> {
        self.tables
            .get(&ctx)
            .into_iter()
            .flatten()
            .filter(|&&(_, a)| a != Action::Noop)
            .copied()
            .collect()
    }

    /// Everything that works in `ctx` after fall-through, own table first.
    pub fn active_bindings(&self, ctx: KeyContext) -> Vec<(Key, Action)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for c in Self::chain(ctx) {
            for &(key, _) in self.tables.get(c).into_iter().flatten() {
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                if let Some(action) = self.resolve(ctx, key) {
                    out.push((key, action));
                }
            }
        }
        out
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
