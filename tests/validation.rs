//! Every way text and values get into the journal — the command line, the
//! full-screen journal, the domain API and imports — holds to the same
//! rules: no control characters are saved, the documented limits hold,
//! days run from 1900-01-01 to today, and an import with one bad record is
//! refused whole, naming it.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{Fixture, d, lived_in, open_at};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};
use smallwins::domain::{Journal, Mark, NewPromise, PromiseEdit, Status};
use smallwins::text::is_unsafe_control;
use smallwins::ui::app::{App, Popup};
use smallwins::ui::theme::Theme;
use tempfile::TempDir;

const NOW: &str = "2026-11-21T08:30";
/// Escape, bell, CSI (C1), backspace, NUL and DEL around some plain text.
const HOSTILE: &str = " \x1b]0;PWNED\x07\x1b[2J\u{9b}31m\x08\x00x\x7f";
/// What the input rule keeps of it.
const CLEANED: &str = " ]0;PWNED[2J31mx";

// ----- the real binary --------------------------------------------------------

struct Cli {
    dir: TempDir,
    db: PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Cli { dir, db }
    }

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

    /// Runs a command that must succeed; returns stdout.
    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Everything in the journal, as the JSON export without `exported_at`;
    /// null while there is no journal file.
    fn data(&self) -> Value {
        if !self.db.exists() {
            return Value::Null;
        }
        let mut value: Value = serde_json::from_str(&self.run(&["export"])).expect("JSON");
        value.as_object_mut().expect("object").remove("exported_at");
        value
    }

    /// A command refused as bad input: exit 2, one sentence on stderr,
    /// nothing on stdout, the journal unchanged. Returns the sentence.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.data();
        let out = self.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(out.status.code(), Some(2), "{:?}: {stderr}", short(args));
        assert!(out.stdout.is_empty(), "{:?} printed to stdout", short(args));
        assert_one_sentence(&stderr);
        assert_eq!(self.data(), before, "{:?} changed the journal", short(args));
        stderr
    }

    /// Writes `value` as a file and imports it; returns the sentence if refused.
    fn import(&self, value: &Value) -> Result<String, String> {
        let file = self.path("import.json");
        std::fs::write(&file, serde_json::to_vec(value).expect("json")).expect("write");
        let file = file.to_str().expect("utf-8 path").to_string();
        let out = self.cmd().args(["import", &file]).output().expect("runs");
        let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
        match out.status.code() {
            Some(0) => Ok(String::from_utf8(out.stdout).expect("utf-8")),
            Some(2) => Err(stderr),
            other => panic!("import exited {other:?}: {stderr}"),
        }
    }
}

fn short(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.chars().take(30).collect()).collect()
}

fn assert_one_sentence(stderr: &str) {
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    let line = stderr.trim_end();
    assert!(line.ends_with('.'), "not a sentence: {line:?}");
    assert!(line.chars().count() < 400, "a very long sentence: {line:?}");
    assert!(
        !line.chars().any(is_unsafe_control),
        "control bytes: {line:?}"
    );
    for technical in ["error:", "Error", "panicked", "SQLITE", "Conversion"] {
        assert!(!line.contains(technical), "technical words in {line:?}");
    }
}

/// Every string anywhere in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

fn assert_no_controls(value: &Value) {
    let mut all = Vec::new();
    strings(value, &mut all);
    for s in all {
        assert!(
            !s.chars().any(is_unsafe_control),
            "saved with controls: {s:?}"
        );
    }
}

// ----- the full-screen journal --------------------------------------------------

fn app(journal: Journal) -> App {
    App::new(journal, Theme::new(false)).expect("app")
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

fn paste(app: &mut App, text: &str) {
    app.handle_event(&Event::Paste(text.to_string()));
}

fn draw(app: &App) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    smallwins::ui::buffer_to_string(terminal.backend().buffer())
}

fn text_box(app: &App) -> (String, Option<String>) {
    match &app.popup {
        Some(Popup::Text(t)) => (t.input.lines().join("\n"), t.error.clone()),
        _ => panic!("a text box should be open"),
    }
}

