//! The schema, one migration per version. `user_version` holds the version.
//!
//! The migrations run inside the caller's transaction (see `open.rs`), so
//! creating a new journal and bringing an older one up to date are each one
//! exclusive transaction: a second smallwins starting at the same moment
//! waits, then finds the journal ready.
//!
//! May use: `model` and the rest of `store` (`identity.rs`, `search.rs`,
//! `checkpoints.rs` hold their own steps).

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

/// The record tells the truth (issue 9):
/// - every promise gets a short number that never changes, numbered as the
///   full list showed them until now (active ones by position, then
///   archived ones), so the numbers people know keep naming the same
///   promises; a number belongs to one promise (numbers above 0 are unique);
/// - a promise's words (text, cue, smaller version) get versions in force
///   from a day on, like its targets; none yet, so every promise reads as
///   it always did until it is reworded;
/// - a check can be "kept the smaller version" (`smaller`). SQLite cannot
///   change a CHECK constraint, so the checks move to a new table.
const V3: &str = "
ALTER TABLE promises ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE promises SET number = (
    SELECT n FROM (
        SELECT id, row_number() OVER (
            ORDER BY archived_on IS NOT NULL, position, created_on, id
        ) AS n FROM promises
    ) AS listed WHERE listed.id = promises.id
);
CREATE UNIQUE INDEX promises_by_number ON promises (number) WHERE number > 0;

CREATE TABLE promise_versions (
    id          TEXT PRIMARY KEY NOT NULL,
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    from_day    TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    cue         TEXT,
    smaller     TEXT,
    UNIQUE (promise_id, from_day)
) STRICT;

CREATE TABLE checks_v3 (
    id          TEXT PRIMARY KEY NOT NULL,
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('kept', 'partial', 'smaller', 'missed')),
    amount      REAL,
    note        TEXT,
    lesson      TEXT,
    updated_at  TEXT NOT NULL,
    UNIQUE (promise_id, day)
) STRICT;
INSERT INTO checks_v3 (id, promise_id, day, status, amount, note, lesson, updated_at)
    SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks;
DROP TABLE checks;
ALTER TABLE checks_v3 RENAME TO checks;
CREATE INDEX checks_by_day ON checks (day);
";

/// The search index (`search.rs`): its tables, the triggers that keep it
/// in step with every write, and what an older journal already holds. It
/// comes after version 3, which rebuilds the checks table: dropping a table
/// drops its triggers, so the index's triggers on checks are made on the
/// table that stays.
const V4: &str = super::search::SCHEMA;

/// A win can be kept private (issue 13): it is never shared. Every win
/// written before reads as not private, as it always did.
const V5: &str = "
ALTER TABLE wins ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
";

/// Checkpoints of the evidence (`checkpoints.rs`): what the record adds up
/// to before a day, so the evidence is counted from the last one on. An
/// older journal starts without any; its next change writes them.
const V6: &str = super::checkpoints::SCHEMA;

/// Each win keeps its key (`model::win_key`, a hash of its id), indexed, so
/// the shell's short id of a win is found from its neighbours in key order
/// instead of from every win. SQL cannot make the hash: [`fill_win_keys`]
/// writes it for the wins already there, and every insert writes it after.
const V7: &str = "
ALTER TABLE wins ADD COLUMN key TEXT;
CREATE INDEX wins_by_key ON wins (key);
";

/// Writes the key of every win that has none (the wins of a journal made
/// before version 7).
fn fill_win_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let ids = tx
        .prepare("SELECT id FROM wins WHERE key IS NULL")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = tx.prepare("UPDATE wins SET key = ?1 WHERE id = ?2")?;
    for id in ids {
        update.execute([crate::model::win_key(&id), id])?;
    }
    Ok(())
}

/// Identity two machines agree on (issue 17, `identity.rs`): the `meta`
/// table with this file's device id; ids derived from natural keys and
/// `updated_at` in UTC for every record already there.
const V8: &str = super::identity::V8;

/// Sync's own tables (`sync/mod.rs`, issue 20): the outbox, the ledger,
/// each record's stamp, the versions that lost a merge. Empty until the
/// journal joins a sync folder.
const V9: &str = super::sync::SCHEMA;

/// Search finds pieces of text in scripts written without spaces (issue
/// 22, `search.rs`): the trigram index beside the word index, filled from
/// the entries already there.
const V10: &str = super::search::TRIGRAM;

