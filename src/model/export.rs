//! The export format: every record of a journal with its stable id, as
//! `smallwins export --format json` writes it and `smallwins import` reads
//! it.
//!
//! May use: nothing of ours but the records beside it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Check, CheckIn, Promise, Reflection, Review, Win};

/// Marks a JSON file as a smallwins export.
pub const EXPORT_FORMAT: &str = "smallwins-export";

/// The export format this build writes and the newest it reads. Version 2
/// added promise numbers, wording versions and "kept the smaller version";
/// version 3 a win's `private` flag (a win in an older export is not
/// private); version 4 ids derived from natural keys and `updated_at` in
/// UTC ([`UTC_SINCE`]). Older exports still import (a version 1 export's
/// promises are numbered on the way in, and every older one is given
/// derived ids and UTC times, `identity::rekey`).
pub const EXPORT_VERSION: u32 = 4;

/// The first export version whose `updated_at` times are UTC; older ones
/// hold the wall-clock time of the machine that wrote them.
pub const UTC_SINCE: u32 = 4;

/// Every record of a journal, with day records limited to `from..=to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_at: NaiveDateTime,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub promises: Vec<Promise>,
    pub checks: Vec<Check>,
    pub wins: Vec<Win>,
    pub checkins: Vec<CheckIn>,
    pub reflections: Vec<Reflection>,
    /// Weekly reviews (absent in exports made before reviews existed).
    #[serde(default)]
    pub reviews: Vec<Review>,
}

impl Export {
    /// How many records of each kind it holds.
    pub fn counts(&self) -> super::Counts {
        super::Counts {
            promises: self.promises.len() as u64,
            checks: self.checks.len() as u64,
            wins: self.wins.len() as u64,
            checkins: self.checkins.len() as u64,
            reflections: self.reflections.len() as u64,
            reviews: self.reviews.len() as u64,
        }
    }
}
