//! The journal file under pressure: paths that are not files, many
//! processes creating one journal at once, backups and restore, damaged
//! files, deleted text, read-only places and a full disk. Mostly the real
//! binary on real files in temporary folders.
//!
//! Some tests change who runs the binary (when the suite runs as root,
//! permissions do not stop root, so the binary runs as `nobody`) or mount a
//! tiny tmpfs to fill it up; where the machine does not allow that, the test
//! says so on stderr and checks what it can.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::Connection;
use smallwins::domain::model::new_id;
use smallwins::domain::{Clock, Journal, Win};
use smallwins::store::{Access, BackupKind, KEEP_DAILY, LATEST_VERSION, Store, backups};

use common::pty::Pty;
use common::{at, d, damage_wins};

const NOW: &str = "2026-11-21T08:30";

// ----- helpers -------------------------------------------------------------------

/// The binary with `db`, no config file and the clock at `now`.
fn smallwins(db: &Path, now: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.env("SMALLWINS_NOW", now)
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(Path::new("/nonexistent/smallwins-config.toml"))
        .stdin(Stdio::null());
    cmd
}

/// Runs `cmd`, failing the test if it has not ended within 20 seconds (a
/// FIFO once made smallwins wait forever).
fn finish(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start smallwins");
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("smallwins did not finish within 20 seconds");
}

/// Runs a command, then waits for the daily copy it may have started in
/// a process of its own (`tests/daily_copy.rs` tests that process), so
/// what follows sees the copy made.
fn run_at(db: &Path, now: &str, args: &[&str]) -> Output {
    let mut cmd = smallwins(db, now);
    cmd.args(args);
    let out = finish(cmd);
    common::settle(db);
    out
}

/// Runs a command that must succeed quietly; returns stdout.
fn ok_at(db: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(db, now, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn ok(db: &Path, args: &[&str]) -> String {
    ok_at(db, NOW, args)
}

/// Runs a command that must fail with one sentence on stderr and nothing on
/// stdout; returns the sentence.
fn refused_at(db: &Path, now: &str, args: &[&str]) -> (i32, String) {
    let out = run_at(db, now, args);
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    let code = out.status.code().expect("an exit code, not a signal");
    assert_ne!(code, 0, "{args:?} succeeded");
    assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
    assert_one_sentence(&stderr);
    (code, stderr)
}

fn refused(db: &Path, args: &[&str]) -> (i32, String) {
    refused_at(db, NOW, args)
}

fn assert_one_sentence(stderr: &str) {
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    let line = stderr.trim_end();
    assert!(line.ends_with('.'), "not a sentence: {line:?}");
    for technical in [
        "error:",
        "Error",
        "panicked",
        "os error",
        "SQLITE",
        "malformed",
        "disk I/O",
        "database",
    ] {
        assert!(!line.contains(technical), "technical words in {line:?}");
    }
}

/// Every file under `dir` with its contents (folders as names ending in /).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            let name = path
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            let kind = entry.file_type().expect("type");
            if kind.is_dir() {
                all.insert(format!("{name}/"), Vec::new());
                stack.push(path);
            } else if kind.is_file() {
                all.insert(name, fs::read(&path).expect("read"));
            } else {
                all.insert(name, b"(special)".to_vec());
            }
        }
    }
    all
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn am_root() -> bool {
    let probe = tempfile::NamedTempFile::new().expect("temp file");
    probe.as_file().metadata().expect("metadata").uid() == 0
}

/// Wins in a journal file, read with plain SQLite. (A read-write
/// connection: a read-only one would leave `-wal` and `-shm` behind.)
fn win_texts(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT text FROM wins ORDER BY text")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("texts")
}

fn quick_check(db: &Path) -> String {
    let conn = Connection::open(db).expect("open");
    conn.query_row("PRAGMA quick_check", [], |r| r.get(0))
        .expect("quick_check")
}

/// A closed journal with a promise and 400 wins, spanning many pages.
fn big_journal(db: &Path) {
    let mut j = common::open_at(db, "2026-11-01T08:00");
    j.add_promise(smallwins::domain::NewPromise {
        text: "Stretch for ten seconds".into(),
        ..Default::default()
    })
    .expect("promise");
    drop(j);
    let mut store = Store::open(db).expect("open");
    store
        .write(|w| {
            for n in 0..400 {
                w.put_win(&Win {
                    id: new_id(),
                    day: d("2026-11-01") + chrono::Duration::days(n % 20),
                    text: format!("Win number {n}: {}", "a small step forward ".repeat(8)),
                    area: None,
                    created_at: at("2026-11-01T12:00"),
                    private: false,
                })?;
            }
            Ok(())
        })
        .expect("wins");
}

