//! Every way text leaves the real binary, with a journal whose words hold
//! terminal escape sequences (issue 7, defects 3 and 6).
//!
//! The journal is written straight through the store, past the input rules,
//! the way a journal written before those rules (or a future bug) would hold
//! them. Whatever a command prints, to stdout, to stderr or into a file,
//! must carry no byte that could drive a terminal, and a CSV cell must not
//! open in a spreadsheet as a formula.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime};
use smallwins::domain::evidence::{Decision, Review};
use smallwins::domain::{Check, CheckIn, Promise, Reflection, Schedule, Status, Target, Win};
use smallwins::store::Store;
use tempfile::TempDir;

const NOW: &str = "2026-11-21T08:30";
/// Sets the window title, then clears the screen; a C1 CSI follows.
const HOSTILE: &str = "\x1b]0;PWNED\x07\x1b[2J\u{9b}31m";
/// How `HOSTILE` reads once it is printable.
const SHOWN: &str = "^[]0;PWNED^G^[[2J^9B31m";
/// How `SHOWN` reads in Markdown, with its brackets escaped.
const SHOWN_MD: &str = "^\\[\\]0;PWNED^G^\\[\\[2J^9B31m";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test time")
}

/// `HOSTILE` around a word, so each field can be told apart.
fn h(word: &str) -> String {
    format!("{HOSTILE}{word}{HOSTILE}")
}

/// The first character a terminal could act on, if any: ESC, BEL, any other
/// C0 control but newline and tab, DEL, or a C1 control.
fn first_control(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && c != '\n' && c != '\t')
}

fn assert_printable(what: &str, text: &str) {
    if let Some((at, c)) = first_control(text) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(30)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what} holds control character U+{:04X} at byte {at}, after {:?}",
            u32::from(c),
            &text[from..at]
        );
    }
}

struct Hostile {
    dir: TempDir,
    db: PathBuf,
}

impl Hostile {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
        cmd.env("SMALLWINS_NOW", NOW)
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.path("no-config.toml"));
        cmd
    }

    fn output(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("runs")
    }

    /// Runs a command; asserts that neither stdout nor stderr holds a
    /// control character, and returns both with the exit code.
    fn run_any(&self, args: &[&str]) -> (String, String, Option<i32>) {
        let out = self.output(args);
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        assert_printable(&format!("stdout of {args:?}"), &stdout);
        assert_printable(&format!("stderr of {args:?}"), &stderr);
        (stdout, stderr, out.status.code())
    }

    /// As [`Hostile::run_any`], for a command that must succeed.
    fn run(&self, args: &[&str]) -> String {
        let (stdout, stderr, code) = self.run_any(args);
        assert_eq!(code, Some(0), "{args:?} failed: {stderr}");
        stdout
    }

    /// Runs a command with `--out FILE` and returns what the file holds.
    fn run_to_file(&self, args: &[&str], name: &str) -> String {
        let file = self.path(name);
        let mut with_out = args.to_vec();
        let file_arg = file.to_str().expect("UTF-8 temp path");
        with_out.extend(["--out", file_arg]);
        self.run(&with_out);
        let text = fs::read_to_string(&file).expect("the file was written");
        assert_printable(&format!("the file of {args:?}"), &text);
        text
    }
}

