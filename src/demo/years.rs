//! Years of history at scale (`smallwins demo --years N [--heavy]`), for
//! measuring how the journal feels on day 3,650 (`scripts/bench.sh`, the
//! benchmarks). Simpler than the story: the story's promises and words, no
//! turning points, and every day drawn from one seeded generator, so the
//! same years and the same today give the same journal, ids included. The
//! whole history goes in at once through [`Journal::add_history`] (one
//! transaction, one sync), so ten years take about a second.
//!
//! Standard: five promises (every day, a measure, three weekdays, three
//! times a week), about three wins a day, a check-in most mornings and a
//! reflection most evenings. Heavy: twenty promises and about ten wins a
//! day. Days go a little better as the years pass. Nothing is recorded for
//! today, which is left for the person (or the benchmark) to fill in.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::words::{self, Words};
use crate::domain::{self, Check, CheckIn, Journal, Promise, Reflection, Schedule, Status, Target};
use crate::domain::{Win, status_for_amount};
use crate::model::identity;
use crate::store::{Counts, EXPORT_FORMAT, EXPORT_VERSION, Export};

/// The most years a demo covers.
pub const MAX_YEARS: u32 = 20;

/// Not the story's seed: the two generators are unrelated.
const SEED: u64 = 0x5357_494E_0000_000A;

/// Pages a night, the reading promise's target.
const PAGES: f64 = 10.0;

/// How big a journal the years make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Five promises, about three wins a day.
    Standard,
    /// Twenty promises, about ten wins a day.
    Heavy,
}

impl Scale {
    fn promises(self) -> usize {
        match self {
            Scale::Standard => 5,
            Scale::Heavy => 20,
        }
    }

    /// The fewest and most wins on a day.
    fn wins(self) -> (usize, usize) {
        match self {
            Scale::Standard => (1, 5),
            Scale::Heavy => (7, 13),
        }
    }
}

/// Fills an empty journal with `years` years of history ending yesterday
/// (clamped to 1..=[`MAX_YEARS`]) and returns what it now holds. Refuses a
/// journal that has data; writes all of it or nothing.
pub fn fill_years(journal: &mut Journal, years: u32, scale: Scale) -> domain::Result<Counts> {
    let words = super::ready(journal)?;
    let years = years.clamp(1, MAX_YEARS);
    let today = journal.today();
    let start = today
        .checked_sub_months(Months::new(12 * years))
        .unwrap_or(today);
    let mut history = History {
        rng: fastrand::Rng::with_seed(SEED),
        words: &words,
        day_starts_at: journal.config().day_starts_at,
        start,
        days: (today - start).num_days().max(1),
        scale,
        data: Export {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: journal.now(),
            from: None,
            to: None,
            promises: Vec::new(),
            checks: Vec::new(),
            wins: Vec::new(),
            checkins: Vec::new(),
            reflections: Vec::new(),
            reviews: Vec::new(),
        },
    };
    history.promises();
    for n in 0..history.days {
        history.day(n);
    }
    journal.add_history(&history.data)
}

/// The history as it is drawn, day by day.
struct History<'w> {
    rng: fastrand::Rng,
    words: &'w Words,
    day_starts_at: NaiveTime,
    start: NaiveDate,
    /// Days of history, today not included.
    days: i64,
    scale: Scale,
    data: Export,
}

