//! Shared fixtures for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use smallwins::config::Config;
use smallwins::domain::clock::parse_now;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Schedule, Status};

pub fn at(s: &str) -> NaiveDateTime {
    parse_now(s).expect("test time")
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.db");
        Fixture { dir, path }
    }

    pub fn open(&self, now: &str) -> Journal {
        open_at(&self.path, now)
    }
}

pub fn open_at(path: &Path, now: &str) -> Journal {
    Journal::open(path, Clock::Fixed(at(now)), Config::default()).expect("open journal")
}

/// A journal with three weeks of history: promises of each kind, checks,
/// wins, a check-in and a reflection. Today is Sat 2026-11-21, 08:30.
pub fn lived_in(path: &Path) -> Journal {
    let mut j = open_at(path, "2026-11-02T08:00");
    let stretch = j
        .add_promise(NewPromise {
            text: "Stretch for ten seconds".into(),
            cue: Some("after my morning coffee".into()),
            smaller: Some("touch my toes once".into()),
            ..NewPromise::default()
        })
        .expect("add");
    let read = j
        .add_promise(NewPromise {
            text: "Read".into(),
            target: Some(10.0),
            unit: Some("pages".into()),
            cue: Some("before bed".into()),
            ..NewPromise::default()
        })
        .expect("add");
    let walk = j
        .add_promise(NewPromise {
            text: "Walk around the block".into(),
            schedule: Some(Schedule::parse_days("mon,wed,fri").expect("days")),
            ..NewPromise::default()
        })
        .expect("add");
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    for (i, day) in d("2026-11-02").iter_days().take(19).enumerate() {
        let status = match i % 5 {
            0 | 1 | 3 => Status::Kept,
            2 => Status::Partial,
            _ => Status::Missed,
        };
        j.mark(&stretch.id, day, status, Mark::default())
            .expect("mark");
        if i % 3 != 2 {
            j.mark(&read.id, day, Status::Kept, Mark::default())
                .expect("mark");
        }
        if i % 2 == 0 {
            j.mark(&walk.id, day, Status::Kept, Mark::default())
                .expect("mark");
        }
        if i % 4 == 0 {
            j.add_win(day, &format!("small win number {i}"), Some("work"))
                .expect("win");
        }
    }
    j.add_win(d("2026-11-21"), "sent the email I was avoiding", None)
        .expect("win");
    j.check_in(
        d("2026-11-21"),
        Some("Show up for the stretch, nothing more."),
        Some(6),
    )
    .expect("check-in");
    let answers = std::collections::BTreeMap::from([(
        "adjust".to_string(),
        "Put the book on my pillow".to_string(),
    )]);
    j.reflect(d("2026-11-20"), &answers, Some(6), Some(5))
        .expect("reflect");
    j.clear_undo();
    j
}

/// The real binary in a pseudo-terminal, for tests that need a terminal.
pub mod pty;
/// The real binary on this fixture's journal, with no config file and the
/// clock fixed at `now`.
pub fn smallwins_at(f: &Fixture, now: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.env("SMALLWINS_NOW", now)
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(&f.path)
        .arg("--config")
        .arg(f.dir.path().join("no-config.toml"));
    cmd
}

/// Runs the binary, which must succeed with nothing on stderr; its stdout.
pub fn run_at(f: &Fixture, now: &str, args: &[&str]) -> String {
    let out = smallwins_at(f, now).args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// An import report's `left_out` as "count what" lines.
pub fn left_out(report: &serde_json::Value) -> Vec<String> {
    report["left_out"]
        .as_array()
        .expect("left_out")
        .iter()
        .map(|l| format!("{} {}", l["count"], l["what"].as_str().unwrap_or("")))
        .collect()
}

/// The JSON a command prints with `--json`.
pub fn json_at(f: &Fixture, now: &str, args: &[&str]) -> serde_json::Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&run_at(f, now, &args)).expect("json")
}

/// `import --from FROM` of the fixture `file` at `now`: its JSON report.
pub fn import_fixture(f: &Fixture, now: &str, from: &str, file: &str) -> serde_json::Value {
    let path = fixture(file);
    let path = path.to_str().expect("a UTF-8 path");
    json_at(f, now, &["import", "--from", from, path])
}

/// The journal's JSON export at `now`.
pub fn export_json(f: &Fixture, now: &str) -> serde_json::Value {
    serde_json::from_str(&run_at(f, now, &["export"])).expect("export")
}

/// The processes making the daily copy of the journal at `db` (started
/// as `smallwins --db=DB upkeep …` once a command has answered), by
/// process id.
pub fn copiers(db: &Path) -> Vec<u32> {
    let wanted = format!("--db={}", db.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let mut args = cmdline.split(|b| *b == 0);
            let ours = args.clone().any(|a| a == wanted.as_bytes());
            (ours && args.any(|a| a == b"upkeep")).then_some(pid)
        })
        .collect()
}

