//! Words and numbers both front ends show for the same things, so the
//! full-screen journal and the command line say them the same way: one
//! rounding rule for every number shown to people (`model::rounded`, half
//! away from zero), the three states of a day (shown up, noted as missed,
//! not recorded), and how a promise's week went. (The glyphs both draw are
//! the one glyph set in `model::glyphs`.)
//!
//! May use: `model` and the rest of `domain`.

use chrono::Weekday;

use super::evidence::{NewCount, StrengthShown};
use super::rule::DayTally;
use super::stats::{PromiseWeek, WeekSummary};
use crate::model::{amount_in, decimals, format_amount};

/// A share as a whole percentage: "83%" (82.5% rounds up).
pub fn percent(share: f64) -> String {
    format!("{}%", decimals(share * 100.0, 0))
}

/// A day's headline, what the person showed up for first: "showed up
/// for 2 of 2 · 1 partly · 1 smaller", "showed up for 1 of 3 · 1 kept",
/// "2 promises · none marked yet", "nothing asked". The same count as the
/// day's message to share ("I showed up for 2 of the 2…").
pub fn day_headline(tally: DayTally, partly: u32, smaller: u32) -> String {
    if tally.asked == 0 {
        return "nothing asked".into();
    }
    if tally.shown == 0 {
        return match tally.missed {
            0 => format!(
                "{} · none marked yet",
                count(tally.asked, "promise", "promises")
            ),
            n => format!(
                "{} · {n} noted as missed",
                count(tally.asked, "promise", "promises")
            ),
        };
    }
    let mut line = format!("showed up for {} of {}", tally.shown, tally.asked);
    for (n, what) in [
        (tally.kept, "kept"),
        (partly, "partly"),
        (smaller, "smaller"),
    ] {
        if n > 0 {
            line.push_str(&format!(" · {n} {what}"));
        }
    }
    line
}

/// A new promise's plain count, where strength shows once it has asked
/// [`NEW_SLOTS`](super::evidence::NEW_SLOTS) times: "new · 2 of 2", or
/// "new" before it has asked anything.
pub fn new_words(c: NewCount) -> String {
    match c.asked {
        0 => "new".into(),
        asked => format!("new · {} of {asked}", c.shown),
    }
}

/// How a promise is going, as every front end shows it: "new · 2 of 2"
/// while it is new, its strength ("83%") after.
pub fn strength_words(s: StrengthShown) -> String {
    match s {
        StrengthShown::New(c) => new_words(c),
        StrengthShown::Score(v) => percent(v),
    }
}

/// What strength measures, in one line for a promise's page and help.
pub const STRENGTH_MEANS: &str = "Strength: a moving average of the days a promise asks, where recent days weigh most; a daily promise kept every day reaches about 80% in a month, and one miss only dents it. It shows once a promise has asked 14 times; until then, its plain count.";

/// An average or a rating to one decimal at most: "7", "7.5", "8.3".
pub fn one_decimal(value: f64) -> String {
    decimals(value, 1)
}

/// A rating out of ten: "6/10", "7.5/10".
pub fn out_of_ten(value: f64) -> String {
    format!("{}/10", one_decimal(value))
}

/// "once", "twice", "3 times".
pub fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// "1 day", "3 days".
pub fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "every one of the 12", "none of the 12", "3 of the 12": a part of a
/// whole, never "12 of the 12".
pub fn part_of(n: usize, of: usize) -> String {
    match (n, of) {
        (_, 1) if n == 1 => "the only one".into(),
        (n, of) if n == of => format!("every one of the {of}"),
        (0, of) => format!("none of the {of}"),
        (n, of) => format!("{n} of the {of}"),
    }
}

/// How one promise's week went, in the three states: "showed up 5 of 6
/// days (1 partly), 1 not recorded", "showed up 3 of 3 times, and once
/// more", "1 of 2 so far this week". A week not over never reads as a
/// zero: an N-times-a-week promise with nothing yet is "not yet this week".
pub fn week_words(w: &PromiseWeek) -> String {
    told(w, true)
}

