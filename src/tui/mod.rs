//! The desk in the terminal: panes, keymap, theme. It talks only to a `Desk`.

pub mod action;
pub mod initials;
pub mod msg;
pub mod paging;
pub mod popup;
