//! Promises: finding one by number or words, adding, editing (from a day
//! on), archiving and ordering them.
//!
//! Every promise has a short number that never changes: given when it is
//! added (one more than any number given so far), kept through reordering
//! and archiving, never given to another.
//!
//! May use: `store`, `model` and the rest of `domain`.

use chrono::NaiveDate;

use super::Journal;
use super::versions::{retargeted, reworded};
use crate::domain::undo::Change;
use crate::domain::{Error, Result, input, validate};
use crate::model::{self, Promise, Schedule};

/// The fields of a promise as a person gives them. One shape serves both
/// adding ([`NewPromise`]: the text is required) and editing
/// ([`PromiseEdit`]: `None` leaves a field as it is, and an empty string
/// clears an optional text).
#[derive(Debug, Clone, Default)]
pub struct PromiseFields<Text = Option<String>> {
    pub text: Text,
    pub cue: Option<String>,
    pub smaller: Option<String>,
    pub area: Option<String>,
    pub schedule: Option<Schedule>,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

/// A promise to be added.
pub type NewPromise = PromiseFields<String>;

/// Changes to a promise.
pub type PromiseEdit = PromiseFields;

impl PromiseEdit {
    /// Whether the edit changes what is versioned: the words (text, cue,
    /// smaller version) or the target.
    pub fn versioned(&self) -> bool {
        self.text.is_some() || self.cue.is_some() || self.smaller.is_some() || self.target.is_some()
    }
}

impl Journal {
    /// Promises in list order: active ones by position, then archived ones.
    /// Each carries its own short number.
    pub fn promises(&self, include_archived: bool) -> Result<Vec<Promise>> {
        Ok(self.store.promises(include_archived)?)
    }

    /// Finds a promise by its short number, its text, the start of its text,
    /// or a word of it (`water` finds "Drink a glass of water"), in any
    /// case and with or without accents (`search::fold`). Active
    /// promises are preferred over archived ones; more than one match is
    /// refused with a sentence naming them.
    pub fn find_promise(&self, query: &str) -> Result<Promise> {
        let all = self.promises(true)?;
        let q = query.trim();
        // What was typed, as messages quote it: short, no control characters.
        let shown = validate::echo(q);
        if q.is_empty() {
            return input(
                "No promise was named; give its number from `smallwins promise list` or a word of its text.",
            );
        }
        if q.chars().all(|c| c.is_ascii_digit()) {
            let n: u32 = q.parse().unwrap_or(0);
            return match all.iter().find(|p| p.number == n) {
                Some(p) => Ok(p.clone()),
                None => input(format!(
                    "There is no promise number {shown}; `smallwins promise list --all` shows the numbers."
                )),
            };
        }
        // Folded as search folds: "mediter" finds "Méditer".
        let lower = crate::domain::search::fold(q);
        let by = |test: &dyn Fn(&str) -> bool| -> Vec<&Promise> {
            all.iter()
                .filter(|p| test(&crate::domain::search::fold(&p.text)))
                .collect()
        };
        // The whole text first; then its start or the start of any word of
        // it, together: "walk" could be "Walk the dog" or "Go for a walk".
        for matching in [
            by(&|t| t == lower),
            by(&|t| t.starts_with(&lower) || words(t).any(|w| w.starts_with(&lower))),
        ] {
            if !matching.is_empty() {
                return pick_one(&matching, &shown);
            }
        }
        input(format!(
            "No promise starts with \"{shown}\" or has a word that does; `smallwins promise list` shows them all."
        ))
    }

    /// The promise with this id, archived or not.
    pub fn promise(&self, id: &str) -> Result<Promise> {
        self.promise_by_id(id)
    }

    /// The short number of a promise, or an error when no promise has
    /// that id.
    pub fn number_of(&self, id: &str) -> Result<u32> {
        Ok(self.promise_by_id(id)?.number)
    }

    pub fn add_promise(&mut self, new: NewPromise) -> Result<Promise> {
        let mut change = Change::default();
        let promise = self.added_into(&mut change, new)?;
        self.commit(change, format!("added “{}”", promise.text))?;
        Ok(promise)
    }

    /// Adding a promise, added to `change`; returns the promise.
    pub(super) fn added_into(&self, change: &mut Change, new: NewPromise) -> Result<Promise> {
        let today = self.today();
        let blank = Promise {
            id: model::new_id(),
            number: self.next_number()?,
            text: validate::PROMISE.required(&new.text)?,
            cue: None,
            smaller: None,
            area: None,
            schedule: Schedule::Daily,
            unit: None,
            targets: Vec::new(),
            versions: Vec::new(),
            position: self.next_position()?,
            created_on: today,
            archived_on: None,
            updated_at: self.stamp(),
        };
        let fields = PromiseEdit {
            text: None,
            schedule: Some(new.schedule.unwrap_or(Schedule::Daily)),
            cue: new.cue,
            smaller: new.smaller,
            area: new.area,
            target: new.target,
            unit: new.unit,
        };
        let promise = self.with_fields(blank, &fields, today)?;
        change.promise(promise.clone());
        Ok(promise)
    }

    /// Edits a promise; its words and target change from today on.
    pub fn edit_promise(&mut self, id: &str, edit: PromiseEdit) -> Result<Promise> {
        self.edit_promise_from(id, edit, self.today())
    }

    /// Edits a promise; its words and target change from `from` on, and the
    /// days before keep what was promised then. The schedule, area and unit
    /// belong to the whole promise.
    pub fn edit_promise_from(
        &mut self,
        id: &str,
        edit: PromiseEdit,
        from: NaiveDate,
    ) -> Result<Promise> {
        let mut change = Change::default();
        let p = self.edit_into(&mut change, id, &edit, from)?;
        self.commit(change, format!("edited “{}”", p.text))?;
        Ok(p)
    }

