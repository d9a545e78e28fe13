//! The daily copy, off the path a person waits on.
//!
//! Once a command has printed its answer, or the full-screen journal has
//! drawn its first frame, and if today's copy is due (a cheap look, see
//! `store/daily.rs`), smallwins starts itself again as `smallwins
//! --db=PATH daily-copy --at TIME` (a hidden command) and does not wait for
//! it, as `git gc --auto` does: the command ends at once. That process has
//! no terminal (its input and output are `/dev/null`) and, as its first
//! step, before it touches anything, a session of its own, so neither
//! Ctrl-C nor a hang-up of the terminal stops it; it then lowers its own
//! priority (`nice` 10). It checks the journal in
//! full and makes the copy, one such process at a time (the backups
//! folder's lock); it prints nothing, and one that fails or is killed
//! leaves no copy that counts, so the next command starts another.
//!
//! An encrypted journal's passphrase goes to that process through a pipe
//! on its standard input, never in its arguments or environment.
//!
//! Where a process cannot be detached so (not Unix), the copy is made in
//! this process once the answer is out.
//!
//! Uses the store's file care and the domain's journal.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Child;

use chrono::NaiveDateTime;

use super::args::DailyCopyArgs;
use super::error::{CliError, Result};
use crate::domain::Journal;
use crate::domain::clock::parse_now;
use crate::store::{Access, Key, Store};

/// The hidden command the detached process runs.
pub const COMMAND: &str = "daily-copy";

/// Today's copy of a journal, to start once the answer is out.
#[derive(Debug)]
pub(super) struct DueCopy {
    db: PathBuf,
    now: NaiveDateTime,
    key: Key,
}

impl DueCopy {
    /// Today's copy of the open `journal` at `db`, if it is due.
    pub fn of(journal: &Journal, db: &Path) -> Option<DueCopy> {
        let now = journal.now();
        journal.daily_copy_due().ok()?.then(|| DueCopy {
            db: db.to_path_buf(),
            now,
            key: journal.key().clone(),
        })
    }

    /// Starts the process that makes the copy and returns at once, with
    /// the process for a caller that lives on to reap it. Best effort: if
    /// it cannot start, the next command tries again.
    #[cfg(unix)]
    pub fn start(self) -> Option<Child> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut db = OsString::from("--db=");
        db.push(&self.db);
        let mut command = Command::new(std::env::current_exe().ok()?);
        command
            .arg(db)
            .arg(COMMAND)
            .arg("--at")
            .arg(self.now.format("%Y-%m-%dT%H:%M:%S").to_string());
        let secret = self.key.secret();
        if secret.is_some() {
            command.arg("--key-on-stdin").stdin(Stdio::piped());
        } else {
            command.stdin(Stdio::null());
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        if let (Some(secret), Some(mut pipe)) = (secret, child.stdin.take()) {
            // A failed write leaves the copy for the next command.
            pipe.write_all(secret.as_bytes()).ok();
        }
        Some(child)
    }

    #[cfg(not(unix))]
    pub fn start(self) -> Option<Child> {
        copy(&self.db, self.now, self.key);
        None
    }
}

/// `smallwins daily-copy --at TIME`, in the detached process: a session
/// of its own first, and a lower priority (it is background work, and
/// yields the processor to commands a person waits on), then the check
/// and the copy. Prints nothing.
pub(super) fn run(db: &Path, args: &DailyCopyArgs) -> Result<String> {
    let at = &args.at;
    #[cfg(unix)]
    {
        rustix::process::setsid().ok();
        rustix::process::nice(10).ok();
    }
    let now = parse_now(at).ok_or_else(|| {
        CliError::Input(format!(
            "{at} is not a time; use a form like 2026-11-21T08:30."
        ))
    })?;
    let key = if args.key_on_stdin {
        let mut secret = zeroize::Zeroizing::new(String::new());
        if std::io::Read::read_to_string(&mut std::io::stdin(), &mut secret).is_err() {
            return Ok(String::new());
        }
        Key::passphrase(secret)
    } else {
        Key::Plain
    };
    copy(db, now, key);
    Ok(String::new())
}

/// Checks the journal and makes today's copy, if it is still due. A
/// damaged journal is marked (the next command says so); anything else
/// that stops the copy waits for the next command.
fn copy(db: &Path, now: NaiveDateTime, key: Key) {
    if let Ok(store) = Store::open_with(db, now, Access::Read, key) {
        store.daily_backup(now).ok();
    }
}
