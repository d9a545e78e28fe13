//! Opening the journal as a [`Store`]: creating it, setting it up, bringing
//! it up to date, and what to say when it cannot be used.
//!
//! - Every open goes through [`connect`] and [`vet`] (`connect.rs`, the
//!   one way into the file): only a regular file, its header read first,
//!   and a journal holding anything but its own schema objects is refused
//!   untouched. SQLite then reads page 1 and the schema (a file cut short
//!   is found there), and SQLite checks each page further as it reads it
//!   (`cell_size_check`), so a write that meets damage stops there. The
//!   full `quick_check` runs once a day before the daily copy, in a
//!   process of its own; a journal it found damaged is checked in full on
//!   every open, and refused, until it is sound again (`daily.rs`).
//! - Only a command that writes creates a missing journal (mode 0600, in
//!   new folders of mode 0700); one that only reads says there is none.
//! - An existing journal, `-wal` or `-shm` that others may read is made
//!   readable only by its owner, and [`Store::tightened`] says so once.
//! - Creating or updating the schema is one exclusive transaction, so a
//!   second process waits and then finds the journal ready.
//! - A writable open needs the file and its folder (SQLite keeps `-wal` and
//!   `-shm` beside it). Where that is impossible, reading still works: the
//!   file is opened read-only, without creating anything beside it.
//!
//! May use: the rest of `store`.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, TransactionBehavior};

use super::connect::{BUSY_WAIT, Found, How, Sealing, connect, look_at, sealing, vet};
use super::key::Key;
use super::schema::{self, APPLICATION_ID, LATEST_VERSION};
use super::{Result, Store, StoreError, backup, temp};

/// What a command needs from the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// It writes: the journal must be writable, and is created if missing.
    Write,
    /// It only reads: nothing can be changed through this open, a journal
    /// in a read-only place (or on a full disk) is still read, and a
    /// missing journal is not created.
    Read,
    /// Writable where possible, read-only where not (the full-screen
    /// journal: looking around works anywhere, a change says why it can't).
    /// Created if missing.
    WriteIfPossible,
}

impl Store {
    /// Opens the journal at `path` for writing, creating it (mode 0600, in a
    /// folder of mode 0700) if it does not exist. A file that is not a
    /// smallwins journal, is damaged, or is newer than this build is refused
    /// and left byte-for-byte untouched. Before an older journal is brought
    /// up to date, a copy of it goes to the backups folder.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_at(path, chrono::Local::now().naive_local(), Access::Write)
    }

    /// [`Store::open_with`] for a plain (not encrypted) journal.
    pub fn open_at(path: &Path, now: NaiveDateTime, access: Access) -> Result<Store> {
        Store::open_with(path, now, access, Key::Plain)
    }

    /// Opens the journal at `path` for a command that needs `access`,
    /// unlocked with `key`; `now` dates any copy made before an update.
    pub fn open_with(path: &Path, now: NaiveDateTime, access: Access, key: Key) -> Result<Store> {
        if access == Access::Read && !matches!(look_at(path)?, Found::File) {
            return Err(StoreError::NoJournal(path.to_path_buf()));
        }
        // An empty file becoming a new journal is made private silently.
        let tightened = matches!(look_at(path)?, Found::File) && tighten(path);
        let mut store = match open_writable(path, now, &key) {
            Ok(store) => {
                if access == Access::Read {
                    store.conn.pragma_update(None, "query_only", true)?;
                }
                store
            }
            Err(e) if access != Access::Write && e.still_readable() => {
                open_read_only(path, &key).map_err(|_| e)?
            }
            Err(e) => return Err(e),
        };
        store.tightened = tightened;
        store.refuse_if_marked_damaged()?;
        Ok(store)
    }

    /// Whether opening made the journal (or its `-wal` or `-shm`) readable
    /// only by its owner, as others could read it before.
    pub fn tightened(&self) -> bool {
        self.tightened
    }

    /// Creates a journal at an older schema version. For migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i32) -> Result<()> {
        create_private_file(path)?;
        let mut conn = connect(path, How::Write, &Key::Plain)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        schema::migrate(&tx, 0, version).map_err(|e| migration_error(path, e))?;
        tx.commit()?;
        Ok(())
    }
}

impl StoreError {
    /// Whether the journal may still be read although it cannot be written.
    fn still_readable(&self) -> bool {
        matches!(
            self,
            StoreError::ReadOnly
                | StoreError::ReadOnlyFile(_)
                | StoreError::ReadOnlyFolder(_)
                | StoreError::ReadOnlyDisk(_)
                | StoreError::DiskFull
        )
    }
}

