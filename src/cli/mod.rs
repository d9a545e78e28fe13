//! The command line: clap definitions and the non-TUI commands.
//!
//! A thin second front end over [`Journal`]: every rule lives in the domain,
//! this module only turns arguments into calls and results into text or
//! JSON.
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
//! `YYYY-MM-DDTHH:MM:SS`, statuses `kept` | `partial` | `missed`.
//!
//! | command | JSON printed |
//! | --- | --- |
//! | `promise add/edit/archive/unarchive` | one promise |
//! | `promise list` | an array of promises |
//! | `kept`, `partial`, `missed` | `{promise, check}` |
//! | `unmark` | `{promise, day, cleared}` (`cleared`: whether there was a mark) |
//! | `win` | the win |
//! | `checkin` | the check-in |
//! | `reflect` | the reflection |
//! | `today`, `day` | `{day, promises: [{promise, due, target, status, check}], wins, checkin, reflection, previous_adjust, kept_line}`; `due` is `yes` \| `flexible` \| `no` |
//! | `export --out` | `{out, format, records}` (without `--out` the export itself is printed) |
//! | `import` | `{file, changed, total}`; `changed` counts added or updated records per kind |
//! | `backup` | `{backup, records}` |
//! | `show` | `{screen, day, width, height, text}` |
//! | `demo` | `{db, weeks, records}` |
//! | `review` | `{week, week_start, week_end, summary, previous, strengths, wins_by_area, misses, weeks, patterns, suggestions, review, promises, wins, trust_gap, answers}`; `src/cli/review.rs` documents each field |
//! | `review --out` | `{out, format, week, week_start}` (the file holds the review in its `--format`) |
//! | `stats` | the domain's `Evidence`: `{totals, promises, weeks, patterns, suggestions}`; see `src/cli/review.rs` |
//!
//! `records` and `changed` are `{promises, checks, wins, checkins, reflections}`.
//!
//! # What reaches the terminal
//!
//! A person's words may hold control characters (a journal written before
//! input was cleaned, an import). Text output goes through
//! [`crate::text::printable`] where it is written (stdout, stderr, and files
//! made with `--out`), so they show in caret notation (`^[`); JSON writes
//! them as `\u` escapes, which read back exactly; CSV cells are also kept
//! from opening as spreadsheet formulas (see `cli/formats.rs`).

use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::Parser;
use serde::Serialize;

use crate::config::{self, Config};
use crate::demo;
use crate::domain::model::{self, format_amount};
use crate::domain::{
    self, Check, CheckIn, Clock, DayView, Due, Journal, Mark, NewPromise, Promise, PromiseEdit,
    Reflection, Schedule, Status, Win,
};
use crate::store::{Access, Counts, Export, ImportReport, StoreError};
use crate::text::{is_unsafe_control, printable};
use crate::ui::{self, Screen};

pub mod args;
mod care;
mod formats;
mod open;
mod review;

pub use args::Cli;
use args::{
    AddArgs, BackupArgs, CheckinArgs, Command, DemoArgs, EditArgs, ExportArgs, ExportFormat,
    ListArgs, MarkArgs, MissedArgs, PromiseArg, PromiseCommand, ReflectArgs, ScheduleArgs,
    ShowArgs, ShowScreen, UnmarkArgs, WinArgs, value_name,
};
use open::{db_path, with_journal};

/// Weeks of history `smallwins demo` and `smallwins --demo` make by default.
const DEMO_WEEKS: u32 = 8;
/// `show` size when stdout is not a terminal.
const SHOW_DEFAULT_SIZE: (u16, u16) = (100, 30);

// ----- errors ------------------------------------------------------------

/// Why a command stopped. Each message is one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// Something typed that cannot be used as it is; exit code 2.
    Input(String),
    /// The journal or another file could not be used; exit code 1.
    Failed(String),
}

impl CliError {
    pub fn message(&self) -> &str {
        match self {
            CliError::Input(m) | CliError::Failed(m) => m,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) => ExitCode::from(2),
            CliError::Failed(_) => ExitCode::from(1),
        }
    }

    fn is_input(&self) -> bool {
        matches!(self, CliError::Input(_))
    }
}

impl From<domain::Error> for CliError {
    fn from(e: domain::Error) -> Self {
        match e {
            domain::Error::Input(message) => CliError::Input(message),
            domain::Error::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Failed(e.to_string())
    }
}

/// An error from the full-screen journal, as one sentence.
fn ui_error(error: impl Into<color_eyre::Report>) -> CliError {
    let report: color_eyre::Report = error.into();
    if let Some(e) = report.downcast_ref::<domain::Error>() {
        return match e {
            domain::Error::Input(message) => CliError::Input(message.clone()),
            domain::Error::Store(e) => CliError::Failed(e.to_string()),
        };
    }
    if let Some(e) = report.downcast_ref::<StoreError>() {
        return CliError::Failed(e.to_string());
    }
    let text = report.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    CliError::Failed(format!(
        "The journal window closed after a problem: {first}."
    ))
}

/// Plain words for a file error, without the OS error number.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "it does not exist".into(),
        ErrorKind::PermissionDenied => "permission was denied".into(),
        ErrorKind::AlreadyExists => "a file is already there".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

type Result<T, E = CliError> = std::result::Result<T, E>;

// ----- running -------------------------------------------------------------

/// Parses the arguments, runs the command, prints its output or one
/// sentence on stderr, and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).and_then(|output| write_stdout(&output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A message may quote what was typed or read from a file, so it
            // is made printable like everything on stdout. Nothing more can
            // be done if stderr itself is gone.
            let _ = writeln!(std::io::stderr(), "{}", printable(e.message()));
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
        run_demo_window(clock, config)?;
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
    if care::works_on_the_file(&command) {
        return care::run(&db, &command, json, &clock);
    }
    let (journal, outcome) = with_journal(&db, open::access(&command), clock, config, |journal| {
        execute(journal, &db, command, json)
    })?;
    match outcome {
        Outcome::Print(text) => Ok(text),
        Outcome::Draw(request) => draw(journal, &request, json),
    }
}

