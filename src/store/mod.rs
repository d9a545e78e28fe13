//! The SQLite store: the only module that knows SQL.
//!
//! One connection, one transaction per user action, every write committed
//! the moment it is made. WAL journal with `synchronous=FULL`, so a write the
//! person was told about survives a power cut; `secure_delete`, so deleted
//! text does not linger in the file. Opening (`open.rs`), the backups folder
//! (`backup.rs`), restoring (`restore.rs`) and the integrity check
//! (`check.rs`) live beside this file.

mod backup;
mod check;
mod export;
mod open;
mod restore;
mod schema;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use crate::domain::evidence::Review;
use crate::domain::model::{Check, CheckIn, Promise, Reflection, Schedule, Status, Target, Win};

pub use backup::{
    BACKUP_FOLDER, BackupFile, BackupKind, KEEP_BEFORE_RESTORE, KEEP_DAILY, backup_folder, backups,
};
pub use check::{Health, check};
pub use export::{EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport, misfit};
pub use open::{Access, kind_of};
pub use restore::{CopyInfo, Restored, count_copy, inspect_copy, restore};
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
        "{} is {kind}, not a journal file, so it was left untouched; give --db the path of a journal file.",
        .path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "There is no journal at {} yet; give --db the path of your journal.",
        .0.display()
    )]
    NoJournal(PathBuf),
    #[error(
        "{} looks damaged, so it was left untouched and your backups were kept as they are; see them with `smallwins backup --list` and bring one back with `smallwins restore FILE`.",
        .0.display()
    )]
    Corrupt(PathBuf),
    /// Damage met while reading, after the journal opened.
    #[error(
        "The journal looks damaged where this needed to read, so nothing was changed; `smallwins check` says more, and `smallwins restore FILE` brings back one of the copies `smallwins backup --list` shows."
    )]
    Damaged,
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
        "The journal cannot be written here, so nothing was saved; check the permissions of the journal file and its folder."
    )]
    ReadOnly,
    #[error(
        "{} is read-only, so smallwins cannot save changes to it; make it writable (chmod u+w) to record changes, and commands that only read work meanwhile.",
        .0.display()
    )]
    ReadOnlyFile(PathBuf),
    #[error(
        "The folder {} is read-only and the journal keeps its working files beside itself, so smallwins cannot save changes there; make the folder writable to record changes, and commands that only read work meanwhile.",
        .0.display()
    )]
    ReadOnlyFolder(PathBuf),
    #[error(
        "The disk holding {} is read-only, so smallwins cannot save changes to the journal; copy it to a writable place and point --db at it to record changes.",
        .0.display()
    )]
    ReadOnlyDisk(PathBuf),
    #[error("Could not {action} {}: {}.", .path.display(), io_words(.source))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// Anything else SQLite reports; its own words are kept for debugging,
    /// not shown.
    #[error(
        "The journal could not complete that, so nothing was changed; try again, and if it keeps happening, `smallwins check` looks for damage."
    )]
    Sqlite(rusqlite::Error),
    #[error(
        "The journal could not be updated for this smallwins, so it was left as it was; any copy made before the update is in the backups folder beside it (`smallwins backup --list`)."
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
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged,
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Plain words for a file error, without the OS error number.
fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "it does not exist".into(),
        ErrorKind::PermissionDenied => "permission was denied".into(),
        ErrorKind::AlreadyExists => "a file is already there; choose a new name".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
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

    /// Counts the records in any connection to a journal.
    fn read(conn: &Connection) -> rusqlite::Result<Counts> {
        let count = |table: &str| -> rusqlite::Result<u64> {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
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
}

/// The open journal file. See `open.rs` for how it is opened and closed.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// False when opened read-only because the place cannot be written.
    writable: bool,
}

impl Store {
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
        let path = self.path.clone();
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&Writer { tx: &tx })?;
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| match e {
            StoreError::ReadOnly => open::read_only_cause(&path),
            other => other,
        })
    }

    pub fn counts(&self) -> Result<Counts> {
        Ok(Counts::read(&self.conn)?)
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
