//! What sync keeps in the journal file, beside the records: each local
//! transaction's changes until they are written to the sync folder (the
//! outbox), which other machines' changes were applied (the ledger, with
//! a floor per machine once a snapshot brought its changes), the
//! time and machine of the last change of every record (its stamp, so the
//! merge rule can compare), and every version that lost a merge.
//!
//! - `record.rs`: the session extension records each transaction that
//!   [`Store::write`] runs, on the record tables only (the search index
//!   and the checkpoints are derived; each machine rebuilds its own).
//! - `apply.rs`: another machine's changeset, applied by SQLite with the
//!   merge rule (passed in by the domain) deciding each row.
//! - `codec.rs`: changesets as bytes, in SQLite's own format.
//! - `snapshot.rs`: the whole journal as one changeset, with every
//!   record's stamp, and applying another machine's; the ledger's floors
//!   (every change of a machine up to a sequence applied).
//!
//! None of these tables is ever synced; `smallwins sync leave` empties them.
//!
//! May use: `model` and the rest of `store`.

mod apply;
mod codec;
mod record;
mod snapshot;

use std::path::PathBuf;

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store};
pub use apply::{Incoming, Outcome};
pub(super) use record::start;
pub use snapshot::{Floor, IncomingSnapshot, Snapshot};

/// The tables of records: what sync ships. Each has its primary key, `id`,
/// as its first column.
pub const RECORD_TABLES: [&str; 8] = [
    "promises",
    "targets",
    "promise_versions",
    "checks",
    "wins",
    "checkins",
    "reflections",
    "reviews",
];

/// The tables sync keeps (a migration makes them; see `schema.rs`).
pub(super) const SCHEMA: &str = "
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) STRICT;
CREATE TABLE sync_outbox (
    seq      INTEGER PRIMARY KEY NOT NULL,
    made_at  TEXT NOT NULL,
    changes  BLOB NOT NULL
) STRICT;
CREATE TABLE sync_applied (
    device   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    sent_at  TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (device, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_stamps (
    tbl   TEXT NOT NULL,
    id    TEXT NOT NULL,
    at    TEXT NOT NULL,
    by    TEXT NOT NULL,
    gone  INTEGER NOT NULL,
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_lost (
    n       INTEGER PRIMARY KEY,
    merged  TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    id      TEXT NOT NULL,
    row     TEXT NOT NULL,
    by      TEXT NOT NULL
) STRICT;
CREATE TABLE sync_skipped (
    file    TEXT PRIMARY KEY NOT NULL,
    reason  TEXT NOT NULL
) STRICT;
";

/// How this journal takes part in sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// This journal's machine: the name of its folder in the sync folder.
    pub device: String,
    /// The journal all machines share; every file in the folder names it.
    pub journal: String,
    /// The folder that holds `smallwins-sync`.
    pub folder: PathBuf,
    /// The key derived from the passphrase (kept here so a sync asks for
    /// nothing; the journal file is readable only by its owner).
    pub key: Vec<u8>,
    /// This machine's name, shown on the others.
    pub name: String,
}

/// A change of this machine waiting to be written to the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub seq: i64,
    pub made_at: NaiveDateTime,
    pub changes: Vec<u8>,
}

/// Another machine as the ledger knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    pub device: String,
    pub name: String,
    /// How many of its changes were applied here.
    pub applied: u64,
    /// When it wrote the newest of its changes applied here (UTC).
    pub last: NaiveDateTime,
}

/// A version of a record that lost a merge, kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Lost {
    pub merged_at: NaiveDateTime,
    pub table: String,
    pub id: String,
    /// The row's columns as JSON.
    pub row: String,
    /// The change that wrote the version that lost (`device/sequence`).
    pub by: String,
}

const KEYS: [&str; 6] = ["device", "journal", "folder", "key", "name", "next_seq"];

impl Store {
    /// How this journal takes part in sync, if it does.
    pub fn sync_joined(&self) -> Result<Option<Joined>> {
        joined(&self.conn)
    }

    /// Makes this journal take part: remembers `joined`, stamps every
    /// record at `base_at` and puts the whole journal in the outbox as its
    /// first change, so the other machines get what it already holds.
    pub fn sync_join(&mut self, joined: &Joined, base_at: NaiveDateTime) -> Result<()> {
        self.write_unrecorded(|w| {
            let tx: &Connection = w.tx;
            clear(tx)?;
            let hex: String = joined.key.iter().map(|b| format!("{b:02x}")).collect();
            let folder = joined.folder.to_string_lossy().into_owned();
            for (key, value) in [
                ("device", joined.device.as_str()),
                ("journal", joined.journal.as_str()),
                ("folder", folder.as_str()),
                ("key", hex.as_str()),
                ("name", joined.name.as_str()),
                ("next_seq", "1"),
            ] {
                tx.execute(
                    "INSERT INTO sync_state (key, value) VALUES (?1, ?2)",
                    params![key, value],
                )?;
            }
            record::base(tx, &joined.device, base_at)?;
            Ok(())
        })
    }

