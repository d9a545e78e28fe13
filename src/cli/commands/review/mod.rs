//! `review`: one week looked back on, as text (`text.rs`), as a Markdown
//! letter (`markdown.rs`) or as JSON, from what `week.rs` gathers. This
//! file chooses the week and the format and writes `--out` files.
//!
//! # JSON
//!
//! `review --json` (or `--format json`) prints the domain's `ReviewView`
//! with every field at the top level, plus what the text shows that the
//! view does not hold:
//!
//! | field | what it holds |
//! | --- | --- |
//! | `week` | the ISO week, like `"2026-W47"` (of the week's Monday) |
//! | `week_start`, `week_end` | the week's first and last day |
//! | `summary`, `previous` | this week and the week before: `{start, end, promises: [{promise_id, text, asked, shown, kept, partial, smaller, missed, not_recorded, extra, flexible, open}], wins, average_mood, average_morning_confidence, average_evening_confidence, days: [[day, mark]]}`; `shown`, `missed` and `not_recorded` split what was `asked` in three; `extra` is showing up beyond it; `mark` is `all_kept` \| `all_shown` \| `some_kept` \| `none_kept` (noted missed) \| `not_recorded` \| `not_scheduled` \| `future` |
//! | `strengths` | a list, in promise number order: `[{number, promise_id, text, rate_7, rate_30, rate_90, strength, kept, partly, smaller, slots, new}]` as of the week's last day (or today); rates and strength are 0–1; until a promise has asked 14 times `new` is its plain count `{shown, asked}` and `strength` is null (else `new` is null) |
//! | `wins_by_area` | `[[area, count]]`, most first; wins without an area are `"other"` |
//! | `misses` | notes and lessons of the week: `[{day, promise, status, note, lesson}]` |
//! | `weeks` | twelve weeks ending with this one: `[{start, shown, asked, kept_rate, mood, morning_confidence, evening_confidence, kept_on_checkin_days, confidence_on_checkin_days, checkin_days, asked_days, checked_in_today}]` (the trust gap's two sides use the morning confidence, over the `checkin_days` finished days with one; `asked_days` are the finished days that asked for a promise) |
//! | `self_trust` | the week's one self-trust reading, as every front end shows it: `{verdict, more, fits_in_week, checkin_days, asked_days, shown, confidence, sentence}`; `verdict` is `too_soon` (fewer than 3 finished days with a morning check-in or 4 finished days of promises; `more` days would do it, `fits_in_week` whether the week has room) \| `ahead` \| `agree` \| `behind`; `shown` (0–1) and `confidence` (0–10) are over the check-in days; `sentence` is the reading in words |
//! | `twelve_weeks` | the same twelve weeks taken together: `{from, weeks, kept_rate, mood, morning_confidence, evening_confidence}` |
//! | `patterns` | `null` before four weeks of records, else `{weekdays: [[weekday, rate]], best_day, hardest_day, win_times: [[part_of_day, count]], areas: [[area, count]]}` |
//! | `suggestions` | open suggestions (this week only): `[{key, promise_id, headline, reason, proposal: {kind, …}}]` |
//! | `review` | `null`, or the saved weekly review: `{id, week_start, answers: {key: text}, decisions: [{key, accepted, on, headline, decided}], updated_at}`; `decided` is the decision as a sentence |
//! | `promises` | the week's promises as records as they read at the week's end, each with its `number` |
//! | `wins` | the week's wins as records |
//! | `trust_gap` | `kept_on_checkin_days − confidence_on_checkin_days` of this week (finished days with a morning check-in), in points out of 10 (positive: the record is ahead of the confidence), or `null` |
//! | `answers` | the weekly answers in the order the prompts ask: `[{key, prompt, answer}]` (`prompt` is `null` for a key no prompt has) |
//!
//! With `--out`, `--json` is about the line that confirms the file:
//! `{out, format, week, week_start}`.

use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use crate::cli::args::{ReviewArgs, ReviewFormat, value_name};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Printout, Report, lines, refuse_existing, to_json, write_new_file};
use crate::cli::words::span;
use crate::domain::evidence::{PromiseEvidence, WeekPoint};
use crate::domain::{Journal, Promise, ReviewView, Win};