/// A journal with a hostile string in every field a person writes:
/// promise text, cue, smaller version, area, unit, notes, lessons, wins and
/// their areas, the check-in, reflection answers (keys too), weekly answers
/// and a decision. Five weeks of history, so the review has patterns and
/// the stats have rates. Today is Sat 2026-11-21.
fn hostile_journal() -> Hostile {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let mut store = Store::open(&db).expect("store");
    let start = d("2026-10-19");
    let stretch = Promise {
        id: "p-stretch".into(),
        text: h("stretch"),
        cue: Some(h("cue")),
        smaller: Some(h("smaller")),
        area: Some(h("area")),
        schedule: Schedule::Daily,
        unit: None,
        targets: vec![],
        number: 1,
        versions: vec![],
        position: 0,
        created_on: start,
        archived_on: None,
        updated_at: t("2026-10-19T08:00"),
    };
    let read = Promise {
        id: "p-read".into(),
        text: h("read"),
        cue: None,
        smaller: None,
        area: None,
        schedule: Schedule::TimesPerWeek { times: 3 },
        unit: Some(h("pages")),
        targets: vec![Target {
            id: "t-read".into(),
            from: start,
            amount: 10.0,
        }],
        number: 2,
        versions: vec![],
        position: 1,
        created_on: start,
        archived_on: None,
        updated_at: t("2026-10-19T08:00"),
    };
    store
        .write(|w| {
            w.put_promise(&stretch)?;
            w.put_promise(&read)?;
            for (i, day) in start.iter_days().take(34).enumerate() {
                let missed = i % 4 == 3 || day >= d("2026-11-18");
                w.put_check(&Check {
                    id: format!("c-stretch-{i}"),
                    promise_id: stretch.id.clone(),
                    day,
                    status: if missed { Status::Missed } else { Status::Kept },
                    amount: None,
                    note: Some(h("note")),
                    lesson: missed.then(|| h("lesson")),
                    updated_at: t("2026-10-19T20:00"),
                })?;
                if i % 2 == 0 {
                    w.put_check(&Check {
                        id: format!("c-read-{i}"),
                        promise_id: read.id.clone(),
                        day,
                        status: Status::Partial,
                        amount: Some(4.0),
                        note: Some(h("read note")),
                        lesson: None,
                        updated_at: t("2026-10-19T21:00"),
                    })?;
                }
                if i % 3 == 0 {
                    w.put_win(&Win {
                        id: format!("w-{i}"),
                        day,
                        text: h("win"),
                        area: Some(h("win area")),
                        created_at: t("2026-10-19T12:00"),
                        private: false,
                    })?;
                }
            }
            w.put_checkin(&CheckIn {
                id: "ci".into(),
                day: d("2026-11-21"),
                intention: Some(h("intention")),
                confidence: Some(6),
                updated_at: t("2026-11-21T08:00"),
            })?;
            w.put_reflection(&Reflection {
                id: "r".into(),
                day: d("2026-11-20"),
                answers: BTreeMap::from([
                    ("adjust".to_string(), h("adjust")),
                    ("helped".to_string(), h("helped")),
                    (h("key"), h("answer")),
                ]),
                mood: Some(5),
                confidence: Some(4),
                updated_at: t("2026-11-20T21:00"),
            })?;
            w.put_review(&Review {
                id: "rv".into(),
                week_start: d("2026-11-16"),
                answers: BTreeMap::from([
                    ("next_week".to_string(), h("next week")),
                    (h("weekly key"), h("weekly answer")),
                ]),
                decisions: vec![Decision {
                    key: h("decision key"),
                    accepted: true,
                    on: d("2026-11-20"),
                    headline: h("decision"),
                    decided: h("decided"),
                }],
                updated_at: t("2026-11-20T21:00"),
            })
        })
        .expect("hostile records written");
    drop(store);
    Hostile { dir, db }
}

/// Every command that reads the journal and prints a person's words, in
/// text, Markdown, CSV and JSON.
const READING: &[&[&str]] = &[
    &["today"],
    &["day", "2026-11-20"],
    &["day", "yesterday"],
    &["day", "2026-11-02"],
    &["review"],
    &["review", "--format", "text"],
    &["review", "--format", "markdown"],
    &["review", "--format", "json"],
    &["review", "--week", "2026-W46"],
    &["review", "--date", "2026-11-02", "--format", "markdown"],
    &["stats"],
    &["promise", "list"],
    &["promise", "list", "--all"],
    &["export"],
    &["export", "--format", "json"],
    &["export", "--format", "csv"],
    &["export", "--format", "markdown"],
    &["export", "--format", "markdown", "--from", "2026-11-16"],
    &["show", "today"],
    &["show", "calendar"],
    &["show", "promises"],
    &["show", "review"],
    &["show", "today", "--width", "40", "--height", "12"],
    &["show", "today", "--date", "2026-11-20"],
    &["show", "review", "--width", "200", "--height", "60"],
];

#[test]
fn no_reading_command_prints_a_control_character_from_the_journal() {
    let j = hostile_journal();
    for args in READING {
        j.run(args);
        let mut with_json = args.to_vec();
        if !with_json.contains(&"--format") || with_json.contains(&"json") {
            with_json.push("--json");
            j.run(&with_json);
        }
    }
}

