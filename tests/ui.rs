//! The TUI driven with key events, drawn into a buffer, and read back as a
//! person would read the screen.

mod common;

use common::{Fixture, at, d, lived_in, open_at};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use smallwins::domain::{Clock, Journal, Status};
use smallwins::ui::app::{App, Popup};
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, screens};

fn app(journal: Journal) -> App {
    App::new(journal, Theme::new(false)).expect("app")
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

/// Draws through a real ratatui `Terminal` on a `TestBackend`.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    buffer_to_string(terminal.backend().buffer())
}

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buf
}

#[test]
fn an_empty_journal_greets_with_an_invitation_not_an_empty_grid() {
    let f = Fixture::new();
    let a = app(f.open("2026-11-21T08:30"));
    let s = screen(&a, 100, 30);
    assert!(s.contains("Start with one tiny promise"), "{s}");
    assert!(s.contains("Put on my running shoes"), "{s}");
    assert!(s.contains("Press a to write your first promise"), "{s}");
    assert!(!s.contains("Recent weeks"), "{s}");
}

#[test]
fn adding_a_first_promise_from_the_welcome_screen() {
    let f = Fixture::new();
    let mut a = app(f.open("2026-11-21T08:30"));
    keys(&mut a, "a");
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    keys(&mut a, "Drink a glass of water");
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "after waking up");
    key(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none());
    let s = screen(&a, 100, 30);
    assert!(s.contains("· Drink a glass of water"), "{s}");
    assert!(s.contains("after waking up"), "{s}");
    assert_eq!(a.journal.promises(false).expect("list").len(), 1);
}

#[test]
fn w_adds_a_win_that_is_saved_and_drawn() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "w");
    assert!(screen(&a, 100, 30).contains("A small win"));
    keys(&mut a, "called my sister back");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 30);
    assert!(s.contains("★ called my sister back"), "{s}");
    assert!(s.contains("Win saved"), "{s}");
    let saved = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day");
    assert!(saved.wins.iter().any(|w| w.text == "called my sister back"));
}

#[test]
fn esc_cancels_a_win_and_nothing_is_saved() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    let before = a.journal.day(d("2026-11-21")).expect("day").wins.len();
    keys(&mut a, "wnot this one");
    key(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none());
    assert_eq!(
        a.journal.day(d("2026-11-21")).expect("day").wins.len(),
        before
    );
    assert!(!screen(&a, 100, 30).contains("not this one"));
}

#[test]
fn space_marks_kept_space_again_unmarks_and_u_undoes() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    assert!(screen(&a, 100, 30).contains("· Stretch for ten seconds"));
    keys(&mut a, " ");
    let s = screen(&a, 100, 30);
    assert!(s.contains("✓ Stretch for ten seconds"), "{s}");
    assert_eq!(
        a.journal.day(d("2026-11-21")).expect("day").items[0].status(),
        Some(Status::Kept)
    );
    keys(&mut a, " ");
    assert!(screen(&a, 100, 30).contains("· Stretch for ten seconds"));
    keys(&mut a, "u");
    let s = screen(&a, 100, 30);
    assert!(s.contains("✓ Stretch for ten seconds"), "{s}");
    assert!(s.contains("Undone"), "{s}");
}

#[test]
fn undo_brings_back_a_deleted_win() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    key(&mut a, KeyCode::Tab); // to the wins pane
    keys(&mut a, "d");
    assert!(!screen(&a, 100, 30).contains("sent the email I was avoiding"));
    keys(&mut a, "u");
    assert!(screen(&a, 100, 30).contains("sent the email I was avoiding"));
}

