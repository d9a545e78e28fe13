//! Moving in: the export formats of other trackers read into journal
//! records. One file per format: `loop_habits.rs` (Loop Habit Tracker:
//! its backup read by `loop_db.rs`, its CSV export by `loop_csv.rs`, their
//! zips by `zip.rs`), `dijo.rs`, `harsh.rs`, `jrnl.rs`.
//!
//! Each reader maps what it can into a [`Plan`]: promises, checks, wins
//! and reflections, and a count of each kind of thing it could not bring
//! over ([`LeftOut`]). The plan becomes an ordinary export, which the
//! journal's import checks record by record with the same rules as typed
//! input before it writes anything (`domain::import`).
//!
//! Importing twice changes nothing: every record's id is made from where
//! it sits in the file ([`import_id`]), and its time from the day it is
//! for, so the second import finds each record already there. A later
//! export of the same tracker adds only what is new, and never writes over
//! what was changed in smallwins since. A journal an earlier build
//! imported into keeps the ids that build gave (`legacy.rs`).
//!
//! Uses the domain's public API and records and the store's export format;
//! reading foreign files is neither the journal's SQL nor the full-screen
//! journal (Loop's backup is read through SQLite as a foreign file).

mod dijo;
mod harsh;
mod jrnl;
mod legacy;
mod loop_csv;
mod loop_db;
mod loop_habits;
pub mod smallwins;

use smallwins::BATCH;
mod zip;

pub use loop_habits::Place;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::args::ImportFormat;
use super::error::{CliError, Result, io_reason};
use crate::domain::day::FIRST_DAY;
use crate::domain::model::{Check, Promise, Reflection, Schedule, Status, Target, Win};
use crate::domain::{Held, Journal, Sink, status_for_amount};
use crate::files::{self, ReadError};
use crate::store::{EXPORT_FORMAT, EXPORT_VERSION, Export, ImportReport};

/// Records read from another tracker's files, on their way to the
/// journal as one batch.
#[derive(Default)]
pub struct Plan {
    pub promises: Vec<Promise>,
    pub checks: Vec<Check>,
    pub wins: Vec<Win>,
    pub reflections: Vec<Reflection>,
}

/// What could not be brought over: how many of each kind, each kind named
/// by a phrase that follows its count ("3 skipped days: …").
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LeftOut(BTreeMap<String, u64>);

impl LeftOut {
    pub fn add(&mut self, what: &str) {
        *self.0.entry(what.to_string()).or_default() += 1;
    }

    /// One line per kind: "3 skipped days: smallwins leaves them unmarked".
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(what, n)| {
                let (one, many) = what.split_once('|').unwrap_or((what, what));
                format!("{n} {}", if *n == 1 { one } else { many })
            })
            .collect()
    }
}

/// What a reader needs to know about the journal it reads into.
pub struct Dest {
    pub today: NaiveDate,
    /// The hour a journal day starts (an entry written before it belongs
    /// to the day before).
    pub day_starts_at: NaiveTime,
    /// Where new promises go in the list: after the ones already there.
    pub next_position: i64,
}

impl Plan {
    /// The plan as an export the journal's import checks and merges.
    pub fn into_export(self, now: NaiveDateTime) -> Export {
        Export {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: now,
            from: None,
            to: None,
            promises: self.promises,
            checks: self.checks,
            wins: self.wins,
            checkins: Vec::new(),
            reflections: self.reflections,
            reviews: Vec::new(),
        }
    }
}

/// Imports `path`, read as `format` (anything but a smallwins export),
/// into `journal` by the merge rule for another tracker's records
/// (`domain::merge`), a batch at a time ([`Out`]): what it did, what it
/// could not bring over, and how many records the file held as read.
pub fn import(
    format: ImportFormat,
    path: &Path,
    journal: &mut Journal,
) -> Result<(ImportReport, LeftOut, u64)> {
    let into = Dest {
        today: journal.today(),
        day_starts_at: journal.config().day_starts_at,
        next_position: journal.promises(true)?.len() as i64,
    };
    let now = journal.now();
    let mut left_out = LeftOut::default();
    let mut found = 0;
    let read = |sink: &mut Sink<'_>, held: &Held<'_>| -> Result<()> {
        let mut counted = |batch: Export| {
            found += batch.counts().total();
            sink(batch)
        };
        let mut out = Out {
            sink: &mut counted,
            held,
            batch: Plan::default().into_export(now),
            left_out: LeftOut::default(),
        };
        match format {
            // Loop's files go in a habit at a time (a backup can be large).
            ImportFormat::Loop => {
                let place = Place {
                    today: into.today,
                    next_position: into.next_position,
                    now,
                };
                out.left_out = loop_habits::read_batches(path, place, &mut *out.sink, held)?;
            }
            ImportFormat::Dijo => dijo::read(path, &into, &mut out)?,
            ImportFormat::Harsh => harsh::read(path, &into, &mut out)?,
            ImportFormat::Jrnl => jrnl::read(path, &into, &mut out)?,
            ImportFormat::Smallwins => {}
        }
        out.flush()?;
        left_out = out.left_out;
        Ok(())
    };
    let report = journal.import_source(records_in(path), read)?;
    Ok((report, left_out, found))
}

