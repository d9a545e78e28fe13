//! One promise's whole story, for its page and `smallwins promise show`:
//! its words over time, its weeks (each day's cell, the week's kept rate
//! and its strength at the week's end), its runs of showing up, its
//! totals, its notes and lessons, and the decisions taken about it.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};
use serde::Serialize;

use super::{DayCell, promise_week};
use crate::domain::evidence::{self, PromiseEvidence, Slot};
use crate::domain::journal::Journal;
use crate::domain::stats::PromiseWeek;
use crate::domain::{Result, day};
use crate::model::{Check, Glyph, Promise, Schedule, Status};

/// One promise's story as of today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub promise: Promise,
    pub today: NaiveDate,
    /// Its words over time, oldest first; the last is how it reads now.
    pub wordings: Vec<Wording>,
    /// A measured promise's targets over time, oldest first.
    pub targets: Vec<TargetSpan>,
    /// The weeks shown, oldest first, from its first week at the earliest.
    pub weeks: Vec<StoryWeek>,
    /// Its strength and rates today: the evidence's own figures.
    pub now: PromiseEvidence,
    pub runs: Runs,
    pub tally: Tally,
    /// Days with a note or a lesson, newest first.
    pub notes: Vec<Check>,
    /// The decisions taken about it, oldest first.
    pub decisions: Vec<Decided>,
}

/// What a promise said from a day on, until the next wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    pub from: NaiveDate,
    /// The last day it read this way; `None` for how it reads now.
    pub until: Option<NaiveDate>,
    pub text: String,
    pub cue: Option<String>,
    pub smaller: Option<String>,
}

/// A measured promise's target from a day on, until the next one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSpan {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub amount: f64,
}

/// One week of a promise's story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryWeek {
    pub start: NaiveDate,
    /// Each day of the week up to today.
    pub days: Vec<DayCell>,
    /// What the week asked so far, and how much of it was shown up for,
    /// as the review counts the week.
    pub asked: u32,
    pub shown: u32,
    /// `shown` over `asked`; `None` when the week asked nothing (yet).
    pub rate: Option<f64>,
    /// Its strength as of the week's last day (today for this week), as
    /// the review shows it for that week.
    pub strength: f64,
    /// The week as the review counts it, for its words.
    #[serde(skip)]
    pub count: Option<PromiseWeek>,
}

impl StoryWeek {
    /// The glyph of the week's `index`th day: its cell's; for a day still
    /// ahead, "not yet" while `promise` is kept and nothing once it is
    /// archived by then; `None` also from the day it was archived on.
    pub fn glyph(&self, index: usize, promise: &Promise, today: NaiveDate) -> Option<Glyph> {
        let day = self.start + chrono::Duration::days(index as i64);
        match self.days.get(index) {
            Some(cell) => cell.glyph(),
            None if day > today && promise.archived_on.is_none_or(|a| day < a) => {
                Some(Glyph::NotYet)
            }
            None => None,
        }
    }
}

/// Runs of showing up: times asked in a row that were shown up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Runs {
    pub longest: u32,
    /// The run that reaches the last time asked (today once it is marked).
    pub current: u32,
    /// Whether the runs count days (an every-day promise) or times asked.
    pub in_days: bool,
}

/// Every time the promise asked, since its first day, in the three states,
/// and what showing up was made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Times it asked: scheduled days (today once marked), or N a week.
    pub asked: u32,
    /// Of those, shown up for (kept, partly kept, the smaller version).
    pub shown: u32,
    pub kept: u32,
    pub partly: u32,
    pub smaller: u32,
    /// Of those, noted as missed.
    pub missed: u32,
    /// Of those, left blank.
    pub not_recorded: u32,
    /// Days shown up for beyond what it asked (a rest day, an N+1th time).
    pub extra: u32,
}

/// A decision taken about the promise (in a weekly review), or its
/// archiving, with the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    pub on: NaiveDate,
    pub accepted: bool,
    /// The decision as a sentence.
    pub words: String,
}

