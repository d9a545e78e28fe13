//! Bugs found while writing the store and journal tests, kept fixed.

use chrono::{NaiveDate, NaiveDateTime};
use smallwins::config::Config;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Schedule, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}
fn open(dir: &tempfile::TempDir, now: &str) -> Journal {
    Journal::open(
        &dir.path().join("j.db"),
        Clock::Fixed(at(now)),
        Config::default(),
    )
    .unwrap()
}
fn p(text: &str) -> NewPromise {
    NewPromise {
        text: text.into(),
        schedule: Some(Schedule::Daily),
        ..Default::default()
    }
}

#[test]
fn an_unbounded_export_holds_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 09:00");
    j.add_win(d("2026-11-21"), "x", None).unwrap();
    let e = j.export(None, None).unwrap();
    assert_eq!(e.wins.len(), 1, "export(None, None) lost the win");
}

#[test]
fn an_export_from_a_day_on_holds_every_later_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 09:00");
    j.add_win(d("2026-11-21"), "x", None).unwrap();
    let e = j.export(Some(d("2026-11-01")), None).unwrap();
    assert_eq!(e.wins.len(), 1);
}

#[test]
fn undo_of_a_move_after_bringing_back_restores_positions() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 09:00");
    let a = j.add_promise(p("A")).unwrap();
    let b = j.add_promise(p("B")).unwrap();
    let _c = j.add_promise(p("C")).unwrap();
    j.archive_promise(&b.id).unwrap();
    j.unarchive_promise(&b.id).unwrap();
    let before: Vec<(String, i64)> = j
        .promises(true)
        .unwrap()
        .into_iter()
        .map(|p| (p.text, p.position))
        .collect();
    j.move_promise(&b.id, -1).unwrap();
    j.undo().unwrap();
    let after: Vec<(String, i64)> = j
        .promises(true)
        .unwrap()
        .into_iter()
        .map(|p| (p.text, p.position))
        .collect();
    let _ = a;
    assert_eq!(after, before);
}

#[test]
fn remarking_a_kept_measure_as_missed_drops_the_amount() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 21:00");
    let r = j
        .add_promise(NewPromise {
            target: Some(10.0),
            unit: Some("pages".into()),
            ..p("Read")
        })
        .unwrap();
    j.mark(&r.id, d("2026-11-21"), Status::Kept, Mark::default())
        .unwrap();
    let c = j
        .mark(
            &r.id,
            d("2026-11-21"),
            Status::Missed,
            Mark {
                note: Some("fell asleep".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        c.amount, None,
        "a missed check says {:?} pages were read",
        c.amount
    );
}

#[test]
fn undo_after_an_import_does_not_erase_imported_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 09:00");
    let a = j.add_promise(p("A")).unwrap();
    j.mark(&a.id, d("2026-11-21"), Status::Missed, Mark::default())
        .unwrap();
    let mut e = j
        .export(Some(d("1900-01-01")), Some(d("9999-12-31")))
        .unwrap();
    e.checks[0].id = smallwins::domain::model::new_id();
    e.checks[0].status = Status::Kept;
    e.checks[0].updated_at = at("2026-11-21 10:00");
    assert_eq!(j.import(&e).unwrap().updated.checks, 1);
    j.undo().unwrap();
    assert!(
        j.day(d("2026-11-21")).unwrap().items[0].check.is_some(),
        "the imported check is gone"
    );
}

#[test]
fn an_export_from_a_newer_format_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = open(&dir, "2026-11-21 09:00");
    j.add_win(d("2026-11-21"), "x", None).unwrap();
    let mut e = j.export(None, None).unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = open(&other_dir, "2026-11-21 09:00");
    e.version = smallwins::store::EXPORT_VERSION + 1;
    let err = other.import(&e).unwrap_err();
    assert!(err.is_input());
    assert!(err.to_string().contains("newer smallwins"), "{err}");
    assert!(other.counts().unwrap().is_empty());
}
