//! The screens read the journal only when what they show changed: going
//! back to a week shown lately, or moving between days on Today, reads
//! nothing it already holds, and any change reads again, once.

mod common;

use common::tui::{app, seen, typed};
use common::{Fixture, d, lived_in, open_at};

#[test]
fn review_reads_a_week_once_and_going_back_to_it_reads_nothing() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    typed(&mut a, "3");
    seen(&mut a, 120, 40);
    let first = a.screens.review.reads;
    assert_eq!(first, 1, "the week shown is read once");
    let this_week = a.screens.review.week;

    // Three weeks back: one read each.
    typed(&mut a, "[[[");
    seen(&mut a, 120, 40);
    assert_eq!(a.screens.review.reads, first + 3);
    // And forward again over weeks already shown: no read at all.
    typed(&mut a, "]]]");
    let s = seen(&mut a, 120, 40);
    assert_eq!(a.screens.review.week, this_week);
    assert_eq!(a.screens.review.reads, first + 3, "{s}");
    assert!(!a.reload().expect("reload"));

    // A change anywhere in the journal makes every kept week stale.
    typed(&mut a, "1 3");
    seen(&mut a, 120, 40);
    let after_change = a.screens.review.reads;
    assert_eq!(after_change, first + 4, "the week in view is read again");
    typed(&mut a, "[");
    seen(&mut a, 120, 40);
    assert_eq!(
        a.screens.review.reads,
        after_change + 1,
        "a week kept from before the change is read again"
    );
}

#[test]
fn a_write_from_another_smallwins_is_seen_even_in_a_kept_week() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    typed(&mut a, "3[");
    seen(&mut a, 120, 40);
    typed(&mut a, "]");
    let s = seen(&mut a, 120, 40);
    assert!(s.contains("This week: wins 2"), "{s}");
    let mut other = open_at(&f.path, "2026-11-21T10:00");
    other
        .add_win(d("2026-11-20"), "fixed the wobbly chair", None)
        .expect("win");
    let before = a.screens.review.reads;
    assert!(a.tick().expect("tick"));
    assert_eq!(a.screens.review.reads, before + 1, "the week in view");
    typed(&mut a, "[]");
    let s = seen(&mut a, 120, 40);
    assert!(s.contains("This week: wins 3"), "{s}");
    assert_eq!(
        a.screens.review.reads,
        before + 2,
        "the week left behind is read again, the one in view is not"
    );
}

#[test]
fn today_reads_the_day_it_moves_to_and_not_the_weeks_around_it() {
    let f = Fixture::new();
    let mut a = app(lived_in(&f.path));
    seen(&mut a, 120, 40);
    let start = a.screens.today.reads;
    assert_eq!((start.days, start.recent), (1, 1));
    typed(&mut a, "hhh");
    seen(&mut a, 120, 40);
    let moved = a.screens.today.reads;
    assert_eq!(moved.days, start.days + 3, "one read per day moved to");
    assert_eq!(
        moved.recent, start.recent,
        "the calendar pane stays as read"
    );
    assert!(!a.reload().expect("reload"));

    // Recording something reads both again, once.
    typed(&mut a, "t ");
    seen(&mut a, 120, 40);
    let after = a.screens.today.reads;
    assert_eq!(after.recent, moved.recent + 1);
    assert!(after.days > moved.days);
    assert!(!a.reload().expect("reload"));
}
