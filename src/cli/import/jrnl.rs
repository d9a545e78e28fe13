//! jrnl's `--export json` (shared/FORMATS.md, section 4): entries with a
//! title, a body, a date and a time.
//!
//! - An entry of up to [`WIN_LEN`] characters becomes a win on its day,
//!   noted at its time.
//! - A longer one is a reflection: the day's long entries, oldest first,
//!   become the reflection's answer `jrnl`. A day that already has a
//!   reflection keeps it, with that answer added.
//! - The day follows the journal's day boundary: an entry at 01:30 belongs
//!   to the evening before, as anything written then in smallwins does.
//! - Tags stay in the text; stars have no place in smallwins.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::{Dest, Plan, day_fits, read_file, stable_id, text_of};
use crate::cli::error::{CliError, Result};
use crate::domain::day::journal_day;
use crate::domain::model::{Reflection, Win};

const FORMAT: &str = "jrnl";
/// The longest entry that becomes a win; a win is a few words.
pub const WIN_LEN: usize = 280;
/// The reflection answer long entries go to.
pub const ANSWER_KEY: &str = "jrnl";

#[derive(Deserialize)]
struct Export {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    starred: bool,
}

impl Entry {
    /// The entry's words: the title, and the body after it (on the same
    /// line when the title is a sentence of a one-line entry).
    fn text(&self) -> String {
        let (title, body) = (self.title.trim(), self.body.trim());
        match (title.is_empty(), body.is_empty()) {
            (_, true) => title.to_string(),
            (true, false) => body.to_string(),
            _ if title.ends_with(['.', '!', '?']) && !body.contains('\n') => {
                format!("{title} {body}")
            }
            _ => format!("{title}\n{body}"),
        }
    }

    fn moment(&self) -> Option<NaiveDateTime> {
        let day = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok()?;
        let time = NaiveTime::parse_from_str(self.time.trim(), "%H:%M").unwrap_or(NaiveTime::MIN);
        Some(day.and_time(time))
    }
}

pub fn read(path: &Path, into: &Dest<'_>) -> Result<Plan> {
    let text = text_of(
        read_file(path, "the file `jrnl --export json` wrote")?,
        path,
    )?;
    let export: Export = serde_json::from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "{} is not a jrnl JSON export ({}); make one with `jrnl --export json --file FILE`.",
            path.display(),
            e.to_string()
                .split(" at line")
                .next()
                .unwrap_or("")
                .replace('`', "\"")
        ))
    })?;
    let mut plan = Plan::default();
    let day_starts_at = into.journal.config().day_starts_at;
    let mut long: BTreeMap<NaiveDate, Vec<(NaiveDateTime, String)>> = BTreeMap::new();
    for entry in &export.entries {
        let Some(moment) = entry.moment() else {
            plan.left_out
                .add("entry without a YYYY-MM-DD date|entries without a YYYY-MM-DD date");
            continue;
        };
        let text = entry.text();
        if text.is_empty() {
            plan.left_out.add("empty entry|empty entries");
            continue;
        }
        let day = journal_day(moment, day_starts_at);
        if !day_fits(day, into, &mut plan.left_out) {
            continue;
        }
        if entry.starred {
            plan.left_out.add("star (the starred entries came over; smallwins has no stars)|stars (the starred entries came over; smallwins has no stars)");
        }
        if text.chars().count() > WIN_LEN {
            long.entry(day).or_default().push((moment, text));
            continue;
        }
        let stamp = moment.to_string();
        plan.wins.push(Win {
            id: stable_id(FORMAT, &["win", &stamp, &entry.title, &entry.body]),
            day,
            text,
            area: None,
            created_at: moment,
            private: false,
        });
    }
    for (day, entries) in long {
        if let Some(r) = reflection(day, &entries, into)? {
            plan.reflections.push(r);
        }
    }
    Ok(plan)
}

/// The day's reflection with the long entries as its `jrnl` answer, or
/// `None` when the journal already holds exactly that.
fn reflection(
    day: NaiveDate,
    entries: &[(NaiveDateTime, String)],
    into: &Dest<'_>,
) -> Result<Option<Reflection>> {
    let answer = entries
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let latest = entries.iter().map(|(at, _)| *at).max().unwrap_or_default();
    let existing = into.journal.day(day)?.reflection;
    Ok(match existing {
        // Already imported (or written so): nothing new.
        Some(r) if r.answers.get(ANSWER_KEY) == Some(&answer) => None,
        // Keep what was written in smallwins, and add the entries.
        Some(mut r) => {
            r.answers.insert(ANSWER_KEY.into(), answer);
            r.updated_at = into
                .journal
                .stamp()
                .max(r.updated_at + chrono::Duration::seconds(1));
            Some(r)
        }
        None => Some(Reflection {
            id: stable_id(FORMAT, &["reflection", &day.to_string()]),
            day,
            answers: BTreeMap::from([(ANSWER_KEY.to_string(), answer)]),
            mood: None,
            confidence: None,
            updated_at: latest,
        }),
    })
}
