//! The mouse: a click on a tab switches screens, on a calendar day opens
//! it, on a row selects it; the wheel moves lists, the review, help and the
//! calendar. `mouse = false` leaves the mouse to the terminal. In a real
//! terminal, mouse reporting is turned on at start and off on the way out.

mod common;

use std::path::Path;

use common::pty::Pty;
use common::{Fixture, at, d, lived_in};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use smallwins::config;
use smallwins::domain::{Clock, Journal, Status};
use smallwins::ui::app::{App, Popup};
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, screens};

const W: u16 = 120;
const H: u16 = 40;

fn app_with(f: &Fixture, config: &str) -> App {
    drop(lived_in(&f.path));
    let config = config::parse(config, Path::new("config.toml"))
        .expect("valid config")
        .config;
    let journal =
        Journal::open(&f.path, Clock::Fixed(at("2026-11-21T08:30")), config).expect("open journal");
    App::new(journal, Theme::new(false)).expect("app")
}

fn app(f: &Fixture) -> App {
    app_with(f, "")
}

fn draw(app: &App) -> Buffer {
    draw_at(app, W, H)
}

/// Draws the app at `w`×`h`; the mouse then finds what this drew.
fn draw_at(app: &App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buf
}

/// Where the last match of `text` starts (lowest row, then rightmost).
fn find_last(buf: &Buffer, text: &str) -> (u16, u16) {
    let screen = buffer_to_string(buf);
    for (y, line) in screen
        .lines()
        .enumerate()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        if let Some(i) = line.rfind(text) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{screen}");
}

/// Where `text` starts on the screen drawn last (its first match).
fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    let screen = buffer_to_string(buf);
    for (y, line) in screen.lines().enumerate() {
        if let Some(i) = line.find(text) {
            let x = line[..i].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{screen}");
}

fn mouse(app: &mut App, kind: MouseEventKind, (x, y): (u16, u16)) -> bool {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }))
}

/// Draws, then clicks on the first place `text` is drawn.
fn click(app: &mut App, text: &str) {
    let at = find(&draw(app), text);
    mouse(app, MouseEventKind::Down(MouseButton::Left), at);
}

fn wheel(app: &mut App, down: bool, at: (u16, u16)) {
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    mouse(app, kind, at);
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn a_click_on_a_tab_switches_screens() {
    let f = Fixture::new();
    let mut a = app(&f);
    for (tab, screen) in [
        ("2 Calendar", Screen::Calendar),
        ("3 Review", Screen::Review),
        ("4 Promises", Screen::Promises),
        ("1 Today", Screen::Today),
    ] {
        click(&mut a, tab);
        assert_eq!(a.screen, screen, "{tab}");
    }
    // The date beside the tabs is not a tab.
    click(&mut a, "Sat 21 Nov");
    assert_eq!(a.screen, Screen::Today);
}

#[test]
fn a_click_on_a_calendar_day_opens_it() {
    let f = Fixture::new();
    let mut a = app(&f);
    key(&mut a, KeyCode::Char('2'));
    // November is the last month drawn; the click lands on the day's number.
    let at = find_last(&draw(&a), " 10");
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        (at.0 + 1, at.1),
    );
    assert_eq!(a.screen, Screen::Today);
    assert_eq!(a.screens.today.day, d("2026-11-10"));
    assert!(buffer_to_string(&draw(&a)).contains("Tue 10 Nov"));
    // A day still ahead stays closed.
    key(&mut a, KeyCode::Char('2'));
    let at = find_last(&draw(&a), " 25");
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        (at.0 + 1, at.1),
    );
    assert_eq!(a.screen, Screen::Calendar);
    assert!(a.message.as_deref().is_some_and(|m| m.contains("ahead")));
}

#[test]
fn a_click_on_a_day_of_the_recent_weeks_shows_it() {
    let f = Fixture::new();
    let mut a = app(&f);
    let weeks = draw(&a);
    let (x, y) = find(&weeks, "16 Nov");
    // The row's glyphs start eight columns in, two columns a day: Tuesday.
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        (x + 8 + 2, y),
    );
    assert_eq!(a.screens.today.day, d("2026-11-17"));
}

#[test]
fn a_click_on_a_promise_selects_it_for_the_next_key() {
    let f = Fixture::new();
    let mut a = app(&f);
    click(&mut a, "Read  10 pages");
    key(&mut a, KeyCode::Char(' '));
    let day = a.journal.day(a.today).expect("day");
    let status = |text: &str| {
        day.items
            .iter()
            .find(|i| i.promise.text == text)
            .and_then(|i| i.status())
    };
    assert_eq!(status("Read"), Some(Status::Kept), "the clicked one");
    assert_eq!(status("Stretch for ten seconds"), None);
    // A click on a win focuses the wins: Enter then edits that win.
    click(&mut a, "sent the email");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.popup, Some(Popup::Text(_))));
}