/// What a command leaves to do once it has run.
enum Outcome {
    Print(String),
    /// `show`: draw a screen, which takes the journal itself.
    Draw(DrawRequest),
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

/// Writes to stdout; a reader that went away (`| head`) is not an error.
///
/// The one place a command's text reaches the terminal: any control
/// character in it (a person's words from a journal written before input
/// was cleaned, a hostile import) is shown in caret notation, so no byte of
/// a person's text can drive the terminal. JSON, CSV and the screens of
/// `show` hold none by then, so for them this changes nothing.
fn write_stdout(text: &str) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let text = printable(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Failed(format!(
            "The output could not be written: {}.",
            io_reason(&e)
        ))),
    }
}

fn execute(journal: &mut Journal, db: &Path, command: Command, json: bool) -> Result<Outcome> {
    let text = match command {
        Command::Promise(PromiseCommand::Add(args)) => promise_add(journal, args, json)?,
        Command::Promise(PromiseCommand::List(args)) => promise_list(journal, &args, json)?,
        Command::Promise(PromiseCommand::Edit(args)) => promise_edit(journal, args, json)?,
        Command::Promise(PromiseCommand::Archive(args)) => {
            promise_archive(journal, &args, true, json)?
        }
        Command::Promise(PromiseCommand::Unarchive(args)) => {
            promise_archive(journal, &args, false, json)?
        }
        Command::Kept(args) => mark(journal, args, Status::Kept, json)?,
        Command::Partial(args) => mark(journal, args, Status::Partial, json)?,
        Command::Missed(args) => missed(journal, args, json)?,
        Command::Unmark(args) => unmark(journal, &args, json)?,
        Command::Win(args) => win(journal, args, json)?,
        Command::Checkin(args) => checkin(journal, args, json)?,
        Command::Reflect(args) => reflect(journal, args, json)?,
        Command::Today => {
            let today = journal.today();
            show_day(journal, today, json)?
        }
        Command::Day(args) => {
            let day = journal.parse_day(&args.day)?;
            show_day(journal, day, json)?
        }
        Command::Export(args) => export(journal, &args, json)?,
        Command::Import(args) => import(journal, &args.file, json)?,
        Command::Backup(BackupArgs {
            file: Some(file), ..
        }) => backup(journal, &file, json)?,
        command @ (Command::Backup(_) | Command::Check | Command::Restore(_)) => {
            care::run(db, &command, json, journal.clock())?
        }
        Command::Show(args) => return draw_request(journal, &args).map(Outcome::Draw),
        Command::Demo(args) => demo_fill(journal, db, &args, json)?,
        Command::Review(args) => review::review(journal, &args, json)?,
        Command::Stats => review::stats(journal, json)?,
    };
    Ok(Outcome::Print(text))
}

// ----- promises ------------------------------------------------------------

/// A promise with its short number, as every command prints it in JSON.
#[derive(Serialize)]
struct PromiseJson<'a> {
    number: usize,
    #[serde(flatten)]
    promise: &'a Promise,
}

fn promise_add(journal: &mut Journal, args: AddArgs, json: bool) -> Result<String> {
    let schedule = parse_schedule(&args.fields.schedule)?;
    let target = parse_amount(args.fields.target.as_deref(), "target")?;
    let promise = journal.add_promise(NewPromise {
        text: args.text.join(" "),
        cue: args.fields.cue,
        smaller: args.fields.smaller,
        area: args.fields.area,
        schedule,
        target,
        unit: args.fields.unit,
    })?;
    let number = journal.number_of(&promise.id)?;
    if json {
        return to_json(&PromiseJson {
            number,
            promise: &promise,
        });
    }
    let today = journal.today();
    Ok(lines([
        format!(
            "Added promise {number}: {}.",
            with_details(&promise.text, &promise_details(&promise, today))
        ),
        format!("Mark it with `smallwins kept {number}`."),
    ]))
}

