//! A realistic, deterministic demo journal for newcomers.
//!
//! [`fill`] walks through the past weeks one day at a time with a fixed
//! clock, so every record carries the date and hour it would have had if a
//! person had lived it: promises are added on their first morning, a target
//! is recalibrated on the day it was decided, wins land during the day and
//! reflections in the evening (now and then after midnight, which still
//! counts for the evening before). It uses only the public [`Journal`] API,
//! so every rule of the journal applies to the demo as it would to a person.
//!
//! The story: five tiny promises on the first day, one of every kind; a run
//! of missed reading nights, after which ten pages shrink to five, and later
//! grow to eight; making the bed becomes automatic and is archived halfway;
//! a notebook line joins a few weeks in. Days go mostly well, some partly,
//! some not, a few are left unmarked, and the weeks slowly get better, while
//! the confidence ratings trail a little behind what was actually done.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::domain::{
    self, Clock, Journal, Mark, NewPromise, PromiseEdit, Schedule, Status, prompts,
};
use crate::store::Counts;

/// The most weeks a demo covers (ten years).
pub const MAX_WEEKS: u32 = 520;

/// The same seed every time: the same weeks and the same today give the same
/// journal.
const SEED: u64 = 0x5357_494E_0000_0001;

/// The evening answers are saved under the keys of `assets/prompts.toml`.
const HELPED_KEY: &str = "helped";
const IN_THE_WAY_KEY: &str = "in_the_way";

/// Reading targets, in pages: where it starts, what it shrinks to after a run
/// of missed nights, and what it grows to once the smaller one is easy.
const READ_FIRST: f64 = 10.0;
const READ_SMALLER: f64 = 5.0;
const READ_GROWN: f64 = 8.0;

/// Fills an empty journal with `weeks` weeks of lived-in history ending
/// today, and returns what it now holds. Refuses a journal that has data.
///
/// `weeks` is clamped to 1..=[`MAX_WEEKS`]. The journal's clock is stepped
/// through the days and put back afterwards, and the undo history is
/// cleared, so the demo cannot be undone one record at a time. Each record
/// is saved as its own change, so if a write fails part-way (a full disk,
/// say) what was written before it stays, and the error says what happened.
pub fn fill(journal: &mut Journal, weeks: u32) -> domain::Result<Counts> {
    if !journal.counts()?.is_empty() {
        return Err(domain::Error::Input(
            "This journal already has entries, so the demo was not added; point --db at a new file to try it."
                .into(),
        ));
    }
    let weeks = weeks.clamp(1, MAX_WEEKS);
    let original = journal.clock().clone();
    let now = journal.now();
    let result = Story::new(journal, now, weeks).and_then(|mut story| story.tell(journal));
    journal.set_clock(original);
    journal.clear_undo();
    result?;
    journal.counts()
}

/// The promises of the story, by their ids.
struct Cast {
    stretch: String,
    read: String,
    walk: String,
    friend: String,
    bed: String,
    notebook: Option<String>,
}

/// A mark decided for one promise on one day.
struct Planned {
    promise_id: String,
    status: Status,
    mark: Mark,
}

/// The whole story, decided day by day from one seeded generator.
struct Story {
    rng: fastrand::Rng,
    now: NaiveDateTime,
    today: NaiveDate,
    start: NaiveDate,
    /// Number of days, today included.
    days: u64,
    day_starts_at: NaiveTime,
    week_starts_on: Weekday,
    /// Day indexes of the turning points.
    shrink_day: u64,
    grow_day: u64,
    notebook_day: u64,
    archive_day: u64,
    read_target: f64,
    /// How much of each past day was shown up for (0–1), for the confidence
    /// that trails behind it.
    shown_up: Vec<Option<f64>>,
    /// The week the friend plan is for, and the day offsets in it.
    friend_week: Option<(NaiveDate, Vec<u64>)>,
    /// Marks left for the next morning, when an evening went by unrecorded.
    pending: Vec<(NaiveDate, Planned)>,
    /// Shuffled decks of the word lists, keyed by their first entry, so a
    /// sentence comes back only after the rest of its list has been used.
    decks: HashMap<&'static str, Vec<usize>>,
}

impl Story {
    fn new(journal: &Journal, now: NaiveDateTime, weeks: u32) -> domain::Result<Story> {
        let days = u64::from(weeks) * 7;
        let today = journal.today();
        let start = today.checked_sub_days(Days::new(days - 1)).ok_or_else(|| {
            domain::Error::Input(format!(
                "{weeks} weeks before {today} is outside the calendar; choose fewer weeks."
            ))
        })?;
        let shrink_day = (days / 5).clamp(1, 12);
        let grow_day = shrink_day + ((days - shrink_day) / 2).clamp(1, 24);
        Ok(Story {
            rng: fastrand::Rng::with_seed(SEED),
            now,
            today,
            start,
            days,
            day_starts_at: journal.config().day_starts_at,
            week_starts_on: journal.config().week_starts_on,
            shrink_day,
            grow_day,
            notebook_day: (days * 3 / 8).clamp(1, 21),
            archive_day: (days / 2).clamp(2, days - 2),
            read_target: READ_FIRST,
            shown_up: Vec::with_capacity(days as usize),
            friend_week: None,
            pending: Vec::new(),
            decks: HashMap::new(),
        })
    }

