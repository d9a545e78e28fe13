//! The checkmark calendar read back as a person reads it: its rows parsed
//! into day cells, each checked for even spacing, a glyph apart from its
//! date, the right glyph for known days, nothing "not yet" on a past day or
//! before the journal began, and today and the selected day marked; its
//! months only those the journal has; snapshots of it at three sizes on
//! the demo and on a journal one week old. Also: no screen calls a day
//! before the journal began "not yet" (Today's recent weeks, the promises'
//! grid and a promise's page).

mod common;

use chrono::{Datelike, NaiveDate};
use common::tui::{app, buffer, press, typed};
use common::{Fixture, at, d, open_at};
use crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Status};
use smallwins::ui::app::App;
use smallwins::ui::{Screen, buffer_to_string};

const TODAY: &str = "2026-11-21";
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

/// A journal one week old: two every-day promises added on Sun 15 Nov;
/// today is Sat 21 Nov, not marked yet.
fn one_week(f: &Fixture) -> Journal {
    let mut j = open_at(&f.path, "2026-11-15T08:00");
    let add = |j: &mut Journal, text: &str| {
        j.add_promise(NewPromise {
            text: text.into(),
            ..NewPromise::default()
        })
        .expect("add")
    };
    let a = add(&mut j, "Stretch for ten seconds");
    let b = add(&mut j, "Read before bed");
    j.set_clock(Clock::Fixed(at("2026-11-21T08:30")));
    for (day, sa, sb) in [
        ("2026-11-15", Some(Status::Kept), Some(Status::Kept)),
        ("2026-11-16", Some(Status::Kept), Some(Status::Partial)),
        ("2026-11-17", Some(Status::Kept), Some(Status::Missed)),
        ("2026-11-18", Some(Status::Missed), Some(Status::Missed)),
        ("2026-11-20", Some(Status::Kept), Some(Status::Kept)),
    ] {
        for (p, s) in [(&a, sa), (&b, sb)] {
            if let Some(s) = s {
                j.mark(&p.id, d(day), s, Mark::default()).expect("mark");
            }
        }
    }
    j.add_win(d("2026-11-15"), "made the bed", None)
        .expect("win");
    j.add_win(d("2026-11-20"), "called my sister", None)
        .expect("win");
    j.clear_undo();
    j
}

/// The demo journal (eight weeks, from late September), today 21 Nov.
fn demo(f: &Fixture) -> Journal {
    let mut j = open_at(&f.path, "2026-11-21T08:30");
    smallwins::demo::fill(&mut j, 8).expect("demo");
    j
}

/// The calendar at `w`×`h`, as the event loop shows it.
fn calendar(a: &mut App, w: u16, h: u16) -> Buffer {
    buffer(a, w, h);
    a.reload().expect("reload");
    buffer(a, w, h)
}

fn symbol(buf: &Buffer, x: u16, y: u16) -> &str {
    if x < buf.area.width && y < buf.area.height {
        buf[(x, y)].symbol()
    } else {
        ""
    }
}

fn text(buf: &Buffer, x: u16, y: u16, len: u16) -> String {
    (x..x + len).map(|x| symbol(buf, x, y)).collect()
}

/// One month as drawn: its first day, where its weekday header is, and
/// the columns a day takes.
#[derive(Debug)]
struct Month {
    first: NaiveDate,
    x: u16,
    y: u16,
    day_w: u16,
}

/// One day's cell as drawn.
#[derive(Debug)]
struct Cell {
    day: NaiveDate,
    /// Where the day's number starts.
    x: u16,
    y: u16,
    glyph: String,
    win: bool,
}

const NAMES: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// Every month on the screen: a weekday header whose names are evenly
/// spaced, under the month's name.
fn months(buf: &Buffer) -> Vec<Month> {
    let mut found = Vec::new();
    for y in 1..buf.area.height {
        for x in 0..buf.area.width {
            if text(buf, x, y, 2) != "Mo" {
                continue;
            }
            let Some(day_w) = (4..=8).find(|w| {
                (NAMES.iter().enumerate()).all(|(i, n)| text(buf, x + w * i as u16, y, 2) == *n)
            }) else {
                continue;
            };
            let title = text(buf, x, y - 1, 7 * day_w);
            let first = NaiveDate::parse_from_str(&format!("1 {}", title.trim()), "%d %B %Y")
                .unwrap_or_else(|_| panic!("a month's name above its weekdays: {title:?}"));
            found.push(Month { first, x, y, day_w });
        }
    }
    found
}

/// Every day cell of `month`: its number right-aligned under the
/// weekday's name, its glyph two columns after the number, and the win
/// mark after that when the cells are roomy.
fn cells(buf: &Buffer, month: &Month) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut y = month.y + 1;
    let last = (month.first + chrono::Months::new(1))
        .pred_opt()
        .expect("day");
    while out.last().is_none_or(|c: &Cell| c.day < last) && y < buf.area.height {
        for col in 0..7u16 {
            let x = month.x + col * month.day_w;
            let number = text(buf, x, y, 2);
            let Ok(n) = number.trim().parse::<u32>() else {
                continue;
            };
            let day = month.first.with_day(n).expect("a day of the month");
            out.push(Cell {
                day,
                x,
                y,
                glyph: symbol(buf, x + 3, y).to_string(),
                win: month.day_w >= 6 && symbol(buf, x + 4, y) == "★",
            });
        }
        y += 1;
    }
    out
}