/// [`week_words`] for a letter to share: what was shown up for, without
/// the days noted missed or left blank (those stay private).
pub fn week_words_to_share(w: &PromiseWeek) -> String {
    told(w, false)
}

fn told(w: &PromiseWeek, states: bool) -> String {
    let (one, many) = if w.flexible {
        ("time", "times")
    } else {
        ("day", "days")
    };
    let mut line = if w.flexible && w.part {
        match w.shown {
            0 => "not on these days".to_string(),
            n => format!("{} on these days", times(n)),
        }
    } else if w.asked == 0 && w.extra == 0 {
        return if w.open {
            "not asked for yet this week".into()
        } else {
            "not asked for that week".into()
        };
    } else if w.asked == 0 {
        format!(
            "showed up on {} it did not ask for",
            count(w.extra, one, many)
        )
    } else if w.flexible && w.open && w.shown == 0 {
        format!(
            "not yet this week ({} to go)",
            count(w.asked, "time", "times")
        )
    } else if w.flexible && w.open {
        format!("{} of {} so far this week", w.shown, w.asked)
    } else {
        format!("showed up {} of {}", w.shown, count(w.asked, one, many))
    };
    let kinds: Vec<String> = [(w.partial, "partly"), (w.smaller, "the smaller version")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if !kinds.is_empty() && (w.shown > 0 || w.extra > 0) {
        line.push_str(&format!(" ({})", kinds.join(", ")));
    }
    if states && w.missed > 0 {
        line.push_str(&format!(", {} noted missed", w.missed));
    }
    if states && w.not_recorded > 0 {
        line.push_str(&format!(", {} not recorded", w.not_recorded));
    }
    if w.extra > 0 && w.asked > 0 {
        line.push_str(&if w.flexible {
            format!(", and {} more", times(w.extra))
        } else {
            format!(", and {} it did not ask for", count(w.extra, "day", "days"))
        });
    }
    line
}

/// A promise's week in short, for a table cell or a comparison: "5/6",
/// "0/3 +3" (three more on days it did not ask for), "1 of 2 so far"
/// (never "0/2" for a week not over), "—" when nothing was asked.
pub fn week_fraction(w: &PromiseWeek) -> String {
    if w.asked == 0 {
        return "—".into();
    }
    if w.flexible && w.part {
        return times(w.shown);
    }
    if w.flexible && w.open {
        return if w.shown == 0 {
            "not yet".into()
        } else {
            format!("{} of {} so far", w.shown, w.asked)
        };
    }
    match w.extra {
        0 => format!("{}/{}", w.shown, w.asked),
        n => format!("{}/{} +{n}", w.shown, w.asked),
    }
}

/// A sentence's first letter in capitals: "That week" from "that week".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "this week" for the week holding today, "that week" for a past one.
pub fn which_week(current: bool) -> &'static str {
    if current { "this week" } else { "that week" }
}

