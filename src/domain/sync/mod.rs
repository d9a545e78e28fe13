//! One journal on several machines, through a folder the person already
//! syncs (Syncthing, Dropbox, a NAS, a USB stick), end-to-end encrypted.
//!
//! Each machine records its own transactions as SQLite changesets (the
//! store does that in its write path, `store/sync/`), writes them sealed to
//! its own folder in the sync folder (`folder.rs`, `crypto.rs`), and
//! applies every other machine's by the one merge rule
//! ([`super::merge::incoming_wins`]): the record changed last (UTC time, then
//! which change) wins; a removed record stays removed unless it was changed
//! after; the version that lost is kept (`smallwins sync status` counts
//! them). A file that cannot be opened (half-copied, damaged, another
//! passphrase, another journal) is skipped with one sentence and never
//! stops the others; a ledger keeps any change from being applied twice.
//!
//! Each machine folds its own change files into a snapshot of the journal
//! once they are many (`fold.rs`), so the folder does not grow without
//! end; a machine that joins, or that comes back after another folded,
//! starts from that machine's snapshot and then takes in only the change
//! files after it (`take.rs`).
//!
//! May use: `store`, `model`, and the rest of `domain`.

pub mod crypto;
mod fold;
pub mod folder;
mod take;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::store::Store;
use crate::store::StoreError;
use crate::store::sync::{Joined, Lost, Machine};
pub use fold::{FOLD, FoldPolicy};
use folder::Header;

/// What can stop a sync command. Each message is one sentence a person can
/// act on.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "This journal does not sync yet; start with `smallwins sync init DIR` on one machine and `smallwins sync join DIR` on the others."
    )]
    NotJoined,
    #[error(
        "This journal already syncs through {}; run `smallwins sync leave` first to use another folder.",
        .0.display()
    )]
    AlreadyJoined(PathBuf),
    #[error(
        "{} already holds a smallwins sync folder; join it with `smallwins sync join {}`.",
        .0.display(), .0.display()
    )]
    FolderTaken(PathBuf),
    #[error(
        "{} holds no smallwins sync folder yet; start one with `smallwins sync init {}` on the first machine, and let it sync here.",
        .0.display(), .0.display()
    )]
    NoFolder(PathBuf),
    #[error(
        "That passphrase does not open this sync folder, so nothing was changed; use the passphrase given to `smallwins sync init`."
    )]
    WrongPassphrase,
    #[error(
        "{} is damaged, so nothing was changed; let the folder sync again, or copy that file from a machine that syncs.",
        .0.display()
    )]
    DamagedKey(PathBuf),
    #[error(
        "The sync folder {} belongs to another journal now, so nothing was synced; run `smallwins sync leave`, then `smallwins sync join` it.",
        .0.display()
    )]
    OtherJournal(PathBuf),
    #[error(
        "The sync folder {} is not there (is its drive mounted?), so nothing was synced; your changes wait here until it is back.",
        .0.display()
    )]
    FolderMissing(PathBuf),
    #[error("Could not {action} {}: {}.", .path.display(), .source.to_string().to_lowercase())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SyncError {
    let path = path.to_path_buf();
    move |source| SyncError::Io {
        action,
        path,
        source,
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Changes of this machine written to the folder.
    pub sent: usize,
    /// Other machines' changes applied here.
    pub applied: usize,
    /// Versions that lost a merge (kept).
    pub lost: usize,
    /// Files skipped, each with one sentence why.
    pub skipped: Vec<(String, String)>,
    /// This machine's change files folded into a new snapshot (and
    /// deleted from the folder).
    pub folded: usize,
}

/// Where sync stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub joined: Joined,
    /// The other machines whose changes were applied here.
    pub machines: Vec<Machine>,
    /// This machine's changes not yet in the folder.
    pub outgoing: usize,
    /// Other machines' changes in the folder not yet applied here.
    pub incoming: usize,
    /// Files the last sync skipped, each with why.
    pub skipped: Vec<(String, String)>,
    /// Versions that lost a merge, kept.
    pub lost: Vec<Lost>,
}