#[test]
fn the_escapes_show_in_caret_notation_instead_of_vanishing() {
    let j = hostile_journal();
    let today = j.run(&["today"]);
    for word in ["stretch", "cue", "read", "win", "win area", "intention"] {
        let shown = format!("{SHOWN}{word}{SHOWN}");
        assert!(today.contains(&shown), "today lacks {shown:?}:\n{today}");
    }
    let yesterday = j.run(&["day", "2026-11-20"]);
    for word in ["note", "lesson", "helped", "answer"] {
        let shown = format!("{SHOWN}{word}{SHOWN}");
        assert!(yesterday.contains(&shown), "day lacks {shown:?}");
    }
    let csv = j.run(&["export", "--format", "csv"]);
    assert!(csv.contains(&format!("{SHOWN}win{SHOWN}")), "{csv}");
    for args in [
        &["export", "--format", "markdown"][..],
        &["review", "--format", "markdown"][..],
    ] {
        let markdown = j.run(args);
        assert!(
            markdown.contains(&format!("{SHOWN_MD}win{SHOWN_MD}")),
            "{markdown}"
        );
    }
    let review = j.run(&["review"]);
    assert!(
        review.contains(&format!("{SHOWN}next week{SHOWN}")),
        "{review}"
    );
}

#[test]
fn the_stats_table_stays_aligned_when_names_are_shown_in_caret_notation() {
    let j = hostile_journal();
    let stats = j.run(&["stats"]);
    let header = stats
        .lines()
        .find(|l| l.starts_with("Promises"))
        .expect("a promise table");
    // The columns are right-aligned: the last character of "last 7".
    let column = header[..header.find("last 7").expect("a last-7 column")]
        .chars()
        .count()
        + "last 7".len()
        - 1;
    let rows: Vec<&str> = stats
        .lines()
        .filter(|l| l.contains("PWNED") && l.contains('%'))
        .collect();
    assert_eq!(rows.len(), 2, "{stats}");
    for row in rows {
        let at = row.chars().nth(column);
        assert!(
            at == Some('%') || at == Some('—'),
            "the last-7 column is out of line:\n{header}\n{row}"
        );
    }
}

#[test]
fn json_keeps_every_character_exactly_yet_prints_none_raw() {
    let j = hostile_journal();
    let out = j.run(&["export"]);
    assert!(out.contains("\\u001b]0;PWNED\\u0007"), "{out}");
    assert!(out.contains("\\u009b31m"), "{out}");
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let wins = value["wins"].as_array().expect("wins");
    assert!(wins.iter().all(|w| w["text"] == h("win").as_str()));
    let promises = value["promises"].as_array().expect("promises");
    assert_eq!(promises[1]["unit"], h("pages").as_str());

    // The file an export writes reads back the same way.
    let file = j.run_to_file(&["export"], "export.json");
    let from_file: serde_json::Value = serde_json::from_str(&file).expect("valid JSON");
    assert_eq!(from_file["wins"], value["wins"]);
}

#[test]
fn files_written_with_out_hold_no_control_character() {
    let j = hostile_journal();
    for (args, name) in [
        (&["export", "--format", "csv"][..], "export.csv"),
        (&["export", "--format", "markdown"][..], "export.md"),
        (&["export", "--format", "json"][..], "export.json"),
        (&["review"][..], "review.txt"),
        (&["review", "--format", "markdown"][..], "review.md"),
        (&["review", "--format", "json"][..], "review.json"),
    ] {
        let text = j.run_to_file(args, name);
        assert!(text.contains("PWNED"), "{name} lost the words:\n{text}");
        // The line that says what was written, with --json too.
        let mut again = args.to_vec();
        let second = j.path(&format!("again-{name}"));
        again.extend(["--out", second.to_str().expect("UTF-8"), "--json"]);
        j.run(&again);
    }
}

