//! One number, one meaning: stable promise numbers and naming by a word,
//! every figure with its period and the twelve-week figure over twelve
//! weeks, one rounding rule, morning and evening confidence named apart,
//! N-times-a-week progress, and a partial week in an export.

use smallwins::domain::{Journal, Schedule};
use smallwins::ui::{Screen, render_to_string};

use super::{EVENING, MORNING, Shell, add, d, lines_with, long_decimals, pattern, set_now};

fn review_screen(j: Journal, w: u16, h: u16) -> String {
    render_to_string(j, Screen::Review, d("2026-11-21"), w, h).expect("drawn")
}

#[test]
fn a_promise_keeps_its_number_through_archiving_and_reordering() {
    let s = Shell::new();
    for text in ["Stretch", "Read", "Walk outside"] {
        s.run(&["promise", "add", text]);
    }
    s.run(&["promise", "archive", "1"]);
    assert_eq!(s.json(&["kept", "3"])["promise"]["text"], "Walk outside");
    let mut j = s.journal(MORNING);
    let walk = j.find_promise("walk").expect("walk").id;
    j.move_promise(&walk, -1).expect("moved up");
    drop(j);
    assert_eq!(s.json(&["kept", "2"])["promise"]["text"], "Read");
    s.run(&["promise", "add", "Drink water"]);
    let list = s.json(&["promise", "list", "--all"]);
    let numbered: Vec<(String, u64)> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|p| {
            let text = p["text"].as_str().unwrap_or("").to_string();
            (text, p["number"].as_u64().unwrap_or(0))
        })
        .collect();
    for (text, number) in [
        ("Stretch", 1),
        ("Read", 2),
        ("Walk outside", 3),
        ("Drink water", 4),
    ] {
        assert!(
            numbered.contains(&(text.to_string(), number)),
            "{text} is {number}: {numbered:?}"
        );
    }
}

