//! dijo's `habit_record.json` (and `habit_record[auto].json` beside it):
//! an array of habits, each `Bit`, `Count` or `Float`, with a day → value
//! map (shared/FORMATS.md, section 2), read a habit at a time as the file
//! streams.
//!
//! - A `Bit` habit becomes a yes/no promise; a day marked `true` is kept
//!   (a `false` day is what dijo shows as not done, so it stays unmarked).
//! - A `Count` or `Float` habit becomes a measure with its goal as target
//!   (dijo has no units: counts are "times", floats "units"); a day's
//!   amount is kept at the goal and partly kept below it; 0 stays
//!   unmarked. A count without a goal gets a target of 1.
//! - dijo has no schedule: every promise is daily.
//! - A record is known by its habit's name and its day, so a value
//!   corrected in dijo updates its check on the next import.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde_json::Value;

use super::{Dest, Habit, Out, day_fits, json_reason, open_file, unreadable_io};
use crate::cli::error::{CliError, Result};
use crate::domain::day::FIRST_DAY;
use crate::domain::{Schedule, Status};

const FORMAT: &str = "dijo";
const AUTO_FILE: &str = "habit_record[auto].json";
const DIJO_FILE: &str = "dijo's habit_record.json";

pub fn read(path: &Path, into: &Dest, out: &mut Out<'_, '_>) -> Result<()> {
    let mut reader = Reader {
        into,
        out,
        names: HashSet::new(),
        index: 0,
        failed: None,
    };
    for file in files(path) {
        reader.file(&file)?;
    }
    Ok(())
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

struct Reader<'r, 's, 'a> {
    into: &'r Dest,
    out: &'r mut Out<'s, 'a>,
    /// The names of the habits so far: a second habit of the same name is
    /// left out.
    names: HashSet<String>,
    /// How many promises so far, for their places in the list.
    index: usize,
    /// What stopped the reading that was not the file's fault.
    failed: Option<CliError>,
}

impl Reader<'_, '_, '_> {
    fn file(&mut self, path: &Path) -> Result<()> {
        let file = open_file(path, DIJO_FILE)?;
        let mut buffered = BufReader::with_capacity(1 << 16, file);
        super::jrnl::skip_bom(&mut buffered).map_err(|e| unreadable_io(path, DIJO_FILE, e))?;
        let mut de = serde_json::Deserializer::from_reader(buffered);
        let read = de::Deserializer::deserialize_any(&mut de, &mut *self).and_then(|()| de.end());
        match read {
            Ok(()) => Ok(()),
            Err(_) if self.failed.is_some() => Err(self
                .failed
                .take()
                .unwrap_or_else(|| not_dijo(path, String::new()))),
            Err(e) if e.is_io() => Err(unreadable_io(path, DIJO_FILE, e.into())),
            Err(e) if e.is_syntax() || e.is_eof() => Err(not_dijo(
                path,
                format!("it is not JSON: line {}, column {}", e.line(), e.column()),
            )),
            Err(e) => Err(not_dijo(path, json_reason(&e))),
        }
    }

    /// One habit, read whole: its promise, then its checks.
    fn habit(&mut self, habit: Read) -> Result<()> {
        let left = &mut self.out.left_out;
        let unit = match habit.kind.as_deref() {
            Some("Bit") => None,
            Some("Count") => Some("times"),
            Some("Float") => Some("units"),
            _ => {
                left.add("habit of a kind dijo does not write (not Bit, Count or Float)|habits of a kind dijo does not write (not Bit, Count or Float)");
                return Ok(());
            }
        };
        let name = habit.name.unwrap_or_default();
        if !self.names.insert(name.clone()) {
            left.add("habit listed twice (the first one was kept)|habits listed twice (the first ones were kept)");
            return Ok(());
        }
        let goal = habit.goal.as_ref().and_then(amount).unwrap_or(0.0);
        let measure = unit.map(|unit| {
            if goal <= 0.0 {
                left.add("habit without a goal was given a target of 1|habits without a goal were given a target of 1");
            }
            (unit.to_string(), if goal > 0.0 { goal } else { 1.0 })
        });
        let h = Habit {
            id: self.out.habit_id(FORMAT, &["habit", &name])?,
            text: name,
            area: None,
            schedule: Schedule::Daily,
            measure,
            retired_after: None,
            archived: false,
        };
        let days: Vec<NaiveDate> = habit
            .stats
            .iter()
            .filter(|(_, v)| **v > 0.0)
            .map(|(d, _)| *d)
            .take(1)
            .collect();
        self.out.promise(h.promise(&days, self.into, self.index))?;
        self.index += 1;
        for (day, value) in habit.stats {
            if value <= 0.0 {
                continue;
            }
            let amount = h.measure.as_ref().map(|_| value);
            self.out.check(h.check(day, Status::Kept, amount, None))?;
        }
        Ok(())
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

/// One habit as read: its fields in any order, and its days that can be
/// kept with their amounts (a later value of the same day wins, as in
/// dijo), so a habit holds at most one value per day a journal keeps.
#[derive(Default)]
struct Read {
    kind: Option<String>,
    name: Option<String>,
    goal: Option<Value>,
    stats: BTreeMap<NaiveDate, f64>,
}

impl<'de> de::Visitor<'de> for &mut Reader<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of habits")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        while let Some(habit) = seq.next_element_seed(HabitSeed(&mut *self))? {
            if let Err(e) = self.habit(habit) {
                self.failed = Some(e);
                return Err(de::Error::custom("the journal refused a record"));
            }
        }
        Ok(())
    }
}

/// Reads one habit object, its days as they stream.
struct HabitSeed<'x, 'r, 's, 'a>(&'x mut Reader<'r, 's, 'a>);

impl<'de> DeserializeSeed<'de> for HabitSeed<'_, '_, '_, '_> {
    type Value = Read;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Read, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> de::Visitor<'de> for HabitSeed<'_, '_, '_, '_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a habit")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Read, A::Error> {
        let mut habit = Read::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => habit.kind = map.next_value()?,
                "name" => habit.name = map.next_value()?,
                "goal" => habit.goal = Some(map.next_value()?),
                "stats" => {
                    let seed = Stats {
                        reader: &mut *self.0,
                        into: &mut habit.stats,
                    };
                    map.next_value_seed(seed)?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(habit)
    }
}

/// A habit's days, each kept if a journal can hold it.
struct Stats<'x, 'r, 's, 'a, 'h> {
    reader: &'x mut Reader<'r, 's, 'a>,
    into: &'h mut BTreeMap<NaiveDate, f64>,
}

impl<'de> DeserializeSeed<'de> for Stats<'_, '_, '_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> de::Visitor<'de> for Stats<'_, '_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of days")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let (dest, left) = (self.reader.into, &mut self.reader.out.left_out);
        while let Some(day) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                left.add("day dijo wrote in a way this reader does not know|days dijo wrote in a way this reader does not know");
                continue;
            };
            let Some(value) = amount(&value) else {
                continue;
            };
            // A day a journal cannot keep is counted once it holds a value.
            let fits = if value > 0.0 {
                day_fits(day, dest, left)
            } else {
                day <= dest.today && day >= FIRST_DAY
            };
            if fits {
                self.into.insert(day, value);
            }
        }
        Ok(())
    }
}

fn not_dijo(path: &Path, why: String) -> CliError {
    CliError::Input(format!(
        "{} is not dijo's habit record ({why}); give the path of habit_record.json from dijo's data folder.",
        path.display()
    ))
}
