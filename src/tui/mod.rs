//! The desk in the terminal: panes, keymap, theme. It talks only to a `Desk`.

pub mod action;
pub mod config_problem;
pub mod initials;
pub mod key;
pub mod keymap;
pub mod msg;
pub mod paging;
pub mod popup;
pub mod theme;
mod theme_file;
