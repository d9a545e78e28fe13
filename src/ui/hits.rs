//! Where the last frame drew what ([`Hits`]): the places that answer the
//! mouse ([`Target`]) and the panes they lie in ([`Area`]), with the panes
//! of the screens that have several. The drawing records them; `mouse.rs`
//! reads them. A leaf: uses nothing of ours but the screens' names, so the
//! screens record where they drew without depending on the app.

use std::cell::RefCell;

use chrono::NaiveDate;
use ratatui::layout::{Position, Rect};

use super::Screen;

/// The panes of the Today screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodayPane {
    Promises,
    Wins,
    Reflection,
}

impl TodayPane {
    pub const ALL: [TodayPane; 3] = [TodayPane::Promises, TodayPane::Wins, TodayPane::Reflection];
}

/// The panes of the Review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewPane {
    /// The week's evidence, scrolled with j/k.
    Week,
    /// Suggestions and weekly questions, selected with j/k.
    Act,
}

/// A place on the screen that answers the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A tab of the header.
    Tab(Screen),
    /// A day on a calendar.
    Day(NaiveDate),
    /// A pane, anywhere inside it.
    Pane(Area),
    /// A row of a list in a pane: the row's index in the list.
    Row(Area, usize),
    /// A day of a promise's row on the checkmark grid: the row's index,
    /// and the day.
    GridDay(usize, NaiveDate),
}

/// The panes the mouse can point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Today(TodayPane),
    /// The recent weeks on Today.
    RecentWeeks,
    Calendar,
    Review(ReviewPane),
    Promises,
    /// A promise's page.
    Page,
}

/// Where the last frame drew what; later entries lie on top.
#[derive(Debug, Default)]
pub struct Hits(RefCell<Vec<(Rect, Target)>>);

impl Hits {
    /// Forgets the last frame's places (at the start of a draw).
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// Records that `target` was drawn in `area`.
    pub fn add(&self, area: Rect, target: Target) {
        if area.width > 0 && area.height > 0 {
            self.0.borrow_mut().push((area, target));
        }
    }

    /// The topmost target drawn at column `x`, row `y`.
    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        let hits = self.0.borrow();
        hits.iter()
            .rev()
            .find(|(area, _)| area.contains(Position { x, y }))
            .map(|(_, t)| *t)
    }

    /// The pane drawn at `x`, `y`, under any row or day there.
    pub fn area_at(&self, x: u16, y: u16) -> Option<Area> {
        let hits = self.0.borrow();
        hits.iter()
            .rev()
            .filter(|(area, _)| area.contains(Position { x, y }))
            .find_map(|(_, t)| match t {
                Target::Pane(a) | Target::Row(a, _) => Some(*a),
                Target::GridDay(..) => Some(Area::Promises),
                Target::Day(_) | Target::Tab(_) => None,
            })
    }
}
