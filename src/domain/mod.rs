//! The rules of the journal, and the one API both front ends call.
//!
//! [`Journal`] reads and writes through the [`Store`]; it takes "now" from a
//! [`Clock`] that is passed in, so every rule can be tested at any date and
//! hour. Every change is saved the moment it is made, and each change made
//! through a `Journal` can be undone with [`Journal::undo`].

pub mod clock;
pub mod day;
pub mod evidence;
mod import;
pub mod prompts;
pub mod rule;
pub mod stats;
pub mod validate;
pub mod words;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

pub use crate::model;
pub use clock::Clock;
pub use model::{Check, CheckIn, Due, Promise, Reflection, Schedule, Status, Target, Win};
pub use stats::{DayMark, PromiseWeek, WeekSummary};

use crate::model::Config;
use crate::store::{Counts, Export, ImportReport, Store, StoreError};

// Limits on what the journal keeps, the same for the full-screen journal,
// the command line and imports (`validate` applies them; README "Limits"
// lists them). Lengths are in characters, after control characters are
// dropped and surrounding space is trimmed.

/// Longest promise text: a tiny promise fits on one line.
pub const MAX_PROMISE_LEN: usize = 200;
/// Longest cue or smaller version (a smaller version can become the promise).
pub const MAX_CUE_LEN: usize = 200;
/// Longest unit or area: a word or two.
pub const MAX_LABEL_LEN: usize = 40;
/// Longest win, note, lesson or intention.
pub const MAX_ENTRY_LEN: usize = 2_000;
/// Longest reflection or weekly answer.
pub const MAX_ANSWER_LEN: usize = 20_000;
/// Largest amount or target; amounts are zero or more, targets above zero.
pub const MAX_AMOUNT: f64 = 1_000_000_000.0;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the person typed that cannot be used as it is. The message
    /// says what was wrong and what would be right.
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// Whether the person can fix this by typing something else.
    pub fn is_input(&self) -> bool {
        matches!(self, Error::Input(_))
    }
}

fn input<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Input(message.into()))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A promise to be added.
#[derive(Debug, Clone, Default)]
pub struct NewPromise {
    pub text: String,
    pub cue: Option<String>,
    pub smaller: Option<String>,
    pub area: Option<String>,
    pub schedule: Option<Schedule>,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

/// Changes to a promise; `None` leaves a field as it is, and an empty string
/// clears an optional text.
#[derive(Debug, Clone, Default)]
pub struct PromiseEdit {
    pub text: Option<String>,
    pub cue: Option<String>,
    pub smaller: Option<String>,
    pub area: Option<String>,
    pub schedule: Option<Schedule>,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

/// How a promise went on a day.
#[derive(Debug, Clone, Default)]
pub struct Mark {
    pub amount: Option<f64>,
    pub note: Option<String>,
    pub lesson: Option<String>,
}

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

/// Weeks shown side by side in trends.
pub const TREND_WEEKS: i64 = 12;

struct Records {
    promises: Vec<Promise>,
    checks: Vec<Check>,
    wins: Vec<Win>,
    checkins: Vec<CheckIn>,
    reflections: Vec<Reflection>,
}

/// The evidence as of today.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    pub totals: evidence::Totals,
    pub promises: Vec<evidence::PromiseEvidence>,
    /// The last twelve weeks, oldest first.
    pub weeks: Vec<evidence::WeekPoint>,
    pub patterns: Option<evidence::Patterns>,
    pub suggestions: Vec<evidence::Suggestion>,
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
    pub strengths: BTreeMap<String, evidence::PromiseEvidence>,
    pub wins_by_area: Vec<(String, u32)>,
    pub misses: Vec<MissNote>,
    /// Twelve weeks ending with this one, oldest first.
    pub weeks: Vec<evidence::WeekPoint>,
    pub patterns: Option<evidence::Patterns>,
    /// Open suggestions (only for the current week).
    pub suggestions: Vec<evidence::Suggestion>,
    pub review: Option<evidence::Review>,
}

/// Evidence shown on a hard evening.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Resurface {
    pub kept_so_far: u32,
    pub win: Option<Win>,
}

