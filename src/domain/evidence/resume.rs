//! Evidence counted from a checkpoint: everything the record adds up to
//! before a day, summed up once and kept (see
//! [`PromiseCheckpoint`] and [`TotalsCheckpoint`]), so that the evidence of
//! today, or of any week, reads the days since the checkpoint instead of
//! every day since the first. Going on from a checkpoint takes the same
//! steps in the same order as counting from the first day, so every number
//! comes out the same, to the last digit (`tests/evidence_equivalence.rs`
//! compares them on random journals).
//!
//! Checkpoints fall on the first day of every fourth week. The evidence as
//! of a day goes on from the last checkpoint at least two weeks before it
//! (the suggestion to grow reads the slots of the last two weeks one by
//! one), so it reads between two and about seven weeks of records.
//!
//! May use: `model` and the rest of `domain`.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::super::day::{FIRST_DAY, days_between, week_start};
use super::rates::{
    NEW_SLOTS, PromiseEvidence, Slot, frequency, new_count, slots, slots_in, strength_from,
};
use super::showing_up::Totals;
use crate::model::{Check, Promise, PromiseCheckpoint, Status, TotalsCheckpoint};

/// Weeks between two checkpoints.
pub const GRID_WEEKS: i64 = 4;
/// Slots a checkpoint keeps one by one: the longest kept rate's.
pub const RECENT_SLOTS: usize = 90;
/// Days before the day counted that are read one by one, not from a
/// checkpoint: growing looks at each slot of the last two weeks.
pub const FULL_DAYS: i64 = 14;

/// The last checkpoint day on or before `day`: the first day of a week,
/// every [`GRID_WEEKS`] weeks.
pub fn grid_day(day: NaiveDate, week_starts_on: Weekday) -> NaiveDate {
    let start = week_start(day, week_starts_on);
    let weeks = i64::from(start.num_days_from_ce()).div_euclid(7);
    start - Duration::days(7 * weeks.rem_euclid(GRID_WEEKS))
}

/// The checkpoint day a promise's evidence as of `day` goes on from.
pub fn promise_grid_day(day: NaiveDate, week_starts_on: Weekday) -> NaiveDate {
    grid_day(day - Duration::days(FULL_DAYS), week_starts_on)
}

/// The checkpoint of nothing counted yet, on the earliest day a journal
/// keeps.
pub fn empty_checkpoint(promise_id: &str, week_starts_on: Weekday) -> PromiseCheckpoint {
    PromiseCheckpoint {
        promise_id: promise_id.to_string(),
        week_starts_on,
        day: FIRST_DAY,
        strength: 0.0,
        slots: 0,
        recent: String::new(),
        blank_run: 0,
        blank_since: None,
        kept: 0,
        partial: 0,
        smaller: 0,
    }
}

/// A slot as one letter of [`PromiseCheckpoint::recent`].
fn letter(s: &Slot) -> char {
    match (s.kept, s.shown, s.missed) {
        (true, _, _) => 'k',
        (_, true, _) => 's',
        (_, _, true) => 'm',
        _ => '.',
    }
}

fn blank(s: &Slot) -> bool {
    !s.shown && !s.missed
}

/// Adds `checks` to the counts by status.
fn count(counts: &mut (u32, u32, u32), checks: &[&Check]) {
    for c in checks {
        match c.status {
            Status::Kept => counts.0 += 1,
            Status::Partial => counts.1 += 1,
            Status::Smaller => counts.2 += 1,
            Status::Missed => {}
        }
    }
}

/// `before` moved on to `to`: with the promise's slots and checks from
/// `before.day` to the day before `to` (`checks` may hold other days and
/// promises). `before.day` must be a checkpoint day or [`FIRST_DAY`], and
/// `to` a checkpoint day ([`grid_day`]) that is over.
pub fn advance(
    before: &PromiseCheckpoint,
    promise: &Promise,
    checks: &[&Check],
    to: NaiveDate,
) -> PromiseCheckpoint {
    let last = to - Duration::days(1);
    let slots = slots_in(
        promise,
        checks,
        (before.day, last),
        to,
        before.week_starts_on,
    );
    let mut next = before.clone();
    next.day = to;
    next.strength = strength_from(before.strength, &slots, frequency(&promise.schedule));
    next.slots += slots.len() as u32;
    next.recent.extend(slots.iter().map(letter));
    let extra = next.recent.len().saturating_sub(RECENT_SLOTS);
    next.recent.drain(..extra);
    for s in &slots {
        if !blank(s) {
            (next.blank_run, next.blank_since) = (0, None);
        } else {
            next.blank_run += 1;
            next.blank_since = next.blank_since.or(Some(s.day));
        }
    }
    let mine: Vec<&Check> = (checks.iter())
        .filter(|c| c.promise_id == promise.id && c.day >= before.day && c.day <= last)
        .copied()
        .collect();
    let mut counts = (next.kept, next.partial, next.smaller);
    count(&mut counts, &mine);
    (next.kept, next.partial, next.smaller) = counts;
    next
}

