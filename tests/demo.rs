//! The demo journal (`smallwins demo`, `smallwins --demo`): what it holds,
//! that it reads as lived in and kind, and that the same today always gives
//! the same journal.

mod common;

use chrono::{Duration, NaiveDate, NaiveTime};
use common::{at, d, open_at};
use smallwins::config::Config;
use smallwins::demo::fill;
use smallwins::domain::{Clock, Due, Journal, Schedule, Status};

fn journal(dir: &tempfile::TempDir, name: &str, now: &str) -> Journal {
    open_at(&dir.path().join(name), now)
}

/// Every record. The bounds are explicit because an export without an
/// upper bound currently holds no day records (`NaiveDate::MAX` is
/// stored as "+262142-12-31", which sorts before every real day).
fn everything(j: &Journal) -> smallwins::store::Export {
    j.export(Some(d("1900-01-01")), Some(d("9999-12-31")))
        .expect("export")
}

/// Everything a person would read on a day, without the record ids.
fn readable(j: &Journal, day: NaiveDate) -> String {
    let v = j.day(day).expect("read the day");
    let mut out = Vec::new();
    for item in &v.items {
        let c = item.check.as_ref();
        out.push(format!(
            "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            item.number,
            item.promise.text,
            item.due,
            item.target,
            c.map(|c| c.status),
            c.and_then(|c| c.amount),
            c.and_then(|c| c.note.clone()),
            c.and_then(|c| c.lesson.clone()),
            c.map(|c| c.updated_at),
        ));
    }
    for w in &v.wins {
        out.push(format!("win {} {:?} {}", w.text, w.area, w.created_at));
    }
    if let Some(c) = &v.checkin {
        out.push(format!(
            "checkin {:?} {:?} {}",
            c.intention, c.confidence, c.updated_at
        ));
    }
    if let Some(r) = &v.reflection {
        out.push(format!(
            "reflection {:?} {:?} {:?} {}",
            r.answers, r.mood, r.confidence, r.updated_at
        ));
    }
    out.join("\n")
}

#[test]
fn eight_weeks_fill_an_empty_journal_with_every_kind_of_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
    let counts = fill(&mut j, 8).expect("fill");
    assert_eq!(counts, j.counts().expect("counts"));
    assert_eq!(counts.promises, 6);
    // 56 days, four or five promises due on most of them.
    assert!((150..=300).contains(&counts.checks), "{counts:?}");
    assert!((40..=120).contains(&counts.wins), "{counts:?}");
    assert!((30..=56).contains(&counts.checkins), "{counts:?}");
    assert!((20..=55).contains(&counts.reflections), "{counts:?}");

    let promises = j.promises(true).expect("promises");
    let kinds: Vec<&Schedule> = promises.iter().map(|p| &p.schedule).collect();
    assert!(kinds.contains(&&Schedule::Daily));
    assert!(kinds.contains(&&Schedule::Weekdays {
        days: vec![0, 2, 4]
    }));
    assert!(kinds.contains(&&Schedule::TimesPerWeek { times: 3 }));
    let start = d("2026-11-21") - Duration::days(55);
    assert!(promises.iter().all(|p| p.created_on >= start));
    let stretch = j.find_promise("stretch").expect("stretch");
    assert_eq!(stretch.cue.as_deref(), Some("after my morning coffee"));
    assert_eq!(stretch.smaller.as_deref(), Some("touch my toes once"));
    assert_eq!(stretch.created_on, start);

    // The measure: 10 pages, shrunk to 5 after a run of misses, grown to 8.
    let read = j.find_promise("read").expect("read");
    assert_eq!(read.unit.as_deref(), Some("pages"));
    let amounts: Vec<f64> = read.targets.iter().map(|t| t.amount).collect();
    assert_eq!(amounts, vec![10.0, 5.0, 8.0]);
    let shrunk = read.targets[1].from;
    assert_eq!(
        j.day(shrunk - Duration::days(1)).expect("day").items[1].target,
        Some(10.0)
    );
    assert_eq!(j.day(shrunk).expect("day").items[1].target, Some(5.0));
    let before_shrink: Vec<Option<Status>> = (1..=3)
        .map(|n| j.day(shrunk - Duration::days(n)).expect("day").items[1].status())
        .collect();
    assert_eq!(before_shrink, vec![Some(Status::Missed); 3]);

    // Archived halfway; added a few weeks in.
    let bed = j.find_promise("make the bed").expect("bed");
    assert_eq!(bed.archived_on, Some(start + Duration::days(28)));
    let notebook = j.find_promise("write one line").expect("notebook");
    assert_eq!(notebook.created_on, start + Duration::days(21));
    assert_eq!(j.promises(false).expect("active").len(), 5);

    // The clock is back and nothing can be undone.
    assert_eq!(j.now(), at("2026-11-21 08:30"));
    assert!(!j.can_undo());
}

