//! Typed values from what was typed: days, ratings, amounts, schedules,
//! answers. A value that cannot be read is answered with one sentence that
//! says what would be right (exit code 2); the domain then checks the
//! rules (ranges, limits) as it does for the full-screen journal.
//!
//! Uses the journal only to read days and the config's prompt keys.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::args::{DateArg, ScheduleArgs};
use super::error::{CliError, Result};
use crate::domain::{self, Journal, Schedule};

/// The day `--date` names, or today.
pub fn day_or_today(journal: &Journal, date: &DateArg) -> Result<NaiveDate> {
    match date.day.as_deref() {
        Some(text) => Ok(journal.parse_day(text)?),
        None => Ok(journal.today()),
    }
}

/// A rating as typed; the domain checks the 0–10 range.
pub fn rating(text: Option<&str>, name: &str) -> Result<Option<u8>> {
    let Some(text) = text else {
        return Ok(None);
    };
    text.trim().parse::<u8>().map(Some).map_err(|_| {
        CliError::Input(format!(
            "\"{}\" is not a {name} rating; choose a whole number from 0 to 10.",
            domain::validate::echo(text)
        ))
    })
}

/// An amount as typed; the domain checks that it can be recorded.
pub fn amount(text: Option<&str>, name: &str) -> Result<Option<f64>> {
    let Some(text) = text else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        // "1e400" reads as infinity: say what was typed, not "inf".
        _ => Err(CliError::Input(format!(
            "\"{}\" is not a number; give the {name} as a number like 10 or 2.5.",
            domain::validate::echo(text)
        ))),
    }
}

/// The schedule options, if any was given.
pub fn schedule(args: &ScheduleArgs) -> Result<Option<Schedule>> {
    if let Some(days) = &args.days {
        return Schedule::parse_days(days)
            .map(Some)
            .map_err(CliError::Input);
    }
    if let Some(times) = &args.times_per_week {
        let times = times.trim().parse::<u8>().map_err(|_| {
            CliError::Input(format!(
                "\"{}\" is not a number of days; give --times-per-week a whole number from 1 to 7.",
                domain::validate::echo(times)
            ))
        })?;
        return Ok(Some(Schedule::TimesPerWeek { times }));
    }
    Ok(args.daily.then_some(Schedule::Daily))
}

/// `KEY=TEXT` pairs; a later answer to the same key wins.
pub fn answers(journal: &Journal, answers: &[String]) -> Result<BTreeMap<String, String>> {
    let keys: Vec<&str> = (journal.config().prompts.evening.iter())
        .map(|p| p.key.as_str())
        .collect();
    let mut map = BTreeMap::new();
    for answer in answers {
        let Some((key, text)) = answer.split_once('=') else {
            return Err(CliError::Input(format!(
                "\"{}\" has no '='; write an answer as KEY=TEXT, like --answer helped=\"a friend texted\" (the keys are {}).",
                domain::validate::echo(answer),
                keys.join(", ")
            )));
        };
        let key = key.trim();
        // An empty key is the domain's to refuse, in its own words.
        if !key.is_empty() && !keys.contains(&key) {
            return Err(CliError::Input(format!(
                "\"{}\" is not a prompt key of the evening reflection; the keys are {}.",
                domain::validate::echo(key),
                keys.join(", ")
            )));
        }
        map.insert(key.to_string(), text.to_string());
    }
    Ok(map)
}

/// A whole number from `range` as typed, or `default` when none was;
/// `refused` words the sentence for anything else.
pub fn whole_number<T>(
    text: Option<&str>,
    range: std::ops::RangeInclusive<T>,
    default: T,
    refused: impl FnOnce(&str) -> String,
) -> Result<T>
where
    T: std::str::FromStr + PartialOrd,
{
    let Some(text) = text else {
        return Ok(default);
    };
    match text.trim().parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(CliError::Input(refused(text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_outside_their_range_are_refused_in_words() {
        let refused = |t: &str| format!("\"{t}\" will not do.");
        assert_eq!(whole_number(None, 1..=52, 8u32, refused), Ok(8));
        assert_eq!(whole_number(Some(" 3 "), 1..=52, 8u32, refused), Ok(3));
        assert_eq!(
            whole_number(Some("0"), 1..=52, 8u32, refused),
            Err(CliError::Input("\"0\" will not do.".into()))
        );
        assert!(whole_number(Some("x"), 1..=52, 8u32, refused).is_err());
    }

    #[test]
    fn amounts_that_read_as_infinity_are_refused_as_typed() {
        let e = amount(Some("1e400"), "amount").expect_err("infinite");
        assert!(
            e.message().starts_with("\"1e400\" is not a number"),
            "{e:?}"
        );
        assert_eq!(amount(Some(" 2.5 "), "amount"), Ok(Some(2.5)));
    }
}
