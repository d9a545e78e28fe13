//! Words and numbers as the command line says them, shared by its
//! commands: days and weeks, counts, amounts, schedules, how a
//! week of a promise went. One home for each, so `today`, `review`,
//! `stats` and the exports never word the same thing two ways.
//!
//! Uses the model's records and values only; no I/O.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::validate::grouped;
use crate::domain::{CheckIn, Reflection, Schedule, Win};
use crate::store::Counts;

/// "Sat 21 Nov", with the year when it is not this year's.
pub fn short_day(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %-d %b").to_string()
    } else {
        long_day(day)
    }
}

/// "Mon 16 Nov 2026".
pub fn long_day(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027".
pub fn span(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() != end.year() {
        format!(
            "{} – {}",
            start.format("%-d %b %Y"),
            end.format("%-d %b %Y")
        )
    } else if start.month() != end.month() {
        format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y"))
    } else {
        format!("{}–{}", start.format("%-d"), end.format("%-d %b %Y"))
    }
}

/// "1 day", "3 days", "13,376 checks".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    let shown = usize::try_from(n).map_or_else(|_| n.to_string(), grouped);
    format!("{shown} {}", if n == 1 { one } else { many })
}

/// "3 promises, 1 check, 0 wins, …".
pub fn describe_counts(c: &Counts) -> String {
    [
        (c.promises, "promise", "promises"),
        (c.checks, "check", "checks"),
        (c.wins, "win", "wins"),
        (c.checkins, "check-in", "check-ins"),
        (c.reflections, "reflection", "reflections"),
    ]
    .iter()
    // Weekly reviews are named once there are any, so the parts add up to
    // the total.
    .chain((c.reviews > 0).then_some(&(c.reviews, "weekly review", "weekly reviews")))
    .map(|&(n, one, many)| plural(n, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

pub use crate::domain::words::{one_decimal, out_of_ten, percent};

/// Indents every line after the first, for text that spans lines.
pub fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

/// "Read (before bed · 10 pages)", or the text alone without details.
pub fn with_details(text: &str, details: &[String]) -> String {
    if details.is_empty() {
        text.to_string()
    } else {
        format!("{text} ({})", details.join(" · "))
    }
}

/// "on Mon, Wed and Fri", "3 times a week", "every day".
pub fn schedule_words(schedule: &Schedule) -> String {
    match schedule {
        Schedule::Daily => "every day".into(),
        Schedule::Weekdays { days } => {
            let names: Vec<String> = days
                .iter()
                .filter_map(|d| Weekday::try_from(*d).ok())
                .map(|d| d.to_string())
                .collect();
            match names.as_slice() {
                [] => "on no day".into(),
                [one] => format!("on {one}"),
                [rest @ .., last] => format!("on {} and {last}", rest.join(", ")),
            }
        }
        Schedule::TimesPerWeek { times: 1 } => "once a week".into(),
        Schedule::TimesPerWeek { times } => format!("{times} times a week"),
    }
}

/// "work 2, other 1"; empty when no win has an area (every one "other").
pub fn area_counts(areas: &[(String, u32)]) -> String {
    if areas.iter().all(|(area, _)| area == "other") {
        return String::new();
    }
    areas
        .iter()
        .map(|(area, n)| format!("{area} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "sent the email (work)", without a final full stop.
pub fn win_text(win: &Win) -> String {
    let text = win.text.trim_end_matches('.');
    match (&win.area, win.private) {
        (Some(area), false) => format!("{text} ({area})"),
        (Some(area), true) => format!("{text} ({area} · private)"),
        (None, true) => format!("{text} (private)"),
        (None, false) => text.to_string(),
    }
}

/// `text` as the end of a sentence: a full stop added unless it already
/// ends in one of its own ("Did it!", "勉強した。").
pub fn ended(text: &str) -> String {
    const STOPS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '｡'];
    if text.ends_with(STOPS) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// "“one kind thing”, morning confidence 6/10".
pub fn checkin_summary(c: &CheckIn) -> String {
    let mut parts = Vec::new();
    if let Some(intention) = &c.intention {
        parts.push(format!("“{intention}”"));
    }
    if let Some(confidence) = c.confidence {
        parts.push(format!("morning confidence {confidence}/10"));
    }
    parts.join(", ")
}

/// "mood 6/10, evening confidence 8/10, 2 answers".
pub fn reflection_summary(r: &Reflection) -> String {
    let mut parts = vec![rating_summary(r)];
    match r.answers.len() {
        0 => {}
        1 => parts.push("1 answer".into()),
        n => parts.push(format!("{n} answers")),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

/// "mood 6/10, evening confidence 8/10", or empty.
pub fn rating_summary(r: &Reflection) -> String {
    let mut parts = Vec::new();
    if let Some(mood) = r.mood {
        parts.push(format!("mood {mood}/10"));
    }
    if let Some(confidence) = r.confidence {
        parts.push(format!("evening confidence {confidence}/10"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_that_ends_in_its_own_stop_gets_no_second_one() {
        assert_eq!(ended("Walked to work"), "Walked to work.");
        assert_eq!(ended("Did it!"), "Did it!");
        assert_eq!(
            ended("今日は日本語を少し勉強した。"),
            "今日は日本語を少し勉強した。"
        );
        assert_eq!(ended("Read (books)"), "Read (books).");
    }

    #[test]
    fn large_counts_read_with_their_thousands_apart() {
        assert_eq!(plural(950u64, "check", "checks"), "950 checks");
        assert_eq!(plural(1000u64, "check", "checks"), "1,000 checks");
        assert_eq!(plural(13_376u64, "check", "checks"), "13,376 checks");
        assert_eq!(plural(1u64, "check", "checks"), "1 check");
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn spans_name_the_month_and_year_once_when_they_are_shared() {
        assert_eq!(span(d("2026-11-16"), d("2026-11-22")), "16–22 Nov 2026");
        assert_eq!(
            span(d("2026-11-30"), d("2026-12-06")),
            "30 Nov – 6 Dec 2026"
        );
        assert_eq!(
            span(d("2026-12-28"), d("2027-01-03")),
            "28 Dec 2026 – 3 Jan 2027"
        );
    }

    #[test]
    fn days_carry_the_year_only_when_it_is_another() {
        assert_eq!(short_day(d("2026-11-21"), d("2026-12-01")), "Sat 21 Nov");
        assert_eq!(
            short_day(d("2025-11-21"), d("2026-12-01")),
            "Fri 21 Nov 2025"
        );
    }

    #[test]
    fn schedules_are_said_in_words() {
        assert_eq!(schedule_words(&Schedule::Daily), "every day");
        assert_eq!(
            schedule_words(&Schedule::parse_days("fri,mon,wed").expect("days")),
            "on Mon, Wed and Fri"
        );
        assert_eq!(
            schedule_words(&Schedule::parse_days("sun").expect("days")),
            "on Sun"
        );
        assert_eq!(
            schedule_words(&Schedule::TimesPerWeek { times: 1 }),
            "once a week"
        );
        assert_eq!(
            schedule_words(&Schedule::TimesPerWeek { times: 3 }),
            "3 times a week"
        );
    }

    #[test]
    fn counts_are_described_in_words() {
        let c = Counts {
            promises: 1,
            checks: 2,
            wins: 0,
            checkins: 1,
            reflections: 3,
            reviews: 0,
        };
        assert_eq!(
            describe_counts(&c),
            "1 promise, 2 checks, 0 wins, 1 check-in, 3 reflections"
        );
    }

    #[test]
    fn averages_out_of_ten_drop_a_needless_decimal() {
        assert_eq!(out_of_ten(6.0), "6/10");
        assert_eq!(out_of_ten(7.46), "7.5/10");
    }
}