/// Makes an existing journal and its `-wal` and `-shm` readable only by
/// their owner (0644 becomes 0600, 0444 becomes 0400); whether any was
/// readable by others before. Best effort: a
/// file on a read-only disk, or someone else's, is left as it is.
fn tighten(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut tightened = false;
        for suffix in ["", "-wal", "-shm"] {
            let file = side_file(path, suffix);
            let Ok(meta) = fs::metadata(&file) else {
                continue;
            };
            let mode = meta.permissions().mode();
            // Only what others may do goes: a file its owner made
            // read-only stays read-only.
            if meta.is_file()
                && mode & 0o077 != 0
                && fs::set_permissions(&file, fs::Permissions::from_mode(mode & 0o700)).is_ok()
            {
                tightened = true;
            }
        }
        tightened
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

fn open_writable(path: &Path, now: NaiveDateTime, key: &Key) -> Result<Store> {
    match look_at(path)? {
        Found::Missing => create_private_file(path)?,
        // An existing empty file is a new journal: nothing in it can be lost.
        Found::Empty => restrict_permissions(path)?,
        Found::File => {}
    }
    let mut conn = connect(path, How::Write, key)?;
    let peek = vet(&conn, path)?;

    let settings = || -> rusqlite::Result<()> {
        use_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted text is overwritten with zeros, not left in free space.
        conn.pragma_update(None, "secure_delete", "ON")?;
        // Each page is checked further as it is read, so damage is found
        // where a command meets it and is not spread by a write (the full
        // check runs only once a day, off the waiting path: `daily.rs`).
        conn.pragma_update(None, "cell_size_check", "ON")?;
        // The page cache (2 MiB) and memory mapping (off) stay as SQLite
        // sets them, measured on ten-year journals (issue 11): sized to hold
        // the whole journal, they took the full-screen journal's page reads
        // per Review key from about 1,200 to none but made the key at most
        // 6% faster (computing the evidence from all of history is the
        // rest), while its peak memory grew by 2 MB (10 years) to 14 MB
        // (heavy), and a mapping made each durable write 1–2 ms slower.
        // Reads are now bounded to the weeks shown (checkpoints), which
        // leaves a larger cache even less to do; not measured again.
        Ok(())
    };
    settings().map_err(|e| open_error(path, e))?;
    // An encrypted page is decrypted and checked each time it is read from
    // the file: a cache that can hold a ten-year journal's pages (it grows
    // only as they are read) keeps moving back through history near the
    // plain figures. Measured in `benches/encryption.rs`.
    if let Sealing::Sealed(_) = sealing(path) {
        conn.pragma_update(None, "cache_size", -32_768)
            .map_err(|e| open_error(path, e))?;
    }

    if peek.version < LATEST_VERSION {
        if !peek.fresh() {
            backup::copy_before_update(&conn, &effective(path, key), path, peek.version, now)?;
        }
        bring_up_to_date(&mut conn, path)?;
    }
    // Copies cut off by a killed process, now that none holds them.
    temp::remove_leftovers(path);
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        writable: true,
        tightened: false,
        sync_clock: None,
        key: effective(path, key),
    })
}

/// Puts the journal in WAL mode (a no-op once it is). Turning a new file to
/// WAL needs an exclusive lock that SQLite does not wait for, so while
/// another process is setting up the same new journal, this waits here.
pub(super) fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = Instant::now() + BUSY_WAIT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Creates or updates the schema in one exclusive transaction. Another
/// process doing the same waits for it, then finds nothing left to do.
fn bring_up_to_date(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Exclusive)
        .map_err(|e| open_error(path, e))?;
    let peek = vet(&tx, path)?;
    if peek.version < LATEST_VERSION {
        if peek.fresh() {
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| open_error(path, e))?;
        }
        schema::migrate(&tx, peek.version, LATEST_VERSION).map_err(|e| migration_error(path, e))?;
    }
    tx.commit().map_err(|e| open_error(path, e))?;
    Ok(())
}

fn migration_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match open_error(path, e) {
        StoreError::Sqlite(e) => StoreError::Migration(e.to_string()),
        other => other,
    }
}

/// Opens a journal that cannot be written here, for reading only, creating
/// nothing beside it.
fn open_read_only(path: &Path, key: &Key) -> Result<Store> {
    let conn = connect(path, How::Read, key)?;
    let peek = vet(&conn, path)?;
    if peek.fresh() || peek.version < LATEST_VERSION {
        // Not set up yet, or needing an update that cannot be written.
        return Err(StoreError::ReadOnly);
    }
    conn.pragma_update(None, "query_only", true)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        writable: false,
        tightened: false,
        sync_clock: None,
        key: effective(path, key),
    })
}

