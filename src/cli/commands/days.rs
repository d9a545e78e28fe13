//! `today` and `day DAY`: one day's promises, wins, check-in and
//! reflection.
//!
//! JSON: `{day, promises: [{promise, due, target, status, check, week}],
//! wins, checkin, reflection, previous_adjust, kept_line}`; `due` is `yes`
//! | `flexible` | `no`; `promise` is the promise as it read that day;
//! `week` is `{shown, asked, open}` for an N-times-a-week promise (how its
//! week stands), else `null`; each win carries its `short_id` (`win edit
//! ID`, `win delete ID`).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::wins::win_line;
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::words::{checkin_summary, indent, rating_summary, with_details};
use crate::domain::model::amount_in;
use crate::domain::words::{amount_label, prompt_for_day};
use crate::domain::{
    Check, CheckIn, DayItem, DayView, Due, Journal, Promise, Reflection, Schedule, ShortWin, Status,
};
use crate::model::{Glyph, Glyphs};

/// One day as the journal holds it.
pub struct DayReport {
    view: DayView,
    /// The day's wins with their short ids.
    wins: Vec<ShortWin>,
    /// Whether the journal has any promise at all, for an empty day.
    any_promise: bool,
    /// The reflection's answers as `(question, answer)`, in the order the
    /// evening prompts ask them, then any other keys.
    answers: Vec<(String, String)>,
    /// The glyphs the config chose.
    glyphs: Glyphs,
}

/// `today` and `day`.
pub fn day(journal: &Journal, day: NaiveDate) -> Result<DayReport> {
    let view = journal.day(day)?;
    let any_promise = !journal.promises(true)?.is_empty();
    let prompts = &journal.config().prompts;
    let mut answers: Vec<(&String, &String)> = view
        .reflection
        .iter()
        .flat_map(|r| r.answers.iter())
        .collect();
    answers.sort_by_key(|(key, _)| {
        prompts
            .evening
            .iter()
            .position(|p| p.key == **key)
            .unwrap_or(usize::MAX)
    });
    let is_today = day == journal.today();
    let answers = answers
        .into_iter()
        .map(|(key, answer)| {
            let question = prompts.text(key).unwrap_or(key);
            (prompt_for_day(question, is_today), answer.clone())
        })
        .collect();
    let wins = journal.with_short_ids(view.wins.clone())?;
    Ok(DayReport {
        view,
        wins,
        any_promise,
        answers,
        glyphs: journal.config().glyphs.clone(),
    })
}

#[derive(Serialize)]
struct DayJson<'a> {
    day: NaiveDate,
    promises: Vec<DayItemJson<'a>>,
    wins: &'a [ShortWin],
    checkin: Option<&'a CheckIn>,
    reflection: Option<&'a Reflection>,
    previous_adjust: Option<&'a str>,
    kept_line: Option<String>,
}

#[derive(Serialize)]
struct DayItemJson<'a> {
    promise: &'a Promise,
    due: &'static str,
    target: Option<f64>,
    status: Option<Status>,
    check: Option<&'a Check>,
    week: Option<WeekJson>,
}

#[derive(Serialize)]
struct WeekJson {
    shown: u32,
    asked: u32,
    open: bool,
}

impl Serialize for DayReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = &self.view;
        DayJson {
            day: view.day,
            promises: view
                .items
                .iter()
                .map(|i| DayItemJson {
                    promise: &i.promise,
                    due: match i.due {
                        Due::Yes => "yes",
                        Due::Flexible => "flexible",
                        Due::No => "no",
                    },
                    target: i.target,
                    status: i.status(),
                    check: i.check.as_ref(),
                    week: i.week.map(|w| WeekJson {
                        shown: w.shown,
                        asked: w.asked,
                        open: w.open,
                    }),
                })
                .collect(),
            wins: &self.wins,
            checkin: view.checkin.as_ref(),
            reflection: view.reflection.as_ref(),
            previous_adjust: view.previous_adjust.as_deref(),
            kept_line: view.kept_line(),
        }
        .serialize(serializer)
    }
}

impl Report for DayReport {
    fn text(&self) -> String {
        let view = &self.view;
        let mut out = vec![view.day.format("%A %-d %B %Y").to_string()];
        if let Some(adjust) = &view.previous_adjust {
            out.push(format!("From the day before: “{}”", indent(adjust, 2)));
        }
        out.push(String::new());
        out.extend(self.promises());
        out.push(String::new());
        out.extend(wins(&self.wins));
        out.push(String::new());
        out.extend(self.entries());
        if let Some(line) = view.kept_line() {
            out.push(String::new());
            out.push(line);
        }
        lines(out)
    }
}