mod markdown;
mod text;
mod week;

use week::{Answer, ReviewWeek};

/// `review`: the review itself in the format asked for, or with `--out`
/// a report of the file it went to.
pub fn review(journal: &Journal, args: &ReviewArgs, json: bool) -> Result<Printout<ReviewWritten>> {
    let start = chosen_week(journal, args)?;
    let format = chosen_format(args, json)?;
    if let Some(out) = &args.out {
        refuse_existing(out, "review")?;
    }
    let week = ReviewWeek::gather(journal, start)?;
    let text = match format {
        ReviewFormat::Text => text::text(&week),
        ReviewFormat::Markdown => markdown::letter(&week),
        ReviewFormat::Json => to_json(&ReviewJson::of(&week))?,
    };
    let Some(out) = &args.out else {
        return Ok(Printout::AsIs(text));
    };
    write_new_file(out, &text, "review")?;
    Ok(Printout::Report(ReviewWritten {
        out: out.clone(),
        format: value_name(format),
        week: week.label,
        week_start: week.start,
        week_end: week.end,
    }))
}

/// `--format`, or JSON for `--json` without `--out`, else text.
fn chosen_format(args: &ReviewArgs, json: bool) -> Result<ReviewFormat> {
    Ok(match (args.format, json, &args.out) {
        // With --out, --json is about the line that confirms the file.
        (Some(format), _, Some(_)) => format,
        (None, _, Some(_)) => ReviewFormat::Text,
        (Some(ReviewFormat::Json) | None, true, None) => ReviewFormat::Json,
        (Some(format), true, None) => {
            return Err(CliError::Input(format!(
                "--json and --format {} ask for two different outputs; keep just one of them.",
                value_name(format)
            )));
        }
        (Some(format), false, None) => format,
        (None, false, None) => ReviewFormat::Text,
    })
}

/// A review written to a new file.
#[derive(Serialize)]
pub struct ReviewWritten {
    out: PathBuf,
    format: String,
    week: String,
    week_start: NaiveDate,
    #[serde(skip)]
    week_end: NaiveDate,
}

impl Report for ReviewWritten {
    fn text(&self) -> String {
        lines([format!(
            "Wrote the review of {} as {} to {}.",
            span(self.week_start, self.week_end),
            self.format,
            self.out.display()
        )])
    }
}

/// The first day of the week asked for: `--week`, `--date`, or this week.
fn chosen_week(journal: &Journal, args: &ReviewArgs) -> Result<NaiveDate> {
    let today = journal.today();
    let example = iso_label(journal.week_start(today));
    let start = match (&args.week, &args.day) {
        (Some(_), Some(_)) => {
            return Err(CliError::Input(format!(
                "--week and --date both choose the week; give just one of them, like --week {example}."
            )));
        }
        (Some(week), None) => journal.week_start(parse_iso_week(week, &example)?),
        (None, Some(day)) => journal.week_start(journal.parse_day(day)?),
        (None, None) => journal.week_start(today),
    };
    if start > today {
        return Err(CliError::Input(format!(
            "The week of {} is still ahead; choose this week or an earlier one, like --week {example}.",
            span(start, start + Duration::days(6))
        )));
    }
    let first = crate::domain::day::FIRST_DAY;
    if start + Duration::days(6) < first {
        return Err(CliError::Input(format!(
            "That week is before {first}, the earliest day a journal keeps; choose a later week, like --week {example}."
        )));
    }
    Ok(start)
}

/// The Monday of an ISO week typed as `YYYY-Www` (the W in either case).
fn parse_iso_week(text: &str, example: &str) -> Result<NaiveDate> {
    let trimmed = text.trim();
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    let parts = trimmed.split_once('-').and_then(|(year, week)| {
        let week = week.strip_prefix(['W', 'w'])?;
        (digits(year, 4..=4) && digits(week, 1..=2))
            .then(|| Some((year.parse::<i32>().ok()?, week.parse::<u32>().ok()?)))
            .flatten()
    });
    let Some((year, week)) = parts else {
        return Err(CliError::Input(format!(
            "\"{text}\" is not a week I can read; give --week as YYYY-Www, like {example}."
        )));
    };
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(|| {
        let weeks = NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week());
        CliError::Input(format!(
            "{year} has no week {week}; give --week a week from {year}-W01 to {year}-W{weeks:02}, like {example}."
        ))
    })
}

