//! The command line: a thin second front end over [`Journal`]. Every rule
//! lives in the domain; the command line only turns arguments into calls
//! and results into text or JSON.
//!
//! # Layout
//!
//! - `mod.rs` (here): the entry. Parses the arguments, finds the journal
//!   and opens it with the [`Access`] the command needs (`open.rs`),
//!   dispatches to the command, prints its result and maps errors to exit
//!   codes.
//! - `args.rs`: every clap type and help text; it uses nothing of ours.
//! - `commands/`: one file per command family. Each returns one typed
//!   result that prints as text or JSON (`output::Report`).
//! - What the commands share, which never uses a command: `output.rs`
//!   (the only place anything is written — stdout, stderr, `--out` files —
//!   and so the one place text is made safe, below), `error.rs` (one
//!   sentence and an exit code), `open.rs` (the journal file), `parse.rs`
//!   (typed values from what was typed), `words.rs` (words and numbers as
//!   the commands say them), `markdown.rs` (the Markdown week both
//!   Markdown documents share; uses `words`) and `csv.rs` (the CSV export).
//!
//! Below the command line it uses the domain's public API, the store's
//! records, counts and file care, `text` and `config`; of the full-screen
//! journal only `ui::run` (no command, `--demo`) and `ui::render_to_string`
//! (`show`).
//!
//! # Exit codes
//!
//! - `0`: done.
//! - `1`: the journal file (or another file) could not be used: not a
//!   journal, damaged, newer version, disk full, permissions.
//! - `2`: bad input: an unknown or ambiguous promise, a malformed day or
//!   one outside 1900-01-01 to today, a rating outside 0–10, empty text or
//!   text over its limit (README "Limits"), a file that is not an export or
//!   holds a record that breaks those rules. Nothing is written, and stderr
//!   holds one sentence saying what would be right.
//!
//! # JSON output (`--json`)
//!
//! Records appear exactly as the domain serialises them (see
//! `domain::model`); a promise always carries an extra `number`, its short
//! number as `promise list` shows it. Days are `YYYY-MM-DD`, times
//! `YYYY-MM-DDTHH:MM:SS`, statuses `kept` | `partial` | `missed`. Each
//! command's file says more.
//!
//! | command | file in `commands/` | JSON printed |
//! | --- | --- | --- |
//! | `promise add/edit/archive/unarchive` | `promises.rs` | one promise |
//! | `promise list` | `promises.rs` | an array of promises |
//! | `kept`, `partial`, `missed` | `marks.rs` | `{promise, check}` |
//! | `unmark` | `marks.rs` | `{promise, day, cleared}` (`cleared`: whether there was a mark) |
//! | `win` | `wins.rs` | the win |
//! | `checkin` | `checkin.rs` | the check-in |
//! | `reflect` | `checkin.rs` | the reflection |
//! | `today`, `day` | `days.rs` | `{day, promises: [{promise, due, target, status, check}], wins, checkin, reflection, previous_adjust, kept_line}`; `due` is `yes` \| `flexible` \| `no` |
//! | `export --out` | `export.rs` | `{out, format, records}` (without `--out` the export itself is printed) |
//! | `import` | `export.rs` | `{file, changed, total}`; `changed` counts added or updated records per kind |
//! | `backup FILE` | `care.rs` | `{backup, records}` |
//! | `backup --list` | `care.rs` | `{journal, folder, backups: [{path, taken, kind, from_version, size, records}]}` |
//! | `check` | `care.rs` | `{journal, sound, problems, records, newest_backup}` |
//! | `restore` | `care.rs` | `{journal, from, previous, records}` |
//! | `show` | `show.rs` | `{screen, day, width, height, text}` |
//! | `demo` | `demo.rs` | `{db, weeks, records}` (`{db, years, heavy?, records}` with `--years`) |
//! | `review` | `review/mod.rs` | `{week, week_start, week_end, summary, previous, strengths, wins_by_area, misses, weeks, patterns, suggestions, review, promises, wins, trust_gap, answers}`; `review/mod.rs` documents each field |
//! | `review --out` | `review/mod.rs` | `{out, format, week, week_start}` (the file holds the review in its `--format`) |
//! | `stats` | `stats.rs` | the domain's `Evidence`: `{totals, promises, weeks, patterns, suggestions}` |
//!
//! `records` and `changed` are `{promises, checks, wins, checkins, reflections}`.
//!
//! # What reaches the terminal
//!
//! A person's words may hold control characters (a journal written before
//! input was cleaned, an import). Text output goes through
//! [`crate::text::printable`] where it is written (stdout, stderr, and files
//! made with `--out`, all in `output.rs`), so they show in caret notation
//! (`^[`); JSON writes them as `\u` escapes, which read back exactly; CSV
//! cells are also kept from opening as spreadsheet formulas (`csv.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::config::{self, Config};
use crate::domain::{Clock, Journal, Status};
use crate::store::Access;
use crate::ui;

