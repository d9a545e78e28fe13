//! A message for one trusted person: a day's or a week's small wins and the
//! promises shown up for, in warm, plain words, short enough to send as a
//! text (a day about 300 characters, longer only when the person wrote
//! more; a week one screen).
//!
//! Private by default. The message holds the wins and the promises kept,
//! partly kept or kept in the smaller version, and the count they are part
//! of; a promise noted missed or left blank is not named. Mood, confidence
//! (for a week, with its self-trust reading once it has one),
//! notes (and with them what was noted missed), lessons and answers go in
//! only when [`ShareInclude`] names them. A private win never goes in. No
//! id, nothing of another day, and no control character from the person's
//! words (each is cleaned again here, and put on one line).
//!
//! [`Journal::share`] reads what a message may draw on into a
//! [`ShareSource`]; [`ShareSource::message`] words it for any choice of
//! extras without reading the journal again, so a preview can change as
//! the person toggles what goes in.
//!
//! `share/week.rs` words a week.
//!
//! May use: `model`, `text` and the rest of `domain`.

mod week;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::evidence::{Voice, trust};
use super::journal::{join_and, lower_first};
use super::words::{amount_label, out_of_ten, part_of, prompt_for_day};
use super::{DayItem, DayView, Journal, Result, Status, WeekSummary, Win};
use crate::model::{Prompt, ShareExtra, ShareInclude};
use crate::text::clean_controls;

/// Wins a week's message lists at most, taken fairly from its days.
pub const WEEK_WINS: usize = 12;
/// Characters of one win a week's message shows at most.
pub const WEEK_WIN_LEN: usize = 100;

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareScope {
    Day(NaiveDate),
    /// The week that starts on this day.
    Week(NaiveDate),
}

/// Everything a message about one day or one week may draw on, private
/// wins already left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSource {
    pub scope: ShareScope,
    today: NaiveDate,
    what: Source,
}

#[derive(Debug, Clone, PartialEq)]
enum Source {
    Day {
        view: DayView,
        /// The evening prompts, for the answers.
        prompts: Vec<Prompt>,
    },
    Week {
        summary: WeekSummary,
        /// Each day of the week up to today.
        days: Vec<DayView>,
        /// The weekly review's answers, by prompt key.
        answers: BTreeMap<String, String>,
        /// The weekly prompts, for the answers.
        prompts: Vec<Prompt>,
        /// The week's self-trust reading in the first person, once the
        /// week has one (it goes in with the confidence).
        trust: Option<String>,
    },
}

impl Journal {
    /// What a message about `scope` may draw on. A week is counted as its
    /// review counts it; a day as its calendar mark does.
    pub fn share(&self, scope: ShareScope) -> Result<ShareSource> {
        let prompts = &self.config().prompts;
        let what = match scope {
            ShareScope::Day(day) => Source::Day {
                view: shareable(self.day(day)?),
                prompts: prompts.evening.clone(),
            },
            ShareScope::Week(start) => {
                let last = (start + Duration::days(6)).min(self.today());
                let days = super::day::days_between(start, last)
                    .map(|d| self.day(d).map(shareable))
                    .collect::<Result<_>>()?;
                Source::Week {
                    summary: self.week(start)?,
                    days,
                    answers: self
                        .review_record(start)?
                        .map(|r| r.answers)
                        .unwrap_or_default(),
                    prompts: prompts.weekly.clone(),
                    trust: (self.review(start)?.weeks.last())
                        .and_then(|p| trust::sentence(p, self.today(), Voice::I)),
                }
            }
        };
        Ok(ShareSource {
            scope,
            today: self.today(),
            what,
        })
    }
}

/// "today's message", "the message for Fri 20 Nov", from what
/// [`ShareSource::about`] says.
pub fn whose(about: &str) -> String {
    match about {
        "today" | "yesterday" | "this week" | "last week" => format!("{about}'s message"),
        other => format!("the message for {other}"),
    }
}

/// The day without its private wins, and without what belongs to the day
/// before.
fn shareable(mut view: DayView) -> DayView {
    view.wins.retain(|w| !w.private);
    view.previous_adjust = None;
    view.previous_lessons.clear();
    view
}

