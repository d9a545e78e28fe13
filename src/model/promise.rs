//! Promises: what a person committed to, when it asks for something
//! (its schedule) and how much (its targets, each in force from a day on).
//!
//! May use: nothing of ours.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use super::weekday::weekday_short;

/// When a promise is meant to be kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Schedule {
    /// Every day.
    Daily,
    /// Only on the chosen weekdays (Monday = 0 … Sunday = 6).
    Weekdays { days: Vec<u8> },
    /// Any N days of the week, chosen by the person as the week goes.
    TimesPerWeek { times: u8 },
}

/// Whether a promise asks for something on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Scheduled for this day.
    Yes,
    /// A times-per-week promise: any day may count toward the week.
    Flexible,
    /// Not scheduled (a rest day for this promise).
    No,
}

impl Schedule {
    /// Builds a weekday schedule, sorted and without repeats.
    pub fn weekdays(days: impl IntoIterator<Item = Weekday>) -> Schedule {
        let mut v: Vec<u8> = days
            .into_iter()
            .map(|d| d.num_days_from_monday() as u8)
            .collect();
        v.sort_unstable();
        v.dedup();
        Schedule::Weekdays { days: v }
    }

    pub fn due_on(&self, day: NaiveDate) -> Due {
        match self {
            Schedule::Daily => Due::Yes,
            Schedule::Weekdays { days } => {
                if days.contains(&(day.weekday().num_days_from_monday() as u8)) {
                    Due::Yes
                } else {
                    Due::No
                }
            }
            Schedule::TimesPerWeek { .. } => Due::Flexible,
        }
    }

    /// How many days a week this schedule asks for.
    pub fn days_per_week(&self) -> u32 {
        match self {
            Schedule::Daily => 7,
            Schedule::Weekdays { days } => days.len() as u32,
            Schedule::TimesPerWeek { times } => u32::from(*times),
        }
    }

    /// What a schedule that could not be read from the journal file becomes:
    /// a weekday schedule without days. It asks for nothing, so the journal
    /// stays readable and the promise counts against no day, and
    /// [`Schedule::validate`] refuses it, so it is never written by a person.
    pub fn unreadable() -> Schedule {
        Schedule::Weekdays { days: Vec::new() }
    }

    /// What is wrong with the schedule, in words that follow "has", or
    /// `None` when it can be used.
    pub fn problem(&self) -> Option<String> {
        match self {
            Schedule::Daily => None,
            Schedule::Weekdays { days } if days.is_empty() => {
                Some("a weekday schedule without any day".into())
            }
            Schedule::Weekdays { days } => days.iter().find(|d| **d > 6).map(|d| {
                format!(
                    "a weekday schedule with day {d}, but days run from 0 (Monday) to 6 (Sunday)"
                )
            }),
            Schedule::TimesPerWeek { times } if !(1..=7).contains(times) => Some(format!(
                "a schedule of {times} times a week, but a week holds 1 to 7"
            )),
            Schedule::TimesPerWeek { .. } => None,
        }
    }

    /// Checks the numbers make sense; the error is a sentence for the
    /// person who typed the schedule.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Schedule::Weekdays { .. } if self.problem().is_some() => {
                Err("A weekday schedule needs at least one day from mon to sun.".into())
            }
            Schedule::TimesPerWeek { times } if self.problem().is_some() => Err(format!(
                "{times} times a week is outside 1–7; choose a number from 1 to 7."
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::Daily => write!(f, "every day"),
            Schedule::Weekdays { days } => {
                let names: Vec<&str> = days
                    .iter()
                    .filter_map(|d| Weekday::try_from(*d).ok())
                    .map(weekday_short)
                    .collect();
                if names.is_empty() {
                    // Only a schedule that could not be read looks like this.
                    write!(f, "no days chosen")
                } else {
                    write!(f, "{}", names.join(","))
                }
            }
            Schedule::TimesPerWeek { times } => write!(f, "{times}× a week"),
        }
    }
}

