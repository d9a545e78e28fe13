//! Every key that help lists does something where it is listed. For each
//! screen and each popup, every advertised key is pressed on a lived-in
//! journal and must change what is drawn, the screen, the popup, or the
//! journal; and help shows exactly those keys.

mod common;

use common::{Fixture, lived_in};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use smallwins::store::Export;
use smallwins::ui::app::{App, Popup};
use smallwins::ui::keymap::{Bound, Context, Key, Keymap, Mods, PopupKind, Scope};
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, screens};

const W: u16 = 80;
const H: u16 = 24;

fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buf
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    draw(app, W, H);
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        draw(app, W, H);
    }
}

/// The key event a terminal sends for `key` (capitals with Shift).
fn event(key: &Key) -> KeyEvent {
    let mut mods = match key.mods {
        Mods::None => KeyModifiers::NONE,
        Mods::Ctrl => KeyModifiers::CONTROL,
        Mods::Alt => KeyModifiers::ALT,
        Mods::Shift => KeyModifiers::SHIFT,
    };
    if matches!(key.code, KeyCode::Char(c) if c.is_uppercase()) || key.code == KeyCode::BackTab {
        mods |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(key.code, mods)
}

/// Everything a key press could change that a person would notice.
#[derive(PartialEq)]
struct Seen {
    buffer: Buffer,
    screen: Screen,
    popup: Option<&'static str>,
    quit: bool,
    journal: Export,
}

fn look(app: &App) -> Seen {
    Seen {
        buffer: draw(app, W, H),
        screen: app.screen,
        popup: app.popup.as_ref().map(|p| match p {
            Popup::Help { .. } => "help",
            Popup::Text(_) => "text",
            Popup::Form(_) => "form",
            Popup::Rating(_) => "rating",
            Popup::Share(_) => "share",
        }),
        quit: app.quit,
        journal: app.journal.export(None, None).expect("export"),
    }
}

/// A way to reach a place where keys are tried, from a fresh lived-in
/// journal (Saturday morning, three weeks of history).
type Setup = fn(&mut App);

/// Places to try the keys of `context` from: somewhere in the middle, so
/// that "up" and "back" have somewhere to go.
fn setups(context: Context) -> Vec<Setup> {
    match context {
        // Yesterday, second promise selected.
        Context::Screen(Screen::Today) => vec![|a| typed(a, "hj")],
        Context::Screen(Screen::Calendar) => vec![|a| typed(a, "2h")],
        // Last week, scrolled down a little.
        Context::Screen(Screen::Review) => vec![|a| typed(a, "3[j")],
        // Today and, for the keys that move back to today, yesterday.
        Context::Screen(Screen::Promises) => vec![|a| typed(a, "4j"), |a| typed(a, "4jh")],
        // A promise's page, scrolled down a row so that up has somewhere to go.
        Context::Screen(Screen::Promise) => vec![|a| {
            typed(a, "4");
            press(a, KeyCode::Enter);
            typed(a, "j");
        }],
        Context::Popup(PopupKind::Help) => vec![|a| typed(a, "?j")],
        // An evening answer, which takes several lines.
        Context::Popup(PopupKind::Text) => vec![|a| {
            typed(a, "r");
            press(a, KeyCode::Enter);
            typed(a, "rain");
        }],
        Context::Popup(PopupKind::Form) => vec![|a| typed(a, "aFloss one tooth")],
        // Several results, the second one chosen.
        Context::Popup(PopupKind::Search) => vec![|a| {
            typed(a, "/small win");
            press(a, KeyCode::Down);
        }],
        // Today's message; and one long enough to scroll, scrolled down a
        // row, so that both ways have somewhere to go.
        Context::Popup(PopupKind::Share) => vec![|a| typed(a, "S"), |a| {
            long_day(a);
            typed(a, "Sj");
        }],
        // The morning confidence (6), and the same one step higher (7), so
        // that every digit changes one of them.
        Context::Popup(PopupKind::Rating) => vec![
            |a| {
                press(a, KeyCode::BackTab);
                typed(a, "j");
                press(a, KeyCode::Enter);
            },
            |a| {
                press(a, KeyCode::BackTab);
                typed(a, "j");
                press(a, KeyCode::Enter);
                typed(a, "+");
            },
        ],
    }
}

fn contexts() -> Vec<Context> {
    let mut all: Vec<Context> = Screen::ALL.into_iter().map(Context::Screen).collect();
    all.push(Context::Screen(Screen::Promise));
    all.extend(
        [
            PopupKind::Help,
            PopupKind::Text,
            PopupKind::Form,
            PopupKind::Rating,
            PopupKind::Search,
            PopupKind::Share,
        ]
        .map(Context::Popup),
    );
    all
}

/// Twenty wins today, so that today's message is longer than its preview.
fn long_day(app: &mut App) {
    let today = app.journal.today();
    for i in 0..20 {
        app.journal
            .add_win(
                today,
                &format!(
                    "win number {i}: sorted the drawer of cables that had bothered me for weeks"
                ),
                None,
            )
            .expect("win");
    }
}

#[test]
fn every_key_help_lists_changes_something_where_it_is_listed() {
    let mut idle = Vec::new();
    let mut tried = 0;
    for context in contexts() {
        for binding in keys().bindings(context).to_vec() {
            for key in &binding.keys {
                tried += 1;
                let acts = setups(context).into_iter().any(|setup| {
                    let f = Fixture::new();
                    let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
                    draw(&app, W, H);
                    setup(&mut app);
                    let before = look(&app);
                    app.handle_event(&Event::Key(event(key)));
                    look(&app) != before
                });
                if !acts {
                    idle.push(format!(
                        "{context:?}: {} ({})",
                        keys().key_label(key),
                        binding.help
                    ));
                }
            }
        }
    }
    assert!(tried > 80, "only {tried} keys tried");
    assert!(
        idle.is_empty(),
        "listed in help but changed nothing:\n{}",
        idle.join("\n")
    );
}

/// The rows of one section of the drawn help: from its title to the next
/// empty row. Help is drawn 72 columns wide, centred on a window of 76, so
/// its text runs from column 3 to 72.
fn section(help: &Buffer, title: &str) -> Vec<String> {
    (0..help.area.height)
        .map(|y| {
            let row: String = (3..73).map(|x| help[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .skip_while(|l| l != title)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The default keys, which these tests' apps have.
fn keys() -> Keymap {
    Keymap::default()
}

fn row(b: Bound) -> String {
    format!("  {:<14}{}", keys().keys_label(&b), b.help)
}

#[test]
fn help_shows_exactly_the_keys_each_screen_handles() {
    for screen in Screen::ALL {
        let f = Fixture::new();
        let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
        if screen != Screen::Today {
            typed(&mut app, &keys().go_key(screen));
        }
        typed(&mut app, "?");
        let help = draw(&app, 76, 90);
        let text = buffer_to_string(&help);
        let context = Context::Screen(screen);
        let own: Vec<String> = (keys().bindings(context).iter())
            .filter(|b| b.scope != Scope::Everywhere)
            .cloned()
            .map(row)
            .collect();
        let everywhere: Vec<String> = (keys().bindings(context).iter())
            .filter(|b| b.scope == Scope::Everywhere)
            .cloned()
            .map(row)
            .collect();
        let title = format!("{} screen", screen.title());
        assert_eq!(section(&help, &title), own, "{text}");
        assert_eq!(section(&help, "Everywhere"), everywhere, "{text}");
        let listed = section(&help, &title).join("\n") + &section(&help, "Everywhere").join("\n");
        // Keys that did nothing on these screens were listed before.
        if matches!(screen, Screen::Calendar | Screen::Promises) {
            assert!(!listed.contains("  Tab "), "{screen:?}: {listed}");
            assert!(!listed.contains("Shift-Tab"), "{screen:?}: {listed}");
        }
        if screen == Screen::Promises {
            // The grid's day cursor.
            assert!(listed.contains("h/←"), "{listed}");
            assert!(listed.contains("l/→"), "{listed}");
        }
        let own_key = format!("  {:<14}{}", keys().go_key(screen), screen.title());
        assert!(!listed.contains(&own_key), "{screen:?}: {listed}");
        assert!(!listed.contains("close a popup"), "{screen:?}: {listed}");
    }
}

/// Review and help clamp their scroll against what the last draw showed:
/// j held past the end, then one k, moves back up at once.
#[test]
fn one_k_scrolls_back_after_holding_j_past_the_end() {
    let f = Fixture::new();
    let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
    for open in ["3", "?"] {
        typed(&mut app, open);
        for _ in 0..60 {
            typed(&mut app, "j");
        }
        let bottom = draw(&app, W, H);
        if open == "3" {
            assert!(buffer_to_string(&bottom).contains("↑ k back"));
        }
        typed(&mut app, "k");
        assert_ne!(
            draw(&app, W, H),
            bottom,
            "after {open}: one k scrolls back up"
        );
    }
}

/// The footer: the last row drawn at `W`×`H`.
fn footer(app: &App) -> String {
    let text = buffer_to_string(&draw(app, W, H));
    text.lines().last().unwrap_or_default().to_string()
}

fn lived_in_app() -> (Fixture, App) {
    let f = Fixture::new();
    let app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
    (f, app)
}

/// Regression: with a form or popup open the footer kept offering the
/// screen's keys ("space kept · p partly …"), which went to the popup.
#[test]
fn while_a_popup_is_open_the_footer_shows_its_keys() {
    let (_f, mut app) = lived_in_app();
    assert!(footer(&app).contains("space kept"), "{}", footer(&app));
    for (open, shows) in [
        ("w", "Enter saves"),
        ("a", "Tab next field"),
        ("?", "Esc closes"),
        ("S", "c copy"),
    ] {
        typed(&mut app, open);
        let line = footer(&app);
        assert!(line.contains(shows), "after {open}: {line}");
        assert!(!line.contains("space kept"), "after {open}: {line}");
        assert!(!line.contains("q quit"), "after {open}: {line}");
        press(&mut app, KeyCode::Esc);
        assert!(app.popup.is_none(), "Esc closes what {open} opened");
    }
    // A box of one line offers no new line.
    typed(&mut app, "w");
    assert!(!footer(&app).contains("new line"), "{}", footer(&app));
}

/// Regression: a key that nothing answers was ignored in silence.
#[test]
fn a_key_that_does_nothing_says_so_in_the_footer() {
    let (_f, mut app) = lived_in_app();
    let before = look(&app).journal;
    typed(&mut app, "z");
    assert_eq!(footer(&app), " z does nothing here · ? help");
    assert!(app.popup.is_none() && !app.quit);
    assert!(look(&app).journal == before, "nothing changed");
    // The next key that does something takes the footer back.
    typed(&mut app, "j");
    assert!(footer(&app).contains("space kept"), "{}", footer(&app));
    typed(&mut app, "1");
    assert_eq!(footer(&app), " Already on Today.");
    typed(&mut app, "2");
    press(&mut app, KeyCode::F(9));
    assert_eq!(footer(&app), " F9 does nothing here · ? help");
}

/// Regression: in the share preview and the rating a key that nothing
/// answers was ignored in silence, while a screen said so; in a text box
/// or a form every such key is typed and nothing is said.
#[test]
fn a_key_that_does_nothing_in_a_popup_says_so_but_never_in_a_box() {
    let (_f, mut app) = lived_in_app();
    typed(&mut app, "S");
    typed(&mut app, "z");
    assert_eq!(footer(&app), " z does nothing here · Esc closes");
    assert!(app.popup.is_some(), "the preview stays open");
    // The next key that does something takes the footer back.
    typed(&mut app, "j");
    assert!(footer(&app).contains("c copy"), "{}", footer(&app));
    press(&mut app, KeyCode::Esc);
    // The morning confidence.
    press(&mut app, KeyCode::BackTab);
    typed(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popup, Some(Popup::Rating(_))));
    press(&mut app, KeyCode::F(9));
    assert_eq!(footer(&app), " F9 does nothing here · Esc closes");
    press(&mut app, KeyCode::Esc);
    for open in ["w", "a"] {
        typed(&mut app, open);
        typed(&mut app, "zq");
        assert!(app.message.is_none(), "after {open}: {:?}", app.message);
        assert!(!footer(&app).contains("does nothing"), "{}", footer(&app));
        press(&mut app, KeyCode::Esc);
    }
}

/// Regression: the Welcome footer offered `space p s x` (which only
/// answered "No promises yet") and not `a`, the key that starts.
#[test]
fn the_welcome_footer_offers_adding_a_promise() {
    let f = Fixture::new();
    let mut app = App::new(f.open("2026-11-21T08:30"), Theme::new(false)).expect("app");
    let line = footer(&app);
    assert!(buffer_to_string(&draw(&app, W, H)).contains("Welcome"));
    assert!(line.contains("a add a promise"), "{line}");
    for absent in ["space kept", "p partly", "s smaller", "x missed", "S share"] {
        assert!(!line.contains(absent), "{line}");
    }
    typed(&mut app, "a");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "a adds a promise"
    );
}

/// `[`/`]` move by the period the screen shows, and the footer names it.
#[test]
fn brackets_move_by_the_period_each_screen_shows_and_the_footer_names_it() {
    use chrono::{Days, Months};
    let (_f, mut app) = lived_in_app();
    let today = app.today;
    // Today shows a day (its footer has room to say so at 120 columns).
    let wide = buffer_to_string(&draw(&app, 120, 40));
    let wide_footer = wide.lines().last().unwrap_or_default();
    assert!(wide_footer.contains("[ day"), "{wide_footer}");
    typed(&mut app, "[");
    assert_eq!(app.screens.today.day, today - Days::new(1));
    typed(&mut app, "]");
    assert_eq!(app.screens.today.day, today);
    // The calendar shows months.
    typed(&mut app, "2");
    assert!(footer(&app).contains("[ month"), "{}", footer(&app));
    typed(&mut app, "[");
    assert_eq!(app.screens.calendar.cursor, today - Months::new(1));
    // The review shows a week.
    typed(&mut app, "3");
    let week = app.screens.review.week;
    assert!(footer(&app).contains("[ week"), "{}", footer(&app));
    typed(&mut app, "[");
    assert_eq!(app.screens.review.week, week - Days::new(7));
    // The grid's cursor moves a week.
    typed(&mut app, "4");
    assert!(footer(&app).contains("[ week"), "{}", footer(&app));
    let cursor = app.screens.promises.cursor;
    typed(&mut app, "[");
    assert_eq!(app.screens.promises.cursor, cursor - Days::new(7));
}

/// Enter on a Today row records the day, the same for every kind of
/// promise: a yes/no one is kept, a measured one asks for its amount; `e`
/// edits the promise itself.
#[test]
fn enter_on_a_today_row_records_the_day_for_every_kind_of_promise() {
    let (_f, mut app) = lived_in_app();
    let status = |app: &App, i: usize| app.journal.day(app.today).expect("day").items[i].status();
    assert_eq!(status(&app, 0), None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(status(&app, 0), Some(smallwins::domain::Status::Kept));
    assert!(app.popup.is_none());
    typed(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.popup, Some(Popup::Text(t)) if t.title.starts_with("How many pages?")),
        "the measured promise asks for its amount"
    );
    press(&mut app, KeyCode::Esc);
    typed(&mut app, "e");
    assert!(matches!(app.popup, Some(Popup::Form(_))), "e edits it");
}

/// Ctrl-C quits from anywhere, even with a text box open.
#[test]
fn ctrl_c_quits_even_from_a_popup() {
    let (_f, mut app) = lived_in_app();
    typed(&mut app, "w");
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.quit);
}

/// Regression: the form after a miss said "(s marks it)" while s typed
/// into the note.
#[test]
fn the_miss_form_says_how_to_mark_the_smaller_version_instead() {
    let (_f, mut app) = lived_in_app();
    typed(&mut app, "x");
    let text = buffer_to_string(&draw(&app, 100, 30));
    // The note wraps inside the form.
    assert!(text.contains("Did that instead? Esc here,"), "{text}");
    assert!(text.contains("┃then s marks it."), "{text}");
    assert!(!text.contains("(s marks it)"), "{text}");
    typed(&mut app, "s");
    press(&mut app, KeyCode::Esc);
    typed(&mut app, "s");
    let day = app.journal.day(app.today).expect("day");
    assert_eq!(
        day.items[0].status(),
        Some(smallwins::domain::Status::Smaller)
    );
}

/// Regression: at 40×12 a form was as tall as the screen: it covered the
/// title bar and the footer, so its keys read "Enter saves …" with no way
/// out named, and "Smaller version" was cut to "Smaller v…" beside an
/// empty half of the row.
#[test]
fn a_form_on_a_small_screen_leaves_the_title_bar_and_its_keys_in_view() {
    for open in ["a", "x"] {
        let (_f, mut app) = lived_in_app();
        typed(&mut app, open);
        let text = buffer_to_string(&draw(&app, 40, 12));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with(" smallwins"), "after {open}:\n{text}");
        let footer = lines.last().copied().unwrap_or_default();
        assert!(footer.contains("Esc cancels"), "after {open}:\n{text}");
        if open == "a" {
            assert!(text.contains("Smaller version"), "{text}");
        }
    }
}
