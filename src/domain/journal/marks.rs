//! How a promise went on a day: marking it kept, partly kept, kept in its
//! smaller version, or missed (with an amount, a note, a lesson), and
//! clearing the mark.
//!
//! Two rules live here. **Amounts**: for a measured promise an amount
//! decides between kept and partly kept by the target in force that day
//! ([`status_for_amount`]), the same from the command line and the
//! full-screen journal. **If it happened, it counts**: showing up on a day
//! before a promise's first day moves its start back to that day, so the
//! calendar, the rates and the review all count it.
//!
//! May use: `store`, `model` and the rest of `domain`.

use chrono::NaiveDate;

use super::Journal;
use crate::domain::undo::Change;
use crate::domain::{Result, input, validate};
use crate::model::{Check, Promise, Status, identity};

/// How a promise went on a day.
#[derive(Debug, Clone, Default)]
pub struct Mark {
    pub amount: Option<f64>,
    pub note: Option<String>,
    pub lesson: Option<String>,
}

impl Journal {
    /// Records how a promise went on a day, replacing any earlier mark.
    ///
    /// For a measured promise, kept or partly kept with an amount follows
    /// the amount ([`status_for_amount`]): "kept, 4 pages" of a 10-page
    /// target is recorded as partly kept. The returned check says what was
    /// recorded.
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
                promise.number
            ));
        }
        if let Some(amount) = mark.amount {
            validate::amount(amount)?;
        }
        let status = settled(&promise, day, status, mark.amount)?;
        let before = self.store.check(promise_id, day)?;
        let check = self.checked(&promise, day, status, mark, before.as_ref())?;
        let label = format!("marked “{}” {}", promise.text, status.label());
        let mut change = Change::default();
        if status.showed_up() && day < promise.created_on {
            change.promise(self.started_on(&promise, day));
        }
        change.check(check.clone());
        self.commit(change, label)?;
        Ok(check)
    }

    /// Sets (or, empty, clears) the note on a promise's mark on a day,
    /// keeping the mark, its amount and its lesson as they are.
    pub fn note(&mut self, promise_id: &str, day: NaiveDate, note: &str) -> Result<Check> {
        let Some(check) = self.store.check(promise_id, day)? else {
            return input(
                "Mark the promise first (kept, partly, smaller or missed); the note goes with the mark.",
            );
        };
        let mark = Mark {
            amount: check.amount,
            note: Some(note.to_string()),
            lesson: check.lesson.clone(),
        };
        self.mark(promise_id, day, check.status, mark)
    }

    /// `promise` starting on `day` instead: its first words and its first
    /// target reach back to that day.
    fn started_on(&self, promise: &Promise, day: NaiveDate) -> Promise {
        let mut p = promise.clone();
        if let Some(first) = p.versions.iter_mut().min_by_key(|v| v.from) {
            first.from = first.from.min(day);
        }
        if let Some(first) = p.targets.iter_mut().min_by_key(|t| t.from) {
            first.from = first.from.min(day);
        }
        p.created_on = day;
        p.updated_at = self.stamp();
        // A target or version whose day moved is known by its new day.
        identity::rekey_promise(&mut p);
        p
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
            id: identity::check_id(&promise.id, day),
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
            updated_at: self.stamp(),
        })
    }

    /// Clears the mark of a promise on a day (back to "not yet marked").
    pub fn unmark(&mut self, promise_id: &str, day: NaiveDate) -> Result<()> {
        let Some(before) = self.store.check(promise_id, day)? else {
            return Ok(());
        };
        let mut change = Change::default();
        change.remove_check(before.promise_id, before.day);
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

/// The one rule for amounts: which status an amount earns against the
/// target in force that day. The full target (or more) is kept; anything
/// above zero is partly kept (it happened, so it counts); nothing at all
/// is a miss. Without a target, any amount above zero is kept.
pub fn status_for_amount(amount: f64, target: Option<f64>) -> Status {
    match target {
        Some(t) if amount >= t => Status::Kept,
        None if amount > 0.0 => Status::Kept,
        _ if amount > 0.0 => Status::Partial,
        _ => Status::Missed,
    }
}

/// The status a mark records: kept or partly kept with an amount follows
/// the amount ([`status_for_amount`]), so nothing at all is noted as
/// missed; the smaller version needs one to exist that day.
fn settled(
    promise: &Promise,
    day: NaiveDate,
    status: Status,
    amount: Option<f64>,
) -> Result<Status> {
    if status == Status::Smaller && promise.as_on(day).smaller.is_none() {
        return input(format!(
            "“{}” has no smaller version yet; give it one with `smallwins promise edit {} --smaller \"…\"`, or mark it partly kept.",
            crate::text::printable(promise.text_on(day)),
            promise.number
        ));
    }
    let (Some(amount), true) = (amount, promise.is_measure()) else {
        return Ok(status);
    };
    if !matches!(status, Status::Kept | Status::Partial) {
        return Ok(status);
    }
    Ok(status_for_amount(amount, promise.target_on(day)))
}
