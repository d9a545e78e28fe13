//! The sync folder on disk: `smallwins-sync/journal.key` (see `crypto.rs`)
//! and one folder per machine, `smallwins-sync/<device>/`, holding that
//! machine's changes as `<sequence>.chg`, each one changeset, sealed, and
//! at most one snapshot, `<sequence>.snap`: the journal as that machine
//! held it once its own change files up to that sequence were folded into
//! it (and deleted). Each machine writes only in its own folder, so the
//! tool that syncs the folder never has two versions of one file to
//! reconcile. Every file is written under a temporary name and renamed
//! into place, so a reader sees a whole file or none (a tool that copies a
//! file in pieces may still show half of one: it fails to open and is
//! tried again on the next sync).
//!
//! A change file: `SWSYNC` and a format byte pair, the journal's id (its
//! length, then its bytes), then the sealed body. The body is bound to the
//! journal, the machine and the sequence (a file renamed or moved to
//! another machine's folder does not open); inside, deflated: the length of
//! a small JSON header (when it was made, UTC, and the machine's name), the
//! header, and the changeset. A snapshot is the same with `SWSNAP` (so
//! neither opens as the other), a header that also says which changes of
//! the other machines it holds, and a changeset of every record and of
//! every record's stamp.
//!
//! May use: nothing of ours but `crypto.rs`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::crypto::{self, KeyFile};

/// The folder's name inside the folder a person syncs.
pub const FOLDER: &str = "smallwins-sync";
const KEY_FILE: &str = "journal.key";
const MAGIC: &[u8; 8] = b"SWSYNC\x00\x01";
const SNAPSHOT_MAGIC: &[u8; 8] = b"SWSNAP\x00\x01";

/// The sync folder inside `dir`.
pub fn root(dir: &Path) -> PathBuf {
    if dir.file_name().is_some_and(|n| n == FOLDER) {
        dir.to_path_buf()
    } else {
        dir.join(FOLDER)
    }
}

pub fn key_path(root: &Path) -> PathBuf {
    root.join(KEY_FILE)
}

pub fn change_path(root: &Path, device: &str, seq: i64) -> PathBuf {
    root.join(device)
        .join(format!("{seq:012}.{}", Kind::Change.extension()))
}

pub fn snapshot_path(root: &Path, device: &str, seq: i64) -> PathBuf {
    root.join(device)
        .join(format!("{seq:012}.{}", Kind::Snapshot.extension()))
}

/// A change file or a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Change,
    Snapshot,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Change => "chg",
            Kind::Snapshot => "snap",
        }
    }

    fn magic(self) -> &'static [u8; 8] {
        match self {
            Kind::Change => MAGIC,
            Kind::Snapshot => SNAPSHOT_MAGIC,
        }
    }

    /// The kind and sequence a file's name says, if it is one of ours.
    fn of_name(name: &str) -> Option<(Kind, i64)> {
        let (stem, kind) = if let Some(stem) = name.strip_suffix(".chg") {
            (stem, Kind::Change)
        } else {
            (name.strip_suffix(".snap")?, Kind::Snapshot)
        };
        if stem.len() != 12 || !stem.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((kind, stem.parse().ok()?))
    }
}

/// What a change file's header says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The change's stamp: when it was made (UTC), or earlier for the
    /// records a journal held when it began to sync.
    pub made_at: NaiveDateTime,
    /// When the file was written (UTC): when the machine was last seen.
    pub sent_at: NaiveDateTime,
    pub name: String,
}

/// What a snapshot's header says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotHeader {
    /// When the file was written (UTC).
    pub sent_at: NaiveDateTime,
    pub name: String,
    /// For each other machine, the changes the snapshot holds: every one
    /// up to a sequence.
    pub floors: Vec<Floor>,
}

/// Every change of `device` up to `seq` is in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Floor {
    pub device: String,
    pub seq: i64,
    /// That machine's name, and when it wrote the newest of those changes.
    pub name: String,
    pub sent_at: NaiveDateTime,
}

/// A change file or snapshot found in a machine's folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub device: String,
    pub seq: i64,
    pub kind: Kind,
    pub path: PathBuf,
    /// Its size in bytes.
    pub len: u64,
}

/// Why a change file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// It names another journal.
    OtherJournal,
    /// It does not open with this folder's key: cut short while being
    /// copied, damaged, or sealed with another passphrase.
    Unopened,
    /// The file could not be read at all.
    Io(String),
}

