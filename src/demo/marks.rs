//! How each promise of the cast went on one day of the story: kept, its
//! smaller version done, partly kept (reading, below its target), missed
//! with a short note (and now and then a lesson), or left unmarked; reading
//! is judged by the target in force that day.

use chrono::{Datelike, NaiveDate, Weekday};

use super::day::DayTone;
use super::{Cast, Planned, Story};
use crate::domain::{self, Mark, Status};

/// The words on the days of a yes/no promise.
struct Notes<'w> {
    /// The note on a day only the smaller version was done.
    partly: &'w str,
    missed: &'w [String],
    lessons: &'w [String],
}

impl<'w> Story<'w> {
    /// How each promise went on the day; a promise left out is unmarked.
    pub(super) fn plan_marks(&mut self, cast: &Cast, tone: &DayTone) -> Vec<Planned> {
        let w = self.words;
        let mut plan = Vec::new();

        // Stretch: the easiest one, with its smaller version on busy days.
        let stretch = Notes {
            partly: &w.stretch.partly,
            missed: &w.stretch.missed,
            lessons: &w.stretch.lessons,
        };
        plan.extend(self.yes_no(&cast.stretch, tone.keep + 0.05, stretch, tone.rough));

        // Reading, judged by the target in force that day.
        plan.extend(self.reading(cast, tone.i, tone.keep));

        plan.extend(self.walk(cast, tone));

        // Reaching out: three days a week, whichever days it happens.
        if self.friend_day(tone.day, tone.keep) {
            let mark = if self.chance(0.45) {
                note(self.pick(&w.friend.kept))
            } else {
                Mark::default()
            };
            plan.push(Planned {
                promise_id: cast.friend.clone(),
                status: Status::Kept,
                mark,
            });
        }

        // Making the bed, until it was archived.
        if tone.i < self.archive_day {
            let bed = Notes {
                partly: &w.bed.partly,
                missed: &w.bed.missed,
                lessons: &[],
            };
            let keep = (tone.keep + 0.2).min(0.96);
            plan.extend(self.yes_no(&cast.bed, keep, bed, tone.rough));
        }

        // The notebook line, from the day it was added.
        if let Some(id) = cast.notebook.as_deref() {
            let notebook = Notes {
                partly: &w.notebook.partly,
                missed: &w.notebook.missed,
                lessons: &w.notebook.lessons,
            };
            plan.extend(self.yes_no(id, tone.keep, notebook, tone.rough));
        }
        plan
    }

    /// The lunch walk, on Monday, Wednesday and Friday; now and then an
    /// extra one on a free Saturday.
    fn walk(&mut self, cast: &Cast, tone: &DayTone) -> Option<Planned> {
        let words = self.words;
        let w = &words.walk;
        let weekday = tone.day.weekday();
        if matches!(weekday, Weekday::Mon | Weekday::Wed | Weekday::Fri) {
            let notes = Notes {
                partly: &w.partly,
                missed: &w.missed,
                lessons: &w.lessons,
            };
            self.yes_no(&cast.walk, tone.keep, notes, tone.rough)
        } else if weekday == Weekday::Sat && self.chance(0.08) {
            Some(Planned {
                promise_id: cast.walk.clone(),
                status: Status::Kept,
                mark: note(&w.extra),
            })
        } else {
            None
        }
    }

    /// A yes/no promise: kept, its smaller version done, missed with
    /// a short note and sometimes a lesson, or left unmarked.
    fn yes_no(&mut self, id: &str, keep: f64, notes: Notes<'w>, rough: bool) -> Option<Planned> {
        let rough_day = &self.words.rough_day;
        let roll = self.rng.f64();
        let (status, mark) = if roll < keep {
            (Status::Kept, Mark::default())
        } else if roll < keep + 0.1 {
            (Status::Smaller, note(notes.partly))
        } else if roll < keep + 0.18 {
            return None;
        } else {
            let text = if rough {
                self.pick(&rough_day.notes)
            } else {
                self.pick(notes.missed)
            };
            let lesson = (!notes.lessons.is_empty() && self.chance(0.35))
                .then(|| self.pick(notes.lessons).to_string());
            (
                Status::Missed,
                Mark {
                    note: Some(text.to_string()),
                    lesson,
                    ..Mark::default()
                },
            )
        };
        Some(Planned {
            promise_id: id.to_string(),
            status,
            mark,
        })
    }

    /// Pages read, judged against the target of the day. Ten pages is a lot
    /// on work nights: the first days go partly, and just before the target
    /// shrinks there is a run of missed nights.
    fn reading(&mut self, cast: &Cast, i: u64, keep: f64) -> Option<Planned> {
        let target = self.read_target;
        let run_of_misses = i < self.shrink_day && i + 3 >= self.shrink_day;
        let roll = self.rng.f64();
        let (pages, missed_note) = if run_of_misses {
            (0, true)
        } else if i < self.shrink_day {
            if roll < 0.3 {
                (self.rng.i64(10..=13), false)
            } else if roll < 0.8 {
                (self.rng.i64(2..=8), false)
            } else {
                (0, true)
            }
        } else if roll < keep + 0.05 {
            let above = self.rng.i64(0..=4);
            (target as i64 + above, false)
        } else if roll < keep + 0.15 {
            (self.rng.i64(1..target as i64), false)
        } else if roll < keep + 0.2 {
            return None;
        } else {
            (0, true)
        };
        let amount = pages as f64;
        let status = domain::status_for_amount(amount, Some(target));
        let mark = self.reading_mark(i, amount, status, missed_note, run_of_misses);
        Some(Planned {
            promise_id: cast.read.clone(),
            status,
            mark,
        })
    }

    /// The note on a reading night: what got in the way of a missed one
    /// (with a lesson on the last of the run of misses, and now and then
    /// otherwise), sometimes a word on a partly read one.
    fn reading_mark(
        &mut self,
        i: u64,
        amount: f64,
        status: Status,
        missed_note: bool,
        run_of_misses: bool,
    ) -> Mark {
        let words = self.words;
        let w = &words.read;
        if missed_note {
            let lesson = (run_of_misses && i + 1 == self.shrink_day || self.chance(0.3))
                .then(|| self.pick(&w.lessons).to_string());
            Mark {
                amount: Some(amount),
                note: Some(self.pick(&w.missed).to_string()),
                lesson,
            }
        } else if status == Status::Partial && self.chance(0.5) {
            Mark {
                amount: Some(amount),
                note: Some(self.pick(&w.partly).to_string()),
                lesson: None,
            }
        } else {
            Mark {
                amount: Some(amount),
                ..Mark::default()
            }
        }
    }

    /// Whether reaching out happens on `day`: each week picks its own days,
    /// usually three, sometimes two, now and then four.
    fn friend_day(&mut self, day: NaiveDate, keep: f64) -> bool {
        let week = domain::day::week_start(day, self.week_starts_on);
        if self.friend_week.as_ref().is_none_or(|(w, _)| *w != week) {
            let roll = self.rng.f64();
            let times = if roll < 0.9 - keep {
                2
            } else if roll < 0.93 {
                3
            } else {
                4
            };
            let mut offsets: Vec<u64> = (0..7).collect();
            self.rng.shuffle(&mut offsets);
            offsets.truncate(times);
            self.friend_week = Some((week, offsets));
        }
        let offset = (day - week).num_days() as u64;
        self.friend_week
            .as_ref()
            .is_some_and(|(_, days)| days.contains(&offset))
    }
}

fn note(text: &str) -> Mark {
    Mark {
        note: Some(text.to_string()),
        ..Mark::default()
    }
}
