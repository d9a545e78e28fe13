//! Copies written under a temporary name, and clearing the ones a killed
//! process left behind.
//!
//! A copy (a daily backup, the journal before an update or a restore, a
//! restored journal about to take the journal's place) is written to
//! `.<name>.<pid>.tmp` beside its final name and renamed only once
//! complete. While it is written, the process holds a lock on it (`flock`,
//! which the kernel lets go when the process ends, however it ends). A
//! temporary copy nobody holds is a leftover of a killed process: the next
//! open removes it, with its SQLite side files, however young it is; one
//! another process still holds stays. A leftover is overwritten with
//! zeros before it is removed ([`shred`]): it may be the plain journal an
//! `encrypt` was replacing (`seal.rs`).
//!
//! May use: the rest of `store`.

use std::fs;
use std::path::{Path, PathBuf};

use super::backup::{backup_folder, stem};
use super::open::{create_private_subfolder, folder_of, side_file};

/// A copy being written under a temporary name beside its final name;
/// removed when dropped unless it got its real name.
pub(super) struct TempCopy {
    pub path: PathBuf,
    placed: bool,
    /// Open while the copy is written: it holds the lock.
    _held: fs::File,
}

impl TempCopy {
    /// Creates `.<name>.<pid>.tmp` (mode 0600) beside `target`, and the
    /// private folder for it if needed (not the folders above it), and
    /// holds it.
    pub fn create(target: &Path) -> std::io::Result<TempCopy> {
        let folder = folder_of(target);
        create_private_subfolder(folder)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        // Another smallwins clearing leftovers may take the new file for
        // one in the moment before it is held, and remove it: then it is
        // made again.
        for _ in 0..10 {
            let file = options.open(&path)?;
            hold(&file);
            if is_at(&file, &path) {
                return Ok(TempCopy {
                    path,
                    placed: false,
                    _held: file,
                });
            }
        }
        Err(std::io::Error::other(
            "the temporary copy kept being removed",
        ))
    }

    /// Gives the copy its real name, unless a copy by that name appeared
    /// meanwhile (another smallwins made the same copy): then this one goes.
    pub fn keep_as(self, target: &Path) -> std::io::Result<Option<PathBuf>> {
        if target.exists() {
            self.discard();
            return Ok(None);
        }
        self.replace(target)?;
        Ok(Some(target.to_path_buf()))
    }

    /// Renames the copy to `target`, replacing what is there, and syncs
    /// the folder so the new name survives a power cut.
    pub fn replace(mut self, target: &Path) -> std::io::Result<()> {
        fs::rename(&self.path, target)?;
        self.placed = true;
        if let Ok(dir) = fs::File::open(folder_of(target)) {
            dir.sync_all().ok();
        }
        Ok(())
    }

    pub fn discard(self) {
        drop(self);
    }
}

impl Drop for TempCopy {
    fn drop(&mut self) {
        if !self.placed {
            fs::remove_file(&self.path).ok();
        }
        fs::remove_file(side_file(&self.path, "-journal")).ok();
    }
}

/// Takes the lock on a temporary copy being written, waiting while a
/// process clearing leftovers holds it for a moment. Best effort: where
/// locks are not kept (some network file systems), a copy that is not
/// held may be cleared by another process's open, and then that copy is
/// simply not made.
fn hold(file: &fs::File) {
    #[cfg(unix)]
    rustix::fs::flock(file, rustix::fs::FlockOperation::LockExclusive).ok();
    #[cfg(not(unix))]
    let _ = file;
}

/// Whether `file` is still the file at `path` (not removed meanwhile).
fn is_at(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// The temporary copy at `path` taken for removal if no process holds it:
/// `Some` with its lock (kept while it is removed, so a process that just
/// made a file by that name sees it go, see [`TempCopy::create`]), or with
/// nothing when there is no file left; `None` while a process writes it.
fn take_leftover(path: &Path) -> Option<Option<fs::File>> {
    #[cfg(unix)]
    {
        match fs::File::open(path) {
            Ok(file) => {
                rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
                    .ok()?;
                Some(Some(file))
            }
            Err(_) => Some(None),
        }
    }
    // Without locks, a copy is never known to be left over.
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Removes the temporary copies of the journal at `journal` (in its
/// backups folder, and beside it from a restore) that no process holds,
/// and their SQLite side files. Best effort.
pub(super) fn remove_leftovers(journal: &Path) {
    let file_name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let places = [
        (backup_folder(journal), format!(".{}-", stem(journal))),
        (folder_of(journal).to_path_buf(), format!(".{file_name}.")),
    ];
    for (folder, prefix) in places {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(end) = name.find(".tmp") else {
                continue;
            };
            if !name.starts_with(&prefix) {
                continue;
            }
            // `.x.db.77.tmp-journal` belongs to `.x.db.77.tmp`.
            let copy = folder.join(&name[..end + ".tmp".len()]);
            let Some(_lock) = take_leftover(&copy) else {
                continue;
            };
            // The old journal of a cut-off `encrypt` may still be the
            // journal itself under a second name: then only that name goes.
            if same_file(&entry.path(), journal) {
                fs::remove_file(entry.path()).ok();
            } else {
                shred(&entry.path()).ok();
            }
        }
    }
}

/// Whether `a` and `b` are names of one file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    // Without inode numbers, never overwrite what may be the journal.
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Overwrites the file at `path` with zeros, syncs it and removes it; a
/// file already gone is fine. How far this reaches on disks that write
/// elsewhere (SSDs, copy-on-write file systems) is said in README
/// "Encryption".
pub(super) fn shred(path: &Path) -> std::io::Result<()> {
    use std::io::{ErrorKind, Write};
    match fs::OpenOptions::new().write(true).open(path) {
        Ok(mut file) => {
            let mut left = file.metadata()?.len();
            let zeros = vec![0u8; 64 * 1024];
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                file.write_all(&zeros[..n])?;
                left -= n as u64;
            }
            file.sync_all()?;
        }
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
