//! The one path every value takes into the journal, whether it was typed in
//! the full-screen journal, given on the command line, or read from an
//! import: text is cleaned of control characters and held to its length,
//! amounts and targets to what can be recorded, ratings to 0–10.
//!
//! Each rule says what is wrong in a short phrase; typed input turns it into
//! a sentence for the person at the keyboard, and an import into a sentence
//! naming the record (see `domain::import`).
//!
//! May use: `model` and the rest of `domain`.

use super::day::parse_weekday;
use super::{
    Error, MAX_AMOUNT, MAX_ANSWER_LEN, MAX_CUE_LEN, MAX_ENTRY_LEN, MAX_LABEL_LEN, MAX_PROMISE_LEN,
    Result,
};
use crate::model::Schedule;
use crate::text::{clean_controls, printable};

/// A kind of text the journal keeps, and how much of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its name in a sentence: "The {name} is empty".
    pub name: &'static str,
    /// Its name in an export file, for messages about an import.
    pub json: &'static str,
    /// The most characters it holds, after cleaning.
    pub max: usize,
    /// One-line fields turn newlines and runs of spaces into one space.
    pub one_line: bool,
    example: &'static str,
}

const fn field(
    name: &'static str,
    json: &'static str,
    max: usize,
    one_line: bool,
    example: &'static str,
) -> Field {
    Field {
        name,
        json,
        max,
        one_line,
        example,
    }
}

pub const PROMISE: Field = field(
    "promise",
    "text",
    MAX_PROMISE_LEN,
    true,
    "stretch for ten seconds",
);
pub const CUE: Field = field("cue", "cue", MAX_CUE_LEN, true, "after my coffee");
pub const SMALLER: Field = field(
    "smaller version",
    "smaller",
    MAX_CUE_LEN,
    true,
    "touch my toes once",
);
pub const AREA: Field = field("area", "area", MAX_LABEL_LEN, true, "health");
pub const UNIT: Field = field("unit", "unit", MAX_LABEL_LEN, true, "minutes");
pub const WIN: Field = field(
    "win",
    "text",
    MAX_ENTRY_LEN,
    false,
    "sent the email I was avoiding",
);
pub const NOTE: Field = field("note", "note", MAX_ENTRY_LEN, false, "overslept");
pub const LESSON: Field = field("lesson", "lesson", MAX_ENTRY_LEN, false, "alarm by the bed");
pub const INTENTION: Field = field(
    "intention",
    "intention",
    MAX_ENTRY_LEN,
    false,
    "one kind thing",
);
pub const ANSWER: Field = field(
    "answer",
    "answers",
    MAX_ANSWER_LEN,
    false,
    "a friend texted",
);
/// A prompt's key, like `helped`; prompts come from the config, so there is
/// room to spare.
pub const ANSWER_KEY: Field = field("prompt key", "answers", MAX_PROMISE_LEN, true, "helped");
/// The key and headline of a decision in a weekly review (made by the app).
pub const DECISION_KEY: Field = field("decision key", "key", MAX_PROMISE_LEN, true, "grow");
pub const HEADLINE: Field = field("headline", "headline", MAX_ENTRY_LEN, true, "a few words");

impl Field {
    /// The text as the journal keeps it: control characters other than
    /// newline and tab dropped (a carriage return becomes a newline), one
    /// line for one-line fields, surrounding space trimmed. `Ok(None)` when
    /// nothing visible is left (space and zero-width characters only);
    /// `Err(length)` when it is longer than the field holds.
    pub fn clean(&self, raw: &str) -> Result<Option<String>, usize> {
        let cleaned = clean_controls(raw);
        let text = if self.one_line {
            cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            cleaned.trim().to_string()
        };
        if blank(&text) {
            return Ok(None);
        }
        let len = text.chars().count();
        if len > self.max {
            return Err(len);
        }
        Ok(Some(text))
    }

