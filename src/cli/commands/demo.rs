//! `demo` (a new journal filled with weeks of made-up history) and
//! `--demo` (the full-screen journal on a throwaway one).
//!
//! JSON: `{db, weeks, records}`, or `{db, years, heavy, records}` for
//! `--years` (`heavy` only when true).
//!
//! Uses the demo generator (`crate::demo`) and, for `--demo`, `ui::run`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::args::DemoArgs;
use crate::cli::error::{CliError, Result, io_reason, ui_error};
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{describe_counts, plural};
use crate::config::Config;
use crate::demo::{self, Scale};
use crate::domain::model;
use crate::domain::{Clock, Journal};
use crate::store::Counts;
use crate::ui;

/// Weeks of history `smallwins demo` and `smallwins --demo` make by default.
const DEMO_WEEKS: u32 = 8;

/// A demo journal just made.
#[derive(Serialize)]
pub struct DemoMade {
    db: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    heavy: bool,
    records: Counts,
}

/// How much history the demo makes.
enum Span {
    Weeks(u32),
    Years(u32, Scale),
}

/// `demo`: fills the new, empty journal at `db`.
pub fn fill(journal: &mut Journal, db: &Path, args: &DemoArgs) -> Result<DemoMade> {
    let span = span(args)?;
    if !journal.counts()?.is_empty() {
        return Err(CliError::Input(format!(
            "{} already holds a journal with entries, so the demo left it alone; give --db a new file instead.",
            db.display()
        )));
    }
    let records = match span {
        Span::Weeks(weeks) => demo::fill(journal, weeks)?,
        Span::Years(years, scale) => demo::fill_years(journal, years, scale)?,
    };
    journal.clear_undo();
    let (weeks, years, heavy) = match span {
        Span::Weeks(weeks) => (Some(weeks), None, false),
        Span::Years(years, scale) => (None, Some(years), scale == Scale::Heavy),
    };
    Ok(DemoMade {
        db: db.to_path_buf(),
        weeks,
        years,
        heavy,
        records,
    })
}

/// Weeks, or years with their scale, as the arguments ask.
fn span(args: &DemoArgs) -> Result<Span> {
    if args.weeks.is_some() && args.years.is_some() {
        return Err(CliError::Input(
            "--weeks and --years both say how much history to make; give one of them.".into(),
        ));
    }
    if args.years.is_none() {
        if args.heavy {
            return Err(CliError::Input(
                "--heavy makes years of history at scale; add --years N, like --years 10 --heavy."
                    .into(),
            ));
        }
        let weeks = parse::whole_number(args.weeks.as_deref(), 1..=52, DEMO_WEEKS, |text| {
            format!(
                "\"{text}\" is not a number of weeks I can make; give --weeks a whole number from 1 to 52."
            )
        })?;
        return Ok(Span::Weeks(weeks));
    }
    let years = parse::whole_number(args.years.as_deref(), 1..=demo::MAX_YEARS, 1, |text| {
        format!(
            "\"{text}\" is not a number of years I can make; give --years a whole number from 1 to {}.",
            demo::MAX_YEARS
        )
    })?;
    let scale = if args.heavy {
        Scale::Heavy
    } else {
        Scale::Standard
    };
    Ok(Span::Years(years, scale))
}

impl Report for DemoMade {
    fn text(&self) -> String {
        let db = self.db.display();
        let span = match (self.weeks, self.years) {
            (_, Some(years)) => plural(years, "year", "years"),
            (weeks, None) => plural(weeks.unwrap_or(DEMO_WEEKS), "week", "weeks"),
        };
        lines([
            format!(
                "Made a demo journal with {span} of history in {db}: {}.",
                describe_counts(&self.records)
            ),
            format!("Open it with `smallwins --db {db}`."),
        ])
    }
}

/// `smallwins --demo`: a throwaway journal in a fresh private folder,
/// opened full-screen (with `notes` about the config in its message line)
/// and deleted afterwards.
pub fn window(clock: Clock, config: Config, notes: Vec<String>) -> Result<()> {
    let folder = DemoFolder::create()?;
    let mut journal = Journal::open(&folder.path.join("journal.db"), clock, config)?;
    demo::fill(&mut journal, DEMO_WEEKS)?;
    journal.clear_undo();
    ui::run_demo(journal, notes).map_err(ui_error)
}

/// A private temporary folder, removed when dropped (also on a panic).
struct DemoFolder {
    path: PathBuf,
}

impl DemoFolder {
    fn create() -> Result<DemoFolder> {
        let path = std::env::temp_dir().join(format!("smallwins-demo-{}", model::new_id()));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path).map_err(|e| {
            CliError::Failed(format!(
                "A folder for the demo could not be made in {}: {}.",
                std::env::temp_dir().display(),
                io_reason(&e)
            ))
        })?;
        Ok(DemoFolder { path })
    }
}

impl Drop for DemoFolder {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.path).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_folder_is_private_and_removed_afterwards() {
        let folder = DemoFolder::create().expect("created");
        let path = folder.path.clone();
        assert!(path.starts_with(std::env::temp_dir()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        fs::write(path.join("journal.db"), b"x").expect("write");
        drop(folder);
        assert!(!path.exists());
    }
}
