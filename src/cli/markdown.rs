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
use super::words::{long_day, out_of_ten, plural};
use crate::domain::words::{capitalised, still_open_words, week_words_to_share};
use crate::domain::{Journal, WeekSummary, Win};
use crate::store::Export;
use crate::text::printable;

/// Escapes what Markdown would read as formatting in `text`, and only
/// that, so the text reads as written in any viewer (CommonMark, GitHub's,
/// pandoc's, Python-Markdown's), after control characters are put in caret
/// notation (so the `[` of `^[` is escaped too and the summary shows `^[`
/// as it is):
///
/// - with a backslash, which every Markdown takes: `\\`, `` ` ``, `*`, `_`,
///   `[`, `]`, and at the start (a heading, a quote, a list, a rule) `#`,
///   `>`, `-`, `+`, or a number's `.` or `)`;
/// - as a character reference where Python-Markdown would show a backslash:
///   `&` only where it starts an entity (`&amp;` stays those five
///   characters), `<` only where it starts a tag or a link (`<b>`, not
///   `<3`), `~` only in text with two or more of them (strikethrough in
///   GitHub's Markdown), and a line of `=` (which would make the line above
///   a heading).
pub fn md_escape(text: &str) -> String {
    md_line_start(&md_inline(&printable(text)))
}

