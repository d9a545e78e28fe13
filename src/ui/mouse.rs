//! The mouse: what a click or the wheel does where the last frame drew
//! something (recorded by the drawing in `hits.rs`). A click on a tab
//! switches screens, on a day of a calendar opens it, on a row selects it
//! (focusing its pane), on a day of the checkmark grid selects that
//! promise and day; the wheel moves through lists, scrolls the review, a
//! promise's page and help, and moves the calendar by weeks. `mouse = false` in the config
//! leaves the mouse to the terminal, and every event here is ignored.
//!
//! Uses the app, its screens' selection and the key table's actions, so a
//! click does exactly what the keys for the same thing do.

use chrono::NaiveDate;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::Screen;
use super::app::{App, Popup};
use super::hits::{Area, Target};
use super::keymap::Action;

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
