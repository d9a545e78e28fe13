//! Forgetting is not failing: three states kept apart (shown up, noted as
//! missed, not recorded), blank days that ask instead of shrinking, the
//! next morning's offer to mark yesterday, marks before a promise existed,
//! the smaller version as a mark, and one rule for amounts.

use crossterm::event::KeyCode;
use smallwins::domain::{NewPromise, Schedule};

use super::{
    EVENING, MORNING, Shell, add, app, d, key, keys, lines_with, pattern, screen, set_now,
};

/// "Stretch for ten seconds" (smaller: "touch my toes once") since Sun 1
/// Nov, kept to Sun 15 and marked by `week` from Mon 16 (k, m, or blank).
fn stretching(s: &Shell, week: &str) -> String {
    let mut j = s.journal("2026-11-01T08:00");
    let id = j
        .add_promise(NewPromise {
            text: "Stretch for ten seconds".into(),
            smaller: Some("touch my toes once".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    set_now(&mut j, EVENING);
    pattern(&mut j, &id, "2026-11-01", &"k".repeat(15));
    pattern(&mut j, &id, "2026-11-16", week);
    id
}

#[test]
fn blank_days_ask_a_gentle_question_instead_of_proposing_to_shrink() {
    let s = Shell::new();
    stretching(&s, ".....");
    let j = s.journal(EVENING);
    let suggestions = j.evidence().expect("evidence").suggestions;
    assert!(
        suggestions
            .iter()
            .all(|x| !x.headline.starts_with("Shrink")),
        "{suggestions:?}"
    );
    assert!(
        suggestions
            .iter()
            .all(|x| !x.reason.contains("didn't happen")),
        "{suggestions:?}"
    );
    assert!(
        suggestions.iter().any(|x| x.headline
            == "Still keeping “Stretch for ten seconds”? Mark the days you remember."),
        "{suggestions:?}"
    );
    drop(j);
    let review = s.run_at(EVENING, &["review"]);
    assert!(!review.contains("didn't happen"), "{review}");
    assert!(
        review.contains("showed up 0 of 5 days, 5 not recorded"),
        "{review}"
    );
    let stats = s.run_at(EVENING, &["stats"]);
    assert!(
        stats.contains("a time left blank counts as not shown up"),
        "where rates are explained: {stats}"
    );
}

#[test]
fn days_marked_missed_still_point_to_the_smaller_version() {
    let s = Shell::new();
    stretching(&s, "mkmmk");
    let j = s.journal(EVENING);
    let suggestions = j.evidence().expect("evidence").suggestions;
    let shrink = suggestions
        .iter()
        .find(|x| x.headline.starts_with("Shrink"))
        .expect("shrink");
    assert!(
        shrink.reason.contains("3 of its last 5"),
        "{}",
        shrink.reason
    );
}

#[test]
fn a_day_of_misses_and_a_day_left_blank_are_marked_apart() {
    let s = Shell::new();
    stretching(&s, "mk.");
    let json = s.json_at(EVENING, &["review"]);
    let mark = |i: usize| {
        json["summary"]["days"][i][1]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(mark(0), "none_kept", "Monday: noted as missed");
    assert_eq!(mark(1), "all_kept");
    assert_eq!(mark(2), "not_recorded", "Wednesday: left blank");
}

#[test]
fn the_next_morning_offers_yesterdays_blank_promises_for_marking() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-16T08:00");
    let read = add(&mut j, "Read before bed", Schedule::Daily);
    let walk = add(&mut j, "Go for a short walk", Schedule::Daily);
    set_now(&mut j, MORNING);
    pattern(&mut j, &read, "2026-11-16", "kkkk");
    pattern(&mut j, &walk, "2026-11-16", "kkkkk");
    drop(j);
    let today = s.run(&["show", "today", "--width", "120", "--height", "40"]);
    let offer = lines_with(&today, "Yesterday");
    assert_eq!(offer.len(), 1, "{today}");
    assert!(
        offer[0].contains("Yesterday one promise was left blank: Read before bed. Press h to mark"),
        "{today}"
    );
    // Not in the evening, nor on another day than today.
    let evening = s.run_at(
        EVENING,
        &["show", "today", "--width", "120", "--height", "40"],
    );
    assert!(!evening.contains("left blank"), "{evening}");
}

#[test]
fn marks_before_a_promise_existed_move_its_start_and_count_everywhere() {
    let s = Shell::new();
    s.run(&["promise", "add", "Drink a glass of water"]);
    let mut j = s.journal(MORNING);
    let id = j.find_promise("drink").expect("drink").id;
    for n in 1..=30 {
        let day = d("2026-11-21") - chrono::Duration::days(n);
        j.mark(
            &id,
            day,
            smallwins::domain::Status::Kept,
            Default::default(),
        )
        .expect("kept");
    }
    drop(j);
    let list = s.json(&["promise", "list"]);
    assert_eq!(list[0]["created_on"], "2026-10-22");
    let stats = s.json(&["stats"]);
    assert_eq!(stats["promises"][0]["rate_30"], 1.0, "{stats}");
    assert!(stats["promises"][0]["strength"].as_f64().unwrap_or(0.0) > 0.5);
    let text = s.run(&["stats"]);
    assert!(!text.contains("nothing recorded"), "{text}");
    let last_week = s.json(&["review", "--week", "2026-W46"]);
    assert_eq!(
        last_week["summary"]["promises"][0]["asked"], 7,
        "{last_week}"
    );
    assert_eq!(last_week["summary"]["promises"][0]["kept"], 7);
}

#[test]
fn kept_the_smaller_version_is_a_mark_of_its_own_that_counts() {
    let s = Shell::new();
    s.run(&[
        "promise",
        "add",
        "Stretch for ten seconds",
        "--smaller",
        "touch my toes once",
    ]);
    let out = s.json(&["kept", "1", "--smaller"]);
    assert_eq!(out["check"]["status"], "smaller");
    let today = s.run(&["today"]);
    assert!(
        today.contains("◒ Stretch for ten seconds (the smaller version: touch my toes once)"),
        "{today}"
    );
    let stats = s.json(&["stats"]);
    assert_eq!(
        stats["totals"]["days_shown_up"], 1,
        "it counts as showing up"
    );
    assert_eq!(stats["totals"]["smaller_kept"], 1);
    s.run(&["promise", "add", "Read"]);
    let (code, err) = s.refused(&["kept", "read", "--smaller"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has no smaller version yet"), "{err}");
}

#[test]
fn s_on_today_marks_the_smaller_version_and_help_says_so() {
    let s = Shell::new();
    s.run(&[
        "promise",
        "add",
        "Stretch for ten seconds",
        "--smaller",
        "touch my toes once",
    ]);
    let mut a = app(s.journal(EVENING));
    keys(&mut a, "s");
    let day = a.journal.day(d("2026-11-21")).expect("day");
    let status = day.items[0].check.as_ref().map(|c| c.status.as_str());
    assert_eq!(status, Some("smaller"));
    let seen = screen(&a, 120, 40);
    assert!(
        seen.contains("the smaller version: touch my toes once"),
        "{seen}"
    );
    keys(&mut a, "?");
    let help = screen(&a, 100, 60);
    assert!(help.contains("mark kept in its smaller version"), "{help}");
    key(&mut a, KeyCode::Esc);
}

#[test]
fn an_amount_below_the_target_is_partly_kept_in_the_shell_as_on_screen() {
    let s = Shell::new();
    s.run(&[
        "promise", "add", "Read", "--target", "10", "--unit", "pages",
    ]);
    let out = s.json(&["kept", "read", "--amount", "4"]);
    assert_eq!(out["check"]["status"], "partial");
    assert_eq!(out["check"]["amount"], 4.0);
    let said = s.run(&["kept", "read", "--amount", "4", "--date", "-1"]);
    assert!(
        said.starts_with("Partly kept: Read — 4 of 10 pages"),
        "{said}"
    );
    assert!(
        said.contains("4 of 10 pages counts as partly kept"),
        "{said}"
    );
    assert_eq!(
        s.json(&["partial", "read", "--amount", "10", "--date", "-2"])["check"]["status"],
        "kept"
    );
    // The full-screen journal: Enter on a measure, then the amount.
    let mut a = app(s.journal(EVENING));
    key(&mut a, KeyCode::Char('d'));
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "4");
    key(&mut a, KeyCode::Enter);
    let day = a.journal.day(d("2026-11-21")).expect("day");
    let status = day.items[0].check.as_ref().map(|c| c.status.as_str());
    assert_eq!(status, Some("partial"));
}
