//! Every clap type of the command line: the global options, the commands
//! and their arguments, and the help texts shown beside them.
//!
//! Arguments are kept as typed (`String`s for numbers and days), so that
//! the commands can answer a malformed value with one sentence of their
//! own rather than clap's. Uses nothing of ours but the one glyph legend
//! (for `today --help`): the commands turn these into calls on the
//! journal.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Glyph;

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
    #[command(
        subcommand,
        after_help = "Example:\n  smallwins promise add Read --target 10 --unit pages --days mon,wed,fri"
    )]
    Promise(PromiseCommand),
    /// Mark a promise kept (a measured one records its target; --amount below it is partly kept)
    #[command(after_help = "Example:\n  smallwins kept 1 --date yesterday")]
    Kept(KeptArgs),
    /// Mark a promise partly kept: it happened, so it counts
    #[command(after_help = "Example:\n  smallwins partial read --amount 4 --note \"tired\"")]
    Partial(MarkArgs),
    /// Note that a promise was missed, and what got in the way
    #[command(
        after_help = "Example:\n  smallwins missed 1 --note \"overslept\" --lesson \"alarm by the bed\""
    )]
    Missed(MissedArgs),
    /// Clear a promise's mark for a day, back to not yet marked
    #[command(after_help = "Example:\n  smallwins unmark 1 --date -2")]
    Unmark(UnmarkArgs),
    /// Note a small win, or list, edit and delete wins (win list, win edit ID TEXT, win delete ID)
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = WIN_HELP
    )]
    Win(WinCommand),
    /// Save the morning check-in: an intention and how sure you are
    #[command(
        after_help = "Example:\n  smallwins checkin --intention \"Make it a calm day\" --confidence 7"
    )]
    Checkin(CheckinArgs),
    /// Save the evening reflection: answers, mood and confidence
    #[command(
        after_help = "Example:\n  smallwins reflect --mood 6 --confidence 8 --answer helped=\"a friend texted\""
    )]
    Reflect(ReflectArgs),
    /// Show today's promises, wins, check-in and reflection
    #[command(after_help = today_help())]
    Today,
    /// Show one day's promises, wins, check-in and reflection
    #[command(after_help = day_help())]
    Day(DayArgs),
    /// Write the journal as JSON, CSV or a Markdown weekly summary
    #[command(
        after_help = "Without --out the export itself is printed. With --out it goes to a new file \
                      readable only by you, and one line (JSON with --json) says what was written.\n\n\
                      Example:\n  smallwins export --format markdown --from -7 --out week.md"
    )]
    Export(ExportArgs),
    /// Bring in a smallwins export, or history from Loop Habit Tracker, dijo, harsh or jrnl; importing twice changes nothing
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Copy the live journal into a new file, or list the automatic backups (--list)
    #[command(after_help = BACKUP_HELP)]
    Backup(BackupArgs),
    /// Run SQLite's integrity check on the journal and say what it found
    #[command(after_help = "Example:\n  smallwins check")]
    Check,
    /// Bring back a backup in place of the journal, after keeping the journal as it is
    #[command(
        after_help = "Example:\n  smallwins restore backups/journal-2026-11-20-083000-daily.db"
    )]
    Restore(RestoreArgs),
    /// Print a screen of the full-screen journal as plain text
    #[command(
        after_help = "Example:\n  smallwins show calendar --width 100 --height 30\n  smallwins show promise --promise 1"
    )]
    Show(ShowArgs),
    /// Fill a new, empty journal with weeks of made-up history to explore
    #[command(after_help = "Example:\n  smallwins demo --db /tmp/smallwins-demo.db --weeks 8")]
    Demo(DemoArgs),
    /// A short message of a day's (or a week's) small wins for someone you trust: printed, copied or saved
    #[command(after_help = SHARE_HELP)]
    Share(ShareArgs),
    /// Look back on one week: what was kept, wins, how it felt, lessons, what's next
    #[command(
        after_help = "A WEEK is an ISO week like 2026-W47; weeks start on the config's \
                      week_starts_on day. --format markdown is written to be sent as it is to \
                      someone you trust. With --out the review goes to a new file readable only \
                      by you, and one line (JSON with --json) says what was written.\n\n\
                      Example:\n  smallwins review --week 2026-W47 --format markdown --out week.md"
    )]
    Review(ReviewArgs),
    /// The evidence so far: totals, runs of showing up, each promise's rates and strength, twelve weeks
    #[command(after_help = "Example:\n  smallwins stats --json")]
    Stats,
    /// Find words in wins, notes, lessons, intentions and answers, across all history
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Print a completion script for bash, zsh or fish
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), to read with man or to install
    #[command(after_help = "Example:\n  smallwins man | man -l -")]
    Man,
    /// Where the config file is, the default config with every setting explained, and a check of yours
    #[command(
        subcommand,
        after_help = "Example:\n  smallwins config default > \"$(smallwins config path)\""
    )]
    Config(ConfigCommand),
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigCommand {
    /// Print the path the config file is read from (--config, else the platform config folder)
    #[command(after_help = "Example:\n  smallwins config path")]
    Path,
    /// Print a config file with every setting at its default, commented out and explained
    #[command(
        after_help = "To start your own, save what this prints at the path `smallwins config path` prints.\n\n\
            Example:\n  smallwins config default > \"$(smallwins config path)\""
    )]
    Default,
    /// Read the config file and list what smallwins left out or could not use
    #[command(after_help = "Example:\n  smallwins config check")]
    Check,
}

