//! Synthetic but realistic Chinese case text for demos and benchmarks.

pub mod corpus;
pub mod person;
pub mod rng;
