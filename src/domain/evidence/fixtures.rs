//! Records for the evidence tests.
//!
//! May use: `model`.

use chrono::NaiveDate;

use crate::model::{Check, Promise, Schedule, Status, Win, new_id};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn promise(schedule: Schedule, created: &str) -> Promise {
    Promise {
        id: new_id(),
        text: "stretch".into(),
        cue: None,
        smaller: None,
        area: None,
        schedule,
        unit: None,
        targets: vec![],
        versions: vec![],
        number: 1,
        position: 0,
        created_on: d(created),
        archived_on: None,
        updated_at: d(created).and_hms_opt(8, 0, 0).expect("valid"),
    }
}

pub fn check(p: &Promise, day: &str, status: Status) -> Check {
    Check {
        id: new_id(),
        promise_id: p.id.clone(),
        day: d(day),
        status,
        amount: None,
        note: None,
        lesson: None,
        updated_at: d(day).and_hms_opt(20, 0, 0).expect("valid"),
    }
}

pub fn win(day: &str, hour: u32, area: Option<&str>) -> Win {
    Win {
        id: new_id(),
        day: d(day),
        text: format!("win on {day}"),
        area: area.map(String::from),
        created_at: d(day).and_hms_opt(hour, 0, 0).expect("valid"),
        private: false,
    }
}

/// Checks for every day from `from` for `n` days, by a pattern string:
/// k kept, p partly, s the smaller version, m missed, anything else
/// unmarked.
pub fn pattern(p: &Promise, from: &str, marks: &str) -> Vec<Check> {
    d(from)
        .iter_days()
        .zip(marks.chars())
        .filter_map(|(day, c)| {
            let s = match c {
                'k' => Status::Kept,
                'p' => Status::Partial,
                's' => Status::Smaller,
                'm' => Status::Missed,
                _ => return None,
            };
            Some(check(p, &day.to_string(), s))
        })
        .collect()
}
