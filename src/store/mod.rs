//! The SQLite store: the only module that knows SQL.
//!
//! One connection, one transaction per user action, every write committed
//! the moment it is made. WAL journal with `synchronous=FULL`, so a write the
//! person was told about survives a power cut.

mod export;
mod schema;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

use crate::domain::evidence::Review;
use crate::domain::model::{Check, CheckIn, Promise, Reflection, Schedule, Status, Target, Win};

pub use export::{EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport, misfit};
pub use schema::{APPLICATION_ID, LATEST_VERSION};

/// What can go wrong with the journal file. Each message is one sentence a
/// person can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{} is not a smallwins journal, so it was left untouched; point --db at a journal file or at a new path.",
        .0.display()
    )]
    NotAJournal(PathBuf),
    #[error(
        "{} looks damaged, so it was left untouched; restore it from a backup or start a new journal with --db.",
        .0.display()
    )]
    Corrupt(PathBuf),
    #[error(
        "{} was written by a newer smallwins (journal version {found}, this one reads up to {supported}), so it was left untouched; update smallwins to open it.",
        .path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    #[error("The disk is full, so that change was not saved; free some space and try again.")]
    DiskFull,
    #[error(
        "The journal is busy in another smallwins window and did not free up in time; try again in a moment."
    )]
    Busy,
    #[error(
        "The journal file is read-only, so that change was not saved; check the file's permissions."
    )]
    ReadOnly,
    #[error("Could not {action} {}: {source}.", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The journal could not complete that ({0}); nothing was changed.")]
    Sqlite(rusqlite::Error),
    #[error(
        "The journal's schema could not be brought up to date ({0}); the file was left as it was."
    )]
    Migration(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Counts of every record kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub promises: u64,
    pub checks: u64,
    pub wins: u64,
    pub checkins: u64,
    pub reflections: u64,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// The open journal file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens the journal at `path`, creating it (mode 0600, in a directory of
    /// mode 0700) if it does not exist. A file that is not a smallwins
    /// journal, is damaged, or is newer than this build is refused and left
    /// byte-for-byte untouched. Before an older journal is migrated, a copy
    /// is kept beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let existing = path.exists() && fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        if existing {
            check_header(path)?;
        } else {
            create_private_file(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Reads only, until we know the file is ours.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        let fresh = app_id == 0 && version == 0 && tables == 0;
        if !fresh && app_id != APPLICATION_ID {
            return Err(StoreError::NotAJournal(path.to_path_buf()));
        }
        if version > LATEST_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if !fresh {
            let ok: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(|e| open_error(path, e))?;
            if ok != "ok" {
                return Err(StoreError::Corrupt(path.to_path_buf()));
            }
        }

        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;

        if !fresh && version < LATEST_VERSION {
            let copy = migration_copy_path(path, version);
            create_private_file(&copy)?;
            conn.backup(rusqlite::MAIN_DB, &copy, None)
                .map_err(|e| StoreError::Io {
                    action: "keep a copy of the journal before updating it at",
                    path: copy.clone(),
                    source: std::io::Error::other(e.to_string()),
                })?;
            restrict_permissions(&copy)?;
        }
        if fresh {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Creates a journal at an older schema version. For migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
        create_private_file(path)?;
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        schema::migrations()
            .to_version(&mut conn, version)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever another connection (say, `smallwins win …` from a
    /// shell) commits to the file. Cheap: no table is read.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&Writer { tx: &tx })?;
        tx.commit()?;
        Ok(value)
    }

    /// An online backup of the live journal to `dest`, readable only by its owner.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Io {
                action: "write the backup to",
                path: dest.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "a file is already there; choose a new name",
                ),
            });
        }
        create_private_file(dest)?;
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None)
            .map_err(StoreError::from)?;
        Ok(())
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Counts {
            promises: count("promises")?,
            checks: count("checks")?,
            wins: count("wins")?,
            checkins: count("checkins")?,
            reflections: count("reflections")?,
        })
    }

    /// Promises in list order: active ones by position, then archived ones.
    pub fn promises(&self, include_archived: bool) -> Result<Vec<Promise>> {
        let sql = if include_archived {
            "SELECT * FROM promises ORDER BY archived_on IS NOT NULL, position, created_on, id"
        } else {
            "SELECT * FROM promises WHERE archived_on IS NULL ORDER BY position, created_on, id"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut promises = stmt
            .query_map([], promise_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut tstmt = self.conn.prepare_cached(
            "SELECT id, promise_id, from_day, amount FROM targets ORDER BY from_day",
        )?;
        let targets = tstmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    Target {
                        id: r.get(0)?,
                        from: r.get(2)?,
                        amount: r.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (pid, t) in targets {
            if let Some(p) = promises.iter_mut().find(|p| p.id == pid) {
                p.targets.push(t);
            }
        }
        Ok(promises)
    }

    pub fn check(&self, promise_id: &str, day: NaiveDate) -> Result<Option<Check>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT * FROM checks WHERE promise_id = ?1 AND day = ?2")?;
        Ok(stmt
            .query_row(params![promise_id, day], check_from_row)
            .optional()?)
    }

    /// Every check from `from` to `to`, both included.
    pub fn checks_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Check>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM checks WHERE day BETWEEN ?1 AND ?2 ORDER BY day, promise_id",
        )?;
        Ok(stmt
            .query_map(params![from, to], check_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn wins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Win>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, text, area, created_at FROM wins WHERE day BETWEEN ?1 AND ?2 ORDER BY day, created_at, id",
        )?;
        Ok(stmt
            .query_map(params![from, to], win_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, intention, confidence, updated_at FROM checkins WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
        )?;
        Ok(stmt
            .query_map(params![from, to], checkin_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn reflections_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Reflection>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, answers, mood, confidence, updated_at FROM reflections WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
        )?;
        Ok(stmt
            .query_map(params![from, to], reflection_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Weekly reviews whose week starts from `from` to `to`.
    pub fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, week_start, answers, decisions, updated_at FROM reviews
             WHERE week_start BETWEEN ?1 AND ?2 ORDER BY week_start",
        )?;
        Ok(stmt
            .query_map(params![from, to], review_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The first and last day with any record, if any.
    pub fn day_range(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let row: (Option<NaiveDate>, Option<NaiveDate>) = self.conn.query_row(
            "SELECT min(d), max(d) FROM (
                SELECT min(day) AS d FROM checks UNION ALL SELECT max(day) FROM checks
                UNION ALL SELECT min(day) FROM wins UNION ALL SELECT max(day) FROM wins
                UNION ALL SELECT min(day) FROM checkins UNION ALL SELECT max(day) FROM checkins
                UNION ALL SELECT min(day) FROM reflections UNION ALL SELECT max(day) FROM reflections)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(match row {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        })
    }
}

/// Writes inside one transaction; see [`Store::write`].
pub struct Writer<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

impl Writer<'_> {
    /// Inserts or replaces a promise and its target history.
    pub fn put_promise(&self, p: &Promise) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO promises (id, text, cue, smaller, area, schedule, unit, position, created_on, archived_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(id) DO UPDATE SET text = excluded.text, cue = excluded.cue,
                   smaller = excluded.smaller, area = excluded.area, schedule = excluded.schedule,
                   unit = excluded.unit, position = excluded.position, created_on = excluded.created_on,
                   archived_on = excluded.archived_on, updated_at = excluded.updated_at",
            )?
            .execute(params![
                p.id,
                p.text,
                p.cue,
                p.smaller,
                p.area,
                schedule_to_sql(&p.schedule),
                p.unit,
                p.position,
                p.created_on,
                p.archived_on,
                p.updated_at
            ])?;
        self.tx
            .prepare_cached("DELETE FROM targets WHERE promise_id = ?1")?
            .execute([&p.id])?;
        for t in &p.targets {
            self.put_target(&p.id, t)?;
        }
        Ok(())
    }

    fn put_target(&self, promise_id: &str, t: &Target) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO targets (id, promise_id, from_day, amount) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(promise_id, from_day) DO UPDATE SET amount = excluded.amount, id = excluded.id",
            )?
            .execute(params![t.id, promise_id, t.from, t.amount])?;
        Ok(())
    }

    /// Puts back positions exactly as they were.
    pub fn set_positions(&self, positions: &[(String, i64)]) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare_cached("UPDATE promises SET position = ?2 WHERE id = ?1")?;
        for (id, position) in positions {
            stmt.execute(params![id, position])?;
        }
        Ok(())
    }

    /// Removes a promise with its targets and checks. Only undo of a
    /// just-added promise uses this; people archive instead.
    pub fn delete_promise(&self, id: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM promises WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Sets the position of each promise to its index in `ids`.
    pub fn set_order(&self, ids: &[String]) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare_cached("UPDATE promises SET position = ?2 WHERE id = ?1")?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![id, i as i64])?;
        }
        Ok(())
    }

    /// Inserts or replaces the check of a promise on a day.
    pub fn put_check(&self, c: &Check) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM checks WHERE promise_id = ?1 AND day = ?2 AND id <> ?3")?
            .execute(params![c.promise_id, c.day, c.id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO checks (id, promise_id, day, status, amount, note, lesson, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET promise_id = excluded.promise_id, day = excluded.day,
                   status = excluded.status, amount = excluded.amount, note = excluded.note,
                   lesson = excluded.lesson, updated_at = excluded.updated_at",
            )?
            .execute(params![
                c.id,
                c.promise_id,
                c.day,
                c.status.as_str(),
                c.amount,
                c.note,
                c.lesson,
                c.updated_at
            ])?;
        Ok(())
    }

    pub fn delete_check(&self, promise_id: &str, day: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM checks WHERE promise_id = ?1 AND day = ?2")?
            .execute(params![promise_id, day])?;
        Ok(())
    }

    pub fn put_win(&self, w: &Win) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO wins (id, day, text, area, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, text = excluded.text, area = excluded.area",
            )?
            .execute(params![w.id, w.day, w.text, w.area, w.created_at])?;
        Ok(())
    }

    pub fn delete_win(&self, id: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM wins WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    pub fn put_checkin(&self, c: &CheckIn) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM checkins WHERE day = ?1 AND id <> ?2")?
            .execute(params![c.day, c.id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO checkins (id, day, intention, confidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, intention = excluded.intention,
                   confidence = excluded.confidence, updated_at = excluded.updated_at",
            )?
            .execute(params![c.id, c.day, c.intention, c.confidence, c.updated_at])?;
        Ok(())
    }

    pub fn delete_checkin(&self, day: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM checkins WHERE day = ?1")?
            .execute([day])?;
        Ok(())
    }

    pub fn put_reflection(&self, r: &Reflection) -> Result<()> {
        let answers = serde_json::to_string(&r.answers).unwrap_or_else(|_| "{}".into());
        self.tx
            .prepare_cached("DELETE FROM reflections WHERE day = ?1 AND id <> ?2")?
            .execute(params![r.day, r.id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO reflections (id, day, answers, mood, confidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, answers = excluded.answers,
                   mood = excluded.mood, confidence = excluded.confidence, updated_at = excluded.updated_at",
            )?
            .execute(params![r.id, r.day, answers, r.mood, r.confidence, r.updated_at])?;
        Ok(())
    }

    pub fn delete_reflection(&self, day: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM reflections WHERE day = ?1")?
            .execute([day])?;
        Ok(())
    }

    pub fn put_review(&self, r: &Review) -> Result<()> {
        let answers = serde_json::to_string(&r.answers).unwrap_or_else(|_| "{}".into());
        let decisions = serde_json::to_string(&r.decisions).unwrap_or_else(|_| "[]".into());
        self.tx
            .prepare_cached("DELETE FROM reviews WHERE week_start = ?1 AND id <> ?2")?
            .execute(params![r.week_start, r.id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO reviews (id, week_start, answers, decisions, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET week_start = excluded.week_start, answers = excluded.answers,
                   decisions = excluded.decisions, updated_at = excluded.updated_at",
            )?
            .execute(params![r.id, r.week_start, answers, decisions, r.updated_at])?;
        Ok(())
    }

    pub fn delete_review(&self, week_start: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM reviews WHERE week_start = ?1")?
            .execute([week_start])?;
        Ok(())
    }

    /// The transaction itself, for the importer in this module.
    fn tx(&self) -> &rusqlite::Transaction<'_> {
        self.tx
    }
}

fn schedule_to_sql(s: &Schedule) -> String {
    match s {
        Schedule::Daily => "daily".into(),
        Schedule::Weekdays { days } => format!(
            "days:{}",
            days.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
        ),
        Schedule::TimesPerWeek { times } => format!("weekly:{times}"),
    }
}

fn schedule_from_sql(s: &str) -> Option<Schedule> {
    if s == "daily" {
        return Some(Schedule::Daily);
    }
    if let Some(rest) = s.strip_prefix("days:") {
        let days: Option<Vec<u8>> = rest.split(',').map(|d| d.parse().ok()).collect();
        return days.map(|days| Schedule::Weekdays { days });
    }
    s.strip_prefix("weekly:")
        .and_then(|n| n.parse().ok())
        .map(|times| Schedule::TimesPerWeek { times })
}

fn bad_value(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unreadable {what}").into(),
    )
}

fn promise_from_row(r: &Row<'_>) -> rusqlite::Result<Promise> {
    let schedule: String = r.get("schedule")?;
    Ok(Promise {
        id: r.get("id")?,
        text: r.get("text")?,
        cue: r.get("cue")?,
        smaller: r.get("smaller")?,
        area: r.get("area")?,
        // An unreadable schedule (written by an older import) must not make
        // every read fail: it asks for nothing until the person sets one.
        schedule: schedule_from_sql(&schedule).unwrap_or_else(Schedule::unreadable),
        unit: r.get("unit")?,
        targets: Vec::new(),
        position: r.get("position")?,
        created_on: r.get("created_on")?,
        archived_on: r.get("archived_on")?,
        updated_at: r.get("updated_at")?,
    })
}

fn check_from_row(r: &Row<'_>) -> rusqlite::Result<Check> {
    let status: String = r.get("status")?;
    Ok(Check {
        id: r.get("id")?,
        promise_id: r.get("promise_id")?,
        day: r.get("day")?,
        status: Status::parse(&status).ok_or_else(|| bad_value(3, "status"))?,
        amount: r.get("amount")?,
        note: r.get("note")?,
        lesson: r.get("lesson")?,
        updated_at: r.get("updated_at")?,
    })
}

fn win_from_row(r: &Row<'_>) -> rusqlite::Result<Win> {
    Ok(Win {
        id: r.get(0)?,
        day: r.get(1)?,
        text: r.get(2)?,
        area: r.get(3)?,
        created_at: r.get(4)?,
    })
}

fn checkin_from_row(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: r.get(0)?,
        day: r.get(1)?,
        intention: r.get(2)?,
        confidence: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

fn reflection_from_row(r: &Row<'_>) -> rusqlite::Result<Reflection> {
    let answers: String = r.get(2)?;
    Ok(Reflection {
        id: r.get(0)?,
        day: r.get(1)?,
        answers: serde_json::from_str(&answers).map_err(|_| bad_value(2, "answers"))?,
        mood: r.get(3)?,
        confidence: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn review_from_row(r: &Row<'_>) -> rusqlite::Result<Review> {
    let answers: String = r.get(2)?;
    let decisions: String = r.get(3)?;
    Ok(Review {
        id: r.get(0)?,
        week_start: r.get(1)?,
        answers: serde_json::from_str(&answers).map_err(|_| bad_value(2, "answers"))?,
        decisions: serde_json::from_str(&decisions).map_err(|_| bad_value(3, "decisions"))?,
        updated_at: r.get(4)?,
    })
}

/// Refuses a file that is plainly not ours, reading only its header.
fn check_header(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(io)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]).map_err(io)? {
            0 => break,
            n => read += n,
        }
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    let user_version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    if app_id == APPLICATION_ID && user_version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: user_version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotAJournal(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(path.to_path_buf()),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::Io {
            action: "open",
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file or its folder cannot be opened for writing",
            ),
        },
        _ => StoreError::from(e),
    }
}

/// Where the pre-migration copy goes: beside the journal, named by version.
fn migration_copy_path(path: &Path, version: i32) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".into());
    let mut copy = path.with_file_name(format!("{name}.v{version}.bak"));
    let mut n = 2;
    while copy.exists() {
        copy = path.with_file_name(format!("{name}.v{version}.{n}.bak"));
        n += 1;
    }
    copy
}

/// Creates an empty file only its owner can read, in a private directory.
fn create_private_file(path: &Path) -> Result<()> {
    let io = |action, source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .map_err(|e| io("create the folder for", e))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| io("create", e))?;
    restrict_permissions(path)
}

fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(|source| {
            StoreError::Io {
                action: "restrict the permissions of",
                path: path.to_path_buf(),
                source,
            }
        })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
