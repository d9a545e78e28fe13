//! The rules of the journal, through the `Journal` API, on a real file with
//! the clock fixed.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use smallwins::config::Config;
use smallwins::domain::{
    Clock, DayMark, Journal, Mark, NewPromise, Promise, PromiseEdit, Schedule, Status,
    status_for_amount,
};
use smallwins::store::Export;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
}

fn open_with(dir: &tempfile::TempDir, now: &str, config: Config) -> Journal {
    Journal::open(
        &dir.path().join("journal.db"),
        Clock::Fixed(at(now)),
        config,
    )
    .expect("open a journal")
}

fn open(dir: &tempfile::TempDir, now: &str) -> Journal {
    open_with(dir, now, Config::default())
}

fn set_now(j: &mut Journal, now: &str) {
    j.set_clock(Clock::Fixed(at(now)));
}

fn yes_no(text: &str, schedule: Schedule) -> NewPromise {
    NewPromise {
        text: text.into(),
        schedule: Some(schedule),
        ..NewPromise::default()
    }
}

fn measure(text: &str, target: f64, unit: &str) -> NewPromise {
    NewPromise {
        text: text.into(),
        target: Some(target),
        unit: Some(unit.into()),
        ..NewPromise::default()
    }
}

fn note(text: &str) -> Mark {
    Mark {
        note: Some(text.into()),
        ..Mark::default()
    }
}

/// Everything in the journal file, without the moment of the export.
fn state(j: &Journal) -> Export {
    let mut e = j
        .export(Some(d("1000-01-01")), Some(d("9999-12-31")))
        .expect("export");
    e.exported_at = NaiveDateTime::default();
    e
}

fn input_error<T: std::fmt::Debug>(result: smallwins::domain::Result<T>) -> String {
    match result {
        Err(e) if e.is_input() => e.to_string(),
        other => panic!("expected a message for the person, got {other:?}"),
    }
}

// ----- undo -------------------------------------------------------------

/// A journal with a little of everything, a few days in.
struct Fixture {
    _dir: tempfile::TempDir,
    j: Journal,
    stretch: Promise,
    read: Promise,
    walk: Promise,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-16 08:00");
    let stretch = j
        .add_promise(NewPromise {
            cue: Some("after my morning coffee".into()),
            smaller: Some("touch my toes once".into()),
            ..yes_no("Stretch for ten seconds", Schedule::Daily)
        })
        .expect("stretch");
    let read = j
        .add_promise(measure("Read before bed", 10.0, "pages"))
        .expect("read");
    let walk = j
        .add_promise(yes_no(
            "Go for a short walk",
            Schedule::parse_days("mon,wed,fri").expect("days"),
        ))
        .expect("walk");
    set_now(&mut j, "2026-11-16 21:00");
    j.mark(
        &stretch.id,
        d("2026-11-16"),
        Status::Kept,
        note("with the coffee"),
    )
    .expect("mark");
    j.mark(
        &read.id,
        d("2026-11-16"),
        Status::Partial,
        Mark {
            amount: Some(4.0),
            ..Mark::default()
        },
    )
    .expect("mark");
    j.add_win(
        d("2026-11-16"),
        "Sent the email I was avoiding",
        Some("work"),
    )
    .expect("win");
    j.check_in(d("2026-11-16"), Some("Keep it small."), Some(5))
        .expect("check-in");
    let answers = BTreeMap::from([("helped".to_string(), "Coffee first.".to_string())]);
    j.reflect(d("2026-11-16"), &answers, Some(6), Some(5))
        .expect("reflect");
    set_now(&mut j, "2026-11-18 20:00");
    j.clear_undo();
    Fixture {
        _dir: dir,
        j,
        stretch,
        read,
        walk,
    }
}

/// Makes one change, checks it changed something, undoes it and checks the
/// journal file holds exactly what it held before.
fn assert_undo_restores(j: &mut Journal, label: &str, change: impl FnOnce(&mut Journal)) {
    j.clear_undo();
    let before = state(j);
    let generation = j.generation();
    change(j);
    assert_ne!(state(j), before, "{label}: the change changed something");
    assert!(j.can_undo());
    assert_eq!(
        j.undo().expect("undo").map(|u| u.label).as_deref(),
        Some(label)
    );
    assert_eq!(state(j), before, "{label}: undo put everything back");
    assert!(j.generation() > generation);
    assert!(!j.can_undo());
    assert_eq!(j.undo().expect("nothing left"), None);
}

