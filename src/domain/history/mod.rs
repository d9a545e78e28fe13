//! Each promise's own history: what every day asked of it and how it went,
//! for the checkmark grid (every promise's last weeks), a promise's page
//! and `smallwins promise show`.
//!
//! - here: [`DayCell`] (one promise on one day, by the one rule in
//!   [`super::rule`], with the glyph of the one glyph set it earns), the
//!   grid's rows over a range of days ([`Journal::grid`]) and each
//!   promise's standing today beside its row ([`Journal::standings`]);
//! - `story.rs`: one promise's whole story ([`Journal::story`]): its words
//!   over time, its weeks with the kept rate and strength of each, its
//!   runs of showing up, totals, notes and lessons, and the decisions
//!   taken about it.
//!
//! Every figure is the domain's own: strength and rates are
//! [`super::evidence::promise_evidence`], a week's count is the review's
//! ([`stats::week_summary`]), so the grid, the page, the review and
//! `stats` never disagree.
//!
//! Reading: the grid reads the checks of the days it shows (one query per
//! range); a standing goes on from each promise's last checkpoint of the
//! evidence, read once per change of the journal; a story reads one
//! promise's own checks.
//!
//! May use: `store`, `model` and the rest of `domain`.

mod story;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

pub use story::{Decided, Runs, Story, StoryWeek, Tally, Wording};

use super::evidence::PromiseEvidence;
use super::journal::{Journal, WeekProgress, day_items};
use super::rule::{Asked, Went, promise_day};
use super::{Result, day, stats};
use crate::model::{Check, Due, Glyph, Promise};

/// One promise on one day: what the day asked of it and how it went (the
/// one rule, [`promise_day`]), with what was recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCell {
    pub day: NaiveDate,
    pub asked: Asked,
    pub went: Went,
    /// The mark recorded that day, if any.
    pub check: Option<Check>,
}

impl DayCell {
    /// `promise` on `day`, with its check of that day (if any).
    pub fn of(promise: &Promise, check: Option<&Check>, day: NaiveDate) -> DayCell {
        let pd = promise_day(promise, check, day);
        DayCell {
            day,
            asked: pd.asked,
            went: pd.went,
            check: check.cloned(),
        }
    }

    /// The glyph of the one glyph set this day earns: kept, partly kept,
    /// kept the smaller version, noted as missed, not recorded, a rest day
    /// (not asked). `None` before the promise existed and from the day it
    /// was archived on, when nothing was recorded: those days are not part
    /// of its record, so the row simply begins and ends.
    pub fn glyph(&self) -> Option<Glyph> {
        let due = match self.asked {
            Asked::Scheduled => Due::Yes,
            Asked::Flexible => Due::Flexible,
            Asked::RestDay => Due::No,
            Asked::NotYetActive | Asked::Archived if self.went != Went::NotRecorded => Due::Yes,
            Asked::NotYetActive | Asked::Archived => return None,
        };
        Some(Glyph::of_result(self.check.as_ref().map(|c| c.status), due))
    }
}

/// One promise's row of the grid: a cell for every day of the range.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub promise_id: String,
    /// Oldest first, one per day.
    pub cells: Vec<DayCell>,
}

/// A promise's standing today, shown beside its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Strength now and the shares of its last 7, 30 and 90 times asked
    /// shown up for: the evidence's own figures, as the review and
    /// `stats` show them.
    pub evidence: PromiseEvidence,
    /// For an N-times-a-week promise, how this week stands so far.
    pub week: Option<WeekProgress>,
}

impl Journal {
    /// The rows of `promises` for every day from `from` to `to`: what each
    /// day asked and how it went. Reads the checks of those days, in one
    /// query.
    pub fn grid(
        &self,
        promises: &[Promise],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<GridRow>> {
        let checks = self.store.checks_between(from, to)?;
        let by_key: HashMap<(&str, NaiveDate), &Check> = checks
            .iter()
            .map(|c| ((c.promise_id.as_str(), c.day), c))
            .collect();
        Ok(promises
            .iter()
            .map(|p| GridRow {
                promise_id: p.id.clone(),
                cells: day::days_between(from, to)
                    .map(|d| DayCell::of(p, by_key.get(&(p.id.as_str(), d)).copied(), d))
                    .collect(),
            })
            .collect())
    }

    /// Each of `promises` as it stands today, by id: its strength and
    /// rates (the evidence's own, gone on from its last checkpoint), and
    /// an N-times-a-week promise's week so far. Reads this week's checks
    /// and each promise's days since its checkpoint.
    pub fn standings(&self, promises: &[Promise]) -> Result<HashMap<String, Standing>> {
        let today = self.today();
        let mut evidence = self.evidence_of(promises)?;
        let start = self.week_start(today);
        let week = (start, start + chrono::Duration::days(6));
        let this_week = self.store.checks_between(start, today)?;
        let items = day_items(promises, &this_week, today, week, today);
        Ok(promises
            .iter()
            .filter_map(|p| {
                let standing = Standing {
                    evidence: evidence.remove(&p.id)?,
                    week: items
                        .iter()
                        .find(|i| i.promise.id == p.id)
                        .and_then(|i| i.week),
                };
                Some((p.id.clone(), standing))
            })
            .collect())
    }
}

/// The count of one promise's week, as the review counts it.
fn promise_week(
    promise: &Promise,
    checks: &[Check],
    start: NaiveDate,
    today: NaiveDate,
) -> Option<stats::PromiseWeek> {
    let records = stats::Records {
        promises: std::slice::from_ref(promise),
        checks,
        wins: &[],
        checkins: &[],
        reflections: &[],
    };
    stats::week_summary(&records, start, today)
        .promises
        .into_iter()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evidence::fixtures::{self, check, d};
    use crate::model::{Schedule, Status};

    /// Added on Tue 10 Nov, archived from Fri 20 Nov.
    fn promise(schedule: Schedule) -> Promise {
        Promise {
            smaller: Some("touch my toes".into()),
            archived_on: Some(d("2026-11-20")),
            ..fixtures::promise(schedule, "2026-11-10")
        }
    }

    #[test]
    fn every_state_of_a_day_has_its_glyph() {
        let mwf = promise(Schedule::parse_days("mon,wed,fri").expect("days"));
        let glyph = |day: &str, status: Option<Status>| {
            let c = status.map(|s| check(&mwf, day, s));
            DayCell::of(&mwf, c.as_ref(), d(day)).glyph()
        };
        assert_eq!(glyph("2026-11-09", None), None);
        assert_eq!(glyph("2026-11-11", Some(Status::Kept)), Some(Glyph::Kept));
        assert_eq!(
            glyph("2026-11-11", Some(Status::Partial)),
            Some(Glyph::Partly)
        );
        assert_eq!(
            glyph("2026-11-11", Some(Status::Smaller)),
            Some(Glyph::Smaller)
        );
        assert_eq!(
            glyph("2026-11-11", Some(Status::Missed)),
            Some(Glyph::Missed)
        );
        assert_eq!(glyph("2026-11-11", None), Some(Glyph::NotRecorded));
        assert_eq!(glyph("2026-11-12", None), Some(Glyph::Rest));
        assert_eq!(glyph("2026-11-12", Some(Status::Kept)), Some(Glyph::Kept));
        assert_eq!(glyph("2026-11-20", None), None);
        assert_eq!(glyph("2026-11-20", Some(Status::Kept)), Some(Glyph::Kept));
        let flexible = promise(Schedule::TimesPerWeek { times: 3 });
        assert_eq!(
            DayCell::of(&flexible, None, d("2026-11-12")).glyph(),
            Some(Glyph::NotRecorded)
        );
    }
}
