//! The heart of the journal: the rules, the evidence, the suggestions, undo
//! and the day boundary, and [`Journal`], the one API both front ends call.
//!
//! What lives where:
//! - `journal/` — [`Journal`] and its actions, one file per kind of record;
//! - `rule.rs` — the one rule for what a day asked of a promise and how it
//!   went, which every count of a day uses;
//! - `stats.rs` (calendar marks, a week's numbers), `evidence/` (rates,
//!   strength, totals, weeks side by side, patterns, suggestions);
//! - `history/` — each promise's own days: the checkmark grid's rows and
//!   standings, and one promise's whole story;
//! - `undo.rs` — each action as one change and one step of undo;
//! - `day.rs` (the day boundary, dates as typed), `clock.rs` (where "now"
//!   comes from), `validate.rs` and `import.rs` (what may be recorded),
//!   `merge.rs` (the one rule that merges two copies of a record),
//!   `prompts.rs`, and `words.rs` (words and numbers both front ends show);
//! - `status.rs` — the status line for a prompt, from the day's records
//!   only;
//! - `share.rs` — the message for one trusted person, of a day or a week;
//! - `sync/` — one journal on several machines through a synced folder,
//!   sealed (the folder, its files, the key from the passphrase).
//!
//! May use: `store` (the only way to the journal file) and `model`. Never
//! the front ends (`ui`, `cli`) or `config` (a [`Config`] value is passed
//! in).
//!
//! [`Config`]: crate::model::Config

pub mod clock;
pub mod day;
pub mod evidence;
pub mod history;
mod import;
mod journal;
pub mod merge;
pub mod prompts;
pub mod rule;
pub mod search;
pub mod share;
pub mod short_id;
pub mod stats;
pub mod status;
pub mod sync;
mod undo;
pub mod validate;
pub mod words;

pub use crate::model;
pub use crate::model::{
    Check, CheckIn, Due, Promise, PromiseVersion, Reflection, Schedule, Status, Target, Win,
};
pub use clock::Clock;
pub use journal::{
    DayItem, DayView, Evidence, Held, Journal, Mark, MissNote, NewPromise, PromiseEdit,
    PromiseFields, Reopen, Resurface, ReviewView, ShortWin, Sink, TREND_WEEKS, WeekProgress,
    day_items, status_for_amount,
};
pub use stats::{DayMark, PromiseWeek, WeekSummary};
pub use undo::Undone;

use crate::store::StoreError;

// Limits on what the journal keeps, the same for the full-screen journal,
// the command line and imports (`validate` applies them; README "Limits"
// lists them). Lengths are in characters, after control characters are
// dropped and surrounding space is trimmed.

/// Longest promise text: a tiny promise fits on one line.
pub const MAX_PROMISE_LEN: usize = 200;
/// Longest cue or smaller version (a smaller version can become the promise).
pub const MAX_CUE_LEN: usize = 200;
/// Longest unit or area: a word or two.
pub const MAX_LABEL_LEN: usize = 40;
/// Longest win, note, lesson or intention.
pub const MAX_ENTRY_LEN: usize = 2_000;
/// Longest reflection or weekly answer.
pub const MAX_ANSWER_LEN: usize = 20_000;
/// Largest amount or target; amounts are zero or more, targets above zero.
pub const MAX_AMOUNT: f64 = 1_000_000_000.0;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the person typed that cannot be used as it is. The message
    /// says what was wrong and what would be right.
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// Whether the person can fix this by typing something else.
    pub fn is_input(&self) -> bool {
        matches!(self, Error::Input(_))
    }
}

fn input<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Input(message.into()))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