    /// A moment on journal day `day`, `minutes` after its midnight, kept
    /// inside that journal day whatever hour the day starts at. Minutes past
    /// 24 hours reach into the small hours, which still belong to `day`.
    fn at(&self, day: NaiveDate, minutes: i64) -> NaiveDateTime {
        let start = day.and_time(self.day_starts_at);
        let last = start
            .checked_add_signed(Duration::days(1) - Duration::minutes(1))
            .unwrap_or(start);
        day.and_time(NaiveTime::MIN)
            .checked_add_signed(Duration::minutes(minutes))
            .unwrap_or(start)
            .clamp(start, last)
    }

    fn set(&self, journal: &mut Journal, day: NaiveDate, minutes: i64) {
        journal.set_clock(Clock::Fixed(self.at(day, minutes)));
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    /// The next sentence from a shuffled deck of `pool`.
    fn pick(&mut self, pool: &'static [&'static str]) -> &'static str {
        let Some(first) = pool.first() else {
            return "";
        };
        let deck = self.decks.entry(first).or_default();
        if deck.is_empty() {
            deck.extend(0..pool.len());
            self.rng.shuffle(deck);
        }
        deck.pop()
            .and_then(|i| pool.get(i))
            .copied()
            .unwrap_or(first)
    }

    /// How likely a promise is kept on day `i`: a gentle climb over the
    /// weeks with a slow wobble, as real weeks have.
    fn keep_chance(&self, i: u64) -> f64 {
        let progress = if self.days > 1 {
            i as f64 / (self.days - 1) as f64
        } else {
            1.0
        };
        (0.56 + 0.30 * progress + 0.05 * (i as f64 / 6.0).sin()).clamp(0.3, 0.93)
    }

    /// Confidence trails what was done: it follows the days from about two
    /// weeks to a few days ago, and rounds itself down a little.
    fn lagging_confidence(&self, i: u64) -> f64 {
        let i = i as usize;
        let from = i.saturating_sub(14);
        let to = i.saturating_sub(3);
        let past: Vec<f64> = self.shown_up[from..to.max(from)]
            .iter()
            .flatten()
            .copied()
            .collect();
        // Starts from a doubtful 4.5 out of 10, worth four days of evidence.
        let rate = (past.iter().sum::<f64>() + 0.45 * 4.0) / (past.len() as f64 + 4.0);
        rate * 10.0 - 1.2
    }

    fn rating(value: f64) -> u8 {
        value.round().clamp(1.0, 9.0) as u8
    }

    /// Days whose evening is always written, because the next morning acts
    /// on it (or because it is yesterday, shown on the Today screen).
    fn must_reflect(&self, i: u64) -> bool {
        [
            self.shrink_day,
            self.grow_day,
            self.notebook_day,
            self.archive_day,
            self.days - 1,
        ]
        .contains(&(i + 1))
    }

    fn is_turning_point(&self, i: u64) -> bool {
        i == 0
            || [
                self.shrink_day,
                self.grow_day,
                self.notebook_day,
                self.archive_day,
            ]
            .contains(&i)
            || self.must_reflect(i)
            || (i < self.shrink_day && i + 3 >= self.shrink_day)
    }

    fn tell(&mut self, journal: &mut Journal) -> domain::Result<()> {
        let mut cast = self.first_morning(journal)?;
        for i in 0..self.days {
            let day = self.start + Days::new(i);
            self.flush_pending(journal, day)?;
            self.turning_points(journal, &mut cast, i, day)?;
            if i == self.days - 1 {
                return self.today_so_far(journal, &cast);
            }
            self.live(journal, &cast, i, day)?;
        }
        Ok(())
    }

    /// The first morning: five tiny promises, one of every kind.
    fn first_morning(&mut self, journal: &mut Journal) -> domain::Result<Cast> {
        self.set(journal, self.start, 7 * 60 + 40);
        let stretch = journal.add_promise(promise(
            "Stretch for ten seconds",
            "after my morning coffee",
            "touch my toes once",
            "health",
            Schedule::Daily,
        ))?;
        let read = journal.add_promise(NewPromise {
            target: Some(READ_FIRST),
            unit: Some("pages".into()),
            ..promise(
                "Read before bed",
                "when I get into bed",
                "read one page",
                "creative",
                Schedule::Daily,
            )
        })?;
        let walk = journal.add_promise(promise(
            "Go for a short walk",
            "at lunch",
            "walk to the end of the street",
            "health",
            Schedule::weekdays([Weekday::Mon, Weekday::Wed, Weekday::Fri]),
        ))?;
        let friend = journal.add_promise(promise(
            "Reach out to a friend",
            "after dinner",
            "send one friendly emoji",
            "social",
            Schedule::TimesPerWeek { times: 3 },
        ))?;
        let bed = journal.add_promise(promise(
            "Make the bed",
            "as soon as I'm up",
            "straighten the pillow",
            "home",
            Schedule::Daily,
        ))?;
        Ok(Cast {
            stretch: stretch.id,
            read: read.id,
            walk: walk.id,
            friend: friend.id,
            bed: bed.id,
            notebook: None,
        })
    }

    /// Recalibrations and changes to the list, each on its own morning (or
    /// evening), after the reflection that suggested it.
    fn turning_points(
        &mut self,
        journal: &mut Journal,
        cast: &mut Cast,
        i: u64,
        day: NaiveDate,
    ) -> domain::Result<()> {
        if i == self.shrink_day {
            self.set(journal, day, 7 * 60 + 50);
            journal.edit_promise(
                &cast.read,
                PromiseEdit {
                    target: Some(READ_SMALLER),
                    ..PromiseEdit::default()
                },
            )?;
            self.read_target = READ_SMALLER;
        }
        if i == self.grow_day {
            self.set(journal, day, 7 * 60 + 50);
            journal.edit_promise(
                &cast.read,
                PromiseEdit {
                    target: Some(READ_GROWN),
                    ..PromiseEdit::default()
                },
            )?;
            self.read_target = READ_GROWN;
        }
        if i == self.archive_day {
            self.set(journal, day, 7 * 60 + 52);
            journal.archive_promise(&cast.bed)?;
            self.set(journal, day, 7 * 60 + 53);
            journal.add_win(
                day,
                "Made the bed so many mornings it happens by itself now, so I let that promise go",
                Some("home"),
            )?;
        }
        if i == self.notebook_day {
            self.set(journal, day, 7 * 60 + 55);
            let notebook = journal.add_promise(promise(
                "Write one line in a notebook",
                "before I turn off the light",
                "write one word",
                "creative",
                Schedule::Daily,
            ))?;
            cast.notebook = Some(notebook.id);
        }
        Ok(())
    }

    /// Marks that waited for the next morning are recorded first thing.
    fn flush_pending(&mut self, journal: &mut Journal, day: NaiveDate) -> domain::Result<()> {
        let minute = 7 * 60 + 5 + self.rng.i64(0..15);
        for (n, (for_day, planned)) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            self.set(journal, day, minute + n as i64);
            journal.mark(&planned.promise_id, for_day, planned.status, planned.mark)?;
        }
        Ok(())
    }

    /// One ordinary past day: maybe a check-in, a few wins, the evening marks
    /// and maybe a reflection.
    fn live(
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
        let confidence = self.lagging_confidence(i);

        if self.chance(0.62 + 0.2 * keep) || turning {
            let minute = 8 * 60 + self.rng.i64(0..70);
            self.set(journal, day, minute);
            let intention = self.pick(INTENTIONS);
            let noise = self.rng.i64(-1..=1) as f64;
            journal.check_in(day, Some(intention), Some(Self::rating(confidence + noise)))?;
        }

        self.wins(journal, day, keep)?;

        let plan = self.plan_marks(cast, i, day, keep, rough);
        let done: Vec<f64> = plan
            .iter()
            .map(|p| match p.status {
                Status::Kept => 1.0,
                Status::Partial => 0.7,
                Status::Missed => 0.0,
            })
            .collect();
        let share = (!done.is_empty()).then(|| done.iter().sum::<f64>() / done.len() as f64);
        self.shown_up.push(share);

        let late = !turning && i + 2 < self.days && self.chance(0.08);
        if late {
            // Marked the next morning instead; no evening reflection.
            self.pending = plan.into_iter().map(|p| (day, p)).collect();
            return Ok(());
        }
        let evening = if self.day_starts_at.hour() >= 1 && self.chance(0.12) {
            24 * 60 + self.rng.i64(5..45)
        } else {
            20 * 60 + 30 + self.rng.i64(0..150)
        };
        let marks = plan.len() as i64;
        for (n, planned) in plan.into_iter().enumerate() {
            self.set(journal, day, evening + n as i64);
            journal.mark(&planned.promise_id, day, planned.status, planned.mark)?;
        }
        if self.must_reflect(i) || self.chance(0.5 + 0.25 * keep) {
            let minute = evening + marks + 2 + self.rng.i64(0..6);
            self.set(journal, day, minute);
            let answers = self.answers(i, share, rough);
            let mood = 3.5 + 4.5 * share.unwrap_or(0.5) + self.rng.i64(-1..=1) as f64
                - if rough { 1.0 } else { 0.0 };
            let evening_confidence = confidence + 0.5 + self.rng.i64(0..=1) as f64;
            journal.reflect(
                day,
                &answers,
                Some(Self::rating(mood)),
                Some(Self::rating(evening_confidence)),
            )?;
        }
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
        for minute in minutes {
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let mut area_texts = WINS[self.rng.usize(..WINS.len())];
            while weekend && area_texts.0 == "work" {
                area_texts = WINS[self.rng.usize(..WINS.len())];
            }
            let (area, texts) = area_texts;
            let text = self.pick(texts);
            self.set(journal, day, minute);
            journal.add_win(day, text, Some(area))?;
        }
        Ok(())
    }

    /// How each promise went on day `i`; a promise left out is unmarked.
    fn plan_marks(
        &mut self,
        cast: &Cast,
        i: u64,
        day: NaiveDate,
        keep: f64,
        rough: bool,
    ) -> Vec<Planned> {
        let mut plan = Vec::new();

        // Stretch: the easiest one, with its smaller version on busy days.
        if let Some(p) = self.yes_no(
            &cast.stretch,
            keep + 0.05,
            Some("Did the smaller version: touched my toes once"),
            STRETCH_NOTES,
            STRETCH_LESSONS,
            rough,
        ) {
            plan.push(p);
        }

        // Reading, judged by the target in force that day.
        if let Some(p) = self.reading(cast, i, keep) {
            plan.push(p);
        }

        // The lunch walk, on Monday, Wednesday and Friday; now and then an
        // extra one on a free Saturday.
        let weekday = day.weekday();
        if matches!(weekday, Weekday::Mon | Weekday::Wed | Weekday::Fri) {
            if let Some(p) = self.yes_no(
                &cast.walk,
                keep,
                Some("Walked to the end of the street and back"),
                WALK_NOTES,
                WALK_LESSONS,
                rough,
            ) {
                plan.push(p);
            }
        } else if weekday == Weekday::Sat && self.chance(0.08) {
            plan.push(Planned {
                promise_id: cast.walk.clone(),
                status: Status::Kept,
                mark: note("An extra one by the river, just because"),
            });
        }

        // Reaching out: three days a week, whichever days it happens.
        if self.friend_day(day, keep) {
            let mark = if self.chance(0.45) {
                note(self.pick(FRIEND_NOTES))
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
        if i < self.archive_day
            && let Some(p) = self.yes_no(
                &cast.bed,
                (keep + 0.2).min(0.96),
                Some("Pulled the duvet straight, no more"),
                BED_NOTES,
                &[],
                rough,
            )
        {
            plan.push(p);
        }

        // The notebook line, from the day it was added.
        if let Some(id) = cast.notebook.as_deref()
            && let Some(p) = self.yes_no(
                id,
                keep,
                Some("Wrote one word; it still counts"),
                NOTEBOOK_NOTES,
                NOTEBOOK_LESSONS,
                rough,
            )
        {
            plan.push(p);
        }
        plan
    }

    /// A yes/no promise: kept, partly kept (the smaller version), missed with
    /// a short note and sometimes a lesson, or left unmarked.
    fn yes_no(
        &mut self,
        id: &str,
        keep: f64,
        partial_note: Option<&str>,
        miss_notes: &'static [&'static str],
        lessons: &'static [&'static str],
        rough: bool,
    ) -> Option<Planned> {
        let roll = self.rng.f64();
        let (status, mark) = if roll < keep {
            (Status::Kept, Mark::default())
        } else if roll < keep + 0.1 && partial_note.is_some() {
            (
                Status::Partial,
                Mark {
                    note: partial_note.map(String::from),
                    ..Mark::default()
                },
            )
        } else if roll < keep + 0.18 {
            return None;
        } else {
            let text = if rough {
                self.pick(ROUGH_NOTES)
            } else {
                self.pick(miss_notes)
            };
            let lesson =
                (!lessons.is_empty() && self.chance(0.35)).then(|| self.pick(lessons).to_string());
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
        let mark = if missed_note {
            let lesson = (run_of_misses && i + 1 == self.shrink_day || self.chance(0.3))
                .then(|| self.pick(READ_LESSONS).to_string());
            Mark {
                amount: Some(amount),
                note: Some(self.pick(READ_NOTES).to_string()),
                lesson,
            }
        } else if status == Status::Partial && self.chance(0.5) {
            Mark {
                amount: Some(amount),
                note: Some(self.pick(READ_PARTIAL_NOTES).to_string()),
                lesson: None,
            }
        } else {
            Mark {
                amount: Some(amount),
                ..Mark::default()
            }
        };
        Some(Planned {
            promise_id: cast.read.clone(),
            status,
            mark,
        })
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

    /// The evening answers, under the keys of the evening prompts.
    fn answers(&mut self, i: u64, share: Option<f64>, rough: bool) -> BTreeMap<String, String> {
        let mut answers = BTreeMap::new();
        answers.insert(HELPED_KEY.to_string(), self.pick(HELPED).to_string());
        if rough || share.is_some_and(|s| s < 0.8) || self.chance(0.3) {
            let text = if rough {
                self.pick(ROUGH_NOTES)
            } else {
                self.pick(IN_THE_WAY)
            };
            answers.insert(IN_THE_WAY_KEY.to_string(), text.to_string());
        }
        let adjust = if i + 1 == self.shrink_day {
            Some("Ten pages is a lot on work nights; try five for a while.")
        } else if i + 1 == self.grow_day {
            Some("Five pages has felt easy all week; maybe eight.")
        } else if i + 1 == self.archive_day {
            Some("Making the bed happens without thinking now; I can take it off the list.")
        } else if i + 1 == self.notebook_day {
            Some("Ready for one more small promise: a line in a notebook before sleep.")
        } else if self.must_reflect(i) || self.chance(0.45) {
            Some(self.pick(ADJUST))
        } else {
            None
        };
        if let Some(text) = adjust {
            answers.insert(prompts::ADJUST_KEY.to_string(), text.to_string());
        }
        answers
    }

    /// Today, half-way through: the morning check-in is written and the
    /// stretch after coffee is kept; the rest of the day is still open.
    fn today_so_far(&mut self, journal: &mut Journal, cast: &Cast) -> domain::Result<()> {
        let today = self.today;
        let day_start = today.and_time(self.day_starts_at);
        let checked_in = (self.now - Duration::minutes(25)).max(day_start);
        let stretched = (self.now - Duration::minutes(10)).max(checked_in);
        let confidence = self.lagging_confidence(self.days - 1);
        journal.set_clock(Clock::Fixed(checked_in));
        journal.check_in(
            today,
            Some("Stretch with the coffee, then take the rest of the day one thing at a time."),
            Some(Self::rating(confidence)),
        )?;
        journal.set_clock(Clock::Fixed(stretched));
        journal.mark(&cast.stretch, today, Status::Kept, Mark::default())?;
        Ok(())
    }
}

fn promise(text: &str, cue: &str, smaller: &str, area: &str, schedule: Schedule) -> NewPromise {
    NewPromise {
        text: text.into(),
        cue: Some(cue.into()),
        smaller: Some(smaller.into()),
        area: Some(area.into()),
        schedule: Some(schedule),
        ..NewPromise::default()
    }
}

fn note(text: &str) -> Mark {
    Mark {
        note: Some(text.to_string()),
        ..Mark::default()
    }
}

// ----- the words of the story ---------------------------------------------

const INTENTIONS: &[&str] = &[
    "Stretch first thing, then one email at a time.",
    "Keep it small today: the walk and a few pages.",
    "Show up for the easy ones, even if the day gets busy.",
    "Take the lunch walk, whatever the weather.",
    "Go gently; the smaller versions count too.",
    "One thing at a time, starting with the coffee stretch.",
    "Read a little tonight, even if it is one page.",
    "Send a message to someone I miss.",
    "Get through the big meeting, then go outside for a bit.",
    "Be kind to myself if the afternoon goes sideways.",
    "Finish the draft before lunch and leave the evening free.",
    "Eat a proper lunch away from the desk.",
    "Leave work on time and read in bed.",
    "Do the small things first, then the hard one.",
    "Notice one good moment and write it down.",
    "Keep the phone out of the bedroom tonight.",
    "Ask for help early instead of stewing.",
    "A slow day: the stretch, a page, a call.",
];

const WINS: &[(&str, &[&str])] = &[
    (
        "health",
        &[
            "Drank a glass of water before the coffee",
            "Took the stairs at the office",
            "Slept a full eight hours",
            "Cooked a real lunch instead of snacking",
            "Booked the dentist appointment",
            "Walked to the shop instead of driving",
            "Ate an apple at my desk",
            "Went outside for ten minutes of daylight",
            "Stopped at one coffee",
            "Picked up the repeat prescription",
        ],
    ),
    (
        "work",
        &[
            "Sent the email I was avoiding",
            "Finished the first draft of the report",
            "Asked for help with the bug instead of stewing",
            "Got the inbox down to ten",
            "Spoke up in the planning meeting",
            "Closed three small tickets",
            "Said no to a meeting I didn't need",
            "Wrote tomorrow's to-do list before leaving",
            "Gave honest feedback on a colleague's draft",
            "Started the task I kept moving to tomorrow",
        ],
    ),
    (
        "social",
        &[
            "Called Mum back",
            "Replied to Sam's message the same day",
            "Had lunch with a colleague",
            "Sent a birthday card on time",
            "Laughed properly with a friend",
            "Said yes to Saturday's picnic",
            "Thanked the neighbour for taking in the parcel",
            "Asked Priya how her interview went",
        ],
    ),
    (
        "creative",
        &[
            "Sketched for five minutes",
            "Wrote down a song idea",
            "Took a photo I like",
            "Played guitar for a little while",
            "Tried a new recipe",
            "Rearranged the shelf so it looks nice",
            "Doodled in the margins of the meeting notes",
        ],
    ),
    (
        "home",
        &[
            "Did the dishes without putting it off",
            "Watered the plants",
            "Took the recycling out",
            "Changed the bedsheets",
            "Paid the electricity bill",
            "Fixed the squeaky door",
            "Cleared the hallway of shoes",
            "Put the laundry away the same day",
        ],
    ),
];

const STRETCH_NOTES: &[&str] = &[
    "Rushed out the door",
    "Coffee on the go, so it slipped by",
    "Woke up late",
    "Had coffee at a café and forgot",
    "Stiff back; left it for today",
];
const STRETCH_LESSONS: &[&str] = &[
    "Leave the mat by the coffee machine",
    "Stretch while the kettle boils",
];

const READ_NOTES: &[&str] = &[
    "Fell asleep before opening the book",
    "The phone got there first",
    "Late night at work",
    "Too tired to take anything in",
    "Watched a film instead",
];
const READ_PARTIAL_NOTES: &[&str] = &[
    "A few pages, then sleep",
    "Opened the book, and that counts",
    "Read on the bus instead",
    "Read one page: the smaller version",
];
const READ_LESSONS: &[&str] = &[
    "Leave the book on the pillow",
    "Charge the phone in the kitchen",
    "Start reading before I feel sleepy",
];

const WALK_NOTES: &[&str] = &[
    "Rain all lunchtime",
    "The meeting ran over lunch",
    "Ate at my desk",
    "Felt a cold coming on",
];
const WALK_LESSONS: &[&str] = &["Keep an umbrella at work", "Block lunch in the calendar"];

const FRIEND_NOTES: &[&str] = &[
    "Texted Sam",
    "Called my sister",
    "Coffee with Priya",
    "Voice note to Alex",
    "Answered the group chat properly",
    "Sent Jo a photo of the dog",
    "Long call with Dad",
];

const BED_NOTES: &[&str] = &["Overslept", "Left in a hurry"];

const NOTEBOOK_NOTES: &[&str] = &[
    "Remembered once the light was off",
    "Fell asleep early",
    "Nothing came to mind and I let it go",
];
const NOTEBOOK_LESSONS: &[&str] = &["Keep the notebook on the pillow with the book"];

const ROUGH_NOTES: &[&str] = &[
    "Slept badly; the day was about getting through",
    "A long, heavy day at work",
    "Head cold, stayed on the sofa",
    "Family things took the whole evening",
];

const HELPED: &[&str] = &[
    "Doing it straight after coffee, before thinking about it.",
    "The book was already on my pillow.",
    "A quiet morning.",
    "Keeping the promises small.",
    "Going to bed a bit earlier.",
    "Seeing last week's checkmarks.",
    "Sam's message made the day lighter.",
    "Having the walk in the calendar.",
    "Remembering that the smaller version counts.",
    "Leaving the phone in the kitchen.",
    "A good lunch, away from the screen.",
    "Saying the intention out loud this morning.",
];

const IN_THE_WAY: &[&str] = &[
    "A long afternoon of meetings.",
    "Scrolling my phone in bed.",
    "Tired after a short night.",
    "The weather.",
    "Worrying about the deadline.",
    "Nothing much, really.",
    "Too many small errands.",
    "Got home later than planned.",
];

const ADJUST: &[&str] = &[
    "Put the phone on the charger in the kitchen.",
    "Start the walk at half past twelve, before the meetings.",
    "Keep the smaller versions in mind on busy days.",
    "Nothing; today's setup worked.",
    "Lay the book out before dinner.",
    "Go to bed twenty minutes earlier.",
    "Write the intention on a sticky note.",
    "Plan one easy win for the afternoon slump.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::Due;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn journal(dir: &tempfile::TempDir, name: &str, now: &str) -> Journal {
        Journal::open(
            &dir.path().join(name),
            Clock::Fixed(at(now)),
            Config::default(),
        )
        .expect("open a new journal")
    }

    /// Every record. The bounds are explicit because an export without an
    /// upper bound currently holds no day records (`NaiveDate::MAX` is
    /// stored as "+262142-12-31", which sorts before every real day).
    fn everything(j: &Journal) -> crate::store::Export {
        j.export(Some(d("1900-01-01")), Some(d("9999-12-31")))
            .expect("export")
    }

    /// Everything a person would read on a day, without the record ids.
    fn readable(j: &Journal, day: NaiveDate) -> String {
        let v = j.day(day).expect("read the day");
        let mut out = Vec::new();
        for item in &v.items {
            let c = item.check.as_ref();
            out.push(format!(
                "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                item.number,
                item.promise.text,
                item.due,
                item.target,
                c.map(|c| c.status),
                c.and_then(|c| c.amount),
                c.and_then(|c| c.note.clone()),
                c.and_then(|c| c.lesson.clone()),
                c.map(|c| c.updated_at),
            ));
        }
        for w in &v.wins {
            out.push(format!("win {} {:?} {}", w.text, w.area, w.created_at));
        }
        if let Some(c) = &v.checkin {
            out.push(format!(
                "checkin {:?} {:?} {}",
                c.intention, c.confidence, c.updated_at
            ));
        }
        if let Some(r) = &v.reflection {
            out.push(format!(
                "reflection {:?} {:?} {:?} {}",
                r.answers, r.mood, r.confidence, r.updated_at
            ));
        }
        out.join("\n")
    }

    #[test]
    fn eight_weeks_fill_an_empty_journal_with_every_kind_of_record() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
        let counts = fill(&mut j, 8).expect("fill");
        assert_eq!(counts, j.counts().expect("counts"));
        assert_eq!(counts.promises, 6);
        // 56 days, four or five promises due on most of them.
        assert!((150..=300).contains(&counts.checks), "{counts:?}");
        assert!((40..=120).contains(&counts.wins), "{counts:?}");
        assert!((30..=56).contains(&counts.checkins), "{counts:?}");
        assert!((20..=55).contains(&counts.reflections), "{counts:?}");

        let promises = j.promises(true).expect("promises");
        let kinds: Vec<&Schedule> = promises.iter().map(|p| &p.schedule).collect();
        assert!(kinds.contains(&&Schedule::Daily));
        assert!(kinds.contains(&&Schedule::Weekdays {
            days: vec![0, 2, 4]
        }));
        assert!(kinds.contains(&&Schedule::TimesPerWeek { times: 3 }));
        let start = d("2026-11-21") - Duration::days(55);
        assert!(promises.iter().all(|p| p.created_on >= start));
        let stretch = j.find_promise("stretch").expect("stretch");
        assert_eq!(stretch.cue.as_deref(), Some("after my morning coffee"));
        assert_eq!(stretch.smaller.as_deref(), Some("touch my toes once"));
        assert_eq!(stretch.created_on, start);

        // The measure: 10 pages, shrunk to 5 after a run of misses, grown to 8.
        let read = j.find_promise("read").expect("read");
        assert_eq!(read.unit.as_deref(), Some("pages"));
        let amounts: Vec<f64> = read.targets.iter().map(|t| t.amount).collect();
        assert_eq!(amounts, vec![10.0, 5.0, 8.0]);
        let shrunk = read.targets[1].from;
        assert_eq!(
            j.day(shrunk - Duration::days(1)).expect("day").items[1].target,
            Some(10.0)
        );
        assert_eq!(j.day(shrunk).expect("day").items[1].target, Some(5.0));
        let before_shrink: Vec<Option<Status>> = (1..=3)
            .map(|n| j.day(shrunk - Duration::days(n)).expect("day").items[1].status())
            .collect();
        assert_eq!(before_shrink, vec![Some(Status::Missed); 3]);

        // Archived halfway; added a few weeks in.
        let bed = j.find_promise("make the bed").expect("bed");
        assert_eq!(bed.archived_on, Some(start + Duration::days(28)));
        let notebook = j.find_promise("write one line").expect("notebook");
        assert_eq!(notebook.created_on, start + Duration::days(21));
        assert_eq!(j.promises(false).expect("active").len(), 5);

        // The clock is back and nothing can be undone.
        assert_eq!(j.now(), at("2026-11-21 08:30"));
        assert!(!j.can_undo());
    }

    #[test]
    fn today_is_left_half_done_and_yesterday_has_an_evening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 10:15");
        fill(&mut j, 3).expect("fill");
        let today = j.day(d("2026-11-21")).expect("today");
        let checkin = today.checkin.as_ref().expect("a morning check-in");
        assert!(checkin.intention.is_some() && checkin.confidence.is_some());
        assert_eq!(checkin.updated_at, at("2026-11-21 09:50"));
        let marked: Vec<(&str, Status)> = today
            .items
            .iter()
            .filter_map(|i| i.status().map(|s| (i.promise.text.as_str(), s)))
            .collect();
        assert_eq!(marked, vec![("Stretch for ten seconds", Status::Kept)]);
        assert!(today.reflection.is_none());
        assert!(
            today.previous_adjust.is_some(),
            "yesterday's adjust answer shows in the morning"
        );
        assert_eq!(
            today.kept_line().as_deref(),
            Some("I said I'd stretch for ten seconds — and I did.")
        );
    }

    #[test]
    fn the_history_looks_lived_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 21:00");
        fill(&mut j, 12).expect("fill");
        let data = everything(&j);
        let count = |s: Status| data.checks.iter().filter(|c| c.status == s).count();
        let (kept, partial, missed) = (
            count(Status::Kept),
            count(Status::Partial),
            count(Status::Missed),
        );
        assert!(
            kept > 2 * (partial + missed),
            "mostly kept: {kept} {partial} {missed}"
        );
        assert!(
            partial >= 5 && missed >= 5,
            "some partly, some missed: {partial} {missed}"
        );
        assert!(data.checks.iter().any(|c| c.lesson.is_some()));
        assert!(
            data.checks
                .iter()
                .filter(|c| c.status == Status::Missed)
                .all(|c| c.note.is_some()),
            "every miss has a short note"
        );
        let areas: std::collections::BTreeSet<&str> =
            data.wins.iter().filter_map(|w| w.area.as_deref()).collect();
        assert_eq!(
            areas.into_iter().collect::<Vec<_>>(),
            vec!["creative", "health", "home", "social", "work"]
        );
        let keys: std::collections::BTreeSet<&str> = data
            .reflections
            .iter()
            .flat_map(|r| r.answers.keys().map(String::as_str))
            .collect();
        let config = Config::default();
        let evening: std::collections::BTreeSet<&str> = config
            .prompts
            .evening
            .iter()
            .map(|p| p.key.as_str())
            .collect();
        assert_eq!(keys, evening, "answers use the evening prompt keys");

        // Some due days were left unmarked.
        let first = d("2026-11-21") - Duration::days(12 * 7 - 1);
        let unmarked = crate::domain::day::days_between(first, d("2026-11-20"))
            .map(|day| j.day(day).expect("day"))
            .flat_map(|v| {
                v.items
                    .into_iter()
                    .filter(|i| i.due == Due::Yes && i.check.is_none())
                    .collect::<Vec<_>>()
            })
            .count();
        assert!(unmarked >= 5, "{unmarked}");

        // Every record has a time inside its own journal day.
        let starts = Config::default().day_starts_at;
        for c in &data.checks {
            assert!(
                crate::domain::day::journal_day(c.updated_at, starts) >= c.day,
                "a mark is made on its day or later"
            );
        }
        for w in &data.wins {
            assert_eq!(crate::domain::day::journal_day(w.created_at, starts), w.day);
        }
        for r in &data.reflections {
            assert_eq!(crate::domain::day::journal_day(r.updated_at, starts), r.day);
        }
        assert!(
            data.reflections.iter().any(|r| r.updated_at.date() > r.day),
            "some reflections are written after midnight"
        );

        // Later weeks go better than the first ones, and confidence trails.
        let week = |n: i64| j.week(first + Duration::days(7 * n)).expect("week");
        let rate = |s: &crate::domain::WeekSummary| {
            let (shown, asked) = s.totals();
            f64::from(shown) / f64::from(asked)
        };
        let early = (rate(&week(0)) + rate(&week(1)) + rate(&week(2))) / 3.0;
        let late = (rate(&week(9)) + rate(&week(10)) + rate(&week(11))) / 3.0;
        assert!(late > early, "gentle upward trend: {early:.2} → {late:.2}");
        let confidence: Vec<f64> = (4..12).filter_map(|n| week(n).average_confidence).collect();
        let shown: Vec<f64> = (4..12).map(|n| rate(&week(n)) * 10.0).collect();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(
            mean(&confidence) < mean(&shown),
            "confidence {:.1} lags behind what was done {:.1}",
            mean(&confidence),
            mean(&shown)
        );
    }

    #[test]
    fn the_demo_never_scolds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
        fill(&mut j, 8).expect("fill");
        let json = serde_json::to_string(&everything(&j))
            .expect("json")
            .to_lowercase();
        for word in [
            "fail",
            "broke",
            "streak",
            "lazy",
            "should have",
            "why didn't",
            "again?",
        ] {
            assert!(!json.contains(word), "the demo uses {word:?}");
        }
    }

    #[test]
    fn a_journal_with_entries_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
        j.add_win(d("2026-11-21"), "Opened the app", None)
            .expect("win");
        let before = j.counts().expect("counts");
        let err = fill(&mut j, 8).expect_err("refused");
        assert!(err.is_input());
        assert!(err.to_string().contains("already has entries"), "{err}");
        assert_eq!(j.counts().expect("counts"), before);
        assert!(j.can_undo(), "the person's own undo history is kept");
    }

    #[test]
    fn weeks_are_clamped_to_at_least_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut j = journal(&dir, "demo.db", "2026-11-21 08:30");
        fill(&mut j, 0).expect("fill");
        let read = j.find_promise("read").expect("read");
        assert_eq!(read.created_on, d("2026-11-15"));
        assert_eq!(read.targets.len(), 3, "even one week tells the whole story");
        assert!(j.find_promise("make the bed").expect("bed").is_archived());
        assert!(j.find_promise("write one line").is_ok());
        assert_eq!(
            j.marks(d("2026-11-14"), d("2026-11-14")).expect("marks")[0].1,
            crate::domain::DayMark::NotScheduled
        );
    }

    #[test]
    fn a_late_day_start_keeps_every_record_inside_its_day() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = Config {
            day_starts_at: NaiveTime::from_hms_opt(9, 0, 0).expect("valid"),
            ..Config::default()
        };
        let mut j = Journal::open(
            &dir.path().join("late.db"),
            Clock::Fixed(at("2026-11-21 09:05")),
            config.clone(),
        )
        .expect("open");
        fill(&mut j, 4).expect("fill");
        let data = everything(&j);
        for c in &data.checkins {
            assert_eq!(
                crate::domain::day::journal_day(c.updated_at, config.day_starts_at),
                c.day
            );
        }
        for w in &data.wins {
            assert_eq!(
                crate::domain::day::journal_day(w.created_at, config.day_starts_at),
                w.day
            );
        }
        assert!(
            data.checkins
                .iter()
                .all(|c| c.updated_at <= at("2026-11-21 09:05"))
        );
    }

    #[test]
    fn the_same_today_gives_the_same_journal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut a = journal(&dir, "a.db", "2026-11-21 08:30");
        let mut b = journal(&dir, "b.db", "2026-11-21 08:30");
        assert_eq!(
            fill(&mut a, 8).expect("fill a"),
            fill(&mut b, 8).expect("fill b")
        );
        let first = d("2026-11-21") - Duration::days(55);
        let mut compared = 0;
        for day in crate::domain::day::days_between(first, d("2026-11-21")).step_by(3) {
            let (ta, tb) = (readable(&a, day), readable(&b, day));
            assert!(
                !ta.is_empty() || day == first,
                "{day} has something to compare"
            );
            assert_eq!(ta, tb, "{day}");
            compared += 1;
        }
        assert_eq!(compared, 19);
        assert_eq!(
            a.marks(first, d("2026-11-21")).expect("marks"),
            b.marks(first, d("2026-11-21")).expect("marks")
        );
        let mut c = journal(&dir, "c.db", "2026-11-28 08:30");
        fill(&mut c, 8).expect("fill c");
        assert_ne!(
            readable(&a, d("2026-11-20")),
            readable(&c, d("2026-11-20")),
            "another today is another story"
        );
    }
}
