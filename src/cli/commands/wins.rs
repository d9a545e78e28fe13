//! `win`: a small win noted on a day.
//!
//! JSON: the win as the domain records it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::WinArgs;
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{short_day, win_text};
use crate::domain::{Journal, Win};

/// A win just noted, and how many that day now holds.
#[derive(Serialize)]
#[serde(transparent)]
pub struct WinNoted {
    win: Win,
    #[serde(skip)]
    wins_that_day: usize,
    #[serde(skip)]
    today: NaiveDate,
}

/// `win`.
pub fn win(journal: &mut Journal, args: WinArgs) -> Result<WinNoted> {
    let day = parse::day_or_today(journal, &args.date)?;
    let win = journal.add_win(day, &args.text.join(" "), args.area.as_deref())?;
    let wins_that_day = journal
        .win_counts(day, day)?
        .get(&day)
        .copied()
        .unwrap_or(0);
    Ok(WinNoted {
        win,
        wins_that_day,
        today: journal.today(),
    })
}

impl Report for WinNoted {
    fn text(&self) -> String {
        let label = short_day(self.win.day, self.today);
        let mut out = vec![format!("Win noted for {label}: {}.", win_text(&self.win))];
        if self.wins_that_day > 1 {
            out.push(format!(
                "That makes {} wins on {label}.",
                self.wins_that_day
            ));
        }
        lines(out)
    }
}
