//! Undo: every action a person takes is one step to take back, and one
//! transaction, however many records it touches — also after a long session.

mod common;

use common::{Fixture, at, d};
use smallwins::domain::evidence::{Proposal, Suggestion};
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Status};

/// A journal where "Stretch" (smaller version "touch my toes once") was
/// missed on four of its last five days, so the record suggests shrinking
/// it. Today is Sat 2026-11-21; the undo history is empty.
fn struggling(f: &Fixture) -> (Journal, String) {
    let mut j = f.open("2026-11-14T08:00");
    let stretch = j
        .add_promise(NewPromise {
            text: "Stretch".into(),
            smaller: Some("touch my toes once".into()),
            ..NewPromise::default()
        })
        .expect("add");
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    for (day, status) in [
        ("2026-11-16", Status::Missed),
        ("2026-11-17", Status::Missed),
        ("2026-11-18", Status::Kept),
        ("2026-11-19", Status::Missed),
        ("2026-11-20", Status::Missed),
    ] {
        j.mark(&stretch.id, d(day), status, Mark::default())
            .expect("mark");
    }
    j.clear_undo();
    (j, stretch.id)
}

fn shrink_suggestion(j: &Journal, id: &str) -> Suggestion {
    j.evidence()
        .expect("evidence")
        .suggestions
        .into_iter()
        .find(|s| s.promise_id.as_deref() == Some(id))
        .expect("the record suggests shrinking")
}

fn text_of(j: &Journal, id: &str) -> String {
    j.promises(true)
        .expect("promises")
        .into_iter()
        .find(|p| p.id == id)
        .expect("promise")
        .text
}

#[test]
fn after_a_hundred_and_one_changes_undo_takes_back_an_accepted_suggestion() {
    let f = Fixture::new();
    let (mut j, id) = struggling(&f);
    // A long session: more changes than the undo history holds.
    for i in 0..101 {
        j.add_win(d("2026-11-21"), &format!("win {i}"), None)
            .expect("win");
    }
    let suggestion = shrink_suggestion(&j, &id);
    assert_eq!(
        suggestion.proposal,
        Proposal::UseSmaller {
            smaller: "touch my toes once".into()
        }
    );
    j.decide(&suggestion, true).expect("accept");
    assert_eq!(text_of(&j, &id), "touch my toes once");
    assert_eq!(
        j.review(d("2026-11-16"))
            .expect("review")
            .review
            .map(|r| r.decisions.len()),
        Some(1)
    );

    let undone = j.undo().expect("undo").expect("something to undo").label;
    assert!(
        undone.contains("accepted") && undone.contains(suggestion.headline.trim_end_matches('.')),
        "the message names what was undone: {undone:?}"
    );
    assert_eq!(text_of(&j, &id), "Stretch", "the promise change is gone");
    let review = j.review(d("2026-11-16")).expect("review").review;
    assert!(
        review.is_none_or(|r| r.decisions.is_empty()),
        "the decision is gone too"
    );
    // The next undo takes back the last win, not half of the decision.
    let next = j.undo().expect("undo").expect("a win to take back").label;
    assert_eq!(next, "added a win");
    assert_eq!(text_of(&j, &id), "Stretch");
}

#[test]
fn the_undo_history_keeps_the_last_hundred_actions() {
    let f = Fixture::new();
    let (mut j, _) = struggling(&f);
    for i in 0..105 {
        j.add_win(d("2026-11-21"), &format!("win {i}"), None)
            .expect("win");
    }
    let mut undone = 0;
    while j.undo().expect("undo").is_some() {
        undone += 1;
    }
    assert_eq!(undone, 100);
    let wins = j.day(d("2026-11-21")).expect("day").wins;
    let texts: Vec<&str> = wins.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, ["win 0", "win 1", "win 2", "win 3", "win 4"]);
}

/// Makes every save of a weekly review fail inside SQLite, the way a full
/// disk or a damaged page would, after the promise has been written.
fn refuse_reviews(f: &Fixture) {
    let conn = rusqlite::Connection::open(&f.path).expect("open the file");
    conn.execute_batch(
        "CREATE TRIGGER refuse_reviews BEFORE INSERT ON reviews
         BEGIN SELECT RAISE(ABORT, 'no room for reviews'); END;",
    )
    .expect("trigger");
}

#[test]
fn a_decision_that_fails_halfway_leaves_nothing_done() {
    let f = Fixture::new();
    let (mut j, id) = struggling(&f);
    j.add_win(d("2026-11-21"), "before the decision", None)
        .expect("win");
    let suggestion = shrink_suggestion(&j, &id);
    refuse_reviews(&f);

    let err = j
        .decide(&suggestion, true)
        .expect_err("the review cannot be saved");
    assert!(!err.is_input(), "{err}");
    assert_eq!(text_of(&j, &id), "Stretch", "the promise was not changed");
    // Undo still takes back what was done before, and nothing else.
    assert_eq!(
        j.undo().expect("undo").map(|u| u.label).as_deref(),
        Some("added a win"),
        "no half decision waits in the undo history"
    );
    assert_eq!(text_of(&j, &id), "Stretch");
}

#[test]
fn keeping_only_one_archives_the_others_in_one_step() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-01T08:00");
    let ids: Vec<String> = ["Stretch", "Read", "Walk"]
        .into_iter()
        .map(|text| {
            j.add_promise(NewPromise {
                text: text.into(),
                ..NewPromise::default()
            })
            .expect("add")
            .id
        })
        .collect();
    j.clear_undo();
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    let suggestion = Suggestion {
        key: "one".into(),
        promise_id: Some(ids[0].clone()),
        headline: "Keep just “Stretch” for a while?".into(),
        reason: "Last week held 1 of 21.".into(),
        proposal: Proposal::KeepOnlyOne {
            keep_id: ids[0].clone(),
        },
    };
    let message = j.decide(&suggestion, true).expect("accept");
    assert!(message.contains("2 archived"), "{message}");
    assert_eq!(j.promises(false).expect("promises").len(), 1);

    let undone = j.undo().expect("undo").expect("one step").label;
    assert!(undone.contains("Keep just"), "{undone}");
    assert_eq!(j.promises(false).expect("promises").len(), 3);
    assert!(!j.can_undo(), "one action, one undo");
}

#[test]
fn setting_a_suggestion_aside_is_one_step_too() {
    let f = Fixture::new();
    let (mut j, id) = struggling(&f);
    let suggestion = shrink_suggestion(&j, &id);
    j.decide(&suggestion, false).expect("set aside");
    assert!(shrink_suggestion_gone(&j, &id));
    let undone = j.undo().expect("undo").expect("one step").label;
    assert!(undone.starts_with("set aside"), "{undone}");
    assert!(!j.can_undo());
    assert_eq!(shrink_suggestion(&j, &id).key, suggestion.key);
}

fn shrink_suggestion_gone(j: &Journal, id: &str) -> bool {
    j.evidence()
        .expect("evidence")
        .suggestions
        .iter()
        .all(|s| s.promise_id.as_deref() != Some(id))
}
