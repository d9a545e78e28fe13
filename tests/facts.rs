//! What the journal says is true and says what it means (issue 18): every
//! figure with its words, past weeks told as "that week", a hard evening
//! that counts the day itself, the demo that says it is one, the seeds'
//! practices (a note on any mark, the smaller version in view, a miss's
//! lesson the next morning), and input that is refused rather than kept
//! wrong. The TUI on a `TestBackend` through the shared helpers; the CLI as
//! the real binary.

mod common;

use std::collections::BTreeMap;

use crossterm::event::KeyCode;
use smallwins::domain::{Mark, NewPromise, Schedule, Status};
use smallwins::ui::app::DEMO_NOTE;

use common::tui::{app, press, seen, typed};
use common::{Fixture, d, lived_in, run_at, smallwins_at};

const MORNING: &str = "2026-11-21T08:30";
const EVENING: &str = "2026-11-21T20:30";

fn add(j: &mut smallwins::domain::Journal, text: &str, schedule: Schedule) -> String {
    j.add_promise(NewPromise {
        text: text.into(),
        schedule: Some(schedule),
        ..NewPromise::default()
    })
    .expect("add")
    .id
}

// ----- figures with their words ----------------------------------------------

#[test]
fn the_review_counts_as_open_what_today_shows_unmarked() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-16T08:00");
    add(&mut j, "Stretch", Schedule::Daily);
    add(&mut j, "Read", Schedule::Daily);
    add(&mut j, "Call a friend", Schedule::TimesPerWeek { times: 1 });
    drop(j);
    let mut a = app(f.open(EVENING));
    let today = seen(&mut a, 120, 40);
    assert!(today.contains("2 promises still unmarked above"), "{today}");
    typed(&mut a, "3");
    let review = seen(&mut a, 120, 40);
    assert!(
        review.contains("Still open: 2 promises unmarked today, 1 more time to go this week"),
        "{review}"
    );
    assert!(!review.contains("more open"), "{review}");
    let text = run_at(&f, EVENING, &["review"]);
    assert!(
        text.contains("still open: 2 promises unmarked today, 1 more time to go this week"),
        "{text}"
    );
}

/// A 3×-a-week promise shown up for four times in the week of 9 Nov.
fn four_of_three() -> Fixture {
    let f = Fixture::new();
    let mut j = f.open("2026-11-02T08:00");
    let gym = add(&mut j, "Gym", Schedule::TimesPerWeek { times: 3 });
    j.set_clock(smallwins::domain::Clock::Fixed(common::at(MORNING)));
    for day in ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"] {
        j.mark(&gym, d(day), Status::Kept, Mark::default())
            .expect("mark");
    }
    f
}

#[test]
fn a_week_over_what_it_asked_says_so_in_words() {
    let f = four_of_three();
    let mut a = app(f.open(MORNING));
    a.focus(smallwins::ui::Screen::Today, d("2026-11-12"))
        .expect("focus");
    let today = seen(&mut a, 120, 40);
    assert!(today.contains("3 of 3 that week, and once more"), "{today}");
    assert!(!today.contains("4 of 3"), "{today}");
    let day = run_at(&f, MORNING, &["day", "2026-11-12"]);
    assert!(day.contains("3 of 3 that week, and once more"), "{day}");
    a.focus(smallwins::ui::Screen::Review, d("2026-11-12"))
        .expect("focus");
    let review = seen(&mut a, 120, 40);
    assert!(review.contains("3/3 +1"), "{review}");
    assert!(
        review.contains("3/3: showed up 3 of the 3 times asked · +1: once more than it asked"),
        "{review}"
    );
    let story = run_at(&f, MORNING, &["promise", "show", "gym"]);
    assert!(story.contains("3/3 +1"), "{story}");
    assert!(story.contains("+1: once more than it asked"), "{story}");
}

#[test]
fn the_grid_says_what_strength_and_last_30_are() {
    let f = Fixture::new();
    lived_in(&f.path);
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app(f.open(MORNING));
        typed(&mut a, "4");
        let grid = seen(&mut a, w, h);
        assert!(grid.contains("last 30  "), "{grid}");
        assert!(
            grid.contains("last 30: shown up, of the last 30 asked"),
            "{w}x{h}:\n{grid}"
        );
        assert!(grid.contains("strength: "), "{w}x{h}:\n{grid}");
    }
}

