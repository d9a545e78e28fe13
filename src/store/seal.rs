//! Turning encryption on and off, and changing the passphrase:
//! `smallwins encrypt`, `decrypt` and `encrypt --change`.
//!
//! - **Encrypt, decrypt:** the journal is written into a new file beside it
//!   with SQLCipher's `sqlcipher_export` (encrypted or plain), the new file
//!   is opened and checked (sound, the same records), and only then takes
//!   the journal's name in one rename. The old file keeps a second name
//!   until the rename is done; then it is overwritten with zeros, synced
//!   and removed. A process killed at any moment leaves the old journal or
//!   the new one under the journal's name, never neither; what it leaves
//!   beside it is cleared (overwritten first) on the next open
//!   (`temp.rs`). Every copy in the backups folder is converted the same
//!   way, so no plain copy stays behind an encrypted journal.
//! - **Change:** `PRAGMA rekey` re-encrypts the journal in one transaction,
//!   then each backup.
//!
//! May use: the rest of `store`.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::backup::backups;
use super::connect::{How, Sealing, connect, sealing, vet};
use super::key::Key;
use super::open::{open_error, side_file};
use super::temp::{TempCopy, shred};
use super::{Counts, Result, StoreError, read_counts};

/// What a conversion did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sealed {
    pub records: Counts,
    /// Copies in the backups folder converted too.
    pub backups: usize,
}

/// Whether the journal at `path` is encrypted (by its first bytes; a
/// missing or empty file is not).
pub fn is_encrypted(path: &Path) -> bool {
    matches!(sealing(path), Sealing::Sealed(_))
}

/// Converts the journal at `journal`, unlocked with `from`, and every copy
/// in its backups folder, to `to` (a passphrase: encrypted; plain:
/// decrypted). A copy that `from` does not open (made with another
/// passphrase, or damaged) is left as it is.
pub fn convert(journal: &Path, from: &Key, to: &Key) -> Result<Sealed> {
    let records = convert_file(journal, from, to, true)?;
    let mut converted = 0;
    for copy in backups(journal)? {
        let needs = match sealing(&copy.path) {
            Sealing::Plain => !to.is_plain(),
            Sealing::Sealed(_) => to.is_plain(),
        };
        if needs && convert_file(&copy.path, from, to, false).is_ok() {
            converted += 1;
        }
    }
    Ok(Sealed {
        records,
        backups: converted,
    })
}

/// Re-encrypts the journal at `journal` from `old` to `new` in one
/// transaction, then each copy in its backups folder that `old` opens.
pub fn change_key(journal: &Path, old: &Key, new: &Key) -> Result<Sealed> {
    let records = rekey(journal, old, new)?;
    let mut changed = 0;
    for copy in backups(journal)? {
        if is_encrypted(&copy.path) && rekey(&copy.path, old, new).is_ok() {
            changed += 1;
        }
    }
    Ok(Sealed {
        records,
        backups: changed,
    })
}

fn rekey(path: &Path, old: &Key, new: &Key) -> Result<Counts> {
    let Sealing::Sealed(salt) = sealing(path) else {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    };
    let conn = connect(path, How::Write, old)?;
    vet(&conn, path)?;
    let records = read_counts(&conn).map_err(|e| open_error(path, e))?;
    // The same salt, a new key: SQLCipher rewrites every page in one
    // transaction, so a crash leaves the old key or the new one.
    let Some(raw) = new.raw(Some(&salt), false) else {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    };
    let sql = zeroize::Zeroizing::new(format!("PRAGMA rekey = \"{}\"", raw.as_str()));
    conn.execute_batch(&sql).map_err(|e| open_error(path, e))?;
    conn.close().map_err(|(_, e)| open_error(path, e))?;
    Ok(records)
}

/// Writes the file at `path` into a new file encrypted with `to` (or
/// plain), checks it, and puts it in the old one's place.
fn convert_file(path: &Path, from: &Key, to: &Key, live: bool) -> Result<Counts> {
    let conn = connect(path, How::Write, from)?;
    if vet(&conn, path)?.fresh() && !live {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    let records = read_counts(&conn).map_err(|e| open_error(path, e))?;
    // Everything into the file itself, so the copy is read from one place
    // and no `-wal` is left with the old contents.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(|e| open_error(path, e))?;
    conn.close().map_err(|(_, e)| open_error(path, e))?;

    let failed = |source| StoreError::Io {
        action: "write the converted journal beside",
        path: path.to_path_buf(),
        source,
    };
    let temp = TempCopy::create(path).map_err(failed)?;
    export_into(path, from, &temp.path, to)?;
    let copy = connect(&temp.path, How::Read, to)?;
    vet(&copy, &temp.path)?;
    let sound: String = copy
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| open_error(&temp.path, e))?;
    let copied = read_counts(&copy).map_err(|e| open_error(&temp.path, e))?;
    drop(copy);
    if sound != "ok" || copied != records {
        return Err(StoreError::Corrupt(temp.path.clone()));
    }
    swap(path, temp)?;
    Ok(records)
}

