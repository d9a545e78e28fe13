//! Undo: what each action wrote, and how to take it back.
//!
//! Every action a person takes through the [`Journal`](super::Journal) is
//! one [`Change`]: the records it writes, saved in one transaction, and the
//! writes that put back what was there before. Once saved, the change
//! becomes one [`Group`] in the [`History`], however many records it
//! touched (accepting a suggestion can edit a promise, archive others and
//! record the decision), so one undo takes back exactly one action. The
//! history holds the last [`DEPTH`] actions; older ones drop off the front
//! whole.
//!
//! May use: `store` (to apply writes) and `model`.

use std::collections::VecDeque;

use chrono::NaiveDate;

use crate::model::{Check, CheckIn, Promise, Reflection, Review, Win};
use crate::store::{self, Writer};

/// Actions kept for undo in one session.
pub const DEPTH: usize = 100;

/// One record put in place or removed.
#[derive(Debug, Clone)]
pub(crate) enum Write {
    Promise(Promise),
    RemovePromise(String),
    /// Positions exactly as given.
    Positions(Vec<(String, i64)>),
    /// Each promise's position becomes its index in the list.
    Order(Vec<String>),
    Check(Check),
    RemoveCheck {
        promise_id: String,
        day: NaiveDate,
    },
    Win(Win),
    RemoveWin(String),
    CheckIn(CheckIn),
    RemoveCheckIn(NaiveDate),
    Reflection(Reflection),
    RemoveReflection(NaiveDate),
    Review(Review),
    RemoveReview(NaiveDate),
}

impl Write {
    fn apply(&self, w: &Writer<'_>) -> store::Result<()> {
        match self {
            Write::Promise(p) => w.put_promise(p),
            Write::RemovePromise(id) => w.delete_promise(id),
            Write::Positions(positions) => w.set_positions(positions),
            Write::Order(ids) => w.set_order(ids),
            Write::Check(c) => w.put_check(c),
            Write::RemoveCheck { promise_id, day } => w.delete_check(promise_id, *day),
            Write::Win(win) => w.put_win(win),
            Write::RemoveWin(id) => w.delete_win(id),
            Write::CheckIn(c) => w.put_checkin(c),
            Write::RemoveCheckIn(day) => w.delete_checkin(*day),
            Write::Reflection(r) => w.put_reflection(r),
            Write::RemoveReflection(day) => w.delete_reflection(*day),
            Write::Review(r) => w.put_review(r),
            Write::RemoveReview(week_start) => w.delete_review(*week_start),
        }
    }
}

/// What one action writes, and what puts back the records it replaced.
#[derive(Debug, Default)]
pub(crate) struct Change {
    writes: Vec<Write>,
    /// In the order they are to be applied: the last write's first.
    undo: Vec<Write>,
}

