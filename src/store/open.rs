//! Opening the journal file: what may be opened, how, and what to say when
//! it cannot be.
//!
//! - Only a regular file (or a symlink to one) is opened, or a missing path
//!   is created (mode 0600, in new folders of mode 0700). A folder, FIFO,
//!   device or socket is refused before anything is opened, so nothing about
//!   it changes.
//! - Every open reads the 100-byte header first (cheap, even on a ten-year
//!   journal): not SQLite, another program's file, a newer journal or a
//!   negative version is refused untouched; SQLite then reads page 1 and
//!   the schema (a file cut short is found there). The full `quick_check`
//!   runs once a day, before the daily backup (`backup.rs`).
//! - Creating or updating the schema is one exclusive transaction, so a
//!   second process waits and then finds the journal ready.
//! - A writable open needs the file and its folder (SQLite keeps `-wal` and
//!   `-shm` beside it). Where that is impossible, reading still works: the
//!   file is opened read-only, without creating anything beside it.
//!
//! May use: the rest of `store`.

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::schema::{self, APPLICATION_ID, LATEST_VERSION};
use super::{Result, Store, StoreError, backup};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a command waits for another smallwins that holds the journal.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// What a command needs from the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// It writes: the journal must be writable.
    Write,
    /// It only reads: nothing can be changed through this open, and a
    /// journal in a read-only place (or on a full disk) is still read.
    Read,
    /// Writable where possible, read-only where not (the full-screen
    /// journal: looking around works anywhere, a change says why it can't).
    WriteIfPossible,
}

/// What is at the journal's path.
pub(super) enum Found {
    Missing,
    Empty,
    File,
}

/// Looks at the path without opening it (a FIFO would block an open).
pub(super) fn look_at(path: &Path) -> Result<Found> {
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Found::Missing),
        Err(source) => Err(StoreError::Io {
            action: "look at",
            path: path.to_path_buf(),
            source,
        }),
        Ok(m) if m.is_file() && m.len() == 0 => Ok(Found::Empty),
        Ok(m) if m.is_file() => Ok(Found::File),
        Ok(m) => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            kind: kind_of(&m.file_type()),
        }),
    }
}

/// "a folder", "a named pipe (FIFO)", … for a path that is not a file.
pub fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// What the header and the schema say about a journal.
#[derive(Debug, Clone, Copy)]
pub(super) struct Peek {
    pub app_id: i32,
    pub version: i32,
    pub tables: i64,
}

impl Peek {
    /// Reads all three in one statement, so from one snapshot: read one by
    /// one, another process creating the journal in between could make a
    /// new journal look like another program's file.
    pub fn read(conn: &Connection) -> rusqlite::Result<Peek> {
        conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| {
                Ok(Peek {
                    app_id: r.get(0)?,
                    version: r.get(1)?,
                    tables: r.get(2)?,
                })
            },
        )
    }

    /// A new, empty database: ours to set up.
    pub fn fresh(&self) -> bool {
        self.app_id == 0 && self.version == 0 && self.tables == 0
    }

    /// Refuses what is not a smallwins journal this build can use.
    pub fn refuse_foreign(&self, path: &Path) -> Result<()> {
        if self.fresh() {
            return Ok(());
        }
        if self.app_id != APPLICATION_ID {
            return Err(StoreError::NotAJournal(path.to_path_buf()));
        }
        if self.version > LATEST_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: self.version,
                supported: LATEST_VERSION,
            });
        }
        if self.version < 0 || self.tables == 0 {
            return Err(StoreError::Corrupt(path.to_path_buf()));
        }
        Ok(())
    }
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

    /// [`Store::open`] for a command that needs `access`; `now` dates any
    /// copy made before an update.
    pub fn open_at(path: &Path, now: NaiveDateTime, access: Access) -> Result<Store> {
        match open_writable(path, now) {
            Ok(store) => {
                if access == Access::Read {
                    store.conn.pragma_update(None, "query_only", true)?;
                }
                Ok(store)
            }
            Err(e) if access != Access::Write && e.still_readable() => {
                open_read_only(path).map_err(|_| e)
            }
            Err(e) => Err(e),
        }
    }

    /// Creates a journal at an older schema version. For migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i32) -> Result<()> {
        create_private_file(path)?;
        let mut conn = Connection::open(path)?;
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

