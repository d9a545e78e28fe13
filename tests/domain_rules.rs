//! The journal's rules, each decided in one place: what a day asked of a
//! promise and how it went (the calendar, the weekly numbers, the trust gap
//! and the patterns all ask the same function), and errors that reach the
//! person instead of being swallowed.

mod common;

use assert_cmd::Command;
use common::{Fixture, at, d};
use smallwins::domain::{Clock, DayMark, Journal, Mark, NewPromise, Schedule, Status};

fn add(j: &mut Journal, text: &str, schedule: Schedule) -> String {
    j.add_promise(NewPromise {
        text: text.into(),
        schedule: Some(schedule),
        ..NewPromise::default()
    })
    .expect("add")
    .id
}

fn mark_on(j: &Journal, day: &str) -> DayMark {
    let day = d(day);
    j.marks(day, day).expect("marks")[0].1
}

// ----- one rule for what a day asked --------------------------------------------

/// A three-times-a-week promise asks for three days of the week, not for
/// any one day: a day it was marked missed asked nothing of it. The calendar
/// used to count that day as asked and not kept, while the trust gap and the
/// patterns did not; the calendar was wrong.
#[test]
fn a_flexible_promise_marked_missed_does_not_make_a_day_only_partly_kept() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-09T08:00");
    let stretch = add(&mut j, "Stretch", Schedule::Daily);
    let friend = add(&mut j, "Call a friend", Schedule::TimesPerWeek { times: 3 });
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    j.mark(&stretch, d("2026-11-17"), Status::Kept, Mark::default())
        .expect("mark");
    j.mark(&friend, d("2026-11-17"), Status::Missed, Mark::default())
        .expect("mark");
    assert_eq!(mark_on(&j, "2026-11-17"), DayMark::AllKept);

    // Kept, it counts, on the calendar and in the week.
    j.mark(&friend, d("2026-11-19"), Status::Kept, Mark::default())
        .expect("mark");
    j.mark(&stretch, d("2026-11-19"), Status::Kept, Mark::default())
        .expect("mark");
    assert_eq!(mark_on(&j, "2026-11-19"), DayMark::AllKept);
    let week = j.week(d("2026-11-16")).expect("week");
    let friend_week = week
        .promises
        .iter()
        .find(|p| p.promise_id == friend)
        .expect("the friend promise in the week");
    assert_eq!((friend_week.kept, friend_week.asked), (1, 3));
}

#[test]
fn a_day_when_only_a_flexible_promise_was_marked_missed_asked_nothing() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-09T08:00");
    let friend = add(&mut j, "Call a friend", Schedule::TimesPerWeek { times: 3 });
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    j.mark(&friend, d("2026-11-18"), Status::Missed, Mark::default())
        .expect("mark");
    assert_eq!(mark_on(&j, "2026-11-18"), DayMark::NotScheduled);
}

/// A promise asks nothing before the day it was added: a miss marked on an
/// earlier day is not a miss of what the day asked. The calendar used to
/// show that day as "none kept"; the trust gap and the patterns already
/// left it out.
#[test]
fn a_miss_marked_before_a_promise_existed_asks_nothing_of_that_day() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-18T08:00");
    let walk = add(&mut j, "Walk", Schedule::Daily);
    j.mark(&walk, d("2026-11-17"), Status::Missed, Mark::default())
        .expect("mark");
    assert_eq!(mark_on(&j, "2026-11-17"), DayMark::NoPromise);
    j.mark(&walk, d("2026-11-18"), Status::Missed, Mark::default())
        .expect("mark");
    assert_eq!(mark_on(&j, "2026-11-18"), DayMark::NoneKept);
}

/// If it happened, it counts: a promise kept on a day before it was added
/// counts as showing up that day. The calendar already counted it; the
/// trust gap (how the day went beside the morning's confidence) did not,
/// and was wrong.
#[test]
fn a_promise_kept_before_it_was_added_counts_in_the_trust_gap_as_on_the_calendar() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-16T08:00");
    let stretch = add(&mut j, "Stretch", Schedule::Daily);
    j.set_clock(Clock::Fixed(at("2026-11-18T08:00")));
    let read = add(&mut j, "Read", Schedule::Daily);
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    // Tuesday the 17th: stretch missed, read (added on the 18th) kept.
    j.mark(&stretch, d("2026-11-17"), Status::Missed, Mark::default())
        .expect("mark");
    j.mark(&read, d("2026-11-17"), Status::Kept, Mark::default())
        .expect("mark");
    j.check_in(d("2026-11-17"), None, Some(4))
        .expect("check-in");

    assert_eq!(mark_on(&j, "2026-11-17"), DayMark::SomeKept);
    let week = j
        .evidence()
        .expect("evidence")
        .weeks
        .pop()
        .expect("this week");
    assert_eq!(week.start, d("2026-11-16"));
    // One of the two promises that counted that day: 5 out of 10.
    assert_eq!(week.kept_on_checkin_days, Some(5.0));
    assert_eq!(week.confidence_on_checkin_days, Some(4.0));
}

/// The calendar and the evidence agree, day by day, on whether a day asked
/// anything at all.
#[test]
fn the_calendar_and_the_day_shares_agree_on_every_day() {
    let f = Fixture::new();
    let mut j = common::lived_in(&f.path);
    let friend = add(&mut j, "Call a friend", Schedule::TimesPerWeek { times: 2 });
    for (day, status) in [
        ("2026-11-03", Status::Missed),
        ("2026-11-04", Status::Kept),
        ("2026-11-12", Status::Partial),
        ("2026-11-13", Status::Missed),
    ] {
        j.mark(&friend, d(day), status, Mark::default())
            .expect("mark");
    }
    let from = d("2026-10-26");
    let to = d("2026-11-20");
    let promises = j.promises(true).expect("promises");
    let checks = j.export(Some(from), Some(to)).expect("export").checks;
    for (day, mark) in j.marks(from, to).expect("marks") {
        let on_day: Vec<&smallwins::domain::Check> =
            checks.iter().filter(|c| c.day == day).collect();
        let (shown, asked) = smallwins::domain::evidence::day_share(&promises, &on_day, day);
        let expected = match (shown, asked) {
            (_, 0) => vec![DayMark::NotScheduled, DayMark::NoPromise],
            (0, _) => vec![DayMark::NoneKept, DayMark::NotRecorded],
            _ => vec![DayMark::AllKept, DayMark::AllShown, DayMark::SomeKept],
        };
        assert!(
            expected.contains(&mark),
            "{day}: {mark:?} but {shown} of {asked}"
        );
    }
}

// ----- errors that reach the person ----------------------------------------------

#[test]
fn the_number_of_a_promise_that_is_not_there_is_an_error_not_zero() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-21T08:30");
    let walk = add(&mut j, "Walk", Schedule::Daily);
    assert_eq!(j.number_of(&walk).expect("number"), 1);
    let err = j
        .number_of("0000-no-such-promise")
        .expect_err("no promise has that id");
    assert!(err.is_input(), "{err}");
    assert!(
        err.to_string().contains("no longer in the journal"),
        "{err}"
    );
}

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
            "2 records added (1 promise, 0 checks, 0 wins, 0 check-ins, 0 reflections, 1 weekly review)"
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
