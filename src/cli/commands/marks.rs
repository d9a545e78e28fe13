//! `kept`, `partial`, `missed` and `unmark`: one promise's mark on a day.
//!
//! JSON: `{promise, check}` for a mark, `{promise, day, cleared}` for
//! `unmark`.

use chrono::NaiveDate;
use serde::Serialize;

use super::Numbered;
use crate::cli::args::{MarkArgs, MissedArgs, UnmarkArgs};
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::short_day;
use crate::domain::words::amount_label;
use crate::domain::{Check, Journal, Mark, Promise, Status};

/// A promise's mark as it now stands.
#[derive(Serialize)]
pub struct Marked {
    promise: Numbered,
    check: Check,
    #[serde(skip)]
    today: NaiveDate,
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
    marked(journal, promise, check)
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
    marked(journal, promise, check)
}

fn marked(journal: &Journal, promise: Promise, check: Check) -> Result<Marked> {
    Ok(Marked {
        promise: Numbered::of(journal, promise)?,
        check,
        today: journal.today(),
    })
}

impl Report for Marked {
    fn text(&self) -> String {
        let (promise, check) = (&self.promise.promise, &self.check);
        let day = short_day(check.day, self.today);
        let amount = check.amount.and_then(|a| {
            amount_label(
                promise.unit.as_deref(),
                Some(a),
                promise.target_on(check.day),
            )
        });
        let what = match amount {
            Some(amount) => format!("{} — {amount}", promise.text),
            None => promise.text.clone(),
        };
        let mut out = vec![match check.status {
            Status::Kept => format!("Kept: {what} ({day})."),
            Status::Partial => format!("Partly kept: {what} ({day}); it counts as showing up."),
            Status::Missed => format!("Noted as missed: {what} ({day})."),
        }];
        if check.status == Status::Missed
            && let Some(smaller) = &promise.smaller
        {
            out.push(format!("Smaller version for next time: {smaller}."));
        }
        lines(out)
    }
}

/// A mark cleared, or a day that had none.
#[derive(Serialize)]
pub struct Unmarked {
    promise: Numbered,
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
        promise: Numbered::of(journal, promise)?,
        day,
        cleared,
        today: journal.today(),
    })
}

impl Report for Unmarked {
    fn text(&self) -> String {
        let text = &self.promise.promise.text;
        let label = short_day(self.day, self.today);
        lines([if self.cleared {
            format!("Cleared the mark: {text} is not yet marked for {label}.")
        } else {
            format!("{text} had no mark for {label}, so nothing changed.")
        }])
    }
}
