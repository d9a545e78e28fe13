//! Every clap type of the command line: the global options, the commands
//! and their arguments, and the help texts shown beside them.
//!
//! Arguments are kept as typed (`String`s for numbers and days), so that
//! the commands can answer a malformed value with one sentence of their
//! own rather than clap's. Uses nothing of ours but the one glyph legend
//! (for `today --help`): the commands turn these into calls on the
//! journal. `records.rs` holds the arguments of what is recorded
//! (promises, marks, wins, check-ins, reflections, days), `files.rs` those
//! of what reads or writes whole files and screens (export, import, review,
//! share, search, backups, show, demo).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::model::Glyph;

mod files;
mod records;

pub use files::*;
pub use records::*;

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
    /// A file whose first line is the passphrase of an encrypted journal [default: $SMALLWINS_PASSPHRASE_FILE]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub passphrase_file: Option<PathBuf>,
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
    /// Encrypt the journal and its backups with a passphrase; --change changes it
    #[command(after_help = ENCRYPT_HELP)]
    Encrypt(EncryptArgs),
    /// Turn encryption off: the journal and its backups become plain files again
    #[command(after_help = "Example:\n  smallwins decrypt")]
    Decrypt,
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
    /// One short line of what is left today, for a shell prompt or a status bar
    #[command(after_help = STATUS_HELP)]
    Status(StatusArgs),
    /// Find words in wins, notes, lessons, intentions and answers, across all history
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Sync this journal with your other machines through a folder you already sync, encrypted
    #[command(after_help = SYNC_HELP)]
    Sync(SyncCommand),
    /// Print a completion script for bash, zsh or fish
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print a manual page (roff), or write one page per command into a folder with --out
    #[command(
        after_help = "Without a COMMAND, the page of smallwins itself; each command has its own page, \
            named like smallwins-win-delete.\n\n\
            Example:\n  smallwins man | man -l -\n  smallwins man win delete | man -l -\n  \
            smallwins man --out ~/.local/share/man/man1"
    )]
    Man(ManArgs),
    /// Where the config file is, the default config with every setting explained, and a check of yours
    #[command(
        subcommand,
        after_help = "Example:\n  smallwins config default > \"$(smallwins config path)\""
    )]
    Config(ConfigCommand),
    /// Writes the checkpoints a command left, checks
    /// the journal and makes today's copy; started by smallwins itself,
    /// detached, once a command has answered (`cli/upkeep.rs`)
    #[command(name = "upkeep", hide = true)]
    Upkeep(UpkeepArgs),
}

#[derive(Debug, clap::Args)]
pub struct UpkeepArgs {
    /// The time of the command that started it (names the copy)
    #[arg(long, value_name = "TIME")]
    pub at: String,
    /// Writes the evidence's checkpoints the command left missing
    #[arg(long)]
    pub checkpoints: bool,
    /// The encrypted journal's passphrase comes on standard input, never
    /// in the arguments or the environment
    #[arg(long)]
    pub key_on_stdin: bool,
}

const SYNC_HELP: &str = "With no subcommand, syncs now: writes this machine's changes to the \
    folder and takes in the others'. The passphrase comes from --passphrase-file, else \
    passphrase_command in the config's [sync], else it is asked for.\n\n\
    Example:\n  smallwins sync init ~/Sync         # on the first machine\n  \
    smallwins sync join ~/Sync         # on each other machine\n  smallwins sync\n  smallwins sync status";

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncCommand {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Start a sync folder in DIR (a folder you already sync) with this journal in it
    #[command(after_help = "Example:\n  smallwins sync init ~/Sync --passphrase-file ~/.sync-pass")]
    Init(SyncFolderArgs),
    /// Join the sync folder in DIR from this machine, as a new machine of the journal
    #[command(after_help = "Example:\n  smallwins sync join ~/Sync")]
    Join(SyncFolderArgs),
    /// Machines, when each was last heard from, changes waiting, and anything skipped and why
    #[command(after_help = "Example:\n  smallwins sync status")]
    Status,
    /// Stop syncing this journal (its records stay, and the other machines keep syncing)
    #[command(after_help = "Example:\n  smallwins sync leave")]
    Leave,
}

#[derive(Debug, clap::Args)]
pub struct SyncFolderArgs {
    /// The folder you sync (smallwins keeps its files in smallwins-sync inside it)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Read the passphrase from the first line of this file instead of asking
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// This machine's name as the others show it [default: the host name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
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

const STATUS_HELP: &str = "Prints one line like \"2 promises to mark · evening reflection open · 3 wins \
    today\", fast enough for a prompt: it only reads, creates and updates nothing, and never asks for a \
    passphrase (an encrypted journal with no passphrase file, passphrase_command or keyring entry prints \
    nothing). No journal yet prints nothing; both exit 0. A template names fields in braces: {line}, \
    {to_mark} (or {open}), {marked}, {wins}, {part} (morning or evening), {checkin} and {reflection} \
    (open or done), {day}; {{ and }} are braces.\n\n\
    Example:\n  smallwins status\n  smallwins status --format '{open} open · {wins} wins'\n  \
    smallwins status --format json";

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

const ENCRYPT_HELP: &str = "Asks for a new passphrase twice (or reads it from --passphrase-file or \
    passphrase_command), writes the journal into a new encrypted file, checks it, and puts it in the \
    journal's place; the plain file is then overwritten and removed, and every backup is encrypted \
    too. From then on smallwins asks for the passphrase when it opens the journal, unless \
    --passphrase-file, SMALLWINS_PASSPHRASE_FILE, passphrase_command or the keyring (--remember) \
    gives it. Exports stay plain.\n\n\
    Example:\n  smallwins encrypt --remember\n  smallwins encrypt --change";

const BACKUP_HELP: &str = "Automatic backups: on the first use of each day (once the journal has entries \
    and SQLite's quick check finds it sound) and before an update of the journal's format, a copy goes to the \
    backups folder beside the journal, readable only by you. The last 7 daily copies are kept, the newest copy \
    from before each update, and the last 3 from before a restore.\n\n\
    Example:\n  smallwins backup ~/journal-backup.db";

#[cfg(test)]
mod tests;
