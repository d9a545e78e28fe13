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
use crate::model::{Check, CheckIn, Glyph, Promise, Reflection, Schedule, Win};

/// What a day earns on the checkmark calendar. The front ends choose the
/// glyph; the domain says which of these a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayMark {
    /// Every promise that asked for something was kept in full.
    AllKept,
    /// Showed up for every promise that asked, some partly (or with the
    /// smaller version).
    AllShown,
    /// Showed up for some of the promises that asked.
    SomeKept,
    /// Something was recorded and none was shown up for: noted as missed.
    NoneKept,
    /// Promises asked and nothing is recorded for them (yet).
    NotRecorded,
    /// No promise asked for anything that day: a rest day.
    NotScheduled,
    /// No promise had begun yet: a day before the first one. (After every
    /// promise was archived, nothing is asked: that reads as a rest day.)
    NoPromise,
    /// Still ahead.
    Future,
}

impl DayMark {
    /// The glyph of the one glyph set this day earns on the calendars;
    /// `None` for a day before the first promise: it is not part of the
    /// record, so it is left blank. "Not yet" is only for a day still
    /// ahead.
    pub fn glyph(self) -> Option<Glyph> {
        Some(match self {
            DayMark::AllKept => Glyph::Kept,
            DayMark::AllShown => Glyph::Partly,
            DayMark::SomeKept => Glyph::Some,
            DayMark::NoneKept => Glyph::Missed,
            DayMark::NotRecorded => Glyph::NotRecorded,
            DayMark::NotScheduled => Glyph::Rest,
            DayMark::Future => Glyph::NotYet,
            DayMark::NoPromise => return None,
        })
    }
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
        DayTally { asked: 0, .. } if !promises.iter().any(|p| p.created_on <= day) => {
            DayMark::NoPromise
        }
        DayTally { asked: 0, .. } => DayMark::NotScheduled,
        DayTally { asked, kept, .. } if kept == asked => DayMark::AllKept,
        DayTally { asked, shown, .. } if shown == asked => DayMark::AllShown,
        DayTally { shown, .. } if shown > 0 => DayMark::SomeKept,
        DayTally { missed, .. } if missed > 0 => DayMark::NoneKept,
        _ => DayMark::NotRecorded,
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

/// One promise over one week (or the part of a week a range covers), in
/// the three states: shown up for, noted as missed, not recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseWeek {
    pub promise_id: String,
    /// Its text on the last day counted (a promise can be reworded).
    pub text: String,
    /// What the week asks of it: the scheduled days so far (today once it
    /// is marked), or for an N-times-a-week promise N times (fewer in a
    /// week it joined late), also while the week is still going.
    pub asked: u32,
    /// Of what was asked, shown up for (kept, partly, the smaller version).
    pub shown: u32,
    /// Every day it was kept in full, partly kept, or kept the smaller
    /// version, as recorded (extra days too).
    pub kept: u32,
    pub partial: u32,
    pub smaller: u32,
    /// Of what was asked, noted as missed.
    pub missed: u32,
    /// Of what was asked, left blank on days that are over.
    pub not_recorded: u32,
    /// Shown up beyond what was asked: on a rest day, or more than N times.
    pub extra: u32,
    /// Scheduled today and not marked yet (today asks only once marked,
    /// so these are in no other count): what Today shows as unmarked.
    #[serde(skip)]
    pub unmarked_today: u32,
    /// Counted in times a week rather than days.
    pub flexible: bool,
    /// The week is still going (today is in it): an N-times-a-week promise
    /// can still fill what it asks.
    pub open: bool,
    /// Only part of a week is counted (an export's range cuts it): an
    /// N-times-a-week promise asks nothing of these days in particular,
    /// so only what happened on them is told.
    pub part: bool,
}

impl PromiseWeek {
    /// What counts as asked so far: all of it, except that an
    /// N-times-a-week promise in a week still going is only asked what it
    /// has already given (a week not over never reads as a zero).
    pub fn due_so_far(&self) -> u32 {
        if self.flexible && self.open {
            self.shown
        } else {
            self.asked
        }
    }

