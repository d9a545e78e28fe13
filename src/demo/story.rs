//! The weeks of the story from the first morning to today: the turning
//! points (a target shrinks and grows, a promise is let go, another added),
//! marks left for the next morning, today half done, and the clock and dice
//! every day of the story is told with.

use chrono::{Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::words::{self, Words};
use super::{Cast, READ_FIRST, READ_GROWN, READ_SMALLER, SEED, Story};
use crate::domain::{self, Clock, Journal, Mark, NewPromise, PromiseEdit, Schedule, Status};

impl<'w> Story<'w> {
    pub(super) fn new(
        journal: &Journal,
        words: &'w Words,
        now: NaiveDateTime,
        weeks: u32,
    ) -> domain::Result<Story<'w>> {
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
            words,
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
            decks: Default::default(),
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

    pub(super) fn set(&self, journal: &mut Journal, day: NaiveDate, minutes: i64) {
        journal.set_clock(Clock::Fixed(self.at(day, minutes)));
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    /// The next sentence from a shuffled deck of `pool`.
    pub(super) fn pick(&mut self, pool: &'w [String]) -> &'w str {
        let Some(first) = pool.first() else {
            return "";
        };
        let deck = self.decks.entry(pool.as_ptr()).or_default();
        if deck.is_empty() {
            deck.extend(0..pool.len());
            self.rng.shuffle(deck);
        }
        deck.pop().and_then(|i| pool.get(i)).unwrap_or(first)
    }

    /// How likely a promise is kept on day `i`: a gentle climb over the
    /// weeks with a slow wobble, as real weeks have.
    pub(super) fn keep_chance(&self, i: u64) -> f64 {
        let progress = if self.days > 1 {
            i as f64 / (self.days - 1) as f64
        } else {
            1.0
        };
        (0.56 + 0.30 * progress + 0.05 * (i as f64 / 6.0).sin()).clamp(0.3, 0.93)
    }

    /// Confidence trails what was done: it follows the days from about two
    /// weeks to a few days ago, and rounds itself down a little.
    pub(super) fn lagging_confidence(&self, i: u64) -> f64 {
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

    pub(super) fn rating(value: f64) -> u8 {
        value.round().clamp(1.0, 9.0) as u8
    }

    /// Days whose evening is always written, because the next morning acts
    /// on it (or because it is yesterday, shown on the Today screen).
    pub(super) fn must_reflect(&self, i: u64) -> bool {
        [
            self.shrink_day,
            self.grow_day,
            self.notebook_day,
            self.archive_day,
            self.days - 1,
        ]
        .contains(&(i + 1))
    }

    pub(super) fn is_turning_point(&self, i: u64) -> bool {
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

    pub(super) fn tell(&mut self, journal: &mut Journal) -> domain::Result<()> {
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
        let w = self.words;
        self.set(journal, self.start, 7 * 60 + 40);
        let stretch = journal.add_promise(promise(&w.stretch.promise, Schedule::Daily))?;
        let read = journal.add_promise(NewPromise {
            target: Some(READ_FIRST),
            ..promise(&w.read.promise, Schedule::Daily)
        })?;
        let walk = journal.add_promise(promise(
            &w.walk.promise,
            Schedule::weekdays([Weekday::Mon, Weekday::Wed, Weekday::Fri]),
        ))?;
        let friend = journal.add_promise(promise(
            &w.friend.promise,
            Schedule::TimesPerWeek { times: 3 },
        ))?;
        let bed = journal.add_promise(promise(&w.bed.promise, Schedule::Daily))?;
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
            self.retarget(journal, &cast.read, day, READ_SMALLER)?;
        }
        if i == self.grow_day {
            self.retarget(journal, &cast.read, day, READ_GROWN)?;
        }
        if i == self.archive_day {
            let bed = &self.words.bed;
            self.set(journal, day, 7 * 60 + 52);
            journal.archive_promise(&cast.bed)?;
            self.set(journal, day, 7 * 60 + 53);
            journal.add_win(day, &bed.let_go, Some(bed.promise.area.as_str()))?;
        }
        if i == self.notebook_day {
            self.set(journal, day, 7 * 60 + 55);
            let notebook =
                journal.add_promise(promise(&self.words.notebook.promise, Schedule::Daily))?;
            cast.notebook = Some(notebook.id);
        }
        Ok(())
    }

    /// The reading target changes, first thing in the morning.
    fn retarget(
        &mut self,
        journal: &mut Journal,
        read: &str,
        day: NaiveDate,
        pages: f64,
    ) -> domain::Result<()> {
        self.set(journal, day, 7 * 60 + 50);
        let edit = PromiseEdit {
            target: Some(pages),
            ..PromiseEdit::default()
        };
        journal.edit_promise(read, edit)?;
        self.read_target = pages;
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
            Some(self.words.morning.today.as_str()),
            Some(Self::rating(confidence)),
        )?;
        journal.set_clock(Clock::Fixed(stretched));
        journal.mark(&cast.stretch, today, Status::Kept, Mark::default())?;
        Ok(())
    }
}

/// A promise of the cast as it is added, with its schedule.
fn promise(words: &words::Promise, schedule: Schedule) -> NewPromise {
    NewPromise {
        text: words.text.clone(),
        cue: Some(words.cue.clone()),
        smaller: Some(words.smaller.clone()),
        area: Some(words.area.clone()),
        schedule: Some(schedule),
        unit: words.unit.clone(),
        ..NewPromise::default()
    }
}