/// A change of a measured promise's target, in force from a day on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: String,
    pub from: NaiveDate,
    pub amount: f64,
}

/// What a promise said (its text, cue and smaller version) from a day on,
/// until the next version. A promise that was never reworded has none: its
/// words have always been the ones it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseVersion {
    pub id: String,
    pub from: NaiveDate,
    pub text: String,
    pub cue: Option<String>,
    pub smaller: Option<String>,
}

/// A tiny commitment.
///
/// `text`, `cue` and `smaller` are what it says today; `versions` holds
/// what it said before (see [`Promise::as_on`]), and `targets` what it
/// asked for, each from a day on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    /// Its short number: given once, never changed by reordering or
    /// archiving, and never given to another promise while it exists.
    /// 0 only in an export made before numbers existed.
    #[serde(default)]
    pub number: u32,
    pub text: String,
    pub cue: Option<String>,
    pub smaller: Option<String>,
    pub area: Option<String>,
    pub schedule: Schedule,
    /// `Some(unit)` for a measure (e.g. "minutes"); `None` for a yes/no check.
    pub unit: Option<String>,
    /// Target history, oldest first. Empty for yes/no promises.
    pub targets: Vec<Target>,
    /// Wording history, oldest first: empty while the promise was never
    /// reworded; otherwise the first version is its words from the start
    /// and the last one its words today (the same as `text`, `cue` and
    /// `smaller`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<PromiseVersion>,
    /// Order in lists; lower first.
    pub position: i64,
    /// The first day the promise counts.
    pub created_on: NaiveDate,
    /// The day it was archived; it no longer counts from this day on.
    pub archived_on: Option<NaiveDate>,
    /// When it last changed, in UTC (the merge rule compares these).
    pub updated_at: NaiveDateTime,
}

impl Promise {
    pub fn is_measure(&self) -> bool {
        self.unit.is_some()
    }

    pub fn is_archived(&self) -> bool {
        self.archived_on.is_some()
    }

    /// Whether the promise existed (and was not archived) on `day`.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        day >= self.created_on && self.archived_on.is_none_or(|a| day < a)
    }

    /// The target in force on `day`: the latest change made on or before it.
    /// Days before the first change are judged by the first target.
    pub fn target_on(&self, day: NaiveDate) -> Option<f64> {
        self.targets
            .iter()
            .filter(|t| t.from <= day)
            .max_by_key(|t| t.from)
            .or_else(|| self.targets.iter().min_by_key(|t| t.from))
            .map(|t| t.amount)
    }

    /// The version of its words in force on `day`, or `None` when it was
    /// never reworded. Days before the first version are read with the
    /// first one.
    pub fn version_on(&self, day: NaiveDate) -> Option<&PromiseVersion> {
        self.versions
            .iter()
            .filter(|v| v.from <= day)
            .max_by_key(|v| v.from)
            .or_else(|| self.versions.iter().min_by_key(|v| v.from))
    }

    /// The promise as it read on `day`: its text, cue and smaller version
    /// then. Everything else (its id, number, schedule, targets) is the
    /// same promise.
    pub fn as_on(&self, day: NaiveDate) -> Promise {
        let mut p = self.clone();
        if let Some(v) = self.version_on(day) {
            p.text = v.text.clone();
            p.cue = v.cue.clone();
            p.smaller = v.smaller.clone();
        }
        p
    }

    /// The text it had on `day`.
    pub fn text_on(&self, day: NaiveDate) -> &str {
        self.version_on(day).map_or(&self.text, |v| &v.text)
    }

    /// "10 minutes", or `None` for yes/no promises.
    pub fn target_label(&self, day: NaiveDate) -> Option<String> {
        let unit = self.unit.as_deref()?;
        let amount = self.target_on(day)?;
        Some(amount_in(amount, unit))
    }
}

