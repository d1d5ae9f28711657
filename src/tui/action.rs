//! What a key can do in the desk. The keymap binds keys to these; the help overlay, the hint
//! line and the command palette describe them from the language tables.

use serde::{Deserialize, Serialize};

/// Where keys are read: each has a table in the keymap (`[inbox]`, `[intake]` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyContext {
    /// Everywhere, after the focused context.
    Global,
    /// Every list pane (inbox, assignment, overdue), after the pane's own table.
    List,
    Inbox,
    Detail,
    Assign,
    Overdue,
    /// The intake form; keys bound nowhere go to the focused field.
    Intake,
    /// Menus, pickers, prompts and confirmations.
    Popup,
    Help,
}

impl KeyContext {
    pub const ALL: &'static [KeyContext] = &[
        KeyContext::Global,
        KeyContext::List,
        KeyContext::Inbox,
        KeyContext::Detail,
        KeyContext::Assign,
        KeyContext::Overdue,
        KeyContext::Intake,
        KeyContext::Popup,
        KeyContext::Help,
    ];

    /// Contexts with a text field in focus: a plain printable key there types itself and
    /// never reaches `[global]`.
    pub fn takes_text(self) -> bool {
        matches!(self, KeyContext::Intake | KeyContext::Popup)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Unbinds a key in a user's keymap.
    Noop,
    Quit,
    Help,
    Palette,
    /// A blank intake form, from anywhere; an interrupted form is kept as a draft.
    NewIntake,
    Inbox,
    Assign,
    Overdue,
    Refresh,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Filter,
    FilterState,
    FilterDepartment,
    FilterCategory,
    FilterChannel,
    ClearFilter,
    /// The menu of workflow actions this user may take on the case.
    Act,
    Reveal,
    Mark,
    Urge,
    ApproveExtension,
    Export,
    Save,
    Leave,
    NextField,
    PrevField,
    ResolveOnSpot,
    LinkCase,
    /// The unsaved intake drafts, to resume one.
    Drafts,
    Confirm,
    Cancel,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::Noop,
        Action::Quit,
        Action::Help,
        Action::Palette,
        Action::NewIntake,
        Action::Inbox,
        Action::Assign,
        Action::Overdue,
        Action::Refresh,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::Filter,
        Action::FilterState,
        Action::FilterDepartment,
        Action::FilterCategory,
        Action::FilterChannel,
        Action::ClearFilter,
        Action::Act,
        Action::Reveal,
        Action::Mark,
        Action::Urge,
        Action::ApproveExtension,
        Action::Export,
        Action::Save,
        Action::Leave,
        Action::NextField,
        Action::PrevField,
        Action::ResolveOnSpot,
        Action::LinkCase,
        Action::Drafts,
        Action::Confirm,
        Action::Cancel,
    ];
}