fn promise_list(journal: &Journal, args: &ListArgs, json: bool) -> Result<String> {
    let numbered: Vec<(usize, Promise)> = journal
        .promises(true)?
        .into_iter()
        .enumerate()
        .map(|(i, p)| (i + 1, p))
        .filter(|(_, p)| args.all || !p.is_archived())
        .collect();
    if json {
        let list: Vec<PromiseJson<'_>> = numbered
            .iter()
            .map(|(number, promise)| PromiseJson {
                number: *number,
                promise,
            })
            .collect();
        return to_json(&list);
    }
    if numbered.is_empty() {
        let hint = if args.all || journal.promises(true)?.is_empty() {
            let example = journal
                .config()
                .prompts
                .examples
                .first()
                .map_or("Stretch for ten seconds after my coffee", String::as_str)
                .to_string();
            format!(
                "No promises yet; start with one small enough for a bad day, like `smallwins promise add \"{example}\"`."
            )
        } else {
            "Every promise is archived; `smallwins promise list --all` shows them.".into()
        };
        return Ok(lines([hint]));
    }
    let today = journal.today();
    let width = numbered.last().map_or(1, |(n, _)| n.to_string().len());
    Ok(lines(numbered.iter().map(|(number, p)| {
        let mut details = promise_details(p, today);
        if let Some(area) = &p.area {
            details.push(format!("area: {area}"));
        }
        let text = if p.is_archived() {
            format!("{} (archived)", p.text)
        } else {
            p.text.clone()
        };
        format!("{number:>width$}  {}", with_details(&text, &details))
    })))
}

fn promise_edit(journal: &mut Journal, args: EditArgs, json: bool) -> Result<String> {
    let before = journal.find_promise(&args.promise)?;
    let schedule = parse_schedule(&args.fields.schedule)?;
    let target = parse_amount(args.fields.target.as_deref(), "target")?;
    let edit = PromiseEdit {
        text: args.text,
        cue: args.fields.cue,
        smaller: args.fields.smaller,
        area: args.fields.area,
        schedule,
        target,
        unit: args.fields.unit,
    };
    if edit.text.is_none()
        && edit.cue.is_none()
        && edit.smaller.is_none()
        && edit.area.is_none()
        && edit.schedule.is_none()
        && edit.target.is_none()
        && edit.unit.is_none()
    {
        return Err(CliError::Input(
            "Nothing to change was given; add one of --text, --cue, --smaller, --area, --target, --unit, --days, --times-per-week or --daily.".into(),
        ));
    }
    let after = journal.edit_promise(&before.id, edit)?;
    let number = journal.number_of(&after.id)?;
    if json {
        return to_json(&PromiseJson {
            number,
            promise: &after,
        });
    }
    let today = journal.today();
    let described = with_details(&after.text, &promise_details(&after, today));
    Ok(lines([if after == before {
        format!("Promise {number} already reads that way, so nothing changed: {described}.")
    } else {
        format!("Updated promise {number}: {described}.")
    }]))
}

fn promise_archive(
    journal: &mut Journal,
    args: &PromiseArg,
    archive: bool,
    json: bool,
) -> Result<String> {
    let before = journal.find_promise(&args.promise)?;
    let after = if archive {
        journal.archive_promise(&before.id)?
    } else {
        journal.unarchive_promise(&before.id)?
    };
    let number = journal.number_of(&after.id)?;
    if json {
        return to_json(&PromiseJson {
            number,
            promise: &after,
        });
    }
    let text = &after.text;
    Ok(lines([match (archive, before.is_archived() == archive) {
        (true, true) => format!("{text} was already archived."),
        (false, true) => format!("{text} is not archived; it is promise {number}."),
        (true, false) => format!(
            "Archived: {text}. Its history stays; bring it back with `smallwins promise unarchive {number}`."
        ),
        (false, false) => format!("Brought back: {text}, now promise {number}."),
    }]))
}

/// Schedule, cue, target and smaller version, for one line of text.
fn promise_details(p: &Promise, day: NaiveDate) -> Vec<String> {
    let mut details = vec![p.schedule.to_string()];
    details.extend(p.cue.clone());
    details.extend(p.target_label(day));
    if let Some(smaller) = &p.smaller {
        details.push(format!("smaller: {smaller}"));
    }
    details
}

fn with_details(text: &str, details: &[String]) -> String {
    if details.is_empty() {
        text.to_string()
    } else {
        format!("{text} ({})", details.join(" · "))
    }
}

/// The schedule options, if any was given.
fn parse_schedule(args: &ScheduleArgs) -> Result<Option<Schedule>> {
    if let Some(days) = &args.days {
        return Schedule::parse_days(days)
            .map(Some)
            .map_err(CliError::Input);
    }
    if let Some(times) = &args.times_per_week {
        let times = times.trim().parse::<u8>().map_err(|_| {
            CliError::Input(format!(
                "\"{}\" is not a number of days; give --times-per-week a whole number from 1 to 7.",
                domain::validate::echo(times)
            ))
        })?;
        return Ok(Some(Schedule::TimesPerWeek { times }));
    }
    Ok(args.daily.then_some(Schedule::Daily))
}

// ----- checks ----------------------------------------------------------------

#[derive(Serialize)]
struct MarkJson<'a> {
    promise: PromiseJson<'a>,
    check: &'a Check,
}

fn mark(journal: &mut Journal, args: MarkArgs, status: Status, json: bool) -> Result<String> {
    let promise = journal.find_promise(&args.promise)?;
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let amount = parse_amount(args.amount.as_deref(), "amount")?;
    let mark = Mark {
        amount,
        note: args.note,
        lesson: None,
    };
    let check = journal.mark(&promise.id, day, status, mark)?;
    marked(journal, &promise, &check, json)
}

