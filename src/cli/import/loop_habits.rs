//! Loop Habit Tracker's CSV export: `Habits.csv` and, per habit, `NNN
//! Name/Checkmarks.csv`, in the zip Loop writes or the folder it unzips to
//! (shared/FORMATS.md, section 1, has the facts this follows).
//!
//! - A habit becomes a promise: its name the text, its frequency the
//!   schedule (3 per 7 days is 3 times a week; others the nearest number of
//!   times a week), a numerical habit a measure with its unit and target,
//!   an archived habit archived after its last record.
//! - A checkmark entered by hand becomes kept, "no" missed, an amount kept
//!   or partly kept by the target, its note the check's note. The marks
//!   Loop works out from the frequency (YES_AUTO) were never marked and
//!   stay out, as do skipped days (smallwins leaves a day unmarked).
//! - Folders are matched to habits by their number, never by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{
    Dest, Habit, LeftOut, Plan, day_fits, read_file, read_member, schedule_for, stable_id, text_of,
    zip,
};
use crate::cli::error::{CliError, Result};
use crate::domain::Status;

const FORMAT: &str = "loop";

/// Where the export's files are.
enum Source {
    Folder(PathBuf),
    Zip(BTreeMap<String, Vec<u8>>),
}

impl Source {
    fn open(path: &Path) -> Result<Source> {
        if path.is_dir() {
            return Ok(Source::Folder(path.to_path_buf()));
        }
        let bytes = read_file(
            path,
            "Loop's CSV export (the zip, or the folder it unzips to)",
        )?;
        if zip::is_zip(&bytes) {
            return zip::files(&bytes).map(Source::Zip).map_err(|why| {
                CliError::Input(format!(
                    "{} could not be read: the zip {why}; export again from Loop, or unzip it and import the folder.",
                    path.display()
                ))
            });
        }
        // Habits.csv itself: its folder holds the rest.
        let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Ok(Source::Folder(folder))
    }

    /// A file's bytes by its name in the export, like `002 Water/Checkmarks.csv`,
    /// or `None` if it is not there. A file of the folder that is not a
    /// regular file, or is larger than a habit's export would be, is
    /// refused.
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>> {
        match self {
            Source::Folder(dir) => read_member(
                &dir.join(name),
                "Loop's CSV export (the zip, or the folder it unzips to)",
            ),
            Source::Zip(files) => Ok(files.get(name).cloned()),
        }
    }

