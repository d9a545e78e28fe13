//! What `smallwins status` reads, for a shell prompt or a status bar: the
//! least that tells what is left today, read fast enough to run on every
//! prompt (measured in `benches/journal.rs`, `status`).
//!
//! It goes in through the one way into the file ([`connect`], read-only,
//! creating nothing beside it) and [`vet`], and then asks four indexed
//! questions: the promises active on the day, the checks of the week up to
//! it (`checks_by_day`), how many wins the day has (`wins_by_day`), and
//! whether its check-in and reflection are there (their unique days). It
//! never creates a journal, never updates one (a journal of an older
//! version is refused with one sentence: any other command brings it up to
//! date), and starts no daily copy.
//!
//! May use: the rest of `store`.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::connect::{How, connect, vet};
use super::key::Key;
use super::open::open_error;
use super::rows::{check_from_row, promise_from_row};
use super::schema::LATEST_VERSION;
use super::{Result, StoreError};
use crate::model::{Check, Promise};

/// What a day holds, as far as a status line needs it.
#[derive(Debug, Clone)]
pub struct DayRecords {
    /// The promises in the journal on the day (added by then, not archived).
    pub promises: Vec<Promise>,
    /// Their checks from the week's first day to the day itself.
    pub checks: Vec<Check>,
    /// The day's wins, private ones too.
    pub wins: u32,
    /// Whether the day has a morning check-in.
    pub checkin: bool,
    /// Whether the day has an evening reflection.
    pub reflection: bool,
}

/// Reads what [`DayRecords`] holds for `day`, with checks from
/// `week_start` on, from the journal at `path` unlocked with `key`. A
/// missing journal is [`StoreError::NoJournal`]; one of an older version
/// is [`StoreError::NotUpdated`].
pub fn day_records(
    path: &Path,
    key: &Key,
    week_start: NaiveDate,
    day: NaiveDate,
) -> Result<DayRecords> {
    let conn = connect(path, How::Read, key)?;
    let peek = vet(&conn, path)?;
    if peek.fresh() {
        return Err(StoreError::NoJournal(path.to_path_buf()));
    }
    if peek.version < LATEST_VERSION {
        return Err(StoreError::NotUpdated(path.to_path_buf()));
    }
    read(&conn, week_start, day).map_err(|e| open_error(path, e))
}

fn read(conn: &Connection, week_start: NaiveDate, day: NaiveDate) -> rusqlite::Result<DayRecords> {
    let mut promises = conn.prepare(
        "SELECT * FROM promises
         WHERE created_on <= ?1 AND (archived_on IS NULL OR archived_on > ?1)
         ORDER BY position",
    )?;
    let promises = promises
        .query_map([day], promise_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut checks = conn.prepare(
        "SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks
         WHERE day BETWEEN ?1 AND ?2",
    )?;
    let checks = checks
        .query_map(params![week_start, day], check_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (wins, checkin, reflection) = conn.query_row(
        "SELECT (SELECT count(*) FROM wins WHERE day = ?1),
                EXISTS (SELECT 1 FROM checkins WHERE day = ?1),
                EXISTS (SELECT 1 FROM reflections WHERE day = ?1)",
        [day],
        |r| Ok((r.get::<_, u32>(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(DayRecords {
        promises,
        checks,
        wins,
        checkin,
        reflection,
    })
}
