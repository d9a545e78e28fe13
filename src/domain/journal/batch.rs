//! Years of records at once, for the demo's journals at scale.
//!
//! May use: `store`, `model` and the rest of `domain`.

use super::Journal;
use crate::domain::undo::Change;
use crate::domain::{Error, Result, import};
use crate::model::Counts;
use crate::store::Export;

impl Journal {
    /// Fills an empty journal with every record of `data` at once: each
    /// checked by the same rules as an import, all of them written as one
    /// bulk [`Change`] in one transaction, so the file is synced once rather
    /// than once per record, and the search index is filled once at the
    /// end. Refuses a journal that has entries, and writes nothing if any
    /// record is refused. Not undoable, like an import.
    pub fn add_history(&mut self, data: &Export) -> Result<Counts> {
        if !self.counts()?.is_empty() {
            return Err(Error::Input(
                "This journal already has entries, so nothing was added; point --db at a new file."
                    .into(),
            ));
        }
        let data = import::checked(data.clone(), &mut import::Seen::new(Vec::new()))?;
        self.store.apply(&Change::bulk(data))?;
        self.clear_undo();
        self.generation += 1;
        self.keep_checkpoints();
        self.counts()
    }
}