    /// Share of what was asked so far that was shown up for, 0–1.
    pub fn showed_up_rate(&self) -> Option<f64> {
        let due = self.due_so_far();
        (due > 0).then(|| f64::from(self.shown.min(due)) / f64::from(due))
    }
}

/// A week (or a part of one) at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekSummary {
    pub start: NaiveDate,
    /// The last day counted: the week's last day, or the end of the range.
    pub end: NaiveDate,
    pub promises: Vec<PromiseWeek>,
    pub wins: usize,
    pub average_mood: Option<f64>,
    /// The morning check-ins' confidence.
    pub average_morning_confidence: Option<f64>,
    /// The evening reflections' confidence.
    pub average_evening_confidence: Option<f64>,
    /// Every day of the week from `start`, with its mark.
    pub days: Vec<(NaiveDate, DayMark)>,
}

impl WeekSummary {
    /// Shown up for across all promises, over what was asked so far (each
    /// promise on each day it asked is one time).
    pub fn totals(&self) -> (u32, u32) {
        self.promises.iter().fold((0, 0), |(s, a), p| {
            let due = p.due_so_far();
            (s + p.shown.min(due), a + due)
        })
    }

    /// Times N-times-a-week promises still have open in a week not over:
    /// asked by the week's end, not yet due, so not in [`Self::totals`].
    pub fn still_open(&self) -> u32 {
        (self.promises.iter())
            .filter(|p| p.flexible && p.open && !p.part)
            .map(|p| p.asked.saturating_sub(p.shown))
            .sum()
    }

    /// Promises scheduled today and not marked yet: the unmarked ones
    /// Today shows, not in [`Self::totals`] until they are marked.
    pub fn unmarked_today(&self) -> u32 {
        self.promises.iter().map(|p| p.unmarked_today).sum()
    }
}

/// The records a summary counts.
pub struct Records<'a> {
    pub promises: &'a [Promise],
    pub checks: &'a [Check],
    pub wins: &'a [Win],
    pub checkins: &'a [CheckIn],
    pub reflections: &'a [Reflection],
}

/// The week starting on `start`, as of `today`.
pub fn week_summary(r: &Records<'_>, start: NaiveDate, today: NaiveDate) -> WeekSummary {
    span_summary(r, start, start + chrono::Duration::days(6), today)
}

/// The days from `from` to `to` (at most a week, inside one week), as of
/// `today`: every count covers exactly those days.
pub fn span_summary(
    r: &Records<'_>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> WeekSummary {
    let in_span = |d: NaiveDate| d >= from && d <= to;
    let average = |values: Vec<u8>| {
        (!values.is_empty())
            .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
    };
    let checks: Vec<&Check> = r.checks.iter().filter(|c| in_span(c.day)).collect();
    let part = (to - from).num_days() < 6;
    WeekSummary {
        start: from,
        end: to,
        promises: r
            .promises
            .iter()
            .filter_map(|p| promise_week(p, &checks, (from, to), today, part))
            .collect(),
        wins: r.wins.iter().filter(|w| in_span(w.day)).count(),
        average_mood: average(
            (r.reflections.iter())
                .filter(|x| in_span(x.day))
                .filter_map(|x| x.mood)
                .collect(),
        ),
        average_morning_confidence: average(
            (r.checkins.iter())
                .filter(|c| in_span(c.day))
                .filter_map(|c| c.confidence)
                .collect(),
        ),
        average_evening_confidence: average(
            (r.reflections.iter())
                .filter(|x| in_span(x.day))
                .filter_map(|x| x.confidence)
                .collect(),
        ),
        days: marks(
            r.promises,
            r.checks,
            from,
            from + chrono::Duration::days(6),
            today,
        ),
    }
}

