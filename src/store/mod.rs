//! The SQLite store: the only module that knows SQL.
//!
//! One connection, one transaction per user action, every write committed
//! the moment it is made. WAL journal with `synchronous=FULL`, so a write the
//! person was told about survives a power cut; `secure_delete`, so deleted
//! text does not linger in the file. The one way into the file
//! (`connect.rs`, with the schema objects a journal may hold in
//! `shape.rs`, and what unlocks an encrypted file in `key.rs`), opening
//! the journal (`open.rs`), turning encryption on and off and changing the
//! passphrase (`seal.rs`), the backups folder (`backup.rs`; the daily copy
//! and its check in `daily.rs`), copies under temporary names (`temp.rs`),
//! restoring (`restore.rs`), the integrity check (`check.rs`), the schema
//! (`schema.rs`; the device id and the move to derived ids and UTC times in
//! `identity.rs`), the evidence's checkpoints (`checkpoints.rs`), writing
//! (`writer.rs`; many new records at once are a bulk change, `change.rs`),
//! one promise's
//! days (`ranges.rs`), what a status line reads (`status.rs`), rows to
//! records (`rows.rs`), the export and what an import's merge looks up
//! (`export.rs`; the format itself is `model::Export`, the merge rule
//! `domain::merge`) and the search index (`search.rs`) live beside this
//! file. Reading lives here.
//!
//! Every action's writes come as one change, applied by `change.rs`; a
//! write that expects to find something (undo's always do) and no longer
//! does is left as it is, and said.
//!
//! May use: `model` (and `text`, the leaf helpers that make text safe to
//! show). It speaks in model records, never in domain types, so the domain
//! can change its rules without touching SQL.

mod backup;
mod change;
mod check;
mod checkpoints;
mod connect;
mod daily;
mod entropy;
mod export;
mod identity;
mod key;
mod open;
mod ranges;
mod restore;
mod rows;
mod schema;
mod seal;
mod search;
mod shape;
mod status;
pub mod sync;
mod temp;
mod win_keys;
mod writer;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub use crate::model::Counts;
use crate::model::{Check, CheckIn, Promise, PromiseVersion, Reflection, Review, Target, Win};

pub use backup::{
    BACKUP_FOLDER, BackupFile, BackupKind, KEEP_BEFORE_RESTORE, KEEP_DAILY, backup_folder, backups,
};
pub use check::{Health, check};
pub use connect::kind_of;
pub use export::{
    BULK_RECORDS, EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport, Stamp, misfit,
};
pub use key::Key;
pub use open::Access;
pub use restore::{CopyInfo, Keys, Restored, count_copy, inspect_copy, restore};
pub use schema::{APPLICATION_ID, LATEST_VERSION};
pub use seal::{Sealed, change_key, convert, is_encrypted};
pub use search::Bulk;
pub use status::{DayRecords, day_records};
pub use writer::Writer;

/// The page cache of one large write ([`Store::write_large`]), in KB.
pub const LARGE_CACHE_KB: i64 = 32 << 10;

use rows::{
    check_from_row, checkin_from_row, promise_from_row, reflection_from_row, review_from_row,
    win_from_row,
};

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
        "{} is encrypted and needs its passphrase; run this on a terminal to type it, or give it with --passphrase-file or SMALLWINS_PASSPHRASE_FILE.",
        .0.display()
    )]
    Locked(PathBuf),
    #[error("That passphrase does not open {}, so nothing was changed; try again.", .0.display())]
    WrongPassphrase(PathBuf),
    #[error("No journal at {}. Run `smallwins` to start one there.", .0.display())]
    NoJournal(PathBuf),
    /// A schema object a journal does not have (or one of its own changed
    /// or missing): `what` names it, like "a trigger “evil” that a journal
    /// does not have".
    #[error(
        "{} holds {what}, so it was left untouched; bring back a copy with `smallwins restore FILE` (`smallwins backup --list` shows them).",
        .path.display()
    )]
    Stranger { path: PathBuf, what: String },
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
    /// A journal of an older version, met where nothing may update it
    /// (`smallwins status`).
    #[error(
        "{} is from an earlier smallwins; run any other command once, like `smallwins today`, to bring it up to date.",
        .0.display()
    )]
    NotUpdated(PathBuf),
    #[error("The disk is full, so that change was not saved; free some space and try again.")]
    DiskFull,
    #[error(
        "The journal is busy in another smallwins window and did not free up in time; try again in a moment."
    )]
    Busy,
    #[error(
        "The journal is open in another smallwins window; close that window and run this again (nothing was changed)."
    )]
    OpenElsewhere,
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

