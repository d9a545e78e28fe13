//! Copies of the journal, kept in a `backups` folder beside it.
//!
//! - **Daily:** on the first use of each day, once the journal has
//!   records, after `PRAGMA quick_check` finds it sound, made by a process
//!   of its own so that nobody waits for it (`daily.rs`). A damaged journal
//!   is never copied, so it cannot push good copies out. The last
//!   [`KEEP_DAILY`] are kept.
//! - **Before an update:** before an older journal's schema is brought up
//!   to date; one per schema version (the newest), never pruned by age.
//! - **Before a restore:** the journal as it was, before `smallwins restore`
//!   replaced it (`restore.rs`); the last [`KEEP_BEFORE_RESTORE`] are kept.
//!
//! A copy of an encrypted journal is encrypted with the same key (`key.rs`).
//! Every copy is made with SQLite's online backup API into a temporary name
//! (mode 0600), synced, and only then renamed, so a crash or SIGKILL never
//! leaves a half-written copy under a real name; leftovers of such a crash
//! are removed on the next open, once no process holds them (`temp.rs`).
//! A daily copy dated ahead of the clock (it was once set ahead) stays and
//! is not counted among the last [`KEEP_DAILY`]. Names are `<journal>-<YYYY-MM-DD>-<HHMMSS>-<kind>.db`,
//! where `<journal>` is the journal's file name without `.db`.
//!
//! May use: the rest of `store` (no other module of ours).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::connect::{How, connect};
use super::key::Key;
use super::open::{create_private_folder, folder_of};
use super::temp::{TempCopy, remove_leftovers};
use super::{Result, Store, StoreError};

/// The folder beside the journal that holds its copies.
pub const BACKUP_FOLDER: &str = "backups";
/// Daily copies kept.
pub const KEEP_DAILY: usize = 7;
/// Copies from before a restore kept.
pub const KEEP_BEFORE_RESTORE: usize = 3;

/// Why a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    Daily,
    /// The journal at schema `version`, before it was brought up to date.
    BeforeUpdate {
        version: i32,
    },
    BeforeRestore,
}

impl BackupKind {
    /// The kind as it appears in the file name and in JSON.
    pub fn label(&self) -> String {
        match self {
            BackupKind::Daily => "daily".into(),
            BackupKind::BeforeUpdate { version } => format!("before-update-v{version}"),
            BackupKind::BeforeRestore => "before-restore".into(),
        }
    }

    fn parse(label: &str) -> Option<BackupKind> {
        match label {
            "daily" => Some(BackupKind::Daily),
            "before-restore" => Some(BackupKind::BeforeRestore),
            _ => label
                .strip_prefix("before-update-v")
                .and_then(|v| v.parse().ok())
                .map(|version| BackupKind::BeforeUpdate { version }),
        }
    }
}

/// One copy in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    pub kind: BackupKind,
    /// Bytes.
    pub size: u64,
}

/// The backups folder of the journal at `journal`.
pub fn backup_folder(journal: &Path) -> PathBuf {
    folder_of(journal).join(BACKUP_FOLDER)
}

/// The journal's name as its copies start: `journal.db` → `journal`.
pub(super) fn stem(journal: &Path) -> String {
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".into());
    match name.strip_suffix(".db") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

pub(super) fn file_name(stem: &str, taken: NaiveDateTime, kind: BackupKind, n: u32) -> String {
    let stamp = taken.format("%Y-%m-%d-%H%M%S");
    let label = kind.label();
    if n > 1 {
        format!("{stem}-{stamp}-{label}-{n}.db")
    } else {
        format!("{stem}-{stamp}-{label}.db")
    }
}

/// Reads a copy's name back; `None` for any other file.
fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let stamp = rest.get(..17)?;
    let taken = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
    let label = rest.get(17..)?.strip_prefix('-')?;
    let kind = BackupKind::parse(label).or_else(|| {
        let (label, n) = label.rsplit_once('-')?;
        n.parse::<u32>().ok()?;
        BackupKind::parse(label)
    })?;
    Some((taken, kind))
}

/// The copies of the journal at `journal`, newest first.
pub fn backups(journal: &Path) -> Result<Vec<BackupFile>> {
    let folder = backup_folder(journal);
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Io {
                action: "read the backups folder",
                path: folder,
                source,
            });
        }
    };
    let stem = stem(journal);
    let mut found: Vec<BackupFile> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let (taken, kind) = parse_name(&stem, &name)?;
            let meta = entry.metadata().ok().filter(fs::Metadata::is_file)?;
            Some(BackupFile {
                path: entry.path(),
                taken,
                kind,
                size: meta.len(),
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

impl Store {
    /// An online backup of the live journal to `dest`, a new file readable
    /// only by its owner. Anything at `dest` is refused, a symlink too
    /// (also one that points nowhere), so no other file is written.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        create_private_folder(folder_of(dest)).map_err(|source| StoreError::Io {
            action: "create the folder for",
            path: dest.to_path_buf(),
            source,
        })?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(dest).map_err(|source| StoreError::Io {
            action: "write the backup to",
            path: dest.to_path_buf(),
            source,
        })?;
        if let Err(e) = copy_into(&self.conn, dest, &self.key) {
            fs::remove_file(dest).ok();
            return Err(e);
        }
        Ok(())
    }
}

