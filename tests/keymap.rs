//! `[keys]` in the config: an action takes other keys (one, a list, with a
//! modifier), everywhere or in one place; the keys it had stop working;
//! help, the footer and the sentences that name keys show the keys in
//! force; and two actions left sharing a key in one place are reported at
//! start, naming both, with the key kept by the one the person set.

mod common;

use std::path::Path;

use common::{Fixture, at, lived_in};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use smallwins::config;
use smallwins::domain::{Clock, Journal};
use smallwins::ui::app::{App, Popup};
use smallwins::ui::screens::popup::text::TextPurpose;
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, screens};

/// The lived-in journal with `config`, at Sat 2026-11-21 08:30.
fn app_with(f: &Fixture, config: &str) -> App {
    drop(lived_in(&f.path));
    let config = config::parse(config, Path::new("config.toml"))
        .expect("valid config")
        .config;
    let journal =
        Journal::open(&f.path, Clock::Fixed(at("2026-11-21T08:30")), config).expect("open journal");
    App::new(journal, Theme::new(false)).expect("app")
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
}

fn char(app: &mut App, c: char) {
    press(app, KeyCode::Char(c), KeyModifiers::NONE);
}

fn ctrl(app: &mut App, c: char) {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buffer_to_string(&buf)
}

fn adding_a_win(app: &App) -> bool {
    matches!(&app.popup, Some(Popup::Text(t)) if t.purpose == TextPurpose::AddWin)
}

#[test]
fn a_rebound_action_answers_its_new_keys_and_not_its_old_one() {
    let f = Fixture::new();
    let mut a = app_with(
        &f,
        "[keys]\nadd_win = [\"y\", \"ctrl-w\"]\nundo = \"ctrl-u\"\n",
    );
    assert_eq!(a.message, None, "no problem to report");
    char(&mut a, 'w');
    assert!(a.popup.is_none(), "w no longer adds a win");
    char(&mut a, 'y');
    assert!(adding_a_win(&a));
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    ctrl(&mut a, 'w');
    assert!(adding_a_win(&a), "ctrl-w adds a win");
    for c in "ran".chars() {
        char(&mut a, c);
    }
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    let wins = |a: &App| a.journal.day(a.today).expect("day").wins.len();
    assert_eq!(wins(&a), 2);
    char(&mut a, 'u');
    assert_eq!(wins(&a), 2, "u no longer undoes");
    ctrl(&mut a, 'u');
    assert_eq!(wins(&a), 1, "ctrl-u undoes");
}

#[test]
fn help_the_footer_and_sentences_name_the_keys_in_force() {
    let f = Fixture::new();
    let mut a = app_with(
        &f,
        "[keys]\nadd_win = [\"y\", \"ctrl-w\"]\nshow_calendar = \"c\"\n",
    );
    let s = draw(&a, 120, 40);
    assert!(s.contains(" y win "), "footer:\n{s}");
    assert!(!s.contains(" w win "), "{s}");
    assert!(s.contains("c Calendar"), "tab strip:\n{s}");
    char(&mut a, '?');
    let help = draw(&a, 120, 90);
    let row = |keys: &str, does: &str| format!("  {keys:<14}{does}");
    assert!(help.contains(&row("y/Ctrl-w", "add a win")), "{help}");
    assert!(help.contains(&row("c", "Calendar")), "{help}");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(a.popup.is_none(), "{:?}", a.message);
    // A day with no wins says which key adds one.
    char(&mut a, 'h');
    assert_eq!(
        a.screens.today.day.to_string(),
        "2026-11-20",
        "{:?}",
        a.message
    );
    let s = draw(&a, 120, 40);
    assert!(s.contains("Press y to add one you remember"), "{s}");
    char(&mut a, 'c');
    assert_eq!(a.screen, Screen::Calendar);
}

#[test]
fn a_place_of_its_own_rebinds_only_there() {
    let f = Fixture::new();
    let mut a = app_with(&f, "[keys.calendar]\nopen = \"o\"\n");
    char(&mut a, '2');
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        a.screen,
        Screen::Calendar,
        "Enter no longer opens a day here"
    );
    char(&mut a, 'o');
    assert_eq!(a.screen, Screen::Today, "o opens it");
    // On Promises, Enter still opens (the promise's page).
    char(&mut a, '4');
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(a.screen, Screen::Promise);
}

#[test]
fn keys_of_a_popup_can_be_rebound_too() {
    let f = Fixture::new();
    let mut a = app_with(&f, "[keys.text_box]\nsave = \"ctrl-s\"\n");
    char(&mut a, 'w');
    for c in "ran".chars() {
        char(&mut a, c);
    }
    let s = draw(&a, 120, 40);
    assert!(s.contains("Ctrl-s saves"), "hint line:\n{s}");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
    assert_eq!(a.journal.day(a.today).expect("day").wins.len(), 2);
}