/// A grid of new promises only: its figures are plain counts, so the
/// heading and the legend say what the count is, not "strength".
#[test]
fn a_grid_of_new_promises_names_its_counts_not_strength() {
    let f = Fixture::new();
    common::one_week(&f);
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app(f.open(MORNING));
        typed(&mut a, "4");
        let grid = seen(&mut a, w, h);
        assert!(grid.contains("new · "), "{w}x{h}:\n{grid}");
        assert!(!grid.contains("last 30"), "{w}x{h}:\n{grid}");
        let heading = (grid.lines())
            .find(|l| l.contains("MTWTF"))
            .unwrap_or_else(|| panic!("{grid}"));
        assert!(heading.contains("so far"), "{w}x{h}:\n{grid}");
        assert!(!heading.contains("strength"), "{w}x{h}:\n{grid}");
        assert!(grid.contains("new: shown up"), "{w}x{h}:\n{grid}");
    }
}

// ----- past weeks ------------------------------------------------------------

#[test]
fn a_past_week_is_that_week_on_the_screen_and_in_the_shell() {
    let f = Fixture::new();
    lived_in(&f.path);
    let mut a = app(f.open(MORNING));
    typed(&mut a, "3[");
    let review = seen(&mut a, 120, 60);
    assert!(review.contains("Week of 9 Nov"), "{review}");
    assert!(review.contains("That week: showed up"), "{review}");
    assert!(review.contains("That week: wins"), "{review}");
    for now_only in [
        "This week:",
        "Wins by area this week",
        "Notes and lessons this week",
        "Self-trust this week",
    ] {
        assert!(!review.contains(now_only), "{now_only}: {review}");
    }
    assert!(review.contains("Self-trust that week"), "{review}");
    let text = run_at(&f, MORNING, &["review", "--week", "2026-W46"]);
    assert!(text.contains("That week side by side"), "{text}");
    assert!(text.contains("Wins that week"), "{text}");
    assert!(!text.contains("This week"), "{text}");
    let md = run_at(
        &f,
        MORNING,
        &["review", "--week", "2026-W46", "--format", "markdown"],
    );
    assert!(!md.to_lowercase().contains("this week"), "{md}");
    // The week in progress is still "this week".
    let now = run_at(&f, MORNING, &["review"]);
    assert!(now.contains("This week side by side"), "{now}");
}

// ----- a hard evening --------------------------------------------------------

#[test]
fn a_hard_evening_is_a_low_mood_and_counts_the_day_itself() {
    let f = Fixture::new();
    let mut j = f.open(EVENING);
    let stretch = add(&mut j, "Stretch", Schedule::Daily);
    j.mark(&stretch, d("2026-11-21"), Status::Kept, Mark::default())
        .expect("mark");
    j.add_win(d("2026-11-21"), "made the call", None)
        .expect("win");
    // A good mood with a low evening confidence is not a hard day.
    j.reflect(d("2026-11-21"), &BTreeMap::new(), Some(7), Some(2))
        .expect("reflect");
    drop(j);
    let mut a = app(f.open(EVENING));
    let fine = seen(&mut a, 120, 40);
    assert!(!fine.contains("A hard day"), "{fine}");
    let mut j = f.open(EVENING);
    j.reflect(d("2026-11-21"), &BTreeMap::new(), Some(2), Some(7))
        .expect("reflect");
    drop(j);
    let mut a = app(f.open(EVENING));
    let hard = seen(&mut a, 120, 40);
    assert!(
        hard.contains("A hard day. The record still says: you have shown up for a promise once"),
        "{hard}"
    );
    assert!(hard.contains("and written down 1 win so far."), "{hard}");
}

// ----- the demo --------------------------------------------------------------

#[test]
fn the_demo_says_so_on_every_screen_and_once_on_the_first_write() {
    let f = Fixture::new();
    lived_in(&f.path);
    let mut a = app(f.open(MORNING));
    a.set_demo();
    for key in ["1", "2", "3", "4"] {
        typed(&mut a, key);
        let screen = seen(&mut a, 120, 40);
        let title = screen.lines().next().unwrap_or_default();
        assert!(title.contains("smallwins demo"), "{key}: {title}");
    }
    typed(&mut a, "1");
    let screen = seen(&mut a, 120, 40);
    assert!(!screen.contains(DEMO_NOTE), "said before any write");
    typed(&mut a, "j ");
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains(DEMO_NOTE), "{said}");
    typed(&mut a, "j ");
    let again = a.message.clone().unwrap_or_default();
    assert!(!again.contains(DEMO_NOTE), "said twice: {again}");
    // A journal that is not the demo never says it.
    let mut plain = app(f.open(MORNING));
    let title = seen(&mut plain, 120, 40);
    assert!(!title.contains("demo"), "{title}");
}