const GLOBAL: &str = "Global options";

const NAMING_HELP: &str = "A PROMISE is its number from `smallwins promise list` (it never changes), the start of its text, or a word of it.\n\
    A DAY is YYYY-MM-DD, today, yesterday or -N for N days ago, from 1900-01-01 to today.\n\
    Limits on text and numbers are listed under \"Limits\" in the README.\n\n\
    Example:\n  smallwins win \"sent the email I was avoiding\"";

/// The one legend of the glyphs `today` and `day` draw (Unicode set).
fn glyph_help() -> String {
    let glyphs = crate::model::Glyphs::default();
    let used = [
        Glyph::Kept,
        Glyph::Partly,
        Glyph::Smaller,
        Glyph::Missed,
        Glyph::NotRecorded,
        Glyph::Rest,
    ];
    format!(
        "Marks: {}\n(glyphs = \"ascii\" in the config draws them in plain ASCII)",
        glyphs.legend_line(|g| used.contains(&g))
    )
}

/// `today --help`: the legend, where the win ids come from, an example.
fn today_help() -> String {
    format!(
        "{}\nEach win shows its id, for `win edit` and `win delete`.\n\nExample:\n  smallwins today --json",
        glyph_help()
    )
}

/// `day --help`: the legend, where the win ids come from, an example.
fn day_help() -> String {
    format!(
        "{}\nEach win shows its id, for `win edit` and `win delete`.\n\nExample:\n  smallwins day yesterday",
        glyph_help()
    )
}

const WIN_HELP: &str = "Each win has a short id (like 3fa9c1), shown by `win list`, `today` and `day`; \
    it stays the same for as long as the win exists. A win whose first word is add, list, edit or delete \
    goes after `--`: smallwins win -- list the groceries.\n\n\
    Example:\n  smallwins win \"sent the email I was avoiding\" --area work";

const SHARE_HELP: &str = "Private by default: the message holds the wins (never one marked private) and \
    the promises you showed up for, kept, partly kept or in the smaller version; what was missed is not named. \
    Mood, confidence (morning and evening), notes (with what was noted missed), lessons and answers go in only \
    when named with --include, or with [share] include in the config (--include none leaves them out again). \
    --copy puts the message on the clipboard through the terminal (OSC 52; it works over SSH, and in tmux with \
    `set -g set-clipboard on`); with no terminal it prints the message instead. --out writes a new file readable \
    only by you. In the full-screen journal, S on Today and on Review opens the same message to preview.\n\n\
    Example:\n  smallwins share --copy\n  smallwins share --week --include mood,confidence --out week.txt";