fn all_cells(buf: &Buffer) -> Vec<(Month, Vec<Cell>)> {
    months(buf)
        .into_iter()
        .map(|m| {
            let c = cells(buf, &m);
            (m, c)
        })
        .collect()
}

/// The checks every calendar passes, whatever the journal: each day of a
/// month once, in its weekday's column, evenly spaced; its number apart
/// from the cell before and from its glyph; no "not yet" on a day that has
/// come; today's number underlined and only the cursor's cell selected.
fn check_cells(buf: &Buffer, cursor: NaiveDate, first_day: NaiveDate) {
    let screen = buffer_to_string(buf);
    let today = d(TODAY);
    let months = all_cells(buf);
    assert!(!months.is_empty(), "no month drawn:\n{screen}");
    let day_w = months[0].0.day_w;
    assert!(day_w >= 5, "cells of {day_w} columns:\n{screen}");
    for (month, cells) in &months {
        assert_eq!(month.day_w, day_w, "every month evenly spaced alike");
        let days: Vec<NaiveDate> = cells.iter().map(|c| c.day).collect();
        let expected: Vec<NaiveDate> = (month.first.iter_days())
            .take_while(|d| d.month() == month.first.month())
            .collect();
        assert_eq!(days, expected, "{}:\n{screen}", month.first);
        for c in cells {
            let weekday = c.day.weekday().num_days_from_monday() as u16;
            assert_eq!(c.x, month.x + weekday * day_w, "{}: column", c.day);
            let before = symbol(buf, c.x - 1, c.y);
            assert!(
                before == " " || before == "┃" || before == "|",
                "{}: its number touches the cell before ({before:?}):\n{screen}",
                c.day
            );
            assert_eq!(symbol(buf, c.x + 2, c.y), " ", "{}: glyph apart", c.day);
            if c.day < first_day {
                assert_eq!(c.glyph, " ", "{}: before the journal began", c.day);
                assert!(!c.win, "{}", c.day);
            }
            if c.day <= today {
                assert_ne!(c.glyph, "╌", "{}: not yet on a day that came", c.day);
            } else {
                assert_eq!(c.glyph, "╌", "{}: a day still ahead", c.day);
            }
            let number = &buf[(c.x, c.y)];
            let number_2 = &buf[(c.x + 1, c.y)];
            let underlined = number_2.modifier.contains(Modifier::UNDERLINED);
            assert_eq!(underlined, c.day == today, "{}: today's mark", c.day);
            let glyph = &buf[(c.x + 2 + 1, c.y)];
            for cell in [number, number_2, glyph] {
                let selected = cell.modifier.contains(Modifier::REVERSED);
                assert_eq!(selected, c.day == cursor, "{}: the cursor's mark", c.day);
            }
        }
    }
}

fn glyph_of(buf: &Buffer, day: &str) -> (String, bool) {
    let day = d(day);
    all_cells(buf)
        .into_iter()
        .flat_map(|(_, c)| c)
        .find(|c| c.day == day)
        .map(|c| (c.glyph, c.win))
        .unwrap_or_else(|| panic!("{day} is not drawn:\n{}", buffer_to_string(buf)))
}

fn shown_months(buf: &Buffer) -> Vec<String> {
    months(buf)
        .iter()
        .map(|m| m.first.format("%b %Y").to_string())
        .collect()
}

#[test]
fn a_week_old_journal_reads_day_by_day_with_nothing_before_it_began() {
    let f = Fixture::new();
    let mut a = app(one_week(&f));
    typed(&mut a, "2");
    for (w, h) in SIZES {
        let buf = calendar(&mut a, w, h);
        let screen = buffer_to_string(&buf);
        check_cells(&buf, d(TODAY), d("2026-11-15"));
        assert_eq!(shown_months(&buf), ["Nov 2026"], "{w}×{h}:\n{screen}");
        let roomy = months(&buf)[0].day_w >= 6;
        for (day, glyph, win) in [
            ("2026-11-14", " ", false),
            ("2026-11-15", "✓", true),
            ("2026-11-16", "◐", false),
            ("2026-11-17", "+", false),
            ("2026-11-18", "○", false),
            ("2026-11-19", "·", false),
            ("2026-11-20", "✓", true),
            ("2026-11-21", "·", false),
            ("2026-11-22", "╌", false),
        ] {
            let drawn = glyph_of(&buf, day);
            assert_eq!(drawn, (glyph.to_string(), win && roomy), "{day} {w}×{h}");
        }
        if h >= 24 {
            assert!(screen.contains("21 today"), "{w}×{h}: {screen}");
        }
    }
    // The cursor a day back: it is marked, and today still is.
    press(&mut a, KeyCode::Char('h'));
    let buf = calendar(&mut a, 120, 40);
    check_cells(&buf, d("2026-11-20"), d("2026-11-15"));
}