#[test]
fn today_is_left_half_done_and_yesterday_has_an_evening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = journal(&dir, "demo.db", "2026-11-21 10:15");
    fill(&mut j, 3).expect("fill");
    let today = j.day(d("2026-11-21")).expect("today");
    let checkin = today.checkin.as_ref().expect("a morning check-in");
    assert!(checkin.intention.is_some() && checkin.confidence.is_some());
    assert_eq!(checkin.updated_at, at("2026-11-21 09:50"));
    let marked: Vec<(&str, Status)> = today
        .items
        .iter()
        .filter_map(|i| i.status().map(|s| (i.promise.text.as_str(), s)))
        .collect();
    assert_eq!(marked, vec![("Stretch for ten seconds", Status::Kept)]);
    assert!(today.reflection.is_none());
    assert!(
        today.previous_adjust.is_some(),
        "yesterday's adjust answer shows in the morning"
    );
    assert_eq!(
        today.kept_line().as_deref(),
        Some("I said I'd stretch for ten seconds — and I did.")
    );
}

/// Twelve weeks, ending on Sat 2026-11-21 at 21:00.
fn twelve_weeks(dir: &tempfile::TempDir) -> Journal {
    let mut j = journal(dir, "demo.db", "2026-11-21 21:00");
    fill(&mut j, 12).expect("fill");
    j
}

#[test]
fn days_go_mostly_well_and_every_miss_has_a_short_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let j = twelve_weeks(&dir);
    let data = everything(&j);
    let count = |s: Status| data.checks.iter().filter(|c| c.status == s).count();
    let (kept, partial, missed) = (
        count(Status::Kept),
        count(Status::Partial),
        count(Status::Missed),
    );
    assert!(
        kept > 2 * (partial + missed),
        "mostly kept: {kept} {partial} {missed}"
    );
    assert!(
        partial >= 5 && missed >= 5,
        "some partly, some missed: {partial} {missed}"
    );
    assert!(data.checks.iter().any(|c| c.lesson.is_some()));
    assert!(
        data.checks
            .iter()
            .filter(|c| c.status == Status::Missed)
            .all(|c| c.note.is_some()),
        "every miss has a short note"
    );

    // Some due days were left unmarked.
    let first = d("2026-11-21") - Duration::days(12 * 7 - 1);
    let unmarked = smallwins::domain::day::days_between(first, d("2026-11-20"))
        .map(|day| j.day(day).expect("day"))
        .flat_map(|v| {
            v.items
                .into_iter()
                .filter(|i| i.due == Due::Yes && i.check.is_none())
                .collect::<Vec<_>>()
        })
        .count();
    assert!(unmarked >= 5, "{unmarked}");
}

#[test]
fn wins_span_every_area_and_answers_use_the_evening_prompt_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = everything(&twelve_weeks(&dir));
    let areas: std::collections::BTreeSet<&str> =
        data.wins.iter().filter_map(|w| w.area.as_deref()).collect();
    assert_eq!(
        areas.into_iter().collect::<Vec<_>>(),
        vec!["creative", "health", "home", "social", "work"]
    );
    let keys: std::collections::BTreeSet<&str> = data
        .reflections
        .iter()
        .flat_map(|r| r.answers.keys().map(String::as_str))
        .collect();
    let config = Config::default();
    let evening: std::collections::BTreeSet<&str> = config
        .prompts
        .evening
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(keys, evening, "answers use the evening prompt keys");
}

#[test]
fn every_record_has_a_time_inside_its_own_journal_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = everything(&twelve_weeks(&dir));
    let starts = Config::default().day_starts_at;
    for c in &data.checks {
        assert!(
            smallwins::domain::day::journal_day(c.updated_at, starts) >= c.day,
            "a mark is made on its day or later"
        );
    }
    for w in &data.wins {
        assert_eq!(
            smallwins::domain::day::journal_day(w.created_at, starts),
            w.day
        );
    }
    for r in &data.reflections {
        assert_eq!(
            smallwins::domain::day::journal_day(r.updated_at, starts),
            r.day
        );
    }
    assert!(
        data.reflections.iter().any(|r| r.updated_at.date() > r.day),
        "some reflections are written after midnight"
    );
}

