//! The evidence as of today, the weekly review of any week, weekly answers,
//! and the evidence shown on a hard evening.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::Journal;
use super::entries::set_answer;
use super::evidence::Window;
use crate::domain::Result;
use crate::domain::evidence::{
    self, PromiseEvidence, SelfTrust, Since, Suggestion, WeekPoint, WeeksTogether,
};
use crate::domain::stats::{self, WeekSummary};
use crate::domain::undo::Change;
use crate::model::{Decision, Review, Status, Win, identity};

/// Weeks shown side by side in trends.
pub const TREND_WEEKS: i64 = 12;

/// The evidence as of today.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    pub totals: evidence::Totals,
    pub promises: Vec<PromiseEvidence>,
    /// The last twelve weeks, oldest first.
    pub weeks: Vec<WeekPoint>,
    /// The same twelve weeks taken together.
    pub twelve_weeks: WeeksTogether,
    pub patterns: Option<evidence::Patterns>,
    pub suggestions: Vec<Suggestion>,
}

/// A promise's note or lesson from a day that didn't go fully to plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MissNote {
    pub day: NaiveDate,
    pub promise: String,
    pub status: Status,
    pub note: Option<String>,
    pub lesson: Option<String>,
}

/// Everything the weekly review shows for one week.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReviewView {
    pub week_start: NaiveDate,
    pub summary: WeekSummary,
    pub previous: WeekSummary,
    /// Each promise's evidence as of the week's last day (or today), by
    /// id. Not serialised as it is: the command line lists them, each
    /// with its promise's number.
    #[serde(skip)]
    pub strengths: BTreeMap<String, PromiseEvidence>,
    pub wins_by_area: Vec<(String, u32)>,
    pub misses: Vec<MissNote>,
    /// Twelve weeks ending with this one, oldest first.
    pub weeks: Vec<WeekPoint>,
    /// The same twelve weeks taken together: the "12 weeks" figures.
    pub twelve_weeks: WeeksTogether,
    /// The week's self-trust reading: the one verdict and sentence every
    /// front end shows.
    pub self_trust: SelfTrust,
    pub patterns: Option<evidence::Patterns>,
    /// Open suggestions (only for the current week).
    pub suggestions: Vec<Suggestion>,
    pub review: Option<Review>,
}

/// The highest mood that makes an evening a hard one.
pub const HARD_MOOD: u8 = 3;

/// Evidence shown on a hard evening.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Resurface {
    /// Times shown up for a promise, up to and including the day.
    pub kept_so_far: u32,
    /// Wins written down, up to and including the day.
    pub wins_so_far: u32,
    /// One win from an earlier day.
    pub win: Option<Win>,
}

impl Journal {
    /// The evidence as of today: totals, each active promise's rates and
    /// strength, twelve weeks side by side, patterns, and suggestions.
    /// Reads the twelve weeks and the days since the last checkpoints.
    pub fn evidence(&self) -> Result<Evidence> {
        let today = self.today();
        let this_week = self.week_start(today);
        let from = this_week - chrono::Duration::days(7 * (TREND_WEEKS - 1));
        self.store.snapshot(|| {
            let w = self.window(from, today)?;
            let since =
                self.since_checkpoints(&w, today, |p| p.active_on(today) || !p.is_archived())?;
            let weeks = self.trend(&w, this_week);
            Ok(Evidence {
                totals: self.totals_as_of(today)?,
                promises: (w.promises.iter())
                    .filter(|p| p.active_on(today))
                    .filter_map(|p| since.get(&p.id))
                    .map(Since::evidence)
                    .collect(),
                twelve_weeks: evidence::together(&weeks, &w.checkins, &w.reflections, today),
                weeks,
                patterns: self.patterns_of(&w, this_week, today),
                suggestions: self.open_suggestions(&w, &since)?,
            })
        })
    }

    /// Suggestions not decided on in the last two weeks, from each
    /// promise's record as of today (`since`) and the records of `w`
    /// (last week's, at least).
    fn open_suggestions(
        &self,
        w: &Window,
        since: &HashMap<String, Since<'_>>,
    ) -> Result<Vec<Suggestion>> {
        let today = self.today();
        let quiet = today - chrono::Duration::days(evidence::DECISION_QUIET_DAYS);
        let recent: Vec<Decision> = self
            .store
            .reviews_between(quiet - chrono::Duration::days(6), today)?
            .into_iter()
            .flat_map(|rv| rv.decisions)
            .filter(|d| d.on >= quiet)
            .collect();
        let active: Vec<&Since<'_>> = (w.promises.iter())
            .filter(|p| !p.is_archived())
            .filter_map(|p| since.get(&p.id))
            .collect();
        let week_starts_on = self.config.week_starts_on;
        Ok(
            evidence::suggestions_since(&w.promises, &active, &w.checks, today, week_starts_on)
                .into_iter()
                .filter(|s| !recent.iter().any(|d| d.key == s.key))
                .collect(),
        )
    }

