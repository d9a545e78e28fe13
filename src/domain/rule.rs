//! The one rule for one question: what a day asked of a promise, and how
//! it went. The calendar marks, the week's numbers, the kept rates and
//! strength, the trust gap, the patterns, the suggestions and the weekly
//! review all ask [`promise_day`], so they never disagree about a day.
//!
//! May use: `model`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Check, Due, Promise, Status};

/// What a day asked of a promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asked {
    /// The schedule names this day: every day, or one of its weekdays.
    Scheduled,
    /// An N-times-a-week promise: the week asks for N days, whichever they
    /// are, so no single day asks for it.
    Flexible,
    /// A weekday the schedule leaves out.
    RestDay,
    /// A day before the promise was added.
    NotYetActive,
    /// The day it was archived, or later.
    Archived,
}

/// How a day went for a promise: one of three states, kept apart
/// everywhere — showed up (kept, partly kept, or kept the smaller version),
/// noted as missed, or not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Went {
    Kept,
    /// Partly kept: it happened, so it counts as showing up.
    Partly,
    /// Kept the smaller version: it happened, so it counts as showing up.
    Smaller,
    /// Marked missed.
    Missed,
    /// Nothing recorded (yet). Kept apart from [`Went::Missed`]: a day left
    /// blank is not the same as a day marked missed.
    NotRecorded,
}

/// One promise on one day: what the day asked, and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PromiseDay {
    pub asked: Asked,
    pub went: Went,
}

/// What `day` asked of `promise` and how it went, from the promise's
/// check on that day (if any).
///
/// The rule, in order:
/// - a day before the promise was added asks nothing ([`Asked::NotYetActive`]);
/// - from the day it was archived on, it asks nothing ([`Asked::Archived`]);
/// - an N-times-a-week promise leaves each day free ([`Asked::Flexible`]):
///   the week asks for N days, not any one of them;
/// - a weekday schedule asks for its days ([`Asked::Scheduled`]) and rests
///   on the others ([`Asked::RestDay`]); an every-day promise asks for
///   every day.
///
/// How it went is the check's status: kept, partly kept, kept the smaller
/// version, missed, or not recorded when there is no check.
///
/// Whether the day then *counts* for the promise — in a day's mark, a
/// week's numbers, a kept rate — is [`PromiseDay::counts`]: a scheduled day
/// always counts; any other day counts only when the person showed up
/// (kept or partly kept). A day that asked nothing is never a miss, and if
/// it happened, it counts.
pub fn promise_day(promise: &Promise, check: Option<&Check>, day: NaiveDate) -> PromiseDay {
    let asked = if day < promise.created_on {
        Asked::NotYetActive
    } else if promise.archived_on.is_some_and(|a| day >= a) {
        Asked::Archived
    } else {
        match promise.schedule.due_on(day) {
            Due::Yes => Asked::Scheduled,
            Due::Flexible => Asked::Flexible,
            Due::No => Asked::RestDay,
        }
    };
    let went = match check.map(|c| c.status) {
        Some(Status::Kept) => Went::Kept,
        Some(Status::Partial) => Went::Partly,
        Some(Status::Smaller) => Went::Smaller,
        Some(Status::Missed) => Went::Missed,
        None => Went::NotRecorded,
    };
    PromiseDay { asked, went }
}

impl PromiseDay {
    /// Kept, partly kept or kept the smaller version.
    pub fn showed_up(&self) -> bool {
        matches!(self.went, Went::Kept | Went::Partly | Went::Smaller)
    }

    /// Noted as missed (not merely left blank).
    pub fn missed(&self) -> bool {
        self.went == Went::Missed
    }

    pub fn kept(&self) -> bool {
        self.went == Went::Kept
    }

    /// Whether the day counts for the promise: a scheduled day always, any
    /// other day only when the person showed up. See [`promise_day`].
    pub fn counts(&self) -> bool {
        self.asked == Asked::Scheduled || self.showed_up()
    }

    /// Whether the promise was in the journal that day (added, and not yet
    /// archived).
    pub fn active(&self) -> bool {
        !matches!(self.asked, Asked::NotYetActive | Asked::Archived)
    }
}

