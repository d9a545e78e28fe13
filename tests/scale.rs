//! Journals at scale and what keeps them quick: `smallwins demo --years N
//! [--heavy]` (years of history in one batch), the batch itself, and the
//! things the full-screen journal no longer repeats on every key (the
//! calendar's loading, the terminal size). Speed itself is never asserted
//! here: `benches/` and `scripts/bench.sh` measure it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use common::{Fixture, at, d};
use serde_json::Value;
use smallwins::store::Export;

const NOW: &str = "2026-11-21T08:30";

fn smallwins(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(db.with_extension("toml"))
        .args(args)
        .output()
        .expect("runs")
}

/// Runs a command that must succeed quietly; returns what it printed.
fn run(db: &Path, args: &[&str]) -> String {
    let out = smallwins(db, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn export(db: &Path) -> Export {
    serde_json::from_str(&run(db, &["export", "--format", "json"])).expect("an export")
}

/// How many days of `data` hold at least one record of a kind, per kind.
fn per_day<T>(items: &[T], day: impl Fn(&T) -> NaiveDate) -> BTreeMap<NaiveDate, usize> {
    let mut days = BTreeMap::new();
    for item in items {
        *days.entry(day(item)).or_insert(0) += 1;
    }
    days
}

// ----- demo --years --------------------------------------------------------

#[test]
fn a_year_of_demo_history_has_five_promises_three_wins_a_day_and_most_mornings_and_evenings() {
    let f = Fixture::new();
    let said = run(&f.path, &["demo", "--years", "1"]);
    assert!(
        said.starts_with("Made a demo journal with 1 year of history"),
        "{said}"
    );
    let data = export(&f.path);
    assert_eq!(data.promises.len(), 5);
    let first = d("2025-11-21");
    let today = d("2026-11-21");
    let days = (today - first).num_days() as usize;
    assert_eq!(days, 365);

    let wins = per_day(&data.wins, |w| w.day);
    assert_eq!(wins.len(), days, "wins on every day before today");
    let average = data.wins.len() as f64 / days as f64;
    assert!((2.5..=3.5).contains(&average), "{average} wins a day");
    let mornings = data.checkins.len() as f64 / days as f64;
    let evenings = data.reflections.len() as f64 / days as f64;
    assert!((0.8..0.95).contains(&mornings), "{mornings} of mornings");
    assert!((0.75..0.9).contains(&evenings), "{evenings} of evenings");
    assert!(data.checks.len() > 3 * days, "{} checks", data.checks.len());

    let all_days: BTreeSet<NaiveDate> = data
        .checks
        .iter()
        .map(|c| c.day)
        .chain(data.wins.iter().map(|w| w.day))
        .chain(data.checkins.iter().map(|c| c.day))
        .chain(data.reflections.iter().map(|r| r.day))
        .collect();
    assert_eq!(all_days.first(), Some(&first));
    assert_eq!(
        all_days.last(),
        Some(&d("2026-11-20")),
        "today is left for the person"
    );
}

#[test]
fn every_record_of_the_years_falls_inside_its_own_day_and_every_kind_of_mark_is_there() {
    let f = Fixture::new();
    // Days that start at 10:00 push every hour of the day later.
    std::fs::write(f.path.with_extension("toml"), "day_starts_at = \"10:00\"\n").expect("config");
    run(&f.path, &["demo", "--years", "1"]);
    let data = export(&f.path);
    let start = NaiveTime::from_hms_opt(10, 0, 0).expect("time");
    let inside = |day: NaiveDate, t: NaiveDateTime| {
        t >= day.and_time(start) && t < day.succ_opt().expect("day").and_time(start)
    };
    assert!(data.checks.iter().all(|c| inside(c.day, c.updated_at)));
    assert!(data.wins.iter().all(|w| inside(w.day, w.created_at)));
    assert!(data.checkins.iter().all(|c| inside(c.day, c.updated_at)));
    assert!(data.reflections.iter().all(|r| inside(r.day, r.updated_at)));
    let statuses: BTreeSet<String> = data
        .checks
        .iter()
        .map(|c| c.status.as_str().to_string())
        .collect();
    assert_eq!(
        statuses.len(),
        3,
        "kept, partly kept and missed: {statuses:?}"
    );
    assert!(
        data.checks
            .iter()
            .filter(|c| c.status.as_str() == "missed")
            .any(|c| c.note.is_some()),
        "a miss carries a note"
    );
}

#[test]
fn a_heavy_year_has_twenty_promises_and_about_ten_wins_a_day() {
    let f = Fixture::new();
    let said = run(&f.path, &["demo", "--years", "1", "--heavy", "--json"]);
    let v: Value = serde_json::from_str(&said).expect("json");
    assert_eq!(v["years"], 1);
    assert_eq!(v["heavy"], true);
    assert!(v.get("weeks").is_none(), "{v}");
    assert_eq!(v["records"]["promises"], 20);
    let data = export(&f.path);
    let texts: BTreeSet<&str> = data.promises.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts.len(), 20, "each promise can be told apart");
    let average = data.wins.len() as f64 / 365.0;
    assert!((9.0..=11.0).contains(&average), "{average} wins a day");
}

#[test]
fn the_same_years_and_the_same_today_give_the_same_journal_ids_and_all() {
    let a = Fixture::new();
    let b = Fixture::new();
    run(&a.path, &["demo", "--years", "2"]);
    run(&b.path, &["demo", "--years", "2"]);
    let (mut ea, mut eb) = (export(&a.path), export(&b.path));
    assert!(ea.checks.len() > 2 * 365 * 3);
    ea.exported_at = at(NOW);
    eb.exported_at = at(NOW);
    assert!(ea == eb, "two runs made different journals");
}

#[test]
fn weeks_and_years_together_or_heavy_alone_are_refused_and_nothing_is_made() {
    let f = Fixture::new();
    for (args, words) in [
        (
            &["demo", "--weeks", "4", "--years", "2"][..],
            "give one of them",
        ),
        (&["demo", "--heavy"][..], "add --years N"),
        (&["demo", "--years", "0"][..], "from 1 to 20"),
        (&["demo", "--years", "ten"][..], "from 1 to 20"),
    ] {
        let out = smallwins(&f.path, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one sentence: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(!f.path.exists(), "{args:?} left a journal behind");
    }
}

#[test]
fn years_are_not_added_to_a_journal_that_has_entries() {
    let f = Fixture::new();
    run(&f.path, &["win", "the first one"]);
    let out = smallwins(&f.path, &["demo", "--years", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let data = export(&f.path);
    assert_eq!(data.wins.len(), 1);
    assert!(data.checks.is_empty() && data.promises.is_empty());
}

// ----- the batch -----------------------------------------------------------

#[test]
fn a_batch_with_one_bad_record_writes_nothing_and_names_it() {
    let f = Fixture::new();
    let mut source = f.open(NOW);
    smallwins::demo::fill_years(&mut source, 1, smallwins::demo::Scale::Standard).expect("years");
    let mut data = source.export(None, None).expect("export");
    data.wins[100].text = "   ".into();
    let bad = data.wins[100].id.clone();

    let other = Fixture::new();
    let mut journal = other.open(NOW);
    let e = journal.add_history(&data).expect_err("refused");
    assert!(e.is_input());
    assert!(e.to_string().contains(&bad), "{e}");
    assert!(
        journal.counts().expect("counts").is_empty(),
        "nothing written"
    );

    data.wins[100].text = "a real win".into();
    let counts = journal.add_history(&data).expect("added");
    assert_eq!(counts, source.counts().expect("counts"));
    assert!(
        !journal.can_undo(),
        "years are not undone one record at a time"
    );
}

// ----- the calendar's loading ----------------------------------------------

/// The calendar as a fresh start draws it with the cursor on `day`.
fn fresh_calendar(path: &Path, day: NaiveDate) -> String {
    let journal = common::open_at(path, NOW);
    smallwins::ui::render_to_string(journal, smallwins::ui::Screen::Calendar, day, 120, 40)
        .expect("render")
}

#[test]
fn browsing_the_calendar_both_ways_shows_what_a_fresh_start_shows() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let f = Fixture::new();
    let mut journal = f.open(NOW);
    smallwins::demo::fill_years(&mut journal, 2, smallwins::demo::Scale::Standard).expect("years");
    let mut app =
        smallwins::ui::App::new(journal, smallwins::ui::theme::Theme::new(false)).expect("app");
    app.focus(smallwins::ui::Screen::Calendar, d("2026-11-21"))
        .expect("calendar");
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    // Twenty months back by month, a few weeks and days, and forward again
    // by month and week (never past today, where a fresh start would stop),
    // so the loaded months move both ways.
    let keys = "[".repeat(20) + "kkkhh" + &"]".repeat(19) + "jj";
    for key in keys.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(key),
            KeyModifiers::NONE,
        )));
        let mut buf = ratatui::buffer::Buffer::empty(area);
        smallwins::ui::draw(&app, area, &mut buf);
        let cursor = app.screens.calendar.cursor;
        assert_eq!(
            smallwins::ui::buffer_to_string(&buf),
            fresh_calendar(&f.path, cursor),
            "after {key} to {cursor}"
        );
    }
}

