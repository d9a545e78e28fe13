//! Checkpoints of the evidence: what the record adds up to before a day,
//! kept in the journal so the evidence of today (or of any week) is counted
//! from the last checkpoint on instead of from the first day. They hold
//! nothing that is not in the records: the store drops them when a record
//! they count changes, and the domain writes them again.
//!
//! May use: nothing of ours.

use chrono::{NaiveDate, Weekday};

/// One promise's slots and checks before `day`, as the domain counts them
/// (see `domain::evidence::checkpoint`).
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseCheckpoint {
    pub promise_id: String,
    /// The first day of the week it was counted with (an N-times-a-week
    /// promise is counted week by week).
    pub week_starts_on: Weekday,
    /// The first day not counted.
    pub day: NaiveDate,
    /// The strength after the last slot before `day`.
    pub strength: f64,
    /// Slots before `day`.
    pub slots: u32,
    /// The last slots before `day` (at most 90), oldest first, one letter
    /// each: `k` kept, `s` shown up for in part or in the smaller version,
    /// `m` noted as missed, `.` not recorded.
    pub recent: String,
    /// How many of the last slots in a row were not recorded, and the day
    /// of the first of them.
    pub blank_run: u32,
    pub blank_since: Option<NaiveDate>,
    /// Its checks before `day` by status (on any day, asked or not).
    pub kept: u32,
    pub partial: u32,
    pub smaller: u32,
}

/// Every promise and win before `day`, added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsCheckpoint {
    /// The first day not counted.
    pub day: NaiveDate,
    /// Checks before `day` by status.
    pub kept: u32,
    pub partial: u32,
    pub smaller: u32,
    /// Wins before `day`.
    pub wins: u32,
    /// The first day with a check or a win, if one is before `day`.
    pub first_day: Option<NaiveDate>,
    /// Days before `day` with a promise shown up for or a win.
    pub days_shown_up: u32,
    /// The longest run of such days before `day`.
    pub longest_run: u32,
    /// The run that reaches the day before `day`.
    pub run: u32,
}