#[test]
fn undo_of_adding_a_promise_removes_it() {
    let mut f = fixture();
    assert_undo_restores(&mut f.j, "added “Drink a glass of water”", |j| {
        j.add_promise(yes_no("Drink a glass of water", Schedule::Daily))
            .expect("add");
    });
    assert!(f.j.find_promise("drink").is_err());
}

#[test]
fn undo_of_an_edit_restores_text_schedule_and_target_history() {
    let mut f = fixture();
    let read = f.read.id.clone();
    assert_undo_restores(&mut f.j, "edited “Read in bed”", |j| {
        j.edit_promise(
            &read,
            PromiseEdit {
                text: Some("Read in bed".into()),
                cue: Some("lights low".into()),
                schedule: Some(Schedule::TimesPerWeek { times: 5 }),
                target: Some(5.0),
                ..PromiseEdit::default()
            },
        )
        .expect("edit");
    });
    assert_eq!(f.j.find_promise("read").expect("read"), f.read);
}

#[test]
fn undo_of_archiving_and_of_bringing_back() {
    let mut f = fixture();
    let walk = f.walk.id.clone();
    assert_undo_restores(&mut f.j, "archived “Go for a short walk”", |j| {
        j.archive_promise(&walk).expect("archive");
    });
    f.j.archive_promise(&walk).expect("archive");
    assert_undo_restores(&mut f.j, "brought back “Go for a short walk”", |j| {
        j.unarchive_promise(&walk).expect("bring back");
    });
}

#[test]
fn undo_of_a_move_restores_the_order() {
    let mut f = fixture();
    let walk = f.walk.id.clone();
    assert_undo_restores(&mut f.j, "moved a promise", |j| {
        j.move_promise(&walk, -2).expect("move to the top");
    });
    let texts: Vec<String> =
        f.j.promises(false)
            .expect("list")
            .into_iter()
            .map(|p| p.text)
            .collect();
    assert_eq!(
        texts,
        [
            "Stretch for ten seconds",
            "Read before bed",
            "Go for a short walk"
        ]
    );
}

#[test]
fn undo_of_marks_new_replaced_and_cleared() {
    let mut f = fixture();
    let (stretch, read, walk) = (f.stretch.id.clone(), f.read.id.clone(), f.walk.id.clone());
    // A first mark on a day.
    assert_undo_restores(&mut f.j, "marked “Go for a short walk” kept", |j| {
        j.mark(&walk, d("2026-11-18"), Status::Kept, Mark::default())
            .expect("mark");
    });
    // A mark replacing another, with a note and a lesson.
    assert_undo_restores(
        &mut f.j,
        "marked “Stretch for ten seconds” missed",
        |j| {
            j.mark(
                &stretch,
                d("2026-11-16"),
                Status::Missed,
                Mark {
                    note: Some("Rushed out".into()),
                    lesson: Some("Mat by the kettle".into()),
                    ..Mark::default()
                },
            )
            .expect("mark");
        },
    );
    assert_undo_restores(&mut f.j, "marked “Read before bed” partly kept", |j| {
        j.mark(
            &read,
            d("2026-11-16"),
            Status::Partial,
            Mark {
                amount: Some(9.0),
                ..Mark::default()
            },
        )
        .expect("mark");
    });
    // Clearing a mark, and putting it back.
    assert_undo_restores(&mut f.j, "cleared a mark", |j| {
        j.unmark(&stretch, d("2026-11-16")).expect("unmark");
    });
    let check = f.j.day(d("2026-11-16")).expect("day").items[0]
        .check
        .clone();
    assert_eq!(
        check.and_then(|c| c.note).as_deref(),
        Some("with the coffee")
    );
}

#[test]
fn undo_of_toggling_kept_both_ways() {
    let mut f = fixture();
    let (stretch, walk) = (f.stretch.id.clone(), f.walk.id.clone());
    assert_undo_restores(&mut f.j, "marked “Go for a short walk” kept", |j| {
        let check = j.toggle_kept(&walk, d("2026-11-18")).expect("toggle");
        assert_eq!(check.map(|c| c.status), Some(Status::Kept));
    });
    assert_undo_restores(&mut f.j, "cleared a mark", |j| {
        let check = j.toggle_kept(&stretch, d("2026-11-16")).expect("toggle");
        assert_eq!(check, None);
    });
}