#[test]
fn a_miss_records_a_note_and_points_to_the_smaller_version() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "x");
    let s = screen(&a, 100, 30);
    assert!(
        s.contains("Smaller version for next time: touch my toes once"),
        "{s}"
    );
    keys(&mut a, "overslept");
    key(&mut a, KeyCode::Enter);
    let item = &a.journal.day(d("2026-11-21")).expect("day").items[0];
    assert_eq!(item.status(), Some(Status::Missed));
    assert_eq!(
        item.check.as_ref().and_then(|c| c.note.as_deref()),
        Some("overslept")
    );
    let s = screen(&a, 100, 30);
    assert!(s.contains("smaller version still counts"), "{s}");
    for word in ["fail", "broke", "streak"] {
        assert!(!s.to_lowercase().contains(word), "{word} in {s}");
    }
}

#[test]
fn a_measure_takes_an_amount_and_a_partial_amount_is_partly_kept() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "j");
    key(&mut a, KeyCode::Enter);
    assert!(screen(&a, 100, 30).contains("How many pages? (target 10)"));
    keys(&mut a, "4");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 30);
    assert!(s.contains("◐ Read  4 of 10 pages"), "{s}");
    let item = &a.journal.day(d("2026-11-21")).expect("day").items[1];
    assert_eq!(item.status(), Some(Status::Partial));
    assert_eq!(item.check.as_ref().and_then(|c| c.amount), Some(4.0));
}

#[test]
fn number_keys_switch_screens() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "2");
    assert!(screen(&a, 120, 40).contains("Calendar · Enter opens a day"));
    keys(&mut a, "3");
    let s = screen(&a, 120, 40);
    assert!(s.contains("Week of 16 Nov – 22 Nov 2026"), "{s}");
    keys(&mut a, "4");
    let s = screen(&a, 120, 40);
    assert!(s.contains("Promises · 3"), "{s}");
    assert!(s.contains("Walk around the block"), "{s}");
    keys(&mut a, "1");
    assert!(screen(&a, 120, 40).contains("Recent weeks"));
}

#[test]
fn help_lists_the_keys_of_the_current_screen_from_the_key_table() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "?");
    let s = screen(&a, 100, 40);
    assert!(s.contains("Today screen"), "{s}");
    assert!(s.contains("mark the selected promise kept"), "{s}");
    assert!(s.contains("undo the last change"), "{s}");
    key(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none());
    keys(&mut a, "2?");
    let s = screen(&a, 100, 40);
    assert!(s.contains("Calendar screen"), "{s}");
    assert!(s.contains("previous month"), "{s}");
    assert!(!s.contains("mark the selected promise kept"), "{s}");
}

#[test]
fn the_calendar_moves_by_day_week_and_month_and_opens_a_day() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "2");
    assert!(screen(&a, 120, 40).contains("Saturday 21 November"));
    keys(&mut a, "h");
    assert_eq!(a.screens.calendar.cursor, d("2026-11-20"));
    assert!(screen(&a, 120, 40).contains("Friday 20 November"));
    keys(&mut a, "k");
    assert_eq!(a.screens.calendar.cursor, d("2026-11-13"));
    keys(&mut a, "[");
    assert_eq!(a.screens.calendar.cursor, d("2026-10-13"));
    keys(&mut a, "]j");
    assert_eq!(a.screens.calendar.cursor, d("2026-11-20"));
    keys(&mut a, "t");
    assert_eq!(a.screens.calendar.cursor, d("2026-11-21"));
    keys(&mut a, "hh");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Today);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Thu 19 Nov (t: back to today)"), "{s}");
    // Amend that day: mark the first promise kept.
    keys(&mut a, " ");
    assert_eq!(
        a.journal.day(d("2026-11-19")).expect("day").items[0].status(),
        Some(Status::Kept)
    );
}

#[test]
fn the_day_rolls_over_while_the_app_is_open() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    a.journal.set_clock(Clock::Fixed(at("2026-11-22T03:59")));
    a.tick().expect("tick");
    assert_eq!(a.screens.today.day, d("2026-11-21"));
    a.journal.set_clock(Clock::Fixed(at("2026-11-22T04:00")));
    assert!(a.tick().expect("tick"));
    assert_eq!(a.screens.today.day, d("2026-11-22"));
    let s = screen(&a, 120, 40);
    assert!(s.contains("Sun 22 Nov"), "{s}");
    assert!(s.contains("Today · 2 promises · none marked yet"), "{s}");
}

