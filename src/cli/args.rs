//! Every clap type of the command line: the global options, the commands
//! and their arguments, and the help texts shown beside them.
//!
//! Arguments are kept as typed (`String`s for numbers and days), so that
//! the commands can answer a malformed value with one sentence of their
//! own rather than clap's. Uses nothing of ours: the commands turn these
//! into calls on the journal.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal journal of tiny kept promises and small wins.
///
/// Run with no command to open the full-screen journal.
#[derive(Debug, Parser)]
#[command(name = "smallwins", version, about, long_about, after_help = NAMING_HELP)]
pub struct Cli {
    /// The journal file [default: $SMALLWINS_DB, else journal.db in the platform data folder]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,
    /// The config file (TOML); a missing file means the defaults
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,
    /// Open the full-screen journal on a throwaway demo journal, deleted on quit
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, edit and archive promises
    #[command(subcommand)]
    Promise(PromiseCommand),
    /// Mark a promise kept (a measured one records its target unless --amount says otherwise)
    Kept(MarkArgs),
    /// Mark a promise partly kept: it happened, so it counts
    Partial(MarkArgs),
    /// Note that a promise was missed, and what got in the way
    Missed(MissedArgs),
    /// Clear a promise's mark for a day, back to not yet marked
    Unmark(UnmarkArgs),
    /// Note a small win
    Win(WinArgs),
    /// Save the morning check-in: an intention and how sure you are
    Checkin(CheckinArgs),
    /// Save the evening reflection: answers, mood and confidence
    Reflect(ReflectArgs),
    /// Show today's promises, wins, check-in and reflection
    #[command(after_help = GLYPH_HELP)]
    Today,
    /// Show one day's promises, wins, check-in and reflection
    #[command(after_help = GLYPH_HELP)]
    Day(DayArgs),
    /// Write the journal as JSON, CSV or a Markdown weekly summary
    #[command(
        after_help = "Without --out the export itself is printed. With --out it goes to a new file \
                      readable only by you, and one line (JSON with --json) says what was written."
    )]
    Export(ExportArgs),
    /// Merge a JSON export into the journal; importing twice changes nothing
    Import(FileArgs),
    /// Copy the live journal into a new file, or list the automatic backups (--list)
    #[command(after_help = BACKUP_HELP)]
    Backup(BackupArgs),
    /// Run SQLite's integrity check on the journal and say what it found
    Check,
    /// Bring back a backup in place of the journal, after keeping the journal as it is
    Restore(RestoreArgs),
    /// Print a screen of the full-screen journal as plain text
    Show(ShowArgs),
    /// Fill a new, empty journal with weeks of made-up history to explore
    Demo(DemoArgs),
    /// Look back on one week: what was kept, wins, how it felt, lessons, what's next
    #[command(
        after_help = "A WEEK is an ISO week like 2026-W47; weeks start on the config's \
                      week_starts_on day. --format markdown is written to be sent as it is to \
                      someone you trust. With --out the review goes to a new file readable only \
                      by you, and one line (JSON with --json) says what was written."
    )]
    Review(ReviewArgs),
    /// The evidence so far: totals, runs of showing up, each promise's rates and strength, twelve weeks
    Stats,
}

const GLOBAL: &str = "Global options";

const NAMING_HELP: &str = "A PROMISE is its number from `smallwins promise list` or the start of its text.\n\
    A DAY is YYYY-MM-DD, today, yesterday or -N for N days ago, from 1900-01-01 to today.\n\
    Limits on text and numbers are listed under \"Limits\" in the README.";

const GLYPH_HELP: &str = "Marks: ✓ kept  ◐ partly kept  · not yet marked  ○ missed";

const BACKUP_HELP: &str = "Automatic backups: on the first use of each day (once the journal has entries \
    and SQLite's quick check finds it sound) and before an update of the journal's format, a copy goes to the \
    backups folder beside the journal, readable only by you. The last 7 daily copies are kept, the newest copy \
    from before each update, and the last 3 from before a restore.";

