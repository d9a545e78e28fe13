//! A change to the journal as plain data: the records it writes and, for
//! each, what it expects to find there first. The store applies a whole
//! change in one transaction (`store/change.rs`); a write whose expectation
//! no longer holds is left out and named in what comes back, and the rest
//! goes ahead. Undo is the change that expects exactly what the action it
//! takes back left behind, so it never erases a write made elsewhere. A
//! bulk change (years of history at once) is the same writes, with the
//! derived tables filled once at its end.
//!
//! May use: nothing of ours.

use chrono::NaiveDate;

use super::{Check, CheckIn, Export, Promise, Reflection, Review, Win};

/// One record, whole, as the journal keeps it.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Promise(Promise),
    Check(Check),
    Win(Win),
    CheckIn(CheckIn),
    Reflection(Reflection),
    Review(Review),
}

impl Record {
    /// Where the record lives: a promise's mark is found by its promise and
    /// day, a check-in or reflection by its day, a review by its week.
    pub fn key(&self) -> Key {
        match self {
            Record::Promise(p) => Key::Promise(p.id.clone()),
            Record::Check(c) => Key::Check {
                promise_id: c.promise_id.clone(),
                day: c.day,
            },
            Record::Win(w) => Key::Win(w.id.clone()),
            Record::CheckIn(c) => Key::CheckIn(c.day),
            Record::Reflection(r) => Key::Reflection(r.day),
            Record::Review(r) => Key::Review(r.week_start),
        }
    }
}

/// The place of one record in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Promise(String),
    Check {
        promise_id: String,
        day: NaiveDate,
    },
    Win(String),
    CheckIn(NaiveDate),
    Reflection(NaiveDate),
    /// The Monday the review's week starts on.
    Review(NaiveDate),
}

impl Key {
    pub fn kind(&self) -> Kind {
        match self {
            Key::Promise(_) => Kind::Promise,
            Key::Check { .. } => Kind::Check,
            Key::Win(_) => Kind::Win,
            Key::CheckIn(_) => Kind::CheckIn,
            Key::Reflection(_) => Kind::Reflection,
            Key::Review(_) => Kind::Review,
        }
    }
}

/// What kind of thing a write touched, to name it to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Promise,
    /// A promise's mark on one day.
    Check,
    Win,
    CheckIn,
    Reflection,
    Review,
    /// The order of the promises in the list.
    Order,
}

/// One write.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Puts the record in place of whatever is at its key. A promise keeps
    /// the place in the list it has now when it is put back (see
    /// [`Write::Positions`]).
    Put(Box<Record>),
    /// Removes whatever is at the key. A promise goes with its targets and
    /// wording history; only undo of a just-added promise does this.
    Remove(Key),
    /// Each promise's position becomes its index in the list.
    Order(Vec<String>),
    /// Positions exactly as given.
    Positions(Vec<(String, i64)>),
}

/// What a write expects to find before it is made.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Expect {
    /// Whatever is there: a person's own action, made on what they see.
    #[default]
    Anything,
    /// Exactly this record at the write's key, or nothing there (`None`).
    /// A promise is compared without its position, except when the write
    /// removes it: then it must also stand where it stood and hold no
    /// marks.
    Record(Option<Box<Record>>),
    /// These promises at exactly these positions (those still there).
    Positions(Vec<(String, i64)>),
}

/// One write with what it expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub write: Write,
    pub expect: Expect,
}

/// The writes of one action (or of its undo), made in order in one
/// transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub steps: Vec<Step>,
    /// Many new records at once (the demo's years of history, see
    /// [`Change::bulk`]): the derived tables (search index, checkpoints)
    /// are filled once at the end rather than record by record, and
    /// nothing is kept to take it back step by step (its undo is empty).
    pub bulk: bool,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Every record of `data`, put in whatever they find, as one bulk
    /// change: promises first, so the marks find theirs.
    pub fn bulk(data: Export) -> Change {
        let Export {
            promises,
            checks,
            wins,
            checkins,
            reflections,
            reviews,
            ..
        } = data;
        let records = (promises.into_iter().map(Record::Promise))
            .chain(checks.into_iter().map(Record::Check))
            .chain(wins.into_iter().map(Record::Win))
            .chain(checkins.into_iter().map(Record::CheckIn))
            .chain(reflections.into_iter().map(Record::Reflection))
            .chain(reviews.into_iter().map(Record::Review));
        Change {
            steps: records
                .map(|r| Step {
                    write: Write::Put(Box::new(r)),
                    expect: Expect::Anything,
                })
                .collect(),
            bulk: true,
        }
    }

    /// Adds a write that takes whatever it finds.
    pub fn push(&mut self, write: Write) {
        self.steps.push(Step {
            write,
            expect: Expect::Anything,
        });
    }

    /// Saves a promise, new or edited.
    pub fn promise(&mut self, p: Promise) {
        self.push(Write::Put(Box::new(Record::Promise(p))));
    }

    /// Puts the active promises in the order of `ids`.
    pub fn order(&mut self, ids: Vec<String>) {
        self.push(Write::Order(ids));
    }

    /// Saves a promise's mark on a day, in place of any mark there.
    pub fn check(&mut self, c: Check) {
        self.push(Write::Put(Box::new(Record::Check(c))));
    }

    /// Clears a promise's mark on a day.
    pub fn remove_check(&mut self, promise_id: String, day: NaiveDate) {
        self.push(Write::Remove(Key::Check { promise_id, day }));
    }

    pub fn win(&mut self, w: Win) {
        self.push(Write::Put(Box::new(Record::Win(w))));
    }

    pub fn remove_win(&mut self, id: String) {
        self.push(Write::Remove(Key::Win(id)));
    }

    pub fn checkin(&mut self, c: CheckIn) {
        self.push(Write::Put(Box::new(Record::CheckIn(c))));
    }

    pub fn reflection(&mut self, r: Reflection) {
        self.push(Write::Put(Box::new(Record::Reflection(r))));
    }

    pub fn review(&mut self, r: Review) {
        self.push(Write::Put(Box::new(Record::Review(r))));
    }
}

/// What applying a change did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// The change that takes this one back: for each write made, last
    /// first, the write that puts back what was there, expecting exactly
    /// what this write left.
    pub undo: Change,
    /// Writes left out because their record was no longer as expected.
    pub left: Vec<Left>,
}

/// A write left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    pub kind: Kind,
    /// The record is gone: deleted elsewhere since.
    pub deleted: bool,
}