#[test]
fn a_win_added_from_another_process_appears_on_the_next_tick() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    let mut other = open_at(&f.path, "2026-11-21T10:00");
    other
        .add_win(d("2026-11-21"), "logged from the shell", None)
        .expect("win");
    assert!(!screen(&a, 120, 40).contains("logged from the shell"));
    assert!(a.tick().expect("tick"));
    assert!(screen(&a, 120, 40).contains("logged from the shell"));
}

#[test]
fn nothing_is_reloaded_when_nothing_changed() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    assert!(!a.reload().expect("reload"));
    assert!(!a.tick().expect("tick"));
    keys(&mut a, " ");
    // The key already reloaded what changed; another look finds nothing new.
    assert!(!a.reload().expect("reload"));
}

#[test]
fn wide_characters_and_a_pasted_block_render_and_save() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "w");
    a.handle_event(&Event::Paste("日本語で書いた 🙂 win".into()));
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 30);
    assert!(s.contains("★ 日本語で書いた 🙂 win"), "{s}");
    // A multi-line answer pasted into the evening reflection keeps its lines.
    keys(&mut a, "r");
    key(&mut a, KeyCode::Enter);
    a.handle_event(&Event::Paste("first line\nsecond line".into()));
    key(&mut a, KeyCode::Enter);
    let day = a.journal.day(d("2026-11-21")).expect("day");
    let answers = &day.reflection.expect("reflection").answers;
    assert_eq!(
        answers.get("helped").map(String::as_str),
        Some("first line\nsecond line")
    );
    assert!(screen(&a, 100, 30).contains("first line ⏎ second line"));
}

#[test]
fn a_huge_paste_is_refused_with_a_sentence_and_the_box_stays_open() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "w");
    keys(&mut a, "kept ");
    a.handle_event(&Event::Paste("word ".repeat(2_000)));
    match &a.popup {
        Some(Popup::Text(t)) => {
            assert!(
                t.error
                    .as_deref()
                    .is_some_and(|e| e.contains("nothing was pasted")),
                "{:?}",
                t.error
            );
            assert_eq!(t.input.lines().join(""), "kept ", "what was typed stays");
        }
        _ => panic!("the input should stay open"),
    }
}

#[test]
fn ratings_are_set_with_digits_and_saved() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    key(&mut a, KeyCode::BackTab); // to the reflection pane (morning)
    keys(&mut a, "j");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "10");
    key(&mut a, KeyCode::Enter);
    let day = a.journal.day(d("2026-11-21")).expect("day");
    assert_eq!(day.checkin.and_then(|c| c.confidence), Some(10));
    assert!(screen(&a, 100, 30).contains("10/10"));
}

#[test]
fn the_morning_shows_yesterdays_adjustment_and_the_evening_the_kept_line() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    let s = screen(&a, 120, 40);
    assert!(s.contains("Morning check-in"), "{s}");
    assert!(s.contains("Put the book on my pillow"), "{s}");
    keys(&mut a, " r");
    let s = screen(&a, 120, 40);
    assert!(s.contains("Evening reflection"), "{s}");
    assert!(
        s.contains("I said I'd stretch for ten seconds — and I did."),
        "{s}"
    );
}

#[test]
fn evening_hours_open_on_the_reflection() {
    let f = Fixture::new();
    drop(lived_in(&f.path));
    let a = app(open_at(&f.path, "2026-11-21T19:00"));
    assert!(screen(&a, 120, 40).contains("Evening reflection"));
    let a = app(open_at(&f.path, "2026-11-22T01:30"));
    let s = screen(&a, 120, 40);
    assert!(s.contains("Evening reflection"), "{s}");
    assert!(
        s.contains("Sat 21 Nov"),
        "after midnight it is still Saturday evening: {s}"
    );
}

