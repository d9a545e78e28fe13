//! Where issue 9 ("the record tells the truth") meets issue 12 (one glyph
//! set, rebindable keys, short win ids, search): a journal from before
//! both migrates through both; the new marks are drawn with the one glyph
//! set and explained by its legend, in the full-screen journal and in the
//! shell; the smaller-version key can be rebound like every other; a
//! search names a promise in the words it had that day.

mod common;

use std::path::Path;

use common::{Fixture, at, d, run_at};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rusqlite::Connection;
use smallwins::config;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, PromiseEdit, Status};
use smallwins::store::{LATEST_VERSION, Store};
use smallwins::ui::app::App;
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, render_to_string, screens};

const NOW: &str = "2026-11-21T08:30";

fn note(text: &str) -> Mark {
    Mark {
        note: Some(text.into()),
        ..Mark::default()
    }
}

// ----- the schema -----------------------------------------------------------

#[test]
fn a_version_2_journal_gets_versions_and_then_a_search_index_that_follows_its_checks() {
    let f = Fixture::new();
    Store::create_at_version(&f.path, 2).expect("a version 2 journal");
    let raw = Connection::open(&f.path).expect("raw");
    raw.execute_batch(
        "INSERT INTO promises (id, text, smaller, schedule, position, created_on, updated_at)
         VALUES ('p1', 'Stretch for ten seconds', 'touch my toes once', 'daily', 0,
                 '2026-11-01', '2026-11-01 08:00:00');
         INSERT INTO checks (id, promise_id, day, status, note, updated_at)
         VALUES ('c1', 'p1', '2026-11-02', 'missed', 'overslept after a late film',
                 '2026-11-02 20:00:00');",
    )
    .expect("records written before versions and search existed");
    raw.close().expect("close");

    let mut j = f.open(NOW);
    let promise = &j.promises(true).expect("promises")[0];
    assert_eq!(promise.number, 1, "numbered as the list showed it");
    let found = j.search("overslept").expect("search");
    assert_eq!(found.len(), 1, "the old note is in the index");
    assert_eq!(found[0].promise.as_deref(), Some("Stretch for ten seconds"));

    // A mark of the smaller version, with a note, goes into the checks
    // table version 3 rebuilt, and the index hears of it.
    j.mark(
        "p1",
        d("2026-11-20"),
        Status::Smaller,
        note("knees were stiff"),
    )
    .expect("the smaller version can be recorded");
    let found = j.search("stiff").expect("search");
    assert_eq!(found.len(), 1, "a new note on the rebuilt table is indexed");
    assert_eq!(found[0].day, d("2026-11-20"));
    // So is an edit of an old one.
    j.mark(
        "p1",
        d("2026-11-02"),
        Status::Missed,
        note("phone in the kitchen"),
    )
    .expect("edit the note");
    assert!(j.search("overslept").expect("search").is_empty());
    assert_eq!(j.search("kitchen").expect("search").len(), 1);
    drop(j);

    let conn = Connection::open(&f.path).expect("raw");
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(LATEST_VERSION, 11);
}

#[test]
fn a_note_found_by_search_names_its_promise_as_it_read_that_day() {
    let f = Fixture::new();
    let mut j = open(&f, "2026-11-01T08:00");
    let read = j
        .add_promise(NewPromise {
            text: "Read before bed".into(),
            ..NewPromise::default()
        })
        .expect("add");
    j.set_clock(Clock::Fixed(at(NOW)));
    j.mark(
        &read.id,
        d("2026-11-05"),
        Status::Missed,
        note("fell asleep early"),
    )
    .expect("mark");
    j.edit_promise_from(
        &read.id,
        PromiseEdit {
            text: Some("Read one page".into()),
            ..PromiseEdit::default()
        },
        d("2026-11-15"),
    )
    .expect("reworded from the 15th");
    j.mark(
        &read.id,
        d("2026-11-18"),
        Status::Missed,
        note("fell asleep on the sofa"),
    )
    .expect("mark");
    let mut found: Vec<(String, String)> = j
        .search("asleep")
        .expect("search")
        .into_iter()
        .map(|h| (h.day.to_string(), h.promise.unwrap_or_default()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("2026-11-05".to_string(), "Read before bed".to_string()),
            ("2026-11-18".to_string(), "Read one page".to_string()),
        ]
    );
    let out = run_at(&f, NOW, &["search", "asleep"]);
    assert!(out.contains("Read before bed"), "{out}");
    assert!(out.contains("Read one page"), "{out}");
}

