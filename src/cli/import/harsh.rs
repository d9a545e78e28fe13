//! harsh's `habits` and `log` files (shared/FORMATS.md, section 3).
//!
//! - A habit becomes a promise; its heading (`! Mornings`) its area; its
//!   frequency the schedule (`1` daily, `3/7` or `3/1w` three times a week,
//!   others the nearest number of times a week, `0` — track only — once a
//!   week); an end date that has passed archives it the day after.
//! - A log line `y` is kept, `n` missed, with its comment as the note and
//!   an amount added to the note; `s` (skip) stays unmarked, and its
//!   comment goes to that evening's reflection, as the answer `harsh`
//!   ("Journal, skipped: travelling"). As in harsh, a later line for the
//!   same day and habit wins.
//! - A record is known by its habit and day, so a note corrected in the
//!   log updates its check on the next import.
//! - The log is read twice as it streams, never held: once for the days
//!   each habit has (as bits) and the last line of a day written more than
//!   once, then for the records.
//!   A folder without a log brings the habits alone, and says so.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{
    Dest, Habit, LeftOut, Out, day_fits, open_optional, read_member, schedule_for, text_of,
    unreadable_io,
};
use crate::cli::error::{CliError, Result};
use crate::domain::Status;
use crate::domain::day::FIRST_DAY;
use crate::domain::model::{Reflection, format_amount};
use crate::files::Capped;
use crate::model::identity::reflection_id;

const FORMAT: &str = "harsh";
/// The reflection answer a skipped day's comment goes to.
pub const ANSWER_KEY: &str = "harsh";
const LOG_FILE: &str = "harsh's log file";

/// The folder with `habits` and `log`: the one given, or the folder of the
/// file given.
fn folder(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    }
}

pub fn read(path: &Path, into: &Dest, out: &mut Out<'_, '_>) -> Result<()> {
    let dir = folder(path);
    let habits_file = dir.join("habits");
    let Some(habits) = read_member(&habits_file, "harsh's habits file")? else {
        return Err(CliError::Input(format!(
            "There is no harsh habits file in {}; give harsh's folder (like ~/.config/harsh), which holds `habits` and `log`.",
            dir.display()
        )));
    };
    let habits = text_of(habits, &habits_file)?;
    let mut habits = parse_habits(&habits, into, &mut out.left_out);
    for habit in &mut habits {
        habit.id = out.habit_id(FORMAT, &["habit", &habit.text])?;
    }
    let log_file = dir.join("log");
    let Some(mut log) = open_optional(&log_file, LOG_FILE)? else {
        out.left_out.add("missing log file: only the habits came over (harsh keeps `log` beside `habits`)|missing log files: only the habits came over");
        for (index, habit) in habits.iter().enumerate() {
            out.promise(habit.promise(&[], into, index))?;
        }
        return Ok(());
    };
    let names: HashMap<&str, usize> = habits
        .iter()
        .enumerate()
        .map(|(i, h)| (h.text.as_str(), i))
        .collect();
    // First pass: the days each habit has, and the last line of a day
    // that has more than one.
    let mut days = LogDays::new(habits.len(), into.today);
    each_line(&mut log, &log_file, |n, line| {
        if let Some(r) = record(line, &names, Some(&mut out.left_out)) {
            days.line(r.habit, r.day, n, matches!(r.result, 'y' | 'n'));
        }
        Ok(())
    })?;
    for (index, habit) in habits.iter().enumerate() {
        let days: Vec<NaiveDate> = days.first_marked(index).into_iter().collect();
        out.promise(habit.promise(&days, into, index))?;
    }
    // Second pass: each day's last line, as a check or a skip's comment.
    log.rewind_to_start()
        .map_err(|e| unreadable_io(&log_file, LOG_FILE, e))?;
    let mut skipped: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    each_line(&mut log, &log_file, |n, line| {
        let Some(r) = record(line, &names, None) else {
            return Ok(());
        };
        if !days.is_last(r.habit, r.day, n) || !day_fits(r.day, into, &mut out.left_out) {
            return Ok(());
        }
        let habit = &habits[r.habit];
        if let Some(check) = r.check(habit, &mut out.left_out, &mut skipped) {
            out.check(check)?;
        }
        Ok(())
    })?;
    for (day, lines) in skipped {
        out.reflection(Reflection {
            id: reflection_id(day),
            day,
            answers: BTreeMap::from([(ANSWER_KEY.to_string(), lines.join("\n"))]),
            mood: None,
            confidence: None,
            updated_at: super::noon_of(day),
        })?;
    }
    Ok(())
}

