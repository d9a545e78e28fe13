//! harsh's `habits` and `log` files (shared/FORMATS.md, section 3).
//!
//! - A habit becomes a promise; its heading (`! Mornings`) its area; its
//!   frequency the schedule (`1` daily, `3/7` or `3/1w` three times a week,
//!   others the nearest number of times a week, `0` — track only — once a
//!   week); an end date that has passed archives it the day after.
//! - A log line `y` is kept, `n` missed, with its comment as the note and
//!   an amount added to the note; `s` (skip) stays unmarked. As in harsh, a
//!   later line for the same day and habit wins.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{
    Dest, Habit, LeftOut, Plan, day_fits, read_member, read_optional, schedule_for, stable_id,
    text_of,
};
use crate::cli::error::{CliError, Result};
use crate::domain::Status;
use crate::domain::model::format_amount;

const FORMAT: &str = "harsh";

/// The folder with `habits` and `log`: the one given, or the folder of the
/// file given.
fn folder(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    }
}

pub fn read(path: &Path, into: &Dest<'_>) -> Result<Plan> {
    let dir = folder(path);
    let habits_file = dir.join("habits");
    let Some(habits) = read_member(&habits_file, "harsh's habits file")? else {
        return Err(CliError::Input(format!(
            "There is no harsh habits file in {}; give harsh's folder (like ~/.config/harsh), which holds `habits` and `log`.",
            dir.display()
        )));
    };
    let habits = text_of(habits, &habits_file)?;
    let log_file = dir.join("log");
    let log = match read_optional(&log_file, "harsh's log file")? {
        Some(bytes) => text_of(bytes, &log_file)?,
        None => String::new(),
    };
    let mut plan = Plan::default();
    let habits = parse_habits(&habits, into, &mut plan.left_out);
    let records = parse_log(&log, &habits, &mut plan.left_out);
    for (index, habit) in habits.values().enumerate() {
        let mut days = Vec::new();
        for ((day, name), record) in &records {
            if name != &habit.text || !day_fits(*day, into, &mut plan.left_out) {
                continue;
            }
            if let Some(check) = record.check(habit, *day, &mut plan.left_out) {
                plan.checks.push(check);
                days.push(*day);
            }
        }
        plan.promises.push(habit.promise(&days, into, index));
    }
    Ok(plan)
}

/// The habits by name, in file order of first appearance.
fn parse_habits(text: &str, into: &Dest<'_>, left: &mut LeftOut) -> BTreeMap<usize, Habit> {
    let mut habits = BTreeMap::new();
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
        if habits.values().any(|h: &Habit| h.text == name) {
            left.add("habit listed twice (the first one was kept)|habits listed twice (the first ones were kept)");
            continue;
        }
        habits.insert(
            habits.len(),
            Habit {
                id: stable_id(FORMAT, &["habit", &name]),
                text: name,
                area: heading.clone().filter(|h| !h.is_empty()),
                schedule,
                measure: None,
                retired_after: end.filter(|e| *e < into.today),
                archived: false,
            },
        );
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

/// One line of the log.
struct Record {
    result: char,
    comment: String,
    amount: Option<f64>,
}

impl Record {
    fn check(
        &self,
        habit: &Habit,
        day: NaiveDate,
        left: &mut LeftOut,
    ) -> Option<crate::domain::Check> {
        let status = match self.result {
            'y' => Status::Kept,
            'n' => Status::Missed,
            's' => {
                left.add("skipped day (smallwins leaves it unmarked)|skipped days (smallwins leaves them unmarked)");
                return None;
            }
            _ => {
                left.add("log line whose result is not y, n or s|log lines whose result is not y, n or s");
                return None;
            }
        };
        let mut note = self.comment.trim().to_string();
        if let Some(amount) = self.amount.filter(|a| *a != 0.0 && a.is_finite()) {
            let amount = format!("amount {}", format_amount(amount));
            note = if note.is_empty() {
                amount
            } else {
                format!("{note} · {amount}")
            };
        }
        Some(habit.check(day, status, None, Some(note)))
    }
}

/// The log's records by (day, habit name), a later line replacing an
/// earlier one as in harsh.
fn parse_log(
    text: &str,
    habits: &BTreeMap<usize, Habit>,
    left: &mut LeftOut,
) -> BTreeMap<(NaiveDate, String), Record> {
    let mut records = BTreeMap::new();
    for line in text.lines().map(|l| l.trim_end_matches('\r')) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(" : ").collect();
        if !(3..=5).contains(&fields.len()) {
            left.add("log line harsh itself would skip (a comment holding \" : \", or not a record)|log lines harsh itself would skip (a comment holding \" : \", or not a record)");
            continue;
        }
        let day = fields[0];
        let Some(day) = (day.len() == 10)
            .then(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .flatten()
        else {
            left.add("log line without a YYYY-MM-DD date|log lines without a YYYY-MM-DD date");
            continue;
        };
        let name = fields[1];
        if !habits.values().any(|h| h.text == name) {
            left.add("log line for a habit that is not in the habits file|log lines for habits that are not in the habits file");
            continue;
        }
        let result = fields[2].trim();
        let record = Record {
            result: if result.chars().count() == 1 {
                result.chars().next().unwrap_or(' ')
            } else {
                ' '
            },
            comment: fields.get(3).map(|c| c.to_string()).unwrap_or_default(),
            amount: fields.get(4).and_then(|a| a.parse::<f64>().ok()),
        };
        records.insert((day, name.to_string()), record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

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
