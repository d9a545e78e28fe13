//! Turning the record into evidence: each promise's kept rates and
//! strength, showing-up totals and runs, weeks side by side with the
//! self-trust gap, patterns, and recalibration suggestions.
//!
//! Pure functions over records; [`Journal`](super::Journal) loads the
//! records and calls these. Every count of a day goes through the one rule
//! in [`super::rule`]. The functions named for a whole record (`totals`,
//! `promise_evidence`, `suggestions`, `patterns`) count from the first day;
//! the journal counts the same from the last checkpoint on (`resume.rs`),
//! reading only the weeks since.
//!
//! May use: `model` and the rest of `domain` (not the store).

mod patterns;
mod rates;
pub mod resume;
mod showing_up;
mod suggestions;
pub mod trust;
mod weeks;

#[cfg(test)]
pub(crate) mod fixtures;

pub use crate::model::{Decision, Review};
pub use patterns::{PATTERN_DAYS, Patterns, patterns, patterns_since, wins_by_area};
pub use rates::{
    NEW_SLOTS, NewCount, PromiseEvidence, Slot, StrengthShown, frequency, promise_evidence, rate,
    slots, slots_in, strength, strength_from,
};
pub use resume::Since;
pub use showing_up::{Totals, day_share, resurfaced_index, resurfaced_win, shown_up_days, totals};
pub use suggestions::{DECISION_QUIET_DAYS, Proposal, Suggestion, suggestions, suggestions_since};
pub use trust::{SelfTrust, Verdict, Voice, self_trust};
pub use weeks::{WeekPoint, WeeksTogether, together, week_points};
