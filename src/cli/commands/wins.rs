//! `win`: a small win noted on a day; `win list`, `win edit` and `win
//! delete` for the wins already noted, each named by its short id.
//!
//! JSON: `win` and `win add` print the win as the domain records it; `win
//! list` prints `{day, wins}` with each win's `short_id`; `win edit` the
//! edited win with its `short_id`; `win delete` `{deleted, restore}`, where
//! `restore` is the command that notes the win again.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::{WinArgs, WinEditArgs, WinIdArg, WinListArgs};
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{ended, indent, short_day, win_text};
use crate::domain::{Journal, ShortWin, Win};

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

/// `win` and `win add`.
pub fn win(journal: &mut Journal, args: WinArgs) -> Result<WinNoted> {
    let day = parse::day_or_today(journal, &args.date)?;
    let win = journal.add_win_with(
        day,
        &args.text.join(" "),
        args.area.as_deref(),
        args.private,
    )?;
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
        let mut out = vec![format!(
            "Win noted for {label}: {}",
            ended(&win_text(&self.win))
        )];
        if self.win.private {
            out.push("It is private: it never goes into a message you share.".into());
        }
        if self.wins_that_day > 1 {
            out.push(format!(
                "That makes {} wins on {label}.",
                self.wins_that_day
            ));
        }
        lines(out)
    }
}

/// A day's wins with their ids.
#[derive(Serialize)]
pub struct WinList {
    day: NaiveDate,
    wins: Vec<ShortWin>,
    #[serde(skip)]
    today: NaiveDate,
}

/// `win list`.
pub fn list(journal: &Journal, args: &WinListArgs) -> Result<WinList> {
    let day = parse::day_or_today(journal, &args.date)?;
    let wins = journal.wins_between(day, day)?;
    Ok(WinList {
        day,
        wins: journal.with_short_ids(wins)?,
        today: journal.today(),
    })
}

impl Report for WinList {
    fn text(&self) -> String {
        let label = short_day(self.day, self.today);
        if self.wins.is_empty() {
            return lines([format!(
                "No wins noted on {label} yet; note one with `smallwins win \"…\"`."
            )]);
        }
        let mut out = vec![format!("Wins on {label}")];
        out.extend(self.wins.iter().map(win_line));
        lines(out)
    }
}

/// "  3fa9c1  sent the email (work)", as `win list`, `today` and `day` show
/// a win.
pub fn win_line(w: &ShortWin) -> String {
    let pad = w.short_id.chars().count() + 4;
    format!("  {}  {}", w.short_id, indent(&win_text(&w.win), pad))
}

/// A win as it reads after `win edit`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct WinEdited {
    win: ShortWin,
    #[serde(skip)]
    today: NaiveDate,
}

/// `win edit`.
pub fn edit(journal: &mut Journal, args: WinEditArgs) -> Result<WinEdited> {
    let found = journal.find_win(&args.id)?;
    let win = journal.edit_win(&found.win, &args.text.join(" "))?;
    Ok(WinEdited {
        win: ShortWin {
            short_id: found.short_id,
            win,
        },
        today: journal.today(),
    })
}

impl Report for WinEdited {
    fn text(&self) -> String {
        let w = &self.win;
        lines([format!(
            "Win {} on {} now reads: {}.",
            w.short_id,
            short_day(w.win.day, self.today),
            indent(&win_text(&w.win), 2)
        )])
    }
}

/// A win deleted, and the command that notes it again.
#[derive(Serialize)]
pub struct WinDeleted {
    deleted: ShortWin,
    restore: String,
    #[serde(skip)]
    today: NaiveDate,
}

/// `win delete`. The shell has no undo history of its own, so the answer
/// carries the exact command that brings the win back (with a new id).
pub fn delete(journal: &mut Journal, args: &WinIdArg) -> Result<WinDeleted> {
    let found = journal.find_win(&args.id)?;
    journal.delete_win(&found.win)?;
    Ok(WinDeleted {
        restore: restore_command(&found.win),
        deleted: found,
        today: journal.today(),
    })
}

impl Report for WinDeleted {
    fn text(&self) -> String {
        let w = &self.deleted;
        lines([
            format!(
                "Deleted win {} from {}: {}.",
                w.short_id,
                short_day(w.win.day, self.today),
                indent(&win_text(&w.win), 2)
            ),
            "To bring it back (with a new id):".into(),
            format!("  {}", self.restore),
        ])
    }
}

/// `smallwins win add --date 2026-11-21 --area work -- 'the words'`.
fn restore_command(win: &Win) -> String {
    let mut parts = vec!["smallwins win add --date".to_string(), win.day.to_string()];
    if let Some(area) = &win.area {
        parts.push("--area".into());
        parts.push(shell_quote(area));
    }
    if win.private {
        parts.push("--private".into());
    }
    parts.push("--".into());
    parts.push(shell_quote(&win.text));
    parts.join(" ")
}

/// `text` as one word for a POSIX shell: in single quotes, each `'` as
/// `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_restore_command_quotes_for_the_shell() {
        let win = Win {
            id: "w".into(),
            day: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            text: "Mum's $HOME `date`".into(),
            area: Some("work life".into()),
            created_at: NaiveDate::MIN.and_time(chrono::NaiveTime::MIN),
            private: false,
        };
        assert_eq!(
            restore_command(&win),
            r"smallwins win add --date 2026-11-21 --area 'work life' -- 'Mum'\''s $HOME `date`'"
        );
    }
}
