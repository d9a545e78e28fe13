//! Weeks side by side: the kept rate beside mood and the morning and
//! evening confidence, the same over the whole stretch of weeks, and the
//! self-trust gap between what was done and how sure the person was in the
//! morning.
//!
//! May use: `model` and the rest of `domain`.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::super::stats::{Records, week_summary};
use super::showing_up::day_share;
use crate::model::{Check, CheckIn, Promise, Reflection};

/// One week side by side: what was done, and how it felt.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WeekPoint {
    pub start: NaiveDate,
    /// Times the week's promises were shown up for, of `asked` (so far).
    pub shown: u32,
    pub asked: u32,
    /// `shown / asked`, 0–1.
    pub kept_rate: Option<f64>,
    pub mood: Option<f64>,
    /// Average morning confidence (from the check-ins), 0–10.
    pub morning_confidence: Option<f64>,
    /// Average evening confidence (from the reflections), 0–10.
    pub evening_confidence: Option<f64>,
    /// Average share kept on the finished days that had a morning
    /// check-in, on the same 0–10 scale as confidence.
    pub kept_on_checkin_days: Option<f64>,
    /// The morning confidence of those same days.
    pub confidence_on_checkin_days: Option<f64>,
    /// How many days those are: finished days of the week with a morning
    /// confidence rated and a promise asked.
    pub checkin_days: u32,
    /// Finished days of the week that asked for a promise.
    pub asked_days: u32,
    /// Today is in the week and its check-in has a confidence: it counts
    /// once the day is over.
    pub checked_in_today: bool,
}

/// Several weeks taken together: each figure over all of them, not the
/// last one's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeksTogether {
    pub from: NaiveDate,
    pub weeks: u32,
    /// Shown up for over asked, over every week (0–1).
    pub kept_rate: Option<f64>,
    /// Average of every mood rated in those weeks, 0–10.
    pub mood: Option<f64>,
    /// Average of every morning confidence in those weeks, 0–10.
    pub morning_confidence: Option<f64>,
    /// Average of every evening confidence in those weeks, 0–10.
    pub evening_confidence: Option<f64>,
}

/// The weeks of `points` taken together; ratings are averaged over every
/// day rated in them (`checkins` and `reflections` may hold other days).
pub fn together(
    points: &[WeekPoint],
    checkins: &[CheckIn],
    reflections: &[Reflection],
    today: NaiveDate,
) -> WeeksTogether {
    let from = points.first().map_or(today, |p| p.start);
    let to = points
        .last()
        .map_or(today, |p| p.start + chrono::Duration::days(6))
        .min(today);
    let inside = |d: NaiveDate| d >= from && d <= to;
    let (shown, asked) = points
        .iter()
        .fold((0, 0), |(s, a), p| (s + p.shown, a + p.asked));
    WeeksTogether {
        from,
        weeks: points.len() as u32,
        kept_rate: (asked > 0).then(|| f64::from(shown) / f64::from(asked)),
        mood: mean(
            (reflections.iter())
                .filter(|r| inside(r.day))
                .filter_map(|r| r.mood.map(f64::from)),
        ),
        morning_confidence: mean(
            (checkins.iter())
                .filter(|c| inside(c.day))
                .filter_map(|c| c.confidence.map(f64::from)),
        ),
        evening_confidence: mean(
            (reflections.iter())
                .filter(|r| inside(r.day))
                .filter_map(|r| r.confidence.map(f64::from)),
        ),
    }
}