#[test]
fn commands_that_write_print_the_journal_s_words_safely() {
    let j = hostile_journal();
    let printing: &[&[&str]] = &[
        &["kept", "1"],
        &["partial", "2", "--amount", "3"],
        &["missed", "1", "--note", "tired"],
        &["unmark", "1"],
        &["unmark", "1"],
        &["kept", "2", "--date", "2026-11-20"],
        &["promise", "edit", "1", "--daily"],
        &["promise", "edit", "2", "--target", "12"],
        &["promise", "archive", "2"],
        &["promise", "archive", "2"],
        &["promise", "unarchive", "2"],
        &["promise", "unarchive", "2"],
        &["checkin", "--confidence", "7"],
        &["reflect", "--mood", "6", "--date", "2026-11-20"],
        &["reflect", "--mood", "6", "--date", "2026-11-17"],
        &["kept", "1"],
        &["reflect", "--mood", "7"],
        &["win", HOSTILE],
        &["win", "a plain win"],
        &["win", "another plain win"],
    ];
    for args in printing {
        j.run(args);
        let mut with_json = args.to_vec();
        with_json.push("--json");
        j.run(&with_json);
    }
    let backup = j.path("backup.db");
    j.run(&["backup", backup.to_str().expect("UTF-8")]);
    let export = j.path("all.json");
    j.run(&["export", "--out", export.to_str().expect("UTF-8")]);
    // Whether the import takes these records, cleans them or refuses them
    // is the input rules' business; whatever it says is printable.
    j.run_any(&["import", export.to_str().expect("UTF-8")]);
}

