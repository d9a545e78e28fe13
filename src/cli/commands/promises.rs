//! `promise add`, `promise list`, `promise edit` (from a day on),
//! `promise archive` and `promise unarchive`.
//!
//! JSON: one promise (`list`: an array of them), each with its `number`
//! (which never changes) and, once reworded, its `versions`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::{AddArgs, EditArgs, ListArgs, PromiseArg, PromiseFields};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{short_day, with_details};
use crate::domain::{Journal, NewPromise, Promise, PromiseEdit, Schedule};

/// What is said of a promise besides its text when none is suggested by
/// the config.
const EXAMPLE: &str = "Stretch for ten seconds after my coffee";

/// One promise after `add`, `edit`, `archive` or `unarchive`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PromiseChanged {
    promise: Promise,
    #[serde(skip)]
    change: Change,
    #[serde(skip)]
    today: NaiveDate,
}

/// What a command did to the promise.
#[derive(Clone, Copy)]
enum Change {
    Added,
    /// `changed` is false when it already read that way; `from` is the
    /// first day of the change.
    Edited {
        changed: bool,
        from: NaiveDate,
    },
    /// `was` is whether it was archived before.
    Archived {
        was: bool,
    },
    Unarchived {
        was: bool,
    },
}

/// The promise fields as the domain takes them, read from the options.
struct Fields {
    cue: Option<String>,
    smaller: Option<String>,
    area: Option<String>,
    schedule: Option<Schedule>,
    target: Option<f64>,
    unit: Option<String>,
}

impl Fields {
    fn parse(args: PromiseFields) -> Result<Fields> {
        Ok(Fields {
            schedule: parse::schedule(&args.schedule)?,
            target: parse::amount(args.target.as_deref(), "target")?,
            cue: args.cue,
            smaller: args.smaller,
            area: args.area,
            unit: args.unit,
        })
    }
}

/// `promise add`.
pub fn add(journal: &mut Journal, args: AddArgs) -> Result<PromiseChanged> {
    let f = Fields::parse(args.fields)?;
    let promise = journal.add_promise(NewPromise {
        text: args.text.join(" "),
        cue: f.cue,
        smaller: f.smaller,
        area: f.area,
        schedule: f.schedule,
        target: f.target,
        unit: f.unit,
    })?;
    changed(journal, promise, Change::Added)
}

/// `promise edit`.
pub fn edit(journal: &mut Journal, args: EditArgs) -> Result<PromiseChanged> {
    let before = journal.find_promise(&args.promise)?;
    let f = Fields::parse(args.fields)?;
    let edit = PromiseEdit {
        text: args.text,
        cue: f.cue,
        smaller: f.smaller,
        area: f.area,
        schedule: f.schedule,
        target: f.target,
        unit: f.unit,
    };
    if !edit.versioned() && edit.area.is_none() && edit.schedule.is_none() && edit.unit.is_none() {
        return Err(CliError::Input(
            "Nothing to change was given; add one of --text, --cue, --smaller, --area, --target, --unit, --days, --times-per-week or --daily.".into(),
        ));
    }
    if args.from.is_some() && !edit.versioned() {
        return Err(CliError::Input(
            "--from goes with --text, --cue, --smaller or --target; a schedule, area or unit belongs to the whole promise.".into(),
        ));
    }
    let from = match &args.from {
        Some(day) => journal.parse_day(day)?,
        None => journal.today(),
    };
    let after = journal.edit_promise_from(&before.id, edit, from)?;
    let change = Change::Edited {
        changed: after != before,
        from,
    };
    changed(journal, after, change)
}

/// `promise archive` (`archive` true) and `promise unarchive`.
pub fn archive(journal: &mut Journal, args: &PromiseArg, archive: bool) -> Result<PromiseChanged> {
    let before = journal.find_promise(&args.promise)?;
    let was = before.is_archived();
    let (after, change) = if archive {
        (
            journal.archive_promise(&before.id)?,
            Change::Archived { was },
        )
    } else {
        (
            journal.unarchive_promise(&before.id)?,
            Change::Unarchived { was },
        )
    };
    changed(journal, after, change)
}

fn changed(journal: &Journal, promise: Promise, change: Change) -> Result<PromiseChanged> {
    Ok(PromiseChanged {
        promise,
        change,
        today: journal.today(),
    })
}

impl Report for PromiseChanged {
    fn text(&self) -> String {
        let promise = &self.promise;
        let number = promise.number;
        let text = &promise.text;
        let described = || with_details(text, &promise_details(promise, self.today));
        lines(match self.change {
            Change::Added => vec![
                format!("Added promise {number}: {}.", described()),
                format!("Mark it with `smallwins kept {number}`."),
            ],
            Change::Edited { changed: false, .. } => vec![format!(
                "Promise {number} already reads that way, so nothing changed: {}.",
                described()
            )],
            Change::Edited {
                changed: true,
                from,
            } => {
                let mut out = vec![format!("Updated promise {number}: {}.", described())];
                if from > promise.created_on {
                    out.push(format!(
                        "In force from {}; the days before keep what was promised then.",
                        short_day(from, self.today)
                    ));
                }
                out
            }
            Change::Archived { was: true } => vec![format!("{text} was already archived.")],
            Change::Unarchived { was: false } => {
                vec![format!("{text} is not archived; it is promise {number}.")]
            }
            Change::Archived { was: false } => vec![format!(
                "Archived: {text}. Its history stays; bring it back with `smallwins promise unarchive {number}`."
            )],
            Change::Unarchived { was: true } => {
                vec![format!(
                    "Brought back: {text}, promise {number}, in its old place."
                )]
            }
        })
    }
}

/// `promise list`: the promises with their numbers.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PromiseList {
    promises: Vec<Promise>,
    /// What to say when the list is empty.
    #[serde(skip)]
    empty: Empty,
    #[serde(skip)]
    today: NaiveDate,
}

enum Empty {
    /// Nothing to list at all: start with one, like the example.
    NoneYet { example: String },
    /// Only archived promises, and `--all` was not given.
    AllArchived,
}

/// `promise list`.
pub fn list(journal: &Journal, args: &ListArgs) -> Result<PromiseList> {
    let all = journal.promises(true)?;
    let empty = if args.all || all.is_empty() {
        let example = journal.config().prompts.examples.first();
        Empty::NoneYet {
            example: example.map_or(EXAMPLE, String::as_str).to_string(),
        }
    } else {
        Empty::AllArchived
    };
    let promises = all
        .into_iter()
        .filter(|p| args.all || !p.is_archived())
        .collect();
    Ok(PromiseList {
        promises,
        empty,
        today: journal.today(),
    })
}

impl Report for PromiseList {
    fn text(&self) -> String {
        if self.promises.is_empty() {
            return lines([match &self.empty {
                Empty::NoneYet { example } => format!(
                    "No promises yet; start with one small enough for a bad day, like `smallwins promise add \"{example}\"`."
                ),
                Empty::AllArchived => {
                    "Every promise is archived; `smallwins promise list --all` shows them.".into()
                }
            }]);
        }
        let width = self
            .promises
            .iter()
            .map(|p| p.number.to_string().len())
            .max()
            .unwrap_or(1);
        lines(self.promises.iter().map(|p| {
            let number = p.number;
            let mut details = promise_details(p, self.today);
            if let Some(area) = &p.area {
                details.push(format!("area: {area}"));
            }
            let text = if p.is_archived() {
                format!("{} (archived)", p.text)
            } else {
                p.text.clone()
            };
            format!("{number:>width$}  {}", with_details(&text, &details))
        }))
    }
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
