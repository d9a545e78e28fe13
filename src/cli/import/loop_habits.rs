//! Loop Habit Tracker: its backup (the `.db` of Settings → Export full
//! backup, bare or zipped, read by `loop_db.rs`) or its CSV export (the zip
//! or the folder it unzips to, read by `loop_csv.rs`). shared/FORMATS.md,
//! section 1, has the facts the CSV reader follows; Loop's own schema
//! (tables `Habits` and `Repetitions`) those of the backup.
//!
//! - A habit becomes a promise: its name the text, its frequency the
//!   schedule (3 per 7 days is 3 times a week; one smallwins cannot keep,
//!   like 1 in 30 days, becomes the nearest number of times a week and is
//!   named in the summary), a numerical habit a measure with its unit and
//!   target, an archived habit archived after its last record.
//! - A checkmark entered by hand becomes kept, "no" missed, an amount kept
//!   or partly kept by the target, its note the check's note. The marks
//!   Loop works out from the frequency (YES_AUTO) were never marked and
//!   stay out, as do skipped days (smallwins leaves a day unmarked); both
//!   are counted. A note on a day without a mark (UNKNOWN, or skipped) is
//!   named in the summary with its habit and day, never dropped unsaid.
//! - A habit is known by its name (and its number, for two of one name),
//!   the same in the backup and the CSV export, and a check by its habit
//!   and day, so a second import after a correction at the source updates.
//!
//! Records go to the journal a habit at a time, in batches, so an import
//! holds one habit's records, not the file's.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Habit, LeftOut, Plan, day_fits_on, habit_id, loop_csv, loop_db, schedule_for, zip};
use crate::cli::error::{CliError, Result};
use crate::domain::model::{Schedule, format_amount};
use crate::domain::{Held, Sink, Status};

pub const FORMAT: &str = "loop";

/// What the import needs to know of the journal, taken before it starts.
#[derive(Clone, Copy)]
pub struct Place {
    pub today: NaiveDate,
    /// Where new promises go in the list: after the ones already there.
    pub next_position: i64,
    pub now: NaiveDateTime,
}

/// The Loop files at `path`, handed to `sink` in batches, promises before
/// their checks; what could not come over as it was.
pub fn read_batches(
    path: &Path,
    place: Place,
    sink: &mut Sink<'_>,
    held: &Held<'_>,
) -> Result<LeftOut> {
    let mut out = Out::new(place, sink, held);
    match what_is(path)? {
        Kind::Folder => loop_csv::read(loop_csv::Source::folder(path), &mut out)?,
        Kind::HabitsCsv => {
            let folder = path.parent().unwrap_or(Path::new("."));
            loop_csv::read(loop_csv::Source::folder(folder), &mut out)?;
        }
        Kind::Zip => {
            let mut archive = open_zip(path)?;
            if archive.names().any(|n| n == "Habits.csv") {
                loop_csv::read(loop_csv::Source::Zip(archive, path.to_path_buf()), &mut out)?;
            } else {
                loop_db::read_zipped(&mut archive, path, &mut out)?;
            }
        }
        Kind::Sqlite => loop_db::read(path, path, &mut out)?,
    }
    out.finish()
}

/// What a person gave.
enum Kind {
    Folder,
    HabitsCsv,
    Zip,
    Sqlite,
}

/// The kind of `path`, or one sentence refusing it: a file inside Loop's
/// unzipped export that is not its `Habits.csv` is not the export.
fn what_is(path: &Path) -> Result<Kind> {
    if path.is_dir() {
        return Ok(Kind::Folder);
    }
    let mut head = [0u8; 16];
    let n = {
        use std::io::Read;
        let mut file = super::open_file(path, WHAT)?;
        file.read(&mut head)
            .map_err(|e| super::unreadable_io(path, WHAT, e))?
    };
    let head = &head[..n];
    if zip::is_zip(head) {
        return Ok(Kind::Zip);
    }
    if head.starts_with(SQLITE_HEADER) {
        return Ok(Kind::Sqlite);
    }
    if path.file_name().is_some_and(|n| n == "Habits.csv") {
        return Ok(Kind::HabitsCsv);
    }
    Err(not_loop(path))
}