/// serde_json's reason for refusing a file, without its position (the
/// caller says where) and with its backquotes as plain quotes.
pub fn json_reason(e: &serde_json::Error) -> String {
    let why = e.to_string();
    why.split(" at line")
        .next()
        .unwrap_or(&why)
        .replace('`', "\"")
}

/// Where a reader hands its records: to the journal's import, a batch of
/// [`BATCH`] at a time, so a large file is never held whole. A check must
/// come after its promise (in the same batch or an earlier one).
pub struct Out<'s, 'a> {
    sink: &'s mut Sink<'a>,
    /// What the journal already holds, for records an earlier build
    /// imported ([`legacy`]).
    held: &'s Held<'s>,
    batch: Export,
    pub left_out: LeftOut,
}

impl Out<'_, '_> {
    /// The id of the habit `parts` place in `format`'s files: its
    /// [`import_id`], or the id an earlier build's import gave it when the
    /// journal holds it under that one alone ([`legacy::promise_id`]).
    pub fn habit_id(&self, format: &str, parts: &[&str]) -> Result<String> {
        habit_id(self.held, format, parts)
    }

    pub fn promise(&mut self, p: Promise) -> Result<()> {
        self.batch.promises.push(p);
        self.full()
    }

    pub fn check(&mut self, c: Check) -> Result<()> {
        self.batch.checks.push(c);
        self.full()
    }

    pub fn win(&mut self, w: Win) -> Result<()> {
        self.batch.wins.push(w);
        self.full()
    }

    pub fn reflection(&mut self, r: Reflection) -> Result<()> {
        self.batch.reflections.push(r);
        self.full()
    }

