//! The daily copy: on the first use of each day, once the journal has
//! records, the journal is checked in full (`PRAGMA quick_check`) and a
//! sound one is copied to the backups folder (`backup.rs` names, writes
//! and prunes the copies).
//!
//! - **Off the waiting path.** A command, or the full-screen journal, only
//!   asks whether today's copy is due ([`Store::daily_copy_due`]: the
//!   folder's listing and one small query). The check and the copy, which
//!   read the whole file, run in a process of their own started once the
//!   answer is out (`cli/upkeep.rs`), which calls [`Store::daily_backup`].
//! - **Never two at once.** [`Store::daily_backup`] holds a lock on the
//!   backups folder itself (`flock`, which the kernel lets go however the
//!   process ends) for the check and the copy, and asks again whether the
//!   copy is due once it has it: a second process waits, then finds the
//!   copy made and leaves. A copy is written under a temporary name and
//!   renamed only once complete (`temp.rs`), so one cut off is never taken
//!   for a copy.
//! - **A damaged journal is never copied, and not written over.** When the
//!   check finds damage, nothing is copied (good copies are never pushed
//!   out by a damaged one) and a mark is left in the backups folder
//!   (`.<journal>-damaged`). While the mark is there, every open checks the
//!   journal in full before anything else and refuses it while it is
//!   damaged ([`Store::refuse_if_marked_damaged`]); a journal found sound
//!   again (restored, repaired, replaced) loses the mark. Between the day's
//!   first command and the check, SQLite's own checks of each page a
//!   command reads or writes (`cell_size_check`, set in `open.rs`) stop a
//!   write that meets damage.
//!
//! May use: the rest of `store`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::backup::{BackupKind, backup_folder, backups, copy_into, file_name, prune, stem};
use super::open::create_private_subfolder;
use super::temp::TempCopy;
use super::{Result, Store, StoreError};

impl Store {
    /// Whether today's daily copy is still to be made: the journal has
    /// records and no daily copy of `now`'s day is in the backups folder.
    /// Cheap (the folder's listing and one query), for every command.
    pub fn daily_copy_due(&self, now: NaiveDateTime) -> Result<bool> {
        // Only a copy of this very day counts: one dated later (the clock
        // was once set ahead) must not stop the copies of the days before
        // it, and pruning keeps the copy made now (see `prune`).
        let made_today = backups(&self.path)
            .unwrap_or_default()
            .iter()
            .any(|b| b.kind == BackupKind::Daily && b.taken.date() == now.date());
        Ok(!made_today && self.has_records()?)
    }

    /// Makes today's copy if it is due, holding the backups folder's lock
    /// (waiting while another smallwins holds it). Checks the journal first
    /// (`PRAGMA quick_check`): a damaged journal is refused with
    /// [`StoreError::Corrupt`], not copied, and marked. A place where no
    /// copy can be written (read-only, full) is not an error: no copy is
    /// made, and `smallwins backup --list` shows the newest there is.
    /// Returns the new copy's path.
    pub fn daily_backup(&self, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        match self.check_and_copy(now) {
            Err(StoreError::Corrupt(path)) => {
                mark_damaged(&self.path);
                Err(StoreError::Corrupt(path))
            }
            other => other,
        }
    }

    fn check_and_copy(&self, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        if !self.daily_copy_due(now)? {
            return Ok(None);
        }
        let Ok(_lock) = FolderLock::take(&backup_folder(&self.path)) else {
            return Ok(None);
        };
        // Another smallwins may have made it while this one waited.
        if !self.daily_copy_due(now)? {
            return Ok(None);
        }
        let target =
            backup_folder(&self.path).join(file_name(&stem(&self.path), now, BackupKind::Daily, 1));
        let Ok(temp) = TempCopy::create(&target) else {
            return Ok(None);
        };
        if !self.is_sound()? {
            temp.discard();
            return Err(StoreError::Corrupt(self.path.clone()));
        }
        if copy_into(&self.conn, &temp.path, &self.key).is_err() {
            temp.discard();
            return Ok(None);
        }
        let kept = temp.keep_as(&target).ok().flatten();
        prune(&self.path, now);
        Ok(kept)
    }

    /// Refuses the journal with [`StoreError::Corrupt`] if the daily check
    /// marked it damaged and it still is (checked in full); clears the
    /// mark of one found sound again. One look at the folder otherwise.
    pub(super) fn refuse_if_marked_damaged(&self) -> Result<()> {
        let mark = damage_mark(&self.path);
        if fs::symlink_metadata(&mark).is_err() {
            return Ok(());
        }
        if !self.is_sound()? {
            return Err(StoreError::Corrupt(self.path.clone()));
        }
        fs::remove_file(&mark).ok();
        Ok(())
    }

    /// Whether any record is there, without counting them.
    fn has_records(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM promises) OR EXISTS (SELECT 1 FROM wins)
                 OR EXISTS (SELECT 1 FROM checkins) OR EXISTS (SELECT 1 FROM reflections)
                 OR EXISTS (SELECT 1 FROM reviews)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.read_error(e))
    }

    /// `PRAGMA quick_check`: reads the whole file.
    fn is_sound(&self) -> Result<bool> {
        match self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        {
            Ok(first) => Ok(first == "ok"),
            Err(e) => match self.read_error(e) {
                StoreError::Corrupt(_) => Ok(false),
                other => Err(other),
            },
        }
    }

    fn read_error(&self, e: rusqlite::Error) -> StoreError {
        match StoreError::from(e) {
            StoreError::Damaged => StoreError::Corrupt(self.path.clone()),
            other => other,
        }
    }
}

/// The mark the daily check leaves beside the copies of a damaged journal.
fn damage_mark(journal: &Path) -> PathBuf {
    backup_folder(journal).join(format!(".{}-damaged", stem(journal)))
}

/// Leaves the mark. Best effort: where it cannot be written, the next
/// day's check finds the damage again.
fn mark_damaged(journal: &Path) {
    let folder = backup_folder(journal);
    if create_private_subfolder(&folder).is_ok() {
        fs::write(damage_mark(journal), b"").ok();
    }
}

/// Clears the mark, after a restore.
pub(super) fn clear_damage_mark(journal: &Path) {
    fs::remove_file(damage_mark(journal)).ok();
}

/// The lock on the backups folder, held while the daily copy is checked
/// and written; let go when dropped, or by the kernel when the process
/// ends however it ends.
struct FolderLock {
    _held: fs::File,
}

impl FolderLock {
    /// Creates the folder if needed and waits until no other process holds
    /// its lock.
    fn take(folder: &Path) -> std::io::Result<FolderLock> {
        create_private_subfolder(folder)?;
        let file = fs::File::open(folder)?;
        #[cfg(unix)]
        rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)?;
        Ok(FolderLock { _held: file })
    }
}