#[test]
fn undo_of_adding_editing_and_deleting_a_win() {
    let mut f = fixture();
    let win = f.j.day(d("2026-11-16")).expect("day").wins[0].clone();
    assert_undo_restores(&mut f.j, "added a win", |j| {
        j.add_win(d("2026-11-18"), "Took the stairs", Some("health"))
            .expect("win");
    });
    let w = win.clone();
    assert_undo_restores(&mut f.j, "edited a win", |j| {
        j.edit_win(&w, "Sent the email, finally").expect("edit");
    });
    let w = win.clone();
    assert_undo_restores(&mut f.j, "deleted a win", |j| {
        j.delete_win(&w).expect("delete");
    });
    assert_eq!(f.j.day(d("2026-11-16")).expect("day").wins, vec![win]);
}

#[test]
fn undo_of_check_ins_and_reflections_new_and_updated() {
    let mut f = fixture();
    assert_undo_restores(&mut f.j, "saved the check-in", |j| {
        j.check_in(d("2026-11-18"), Some("Walk at lunch."), Some(6))
            .expect("check-in");
    });
    assert_undo_restores(&mut f.j, "saved the check-in", |j| {
        j.check_in(d("2026-11-16"), None, Some(9)).expect("update");
    });
    let answers = BTreeMap::from([
        ("in_the_way".to_string(), "Meetings.".to_string()),
        ("adjust".to_string(), "Walk at 12:30.".to_string()),
    ]);
    assert_undo_restores(&mut f.j, "saved the reflection", |j| {
        j.reflect(d("2026-11-18"), &answers, Some(7), None)
            .expect("reflect");
    });
    let removal = BTreeMap::from([("helped".to_string(), String::new())]);
    assert_undo_restores(&mut f.j, "saved the reflection", |j| {
        let r = j
            .reflect(d("2026-11-16"), &removal, None, Some(8))
            .expect("update");
        assert!(r.answers.is_empty() && r.mood == Some(6));
    });
}

#[test]
fn undo_walks_back_through_many_changes_in_order() {
    let mut f = fixture();
    let start = state(&f.j);
    let new =
        f.j.add_promise(yes_no("Drink a glass of water", Schedule::Daily))
            .expect("add");
    f.j.mark(&new.id, d("2026-11-18"), Status::Kept, Mark::default())
        .expect("mark");
    f.j.archive_promise(&f.stretch.id).expect("archive");
    let win =
        f.j.add_win(d("2026-11-18"), "Watered the plants", None)
            .expect("win");
    f.j.delete_win(&win).expect("delete");
    let labels: Vec<String> =
        std::iter::from_fn(|| f.j.undo().expect("undo").map(|u| u.label)).collect();
    assert_eq!(
        labels,
        [
            "deleted a win",
            "added a win",
            "archived “Stretch for ten seconds”",
            "marked “Drink a glass of water” kept",
            "added “Drink a glass of water”",
        ]
    );
    assert_eq!(state(&f.j), start);
}

// ----- finding promises ----------------------------------------------------

#[test]
fn promises_are_found_by_number_or_by_the_start_of_their_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-16 08:00");
    for text in [
        "Stretch for ten seconds",
        "Read before bed",
        "Read the news headlines",
        "Go for a short walk",
        "Stretch the calves",
    ] {
        j.add_promise(yes_no(text, Schedule::Daily)).expect("add");
    }
    let calves = j.find_promise("stretch the").expect("calves");
    j.archive_promise(&calves.id).expect("archive");

    let text = |j: &Journal, q: &str| j.find_promise(q).expect(q).text;
    assert_eq!(text(&j, "1"), "Stretch for ten seconds");
    assert_eq!(text(&j, "4"), "Go for a short walk");
    assert_eq!(
        text(&j, "5"),
        "Stretch the calves",
        "archived promises come last"
    );
    assert_eq!(text(&j, "go"), "Go for a short walk");
    assert_eq!(text(&j, "  GO FOR a  "), "Go for a short walk");
    assert_eq!(text(&j, "read b"), "Read before bed");
    assert_eq!(
        text(&j, "STRETCH"),
        "Stretch for ten seconds",
        "the active one is preferred"
    );
    assert_eq!(text(&j, "stretch the"), "Stretch the calves");
    assert_eq!(j.number_of(&calves.id).expect("number"), 5);

    let message = input_error(j.find_promise("read"));
    assert!(
        message.contains("\"Read before bed\"") && message.contains("\"Read the news headlines\""),
        "{message}"
    );
    assert!(message.contains("more than one"), "{message}");

    let message = input_error(j.find_promise("swim"));
    assert!(
        message.contains("No promise starts with \"swim\""),
        "{message}"
    );
    let message = input_error(j.find_promise("9"));
    assert!(message.contains("no promise number 9"), "{message}");
    input_error(j.find_promise("0"));
    input_error(j.find_promise("   "));

    // An exact match wins over a longer promise that starts the same.
    j.add_promise(yes_no("Read before bed, twice", Schedule::Daily))
        .expect("add");
    assert_eq!(text(&j, "read before bed"), "Read before bed");
    input_error(j.find_promise("read before"));
}

