//! Issue 10: the checkmark grid on the Promises screen. Every state a cell
//! can show on a hand-built history; the day cursor, scrolling back a week
//! and marking a past day in two keys (with the popups too); the standing
//! beside each row as the domain counts it; clicks on a cell; and reading
//! only what changed.

mod common;

use common::tui::{app, buffer, press, seen, typed};
use common::{Fixture, at, d, open_at};
use crossterm::event::KeyModifiers;
use crossterm::event::{Event, KeyCode, MouseButton, MouseEvent, MouseEventKind};
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Schedule, Status};
use smallwins::ui::Screen;
use smallwins::ui::app::{App, Popup};

const TODAY: &str = "2026-11-21T08:30";

/// Three promises around Sat 21 Nov 2026, weeks from Monday:
/// - "Stretch", every day from Wed 11 Nov: kept the 11th; Mon 16 kept,
///   Tue 17 partly, Wed 18 the smaller version, Thu 19 missed (with a
///   note), Fri 20 and today left blank;
/// - "Walk", Mon/Wed/Fri from Mon 9 Nov: Mon 16 kept, Wed 18 missed;
/// - "Floss", every day from Mon 9 Nov, archived on Thu 19 Nov.
struct Story {
    journal: Journal,
    stretch: String,
    walk: String,
}

