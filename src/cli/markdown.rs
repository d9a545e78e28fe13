//! Markdown written to be sent as it is to one trusted person: escaping,
//! and the one renderer of a week ([`MdWeek`]) that both Markdown
//! documents are made of — `export --format markdown` (a summary of many
//! weeks, see [`summary`]) and `review --format markdown` (a letter about
//! one week, in `commands/review/markdown.rs`). The two lay the parts out
//! differently (headings, and what the letter adds: what was promised, one
//! lesson, next week) but say each part in the same words.
//!
//! Uses the journal to read weeks, the store's export records, and the
//! command line's `words`.

use chrono::{Duration, NaiveDate};

use super::error::Result;
use super::output::lines;
use super::words::{counts_times, kept_words, long_day, out_of_ten, plural};
use crate::domain::{Journal, Promise, WeekSummary, Win};
use crate::store::Export;
use crate::text::printable;

/// Escapes the characters Markdown would read as formatting, after
/// control characters are put in caret notation (so the `[` of `^[` is
/// escaped too and the summary shows `^[` as it is): emphasis, code,
/// links, HTML, headings, tables, strikethrough (`~~`, in GitHub's and
/// most viewers' Markdown) and entities (`&amp;` stays those five
/// characters).
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text that may span lines, escaped, with its line breaks kept. A line
/// that would start a list, or turn the line above into a heading (`---`,
/// `===`), has its first character escaped.
pub fn md_paragraph(text: &str) -> String {
    text.lines()
        .map(|l| md_line_start(&md_escape(l.trim())))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

/// `line` with a block marker at its start escaped: `-`, `+`, `=`, or a
/// number followed by `.` or `)`.
fn md_line_start(line: &str) -> String {
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some(mark @ ('.' | ')')) if digits > 0 => {
            format!("{}\\{mark}{}", &line[..digits], &line[digits + 1..])
        }
        _ => line.to_string(),
    }
}

/// One week, as both Markdown documents tell it.
pub struct MdWeek<'a> {
    pub summary: &'a WeekSummary,
    /// The promises, to count N-times-a-week ones in times, not days.
    pub promises: &'a [&'a Promise],
    /// The week's wins, in the order they were written.
    pub wins: &'a [&'a Win],
}

impl MdWeek<'_> {
    /// "- Read before bed: kept 4 of 5 days", one line per promise.
    pub fn kept(&self) -> Vec<String> {
        self.summary
            .promises
            .iter()
            .map(|row| {
                let promise = self.promises.iter().find(|p| p.id == row.promise_id);
                let promise = promise.copied();
                format!(
                    "- {}: {}",
                    md_escape(&row.text),
                    kept_words(row, counts_times(promise))
                )
            })
            .collect()
    }

    /// "Showed up on 18 of 22 asked days", or `None` when nothing was
    /// asked for.
    pub fn showed_up(&self) -> Option<String> {
        let (showed, asked) = self.summary.totals();
        (asked > 0).then(|| {
            let asked = plural(asked, "asked day", "asked days");
            format!("Showed up on {showed} of {asked}")
        })
    }

    /// "- Fri 20 Nov: Started the task I kept moving (work)", one line
    /// per win.
    pub fn wins(&self) -> Vec<String> {
        self.wins
            .iter()
            .map(|w| {
                let area = w
                    .area
                    .as_ref()
                    .map(|a| format!(" ({})", md_escape(a)))
                    .unwrap_or_default();
                format!(
                    "- {}: {}{area}",
                    w.day.format("%a %-d %b"),
                    md_escape(&w.text.replace('\n', " "))
                )
            })
            .collect()
    }

    /// "average mood 7.7/10, average confidence 6.8/10", or `None` without
    /// ratings.
    pub fn felt(&self) -> Option<String> {
        let mut felt = Vec::new();
        if let Some(mood) = self.summary.average_mood {
            felt.push(format!("average mood {}", out_of_ten(mood)));
        }
        if let Some(confidence) = self.summary.average_confidence {
            felt.push(format!("average confidence {}", out_of_ten(confidence)));
        }
        (!felt.is_empty()).then(|| felt.join(", "))
    }
}

