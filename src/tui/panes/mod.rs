//! One file per pane: its state, its keys, its replies. Drawing lives in `view/`.

pub mod assign;
pub mod detail;
pub mod inbox;
pub mod intake;
pub mod overdue;
pub mod reception;
