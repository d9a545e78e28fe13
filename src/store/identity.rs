//! Identity two machines agree on, in the file: the device id of this
//! journal file, and the migration (schema version 8) that brings a journal
//! written before it over to derived ids and UTC times.
//!
//! - **The device id** names this journal file on this machine: one
//!   version 7 UUID, made when the journal is created or migrated, kept in
//!   `meta` (what belongs to this file and never travels with its records).
//!   A backup is a copy of the file, so it holds the id too; `restore`
//!   keeps the id of the journal it replaces (the same journal on the same
//!   machine, rolled back), and a journal restored where there was none
//!   keeps its copy's. A machine joining a journal from another one's copy
//!   gets a fresh id ([`Store::renew_device_id`]), so no two machines
//!   share one.
//! - **The migration** gives every record with a natural key the id derived
//!   from it (`model::identity`), with what refers to it (the search
//!   index is filled anew from the records), and turns every `updated_at`
//!   from the wall-clock time it was written at into UTC, read in the
//!   machine's zone. Wins keep their ids and their `created_at`, a local
//!   time of day. As every migration, it runs after a copy of the journal
//!   went to the backups folder, in one transaction.
//!
//! May use: `model` and the rest of `store`.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, Writer};
use crate::model::identity::{self, utc_of};

/// Version 8: the table of what belongs to this file alone. The device id
/// and the re-keying are written by [`to_version_8`].
pub(super) const V8: &str = "
CREATE TABLE meta (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
";

/// The key of the device id in `meta`.
const DEVICE_ID: &str = "device_id";

/// After [`V8`]'s table is made: a device id, derived ids, UTC times
/// (wall-clock times read in `zone`). The records are rewritten with the
/// derived tables' triggers set aside and the search index filled once at
/// the end ([`Writer::in_bulk`]): row by row, the triggers made the
/// migration of a ten-year journal take seconds.
pub(super) fn to_version_8<Tz: TimeZone>(tx: &Transaction<'_>, zone: &Tz) -> rusqlite::Result<()> {
    set_device_id(tx, &crate::model::new_id())?;
    let has_records: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM promises) OR EXISTS (SELECT 1 FROM checkins)
             OR EXISTS (SELECT 1 FROM reflections) OR EXISTS (SELECT 1 FROM reviews)",
        [],
        |r| r.get(0),
    )?;
    if !has_records {
        return Ok(());
    }
    Writer::new(tx)
        .in_bulk(|_| Ok(rekey_and_utc(tx, zone)?))
        .map_err(|e| match e {
            StoreError::Sqlite(e) => e,
            other => rusqlite::Error::ToSqlConversionFailure(Box::new(other)),
        })
}

fn rekey_and_utc<Tz: TimeZone>(tx: &Transaction<'_>, zone: &Tz) -> rusqlite::Result<()> {
    rekey_days(tx, "checks", "day", Some("promise_id"), identity::check_id)?;
    rekey_days(tx, "checkins", "day", None, |_, day| {
        identity::checkin_id(day)
    })?;
    rekey_days(tx, "reflections", "day", None, |_, day| {
        identity::reflection_id(day)
    })?;
    rekey_days(tx, "reviews", "week_start", None, |_, day| {
        identity::review_id(day)
    })?;
    rekey_days(
        tx,
        "targets",
        "from_day",
        Some("promise_id"),
        identity::target_id,
    )?;
    let versions = "promise_versions";
    rekey_days(
        tx,
        versions,
        "from_day",
        Some("promise_id"),
        identity::version_id,
    )?;
    for table in ["promises", "checks", "checkins", "reflections", "reviews"] {
        to_utc(tx, table, zone)?;
    }
    Ok(())
}

/// Gives each row of `table` the id `derive` makes of its promise (when the
/// key has one) and its day. A row whose day cannot be read keeps its id.
fn rekey_days(
    tx: &Transaction<'_>,
    table: &str,
    day: &str,
    promise: Option<&str>,
    derive: impl Fn(&str, NaiveDate) -> String,
) -> rusqlite::Result<()> {
    let promise_col = promise.unwrap_or("''");
    let rows = tx
        .prepare(&format!("SELECT id, {promise_col}, {day} FROM {table}"))?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = tx.prepare(&format!("UPDATE {table} SET id = ?2 WHERE id = ?1"))?;
    for (id, promise_id, day) in rows {
        let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        let new = derive(&promise_id, day);
        if new != id {
            update.execute(params![id, new])?;
        }
    }
    Ok(())
}

/// Turns every `updated_at` of `table` from a wall-clock time in `zone`
/// into UTC. A time that cannot be read is left as it is.
fn to_utc<Tz: TimeZone>(tx: &Transaction<'_>, table: &str, zone: &Tz) -> rusqlite::Result<()> {
    let rows = tx
        .prepare(&format!("SELECT id, updated_at FROM {table}"))?
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDateTime>(1).ok()))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = tx.prepare(&format!("UPDATE {table} SET updated_at = ?2 WHERE id = ?1"))?;
    for (id, at) in rows {
        if let Some(at) = at {
            let utc = utc_of(at, zone);
            if utc != at {
                update.execute(params![id, utc])?;
            }
        }
    }
    Ok(())
}

fn set_device_id(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![DEVICE_ID, id],
    )?;
    Ok(())
}

/// The device id of the journal behind `conn`, if it has one (a journal
/// before version 8 has none).
pub(super) fn device_id_of(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let has_meta: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta')",
        [],
        |r| r.get(0),
    )?;
    if !has_meta {
        return Ok(None);
    }
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [DEVICE_ID], |r| {
        r.get(0)
    })
    .optional()
}

/// Writes `id` as the device id of the journal behind `conn`.
pub(super) fn keep_device_id(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    set_device_id(conn, id)
}

impl Store {
    /// The id of this journal file on this machine (see the module's
    /// notes). Every journal at the current version has one.
    pub fn device_id(&self) -> Result<String> {
        Ok(device_id_of(&self.conn)?.unwrap_or_default())
    }

    /// Gives this journal file a fresh device id and returns it: for a
    /// machine that joins a journal from another machine's copy, so the
    /// two never share one. Not a change to the records: nothing to undo.
    pub fn renew_device_id(&mut self) -> Result<String> {
        let id = crate::model::new_id();
        self.write(|w| Ok(set_device_id(w.tx, &id)?))?;
        Ok(id)
    }
}
