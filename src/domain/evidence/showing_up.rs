//! Showing up across all promises: totals and runs since the start, how
//! much of what a day asked was shown up for, and an earlier win to show on
//! a hard evening.
//!
//! May use: `model` and the rest of `domain`.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::super::day::days_between;
use super::super::rule::day_tally;
use crate::model::{Check, Promise, Status, Win};

/// Totals since the start, and runs of showing up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub promises_kept: u32,
    pub partly_kept: u32,
    /// Kept in the smaller version.
    pub smaller_kept: u32,
    pub wins: u32,
    /// Days with at least one kept or partly kept promise, or a win.
    pub days_shown_up: u32,
    pub longest_run: u32,
    /// The run that reaches today (or yesterday, while today is still open).
    pub current_run: u32,
    pub first_day: Option<NaiveDate>,
}

/// Days a person showed up: a promise kept, partly kept or kept in its
/// smaller version, or a win.
pub fn shown_up_days(checks: &[Check], wins: &[Win]) -> HashSet<NaiveDate> {
    checks
        .iter()
        .filter(|c| c.status.showed_up())
        .map(|c| c.day)
        .chain(wins.iter().map(|w| w.day))
        .collect()
}

pub fn totals(checks: &[Check], wins: &[Win], today: NaiveDate) -> Totals {
    let days = shown_up_days(checks, wins);
    let first_day = checks
        .iter()
        .map(|c| c.day)
        .chain(wins.iter().map(|w| w.day))
        .min();
    let mut longest = 0;
    let mut run = 0;
    if let Some(first) = first_day {
        for d in days_between(first, today) {
            if days.contains(&d) {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
    }
    let mut current = 0;
    let mut d = if days.contains(&today) {
        Some(today)
    } else {
        today.pred_opt()
    };
    while let Some(day) = d.filter(|d| days.contains(d)) {
        current += 1;
        d = day.pred_opt();
    }
    Totals {
        promises_kept: checks.iter().filter(|c| c.status == Status::Kept).count() as u32,
        partly_kept: checks
            .iter()
            .filter(|c| c.status == Status::Partial)
            .count() as u32,
        smaller_kept: checks
            .iter()
            .filter(|c| c.status == Status::Smaller)
            .count() as u32,
        wins: wins.len() as u32,
        days_shown_up: days.iter().filter(|d| **d <= today).count() as u32,
        longest_run: longest,
        current_run: current,
        first_day,
    }
}

/// Of the promises `day` asked for, how many were shown up for, as
/// `(shown, asked)`: the day counted by the one rule
/// ([`day_tally`](super::super::rule::day_tally)), the same count as the
/// day's calendar mark.
pub fn day_share(promises: &[Promise], checks: &[&Check], day: NaiveDate) -> (u32, u32) {
    let tally = day_tally(promises, checks, day);
    (tally.shown, tally.asked)
}

/// One earlier win to show on a hard evening, chosen by the day so it stays
/// the same all evening and changes the next.
pub fn resurfaced_win(earlier: &[Win], day: NaiveDate) -> Option<&Win> {
    earlier.get(resurfaced_index(earlier.len(), day)?)
}

/// Which of `count` earlier wins (in day order) [`resurfaced_win`] shows on
/// `day`, or `None` without any.
pub fn resurfaced_index(count: usize, day: NaiveDate) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let seed = day.num_days_from_ce().unsigned_abs() as usize;
    Some(seed.wrapping_mul(2_654_435_761) % count)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::Schedule;

    #[test]
    fn totals_and_runs_of_showing_up() {
        let p = promise(Schedule::Daily, "2026-11-10");
        // 10 k, 11 m, 12 k, 13 k, 14 (win only), 15 nothing, 16 p, 17 k; today 18, nothing yet.
        let checks = pattern(&p, "2026-11-10", "kmkk..pk");
        let wins = vec![
            win("2026-11-14", 10, None),
            win("2026-11-16", 9, Some("work")),
        ];
        let t = totals(&checks, &wins, d("2026-11-18"));
        assert_eq!(t.promises_kept, 4);
        assert_eq!(t.partly_kept, 1);
        assert_eq!(t.wins, 2);
        assert_eq!(t.days_shown_up, 6); // 10, 12, 13, 14, 16, 17
        assert_eq!(t.longest_run, 3); // 12–14
        assert_eq!(t.current_run, 2); // 16–17, today still open
        assert_eq!(t.first_day, Some(d("2026-11-10")));
    }

    #[test]
    fn the_resurfaced_win_is_stable_for_a_day() {
        let wins: Vec<Win> = (1..=9)
            .map(|i| win(&format!("2026-11-0{i}"), 9, None))
            .collect();
        let a = resurfaced_win(&wins, d("2026-11-20")).expect("win");
        let b = resurfaced_win(&wins, d("2026-11-20")).expect("win");
        assert_eq!(a, b);
        let picks: HashSet<&str> = (0..20)
            .filter_map(|i| resurfaced_win(&wins, d("2026-11-01") + chrono::Duration::days(i)))
            .map(|w| w.id.as_str())
            .collect();
        assert!(picks.len() > 3, "different days show different wins");
        assert!(resurfaced_win(&[], d("2026-11-20")).is_none());
    }
}
