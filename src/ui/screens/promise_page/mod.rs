//! A promise's page: its whole story, opened with Enter on the grid. The
//! promise as it reads now and each earlier wording with its dates; a year
//! of its days as a calendar heatmap (as many weeks as fit) with each
//! week's kept rate under it; its strength week by week as a line chart
//! beside its runs of showing up and totals; its notes and lessons; the
//! decisions taken about it. Esc goes back to the grid.
//!
//! [`PromisePageState`] holds the promise shown and its story, read once
//! per change of the journal (one query of the promise's own days);
//! `update` scrolls, edits and goes back; drawing (`draw.rs`, with the
//! heatmap and the chart in `charts.rs`) reads the state only. Uses the
//! domain, the promise form, the widgets and the key table.

mod charts;
mod draw;

use chrono::NaiveDate;

use super::popup::promise_form::promise_form;
use super::{Outcome, Version};
use crate::domain::history::Story;
use crate::domain::{self, Journal};
use crate::ui::Screen;
use crate::ui::keymap::Action;
use crate::ui::scroll::VerticalScroll;

/// Weeks of a promise's days the page reads: a year.
pub const PAGE_WEEKS: u32 = 53;

#[derive(Default)]
pub struct PromisePageState {
    /// The promise shown (its id).
    pub promise_id: Option<String>,
    /// Its story, or `None` once it is no longer in the journal.
    story: Option<Story>,
    loaded: Option<(Version, String)>,
    /// The first row of the page in view, stopped at the end the last
    /// draw found.
    scroll: VerticalScroll,
    /// How many times a story was read, for the tests of "nothing is
    /// read".
    pub reads: u32,
}

impl PromisePageState {
    /// Shows the promise `id`, from the top unless it is already shown.
    pub fn open(&mut self, id: String) {
        if self.promise_id.as_ref() != Some(&id) {
            self.scroll.reset();
        }
        self.promise_id = Some(id);
    }

    /// Reads the promise's story if the journal changed or another
    /// promise is shown. Returns whether anything was read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        let Some(id) = self.promise_id.clone() else {
            return Ok(false);
        };
        if self.loaded.as_ref() == Some(&(version, id.clone())) {
            return Ok(false);
        }
        self.story = match j.story(&id, PAGE_WEEKS) {
            Ok(story) => Some(story),
            // Undone, say, while its page was open.
            Err(e) if e.is_input() => None,
            Err(e) => return Err(e),
        };
        self.loaded = Some((version, id));
        self.reads += 1;
        Ok(true)
    }

    pub fn update(&mut self, action: Action, today: NaiveDate) -> Outcome {
        match action {
            Action::Close => return Outcome::go(Screen::Promises),
            Action::ScrollDown | Action::ScrollUp => self.scroll_by(action == Action::ScrollDown),
            Action::Edit => {
                if let Some(story) = &self.story {
                    return Outcome::open(promise_form(Some(&story.promise), today));
                }
            }
            _ => {}
        }
        Outcome::default()
    }

    /// One row down or up (j/k, the wheel), never past the end.
    pub fn scroll_by(&mut self, down: bool) {
        self.scroll.scroll(1, down);
    }
}
