//! `search TEXT`: wins, notes, lessons, intentions, reflection and weekly
//! answers that hold the words, across all history.
//!
//! JSON: `{query, results: [{kind, record_id, key, day, promise, snippet,
//! highlights, short_id}]}`: `kind` is `win` | `note` | `lesson` |
//! `intention` | `answer` | `weekly`; `key` the prompt key of an answer;
//! `day` the day (a weekly answer's week's first day); `promise` the
//! promise a note or lesson is about, in the words it had that day;
//! `snippet` the words around the match;
//! `highlights` where the matches are in it, as `[start, end)` character
//! offsets; `short_id` a win's id for `win edit` and `win delete`.
//!
//! As text, each match is in the theme's style for matches on a terminal
//! that shows colour, and plain through a pipe or with `NO_COLOR`: the
//! snippet is the person's words exactly, never marked with characters of
//! its own.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::SearchArgs;
use crate::cli::error::Result;
use ratatui::style::Style;

use crate::cli::output::{Report, lines, styled, unstyled};
use crate::cli::words::long_day;
use crate::domain::Journal;
use crate::domain::model::{SearchHit, SearchKind};
use crate::domain::prompts::Prompts;
use crate::domain::search::{self, MAX_RESULTS};

/// What a search found.
#[derive(Serialize)]
pub struct Found {
    query: String,
    results: Vec<Hit>,
    /// How a match looks on a terminal.
    #[serde(skip)]
    style: Style,
}

#[derive(Serialize)]
struct Hit {
    #[serde(flatten)]
    hit: SearchHit,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_id: Option<String>,
    /// The question an answer answers, for the text.
    #[serde(skip)]
    question: Option<String>,
}

/// `search`.
pub fn search(journal: &Journal, args: &SearchArgs) -> Result<Found> {
    let typed = args.words.join(" ");
    // Cut as the full-screen journal's search box cuts it.
    let query = search::capped(&typed).to_string();
    let hits = journal.search(&query)?;
    let prompts = &journal.config().prompts;
    let results = hits
        .into_iter()
        .map(|hit| {
            let short_id = match hit.kind {
                SearchKind::Win => Some(journal.win_short_id(&hit.record_id)?),
                _ => None,
            };
            Ok(Hit {
                short_id,
                question: question(&hit, prompts),
                hit,
            })
        })
        .collect::<Result<_>>()?;
    // `auto` is not settled by asking the terminal here (that can take a
    // quarter of a second): it is the dark theme, as on a terminal that
    // does not answer.
    let style = crate::ui::theme::Theme::of(journal.config(), true).found();
    Ok(Found {
        query,
        results,
        style,
    })
}

/// The prompt an answer answers, as the config words it.
fn question(hit: &SearchHit, prompts: &Prompts) -> Option<String> {
    let key = hit.key.as_deref()?;
    let weekly = prompts.weekly.iter().find(|p| p.key == key);
    let text = match (hit.kind, weekly) {
        (SearchKind::Weekly, Some(p)) => Some(p.text.as_str()),
        _ => prompts.text(key),
    };
    Some(text.unwrap_or(key).to_string())
}

impl Report for Found {
    fn text(&self) -> String {
        let n = self.results.len();
        if n == 0 {
            return lines([format!(
                "Nothing found for “{}”; try fewer words, or the start of a word.",
                self.query
            )]);
        }
        let mut out = vec![if n >= MAX_RESULTS {
            format!(
                "The best {n} matches for “{}”, best first (add a word to narrow it):",
                self.query
            )
        } else {
            let what = if n == 1 { "match" } else { "matches" };
            format!("{n} {what} for “{}”, best first:", self.query)
        }];
        for hit in &self.results {
            out.push(String::new());
            out.push(hit.heading());
            out.push(format!("  {}", marked(&hit.hit, self.style)));
        }
        lines(out)
    }
}

impl Hit {
    /// "Fri 20 Nov 2026 · win 3fa9c1", "Thu 19 Nov 2026 · note on Walk
    /// outside", "Week of Mon 16 Nov 2026 · What went well this week?".
    fn heading(&self) -> String {
        let h = &self.hit;
        let day = day_label(h.kind, h.day);
        let what = match (h.kind, &h.promise, &self.question, &self.short_id) {
            (SearchKind::Win, _, _, Some(id)) => format!("win {id}"),
            (SearchKind::Note | SearchKind::Lesson, Some(p), _, _) => {
                format!("{} on {p}", h.kind.label())
            }
            (SearchKind::Answer | SearchKind::Weekly, _, Some(q), _) => q.clone(),
            (kind, ..) => kind.label().to_string(),
        };
        format!("{day} · {what}")
    }
}

fn day_label(kind: SearchKind, day: NaiveDate) -> String {
    match kind {
        SearchKind::Weekly => format!("Week of {}", long_day(day)),
        _ => long_day(day),
    }
}

/// The snippet on one line, each match in `style` (on a terminal).
fn marked(hit: &SearchHit, style: Style) -> String {
    let text: String = hit
        .pieces()
        .into_iter()
        .map(|(text, matched)| {
            let text = unstyled(&text);
            if matched { styled(&text, style) } else { text }
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
