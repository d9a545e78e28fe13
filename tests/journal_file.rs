//! The journal file against hostile and mistaken use (issue 17): schema
//! objects someone added, restore sources that are not files, read-only
//! commands on a mistyped path, future-dated daily copies, loose
//! permissions, leftovers of killed copies, a backup onto a dangling
//! symlink, overlong searches and invisible wins. The real binary on real
//! files in temporary folders.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use smallwins::store::{BackupKind, backups};

const NOW: &str = "2026-11-21T08:30";
const EVIL: &str = "CREATE TRIGGER evil AFTER INSERT ON wins BEGIN DELETE FROM checks; UPDATE promises SET text='HACKED'; END;";

// ----- helpers -------------------------------------------------------------------

fn smallwins(db: &Path, now: &str, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", now)
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg("/nonexistent/smallwins-config.toml")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start smallwins");
    // Nothing here may hang (a FIFO once could).
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if child.try_wait().expect("try_wait").is_some() {
            // And the daily copy it may have started apart, so what
            // follows sees it made.
            common::settle(db);
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("smallwins {args:?} did not finish within 20 seconds");
}

fn ok_at(db: &Path, now: &str, args: &[&str]) -> String {
    let out = smallwins(db, now, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn ok(db: &Path, args: &[&str]) -> String {
    ok_at(db, NOW, args)
}

/// A command that must fail with one sentence on stderr and nothing on
/// stdout: its exit code and the sentence.
fn refused(db: &Path, args: &[&str]) -> (i32, String) {
    let out = smallwins(db, NOW, args);
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!out.status.success(), "{args:?} succeeded");
    assert!(out.stdout.is_empty(), "{args:?} printed something");
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(stderr.trim_end().ends_with('.'), "{stderr:?}");
    for technical in ["error:", "panicked", "os error", "SQLITE", "database"] {
        assert!(!stderr.contains(technical), "technical words: {stderr}");
    }
    (out.status.code().expect("exit code"), stderr)
}

/// A journal with a promise, three checks and a win.
fn lived_in(db: &Path) {
    ok_at(db, "2026-11-19T20:00", &["promise", "add", "Stretch"]);
    for day in ["19", "20", "21"] {
        ok_at(db, &format!("2026-11-{day}T20:00"), &["kept", "1"]);
    }
    ok(db, &["win", "sent the email"]);
}

fn sql<T: rusqlite::types::FromSql>(db: &Path, query: &str) -> T {
    let conn = Connection::open(db).expect("open");
    conn.query_row(query, [], |r| r.get(0)).expect("query")
}

fn add_evil_trigger(db: &Path) {
    let conn = Connection::open(db).expect("open");
    conn.execute_batch(EVIL).expect("trigger");
    conn.close().expect("close");
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ----- foreign schema objects (defect 2) ---------------------------------------

#[test]
fn restore_refuses_a_copy_with_a_trigger_someone_added_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    let evil = dir.path().join("evil.db");
    fs::copy(&db, &evil).expect("copy");
    add_evil_trigger(&evil);
    let before = fs::read(&db).expect("read");

    let (code, sentence) = refused(&db, &["restore", evil.to_str().expect("utf-8"), "--yes"]);
    assert_eq!(code, 2, "{sentence}");
    assert!(sentence.contains("trigger “evil”"), "{sentence}");
    assert!(sentence.contains("nothing was restored"), "{sentence}");
    assert_eq!(
        fs::read(&db).expect("read"),
        before,
        "the journal is as it was"
    );

    ok(&db, &["win", "hi"]);
    assert_eq!(sql::<i64>(&db, "SELECT count(*) FROM checks"), 3);
    assert_eq!(
        sql::<String>(&db, "SELECT text FROM promises"),
        "Stretch",
        "no trigger ran"
    );
}

#[test]
fn a_journal_with_an_added_trigger_view_or_index_is_not_opened_and_check_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    for (added, named) in [
        (EVIL, "trigger “evil”"),
        ("CREATE VIEW peek AS SELECT * FROM wins;", "view “peek”"),
        ("CREATE INDEX by_text ON wins (text);", "index “by_text”"),
        ("CREATE TABLE notes_of_mine (x);", "table “notes_of_mine”"),
    ] {
        let copy = dir.path().join("copy.db");
        fs::copy(&db, &copy).expect("copy");
        let conn = Connection::open(&copy).expect("open");
        conn.execute_batch(added).expect("add");
        conn.close().expect("close");
        let before = fs::read(&copy).expect("read");

        for args in [&["win", "hi"][..], &["today"], &["check"]] {
            let (code, sentence) = refused(&copy, args);
            assert_eq!(code, 1, "{args:?}: {sentence}");
            assert!(sentence.contains(named), "{args:?}: {sentence}");
        }
        assert_eq!(fs::read(&copy).expect("read"), before, "left untouched");
        fs::remove_file(&copy).expect("remove");
    }
}

#[test]
fn an_old_journal_with_an_added_trigger_is_refused_before_it_is_updated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    smallwins::store::Store::create_at_version(&db, 4).expect("a version 4 journal");
    add_evil_trigger(&db);
    let (code, sentence) = refused(&db, &["win", "hi"]);
    assert_eq!(code, 1);
    assert!(sentence.contains("trigger “evil”"), "{sentence}");
    assert_eq!(sql::<i64>(&db, "PRAGMA user_version"), 4, "not updated");
}

