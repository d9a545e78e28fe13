//! Reading the record a day, a calendar range and a week at a time.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Journal;
use crate::domain::rule::{DayTally, Went, day_tally, promise_day};
use crate::domain::stats::{self, DayMark, Records, WeekSummary};
use crate::domain::{Result, day, prompts};
use crate::model::{Check, CheckIn, Due, Promise, Reflection, Schedule, Status, Win};

/// One promise as it stands on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayItem {
    /// The promise's short number, as `promise list` shows it.
    pub number: u32,
    /// The promise as it read that day: its words then (see
    /// [`Promise::as_on`]).
    pub promise: Promise,
    pub due: Due,
    pub check: Option<Check>,
    /// The target in force that day, for measures.
    pub target: Option<f64>,
    /// For an N-times-a-week promise, how its week stands.
    pub week: Option<WeekProgress>,
}

/// How far an N-times-a-week promise is in its week: "1 of 2 this week".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekProgress {
    /// Days shown up for in the week, up to today.
    pub shown: u32,
    /// Times the week asks for.
    pub asked: u32,
    /// The week is still going.
    pub open: bool,
}

impl DayItem {
    pub fn status(&self) -> Option<Status> {
        self.check.as_ref().map(|c| c.status)
    }

    /// Asked for this day (its schedule names the day) and nothing recorded.
    pub fn blank(&self) -> bool {
        self.due == Due::Yes && self.check.is_none()
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
    /// The lessons of the day before's misses, for the morning: each
    /// promise's words that day and its lesson.
    pub previous_lessons: Vec<(String, String)>,
    /// The day counted by the one rule: what it asked, what was shown up
    /// for, kept and noted missed (the same count as its calendar mark).
    pub tally: DayTally,
}

impl DayView {
    /// "I said I'd stretch and read one page — and I did." from the
    /// promises the day asked for and that were kept, or `None` if none
    /// was. A promise kept on its rest day was not said for that day.
    pub fn kept_line(&self) -> Option<String> {
        let kept: Vec<String> = self
            .items
            .iter()
            .filter(|i| i.due != Due::No && i.status() == Some(Status::Kept))
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

    /// Items the day asked for that were left blank.
    pub fn blanks(&self) -> impl Iterator<Item = &DayItem> {
        self.items.iter().filter(|i| i.blank())
    }
}

/// A promise's text inside a sentence: its first letter lower-cased when
/// it reads as a capitalised word ("Stretch", not "TV"), a final full stop
/// left out.
pub(crate) fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// "a, b and c".
pub(crate) fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The promises that count on `day`, each as it read that day with its
/// check: those in the journal that day, and any other with something
/// recorded for it. `checks` may hold other days (the week, for the
/// progress of N-times-a-week promises, up to `today`).
pub fn day_items(
    promises: &[Promise],
    checks: &[Check],
    day: NaiveDate,
    week: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Vec<DayItem> {
    promises
        .iter()
        .filter_map(|p| {
            let check = checks
                .iter()
                .find(|c| c.promise_id == p.id && c.day == day)
                .cloned();
            let pd = promise_day(p, check.as_ref(), day);
            if !pd.active() && pd.went == Went::NotRecorded {
                return None;
            }
            Some(DayItem {
                number: p.number,
                due: p.schedule.due_on(day),
                target: p.target_on(day),
                week: progress(p, checks, week, today),
                promise: p.as_on(day),
                check,
            })
        })
        .collect()
}

/// The week of an N-times-a-week promise, from `checks` of the week.
fn progress(
    p: &Promise,
    checks: &[Check],
    (start, end): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Option<WeekProgress> {
    let Schedule::TimesPerWeek { times } = p.schedule else {
        return None;
    };
    let shown = checks
        .iter()
        .filter(|c| c.promise_id == p.id && c.day >= start && c.day <= end.min(today))
        .filter(|c| c.status.showed_up())
        .count() as u32;
    let active = day::days_between(start, end)
        .filter(|d| p.active_on(*d))
        .count() as u32;
    Some(WeekProgress {
        shown,
        asked: u32::from(times).min(active.max(1)),
        open: end >= today,
    })
}

impl Journal {
    /// Everything recorded on `day`, with the promises that counted then,
    /// each as it read that day.
    pub fn day(&self, day: NaiveDate) -> Result<DayView> {
        let promises = self.promises(true)?;
        let start = self.week_start(day);
        let end = start + chrono::Duration::days(6);
        let checks = self.store.checks_between(start, end)?;
        let previous = day.pred_opt().unwrap_or(day);
        let previous_adjust = self
            .reflection_on(previous)?
            .and_then(|r| r.answers.get(prompts::ADJUST_KEY).cloned());
        let previous_lessons = (self.store.checks_between(previous, previous)?.into_iter())
            .filter(|c| previous < day && c.status == Status::Missed)
            .filter_map(|c| {
                let promise = promises.iter().find(|p| p.id == c.promise_id)?;
                Some((promise.text_on(previous).to_string(), c.lesson?))
            })
            .collect();
        let on_day: Vec<&Check> = checks.iter().filter(|c| c.day == day).collect();
        Ok(DayView {
            day,
            tally: day_tally(&promises, &on_day, day),
            items: day_items(&promises, &checks, day, (start, end), self.today()),
            wins: self.store.wins_between(day, day)?,
            checkin: self.checkin_on(day)?,
            reflection: self.reflection_on(day)?,
            previous_adjust,
            previous_lessons,
        })
    }

    /// One mark per day from `from` to `to`, for the calendar grid. Reads
    /// the range with two queries.
    pub fn marks(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, DayMark)>> {
        let promises = self.promises(true)?;
        let checks = self.store.checks_between(from, to)?;
        Ok(stats::marks(&promises, &checks, from, to, self.today()))
    }

    /// The first day of the record: the day the first promise was added
    /// (archived ones too), or the first day with a check or a win if that
    /// is earlier; `None` for an empty journal. Days before it are not part
    /// of the record.
    pub fn first_day(&self) -> Result<Option<NaiveDate>> {
        let added = self.promises(true)?.iter().map(|p| p.created_on).min();
        let recorded = self.store.first_record_day(self.today())?;
        Ok(added.into_iter().chain(recorded).min())
    }

    /// Counts of wins per day in a range (days without a win left out).
    pub fn win_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, usize>> {
        Ok(self
            .store
            .win_counts_between(from, to)?
            .into_iter()
            .collect())
    }

    /// The week (seven days) that starts on `week_start`.
    pub fn week(&self, week_start: NaiveDate) -> Result<WeekSummary> {
        self.summary_of(
            week_start,
            week_start + chrono::Duration::days(6),
            week_start,
        )
    }

    /// The days from `from` to `to` inside one week (the part of a week an
    /// export covers, say): every count covers exactly those days.
    pub fn span(&self, from: NaiveDate, to: NaiveDate) -> Result<WeekSummary> {
        let start = self.week_start(from);
        self.summary_of(from, to.min(start + chrono::Duration::days(6)), start)
    }

    /// The days from `from` to `to`, with the marks of the seven days from
    /// `marks_from`.
    fn summary_of(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        marks_from: NaiveDate,
    ) -> Result<WeekSummary> {
        let promises = self.promises(true)?;
        let marks_to = marks_from + chrono::Duration::days(6);
        let records = Records {
            promises: &promises,
            checks: &self
                .store
                .checks_between(from.min(marks_from), to.max(marks_to))?,
            wins: &self.store.wins_between(from, to)?,
            checkins: &self.store.checkins_between(from, to)?,
            reflections: &self.store.reflections_between(from, to)?,
        };
        let mut summary = stats::span_summary(&records, from, to, self.today());
        summary.days = stats::marks(
            &promises,
            records.checks,
            marks_from,
            marks_to,
            self.today(),
        );
        Ok(summary)
    }

    /// The first day of the week containing `day`.
    pub fn week_start(&self, day: NaiveDate) -> NaiveDate {
        day::week_start(day, self.config.week_starts_on)
    }
}
