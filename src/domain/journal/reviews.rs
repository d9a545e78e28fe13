//! The evidence as of today, the weekly review of any week, weekly answers,
//! and the evidence shown on a hard evening.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Journal;
use super::entries::set_answer;
use crate::domain::Result;
use crate::domain::evidence::{self, PromiseEvidence, Suggestion, WeekPoint, WeeksTogether};
use crate::domain::stats::WeekSummary;
use crate::domain::undo::Change;
use crate::model::{self, Check, CheckIn, Decision, Promise, Reflection, Review, Status, Win};

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
    /// Each promise's evidence as of the week's last day (or today).
    pub strengths: BTreeMap<String, PromiseEvidence>,
    pub wins_by_area: Vec<(String, u32)>,
    pub misses: Vec<MissNote>,
    /// Twelve weeks ending with this one, oldest first.
    pub weeks: Vec<WeekPoint>,
    /// The same twelve weeks taken together: the "12 weeks" figures.
    pub twelve_weeks: WeeksTogether,
    pub patterns: Option<evidence::Patterns>,
    /// Open suggestions (only for the current week).
    pub suggestions: Vec<Suggestion>,
    pub review: Option<Review>,
}

/// Evidence shown on a hard evening.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Resurface {
    pub kept_so_far: u32,
    pub win: Option<Win>,
}

/// Every record up to today.
struct Records {
    promises: Vec<Promise>,
    checks: Vec<Check>,
    wins: Vec<Win>,
    checkins: Vec<CheckIn>,
    reflections: Vec<Reflection>,
}

/// Before any day a journal can hold (days are stored as four-digit years).
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

impl Journal {
    fn records(&self) -> Result<Records> {
        let hi = self.today();
        Ok(Records {
            promises: self.promises(true)?,
            checks: self.store.checks_between(EARLIEST, hi)?,
            wins: self.store.wins_between(EARLIEST, hi)?,
            checkins: self.store.checkins_between(EARLIEST, hi)?,
            reflections: self.store.reflections_between(EARLIEST, hi)?,
        })
    }

    /// The evidence as of today: totals, each active promise's rates and
    /// strength, twelve weeks side by side, patterns, and suggestions.
    pub fn evidence(&self) -> Result<Evidence> {
        let today = self.today();
        let r = self.records()?;
        let this_week = self.week_start(today);
        let weeks = self.week_points(&r, this_week);
        Ok(Evidence {
            totals: evidence::totals(&r.checks, &r.wins, today),
            promises: self.promise_evidence(&r, today),
            twelve_weeks: evidence::together(&weeks, &r.checkins, &r.reflections, today),
            weeks,
            patterns: self.patterns(&r, this_week, today),
            suggestions: self.open_suggestions(&r)?,
        })
    }

    fn promise_evidence(&self, r: &Records, upto: NaiveDate) -> Vec<PromiseEvidence> {
        let refs: Vec<&Check> = r.checks.iter().filter(|c| c.day <= upto).collect();
        r.promises
            .iter()
            .filter(|p| p.active_on(upto))
            .map(|p| evidence::promise_evidence(p, &refs, upto, self.config.week_starts_on))
            .collect()
    }

    fn week_points(&self, r: &Records, last_week: NaiveDate) -> Vec<WeekPoint> {
        let starts: Vec<NaiveDate> = (0..TREND_WEEKS)
            .rev()
            .map(|i| last_week - chrono::Duration::days(7 * i))
            .collect();
        evidence::week_points(
            &starts,
            &r.promises,
            &r.checks,
            &r.checkins,
            &r.reflections,
            self.today(),
        )
    }

    /// Patterns over the twelve weeks ending with the week of `last_week`.
    fn patterns(
        &self,
        r: &Records,
        last_week: NaiveDate,
        upto: NaiveDate,
    ) -> Option<evidence::Patterns> {
        evidence::patterns(
            &r.promises,
            &r.checks,
            &r.wins,
            last_week - chrono::Duration::days(7 * (TREND_WEEKS - 1)),
            upto,
        )
    }

    /// Suggestions not decided on in the last two weeks.
    fn open_suggestions(&self, r: &Records) -> Result<Vec<Suggestion>> {
        let today = self.today();
        let since = today - chrono::Duration::days(evidence::DECISION_QUIET_DAYS);
        let recent: Vec<Decision> = self
            .store
            .reviews_between(since - chrono::Duration::days(6), today)?
            .into_iter()
            .flat_map(|rv| rv.decisions)
            .filter(|d| d.on >= since)
            .collect();
        Ok(
            evidence::suggestions(&r.promises, &r.checks, today, self.config.week_starts_on)
                .into_iter()
                .filter(|s| !recent.iter().any(|d| d.key == s.key))
                .collect(),
        )
    }

    /// The weekly review of the week starting `week_start`.
    pub fn review(&self, week_start: NaiveDate) -> Result<ReviewView> {
        let today = self.today();
        let end = week_start + chrono::Duration::days(6);
        let r = self.records()?;
        let upto = end.min(today);
        let in_week = |d: NaiveDate| d >= week_start && d <= end;
        let current = week_start <= today && today <= end;
        let weeks = self.week_points(&r, week_start);
        Ok(ReviewView {
            week_start,
            summary: self.week(week_start)?,
            previous: self.week(week_start - chrono::Duration::days(7))?,
            strengths: self
                .promise_evidence(&r, upto)
                .into_iter()
                .map(|e| (e.promise_id.clone(), e))
                .collect(),
            wins_by_area: evidence::wins_by_area(r.wins.iter().filter(|w| in_week(w.day))),
            misses: miss_notes(&r, in_week),
            twelve_weeks: evidence::together(&weeks, &r.checkins, &r.reflections, today),
            weeks,
            patterns: self.patterns(&r, week_start, upto),
            suggestions: if current {
                self.open_suggestions(&r)?
            } else {
                Vec::new()
            },
            review: self.review_record(week_start)?,
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
        let before = self.review_record(week_start)?;
        let mut review = before
            .clone()
            .unwrap_or_else(|| self.new_review(week_start));
        set_answer(&mut review.answers, key, text)?;
        review.updated_at = self.now();
        let mut change = Change::default();
        change.review(review, before);
        self.commit(change, "saved a weekly answer".into())
    }

    pub(super) fn new_review(&self, week_start: NaiveDate) -> Review {
        Review {
            id: model::new_id(),
            week_start,
            answers: BTreeMap::new(),
            decisions: Vec::new(),
            updated_at: self.now(),
        }
    }

    /// On a hard evening (mood or confidence 3 or lower), evidence from the
    /// record: promises kept so far and one earlier win.
    pub fn resurface(&self, day: NaiveDate) -> Result<Option<Resurface>> {
        let Some(reflection) = self.reflection_on(day)? else {
            return Ok(None);
        };
        let low = |v: Option<u8>| v.is_some_and(|v| v <= 3);
        if !low(reflection.mood) && !low(reflection.confidence) {
            return Ok(None);
        }
        let checks = self.store.checks_between(EARLIEST, day)?;
        let earlier = self
            .store
            .wins_between(EARLIEST, day.pred_opt().unwrap_or(day))?;
        Ok(Some(Resurface {
            kept_so_far: checks.iter().filter(|c| c.status.showed_up()).count() as u32,
            win: evidence::resurfaced_win(&earlier, day).cloned(),
        }))
    }
}

/// Notes and lessons of the week's days that didn't go fully to plan.
fn miss_notes(r: &Records, in_week: impl Fn(NaiveDate) -> bool) -> Vec<MissNote> {
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