fn form_error(app: &App) -> Option<String> {
    match &app.popup {
        Some(Popup::Form(f)) => f.error.clone(),
        _ => panic!("a form should be open"),
    }
}

// ----- defect 3: control characters are dropped at input ------------------------

#[test]
fn no_control_character_is_saved_from_any_typed_field() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-21T20:00");
    let day = d("2026-11-21");
    let with = |s: &str| format!("{s}{HOSTILE}");
    let p = j
        .add_promise(NewPromise {
            text: with("Read\nevery\tday"),
            cue: Some(with("after\r\ntea")),
            smaller: Some(with("one page")),
            area: Some(with("mind")),
            target: Some(10.0),
            unit: Some(with("pages")),
            ..NewPromise::default()
        })
        .expect("add");
    let q = j
        .add_promise(NewPromise {
            text: "Stretch".into(),
            ..NewPromise::default()
        })
        .expect("add");
    j.edit_promise(
        &q.id,
        PromiseEdit {
            text: Some(with("Stretch")),
            cue: Some(with("at noon")),
            ..PromiseEdit::default()
        },
    )
    .expect("edit");
    j.mark(
        &p.id,
        day,
        Status::Missed,
        Mark {
            note: Some(with("tired\r\nand late")),
            lesson: Some(with("earlier")),
            ..Mark::default()
        },
    )
    .expect("mark");
    let win = j
        .add_win(day, &with("sent it"), Some(&with("work")))
        .expect("win");
    j.edit_win(&win, &with("sent it, really"))
        .expect("edit win");
    j.check_in(day, Some(&with("calm")), Some(5))
        .expect("check-in");
    let answers = BTreeMap::from([(with("helped"), with("a walk\r\nand tea"))]);
    j.reflect(day, &answers, Some(6), None).expect("reflect");
    j.answer_weekly(d("2026-11-16"), "keep", &with("the walks"))
        .expect("weekly");

    let export = j.export(None, None).expect("export");
    assert_no_controls(&serde_json::to_value(&export).expect("json"));
    let read = export.promises.iter().find(|x| x.id == p.id).expect("read");
    assert_eq!(read.text, format!("Read every day{CLEANED}"));
    for one_line in [
        Some(&read.text),
        read.cue.as_ref(),
        read.smaller.as_ref(),
        read.area.as_ref(),
        read.unit.as_ref(),
    ] {
        let one_line = one_line.expect("kept");
        assert!(!one_line.contains(['\n', '\t']), "{one_line:?}");
    }
    assert_eq!(read.cue, Some(format!("after tea{CLEANED}")));
    assert_eq!(
        export.checks[0].note,
        Some(format!("tired\nand late{CLEANED}")),
        "a note keeps its line break, a carriage return becomes one"
    );
    assert_eq!(
        export.reflections[0]
            .answers
            .get(&format!("helped{CLEANED}")),
        Some(&format!("a walk\nand tea{CLEANED}"))
    );
}

#[test]
fn a_hostile_win_from_the_command_line_is_saved_as_plain_text() {
    let j = Cli::new();
    j.run(&["win", "\x1b]0;PWNED\x07\x1b[2Jsent the email"]);
    j.run(&["promise", "add", "Read\x1b[31m", "--cue", "after\x07 tea"]);
    let data = j.data();
    assert_no_controls(&data);
    assert_eq!(data["wins"][0]["text"], "]0;PWNED[2Jsent the email");
    assert_eq!(data["promises"][0]["text"], "Read[31m");
    assert_eq!(data["promises"][0]["cue"], "after tea");
}

#[test]
fn a_hostile_paste_and_keys_in_the_full_screen_journal_are_saved_as_plain_text() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "w");
    paste(&mut a, "\x1b]0;PWNED\x07called\r\nmum\x1b[2J");
    a.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('\x1b'),
        KeyModifiers::NONE,
    )));
    keys(&mut a, "!");
    key(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none(), "saved");
    let day = open_at(&f.path, NOW).day(d("2026-11-21")).expect("day");
    assert!(
        day.wins.iter().any(|w| w.text == "]0;PWNEDcalled mum[2J!"),
        "{:?}",
        day.wins
    );
}

