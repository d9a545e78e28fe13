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
