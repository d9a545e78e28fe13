//! The one way into a journal file.
//!
//! [`connect`] is the only place the store opens an SQLite file: the
//! journal for a command or the full-screen journal (`open.rs`), a copy
//! being written or brought back (`backup.rs`, `restore.rs`) and a journal
//! being checked (`check.rs`). It takes the path, what the caller will do
//! with the file ([`How`]) and the [`Key`] that unlocks it, and:
//!
//! - unlocks an encrypted journal with the key (`key.rs`): a file that is
//!   not plain SQLite but looks like an encrypted journal needs a
//!   passphrase ([`StoreError::Locked`] without one), and the wrong one is
//!   [`StoreError::WrongPassphrase`], found at the first read, before
//!   anything is written;
//! - opens only a regular file (or a symlink to one); a folder, FIFO,
//!   device or socket is refused before anything is opened (a FIFO would
//!   block the open), so nothing about it changes;
//! - reads the 100-byte header first (cheap, even on a ten-year journal):
//!   not SQLite, another program's file, a newer journal or a negative
//!   version is refused untouched;
//! - opens a file it only reads without creating anything beside it.
//!
//! [`vet`] then decides whether what was opened is a journal this build may
//! use: its header fields and, for a journal already set up, its schema
//! objects, which must be exactly the journal's own for its version
//! (`shape.rs`): a trigger, view, index or table someone added is refused,
//! named, before anything runs it.
//!
//! May use: the rest of `store`.

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::key::{Key, SALT_LEN, Salt};
use super::open::{open_error, read_only_cause, side_file};
use super::schema::{APPLICATION_ID, LATEST_VERSION};
use super::{Result, StoreError, shape};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a command waits for another smallwins that holds the journal.
pub(super) const BUSY_WAIT: Duration = Duration::from_secs(5);

/// What the header says about a file that is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sealing {
    /// A plain SQLite file.
    Plain,
    /// An encrypted journal (or so it looks): its salt.
    Sealed(Salt),
}

/// What opening needs to do with the key.
#[derive(Clone, Copy)]
enum Lock {
    Plain,
    Sealed(Salt),
    /// A new, empty file: encrypted when the key is a passphrase.
    New,
}

impl Lock {
    fn apply(self, conn: &Connection, key: &Key) -> rusqlite::Result<()> {
        match self {
            Lock::Plain => Ok(()),
            Lock::Sealed(salt) => key.apply(conn, Some(&salt)),
            Lock::New => key.apply(conn, None),
        }
    }
}

/// What a caller does with the file it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// Reads and writes a journal that exists (an empty file is a journal
    /// not set up yet). Refused if the file or its place is read-only.
    Write,
    /// Only reads, creating nothing beside the file (see
    /// [`connect_for_reading`]); an empty or missing file is refused.
    Read,
    /// Writes a copy into the new, empty file at the path.
    NewCopy,
}

/// Opens the file at `path` for `how`, unlocked with `key`. See the module
/// comment for what is refused before SQLite sees the file.
pub(super) fn connect(path: &Path, how: How, key: &Key) -> Result<Connection> {
    super::entropy::use_os_random();
    let found = look_at(path)?;
    let lock = match (how, found) {
        (_, Found::Missing) => return Err(StoreError::NoJournal(path.to_path_buf())),
        (How::Read, Found::Empty) => return Err(StoreError::NotAJournal(path.to_path_buf())),
        (How::Write | How::Read, Found::File) => match check_header(path)? {
            Sealing::Plain => Lock::Plain,
            Sealing::Sealed(_) if key.is_plain() => {
                return Err(StoreError::Locked(path.to_path_buf()));
            }
            Sealing::Sealed(salt) => Lock::Sealed(salt),
        },
        _ => Lock::New,
    };
    let conn = match how {
        How::Read => connect_for_reading(path, lock, key),
        How::Write | How::NewCopy => {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags).and_then(|conn| {
                lock.apply(&conn, key)?;
                Ok(conn)
            })
        }
    }
    .map_err(|e| open_error(path, e))?;
    if let Lock::Sealed(_) = lock {
        refuse_wrong_key(&conn, path)?;
    }
    // SQLite quietly opens a write-protected file read-only; say so before
    // anything is read (a read-only open would leave files beside it).
    if how != How::Read && conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(read_only_cause(path));
    }
    conn.busy_timeout(BUSY_WAIT)?;
    Ok(conn)
}

