//! The CSV and Markdown exports, made from an [`Export`] and the
//! journal's week summaries.

use chrono::NaiveDate;
use serde::Serialize;

use super::{CliError, Result, lines, long_short_day};
use crate::domain::model::format_amount;
use crate::domain::{Journal, PromiseWeek, Schedule, Win};
use crate::store::Export;
use crate::text::printable;

/// The CSV columns, in the order of [`CsvRow`]'s fields.
const CSV_HEADER: [&str; 12] = [
    "type",
    "day",
    "promise",
    "status",
    "amount",
    "unit",
    "text",
    "area",
    "note",
    "lesson",
    "mood",
    "confidence",
];

/// One row of the CSV export; empty columns are left blank. Every column
/// that holds a person's words is made by [`cell`].
#[derive(Serialize, Default)]
struct CsvRow {
    #[serde(rename = "type")]
    kind: &'static str,
    day: NaiveDate,
    promise: Option<String>,
    status: Option<&'static str>,
    amount: Option<String>,
    unit: Option<String>,
    text: Option<String>,
    area: Option<String>,
    note: Option<String>,
    lesson: Option<String>,
    mood: Option<u8>,
    confidence: Option<u8>,
}

/// What a spreadsheet reads as the start of a formula (OWASP's list for CSV
/// injection): `=`, `+`, `-`, `@`, a tab or a carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A person's words as one CSV cell: control characters in caret notation
/// (as on the terminal), and a cell a spreadsheet would run as a formula
/// (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`) gets a leading `'`, so it opens as
/// the text it is.
fn cell(text: &str) -> String {
    let shown = printable(text);
    if shown.starts_with(FORMULA_STARTS) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    }
}

/// An amount we write ourselves stays a number, even a negative one from an
/// old journal (`-1` is the number −1 to a spreadsheet, not a formula);
/// anything that is not a finite number goes through [`cell`].
fn amount_cell(amount: f64) -> String {
    let text = format_amount(amount);
    if amount.is_finite() {
        text
    } else {
        cell(&text)
    }
}