/// Copies the journal at `source` (unlocked with `source_key`) into the
/// new, empty file at `dest`, encrypted with `dest_key` or plain, with
/// `sqlcipher_export`, which also changes encryption (SQLite's backup
/// copies pages as they are and cannot). The copy is one self-contained
/// file (rollback journal), synced.
pub(super) fn export_into(
    source: &Path,
    source_key: &Key,
    dest: &Path,
    dest_key: &Key,
) -> Result<()> {
    let salt = match sealing(source) {
        Sealing::Sealed(salt) => Some(salt),
        Sealing::Plain => None,
    };
    let key = if salt.is_some() {
        source_key.attach_key(salt.as_ref())
    } else {
        Key::Plain.attach_key(None)
    };
    let conn = connect(dest, How::NewCopy, dest_key)?;
    let copied = || -> rusqlite::Result<()> {
        conn.execute(
            "ATTACH DATABASE ?1 AS source KEY ?2",
            (source.to_string_lossy().as_ref(), key.as_str()),
        )?;
        let version: i32 = conn.query_row("PRAGMA source.user_version", [], |r| r.get(0))?;
        let app_id: i32 = conn.query_row("PRAGMA source.application_id", [], |r| r.get(0))?;
        conn.query_row("SELECT sqlcipher_export('main', 'source')", [], |_| Ok(()))?;
        conn.pragma_update(None, "user_version", version)?;
        conn.pragma_update(None, "application_id", app_id)?;
        conn.execute("DETACH DATABASE source", [])?;
        Ok(())
    };
    copied().map_err(|e| open_error(source, e))?;
    close_and_sync(conn, dest)
}

fn close_and_sync(conn: Connection, dest: &Path) -> Result<()> {
    conn.close().map_err(|(_, e)| open_error(dest, e))?;
    fs::File::open(dest)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            action: "save",
            path: dest.to_path_buf(),
            source,
        })
}

/// Puts the checked copy `temp` in place of `path`: the old file keeps a
/// second name (`.<name>.<pid>.old.tmp`) until the rename is done, then
/// is overwritten and removed.
fn swap(path: &Path, temp: TempCopy) -> Result<()> {
    let io = |source| StoreError::Io {
        action: "replace",
        path: path.to_path_buf(),
        source,
    };
    // A `-wal` still holding pages belongs to the old file: another
    // smallwins has the journal open and is writing. One that only has it
    // open would go on writing to the old file after the swap.
    let wal = side_file(path, "-wal");
    if fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) || open_elsewhere(path) {
        return Err(StoreError::OpenElsewhere);
    }
    let old = old_name(path);
    fs::hard_link(path, &old).map_err(io)?;
    for suffix in ["-wal", "-shm"] {
        fs::remove_file(side_file(path, suffix)).ok();
    }
    if let Err(e) = temp.replace(path) {
        fs::remove_file(&old).ok();
        return Err(io(e));
    }
    shred(&old).map_err(io)
}

/// Whether another process has the journal at `path` open. Every SQLite
/// connection to a journal in WAL mode holds a shared lock on one byte of
/// its `-shm` file (the "DMS" byte, offset 128) for as long as it is open;
/// asking whether a write lock there would be refused takes nothing.
#[cfg(unix)]
fn open_elsewhere(path: &Path) -> bool {
    use rustix::process::{Flock, FlockOffsetType, FlockType, fcntl_getlk};
    let Ok(shm) = fs::File::open(side_file(path, "-shm")) else {
        return false;
    };
    let probe = Flock {
        start: 128,
        length: 1,
        pid: None,
        typ: FlockType::WriteLock,
        offset_type: FlockOffsetType::Set,
    };
    matches!(fcntl_getlk(&shm, &probe), Ok(Some(_)))
}

#[cfg(not(unix))]
fn open_elsewhere(_path: &Path) -> bool {
    false
}

/// `.journal.db.<pid>.old.tmp` beside `path`: a leftover of a killed
/// conversion that the next open clears.
fn old_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = super::open::folder_of(path);
    folder.join(format!(".{name}.{}.old.tmp", std::process::id()))
}
