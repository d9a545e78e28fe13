//! `export` (the journal as JSON, CSV or a Markdown weekly summary), and
//! reading a JSON export back for `import` (`import.rs`).
//!
//! JSON: without `--out` the export itself is printed, whatever `--json`
//! says; with `--out`, `{out, format, records}`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::args::{ExportArgs, ExportFormat, value_name};
use crate::cli::error::{CliError, Result};
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

/// `import FILE`: a smallwins export merged in (see `import.rs`).
pub fn import(journal: &mut Journal, file: &Path) -> Result<ImportReport> {
    let data = read_export(file)?;
    Ok(journal.import_owned(data)?)
}

/// What `import FILE` asks for, in its messages.
const EXPORT_FILE: &str = "a file made by `smallwins export`";

/// The largest export whose records that do not fit are named one by one
/// (it is read whole for that, once, only when it was refused).
const NAMED_MISFITS_UP_TO: u64 = 64 << 20;

/// Reads a file made by `smallwins export --format json`, straight from
/// the file into records: neither the file's bytes nor a JSON tree of it
/// are held beside them.
fn read_export(path: &Path) -> Result<Export> {
    let capped = crate::cli::import::open_file(path, EXPORT_FILE)?;
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(capped));
    let read = <Export as serde::Deserialize>::deserialize(&mut de).and_then(|data| {
        de.end()?;
        Ok(data)
    });
    let data = match read {
        Ok(data) => data,
        Err(e) if e.is_io() => {
            return Err(crate::cli::import::unreadable_io(
                path,
                EXPORT_FILE,
                e.into(),
            ));
        }
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(not_export(
                path,
                format!("it is not JSON: line {}, column {}", e.line(), e.column()),
            ));
        }
        Err(e) => return Err(misfit(path, &e)),
    };
    if data.format != store::EXPORT_FORMAT {
        return Err(not_marked(path));
    }
    Ok(data)
}

fn not_export(path: &Path, why: String) -> CliError {
    CliError::Input(format!(
        "{} is not a smallwins export ({why}); make one with `smallwins export --format json`.",
        path.display()
    ))
}

fn not_marked(path: &Path) -> CliError {
    not_export(
        path,
        format!("it has no \"format\": \"{}\" marker", store::EXPORT_FORMAT),
    )
}

/// Why the records of an export do not fit: the record to blame, named,
/// when one is (read again as a JSON tree, for a file of at most
/// [`NAMED_MISFITS_UP_TO`]); otherwise serde's words.
fn misfit(path: &Path, e: &serde_json::Error) -> CliError {
    let value = std::fs::metadata(path)
        .ok()
        .filter(|m| m.len() <= NAMED_MISFITS_UP_TO)
        .and_then(|_| crate::cli::import::read_file(path, EXPORT_FILE).ok())
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    if let Some(value) = &value {
        if value.get("format").and_then(|f| f.as_str()) != Some(store::EXPORT_FORMAT) {
            return not_marked(path);
        }
        if let Some(record) = store::misfit(value) {
            return CliError::Input(format!(
                "Nothing was imported: {record}; fix that record in the file and import it again."
            ));
        }
    }
    let why = e.to_string();
    let why = why
        .split(" at line")
        .next()
        .unwrap_or(&why)
        .replace('`', "\"");
    not_export(path, format!("its records do not fit: {why}"))
}
