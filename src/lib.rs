//! xinfang: a keyboard-driven desk for 信访投诉 (petitions, complaints, reports, suggestions and
//! inquiries). Dependencies point one way: domain → store → service → desk → cli; `docs` turns
//! a rendered document into files for the desk and the command line.

pub mod cli;
pub mod config;
pub mod demo;
pub mod desk;
pub mod docs;
pub mod domain;
pub mod lang;
pub mod os_user;
pub mod server;
pub mod service;
pub mod store;
pub mod tui;
pub mod width;
pub mod wire;
