//! The desk in the terminal: panes, keymap, theme. It talks only to a `Desk`.

pub mod action;
pub mod config_problem;
pub mod key;
pub mod keymap;
pub mod theme;
mod theme_file;