/// `export --format markdown`: a weekly summary to share with one trusted
/// person. Whole weeks from the one holding `from` (or the first record)
/// to the one holding `to` (or today): per week, how often each promise
/// was kept, the wins, and average mood and confidence.
pub fn summary(
    journal: &Journal,
    data: &Export,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String> {
    let today = journal.today();
    let first_record = data
        .checks
        .iter()
        .map(|c| c.day)
        .chain(data.wins.iter().map(|w| w.day))
        .chain(data.checkins.iter().map(|c| c.day))
        .chain(data.reflections.iter().map(|r| r.day))
        .min();
    let from = from.or(first_record).unwrap_or(today);
    let to = to.unwrap_or(today).max(from);
    let first_week = journal.week_start(from);
    let last_week = journal.week_start(to);
    let last_day = last_week + Duration::days(6);
    // The weeks are whole, so their wins are too, as their counts are.
    let weeks = journal.export(Some(first_week), Some(last_day))?;
    let promises: Vec<&Promise> = weeks.promises.iter().collect();
    let mut out = vec![
        "# Small wins: weekly summary".to_string(),
        String::new(),
        format!(
            "Weeks from {} to {}. Kept means the whole promise; partly kept counts as showing up too.",
            long_day(first_week),
            long_day(last_day)
        ),
    ];
    let mut start = first_week;
    while start <= last_week {
        let end = start + Duration::days(6);
        let wins: Vec<&Win> = (weeks.wins.iter())
            .filter(|w| w.day >= start && w.day <= end)
            .collect();
        let week = MdWeek {
            summary: &journal.week(start)?,
            promises: &promises,
            wins: &wins,
        };
        out.extend(summary_week(&week, start));
        start += Duration::days(7);
    }
    Ok(lines(out))
}

/// One week of the summary: "## Week of …", then what there is of
/// promises, wins and ratings.
fn summary_week(week: &MdWeek<'_>, start: NaiveDate) -> Vec<String> {
    let mut out = vec![
        String::new(),
        format!("## Week of {}", long_day(start)),
        String::new(),
    ];
    let mut any = false;
    if !week.summary.promises.is_empty() {
        any = true;
        out.extend(["Promises:".into(), String::new()]);
        out.extend(week.kept());
        if let Some(showed_up) = week.showed_up() {
            out.extend([String::new(), format!("{showed_up}.")]);
        }
    }
    if !week.wins.is_empty() {
        any = true;
        let count = week.wins.len();
        out.extend([String::new(), format!("Wins ({count}):"), String::new()]);
        out.extend(week.wins());
    }
    if let Some(felt) = week.felt() {
        any = true;
        out.extend([String::new(), format!("{}.", capitalised(&felt))]);
    }
    if !any {
        out.push("Nothing recorded this week.".into());
    }
    out
}

/// "Average mood …" from "average mood …".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(md_escape("read *one* page_"), "read \\*one\\* page\\_");
        assert_eq!(md_escape("\x1b[2J"), "^\\[\\[2J");
    }

    #[test]
    fn paragraphs_keep_their_line_breaks() {
        assert_eq!(md_paragraph("one\n\n  two *\n"), "one  \ntwo \\*");
        assert_eq!(md_escape("~~a~~ &amp;"), "\\~\\~a\\~\\~ \\&amp;");
        assert_eq!(
            md_paragraph("line one\n---\n1. first\n12) twelfth\n+ plus\n2026 went well"),
            "line one  \n\\---  \n1\\. first  \n12\\) twelfth  \n\\+ plus  \n2026 went well"
        );
    }

    #[test]
    fn a_sentence_starts_with_a_capital() {
        assert_eq!(capitalised("average mood 6/10"), "Average mood 6/10");
        assert_eq!(capitalised(""), "");
    }
}