    /// Typed text that must say something.
    pub fn required(&self, raw: &str) -> Result<String> {
        match self.clean(raw) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err(Error::Input(format!(
                "The {} is empty; write a few words, for example \"{}\".",
                self.name, self.example
            ))),
            Err(len) => Err(self.too_long(len)),
        }
    }

    /// Typed text that may be left out; empty text means none.
    pub fn optional(&self, raw: Option<&str>) -> Result<Option<String>> {
        match raw {
            None => Ok(None),
            Some(raw) => self.clean(raw).map_err(|len| self.too_long(len)),
        }
    }

    fn too_long(&self, len: usize) -> Error {
        Error::Input(format!(
            "The {} is {} characters long; keep it to {} characters or fewer.",
            self.name,
            grouped(len),
            grouped(self.max)
        ))
    }

    /// For an import: what is wrong with a text of `len` characters.
    pub fn too_long_phrase(&self, len: usize) -> String {
        format!(
            "has a \"{}\" of {} characters, more than the {} it can hold",
            self.json,
            grouped(len),
            grouped(self.max)
        )
    }
}

/// Whether `text` shows nothing: only space and zero-width characters.
pub fn blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || zero_width(c))
}

/// Characters that take no room and show nothing on their own: zero-width
/// spaces and joiners, direction marks, the byte-order mark, the soft
/// hyphen and variation selectors. Text made only of these is empty.
fn zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    )
}

/// What is wrong with a number given as an amount (`zero_ok`) or a target,
/// as a phrase that follows the number's name: "1e308, but it must be …".
pub fn number_problem(value: f64, zero_ok: bool) -> Option<String> {
    let fits = value.is_finite()
        && value <= MAX_AMOUNT
        && if zero_ok { value >= 0.0 } else { value > 0.0 };
    if fits {
        return None;
    }
    let range = if zero_ok {
        "zero or more"
    } else {
        "above zero"
    };
    Some(format!(
        "{}, but it must be {range}, up to {}",
        short_number(value),
        grouped(MAX_AMOUNT as usize)
    ))
}

/// An amount done: finite, zero or more, at most [`MAX_AMOUNT`].
pub fn amount(value: f64) -> Result<f64> {
    match number_problem(value, true) {
        None => Ok(value),
        Some(_) => Err(Error::Input(format!(
            "{} is not an amount I can record; use a number of zero or more, up to {}, like 10 or 2.5.",
            short_number(value),
            grouped(MAX_AMOUNT as usize)
        ))),
    }
}

/// A target: finite, above zero, at most [`MAX_AMOUNT`].
pub fn target(value: f64) -> Result<f64> {
    match number_problem(value, false) {
        None => Ok(value),
        Some(_) => Err(Error::Input(format!(
            "{} is not a target I can use; use a number above zero, up to {}, like 10 or 2.5.",
            short_number(value),
            grouped(MAX_AMOUNT as usize)
        ))),
    }
}

/// A rating from 0 to 10, or none.
pub fn rating(value: Option<u8>, name: &str) -> Result<()> {
    match value {
        Some(v) if v > 10 => Err(Error::Input(format!(
            "A {name} rating of {v} is outside 0–10; choose a whole number from 0 to 10."
        ))),
        _ => Ok(()),
    }
}

/// A number as people read it: `10`, `2.5`, and `1e308` rather than 309
/// digits.
pub fn short_number(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e12 {
        crate::model::format_amount(value)
    } else {
        format!("{value:e}")
    }
}

/// `2000000` as `2,000,000`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Something a person typed, to quote in a message: control characters
/// shown in caret notation, and cut short when it is long.
pub fn echo(text: &str) -> String {
    const SHOWN: usize = 40;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(SHOWN).collect();
    let more = chars.next().is_some();
    let head = printable(&head).into_owned();
    if more { format!("{head}…") } else { head }
}

/// A win typed with its area at the end, as "fixed the sink #home": the
/// text without the tag, and the area. Text without a tag (or that is only
/// a tag) comes back whole, without an area.
pub fn split_area(text: &str) -> (String, Option<String>) {
    let trimmed = text.trim_end();
    let Some((before, tag)) = trimmed.rsplit_once(char::is_whitespace) else {
        return (text.to_string(), None);
    };
    match tag.strip_prefix('#') {
        Some(area) if !area.is_empty() && !area.starts_with('#') && !before.trim().is_empty() => {
            (before.trim_end().to_string(), Some(area.to_string()))
        }
        _ => (text.to_string(), None),
    }
}

