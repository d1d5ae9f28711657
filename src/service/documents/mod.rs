//! Documents (文书): the templates that word them and what a template may use.

pub mod context;
pub mod templates;
