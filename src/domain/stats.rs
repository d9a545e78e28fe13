//! Counting the evidence: the mark each day earns on the calendar, and a
//! week's summary. Both count days by the one rule in [`super::rule`].
//!
//! May use: `model` and the rest of `domain` (not the store: these are pure
//! functions over records the [`Journal`](super::Journal) loads).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::day::days_between;
use super::rule::{Asked, DayTally, PromiseDay, Went, day_tally, promise_day};
use crate::model::{Check, CheckIn, Promise, Reflection, Schedule, Win};

/// The glyph a day earns on the checkmark calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayMark {
    /// Every promise that asked for something was kept.
    AllKept,
    /// Some kept, or partly kept: it happened, so it counts.
    SomeKept,
    /// Promises were due and none is marked kept yet (or they were missed).
    NoneKept,
    /// No promise asked for anything that day.
    NotScheduled,
    /// Still ahead.
    Future,
}

/// The mark of one day, from the promises and that day's checks, counted
/// by the one rule ([`promise_day`]).
pub fn day_mark(
    promises: &[Promise],
    checks: &[&Check],
    day: NaiveDate,
    today: NaiveDate,
) -> DayMark {
    if day > today {
        return DayMark::Future;
    }
    match day_tally(promises, checks, day) {
        DayTally { asked: 0, .. } => DayMark::NotScheduled,
        DayTally { asked, kept, .. } if kept == asked => DayMark::AllKept,
        DayTally { shown, .. } if shown > 0 => DayMark::SomeKept,
        _ => DayMark::NoneKept,
    }
}

/// Marks for every day in `from..=to`.
pub fn marks(
    promises: &[Promise],
    checks: &[Check],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, DayMark)> {
    let mut by_day: HashMap<NaiveDate, Vec<&Check>> = HashMap::new();
    for c in checks {
        by_day.entry(c.day).or_default().push(c);
    }
    let empty = Vec::new();
    days_between(from, to)
        .map(|d| {
            let day_checks = by_day.get(&d).unwrap_or(&empty);
            (d, day_mark(promises, day_checks, d, today))
        })
        .collect()
}

/// One promise over one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseWeek {
    pub promise_id: String,
    pub text: String,
    /// Days it asked for (for N-times-a-week: N).
    pub asked: u32,
    /// Days marked kept, partly kept and missed that week, as recorded.
    pub kept: u32,
    pub partial: u32,
    pub missed: u32,
}

impl PromiseWeek {
    /// Share of asked days that were shown up for (kept or partly), 0–1.
    pub fn showed_up_rate(&self) -> Option<f64> {
        (self.asked > 0)
            .then(|| f64::from((self.kept + self.partial).min(self.asked)) / f64::from(self.asked))
    }
}

/// A week at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekSummary {
    pub start: NaiveDate,
    pub promises: Vec<PromiseWeek>,
    pub wins: usize,
    pub average_mood: Option<f64>,
    pub average_confidence: Option<f64>,
    pub days: Vec<(NaiveDate, DayMark)>,
}

impl WeekSummary {
    /// Days shown up for across all promises, over days asked.
    pub fn totals(&self) -> (u32, u32) {
        self.promises.iter().fold((0, 0), |(s, a), p| {
            (s + (p.kept + p.partial).min(p.asked), a + p.asked)
        })
    }
}

/// The week starting on `start`, as of `today`.
pub fn week_summary(
    promises: &[Promise],
    checks: &[Check],
    wins: &[Win],
    checkins: &[CheckIn],
    reflections: &[Reflection],
    start: NaiveDate,
    today: NaiveDate,
) -> WeekSummary {
    let end = start + chrono::Duration::days(6);
    let average = |values: Vec<u8>| {
        (!values.is_empty())
            .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
    };
    // Morning confidence: how sure the person was before the day, to set
    // beside what the day held.
    let confidences: Vec<u8> = checkins.iter().filter_map(|c| c.confidence).collect();
    WeekSummary {
        start,
        promises: promises
            .iter()
            .filter_map(|p| promise_week(p, checks, start, today))
            .collect(),
        wins: wins.len(),
        average_mood: average(reflections.iter().filter_map(|r| r.mood).collect()),
        average_confidence: average(confidences),
        days: marks(promises, checks, start, end, today),
    }
}

