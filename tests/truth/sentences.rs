//! The sentences to rewrite (seen on screen or in exports), a win typed
//! with its area, a promise brought back to its place, and the README.

use crossterm::event::KeyCode;
use smallwins::domain::evidence::{Proposal, Suggestion};
use smallwins::domain::{Schedule, Status};
use smallwins::ui::{Screen, render_to_string};

use super::{EVENING, MORNING, Shell, add, app, d, key, keys, lines_with, set_now};

#[test]
fn the_kept_line_says_only_what_the_day_asked_for() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-16T08:00");
    let stretch = add(&mut j, "Stretch", Schedule::Daily);
    let walk = add(
        &mut j,
        "Go for a short walk",
        Schedule::parse_days("mon,wed,fri").expect("days"),
    );
    set_now(&mut j, EVENING);
    j.mark(&stretch, d("2026-11-17"), Status::Kept, Default::default())
        .expect("kept");
    j.mark(&walk, d("2026-11-17"), Status::Kept, Default::default())
        .expect("kept on a rest day");
    let line = j.day(d("2026-11-17")).expect("day").kept_line();
    assert_eq!(line.as_deref(), Some("I said I'd stretch — and I did."));
}

#[test]
fn a_past_day_is_not_asked_todays_questions() {
    let s = Shell::new();
    s.run_at("2026-11-16T08:00", &["promise", "add", "Stretch"]);
    let past = s.run_at(
        EVENING,
        &[
            "show", "today", "--date", "-3", "--width", "120", "--height", "40",
        ],
    );
    assert!(!past.contains("easier today?"), "{past}");
    assert!(past.contains("easier that day?"), "{past}");
    assert!(!past.contains("the moment something goes right"), "{past}");
    assert!(past.contains("Press w to add one you remember"), "{past}");
}

#[test]
fn a_hard_evening_says_how_often_you_showed_up_in_a_sentence() {
    let s = Shell::new();
    s.run_at("2026-11-16T08:00", &["promise", "add", "Stretch"]);
    s.run(&["kept", "1", "--date", "-2"]);
    s.run(&["kept", "1", "--date", "-1"]);
    s.run_at(EVENING, &["reflect", "--mood", "2"]);
    let seen = s.run_at(
        EVENING,
        &["show", "today", "--width", "120", "--height", "40"],
    );
    let said: String = seen.lines().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("The record still says: you have shown up for a promise twice so far."),
        "{seen}"
    );
    assert!(!said.contains("times you showed up"), "{seen}");
}

#[test]
fn undoing_a_decision_names_it_without_doubled_quotes() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-10T08:00");
    let id = add(&mut j, "Stretch", Schedule::Daily);
    set_now(&mut j, EVENING);
    // A headline that starts with a quote, as "“Stretch” looks easy now".
    let suggestion = Suggestion {
        key: format!("grow:{id}"),
        promise_id: Some(id.clone()),
        headline: "“Stretch” looks easy now: add one new tiny promise?".into(),
        reason: String::new(),
        proposal: Proposal::AddOne,
    };
    j.decide(&suggestion, true).expect("accept");
    let mut a = app(j);
    keys(&mut a, "u");
    let seen = super::screen(&a, 120, 40);
    let footer = seen.lines().last().unwrap_or("");
    assert!(footer.contains("Undone:"), "{seen}");
    assert!(!footer.contains("““") && !footer.contains("””"), "{footer}");
}

#[test]
fn a_target_set_back_to_what_it_was_is_not_a_change() {
    let s = Shell::new();
    s.run_at(
        "2026-11-16T08:00",
        &[
            "promise", "add", "Read", "--target", "10", "--unit", "pages",
        ],
    );
    s.run(&["promise", "edit", "read", "--target", "12"]);
    s.run(&["promise", "edit", "read", "--target", "10"]);
    let letter = s.run(&["review", "--format", "markdown"]);
    assert!(
        letter.contains("- Read — 10 pages, every day\n"),
        "{letter}"
    );
    assert!(!letter.contains("10 pages from"), "{letter}");
}