/// One promise's record as of a day: what came before a checkpoint summed
/// up in it, the slots from it on one by one.
#[derive(Debug, Clone)]
pub struct Since<'a> {
    pub promise: &'a Promise,
    pub before: PromiseCheckpoint,
    /// The slots from `before.day` on, oldest first.
    pub slots: Vec<Slot>,
    /// Its checks from `before.day` on, kept, partly kept and kept the
    /// smaller version.
    counts: (u32, u32, u32),
}

impl<'a> Since<'a> {
    /// Counted from the first day: every check of the promise up to
    /// `upto` among `checks`.
    pub fn from_start(
        promise: &'a Promise,
        checks: &[&Check],
        upto: NaiveDate,
        week_starts_on: Weekday,
    ) -> Since<'a> {
        let before = empty_checkpoint(&promise.id, week_starts_on);
        let mine: Vec<&Check> = (checks.iter())
            .filter(|c| c.promise_id == promise.id && c.day <= upto)
            .copied()
            .collect();
        let mut counts = (0, 0, 0);
        count(&mut counts, &mine);
        Since {
            promise,
            slots: slots(promise, &mine, upto, week_starts_on),
            before,
            counts,
        }
    }

    /// Going on from `before` (a checkpoint of this promise on or before
    /// `upto`) with its checks from `before.day` to `upto` among `checks`.
    pub fn resume(
        promise: &'a Promise,
        before: PromiseCheckpoint,
        checks: &[&Check],
        upto: NaiveDate,
    ) -> Since<'a> {
        let mine: Vec<&Check> = (checks.iter())
            .filter(|c| c.promise_id == promise.id && c.day >= before.day && c.day <= upto)
            .copied()
            .collect();
        let mut counts = (before.kept, before.partial, before.smaller);
        count(&mut counts, &mine);
        Since {
            promise,
            slots: slots_in(
                promise,
                &mine,
                (before.day, upto),
                upto,
                before.week_starts_on,
            ),
            before,
            counts,
        }
    }

    pub fn strength(&self) -> f64 {
        strength_from(
            self.before.strength,
            &self.slots,
            frequency(&self.promise.schedule),
        )
    }

    /// Share of the last `n` slots (at most [`RECENT_SLOTS`]) shown up
    /// for, or `None` with no slots.
    pub fn rate(&self, n: usize) -> Option<f64> {
        let (shown, all) = self.last(n);
        (all > 0).then(|| shown as f64 / all as f64)
    }

    /// Of the last `n` slots (at most [`RECENT_SLOTS`]): how many were
    /// shown up for, and how many there are.
    fn last(&self, n: usize) -> (usize, usize) {
        let new = &self.slots[self.slots.len().saturating_sub(n)..];
        let earlier = self.before.recent.as_bytes();
        let earlier = &earlier[earlier.len().saturating_sub(n - new.len())..];
        let shown = new.iter().filter(|s| s.shown).count()
            + earlier.iter().filter(|c| matches!(c, b'k' | b's')).count();
        (shown, new.len() + earlier.len())
    }

    pub fn evidence(&self) -> PromiseEvidence {
        let slots = self.before.slots + self.slots.len() as u32;
        PromiseEvidence {
            promise_id: self.promise.id.clone(),
            text: self.promise.text.clone(),
            rate_7: self.rate(7),
            rate_30: self.rate(30),
            rate_90: self.rate(90),
            strength: self.strength(),
            kept: self.counts.0,
            partly: self.counts.1,
            smaller: self.counts.2,
            slots,
            // A new promise's slots are all still in `recent`.
            new: new_count(slots, || self.last(NEW_SLOTS as usize).0 as u32),
        }
    }

    /// The slots from the checkpoint on before `today` (today is still
    /// open); every slot before the checkpoint is before today too.
    fn past(&self, today: NaiveDate) -> &[Slot] {
        let n = self.slots.iter().take_while(|s| s.day < today).count();
        &self.slots[..n]
    }

    /// How many of the last slots before `today` in a row are not
    /// recorded, and the day of the first of them.
    pub fn trailing_blanks(&self, today: NaiveDate) -> (usize, Option<NaiveDate>) {
        let past = self.past(today);
        let run = past.iter().rev().take_while(|s| blank(s)).count();
        if run < past.len() {
            return (run, past.get(past.len() - run).map(|s| s.day));
        }
        let earlier = self.before.blank_run as usize;
        let since = if earlier > 0 {
            self.before.blank_since
        } else {
            past.first().map(|s| s.day)
        };
        (run + earlier, since)
    }

    /// Of the last `n` slots before `today`: how many there are, and how
    /// many of them were noted as missed.
    pub fn last_past(&self, today: NaiveDate, n: usize) -> (usize, usize) {
        let past = self.past(today);
        let new = &past[past.len().saturating_sub(n)..];
        let earlier = self.before.recent.as_bytes();
        let earlier = &earlier[earlier.len().saturating_sub(n - new.len())..];
        let missed = new.iter().filter(|s| s.missed).count()
            + earlier.iter().filter(|c| **c == b'm').count();
        (new.len() + earlier.len(), missed)
    }

    /// The slots from `from` to the day before `today`; `from` must not be
    /// before the checkpoint.
    pub fn between(&self, from: NaiveDate, today: NaiveDate) -> impl Iterator<Item = &Slot> {
        self.slots
            .iter()
            .filter(move |s| s.day >= from && s.day < today)
    }
}