#[test]
fn errors_that_quote_text_print_it_safely() {
    let j = hostile_journal();
    let mut store = Store::open(&j.db).expect("store");
    store
        .write(|w| {
            for (i, end) in ["one", "two"].iter().enumerate() {
                w.put_promise(&Promise {
                    id: format!("p-walk-{end}"),
                    text: format!("Walk{HOSTILE}{end}"),
                    cue: None,
                    smaller: None,
                    area: None,
                    schedule: Schedule::Daily,
                    unit: None,
                    targets: vec![],
                    number: 3 + i as u32,
                    versions: vec![],
                    position: 2 + i as i64,
                    created_on: d("2026-11-01"),
                    archived_on: None,
                    updated_at: t("2026-11-01T08:00"),
                })?;
            }
            Ok(())
        })
        .expect("two promises that start alike");
    drop(store);
    // Two promises start with "walk", so the answer quotes both.
    let (_, stderr, code) = j.run_any(&["kept", "walk"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains(&format!("Walk{SHOWN}one")), "{stderr}");
    // What was typed is quoted back printably too.
    let (_, stderr, code) = j.run_any(&["kept", "\x1b[31mnone"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("31mnone"), "{stderr}");
    let (_, stderr, code) = j.run_any(&["checkin", "--confidence", "\x1b[2J"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("^[[2J"), "{stderr}");
    let (_, stderr, code) = j.run_any(&["reflect", "--answer", "\x07\u{9b}"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("^G^9B"), "{stderr}");
}

// ----- CSV formula injection ---------------------------------------------------

/// Reads a CSV export into rows of cells.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// The first row of `kind` whose `column` is not empty, and that cell.
fn cell<'a>(rows: &'a [Vec<String>], kind: &str, column: &str, containing: &str) -> &'a str {
    let at = rows[0]
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    rows.iter()
        .filter(|r| r[0] == kind)
        .map(|r| r[at].as_str())
        .find(|c| c.contains(containing))
        .unwrap_or_else(|| panic!("no {kind} row with {column} holding {containing:?}"))
}

fn formula_journal() -> Hostile {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let mut store = Store::open(&db).expect("store");
    let day = d("2026-11-20");
    let promise = Promise {
        id: "p".into(),
        text: "=cmd|' /C calc'!A0".into(),
        cue: None,
        smaller: None,
        area: Some("@work".into()),
        schedule: Schedule::Daily,
        unit: Some("-pages".into()),
        targets: vec![Target {
            id: "t".into(),
            from: day,
            amount: 10.0,
        }],
        number: 1,
        versions: vec![],
        position: 0,
        created_on: d("2026-11-01"),
        archived_on: None,
        updated_at: t("2026-11-01T08:00"),
    };
    let win = |id: &str, text: &str| Win {
        id: id.into(),
        day,
        text: text.into(),
        area: None,
        created_at: t("2026-11-20T12:00"),
        private: false,
    };
    store
        .write(|w| {
            w.put_promise(&promise)?;
            for (id, day, amount) in [("c1", "2026-11-20", 10.0), ("c2", "2026-11-19", 2.5)] {
                w.put_check(&Check {
                    id: id.into(),
                    promise_id: "p".into(),
                    day: d(day),
                    status: Status::Partial,
                    amount: Some(amount),
                    note: Some("+SUM(1,2)".into()),
                    lesson: Some("-2+3".into()),
                    updated_at: t("2026-11-20T20:00"),
                })?;
            }
            // An amount below zero, as an old import could have left.
            w.put_check(&Check {
                id: "c3".into(),
                promise_id: "p".into(),
                day: d("2026-11-18"),
                status: Status::Missed,
                amount: Some(-1.0),
                note: None,
                lesson: None,
                updated_at: t("2026-11-20T20:00"),
            })?;
            w.put_win(&win("w1", "=HYPERLINK(\"http://evil\",\"x\")"))?;
            w.put_win(&win("w2", "@SUM(A1:A2)"))?;
            w.put_win(&win("w3", "\t=1+1"))?;
            w.put_win(&win("w4", "\r=1+1"))?;
            w.put_win(&win("w5", "sent the email, 2 + 2 = 4"))?;
            w.put_win(&win("w6", "-10 push-ups"))?;
            w.put_checkin(&CheckIn {
                id: "ci".into(),
                day,
                intention: Some("=1".into()),
                confidence: Some(6),
                updated_at: t("2026-11-20T08:00"),
            })?;
            w.put_reflection(&Reflection {
                id: "r".into(),
                day,
                answers: BTreeMap::from([("=key".to_string(), "value".to_string())]),
                mood: Some(5),
                confidence: Some(4),
                updated_at: t("2026-11-20T21:00"),
            })
        })
        .expect("records written");
    drop(store);
    Hostile { dir, db }
}

fn assert_neutralised(text: &str) {
    let rows = csv_rows(text);
    assert_eq!(
        cell(&rows, "win", "text", "HYPERLINK"),
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    assert_eq!(cell(&rows, "win", "text", "SUM"), "'@SUM(A1:A2)");
    assert_eq!(cell(&rows, "win", "text", "\t"), "'\t=1+1");
    assert_eq!(cell(&rows, "win", "text", "^M"), "^M=1+1");
    assert_eq!(
        cell(&rows, "win", "text", "email"),
        "sent the email, 2 + 2 = 4"
    );
    assert_eq!(cell(&rows, "win", "text", "push-ups"), "'-10 push-ups");
    assert_eq!(
        cell(&rows, "check", "promise", "calc"),
        "'=cmd|' /C calc'!A0"
    );
    assert_eq!(cell(&rows, "check", "area", "work"), "'@work");
    assert_eq!(cell(&rows, "check", "unit", "pages"), "'-pages");
    assert_eq!(cell(&rows, "check", "note", "SUM"), "'+SUM(1,2)");
    assert_eq!(cell(&rows, "check", "lesson", "2"), "'-2+3");
    assert_eq!(cell(&rows, "checkin", "text", "1"), "'=1");
    assert_eq!(cell(&rows, "reflection", "text", "key"), "'=key: value");
    // Numbers we write ourselves stay numbers a spreadsheet can add up.
    assert_eq!(cell(&rows, "check", "amount", "10"), "10");
    assert_eq!(cell(&rows, "check", "amount", "2.5"), "2.5");
    assert_eq!(cell(&rows, "check", "amount", "1"), "-1");
    assert_eq!(cell(&rows, "checkin", "confidence", "6"), "6");
    assert_eq!(cell(&rows, "reflection", "mood", "5"), "5");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_open_as_text() {
    let j = formula_journal();
    assert_neutralised(&j.run(&["export", "--format", "csv"]));
    assert_neutralised(&j.run_to_file(&["export", "--format", "csv"], "export.csv"));
}

#[test]
fn other_formats_keep_the_words_as_they_are() {
    let j = formula_journal();
    let markdown = j.run(&["export", "--format", "markdown"]);
    assert!(
        markdown.contains("=HYPERLINK(\"http://evil\",\"x\")"),
        "{markdown}"
    );
    let value: serde_json::Value = serde_json::from_str(&j.run(&["export"])).expect("valid JSON");
    assert_eq!(
        value["wins"][0]["text"],
        "=HYPERLINK(\"http://evil\",\"x\")"
    );
    let today = j.run(&["day", "2026-11-20"]);
    assert!(today.contains("@SUM(A1:A2)"), "{today}");
    assert!(!today.contains("'@SUM"), "{today}");
}
