//! The schema, one migration per version. `user_version` holds the version.
//!
//! The migrations run inside the caller's transaction (see `open.rs`), so
//! creating a new journal and bringing an older one up to date are each one
//! exclusive transaction: a second smallwins starting at the same moment
//! waits, then finds the journal ready.
//!
//! May use: nothing of ours.

use rusqlite::{OptionalExtension, Transaction};

/// "SWIN" — written to the header so the file identifies itself.
pub const APPLICATION_ID: i32 = 0x5357_494E;

const V1: &str = "
CREATE TABLE promises (
    id          TEXT PRIMARY KEY NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    cue         TEXT,
    smaller     TEXT,
    area        TEXT,
    schedule    TEXT NOT NULL,
    unit        TEXT,
    position    INTEGER NOT NULL,
    created_on  TEXT NOT NULL,
    archived_on TEXT,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE targets (
    id          TEXT PRIMARY KEY NOT NULL,
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    from_day    TEXT NOT NULL,
    amount      REAL NOT NULL,
    UNIQUE (promise_id, from_day)
) STRICT;

CREATE TABLE checks (
    id          TEXT PRIMARY KEY NOT NULL,
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('kept', 'partial', 'missed')),
    amount      REAL,
    note        TEXT,
    lesson      TEXT,
    updated_at  TEXT NOT NULL,
    UNIQUE (promise_id, day)
) STRICT;
CREATE INDEX checks_by_day ON checks (day);

CREATE TABLE wins (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    area        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX wins_by_day ON wins (day, created_at);

CREATE TABLE checkins (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL UNIQUE,
    intention   TEXT,
    confidence  INTEGER CHECK (confidence BETWEEN 0 AND 10),
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE reflections (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL UNIQUE,
    answers     TEXT NOT NULL DEFAULT '{}',
    mood        INTEGER CHECK (mood BETWEEN 0 AND 10),
    confidence  INTEGER CHECK (confidence BETWEEN 0 AND 10),
    updated_at  TEXT NOT NULL
) STRICT;
";

/// Weekly reviews: a week's answers and the recalibrations decided in it.
const V2: &str = "
CREATE TABLE reviews (
    id          TEXT PRIMARY KEY NOT NULL,
    week_start  TEXT NOT NULL UNIQUE,
    answers     TEXT NOT NULL DEFAULT '{}',
    decisions   TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
) STRICT;
";

/// The search index (`search.rs`): its tables, the triggers that keep it
/// in step with every write, and what an older journal already holds.
const V3: &str = super::search::SCHEMA;

/// The migration that brings version `n` to `n + 1` is `STEPS[n]`.
const STEPS: [&str; 3] = [V1, V2, V3];

/// Applies the migrations from version `from` up to `to` inside `tx`, sets
/// `user_version` to `to`, and checks that every reference still holds.
pub fn migrate(tx: &Transaction<'_>, from: i32, to: i32) -> rusqlite::Result<()> {
    let from = usize::try_from(from).unwrap_or(0);
    let to = usize::try_from(to).unwrap_or(0).min(STEPS.len());
    for step in STEPS.iter().take(to).skip(from) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", to as i64)?;
    let broken: Option<String> = tx
        .query_row(
            "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match broken {
        None => Ok(()),
        Some(table) => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
            Some(format!("a record in {table} refers to one that is missing")),
        )),
    }
}

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &rusqlite::Connection) -> i32 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version")
    }

    #[test]
    fn migrations_apply_in_steps_and_end_at_latest() {
        assert_eq!(STEPS.len(), LATEST_VERSION as usize);
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 1).expect("to version 1");
        tx.commit().expect("commit");
        assert_eq!(version(&conn), 1);
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 1, LATEST_VERSION).expect("to latest");
        tx.commit().expect("commit");
        assert_eq!(version(&conn), LATEST_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .expect("tables");
        // Seven tables of records, the search entries, and the FTS5 index with
        // its four shadow tables.
        assert_eq!(tables, 13);
    }

    #[test]
    fn a_broken_reference_stops_the_migration() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        conn.pragma_update(None, "foreign_keys", "OFF")
            .expect("as an older build might have left it");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 1).expect("to version 1");
        tx.execute(
            "INSERT INTO checks (id, promise_id, day, status, updated_at)
             VALUES ('c', 'nobody', '2026-11-21', 'kept', '2026-11-21 08:00:00')",
            [],
        )
        .expect("not checked while foreign keys are off");
        assert!(migrate(&tx, 1, 2).is_err());
    }
}
