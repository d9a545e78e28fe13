//! Reading one promise's days: the checks of a single promise over a range
//! of days, for a promise's page and `smallwins promise show`. The
//! `UNIQUE (promise_id, day)` index answers it without reading any other
//! promise's rows.
//!
//! May use: `model`.

use chrono::NaiveDate;
use rusqlite::params;

use super::rows::check_from_row;
use super::{Result, Store};
use crate::model::Check;

impl Store {
    /// The checks of `promise_id` from `from` to `to`, both included,
    /// oldest first.
    pub fn checks_of(
        &self,
        promise_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Check>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks
             WHERE promise_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day",
        )?;
        Ok(stmt
            .query_map(params![promise_id, from, to], check_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
