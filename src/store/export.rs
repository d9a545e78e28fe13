//! The export format: every record with its stable id, as JSON. Import merges
//! by id, newest `updated_at` wins, so importing twice changes nothing.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Result, Store, Writer};
use crate::domain::evidence::Review;
use crate::domain::model::{Check, CheckIn, Promise, Reflection, Win};

/// Marks a JSON file as a smallwins export.
pub const EXPORT_FORMAT: &str = "smallwins-export";

/// The export format this build writes and the newest it reads.
pub const EXPORT_VERSION: u32 = 1;

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

/// How many records an import added or changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub promises: u64,
    pub checks: u64,
    pub wins: u64,
    pub checkins: u64,
    pub reflections: u64,
    pub reviews: u64,
}

impl ImportReport {
    pub fn total(&self) -> u64 {
        self.promises + self.checks + self.wins + self.checkins + self.reflections + self.reviews
    }
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
    fn merge(&self, data: &Export) -> Result<ImportReport> {
        let tx = self.tx();
        let mut report = ImportReport::default();
        for p in &data.promises {
            let existing: Option<NaiveDateTime> = tx
                .query_row(
                    "SELECT updated_at FROM promises WHERE id = ?1",
                    [&p.id],
                    |r| r.get(0),
                )
                .ok();
            if existing.is_none_or(|at| p.updated_at > at) {
                self.put_promise(p)?;
                report.promises += 1;
            }
        }
        for c in &data.checks {
            let newest: Option<(String, NaiveDateTime)> = tx
                .query_row(
                    "SELECT id, updated_at FROM checks WHERE id = ?1 OR (promise_id = ?2 AND day = ?3)
                     ORDER BY updated_at DESC LIMIT 1",
                    params![c.id, c.promise_id, c.day],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .ok();
            let take = match &newest {
                None => true,
                Some((id, at)) => {
                    c.updated_at > *at || (id != &c.id && c.updated_at == *at && c.id > *id)
                }
            };
            if take {
                self.put_check(c)?;
                report.checks += 1;
            }
        }
        for win in &data.wins {
            let n = tx
                .prepare_cached(
                    "INSERT INTO wins (id, day, text, area, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(id) DO NOTHING",
                )?
                .execute(params![win.id, win.day, win.text, win.area, win.created_at])?;
            report.wins += n as u64;
        }
        for c in &data.checkins {
            let at: Option<NaiveDateTime> = tx
                .query_row(
                    "SELECT updated_at FROM checkins WHERE day = ?1",
                    [c.day],
                    |r| r.get(0),
                )
                .ok();
            if at.is_none_or(|at| c.updated_at > at) {
                self.put_checkin(c)?;
                report.checkins += 1;
            }
        }
        for r in &data.reflections {
            let at: Option<NaiveDateTime> = tx
                .query_row(
                    "SELECT updated_at FROM reflections WHERE day = ?1",
                    [r.day],
                    |row| row.get(0),
                )
                .ok();
            if at.is_none_or(|at| r.updated_at > at) {
                self.put_reflection(r)?;
                report.reflections += 1;
            }
        }
        for r in &data.reviews {
            let at: Option<NaiveDateTime> = tx
                .query_row(
                    "SELECT updated_at FROM reviews WHERE week_start = ?1",
                    [r.week_start],
                    |row| row.get(0),
                )
                .ok();
            if at.is_none_or(|at| r.updated_at > at) {
                self.put_review(r)?;
                report.reviews += 1;
            }
        }
        Ok(report)
    }
}
