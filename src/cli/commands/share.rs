//! `share`: a short message of a day's or a week's small wins for one
//! trusted person (the words are the domain's, `domain/share.rs`), printed,
//! copied to the clipboard through the terminal (`--copy`, OSC 52), or
//! written to a new file only its owner can read (`--out`).
//!
//! JSON: `{about, scope, day, week_start, week_end, include, text,
//! characters, copied, out}`: `scope` is `day` or `week` (with `day`, or
//! `week_start` and `week_end`; the other fields `null`), `include` the
//! extras that went in (`["mood", …]`), `text` the message, `copied`
//! whether it went to the terminal's clipboard (`null` without `--copy`),
//! `out` the file written (`null` without `--out`).

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::cli::args::ShareArgs;
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Report, lines, refuse_existing, write_new_file, write_to_terminal};
use crate::cli::parse;
use crate::clipboard;
use crate::domain::Journal;
use crate::domain::share::ShareScope;
use crate::model::ShareInclude;

/// A message made, and where it went.
#[derive(Serialize)]
pub struct Shared {
    about: String,
    scope: &'static str,
    day: Option<NaiveDate>,
    week_start: Option<NaiveDate>,
    week_end: Option<NaiveDate>,
    include: ShareInclude,
    text: String,
    characters: usize,
    copied: Option<bool>,
    out: Option<PathBuf>,
    #[serde(skip)]
    tmux: bool,
}

/// `share`.
pub fn share(journal: &Journal, args: &ShareArgs) -> Result<Shared> {
    if let Some(out) = &args.out {
        refuse_existing(out, "message")?;
    }
    let include = match &args.include {
        Some(names) => ShareInclude::parse(names).map_err(CliError::Input)?,
        None => journal.config().share_include,
    };
    let day = parse::day_or_today(journal, &args.date)?;
    let scope = if args.week {
        ShareScope::Week(journal.week_start(day))
    } else {
        ShareScope::Day(day)
    };
    let source = journal.share(scope)?;
    let text = source.message(include);
    let copied = args
        .copy
        .then(|| write_to_terminal(clipboard::osc52(&text).as_bytes()));
    if let Some(out) = &args.out {
        write_new_file(out, &text, "message")?;
    }
    let (day, week_start, week_end) = match scope {
        ShareScope::Day(day) => (Some(day), None, None),
        ShareScope::Week(start) => (None, Some(start), Some(start + Duration::days(6))),
    };
    Ok(Shared {
        about: source.about(),
        scope: if args.week { "week" } else { "day" },
        day,
        week_start,
        week_end,
        include,
        characters: text.trim_end().chars().count(),
        text,
        copied,
        out: args.out.clone(),
        tmux: clipboard::in_tmux(),
    })
}

impl Shared {
    /// "today's message", "the message for Fri 20 Nov".
    fn whose(&self) -> String {
        crate::domain::share::whose(&self.about)
    }

    /// For stderr: why the message is printed although `--copy` was given.
    pub fn note(&self) -> Option<String> {
        (self.copied == Some(false)).then(|| {
            let saved = match &self.out {
                Some(out) => format!(" (it was also saved to {})", out.display()),
                None => String::new(),
            };
            format!(
                "There is no terminal here to copy through, so {} is printed below instead{saved}.\n",
                self.whose()
            )
        })
    }
}

impl Report for Shared {
    /// The message itself, unless it was copied or saved: then one line
    /// for each.
    fn text(&self) -> String {
        if self.copied == Some(false) || (self.copied.is_none() && self.out.is_none()) {
            return self.text.clone();
        }
        let mut out = Vec::new();
        if self.copied == Some(true) {
            let tmux = if self.tmux {
                format!("; {}", clipboard::TMUX_NOTE)
            } else {
                String::new()
            };
            out.push(format!(
                "Copied {} to the clipboard through the terminal ({} characters{tmux}).",
                self.whose(),
                self.characters
            ));
        }
        if let Some(file) = &self.out {
            out.push(format!(
                "Saved {} to {}, readable only by you.",
                self.whose(),
                file.display()
            ));
        }
        lines(out)
    }
}
