//! The promise form: add or edit a promise (text, cue, smaller version,
//! area, schedule, target), opened from Today, Promises and Review alike,
//! and how its values become a journal change. Uses the generic form and
//! the domain (`&mut Journal` to save).

use chrono::NaiveDate;

use super::form::{FieldId, Form, FormField, FormPurpose, FormValues};
use super::input::{NUMBER_BOX_LEN, SCHEDULE_BOX_LEN};
use crate::domain::evidence::Suggestion;
use crate::domain::{self, Journal, NewPromise, Promise, PromiseEdit, Schedule, validate};

/// The form for a new promise (`None`), or for editing `promise`.
pub fn promise_form(promise: Option<&Promise>, today: NaiveDate) -> Form {
    let fields = fields(promise, today);
    match promise {
        Some(p) => Form::new(
            "Edit promise".to_string(),
            FormPurpose::EditPromise(p.id.clone()),
            fields,
        ),
        None => Form::new(
            "A new tiny promise".to_string(),
            FormPurpose::AddPromise,
            fields,
        ),
    }
}

/// The promise form that answers `suggestion`: a new promise (`promise`
/// is `None`) or an edit of `promise`. The decision is recorded only when
/// the form is saved.
pub fn deciding_form(promise: Option<&Promise>, today: NaiveDate, suggestion: &Suggestion) -> Form {
    let title = match promise {
        Some(_) => "A smaller version for hard days".to_string(),
        None => "One new tiny promise".to_string(),
    };
    let purpose = FormPurpose::Decide {
        suggestion: Box::new(suggestion.clone()),
        edit: promise.map(|p| p.id.clone()),
    };
    Form::new(title, purpose, fields(promise, today))
}

/// The form's fields, holding what `promise` says today.
fn fields(promise: Option<&Promise>, today: NaiveDate) -> Vec<FormField> {
    let value = |f: fn(&Promise) -> Option<String>| promise.and_then(f).unwrap_or_default();
    let schedule = promise
        .map(|p| match &p.schedule {
            Schedule::Daily => "daily".to_string(),
            Schedule::Weekdays { .. } => p.schedule.to_string(),
            Schedule::TimesPerWeek { times } => format!("{times}/week"),
        })
        .unwrap_or_else(|| "daily".into());
    let target = promise
        .and_then(|p| p.target_label(today))
        .unwrap_or_default();
    vec![
        FormField::new(
            FieldId::Text,
            "Promise",
            validate::PROMISE.max,
            "tiny enough for a bad day, e.g. stretch for ten seconds",
            &value(|p| Some(p.text.clone())),
        ),
        FormField::new(
            FieldId::Cue,
            "Cue",
            validate::CUE.max,
            "when or after what, e.g. after my morning coffee",
            &value(|p| p.cue.clone()),
        ),
        FormField::new(
            FieldId::Smaller,
            "Smaller version",
            validate::SMALLER.max,
            "for hard days, e.g. touch my toes once",
            &value(|p| p.smaller.clone()),
        ),
        FormField::new(
            FieldId::Area,
            "Area",
            validate::AREA.max,
            "optional: health, work, social, creative…",
            &value(|p| p.area.clone()),
        ),
        FormField::new(
            FieldId::Schedule,
            "Schedule",
            SCHEDULE_BOX_LEN,
            "daily · mon,wed,fri · 3/week",
            &schedule,
        ),
        FormField::new(
            FieldId::Target,
            "Target",
            NUMBER_BOX_LEN + 1 + validate::UNIT.max,
            "optional amount and unit, e.g. 10 minutes",
            &target,
        ),
    ]
}

/// Edits the promise `id` as the form says, or adds a new one; returns
/// what to say.
pub fn save_promise(
    journal: &mut Journal,
    id: Option<&str>,
    values: &FormValues,
) -> domain::Result<String> {
    match id {
        Some(id) => {
            journal.edit_promise(id, edit_of(values)?)?;
            Ok("Promise updated from today; past days keep what was promised then.".into())
        }
        None => {
            let p = journal.add_promise(new_of(values)?)?;
            Ok(format!("Added “{}”. Small is the point.", p.text))
        }
    }
}

