//! The full-screen journal (ratatui + crossterm).

use chrono::NaiveDate;

use crate::domain::Journal;

/// The screens reachable with 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Calendar,
    Review,
    Promises,
}

/// Runs the TUI until the person quits. Restores the terminal on every exit.
pub fn run(journal: Journal) -> color_eyre::Result<()> {
    let _ = journal;
    Ok(())
}

/// Draws `screen` exactly as the TUI would at `width`×`height`, focused on
/// `day`, as plain text lines (no escape codes).
pub fn render_to_string(
    journal: &Journal,
    screen: Screen,
    day: NaiveDate,
    width: u16,
    height: u16,
) -> color_eyre::Result<String> {
    let _ = (journal, screen, day, width, height);
    Ok(String::new())
}
