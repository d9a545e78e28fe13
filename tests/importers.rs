//! Moving in from other trackers: `smallwins import --from FORMAT FILE` on
//! the sample files in `tests/fixtures/` (written for these tests after
//! each format's documentation). Each importer brings over what it can,
//! says what it could not, one line per kind with a count, and changes
//! nothing when run a second time.

mod common;

use std::fs;

use common::{Fixture, export_json, fixture, import_fixture, left_out, run_at, smallwins_at};
use serde_json::Value;

const NOW: &str = "2026-11-21T08:30";

fn import(f: &Fixture, from: &str, file: &str) -> Value {
    import_fixture(f, NOW, from, file)
}

fn export(f: &Fixture) -> Value {
    export_json(f, NOW)
}

/// The record of `kind` whose `field` is `value`.
fn find<'a>(data: &'a Value, kind: &str, field: &str, value: &str) -> &'a Value {
    data[kind]
        .as_array()
        .and_then(|items| items.iter().find(|i| i[field] == value))
        .unwrap_or_else(|| panic!("no {kind} with {field} = {value}"))
}

/// The check of the promise called `text` on `day`.
fn check<'a>(data: &'a Value, text: &str, day: &str) -> &'a Value {
    let id = &find(data, "promises", "text", text)["id"];
    data["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["promise_id"] == *id && c["day"] == day))
        .unwrap_or_else(|| panic!("no check of {text} on {day}"))
}

fn assert_second_import_changes_nothing(f: &Fixture, from: &str, file: &str) {
    let before = export(f);
    let again = import(f, from, file);
    assert_eq!(again["total"], 0, "{again}");
    let mut after = export(f);
    after["exported_at"] = before["exported_at"].clone();
    assert_eq!(after, before);
}

#[test]
fn loop_habit_tracker_habits_and_checkmarks_come_over() {
    let f = Fixture::new();
    let report = import(&f, "loop", "loop");
    assert_eq!(report["from"], "loop");
    assert_eq!(report["changed"]["promises"], 4, "{report}");
    assert_eq!(report["changed"]["checks"], 11, "{report}");
    assert_eq!(report["total"], 15);
    assert_eq!(
        left_out(&report),
        [
            "1 habit description (smallwins has no place for one)",
            "1 habit, \"Old course\", asked 1 in 2 days in Loop: it asks 4 times a week here (smallwins schedules 1 to 7 times a week)",
            "2 marks Loop worked out from the frequency (never marked by hand)",
            "1 note on a day without a mark, as smallwins keeps a note only with a mark (Stretch on 2026-11-16)",
            "1 numerical habit with an \"at most\" or zero target became a yes/no promise, its amounts in the notes",
            "1 skipped day (smallwins leaves it unmarked)",
        ]
    );

    let data = export(&f);
    let stretch = find(&data, "promises", "text", "Stretch");
    assert_eq!(
        stretch["schedule"],
        serde_json::json!({"kind": "times_per_week", "times": 3})
    );
    assert_eq!(stretch["created_on"], "2026-11-15");
    assert_eq!(check(&data, "Stretch", "2026-11-18")["status"], "missed");
    assert_eq!(check(&data, "Stretch", "2026-11-18")["note"], "back ache");
    assert_eq!(check(&data, "Stretch", "2026-11-21")["status"], "kept");
    let water = find(&data, "promises", "text", "Water");
    assert_eq!(water["unit"], "glasses");
    assert_eq!(water["targets"][0]["amount"], 8.0);
    let short = check(&data, "Water", "2026-11-20");
    assert_eq!(short["status"], "partial", "if it happened, it counts");
    assert_eq!(short["amount"], 6.5);
    assert_eq!(short["note"], "hot day, still short");
    let coffee = check(&data, "Coffee", "2026-11-20");
    assert_eq!(coffee["status"], "missed");
    assert_eq!(coffee["note"], "3 cups · long night");
    assert_eq!(
        find(&data, "promises", "text", "Coffee")["unit"],
        Value::Null
    );
    assert_eq!(
        find(&data, "promises", "text", "Old course")["archived_on"],
        "2026-11-03"
    );
    assert_second_import_changes_nothing(&f, "loop", "loop");
    // The zip Loop writes holds the same export: nothing new either.
    assert_second_import_changes_nothing(&f, "loop", "Loop Habits CSV 2026-11-21.zip");
}

