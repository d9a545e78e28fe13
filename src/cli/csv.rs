//! The CSV export: one flat table of day records, made from an
//! [`Export`], with every cell that holds a person's words kept from
//! driving a terminal or opening as a spreadsheet formula.
//!
//! Uses the store's export records and `crate::text` only.

use chrono::NaiveDate;
use serde::Serialize;

use super::error::{CliError, Result};
use crate::domain::model::format_amount;
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

/// Where a row goes: by day, then check-in (0), checks (1, in list order),
/// wins (2), reflection (3).
type Order = (NaiveDate, u8, usize);

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
pub fn csv(data: &Export) -> Result<String> {
    let mut rows: Vec<(Order, CsvRow)> = Vec::new();
    rows.extend(checkin_rows(data));
    rows.extend(check_rows(data));
    rows.extend(win_rows(data));
    rows.extend(reflection_rows(data));
    rows.sort_by_key(|(order, _)| *order);
    let failed =
        |e: &dyn std::fmt::Display| CliError::Failed(format!("The CSV could not be written: {e}."));
    let mut writer = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(|e| failed(&e))?;
    for (_, row) in &rows {
        writer.serialize(row).map_err(|e| failed(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.error()))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

fn checkin_rows(data: &Export) -> impl Iterator<Item = (Order, CsvRow)> + '_ {
    data.checkins.iter().map(|c| {
        let row = CsvRow {
            kind: "checkin",
            day: c.day,
            text: c.intention.as_deref().map(cell),
            confidence: c.confidence,
            ..CsvRow::default()
        };
        ((c.day, 0, 0), row)
    })
}

fn check_rows(data: &Export) -> impl Iterator<Item = (Order, CsvRow)> + '_ {
    data.checks.iter().map(|c| {
        let position = data.promises.iter().position(|p| p.id == c.promise_id);
        let promise = position.and_then(|i| data.promises.get(i));
        let row = CsvRow {
            kind: "check",
            day: c.day,
            // The promise as it read that day.
            promise: promise.map(|p| cell(p.text_on(c.day))),
            status: Some(c.status.as_str()),
            amount: c.amount.map(amount_cell),
            unit: promise.and_then(|p| p.unit.as_deref()).map(cell),
            area: promise.and_then(|p| p.area.as_deref()).map(cell),
            note: c.note.as_deref().map(cell),
            lesson: c.lesson.as_deref().map(cell),
            ..CsvRow::default()
        };
        ((c.day, 1, position.unwrap_or(usize::MAX)), row)
    })
}

fn win_rows(data: &Export) -> impl Iterator<Item = (Order, CsvRow)> + '_ {
    data.wins.iter().enumerate().map(|(i, w)| {
        let row = CsvRow {
            kind: "win",
            day: w.day,
            // A win has no status of its own: a private one says so here.
            status: w.private.then_some("private"),
            text: Some(cell(&w.text)),
            area: w.area.as_deref().map(cell),
            ..CsvRow::default()
        };
        ((w.day, 2, i), row)
    })
}

fn reflection_rows(data: &Export) -> impl Iterator<Item = (Order, CsvRow)> + '_ {
    data.reflections.iter().map(|r| {
        let answers: Vec<String> = r.answers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let row = CsvRow {
            kind: "reflection",
            day: r.day,
            text: (!answers.is_empty()).then(|| cell(&answers.join("\n"))),
            mood: r.mood,
            confidence: r.confidence,
            ..CsvRow::default()
        };
        ((r.day, 3, 0), row)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_run_as_formulas_open_as_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("a walk"), "a walk");
        assert_eq!(cell("\x1b[2J"), "^[[2J");
        assert_eq!(amount_cell(-1.0), "-1");
    }
}