// ----- the day ------------------------------------------------------------

#[test]
fn the_day_starts_at_four_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-21 03:59");
    assert_eq!(j.today(), d("2026-11-20"));
    assert_eq!(j.parse_day("today").expect("today"), d("2026-11-20"));
    assert_eq!(
        j.parse_day("yesterday").expect("yesterday"),
        d("2026-11-19")
    );
    let win = j
        .add_win(j.today(), "Finished the reflection late", None)
        .expect("win");
    assert_eq!(win.day, d("2026-11-20"));
    assert_eq!(win.created_at, at("2026-11-21 03:59"));
    set_now(&mut j, "2026-11-21 04:00");
    assert_eq!(j.today(), d("2026-11-21"));
    set_now(&mut j, "2026-11-21 00:00");
    assert_eq!(j.today(), d("2026-11-20"));
    set_now(&mut j, "2027-01-01 01:30");
    assert_eq!(j.today(), d("2026-12-31"));
}

#[test]
fn a_custom_day_start_from_the_config_file() {
    let config =
        Config::parse("day_starts_at = \"02:30\"\n", Path::new("config.toml")).expect("config");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open_with(&dir, "2026-11-21 02:29", config);
    assert_eq!(j.today(), d("2026-11-20"));
    set_now(&mut j, "2026-11-21 02:30");
    assert_eq!(j.today(), d("2026-11-21"));
    set_now(&mut j, "2026-11-21 03:59");
    assert_eq!(j.today(), d("2026-11-21"), "03:59 is already the new day");

    let midnight = Config {
        day_starts_at: NaiveTime::MIN,
        ..Config::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let j = open_with(&dir, "2026-11-21 00:00", midnight);
    assert_eq!(j.today(), d("2026-11-21"));
}

#[test]
fn evening_runs_from_evening_from_until_the_day_ends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-21 16:59");
    let evening = |j: &mut Journal, now: &str| {
        set_now(j, now);
        j.is_evening()
    };
    assert!(!evening(&mut j, "2026-11-21 04:00"));
    assert!(!evening(&mut j, "2026-11-21 16:59"));
    assert!(evening(&mut j, "2026-11-21 17:00"));
    assert!(evening(&mut j, "2026-11-21 23:59"));
    assert!(
        evening(&mut j, "2026-11-22 00:30"),
        "after midnight is still the evening before"
    );
    assert_eq!(j.today(), d("2026-11-21"));
    assert!(evening(&mut j, "2026-11-22 03:59"));
    assert!(!evening(&mut j, "2026-11-22 04:00"));

    let config = Config::parse(
        "evening_from = \"19:30\"\nday_starts_at = \"00:00\"\n",
        Path::new("config.toml"),
    )
    .expect("config");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open_with(&dir, "2026-11-21 19:29", config);
    assert!(!j.is_evening());
    assert!(evening(&mut j, "2026-11-21 19:30"));
    assert!(
        !evening(&mut j, "2026-11-22 00:30"),
        "with a midnight boundary, 00:30 is the next morning"
    );
}

// ----- targets --------------------------------------------------------------