/// Every change file and snapshot of every machine but `me`, by machine,
/// sequence and kind. Anything else (temporary names, the key file, a
/// stray file) is passed over.
pub fn list(root: &Path, me: &str) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let device = entry.file_name().to_string_lossy().into_owned();
        if device == me || device.starts_with('.') || !entry.file_type()?.is_dir() {
            continue;
        }
        if let Ok(files) = in_folder(&entry.path(), &device) {
            found.extend(files);
        }
    }
    found.sort();
    Ok(found)
}

/// This machine's own change files and snapshots, by sequence; none if
/// its folder is not there yet.
pub fn own(root: &Path, me: &str) -> std::io::Result<Vec<Found>> {
    match in_folder(&root.join(me), me) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        other => other.map(|mut found| {
            found.sort();
            found
        }),
    }
}

fn in_folder(dir: &Path, device: &str) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    for file in fs::read_dir(dir)?.flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        let Some((kind, seq)) = Kind::of_name(&name) else {
            continue;
        };
        found.push(Found {
            device: device.to_string(),
            seq,
            kind,
            path: file.path(),
            len: file.metadata().map(|m| m.len()).unwrap_or(0),
        });
    }
    Ok(found)
}

/// Temporary files [`write_atomic`] left in `dir` when its process was
/// killed, older than `age`: nothing reads them.
pub fn leftovers(dir: &Path, age: std::time::Duration) -> Vec<PathBuf> {
    let Ok(files) = fs::read_dir(dir) else {
        return Vec::new();
    };
    files
        .flatten()
        .filter(|f| {
            let name = f.file_name().to_string_lossy().into_owned();
            name.starts_with('.') && name.ends_with(".tmp")
        })
        .filter(|f| {
            f.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|e| e > age)
        })
        .map(|f| f.path())
        .collect()
}

fn context(kind: Kind, journal: &str, device: &str, seq: i64) -> Vec<u8> {
    let mut ctx = kind.magic().to_vec();
    for part in [journal.as_bytes(), device.as_bytes()] {
        ctx.extend((part.len() as u32).to_le_bytes());
        ctx.extend(part);
    }
    ctx.extend(seq.to_le_bytes());
    ctx
}

/// A change file's bytes.
pub fn seal_change(
    key: &[u8],
    journal: &str,
    device: &str,
    seq: i64,
    header: &Header,
    changes: &[u8],
) -> Vec<u8> {
    seal(Kind::Change, key, (journal, device, seq), header, changes)
}

/// Reads a change file sealed by [`seal_change`].
pub fn open_change(
    bytes: &[u8],
    key: &[u8],
    journal: &str,
    device: &str,
    seq: i64,
) -> Result<(Header, Vec<u8>), Unread> {
    open(Kind::Change, bytes, key, (journal, device, seq))
}

/// A snapshot's bytes.
pub fn seal_snapshot(
    key: &[u8],
    (journal, device, seq): (&str, &str, i64),
    header: &SnapshotHeader,
    changes: &[u8],
) -> Vec<u8> {
    seal(Kind::Snapshot, key, (journal, device, seq), header, changes)
}

/// Reads a snapshot sealed by [`seal_snapshot`].
pub fn open_snapshot(
    bytes: &[u8],
    key: &[u8],
    (journal, device, seq): (&str, &str, i64),
) -> Result<(SnapshotHeader, Vec<u8>), Unread> {
    open(Kind::Snapshot, bytes, key, (journal, device, seq))
}

/// The file of one change or snapshot of `device` (`seq`) in `journal`.
type Named<'a> = (&'a str, &'a str, i64);

fn seal<H: Serialize>(
    kind: Kind,
    key: &[u8],
    (journal, device, seq): Named<'_>,
    header: &H,
    changes: &[u8],
) -> Vec<u8> {
    let head = serde_json::to_vec(header).unwrap_or_default();
    let mut plain = (head.len() as u32).to_le_bytes().to_vec();
    plain.extend(head);
    plain.extend(changes);
    let packed = miniz_oxide::deflate::compress_to_vec(&plain, 6);
    let mut out = kind.magic().to_vec();
    out.push(u8::try_from(journal.len()).unwrap_or(0));
    out.extend(journal.as_bytes());
    out.extend(crypto::seal(
        key,
        &context(kind, journal, device, seq),
        &packed,
    ));
    out
}