#[test]
fn promises_can_be_reordered_and_archived_with_undo() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "4jK");
    let names: Vec<String> = a
        .journal
        .promises(false)
        .expect("list")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(names[0], "Read");
    keys(&mut a, "A");
    assert_eq!(a.journal.promises(false).expect("list").len(), 2);
    let s = screen(&a, 100, 30);
    assert!(s.contains("1 archived"), "{s}");
    keys(&mut a, "u");
    assert_eq!(a.journal.promises(false).expect("list").len(), 3);
}

#[test]
fn editing_a_target_keeps_past_days_on_the_old_one() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "4je");
    for _ in 0..5 {
        key(&mut a, KeyCode::Tab);
    }
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "5 pages");
    key(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none(), "form saved");
    let today = a.journal.day(d("2026-11-21")).expect("day");
    let before = a.journal.day(d("2026-11-20")).expect("day");
    assert_eq!(today.items[1].target, Some(5.0));
    assert_eq!(before.items[1].target, Some(10.0));
}

#[test]
fn a_bad_schedule_in_the_form_says_what_would_be_right() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "4a");
    keys(&mut a, "Floss one tooth");
    for _ in 0..4 {
        key(&mut a, KeyCode::Tab);
    }
    for _ in 0..5 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "sometimes");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 30);
    assert!(s.contains("is not a schedule"), "{s}");
    assert_eq!(
        a.journal.promises(false).expect("list").len(),
        3,
        "nothing added"
    );
}

#[test]
fn q_quits() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn typing_q_into_a_win_does_not_quit() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    keys(&mut a, "wquiet morning");
    assert!(!a.quit);
    key(&mut a, KeyCode::Enter);
    assert!(screen(&a, 100, 30).contains("quiet morning"));
}

#[test]
fn kept_is_warm_and_a_miss_is_never_red() {
    let f = Fixture::new();
    let mut a = App::new(lived_in(&f.path), Theme::new(true)).expect("app");
    keys(&mut a, " jx");
    key(&mut a, KeyCode::Enter);
    let buf = buffer(&a, 120, 40);
    let glyph_fg = |glyph: &str| {
        let area = buf.area;
        (area.top()..area.bottom())
            .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
            .filter(|p| buf[*p].symbol() == glyph)
            .map(|p| buf[p].fg)
            .collect::<Vec<_>>()
    };
    for fg in glyph_fg("○") {
        assert!(
            !matches!(fg, Color::Red | Color::LightRed | Color::Rgb(255, _, _)),
            "{fg:?}"
        );
    }
    assert!(glyph_fg("✓").contains(&Color::Indexed(214)));
}

#[test]
fn no_color_draws_without_colour() {
    let f = Fixture::new();
    let a = app(lived_in(&f.path));
    let buf = buffer(&a, 120, 40);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    let sizes = (0..=45u16)
        .flat_map(|w| (0..=16u16).map(move |h| (w, h)))
        .chain(
            (46..=160u16)
                .step_by(7)
                .flat_map(|w| (0..=60u16).step_by(5).map(move |h| (w, h))),
        );
    let sizes: Vec<(u16, u16)> = sizes.collect();
    for screen_key in ["1", "2", "3", "4"] {
        keys(&mut a, screen_key);
        for popup in [None, Some("?"), Some("w"), Some("a")] {
            if let Some(k) = popup {
                keys(&mut a, k);
            }
            for &(w, h) in &sizes {
                let buf = buffer(&a, w, h);
                assert_eq!(buf.area, Rect::new(0, 0, w, h));
            }
            key(&mut a, KeyCode::Esc);
        }
    }
    // The compact Today panes too.
    keys(&mut a, "1");
    for _ in 0..3 {
        key(&mut a, KeyCode::Tab);
        for &(w, h) in &sizes {
            buffer(&a, w, h);
        }
    }
}

#[test]
fn a_tiny_window_says_how_large_it_needs_to_be() {
    let f = Fixture::new();
    let a = app(lived_in(&f.path));
    let s = screen(&a, 23, 10);
    assert!(s.contains("at least"), "{s}");
    assert!(s.contains("24×6"), "{s}");
    let s = screen(&a, 30, 8);
    assert!(s.contains("Promises"), "30×8 is still usable: {s}");
}

