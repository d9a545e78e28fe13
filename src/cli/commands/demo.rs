//! `demo` (a new journal filled with weeks of made-up history) and
//! `--demo` (the full-screen journal on a throwaway one).
//!
//! JSON: `{db, weeks, records}`.
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
use crate::demo;
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
    weeks: u32,
    records: Counts,
}

/// `demo`: fills the new, empty journal at `db`.
pub fn fill(journal: &mut Journal, db: &Path, args: &DemoArgs) -> Result<DemoMade> {
    let weeks = parse::whole_number(args.weeks.as_deref(), 1..=52, DEMO_WEEKS, |text| {
        format!(
            "\"{text}\" is not a number of weeks I can make; give --weeks a whole number from 1 to 52."
        )
    })?;
    if !journal.counts()?.is_empty() {
        return Err(CliError::Input(format!(
            "{} already holds a journal with entries, so the demo left it alone; give --db a new file instead.",
            db.display()
        )));
    }
    let records = demo::fill(journal, weeks)?;
    journal.clear_undo();
    Ok(DemoMade {
        db: db.to_path_buf(),
        weeks,
        records,
    })
}

impl Report for DemoMade {
    fn text(&self) -> String {
        let db = self.db.display();
        lines([
            format!(
                "Made a demo journal with {} of history in {db}: {}.",
                plural(self.weeks, "week", "weeks"),
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
    ui::run(journal, notes).map_err(ui_error)
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
