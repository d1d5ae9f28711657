//! What the help overlay lists, from the live keymap: the keys of the pane under it, then the
//! keys that work everywhere. The overlay draws these sections and scrolls through them.

use super::action::{Action, KeyContext};
use super::key::Key;
use super::keymap::Keymap;
use super::shell::Shell;

/// The keymap sections shown over a pane whose own is `section`: the tables its keys are read
/// from, in order, then the popups'.
pub fn sections(sh: &Shell, section: KeyContext) -> Vec<(KeyContext, Vec<(Key, Action)>)> {
    Keymap::chain(section)
        .iter()
        .copied()
        .chain([KeyContext::Popup])
        .map(|ctx| {
            let mut b = sh.env.keymap.bindings(ctx);
            // The overdue pane has no filters, though it reads `[list]`.
            if ctx == KeyContext::List && section == KeyContext::Overdue {
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
pub fn scroll(sh: &Shell, section: KeyContext, at: usize, action: Option<Action>) -> Option<usize> {
    // A heading and a blank line around each section's bindings.
    let len: usize = sections(sh, section).iter().map(|(_, b)| b.len() + 2).sum();
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
