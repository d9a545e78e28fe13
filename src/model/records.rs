//! What a day holds: each promise's check (kept, partly kept, kept the
//! smaller version, or missed),
//! wins, the morning check-in and the evening reflection.
//!
//! May use: nothing of ours.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The result of one promise on one day. "Not yet marked" is the absence of
/// a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Kept,
    Partial,
    /// Kept the smaller version: it happened, so it counts as showing up.
    Smaller,
    Missed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Kept => "kept",
            Status::Partial => "partial",
            Status::Smaller => "smaller",
            Status::Missed => "missed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "kept" => Some(Status::Kept),
            "partial" => Some(Status::Partial),
            "smaller" => Some(Status::Smaller),
            "missed" => Some(Status::Missed),
            _ => None,
        }
    }

    /// Principle 3: if it happened, it counts. Kept, partly kept and kept
    /// the smaller version all count as showing up.
    pub fn showed_up(self) -> bool {
        matches!(self, Status::Kept | Status::Partial | Status::Smaller)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Kept => "kept",
            Status::Partial => "partly kept",
            Status::Smaller => "kept the smaller version",
            Status::Missed => "missed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub id: String,
    pub promise_id: String,
    #[serde(serialize_with = "super::dates::day::serialize")]
    pub day: NaiveDate,
    pub status: Status,
    pub amount: Option<f64>,
    pub note: Option<String>,
    /// At most one lesson, for a miss.
    pub lesson: Option<String>,
    /// When it last changed, in UTC (the merge rule compares these).
    #[serde(serialize_with = "super::dates::moment::serialize")]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Win {
    pub id: String,
    #[serde(serialize_with = "super::dates::day::serialize")]
    pub day: NaiveDate,
    pub text: String,
    pub area: Option<String>,
    /// The local wall-clock time it was written down, as the person saw
    /// the clock: shown as a time of day, and grouped by hour of day in the
    /// patterns. Not UTC, unlike `updated_at`: it orders nothing between
    /// machines (a win is never edited by another copy's later change; see
    /// `domain::merge`), and the morning win stays a morning win wherever
    /// the journal is read.
    #[serde(serialize_with = "super::dates::moment::serialize")]
    pub created_at: NaiveDateTime,
    /// Kept for oneself: never in a message shared with someone (nor in
    /// the Markdown written to be sent). Absent in exports made before
    /// wins could be private, which read as `false`.
    #[serde(default)]
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: String,
    #[serde(serialize_with = "super::dates::day::serialize")]
    pub day: NaiveDate,
    pub intention: Option<String>,
    pub confidence: Option<u8>,
    /// When it last changed, in UTC (the merge rule compares these).
    #[serde(serialize_with = "super::dates::moment::serialize")]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub id: String,
    #[serde(serialize_with = "super::dates::day::serialize")]
    pub day: NaiveDate,
    /// Answers keyed by prompt key.
    pub answers: BTreeMap<String, String>,
    pub mood: Option<u8>,
    pub confidence: Option<u8>,
    /// When it last changed, in UTC (the merge rule compares these).
    #[serde(serialize_with = "super::dates::moment::serialize")]
    pub updated_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_counts_as_showing_up_and_a_miss_does_not() {
        assert!(Status::Kept.showed_up());
        assert!(Status::Partial.showed_up());
        assert!(Status::Smaller.showed_up());
        assert!(!Status::Missed.showed_up());
    }
}