    fn full(&mut self) -> Result<()> {
        if self.batch.counts().total() >= BATCH as u64 {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands what is held to the journal.
    pub fn flush(&mut self) -> Result<()> {
        if self.batch.counts().is_empty() {
            return Ok(());
        }
        let empty = Plan::default().into_export(self.batch.exported_at);
        let batch = std::mem::replace(&mut self.batch, empty);
        (self.sink)(batch).map_err(CliError::from)
    }
}

/// The id of a record read from another tracker, made from where it sits
/// in the source (`format`, then the parts that place it: a habit's name,
/// a day, an entry's minute and its place in that minute), never from what
/// it says: the same place gives the same id on every import, so a second
/// import finds the record and a correction at the source updates it. A
/// UUID version 5 in a namespace of smallwins' imports.
pub fn import_id(format: &str, parts: &[&str]) -> String {
    /// Never change it: every imported record's id depends on it.
    const IMPORTS: uuid::Uuid = uuid::Uuid::from_u128(0x8d3f_4a61_2c7b_4e09_9b5d_e1a2_7c44_0f6b);
    let mut name = Vec::new();
    for part in std::iter::once(format).chain(parts.iter().copied()) {
        // Each part with its length first, so no two lists of parts meet.
        name.extend_from_slice(part.len().to_string().as_bytes());
        name.push(b':');
        name.extend_from_slice(part.as_bytes());
    }
    uuid::Uuid::new_v5(&IMPORTS, &name).to_string()
}

/// [`Out::habit_id`], for a reader with its own batches (Loop's).
pub fn habit_id(held: &Held<'_>, format: &str, parts: &[&str]) -> Result<String> {
    let (id, before) = (import_id(format, parts), legacy::earlier_id(format, parts));
    legacy::promise_id(held, id, before)
}

/// Midnight of `day`: the time of an imported promise, so that anything
/// changed in smallwins since is newer and stays.
pub fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

/// Noon of `day`: the time of an imported check.
pub fn noon_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Whether a day can be kept: from 1900-01-01 to today. Other days are
/// counted in `left_out`.
pub fn day_fits(day: NaiveDate, into: &Dest, left_out: &mut LeftOut) -> bool {
    day_fits_on(day, into.today, left_out)
}

/// [`day_fits`] for a reader that holds no journal (it writes in batches).
pub fn day_fits_on(day: NaiveDate, today: NaiveDate, left_out: &mut LeftOut) -> bool {
    if day > today {
        left_out.add("day still ahead: smallwins records a day once it has come|days still ahead: smallwins records a day once it has come");
        return false;
    }
    if day < FIRST_DAY {
        left_out.add("day before 1900, the earliest a journal keeps|days before 1900, the earliest a journal keeps");
        return false;
    }
    true
}

/// A habit as a promise, before its checks are known.
pub struct Habit {
    pub id: String,
    pub text: String,
    pub area: Option<String>,
    pub schedule: Schedule,
    /// Unit and target, for a measure.
    pub measure: Option<(String, f64)>,
    /// The last day it counts, for a habit that was retired.
    pub retired_after: Option<NaiveDate>,
    /// Archived, from its last day with a record on.
    pub archived: bool,
}

impl Habit {
    /// The promise, first counting on its earliest day with a record (or
    /// today), placed after the promises already in the journal.
    pub fn promise(&self, days: &[NaiveDate], into: &Dest, index: usize) -> Promise {
        self.promise_at(days, into.today, into.next_position + index as i64)
    }

    /// [`Habit::promise`] for a reader that holds no journal: `today`, and
    /// its place in the list.
    pub fn promise_at(&self, days: &[NaiveDate], today: NaiveDate, position: i64) -> Promise {
        let created_on = days.iter().min().copied().unwrap_or(today);
        let last = days.iter().max().copied().unwrap_or(created_on);
        let archived_on = match (self.retired_after, self.archived) {
            (Some(end), _) => end.succ_opt().filter(|d| *d <= today),
            (None, true) => Some(last.max(created_on)),
            (None, false) => None,
        };
        let (unit, targets) = match &self.measure {
            Some((unit, amount)) => (
                Some(unit.clone()),
                vec![Target {
                    id: import_id("target", &[&self.id]),
                    from: created_on,
                    amount: *amount,
                }],
            ),
            None => (None, Vec::new()),
        };
        Promise {
            id: self.id.clone(),
            // The journal's import gives it the next free number (or keeps
            // the one it already has, on a second import).
            number: 0,
            text: self.text.clone(),
            cue: None,
            smaller: None,
            area: self.area.clone(),
            schedule: self.schedule.clone(),
            unit,
            targets,
            versions: Vec::new(),
            position,
            created_on: created_on.min(archived_on.unwrap_or(created_on)),
            archived_on,
            updated_at: start_of(created_on),
        }
    }

    /// The check of this habit on `day`: a measure's status follows its
    /// amount, as in the full-screen journal.
    pub fn check(
        &self,
        day: NaiveDate,
        status: Status,
        amount: Option<f64>,
        note: Option<String>,
    ) -> Check {
        let status = match (&self.measure, amount) {
            (Some((_, target)), Some(a)) => status_for_amount(a, Some(*target)),
            _ => status,
        };
        Check {
            id: import_id("check", &[&self.id, &day.to_string()]),
            promise_id: self.id.clone(),
            day,
            status,
            amount: self.measure.as_ref().and(amount),
            note: note.filter(|n| !n.trim().is_empty()),
            lesson: None,
            updated_at: noon_of(day),
        }
    }
}

/// A schedule for "`times` in `days` days", and whether it says exactly
/// that (otherwise it is the nearest number of times a week).
pub fn schedule_for(times: u32, days: u32) -> (Schedule, bool) {
    if days == 0 || times == 0 {
        return (Schedule::TimesPerWeek { times: 1 }, false);
    }
    if times >= days {
        return (Schedule::Daily, times == days);
    }
    if days == 7 {
        return (Schedule::TimesPerWeek { times: times as u8 }, true);
    }
    let per_week = (f64::from(times) * 7.0 / f64::from(days)).round();
    let per_week = per_week.clamp(1.0, 7.0) as u8;
    if per_week == 7 {
        (Schedule::Daily, false)
    } else {
        (Schedule::TimesPerWeek { times: per_week }, false)
    }
}

/// About how many records a file of this size holds (a record of an
/// export takes about 250 bytes, a day of another tracker less), to tell
/// the journal to expect many; 0 when its size cannot be read.
pub fn records_in(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len() / 250)
}

/// A file of an import folder (at most [`files::MEMBER_CAP`]), or `None`
/// when it is not there; anything else that stops it is refused.
pub fn read_member(path: &Path, what: &str) -> Result<Option<Vec<u8>>> {
    read_capped(path, files::MEMBER_CAP, what)
}

/// `path` opened for reading (a regular file, read at most up to
/// [`files::IMPORT_CAP`]), or one sentence saying why not.
pub fn open_file(path: &Path, what: &str) -> Result<files::Capped> {
    files::open(path, files::IMPORT_CAP).map_err(|e| unreadable(path, what, Some(e)))
}

/// Like [`open_file`], but `None` when the file is not there.
pub fn open_optional(path: &Path, what: &str) -> Result<Option<files::Capped>> {
    match files::open(path, files::IMPORT_CAP) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(unreadable(path, what, Some(e))),
    }
}