/// The totals of nothing counted yet, before `day`.
pub fn empty_totals(day: NaiveDate) -> TotalsCheckpoint {
    TotalsCheckpoint {
        day,
        kept: 0,
        partial: 0,
        smaller: 0,
        wins: 0,
        first_day: None,
        days_shown_up: 0,
        longest_run: 0,
        run: 0,
    }
}

/// The totals going on from `before` over the days from `before.day` to
/// `last`, with the statuses of the checks and the days of the wins of
/// those days (others are left out). Returns them as of the day after
/// `last`, and whether `last` was a day shown up for.
fn totals_through(
    before: &TotalsCheckpoint,
    statuses: &[(NaiveDate, Status)],
    wins: &[NaiveDate],
    last: NaiveDate,
) -> (TotalsCheckpoint, u32) {
    let inside = |d: &NaiveDate| *d >= before.day && *d <= last;
    let mut next = before.clone();
    next.day = last + Duration::days(1);
    let mut shown: Vec<NaiveDate> = Vec::new();
    for (day, status) in statuses.iter().filter(|(d, _)| inside(d)) {
        match status {
            Status::Kept => next.kept += 1,
            Status::Partial => next.partial += 1,
            Status::Smaller => next.smaller += 1,
            Status::Missed => {}
        }
        if status.showed_up() {
            shown.push(*day);
        }
        next.first_day = next.first_day.or(Some(*day)).map(|f| f.min(*day));
    }
    for day in wins.iter().filter(|d| inside(d)) {
        next.wins += 1;
        shown.push(*day);
        next.first_day = next.first_day.or(Some(*day)).map(|f| f.min(*day));
    }
    shown.sort_unstable();
    shown.dedup();
    let mut run_before_last = next.run;
    let mut shown = shown.into_iter().peekable();
    for d in days_between(before.day, last) {
        run_before_last = next.run;
        if shown.next_if_eq(&d).is_some() {
            next.run += 1;
            next.days_shown_up += 1;
            next.longest_run = next.longest_run.max(next.run);
        } else {
            next.run = 0;
        }
    }
    (next, run_before_last)
}

/// `before` moved on to `to`, a checkpoint day that is over.
pub fn advance_totals(
    before: &TotalsCheckpoint,
    statuses: &[(NaiveDate, Status)],
    wins: &[NaiveDate],
    to: NaiveDate,
) -> TotalsCheckpoint {
    totals_through(before, statuses, wins, to - Duration::days(1)).0
}

