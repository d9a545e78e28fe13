//! Many new records at once: the demo's years of history. Everything goes
//! into one transaction ([`Store::add_all`]), so the journal is synced once
//! at the commit instead of once per record; each kind of record has one
//! statement, prepared once and run for every record. Nothing is looked up
//! first: the records must be new to the journal, and a clash with one
//! already there (the same id, or a second check-in for a day) is refused by
//! the tables' keys, which takes back the whole batch.
//!
//! May use: `model` and the rest of `store`.

use rusqlite::params;

use super::rows::to_json;
use super::{Export, Result, Store, Writer};
use crate::model::win_key;

impl Store {
    /// Adds every record of `data` in one transaction: all of it, or none.
    pub fn add_all(&mut self, data: &Export) -> Result<()> {
        self.write(|w| w.add_all(data))
    }
}

impl Writer<'_> {
    fn add_all(&self, data: &Export) -> Result<()> {
        for p in &data.promises {
            self.put_promise(p)?;
        }
        let mut checks = self.tx.prepare(
            "INSERT INTO checks (id, promise_id, day, status, amount, note, lesson, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for c in &data.checks {
            checks.execute(params![
                c.id,
                c.promise_id,
                c.day,
                c.status.as_str(),
                c.amount,
                c.note,
                c.lesson,
                c.updated_at
            ])?;
        }
        let mut wins = self.tx.prepare(
            "INSERT INTO wins (id, day, text, area, created_at, private, key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for w in &data.wins {
            wins.execute(params![
                w.id,
                w.day,
                w.text,
                w.area,
                w.created_at,
                w.private,
                win_key(&w.id)
            ])?;
        }
        let mut checkins = self.tx.prepare(
            "INSERT INTO checkins (id, day, intention, confidence, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for c in &data.checkins {
            checkins.execute(params![
                c.id,
                c.day,
                c.intention,
                c.confidence,
                c.updated_at
            ])?;
        }
        let mut reflections = self.tx.prepare(
            "INSERT INTO reflections (id, day, answers, mood, confidence, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in &data.reflections {
            let answers = to_json(&r.answers)?;
            reflections.execute(params![
                r.id,
                r.day,
                answers,
                r.mood,
                r.confidence,
                r.updated_at
            ])?;
        }
        for r in &data.reviews {
            self.put_review(r)?;
        }
        Ok(())
    }
}