fn missed(journal: &mut Journal, args: MissedArgs, json: bool) -> Result<String> {
    let promise = journal.find_promise(&args.promise)?;
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let mark = Mark {
        amount: None,
        note: args.note,
        lesson: args.lesson,
    };
    let check = journal.mark(&promise.id, day, Status::Missed, mark)?;
    marked(journal, &promise, &check, json)
}

/// What `kept`, `partial` and `missed` print.
fn marked(journal: &Journal, promise: &Promise, check: &Check, json: bool) -> Result<String> {
    if json {
        return to_json(&MarkJson {
            promise: PromiseJson {
                number: journal.number_of(&promise.id)?,
                promise,
            },
            check,
        });
    }
    let day = short_day(check.day, journal.today());
    let amount = amount_label(
        promise,
        check.status,
        check.amount,
        promise.target_on(check.day),
    );
    let what = match amount {
        Some(amount) => format!("{} — {amount}", promise.text),
        None => promise.text.clone(),
    };
    let mut out = vec![match check.status {
        Status::Kept => format!("Kept: {what} ({day})."),
        Status::Partial => format!("Partly kept: {what} ({day}); it counts as showing up."),
        Status::Missed => format!("Noted as missed: {what} ({day})."),
    }];
    if check.status == Status::Missed
        && let Some(smaller) = &promise.smaller
    {
        out.push(format!("Smaller version for next time: {smaller}."));
    }
    Ok(lines(out))
}

/// "10 minutes", or "4 of 10 minutes" when less than the target was done.
fn amount_label(
    promise: &Promise,
    status: Status,
    amount: Option<f64>,
    target: Option<f64>,
) -> Option<String> {
    let unit = promise.unit.as_deref()?;
    let amount = amount?;
    Some(match target {
        Some(t) if status != Status::Kept || amount < t => {
            format!("{} of {} {unit}", format_amount(amount), format_amount(t))
        }
        _ => format!("{} {unit}", format_amount(amount)),
    })
}

#[derive(Serialize)]
struct UnmarkJson<'a> {
    promise: PromiseJson<'a>,
    day: NaiveDate,
    cleared: bool,
}

fn unmark(journal: &mut Journal, args: &UnmarkArgs, json: bool) -> Result<String> {
    let promise = journal.find_promise(&args.promise)?;
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let had_mark = journal
        .day(day)?
        .items
        .iter()
        .any(|i| i.promise.id == promise.id && i.check.is_some());
    journal.unmark(&promise.id, day)?;
    if json {
        return to_json(&UnmarkJson {
            promise: PromiseJson {
                number: journal.number_of(&promise.id)?,
                promise: &promise,
            },
            day,
            cleared: had_mark,
        });
    }
    let label = short_day(day, journal.today());
    Ok(lines([if had_mark {
        format!(
            "Cleared the mark: {} is not yet marked for {label}.",
            promise.text
        )
    } else {
        format!(
            "{} had no mark for {label}, so nothing changed.",
            promise.text
        )
    }]))
}

// ----- wins, check-ins, reflections -----------------------------------------

fn win(journal: &mut Journal, args: WinArgs, json: bool) -> Result<String> {
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let win = journal.add_win(day, &args.text.join(" "), args.area.as_deref())?;
    if json {
        return to_json(&win);
    }
    let label = short_day(day, journal.today());
    let mut out = vec![format!("Win noted for {label}: {}.", win_text(&win))];
    let count = journal
        .win_counts(day, day)?
        .get(&day)
        .copied()
        .unwrap_or(0);
    if count > 1 {
        out.push(format!("That makes {count} wins on {label}."));
    }
    Ok(lines(out))
}

fn win_text(win: &Win) -> String {
    let text = win.text.trim_end_matches('.');
    match &win.area {
        Some(area) => format!("{text} ({area})"),
        None => text.to_string(),
    }
}

fn checkin(journal: &mut Journal, args: CheckinArgs, json: bool) -> Result<String> {
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let confidence = parse_rating(args.confidence.as_deref(), "confidence")?;
    if args.intention.is_none() && confidence.is_none() {
        return Err(CliError::Input(
            "A check-in needs an intention or a confidence, like --intention \"one kind thing\" --confidence 6.".into(),
        ));
    }
    let checkin = journal.check_in(day, args.intention.as_deref(), confidence)?;
    if json {
        return to_json(&checkin);
    }
    let label = short_day(day, journal.today());
    Ok(lines([format!(
        "Check-in saved for {label}: {}.",
        checkin_summary(&checkin)
    )]))
}

fn checkin_summary(c: &CheckIn) -> String {
    let mut parts = Vec::new();
    if let Some(intention) = &c.intention {
        parts.push(format!("“{intention}”"));
    }
    if let Some(confidence) = c.confidence {
        parts.push(format!("confidence {confidence}/10"));
    }
    parts.join(", ")
}