mod snapshots {
    use super::*;

    fn snap(screen_keys: &str, w: u16, h: u16) -> String {
        let f = Fixture::new();
        let mut a = app(lived_in(&f.path));
        keys(&mut a, screen_keys);
        screen(&a, w, h)
    }

    #[test]
    fn today_120x40() {
        insta::assert_snapshot!(snap("", 120, 40));
    }
    #[test]
    fn today_80x24() {
        insta::assert_snapshot!(snap("", 80, 24));
    }
    #[test]
    fn today_40x12() {
        insta::assert_snapshot!(snap("", 40, 12));
    }
    #[test]
    fn calendar_120x40() {
        insta::assert_snapshot!(snap("2", 120, 40));
    }
    #[test]
    fn calendar_80x24() {
        insta::assert_snapshot!(snap("2", 80, 24));
    }
    #[test]
    fn review_120x40() {
        insta::assert_snapshot!(snap("3", 120, 40));
    }
    #[test]
    fn review_80x24() {
        insta::assert_snapshot!(snap("3", 80, 24));
    }
    #[test]
    fn promises_120x40() {
        insta::assert_snapshot!(snap("4", 120, 40));
    }
    #[test]
    fn promises_80x24() {
        insta::assert_snapshot!(snap("4", 80, 24));
    }
    #[test]
    fn help_80x24() {
        insta::assert_snapshot!(snap("?", 80, 24));
    }
}

mod review {
    use super::*;
    use smallwins::domain::{Mark, NewPromise};
    use smallwins::ui::screens::review::ReviewPane;

    /// A promise with a smaller version, missed on the last three days.
    fn struggling(f: &Fixture) -> Journal {
        let mut j = open_at(&f.path, "2026-11-10T08:00");
        let p = j
            .add_promise(NewPromise {
                text: "Run for twenty minutes".into(),
                smaller: Some("put on my running shoes".into()),
                ..NewPromise::default()
            })
            .expect("add");
        j.set_clock(Clock::Fixed(at("2026-11-21T19:00")));
        for day in d("2026-11-10").iter_days().take(11) {
            let status = if day >= d("2026-11-18") {
                Status::Missed
            } else {
                Status::Kept
            };
            j.mark(&p.id, day, status, Mark::default()).expect("mark");
        }
        j.clear_undo();
        j
    }

    #[test]
    fn accepting_a_suggestion_narrows_the_promise_and_u_takes_it_back() {
        let f = Fixture::new();
        let mut a = app(struggling(&f));
        keys(&mut a, "3");
        let s = screen(&a, 120, 40);
        assert!(s.contains("◆ Shrink “Run for twenty minutes” to"), "{s}");
        assert!(s.contains("It didn't happen on 3 of its last 5"), "{s}");
        let suggestion = &a
            .journal
            .review(d("2026-11-16"))
            .expect("review")
            .suggestions[0];
        assert_eq!(
            suggestion.headline,
            "Shrink “Run for twenty minutes” to “put on my running shoes” for now."
        );
        key(&mut a, KeyCode::Tab);
        assert_eq!(a.screens.review.pane, ReviewPane::Act);
        keys(&mut a, "a");
        let promises = a.journal.promises(false).expect("list");
        assert_eq!(promises[0].text, "put on my running shoes");
        let s = screen(&a, 120, 40);
        assert!(s.contains("Decided this week"), "{s}");
        // A decision reads as a decision, not as the suggestion it answered,
        // and no glyph of the legend (✓ is "kept") stands for it.
        assert!(s.contains("→ Sat 21 Nov: Shrank “Run for twenty"), "{s}");
        let review = a.journal.review(d("2026-11-16")).expect("review");
        let decision = &review.review.expect("saved").decisions[0];
        assert!(decision.accepted);
        assert_eq!(decision.on, d("2026-11-21"));
        // One undo takes back both the change and the record of it.
        keys(&mut a, "u");
        assert_eq!(
            a.journal.promises(false).expect("list")[0].text,
            "Run for twenty minutes"
        );
        assert!(
            a.journal
                .review(d("2026-11-16"))
                .expect("review")
                .review
                .is_none()
        );
    }