#[test]
fn each_day_is_judged_by_the_target_in_force_that_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-01 08:00");
    let read = j
        .add_promise(measure("Read before bed", 10.0, "pages"))
        .expect("add");
    set_now(&mut j, "2026-11-10 07:50");
    let edited = j
        .edit_promise(
            &read.id,
            PromiseEdit {
                target: Some(5.0),
                ..PromiseEdit::default()
            },
        )
        .expect("shrink");
    let history: Vec<(NaiveDate, f64)> =
        edited.targets.iter().map(|t| (t.from, t.amount)).collect();
    assert_eq!(history, [(d("2026-11-01"), 10.0), (d("2026-11-10"), 5.0)]);

    let item = |j: &Journal, day: &str| {
        let view = j.day(d(day)).expect("day");
        assert_eq!(view.items.len(), 1, "{day}");
        view.items[0].clone()
    };
    assert!(
        j.day(d("2026-10-31")).expect("day").items.is_empty(),
        "not yet promised"
    );
    assert_eq!(item(&j, "2026-11-01").target, Some(10.0));
    assert_eq!(item(&j, "2026-11-09").target, Some(10.0));
    assert_eq!(item(&j, "2026-11-10").target, Some(5.0));
    assert_eq!(item(&j, "2026-11-15").target, Some(5.0));
    assert_eq!(
        item(&j, "2026-11-09")
            .promise
            .target_label(d("2026-11-09"))
            .as_deref(),
        Some("10 pages")
    );
    assert_eq!(
        status_for_amount(7.0, item(&j, "2026-11-09").target),
        Status::Partial
    );
    assert_eq!(
        status_for_amount(7.0, item(&j, "2026-11-10").target),
        Status::Kept
    );
    assert_eq!(
        status_for_amount(0.0, item(&j, "2026-11-10").target),
        Status::Missed
    );

    // Kept without an amount records the target of that day.
    for (day, pages) in [("2026-11-09", 10.0), ("2026-11-10", 5.0)] {
        let check = j
            .mark(&read.id, d(day), Status::Kept, Mark::default())
            .expect("mark");
        assert_eq!(check.amount, Some(pages), "{day}");
    }

    // A second change on the same day replaces that day's target; the same
    // target again changes nothing and leaves nothing to undo.
    let edit = |amount| PromiseEdit {
        target: Some(amount),
        ..PromiseEdit::default()
    };
    let again = j.edit_promise(&read.id, edit(6.0)).expect("adjust");
    assert_eq!(again.targets.len(), 2);
    assert_eq!(again.target_on(d("2026-11-10")), Some(6.0));
    j.clear_undo();
    let same = j.edit_promise(&read.id, edit(6.0)).expect("same");
    assert_eq!(same, again);
    assert!(!j.can_undo());

    set_now(&mut j, "2026-11-20 08:00");
    j.edit_promise(&read.id, edit(8.0)).expect("grow");
    assert_eq!(item(&j, "2026-11-19").target, Some(6.0));
    assert_eq!(item(&j, "2026-11-20").target, Some(8.0));
    assert_eq!(item(&j, "2026-11-01").target, Some(10.0));
}

// ----- what is refused --------------------------------------------------------

#[test]
fn days_still_ahead_cannot_be_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-20 09:00");
    let p = j
        .add_promise(yes_no("Stretch", Schedule::Daily))
        .expect("add");
    set_now(&mut j, "2026-11-22 01:30");
    let (today, tomorrow) = (d("2026-11-21"), d("2026-11-22"));
    let before = state(&j);
    let message = input_error(j.mark(&p.id, tomorrow, Status::Kept, Mark::default()));
    assert!(message.contains("2026-11-22 is still ahead"), "{message}");
    input_error(j.toggle_kept(&p.id, tomorrow));
    input_error(j.add_win(tomorrow, "Early win", None));
    input_error(j.check_in(tomorrow, Some("Plan ahead"), Some(5)));
    input_error(j.reflect(tomorrow, &BTreeMap::new(), Some(5), None));
    assert_eq!(state(&j), before, "nothing was saved");
    j.mark(&p.id, today, Status::Kept, Mark::default())
        .expect("today, after midnight, is fine");
    j.mark(&p.id, d("2026-11-20"), Status::Missed, note("Late train"))
        .expect("the past is fine");
}

#[test]
fn ratings_stay_within_zero_to_ten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-21 21:00");
    let today = j.today();
    let before = state(&j);
    let message = input_error(j.check_in(today, Some("Go gently"), Some(11)));
    assert!(message.contains("outside 0–10"), "{message}");
    let message = input_error(j.reflect(today, &BTreeMap::new(), Some(11), None));
    assert!(message.contains("mood"), "{message}");
    let message = input_error(j.reflect(today, &BTreeMap::new(), None, Some(11)));
    assert!(message.contains("confidence"), "{message}");
    assert_eq!(state(&j), before);
    assert_eq!(
        j.check_in(today, None, Some(10)).expect("10").confidence,
        Some(10)
    );
    let r = j
        .reflect(today, &BTreeMap::new(), Some(0), Some(10))
        .expect("0 and 10");
    assert_eq!((r.mood, r.confidence), (Some(0), Some(10)));
}