/// The key the journal at `path` is really opened with: a plain journal
/// is opened, and copied, plain whatever key was given.
fn effective(path: &Path, key: &Key) -> Key {
    match sealing(path) {
        Sealing::Sealed(_) => key.clone(),
        Sealing::Plain => Key::Plain,
    }
}

/// `journal.db` + `-wal` → `journal.db-wal`.
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Puts an error met while opening in the words of [`StoreError`].
pub(super) fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt(path.to_path_buf())
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            read_only_cause(path)
        }
        Some(ErrorCode::SystemIoFailure) if disk_is_full(folder_of(path)) => StoreError::DiskFull,
        _ => StoreError::from(e),
    }
}

/// The folder a journal lives in.
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Why the journal cannot be written: the disk, the file or its folder.
pub(super) fn read_only_cause(path: &Path) -> StoreError {
    match fs::OpenOptions::new().write(true).open(path) {
        Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => {
            return StoreError::ReadOnlyDisk(path.to_path_buf());
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            return StoreError::ReadOnlyFile(path.to_path_buf());
        }
        _ => {}
    }
    let dir = folder_of(path);
    match probe(dir, 0) {
        Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnlyDisk(path.to_path_buf())
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            StoreError::ReadOnlyFolder(dir.to_path_buf())
        }
        Err(e) if e.kind() == ErrorKind::StorageFull => StoreError::DiskFull,
        _ if disk_is_full(dir) => StoreError::DiskFull,
        _ => StoreError::ReadOnly,
    }
}

/// Whether a small write in `dir` fails because the disk is full.
pub(super) fn disk_is_full(dir: &Path) -> bool {
    probe(dir, 64 * 1024).is_err_and(|e| e.kind() == ErrorKind::StorageFull)
}

/// Writes `bytes` zeros to a new file in `dir` and removes it again.
fn probe(dir: &Path, bytes: usize) -> std::io::Result<()> {
    let path = dir.join(format!(".smallwins-probe-{}", std::process::id()));
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            let written = f.write_all(&vec![0; bytes]).and_then(|()| f.sync_all());
            fs::remove_file(&path).ok();
            written
        })
}

/// Creates an empty file only its owner can read, in a private directory.
pub(super) fn create_private_file(path: &Path) -> Result<()> {
    let io = |action, source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    create_private_folder(folder_of(path)).map_err(|e| io("create the folder for", e))?;
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| match e.kind() {
        ErrorKind::PermissionDenied => StoreError::ReadOnlyFolder(folder_of(path).to_path_buf()),
        ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnlyDisk(path.to_path_buf()),
        ErrorKind::StorageFull => StoreError::DiskFull,
        _ => io("create", e),
    })?;
    restrict_permissions(path)
}

/// Creates `dir` and any missing parents with mode 0700.
pub(super) fn create_private_folder(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates `dir` with mode 0700 if it is missing, but never its parents:
/// a copy started just before the journal's folder was removed must not
/// bring that folder back.
pub(super) fn create_private_subfolder(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Err(e) if e.kind() != ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

pub(super) fn restrict_permissions(path: &Path) -> Result<()> {
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

impl Drop for Store {
    /// Moves everything from the WAL into the journal and empties the WAL,
    /// so the journal is one complete file between commands and text
    /// deleted in this session leaves the WAL too. SQLite does this itself
    /// when the last connection closes; this covers closing while another
    /// smallwins (say, the full-screen journal) keeps it open.
    fn drop(&mut self) {
        if self.writable {
            // Best effort: a reader holding on delays this by at most a second.
            self.conn.busy_timeout(Duration::from_secs(1)).ok();
            fold_wal_in(&self.conn, &self.path);
        }
    }
}

/// Folds the WAL into the journal with one sync instead of two. Every
/// commit synced the WAL already (`synchronous=FULL`), so SQLite's
/// checkpoint syncing it again first adds nothing: the pages are copied
/// without syncs, the journal is synced once, and only then is the WAL
/// emptied. If another process holds some pages back, SQLite's own
/// checkpoint (with both syncs) does the rest.
fn fold_wal_in(conn: &Connection, path: &Path) {
    let copy = || -> rusqlite::Result<bool> {
        conn.pragma_update(None, "synchronous", "OFF")?;
        let (busy, pages, copied): (i64, i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        Ok(busy == 0 && pages > 0 && copied == pages)
    };
    let copied_all = copy();
    conn.pragma_update(None, "synchronous", "FULL").ok();
    if let Ok(true) = copied_all
        && fs::File::open(path).and_then(|f| f.sync_all()).is_err()
    {
        // Not known to be on the disk: the WAL must stay as it is, also
        // when SQLite closes (it would find nothing left to copy and
        // delete it); the next open copies it again.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .ok();
        return;
    }
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .ok();
}