// ----- restore sources that are not files ----------------------------------------

#[test]
fn restore_refuses_a_fifo_a_device_or_a_folder_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).expect("folder");
    for (source, kind) in [
        (fifo.as_path(), "a named pipe (FIFO)"),
        (Path::new("/dev/zero"), "a device"),
        (folder.as_path(), "a folder"),
    ] {
        let (code, sentence) = refused(&db, &["restore", source.to_str().expect("utf-8"), "--yes"]);
        assert_eq!(code, 2, "{sentence}");
        assert!(sentence.contains(kind), "{sentence}");
        assert!(sentence.contains("nothing was restored"), "{sentence}");
    }
}

// ----- read-only commands never create a journal (defect 8) ----------------------

#[test]
fn a_command_that_only_reads_never_creates_a_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("typo").join("typo.db");
    for args in [
        &["export", "--format", "json"][..],
        &["today"],
        &["stats"],
        &["search", "walk"],
        &["show", "today"],
        &["promise", "list"],
    ] {
        let (code, sentence) = refused(&db, args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(
            sentence.trim_end(),
            format!(
                "No journal at {}. Run `smallwins` to start one there.",
                db.display()
            )
        );
        assert!(!dir.path().join("typo").exists(), "{args:?} made a folder");
    }
    // An empty file is not set up as a journal either.
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").expect("empty");
    let (code, _) = refused(&empty, &["today"]);
    assert_eq!(code, 1);
    assert_eq!(fs::metadata(&empty).expect("meta").len(), 0);
    assert_eq!(names(dir.path()), ["empty.db"]);

    // A command that writes still starts one.
    ok(&db, &["win", "first"]);
    assert!(db.exists());
    assert!(ok(&db, &["today"]).contains("first"));
}

// ----- daily copies (defect 7) ---------------------------------------------------

#[test]
fn a_daily_copy_dated_ahead_does_not_stop_the_copies_of_later_days() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    ok_at(&db, "2026-11-18T09:00", &["win", "x"]);
    ok_at(&db, "2027-06-01T09:00", &["win", "x"]);
    for day in 19..=30 {
        ok_at(&db, &format!("2026-11-{day}T09:00"), &["today"]);
    }
    let days: Vec<String> = backups(&db)
        .expect("list")
        .iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .map(|b| b.taken.date().to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2027-06-01",
            "2026-11-30",
            "2026-11-29",
            "2026-11-28",
            "2026-11-27",
            "2026-11-26",
            "2026-11-25",
            "2026-11-24"
        ],
        "the copy dated ahead stays, and the last 7 days each have theirs"
    );
}

