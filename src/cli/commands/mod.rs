//! The commands, one file per family. Each takes its parsed arguments and
//! the journal, calls the domain, and returns one typed result that
//! prints as text or as JSON ([`Report`](super::output::Report)); none of
//! them writes to the terminal or knows whether `--json` was given.
//!
//! Commands may use the domain's public API, the store's record and count
//! types, and the command line's own `args`, `parse`, `words`, `markdown`,
//! `csv` and `output`; never the full-screen journal's inner parts (`show`
//! only calls `ui::render_to_string`, `config check` only
//! `ui::key_problems`).

use serde::Serialize;

use super::error::Result;
use crate::domain::{Journal, Promise};

pub mod care;
pub mod checkin;
pub mod config;
pub mod days;
pub mod demo;
pub mod export;
pub mod import;
pub mod marks;
pub mod promises;
pub mod review;
pub mod search;
pub mod shell;
pub mod show;
pub mod stats;
pub mod wins;

/// A promise with its short number, as every command prints it in JSON:
/// the record's fields with an extra `number`.
#[derive(Debug, Clone, Serialize)]
pub struct Numbered {
    pub number: usize,
    #[serde(flatten)]
    pub promise: Promise,
}

impl Numbered {
    /// The promise with the number `promise list` shows for it now.
    pub fn of(journal: &Journal, promise: Promise) -> Result<Numbered> {
        Ok(Numbered {
            number: journal.number_of(&promise.id)?,
            promise,
        })
    }
}
