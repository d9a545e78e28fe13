//! How many records of each kind: in a journal, in a copy of one, in an
//! export, or changed by an import.
//!
//! May use: nothing of ours.

use serde::Serialize;

/// Counts of every record kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub promises: u64,
    pub checks: u64,
    pub wins: u64,
    pub checkins: u64,
    pub reflections: u64,
    /// Weekly reviews (answers and decisions, one per week).
    pub reviews: u64,
}

/// What an import did: the records it added, the ones already in the
/// journal it replaced with the file's newer (or corrected) copy, and how
/// many records of the file it left as the journal has them because they
/// were changed in smallwins since an earlier import of the same source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub added: Counts,
    pub updated: Counts,
    /// Records changed in smallwins since they were imported, kept as they
    /// are while the source says something else (another tracker's files
    /// only; see `domain::merge`).
    pub kept: u64,
}

impl ImportReport {
    /// Every record written, added or updated, by kind.
    pub fn changed(&self) -> Counts {
        let mut all = self.added;
        all += self.updated;
        all
    }

    /// How many records were written, added or updated.
    pub fn total(&self) -> u64 {
        self.added.total() + self.updated.total()
    }
}

impl std::ops::AddAssign for ImportReport {
    fn add_assign(&mut self, other: ImportReport) {
        self.added += other.added;
        self.updated += other.updated;
        self.kept += other.kept;
    }
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }

    /// All records together.
    pub fn total(&self) -> u64 {
        self.promises + self.checks + self.wins + self.checkins + self.reflections + self.reviews
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.promises += other.promises;
        self.checks += other.checks;
        self.wins += other.wins;
        self.checkins += other.checkins;
        self.reflections += other.reflections;
        self.reviews += other.reviews;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_includes_weekly_reviews() {
        let c = Counts {
            promises: 1,
            reviews: 2,
            ..Counts::default()
        };
        assert_eq!(c.total(), 3);
        assert!(!c.is_empty());
        assert!(Counts::default().is_empty());
    }
}
