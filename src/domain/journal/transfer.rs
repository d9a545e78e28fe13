//! Moving data in and out: exports, imports and backups.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::path::Path;

use chrono::NaiveDate;

use super::Journal;
use crate::domain::{Result, import, input, merge};
use crate::store::{EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport};

impl Journal {
    pub fn export(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Export> {
        Ok(self.store.export(from, to, self.now())?)
    }

    /// Merges an export by the merge rule ([`merge`]). Every record is
    /// first checked by the same rules as typed input and its text cleaned
    /// the same way; one bad record refuses the whole file, naming it, and
    /// nothing is written. Not undoable: it is one transaction, and
    /// importing the same file again changes nothing.
    pub fn import(&mut self, data: &Export) -> Result<ImportReport> {
        self.import_owned(data.clone())
    }

    /// [`Journal::import`] of an export read for this alone: checked in
    /// place, so no second copy of its records is made.
    pub fn import_owned(&mut self, data: Export) -> Result<ImportReport> {
        if data.format != EXPORT_FORMAT {
            return input("That file is not a smallwins export; make one with `smallwins export`.");
        }
        if data.version > EXPORT_VERSION {
            return input(format!(
                "That export was written by a newer smallwins (format {}, this one reads up to {EXPORT_VERSION}); update smallwins to import it.",
                data.version,
            ));
        }
        let data = import::checked(data, &self.promises(true)?)?;
        let report = self
            .store
            .import_with(data.counts().total(), |w| merge::merge(w, &data))?;
        // Earlier undo steps could now erase imported records.
        self.clear_undo();
        self.generation += 1;
        self.keep_checkpoints();
        Ok(report)
    }

    pub fn backup(&self, dest: &Path) -> Result<()> {
        Ok(self.store.backup_to(dest)?)
    }

    /// Whether today's daily copy is still to be made (cheap; the copy
    /// itself is made apart, see `store/daily.rs`).
    /// What unlocks the journal's file, for the process that copies it.
    pub fn key(&self) -> &crate::store::Key {
        self.store.key()
    }

    pub fn daily_copy_due(&self) -> Result<bool> {
        Ok(self.store.daily_copy_due(self.now())?)
    }
}
