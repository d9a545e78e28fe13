//! The first week of a new journal, day by day, as a person lives it: two
//! promises added on the first morning, a check-in most mornings, marks of
//! every kind in the evenings. Each day every screen (drawn by the real
//! binary's `show`, and the review's deciding pane in the full-screen
//! journal) and every text a command prints is read for what the journal
//! says about the person:
//!
//! - no two self-trust verdicts disagree (the review's two panes, the
//!   review as text, Markdown and JSON, and the week's message to share);
//! - no verdict before three finished days with a morning check-in and
//!   four finished days of promises, and no false "rate your confidence"
//!   after one was rated;
//! - no percentage beside a promise that has asked fewer than 14 times:
//!   its plain count ("new · 2 of 2") instead, with its words;
//! - the day's headline is what was shown up for.

mod common;

use crossterm::event::KeyCode;
use serde_json::Value;

use common::tui::{app, press, seen, typed};
use common::{Fixture, open_at, run_at};

/// Wed 18 Nov 2026 to Tue 24 Nov: the week turns on the Monday.
const DAYS: [&str; 7] = [
    "2026-11-18",
    "2026-11-19",
    "2026-11-20",
    "2026-11-21",
    "2026-11-22",
    "2026-11-23",
    "2026-11-24",
];
const PROMISES: [&str; 2] = ["Stretch for ten seconds", "Water the plant"];

/// Words that give a self-trust verdict, by verdict.
const BEHIND: &str = "size too big";
const AHEAD: &str = "ahead of your confidence";
const AGREE: &str = "confidence and your record agree";
const FIT: &str = "the promises fit";
const FALSE_ASK: &str = "Rate your confidence at the morning check-in";

/// Everything a person reads on `day` at `now`, each with a label.
fn everything(f: &Fixture, now: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for screen in ["today", "calendar", "review", "promises"] {
        for (w, h) in [(120, 40), (80, 24)] {
            let (w, h) = (w.to_string(), h.to_string());
            let args = ["show", screen, "--width", &w, "--height", &h];
            out.push((format!("show {screen} {w}x{h}"), run_at(f, now, &args)));
        }
    }
    for n in ["1", "2"] {
        let args = ["show", "promise", "--promise", n, "--width", "120"];
        out.push((format!("page {n}"), run_at(f, now, &args)));
        out.push((
            format!("promise show {n}"),
            run_at(f, now, &["promise", "show", n]),
        ));
    }
    for args in [
        &["today"][..],
        &["stats"],
        &["review"],
        &["review", "--format", "markdown"],
        &["share"],
        &["share", "--week", "--include", "mood,confidence"],
    ] {
        out.push((args.join(" "), run_at(f, now, args)));
    }
    // The review's deciding pane, in the full-screen journal.
    let mut a = app(open_at(&f.path, now));
    typed(&mut a, "3");
    press(&mut a, KeyCode::Tab);
    out.push(("review, deciding".into(), seen(&mut a, 120, 40)));
    out
}

/// The verdicts `text` gives.
fn verdicts(text: &str) -> Vec<&'static str> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    [BEHIND, AHEAD, AGREE, FIT]
        .into_iter()
        .filter(|v| flat.contains(v))
        .collect()
}

fn first_week_day(f: &Fixture, i: usize, day: &str) {
    let morning = format!("{day}T08:30");
    let evening = format!("{day}T20:30");
    if i == 0 {
        run_at(
            f,
            &morning,
            &["promise", "add", PROMISES[0], "--smaller", "touch my toes"],
        );
        run_at(
            f,
            &morning,
            &["promise", "add", PROMISES[1], "--smaller", "one glass"],
        );
    }
    // A check-in every morning but the fifth; confidence high at first.
    if i != 4 {
        let confidence = ["6", "8", "9", "8", "7", "7", "6"][i];
        run_at(f, &morning, &["checkin", "--confidence", confidence]);
    }
    check_day(f, &morning, day, false);
    match i {
        0 => {
            run_at(f, &evening, &["partial", "stretch"]);
            run_at(f, &evening, &["kept", "water", "--smaller"]);
        }
        1 => {
            run_at(f, &evening, &["kept", "stretch"]);
            run_at(f, &evening, &["missed", "water", "--note", "forgot"]);
        }
        3 => {
            run_at(f, &evening, &["missed", "stretch"]);
            run_at(f, &evening, &["missed", "water"]);
        }
        _ => {
            run_at(f, &evening, &["kept", "stretch"]);
            run_at(f, &evening, &["kept", "water"]);
        }
    }
    run_at(f, &evening, &["win", "made the bed"]);
    check_day(f, &evening, day, true);
}

