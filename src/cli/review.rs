//! `smallwins review` (one week looked back on, as text, Markdown or JSON)
//! and `smallwins stats` (the evidence since the start).
//!
//! # `review` JSON
//!
//! The domain's `ReviewView` with every field at the top level, plus what
//! the text shows that the view does not hold:
//!
//! | field | what it holds |
//! | --- | --- |
//! | `week` | the ISO week, like `"2026-W47"` (of the week's Monday) |
//! | `week_start`, `week_end` | the week's first and last day |
//! | `summary`, `previous` | this week and the week before: `{start, promises: [{promise_id, text, asked, kept, partial, missed}], wins, average_mood, average_confidence, days: [[day, mark]]}` |
//! | `strengths` | promise id → `{promise_id, text, rate_7, rate_30, rate_90, strength, kept, partly, slots}` as of the week's last day (or today); rates and strength are 0–1 |
//! | `wins_by_area` | `[[area, count]]`, most first; wins without an area are `"other"` |
//! | `misses` | notes and lessons of the week: `[{day, promise, status, note, lesson}]` |
//! | `weeks` | twelve weeks ending with this one: `[{start, kept_rate, mood, confidence, kept_on_checkin_days, confidence_on_checkin_days}]` |
//! | `patterns` | `null` before four weeks of records, else `{weekdays: [[weekday, rate]], best_day, hardest_day, win_times: [[part_of_day, count]], areas: [[area, count]]}` |
//! | `suggestions` | open suggestions (this week only): `[{key, promise_id, headline, reason, proposal: {kind, …}}]` |
//! | `review` | `null`, or the saved weekly review: `{id, week_start, answers: {key: text}, decisions: [{key, accepted, on, headline}], updated_at}` |
//! | `promises` | the week's promises as records, each with its `number` |
//! | `wins` | the week's wins as records |
//! | `trust_gap` | `kept_on_checkin_days − confidence_on_checkin_days` of this week (finished days with a morning check-in), in points out of 10 (positive: the record is ahead of the confidence), or `null` |
//! | `answers` | the weekly answers in the order the prompts ask: `[{key, prompt, answer}]` (`prompt` is `null` for a key no prompt has) |
//!
//! # `stats` JSON
//!
//! The domain's `Evidence` as it serialises: `{totals: {promises_kept,
//! partly_kept, wins, days_shown_up, longest_run, current_run, first_day},
//! promises: [{promise_id, text, rate_7, rate_30, rate_90, strength, kept,
//! partly, slots}], weeks, patterns, suggestions}`, with `weeks`,
//! `patterns` and `suggestions` shaped as in the review.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::args::{ReviewArgs, ReviewFormat, value_name};
use super::formats::{kept_words, md_escape};
use super::{
    CliError, PromiseJson, Result, indent, lines, refuse_existing, short_day, to_json,
    write_new_file,
};
use crate::domain::evidence::{PromiseEvidence, WeekPoint};
use crate::domain::model::format_amount;
use crate::domain::{Evidence, Journal, Promise, PromiseWeek, ReviewView, Schedule, Win};
use crate::text::printable;

/// The weekly prompt whose answer is the plan for next week, when the
/// weekly prompts have it; otherwise the last weekly prompt is the plan.
const PLAN_KEY: &str = "next_week";

/// A gap smaller than this (points out of 10) means record and confidence agree.
const GAP_CALM: f64 = 0.5;

// ----- review -------------------------------------------------------------------

