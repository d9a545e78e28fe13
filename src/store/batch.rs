//! Many new records at once: the demo's years of history. Everything goes
//! into one transaction ([`Store::add_all`]), so the journal is synced once
//! at the commit instead of once per record, with the search index filled
//! once at the end ([`Writer::in_bulk`]). Each record is written by the
//! same [`Writer`] method as any other write, so there is one mapping of
//! records to columns (`writer.rs`). The records must be new to the journal
//! and checked first (`domain::import`): nothing is looked up here.
//!
//! May use: `model` and the rest of `store`.

use super::{Export, Result, Store, Writer};

impl Store {
    /// Adds every record of `data` in one transaction: all of it, or none.
    pub fn add_all(&mut self, data: &Export) -> Result<()> {
        self.write(|w| w.in_bulk(|w| w.add_all(data)))
    }
}

impl Writer<'_> {
    fn add_all(&self, data: &Export) -> Result<()> {
        for p in &data.promises {
            self.put_promise(p)?;
        }
        for c in &data.checks {
            self.put_check(c)?;
        }
        for w in &data.wins {
            self.put_win(w)?;
        }
        for c in &data.checkins {
            self.put_checkin(c)?;
        }
        for r in &data.reflections {
            self.put_reflection(r)?;
        }
        for r in &data.reviews {
            self.put_review(r)?;
        }
        Ok(())
    }
}
