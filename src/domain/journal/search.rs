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
    /// newest first; at most [`MAX_RESULTS`]. A note or a lesson names its
    /// promise as it read on that day.
    pub fn search(&self, typed: &str) -> Result<Vec<SearchHit>> {
        let query = search::query(typed)?;
        let mut hits = self.store.search(&query, MAX_RESULTS)?;
        for hit in &mut hits {
            search::place_pieces(hit, &query);
        }
        if hits.iter().any(|h| h.promise_id.is_some()) {
            let promises = self.promises(true)?;
            for hit in &mut hits {
                let Some(p) =
                    (hit.promise_id.as_ref()).and_then(|id| promises.iter().find(|p| p.id == *id))
                else {
                    continue;
                };
                hit.promise = Some(p.text_on(hit.day).to_string());
            }
        }
        Ok(hits)
    }
}
