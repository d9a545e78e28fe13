//! Folding: this machine's change files become one snapshot of the journal
//! once they are many, so the sync folder does not grow without end. A
//! machine folds only its own files (each machine writes only in its own
//! folder): it writes the snapshot under a temporary name, renames it into
//! place, and only then deletes its change files up to the snapshot's
//! sequence and its older snapshot. A fold cut short (the process killed)
//! is finished at the start of the next sync, which also clears temporary
//! files a killed process left.
//!
//! A machine that had not yet taken in the folded files reads the
//! snapshot instead (`take.rs`), so nothing is lost and nothing applied
//! twice.
//!
//! May use: `store` and the rest of `domain::sync`.

use std::fs;
use std::time::Duration;

use super::folder::{self, Floor, Found, Kind, SnapshotHeader};
use super::{Result, io};
use crate::store::Store;
use crate::store::sync::Joined;

/// When this machine folds its change files into a snapshot: once there
/// are `files` of them since the last snapshot, or once they weigh
/// `bytes` and as much as that snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldPolicy {
    pub files: usize,
    pub bytes: u64,
}

/// Five hundred change files (about a month of a busy journal, each
/// action one file), or 256 KB and as much as the last snapshot (a large
/// import, or the first change of a journal that already held years).
pub const FOLD: FoldPolicy = FoldPolicy {
    files: 500,
    bytes: 256 << 10,
};

/// A temporary file older than this was left by a process that was killed.
const LEFTOVER_AGE: Duration = Duration::from_secs(600);

/// Finishes a fold cut short, then folds if `policy` says so (or always,
/// with `None`); how many change files were folded.
pub(super) fn tidy_and_fold(
    store: &Store,
    joined: &Joined,
    policy: Option<FoldPolicy>,
) -> Result<usize> {
    let own = folder::own(&joined.folder, &joined.device).map_err(io("read", &joined.folder))?;
    let last = own
        .iter()
        .filter(|f| f.kind == Kind::Snapshot)
        .max_by_key(|f| f.seq);
    let (last_seq, last_len) = last.map_or((0, 0), |f| (f.seq, f.len));
    remove_folded(&own, last_seq);
    for temp in folder::leftovers(&joined.folder.join(&joined.device), LEFTOVER_AGE) {
        let _ = fs::remove_file(temp);
    }
    let since: Vec<&Found> = own
        .iter()
        .filter(|f| f.kind == Kind::Change && f.seq > last_seq)
        .collect();
    let bytes: u64 = since.iter().map(|f| f.len).sum();
    let due = match policy {
        None => !since.is_empty() || last.is_none(),
        Some(p) => since.len() >= p.files || bytes >= p.bytes.max(last_len),
    };
    if !due {
        return Ok(0);
    }
    fold(store, joined, &own, last_seq)
}

/// Writes a snapshot of the journal, then deletes the change files it
/// holds; how many.
fn fold(store: &Store, joined: &Joined, own: &[Found], last_seq: i64) -> Result<usize> {
    let snapshot = store.sync_snapshot()?;
    if snapshot.seq <= last_seq || snapshot.seq == 0 {
        return Ok(0);
    }
    let header = SnapshotHeader {
        sent_at: store.sync_now(),
        name: joined.name.clone(),
        floors: snapshot
            .floors
            .iter()
            .map(|f| Floor {
                device: f.device.clone(),
                seq: f.seq,
                name: f.name.clone(),
                sent_at: f.sent_at,
            })
            .collect(),
    };
    let bytes = folder::seal_snapshot(
        &joined.key,
        (&joined.journal, &joined.device, snapshot.seq),
        &header,
        &snapshot.changes,
    );
    let path = folder::snapshot_path(&joined.folder, &joined.device, snapshot.seq);
    folder::write_atomic(&path, &bytes).map_err(io("write", &path))?;
    Ok(remove_folded(own, snapshot.seq))
}

/// Deletes this machine's change files up to `seq` and its snapshots
/// before it (those a snapshot at `seq` holds); how many change files.
fn remove_folded(own: &[Found], seq: i64) -> usize {
    let mut removed = 0;
    for f in own.iter().filter(|f| f.seq <= seq) {
        let folded = match f.kind {
            Kind::Change => true,
            Kind::Snapshot => f.seq < seq,
        };
        if folded && fs::remove_file(&f.path).is_ok() && f.kind == Kind::Change {
            removed += 1;
        }
    }
    removed
}