impl Journal {
    /// The story of the promise `promise_id`, with its last `weeks` weeks
    /// (never before its first week). Reads the promise's own checks and
    /// the weekly reviews since it began.
    pub fn story(&self, promise_id: &str, weeks: u32) -> Result<Story> {
        let promise = self.promise(promise_id)?;
        let today = self.today();
        let ws = self.config().week_starts_on;
        let checks = self.store.checks_of(&promise.id, day::FIRST_DAY, today)?;
        let refs: Vec<&Check> = checks.iter().collect();
        let by_day: HashMap<NaiveDate, &Check> = checks.iter().map(|c| (c.day, c)).collect();
        let slots = evidence::slots(&promise, &refs, today, ws);
        let first_week = self.week_start(promise.created_on.min(today));
        // An archived promise's story ends with its last day.
        let last_day = (promise.archived_on)
            .and_then(|a| a.pred_opt())
            .map_or(today, |d| d.min(today));
        let last_week = self.week_start(last_day).max(first_week);
        let window = last_week - chrono::Duration::weeks(i64::from(weeks.max(1)) - 1);
        let starts: Vec<NaiveDate> = std::iter::successors(Some(window.max(first_week)), |s| {
            Some(*s + chrono::Duration::weeks(1)).filter(|n| *n <= last_week)
        })
        .collect();
        let reviews = self.store.reviews_between(
            promise.created_on.min(today) - chrono::Duration::days(6),
            today,
        )?;
        Ok(Story {
            wordings: wordings(&promise),
            targets: targets(&promise),
            weeks: starts
                .iter()
                .zip(week_strengths(&promise, &refs, &starts, today, ws))
                .map(|(s, strength)| story_week(&promise, (&refs, &by_day), *s, today, strength))
                .collect(),
            now: evidence::promise_evidence(&promise, &refs, today, ws),
            runs: runs(&promise, &slots),
            tally: tally(&slots, &checks),
            notes: checks
                .iter()
                .rev()
                .filter(|c| c.note.is_some() || c.lesson.is_some())
                .cloned()
                .collect(),
            decisions: decisions(&promise, reviews.iter().flat_map(|r| &r.decisions)),
            promise,
            today,
        })
    }
}

/// The week starting `start`: its days, its count, and `strength`, its
/// strength as of its last day.
fn story_week(
    promise: &Promise,
    (checks, by_day): (&[&Check], &HashMap<NaiveDate, &Check>),
    start: NaiveDate,
    today: NaiveDate,
    strength: f64,
) -> StoryWeek {
    let upto = (start + chrono::Duration::days(6)).min(today);
    let days = day::days_between(start, upto)
        .map(|d| DayCell::of(promise, by_day.get(&d).copied(), d))
        .collect();
    let in_week: Vec<Check> = within(checks, start, upto)
        .iter()
        .map(|c| (*c).clone())
        .collect();
    let count = promise_week(promise, &in_week, start, today);
    StoryWeek {
        start,
        days,
        asked: count.as_ref().map_or(0, PromiseWeek::due_so_far),
        shown: count.as_ref().map_or(0, |w| w.shown.min(w.due_so_far())),
        rate: count.as_ref().and_then(PromiseWeek::showed_up_rate),
        strength,
        count,
    }
}