fn story(f: &Fixture) -> Story {
    let mut j = open_at(&f.path, "2026-11-09T08:00");
    let walk = j
        .add_promise(NewPromise {
            text: "Walk".into(),
            schedule: Some(Schedule::parse_days("mon,wed,fri").expect("days")),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    let floss = j
        .add_promise(NewPromise {
            text: "Floss".into(),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    j.set_clock(Clock::Fixed(at("2026-11-11T08:00")));
    let stretch = j
        .add_promise(NewPromise {
            text: "Stretch".into(),
            smaller: Some("touch my toes".into()),
            ..NewPromise::default()
        })
        .expect("add")
        .id;
    j.set_clock(Clock::Fixed(at("2026-11-19T08:00")));
    j.archive_promise(&floss).expect("archive");
    j.set_clock(Clock::Fixed(at(TODAY)));
    let mark = |j: &mut Journal, id: &str, day: &str, status: Status| {
        j.mark(id, d(day), status, Mark::default()).expect("mark");
    };
    mark(&mut j, &stretch, "2026-11-11", Status::Kept);
    mark(&mut j, &stretch, "2026-11-16", Status::Kept);
    mark(&mut j, &stretch, "2026-11-17", Status::Partial);
    mark(&mut j, &stretch, "2026-11-18", Status::Smaller);
    let note = Mark {
        note: Some("slept in".into()),
        ..Mark::default()
    };
    j.mark(&stretch, d("2026-11-19"), Status::Missed, note)
        .expect("mark");
    mark(&mut j, &walk, "2026-11-16", Status::Kept);
    mark(&mut j, &walk, "2026-11-18", Status::Missed);
    j.clear_undo();
    Story {
        journal: j,
        stretch,
        walk,
    }
}

/// The drawn line that holds `name`.
fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"))
}

fn click(a: &mut App, (x, y): (u16, u16)) {
    a.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn every_state_of_a_day_has_its_cell_on_the_grid() {
    let f = Fixture::new();
    let mut a = app(story(&f).journal);
    typed(&mut a, "4.");
    let s = seen(&mut a, 120, 40);
    // The weeks of 9 and 16 Nov, Monday first, today (Saturday) last.
    assert!(s.contains("9 Nov   16 Nov"), "{s}");
    // Before it existed (not part of its record: blank), kept, not
    // recorded; kept, partly, the smaller version, noted as missed, not
    // recorded (yesterday and today).
    assert!(row(&s, "Stretch").contains("  ✓···· ✓◐◒○··"), "{s}");
    // Rest days on the days its schedule leaves out.
    assert!(row(&s, "Walk").contains("·–·–·–– ✓–○–·–"), "{s}");
    // An archived promise's row ends on the day it was archived.
    let floss = row(&s, "Floss (archived)");
    assert!(floss.contains("······· ··· "), "{s}");
    assert!(!floss.contains("······· ····"), "{s}");
    // The legend says what every one of them means.
    for words in [
        "✓ kept",
        "◐ partly kept",
        "◒ smaller version",
        "○ noted as missed",
        "· not recorded",
        "– rest day",
    ] {
        assert!(s.contains(words), "{words}\n{s}");
    }
    // No day of the grid is still ahead, and none before a promise began
    // is "not yet".
    assert!(!s.contains('╌'), "{s}");
    // Today's column is marked: underlined in the weekday letters and in
    // every row.
    let buf = buffer(&a, 120, 40);
    let (x, y) = find(&buf, "Stretch");
    // The days end where the figures begin ("new · 4 of 10").
    let cell = |x: u16| buf[(x, y)].symbol().to_string();
    let days_end = (x..118)
        .find(|x| cell(*x) == "n" && cell(x + 1) == "e" && cell(x + 2) == "w")
        .unwrap_or(120);
    let today_x = (x..days_end)
        .rev()
        .find(|x| buf[(*x, y)].symbol() == "·")
        .expect("today's cell");
    assert!(
        buf[(today_x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}

/// Where `text` starts in the buffer.
fn find(buf: &ratatui::buffer::Buffer, text: &str) -> (u16, u16) {
    let area = buf.area;
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y);
        }
    }
    panic!("{text} is not drawn");
}

#[test]
fn the_selected_day_is_said_in_words_and_the_standing_stands_beside_each_row() {
    let f = Fixture::new();
    let st = story(&f);
    let evidence = st.journal.evidence().expect("evidence");
    let mut a = app(st.journal);
    typed(&mut a, "4jhh");
    let s = seen(&mut a, 120, 40);
    assert!(
        s.contains("Thu 19 Nov · Stretch: noted as missed — “slept in”"),
        "{s}"
    );
    // Strength and the last 30 times asked, as the evidence counts them.
    let stretch = evidence
        .promises
        .iter()
        .find(|e| e.promise_id == st.stretch)
        .expect("stretch");
    // New (fewer than 14 times asked): its plain count across both
    // figures, and no percentage.
    let count = smallwins::domain::words::new_words(stretch.new.expect("new"));
    let line = row(&s, "Stretch");
    assert!(line.contains(&format!(" {count:>16}")), "{line}");
    assert!(!line.contains('%'), "{line}");
    // Every promise here is new: the figures' heading names the count.
    assert!(!s.contains("strength last 30"), "{s}");
    assert!(s.contains("so far"), "{s}");
}

#[test]
fn an_n_times_a_week_promise_shows_its_week_so_far() {
    let f = Fixture::new();
    let mut j = open_at(&f.path, "2026-11-09T08:00");
    let call = j
        .add_promise(NewPromise {
            text: "Call a friend".into(),
            schedule: Some(Schedule::TimesPerWeek { times: 3 }),
            ..NewPromise::default()
        })
        .expect("add");
    j.set_clock(Clock::Fixed(at(TODAY)));
    for day in ["2026-11-16", "2026-11-18"] {
        j.mark(&call.id, d(day), Status::Kept, Mark::default())
            .expect("mark");
    }
    let mut a = app(j);
    typed(&mut a, "4");
    let s = seen(&mut a, 120, 40);
    assert!(s.contains("this week"), "{s}");
    assert!(row(&s, "Call a friend").contains("2 of 3"), "{s}");
}

#[test]
fn a_forgotten_day_is_fixed_in_two_keys_after_scrolling_back_a_week() {
    let f = Fixture::new();
    let st = story(&f);
    let mut a = app(st.journal);
    typed(&mut a, "4");
    seen(&mut a, 120, 40);
    // The cursor starts on today.
    assert_eq!(a.screens.promises.cursor, d("2026-11-21"));
    // A week back, then kept: Sat 14 Nov for "Walk" (the first row).
    typed(&mut a, "[ ");
    assert_eq!(a.screens.promises.cursor, d("2026-11-14"));
    let day = a.journal.day(d("2026-11-14")).expect("day");
    let walk = day.items.iter().find(|i| i.promise.id == st.walk);
    assert_eq!(walk.and_then(|i| i.status()), Some(Status::Kept));
    let s = seen(&mut a, 120, 40);
    assert!(s.contains("Sat 14 Nov: Kept. That counts."), "{s}");
    // On a narrow window, 9 to 21 Nov are in view; one day past the left
    // edge, the days go back a week.
    typed(&mut a, "t");
    let before = seen(&mut a, 40, 12);
    assert!(before.contains("9 Nov   16 Nov"), "{before}");
    typed(&mut a, &"h".repeat(12));
    assert_eq!(a.screens.promises.cursor, d("2026-11-09"));
    assert!(seen(&mut a, 40, 12).contains("9 Nov   16 Nov"));
    typed(&mut a, "h");
    let after = seen(&mut a, 40, 12);
    assert!(after.contains("2 Nov   9 Nov"), "{after}");
    assert!(!after.contains("16 Nov"), "{after}");
    // l past the right edge comes forward a week again, never past today.
    typed(&mut a, &"l".repeat(7));
    assert!(seen(&mut a, 40, 12).contains("16 Nov"));
    typed(&mut a, "t");
    assert_eq!(a.screens.promises.cursor, d("2026-11-21"));
    typed(&mut a, "l");
    assert!(seen(&mut a, 120, 40).contains("That day is still ahead."));
}

#[test]
fn a_miss_and_an_amount_for_a_past_day_are_saved_on_that_day() {
    let f = Fixture::new();
    let mut j = open_at(&f.path, "2026-11-09T08:00");
    let read = j
        .add_promise(NewPromise {
            text: "Read".into(),
            target: Some(10.0),
            unit: Some("pages".into()),
            ..NewPromise::default()
        })
        .expect("add");
    let walk = j
        .add_promise(NewPromise {
            text: "Walk".into(),
            ..NewPromise::default()
        })
        .expect("add");
    j.set_clock(Clock::Fixed(at(TODAY)));
    let mut a = app(j);
    typed(&mut a, "4hhh");
    // p on a measure asks for the amount, for Wed 18 Nov.
    typed(&mut a, "p");
    let s = seen(&mut a, 100, 30);
    assert!(
        s.contains("How many pages? (target 10) · Wed 18 Nov"),
        "{s}"
    );
    typed(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    assert!(a.popup.is_none(), "saved");
    let check = |a: &App, id: &str, day: &str| {
        a.journal
            .day(d(day))
            .expect("day")
            .items
            .into_iter()
            .find(|i| i.promise.id == id)
            .and_then(|i| i.check)
    };
    let c = check(&a, &read.id, "2026-11-18").expect("recorded on the 18th");
    assert_eq!((c.status, c.amount), (Status::Partial, Some(4.0)));
    // x on the next row: the miss form names the day and saves it there.
    typed(&mut a, "jx");
    let s = seen(&mut a, 100, 30);
    assert!(s.contains("Missed on Wed 18 Nov: Walk"), "{s}");
    typed(&mut a, "rain");
    press(&mut a, KeyCode::Enter);
    let c = check(&a, &walk.id, "2026-11-18").expect("recorded on the 18th");
    assert_eq!(c.status, Status::Missed);
    assert_eq!(c.note.as_deref(), Some("rain"));
    assert!(check(&a, &walk.id, "2026-11-21").is_none(), "not today");
}

#[test]
fn the_other_marks_and_clearing_work_on_the_selected_day() {
    let f = Fixture::new();
    let st = story(&f);
    let mut a = app(st.journal);
    // "Stretch" is the third row; Fri 20 Nov was left blank.
    typed(&mut a, "4jjh");
    let status = |a: &App| {
        a.journal
            .day(d("2026-11-20"))
            .expect("day")
            .items
            .into_iter()
            .find(|i| i.promise.id == st.stretch)
            .and_then(|i| i.status())
    };
    typed(&mut a, "s");
    assert_eq!(status(&a), Some(Status::Smaller));
    typed(&mut a, "p");
    assert_eq!(status(&a), Some(Status::Partial));
    typed(&mut a, "d");
    assert_eq!(status(&a), None);
    assert!(seen(&mut a, 120, 40).contains("Fri 20 Nov: Mark cleared."));
    typed(&mut a, "d");
    assert!(seen(&mut a, 120, 40).contains("Fri 20 Nov: Nothing is marked."));
    typed(&mut a, "u");
    assert_eq!(status(&a), Some(Status::Partial), "u undoes the clearing");
    // Editing, adding, reordering and archiving stay here.
    typed(&mut a, "e");
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    press(&mut a, KeyCode::Esc);
    typed(&mut a, "K");
    let order: Vec<String> = (a.journal.promises(false).expect("list"))
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(order, ["Stretch", "Walk"]);
}

#[test]
fn a_click_on_a_cell_selects_its_promise_and_day() {
    let f = Fixture::new();
    let st = story(&f);
    let mut a = app(st.journal);
    typed(&mut a, "4");
    seen(&mut a, 120, 40);
    let buf = buffer(&a, 120, 40);
    // Stretch's cell for Tue 17 Nov (◐), the only partly kept day.
    let (x, y) = find(&buf, "◐");
    click(&mut a, (x, y));
    assert_eq!(a.screens.promises.cursor, d("2026-11-17"));
    let s = seen(&mut a, 120, 40);
    assert!(s.contains("Tue 17 Nov · Stretch: partly kept"), "{s}");
    // Space then marks that promise on that day.
    typed(&mut a, " ");
    let day = a.journal.day(d("2026-11-17")).expect("day");
    let stretch = day.items.iter().find(|i| i.promise.id == st.stretch);
    assert_eq!(stretch.and_then(|i| i.status()), Some(Status::Kept));
}

#[test]
fn moving_the_cursor_reads_nothing_and_a_new_range_is_read_once() {
    let f = Fixture::new();
    let mut a = app(story(&f).journal);
    typed(&mut a, "4");
    seen(&mut a, 80, 24);
    let before = a.screens.promises.reads;
    // Within the days in view: no read, however far the cursor goes.
    typed(&mut a, "hhhjjkl");
    seen(&mut a, 80, 24);
    assert!(!a.reload().expect("reload"));
    assert_eq!(a.screens.promises.reads, before);
    // Weeks back past what was read: one read of the rows for each new
    // range, and the standings are not read again.
    let mut ranges = before.ranges;
    for _ in 0..30 {
        typed(&mut a, "[");
        seen(&mut a, 80, 24);
        let now = a.screens.promises.reads;
        assert!(now.ranges <= ranges + 1, "one read per range");
        ranges = now.ranges;
        assert_eq!(now.standings, before.standings);
    }
    assert!(ranges > before.ranges, "going back months reads their days");
    let reads = a.screens.promises.reads;
    // A change to the journal reads the standings and the rows again, once.
    typed(&mut a, " ");
    seen(&mut a, 80, 24);
    let after = a.screens.promises.reads;
    assert_eq!(after.standings, reads.standings + 1);
    assert_eq!(after.ranges, reads.ranges + 1);
    assert!(!a.reload().expect("reload"));
}

#[test]
fn the_grid_draws_at_every_size_without_panicking() {
    let f = Fixture::new();
    let mut a = app(story(&f).journal);
    typed(&mut a, "4.jh[");
    for w in 0..=130u16 {
        for h in (0..=42u16).step_by(if w < 50 { 1 } else { 7 }) {
            buffer(&a, w, h);
            a.reload().expect("reload");
        }
    }
    assert_eq!(a.screen, Screen::Promises);
}

#[test]
fn show_promises_prints_the_grid() {
    let f = Fixture::new();
    drop(story(&f));
    let out = common::run_at(
        &f,
        TODAY,
        &["show", "promises", "--width", "120", "--height", "40"],
    );
    assert!(row(&out, "Stretch").contains("  ✓···· ✓◐◒○··"), "{out}");
    let past = common::run_at(
        &f,
        TODAY,
        &[
            "show",
            "promises",
            "--width",
            "80",
            "--height",
            "24",
            "--date",
            "2026-11-10",
        ],
    );
    assert!(past.contains("Tue 10 Nov · Walk: a rest day"), "{past}");
}

#[test]
fn every_promise_has_its_row_when_the_screen_has_room_for_them_and_the_legend() {
    // Established promises: the figures' legend takes two lines at this
    // width, which the grid once left out of its height, so the fifth row
    // went below the details with nothing to say it was there.
    let f = Fixture::new();
    common::run_at(&f, TODAY, &["demo", "--years", "1"]);
    for (width, height) in [("100", "30"), ("100", "45"), ("120", "40")] {
        let out = common::run_at(
            &f,
            TODAY,
            &["show", "promises", "--width", width, "--height", height],
        );
        assert!(out.contains("strength: recent days weigh most"), "{out}");
        for name in [
            "Stretch for ten seconds",
            "Read before bed",
            "Go for a short walk",
            "Reach out to a friend",
            "Make the bed",
        ] {
            assert!(
                out.contains(name),
                "{width}×{height}: {name} is not drawn:\n{out}"
            );
        }
    }
}

#[test]
fn rows_without_room_are_counted_on_the_border() {
    let f = Fixture::new();
    let mut a = app(story(&f).journal);
    typed(&mut a, "4");
    // Room for one of the two promises listed: the other is said.
    let s = seen(&mut a, 40, 8);
    assert!(s.contains("↓ 1 more"), "{s}");
    typed(&mut a, "j");
    let s = seen(&mut a, 40, 8);
    assert!(s.contains("↑ 1 above"), "{s}");
    // With room for both, nothing is said.
    let s = seen(&mut a, 120, 40);
    assert!(!s.contains("more") && !s.contains("above"), "{s}");
}
