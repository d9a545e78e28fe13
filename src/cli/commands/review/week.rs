//! Everything the three review formats draw on, gathered once from the
//! journal, so the renderers need nothing else.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::iso_label;
use crate::cli::commands::Numbered;
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
    /// The week's promises with their short numbers, in the summary's order.
    pub promises: Vec<Numbered>,
    pub wins: Vec<Win>,
    /// The weekly answers in the order the prompts ask, then any other keys.
    pub answers: Vec<Answer>,
    /// The key of the weekly answer that plans next week.
    pub plan_key: String,
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
        let promises = view
            .summary
            .promises
            .iter()
            .filter_map(|row| {
                let i = all.iter().position(|p| p.id == row.promise_id)?;
                Some(Numbered {
                    number: i + 1,
                    promise: all[i].clone(),
                })
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
            answers: answers(journal, &view),
            plan_key: plan_key(journal).to_string(),
            view,
            start,
            end,
            today,
            promises,
            wins,
        })
    }

    pub fn promise(&self, id: &str) -> Option<&Numbered> {
        self.promises.iter().find(|n| n.promise.id == id)
    }

    /// The week's promises without their numbers.
    pub fn plain_promises(&self) -> Vec<&Promise> {
        self.promises.iter().map(|n| &n.promise).collect()
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