fn set_user_version(db: &Path, version: i32) {
    let conn = Connection::open(db).expect("raw connection");
    conn.pragma_update(None, "user_version", version)
        .expect("set version");
    conn.close().expect("close");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

// ----- 1. paths that are not files (defect 7) -----------------------------------------

#[test]
fn a_path_that_is_not_a_file_is_refused_and_nothing_about_it_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).expect("folder");
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let socket_path = dir.path().join("socket");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).expect("socket");
    // A device of our own (the same as /dev/null), so that a bug cannot
    // change the machine's /dev/null; without root, /dev/null itself.
    let device = if am_root() {
        let path = dir.path().join("null");
        let made = Command::new("mknod")
            .arg(&path)
            .args(["c", "1", "3"])
            .status()
            .expect("mknod");
        assert!(made.success());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).expect("chmod");
        path
    } else {
        PathBuf::from("/dev/null")
    };

    for (path, kind) in [
        (&folder, "folder"),
        (&fifo, "named pipe"),
        (&socket_path, "socket"),
        (&device, "device"),
    ] {
        let before = snapshot(dir.path());
        let mode_before = mode(path);
        for args in [&["today"][..], &["win", "a small win"], &["check"]] {
            let (code, sentence) = refused(path, args);
            assert_eq!(code, 2, "{kind} {args:?}: {sentence}");
            assert!(sentence.contains(kind), "{kind}: {sentence}");
        }
        assert_eq!(mode(path), mode_before, "the {kind}'s mode did not change");
        assert_eq!(
            snapshot(dir.path()),
            before,
            "nothing was created beside the {kind}"
        );
    }
    assert!(!Path::new("/dev/null-journal").exists());
    assert!(!Path::new("/dev/null-wal").exists());
}

#[test]
fn a_symlink_to_a_journal_is_used_and_a_missing_path_is_created_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("private").join("journal.db");
    ok(&db, &["win", "first"]);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("private")), 0o700);

    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).expect("symlink");
    ok(&link, &["win", "through the link"]);
    assert_eq!(win_texts(&db), ["first", "through the link"]);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

// ----- 2. many processes creating one journal (defect 8) ----------------------------

#[test]
fn four_processes_creating_the_same_journal_at_once_all_succeed_and_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    for round in 0..25 {
        let db = dir.path().join(format!("round-{round}.db"));
        let children: Vec<Child> = (0..4)
            .map(|n| {
                smallwins(&db, NOW)
                    .args(["win", &format!("from process {n}")])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {stderr}");
            assert!(stderr.is_empty(), "round {round}: {stderr}");
        }
        assert_eq!(
            win_texts(&db),
            (0..4)
                .map(|n| format!("from process {n}"))
                .collect::<Vec<_>>(),
            "round {round}"
        );
    }
}

// ----- 3. backups (defect 9) -----------------------------------------------------

fn day_at(day: u32) -> String {
    format!("2026-11-{day:02}T08:30")
}

#[test]
fn the_first_open_of_each_day_keeps_a_private_copy_and_the_last_seven_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let folder = dir.path().join("backups");

    // A new, empty journal is not copied.
    drop(Store::open_at(&db, at(&day_at(1)), Access::Write).expect("a new journal"));
    ok_at(&db, &day_at(1), &["today"]);
    assert!(!folder.exists(), "no copy of an empty journal");

    ok_at(&db, &day_at(1), &["win", "day one"]);
    for day in 2..=11 {
        let now = day_at(day);
        ok_at(&db, &now, &["today"]);
        ok_at(&db, &now, &["win", &format!("day {day}")]);
        ok_at(&db, &now, &["stats"]);
        let copies = backups(&db).expect("list");
        let today: Vec<_> = copies
            .iter()
            .filter(|b| b.taken.date() == at(&now).date())
            .collect();
        assert_eq!(today.len(), 1, "one copy on day {day}");
        assert_eq!(today[0].kind, BackupKind::Daily);
        // The copy is the journal as the day's first command left it.
        assert_eq!(
            win_texts(&today[0].path).len(),
            usize::try_from(day - 1).expect("n")
        );
        assert_eq!(mode(&today[0].path), 0o600);
    }
    assert_eq!(mode(&folder), 0o700);
    let copies = backups(&db).expect("list");
    let days: Vec<NaiveDate> = copies.iter().map(|b| b.taken.date()).collect();
    let expected: Vec<NaiveDate> = (5..=11)
        .rev()
        .map(|n| d(&format!("2026-11-{n:02}")))
        .collect();
    assert_eq!(days, expected, "the last {KEEP_DAILY}, newest first");
    assert_eq!(
        names(&folder).len(),
        KEEP_DAILY,
        "nothing else in the folder: {:?}",
        names(&folder)
    );
    for copy in &copies {
        assert_eq!(quick_check(&copy.path), "ok");
    }
}

#[test]
fn backup_list_shows_each_copy_with_its_date_size_and_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let out = ok(&db, &["backup", "--list"]);
    assert!(out.starts_with("No backups of "), "{out}");

    ok_at(&db, &day_at(20), &["win", "sent the email"]);
    ok_at(&db, &day_at(20), &["promise", "add", "Stretch"]);
    ok_at(&db, &day_at(21), &["today"]);
    let copy = backups(&db).expect("list").remove(0);

    let out = ok(&db, &["backup", "--list"]);
    assert!(out.contains("Sat 21 Nov 2026 08:30"), "{out}");
    assert!(out.contains("daily"), "{out}");
    assert!(out.contains(&copy.path.display().to_string()), "{out}");
    assert!(out.contains("1 promise, 0 checks, 1 win"), "{out}");
    assert!(out.contains("KB"), "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["backup", "--list", "--json"])).expect("json");
    let first = &json["backups"][0];
    assert_eq!(first["path"], copy.path.display().to_string());
    assert_eq!(first["taken"], "2026-11-21T08:30:00");
    assert_eq!(first["kind"], "daily");
    assert_eq!(first["size"], copy.size);
    assert_eq!(first["records"]["wins"], 1);
    assert_eq!(
        json["folder"],
        dir.path().join("backups").display().to_string()
    );

    // Listing opens nothing: it works beside a journal that is damaged.
    damage_wins(&db);
    assert!(ok(&db, &["backup", "--list"]).contains("daily"));
}

