//! Keeping the evidence's checkpoints (see `evidence/resume.rs`) after a
//! change: the store drops every checkpoint a change makes wrong, and this
//! writes the missing ones again, up to the last checkpoint day the
//! evidence of today reads from. After a change of today or yesterday
//! nothing is missing, so this only looks (one read of the promises and
//! the checkpoints' last days); once every four weeks, or after a change
//! of an older day, it counts the days since the last checkpoint still
//! there and writes the new ones, in one transaction of its own.
//!
//! A checkpoint only saves time: if writing them fails, the change still
//! stands and the evidence is counted from further back. So a command
//! that answers and ends can leave them to the upkeep that runs apart
//! once it has answered ([`Journal::keep_checkpoints_apart`]): after an
//! import of years, writing them is an eighth of the import.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Weekday};

use super::Journal;
use crate::domain::Result;
use crate::domain::day::FIRST_DAY;
use crate::domain::evidence::resume::{self, GRID_WEEKS};
use crate::model::{Check, Promise, PromiseCheckpoint, TotalsCheckpoint};
use crate::store::{Store, Writer};

/// Days between two checkpoints.
const STEP: Duration = Duration::days(7 * GRID_WEEKS);

/// The totals are counted in weeks starting on Monday, whatever the config
/// says: they do not depend on weeks.
const TOTALS_WEEK: Weekday = Weekday::Mon;

/// The last checkpoint day `p` needs as of `today`, if any: none before it
/// began, and none long after it was archived.
fn last_needed(p: &Promise, today: NaiveDate, week_starts_on: Weekday) -> Option<NaiveDate> {
    let mut last = resume::promise_grid_day(today, week_starts_on);
    if let Some(archived) = p.archived_on {
        last = last.min(resume::grid_day(archived, week_starts_on) + STEP);
    }
    (last > p.created_on).then_some(last)
}

/// When the checkpoints a change left missing are written.
#[derive(Debug, Default)]
pub(super) struct Keeping {
    /// Left to the upkeep apart, rather than written at once.
    apart: bool,
    /// Apart: some are missing since a change made here.
    owed: Cell<bool>,
}

impl Journal {
    /// Writes the checkpoints a change left missing, or with
    /// [`Journal::keep_checkpoints_apart`] notes that they are owed.
    /// Errors are dropped: a missing checkpoint only costs time.
    pub(super) fn keep_checkpoints(&self) {
        if self.checkpoints.apart {
            let today = self.today();
            if self
                .checkpoints_missing(&self.store, today, self.config.week_starts_on)
                .unwrap_or(false)
            {
                self.checkpoints.owed.set(true);
            }
            return;
        }
        self.write_checkpoints().ok();
    }

    /// From now on, leaves the checkpoints a change makes missing to
    /// upkeep apart ([`Journal::checkpoints_owed`]), for a command that
    /// answers and ends: the person does not wait for them.
    pub fn keep_checkpoints_apart(&mut self) {
        self.checkpoints.apart = true;
    }

    /// Whether a change made here left checkpoints for the upkeep apart
    /// to write ([`Journal::write_owed_checkpoints`]).
    pub fn checkpoints_owed(&self) -> bool {
        self.checkpoints.owed.get()
    }

    /// The upkeep apart: writes whatever checkpoints the evidence of today
    /// reads from are missing.
    pub fn write_owed_checkpoints(&self) -> Result<()> {
        self.write_checkpoints()
    }

    fn write_checkpoints(&self) -> Result<()> {
        let today = self.today();
        let week_starts_on = self.config.week_starts_on;
        if !self.checkpoints_missing(&self.store, today, week_starts_on)? {
            return Ok(());
        }
        self.store.read_and_write(|store, w| -> Result<()> {
            w.drop_promise_checkpoints_except(week_starts_on)?;
            write_totals(store, w, today)?;
            let last: HashMap<String, PromiseCheckpoint> = store
                .promise_checkpoints(week_starts_on, today)?
                .into_iter()
                .map(|c| (c.promise_id.clone(), c))
                .collect();
            for p in store.promises(true)? {
                if let Some(to) = last_needed(&p, today, week_starts_on) {
                    let from = last.get(&p.id).cloned();
                    write_promise(store, w, &p, from, to, week_starts_on)?;
                }
            }
            Ok(())
        })
    }

    /// Whether a checkpoint the evidence of today reads from is missing.
    fn checkpoints_missing(
        &self,
        store: &Store,
        today: NaiveDate,
        week_starts_on: Weekday,
    ) -> Result<bool> {
        let totals_day = resume::grid_day(today, TOTALS_WEEK);
        let have = store.totals_checkpoint(today)?.map(|c| c.day);
        if have != Some(totals_day)
            && store
                .first_record_day(today)?
                .is_some_and(|first| first < totals_day)
        {
            return Ok(true);
        }
        let last: HashMap<String, NaiveDate> = store
            .promise_checkpoints(week_starts_on, today)?
            .into_iter()
            .map(|c| (c.promise_id, c.day))
            .collect();
        Ok(self.promises(true)?.iter().any(|p| {
            last_needed(p, today, week_starts_on).is_some_and(|day| last.get(&p.id) != Some(&day))
        }))
    }
}

/// The totals checkpoints from the last one there (or the first record)
/// up to the last checkpoint day on or before `today`.
fn write_totals(store: &Store, w: &Writer<'_>, today: NaiveDate) -> Result<()> {
    let to = resume::grid_day(today, TOTALS_WEEK);
    let mut at: TotalsCheckpoint = match store.totals_checkpoint(today)? {
        Some(c) => c,
        None => match store.first_record_day(today)? {
            Some(first) => resume::empty_totals(first),
            None => return Ok(()),
        },
    };
    if at.day >= to {
        return Ok(());
    }
    let last = to - Duration::days(1);
    let statuses = store.statuses_between(at.day, last)?;
    let wins = store.win_days_between(at.day, last)?;
    let mut next = resume::grid_day(at.day, TOTALS_WEEK) + STEP;
    while next <= to {
        at = resume::advance_totals(&at, &statuses, &wins, next);
        w.put_totals_checkpoint(&at)?;
        next += STEP;
    }
    Ok(())
}

/// One promise's checkpoints from `from` (or its first day) up to `to`.
fn write_promise(
    store: &Store,
    w: &Writer<'_>,
    p: &Promise,
    from: Option<PromiseCheckpoint>,
    to: NaiveDate,
    week_starts_on: Weekday,
) -> Result<()> {
    let (mut at, mut next) = match from {
        Some(c) if c.day >= to => return Ok(()),
        Some(c) => {
            let next = c.day + STEP;
            (c, next)
        }
        None => (
            resume::empty_checkpoint(&p.id, week_starts_on),
            resume::grid_day(p.created_on, week_starts_on) + STEP,
        ),
    };
    let checks: Vec<Check> =
        store.checks_of(&p.id, at.day.max(FIRST_DAY), to - Duration::days(1))?;
    let refs: Vec<&Check> = checks.iter().collect();
    while next <= to {
        // The checks of the days from the last checkpoint to this one.
        let lo = refs.partition_point(|c| c.day < at.day);
        let hi = refs.partition_point(|c| c.day < next);
        at = resume::advance(&at, p, &refs[lo..hi], next);
        w.put_promise_checkpoint(&at)?;
        next += STEP;
    }
    Ok(())
}
