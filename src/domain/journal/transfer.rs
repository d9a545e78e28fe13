//! Moving data in and out: exports, imports and backups.
//!
//! May use: `store`, `model` and the rest of `domain`.

use std::path::Path;
use std::sync::mpsc;

use chrono::NaiveDate;

use super::Journal;
use crate::domain::merge::{self, Origin};
use crate::domain::{Error, Result, import, input};
use crate::store::{
    BULK_RECORDS, Bulk, EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport, StoreError, Writer,
};

/// What an import's reader hands each batch of records to.
pub type Sink<'a> = dyn FnMut(Export) -> Result<()> + 'a;

/// What a reader of another tracker's files may ask the journal as it
/// reads ([`Journal::import_source`]): whether a record is already there
/// under an id, inside the import's transaction. Each question is one
/// look-up by id. Into a journal that had no records, written in bulk
/// ([`Writer::bulk_begin_unique`]), the answer is always no: it is asked
/// of ids from before this import (an earlier build's), never of the
/// import's own.
pub struct Held<'a> {
    w: &'a (dyn Ask + 'a),
}

impl Held<'_> {
    pub fn promise(&self, id: &str) -> Result<bool> {
        self.w.promise(id)
    }

    pub fn win(&self, id: &str) -> Result<bool> {
        self.w.win(id)
    }
}

/// The questions [`Held`] puts to the import's writer, behind a trait
/// object: the writer's lifetime is fixed by the statements it prepares,
/// and a reader's borrows must be free to be shorter.
trait Ask {
    fn promise(&self, id: &str) -> Result<bool>;
    fn win(&self, id: &str) -> Result<bool>;
}

impl Ask for Writer<'_> {
    fn promise(&self, id: &str) -> Result<bool> {
        Ok(self.promise_stamp(id)?.is_some())
    }

    fn win(&self, id: &str) -> Result<bool> {
        Ok(Writer::win(self, id)?.is_some())
    }
}

