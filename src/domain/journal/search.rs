//! Searching all of the journal's text: wins, notes, lessons, intentions,
//! reflection and weekly answers.
//!
//! May use: `store`, `model` and the rest of `domain`.

use super::Journal;
use crate::domain::Result;
use crate::domain::search::{self, MAX_RESULTS};
use crate::model::SearchHit;

impl Journal {
    /// What matches `typed` across all history: best match first, then
    /// newest first; at most [`MAX_RESULTS`].
    pub fn search(&self, typed: &str) -> Result<Vec<SearchHit>> {
        let query = search::query(typed)?;
        Ok(self.store.search(&query, MAX_RESULTS)?)
    }
}