impl DayReport {
    /// "Promises" and one line per promise, with its note and lesson.
    fn promises(&self) -> Vec<String> {
        let items = &self.view.items;
        let mut out = vec!["Promises".to_string()];
        if items.is_empty() {
            out.push(if self.any_promise {
                "  None counted on this day.".into()
            } else {
                "  None yet; add one with `smallwins promise add \"…\"`.".into()
            });
        }
        let width = items
            .iter()
            .map(|i| i.number.to_string().len())
            .max()
            .unwrap_or(1);
        for item in items {
            out.push(item_line(item, width, &self.glyphs));
            if let Some(check) = &item.check {
                let pad = " ".repeat(width + 5);
                let more = width + 7;
                out.extend(
                    (check.note.as_ref()).map(|n| format!("{pad}note: {}", indent(n, more))),
                );
                out.extend(
                    (check.lesson.as_ref()).map(|l| format!("{pad}lesson: {}", indent(l, more))),
                );
            }
        }
        if !items.is_empty() {
            // The legend of the glyphs above, in the words of the one legend.
            let drawn: Vec<Glyph> = items.iter().map(item_glyph).collect();
            out.push(format!(
                "  ({})",
                self.glyphs.legend_line(|g| drawn.contains(&g))
            ));
        }
        out
    }

    /// The check-in, the reflection and its answers.
    fn entries(&self) -> Vec<String> {
        let view = &self.view;
        let mut out = vec![match &view.checkin {
            Some(c) => format!("Check-in: {}", checkin_summary(c)),
            None => "Check-in: not yet.".into(),
        }];
        match &view.reflection {
            Some(r) => {
                let ratings = rating_summary(r);
                out.push(if ratings.is_empty() {
                    "Reflection:".into()
                } else {
                    format!("Reflection: {ratings}")
                });
                for (question, answer) in &self.answers {
                    out.push(format!("  {question} {}", indent(answer, 4)));
                }
            }
            None => out.push("Reflection: not yet.".into()),
        }
        out
    }
}

fn item_glyph(item: &DayItem) -> Glyph {
    Glyph::of_result(item.status(), item.due)
}

/// "  2 ◐ Read (before bed · 4 of 10 pages)".
fn item_line(item: &DayItem, width: usize, glyphs: &Glyphs) -> String {
    let p = &item.promise;
    let glyph = glyphs.get(item_glyph(item));
    let status = item.status();
    let mut details: Vec<String> = Vec::new();
    if status == Some(Status::Smaller)
        && let Some(smaller) = &p.smaller
    {
        details.push(format!("the smaller version: {smaller}"));
    }
    details.extend(p.cue.iter().cloned());
    // What was done ("4 of 10 pages"), else what is asked ("10 pages").
    let done = (item.check.as_ref())
        .and_then(|c| c.amount)
        .and_then(|a| amount_label(p.unit.as_deref(), Some(a), item.target));
    // Kept in its smaller version: the target is not what was done.
    let target = item.target.filter(|_| status != Some(Status::Smaller));
    let asked = (p.unit.as_ref()).and_then(|unit| target.map(|t| amount_in(t, unit)));
    details.extend(done.or(asked));
    match (&p.schedule, item.week) {
        (Schedule::Daily, _) => {}
        (Schedule::TimesPerWeek { .. }, Some(w)) => details.push(week_progress(w)),
        (schedule, _) => details.push(schedule.to_string()),
    }
    if item.due == Due::No {
        details.push("rest day".into());
    }
    let number = item.number;
    format!(
        "  {number:>width$} {glyph} {}",
        with_details(&p.text, &details)
    )
}

/// "1 of 2 this week", "3 of 3 that week, and once more", "not yet this
/// week (2 to go)": the one wording.
fn week_progress(w: crate::domain::WeekProgress) -> String {
    crate::domain::words::week_progress(w.shown, w.asked, w.open)
}

/// "Wins" and one line per win with its short id.
fn wins(wins: &[ShortWin]) -> Vec<String> {
    if wins.is_empty() {
        return vec!["Wins: none noted.".into()];
    }
    let mut out = vec!["Wins".to_string()];
    out.extend(wins.iter().map(win_line));
    out
}