/// What the first reading of the log keeps: for each habit, a bit for
/// each day from 1900 to today that has a line, and one for a day whose
/// last line marks it (`y` or `n`); the last line of a day that has more
/// than one; and, for a day out of that range (never a check), its last
/// line. A log of years of daily lines is held in bits, not a slot a line.
struct LogDays {
    today: NaiveDate,
    /// Per habit, two bits a day (has a line, marked), made at its first
    /// line.
    bits: Vec<Vec<u64>>,
    /// The last line of each habit and day seen more than once, or out of
    /// range.
    last: HashMap<(usize, NaiveDate), u64>,
}

impl LogDays {
    fn new(habits: usize, today: NaiveDate) -> Self {
        LogDays {
            today,
            bits: vec![Vec::new(); habits],
            last: HashMap::new(),
        }
    }

    /// The bit of `day`, if it is from 1900 to today.
    fn index(&self, day: NaiveDate) -> Option<usize> {
        let n = (day - FIRST_DAY).num_days();
        (day <= self.today)
            .then(|| usize::try_from(n).ok())
            .flatten()
    }

    /// Line `n`, for `habit` on `day`, marks it or not.
    fn line(&mut self, habit: usize, day: NaiveDate, n: u64, marked: bool) {
        let Some(i) = self.index(day) else {
            self.last.insert((habit, day), n);
            return;
        };
        let words = 2 * (self.index(self.today).unwrap_or(0) / 64 + 1);
        let bits = &mut self.bits[habit];
        if bits.is_empty() {
            bits.resize(words, 0);
        }
        let (word, bit) = (2 * (i / 64), 1u64 << (i % 64));
        if bits[word] & bit != 0 {
            self.last.insert((habit, day), n);
        }
        bits[word] |= bit;
        if marked {
            bits[word + 1] |= bit;
        } else {
            bits[word + 1] &= !bit;
        }
    }

    /// Whether line `n` is the last for `habit` on `day`.
    fn is_last(&self, habit: usize, day: NaiveDate, n: u64) -> bool {
        self.last.get(&(habit, day)).is_none_or(|last| *last == n)
    }

    /// The first day, from 1900 to today, whose last line marks `habit`.
    fn first_marked(&self, habit: usize) -> Option<NaiveDate> {
        let bits = &self.bits[habit];
        let (w, marked) = bits
            .iter()
            .skip(1)
            .step_by(2)
            .enumerate()
            .find(|(_, m)| **m != 0)?;
        let i = w * 64 + marked.trailing_zeros() as usize;
        FIRST_DAY.checked_add_days(chrono::Days::new(i as u64))
    }
}

/// Calls `each` with every line of the log (without its line end) and its
/// number; the log must be UTF-8.
fn each_line(
    log: &mut Capped,
    path: &Path,
    mut each: impl FnMut(u64, &str) -> Result<()>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, log);
    super::jrnl::skip_bom(&mut reader).map_err(|e| unreadable_io(path, LOG_FILE, e))?;
    let mut bytes = Vec::new();
    let mut n = 0u64;
    loop {
        bytes.clear();
        let read = reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| unreadable_io(path, LOG_FILE, e))?;
        if read == 0 {
            return Ok(());
        }
        n += 1;
        let line = std::str::from_utf8(&bytes).map_err(|_| {
            CliError::Input(format!(
                "{} is not UTF-8 text, so it was not imported; save it as UTF-8 and import it again.",
                path.display()
            ))
        })?;
        each(n, line.trim_end_matches('\n').trim_end_matches('\r'))?;
    }
}

