//! Bringing a copy back: `smallwins restore`, and the checks on a copy
//! before it is used or listed.
//!
//! May use: the rest of `store`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::backup::{BackupKind, backup_folder, copy_into, file_name, prune, run_backup, stem};
use super::connect::{Found, How, Peek, Sealing, check_header, connect, look_at, sealing, vet};
use super::daily::clear_damage_mark;
use super::key::Key;
use super::open::{create_private_file, open_error, restrict_permissions, side_file};
use super::seal::export_into;
use super::temp::TempCopy;
use super::{Access, Counts, Result, Store, StoreError, identity};

/// What `smallwins restore` needs to know about a copy before using it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyInfo {
    pub counts: Counts,
}

/// Checks that `path` is a regular file holding a sound smallwins journal
/// this build can read, with nothing in its schema but the journal's own,
/// without changing it or creating anything beside it.
pub fn inspect_copy(path: &Path, key: &Key) -> Result<CopyInfo> {
    let conn = connect(path, How::Read, key)?;
    if vet(&conn, path)?.fresh() {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    let sound = conn
        .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        .map_err(|e| open_error(path, e))?;
    if sound != "ok" {
        return Err(StoreError::Corrupt(path.to_path_buf()));
    }
    let counts = super::read_counts(&conn).map_err(|e| open_error(path, e))?;
    Ok(CopyInfo { counts })
}

/// The records in a copy, without checking it through (cheap enough to
/// list every copy).
pub fn count_copy(path: &Path, key: &Key) -> Result<Counts> {
    let conn = connect(path, How::Read, key).map_err(|e| match e {
        StoreError::NoJournal(_) => StoreError::NotAJournal(path.to_path_buf()),
        other => other,
    })?;
    let peek = Peek::read(&conn).map_err(|e| open_error(path, e))?;
    if peek.fresh() {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    peek.refuse_foreign(path)?;
    super::read_counts(&conn).map_err(|e| open_error(path, e))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the journal as it was before, if there was one.
    pub previous: Option<PathBuf>,
}

/// Replaces the journal at `journal` with the copy at `from`, after
/// checking the copy and keeping the journal as it was in the backups
/// folder. A smallwins that has the journal open sees the restored records.
/// A file at `journal` that is not a smallwins journal, or is newer than
/// this build, is refused and left untouched; a damaged one is replaced.
/// The journal keeps its device id (`identity.rs`): it is the same journal
/// on the same machine, rolled back.
///
/// `keys` unlock the copy and the journal. The journal stays encrypted
/// with its own key if it is encrypted; a plain journal restored from an
/// encrypted copy becomes encrypted with the copy's key, so restoring never
/// leaves the words of an encrypted copy in a plain file.
pub fn restore(journal: &Path, from: &Path, now: NaiveDateTime, keys: &Keys) -> Result<Restored> {
    inspect_copy(from, &keys.copy)?;
    let device = device_id(journal, &keys.journal);
    let journal_sealed = matches!(sealing(journal), Sealing::Sealed(_));
    let copy_sealed = matches!(sealing(from), Sealing::Sealed(_));
    let empty = !matches!(look_at(journal)?, Found::File);
    let target = if journal_sealed {
        &keys.journal
    } else if copy_sealed {
        &keys.copy
    } else {
        &Key::Plain
    };
    let previous = match look_at(journal)? {
        Found::Missing | Found::Empty => {
            create_private_file(journal)?;
            None
        }
        Found::File => {
            match check_header(journal) {
                Ok(_) | Err(StoreError::Corrupt(_)) => {}
                Err(e) => return Err(e),
            }
            Some(copy_before_restore(journal, now, &keys.journal)?)
        }
    };
    // SQLite's backup copies pages as they are: only between files
    // encrypted alike; otherwise a new file takes the journal's place.
    let target_sealed = !target.is_plain();
    let alike = copy_sealed == target_sealed
        && (empty || journal_sealed == target_sealed)
        && (!target_sealed || keys.copy == *target);
    let source = connect(from, How::Read, &keys.copy)?;
    let in_place = if alike {
        restore_in_place(journal, &source, target)
    } else {
        Err(StoreError::Damaged)
    };
    if let Err(e) = in_place {
        match e {
            StoreError::Corrupt(_) | StoreError::Damaged | StoreError::Sqlite(_) => {
                drop(source);
                replace_file(journal, from, &keys.copy, target)?;
            }
            other => return Err(other),
        }
    }
    if let Some(id) = device {
        keep_device_id(journal, &id, now, target)?;
    }
    prune(journal, now);
    // The journal is now the copy, checked above: whatever damage the
    // daily check found went with the journal it found it in.
    clear_damage_mark(journal);
    Ok(Restored { previous })
}

/// The device id of the journal at `path`, if it is one that has an id
/// and can be read.
fn device_id(path: &Path, key: &Key) -> Option<String> {
    let conn = connect(path, How::Read, key).ok()?;
    identity::device_id_of(&conn).ok().flatten()
}

/// Gives the restored journal at `journal` the device id `id` back. A copy
/// made before device ids is brought up to date first, as any open would
/// (with its copy to the backups folder first).
fn keep_device_id(journal: &Path, id: &str, now: NaiveDateTime, key: &Key) -> Result<()> {
    let store = Store::open_with(journal, now, Access::Write, key.clone())?;
    identity::keep_device_id(&store.conn, id)?;
    Ok(())
}

/// What unlocks the copy being restored and the journal it replaces.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub copy: Key,
    pub journal: Key,
}

/// Writes `source` into the live journal through SQLite, which takes the
/// proper locks: another smallwins with the journal open sees the change.
fn restore_in_place(journal: &Path, source: &Connection, key: &Key) -> Result<()> {
    let mut dest = connect(journal, How::Write, key)?;
    run_backup(source, &mut dest).map_err(|e| open_error(journal, e))?;
    // Empty the WAL into the file now, as closing would.
    dest.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(|e| open_error(journal, e))?;
    Ok(())
}

/// For a journal too damaged for SQLite to write into, or encrypted
/// otherwise than the copy: a fresh file from the copy at `from`, encrypted
/// with `target` (or plain), takes its place, and the old file's `-wal` and
/// `-shm` go, so they cannot be applied to the restored file.
fn replace_file(journal: &Path, from: &Path, from_key: &Key, target: &Key) -> Result<()> {
    let failed = |source| StoreError::Io {
        action: "replace",
        path: journal.to_path_buf(),
        source,
    };
    let temp = TempCopy::create(journal).map_err(failed)?;
    if let Err(e) = export_into(from, from_key, &temp.path, target) {
        temp.discard();
        return Err(e);
    }
    for suffix in ["-wal", "-shm"] {
        match fs::remove_file(side_file(journal, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(e)),
            _ => {}
        }
    }
    temp.replace(journal).map_err(failed)?;
    restrict_permissions(journal)
}

/// Keeps the journal as it is before a restore replaces it. A journal too
/// damaged for SQLite to read is copied byte for byte.
fn copy_before_restore(journal: &Path, now: NaiveDateTime, key: &Key) -> Result<PathBuf> {
    let mut n = 1;
    let target = loop {
        let name = file_name(&stem(journal), now, BackupKind::BeforeRestore, n);
        let target = backup_folder(journal).join(name);
        if !target.exists() {
            break target;
        }
        n += 1;
    };
    let failed = |source| StoreError::Io {
        action: "keep a copy of the journal before restoring in",
        path: backup_folder(journal),
        source,
    };
    let temp = TempCopy::create(&target).map_err(failed)?;
    let copied =
        connect(journal, How::Read, key).and_then(|conn| copy_into(&conn, &temp.path, key));
    if copied.is_err() {
        fs::copy(journal, &temp.path).map_err(failed)?;
    }
    temp.keep_as(&target)
        .map_err(failed)?
        .ok_or_else(|| failed(std::io::Error::from(std::io::ErrorKind::AlreadyExists)))
}