// ----- the glyphs -----------------------------------------------------------

fn open(f: &Fixture, now: &str) -> Journal {
    common::open_at(&f.path, now)
}

fn open_with(path: &Path, now: &str, config: &str) -> Journal {
    let config = config::parse(config, Path::new("config.toml"))
        .expect("valid config")
        .config;
    Journal::open(path, Clock::Fixed(at(now)), config).expect("open journal")
}

/// Two daily promises from Mon 2 November; each of the first days of that
/// week ends differently, and both promises are archived from the 10th.
fn a_week_of_every_mark(f: &Fixture) {
    let mut j = open(f, "2026-11-02T08:00");
    let add = |j: &mut Journal, text: &str| {
        j.add_promise(NewPromise {
            text: text.into(),
            smaller: Some("a little of it".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id
    };
    let (a, b) = (add(&mut j, "Stretch"), add(&mut j, "Drink water"));
    j.set_clock(Clock::Fixed(at("2026-11-10T08:00")));
    for (day, first, second) in [
        ("2026-11-02", Some(Status::Kept), Some(Status::Kept)),
        ("2026-11-03", Some(Status::Kept), Some(Status::Partial)),
        ("2026-11-04", Some(Status::Missed), Some(Status::Missed)),
        ("2026-11-05", Some(Status::Smaller), Some(Status::Missed)),
        ("2026-11-06", None, None),
        ("2026-11-07", Some(Status::Kept), Some(Status::Smaller)),
    ] {
        for (id, status) in [(&a, first), (&b, second)] {
            if let Some(status) = status {
                j.mark(id, d(day), status, Mark::default()).expect("mark");
            }
        }
    }
    j.archive_promise(&a).expect("archive");
    j.archive_promise(&b).expect("archive");
}

#[test]
fn the_calendar_draws_every_day_mark_from_the_one_glyph_set() {
    let f = Fixture::new();
    a_week_of_every_mark(&f);
    let s =
        render_to_string(open(&f, NOW), Screen::Calendar, d("2026-11-21"), 120, 40).expect("draws");
    for (cell, what) in [
        ("  2 ✓", "all kept"),
        ("  3 ◐", "all shown up for, some partly"),
        ("  4 ○", "a miss noted, nothing kept"),
        ("  5 +", "some shown up for"),
        ("  6 ·", "nothing recorded"),
        ("  7 ◐", "all shown up for, one in its smaller version"),
        (" 12 –", "after every promise was archived: nothing asked"),
        (" 25 ╌", "still ahead"),
    ] {
        assert!(s.contains(cell), "{what}: {cell} in\n{s}");
    }
    // Sun 1 Nov, before the first promise: not part of the record, blank.
    assert!(!s.contains(" 1 ╌") && !s.contains(" 1╌"), "{s}");
    for words in [
        "✓ kept",
        "◐ partly kept",
        "+ showed up for some",
        "○ noted as missed",
        "· not recorded",
        "– rest day",
        "╌ not yet",
    ] {
        assert!(s.contains(words), "the legend explains {words}:\n{s}");
    }
    for provisional in ['◕', '◌', '◑', '●', '˙', '◔'] {
        assert!(!s.contains(provisional), "{provisional} in\n{s}");
    }
}

#[test]
fn the_calendar_in_ascii_draws_the_same_marks_in_plain_characters() {
    let f = Fixture::new();
    a_week_of_every_mark(&f);
    let j = open_with(&f.path, NOW, "glyphs = \"ascii\"\n");
    let s = render_to_string(j, Screen::Calendar, d("2026-11-21"), 120, 40).expect("draws");
    assert!(!s.contains(" 1 _"), "{s}");
    for cell in ["  2 v", "  3 ~", "  4 o", "  5 +", "  6 .", " 12 -"] {
        assert!(s.contains(cell), "{cell} in\n{s}");
    }
    assert!(
        s.contains("~ partly kept") && s.contains("o noted as missed"),
        "{s}"
    );
    assert!(s.is_ascii(), "{s}");
}

#[test]
fn a_day_kept_in_the_smaller_version_reads_with_its_glyph_and_legend_in_the_shell() {
    let f = Fixture::new();
    let mut j = open(&f, NOW);
    let stretch = j
        .add_promise(NewPromise {
            text: "Stretch for ten seconds".into(),
            smaller: Some("touch my toes once".into()),
            ..NewPromise::default()
        })
        .expect("add");
    j.add_promise(NewPromise {
        text: "Read".into(),
        ..NewPromise::default()
    })
    .expect("add");
    j.mark(
        &stretch.id,
        d("2026-11-21"),
        Status::Smaller,
        Mark::default(),
    )
    .expect("mark");
    let win = j
        .add_win(d("2026-11-21"), "sent the email I was avoiding", None)
        .expect("win");
    drop(j);

    let out = run_at(&f, NOW, &["today"]);
    assert!(
        out.contains("1 ◒ Stretch for ten seconds (the smaller version: touch my toes once)"),
        "{out}"
    );
    assert!(out.contains("2 · Read"), "{out}");
    assert!(out.contains("(◒ smaller version  · not recorded)"), "{out}");
    // The win carries its short id, for `win edit` and `win delete`.
    let short = &smallwins::domain::short_id::hash_key(&win.id)[..6];
    let line = out
        .lines()
        .find(|l| l.contains("sent the email I was avoiding"))
        .expect("the win is listed");
    assert!(line.contains(short), "{line}");

    let config = f.dir.path().join("ascii.toml");
    std::fs::write(&config, "glyphs = \"ascii\"\n").expect("config");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .arg("--db")
        .arg(&f.path)
        .arg("--config")
        .arg(&config)
        .arg("today")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let out = String::from_utf8(out.stdout).expect("utf-8");
    assert!(out.contains("1 s Stretch for ten seconds"), "{out}");
    assert!(out.contains("(s smaller version  . not recorded)"), "{out}");

    let help = run_at(&f, NOW, &["today", "--help"]);
    assert!(help.contains("◒ smaller version"), "{help}");
    assert!(!help.contains('◑'), "{help}");
}

// ----- the keys -------------------------------------------------------------

fn app_with(f: &Fixture, config: &str) -> App {
    let j = open_with(&f.path, "2026-11-21T20:30", config);
    App::new(j, Theme::new(false)).expect("app")
}

fn press(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buffer_to_string(&buf)
}

fn status_today(app: &App) -> Option<Status> {
    let day = app.journal.day(d("2026-11-21")).expect("day");
    day.items[0].status()
}

fn with_a_smaller_version(f: &Fixture) {
    let mut j = open(f, NOW);
    j.add_promise(NewPromise {
        text: "Stretch for ten seconds".into(),
        smaller: Some("touch my toes once".into()),
        ..NewPromise::default()
    })
    .expect("add");
}

#[test]
fn the_smaller_version_key_is_rebound_like_every_other() {
    let f = Fixture::new();
    with_a_smaller_version(&f);
    let mut a = app_with(&f, "[keys.today]\nmark_smaller = \"m\"\n");
    assert_eq!(a.message, None, "no conflict to report");
    press(&mut a, 's');
    assert_eq!(status_today(&a), None, "s no longer marks");
    press(&mut a, 'm');
    assert_eq!(status_today(&a), Some(Status::Smaller));
    let s = draw(&a, 120, 40);
    assert!(s.contains("◒ Stretch for ten seconds"), "{s}");
    press(&mut a, '?');
    let help = draw(&a, 120, 90);
    assert!(
        help.contains(&format!(
            "  {:<14}{}",
            "m", "mark kept in its smaller version (it counts)"
        )),
        "{help}"
    );
    assert!(
        help.contains("◒             kept the smaller version"),
        "{help}"
    );
}

#[test]
fn the_smaller_version_key_taken_by_another_action_is_reported() {
    let f = Fixture::new();
    with_a_smaller_version(&f);
    let a = app_with(&f, "[keys]\nsearch = \"s\"\n");
    let message = a.message.clone().expect("the conflict is reported");
    assert!(
        message.contains("search") && message.contains("mark_smaller"),
        "{message}"
    );
    assert!(message.contains("on Today"), "{message}");
}
