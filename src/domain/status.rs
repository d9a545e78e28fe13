//! A status line for a shell prompt or a status bar: what is left today,
//! in a few kind words ("2 promises to mark · evening reflection open · 3
//! wins today"). It reads only the day's records (`store::day_records`),
//! never the whole journal, and asks [`promise_day`] what the day asks of
//! each promise, as every other count does.
//!
//! May use: `store` and `model`.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::day::{is_evening, journal_day, week_start};
use super::rule::{Asked, promise_day};
use super::words::count;
use crate::model::{Config, Schedule};
use crate::store::{self, DayRecords, Key};

/// What is left today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayStatus {
    /// The journal's today, by the day boundary rule.
    pub day: NaiveDate,
    /// `morning` or `evening` (from `evening_from` until the day boundary).
    pub part: &'static str,
    /// Promises asking today and not marked yet: those scheduled today,
    /// and N-times-a-week ones with times still to go this week.
    pub to_mark: u32,
    /// Promises marked today (kept, partly, smaller or missed).
    pub marked: u32,
    /// Today's wins.
    pub wins: u32,
    /// Whether today's morning check-in is written.
    pub checkin_done: bool,
    /// Whether today's evening reflection is written.
    pub reflection_done: bool,
}

/// Today's status from the journal at `path`, unlocked with `key`, at
/// `now`, with the day boundary, evening hour and week start of `config`.
pub fn read(
    path: &Path,
    key: &Key,
    now: NaiveDateTime,
    config: &Config,
) -> store::Result<DayStatus> {
    let day = journal_day(now, config.day_starts_at);
    let records = store::day_records(path, key, week_start(day, config.week_starts_on), day)?;
    let evening = is_evening(now, config.day_starts_at, config.evening_from);
    Ok(status_of(&records, day, evening))
}

/// Counts `records` for `day`.
pub fn status_of(records: &DayRecords, day: NaiveDate, evening: bool) -> DayStatus {
    let mut status = DayStatus {
        day,
        part: if evening { "evening" } else { "morning" },
        to_mark: 0,
        marked: 0,
        wins: records.wins,
        checkin_done: records.checkin,
        reflection_done: records.reflection,
    };
    for promise in &records.promises {
        let mine = records.checks.iter().filter(|c| c.promise_id == promise.id);
        let today = mine.clone().find(|c| c.day == day);
        if today.is_some() {
            status.marked += 1;
            continue;
        }
        let asks = match (promise_day(promise, None, day).asked, &promise.schedule) {
            (Asked::Scheduled, _) => true,
            (Asked::Flexible, Schedule::TimesPerWeek { times }) => {
                let shown = mine
                    .filter(|c| promise_day(promise, Some(*c), c.day).showed_up())
                    .count();
                shown < usize::from(*times)
            }
            _ => false,
        };
        status.to_mark += u32::from(asks);
    }
    status
}

impl DayStatus {
    /// Whether the part of the day now showing (the morning check-in or
    /// the evening reflection) is still to write.
    pub fn pane_open(&self) -> bool {
        if self.part == "evening" {
            !self.reflection_done
        } else {
            !self.checkin_done
        }
    }

    /// The line itself: "2 promises to mark · evening reflection open · 3
    /// wins today"; "nothing left open today" when there is nothing to say.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if self.to_mark > 0 {
            parts.push(format!(
                "{} to mark",
                count(self.to_mark, "promise", "promises")
            ));
        } else if self.marked > 0 {
            parts.push("every promise marked".to_string());
        }
        if self.pane_open() {
            parts.push(format!(
                "{} open",
                if self.part == "evening" {
                    "evening reflection"
                } else {
                    "morning check-in"
                }
            ));
        }
        if self.wins > 0 {
            parts.push(format!("{} today", count(self.wins, "win", "wins")));
        }
        if parts.is_empty() {
            return "nothing left open today".to_string();
        }
        parts.join(" · ")
    }
}
