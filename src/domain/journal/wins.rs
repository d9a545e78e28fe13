//! Wins as the shell names them: listed with their short ids, and found
//! again by one (see [`crate::domain::short_id`]).
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::collections::HashMap;

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

    /// Every win in the journal. Days are stored as `YYYY-MM-DD` text, so
    /// the ends of the range must be four-digit years.
    fn all_wins(&self) -> Result<Vec<Win>> {
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        self.wins_between(first, last)
    }

    /// Short ids of every win in the journal, by full id.
    pub fn win_short_ids(&self) -> Result<HashMap<String, String>> {
        let wins = self.all_wins()?;
        Ok(short_id::short_ids(wins.iter().map(|w| w.id.as_str())))
    }

    /// `wins` with their short ids.
    pub fn with_short_ids(&self, wins: Vec<Win>) -> Result<Vec<ShortWin>> {
        let ids = self.win_short_ids()?;
        Ok(wins
            .into_iter()
            .map(|win| ShortWin {
                short_id: ids
                    .get(&win.id)
                    .cloned()
                    .unwrap_or_else(|| short_id::hash_key(&win.id)),
                win,
            })
            .collect())
    }

    /// The win `typed` names: its short id (at least four digits of it) or
    /// its full id. One sentence says what to do when none or several fit.
    pub fn find_win(&self, typed: &str) -> Result<ShortWin> {
        let typed = typed.trim();
        let wins = self.all_wins()?;
        let mut found: Vec<Win> = wins
            .iter()
            .filter(|w| short_id::names(typed, &w.id))
            .cloned()
            .collect();
        let shown = validate::echo(typed);
        match found.len() {
            1 => {
                let ids = short_id::short_ids(wins.iter().map(|w| w.id.as_str()));
                let win = found.remove(0);
                Ok(ShortWin {
                    short_id: ids.get(&win.id).cloned().unwrap_or_default(),
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
