//! Moving in from Loop Habit Tracker: its backup (the `.db` of Settings →
//! Export full backup), bare and zipped, built here with Loop's own schema
//! (its migrations 09 to 25 as they leave the tables), and the wrong
//! inputs Loop's files invite: a file beside the export that is not it, an
//! SQLite file that is not Loop's, an export with no checkmarks, a zip
//! bomb.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{Fixture, export_json, fixture, json_at, left_out, run_at, smallwins_at};
use rusqlite::{Connection, params};
use serde_json::Value;

const NOW: &str = "2026-11-21T08:30";

/// Loop's tables as its migrations 09 to 25 leave them (version 25).
const LOOP_SCHEMA: &str = "
CREATE TABLE Habits (
    id integer primary key autoincrement, archived integer, color integer,
    description text, freq_den integer, freq_num integer, highlight integer,
    name text, position integer, reminder_hour integer, reminder_min integer,
    reminder_days integer not null default 127, type integer not null default 0,
    target_type integer not null default 0, target_value real not null default 0,
    unit text not null default '', question text, uuid text);
CREATE TABLE Repetitions (
    id integer primary key autoincrement,
    habit integer not null references habits(id),
    timestamp integer not null, value integer not null, notes text);
CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);
CREATE TABLE Events (id integer primary key autoincrement, timestamp integer,
    message text, server_id integer);
PRAGMA user_version = 25;
";

/// Loop's timestamp of a day: milliseconds at UTC midnight.
fn ms(day: &str) -> i64 {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day");
    d.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp_millis()
}

/// A Loop backup with the edge cases: entries by hand, a "no" with a
/// note, a skipped day, a mark Loop worked out, a note on an UNKNOWN day,
/// amounts × 1000, a frequency of 1 in 30 days, an archived habit.
fn loop_backup(path: &Path) {
    let db = Connection::open(path).expect("backup");
    db.execute_batch(LOOP_SCHEMA).expect("schema");
    let habit =
        |id: i64,
         name: &str,
         num: i64,
         den: i64,
         kind: i64,
         target: f64,
         unit: &str,
         archived: i64| {
            db.execute(
            "INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight,
                name, position, type, target_type, target_value, unit, question, uuid)
             VALUES (?1, ?2, 7, '', ?3, ?4, 0, ?5, ?1 - 1, ?6, 0, ?7, ?8, '', ?9)",
            params![id, archived, den, num, name, kind, target, unit, format!("{id:032x}")],
        )
        .expect("habit");
        };
    habit(1, "Stretch", 3, 7, 0, 0.0, "", 0);
    habit(2, "Water", 1, 1, 1, 8.0, "glasses", 0);
    habit(3, "Read", 1, 30, 0, 0.0, "", 0);
    habit(4, "Old course", 1, 1, 0, 0.0, "", 1);
    let rep = |habit: i64, day: &str, value: i64, notes: &str| {
        db.execute(
            "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?1, ?2, ?3, ?4)",
            params![habit, ms(day), value, notes],
        )
        .expect("repetition");
    };
    rep(1, "2026-11-15", 2, "");
    rep(1, "2026-11-16", -1, "travelling, no mat");
    rep(1, "2026-11-17", 3, "");
    rep(1, "2026-11-18", 0, "back ache");
    rep(1, "2026-11-19", 1, "");
    rep(2, "2026-11-19", 8000, "");
    rep(2, "2026-11-20", 6500, "hot day");
    rep(3, "2026-11-01", 2, "");
    rep(4, "2026-10-01", 2, "");
    rep(4, "2026-10-02", 2, "last one");
}

fn import(f: &Fixture, path: &Path) -> Value {
    let path = path.to_str().expect("utf-8 path");
    json_at(f, NOW, &["import", "--from", "loop", path])
}

fn export(f: &Fixture) -> Value {
    let mut data = export_json(f, NOW);
    data["exported_at"] = Value::Null;
    data
}

