//! Notice → Narrow → Repeat: the recalibrations the record supports. A
//! promise noted as missed on most of its last days is offered its smaller
//! version (or a lower target); one left blank several times in a row gets
//! a gentle question instead (forgetting to mark is not failing); one kept
//! on every day for two weeks may grow, or grow back to what it was before
//! it shrank; after a rough week with several promises, keeping just one
//! is offered. The person decides;
//! [`Journal::decide`](super::super::Journal::decide) carries it out.
//!
//! May use: `model` and the rest of `domain`.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::super::day::{days_between, week_start};
use super::super::rule::{DayTally, day_tally};
use super::rates::Slot;
use super::resume::{FULL_DAYS, Since};
use crate::model::{Check, Promise, Schedule, amount_in};

/// What a suggestion proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposal {
    /// Make the promise its smaller version for now (its words from today;
    /// the days before keep theirs).
    UseSmaller { smaller: String },
    /// The promise has no smaller version yet: ask for one.
    AskSmaller,
    /// Lower a measured target.
    LowerTarget { amount: f64 },
    /// Raise a measured target.
    RaiseTarget { amount: f64 },
    /// Bring back the words the promise had before it shrank.
    GrowBack { text: String },
    /// Add one new tiny promise.
    AddOne,
    /// Keep only this promise for a while (archive the others; history stays).
    KeepOnlyOne { keep_id: String },
    /// Nothing recorded for several days in a row: still keeping it? The
    /// first blank day is `since`.
    StillKeeping { since: NaiveDate },
}

/// A recalibration the journal proposes; the person decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Stable key, so a decision can be remembered: `narrow:ID`,
    /// `grow:ID`, `blank:ID` or `one`.
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

/// Blank (unrecorded) times in a row that make the journal ask whether a
/// promise is still kept.
pub const BLANKS_BEFORE_ASKING: usize = 3;