fn reflect(journal: &mut Journal, args: ReflectArgs, json: bool) -> Result<String> {
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let mood = parse_rating(args.mood.as_deref(), "mood")?;
    let confidence = parse_rating(args.confidence.as_deref(), "confidence")?;
    let answers = parse_answers(journal, &args.answers)?;
    if mood.is_none() && confidence.is_none() && answers.is_empty() {
        return Err(CliError::Input(
            "A reflection needs a mood, a confidence or an answer, like --mood 6 --answer helped=\"a walk\".".into(),
        ));
    }
    let reflection = journal.reflect(day, &answers, mood, confidence)?;
    if json {
        return to_json(&reflection);
    }
    let label = short_day(day, journal.today());
    let mut out = vec![format!(
        "Reflection saved for {label}: {}.",
        reflection_summary(&reflection)
    )];
    out.extend(journal.day(day)?.kept_line());
    Ok(lines(out))
}

/// "mood 6/10, confidence 8/10, 2 answers".
fn reflection_summary(r: &Reflection) -> String {
    let mut parts = vec![rating_summary(r)];
    match r.answers.len() {
        0 => {}
        1 => parts.push("1 answer".into()),
        n => parts.push(format!("{n} answers")),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

/// "mood 6/10, confidence 8/10", or empty.
fn rating_summary(r: &Reflection) -> String {
    let mut parts = Vec::new();
    if let Some(mood) = r.mood {
        parts.push(format!("mood {mood}/10"));
    }
    if let Some(confidence) = r.confidence {
        parts.push(format!("confidence {confidence}/10"));
    }
    parts.join(", ")
}

/// `KEY=TEXT` pairs; a later answer to the same key wins.
fn parse_answers(journal: &Journal, answers: &[String]) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for answer in answers {
        let Some((key, text)) = answer.split_once('=') else {
            let keys: Vec<&str> = journal
                .config()
                .prompts
                .evening
                .iter()
                .map(|p| p.key.as_str())
                .collect();
            return Err(CliError::Input(format!(
                "\"{}\" has no '='; write an answer as KEY=TEXT, like --answer helped=\"a friend texted\" (the keys are {}).",
                domain::validate::echo(answer),
                keys.join(", ")
            )));
        };
        map.insert(key.trim().to_string(), text.to_string());
    }
    Ok(map)
}

// ----- reading a day ------------------------------------------------------------

#[derive(Serialize)]
struct DayJson<'a> {
    day: NaiveDate,
    promises: Vec<DayItemJson<'a>>,
    wins: &'a [Win],
    checkin: Option<&'a CheckIn>,
    reflection: Option<&'a Reflection>,
    previous_adjust: Option<&'a str>,
    kept_line: Option<String>,
}

#[derive(Serialize)]
struct DayItemJson<'a> {
    promise: PromiseJson<'a>,
    due: &'static str,
    target: Option<f64>,
    status: Option<Status>,
    check: Option<&'a Check>,
}

fn show_day(journal: &Journal, day: NaiveDate, json: bool) -> Result<String> {
    let view = journal.day(day)?;
    if json {
        return to_json(&DayJson {
            day: view.day,
            promises: view
                .items
                .iter()
                .map(|i| DayItemJson {
                    promise: PromiseJson {
                        number: i.number,
                        promise: &i.promise,
                    },
                    due: match i.due {
                        Due::Yes => "yes",
                        Due::Flexible => "flexible",
                        Due::No => "no",
                    },
                    target: i.target,
                    status: i.status(),
                    check: i.check.as_ref(),
                })
                .collect(),
            wins: &view.wins,
            checkin: view.checkin.as_ref(),
            reflection: view.reflection.as_ref(),
            previous_adjust: view.previous_adjust.as_deref(),
            kept_line: view.kept_line(),
        });
    }
    day_text(journal, &view)
}