impl Change {
    fn push(&mut self, write: Write, back: Write) {
        self.writes.push(write);
        self.undo.insert(0, back);
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// Saves `after` in place of `before` (`None`: a new promise).
    pub fn promise(&mut self, after: Promise, before: Option<Promise>) {
        let back = match before {
            Some(p) => Write::Promise(p),
            None => Write::RemovePromise(after.id.clone()),
        };
        self.push(Write::Promise(after), back);
    }

    /// Puts the promises in the order of `ids`; `before` is every active
    /// promise's position as it was.
    pub fn order(&mut self, ids: Vec<String>, before: Vec<(String, i64)>) {
        self.push(Write::Order(ids), Write::Positions(before));
    }

    /// Saves `after` in place of `before` as one promise's check on one day.
    pub fn check(&mut self, after: Check, before: Option<Check>) {
        let back = match before {
            Some(c) => Write::Check(c),
            None => Write::RemoveCheck {
                promise_id: after.promise_id.clone(),
                day: after.day,
            },
        };
        self.push(Write::Check(after), back);
    }

    /// Removes a check that was there.
    pub fn remove_check(&mut self, before: Check) {
        let write = Write::RemoveCheck {
            promise_id: before.promise_id.clone(),
            day: before.day,
        };
        self.push(write, Write::Check(before));
    }

    pub fn win(&mut self, after: Win, before: Option<Win>) {
        let back = match before {
            Some(w) => Write::Win(w),
            None => Write::RemoveWin(after.id.clone()),
        };
        self.push(Write::Win(after), back);
    }

    pub fn remove_win(&mut self, before: Win) {
        self.push(Write::RemoveWin(before.id.clone()), Write::Win(before));
    }

    pub fn checkin(&mut self, after: CheckIn, before: Option<CheckIn>) {
        let back = match before {
            Some(c) => Write::CheckIn(c),
            None => Write::RemoveCheckIn(after.day),
        };
        self.push(Write::CheckIn(after), back);
    }

    pub fn reflection(&mut self, after: Reflection, before: Option<Reflection>) {
        let back = match before {
            Some(r) => Write::Reflection(r),
            None => Write::RemoveReflection(after.day),
        };
        self.push(Write::Reflection(after), back);
    }

    pub fn review(&mut self, after: Review, before: Option<Review>) {
        let back = match before {
            Some(r) => Write::Review(r),
            None => Write::RemoveReview(after.week_start),
        };
        self.push(Write::Review(after), back);
    }

    /// Makes every write, in order, inside the caller's transaction.
    pub fn apply(&self, w: &Writer<'_>) -> store::Result<()> {
        self.writes.iter().try_for_each(|write| write.apply(w))
    }

    /// The change, saved, as one step of the history.
    pub fn into_group(self, label: String) -> Group {
        Group {
            label,
            undo: self.undo,
        }
    }
}

/// One action in the history: what it was, in words, and the writes that
/// take it back.
#[derive(Debug)]
pub(crate) struct Group {
    label: String,
    undo: Vec<Write>,
}

impl Group {
    /// Takes the action back, inside the caller's transaction.
    pub fn apply(&self, w: &Writer<'_>) -> store::Result<()> {
        self.undo.iter().try_for_each(|write| write.apply(w))
    }

    /// What was done, like `added “Stretch”`.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// The last [`DEPTH`] actions of a session, oldest first.
#[derive(Debug, Default)]
pub(crate) struct History {
    groups: VecDeque<Group>,
}

impl History {
    /// Remembers an action; the oldest one drops off, whole, when full.
    pub fn push(&mut self, group: Group) {
        if self.groups.len() == DEPTH {
            self.groups.pop_front();
        }
        self.groups.push_back(group);
    }

    /// The newest action, to take back.
    pub fn pop(&mut self) -> Option<Group> {
        self.groups.pop_back()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn clear(&mut self) {
        self.groups.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(label: &str) -> Group {
        Change::default().into_group(label.to_string())
    }

    #[test]
    fn a_full_history_drops_its_oldest_action_whole() {
        let mut h = History::default();
        for i in 0..DEPTH + 3 {
            h.push(group(&format!("action {i}")));
        }
        let mut labels = Vec::new();
        while let Some(g) = h.pop() {
            labels.push(g.label().to_string());
        }
        assert_eq!(labels.len(), DEPTH);
        assert_eq!(labels.first().map(String::as_str), Some("action 102"));
        assert_eq!(labels.last().map(String::as_str), Some("action 3"));
        assert!(h.is_empty());
    }

    #[test]
    fn undo_writes_run_in_reverse_order_of_the_action() {
        let mut c = Change::default();
        c.order(
            vec!["b".into(), "a".into()],
            vec![("a".into(), 0), ("b".into(), 1)],
        );
        c.remove_win(Win {
            id: "w".into(),
            day: NaiveDate::MIN,
            text: "x".into(),
            area: None,
            created_at: NaiveDate::MIN.and_time(chrono::NaiveTime::MIN),
            private: false,
        });
        let g = c.into_group("two writes".into());
        assert!(matches!(g.undo[0], Write::Win(_)));
        assert!(matches!(g.undo[1], Write::Positions(_)));
    }
}
