//! [`Journal`]: the one API both front ends call.
//!
//! It reads and writes through the [`Store`]; it takes "now" from a
//! [`Clock`] that is passed in, so every rule can be tested at any date and
//! hour. Every action a person takes is one [`Change`]: saved in one
//! transaction the moment it is made, and taken back whole by one
//! [`Journal::undo`] (see [`super::undo`]).
//!
//! The methods live beside what they are about: `promises.rs` (adding,
//! editing, archiving, ordering), `marks.rs` (how a promise went on a day),
//! `entries.rs` (wins, check-ins, reflections), `days.rs` (reading a day,
//! the calendar and a week), `reviews.rs` (evidence and the weekly review),
//! `evidence.rs` (reading what the evidence needs, bounded to the weeks it
//! shows), `checkpoints.rs` (keeping the evidence's checkpoints after a
//! change), `decide.rs` (carrying out a suggestion), `versions.rs` (words and
//! targets in force from a day on), `transfer.rs` (export, import,
//! backup) and `batch.rs` (years of records at once, for the demo).
//!
//! May use: `store`, `model` and the rest of `domain`.

mod batch;
mod checkpoints;
mod days;
mod decide;
mod entries;
mod evidence;
mod marks;
mod promises;
mod reviews;
mod search;
mod sync;
mod transfer;
mod versions;
mod wins;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

pub use days::{DayItem, DayView, WeekProgress, day_items};
pub(crate) use days::{join_and, lower_first};
pub use marks::{Mark, status_for_amount};
pub use promises::{NewPromise, PromiseEdit, PromiseFields};
pub use reviews::{Evidence, MissNote, Resurface, ReviewView, TREND_WEEKS};
pub use sync::Reopen;
pub use transfer::{Held, Sink};
pub use wins::ShortWin;

use super::undo::{Change, Group, History, Undone};
use super::{Clock, Error, Result, day, input};
use crate::model::{Config, Counts, Promise};
use crate::store::{Access, Store};

pub struct Journal {
    /// The journal file; `history` reads its ranges of days here too.
    pub(in crate::domain) store: Store,
    clock: Clock,
    config: Config,
    history: History,
    /// Bumped on every change made through this journal.
    generation: u64,
    /// Checkpoints after a change: written at once, or owed to upkeep
    /// apart (`checkpoints.rs`).
    checkpoints: checkpoints::Keeping,
}

/// A fixed clock (tests, demos) stamps the changes recorded for sync too,
/// as the UTC time of its wall-clock time here.
fn fix_sync_clock(store: &mut Store, clock: &Clock) {
    if let Clock::Fixed(at) = *clock {
        let utc = at
            .and_local_timezone(chrono::Local)
            .earliest()
            .map(|t| t.naive_utc())
            .unwrap_or(at);
        store.set_sync_clock(std::sync::Arc::new(move || utc));
    }
}

impl Journal {
    /// Opens (or creates) the journal at `path` for writing; any copy made
    /// before an update is dated by `clock`.
    pub fn open(path: &Path, clock: Clock, config: Config) -> Result<Journal> {
        let store = Store::open_at(path, clock.now(), Access::Write)?;
        Ok(Journal::new(store, clock, config))
    }

    pub fn new(mut store: Store, clock: Clock, config: Config) -> Journal {
        fix_sync_clock(&mut store, &clock);
        Journal {
            store,
            clock,
            config,
            history: History::default(),
            generation: 0,
            checkpoints: checkpoints::Keeping::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_clock(&mut self, clock: Clock) {
        fix_sync_clock(&mut self.store, &clock);
        self.clock = clock;
    }

    /// The local wall-clock time: what decides the day, and the time of
    /// day a win was made.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The current time in UTC, for a record's `updated_at`.
    pub fn stamp(&self) -> NaiveDateTime {
        self.clock.utc_now()
    }

    /// The journal's today, by the day boundary rule.
    pub fn today(&self) -> NaiveDate {
        day::journal_day(self.now(), self.config.day_starts_at)
    }

    /// Whether it is evening: from `evening_from` until the day boundary.
    pub fn is_evening(&self) -> bool {
        day::is_evening(
            self.now(),
            self.config.day_starts_at,
            self.config.evening_from,
        )
    }

    /// Changes on every write made through this journal.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Changes whenever another process writes to the file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.store.data_version()?)
    }

    pub fn counts(&self) -> Result<Counts> {
        Ok(self.store.counts()?)
    }

    /// Parses a day as typed on the command line, relative to today.
    pub fn parse_day(&self, text: &str) -> Result<NaiveDate> {
        day::parse_day(text, self.today()).map_err(Error::Input)
    }

    // ----- undo -----------------------------------------------------------

    /// Saves one action in one transaction and remembers it, whole, for
    /// undo. Nothing is saved or remembered if any write fails.
    fn commit(&mut self, change: Change, label: String) -> Result<()> {
        if change.is_empty() {
            return Ok(());
        }
        let applied = self.store.apply(&change)?;
        self.history.push(Group::new(label, applied.undo));
        self.generation += 1;
        self.keep_checkpoints();
        Ok(())
    }

    /// Forgets the undo history (after generating a demo, say).
    pub fn clear_undo(&mut self) {
        self.history.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.history.is_empty()
    }

    /// Takes back the last action, whole, except what was changed
    /// elsewhere since (another window, a command in a shell): that is
    /// left as it is, and [`Undone`] says so. Returns `None` if there was
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Undone>> {
        let Some(group) = self.history.pop() else {
            return Ok(None);
        };
        match self.store.apply(group.undo()) {
            Ok(applied) => {
                self.generation += 1;
                self.keep_checkpoints();
                Ok(Some(Undone {
                    label: group.label().to_string(),
                    left: applied.left,
                }))
            }
            Err(e) => {
                self.history.push(group);
                Err(e.into())
            }
        }
    }

    // ----- shared by the actions ----------------------------------------

    fn promise_by_id(&self, id: &str) -> Result<Promise> {
        self.store
            .promises(true)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::Input("That promise is no longer in the journal.".into()))
    }

    /// A day something is recorded for: from [`day::FIRST_DAY`] to today.
    fn check_day(&self, day: NaiveDate) -> Result<()> {
        if day > self.today() {
            return input(format!(
                "{day} is still ahead; it can be recorded once the day has come."
            ));
        }
        if day < day::FIRST_DAY {
            return input(format!(
                "{day} is before {}, the earliest day a journal keeps; choose a day from then to today.",
                day::FIRST_DAY
            ));
        }
        Ok(())
    }
}
