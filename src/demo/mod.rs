//! A realistic, deterministic demo journal for newcomers.
//!
//! [`fill`] walks through the past weeks one day at a time with a fixed
//! clock, so every record carries the date and hour it would have had if a
//! person had lived it: promises are added on their first morning, a target
//! is recalibrated on the day it was decided, wins land during the day and
//! reflections in the evening (now and then after midnight, which still
//! counts for the evening before). It uses only the public [`Journal`] API,
//! so every rule of the journal applies to the demo as it would to a person.
//!
//! The story: five tiny promises on the first day, one of every kind; a run
//! of missed reading nights, after which ten pages shrink to five, and later
//! grow to eight; making the bed becomes automatic and is archived halfway;
//! a notebook line joins a few weeks in. Days go mostly well, some partly,
//! some not, a few are left unmarked, and the weeks slowly get better, while
//! the confidence ratings trail a little behind what was actually done.
//!
//! For measuring, `years` makes years of history at scale in one go
//! ([`fill_years`]): a simpler generator with the same words, written
//! through one batch instead of one change per record.
//!
//! What lives where, all private but [`fill`], [`MAX_WEEKS`] and the
//! years' [`fill_years`], [`Scale`] and [`MAX_YEARS`]:
//! - here: the state of the story as it is told;
//! - `story`: the weeks from the first morning to today, the turning points,
//!   and the clock and dice the story uses;
//! - `day`: one ordinary past day (check-in, wins, marks, reflection);
//! - `marks`: how each promise went on a day;
//! - `words`: the story's text, from `assets/demo.toml`.
//!
//! It may use `domain` (the [`Journal`] API and its values) and `store`'s
//! [`Counts`]; nothing in the crate uses it but the command line and tests.

mod day;
mod marks;
mod story;
mod words;
mod years;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::domain::{self, Journal, Mark, Status};
use crate::store::Counts;
use words::Words;
pub use years::{MAX_YEARS, Scale, fill_years};

/// The most weeks a demo covers (ten years).
pub const MAX_WEEKS: u32 = 520;

/// The same seed every time: the same weeks and the same today give the same
/// journal.
const SEED: u64 = 0x5357_494E_0000_0001;

/// Reading targets, in pages: where it starts, what it shrinks to after a run
/// of missed nights, and what it grows to once the smaller one is easy.
const READ_FIRST: f64 = 10.0;
const READ_SMALLER: f64 = 5.0;
const READ_GROWN: f64 = 8.0;

/// The demo story's words, once `journal` is known to be empty: a demo is
/// never mixed into a journal that has entries.
fn ready(journal: &Journal) -> domain::Result<Words> {
    if !journal.counts()?.is_empty() {
        return Err(domain::Error::Input(
            "This journal already has entries, so the demo was not added; point --db at a new file to try it."
                .into(),
        ));
    }
    // A unit test reads the same embedded words, so this refusal is for a
    // build whose tests were skipped.
    Words::embedded().map_err(|_| {
        domain::Error::Input(
            "This build's demo story could not be read, so nothing was written; reinstall smallwins to get a working demo."
                .into(),
        )
    })
}

/// Fills an empty journal with `weeks` weeks of lived-in history ending
/// today, and returns what it now holds. Refuses a journal that has data.
///
/// `weeks` is clamped to 1..=[`MAX_WEEKS`]. The journal's clock is stepped
/// through the days and put back afterwards, and the undo history is
/// cleared, so the demo cannot be undone one record at a time. Each record
/// is saved as its own change, so if a write fails part-way (a full disk,
/// say) what was written before it stays, and the error says what happened.
pub fn fill(journal: &mut Journal, weeks: u32) -> domain::Result<Counts> {
    let words = ready(journal)?;
    let weeks = weeks.clamp(1, MAX_WEEKS);
    let original = journal.clock().clone();
    let now = journal.now();
    let result = Story::new(journal, &words, now, weeks).and_then(|mut story| story.tell(journal));
    journal.set_clock(original);
    journal.clear_undo();
    result?;
    journal.counts()
}

/// The promises of the story, by their ids.
struct Cast {
    stretch: String,
    read: String,
    walk: String,
    friend: String,
    bed: String,
    notebook: Option<String>,
}

/// A mark decided for one promise on one day.
struct Planned {
    promise_id: String,
    status: Status,
    mark: Mark,
}

/// The whole story, decided day by day from one seeded generator.
struct Story<'w> {
    words: &'w Words,
    rng: fastrand::Rng,
    now: NaiveDateTime,
    today: NaiveDate,
    start: NaiveDate,
    /// Number of days, today included.
    days: u64,
    day_starts_at: NaiveTime,
    week_starts_on: Weekday,
    /// Day indexes of the turning points.
    shrink_day: u64,
    grow_day: u64,
    notebook_day: u64,
    archive_day: u64,
    read_target: f64,
    /// How much of each past day was shown up for (0–1), for the confidence
    /// that trails behind it.
    shown_up: Vec<Option<f64>>,
    /// The week the friend plan is for, and the day offsets in it.
    friend_week: Option<(NaiveDate, Vec<u64>)>,
    /// Marks left for the next morning, when an evening went by unrecorded.
    pending: Vec<(NaiveDate, Planned)>,
    /// Shuffled decks of the word lists, keyed by the list itself (its place
    /// in `words`), so a sentence comes back only after the rest of its list
    /// has been used.
    decks: HashMap<*const String, Vec<usize>>,
}
