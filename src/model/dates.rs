//! Days and moments written as text exactly as chrono writes them, without
//! its formatting machinery: `YYYY-MM-DD`, and `YYYY-MM-DD?HH:MM:SS` with
//! the fraction chrono writes (none, or 3, 6 or 9 digits). An export of ten
//! years writes about 70,000 of them, and so does an import to SQL
//! (`store/rows.rs`); through chrono's `Display` they were a quarter of an
//! export.
//!
//! A year outside 0–9999 or a leap second is handed to chrono (`None`
//! here), which writes them its own way.
//!
//! The serde modules ([`day`], [`moment`]) write the same text chrono's
//! serde support writes, and read with chrono's own.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// Writes `n` as `width` digits.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// `YYYY-MM-DD` onto `out`, or `None` (nothing written) for a year outside
/// 0–9999.
pub fn push_day(out: &mut String, day: NaiveDate) -> Option<()> {
    let year = u32::try_from(day.year()).ok().filter(|y| *y <= 9999)?;
    push_digits(out, year, 4);
    out.push('-');
    push_digits(out, day.month(), 2);
    out.push('-');
    push_digits(out, day.day(), 2);
    Some(())
}

/// The day, `HH:MM:SS` and chrono's fraction onto `out`, the two parts
/// joined by `between` (`'T'` as chrono's serde writes them, `' '` as
/// SQLite's date functions read them); `None` (nothing written) for what
/// chrono writes its own way.
pub fn push_moment(out: &mut String, t: NaiveDateTime, between: char) -> Option<()> {
    let nanos = t.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    push_day(out, t.date())?;
    out.push(between);
    push_digits(out, t.hour(), 2);
    out.push(':');
    push_digits(out, t.minute(), 2);
    out.push(':');
    push_digits(out, t.second(), 2);
    if nanos == 0 {
        return Some(());
    }
    out.push('.');
    if nanos.is_multiple_of(1_000_000) {
        push_digits(out, nanos / 1_000_000, 3);
    } else if nanos.is_multiple_of(1_000) {
        push_digits(out, nanos / 1_000, 6);
    } else {
        push_digits(out, nanos, 9);
    }
    Some(())
}

/// `#[serde(serialize_with = "dates::day::serialize")]` for a `NaiveDate`.
pub mod day {
    use chrono::NaiveDate;
    use serde::{Serialize, Serializer};

    pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(10);
        match super::push_day(&mut out, *day) {
            Some(()) => s.serialize_str(&out),
            None => day.serialize(s),
        }
    }
}

/// `#[serde(serialize_with = "dates::moment::serialize")]` for a
/// `NaiveDateTime`.
pub mod moment {
    use chrono::NaiveDateTime;
    use serde::{Serialize, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(29);
        match super::push_moment(&mut out, *t, 'T') {
            Some(()) => s.serialize_str(&out),
            None => t.serialize(s),
        }
    }
}

/// Days and moments of every shape chrono writes: years at and past the
/// four-digit edges, each length of fraction, a leap second. The tests
/// here and in `store/rows.rs` compare with chrono on them.
#[cfg(test)]
pub(crate) fn samples() -> Vec<NaiveDateTime> {
    let days = [
        (2026, 11, 21),
        (2024, 2, 29),
        (1, 1, 1),
        (0, 1, 1),
        (9999, 12, 31),
        (-1, 12, 31),
        (10000, 1, 1),
    ];
    let times = [
        (0, 0, 0, 0),
        (23, 59, 59, 0),
        (8, 5, 9, 1),
        (8, 5, 9, 120_000_000),
        (8, 5, 9, 120_500_000),
        (8, 5, 9, 120_500_001),
        (8, 5, 9, 999_999_999),
        (8, 5, 9, 5_000),
        (23, 59, 59, 1_500_000_000),
    ];
    days.iter()
        .flat_map(|&(y, m, d)| {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("day");
            times
                .iter()
                .map(move |&(h, mi, s, n)| day.and_hms_nano_opt(h, mi, s, n).expect("moment"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Ours {
        #[serde(serialize_with = "day::serialize")]
        day: NaiveDate,
        #[serde(serialize_with = "moment::serialize")]
        at: NaiveDateTime,
    }

    #[derive(serde::Serialize)]
    struct Chronos {
        day: NaiveDate,
        at: NaiveDateTime,
    }

    #[test]
    fn days_and_moments_are_written_as_chrono_writes_them() {
        for at in samples() {
            let day = at.date();
            let ours = serde_json::to_string(&Ours { day, at }).expect("ours");
            let theirs = serde_json::to_string(&Chronos { day, at }).expect("chrono's");
            assert_eq!(ours, theirs);
        }
        let days = [NaiveDate::from_ymd_opt(2026, 11, 21).expect("day")];
        let at = days[0]
            .and_hms_nano_opt(8, 5, 9, 120_000_000)
            .expect("moment");
        let mut out = String::new();
        push_moment(&mut out, at, ' ').expect("written");
        assert_eq!(out, "2026-11-21 08:05:09.120");
    }
}