#[test]
fn the_demo_shows_the_months_it_has_and_each_day_in_its_own_cell() {
    let f = Fixture::new();
    let mut a = app(demo(&f));
    typed(&mut a, "2");
    let first = a.journal.first_day().expect("read").expect("a first day");
    for (w, h) in SIZES {
        let buf = calendar(&mut a, w, h);
        check_cells(&buf, d(TODAY), first);
        let shown = shown_months(&buf);
        assert_eq!(shown.last().map(String::as_str), Some("Nov 2026"));
        let earliest = months(&buf).iter().map(|m| m.first).min();
        assert!(earliest >= first.with_day(1), "{shown:?}");
    }
    let buf = calendar(&mut a, 120, 40);
    assert_eq!(shown_months(&buf), ["Sep 2026", "Oct 2026", "Nov 2026"]);
    // A month back, then a year back: the cursor's month is always shown.
    press(&mut a, KeyCode::Char('['));
    check_cells(&calendar(&mut a, 80, 24), d("2026-10-21"), first);
    for _ in 0..11 {
        press(&mut a, KeyCode::Char('['));
    }
    let buf = calendar(&mut a, 80, 24);
    check_cells(&buf, d("2025-11-21"), first);
    assert_eq!(
        shown_months(&buf).first().map(String::as_str),
        Some("Nov 2025")
    );
}

#[test]
fn a_click_on_a_day_s_glyph_opens_that_day() {
    let f = Fixture::new();
    let mut a = app(one_week(&f));
    typed(&mut a, "2");
    let buf = calendar(&mut a, 80, 24);
    let (_, cells) = all_cells(&buf).remove(0);
    let cell = cells.iter().find(|c| c.day == d("2026-11-17")).expect("17");
    a.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: cell.x + 3,
        row: cell.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.screen, Screen::Today);
    assert_eq!(a.screens.today.day, d("2026-11-17"));
}

#[test]
fn no_screen_calls_a_day_before_the_journal_began_not_yet() {
    let f = Fixture::new();
    let mut a = app(one_week(&f));
    // Today's recent weeks: no week from before the journal, and no
    // "not yet" but on the day still ahead (Sunday 22).
    let today = buffer_to_string(&calendar(&mut a, 120, 40));
    assert!(
        !today.contains("02 Nov") && !today.contains("26 Oct"),
        "{today}"
    );
    let row = |week: &str| {
        (today.lines())
            .find(|l| l.contains(week))
            .unwrap_or_else(|| panic!("{week}: {today}"))
            .to_string()
    };
    assert!(!row("09 Nov").contains('╌'), "{today}");
    assert_eq!(row("16 Nov").matches('╌').count(), 1, "{today}");
    // The promises' grid and a promise's page show only days that came.
    typed(&mut a, "4");
    let grid = buffer_to_string(&calendar(&mut a, 120, 40));
    assert!(!grid.contains('╌'), "{grid}");
    press(&mut a, KeyCode::Enter);
    let page = buffer_to_string(&calendar(&mut a, 120, 40));
    // Its heatmap, a row per weekday from the first day on: the one day
    // still ahead (Sunday 22) is the only "not yet".
    let rows: Vec<&str> = (page.lines())
        .filter(|l| {
            let l = l.trim_start_matches('┃').trim_start();
            ["Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "]
                .iter()
                .any(|d| l.starts_with(d))
        })
        .collect();
    assert_eq!(rows.len(), 7, "{page}");
    let ahead: Vec<&&str> = rows.iter().filter(|l| l.contains('╌')).collect();
    assert_eq!(ahead.len(), 1, "{page}");
    assert!(ahead[0].contains("Su "), "{page}");
    assert_eq!(ahead[0].matches('╌').count(), 1, "{page}");
}

mod snapshots {
    use super::*;

    fn snap(journal: fn(&Fixture) -> Journal, w: u16, h: u16) -> String {
        let f = Fixture::new();
        let mut a = app(journal(&f));
        typed(&mut a, "2");
        buffer_to_string(&calendar(&mut a, w, h))
    }

    #[test]
    fn demo_120x40() {
        insta::assert_snapshot!(snap(demo, 120, 40));
    }
    #[test]
    fn demo_80x24() {
        insta::assert_snapshot!(snap(demo, 80, 24));
    }
    #[test]
    fn demo_40x12() {
        insta::assert_snapshot!(snap(demo, 40, 12));
    }
    #[test]
    fn one_week_120x40() {
        insta::assert_snapshot!(snap(one_week, 120, 40));
    }
    #[test]
    fn one_week_80x24() {
        insta::assert_snapshot!(snap(one_week, 80, 24));
    }
    #[test]
    fn one_week_40x12() {
        insta::assert_snapshot!(snap(one_week, 40, 12));
    }
}
