//! The command line: a thin second front end over [`Journal`]. Every rule
//! lives in the domain; the command line only turns arguments into calls
//! and results into text or JSON.
//!
//! # Layout
//!
//! - `mod.rs` (here): the entry. Parses the arguments, finds the journal
//!   and opens it with the [`Access`] the command needs (`open.rs`),
//!   dispatches to the command, prints its result and maps errors to exit
//!   codes; then, if the journal's upkeep is due (today's copy, the
//!   checkpoints a command left), starts the process that does it without
//!   waiting for it (`upkeep.rs`).
//! - `args/`: every clap type and help text; it uses only the glyph legend.
//! - `commands/`: one file per command family. Each returns one typed
//!   result that prints as text or JSON (`output::Report`).
//! - What the commands share, which never uses a command: `output.rs`
//!   (the only place anything is written — stdout, stderr, `--out` files —
//!   and so the one place text is made safe, below), `error.rs` (one
//!   sentence and an exit code), `open.rs` (the journal file, unlocked
//!   with a passphrase when it is encrypted), `passphrase.rs` (getting a
//!   passphrase: a file, the config's command, the keyring, the terminal;
//!   public, for anything smallwins encrypts), `parse.rs`
//!   (typed values from what was typed), `words.rs` (words and numbers as
//!   the commands say them), `markdown.rs` (the Markdown week both
//!   Markdown documents share; uses `words`) and `csv.rs` (the CSV export).
//!
//! Below the command line it uses the domain's public API, the store's
//! records, counts and file care, `text` and `config`; of the full-screen
//! journal only `ui::run` (no command, `--demo`), `ui::render_to_string`
//! and `ui::render_promise_to_string` (`show`), `ui::key_problems`
//! (`config check`) and `ui::keys_lock_in` (`config check`, and before the
//! full-screen journal starts).
//!
//! # The config file
//!
//! `config path|default|check` run before the config is read, so they work
//! whatever it holds. Every other command reads it first: a value it cannot
//! use stops the command (exit code 2); a key it does not know is left out
//! with one sentence on stderr per key (in the full-screen journal, in its
//! message line instead).
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
//! `domain::model`); a promise carries its `number`, the short number
//! `promise list` shows, which never changes. Days are `YYYY-MM-DD`, times
//! `YYYY-MM-DDTHH:MM:SS`, statuses `kept` | `partial` | `smaller` (kept the
//! smaller version) | `missed`; no check means not recorded. Each command's
//! file says more.
//!
//! Numbers the journal works out (rates, strengths, averages, the trust
//! gap) are written rounded to at most 4 decimal places (half away from
//! zero), so `2.5999999999999996` is written `2.6`. `export --format json`
//! is the exception: it writes every record exactly as stored, so an
//! import brings it back unchanged.
//!
//! | command | file in `commands/` | JSON printed |
//! | --- | --- | --- |
//! | `promise add/edit/archive/unarchive` | `promises.rs` | one promise |
//! | `promise list` | `promises.rs` | an array of promises |
//! | `promise show` | `story.rs` | the promise's story: `{promise, today, wordings, targets, weeks: [{start, days, asked, shown, rate, strength}], now, runs, tally, notes, decisions}`; `story.rs` documents each field |
//! | `kept`, `partial`, `missed` | `marks.rs` | `{promise, check, started}` |
//! | `unmark` | `marks.rs` | `{promise, day, cleared}` (`cleared`: whether there was a mark) |
//! | `win`, `win add` | `wins.rs` | the win (`private`: never shared) |
//! | `win list` | `wins.rs` | `{day, wins}`, each win with its `short_id` |
//! | `win edit` | `wins.rs` | the win with its `short_id` |
//! | `win delete` | `wins.rs` | `{deleted, restore}`: the win with its `short_id`, and the command that notes it again |
//! | `checkin` | `checkin.rs` | the check-in |
//! | `reflect` | `checkin.rs` | the reflection |
//! | `today`, `day` | `days.rs` | `{day, promises: [{promise, due, target, status, check}], wins, checkin, reflection, previous_adjust, kept_line}`; `due` is `yes` \| `flexible` \| `no` |
//! | `export --out` | `export.rs` | `{out, format, records}` (without `--out` the export itself is printed) |
//! | `import` | `import.rs` | `{file, from, found, changed, added, updated, kept, total, left_out}`; `found` counts the records the file held, `changed` added or updated records per kind (`added` and `updated` each part), `kept` the records changed in smallwins since an earlier import that stayed, `left_out` is `[{count, what}]` |
//! | `completions`, `man`, `config default` | `shell.rs`, `config.rs` | the script, page or config itself; `--json` is refused (exit 2) |
//! | `backup FILE` | `care.rs` | `{backup, records}` |
//! | `backup --list` | `care.rs` | `{journal, folder, backups: [{path, taken, kind, from_version, size, records}]}` |
//! | `check` | `care.rs` | `{journal, sound, problems, records, newest_backup}` |
//! | `restore` | `care.rs` | `{journal, from, previous, records}` |
//! | `encrypt`, `decrypt` | `lock.rs` | `{journal, encrypted, changed, backups, records, remembered}` |
//! | `show` | `show.rs` | `{screen, day, width, height, text}` |
//! | `demo` | `demo.rs` | `{db, weeks, records}` (`{db, years, heavy?, records}` with `--years`) |
//! | `review` | `review/mod.rs` | `{week, week_start, week_end, summary, previous, strengths, wins_by_area, misses, weeks, twelve_weeks, self_trust, patterns, suggestions, review, promises, wins, trust_gap, answers}`; `review/mod.rs` documents each field |
//! | `review --out` | `review/mod.rs` | `{out, format, week, week_start}` (the file holds the review in its `--format`) |
//! | `share` | `share.rs` | `{about, scope, day, week_start, week_end, include, text, characters, copied, out}`; `share.rs` documents each field |
//! | `search` | `search.rs` | `{query, results: [{kind, record_id, key, day, promise, snippet, highlights, short_id}]}`; `search.rs` documents each field |
//! | `stats` | `stats.rs` | the domain's `Evidence`: `{totals, promises, weeks, patterns, suggestions}`; each of `promises` has `new`, its plain count `{shown, asked}` with `strength` null until it has asked 14 times (else `new` is null) |
//! | `status` | `status.rs` | `{day, part, to_mark, marked, wins, checkin_done, reflection_done, line}` (nothing at all when there is no journal, or an encrypted one with no passphrase to hand) |
//! | `config path` | `config.rs` | `{path, exists}` |
//! | `config check` | `config.rs` | `{path, exists, warnings, key_problems}` |
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
mod import;
mod markdown;
mod open;
mod output;
mod parse;
pub mod passphrase;
mod upkeep;
mod words;