// ----- permissions, leftovers, backup targets (defect 10) ------------------------

#[test]
fn a_journal_others_can_read_is_made_private_and_the_person_told_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    // Another process holds the journal open, so its -wal and -shm stay.
    let holder = Connection::open(&db).expect("open");
    holder
        .query_row("SELECT count(*) FROM wins", [], |r| r.get::<_, i64>(0))
        .expect("read");
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let shm = PathBuf::from(format!("{}-shm", db.display()));
    for file in [&db, &wal, &shm] {
        assert!(file.exists(), "{}", file.display());
        fs::set_permissions(file, fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let out = smallwins(&db, NOW, &["today"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("readable only by you"), "{stderr}");
    for file in [&db, &wal, &shm] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    drop(holder);
    // Told once: the next command has nothing to say.
    ok(&db, &["today"]);
}

#[test]
fn leftover_copies_nobody_holds_are_cleared_on_the_next_open_however_young() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    ok_at(&db, "2026-11-20T08:30", &["win", "first"]);
    let folder = dir.path().join("backups");
    fs::create_dir_all(&folder).expect("folder");
    let left = [
        folder.join(".journal-2026-11-21-083000-daily.db.4242.tmp"),
        folder.join(".journal-2026-11-21-083000-daily.db.4242.tmp-journal"),
        dir.path().join(".journal.db.4343.tmp"),
    ];
    for file in &left {
        fs::write(file, b"half a copy").expect("write");
    }
    // One a live process is still writing (it holds the lock) stays.
    let busy = folder.join(".journal-2026-11-21-083000-daily.db.4444.tmp");
    let held = fs::File::create(&busy).expect("create");
    rustix::fs::flock(&held, rustix::fs::FlockOperation::LockExclusive).expect("lock");

    ok_at(&db, "2026-11-20T09:00", &["win", "second"]);
    for file in &left {
        assert!(!file.exists(), "{} stayed", file.display());
    }
    assert!(busy.exists(), "a copy being written stays");
    drop(held);
    ok_at(&db, "2026-11-20T09:30", &["win", "third"]);
    assert!(!busy.exists(), "cleared once nobody holds it");
}

#[test]
fn backup_refuses_a_dangling_symlink_as_export_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    let target = dir.path().join("elsewhere.db");
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let link_arg = link.to_str().expect("utf-8");
    let (_, sentence) = refused(&db, &["export", "--out", link_arg]);
    assert!(sentence.contains("link.db"), "{sentence}");
    let (code, sentence) = refused(&db, &["backup", link_arg]);
    assert_eq!(code, 2, "{sentence}");
    assert!(sentence.contains("link.db"), "{sentence}");
    assert!(!target.exists(), "nothing written through the link");
}

// ----- search and invisible wins -------------------------------------------------

#[test]
fn search_counts_only_the_first_200_characters_as_the_search_box_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    let long = format!("email{}zebra", " ".repeat(300));
    let out = ok(&db, &["search", &long, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["results"].as_array().map(Vec::len), Some(1), "{out}");
    assert_eq!(json["query"].as_str().map(|q| q.chars().count()), Some(200));

    let huge = "walk ".repeat(20_000);
    let started = Instant::now();
    ok(&db, &["search", &huge]);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_win_of_only_zero_width_characters_is_refused_like_an_empty_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    lived_in(&db);
    let (empty_code, empty) = refused(&db, &["win", "   "]);
    for invisible in [
        "\u{200b}",
        "\u{200b}\u{200d}\u{feff}",
        " \u{2060} \u{200c} ",
    ] {
        let (code, sentence) = refused(&db, &["win", invisible]);
        assert_eq!((code, &sentence), (empty_code, &empty));
    }
    assert_eq!(sql::<i64>(&db, "SELECT count(*) FROM wins"), 1);
}
