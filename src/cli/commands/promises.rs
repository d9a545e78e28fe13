//! `promise add`, `promise list`, `promise edit`, `promise archive` and
//! `promise unarchive`.
//!
//! JSON: one promise (`list`: an array of them), each with its `number`.

use chrono::NaiveDate;
use serde::Serialize;

use super::Numbered;
use crate::cli::args::{AddArgs, EditArgs, ListArgs, PromiseArg, PromiseFields};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::with_details;
use crate::domain::{Journal, NewPromise, Promise, PromiseEdit, Schedule};

/// What is said of a promise besides its text when none is suggested by
/// the config.
const EXAMPLE: &str = "Stretch for ten seconds after my coffee";

/// One promise after `add`, `edit`, `archive` or `unarchive`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PromiseChanged {
    promise: Numbered,
    #[serde(skip)]
    change: Change,
    #[serde(skip)]
    today: NaiveDate,
}

/// What a command did to the promise.
#[derive(Clone, Copy)]
enum Change {
    Added,
    /// `changed` is false when it already read that way.
    Edited {
        changed: bool,
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
    let change = Change::Edited {
        changed: after != before,
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
        promise: Numbered::of(journal, promise)?,
        change,
        today: journal.today(),
    })
}

impl Report for PromiseChanged {
    fn text(&self) -> String {
        let Numbered { number, promise } = &self.promise;
        let text = &promise.text;
        let described = || with_details(text, &promise_details(promise, self.today));
        lines(match self.change {
            Change::Added => vec![
                format!("Added promise {number}: {}.", described()),
                format!("Mark it with `smallwins kept {number}`."),
            ],
            Change::Edited { changed: false } => vec![format!(
                "Promise {number} already reads that way, so nothing changed: {}.",
                described()
            )],
            Change::Edited { changed: true } => {
                vec![format!("Updated promise {number}: {}.", described())]
            }
            Change::Archived { was: true } => vec![format!("{text} was already archived.")],
            Change::Unarchived { was: false } => {
                vec![format!("{text} is not archived; it is promise {number}.")]
            }
            Change::Archived { was: false } => vec![format!(
                "Archived: {text}. Its history stays; bring it back with `smallwins promise unarchive {number}`."
            )],
            Change::Unarchived { was: true } => {
                vec![format!("Brought back: {text}, now promise {number}.")]
            }
        })
    }
}

/// `promise list`: the promises with their numbers.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PromiseList {
    promises: Vec<Numbered>,
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
        .enumerate()
        .map(|(i, promise)| Numbered {
            number: i + 1,
            promise,
        })
        .filter(|n| args.all || !n.promise.is_archived())
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
            .last()
            .map_or(1, |n| n.number.to_string().len());
        lines(self.promises.iter().map(|Numbered { number, promise: p }| {
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