    #[test]
    fn setting_a_suggestion_aside_records_it_and_changes_nothing_else() {
        let f = Fixture::new();
        let mut a = app(struggling(&f));
        keys(&mut a, "3");
        key(&mut a, KeyCode::Tab);
        keys(&mut a, "x");
        assert_eq!(
            a.journal.promises(false).expect("list")[0].text,
            "Run for twenty minutes"
        );
        let review = a.journal.review(d("2026-11-16")).expect("review");
        assert!(review.suggestions.is_empty(), "set aside for two weeks");
        assert!(!review.review.expect("saved").decisions[0].accepted);
        let s = screen(&a, 120, 40);
        assert!(
            s.contains("   Sat 21 Nov: Kept “Run for twenty minutes”"),
            "{s}"
        );
    }

    #[test]
    fn weekly_questions_are_answered_and_saved() {
        let f = Fixture::new();
        let mut a = app(struggling(&f));
        keys(&mut a, "3");
        key(&mut a, KeyCode::Tab);
        keys(&mut a, "j");
        key(&mut a, KeyCode::Enter);
        keys(&mut a, "Evenings are hard");
        key(&mut a, KeyCode::Enter);
        let review = a.journal.review(d("2026-11-16")).expect("review");
        let answers = review.review.expect("saved").answers;
        assert_eq!(
            answers.get("noticed").map(String::as_str),
            Some("Evenings are hard")
        );
        assert!(screen(&a, 120, 40).contains("Evenings are hard"));
    }

    #[test]
    fn brackets_move_between_weeks_and_the_past_has_no_suggestions() {
        let f = Fixture::new();
        let mut a = app(struggling(&f));
        keys(&mut a, "3[");
        let s = screen(&a, 120, 40);
        assert!(s.contains("Week of 9 Nov – 15 Nov 2026"), "{s}");
        assert!(
            s.contains("Suggestions are made for the current week."),
            "{s}"
        );
        keys(&mut a, "]]");
        assert!(screen(&a, 120, 40).contains("This is the current week."));
    }

    #[test]
    fn a_hard_evening_resurfaces_evidence() {
        let f = Fixture::new();
        let mut j = lived_in(&f.path);
        j.set_clock(Clock::Fixed(at("2026-11-21T21:00")));
        j.reflect(d("2026-11-21"), &Default::default(), Some(2), None)
            .expect("reflect");
        let a = app(j);
        let s = screen(&a, 120, 40);
        assert!(s.contains("A hard day. The record still says:"), "{s}");
        assert!(s.contains("you wrote: “small win"), "{s}");
    }

    #[test]
    fn the_review_screen_on_the_demo_journal_120x40() {
        let f = Fixture::new();
        let mut j = open_at(&f.path, "2026-11-21T19:30");
        smallwins::demo::fill(&mut j, 8).expect("demo");
        let mut a = app(j);
        keys(&mut a, "3");
        insta::assert_snapshot!(screen(&a, 120, 40));
    }

    #[test]
    fn the_review_screen_scrolls_on_a_small_window() {
        let f = Fixture::new();
        let mut j = open_at(&f.path, "2026-11-21T19:30");
        smallwins::demo::fill(&mut j, 8).expect("demo");
        let mut a = app(j);
        keys(&mut a, "3");
        let s = screen(&a, 60, 16);
        assert!(s.contains("↓ j more"), "{s}");
        assert!(!s.contains("Notes and lessons"), "{s}");
        for _ in 0..30 {
            keys(&mut a, "j");
        }
        let s = screen(&a, 60, 16);
        assert!(s.contains("Notes and lessons"), "{s}");
    }
}