pub use args::Cli;
pub use error::CliError;

use args::{BackupArgs, Command, PromiseCommand, SyncAction, SyncCommand, WinAction, WinCommand};
use commands::{
    care, checkin, config as config_cmd, days, demo, export, lock, marks, promises, review, search,
    share, shell, show, stats, status, story, wins,
};
use error::{Result, ui_error};
use open::{Unlock, db_path, with_journal};
use output::print;
use passphrase::Sources;
use upkeep::Upkeep;

/// Parses the arguments, runs the command, prints its output or one
/// sentence on stderr, starts the journal's upkeep if any is due (today's
/// copy, checkpoints; without waiting for it, `upkeep.rs`), and returns
/// the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut due = None;
    let code = match run_noting(cli, &mut due).and_then(|output| output::write_stdout(&output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::write_stderr(&format!("{}\n", e.message()));
            e.exit_code()
        }
    };
    if let Some(upkeep) = due {
        upkeep.start();
    }
    code
}

/// Runs a parsed command line and returns what it prints (made printable
/// as it is written), plain (no styles). Starts no daily copy: [`main`]
/// does, once the output is out. Checkpoints the command left are written
/// here before it returns.
pub fn run(cli: Cli) -> Result<String> {
    let mut due = None;
    let text = run_noting(cli, &mut due);
    if let Some(upkeep) = due {
        upkeep.checkpoints_here();
    }
    text.map(|text| output::apply_styles(&text, false).into_owned())
}

