//! The real `smallwins` binary, driven the way people and scripts use it.
//!
//! Every test has its own journal in a temporary folder, a config path that
//! does not exist (so the defaults apply and no real config is read), and
//! the clock fixed at Saturday 2026-11-21 08:30.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-11-21T08:30";

struct Journal {
    dir: TempDir,
    db: PathBuf,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Journal { dir, db }
    }

    /// A journal file that is set up but holds nothing yet (as the
    /// full-screen journal leaves it on first use).
    fn empty() -> Journal {
        let j = Journal::new();
        drop(smallwins::store::Store::open(&j.db).expect("a new journal"));
        j
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with this journal, no config file and the fixed clock.
    fn cmd_at(&self, now: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
        cmd.env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.path("no-config.toml"));
        cmd
    }

    fn cmd(&self) -> Command {
        self.cmd_at(NOW)
    }

    /// Runs a command that must succeed with nothing on stderr; returns stdout.
    fn run_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.cmd_at(now).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn run(&self, args: &[&str]) -> String {
        self.run_at(NOW, args)
    }

    /// Runs a command with `--json` and parses what it prints.
    fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let out = self.run(&with_json);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
    }

    /// Everything in the journal, as the JSON export without `exported_at`;
    /// null while there is no journal file.
    fn data(&self) -> Value {
        if !self.db.exists() {
            return Value::Null;
        }
        let out = self.run(&["export"]);
        let mut value: Value = serde_json::from_str(&out).expect("export is JSON");
        value
            .as_object_mut()
            .expect("export is an object")
            .remove("exported_at")
            .expect("export has exported_at");
        value
    }

    /// Runs a command that must be refused as bad input: exit 2, one
    /// sentence on stderr, nothing on stdout, and the journal unchanged.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.data();
        let out = self.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert_one_sentence(&stderr);
        assert_eq!(self.data(), before, "{args:?} changed the journal");
        stderr
    }
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
        "Backtrace",
    ] {
        assert!(!line.contains(technical), "technical words in {line:?}");
    }
}

/// Three promises made on Monday 9 November, and two weeks of history.
///
/// Week of 16 Nov (today is Saturday 21st): Stretch kept 5 of 6 days
/// (missed Thursday), Read kept 2 of 3 and partly kept 1 (Saturday, today,
/// is not marked yet, so it doesn't ask yet), Walk kept 1 of 3.
fn seeded() -> Journal {
    let j = Journal::new();
    let monday = "2026-11-09T08:00";
    j.run_at(
        monday,
        &[
            "promise",
            "add",
            "Stretch for ten seconds",
            "--cue",
            "after my coffee",
            "--smaller",
            "touch my toes once",
        ],
    );
    j.run_at(
        monday,
        &[
            "promise",
            "add",
            "Read",
            "--target",
            "10",
            "--unit",
            "pages",
            "--days",
            "mon,wed,fri,sat",
        ],
    );
    j.run_at(
        monday,
        &[
            "promise",
            "add",
            "Walk outside",
            "--times-per-week",
            "3",
            "--area",
            "health",
        ],
    );
    j.run(&["kept", "1", "--date", "2026-11-10"]);
    for day in [
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-20",
        "today",
    ] {
        j.run(&["kept", "stretch", "--date", day]);
    }
    j.run(&["missed", "1", "--date", "2026-11-19", "--note", "overslept"]);
    j.run(&["kept", "read", "--date", "2026-11-16"]);
    j.run(&[
        "partial",
        "read",
        "--amount",
        "4",
        "--date",
        "2026-11-18",
        "--note",
        "tired, but \"some\"",
    ]);
    j.run(&["kept", "read", "--amount", "12", "--date", "-1"]);
    j.run(&["kept", "walk", "--date", "2026-11-17"]);
    j.run(&[
        "missed",
        "walk",
        "--date",
        "2026-11-19",
        "--note",
        "rain",
        "--lesson",
        "umbrella by the door",
    ]);
    j.run(&["win", "called", "mum", "--date", "2026-11-18"]);
    j.run(&["win", "sent the email I was avoiding", "--area", "work"]);
    j.run(&[
        "checkin",
        "--intention",
        "Make it a calm day",
        "--confidence",
        "7",
    ]);
    j.run(&[
        "reflect",
        "--mood",
        "6",
        "--confidence",
        "8",
        "--answer",
        "helped=a friend texted",
        "--answer",
        "adjust=earlier bedtime\nand no phone",
    ]);
    j
}

// ----- promises ----------------------------------------------------------

#[test]
fn promise_add_prints_its_number_and_details() {
    let j = Journal::new();
    let out = j.run(&[
        "promise",
        "add",
        "Stretch",
        "for",
        "ten",
        "seconds",
        "--cue",
        "after my coffee",
    ]);
    assert_eq!(
        out,
        "Added promise 1: Stretch for ten seconds (every day · after my coffee).\n\
         Mark it with `smallwins kept 1`.\n"
    );
    let p = j.json(&[
        "promise",
        "add",
        "Read",
        "--target",
        "10",
        "--unit",
        "pages",
        "--days",
        "mon,wed,fri",
        "--area",
        "mind",
        "--smaller",
        "one line",
    ]);
    assert_eq!(p["number"], 2);
    assert_eq!(p["text"], "Read");
    assert_eq!(p["area"], "mind");
    assert_eq!(p["smaller"], "one line");
    assert_eq!(p["unit"], "pages");
    assert_eq!(p["schedule"]["kind"], "weekdays");
    assert_eq!(p["schedule"]["days"], serde_json::json!([0, 2, 4]));
    assert_eq!(p["targets"][0]["amount"], 10.0);
    assert_eq!(p["targets"][0]["from"], "2026-11-21");
    assert_eq!(p["created_on"], "2026-11-21");
    assert!(p["id"].as_str().is_some_and(|id| id.len() == 36));
}

#[test]
fn promise_list_shows_number_schedule_cue_and_target() {
    let j = seeded();
    let out = j.run(&["promise", "list"]);
    assert_eq!(
        out,
        "1  Stretch for ten seconds (every day · after my coffee · smaller: touch my toes once)\n\
         2  Read (mon,wed,fri,sat · 10 pages)\n\
         3  Walk outside (3× a week · area: health)\n"
    );
    let list = j.json(&["promise", "list"]);
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 3);
    let numbers: Vec<&Value> = list.iter().map(|p| &p["number"]).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(
        list[2]["schedule"],
        serde_json::json!({"kind": "times_per_week", "times": 3})
    );
    assert_eq!(list[0]["cue"], "after my coffee");
}

#[test]
fn an_empty_list_suggests_a_tiny_first_promise() {
    let j = Journal::empty();
    let out = j.run(&["promise", "list"]);
    assert!(out.starts_with("No promises yet"), "{out}");
    assert!(out.contains("smallwins promise add"), "{out}");
    assert_eq!(j.json(&["promise", "list"]), serde_json::json!([]));
}

#[test]
fn archive_hides_a_promise_until_all_and_unarchive_brings_it_back() {
    let j = seeded();
    let out = j.run(&["promise", "archive", "read"]);
    assert_eq!(
        out,
        "Archived: Read. Its history stays; bring it back with `smallwins promise unarchive 2`.\n"
    );
    // Numbers never change: Read stays 2, archived or not.
    assert_eq!(
        j.run(&["promise", "archive", "2"]),
        "Read was already archived.\n"
    );
    let active = j.run(&["promise", "list"]);
    assert!(!active.contains("Read"), "{active}");
    assert!(active.contains("3  Walk outside"), "{active}");
    let all = j.run(&["promise", "list", "--all"]);
    assert!(
        all.contains("2  Read (archived) (mon,wed,fri,sat · 10 pages)"),
        "{all}"
    );
    let list = j.json(&["promise", "list", "--all"]);
    assert_eq!(list[2]["archived_on"], "2026-11-21");
    assert_eq!(list[2]["number"], 2);

    // History stays: last week still counts Read.
    assert!(j.run(&["day", "2026-11-16"]).contains("Read"));

    let p = j.json(&["promise", "unarchive", "read"]);
    assert_eq!(p["archived_on"], Value::Null);
    assert_eq!(p["number"], 2);
    assert!(j.run(&["promise", "list"]).contains("2  Read"));
}