/// A day's promises, counted by [`PromiseDay::counts`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayTally {
    /// Promises the day counts.
    pub asked: u32,
    /// Of those, kept, partly kept or kept the smaller version.
    pub shown: u32,
    /// Of those, fully kept.
    pub kept: u32,
    /// Of those, noted as missed. The rest (`asked - shown - missed`) were
    /// not recorded.
    pub missed: u32,
}

/// Counts `day` over every promise, each with its check among `checks`
/// (checks of other days are ignored).
pub fn day_tally(promises: &[Promise], checks: &[&Check], day: NaiveDate) -> DayTally {
    let mut tally = DayTally::default();
    for p in promises {
        let check = checks
            .iter()
            .find(|c| c.promise_id == p.id && c.day == day)
            .copied();
        let d = promise_day(p, check, day);
        if d.counts() {
            tally.asked += 1;
            tally.shown += u32::from(d.showed_up());
            tally.kept += u32::from(d.kept());
            tally.missed += u32::from(d.missed());
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evidence::fixtures::{self, check, d};
    use crate::model::Schedule;

    /// Added on Tue 10 Nov, archived from Fri 20 Nov.
    fn promise(schedule: Schedule) -> Promise {
        Promise {
            archived_on: Some(d("2026-11-20")),
            ..fixtures::promise(schedule, "2026-11-10")
        }
    }

    #[test]
    fn what_a_day_asked_follows_the_schedule_between_added_and_archived() {
        let mwf = promise(Schedule::parse_days("mon,wed,fri").expect("days"));
        let asked = |day: &str| promise_day(&mwf, None, d(day)).asked;
        assert_eq!(asked("2026-11-09"), Asked::NotYetActive);
        assert_eq!(asked("2026-11-11"), Asked::Scheduled); // Wed
        assert_eq!(asked("2026-11-12"), Asked::RestDay); // Thu
        assert_eq!(asked("2026-11-20"), Asked::Archived);
        let flexible = promise(Schedule::TimesPerWeek { times: 3 });
        assert_eq!(
            promise_day(&flexible, None, d("2026-11-12")).asked,
            Asked::Flexible
        );
    }

    #[test]
    fn a_scheduled_day_always_counts_and_any_other_only_when_it_happened() {
        let daily = promise(Schedule::Daily);
        let flexible = promise(Schedule::TimesPerWeek { times: 3 });
        for (p, day, status, counts) in [
            (&daily, "2026-11-12", None, true),
            (&daily, "2026-11-12", Some(Status::Missed), true),
            (&daily, "2026-11-09", Some(Status::Missed), false),
            (&daily, "2026-11-09", Some(Status::Partial), true),
            (&daily, "2026-11-21", Some(Status::Kept), true),
            (&daily, "2026-11-21", None, false),
            (&flexible, "2026-11-12", Some(Status::Missed), false),
            (&flexible, "2026-11-12", None, false),
            (&flexible, "2026-11-12", Some(Status::Kept), true),
        ] {
            let c = status.map(|s| check(p, day, s));
            let pd = promise_day(p, c.as_ref(), d(day));
            assert_eq!(pd.counts(), counts, "{day} {status:?} {pd:?}");
        }
    }

    #[test]
    fn not_recorded_and_missed_stay_apart() {
        let daily = promise(Schedule::Daily);
        let missed = check(&daily, "2026-11-12", Status::Missed);
        assert_eq!(
            promise_day(&daily, Some(&missed), d("2026-11-12")).went,
            Went::Missed
        );
        assert_eq!(
            promise_day(&daily, None, d("2026-11-12")).went,
            Went::NotRecorded
        );
    }

    #[test]
    fn a_day_tally_counts_each_promise_once() {
        let a = promise(Schedule::Daily);
        let b = promise(Schedule::TimesPerWeek { times: 2 });
        let ka = check(&a, "2026-11-12", Status::Kept);
        let mb = check(&b, "2026-11-12", Status::Missed);
        let other_day = check(&a, "2026-11-13", Status::Kept);
        let t = day_tally(&[a, b], &[&ka, &mb, &other_day], d("2026-11-12"));
        assert_eq!(
            t,
            DayTally {
                asked: 1,
                shown: 1,
                kept: 1,
                missed: 0
            }
        );
    }
}
