//! `smallwins status`: one short line of what is left today, for a shell
//! prompt or a status bar, read without changing, creating or updating
//! anything, and without ever asking for a passphrase.

mod common;

use std::path::Path;

use common::{Fixture, d, lived_in, open_at, smallwins_at};
use smallwins::domain::{Mark, NewPromise, Schedule, Status};
use smallwins::store::Store;

const MORNING: &str = "2026-11-21T08:30";
const EVENING: &str = "2026-11-21T19:00";

/// (exit code, stdout, stderr) of `status` with `args` at `now`.
fn status(f: &Fixture, now: &str, args: &[&str]) -> (i32, String, String) {
    let out = smallwins_at(f, now)
        .env_remove("SMALLWINS_PASSPHRASE_FILE")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .arg("status")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn line(f: &Fixture, now: &str) -> String {
    let (code, out, err) = status(f, now, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    out
}

/// The files in the journal's folder, and each one's bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn the_line_says_what_is_left_of_a_hand_built_day() {
    let f = Fixture::new();
    // Sat 21 Nov: stretch and read asked and unmarked, the walk (mon, wed,
    // fri) resting; one win; the check-in written, no reflection yet.
    drop(lived_in(&f.path));
    assert_eq!(line(&f, MORNING), "2 promises to mark · 1 win today\n");
    assert_eq!(
        line(&f, EVENING),
        "2 promises to mark · evening reflection open · 1 win today\n"
    );
    // After midnight, before the day starts (04:00), it is still that evening.
    assert_eq!(
        line(&f, "2026-11-22T01:30"),
        "2 promises to mark · evening reflection open · 1 win today\n"
    );
    let mut j = open_at(&f.path, EVENING);
    let promises = j.promises(false).expect("promises");
    j.mark(
        &promises[0].id,
        d("2026-11-21"),
        Status::Kept,
        Mark::default(),
    )
    .expect("mark");
    j.add_win(d("2026-11-21"), "walked anyway", None)
        .expect("win");
    assert_eq!(
        line(&f, EVENING),
        "1 promise to mark · evening reflection open · 2 wins today\n"
    );
    j.mark(
        &promises[1].id,
        d("2026-11-21"),
        Status::Missed,
        Mark::default(),
    )
    .expect("mark");
    let answers = std::collections::BTreeMap::new();
    j.reflect(d("2026-11-21"), &answers, Some(7), None)
        .expect("reflect");
    drop(j);
    assert_eq!(line(&f, EVENING), "every promise marked · 2 wins today\n");
    // The next morning: a new day, nothing carried over.
    assert_eq!(
        line(&f, "2026-11-22T09:00"),
        "2 promises to mark · morning check-in open\n"
    );
}

#[test]
fn a_times_a_week_promise_asks_until_its_week_is_full() {
    let f = Fixture::new();
    let mut j = open_at(&f.path, "2026-11-16T08:00");
    let call = j
        .add_promise(NewPromise {
            text: "Call a friend".into(),
            schedule: Some(Schedule::TimesPerWeek { times: 2 }),
            ..NewPromise::default()
        })
        .expect("add");
    j.check_in(d("2026-11-16"), Some("one call"), Some(5))
        .expect("check-in");
    j.mark(&call.id, d("2026-11-16"), Status::Kept, Mark::default())
        .expect("mark");
    drop(j);
    // Tuesday: once this week, once more to go.
    assert_eq!(
        line(&f, "2026-11-17T08:00"),
        "1 promise to mark · morning check-in open\n"
    );
    let mut j = open_at(&f.path, "2026-11-18T08:00");
    j.mark(&call.id, d("2026-11-17"), Status::Partial, Mark::default())
        .expect("mark");
    drop(j);
    // Wednesday: twice already, the week asks no more.
    assert_eq!(line(&f, "2026-11-18T08:00"), "morning check-in open\n");
}

#[test]
fn json_and_templates_give_the_same_counts() {
    let f = Fixture::new();
    drop(lived_in(&f.path));
    for args in [&["--format", "json"][..], &["--json"]] {
        let (code, out, err) = status(&f, EVENING, args);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(json["day"], "2026-11-21");
        assert_eq!(json["part"], "evening");
        assert_eq!(json["to_mark"], 2);
        assert_eq!(json["marked"], 0);
        assert_eq!(json["wins"], 1);
        assert_eq!(json["checkin_done"], true);
        assert_eq!(json["reflection_done"], false);
        assert_eq!(
            json["line"],
            "2 promises to mark · evening reflection open · 1 win today"
        );
    }
    let (code, out, _) = status(
        &f,
        EVENING,
        &[
            "--format",
            "{open} open · {wins} wins · {reflection} {{{part}}} {day} {checkin} {marked}",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(out, "2 open · 1 wins · open {evening} 2026-11-21 done 0\n");
    let (code, out, err) = status(&f, EVENING, &["--format", "{mood}"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("\"{mood}\" is not a field"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn it_reads_without_creating_changing_or_copying_anything() {
    let f = Fixture::new();
    // No journal: nothing printed, exit 0, nothing made.
    for args in [&[][..], &["--json"], &["--format", "{open}"]] {
        let (code, out, err) = status(&f, MORNING, args);
        assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""), "{args:?}");
    }
    assert!(
        std::fs::read_dir(f.dir.path())
            .expect("dir")
            .next()
            .is_none(),
        "nothing made"
    );
    drop(lived_in(&f.path));
    // A day later: today's copy would be due for any other command.
    let before = files(f.dir.path());
    assert_eq!(
        line(&f, "2026-11-22T09:00"),
        "2 promises to mark · morning check-in open\n"
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        files(f.dir.path()),
        before,
        "no file made or changed, no daily copy"
    );
}

#[test]
fn an_older_journal_is_refused_in_one_sentence_and_left_as_it_was() {
    let f = Fixture::new();
    Store::create_at_version(&f.path, 7).expect("a version 7 journal");
    let before = files(f.dir.path());
    let (code, out, err) = status(&f, MORNING, &[]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("from an earlier smallwins"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(files(f.dir.path()), before, "not updated");
}

#[test]
fn an_encrypted_journal_is_read_only_with_a_passphrase_to_hand_and_never_asked() {
    let f = Fixture::new();
    drop(lived_in(&f.path));
    let pass = f.dir.path().join("pass");
    std::fs::write(&pass, "correct horse\n").expect("pass file");
    let encrypt = smallwins_at(&f, MORNING)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(["encrypt", "--passphrase-file"])
        .arg(&pass)
        .output()
        .expect("runs");
    assert!(encrypt.status.success(), "{encrypt:?}");
    // No passphrase file, command or keyring: nothing, exit 0, no prompt.
    let (code, out, err) = status(&f, MORNING, &[]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let out = smallwins_at(&f, MORNING)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("SMALLWINS_PASSPHRASE_FILE", &pass)
        .arg("status")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2 promises to mark · 1 win today\n",
        "{out:?}"
    );
}