/// [`run`], noting in `due` the upkeep the journal needs, if the command
/// opened one that needs any.
fn run_noting(cli: Cli, due: &mut Option<Upkeep>) -> Result<String> {
    // These need no journal, no clock and no config.
    match &cli.command {
        Some(Command::Completions(args)) => {
            refuse_json(cli.json, "completions prints a shell script")?;
            return Ok(shell::completions(args.shell));
        }
        Some(Command::Man(args)) => {
            refuse_json(cli.json, "man prints manual pages in roff")?;
            return shell::man(args);
        }
        Some(Command::Config(args::ConfigCommand::Default)) => {
            refuse_json(cli.json, "config default prints a TOML config file")?;
        }
        Some(Command::Upkeep(args)) => {
            let db = db_path(cli.db.or_else(db_from_env))?;
            return upkeep::run(&db, cli.config.as_deref(), args);
        }
        _ => {}
    }
    let clock = Clock::from_env().map_err(CliError::Input)?;
    if let Some(Command::Config(command)) = cli.command {
        return config_cmd::config(command, cli.config.as_deref())?.print(cli.json);
    }
    let (config, notes) = load_config(cli.config.as_deref())?;
    let sources = Sources::new(
        cli.passphrase_file.clone(),
        config.passphrase_command.clone(),
    );
    // Read for a prompt: no config notes, no journal made or updated, no
    // passphrase asked for, no daily copy (`commands/status.rs`).
    if let Some(Command::Status(args)) = &cli.command {
        let db = db_path(cli.db.clone().or_else(db_from_env))?;
        let format = args.format.as_deref();
        return status::status(&db, format, cli.json, clock.now(), &config, &sources);
    }
    let full_screen = cli.demo || cli.command.is_none();
    if full_screen && let Some(locked) = ui::keys_lock_in(&config) {
        return Err(CliError::Input(locked));
    }
    if !full_screen {
        for note in &notes {
            output::write_stderr(&format!("{note}\n"));
        }
    }
    if cli.demo {
        if cli.command.is_some() {
            return Err(CliError::Input(
                "--demo opens the full-screen demo on its own; leave out the command, or use `smallwins demo --db PATH` to keep a demo journal.".into(),
            ));
        }
        refuse_json_without_command(cli.json)?;
        demo::window(clock, config, notes)?;
        return Ok(String::new());
    }
    let Some(command) = cli.command else {
        refuse_json_without_command(cli.json)?;
        let db = db_path(cli.db.or_else(db_from_env))?;
        let mut notes = notes;
        // The full-screen journal asks once at start, and gives three tries.
        let unlock = Unlock { sources, tries: 3 };
        let (journal, ()) = with_journal(
            &db,
            Access::WriteIfPossible,
            (clock, config),
            &unlock,
            &mut notes,
            due,
            |_| Ok(()),
        )?;
        // The upkeep (today's copy) starts once the first frame is drawn;
        // its process is reaped by a thread of its own.
        let copy = due.take();
        let after_first_frame = move || {
            if let Some(mut child) = copy.and_then(Upkeep::start) {
                std::thread::spawn(move || child.wait());
            }
        };
        ui::run(journal, notes, after_first_frame).map_err(ui_error)?;
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
    let unlock = Unlock { sources, tries: 1 };
    if works_on_the_file(&command) {
        return on_the_file(&db, &command, &clock, &unlock, json);
    }
    let mut opened = Vec::new();
    let auto_sync = access(&command) == Access::Write && !matches!(command, Command::Sync(_));
    let result = with_journal(
        &db,
        access(&command),
        (clock, config),
        &unlock,
        &mut opened,
        due,
        |journal| {
            // This process ends once it has answered: what only saves
            // time later is left to the upkeep apart (`upkeep.rs`).
            journal.keep_checkpoints_apart();
            let outcome = execute(journal, &db, command, json)?;
            if auto_sync && journal.config().sync.auto && journal.syncs() {
                sync_after_write(journal);
            }
            Ok(outcome)
        },
    );
    if let Some(upkeep) = due.as_mut() {
        upkeep.set_config(cli.config.as_deref());
    }
    for note in &opened {
        output::write_stderr(&format!("{note}\n"));
    }
    let (journal, outcome) = result?;
    match outcome {
        Outcome::Printed(text) => Ok(text),
        Outcome::Draw(request) => print(&show::draw(journal, &request)?, json),
    }
}

/// With `auto = true` in `[sync]`: syncs after a command that wrote. The
/// change is saved either way; a sync that cannot happen now says why in
/// one line and waits for the next.
fn sync_after_write(journal: &mut Journal) {
    if let Err(e) = journal.sync_now() {
        output::write_stderr(&format!(
            "Saved here; syncing waits for the next time: {}\n",
            CliError::from(e).message()
        ));
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
        | Command::Search(_)
        | Command::Share(_)
        | Command::Backup(_)
        | Command::Check
        | Command::Sync(SyncCommand {
            action: Some(SyncAction::Status),
        })
        | Command::Promise(PromiseCommand::List(_) | PromiseCommand::Show(_))
        | Command::Win(WinCommand {
            action: Some(WinAction::List(_)),
            ..
        }) => Access::Read,
        _ => Access::Write,
    }
}

/// Whether `command` works on the journal file without opening it as a
/// journal, so a damaged one can still be checked and restored.
fn works_on_the_file(command: &Command) -> bool {
    matches!(
        command,
        Command::Check
            | Command::Restore(_)
            | Command::Backup(BackupArgs { file: None, .. })
            | Command::Encrypt(_)
            | Command::Decrypt
    )
}

/// Runs `check`, `restore`, `backup --list`, `encrypt` or `decrypt` on the
/// journal file.
fn on_the_file(
    db: &Path,
    command: &Command,
    clock: &Clock,
    unlock: &Unlock,
    json: bool,
) -> Result<String> {
    match command {
        Command::Check => print(&care::check(db, unlock)?, json),
        Command::Restore(args) => care::restore(db, args, clock.now(), unlock)?.print(json),
        Command::Encrypt(args) => print(&lock::encrypt(db, args, unlock)?, json),
        Command::Decrypt => print(&lock::decrypt(db, unlock)?, json),
        _ => print(&care::list(db, unlock)?, json),
    }
}

/// Never reached with an encrypted journal (those commands run before the
/// journal is opened); asks nothing.
fn unlock_plain() -> Unlock {
    Unlock {
        sources: Sources::default(),
        tries: 1,
    }
}

/// Runs a command on the open journal and prints its result.
fn execute(journal: &mut Journal, db: &Path, command: Command, json: bool) -> Result<Outcome> {
    let text = match command {
        Command::Promise(command) => promise_command(journal, command, json)?,
        Command::Kept(args) => print(&marks::kept(journal, args)?, json)?,
        Command::Partial(args) => print(&marks::mark(journal, args, Status::Partial)?, json)?,
        Command::Missed(args) => print(&marks::missed(journal, args)?, json)?,
        Command::Unmark(args) => print(&marks::unmark(journal, &args)?, json)?,
        Command::Win(command) => win_command(journal, command, json)?,
        Command::Checkin(args) => print(&checkin::checkin(journal, args)?, json)?,
        Command::Reflect(args) => print(&checkin::reflect(journal, args)?, json)?,
        Command::Today => print(&days::day(journal, journal.today())?, json)?,
        Command::Day(args) => {
            let day = journal.parse_day(&args.day)?;
            print(&days::day(journal, day)?, json)?
        }
        Command::Export(args) => {
            if crate::store::is_encrypted(db) {
                output::write_stderr(lock::EXPORT_NOTE);
            }
            export::export(journal, &args)?.print(json)?
        }
        Command::Import(args) => print(&commands::import::import(journal, &args)?, json)?,
        Command::Backup(BackupArgs {
            file: Some(file), ..
        }) => print(&care::backup(journal, &file)?, json)?,
        Command::Show(args) => return Ok(Outcome::Draw(show::request(journal, &args)?)),
        Command::Demo(args) => print(&demo::fill(journal, db, &args)?, json)?,
        Command::Review(args) => review::review(journal, &args, json)?.print(json)?,
        Command::Stats => print(&stats::stats(journal)?, json)?,
        Command::Search(args) => print(&search::search(journal, &args)?, json)?,
        Command::Sync(command) => commands::sync::sync(journal, command.action, json)?,
        Command::Share(args) => {
            let shared = share::share(journal, &args)?;
            if let Some(note) = shared.note() {
                output::write_stderr(&note);
            }
            print(&shared, json)?
        }
        // These run before the journal is opened (see `works_on_the_file`).
        command @ (Command::Backup(_)
        | Command::Check
        | Command::Restore(_)
        | Command::Encrypt(_)
        | Command::Decrypt) => on_the_file(db, &command, journal.clock(), &unlock_plain(), json)?,
        // These run before anything is opened (see `run`).
        Command::Config(command) => config_cmd::config(command, None)?.print(json)?,
        Command::Status(args) => status::status(
            db,
            args.format.as_deref(),
            json,
            journal.now(),
            journal.config(),
            &Sources::default(),
        )?,
        Command::Completions(args) => shell::completions(args.shell),
        Command::Man(args) => shell::man(&args)?,
        Command::Upkeep(args) => upkeep::run(db, None, &args)?,
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
        PromiseCommand::Show(args) => print(&story::show(journal, &args)?, json),
    }
}

fn win_command(journal: &mut Journal, command: WinCommand, json: bool) -> Result<String> {
    match command.action {
        None => print(&wins::win(journal, command.add)?, json),
        Some(WinAction::Add(args)) => print(&wins::win(journal, args)?, json),
        Some(WinAction::List(args)) => print(&wins::list(journal, &args)?, json),
        Some(WinAction::Edit(args)) => print(&wins::edit(journal, args)?, json),
        Some(WinAction::Delete(args)) => print(&wins::delete(journal, &args)?, json),
    }
}

/// `--json` on a command whose output is a document of its own kind.
fn refuse_json(json: bool, what: &str) -> Result<()> {
    if json {
        return Err(CliError::Input(format!(
            "{what}, which has no JSON form; leave out --json."
        )));
    }
    Ok(())
}

fn refuse_json_without_command(json: bool) -> Result<()> {
    if json {
        return Err(CliError::Input(
            "--json goes with a command that prints, like `smallwins today --json`.".into(),
        ));
    }
    Ok(())
}

/// The config, and a sentence for each key of the file that was left out.
fn load_config(path: Option<&Path>) -> Result<(Config, Vec<String>)> {
    let path = match path {
        Some(p) => Some(p.to_path_buf()),
        None => config::default_path(),
    };
    match path {
        Some(p) => {
            let loaded = config::load(&p).map_err(|e| CliError::Input(e.to_string()))?;
            let notes = loaded.warnings.iter().map(|w| w.to_string()).collect();
            Ok((loaded.config, notes))
        }
        None => Ok((Config::default(), Vec::new())),
    }
}

/// `SMALLWINS_DB`, unless it is unset or empty.
fn db_from_env() -> Option<PathBuf> {
    std::env::var_os("SMALLWINS_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