#[test]
fn control_characters_in_an_import_are_dropped_like_typed_ones() {
    let j = Cli::new();
    j.run(&["promise", "add", "Read"]);
    let mut data = j.data();
    data["exported_at"] = json!("2026-11-21T08:30:00");
    data["promises"][0]["text"] = json!("Read\x1b[2J\nmore");
    data["promises"][0]["updated_at"] = json!("2026-11-21T09:00:00");
    data["wins"] = json!([{
        "id": "0192aaaa-0000-7000-8000-000000000001",
        "day": "2026-11-20",
        "text": "\x1b]0;PWNED\x07called mum",
        "area": "fam\x07ily",
        "created_at": "2026-11-20T10:00:00"
    }]);
    j.import(&data).expect("imported");
    let after = j.data();
    assert_no_controls(&after);
    assert_eq!(after["promises"][0]["text"], "Read[2J more");
    assert_eq!(after["wins"][0]["text"], "]0;PWNEDcalled mum");
    assert_eq!(after["wins"][0]["area"], "family");
}

// ----- defect 4: an import is checked whole before anything is written ----------

const PROMISE_ID: &str = "0192aaaa-0000-7000-8000-0000000000a1";

/// An export with one promise of each kind of record, all valid.
fn good_export() -> Value {
    json!({
        "format": "smallwins-export",
        "version": 1,
        "exported_at": "2026-11-21T08:00:00",
        "from": null,
        "to": null,
        "promises": [{
            "id": PROMISE_ID,
            "text": "Read",
            "cue": "before bed",
            "smaller": "one line",
            "area": "mind",
            "schedule": {"kind": "daily"},
            "unit": "pages",
            "targets": [{"id": "0192aaaa-0000-7000-8000-0000000000b1", "from": "2026-11-01", "amount": 10.0}],
            "position": 0,
            "created_on": "2026-11-01",
            "archived_on": null,
            "updated_at": "2026-11-01T08:00:00"
        }],
        "checks": [{
            "id": "0192aaaa-0000-7000-8000-0000000000c1",
            "promise_id": PROMISE_ID,
            "day": "2026-11-20",
            "status": "partial",
            "amount": 4.0,
            "note": "tired",
            "lesson": null,
            "updated_at": "2026-11-20T21:00:00"
        }],
        "wins": [{
            "id": "0192aaaa-0000-7000-8000-0000000000d1",
            "day": "2026-11-20",
            "text": "called mum",
            "area": null,
            "created_at": "2026-11-20T10:00:00"
        }],
        "checkins": [{
            "id": "0192aaaa-0000-7000-8000-0000000000e1",
            "day": "2026-11-20",
            "intention": "calm",
            "confidence": 6,
            "updated_at": "2026-11-20T08:00:00"
        }],
        "reflections": [{
            "id": "0192aaaa-0000-7000-8000-0000000000f1",
            "day": "2026-11-20",
            "answers": {"helped": "a walk"},
            "mood": 6,
            "confidence": 5,
            "updated_at": "2026-11-20T21:00:00"
        }],
        "reviews": [{
            "id": "0192aaaa-0000-7000-8000-000000000101",
            "week_start": "2026-11-16",
            "answers": {"keep": "the walks"},
            "decisions": [],
            "updated_at": "2026-11-20T21:00:00"
        }]
    })
}

#[test]
fn a_valid_export_imports_every_record() {
    let j = Cli::new();
    j.import(&good_export()).expect("a valid file imports");
    let data = j.data();
    for kind in [
        "promises",
        "checks",
        "wins",
        "checkins",
        "reflections",
        "reviews",
    ] {
        assert_eq!(data[kind].as_array().map(Vec::len), Some(1), "{kind}");
    }
}

