//! Loop Habit Tracker's backup (Settings → Export full backup): a copy of
//! its SQLite database, read through SQLite itself. The one place outside
//! `store` that speaks SQL, and only to a foreign file: opened read-only
//! and immutable (nothing is written beside it, no lock is taken), never
//! through the journal's own way into its file, and only after it shows
//! Loop's tables `Habits` and `Repetitions`.
//!
//! Loop's schema (its migrations 09 to 25): `Habits` (`name`, `position`
//! from 0, `archived`, `freq_num` in `freq_den` days, `description`, and
//! from later versions `type` 1 for numerical, `target_type` 1 for "at
//! most", `target_value`, `unit`); `Repetitions` (`habit`, `timestamp` in
//! milliseconds at UTC midnight of the day, and from later versions
//! `value`, an entry code or a numerical amount × 1000, and `notes`).
//! Columns a backup of an older Loop lacks take Loop's own defaults.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::loop_habits::{Entry, LoopHabit, Out, Row, SQLITE_HEADER, WHAT, not_loop, zip_refused};
use super::{open_file, unreadable_io, zip};
use crate::cli::error::{CliError, Result};

/// The backup zipped: its one `.db` member unpacked to a private temporary
/// file (removed when the import ends), then read like a bare backup.
pub fn read_zipped(archive: &mut zip::Archive, shown: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let dbs: Vec<String> = archive
        .names()
        .filter(|n| n.to_lowercase().ends_with(".db"))
        .map(str::to_string)
        .collect();
    let name = match dbs.as_slice() {
        [one] => one.clone(),
        [] => return Err(not_loop(shown)),
        many => {
            return Err(CliError::Input(format!(
                "{} holds {} backups ({}), so nothing was imported; unzip it and import the one you mean.",
                shown.display(),
                many.len(),
                many.join(", ")
            )));
        }
    };
    let failed = |e: std::io::Error| {
        CliError::Failed(format!(
            "{name} in {} could not be unpacked to a temporary file ({e}); make room in the temporary folder, or unzip it and import the .db.",
            shown.display()
        ))
    };
    let mut temp = tempfile::NamedTempFile::new().map_err(failed)?;
    archive
        .copy(&name, zip::MAX_TOTAL, temp.as_file_mut())
        .map_err(|why| zip_refused(shown, &why))?;
    read(temp.path(), shown, out)
}

/// The backup in `file` (named `shown` in sentences), into `out`.
pub fn read(file: &Path, shown: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    check_header(file, shown)?;
    let db = open(file, shown)?;
    if !has_loop_tables(&db).map_err(|e| damaged(shown, &e))? {
        return Err(CliError::Input(format!(
            "{} is an SQLite file but not Loop Habit Tracker's backup (it has no tables Habits and Repetitions), so nothing was imported; give {WHAT}.",
            shown.display()
        )));
    }
    let habits = habits(&db).map_err(|e| damaged(shown, &e))?;
    let repetitions = Repetitions::of(&db).map_err(|e| damaged(shown, &e))?;
    for (habit, id, key) in &habits {
        out.habit(habit, key, false, &mut |each| {
            repetitions.each(&db, *id, shown, each)
        })?;
    }
    repetitions.count_left_out(out);
    Ok(())
}

/// Refuses a file that does not start like an SQLite database (a regular
/// file of at most the import cap).
fn check_header(file: &Path, shown: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut opened = open_file(file, WHAT)?;
    let n = opened
        .read(&mut head)
        .map_err(|e| unreadable_io(file, WHAT, e))?;
    if head[..n].starts_with(SQLITE_HEADER) {
        Ok(())
    } else {
        Err(not_loop(shown))
    }
}

/// `file` opened read-only and immutable, as SQLite's URI says.
fn open(file: &Path, shown: &Path) -> Result<Connection> {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(&absolute));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = Connection::open_with_flags(uri, flags).map_err(|e| damaged(shown, &e))?;
    // Nothing in a foreign file runs: no triggers or views are read, and
    // functions in its schema are not trusted.
    db.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;")
        .map_err(|e| damaged(shown, &e))?;
    Ok(db)
}

/// A path as a URI's path: every byte but the plain ones percent-encoded.
fn uri_path(path: &Path) -> String {
    let raw = path.to_string_lossy();
    let mut out = String::new();
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// "X could not be read as Loop's backup: it is damaged …".
fn damaged(shown: &Path, e: &rusqlite::Error) -> CliError {
    let why = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            "it is damaged".to_string()
        }
        _ => format!("SQLite says: {e}"),
    };
    CliError::Input(format!(
        "{} could not be read as Loop Habit Tracker's backup ({why}), so nothing was imported; export the backup again from Loop.",
        shown.display()
    ))
}

fn has_loop_tables(db: &Connection) -> rusqlite::Result<bool> {
    let tables: i64 = db.query_row(
        "SELECT count(DISTINCT lower(name)) FROM sqlite_master
          WHERE type = 'table' AND lower(name) IN ('habits', 'repetitions')",
        [],
        |r| r.get(0),
    )?;
    Ok(tables == 2)
}

/// The columns `table` has, lower-case.
fn columns(db: &Connection, table: &str) -> rusqlite::Result<HashSet<String>> {
    let mut stmt = db.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    names.map(|n| n.map(|n| n.to_lowercase())).collect()
}

/// `column` if the table has it, else Loop's default for it.
fn or_default(have: &HashSet<String>, column: &str, default: &str) -> String {
    if have.contains(column) {
        column.to_string()
    } else {
        default.to_string()
    }
}

