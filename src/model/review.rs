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
    pub headline: String,
}

/// A week's review: answers to the weekly prompts and the decisions made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: String,
    pub week_start: NaiveDate,
    pub answers: BTreeMap<String, String>,
    pub decisions: Vec<Decision>,
    pub updated_at: NaiveDateTime,
}