    /// The edit of one promise from `from` on, added to `change` unless it
    /// changes nothing; returns the promise as edited.
    pub(super) fn edit_into(
        &self,
        change: &mut Change,
        id: &str,
        edit: &PromiseEdit,
        from: NaiveDate,
    ) -> Result<Promise> {
        let before = self.promise_by_id(id)?;
        self.check_day(from)?;
        if from < before.created_on && edit.versioned() {
            return input(format!(
                "{from} is before “{}” began ({}); give a day from then on.",
                crate::text::printable(&before.text),
                before.created_on
            ));
        }
        let mut p = self.with_fields(before.clone(), edit, from)?;
        if p != before {
            p.updated_at = self.stamp();
            change.promise(p.clone());
        }
        Ok(p)
    }

    /// `p` with the fields given, each checked by the rules of typed input;
    /// words and target change from `from` on.
    fn with_fields(&self, mut p: Promise, edit: &PromiseEdit, from: NaiveDate) -> Result<Promise> {
        let text = match &edit.text {
            Some(text) => Some(validate::PROMISE.required(text)?),
            None => None,
        };
        let optional = |field: &validate::Field, value: &Option<String>| match value {
            Some(v) => field.optional(Some(v)).map(Some),
            None => Ok(None),
        };
        let cue = optional(&validate::CUE, &edit.cue)?;
        let smaller = optional(&validate::SMALLER, &edit.smaller)?;
        if let Some(area) = &edit.area {
            p.area = validate::AREA.optional(Some(area))?;
        }
        if let Some(schedule) = &edit.schedule {
            schedule.validate().map_err(Error::Input)?;
            p.schedule = schedule.clone();
        }
        if let Some(unit) = &edit.unit {
            p.unit = validate::UNIT.optional(Some(unit))?;
            if p.unit.is_none() {
                p.targets.clear();
            }
        }
        let p = reworded(p, from, text, cue, smaller);
        self.with_target(p, edit.target, from)
    }

    /// A measured promise needs a unit and a target; a new target is in
    /// force from `from`, and earlier days keep theirs.
    fn with_target(&self, p: Promise, target: Option<f64>, from: NaiveDate) -> Result<Promise> {
        match (target, &p.unit) {
            (Some(_), None) => input("A target needs a unit too, like --target 10 --unit minutes."),
            (Some(amount), Some(_)) => Ok(retargeted(p, from, validate::target(amount)?)),
            (None, Some(u)) if p.targets.is_empty() => input(format!(
                "A measured promise needs a target too, like --target 10 --unit {u}."
            )),
            (None, _) => Ok(p),
        }
    }

    /// Archives a promise: it stops appearing from today on, and its history
    /// stays.
    pub fn archive_promise(&mut self, id: &str) -> Result<Promise> {
        self.set_archived(id, true)
    }

    /// Brings an archived promise back, to the place it had in the list.
    pub fn unarchive_promise(&mut self, id: &str) -> Result<Promise> {
        self.set_archived(id, false)
    }

    fn set_archived(&mut self, id: &str, archived: bool) -> Result<Promise> {
        let mut change = Change::default();
        let p = self.archive_into(&mut change, id, archived)?;
        let verb = if archived { "archived" } else { "brought back" };
        self.commit(change, format!("{verb} “{}”", p.text))?;
        Ok(p)
    }

    /// Archiving (or bringing back) one promise, added to `change` unless
    /// it is so already; returns the promise as it will be. Its number and
    /// its place in the list stay, so it comes back where it was.
    pub(super) fn archive_into(
        &self,
        change: &mut Change,
        id: &str,
        archived: bool,
    ) -> Result<Promise> {
        let before = self.promise_by_id(id)?;
        if before.is_archived() == archived {
            return Ok(before);
        }
        let mut p = before.clone();
        p.archived_on = archived.then(|| self.today());
        p.updated_at = self.stamp();
        change.promise(p.clone());
        Ok(p)
    }

    /// Moves an active promise up (`-1`) or down (`+1`) the list. Numbers
    /// stay as they are.
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
        let mut change = Change::default();
        change.order(order);
        self.commit(change, "moved a promise".into())
    }

    /// The position after every active promise.
    fn next_position(&self) -> Result<i64> {
        Ok(self
            .promises(false)?
            .iter()
            .map(|p| p.position + 1)
            .max()
            .unwrap_or(0))
    }

    /// One more than any number a promise in the journal has.
    fn next_number(&self) -> Result<u32> {
        Ok(self
            .promises(true)?
            .iter()
            .map(|p| p.number)
            .max()
            .unwrap_or(0)
            + 1)
    }
}

/// The words of a text, for naming a promise by one of them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

/// The one promise `matching` names (preferring an active one), or a
/// sentence naming the candidates.
fn pick_one(matching: &[&Promise], shown: &str) -> Result<Promise> {
    let active: Vec<&&Promise> = matching.iter().filter(|p| !p.is_archived()).collect();
    match (matching, active.as_slice()) {
        ([one], _) => Ok((*one).clone()),
        (_, [one]) => Ok((**one).clone()),
        (many, _) => {
            let names: Vec<String> = many
                .iter()
                .take(5)
                .map(|p| format!("{} \"{}\"", p.number, validate::echo(&p.text)))
                .collect();
            let more = if many.len() > 5 { " and more" } else { "" };
            input(format!(
                "\"{shown}\" matches more than one promise: {}{more}; use its number or more of its words.",
                join_or(&names)
            ))
        }
    }
}

/// "a, b or c".
fn join_or(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
