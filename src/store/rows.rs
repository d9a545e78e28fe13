//! Records to and from table rows: schedules as text, answers and decisions
//! as JSON, and a value that cannot be read named as such.
//!
//! May use: `model`.

use rusqlite::Row;

use super::{Result, StoreError};
use crate::model::{Check, CheckIn, Promise, Reflection, Review, Schedule, Status, Win};

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

pub(super) fn check_from_row(r: &Row<'_>) -> rusqlite::Result<Check> {
    let status: String = r.get("status")?;
    Ok(Check {
        id: r.get("id")?,
        promise_id: r.get("promise_id")?,
        day: r.get("day")?,
        status: Status::parse(&status).ok_or_else(|| bad_value(3, "status"))?,
        amount: r.get("amount")?,
        note: r.get("note")?,
        lesson: r.get("lesson")?,
        updated_at: r.get("updated_at")?,
    })
}

pub(super) fn win_from_row(r: &Row<'_>) -> rusqlite::Result<Win> {
    Ok(Win {
        id: r.get(0)?,
        day: r.get(1)?,
        text: r.get(2)?,
        area: r.get(3)?,
        created_at: r.get(4)?,
        private: r.get(5)?,
    })
}

pub(super) fn checkin_from_row(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: r.get(0)?,
        day: r.get(1)?,
        intention: r.get(2)?,
        confidence: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

pub(super) fn reflection_from_row(r: &Row<'_>) -> rusqlite::Result<Reflection> {
    let answers: String = r.get(2)?;
    Ok(Reflection {
        id: r.get(0)?,
        day: r.get(1)?,
        answers: serde_json::from_str(&answers).map_err(|_| bad_value(2, "answers"))?,
        mood: r.get(3)?,
        confidence: r.get(4)?,
        updated_at: r.get(5)?,
    })
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
