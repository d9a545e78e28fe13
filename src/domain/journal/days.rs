//! Reading the record a day, a calendar range and a week at a time.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Journal;
use crate::domain::rule::{Went, promise_day};
use crate::domain::stats::{self, DayMark, WeekSummary};
use crate::domain::{Result, day, prompts};
use crate::model::{Check, CheckIn, Due, Promise, Reflection, Status, Win};

/// One promise as it stands on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayItem {
    /// The short number `promise list` shows.
    pub number: usize,
    pub promise: Promise,
    pub due: Due,
    pub check: Option<Check>,
    /// The target in force that day, for measures.
    pub target: Option<f64>,
}

impl DayItem {
    pub fn status(&self) -> Option<Status> {
        self.check.as_ref().map(|c| c.status)
    }
}

/// Everything recorded on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayView {
    pub day: NaiveDate,
    pub items: Vec<DayItem>,
    pub wins: Vec<Win>,
    pub checkin: Option<CheckIn>,
    pub reflection: Option<Reflection>,
    /// The day before's "what would you adjust" answer, for the morning.
    pub previous_adjust: Option<String>,
}

impl DayView {
    /// "I said I'd stretch and read one page — and I did." from the kept
    /// promises, or `None` if none was kept.
    pub fn kept_line(&self) -> Option<String> {
        let kept: Vec<String> = self
            .items
            .iter()
            .filter(|i| i.status() == Some(Status::Kept))
            .map(|i| lower_first(&i.promise.text))
            .collect();
        if kept.is_empty() {
            return None;
        }
        Some(format!("I said I'd {} — and I did.", join_and(&kept)))
    }

    /// Items that ask for something today (scheduled or flexible).
    pub fn due_items(&self) -> impl Iterator<Item = &DayItem> {
        self.items.iter().filter(|i| i.due != Due::No)
    }
}

fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The promises that count on `day`, each with its check: those in the
/// journal that day, and any other with something recorded for it.
pub fn day_items(promises: &[Promise], checks: &[Check], day: NaiveDate) -> Vec<DayItem> {
    promises
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let check = checks
                .iter()
                .find(|c| c.promise_id == p.id && c.day == day)
                .cloned();
            let pd = promise_day(p, check.as_ref(), day);
            if !pd.active() && pd.went == Went::NotRecorded {
                return None;
            }
            Some(DayItem {
                number: i + 1,
                due: p.schedule.due_on(day),
                target: p.target_on(day),
                promise: p.clone(),
                check,
            })
        })
        .collect()
}

impl Journal {
    /// Everything recorded on `day`, with the promises that counted then.
    pub fn day(&self, day: NaiveDate) -> Result<DayView> {
        let promises = self.promises(true)?;
        let checks = self.store.checks_between(day, day)?;
        let previous = day.pred_opt().unwrap_or(day);
        let previous_adjust = self
            .reflection_on(previous)?
            .and_then(|r| r.answers.get(prompts::ADJUST_KEY).cloned());
        Ok(DayView {
            day,
            items: day_items(&promises, &checks, day),
            wins: self.store.wins_between(day, day)?,
            checkin: self.checkin_on(day)?,
            reflection: self.reflection_on(day)?,
            previous_adjust,
        })
    }

    /// One mark per day from `from` to `to`, for the calendar grid. Reads
    /// the range with two queries.
    pub fn marks(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, DayMark)>> {
        let promises = self.promises(true)?;
        let checks = self.store.checks_between(from, to)?;
        Ok(stats::marks(&promises, &checks, from, to, self.today()))
    }

    /// Counts of wins per day in a range.
    pub fn win_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, usize>> {
        let mut counts = BTreeMap::new();
        for w in self.store.wins_between(from, to)? {
            *counts.entry(w.day).or_insert(0) += 1;
        }
        Ok(counts)
    }

    /// The week that starts on `week_start`.
    pub fn week(&self, week_start: NaiveDate) -> Result<WeekSummary> {
        let end = week_start + chrono::Duration::days(6);
        let promises = self.promises(true)?;
        Ok(stats::week_summary(
            &promises,
            &self.store.checks_between(week_start, end)?,
            &self.store.wins_between(week_start, end)?,
            &self.store.checkins_between(week_start, end)?,
            &self.store.reflections_between(week_start, end)?,
            week_start,
            self.today(),
        ))
    }

    /// The first day of the week containing `day`.
    pub fn week_start(&self, day: NaiveDate) -> NaiveDate {
        day::week_start(day, self.config.week_starts_on)
    }
}
