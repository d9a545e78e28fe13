//! Upkeep of the journal, off the path a person waits on: today's daily
//! copy, and after a command that left them (an import of years, say) the
//! evidence's checkpoints.
//!
//! Once a command has printed its answer, or the full-screen journal has
//! drawn its first frame, and if any of it is due (a cheap look, see
//! `store/daily.rs` and `domain/journal/checkpoints.rs`), smallwins starts
//! itself again as `smallwins --db=PATH upkeep --at TIME` (a hidden
//! command) and does not wait for it, as `git gc --auto` does: the command
//! ends at once. That process has no terminal (its input and output are
//! `/dev/null`) and, as its first step, before it touches anything, a
//! session of its own, so neither Ctrl-C nor a hang-up of the terminal
//! stops it; it then lowers its own priority (`nice` 10).
//!
//! - With `--checkpoints`, it writes the checkpoints the command left
//!   missing (with the command's config: they depend on the day weeks
//!   start). They only save time: until they are there, the evidence is
//!   counted from further back. The command itself still folds its WAL
//!   into the journal as it closes, so the file is whole once it ends
//!   (a copy of it made then holds everything).
//! - It then checks the journal in full and makes today's copy if it is
//!   still due, one such process at a time (the backups folder's lock);
//!   one that fails or is killed leaves no copy that counts, so the next
//!   command starts another.
//!
//! It prints nothing. An encrypted journal's passphrase goes to that
//! process through a pipe on its standard input, never in its arguments
//! or environment.
//!
//! Where a process cannot be detached so (not Unix), the upkeep is done in
//! this process once the answer is out.
//!
//! Uses the store's file care and the domain's journal.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Child;

use chrono::NaiveDateTime;

use super::args::UpkeepArgs;
use super::error::{CliError, Result};
use crate::domain::clock::parse_now;
use crate::domain::{Clock, Journal};
use crate::store::{Access, Key, Store};

/// The hidden command the detached process runs.
pub const COMMAND: &str = "upkeep";

/// The upkeep a command left, to start once the answer is out.
#[derive(Debug)]
pub(super) struct Upkeep {
    db: PathBuf,
    /// The config the command ran with, if not the usual one.
    config: Option<PathBuf>,
    now: NaiveDateTime,
    key: Key,
    /// Checkpoints to write.
    checkpoints: bool,
}

impl Upkeep {
    /// The upkeep the open `journal` at `db` needs, if any: the
    /// checkpoints its changes left, and today's copy if it is due.
    pub fn of(journal: &Journal, db: &Path) -> Option<Upkeep> {
        let checkpoints = journal.checkpoints_owed();
        let copy = journal.daily_copy_due().unwrap_or(false);
        if !(checkpoints || copy) {
            return None;
        }
        Some(Upkeep {
            db: db.to_path_buf(),
            config: None,
            now: journal.now(),
            key: journal.key().clone(),
            checkpoints,
        })
    }

    /// The config file the command was given (`--config`), for the
    /// checkpoints, which depend on the day weeks start.
    pub fn set_config(&mut self, path: Option<&Path>) {
        self.config = path.map(Path::to_path_buf);
    }

    /// Starts the process that does it and returns at once, with the
    /// process for a caller that lives on to reap it. Best effort: if it
    /// cannot start, the next change tries again.
    #[cfg(unix)]
    pub fn start(self) -> Option<Child> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut db = OsString::from("--db=");
        db.push(&self.db);
        let mut command = Command::new(std::env::current_exe().ok()?);
        command.arg(db);
        if let Some(path) = &self.config {
            let mut config = OsString::from("--config=");
            config.push(path);
            command.arg(config);
        }
        command
            .arg(COMMAND)
            .arg("--at")
            .arg(self.now.format("%Y-%m-%dT%H:%M:%S").to_string());
        if self.checkpoints {
            command.arg("--checkpoints");
        }
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

    /// Only the checkpoints, in this process (for [`super::run`], which
    /// starts no process).
    pub fn checkpoints_here(self) {
        if self.checkpoints {
            write_checkpoints(&self.db, self.config.as_deref(), self.now, self.key);
        }
    }

    #[cfg(not(unix))]
    pub fn start(self) -> Option<Child> {
        upkeep(
            &self.db,
            self.config.as_deref(),
            self.now,
            self.key,
            self.checkpoints,
        );
        None
    }
}

/// `smallwins upkeep --at TIME`, in the detached process: a session of
/// its own first, and a lower priority (it is background work, and yields
/// the processor to commands a person waits on), then the upkeep. Prints
/// nothing.
pub(super) fn run(db: &Path, config: Option<&Path>, args: &UpkeepArgs) -> Result<String> {
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
    upkeep(db, config, now, key, args.checkpoints);
    Ok(String::new())
}

/// Writes the checkpoints (if asked), then checks the journal and makes today's copy if it is still
/// due. A damaged journal is marked (the next command says so); anything
/// else that stops either waits for the next command.
fn upkeep(db: &Path, config: Option<&Path>, now: NaiveDateTime, key: Key, checkpoints: bool) {
    if checkpoints {
        write_checkpoints(db, config, now, key.clone());
    }
    if let Ok(store) = Store::open_with(db, now, Access::Read, key) {
        store.daily_backup(now).ok();
    }
}

/// Writes the checkpoints a command left.
fn write_checkpoints(db: &Path, config: Option<&Path>, now: NaiveDateTime, key: Key) {
    if let Ok((config, _)) = super::load_config(config)
        && let Ok(store) = Store::open_with(db, now, Access::Write, key)
    {
        Journal::new(store, Clock::Fixed(now), config)
            .write_owed_checkpoints()
            .ok();
    }
}
