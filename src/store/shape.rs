//! The journal's own schema objects, and refusing a file that holds any
//! other.
//!
//! A trigger, view, index or table added to a journal file runs, or is
//! read, with the journal's own writes: a trigger added to a copy with
//! `sqlite3` would delete every check on the next `smallwins win`. So the
//! objects in a file's `sqlite_schema` (type, name, table and SQL, the
//! SQL's spacing aside) must be exactly those the migrations make for its
//! version; anything else is refused, named, before anything runs it.
//!
//! The journal's own objects for a version are made by running the
//! migrations into an in-memory database. That takes longer than the rest
//! of an open, so for the latest version, the one every ordinary open
//! compares against, they are also kept written out in `latest_schema.txt`
//! (a test checks it against the migrations): an ordinary open reads the
//! file's schema (a few dozen rows) and compares it with that text, and
//! only a file that differs is compared with the migrations' own objects
//! to name what differs.
//!
//! May use: the rest of `store`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use rusqlite::Connection;

use super::open::open_error;
use super::schema::{self, LATEST_VERSION};
use super::{Result, StoreError};

/// One schema object: its type and name, the table it belongs to, and its
/// SQL with runs of spacing made one space (`None` for SQLite's own
/// indexes of a table's keys).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Object {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

/// The objects in a database, by type and name.
type Objects = BTreeMap<(String, String), Object>;

/// Tables SQLite itself may add to any database (`ANALYZE` and
/// `AUTOINCREMENT`); they hold numbers SQLite keeps, never code.
const SQLITE_OWN: [&str; 3] = ["sqlite_stat1", "sqlite_stat4", "sqlite_sequence"];

fn objects(conn: &Connection) -> rusqlite::Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok(Object {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: sql.map(|s| one_spaced(&s)),
        })
    })?;
    let mut found = Objects::new();
    for object in rows {
        let object = object?;
        if object.kind == "table" && SQLITE_OWN.contains(&object.name.as_str()) {
            continue;
        }
        found.insert((object.kind.clone(), object.name.clone()), object);
    }
    Ok(found)
}