/// The checks from `from` to `to` among `checks`, which are in day order.
fn within<'c>(checks: &'c [&'c Check], from: NaiveDate, to: NaiveDate) -> &'c [&'c Check] {
    let lo = checks.partition_point(|c| c.day < from);
    let hi = checks.partition_point(|c| c.day <= to);
    &checks[lo..hi.max(lo)]
}

/// The strength of each week starting from `starts` (consecutive weeks) as
/// of its last day (today for this week), in one pass: what
/// [`evidence::promise_evidence`] gives as of that day, gone on from the
/// strength the weeks before it settled at, step for step the same sum.
/// `checks` are the promise's own, in day order.
fn week_strengths(
    promise: &Promise,
    checks: &[&Check],
    starts: &[NaiveDate],
    today: NaiveDate,
    ws: Weekday,
) -> Vec<f64> {
    let f = evidence::frequency(&promise.schedule);
    // The slots of the days from `from` to `to` as they stand on `asof`.
    let slots = |from: NaiveDate, to: NaiveDate, asof: NaiveDate| {
        evidence::slots_in(promise, within(checks, from, to), (from, to), asof, ws)
    };
    let Some(first) = starts.first().copied() else {
        return Vec::new();
    };
    // Every day before the first week shown is over by then.
    let mut settled = match first.pred_opt() {
        Some(before) => evidence::strength(&slots(day::FIRST_DAY, before, first), f),
        None => 0.0,
    };
    starts
        .iter()
        .map(|&start| {
            let end = start + chrono::Duration::days(6);
            let upto = end.min(today);
            let strength = evidence::strength_from(settled, &slots(start, upto, upto), f);
            // As the weeks after see it: every day of it over.
            let after = end + chrono::Duration::days(1);
            settled = evidence::strength_from(settled, &slots(start, end, after), f);
            strength
        })
        .collect()
}

/// Its words over time: each version with the days it was in force, or
/// its one wording when it was never reworded.
fn wordings(p: &Promise) -> Vec<Wording> {
    if p.versions.is_empty() {
        return vec![Wording {
            from: p.created_on,
            until: None,
            text: p.text.clone(),
            cue: p.cue.clone(),
            smaller: p.smaller.clone(),
        }];
    }
    let mut versions = p.versions.clone();
    versions.sort_by_key(|v| v.from);
    let nexts: Vec<Option<NaiveDate>> = versions
        .iter()
        .skip(1)
        .map(|v| v.from.pred_opt())
        .chain([None])
        .collect();
    versions
        .into_iter()
        .zip(nexts)
        .enumerate()
        .map(|(i, (v, until))| Wording {
            from: if i == 0 {
                v.from.min(p.created_on)
            } else {
                v.from
            },
            until,
            text: v.text,
            cue: v.cue,
            smaller: v.smaller,
        })
        .collect()
}

/// A measured promise's targets with the days each was in force.
fn targets(p: &Promise) -> Vec<TargetSpan> {
    let mut targets = p.targets.clone();
    targets.sort_by_key(|t| t.from);
    let nexts: Vec<Option<NaiveDate>> = targets
        .iter()
        .skip(1)
        .map(|t| t.from.pred_opt())
        .chain([None])
        .collect();
    targets
        .iter()
        .zip(nexts)
        .enumerate()
        .map(|(i, (t, until))| TargetSpan {
            from: if i == 0 {
                t.from.min(p.created_on)
            } else {
                t.from
            },
            until,
            amount: t.amount,
        })
        .collect()
}

/// The longest run of times asked in a row that were shown up for, and the
/// one that reaches the last time asked.
fn runs(p: &Promise, slots: &[Slot]) -> Runs {
    let (mut longest, mut run) = (0, 0);
    for s in slots {
        run = if s.shown { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    Runs {
        longest,
        current: run,
        in_days: p.schedule == Schedule::Daily,
    }
}

/// Every time asked in the three states; what showing up was made of; and
/// the days shown up for beyond what was asked.
fn tally(slots: &[Slot], checks: &[Check]) -> Tally {
    let status: HashMap<NaiveDate, Status> = checks.iter().map(|c| (c.day, c.status)).collect();
    let mut t = Tally {
        asked: slots.len() as u32,
        ..Tally::default()
    };
    for s in slots {
        if s.shown {
            t.shown += 1;
            match status.get(&s.day) {
                Some(Status::Partial) => t.partly += 1,
                Some(Status::Smaller) => t.smaller += 1,
                _ => t.kept += 1,
            }
        } else if s.missed {
            t.missed += 1;
        } else {
            t.not_recorded += 1;
        }
    }
    let shown_days = checks.iter().filter(|c| c.status.showed_up()).count() as u32;
    t.extra = shown_days.saturating_sub(t.shown);
    t
}

/// The review decisions about `p` (their keys end with its id), and its
/// archiving, by date.
fn decisions<'a>(
    p: &Promise,
    all: impl Iterator<Item = &'a crate::model::Decision>,
) -> Vec<Decided> {
    let mut out: Vec<Decided> = all
        .filter(|d| d.key.rsplit_once(':').is_some_and(|(_, id)| id == p.id))
        .map(|d| Decided {
            on: d.on,
            accepted: d.accepted,
            words: d.words(),
        })
        .collect();
    if let Some(on) = p.archived_on {
        out.push(Decided {
            on,
            accepted: true,
            words: "Archived; its history stays.".into(),
        });
    }
    out.sort_by_key(|d| d.on);
    out
}