    /// The weekly review of the week starting `week_start`. Reads the
    /// twelve weeks ending with it and the days since the last
    /// checkpoints.
    pub fn review(&self, week_start: NaiveDate) -> Result<ReviewView> {
        let today = self.today();
        let end = week_start + chrono::Duration::days(6);
        let upto = end.min(today);
        let from = week_start - chrono::Duration::days(7 * (TREND_WEEKS - 1));
        let in_week = |d: NaiveDate| d >= week_start && d <= end;
        let current = week_start <= today && today <= end;
        self.store.snapshot(|| {
            // The week's summaries count what is recorded in it; the rest
            // counts up to today (days after it hold nothing, unless the
            // clock was set back).
            let whole = self.window(from, end)?;
            let upto_today = whole.upto(today);
            let w = upto_today.as_ref().unwrap_or(&whole);
            let since = self.since_checkpoints(w, upto, |p| {
                p.active_on(upto) || (current && !p.is_archived())
            })?;
            let weeks = self.trend(w, week_start);
            // The trend always ends with the week itself.
            let point = weeks.last().cloned().unwrap_or_default();
            let self_trust = evidence::self_trust(&point, today);
            Ok(ReviewView {
                week_start,
                summary: stats::week_summary(&whole.week(week_start), week_start, today),
                previous: {
                    let previous = week_start - chrono::Duration::days(7);
                    stats::week_summary(&whole.week(previous), previous, today)
                },
                strengths: (w.promises.iter())
                    .filter(|p| p.active_on(upto))
                    .filter_map(|p| since.get(&p.id))
                    .map(|s| (s.promise.id.clone(), s.evidence()))
                    .collect(),
                wins_by_area: evidence::wins_by_area(w.wins.iter().filter(|x| in_week(x.day))),
                misses: miss_notes(w, in_week),
                twelve_weeks: evidence::together(&weeks, &w.checkins, &w.reflections, today),
                self_trust,
                weeks,
                patterns: self.patterns_of(w, week_start, upto),
                suggestions: if current {
                    self.open_suggestions(w, &since)?
                } else {
                    Vec::new()
                },
                review: self.review_record(week_start)?,
            })
        })
    }

    /// The weekly review saved for the week starting `week_start`, if any.
    pub fn review_record(&self, week_start: NaiveDate) -> Result<Option<Review>> {
        Ok(self
            .store
            .reviews_between(week_start, week_start)?
            .into_iter()
            .next())
    }

    /// Saves an answer to a weekly prompt (an empty answer removes it).
    pub fn answer_weekly(&mut self, week_start: NaiveDate, key: &str, text: &str) -> Result<()> {
        self.check_day(week_start)?;
        let mut review = self
            .review_record(week_start)?
            .unwrap_or_else(|| self.new_review(week_start));
        set_answer(&mut review.answers, key, text)?;
        review.updated_at = self.stamp();
        let mut change = Change::default();
        change.review(review);
        self.commit(change, "saved a weekly answer".into())
    }

    pub(super) fn new_review(&self, week_start: NaiveDate) -> Review {
        Review {
            id: identity::review_id(week_start),
            week_start,
            answers: BTreeMap::new(),
            decisions: Vec::new(),
            updated_at: self.stamp(),
        }
    }

    /// On a hard evening (a mood of [`HARD_MOOD`] or lower, as the person
    /// rated it), evidence from the record: times shown up for a promise
    /// and wins so far, that day's too, and one earlier win, chosen by the
    /// day so it stays the same all evening. Counted from the last
    /// checkpoint on, so it reads a few weeks at most.
    pub fn resurface(&self, day: NaiveDate) -> Result<Option<Resurface>> {
        let Some(reflection) = self.reflection_on(day)? else {
            return Ok(None);
        };
        if reflection.mood.is_none_or(|m| m > HARD_MOOD) {
            return Ok(None);
        }
        Ok(Some(self.store.snapshot(|| self.resurfaced(day))?))
    }
}

/// Notes and lessons of the week's days that didn't go fully to plan.
fn miss_notes(r: &Window, in_week: impl Fn(NaiveDate) -> bool) -> Vec<MissNote> {
    r.checks
        .iter()
        .filter(|c| in_week(c.day) && (c.note.is_some() || c.lesson.is_some()))
        .filter(|c| c.status != Status::Kept)
        .map(|c| MissNote {
            day: c.day,
            promise: r
                .promises
                .iter()
                .find(|p| p.id == c.promise_id)
                .map(|p| p.text_on(c.day).to_string())
                .unwrap_or_default(),
            status: c.status,
            note: c.note.clone(),
            lesson: c.lesson.clone(),
        })
        .collect()
}