#[test]
fn empty_text_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-21 12:00");
    let p = j
        .add_promise(yes_no("Stretch", Schedule::Daily))
        .expect("add");
    let win = j
        .add_win(j.today(), "Watered the plants", None)
        .expect("win");
    let before = state(&j);
    let message = input_error(j.add_promise(yes_no(" \n\t ", Schedule::Daily)));
    assert!(message.contains("The promise is empty"), "{message}");
    let message = input_error(j.add_win(j.today(), "   ", Some("home")));
    assert!(message.contains("The win is empty"), "{message}");
    input_error(j.edit_win(&win, "\n"));
    input_error(j.edit_promise(
        &p.id,
        PromiseEdit {
            text: Some("  ".into()),
            ..PromiseEdit::default()
        },
    ));
    let blank_key = BTreeMap::from([(" ".to_string(), "Something".to_string())]);
    input_error(j.reflect(j.today(), &blank_key, None, None));
    assert_eq!(state(&j), before);
}

// ----- reading the evidence --------------------------------------------------------

#[test]
fn the_kept_line_names_only_what_was_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = open(&dir, "2026-11-21 08:00");
    let mut ids = Vec::new();
    for text in [
        "Stretch for ten seconds",
        "Read before bed",
        "Call Mum.",
        "TV off by ten",
        "Go for a short walk",
    ] {
        ids.push(
            j.add_promise(yes_no(text, Schedule::Daily))
                .expect("add")
                .id,
        );
    }
    let today = j.today();
    let line = |j: &Journal| j.day(today).expect("day").kept_line();
    assert_eq!(line(&j), None);
    j.mark(&ids[4], today, Status::Partial, Mark::default())
        .expect("partial");
    assert_eq!(
        line(&j),
        None,
        "partly kept counts, but the line is for kept ones"
    );
    j.mark(&ids[0], today, Status::Kept, Mark::default())
        .expect("kept");
    assert_eq!(
        line(&j).as_deref(),
        Some("I said I'd stretch for ten seconds — and I did.")
    );
    j.mark(&ids[2], today, Status::Kept, Mark::default())
        .expect("kept");
    assert_eq!(
        line(&j).as_deref(),
        Some("I said I'd stretch for ten seconds and call Mum — and I did.")
    );
    j.mark(&ids[3], today, Status::Kept, Mark::default())
        .expect("kept");
    j.mark(&ids[1], today, Status::Missed, note("Fell asleep"))
        .expect("missed");
    assert_eq!(
        line(&j).as_deref(),
        Some("I said I'd stretch for ten seconds, call Mum and TV off by ten — and I did.")
    );
}

