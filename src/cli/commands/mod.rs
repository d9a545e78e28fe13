//! The commands, one file per family. Each takes its parsed arguments and
//! the journal, calls the domain, and returns one typed result that
//! prints as text or as JSON ([`Report`](super::output::Report)); none of
//! them writes to the terminal or knows whether `--json` was given.
//!
//! Commands may use the domain's public API, the store's record and count
//! types, and the command line's own `args`, `parse`, `words`, `markdown`,
//! `csv` and `output`; never the full-screen journal's inner parts (`show`
//! only calls `ui::render_to_string` and `ui::render_promise_to_string`,
//! `config check` only `ui::key_problems` and `ui::keys_lock_in`).

pub mod care;
pub mod checkin;
pub mod config;
pub mod days;
pub mod demo;
pub mod export;
pub mod import;
pub mod lock;
pub mod marks;
pub mod promises;
pub mod review;
pub mod search;
pub mod share;
pub mod shell;
pub mod show;
pub mod stats;
pub mod status;
pub mod story;
pub mod sync;
pub mod wins;
