//! A week's message: the promises shown up for, as the review counts
//! them; the wins, taken fairly from the days; and the extras chosen.
//!
//! May use: what its parent, `share.rs`, uses.

use std::collections::BTreeMap;

use super::{
    WEEK_WIN_LEN, WEEK_WINS, answers, felt_words, lessons_line, note_words, plain_end, win_words,
};
use crate::domain::words::{part_of, week_words_to_share};
use crate::domain::{DayView, WeekSummary, Win};
use crate::model::{Prompt, ShareExtra, ShareInclude};

/// "This week so far, I showed up 17 of the 20 times my small promises
/// asked for:" and a line for each promise shown up for, or `None` when
/// none was.
pub(super) fn promises(summary: &WeekSummary, when: &str) -> Option<String> {
    let lines: Vec<String> = (summary.promises.iter())
        .filter(|p| p.shown > 0 || p.extra > 0)
        .map(|p| format!("- {}: {}", plain_end(&p.text), week_words_to_share(p)))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let (shown, asked) = summary.totals();
    let head = match (shown, asked) {
        (0, _) => format!("{when} I showed up for these small promises:"),
        (1, 1) => format!("{when} I showed up the one time my small promises asked for:"),
        (shown, asked) => format!(
            "{when} I showed up {} times my small promises asked for:",
            part_of(shown as usize, asked as usize)
        ),
    };
    Some(format!("{head}\n{}", lines.join("\n")))
}

/// "- Mon: wrote the to-do list; got the inbox down to ten", a line per
/// day, at most [`WEEK_WINS`] wins taken fairly from the days (then how
/// many more there were), each at most [`WEEK_WIN_LEN`] characters.
pub(super) fn wins(days: &[DayView]) -> Option<String> {
    let per_day: Vec<&[Win]> = days.iter().map(|d| d.wins.as_slice()).collect();
    let mut take = vec![0; per_day.len()];
    let mut left = WEEK_WINS;
    while left > 0 {
        let before = left;
        for (i, wins) in per_day.iter().enumerate() {
            if left > 0 && take[i] < wins.len() {
                take[i] += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    let mut lines: Vec<String> = days
        .iter()
        .zip(&take)
        .filter(|(_, n)| **n > 0)
        .map(|(d, n)| {
            let wins: Vec<String> = (d.wins.iter().take(*n))
                .map(|w| win_words(w, Some(WEEK_WIN_LEN)))
                .collect();
            format!("- {}: {}", d.day.format("%a"), wins.join("; "))
        })
        .collect();
    let total: usize = per_day.iter().map(|w| w.len()).sum();
    let more = total - take.iter().sum::<usize>();
    match more {
        0 => {}
        1 => lines.push("…and one more.".into()),
        n => lines.push(format!("…and {n} more.")),
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Mood and confidence on average, notes, lessons and the weekly answers,
/// as chosen; each a part of its own.
pub(super) fn extras(
    summary: &WeekSummary,
    days: &[DayView],
    answers_by_key: &BTreeMap<String, String>,
    prompts: &[Prompt],
    include: ShareInclude,
) -> Vec<String> {
    let mut blocks = Vec::new();
    let felt = felt_words(
        include
            .has(ShareExtra::Mood)
            .then_some(summary.average_mood)
            .flatten(),
        include.has(ShareExtra::Confidence).then_some((
            summary.average_morning_confidence,
            summary.average_evening_confidence,
        )),
        true,
    );
    blocks.extend(felt);
    if include.has(ShareExtra::Notes) {
        let notes: Vec<String> = (days.iter())
            .flat_map(|d| {
                let day = d.day.format("%a").to_string();
                d.items
                    .iter()
                    .filter_map(note_words)
                    .map(move |n| format!("- {day}, {n}"))
            })
            .collect();
        if !notes.is_empty() {
            blocks.push(format!("Notes:\n{}", notes.join("\n")));
        }
    }
    if include.has(ShareExtra::Lessons) {
        let lessons: Vec<String> = (days.iter().flat_map(|d| &d.items))
            .filter_map(|i| i.check.as_ref()?.lesson.as_deref())
            .map(plain_end)
            .collect();
        blocks.extend(lessons_line(&lessons));
    }
    if include.has(ShareExtra::Answers) {
        let said = answers(answers_by_key, prompts, true);
        if !said.is_empty() {
            blocks.push(said.join("\n"));
        }
    }
    blocks
}
