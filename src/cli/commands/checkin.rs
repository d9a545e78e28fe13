//! `checkin` (the morning: an intention and a confidence) and `reflect`
//! (the evening: answers, mood and confidence).
//!
//! JSON: the check-in or the reflection as the domain records it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::{CheckinArgs, ReflectArgs};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{checkin_summary, reflection_summary, short_day};
use crate::domain::{CheckIn, Journal, Reflection};

/// A check-in just saved.
#[derive(Serialize)]
#[serde(transparent)]
pub struct CheckedIn {
    checkin: CheckIn,
    #[serde(skip)]
    today: NaiveDate,
}

/// `checkin`.
pub fn checkin(journal: &mut Journal, args: CheckinArgs) -> Result<CheckedIn> {
    let day = parse::day_or_today(journal, &args.date)?;
    let confidence = parse::rating(args.confidence.as_deref(), "confidence")?;
    if args.intention.is_none() && confidence.is_none() {
        return Err(CliError::Input(
            "A check-in needs an intention or a confidence, like --intention \"one kind thing\" --confidence 6.".into(),
        ));
    }
    let checkin = journal.check_in(day, args.intention.as_deref(), confidence)?;
    Ok(CheckedIn {
        checkin,
        today: journal.today(),
    })
}

impl Report for CheckedIn {
    fn text(&self) -> String {
        lines([format!(
            "Check-in saved for {}: {}.",
            short_day(self.checkin.day, self.today),
            checkin_summary(&self.checkin)
        )])
    }
}

/// A reflection just saved, with the day's "I said I'd … — and I did."
#[derive(Serialize)]
#[serde(transparent)]
pub struct Reflected {
    reflection: Reflection,
    #[serde(skip)]
    kept_line: Option<String>,
    #[serde(skip)]
    today: NaiveDate,
}

/// `reflect`.
pub fn reflect(journal: &mut Journal, args: ReflectArgs) -> Result<Reflected> {
    let day = parse::day_or_today(journal, &args.date)?;
    let mood = parse::rating(args.mood.as_deref(), "mood")?;
    let confidence = parse::rating(args.confidence.as_deref(), "confidence")?;
    let answers = parse::answers(journal, &args.answers)?;
    if mood.is_none() && confidence.is_none() && answers.is_empty() {
        return Err(CliError::Input(
            "A reflection needs a mood, a confidence or an answer, like --mood 6 --answer helped=\"a walk\".".into(),
        ));
    }
    let reflection = journal.reflect(day, &answers, mood, confidence)?;
    Ok(Reflected {
        reflection,
        kept_line: journal.day(day)?.kept_line(),
        today: journal.today(),
    })
}

impl Report for Reflected {
    fn text(&self) -> String {
        let mut out = vec![format!(
            "Reflection saved for {}: {}.",
            short_day(self.reflection.day, self.today),
            reflection_summary(&self.reflection)
        )];
        out.extend(self.kept_line.clone());
        lines(out)
    }
}