/// The ISO week of the Monday inside the week that starts on `start`, so a
/// week starting on another day keeps the label `--week` chose it by.
fn iso_label(start: NaiveDate) -> String {
    let monday = (0..7)
        .map(|i| start + Duration::days(i))
        .find(|d| d.weekday() == Weekday::Mon)
        .unwrap_or(start);
    let week = monday.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// The review as JSON (see the table above).
#[derive(Serialize)]
struct ReviewJson<'a> {
    week: &'a str,
    week_end: NaiveDate,
    #[serde(flatten)]
    view: &'a ReviewView,
    strengths: Vec<StrengthJson<'a>>,
    promises: &'a [Promise],
    wins: &'a [Win],
    trust_gap: Option<f64>,
    answers: &'a [Answer],
}

impl<'a> ReviewJson<'a> {
    fn of(week: &'a ReviewWeek) -> ReviewJson<'a> {
        ReviewJson {
            week: &week.label,
            week_end: week.end,
            view: &week.view,
            strengths: strengths(week),
            promises: &week.promises,
            wins: &week.wins,
            trust_gap: week.point().and_then(WeekPoint::trust_gap),
            answers: &week.answers,
        }
    }
}

/// One promise's strength, with its number, as every other list
/// names a promise.
#[derive(Serialize)]
struct StrengthJson<'a> {
    number: Option<u32>,
    #[serde(flatten)]
    evidence: &'a PromiseEvidence,
}

/// The week's strengths, in the order of the promises' numbers.
fn strengths(week: &ReviewWeek) -> Vec<StrengthJson<'_>> {
    let number = |id: &str| {
        (week.promises.iter())
            .find(|p| p.id == id)
            .map(|p| p.number)
    };
    let mut list: Vec<StrengthJson<'_>> = (week.view.strengths.values())
        .map(|evidence| StrengthJson {
            number: number(&evidence.promise_id),
            evidence,
        })
        .collect();
    list.sort_by_key(|s| (s.number.is_none(), s.number));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn iso_weeks_parse_and_label_round_trip() {
        assert_eq!(
            parse_iso_week("2026-W47", "x").expect("week"),
            d("2026-11-16")
        );
        assert_eq!(
            parse_iso_week(" 2026-w7 ", "x").expect("week"),
            d("2026-02-09")
        );
        assert_eq!(iso_label(d("2026-11-16")), "2026-W47");
        // A week starting on Sunday keeps the label of the Monday inside it.
        assert_eq!(iso_label(d("2026-11-15")), "2026-W47");
        // ISO years differ from calendar years at the edges.
        assert_eq!(iso_label(d("2026-12-28")), "2026-W53");
        assert_eq!(iso_label(d("2027-12-27")), "2027-W52");
        assert_eq!(
            parse_iso_week("2021-W01", "x").expect("week"),
            d("2021-01-04")
        );
    }

    #[test]
    fn malformed_weeks_say_what_would_be_right() {
        for bad in [
            "W47",
            "2026-47",
            "2026-W",
            "2026-W470",
            "26-W47",
            "2026-W4x",
            "",
        ] {
            let e = parse_iso_week(bad, "2026-W47").expect_err(bad);
            assert!(e.message().contains("YYYY-Www"), "{bad}: {}", e.message());
        }
        let e = parse_iso_week("2026-W60", "2026-W47").expect_err("60");
        assert_eq!(
            e.message(),
            "2026 has no week 60; give --week a week from 2026-W01 to 2026-W53, like 2026-W47."
        );
        let e = parse_iso_week("2027-W53", "2026-W47").expect_err("53");
        assert!(e.message().contains("2027-W52"), "{}", e.message());
        assert!(parse_iso_week("2026-W00", "x").is_err());
    }
}