/// A check's status is one of four words, checked as four comparisons
/// rather than `IN` a list: SQLite makes a scratch table for an `IN` list
/// of more than two values each time a row is written, which was a ninth
/// of an import of ten years. The table is made anew with the same columns
/// and rows ([`rebuild_checks`] puts its indexes and triggers back).
const V11: &str = "
CREATE TABLE checks_v11 (
    id          TEXT PRIMARY KEY NOT NULL,
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (
        status = 'kept' OR status = 'partial' OR status = 'smaller' OR status = 'missed'
    ),
    amount      REAL,
    note        TEXT,
    lesson      TEXT,
    updated_at  TEXT NOT NULL,
    UNIQUE (promise_id, day)
) STRICT;
INSERT INTO checks_v11 (id, promise_id, day, status, amount, note, lesson, updated_at)
    SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks;
DROP TABLE checks;
ALTER TABLE checks_v11 RENAME TO checks;
";

/// Version 11 ([`V11`]): dropping the checks table drops its index and the
/// triggers that keep the search index and the checkpoints in step, so
/// their SQL is read first and run again, exactly as it was, on the table
/// that takes its place.
fn rebuild_checks(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let own = tx
        .prepare(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'checks'
                 AND type IN ('index', 'trigger') AND sql IS NOT NULL
             ORDER BY type, name",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.execute_batch(V11)?;
    for sql in own {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

/// The migration that brings version `n` to `n + 1` is `STEPS[n]` (`""`
/// where it is made in code).
const STEPS: [&str; 11] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, ""];

/// Applies the migrations from version `from` up to `to` inside `tx`, sets
/// `user_version` to `to`, and checks that every reference still holds.
pub fn migrate(tx: &Transaction<'_>, from: i32, to: i32) -> rusqlite::Result<()> {
    let from = usize::try_from(from).unwrap_or(0);
    let to = usize::try_from(to).unwrap_or(0).min(STEPS.len());
    for (n, step) in STEPS.iter().enumerate().take(to).skip(from) {
        tx.execute_batch(step)?;
        if n + 1 == 7 {
            fill_win_keys(tx)?;
        }
        if n + 1 == 8 {
            // The times were written by this machine's wall clock.
            super::identity::to_version_8(tx, &chrono::Local)?;
        }
        if n + 1 == 11 {
            rebuild_checks(tx)?;
        }
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
pub const LATEST_VERSION: i32 = 11;

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
        // Seven tables of records, the promises' wording history, the search
        // entries, the FTS5 word index and trigram index with four shadow
        // tables each, the two tables of checkpoints, this file's own
        // `meta`, and sync's six.
        assert_eq!(tables, 28);
    }

    #[test]
    fn version_11_keeps_every_check_its_index_and_triggers_and_still_refuses_a_stranger_status() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 10).expect("to version 10");
        tx.execute_batch(
            "INSERT INTO promises (id, number, text, schedule, position, created_on, updated_at)
                 VALUES ('p', 1, 'Stretch', 'daily', 0, '2026-11-01', '2026-11-01 08:00:00');
             INSERT INTO checks (id, promise_id, day, status, amount, note, updated_at)
                 VALUES ('a', 'p', '2026-11-20', 'kept', NULL, 'on the train platform', '2026-11-20 08:00:00'),
                        ('b', 'p', '2026-11-21', 'smaller', 2.5, NULL, '2026-11-21 08:00:00');",
        )
        .expect("records");
        let around = |tx: &Transaction<'_>| -> (Vec<String>, String) {
            let own = tx
                .prepare(
                    "SELECT type || ' ' || name FROM sqlite_master
                     WHERE tbl_name = 'checks' AND type <> 'table' ORDER BY 1",
                )
                .expect("prepare")
                .query_map([], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            let rows = tx
                .query_row(
                    "SELECT group_concat(id || status || coalesce(amount, '') || coalesce(note, ''), '|')
                     FROM (SELECT * FROM checks ORDER BY id)",
                    [],
                    |r| r.get(0),
                )
                .expect("checks");
            (own, rows)
        };
        let before = around(&tx);
        assert_eq!(
            before.0.len(),
            9,
            "an index, two key indexes, six triggers: {:?}",
            before.0
        );
        migrate(&tx, 10, 11).expect("to version 11");
        assert_eq!(around(&tx), before);
        let found: i64 = tx
            .query_row(
                "SELECT count(*) FROM search WHERE search MATCH 'platform'",
                [],
                |r| r.get(0),
            )
            .expect("search");
        assert_eq!(found, 1, "the note is still found");
        tx.execute(
            "UPDATE checks SET note = 'a bus instead', updated_at = '2026-11-21 09:00:00' WHERE id = 'a'",
            [],
        )
        .expect("update");
        let found: i64 = tx
            .query_row(
                "SELECT count(*) FROM search WHERE search MATCH 'bus'",
                [],
                |r| r.get(0),
            )
            .expect("search");
        assert_eq!(found, 1, "the search triggers work on the new table");
        for status in ["kept", "partial", "smaller", "missed"] {
            tx.execute("UPDATE checks SET status = ?1 WHERE id = 'b'", [status])
                .expect(status);
        }
        assert!(
            tx.execute("UPDATE checks SET status = 'Kept' WHERE id = 'b'", [])
                .is_err()
        );
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

    #[test]
    fn version_3_numbers_promises_as_the_list_showed_them_and_keeps_checks() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 2).expect("to version 2");
        for (id, position, archived) in
            [("a", 1, None), ("b", 0, Some("2026-11-10")), ("c", 2, None)]
        {
            tx.execute(
                "INSERT INTO promises (id, text, schedule, position, created_on, archived_on, updated_at)
                 VALUES (?1, 'x', 'daily', ?2, '2026-11-01', ?3, '2026-11-01 08:00:00')",
                rusqlite::params![id, position, archived],
            )
            .expect("promise");
        }
        tx.execute(
            "INSERT INTO checks (id, promise_id, day, status, updated_at)
             VALUES ('k', 'a', '2026-11-02', 'kept', '2026-11-02 20:00:00')",
            [],
        )
        .expect("check");
        migrate(&tx, 2, 3).expect("to version 3");
        let numbers: Vec<(String, i64)> = tx
            .prepare("SELECT id, number FROM promises ORDER BY number")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("numbers");
        assert_eq!(
            numbers,
            [
                ("a".to_string(), 1),
                ("c".to_string(), 2),
                ("b".to_string(), 3)
            ]
        );
        let kept: i64 = tx
            .query_row(
                "SELECT count(*) FROM checks WHERE status = 'kept'",
                [],
                |r| r.get(0),
            )
            .expect("checks");
        assert_eq!(kept, 1);
        tx.execute(
            "INSERT INTO checks (id, promise_id, day, status, updated_at)
             VALUES ('s', 'c', '2026-11-02', 'smaller', '2026-11-02 20:00:00')",
            [],
        )
        .expect("the smaller version can be recorded");
    }

    #[test]
    fn version_5_keeps_every_win_and_reads_it_as_not_private() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 4).expect("to version 4");
        tx.execute(
            "INSERT INTO wins (id, day, text, created_at)
             VALUES ('w', '2026-11-20', 'cooked dinner', '2026-11-20 19:00:00')",
            [],
        )
        .expect("win");
        migrate(&tx, 4, 5).expect("to version 5");
        let private: i64 = tx
            .query_row("SELECT private FROM wins WHERE id = 'w'", [], |r| r.get(0))
            .expect("the win is still there");
        assert_eq!(private, 0);
        assert!(
            tx.execute("UPDATE wins SET private = 2 WHERE id = 'w'", [])
                .is_err(),
            "private is yes or no"
        );
    }

    #[test]
    fn version_7_gives_every_win_already_there_its_key() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        let tx = conn.transaction().expect("tx");
        migrate(&tx, 0, 6).expect("to version 6");
        for id in ["w1", "0192abcd-0000-7000-8000-000000000000"] {
            tx.execute(
                "INSERT INTO wins (id, day, text, created_at)
                 VALUES (?1, '2026-11-20', 'cooked dinner', '2026-11-20 19:00:00')",
                [id],
            )
            .expect("win");
        }
        migrate(&tx, 6, 7).expect("to version 7");
        let keys: Vec<(String, String)> = tx
            .prepare("SELECT id, key FROM wins ORDER BY id")
            .expect("select")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("keys")
            .collect::<rusqlite::Result<_>>()
            .expect("every win has a key");
        assert_eq!(keys.len(), 2);
        for (id, key) in keys {
            assert_eq!(key, crate::model::win_key(&id));
        }
    }
}
