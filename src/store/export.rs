//! The export format: every record with its stable id, as JSON. Import merges
//! by id, newest `updated_at` wins, so importing twice changes nothing.
//!
//! May use: `model`, `text` (to quote a record safely) and the rest of
//! `store`.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, params};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Result, Store, Writer};
pub use crate::model::ImportReport;
use crate::model::{Check, CheckIn, Promise, Reflection, Review, Win, win_key};

/// Marks a JSON file as a smallwins export.
pub const EXPORT_FORMAT: &str = "smallwins-export";

/// The export format this build writes and the newest it reads. Version 2
/// added promise numbers, wording versions and "kept the smaller version";
/// version 3 a win's `private` flag (a win in an older export is not
/// private). Older exports still import (a version 1 export's promises are
/// numbered on the way in).
pub const EXPORT_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_at: NaiveDateTime,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub promises: Vec<Promise>,
    pub checks: Vec<Check>,
    pub wins: Vec<Win>,
    pub checkins: Vec<CheckIn>,
    pub reflections: Vec<Reflection>,
    /// Weekly reviews (absent in exports made before reviews existed).
    #[serde(default)]
    pub reviews: Vec<Review>,
}

/// For an export whose records do not fit the format: the first record that
/// does not, named by kind, id and day, and why, like `check 0192… (2026-11-20)
/// does not fit the export format (unknown variant "done", expected one of
/// "kept", "partial", "missed")`. `None` if every record fits.
pub fn misfit(value: &serde_json::Value) -> Option<String> {
    fn first<T: DeserializeOwned>(
        value: &serde_json::Value,
        key: &str,
        kind: &str,
    ) -> Option<String> {
        let items = value.get(key)?.as_array()?;
        items.iter().find_map(|item| {
            let why = serde_json::from_value::<T>(item.clone()).err()?.to_string();
            let text = |field: &str| item.get(field).and_then(|v| v.as_str()).map(short);
            let id = text("id").map(|id| format!(" {id}")).unwrap_or_default();
            let day = text("day")
                .or_else(|| text("week_start"))
                .map(|day| format!(" ({day})"))
                .unwrap_or_default();
            let why = short(&why.replace('`', "\""));
            Some(format!(
                "{kind}{id}{day} does not fit the export format ({why})"
            ))
        })
    }
    first::<Promise>(value, "promises", "promise")
        .or_else(|| first::<Check>(value, "checks", "check"))
        .or_else(|| first::<Win>(value, "wins", "win"))
        .or_else(|| first::<CheckIn>(value, "checkins", "check-in"))
        .or_else(|| first::<Reflection>(value, "reflections", "reflection"))
        .or_else(|| first::<Review>(value, "reviews", "weekly review"))
}

/// Text from a file, to quote in a message: printable and at most a line.
fn short(text: &str) -> String {
    const SHOWN: usize = 120;
    let head: String = text.chars().take(SHOWN).collect();
    let more = text.chars().nth(SHOWN).is_some();
    let head = crate::text::printable(&head).into_owned();
    if more { format!("{head}…") } else { head }
}

impl Store {
    /// Everything in the journal, with day records limited to `from..=to`.
    pub fn export(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        exported_at: NaiveDateTime,
    ) -> Result<Export> {
        // Days are stored as YYYY-MM-DD text, so an open end must be a
        // four-digit year to compare correctly.
        let lo = from.unwrap_or(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default());
        let hi = to.unwrap_or(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default());
        Ok(Export {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at,
            from,
            to,
            promises: self.promises(true)?,
            checks: self.checks_between(lo, hi)?,
            wins: self.wins_between(lo, hi)?,
            checkins: self.checkins_between(lo, hi)?,
            reflections: self.reflections_between(lo, hi)?,
            reviews: self.reviews_between(lo - chrono::Duration::days(6), hi)?,
        })
    }