#[test]
fn loops_zip_reads_like_the_folder_it_unzips_to() {
    let (folder, zip) = (Fixture::new(), Fixture::new());
    let a = import(&folder, "loop", "loop");
    let b = import(&zip, "loop", "Loop Habits CSV 2026-11-21.zip");
    assert_eq!(a["changed"], b["changed"]);
    assert_eq!(a["left_out"], b["left_out"]);
    let (mut a, b) = (export(&folder), export(&zip));
    a["exported_at"] = b["exported_at"].clone();
    assert_eq!(a, b);
}

#[test]
fn dijo_habits_and_the_auto_file_beside_them_come_over() {
    let f = Fixture::new();
    let report = import(&f, "dijo", "dijo/habit_record.json");
    assert_eq!(report["changed"]["promises"], 4, "{report}");
    assert_eq!(report["changed"]["checks"], 6, "{report}");
    assert_eq!(
        left_out(&report),
        [
            "1 day still ahead: smallwins records a day once it has come",
            "1 habit without a goal was given a target of 1",
        ]
    );
    let data = export(&f);
    assert_eq!(check(&data, "floss", "2026-11-21")["status"], "kept");
    assert_eq!(check(&data, "pushups", "2026-11-18")["status"], "kept");
    let some = check(&data, "pushups", "2026-11-19");
    assert_eq!(
        (some["status"].as_str(), some["amount"].as_f64()),
        (Some("partial"), Some(10.0))
    );
    let run = check(&data, "km run", "2026-11-20");
    assert_eq!(run["amount"], 4.2);
    assert_eq!(run["status"], "partial");
    assert_eq!(
        find(&data, "promises", "text", "km run")["targets"][0]["amount"],
        5.0
    );
    assert_eq!(
        check(&data, "glasses of water", "2026-11-21")["status"],
        "kept"
    );
    assert_second_import_changes_nothing(&f, "dijo", "dijo/habit_record.json");
}

#[test]
fn harsh_habits_and_log_come_over() {
    let f = Fixture::new();
    let report = import(&f, "harsh", "harsh");
    assert_eq!(report["changed"]["promises"], 6, "{report}");
    assert_eq!(report["changed"]["checks"], 5, "{report}");
    assert_eq!(
        left_out(&report),
        [
            "1 day still ahead: smallwins records a day once it has come",
            "1 habit whose frequency became the nearest number of times a week",
            "1 habit whose frequency harsh itself would refuse",
            "1 line in the habits file harsh would skip (no \": \")",
            "1 log line for a habit that is not in the habits file",
            "1 log line harsh itself would skip (a comment holding \" : \", or not a record)",
            "1 log line without a YYYY-MM-DD date",
            "1 skipped day with a comment (left unmarked; the comment went to that evening's reflection)",
            "1 track-only habit (frequency 0) became a once-a-week promise",
        ]
    );
    let data = export(&f);
    let stretch = find(&data, "promises", "text", "Stretch");
    assert_eq!(stretch["area"], "Mornings");
    assert_eq!(stretch["schedule"]["kind"], "daily");
    assert_eq!(
        find(&data, "promises", "text", "Journal")["schedule"]["times"],
        5
    );
    assert_eq!(
        find(&data, "promises", "text", "Call a friend")["area"],
        "Other"
    );
    // As in harsh, the later line for a day wins.
    let later = check(&data, "Stretch", "2026-11-20");
    assert_eq!(
        (later["status"].as_str(), later["note"].as_str()),
        (Some("kept"), Some("made it after all"))
    );
    assert_eq!(
        check(&data, "Coffee cups", "2026-11-19")["note"],
        "after lunch · amount 3"
    );
    let old = find(&data, "promises", "text", "Old course");
    assert_eq!(
        old["archived_on"], "2026-11-01",
        "retired after its end date"
    );
    assert_second_import_changes_nothing(&f, "harsh", "harsh");
    // The folder, or either file in it.
    assert_second_import_changes_nothing(&f, "harsh", "harsh/log");
}

