//! Patterns in the record: which weekdays go well, when in the day wins
//! happen, and in which areas.
//!
//! May use: `model` and the rest of `domain`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use serde::Serialize;

use super::super::day::days_between;
use super::showing_up::day_share;
use crate::model::weekday::WEEK;
use crate::model::{Check, Promise, Win};

/// What the record says about when things go well.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patterns {
    /// Per weekday (Monday first): shown-up share of asked promises.
    pub weekdays: Vec<(Weekday, Option<f64>)>,
    pub best_day: Option<Weekday>,
    pub hardest_day: Option<Weekday>,
    /// Wins by time of day: morning, afternoon, evening, night.
    pub win_times: Vec<(&'static str, u32)>,
    /// Wins by area, most first; wins without an area are "other".
    pub areas: Vec<(String, u32)>,
}

/// Days of data needed before patterns mean anything.
pub const PATTERN_DAYS: i64 = 28;

/// The patterns of the days from `from` to `today`, or `None` while the
/// record is shorter than [`PATTERN_DAYS`].
pub fn patterns(
    promises: &[Promise],
    checks: &[Check],
    wins: &[Win],
    from: NaiveDate,
    today: NaiveDate,
) -> Option<Patterns> {
    let first = checks
        .iter()
        .map(|c| c.day)
        .chain(wins.iter().map(|w| w.day))
        .min();
    patterns_since(first, promises, checks, wins, from, today)
}

/// [`patterns`] when the first day of the record is known: then `checks`
/// and `wins` need only hold the days from `from` to `today`.
pub fn patterns_since(
    first: Option<NaiveDate>,
    promises: &[Promise],
    checks: &[Check],
    wins: &[Win],
    from: NaiveDate,
    today: NaiveDate,
) -> Option<Patterns> {
    let first = first?;
    if (today - first).num_days() + 1 < PATTERN_DAYS {
        return None;
    }
    // Finished days only: today is still open.
    let weekdays = weekday_shares(
        promises,
        checks,
        from.max(first),
        today.pred_opt().unwrap_or(today),
    );
    let (best_day, hardest_day) = best_and_hardest(&weekdays);
    let recent = || wins.iter().filter(|w| w.day >= from && w.day <= today);
    Some(Patterns {
        best_day,
        hardest_day,
        weekdays,
        win_times: win_times(recent()),
        areas: wins_by_area(recent()),
    })
}

/// Per weekday (Monday first), the share of asked promises shown up for
/// from `from` to `to`.
fn weekday_shares(
    promises: &[Promise],
    checks: &[Check],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(Weekday, Option<f64>)> {
    let mut by_day: HashMap<NaiveDate, Vec<&Check>> = HashMap::new();
    for c in checks {
        by_day.entry(c.day).or_default().push(c);
    }
    let empty = Vec::new();
    let mut per: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for d in days_between(from, to) {
        let (s, a) = day_share(promises, by_day.get(&d).unwrap_or(&empty), d);
        let e = per
            .entry(d.weekday().num_days_from_monday())
            .or_insert((0, 0));
        e.0 += s;
        e.1 += a;
    }
    WEEK.into_iter()
        .map(|w| {
            let (s, a) = per
                .get(&w.num_days_from_monday())
                .copied()
                .unwrap_or((0, 0));
            (w, (a > 0).then(|| f64::from(s) / f64::from(a)))
        })
        .collect()
}

/// The weekdays that go best and hardest, when they differ at all.
fn best_and_hardest(weekdays: &[(Weekday, Option<f64>)]) -> (Option<Weekday>, Option<Weekday>) {
    let rated: Vec<(Weekday, f64)> = weekdays
        .iter()
        .filter_map(|(w, r)| r.map(|r| (*w, r)))
        .collect();
    let best = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    let hardest = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    let spread = rated.iter().map(|x| x.1).fold(f64::NAN, f64::max)
        - rated.iter().map(|x| x.1).fold(f64::NAN, f64::min);
    if spread > 0.0 {
        (best, hardest)
    } else {
        (None, None)
    }
}

/// Wins by the time of day they were written: morning (04–12), afternoon
/// (12–17), evening (17–22), night.
fn win_times<'a>(wins: impl Iterator<Item = &'a Win>) -> Vec<(&'static str, u32)> {
    let mut times = [
        ("morning", 0u32),
        ("afternoon", 0),
        ("evening", 0),
        ("night", 0),
    ];
    for w in wins {
        let slot = match w.created_at.hour() {
            4..=11 => 0,
            12..=16 => 1,
            17..=21 => 2,
            _ => 3,
        };
        times[slot].1 += 1;
    }
    times.to_vec()
}

/// Wins by area, most first (then by name); wins without an area are
/// "other".
pub fn wins_by_area<'a>(wins: impl Iterator<Item = &'a Win>) -> Vec<(String, u32)> {
    let mut areas: HashMap<String, u32> = HashMap::new();
    for w in wins {
        *areas
            .entry(w.area.clone().unwrap_or_else(|| "other".into()))
            .or_insert(0) += 1;
    }
    let mut areas: Vec<(String, u32)> = areas.into_iter().collect();
    areas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    areas
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::{Schedule, Status};

    #[test]
    fn patterns_need_four_weeks_and_find_the_best_and_hardest_weekday() {
        let p = promise(Schedule::Daily, "2026-10-01");
        // Kept every day except Mondays.
        let checks: Vec<Check> = d("2026-10-01")
            .iter_days()
            .take(40)
            .filter(|day| day.weekday() != Weekday::Mon)
            .map(|day| check(&p, &day.to_string(), Status::Kept))
            .collect();
        let wins = vec![
            win("2026-10-02", 8, Some("health")),
            win("2026-10-03", 13, Some("health")),
            win("2026-10-04", 19, Some("work")),
            win("2026-10-05", 23, None),
        ];
        let ps = vec![p];
        assert!(patterns(&ps, &checks[..10], &[], d("2026-10-01"), d("2026-10-12")).is_none());
        let pat =
            patterns(&ps, &checks, &wins, d("2026-10-01"), d("2026-11-09")).expect("patterns");
        assert_eq!(pat.hardest_day, Some(Weekday::Mon));
        assert!(pat.best_day.is_some_and(|w| w != Weekday::Mon));
        assert_eq!(pat.weekdays[0].1, Some(0.0));
        assert_eq!(
            pat.win_times,
            vec![
                ("morning", 1),
                ("afternoon", 1),
                ("evening", 1),
                ("night", 1)
            ]
        );
        assert_eq!(pat.areas[0], ("health".to_string(), 2));
    }
}
