//! Everything the three review formats draw on, gathered once from the
//! journal, so the renderers need nothing else.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::iso_label;
use crate::cli::error::Result;
use crate::domain::evidence::WeekPoint;
use crate::domain::{Journal, Promise, ReviewView, Win};

/// The weekly prompt whose answer is the plan for next week, when the
/// weekly prompts have it; otherwise the last weekly prompt is the plan.
const PLAN_KEY: &str = "next_week";

/// One week looked back on.
pub struct ReviewWeek {
    pub view: ReviewView,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The ISO week, like "2026-W47".
    pub label: String,
    pub today: NaiveDate,
    /// The week's promises, in the summary's order, as they read at the
    /// week's last day counted (each with its number and its history).
    pub promises: Vec<Promise>,
    pub wins: Vec<Win>,
    /// The weekly answers in the order the prompts ask, then any other keys.
    pub answers: Vec<Answer>,
    /// The key of the weekly answer that plans next week.
    pub plan_key: String,
    /// Whether the journal has an active promise at all.
    pub any_promise: bool,
}

/// One weekly answer, with the prompt it answers (`None` for a key no
/// prompt has).
#[derive(Serialize)]
pub struct Answer {
    pub key: String,
    pub prompt: Option<String>,
    pub answer: String,
}

impl ReviewWeek {
    pub fn gather(journal: &Journal, start: NaiveDate) -> Result<ReviewWeek> {
        let view = journal.review(start)?;
        let today = journal.today();
        let end = start + Duration::days(6);
        let all = journal.promises(true)?;
        let any_promise = all.iter().any(|p| !p.is_archived());
        let last = end.min(today);
        let promises = view
            .summary
            .promises
            .iter()
            .filter_map(|row| all.iter().find(|p| p.id == row.promise_id))
            .map(|p| p.as_on(last))
            .collect();
        let wins = journal.wins_between(start, last)?;
        Ok(ReviewWeek {
            label: iso_label(start),
            answers: answers(journal, &view),
            plan_key: plan_key(journal).to_string(),
            view,
            start,
            end,
            today,
            promises,
            wins,
            any_promise,
        })
    }

    pub fn promise(&self, id: &str) -> Option<&Promise> {
        self.promises.iter().find(|p| p.id == id)
    }

    pub fn is_current(&self) -> bool {
        self.start <= self.today && self.today <= self.end
    }

    /// This week's point of the twelve-week trend.
    pub fn point(&self) -> Option<&WeekPoint> {
        self.view.weeks.last().filter(|w| w.start == self.start)
    }

    /// The answer that plans next week, if there is one.
    pub fn plan(&self) -> Option<&Answer> {
        self.answers.iter().find(|a| a.key == self.plan_key)
    }
}

/// The week's weekly answers in the order the prompts ask, then any other
/// keys.
fn answers(journal: &Journal, view: &ReviewView) -> Vec<Answer> {
    let Some(review) = &view.review else {
        return Vec::new();
    };
    let prompts = &journal.config().prompts;
    let weekly = &prompts.weekly;
    let mut answers: Vec<Answer> = review
        .answers
        .iter()
        .map(|(key, answer)| {
            let prompt = weekly
                .iter()
                .find(|p| p.key == *key)
                .map(|p| p.text.as_str())
                .or_else(|| prompts.text(key));
            Answer {
                key: key.clone(),
                prompt: prompt.map(str::to_string),
                answer: answer.clone(),
            }
        })
        .collect();
    answers.sort_by_key(|a| {
        weekly
            .iter()
            .position(|p| p.key == a.key)
            .unwrap_or(usize::MAX)
    });
    answers
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