#[test]
fn marks_cover_rest_days_flexible_days_and_the_future() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Monday the 16th: a Monday/Wednesday/Friday walk and a twice-a-week call.
    let mut j = open(&dir, "2026-11-16 08:00");
    let walk = j
        .add_promise(yes_no(
            "Walk",
            Schedule::parse_days("mon,wed,fri").expect("days"),
        ))
        .expect("walk");
    let call = j
        .add_promise(yes_no("Call a friend", Schedule::TimesPerWeek { times: 2 }))
        .expect("call");
    set_now(&mut j, "2026-11-21 10:00"); // Saturday
    j.mark(&walk.id, d("2026-11-16"), Status::Kept, Mark::default())
        .expect("mon");
    j.mark(&walk.id, d("2026-11-18"), Status::Missed, note("Rain"))
        .expect("wed");
    j.mark(&call.id, d("2026-11-19"), Status::Kept, Mark::default())
        .expect("thu");
    j.mark(&walk.id, d("2026-11-20"), Status::Partial, Mark::default())
        .expect("fri");
    j.mark(
        &walk.id,
        d("2026-11-21"),
        Status::Kept,
        note("An extra one"),
    )
    .expect("sat");

    let marks = j.marks(d("2026-11-15"), d("2026-11-23")).expect("marks");
    let expected = [
        ("2026-11-15", DayMark::NoPromise), // before the promises existed
        ("2026-11-16", DayMark::AllKept),
        ("2026-11-17", DayMark::NotScheduled), // a rest day, nothing flexible marked
        ("2026-11-18", DayMark::NoneKept),
        ("2026-11-19", DayMark::AllKept), // the flexible promise, marked
        ("2026-11-20", DayMark::AllShown), // all that asked shown up for, partly
        ("2026-11-21", DayMark::AllKept), // today, a walk on a rest day
        ("2026-11-22", DayMark::Future),
        ("2026-11-23", DayMark::Future),
    ];
    let expected: Vec<(NaiveDate, DayMark)> = expected.iter().map(|(s, m)| (d(s), *m)).collect();
    assert_eq!(marks, expected);

    // An unmarked scheduled day is "not recorded", not "none kept", and
    // today can change.
    j.unmark(&walk.id, d("2026-11-18")).expect("unmark");
    j.unmark(&walk.id, d("2026-11-21")).expect("unmark");
    let again = j.marks(d("2026-11-18"), d("2026-11-21")).expect("marks");
    assert_eq!(again[0].1, DayMark::NotRecorded);
    assert_eq!(again[3].1, DayMark::NotScheduled);
    assert!(
        j.marks(d("2026-11-21"), d("2026-11-20"))
            .expect("empty")
            .is_empty()
    );
}

// ----- evidence and the weekly review --------------------------------------

mod evidence {
    use super::*;
    use smallwins::domain::evidence::Proposal;

    /// Reading, 10 pages, daily from 1 Nov: kept to the 17th, then missed
    /// three evenings in a row. Today is Sat 21 Nov, evening.
    fn reading(dir: &tempfile::TempDir) -> (Journal, Promise) {
        let mut j = open(dir, "2026-11-01 08:00");
        let p = j.add_promise(measure("Read", 10.0, "pages")).expect("add");
        set_now(&mut j, "2026-11-21 20:00");
        for day in d("2026-11-01").iter_days().take(17) {
            j.mark(&p.id, day, Status::Kept, Mark::default())
                .expect("kept");
        }
        for day in ["2026-11-18", "2026-11-19", "2026-11-20"] {
            j.mark(&p.id, d(day), Status::Missed, note("too tired"))
                .expect("missed");
        }
        j.clear_undo();
        (j, p)
    }