impl WeekPoint {
    /// The self-trust gap in points out of 10: positive when the record is
    /// ahead of the confidence.
    pub fn trust_gap(&self) -> Option<f64> {
        Some(self.kept_on_checkin_days? - self.confidence_on_checkin_days?)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// The weeks starting at each of `starts`, computed from records covering
/// them all.
pub fn week_points(
    starts: &[NaiveDate],
    promises: &[Promise],
    checks: &[Check],
    checkins: &[CheckIn],
    reflections: &[Reflection],
    today: NaiveDate,
) -> Vec<WeekPoint> {
    let mut by_day: HashMap<NaiveDate, Vec<&Check>> = HashMap::new();
    for c in checks {
        by_day.entry(c.day).or_default().push(c);
    }
    let empty = Vec::new();
    // How much of a finished day was shown up for, out of 10.
    let share = |day: NaiveDate| {
        let (s, a) = day_share(promises, by_day.get(&day).unwrap_or(&empty), day);
        (a > 0 && day < today).then(|| f64::from(s) / f64::from(a) * 10.0)
    };
    let asked_on = |day: NaiveDate| {
        day < today && day_share(promises, by_day.get(&day).unwrap_or(&empty), day).1 > 0
    };
    starts
        .iter()
        .map(|&start| {
            let end = start + chrono::Duration::days(6);
            let in_week = |d: NaiveDate| d >= start && d <= end.min(today);
            let week_checks = within(checks, start, end.min(today));
            // The same count the week's summary shows.
            let records = Records {
                promises,
                checks: &week_checks,
                wins: &[],
                checkins,
                reflections,
            };
            let summary = week_summary(&records, start, today);
            let (shown, asked) = summary.totals();
            let week_checkins: Vec<&CheckIn> = checkins.iter().filter(|c| in_week(c.day)).collect();
            let (kept_on_checkin_days, confidence_on_checkin_days, checkin_days) =
                trust_gap(&week_checkins, &share);
            let asked_days = super::super::day::days_between(start, end.min(today))
                .filter(|d| asked_on(*d))
                .count() as u32;
            let checked_in_today =
                (week_checkins.iter()).any(|c| c.day == today && c.confidence.is_some());
            WeekPoint {
                start,
                shown,
                asked,
                kept_rate: (asked > 0).then(|| f64::from(shown) / f64::from(asked)),
                mood: summary.average_mood,
                morning_confidence: summary.average_morning_confidence,
                evening_confidence: summary.average_evening_confidence,
                kept_on_checkin_days,
                confidence_on_checkin_days,
                checkin_days,
                asked_days,
                checked_in_today,
            }
        })
        .collect()
}

/// The checks from `from` to `to`: a slice of `checks` when they are in
/// day order (as the journal reads them), else a copy.
fn within(checks: &[Check], from: NaiveDate, to: NaiveDate) -> Cow<'_, [Check]> {
    if checks.is_sorted_by_key(|c| c.day) {
        let lo = checks.partition_point(|c| c.day < from);
        let hi = checks.partition_point(|c| c.day <= to);
        Cow::Borrowed(&checks[lo..hi.max(lo)])
    } else {
        let inside = |c: &&Check| c.day >= from && c.day <= to;
        Cow::Owned(checks.iter().filter(inside).cloned().collect())
    }
}

/// The trust gap's two sides over the week's check-in days, as averages:
/// how the day went (out of 10) and how sure the morning was, and how
/// many days they cover. Finished days only (`share` is `None` for the
/// rest).
fn trust_gap(
    checkins: &[&CheckIn],
    share: &dyn Fn(NaiveDate) -> Option<f64>,
) -> (Option<f64>, Option<f64>, u32) {
    let days: Vec<(f64, f64)> = checkins
        .iter()
        .filter_map(|c| Some((f64::from(c.confidence?), share(c.day)?)))
        .collect();
    (
        mean(days.iter().map(|(_, kept)| *kept)),
        mean(days.iter().map(|(conf, _)| *conf)),
        days.len() as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::{Schedule, Status, new_id};

    #[test]
    fn the_self_trust_gap_compares_morning_confidence_with_the_day() {
        let a = promise(Schedule::Daily, "2026-11-01");
        let b = promise(Schedule::Daily, "2026-11-01");
        let checks = vec![
            check(&a, "2026-11-16", Status::Kept),
            check(&b, "2026-11-16", Status::Kept),
            check(&a, "2026-11-17", Status::Kept),
        ];
        let checkin = |day: &str, c: u8| CheckIn {
            id: new_id(),
            day: d(day),
            intention: None,
            confidence: Some(c),
            updated_at: d(day).and_hms_opt(8, 0, 0).expect("valid"),
        };
        let checkins = vec![checkin("2026-11-16", 4), checkin("2026-11-17", 2)];
        let points = week_points(
            &[d("2026-11-16")],
            &[a, b],
            &checks,
            &checkins,
            &[],
            d("2026-11-18"),
        );
        let w = &points[0];
        // Days 16 and 17 asked 2 each (the 18th, today, is still open): 3 of 4.
        assert_eq!(w.kept_rate, Some(0.75));
        assert_eq!(w.morning_confidence, Some(3.0));
        // Checked-in days kept 10/10 and 5/10: 7.5 on average.
        assert_eq!(w.kept_on_checkin_days, Some(7.5));
        assert_eq!(w.confidence_on_checkin_days, Some(3.0));
        assert_eq!(w.trust_gap(), Some(4.5));
        assert_eq!((w.checkin_days, w.asked_days), (2, 2));
        assert!(!w.checked_in_today);
    }
}