/// One flat table of day records, in the order a day goes: check-in,
/// checks (in list order), wins, reflection.
pub(super) fn csv(data: &Export) -> Result<String> {
    let mut rows: Vec<((NaiveDate, u8, usize), CsvRow)> = Vec::new();
    for c in &data.checkins {
        rows.push((
            (c.day, 0, 0),
            CsvRow {
                kind: "checkin",
                day: c.day,
                text: c.intention.as_deref().map(cell),
                confidence: c.confidence,
                ..CsvRow::default()
            },
        ));
    }
    for c in &data.checks {
        let position = data.promises.iter().position(|p| p.id == c.promise_id);
        let promise = position.and_then(|i| data.promises.get(i));
        rows.push((
            (c.day, 1, position.unwrap_or(usize::MAX)),
            CsvRow {
                kind: "check",
                day: c.day,
                promise: promise.map(|p| cell(&p.text)),
                status: Some(c.status.as_str()),
                amount: c.amount.map(amount_cell),
                unit: promise.and_then(|p| p.unit.as_deref()).map(cell),
                area: promise.and_then(|p| p.area.as_deref()).map(cell),
                note: c.note.as_deref().map(cell),
                lesson: c.lesson.as_deref().map(cell),
                ..CsvRow::default()
            },
        ));
    }
    for (i, w) in data.wins.iter().enumerate() {
        rows.push((
            (w.day, 2, i),
            CsvRow {
                kind: "win",
                day: w.day,
                text: Some(cell(&w.text)),
                area: w.area.as_deref().map(cell),
                ..CsvRow::default()
            },
        ));
    }
    for r in &data.reflections {
        let answers: Vec<String> = r.answers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        rows.push((
            (r.day, 3, 0),
            CsvRow {
                kind: "reflection",
                day: r.day,
                text: (!answers.is_empty()).then(|| cell(&answers.join("\n"))),
                mood: r.mood,
                confidence: r.confidence,
                ..CsvRow::default()
            },
        ));
    }
    rows.sort_by_key(|(order, _)| *order);
    let failed =
        |e: &dyn std::fmt::Display| CliError::Failed(format!("The CSV could not be written: {e}."));
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(|e| failed(&e))?;
    for (_, row) in &rows {
        writer.serialize(row).map_err(|e| failed(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.error()))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

/// A weekly summary to share with one trusted person: per week, how often
/// each promise was kept, the wins, and average mood and confidence.
pub(super) fn markdown(
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
    let mut out = vec![
        "# Small wins: weekly summary".to_string(),
        String::new(),
        format!(
            "Weeks from {} to {}. Kept means the whole promise; partly kept counts as showing up too.",
            long_short_day(first_week),
            long_short_day(last_week + chrono::Duration::days(6))
        ),
    ];
    let mut week = first_week;
    while week <= last_week {
        out.extend(markdown_week(journal, data, week)?);
        week += chrono::Duration::days(7);
    }
    Ok(lines(out))
}

fn markdown_week(journal: &Journal, data: &Export, start: NaiveDate) -> Result<Vec<String>> {
    let summary = journal.week(start)?;
    let end = start + chrono::Duration::days(6);
    let mut out = vec![
        String::new(),
        format!("## Week of {}", long_short_day(start)),
        String::new(),
    ];
    let mut any = false;
    if !summary.promises.is_empty() {
        any = true;
        out.push("Promises:".into());
        out.push(String::new());
        for row in &summary.promises {
            let times = data
                .promises
                .iter()
                .find(|p| p.id == row.promise_id)
                .is_some_and(|p| matches!(p.schedule, Schedule::TimesPerWeek { .. }));
            out.push(format!(
                "- {}: {}",
                md_escape(&row.text),
                kept_words(row, times)
            ));
        }
        let (showed, asked) = summary.totals();
        if asked > 0 {
            out.push(String::new());
            let days = if asked == 1 { "day" } else { "days" };
            out.push(format!("Showed up on {showed} of {asked} asked {days}."));
        }
    }
    let wins: Vec<&Win> = data
        .wins
        .iter()
        .filter(|w| w.day >= start && w.day <= end)
        .collect();
    if !wins.is_empty() {
        any = true;
        out.push(String::new());
        out.push(format!("Wins ({}):", wins.len()));
        out.push(String::new());
        for w in wins {
            let area = w
                .area
                .as_ref()
                .map(|a| format!(" ({})", md_escape(a)))
                .unwrap_or_default();
            out.push(format!(
                "- {}: {}{area}",
                w.day.format("%a %-d %b"),
                md_escape(&w.text.replace('\n', " "))
            ));
        }
    }
    let mut feelings = Vec::new();
    if let Some(mood) = summary.average_mood {
        feelings.push(format!(
            "average mood {}/10",
            format_amount((mood * 10.0).round() / 10.0)
        ));
    }
    if let Some(confidence) = summary.average_confidence {
        feelings.push(format!(
            "average confidence {}/10",
            format_amount((confidence * 10.0).round() / 10.0)
        ));
    }
    if !feelings.is_empty() {
        any = true;
        out.push(String::new());
        let mut text = feelings.join(", ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        out.push(format!("{text}."));
    }
    if !any {
        out.push("Nothing recorded this week.".into());
    }
    Ok(out)
}

/// How one promise's week went: "kept 5 of 6 days", "kept 1 of 3 times,
/// partly kept 1", "kept on 4 days (3 asked)". `times` is for an
/// N-times-a-week promise, counted in times rather than days.
pub(super) fn kept_words(row: &PromiseWeek, times: bool) -> String {
    let unit = |n: u32| match (times, n) {
        (true, 1) => "time",
        (true, _) => "times",
        (false, 1) => "day",
        (false, _) => "days",
    };
    let (kept, asked) = (row.kept, row.asked);
    let mut line = if asked == 0 && kept == 0 {
        "not asked for yet this week".to_string()
    } else if kept > asked {
        format!("kept on {kept} {} ({asked} asked)", unit(kept))
    } else {
        format!("kept {kept} of {asked} {}", unit(asked))
    };
    if row.partial > 0 {
        line.push_str(&format!(", partly kept {}", row.partial));
    }
    line
}

/// Escapes the characters Markdown would read as formatting, after
/// control characters are put in caret notation (so the `[` of `^[` is
/// escaped too and the summary shows `^[` as it is).
pub(super) fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(md_escape("read *one* page_"), "read \\*one\\* page\\_");
        assert_eq!(md_escape("\x1b[2J"), "^\\[\\[2J");
    }
}
