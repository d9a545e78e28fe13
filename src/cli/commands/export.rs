//! `export` (the journal as JSON, CSV or a Markdown weekly summary), and
//! reading a JSON export back for `import` (`import.rs`).
//!
//! JSON: without `--out` the export itself is printed, whatever `--json`
//! says; with `--out`, `{out, format, records}`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::args::{ExportArgs, ExportFormat, value_name};
use crate::cli::error::{CliError, Result, io_reason};
use crate::cli::output::{Printout, Report, lines, refuse_existing, to_json_exact, write_new_file};
use crate::cli::words::describe_counts;
use crate::cli::{csv, markdown};
use crate::domain::Journal;
use crate::store::{self, Counts, Export, ImportReport};

/// An export written to a new file.
#[derive(Serialize)]
pub struct Exported {
    out: PathBuf,
    format: String,
    records: Counts,
}

/// `export`.
pub fn export(journal: &Journal, args: &ExportArgs) -> Result<Printout<Exported>> {
    if let Some(out) = &args.out {
        refuse_existing(out, "export")?;
    }
    let day = |text: &Option<String>| text.as_deref().map(|d| journal.parse_day(d)).transpose();
    let (from, to) = (day(&args.from)?, day(&args.to)?);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::Input(format!(
            "--from {from} comes after --to {to}; give the earlier day to --from."
        )));
    }
    let data = journal.export(from, to)?;
    let text = match args.format {
        // Exactly as stored, so an import brings back the same records.
        ExportFormat::Json => to_json_exact(&data)?,
        ExportFormat::Csv => csv::csv(&data)?,
        ExportFormat::Markdown => markdown::summary(journal, &data, from, to)?,
    };
    let Some(out) = &args.out else {
        return Ok(Printout::AsIs(text));
    };
    // A CSV file starts with a byte-order mark, so that a spreadsheet
    // opened by a double click (Excel) reads it as UTF-8 rather than
    // garbling every accent; printed CSV has none, for scripts.
    let text = match args.format {
        ExportFormat::Csv => format!("\u{feff}{text}"),
        _ => text,
    };
    write_new_file(out, &text, "export")?;
    Ok(Printout::Report(Exported {
        out: out.clone(),
        format: value_name(args.format),
        records: export_counts(&data),
    }))
}

impl Report for Exported {
    fn text(&self) -> String {
        lines([format!(
            "Exported {} as {} to {}.",
            describe_counts(&self.records),
            self.format,
            self.out.display()
        )])
    }
}

fn export_counts(data: &Export) -> Counts {
    Counts {
        promises: data.promises.len() as u64,
        checks: data.checks.len() as u64,
        wins: data.wins.len() as u64,
        checkins: data.checkins.len() as u64,
        reflections: data.reflections.len() as u64,
        reviews: data.reviews.len() as u64,
    }
}

/// `import FILE`: a smallwins export merged in (see `import.rs`).
pub fn import(journal: &mut Journal, file: &Path) -> Result<ImportReport> {
    let data = read_export(file)?;
    Ok(journal.import(&data)?)
}

/// Reads a file made by `smallwins export --format json`.
fn read_export(path: &Path) -> Result<Export> {
    let name = path.display();
    let bytes = fs::read(path).map_err(|e| {
        CliError::Input(format!(
            "{name} could not be read ({}); give the path of a file made by `smallwins export`.",
            io_reason(&e)
        ))
    })?;
    let not_export = |why: String| {
        CliError::Input(format!(
            "{name} is not a smallwins export ({why}); make one with `smallwins export --format json`."
        ))
    };
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        not_export(format!(
            "it is not JSON: line {}, column {}",
            e.line(),
            e.column()
        ))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(store::EXPORT_FORMAT) {
        return Err(not_export(format!(
            "it has no \"format\": \"{}\" marker",
            store::EXPORT_FORMAT
        )));
    }
    <Export as serde::Deserialize>::deserialize(&value).map_err(|e| {
        // Name the record that does not fit, when one is to blame.
        if let Some(record) = store::misfit(&value) {
            return CliError::Input(format!(
                "Nothing was imported: {record}; fix that record in the file and import it again."
            ));
        }
        let why = e.to_string();
        let why = why
            .split(" at line")
            .next()
            .unwrap_or(&why)
            .replace('`', "\"");
        not_export(format!("its records do not fit: {why}"))
    })
}
