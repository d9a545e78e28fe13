//! The schema, one migration per version. `user_version` holds the version;
//! each migration runs in a transaction (rusqlite_migration).

use rusqlite_migration::{M, Migrations};

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

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1).foreign_key_check(), M::up(V2)])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_match_latest() {
        migrations()
            .validate()
            .expect("migrations apply to an empty database");
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        migrations().to_latest(&mut conn).expect("migrate");
        let v: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, LATEST_VERSION);
    }
}
