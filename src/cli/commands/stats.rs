//! `stats`: the evidence since the start — totals, runs of showing up,
//! each promise's rates and strength, and twelve weeks side by side.
//!
//! JSON: the domain's `Evidence` as it serialises: `{totals:
//! {promises_kept, partly_kept, smaller_kept, wins, days_shown_up,
//! longest_run, current_run, first_day}, promises: [{promise_id, text,
//! rate_7, rate_30, rate_90, strength, kept, partly, smaller, slots}],
//! weeks, twelve_weeks, patterns, suggestions}`, with `weeks`,
//! `twelve_weeks`, `patterns` and `suggestions` shaped as in the review
//! (see `commands/review/mod.rs`).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::words::{one_decimal, out_of_ten, percent, plural, short_day};
use crate::domain::evidence::{NEW_SLOTS, PromiseEvidence, WeekPoint};
use crate::domain::words::new_words;
use crate::domain::{Evidence, Journal, Promise};
use crate::model::fit;
use crate::text::printable;

/// The evidence as of today.
#[derive(Serialize)]
#[serde(transparent)]
pub struct Stats {
    evidence: Evidence,
    /// Every promise, archived too, for their short numbers.
    #[serde(skip)]
    promises: Vec<Promise>,
    #[serde(skip)]
    today: NaiveDate,
}

/// `stats`.
pub fn stats(journal: &Journal) -> Result<Stats> {
    Ok(Stats {
        evidence: journal.evidence()?,
        promises: journal.promises(true)?,
        today: journal.today(),
    })
}

impl Report for Stats {
    fn text(&self) -> String {
        let t = &self.evidence.totals;
        let Some(first_day) = t.first_day else {
            return lines([if self.promises.is_empty() {
                "Nothing recorded yet; every promise kept and every win will add up here. Start with one small enough for a bad day: `smallwins promise add \"…\"`.".to_string()
            } else {
                "Nothing recorded yet; every promise kept and every win will add up here, starting with `smallwins kept 1`.".to_string()
            }]);
        };
        let mut out = vec![
            format!("Since {}", short_day(first_day, self.today)),
            match t.smaller_kept {
                0 => format!(
                    "  {} and {}",
                    plural(t.promises_kept, "promise kept", "promises kept"),
                    plural(t.partly_kept, "partly kept", "partly kept")
                ),
                n => format!(
                    "  {}, {} and {n} kept in the smaller version",
                    plural(t.promises_kept, "promise kept", "promises kept"),
                    plural(t.partly_kept, "partly kept", "partly kept")
                ),
            },
            format!("  {}", plural(t.wins, "win", "wins")),
            format!(
                "  {}",
                plural(t.days_shown_up, "day shown up", "days shown up")
            ),
            format!(
                "  Longest run of showing up: {}; current run: {}",
                plural(t.longest_run, "day", "days"),
                plural(t.current_run, "day", "days")
            ),
        ];
        out.push(String::new());
        out.extend(self.promise_table());
        out.push(String::new());
        out.extend(self.trend_table());
        lines(out)
    }
}

