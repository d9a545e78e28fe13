//! Issue 10: a promise's page and `smallwins promise show`. The story's
//! versions, weeks, runs and strength against the domain's own
//! calculations; the page at 120×40, 80×24 and 40×12 (the heatmap and the
//! chart); its keys; and `promise show --json` giving back what was
//! recorded.

mod common;

use chrono::{NaiveDate, Weekday};
use common::tui::{app, buffer, press, seen, typed};
use common::{Fixture, at, d, open_at, run_at, smallwins_at};
use crossterm::event::{Event, KeyCode, KeyModifiers, MouseEvent, MouseEventKind};
use smallwins::domain::evidence::{Proposal, Suggestion, slots};
use smallwins::domain::{Check, Clock, Journal, Mark, NewPromise, PromiseEdit, Status};
use smallwins::ui::Screen;
use smallwins::ui::app::Popup;

const TODAY: &str = "2026-11-21T08:30";

/// One week's marks a letter a day from Monday: kept, partly (4 pages),
/// the smaller version, missed (with a note), or nothing.
const WEEKS: [(&str, &str); 8] = [
    ("2026-09-28", "kkmk.kp"),
    ("2026-10-05", "kkkkkkk"),
    ("2026-10-12", "kskkmkk"),
    ("2026-10-19", ".kkkkkk"),
    ("2026-10-26", "kkkkkkk"),
    ("2026-11-02", "kpkkkmk"),
    ("2026-11-09", "kkkkkkk"),
    ("2026-11-16", "kkkk."),
];