pub mod args;
mod commands;
mod csv;
mod error;
mod markdown;
mod open;
mod output;
mod parse;
mod words;

pub use args::Cli;
pub use error::CliError;

use args::{BackupArgs, Command, PromiseCommand};
use commands::{care, checkin, days, demo, export, marks, promises, review, show, stats, wins};
use error::{Result, ui_error};
use open::{db_path, with_journal};
use output::print;

/// Parses the arguments, runs the command, prints its output or one
/// sentence on stderr, and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).and_then(|output| output::write_stdout(&output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::write_stderr(&format!("{}\n", e.message()));
            e.exit_code()
        }
    }
}

/// Runs a parsed command line and returns what it prints (made printable
/// as it is written).
pub fn run(cli: Cli) -> Result<String> {
    let clock = Clock::from_env().map_err(CliError::Input)?;
    let config = load_config(cli.config.as_deref())?;
    if cli.demo {
        if cli.command.is_some() {
            return Err(CliError::Input(
                "--demo opens the full-screen demo on its own; leave out the command, or use `smallwins demo --db PATH` to keep a demo journal.".into(),
            ));
        }
        refuse_json_without_command(cli.json)?;
        demo::window(clock, config)?;
        return Ok(String::new());
    }
    let Some(command) = cli.command else {
        refuse_json_without_command(cli.json)?;
        let db = db_path(cli.db.or_else(db_from_env))?;
        let (journal, ()) = with_journal(&db, Access::WriteIfPossible, clock, config, |_| Ok(()))?;
        ui::run(journal).map_err(ui_error)?;
        return Ok(String::new());
    };
    let chosen_db = cli.db.or_else(db_from_env);
    if matches!(command, Command::Demo(_)) && chosen_db.is_none() {
        return Err(CliError::Input(
            "The demo needs a journal of its own; name a new file with --db, like `smallwins demo --db /tmp/smallwins-demo.db`.".into(),
        ));
    }
    let db = db_path(chosen_db)?;
    let json = cli.json;
    if works_on_the_file(&command) {
        return on_the_file(&db, &command, &clock, json);
    }
    let (journal, outcome) = with_journal(&db, access(&command), clock, config, |journal| {
        execute(journal, &db, command, json)
    })?;
    match outcome {
        Outcome::Printed(text) => Ok(text),
        Outcome::Draw(request) => print(&show::draw(journal, &request)?, json),
    }
}

/// What a command leaves to do once it has run.
enum Outcome {
    Printed(String),
    /// `show`: draw a screen, which takes the journal itself.
    Draw(show::DrawRequest),
}

/// What `command` needs from the journal: commands that only read open it
/// so that nothing can change (and still read a journal in a read-only
/// folder or on a full disk).
fn access(command: &Command) -> Access {
    match command {
        Command::Today
        | Command::Day(_)
        | Command::Export(_)
        | Command::Show(_)
        | Command::Review(_)
        | Command::Stats
        | Command::Backup(_)
        | Command::Check
        | Command::Promise(PromiseCommand::List(_)) => Access::Read,
        _ => Access::Write,
    }
}