/// The sentence for an error met while reading a file [`open_file`]
/// opened (past its cap, or the disk failed).
pub fn unreadable_io(path: &Path, what: &str, e: std::io::Error) -> CliError {
    let e = if e.kind() == std::io::ErrorKind::FileTooLarge {
        ReadError::TooLarge(files::IMPORT_CAP)
    } else {
        ReadError::Io(e)
    };
    unreadable(path, what, Some(e))
}

fn read_capped(path: &Path, cap: u64, what: &str) -> Result<Option<Vec<u8>>> {
    match files::read(path, cap) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(unreadable(path, what, Some(e))),
    }
}

/// "PATH is a named pipe, not a file; give the path of WHAT."
fn unreadable(path: &Path, what: &str, e: Option<ReadError>) -> CliError {
    let phrase = match e {
        Some(e) => e.phrase(io_reason),
        None => "could not be read (it does not exist)".into(),
    };
    CliError::Input(format!(
        "{} {phrase}; give the path of {what}.",
        path.display()
    ))
}

/// Text from a file: UTF-8, a byte-order mark dropped.
pub fn text_of(bytes: Vec<u8>, path: &Path) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::Input(format!(
            "{} is not UTF-8 text, so it was not imported; save it as UTF-8 and import it again.",
            path.display()
        ))
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_ids_follow_the_place_alone() {
        let a = import_id("harsh", &["habit", "Stretch"]);
        assert_eq!(a, import_id("harsh", &["habit", "Stretch"]));
        assert_ne!(a, import_id("harsh", &["habit", "Stretch "]));
        assert_ne!(a, import_id("harsh", &["habitS", "tretch"]));
        assert_ne!(a, import_id("harsh", &["habit/Stretch"]));
        assert_ne!(a, import_id("dijo", &["habit", "Stretch"]));
        let parsed = uuid::Uuid::parse_str(&a).expect("a uuid");
        assert_eq!(parsed.get_version_num(), 5);
        // Pinned: a journal's imported records depend on it.
        assert_eq!(a, "153861b4-dab1-5445-984a-fcbdc306798c");
    }

    #[test]
    fn frequencies_become_the_nearest_schedule() {
        assert_eq!(schedule_for(1, 1), (Schedule::Daily, true));
        assert_eq!(
            schedule_for(3, 7),
            (Schedule::TimesPerWeek { times: 3 }, true)
        );
        assert_eq!(schedule_for(7, 7), (Schedule::Daily, true));
        assert_eq!(
            schedule_for(1, 14),
            (Schedule::TimesPerWeek { times: 1 }, false)
        );
        assert_eq!(
            schedule_for(1, 2),
            (Schedule::TimesPerWeek { times: 4 }, false)
        );
        assert_eq!(
            schedule_for(10, 30),
            (Schedule::TimesPerWeek { times: 2 }, false)
        );
        assert_eq!(
            schedule_for(0, 1),
            (Schedule::TimesPerWeek { times: 1 }, false)
        );
    }

    #[test]
    fn left_out_lines_say_one_or_many() {
        let mut l = LeftOut::default();
        l.add("skipped day|skipped days");
        l.add("skipped day|skipped days");
        l.add("note alone|notes alone");
        assert_eq!(l.lines(), ["1 note alone", "2 skipped days"]);
    }
}