/// A version 1 journal with one promise, whose update fails because a
/// check refers to a promise that is not there (written with foreign keys
/// off), which the update checks.
fn stuck_old_journal(db: &Path) {
    Store::create_at_version(db, 1).expect("a version 1 journal");
    let conn = Connection::open(db).expect("raw");
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO promises (id, text, schedule, position, created_on, updated_at)
         VALUES ('p1', 'Stretch for ten seconds', 'daily', 0, '2026-11-01', '2026-11-01 08:00:00');
         INSERT INTO checks (id, promise_id, day, status, updated_at)
         VALUES ('c1', 'nobody', '2026-11-02', 'kept', '2026-11-02 20:00:00');",
    )
    .expect("setup");
    conn.close().expect("close");
}

#[test]
fn an_update_that_keeps_failing_keeps_one_copy_from_before_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    stuck_old_journal(&db);
    for n in 0..3 {
        let before = fs::read(&db).expect("read");
        let (code, sentence) = refused_at(&db, &format!("2026-11-21T08:3{n}"), &["win", "x"]);
        assert_eq!(code, 1);
        assert!(sentence.contains("could not be updated"), "{sentence}");
        assert_eq!(fs::read(&db).expect("read"), before, "left as it was");
    }
    let copies = backups(&db).expect("list");
    assert_eq!(copies.len(), 1, "one copy, however often it failed");
    assert_eq!(copies[0].kind, BackupKind::BeforeUpdate { version: 1 });
    assert_eq!(mode(&copies[0].path), 0o600);

    // Once the update can go through, it does, and still one copy.
    let conn = Connection::open(&db).expect("raw");
    conn.execute_batch("DELETE FROM checks WHERE promise_id = 'nobody';")
        .expect("fix");
    conn.close().expect("close");
    ok(&db, &["win", "after the update"]);
    let copies: Vec<_> = backups(&db)
        .expect("list")
        .into_iter()
        .filter(|b| b.kind != BackupKind::Daily)
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        copies[0].taken,
        at(NOW),
        "the copy made right before the update"
    );
    let conn = Connection::open(&copies[0].path).expect("copy");
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1, "the copy is the journal from before the update");
}

#[test]
fn a_sigkill_during_creation_or_a_copy_leaves_no_stray_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = fastrand::Rng::with_seed(9);
    for round in 0..30 {
        let db = dir.path().join(format!("new-{round}.db"));
        let mut child = smallwins(&db, NOW)
            .args(["win", "x"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start");
        std::thread::sleep(Duration::from_micros(rng.u64(0..15_000)));
        child.kill().ok();
        child.wait().expect("wait");
    }
    // A kill may leave SQLite's own recovery files; the next run recovers
    // from them, and nothing else is left behind.
    for round in 0..30 {
        let db = dir.path().join(format!("new-{round}.db"));
        ok(&db, &["win", "after the kill"]);
        assert!(win_texts(&db).contains(&"after the kill".to_string()));
    }
    for name in names(dir.path()) {
        assert!(
            name.ends_with(".db") || name == "backups",
            "stray file {name}"
        );
    }
    // No copy "from before an update" of a journal that was only being
    // created; a journal that got its first win before the kill has its
    // daily copy, and nothing else is in the folder.
    let folder = dir.path().join("backups");
    let copies: usize = (0..30)
        .map(|round| {
            let copies = backups(&dir.path().join(format!("new-{round}.db"))).expect("list");
            assert!(
                copies.iter().all(|b| b.kind == BackupKind::Daily),
                "{copies:?}"
            );
            copies.len()
        })
        .sum();
    let in_folder = if folder.exists() {
        names(&folder).len()
    } else {
        0
    };
    assert_eq!(in_folder, copies, "only copies in the backups folder");

    // Killed while making the daily copy: no copy under a real name is
    // ever half-written.
    let db = dir.path().join("big.db");
    big_journal(&db);
    for day in 1..=30 {
        let mut child = smallwins(&db, &day_at(day))
            .arg("today")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start");
        std::thread::sleep(Duration::from_micros(rng.u64(1_000..12_000)));
        child.kill().ok();
        child.wait().expect("wait");
    }
    // The copies the killed commands started go on apart; once they are
    // done (a copy still being made is under a temporary name, and one
    // may prune an old copy the listing below would then find gone).
    common::settle(&db);
    for copy in backups(&db).expect("list") {
        assert_eq!(quick_check(&copy.path), "ok", "{}", copy.path.display());
        assert_eq!(win_texts(&copy.path).len(), 400);
    }
    ok_at(&db, &day_at(25), &["today"]);
}

#[test]
fn leftovers_of_a_cut_off_copy_are_never_listed_and_are_cleared_later() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    ok_at(&db, &day_at(19), &["win", "first"]);
    ok_at(&db, &day_at(20), &["today"]);
    let folder = dir.path().join("backups");
    let old = folder.join(".journal-2026-11-20-083000-daily.db.4242.tmp");
    let old_journal = folder.join(".journal-2026-11-20-083000-daily.db.4242.tmp-journal");
    let recent = folder.join(".journal-2026-11-21-083000-daily.db.4343.tmp");
    for leftover in [&old, &old_journal, &recent] {
        fs::write(leftover, b"half a copy").expect("write");
    }
    let listed = ok_at(&db, &day_at(21), &["backup", "--list"]);
    assert!(!listed.contains(".db.4242.tmp"), "{listed}");
    assert!(!listed.contains(".db.4343.tmp"), "{listed}");

    // No process holds them (the one writing a copy holds a lock on it
    // until it ends), so the next open clears them, however young.
    ok_at(&db, &day_at(21), &["today"]);
    for leftover in [&old, &old_journal, &recent] {
        assert!(!leftover.exists(), "{} stayed", leftover.display());
    }
    // The copies of the 19th (made once "first" was written), the 20th
    // and the 21st.
    assert_eq!(backups(&db).expect("list").len(), 3, "{:?}", backups(&db));
}