/// `smallwins review`.
pub(super) fn review(journal: &Journal, args: &ReviewArgs, json: bool) -> Result<String> {
    let start = chosen_week(journal, args)?;
    let format = match (args.format, json, &args.out) {
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
    };
    if let Some(out) = &args.out {
        refuse_existing(out, "review")?;
    }
    let week = ReviewWeek::gather(journal, start)?;
    let text = match format {
        ReviewFormat::Text => review_text(journal, &week),
        ReviewFormat::Markdown => review_markdown(journal, &week),
        ReviewFormat::Json => review_json(journal, &week)?,
    };
    let Some(out) = &args.out else {
        return Ok(text);
    };
    write_new_file(out, &text, "review")?;
    if json {
        return to_json(&ReviewWrittenJson {
            out,
            format: value_name(format),
            week: &week.label,
            week_start: week.start,
        });
    }
    Ok(lines([format!(
        "Wrote the review of {} as {} to {}.",
        span(week.start, week.end),
        value_name(format),
        out.display()
    )]))
}

#[derive(Serialize)]
struct ReviewWrittenJson<'a> {
    out: &'a Path,
    format: String,
    week: &'a str,
    week_start: NaiveDate,
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

/// "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027".
fn span(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() != end.year() {
        format!(
            "{} – {}",
            start.format("%-d %b %Y"),
            end.format("%-d %b %Y")
        )
    } else if start.month() != end.month() {
        format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y"))
    } else {
        format!("{}–{}", start.format("%-d"), end.format("%-d %b %Y"))
    }
}

/// Everything the three review formats draw on.
struct ReviewWeek {
    view: ReviewView,
    start: NaiveDate,
    end: NaiveDate,
    label: String,
    today: NaiveDate,
    /// The week's promises with their short numbers, in the summary's order.
    promises: Vec<(usize, Promise)>,
    wins: Vec<Win>,
}

impl ReviewWeek {
    fn gather(journal: &Journal, start: NaiveDate) -> Result<ReviewWeek> {
        let view = journal.review(start)?;
        let today = journal.today();
        let end = start + Duration::days(6);
        let all = journal.promises(true)?;
        let promises = view
            .summary
            .promises
            .iter()
            .filter_map(|row| {
                let i = all.iter().position(|p| p.id == row.promise_id)?;
                Some((i + 1, all[i].clone()))
            })
            .collect();
        let mut wins = Vec::new();
        let mut day = start;
        while day <= end.min(today) {
            wins.extend(journal.day(day)?.wins);
            day += Duration::days(1);
        }
        Ok(ReviewWeek {
            label: iso_label(start),
            view,
            start,
            end,
            today,
            promises,
            wins,
        })
    }

    fn promise(&self, id: &str) -> Option<&(usize, Promise)> {
        self.promises.iter().find(|(_, p)| p.id == id)
    }

    fn is_current(&self) -> bool {
        self.start <= self.today && self.today <= self.end
    }

    /// This week's point of the twelve-week trend.
    fn point(&self) -> Option<&WeekPoint> {
        self.view.weeks.last().filter(|w| w.start == self.start)
    }

    /// The week's weekly answers in the order the prompts ask, then any
    /// other keys: `(key, prompt text, answer)`.
    fn answers<'a>(&'a self, journal: &'a Journal) -> Vec<(&'a str, Option<&'a str>, &'a str)> {
        let Some(review) = &self.view.review else {
            return Vec::new();
        };
        let weekly = &journal.config().prompts.weekly;
        let mut answers: Vec<(&str, Option<&str>, &str)> = review
            .answers
            .iter()
            .map(|(key, answer)| {
                let prompt = weekly
                    .iter()
                    .find(|p| p.key == *key)
                    .map(|p| p.text.as_str())
                    .or_else(|| journal.config().prompts.text(key));
                (key.as_str(), prompt, answer.as_str())
            })
            .collect();
        answers.sort_by_key(|(key, _, _)| {
            weekly
                .iter()
                .position(|p| p.key == *key)
                .unwrap_or(usize::MAX)
        });
        answers
    }
}

/// The key of the weekly answer that plans next week.
fn plan_key(journal: &Journal) -> &str {
    let weekly = &journal.config().prompts.weekly;
    if weekly.iter().any(|p| p.key == PLAN_KEY) {
        PLAN_KEY
    } else {
        weekly.last().map_or(PLAN_KEY, |p| p.key.as_str())
    }
}

