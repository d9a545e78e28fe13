//! Writing records, always inside one transaction
//! ([`Store::write`](super::Store::write)): the one mapping of each record
//! to its table's columns, used by every write (a person's changes, undo,
//! an import's merge, the demo's years of history).
//!
//! May use: `model`.

use std::cell::{Cell, RefCell, RefMut};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Statement, params};

use super::Result;
use super::rows::{Day, Moment, schedule_to_sql, to_json};
use crate::model::{
    Check, CheckIn, Promise, PromiseVersion, Reflection, Review, Target, Win, win_key,
};

/// Writes inside one transaction; see [`Store::write`](super::Store::write).
pub struct Writer<'a> {
    pub(super) tx: &'a rusqlite::Transaction<'a>,
    /// An import into a journal that had no records, between
    /// [`Writer::bulk_begin`] and [`Writer::bulk_end`]: its records are
    /// unique in their file (ids, days, a promise's days: the domain's
    /// import checks them before they come here), so none can meet another
    /// record, and what each write would look up first (the record it
    /// replaces, its stamp for the merge) is known to be nothing.
    pub(super) fresh: Cell<bool>,
    /// The statements this module has prepared in the transaction, by
    /// their text's address (each is a constant here). rusqlite's own cache
    /// hashes the whole text on every use and again as it takes the
    /// statement back: on an import of ten years, a fifteenth of writing.
    prepared: RefCell<Vec<(&'static str, Statement<'a>)>>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: &'a rusqlite::Transaction<'a>) -> Writer<'a> {
        Writer {
            tx,
            fresh: Cell::new(false),
            prepared: RefCell::new(Vec::new()),
        }
    }

    /// The statement for `sql`, prepared once in this transaction.
    fn statement(&self, sql: &'static str) -> Result<RefMut<'_, Statement<'a>>> {
        let mut prepared = self.prepared.borrow_mut();
        let at = match prepared.iter().position(|(s, _)| std::ptr::eq(*s, sql)) {
            Some(at) => at,
            None => {
                prepared.push((sql, self.tx.prepare(sql)?));
                prepared.len() - 1
            }
        };
        Ok(RefMut::map(prepared, |p| &mut p[at].1))
    }
}