// ----- restore ---------------------------------------------------------------------------

/// A journal with "first" from the 20th, "second" from the 21st, and the
/// copy made on the 20th once "first" was written (holding only "first").
fn two_days(db: &Path) -> PathBuf {
    ok_at(db, &day_at(20), &["win", "first"]);
    ok_at(db, &day_at(21), &["win", "second"]);
    backups(db)
        .expect("list")
        .into_iter()
        .find(|b| b.taken.date() == d("2026-11-20"))
        .expect("the copy of the 20th")
        .path
}

#[test]
fn restore_brings_a_copy_back_after_keeping_the_journal_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let copy = two_days(&db);
    let copy_arg = copy.to_str().expect("utf-8");

    // Another smallwins has the journal open meanwhile.
    let window = Journal::open(&db, Clock::Fixed(at(NOW)), Default::default()).expect("open");
    let version_before = window.data_version().expect("data version");

    let out = ok(&db, &["restore", copy_arg, "--yes"]);
    assert_eq!(win_texts(&db), ["first"]);
    assert!(
        out.starts_with(&format!(
            "Restored the journal at {} from {copy_arg} (0 promises, 0 checks, 1 win,",
            db.display()
        )),
        "{out}"
    );
    let before_restore: Vec<_> = backups(&db)
        .expect("list")
        .into_iter()
        .filter(|b| b.kind == BackupKind::BeforeRestore)
        .collect();
    assert_eq!(before_restore.len(), 1);
    let previous = &before_restore[0].path;
    assert_eq!(win_texts(previous), ["first", "second"]);
    assert_eq!(mode(previous), 0o600);
    assert!(out.contains(&previous.display().to_string()), "{out}");

    // The open window sees the restored journal.
    assert_ne!(window.data_version().expect("data version"), version_before);
    let wins = window
        .export(Some(d("2026-11-01")), Some(d("2026-11-30")))
        .expect("export")
        .wins;
    assert_eq!(wins.len(), 1);
    drop(window);

    // And the restore can be undone by restoring the copy it kept.
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "restore",
            previous.to_str().expect("utf-8"),
            "--yes",
            "--json",
        ],
    ))
    .expect("json");
    assert_eq!(json["records"]["wins"], 2);
    assert_eq!(win_texts(&db), ["first", "second"]);
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn restore_asks_first_and_refuses_what_is_not_a_sound_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let copy = two_days(&db);
    let journal_before = fs::read(&db).expect("read");
    let folder_before = snapshot(dir.path());

    // No terminal to ask in, and no --yes.
    let (code, sentence) = refused(&db, &["restore", copy.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(sentence.contains("--yes"), "{sentence}");

    let garbage = dir.path().join("garbage.db");
    fs::write(&garbage, vec![7u8; 8192]).expect("write");
    let damaged = dir.path().join("damaged.db");
    big_journal(&damaged);
    damage_wins(&damaged);
    let newer = dir.path().join("newer.db");
    fs::copy(&copy, &newer).expect("copy");
    set_user_version(&newer, LATEST_VERSION + 1);
    let folder_before = {
        let mut all = folder_before;
        all.extend(snapshot(dir.path()));
        all
    };
    for (file, expected) in [
        (&garbage, "is not a smallwins journal"),
        (&damaged, "looks damaged"),
        (&newer, "newer smallwins"),
        (&dir.path().join("missing.db"), "There is no file"),
        (&db, "is the journal itself"),
    ] {
        let (code, sentence) = refused(&db, &["restore", file.to_str().expect("utf-8"), "--yes"]);
        assert_eq!(code, 2, "{sentence}");
        assert!(sentence.contains(expected), "{sentence}");
    }
    assert_eq!(fs::read(&db).expect("read"), journal_before);
    assert_eq!(snapshot(dir.path()), folder_before, "nothing was touched");
}

/// Overwrites page 1 after its 100-byte header: the file still says it is
/// a smallwins journal, but SQLite cannot read its schema.
fn damage_schema(db: &Path) {
    let mut bytes = fs::read(db).expect("read");
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let mut rng = fastrand::Rng::with_seed(5);
    bytes[100..page].iter_mut().for_each(|b| *b = rng.u8(..));
    fs::write(db, &bytes).expect("damage");
}

/// Makes the page size in the header impossible: SQLite cannot open the
/// file at all, not even to write a restored journal into it.
fn damage_page_size(db: &Path) {
    let mut bytes = fs::read(db).expect("read");
    bytes[16..18].copy_from_slice(&768u16.to_be_bytes());
    fs::write(db, &bytes).expect("damage");
}

#[test]
fn restore_replaces_a_damaged_journal() {
    for (what, damage) in [
        ("a data page", damage_wins as fn(&Path)),
        ("the schema page", damage_schema),
        ("the page size", damage_page_size),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        big_journal(&db);
        ok(&db, &["today"]);
        let copy = backups(&db).expect("list").remove(0).path;
        damage(&db);
        let damaged = fs::read(&db).expect("read");
        let (_, sentence) = refused(&db, &["check"]);
        assert!(sentence.contains("looks damaged"), "{what}: {sentence}");

        ok(&db, &["restore", copy.to_str().expect("utf-8"), "--yes"]);
        assert_eq!(quick_check(&db), "ok", "{what}");
        assert_eq!(win_texts(&db).len(), 400, "{what}");
        let kept = backups(&db)
            .expect("list")
            .into_iter()
            .find(|b| b.kind == BackupKind::BeforeRestore)
            .expect("the damaged journal was kept");
        assert_eq!(fs::read(&kept.path).expect("read").len(), damaged.len());
        assert!(ok(&db, &["check"]).contains("is sound"), "{what}");
        assert_eq!(mode(&db), 0o600);
    }
}

#[test]
fn restore_in_a_terminal_asks_and_does_only_what_the_answer_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let copy = two_days(&db);
    let copy_arg = copy.to_str().expect("utf-8");

    let screen = in_a_terminal(&db, &["restore", copy_arg], "n\r");
    assert!(screen.contains("Type y to go ahead"), "{screen}");
    assert!(screen.contains("Nothing was restored"), "{screen}");
    assert_eq!(win_texts(&db), ["first", "second"]);

    let screen = in_a_terminal(&db, &["restore", copy_arg], "y\r");
    assert!(screen.contains("Restored the journal"), "{screen}");
    assert_eq!(win_texts(&db), ["first"]);
}

