//! Weekday names as the command line and the config file write them.
//!
//! May use: nothing of ours.

use chrono::Weekday;

/// The weekdays, Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Short lower-case weekday name, as used on the command line.
pub fn weekday_short(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Full lower-case weekday name.
fn weekday_long(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// Parses `mon`, `monday`, `Mon` … into a weekday.
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().to_ascii_lowercase();
    if t.len() < 2 {
        return None;
    }
    WEEK.into_iter().find(|d| weekday_long(*d).starts_with(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_names_parse_short_and_long() {
        assert_eq!(parse_weekday("mon"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("Thursday"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("tu"), Some(Weekday::Tue));
        assert_eq!(parse_weekday("x"), None);
        assert_eq!(parse_weekday("funday"), None);
    }
}
