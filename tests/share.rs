//! Issue 13: sharing a day's or a week's small wins with one trusted
//! person. The message for a hand-built day and week, private by default,
//! the length of an ordinary day, `--copy` through a pseudo-terminal and
//! only there, `--out`, private wins from the shell, the TUI and exports,
//! and the preview's toggles.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{Fixture, at, d, smallwins_at};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use smallwins::clipboard::osc52;
use smallwins::config::Config;
use smallwins::domain::share::ShareScope;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Schedule, Status, Win};
use smallwins::model::fit;
use smallwins::model::{ShareExtra, ShareInclude};
use smallwins::store::Store;
use smallwins::ui::app::{App, Popup};
use smallwins::ui::theme::Theme;
use smallwins::ui::{buffer_to_string, screens};

/// Now: Saturday 21 November 2026, in the evening.
const NOW: &str = "2026-11-21T20:30";

fn promise(j: &mut Journal, text: &str, f: impl FnOnce(&mut NewPromise)) -> String {
    let mut new = NewPromise {
        text: text.into(),
        ..NewPromise::default()
    };
    f(&mut new);
    j.add_promise(new).expect("promise").id
}

fn mark(j: &mut Journal, id: &str, day: &str, status: Status, mark: Mark) {
    j.mark(id, d(day), status, mark).expect("mark");
}

fn amount(n: f64) -> Mark {
    Mark {
        amount: Some(n),
        ..Mark::default()
    }
}

/// A week by hand, Monday 16 to Saturday 21 November 2026: four promises
/// (daily, a measure, some weekdays with a smaller version, twice a week),
/// marks of every kind, wins (one of them private), ratings, answers, a
/// note and a lesson after a miss, and a weekly answer.
fn week_by_hand(path: &Path) -> Journal {
    let mut j = Journal::open(
        path,
        Clock::Fixed(at("2026-11-16T07:00")),
        Config::default(),
    )
    .expect("open");
    let stretch = promise(&mut j, "Stretch for ten seconds", |p| {
        p.cue = Some("after my coffee".into());
    });
    let read = promise(&mut j, "Read", |p| {
        p.target = Some(10.0);
        p.unit = Some("pages".into());
    });
    let walk = promise(&mut j, "Walk around the block", |p| {
        p.smaller = Some("walk to the corner".into());
        p.schedule = Some(Schedule::parse_days("mon,wed,fri,sat").expect("days"));
    });
    let call = promise(&mut j, "Call a friend", |p| {
        p.schedule = Some(Schedule::TimesPerWeek { times: 2 });
    });
    j.set_clock(Clock::Fixed(at(NOW)));
    for day in ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"] {
        mark(&mut j, &stretch, day, Status::Kept, Mark::default());
    }
    mark(&mut j, &read, "2026-11-16", Status::Kept, amount(10.0));
    mark(&mut j, &read, "2026-11-18", Status::Partial, amount(4.0));
    mark(&mut j, &walk, "2026-11-16", Status::Kept, Mark::default());
    mark(
        &mut j,
        &walk,
        "2026-11-18",
        Status::Smaller,
        Mark::default(),
    );
    mark(&mut j, &call, "2026-11-17", Status::Kept, Mark::default());
    j.add_win(d("2026-11-16"), "Booked the dentist", Some("health"))
        .expect("win");
    j.add_win(d("2026-11-18"), "Said no to an extra shift", None)
        .expect("win");
    // Yesterday: its win, its note and its answer stay out of today's message.
    mark(
        &mut j,
        &stretch,
        "2026-11-20",
        Status::Kept,
        Mark {
            note: Some("with the radio on".into()),
            ..Mark::default()
        },
    );
    mark(&mut j, &read, "2026-11-20", Status::Kept, amount(12.0));
    mark(&mut j, &walk, "2026-11-20", Status::Kept, Mark::default());
    j.add_win(d("2026-11-20"), "Fixed the squeaky door", Some("home"))
        .expect("win");
    let adjust = BTreeMap::from([("adjust".to_string(), "Lay out my walking shoes".to_string())]);
    j.reflect(d("2026-11-20"), &adjust, Some(6), Some(6))
        .expect("reflect");
    // Today.
    mark(
        &mut j,
        &stretch,
        "2026-11-21",
        Status::Kept,
        Mark::default(),
    );
    mark(&mut j, &read, "2026-11-21", Status::Partial, amount(8.0));
    let missed = Mark {
        amount: None,
        note: Some("Rain all afternoon".into()),
        lesson: Some("Keep an umbrella by the door".into()),
    };
    mark(&mut j, &walk, "2026-11-21", Status::Missed, missed);
    mark(&mut j, &call, "2026-11-21", Status::Kept, Mark::default());
    j.add_win(
        d("2026-11-21"),
        "Sent the email I'd been avoiding",
        Some("work"),
    )
    .expect("win");
    j.add_win(d("2026-11-21"), "Cooked dinner from scratch.", None)
        .expect("win");
    j.add_win_with(
        d("2026-11-21"),
        "Cried a bit, and felt lighter after",
        None,
        true,
    )
    .expect("private win");
    j.check_in(d("2026-11-21"), Some("One thing at a time."), Some(6))
        .expect("check-in");
    let answers = BTreeMap::from([
        ("helped".to_string(), "A quiet morning".to_string()),
        (
            "adjust".to_string(),
            "Put the umbrella by the door".to_string(),
        ),
    ]);
    j.reflect(d("2026-11-21"), &answers, Some(7), Some(8))
        .expect("reflect");
    j.answer_weekly(
        d("2026-11-16"),
        "easiest",
        "The stretch: it rides on the coffee.",
    )
    .expect("weekly answer");
    j.clear_undo();
    j
}