/// Runs smallwins in a pseudo-terminal, types `answer` once it asks, and
/// returns everything it showed.
fn in_a_terminal(db: &Path, args: &[&str], answer: &str) -> String {
    let mut t = terminal(&[], db, args);
    t.wait_for("Type y");
    t.send(answer);
    t.wait_exit();
    t.text()
}

/// The real binary in a pseudo-terminal, started by `prefix` (or directly),
/// on the journal `db` with no config file.
fn terminal(prefix: &[&str], db: &Path, args: &[&str]) -> Pty {
    let db = db.to_str().expect("utf-8");
    let mut all = vec!["--db", db, "--config", "/nonexistent/c.toml"];
    all.extend(args);
    Pty::spawn_via(prefix, &all, &[("SMALLWINS_NOW", NOW)], 220, 30)
}

// ----- 4. integrity checks ----------------------------------------------------------

#[test]
fn check_says_in_plain_words_what_it_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    big_journal(&db);
    let out = ok(&db, &["check"]);
    assert!(
        out.starts_with(&format!(
            "The journal at {} is sound: SQLite's integrity check found nothing wrong (1 promise, 0 checks, 400 wins,",
            db.display()
        )),
        "{out}"
    );
    assert!(out.contains("There is no backup of it yet"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["check", "--json"])).expect("json");
    assert_eq!(json["sound"], true);
    assert_eq!(json["records"]["wins"], 400);

    ok(&db, &["today"]);
    let copy = backups(&db).expect("list").remove(0).path;
    damage_wins(&db);
    let before = snapshot(dir.path());
    let (code, sentence) = refused(&db, &["check"]);
    assert_eq!(code, 1);
    assert!(sentence.contains("looks damaged"), "{sentence}");
    assert!(
        sentence.contains(&format!("smallwins restore {}", copy.display())),
        "{sentence}"
    );
    assert_eq!(snapshot(dir.path()), before, "check changes nothing");
}

#[test]
fn the_daily_check_refuses_a_damaged_journal_and_keeps_the_good_copies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    big_journal(&db);
    ok_at(&db, &day_at(20), &["today"]);
    damage_wins(&db);
    // The day's first command answers from what it reads, if that is
    // intact (it does not wait for the full check); the check, run apart
    // once it has answered, finds the damage and makes no copy.
    run_at(&db, &day_at(21), &["today"]);
    let before = snapshot(dir.path());
    for args in [&["today"][..], &["win", "a win"], &["promise", "list"]] {
        let (code, sentence) = refused_at(&db, &day_at(21), args);
        assert_eq!(code, 1, "{args:?}");
        assert!(sentence.contains("looks damaged"), "{sentence}");
        assert!(sentence.contains("backups were kept"), "{sentence}");
        assert_eq!(snapshot(dir.path()), before, "no copy of the damaged file");
    }
}

