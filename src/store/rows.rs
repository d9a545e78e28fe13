//! Records to and from table rows: schedules as text, answers and decisions
//! as JSON, and a value that cannot be read named as such.
//!
//! May use: `model`.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Row, ToSql};

use super::{Result, StoreError};
use crate::model::{Check, CheckIn, Promise, Reflection, Review, Schedule, Status, Win, dates};

/// A value as the JSON text a column holds. A value that cannot be written
/// stops the write, rather than saving something else in its place.
pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

pub(super) fn schedule_to_sql(s: &Schedule) -> String {
    match s {
        Schedule::Daily => "daily".into(),
        Schedule::Weekdays { days } => format!(
            "days:{}",
            days.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
        ),
        Schedule::TimesPerWeek { times } => format!("weekly:{times}"),
    }
}

pub(super) fn schedule_from_sql(s: &str) -> Option<Schedule> {
    if s == "daily" {
        return Some(Schedule::Daily);
    }
    if let Some(rest) = s.strip_prefix("days:") {
        let days: Option<Vec<u8>> = rest.split(',').map(|d| d.parse().ok()).collect();
        return days.map(|days| Schedule::Weekdays { days });
    }
    s.strip_prefix("weekly:")
        .and_then(|n| n.parse().ok())
        .map(|times| Schedule::TimesPerWeek { times })
}

pub(super) fn bad_value(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unreadable {what}").into(),
    )
}

pub(super) fn promise_from_row(r: &Row<'_>) -> rusqlite::Result<Promise> {
    let schedule: String = r.get("schedule")?;
    Ok(Promise {
        id: r.get("id")?,
        number: r.get("number")?,
        text: r.get("text")?,
        cue: r.get("cue")?,
        smaller: r.get("smaller")?,
        area: r.get("area")?,
        // An unreadable schedule (written by an older import) must not make
        // every read fail: it asks for nothing until the person sets one.
        schedule: schedule_from_sql(&schedule).unwrap_or_else(Schedule::unreadable),
        unit: r.get("unit")?,
        targets: Vec::new(),
        versions: Vec::new(),
        position: r.get("position")?,
        created_on: r.get("created_on")?,
        archived_on: r.get("archived_on")?,
        updated_at: r.get("updated_at")?,
    })
}

/// A check from a row of `id, promise_id, day, status, amount, note,
/// lesson, updated_at`, in that order. Read by place, not by name: the
/// evidence reads weeks of checks at a time, and finding each column by
/// its name was a sixth of the work.
pub(super) fn check_from_row(r: &Row<'_>) -> rusqlite::Result<Check> {
    let status = r.get_ref(3)?.as_str()?;
    Ok(Check {
        id: r.get(0)?,
        promise_id: r.get(1)?,
        day: day_at(r, 2)?,
        status: Status::parse(status).ok_or_else(|| bad_value(3, "status"))?,
        amount: r.get(4)?,
        note: r.get(5)?,
        lesson: r.get(6)?,
        updated_at: moment_at(r, 7)?,
    })
}

pub(super) fn win_from_row(r: &Row<'_>) -> rusqlite::Result<Win> {
    Ok(Win {
        id: r.get(0)?,
        day: day_at(r, 1)?,
        text: r.get(2)?,
        area: r.get(3)?,
        created_at: moment_at(r, 4)?,
        private: r.get(5)?,
    })
}

pub(super) fn checkin_from_row(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: r.get(0)?,
        day: day_at(r, 1)?,
        intention: r.get(2)?,
        confidence: r.get(3)?,
        updated_at: moment_at(r, 4)?,
    })
}

pub(super) fn reflection_from_row(r: &Row<'_>) -> rusqlite::Result<Reflection> {
    let answers: String = r.get(2)?;
    Ok(Reflection {
        id: r.get(0)?,
        day: day_at(r, 1)?,
        answers: serde_json::from_str(&answers).map_err(|_| bad_value(2, "answers"))?,
        mood: r.get(3)?,
        confidence: r.get(4)?,
        updated_at: moment_at(r, 5)?,
    })
}

