//! One ordinary past day of the story: maybe a morning check-in, a few small
//! wins, the evening marks (or the next morning's, when the evening went by
//! unrecorded) and maybe a reflection.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use super::words::WinArea;
use super::{Cast, Planned, Story};
use crate::domain::{self, Journal, Status, prompts};

/// The evening answers are saved under the keys of `assets/prompts.toml`.
const HELPED_KEY: &str = "helped";
const IN_THE_WAY_KEY: &str = "in_the_way";

/// How a day is set to go, decided in the morning.
pub(super) struct DayTone {
    /// The day's index from the first day of the story.
    pub i: u64,
    pub day: NaiveDate,
    /// How likely each promise is kept.
    pub keep: f64,
    /// A rough day: everything is a little harder.
    pub rough: bool,
    /// The confidence of the morning, before any noise.
    pub confidence: f64,
}

impl<'w> Story<'w> {
    /// One ordinary past day: maybe a check-in, a few wins, the evening marks
    /// and maybe a reflection.
    pub(super) fn live(
        &mut self,
        journal: &mut Journal,
        cast: &Cast,
        i: u64,
        day: NaiveDate,
    ) -> domain::Result<()> {
        let turning = self.is_turning_point(i);
        let quiet = !turning && i + 2 < self.days && self.chance(0.05);
        if quiet {
            // Life happened; nothing was written down.
            self.shown_up.push(None);
            return Ok(());
        }
        let rough = !turning && self.chance(0.07);
        let keep = match (i, rough) {
            // A hopeful first day.
            (0, _) => 0.95,
            (_, true) => self.keep_chance(i) - 0.3,
            (_, false) => self.keep_chance(i),
        };
        let tone = DayTone {
            i,
            day,
            keep,
            rough,
            confidence: self.lagging_confidence(i),
        };
        if self.chance(0.62 + 0.2 * keep) || turning {
            self.check_in(journal, &tone)?;
        }
        self.wins(journal, day, keep)?;

        let plan = self.plan_marks(cast, &tone);
        let share = shown_up(&plan);
        self.shown_up.push(share);

        let late = !turning && i + 2 < self.days && self.chance(0.08);
        if late {
            // Marked the next morning instead; no evening reflection.
            self.pending = plan.into_iter().map(|p| (day, p)).collect();
            return Ok(());
        }
        self.evening(journal, &tone, plan, share)
    }

    /// The morning check-in: an intention and a confidence near the one the
    /// evidence so far would give.
    fn check_in(&mut self, journal: &mut Journal, tone: &DayTone) -> domain::Result<()> {
        let minute = 8 * 60 + self.rng.i64(0..70);
        self.set(journal, tone.day, minute);
        let words = self.words;
        let intention = self.pick(&words.morning.intentions);
        let noise = self.rng.i64(-1..=1) as f64;
        let confidence = Self::rating(tone.confidence + noise);
        journal.check_in(tone.day, Some(intention), Some(confidence))?;
        Ok(())
    }

    /// Zero to three small wins, spread through the day.
    fn wins(&mut self, journal: &mut Journal, day: NaiveDate, keep: f64) -> domain::Result<()> {
        let roll = self.rng.f64();
        let count = if roll < 0.2 - 0.1 * keep {
            0
        } else if roll < 0.6 {
            1
        } else if roll < 0.88 {
            2
        } else {
            3
        };
        let mut minutes: Vec<i64> = (0..count)
            .map(|_| self.rng.i64(9 * 60 + 30..19 * 60 + 30))
            .collect();
        minutes.sort_unstable();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        for minute in minutes {
            let Some(area) = self.win_area(weekend) else {
                return Ok(());
            };
            let text = self.pick(&area.texts);
            self.set(journal, day, minute);
            journal.add_win(day, text, Some(area.area.as_str()))?;
        }
        Ok(())
    }

