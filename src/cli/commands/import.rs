//! `import FILE`: a smallwins export merged back in; `import --from FORMAT
//! FILE`: history from Loop Habit Tracker, dijo, harsh or jrnl, read by
//! `cli/import/` and checked record by record by the journal's import.
//!
//! JSON: `{file, from, found, changed, total, left_out}`; `found` counts
//! the records the file held, `changed` added or updated records per kind, `left_out` is `[{count, what}]`, one entry per
//! kind of thing that could not be brought over as it was (empty for a
//! smallwins export).

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::args::{ImportArgs, ImportFormat, value_name};
use crate::cli::error::Result;
use crate::cli::import;
use crate::cli::output::{Report, lines};
use crate::cli::words::{describe_counts, plural};
use crate::domain::{Journal, Result as DomainResult, Sink};
use crate::model::Export;
use crate::store::ImportReport;

/// What an import added or updated, and what it left out.
#[derive(Serialize)]
pub struct Imported {
    file: PathBuf,
    from: String,
    /// Records the file held, as read (before they were merged).
    found: u64,
    changed: ImportReport,
    total: u64,
    left_out: Vec<LeftOutLine>,
}

#[derive(Serialize)]
struct LeftOutLine {
    count: u64,
    what: String,
}

/// `import`.
pub fn import(journal: &mut Journal, args: &ImportArgs) -> Result<Imported> {
    let mut found = 0;
    let expected = import::records_in(&args.file);
    let (changed, left_out) = match args.from {
        ImportFormat::Smallwins => (
            journal.import_from(expected, |sink| {
                import::smallwins::read(&args.file, &mut counted(sink, &mut found))
            })?,
            Vec::new(),
        ),
        // Loop's files go in a habit at a time (a backup can be large).
        ImportFormat::Loop => {
            let place = import::Place {
                today: journal.today(),
                next_position: journal.promises(true)?.len() as i64,
                now: journal.now(),
            };
            let mut left_out = Vec::new();
            let changed = journal.import_from(expected, |sink| {
                let left = import::read_loop(&args.file, place, &mut counted(sink, &mut found))?;
                left_out = left.lines();
                Ok::<_, crate::cli::error::CliError>(())
            })?;
            (changed, left_out)
        }
        format => {
            let plan = import::read(format, &args.file, journal)?;
            let left_out = plan.left_out.lines();
            let data = plan.into_export(journal.now());
            found = data.counts().total();
            let changed = journal.import_owned(data)?;
            (changed, left_out)
        }
    };
    let left_out = left_out
        .into_iter()
        .map(|line| {
            let (count, what) = line.split_once(' ').unwrap_or(("0", &line));
            LeftOutLine {
                count: count.parse().unwrap_or(0),
                what: what.to_string(),
            }
        })
        .collect();
    Ok(Imported {
        file: args.file.clone(),
        from: value_name(args.from),
        found,
        total: changed.total(),
        changed,
        left_out,
    })
}

/// `sink`, counting the records that pass through it into `found`.
fn counted<'s>(
    sink: &'s mut Sink<'_>,
    found: &'s mut u64,
) -> impl FnMut(Export) -> DomainResult<()> + 's {
    move |batch: Export| {
        *found += batch.counts().total();
        sink(batch)
    }
}

/// How a person knows the tracker.
fn source_name(from: &str) -> &str {
    match from {
        "loop" => "Loop Habit Tracker",
        other => other,
    }
}

impl Report for Imported {
    fn text(&self) -> String {
        let name = self.file.display();
        let r = &self.changed;
        let from = if self.from == "smallwins" {
            String::new()
        } else {
            format!(" from {}", source_name(&self.from))
        };
        let mut out = vec![if self.found == 0 {
            // Nothing in it could come over: say so, not "already had it".
            let why = if self.left_out.is_empty() {
                "it holds no records"
            } else {
                "nothing in it could come over as it was (below)"
            };
            format!("Nothing imported{from} from {name}: {why}.")
        } else if self.total == 0 {
            format!(
                "Nothing new{from} in {name}: 0 records added or updated; the journal already had all {}.",
                plural(self.found, "record", "records")
            )
        } else {
            format!(
                "Imported{from} {name}: {} added or updated ({}).",
                plural(self.total, "record", "records"),
                describe_counts(r)
            )
        }];
        if !self.left_out.is_empty() {
            out.push("Not brought over as it was:".into());
            out.extend(
                self.left_out
                    .iter()
                    .map(|l| format!("  {} {}", l.count, l.what)),
            );
        }
        lines(out)
    }
}
