//! Every screen, popup and tab at 120×40, 80×24 and 40×12, on the demo
//! journal (eight weeks, evening) and on a journal begun a week ago with
//! the command line (morning): snapshots a person reads as they would the
//! screen. `tests/cuts.rs` reads them all for words cut without a mark.

mod common;

use common::tui::{app, press, seen, typed};
use common::{Fixture, one_week, open_at};
use crossterm::event::KeyCode;

/// What is drawn, and the keys that bring it up from Today; `\t` is Tab
/// and `\n` is Enter.
const SCREENS: &[(&str, &str)] = &[
    ("today", ""),
    ("today_wins", "\t"),
    ("calendar", "2"),
    ("review", "3"),
    ("review_decide", "3\t"),
    ("promises", "4"),
    ("promise_page", "4\n"),
    ("search", "/the"),
    ("help", "?"),
    ("win", "w"),
    ("add_promise", "a"),
    ("missed", "x"),
    ("share", "S"),
];

const SIZES: &[(u16, u16)] = &[(120, 40), (80, 24), (40, 12)];

fn press_keys(a: &mut smallwins::ui::app::App, keys: &str) {
    for c in keys.chars() {
        match c {
            '\t' => press(a, KeyCode::Tab),
            '\n' => press(a, KeyCode::Enter),
            c => typed(a, &c.to_string()),
        }
    }
}

fn every_screen(f: &Fixture, journal: &str, now: &str) {
    for (name, keys) in SCREENS {
        for &(w, h) in SIZES {
            let mut a = app(open_at(&f.path, now));
            press_keys(&mut a, keys);
            let shown = seen(&mut a, w, h);
            insta::assert_snapshot!(format!("{journal}_{name}_{w}x{h}"), shown);
        }
    }
}

#[test]
fn every_screen_on_the_demo_journal() {
    let f = Fixture::new();
    let mut j = open_at(&f.path, "2026-11-21T19:30");
    smallwins::demo::fill(&mut j, 8).expect("demo");
    drop(j);
    every_screen(&f, "demo", "2026-11-21T19:30");
}

#[test]
fn every_screen_on_a_journal_of_one_week() {
    let f = Fixture::new();
    one_week(&f);
    every_screen(&f, "week", "2026-11-21T08:30");
}