fn day_text(journal: &Journal, view: &DayView) -> Result<String> {
    let mut out = vec![view.day.format("%A %-d %B %Y").to_string()];
    if let Some(adjust) = &view.previous_adjust {
        out.push(format!("From the day before: “{}”", indent(adjust, 2)));
    }
    out.push(String::new());
    out.push("Promises".into());
    if view.items.is_empty() {
        out.push(if journal.promises(true)?.is_empty() {
            "  None yet; add one with `smallwins promise add \"…\"`.".into()
        } else {
            "  None counted on this day.".into()
        });
    }
    let width = view
        .items
        .iter()
        .map(|i| i.number.to_string().len())
        .max()
        .unwrap_or(1);
    for item in &view.items {
        let p = &item.promise;
        let status = item.status();
        let glyph = match (status, item.due) {
            (None, Due::No) => " ",
            _ => status_glyph(status),
        };
        let mut details: Vec<String> = p.cue.iter().cloned().collect();
        // What was done ("4 of 10 pages"), else what is asked ("10 pages").
        let done =
            (item.check.as_ref()).and_then(|c| amount_label(p, c.status, c.amount, item.target));
        let asked = (p.unit.as_ref())
            .and_then(|unit| item.target.map(|t| format!("{} {unit}", format_amount(t))));
        details.extend(done.or(asked));
        if p.schedule != Schedule::Daily {
            details.push(p.schedule.to_string());
        }
        if item.due == Due::No {
            details.push("rest day".into());
        }
        let number = item.number;
        out.push(format!(
            "  {number:>width$} {glyph} {}",
            with_details(&p.text, &details)
        ));
        if let Some(check) = &item.check {
            let pad = " ".repeat(width + 5);
            let more = width + 7;
            out.extend(
                check
                    .note
                    .as_ref()
                    .map(|n| format!("{pad}note: {}", indent(n, more))),
            );
            out.extend(
                check
                    .lesson
                    .as_ref()
                    .map(|l| format!("{pad}lesson: {}", indent(l, more))),
            );
        }
    }
    out.push(String::new());
    if view.wins.is_empty() {
        out.push("Wins: none noted.".into());
    } else {
        out.push("Wins".into());
        out.extend(view.wins.iter().map(|w| format!("  - {}", win_text(w))));
    }
    out.push(String::new());
    out.push(match &view.checkin {
        Some(c) => format!("Check-in: {}", checkin_summary(c)),
        None => "Check-in: not yet.".into(),
    });
    match &view.reflection {
        Some(r) => {
            let ratings = rating_summary(r);
            out.push(if ratings.is_empty() {
                "Reflection:".into()
            } else {
                format!("Reflection: {ratings}")
            });
            let prompts = &journal.config().prompts;
            // In the order the evening prompts ask, then any other keys.
            let mut answers: Vec<(&String, &String)> = r.answers.iter().collect();
            answers.sort_by_key(|(key, _)| {
                prompts
                    .evening
                    .iter()
                    .position(|p| p.key == **key)
                    .unwrap_or(usize::MAX)
            });
            for (key, answer) in answers {
                let question = prompts.text(key).unwrap_or(key);
                out.push(format!("  {question} {}", indent(answer, 4)));
            }
        }
        None => out.push("Reflection: not yet.".into()),
    }
    if let Some(line) = view.kept_line() {
        out.push(String::new());
        out.push(line);
    }
    Ok(lines(out))
}

/// Indents every line after the first, for text that spans lines.
fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

fn status_glyph(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Kept) => "✓",
        Some(Status::Partial) => "◐",
        Some(Status::Missed) => "○",
        None => "·",
    }
}

// ----- export, import, backup --------------------------------------------------

#[derive(Serialize)]
struct ExportedJson<'a> {
    out: &'a Path,
    format: String,
    records: Counts,
}

fn export(journal: &Journal, args: &ExportArgs, json: bool) -> Result<String> {
    if let Some(out) = &args.out {
        refuse_existing(out, "export")?;
    }
    let from = args
        .from
        .as_deref()
        .map(|d| journal.parse_day(d))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| journal.parse_day(d))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::Input(format!(
            "--from {from} comes after --to {to}; give the earlier day to --from."
        )));
    }
    let data = journal.export(from, to)?;
    let text = match args.format {
        ExportFormat::Json => to_json(&data)?,
        ExportFormat::Csv => formats::csv(&data)?,
        ExportFormat::Markdown => formats::markdown(journal, &data, from, to)?,
    };
    let Some(out) = &args.out else {
        return Ok(text);
    };
    write_new_file(out, &text, "export")?;
    let records = export_counts(&data);
    if json {
        return to_json(&ExportedJson {
            out,
            format: value_name(args.format),
            records,
        });
    }
    Ok(lines([format!(
        "Exported {} as {} to {}.",
        describe_counts(&records),
        value_name(args.format),
        out.display()
    )]))
}

fn export_counts(data: &Export) -> Counts {
    Counts {
        promises: data.promises.len() as u64,
        checks: data.checks.len() as u64,
        wins: data.wins.len() as u64,
        checkins: data.checkins.len() as u64,
        reflections: data.reflections.len() as u64,
    }
}

#[derive(Serialize)]
struct ImportJson<'a> {
    file: &'a Path,
    changed: ImportReport,
    total: u64,
}

fn import(journal: &mut Journal, file: &Path, json: bool) -> Result<String> {
    let data = read_export(file)?;
    let report = journal.import(&data)?;
    if json {
        return to_json(&ImportJson {
            file,
            changed: report,
            total: report.total(),
        });
    }
    let name = file.display();
    Ok(lines([if report.total() == 0 {
        format!(
            "Nothing new in {name}: 0 records added or updated; the journal already had all of it."
        )
    } else {
        let counts = Counts {
            promises: report.promises,
            checks: report.checks,
            wins: report.wins,
            checkins: report.checkins,
            reflections: report.reflections,
        };
        format!(
            "Imported {name}: {} records added or updated ({}).",
            report.total(),
            describe_counts(&counts)
        )
    }]))
}

/// Reads a file made by `smallwins export --format json`.
fn read_export(path: &Path) -> Result<Export> {
    let name = path.display();
    let bytes = fs::read(path).map_err(|e| {
        CliError::Input(format!(
            "{name} could not be read ({}); give the path of a file made by `smallwins export`.",
            io_reason(&e)
        ))
    })?;
    let not_export = |why: String| {
        CliError::Input(format!(
            "{name} is not a smallwins export ({why}); make one with `smallwins export --format json`."
        ))
    };
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        not_export(format!(
            "it is not JSON: line {}, column {}",
            e.line(),
            e.column()
        ))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(crate::store::EXPORT_FORMAT) {
        return Err(not_export(format!(
            "it has no \"format\": \"{}\" marker",
            crate::store::EXPORT_FORMAT
        )));
    }
    <Export as serde::Deserialize>::deserialize(&value).map_err(|e| {
        // Name the record that does not fit, when one is to blame.
        if let Some(record) = crate::store::misfit(&value) {
            return CliError::Input(format!(
                "Nothing was imported: {record}; fix that record in the file and import it again."
            ));
        }
        let why = e.to_string();
        let why = why
            .split(" at line")
            .next()
            .unwrap_or(&why)
            .replace('`', "\"");
        not_export(format!("its records do not fit: {why}"))
    })
}