#[test]
fn an_empty_weekday_schedule_is_refused_and_the_journal_stays_readable() {
    let j = Cli::new();
    j.run(&["promise", "add", "Stretch"]);
    let mut file = good_export();
    file["promises"][0]["schedule"] = json!({"kind": "weekdays", "days": []});
    let before = j.data();
    let sentence = j.import(&file).expect_err("refused");
    assert_one_sentence(&sentence);
    assert!(sentence.contains(PROMISE_ID), "{sentence}");
    assert!(
        sentence.contains("weekday schedule without any day"),
        "{sentence}"
    );
    assert_eq!(
        j.data(),
        before,
        "nothing was written, not even the good records"
    );
    j.run(&["today"]);
    j.run(&["promise", "list"]);
}

/// A case name, how it spoils a good export, and words the refusal must hold.
type BadRecord = (&'static str, Box<dyn Fn(&mut Value)>, &'static str);

fn bad_records() -> Vec<BadRecord> {
    vec![
        (
            "day 7",
            Box::new(|v| {
                v["promises"][0]["schedule"] = json!({"kind": "weekdays", "days": [0, 7]})
            }),
            "day 7",
        ),
        (
            "0 times",
            Box::new(|v| {
                v["promises"][0]["schedule"] = json!({"kind": "times_per_week", "times": 0})
            }),
            "0 times a week",
        ),
        (
            "255 times",
            Box::new(|v| {
                v["promises"][0]["schedule"] = json!({"kind": "times_per_week", "times": 255})
            }),
            "255 times a week",
        ),
        (
            "negative target",
            Box::new(|v| v["promises"][0]["targets"][0]["amount"] = json!(-1.0)),
            "target of -1",
        ),
        (
            "zero target",
            Box::new(|v| v["promises"][0]["targets"][0]["amount"] = json!(0.0)),
            "target of 0",
        ),
        (
            "huge target",
            Box::new(|v| v["promises"][0]["targets"][0]["amount"] = json!(1e308)),
            "1e308",
        ),
        (
            "long promise",
            Box::new(|v| v["promises"][0]["text"] = json!("p".repeat(201))),
            "201 characters",
        ),
        (
            "empty promise",
            Box::new(|v| v["promises"][0]["text"] = json!(" \u{1b} ")),
            "empty \"text\"",
        ),
        (
            "long unit",
            Box::new(|v| v["promises"][0]["unit"] = json!("u".repeat(100_000))),
            "100,000 characters",
        ),
        (
            "long cue",
            Box::new(|v| v["promises"][0]["cue"] = json!("c".repeat(201))),
            "\"cue\" of 201",
        ),
        (
            "long area",
            Box::new(|v| v["promises"][0]["area"] = json!("a".repeat(41))),
            "\"area\" of 41",
        ),
        (
            "empty id",
            Box::new(|v| v["promises"][0]["id"] = json!("")),
            "empty \"id\"",
        ),
        (
            "year 0",
            Box::new(|v| v["promises"][0]["created_on"] = json!("0000-01-01")),
            "before 1900-01-01",
        ),
        (
            "negative amount",
            Box::new(|v| v["checks"][0]["amount"] = json!(-3.0)),
            "\"amount\" of -3",
        ),
        (
            "unknown promise",
            Box::new(|v| v["checks"][0]["promise_id"] = json!("nobody")),
            "neither in the file nor in the journal",
        ),
        (
            "unknown status",
            Box::new(|v| v["checks"][0]["status"] = json!("done")),
            "0192aaaa-0000-7000-8000-0000000000c1",
        ),
        (
            "two checks",
            Box::new(|v| {
                let mut second = v["checks"][0].clone();
                second["id"] = json!("0192aaaa-0000-7000-8000-0000000000c2");
                v["checks"].as_array_mut().expect("checks").push(second);
            }),
            "second check of the same promise on the same day",
        ),
        (
            "long win",
            Box::new(|v| v["wins"][0]["text"] = json!("w".repeat(2_001))),
            "2,001 characters",
        ),
        (
            "old win",
            Box::new(|v| v["wins"][0]["day"] = json!("1899-12-31")),
            "before 1900-01-01",
        ),
        (
            "duplicate win id",
            Box::new(|v| {
                let mut second = v["wins"][0].clone();
                second["text"] = json!("another");
                v["wins"].as_array_mut().expect("wins").push(second);
            }),
            "same \"id\" as an earlier win",
        ),
        (
            "confidence 11",
            Box::new(|v| v["checkins"][0]["confidence"] = json!(11)),
            "outside 0–10",
        ),
        (
            "long intention",
            Box::new(|v| v["checkins"][0]["intention"] = json!("i".repeat(2_001))),
            "2,001 characters",
        ),
        (
            "mood 200",
            Box::new(|v| v["reflections"][0]["mood"] = json!(200)),
            "outside 0–10",
        ),
        (
            "long answer",
            Box::new(|v| v["reflections"][0]["answers"]["helped"] = json!("h".repeat(20_001))),
            "20,001 characters",
        ),
        (
            "long weekly answer",
            Box::new(|v| v["reviews"][0]["answers"]["keep"] = json!("k".repeat(20_001))),
            "20,001 characters",
        ),
    ]
}