    /// The per-habit checkmark files by the habit's position number.
    fn checkmarks(&self) -> BTreeMap<u32, String> {
        let names: Vec<String> = match self {
            Source::Zip(files) => files.keys().cloned().collect(),
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

/// One row of Habits.csv.
struct LoopHabit {
    position: u32,
    name: String,
    numerical: bool,
    description: String,
    times: u32,
    days: u32,
    unit: String,
    at_most: bool,
    target: f64,
    archived: bool,
}

pub fn read(path: &Path, into: &Dest) -> Result<Plan> {
    let source = Source::open(path)?;
    let not_loop = |why: &str| {
        CliError::Input(format!(
            "{} is not Loop Habit Tracker's CSV export ({why}); export it from Loop's settings and give the zip, or the folder it unzips to.",
            path.display()
        ))
    };
    let habits = source
        .get("Habits.csv")?
        .ok_or_else(|| not_loop("there is no Habits.csv in it"))?;
    let (habits, legacy) = parse_habits(&text_of(habits, path)?).map_err(|why| not_loop(&why))?;
    let files = source.checkmarks();
    let mut plan = Plan::default();
    let names: Vec<&str> = habits.iter().map(|h| h.name.as_str()).collect();
    for habit in &habits {
        let Some(file) = files.get(&habit.position) else {
            plan.left_out.add("habit without its Checkmarks.csv (an export of one habit lists every habit)|habits without their Checkmarks.csv (an export of one habit lists every habit)");
            continue;
        };
        let twins = names.iter().filter(|n| **n == habit.name).count() > 1;
        let key = if twins {
            format!("{}\u{0}{}", habit.name, habit.position)
        } else {
            habit.name.clone()
        };
        let text = source
            .get(file)?
            .map(|b| text_of(b, path))
            .transpose()?
            .unwrap_or_default();
        add_habit(habit, &key, &text, legacy, into, &mut plan);
    }
    Ok(plan)
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

/// CSV rows as Loop's writer makes them (quoted only when needed).
fn csv_rows(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records()
        .flatten()
        .map(|r| r.iter().map(str::to_string).collect())
        .collect::<Vec<_>>()
        .into_iter()
}

/// What one day's cell says.
enum Entry {
    Unknown,
    No,
    Auto,
    Manual,
    Skip,
    /// A raw number: a code for yes/no habits, thousandths for numerical.
    Number(i64),
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

fn add_habit(
    h: &LoopHabit,
    key: &str,
    checkmarks: &str,
    legacy: bool,
    into: &Dest,
    plan: &mut Plan,
) {
    let left = &mut plan.left_out;
    let (schedule, exact) = schedule_for(h.times, h.days);
    if !exact {
        left.add("habit whose frequency became the nearest number of times a week|habits whose frequency became the nearest number of times a week");
    }
    if !h.description.trim().is_empty() {
        left.add("habit description (smallwins has no place for one)|habit descriptions (smallwins has no place for one)");
    }
    let measured = h.numerical && !h.at_most && h.target > 0.0;
    if h.numerical && !measured {
        left.add("numerical habit with an \"at most\" or zero target became a yes/no promise, its amounts in the notes|numerical habits with an \"at most\" or zero target became yes/no promises, their amounts in the notes");
    }
    let habit = Habit {
        id: stable_id(FORMAT, &["habit", key]),
        text: h.name.clone(),
        area: None,
        schedule,
        measure: measured.then(|| (unit_of(h), h.target)),
        retired_after: None,
        archived: h.archived,
    };
    let rules = Rules {
        loop_habit: h,
        measured,
        legacy,
    };
    let days = rules.checks(&habit, checkmarks, into, plan);
    let index = plan.promises.len();
    plan.promises.push(habit.promise(&days, into, index));
}

/// How one habit's checkmarks are read.
struct Rules<'a> {
    loop_habit: &'a LoopHabit,
    /// Whether it became a measured promise.
    measured: bool,
    /// Whether the export is the older kind.
    legacy: bool,
}

impl Rules<'_> {
    /// The habit's checks, added to `plan`; the days they are for.
    fn checks(
        &self,
        habit: &Habit,
        checkmarks: &str,
        into: &Dest,
        plan: &mut Plan,
    ) -> Vec<NaiveDate> {
        let (h, measured, legacy) = (self.loop_habit, self.measured, self.legacy);
        let left = &mut plan.left_out;
        let mut days = Vec::new();
        for row in csv_rows(checkmarks) {
            let (Some(date), Some(value)) = (row.first(), row.get(1)) else {
                continue;
            };
            let Ok(day) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") else {
                continue; // the header
            };
            let note = row.get(2).cloned().filter(|n| !n.trim().is_empty());
            let Some(entry) = entry(value) else {
                left.add("checkmark Loop wrote in a way this reader does not know|checkmarks Loop wrote in a way this reader does not know");
                continue;
            };
            let Some((status, amount)) = mark(h, measured, legacy, entry, left) else {
                if note.is_some() {
                    left.add("note on a day without a mark|notes on days without a mark");
                }
                continue;
            };
            if !day_fits(day, into, left) {
                continue;
            }
            let note = match (measured, h.numerical, amount) {
                (false, true, Some(a)) => Some(join_note(
                    &format!("{} {}", crate::domain::model::format_amount(a), unit_of(h)),
                    note,
                )),
                _ => note,
            };
            plan.checks.push(habit.check(day, status, amount, note));
            days.push(day);
        }
        days
    }
}

/// The unit of a numerical habit, or a plain word when it has none.
fn unit_of(h: &LoopHabit) -> String {
    let unit = h.unit.split_whitespace().collect::<Vec<_>>().join(" ");
    if unit.is_empty() {
        "times".into()
    } else {
        unit
    }
}

fn join_note(first: &str, note: Option<String>) -> String {
    match note {
        Some(n) => format!("{first} · {n}"),
        None => first.to_string(),
    }
}

/// The status (and amount) a day's entry comes to, or `None` for a day
/// that stays unmarked (counted in `left` when it said something).
fn mark(
    h: &LoopHabit,
    measured: bool,
    legacy: bool,
    entry: Entry,
    left: &mut LeftOut,
) -> Option<(Status, Option<f64>)> {
    if h.numerical {
        let thousandths = match entry {
            Entry::Unknown | Entry::Number(-1) => return None,
            Entry::Skip => {
                left.add("skipped day (smallwins leaves it unmarked)|skipped days (smallwins leaves them unmarked)");
                return None;
            }
            Entry::No => 0,
            Entry::Auto => 1,
            Entry::Manual => 2,
            Entry::Number(n) => n,
        };
        let amount = thousandths.max(0) as f64 / 1000.0;
        let status = if measured || amount > 0.0 {
            Status::Kept
        } else {
            Status::Missed
        };
        let status = match (h.at_most, measured) {
            (true, _) if amount > h.target => Status::Missed,
            (true, _) => Status::Kept,
            _ => status,
        };
        return Some((status, Some(amount)));
    }
    let code = match entry {
        Entry::Unknown => -1,
        Entry::No => 0,
        Entry::Auto => 1,
        Entry::Manual => 2,
        Entry::Skip => 3,
        Entry::Number(n) => n,
    };
    match code {
        2 => Some((Status::Kept, None)),
        // Older exports fill every day without a check with 0.
        0 if !legacy => Some((Status::Missed, None)),
        1 => {
            left.add("mark Loop worked out from the frequency (never marked by hand)|marks Loop worked out from the frequency (never marked by hand)");
            None
        }
        3 => {
            left.add("skipped day (smallwins leaves it unmarked)|skipped days (smallwins leaves them unmarked)");
            None
        }
        _ => None,
    }
}
