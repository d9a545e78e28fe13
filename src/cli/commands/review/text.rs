//! `review` as text: a calm plain summary of one week, with notes and
//! lessons, section by section.

use super::week::ReviewWeek;
use crate::cli::output::lines;
use crate::cli::words::{area_counts, indent, out_of_ten, percent, plural, short_day, span};
use crate::domain::evidence::WeeksTogether;
use crate::domain::words::{
    capitalised, still_open_words, week_words, week_words_to_share, weekday_plural, which_week,
};
use crate::domain::{PromiseWeek, Status};

/// The whole review: a heading, then each section that has something to
/// say, a blank line before each.
pub fn text(week: &ReviewWeek) -> String {
    let mut out = vec![format!(
        "The week of {} ({}){}",
        span(week.start, week.end),
        week.label,
        if week.is_current() { ", so far" } else { "" }
    )];
    let sections = [
        promises(week),
        vec![wins(week)],
        side_by_side(week),
        twelve_weeks(&week.view.twelve_weeks),
        titled("Notes and lessons", notes(week)),
        titled("Patterns over twelve weeks", patterns(week)),
        titled("Open suggestions (you decide)", suggestions(week)),
        titled("Weekly answers", answers(week)),
        titled("Decisions", decisions(week)),
    ];
    for section in sections.into_iter().filter(|s| !s.is_empty()) {
        out.push(String::new());
        out.extend(section);
    }
    lines(out)
}

/// A heading over its lines, or nothing when there are none.
fn titled(heading: &str, lines: Vec<String>) -> Vec<String> {
    if lines.is_empty() {
        return lines;
    }
    let mut out = vec![heading.to_string()];
    out.extend(lines);
    out
}

/// "Promises", then one line per promise: how it went against last week.
fn promises(week: &ReviewWeek) -> Vec<String> {
    let rows = &week.view.summary.promises;
    let mut out = vec!["Promises".to_string()];
    if rows.is_empty() {
        out.push(format!(
            "  No promise was asked for {}.",
            which_week(week.is_current())
        ));
    }
    let width = week
        .promises
        .iter()
        .map(|p| p.number.to_string().len())
        .max()
        .unwrap_or(1);
    for row in rows {
        let number = week.promise(&row.promise_id).map_or(0, |p| p.number);
        out.push(format!(
            "  {number:>width$} {}: {}",
            row.text,
            promise_line(week, row)
        ));
    }
    out
}

/// "showed up 5 of 6 days (1 partly); the week before: showed up 1 of 7
/// days; strength today 45%".
fn promise_line(week: &ReviewWeek, row: &PromiseWeek) -> String {
    let mut line = week_words(row);
    let previous = week
        .view
        .previous
        .promises
        .iter()
        .find(|p| p.promise_id == row.promise_id);
    line.push_str(&match previous {
        Some(p) if p.asked > 0 => format!("; the week before: {}", week_words_to_share(p)),
        Some(_) => "; not asked for the week before".into(),
        None => format!("; new {}", which_week(week.is_current())),
    });
    if let Some(e) = week.view.strengths.get(&row.promise_id) {
        let when = if week.is_current() {
            "today"
        } else {
            "at the week's end"
        };
        line.push_str(&match e.new {
            // A new promise: its plain count since it began, no strength.
            Some(c) if c.asked > 0 => format!(
                "; new: shown up for {} of {} since it began",
                c.shown,
                plural(c.asked, "time", "times")
            ),
            Some(_) => String::new(),
            None => format!("; strength {when} {}", percent(e.strength)),
        });
    }
    line
}

/// "Wins this week: 3 (work 2, other 1)" ("that week" for a past one).
fn wins(week: &ReviewWeek) -> String {
    let when = which_week(week.is_current());
    match week.view.summary.wins {
        0 => format!("Wins: none noted {when}."),
        n => match area_counts(&week.view.wins_by_area) {
            areas if areas.is_empty() => format!("Wins {when}: {n}"),
            areas => format!("Wins {when}: {n} ({areas})"),
        },
    }
}