/// Notice → Narrow → Repeat: the suggestions the record supports today,
/// from every check up to today.
pub fn suggestions(
    promises: &[Promise],
    checks: &[Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Suggestion> {
    let refs: Vec<&Check> = checks.iter().collect();
    let active: Vec<Since<'_>> = (promises.iter())
        .filter(|p| !p.is_archived())
        .map(|p| Since::from_start(p, &refs, today, week_starts_on))
        .collect();
    let active: Vec<&Since<'_>> = active.iter().collect();
    suggestions_since(promises, &active, checks, today, week_starts_on)
}

/// [`suggestions`] from the record of each promise not archived, in list
/// order, as of today ([`Since`]), and the checks of last week and this
/// one (`checks` may hold more).
pub fn suggestions_since(
    promises: &[Promise],
    active: &[&Since<'_>],
    checks: &[Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Vec<Suggestion> {
    if active.is_empty() {
        return vec![Suggestion {
            key: "one".into(),
            promise_id: None,
            headline: "Start with one tiny promise.".into(),
            reason: "There is no promise yet; one small enough for a bad day is the whole plan."
                .into(),
            proposal: Proposal::AddOne,
        }];
    }
    let mut out: Vec<Suggestion> = active
        .iter()
        .filter_map(|s| {
            still_keeping(s.promise, s, today)
                .or_else(|| narrow(s.promise, s, today))
                .or_else(|| grow(s.promise, s, today))
        })
        .collect();
    if active.len() > 1 {
        out.extend(keep_one(promises, active, checks, today, week_starts_on));
    }
    out
}

/// "days" or "times": how a promise's slots are counted.
fn slot_word(p: &Promise) -> &'static str {
    match p.schedule {
        Schedule::TimesPerWeek { .. } => "times",
        _ => "days",
    }
}

/// Still keeping it? The last [`BLANKS_BEFORE_ASKING`] or more past slots
/// are blank: nothing recorded, neither shown up for nor noted as missed.
/// Today is still open, so its slot is not among them.
fn still_keeping(p: &Promise, slots: &Since<'_>, today: NaiveDate) -> Option<Suggestion> {
    let (blanks, since) = slots.trailing_blanks(today);
    if blanks < BLANKS_BEFORE_ASKING {
        return None;
    }
    let since = since.unwrap_or(today);
    Some(Suggestion {
        key: format!("blank:{}", p.id),
        promise_id: Some(p.id.clone()),
        headline: format!("Still keeping “{}”? Mark the days you remember.", p.text),
        reason: format!(
            "Nothing is recorded for its last {blanks} {}; a blank day is not a miss, and it stays blank until you mark it.",
            slot_word(p)
        ),
        proposal: Proposal::StillKeeping { since },
    })
}

/// Narrow: noted as missed on 3 or more of the last 5 slots, not counting
/// today, which is still open. Days left blank never count here.
fn narrow(p: &Promise, slots: &Since<'_>, today: NaiveDate) -> Option<Suggestion> {
    let (last5, missed) = slots.last_past(today, 5);
    if last5 < 5 || missed < 3 {
        return None;
    }
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
                format!("Lower “{}” to {} for now.", p.text, amount_in(amount, unit)),
                Proposal::LowerTarget { amount },
            )
        }
        _ => (
            format!("Find a smaller version of “{}”.", p.text),
            Proposal::AskSmaller,
        ),
    };
    Some(Suggestion {
        key: format!("narrow:{}", p.id),
        promise_id: Some(p.id.clone()),
        headline,
        reason: format!(
            "It didn't happen on {missed} of its last 5 {} (noted as missed); a smaller step often does.",
            slot_word(p)
        ),
        proposal,
    })
}

/// Grow: kept (fully) on every slot of the last two weeks. A promise that
/// shrank to its smaller version is offered its earlier words back first.
fn grow(p: &Promise, slots: &Since<'_>, today: NaiveDate) -> Option<Suggestion> {
    let from = today - chrono::Duration::days(FULL_DAYS);
    let recent: Vec<&Slot> = slots.between(from, today).collect();
    let enough = recent.len() >= (p.schedule.days_per_week() as usize * 2).max(2);
    let current_since = p.version_on(today).map_or(p.created_on, |v| v.from);
    if !enough || p.created_on > from || current_since > from || !recent.iter().all(|x| x.kept) {
        return None;
    }
    let (headline, proposal) = match (shrunk_from(p), p.unit.as_deref(), p.target_on(today)) {
        (Some(before), _, _) => (
            format!("Grow “{}” back to “{before}”?", p.text),
            Proposal::GrowBack {
                text: before.to_string(),
            },
        ),
        (None, Some(unit), Some(t)) => {
            let amount = (t * 1.25).ceil().max(t + 1.0);
            (
                format!("Grow “{}” to {}?", p.text, amount_in(amount, unit)),
                Proposal::RaiseTarget { amount },
            )
        }
        _ => (
            format!("“{}” looks easy now: add one new tiny promise?", p.text),
            Proposal::AddOne,
        ),
    };
    Some(Suggestion {
        key: format!("grow:{}", p.id),
        promise_id: Some(p.id.clone()),
        headline,
        reason: format!(
            "Kept on every one of the {} {} it asked for in the last two weeks.",
            recent.len(),
            slot_word(p)
        ),
        proposal,
    })
}

/// The text a promise had before it shrank to its smaller version, when its
/// words today are the smaller version of the ones before.
pub fn shrunk_from(p: &Promise) -> Option<&str> {
    let [.., before, now] = p.versions.as_slice() else {
        return None;
    };
    (before.smaller.as_deref() == Some(now.text.as_str())).then_some(before.text.as_str())
}

/// Start with one: after a rough week with several promises — most of what
/// was marked noted as missed, not merely left blank — keep the strongest
/// for a while.
fn keep_one(
    promises: &[Promise],
    active: &[&Since<'_>],
    checks: &[Check],
    today: NaiveDate,
    week_starts_on: Weekday,
) -> Option<Suggestion> {
    let start = week_start(today, week_starts_on) - chrono::Duration::days(7);
    let week = week_tally(promises, checks, start);
    let marked = week.shown + week.missed;
    if marked < 5 || f64::from(week.shown) / f64::from(marked) >= 0.4 {
        return None;
    }
    let keep = active
        .iter()
        .map(|s| (s.promise, s.strength()))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| p)?;
    Some(Suggestion {
        key: "one".into(),
        promise_id: Some(keep.id.clone()),
        headline: format!("Keep just “{}” for a while?", keep.text),
        reason: format!(
            "Last week {} of the {marked} marks were noted as missed; one promise kept beats several waiting. The others stay in the journal.",
            week.missed
        ),
        proposal: Proposal::KeepOnlyOne {
            keep_id: keep.id.clone(),
        },
    })
}

/// The week from `start`, day by day, by the one rule.
fn week_tally(promises: &[Promise], checks: &[Check], start: NaiveDate) -> DayTally {
    let end = start + chrono::Duration::days(6);
    let week: Vec<&Check> = checks
        .iter()
        .filter(|c| c.day >= start && c.day <= end)
        .collect();
    days_between(start, end).fold(DayTally::default(), |t, d| {
        let day: Vec<&Check> = week.iter().filter(|c| c.day == d).copied().collect();
        let x = day_tally(promises, &day, d);
        DayTally {
            asked: t.asked + x.asked,
            shown: t.shown + x.shown,
            kept: t.kept + x.kept,
            missed: t.missed + x.missed,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::{Schedule, Status, Target, new_id};

    #[test]
    fn three_misses_in_five_suggest_the_smaller_version() {
        let mut p = promise(Schedule::Daily, "2026-11-01");
        p.smaller = Some("touch my toes once".into());
        let checks = pattern(&p, "2026-11-14", "kkmmmkk");
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        // Last five past days (16–20): m m m k k → 3 noted as missed.
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].key, format!("narrow:{}", p.id));
        assert_eq!(
            s[0].proposal,
            Proposal::UseSmaller {
                smaller: "touch my toes once".into()
            }
        );
        assert!(s[0].reason.contains("3 of its last 5"));
        // Left blank instead of marked missed: no shrinking.
        let blank = pattern(&p, "2026-11-14", "kk....k");
        let s = suggestions(
            std::slice::from_ref(&p),
            &blank,
            d("2026-11-21"),
            Weekday::Mon,
        );
        assert!(
            s.iter().all(|x| x.key != format!("narrow:{}", p.id)),
            "{s:?}"
        );
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
        let mut checks = pattern(&p, "2026-11-02", "m......");
        checks.extend(pattern(&p, "2026-11-09", "m.m.m.."));
        checks.extend(pattern(&p, "2026-11-16", "k.k...."));
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-20"),
            Weekday::Mon,
        );
        // Last five slots before Fri 20: Mon 9 m, Wed 11 m, Fri 13 m, Mon 16 k, Wed 18 k
        // → three noted as missed.
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
        checks.extend(pattern(&a, "2026-11-09", "kmmmmmm"));
        checks.extend(pattern(&b, "2026-11-09", "mmmmmmm"));
        checks.extend(pattern(&b, "2026-11-16", "kkkkk"));
        checks.extend(pattern(&a, "2026-11-16", "kkkkk"));
        let ps = vec![a.clone(), b.clone()];
        let s = suggestions(&ps, &checks, d("2026-11-21"), Weekday::Mon);
        let one = s.iter().find(|x| x.key == "one").expect("keep one");
        assert_eq!(
            one.proposal,
            Proposal::KeepOnlyOne {
                keep_id: b.id.clone()
            }
        );
        assert!(one.reason.contains("13 of the 14 marks"), "{}", one.reason);
        // The same week left blank instead: nothing says it went badly.
        let mut blank = pattern(&b, "2026-10-01", &"k".repeat(39));
        blank.extend(pattern(&a, "2026-11-09", "k......"));
        blank.extend(pattern(&b, "2026-11-16", "kkkkk"));
        blank.extend(pattern(&a, "2026-11-16", "kkkkk"));
        let s = suggestions(&ps, &blank, d("2026-11-21"), Weekday::Mon);
        assert!(s.iter().all(|x| x.key != "one"), "{s:?}");
    }

    #[test]
    fn several_blank_days_in_a_row_ask_instead_of_shrinking() {
        let mut p = promise(Schedule::Daily, "2026-11-01");
        p.smaller = Some("touch my toes once".into());
        let checks = pattern(&p, "2026-11-14", "kkkk...");
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(
            s[0].proposal,
            Proposal::StillKeeping {
                since: d("2026-11-18")
            }
        );
        assert!(s[0].headline.contains("Mark the days you remember"));
        assert!(!s[0].reason.contains("didn't happen"));
    }

    #[test]
    fn a_shrunk_promise_kept_for_two_weeks_may_grow_back() {
        let mut p = promise(Schedule::Daily, "2026-10-01");
        p.text = "touch my toes once".into();
        p.versions = vec![
            crate::model::PromiseVersion {
                id: new_id(),
                from: d("2026-10-01"),
                text: "stretch".into(),
                cue: None,
                smaller: Some("touch my toes once".into()),
            },
            crate::model::PromiseVersion {
                id: new_id(),
                from: d("2026-11-01"),
                text: "touch my toes once".into(),
                cue: None,
                smaller: None,
            },
        ];
        let checks = pattern(&p, "2026-11-01", &"k".repeat(20));
        let s = suggestions(
            std::slice::from_ref(&p),
            &checks,
            d("2026-11-21"),
            Weekday::Mon,
        );
        assert_eq!(
            s[0].proposal,
            Proposal::GrowBack {
                text: "stretch".into()
            }
        );
    }

    #[test]
    fn with_no_promise_the_suggestion_is_to_start_with_one() {
        let s = suggestions(&[], &[], d("2026-11-21"), Weekday::Mon);
        assert_eq!(s[0].proposal, Proposal::AddOne);
        assert_eq!(s[0].key, "one");
    }
}
