//! Syncing the journal with its other machines (see `domain/sync/`): the
//! calls both front ends make. What another machine's changes bring counts
//! as a change here (the screens redraw, the evidence's checkpoints are
//! written again); undo still takes back only this window's own actions.

use std::path::Path;

use super::Journal;
use crate::domain::sync::{self, Report, Result, Status};

/// Argon2id's memory (KiB) and passes for a new sync folder.
pub type KdfCost = (u32, u32);

impl Journal {
    /// Starts a sync folder in `dir` with this journal in it.
    pub fn sync_init(
        &mut self,
        dir: &Path,
        passphrase: &str,
        name: &str,
        cost: KdfCost,
    ) -> Result<Report> {
        let report = sync::init(&mut self.store, dir, passphrase, name, cost)?;
        self.after_sync(&report);
        Ok(report)
    }

    /// Joins the sync folder in `dir` as a new machine.
    pub fn sync_join(&mut self, dir: &Path, passphrase: &str, name: &str) -> Result<Report> {
        let report = sync::join(&mut self.store, dir, passphrase, name)?;
        self.after_sync(&report);
        Ok(report)
    }

    /// Whether this journal syncs.
    pub fn syncs(&self) -> bool {
        matches!(self.store.sync_joined(), Ok(Some(_)))
    }

    /// Syncs now.
    pub fn sync_now(&mut self) -> Result<Report> {
        let report = sync::sync(&mut self.store)?;
        self.after_sync(&report);
        Ok(report)
    }

    /// Syncs now, folding this machine's change files into a snapshot by
    /// `policy`, or whatever their number (`None`).
    pub fn sync_folding(&mut self, policy: Option<sync::FoldPolicy>) -> Result<Report> {
        let report = sync::sync_with(&mut self.store, policy)?;
        self.after_sync(&report);
        Ok(report)
    }

    pub fn sync_status(&self) -> Result<Status> {
        sync::status(&self.store)
    }

    /// Stops syncing; the folder it synced through.
    pub fn sync_leave(&mut self) -> Result<std::path::PathBuf> {
        Ok(sync::leave(&mut self.store)?.folder)
    }

    fn after_sync(&mut self, report: &Report) {
        if report.applied > 0 {
            self.generation += 1;
            self.keep_checkpoints();
        }
    }
}