#[test]
fn a_click_on_a_promise_of_the_promises_screen_selects_it() {
    let f = Fixture::new();
    let mut a = app(&f);
    key(&mut a, KeyCode::Char('4'));
    click(&mut a, "Walk around the block");
    key(&mut a, KeyCode::Char('e'));
    let s = buffer_to_string(&draw(&a));
    assert!(matches!(a.popup, Some(Popup::Form(_))), "{s}");
    assert!(s.contains("Walk around the block"), "{s}");
}

#[test]
fn the_wheel_moves_lists_the_calendar_the_review_and_help() {
    let f = Fixture::new();
    let mut a = app(&f);
    // The promises list on Today.
    let at = find(&draw(&a), "Stretch for ten");
    wheel(&mut a, true, at);
    key(&mut a, KeyCode::Char(' '));
    let read = a.journal.day(a.today).expect("day").items[1].status();
    assert_eq!(read, Some(Status::Kept), "the wheel moved to the second");
    // The calendar, a week at a time.
    key(&mut a, KeyCode::Char('2'));
    let at = find(&draw(&a), "November 2026");
    wheel(&mut a, false, at);
    assert_eq!(a.screens.calendar.cursor, d("2026-11-14"));
    wheel(&mut a, true, at);
    assert_eq!(a.screens.calendar.cursor, d("2026-11-21"));
    // The review's evidence scrolls, on a window too small for all of it.
    key(&mut a, KeyCode::Char('3'));
    let top = draw_at(&a, 80, 24);
    let at = find(&top, "Promise ");
    for _ in 0..40 {
        wheel(&mut a, true, at);
    }
    let scrolled = buffer_to_string(&draw_at(&a, 80, 24));
    assert_ne!(buffer_to_string(&top), scrolled);
    assert!(scrolled.contains("↑ k back"), "{scrolled}");
    // Help, over any screen.
    key(&mut a, KeyCode::Char('?'));
    let help = draw(&a);
    wheel(&mut a, true, (W / 2, H / 2));
    assert_ne!(draw(&a), help);
}

#[test]
fn with_mouse_off_clicks_and_the_wheel_do_nothing() {
    let f = Fixture::new();
    let mut a = app_with(&f, "mouse = false\n");
    let before = draw(&a);
    let at = find(&before, "2 Calendar");
    assert!(!mouse(&mut a, MouseEventKind::Down(MouseButton::Left), at));
    assert_eq!(a.screen, Screen::Today);
    let at = find(&before, "Stretch for ten");
    assert!(!mouse(&mut a, MouseEventKind::ScrollDown, at));
    assert_eq!(draw(&a), before);
}

#[test]
fn a_click_with_a_popup_open_changes_nothing_behind_it() {
    let f = Fixture::new();
    let mut a = app(&f);
    key(&mut a, KeyCode::Char('w'));
    let at = find(&draw(&a), "2 Calendar");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), at);
    assert_eq!(a.screen, Screen::Today);
    assert!(matches!(a.popup, Some(Popup::Text(_))));
}

// ----- a real terminal ---------------------------------------------------

const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";

fn start(f: &Fixture, config: &str) -> Pty {
    drop(lived_in(&f.path));
    let file = f.dir.path().join("config.toml");
    std::fs::write(&file, config).expect("config");
    let db = f.path.display().to_string();
    let file = file.display().to_string();
    let app = Pty::spawn(&["--db", &db, "--config", &file], &[], 120, 40);
    app.wait_for("Recent");
    app
}

#[test]
fn mouse_reporting_is_on_while_the_app_runs_and_off_after_a_click_and_q() {
    let f = Fixture::new();
    let mut app = start(&f, "");
    assert!(app.text().contains(MOUSE_ON));
    // A click on "2 Calendar" (SGR mouse report: button, column, row, 1-based).
    app.send("\x1b[<0;24;1M\x1b[<0;24;1m");
    app.wait_for("opens");
    app.send("q");
    assert!(app.wait_exit());
    let out = app.text();
    let on = out.rfind(MOUSE_ON).expect("turned on");
    assert!(out[on..].contains(MOUSE_OFF), "turned off on the way out");
}

#[test]
fn mouse_reporting_is_off_after_sigterm() {
    let f = Fixture::new();
    let mut app = start(&f, "");
    let pid = app.pid().expect("a process id");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    app.wait_exit();
    let out = app.text();
    let on = out.rfind(MOUSE_ON).expect("turned on");
    assert!(out[on..].contains(MOUSE_OFF), "turned off after SIGTERM");
}

#[test]
fn with_mouse_off_reporting_is_never_turned_on() {
    let f = Fixture::new();
    let mut app = start(&f, "mouse = false\n");
    app.send("q");
    assert!(app.wait_exit());
    assert!(!app.text().contains(MOUSE_ON));
}