fn times_per_week(promise: Option<&(usize, Promise)>) -> bool {
    promise.is_some_and(|(_, p)| matches!(p.schedule, Schedule::TimesPerWeek { .. }))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// "Monday" → "Mondays".
fn weekdays_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

/// "work 2, other 1".
fn area_counts(areas: &[(String, u32)]) -> String {
    areas
        .iter()
        .map(|(area, n)| format!("{area} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The self-trust gap in kind words, or `None` without check-ins to
/// compare.
fn trust_gap_line(point: &WeekPoint) -> Option<String> {
    let gap = point.trust_gap()?;
    let kept = point.kept_on_checkin_days?;
    let confidence = point.confidence_on_checkin_days?;
    let reading = if gap >= GAP_CALM {
        "your record is ahead of your confidence."
    } else if gap <= -GAP_CALM {
        "your confidence ran ahead of the record this week; that points at the size of the promises, not at you."
    } else {
        "your confidence and your record agree."
    };
    Some(format!(
        "On check-in days you kept {kept:.1}/10 while your morning confidence averaged {confidence:.1}: {reading}"
    ))
}

/// "kept 5 of 6 days (last week 1 of 7) · strength 45%".
fn promise_line(week: &ReviewWeek, row: &PromiseWeek) -> String {
    let promise = week.promise(&row.promise_id);
    let mut line = kept_words(row, times_per_week(promise));
    let previous = week
        .view
        .previous
        .promises
        .iter()
        .find(|p| p.promise_id == row.promise_id);
    line.push_str(&match previous {
        Some(p) if p.asked > 0 || p.kept > 0 => {
            let partly = if p.partial > 0 {
                format!(", partly {}", p.partial)
            } else {
                String::new()
            };
            format!(" (last week {} of {}{partly})", p.kept, p.asked)
        }
        Some(_) => " (not asked for last week)".into(),
        None => " (new this week)".into(),
    });
    if let Some(e) = week.view.strengths.get(&row.promise_id) {
        line.push_str(&format!(" · strength {}", percent(e.strength)));
    }
    line
}

fn review_text(journal: &Journal, week: &ReviewWeek) -> String {
    let view = &week.view;
    let mut out = vec![format!(
        "The week of {} ({}){}",
        span(week.start, week.end),
        week.label,
        if week.is_current() { ", so far" } else { "" }
    )];

    out.push(String::new());
    out.push("Promises".into());
    if view.summary.promises.is_empty() {
        out.push("  No promise was asked for this week.".into());
    }
    let width = week
        .promises
        .iter()
        .map(|(n, _)| n.to_string().len())
        .max()
        .unwrap_or(1);
    for row in &view.summary.promises {
        let number = week.promise(&row.promise_id).map_or(0, |(n, _)| *n);
        out.push(format!(
            "  {number:>width$} {}: {}",
            row.text,
            promise_line(week, row)
        ));
    }

    out.push(String::new());
    out.push(match view.summary.wins {
        0 => "Wins: none noted this week.".into(),
        n => format!("Wins: {n} ({})", area_counts(&view.wins_by_area)),
    });

    out.push(String::new());
    out.push("Side by side".into());
    let (showed, asked) = view.summary.totals();
    out.push(if asked > 0 {
        format!(
            "  Showed up: {showed} of {asked} asked {} ({})",
            if asked == 1 { "day" } else { "days" },
            percent(f64::from(showed) / f64::from(asked))
        )
    } else {
        "  Showed up: nothing was asked for this week".into()
    });
    for (name, average) in [
        ("Mood", view.summary.average_mood),
        ("Confidence", view.summary.average_confidence),
    ] {
        out.push(match average {
            Some(v) => format!("  {name}: {v:.1}/10 on average"),
            None => format!("  {name}: not rated this week"),
        });
    }
    if let Some(line) = week.point().and_then(trust_gap_line) {
        out.push(format!("  {line}"));
    }

    if !view.misses.is_empty() {
        out.push(String::new());
        out.push("Notes and lessons".into());
        for m in &view.misses {
            let mut head = format!("  {}, {}", short_day(m.day, week.today), m.promise);
            if m.status != crate::domain::Status::Missed {
                head.push_str(&format!(" ({})", m.status.label()));
            }
            match &m.note {
                Some(note) => out.push(format!("{head}: {}", indent(note, 4))),
                None => out.push(head),
            }
            if let Some(lesson) = &m.lesson {
                out.push(format!("    lesson: {}", indent(lesson, 12)));
            }
        }
    }

    if let Some(patterns) = &view.patterns {
        let mut said = Vec::new();
        match (patterns.best_day, patterns.hardest_day) {
            (Some(best), Some(hardest)) => said.push(format!(
                "{} go best; {} are hardest so far.",
                weekdays_name(best),
                weekdays_name(hardest)
            )),
            (Some(best), None) => said.push(format!("{} go best so far.", weekdays_name(best))),
            _ => {}
        }
        if !patterns.areas.is_empty() {
            said.push(format!("Wins by area: {}.", area_counts(&patterns.areas)));
        }
        if let Some((when, _)) = patterns
            .win_times
            .iter()
            .filter(|(_, n)| *n > 0)
            .max_by_key(|(_, n)| *n)
        {
            said.push(format!("Most wins come in the {when}."));
        }
        if !said.is_empty() {
            out.push(String::new());
            out.push("Patterns over twelve weeks".into());
            out.extend(said.into_iter().map(|s| format!("  {s}")));
        }
    }

    if !view.suggestions.is_empty() {
        out.push(String::new());
        out.push("Open suggestions (you decide)".into());
        for s in &view.suggestions {
            out.push(format!("  - {}", s.headline));
            out.push(format!("    {}", s.reason));
        }
    }

    let answers = week.answers(journal);
    if !answers.is_empty() {
        out.push(String::new());
        out.push("Weekly answers".into());
        for (key, prompt, answer) in answers {
            out.push(format!("  {}", prompt.unwrap_or(key)));
            out.push(format!("    {}", indent(answer, 4)));
        }
    }

    let decisions = view.review.as_ref().map_or(&[][..], |r| &r.decisions[..]);
    if !decisions.is_empty() {
        out.push(String::new());
        out.push("Decisions".into());
        for d in decisions {
            let verb = if d.accepted { "Accepted" } else { "Set aside" };
            out.push(format!(
                "  - {verb} on {}: {}",
                short_day(d.on, week.today),
                d.headline
            ));
        }
    }
    lines(out)
}

/// "on Mon, Wed and Fri", "3 times a week", "every day".
fn schedule_words(schedule: &Schedule) -> String {
    match schedule {
        Schedule::Daily => "every day".into(),
        Schedule::Weekdays { days } => {
            let names: Vec<String> = days
                .iter()
                .filter_map(|d| Weekday::try_from(*d).ok())
                .map(|d| d.to_string())
                .collect();
            match names.as_slice() {
                [] => "on no day".into(),
                [one] => format!("on {one}"),
                [rest @ .., last] => format!("on {} and {last}", rest.join(", ")),
            }
        }
        Schedule::TimesPerWeek { times: 1 } => "once a week".into(),
        Schedule::TimesPerWeek { times } => format!("{times} times a week"),
    }
}

/// The targets in force during the week: "10 pages", or "10 pages, 12
/// pages from Thu 19 Nov" when it changed.
fn target_words(promise: &Promise, week: &ReviewWeek) -> Option<String> {
    let unit = promise.unit.as_deref()?;
    let first = promise.target_on(week.start)?;
    let mut words = format!("{} {unit}", format_amount(first));
    let last = week.end.min(week.today);
    for t in promise
        .targets
        .iter()
        .filter(|t| t.from > week.start && t.from <= last)
    {
        words.push_str(&format!(
            ", {} {unit} from {}",
            format_amount(t.amount),
            short_day(t.from, week.today)
        ));
    }
    Some(words)
}

/// One average for the shared summary: "6/10", "7.5/10".
fn rounded(value: f64) -> String {
    format!("{}/10", format_amount((value * 10.0).round() / 10.0))
}

fn review_markdown(journal: &Journal, week: &ReviewWeek) -> String {
    let view = &week.view;
    let mut out = vec![
        format!("# My week: {}", span(week.start, week.end)),
        String::new(),
        "## What I promised".into(),
        String::new(),
    ];
    if week.promises.is_empty() {
        out.push("No promise was asked for this week.".into());
    }
    for (_, p) in &week.promises {
        let mut details = Vec::new();
        details.extend(target_words(p, week));
        details.push(schedule_words(&p.schedule));
        if let Some(cue) = &p.cue {
            details.push(format!("cue: {cue}"));
        }
        out.push(format!(
            "- {} — {}",
            md_escape(&p.text),
            md_escape(&details.join(", "))
        ));
    }

    out.extend([String::new(), "## What I kept".into(), String::new()]);
    for row in &view.summary.promises {
        let times = times_per_week(week.promise(&row.promise_id));
        out.push(format!(
            "- {}: {}",
            md_escape(&row.text),
            kept_words(row, times)
        ));
    }
    let (showed, asked) = view.summary.totals();
    if asked > 0 {
        if !view.summary.promises.is_empty() {
            out.push(String::new());
        }
        let days = if asked == 1 { "day" } else { "days" };
        out.push(format!(
            "Showed up on {showed} of {asked} asked {days}; partly kept counts as showing up."
        ));
    } else if view.summary.promises.is_empty() {
        out.push("Nothing was asked for this week.".into());
    }

    out.extend([String::new(), "## Wins".into(), String::new()]);
    if week.wins.is_empty() {
        out.push("No wins written down this week.".into());
    }
    for w in &week.wins {
        let area = w
            .area
            .as_ref()
            .map(|a| format!(" ({})", md_escape(a)))
            .unwrap_or_default();
        out.push(format!(
            "- {}: {}{area}",
            w.day.format("%a %-d %b"),
            md_escape(&w.text.replace('\n', " "))
        ));
    }

    let plan = plan_key(journal);
    let answers = week.answers(journal);
    let lesson = view
        .misses
        .iter()
        .filter(|m| m.lesson.is_some())
        .max_by_key(|m| m.day)
        .and_then(|m| {
            let lesson = m.lesson.as_deref()?;
            Some(format!(
                "{} (from “{}”)",
                md_paragraph(lesson),
                md_escape(&m.promise)
            ))
        })
        .or_else(|| {
            answers
                .iter()
                .find(|(key, _, _)| *key != plan)
                .map(|(_, _, answer)| md_paragraph(answer))
        });
    if let Some(lesson) = lesson {
        out.extend([String::new(), "## One lesson".into(), String::new(), lesson]);
    }

    out.extend([String::new(), "## Next week".into(), String::new()]);
    let plan_answer = answers.iter().find(|(key, _, _)| *key == plan);
    let accepted: Vec<&str> = view.review.as_ref().map_or_else(Vec::new, |r| {
        r.decisions
            .iter()
            .filter(|d| d.accepted)
            .map(|d| d.headline.as_str())
            .collect()
    });
    if let Some((_, _, answer)) = plan_answer {
        out.push(md_paragraph(answer));
    }
    if !accepted.is_empty() {
        if plan_answer.is_some() {
            out.push(String::new());
        }
        out.extend(accepted.iter().map(|h| format!("- {}", md_escape(h))));
    }
    if plan_answer.is_none() && accepted.is_empty() {
        out.push("Same promises, same size.".into());
    }

    let mut felt = Vec::new();
    if let Some(mood) = view.summary.average_mood {
        felt.push(format!("average mood {}", rounded(mood)));
    }
    if let Some(confidence) = view.summary.average_confidence {
        felt.push(format!("average confidence {}", rounded(confidence)));
    }
    out.push(String::new());
    out.push(if felt.is_empty() {
        "**How it felt:** no ratings this week.".into()
    } else {
        format!("**How it felt:** {}.", felt.join(", "))
    });
    lines(out)
}

/// Text that may span lines, escaped, with its line breaks kept.
fn md_paragraph(text: &str) -> String {
    text.lines()
        .map(|l| md_escape(l.trim()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

#[derive(Serialize)]
struct ReviewJson<'a> {
    week: &'a str,
    week_end: NaiveDate,
    #[serde(flatten)]
    view: &'a ReviewView,
    promises: Vec<PromiseJson<'a>>,
    wins: &'a [Win],
    trust_gap: Option<f64>,
    answers: Vec<AnswerJson<'a>>,
}

#[derive(Serialize)]
struct AnswerJson<'a> {
    key: &'a str,
    prompt: Option<&'a str>,
    answer: &'a str,
}

fn review_json(journal: &Journal, week: &ReviewWeek) -> Result<String> {
    to_json(&ReviewJson {
        week: &week.label,
        week_end: week.end,
        view: &week.view,
        promises: week
            .promises
            .iter()
            .map(|(number, promise)| PromiseJson {
                number: *number,
                promise,
            })
            .collect(),
        wins: &week.wins,
        trust_gap: week.point().and_then(WeekPoint::trust_gap),
        answers: week
            .answers(journal)
            .into_iter()
            .map(|(key, prompt, answer)| AnswerJson {
                key,
                prompt,
                answer,
            })
            .collect(),
    })
}

// ----- stats ----------------------------------------------------------------------

/// `smallwins stats`.
pub(super) fn stats(journal: &Journal, json: bool) -> Result<String> {
    let evidence = journal.evidence()?;
    if json {
        return to_json(&evidence);
    }
    let today = journal.today();
    let all = journal.promises(true)?;
    let t = &evidence.totals;
    let Some(first_day) = t.first_day else {
        return Ok(lines([if all.is_empty() {
            "Nothing recorded yet; every promise kept and every win will add up here. Start with one small enough for a bad day: `smallwins promise add \"…\"`.".to_string()
        } else {
            "Nothing recorded yet; every promise kept and every win will add up here, starting with `smallwins kept 1`.".to_string()
        }]));
    };
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = vec![
        format!("Since {}", short_day(first_day, today)),
        format!(
            "  {} and {}",
            plural(t.promises_kept, "promise kept", "promises kept"),
            plural(t.partly_kept, "partly kept", "partly kept")
        ),
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
    out.extend(promise_table(&evidence, &all));
    out.push(String::new());
    out.extend(trend_table(&evidence, today));
    Ok(lines(out))
}

/// Each active promise: rates over its last 7, 30 and 90 times asked,
/// strength, and how often it was kept.
fn promise_table(evidence: &Evidence, all: &[Promise]) -> Vec<String> {
    if evidence.promises.is_empty() {
        return vec!["Promises: none active; add one with `smallwins promise add \"…\"`.".into()];
    }
    let rows: Vec<(String, &PromiseEvidence)> = evidence
        .promises
        .iter()
        .map(|e| {
            let number = all
                .iter()
                .position(|p| p.id == e.promise_id)
                .map_or(0, |i| i + 1);
            // Printable before it is measured, so the columns line up
            // when caret notation makes a name longer.
            (format!("{number} {}", shorten(&printable(&e.text), 36)), e)
        })
        .collect();
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
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
        let partly = if e.partly > 0 {
            format!(" + {} partly", e.partly)
        } else {
            String::new()
        };
        out.push(format!(
            "  {name:<width$}  {:>6}  {:>7}  {:>7}  {:>8}  {}{partly}",
            rate(e.rate_7),
            rate(e.rate_30),
            rate(e.rate_90),
            percent(e.strength),
            e.kept
        ));
    }
    out.push(
        "  Rates: of the last 7, 30 and 90 times a promise asked, the share shown up for (kept or partly kept)."
            .into(),
    );
    out
}

/// Twelve weeks side by side, leaving out the weeks before any record.
fn trend_table(evidence: &Evidence, today: NaiveDate) -> Vec<String> {
    let recorded =
        |w: &&WeekPoint| w.kept_rate.is_some() || w.mood.is_some() || w.confidence.is_some();
    let weeks: Vec<&WeekPoint> = evidence.weeks.iter().skip_while(|w| !recorded(w)).collect();
    if weeks.is_empty() {
        return vec!["Twelve weeks: nothing recorded in them yet.".into()];
    }
    let label = |d: NaiveDate| {
        if d.year() == today.year() {
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
    let ten = |v: Option<f64>| v.map_or_else(|| "—".into(), |v| format!("{v:.1}"));
    let mut out = vec![
        format!(
            "Weeks (showed up: share of asked promises kept or partly kept; mood and confidence 0–10)"
        ),
        format!(
            "  {:<width$}  {:>9}  {:>4}  {:>10}",
            "week of", "showed up", "mood", "confidence"
        ),
    ];
    for w in weeks {
        out.push(format!(
            "  {:<width$}  {:>9}  {:>4}  {:>10}",
            label(w.start),
            w.kept_rate.map_or_else(|| "—".into(), percent),
            ten(w.mood),
            ten(w.confidence)
        ));
    }
    out
}

/// At most `max` characters, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
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

    #[test]
    fn spans_name_the_month_and_year_once_when_they_are_shared() {
        assert_eq!(span(d("2026-11-16"), d("2026-11-22")), "16–22 Nov 2026");
        assert_eq!(
            span(d("2026-11-30"), d("2026-12-06")),
            "30 Nov – 6 Dec 2026"
        );
        assert_eq!(
            span(d("2026-12-28"), d("2027-01-03")),
            "28 Dec 2026 – 3 Jan 2027"
        );
    }

    #[test]
    fn schedules_are_said_in_words() {
        assert_eq!(schedule_words(&Schedule::Daily), "every day");
        assert_eq!(
            schedule_words(&Schedule::parse_days("fri,mon,wed").expect("days")),
            "on Mon, Wed and Fri"
        );
        assert_eq!(
            schedule_words(&Schedule::parse_days("sun").expect("days")),
            "on Sun"
        );
        assert_eq!(
            schedule_words(&Schedule::TimesPerWeek { times: 1 }),
            "once a week"
        );
        assert_eq!(
            schedule_words(&Schedule::TimesPerWeek { times: 3 }),
            "3 times a week"
        );
    }

    #[test]
    fn the_trust_gap_is_read_kindly_either_way() {
        let point = |kept: f64, confidence: f64| WeekPoint {
            start: d("2026-11-16"),
            kept_rate: Some(0.8),
            mood: None,
            confidence: Some(confidence),
            kept_on_checkin_days: Some(kept),
            confidence_on_checkin_days: Some(confidence),
        };
        assert_eq!(
            trust_gap_line(&point(8.0, 6.0)).expect("gap"),
            "On check-in days you kept 8.0/10 while your morning confidence averaged 6.0: your record is ahead of your confidence."
        );
        assert!(
            trust_gap_line(&point(7.0, 7.2))
                .expect("gap")
                .ends_with("your confidence and your record agree.")
        );
        let behind = trust_gap_line(&point(4.0, 8.0)).expect("gap");
        assert!(
            behind.contains("the size of the promises, not at you"),
            "{behind}"
        );
        let mut none = point(8.0, 6.0);
        none.confidence_on_checkin_days = None;
        assert!(trust_gap_line(&none).is_none());
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Read", 5), "Read");
        assert_eq!(shorten("Stretch for ten seconds", 8), "Stretch…");
    }
}
