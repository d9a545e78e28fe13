//! Loop Habit Tracker's CSV export: `Habits.csv` and, per habit, `NNN
//! Name/Checkmarks.csv`, in the zip Loop writes or the folder it unzips to
//! (shared/FORMATS.md, section 1). Folders are matched to habits by their
//! number, never by name. Each habit's file is read when its habit's turn
//! comes, so one file is held at a time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::loop_habits::{Entry, LoopHabit, Out, Row, WHAT, zip_refused};
use super::{read_member, text_of, zip};
use crate::cli::error::{CliError, Result};

/// Where the export's files are.
pub enum Source {
    Folder(PathBuf),
    /// The archive, and the path it was opened from.
    Zip(zip::Archive, PathBuf),
}

impl Source {
    pub fn folder(path: &Path) -> Source {
        Source::Folder(path.to_path_buf())
    }

    /// The path a person gave, for sentences.
    fn path(&self) -> &Path {
        match self {
            Source::Folder(dir) | Source::Zip(_, dir) => dir,
        }
    }

    /// A file's bytes by its name in the export, like `002 Water/Checkmarks.csv`,
    /// or `None` if it is not there. A file of the folder that is not a
    /// regular file, or is larger than a habit's export would be, is
    /// refused.
    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        match self {
            Source::Folder(dir) => read_member(&dir.join(name), WHAT),
            Source::Zip(archive, path) => archive
                .read(name, zip::MAX_FILE)
                .map_err(|why| zip_refused(path, &why)),
        }
    }

    /// The per-habit checkmark files by the habit's position number.
    fn checkmarks(&self) -> BTreeMap<u32, String> {
        let names: Vec<String> = match self {
            Source::Zip(archive, _) => archive.names().map(str::to_string).collect(),
            Source::Folder(dir) => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter(|e| e.path().is_dir())
                        .map(|e| format!("{}/Checkmarks.csv", e.file_name().to_string_lossy()))
                        .collect()
                })
                .unwrap_or_default(),
        };
        names
            .into_iter()
            .filter_map(|name| {
                let (folder, file) = name.split_once('/')?;
                let number = folder.get(..3)?.parse::<u32>().ok()?;
                (file == "Checkmarks.csv" && !folder[3..].starts_with(char::is_numeric))
                    .then_some((number, name))
            })
            .collect()
    }
}

/// Every habit of the export and its checkmarks, into `out`.
pub fn read(mut source: Source, out: &mut Out<'_, '_>) -> Result<()> {
    let path = source.path().to_path_buf();
    let not_loop = |why: &str| {
        CliError::Input(format!(
            "{} is not Loop Habit Tracker's CSV export ({why}), so nothing was imported; give {WHAT}.",
            path.display()
        ))
    };
    let habits = source
        .get("Habits.csv")?
        .ok_or_else(|| not_loop("there is no Habits.csv in it"))?;
    let (habits, legacy) = parse_habits(&text_of(habits, &path)?).map_err(|why| not_loop(&why))?;
    let files = source.checkmarks();
    for habit in &habits {
        let Some(file) = files.get(&habit.position) else {
            out.left().add("habit without its Checkmarks.csv (an export of one habit lists every habit)|habits without their Checkmarks.csv (an export of one habit lists every habit)");
            continue;
        };
        let twins = habits.iter().filter(|h| h.name == habit.name).count() > 1;
        let key = if twins {
            format!("{}\u{0}{}", habit.name, habit.position)
        } else {
            habit.name.clone()
        };
        let text = source
            .get(file)?
            .map(|b| text_of(b, &path))
            .transpose()?
            .unwrap_or_default();
        out.habit(habit, &key, legacy, &mut |each| {
            // Values it cannot read are counted once, apart.
            let mut unknown = false;
            for row in csv_rows(&text) {
                if let Some(row) = checkmark(&row, &mut unknown) {
                    each(row)?;
                }
            }
            Ok(())
        })?;
        count_unreadable(&text, out);
    }
    Ok(())
}

/// Counts the rows of a checkmarks file whose value this reader does not
/// know.
fn count_unreadable(text: &str, out: &mut Out<'_, '_>) {
    for row in csv_rows(text) {
        let mut unknown = false;
        checkmark(&row, &mut unknown);
        if unknown {
            out.left().add("checkmark Loop wrote in a way this reader does not know|checkmarks Loop wrote in a way this reader does not know");
        }
    }
}

/// A row of a checkmarks file as a day's entry; `None` for the header or
/// a row without a date (`unknown` set when its value could not be read).
fn checkmark(row: &[String], unknown: &mut bool) -> Option<Row> {
    let (Some(date), Some(value)) = (row.first(), row.get(1)) else {
        return None;
    };
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let Some(entry) = entry(value) else {
        *unknown = true;
        return None;
    };
    Some(Row {
        day,
        entry,
        note: row.get(2).cloned(),
    })
}

/// The habits, and whether the file is the older kind (before v2.3.1).
fn parse_habits(text: &str) -> std::result::Result<(Vec<LoopHabit>, bool), String> {
    let mut rows = csv_rows(text);
    let header = rows.next().ok_or("Habits.csv is empty")?;
    let legacy = match header.get(2).map(String::as_str) {
        Some("Type") => false,
        Some("Question") => true,
        _ => return Err("Habits.csv has columns Loop does not write".into()),
    };
    let mut habits = Vec::new();
    for row in rows {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        let number = |i: usize| cell(i).trim().parse::<u32>().unwrap_or(1);
        let habit = if legacy {
            LoopHabit {
                position: number(0),
                name: cell(1),
                numerical: false,
                description: cell(3),
                times: number(4),
                days: number(5),
                unit: String::new(),
                at_most: false,
                target: 0.0,
                archived: false,
            }
        } else {
            LoopHabit {
                position: number(0),
                name: cell(1),
                numerical: cell(2) == "NUMERICAL",
                description: cell(4),
                times: number(5),
                days: number(6),
                unit: cell(8),
                at_most: cell(9) == "AT_MOST",
                target: cell(10).trim().parse().unwrap_or(0.0),
                archived: cell(11) == "true",
            }
        };
        habits.push(habit);
    }
    Ok((habits, legacy))
}

/// CSV rows as Loop's writer makes them (quoted only when needed), read
/// as they are needed.
fn csv_rows(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records()
        .flatten()
        .map(|r| r.iter().map(str::to_string).collect())
}

fn entry(cell: &str) -> Option<Entry> {
    Some(match cell.trim() {
        "UNKNOWN" => Entry::Unknown,
        "NO" => Entry::No,
        "YES_AUTO" => Entry::Auto,
        "YES_MANUAL" => Entry::Manual,
        "SKIP" => Entry::Skip,
        other => Entry::Number(other.parse().ok()?),
    })
}
