//! Turning the record into evidence: kept rates, a strength score, showing-up
//! totals and runs, the self-trust gap, patterns, and recalibration
//! suggestions. Pure functions over records; [`super::Journal`] loads the
//! records and calls these.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use serde::{Deserialize, Serialize};

pub use crate::model::{Decision, Review};

use super::day::{days_between, week_start};
use super::model::{
    Check, CheckIn, Due, Promise, Reflection, Schedule, Status, Win, format_amount,
};

/// One slot a promise asked for: a scheduled day, or for an N-times-a-week
/// promise one of the N times of a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub day: NaiveDate,
    /// Kept or partly kept: it happened, so it counts.
    pub shown: bool,
    /// Fully kept.
    pub kept: bool,
    /// Marked missed (not just left unmarked).
    pub missed: bool,
}

/// The slots of one promise from its first day up to `today`, oldest first.
///
/// Days it was not scheduled don't appear, so they never count against it.
/// Today appears only once it is marked: the day is not over. For an
/// N-times-a-week promise each week holds N slots, filled by the days it was
/// shown up for; the current week holds only the filled ones so far.
pub fn slots(
    promise: &Promise,
    checks: &[&Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Slot> {
    let by_day: HashMap<NaiveDate, &Check> = checks
        .iter()
        .filter(|c| c.promise_id == promise.id)
        .map(|c| (c.day, *c))
        .collect();
    let last = match promise.archived_on {
        Some(a) => a.pred_opt().unwrap_or(a).min(today),
        None => today,
    };
    if last < promise.created_on {
        return Vec::new();
    }
    let mut out = Vec::new();
    match promise.schedule {
        Schedule::TimesPerWeek { times } => {
            let mut start = week_start(promise.created_on, week_starts_on);
            while start <= last {
                let end = start + chrono::Duration::days(6);
                let active: Vec<NaiveDate> =
                    days_between(start.max(promise.created_on), end.min(last)).collect();
                let marks: Vec<&Check> = active
                    .iter()
                    .filter_map(|d| by_day.get(d).copied())
                    .collect();
                let shown: Vec<&&Check> = marks.iter().filter(|c| c.status.showed_up()).collect();
                let kept = marks.iter().filter(|c| c.status == Status::Kept).count();
                let missed = marks.iter().filter(|c| c.status == Status::Missed).count();
                let whole_week = end < today;
                let slots_in_week = if whole_week {
                    // A first, partial week asks for no more than its days.
                    usize::from(times).min(active.len())
                } else {
                    shown.len().min(usize::from(times))
                };
                for i in 0..slots_in_week {
                    let day = shown.get(i).map(|c| c.day).unwrap_or(end.min(last));
                    out.push(Slot {
                        day,
                        shown: i < shown.len(),
                        kept: i < kept,
                        missed: i >= shown.len() && i - shown.len() < missed,
                    });
                }
                start = end + chrono::Duration::days(1);
            }
        }
        _ => {
            for day in days_between(promise.created_on, last) {
                if promise.schedule.due_on(day) != Due::Yes {
                    continue;
                }
                let check = by_day.get(&day);
                if day == today && check.is_none() {
                    continue;
                }
                let status = check.map(|c| c.status);
                out.push(Slot {
                    day,
                    shown: status.is_some_and(Status::showed_up),
                    kept: status == Some(Status::Kept),
                    missed: status == Some(Status::Missed),
                });
            }
        }
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
    let f = frequency.clamp(1.0 / 7.0, 1.0);
    let m = 0.5f64.powf(1.0 / (13.0 * f.sqrt()));
    slots.iter().fold(0.0, |score, s| {
        score * m + if s.shown { 1.0 - m } else { 0.0 }
    })
}

/// One promise's evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub slots: u32,
}

pub fn promise_evidence(
    promise: &Promise,
    checks: &[&Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> PromiseEvidence {
    let s = slots(promise, checks, today, week_starts_on);
    let mine = checks.iter().filter(|c| c.promise_id == promise.id);
    let (mut kept, mut partly) = (0, 0);
    for c in mine {
        match c.status {
            Status::Kept => kept += 1,
            Status::Partial => partly += 1,
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
        slots: s.len() as u32,
    }
}

/// Totals since the start, and runs of showing up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub promises_kept: u32,
    pub partly_kept: u32,
    pub wins: u32,
    /// Days with at least one kept or partly kept promise, or a win.
    pub days_shown_up: u32,
    pub longest_run: u32,
    /// The run that reaches today (or yesterday, while today is still open).
    pub current_run: u32,
    pub first_day: Option<NaiveDate>,
}

/// Days a person showed up: a promise kept or partly kept, or a win.
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
        wins: wins.len() as u32,
        days_shown_up: days.iter().filter(|d| **d <= today).count() as u32,
        longest_run: longest,
        current_run: current,
        first_day,
    }
}

/// Of the promises a day asked for, how many were shown up for.
pub fn day_share(promises: &[Promise], checks: &[&Check], day: NaiveDate) -> (u32, u32) {
    let mut asked = 0;
    let mut shown = 0;
    for p in promises {
        let check = checks.iter().find(|c| c.promise_id == p.id && c.day == day);
        let counts = match p.schedule.due_on(day) {
            Due::Yes => p.active_on(day),
            Due::Flexible | Due::No => check.is_some_and(|c| c.status.showed_up()),
        };
        if counts {
            asked += 1;
            if check.is_some_and(|c| c.status.showed_up()) {
                shown += 1;
            }
        }
    }
    (shown, asked)
}

/// One week side by side: what was done, and how it felt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekPoint {
    pub start: NaiveDate,
    /// Share of the week's asked promises shown up for, 0–1.
    pub kept_rate: Option<f64>,
    pub mood: Option<f64>,
    /// Average morning confidence (from the check-ins), 0–10.
    pub confidence: Option<f64>,
    /// Average share kept on the finished days that had a morning
    /// check-in, on the same 0–10 scale as confidence.
    pub kept_on_checkin_days: Option<f64>,
    /// The morning confidence of those same days.
    pub confidence_on_checkin_days: Option<f64>,
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
    starts
        .iter()
        .map(|&start| {
            let end = start + chrono::Duration::days(6);
            let in_week = |d: NaiveDate| d >= start && d <= end.min(today);
            let week_checks: Vec<Check> =
                checks.iter().filter(|c| in_week(c.day)).cloned().collect();
            // The same count the week's summary shows.
            let (shown, asked) =
                super::stats::week_summary(promises, &week_checks, &[], &[], &[], start, today)
                    .totals();
            let week_checkins: Vec<&CheckIn> = checkins.iter().filter(|c| in_week(c.day)).collect();
            let week_reflections: Vec<&Reflection> =
                reflections.iter().filter(|r| in_week(r.day)).collect();
            // The trust gap uses finished days only.
            let share = |day: NaiveDate| {
                let (s, a) = day_share(promises, by_day.get(&day).unwrap_or(&empty), day);
                (a > 0 && day < today).then(|| f64::from(s) / f64::from(a) * 10.0)
            };
            let trust_days: Vec<(f64, f64)> = week_checkins
                .iter()
                .filter_map(|c| Some((f64::from(c.confidence?), share(c.day)?)))
                .collect();
            WeekPoint {
                start,
                kept_rate: (asked > 0).then(|| f64::from(shown) / f64::from(asked)),
                mood: mean(
                    week_reflections
                        .iter()
                        .filter_map(|r| r.mood)
                        .map(f64::from),
                ),
                confidence: mean(
                    week_checkins
                        .iter()
                        .filter_map(|c| c.confidence)
                        .map(f64::from),
                ),
                kept_on_checkin_days: mean(trust_days.iter().map(|(_, kept)| *kept)),
                confidence_on_checkin_days: mean(trust_days.iter().map(|(conf, _)| *conf)),
            }
        })
        .collect()
}

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
        .min()?;
    if (today - first).num_days() + 1 < PATTERN_DAYS {
        return None;
    }
    let mut by_day: HashMap<NaiveDate, Vec<&Check>> = HashMap::new();
    for c in checks {
        by_day.entry(c.day).or_default().push(c);
    }
    let empty = Vec::new();
    let mut per: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for d in days_between(from.max(first), today.pred_opt().unwrap_or(today)) {
        let (s, a) = day_share(promises, by_day.get(&d).unwrap_or(&empty), d);
        let e = per
            .entry(d.weekday().num_days_from_monday())
            .or_insert((0, 0));
        e.0 += s;
        e.1 += a;
    }
    let weekdays: Vec<(Weekday, Option<f64>)> = (0..7u8)
        .filter_map(|i| Weekday::try_from(i).ok())
        .map(|w| {
            let (s, a) = per
                .get(&w.num_days_from_monday())
                .copied()
                .unwrap_or((0, 0));
            (w, (a > 0).then(|| f64::from(s) / f64::from(a)))
        })
        .collect();
    let rated: Vec<(Weekday, f64)> = weekdays
        .iter()
        .filter_map(|(w, r)| r.map(|r| (*w, r)))
        .collect();
    let best = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    let hardest = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    let spread = rated.iter().map(|x| x.1).fold(f64::NAN, f64::max)
        - rated.iter().map(|x| x.1).fold(f64::NAN, f64::min);
    let (best_day, hardest_day) = if spread > 0.0 {
        (best, hardest)
    } else {
        (None, None)
    };
    let mut times = [
        ("morning", 0u32),
        ("afternoon", 0),
        ("evening", 0),
        ("night", 0),
    ];
    let mut areas: HashMap<String, u32> = HashMap::new();
    for w in wins.iter().filter(|w| w.day >= from && w.day <= today) {
        let slot = match w.created_at.hour() {
            4..=11 => 0,
            12..=16 => 1,
            17..=21 => 2,
            _ => 3,
        };
        times[slot].1 += 1;
        *areas
            .entry(w.area.clone().unwrap_or_else(|| "other".into()))
            .or_insert(0) += 1;
    }
    let mut areas: Vec<(String, u32)> = areas.into_iter().collect();
    areas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(Patterns {
        weekdays,
        best_day,
        hardest_day,
        win_times: times.to_vec(),
        areas,
    })
}