// ----- the seeds' practices --------------------------------------------------

#[test]
fn a_kept_day_carries_a_note_from_the_full_screen_journal() {
    let f = Fixture::new();
    let mut j = f.open(EVENING);
    add(&mut j, "Stretch", Schedule::Daily);
    drop(j);
    let mut a = app(f.open(EVENING));
    typed(&mut a, "n");
    let said = a.message.clone().unwrap_or_default();
    assert!(said.starts_with("Mark it first"), "{said}");
    typed(&mut a, " n");
    assert!(a.popup.is_some(), "the note box opens on a kept day");
    typed(&mut a, "felt easy");
    press(&mut a, KeyCode::Enter);
    let today = seen(&mut a, 120, 40);
    assert!(today.contains("note: felt easy"), "{today}");
    let day = f.open(EVENING).day(d("2026-11-21")).expect("day");
    let check = day.items[0].check.as_ref().expect("marked");
    assert_eq!(check.status, Status::Kept);
    assert_eq!(check.note.as_deref(), Some("felt easy"));
    // The key is in the table: help and the footer show it.
    let mut fresh = app(f.open(EVENING));
    let hints = seen(&mut fresh, 120, 40);
    let footer = hints.lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("n note"), "{footer}");
    typed(&mut a, "?");
    let help = seen(&mut a, 100, 60);
    assert!(
        help.contains("a note on the selected promise's mark, kept ones too"),
        "{help}"
    );
}

#[test]
fn a_promise_s_smaller_version_is_in_view_before_any_miss() {
    let f = Fixture::new();
    lived_in(&f.path);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(f.open(MORNING));
        let today = seen(&mut a, w, h);
        assert!(
            today.contains("smaller: touch my toes once"),
            "{w}x{h}:\n{today}"
        );
    }
}

#[test]
fn a_miss_s_lesson_comes_back_the_next_morning() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-20T20:00");
    let walk = add(&mut j, "Walk", Schedule::Daily);
    let lesson = Mark {
        note: Some("rain".into()),
        lesson: Some("keep the umbrella by the door".into()),
        ..Mark::default()
    };
    j.mark(&walk, d("2026-11-20"), Status::Missed, lesson)
        .expect("mark");
    drop(j);
    let mut a = app(f.open(MORNING));
    let morning = seen(&mut a, 120, 40);
    assert!(
        morning.contains("Yesterday's lesson for “Walk”: keep the umbrella by the door"),
        "{morning}"
    );
}

// ----- input that would be kept wrong ----------------------------------------

#[test]
fn an_answer_to_a_prompt_that_does_not_exist_is_refused_with_the_keys() {
    let f = Fixture::new();
    drop(f.open(EVENING));
    let out = smallwins_at(&f, EVENING)
        .args(["reflect", "--answer", "blocked=rain"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"blocked\""), "{stderr}");
    assert!(stderr.contains("helped, in_the_way, adjust"), "{stderr}");
    let today = run_at(&f, EVENING, &["today"]);
    assert!(!today.contains("blocked"), "{today}");
    run_at(&f, EVENING, &["reflect", "--answer", "helped=a walk"]);
}

#[test]
fn a_part_of_a_week_with_nothing_in_it_is_one_sentence() {
    let f = Fixture::new();
    drop(f.open(MORNING));
    let md = run_at(
        &f,
        MORNING,
        &[
            "export",
            "--format",
            "markdown",
            "--from",
            "2026-11-15",
            "--to",
            "2026-11-15",
        ],
    );
    assert!(
        md.contains("Part of the week: Sun 15 Nov only; nothing was recorded on those days."),
        "{md}"
    );
    assert!(!md.contains("Nothing recorded on these days"), "{md}");
    assert!(!md.contains("Sun 15 Nov to Sun 15 Nov"), "{md}");
}