/// Showing up, mood and both confidences this week, and how the record
/// and the morning confidence compare.
fn side_by_side(week: &ReviewWeek) -> Vec<String> {
    let summary = &week.view.summary;
    let when = which_week(week.is_current());
    let mut out = vec![format!("{} side by side", capitalised(when))];
    let (showed, asked) = summary.totals();
    let so_far = if week.is_current() { " so far" } else { "" };
    let open = still_open_words(summary)
        .map(|open| format!("; still open: {open}"))
        .unwrap_or_default();
    out.push(if asked > 0 {
        format!(
            "  Showed up: {showed} of {}{so_far} ({}){open}",
            plural(asked, "time asked", "times asked"),
            percent(f64::from(showed) / f64::from(asked))
        )
    } else if !open.is_empty() {
        format!("  Showed up: nothing due yet{open}")
    } else {
        format!("  Showed up: nothing was asked for {when}")
    });
    for (name, average) in [
        ("Mood", summary.average_mood),
        ("Morning confidence", summary.average_morning_confidence),
        ("Evening confidence", summary.average_evening_confidence),
    ] {
        out.push(match average {
            Some(v) => format!("  {name}: {} on average", out_of_ten(v)),
            None => format!("  {name}: not rated {when}"),
        });
    }
    out.push(format!(
        "  Self-trust (it uses the morning confidence): {}",
        week.view.self_trust.sentence
    ));
    out
}

/// The twelve weeks ending with this one, taken together.
fn twelve_weeks(t: &WeeksTogether) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(rate) = t.kept_rate {
        parts.push(format!("showed up {}", percent(rate)));
    }
    for (name, value) in [
        ("mood", t.mood),
        ("morning confidence", t.morning_confidence),
        ("evening confidence", t.evening_confidence),
    ] {
        if let Some(v) = value {
            parts.push(format!("{name} {}", out_of_ten(v)));
        }
    }
    if parts.is_empty() {
        return Vec::new();
    }
    vec![
        "The twelve weeks ending with this one".to_string(),
        format!("  {}", parts.join(" · ")),
    ]
}

/// The notes and lessons of days that did not go fully to plan.
fn notes(week: &ReviewWeek) -> Vec<String> {
    let mut out = Vec::new();
    for m in &week.view.misses {
        let mut head = format!("  {}, {}", short_day(m.day, week.today), m.promise);
        head.push_str(&format!(
            " ({})",
            match m.status {
                Status::Missed => "noted as missed",
                other => other.label(),
            }
        ));
        match &m.note {
            Some(note) => out.push(format!("{head}: {}", indent(note, 4))),
            None => out.push(head),
        }
        if let Some(lesson) = &m.lesson {
            out.push(format!("    lesson: {}", indent(lesson, 12)));
        }
    }
    out
}

/// Which weekdays go best, wins by area, and when wins come.
fn patterns(week: &ReviewWeek) -> Vec<String> {
    let Some(patterns) = &week.view.patterns else {
        return Vec::new();
    };
    let mut said = Vec::new();
    match (patterns.best_day, patterns.hardest_day) {
        (Some(best), Some(hardest)) => said.push(format!(
            "{} go best; {} are hardest so far.",
            weekday_plural(best),
            weekday_plural(hardest)
        )),
        (Some(best), None) => said.push(format!("{} go best so far.", weekday_plural(best))),
        _ => {}
    }
    let areas = area_counts(&patterns.areas);
    if !areas.is_empty() {
        said.push(format!("Wins by area: {areas}."));
    }
    if let Some((when, _)) = patterns
        .win_times
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
    {
        said.push(format!("Most wins come in the {when}."));
    }
    said.into_iter().map(|s| format!("  {s}")).collect()
}

fn suggestions(week: &ReviewWeek) -> Vec<String> {
    (week.view.suggestions.iter())
        .flat_map(|s| [format!("  - {}", s.headline), format!("    {}", s.reason)])
        .collect()
}

fn answers(week: &ReviewWeek) -> Vec<String> {
    (week.answers.iter())
        .flat_map(|a| {
            let prompt = a.prompt.as_deref().unwrap_or(&a.key);
            [
                format!("  {prompt}"),
                format!("    {}", indent(&a.answer, 4)),
            ]
        })
        .collect()
}

fn decisions(week: &ReviewWeek) -> Vec<String> {
    let decisions = week
        .view
        .review
        .as_ref()
        .map_or(&[][..], |r| &r.decisions[..]);
    (decisions.iter())
        .map(|d| format!("  - {}: {}", short_day(d.on, week.today), d.words()))
        .collect()
}
