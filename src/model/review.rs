//! The weekly review: a week's answers to the weekly prompts, and the
//! recalibrations decided in it.
//!
//! May use: nothing of ours.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A recalibration the person accepted or dismissed, with the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub key: String,
    pub accepted: bool,
    pub on: NaiveDate,
    /// The suggestion as it was put to the person (often a question).
    pub headline: String,
    /// What was decided, as a sentence that reads as a decision ("Grow
    /// “Read” to 10 pages."). Empty in reviews saved before decisions were
    /// worded; [`Decision::words`] reads those too.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided: String,
}

impl Decision {
    /// The decision as a sentence, never a question.
    pub fn words(&self) -> String {
        if !self.decided.is_empty() {
            return self.decided.clone();
        }
        let put = self.headline.trim().trim_end_matches(['?', '.']);
        let verb = if self.accepted {
            "Accepted"
        } else {
            "Set aside"
        };
        format!("{verb}: {put}.")
    }
}

/// A week's review: answers to the weekly prompts and the decisions made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: String,
    #[serde(serialize_with = "super::dates::day::serialize")]
    pub week_start: NaiveDate,
    pub answers: BTreeMap<String, String>,
    pub decisions: Vec<Decision>,
    /// When it last changed, in UTC (the merge rule compares these).
    #[serde(serialize_with = "super::dates::moment::serialize")]
    pub updated_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_reads_as_a_decision_even_from_an_older_review() {
        let mut d = Decision {
            key: "grow:x".into(),
            accepted: true,
            on: NaiveDate::from_ymd_opt(2026, 11, 21).expect("day"),
            headline: "Grow “Read” to 10 pages?".into(),
            decided: String::new(),
        };
        assert_eq!(d.words(), "Accepted: Grow “Read” to 10 pages.");
        d.decided = "“Read” grows to 10 pages from Sat 21 Nov.".into();
        assert_eq!(d.words(), "“Read” grows to 10 pages from Sat 21 Nov.");
    }
}