fn everything() -> ShareInclude {
    ShareExtra::ALL
        .into_iter()
        .fold(ShareInclude::NONE, ShareInclude::with)
}

fn day_message(j: &Journal, day: &str, include: ShareInclude) -> String {
    j.share(ShareScope::Day(d(day)))
        .expect("share")
        .message(include)
}

fn week_message(j: &Journal, include: ShareInclude) -> String {
    j.share(ShareScope::Week(d("2026-11-16")))
        .expect("share")
        .message(include)
}

#[test]
fn the_message_for_a_day_built_by_hand() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    insta::assert_snapshot!("day", day_message(&j, "2026-11-21", ShareInclude::NONE));
    insta::assert_snapshot!(
        "day_with_everything",
        day_message(&j, "2026-11-21", everything())
    );
    insta::assert_snapshot!(
        "yesterday",
        day_message(&j, "2026-11-20", ShareInclude::NONE)
    );
}

#[test]
fn the_message_for_a_week_built_by_hand() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    insta::assert_snapshot!("week", week_message(&j, ShareInclude::NONE));
    insta::assert_snapshot!("week_with_everything", week_message(&j, everything()));
}

/// What each extra brings, and what must stay out until it is named.
const PRIVATE: [(ShareExtra, &[&str]); 5] = [
    (ShareExtra::Mood, &["Mood 7/10"]),
    (
        ShareExtra::Confidence,
        &["6/10 in the morning", "8/10 in the evening"],
    ),
    (
        ShareExtra::Notes,
        &["Rain all afternoon", "walk around the block (missed)"],
    ),
    (ShareExtra::Lessons, &["Keep an umbrella by the door"]),
    (
        ShareExtra::Answers,
        &["A quiet morning", "Put the umbrella by the door"],
    ),
];

#[test]
fn a_message_is_private_by_default_and_holds_only_what_is_named() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    let plain = day_message(&j, "2026-11-21", ShareInclude::NONE);
    for (extra, words) in PRIVATE {
        for word in words {
            assert!(
                !plain.contains(word),
                "{extra:?} {word:?} by default:\n{plain}"
            );
        }
        let with = day_message(&j, "2026-11-21", ShareInclude::NONE.with(extra));
        for word in words {
            assert!(with.contains(word), "{extra:?} {word:?} not added:\n{with}");
        }
        // Naming one brings no other.
        for (other, others) in PRIVATE.iter().filter(|(o, _)| *o != extra) {
            for word in *others {
                assert!(
                    !with.contains(word),
                    "{other:?} came with {extra:?}:\n{with}"
                );
            }
        }
    }
    // The wins and what was shown up for are there; the miss is not named.
    assert!(
        plain.contains("Sent the email I'd been avoiding"),
        "{plain}"
    );
    assert!(plain.contains("stretch for ten seconds"), "{plain}");
    assert!(!plain.to_lowercase().contains("walk"), "{plain}");
    // A private win never goes, whatever is included, for the day or the week.
    for text in [
        day_message(&j, "2026-11-21", ShareInclude::NONE),
        day_message(&j, "2026-11-21", everything()),
        week_message(&j, ShareInclude::NONE),
        week_message(&j, everything()),
    ] {
        assert!(!text.contains("Cried"), "a private win was shared:\n{text}");
    }
}

