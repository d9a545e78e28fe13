//! Marking a promise on a day, the one place for the two screens that
//! mark: Today, and the checkmark grid on Promises. A key there asks
//! [`mark`] for the selected promise on the day in view, so both leave the
//! same mark and say the same sentence. The amount box of
//! a measured promise and the form after a miss carry the day they were
//! opened for in their purpose, so what is saved is the day the person was
//! looking at, whichever screen opened it (and even if the clock passes
//! the day boundary while the popup is open).
//!
//! Uses the domain, the popups and the key table; never a screen.

use chrono::{Datelike, NaiveDate};

use super::Outcome;
use super::popup::Popup;
use super::popup::form::{FieldId, Form, FormField, FormPurpose, FormValues};
use super::popup::text::TextInput;
use crate::domain::prompts::Prompts;
use crate::domain::{self, DayItem, Journal, Mark, Status, status_for_amount, validate};
use crate::ui::Screen;
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};

/// Marks `item` on `day` as a key on `screen` asks: kept (again: cleared),
/// partly kept (a measure asks for the amount), the smaller version,
/// missed (with the form for a note), or the mark cleared. What is said
/// names the day when it is not today.
pub fn mark(
    action: Action,
    item: &DayItem,
    day: NaiveDate,
    j: &mut Journal,
    (keys, screen): (&Keymap, Screen),
) -> Outcome {
    let on = on_day(day, j.today());
    let id = &item.promise.id;
    let prompts = &j.config().prompts;
    let result = match action {
        Action::ToggleKept => j.toggle_kept(id, day).map(|check| match check {
            Some(c) if c.status == Status::Kept => format!("{on}Kept. That counts."),
            Some(c) => format!("{on}Recorded as {}.", c.status.label()),
            None => format!("{on}Mark cleared."),
        }),
        Action::MarkPartial if item.promise.is_measure() => {
            let amount = TextInput::amount(item, day, Some(Status::Partial), prompts);
            return Outcome::open(amount);
        }
        Action::MarkPartial => j
            .mark(id, day, Status::Partial, Mark::default())
            .map(|_| format!("{on}Partly kept. It happened, so it counts.")),
        Action::MarkSmaller => j
            .mark(id, day, Status::Smaller, Mark::default())
            .map(|_| format!("{on}Kept the smaller version. It happened, so it counts.")),
        Action::MarkMissed => {
            return Outcome::open(miss_form(item, day, prompts, (keys, screen)));
        }
        Action::ClearMark if item.check.is_none() => Ok(format!("{on}Nothing is marked.")),
        Action::ClearMark => j.unmark(id, day).map(|()| format!("{on}Mark cleared.")),
        _ => return Outcome::default(),
    };
    match result {
        Ok(words) => Outcome::say(words),
        Err(e) => Outcome::say(e.to_string()),
    }
}

/// "Fri 20 Nov: " for a day before today; nothing for today.
pub fn on_day(day: NaiveDate, today: NaiveDate) -> String {
    if day == today {
        String::new()
    } else if day.year() == today.year() {
        format!("{}: ", day.format("%a %-d %b"))
    } else {
        format!("{}: ", day.format("%a %-d %b %Y"))
    }
}

/// The form after a miss on `day`: what got in the way, and at most one
/// lesson, with the smaller version to fall back on (and how to mark it
/// instead: leave the form, then the key on `screen`).
pub fn miss_form(
    item: &DayItem,
    day: NaiveDate,
    prompts: &Prompts,
    (keys, screen): (&Keymap, Screen),
) -> Popup {
    let check = item.check.as_ref();
    let value = |f: fn(&domain::Check) -> Option<String>| check.and_then(f).unwrap_or_default();
    let fields = vec![
        FormField::new(
            FieldId::Note,
            "Note",
            validate::NOTE.max,
            prompts.text("note").unwrap_or(""),
            &value(|c| c.note.clone()),
        ),
        FormField::new(
            FieldId::Lesson,
            "Lesson",
            validate::LESSON.max,
            prompts.text("lesson").unwrap_or(""),
            &value(|c| c.lesson.clone()),
        ),
    ];
    let purpose = FormPurpose::Miss {
        promise_id: item.promise.id.clone(),
        day,
        smaller: item.promise.smaller.clone(),
    };
    let title = format!(
        "Missed on {}: {}",
        day.format("%a %-d %b"),
        item.promise.text
    );
    let mut form = Form::new(title, purpose, fields);
    // In the form every letter is typed, so the key that marks the smaller
    // version works once the form is closed; the note says so.
    form.note = item.promise.smaller.as_ref().map(|s| {
        let cancel = keys.label_of(Context::Popup(PopupKind::Form), Action::Cancel);
        match keys.key(screen, Action::MarkSmaller) {
            key if key.is_empty() => format!("Smaller version for next time: {s}"),
            key => format!(
                "Smaller version for next time: {s}. Did that instead? {cancel} here, then {key} marks it."
            ),
        }
    });
    form.into()
}

/// Saves an amount typed for a measured promise on `day`: partly kept when
/// `status` says so, else whatever the amount earns against `target`.
pub fn save_amount(
    j: &mut Journal,
    promise_id: &str,
    day: NaiveDate,
    status: Option<Status>,
    target: Option<f64>,
    text: &str,
) -> domain::Result<String> {
    let amount: f64 = text.trim().replace(',', ".").parse().map_err(|_| {
        domain::Error::Input(format!(
            "\"{}\" is not a number; type an amount like 10 or 2.5.",
            text.trim()
        ))
    })?;
    let status = status.unwrap_or_else(|| status_for_amount(amount, target));
    let mark = Mark {
        amount: Some(amount),
        ..Mark::default()
    };
    let check = j.mark(promise_id, day, status, mark)?;
    Ok(format!("Recorded as {}.", check.status.label()))
}

/// Saves the note on a promise's mark on `day` (empty clears it).
pub fn save_note(
    j: &mut Journal,
    promise_id: &str,
    day: NaiveDate,
    text: &str,
) -> domain::Result<String> {
    let check = j.note(promise_id, day, text)?;
    Ok(match check.note {
        Some(_) => "Note saved with the mark.".into(),
        None => "Note cleared.".into(),
    })
}

/// Saves the note and lesson of a miss on `day`; points to the smaller
/// version (and the key on `screen` that marks it).
pub fn save_miss(
    j: &mut Journal,
    promise_id: &str,
    day: NaiveDate,
    smaller: Option<&str>,
    values: &FormValues,
    (keys, screen): (&Keymap, Screen),
) -> domain::Result<String> {
    let mark = Mark {
        amount: None,
        note: Some(values.get(FieldId::Note)),
        lesson: Some(values.get(FieldId::Lesson)),
    };
    j.mark(promise_id, day, Status::Missed, mark)?;
    Ok(match smaller {
        Some(s) => format!(
            "Noted. Next time, the smaller version still counts: {s} ({} marks it).",
            keys.key(screen, Action::MarkSmaller)
        ),
        None => "Noted. A miss is information, nothing more.".into(),
    })
}