/// `sql` with each run of spacing made one space and none at either end.
/// Spacing as SQLite reads it: ASCII only (a no-break space in a file's
/// SQL is not spacing to SQLite, nor here).
fn one_spaced(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    for word in sql.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The journal's own objects at `version`, made by its migrations.
fn reference(version: i32) -> rusqlite::Result<Objects> {
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    schema::migrate(&tx, 0, version)?;
    let found = objects(&tx)?;
    tx.rollback()?;
    Ok(found)
}

/// The latest version's objects, as the migrations make them, one line each.
const LATEST: &str = include_str!("latest_schema.txt");

/// `objects` one line each, in order: `type name table: SQL`.
fn written_out(objects: &Objects) -> String {
    let mut out = String::new();
    for o in objects.values() {
        let sql = o.sql.as_deref().unwrap_or("-");
        writeln!(out, "{} {} {}: {sql}", o.kind, o.name, o.table).ok();
    }
    out
}

/// Refuses the journal behind `conn` if its schema objects are not exactly
/// the journal's own for `version`, naming the first that differs.
pub(super) fn refuse_strangers(conn: &Connection, path: &Path, version: i32) -> Result<()> {
    let found = objects(conn).map_err(|e| open_error(path, e))?;
    if version == LATEST_VERSION && written_out(&found) == LATEST {
        return Ok(());
    }
    let expected = reference(version).map_err(|e| open_error(path, e))?;
    match difference(&found, &expected) {
        None => Ok(()),
        Some(what) => Err(StoreError::Stranger {
            path: path.to_path_buf(),
            what,
        }),
    }
}

/// The first object that is in `found` but not `expected` (or differs
/// there), else the first that is missing, in words: "a trigger “evil”".
fn difference(found: &Objects, expected: &Objects) -> Option<String> {
    let named = |o: &Object| format!("{} “{}”", article(&o.kind), o.name);
    for (key, object) in found {
        match expected.get(key) {
            None => return Some(format!("{} that a journal does not have", named(object))),
            Some(own) if own != object => {
                return Some(format!("{} unlike a journal's own", named(object)));
            }
            Some(_) => {}
        }
    }
    expected
        .iter()
        .find(|(key, _)| !found.contains_key(*key))
        .map(|(_, object)| format!("no {} “{}”, which a journal has", object.kind, object.name))
}

fn article(kind: &str) -> String {
    match kind {
        "index" => "an index".into(),
        other => format!("a {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest_objects() -> Objects {
        reference(LATEST_VERSION).expect("latest")
    }

    /// Set `SMALLWINS_WRITE_SCHEMA=1` to write `latest_schema.txt` anew
    /// after adding a migration (and read the diff).
    #[test]
    fn the_latest_schema_written_out_is_what_the_migrations_make() {
        let made = written_out(&latest_objects());
        if std::env::var_os("SMALLWINS_WRITE_SCHEMA").is_some() {
            let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/latest_schema.txt");
            std::fs::write(file, &made).expect("write latest_schema.txt");
            return;
        }
        assert_eq!(
            made, LATEST,
            "src/store/latest_schema.txt is not what the migrations make; run this test with SMALLWINS_WRITE_SCHEMA=1 to write it anew"
        );
    }

    #[test]
    fn each_version_differs_from_the_latest() {
        let latest = latest_objects();
        for version in 1..LATEST_VERSION {
            let older = reference(version).expect("older");
            assert!(difference(&older, &older).is_none());
            assert!(
                difference(&older, &latest).is_some(),
                "version {version} differs from the latest"
            );
        }
    }

    #[test]
    fn spacing_is_what_sqlite_reads_as_spacing() {
        assert_eq!(
            one_spaced("  CREATE  TABLE\n\tx (\r\n a TEXT\x0c)  "),
            "CREATE TABLE x ( a TEXT )"
        );
        assert_eq!(one_spaced("SELECT 'a\u{a0}b'"), "SELECT 'a\u{a0}b'");
        assert_eq!(one_spaced(""), "");
    }

    #[test]
    fn an_added_trigger_is_named() {
        let mut conn = Connection::open_in_memory().expect("memory");
        let tx = conn.transaction().expect("tx");
        schema::migrate(&tx, 0, LATEST_VERSION).expect("migrate");
        tx.execute_batch("CREATE TRIGGER evil AFTER INSERT ON wins BEGIN DELETE FROM checks; END;")
            .expect("trigger");
        let found = objects(&tx).expect("objects");
        let what = difference(&found, &latest_objects()).expect("a difference");
        assert_eq!(what, "a trigger “evil” that a journal does not have");
    }

    #[test]
    fn spacing_does_not_count_but_a_changed_index_does() {
        let mut conn = Connection::open_in_memory().expect("memory");
        let tx = conn.transaction().expect("tx");
        schema::migrate(&tx, 0, LATEST_VERSION).expect("migrate");
        tx.execute_batch("DROP INDEX checks_by_day; CREATE INDEX checks_by_day ON checks (day);")
            .expect("same index, other spacing");
        assert!(difference(&objects(&tx).expect("objects"), &latest_objects()).is_none());
        tx.execute_batch(
            "DROP INDEX checks_by_day; CREATE INDEX checks_by_day ON checks (day, note);",
        )
        .expect("other index");
        let what = difference(&objects(&tx).expect("objects"), &latest_objects());
        assert_eq!(
            what.as_deref(),
            Some("an index “checks_by_day” unlike a journal's own")
        );
        tx.execute_batch("DROP INDEX checks_by_day;").expect("drop");
        let what = difference(&objects(&tx).expect("objects"), &latest_objects());
        assert_eq!(
            what.as_deref(),
            Some("no index “checks_by_day”, which a journal has")
        );
    }
}
