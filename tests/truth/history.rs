//! History is never rewritten: a promise's words and target are versions in
//! force from a day on, shrinking keeps the old words for the days before
//! and can be grown back, `promise edit --from DAY`, older journals open
//! with their numbers, and decisions are recorded only when their change is
//! saved — as decisions, not as the questions they answered.

use crossterm::event::KeyCode;
use smallwins::domain::evidence::{Proposal, Suggestion};
use smallwins::domain::{NewPromise, PromiseEdit};

use super::{EVENING, Shell, app, d, key, keys, pattern, set_now};

/// "Read before bed" with "read one page" as its smaller version, kept
/// from Mon 2 Nov and missed Mon 16 – Fri 20; the clock on Saturday
/// evening.
fn reading(s: &Shell, target: Option<f64>) -> (smallwins::domain::Journal, String) {
    let mut j = s.journal("2026-11-02T08:00");
    let id = j
        .add_promise(NewPromise {
            text: "Read before bed".into(),
            cue: Some("in bed".into()),
            smaller: Some("read one page".into()),
            target,
            unit: target.map(|_| "pages".to_string()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    set_now(&mut j, EVENING);
    pattern(&mut j, &id, "2026-11-02", "kkkkkkkkkkkkkkmmmmm");
    (j, id)
}

fn shrink(id: &str) -> Suggestion {
    Suggestion {
        key: format!("narrow:{id}"),
        promise_id: Some(id.to_string()),
        headline: "Shrink “Read before bed” to “read one page” for now.".into(),
        reason: String::new(),
        proposal: Proposal::UseSmaller {
            smaller: "read one page".into(),
        },
    }
}

#[test]
fn shrinking_changes_the_words_from_today_and_every_past_day_keeps_its_own() {
    let s = Shell::new();
    let (mut j, id) = reading(&s, None);
    j.decide(&shrink(&id), true).expect("accept");
    let on = |day: &str| j.day(d(day)).expect("day").items[0].promise.clone();
    assert_eq!(on("2026-11-20").text, "Read before bed");
    assert_eq!(on("2026-11-20").smaller.as_deref(), Some("read one page"));
    assert_eq!(on("2026-11-21").text, "read one page");
    drop(j);

    // The day, the calendar, the review and the exports agree.
    let friday = s.run_at(EVENING, &["day", "2026-11-20"]);
    assert!(friday.contains("○ Read before bed (in bed)"), "{friday}");
    assert!(!friday.contains("read one page"), "{friday}");
    let calendar = s.run_at(
        EVENING,
        &[
            "show",
            "calendar",
            "--date",
            "2026-11-20",
            "--width",
            "120",
            "--height",
            "40",
        ],
    );
    assert!(calendar.contains("○ Read before bed"), "{calendar}");
    let last_week = s.run_at(EVENING, &["review", "--week", "2026-W46"]);
    assert!(last_week.contains("Read before bed:"), "{last_week}");
    assert!(!last_week.contains("read one page"), "{last_week}");
    let csv = s.run_at(EVENING, &["export", "--format", "csv"]);
    for row in csv.lines().filter(|r| r.starts_with("check,2026-11-")) {
        assert!(row.contains(",Read before bed,"), "{row}");
    }
    let letter = s.run_at(EVENING, &["review", "--format", "markdown"]);
    assert!(
        letter.contains("- read one page — “Read before bed” until Fri 20 Nov, every day"),
        "{letter}"
    );
}

#[test]
fn a_shrunk_measure_no_longer_asks_for_the_old_target() {
    let s = Shell::new();
    let (mut j, id) = reading(&s, Some(8.0));
    let message = j.decide(&shrink(&id), true).expect("accept");
    assert!(!message.contains("can come back any time"), "{message}");
    assert_eq!(
        j.day(d("2026-11-21")).expect("day").items[0].target,
        Some(1.0)
    );
    assert_eq!(
        j.day(d("2026-11-20")).expect("day").items[0].target,
        Some(8.0)
    );
}

#[test]
fn once_the_smaller_version_comes_easily_the_review_offers_to_grow_back() {
    let s = Shell::new();
    let mut j = s.journal("2026-10-20T08:00");
    let id = j
        .add_promise(NewPromise {
            text: "Read before bed".into(),
            smaller: Some("read one page".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    set_now(&mut j, "2026-11-01T08:00");
    j.decide(&shrink(&id), true).expect("shrink");
    set_now(&mut j, EVENING);
    pattern(&mut j, &id, "2026-11-01", &"k".repeat(20));
    let grow = j
        .evidence()
        .expect("evidence")
        .suggestions
        .into_iter()
        .find(|s| s.headline.contains("back to “Read before bed”"))
        .expect("growing back is offered");
    assert_eq!(grow.promise_id.as_deref(), Some(id.as_str()));
    j.decide(&grow, true).expect("grow back");
    let text = |day: &str| j.day(d(day)).expect("day").items[0].promise.text.clone();
    assert_eq!(text("2026-11-21"), "Read before bed");
    assert_eq!(text("2026-11-10"), "read one page");
    assert_eq!(text("2026-10-25"), "Read before bed");
}

#[test]
fn promise_edit_from_a_day_leaves_the_days_before_as_they_were() {
    let s = Shell::new();
    s.run_at(
        "2026-11-10T08:00",
        &["promise", "add", "Stretch for ten seconds"],
    );
    let out = s.run(&[
        "promise",
        "edit",
        "1",
        "--text",
        "Stretch for a minute",
        "--from",
        "-3",
    ]);
    assert!(out.contains("In force from Wed 18 Nov"), "{out}");
    assert!(s.run(&["day", "-4"]).contains("Stretch for ten seconds"));
    assert!(s.run(&["day", "-3"]).contains("Stretch for a minute"));
    assert!(s.run(&["today"]).contains("Stretch for a minute"));
    let (code, err) = s.refused(&["promise", "edit", "1", "--cue", "x", "--from", "2026-11-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("before “Stretch for a minute” began"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, err) = s.refused(&["promise", "edit", "1", "--daily", "--from", "-1"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn an_older_journal_opens_with_its_numbers_and_a_copy_from_before_the_update() {
    let s = Shell::new();
    smallwins::store::Store::create_at_version(&s.db, 2).expect("a version 2 journal");
    let conn = rusqlite::Connection::open(&s.db).expect("open");
    for (id, text, position) in [("a", "Stretch", 0), ("b", "Read", 1)] {
        conn.execute(
            "INSERT INTO promises (id, text, schedule, position, created_on, updated_at)
             VALUES (?1, ?2, 'daily', ?3, '2026-11-01', '2026-11-01 08:00:00')",
            rusqlite::params![id, text, position],
        )
        .expect("promise");
    }
    conn.execute(
        "INSERT INTO checks (id, promise_id, day, status, updated_at)
         VALUES ('c', 'b', '2026-11-20', 'kept', '2026-11-20 20:00:00')",
        [],
    )
    .expect("check");
    drop(conn);

    let list = s.json(&["promise", "list"]);
    assert_eq!(list[0]["number"], 1);
    assert_eq!(list[1]["number"], 2);
    assert_eq!(list[1]["text"], "Read");
    assert!(s.run(&["day", "-1"]).contains("  2 ✓ Read"));
    let copies = smallwins::store::backups(&s.db).expect("backups");
    assert!(
        copies.iter().any(|b| b.kind.label() == "before-update-v2"),
        "the journal as it was is kept before its update: {copies:?}"
    );
}

#[test]
fn closing_the_form_of_an_accepted_suggestion_records_nothing() {
    let s = Shell::new();
    let mut a = app(s.journal(EVENING));
    // An empty journal: "Start with one tiny promise."
    keys(&mut a, "3");
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "a");
    assert!(a.popup.is_some(), "accepting opens the promise form");
    key(&mut a, KeyCode::Esc);
    let decisions = |a: &smallwins::ui::App| {
        let review = a.journal.review(d("2026-11-16")).expect("review");
        review.review.map_or(0, |r| r.decisions.len())
    };
    assert_eq!(decisions(&a), 0, "nothing saved, nothing decided");

    keys(&mut a, "a");
    keys(&mut a, "Drink a glass of water");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.journal.promises(false).expect("list").len(), 1);
    assert_eq!(decisions(&a), 1, "saved: the decision with it");
    keys(&mut a, "u");
    assert!(a.journal.promises(false).expect("list").is_empty());
    assert_eq!(decisions(&a), 0, "one undo takes back both");
}

#[test]
fn a_decided_suggestion_reads_as_a_decision_in_the_review_and_next_week() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-01T08:00");
    let id = j
        .add_promise(NewPromise {
            text: "Read".into(),
            target: Some(8.0),
            unit: Some("pages".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    set_now(&mut j, EVENING);
    pattern(&mut j, &id, "2026-11-01", &"k".repeat(20));
    let grow = j
        .evidence()
        .expect("evidence")
        .suggestions
        .into_iter()
        .find(|s| s.headline.starts_with("Grow “Read”"))
        .expect("grow");
    assert!(grow.headline.ends_with('?'), "{}", grow.headline);
    j.decide(&grow, true).expect("accept");
    let edit = PromiseEdit {
        target: Some(12.0),
        ..PromiseEdit::default()
    };
    j.edit_promise(&id, edit).expect("12 pages");
    drop(j);

    let text = s.run_at(EVENING, &["review"]);
    let decisions = text.split("\nDecisions\n").nth(1).expect("decisions");
    assert!(decisions.contains("Grew “Read” to 10 pages."), "{text}");
    assert!(!decisions.contains('?'), "{decisions}");
    let letter = s.run_at(EVENING, &["review", "--format", "markdown"]);
    let next = letter.split("## Next week").nth(1).expect("next week");
    let next = next.split("**How it felt").next().unwrap_or(next);
    assert!(next.contains("Grew “Read” to 10 pages"), "{letter}");
    assert!(!next.contains('?'), "{next}");
}

#[test]
fn setting_a_suggestion_aside_is_recorded_as_a_decision_too() {
    let s = Shell::new();
    let (mut j, id) = reading(&s, None);
    let message = j.decide(&shrink(&id), false).expect("set aside");
    assert!(
        !message.contains("the record will speak again"),
        "{message}"
    );
    assert!(message.contains("two weeks"), "{message}");
    drop(j);
    let text = s.run_at(EVENING, &["review"]);
    assert!(
        text.contains("Sat 21 Nov: Kept “Read before bed” as it is for now."),
        "{text}"
    );
}