fn open<H: serde::de::DeserializeOwned>(
    kind: Kind,
    bytes: &[u8],
    key: &[u8],
    (journal, device, seq): Named<'_>,
) -> Result<(H, Vec<u8>), Unread> {
    let rest = bytes
        .strip_prefix(&kind.magic()[..])
        .ok_or(Unread::Unopened)?;
    let (&len, rest) = rest.split_first().ok_or(Unread::Unopened)?;
    let named = rest.get(..usize::from(len)).ok_or(Unread::Unopened)?;
    if named != journal.as_bytes() {
        return Err(Unread::OtherJournal);
    }
    let sealed = &rest[usize::from(len)..];
    let packed =
        crypto::open(key, &context(kind, journal, device, seq), sealed).ok_or(Unread::Unopened)?;
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 1 << 30)
        .map_err(|_| Unread::Unopened)?;
    let (len, rest) = plain.split_first_chunk::<4>().ok_or(Unread::Unopened)?;
    let len = u32::from_le_bytes(*len) as usize;
    let head = rest.get(..len).ok_or(Unread::Unopened)?;
    let header: H = serde_json::from_slice(head).map_err(|_| Unread::Unopened)?;
    Ok((header, rest[len..].to_vec()))
}

pub fn read_key_file(root: &Path) -> std::io::Result<Option<KeyFile>> {
    match fs::read(key_path(root)) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` at `path`: under a temporary name in the same folder,
/// flushed to disk, then renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            made_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .expect("time"),
            sent_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time"),
            name: "laptop".into(),
        }
    }

    #[test]
    fn a_change_file_opens_only_as_itself() {
        let key = vec![1u8; 32];
        let bytes = seal_change(&key, "j1", "dev", 3, &header(), b"changes");
        assert_eq!(
            open_change(&bytes, &key, "j1", "dev", 3),
            Ok((header(), b"changes".to_vec()))
        );
        assert_eq!(
            open_change(&bytes, &key, "j2", "dev", 3),
            Err(Unread::OtherJournal)
        );
        assert_eq!(
            open_change(&bytes, &key, "j1", "dev", 4),
            Err(Unread::Unopened),
            "renamed"
        );
        assert_eq!(
            open_change(&bytes, &key, "j1", "other", 3),
            Err(Unread::Unopened),
            "moved"
        );
        assert_eq!(
            open_change(&bytes[..bytes.len() / 2], &key, "j1", "dev", 3),
            Err(Unread::Unopened),
            "cut short"
        );
        assert_eq!(
            open_change(&bytes, &[2u8; 32], "j1", "dev", 3),
            Err(Unread::Unopened),
            "another passphrase"
        );
    }

    #[test]
    fn a_snapshot_and_a_change_file_never_open_as_each_other() {
        let key = vec![1u8; 32];
        let snap = SnapshotHeader {
            sent_at: header().sent_at,
            name: "laptop".into(),
            floors: Vec::new(),
        };
        let sealed = seal_snapshot(&key, ("j1", "dev", 3), &snap, b"records");
        assert_eq!(
            open_snapshot(&sealed, &key, ("j1", "dev", 3)),
            Ok((snap, b"records".to_vec()))
        );
        assert_eq!(
            open_change(&sealed, &key, "j1", "dev", 3),
            Err(Unread::Unopened)
        );
        let change = seal_change(&key, "j1", "dev", 3, &header(), b"changes");
        assert_eq!(
            open_snapshot(&change, &key, ("j1", "dev", 3)),
            Err(Unread::Unopened)
        );
        assert_eq!(
            open_snapshot(&sealed, &key, ("j2", "dev", 3)),
            Err(Unread::OtherJournal)
        );
    }

    #[test]
    fn names_say_kind_and_sequence_and_nothing_else_counts() {
        assert_eq!(Kind::of_name("000000000012.chg"), Some((Kind::Change, 12)));
        assert_eq!(
            Kind::of_name("000000000500.snap"),
            Some((Kind::Snapshot, 500))
        );
        assert_eq!(Kind::of_name(".000000000500.snap.77.tmp"), None);
        assert_eq!(Kind::of_name("12.chg"), None);
        assert_eq!(Kind::of_name("00000000001x.chg"), None);
    }
}
