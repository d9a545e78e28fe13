//! Moving in again over a journal an earlier build imported into. Until
//! import ids were uuid v5 by place in the source, the readers of jrnl,
//! harsh, dijo and Loop gave each record an id hashed (FNV-1a, 128 bits)
//! from what the file said, and their imports carried no fingerprint in
//! their times. Importing the same files again finds those records under
//! their old ids: no second promise beside each old one, no second win, the
//! checks of an old promise updated where the source corrected them, and
//! the summary exactly as after two imports by this build.
//!
//! The journal the earlier build left is made here from this build's
//! import of the same file: each promise and win under the id the earlier
//! build gave it ([`earlier_id`], a copy of its code), each time without
//! the fingerprint (checks and targets already had ids by promise and day
//! then), brought in as a smallwins export.

mod common;

use std::collections::HashMap;
use std::fs;

use common::{Fixture, export_json, fixture, import_fixture, json_at, run_at};
use serde_json::Value;

const NOW: &str = "2026-11-21T20:30";

/// The id the earlier build's readers gave a record: FNV-1a over the
/// format and the parts, each followed by a zero byte, as a UUID v8.
fn earlier_id(format: &str, parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in std::iter::once(format).chain(parts.iter().copied()) {
        for b in part.bytes().chain([0u8]) {
            hash = (hash ^ u128::from(b)).wrapping_mul(PRIME);
        }
    }
    uuid::Builder::from_bytes(hash.to_be_bytes())
        .with_variant(uuid::Variant::RFC4122)
        .with_version(uuid::Version::Custom)
        .into_uuid()
        .to_string()
}

fn import(f: &Fixture, from: &str, file: &str) -> Value {
    import_fixture(f, NOW, from, file)
}

fn export(f: &Fixture) -> Value {
    export_json(f, NOW)
}

/// A time as the earlier build wrote it: whole, without a fingerprint in
/// its nanoseconds.
fn whole(time: &mut Value) {
    if let Some(t) = time.as_str() {
        *time = Value::from(t.split('.').next().unwrap_or(t));
    }
}

fn records(data: &mut Value, kind: &str) -> Vec<Value> {
    data[kind].as_array().cloned().unwrap_or_default()
}

/// A journal holding what the earlier build's import of `from`'s `file`
/// wrote: promises under `earlier_id(from, ["habit", text])`, wins under
/// the id `win_id` gives each, times whole.
fn imported_before(from: &str, file: &str, win_id: impl Fn(&Value) -> String) -> Fixture {
    let scratch = Fixture::new();
    import(&scratch, from, file);
    let mut data = export(&scratch);
    let mut ids = HashMap::new();
    let mut promises = records(&mut data, "promises");
    for p in &mut promises {
        let text = p["text"].as_str().expect("text").to_string();
        let old = earlier_id(from, &["habit", &text]);
        ids.insert(p["id"].clone(), Value::from(old.clone()));
        p["id"] = Value::from(old);
        whole(&mut p["updated_at"]);
    }
    let mut checks = records(&mut data, "checks");
    for c in &mut checks {
        c["promise_id"] = ids[&c["promise_id"]].clone();
        // As the earlier build's reader made it (its import then gave the
        // check the id of its promise and day, as every import does).
        let (promise, day) = (c["promise_id"].as_str(), c["day"].as_str());
        let id = earlier_id("check", &[promise.unwrap_or(""), day.unwrap_or("")]);
        c["id"] = Value::from(id);
        whole(&mut c["updated_at"]);
    }
    let mut wins = records(&mut data, "wins");
    for w in &mut wins {
        whole(&mut w["created_at"]);
        w["id"] = Value::from(win_id(w));
    }
    let mut reflections = records(&mut data, "reflections");
    for r in &mut reflections {
        whole(&mut r["updated_at"]);
    }
    data["promises"] = Value::from(promises);
    data["checks"] = Value::from(checks);
    data["wins"] = Value::from(wins);
    data["reflections"] = Value::from(reflections);
    let f = Fixture::new();
    let path = f.dir.path().join("earlier.json");
    fs::write(&path, data.to_string()).expect("write");
    run_at(&f, NOW, &["import", path.to_str().expect("utf-8")]);
    f
}

