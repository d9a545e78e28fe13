//! Words both front ends show for the same things, so the full-screen
//! journal and the command line say them the same way. (The glyphs both
//! draw are the one glyph set in `model::glyphs`.)
//!
//! May use: `model`.

use chrono::Weekday;

use crate::model::format_amount;

/// A measured promise's amount in words: "4 of 10 pages" when less than
/// the target was done, "10 pages" when the target was reached (or there is
/// none), and the target alone, "10 pages", before anything is recorded.
/// `None` for a yes/no promise (no unit), or with neither an amount nor a
/// target.
pub fn amount_label(
    unit: Option<&str>,
    amount: Option<f64>,
    target: Option<f64>,
) -> Option<String> {
    let unit = unit?;
    Some(match (amount, target) {
        (Some(a), Some(t)) if a < t => {
            format!("{} of {} {unit}", format_amount(a), format_amount(t))
        }
        (Some(a), _) => format!("{} {unit}", format_amount(a)),
        (None, Some(t)) => format!("{} {unit}", format_amount(t)),
        (None, None) => return None,
    })
}

/// "Mondays", for sentences about a weekday in general.
pub fn weekday_plural(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_part_of_the_target() {
        let pages = Some("pages");
        assert_eq!(
            amount_label(pages, Some(4.0), Some(10.0)).as_deref(),
            Some("4 of 10 pages")
        );
        assert_eq!(
            amount_label(pages, Some(12.0), Some(10.0)).as_deref(),
            Some("12 pages")
        );
        assert_eq!(
            amount_label(pages, Some(2.5), None).as_deref(),
            Some("2.5 pages")
        );
        assert_eq!(
            amount_label(pages, None, Some(10.0)).as_deref(),
            Some("10 pages")
        );
        assert_eq!(amount_label(pages, None, None), None);
        assert_eq!(amount_label(None, Some(4.0), Some(10.0)), None);
    }

    #[test]
    fn weekdays_in_general_are_plural() {
        assert_eq!(weekday_plural(Weekday::Mon), "Mondays");
        assert_eq!(weekday_plural(Weekday::Sun), "Sundays");
    }
}