/// `text` with what could be formatting inside a line escaped (see
/// [`md_escape`]).
fn md_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;");
            }
            '~' if tildes >= 2 => out.push_str("&#126;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the characters after an `&` make it an entity: `#` or letters
/// and digits, then `;`.
fn starts_entity(after: &[char]) -> bool {
    let after = after.strip_prefix(&['#']).unwrap_or(after);
    let name = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    name > 0 && after.get(name) == Some(&';')
}

/// Text that may span lines, escaped, with its line breaks kept. A line
/// that would start a heading, a quote or a list, turn the line above into
/// a heading (`---`, `===`), or be a table's row of dashes, is escaped at
/// its start.
pub fn md_paragraph(text: &str) -> String {
    text.lines()
        .map(|l| md_table_rule(&md_escape(l.trim())))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

/// `line` with a block marker at its start escaped: `#`, `>`, `-`, `+`, a
/// number followed by `.` or `)`, or a line of `=`.
fn md_line_start(line: &str) -> String {
    if line.starts_with(['#', '>', '-', '+']) {
        return format!("\\{line}");
    }
    if line.starts_with('=') && line.chars().all(|c| c == '=' || c == ' ') {
        return format!("&#61;{}", &line[1..]);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some(mark @ ('.' | ')')) if digits > 0 => {
            format!("{}\\{mark}{}", &line[..digits], &line[digits + 1..])
        }
        _ => line.to_string(),
    }
}

/// A line that would be a table's row of dashes (`|---|:--:|`) with its
/// bars as character references, so no table forms.
fn md_table_rule(line: &str) -> String {
    let rule = line.contains('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
    if rule {
        line.replace('|', "&#124;")
    } else {
        line.to_string()
    }
}

/// One week (or the part of one a range covers), as both Markdown
/// documents tell it: every count covers the same days.
pub struct MdWeek<'a> {
    pub summary: &'a WeekSummary,
    /// The wins of the same days, in the order they were written.
    pub wins: &'a [&'a Win],
}

impl MdWeek<'_> {
    /// "- Read before bed: showed up 4 of 5 days", one line per promise:
    /// what was shown up for (days missed or left blank are not for
    /// sharing).
    pub fn kept(&self) -> Vec<String> {
        self.summary
            .promises
            .iter()
            .map(|row| format!("- {}: {}", md_escape(&row.text), week_words_to_share(row)))
            .collect()
    }

    /// "Showed up 18 of 22 times asked", "… so far; still open: 2 promises
    /// unmarked today, 1 more time to go this week", or `None` when nothing
    /// was asked for. Each promise on each day it asked is one time.
    pub fn showed_up(&self) -> Option<String> {
        let (showed, asked) = self.summary.totals();
        let open = still_open_words(self.summary);
        (asked > 0 || open.is_some()).then(|| {
            let asked = plural(asked, "time asked", "times asked");
            match open {
                None => format!("Showed up {showed} of {asked}"),
                Some(open) => format!("Showed up {showed} of {asked} so far; still open: {open}"),
            }
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

    /// "average mood 7.7/10, average morning confidence 6.8/10, average
    /// evening confidence 7/10", or `None` without ratings.
    pub fn felt(&self) -> Option<String> {
        let s = self.summary;
        let felt: Vec<String> = [
            ("mood", s.average_mood),
            ("morning confidence", s.average_morning_confidence),
            ("evening confidence", s.average_evening_confidence),
        ]
        .iter()
        .filter_map(|(name, v)| v.map(|v| format!("average {name} {}", out_of_ten(v))))
        .collect();
        (!felt.is_empty()).then(|| felt.join(", "))
    }
}

/// `export --format markdown`: a weekly summary to share with one trusted
/// person, of exactly the days from `from` (or the start of the week of the
/// first record) to `to` (or today), week by week: how each promise went, the wins, and average
/// mood and confidence. A week the range cuts, or one not over yet, says
/// so, and every count in it covers the same days.
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
    // Without --from, whole weeks from the one holding the first record.
    let from = from
        .or_else(|| first_record.map(|d| journal.week_start(d)))
        .unwrap_or(today);
    // Without --to, up to today, and the week holding today as a week
    // not over (not one cut short).
    let cut_at = to.map(|to| to.max(from));
    let to = cut_at.unwrap_or(today).max(from);
    let mut out = vec![
        "# Small wins: weekly summary".to_string(),
        String::new(),
        format!(
            "Days from {} to {}. Kept means the whole promise; partly kept and the smaller version count as showing up too.",
            long_day(from),
            long_day(to)
        ),
    ];
    let mut start = journal.week_start(from);
    while start <= to {
        let week_end = start + Duration::days(6);
        let first = start.max(from);
        let last = cut_at.map_or(week_end, |to| week_end.min(to));
        // A private win is never sent.
        let wins: Vec<&Win> = (data.wins.iter())
            .filter(|w| w.day >= first && w.day <= last && !w.private)
            .collect();
        let week = MdWeek {
            summary: &journal.span(first, last)?,
            wins: &wins,
        };
        // Cut by the range asked for, not merely by today.
        let cut = first > start || last < week_end;
        out.extend(summary_week(&week, start, today, cut));
        start += Duration::days(7);
    }
    Ok(lines(out))
}

/// One week of the summary: "## Week of …", what part of it is counted,
/// then what there is of promises, wins and ratings. A week with nothing
/// in it says so in one sentence, with the part of it counted.
fn summary_week(week: &MdWeek<'_>, start: NaiveDate, today: NaiveDate, cut: bool) -> Vec<String> {
    let s = week.summary;
    let mut out = vec![
        String::new(),
        format!("## Week of {}", long_day(start)),
        String::new(),
    ];
    let not_over = start + Duration::days(6) >= today;
    let body = week_body(week);
    let days = span_days(s.start, s.end.min(today));
    let so_far = if not_over {
        " (the week is not over yet)"
    } else {
        ""
    };
    if body.is_empty() {
        out.push(match (cut, not_over) {
            (true, _) => format!(
                "Part of the week: {days} only{so_far}; nothing was recorded on those days."
            ),
            (false, true) => "This week is not over yet; nothing is recorded so far.".into(),
            (false, false) => "Nothing was recorded that week.".into(),
        });
        return out;
    }
    if cut {
        out.extend([
            format!("Part of the week: {days} only{so_far}; every count below covers those days."),
            String::new(),
        ]);
    } else if not_over {
        out.extend([
            "This week is not over yet; the counts are so far.".to_string(),
            String::new(),
        ]);
    }
    out.extend(body);
    out
}

/// "Sun 15 Nov", or "Mon 9 Nov to Wed 11 Nov".
fn span_days(first: NaiveDate, last: NaiveDate) -> String {
    let day = |d: NaiveDate| d.format("%a %-d %b").to_string();
    if first >= last {
        day(first)
    } else {
        format!("{} to {}", day(first), day(last))
    }
}

/// What there is of promises, wins and ratings, or nothing.
fn week_body(week: &MdWeek<'_>) -> Vec<String> {
    let s = week.summary;
    let mut out = Vec::new();
    if !s.promises.is_empty() {
        out.extend(["Promises:".into(), String::new()]);
        out.extend(week.kept());
        if let Some(showed_up) = week.showed_up() {
            out.extend([String::new(), format!("{showed_up}.")]);
        }
    }
    if !week.wins.is_empty() {
        let count = week.wins.len();
        out.extend([String::new(), format!("Wins ({count}):"), String::new()]);
        out.extend(week.wins());
    }
    if let Some(felt) = week.felt() {
        out.extend([String::new(), format!("{}.", capitalised(&felt))]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(md_escape("read *one* page_"), "read \\*one\\* page\\_");
        assert_eq!(md_escape("***asterisks***"), "\\*\\*\\*asterisks\\*\\*\\*");
        assert_eq!(md_escape("\x1b[2J"), "^\\[\\[2J");
    }

    #[test]
    fn only_what_markdown_reads_is_escaped() {
        // Python-Markdown shows a backslash before &, ~, <, | and =, so
        // those are references, and only where they would be formatting.
        assert_eq!(md_escape("~~strike~~"), "&#126;&#126;strike&#126;&#126;");
        assert_eq!(md_escape("about ~5 minutes"), "about ~5 minutes");
        assert_eq!(md_escape("Tom &amp; Jerry"), "Tom &amp;amp; Jerry");
        assert_eq!(md_escape("R&D & more &#9731;"), "R&D & more &amp;#9731;");
        assert_eq!(
            md_escape("<b>bold</b> <3 a < b"),
            "&lt;b>bold&lt;/b> <3 a < b"
        );
        assert_eq!(md_escape("a | b > c # d"), "a | b > c # d");
        assert_eq!(md_escape("#tag"), "\\#tag");
        assert_eq!(md_escape("> quoted"), "\\> quoted");
        assert_eq!(md_escape("1. first"), "1\\. first");
        assert_eq!(md_escape("snake_case"), "snake\\_case");
    }

    #[test]
    fn paragraphs_keep_their_line_breaks() {
        assert_eq!(md_paragraph("one\n\n  two *\n"), "one  \ntwo \\*");
        assert_eq!(
            md_paragraph("line one\n---\n1. first\n12) twelfth\n+ plus\n2026 went well"),
            "line one  \n\\---  \n1\\. first  \n12\\) twelfth  \n\\+ plus  \n2026 went well"
        );
        assert_eq!(md_paragraph("head\n==="), "head  \n&#61;==");
        assert_eq!(
            md_paragraph("a | b\n|---|---|"),
            "a | b  \n&#124;---&#124;---&#124;"
        );
    }

    #[test]
    fn a_sentence_starts_with_a_capital() {
        assert_eq!(capitalised("average mood 6/10"), "Average mood 6/10");
        assert_eq!(capitalised(""), "");
    }
}
