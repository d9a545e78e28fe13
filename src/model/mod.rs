//! The journal's plain records and values: promises with their schedules
//! and targets, checks and their statuses, wins, check-ins, reflections,
//! weekly reviews with their decisions, record counts, the export of them
//! all (`export.rs`), a change to the journal as plain writes with what
//! each expects to find (`change.rs`), and the config values (among them
//! the one glyph set, `glyphs.rs`, the full-screen journal's settings,
//! `tui.rs`, what a shared message may hold, `share.rs`, how text
//! fits a width, `fit.rs`, and days and times as text, `dates.rs`).
//!
//! What lives here: data and the small facts that follow from it alone
//! (which weekday a schedule asks for, the words and target in force on a
//! day, how a status reads in words, the one rounding rule for numbers
//! shown to people). No rule that needs another layer, no SQL, no I/O.
//!
//! May use: nothing of ours (outside crates only). Every other layer may use
//! it: `store` saves these records, `domain` reasons about them, and the
//! front ends show them.
//!
//! Every record has a stable unique id (a UUID), so journals exported on two
//! machines can be merged. A record with a natural key (a promise's mark on
//! a day, a day's check-in or reflection, a week's review, a target or a
//! wording version from a day) has the id derived from that key
//! (`identity.rs`), so two machines making it make the same record;
//! promises and wins have random ones ([`new_id`]).

pub mod change;
mod checkpoint;
mod config;
mod counts;
pub mod dates;
mod export;
pub mod fit;
pub mod glyphs;
pub mod identity;
mod promise;
mod records;
mod review;
mod search;
mod share;
pub mod tui;
pub mod weekday;
mod win_key;

pub use checkpoint::{PromiseCheckpoint, TotalsCheckpoint};
pub use config::{Config, Prompt, Prompts, SyncConfig};
pub use counts::{Counts, ImportReport};
pub use export::{EXPORT_FORMAT, EXPORT_VERSION, Export};
pub use glyphs::{Glyph, GlyphSet, Glyphs};
pub use promise::{
    Due, Promise, PromiseVersion, Schedule, Target, amount_in, decimals, format_amount, rounded,
    unit_for,
};
pub use records::{Check, CheckIn, Reflection, Status, Win};
pub use review::{Decision, Review};
pub use search::{SPACELESS, SearchHit, SearchKind, SearchQuery, spaceless};
pub use share::{ShareExtra, ShareInclude, unknown as share_unknown};
pub use win_key::{fnv1a64, win_key};

/// A new stable id for a record without a natural key (a promise, a
/// win): a UUID version 7.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