/// Saves the form that answers `suggestion`: the promise and the decision
/// in one step (one undo). Returns what to say.
pub fn save_promise_deciding(
    journal: &mut Journal,
    id: Option<&str>,
    values: &FormValues,
    suggestion: &Suggestion,
) -> domain::Result<String> {
    match id {
        Some(id) => {
            let p = journal.edit_promise_deciding(id, edit_of(values)?, suggestion)?;
            Ok(match &p.smaller {
                Some(smaller) => format!(
                    "“{smaller}” is the smaller version of “{}”; the decision is in this week's review.",
                    p.text
                ),
                None => "Promise updated; the decision is in this week's review.".into(),
            })
        }
        None => {
            let p = journal.add_promise_deciding(new_of(values)?, suggestion)?;
            Ok(format!(
                "Added “{}”; the decision is in this week's review.",
                p.text
            ))
        }
    }
}

/// The form's values as an edit of every field.
fn edit_of(values: &FormValues) -> domain::Result<PromiseEdit> {
    let (target, unit) = parse_target(&values.get(FieldId::Target))?;
    Ok(PromiseEdit {
        text: Some(values.get(FieldId::Text)),
        cue: Some(values.get(FieldId::Cue)),
        smaller: Some(values.get(FieldId::Smaller)),
        area: Some(values.get(FieldId::Area)),
        schedule: Some(parse_schedule(&values.get(FieldId::Schedule))?),
        target,
        unit: Some(unit.unwrap_or_default()),
    })
}

/// The form's values as a new promise.
fn new_of(values: &FormValues) -> domain::Result<NewPromise> {
    let (target, unit) = parse_target(&values.get(FieldId::Target))?;
    Ok(NewPromise {
        text: values.get(FieldId::Text),
        cue: Some(values.get(FieldId::Cue)),
        smaller: Some(values.get(FieldId::Smaller)),
        area: Some(values.get(FieldId::Area)),
        schedule: Some(parse_schedule(&values.get(FieldId::Schedule))?),
        target,
        unit,
    })
}

/// `daily`, `mon,wed,fri` or `3/week` (also `3x`, `3 times`).
pub fn parse_schedule(text: &str) -> domain::Result<Schedule> {
    let t = text.trim().to_lowercase();
    if t.is_empty() || t == "daily" || t == "every day" {
        return Ok(Schedule::Daily);
    }
    let number: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !number.is_empty() {
        // 300 does not fit a u8; it is as far outside 1–7 as 8 is.
        let Ok(times) = number.parse::<u8>() else {
            return Err(domain::Error::Input(format!(
                "{number} times a week is outside 1–7; choose a number from 1 to 7."
            )));
        };
        let s = Schedule::TimesPerWeek { times };
        s.validate().map_err(domain::Error::Input)?;
        return Ok(s);
    }
    Schedule::parse_days(&t).map_err(|_| {
        domain::Error::Input(format!(
            "\"{}\" is not a schedule; write daily, days like mon,wed,fri, or 3/week.",
            text.trim()
        ))
    })
}

/// `10 minutes` → (10, minutes); empty → no target.
pub fn parse_target(text: &str) -> domain::Result<(Option<f64>, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let amount: Option<f64> = num.replace(',', ".").parse().ok();
    let unit = unit.trim();
    match amount {
        Some(a) if !unit.is_empty() => Ok((Some(a), Some(unit.to_string()))),
        _ => Err(domain::Error::Input(format!(
            "\"{t}\" is not a target; write an amount and a unit, like 10 minutes, or leave it empty."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_parse_from_the_form() {
        assert_eq!(parse_schedule("").ok(), Some(Schedule::Daily));
        assert_eq!(parse_schedule("Daily").ok(), Some(Schedule::Daily));
        assert_eq!(
            parse_schedule("3/week").ok(),
            Some(Schedule::TimesPerWeek { times: 3 })
        );
        assert_eq!(
            parse_schedule("mon, fri").ok(),
            Some(Schedule::Weekdays { days: vec![0, 4] })
        );
        assert!(parse_schedule("9/week").is_err());
        assert!(parse_schedule("sometimes").is_err());
    }

    #[test]
    fn targets_parse_from_the_form() {
        assert_eq!(parse_target("").ok(), Some((None, None)));
        assert_eq!(
            parse_target("10 minutes").ok(),
            Some((Some(10.0), Some("minutes".into())))
        );
        assert_eq!(
            parse_target("2,5km").ok(),
            Some((Some(2.5), Some("km".into())))
        );
        assert!(parse_target("minutes").is_err());
        assert!(parse_target("10").is_err());
    }
}