const SEARCH_HELP: &str = "Every word must be found, in any order; a word also finds longer words that \
    start with it and other forms of it (walk finds walked and walking). The best matches come first, then \
    the newest. In the full-screen journal, / searches the same way.\n\n\
    Example:\n  smallwins search called mum";

const IMPORT_HELP: &str = "FORMAT is one of:\n  \
    smallwins  a file made by `smallwins export` (the default)\n  \
    loop       Loop Habit Tracker's CSV export: the zip, or the folder it unzips to\n  \
    dijo       dijo's habit_record.json (habit_record[auto].json beside it comes along)\n  \
    harsh      harsh's folder holding `habits` and `log` (or either file)\n  \
    jrnl       the output of `jrnl --export json`: short entries become wins, long ones reflections\n\
    Every record is checked as typed input is before anything is written. What could not be brought \
    over is listed, one line per kind. Records get ids made from what the file says, so importing the \
    same file again, or a later export of the same tracker, adds only what is new.\n\n\
    Example:\n  smallwins import --from harsh ~/.config/harsh";

const COMPLETIONS_HELP: &str = "Put the script where your shell looks for completions, for example:\n  \
    bash: smallwins completions bash > ~/.local/share/bash-completion/completions/smallwins\n  \
    zsh:  smallwins completions zsh > ~/.zfunc/_smallwins   (with fpath+=~/.zfunc before compinit)\n  \
    fish: smallwins completions fish > ~/.config/fish/completions/smallwins.fish\n\n\
    Example:\n  smallwins completions bash > ~/.local/share/bash-completion/completions/smallwins";

const BACKUP_HELP: &str = "Automatic backups: on the first use of each day (once the journal has entries \
    and SQLite's quick check finds it sound) and before an update of the journal's format, a copy goes to the \
    backups folder beside the journal, readable only by you. The last 7 daily copies are kept, the newest copy \
    from before each update, and the last 3 from before a restore.\n\n\
    Example:\n  smallwins backup ~/journal-backup.db";

#[derive(Debug, Subcommand)]
pub enum PromiseCommand {
    /// Add a promise, small enough to keep on a bad day
    #[command(
        after_help = "Example:\n  smallwins promise add \"Stretch for ten seconds\" --cue \"after my coffee\" --smaller \"touch my toes once\""
    )]
    Add(AddArgs),
    /// List the promises with their numbers
    #[command(after_help = "Example:\n  smallwins promise list --all")]
    List(ListArgs),
    /// Change a promise from a day on (--from, default today); an empty value (--cue "") clears an optional field
    #[command(after_help = "Example:\n  smallwins promise edit 2 --target 5 --cue \"before bed\"")]
    Edit(EditArgs),
    /// Archive a promise: it stops counting from today, and its history stays
    #[command(after_help = "Example:\n  smallwins promise archive read")]
    Archive(PromiseArg),
    /// Bring an archived promise back
    #[command(after_help = "Example:\n  smallwins promise unarchive read")]
    Unarchive(PromiseArg),
    /// One promise's story: its words over time, a row of marks per week, strength, runs, notes, decisions
    #[command(after_help = PROMISE_SHOW_HELP)]
    Show(PromiseShowArgs),
}

const PROMISE_SHOW_HELP: &str = "Each week is a row of the glyphs `today` draws, with the share it asked \
    that was shown up for and the promise's strength at the week's end; --json gives every day's mark \
    (with what was recorded), each week's rate and strength, the runs, totals, notes and decisions.\n\n\
    Example:\n  smallwins promise show 1 --weeks 26";