/// The check of the promise called `text` on `day`.
fn check<'a>(data: &'a Value, text: &str, day: &str) -> &'a Value {
    let promise = data["promises"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["text"] == text))
        .unwrap_or_else(|| panic!("no promise {text}"));
    data["checks"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|c| c["promise_id"] == promise["id"] && c["day"] == day)
        })
        .unwrap_or_else(|| panic!("no check of {text} on {day}"))
}

/// `members` zipped into `path`.
fn zip_of(path: &Path, members: &[(&str, &[u8])]) {
    let file = fs::File::create(path).expect("zip");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in members {
        zip.start_file(*name, options).expect("member");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish");
}

/// Runs `import --from loop PATH`, which must be refused with exit code 2
/// in one sentence; that sentence.
fn refused(f: &Fixture, path: &Path) -> String {
    let out = smallwins_at(f, NOW)
        .args(["import", "--from", "loop"])
        .arg(path)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

fn backup_in(f: &Fixture) -> PathBuf {
    let path = f.dir.path().join("Loop Habits Backup 2026-11-21 083000.db");
    loop_backup(&path);
    path
}

#[test]
fn loops_backup_comes_over_with_every_edge_case_counted_or_kept() {
    let f = Fixture::new();
    let backup = backup_in(&f);
    let report = import(&f, &backup);
    assert_eq!(report["changed"]["promises"], 4, "{report}");
    assert_eq!(report["changed"]["checks"], 7, "{report}");
    assert_eq!(
        left_out(&report),
        [
            "1 habit, \"Read\", asked 1 in 30 days in Loop: it asks once a week here (smallwins schedules 1 to 7 times a week)",
            "1 mark Loop worked out from the frequency (never marked by hand)",
            "1 note on a day without a mark, as smallwins keeps a note only with a mark (Stretch on 2026-11-16)",
            "1 skipped day (smallwins leaves it unmarked)",
        ]
    );
    let data = export(&f);
    assert_eq!(check(&data, "Stretch", "2026-11-15")["status"], "kept");
    let no = check(&data, "Stretch", "2026-11-18");
    assert_eq!(
        (&no["status"], &no["note"]),
        (&"missed".into(), &"back ache".into())
    );
    let water = check(&data, "Water", "2026-11-20");
    assert_eq!(water["amount"], 6.5, "thousandths: {water}");
    assert_eq!(water["status"], "partial");
    assert_eq!(check(&data, "Water", "2026-11-19")["amount"], 8.0);
    let old = data["promises"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["text"] == "Old course"))
        .expect("old course");
    assert_eq!(
        old["archived_on"], "2026-10-02",
        "archived after its last day"
    );
    assert_eq!(check(&data, "Old course", "2026-10-02")["note"], "last one");

    // The backup leaves nothing beside it (it was opened immutable).
    let names: Vec<_> = fs::read_dir(f.dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("Loop"))
        .collect();
    assert_eq!(names, ["Loop Habits Backup 2026-11-21 083000.db"]);

    // Again: nothing new, and it says how many it found.
    let again = run_at(
        &f,
        NOW,
        &["import", "--from", "loop", backup.to_str().expect("utf-8")],
    );
    assert!(
        again.starts_with("Nothing new from Loop Habit Tracker in ")
            && again
                .lines()
                .next()
                .unwrap_or("")
                .ends_with("the journal already had all 11 records."),
        "{again}"
    );
}

#[test]
fn a_zipped_backup_reads_like_the_bare_one() {
    let (bare, zipped) = (Fixture::new(), Fixture::new());
    let backup = backup_in(&bare);
    let zip = zipped.dir.path().join("backup.zip");
    zip_of(
        &zip,
        &[("Loop Habits Backup.db", &fs::read(&backup).expect("backup"))],
    );
    let a = import(&bare, &backup);
    let b = import(&zipped, &zip);
    assert_eq!(a["changed"], b["changed"]);
    assert_eq!(a["left_out"], b["left_out"]);
    assert_eq!(export(&bare), export(&zipped));
}

#[test]
fn a_backup_and_the_csv_export_of_one_loop_are_the_same_habits() {
    let f = Fixture::new();
    import(&f, &fixture("loop"));
    let before = export(&f)["promises"].as_array().map(Vec::len);
    // A backup holding a habit of the same name adds no second promise.
    let backup = f.dir.path().join("stretch.db");
    let db = Connection::open(&backup).expect("backup");
    db.execute_batch(LOOP_SCHEMA).expect("schema");
    db.execute(
        "INSERT INTO Habits (id, archived, freq_den, freq_num, name, position) VALUES (1, 0, 7, 3, 'Stretch', 0)",
        [],
    )
    .expect("habit");
    drop(db);
    import(&f, &backup);
    assert_eq!(export(&f)["promises"].as_array().map(Vec::len), before);
}

#[test]
fn an_sqlite_file_that_is_not_loops_is_refused_in_one_sentence() {
    let f = Fixture::new();
    let other = f.dir.path().join("other.db");
    Connection::open(&other)
        .expect("db")
        .execute_batch("CREATE TABLE Habits (id integer); CREATE VIEW Repetitions AS SELECT 1;")
        .expect("tables");
    let stderr = refused(&f, &other);
    assert!(
        stderr.contains("is an SQLite file but not Loop Habit Tracker's backup"),
        "{stderr}"
    );
}

#[test]
fn a_file_beside_loops_export_that_is_not_it_is_refused_not_the_folder_imported() {
    let f = Fixture::new();
    let folder = f.dir.path().join("Loop Habits CSV");
    fs::create_dir(&folder).expect("folder");
    for entry in fs::read_dir(fixture("loop")).expect("fixture").flatten() {
        if entry.path().is_file() {
            fs::copy(entry.path(), folder.join(entry.file_name())).expect("copy");
        }
    }
    fs::write(folder.join("notes.txt"), "my own notes\n").expect("notes");
    for name in ["notes.txt", "Scores.csv", "Checkmarks.csv"] {
        let stderr = refused(&f, &folder.join(name));
        assert!(
            stderr.contains(name)
                && stderr.contains("is not Loop Habit Tracker's backup or export"),
            "{stderr}"
        );
    }
    assert!(!f.path.exists(), "nothing imported, no journal made");
    // Its Habits.csv still stands for the folder.
    let habits = folder.join("Habits.csv");
    assert_eq!(
        import(&f, &habits)["found"],
        0,
        "no habit folders were copied"
    );
}

#[test]
fn loop_with_no_checkmarks_says_what_it_found() {
    let f = Fixture::new();
    let zip = f.dir.path().join("Loop Habits CSV.zip");
    let habits = fs::read(fixture("loop/Habits.csv")).expect("habits");
    zip_of(&zip, &[("Habits.csv", &habits)]);
    let out = run_at(
        &f,
        NOW,
        &["import", "--from", "loop", zip.to_str().expect("utf-8")],
    );
    let first = out.lines().next().unwrap_or("");
    assert!(!out.contains("already had"), "{out}");
    assert!(
        first.starts_with("Nothing imported from Loop Habit Tracker /")
            && first.ends_with("nothing in it could come over as it was (below)."),
        "{out}"
    );
    assert!(
        out.contains("  4 habits without their Checkmarks.csv"),
        "{out}"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_fills_memory() {
    let f = Fixture::new();
    let zip = f.dir.path().join("bomb.zip");
    let zeros = vec![0u8; 65 << 20];
    zip_of(&zip, &[("Habits.csv", &zeros)]);
    assert!(
        fs::metadata(&zip).expect("zip").len() < 1 << 20,
        "a bomb: small packed"
    );
    let stderr = refused(&f, &zip);
    assert!(stderr.contains("unpacks to more than"), "{stderr}");
    // A backup inside a zip is bounded too.
    let db_bomb = f.dir.path().join("db-bomb.zip");
    let mut big = b"SQLite format 3\0".to_vec();
    big.resize(257 << 20, 0);
    zip_of(&db_bomb, &[("Loop.db", &big)]);
    let stderr = refused(&f, &db_bomb);
    assert!(stderr.contains("unpacks to more than"), "{stderr}");
}