#[test]
fn a_week_leaves_out_mood_notes_and_private_wins_unless_named() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    let plain = week_message(&j, ShareInclude::NONE);
    for word in [
        "mood",
        "Rain all afternoon",
        "umbrella",
        "rides on the coffee",
        "confidence",
    ] {
        assert!(!plain.contains(word), "{word:?} by default:\n{plain}");
    }
    let all = week_message(&j, everything());
    for word in [
        "mood 6.5/10",
        "Rain all afternoon",
        "umbrella",
        "rides on the coffee",
        "in the mornings",
    ] {
        assert!(all.contains(word), "{word:?} not included:\n{all}");
    }
}

#[test]
fn an_ordinary_day_fits_a_text_message_and_a_longer_one_only_when_more_was_written() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    // Three of four promises shown up for, two wins: an ordinary day.
    let today = day_message(&j, "2026-11-21", ShareInclude::NONE);
    let n = today.trim_end().chars().count();
    assert!(n <= 300, "{n} characters:\n{today}");
    let yesterday = day_message(&j, "2026-11-20", ShareInclude::NONE);
    assert!(yesterday.trim_end().chars().count() <= 300, "{yesterday}");
    // A person who wrote a long win gets all of it.
    let g = Fixture::new();
    let mut long = week_by_hand(&g.path);
    let story = "Walked into the meeting I had dreaded for a month, said what I needed to say about the deadline, listened to the answer without apologising for asking, and came out with a plan we both agreed on";
    long.add_win(d("2026-11-21"), story, None).expect("win");
    let told = day_message(&long, "2026-11-21", ShareInclude::NONE);
    assert!(told.contains(story), "{told}");
    assert!(told.trim_end().chars().count() > 300);
}

#[test]
fn a_week_fits_one_screen() {
    let f = Fixture::new();
    let mut j = week_by_hand(&f.path);
    // A busy week: five wins a day.
    for day in d("2026-11-16").iter_days().take(6) {
        for i in 0..5 {
            j.add_win(day, &format!("small win {i} of {day}"), None)
                .expect("win");
        }
    }
    let week = week_message(&j, ShareInclude::NONE);
    let rows: usize = week
        .lines()
        .map(|l| l.chars().count().div_ceil(80).max(1))
        .sum();
    assert!(rows <= 24, "{rows} rows at 80 columns:\n{week}");
    assert!(
        week.contains("more."),
        "the wins left out are counted:\n{week}"
    );
}

#[test]
fn a_message_holds_no_control_character_no_id_and_nothing_of_another_day() {
    let f = Fixture::new();
    let j = week_by_hand(&f.path);
    drop(j);
    // A win written before input was cleaned, straight into the file.
    let mut store = Store::open(&f.path).expect("store");
    store
        .write(|w| {
            w.put_win(&Win {
                id: "w-hostile".into(),
                day: d("2026-11-21"),
                text: "bold\x1b[1m move\x07 and\ta\u{9b}31m tab".into(),
                area: None,
                created_at: at("2026-11-21T12:00"),
                private: false,
            })
        })
        .expect("hostile win");
    drop(store);
    let j = common::open_at(&f.path, NOW);
    let ids: Vec<String> = j
        .wins_between(d("2026-11-16"), d("2026-11-21"))
        .expect("wins")
        .into_iter()
        .map(|w| w.id)
        .chain(
            j.promises(true)
                .expect("promises")
                .into_iter()
                .map(|p| p.id),
        )
        .collect();
    let short_ids: Vec<String> = j
        .wins_between(d("2026-11-16"), d("2026-11-21"))
        .expect("wins")
        .iter()
        .map(|w| j.win_short_id(&w.id).expect("short id"))
        .collect();
    for text in [
        day_message(&j, "2026-11-21", everything()),
        week_message(&j, everything()),
    ] {
        let control = text.chars().find(|c| c.is_control() && *c != '\n');
        assert_eq!(control, None, "{text:?}");
        assert!(text.contains("bold[1m move and a31m tab"), "{text}");
        for id in ids.iter().chain(&short_ids) {
            assert!(!text.contains(id.as_str()), "id {id} in:\n{text}");
        }
    }
    let today = day_message(&j, "2026-11-21", everything());
    for other_day in [
        "Fixed the squeaky door",
        "with the radio on",
        "Lay out my walking shoes",
        "Booked the dentist",
        "Mood 6/10",
    ] {
        assert!(
            !today.contains(other_day),
            "{other_day:?} is another day's:\n{today}"
        );
    }
}

