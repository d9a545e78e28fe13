//! Moving in, and moving in again after fixing something at the source:
//! files made the way jrnl, harsh and dijo make them
//! (`tests/fixtures/*-corrected/`, `jrnl/corrected-*.json`), each imported
//! twice. Every entry arrives (two identical jrnl entries are two wins), a
//! corrected entry updates what its first import wrote and the summary
//! says how many were updated, what the person changed in smallwins since
//! stays, and input that cannot be brought over as it is is named.

mod common;

use std::fs;

use common::{Fixture, export_json, fixture, import_fixture, json_at, left_out, run_at};
use serde_json::Value;

const NOW: &str = "2026-11-21T20:30";

fn import(f: &Fixture, from: &str, file: &str) -> Value {
    import_fixture(f, NOW, from, file)
}

fn export(f: &Fixture) -> Value {
    export_json(f, NOW)
}

fn texts(data: &Value, kind: &str, field: &str) -> Vec<String> {
    let mut all: Vec<String> = data[kind]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| r[field].as_str().unwrap_or("").to_string())
        .collect();
    all.sort();
    all
}

/// The check of the promise called `text` on `day`.
fn check<'a>(data: &'a Value, text: &str, day: &str) -> &'a Value {
    let id = &data["promises"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["text"] == text))
        .unwrap_or_else(|| panic!("no promise {text}"))["id"];
    data["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["promise_id"] == *id && c["day"] == day))
        .unwrap_or_else(|| panic!("no check of {text} on {day}"))
}

#[test]
fn two_identical_jrnl_entries_are_two_wins() {
    let f = Fixture::new();
    let report = import(&f, "jrnl", "jrnl/corrected-before.json");
    assert_eq!(report["added"]["wins"], 4, "{report}");
    let water = texts(&export(&f), "wins", "text")
        .into_iter()
        .filter(|t| t == "Drank a glass of water.")
        .count();
    assert_eq!(water, 2, "the same command run twice is kept twice");
}

#[test]
fn a_corrected_jrnl_entry_updates_its_win() {
    let f = Fixture::new();
    import(&f, "jrnl", "jrnl/corrected-before.json");
    let report = import(&f, "jrnl", "jrnl/corrected-after.json");
    assert_eq!(report["updated"]["wins"], 1, "{report}");
    assert_eq!(report["added"]["wins"], 1, "{report}");
    assert_eq!(report["total"], 2, "{report}");
    let wins = texts(&export(&f), "wins", "text");
    assert_eq!(
        wins,
        [
            "Called mum and dad",
            "Drank a glass of water.",
            "Drank a glass of water.",
            "Easy 5k with @Sam. Legs fine. #run",
            "Made the bed.",
        ]
    );
    // The third time, nothing is new.
    let again = import(&f, "jrnl", "jrnl/corrected-after.json");
    assert_eq!(again["total"], 0, "{again}");
}

#[test]
fn the_summary_says_how_many_were_updated() {
    let f = Fixture::new();
    import(&f, "jrnl", "jrnl/corrected-before.json");
    let path = fixture("jrnl/corrected-after.json");
    let out = run_at(
        &f,
        NOW,
        &["import", "--from", "jrnl", path.to_str().expect("utf-8")],
    );
    let first = out.lines().next().unwrap_or("");
    assert!(
        first.ends_with(
            ": 1 record added (0 promises, 0 checks, 1 win, 0 check-ins, 0 reflections); 1 updated (1 win)."
        ),
        "{out}"
    );
}

#[test]
fn a_win_changed_in_smallwins_stays_when_the_source_changes_too() {
    let f = Fixture::new();
    import(&f, "jrnl", "jrnl/corrected-before.json");
    let data = export(&f);
    let id = data["wins"]
        .as_array()
        .and_then(|w| w.iter().find(|w| w["text"] == "Called mum"))
        .and_then(|w| w["id"].as_str())
        .expect("the win")
        .to_string();
    run_at(&f, NOW, &["win", "edit", &id, "Called mum, she laughed"]);
    let report = import(&f, "jrnl", "jrnl/corrected-after.json");
    assert_eq!(report["updated"]["wins"], 0, "{report}");
    assert_eq!(report["kept"], 1, "{report}");
    let wins = texts(&export(&f), "wins", "text");
    assert!(
        wins.contains(&"Called mum, she laughed".to_string()),
        "{wins:?}"
    );
    assert!(
        !wins.contains(&"Called mum and dad".to_string()),
        "{wins:?}"
    );
}

