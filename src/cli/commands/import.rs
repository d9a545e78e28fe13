//! `import FILE`: a smallwins export merged back in; `import --from FORMAT
//! FILE`: history from Loop Habit Tracker, dijo, harsh or jrnl, read by
//! `cli/import/` and checked record by record by the journal's import.
//!
//! JSON: `{file, from, found, changed, added, updated, kept, total,
//! left_out}`; `found` counts the records the file held, as read; `changed` counts added or updated records per kind, `added` and
//! `updated` each part of it, `kept` the records changed in smallwins since
//! an earlier import that stayed as they are, `left_out` is
//! `[{count, what}]`, one entry per kind of thing that could not be brought
//! over as it was (empty for a smallwins export).

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::args::{ImportArgs, ImportFormat, value_name};
use crate::cli::error::Result;
use crate::cli::import;
use crate::cli::output::{Report, lines};
use crate::cli::words::{describe_counts, plural};
use crate::domain::{Journal, Result as DomainResult, Sink};
use crate::model::{Counts, Export};

/// What an import added or updated, and what it left out.
#[derive(Serialize)]
pub struct Imported {
    file: PathBuf,
    from: String,
    /// Records the file held, as read (before they were merged).
    found: u64,
    changed: Counts,
    added: Counts,
    updated: Counts,
    kept: u64,
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
    let (changed, left_out) = match args.from {
        ImportFormat::Smallwins => (
            journal.import_from(import::records_in(&args.file), |sink| {
                import::smallwins::read(&args.file, &mut counted(sink, &mut found))
            })?,
            Vec::new(),
        ),
        format => {
            let (changed, left_out, read) = import::import(format, &args.file, journal)?;
            found = read;
            (changed, left_out.lines())
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
        changed: changed.changed(),
        added: changed.added,
        updated: changed.updated,
        kept: changed.kept,
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

/// "3 wins, 1 reflection": the kinds there are any of.
fn kinds(c: &Counts) -> String {
    let all = describe_counts(c);
    let some: Vec<&str> = all.split(", ").filter(|k| !k.starts_with("0 ")).collect();
    some.join(", ")
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
        let from = if self.from == "smallwins" {
            String::new()
        } else {
            format!(" from {}", source_name(&self.from))
        };
        let (added, updated) = (self.added.total(), self.updated.total());
        let mut out = vec![if self.found == 0 {
            // Nothing in it could come over: say so, not "already had it".
            let why = if self.left_out.is_empty() {
                "it holds no records"
            } else {
                "nothing in it could come over as it was (below)"
            };
            format!("Nothing imported{from} {name}: {why}.")
        } else if self.total == 0 {
            let had = if self.kept == 0 {
                format!(
                    "; the journal already had all {}",
                    plural(self.found, "record", "records")
                )
            } else {
                String::new()
            };
            format!("Nothing new{from} in {name}: 0 records added or updated{had}.")
        } else if updated == 0 {
            format!(
                "Imported{from} {name}: {} added ({}).",
                plural(added, "record", "records"),
                describe_counts(&self.added)
            )
        } else if added == 0 {
            format!(
                "Imported{from} {name}: {} updated ({}).",
                plural(updated, "record", "records"),
                kinds(&self.updated)
            )
        } else {
            format!(
                "Imported{from} {name}: {} added ({}); {updated} updated ({}).",
                plural(added, "record", "records"),
                describe_counts(&self.added),
                kinds(&self.updated)
            )
        }];
        if self.kept > 0 {
            out.push(format!(
                "Left as they are: {} changed in smallwins since an earlier import.",
                plural(self.kept, "record", "records")
            ));
        }
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
