//! Taking care of the journal file: `backup FILE`, `backup --list`,
//! `check` and `restore`.
//!
//! All but `backup FILE` work on the file itself, without opening it as a
//! journal, so a damaged journal can still be checked and restored.
//!
//! JSON:
//!
//! | command | JSON printed |
//! | --- | --- |
//! | `backup FILE` | `{backup, records}` |
//! | `backup --list` | `{journal, folder, backups: [{path, taken, kind, from_version, size, records}]}`; `kind` is `daily` \| `before-update` \| `before-restore`, `records` is `null` for a copy that cannot be read |
//! | `check` | `{journal, sound, problems, records, newest_backup}` (a damaged journal exits 1 with one sentence instead) |
//! | `restore` | `{journal, from, previous, records}`; `previous` is where the journal as it was went |
//!
//! Uses the store's file care (`store::backups`, `check`, `inspect_copy`,
//! `restore`) directly, since these do not go through a journal.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::args::RestoreArgs;
use crate::cli::error::{CliError, Result};
use crate::cli::open::Unlock;
use crate::cli::output::{Printout, Report, lines, refuse_existing, write_stderr};
use crate::cli::passphrase::{Purpose, Sources};
use crate::cli::words::describe_counts;
use crate::domain::Journal;
use crate::store::{
    self, Access, BackupFile, BackupKind, Counts, KEEP_BEFORE_RESTORE, KEEP_DAILY, Key, Keys,
    Store, StoreError,
};

// ----- backup FILE -----------------------------------------------------------------

/// A copy of the journal in a new file.
#[derive(Serialize)]
pub struct BackedUp {
    backup: PathBuf,
    records: Counts,
}

/// `backup FILE`.
pub fn backup(journal: &Journal, file: &Path) -> Result<BackedUp> {
    refuse_existing(file, "backup")?;
    journal.backup(file)?;
    Ok(BackedUp {
        backup: file.to_path_buf(),
        records: journal.counts()?,
    })
}

impl Report for BackedUp {
    fn text(&self) -> String {
        lines([format!(
            "Backed up the journal to {} ({}).",
            self.backup.display(),
            describe_counts(&self.records)
        )])
    }
}

// ----- backup --list ---------------------------------------------------------------

/// The automatic backups beside the journal, newest first.
#[derive(Serialize)]
pub struct BackupList {
    journal: PathBuf,
    folder: PathBuf,
    backups: Vec<ListedBackup>,
}

#[derive(Serialize)]
struct ListedBackup {
    path: PathBuf,
    taken: NaiveDateTime,
    kind: &'static str,
    from_version: Option<i32>,
    size: u64,
    records: Option<Counts>,
    #[serde(skip)]
    kind_words: String,
}

/// `backup --list`.
pub fn list(db: &Path, unlock: &Unlock) -> Result<BackupList> {
    let key = unlock.journal_key(db)?;
    let backups = store::backups(db)?
        .into_iter()
        .map(|b| ListedBackup {
            kind: kind_key(b.kind),
            kind_words: kind_words(b.kind),
            from_version: match b.kind {
                BackupKind::BeforeUpdate { version } => Some(version),
                _ => None,
            },
            size: b.size,
            records: store::count_copy(&b.path, &key).ok(),
            taken: b.taken,
            path: b.path,
        })
        .collect();
    Ok(BackupList {
        journal: db.to_path_buf(),
        folder: store::backup_folder(db),
        backups,
    })
}

impl Report for BackupList {
    fn text(&self) -> String {
        let (db, folder) = (self.journal.display(), self.folder.display());
        if self.backups.is_empty() {
            return lines([format!(
                "No backups of {db} yet; the first is made in {folder} on the first use of a day once the journal has entries."
            )]);
        }
        let mut out = vec![format!("Backups of {db} in {folder}, newest first:")];
        for b in &self.backups {
            let records = match &b.records {
                Some(c) => describe_counts(c),
                None => "could not be read".into(),
            };
            out.push(format!(
                "  {}  {:<26} {:>8}  {records}",
                long_time(b.taken),
                b.kind_words,
                size_words(b.size)
            ));
            out.push(format!("      {}", b.path.display()));
        }
        out.push(format!(
            "Kept: the last {KEEP_DAILY} daily copies, the newest from before each update, the last {KEEP_BEFORE_RESTORE} from before a restore. Bring one back with `smallwins restore FILE`."
        ));
        lines(out)
    }
}

