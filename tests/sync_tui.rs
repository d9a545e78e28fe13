//! The full-screen journal syncs by itself (issue 20): once after the
//! first frame, after each change (debounced), and when another machine's
//! files arrive in the folder, with a quiet mark in the title bar; what
//! arrives is shown without a key press, and undo leaves it be.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::{at, d, open_at, tui};
use crossterm::event::KeyCode;
use smallwins::config::Config;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Status};
use smallwins::ui::app::App;
use smallwins::ui::sync::{DEBOUNCE, Mark as SyncMark};

/// Argon2id made cheap for tests (the real cost is in `crypto.rs`).
const CHEAP: (u32, u32) = (64, 1);
const PASS: &str = "correct horse battery staple";

/// Two machines syncing through one folder: the laptop (in the
/// full-screen journal) and the desktop (a journal of its own).
struct Machines {
    dir: tempfile::TempDir,
}

impl Machines {
    /// The laptop starts a folder with three promises; the desktop joins.
    fn new() -> Machines {
        let m = Machines {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let mut laptop = m.laptop_journal("2026-11-21T08:00");
        for text in ["Stretch", "Read a page", "Drink water"] {
            laptop
                .add_promise(NewPromise {
                    text: text.into(),
                    ..NewPromise::default()
                })
                .expect("add");
        }
        laptop
            .sync_init(&m.shared(), PASS, "laptop", CHEAP)
            .expect("init");
        m.desktop("2026-11-21T08:00")
            .sync_join(&m.shared(), PASS, "desktop")
            .expect("join");
        m
    }

    fn shared(&self) -> PathBuf {
        self.dir.path().join("Sync")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(format!("{name}.db"))
    }

    fn laptop_journal(&self, now: &str) -> Journal {
        open_at(&self.path("laptop"), now)
    }

    fn desktop(&self, now: &str) -> Journal {
        Journal::open(
            &self.path("desktop"),
            Clock::Fixed(at(now)),
            Config::default(),
        )
        .expect("open the desktop's journal")
    }

    /// The laptop's full-screen journal at 08:30, syncing.
    fn laptop_app(&self) -> App {
        let mut app = tui::app(self.laptop_journal("2026-11-21T08:30"));
        app.start_sync(Arc::new(|| {}));
        app
    }
}

fn id_of(j: &Journal, text: &str) -> String {
    j.promises(true)
        .expect("promises")
        .into_iter()
        .find(|p| p.text == text)
        .expect("promise")
        .id
}

/// Polls the app (as the event loop does) until `done` holds, for at most
/// ten seconds; what the screen shows then.
fn until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        app.poll_sync(Instant::now());
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "{what} never happened; the screen:\n{}",
        tui::seen(app, 80, 24)
    );
}

fn synced(app: &mut App) -> bool {
    matches!(app.sync_mark(), Some(SyncMark::Synced(_)))
}

#[test]
fn the_title_bar_says_syncing_then_synced_and_nothing_without_sync() {
    let m = Machines::new();
    let mut app = m.laptop_app();
    assert!(
        tui::seen(&mut app, 80, 24)
            .lines()
            .next()
            .expect("header")
            .contains("syncing"),
        "a first sync starts at once"
    );
    until(&mut app, "the first sync", synced);
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let header = tui::seen(&mut app, w, h)
            .lines()
            .next()
            .expect("header")
            .to_string();
        assert!(header.contains("synced"), "{w}×{h}: {header}");
    }
    // Help says when.
    tui::press(&mut app, KeyCode::Char('?'));
    let help = tui::seen(&mut app, 80, 24);
    assert!(help.contains("Synced at"), "{help}");

    // A journal that does not sync shows nothing, and starts nothing.
    let other = common::Fixture::new();
    let mut plain = tui::app(common::lived_in(&other.path));
    plain.start_sync(Arc::new(|| {}));
    assert!(plain.sync_mark().is_none());
    let header = tui::seen(&mut plain, 80, 24);
    assert!(!header.contains("sync"), "{header}");
}

#[test]
fn another_machines_change_shows_without_a_key_and_the_selection_stays() {
    let m = Machines::new();
    let mut app = m.laptop_app();
    until(&mut app, "the first sync", synced);
    // The second promise, "Read a page", is selected.
    tui::press(&mut app, KeyCode::Char('j'));
    assert!(tui::seen(&mut app, 80, 24).contains("▸ · Read a page"));

    // On the desktop, later: "Read a page" is kept and moved to the top.
    let mut desktop = m.desktop("2026-11-21T09:00");
    desktop
        .sync_now()
        .expect("the desktop takes in the laptop's");
    let read = id_of(&desktop, "Read a page");
    desktop
        .mark(&read, d("2026-11-21"), Status::Kept, Mark::default())
        .expect("kept");
    desktop.move_promise(&read, -1).expect("move up");
    desktop.sync_now().expect("the desktop sends");

    // The watcher sees the folder change; no key is pressed.
    until(&mut app, "the desktop's change arriving", |app| {
        tui::seen(app, 80, 24).contains("✓ Read a page")
    });
    let screen = tui::seen(&mut app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("Read a page"))
        .expect("row");
    let stretch = lines
        .iter()
        .position(|l| l.contains("Stretch"))
        .expect("row");
    assert!(first < stretch, "the order came too:\n{screen}");
    assert!(
        lines[first].contains("▸ ✓ Read a page"),
        "the same promise stays selected:\n{screen}"
    );
}

