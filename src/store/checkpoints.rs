//! Checkpoints of the evidence, and the bounded reads the evidence makes
//! around them.
//!
//! A checkpoint holds what the record adds up to before a day (see
//! [`PromiseCheckpoint`] and [`TotalsCheckpoint`]), so the evidence of any
//! day is counted from the last checkpoint before it rather than from the
//! first day of the journal. The domain computes them and writes them after
//! a change; triggers drop every checkpoint a change of a record makes
//! wrong, whatever made the change (a key, a command, an import, an undo),
//! so a checkpoint that is there is always right. A missing one only costs
//! time: the evidence is then counted from the one before, or from the
//! start. They are never exported: they follow from the records.
//!
//! [`SCHEMA`] is one self-contained migration (version 6).
//!
//! May use: `model` and the rest of `store`.

use chrono::{NaiveDate, Weekday};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::rows::{bad_value, win_from_row};
use super::{Result, Store, StoreError, Writer};
use crate::model::{PromiseCheckpoint, Status, TotalsCheckpoint, Win};

/// The migration that adds the checkpoints and the triggers that drop them.
///
/// A check counts for its promise's checkpoints after its day and for the
/// totals after its day; a win for the totals after its day. A promise's
/// schedule, first day and archive day decide which days asked for it, so
/// changing any of them drops all of its checkpoints. Deleting a promise
/// drops its checkpoints with it (and its checks, through their triggers,
/// the totals after them).
pub const SCHEMA: &str = "
CREATE TABLE promise_checkpoints (
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    week_start  INTEGER NOT NULL CHECK (week_start BETWEEN 0 AND 6),
    day         TEXT NOT NULL,
    strength    REAL NOT NULL,
    slots       INTEGER NOT NULL,
    recent      TEXT NOT NULL,
    blank_run   INTEGER NOT NULL,
    blank_since TEXT,
    kept        INTEGER NOT NULL,
    partial     INTEGER NOT NULL,
    smaller     INTEGER NOT NULL,
    PRIMARY KEY (promise_id, week_start, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE totals_checkpoints (
    day           TEXT PRIMARY KEY NOT NULL,
    kept          INTEGER NOT NULL,
    partial       INTEGER NOT NULL,
    smaller       INTEGER NOT NULL,
    wins          INTEGER NOT NULL,
    first_day     TEXT,
    days_shown_up INTEGER NOT NULL,
    longest_run   INTEGER NOT NULL,
    run           INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER checks_checkpoints_insert AFTER INSERT ON checks BEGIN
    DELETE FROM promise_checkpoints WHERE promise_id = new.promise_id AND day > new.day;
    DELETE FROM totals_checkpoints WHERE day > new.day;
END;

CREATE TRIGGER checks_checkpoints_delete AFTER DELETE ON checks BEGIN
    DELETE FROM promise_checkpoints WHERE promise_id = old.promise_id AND day > old.day;
    DELETE FROM totals_checkpoints WHERE day > old.day;
END;

CREATE TRIGGER checks_checkpoints_update AFTER UPDATE ON checks
WHEN old.status IS NOT new.status OR old.day IS NOT new.day OR old.promise_id IS NOT new.promise_id
BEGIN
    DELETE FROM promise_checkpoints WHERE promise_id = old.promise_id AND day > old.day;
    DELETE FROM promise_checkpoints WHERE promise_id = new.promise_id AND day > new.day;
    DELETE FROM totals_checkpoints WHERE day > min(old.day, new.day);
END;

CREATE TRIGGER wins_checkpoints_insert AFTER INSERT ON wins BEGIN
    DELETE FROM totals_checkpoints WHERE day > new.day;
END;

CREATE TRIGGER wins_checkpoints_delete AFTER DELETE ON wins BEGIN
    DELETE FROM totals_checkpoints WHERE day > old.day;
END;

CREATE TRIGGER wins_checkpoints_update AFTER UPDATE ON wins
WHEN old.day IS NOT new.day
BEGIN
    DELETE FROM totals_checkpoints WHERE day > min(old.day, new.day);
END;

CREATE TRIGGER promises_checkpoints_update AFTER UPDATE ON promises
WHEN old.schedule IS NOT new.schedule OR old.created_on IS NOT new.created_on
  OR old.archived_on IS NOT new.archived_on OR old.id IS NOT new.id
BEGIN
    DELETE FROM promise_checkpoints WHERE promise_id IN (old.id, new.id);
END;
";

fn weekday_to_sql(w: Weekday) -> i64 {
    i64::from(w.num_days_from_monday())
}

fn promise_checkpoint_from_row(r: &Row<'_>) -> rusqlite::Result<PromiseCheckpoint> {
    let week: i64 = r.get("week_start")?;
    let week_starts_on = crate::model::weekday::WEEK
        .get(usize::try_from(week).unwrap_or(usize::MAX))
        .copied()
        .ok_or_else(|| bad_value(1, "week start"))?;
    Ok(PromiseCheckpoint {
        promise_id: r.get("promise_id")?,
        week_starts_on,
        day: r.get("day")?,
        strength: r.get("strength")?,
        slots: r.get("slots")?,
        recent: r.get("recent")?,
        blank_run: r.get("blank_run")?,
        blank_since: r.get("blank_since")?,
        kept: r.get("kept")?,
        partial: r.get("partial")?,
        smaller: r.get("smaller")?,
    })
}

fn totals_checkpoint_from_row(r: &Row<'_>) -> rusqlite::Result<TotalsCheckpoint> {
    Ok(TotalsCheckpoint {
        day: r.get("day")?,
        kept: r.get("kept")?,
        partial: r.get("partial")?,
        smaller: r.get("smaller")?,
        wins: r.get("wins")?,
        first_day: r.get("first_day")?,
        days_shown_up: r.get("days_shown_up")?,
        longest_run: r.get("longest_run")?,
        run: r.get("run")?,
    })
}

impl Store {
    /// Runs `f` on one snapshot of the journal: every read inside it sees
    /// the same records, even while another smallwins writes.
    pub fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
            .map_err(StoreError::from)?;
        let value = f()?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` in one immediate transaction in which the store's own
    /// reads see what `f` is about to write over: for the checkpoints,
    /// which are read, extended and written back together so that no
    /// other writer's change can fall in between.
    pub fn read_and_write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store, &Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(self, &Writer::new(&tx))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Each promise's last checkpoint counted with weeks starting on
    /// `week_starts_on`, on or before `day`.
    pub fn promise_checkpoints(
        &self,
        week_starts_on: Weekday,
        day: NaiveDate,
    ) -> Result<Vec<PromiseCheckpoint>> {
        // Promise by promise, each checkpoint found by its key (a CROSS
        // JOIN keeps SQLite from reading every checkpoint instead).
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.* FROM promises AS p CROSS JOIN promise_checkpoints AS c
               ON c.promise_id = p.id AND c.week_start = ?1
              AND c.day = (SELECT max(day) FROM promise_checkpoints
                           WHERE promise_id = p.id AND week_start = ?1 AND day <= ?2)",
        )?;
        Ok(stmt
            .query_map(
                params![weekday_to_sql(week_starts_on), day],
                promise_checkpoint_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The last totals checkpoint on or before `day`.
    pub fn totals_checkpoint(&self, day: NaiveDate) -> Result<Option<TotalsCheckpoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM totals_checkpoints WHERE day <= ?1 ORDER BY day DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row([day], totals_checkpoint_from_row)
            .optional()?)
    }

    /// The last totals checkpoint on or before `day` that counts at most
    /// `wins` wins before it.
    pub fn totals_checkpoint_with_wins(
        &self,
        day: NaiveDate,
        wins: u32,
    ) -> Result<Option<TotalsCheckpoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM totals_checkpoints WHERE day <= ?1 AND wins <= ?2
             ORDER BY day DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row(params![day, wins], totals_checkpoint_from_row)
            .optional()?)
    }

    /// The day and status of every check from `from` to `to`, in day order.
    pub fn statuses_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Status)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, status FROM checks WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            let status: String = r.get(1)?;
            Ok((
                r.get(0)?,
                Status::parse(&status).ok_or_else(|| bad_value(1, "status"))?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The day of every win from `from` to `to`, in day order.
    pub fn win_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT day FROM wins WHERE day BETWEEN ?1 AND ?2 ORDER BY day")?;
        let rows = stmt.query_map(params![from, to], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The first day with a check or a win, up to `to`.
    pub fn first_record_day(&self, to: NaiveDate) -> Result<Option<NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(day) FROM (SELECT min(day) AS day FROM checks WHERE day <= ?1
                                   UNION ALL SELECT min(day) FROM wins WHERE day <= ?1)",
        )?;
        Ok(stmt.query_row([to], |r| r.get(0))?)
    }

    /// The win `offset` places after the first from `from` to `to`, in the
    /// order [`Store::wins_between`] lists them.
    pub fn win_at(&self, from: NaiveDate, to: NaiveDate, offset: u32) -> Result<Option<Win>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, text, area, created_at, private FROM wins WHERE day BETWEEN ?1 AND ?2
             ORDER BY day, created_at, id LIMIT 1 OFFSET ?3",
        )?;
        Ok(stmt
            .query_row(params![from, to, offset], win_from_row)
            .optional()?)
    }
}

impl Writer<'_> {
    pub fn put_promise_checkpoint(&self, c: &PromiseCheckpoint) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO promise_checkpoints (promise_id, week_start, day, strength,
                   slots, recent, blank_run, blank_since, kept, partial, smaller)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                c.promise_id,
                weekday_to_sql(c.week_starts_on),
                c.day,
                c.strength,
                c.slots,
                c.recent,
                c.blank_run,
                c.blank_since,
                c.kept,
                c.partial,
                c.smaller
            ])?;
        Ok(())
    }

    pub fn put_totals_checkpoint(&self, c: &TotalsCheckpoint) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO totals_checkpoints (day, kept, partial, smaller, wins,
                   first_day, days_shown_up, longest_run, run)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                c.day,
                c.kept,
                c.partial,
                c.smaller,
                c.wins,
                c.first_day,
                c.days_shown_up,
                c.longest_run,
                c.run
            ])?;
        Ok(())
    }

    /// Drops the promise checkpoints counted with another first day of the
    /// week (the config changed).
    pub fn drop_promise_checkpoints_except(&self, week_starts_on: Weekday) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM promise_checkpoints WHERE week_start <> ?1")?
            .execute([weekday_to_sql(week_starts_on)])?;
        Ok(())
    }
}