#[test]
fn jrnl_entries_become_wins_or_reflections_where_long() {
    let f = Fixture::new();
    // An evening already reflected on in smallwins keeps what it holds.
    run_at(&f, NOW, &["reflect", "--date", "2026-11-20", "--mood", "6"]);
    let report = import(&f, "jrnl", "jrnl/export.json");
    assert_eq!(report["changed"]["wins"], 2, "{report}");
    assert_eq!(report["changed"]["reflections"], 2, "{report}");
    assert_eq!(
        left_out(&report),
        [
            "1 day still ahead: smallwins records a day once it has come",
            "1 empty entry",
            "1 star (the starred entries came over; smallwins has no stars)",
        ]
    );
    let data = export(&f);
    let win = find(&data, "wins", "day", "2026-11-18");
    assert_eq!(win["text"], "Easy 5k with @Sam. Legs fine. #run");
    // At the entry's time (the nanoseconds hold the import's fingerprint).
    assert!(
        win["created_at"]
            .as_str()
            .is_some_and(|at| at.starts_with("2026-11-18T07:30:00")),
        "{win}"
    );
    // Written at 01:30 on the 20th: the evening of the 19th.
    let night = find(&data, "reflections", "day", "2026-11-19");
    assert!(
        night["answers"]["jrnl"]
            .as_str()
            .is_some_and(|a| a.starts_with("Could not sleep, so I wrote this down. The week")),
        "{night}"
    );
    let evening = find(&data, "reflections", "day", "2026-11-20");
    assert_eq!(evening["mood"], 6, "what smallwins held stays");
    assert!(
        evening["answers"]["jrnl"]
            .as_str()
            .is_some_and(|a| a.contains("the café on the corner")),
        "{evening}"
    );
    assert_second_import_changes_nothing(&f, "jrnl", "jrnl/export.json");
    let text = run_at(&f, NOW, &["day", "2026-11-20"]);
    assert!(text.contains("Reflection: mood 6/10"), "{text}");
}

#[test]
fn the_report_says_what_came_and_what_did_not_in_words() {
    let f = Fixture::new();
    let path = fixture("harsh");
    let path = path.to_str().expect("utf-8");
    let out = run_at(&f, NOW, &["import", "--from", "harsh", path]);
    let first = out.lines().next().unwrap_or("");
    assert!(
        first.starts_with("Imported from harsh ")
            && first.ends_with(
                ": 12 records added (6 promises, 5 checks, 0 wins, 0 check-ins, 1 reflection)."
            ),
        "{out}"
    );
    assert!(
        out.contains("\nNot brought over as it was:\n  1 day still ahead"),
        "{out}"
    );
    assert!(
        out.contains("\n  1 skipped day with a comment (left unmarked; the comment went to that evening's reflection)\n"),
        "{out}"
    );
    let again = run_at(&f, NOW, &["import", "--from", "harsh", path]);
    assert!(again.starts_with("Nothing new from harsh in "), "{again}");
}

#[test]
fn a_record_that_breaks_the_rules_refuses_the_whole_file() {
    let f = Fixture::new();
    let dir = f.dir.path().join("harsh");
    fs::create_dir(&dir).expect("folder");
    let long = "x".repeat(300);
    fs::write(dir.join("habits"), format!("Stretch: 1\n{long}: 1\n")).expect("habits");
    fs::write(dir.join("log"), "2026-11-20 : Stretch : y :  : \n").expect("log");
    let out = smallwins_at(&f, NOW)
        .args(["import", "--from", "harsh"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("Nothing was imported: promise "),
        "{stderr}"
    );
    assert!(stderr.contains("more than the 200 it can hold"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!f.path.exists(), "nothing was imported, not even a journal");

    // A file of another kind is named as such, in one sentence.
    let jrnl = fixture("jrnl/export.json");
    let out = smallwins_at(&f, NOW)
        .args(["import", "--from", "dijo"])
        .arg(&jrnl)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not dijo's habit record"), "{stderr}");
}
