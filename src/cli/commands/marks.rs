//! `kept` (also `--smaller`), `partial`, `missed` and `unmark`: one
//! promise's mark on a day.
//!
//! For a measured promise the amount decides, by the one rule in the
//! domain (`status_for_amount`): `kept read --amount 4` on a 10-page target
//! is recorded as partly kept, as the full-screen journal records it.
//!
//! JSON: `{promise, check, started}` for a mark (`started`: the promise's
//! first day when this mark moved it earlier, else `null`), `{promise, day,
//! cleared}` for `unmark`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::{KeptArgs, MarkArgs, MissedArgs, UnmarkArgs};
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::short_day;
use crate::domain::words::amount_label;
use crate::domain::{Check, Journal, Mark, Promise, Status};

/// A promise's mark as it now stands.
#[derive(Serialize)]
pub struct Marked {
    promise: Promise,
    check: Check,
    /// The promise's first day, when this mark moved it earlier.
    started: Option<NaiveDate>,
    #[serde(skip)]
    asked_for: Status,
    #[serde(skip)]
    today: NaiveDate,
}

/// `kept`, with `--smaller` for the smaller version.
pub fn kept(journal: &mut Journal, args: KeptArgs) -> Result<Marked> {
    let status = if args.smaller {
        Status::Smaller
    } else {
        Status::Kept
    };
    mark(journal, args.mark, status)
}

/// `kept` and `partial`.
pub fn mark(journal: &mut Journal, args: MarkArgs, status: Status) -> Result<Marked> {
    let promise = journal.find_promise(&args.promise)?;
    let day = parse::day_or_today(journal, &args.date)?;
    let amount = parse::amount(args.amount.as_deref(), "amount")?;
    let mark = Mark {
        amount,
        note: args.note,
        lesson: None,
    };
    let check = journal.mark(&promise.id, day, status, mark)?;
    marked(journal, &promise, check, status)
}

/// `missed`.
pub fn missed(journal: &mut Journal, args: MissedArgs) -> Result<Marked> {
    let promise = journal.find_promise(&args.promise)?;
    let day = parse::day_or_today(journal, &args.date)?;
    let mark = Mark {
        amount: None,
        note: args.note,
        lesson: args.lesson,
    };
    let check = journal.mark(&promise.id, day, Status::Missed, mark)?;
    marked(journal, &promise, check, Status::Missed)
}

fn marked(journal: &Journal, before: &Promise, check: Check, asked_for: Status) -> Result<Marked> {
    let promise = journal.promise(&before.id)?;
    let started = (promise.created_on < before.created_on).then_some(promise.created_on);
    Ok(Marked {
        promise,
        check,
        started,
        asked_for,
        today: journal.today(),
    })
}

impl Report for Marked {
    fn text(&self) -> String {
        let check = &self.check;
        let promise = self.promise.as_on(check.day);
        let day = short_day(check.day, self.today);
        let target = promise.target_on(check.day);
        let amount = check
            .amount
            .and_then(|a| amount_label(promise.unit.as_deref(), Some(a), target));
        let what = match &amount {
            Some(amount) => format!("{} — {amount}", promise.text),
            None => promise.text.clone(),
        };
        let mut out = vec![match check.status {
            Status::Kept => format!("Kept: {what} ({day})."),
            Status::Partial => format!("Partly kept: {what} ({day}); it counts as showing up."),
            Status::Smaller => format!(
                "Kept the smaller version of {what}: {} ({day}); it counts as showing up.",
                promise.smaller.as_deref().unwrap_or_default()
            ),
            Status::Missed => format!("Noted as missed: {what} ({day})."),
        }];
        if self.asked_for != check.status
            && let (Some(amount), Some(target)) = (amount, promise.target_label(check.day))
        {
            out.push(match check.status {
                Status::Kept => {
                    format!("{amount} counts as kept: it reaches the day's target of {target}.")
                }
                other => format!(
                    "{amount} counts as {}; the full {target} counts as kept.",
                    other.label()
                ),
            });
        }
        if let Some(started) = self.started {
            out.push(format!(
                "It happened, so it counts: “{}” now starts on {}.",
                self.promise.text,
                short_day(started, self.today)
            ));
        }
        if check.status == Status::Missed
            && let Some(smaller) = &promise.smaller
        {
            out.push(format!(
                "Smaller version for next time: {smaller} (`smallwins kept {} --smaller`).",
                self.promise.number
            ));
        }
        lines(out)
    }
}

/// A mark cleared, or a day that had none.
#[derive(Serialize)]
pub struct Unmarked {
    promise: Promise,
    day: NaiveDate,
    /// Whether there was a mark to clear.
    cleared: bool,
    #[serde(skip)]
    today: NaiveDate,
}

/// `unmark`.
pub fn unmark(journal: &mut Journal, args: &UnmarkArgs) -> Result<Unmarked> {
    let promise = journal.find_promise(&args.promise)?;
    let day = parse::day_or_today(journal, &args.date)?;
    let cleared = journal
        .day(day)?
        .items
        .iter()
        .any(|i| i.promise.id == promise.id && i.check.is_some());
    journal.unmark(&promise.id, day)?;
    Ok(Unmarked {
        promise,
        day,
        cleared,
        today: journal.today(),
    })
}

impl Report for Unmarked {
    fn text(&self) -> String {
        let text = self.promise.text_on(self.day);
        let label = short_day(self.day, self.today);
        lines([if self.cleared {
            format!("Cleared the mark: {text} is not yet marked for {label}.")
        } else {
            format!("{text} had no mark for {label}, so nothing changed.")
        }])
    }
}