/// One promise from `from` to `to`, or `None` if it was not in the journal
/// then and nothing was recorded for it.
fn promise_week(
    p: &Promise,
    checks: &[&Check],
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    part: bool,
) -> Option<PromiseWeek> {
    let mine: Vec<&Check> = checks
        .iter()
        .filter(|c| c.promise_id == p.id)
        .copied()
        .collect();
    let day_of = |d: NaiveDate| promise_day(p, mine.iter().find(|c| c.day == d).copied(), d);
    // Every day of the range, those still ahead too (they can still ask).
    let all: Vec<(NaiveDate, PromiseDay)> =
        days_between(from, to).map(|d| (d, day_of(d))).collect();
    let past: Vec<&(NaiveDate, PromiseDay)> = all.iter().filter(|(d, _)| *d <= today).collect();
    let active_days = all.iter().filter(|(_, pd)| pd.active()).count() as u32;
    if active_days == 0 && mine.is_empty() {
        return None;
    }
    let count = |went: Went| past.iter().filter(|(_, pd)| pd.went == went).count() as u32;
    let mut week = PromiseWeek {
        promise_id: p.id.clone(),
        text: p.text_on(to.min(today)).to_string(),
        asked: 0,
        shown: 0,
        kept: count(Went::Kept),
        partial: count(Went::Partly),
        smaller: count(Went::Smaller),
        missed: 0,
        not_recorded: 0,
        extra: 0,
        unmarked_today: 0,
        flexible: matches!(p.schedule, Schedule::TimesPerWeek { .. }),
        open: to >= today,
        part,
    };
    match &p.schedule {
        Schedule::TimesPerWeek { times } => {
            count_times(&mut week, &past, u32::from(*times).min(active_days));
        }
        _ => count_days(&mut week, &past, today),
    }
    Some(week)
}

/// An N-times-a-week promise's week: the week asks `times` of any of its
/// days; a part of a week asks nothing of these days in particular.
fn count_times(week: &mut PromiseWeek, past: &[&(NaiveDate, PromiseDay)], times: u32) {
    let shown = past.iter().filter(|(_, pd)| pd.showed_up()).count() as u32;
    let missed = past.iter().filter(|(_, pd)| pd.missed()).count() as u32;
    if week.part {
        (week.asked, week.shown, week.missed) = (shown, shown, missed);
        return;
    }
    week.asked = times;
    week.shown = shown.min(times);
    week.extra = shown - week.shown;
    week.missed = missed.min(times - week.shown);
    if !week.open {
        week.not_recorded = times - week.shown - week.missed;
    }
}