#[test]
fn every_bad_record_refuses_the_whole_import_naming_it() {
    let j = Cli::new();
    j.run(&["win", "already here"]);
    let before = j.data();
    for (case, spoil, expected) in bad_records() {
        let mut file = good_export();
        spoil(&mut file);
        let sentence = j
            .import(&file)
            .expect_err(&format!("{case}: a bad record must be refused"));
        assert_one_sentence(&sentence);
        assert!(sentence.contains(expected), "{case}: {sentence}");
        assert!(
            sentence.starts_with("Nothing was imported"),
            "{case}: {sentence}"
        );
        assert_eq!(j.data(), before, "{case}: something was written");
    }
}

#[test]
fn duplicate_promise_ids_in_one_file_refuse_the_file() {
    let j = Cli::new();
    let mut file = good_export();
    let mut twin = file["promises"][0].clone();
    twin["text"] = json!("Write");
    file["promises"]
        .as_array_mut()
        .expect("promises")
        .push(twin);
    let sentence = j.import(&file).expect_err("refused");
    assert!(
        sentence.contains("same \"id\" as an earlier promise"),
        "{sentence}"
    );
    assert!(
        sentence.contains("Write"),
        "names the second record: {sentence}"
    );
    assert_eq!(
        j.data(),
        Value::Null,
        "nothing was imported, not even a journal"
    );
}

#[test]
fn a_check_may_refer_to_a_promise_already_in_the_journal() {
    let j = Cli::new();
    j.import(&good_export()).expect("first file");
    let mut file = good_export();
    file["promises"] = json!([]);
    file["checks"][0]["id"] = json!("0192aaaa-0000-7000-8000-0000000000c9");
    file["checks"][0]["day"] = json!("2026-11-19");
    j.import(&file).expect("the promise is in the journal");
    assert_eq!(j.data()["checks"].as_array().map(Vec::len), Some(2));
}

#[test]
fn the_domain_refuses_a_bad_import_as_input_not_as_a_damaged_journal() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    let mut file = good_export();
    file["promises"][0]["schedule"] = json!({"kind": "weekdays", "days": []});
    let export = serde_json::from_value(file).expect("fits the format");
    match j.import(&export) {
        Err(e) => assert!(e.is_input(), "{e}"),
        Ok(report) => panic!("imported {report:?}"),
    }
    assert!(j.promises(true).expect("readable").is_empty());
}

#[test]
fn a_journal_that_already_holds_an_unreadable_schedule_still_works_and_says_how_to_fix_it() {
    let j = Cli::new();
    j.run(&["promise", "add", "Stretch"]);
    j.run(&["promise", "add", "Read"]);
    {
        let conn = rusqlite::Connection::open(&j.db).expect("sqlite");
        conn.execute(
            "UPDATE promises SET schedule = 'days:' WHERE text = 'Read'",
            [],
        )
        .expect("spoil");
    }
    for args in [
        &["today"][..],
        &["promise", "list"],
        &["stats"],
        &["export"],
    ] {
        j.run(args);
    }
    j.run(&["kept", "stretch"]);
    let list = j.run(&["promise", "list"]);
    assert!(list.contains("Read (no days chosen)"), "{list}");
    let sentence = j.refused(&["kept", "read"]);
    assert!(sentence.contains("“Read”"), "{sentence}");
    assert!(
        sentence.contains("smallwins promise edit 2 --daily"),
        "{sentence}"
    );
    j.run(&["promise", "edit", "2", "--daily"]);
    j.run(&["kept", "read"]);
}