/// No wins: harsh, dijo and Loop write none.
fn no_win(_: &Value) -> String {
    unreachable!("this reader writes no wins")
}

/// What an import said, without what it could not bring over (the same
/// either way).
fn counts(report: &Value) -> Value {
    serde_json::json!({
        "added": report["added"],
        "updated": report["updated"],
        "kept": report["kept"],
        "total": report["total"],
    })
}

/// `second` imported over what the earlier build left of `first` says
/// what it says over this build's import of `first`, and leaves as many
/// records of each kind.
fn again_as_after_this_build(
    from: &str,
    first: &str,
    second: &str,
    win_id: impl Fn(&Value) -> String,
) {
    let before = imported_before(from, first, win_id);
    let earlier = ids(&export(&before));
    let over_earlier = import(&before, from, second);
    let now = Fixture::new();
    import(&now, from, first);
    let over_this = import(&now, from, second);
    assert_eq!(counts(&over_earlier), counts(&over_this), "{over_earlier}");
    let (a, b) = (export(&before), export(&now));
    for kind in ["promises", "checks", "wins", "reflections"] {
        assert_eq!(
            records(&mut a.clone(), kind).len(),
            records(&mut b.clone(), kind).len(),
            "{kind} after importing {second} again over the earlier build's journal"
        );
    }
    // Every promise and win is still under the id the earlier build gave it.
    let later = ids(&export(&before));
    assert_eq!(earlier, later);
}

/// The ids of the promises and wins.
fn ids(data: &Value) -> Vec<String> {
    let mut all: Vec<String> = ["promises", "wins"]
        .iter()
        .flat_map(|kind| data[kind].as_array().cloned().unwrap_or_default())
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect();
    all.sort();
    all
}

#[test]
fn the_earlier_build_gave_these_ids() {
    // Worked out apart (FNV-1a 128 in Python, version 8 bits set).
    let id = earlier_id("harsh", &["habit", "Stretch"]);
    assert_eq!(id, "ade7e564-ab7e-854b-b20e-3600b39e35b8");
    assert_eq!(
        uuid::Uuid::parse_str(&id)
            .expect("a uuid")
            .get_version_num(),
        8
    );
    assert_ne!(id, earlier_id("dijo", &["habit", "Stretch"]));
}

#[test]
fn harsh_again_over_the_earlier_builds_import_adds_nothing() {
    again_as_after_this_build("harsh", "harsh", "harsh", no_win);
    let f = imported_before("harsh", "harsh", no_win);
    let report = import(&f, "harsh", "harsh");
    assert_eq!(report["total"], 0, "{report}");
}

#[test]
fn a_harsh_correction_updates_the_earlier_builds_check() {
    again_as_after_this_build(
        "harsh",
        "harsh-corrected/before",
        "harsh-corrected/after",
        no_win,
    );
    let f = imported_before("harsh", "harsh-corrected/before", no_win);
    let report = import(&f, "harsh", "harsh-corrected/after");
    assert_eq!(report["added"]["promises"], 0, "{report}");
    assert!(report["updated"]["checks"].as_u64() >= Some(1), "{report}");
    assert_eq!(report["kept"], 0, "{report}");
    // The corrected note is on the earlier promise's check of that day.
    let data = export(&f);
    let stretch = earlier_id("harsh", &["habit", "Stretch"]);
    let on_19th: Vec<&Value> = data["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|c| c["day"] == "2026-11-19" && c["promise_id"] == stretch.as_str())
        .collect();
    assert_eq!(on_19th.len(), 1, "{data}");
    assert_eq!(on_19th[0]["note"], "ten minutes, felt good");
}

#[test]
fn a_check_changed_in_smallwins_since_the_earlier_build_stays() {
    let f = imported_before("harsh", "harsh-corrected/before", no_win);
    let stretch = earlier_id("harsh", &["habit", "Stretch"]);
    let number = export(&f)["promises"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == stretch.as_str()))
        .map(|p| p["number"].to_string())
        .expect("Stretch");
    run_at(
        &f,
        NOW,
        &[
            "kept",
            &number,
            "--date",
            "2026-11-19",
            "--note",
            "my words",
        ],
    );
    let report = import(&f, "harsh", "harsh-corrected/after");
    assert_eq!(report["kept"], 1, "{report}");
}

