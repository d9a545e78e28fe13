//! `promise show PROMISE [--weeks N]`: one promise's story, the same as its
//! page in the full-screen journal: how it reads now and its earlier words
//! with their dates, a row of glyphs per week (with the share the week
//! asked that was shown up for, and the strength at the week's end), its
//! strength and rate now, its runs of showing up and totals, its notes and
//! lessons, and the decisions taken about it.
//!
//! JSON: the domain's `Story`: `{promise, today, wordings: [{from, until,
//! text, cue, smaller}], targets: [{from, until, amount}], weeks: [{start,
//! days: [{day, asked, went, check}], asked, shown, rate, strength}], now:
//! {promise_id, text, rate_7, rate_30, rate_90, strength, kept, partly,
//! smaller, slots, new}, runs: {longest, current, in_days}, tally: {asked,
//! shown, kept, partly, smaller, missed, not_recorded, extra}, notes:
//! [check], decisions: [{on, accepted, words}]}`. `asked` is `scheduled` |
//! `flexible` | `rest_day` | `not_yet_active` | `archived`; `went` is
//! `kept` | `partly` | `smaller` | `missed` | `not_recorded`; `check` is
//! the mark as recorded (or null); `until` is null for the words in force
//! now; rates and strengths are 0–1, `rate` null for a week that asked
//! nothing. Until the promise has asked 14 times, `now.new` is its plain
//! count `{shown, asked}` and `now.strength` is null (else `new` is null).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::cli::args::PromiseShowArgs;
use crate::cli::error::Result;
use crate::cli::output::{Report, lines};
use crate::cli::parse;
use crate::cli::words::{plural, short_day};
use crate::domain::Journal;
use crate::domain::evidence::{NEW_SLOTS, NewCount};
use crate::domain::history::{Story, StoryWeek};
use crate::domain::words::{STRENGTH_MEANS, fraction_legend, percent, week_fraction};
use crate::model::amount_in;
use crate::model::{Glyph, Glyphs};

/// Weeks shown when `--weeks` is not given.
const DEFAULT_WEEKS: u32 = 12;
/// Notes and lessons written out in text (JSON has them all).
const NOTES_SHOWN: usize = 10;

/// One promise's story, ready to print.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PromiseStory {
    story: Story,
    #[serde(skip)]
    glyphs: Glyphs,
}

/// `promise show`.
pub fn show(journal: &Journal, args: &PromiseShowArgs) -> Result<PromiseStory> {
    let promise = journal.find_promise(&args.promise)?;
    let weeks = parse::whole_number(args.weeks.as_deref(), 1..=520, DEFAULT_WEEKS, |t| {
        format!("\"{t}\" is not a number of weeks; give --weeks a whole number from 1 to 520.")
    })?;
    Ok(PromiseStory {
        story: journal.story(&promise.id, weeks)?,
        glyphs: journal.config().glyphs.clone(),
    })
}

impl Report for PromiseStory {
    fn text(&self) -> String {
        let mut out = self.about();
        out.push(String::new());
        out.extend(self.weeks());
        out.push(String::new());
        out.extend(self.figures());
        out.push(String::new());
        out.extend(self.notes());
        out.push(String::new());
        out.extend(self.decisions());
        lines(out)
    }
}

impl PromiseStory {
    fn day(&self, day: NaiveDate) -> String {
        short_day(day, self.story.today)
    }

    /// The promise as it reads now, and its earlier words and targets.
    fn about(&self) -> Vec<String> {
        let s = &self.story;
        let p = &s.promise;
        let mut details = vec![p.schedule.to_string()];
        details.extend(p.target_label(s.today));
        if let Some(cue) = &p.cue {
            details.push(format!("{} {cue}", self.glyphs.get(Glyph::Cue)));
        }
        details.push(format!("since {}", self.day(p.created_on)));
        if let Some(a) = p.archived_on {
            details.push(format!("archived {}", self.day(a)));
        }
        let mut out = vec![
            format!("Promise {}: {}", p.number, p.text),
            format!("  {}", details.join(" · ")),
        ];
        if let Some(smaller) = &p.smaller {
            out.push(format!("  Smaller version: {smaller}"));
        }
        for w in s.wordings.iter().rev().skip(1) {
            if let Some(until) = w.until {
                out.push(format!(
                    "  Until {}: “{}” (from {})",
                    self.day(until),
                    w.text,
                    self.day(w.from)
                ));
            }
        }
        if s.targets.len() > 1 {
            let unit = p.unit.clone().unwrap_or_default();
            let targets: Vec<String> = (s.targets.iter())
                .map(|t| format!("{} from {}", amount_in(t.amount, &unit), self.day(t.from)))
                .collect();
            out.push(format!("  Targets: {}", targets.join(" → ")));
        }
        out
    }