impl ShareSource {
    /// The message, with the extras `include` names.
    pub fn message(&self, include: ShareInclude) -> String {
        let blocks = match &self.what {
            Source::Day { view, prompts } => self.day_blocks(view, prompts, include),
            Source::Week {
                summary,
                days,
                answers,
                prompts,
                trust,
            } => {
                let mut blocks = self.week_blocks(summary, days, answers, prompts, include);
                if include.has(ShareExtra::Confidence) {
                    blocks.extend(trust.clone());
                }
                blocks
            }
        };
        let mut out = blocks.join(self.block_gap());
        out.push('\n');
        out
    }

    /// What the message is about, for a title or a file name: "today",
    /// "yesterday", "Fri 20 Nov", "this week", "last week", "the week of
    /// Mon 9 Nov".
    pub fn about(&self) -> String {
        match self.scope {
            ShareScope::Day(day) if day == self.today => "today".into(),
            ShareScope::Day(day) if Some(day) == self.today.pred_opt() => "yesterday".into(),
            ShareScope::Day(day) => short(day),
            ShareScope::Week(start) if start + Duration::days(6) >= self.today => {
                "this week".into()
            }
            ShareScope::Week(start) if start + Duration::days(13) >= self.today => {
                "last week".into()
            }
            ShareScope::Week(start) => format!("the week of {}", short(start)),
        }
    }

    /// A day's lines follow each other; a week's parts have a blank line
    /// between them.
    fn block_gap(&self) -> &'static str {
        match self.scope {
            ShareScope::Day(_) => "\n",
            ShareScope::Week(_) => "\n\n",
        }
    }

    /// "Today", "So far today", "Yesterday", "On Fri 20 Nov".
    fn when(&self, view: &DayView) -> String {
        match self.about().as_str() {
            "today" if view.blanks().next().is_some() => "So far today".into(),
            "today" => "Today".into(),
            "yesterday" => "Yesterday".into(),
            other => format!("On {other}"),
        }
    }

    /// "This week so far,", "Last week", "In the week of Mon 9 Nov,".
    fn week_when(&self) -> String {
        match self.about().as_str() {
            "this week" => "This week so far,".into(),
            "last week" => "Last week".into(),
            other => format!("In {other},"),
        }
    }

    fn day_blocks(&self, view: &DayView, prompts: &[Prompt], include: ShareInclude) -> Vec<String> {
        let promised = day_promises(view, &self.when(view));
        let wins: Vec<String> = view.wins.iter().map(|w| win_words(w, None)).collect();
        let label = match (&promised, wins.len()) {
            (_, 0) => None,
            (Some(_), 1) => Some("A win".to_string()),
            (Some(_), _) => Some("Wins".to_string()),
            (None, n) => Some(day_wins_label(&self.about(), n)),
        };
        let mut lines: Vec<String> = promised.into_iter().collect();
        if let Some(label) = label {
            lines.push(format!("{label}: {}", sentence(&wins.join("; "))));
        }
        lines.extend(day_extras(view, prompts, self.about() == "today", include));
        if lines.is_empty() {
            lines.push(format!(
                "{}: nothing noted yet.",
                capitalised(&self.about())
            ));
        }
        lines
    }

    fn week_blocks(
        &self,
        summary: &WeekSummary,
        days: &[DayView],
        answers: &BTreeMap<String, String>,
        prompts: &[Prompt],
        include: ShareInclude,
    ) -> Vec<String> {
        let about = self.about();
        let promised = week::promises(summary, &self.week_when());
        let label = match (&promised, about.as_str()) {
            (Some(_), _) => "Wins:".to_string(),
            (None, "this week" | "last week") => format!("{}'s wins:", capitalised(&about)),
            (None, other) => format!("Wins in {other}:"),
        };
        let mut blocks: Vec<String> = promised.into_iter().collect();
        if let Some(wins) = week::wins(days) {
            blocks.push(format!("{label}\n{wins}"));
        }
        blocks.extend(week::extras(summary, days, answers, prompts, include));
        if blocks.is_empty() {
            blocks.push(format!("{}: nothing noted yet.", capitalised(&about)));
        }
        blocks
    }
}