    /// Stops taking part: forgets the folder, the key, the outbox, the
    /// ledger and the stamps. The records stay as they are.
    pub fn sync_leave(&mut self) -> Result<()> {
        self.write_unrecorded(|w| Ok(clear(w.tx)?))
    }

    /// This machine's changes not yet written to the folder, oldest first.
    pub fn sync_outbox(&self) -> Result<Vec<Outgoing>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, made_at, changes FROM sync_outbox ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(Outgoing {
                seq: r.get(0)?,
                made_at: r.get(1)?,
                changes: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets a change once its file is in the folder.
    pub fn sync_sent(&mut self, seq: i64) -> Result<()> {
        self.write_unrecorded(|w| {
            w.tx.execute("DELETE FROM sync_outbox WHERE seq = ?1", [seq])?;
            Ok(())
        })
    }

    /// Whether the change `seq` of `device` was applied here.
    pub fn sync_was_applied(&self, device: &str, seq: i64) -> Result<bool> {
        Ok(snapshot::was_applied(&self.conn, device, seq)?)
    }

    /// The other machines whose changes were applied here (one by one or
    /// in a snapshot).
    pub fn sync_machines(&self) -> Result<Vec<Machine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT device, max(name), max(sent_at) FROM sync_applied
             GROUP BY device ORDER BY device",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut machines = Vec::with_capacity(rows.len());
        for (device, name, last) in rows {
            let floor = snapshot::floor(&self.conn, &device)?;
            let above: i64 = self
                .conn
                .prepare_cached("SELECT count(*) FROM sync_applied WHERE device = ?1 AND seq > ?2")?
                .query_row(params![device, floor], |r| r.get(0))?;
            machines.push(Machine {
                device,
                name,
                applied: (floor + above).try_into().unwrap_or(0),
                last,
            });
        }
        Ok(machines)
    }

    /// Replaces the files the last sync skipped, each with why.
    pub fn sync_set_skipped(&mut self, skipped: &[(String, String)]) -> Result<()> {
        self.write_unrecorded(|w| {
            w.tx.execute("DELETE FROM sync_skipped", [])?;
            for (file, reason) in skipped {
                w.tx.execute(
                    "INSERT OR REPLACE INTO sync_skipped (file, reason) VALUES (?1, ?2)",
                    params![file, reason],
                )?;
            }
            Ok(())
        })
    }

    /// The files the last sync skipped, each with why.
    pub fn sync_skipped(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT file, reason FROM sync_skipped ORDER BY file")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every version that lost a merge, newest first.
    pub fn sync_lost(&self) -> Result<Vec<Lost>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT merged, tbl, id, row, by FROM sync_lost ORDER BY n DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(Lost {
                merged_at: r.get(0)?,
                table: r.get(1)?,
                id: r.get(2)?,
                row: r.get(3)?,
                by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn clear(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM sync_state; DELETE FROM sync_outbox; DELETE FROM sync_applied;
         DELETE FROM sync_stamps; DELETE FROM sync_lost; DELETE FROM sync_skipped;",
    )
}

fn state(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

fn joined(conn: &Connection) -> Result<Option<Joined>> {
    let mut values = Vec::with_capacity(KEYS.len());
    for key in KEYS {
        match state(conn, key)? {
            Some(v) => values.push(v),
            None => return Ok(None),
        }
    }
    let key = (0..values[3].len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(values[3].get(i..i + 2)?, 16).ok())
        .collect();
    Ok(Some(Joined {
        device: values[0].clone(),
        journal: values[1].clone(),
        folder: PathBuf::from(&values[2]),
        key,
        name: values[4].clone(),
    }))
}

/// One whole row of a record table, as the file holds it now.
fn read_row(conn: &Connection, table: &str, id: &str) -> rusqlite::Result<Option<Vec<Value>>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let n = stmt.column_count();
    stmt.query_row([id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .optional()
}

/// Every row of a record table.
fn all_rows(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Vec<Value>>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY id"))?;
    let n = stmt.column_count();
    let rows = stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?;
    rows.collect()
}

/// A record's stamp: the change that last wrote (or removed) it, and when.
fn stamp(
    conn: &Connection,
    table: &str,
    id: &str,
) -> rusqlite::Result<Option<(String, NaiveDateTime)>> {
    conn.prepare_cached("SELECT by, at FROM sync_stamps WHERE tbl = ?1 AND id = ?2")?
        .query_row(params![table, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
}

fn set_stamp(
    conn: &Connection,
    table: &str,
    id: &str,
    by: &str,
    at: NaiveDateTime,
    gone: bool,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_stamps (tbl, id, at, by, gone) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, id) DO UPDATE SET at = excluded.at, by = excluded.by, gone = excluded.gone",
    )?
    .execute(params![table, id, at, by, gone])?;
    Ok(())
}

/// The name of a change in stamps: its machine and its sequence number,
/// padded so that later changes of one machine sort after earlier ones.
pub fn change_name(device: &str, seq: i64) -> String {
    format!("{device}/{seq:012}")
}