/// Counts the records in any connection to a journal, also a copy made
/// before an update (a version 1 journal has no weekly reviews yet).
fn read_counts(conn: &Connection) -> rusqlite::Result<Counts> {
    let count = |table: &str| -> rusqlite::Result<u64> {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n as u64)
    };
    Ok(Counts {
        promises: count("promises")?,
        checks: count("checks")?,
        wins: count("wins")?,
        checkins: count("checkins")?,
        reflections: count("reflections")?,
        reviews: count("reviews")?,
    })
}

/// The open journal file. See `open.rs` for how it is opened and closed.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// False when opened read-only because the place cannot be written.
    writable: bool,
    /// Whether opening made the file readable only by its owner.
    tightened: bool,
    /// The UTC time a change recorded for sync is stamped with; the system
    /// clock unless set (see [`Store::set_sync_clock`]).
    sync_clock: Option<SyncClock>,
    /// What unlocks the file: every copy of it is made with the same.
    key: Key,
}

/// Where the UTC time of a change recorded for sync comes from.
pub type SyncClock = std::sync::Arc<dyn Fn() -> chrono::NaiveDateTime + Send + Sync>;

impl Store {
    /// What unlocks the file (for a process that copies it).
    pub fn key(&self) -> &Key {
        &self.key
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

    /// Stamps the changes recorded for sync with the time `clock` gives
    /// (UTC), instead of the system clock's.
    pub fn set_sync_clock(&mut self, clock: SyncClock) {
        self.sync_clock = Some(clock);
    }

    /// The UTC time to stamp a change recorded for sync with.
    pub fn sync_now(&self) -> chrono::NaiveDateTime {
        match &self.sync_clock {
            Some(clock) => clock(),
            None => chrono::Utc::now().naive_utc(),
        }
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none.
    /// While the journal takes part in sync, what it changes in the records
    /// is recorded for the other machines in the same transaction
    /// (`sync/record.rs`).
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.write_as(true, f)
    }

    /// [`Store::write`] without recording for sync: sync's own writes
    /// (another machine's changes, the outbox, the ledger).
    fn write_unrecorded<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.write_as(false, f)
    }

