//! The desk in the terminal: panes, keymap, theme. It talks only to a `Desk`.

pub mod act_form;
pub mod action;
pub mod app;
pub mod choice;
pub mod config_problem;
pub mod effects;
pub mod initials;
pub mod intake_accused;
pub mod intake_form;
pub mod intake_reception;
pub mod key;
pub mod keymap;
pub mod line;
pub mod msg;
pub mod overlay;
pub mod paging;
pub mod panes;
pub mod popup;
pub mod prefs;
pub mod run;
pub mod strings;
pub mod theme;
mod theme_file;
pub mod view;