impl Schedule {
    /// Parses `mon,wed,fri` into a weekday schedule.
    pub fn parse_days(text: &str) -> Result<Schedule, String> {
        let mut days = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_weekday(part) {
                Some(d) => days.push(d),
                None => {
                    return Err(format!(
                        "\"{}\" is not a weekday; list days like mon,wed,fri.",
                        echo(part)
                    ));
                }
            }
        }
        if days.is_empty() {
            return Err("No weekdays were given; list days like mon,wed,fri.".into());
        }
        Ok(Schedule::weekdays(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_stay_on_one_line_and_lose_control_characters() {
        assert_eq!(
            PROMISE.clean("  stretch\r\nfor\tten \x1b[2Jseconds\x07 "),
            Ok(Some("stretch for ten [2Jseconds".to_string()))
        );
        assert_eq!(
            WIN.clean("first\r\nsecond\tcolumn\x1b]0;x\x07\u{9b}"),
            Ok(Some("first\nsecond\tcolumn]0;x".to_string()))
        );
        assert_eq!(CUE.clean("\x1b\x07 \r\n"), Ok(None));
    }

    #[test]
    fn length_is_counted_in_characters_after_cleaning() {
        assert_eq!(UNIT.clean(&"é".repeat(40)), Ok(Some("é".repeat(40))));
        assert_eq!(UNIT.clean(&"é".repeat(41)), Err(41));
        assert_eq!(
            UNIT.clean(&format!("{}\x1b", "u".repeat(40))).ok(),
            Some(Some("u".repeat(40)))
        );
    }

    #[test]
    fn numbers_are_finite_and_bounded() {
        assert_eq!(amount(0.0).ok(), Some(0.0));
        assert_eq!(amount(MAX_AMOUNT).ok(), Some(MAX_AMOUNT));
        assert!(target(0.0).is_err());
        for bad in [-1.0, f64::NAN, f64::INFINITY, 1e308, MAX_AMOUNT * 1.5] {
            assert!(amount(bad).is_err(), "{bad}");
            assert!(target(bad).is_err(), "{bad}");
        }
        let message = amount(1e308)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.starts_with("1e308 is not an amount"), "{message}");
        assert!(message.len() < 200, "{message}");
    }

    #[test]
    fn numbers_in_messages_are_short() {
        assert_eq!(short_number(2.5), "2.5");
        assert_eq!(short_number(-3.0), "-3");
        assert_eq!(short_number(1e308), "1e308");
        assert_eq!(short_number(f64::NAN), "NaN");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(2000), "2,000");
        assert_eq!(grouped(1_000_000_000), "1,000,000,000");
        assert_eq!(echo("short"), "short");
        assert_eq!(echo(&"x".repeat(100)), format!("{}…", "x".repeat(40)));
        assert_eq!(echo("a\x1bb"), "a^[b");
    }

    #[test]
    fn a_win_can_carry_its_area_at_the_end() {
        assert_eq!(
            split_area("fixed the sink #home"),
            ("fixed the sink".to_string(), Some("home".to_string()))
        );
        assert_eq!(
            split_area("fixed the sink"),
            ("fixed the sink".to_string(), None)
        );
        assert_eq!(split_area("#home"), ("#home".to_string(), None));
        assert_eq!(
            split_area("won #1 in the race"),
            ("won #1 in the race".to_string(), None)
        );
        assert_eq!(split_area("a # b"), ("a # b".to_string(), None));
    }

    #[test]
    fn weekday_lists_parse_and_bad_ones_are_refused() {
        let s = Schedule::parse_days("mon, wed,fri,mon").expect("valid");
        assert_eq!(
            s,
            Schedule::Weekdays {
                days: vec![0, 2, 4]
            }
        );
        assert_eq!(s.to_string(), "mon,wed,fri");
        assert!(Schedule::parse_days("mon,blursday").is_err());
        assert!(Schedule::parse_days(" , ").is_err());
    }
}