// ----- defect 5: days from 1900-01-01 to today ----------------------------------

#[test]
fn days_before_1900_or_ahead_are_refused_by_every_command() {
    let j = Cli::new();
    j.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    let early = [
        "0000-01-01",
        "1899-12-31",
        "-999999",
        "-99999999999999999999999999",
    ];
    for day in early {
        let cases: Vec<Vec<&str>> = vec![
            vec!["win", "a", "--date", day],
            vec!["kept", "1", "--date", day],
            vec!["partial", "1", "--date", day],
            vec!["missed", "1", "--date", day],
            vec!["unmark", "1", "--date", day],
            vec!["checkin", "--confidence", "5", "--date", day],
            vec!["reflect", "--mood", "5", "--date", day],
            vec!["day", day],
            vec!["show", "today", "--date", day],
            vec!["review", "--date", day],
            vec!["export", "--from", day],
            vec!["export", "--to", day],
        ];
        for args in cases {
            let sentence = j.refused(&args);
            assert!(
                sentence.contains("before 1900-01-01"),
                "{args:?}: {sentence}"
            );
        }
    }
    let sentence = j.refused(&["review", "--week", "1899-W52"]);
    assert!(sentence.contains("before 1900-01-01"), "{sentence}");
    j.run(&["review", "--week", "1900-W01"]);
    for args in [
        &["win", "a", "--date", "2026-11-22"][..],
        &["day", "2026-11-22"],
        &["export", "--to", "9999-12-31"],
    ] {
        let sentence = j.refused(args);
        assert!(sentence.contains("still ahead"), "{args:?}: {sentence}");
    }
    j.run(&["win", "the first day", "--date", "1900-01-01"]);
    j.run(&["day", "1900-01-01"]);
}

#[test]
fn the_domain_refuses_days_before_1900_from_any_front_end() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    let p = j
        .add_promise(NewPromise {
            text: "Stretch".into(),
            ..NewPromise::default()
        })
        .expect("add");
    let early = d("1899-12-31");
    let refused = |r: Result<(), smallwins::domain::Error>| match r {
        Err(e) => assert!(e.is_input() && e.to_string().contains("1900-01-01"), "{e}"),
        Ok(()) => panic!("a day before 1900 was saved"),
    };
    refused(j.add_win(early, "a", None).map(|_| ()));
    refused(
        j.mark(&p.id, early, Status::Kept, Mark::default())
            .map(|_| ()),
    );
    refused(j.check_in(early, Some("calm"), None).map(|_| ()));
    refused(
        j.reflect(early, &BTreeMap::new(), Some(5), None)
            .map(|_| ()),
    );
}

// ----- defect 12: limits, the same everywhere ----------------------------------

