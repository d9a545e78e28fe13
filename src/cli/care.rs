//! Taking care of the journal file: `backup --list`, `check` and `restore`.
//!
//! These work on the file itself, so they run without opening it as a
//! journal: a damaged journal can still be checked and restored.
//!
//! JSON (`--json`):
//!
//! | command | JSON printed |
//! | --- | --- |
//! | `backup --list` | `{journal, folder, backups: [{path, taken, kind, from_version, size, records}]}`; `kind` is `daily` \| `before-update` \| `before-restore`, `records` is `null` for a copy that cannot be read |
//! | `check` | `{journal, sound, problems, records, newest_backup}` (a damaged journal exits 1 with one sentence instead) |
//! | `restore` | `{journal, from, previous, records}`; `previous` is where the journal as it was went |

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::args::{BackupArgs, Command, RestoreArgs};
use super::{CliError, Result, describe_counts, lines, to_json};
use crate::domain::Clock;
use crate::store::{
    self, Access, BackupKind, Counts, KEEP_BEFORE_RESTORE, KEEP_DAILY, Store, StoreError,
};

/// Whether `command` works on the file without opening it as a journal.
pub(super) fn works_on_the_file(command: &Command) -> bool {
    matches!(
        command,
        Command::Check | Command::Restore(_) | Command::Backup(BackupArgs { list: true, .. })
    )
}

/// Runs `check`, `restore` or `backup --list` on the journal at `db`.
pub(super) fn run(db: &Path, command: &Command, json: bool, clock: &Clock) -> Result<String> {
    match command {
        Command::Check => check(db, json),
        Command::Restore(args) => restore(db, args, json, clock.now()),
        _ => list(db, json),
    }
}

// ----- backup --list ---------------------------------------------------------------

#[derive(Serialize)]
struct ListJson<'a> {
    journal: &'a Path,
    folder: PathBuf,
    backups: Vec<BackupJson>,
}

#[derive(Serialize)]
struct BackupJson {
    path: PathBuf,
    taken: NaiveDateTime,
    kind: &'static str,
    from_version: Option<i32>,
    size: u64,
    records: Option<Counts>,
}

fn list(db: &Path, json: bool) -> Result<String> {
    let found = store::backups(db)?;
    let folder = store::backup_folder(db);
    let backups: Vec<BackupJson> = found
        .iter()
        .map(|b| BackupJson {
            path: b.path.clone(),
            taken: b.taken,
            kind: kind_key(b.kind),
            from_version: match b.kind {
                BackupKind::BeforeUpdate { version } => Some(version),
                _ => None,
            },
            size: b.size,
            records: store::count_copy(&b.path).ok(),
        })
        .collect();
    if json {
        return to_json(&ListJson {
            journal: db,
            folder,
            backups,
        });
    }
    if backups.is_empty() {
        return Ok(lines([format!(
            "No backups of {} yet; the first is made in {} on the first use of a day once the journal has entries.",
            db.display(),
            folder.display()
        )]));
    }
    let mut out = vec![format!(
        "Backups of {} in {}, newest first:",
        db.display(),
        folder.display()
    )];
    for (b, j) in found.iter().zip(&backups) {
        let records = match &j.records {
            Some(c) => describe_counts(c),
            None => "could not be read".into(),
        };
        out.push(format!(
            "  {}  {:<26} {:>8}  {records}",
            long_time(b.taken),
            kind_words(b.kind),
            size_words(b.size)
        ));
        out.push(format!("      {}", b.path.display()));
    }
    out.push(format!(
        "Kept: the last {KEEP_DAILY} daily copies, the newest from before each update, the last {KEEP_BEFORE_RESTORE} from before a restore. Bring one back with `smallwins restore FILE`."
    ));
    Ok(lines(out))
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

#[derive(Serialize)]
struct CheckJson<'a> {
    journal: &'a Path,
    sound: bool,
    problems: Vec<String>,
    records: Option<Counts>,
    newest_backup: Option<PathBuf>,
}

fn check(db: &Path, json: bool) -> Result<String> {
    let health = store::check(db)?;
    let newest = store::backups(db).unwrap_or_default().into_iter().next();
    if !health.is_sound() {
        let n = health.problems.len();
        let found = if n == 1 {
            "a problem".to_string()
        } else {
            format!("{n} problems")
        };
        let next = match &newest {
            Some(b) => format!(
                "bring back the newest backup, from {}, with `smallwins restore {}` (`smallwins backup --list` shows them all)",
                long_time(b.taken),
                b.path.display()
            ),
            None => "there is no backup of it yet, so keep a copy of the file as it is and export what can still be read with `smallwins export --out FILE`".into(),
        };
        return Err(CliError::Failed(format!(
            "The journal at {} looks damaged: SQLite's integrity check found {found}; {next}.",
            db.display()
        )));
    }
    let records = health.counts.unwrap_or_default();
    if json {
        return to_json(&CheckJson {
            journal: db,
            sound: true,
            problems: Vec::new(),
            records: Some(records),
            newest_backup: newest.map(|b| b.path),
        });
    }
    let backup = match &newest {
        Some(b) => format!(
            "The newest backup is from {}: {}.",
            long_time(b.taken),
            b.path.display()
        ),
        None => "There is no backup of it yet; one is made on the first use of a day once the journal has entries.".into(),
    };
    Ok(lines([
        format!(
            "The journal at {} is sound: SQLite's integrity check found nothing wrong ({}).",
            db.display(),
            describe_counts(&records)
        ),
        backup,
    ]))
}

// ----- restore ---------------------------------------------------------------------

#[derive(Serialize)]
struct RestoreJson<'a> {
    journal: &'a Path,
    from: &'a Path,
    previous: Option<PathBuf>,
    records: Counts,
}

fn restore(db: &Path, args: &RestoreArgs, json: bool, now: NaiveDateTime) -> Result<String> {
    let from = args.file.as_path();
    if same_file(db, from) {
        return Err(CliError::Input(format!(
            "{} is the journal itself; give restore one of the copies `smallwins backup --list` shows.",
            from.display()
        )));
    }
    let copy = store::inspect_copy(from).map_err(|e| unusable_copy(from, e))?;
    if !args.yes && !confirmed(db, from, &copy.counts)? {
        return Ok(lines([format!(
            "Nothing was restored; the journal at {} is as it was.",
            db.display()
        )]));
    }
    let restored = store::restore(db, from, now)?;
    // Opening brings a copy from an older smallwins up to date.
    let records = Store::open_at(db, now, Access::Write)?.counts()?;
    if json {
        return to_json(&RestoreJson {
            journal: db,
            from,
            previous: restored.previous,
            records,
        });
    }
    let mut out = vec![format!(
        "Restored the journal at {} from {} ({}).",
        db.display(),
        from.display(),
        describe_counts(&records)
    )];
    if let Some(previous) = &restored.previous {
        out.push(format!(
            "The journal as it was is kept as {0}; `smallwins restore {0}` brings it back.",
            previous.display()
        ));
    }
    Ok(lines(out))
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
        StoreError::NotAJournal(_) | StoreError::NotAFile { .. } => {
            format!("{name} is not a smallwins journal, so nothing was restored; {choose}.")
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
    let mut stderr = std::io::stderr();
    let question = format!(
        "Replace the journal at {} with {} ({})? The journal as it is now is kept in the backups folder first. Type y to go ahead: ",
        db.display(),
        from.display(),
        describe_counts(counts)
    );
    // If the question cannot be shown, the answer below decides all the same.
    stderr
        .write_all(question.as_bytes())
        .and_then(|()| stderr.flush())
        .ok();
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