/// Reads everything of `day` at `now`.
fn check_day(f: &Fixture, now: &str, day: &str, evening: bool) {
    let all = everything(f, now);
    let review: Value = common::json_at(f, now, &["review"]);
    let trust = &review["self_trust"];
    let verdict = trust["verdict"].as_str().expect("a verdict");
    let (checkins, asked) = (
        trust["checkin_days"].as_u64().expect("days"),
        trust["asked_days"].as_u64().expect("days"),
    );
    // No verdict before its minimum.
    if checkins < 3 || asked < 4 {
        assert_eq!(verdict, "too_soon", "{now}: {trust}");
    }
    let expected: &[&str] = match verdict {
        "behind" => &[BEHIND],
        "ahead" => &[AHEAD, FIT],
        "agree" => &[AGREE, FIT],
        _ => &[],
    };
    for (label, text) in &all {
        // Every verdict said agrees with the one the journal computed.
        for v in verdicts(text) {
            assert!(
                expected.contains(&v),
                "{now} {label}: says {v:?} while the verdict is {verdict}:\n{text}"
            );
        }
        // Never the false request after a confidence was rated.
        assert!(!text.contains(FALSE_ASK), "{now} {label}:\n{text}");
        // No percentage beside a new promise (all are new this week).
        for line in text.lines() {
            let names = PROMISES.iter().any(|p| line.contains(&p[..8]));
            let strength = line.to_lowercase().contains("strength");
            assert!(
                !((names || strength) && line.contains('%')),
                "{now} {label}: a percentage for a new promise: {line}"
            );
        }
        for bad in ["Strength now", "Longest run    0", "0 of 2 kept"] {
            assert!(!text.contains(bad), "{now} {label}: {bad:?}\n{text}");
        }
    }
    let strengths = review["strengths"].as_array().expect("strengths");
    for e in strengths {
        assert!(e["number"].as_u64().is_some_and(|n| n > 0), "{e}");
        assert!(e["strength"].is_null(), "{e}");
        assert!(e["new"]["asked"].as_u64().expect("asked") < 14, "{e}");
    }
    let page = &all.iter().find(|(l, _)| l == "page 1").expect("page").1;
    assert!(page.contains("So far"), "{page}");
    assert!(page.contains("shows once it has asked 14 times"), "{page}");
    if evening && day == DAYS[0] {
        // One partly kept, one smaller version: both shown up for.
        let today = &all
            .iter()
            .find(|(l, _)| l == "show today 120x40")
            .expect("today");
        assert!(
            today
                .1
                .contains("Today · showed up for 2 of 2 · 1 partly · 1 smaller"),
            "{}",
            today.1
        );
        let share = &all.iter().find(|(l, _)| l == "share").expect("share").1;
        assert!(
            share.contains("showed up for every one of the 2"),
            "{share}"
        );
    }
}

#[test]
fn the_first_week_reads_as_evidence_every_day() {
    let f = Fixture::new();
    for (i, day) in DAYS.iter().enumerate() {
        first_week_day(&f, i, day);
    }
    // By the Sunday the week had its reading: four finished days, three
    // with a check-in; and it spoke of the promises, never of the person.
    let sunday: Value = common::json_at(&f, "2026-11-22T20:30", &["review"]);
    let trust = &sunday["self_trust"];
    assert_ne!(trust["verdict"], "too_soon", "{trust}");
    // The new week starts without a verdict of its own.
    let tuesday: Value = common::json_at(&f, "2026-11-24T20:30", &["review"]);
    assert_eq!(tuesday["self_trust"]["verdict"], "too_soon");
}
