//! `export` (the journal as JSON, CSV or a Markdown weekly summary); a
//! JSON export is read back for `import` by `cli/import/smallwins.rs`.
//!
//! JSON: without `--out` the export itself is printed, whatever `--json`
//! says; with `--out`, `{out, format, records}`.

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::args::{ExportArgs, ExportFormat, value_name};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Printout, Report, lines, refuse_existing, to_json_exact, write_new_file};
use crate::cli::words::describe_counts;
use crate::cli::{csv, markdown};
use crate::domain::Journal;
use crate::store::Counts;

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
        records: data.counts(),
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
