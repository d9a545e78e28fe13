//! The mouse: what the last frame drew where ([`Hits`], recorded by the
//! drawing), and what a click or the wheel does there. A click on a tab
//! switches screens, on a day of a calendar opens it, on a row selects it
//! (focusing its pane), on a day of the checkmark grid selects that
//! promise and day; the wheel moves through lists, scrolls the review, a
//! promise's page and help, and moves the calendar by weeks. `mouse = false` in the config
//! leaves the mouse to the terminal, and every event here is ignored.
//!
//! Uses the app, its screens' selection and the key table's actions, so a
//! click does exactly what the keys for the same thing do.

use std::cell::RefCell;

use chrono::NaiveDate;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::Screen;
use super::app::{App, Popup};
use super::keymap::Action;
use super::screens::review::ReviewPane;
use super::screens::today::Pane;

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
    Today(Pane),
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
    fn area_at(&self, x: u16, y: u16) -> Option<Area> {
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

/// Handles a mouse event; returns whether the screen needs drawing.
pub(super) fn handle(app: &mut App, event: &MouseEvent) -> bool {
    let (x, y) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => click(app, x, y),
        MouseEventKind::ScrollDown => wheel(app, x, y, true),
        MouseEventKind::ScrollUp => wheel(app, x, y, false),
        _ => false,
    }
}

fn click(app: &mut App, x: u16, y: u16) -> bool {
    if app.popup.is_some() {
        return false;
    }
    let Some(target) = app.hits.at(x, y) else {
        return false;
    };
    app.message = None;
    match target {
        Target::Tab(screen) => app.perform(Action::Go(screen)),
        Target::Day(day) => open_day(app, day),
        Target::Pane(area) => point_at(app, area, None),
        Target::Row(area, index) => point_at(app, area, Some(index)),
        Target::GridDay(index, day) => app.screens.promises.point_at_day(index, day, app.today),
    }
    app.after_input();
    true
}

/// A day clicked: the Calendar opens it, as Enter does; Today shows it.
fn open_day(app: &mut App, day: NaiveDate) {
    match app.screen {
        Screen::Calendar => {
            app.screens.calendar.cursor = day;
            app.perform(Action::Open);
        }
        _ if day > app.today => {
            app.message = Some("That day is still ahead.".into());
        }
        _ => app.screens.today.open_day(day),
    }
}

/// Focuses the pane at `area`, selecting its row `index` if one was hit.
fn point_at(app: &mut App, area: Area, index: Option<usize>) {
    let s = &mut app.screens;
    match area {
        Area::Today(pane) => s.today.point_at(pane, index, &app.journal),
        Area::Review(pane) => s.review.point_at(pane, index, &app.journal),
        Area::Promises => s.promises.point_at(index),
        Area::RecentWeeks | Area::Calendar | Area::Page => {}
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) -> bool {
    if let Some(Popup::Help(help)) = &mut app.popup {
        help.scroll_by(down);
        return true;
    }
    if app.popup.is_some() {
        return false;
    }
    let Some(area) = app.hits.area_at(x, y) else {
        return false;
    };
    let (next, back) = match area {
        Area::Calendar => (Action::NextWeek, Action::PrevWeek),
        Area::RecentWeeks => (Action::NextDay, Action::PrevDay),
        Area::Page => (Action::ScrollDown, Action::ScrollUp),
        Area::Today(_) | Area::Review(_) | Area::Promises => {
            point_at(app, area, None);
            (Action::Down, Action::Up)
        }
    };
    app.message = None;
    app.perform(if down { next } else { back });
    app.after_input();
    true
}