#[test]
fn two_actions_sharing_a_key_are_reported_and_the_key_stays_with_the_one_set() {
    let f = Fixture::new();
    let mut a = app_with(&f, "[keys]\nadd_win = \"x\"\n");
    let message = a
        .message
        .clone()
        .expect("the conflict is reported at start");
    assert!(
        message.contains("add_win") && message.contains("mark_missed"),
        "{message}"
    );
    assert!(
        message.contains("on Today") && message.contains("[keys]"),
        "{message}"
    );
    char(&mut a, 'x');
    assert!(adding_a_win(&a), "x does what the config asked");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    char(&mut a, '?');
    let help = draw(&a, 120, 90);
    let row = |keys: &str, does: &str| format!("  {keys:<14}{does}");
    assert!(help.contains(&row("x", "add a win")), "{help}");
    assert!(!help.contains(&row("x", "mark missed")), "{help}");
}

#[test]
fn a_conflict_in_another_place_names_that_place() {
    let f = Fixture::new();
    let a = app_with(&f, "[keys.review]\naccept = \"t\"\n");
    let message = a.message.clone().expect("reported");
    assert!(
        message.contains("accept") && message.contains("jump_to_today"),
        "{message}"
    );
    assert!(message.contains("on Review"), "{message}");
}

/// Regression: rebinding quit took Ctrl-C away with it. Ctrl-C always
/// quits, whatever `[keys]` says, and help still lists it.
#[test]
fn ctrl_c_quits_whatever_the_keys_say() {
    let f = Fixture::new();
    let mut a = app_with(&f, "[keys]\nquit = \"ctrl-q\"\n");
    assert_eq!(a.message, None, "no problem to report");
    char(&mut a, '?');
    let help = draw(&a, 120, 90);
    assert!(
        help.contains("  Ctrl-c        quit, from anywhere"),
        "{help}"
    );
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    char(&mut a, 'q');
    assert!(!a.quit, "q no longer quits");
    ctrl(&mut a, 'c');
    assert!(a.quit, "Ctrl-C does");
    let mut b = app_with(&f, "[keys]\nquit = \"ctrl-q\"\n");
    ctrl(&mut b, 'q');
    assert!(b.quit, "and so does the key set");
}

#[test]
fn ctrl_c_for_another_action_is_left_out_and_said() {
    let f = Fixture::new();
    let mut a = app_with(&f, "[keys]\nadd_win = [\"n\", \"ctrl-c\"]\n");
    let message = a.message.clone().expect("reported at start");
    assert!(
        message.contains("Ctrl-c always quits") && message.contains("add_win"),
        "{message}"
    );
    ctrl(&mut a, 'c');
    assert!(a.quit);
}

/// Keys with no way to quit, or no way out of a popup, are refused with a
/// sentence that says what to set.
#[test]
fn keys_that_lock_a_person_in_are_named() {
    let lock = |text: &str| {
        let config = config::parse(text, Path::new("config.toml"))
            .expect("valid config")
            .config;
        smallwins::ui::keys_lock_in(&config)
    };
    assert_eq!(lock(""), None);
    assert_eq!(lock("[keys]\nquit = \"ctrl-q\"\n"), None);
    let quit = lock("[keys]\nquit = []\n").expect("no quit");
    assert!(quit.contains("no way to quit on Today"), "{quit}");
    assert!(quit.contains("under [keys]"), "{quit}");
    let review = lock("[keys.review]\nquit = []\n").expect("no quit on review");
    assert!(review.contains("on Review"), "{review}");
    assert!(review.contains("[keys.review]"), "{review}");
    // q taken by another action leaves quit without a key too.
    let taken = lock("[keys]\nadd_win = \"q\"\n").expect("q taken");
    assert!(taken.contains("no way to quit"), "{taken}");
    let text_box = lock("[keys.text_box]\ncancel = []\n").expect("no way out");
    assert!(
        text_box.contains("no way out in a text box") && text_box.contains("[keys.text_box]"),
        "{text_box}"
    );
}

/// The keys in force are the app's own value, not the thread's: another
/// app made on the same thread with the default keys does not change the
/// keys the first one's sentences name (it did while the keys in force
/// were a thread-local that each new app replaced).
#[test]
fn an_app_names_its_own_keys_whatever_else_runs_on_the_thread() {
    use smallwins::ui::keymap::{Action, Context};
    let f = Fixture::new();
    let mut rebound = app_with(&f, "[keys]\nundo = \"ctrl-u\"\n");
    let other = Fixture::new();
    let _default = App::new(lived_in(&other.path), Theme::new(false)).expect("app");
    let undo = rebound
        .keys
        .label_of(Context::Screen(Screen::Today), Action::Undo);
    assert_ne!(undo, "u");
    rebound.perform(Action::NextPane);
    rebound.perform(Action::ClearMark);
    let said = rebound.message.clone().unwrap_or_default();
    assert_eq!(said, format!("Win deleted. Press {undo} to bring it back."));
}
