//! Reading the journal as an export (`model::Export`), and what an import
//! needs to look up to merge one in by the domain's rule
//! (`domain::merge`); its writes go through [`Writer::write_all`].
//!
//! May use: `model`, `text` (to quote a record safely) and the rest of
//! `store`.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, params};
use serde::de::DeserializeOwned;

use super::rows::{Day, moment_at, win_from_row};
use super::{Result, Store, Writer};
use crate::model::{Check, CheckIn, Promise, Reflection, Review, Win};
pub use crate::model::{EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport};

/// From how many records an import fills the search index once at the
/// end rather than record by record ([`Writer::bulk_begin`]): below it,
/// rebuilding the index of a large journal would cost more than the rows
/// save.
pub const BULK_RECORDS: u64 = 2_000;

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
}

/// What an import needs to know of a record already in the journal: its
/// id and when it was last written, for the domain's merge rule.
pub type Stamp = (String, NaiveDateTime);

impl Writer<'_> {
    fn stamp(&self, sql: &str, params: impl rusqlite::Params) -> Result<Option<Stamp>> {
        if self.fresh.get() {
            return Ok(None);
        }
        Ok(self
            .tx
            .prepare_cached(sql)?
            .query_row(params, |r| Ok((r.get(0)?, moment_at(r, 1)?)))
            .optional()?)
    }

    pub fn promise_stamp(&self, id: &str) -> Result<Option<Stamp>> {
        self.stamp("SELECT id, updated_at FROM promises WHERE id = ?1", [id])
    }

    /// The newest of the check with this id and the check of the same
    /// promise on the same day (the journal keeps one per promise and day).
    /// Two look-ups, each by its own index: one query with `OR` may read
    /// every check instead.
    pub fn check_stamp(&self, c: &Check) -> Result<Option<Stamp>> {
        let by_id = self.stamp("SELECT id, updated_at FROM checks WHERE id = ?1", [&c.id])?;
        let by_day = self.stamp(
            "SELECT id, updated_at FROM checks WHERE promise_id = ?1 AND day = ?2",
            params![c.promise_id, Day(c.day)],
        )?;
        Ok(match (by_id, by_day) {
            (Some(a), Some(b)) => Some(if (&b.1, &b.0) > (&a.1, &a.0) { b } else { a }),
            (a, b) => a.or(b),
        })
    }

    pub fn checkin_stamp(&self, day: NaiveDate) -> Result<Option<Stamp>> {
        self.stamp(
            "SELECT id, updated_at FROM checkins WHERE day = ?1",
            [Day(day)],
        )
    }

    pub fn reflection_stamp(&self, day: NaiveDate) -> Result<Option<Stamp>> {
        self.stamp(
            "SELECT id, updated_at FROM reflections WHERE day = ?1",
            [Day(day)],
        )
    }

    pub fn review_stamp(&self, week_start: NaiveDate) -> Result<Option<Stamp>> {
        self.stamp(
            "SELECT id, updated_at FROM reviews WHERE week_start = ?1",
            [Day(week_start)],
        )
    }

    /// The win with this id, if the journal has it.
    pub fn win(&self, id: &str) -> Result<Option<Win>> {
        if self.fresh.get() {
            return Ok(None);
        }
        Ok(self
            .tx
            .prepare_cached(
                "SELECT id, day, text, area, created_at, private FROM wins WHERE id = ?1",
            )?
            .query_row([id], win_from_row)
            .optional()?)
    }
}