/// A daily or weekday promise's week, day by day: what each scheduled day
/// asked, and showing up on the others.
fn count_days(week: &mut PromiseWeek, past: &[&(NaiveDate, PromiseDay)], today: NaiveDate) {
    for (d, pd) in past {
        // Today asks only once it is marked: the day is not over.
        let asked = pd.asked == Asked::Scheduled && (*d < today || pd.went != Went::NotRecorded);
        if asked {
            week.asked += 1;
            week.shown += u32::from(pd.showed_up());
            week.missed += u32::from(pd.missed());
            week.not_recorded += u32::from(pd.went == Went::NotRecorded);
        } else if pd.showed_up() {
            week.extra += 1;
        } else if *d == today && pd.asked == Asked::Scheduled {
            week.unmarked_today += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evidence::fixtures::{self, check, d};
    use crate::model::Status;

    fn promise(text: &str, schedule: Schedule) -> Promise {
        Promise {
            text: text.into(),
            ..fixtures::promise(schedule, "2026-11-01")
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
        assert_eq!(day_mark(&ps, &[&ka, &pb], day, today), DayMark::AllShown);
        assert_eq!(day_mark(&ps, &[&ka, &mb], day, today), DayMark::SomeKept);
        assert_eq!(day_mark(&ps, &[&ka], day, today), DayMark::SomeKept);
        assert_eq!(day_mark(&ps, &[&mb], day, today), DayMark::NoneKept);
        assert_eq!(day_mark(&ps, &[], day, today), DayMark::NotRecorded);
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
            DayMark::AllShown
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
            DayMark::NotRecorded
        ); // Mon
        assert_eq!(day_mark(&ps, &[], d("2026-11-23"), today), DayMark::Future);
        assert_eq!(
            day_mark(&ps, &[], d("2026-10-30"), today),
            DayMark::NoPromise
        ); // before created
    }

    #[test]
    fn a_day_before_the_first_promise_has_no_glyph_and_only_a_day_ahead_is_not_yet() {
        assert_eq!(DayMark::NoPromise.glyph(), None);
        assert_eq!(DayMark::Future.glyph(), Some(Glyph::NotYet));
        for mark in [
            DayMark::AllKept,
            DayMark::AllShown,
            DayMark::SomeKept,
            DayMark::NoneKept,
            DayMark::NotRecorded,
            DayMark::NotScheduled,
        ] {
            assert!(mark.glyph().is_some_and(|g| g != Glyph::NotYet), "{mark:?}");
        }
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
            DayMark::NotRecorded
        );
        // Nothing is asked after the last promise was archived: a rest day,
        // not a day before any promise began.
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
        let r = Records {
            promises: &ps,
            checks: &checks,
            wins: &[],
            checkins: &[],
            reflections: &[],
        };
        let s = week_summary(&r, d("2026-11-16"), d("2026-11-21"));
        assert_eq!(s.promises[0].asked, 5);
        assert_eq!(s.promises[0].shown, 2);
        assert_eq!(s.promises[0].kept, 1);
        assert_eq!(s.promises[0].partial, 1);
        assert_eq!(s.promises[0].missed, 1);
        assert_eq!(s.promises[0].not_recorded, 2);
        // Three times a week, two so far, and the week is still going: it
        // asks 3, and what counts so far is what it gave.
        assert_eq!(s.promises[1].asked, 3);
        assert_eq!(s.promises[1].shown, 2);
        assert_eq!(s.promises[1].showed_up_rate(), Some(1.0));
        assert_eq!(s.totals(), (4, 7));
        assert_eq!(s.still_open(), 1);
        assert_eq!(s.days.len(), 7);
        assert_eq!(s.days[6].1, DayMark::Future);
        // Once the week is over, the third time it asked was not recorded.
        let over = week_summary(&r, d("2026-11-16"), d("2026-11-23"));
        assert_eq!(over.promises[1].not_recorded, 1);
        assert_eq!(over.promises[1].showed_up_rate(), Some(2.0 / 3.0));
    }

    #[test]
    fn extra_days_are_counted_apart_from_what_was_asked() {
        let mwf = promise("walk", Schedule::parse_days("mon,wed,fri").expect("days"));
        let twice = promise("call", Schedule::TimesPerWeek { times: 2 });
        let mut checks = vec![
            check(&mwf, "2026-11-09", Status::Kept),
            check(&mwf, "2026-11-10", Status::Kept), // Tuesday: a rest day
            check(&mwf, "2026-11-11", Status::Kept),
            check(&mwf, "2026-11-13", Status::Partial),
        ];
        for day in ["2026-11-09", "2026-11-10", "2026-11-12"] {
            checks.push(check(&twice, day, Status::Kept));
        }
        let ps = vec![mwf, twice];
        let r = Records {
            promises: &ps,
            checks: &checks,
            wins: &[],
            checkins: &[],
            reflections: &[],
        };
        let s = week_summary(&r, d("2026-11-09"), d("2026-11-21"));
        let walk = &s.promises[0];
        assert_eq!((walk.shown, walk.asked, walk.extra), (3, 3, 1));
        assert_eq!((walk.kept, walk.partial), (3, 1));
        let call = &s.promises[1];
        assert_eq!((call.shown, call.asked, call.extra), (2, 2, 1));
        assert_eq!(s.totals(), (5, 5));
    }
}