#[test]
fn undo_after_a_change_arrived_leaves_the_other_machines_change() {
    let m = Machines::new();
    let mut app = m.laptop_app();
    until(&mut app, "the first sync", synced);
    tui::press(&mut app, KeyCode::Char(' '));
    assert!(tui::seen(&mut app, 80, 24).contains("✓ Stretch"));
    // The change goes out once the debounce has passed.
    let later = Instant::now() + DEBOUNCE + Duration::from_millis(100);
    app.poll_sync(Instant::now());
    app.poll_sync(later);
    until(&mut app, "the laptop's sync", synced);

    let mut desktop = m.desktop("2026-11-21T09:00");
    desktop
        .sync_now()
        .expect("the desktop takes in the kept mark");
    let stretch = id_of(&desktop, "Stretch");
    let note = Mark {
        note: Some("the train was late".into()),
        ..Mark::default()
    };
    desktop
        .mark(&stretch, d("2026-11-21"), Status::Missed, note)
        .expect("missed");
    desktop.sync_now().expect("the desktop sends");
    until(&mut app, "the desktop's mark arriving", |app| {
        !tui::seen(app, 80, 24).contains("✓ Stretch")
    });

    tui::press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.message.as_deref(),
        Some("Undone: marked “Stretch” kept. That day was changed elsewhere since; left as it is.")
    );
    let day = app.journal.day(d("2026-11-21")).expect("day");
    let check = day.items[0].check.clone().expect("the desktop's mark");
    assert_eq!(check.status, Status::Missed);
    assert_eq!(check.note.as_deref(), Some("the train was late"));
}

#[test]
fn a_change_syncs_two_seconds_after_the_last_one_not_at_each() {
    let m = Machines::new();
    let mut app = m.laptop_app();
    until(&mut app, "the first sync", synced);
    let t0 = Instant::now();
    tui::press(&mut app, KeyCode::Char(' '));
    app.poll_sync(t0);
    app.poll_sync(t0 + Duration::from_millis(1900));
    assert!(synced(&mut app), "not yet: {:?}", app.sync_mark());
    // Another change before the two seconds are up starts them again.
    tui::press(&mut app, KeyCode::Char('j'));
    tui::press(&mut app, KeyCode::Char(' '));
    app.poll_sync(t0 + Duration::from_millis(1900));
    app.poll_sync(t0 + Duration::from_millis(3800));
    assert!(synced(&mut app), "not yet: {:?}", app.sync_mark());
    app.poll_sync(t0 + Duration::from_millis(3950));
    assert_eq!(app.sync_mark(), Some(&SyncMark::Syncing));
    until(&mut app, "the sync", synced);
    let mut desktop = m.desktop("2026-11-21T09:00");
    desktop.sync_now().expect("sync");
    let kept = desktop
        .day(d("2026-11-21"))
        .expect("day")
        .items
        .iter()
        .filter(|i| i.status() == Some(Status::Kept))
        .count();
    assert_eq!(kept, 2, "both changes went out in the one sync");
}

#[test]
fn a_folder_that_is_gone_is_said_once_and_marked_quietly() {
    let m = Machines::new();
    std::fs::rename(m.shared(), m.dir.path().join("Unmounted")).expect("unmount");
    let mut app = m.laptop_app();
    until(&mut app, "the sync to fail", |app| {
        matches!(app.sync_mark(), Some(SyncMark::Problem(_)))
    });
    let said = app.message.clone().expect("said once");
    assert!(said.contains("is not there"), "{said}");
    assert!(
        tui::seen(&mut app, 40, 12)
            .lines()
            .next()
            .expect("header")
            .contains("sync waits")
    );
    // The same problem again is not said again.
    tui::press(&mut app, KeyCode::Char('j'));
    let t = Instant::now();
    app.poll_sync(t);
    app.poll_sync(t + DEBOUNCE);
    tui::press(&mut app, KeyCode::Char(' '));
    app.poll_sync(t + DEBOUNCE * 2);
    app.poll_sync(t + DEBOUNCE * 3);
    until(&mut app, "the second try", |app| {
        matches!(app.sync_mark(), Some(SyncMark::Problem(_)))
    });
    assert!(
        !app.message
            .as_deref()
            .unwrap_or("")
            .contains("is not there"),
        "{:?}",
        app.message
    );
}

#[test]
fn the_running_journal_shows_what_another_machines_sync_wrote() {
    let m = Machines::new();
    let config = m.dir.path().join("config.toml");
    let mut s = Pty::start(&m.path("laptop"), &config, &[]);
    s.wait_for("synced");
    let desktop = |args: &[&str]| {
        let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .env("SMALLWINS_NOW", "2026-11-21T09:00")
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(m.path("desktop"))
            .arg("--config")
            .arg(&config)
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    desktop(&["win", "fixed the bike on the desktop"]);
    let mark = s.mark();
    desktop(&["sync"]);
    s.wait_for_after(mark, "fixed the bike on the desktop");
    s.send("q");
    assert!(s.wait_exit(), "smallwins ended with success");
}
