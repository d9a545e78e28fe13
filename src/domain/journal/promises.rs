//! Promises: finding one by number or text, adding, editing, archiving and
//! ordering them.
//!
//! May use: `store`, `model` and the rest of `domain`.

use super::Journal;
use crate::domain::undo::Change;
use crate::domain::{Error, Result, input, validate};
use crate::model::{self, Promise, Schedule, Target};

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

impl Journal {
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
        pick_one(&matching, &shown)
    }

    /// The short number of a promise (its place in the full list), or an
    /// error when no promise has that id.
    pub fn number_of(&self, id: &str) -> Result<usize> {
        self.promises(true)?
            .iter()
            .position(|p| p.id == id)
            .map(|i| i + 1)
            .ok_or_else(|| Error::Input("That promise is no longer in the journal.".into()))
    }

    pub fn add_promise(&mut self, new: NewPromise) -> Result<Promise> {
        let blank = Promise {
            id: model::new_id(),
            text: validate::PROMISE.required(&new.text)?,
            cue: None,
            smaller: None,
            area: None,
            schedule: Schedule::Daily,
            unit: None,
            targets: Vec::new(),
            position: self.next_position()?,
            created_on: self.today(),
            archived_on: None,
            updated_at: self.now(),
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
        let promise = self.with_fields(blank, &fields)?;
        let label = format!("added “{}”", promise.text);
        let mut change = Change::default();
        change.promise(promise.clone(), None);
        self.commit(change, label)?;
        Ok(promise)
    }

    pub fn edit_promise(&mut self, id: &str, edit: PromiseEdit) -> Result<Promise> {
        let mut change = Change::default();
        let p = self.edit_into(&mut change, id, &edit)?;
        self.commit(change, format!("edited “{}”", p.text))?;
        Ok(p)
    }

    /// The edit of one promise, added to `change` unless it changes
    /// nothing; returns the promise as edited.
    pub(super) fn edit_into(
        &self,
        change: &mut Change,
        id: &str,
        edit: &PromiseEdit,
    ) -> Result<Promise> {
        let before = self.promise_by_id(id)?;
        let mut p = self.with_fields(before.clone(), edit)?;
        if p != before {
            p.updated_at = self.now();
            change.promise(p.clone(), Some(before));
        }
        Ok(p)
    }

    /// `p` with the fields given, each checked by the rules of typed input.
    fn with_fields(&self, mut p: Promise, edit: &PromiseEdit) -> Result<Promise> {
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
        self.with_target(p, edit.target)
    }

    /// A measured promise needs a unit and a target; a new target is in
    /// force from today, and earlier days keep theirs.
    fn with_target(&self, mut p: Promise, target: Option<f64>) -> Result<Promise> {
        match (target, &p.unit) {
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
        let mut change = Change::default();
        let p = self.archive_into(&mut change, id, archived)?;
        let verb = if archived { "archived" } else { "brought back" };
        self.commit(change, format!("{verb} “{}”", p.text))?;
        Ok(p)
    }

    /// Archiving (or bringing back) one promise, added to `change` unless
    /// it is so already; returns the promise as it will be.
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
        p.updated_at = self.now();
        if !archived {
            p.position = self.next_position()?;
        }
        change.promise(p.clone(), Some(before));
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
        let mut change = Change::default();
        change.order(order, before);
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
}

/// The one promise `matching` names (preferring an active one), or a
/// sentence saying why there is none.
fn pick_one(matching: &[&Promise], shown: &str) -> Result<Promise> {
    let active: Vec<&&Promise> = matching.iter().filter(|p| !p.is_archived()).collect();
    match (matching, active.as_slice()) {
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