#[test]
fn dijo_again_over_the_earlier_builds_import_adds_nothing() {
    again_as_after_this_build("dijo", "dijo", "dijo", no_win);
    let f = imported_before("dijo", "dijo-corrected/before", no_win);
    let report = import(&f, "dijo", "dijo-corrected/after");
    assert_eq!(report["added"]["promises"], 0, "{report}");
    assert_eq!(report["kept"], 0, "{report}");
    again_as_after_this_build(
        "dijo",
        "dijo-corrected/before",
        "dijo-corrected/after",
        no_win,
    );
}

#[test]
fn loop_again_over_the_earlier_builds_import_adds_nothing() {
    again_as_after_this_build("loop", "loop", "loop", no_win);
    again_as_after_this_build("loop", "loop", "Loop Habits CSV 2026-11-21.zip", no_win);
}

/// What the earlier build gave each win of `jrnl/export.json`, by its
/// entry's minute, title and body (one entry a minute in that file).
fn jrnl_win_id(w: &Value) -> String {
    let file: Value =
        serde_json::from_str(&fs::read_to_string(fixture("jrnl/export.json")).expect("read"))
            .expect("json");
    let at = w["created_at"]
        .as_str()
        .expect("created_at")
        .replace('T', " ");
    let entry = file["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| {
            format!(
                "{} {}:00",
                e["date"].as_str().unwrap_or(""),
                e["time"].as_str().unwrap_or("")
            ) == at
        })
        .expect("the win's entry");
    let words = |k: &str| entry[k].as_str().unwrap_or("").to_string();
    earlier_id("jrnl", &["win", &at, &words("title"), &words("body")])
}

#[test]
fn jrnl_again_over_the_earlier_builds_import_adds_nothing() {
    again_as_after_this_build("jrnl", "jrnl/export.json", "jrnl/export.json", jrnl_win_id);
    let f = imported_before("jrnl", "jrnl/export.json", jrnl_win_id);
    let report = import(&f, "jrnl", "jrnl/export.json");
    assert_eq!(report["total"], 0, "{report}");
}

#[test]
fn jrnl_entries_added_in_the_minute_of_an_earlier_builds_win_come_in_beside_it() {
    let f = imported_before("jrnl", "jrnl/export.json", jrnl_win_id);
    let mut file: Value =
        serde_json::from_str(&fs::read_to_string(fixture("jrnl/export.json")).expect("read"))
            .expect("json");
    let entries = file["entries"].as_array_mut().expect("entries");
    let run = entries
        .iter()
        .position(|e| e["time"] == "07:30")
        .expect("the run");
    // The same command run twice, and an entry written before it in the
    // same minute: every later entry of the minute moves a place.
    let again = entries[run].clone();
    entries.insert(run + 1, again);
    let mut before = entries[run].clone();
    before["title"] = Value::from("Stretched.");
    before["body"] = Value::from("");
    entries.insert(run, before);
    let path = f.dir.path().join("jrnl.json");
    fs::write(&path, file.to_string()).expect("write");
    let path = path.to_str().expect("utf-8");
    let report = json_at(&f, NOW, &["import", "--from", "jrnl", path]);
    assert_eq!(report["added"]["wins"], 2, "{report}");
    assert_eq!(report["total"], 2, "{report}");
    let mut wins: Vec<String> = export(&f)["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .map(|w| w["text"].as_str().unwrap_or("").to_string())
        .collect();
    wins.sort();
    assert_eq!(
        wins,
        [
            "Easy 5k with @Sam. Legs fine. #run",
            "Easy 5k with @Sam. Legs fine. #run",
            "Intervals #run",
            "Stretched.",
        ]
    );
    // And again, nothing is new.
    let report = json_at(&f, NOW, &["import", "--from", "jrnl", path]);
    assert_eq!(report["total"], 0, "{report}");
}