impl History<'_> {
    /// The story's promises in turn (the heavy journal goes round them
    /// again, each round numbered), all made on the first morning.
    fn promises(&mut self) {
        let w = self.words;
        let cast: [(&words::Promise, Schedule); 6] = [
            (&w.stretch.promise, Schedule::Daily),
            (&w.read.promise, Schedule::Daily),
            (
                &w.walk.promise,
                Schedule::weekdays([Weekday::Mon, Weekday::Wed, Weekday::Fri]),
            ),
            (&w.friend.promise, Schedule::TimesPerWeek { times: 3 }),
            (&w.bed.promise, Schedule::Daily),
            (&w.notebook.promise, Schedule::Daily),
        ];
        let made = self.at(self.start, 3 * 60 + 30);
        for i in 0..self.scale.promises() {
            let (words, schedule) = &cast[i % cast.len()];
            let round = i / cast.len();
            let text = match round {
                0 => words.text.clone(),
                _ => format!("{} ({})", words.text, round + 1),
            };
            let id = self.id(made);
            let targets = match &words.unit {
                Some(_) => vec![Target {
                    id: identity::target_id(&id, self.start),
                    from: self.start,
                    amount: PAGES,
                }],
                None => Vec::new(),
            };
            self.data.promises.push(Promise {
                id,
                text,
                cue: Some(words.cue.clone()),
                smaller: Some(words.smaller.clone()),
                area: Some(words.area.clone()),
                schedule: schedule.clone(),
                unit: words.unit.clone(),
                targets,
                number: i as u32 + 1,
                position: i as i64,
                created_on: self.start,
                archived_on: None,
                updated_at: self.utc(made),
                versions: Vec::new(),
            });
        }
    }

    /// Day `n` of the history: the morning, the wins, the marks, the
    /// evening.
    fn day(&mut self, n: i64) {
        let day = self.start + Duration::days(n);
        // From about two days in three going well to about four in five.
        let good = 0.62 + 0.2 * n as f64 / self.days as f64;
        if self.rng.f64() < 0.88 {
            let confidence = self.rating(good - 0.1);
            self.check_in(day, confidence);
        }
        self.wins(day);
        for i in 0..self.data.promises.len() {
            self.mark(day, i, good);
        }
        if self.rng.f64() < 0.83 {
            self.reflect(day, good);
        }
    }

    fn check_in(&mut self, day: NaiveDate, confidence: u8) {
        let minute = 3 * 60 + 20 + self.rng.i64(0..40);
        let at = self.at(day, minute);
        let intention = self.pick(&self.words.morning.intentions);
        self.data.checkins.push(CheckIn {
            id: identity::checkin_id(day),
            day,
            intention: Some(intention),
            confidence: Some(confidence),
            updated_at: self.utc(at),
        });
    }

    fn wins(&mut self, day: NaiveDate) {
        let (least, most) = self.scale.wins();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let areas: Vec<&words::WinArea> = self
            .words
            .wins
            .iter()
            .filter(|a| !(weekend && a.weekdays_only))
            .collect();
        let count = self.rng.usize(least..=most);
        let mut minutes: Vec<i64> = (0..count).map(|_| self.rng.i64(5 * 60..16 * 60)).collect();
        minutes.sort_unstable();
        for minute in minutes {
            let area = areas[self.rng.usize(..areas.len())];
            let at = self.at(day, minute);
            let text = self.pick(&area.texts);
            let id = self.id(at);
            self.data.wins.push(Win {
                id,
                day,
                text,
                area: Some(area.area.clone()),
                created_at: at,
                private: false,
            });
        }
    }

    /// How promise `i` went on `day`, if the day asked for it and it was
    /// marked at all.
    fn mark(&mut self, day: NaiveDate, i: usize, good: f64) {
        let p = &self.data.promises[i];
        let asked = match p.schedule {
            Schedule::TimesPerWeek { times } => self.rng.f64() < f64::from(times) / 7.0 + 0.05,
            ref s => s.due_on(day) == domain::Due::Yes,
        };
        // A few asked days are left unmarked.
        if !asked || self.rng.f64() < 0.06 {
            return;
        }
        let (promise_id, measured) = (p.id.clone(), p.unit.is_some());
        let roll = self.rng.f64();
        let (status, amount) = if measured {
            let pages = if roll < good {
                PAGES + self.rng.i64(0..5) as f64
            } else {
                self.rng.i64(0..PAGES as i64) as f64
            };
            (status_for_amount(pages, Some(PAGES)), Some(pages))
        } else if roll < good {
            (Status::Kept, None)
        } else if roll < good + (1.0 - good) / 2.0 {
            (Status::Partial, None)
        } else {
            (Status::Missed, None)
        };
        let (note, lesson) = self.notes(i, status);
        let minute = 17 * 60 + self.rng.i64(0..60);
        let at = self.at(day, minute);
        self.data.checks.push(Check {
            id: identity::check_id(&promise_id, day),
            promise_id,
            day,
            status,
            amount,
            note,
            lesson,
            updated_at: self.utc(at),
        });
    }

    /// The note on a miss (and now and then a lesson), or on a day only
    /// partly kept; from the words of the story's promise.
    fn notes(&mut self, i: usize, status: Status) -> (Option<String>, Option<String>) {
        let w = self.words;
        let (missed, lessons): (&[String], &[String]) = match i % 6 {
            0 => (&w.stretch.missed, &w.stretch.lessons),
            1 => (&w.read.missed, &w.read.lessons),
            2 => (&w.walk.missed, &w.walk.lessons),
            3 => (&[], &[]),
            4 => (&w.bed.missed, &[]),
            _ => (&w.notebook.missed, &w.notebook.lessons),
        };
        match status {
            Status::Missed if !missed.is_empty() => {
                let note = self.pick(missed);
                let lesson =
                    (!lessons.is_empty() && self.rng.f64() < 0.3).then(|| self.pick(lessons));
                (Some(note), lesson)
            }
            Status::Partial if i.is_multiple_of(6) => (Some(w.stretch.partly.clone()), None),
            _ => (None, None),
        }
    }

    fn reflect(&mut self, day: NaiveDate, good: f64) {
        let minute = 18 * 60 + self.rng.i64(0..90);
        let at = self.at(day, minute);
        let e = &self.words.evening;
        let mut answers = BTreeMap::new();
        answers.insert("helped".to_string(), self.pick(&e.helped));
        if self.rng.f64() < 0.6 {
            answers.insert("in_the_way".to_string(), self.pick(&e.in_the_way));
        }
        if self.rng.f64() < 0.4 {
            answers.insert("adjust".to_string(), self.pick(&e.adjust));
        }
        let mood = self.rating(good);
        // Confidence trails a little behind what was done.
        let confidence = self.rating(good - 0.1);
        self.data.reflections.push(Reflection {
            id: identity::reflection_id(day),
            day,
            answers,
            mood: Some(mood),
            confidence: Some(confidence),
            updated_at: self.utc(at),
        });
    }

    /// A rating 0–10 around what the day's chances say.
    fn rating(&mut self, good: f64) -> u8 {
        let centre = good * 10.0 - 1.0;
        let spread = self.rng.f64() * 4.0 - 2.0;
        (centre + spread).round().clamp(0.0, 10.0) as u8
    }

    fn pick(&mut self, list: &[String]) -> String {
        list.get(self.rng.usize(..list.len().max(1)))
            .cloned()
            .unwrap_or_default()
    }

    /// `minutes` after the start of the journal day `day`: every record
    /// falls inside its own day, whatever hour the day starts at.
    fn at(&self, day: NaiveDate, minutes: i64) -> NaiveDateTime {
        day.and_time(self.day_starts_at) + Duration::minutes(minutes)
    }

    /// When a record written at the wall-clock time `at` was last
    /// changed: the same instant in UTC.
    fn utc(&self, at: NaiveDateTime) -> NaiveDateTime {
        identity::utc_of(at, &chrono::Local)
    }

    /// A promise's or a win's id (the others are derived from their keys),
    /// in the same form as the journal's own (a time-ordered UUID), drawn
    /// from the seeded generator so the same run gives the same ids.
    fn id(&mut self, at: NaiveDateTime) -> String {
        let millis = at.and_utc().timestamp_millis().max(0) as u64;
        let mut bytes = [0u8; 10];
        self.rng.fill(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
            .into_uuid()
            .to_string()
    }
}
