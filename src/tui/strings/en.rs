//! English.

use crate::domain::deadline::DueStatus;
use crate::tui::action::{Action, KeyContext};
use crate::tui::config_problem::{ConfigProblem, ProblemKind};

use super::T;

pub fn text(t: T) -> &'static str {
    match t {
        T::ActionDone => "Done:",
        T::AppName => "xinfang",
        T::AssignTitle => "Assignment",
        T::Assigned => "assigned",
        T::CallerHistory => "Caller history",
        T::ChooseHint => "Left/Right choose  ",
        T::Close => "close",
        T::LoadDemo => "load",
        T::Skip => "skip",
        T::ConfigProblem => "A settings file has a problem; defaults used: ",
        T::ConfirmTitle => "Confirm",
        T::DemoLoaded => "Demo cases loaded:",
        T::DetailTitle => "Case",
        T::DraftSaved => "draft saved",
        T::Drafts => "drafts",
        T::EmptyTitle => "Empty store",
        T::ExportFailed => "Export failed: ",
        T::ExportName => "overdue",
        T::ExportedTo => "Exported to ",
        T::Offline => "OFFLINE",
        T::TestStore => "TEST STORE",
        T::AccusedDept => "Accused dept.",
        T::NotOurDept => "Not one of ours",
        T::Reconnected => "Reconnected to the server; the screen is up to date",
        T::ExtensionShort => "ext?",
        T::FieldFull => "This field is full",
        T::FillThisField => "Please fill in this field",
        T::FilterLabel => "Filter /",
        T::HelpTitle => "Help (from the live keymap)",
        T::InboxTitle => "Inbox",
        T::IntakeTitle => "Intake",
        T::KeptAsDraft => "The unsaved intake was kept as a draft",
        T::LinkHint => "links to an open case on the same matter",
        T::LinkedTo => "Linked to",
        T::Loading => "Loading…",
        T::LoadingDemo => "Loading demo data…",
        T::NewToday => "new today",
        T::NoActions => "You have no action on this case in this state",
        T::NoDrafts => "No unsaved intake drafts",
        T::NoHistory => "Type a phone or ID number to see the caller's earlier cases",
        T::NoPendingExtension => "No extension request is waiting on this case",
        T::NothingLate => "No case is late or due soon.",
        T::OfferDemo => {
            "The store has no cases yet. Press Enter or d to load 2,000 demo cases; Esc to skip."
        }
        T::OverdueTitle => "Overdue",
        T::Palette => "Command palette",
        T::PasteTooLong => "The paste is longer than the field allows; nothing was pasted",
        T::PickAction => "Actions",
        T::PickCategory => "Filter by category",
        T::PickChannel => "Filter by channel",
        T::PickDepartment => "Department",
        T::PickDraft => "Unsaved intake drafts (Enter resume, Esc later)",
        T::PickState => "Filter by state",
        T::ReceivedShort => "Date",
        T::Refused => "refused",
        T::ResolveOnSpot => "Resolved now",
        T::ReviewOf => "Review of",
        T::SameMatter => "Open cases that may be the same matter",
        T::SavedHint => "Read the number to the caller.",
        T::SavedTitle => "Registered as",
        T::TooSmall => "The window is too small; make it at least",
        T::UrgedShort => "urged ",
        T::NoLeader => "none (not received by a leader)",
        T::ReceivesToday => "receives today",
    }
}

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