/// What to give, in the sentences that refuse a file.
pub const WHAT: &str = "Loop's backup (the .db file), its CSV zip, or the folder the zip unzips to";

/// The first bytes of every SQLite file.
pub const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// "X is not Loop Habit Tracker's backup or export; give …".
pub fn not_loop(path: &Path) -> CliError {
    CliError::Input(format!(
        "{} is not Loop Habit Tracker's backup or export, so nothing was imported; give {WHAT}.",
        path.display()
    ))
}

/// The zip at `path`, opened for reading a member at a time.
fn open_zip(path: &Path) -> Result<zip::Archive> {
    let file = super::open_file(path, WHAT)?.into_file();
    zip::Archive::open(file).map_err(|why| zip_refused(path, &why))
}

/// "X could not be read: the zip …; export again …".
pub fn zip_refused(path: &Path, why: &str) -> CliError {
    CliError::Input(format!(
        "{} could not be read: the zip {why}; export again from Loop, or unzip it and import what it holds.",
        path.display()
    ))
}

/// A habit as Loop keeps it (a row of `Habits.csv` or of the table
/// `Habits`).
pub struct LoopHabit {
    /// Its place in Loop's list, from 1.
    pub position: u32,
    pub name: String,
    pub numerical: bool,
    pub description: String,
    pub times: u32,
    pub days: u32,
    pub unit: String,
    pub at_most: bool,
    pub target: f64,
    pub archived: bool,
}

/// What one day of a habit says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry {
    Unknown,
    No,
    Auto,
    Manual,
    Skip,
    /// A raw number: a code for yes/no habits, thousandths for numerical.
    Number(i64),
}

impl Entry {
    /// The entry Loop stores as `value` (the backup; legacy CSV files).
    pub fn from_code(value: i64) -> Entry {
        match value {
            -1 => Entry::Unknown,
            0 => Entry::No,
            1 => Entry::Auto,
            2 => Entry::Manual,
            3 => Entry::Skip,
            n => Entry::Number(n),
        }
    }
}

/// One stored day of a habit.
pub struct Row {
    pub day: NaiveDate,
    pub entry: Entry,
    pub note: Option<String>,
}

/// Calls its argument with each of a habit's rows; can be run twice.
pub type Rows<'r> = dyn FnMut(&mut dyn FnMut(Row) -> Result<()>) -> Result<()> + 'r;

/// Records in a batch handed to the journal at once.
const BATCH: usize = 1000;

/// Where a reader puts the habits it reads: batches to the journal, and
/// what could not come over as it was.
pub struct Out<'s, 'a> {
    place: Place,
    sink: &'s mut Sink<'a>,
    /// What the journal holds, for habits an earlier build imported.
    held: &'s Held<'s>,
    batch: Plan,
    promises: usize,
    left: LeftOut,
    /// Notes on days without a mark: how many, and the first few by habit
    /// and day.
    notes_alone: (u64, Vec<String>),
}

impl<'s, 'a> Out<'s, 'a> {
    fn new(place: Place, sink: &'s mut Sink<'a>, held: &'s Held<'s>) -> Self {
        Out {
            place,
            sink,
            held,
            batch: Plan::default(),
            promises: 0,
            left: LeftOut::default(),
            notes_alone: (0, Vec::new()),
        }
    }

    pub fn left(&mut self) -> &mut LeftOut {
        &mut self.left
    }

    /// One habit and its days (`rows`, read twice: first for the days its
    /// checks are on, then for the checks), keyed by `key`; `legacy` for a
    /// CSV export older than Loop 2.3.1.
    pub fn habit(
        &mut self,
        h: &LoopHabit,
        key: &str,
        legacy: bool,
        rows: &mut Rows<'_>,
    ) -> Result<()> {
        let habit = self.promise_of(h, key)?;
        let measured = habit.measure.is_some();
        let today = self.place.today;
        let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
        let mut scratch = LeftOut::default();
        rows(&mut |row| {
            if mark(h, measured, legacy, row.entry, &mut scratch).is_some()
                && day_fits_on(row.day, today, &mut scratch)
            {
                first = Some(first.map_or(row.day, |d| d.min(row.day)));
                last = Some(last.map_or(row.day, |d| d.max(row.day)));
            }
            Ok(())
        })?;
        let days: Vec<NaiveDate> = first.into_iter().chain(last).collect();
        let position = self.place.next_position + self.promises as i64;
        self.batch
            .promises
            .push(habit.promise_at(&days, today, position));
        self.promises += 1;
        rows(&mut |row| {
            self.row(h, &habit, legacy, &row);
            self.flush_if_full()
        })
    }