#[test]
fn only_the_daily_check_reads_the_whole_file_and_a_read_that_meets_damage_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    big_journal(&db);
    // Today's copy is made, so the full check has run for today.
    ok(&db, &["today"]);
    damage_wins(&db);

    // Opening reads only the header: a command that does not need the
    // damaged page is not held up by it.
    ok(&db, &["promise", "add", "Read a page"]);
    // A command that needs it says so in one sentence.
    let (code, sentence) = refused(&db, &["export"]);
    assert_eq!(code, 1);
    assert!(sentence.contains("looks damaged"), "{sentence}");
    assert!(sentence.contains("smallwins check"), "{sentence}");
}

// ----- 5. deleted text (defect 10) ----------------------------------------------------

fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
        .map(|(name, _)| name)
        .collect()
}

/// How a win's words leave the journal.
#[derive(Debug, Clone, Copy)]
enum Removal {
    Undo,
    Delete,
    Edit,
}

#[test]
fn deleted_and_replaced_text_leaves_every_file_of_the_folder() {
    // Each way on its own journal: a later insert could reuse the freed
    // space and hide text that secure_delete should have cleared.
    for removal in [Removal::Undo, Removal::Delete, Removal::Edit] {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        let day = d("2026-11-21");
        let mut j = common::open_at(&db, NOW);
        j.add_win(day, "a win that stays", None).expect("win");
        // The full-screen journal has the file open the whole time.
        let window = common::open_at(&db, NOW);

        let marker = format!(
            "MARKER-{removal:?}-7f3a91 words that must not outlive their removal, {}",
            "and a little more ".repeat(4)
        );
        let win = j.add_win(day, &marker, None).expect("win");
        match removal {
            Removal::Undo => drop(j.undo().expect("undo")),
            Removal::Delete => j.delete_win(&win).expect("delete"),
            Removal::Edit => drop(j.edit_win(&win, "short").expect("edit")),
        }
        drop(j);

        let needle = format!("MARKER-{removal:?}-7f3a91");
        assert_eq!(
            files_containing(dir.path(), needle.as_bytes()),
            Vec::<String>::new(),
            "{removal:?}: gone while another smallwins still has the journal open"
        );
        drop(window);
        assert_eq!(
            files_containing(dir.path(), needle.as_bytes()),
            Vec::<String>::new(),
            "{removal:?}: gone once closed"
        );
        let left = win_texts(&db);
        assert_eq!(
            left.len(),
            if matches!(removal, Removal::Edit) {
                2
            } else {
                1
            }
        );
    }
}

// ----- 6. read-only places and a full disk (defect 11) ------------------------------------

const NOBODY: u32 = 65_534;