/// One promise's week, or `None` if it was not in the journal that week
/// and nothing was recorded for it.
fn promise_week(
    p: &Promise,
    checks: &[Check],
    start: NaiveDate,
    today: NaiveDate,
) -> Option<PromiseWeek> {
    let end = start + chrono::Duration::days(6);
    let mine: Vec<&Check> = checks.iter().filter(|c| c.promise_id == p.id).collect();
    let days: Vec<(NaiveDate, PromiseDay)> = days_between(start, end.min(today))
        .map(|d| {
            let check = mine.iter().find(|c| c.day == d).copied();
            (d, promise_day(p, check, d))
        })
        .collect();
    let active_days = days.iter().filter(|(_, pd)| pd.active()).count() as u32;
    if active_days == 0 && mine.is_empty() {
        return None;
    }
    let asked = match &p.schedule {
        Schedule::TimesPerWeek { times } => u32::from(*times).min(active_days.max(1)),
        // Today asks only once it is marked: the day is not over.
        _ => days
            .iter()
            .filter(|(_, pd)| pd.asked == Asked::Scheduled)
            .filter(|(d, pd)| *d < today || pd.went != Went::NotRecorded)
            .count() as u32,
    };
    // Every result recorded that week, as recorded: a day marked missed is
    // information even where it does not count against the promise.
    let count = |went: Went| days.iter().filter(|(_, pd)| pd.went == went).count() as u32;
    Some(PromiseWeek {
        promise_id: p.id.clone(),
        text: p.text.clone(),
        asked,
        kept: count(Went::Kept),
        partial: count(Went::Partly),
        missed: count(Went::Missed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, new_id};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn promise(text: &str, schedule: Schedule) -> Promise {
        Promise {
            id: new_id(),
            text: text.into(),
            cue: None,
            smaller: None,
            area: None,
            schedule,
            unit: None,
            targets: vec![],
            position: 0,
            created_on: d("2026-11-01"),
            archived_on: None,
            updated_at: d("2026-11-01").and_hms_opt(8, 0, 0).expect("valid"),
        }
    }

    fn check(p: &Promise, day: &str, status: Status) -> Check {
        Check {
            id: new_id(),
            promise_id: p.id.clone(),
            day: d(day),
            status,
            amount: None,
            note: None,
            lesson: None,
            updated_at: d(day).and_hms_opt(20, 0, 0).expect("valid"),
        }
    }

    #[test]
    fn a_day_is_all_kept_only_when_every_due_promise_was_kept() {
        let a = promise("a", Schedule::Daily);
        let b = promise("b", Schedule::Daily);
        let ps = vec![a.clone(), b.clone()];
        let today = d("2026-11-21");
        let ka = check(&a, "2026-11-20", Status::Kept);
        let kb = check(&b, "2026-11-20", Status::Kept);
        let pb = check(&b, "2026-11-20", Status::Partial);
        let mb = check(&b, "2026-11-20", Status::Missed);
        let day = d("2026-11-20");
        assert_eq!(day_mark(&ps, &[&ka, &kb], day, today), DayMark::AllKept);
        assert_eq!(day_mark(&ps, &[&ka, &pb], day, today), DayMark::SomeKept);
        assert_eq!(day_mark(&ps, &[&ka, &mb], day, today), DayMark::SomeKept);
        assert_eq!(day_mark(&ps, &[&ka], day, today), DayMark::SomeKept);
        assert_eq!(day_mark(&ps, &[&mb], day, today), DayMark::NoneKept);
        assert_eq!(day_mark(&ps, &[], day, today), DayMark::NoneKept);
    }

    #[test]
    fn partly_kept_alone_still_counts_as_showing_up() {
        let a = promise("a", Schedule::Daily);
        let pa = check(&a, "2026-11-20", Status::Partial);
        assert_eq!(
            day_mark(
                std::slice::from_ref(&a),
                &[&pa],
                d("2026-11-20"),
                d("2026-11-21")
            ),
            DayMark::SomeKept
        );
    }

    #[test]
    fn rest_days_future_days_and_days_before_a_promise_existed() {
        let mwf = promise("mwf", Schedule::parse_days("mon,wed,fri").expect("valid"));
        let ps = vec![mwf];
        let today = d("2026-11-21");
        assert_eq!(
            day_mark(&ps, &[], d("2026-11-17"), today),
            DayMark::NotScheduled
        ); // Tue
        assert_eq!(
            day_mark(&ps, &[], d("2026-11-16"), today),
            DayMark::NoneKept
        ); // Mon
        assert_eq!(day_mark(&ps, &[], d("2026-11-23"), today), DayMark::Future);
        assert_eq!(
            day_mark(&ps, &[], d("2026-10-30"), today),
            DayMark::NotScheduled
        ); // before created
    }

    #[test]
    fn times_per_week_days_count_only_when_marked() {
        let t = promise("gym", Schedule::TimesPerWeek { times: 3 });
        let k = check(&t, "2026-11-18", Status::Kept);
        let ps = vec![t];
        assert_eq!(
            day_mark(&ps, &[], d("2026-11-17"), d("2026-11-21")),
            DayMark::NotScheduled
        );
        assert_eq!(
            day_mark(&ps, &[&k], d("2026-11-18"), d("2026-11-21")),
            DayMark::AllKept
        );
    }

    #[test]
    fn archived_promises_stop_asking() {
        let mut a = promise("a", Schedule::Daily);
        a.archived_on = Some(d("2026-11-10"));
        let ps = vec![a];
        assert_eq!(
            day_mark(&ps, &[], d("2026-11-09"), d("2026-11-21")),
            DayMark::NoneKept
        );
        assert_eq!(
            day_mark(&ps, &[], d("2026-11-12"), d("2026-11-21")),
            DayMark::NotScheduled
        );
    }

    #[test]
    fn week_summary_counts_asked_and_shown_up_days() {
        let daily = promise("daily", Schedule::Daily);
        let thrice = promise("thrice", Schedule::TimesPerWeek { times: 3 });
        let checks = vec![
            check(&daily, "2026-11-16", Status::Kept),
            check(&daily, "2026-11-17", Status::Partial),
            check(&daily, "2026-11-18", Status::Missed),
            check(&thrice, "2026-11-16", Status::Kept),
            check(&thrice, "2026-11-19", Status::Kept),
        ];
        let ps = vec![daily, thrice];
        // Today is Saturday the 21st and not yet marked: five days have
        // asked so far.
        let s = week_summary(
            &ps,
            &checks,
            &[],
            &[],
            &[],
            d("2026-11-16"),
            d("2026-11-21"),
        );
        assert_eq!(s.promises[0].asked, 5);
        assert_eq!(s.promises[0].kept, 1);
        assert_eq!(s.promises[0].partial, 1);
        assert_eq!(s.promises[0].missed, 1);
        assert_eq!(s.promises[1].asked, 3);
        assert_eq!(s.promises[1].showed_up_rate(), Some(2.0 / 3.0));
        assert_eq!(s.totals(), (4, 8));
        assert_eq!(s.days.len(), 7);
        assert_eq!(s.days[6].1, DayMark::Future);
    }
}