/// "4 pages", "1 page": an amount with its unit.
pub fn amount_in(n: f64, unit: &str) -> String {
    format!("{} {}", format_amount(n), unit_for(n, unit))
}

/// The unit as it reads after `n`: "1 page", "1 glass", "3 pages". Units
/// are typed in the plural; for exactly one, a plain English plural ending
/// is taken off ("pages", "minutes", "push-ups", "glasses", "dishes").
/// Anything else is left as typed ("1 km", "1 sheep", "1 stories").
pub fn unit_for(n: f64, unit: &str) -> &str {
    if n != 1.0 {
        return unit;
    }
    let ends = |tail: &str| unit.len() > tail.len() + 1 && unit.ends_with(tail);
    if ["sses", "shes", "ches", "xes"].iter().any(|t| ends(t)) {
        return &unit[..unit.len() - 2];
    }
    if ends("s") && !["ss", "us", "is", "ies"].iter().any(|t| unit.ends_with(t)) {
        return &unit[..unit.len() - 1];
    }
    unit
}

/// `10` rather than `10.0`; `2.5` stays `2.5`.
/// Amounts are shown to two decimal places at most, rounded half away from
/// zero like every number shown to people (see [`rounded`]).
pub fn format_amount(amount: f64) -> String {
    decimals(amount, 2)
}

/// `value` rounded to `places` decimal places, half away from zero: the one
/// rounding rule for every number shown to people (8.25 → 8.3 at one
/// place), whatever front end shows it.
pub fn rounded(value: f64, places: i32) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(places);
    let scaled = value * scale;
    // A value like 8.25 is 8.2499999… in binary; nudge by the error the
    // multiplication can carry so that it rounds as written.
    let nudged = scaled + scaled.signum() * scaled.abs() * f64::EPSILON * 4.0;
    nudged.round() / scale
}