fn kind_key(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Daily => "daily",
        BackupKind::BeforeUpdate { .. } => "before-update",
        BackupKind::BeforeRestore => "before-restore",
    }
}

fn kind_words(kind: BackupKind) -> String {
    match kind {
        BackupKind::Daily => "daily".into(),
        BackupKind::BeforeUpdate { version } => format!("before update (version {version})"),
        BackupKind::BeforeRestore => "before a restore".into(),
    }
}

/// "Sat 21 Nov 2026 08:30".
fn long_time(at: NaiveDateTime) -> String {
    at.format("%a %-d %b %Y %H:%M").to_string()
}

/// "812 bytes", "24 KB", "3.4 MB".
fn size_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

// ----- check -----------------------------------------------------------------------

/// A journal SQLite's integrity check found sound.
#[derive(Serialize)]
pub struct Checked {
    journal: PathBuf,
    sound: bool,
    problems: Vec<String>,
    records: Option<Counts>,
    newest_backup: Option<PathBuf>,
    #[serde(skip)]
    newest_taken: Option<NaiveDateTime>,
}

/// `check`: a damaged journal is an error (exit 1) that says what to do.
pub fn check(db: &Path, unlock: &Unlock) -> Result<Checked> {
    let key = unlock.journal_key(db)?;
    let health = store::check(db, &key)?;
    let newest = store::backups(db).unwrap_or_default().into_iter().next();
    if !health.is_sound() {
        return Err(damaged(db, health.problems.len(), newest.as_ref()));
    }
    Ok(Checked {
        journal: db.to_path_buf(),
        sound: true,
        problems: Vec::new(),
        records: Some(health.counts.unwrap_or_default()),
        newest_taken: newest.as_ref().map(|b| b.taken),
        newest_backup: newest.map(|b| b.path),
    })
}

fn damaged(db: &Path, problems: usize, newest: Option<&BackupFile>) -> CliError {
    let found = if problems == 1 {
        "a problem".to_string()
    } else {
        format!("{problems} problems")
    };
    let next = match newest {
        Some(b) => format!(
            "bring back the newest backup, from {}, with `smallwins restore {}` (`smallwins backup --list` shows them all)",
            long_time(b.taken),
            b.path.display()
        ),
        None => "there is no backup of it yet, so keep a copy of the file as it is and export what can still be read with `smallwins export --out FILE`".into(),
    };
    CliError::Failed(format!(
        "The journal at {} looks damaged: SQLite's integrity check found {found}; {next}.",
        db.display()
    ))
}

impl Report for Checked {
    fn text(&self) -> String {
        let backup = match (&self.newest_backup, self.newest_taken) {
            (Some(path), Some(taken)) => format!(
                "The newest backup is from {}: {}.",
                long_time(taken),
                path.display()
            ),
            _ => "There is no backup of it yet; one is made on the first use of a day once the journal has entries.".into(),
        };
        lines([
            format!(
                "The journal at {} is sound: SQLite's integrity check found nothing wrong ({}).",
                self.journal.display(),
                describe_counts(&self.records.unwrap_or_default())
            ),
            backup,
        ])
    }
}

// ----- restore ---------------------------------------------------------------------

/// A journal brought back from a copy.
#[derive(Serialize)]
pub struct Restored {
    journal: PathBuf,
    from: PathBuf,
    previous: Option<PathBuf>,
    records: Counts,
}

/// `restore`: asks first on a terminal unless `--yes`; a "no" is said in
/// words only, as there is nothing to report.
pub fn restore(
    db: &Path,
    args: &RestoreArgs,
    now: NaiveDateTime,
    unlock: &Unlock,
) -> Result<Printout<Restored>> {
    let from = args.file.as_path();
    if same_file(db, from) {
        return Err(CliError::Input(format!(
            "{} is the journal itself; give restore one of the copies `smallwins backup --list` shows.",
            from.display()
        )));
    }
    let journal = if db.exists() {
        unlock.journal_key(db)?
    } else {
        Key::Plain
    };
    let copy_key = copy_key(from, &journal, unlock)?;
    let copy = store::inspect_copy(from, &copy_key).map_err(|e| unusable_copy(from, e))?;
    if !args.yes && !confirmed(db, from, &copy.counts)? {
        return Ok(Printout::AsIs(lines([format!(
            "Nothing was restored; the journal at {} is as it was.",
            db.display()
        )])));
    }
    let keys = Keys {
        copy: copy_key,
        journal,
    };
    let restored = store::restore(db, from, now, &keys)?;
    // Opening brings a copy from an older smallwins up to date.
    let key = if keys.journal.is_plain() {
        keys.copy
    } else {
        keys.journal
    };
    let records = Store::open_with(db, now, Access::Write, key)?.counts()?;
    Ok(Printout::Report(Restored {
        journal: db.to_path_buf(),
        from: from.to_path_buf(),
        previous: restored.previous,
        records,
    }))
}