/// What is still open in a week not over, counted as Today counts it:
/// "2 promises unmarked today, 1 more time to go this week" (the times an
/// N-times-a-week promise still asks), or `None`.
pub fn still_open_words(week: &WeekSummary) -> Option<String> {
    let mut parts = Vec::new();
    if let n @ 1.. = week.unmarked_today() {
        parts.push(format!(
            "{} unmarked today",
            count(n, "promise", "promises")
        ));
    }
    if let n @ 1.. = week.still_open() {
        parts.push(format!(
            "{} to go this week",
            count(n, "more time", "more times")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The legend of the short counts [`week_fraction`] draws for `weeks`,
/// with their own numbers: "5/6: showed up 5 of the 6 times asked · +1:
/// once more than it asked", the "+" part only when one is drawn;
/// `None` when no such count is drawn.
pub fn fraction_legend<'a>(weeks: impl IntoIterator<Item = &'a PromiseWeek>) -> Option<String> {
    let drawn: Vec<&PromiseWeek> = (weeks.into_iter())
        .filter(|w| week_fraction(w).contains('/'))
        .collect();
    // The first with more than one time asked reads best as an example.
    let first = (drawn.iter().find(|w| w.asked > 1)).or(drawn.first())?;
    let mut legend = if first.asked == 1 {
        format!(
            "{}/1: showed up {} of 1 time asked",
            first.shown, first.shown
        )
    } else {
        format!(
            "{}/{}: showed up {} of the {} times asked",
            first.shown, first.asked, first.shown, first.asked
        )
    };
    if let Some(w) = drawn.iter().find(|w| w.extra > 0) {
        legend.push_str(&format!(
            " · +{}: {} more than it asked",
            w.extra,
            times(w.extra)
        ));
    }
    Some(legend)
}

/// An N-times-a-week promise's week beside it on a day: "1 of 2 this
/// week", "3 of 3 that week, and once more", "not yet this week (2 to
/// go)". Never a count over its total, never a zero while the week goes.
pub fn week_progress(shown: u32, asked: u32, open: bool) -> String {
    let when = which_week(open);
    if shown == 0 && open {
        return format!("not yet this week ({asked} to go)");
    }
    match shown.checked_sub(asked).filter(|extra| *extra > 0) {
        Some(extra) => format!("{asked} of {asked} {when}, and {} more", times(extra)),
        None => format!("{shown} of {asked} {when}"),
    }
}

/// What a prompt written for today says on another day: "today" becomes
/// "that day", "tomorrow" "the next day".
pub fn prompt_for_day(prompt: &str, is_today: bool) -> String {
    if is_today {
        return prompt.to_string();
    }
    let mut out = prompt.to_string();
    for (from, to) in [
        ("today's", "that day's"),
        ("Today's", "That day's"),
        ("today", "that day"),
        ("Today", "That day"),
        ("tomorrow", "the next day"),
        ("Tomorrow", "The next day"),
        ("tonight", "that night"),
        ("Tonight", "That night"),
    ] {
        out = out.replace(from, to);
    }
    out
}

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
        (Some(a), _) | (None, Some(a)) => amount_in(a, unit),
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
    use crate::model::unit_for;

    #[test]
    fn a_days_headline_is_what_was_shown_up_for_then_how() {
        let t = |asked, shown, kept, missed| DayTally {
            asked,
            shown,
            kept,
            missed,
        };
        assert_eq!(
            day_headline(t(2, 2, 0, 0), 1, 1),
            "showed up for 2 of 2 · 1 partly · 1 smaller"
        );
        assert_eq!(
            day_headline(t(3, 2, 1, 1), 1, 0),
            "showed up for 2 of 3 · 1 kept · 1 partly"
        );
        assert_eq!(
            day_headline(t(2, 0, 0, 0), 0, 0),
            "2 promises · none marked yet"
        );
        assert_eq!(day_headline(t(0, 0, 0, 0), 0, 0), "nothing asked");
    }

    #[test]
    fn a_new_promise_reads_as_its_plain_count() {
        let c = |shown, asked| NewCount { shown, asked };
        assert_eq!(strength_words(StrengthShown::New(c(2, 2))), "new · 2 of 2");
        assert_eq!(new_words(c(0, 0)), "new");
        assert_eq!(strength_words(StrengthShown::Score(0.834)), "83%");
    }

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
        assert_eq!(
            amount_label(pages, Some(1.0), Some(10.0)).as_deref(),
            Some("1 of 10 pages")
        );
        assert_eq!(
            amount_label(pages, Some(1.0), Some(1.0)).as_deref(),
            Some("1 page")
        );
        assert_eq!(
            amount_label(pages, None, Some(1.0)).as_deref(),
            Some("1 page")
        );
        assert_eq!(amount_label(None, Some(4.0), Some(10.0)), None);
    }

    #[test]
    fn one_of_a_unit_reads_in_the_singular_when_the_ending_is_plain() {
        for (unit, one) in [
            ("pages", "page"),
            ("minutes", "minute"),
            ("push-ups", "push-up"),
            ("glasses", "glass"),
            ("dishes", "dish"),
            ("boxes", "box"),
            ("km", "km"),
            ("stories", "stories"),
            ("sheep", "sheep"),
            ("s", "s"),
            ("bus", "bus"),
        ] {
            assert_eq!(unit_for(1.0, unit), one, "{unit}");
            assert_eq!(unit_for(2.0, unit), unit);
            assert_eq!(unit_for(0.5, unit), unit);
        }
    }

    fn week(asked: u32, shown: u32) -> PromiseWeek {
        PromiseWeek {
            promise_id: "p".into(),
            text: "Read".into(),
            asked,
            shown,
            kept: shown,
            partial: 0,
            smaller: 0,
            missed: 0,
            not_recorded: 0,
            extra: 0,
            unmarked_today: 0,
            flexible: false,
            open: false,
            part: false,
        }
    }

    #[test]
    fn a_week_is_told_in_three_states_and_never_over_its_total() {
        let mut w = week(6, 4);
        w.partial = 1;
        w.kept = 3;
        w.missed = 1;
        w.not_recorded = 1;
        assert_eq!(
            week_words(&w),
            "showed up 4 of 6 days (1 partly), 1 noted missed, 1 not recorded"
        );
        assert_eq!(week_words_to_share(&w), "showed up 4 of 6 days (1 partly)");
        let mut extra = week(3, 3);
        extra.extra = 1;
        extra.kept = 4;
        assert_eq!(
            week_words(&extra),
            "showed up 3 of 3 days, and 1 day it did not ask for"
        );
        extra.flexible = true;
        assert_eq!(week_words(&extra), "showed up 3 of 3 times, and once more");
    }

    #[test]
    fn a_week_not_over_never_reads_as_a_zero() {
        let mut w = week(2, 0);
        w.flexible = true;
        w.open = true;
        assert_eq!(week_words(&w), "not yet this week (2 times to go)");
        assert_eq!(week_fraction(&w), "not yet");
        w.shown = 1;
        assert_eq!(week_words(&w), "1 of 2 so far this week");
        assert_eq!(week_fraction(&w), "1 of 2 so far");
        assert_eq!(week_words(&week(0, 0)), "not asked for that week");
    }

    #[test]
    fn a_week_beside_a_day_never_reads_over_its_total() {
        assert_eq!(
            week_progress(4, 3, false),
            "3 of 3 that week, and once more"
        );
        assert_eq!(
            week_progress(5, 3, true),
            "3 of 3 this week, and twice more"
        );
        assert_eq!(week_progress(2, 3, true), "2 of 3 this week");
        assert_eq!(week_progress(0, 3, true), "not yet this week (3 to go)");
        assert_eq!(week_progress(0, 3, false), "0 of 3 that week");
    }

    #[test]
    fn numbers_round_one_way_everywhere() {
        assert_eq!(one_decimal(8.25), "8.3");
        assert_eq!(out_of_ten(10.0), "10/10");
        assert_eq!(percent(0.825), "83%");
        assert_eq!(part_of(12, 12), "every one of the 12");
        assert_eq!(part_of(0, 3), "none of the 3");
        assert_eq!(part_of(2, 3), "2 of the 3");
    }

    #[test]
    fn a_prompt_for_today_reads_right_on_a_past_day() {
        let p = "What made keeping a promise easier today?";
        assert_eq!(prompt_for_day(p, true), p);
        assert_eq!(
            prompt_for_day(p, false),
            "What made keeping a promise easier that day?"
        );
        assert_eq!(
            prompt_for_day("What would you adjust for tomorrow?", false),
            "What would you adjust for the next day?"
        );
    }

    #[test]
    fn weekdays_in_general_are_plural() {
        assert_eq!(weekday_plural(Weekday::Mon), "Mondays");
        assert_eq!(weekday_plural(Weekday::Sun), "Sundays");
    }
}
