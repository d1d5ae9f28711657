//! One file per pane: its state, its keys, its replies, behind `Component`. Drawing lives in
//! `view/`. A pane reads the `Shell` and returns an `Outcome`; it never imports the app or
//! another pane (the test below holds it to that).

pub mod assign;
pub mod detail;
pub mod inbox;
pub mod intake;
pub mod overdue;