/// The totals as of `today`, going on from `before` (on or before
/// `today`) with the statuses of the checks and the days of the wins from
/// `before.day` to `today`.
pub fn totals_since(
    before: &TotalsCheckpoint,
    statuses: &[(NaiveDate, Status)],
    wins: &[NaiveDate],
    today: NaiveDate,
) -> Totals {
    let (t, run_before_today) = totals_through(before, statuses, wins, today);
    Totals {
        promises_kept: t.kept,
        partly_kept: t.partial,
        smaller_kept: t.smaller,
        wins: t.wins,
        days_shown_up: t.days_shown_up,
        longest_run: t.longest_run,
        // The run reaching today, or yesterday while today is still open.
        current_run: if t.run > 0 { t.run } else { run_before_today },
        first_day: t.first_day,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::rates::promise_evidence;
    use super::super::showing_up::totals;
    use super::*;
    use crate::model::Schedule;

    #[test]
    fn checkpoint_days_are_week_starts_four_weeks_apart() {
        let a = grid_day(d("2026-11-21"), Weekday::Mon);
        assert_eq!(a.weekday(), Weekday::Mon);
        assert!(a <= d("2026-11-21") && d("2026-11-21") - a < Duration::days(28));
        let b = grid_day(a - Duration::days(1), Weekday::Mon);
        assert_eq!(a - b, Duration::days(28));
        assert_eq!(grid_day(a, Weekday::Mon), a);
        assert_eq!(
            grid_day(d("2026-11-21"), Weekday::Sun).weekday(),
            Weekday::Sun
        );
    }

    #[test]
    fn going_on_from_checkpoints_gives_the_same_evidence_as_counting_from_the_start() {
        let today = d("2026-11-21");
        for schedule in [
            Schedule::Daily,
            Schedule::parse_days("mon,thu").expect("days"),
            Schedule::TimesPerWeek { times: 3 },
        ] {
            let p = promise(schedule, "2026-03-04");
            let marks: String = (0..262)
                .map(|i| ['k', 'p', 'm', '.', 's', 'k', '.'][(i * i + 3 * i) % 7])
                .collect();
            let checks = pattern(&p, "2026-03-04", &marks);
            let refs: Vec<&Check> = checks.iter().collect();
            let expected = promise_evidence(&p, &refs, today, Weekday::Mon);
            let mut cp = empty_checkpoint(&p.id, Weekday::Mon);
            let mut day = grid_day(p.created_on, Weekday::Mon) + Duration::days(28);
            while day <= promise_grid_day(today, Weekday::Mon) {
                cp = advance(&cp, &p, &refs, day);
                day += Duration::days(28);
            }
            assert!(cp.slots > 60, "{cp:?}");
            let since = Since::resume(&p, cp, &refs, today);
            assert_eq!(since.evidence(), expected);
            let start = Since::from_start(&p, &refs, today, Weekday::Mon);
            assert_eq!(start.evidence(), expected);
            assert_eq!(since.trailing_blanks(today), start.trailing_blanks(today));
            assert_eq!(since.last_past(today, 5), start.last_past(today, 5));
        }
    }

    #[test]
    fn totals_from_checkpoints_are_the_totals_from_the_start() {
        let p = promise(Schedule::Daily, "2026-01-01");
        let marks: String = (0..300)
            .map(|i| {
                if i % 11 < 7 {
                    'k'
                } else if i % 13 == 0 {
                    'm'
                } else {
                    '.'
                }
            })
            .collect();
        let checks = pattern(&p, "2026-01-05", &marks);
        let wins = vec![
            win("2026-01-02", 9, None),
            win("2026-02-20", 9, None),
            win("2026-11-20", 9, None),
        ];
        let today = d("2026-11-21");
        let statuses: Vec<(NaiveDate, Status)> = checks.iter().map(|c| (c.day, c.status)).collect();
        let win_days: Vec<NaiveDate> = wins.iter().map(|w| w.day).collect();
        let mut cp = empty_totals(d("1900-01-01"));
        for to in ["2026-01-05", "2026-03-02", "2026-06-01", "2026-10-26"] {
            cp = advance_totals(&cp, &statuses, &win_days, d(to));
        }
        assert_eq!(
            totals_since(&cp, &statuses, &win_days, today),
            totals(&checks, &wins, today)
        );
    }
}