/// The digits of `text[at..at + n]` as a number, if they are all digits.
fn digits(text: &[u8], at: usize, n: usize) -> Option<u32> {
    text.get(at..at + n)?.iter().try_fold(0u32, |v, b| {
        b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, as the journal writes days.
fn fast_day(text: &[u8]) -> Option<NaiveDate> {
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(text, 0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(text, 5, 2)?, digits(text, 8, 2)?)
}

/// `YYYY-MM-DD HH:MM:SS`, as the journal writes moments.
fn fast_moment(text: &[u8]) -> Option<NaiveDateTime> {
    if text.len() != 19 || text[10] != b' ' || text[13] != b':' || text[16] != b':' {
        return None;
    }
    fast_day(&text[..10])?.and_hms_opt(
        digits(text, 11, 2)?,
        digits(text, 14, 2)?,
        digits(text, 17, 2)?,
    )
}

/// A day as the journal writes it, `YYYY-MM-DD`: bound as chrono's `%F`
/// would bind it, without going through its format parser (an import of
/// ten years binds ~70,000 days and moments; chrono's formatting was a
/// twelfth of it).
pub(super) struct Day(pub NaiveDate);

/// A moment as the journal writes it, `YYYY-MM-DD HH:MM:SS` and the
/// fraction chrono's `%.f` writes (none, or 3, 6 or 9 digits).
pub(super) struct Moment(pub NaiveDateTime);

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let mut out = String::with_capacity(10);
        match dates::push_day(&mut out, self.0) {
            Some(()) => Ok(ToSqlOutput::from(out)),
            None => self.0.to_sql(),
        }
    }
}

impl ToSql for Moment {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let mut out = String::with_capacity(29);
        match dates::push_moment(&mut out, self.0, ' ') {
            Some(()) => Ok(ToSqlOutput::from(out)),
            None => self.0.to_sql(),
        }
    }
}

/// The day in column `i`: the journal's own layout read directly, any
/// other as chrono reads it (the same day either way, or the same error).
pub(super) fn day_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    match r.get_ref(i)? {
        ValueRef::Text(text) => fast_day(text).map_or_else(|| r.get(i), Ok),
        _ => r.get(i),
    }
}

/// The moment in column `i`, like [`day_at`].
pub(super) fn moment_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDateTime> {
    match r.get_ref(i)? {
        ValueRef::Text(text) => fast_moment(text).map_or_else(|| r.get(i), Ok),
        _ => r.get(i),
    }
}

pub(super) fn review_from_row(r: &Row<'_>) -> rusqlite::Result<Review> {
    let answers: String = r.get(2)?;
    let decisions: String = r.get(3)?;
    Ok(Review {
        id: r.get(0)?,
        week_start: r.get(1)?,
        answers: serde_json::from_str(&answers).map_err(|_| bad_value(2, "answers"))?,
        decisions: serde_json::from_str(&decisions).map_err(|_| bad_value(3, "decisions"))?,
        updated_at: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` as a day and as a moment, both ways.
    fn both(text: &str) -> [(Option<String>, Option<String>); 2] {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        let read = |f: fn(&Row<'_>, usize) -> rusqlite::Result<String>| {
            conn.query_row("SELECT ?1", [text], |r| Ok(f(r, 0).ok()))
                .expect("row")
        };
        let fast_d = read(|r, i| day_at(r, i).map(|d| d.to_string()));
        let chrono_d = read(|r, i| r.get::<_, NaiveDate>(i).map(|d| d.to_string()));
        let fast_m = read(|r, i| moment_at(r, i).map(|d| d.to_string()));
        let chrono_m = read(|r, i| r.get::<_, NaiveDateTime>(i).map(|d| d.to_string()));
        [(fast_d, chrono_d), (fast_m, chrono_m)]
    }

    #[test]
    fn days_and_moments_read_as_chrono_reads_them() {
        for text in [
            "2026-11-21",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "1900-01-01",
            "9999-12-31",
            "2026-1-21",
            "2026-11-21 20:30:05",
            "2026-11-21T20:30:05",
            "2026-11-21 20:30:05.250",
            "2026-11-21 24:00:00",
            "2026-11-21 23:59:60",
            "2026-11-21 2x:00:00",
            "+2026-11-21",
            "",
            "not a day",
        ] {
            for (fast, chrono) in both(text) {
                assert_eq!(fast, chrono, "{text:?}");
            }
        }
        assert_eq!(both("2026-11-21")[0].0.as_deref(), Some("2026-11-21"));
        assert_eq!(
            both("2026-11-21 20:30:05")[1].0.as_deref(),
            Some("2026-11-21 20:30:05")
        );
    }

    /// What a value binds as: the text SQLite is handed.
    fn bound(value: &dyn ToSql) -> String {
        match value.to_sql().unwrap() {
            ToSqlOutput::Owned(rusqlite::types::Value::Text(t)) => t,
            ToSqlOutput::Borrowed(ValueRef::Text(t)) => String::from_utf8(t.to_vec()).unwrap(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn days_and_moments_bind_as_chrono_binds_them() {
        for t in crate::model::dates::samples() {
            assert_eq!(bound(&Day(t.date())), bound(&t.date()), "{t:?}");
            assert_eq!(bound(&Moment(t)), bound(&t), "{t:?}");
        }
        let days = [NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()];
        assert_eq!(bound(&Day(days[0])), "2026-11-21");
        let t = days[0].and_hms_nano_opt(8, 5, 9, 120_000_000).unwrap();
        assert_eq!(bound(&Moment(t)), "2026-11-21 08:05:09.120");
    }
}
