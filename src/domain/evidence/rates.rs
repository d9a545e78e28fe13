//! Each promise's own record: the slots it asked for, its kept rates over
//! the last 7, 30 and 90 of them, and its strength.
//!
//! May use: `model` and the rest of `domain`.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};
use serde::Serialize;

use super::super::day::{FIRST_DAY, days_between, week_start};
use super::super::rule::{Asked, PromiseDay, Went, promise_day};
use crate::model::{Check, Promise, Schedule, Status};

/// One slot a promise asked for: a scheduled day, or for an N-times-a-week
/// promise one of the N times of a week. A slot is in one of three states:
/// shown up for, noted as missed, or not recorded (neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub day: NaiveDate,
    /// Kept, partly kept or the smaller version: it happened, so it counts.
    pub shown: bool,
    /// Fully kept.
    pub kept: bool,
    /// Marked missed (not just left unmarked).
    pub missed: bool,
}

/// The slots of one promise from its first day up to `today`, oldest first.
///
/// Only days the promise asked for ([`Asked::Scheduled`] by the one rule)
/// appear, so rest days never count against it. Today appears only once it
/// is marked: the day is not over. For an N-times-a-week promise each week
/// holds N slots, filled by the days it was shown up for; the current week
/// holds only the filled ones so far.
pub fn slots(
    promise: &Promise,
    checks: &[&Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Slot> {
    slots_in(promise, checks, (FIRST_DAY, today), today, week_starts_on)
}

/// The slots of [`slots`] whose days fall from `from` to `to` (for an
/// N-times-a-week promise, the slots of the weeks starting from `from`,
/// which must then be the first day of a week, to `to`), as of `today`.
/// The slots of the days before `from` followed by these are the slots
/// up to `to`: this is how the evidence goes on from a checkpoint.
pub fn slots_in(
    promise: &Promise,
    checks: &[&Check],
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Slot> {
    let by_day: HashMap<NaiveDate, &Check> = checks
        .iter()
        .filter(|c| c.promise_id == promise.id)
        .map(|c| (c.day, *c))
        .collect();
    let day_of = |day: NaiveDate| promise_day(promise, by_day.get(&day).copied(), day);
    match promise.schedule {
        Schedule::TimesPerWeek { times } => {
            let first = week_start(promise.created_on, week_starts_on).max(from);
            weekly_slots(times, (first, to), today, &day_of)
        }
        _ => days_between(promise.created_on.max(from), to)
            .map(|day| (day, day_of(day)))
            // Archived is for good: no later day asks anything.
            .take_while(|(_, pd)| pd.asked != Asked::Archived)
            .filter(|(_, pd)| pd.asked == Asked::Scheduled)
            .filter(|(day, pd)| *day < today || pd.went != Went::NotRecorded)
            .map(|(day, pd)| Slot {
                day,
                shown: pd.showed_up(),
                kept: pd.kept(),
                missed: pd.went == Went::Missed,
            })
            .collect(),
    }
}

/// The slots of an N-times-a-week promise, week by week, for the weeks
/// starting from `first` to `to`.
fn weekly_slots(
    times: u8,
    (first, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    day_of: &dyn Fn(NaiveDate) -> PromiseDay,
) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut start = first;
    // Archived is for good: no week from then on asks anything.
    while start <= to.min(today) && day_of(start).asked != Asked::Archived {
        let end = start + chrono::Duration::days(6);
        let days: Vec<(NaiveDate, PromiseDay)> = days_between(start, end.min(today))
            .map(|d| (d, day_of(d)))
            .filter(|(_, pd)| pd.asked == Asked::Flexible)
            .collect();
        let Some(last) = days.last().map(|(d, _)| *d) else {
            start = end + chrono::Duration::days(1);
            continue;
        };
        let shown: Vec<NaiveDate> = days
            .iter()
            .filter(|(_, pd)| pd.showed_up())
            .map(|(d, _)| *d)
            .collect();
        let kept = days.iter().filter(|(_, pd)| pd.kept()).count();
        let missed = days
            .iter()
            .filter(|(_, pd)| pd.went == Went::Missed)
            .count();
        let slots_in_week = if end < today {
            // A first, partial week asks for no more than its days.
            usize::from(times).min(days.len())
        } else {
            shown.len().min(usize::from(times))
        };
        out.extend((0..slots_in_week).map(|i| Slot {
            day: shown.get(i).copied().unwrap_or(last),
            shown: i < shown.len(),
            kept: i < kept,
            missed: i >= shown.len() && i - shown.len() < missed,
        }));
        start = end + chrono::Duration::days(1);
    }
    out
}

/// Share of the last `n` slots shown up for, or `None` with no slots.
pub fn rate(slots: &[Slot], n: usize) -> Option<f64> {
    let recent = &slots[slots.len().saturating_sub(n)..];
    (!recent.is_empty())
        .then(|| recent.iter().filter(|s| s.shown).count() as f64 / recent.len() as f64)
}

/// How often per day a schedule asks: 1 for daily, 3/7 for mon,wed,fri.
pub fn frequency(schedule: &Schedule) -> f64 {
    f64::from(schedule.days_per_week().max(1)) / 7.0
}

/// The strength of a promise, 0–1: an exponential moving average over its
/// slots, each slot worth 1 if shown up for (kept or partly) and 0 if not.
///
/// The Loop Habit Tracker multiplies its score by `m = 0.5^(√f/13)` on every
/// calendar day, for a habit of frequency `f` per day, so a daily habit kept
/// every day reaches about 80% in a month. We step once per *slot* instead
/// (days a promise does not ask for must not count against it), so each step
/// uses `m = 0.5^(1/(13·√f))`: a promise kept on schedule then gains exactly
/// what Loop's would over the same calendar month (30·f slots of
/// `1/(13·√f)` half-lives = `30·√f/13`), while one miss only dents it:
/// `score ← score·m + value·(1−m)`.
pub fn strength(slots: &[Slot], frequency: f64) -> f64 {
    strength_from(0.0, slots, frequency)
}

/// [`strength`] going on from `score`, the strength after the slots
/// before `slots`: step for step the same sum, so the same number.
pub fn strength_from(score: f64, slots: &[Slot], frequency: f64) -> f64 {
    let f = frequency.clamp(1.0 / 7.0, 1.0);
    let m = 0.5f64.powf(1.0 / (13.0 * f.sqrt()));
    slots.iter().fold(score, |score, s| {
        score * m + if s.shown { 1.0 - m } else { 0.0 }
    })
}

/// Times a promise asks before its strength is shown: until then its
/// plain count stands in its place. Strength climbs slowly by design (a
/// daily promise kept every day reaches about 80% in a month), which suits
/// a long record, not a first week.
pub const NEW_SLOTS: u32 = 14;

/// A new promise's plain count: times shown up for, of times asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NewCount {
    pub shown: u32,
    pub asked: u32,
}

/// What stands for how a promise is going: the plain count while it is
/// new, its strength after.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StrengthShown {
    New(NewCount),
    Score(f64),
}

/// The count of a promise that has asked `asked` times, or `None` once it
/// has asked [`NEW_SLOTS`] times; `shown` counts its slots shown up for.
pub fn new_count(asked: u32, shown: impl FnOnce() -> u32) -> Option<NewCount> {
    (asked < NEW_SLOTS).then(|| NewCount {
        shown: shown(),
        asked,
    })
}

/// One promise's evidence. In JSON, `strength` is `null` while the
/// promise is `new`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "EvidenceJson")]
pub struct PromiseEvidence {
    pub promise_id: String,
    pub text: String,
    /// Shown-up share of the last 7, 30 and 90 slots.
    pub rate_7: Option<f64>,
    pub rate_30: Option<f64>,
    pub rate_90: Option<f64>,
    pub strength: f64,
    pub kept: u32,
    pub partly: u32,
    /// Days it was kept in its smaller version.
    pub smaller: u32,
    pub slots: u32,
    /// Until it has asked [`NEW_SLOTS`] times, its plain count.
    pub new: Option<NewCount>,
}

impl PromiseEvidence {
    /// The one thing to show for how it is going: its plain count while
    /// it is new, its strength after. Every front end shows this.
    pub fn shown_as(&self) -> StrengthShown {
        match self.new {
            Some(count) => StrengthShown::New(count),
            None => StrengthShown::Score(self.strength),
        }
    }
}

/// [`PromiseEvidence`] as JSON: no strength while the promise is new.
#[derive(Serialize)]
struct EvidenceJson {
    promise_id: String,
    text: String,
    rate_7: Option<f64>,
    rate_30: Option<f64>,
    rate_90: Option<f64>,
    strength: Option<f64>,
    kept: u32,
    partly: u32,
    smaller: u32,
    slots: u32,
    new: Option<NewCount>,
}

impl From<PromiseEvidence> for EvidenceJson {
    fn from(e: PromiseEvidence) -> EvidenceJson {
        EvidenceJson {
            strength: e.new.is_none().then_some(e.strength),
            promise_id: e.promise_id,
            text: e.text,
            rate_7: e.rate_7,
            rate_30: e.rate_30,
            rate_90: e.rate_90,
            kept: e.kept,
            partly: e.partly,
            smaller: e.smaller,
            slots: e.slots,
            new: e.new,
        }
    }
}

pub fn promise_evidence(
    promise: &Promise,
    checks: &[&Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> PromiseEvidence {
    let s = slots(promise, checks, today, week_starts_on);
    let mine = checks.iter().filter(|c| c.promise_id == promise.id);
    let (mut kept, mut partly, mut smaller) = (0, 0, 0);
    for c in mine {
        match c.status {
            Status::Kept => kept += 1,
            Status::Partial => partly += 1,
            Status::Smaller => smaller += 1,
            Status::Missed => {}
        }
    }
    PromiseEvidence {
        promise_id: promise.id.clone(),
        text: promise.text.clone(),
        rate_7: rate(&s, 7),
        rate_30: rate(&s, 30),
        rate_90: rate(&s, 90),
        strength: strength(&s, frequency(&promise.schedule)),
        kept,
        partly,
        smaller,
        slots: s.len() as u32,
        new: new_count(s.len() as u32, || {
            s.iter().filter(|x| x.shown).count() as u32
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn daily_slots_skip_an_unmarked_today_but_count_a_marked_one() {
        let p = promise(Schedule::Daily, "2026-11-16");
        let checks = pattern(&p, "2026-11-16", "kpm.k");
        let refs: Vec<&Check> = checks.iter().collect();
        // Today is the 20th and marked: 5 slots.
        let s = slots(&p, &refs, d("2026-11-20"), Weekday::Mon);
        assert_eq!(s.len(), 5);
        assert_eq!(s.iter().filter(|x| x.shown).count(), 3);
        assert!(s[2].missed && !s[3].missed && !s[3].shown);
        // Today is the 21st and unmarked: still 5.
        assert_eq!(slots(&p, &refs, d("2026-11-21"), Weekday::Mon).len(), 5);
    }

    #[test]
    fn weekday_rest_days_never_count_against_a_promise() {
        let p = promise(
            Schedule::parse_days("mon,wed,fri").expect("days"),
            "2026-11-16",
        );
        // Kept Mon, Wed, Fri; nothing on the other days.
        let checks = pattern(&p, "2026-11-16", "k.k.k..");
        let refs: Vec<&Check> = checks.iter().collect();
        let s = slots(&p, &refs, d("2026-11-22"), Weekday::Mon);
        assert_eq!(s.len(), 3);
        assert_eq!(rate(&s, 7), Some(1.0));
    }

    #[test]
    fn times_per_week_fills_n_slots_per_week_and_the_current_week_only_counts_what_happened() {
        let p = promise(Schedule::TimesPerWeek { times: 3 }, "2026-11-02");
        // Week 1: 2 shown; week 2: 4 shown (only 3 count); week 3 (current, today Sat 21st): 1 so far.
        let mut checks = pattern(&p, "2026-11-02", "k.p....");
        checks.extend(pattern(&p, "2026-11-09", "kkkk..."));
        checks.extend(pattern(&p, "2026-11-16", "..k...."));
        let refs: Vec<&Check> = checks.iter().collect();
        let s = slots(&p, &refs, d("2026-11-21"), Weekday::Mon);
        assert_eq!(s.len(), 3 + 3 + 1);
        assert_eq!(s.iter().filter(|x| x.shown).count(), 2 + 3 + 1);
        assert_eq!(rate(&s, 7), Some(6.0 / 7.0));
    }

    #[test]
    fn a_promise_created_midweek_is_asked_no_more_than_its_days() {
        let p = promise(Schedule::TimesPerWeek { times: 5 }, "2026-11-13"); // a Friday
        let checks = pattern(&p, "2026-11-13", "kk");
        let refs: Vec<&Check> = checks.iter().collect();
        let s = slots(&p, &refs, d("2026-11-17"), Weekday::Mon);
        // First week (Fri–Sun): 3 days, so 3 slots, 2 shown; current week: none shown yet.
        assert_eq!(s.len(), 3);
        assert_eq!(s.iter().filter(|x| x.shown).count(), 2);
    }

    #[test]
    fn rates_cover_the_last_n_slots() {
        let p = promise(Schedule::Daily, "2026-08-01");
        // 90 days: the first 60 missed, the last 30 kept.
        let marks: String = "m".repeat(60) + &"k".repeat(30);
        let checks = pattern(&p, "2026-08-01", &marks);
        let refs: Vec<&Check> = checks.iter().collect();
        let today = d("2026-08-01") + chrono::Duration::days(89);
        let e = promise_evidence(&p, &refs, today, Weekday::Mon);
        assert_eq!(e.rate_7, Some(1.0));
        assert_eq!(e.rate_30, Some(1.0));
        assert_eq!(e.rate_90, Some(30.0 / 90.0));
        assert_eq!(e.kept, 30);
        assert_eq!(e.slots, 90);
    }

    #[test]
    fn strength_of_a_daily_promise_kept_for_a_month_is_about_eighty_percent() {
        let kept = vec![
            Slot {
                day: d("2026-11-01"),
                shown: true,
                kept: true,
                missed: false
            };
            30
        ];
        let s = strength(&kept, 1.0);
        // 1 - 0.5^(30/13) = 0.7976…
        assert!((s - 0.7976).abs() < 0.001, "{s}");
    }

    #[test]
    fn strength_matches_loop_per_calendar_month_for_any_schedule() {
        // Three times a week kept for a month (~12.86 slots) ≈ Loop's daily
        // decay for f = 3/7 over 30 days: 1 - 0.5^(30·√(3/7)/13).
        let f: f64 = 3.0 / 7.0;
        let expected = 1.0 - 0.5f64.powf(30.0 * f.sqrt() / 13.0);
        let m = 0.5f64.powf(1.0 / (13.0 * f.sqrt()));
        let slots_in_month = 30.0 * f;
        let continuous = 1.0 - m.powf(slots_in_month);
        assert!((continuous - expected).abs() < 1e-9);
    }

    #[test]
    fn one_miss_only_dents_strength() {
        let mut s = vec![
            Slot {
                day: d("2026-11-01"),
                shown: true,
                kept: true,
                missed: false
            };
            30
        ];
        let before = strength(&s, 1.0);
        s.push(Slot {
            day: d("2026-12-01"),
            shown: false,
            kept: false,
            missed: true,
        });
        let after = strength(&s, 1.0);
        assert!(after > 0.74 && after < before, "{before} → {after}");
        assert!(strength(&s[..0], 1.0) == 0.0);
    }

    #[test]
    fn partly_kept_counts_as_showing_up_in_rates_and_strength() {
        let p = promise(Schedule::Daily, "2026-11-16");
        let checks = pattern(&p, "2026-11-16", "ppppp");
        let refs: Vec<&Check> = checks.iter().collect();
        let e = promise_evidence(&p, &refs, d("2026-11-20"), Weekday::Mon);
        assert_eq!(e.rate_7, Some(1.0));
        assert_eq!(e.partly, 5);
        assert!(e.strength > 0.2);
    }

    #[test]
    fn a_promise_is_new_with_its_plain_count_until_it_has_asked_fourteen_times() {
        let p = promise(Schedule::Daily, "2026-11-01");
        let checks = pattern(&p, "2026-11-01", "kk");
        let refs: Vec<&Check> = checks.iter().collect();
        let e = promise_evidence(&p, &refs, d("2026-11-02"), Weekday::Mon);
        assert_eq!(
            e.shown_as(),
            StrengthShown::New(NewCount { shown: 2, asked: 2 })
        );
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(json["strength"], serde_json::Value::Null);
        assert_eq!(json["new"]["shown"], 2);
        // Thirteen days asked: still new; the fourteenth brings strength.
        let checks = pattern(&p, "2026-11-01", &"k".repeat(14));
        let refs: Vec<&Check> = checks.iter().collect();
        let e = promise_evidence(&p, &refs, d("2026-11-14"), Weekday::Mon);
        assert!(matches!(e.shown_as(), StrengthShown::Score(_)));
        assert!(e.new.is_none());
        let e = promise_evidence(&p, &refs, d("2026-11-13"), Weekday::Mon);
        assert_eq!(
            e.new,
            Some(NewCount {
                shown: 13,
                asked: 13
            })
        );
    }
}