/// The first change a journal that starts a sync folder sends is stamped
/// here, before any real change; a journal that joins stamps what it held
/// before one second earlier, so for a record both hold, the folder's copy
/// wins.
fn base_time(joining: bool) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(if joining { 0 } else { 1 }, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// Starts a sync folder in `dir` for this journal, sealed with a key from
/// `passphrase` (Argon2id, `memory_kib` and `iterations`), and writes the
/// journal into it.
pub fn init(
    store: &mut Store,
    dir: &Path,
    passphrase: &str,
    name: &str,
    (memory_kib, iterations): (u32, u32),
) -> Result<Report> {
    refuse_joined(store)?;
    let root = folder::root(dir);
    let key_path = folder::key_path(&root);
    if key_path.exists() {
        return Err(SyncError::FolderTaken(dir.to_path_buf()));
    }
    let journal = uuid::Uuid::now_v7().simple().to_string();
    let (file, key) = crypto::new_key_file_with(&journal, passphrase, memory_kib, iterations);
    let text = serde_json::to_vec_pretty(&file).unwrap_or_default();
    folder::write_atomic(&key_path, &text).map_err(io("write", &key_path))?;
    let device = store.device_id()?;
    let joined = new_joined(journal, device, root, key, name);
    store.sync_join(&joined, base_time(false))?;
    sync(store)
}

/// Joins the sync folder in `dir` with `passphrase`: this journal gets a new
/// machine id, sends what it holds, and takes in every other machine's
/// changes.
pub fn join(store: &mut Store, dir: &Path, passphrase: &str, name: &str) -> Result<Report> {
    refuse_joined(store)?;
    let root = folder::root(dir);
    let key_path = folder::key_path(&root);
    let file = match folder::read_key_file(&root) {
        Ok(Some(file)) => file,
        Ok(None) => return Err(SyncError::DamagedKey(key_path)),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(SyncError::NoFolder(dir.to_path_buf()));
        }
        Err(e) => return Err(io("read", &key_path)(e)),
    };
    let key = match crypto::unlock(&file, passphrase) {
        Ok(key) => key,
        Err(crypto::KeyError::WrongPassphrase) => return Err(SyncError::WrongPassphrase),
        Err(crypto::KeyError::Damaged) => return Err(SyncError::DamagedKey(key_path)),
    };
    // A journal that joins is often a copy of another machine's: it gets
    // a device id of its own.
    let device = store.renew_device_id()?;
    let joined = new_joined(file.journal, device, root, key, name);
    store.sync_join(&joined, base_time(true))?;
    sync(store)
}

fn new_joined(
    journal: String,
    device: String,
    folder: PathBuf,
    key: Vec<u8>,
    name: &str,
) -> Joined {
    Joined {
        device,
        journal,
        folder,
        key,
        name: name.to_string(),
    }
}

fn refuse_joined(store: &Store) -> Result<()> {
    match store.sync_joined()? {
        Some(joined) => Err(SyncError::AlreadyJoined(joined.folder)),
        None => Ok(()),
    }
}

/// Stops syncing this journal. Its records stay; its files in the folder
/// stay for the other machines.
pub fn leave(store: &mut Store) -> Result<Joined> {
    let joined = store.sync_joined()?.ok_or(SyncError::NotJoined)?;
    store.sync_leave()?;
    Ok(joined)
}

/// Checks that the folder is there and still this journal's.
fn reach(joined: &Joined) -> Result<()> {
    match folder::read_key_file(&joined.folder) {
        Ok(Some(file)) if file.journal == joined.journal => Ok(()),
        Ok(Some(_)) => Err(SyncError::OtherJournal(joined.folder.clone())),
        Ok(None) => Err(SyncError::DamagedKey(folder::key_path(&joined.folder))),
        Err(_) => Err(SyncError::FolderMissing(joined.folder.clone())),
    }
}

/// Syncs now: writes this machine's waiting changes to the folder,
/// applies every other machine's changes not applied yet, then folds this
/// machine's change files into a snapshot once there are many ([`FOLD`]).
pub fn sync(store: &mut Store) -> Result<Report> {
    sync_with(store, Some(FOLD))
}

/// [`sync`], folding by `policy`, or now whatever the number of files
/// (`None`).
pub fn sync_with(store: &mut Store, policy: Option<FoldPolicy>) -> Result<Report> {
    let joined = store.sync_joined()?.ok_or(SyncError::NotJoined)?;
    reach(&joined)?;
    let mut report = Report {
        sent: send(store, &joined)?,
        ..Report::default()
    };
    take::take_in(store, &joined, &mut report)?;
    store.sync_set_skipped(&report.skipped)?;
    // Last, so the snapshot holds what the others sent too: a machine
    // that joins then often needs no other.
    report.folded = fold::tidy_and_fold(store, &joined, policy)?;
    Ok(report)
}

/// Writes the outbox to this machine's folder; how many changes.
fn send(store: &mut Store, joined: &Joined) -> Result<usize> {
    let outgoing = store.sync_outbox()?;
    let sent_at = store.sync_now();
    for change in &outgoing {
        let header = Header {
            made_at: change.made_at,
            sent_at,
            name: joined.name.clone(),
        };
        let bytes = folder::seal_change(
            &joined.key,
            &joined.journal,
            &joined.device,
            change.seq,
            &header,
            &change.changes,
        );
        let path = folder::change_path(&joined.folder, &joined.device, change.seq);
        folder::write_atomic(&path, &bytes).map_err(io("write", &path))?;
        store.sync_sent(change.seq)?;
    }
    Ok(outgoing.len())
}

/// Where sync stands, without syncing.
pub fn status(store: &Store) -> Result<Status> {
    let joined = store.sync_joined()?.ok_or(SyncError::NotJoined)?;
    let incoming = match folder::list(&joined.folder, &joined.device) {
        Ok(found) => take::waiting(store, found)?,
        Err(_) => 0,
    };
    Ok(Status {
        machines: store.sync_machines()?,
        outgoing: store.sync_outbox()?.len(),
        incoming,
        skipped: store.sync_skipped()?,
        lost: store.sync_lost()?,
        joined,
    })
}