impl Stats {
    /// Each active promise: rates over its last 7, 30 and 90 times asked,
    /// strength, and how often it was kept.
    fn promise_table(&self) -> Vec<String> {
        let evidence = &self.evidence;
        if evidence.promises.is_empty() {
            return vec![
                "Promises: none active; add one with `smallwins promise add \"…\"`.".into(),
            ];
        }
        let rows: Vec<(String, &PromiseEvidence)> = evidence
            .promises
            .iter()
            .map(|e| {
                let number = (self.promises.iter())
                    .find(|p| p.id == e.promise_id)
                    .map_or(0, |p| p.number);
                // Printable before it is measured, so the columns line up
                // when caret notation makes a name longer.
                (format!("{number} {}", fit::cut(&printable(&e.text), 36)), e)
            })
            .collect();
        let width = rows
            .iter()
            .map(|(name, _)| fit::width(name))
            .max()
            .unwrap_or(0)
            .max("Promises".len() - 2);
        let rate = |r: Option<f64>| r.map_or_else(|| "—".into(), percent);
        let mut out = vec![format!(
            "{:<w$}  {:>6}  {:>7}  {:>7}  {:>8}  kept",
            "Promises",
            "last 7",
            "last 30",
            "last 90",
            "strength",
            w = width + 2
        )];
        for (name, e) in rows {
            let mut partly = String::new();
            if e.partly > 0 {
                partly.push_str(&format!(" + {} partly", e.partly));
            }
            if e.smaller > 0 {
                partly.push_str(&format!(" + {} smaller", e.smaller));
            }
            // Padded by columns, so a name in wide characters lines up.
            let pad = " ".repeat(width - fit::width(&name));
            // A new promise: its plain count across the rates and strength.
            let figures = match e.new {
                Some(count) => format!("{:>34}", new_words(count)),
                None => format!(
                    "{:>6}  {:>7}  {:>7}  {:>8}",
                    rate(e.rate_7),
                    rate(e.rate_30),
                    rate(e.rate_90),
                    percent(e.strength),
                ),
            };
            out.push(format!("  {name}{pad}  {figures}  {}{partly}", e.kept));
        }
        out.push(
            "  Rates: of the last 7, 30 and 90 times a promise asked, the share shown up for (kept, partly kept or the smaller version); a time left blank counts as not shown up. Strength is as of today."
                .into(),
        );
        if self.evidence.promises.iter().any(|e| e.new.is_some()) {
            out.push(format!(
                "  A new promise shows its plain count (\"new · 2 of 3\": shown up for 2 of the 3 times it asked) until it has asked {NEW_SLOTS} times; then its rates and strength."
            ));
        }
        out
    }

    /// "  Twelve weeks together: showed up 82% · mood 7.7/10 · …", each
    /// figure over all twelve weeks.
    fn together(&self) -> Option<String> {
        let t = &self.evidence.twelve_weeks;
        let mut together = Vec::new();
        if let Some(rate) = t.kept_rate {
            together.push(format!("showed up {}", percent(rate)));
        }
        for (name, v) in [
            ("mood", t.mood),
            ("morning confidence", t.morning_confidence),
            ("evening confidence", t.evening_confidence),
        ] {
            if let Some(v) = v {
                together.push(format!("{name} {}", out_of_ten(v)));
            }
        }
        (!together.is_empty()).then(|| format!("  Twelve weeks together: {}", together.join(" · ")))
    }

    /// Twelve weeks side by side, leaving out the weeks before any record.
    fn trend_table(&self) -> Vec<String> {
        let recorded = |w: &&WeekPoint| {
            w.kept_rate.is_some()
                || w.mood.is_some()
                || w.morning_confidence.is_some()
                || w.evening_confidence.is_some()
        };
        let weeks: Vec<&WeekPoint> = (self.evidence.weeks.iter())
            .skip_while(|w| !recorded(w))
            .collect();
        if weeks.is_empty() {
            return vec!["Twelve weeks: nothing recorded in them yet.".into()];
        }
        let label = |d: NaiveDate| {
            if d.year() == self.today.year() {
                d.format("%-d %b").to_string()
            } else {
                d.format("%-d %b %Y").to_string()
            }
        };
        let width = weeks
            .iter()
            .map(|w| label(w.start).len())
            .max()
            .unwrap_or(0)
            .max("week of".len());
        let ten = |v: Option<f64>| v.map_or_else(|| "—".into(), one_decimal);
        let mut out = vec![
            "Weeks (showed up: share of what was asked kept, partly kept or in the smaller version; mood and confidence 0–10)"
                .to_string(),
            format!(
                "  {:<width$}  {:>9}  {:>4}  {:>13}  {:>13}",
                "week of", "showed up", "mood", "morning conf.", "evening conf."
            ),
        ];
        for w in weeks {
            out.push(format!(
                "  {:<width$}  {:>9}  {:>4}  {:>13}  {:>13}",
                label(w.start),
                w.kept_rate.map_or_else(|| "—".into(), percent),
                ten(w.mood),
                ten(w.morning_confidence),
                ten(w.evening_confidence)
            ));
        }
        out.extend(self.together());
        out
    }
}
