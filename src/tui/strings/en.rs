//! English.

use crate::domain::deadline::DueStatus;
use crate::tui::action::{Action, KeyContext};
use crate::tui::config_problem::{ConfigProblem, ProblemKind};

pub fn name(a: Action) -> &'static str {
    match a {
        Action::Noop => "none",
        Action::Quit => "quit",
        Action::Help => "help",
        Action::Palette => "commands",
        Action::NewIntake => "intake",
        Action::Inbox => "inbox",
        Action::Assign => "assign",
        Action::Overdue => "overdue",
        Action::Refresh => "refresh",
        Action::Up => "up",
        Action::Down => "down",
        Action::PageUp => "page up",
        Action::PageDown => "page down",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::Open => "open",
        Action::Back => "back",
        Action::Filter => "filter",
        Action::FilterState => "state",
        Action::FilterDepartment => "dept",
        Action::FilterCategory => "category",
        Action::FilterChannel => "channel",
        Action::ClearFilter => "clear",
        Action::Act => "act",
        Action::Reveal => "reveal",
        Action::Mark => "mark",
        Action::Urge => "urge",
        Action::ApproveExtension => "approve ext.",
        Action::Export => "export",
        Action::Save => "save",
        Action::Leave => "leave",
        Action::NextField => "next",
        Action::PrevField => "previous",
        Action::ResolveOnSpot => "resolve now",
        Action::LinkCase => "link",
        Action::Drafts => "drafts",
        Action::Confirm => "confirm",
        Action::Cancel => "cancel",
    }
}

pub fn doc(a: Action) -> &'static str {
    match a {
        Action::Noop => "does nothing (unbinds a key)",
        Action::Quit => "quit (intake drafts are kept)",
        Action::Help => "show the keys",
        Action::Palette => "command palette, searchable by Chinese or pinyin initials",
        Action::NewIntake => "new intake, from anywhere; an unfinished form is kept as a draft",
        Action::Inbox => "go to the inbox",
        Action::Assign => "go to assignment",
        Action::Overdue => "go to the overdue pane",
        Action::Refresh => "reload what is on screen",
        Action::Up => "move up",
        Action::Down => "move down",
        Action::PageUp => "one page up",
        Action::PageDown => "one page down",
        Action::Top => "to the first row",
        Action::Bottom => "to the last row",
        Action::Open => "open the selected case",
        Action::Back => "back to the list",
        Action::Filter => "filter as you type: text, case number or phone",
        Action::FilterState => "filter by state",
        Action::FilterDepartment => "filter by handling department",
        Action::FilterCategory => "filter by category",
        Action::FilterChannel => "filter by channel",
        Action::ClearFilter => "clear every filter",
        Action::Act => "menu of the actions you may take (accept, assign, resolve…)",
        Action::Reveal => "show the full phone number (recorded on the timeline)",
        Action::Mark => "mark or unmark for a batch assignment",
        Action::Urge => "urge the selected case, with a note",
        Action::ApproveExtension => "approve the selected case's extension request",
        Action::Export => "export the overdue list as a text file",
        Action::Save => "save the intake and show its case number",
        Action::Leave => "leave the form, keeping a draft",
        Action::NextField => "next field",
        Action::PrevField => "previous field",
        Action::ResolveOnSpot => "resolve a simple inquiry on the spot: type the result",
        Action::LinkCase => "link to the caller's open case on the same matter",
        Action::Drafts => "unsaved intake drafts: pick one to go on with",
        Action::Confirm => "confirm",
        Action::Cancel => "cancel",
    }
}

pub fn context(c: KeyContext) -> &'static str {
    match c {
        KeyContext::Global => "Everywhere",
        KeyContext::List => "Every list",
        KeyContext::Inbox => "Inbox",
        KeyContext::Detail => "Case",
        KeyContext::Assign => "Assignment",
        KeyContext::Overdue => "Overdue",
        KeyContext::Intake => "Intake",
        KeyContext::Popup => "Popups and the filter line",
        KeyContext::Help => "Help",
    }
}

pub fn due_short(s: DueStatus) -> String {
    match s {
        DueStatus::OnTrack {
            working_days_left: n,
        }
        | DueStatus::DueSoon {
            working_days_left: n,
        } if n > 0 => format!("{n}d left"),
        DueStatus::OnTrack { .. } | DueStatus::DueSoon { .. } => "<1d left".into(),
        DueStatus::DueToday => "due today".into(),
        DueStatus::Overdue { working_days: 0 } => "late".into(),
        DueStatus::Overdue { working_days: n } => format!("{n}d late"),
    }
}

pub fn problem(p: &ConfigProblem) -> String {
    let what = match p.kind {
        ProblemKind::UnknownPreset => "no such keymap preset",
        ProblemKind::UnknownTheme => "no such theme",
        ProblemKind::Unreadable => "cannot read the file",
        ProblemKind::Syntax => "not valid TOML; the whole file was ignored",
        ProblemKind::UnknownContext => "unknown key context",
        ProblemKind::UnknownKey => "unknown key name",
        ProblemKind::UnknownAction => "unknown action",
        ProblemKind::UnknownRole => "unknown theme role",
        ProblemKind::UnknownColor => "unknown colour",
        ProblemKind::UnknownAttribute => "unknown style attribute",
        ProblemKind::WrongType => "a value of the wrong type",
        ProblemKind::ParentLoop => "the theme parent loops",
    };
    if p.line == 0 {
        return format!("{}: {what} `{}`", p.file, p.value);
    }
    format!("{} line {}: {what} `{}`", p.file, p.line, p.value)
}