// ----- The command line ---------------------------------------------------

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_smallwins")
}

#[test]
fn share_prints_the_message_and_includes_what_is_named_or_configured() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let out = smallwins_at(&f, NOW).arg("share").output().expect("runs");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("utf-8");
    let j = common::open_at(&f.path, NOW);
    assert_eq!(printed, day_message(&j, "2026-11-21", ShareInclude::NONE));
    let week = smallwins_at(&f, NOW)
        .args(["share", "--week", "--include", "mood,notes"])
        .output()
        .expect("runs");
    let week = String::from_utf8(week.stdout).expect("utf-8");
    let expected = ShareInclude::NONE
        .with(ShareExtra::Mood)
        .with(ShareExtra::Notes);
    assert_eq!(week, week_message(&j, expected));
    // A default in the config, and --include none to leave it out again.
    let config = f.dir.path().join("share.toml");
    std::fs::write(&config, "[share]\ninclude = [\"mood\"]\n").expect("config");
    let with_config = |extra: &[&str]| {
        let out = std::process::Command::new(bin())
            .env("SMALLWINS_NOW", NOW)
            .arg("--db")
            .arg(&f.path)
            .arg("--config")
            .arg(&config)
            .arg("share")
            .args(extra)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(with_config(&[]).contains("Mood 7/10"));
    assert!(!with_config(&["--include", "none"]).contains("Mood 7/10"));
    // A name it does not know: one sentence, exit code 2, nothing printed.
    let bad = smallwins_at(&f, NOW)
        .args(["share", "--include", "mood,feelings"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains("\"feelings\"") && said.contains("answers"),
        "{said}"
    );
    assert_eq!(said.trim_end().lines().count(), 1, "{said}");
}

#[test]
fn share_out_writes_a_new_file_only_its_owner_can_read() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let file = f.dir.path().join("message.txt");
    let out = smallwins_at(&f, NOW)
        .args(["share", "--date", "yesterday", "--out"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(said.contains("Saved yesterday's message to"), "{said}");
    let j = common::open_at(&f.path, NOW);
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        day_message(&j, "2026-11-20", ShareInclude::NONE)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = smallwins_at(&f, NOW)
        .args(["share", "--out"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(2), "never written over");
}

/// Runs `script` under `sh` in a pseudo-terminal (its controlling
/// terminal), and returns everything the terminal received.
fn in_a_terminal(script: &str) -> String {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", script]);
    cmd.env("SMALLWINS_NOW", NOW);
    cmd.env_remove("TMUX");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&chunk[..n]);
            tx.send(all.clone()).ok();
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "the command did not finish");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let seen = rx.try_iter().last().unwrap_or_default();
    drop(pty.master);
    String::from_utf8_lossy(&seen).into_owned()
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn copy_writes_the_osc_52_sequence_to_the_terminal_and_only_there() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let j = common::open_at(&f.path, NOW);
    let message = day_message(&j, "2026-11-21", ShareInclude::NONE);
    let piped = f.dir.path().join("piped.txt");
    let config = f.dir.path().join("no-config.toml");
    // stdout is a pipe (into cat), the pty is the controlling terminal.
    let script = format!(
        "{} --db {} --config {} share --copy | cat > {}",
        quoted(Path::new(bin())),
        quoted(&f.path),
        quoted(&config),
        quoted(&piped)
    );
    let terminal = in_a_terminal(&script);
    let sequence = osc52(&message);
    assert!(
        terminal.contains(&sequence),
        "the terminal did not receive the message:\n{terminal:?}"
    );
    let stdout = std::fs::read_to_string(&piped).expect("piped");
    assert!(!stdout.contains("\x1b]52"), "{stdout:?}");
    assert!(!stdout.contains(&message), "{stdout:?}");
    assert!(
        stdout.starts_with("Copied today's message to the clipboard through the terminal ("),
        "{stdout:?}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
}

#[test]
fn copy_without_a_terminal_says_so_and_prints_the_message() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    // setsid: a new session with no controlling terminal.
    let out = std::process::Command::new("setsid")
        .arg("-w")
        .arg(bin())
        .arg("--db")
        .arg(&f.path)
        .arg("--config")
        .arg(f.dir.path().join("no-config.toml"))
        .args(["share", "--copy"])
        .env("SMALLWINS_NOW", NOW)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let j = common::open_at(&f.path, NOW);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(stdout, day_message(&j, "2026-11-21", ShareInclude::NONE));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("no terminal"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stdout.contains('\x1b') && !stderr.contains('\x1b'));
}

#[test]
fn copy_in_json_says_whether_it_was_copied() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let out = std::process::Command::new("setsid")
        .arg("-w")
        .arg(bin())
        .arg("--db")
        .arg(&f.path)
        .arg("--config")
        .arg(f.dir.path().join("no-config.toml"))
        .args(["share", "--week", "--copy", "--json"])
        .env("SMALLWINS_NOW", NOW)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["scope"], "week");
    assert_eq!(json["week_start"], "2026-11-16");
    assert_eq!(json["copied"], false);
    assert_eq!(json["include"], serde_json::json!([]));
    let j = common::open_at(&f.path, NOW);
    assert_eq!(json["text"], week_message(&j, ShareInclude::NONE));
}