/// "Read" (10 pages) from Mon 28 Sep, reworded "Read a chapter" from Mon
/// 19 Oct, its target 5 pages from Mon 2 Nov, eight weeks of marks, and
/// shrunk to its smaller version today (Sat 21 Nov) as a decision.
fn reading(f: &Fixture) -> (Journal, String) {
    let mut j = open_at(&f.path, "2026-09-28T08:00");
    let id = j
        .add_promise(NewPromise {
            text: "Read".into(),
            cue: Some("before bed".into()),
            smaller: Some("read one page".into()),
            target: Some(10.0),
            unit: Some("pages".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    j.set_clock(Clock::Fixed(at(TODAY)));
    let reworded = PromiseEdit {
        text: Some("Read a chapter".into()),
        ..PromiseEdit::default()
    };
    j.edit_promise_from(&id, reworded, d("2026-10-19"))
        .expect("reword");
    let smaller = PromiseEdit {
        target: Some(5.0),
        ..PromiseEdit::default()
    };
    j.edit_promise_from(&id, smaller, d("2026-11-02"))
        .expect("retarget");
    for (start, marks) in WEEKS {
        for (day, letter) in d(start).iter_days().zip(marks.chars()) {
            let (status, mark) = match letter {
                'k' => (Status::Kept, Mark::default()),
                'p' => (
                    Status::Partial,
                    Mark {
                        amount: Some(4.0),
                        note: Some("tired".into()),
                        ..Mark::default()
                    },
                ),
                's' => (Status::Smaller, Mark::default()),
                'm' => (
                    Status::Missed,
                    Mark {
                        note: Some(format!("fell asleep on the {}", day.format("%-d"))),
                        lesson: Some("book on the pillow".into()),
                        ..Mark::default()
                    },
                ),
                _ => continue,
            };
            j.mark(&id, day, status, mark).expect("mark");
        }
    }
    let shrink = Suggestion {
        key: format!("narrow:{id}"),
        promise_id: Some(id.clone()),
        headline: "Shrink “Read a chapter” to “read one page” for now?".into(),
        reason: String::new(),
        proposal: Proposal::UseSmaller {
            smaller: "read one page".into(),
        },
    };
    j.decide(&shrink, true).expect("decide");
    j.clear_undo();
    (j, id)
}

fn all_checks(j: &Journal) -> Vec<Check> {
    j.export(None, None).expect("export").checks
}

#[test]
fn the_story_counts_as_the_domain_does() {
    let f = Fixture::new();
    let (j, id) = reading(&f);
    let story = j.story(&id, 53).expect("story");
    // Its words over time, each with its days.
    let words: Vec<(&str, NaiveDate, Option<NaiveDate>)> = (story.wordings.iter())
        .map(|w| (w.text.as_str(), w.from, w.until))
        .collect();
    assert_eq!(
        words,
        [
            ("Read", d("2026-09-28"), Some(d("2026-10-18"))),
            ("Read a chapter", d("2026-10-19"), Some(d("2026-11-20"))),
            ("read one page", d("2026-11-21"), None),
        ]
    );
    let targets: Vec<(f64, NaiveDate)> = story.targets.iter().map(|t| (t.amount, t.from)).collect();
    assert_eq!(
        targets,
        [
            (10.0, d("2026-09-28")),
            (5.0, d("2026-11-02")),
            (1.0, d("2026-11-21"))
        ]
    );
    // Its figures today are the evidence's own.
    let evidence = j.evidence().expect("evidence");
    let now = evidence.promises.iter().find(|e| e.promise_id == id);
    assert_eq!(Some(&story.now), now);
    // Each week: the review's rate for that week, and the strength the
    // review shows at that week's end.
    assert_eq!(story.weeks.len(), 8, "from its first week to this one");
    for week in &story.weeks {
        let review = j.review(week.start).expect("review");
        assert_eq!(
            week.strength, review.strengths[&id].strength,
            "{}",
            week.start
        );
        let counted = j.week(week.start).expect("week");
        let mine = counted.promises.iter().find(|p| p.promise_id == id);
        assert_eq!(
            week.rate,
            mine.and_then(|p| p.showed_up_rate()),
            "{}",
            week.start
        );
    }
    assert_eq!(
        story.weeks.last().map(|w| w.strength),
        Some(story.now.strength)
    );
    // Runs and totals over the times it asked, as the evidence's slots.
    let checks = all_checks(&j);
    let refs: Vec<&Check> = checks.iter().collect();
    let s = slots(&story.promise, &refs, d("2026-11-21"), Weekday::Mon);
    let (mut longest, mut run) = (0, 0);
    for slot in &s {
        run = if slot.shown { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    assert_eq!((story.runs.longest, story.runs.current), (longest, run));
    // 20 Oct to 6 Nov; Fri 20 Nov was left blank and today is open.
    assert_eq!((longest, run), (18, 0));
    let t = story.tally;
    assert_eq!(t.asked as usize, s.len());
    assert_eq!(t.shown as usize, s.iter().filter(|x| x.shown).count());
    assert_eq!(
        (t.kept, t.partly, t.smaller, t.missed, t.not_recorded),
        (45, 2, 1, 3, 3)
    );
    assert_eq!(t.shown, t.kept + t.partly + t.smaller);
    assert_eq!(t.asked, t.shown + t.missed + t.not_recorded);
    // Notes newest first; the decision about it, dated.
    assert_eq!(story.notes.first().map(|c| c.day), Some(d("2026-11-07")));
    assert_eq!(story.notes.len(), 5);
    let decided: Vec<(NaiveDate, &str)> = (story.decisions.iter())
        .map(|x| (x.on, x.words.as_str()))
        .collect();
    assert_eq!(
        decided,
        [(
            d("2026-11-21"),
            "Shrank “Read a chapter” to “read one page” for now."
        )]
    );
}

#[test]
fn enter_opens_the_page_and_it_tells_the_story_in_words() {
    let f = Fixture::new();
    let (j, id) = reading(&f);
    let story = j.story(&id, 53).expect("story");
    let mut a = app(j);
    typed(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Promise);
    assert_eq!(a.screens.page.promise_id.as_deref(), Some(id.as_str()));
    let s = seen(&mut a, 120, 60);
    let strength = smallwins::domain::words::percent(story.now.strength);
    for words in [
        "Promise 1 · read one page",
        "every day · 1 page · ◇ before bed · since Mon 28 Sep",
        "Until Fri 20 Nov: “Read a chapter” (from Mon 19 Oct)",
        "Until Sun 18 Oct: “Read” (from Mon 28 Sep)",
        "Targets: 10 pages from Mon 28 Sep → 5 pages from Mon 2 Nov → 1 page from Sat 21 Nov",
        "Its days since Mon 28 Sep",
        &format!("Strength now   {strength}"),
        "Longest run    18 days",
        "Current run    starts next time",
        "Showed up      48 of 54 times",
        "45 kept · 2 partly · 1 smaller",
        "Noted missed   3",
        "Not recorded   3",
        "Sat 7 Nov       ○ fell asleep on the 7",
        "lesson: book on the pillow",
        "Tue 3 Nov       ◐ tired",
        "Sat 21 Nov      Shrank “Read a chapter” to “read one page” for now.",
    ] {
        assert!(s.contains(words), "{words}\n{s}");
    }
    // The tab in view is Promises'; Esc goes back to the grid.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Promises);
}

#[test]
fn the_page_keys_scroll_edit_and_go_back_and_read_nothing_twice() {
    let f = Fixture::new();
    let (j, _) = reading(&f);
    let mut a = app(j);
    typed(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    let top = seen(&mut a, 80, 24);
    assert!(top.contains("↓ j more"), "{top}");
    assert_eq!(a.screens.page.reads, 1);
    typed(&mut a, "jjj");
    let down = seen(&mut a, 80, 24);
    assert_ne!(top, down);
    assert_eq!(a.screens.page.reads, 1, "scrolling reads nothing");
    // The wheel scrolls too.
    a.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 40,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_ne!(seen(&mut a, 80, 24), down);
    // e edits this promise; what is saved shows on the page.
    typed(&mut a, "e");
    let Some(Popup::Form(_)) = &a.popup else {
        panic!("the promise form");
    };
    for _ in 0..20 {
        press(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "read two pages");
    press(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none());
    let s = seen(&mut a, 80, 24);
    assert!(s.contains("Promise 1 · read two pages"), "{s}");
    assert_eq!(a.screens.page.reads, 2, "the change is read once");
    // Back to the grid and in again, nothing changed: nothing read.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    seen(&mut a, 80, 24);
    assert_eq!(a.screens.page.reads, 2);
    // Undoing the promise away while its page is open says so.
    typed(&mut a, "4a");
    typed(&mut a, "Floss");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "jj");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "u");
    assert!(seen(&mut a, 80, 24).contains("That promise is no longer in the journal"));
}

#[test]
fn the_page_draws_at_every_size_without_panicking_and_in_ascii() {
    let f = Fixture::new();
    let (j, _) = reading(&f);
    let mut a = app(j);
    typed(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "jjjjj");
    for w in 0..=130u16 {
        for h in (0..=45u16).step_by(if w < 50 { 1 } else { 5 }) {
            buffer(&a, w, h);
        }
    }
    assert_eq!(a.screen, Screen::Promise);
    // With the ASCII glyphs, every character drawn is ASCII.
    let config = smallwins::config::Config {
        glyphs: smallwins::model::Glyphs::new(smallwins::model::GlyphSet::Ascii),
        ..Default::default()
    };
    let path = f.dir.path().join("journal.db");
    let j = Journal::open(&path, Clock::Fixed(at(TODAY)), config).expect("open");
    let theme = smallwins::ui::theme::Theme::of(j.config(), true);
    let mut a = smallwins::ui::App::new(j, theme).expect("app");
    typed(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    for (w, h) in [(120, 60), (80, 24), (40, 12)] {
        let text = seen(&mut a, w, h);
        let odd: String = text.chars().filter(|c| !c.is_ascii()).collect();
        assert!(odd.is_empty(), "not ASCII: {odd}\n{text}");
    }
}

mod snapshots {
    use super::*;

    /// The page of the reading promise at `w`×`h`, scrolled down `rows`.
    fn page(w: u16, h: u16, rows: usize) -> String {
        let f = Fixture::new();
        let (j, _) = reading(&f);
        let mut a = app(j);
        typed(&mut a, "4");
        press(&mut a, KeyCode::Enter);
        typed(&mut a, &"j".repeat(rows));
        seen(&mut a, w, h)
    }

    #[test]
    fn page_120x40() {
        insta::assert_snapshot!(page(120, 40, 0));
    }

    #[test]
    fn page_80x24() {
        insta::assert_snapshot!(page(80, 24, 0));
    }

    #[test]
    fn page_80x24_scrolled_to_the_chart() {
        insta::assert_snapshot!(page(80, 24, 12));
    }

    #[test]
    fn page_40x12() {
        insta::assert_snapshot!(page(40, 12, 0));
    }

    #[test]
    fn page_40x12_scrolled_to_the_chart() {
        insta::assert_snapshot!(page(40, 12, 14));
    }
}

// ----- the command line ----------------------------------------------------

#[test]
fn promise_show_json_gives_back_what_was_recorded() {
    let f = Fixture::new();
    let now = "2026-11-21T20:00";
    run_at(
        &f,
        "2026-11-09T08:00",
        &[
            "promise",
            "add",
            "Read",
            "--target",
            "10",
            "--unit",
            "pages",
            "--smaller",
            "one page",
        ],
    );
    let recorded: [(&str, &[&str]); 6] = [
        ("2026-11-09", &["kept", "read", "--date", "2026-11-09"]),
        (
            "2026-11-10",
            &[
                "partial",
                "read",
                "--amount",
                "4",
                "--note",
                "tired",
                "--date",
                "2026-11-10",
            ],
        ),
        (
            "2026-11-11",
            &["kept", "read", "--smaller", "--date", "2026-11-11"],
        ),
        (
            "2026-11-12",
            &[
                "missed",
                "read",
                "--note",
                "late shift",
                "--lesson",
                "read at lunch",
                "--date",
                "2026-11-12",
            ],
        ),
        (
            "2026-11-16",
            &["kept", "read", "--amount", "12.5", "--date", "2026-11-16"],
        ),
        ("2026-11-21", &["kept", "read"]),
    ];
    for (_, args) in recorded {
        run_at(&f, now, args);
    }
    run_at(
        &f,
        now,
        &[
            "promise",
            "edit",
            "read",
            "--text",
            "Read a chapter",
            "--from",
            "2026-11-16",
        ],
    );
    let v = common::json_at(&f, now, &["promise", "show", "1", "--weeks", "4"]);
    // Every day of the weeks shown, with the mark as recorded.
    let days: Vec<&serde_json::Value> = v["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .flat_map(|w| w["days"].as_array().expect("days"))
        .collect();
    assert_eq!(days.len(), 13, "9 to 21 Nov: {v}");
    let export = common::json_at(&f, now, &["export"]);
    let checks = export["checks"].as_array().expect("checks");
    for day in &days {
        let date = day["day"].as_str().expect("day");
        let check = checks.iter().find(|c| c["day"] == date);
        match check {
            Some(c) => {
                assert_eq!(&day["check"], c, "{date}");
                assert_ne!(day["went"], "not_recorded", "{date}");
            }
            None => {
                assert!(day["check"].is_null(), "{date}");
                assert_eq!(day["went"], "not_recorded", "{date}");
                assert_eq!(day["asked"], "scheduled", "{date}");
            }
        }
    }
    let went: Vec<&str> = days
        .iter()
        .take(4)
        .map(|x| x["went"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(went, ["kept", "partly", "smaller", "missed"]);
    assert_eq!(days[3]["check"]["lesson"], "read at lunch");
    assert_eq!(days[7]["check"]["amount"], 12.5);
    // Its words over time, its strength week by week, runs, notes.
    assert_eq!(v["wordings"][0]["text"], "Read");
    assert_eq!(v["wordings"][0]["until"], "2026-11-15");
    assert_eq!(v["wordings"][1]["text"], "Read a chapter");
    assert!(v["wordings"][1]["until"].is_null());
    // New (fewer than 14 times asked): its plain count, no strength yet.
    assert!(v["now"]["strength"].is_null());
    assert_eq!(v["now"]["new"]["asked"], v["tally"]["asked"]);
    assert!(v["weeks"][1]["strength"].is_number());
    assert_eq!(v["runs"]["longest"], 3);
    assert_eq!(v["runs"]["current"], 1);
    assert_eq!(v["notes"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["tally"]["missed"], 1);
}

#[test]
fn promise_show_tells_the_story_as_text() {
    let f = Fixture::new();
    drop(reading(&f));
    let out = run_at(&f, TODAY, &["promise", "show", "1", "--weeks", "3"]);
    for line in [
        "Promise 1: read one page",
        "  every day · 1 page · ◇ before bed · since Mon 28 Sep",
        "  Until Fri 20 Nov: “Read a chapter” (from Mon 19 Oct)",
        "  Week of   M T W T F S S",
        "  2 Nov     ✓ ◐ ✓ ✓ ✓ ○ ✓   6/7",
        "  16 Nov    ✓ ✓ ✓ ✓ · · ╌   4/5",
        "  ✓ kept  ◐ partly kept  ○ noted as missed  · not recorded  ╌ not yet",
        "Runs of showing up: longest 18 days, current starts next time.",
        "Since Mon 28 Sep it asked 54 times: shown up for 48 (45 kept, 2 partly, 1 the smaller version), 3 noted missed, 3 not recorded.",
        "  Sat 7 Nov   ○ fell asleep on the 7 — lesson: book on the pillow",
        "  Sat 21 Nov  Shrank “Read a chapter” to “read one page” for now.",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert_eq!(out.lines().filter(|l| l.contains(" strength ")).count(), 3);
    // From the shell too: the page as the window draws it.
    let page = run_at(
        &f,
        TODAY,
        &[
            "show",
            "promise",
            "--promise",
            "read",
            "--width",
            "80",
            "--height",
            "24",
        ],
    );
    assert!(page.contains("Promise 1 · read one page"), "{page}");
}

#[test]
fn what_promise_show_refuses_it_says_in_one_sentence() {
    let f = Fixture::new();
    drop(reading(&f));
    for (args, says) in [
        (
            &["promise", "show", "7"][..],
            "There is no promise number 7",
        ),
        (
            &["promise", "show", "1", "--weeks", "0"],
            "give --weeks a whole number from 1 to 520",
        ),
        (&["show", "promise"], "name it with --promise"),
        (
            &["show", "today", "--promise", "1"],
            "--promise goes with `show promise`",
        ),
    ] {
        let out = smallwins_at(&f, TODAY).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn an_archived_promise_s_story_ends_with_its_last_day() {
    let f = Fixture::new();
    let (mut j, id) = reading(&f);
    j.set_clock(Clock::Fixed(at("2026-11-11T09:00")));
    j.archive_promise(&id).expect("archive");
    j.set_clock(Clock::Fixed(at(TODAY)));
    for day in d("2026-11-11").iter_days().take(10) {
        j.unmark(&id, day).expect("unmark");
    }
    let story = j.story(&id, 53).expect("story");
    // Archived on Wed 11 Nov, its last week is the week of 9 Nov: the days
    // before show their marks, the days from then on are blank.
    assert_eq!(story.weeks.last().map(|w| w.start), Some(d("2026-11-09")));
    let last = story.weeks.last().expect("a week");
    let glyphs: Vec<Option<smallwins::model::Glyph>> = (0..7)
        .map(|i| last.glyph(i, &story.promise, story.today))
        .collect();
    use smallwins::model::Glyph::Kept;
    assert_eq!(
        glyphs,
        [Some(Kept), Some(Kept), None, None, None, None, None]
    );
    assert!(
        story
            .decisions
            .iter()
            .any(|x| x.on == d("2026-11-11") && x.words == "Archived; its history stays.")
    );
    let out = run_at(&f, TODAY, &["promise", "show", "1", "--weeks", "2"]);
    assert!(out.contains("  9 Nov     ✓ ✓"), "{out}");
    assert!(!out.contains("16 Nov") && !out.contains("╌"), "{out}");
}