impl Writer<'_> {
    /// Removes the record another id holds where one is about to be put
    /// (`find`: its id, if any; `delete`: by that id). Looked up first,
    /// because a DELETE that finds nothing still costs a scratch table.
    fn displace(
        &self,
        find: &'static str,
        delete: &'static str,
        key: impl rusqlite::Params,
    ) -> Result<()> {
        if self.fresh.get() {
            return Ok(());
        }
        let other: Option<String> = self
            .statement(find)?
            .query_row(key, |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            self.statement(delete)?.execute([other])?;
        }
        Ok(())
    }

    /// Inserts or replaces a promise with its target and wording history.
    pub fn put_promise(&self, p: &Promise) -> Result<()> {
        self.statement(
                "INSERT INTO promises (id, number, text, cue, smaller, area, schedule, unit, position, created_on, archived_on, updated_at)
                 VALUES (?1, ?12, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(id) DO UPDATE SET number = excluded.number, text = excluded.text, cue = excluded.cue,
                   smaller = excluded.smaller, area = excluded.area, schedule = excluded.schedule,
                   unit = excluded.unit, position = excluded.position, created_on = excluded.created_on,
                   archived_on = excluded.archived_on, updated_at = excluded.updated_at",
            )?
            .execute(params![
                p.id,
                p.text,
                p.cue,
                p.smaller,
                p.area,
                schedule_to_sql(&p.schedule),
                p.unit,
                p.position,
                p.created_on,
                p.archived_on,
                p.updated_at,
                p.number
            ])?;
        if !self.fresh.get() {
            self.statement("DELETE FROM targets WHERE promise_id = ?1")?
                .execute([&p.id])?;
            self.statement("DELETE FROM promise_versions WHERE promise_id = ?1")?
                .execute([&p.id])?;
        }
        for t in &p.targets {
            self.put_target(&p.id, t)?;
        }
        for v in &p.versions {
            self.put_version(&p.id, v)?;
        }
        Ok(())
    }

    fn put_version(&self, promise_id: &str, v: &PromiseVersion) -> Result<()> {
        self.statement(
            "INSERT INTO promise_versions (id, promise_id, from_day, text, cue, smaller)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(promise_id, from_day) DO UPDATE SET id = excluded.id,
                   text = excluded.text, cue = excluded.cue, smaller = excluded.smaller",
        )?
        .execute(params![v.id, promise_id, v.from, v.text, v.cue, v.smaller])?;
        Ok(())
    }

    fn put_target(&self, promise_id: &str, t: &Target) -> Result<()> {
        self.statement(
                "INSERT INTO targets (id, promise_id, from_day, amount) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(promise_id, from_day) DO UPDATE SET amount = excluded.amount, id = excluded.id",
            )?
            .execute(params![t.id, promise_id, t.from, t.amount])?;
        Ok(())
    }

    /// Puts back positions exactly as they were.
    pub fn set_positions(&self, positions: &[(String, i64)]) -> Result<()> {
        let mut stmt = self.statement("UPDATE promises SET position = ?2 WHERE id = ?1")?;
        for (id, position) in positions {
            stmt.execute(params![id, position])?;
        }
        Ok(())
    }

    /// Removes a promise with its targets and checks. Only undo of a
    /// just-added promise uses this; people archive instead.
    pub fn delete_promise(&self, id: &str) -> Result<()> {
        self.statement("DELETE FROM promises WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Sets the position of each promise to its index in `ids`.
    pub fn set_order(&self, ids: &[String]) -> Result<()> {
        let mut stmt = self.statement("UPDATE promises SET position = ?2 WHERE id = ?1")?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![id, i as i64])?;
        }
        Ok(())
    }

    /// Inserts or replaces the check of a promise on a day.
    pub fn put_check(&self, c: &Check) -> Result<()> {
        self.displace(
            "SELECT id FROM checks WHERE promise_id = ?1 AND day = ?2 AND id <> ?3",
            "DELETE FROM checks WHERE id = ?1",
            params![c.promise_id, Day(c.day), c.id],
        )?;
        // Into a journal that had no records ([`Writer::fresh`]) there is
        // no copy to update: a plain insert, which SQLite writes without a
        // statement journal (the upsert may change a row's promise, a
        // foreign key, so it keeps one: each page it touches copied first,
        // a sixth of an import).
        const INSERT: &str =
            "INSERT INTO checks (id, promise_id, day, status, amount, note, lesson, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
        const UPSERT: &str =
            "INSERT INTO checks (id, promise_id, day, status, amount, note, lesson, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET promise_id = excluded.promise_id, day = excluded.day,
                   status = excluded.status, amount = excluded.amount, note = excluded.note,
                   lesson = excluded.lesson, updated_at = excluded.updated_at";
        self.statement(if self.fresh.get() { INSERT } else { UPSERT })?
            .execute(params![
                c.id,
                c.promise_id,
                Day(c.day),
                c.status.as_str(),
                c.amount,
                c.note,
                c.lesson,
                Moment(c.updated_at)
            ])?;
        Ok(())
    }

    pub fn delete_check(&self, promise_id: &str, day: NaiveDate) -> Result<()> {
        self.statement("DELETE FROM checks WHERE promise_id = ?1 AND day = ?2")?
            .execute(params![promise_id, day])?;
        Ok(())
    }

    pub fn put_win(&self, w: &Win) -> Result<()> {
        self.statement(
                "INSERT INTO wins (id, day, text, area, created_at, private, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, text = excluded.text, area = excluded.area,
                   created_at = excluded.created_at, private = excluded.private",
            )?
            .execute(params![
                w.id,
                Day(w.day),
                w.text,
                w.area,
                Moment(w.created_at),
                w.private,
                win_key(&w.id)
            ])?;
        Ok(())
    }

    pub fn delete_win(&self, id: &str) -> Result<()> {
        self.statement("DELETE FROM wins WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    pub fn put_checkin(&self, c: &CheckIn) -> Result<()> {
        self.displace(
            "SELECT id FROM checkins WHERE day = ?1 AND id <> ?2",
            "DELETE FROM checkins WHERE id = ?1",
            params![Day(c.day), c.id],
        )?;
        self.statement(
                "INSERT INTO checkins (id, day, intention, confidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, intention = excluded.intention,
                   confidence = excluded.confidence, updated_at = excluded.updated_at",
            )?
            .execute(params![c.id, Day(c.day), c.intention, c.confidence, Moment(c.updated_at)])?;
        Ok(())
    }

    pub fn delete_checkin(&self, day: NaiveDate) -> Result<()> {
        self.statement("DELETE FROM checkins WHERE day = ?1")?
            .execute([day])?;
        Ok(())
    }

    pub fn put_reflection(&self, r: &Reflection) -> Result<()> {
        let answers = to_json(&r.answers)?;
        self.displace(
            "SELECT id FROM reflections WHERE day = ?1 AND id <> ?2",
            "DELETE FROM reflections WHERE id = ?1",
            params![Day(r.day), r.id],
        )?;
        self.statement(
                "INSERT INTO reflections (id, day, answers, mood, confidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET day = excluded.day, answers = excluded.answers,
                   mood = excluded.mood, confidence = excluded.confidence, updated_at = excluded.updated_at",
            )?
            .execute(params![
                r.id,
                Day(r.day),
                answers,
                r.mood,
                r.confidence,
                Moment(r.updated_at)
            ])?;
        Ok(())
    }

    pub fn delete_reflection(&self, day: NaiveDate) -> Result<()> {
        self.statement("DELETE FROM reflections WHERE day = ?1")?
            .execute([day])?;
        Ok(())
    }

    pub fn put_review(&self, r: &Review) -> Result<()> {
        let answers = to_json(&r.answers)?;
        let decisions = to_json(&r.decisions)?;
        self.displace(
            "SELECT id FROM reviews WHERE week_start = ?1 AND id <> ?2",
            "DELETE FROM reviews WHERE id = ?1",
            params![Day(r.week_start), r.id],
        )?;
        self.statement(
                "INSERT INTO reviews (id, week_start, answers, decisions, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET week_start = excluded.week_start, answers = excluded.answers,
                   decisions = excluded.decisions, updated_at = excluded.updated_at",
            )?
            .execute(params![r.id, Day(r.week_start), answers, decisions, Moment(r.updated_at)])?;
        Ok(())
    }

    pub fn delete_review(&self, week_start: NaiveDate) -> Result<()> {
        self.statement("DELETE FROM reviews WHERE week_start = ?1")?
            .execute([week_start])?;
        Ok(())
    }
}