impl Report for Restored {
    fn text(&self) -> String {
        let mut out = vec![format!(
            "Restored the journal at {} from {} ({}).",
            self.journal.display(),
            self.from.display(),
            describe_counts(&self.records)
        )];
        if let Some(previous) = &self.previous {
            out.push(format!(
                "The journal as it was is kept as {0}; `smallwins restore {0}` brings it back.",
                previous.display()
            ));
        }
        lines(out)
    }
}

/// The key of the copy at `from`: plain, the journal's own (a copy made
/// while it had the same passphrase), or one asked for. A plain journal
/// looks where it would for its own passphrase; an encrypted one asks on
/// the terminal.
fn copy_key(from: &Path, journal: &Key, unlock: &Unlock) -> Result<Key> {
    if !store::is_encrypted(from) {
        return Ok(Key::Plain);
    }
    if !journal.is_plain() && store::count_copy(from, journal).is_ok() {
        return Ok(journal.clone());
    }
    let terminal = Unlock {
        sources: Sources::default(),
        tries: 1,
    };
    let asking = if journal.is_plain() {
        unlock
    } else {
        &terminal
    };
    let ((), key) = asking.with_key(&Purpose::copy(from), |key| {
        store::count_copy(from, key).map(|_| ())
    })?;
    Ok(key)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Why the copy given to restore cannot be used, as bad input.
fn unusable_copy(from: &Path, e: StoreError) -> CliError {
    let name = from.display();
    let choose = "give restore one of the copies `smallwins backup --list` shows";
    CliError::Input(match e {
        StoreError::NoJournal(_) => format!("There is no file at {name}; {choose}."),
        StoreError::NotAJournal(_) => {
            format!("{name} is not a smallwins journal, so nothing was restored; {choose}.")
        }
        StoreError::NotAFile { kind, .. } => {
            format!("{name} is {kind}, not a journal file, so nothing was restored; {choose}.")
        }
        StoreError::Stranger { what, .. } => {
            format!("{name} holds {what}, so nothing was restored; {choose}.")
        }
        StoreError::Corrupt(_) | StoreError::Damaged => {
            format!("{name} looks damaged, so nothing was restored; {choose}.")
        }
        StoreError::NewerVersion { .. } => format!(
            "{name} was written by a newer smallwins, so nothing was restored; update smallwins to use it."
        ),
        other => return CliError::Failed(other.to_string()),
    })
}

/// Asks on the terminal before replacing the journal.
fn confirmed(db: &Path, from: &Path, counts: &Counts) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Input(
            "Restoring replaces the journal, so it asks first, and there is no terminal to ask in; add --yes to go ahead."
                .into(),
        ));
    }
    // If the question cannot be shown, the answer below decides all the
    // same. The paths are made printable like every other output.
    write_stderr(&format!(
        "Replace the journal at {} with {} ({})? The journal as it is now is kept in the backups folder first. Type y to go ahead: ",
        db.display(),
        from.display(),
        describe_counts(counts)
    ));
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer).map_err(|_| {
        CliError::Input("No answer could be read, so nothing was restored; add --yes to go ahead without asking.".into())
    })?;
    let answer = answer.trim().to_lowercase();
    Ok(answer == "y" || answer == "yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_in_plain_units() {
        assert_eq!(size_words(812), "812 bytes");
        assert_eq!(size_words(24 * 1024), "24 KB");
        assert_eq!(size_words(24 * 1024 + 1), "25 KB");
        assert_eq!(size_words(3_565_158), "3.4 MB");
    }

    #[test]
    fn kinds_are_named_in_words() {
        let taken = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .expect("time");
        assert_eq!(long_time(taken), "Sat 21 Nov 2026 08:30");
        assert_eq!(
            kind_words(BackupKind::BeforeUpdate { version: 1 }),
            "before update (version 1)"
        );
        assert_eq!(
            kind_key(BackupKind::BeforeUpdate { version: 1 }),
            "before-update"
        );
    }
}