/// The habits, in file order of first appearance.
fn parse_habits(text: &str, into: &Dest, left: &mut LeftOut) -> Vec<Habit> {
    let mut habits: Vec<Habit> = Vec::new();
    let mut heading: Option<String> = None;
    for line in text.lines().map(|l| l.trim_end_matches('\r')) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('!') {
            heading = rest.strip_prefix(' ').map(|h| h.trim().to_string());
            continue;
        }
        let mut parts = line.split(": ");
        let (Some(name), Some(frequency)) = (parts.next(), parts.next()) else {
            left.add("line in the habits file harsh would skip (no \": \")|lines in the habits file harsh would skip (no \": \")");
            continue;
        };
        let end = parts
            .next()
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
        let Some((times, days)) = frequency_of(frequency.trim()) else {
            left.add("habit whose frequency harsh itself would refuse|habits whose frequency harsh itself would refuse");
            continue;
        };
        let (schedule, exact) = schedule_for(times, days);
        if times == 0 {
            left.add("track-only habit (frequency 0) became a once-a-week promise|track-only habits (frequency 0) became once-a-week promises");
        } else if !exact {
            left.add("habit whose frequency became the nearest number of times a week|habits whose frequency became the nearest number of times a week");
        }
        if end.is_some_and(|e| e >= into.today) {
            left.add("end date still ahead (the habit stays active; archive it then)|end dates still ahead (the habits stay active; archive them then)");
        }
        let name = name.trim().to_string();
        if habits.iter().any(|h| h.text == name) {
            left.add("habit listed twice (the first one was kept)|habits listed twice (the first ones were kept)");
            continue;
        }
        habits.push(Habit {
            // Known once the journal is asked (`Out::habit_id`).
            id: String::new(),
            text: name,
            area: heading.clone().filter(|h| !h.is_empty()),
            schedule,
            measure: None,
            retired_after: end.filter(|e| *e < into.today),
            archived: false,
        });
    }
    habits
}

/// `T/I` or `I` (each number may end in `w`, a week of days) as (times,
/// days); `None` where harsh itself would stop.
fn frequency_of(text: &str) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<u32> {
        let s = s.trim();
        match s.strip_suffix('w') {
            Some(weeks) => weeks.parse::<u32>().ok()?.checked_mul(7),
            None => s.parse().ok(),
        }
    };
    let (times, days) = match text.split_once('/') {
        Some((t, i)) => (number(t)?, number(i)?),
        None => match number(text)? {
            0 => (0, 1),
            days => (1, days),
        },
    };
    (days > 0 && times <= days).then_some((times, days))
}

/// One line of the log, for a habit of the habits file.
struct Record<'l> {
    day: NaiveDate,
    /// Its place in the habits file.
    habit: usize,
    result: char,
    comment: &'l str,
    amount: Option<f64>,
}

impl Record<'_> {
    /// The check the line makes; a skip's comment goes to `skipped`
    /// instead, a line for that evening's reflection.
    fn check(
        &self,
        habit: &Habit,
        left: &mut LeftOut,
        skipped: &mut BTreeMap<NaiveDate, Vec<String>>,
    ) -> Option<crate::domain::Check> {
        let comment = self.comment.trim();
        let status = match self.result {
            'y' => Status::Kept,
            'n' => Status::Missed,
            's' if comment.is_empty() => {
                left.add("skipped day (smallwins leaves it unmarked)|skipped days (smallwins leaves them unmarked)");
                return None;
            }
            's' => {
                left.add("skipped day with a comment (left unmarked; the comment went to that evening's reflection)|skipped days with a comment (left unmarked; the comments went to those evenings' reflections)");
                let line = format!("{}, skipped: {comment}", habit.text);
                skipped.entry(self.day).or_default().push(line);
                return None;
            }
            _ => {
                left.add("log line whose result is not y, n or s|log lines whose result is not y, n or s");
                return None;
            }
        };
        let mut note = comment.to_string();
        if let Some(amount) = self.amount.filter(|a| *a != 0.0 && a.is_finite()) {
            let amount = format!("amount {}", format_amount(amount));
            note = if note.is_empty() {
                amount
            } else {
                format!("{note} · {amount}")
            };
        }
        Some(habit.check(self.day, status, None, Some(note)))
    }
}

