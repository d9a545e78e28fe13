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

/// A tiny commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    pub text: String,
    pub cue: Option<String>,
    pub smaller: Option<String>,
    pub area: Option<String>,
    pub schedule: Schedule,
    /// `Some(unit)` for a measure (e.g. "minutes"); `None` for a yes/no check.
    pub unit: Option<String>,
    /// Target history, oldest first. Empty for yes/no promises.
    pub targets: Vec<Target>,
    /// Order in lists; lower first.
    pub position: i64,
    /// The first day the promise counts.
    pub created_on: NaiveDate,
    /// The day it was archived; it no longer counts from this day on.
    pub archived_on: Option<NaiveDate>,
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

    /// "10 minutes", or `None` for yes/no promises.
    pub fn target_label(&self, day: NaiveDate) -> Option<String> {
        let unit = self.unit.as_deref()?;
        let amount = self.target_on(day)?;
        Some(format!("{} {unit}", format_amount(amount)))
    }
}

/// `10` rather than `10.0`; `2.5` stays `2.5`.
pub fn format_amount(amount: f64) -> String {
    if amount.fract() == 0.0 && amount.abs() < 1e15 {
        format!("{}", amount as i64)
    } else {
        let s = format!("{amount:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
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
    }
}