#[test]
fn later_weeks_go_better_and_confidence_trails_what_was_done() {
    let dir = tempfile::tempdir().expect("temp dir");
    let j = twelve_weeks(&dir);
    let first = d("2026-11-21") - Duration::days(12 * 7 - 1);
    let week = |n: i64| j.week(first + Duration::days(7 * n)).expect("week");
    let rate = |s: &smallwins::domain::WeekSummary| {
        let (shown, asked) = s.totals();
        f64::from(shown) / f64::from(asked)
    };
    let early = (rate(&week(0)) + rate(&week(1)) + rate(&week(2))) / 3.0;
    let late = (rate(&week(9)) + rate(&week(10)) + rate(&week(11))) / 3.0;
    assert!(late > early, "gentle upward trend: {early:.2} → {late:.2}");
    let confidence: Vec<f64> = (4..12)
        .filter_map(|n| week(n).average_morning_confidence)
        .collect();
    let shown: Vec<f64> = (4..12).map(|n| rate(&week(n)) * 10.0).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(
        mean(&confidence) < mean(&shown),
        "confidence {:.1} lags behind what was done {:.1}",
        mean(&confidence),
        mean(&shown)
    );
}

#[test]
fn the_demo_never_scolds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
    fill(&mut j, 8).expect("fill");
    let json = serde_json::to_string(&everything(&j))
        .expect("json")
        .to_lowercase();
    for word in [
        "fail",
        "broke",
        "streak",
        "lazy",
        "should have",
        "why didn't",
        "again?",
    ] {
        assert!(!json.contains(word), "the demo uses {word:?}");
    }
}

#[test]
fn a_journal_with_entries_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
    j.add_win(d("2026-11-21"), "Opened the app", None)
        .expect("win");
    let before = j.counts().expect("counts");
    let err = fill(&mut j, 8).expect_err("refused");
    assert!(err.is_input());
    assert!(err.to_string().contains("already has entries"), "{err}");
    assert_eq!(j.counts().expect("counts"), before);
    assert!(j.can_undo(), "the person's own undo history is kept");
}

#[test]
fn weeks_are_clamped_to_at_least_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
    fill(&mut j, 0).expect("fill");
    let read = j.find_promise("read").expect("read");
    assert_eq!(read.created_on, d("2026-11-15"));
    assert_eq!(read.targets.len(), 3, "even one week tells the whole story");
    assert!(j.find_promise("make the bed").expect("bed").is_archived());
    assert!(j.find_promise("write one line").is_ok());
    assert_eq!(
        j.marks(d("2026-11-14"), d("2026-11-14")).expect("marks")[0].1,
        smallwins::domain::DayMark::NoPromise
    );
}

#[test]
fn a_late_day_start_keeps_every_record_inside_its_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config {
        day_starts_at: NaiveTime::from_hms_opt(9, 0, 0).expect("valid"),
        ..Config::default()
    };
    let mut j = Journal::open(
        &dir.path().join("late.db"),
        Clock::Fixed(at("2026-11-21 09:05")),
        config.clone(),
    )
    .expect("open");
    fill(&mut j, 4).expect("fill");
    let data = everything(&j);
    for c in &data.checkins {
        assert_eq!(
            smallwins::domain::day::journal_day(c.updated_at, config.day_starts_at),
            c.day
        );
    }
    for w in &data.wins {
        assert_eq!(
            smallwins::domain::day::journal_day(w.created_at, config.day_starts_at),
            w.day
        );
    }
    assert!(
        data.checkins
            .iter()
            .all(|c| c.updated_at <= at("2026-11-21 09:05"))
    );
}

#[test]
fn the_same_today_gives_the_same_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = journal(&dir, "a.db", "2026-11-21 08:30");
    let mut b = journal(&dir, "b.db", "2026-11-21 08:30");
    assert_eq!(
        fill(&mut a, 8).expect("fill a"),
        fill(&mut b, 8).expect("fill b")
    );
    let first = d("2026-11-21") - Duration::days(55);
    let mut compared = 0;
    for day in smallwins::domain::day::days_between(first, d("2026-11-21")).step_by(3) {
        let (ta, tb) = (readable(&a, day), readable(&b, day));
        assert!(
            !ta.is_empty() || day == first,
            "{day} has something to compare"
        );
        assert_eq!(ta, tb, "{day}");
        compared += 1;
    }
    assert_eq!(compared, 19);
    assert_eq!(
        a.marks(first, d("2026-11-21")).expect("marks"),
        b.marks(first, d("2026-11-21")).expect("marks")
    );
    let mut c = journal(&dir, "c.db", "2026-11-28 08:30");
    fill(&mut c, 8).expect("fill c");
    assert_ne!(
        readable(&a, d("2026-11-20")),
        readable(&c, d("2026-11-20")),
        "another today is another story"
    );
}
