//! `review --format markdown`: a letter about one week to send to one
//! trusted person — what was promised and kept, the wins, one lesson, the
//! plan for next week and how it felt, with the week's self-trust reading
//! once it has one. No notes and no private win: they
//! stay private. The week's own parts are told by the shared [`MdWeek`], as
//! in the export's weekly summary.

use super::week::ReviewWeek;
use crate::cli::markdown::{MdWeek, md_escape, md_paragraph};
use crate::cli::output::lines;
use crate::cli::words::{schedule_words, short_day, span};
use crate::domain::evidence::{Voice, trust};
use crate::domain::model::amount_in;
use crate::domain::words::which_week;
use crate::domain::{Promise, Win};

/// The whole letter.
pub fn letter(week: &ReviewWeek) -> String {
    // A private win is never sent.
    let wins: Vec<&Win> = week.wins.iter().filter(|w| !w.private).collect();
    let md = MdWeek {
        summary: &week.view.summary,
        wins: &wins,
    };
    // A past week is "that week".
    let when = which_week(week.is_current());
    let mut out = vec![format!("# My week: {}", span(week.start, week.end))];
    out.extend(section("What I promised", promised(week)));
    out.extend(section("What I kept", kept(&md, when)));
    out.extend(section("Wins", won(&md, when)));
    if let Some(lesson) = lesson(week) {
        out.extend(section("One lesson", vec![lesson]));
    }
    out.extend(section("Next week", next_week(week)));
    out.push(String::new());
    out.push(match md.felt() {
        Some(felt) => format!("**How it felt:** {felt}."),
        None => format!("**How it felt:** no ratings {when}."),
    });
    // The week's one self-trust reading, once it has one.
    if let Some(trust) = (week.point()).and_then(|p| trust::sentence(p, week.today, Voice::I)) {
        out.push(String::new());
        out.push(md_paragraph(&trust));
    }
    lines(out)
}

/// "## Heading" between blank lines, then the body.
fn section(heading: &str, body: Vec<String>) -> Vec<String> {
    let mut out = vec![String::new(), format!("## {heading}"), String::new()];
    out.extend(body);
    out
}

/// "- Read — 10 pages, every day, cue: before bed", one per promise, with
/// the words it had earlier in the week when it was reworded.
fn promised(week: &ReviewWeek) -> Vec<String> {
    if week.promises.is_empty() {
        return vec![format!(
            "No promise was asked for {}.",
            which_week(week.is_current())
        )];
    }
    week.promises
        .iter()
        .map(|p| {
            let mut details = Vec::new();
            details.extend(earlier_words(p, week));
            details.extend(target_words(p, week));
            details.push(schedule_words(&p.schedule));
            if let Some(cue) = &p.cue {
                details.push(format!("cue: {cue}"));
            }
            format!(
                "- {} — {}",
                md_escape(&p.text),
                md_escape(&details.join(", "))
            )
        })
        .collect()
}

/// "“Read before bed” until Wed 18 Nov", when the promise read otherwise
/// earlier in the week.
fn earlier_words(promise: &Promise, week: &ReviewWeek) -> Option<String> {
    let last = week.end.min(week.today);
    let change = promise
        .versions
        .iter()
        .rfind(|v| v.from > week.start && v.from <= last)?;
    let before = promise.text_on(change.from.pred_opt()?);
    (before != promise.text).then(|| {
        let until = change.from.pred_opt().unwrap_or(change.from);
        format!("“{before}” until {}", short_day(until, week.today))
    })
}

/// The targets in force during the week: "10 pages", or "10 pages, 12
/// pages from Thu 19 Nov" when it changed (a change to the same amount is
/// no change).
fn target_words(promise: &Promise, week: &ReviewWeek) -> Option<String> {
    let unit = promise.unit.as_deref()?;
    let first = promise.target_on(week.start)?;
    let mut words = amount_in(first, unit);
    let last = week.end.min(week.today);
    let mut now = first;
    for t in promise
        .targets
        .iter()
        .filter(|t| t.from > week.start && t.from <= last)
    {
        if t.amount == now {
            continue;
        }
        now = t.amount;
        words.push_str(&format!(
            ", {} from {}",
            amount_in(t.amount, unit),
            short_day(t.from, week.today)
        ));
    }
    Some(words)
}

fn kept(md: &MdWeek<'_>, when: &str) -> Vec<String> {
    let mut out = md.kept();
    match md.showed_up() {
        Some(showed_up) => {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push(format!(
                "{showed_up}; partly kept and the smaller version count as showing up."
            ));
        }
        None if out.is_empty() => out.push(format!("Nothing was asked for {when}.")),
        None => {}
    }
    out
}

fn won(md: &MdWeek<'_>, when: &str) -> Vec<String> {
    if md.wins.is_empty() {
        return vec![format!("No wins written down {when}.")];
    }
    md.wins()
}

/// The week's newest lesson from a miss, or else its first weekly answer
/// that is not the plan.
fn lesson(week: &ReviewWeek) -> Option<String> {
    let from_a_miss = week
        .view
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
        });
    from_a_miss.or_else(|| {
        (week.answers.iter())
            .find(|a| a.key != week.plan_key)
            .map(|a| md_paragraph(&a.answer))
    })
}

/// The plan answer, then what was decided this week, as decisions.
fn next_week(week: &ReviewWeek) -> Vec<String> {
    let plan = week.plan();
    let decided: Vec<String> = week.view.review.as_ref().map_or_else(Vec::new, |r| {
        r.decisions
            .iter()
            .filter(|d| d.accepted)
            .map(|d| {
                format!(
                    "- {} (decided {})",
                    md_escape(d.words().trim_end_matches('.')),
                    short_day(d.on, week.today)
                )
            })
            .collect()
    });
    let mut out = Vec::new();
    if let Some(plan) = plan {
        out.push(md_paragraph(&plan.answer));
    }
    if !decided.is_empty() {
        if plan.is_some() {
            out.push(String::new());
        }
        out.extend(decided);
    }
    if plan.is_none() && out.is_empty() {
        out.push(if week.any_promise {
            "Same promises, same size.".into()
        } else {
            "No promises yet; the first one can be tiny.".into()
        });
    }
    out
}