#[derive(Serialize)]
struct BackupJson<'a> {
    backup: &'a Path,
    records: Counts,
}

fn backup(journal: &Journal, file: &Path, json: bool) -> Result<String> {
    refuse_existing(file, "backup")?;
    journal.backup(file)?;
    let records = journal.counts()?;
    if json {
        return to_json(&BackupJson {
            backup: file,
            records,
        });
    }
    Ok(lines([format!(
        "Backed up the journal to {} ({}).",
        file.display(),
        describe_counts(&records)
    )]))
}

/// Refuses to overwrite a file: exports and backups always go to new files.
fn refuse_existing(path: &Path, what: &str) -> Result<()> {
    if path.exists() {
        return Err(CliError::Input(format!(
            "{} already exists and the {what} never overwrites a file; choose a new name.",
            path.display()
        )));
    }
    Ok(())
}

/// Creates `path` (it must not exist), readable only by its owner, and
/// writes `text` into it with any control character in caret notation, as
/// on stdout: a Markdown summary or a review may well be read with `cat`.
fn write_new_file(path: &Path, text: &str, what: &str) -> Result<()> {
    let bytes = printable(text);
    let bytes = bytes.as_bytes();
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == ErrorKind::AlreadyExists {
            CliError::Input(format!(
                "{} already exists and the {what} never overwrites a file; choose a new name.",
                path.display()
            ))
        } else {
            CliError::Failed(format!(
                "The {what} could not be written to {}: {}.",
                path.display(),
                io_reason(&e)
            ))
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            fs::remove_file(path).ok();
            CliError::Failed(format!(
                "The {what} could not be written to {}: {}.",
                path.display(),
                io_reason(&e)
            ))
        })
}

// ----- show and demo ---------------------------------------------------------------

/// A screen to draw for `show`, checked before the journal is handed over.
struct DrawRequest {
    screen: ShowScreen,
    day: NaiveDate,
    width: u16,
    height: u16,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    screen: &'a str,
    day: NaiveDate,
    width: u16,
    height: u16,
    text: &'a str,
}

fn draw_request(journal: &Journal, args: &ShowArgs) -> Result<DrawRequest> {
    let day = day_or_today(journal, args.date.day.as_deref())?;
    let (default_width, default_height) = terminal_size();
    Ok(DrawRequest {
        screen: args.screen,
        day,
        width: parse_size(args.width.as_deref(), "--width", default_width)?,
        height: parse_size(args.height.as_deref(), "--height", default_height)?,
    })
}

/// The full-screen journal's screen that `show` draws.
fn ui_screen(screen: ShowScreen) -> Screen {
    match screen {
        ShowScreen::Today => Screen::Today,
        ShowScreen::Calendar => Screen::Calendar,
        ShowScreen::Promises => Screen::Promises,
        ShowScreen::Review => Screen::Review,
    }
}

/// Draws a screen exactly as the full-screen journal would, as plain text.
fn draw(journal: Journal, request: &DrawRequest, json: bool) -> Result<String> {
    let DrawRequest {
        screen,
        day,
        width,
        height,
    } = *request;
    let mut text =
        ui::render_to_string(journal, ui_screen(screen), day, width, height).map_err(ui_error)?;
    if json {
        return to_json(&ShowJson {
            screen: &value_name(screen),
            day,
            width,
            height,
            text: &text,
        });
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// The terminal's size when stdout is one, else 100×30.
fn terminal_size() -> (u16, u16) {
    if std::io::stdout().is_terminal()
        && let Ok((w, h)) = crossterm::terminal::size()
        && w > 0
        && h > 0
    {
        return (w, h);
    }
    SHOW_DEFAULT_SIZE
}

fn parse_size(text: Option<&str>, name: &str, default: u16) -> Result<u16> {
    let Some(text) = text else {
        return Ok(default);
    };
    match text.trim().parse::<u16>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err(CliError::Input(format!(
            "\"{text}\" is not a size I can draw; give {name} a whole number from 1 to 1000."
        ))),
    }
}

#[derive(Serialize)]
struct DemoJson<'a> {
    db: &'a Path,
    weeks: u32,
    records: Counts,
}