/// Waits until no process is making the daily copy of `db` (at most a
/// minute): the copy a command started is made, or was given up.
pub fn settle(db: &Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !copiers(db).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the daily copy of {} was still being made after a minute",
            db.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The full-screen journal on `journal`, without colour, for tests that
/// drive it with keys and read what it draws.
pub mod tui {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use smallwins::domain::Journal;
    use smallwins::ui::app::App;
    use smallwins::ui::theme::Theme;
    use smallwins::ui::{buffer_to_string, screens};

    pub fn app(journal: Journal) -> App {
        App::new(journal, Theme::new(false)).expect("app")
    }

    pub fn press(app: &mut App, code: KeyCode) {
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Each character as a key (capitals with Shift).
    pub fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
    }

    pub fn buffer(app: &App, w: u16, h: u16) -> Buffer {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        screens::draw(app, area, &mut buf);
        buf
    }

    /// What a person sees at `w`×`h`, as the event loop shows it: drawn,
    /// and drawn again if the draw found room for days not read yet.
    pub fn seen(app: &mut App, w: u16, h: u16) -> String {
        buffer(app, w, h);
        app.reload().expect("reload");
        buffer_to_string(&buffer(app, w, h))
    }
}

/// A journal begun a week ago with the command line alone, as a new
/// person keeps one: long cues, a Japanese promise, a promise asked three
/// times a week, notes and wins of every length. Sun 15 Nov to Sat
/// 21 Nov 2026; the last command runs at 08:30 on Saturday.
pub fn one_week(f: &Fixture) {
    let start = "2026-11-15T07:00";
    let promises: [&[&str]; 5] = [
        &[
            "promise",
            "add",
            "Stretch for ten seconds",
            "--cue",
            "after my morning coffee",
            "--smaller",
            "touch my toes once",
        ],
        &[
            "promise",
            "add",
            "毎朝コーヒーを飲んだ後に十秒間ストレッチする",
            "--cue",
            "朝ごはんの後",
        ],
        &[
            "promise",
            "add",
            "Put my phone on the charger in the kitchen",
            "--cue",
            "when I brush my teeth",
            "--smaller",
            "leave it face down",
        ],
        &[
            "promise",
            "add",
            "Read",
            "--target",
            "10",
            "--unit",
            "pages",
            "--cue",
            "when I get into bed",
        ],
        &[
            "promise",
            "add",
            "Drink one glass of water before lunch",
            "--times-per-week",
            "3",
        ],
    ];
    for args in promises {
        run_at(f, start, args);
    }
    for (i, day) in d("2026-11-15").iter_days().take(6).enumerate() {
        let date = day.to_string();
        let now = format!("{date}T21:00");
        let mark = |args: &[&str]| {
            let mut all = args.to_vec();
            all.extend(["--date", &date]);
            run_at(f, &now, &all);
        };
        mark(&["kept", "1"]);
        if i % 3 != 1 {
            mark(&["kept", "2"]);
        }
        match i % 3 {
            0 => mark(&["kept", "3"]),
            1 => mark(&[
                "missed",
                "3",
                "--note",
                "the evening ran long and I fell asleep on the sofa before I thought of it",
                "--lesson",
                "plug the charger in beside the kettle",
            ]),
            _ => mark(&["kept", "3", "--smaller"]),
        }
        let pages = ["10", "4", "12", "10", "6", "10"][i];
        mark(&["kept", "4", "--amount", pages]);
        if i % 2 == 0 {
            mark(&["kept", "5"]);
        }
    }
    let wins: [(&str, &[&str]); 4] = [
        (
            "2026-11-16",
            &["win", "sent the email I was avoiding", "--area", "work"],
        ),
        (
            "2026-11-18",
            &[
                "win",
                "walked to the shop instead of driving and noticed the trees turning gold",
                "--area",
                "health",
            ],
        ),
        (
            "2026-11-19",
            &["win", "友達に電話して近況を話した", "--area", "social"],
        ),
        ("2026-11-20", &["win", "cooked dinner from scratch"]),
    ];
    for (day, args) in wins {
        let mut all = args.to_vec();
        all.extend(["--date", day]);
        run_at(f, &format!("{day}T12:00"), &all);
    }
    run_at(
        f,
        "2026-11-20T21:30",
        &[
            "reflect",
            "--mood",
            "7",
            "--confidence",
            "6",
            "--answer",
            "helped=having the glass of water on my desk where I could see it all morning",
            "--answer",
            "adjust=charge the phone in the kitchen before dinner",
        ],
    );
    run_at(
        f,
        "2026-11-21T08:30",
        &[
            "checkin",
            "--intention",
            "Stretch with the coffee, then take the rest of the day one thing at a time.",
            "--confidence",
            "7",
        ],
    );
}

/// Inverts the page header of the wins table's root page: every full
/// check notices, and so does any write of a win.
pub fn damage_wins(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'wins'",
            [],
            |r| r.get(0),
        )
        .expect("root page");
    let page_size: i64 = conn
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .expect("page size");
    conn.close().expect("close");
    let mut bytes = std::fs::read(db).expect("read");
    let start = usize::try_from((root - 1) * page_size).expect("offset");
    for b in &mut bytes[start..start + 8] {
        *b ^= 0xFF;
    }
    std::fs::write(db, &bytes).expect("damage");
}
