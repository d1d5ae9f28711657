//! Plain types and rules: no I/O, no clock reads.

pub mod accused;
pub mod calendar;
pub mod case;
pub mod correction;
pub mod deadline;
pub mod document;
pub mod event;
pub mod important;
pub mod ledger;
pub mod method;
pub mod number;
pub mod phrase;
pub mod phrase_sets;
pub mod presets;
pub mod reception;
pub mod role;
pub mod state;
pub mod text;
pub mod time;

#[cfg(test)]
pub(crate) mod state_tests;