/// Keeps a copy of the journal as it is before its schema is updated:
/// one per schema version, the newest. Without it, no update happens.
pub(super) fn copy_before_update(
    conn: &Connection,
    key: &Key,
    journal: &Path,
    version: i32,
    now: NaiveDateTime,
) -> Result<()> {
    let kind = BackupKind::BeforeUpdate { version };
    let target = backup_folder(journal).join(file_name(&stem(journal), now, kind, 1));
    let failed = |source| StoreError::Io {
        action: "keep a copy of the journal before updating it in",
        path: backup_folder(journal),
        source,
    };
    let temp = TempCopy::create(&target).map_err(failed)?;
    if let Err(e) = copy_into(conn, &temp.path, key) {
        temp.discard();
        return Err(e);
    }
    temp.keep_as(&target).map_err(failed)?;
    // This copy replaces any earlier one of the same version (say, from an
    // update that could not go through).
    for earlier in backups(journal).unwrap_or_default() {
        if earlier.kind == kind && earlier.path != target {
            fs::remove_file(&earlier.path).ok();
        }
    }
    remove_leftovers(journal);
    Ok(())
}

/// Copies everything `conn` sees into the empty file at `dest`, then makes
/// the copy one self-contained file (rollback journal, not WAL) and syncs it.
/// `key` is the one `conn` was opened with: the copy of an encrypted
/// journal is encrypted with the same key and salt.
pub(super) fn copy_into(conn: &Connection, dest: &Path, key: &Key) -> Result<()> {
    let mut copy = connect(dest, How::NewCopy, key)?;
    run_backup(conn, &mut copy)?;
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    copy.close().map_err(|(_, e)| StoreError::from(e))?;
    let io = |source| StoreError::Io {
        action: "save the copy",
        path: dest.to_path_buf(),
        source,
    };
    fs::File::open(dest).and_then(|f| f.sync_all()).map_err(io)
}

/// SQLite's online backup from `source` into `dest`, all pages in one step
/// (one consistent snapshot), waiting while another process writes.
pub(super) fn run_backup(source: &Connection, dest: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(source, dest)?;
    let mut waits = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if waits < 100 => {
                waits += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                ));
            }
        }
    }
}

/// Removes the copies beyond what is kept, and leftovers of cut-off copies.
/// A daily copy dated after `now` (made while the clock was set ahead) is
/// kept but not counted, so it never pushes out the copy just made.
/// Best effort: another smallwins may be pruning at the same moment.
pub(super) fn prune(journal: &Path, now: NaiveDateTime) {
    let Ok(all) = backups(journal) else {
        return;
    };
    let mut daily = 0;
    let mut restore = 0;
    let mut versions = Vec::new();
    for b in all {
        let keep = match b.kind {
            BackupKind::Daily if b.taken > now => true,
            BackupKind::Daily => {
                daily += 1;
                daily <= KEEP_DAILY
            }
            BackupKind::BeforeRestore => {
                restore += 1;
                restore <= KEEP_BEFORE_RESTORE
            }
            BackupKind::BeforeUpdate { version } => {
                let first = !versions.contains(&version);
                versions.push(version);
                first
            }
        };
        if !keep {
            fs::remove_file(&b.path).ok();
        }
    }
    remove_leftovers(journal);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("time")
    }

    #[test]
    fn names_read_back_as_written() {
        let taken = at("2026-11-21 08:30:05");
        for kind in [
            BackupKind::Daily,
            BackupKind::BeforeRestore,
            BackupKind::BeforeUpdate { version: 1 },
        ] {
            for n in [1, 2, 12] {
                let name = file_name("journal", taken, kind, n);
                assert_eq!(parse_name("journal", &name), Some((taken, kind)), "{name}");
            }
        }
        assert_eq!(
            file_name("journal", taken, BackupKind::Daily, 1),
            "journal-2026-11-21-083005-daily.db"
        );
    }

    #[test]
    fn other_files_are_not_taken_for_copies() {
        for name in [
            "journal.db",
            "journal-2026-11-21-083005-daily.db-wal",
            ".journal-2026-11-21-083005-daily.db.77.tmp",
            "journal-2026-11-21-083005-weekly.db",
            "journal-2026-11-21-0830-daily.db",
            "other-2026-11-21-083005-daily.db",
            "journal-2026-11-21-2026-11-22-083005-daily.db",
        ] {
            assert_eq!(parse_name("journal", name), None, "{name}");
        }
    }

    #[test]
    fn a_copy_has_its_real_name_only_once_it_is_complete() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir
            .path()
            .join("backups")
            .join("journal-2026-11-21-083000-daily.db");

        // Cut off before it was complete: nothing under the real name.
        let temp = TempCopy::create(&target).expect("temp copy");
        let temp_path = temp.path.clone();
        assert!(temp_path.exists() && !target.exists());
        let temp_name = temp_path.file_name().expect("name").to_string_lossy();
        assert!(parse_name("journal", &temp_name).is_none());
        drop(temp);
        assert!(!temp_path.exists() && !target.exists());

        let temp = TempCopy::create(&target).expect("temp copy");
        fs::write(&temp.path, b"a whole copy").expect("write");
        assert_eq!(temp.keep_as(&target).expect("keep"), Some(target.clone()));
        assert_eq!(fs::read(&target).expect("read"), b"a whole copy");
        assert_eq!(fs::read_dir(folder_of(&target)).expect("dir").count(), 1);
    }

    #[test]
    fn the_stem_drops_only_a_db_extension() {
        assert_eq!(stem(Path::new("/x/journal.db")), "journal");
        assert_eq!(stem(Path::new("/x/journal.sqlite")), "journal.sqlite");
        assert_eq!(stem(Path::new("/x/.db")), ".db");
    }
}