/// What `undo` puts back.
#[derive(Debug, Clone)]
enum UndoStep {
    Promise {
        id: String,
        before: Option<Promise>,
    },
    Order {
        before: Vec<(String, i64)>,
    },
    Check {
        promise_id: String,
        day: NaiveDate,
        before: Option<Check>,
    },
    Win {
        id: String,
        before: Option<Win>,
    },
    CheckIn {
        day: NaiveDate,
        before: Option<CheckIn>,
    },
    Reflection {
        day: NaiveDate,
        before: Option<Reflection>,
    },
    Review {
        week_start: NaiveDate,
        before: Option<evidence::Review>,
    },
    /// Several steps made by one action, undone together.
    Group(Vec<UndoStep>),
}

#[derive(Debug, Clone)]
struct UndoEntry {
    step: UndoStep,
    label: String,
}

/// Undo history kept per session.
const UNDO_DEPTH: usize = 100;

pub struct Journal {
    store: Store,
    clock: Clock,
    config: Config,
    undo: Vec<UndoEntry>,
    /// Bumped on every change made through this journal.
    generation: u64,
}

impl Journal {
    pub fn open(path: &Path, clock: Clock, config: Config) -> Result<Journal> {
        Ok(Journal::new(Store::open(path)?, clock, config))
    }