/// Refuses an export this smallwins cannot read: not marked as one, or
/// written by a newer smallwins.
fn refuse_unreadable(data: &Export) -> Result<()> {
    if data.format != EXPORT_FORMAT {
        return input("That file is not a smallwins export; make one with `smallwins export`.");
    }
    if data.version > EXPORT_VERSION {
        return input(format!(
            "That export was written by a newer smallwins (format {}, this one reads up to {EXPORT_VERSION}); update smallwins to import it.",
            data.version,
        ));
    }
    Ok(())
}

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

    /// [`Journal::import`] of an export read for this alone, as one batch:
    /// checked in place, so no second copy of its records is made.
    pub fn import_owned(&mut self, data: Export) -> Result<ImportReport> {
        let records = data.counts().total();
        self.import_from(records, |sink: &mut Sink<'_>| sink(data))
    }

    /// An import read a batch at a time: `read` hands each batch of
    /// records to the sink it is given, the promises before anything that
    /// points at them. Each batch is checked against the journal and every
    /// batch before it ([`import::checked`]) and merged at once, so only a
    /// few batches are held, and all of it is one transaction: a bad
    /// record, or an error of `read`'s own, leaves the journal as it was.
    /// From [`BULK_RECORDS`] records on (`expected`, a guess, or as many as
    /// came so far), the search index is filled once at the end instead of
    /// record by record, and the checkpoints are written again after the
    /// transaction (or left to the upkeep apart, `checkpoints.rs`).
    ///
    /// `read` and the checking run on a thread of their own while this one
    /// writes the batches before, so reading a file and writing the journal
    /// take the time of the longer of the two, not of both (on ten years, a
    /// quarter of an import is reading and checking). One batch waits
    /// between them at most.
    pub fn import_from<E>(
        &mut self,
        expected: u64,
        read: impl FnOnce(&mut Sink<'_>) -> std::result::Result<(), E> + Send,
    ) -> std::result::Result<ImportReport, E>
    where
        E: From<Error> + From<StoreError> + Send,
    {
        let mut seen = import::Seen::new(self.promises(true)?);
        let report = self.store.write_large(|w| -> std::result::Result<_, E> {
            std::thread::scope(|scope| {
                let (checked, batches) = mpsc::sync_channel::<Export>(1);
                let reader = scope.spawn(move || {
                    let mut sink = |data: Export| -> Result<()> {
                        refuse_unreadable(&data)?;
                        let data = import::checked(data, &mut seen)?;
                        checked.send(data).map_err(|_| {
                            // The writer stopped; its error is the one told.
                            Error::Input("The import stopped.".into())
                        })
                    };
                    read(&mut sink)
                });
                let mut merging = Merging::new(w, expected, Origin::Export)?;
                let mut failed = None;
                for data in &batches {
                    if let Err(e) = merging.add(data) {
                        failed = Some(e);
                        break;
                    }
                }
                drop(batches);
                let read = reader
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                if let Some(e) = failed {
                    return Err(e.into());
                }
                read?;
                Ok(merging.finish()?)
            })
        })?;
        self.imported();
        Ok(report)
    }

    /// [`Journal::import_from`] for records read from another tracker's
    /// files ([`Origin::Source`]): what the source corrected since an
    /// earlier import replaces what that import wrote, and what was
    /// changed in smallwins since stays (counted in
    /// [`ImportReport::kept`]). `read` may ask what the journal holds
    /// ([`Held`]), so it reads on this thread, between the writes.
    pub fn import_source<E>(
        &mut self,
        expected: u64,
        read: impl FnOnce(&mut Sink<'_>, &Held<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportReport, E>
    where
        E: From<Error> + From<StoreError>,
    {
        let origin = Origin::Source { now: self.stamp() };
        let mut seen = import::Seen::new(self.promises(true)?);
        let report = self.store.write_large(|w| -> std::result::Result<_, E> {
            let mut merging = Merging::new(w, expected, origin)?;
            let held = Held { w };
            let mut sink = |data: Export| {
                refuse_unreadable(&data)?;
                merging.add(import::checked(data, &mut seen)?)
            };
            read(&mut sink, &held)?;
            Ok(merging.finish()?)
        })?;
        self.imported();
        Ok(report)
    }

    /// After an import's transaction.
    fn imported(&mut self) {
        // Earlier undo steps could now erase imported records.
        self.clear_undo();
        self.generation += 1;
        self.keep_checkpoints();
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

/// An import's checked batches being merged, in its transaction.
struct Merging<'m, 'w> {
    w: &'m Writer<'w>,
    origin: Origin,
    /// Set from [`BULK_RECORDS`] records on.
    bulk: Option<Bulk>,
    records: u64,
    report: ImportReport,
}

impl<'m, 'w> Merging<'m, 'w> {
    /// Writing in bulk from the start when `expected` records are many.
    fn new(w: &'m Writer<'w>, expected: u64, origin: Origin) -> Result<Merging<'m, 'w>> {
        let bulk = if expected > BULK_RECORDS {
            Some(w.bulk_begin_unique()?)
        } else {
            None
        };
        Ok(Merging {
            w,
            origin,
            bulk,
            records: 0,
            report: ImportReport::default(),
        })
    }

    /// Merges one checked batch.
    fn add(&mut self, data: Export) -> Result<()> {
        self.records += data.counts().total();
        if self.bulk.is_none() && self.records > BULK_RECORDS {
            self.bulk = Some(self.w.bulk_begin()?);
        }
        self.report += merge::merge(self.w, data, self.origin)?;
        Ok(())
    }

    /// What was written, once the derived tables are filled.
    fn finish(self) -> Result<ImportReport> {
        if let Some(bulk) = self.bulk {
            self.w.bulk_end(bulk)?;
        }
        Ok(self.report)
    }
}
