//! The day's own entries: wins, the morning check-in and the evening
//! reflection.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Journal;
use crate::domain::undo::Change;
use crate::domain::{Result, input, validate};
use crate::model::{self, CheckIn, Reflection, Win, identity};

impl Journal {
    pub fn add_win(&mut self, day: NaiveDate, text: &str, area: Option<&str>) -> Result<Win> {
        self.add_win_with(day, text, area, false)
    }

    /// Adds a win; a `private` one is never shared.
    pub fn add_win_with(
        &mut self,
        day: NaiveDate,
        text: &str,
        area: Option<&str>,
        private: bool,
    ) -> Result<Win> {
        self.check_day(day)?;
        let win = Win {
            id: model::new_id(),
            day,
            text: validate::WIN.required(text)?,
            area: validate::AREA.optional(area)?,
            created_at: self.now(),
            private,
        };
        let mut change = Change::default();
        change.win(win.clone());
        self.commit(change, "added a win".into())?;
        Ok(win)
    }

    /// Makes a win private (never shared) or shareable again; one step of
    /// undo.
    pub fn set_win_private(&mut self, win: &Win, private: bool) -> Result<Win> {
        let mut new = win.clone();
        new.private = private;
        if new == *win {
            return Ok(new);
        }
        let label = if private {
            "made a win private"
        } else {
            "made a win shareable"
        };
        let mut change = Change::default();
        change.win(new.clone());
        self.commit(change, label.into())?;
        Ok(new)
    }

    pub fn edit_win(&mut self, win: &Win, text: &str) -> Result<Win> {
        self.update_win(win, text, None)
    }

    /// Edits a win's text and, when `area` is `Some`, its area (`Some(None)`
    /// clears it).
    pub fn update_win(&mut self, win: &Win, text: &str, area: Option<Option<&str>>) -> Result<Win> {
        let mut new = win.clone();
        new.text = validate::WIN.required(text)?;
        if let Some(area) = area {
            new.area = validate::AREA.optional(area)?;
        }
        if new == *win {
            return Ok(new);
        }
        let mut change = Change::default();
        change.win(new.clone());
        self.commit(change, "edited a win".into())?;
        Ok(new)
    }

    pub fn delete_win(&mut self, win: &Win) -> Result<()> {
        let mut change = Change::default();
        change.remove_win(win.id.clone());
        self.commit(change, "deleted a win".into())
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
            id: identity::checkin_id(day),
            day,
            intention,
            confidence: confidence.or(before.as_ref().and_then(|c| c.confidence)),
            updated_at: self.stamp(),
        };
        let mut change = Change::default();
        change.checkin(checkin.clone());
        self.commit(change, "saved the check-in".into())?;
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
            set_answer(&mut merged, key, text)?;
        }
        let reflection = Reflection {
            id: identity::reflection_id(day),
            day,
            answers: merged,
            mood: mood.or(before.as_ref().and_then(|r| r.mood)),
            confidence: confidence.or(before.as_ref().and_then(|r| r.confidence)),
            updated_at: self.stamp(),
        };
        let mut change = Change::default();
        change.reflection(reflection.clone());
        self.commit(change, "saved the reflection".into())?;
        Ok(reflection)
    }

    pub(super) fn checkin_on(&self, day: NaiveDate) -> Result<Option<CheckIn>> {
        Ok(self.store.checkins_between(day, day)?.into_iter().next())
    }

    pub(super) fn reflection_on(&self, day: NaiveDate) -> Result<Option<Reflection>> {
        Ok(self.store.reflections_between(day, day)?.into_iter().next())
    }
}

/// Saves an answer under its prompt key in `answers`; an empty answer
/// removes the key.
pub(super) fn set_answer(
    answers: &mut BTreeMap<String, String>,
    key: &str,
    text: &str,
) -> Result<()> {
    let key = match validate::ANSWER_KEY.optional(Some(key))? {
        Some(key) => key,
        None => {
            return input(
                "An answer needs a prompt key, like --answer helped=\"a friend texted\".",
            );
        }
    };
    match validate::ANSWER.optional(Some(text))? {
        Some(text) => answers.insert(key, text),
        None => answers.remove(&key),
    };
    Ok(())
}