    #[test]
    fn evidence_counts_rates_strength_and_runs_from_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, _) = reading(&dir);
        j.add_win(d("2026-11-19"), "walked home", Some("health"))
            .expect("win");
        let e = j.evidence().expect("evidence");
        assert_eq!(e.totals.promises_kept, 17);
        assert_eq!(e.totals.wins, 1);
        // 1–17 kept, 19 a win: 18 days shown up; the run reaching today
        // ended on the 20th (nothing), so it is 0 — and the longest is 17.
        assert_eq!(e.totals.days_shown_up, 18);
        assert_eq!(e.totals.longest_run, 17);
        assert_eq!(e.totals.current_run, 0);
        let read = &e.promises[0];
        // Last 7 slots: 14–17 kept, 18–20 missed (today is unmarked).
        assert_eq!(read.rate_7, Some(4.0 / 7.0));
        assert_eq!(read.rate_30, Some(17.0 / 20.0));
        assert!(
            read.strength > 0.4 && read.strength < 0.7,
            "{}",
            read.strength
        );
        assert_eq!(e.weeks.len(), 12);
    }

    #[test]
    fn three_misses_propose_a_lower_target_and_accepting_records_it() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, p) = reading(&dir);
        let e = j.evidence().expect("evidence");
        let s = e
            .suggestions
            .iter()
            .find(|s| s.key == format!("narrow:{}", p.id))
            .expect("narrow suggestion")
            .clone();
        assert_eq!(s.proposal, Proposal::LowerTarget { amount: 5.0 });
        let message = j.decide(&s, true).expect("accept");
        assert!(message.contains("5 pages"), "{message}");
        // The new target is in force from today; the past keeps its own.
        assert_eq!(
            j.day(d("2026-11-21")).expect("day").items[0].target,
            Some(5.0)
        );
        assert_eq!(
            j.day(d("2026-11-20")).expect("day").items[0].target,
            Some(10.0)
        );
        let review = j.review(d("2026-11-16")).expect("review");
        let decisions = &review.review.as_ref().expect("recorded").decisions;
        assert_eq!(decisions.len(), 1);
        assert!(decisions[0].accepted);
        assert_eq!(decisions[0].on, d("2026-11-21"));
        // Decided: it does not come back for two weeks.
        assert!(review.suggestions.iter().all(|x| x.key != s.key));
        set_now(&mut j, "2026-12-06 20:00");
        for day in ["2026-12-01", "2026-12-02", "2026-12-04"] {
            j.mark(&p.id, d(day), Status::Missed, Mark::default())
                .expect("missed");
        }
        j.mark(&p.id, d("2026-12-05"), Status::Partial, Mark::default())
            .expect("partly");
        assert!(
            j.evidence()
                .expect("evidence")
                .suggestions
                .iter()
                .any(|x| x.key == s.key)
        );
    }

    #[test]
    fn one_undo_takes_back_an_accepted_suggestion_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, p) = reading(&dir);
        let before = state(&j);
        let s = j.evidence().expect("evidence").suggestions[0].clone();
        assert_eq!(s.promise_id.as_deref(), Some(p.id.as_str()));
        j.decide(&s, true).expect("accept");
        assert_ne!(state(&j), before);
        let label = j.undo().expect("undo").expect("something undone").label;
        assert!(label.starts_with("accepted"), "{label}");
        assert_eq!(state(&j), before);
    }

    #[test]
    fn setting_aside_changes_no_promise() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, _) = reading(&dir);
        let promises = j.promises(true).expect("list");
        let s = j.evidence().expect("evidence").suggestions[0].clone();
        j.decide(&s, false).expect("set aside");
        assert_eq!(j.promises(true).expect("list"), promises);
        let review = j.review(d("2026-11-16")).expect("review");
        assert!(!review.review.expect("recorded").decisions[0].accepted);
    }

    #[test]
    fn weekly_answers_are_saved_exported_and_imported() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, _) = reading(&dir);
        j.answer_weekly(d("2026-11-16"), "noticed", "Evenings are hard")
            .expect("answer");
        let exported = state(&j);
        assert_eq!(exported.reviews.len(), 1);
        let other_dir = tempfile::tempdir().expect("dir");
        let mut other = open(&other_dir, "2026-11-21 20:00");
        other.import(&exported).expect("import");
        let review = other.review(d("2026-11-16")).expect("review");
        assert_eq!(
            review
                .review
                .expect("imported")
                .answers
                .get("noticed")
                .map(String::as_str),
            Some("Evenings are hard")
        );
        assert_eq!(other.import(&exported).expect("again").total(), 0);
    }

    #[test]
    fn the_review_collects_notes_wins_by_area_and_last_weeks_counts() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, _) = reading(&dir);
        j.add_win(d("2026-11-17"), "tidied the desk", Some("home"))
            .expect("win");
        j.add_win(d("2026-11-18"), "swept", Some("home"))
            .expect("win");
        j.add_win(d("2026-11-18"), "replied to Sam", None)
            .expect("win");
        let r = j.review(d("2026-11-16")).expect("review");
        assert_eq!(
            r.wins_by_area,
            vec![("home".to_string(), 2), ("other".to_string(), 1)]
        );
        assert_eq!(r.misses.len(), 3);
        assert_eq!(r.misses[0].note.as_deref(), Some("too tired"));
        assert_eq!(r.summary.promises[0].kept, 2);
        assert_eq!(r.previous.promises[0].kept, 7);
    }

    #[test]
    fn a_hard_evening_resurfaces_kept_promises_and_an_earlier_win() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, _) = reading(&dir);
        j.add_win(d("2026-11-03"), "finished the chapter", None)
            .expect("win");
        assert!(j.resurface(d("2026-11-21")).expect("resurface").is_none());
        // A low evening confidence alone is not a hard day: the mood is.
        j.reflect(d("2026-11-21"), &BTreeMap::new(), Some(6), Some(3))
            .expect("reflect");
        assert!(j.resurface(d("2026-11-21")).expect("resurface").is_none());
        j.reflect(d("2026-11-21"), &BTreeMap::new(), Some(3), Some(6))
            .expect("reflect");
        let r = j
            .resurface(d("2026-11-21"))
            .expect("resurface")
            .expect("shown");
        assert_eq!(r.kept_so_far, 17);
        assert_eq!(r.win.expect("a win").text, "finished the chapter");
    }
}
