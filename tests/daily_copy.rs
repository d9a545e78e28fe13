//! The upkeep off the waiting path (`cli/upkeep.rs`): checkpoints an
//! import left, and the daily copy. The day's first command answers
//! and ends while the copy is still to be made, by a detached process of
//! its own session that one lock keeps to one at a time, whose copy
//! appears once made, and that leaves no half copy when killed. The real
//! binary on journals in temporary folders; no test here measures time
//! (every wait is a bounded poll for something to happen).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use smallwins::domain::Win;
use smallwins::domain::model::new_id;
use smallwins::store::{BackupKind, Store, backups};

use common::pty::Pty;
use common::{at, copiers, d, damage_wins, settle};

/// The binary on `db` with no config file and the clock at `now`.
fn smallwins(db: &Path, now: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.env("SMALLWINS_NOW", now)
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg("/nonexistent/smallwins-config.toml")
        .stdin(Stdio::null());
    cmd
}

/// Runs `args` and returns its output; fails the test if it has not ended
/// within 20 seconds (it must not wait for the copy it starts).
fn run_at(db: &Path, now: &str, args: &[&str]) -> Output {
    let mut child = smallwins(db, now)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start smallwins");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("{args:?} did not end within 20 seconds");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().expect("output")
}

/// Runs a command that must succeed quietly; its stdout.
fn ok_at(db: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(db, now, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A closed journal with a promise and `wins` wins, made in process (no
/// copy is started).
fn journal_with_wins(db: &Path, wins: i64) {
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
            for n in 0..wins {
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

fn daily_copies_of(db: &Path, day: &str) -> Vec<PathBuf> {
    backups(db)
        .expect("list")
        .into_iter()
        .filter(|b| b.kind == BackupKind::Daily && b.taken.date() == d(day))
        .map(|b| b.path)
        .collect()
}

fn wins_in(copy: &Path) -> i64 {
    let conn = Connection::open(copy).expect("open the copy");
    let sound: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .expect("quick_check");
    assert_eq!(sound, "ok", "{}", copy.display());
    conn.query_row("SELECT count(*) FROM wins", [], |r| r.get(0))
        .expect("count")
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("read the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Holds the backups folder's lock, as a daily copy in progress does,
/// until dropped.
struct HeldLock(#[allow(dead_code)] fs::File);

fn hold_the_lock(db: &Path) -> HeldLock {
    let folder = db.parent().expect("folder").join("backups");
    fs::create_dir_all(&folder).expect("backups folder");
    let file = fs::File::open(&folder).expect("open the folder");
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
        .expect("the lock is free");
    HeldLock(file)
}

/// Whether a process making the copy of `db` leads a session of its own
/// (it has left the terminal's session, or never had one).
fn copier_leads_a_session(db: &Path) -> bool {
    // From /proc rather than getsid(2): in a container the session of a
    // process that has not left its starter's may lead outside the pid
    // namespace, which getsid reports as 0.
    copiers(db).into_iter().any(|pid| {
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            return false;
        };
        // After the command's name in parentheses: state, parent, group, session.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        after_name.split_whitespace().nth(3) == Some(pid.to_string().as_str())
    })
}

/// Waits (at most a minute) until `what` holds.
fn wait_until(what: &str, mut holds: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !holds() {
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within a minute"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_first_command_of_the_day_answers_and_ends_while_its_copy_is_held_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 40);
    let lock = hold_the_lock(&db);

    // The day's first command prints its answer and ends, though the copy
    // cannot be made yet: the process that makes it is still waiting.
    let out = ok_at(&db, "2026-11-21T08:30", &["today"]);
    assert!(out.contains("Stretch for ten seconds"), "{out}");
    assert!(daily_copies_of(&db, "2026-11-21").is_empty());
    wait_until("a process waiting to make the copy", || {
        !copiers(&db).is_empty()
    });
    assert!(daily_copies_of(&db, "2026-11-21").is_empty());

    // Once it may, the copy appears, whole, and the process ends.
    drop(lock);
    settle(&db);
    let copies = daily_copies_of(&db, "2026-11-21");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(wins_in(&copies[0]), 40);
    assert_eq!(
        names(&dir.path().join("backups")),
        ["journal-2026-11-21-083000-daily.db"],
        "only the copy is in the folder"
    );

    // The day's next command starts nothing: the copy is there.
    ok_at(&db, "2026-11-21T09:00", &["today"]);
    assert!(copiers(&db).is_empty());
}

#[test]
fn commands_at_once_on_the_day_s_start_make_one_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 40);
    let lock = hold_the_lock(&db);

    // Four commands at different moments of the same day, each the day's
    // first (no copy yet), each starting a copy that must wait.
    let times = ["08:30", "08:31", "08:32", "08:33"];
    let commands: Vec<&[&str]> = vec![&["today"], &["stats"], &["win", "x"], &["promise", "list"]];
    let started: Vec<_> = times
        .iter()
        .zip(&commands)
        .map(|(time, args)| {
            smallwins(&db, &format!("2026-11-21T{time}"))
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start")
        })
        .collect();
    for mut child in started {
        assert!(child.wait().expect("wait").success());
    }
    wait_until("the copies to wait for the lock", || {
        copiers(&db).len() == times.len()
    });

    drop(lock);
    settle(&db);
    let copies = daily_copies_of(&db, "2026-11-21");
    assert_eq!(copies.len(), 1, "one copy for the day: {copies:?}");
    assert_eq!(names(&dir.path().join("backups")).len(), 1);
}

#[test]
fn a_damaged_journal_is_refused_before_anything_is_written_and_never_copied() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 400);
    ok_at(&db, "2026-11-20T08:30", &["today"]);
    settle(&db);
    let good = backups(&db).expect("list");
    assert_eq!(good.len(), 1);
    damage_wins(&db);
    let damaged = fs::read(&db).expect("read");

    // The day's first command writes a win: the damage is met where it
    // would write, so nothing is written; then the day's check runs apart.
    let out = run_at(&db, "2026-11-21T08:30", &["win", "a win"]);
    assert_eq!(out.status.code(), Some(1));
    let sentence = String::from_utf8_lossy(&out.stderr);
    assert!(sentence.contains("looks damaged"), "{sentence}");
    settle(&db);
    assert_eq!(fs::read(&db).expect("read"), damaged);

    // The check found the damage: every command is refused before it
    // writes or reads anything, and no copy of the damaged file pushes a
    // good one out.
    for args in [
        &["promise", "add", "Read a page"][..],
        &["today"],
        &["win", "a win"],
    ] {
        let out = run_at(&db, "2026-11-21T09:00", args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let sentence = String::from_utf8_lossy(&out.stderr);
        assert!(sentence.contains("looks damaged"), "{sentence}");
        assert!(sentence.contains("backups were kept"), "{sentence}");
        settle(&db);
        assert_eq!(fs::read(&db).expect("read"), damaged, "{args:?}");
        assert_eq!(backups(&db).expect("list"), good, "{args:?}");
    }

    // Brought back, the journal is used again.
    let copy = good[0].path.to_str().expect("utf-8").to_string();
    ok_at(&db, "2026-11-21T10:00", &["restore", &copy, "--yes"]);
    ok_at(&db, "2026-11-21T10:00", &["promise", "add", "Read a page"]);
    settle(&db);
}

#[test]
fn a_killed_copy_leaves_no_half_copy_that_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 2000);
    let folder = dir.path().join("backups");
    let mut rng = fastrand::Rng::with_seed(17);
    // The process a command starts, started here so it can be killed at
    // any moment of its check and copy.
    for day in 1..=20 {
        let mut db_arg = std::ffi::OsString::from("--db=");
        db_arg.push(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .arg(db_arg)
            .args(["upkeep", "--at", &format!("2026-11-{day:02}T08:30:00")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start");
        std::thread::sleep(Duration::from_micros(rng.u64(0..25_000)));
        child.kill().ok();
        child.wait().expect("wait");
    }
    // One left alone makes its copy.
    let mut db_arg = std::ffi::OsString::from("--db=");
    db_arg.push(&db);
    let status = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .arg(db_arg)
        .args(["upkeep", "--at", "2026-11-20T20:00:00"])
        .status()
        .expect("run");
    assert!(status.success());
    assert_eq!(daily_copies_of(&db, "2026-11-20").len(), 1);
    // Whatever was listed is whole; what was cut off is not listed.
    for copy in backups(&db).expect("list") {
        assert_eq!(wins_in(&copy.path), 2000, "{}", copy.path.display());
    }
    // The next command clears what the killed ones left.
    ok_at(&db, "2026-11-21T08:30", &["promise", "list"]);
    settle(&db);
    for name in names(&folder) {
        assert!(
            name.starts_with("journal-2026-11-") && name.ends_with("-daily.db"),
            "{name} was left in the folder"
        );
    }
    assert_eq!(daily_copies_of(&db, "2026-11-21").len(), 1);
}

#[test]
fn the_copy_runs_in_a_session_of_its_own_so_ctrl_c_or_a_hang_up_does_not_stop_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 40);
    let lock = hold_the_lock(&db);

    // A command run in a process group of its own, as a shell runs a job.
    let mut cmd = smallwins(&db, "2026-11-21T08:30");
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut command = cmd
        .arg("today")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let group =
        rustix::process::Pid::from_raw(i32::try_from(command.id()).expect("pid")).expect("a pid");
    assert!(command.wait().expect("wait").success());

    // The copy's process leads a session of its own…
    wait_until("the copy's process in a session of its own", || {
        copier_leads_a_session(&db)
    });
    // …so what the terminal sends the job's group on Ctrl-C or a hang-up
    // does not reach it.
    for signal in [rustix::process::Signal::INT, rustix::process::Signal::HUP] {
        rustix::process::kill_process_group(group, signal).ok();
    }
    drop(lock);
    settle(&db);
    assert_eq!(daily_copies_of(&db, "2026-11-21").len(), 1);
}

#[test]
fn the_full_screen_journal_starts_the_copy_after_its_first_frame_and_a_hang_up_leaves_it_going() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    journal_with_wins(&db, 40);
    let lock = hold_the_lock(&db);

    let config = dir.path().join("no-config.toml");
    let t = Pty::start(&db, &config, &[]);
    t.wait_for("Stretch for ten seconds");
    wait_until("the copy's process, started after the first frame", || {
        copier_leads_a_session(&db)
    });
    assert!(daily_copies_of(&db, "2026-11-21").is_empty());

    // The terminal goes away: the journal ends, the copy goes on.
    drop(t);
    drop(lock);
    settle(&db);
    assert_eq!(daily_copies_of(&db, "2026-11-21").len(), 1);
}

/// The checkpoints of the journal at `db`: (promise rows, totals rows,
/// the distinct weeks the promise rows are counted in).
fn checkpoints_in(db: &Path) -> (i64, i64, Vec<i64>) {
    let conn = Connection::open(db).expect("open");
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    };
    let weeks = conn
        .prepare("SELECT DISTINCT week_start FROM promise_checkpoints ORDER BY 1")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<Vec<i64>>>()
        .expect("weeks");
    (
        count("promise_checkpoints"),
        count("totals_checkpoints"),
        weeks,
    )
}

/// Two years of a journal exported to `dir/two-years.json`.
fn two_years_export(dir: &Path) -> PathBuf {
    let src = dir.join("source.db");
    ok_at(&src, "2026-11-21T08:30", &["demo", "--years", "2"]);
    let file = dir.join("two-years.json");
    let out = file.to_str().expect("utf-8 path");
    ok_at(
        &src,
        "2026-11-21T08:30",
        &["export", "--format", "json", "--out", out],
    );
    settle(&src);
    file
}

#[test]
fn an_import_leaves_its_checkpoints_and_the_wal_to_the_upkeep_which_does_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = two_years_export(dir.path());
    let file = file.to_str().expect("utf-8 path");
    // The week's start from the command's config reaches the upkeep.
    let sunday = dir.path().join("sunday.toml");
    fs::write(&sunday, "week_starts_on = \"sunday\"\n").expect("config");
    let mut weeks = Vec::new();
    for config in [None, Some(&sunday)] {
        let db = dir.path().join(format!("into-{}.db", weeks.len()));
        let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .env("SMALLWINS_NOW", "2026-11-21T08:30")
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(config.map_or(Path::new("/nonexistent/smallwins-config.toml"), |c| c))
            .args(["import", file])
            .stdin(Stdio::null())
            .output()
            .expect("import");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        settle(&db);
        let (promise_rows, totals_rows, week) = checkpoints_in(&db);
        assert!(promise_rows > 0 && totals_rows > 0, "checkpoints written");
        assert_eq!(week.len(), 1, "one week start: {week:?}");
        weeks.push(week[0]);
        // Folded in: the journal is one complete file again.
        let wal = fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
        assert_eq!(wal, 0, "the WAL is folded into the journal");
        assert!(
            ok_at(&db, "2026-11-21T08:35", &["check"]).contains("sound"),
            "the journal checks sound"
        );
    }
    assert_ne!(weeks[0], weeks[1], "Sunday weeks with the Sunday config");
}

#[test]
fn the_upkeep_writes_missing_checkpoints_with_the_journal_closed_between() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = two_years_export(dir.path());
    let db = dir.path().join("journal.db");
    ok_at(
        &db,
        "2026-11-21T08:30",
        &["import", file.to_str().expect("utf-8")],
    );
    settle(&db);
    let written = checkpoints_in(&db);
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch("DELETE FROM promise_checkpoints; DELETE FROM totals_checkpoints;")
        .expect("drop them");
    drop(conn);
    assert_eq!(checkpoints_in(&db).0, 0);
    let mut db_arg = std::ffi::OsString::from("--db=");
    db_arg.push(&db);
    let status = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .arg(db_arg)
        .arg("--config=/nonexistent/smallwins-config.toml")
        .args(["upkeep", "--at", "2026-11-21T08:40:00", "--checkpoints"])
        .status()
        .expect("run");
    assert!(status.success());
    assert_eq!(checkpoints_in(&db), written, "the same checkpoints again");
}
