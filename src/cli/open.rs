//! Finding and opening the journal file for a command.
//!
//! Commands that only read open it so that nothing can change
//! ([`Access::Read`]), never create it (a mistyped `--db` says there is no
//! journal there), and still read a journal in a read-only folder, a
//! read-only file or on a full disk. Commands that write say plainly why
//! they cannot. Whether today's copy is due is noted once the command has
//! run, for the copy to start after the output (`upkeep.rs`). A journal
//! others could read is made readable only by its owner as it opens, and
//! the person is told once. An encrypted journal is unlocked with a
//! passphrase from `passphrase.rs` ([`Unlock`]): a wrong one is said after
//! a short delay, and asked again only when it was typed and tries are
//! left (the full-screen journal gives three).
//!
//! Uses the store to open the file and the domain to make it a journal.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{CliError, Result};
use super::output::write_stderr;
use super::passphrase::{self, Purpose, Source, Sources, WRONG_DELAY};
use super::upkeep::Upkeep;
use crate::config::Config;
use crate::domain::{Clock, Journal};
use crate::store::{self, Access, Key, Store, StoreError, kind_of};

/// How an encrypted file gets its passphrase: where to look, and how many
/// typed tries it has.
#[derive(Debug, Clone)]
pub(super) struct Unlock {
    pub sources: Sources,
    pub tries: u32,
}

impl Unlock {
    /// Finds or asks for the passphrase of `purpose` and runs `open` with
    /// its key, until it opens or the tries are used up. Returns what
    /// `open` returned and the key.
    pub fn with_key<T>(
        &self,
        purpose: &Purpose,
        mut open: impl FnMut(&Key) -> store::Result<T>,
    ) -> Result<(T, Key)> {
        let mut tries = 0;
        loop {
            let (secret, source) = passphrase::get(purpose, &self.sources)?;
            let key = Key::passphrase(secret);
            match open(&key) {
                Ok(value) => return Ok((value, key)),
                Err(StoreError::WrongPassphrase(path)) => {
                    tries += 1;
                    std::thread::sleep(WRONG_DELAY);
                    if source != Source::Terminal || tries >= self.tries {
                        return Err(StoreError::WrongPassphrase(path).into());
                    }
                    write_stderr("That passphrase does not open it; try again.\n");
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Opens the journal at `path` as a store, unlocking it if encrypted.
    fn open_store(&self, path: &Path, now: chrono::NaiveDateTime, access: Access) -> Result<Store> {
        if !store::is_encrypted(path) {
            return Ok(Store::open_with(path, now, access, Key::Plain)?);
        }
        let purpose = Purpose::journal(path);
        let (store, _) = self.with_key(&purpose, |key| {
            Store::open_with(path, now, access, key.clone())
        })?;
        Ok(store)
    }

    /// The key of the journal at `path`: plain when it is not encrypted.
    pub fn journal_key(&self, path: &Path) -> Result<Key> {
        if !store::is_encrypted(path) {
            return Ok(Key::Plain);
        }
        let purpose = Purpose::journal(path);
        let ((), key) = self.with_key(&purpose, |key| store::count_copy(path, key).map(|_| ()))?;
        Ok(key)
    }
}

/// The journal file: the one chosen, or the platform's default. A path
/// that exists must be a file (or a symlink to one): a folder, FIFO, device
/// or socket is refused before anything opens it.
pub(super) fn db_path(db: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = db {
        refuse_non_file(&path)?;
        return Ok(path);
    }
    directories::ProjectDirs::from("", "", "smallwins")
        .map(|dirs| dirs.data_dir().join("journal.db"))
        .ok_or_else(|| {
            CliError::Input(
                "There is no home folder to keep the journal in; give a path with --db or SMALLWINS_DB.".into(),
            )
        })
}

fn refuse_non_file(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(CliError::Input(format!(
            "{} is a folder; give --db the path of a journal file, like {}.",
            path.display(),
            path.join("journal.db").display()
        ))),
        Ok(meta) if !meta.is_file() => Err(CliError::Input(format!(
            "{} is {}, not a journal file, so it was left untouched; give --db the path of a journal file.",
            path.display(),
            kind_of(&meta.file_type())
        ))),
        _ => Ok(()),
    }
}

/// Opens the journal for a command that needs `access`. `notes` gets the
/// sentence saying the journal was made private, if it was.
pub(super) fn open_journal(
    path: &Path,
    access: Access,
    (clock, config): (Clock, Config),
    unlock: &Unlock,
    notes: &mut Vec<String>,
) -> Result<Journal> {
    let now = clock.now();
    let store = unlock.open_store(path, now, access)?;
    if store.tightened() {
        notes.push(format!(
            "Others on this machine could read {}, so it is now readable only by you.",
            path.display()
        ));
    }
    Ok(Journal::new(store, clock, config))
}

/// Opens the journal, runs `f`, notes in `due` the upkeep it needs
/// (today's copy, checkpoints; whatever `f` returned), and returns the journal with what `f`
/// returned. If the file did not exist and `f` turns out to be bad input,
/// the new, empty journal is removed again, so a mistyped command leaves
/// nothing behind.
pub(super) fn with_journal<T>(
    path: &Path,
    access: Access,
    (clock, config): (Clock, Config),
    unlock: &Unlock,
    notes: &mut Vec<String>,
    due: &mut Option<Upkeep>,
    f: impl FnOnce(&mut Journal) -> Result<T>,
) -> Result<(Journal, T)> {
    let created = NewJournal::before_opening(path);
    let mut journal = open_journal(path, access, (clock, config), unlock, notes)?;
    let result = f(&mut journal);
    *due = Upkeep::of(&journal, path);
    match result {
        Ok(value) => Ok((journal, value)),
        Err(e) => {
            let untouched = journal.generation() == 0
                && journal.counts().map(|c| c.is_empty()).unwrap_or(false);
            drop(journal);
            if let Some(created) = created
                && e.is_input()
                && untouched
            {
                created.remove();
            }
            Err(e)
        }
    }
}

/// A journal file (and folders) this run is about to create.
struct NewJournal {
    path: PathBuf,
    /// Folders that did not exist yet, deepest first.
    folders: Vec<PathBuf>,
}

impl NewJournal {
    fn before_opening(path: &Path) -> Option<NewJournal> {
        if path.exists() {
            return None;
        }
        let folders = path
            .ancestors()
            .skip(1)
            .filter(|d| !d.as_os_str().is_empty())
            .take_while(|d| !d.exists())
            .map(Path::to_path_buf)
            .collect();
        Some(NewJournal {
            path: path.to_path_buf(),
            folders,
        })
    }

    /// Best effort: whatever cannot be removed is an empty journal.
    fn remove(self) {
        let name = self.path.as_os_str().to_os_string();
        for suffix in ["", "-wal", "-shm"] {
            let mut file = name.clone();
            file.push(suffix);
            fs::remove_file(PathBuf::from(file)).ok();
        }
        for folder in self.folders {
            fs::remove_dir(folder).ok();
        }
    }
}