#[derive(Debug, Args)]
pub struct PromiseShowArgs {
    /// The promise: its number from `promise list`, or the start of its text
    #[arg(value_name = "PROMISE")]
    pub promise: String,
    /// Weeks to show, newest last, 1–520 [default: 12]
    #[arg(long, value_name = "N")]
    pub weeks: Option<String>,
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
    mut_arg("target", |a| a.help("New target, in force from --from (today); earlier days keep theirs")),
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
    /// The first day the new text, cue, smaller version or target is in
    /// force: YYYY-MM-DD, today, yesterday or -N [default: today]; the days
    /// before keep what was promised then
    #[arg(long = "from", value_name = "DAY", allow_hyphen_values = true)]
    pub from: Option<String>,
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
pub struct KeptArgs {
    #[command(flatten)]
    pub mark: MarkArgs,
    /// Kept the smaller version (it counts as showing up)
    #[arg(long)]
    pub smaller: bool,
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

/// `win TEXT` notes a win; `win list`, `win edit` and `win delete` work on
/// the wins already noted.
#[derive(Debug, Args)]
pub struct WinCommand {
    #[command(subcommand)]
    pub action: Option<WinAction>,
    #[command(flatten)]
    pub add: WinArgs,
}

#[derive(Debug, Subcommand)]
pub enum WinAction {
    /// Note a small win (the same as `win TEXT`; use it for a win that starts with list, edit or delete)
    #[command(
        after_help = "Example:\n  smallwins win add \"list the three things that went well\" --area work"
    )]
    Add(WinArgs),
    /// List a day's wins with their ids
    #[command(after_help = "Example:\n  smallwins win list --date yesterday")]
    List(WinListArgs),
    /// Change the words of a win
    #[command(
        after_help = "Example:\n  smallwins win edit 3fa9c1 \"sent the email I was avoiding, and the next one\""
    )]
    Edit(WinEditArgs),
    /// Delete a win; what it prints brings it back
    #[command(after_help = "Example:\n  smallwins win delete 3fa9c1")]
    Delete(WinIdArg),
}

#[derive(Debug, Args)]
pub struct WinListArgs {
    #[command(flatten)]
    pub date: DateArg,
}

#[derive(Debug, Args)]
pub struct WinIdArg {
    /// The win's id, as `win list`, `today` and `day` show it (like 3fa9c1)
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct WinEditArgs {
    /// The win's id, as `win list`, `today` and `day` show it (like 3fa9c1)
    #[arg(value_name = "ID")]
    pub id: String,
    /// The new words (quotes are optional)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WinArgs {
    /// The win, in a few words (quotes are optional)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// An area of life, like health, work, social or creative
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// Keep this win to yourself: it is never in a message you share
    #[arg(long)]
    pub private: bool,
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
pub struct ShareArgs {
    /// The week instead of a day: this week, or the week holding --date
    #[arg(long)]
    pub week: bool,
    #[command(flatten)]
    pub date: DateArg,
    /// What else goes in: any of mood, confidence, notes, lessons, answers, comma-separated, or none [default: the config's [share] include, else none]
    #[arg(long, value_name = "LIST")]
    pub include: Option<String>,
    /// Copy the message to the clipboard through the terminal (OSC 52) instead of printing it
    #[arg(long)]
    pub copy: bool,
    /// Write the message to this new file (readable only by you) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to look for (quotes are optional)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub words: Vec<String>,
}

/// Where an import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A file made by `smallwins export` (JSON)
    Smallwins,
    /// Loop Habit Tracker's CSV export (the zip, or its folder)
    Loop,
    /// dijo's habit_record.json
    Dijo,
    /// harsh's habits and log files (their folder)
    Harsh,
    /// jrnl's `--export json`
    Jrnl,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What made the file
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ImportFormat::Smallwins)]
    pub from: ImportFormat,
    /// The file or folder to import
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: CompletionShell,
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
    /// One promise's page (name it with --promise)
    Promise,
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
    /// With `show promise`: the promise, by its number from `promise list` or the start of its text
    #[arg(long, value_name = "PROMISE")]
    pub promise: Option<String>,
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
#[path = "args_tests.rs"]
mod tests;
