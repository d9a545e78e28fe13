//! Marking is one feature wherever it is done: the same key on the same
//! promise and day, pressed on Today and on the Promises grid, leaves the
//! same mark and says the same sentence (or opens the same popup).

mod common;

use common::tui::{app, buffer, press};
use common::{Fixture, d, lived_in};
use crossterm::event::KeyCode;
use smallwins::domain::Status;
use smallwins::ui::Screen;
use smallwins::ui::app::{App, Popup};

/// What a key left behind: the message, the popup's title line as drawn,
/// and the promise's mark on the day.
#[derive(Debug, PartialEq)]
struct After {
    message: Option<String>,
    popup: Option<String>,
    status: Option<Status>,
}

fn after(app: &App, row: usize) -> After {
    let day = app.journal.day(d("2026-11-21")).expect("day");
    let popup = app.popup.as_ref().map(|p| match p {
        Popup::Help { .. } => "help".to_string(),
        Popup::Text(t) => format!("text {}", t.title),
        Popup::Form(f) => format!("form {}", f.title),
        Popup::Rating(_) => "rating".to_string(),
        Popup::Share(_) => "share".to_string(),
    });
    After {
        message: app.message.clone(),
        popup,
        status: day.items[row].check.as_ref().map(|c| c.status),
    }
}

/// Presses `keys` on `row` of `screen`, on a fresh lived-in journal.
fn pressed(screen: Screen, row: usize, keys: &[char]) -> After {
    let f = Fixture::new();
    let mut app = app(lived_in(&f.path));
    app.focus(screen, d("2026-11-21")).expect("focus");
    buffer(&app, 120, 40);
    for _ in 0..row {
        press(&mut app, KeyCode::Char('j'));
    }
    for key in keys {
        buffer(&app, 120, 40);
        press(&mut app, KeyCode::Char(*key));
    }
    after(&app, row)
}

#[test]
fn a_key_marks_alike_on_today_and_on_the_grid() {
    let cases: [(usize, &[char]); 8] = [
        (0, &[' ']),
        (0, &[' ', ' ']),
        (0, &['p']),
        (0, &['s']),
        (0, &['x']),
        (0, &['d']),
        (0, &['s', 'd']),
        (1, &['p']),
    ];
    for (row, keys) in cases {
        let today = pressed(Screen::Today, row, keys);
        let grid = pressed(Screen::Promises, row, keys);
        assert_eq!(today, grid, "row {row}, keys {keys:?}");
        assert!(
            today.message.is_some() || today.popup.is_some(),
            "row {row}, keys {keys:?} says nothing: {today:?}"
        );
    }
}