/// "Today I showed up for 3 of the 4 small promises I made: stretch for
/// ten seconds, read (8 of 10 pages, partly) and a short walk (the smaller
/// version)." — or `None` when none was shown up for.
fn day_promises(view: &DayView, when: &str) -> Option<String> {
    let shown: Vec<String> = view
        .items
        .iter()
        .filter(|i| i.status().is_some_and(Status::showed_up))
        .map(item_words)
        .collect();
    if shown.is_empty() {
        return None;
    }
    let t = view.tally;
    let how_many = match (t.shown, t.asked) {
        (1, 1) => "the one small promise I made".to_string(),
        (shown, asked) => format!(
            "{} small promises I made",
            part_of(shown as usize, asked as usize)
        ),
    };
    Some(sentence(&format!(
        "{when} I showed up for {how_many}: {}",
        join_and(&shown)
    )))
}

/// "read (8 of 10 pages, partly)": a promise as it read that day, with its
/// amount and how it was kept when not in full.
fn item_words(item: &DayItem) -> String {
    let name = lower_first(&plain(&item.promise.text));
    let check = item.check.as_ref();
    let status = check.map(|c| c.status);
    // Kept in its smaller version: the target was not what was done.
    let target = item.target.filter(|_| status != Some(Status::Smaller));
    let amount = amount_label(
        item.promise.unit.as_deref(),
        check.and_then(|c| c.amount),
        target,
    );
    let kind = match status {
        Some(Status::Partial) => Some("partly".to_string()),
        Some(Status::Smaller) => Some("the smaller version".to_string()),
        _ => None,
    };
    let said: Vec<String> = amount.into_iter().chain(kind).collect();
    if said.is_empty() {
        name
    } else {
        format!("{name} ({})", said.join(", "))
    }
}

/// "Today's wins", "Yesterday's win", "Wins on Fri 20 Nov".
fn day_wins_label(about: &str, n: usize) -> String {
    let wins = if n == 1 { "win" } else { "wins" };
    match about {
        "today" | "yesterday" => format!("{}'s {wins}", capitalised(about)),
        day => format!("{} on {day}", capitalised(wins)),
    }
}

/// Mood and confidence, notes, lessons and answers of the day, as chosen.
fn day_extras(
    view: &DayView,
    prompts: &[Prompt],
    is_today: bool,
    include: ShareInclude,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mood = view.reflection.as_ref().and_then(|r| r.mood);
    let morning = view.checkin.as_ref().and_then(|c| c.confidence);
    let evening = view.reflection.as_ref().and_then(|r| r.confidence);
    let felt = felt_words(
        include
            .has(ShareExtra::Mood)
            .then_some(mood.map(f64::from))
            .flatten(),
        include
            .has(ShareExtra::Confidence)
            .then_some((morning.map(f64::from), evening.map(f64::from))),
        false,
    );
    lines.extend(felt);
    if include.has(ShareExtra::Notes) {
        let notes: Vec<String> = view.items.iter().filter_map(note_words).collect();
        if !notes.is_empty() {
            lines.push(format!("Notes: {}", sentence(&notes.join("; "))));
        }
    }
    if include.has(ShareExtra::Lessons) {
        let lessons: Vec<String> = (view.items.iter())
            .filter_map(|i| i.check.as_ref()?.lesson.as_deref())
            .map(plain_end)
            .collect();
        lines.extend(lessons_line(&lessons));
    }
    if include.has(ShareExtra::Answers)
        && let Some(r) = &view.reflection
    {
        lines.extend(answers(&r.answers, prompts, is_today));
    }
    lines
}

/// "read (partly kept): tired", "a short walk (missed)": a mark's note, and
/// every promise noted missed, with or without one.
fn note_words(item: &DayItem) -> Option<String> {
    let check = item.check.as_ref()?;
    let note = check.note.as_deref().map(plain_end);
    if note.is_none() && check.status != Status::Missed {
        return None;
    }
    let name = lower_first(&plain(&item.promise.text));
    let said = format!("{name} ({})", check.status.label());
    Some(match note {
        Some(note) => format!("{said}: {note}"),
        None => said,
    })
}