/// `value` with at most `places` decimals, rounded by [`rounded`], without
/// trailing zeros: "10", "2.5", "8.3".
pub fn decimals(value: f64, places: i32) -> String {
    let r = rounded(value, places);
    if r.fract() == 0.0 && r.abs() < 1e15 {
        return format!("{}", r as i64);
    }
    let s = format!("{r:.prec$}", prec = places.max(0) as usize);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::new_id;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn promise(schedule: Schedule) -> Promise {
        Promise {
            id: new_id(),
            text: "stretch".into(),
            cue: None,
            smaller: None,
            area: None,
            schedule,
            unit: None,
            targets: vec![],
            versions: vec![],
            number: 1,
            position: 0,
            created_on: d("2026-11-01"),
            archived_on: None,
            updated_at: d("2026-11-01").and_hms_opt(8, 0, 0).expect("valid"),
        }
    }

    #[test]
    fn daily_is_due_every_day() {
        let s = Schedule::Daily;
        for day in d("2026-11-16").iter_days().take(7) {
            assert_eq!(s.due_on(day), Due::Yes);
        }
        assert_eq!(s.days_per_week(), 7);
    }

    #[test]
    fn weekdays_are_due_only_on_their_days() {
        let s = Schedule::weekdays([Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Mon]);
        assert_eq!(
            s,
            Schedule::Weekdays {
                days: vec![0, 2, 4]
            }
        );
        assert_eq!(s.due_on(d("2026-11-16")), Due::Yes); // Monday
        assert_eq!(s.due_on(d("2026-11-17")), Due::No); // Tuesday
        assert_eq!(s.due_on(d("2026-11-20")), Due::Yes); // Friday
        assert_eq!(s.due_on(d("2026-11-22")), Due::No); // Sunday
        assert_eq!(s.to_string(), "mon,wed,fri");
        assert_eq!(s.days_per_week(), 3);
    }

    #[test]
    fn times_per_week_is_flexible_every_day() {
        let s = Schedule::TimesPerWeek { times: 3 };
        assert_eq!(s.due_on(d("2026-11-17")), Due::Flexible);
        assert_eq!(s.to_string(), "3× a week");
        assert!(s.validate().is_ok());
        assert!(Schedule::TimesPerWeek { times: 0 }.validate().is_err());
        assert!(Schedule::TimesPerWeek { times: 8 }.validate().is_err());
    }

    #[test]
    fn each_day_is_judged_by_the_target_in_force() {
        let mut p = promise(Schedule::Daily);
        p.unit = Some("minutes".into());
        p.targets = vec![
            Target {
                id: new_id(),
                from: d("2026-11-01"),
                amount: 10.0,
            },
            Target {
                id: new_id(),
                from: d("2026-11-10"),
                amount: 5.0,
            },
            Target {
                id: new_id(),
                from: d("2026-11-20"),
                amount: 7.5,
            },
        ];
        assert_eq!(p.target_on(d("2026-10-30")), Some(10.0));
        assert_eq!(p.target_on(d("2026-11-09")), Some(10.0));
        assert_eq!(p.target_on(d("2026-11-10")), Some(5.0));
        assert_eq!(p.target_on(d("2026-11-19")), Some(5.0));
        assert_eq!(p.target_on(d("2026-11-21")), Some(7.5));
        assert_eq!(
            p.target_label(d("2026-11-21")).as_deref(),
            Some("7.5 minutes")
        );
        assert_eq!(
            p.target_label(d("2026-11-12")).as_deref(),
            Some("5 minutes")
        );
    }

    #[test]
    fn archived_promises_stop_counting_from_the_archive_day() {
        let mut p = promise(Schedule::Daily);
        p.archived_on = Some(d("2026-11-15"));
        assert!(!p.active_on(d("2026-10-31")));
        assert!(p.active_on(d("2026-11-01")));
        assert!(p.active_on(d("2026-11-14")));
        assert!(!p.active_on(d("2026-11-15")));
    }

    #[test]
    fn amounts_print_without_noise() {
        assert_eq!(format_amount(10.0), "10");
        assert_eq!(format_amount(2.5), "2.5");
        assert_eq!(format_amount(0.333333), "0.33");
        assert_eq!(format_amount(0.125), "0.13");
    }

    #[test]
    fn every_number_rounds_half_away_from_zero() {
        assert_eq!(decimals(8.25, 1), "8.3");
        assert_eq!(decimals(8.35, 1), "8.4");
        assert_eq!(decimals(-8.25, 1), "-8.3");
        assert_eq!(decimals(2.5999999999999996, 1), "2.6");
        assert_eq!(decimals(7.0, 1), "7");
        assert_eq!(decimals(82.5, 0), "83");
        assert_eq!(rounded(2.5999999999999996, 4), 2.6);
    }

    #[test]
    fn a_reworded_promise_reads_as_it_did_on_each_day() {
        let mut p = promise(Schedule::Daily);
        assert_eq!(p.as_on(d("2026-11-05")).text, "stretch");
        p.text = "touch my toes once".into();
        p.versions = vec![
            PromiseVersion {
                id: new_id(),
                from: d("2026-11-01"),
                text: "stretch".into(),
                cue: Some("after coffee".into()),
                smaller: Some("touch my toes once".into()),
            },
            PromiseVersion {
                id: new_id(),
                from: d("2026-11-10"),
                text: "touch my toes once".into(),
                cue: Some("after coffee".into()),
                smaller: None,
            },
        ];
        let before = p.as_on(d("2026-11-09"));
        assert_eq!(before.text, "stretch");
        assert_eq!(before.smaller.as_deref(), Some("touch my toes once"));
        assert_eq!(p.text_on(d("2026-10-20")), "stretch");
        assert_eq!(p.as_on(d("2026-11-10")).text, "touch my toes once");
        assert_eq!(p.as_on(d("2026-11-10")).smaller, None);
    }
}
