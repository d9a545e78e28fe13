//! Reading what the evidence needs, bounded to the weeks it shows: the
//! twelve weeks of a trend, and each promise's days since its last
//! checkpoint (see `evidence/resume.rs`). Nothing here reads every day since
//! the first: totals, strength, rates and the resurfaced win go on from the
//! checkpoints `checkpoints.rs` keeps.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Journal, Resurface};
use crate::domain::Result;
use crate::domain::day::FIRST_DAY;
use crate::domain::evidence::resume::{self, Since};
use crate::domain::evidence::{self, PromiseEvidence, Totals, WeekPoint};
use crate::domain::stats;
use crate::model::{Check, CheckIn, Promise, PromiseCheckpoint, Reflection, Win};

/// The records of the days from `from` to `to`, with every promise.
pub(super) struct Window {
    pub promises: Vec<Promise>,
    pub from: NaiveDate,
    pub checks: Vec<Check>,
    pub wins: Vec<Win>,
    pub checkins: Vec<CheckIn>,
    pub reflections: Vec<Reflection>,
    /// The first day with a check or a win, up to today.
    pub first_day: Option<NaiveDate>,
}

impl Window {
    /// The same records up to `day` only, or `None` if there are none
    /// after it (days after today hold nothing unless the clock was set
    /// back).
    pub fn upto(&self, day: NaiveDate) -> Option<Window> {
        let after = |d: NaiveDate| d > day;
        let any_after = self.checks.iter().any(|c| after(c.day))
            || self.wins.iter().any(|w| after(w.day))
            || self.checkins.iter().any(|c| after(c.day))
            || self.reflections.iter().any(|r| after(r.day));
        any_after.then(|| Window {
            promises: self.promises.clone(),
            from: self.from,
            checks: keep(&self.checks, day, |c| c.day),
            wins: keep(&self.wins, day, |w| w.day),
            checkins: keep(&self.checkins, day, |c| c.day),
            reflections: keep(&self.reflections, day, |r| r.day),
            first_day: self.first_day,
        })
    }

    /// The records of the seven days from `start`, for the week's summary.
    pub fn week(&self, start: NaiveDate) -> stats::Records<'_> {
        let end = start + chrono::Duration::days(6);
        stats::Records {
            promises: &self.promises,
            checks: days(&self.checks, (start, end), |c| c.day),
            wins: days(&self.wins, (start, end), |w| w.day),
            checkins: days(&self.checkins, (start, end), |c| c.day),
            reflections: days(&self.reflections, (start, end), |r| r.day),
        }
    }
}

fn keep<T: Clone>(items: &[T], day: NaiveDate, day_of: impl Fn(&T) -> NaiveDate) -> Vec<T> {
    items.iter().filter(|x| day_of(x) <= day).cloned().collect()
}

/// The records of the days from `from` to `to` among `items`, which the
/// store lists in day order.
fn days<T>(
    items: &[T],
    (from, to): (NaiveDate, NaiveDate),
    day_of: impl Fn(&T) -> NaiveDate,
) -> &[T] {
    let lo = items.partition_point(|x| day_of(x) < from);
    let hi = items.partition_point(|x| day_of(x) <= to);
    &items[lo..hi.max(lo)]
}

impl Journal {
    /// The promises and the records of the days from `from` to `to`.
    pub(super) fn window(&self, from: NaiveDate, to: NaiveDate) -> Result<Window> {
        Ok(Window {
            promises: self.promises(true)?,
            from,
            checks: self.store.checks_between(from, to)?,
            wins: self.store.wins_between(from, to)?,
            checkins: self.store.checkins_between(from, to)?,
            reflections: self.store.reflections_between(from, to)?,
            first_day: self.store.first_record_day(self.today())?,
        })
    }