// ----- Private wins -------------------------------------------------------

#[test]
fn a_win_noted_private_from_the_shell_is_never_shared_and_says_so() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let noted = common::run_at(
        &f,
        NOW,
        &["win", "talked to my sister about it", "--private"],
    );
    assert!(noted.contains("(private)"), "{noted}");
    assert!(
        noted.contains("never goes into a message you share"),
        "{noted}"
    );
    let listed = common::run_at(&f, NOW, &["win", "list"]);
    assert!(
        listed.contains("talked to my sister about it (private)"),
        "{listed}"
    );
    let json = common::json_at(&f, NOW, &["win", "list"]);
    let private: Vec<bool> = json["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .map(|w| w["private"].as_bool().expect("a flag"))
        .collect();
    assert_eq!(private, [false, false, true, true]);
    let shared = common::run_at(
        &f,
        NOW,
        &[
            "share",
            "--include",
            "mood,confidence,notes,lessons,answers",
        ],
    );
    assert!(!shared.contains("sister"), "{shared}");
    // Deleting it prints a command that notes it again, private.
    let id = json["wins"][3]["short_id"]
        .as_str()
        .expect("id")
        .to_string();
    let deleted = common::run_at(&f, NOW, &["win", "delete", &id]);
    assert!(deleted.contains("--private --"), "{deleted}");
}

#[test]
fn exports_keep_a_win_private_and_older_exports_import_as_not_private() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let file = f.dir.path().join("export.json");
    common::run_at(&f, NOW, &["export", "--out", file.to_str().expect("path")]);
    let text = std::fs::read_to_string(&file).expect("export");
    let export: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(export["version"], smallwins::store::EXPORT_VERSION);
    let private: Vec<&str> = export["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .filter(|w| w["private"] == true)
        .map(|w| w["text"].as_str().expect("text"))
        .collect();
    assert_eq!(private, ["Cried a bit, and felt lighter after"]);
    // Into a new journal: still private.
    let g = Fixture::new();
    common::run_at(&g, NOW, &["import", file.to_str().expect("path")]);
    let j = common::open_at(&g.path, NOW);
    let wins = j
        .wins_between(d("2026-11-21"), d("2026-11-21"))
        .expect("wins");
    assert_eq!(wins.iter().filter(|w| w.private).count(), 1);
    assert!(!day_message(&j, "2026-11-21", everything()).contains("Cried"));
    // An export from before wins could be private: every win shareable.
    let mut old = export.clone();
    old["version"] = 2.into();
    for w in old["wins"].as_array_mut().expect("wins") {
        w.as_object_mut().expect("win").remove("private");
    }
    let old_file = f.dir.path().join("old.json");
    std::fs::write(&old_file, old.to_string()).expect("old export");
    let h = Fixture::new();
    common::run_at(&h, NOW, &["import", old_file.to_str().expect("path")]);
    let j = common::open_at(&h.path, NOW);
    let wins = j
        .wins_between(d("2026-11-16"), d("2026-11-21"))
        .expect("wins");
    assert_eq!(wins.len(), 6);
    assert!(wins.iter().all(|w| !w.private));
    // Importing the newer export over it makes that win private again: an
    // import never makes a private win shareable, nor the other way round
    // without saying so.
    common::run_at(&h, NOW, &["import", file.to_str().expect("path")]);
    let j = common::open_at(&h.path, NOW);
    let wins = j
        .wins_between(d("2026-11-16"), d("2026-11-21"))
        .expect("wins");
    assert_eq!(wins.iter().filter(|w| w.private).count(), 1);
}