fn demo_fill(journal: &mut Journal, db: &Path, args: &DemoArgs, json: bool) -> Result<String> {
    let weeks = match args.weeks.as_deref() {
        None => DEMO_WEEKS,
        Some(text) => match text.trim().parse::<u32>() {
            Ok(n) if (1..=52).contains(&n) => n,
            _ => {
                return Err(CliError::Input(format!(
                    "\"{text}\" is not a number of weeks I can make; give --weeks a whole number from 1 to 52."
                )));
            }
        },
    };
    if !journal.counts()?.is_empty() {
        return Err(CliError::Input(format!(
            "{} already holds a journal with entries, so the demo left it alone; give --db a new file instead.",
            db.display()
        )));
    }
    let records = demo::fill(journal, weeks)?;
    journal.clear_undo();
    if json {
        return to_json(&DemoJson { db, weeks, records });
    }
    let plural = if weeks == 1 { "week" } else { "weeks" };
    Ok(lines([
        format!(
            "Made a demo journal with {weeks} {plural} of history in {}: {}.",
            db.display(),
            describe_counts(&records)
        ),
        format!("Open it with `smallwins --db {}`.", db.display()),
    ]))
}

/// `smallwins --demo`: a throwaway journal in a fresh private folder,
/// opened full-screen and deleted afterwards.
fn run_demo_window(clock: Clock, config: Config) -> Result<()> {
    let folder = DemoFolder::create()?;
    let mut journal = Journal::open(&folder.path.join("journal.db"), clock, config)?;
    demo::fill(&mut journal, DEMO_WEEKS)?;
    journal.clear_undo();
    ui::run(journal).map_err(ui_error)
}

/// A private temporary folder, removed when dropped (also on a panic).
struct DemoFolder {
    path: PathBuf,
}

impl DemoFolder {
    fn create() -> Result<DemoFolder> {
        let path = std::env::temp_dir().join(format!("smallwins-demo-{}", model::new_id()));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path).map_err(|e| {
            CliError::Failed(format!(
                "A folder for the demo could not be made in {}: {}.",
                std::env::temp_dir().display(),
                io_reason(&e)
            ))
        })?;
        Ok(DemoFolder { path })
    }
}

impl Drop for DemoFolder {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.path).ok();
    }
}

// ----- small helpers ----------------------------------------------------------------

fn day_or_today(journal: &Journal, text: Option<&str>) -> Result<NaiveDate> {
    match text {
        Some(text) => Ok(journal.parse_day(text)?),
        None => Ok(journal.today()),
    }
}

/// A rating as typed; the domain checks the 0–10 range.
fn parse_rating(text: Option<&str>, name: &str) -> Result<Option<u8>> {
    let Some(text) = text else {
        return Ok(None);
    };
    text.trim().parse::<u8>().map(Some).map_err(|_| {
        CliError::Input(format!(
            "\"{}\" is not a {name} rating; choose a whole number from 0 to 10.",
            domain::validate::echo(text)
        ))
    })
}

/// An amount as typed; the domain checks that it can be recorded.
fn parse_amount(text: Option<&str>, name: &str) -> Result<Option<f64>> {
    let Some(text) = text else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        // "1e400" reads as infinity: say what was typed, not "inf".
        _ => Err(CliError::Input(format!(
            "\"{}\" is not a number; give the {name} as a number like 10 or 2.5.",
            domain::validate::echo(text)
        ))),
    }
}

/// "Sat 21 Nov", with the year when it is not this year's.
fn short_day(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %-d %b").to_string()
    } else {
        day.format("%a %-d %b %Y").to_string()
    }
}

/// "Mon 16 Nov 2026".
fn long_short_day(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// "3 promises, 1 check, 0 wins, …".
fn describe_counts(c: &Counts) -> String {
    [
        (c.promises, "promise", "promises"),
        (c.checks, "check", "checks"),
        (c.wins, "win", "wins"),
        (c.checkins, "check-in", "check-ins"),
        (c.reflections, "reflection", "reflections"),
    ]
    .iter()
    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Pretty JSON with a final newline, safe to print.
fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            escape_json_controls(s)
        })
        .map_err(|e| CliError::Failed(format!("The JSON could not be written: {e}.")))
}

/// serde_json escapes the C0 controls inside strings but writes DEL and the
/// C1 controls (U+0080–U+009F, of which U+009B starts a terminal command)
/// as they are. They are written as `\u` escapes too, which JSON reads back
/// as the same characters, so an export still imports exactly. Outside
/// strings JSON holds no control characters but newline, so only string
/// contents change.
fn escape_json_controls(json: String) -> String {
    if !json.chars().any(is_unsafe_control) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_control(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Lines of text, each ending in a newline.
fn lines(lines: impl IntoIterator<Item = String>) -> String {
    lines.into_iter().fold(String::new(), |mut out, line| {
        out.push_str(&line);
        out.push('\n');
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_carry_no_error_numbers() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "it does not exist");
        let e = std::io::Error::other("Something odd");
        assert_eq!(io_reason(&e), "something odd");
    }

    #[test]
    fn the_demo_folder_is_private_and_removed_afterwards() {
        let folder = DemoFolder::create().expect("created");
        let path = folder.path.clone();
        assert!(path.starts_with(std::env::temp_dir()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        fs::write(path.join("journal.db"), b"x").expect("write");
        drop(folder);
        assert!(!path.exists());
    }

    #[test]
    fn counts_are_described_in_words() {
        let c = Counts {
            promises: 1,
            checks: 2,
            wins: 0,
            checkins: 1,
            reflections: 3,
        };
        assert_eq!(
            describe_counts(&c),
            "1 promise, 2 checks, 0 wins, 1 check-in, 3 reflections"
        );
    }
}