    /// The record of each promise `wanted` picks, as of `upto`, going on
    /// from its last checkpoint two weeks or more before; `window` holds
    /// the records up to `upto`. A promise without a checkpoint that far
    /// back is counted from its first day.
    pub(super) fn since_checkpoints<'a>(
        &self,
        window: &'a Window,
        upto: NaiveDate,
        wanted: impl Fn(&Promise) -> bool,
    ) -> Result<HashMap<String, Since<'a>>> {
        let week_starts_on = self.config.week_starts_on;
        let latest = resume::promise_grid_day(upto, week_starts_on);
        let mut checkpoints: HashMap<String, PromiseCheckpoint> = self
            .store
            .promise_checkpoints(week_starts_on, latest)?
            .into_iter()
            .map(|c| (c.promise_id.clone(), c))
            .collect();
        let mut by_promise: HashMap<&str, Vec<&Check>> = HashMap::new();
        for c in window.checks.iter().filter(|c| c.day <= upto) {
            by_promise.entry(c.promise_id.as_str()).or_default().push(c);
        }
        let mut out = HashMap::new();
        for p in window.promises.iter().filter(|p| wanted(p)) {
            let since = match checkpoints.remove(&p.id) {
                Some(cp) if cp.day >= window.from => {
                    let mine = by_promise.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
                    Since::resume(p, cp, mine, upto)
                }
                Some(cp) => {
                    let mine = self.store.checks_of(&p.id, cp.day, upto)?;
                    let refs: Vec<&Check> = mine.iter().collect();
                    Since::resume(p, cp, &refs, upto)
                }
                None => {
                    let mine = self.store.checks_of(&p.id, FIRST_DAY, upto)?;
                    let refs: Vec<&Check> = mine.iter().collect();
                    Since::from_start(p, &refs, upto, week_starts_on)
                }
            };
            out.insert(p.id.clone(), since);
        }
        Ok(out)
    }

    /// Totals and runs of showing up as of `today`, from the last totals
    /// checkpoint on.
    pub(super) fn totals_as_of(&self, today: NaiveDate) -> Result<Totals> {
        let before = match self.store.totals_checkpoint(today)? {
            Some(cp) => cp,
            None => match self.store.first_record_day(today)? {
                Some(first) => resume::empty_totals(first),
                None => resume::empty_totals(today),
            },
        };
        let statuses = self.store.statuses_between(before.day, today)?;
        let wins = self.store.win_days_between(before.day, today)?;
        Ok(resume::totals_since(&before, &statuses, &wins, today))
    }

    /// The twelve weeks ending with the week of `last_week`.
    pub(super) fn trend(&self, w: &Window, last_week: NaiveDate) -> Vec<WeekPoint> {
        let starts: Vec<NaiveDate> = (0..super::TREND_WEEKS)
            .rev()
            .map(|i| last_week - chrono::Duration::days(7 * i))
            .collect();
        evidence::week_points(
            &starts,
            &w.promises,
            &w.checks,
            &w.checkins,
            &w.reflections,
            self.today(),
        )
    }

    /// Patterns over the twelve weeks ending with the week of `last_week`.
    pub(super) fn patterns_of(
        &self,
        w: &Window,
        last_week: NaiveDate,
        upto: NaiveDate,
    ) -> Option<evidence::Patterns> {
        evidence::patterns_since(
            w.first_day,
            &w.promises,
            &w.checks,
            &w.wins,
            last_week - chrono::Duration::days(7 * (super::TREND_WEEKS - 1)),
            upto,
        )
    }

    /// The record up to and including `day` (checks shown up for and
    /// wins, that day's too) and the earlier win to show on `day`, each
    /// from the last totals checkpoint on.
    pub(super) fn resurfaced(&self, day: NaiveDate) -> Result<Resurface> {
        let before = self.store.totals_checkpoint(day)?;
        let from = before.as_ref().map_or(FIRST_DAY, |c| c.day);
        let shown = (self.store.statuses_between(from, day)?.iter())
            .filter(|(_, s)| s.showed_up())
            .count() as u32;
        let kept_so_far = before
            .as_ref()
            .map_or(0, |c| c.kept + c.partial + c.smaller)
            + shown;
        let last = day.pred_opt().unwrap_or(day);
        let earlier = before.as_ref().map_or(0, |c| c.wins)
            + self.store.win_days_between(from, last)?.len() as u32;
        let wins_so_far = earlier + self.store.win_days_between(day, day)?.len() as u32;
        let mut found = Resurface {
            kept_so_far,
            wins_so_far,
            win: None,
        };
        let Some(k) = evidence::resurfaced_index(earlier as usize, day) else {
            return Ok(found);
        };
        let k = k as u32;
        let (start, skipped) = match self.store.totals_checkpoint_with_wins(day, k)? {
            Some(c) => (c.day, c.wins),
            None => (FIRST_DAY, 0),
        };
        found.win = self.store.win_at(start, last, k - skipped)?;
        Ok(found)
    }

    /// Each of `promises`' evidence as of today (strength, rates, totals)
    /// by id: the figures [`evidence::promise_evidence`] gives over every
    /// day since its first, gone on from its last checkpoint, so only the
    /// last weeks are read.
    pub fn evidence_of(&self, promises: &[Promise]) -> Result<HashMap<String, PromiseEvidence>> {
        let today = self.today();
        let from = self.week_start(today) - chrono::Duration::days(14);
        self.store.snapshot(|| {
            let w = Window {
                promises: promises.to_vec(),
                from,
                checks: self.store.checks_between(from, today)?,
                wins: Vec::new(),
                checkins: Vec::new(),
                reflections: Vec::new(),
                first_day: None,
            };
            let since = self.since_checkpoints(&w, today, |_| true)?;
            Ok(since
                .iter()
                .map(|(id, s)| (id.clone(), s.evidence()))
                .collect())
        })
    }
}