    pub fn new(store: Store, clock: Clock, config: Config) -> Journal {
        Journal {
            store,
            clock,
            config,
            undo: Vec::new(),
            generation: 0,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The journal's today, by the day boundary rule.
    pub fn today(&self) -> NaiveDate {
        day::journal_day(self.now(), self.config.day_starts_at)
    }

    /// Whether it is evening: from `evening_from` until the day boundary.
    pub fn is_evening(&self) -> bool {
        let now = self.now();
        day::journal_day(now, self.config.day_starts_at) != now.date()
            || now.time() >= self.config.evening_from
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

    // ----- promises ---------------------------------------------------

    /// Promises in list order; their index + 1 is their short number.
    pub fn promises(&self, include_archived: bool) -> Result<Vec<Promise>> {
        Ok(self.store.promises(include_archived)?)
    }

    /// Finds a promise by short number or a unique case-insensitive prefix
    /// of its text. Active promises are preferred over archived ones.
    pub fn find_promise(&self, query: &str) -> Result<Promise> {
        let all = self.promises(true)?;
        let q = query.trim();
        // What was typed, as messages quote it: short, no control characters.
        let shown = validate::echo(q);
        if q.is_empty() {
            return input(
                "No promise was named; give its number from `smallwins promise list` or the start of its text.",
            );
        }
        if q.chars().all(|c| c.is_ascii_digit()) {
            let n: usize = q.parse().unwrap_or(0);
            return match n.checked_sub(1).and_then(|i| all.get(i)) {
                Some(p) => Ok(p.clone()),
                None => input(format!(
                    "There is no promise number {shown}; `smallwins promise list --all` shows the numbers."
                )),
            };
        }
        let lower = q.to_lowercase();
        let exact: Vec<&Promise> = all
            .iter()
            .filter(|p| p.text.to_lowercase() == lower)
            .collect();
        if let [one] = exact.as_slice() {
            return Ok((*one).clone());
        }
        let matching: Vec<&Promise> = all
            .iter()
            .filter(|p| p.text.to_lowercase().starts_with(&lower))
            .collect();
        let active: Vec<&&Promise> = matching.iter().filter(|p| !p.is_archived()).collect();
        match (matching.as_slice(), active.as_slice()) {
            ([], _) => input(format!(
                "No promise starts with \"{shown}\"; `smallwins promise list` shows them all."
            )),
            ([one], _) => Ok((*one).clone()),
            (_, [one]) => Ok((**one).clone()),
            (many, _) => {
                let names: Vec<String> = many
                    .iter()
                    .take(4)
                    .map(|p| format!("\"{}\"", p.text))
                    .collect();
                input(format!(
                    "\"{shown}\" matches more than one promise ({}); type more of the text or use its number.",
                    names.join(", ")
                ))
            }
        }
    }

    /// The short number of a promise (its place in the full list).
    pub fn number_of(&self, id: &str) -> Result<usize> {
        Ok(self
            .promises(true)?
            .iter()
            .position(|p| p.id == id)
            .map(|i| i + 1)
            .unwrap_or(0))
    }

    pub fn add_promise(&mut self, new: NewPromise) -> Result<Promise> {
        let text = validate::PROMISE.required(&new.text)?;
        let schedule = new.schedule.unwrap_or(Schedule::Daily);
        schedule.validate().map_err(Error::Input)?;
        let unit = validate::UNIT.optional(new.unit.as_deref())?;
        let targets = match (new.target, &unit) {
            (Some(amount), Some(_)) => vec![Target {
                id: model::new_id(),
                from: self.today(),
                amount: validate::target(amount)?,
            }],
            (Some(_), None) => {
                return input("A target needs a unit too, like --target 10 --unit minutes.");
            }
            (None, Some(u)) => {
                return input(format!(
                    "A measured promise needs a target too, like --target 10 --unit {u}."
                ));
            }
            (None, None) => vec![],
        };
        let position = self
            .promises(false)?
            .iter()
            .map(|p| p.position + 1)
            .max()
            .unwrap_or(0);
        let promise = Promise {
            id: model::new_id(),
            text,
            cue: validate::CUE.optional(new.cue.as_deref())?,
            smaller: validate::SMALLER.optional(new.smaller.as_deref())?,
            area: validate::AREA.optional(new.area.as_deref())?,
            schedule,
            unit,
            targets,
            position,
            created_on: self.today(),
            archived_on: None,
            updated_at: self.now(),
        };
        self.store.write(|w| w.put_promise(&promise))?;
        self.remember(
            UndoStep::Promise {
                id: promise.id.clone(),
                before: None,
            },
            format!("added “{}”", promise.text),
        );
        Ok(promise)
    }

    pub fn edit_promise(&mut self, id: &str, edit: PromiseEdit) -> Result<Promise> {
        let before = self.promise_by_id(id)?;
        let mut p = before.clone();
        if let Some(text) = &edit.text {
            p.text = validate::PROMISE.required(text)?;
        }
        if let Some(cue) = &edit.cue {
            p.cue = validate::CUE.optional(Some(cue))?;
        }
        if let Some(smaller) = &edit.smaller {
            p.smaller = validate::SMALLER.optional(Some(smaller))?;
        }
        if let Some(area) = &edit.area {
            p.area = validate::AREA.optional(Some(area))?;
        }
        if let Some(schedule) = edit.schedule {
            schedule.validate().map_err(Error::Input)?;
            p.schedule = schedule;
        }
        if let Some(unit) = &edit.unit {
            p.unit = validate::UNIT.optional(Some(unit))?;
            if p.unit.is_none() {
                p.targets.clear();
            }
        }
        match (edit.target, &p.unit) {
            (Some(_), None) => {
                return input("A target needs a unit too, like --target 10 --unit minutes.");
            }
            (Some(amount), Some(_)) => {
                let amount = validate::target(amount)?;
                let today = self.today();
                if p.target_on(today) != Some(amount) || p.targets.is_empty() {
                    p.targets.retain(|t| t.from != today);
                    p.targets.push(Target {
                        id: model::new_id(),
                        from: today,
                        amount,
                    });
                    p.targets.sort_by_key(|t| t.from);
                }
            }
            (None, Some(u)) if p.targets.is_empty() => {
                return input(format!(
                    "A measured promise needs a target too, like --target 10 --unit {u}."
                ));
            }
            (None, _) => {}
        }
        if p == before {
            return Ok(p);
        }
        p.updated_at = self.now();
        self.store.write(|w| w.put_promise(&p))?;
        self.remember(
            UndoStep::Promise {
                id: p.id.clone(),
                before: Some(before),
            },
            format!("edited “{}”", p.text),
        );
        Ok(p)
    }

    /// Archives a promise: it stops appearing from today on, and its history
    /// stays.
    pub fn archive_promise(&mut self, id: &str) -> Result<Promise> {
        self.set_archived(id, true)
    }

    pub fn unarchive_promise(&mut self, id: &str) -> Result<Promise> {
        self.set_archived(id, false)
    }

    fn set_archived(&mut self, id: &str, archived: bool) -> Result<Promise> {
        let before = self.promise_by_id(id)?;
        if before.is_archived() == archived {
            return Ok(before);
        }
        let mut p = before.clone();
        p.archived_on = archived.then(|| self.today());
        p.updated_at = self.now();
        if !archived {
            p.position = self
                .promises(false)?
                .iter()
                .map(|q| q.position + 1)
                .max()
                .unwrap_or(0);
        }
        self.store.write(|w| w.put_promise(&p))?;
        let verb = if archived { "archived" } else { "brought back" };
        self.remember(
            UndoStep::Promise {
                id: p.id.clone(),
                before: Some(before),
            },
            format!("{verb} “{}”", p.text),
        );
        Ok(p)
    }

    /// Moves an active promise up (`-1`) or down (`+1`) the list.
    pub fn move_promise(&mut self, id: &str, delta: i32) -> Result<()> {
        let active = self.promises(false)?;
        let before: Vec<(String, i64)> =
            active.iter().map(|p| (p.id.clone(), p.position)).collect();
        let Some(from) = before.iter().position(|(p, _)| p == id) else {
            return input("Only active promises can be moved.");
        };
        let to = (from as i64 + i64::from(delta)).clamp(0, before.len() as i64 - 1) as usize;
        if to == from {
            return Ok(());
        }
        let mut order: Vec<String> = before.iter().map(|(id, _)| id.clone()).collect();
        let moved = order.remove(from);
        order.insert(to, moved);
        self.store.write(|w| w.set_order(&order))?;
        self.remember(UndoStep::Order { before }, "moved a promise".into());
        Ok(())
    }

    fn promise_by_id(&self, id: &str) -> Result<Promise> {
        self.promises(true)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::Input("That promise is no longer in the journal.".into()))
    }

    // ----- checks -----------------------------------------------------

    /// Records how a promise went on a day, replacing any earlier mark.
    pub fn mark(
        &mut self,
        promise_id: &str,
        day: NaiveDate,
        status: Status,
        mark: Mark,
    ) -> Result<Check> {
        self.check_day(day)?;
        let promise = self.promise_by_id(promise_id)?;
        if promise.schedule.problem().is_some() {
            return input(format!(
                "“{}” has no schedule it can use ({}), so it asks for nothing yet; give it one on the Promises screen or with `smallwins promise edit {} --daily`.",
                crate::text::printable(&promise.text),
                promise.schedule,
                self.number_of(&promise.id)?
            ));
        }
        let before = self.store.check(promise_id, day)?;
        let amount = match mark.amount {
            Some(a) => Some(validate::amount(a)?),
            None if status == Status::Kept && promise.is_measure() => promise.target_on(day),
            // An amount carries over only while the result stays the same.
            None => before
                .as_ref()
                .filter(|c| c.status == status)
                .and_then(|c| c.amount),
        };
        let lesson = validate::LESSON.optional(mark.lesson.as_deref())?;
        if lesson.is_some() && status != Status::Missed {
            return input("A lesson goes with a missed promise; use --note for anything else.");
        }
        let check = Check {
            id: before
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_else(model::new_id),
            promise_id: promise_id.to_string(),
            day,
            status,
            amount,
            note: match mark.note {
                Some(n) => validate::NOTE.optional(Some(&n))?,
                None => before.as_ref().and_then(|c| c.note.clone()),
            },
            lesson: match lesson {
                Some(l) => Some(l),
                None if status == Status::Missed => before.as_ref().and_then(|c| c.lesson.clone()),
                None => None,
            },
            updated_at: self.now(),
        };
        self.store.write(|w| w.put_check(&check))?;
        self.remember(
            UndoStep::Check {
                promise_id: promise_id.to_string(),
                day,
                before,
            },
            format!("marked “{}” {}", promise.text, status.label()),
        );
        Ok(check)
    }

    /// Clears the mark of a promise on a day (back to "not yet marked").
    pub fn unmark(&mut self, promise_id: &str, day: NaiveDate) -> Result<()> {
        let Some(before) = self.store.check(promise_id, day)? else {
            return Ok(());
        };
        self.store.write(|w| w.delete_check(promise_id, day))?;
        self.remember(
            UndoStep::Check {
                promise_id: promise_id.to_string(),
                day,
                before: Some(before),
            },
            "cleared a mark".into(),
        );
        Ok(())
    }

    /// Kept if it was not; unmarked if it was. Returns the new check.
    pub fn toggle_kept(&mut self, promise_id: &str, day: NaiveDate) -> Result<Option<Check>> {
        match self.store.check(promise_id, day)? {
            Some(c) if c.status == Status::Kept => {
                self.unmark(promise_id, day)?;
                Ok(None)
            }
            _ => self
                .mark(promise_id, day, Status::Kept, Mark::default())
                .map(Some),
        }
    }

    // ----- wins, check-ins, reflections ---------------------------------

    pub fn add_win(&mut self, day: NaiveDate, text: &str, area: Option<&str>) -> Result<Win> {
        self.check_day(day)?;
        let win = Win {
            id: model::new_id(),
            day,
            text: validate::WIN.required(text)?,
            area: validate::AREA.optional(area)?,
            created_at: self.now(),
        };
        self.store.write(|w| w.put_win(&win))?;
        self.remember(
            UndoStep::Win {
                id: win.id.clone(),
                before: None,
            },
            "added a win".into(),
        );
        Ok(win)
    }

    pub fn edit_win(&mut self, win: &Win, text: &str) -> Result<Win> {
        let mut new = win.clone();
        new.text = validate::WIN.required(text)?;
        if new == *win {
            return Ok(new);
        }
        self.store.write(|w| w.put_win(&new))?;
        self.remember(
            UndoStep::Win {
                id: win.id.clone(),
                before: Some(win.clone()),
            },
            "edited a win".into(),
        );
        Ok(new)
    }

    pub fn delete_win(&mut self, win: &Win) -> Result<()> {
        self.store.write(|w| w.delete_win(&win.id))?;
        self.remember(
            UndoStep::Win {
                id: win.id.clone(),
                before: Some(win.clone()),
            },
            "deleted a win".into(),
        );
        Ok(())
    }

    /// Saves the morning check-in; a `None` keeps what was there.
    pub fn check_in(
        &mut self,
        day: NaiveDate,
        intention: Option<&str>,
        confidence: Option<u8>,
    ) -> Result<CheckIn> {
        self.check_day(day)?;
        validate::rating(confidence, "confidence")?;
        let before = self.checkin_on(day)?;
        let intention = match intention {
            Some(t) => validate::INTENTION.optional(Some(t))?,
            None => before.as_ref().and_then(|c| c.intention.clone()),
        };
        let checkin = CheckIn {
            id: before
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_else(model::new_id),
            day,
            intention,
            confidence: confidence.or(before.as_ref().and_then(|c| c.confidence)),
            updated_at: self.now(),
        };
        self.store.write(|w| w.put_checkin(&checkin))?;
        self.remember(
            UndoStep::CheckIn { day, before },
            "saved the check-in".into(),
        );
        Ok(checkin)
    }

    /// Saves the evening reflection; answers are merged by key (an empty
    /// answer removes that key) and a `None` rating keeps what was there.
    pub fn reflect(
        &mut self,
        day: NaiveDate,
        answers: &BTreeMap<String, String>,
        mood: Option<u8>,
        confidence: Option<u8>,
    ) -> Result<Reflection> {
        self.check_day(day)?;
        validate::rating(mood, "mood")?;
        validate::rating(confidence, "confidence")?;
        let before = self.reflection_on(day)?;
        let mut merged = before
            .as_ref()
            .map(|r| r.answers.clone())
            .unwrap_or_default();
        for (key, text) in answers {
            let key = answer_key(key)?;
            match validate::ANSWER.optional(Some(text))? {
                Some(text) => merged.insert(key, text),
                None => merged.remove(&key),
            };
        }
        let reflection = Reflection {
            id: before
                .as_ref()
                .map(|r| r.id.clone())
                .unwrap_or_else(model::new_id),
            day,
            answers: merged,
            mood: mood.or(before.as_ref().and_then(|r| r.mood)),
            confidence: confidence.or(before.as_ref().and_then(|r| r.confidence)),
            updated_at: self.now(),
        };
        self.store.write(|w| w.put_reflection(&reflection))?;
        self.remember(
            UndoStep::Reflection { day, before },
            "saved the reflection".into(),
        );
        Ok(reflection)
    }

    fn checkin_on(&self, day: NaiveDate) -> Result<Option<CheckIn>> {
        Ok(self.store.checkins_between(day, day)?.into_iter().next())
    }

    fn reflection_on(&self, day: NaiveDate) -> Result<Option<Reflection>> {
        Ok(self.store.reflections_between(day, day)?.into_iter().next())
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

    // ----- reading ------------------------------------------------------

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

    // ----- evidence and the weekly review --------------------------------

    /// Everything recorded from `from` on (all of it with `None`).
    fn records(&self, from: Option<NaiveDate>) -> Result<Records> {
        let lo = from.unwrap_or(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default());
        let hi = self.today();
        Ok(Records {
            promises: self.promises(true)?,
            checks: self.store.checks_between(lo, hi)?,
            wins: self.store.wins_between(lo, hi)?,
            checkins: self.store.checkins_between(lo, hi)?,
            reflections: self.store.reflections_between(lo, hi)?,
        })
    }

    /// The evidence as of today: totals, each active promise's rates and
    /// strength, twelve weeks side by side, patterns, and suggestions.
    pub fn evidence(&self) -> Result<Evidence> {
        let today = self.today();
        let r = self.records(None)?;
        let this_week = self.week_start(today);
        Ok(Evidence {
            totals: evidence::totals(&r.checks, &r.wins, today),
            promises: self.promise_evidence(&r, today),
            weeks: self.week_points(&r, this_week),
            patterns: evidence::patterns(
                &r.promises,
                &r.checks,
                &r.wins,
                this_week - chrono::Duration::days(7 * (TREND_WEEKS - 1)),
                today,
            ),
            suggestions: self.open_suggestions(&r)?,
        })
    }

    fn promise_evidence(&self, r: &Records, upto: NaiveDate) -> Vec<evidence::PromiseEvidence> {
        let refs: Vec<&Check> = r.checks.iter().filter(|c| c.day <= upto).collect();
        r.promises
            .iter()
            .filter(|p| p.active_on(upto))
            .map(|p| evidence::promise_evidence(p, &refs, upto, self.config.week_starts_on))
            .collect()
    }

    fn week_points(&self, r: &Records, last_week: NaiveDate) -> Vec<evidence::WeekPoint> {
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

    /// Suggestions not decided on in the last two weeks.
    fn open_suggestions(&self, r: &Records) -> Result<Vec<evidence::Suggestion>> {
        let today = self.today();
        let since = today - chrono::Duration::days(evidence::DECISION_QUIET_DAYS);
        let recent: Vec<evidence::Decision> = self
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
        let r = self.records(None)?;
        let summary = self.week(week_start)?;
        let previous = self.week(week_start - chrono::Duration::days(7))?;
        let upto = end.min(today);
        let strengths = self
            .promise_evidence(&r, upto)
            .into_iter()
            .map(|e| (e.promise_id.clone(), e))
            .collect();
        let in_week = |d: NaiveDate| d >= week_start && d <= end;
        let mut areas: BTreeMap<String, u32> = BTreeMap::new();
        for w in r.wins.iter().filter(|w| in_week(w.day)) {
            *areas
                .entry(w.area.clone().unwrap_or_else(|| "other".into()))
                .or_insert(0) += 1;
        }
        let mut wins_by_area: Vec<(String, u32)> = areas.into_iter().collect();
        wins_by_area.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let misses = r
            .checks
            .iter()
            .filter(|c| in_week(c.day) && (c.note.is_some() || c.lesson.is_some()))
            .filter(|c| c.status != Status::Kept)
            .map(|c| MissNote {
                day: c.day,
                promise: r
                    .promises
                    .iter()
                    .find(|p| p.id == c.promise_id)
                    .map(|p| p.text.clone())
                    .unwrap_or_default(),
                status: c.status,
                note: c.note.clone(),
                lesson: c.lesson.clone(),
            })
            .collect();
        let current = week_start <= today && today <= end;
        Ok(ReviewView {
            week_start,
            summary,
            previous,
            strengths,
            wins_by_area,
            misses,
            weeks: self.week_points(&r, week_start),
            patterns: evidence::patterns(
                &r.promises,
                &r.checks,
                &r.wins,
                week_start - chrono::Duration::days(7 * (TREND_WEEKS - 1)),
                upto,
            ),
            suggestions: if current {
                self.open_suggestions(&r)?
            } else {
                Vec::new()
            },
            review: self.review_record(week_start)?,
        })
    }

    fn review_record(&self, week_start: NaiveDate) -> Result<Option<evidence::Review>> {
        Ok(self
            .store
            .reviews_between(week_start, week_start)?
            .into_iter()
            .next())
    }

    /// Saves an answer to a weekly prompt (an empty answer removes it).
    pub fn answer_weekly(&mut self, week_start: NaiveDate, key: &str, text: &str) -> Result<()> {
        self.check_day(week_start)?;
        let key = answer_key(key)?;
        let text = validate::ANSWER.optional(Some(text))?;
        let before = self.review_record(week_start)?;
        let mut review = before
            .clone()
            .unwrap_or_else(|| self.new_review(week_start));
        match text {
            Some(text) => review.answers.insert(key, text),
            None => review.answers.remove(&key),
        };
        review.updated_at = self.now();
        self.store.write(|w| w.put_review(&review))?;
        self.remember(
            UndoStep::Review { week_start, before },
            "saved a weekly answer".into(),
        );
        Ok(())
    }

    fn new_review(&self, week_start: NaiveDate) -> evidence::Review {
        evidence::Review {
            id: model::new_id(),
            week_start,
            answers: BTreeMap::new(),
            decisions: Vec::new(),
            updated_at: self.now(),
        }
    }

    /// Accepts or dismisses a suggestion. Accepting carries it out (a new
    /// target from today, the smaller version as the promise, or archiving
    /// the others); either way the decision is recorded with the date, and
    /// one `undo` takes all of it back. Returns what happened, in words.
    pub fn decide(&mut self, suggestion: &evidence::Suggestion, accept: bool) -> Result<String> {
        use evidence::Proposal;
        let mark = self.undo.len();
        let result = (|| -> Result<String> {
            let mut message = if accept {
                "Done; it's in this week's review.".to_string()
            } else {
                "Set aside for now; the record will speak again.".to_string()
            };
            if accept {
                let id = suggestion.promise_id.clone().unwrap_or_default();
                match &suggestion.proposal {
                    Proposal::UseSmaller { smaller } => {
                        let before = self.promise_by_id(&id)?;
                        self.edit_promise(
                            &id,
                            PromiseEdit {
                                text: Some(smaller.clone()),
                                smaller: Some(String::new()),
                                ..PromiseEdit::default()
                            },
                        )?;
                        message = format!(
                            "“{smaller}” it is, from today. “{}” can come back any time.",
                            before.text
                        );
                    }
                    Proposal::LowerTarget { amount } | Proposal::RaiseTarget { amount } => {
                        let p = self.edit_promise(
                            &id,
                            PromiseEdit {
                                target: Some(*amount),
                                ..PromiseEdit::default()
                            },
                        )?;
                        message = format!(
                            "New target from today: {}. Earlier days keep theirs.",
                            p.target_label(self.today()).unwrap_or_default()
                        );
                    }
                    Proposal::KeepOnlyOne { keep_id } => {
                        let others: Vec<String> = self
                            .promises(false)?
                            .into_iter()
                            .filter(|p| &p.id != keep_id)
                            .map(|p| p.id)
                            .collect();
                        for other in &others {
                            self.archive_promise(other)?;
                        }
                        message = format!(
                            "Keeping one for now; {} archived with their history.",
                            others.len()
                        );
                    }
                    Proposal::AskSmaller | Proposal::AddOne => {}
                }
            }
            let week_start = self.week_start(self.today());
            let before = self.review_record(week_start)?;
            let mut review = before
                .clone()
                .unwrap_or_else(|| self.new_review(week_start));
            review.decisions.push(evidence::Decision {
                key: suggestion.key.clone(),
                accepted: accept,
                on: self.today(),
                headline: suggestion.headline.clone(),
            });
            review.updated_at = self.now();
            self.store.write(|w| w.put_review(&review))?;
            self.remember(UndoStep::Review { week_start, before }, String::new());
            Ok(message)
        })();
        // Whatever was done, one undo takes it back.
        let steps: Vec<UndoStep> = self.undo.drain(mark..).map(|e| e.step).collect();
        if !steps.is_empty() {
            let label = if accept {
                format!("accepted “{}”", suggestion.headline)
            } else {
                format!("set aside “{}”", suggestion.headline)
            };
            self.undo.push(UndoEntry {
                step: UndoStep::Group(steps),
                label,
            });
        }
        result
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
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        let checks = self.store.checks_between(first, day)?;
        let earlier = self
            .store
            .wins_between(first, day.pred_opt().unwrap_or(day))?;
        Ok(Some(Resurface {
            kept_so_far: checks.iter().filter(|c| c.status.showed_up()).count() as u32,
            win: evidence::resurfaced_win(&earlier, day).cloned(),
        }))
    }

    // ----- moving data in and out ----------------------------------------

    pub fn export(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Export> {
        Ok(self.store.export(from, to, self.now())?)
    }

    /// Merges an export. Every record is first checked by the same rules as
    /// typed input and its text cleaned the same way; one bad record refuses
    /// the whole file, naming it, and nothing is written. Not undoable: it is
    /// one transaction, and importing the same file again changes nothing.
    pub fn import(&mut self, data: &Export) -> Result<ImportReport> {
        if data.format != crate::store::EXPORT_FORMAT {
            return input("That file is not a smallwins export; make one with `smallwins export`.");
        }
        if data.version > crate::store::EXPORT_VERSION {
            return input(format!(
                "That export was written by a newer smallwins (format {}, this one reads up to {}); update smallwins to import it.",
                data.version,
                crate::store::EXPORT_VERSION
            ));
        }
        let data = import::checked(data, &self.promises(true)?, self.today(), self.now())?;
        let report = self.store.import(&data)?;
        // Earlier undo steps could now erase imported records.
        self.undo.clear();
        self.generation += 1;
        Ok(report)
    }

    pub fn backup(&self, dest: &Path) -> Result<()> {
        Ok(self.store.backup_to(dest)?)
    }

    // ----- undo -----------------------------------------------------------

    fn remember(&mut self, step: UndoStep, label: String) {
        self.generation += 1;
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(UndoEntry { step, label });
    }

    /// Forgets the undo history (after generating a demo, say).
    pub fn clear_undo(&mut self) {
        self.undo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Puts back what the last change altered. Returns what was undone, in
    /// words, or `None` if there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        let result = self.store.write(|w| apply_undo(w, &entry.step));
        match result {
            Ok(()) => {
                self.generation += 1;
                Ok(Some(entry.label))
            }
            Err(e) => {
                self.undo.push(entry);
                Err(e.into())
            }
        }
    }
}

fn apply_undo(w: &crate::store::Writer<'_>, step: &UndoStep) -> crate::store::Result<()> {
    match step {
        UndoStep::Promise { id, before } => match before {
            Some(p) => w.put_promise(p),
            None => w.delete_promise(id),
        },
        UndoStep::Order { before } => w.set_positions(before),
        UndoStep::Check {
            promise_id,
            day,
            before,
        } => match before {
            Some(c) => w.put_check(c),
            None => w.delete_check(promise_id, *day),
        },
        UndoStep::Win { id, before } => match before {
            Some(win) => w.put_win(win),
            None => w.delete_win(id),
        },
        UndoStep::CheckIn { day, before } => match before {
            Some(c) => w.put_checkin(c),
            None => w.delete_checkin(*day),
        },
        UndoStep::Reflection { day, before } => match before {
            Some(r) => w.put_reflection(r),
            None => w.delete_reflection(*day),
        },
        UndoStep::Review { week_start, before } => match before {
            Some(r) => w.put_review(r),
            None => w.delete_review(*week_start),
        },
        UndoStep::Group(steps) => steps.iter().rev().try_for_each(|s| apply_undo(w, s)),
    }
}

/// The promises that count on `day`, each with its check.
pub fn day_items(promises: &[Promise], checks: &[Check], day: NaiveDate) -> Vec<DayItem> {
    promises
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let check = checks
                .iter()
                .find(|c| c.promise_id == p.id && c.day == day)
                .cloned();
            if !p.active_on(day) && check.is_none() {
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

/// Which status an amount earns against a target: the full target is kept,
/// anything above zero is partly kept (it happened, so it counts).
pub fn status_for_amount(amount: f64, target: Option<f64>) -> Status {
    match target {
        Some(t) if amount >= t => Status::Kept,
        None if amount > 0.0 => Status::Kept,
        _ if amount > 0.0 => Status::Partial,
        _ => Status::Missed,
    }
}

/// A prompt key as typed with an answer, like `helped`.
fn answer_key(key: &str) -> Result<String> {
    match validate::ANSWER_KEY.optional(Some(key))? {
        Some(key) => Ok(key),
        None => input("An answer needs a prompt key, like --answer helped=\"a friend texted\"."),
    }
}
