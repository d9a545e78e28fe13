//! How a promise went on a day: marking it kept, partly kept or missed
//! (with an amount, a note, a lesson), and clearing the mark.
//!
//! May use: `store`, `model` and the rest of `domain`.

use chrono::NaiveDate;

use super::Journal;
use crate::domain::undo::Change;
use crate::domain::{Result, input, validate};
use crate::model::{self, Check, Promise, Status};

/// How a promise went on a day.
#[derive(Debug, Clone, Default)]
pub struct Mark {
    pub amount: Option<f64>,
    pub note: Option<String>,
    pub lesson: Option<String>,
}

impl Journal {
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
        let check = self.checked(&promise, day, status, mark, before.as_ref())?;
        let label = format!("marked “{}” {}", promise.text, status.label());
        let mut change = Change::default();
        change.check(check.clone(), before);
        self.commit(change, label)?;
        Ok(check)
    }

    /// The check a mark makes, from what was there `before`: an amount
    /// carries over while the result stays the same, a note until another
    /// is given, a lesson while the promise stays missed.
    fn checked(
        &self,
        promise: &Promise,
        day: NaiveDate,
        status: Status,
        mark: Mark,
        before: Option<&Check>,
    ) -> Result<Check> {
        let amount = match mark.amount {
            Some(a) => Some(validate::amount(a)?),
            None if status == Status::Kept && promise.is_measure() => promise.target_on(day),
            None => before.filter(|c| c.status == status).and_then(|c| c.amount),
        };
        let lesson = validate::LESSON.optional(mark.lesson.as_deref())?;
        if lesson.is_some() && status != Status::Missed {
            return input("A lesson goes with a missed promise; use --note for anything else.");
        }
        Ok(Check {
            id: before.map(|c| c.id.clone()).unwrap_or_else(model::new_id),
            promise_id: promise.id.clone(),
            day,
            status,
            amount,
            note: match mark.note {
                Some(n) => validate::NOTE.optional(Some(&n))?,
                None => before.and_then(|c| c.note.clone()),
            },
            lesson: match lesson {
                Some(l) => Some(l),
                None if status == Status::Missed => before.and_then(|c| c.lesson.clone()),
                None => None,
            },
            updated_at: self.now(),
        })
    }

    /// Clears the mark of a promise on a day (back to "not yet marked").
    pub fn unmark(&mut self, promise_id: &str, day: NaiveDate) -> Result<()> {
        let Some(before) = self.store.check(promise_id, day)? else {
            return Ok(());
        };
        let mut change = Change::default();
        change.remove_check(before);
        self.commit(change, "cleared a mark".into())
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