#[test]
fn promise_edit_changes_only_what_is_given() {
    let j = seeded();
    let out = j.run(&[
        "promise",
        "edit",
        "2",
        "--target",
        "5",
        "--cue",
        "before bed",
    ]);
    assert_eq!(
        out,
        "Updated promise 2: Read (mon,wed,fri,sat · before bed · 5 pages).\n\
         In force from Sat 21 Nov; the days before keep what was promised then.\n"
    );
    let p = j.json(&["promise", "edit", "walk", "--daily", "--area", ""]);
    assert_eq!(p["schedule"]["kind"], "daily");
    assert_eq!(p["area"], Value::Null);
    assert_eq!(p["text"], "Walk outside");

    // The target history keeps the old target for earlier days.
    let read = &j.json(&["promise", "list"])[1];
    let amounts: Vec<(&Value, &Value)> = read["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| (&t["from"], &t["amount"]))
        .collect();
    assert_eq!(amounts.len(), 2, "{read}");
    assert_eq!(amounts[0].1, 10.0);
    assert_eq!(amounts[1].1, 5.0);
    let friday = j.run(&["day", "-1"]);
    assert!(
        // The cue is new from today: Friday reads as it was promised then.
        friday.contains("  2 ✓ Read (12 pages · mon,wed,fri,sat)\n"),
        "{friday}"
    );

    let same = j.run(&["promise", "edit", "2", "--cue", "before bed"]);
    assert!(same.contains("nothing changed"), "{same}");
}

// ----- marking ---------------------------------------------------------------

#[test]
fn kept_prints_a_calm_line_for_the_day() {
    let j = Journal::new();
    j.run(&["promise", "add", "Stretch for ten seconds"]);
    assert_eq!(
        j.run(&["kept", "1"]),
        "Kept: Stretch for ten seconds (Sat 21 Nov).\n"
    );
    // It happened, so it counts: a day before the promise was added moves
    // its start back.
    assert_eq!(
        j.run(&["kept", "stretch", "--date", "-3"]),
        "Kept: Stretch for ten seconds (Wed 18 Nov).\n\
         It happened, so it counts: “Stretch for ten seconds” now starts on Wed 18 Nov.\n"
    );
    assert_eq!(
        j.run(&["kept", "STRETCH FOR", "--date", "2025-12-31"]),
        "Kept: Stretch for ten seconds (Wed 31 Dec 2025).\n\
         It happened, so it counts: “Stretch for ten seconds” now starts on Wed 31 Dec 2025.\n"
    );
    let days: Vec<Value> = j.data()["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["day"].clone())
        .collect();
    assert_eq!(days, ["2025-12-31", "2026-11-18", "2026-11-21"]);
}

#[test]
fn kept_on_a_measure_without_amount_records_the_target() {
    let j = Journal::new();
    j.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    let out = j.json(&["kept", "read", "--note", "a good chapter"]);
    assert_eq!(out["check"]["status"], "kept");
    assert_eq!(out["check"]["amount"], 10.0);
    assert_eq!(out["check"]["note"], "a good chapter");
    assert_eq!(out["check"]["day"], "2026-11-21");
    assert_eq!(out["promise"]["number"], 1);
    assert_eq!(out["promise"]["text"], "Read");
    assert_eq!(
        j.run(&["kept", "read", "--date", "yesterday"]),
        "Kept: Read — 10 pages (Fri 20 Nov).\n\
         It happened, so it counts: “Read” now starts on Fri 20 Nov.\n"
    );
}

#[test]
fn partial_records_the_amount_and_says_it_counts() {
    let j = Journal::new();
    j.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    let out = j.run(&["partial", "1", "--amount", "4", "--date", "-1"]);
    assert_eq!(
        out,
        "Partly kept: Read — 4 of 10 pages (Fri 20 Nov); it counts as showing up.\n\
         It happened, so it counts: “Read” now starts on Fri 20 Nov.\n"
    );
    let check = &j.data()["checks"][0];
    assert_eq!(check["status"], "partial");
    assert_eq!(check["amount"], 4.0);
    assert_eq!(check["day"], "2026-11-20");
}

#[test]
fn missed_records_note_and_lesson_and_points_to_the_smaller_version() {
    let j = Journal::new();
    j.run(&[
        "promise",
        "add",
        "Stretch for ten seconds",
        "--smaller",
        "touch my toes once",
    ]);
    j.run(&["promise", "add", "Walk"]);
    let out = j.run(&[
        "missed",
        "1",
        "--note",
        "overslept",
        "--lesson",
        "alarm by the bed",
    ]);
    assert_eq!(
        out,
        "Noted as missed: Stretch for ten seconds (Sat 21 Nov).\n\
         Smaller version for next time: touch my toes once (`smallwins kept 1 --smaller`).\n"
    );
    // Without a smaller version there is nothing more to say.
    assert_eq!(
        j.run(&["missed", "walk"]),
        "Noted as missed: Walk (Sat 21 Nov).\n"
    );
    for word in ["fail", "streak", "broke", "should have"] {
        assert!(!out.to_lowercase().contains(word), "{out}");
    }
    let check = &j.json(&["missed", "1", "--date", "-1"])["check"];
    assert_eq!(check["status"], "missed");
    assert_eq!(check["day"], "2026-11-20");
    let today = &j.data()["checks"];
    let first = today
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["day"] == "2026-11-21" && c["note"] == "overslept")
        .expect("the first miss");
    assert_eq!(first["lesson"], "alarm by the bed");
}

#[test]
fn unmark_clears_a_mark_and_says_when_there_was_none() {
    let j = seeded();
    assert_eq!(
        j.run(&["unmark", "1"]),
        "Cleared the mark: Stretch for ten seconds is not yet marked for Sat 21 Nov.\n"
    );
    assert_eq!(
        j.run(&["unmark", "1"]),
        "Stretch for ten seconds had no mark for Sat 21 Nov, so nothing changed.\n"
    );
    let out = j.json(&["unmark", "read", "--date", "-1"]);
    assert_eq!(out["cleared"], true);
    assert_eq!(out["day"], "2026-11-20");
    assert_eq!(out["promise"]["number"], 2);
    assert_eq!(
        j.json(&["unmark", "read", "--date", "-1"])["cleared"],
        false
    );
    let data = j.data();
    let checks = data["checks"].as_array().expect("checks");
    assert!(!checks.iter().any(|c| c["day"] == "2026-11-21"));
    let friday: Vec<&Value> = checks.iter().filter(|c| c["day"] == "2026-11-20").collect();
    assert_eq!(friday.len(), 1, "only Stretch is left on Friday");
}

// ----- wins, check-ins, reflections -------------------------------------------

#[test]
fn win_is_noted_with_its_area_and_the_day_count() {
    let j = Journal::new();
    assert_eq!(
        j.run(&[
            "win", "sent", "the", "email", "I", "was", "avoiding", "--area", "work"
        ]),
        "Win noted for Sat 21 Nov: sent the email I was avoiding (work).\n"
    );
    assert_eq!(
        j.run(&["win", "called mum"]),
        "Win noted for Sat 21 Nov: called mum.\nThat makes 2 wins on Sat 21 Nov.\n"
    );
    let win = j.json(&["win", "went outside", "--date", "yesterday"]);
    assert_eq!(win["text"], "went outside");
    assert_eq!(win["day"], "2026-11-20");
    assert_eq!(win["area"], Value::Null);
    assert_eq!(j.data()["wins"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_win_after_midnight_belongs_to_the_evening_before() {
    let j = Journal::new();
    let out = j.run_at("2026-11-22T01:30", &["win", "finished the chapter"]);
    assert_eq!(out, "Win noted for Sat 21 Nov: finished the chapter.\n");
}

#[test]
fn checkin_saves_intention_and_confidence() {
    let j = Journal::new();
    assert_eq!(
        j.run(&[
            "checkin",
            "--intention",
            "Make it a calm day",
            "--confidence",
            "7"
        ]),
        "Check-in saved for Sat 21 Nov: “Make it a calm day”, morning confidence 7/10.\n"
    );
    // Giving only one keeps the other.
    let c = j.json(&["checkin", "--confidence", "0"]);
    assert_eq!(c["intention"], "Make it a calm day");
    assert_eq!(c["confidence"], 0);
    assert_eq!(c["day"], "2026-11-21");
    assert_eq!(j.data()["checkins"].as_array().map(Vec::len), Some(1));
}

#[test]
fn reflect_saves_answers_and_ratings_and_shows_the_kept_line() {
    let j = Journal::new();
    j.run(&["promise", "add", "Stretch for ten seconds"]);
    j.run(&["promise", "add", "Read one page"]);
    j.run(&["kept", "1"]);
    j.run(&["kept", "2"]);
    let out = j.run(&[
        "reflect",
        "--mood",
        "6",
        "--confidence",
        "10",
        "--answer",
        "helped=a friend texted",
        "--answer",
        "in_the_way=",
    ]);
    assert_eq!(
        out,
        "Reflection saved for Sat 21 Nov: mood 6/10, evening confidence 10/10, 1 answer.\n\
         I said I'd stretch for ten seconds and read one page — and I did.\n"
    );
    let r = j.json(&[
        "reflect",
        "--answer",
        "adjust=go to bed at ten",
        "--date",
        "today",
    ]);
    assert_eq!(r["mood"], 6);
    assert_eq!(r["confidence"], 10);
    assert_eq!(
        r["answers"],
        serde_json::json!({"adjust": "go to bed at ten", "helped": "a friend texted"})
    );
}

// ----- reading days -------------------------------------------------------------

#[test]
fn today_shows_promises_with_marks_wins_checkin_reflection_and_kept_line() {
    let j = seeded();
    j.run(&["missed", "walk", "--note", "rain again"]);
    let out = j.run(&["today"]);
    let id = j.json(&["today"])["wins"][0]["short_id"]
        .as_str()
        .map(String::from)
        .expect("each win has its short id");
    let expected = format!(
        "\
Saturday 21 November 2026

Promises
  1 ✓ Stretch for ten seconds (after my coffee)
  2 · Read (10 pages · mon,wed,fri,sat)
  3 ○ Walk outside (1 of 3 this week)
      note: rain again
  (✓ kept  ○ noted as missed  · not recorded)

Wins
  {id}  sent the email I was avoiding (work)

Check-in: “Make it a calm day”, morning confidence 7/10
Reflection: mood 6/10, evening confidence 8/10
  What made keeping a promise easier today? a friend texted
  What would you adjust for tomorrow, even slightly? earlier bedtime
    and no phone

I said I'd stretch for ten seconds — and I did.
"
    );
    assert_eq!(out, expected);
}

#[test]
fn today_json_has_a_stable_shape() {
    let j = seeded();
    let day = j.json(&["today"]);
    assert_eq!(day["day"], "2026-11-21");
    let promises = day["promises"].as_array().expect("promises");
    assert_eq!(promises.len(), 3);
    assert_eq!(promises[0]["promise"]["number"], 1);
    assert_eq!(promises[0]["promise"]["text"], "Stretch for ten seconds");
    assert_eq!(promises[0]["status"], "kept");
    assert_eq!(promises[0]["due"], "yes");
    assert_eq!(promises[0]["check"]["status"], "kept");
    assert_eq!(promises[1]["status"], Value::Null);
    assert_eq!(promises[1]["target"], 10.0);
    assert_eq!(promises[1]["check"], Value::Null);
    assert_eq!(promises[2]["due"], "flexible");
    assert_eq!(day["wins"][0]["text"], "sent the email I was avoiding");
    assert_eq!(day["checkin"]["confidence"], 7);
    assert_eq!(day["reflection"]["mood"], 6);
    assert_eq!(
        day["kept_line"],
        "I said I'd stretch for ten seconds — and I did."
    );
    assert_eq!(day["previous_adjust"], Value::Null);
}

#[test]
fn day_shows_any_past_day_in_every_form() {
    let j = seeded();
    let thursday = j.run(&["day", "2026-11-19"]);
    assert!(
        thursday.starts_with("Thursday 19 November 2026\n"),
        "{thursday}"
    );
    assert!(
        thursday
            .contains("  1 ○ Stretch for ten seconds (after my coffee)\n      note: overslept\n"),
        "{thursday}"
    );
    // Read is not asked on Thursdays.
    assert!(
        thursday.contains("  2 – Read (10 pages · mon,wed,fri,sat · rest day)\n"),
        "{thursday}"
    );
    assert!(
        thursday.contains("lesson: umbrella by the door"),
        "{thursday}"
    );
    assert!(thursday.contains("Wins: none noted."), "{thursday}");
    assert!(!thursday.contains("I said I'd"), "{thursday}");
    assert_eq!(j.run(&["day", "-2"]), thursday);

    let wednesday = j.run(&["day", "-3"]);
    assert!(
        wednesday.contains(
            "  2 ◐ Read (4 of 10 pages · mon,wed,fri,sat)\n      note: tired, but \"some\"\n"
        ),
        "{wednesday}"
    );
    assert!(wednesday.contains("  called mum\n"), "{wednesday}");

    let friday = j.json(&["day", "yesterday"]);
    assert_eq!(friday["day"], "2026-11-20");
    assert_eq!(friday["promises"][1]["check"]["amount"], 12.0);
    assert_eq!(
        friday["kept_line"],
        "I said I'd stretch for ten seconds and read — and I did."
    );
}

#[test]
fn the_morning_shows_what_the_day_before_would_adjust() {
    let j = seeded();
    let sunday = "2026-11-22T07:00";
    let out = j.run_at(sunday, &["today"]);
    assert!(
        out.starts_with(
            "Sunday 22 November 2026\nFrom the day before: “earlier bedtime\n  and no phone”\n"
        ),
        "{out}"
    );
}

// ----- bad input ------------------------------------------------------------------

#[test]
fn bad_input_is_one_sentence_exit_2_and_changes_nothing() {
    let j = seeded();
    j.run(&["promise", "add", "Read the news"]);
    let cases: &[(&[&str], &str)] = &[
        (&["kept", "juggle"], "No promise starts with \"juggle\""),
        (&["kept", "9"], "no promise number 9"),
        (&["kept", "rea"], "matches more than one promise"),
        (&["kept", ""], "No promise was named"),
        (&["kept", "1", "--date", "2026-02-30"], "YYYY-MM-DD"),
        (&["kept", "1", "--date", "tomorrow"], "YYYY-MM-DD"),
        (&["missed", "1", "--date", "2026-11-22"], "still ahead"),
        (&["day", "21.11.2026"], "YYYY-MM-DD"),
        (&["kept", "1", "--amount", "lots"], "not a number"),
        (&["kept", "read", "--amount", "-3"], "zero or more"),
        (&["checkin", "--confidence", "11"], "outside 0–10"),
        (&["checkin", "--confidence", "high"], "from 0 to 10"),
        (&["checkin"], "intention or a confidence"),
        (&["reflect", "--mood", "-1"], "from 0 to 10"),
        (&["reflect", "--confidence", "300"], "from 0 to 10"),
        (&["reflect", "--mood", "12"], "outside 0–10"),
        (&["reflect", "--answer", "a friend texted"], "KEY=TEXT"),
        (&["reflect", "--answer", "=a friend texted"], "prompt key"),
        (&["reflect"], "a mood, a confidence or an answer"),
        (&["win", "   "], "The win is empty"),
        (&["promise", "add", ""], "The promise is empty"),
        (&["promise", "add", "x", "--target", "5"], "needs a unit"),
        (
            &["promise", "add", "x", "--unit", "pages"],
            "needs a target",
        ),
        (&["promise", "add", "x", "--times-per-week", "9"], "1–7"),
        (
            &["promise", "add", "x", "--times-per-week", "often"],
            "from 1 to 7",
        ),
        (
            &["promise", "add", "x", "--days", "mon,funday"],
            "not a weekday",
        ),
        (&["promise", "edit", "1"], "Nothing to change"),
        (
            &["promise", "edit", "1", "--text", ""],
            "The promise is empty",
        ),
        (&["kept", "1", "--date", "-x"], "YYYY-MM-DD"),
        (&["export", "--from", "today", "--to", "-7"], "comes after"),
        (&["show", "today", "--width", "0"], "from 1 to 1000"),
        (&["show", "calendar", "--date", "someday"], "YYYY-MM-DD"),
    ];
    for (args, expected) in cases {
        let stderr = j.refused(args);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn a_mistyped_command_on_a_new_path_leaves_no_journal_behind() {
    let j = Journal::new();
    let nested = j.path("new/folder/journal.db");
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .arg("--db")
        .arg(&nested)
        .arg("--config")
        .arg(j.path("no-config.toml"))
        .args(["kept", "stretch"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_one_sentence(&String::from_utf8_lossy(&out.stderr));
    assert!(!nested.exists());
    assert!(!j.path("new").exists());
}

#[test]
fn a_bad_clock_or_config_is_refused_in_one_sentence() {
    let j = Journal::new();
    let out = j.cmd_at("tuesday-ish").arg("today").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_sentence(&stderr);
    assert!(stderr.contains("SMALLWINS_NOW"), "{stderr}");

    let config = j.path("config.toml");
    fs::write(
        &config,
        "day_starts_at = \"04:00\"\nevening_from = \"7pm\"\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .arg("--db")
        .arg(&j.db)
        .arg("--config")
        .arg(&config)
        .arg("today")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_sentence(&stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(!j.db.exists());
}

#[test]
fn a_config_file_changes_the_day_boundary() {
    let j = Journal::new();
    let config = j.path("config.toml");
    fs::write(&config, "day_starts_at = \"06:00\"\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", "2026-11-21T05:30")
        .arg("--db")
        .arg(&j.db)
        .arg("--config")
        .arg(&config)
        .args(["win", "up early"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Win noted for Fri 20 Nov: up early.\n"
    );
}

#[test]
fn json_without_a_command_is_refused_instead_of_opening_the_window() {
    let j = Journal::new();
    let out = j.cmd().arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_one_sentence(&String::from_utf8_lossy(&out.stderr));
    let out = j.cmd().args(["--demo", "today"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_one_sentence(&String::from_utf8_lossy(&out.stderr));
}

// ----- journal file problems -----------------------------------------------------

#[test]
fn a_garbage_file_is_refused_with_exit_1_and_left_untouched() {
    let j = Journal::new();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    fs::write(&j.db, &garbage).expect("write");
    for args in [
        &["today"][..],
        &["win", "a win"],
        &["promise", "add", "Stretch"],
        &["export"],
        &["import", "whatever.json"],
    ] {
        let out = j.cmd().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_one_sentence(&stderr);
        assert!(stderr.contains("is not a smallwins journal"), "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(fs::read(&j.db).expect("read"), garbage);
    }
    let names: Vec<_> = fs::read_dir(j.dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 1, "no -wal or -shm files beside it");
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_untouched() {
    let j = Journal::new();
    {
        let conn = rusqlite::Connection::open(&j.db).expect("sqlite");
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
            .expect("create");
    }
    let before = fs::read(&j.db).expect("read");
    let out = j
        .cmd()
        .args(["promise", "add", "Stretch"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_sentence(&stderr);
    assert!(stderr.contains("is not a smallwins journal"), "{stderr}");
    assert_eq!(fs::read(&j.db).expect("read"), before);
}

#[test]
fn smallwins_db_names_the_journal_when_db_is_not_given() {
    let j = Journal::new();
    let from_env = j.path("from-env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .env("SMALLWINS_DB", &from_env)
        .arg("--config")
        .arg(j.path("no-config.toml"))
        .args(["win", "used the env"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(from_env.exists());
    assert!(!j.db.exists());

    // --db wins over the environment.
    let out = j
        .cmd()
        .env("SMALLWINS_DB", &from_env)
        .args(["win", "used the flag"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(j.db.exists());
    assert_eq!(j.data()["wins"][0]["text"], "used the flag");
}

#[test]
fn a_folder_given_as_db_is_refused_in_plain_words() {
    let j = Journal::new();
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .arg("--db")
        .arg(j.dir.path())
        .arg("--config")
        .arg(j.path("no-config.toml"))
        .arg("today")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_sentence(&stderr);
    assert!(stderr.contains("is a folder"), "{stderr}");
}

// ----- export, import, backup ----------------------------------------------------

#[test]
fn export_then_import_into_an_empty_journal_gives_the_same_data() {
    let j = seeded();
    let data = j.data();
    // Every kind of record is there (an open-ended export once had no days).
    for (kind, n) in [
        ("promises", 3),
        ("checks", 12),
        ("wins", 2),
        ("checkins", 1),
        ("reflections", 1),
    ] {
        assert_eq!(data[kind].as_array().map(Vec::len), Some(n), "{kind}");
    }
    assert_eq!(data["format"], "smallwins-export");
    assert_eq!(data["from"], Value::Null);
    assert_eq!(data["to"], Value::Null);

    let file = j.path("export.json");
    let out = j.run(&["export", "--out", file.to_str().expect("utf-8")]);
    assert_eq!(
        out,
        format!(
            "Exported 3 promises, 12 checks, 2 wins, 1 check-in, 1 reflection as json to {}.\n",
            file.display()
        )
    );
    let other = Journal::new();
    let out = other.run(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(
        out,
        format!(
            "Imported {}: 19 records added (3 promises, 12 checks, 2 wins, 1 check-in, 1 reflection).\n",
            file.display()
        )
    );
    assert_eq!(other.data(), data);
    assert_eq!(other.run(&["today"]), j.run(&["today"]));
}

#[test]
fn importing_twice_changes_nothing() {
    let j = seeded();
    let file = j.path("export.json");
    fs::write(&file, j.run(&["export"])).expect("write");
    let other = Journal::new();
    let first = other.json(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(first["total"], 19);
    assert_eq!(first["changed"]["checks"], 12);
    let after_first = other.data();
    let second = other.run(&["import", file.to_str().expect("utf-8")]);
    assert!(second.contains("0 records added or updated"), "{second}");
    let third = other.json(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(third["total"], 0);
    assert_eq!(
        third["changed"],
        serde_json::json!({"promises": 0, "checks": 0, "wins": 0, "checkins": 0, "reflections": 0, "reviews": 0})
    );
    assert_eq!(other.data(), after_first);
    // Importing a journal's own export into itself changes nothing either.
    assert_eq!(
        j.json(&["import", file.to_str().expect("utf-8")])["total"],
        0
    );
}

#[test]
fn a_file_that_is_not_an_export_is_refused() {
    let j = seeded();
    let cases = [
        (
            "notes.txt",
            "just some notes\n",
            "is not a smallwins export",
        ),
        (
            "jrnl.json",
            "{\"tags\": {}, \"entries\": []}",
            "is not a smallwins export",
        ),
        ("empty.json", "", "is not a smallwins export"),
        (
            "broken.json",
            "{\"format\": \"smallwins-export\", \"version\": 1, \"promises\": 3}",
            "is not a smallwins export",
        ),
    ];
    for (name, body, expected) in cases {
        let path = j.path(name);
        fs::write(&path, body).expect("write");
        let stderr = j.refused(&["import", path.to_str().expect("utf-8")]);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    let stderr = j.refused(&["import", j.path("missing.json").to_str().expect("utf-8")]);
    assert!(stderr.contains("could not be read"), "{stderr}");
}

#[test]
fn export_out_writes_a_private_new_file_and_never_overwrites() {
    let j = seeded();
    let file = j.path("week.md");
    let out = j.json(&[
        "export",
        "--format",
        "markdown",
        "--out",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(out["format"], "markdown");
    assert_eq!(out["records"]["checks"], 12);
    assert!(
        fs::read_to_string(&file)
            .expect("read")
            .starts_with("# Small wins")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    fs::write(&file, "mine").expect("write");
    let stderr = j.refused(&["export", "--out", file.to_str().expect("utf-8")]);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).expect("read"), "mine");
}

#[test]
fn export_limits_day_records_to_the_range() {
    let j = seeded();
    let out = j.run(&["export", "--from", "2026-11-18", "--to", "-2"]);
    let data: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(data["from"], "2026-11-18");
    assert_eq!(data["to"], "2026-11-19");
    assert_eq!(data["promises"].as_array().map(Vec::len), Some(3));
    let days: Vec<&str> = data["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter_map(|c| c["day"].as_str())
        .collect();
    assert_eq!(days.len(), 4, "{days:?}");
    assert!(
        days.iter()
            .all(|d| *d == "2026-11-18" || *d == "2026-11-19")
    );
    assert_eq!(data["wins"][0]["text"], "called mum");
    assert_eq!(data["checkins"], serde_json::json!([]));
}

#[test]
fn csv_export_is_one_flat_table_with_proper_quoting() {
    let j = seeded();
    let out = j.run(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "type",
            "day",
            "promise",
            "status",
            "amount",
            "unit",
            "text",
            "area",
            "note",
            "lesson",
            "mood",
            "confidence"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let kinds = |kind: &str| rows.iter().filter(|r| &r[0] == kind).count();
    assert_eq!(kinds("check"), 12);
    assert_eq!(kinds("win"), 2);
    assert_eq!(kinds("checkin"), 1);
    assert_eq!(kinds("reflection"), 1);
    assert_eq!(rows.len(), 16);
    let partial = rows
        .iter()
        .find(|r| &r[3] == "partial")
        .expect("the partial day");
    assert_eq!(&partial[1], "2026-11-18");
    assert_eq!(&partial[2], "Read");
    assert_eq!(&partial[4], "4");
    assert_eq!(&partial[5], "pages");
    assert_eq!(&partial[8], "tired, but \"some\"");
    let miss = rows
        .iter()
        .find(|r| &r[9] == "umbrella by the door")
        .expect("the lesson");
    assert_eq!(&miss[2], "Walk outside");
    assert_eq!(&miss[7], "health");
    let reflection = rows
        .iter()
        .find(|r| &r[0] == "reflection")
        .expect("reflection");
    assert_eq!(
        &reflection[6],
        "adjust: earlier bedtime\nand no phone\nhelped: a friend texted"
    );
    assert_eq!(&reflection[10], "6");
    assert_eq!(&reflection[11], "8");
    let checkin = rows.iter().find(|r| &r[0] == "checkin").expect("checkin");
    assert_eq!(&checkin[6], "Make it a calm day");
    assert_eq!(&checkin[11], "7");
    // Rows follow the days.
    let days: Vec<&str> = rows.iter().map(|r| r.get(1).expect("day")).collect();
    let mut sorted = days.clone();
    sorted.sort_unstable();
    assert_eq!(days, sorted);
    // Quoting is real CSV quoting, not hand-made.
    assert!(out.contains("\"tired, but \"\"some\"\"\""), "{out}");
}

#[test]
fn markdown_export_is_a_weekly_summary_to_share() {
    let j = seeded();
    let out = j.run(&["export", "--format", "markdown"]);
    let expected_this_week = "\
## Week of Mon 16 Nov 2026

This week is not over yet; the counts are so far.

Promises:

- Stretch for ten seconds: showed up 5 of 6 days
- Read: showed up 3 of 3 days (1 partly)
- Walk outside: 1 of 3 so far this week

Showed up 9 of 10 times asked so far; still open: 1 promise unmarked today, 2 more times to go this week.

Wins (2):

- Wed 18 Nov: called mum
- Sat 21 Nov: sent the email I was avoiding (work)

Average mood 6/10, average morning confidence 7/10, average evening confidence 8/10.
";
    assert!(out.starts_with("# Small wins: weekly summary\n"), "{out}");
    assert!(
        out.contains("Days from Mon 9 Nov 2026 to Sat 21 Nov 2026."),
        "{out}"
    );
    assert!(out.contains(expected_this_week), "{out}");
    assert!(out.contains("## Week of Mon 9 Nov 2026\n\nPromises:\n\n- Stretch for ten seconds: showed up 1 of 7 days\n- Read: showed up 0 of 4 days\n"), "{out}");
    assert!(
        out.find("Week of Mon 9 Nov").expect("first week")
            < out.find("Week of Mon 16 Nov").expect("second")
    );
    for private in ["earlier bedtime", "overslept", "umbrella"] {
        assert!(
            !out.contains(private),
            "reflections and notes stay private: {private}"
        );
    }

    let only_last = j.run(&["export", "--format", "md", "--from", "2026-11-16"]);
    assert!(!only_last.contains("Week of Mon 9 Nov"), "{only_last}");
    assert!(only_last.contains(expected_this_week), "{only_last}");
    // Part of a week says so, and every count covers the same days.
    let part = j.run(&["export", "--format", "md", "--from", "2026-11-18"]);
    assert!(
        part.contains("Part of the week: Wed 18 Nov to Sat 21 Nov only (the week is not over yet)"),
        "{part}"
    );
    assert!(
        part.contains("- Stretch for ten seconds: showed up 3 of 4 days\n"),
        "{part}"
    );
    assert!(
        part.contains("- Walk outside: not on these days\n"),
        "{part}"
    );
}

#[test]
fn backup_makes_a_journal_with_the_same_data() {
    let j = seeded();
    let file = j.path("backup.db");
    let out = j.run(&["backup", file.to_str().expect("utf-8")]);
    assert_eq!(
        out,
        format!(
            "Backed up the journal to {} (3 promises, 12 checks, 2 wins, 1 check-in, 1 reflection).\n",
            file.display()
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let copy = Journal {
        dir: tempfile::tempdir().expect("dir"),
        db: file.clone(),
    };
    assert_eq!(copy.data(), j.data());

    let again = j.refused(&["backup", file.to_str().expect("utf-8")]);
    assert!(again.contains("already exists"), "{again}");
    let json = j.json(&["backup", j.path("second.db").to_str().expect("utf-8")]);
    assert_eq!(json["records"]["wins"], 2);
    assert!(Path::new(json["backup"].as_str().expect("path")).exists());
}

// ----- show and demo ----------------------------------------------------------------

#[test]
fn show_draws_every_screen_without_a_terminal() {
    let j = seeded();
    for screen in ["today", "calendar", "promises", "review"] {
        let out = j
            .cmd()
            .args(["show", screen, "--width", "80", "--height", "24"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{screen}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty());
    }
    let json = j.json(&["show", "review", "--date", "-7"]);
    assert_eq!(json["screen"], "review");
    assert_eq!(json["day"], "2026-11-14");
    // Not a terminal: the default size.
    assert_eq!(json["width"], 100);
    assert_eq!(json["height"], 30);
    assert!(json["text"].is_string());
}

#[test]
fn demo_refuses_a_journal_that_has_entries() {
    let j = seeded();
    let stderr = j.refused(&["demo", "--weeks", "4"]);
    assert!(stderr.contains("left it alone"), "{stderr}");
}

#[test]
fn demo_needs_its_own_db_and_a_sensible_number_of_weeks() {
    let j = Journal::new();
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .env_remove("SMALLWINS_DB")
        .arg("--config")
        .arg(j.path("no-config.toml"))
        .arg("demo")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_sentence(&stderr);
    assert!(stderr.contains("--db"), "{stderr}");

    let stderr = j.refused(&["demo", "--weeks", "0"]);
    assert!(stderr.contains("from 1 to 52"), "{stderr}");
}

#[test]
fn demo_fills_a_new_journal() {
    let j = Journal::new();
    let out = j.run(&["demo", "--weeks", "2"]);
    assert!(
        out.starts_with("Made a demo journal with 2 weeks of history in "),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Open it with `smallwins --db {}`.",
            j.db.display()
        )),
        "{out}"
    );
    assert!(j.db.exists());
}

#[test]
fn help_lists_every_command() {
    let j = Journal::new();
    let out = j.run(&["--help"]);
    for command in [
        "promise", "kept", "partial", "missed", "unmark", "win", "checkin", "reflect", "today",
        "day", "export", "import", "backup", "show", "demo", "review", "stats",
    ] {
        assert!(
            out.contains(&format!("  {command} ")),
            "{command} missing from\n{out}"
        );
    }
    assert!(
        out.contains("--db <PATH>") && out.contains("--config <PATH>") && out.contains("--json")
    );
}

// ----- review and stats -------------------------------------------------------------

/// Words the journal never uses about a person's record.
const SCOLDING: [&str; 5] = ["fail", "broke", "streak", "lazy", "should have"];

/// `seeded()` plus what a week's review draws on: Read's target raised to
/// 12 pages from Thursday 19 November, more check-ins and reflections, wins
/// in several areas (one of them on Sunday 15th, the week before), and,
/// through the library as no command records them yet, two weekly answers
/// and one accepted decision for the week of 16 November, and one answer for
/// the week of 9 November.
///
/// Week of 16 Nov, by hand (today is Saturday 21st):
/// - Stretch (daily): kept 16, 17, 18, 20, 21; missed 19 → kept 5 of 6.
/// - Read (mon, wed, fri, sat): kept 16, 20; partly 18; 21 is today and not
///   yet marked, so it doesn't ask yet → kept 2 of 3, partly 1.
/// - Walk (3 a week): kept 17; missed 19 → kept 1 of 3.
/// - Showed up 5 + 3 + 1 = 9 of 6 + 3 + 3 = 12.
/// - Wins: health (16), none (18), work (21).
/// - Mood: 4 (18) and 6 (21) → 5.0. Morning confidence: 6, 4, 7 → 5.7.
/// - Finished check-in days: 16 kept 2 of 2, 17 kept 2 of 2 (Read rests on
///   Tuesdays; Walk counts once done) → 10.0/10, against a morning
///   confidence of (6 + 4) / 2 = 5.0 on those days (today, the 21st, is
///   still open).
fn reviewed() -> Journal {
    let j = seeded();
    j.run_at(
        "2026-11-19T09:00",
        &["promise", "edit", "read", "--target", "12"],
    );
    j.run(&["checkin", "--date", "2026-11-16", "--confidence", "6"]);
    j.run(&["checkin", "--date", "2026-11-17", "--confidence", "4"]);
    j.run(&[
        "reflect",
        "--date",
        "2026-11-18",
        "--mood",
        "4",
        "--confidence",
        "9",
    ]);
    j.run(&[
        "win",
        "walked to work",
        "--area",
        "health",
        "--date",
        "2026-11-16",
    ]);
    j.run(&[
        "win",
        "cooked dinner",
        "--area",
        "home",
        "--date",
        "2026-11-15",
    ]);
    let mut journal = smallwins::domain::Journal::open(
        &j.db,
        smallwins::domain::Clock::Fixed(
            smallwins::domain::clock::parse_now(NOW).expect("the test clock"),
        ),
        smallwins::config::Config::default(),
    )
    .expect("the journal opens");
    let week = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).expect("a day");
    journal
        .answer_weekly(week, "next_week", "Keep all three; walk after lunch")
        .expect("answer");
    journal
        .answer_weekly(week, "noticed", "Thursdays are the hard ones")
        .expect("answer");
    journal
        .answer_weekly(
            week - chrono::Duration::days(7),
            "noticed",
            "Starting is the hard part",
        )
        .expect("answer");
    let walk = journal.find_promise("walk").expect("walk");
    journal
        .decide(
            &smallwins::domain::evidence::Suggestion {
                key: format!("narrow:{}", walk.id),
                promise_id: Some(walk.id.clone()),
                headline: "Find a smaller version of “Walk outside”.".into(),
                reason: "It didn't happen on 3 of its last 5 days.".into(),
                proposal: smallwins::domain::evidence::Proposal::AskSmaller,
            },
            true,
        )
        .expect("decide");
    j
}

fn assert_kind(text: &str) {
    let lower = text.to_lowercase();
    for word in SCOLDING {
        assert!(!lower.contains(word), "{word:?} in\n{text}");
    }
}

#[test]
fn review_text_counts_the_week_by_hand() {
    let j = reviewed();
    let out = j.run(&["review"]);
    // Each promise is new (fewer than 14 times asked): its plain count.
    let count = |n: usize| {
        let json = j.json(&["review"]);
        let id = json["summary"]["promises"][n]["promise_id"]
            .as_str()
            .expect("id")
            .to_string();
        let strength = (json["strengths"].as_array().expect("a list"))
            .iter()
            .find(|e| e["promise_id"] == id.as_str())
            .expect("its strength")
            .clone();
        assert_eq!(strength["number"], n as u64 + 1, "{strength}");
        let new = &strength["new"];
        assert!(strength["strength"].is_null());
        format!("{} of {}", new["shown"], new["asked"])
    };
    let expected = [
        "The week of 16–22 Nov 2026 (2026-W47), so far".to_string(),
        String::new(),
        "Promises".into(),
        format!(
            "  1 Stretch for ten seconds: showed up 5 of 6 days, 1 noted missed; the week before: showed up 1 of 7 days; new: shown up for {} times since it began",
            count(0)
        ),
        format!(
            "  2 Read: showed up 3 of 3 days (1 partly); the week before: showed up 0 of 4 days; new: shown up for {} times since it began",
            count(1)
        ),
        format!(
            "  3 Walk outside: 1 of 3 so far this week, 1 noted missed; the week before: showed up 0 of 3 times; new: shown up for {} times since it began",
            count(2)
        ),
        String::new(),
        "Wins this week: 3 (health 1, other 1, work 1)".into(),
        String::new(),
        "This week side by side".into(),
        "  Showed up: 9 of 10 times asked so far (90%); still open: 1 promise unmarked today, 2 more times to go this week".into(),
        "  Mood: 5/10 on average".into(),
        "  Morning confidence: 5.7/10 on average".into(),
        "  Evening confidence: 8.5/10 on average".into(),
        // Two finished days with a check-in: too few for a verdict.
        "  Self-trust (it uses the morning confidence): After four days of promises in a week, three of them begun with a morning check-in, this sets what you expected beside what you did: 1 more day to go this week (today's check-in counts once the day is over).".into(),
        String::new(),
        "The twelve weeks ending with this one".into(),
        "  showed up 42% · mood 5/10 · morning confidence 5.7/10 · evening confidence 8.5/10".into(),
        String::new(),
        "Notes and lessons".into(),
        "  Wed 18 Nov, Read (partly kept): tired, but \"some\"".into(),
        "  Thu 19 Nov, Stretch for ten seconds (noted as missed): overslept".into(),
        "  Thu 19 Nov, Walk outside (noted as missed): rain".into(),
        "    lesson: umbrella by the door".into(),
        String::new(),
    ]
    .join("\n");
    assert!(out.starts_with(&expected), "{out}");
    // Too little history for patterns yet: fewer than 28 days.
    assert!(!out.contains("Patterns"), "{out}");
    // Last week was left blank, not marked missed: nothing to shrink.
    assert!(!out.contains("Keep just"), "{out}");
    assert!(
        out.ends_with(
            "\
Weekly answers
  Looking at the week's checkmarks, what do you notice?
    Thursdays are the hard ones
  For next week: keep, shrink or grow each promise — or add one small new one?
    Keep all three; walk after lunch

Decisions
  - Sat 21 Nov: Chose to find a smaller version of “Walk outside”.
"
        ),
        "{out}"
    );
    assert_kind(&out);

    // The week before: no check-ins, so no gap to read, and nothing rated.
    let before = j.run(&["review", "--date", "2026-11-12"]);
    assert!(
        before.starts_with("The week of 9–15 Nov 2026 (2026-W46)\n"),
        "{before}"
    );
    assert!(
        before.contains(
            "  1 Stretch for ten seconds: showed up 1 of 7 days, 6 not recorded; new that week"
        ),
        "{before}"
    );
    assert!(before.contains("  Mood: not rated that week\n"), "{before}");
    // No check-in that week: no reading, and it says why.
    assert!(
        before.contains("that week had 0 finished days with a check-in"),
        "{before}"
    );
    assert!(
        !before.contains("Open suggestions"),
        "only this week has open suggestions"
    );
}

#[test]
fn review_markdown_is_written_to_share_and_keeps_misses_private() {
    let j = reviewed();
    let out = j.run(&["review", "--format", "markdown"]);
    assert_eq!(
        out,
        "\
# My week: 16–22 Nov 2026

## What I promised

- Stretch for ten seconds — every day, cue: after my coffee
- Read — 10 pages, 12 pages from Thu 19 Nov, on Mon, Wed, Fri and Sat
- Walk outside — 3 times a week

## What I kept

- Stretch for ten seconds: showed up 5 of 6 days
- Read: showed up 3 of 3 days (1 partly)
- Walk outside: 1 of 3 so far this week

Showed up 9 of 10 times asked so far; still open: 1 promise unmarked today, 2 more times to go this week; partly kept and the smaller version count as showing up.

## Wins

- Mon 16 Nov: walked to work (health)
- Wed 18 Nov: called mum
- Sat 21 Nov: sent the email I was avoiding (work)

## One lesson

umbrella by the door (from “Walk outside”)

## Next week

Keep all three; walk after lunch

- Chose to find a smaller version of “Walk outside” (decided Sat 21 Nov)

**How it felt:** average mood 5/10, average morning confidence 5.7/10, average evening confidence 8.5/10.
"
    );
    assert_kind(&out);
    for private in [
        "overslept",
        "rain",
        "tired",
        "Thursdays are the hard ones",
        "missed",
    ] {
        assert!(!out.contains(private), "{private:?} is not for sharing");
    }
    assert_eq!(j.run(&["review", "--format", "md"]), out);

    // No lesson that week: the weekly answer stands in; no plan: same size.
    let before = j.run(&["review", "--week", "2026-W46", "--format", "markdown"]);
    assert!(before.starts_with("# My week: 9–15 Nov 2026\n"), "{before}");
    assert!(
        before.contains("\n## One lesson\n\nStarting is the hard part\n"),
        "{before}"
    );
    assert!(
        before.contains("\n## Next week\n\nSame promises, same size.\n"),
        "{before}"
    );
    assert!(
        before.contains("- Sun 15 Nov: cooked dinner (home)\n"),
        "{before}"
    );
    assert!(
        before.contains("**How it felt:** no ratings that week.\n"),
        "{before}"
    );
    assert_kind(&before);

    // Neither a lesson nor an answer: no lesson section at all.
    let earlier = j.run(&["review", "--week", "2026-W45", "--format", "markdown"]);
    assert!(!earlier.contains("One lesson"), "{earlier}");
    assert!(
        earlier.contains("No promise was asked for that week."),
        "{earlier}"
    );
    assert!(
        earlier.contains("No wins written down that week."),
        "{earlier}"
    );
}

#[test]
fn review_json_holds_the_view_and_what_the_text_adds() {
    let j = reviewed();
    let json = j.json(&["review"]);
    assert_eq!(json, j.json(&["review", "--format", "json"]));
    assert_eq!(json["week"], "2026-W47");
    assert_eq!(json["week_start"], "2026-11-16");
    assert_eq!(json["week_end"], "2026-11-22");
    let promises = json["summary"]["promises"].as_array().expect("promises");
    let field = |name: &str| -> Vec<u64> {
        promises
            .iter()
            .map(|p| p[name].as_u64().expect("count"))
            .collect()
    };
    assert_eq!(field("kept"), [5, 2, 1]);
    assert_eq!(field("asked"), [6, 3, 3]);
    assert_eq!(field("partial"), [0, 1, 0]);
    assert_eq!(field("missed"), [1, 0, 1]);
    assert_eq!(json["summary"]["wins"], 3);
    assert_eq!(json["summary"]["average_mood"], 5.0);
    assert_eq!(json["previous"]["promises"][0]["kept"], 1);
    assert_eq!(
        json["wins_by_area"],
        serde_json::json!([["health", 1], ["other", 1], ["work", 1]])
    );
    assert_eq!(json["misses"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["misses"][2]["lesson"], "umbrella by the door");
    assert_eq!(json["weeks"].as_array().map(Vec::len), Some(12));
    let gap = json["trust_gap"].as_f64().expect("a gap");
    assert!((gap - (10.0 - 5.0)).abs() < 1e-9, "{gap}");
    let numbers: Vec<u64> = json["promises"]
        .as_array()
        .expect("promises")
        .iter()
        .map(|p| p["number"].as_u64().expect("number"))
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(
        json["promises"][1]["targets"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(json["wins"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["answers"][0]["key"], "noticed");
    assert_eq!(
        json["answers"][0]["prompt"],
        "Looking at the week's checkmarks, what do you notice?"
    );
    assert_eq!(
        json["answers"][1]["answer"],
        "Keep all three; walk after lunch"
    );
    assert_eq!(json["review"]["decisions"][0]["accepted"], true);
    assert!(json["patterns"].is_null());
    // Last week was left blank, not marked missed: nothing to narrow.
    assert_eq!(json["suggestions"], serde_json::json!([]));
}

#[test]
fn a_week_can_be_named_by_iso_week_or_by_any_day_in_it() {
    let j = reviewed();
    for format in ["text", "markdown", "json"] {
        let by_week = j.run(&["review", "--week", "2026-W47", "--format", format]);
        assert_eq!(
            by_week,
            j.run(&["review", "--date", "2026-11-18", "--format", format]),
            "{format}"
        );
        assert_eq!(by_week, j.run(&["review", "--format", format]), "{format}");
    }
    assert_eq!(
        j.run(&["review", "--week", "2026-w46"]),
        j.run(&["review", "--date", "-7"])
    );

    // Weeks starting on Sunday: 2026-W47 is the week holding its Monday.
    let config = j.path("sunday.toml");
    fs::write(&config, "week_starts_on = \"sunday\"\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .arg("--db")
        .arg(&j.db)
        .arg("--config")
        .arg(&config)
        .args(["review", "--week", "2026-W47", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["week_start"], "2026-11-15");
    assert_eq!(json["week"], "2026-W47");
}

#[test]
fn a_bad_week_is_refused_in_one_sentence() {
    let j = reviewed();
    let cases: &[(&[&str], &str)] = &[
        (
            &["review", "--week", "2026-W60"],
            "2026 has no week 60; give --week a week from 2026-W01 to 2026-W53, like 2026-W47.",
        ),
        (
            &["review", "--week", "W47"],
            "\"W47\" is not a week I can read; give --week as YYYY-Www, like 2026-W47.",
        ),
        (
            &["review", "--week", "2026-11-18"],
            "give --week as YYYY-Www",
        ),
        (
            &["review", "--week", "2026-W47", "--date", "2026-11-18"],
            "--week and --date both choose the week; give just one of them, like --week 2026-W47.",
        ),
        (&["review", "--date", "someday"], "YYYY-MM-DD"),
        (&["review", "--week", "2026-W49"], "still ahead"),
        (
            &["review", "--format", "markdown", "--json"],
            "two different outputs",
        ),
    ];
    for (args, expected) in cases {
        let stderr = j.refused(args);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn review_out_writes_a_private_new_file_and_never_overwrites() {
    let j = reviewed();
    let file = j.path("week.md");
    let name = file.to_str().expect("utf-8");
    let out = j.run(&["review", "--format", "markdown", "--out", name]);
    assert_eq!(
        out,
        format!("Wrote the review of 16–22 Nov 2026 as markdown to {name}.\n")
    );
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        j.run(&["review", "--format", "markdown"])
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    fs::write(&file, "mine").expect("write");
    let stderr = j.refused(&["review", "--out", name]);
    assert_eq!(
        stderr,
        format!(
            "{name} already exists and the review never overwrites a file; choose a new name.\n"
        )
    );
    assert_eq!(fs::read_to_string(&file).expect("read"), "mine");

    // --json describes the file; the file holds the format asked for.
    let other = j.path("week.txt");
    let json = j.json(&[
        "review",
        "--week",
        "2026-W46",
        "--out",
        other.to_str().expect("utf-8"),
    ]);
    assert_eq!(json["format"], "text");
    assert_eq!(json["week"], "2026-W46");
    assert_eq!(json["week_start"], "2026-11-09");
    assert!(
        fs::read_to_string(&other)
            .expect("read")
            .starts_with("The week of 9–15 Nov 2026 (2026-W46)\n")
    );
}

#[test]
fn stats_json_totals_are_counted_by_hand() {
    let j = reviewed();
    let json = j.json(&["stats"]);
    // Kept: Stretch 10, 16, 17, 18, 20, 21; Read 16, 20; Walk 17. Partly: Read 18.
    // Shown up: 10, 15 (a win), 16, 17, 18, 20, 21; 19 held only misses.
    assert_eq!(
        json["totals"],
        serde_json::json!({
            "promises_kept": 9,
            "partly_kept": 1,
            "smaller_kept": 0,
            "wins": 4,
            "days_shown_up": 7,
            "longest_run": 4,
            "current_run": 2,
            "first_day": "2026-11-10",
        })
    );
    let promises = json["promises"].as_array().expect("promises");
    assert_eq!(promises.len(), 3);
    let rate = |i: usize, key: &str| promises[i][key].as_f64().expect("rate");
    // Stretch: 13 days from Mon 9 to today (marked); the last 7 hold 5 shown.
    // JSON rounds figures to 4 decimal places.
    assert_eq!(rate(0, "rate_7"), 0.7143);
    assert_eq!(rate(0, "rate_90"), 0.4615);
    assert_eq!(promises[0]["kept"], 6);
    assert_eq!(promises[0]["slots"], 13);
    // Read: 7 scheduled days before today; 3 shown (one partly).
    assert_eq!(rate(1, "rate_30"), 0.4286);
    assert_eq!(promises[1]["partly"], 1);
    // Walk: 3 asked last week, 1 shown so far this week.
    assert!((rate(2, "rate_7") - 0.25).abs() < 1e-9);
    assert_eq!(json["weeks"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["weeks"][11]["start"], "2026-11-16");
}

#[test]
fn stats_text_speaks_of_runs_and_rates() {
    let j = reviewed();
    let out = j.run(&["stats"]);
    assert!(
        out.starts_with(
            "\
Since Tue 10 Nov
  9 promises kept and 1 partly kept
  4 wins
  7 days shown up
  Longest run of showing up: 4 days; current run: 2 days

Promises                     last 7  last 30  last 90  strength  kept
"
        ),
        "{out}"
    );
    // Each promise has asked fewer than 14 times: its plain count across
    // the rates and strength, and no percentage.
    assert!(
        out.contains("  1 Stretch for ten seconds                       new · 6 of 13  6\n"),
        "{out}"
    );
    assert!(
        out.contains("  3 Walk outside                                   new · 1 of 4  1\n"),
        "{out}"
    );
    assert!(out.contains("until it has asked 14 times"), "{out}");
    assert!(out.contains("  2 Read "), "{out}");
    assert!(out.contains("2 + 1 partly\n"), "{out}");
    assert!(out.contains("\n  9 Nov  "), "{out}");
    assert!(out.contains("\n  16 Nov "), "{out}");
    // Weeks before the first record are left out.
    assert!(!out.contains("2 Nov"), "{out}");
    assert!(out.contains("run"));
    assert_kind(&out);

    let empty = Journal::empty();
    let out = empty.run(&["stats"]);
    assert!(out.starts_with("Nothing recorded yet;"), "{out}");
    assert_eq!(out.lines().count(), 1);
    let json = empty.json(&["stats"]);
    assert_eq!(json["totals"]["days_shown_up"], 0);
    assert_eq!(json["suggestions"][0]["key"], "one");
}

#[test]
fn a_demo_journal_reviews_with_patterns_and_without_scolding() {
    let j = Journal::new();
    j.run(&["demo", "--weeks", "6"]);
    let text = j.run(&["review"]);
    assert!(text.contains("\nPatterns over twelve weeks\n"), "{text}");
    assert!(
        text.contains(" go best; ") && text.contains(" are hardest so far."),
        "{text}"
    );
    assert_kind(&text);
    for week in ["2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"] {
        let md = j.run(&["review", "--week", week, "--format", "markdown"]);
        assert_kind(&md);
        for section in [
            "## What I promised",
            "## What I kept",
            "## Wins",
            "## Next week",
            "**How it felt:**",
        ] {
            assert!(md.contains(section), "{week}: {section}\n{md}");
        }
    }
    let stats = j.run(&["stats"]);
    assert_kind(&stats);
    let json = j.json(&["stats"]);
    assert!(json["totals"]["longest_run"].as_u64().expect("run") > 0);
}