    /// An area drawn for a win, drawn again while it is one that waits for
    /// the weekdays on a weekend. None if no area fits the day.
    fn win_area(&mut self, weekend: bool) -> Option<&'w WinArea> {
        let words = self.words;
        let areas = &words.wins;
        let fits = |a: &WinArea| !(weekend && a.weekdays_only);
        if !areas.iter().any(fits) {
            return None;
        }
        loop {
            let area = areas.get(self.rng.usize(..areas.len()))?;
            if fits(area) {
                return Some(area);
            }
        }
    }

    /// The evening: every planned mark, then maybe a reflection.
    fn evening(
        &mut self,
        journal: &mut Journal,
        tone: &DayTone,
        plan: Vec<Planned>,
        share: Option<f64>,
    ) -> domain::Result<()> {
        let evening = if self.day_starts_at.hour() >= 1 && self.chance(0.12) {
            24 * 60 + self.rng.i64(5..45)
        } else {
            20 * 60 + 30 + self.rng.i64(0..150)
        };
        let marks = plan.len() as i64;
        for (n, planned) in plan.into_iter().enumerate() {
            self.set(journal, tone.day, evening + n as i64);
            journal.mark(&planned.promise_id, tone.day, planned.status, planned.mark)?;
        }
        if self.must_reflect(tone.i) || self.chance(0.5 + 0.25 * tone.keep) {
            self.reflect(journal, tone, evening + marks, share)?;
        }
        Ok(())
    }

    /// The evening reflection, a few minutes after the marks: answers, mood
    /// (lower on a rough day) and a confidence a little above the morning's.
    fn reflect(
        &mut self,
        journal: &mut Journal,
        tone: &DayTone,
        marked_at: i64,
        share: Option<f64>,
    ) -> domain::Result<()> {
        let minute = marked_at + 2 + self.rng.i64(0..6);
        self.set(journal, tone.day, minute);
        let answers = self.answers(tone.i, share, tone.rough);
        let mood = 3.5 + 4.5 * share.unwrap_or(0.5) + self.rng.i64(-1..=1) as f64
            - if tone.rough { 1.0 } else { 0.0 };
        let evening_confidence = tone.confidence + 0.5 + self.rng.i64(0..=1) as f64;
        journal.reflect(
            tone.day,
            &answers,
            Some(Self::rating(mood)),
            Some(Self::rating(evening_confidence)),
        )?;
        Ok(())
    }

    /// The evening answers, under the keys of the evening prompts.
    fn answers(&mut self, i: u64, share: Option<f64>, rough: bool) -> BTreeMap<String, String> {
        let words = self.words;
        let evening = &words.evening;
        let mut answers = BTreeMap::new();
        answers.insert(
            HELPED_KEY.to_string(),
            self.pick(&evening.helped).to_string(),
        );
        if rough || share.is_some_and(|s| s < 0.8) || self.chance(0.3) {
            let text = if rough {
                self.pick(&words.rough_day.notes)
            } else {
                self.pick(&evening.in_the_way)
            };
            answers.insert(IN_THE_WAY_KEY.to_string(), text.to_string());
        }
        let before = &evening.before;
        let adjust = if i + 1 == self.shrink_day {
            Some(before.shrink.as_str())
        } else if i + 1 == self.grow_day {
            Some(before.grow.as_str())
        } else if i + 1 == self.archive_day {
            Some(before.let_go.as_str())
        } else if i + 1 == self.notebook_day {
            Some(before.add.as_str())
        } else if self.must_reflect(i) || self.chance(0.45) {
            Some(self.pick(&evening.adjust))
        } else {
            None
        };
        if let Some(text) = adjust {
            answers.insert(prompts::ADJUST_KEY.to_string(), text.to_string());
        }
        answers
    }
}

/// How much of a day was shown up for (0–1): partly kept counts most of
/// the way. None when nothing was marked.
fn shown_up(plan: &[Planned]) -> Option<f64> {
    let done: Vec<f64> = plan
        .iter()
        .map(|p| match p.status {
            Status::Kept => 1.0,
            Status::Partial | Status::Smaller => 0.7,
            Status::Missed => 0.0,
        })
        .collect();
    (!done.is_empty()).then(|| done.iter().sum::<f64>() / done.len() as f64)
}