/// Every habit in Loop's order, with its row id and the key it is known by
/// (its name; with its number too, when two share a name).
fn habits(db: &Connection) -> rusqlite::Result<Vec<(LoopHabit, i64, String)>> {
    let have = columns(db, "Habits")?;
    let col = |c: &str, d: &str| or_default(&have, c, d);
    let sql = format!(
        "SELECT id, name, archived, freq_num, freq_den, {}, {}, {}, {}, {}
           FROM Habits ORDER BY position, id",
        col("description", "''"),
        col("type", "0"),
        col("target_type", "0"),
        col("target_value", "0"),
        col("unit", "''"),
    );
    let mut stmt = db.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut habits = Vec::new();
    while let Some(r) = rows.next()? {
        let position = u32::try_from(habits.len() + 1).unwrap_or(u32::MAX);
        let habit = LoopHabit {
            position,
            name: text(r.get_ref(1)?),
            archived: int(r.get_ref(2)?).unwrap_or(0) != 0,
            times: count(r.get_ref(3)?),
            days: count(r.get_ref(4)?),
            description: text(r.get_ref(5)?),
            numerical: int(r.get_ref(6)?) == Some(1),
            at_most: int(r.get_ref(7)?) == Some(1),
            target: real(r.get_ref(8)?),
            unit: text(r.get_ref(9)?),
        };
        habits.push((habit, int(r.get_ref(0)?).unwrap_or(0), String::new()));
    }
    let names: Vec<String> = habits.iter().map(|(h, ..)| h.name.clone()).collect();
    for (habit, _, key) in &mut habits {
        let twins = names.iter().filter(|n| **n == habit.name).count() > 1;
        *key = if twins {
            format!("{}\u{0}{}", habit.name, habit.position)
        } else {
            habit.name.clone()
        };
    }
    Ok(habits)
}

/// How a backup's repetitions are read, and what of them could not be.
struct Repetitions {
    sql: String,
    /// Rows whose day could not be read, and second rows for one day.
    unreadable: std::cell::Cell<u64>,
    repeated: std::cell::Cell<u64>,
    readings: std::cell::Cell<u64>,
}

impl Repetitions {
    fn of(db: &Connection) -> rusqlite::Result<Repetitions> {
        let have = columns(db, "Repetitions")?;
        // Before Loop kept values every repetition was a check by hand (2).
        let sql = format!(
            "SELECT timestamp, {}, {} FROM Repetitions
              WHERE habit = ?1 AND timestamp IS NOT NULL ORDER BY timestamp, id",
            or_default(&have, "value", "2"),
            or_default(&have, "notes", "NULL"),
        );
        Ok(Repetitions {
            sql,
            unreadable: 0.into(),
            repeated: 0.into(),
            readings: 0.into(),
        })
    }

    /// Each day of habit `id`, in order, to `each` (a backup that cannot
    /// be read is named as `shown`).
    fn each(
        &self,
        db: &Connection,
        id: i64,
        shown: &Path,
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let bad = |e: rusqlite::Error| damaged(shown, &e);
        let mut stmt = db.prepare_cached(&self.sql).map_err(bad)?;
        let mut rows = stmt.query([id]).map_err(bad)?;
        let mut last: Option<NaiveDate> = None;
        let (mut unreadable, mut repeated) = (0, 0);
        while let Some(r) = rows.next().map_err(bad)? {
            let Some(day) = int(r.get_ref(0).map_err(bad)?).and_then(day_of) else {
                unreadable += 1;
                continue;
            };
            if last == Some(day) {
                repeated += 1;
                continue;
            }
            last = Some(day);
            let value = int(r.get_ref(1).map_err(bad)?).unwrap_or(2);
            let note = r.get_ref(2).map_err(bad)?;
            let note = matches!(note, ValueRef::Text(_)).then(|| text(note));
            each(Row {
                day,
                entry: Entry::from_code(value),
                note,
            })?;
        }
        // Each habit is read twice (`Out::habit`): count the second time.
        self.readings.set(self.readings.get() + 1);
        if self.readings.get().is_multiple_of(2) {
            self.unreadable.set(self.unreadable.get() + unreadable);
            self.repeated.set(self.repeated.get() + repeated);
        }
        Ok(())
    }

    fn count_left_out(&self, out: &mut Out<'_, '_>) {
        for _ in 0..self.unreadable.get() {
            out.left().add("checkmark whose date this reader could not read|checkmarks whose date this reader could not read");
        }
        for _ in 0..self.repeated.get() {
            out.left().add("second checkmark on one day of a habit (the first was kept)|second checkmarks on one day of a habit (the first was kept)");
        }
    }
}

/// The day a Loop timestamp (milliseconds at UTC midnight) is for.
fn day_of(ms: i64) -> Option<NaiveDate> {
    let days = ms.div_euclid(86_400_000);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_signed(chrono::Duration::try_days(days)?)
}

fn int(v: ValueRef<'_>) -> Option<i64> {
    match v {
        ValueRef::Integer(i) => Some(i),
        ValueRef::Real(f) if f.is_finite() => Some(f as i64),
        ValueRef::Text(t) => std::str::from_utf8(t).ok()?.trim().parse().ok(),
        _ => None,
    }
}

fn real(v: ValueRef<'_>) -> f64 {
    match v {
        ValueRef::Integer(i) => i as f64,
        ValueRef::Real(f) if f.is_finite() => f,
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0.0),
        _ => 0.0,
    }
}

/// A frequency's part: a whole number from 1 (Loop's own smallest).
fn count(v: ValueRef<'_>) -> u32 {
    int(v)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        _ => String::new(),
    }
}