/// The record a log line holds, for a habit in `names` (by name, its place
/// in the habits file); `None` for a line harsh would not read, counted in
/// `left` when it is given.
fn record<'l>(
    line: &'l str,
    names: &HashMap<&str, usize>,
    left: Option<&mut LeftOut>,
) -> Option<Record<'l>> {
    let skip = |what: &str| {
        if let Some(left) = left {
            left.add(what);
        }
        None
    };
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let fields: Vec<&str> = line.split(" : ").collect();
    if !(3..=5).contains(&fields.len()) {
        return skip(
            "log line harsh itself would skip (a comment holding \" : \", or not a record)|log lines harsh itself would skip (a comment holding \" : \", or not a record)",
        );
    }
    let day = fields[0];
    let Some(day) = (day.len() == 10)
        .then(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .flatten()
    else {
        return skip("log line without a YYYY-MM-DD date|log lines without a YYYY-MM-DD date");
    };
    let Some(&habit) = names.get(fields[1]) else {
        return skip(
            "log line for a habit that is not in the habits file|log lines for habits that are not in the habits file",
        );
    };
    let result = fields[2].trim();
    let mut chars = result.chars();
    Some(Record {
        day,
        habit,
        result: match (chars.next(), chars.next()) {
            (Some(c), None) => c,
            _ => ' ',
        },
        comment: fields.get(3).copied().unwrap_or_default(),
        amount: fields.get(4).and_then(|a| a.parse::<f64>().ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_of_a_day_decides_it() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let mut days = LogDays::new(2, day("2026-11-21"));
        days.line(0, day("2026-11-19"), 1, true);
        days.line(0, day("2026-11-18"), 2, true);
        days.line(0, day("2026-11-18"), 3, false);
        days.line(0, day("2026-11-25"), 4, true);
        days.line(0, day("2026-11-25"), 5, true);
        days.line(1, day("1899-12-31"), 6, true);
        // A day written once, twice (the later line), out of range.
        assert!(days.is_last(0, day("2026-11-19"), 1));
        assert!(!days.is_last(0, day("2026-11-18"), 2));
        assert!(days.is_last(0, day("2026-11-18"), 3));
        assert!(!days.is_last(0, day("2026-11-25"), 4));
        assert!(days.is_last(0, day("2026-11-25"), 5));
        // The 18th's last line is a skip: the first marked day is the 19th.
        assert_eq!(days.first_marked(0), Some(day("2026-11-19")));
        assert_eq!(days.first_marked(1), None);
        // 1900-01-01 and today are in range.
        days.line(1, FIRST_DAY, 7, true);
        days.line(1, day("2026-11-21"), 8, true);
        assert_eq!(days.first_marked(1), Some(FIRST_DAY));
        assert!(days.is_last(1, day("2026-11-21"), 8));
    }

    #[test]
    fn frequencies_read_as_harsh_reads_them() {
        assert_eq!(frequency_of("1"), Some((1, 1)));
        assert_eq!(frequency_of("7"), Some((1, 7)));
        assert_eq!(frequency_of("1w"), Some((1, 7)));
        assert_eq!(frequency_of("3/7"), Some((3, 7)));
        assert_eq!(frequency_of("3/1w"), Some((3, 7)));
        assert_eq!(frequency_of("0"), Some((0, 1)));
        assert_eq!(frequency_of("8/7"), None);
        assert_eq!(frequency_of("1/0"), None);
        assert_eq!(frequency_of("daily"), None);
    }
}
