//! The arguments of what reads or writes whole files and screens: export,
//! import, review, share, status, search, completions, man, backups, show and demo.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::*;
use crate::model::ShareExtra;

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
    #[arg(long, value_name = "LIST", value_parser = IncludeList, hide_possible_values = true)]
    pub include: Option<String>,
    /// Copy the message to the clipboard through the terminal (OSC 52) instead of printing it
    #[arg(long)]
    pub copy: bool,
    /// Write the message to this new file (readable only by you) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// text, json, or a template like '{open} open · {wins} wins' (fields under --help) [default: text]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
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
pub struct ManArgs {
    /// The command whose page to print, like `win delete` [default: smallwins itself]
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    pub command: Vec<String>,
    /// Write every page into this folder (made if missing), one file per command
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
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
pub struct EncryptArgs {
    /// Change the passphrase of an encrypted journal (asks for the old one, then the new one twice)
    #[arg(long)]
    pub change: bool,
    /// Keep the passphrase in the system keyring, so smallwins need not ask for it
    #[arg(long)]
    pub remember: bool,
    /// With --change: a file whose first line is the new passphrase, instead of typing it twice
    #[arg(long, value_name = "PATH", requires = "change")]
    pub new_passphrase_file: Option<PathBuf>,
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

/// `share --include`: the list as typed (the command reads it, naming a
/// wrong word), with each name it takes offered to completion scripts.
#[derive(Debug, Clone, Copy)]
pub struct IncludeList;

impl clap::builder::TypedValueParser for IncludeList {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let names = ShareExtra::ALL.iter().map(|e| e.name()).chain(["none"]);
        Some(Box::new(names.map(clap::builder::PossibleValue::new)))
    }
}

/// The name a value has on the command line, like `markdown`: the one
/// JSON reports use too, so the two never drift apart.
pub fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}