#[test]
fn a_jrnl_entry_without_a_readable_time_stays_on_its_own_date_and_is_named() {
    let f = Fixture::new();
    let file = f.dir.path().join("times.json");
    let entry = |time: &str, title: &str| {
        serde_json::json!({"title": title, "body": "", "date": "2026-11-19",
            "time": time, "tags": [], "starred": false})
    };
    let data = serde_json::json!({"tags": {}, "entries": [
        entry("25:99", "Late one."), entry("x", "Odd one."), entry("", "No time.")
    ]});
    fs::write(&file, data.to_string()).expect("file");
    let report = json_at(
        &f,
        NOW,
        &["import", "--from", "jrnl", file.to_str().expect("utf-8")],
    );
    assert_eq!(report["added"]["wins"], 3, "{report}");
    assert_eq!(
        left_out(&report),
        [
            "3 entries whose time is not HH:MM came over on their own date, at the hour the day starts"
        ]
    );
    for win in export(&f)["wins"].as_array().expect("wins") {
        assert_eq!(win["day"], "2026-11-19", "{win}");
    }
}

#[test]
fn a_corrected_harsh_note_updates_its_check() {
    let f = Fixture::new();
    let first = import(&f, "harsh", "harsh-corrected/before");
    assert_eq!(first["added"]["checks"], 3, "{first}");
    let report = import(&f, "harsh", "harsh-corrected/after");
    assert_eq!(report["updated"]["checks"], 2, "{report}");
    assert_eq!(report["added"]["checks"], 1, "{report}");
    assert_eq!(report["updated"]["promises"], 0, "{report}");
    let data = export(&f);
    assert_eq!(
        check(&data, "Stretch", "2026-11-19")["note"],
        "ten minutes, felt good"
    );
    let later = check(&data, "Stretch", "2026-11-20");
    assert_eq!(
        (later["status"].as_str(), later["note"].as_str()),
        (Some("kept"), Some("did it after all"))
    );
    let again = import(&f, "harsh", "harsh-corrected/after");
    assert_eq!(again["total"], 0, "{again}");
}

#[test]
fn a_check_marked_in_smallwins_stays_when_the_log_changes() {
    let f = Fixture::new();
    import(&f, "harsh", "harsh-corrected/before");
    run_at(
        &f,
        NOW,
        &[
            "kept",
            "Stretch",
            "--date",
            "2026-11-19",
            "--note",
            "my own words",
        ],
    );
    let report = import(&f, "harsh", "harsh-corrected/after");
    assert_eq!(report["kept"], 1, "{report}");
    assert_eq!(
        check(&export(&f), "Stretch", "2026-11-19")["note"],
        "my own words"
    );
}

#[test]
fn a_harsh_skip_keeps_its_comment_in_that_evenings_reflection() {
    let f = Fixture::new();
    let report = import(&f, "harsh", "harsh-corrected/before");
    assert!(
        left_out(&report).contains(
            &"1 skipped day with a comment (left unmarked; the comment went to that evening's reflection)"
                .to_string()
        ),
        "{report}"
    );
    let data = export(&f);
    let evening = data["reflections"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["day"] == "2026-11-19"))
        .expect("the reflection of the skipped day");
    assert_eq!(evening["answers"]["harsh"], "Journal, skipped: travelling");
}

#[test]
fn a_harsh_folder_without_a_log_says_so() {
    let f = Fixture::new();
    let dir = f.dir.path().join("harsh");
    fs::create_dir(&dir).expect("folder");
    fs::write(dir.join("habits"), "Stretch: 1\n").expect("habits");
    let report = json_at(
        &f,
        NOW,
        &["import", "--from", "harsh", dir.to_str().expect("utf-8")],
    );
    assert_eq!(report["added"]["promises"], 1, "{report}");
    assert_eq!(
        left_out(&report),
        ["1 missing log file: only the habits came over (harsh keeps `log` beside `habits`)"]
    );
}

#[test]
fn a_corrected_dijo_value_updates_its_check() {
    let f = Fixture::new();
    import(&f, "dijo", "dijo-corrected/before/habit_record.json");
    let report = import(&f, "dijo", "dijo-corrected/after/habit_record.json");
    assert_eq!(report["updated"]["checks"], 1, "{report}");
    assert_eq!(report["added"]["checks"], 1, "{report}");
    let data = export(&f);
    assert_eq!(check(&data, "pushups", "2026-11-19")["amount"], 20.0);
    assert_eq!(check(&data, "floss", "2026-11-21")["status"], "kept");
    let again = import(&f, "dijo", "dijo-corrected/after/habit_record.json");
    assert_eq!(again["total"], 0, "{again}");
}
