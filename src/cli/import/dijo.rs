//! dijo's `habit_record.json` (and `habit_record[auto].json` beside it):
//! an array of habits, each `Bit`, `Count` or `Float`, with a day → value
//! map (shared/FORMATS.md, section 2).
//!
//! - A `Bit` habit becomes a yes/no promise; a day marked `true` is kept
//!   (a `false` day is what dijo shows as not done, so it stays unmarked).
//! - A `Count` or `Float` habit becomes a measure with its goal as target
//!   (dijo has no units: counts are "times", floats "units"); a day's
//!   amount is kept at the goal and partly kept below it; 0 stays
//!   unmarked. A count without a goal gets a target of 1.
//! - dijo has no schedule: every promise is daily.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use super::{Dest, Habit, Plan, day_fits, read_file, stable_id, text_of};
use crate::cli::error::{CliError, Result};
use crate::domain::{Schedule, Status};

const FORMAT: &str = "dijo";
const AUTO_FILE: &str = "habit_record[auto].json";

pub fn read(path: &Path, into: &Dest<'_>) -> Result<Plan> {
    let mut plan = Plan::default();
    for file in files(path) {
        let habits = parse(&file)?;
        for habit in &habits {
            add_habit(habit, into, &mut plan);
        }
    }
    Ok(plan)
}

/// `habit_record.json`, and the auto file when it is beside it (or both,
/// given their folder).
fn files(path: &Path) -> Vec<PathBuf> {
    let (dir, main) = if path.is_dir() {
        (path.to_path_buf(), path.join("habit_record.json"))
    } else {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        (dir, path.to_path_buf())
    };
    let mut files = vec![main.clone()];
    let auto = dir.join(AUTO_FILE);
    let is_main = main.file_name().is_some_and(|n| n == "habit_record.json");
    if is_main && auto.exists() {
        files.push(auto);
    }
    files
}

fn parse(path: &Path) -> Result<Vec<Value>> {
    let text = text_of(read_file(path, "dijo's habit_record.json")?, path)?;
    let not_dijo = |why: String| {
        CliError::Input(format!(
            "{} is not dijo's habit record ({why}); give the path of habit_record.json from dijo's data folder.",
            path.display()
        ))
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        not_dijo(format!(
            "it is not JSON: line {}, column {}",
            e.line(),
            e.column()
        ))
    })?;
    match value {
        Value::Array(habits) => Ok(habits),
        _ => Err(not_dijo("it is not a list of habits".into())),
    }
}

/// A day's value as an amount: a count, a `{value, precision}` float, or
/// a bit as 1 or 0.
fn amount(value: &Value) -> Option<f64> {
    match value {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::Object(o) => {
            let v = o.get("value")?.as_f64()?;
            let p = o.get("precision")?.as_u64()?;
            Some(v / 10f64.powi(i32::try_from(p.min(12)).unwrap_or(0)))
        }
        _ => None,
    }
}

fn add_habit(habit: &Value, into: &Dest<'_>, plan: &mut Plan) {
    let left = &mut plan.left_out;
    let kind = habit.get("type").and_then(Value::as_str).unwrap_or("");
    let name = habit.get("name").and_then(Value::as_str).unwrap_or("");
    let unit = match kind {
        "Bit" => None,
        "Count" => Some("times"),
        "Float" => Some("units"),
        _ => {
            left.add("habit of a kind dijo does not write (not Bit, Count or Float)|habits of a kind dijo does not write (not Bit, Count or Float)");
            return;
        }
    };
    let goal = habit.get("goal").and_then(amount).unwrap_or(0.0);
    let measure = unit.map(|unit| {
        if goal <= 0.0 {
            left.add("habit without a goal was given a target of 1|habits without a goal were given a target of 1");
        }
        (unit.to_string(), if goal > 0.0 { goal } else { 1.0 })
    });
    let h = Habit {
        id: stable_id(FORMAT, &["habit", name]),
        text: name.to_string(),
        area: None,
        schedule: Schedule::Daily,
        measure,
        retired_after: None,
        archived: false,
    };
    let mut stats: Vec<(NaiveDate, f64)> = habit
        .get("stats")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(day, value)| {
            let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
            if day.is_none() {
                left.add("day dijo wrote in a way this reader does not know|days dijo wrote in a way this reader does not know");
            }
            Some((day?, amount(value)?))
        })
        .collect();
    stats.sort_by_key(|(day, _)| *day);
    let mut days = Vec::new();
    for (day, value) in stats {
        if value <= 0.0 || !day_fits(day, into, left) {
            continue;
        }
        let amount = h.measure.as_ref().map(|_| value);
        plan.checks.push(h.check(day, Status::Kept, amount, None));
        days.push(day);
    }
    let index = plan.promises.len();
    plan.promises.push(h.promise(&days, into, index));
}
