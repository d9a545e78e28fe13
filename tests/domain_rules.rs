//! The journal's rules, each decided in one place, and errors that reach
//! the person instead of being swallowed.

mod common;

use assert_cmd::Command;
use common::{Fixture, d};
use smallwins::domain::{Journal, NewPromise, Schedule};

fn add(j: &mut Journal, text: &str, schedule: Schedule) -> String {
    j.add_promise(NewPromise {
        text: text.into(),
        schedule: Some(schedule),
        ..NewPromise::default()
    })
    .expect("add")
    .id
}

// ----- errors that reach the person ----------------------------------------------

/// A record in the journal that cannot be read must stop an import, not be
/// taken for "no record yet" and overwritten.
#[test]
fn an_import_over_an_unreadable_record_stops_and_changes_nothing() {
    let source = Fixture::new();
    let mut a = source.open("2026-11-21T08:30");
    let answers = std::collections::BTreeMap::from([("helped".to_string(), "a walk".to_string())]);
    a.reflect(d("2026-11-20"), &answers, Some(6), None)
        .expect("reflect");
    let data = a.export(None, None).expect("export");

    let target = Fixture::new();
    let mut b = target.open("2026-11-21T08:30");
    let other = std::collections::BTreeMap::from([("helped".to_string(), "tea".to_string())]);
    b.reflect(d("2026-11-20"), &other, Some(3), None)
        .expect("reflect");
    drop(b);
    let conn = rusqlite::Connection::open(&target.path).expect("open the file");
    conn.execute("UPDATE reflections SET updated_at = 'not a time'", [])
        .expect("spoil the time");
    drop(conn);

    let mut b = target.open("2026-11-21T08:30");
    let err = b
        .import(&data)
        .expect_err("the journal's own record cannot be read");
    assert!(!err.is_input(), "{err}");
    let conn = rusqlite::Connection::open(&target.path).expect("open the file");
    let answers: String = conn
        .query_row("SELECT answers FROM reflections", [], |r| r.get(0))
        .expect("the reflection is still there");
    assert!(answers.contains("tea"), "{answers}");
}

/// Export, backup and import summaries list the weekly reviews they
/// carried, so their parts add up to the total.
#[test]
fn import_and_export_summaries_count_weekly_reviews() {
    let source = Fixture::new();
    let mut j = source.open("2026-11-21T08:30");
    add(&mut j, "Walk", Schedule::Daily);
    j.answer_weekly(d("2026-11-16"), "helped", "the walks after lunch")
        .expect("weekly answer");
    drop(j);
    let file = source.dir.path().join("export.json");
    let out = run(
        &source.path,
        &["export", "--out", file.to_str().expect("utf-8")],
    );
    assert!(
        out.starts_with("Exported 1 promise, 0 checks, 0 wins, 0 check-ins, 0 reflections, 1 weekly review as json"),
        "{out}"
    );

    let copy = source.dir.path().join("copy.db");
    let out = run(&source.path, &["backup", copy.to_str().expect("utf-8")]);
    assert!(
        out.contains("(1 promise, 0 checks, 0 wins, 0 check-ins, 0 reflections, 1 weekly review)"),
        "{out}"
    );

    let target = Fixture::new();
    let out = run(&target.path, &["import", file.to_str().expect("utf-8")]);
    assert!(
        out.contains(
            "2 records added or updated (1 promise, 0 checks, 0 wins, 0 check-ins, 0 reflections, 1 weekly review)"
        ),
        "{out}"
    );
}

#[test]
fn a_summary_without_weekly_reviews_reads_as_before() {
    let source = Fixture::new();
    let mut j = source.open("2026-11-21T08:30");
    add(&mut j, "Walk", Schedule::Daily);
    drop(j);
    let file = source.dir.path().join("export.json");
    let out = run(
        &source.path,
        &["export", "--out", file.to_str().expect("utf-8")],
    );
    assert!(
        out.starts_with("Exported 1 promise, 0 checks, 0 wins, 0 check-ins, 0 reflections as json"),
        "{out}"
    );
}

/// Runs the real binary on `db` with the clock of these tests.
fn run(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", "2026-11-21T08:30")
        .env_remove("SMALLWINS_DB")
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(db.with_file_name("no-config.toml"))
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}