/// An encrypted file opened with the wrong key reads as noise: SQLite
/// says "not a database" at the first read. Nothing was written.
fn refuse_wrong_key(conn: &Connection, path: &Path) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(StoreError::WrongPassphrase(path.to_path_buf()))
        }
        Err(e) => Err(open_error(path, e)),
    }
}

/// Decides whether the file behind `conn` is a journal this build may use:
/// a new, empty database (ours to set up), or a smallwins journal no newer
/// than this build holding exactly its own schema objects.
pub(super) fn vet(conn: &Connection, path: &Path) -> Result<Peek> {
    let peek = Peek::read(conn).map_err(|e| open_error(path, e))?;
    peek.refuse_foreign(path)?;
    if !peek.fresh() {
        shape::refuse_strangers(conn, path, peek.version)?;
    }
    Ok(peek)
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

/// A read-only connection that creates nothing beside the file. While
/// another process has the journal open (its `-shm` is there), SQLite reads
/// through the WAL and sees that process's latest commits; otherwise the
/// file is opened `immutable`, which needs no side files.
fn connect_for_reading(path: &Path, lock: Lock, key: &Key) -> rusqlite::Result<Connection> {
    if side_file(path, "-shm").exists()
        && let Ok(conn) = connect_read_only(path, false, lock, key)
        && Peek::read(&conn).is_ok()
    {
        conn.busy_timeout(BUSY_WAIT)?;
        return Ok(conn);
    }
    let conn = connect_read_only(path, true, lock, key)?;
    conn.busy_timeout(BUSY_WAIT)?;
    Ok(conn)
}

/// A read-only connection; `immutable` promises SQLite that nobody writes
/// the file meanwhile, so it creates no `-wal` or `-shm` beside it.
fn connect_read_only(
    path: &Path,
    immutable: bool,
    lock: Lock,
    key: &Key,
) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = String::from("file:");
    uri.push_str(&uri_path(path));
    if immutable {
        uri.push_str("?immutable=1");
    }
    let conn = Connection::open_with_flags(uri, flags)?;
    lock.apply(&conn, key)?;
    Ok(conn)
}

/// A path as the path part of a `file:` URI: absolute, with every byte
/// that means something in a URI escaped.
pub(super) fn uri_path(path: &Path) -> String {
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

/// Refuses a file that is plainly not a journal we can use, reading only
/// its header (and, for a file that is not plain SQLite, its first page).
pub(super) fn check_header(path: &Path) -> Result<Sealing> {
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
    if read == header.len() && &header[..16] != SQLITE_MAGIC {
        return match looks_sealed(&mut file, &header) {
            Some(salt) => Ok(Sealing::Sealed(salt)),
            None => Err(StoreError::NotAJournal(path.to_path_buf())),
        };
    }
    if read < header.len() {
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
    Ok(Sealing::Plain)
}

/// An encrypted journal is whole pages of 4096 bytes that look like noise
/// from the first byte (its salt) on; a text file or another program's
/// (uncompressed) data is not, and is refused without asking for a
/// passphrase. Compressed or random bytes cannot be told from an
/// encrypted journal: they are asked a passphrase for, and none opens them.
/// Returns the salt.
fn looks_sealed(file: &mut fs::File, header: &[u8; 100]) -> Option<Salt> {
    const PAGE: usize = 4096;
    let len = file.metadata().ok()?.len();
    if len < PAGE as u64 || len % PAGE as u64 != 0 {
        return None;
    }
    let mut page = vec![0u8; PAGE];
    page[..header.len()].copy_from_slice(header);
    file.read_exact(&mut page[header.len()..]).ok()?;
    // Random bytes show nearly all 256 values in a page, and so do the
    // steps from one byte to the next; text shows fewer than a hundred,
    // and a pattern (a counter, a fill) few steps.
    let mut values = [false; 256];
    let mut steps = [false; 256];
    for pair in page.windows(2) {
        values[usize::from(pair[0])] = true;
        steps[usize::from(pair[1].wrapping_sub(pair[0]))] = true;
    }
    let count = |seen: &[bool; 256]| seen.iter().filter(|&&s| s).count();
    if count(&values) < 224 || count(&steps) < 224 {
        return None;
    }
    let mut salt = [0u8; SALT_LEN];
    salt.copy_from_slice(&header[..SALT_LEN]);
    Some(salt)
}

/// What the header says the file at `path` is; a missing or empty file,
/// or one that is not a journal, counts as plain.
pub(super) fn sealing(path: &Path) -> Sealing {
    match look_at(path) {
        Ok(Found::File) => check_header(path).unwrap_or(Sealing::Plain),
        _ => Sealing::Plain,
    }
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