#[test]
fn a_word_of_its_text_names_a_promise_and_two_matches_are_listed() {
    let s = Shell::new();
    for text in ["Drink a glass of water", "Go for a walk", "Walk the dog"] {
        s.run(&["promise", "add", text]);
    }
    assert_eq!(
        s.json(&["kept", "water"])["promise"]["text"],
        "Drink a glass of water"
    );
    let (code, err) = s.refused(&["kept", "walk"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2 \"Go for a walk\"") && err.contains("3 \"Walk the dog\""),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

#[test]
fn the_twelve_week_figure_covers_twelve_weeks_and_each_figure_names_its_period() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-02T08:00");
    let id = add(&mut j, "Stretch", Schedule::Daily);
    set_now(&mut j, EVENING);
    pattern(
        &mut j,
        &id,
        "2026-11-02",
        &format!("{}{}", "m".repeat(14), "k".repeat(6)),
    );
    let seen = review_screen(j, 120, 40);
    // Six shown of twenty asked over the twelve weeks; this week alone is
    // six of six.
    assert!(!seen.contains("12 weeks 100%"), "{seen}");
    assert_eq!(lines_with(&seen, "30%").len(), 1, "{seen}");
    assert!(lines_with(&seen, "30%")[0].contains("Showed up"), "{seen}");
    assert!(seen.contains("This week: showed up 6 of 6"), "{seen}");
    assert!(seen.contains("The week before: showed up 0 of 7"), "{seen}");
    let json = s.json_at(EVENING, &["review"]);
    assert_eq!(json["twelve_weeks"]["kept_rate"], 0.3);
}

#[test]
fn the_same_average_is_rounded_the_same_way_everywhere() {
    let s = Shell::new();
    s.run_at("2026-11-16T08:00", &["promise", "add", "Stretch"]);
    for (day, mood) in [
        ("2026-11-16", "8"),
        ("2026-11-17", "8"),
        ("2026-11-18", "8"),
        ("2026-11-19", "9"),
    ] {
        s.run_at(EVENING, &["reflect", "--mood", mood, "--date", day]);
    }
    let text = s.run_at(EVENING, &["review"]);
    assert!(text.contains("Mood: 8.3/10 on average"), "{text}");
    let letter = s.run_at(EVENING, &["review", "--format", "markdown"]);
    assert!(letter.contains("average mood 8.3/10"), "{letter}");
    let seen = review_screen(s.journal(EVENING), 120, 40);
    assert!(seen.contains("mood 8.3"), "{seen}");
    assert!(!seen.contains("8.2"), "{seen}");
}

#[test]
fn json_figures_are_rounded_to_four_places() {
    let s = Shell::new();
    let mut j = s.journal("2026-11-10T08:00");
    let a = add(&mut j, "Stretch", Schedule::Daily);
    let b = add(&mut j, "Read", Schedule::Daily);
    let c = add(&mut j, "Walk", Schedule::Daily);
    set_now(&mut j, EVENING);
    pattern(&mut j, &a, "2026-11-10", "kkmkkmkkmkk");
    pattern(&mut j, &b, "2026-11-10", "kmkkmkk.kmk");
    pattern(&mut j, &c, "2026-11-16", "kk.mk");
    for (day, confidence) in [("2026-11-16", 3), ("2026-11-17", 4), ("2026-11-18", 4)] {
        j.check_in(d(day), None, Some(confidence))
            .expect("check-in");
    }
    drop(j);
    for args in [&["stats"][..], &["review"][..]] {
        let mut with = args.to_vec();
        with.push("--json");
        let raw = s.run_at(EVENING, &with);
        assert_eq!(
            long_decimals(&raw, 4),
            Vec::<String>::new(),
            "{args:?}: {raw}"
        );
    }
}

#[test]
fn morning_and_evening_confidence_are_named_apart() {
    let s = Shell::new();
    s.run_at("2026-11-16T08:00", &["promise", "add", "Stretch"]);
    s.run(&["kept", "1"]);
    s.run(&["kept", "1", "--date", "-1"]);
    s.run(&["checkin", "--confidence", "7"]);
    s.run(&["checkin", "--confidence", "7", "--date", "-1"]);
    s.run_at(EVENING, &["reflect", "--mood", "6", "--confidence", "8"]);
    let day = s.run_at(EVENING, &["today"]);
    assert!(day.contains("morning confidence 7/10"), "{day}");
    assert!(day.contains("evening confidence 8/10"), "{day}");
    let text = s.run_at(EVENING, &["review"]);
    assert!(
        text.contains("Morning confidence: 7/10 on average"),
        "{text}"
    );
    assert!(
        text.contains("Evening confidence: 8/10 on average"),
        "{text}"
    );
    assert!(text.contains("it uses the morning confidence"), "{text}");
    let letter = s.run_at(EVENING, &["review", "--format", "markdown"]);
    assert!(
        letter.contains("average morning confidence 7/10"),
        "{letter}"
    );
    assert!(
        letter.contains("average evening confidence 8/10"),
        "{letter}"
    );
    let seen = review_screen(s.journal(EVENING), 120, 40);
    assert!(seen.contains("confidence: morning 7, evening 8"), "{seen}");
}

#[test]
fn a_times_a_week_promise_shows_its_week_and_a_week_not_over_is_never_a_zero() {
    let s = Shell::new();
    s.run_at(
        "2026-11-16T08:00",
        &["promise", "add", "Call a friend", "--times-per-week", "2"],
    );
    s.run(&["kept", "1", "--date", "2026-11-17"]);
    s.run(&["promise", "add", "Swim", "--times-per-week", "2"]);
    let today = s.run(&["show", "today", "--width", "120", "--height", "40"]);
    assert!(today.contains("(1 of 2 this week)"), "{today}");
    assert!(
        today.contains("Swim  (not yet this week (2 to go))"),
        "{today}"
    );
    let text = s.run(&["review"]);
    let call = lines_with(&text, "Call a friend:");
    assert!(call[0].contains("1 of 2 so far this week"), "{text}");
    let swim = lines_with(&text, "Swim:");
    assert!(swim[0].contains("not yet this week"), "{text}");
    assert!(!swim[0].contains("0 of"), "{text}");
}

#[test]
fn an_export_from_mid_week_says_the_week_is_partial_and_counts_the_same_days() {
    let s = Shell::new();
    s.run_at("2026-11-02T08:00", &["promise", "add", "Stretch"]);
    let mut j = s.journal(MORNING);
    let id = j.find_promise("1").expect("stretch").id;
    pattern(&mut j, &id, "2026-11-02", &"k".repeat(19));
    for day in [
        "2026-11-10",
        "2026-11-14",
        "2026-11-15",
        "2026-11-16",
        "2026-11-20",
    ] {
        j.add_win(d(day), &format!("a win on {day}"), None)
            .expect("win");
    }
    drop(j);
    let out = s.run(&["export", "--format", "markdown", "--from", "-7"]);
    let weeks: Vec<&str> = out.split("## Week of ").collect();
    let first = weeks
        .iter()
        .find(|w| w.starts_with("Mon 9 Nov"))
        .expect("the week of 9 Nov");
    assert!(
        first.contains("Part of the week: Sat 14 Nov to Sun 15 Nov only"),
        "{out}"
    );
    assert!(first.contains("- Stretch: showed up 2 of 2 days"), "{out}");
    assert!(first.contains("Wins (2):"), "{out}");
    assert!(!first.contains("a win on 2026-11-10"), "{out}");
    let second = weeks
        .iter()
        .find(|w| w.starts_with("Mon 16 Nov"))
        .expect("the week of 16 Nov");
    assert!(second.contains("This week is not over yet"), "{out}");
    assert!(second.contains("Wins (2):"), "{out}");
}