// ----- The full-screen journal ----------------------------------------------

fn app(j: Journal) -> App {
    App::new(j, Theme::new(false)).expect("app")
}

fn keys(a: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        a.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

fn press(a: &mut App, code: KeyCode) {
    a.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn drawn(a: &App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(a, area, &mut buf);
    buffer_to_string(&buf)
}

fn preview(a: &App) -> String {
    match &a.popup {
        Some(Popup::Share(s)) => s.text().to_string(),
        _ => panic!("no preview open"),
    }
}

#[test]
fn the_preview_shows_the_message_and_its_toggles_change_the_text() {
    let f = Fixture::new();
    let mut a = app(week_by_hand(&f.path));
    keys(&mut a, "S");
    let plain = preview(&a);
    assert_eq!(
        plain,
        day_message(&a.journal, "2026-11-21", ShareInclude::NONE)
    );
    // Every line of the message is on the screen, as it will be sent
    // (wrapped to the preview's 74 columns).
    let screen = drawn(&a, 120, 40);
    for line in plain.lines().flat_map(|l| fit::wrap(l, 74)) {
        assert!(screen.contains(&line), "{line:?} not drawn:\n{screen}");
    }
    assert!(screen.contains("[ ] mood"), "{screen}");
    // Space includes the chosen part (mood first); → moves to the next.
    keys(&mut a, " ");
    let mood = preview(&a);
    assert_ne!(mood, plain);
    assert!(mood.contains("Mood 7/10"), "{mood}");
    assert!(drawn(&a, 120, 40).contains("[x] mood"));
    keys(&mut a, "ll ");
    let notes = preview(&a);
    assert!(notes.contains("Rain all afternoon"), "{notes}");
    assert_eq!(
        notes,
        day_message(
            &a.journal,
            "2026-11-21",
            ShareInclude::NONE
                .with(ShareExtra::Mood)
                .with(ShareExtra::Notes)
        )
    );
    // Off again: back to the message before.
    keys(&mut a, " hh ");
    assert_eq!(preview(&a), plain);
    press(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none());
    assert_eq!(a.clipboard, None, "nothing copied by leaving");
}

#[test]
fn c_copies_exactly_the_previewed_message_and_the_preview_stays_until_esc() {
    let f = Fixture::new();
    let mut a = app(week_by_hand(&f.path));
    keys(&mut a, "S l ");
    let text = preview(&a);
    keys(&mut a, "c");
    assert_eq!(a.clipboard.as_deref(), Some(osc52(&text).as_str()));
    // The app cannot know whether the terminal took it: it says it sent it.
    let Some(Popup::Share(p)) = &a.popup else {
        panic!("the preview stays open after a copy");
    };
    let status = p.status().unwrap_or_default();
    assert!(
        status.starts_with("Sent today's message to the terminal's clipboard"),
        "{status}"
    );
    assert!(drawn(&a, 100, 30).contains("Sent today's message"));
    press(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none());
    assert_eq!(a.message, None, "nothing more to say after a copy");
}

#[test]
fn s_saves_the_previewed_message_to_a_file_only_its_owner_reads() {
    let f = Fixture::new();
    let mut a = app(week_by_hand(&f.path));
    keys(&mut a, "3S");
    let text = preview(&a);
    assert_eq!(text, week_message(&a.journal, ShareInclude::NONE));
    keys(&mut a, "s");
    let screen = drawn(&a, 80, 24);
    assert!(screen.contains("Save to:"), "{screen}");
    assert!(screen.contains("smallwins-week-2026-11-16.txt"), "{screen}");
    // Clear the suggested path and type one in the test's folder.
    for _ in 0..80 {
        press(&mut a, KeyCode::Backspace);
    }
    let file = f.dir.path().join("week.txt");
    keys(&mut a, &file.display().to_string());
    press(&mut a, KeyCode::Enter);
    // Saved: the preview stays open, saying where, until Esc.
    let Some(Popup::Share(p)) = &a.popup else {
        panic!("the preview stays open after a save: {:?}", a.message);
    };
    assert!(!p.asking_where());
    assert!(
        p.status()
            .unwrap_or_default()
            .contains("readable only by you"),
        "{:?}",
        p.status()
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none());
    assert_eq!(std::fs::read_to_string(&file).expect("saved"), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The same name again is refused, and the preview stays open to choose
    // another.
    keys(&mut a, "Ss");
    for _ in 0..80 {
        press(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, &file.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.popup, Some(Popup::Share(_))));
    assert!(drawn(&a, 120, 40).contains("already exists"));
}

#[test]
fn p_keeps_a_win_private_in_the_tui_and_out_of_the_preview() {
    let f = Fixture::new();
    let mut a = app(week_by_hand(&f.path));
    // To the wins pane, the first win of the day.
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "P");
    let screen = drawn(&a, 120, 40);
    assert!(screen.contains("(private) Sent the email"), "{screen}");
    keys(&mut a, "S");
    assert!(!preview(&a).contains("Sent the email"), "{}", preview(&a));
    press(&mut a, KeyCode::Esc);
    // Undo makes it shareable again.
    keys(&mut a, "u");
    keys(&mut a, "S");
    assert!(preview(&a).contains("Sent the email"), "{}", preview(&a));
    press(&mut a, KeyCode::Esc);
    // On the promises pane, P says what to do instead.
    press(&mut a, KeyCode::BackTab);
    keys(&mut a, "P");
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains("Choose a win first"), "{said}");
}

#[test]
fn the_preview_fits_small_windows() {
    let f = Fixture::new();
    let mut a = app(week_by_hand(&f.path));
    keys(&mut a, "S");
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let screen = drawn(&a, w, h);
        assert!(screen.contains("Share today"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("[ ] mood"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("showed up"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn the_markdown_written_to_be_sent_leaves_private_wins_out_too() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    for args in [
        &["export", "--format", "markdown"][..],
        &["review", "--format", "markdown"][..],
    ] {
        let text = common::run_at(&f, NOW, args);
        assert!(text.contains("Sent the email"), "{args:?}:\n{text}");
        assert!(!text.contains("Cried"), "{args:?}:\n{text}");
    }
    // The JSON export, a backup for oneself, keeps it.
    let json = common::run_at(&f, NOW, &["export"]);
    assert!(json.contains("Cried"));
}

/// The real binary in a pseudo-terminal: `c` in the preview writes the
/// sequence through the app's own output, and the app goes on, redrawn,
/// saying what it did.
#[test]
fn c_in_the_full_screen_journal_copies_through_its_terminal_and_goes_on() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    // The pseudo-terminal's clock: the same day, in the morning.
    let j = common::open_at(&f.path, "2026-11-21T08:30");
    let message = day_message(&j, "2026-11-21", ShareInclude::NONE);
    drop(j);
    let db = f.path.display().to_string();
    let config = f.dir.path().join("no-config.toml").display().to_string();
    let home = f.dir.path().display().to_string();
    let mut tui = common::pty::Pty::spawn(
        &["--db", &db, "--config", &config],
        &[("HOME", &home)],
        100,
        30,
    );
    tui.wait_for("Today");
    tui.send("S");
    tui.wait_for("Share today");
    tui.send("c");
    tui.wait_for("Sent today's message to the terminal's clipboard");
    assert!(tui.text().contains(&osc52(&message)), "{:?}", tui.text());
    // q closes the preview, then quits.
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit(), "{}", tui.text());
}

#[test]
fn the_csv_export_marks_a_private_win() {
    let f = Fixture::new();
    drop(week_by_hand(&f.path));
    let csv = common::run_at(&f, NOW, &["export", "--format", "csv"]);
    let private: Vec<&str> = csv.lines().filter(|l| l.contains(",private,")).collect();
    assert_eq!(private.len(), 1, "{csv}");
    assert!(private[0].starts_with("win,2026-11-21,"), "{csv}");
    assert!(private[0].contains("Cried a bit"), "{csv}");
}