/// What a suggestion proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposal {
    /// Make the promise its smaller version for now.
    UseSmaller { smaller: String },
    /// The promise has no smaller version yet: ask for one.
    AskSmaller,
    /// Lower a measured target.
    LowerTarget { amount: f64 },
    /// Raise a measured target.
    RaiseTarget { amount: f64 },
    /// Add one new tiny promise.
    AddOne,
    /// Keep only this promise for a while (archive the others; history stays).
    KeepOnlyOne { keep_id: String },
}

/// A recalibration the journal proposes; the person decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Stable key, so a decision can be remembered: `narrow:ID`, `grow:ID` or `one`.
    pub key: String,
    pub promise_id: Option<String>,
    /// What it proposes, in a short sentence.
    pub headline: String,
    /// Why, from the record.
    pub reason: String,
    pub proposal: Proposal,
}

/// Days after a decision before the same suggestion may come back.
pub const DECISION_QUIET_DAYS: i64 = 14;

/// Notice → Narrow → Repeat: the suggestions the record supports today.
pub fn suggestions(
    promises: &[Promise],
    checks: &[Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Suggestion> {
    let active: Vec<&Promise> = promises.iter().filter(|p| !p.is_archived()).collect();
    let mut out = Vec::new();
    if active.is_empty() {
        out.push(Suggestion {
            key: "one".into(),
            promise_id: None,
            headline: "Start with one tiny promise.".into(),
            reason: "There is no promise yet; one small enough for a bad day is the whole plan."
                .into(),
            proposal: Proposal::AddOne,
        });
        return out;
    }
    let refs: Vec<&Check> = checks.iter().collect();
    for p in &active {
        let s = slots(p, &refs, today, week_starts_on);
        // Narrow: missed (or left unmarked) on 3 or more of the last 5 slots,
        // not counting today, which is still open.
        let past: Vec<&Slot> = s.iter().filter(|x| x.day < today).collect();
        let last5 = &past[past.len().saturating_sub(5)..];
        let not_shown = last5.iter().filter(|x| !x.shown).count();
        if last5.len() == 5 && not_shown >= 3 {
            let reason = format!(
                "It didn't happen on {not_shown} of its last 5 days; a smaller step often does."
            );
            let (headline, proposal) = match (&p.smaller, p.unit.as_deref(), p.target_on(today)) {
                (Some(smaller), _, _) => (
                    format!("Shrink “{}” to “{smaller}” for now.", p.text),
                    Proposal::UseSmaller {
                        smaller: smaller.clone(),
                    },
                ),
                (None, Some(unit), Some(t)) if t > 1.0 => {
                    let amount = (t / 2.0).ceil();
                    (
                        format!(
                            "Lower “{}” to {} {unit} for now.",
                            p.text,
                            format_amount(amount)
                        ),
                        Proposal::LowerTarget { amount },
                    )
                }
                _ => (
                    format!("Find a smaller version of “{}”.", p.text),
                    Proposal::AskSmaller,
                ),
            };
            out.push(Suggestion {
                key: format!("narrow:{}", p.id),
                promise_id: Some(p.id.clone()),
                headline,
                reason,
                proposal,
            });
            continue;
        }
        // Grow: kept (fully) on every slot of the last two weeks.
        let from = today - chrono::Duration::days(14);
        let recent: Vec<&Slot> = s
            .iter()
            .filter(|x| x.day >= from && x.day < today)
            .collect();
        let enough = recent.len() >= (p.schedule.days_per_week() as usize * 2).max(2);
        if enough && p.created_on <= from && recent.iter().all(|x| x.kept) {
            let (headline, proposal) = match (p.unit.as_deref(), p.target_on(today)) {
                (Some(unit), Some(t)) => {
                    let amount = (t * 1.25).ceil().max(t + 1.0);
                    (
                        format!("Grow “{}” to {} {unit}?", p.text, format_amount(amount)),
                        Proposal::RaiseTarget { amount },
                    )
                }
                _ => (
                    format!("“{}” looks easy now: add one new tiny promise?", p.text),
                    Proposal::AddOne,
                ),
            };
            out.push(Suggestion {
                key: format!("grow:{}", p.id),
                promise_id: Some(p.id.clone()),
                headline,
                reason: "Kept on every day it asked for, two weeks running.".into(),
                proposal,
            });
        }
    }
    // Start with one: after a rough week with several promises.
    if active.len() > 1 {
        let start = week_start(today, week_starts_on) - chrono::Duration::days(7);
        let end = start + chrono::Duration::days(6);
        let mut by_day: HashMap<NaiveDate, Vec<&Check>> = HashMap::new();
        for c in checks.iter().filter(|c| c.day >= start && c.day <= end) {
            by_day.entry(c.day).or_default().push(c);
        }
        let empty = Vec::new();
        let (shown, asked) = days_between(start, end).fold((0, 0), |(s, a), d| {
            let (ds, da) = day_share(promises, by_day.get(&d).unwrap_or(&empty), d);
            (s + ds, a + da)
        });
        if asked >= 5 && f64::from(shown) / f64::from(asked) < 0.4 {
            let keep = active
                .iter()
                .map(|p| {
                    (
                        p,
                        strength(
                            &slots(p, &refs, today, week_starts_on),
                            frequency(&p.schedule),
                        ),
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(p, _)| *p)
                .unwrap_or(active[0]);
            out.push(Suggestion {
                key: "one".into(),
                promise_id: Some(keep.id.clone()),
                headline: format!("Keep just “{}” for a while?", keep.text),
                reason: format!(
                    "Last week held {shown} of {asked}; one promise kept beats several waiting. The others stay in the journal."
                ),
                proposal: Proposal::KeepOnlyOne { keep_id: keep.id.clone() },
            });
        }
    }
    out
}

/// One earlier win to show on a hard evening, chosen by the day so it stays
/// the same all evening and changes the next.
pub fn resurfaced_win(earlier: &[Win], day: NaiveDate) -> Option<&Win> {
    if earlier.is_empty() {
        return None;
    }
    let seed = day.num_days_from_ce().unsigned_abs() as usize;
    earlier.get(seed.wrapping_mul(2_654_435_761) % earlier.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Target, new_id};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn promise(schedule: Schedule, created: &str) -> Promise {
        Promise {
            id: new_id(),
            text: "stretch".into(),
            cue: None,
            smaller: None,
            area: None,
            schedule,
            unit: None,
            targets: vec![],
            position: 0,
            created_on: d(created),
            archived_on: None,
            updated_at: d(created).and_hms_opt(8, 0, 0).expect("valid"),
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

    fn win(day: &str, hour: u32, area: Option<&str>) -> Win {
        Win {
            id: new_id(),
            day: d(day),
            text: format!("win on {day}"),
            area: area.map(String::from),
            created_at: d(day).and_hms_opt(hour, 0, 0).expect("valid"),
        }
    }

    /// Checks for every day from `from` for `n` days, by a pattern string:
    /// k kept, p partly, m missed, anything else unmarked.
    fn pattern(p: &Promise, from: &str, marks: &str) -> Vec<Check> {
        d(from)
            .iter_days()
            .zip(marks.chars())
            .filter_map(|(day, c)| {
                let s = match c {
                    'k' => Status::Kept,
                    'p' => Status::Partial,
                    'm' => Status::Missed,
                    _ => return None,
                };
                Some(check(p, &day.to_string(), s))
            })
            .collect()
    }

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
        assert_eq!(w.confidence, Some(3.0));
        // Checked-in days kept 10/10 and 5/10: 7.5 on average.
        assert_eq!(w.kept_on_checkin_days, Some(7.5));
        assert_eq!(w.confidence_on_checkin_days, Some(3.0));
        assert_eq!(w.trust_gap(), Some(4.5));
    }

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

    #[test]
    fn three_misses_in_five_suggest_the_smaller_version() {
        let mut p = promise(Schedule::Daily, "2026-11-01");
        p.smaller = Some("touch my toes once".into());
        let checks = pattern(&p, "2026-11-14", "kkm.mkk");
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        // Last five past days (16–20): m . m k k → 3 not shown.
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].key, format!("narrow:{}", p.id));
        assert_eq!(
            s[0].proposal,
            Proposal::UseSmaller {
                smaller: "touch my toes once".into()
            }
        );
        assert!(s[0].reason.contains("3 of its last 5"));
        // Two misses in five: nothing to suggest.
        let checks = pattern(&p, "2026-11-14", "kkmkmkk");
        assert!(
            suggestions(
                std::slice::from_ref(&p),
                &checks,
                d("2026-11-21"),
                Weekday::Mon
            )
            .is_empty()
        );
    }

    #[test]
    fn narrowing_a_measure_without_a_smaller_version_halves_its_target() {
        let mut p = promise(Schedule::Daily, "2026-11-01");
        p.unit = Some("pages".into());
        p.targets = vec![Target {
            id: new_id(),
            from: d("2026-11-01"),
            amount: 10.0,
        }];
        let checks = pattern(&p, "2026-11-16", "mmmkk");
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        assert_eq!(s[0].proposal, Proposal::LowerTarget { amount: 5.0 });
    }

    #[test]
    fn weekday_schedules_are_judged_on_their_own_days() {
        let p = promise(
            Schedule::parse_days("mon,wed,fri").expect("days"),
            "2026-11-01",
        );
        // Missed Mon 9, Wed 11, Fri 13; kept Mon 16, Wed 18; rest days empty.
        let mut checks = pattern(&p, "2026-11-09", "m.m.m..");
        checks.extend(pattern(&p, "2026-11-16", "k.k...."));
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-20"),
            Weekday::Mon,
        );
        // Last five slots before Fri 20: Fri 6 (unmarked), Mon 9 m, Wed 11 m, Fri 13 m, Mon 16 k, Wed 18 k
        // → the last five are m m m k k: three not shown.
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].proposal, Proposal::AskSmaller);
    }

    #[test]
    fn two_weeks_kept_suggests_growing() {
        let mut p = promise(Schedule::Daily, "2026-11-01");
        p.unit = Some("minutes".into());
        p.targets = vec![Target {
            id: new_id(),
            from: d("2026-11-01"),
            amount: 4.0,
        }];
        let checks = pattern(&p, "2026-11-01", &"k".repeat(20));
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        assert_eq!(s[0].key, format!("grow:{}", p.id));
        assert_eq!(s[0].proposal, Proposal::RaiseTarget { amount: 5.0 });
        // A partly kept day in the fortnight: no growth yet.
        let mut checks = checks;
        checks[15].status = Status::Partial;
        assert!(
            suggestions(
                std::slice::from_ref(&p),
                &checks,
                d("2026-11-21"),
                Weekday::Mon
            )
            .is_empty()
        );
    }

    #[test]
    fn a_rough_week_with_several_promises_suggests_keeping_one() {
        let a = promise(Schedule::Daily, "2026-10-01");
        let mut b = promise(Schedule::Daily, "2026-10-01");
        b.text = "read".into();
        // Strong history for b, then a rough last week (Nov 9–15) for both.
        let mut checks = pattern(&b, "2026-10-01", &"k".repeat(39));
        checks.extend(pattern(&a, "2026-11-09", "k......"));
        checks.extend(pattern(&b, "2026-11-16", "kkkkk"));
        checks.extend(pattern(&a, "2026-11-16", "kkkkk"));
        let ps = vec![a, b.clone()];
        let s = suggestions(&ps, &checks, d("2026-11-21"), Weekday::Mon);
        let one = s.iter().find(|x| x.key == "one").expect("keep one");
        assert_eq!(
            one.proposal,
            Proposal::KeepOnlyOne {
                keep_id: b.id.clone()
            }
        );
        assert!(one.reason.contains("1 of 14"), "{}", one.reason);
    }

    #[test]
    fn with_no_promise_the_suggestion_is_to_start_with_one() {
        let s = suggestions(&[], &[], d("2026-11-21"), Weekday::Mon);
        assert_eq!(s[0].proposal, Proposal::AddOne);
        assert_eq!(s[0].key, "one");
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
