//! What the help overlay lists, from the live keymap: the keys of the pane under it, then the
//! keys that work everywhere. The overlay draws these sections and scrolls through them.

use super::action::{Action, KeyContext};
use super::component::Pane;
use super::key::Key;
use super::shell::Shell;

/// The keymap sections shown over `pane`, each with its bindings.
pub fn sections(sh: &Shell, pane: Pane) -> Vec<(KeyContext, Vec<(Key, Action)>)> {
    let own = match pane {
        Pane::Inbox => KeyContext::Inbox,
        Pane::Assign => KeyContext::Assign,
        Pane::Overdue => KeyContext::Overdue,
        Pane::Detail => KeyContext::Detail,
        Pane::Intake => KeyContext::Intake,
    };
    let mut contexts = vec![own];
    if matches!(pane, Pane::Inbox | Pane::Assign | Pane::Overdue) {
        contexts.push(KeyContext::List);
    }
    contexts.extend([KeyContext::Global, KeyContext::Popup]);
    contexts
        .into_iter()
        .map(|ctx| {
            let mut b = sh.env.keymap.bindings(ctx);
            // The overdue pane has no filters, though it reads `[list]`.
            if ctx == KeyContext::List && pane == Pane::Overdue {
                b.retain(|(_, a)| {
                    !matches!(
                        a,
                        Action::Filter
                            | Action::FilterState
                            | Action::FilterDepartment
                            | Action::FilterCategory
                            | Action::FilterChannel
                            | Action::ClearFilter
                    )
                });
            }
            (ctx, b)
        })
        .collect()
}

/// The overlay's scroll after a key at `at`; `None` closes it.
pub fn scroll(sh: &Shell, pane: Pane, at: usize, action: Option<Action>) -> Option<usize> {
    // A heading and a blank line around each section's bindings.
    let len: usize = sections(sh, pane).iter().map(|(_, b)| b.len() + 2).sum();
    let page = usize::from(sh.layout().body_inner().height)
        .saturating_sub(1)
        .max(1);
    let last = len.saturating_sub(page + 2);
    match action {
        Some(Action::Down) => Some(at + 1),
        Some(Action::Up) => Some(at.saturating_sub(1)),
        Some(Action::PageDown) => Some(at + page),
        Some(Action::PageUp) => Some(at.saturating_sub(page)),
        Some(Action::Top) => Some(0),
        Some(Action::Bottom) => Some(last),
        Some(Action::Back | Action::Cancel | Action::Help) => None,
        _ => Some(at),
    }
    .map(|at| at.min(last))
}