#[test]
fn the_documented_limits_hold_on_the_command_line() {
    let j = Cli::new();
    j.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    let long = |n: usize| "x".repeat(n);
    let (p201, e2001, u41, a20001) = (long(201), long(2_001), long(41), long(20_001));
    let answer = format!("helped={a20001}");
    let (name, number) = (long(100_000), "9".repeat(100_000));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["win", &e2001],
            "2,001 characters long; keep it to 2,000",
        ),
        (
            vec!["promise", "add", &p201],
            "201 characters long; keep it to 200",
        ),
        (
            vec!["promise", "add", "x", "--cue", &p201],
            "The cue is 201",
        ),
        (
            vec!["promise", "add", "x", "--smaller", &p201],
            "The smaller version is 201",
        ),
        (
            vec!["promise", "add", "x", "--target", "1", "--unit", &u41],
            "The unit is 41",
        ),
        (
            vec!["promise", "add", "x", "--area", &u41],
            "The area is 41",
        ),
        (
            vec!["promise", "edit", "1", "--unit", &u41],
            "The unit is 41",
        ),
        (vec!["win", "x", "--area", &u41], "The area is 41"),
        (vec!["promise", "add", "x", "--times-per-week", "0"], "1–7"),
        (vec!["promise", "add", "x", "--times-per-week", "8"], "1–7"),
        (
            vec!["promise", "add", "x", "--times-per-week", "255"],
            "1–7",
        ),
        (
            vec!["promise", "add", "x", "--target", "-1", "--unit", "m"],
            "above zero",
        ),
        (
            vec!["promise", "add", "x", "--target", "0", "--unit", "m"],
            "above zero",
        ),
        (
            vec!["promise", "edit", "1", "--target", "1000000001"],
            "up to 1,000,000,000",
        ),
        (vec!["kept", "1", "--amount", "-3"], "zero or more"),
        (
            vec!["kept", "1", "--amount", "1e400"],
            "\"1e400\" is not a number",
        ),
        (
            vec!["kept", "1", "--amount", "NaN"],
            "\"NaN\" is not a number",
        ),
        (vec!["missed", "1", "--note", &e2001], "The note is 2,001"),
        (
            vec!["missed", "1", "--lesson", &e2001],
            "The lesson is 2,001",
        ),
        (
            vec!["checkin", "--intention", &e2001],
            "The intention is 2,001",
        ),
        (vec!["reflect", "--answer", &answer], "The answer is 20,001"),
        // A promise named by a huge text is quoted short.
        (vec!["kept", &name], "No promise starts with \"xxx"),
        (vec!["kept", &number], "There is no promise number 999"),
        (
            vec!["promise", "add", "x", "--days", &name],
            "is not a weekday",
        ),
        (
            vec!["promise", "add", "x", "--times-per-week", &name],
            "not a number of days",
        ),
        (
            vec!["checkin", "--confidence", &name],
            "is not a confidence rating",
        ),
        (vec!["reflect", "--answer", &name], "has no '='"),
    ];
    for (args, expected) in cases {
        let sentence = j.refused(&args);
        assert!(
            sentence.contains(expected),
            "{:?}: {sentence}",
            short(&args)
        );
    }
    j.run(&["win", &long(2_000)]);
    j.run(&[
        "promise",
        "add",
        &long(200),
        "--target",
        "1000000000",
        "--unit",
        &long(40),
    ]);
    j.run(&["kept", "1", "--amount", "0"]);
}

#[test]
fn a_huge_amount_is_named_in_a_short_sentence() {
    let j = Cli::new();
    j.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    for args in [
        &["kept", "1", "--amount", "1e308"][..],
        &["promise", "add", "x", "--target", "1e308", "--unit", "m"],
    ] {
        let sentence = j.refused(args);
        assert!(sentence.starts_with("1e308 is not"), "{sentence}");
        assert!(!sentence.contains("00000000"), "{sentence}");
    }
}

#[test]
fn a_five_million_character_win_is_refused_fast_and_nothing_is_saved() {
    // Too long for one argument of a real process, so clap parses it here,
    // exactly as the binary does.
    let j = Cli::new();
    j.run(&["win", "before"]);
    let huge = "w".repeat(5_000_000);
    let db = j.db.to_str().expect("utf-8").to_string();
    let config = j.path("no-config.toml");
    let args = [
        "smallwins",
        "--db",
        &db,
        "--config",
        config.to_str().expect("utf-8"),
        "win",
        &huge,
    ];
    let cli = <smallwins::cli::Cli as clap::Parser>::try_parse_from(args).expect("parses");
    let started = Instant::now();
    let result = smallwins::cli::run(cli);
    let took = started.elapsed();
    match result {
        Err(e) => {
            assert_eq!(
                e.message(),
                "The win is 5,000,000 characters long; keep it to 2,000 characters or fewer."
            );
            assert_eq!(e.exit_code(), std::process::ExitCode::from(2));
        }
        Ok(out) => panic!("saved: {}", out.chars().take(80).collect::<String>()),
    }
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let wins = j.data()["wins"].clone();
    assert_eq!(
        wins.as_array().map(Vec::len),
        Some(1),
        "only the earlier win"
    );
}