/// Whether `command` works on the journal file without opening it as a
/// journal, so a damaged one can still be checked and restored.
fn works_on_the_file(command: &Command) -> bool {
    matches!(
        command,
        Command::Check | Command::Restore(_) | Command::Backup(BackupArgs { file: None, .. })
    )
}

/// Runs `check`, `restore` or `backup --list` on the journal file.
fn on_the_file(db: &Path, command: &Command, clock: &Clock, json: bool) -> Result<String> {
    match command {
        Command::Check => print(&care::check(db)?, json),
        Command::Restore(args) => care::restore(db, args, clock.now())?.print(json),
        _ => print(&care::list(db)?, json),
    }
}

/// Runs a command on the open journal and prints its result.
fn execute(journal: &mut Journal, db: &Path, command: Command, json: bool) -> Result<Outcome> {
    let text = match command {
        Command::Promise(command) => promise_command(journal, command, json)?,
        Command::Kept(args) => print(&marks::mark(journal, args, Status::Kept)?, json)?,
        Command::Partial(args) => print(&marks::mark(journal, args, Status::Partial)?, json)?,
        Command::Missed(args) => print(&marks::missed(journal, args)?, json)?,
        Command::Unmark(args) => print(&marks::unmark(journal, &args)?, json)?,
        Command::Win(args) => print(&wins::win(journal, args)?, json)?,
        Command::Checkin(args) => print(&checkin::checkin(journal, args)?, json)?,
        Command::Reflect(args) => print(&checkin::reflect(journal, args)?, json)?,
        Command::Today => print(&days::day(journal, journal.today())?, json)?,
        Command::Day(args) => {
            let day = journal.parse_day(&args.day)?;
            print(&days::day(journal, day)?, json)?
        }
        Command::Export(args) => export::export(journal, &args)?.print(json)?,
        Command::Import(args) => print(&export::import(journal, &args)?, json)?,
        Command::Backup(BackupArgs {
            file: Some(file), ..
        }) => print(&care::backup(journal, &file)?, json)?,
        Command::Show(args) => return Ok(Outcome::Draw(show::request(journal, &args)?)),
        Command::Demo(args) => print(&demo::fill(journal, db, &args)?, json)?,
        Command::Review(args) => review::review(journal, &args, json)?.print(json)?,
        Command::Stats => print(&stats::stats(journal)?, json)?,
        // These run before the journal is opened (see `works_on_the_file`).
        command @ (Command::Backup(_) | Command::Check | Command::Restore(_)) => {
            on_the_file(db, &command, journal.clock(), json)?
        }
    };
    Ok(Outcome::Printed(text))
}

fn promise_command(journal: &mut Journal, command: PromiseCommand, json: bool) -> Result<String> {
    match command {
        PromiseCommand::Add(args) => print(&promises::add(journal, args)?, json),
        PromiseCommand::List(args) => print(&promises::list(journal, &args)?, json),
        PromiseCommand::Edit(args) => print(&promises::edit(journal, args)?, json),
        PromiseCommand::Archive(args) => print(&promises::archive(journal, &args, true)?, json),
        PromiseCommand::Unarchive(args) => print(&promises::archive(journal, &args, false)?, json),
    }
}

fn refuse_json_without_command(json: bool) -> Result<()> {
    if json {
        return Err(CliError::Input(
            "--json goes with a command that prints, like `smallwins today --json`.".into(),
        ));
    }
    Ok(())
}

fn load_config(path: Option<&Path>) -> Result<Config> {
    let path = match path {
        Some(p) => Some(p.to_path_buf()),
        None => config::default_path(),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| CliError::Input(e.to_string())),
        None => Ok(Config::default()),
    }
}

/// `SMALLWINS_DB`, unless it is unset or empty.
fn db_from_env() -> Option<PathBuf> {
    std::env::var_os("SMALLWINS_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