// ----- the terminal's size --------------------------------------------------

#[test]
fn the_full_screen_journal_redraws_at_the_new_size_when_the_terminal_is_resized() {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let f = Fixture::new();
    run(&f.path, &["win", "a win to see"]);
    let size = |cols, rows| PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pty = native_pty_system().openpty(size(80, 24)).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_smallwins"));
    let config = f.path.with_extension("toml");
    cmd.args([
        "--db",
        &f.path.display().to_string(),
        "--config",
        &config.display().to_string(),
    ]);
    cmd.env("SMALLWINS_NOW", NOW);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().expect("lock").extend_from_slice(&chunk[..n]);
        }
    });
    let seen_after = |from: usize, needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let out = output.lock().expect("lock");
            if String::from_utf8_lossy(&out[from.min(out.len())..]).contains(needle) {
                return true;
            }
            drop(out);
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    assert!(seen_after(0, "Recent weeks"), "the first frame");
    // Row 40 exists only in the larger terminal: the frame drawn after the
    // resize reaches it (the cursor is moved there as "ESC [ 40 ;").
    let mark = output.lock().expect("lock").len();
    assert!(!String::from_utf8_lossy(&output.lock().expect("lock")).contains("\x1b[40;"));
    pty.master.resize(size(120, 40)).expect("resize");
    let redrawn = seen_after(mark, "\x1b[40;");
    std::io::Write::write_all(&mut writer, b"q").expect("quit");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        redrawn,
        "never drew at 120×40 after the resize:\n{}",
        String::from_utf8_lossy(&output.lock().expect("lock"))
    );
}