#[test]
fn a_one_megabyte_paste_is_refused_with_a_sentence_and_the_app_stays_responsive() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    let megabyte = "all work and no play ".repeat(50_000);
    keys(&mut a, "w");
    keys(&mut a, "kept going");
    let started = Instant::now();
    paste(&mut a, &megabyte);
    let screen = draw(&a);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "a 1 MB paste took {took:?}");
    let (text, error) = text_box(&a);
    assert_eq!(text, "kept going", "nothing of the paste went in");
    let error = error.expect("a sentence");
    assert!(error.contains("nothing was pasted"), "{error}");
    assert!(error.contains("2,000"), "{error}");
    assert!(screen.contains("nothing was pasted"), "{screen}");
    key(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none());
    let saved = open_at(&f.path, NOW).day(d("2026-11-21")).expect("day");
    assert!(saved.wins.iter().any(|w| w.text == "kept going"));
    assert!(saved.wins.iter().all(|w| w.text.len() <= 2_000));
}

#[test]
fn a_text_box_takes_no_more_than_its_limit_typed_or_pasted() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "w");
    paste(&mut a, &"y".repeat(1_999));
    assert_eq!(
        text_box(&a).0.chars().count(),
        1_999,
        "a paste that fits goes in"
    );
    keys(&mut a, "zz");
    let (text, error) = text_box(&a);
    assert_eq!(text.chars().count(), 2_000, "the box stops at 2,000");
    assert!(error.is_some_and(|e| e.contains("holds up to 2,000")));
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "!");
    assert!(text_box(&a).0.ends_with("y!"), "editing keys still work");
    key(&mut a, KeyCode::Enter);
    assert!(
        a.popup.is_none(),
        "a win of exactly 2,000 characters is saved"
    );
}

#[test]
fn a_huge_paste_into_an_answer_or_a_promise_form_is_refused() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    // An evening answer holds 20,000 characters, on several lines.
    keys(&mut a, "r");
    key(&mut a, KeyCode::Enter);
    paste(&mut a, &"line\n".repeat(200_000));
    let (text, error) = text_box(&a);
    assert_eq!(text, "");
    assert!(error.is_some_and(|e| e.contains("holds 20,000")));
    paste(&mut a, "first\r\nsecond");
    assert_eq!(text_box(&a), ("first\nsecond".to_string(), None));
    key(&mut a, KeyCode::Esc);
    // The promise form: its first field holds 200 characters.
    key(&mut a, KeyCode::Char('4'));
    keys(&mut a, "a");
    paste(&mut a, &"p".repeat(201));
    assert!(form_error(&a).is_some_and(|e| e.contains("201 characters")));
    key(&mut a, KeyCode::Esc);
    // A unit, given in the target field, holds 40 characters.
    keys(&mut a, "a");
    paste(&mut a, "Walk");
    for _ in 0..5 {
        key(&mut a, KeyCode::Tab);
    }
    paste(&mut a, &format!("10 {}", "u".repeat(41)));
    key(&mut a, KeyCode::Enter);
    assert!(
        form_error(&a).is_some_and(|e| e.contains("The unit is 41")),
        "{:?}",
        form_error(&a)
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.journal.promises(true).expect("promises").len(), 3);
    let started = Instant::now();
    paste(&mut a, &"x".repeat(1 << 20));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(a.popup.is_none(), "a paste with no box open opens nothing");
}

#[test]
fn a_schedule_far_outside_a_week_says_the_number_that_was_typed() {
    let e = smallwins::ui::app::parse_schedule("300/week").expect_err("refused");
    assert!(
        e.to_string().starts_with("300 times a week is outside 1–7"),
        "{e}"
    );
}