    /// The check (if any) one row becomes, added to the batch.
    fn row(&mut self, h: &LoopHabit, habit: &Habit, legacy: bool, row: &Row) {
        let measured = habit.measure.is_some();
        let note = row.note.clone().filter(|n| !n.trim().is_empty());
        let Some((status, amount)) = mark(h, measured, legacy, row.entry, &mut self.left) else {
            if note.is_some() {
                self.note_alone(&h.name, row.day);
            }
            return;
        };
        if !day_fits_on(row.day, self.place.today, &mut self.left) {
            return;
        }
        let note = match (measured, h.numerical, amount) {
            (false, true, Some(a)) => Some(join_note(
                &format!("{} {}", format_amount(a), unit_of(h)),
                note,
            )),
            _ => note,
        };
        self.batch
            .checks
            .push(habit.check(row.day, status, amount, note));
    }

    fn note_alone(&mut self, habit: &str, day: NaiveDate) {
        let (count, first) = &mut self.notes_alone;
        *count += 1;
        if first.len() < 3 {
            first.push(format!("{habit} on {day}"));
        }
    }

    /// The promise a habit becomes (its checks still to come), with what
    /// could not come over as it was counted.
    fn promise_of(&mut self, h: &LoopHabit, key: &str) -> Result<Habit> {
        let left = &mut self.left;
        let (schedule, exact) = schedule_for(h.times, h.days);
        if !exact {
            let now = schedule_words(&schedule);
            let what = format!(
                "\"{}\", asked {} in {} days in Loop: it asks {now} here (smallwins schedules 1 to 7 times a week)",
                h.name, h.times, h.days
            );
            left.add(&format!("habit, {what}|habits, {what}"));
        }
        if !h.description.trim().is_empty() {
            left.add("habit description (smallwins has no place for one)|habit descriptions (smallwins has no place for one)");
        }
        let measured = h.numerical && !h.at_most && h.target > 0.0;
        if h.numerical && !measured {
            left.add("numerical habit with an \"at most\" or zero target became a yes/no promise, its amounts in the notes|numerical habits with an \"at most\" or zero target became yes/no promises, their amounts in the notes");
        }
        Ok(Habit {
            id: habit_id(self.held, FORMAT, &["habit", key])?,
            text: h.name.clone(),
            area: None,
            schedule,
            measure: measured.then(|| (unit_of(h), h.target)),
            retired_after: None,
            archived: h.archived,
        })
    }

    fn flush_if_full(&mut self) -> Result<()> {
        if self.batch.checks.len() + self.batch.promises.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        if batch.promises.is_empty() && batch.checks.is_empty() {
            return Ok(());
        }
        (self.sink)(batch.into_export(self.place.now))?;
        Ok(())
    }

    /// The last batch handed over; what was left out.
    fn finish(mut self) -> Result<LeftOut> {
        self.flush()?;
        let (count, first) = &self.notes_alone;
        if *count > 0 {
            let more = count.saturating_sub(first.len() as u64);
            let tail = if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            };
            let what = format!(
                "note on a day without a mark, as smallwins keeps a note only with a mark ({}{tail})|notes on days without a mark, as smallwins keeps a note only with a mark ({}{tail})",
                first.join(", "),
                first.join(", "),
            );
            for _ in 0..*count {
                self.left.add(&what);
            }
        }
        Ok(self.left)
    }
}

/// "once a week", "4 times a week", "every day".
fn schedule_words(s: &Schedule) -> String {
    match s {
        Schedule::Daily => "every day".into(),
        Schedule::TimesPerWeek { times: 1 } => "once a week".into(),
        Schedule::TimesPerWeek { times } => format!("{times} times a week"),
        Schedule::Weekdays { days } => format!("on {} days of the week", days.len()),
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
        -1 => None,
        _ => {
            left.add("checkmark Loop wrote in a way this reader does not know|checkmarks Loop wrote in a way this reader does not know");
            None
        }
    }
}