#[derive(Debug, Subcommand)]
pub enum PromiseCommand {
    /// Add a promise, small enough to keep on a bad day
    Add(AddArgs),
    /// List the promises with their numbers
    List(ListArgs),
    /// Change a promise; an empty value (--cue "") clears an optional field
    Edit(EditArgs),
    /// Archive a promise: it stops counting from today, and its history stays
    Archive(PromiseArg),
    /// Bring an archived promise back
    Unarchive(PromiseArg),
}

#[derive(Debug, Args)]
pub struct PromiseArg {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
}

#[derive(Debug, Args)]
pub struct DateArg {
    /// The day: YYYY-MM-DD, today, yesterday or -N for N days ago [default: today]
    #[arg(long = "date", value_name = "DAY", allow_hyphen_values = true)]
    pub day: Option<String>,
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ScheduleArgs {
    /// Only on these weekdays, like mon,wed,fri
    #[arg(long, value_name = "DAYS")]
    pub days: Option<String>,
    /// Any N days of the week (1–7)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub times_per_week: Option<String>,
    /// Every day (the default for a new promise)
    #[arg(long)]
    pub daily: bool,
}

/// What a promise is made of besides its text, as `promise add` and
/// `promise edit` both take it. The help is worded for adding; `edit`
/// rewords it as changes (see [`EditArgs`]).
#[derive(Debug, Args)]
pub struct PromiseFields {
    /// When or after what you do it, like "after my coffee"
    #[arg(long, value_name = "TEXT")]
    pub cue: Option<String>,
    /// An even smaller version for hard days
    #[arg(long, value_name = "TEXT")]
    pub smaller: Option<String>,
    /// An area of life, like health, work, social or creative
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// A target amount, which makes this a measured promise (needs --unit)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub target: Option<String>,
    /// The unit of the target, like minutes or pages
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What you promise, in a few words (quotes are optional)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
    #[command(flatten)]
    pub fields: PromiseFields,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include archived promises
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("cue", |a| a.help("New cue (\"\" clears it)")),
    mut_arg("smaller", |a| a.help("New smaller version (\"\" clears it)")),
    mut_arg("area", |a| a.help("New area (\"\" clears it)")),
    mut_arg("target", |a| a.help("New target, in force from today; earlier days keep theirs")),
    mut_arg("unit", |a| a.help("New unit (\"\" turns a measured promise into a yes/no one)")),
)]
pub struct EditArgs {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
    /// New text
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    #[command(flatten)]
    pub fields: PromiseFields,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
    /// How much you did, for a measured promise
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub amount: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
    /// A few words about how it went
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct MissedArgs {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
    #[command(flatten)]
    pub date: DateArg,
    /// What got in the way, in a few words
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// One thing to try next time
    #[arg(long, value_name = "TEXT")]
    pub lesson: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnmarkArgs {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct WinArgs {
    /// The win, in a few words (quotes are optional)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// An area of life, like health, work, social or creative
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// In one sentence: what would make today feel like a day you showed up?
    #[arg(long, value_name = "TEXT")]
    pub intention: Option<String>,
    /// How sure you are that you'll keep today's promises, 0–10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true)]
    pub confidence: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct ReflectArgs {
    /// Mood, 0–10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true)]
    pub mood: Option<String>,
    /// Confidence, 0–10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true)]
    pub confidence: Option<String>,
    /// An answer to a prompt, like helped="a friend texted"; repeat for more (an empty TEXT removes it)
    #[arg(long = "answer", value_name = "KEY=TEXT")]
    pub answers: Vec<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct DayArgs {
    /// The day: YYYY-MM-DD, today, yesterday or -N for N days ago
    #[arg(value_name = "DAY", allow_hyphen_values = true)]
    pub day: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every record, for `smallwins import`
    Json,
    /// One row per check, win, check-in and reflection
    Csv,
    /// A weekly summary to share with someone you trust
    #[value(alias = "md")]
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// First day to include [default: the first day with records]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last day to include [default: everything]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Write to this new file (readable only by you) instead of printing
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// A calm plain summary, with notes and lessons
    Text,
    /// A summary to send to one trusted person: no notes, one lesson
    #[value(alias = "md")]
    Markdown,
    /// Everything the review holds, for scripts
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The ISO week, like 2026-W47 [default: this week]
    #[arg(long, value_name = "WEEK")]
    pub week: Option<String>,
    /// A day in the week: YYYY-MM-DD, today, yesterday or -N for N days ago
    #[arg(long = "date", value_name = "DAY", allow_hyphen_values = true)]
    pub day: Option<String>,
    /// The format [default: text; json with --json]
    #[arg(long, value_enum)]
    pub format: Option<ReviewFormat>,
    /// Write to this new file (readable only by you) instead of printing
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to copy the journal into
    #[arg(value_name = "FILE", required_unless_present = "list")]
    pub file: Option<PathBuf>,
    /// List the automatic backups kept beside the journal instead, newest first
    #[arg(long, conflicts_with = "file")]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The copy to bring back, as `smallwins backup --list` shows them
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Go ahead without asking first
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowScreen {
    Today,
    Calendar,
    Promises,
    Review,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The screen to draw
    #[arg(value_enum)]
    pub screen: ShowScreen,
    /// Columns [default: the terminal's, or 100 when not a terminal]
    #[arg(long, value_name = "W")]
    pub width: Option<String>,
    /// Rows [default: the terminal's, or 30 when not a terminal]
    #[arg(long, value_name = "H")]
    pub height: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Weeks of history to make, 1–52
    #[arg(long, value_name = "N")]
    pub weeks: Option<String>,
    /// Years of history to make at once instead, 1–20: a simpler history at scale, for measuring
    #[arg(long, value_name = "N")]
    pub years: Option<String>,
    /// With --years: twenty promises and about ten wins a day
    #[arg(long)]
    pub heavy: bool,
}

/// The name a value has on the command line, like `markdown`: the one
/// JSON reports use too, so the two never drift apart.
pub fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn negative_days_are_values_not_flags() {
        let cli = Cli::try_parse_from(["smallwins", "kept", "1", "--date", "-3"]).expect("parses");
        match cli.command {
            Some(Command::Kept(args)) => assert_eq!(args.date.day.as_deref(), Some("-3")),
            other => panic!("unexpected {other:?}"),
        }
        let cli = Cli::try_parse_from(["smallwins", "day", "-2"]).expect("parses");
        assert!(matches!(cli.command, Some(Command::Day(DayArgs { day })) if day == "-2"));
    }

    #[test]
    fn schedule_options_exclude_each_other() {
        let err = Cli::try_parse_from([
            "smallwins",
            "promise",
            "add",
            "x",
            "--days",
            "mon",
            "--times-per-week",
            "3",
        ])
        .expect_err("conflict");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn words_of_a_win_are_joined() {
        let cli =
            Cli::try_parse_from(["smallwins", "win", "sent", "the", "email", "--area", "work"])
                .expect("parses");
        match cli.command {
            Some(Command::Win(args)) => {
                assert_eq!(args.text.join(" "), "sent the email");
                assert_eq!(args.area.as_deref(), Some("work"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn edit_words_the_shared_promise_fields_as_changes() {
        let cli = Cli::command();
        let promise = cli.find_subcommand("promise").expect("promise");
        let help = |name: &str, arg: &str| {
            let command = promise.find_subcommand(name).expect(name);
            let arg = command.get_arguments().find(|a| a.get_id() == arg);
            arg.and_then(|a| a.get_help()).map(|h| h.to_string())
        };
        assert_eq!(
            help("add", "cue").as_deref(),
            Some("When or after what you do it, like \"after my coffee\"")
        );
        assert_eq!(
            help("edit", "cue").as_deref(),
            Some("New cue (\"\" clears it)")
        );
        assert_eq!(
            help("edit", "days").as_deref(),
            Some("Only on these weekdays, like mon,wed,fri")
        );
    }

    #[test]
    fn values_are_named_as_they_are_typed() {
        assert_eq!(value_name(ExportFormat::Markdown), "markdown");
        assert_eq!(value_name(ReviewFormat::Text), "text");
        assert_eq!(value_name(ShowScreen::Calendar), "calendar");
    }
}