fn open_writable(path: &Path, now: NaiveDateTime) -> Result<Store> {
    match look_at(path)? {
        Found::Missing => create_private_file(path)?,
        // An existing empty file is a new journal: nothing in it can be lost.
        Found::Empty => restrict_permissions(path)?,
        Found::File => check_header(path)?,
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    // SQLite quietly opens a write-protected file read-only; say so before
    // anything is read (a read-only open would leave files beside it).
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(read_only_cause(path));
    }
    conn.busy_timeout(BUSY_WAIT)?;
    let peek = Peek::read(&conn).map_err(|e| open_error(path, e))?;
    peek.refuse_foreign(path)?;

    let settings = || -> rusqlite::Result<()> {
        use_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted text is overwritten with zeros, not left in free space.
        conn.pragma_update(None, "secure_delete", "ON")?;
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

    if peek.version < LATEST_VERSION {
        if !peek.fresh() {
            backup::copy_before_update(&conn, path, peek.version, now)?;
        }
        bring_up_to_date(&mut conn, path)?;
    }
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        writable: true,
    })
}

/// Puts the journal in WAL mode (a no-op once it is). Turning a new file to
/// WAL needs an exclusive lock that SQLite does not wait for, so while
/// another process is setting up the same new journal, this waits here.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
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
    let peek = Peek::read(&tx).map_err(|e| open_error(path, e))?;
    peek.refuse_foreign(path)?;
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
/// nothing beside it (see [`connect_for_reading`]).
fn open_read_only(path: &Path) -> Result<Store> {
    if !matches!(look_at(path)?, Found::File) {
        return Err(StoreError::NotAJournal(path.to_path_buf()));
    }
    check_header(path)?;
    let conn = connect_for_reading(path).map_err(|e| open_error(path, e))?;
    let peek = Peek::read(&conn).map_err(|e| open_error(path, e))?;
    peek.refuse_foreign(path)?;
    if peek.fresh() || peek.version < LATEST_VERSION {
        // Not set up yet, or needing an update that cannot be written.
        return Err(StoreError::ReadOnly);
    }
    conn.pragma_update(None, "query_only", true)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        writable: false,
    })
}

/// A read-only connection that creates nothing beside the file. While
/// another process has the journal open (its `-shm` is there), SQLite reads
/// through the WAL and sees that process's latest commits; otherwise the
/// file is opened `immutable`, which needs no side files.
pub(super) fn connect_for_reading(path: &Path) -> rusqlite::Result<Connection> {
    if side_file(path, "-shm").exists()
        && let Ok(conn) = connect_read_only(path, false)
        && Peek::read(&conn).is_ok()
    {
        conn.busy_timeout(BUSY_WAIT)?;
        return Ok(conn);
    }
    let conn = connect_read_only(path, true)?;
    conn.busy_timeout(BUSY_WAIT)?;
    Ok(conn)
}

/// A read-only connection; `immutable` promises SQLite that nobody writes
/// the file meanwhile, so it creates no `-wal` or `-shm` beside it.
pub(super) fn connect_read_only(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = String::from("file:");
    uri.push_str(&uri_path(path));
    if immutable {
        uri.push_str("?immutable=1");
    }
    Connection::open_with_flags(uri, flags)
}

/// A path as the path part of a `file:` URI: absolute, with every byte
/// that means something in a URI escaped.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `journal.db` + `-wal` → `journal.db-wal`.
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses a file that is plainly not a journal we can use, reading only
/// its header.
pub(super) fn check_header(path: &Path) -> Result<()> {
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
    let word = |at: usize| [header[at], header[at + 1], header[at + 2], header[at + 3]];
    let user_version = i32::from_be_bytes(word(60));
    let app_id = i32::from_be_bytes(word(68));
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
    if app_id == APPLICATION_ID && user_version < 0 {
        return Err(StoreError::Corrupt(path.to_path_buf()));
    }
    // A file shorter than its header says is found by SQLite itself as it
    // reads page 1, before anything is written.
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_what_a_uri_would_misread() {
        let p = uri_path(Path::new("/tmp/a b/j?#%.db"));
        assert_eq!(p, "/tmp/a%20b/j%3F%23%25.db");
    }
}