/// A folder another user (`nobody`) owns, when running as root, so that
/// permissions bind; otherwise our own. Returns the journal path in it.
struct Place {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    as_nobody: bool,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        let folder = dir.path().join("place");
        fs::create_dir(&folder).expect("folder");
        Place {
            _dir: dir,
            folder,
            as_nobody: am_root(),
        }
    }

    fn db(&self) -> PathBuf {
        self.folder.join("journal.db")
    }

    /// Hands everything in the place to the user the binary runs as.
    fn hand_over(&self) {
        if !self.as_nobody {
            return;
        }
        for entry in snapshot(&self.folder).keys() {
            let path = self.folder.join(entry.trim_end_matches('/'));
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).expect("chown");
        }
        std::os::unix::fs::chown(&self.folder, Some(NOBODY), Some(NOBODY)).expect("chown");
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = smallwins(&self.db(), NOW);
        cmd.args(args);
        if self.as_nobody {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        finish(cmd)
    }

    fn chmod(&self, path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

fn assert_reads(place: &Place) {
    for args in [
        &["today"][..],
        &["export"],
        &["promise", "list"],
        &["stats"],
        &["check"],
    ] {
        let out = place.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    let export = String::from_utf8(place.run(&["export"]).stdout).expect("utf-8");
    assert!(export.contains("written before"), "{export}");
}

fn assert_write_refused(place: &Place, expected: &str) {
    let out = place.run(&["win", "a new win"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_one_sentence(&stderr);
    assert!(stderr.contains(expected), "{stderr}");
}

#[test]
fn a_read_only_file_is_still_read_and_a_write_says_the_file_is_read_only() {
    let place = Place::new();
    ok(&place.db(), &["win", "written before"]);
    place.hand_over();
    place.chmod(&place.db(), 0o400);
    if !place.as_nobody && am_root() {
        eprintln!("running as root without another user: permissions are not checked");
        return;
    }
    let before = snapshot(&place.folder);
    assert_reads(&place);
    assert_write_refused(&place, &format!("{} is read-only", place.db().display()));
    // Reading left nothing beside the journal (a read-only `-shm` left
    // there would stop writes once the file is writable again).
    let after = snapshot(&place.folder);
    let added: Vec<_> = after
        .keys()
        .filter(|k| !before.contains_key(*k) && !k.starts_with("backups"))
        .collect();
    assert!(added.is_empty(), "left beside the journal: {added:?}");

    place.chmod(&place.db(), 0o644);
    let out = place.run(&["win", "once writable again"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_read_only_folder_is_still_read_and_a_write_says_the_folder_is_read_only() {
    let place = Place::new();
    ok(&place.db(), &["win", "written before"]);
    place.hand_over();
    place.chmod(&place.folder, 0o555);
    let before = snapshot(&place.folder);
    assert_reads(&place);
    assert_write_refused(
        &place,
        &format!("The folder {} is read-only", place.folder.display()),
    );
    assert_eq!(snapshot(&place.folder), before);
    place.chmod(&place.folder, 0o755);
    let out = place.run(&["win", "once writable again"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_full_screen_journal_opens_in_a_read_only_folder_and_says_why_nothing_is_saved() {
    let place = Place::new();
    ok(&place.db(), &["win", "written before"]);
    place.hand_over();
    place.chmod(&place.folder, 0o555);
    let nobody = format!("--reuid={NOBODY}");
    let prefix: Vec<&str> = if place.as_nobody {
        let has_setpriv = Command::new("setpriv")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !has_setpriv {
            eprintln!("no setpriv to run the window as another user: skipped");
            return;
        }
        vec!["setpriv", &nobody, "--regid=65534", "--clear-groups"]
    } else {
        Vec::new()
    };
    let before = snapshot(&place.folder);
    let mut t = terminal(&prefix, &place.db(), &[]);
    t.wait_for("Recent weeks");
    // The win from before is there (the screen skips unchanged blanks, so
    // look for words one by one).
    t.wait_for("Wins · 1");
    t.send("w");
    t.wait_for("A small win");
    t.send("typed in a read-only place\r");
    t.wait_for("read-only");
    // The text stays in its box, not lost; leave it and quit.
    t.send("\x1b");
    t.send("q");
    assert!(t.wait_exit(), "{}", t.text());
    assert_eq!(snapshot(&place.folder), before);
}

/// A 1 MB tmpfs, unmounted when dropped; `None` where mounting is not
/// allowed.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        // Built only once mounted: dropping it unmounts.
        mounted.then(|| SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk to the last byte.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut file = fs::File::create(&filler).expect("filler");
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).is_ok() {}
        while file.write_all(&[0]).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .stderr(Stdio::null())
            .status()
            .ok();
    }
}

#[test]
fn on_a_full_disk_reading_works_and_a_write_says_the_disk_is_full() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("cannot mount a small tmpfs here: the full-disk test is skipped");
        return;
    };
    let db = disk.path().join("journal.db");
    ok_at(&db, &day_at(20), &["win", "written before"]);
    let filler = disk.fill();

    for args in [&["win", "a new win"][..], &["promise", "add", "Read"]] {
        let (code, sentence) = refused(&db, args);
        assert_eq!(code, 1);
        assert!(sentence.contains("The disk is full"), "{sentence}");
    }
    // The first open of a new day cannot make its copy; reading goes on.
    let export = ok_at(&db, &day_at(22), &["export"]);
    assert!(export.contains("written before"), "{export}");
    ok(&db, &["today"]);
    ok(&db, &["check"]);

    fs::remove_file(filler).expect("free space");
    ok(&db, &["win", "after freeing space"]);
    assert_eq!(win_texts(&db), ["after freeing space", "written before"]);
}

// ----- 7. damaged files --------------------------------------------------------------

/// One way a journal file can be wrong, made from a good journal at `db`.
fn damage(kind: &str, db: &Path) {
    match kind {
        "truncated" => {
            let len = fs::metadata(db).expect("meta").len();
            let file = fs::OpenOptions::new().write(true).open(db).expect("open");
            file.set_len(len / 2).expect("truncate");
        }
        "flipped bytes in a data page" => damage_wins(db),
        "random bytes" => {
            let mut rng = fastrand::Rng::with_seed(3);
            let noise: Vec<u8> = (0..16_384).map(|_| rng.u8(..)).collect();
            fs::write(db, noise).expect("write");
        }
        "newer schema" => set_user_version(db, LATEST_VERSION + 1),
        "negative user_version" => set_user_version(db, -1),
        "a directory" => {
            fs::remove_file(db).expect("remove");
            fs::create_dir(db).expect("dir");
            fs::write(db.join("keep.txt"), "mine").expect("write");
        }
        "a FIFO" => {
            fs::remove_file(db).expect("remove");
            mkfifo(db);
        }
        _ => unreachable!("{kind}"),
    }
}

#[test]
fn a_damaged_or_wrong_file_is_refused_in_one_sentence_and_left_byte_for_byte() {
    for kind in [
        "truncated",
        "flipped bytes in a data page",
        "random bytes",
        "newer schema",
        "negative user_version",
        "a directory",
        "a FIFO",
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        big_journal(&db);
        damage(kind, &db);
        if kind == "flipped bytes in a data page" {
            // Damage further in than the header and schema is found by the
            // day's full check, which runs apart once the day's first
            // command has answered (from pages that are intact).
            run_at(&db, NOW, &["today"]);
        }
        let before = snapshot(dir.path());
        for args in [&["today"][..], &["win", "a small win"]] {
            let (code, sentence) = refused(&db, args);
            assert!(code == 1 || code == 2, "{kind} {args:?}: exit {code}");
            assert!(
                sentence.contains(&db.display().to_string()),
                "{kind}: the sentence names the file: {sentence}"
            );
            assert_eq!(
                snapshot(dir.path()),
                before,
                "{kind} {args:?}: the file and its folder are as they were"
            );
        }
    }
}

#[test]
fn a_journal_cut_short_is_refused_on_opening_even_after_the_days_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    big_journal(&db);
    ok(&db, &["today"]);
    // Only the last page is missing, which the command itself may never
    // read: the header says how long the file should be.
    let len = fs::metadata(&db).expect("meta").len();
    let file = fs::OpenOptions::new().write(true).open(&db).expect("open");
    file.set_len(len - 4096).expect("truncate");
    drop(file);
    let before = snapshot(dir.path());
    for args in [
        &["today"][..],
        &["win", "a small win"],
        &["promise", "list"],
    ] {
        let (code, sentence) = refused(&db, args);
        assert_eq!(code, 1);
        assert!(sentence.contains("looks damaged"), "{sentence}");
        assert_eq!(snapshot(dir.path()), before);
    }
}

#[test]
fn an_empty_file_is_a_new_journal() {
    // Nothing in an empty file can be lost, so a command that writes makes
    // it a new journal, private like any other; one that only reads leaves
    // it as it is.
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    fs::write(&db, b"").expect("touch");
    fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).expect("chmod");
    let (code, sentence) = refused(&db, &["today"]);
    assert_eq!(code, 1);
    assert!(sentence.starts_with("No journal at"), "{sentence}");
    assert_eq!(fs::metadata(&db).expect("meta").len(), 0);
    ok(&db, &["win", "a first win"]);
    assert_eq!(win_texts(&db), ["a first win"]);
    assert_eq!(mode(&db), 0o600);
    assert!(ok(&db, &["check"]).contains("is sound"));
}

// ----- an import alone with the file -----------------------------------------------

/// Two years exported from a demo journal, to `dir/two-years.json`; the
/// number of its wins.
fn two_years_export(dir: &Path) -> (PathBuf, i64) {
    let src = dir.join("source.db");
    ok(&src, &["demo", "--years", "2"]);
    let file = dir.join("two-years.json");
    ok(
        &src,
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().expect("utf-8"),
        ],
    );
    let wins = win_texts(&src).len() as i64;
    (file, wins)
}

fn journal_mode(db: &Path) -> String {
    Connection::open(db)
        .expect("open")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode")
}

fn wins_in(db: &Path) -> i64 {
    let conn = Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM wins", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_journal_as_it_was_or_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, wins) = two_years_export(dir.path());
    let db = dir.path().join("journal.db");
    ok(&db, &["win", "Set up the new journal"]);
    let before = dir.path().join("before.db");
    fs::copy(&db, &before).expect("keep");
    // How long a whole import takes, to kill runs all through it.
    let started = Instant::now();
    ok(&db, &["import", file.to_str().expect("utf-8")]);
    let whole = started.elapsed();
    let (mut none, mut all) = (0, 0);
    for step in 0..12u32 {
        fs::copy(&before, &db).expect("reset");
        for side in ["-wal", "-shm", "-journal"] {
            fs::remove_file(format!("{}{side}", db.display())).ok();
        }
        let mut cmd = smallwins(&db, NOW);
        let mut child = cmd
            .args(["import", file.to_str().expect("utf-8")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start");
        std::thread::sleep(whole * step / 10);
        child.kill().ok();
        child.wait().expect("wait");
        common::settle(&db);
        // The next command finds the journal sound, with the import whole
        // or not at all.
        let out = ok(&db, &["check"]);
        assert!(out.contains("is sound"), "step {step}: {out}");
        match wins_in(&db) {
            1 => none += 1,
            n if n == wins + 1 => all += 1,
            n => panic!("step {step}: {n} wins, neither 1 nor {}", wins + 1),
        }
        assert_eq!(quick_check(&db), "ok", "step {step}");
    }
    eprintln!("of 12 kills, {none} left the journal as it was and {all} had the whole import");
}

#[test]
fn an_import_beside_an_open_journal_keeps_the_wal_and_the_other_sees_it_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, wins) = two_years_export(dir.path());
    let db = dir.path().join("journal.db");
    ok(&db, &["win", "Set up the new journal"]);
    // Another smallwins has the journal open (as the full-screen one does).
    let other =
        Store::open_with(&db, at(NOW), Access::Write, smallwins::store::Key::Plain).expect("open");
    let seen_before = other.data_version().expect("version");
    ok(&db, &["import", file.to_str().expect("utf-8")]);
    assert_eq!(journal_mode(&db), "wal");
    assert_ne!(other.data_version().expect("version"), seen_before);
    assert_eq!(other.counts().expect("counts").wins as i64, wins + 1);
    drop(other);
    // Alone, an import leaves the journal in WAL mode too.
    let alone = dir.path().join("alone.db");
    ok(&alone, &["import", file.to_str().expect("utf-8")]);
    assert_eq!(journal_mode(&alone), "wal");
    assert_eq!(wins_in(&alone), wins);
}