#[test]
fn an_empty_journal_does_not_plan_the_same_promises() {
    let s = Shell::new();
    // Set up, with nothing in it yet.
    drop(s.journal(MORNING));
    let letter = s.run(&["review", "--format", "markdown"]);
    assert!(!letter.contains("Same promises, same size."), "{letter}");
    assert!(letter.contains("No promises yet"), "{letter}");
}

#[test]
fn a_day_that_asks_nothing_is_not_zero_of_zero() {
    let s = Shell::new();
    s.run(&["promise", "add", "Swim", "--days", "mon"]);
    let today = s.run(&["show", "today", "--width", "120", "--height", "40"]);
    assert!(!today.contains("0 of 0"), "{today}");
    assert!(today.contains("Today · nothing asked"), "{today}");
    let review = s.run(&["show", "review", "--width", "120", "--height", "40"]);
    assert!(!review.contains("0 of 0"), "{review}");
}

#[test]
fn a_promise_kept_on_its_rest_day_is_counted_beside_what_was_asked() {
    let s = Shell::new();
    s.run_at(
        "2026-11-16T08:00",
        &["promise", "add", "Walk", "--days", "mon,wed,fri"],
    );
    for day in ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20"] {
        s.run(&["kept", "walk", "--date", day]);
    }
    let text = s.run(&["review"]);
    let walk = lines_with(&text, "Walk:");
    assert!(
        walk[0].contains("showed up 3 of 3 days, and 1 day it did not ask for"),
        "{text}"
    );
    assert!(!text.contains("kept on"), "{text}");
}

#[test]
fn wins_without_an_area_need_no_parentheses() {
    let s = Shell::new();
    s.run(&["win", "sent the email"]);
    let text = s.run(&["review"]);
    assert!(text.contains("Wins this week: 1\n"), "{text}");
    assert!(
        !text.contains("()") && !text.contains("(other 1)"),
        "{text}"
    );
}

#[test]
fn a_win_typed_on_screen_carries_its_area_at_the_end() {
    let s = Shell::new();
    let mut a = app(s.journal(MORNING));
    keys(&mut a, "w");
    keys(&mut a, "fixed the sink #home");
    key(&mut a, KeyCode::Enter);
    let wins = a.journal.day(d("2026-11-21")).expect("day").wins;
    assert_eq!(wins[0].text, "fixed the sink");
    assert_eq!(wins[0].area.as_deref(), Some("home"));
}

#[test]
fn bringing_a_promise_back_puts_it_where_it_was() {
    let s = Shell::new();
    for text in ["Stretch", "Read", "Walk"] {
        s.run(&["promise", "add", text]);
    }
    s.run(&["promise", "archive", "read"]);
    s.run(&["promise", "unarchive", "read"]);
    let j = s.journal(MORNING);
    let order: Vec<String> = j
        .promises(false)
        .expect("list")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(order, ["Stretch", "Read", "Walk"]);
    let seen = render_to_string(j, Screen::Promises, d("2026-11-21"), 100, 30).expect("drawn");
    // The grid's rows, in order.
    let rows: Vec<&str> = (seen.lines())
        .filter(|l| ["Stretch ", "Read ", "Walk "].iter().any(|t| l.contains(t)))
        .collect();
    assert!(rows[1].contains("Read"), "{seen}");
}

#[test]
fn the_readme_says_how_the_evidence_is_counted() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let section = readme
        .split("How the evidence is counted")
        .nth(1)
        .expect("the section")
        .split("\n## ")
        .next()
        .unwrap_or("");
    for words in [
        "not recorded",
        "noted as missed",
        "versions",
        "smaller version",
        "counts as showing up",
    ] {
        assert!(section.contains(words), "{words:?} in:\n{section}");
    }
}
