//! Wins as the shell names them: listed with their short ids, and found
//! again by one (see [`crate::domain::short_id`]).
//!
//! May use: `store`, `model` and the rest of `domain`.

use chrono::NaiveDate;
use serde::Serialize;

use super::Journal;
use crate::domain::short_id::{self, MIN_TYPED_LEN};
use crate::domain::{Result, input, validate};
use crate::model::Win;

/// A win with the short id the shell shows for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortWin {
    pub short_id: String,
    #[serde(flatten)]
    pub win: Win,
}

impl Journal {
    /// Every win from `from` to `to`, in the order they were noted.
    pub fn wins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Win>> {
        Ok(self.store.wins_between(from, to)?)
    }

    /// The short id of the win with this `id`: the start of its key, as long as it takes
    /// to tell it from the keys next to it (two look-ups, whatever the size
    /// of the journal).
    pub fn win_short_id(&self, id: &str) -> Result<String> {
        let key = short_id::hash_key(id);
        let (before, after) = self.store.win_key_neighbours(&key, id)?;
        let len = short_id::short_len(&key, before.as_deref(), after.as_deref());
        Ok(key[..len].to_string())
    }

    /// `wins` with their short ids.
    pub fn with_short_ids(&self, wins: Vec<Win>) -> Result<Vec<ShortWin>> {
        wins.into_iter()
            .map(|win| {
                Ok(ShortWin {
                    short_id: self.win_short_id(&win.id)?,
                    win,
                })
            })
            .collect()
    }

    /// The win `typed` names: its short id (at least four digits of it) or
    /// its full id. One sentence says what to do when none or several fit.
    pub fn find_win(&self, typed: &str) -> Result<ShortWin> {
        let typed = typed.trim();
        let prefix = if typed.len() >= MIN_TYPED_LEN && typed.chars().all(|c| c.is_ascii_hexdigit())
        {
            typed.to_ascii_lowercase()
        } else {
            // Sorts after every key: no key starts with it.
            "~".to_string()
        };
        let mut found: Vec<Win> = self
            .store
            .wins_named(&prefix, typed)?
            .into_iter()
            .filter(|w| short_id::names(typed, &w.id))
            .collect();
        let shown = validate::echo(typed);
        match found.len() {
            1 => {
                let win = found.remove(0);
                Ok(ShortWin {
                    short_id: self.win_short_id(&win.id)?,
                    win,
                })
            }
            0 if typed.chars().count() < MIN_TYPED_LEN => input(format!(
                "\"{shown}\" is too short to name a win; give its id as `smallwins win list` shows it (six characters, like 3fa9c1)."
            )),
            0 => input(format!(
                "No win has the id \"{shown}\"; `smallwins win list --date DAY` shows each win with its id."
            )),
            n => input(format!(
                "\"{shown}\" fits {n} wins; give more of its id, as `smallwins win list --date DAY` shows it."
            )),
        }
    }
}
