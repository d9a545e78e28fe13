//! The arguments of what is recorded: promises, marks, wins, check-ins,
//! reflections and days.

use clap::{Args, Subcommand};

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