/// "Lesson for next time: alarm by the bed." (lessons name no promise, so
/// they never say which was missed).
fn lessons_line(lessons: &[String]) -> Option<String> {
    match lessons {
        [] => None,
        [one] => Some(format!("Lesson for next time: {}", sentence(one))),
        many => Some(format!(
            "Lessons for next time: {}",
            sentence(&many.join("; "))
        )),
    }
}

/// Each answer after its prompt, in the order the prompts are asked; an
/// answer to a prompt no longer asked comes after, under its key.
fn answers(answers: &BTreeMap<String, String>, prompts: &[Prompt], is_today: bool) -> Vec<String> {
    let asked = prompts.iter().filter_map(|p| {
        let answer = answers.get(&p.key)?;
        Some(format!(
            "{} {}",
            prompt_for_day(&plain(&p.text), is_today),
            sentence(&plain_end(answer))
        ))
    });
    let others = answers
        .iter()
        .filter(|(key, _)| !prompts.iter().any(|p| &p.key == *key))
        .map(|(key, answer)| format!("{}: {}", plain(key), sentence(&plain_end(answer))));
    asked.chain(others).collect()
}

/// "Mood 7/10, confidence 6/10 in the morning and 8/10 in the evening." A
/// week's figures are averages ("On average: mood 7.5/10, …").
fn felt_words(
    mood: Option<f64>,
    confidence: Option<(Option<f64>, Option<f64>)>,
    week: bool,
) -> Option<String> {
    let (morning, evening) = if week {
        ("in the mornings", "in the evenings")
    } else {
        ("in the morning", "in the evening")
    };
    let mut parts = Vec::new();
    if let Some(mood) = mood {
        parts.push(format!("mood {}", out_of_ten(mood)));
    }
    let when: Vec<String> = match confidence {
        Some((m, e)) => [(m, morning), (e, evening)]
            .into_iter()
            .filter_map(|(v, at)| v.map(|v| format!("{} {at}", out_of_ten(v))))
            .collect(),
        None => Vec::new(),
    };
    if !when.is_empty() {
        parts.push(format!("confidence {}", when.join(" and ")));
    }
    if parts.is_empty() {
        return None;
    }
    let said = parts.join(", ");
    Some(if week {
        format!("On average: {said}.")
    } else {
        format!("{}.", capitalised(&said))
    })
}

/// A win on one line, without a final full stop, cut to `max` characters
/// (with "…") if given.
fn win_words(win: &Win, max: Option<usize>) -> String {
    let text = plain_end(&win.text);
    match max {
        Some(max) if text.chars().count() > max => {
            let cut: String = text.chars().take(max - 1).collect();
            format!("{}…", cut.trim_end())
        }
        _ => text,
    }
}

/// A person's words on one line: control characters dropped (as at
/// input), every run of spaces, tabs and line breaks one space.
fn plain(text: &str) -> String {
    clean_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`plain`], without a final full stop (the sentence adds its own).
fn plain_end(text: &str) -> String {
    plain(text).trim_end_matches('.').trim_end().to_string()
}

/// `text` ending as a sentence does: a full stop, unless it ends in one
/// already (or in `!`, `?` or `…`).
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Fri 20 Nov".
fn short(day: NaiveDate) -> String {
    day.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_put_on_one_line_without_controls() {
        assert_eq!(
            plain("sent\tthe\x1b[2J email\r\nat last"),
            "sent the[2J email at last"
        );
        assert_eq!(plain_end("cooked dinner. "), "cooked dinner");
        assert_eq!(sentence("done!"), "done!");
        assert_eq!(sentence("done"), "done.");
    }

    #[test]
    fn feelings_say_morning_and_evening() {
        assert_eq!(
            felt_words(Some(7.0), Some((Some(6.0), Some(8.0))), false).as_deref(),
            Some("Mood 7/10, confidence 6/10 in the morning and 8/10 in the evening.")
        );
        assert_eq!(
            felt_words(None, Some((None, Some(7.25))), true).as_deref(),
            Some("On average: confidence 7.3/10 in the evenings.")
        );
        assert_eq!(felt_words(None, Some((None, None)), false), None);
    }
}