    /// A row of glyphs per week, with the week's count and strength, and
    /// the legend of the glyphs drawn.
    fn weeks(&self) -> Vec<String> {
        let s = &self.story;
        let Some(first) = s.weeks.first() else {
            return Vec::new();
        };
        let names: Vec<String> = (0..7)
            .map(|i| {
                let day = first.start + chrono::Duration::days(i);
                day.weekday().to_string()[..1].to_string()
            })
            .collect();
        let mut out = vec![format!("  {:<8}  {}", "Week of", names.join(" "))];
        let mut drawn: Vec<Glyph> = Vec::new();
        for week in &s.weeks {
            let glyphs = self.glyph_row(week, &mut drawn);
            let count = week.count.as_ref().map(week_fraction).unwrap_or_default();
            // A new promise has no strength to show yet.
            let strength = match s.now.new {
                Some(_) => String::new(),
                None => format!(" strength {}", percent(week.strength)),
            };
            out.push(
                format!(
                    "  {:<8}  {glyphs}   {count:<14}{strength}",
                    week.start.format("%-d %b").to_string(),
                )
                .trim_end()
                .to_string(),
            );
        }
        out.push(format!(
            "  {}",
            self.glyphs.legend_line(|g| drawn.contains(&g))
        ));
        if let Some(legend) = fraction_legend(s.weeks.iter().filter_map(|w| w.count.as_ref())) {
            out.push(format!("  {legend}"));
        }
        out
    }

    /// The seven glyphs of a week ("✓ · ◐ …"), a day still ahead "not yet".
    fn glyph_row(&self, week: &StoryWeek, drawn: &mut Vec<Glyph>) -> String {
        (0..7)
            .map(|i| {
                let glyph = week.glyph(i, &self.story.promise, self.story.today);
                drawn.extend(glyph);
                glyph.map_or(" ", |g| self.glyphs.get(g)).to_string()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Strength and rate now, the runs, and every time asked in the three
    /// states.
    fn figures(&self) -> Vec<String> {
        let s = &self.story;
        let t = &s.tally;
        let run = |n: u32| {
            if n == 0 {
                "none yet".to_string()
            } else if s.runs.in_days {
                plural(n, "day", "days")
            } else {
                plural(n, "time", "times")
            }
        };
        let mut out = vec![match (s.now.new, s.now.rate_30) {
            (Some(count), _) => new_line(count),
            (None, Some(rate)) => format!(
                "Strength now {}; of the last {} it asked, {} shown up for.",
                percent(s.now.strength),
                plural(s.now.slots.min(30), "time", "times"),
                percent(rate)
            ),
            (None, None) => format!("Strength now {}.", percent(s.now.strength)),
        }];
        if s.now.new.is_none() {
            out.push(STRENGTH_MEANS.to_string());
        }
        let current = match s.runs.current {
            0 if s.runs.longest > 0 => "starts next time".to_string(),
            n => run(n),
        };
        out.push(format!(
            "Runs of showing up: longest {}, current {current}.",
            run(s.runs.longest),
        ));
        let since = self.day(s.promise.created_on);
        if t.asked == 0 {
            out.push(format!("Since {since} it has not asked for anything yet."));
        } else {
            let mut kinds = vec![format!("{} kept", t.kept)];
            if t.partly > 0 {
                kinds.push(format!("{} partly", t.partly));
            }
            if t.smaller > 0 {
                kinds.push(format!("{} the smaller version", t.smaller));
            }
            out.push(format!(
                "Since {since} it asked {}: shown up for {} ({}), {} noted missed, {} not recorded.",
                plural(t.asked, "time", "times"),
                t.shown,
                kinds.join(", "),
                t.missed,
                t.not_recorded
            ));
        }
        if t.extra > 0 {
            out.push(format!(
                "Also shown up for on {} it did not ask.",
                plural(t.extra, "more day", "more days")
            ));
        }
        out
    }

    /// The latest notes and lessons.
    fn notes(&self) -> Vec<String> {
        let notes = &self.story.notes;
        if notes.is_empty() {
            return vec!["Notes and lessons: none yet.".into()];
        }
        let mut out = vec!["Notes and lessons, newest first:".to_string()];
        let shown = &notes[..notes.len().min(NOTES_SHOWN)];
        let width = shown.iter().map(|c| self.day(c.day).chars().count()).max();
        for c in shown {
            let mut words: Vec<String> = c.note.iter().cloned().collect();
            words.extend(c.lesson.iter().map(|l| format!("lesson: {l}")));
            out.push(format!(
                "  {:<w$}  {} {}",
                self.day(c.day),
                self.glyphs
                    .get(Glyph::of_result(Some(c.status), crate::model::Due::Yes)),
                words.join(" — "),
                w = width.unwrap_or(0)
            ));
        }
        if notes.len() > NOTES_SHOWN {
            out.push(format!(
                "  and {} earlier (--json lists them all)",
                notes.len() - NOTES_SHOWN
            ));
        }
        out
    }

    /// The decisions taken about it, with their dates.
    fn decisions(&self) -> Vec<String> {
        let decisions = &self.story.decisions;
        if decisions.is_empty() {
            return vec!["Decisions: none yet.".into()];
        }
        let mut out = vec!["Decisions:".to_string()];
        for d in decisions {
            out.push(format!("  {}  {}", self.day(d.on), d.words));
        }
        out
    }
}

/// A new promise's figures: its plain count, and when its strength shows.
fn new_line(count: NewCount) -> String {
    let so_far = match count.asked {
        0 => "New: it has not asked for anything yet".to_string(),
        n => format!(
            "New: shown up for {} of the {} it asked so far",
            count.shown,
            plural(n, "time", "times")
        ),
    };
    format!(
        "{so_far}; its strength shows once it has asked {NEW_SLOTS} times ({} to go).",
        NEW_SLOTS - count.asked
    )
}