    /// [`Store::write`] for work that may fail in words of its own (an
    /// import's reader, its checks): on any error nothing is saved.
    pub fn write_with<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.write_as(true, f)
    }

    /// The one transaction every write runs in, recorded for sync when
    /// `record` and the journal takes part in it.
    fn write_as<T, E: From<StoreError>>(
        &mut self,
        record: bool,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let path = self.path.clone();
        let cause = |e: StoreError| {
            E::from(match e {
                StoreError::ReadOnly => open::read_only_cause(&path),
                other => other,
            })
        };
        let now = self.sync_now();
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| cause(e.into()))?;
        let recorder = if record {
            sync::start(&self.conn).map_err(|e| cause(e.into()))?
        } else {
            None
        };
        let value = f(&Writer::new(&tx))?;
        if let Some(recorder) = recorder {
            recorder.keep(&tx, now).map_err(|e| cause(e.into()))?;
        }
        tx.commit().map_err(|e| cause(e.into()))?;
        Ok(value)
    }

    /// [`Store::write_with`] for one large write (an import): its page
    /// cache grown to [`LARGE_CACHE_KB`], so the pages it changes are
    /// written to the file about once rather than again each time the
    /// cache fills, and statement journals kept in memory (each holds the
    /// pages one statement changes, a few for a record, where a temporary
    /// file took a write per page), and no checkpoint as it commits: the
    /// WAL then holds all of it, and is folded into the journal once, with
    /// one sync, as the store closes (SQLite's own checkpoint at commit
    /// syncs twice). All three are put back afterwards.
    pub fn write_large<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let get = |pragma: &str| -> Result<i64> {
            Ok(self.conn.pragma_query_value(None, pragma, |r| r.get(0))?)
        };
        let (cache, temp, checkpoint) = (
            get("cache_size")?,
            get("temp_store")?,
            get("wal_autocheckpoint")?,
        );
        self.conn
            .pragma_update(None, "cache_size", -LARGE_CACHE_KB)
            .and_then(|()| self.conn.pragma_update(None, "temp_store", "MEMORY"))
            .and_then(|()| self.conn.pragma_update(None, "wal_autocheckpoint", 0))
            .map_err(StoreError::from)?;
        // Alone with the file, the write goes through a rollback journal:
        // straight into the file, once, where through the WAL every page
        // is written twice (into the WAL, then folded into the file as the
        // store closes: on ten years, 12 MB and a fifth of an import's
        // time). SQLite allows the switch only to the one connection that
        // has the file open; with another open (the full-screen journal),
        // the WAL stays. A process killed meanwhile leaves a rollback
        // journal, which the next open plays back as SQLite does.
        let alone = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        let result = self.write_with(f);
        let wal_again = if alone {
            open::use_wal(&self.conn)
        } else {
            Ok(())
        };
        let put_back = wal_again
            .and_then(|()| self.conn.pragma_update(None, "cache_size", cache))
            .and_then(|()| self.conn.pragma_update(None, "temp_store", temp))
            .and_then(|()| {
                self.conn
                    .pragma_update(None, "wal_autocheckpoint", checkpoint)
            });
        let value = result?;
        put_back.map_err(StoreError::from)?;
        Ok(value)
    }

    pub fn counts(&self) -> Result<Counts> {
        Ok(read_counts(&self.conn)?)
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
        let mut vstmt = self.conn.prepare_cached(
            "SELECT id, promise_id, from_day, text, cue, smaller FROM promise_versions ORDER BY from_day",
        )?;
        let versions = vstmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    PromiseVersion {
                        id: r.get(0)?,
                        from: r.get(2)?,
                        text: r.get(3)?,
                        cue: r.get(4)?,
                        smaller: r.get(5)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (pid, v) in versions {
            if let Some(p) = promises.iter_mut().find(|p| p.id == pid) {
                p.versions.push(v);
            }
        }
        Ok(promises)
    }

    pub fn check(&self, promise_id: &str, day: NaiveDate) -> Result<Option<Check>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks
             WHERE promise_id = ?1 AND day = ?2",
        )?;
        Ok(stmt
            .query_row(params![promise_id, day], check_from_row)
            .optional()?)
    }

    /// Every check from `from` to `to`, both included.
    pub fn checks_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Check>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks
             WHERE day BETWEEN ?1 AND ?2 ORDER BY day, promise_id",
        )?;
        Ok(stmt
            .query_map(params![from, to], check_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn wins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Win>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, text, area, created_at, private FROM wins WHERE day BETWEEN ?1 AND ?2 ORDER BY day, created_at, id",
        )?;
        Ok(stmt
            .query_map(params![from, to], win_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many wins each day from `from` to `to` has, for the days that
    /// have one.
    pub fn win_counts_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, count(*) FROM wins WHERE day BETWEEN ?1 AND ?2 GROUP BY day",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
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
}