    /// Merges an export into this journal in one transaction.
    pub fn import(&mut self, data: &Export) -> Result<ImportReport> {
        self.write(|w| w.merge(data))
    }
}

impl Writer<'_> {
    /// Merges every record kind, each by the rule "the newer one wins".
    fn merge(&self, data: &Export) -> Result<ImportReport> {
        Ok(ImportReport {
            promises: self.merge_promises(&data.promises)?,
            checks: self.merge_checks(&data.checks)?,
            wins: self.merge_wins(&data.wins)?,
            checkins: self.merge_newer(
                &data.checkins,
                "SELECT updated_at FROM checkins WHERE day = ?1",
                |c| (c.day.to_string(), c.updated_at),
                Writer::put_checkin,
            )?,
            reflections: self.merge_newer(
                &data.reflections,
                "SELECT updated_at FROM reflections WHERE day = ?1",
                |r| (r.day.to_string(), r.updated_at),
                Writer::put_reflection,
            )?,
            reviews: self.merge_newer(
                &data.reviews,
                "SELECT updated_at FROM reviews WHERE week_start = ?1",
                |r| (r.week_start.to_string(), r.updated_at),
                Writer::put_review,
            )?,
        })
    }

    /// Writes each record whose stored twin (found by `sql` with the key
    /// `key_of` gives) is missing or older. A stored time that cannot be
    /// read is an error, never taken for "no record yet".
    fn merge_newer<T>(
        &self,
        records: &[T],
        sql: &str,
        key_of: impl Fn(&T) -> (String, NaiveDateTime),
        put: impl Fn(&Self, &T) -> Result<()>,
    ) -> Result<u64> {
        let mut written = 0;
        for record in records {
            let (key, updated_at) = key_of(record);
            let stored: Option<NaiveDateTime> = self
                .tx()
                .prepare_cached(sql)?
                .query_row([key], |r| r.get(0))
                .optional()?;
            if stored.is_none_or(|at| updated_at > at) {
                put(self, record)?;
                written += 1;
            }
        }
        Ok(written)
    }

    fn merge_promises(&self, promises: &[Promise]) -> Result<u64> {
        self.merge_newer(
            promises,
            "SELECT updated_at FROM promises WHERE id = ?1",
            |p| (p.id.clone(), p.updated_at),
            Writer::put_promise,
        )
    }

    /// A check is one per promise and day: the newer one wins, and of two
    /// saved at the same moment under different ids, the larger id, so two
    /// journals merged either way round agree.
    fn merge_checks(&self, checks: &[Check]) -> Result<u64> {
        let mut written = 0;
        for c in checks {
            let newest: Option<(String, NaiveDateTime)> = self
                .tx()
                .prepare_cached(
                    "SELECT id, updated_at FROM checks WHERE id = ?1 OR (promise_id = ?2 AND day = ?3)
                     ORDER BY updated_at DESC LIMIT 1",
                )?
                .query_row(params![c.id, c.promise_id, c.day], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let take = match &newest {
                None => true,
                Some((id, at)) => {
                    c.updated_at > *at || (id != &c.id && c.updated_at == *at && c.id > *id)
                }
            };
            if take {
                self.put_check(c)?;
                written += 1;
            }
        }
        Ok(written)
    }

    /// Wins are never edited elsewhere in a way an import should undo: one
    /// already here stays as it is, except that a win private in either
    /// copy stays private (a win is never shared because of an import).
    fn merge_wins(&self, wins: &[Win]) -> Result<u64> {
        let mut written = 0;
        for win in wins {
            let n = self
                .tx()
                .prepare_cached(
                    "INSERT INTO wins (id, day, text, area, created_at, private, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(id) DO UPDATE SET private = 1 WHERE excluded.private = 1 AND wins.private = 0",
                )?
                .execute(params![
                    win.id,
                    win.day,
                    win.text,
                    win.area,
                    win.created_at,
                    win.private,
                    win_key(&win.id)
                ])?;
            written += n as u64;
        }
        Ok(written)
    }
}
