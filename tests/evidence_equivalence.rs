//! The evidence the journal counts from its checkpoints (issue 11) is the
//! evidence counted from the first day, number for number: on random
//! journals of up to a year and a half, through changes of old days,
//! deleted wins, schedules changed, promises archived and brought back,
//! undo, suggestions set aside, days passing and the first day of the week
//! changed, `evidence()` (stats), `review()` of any week and `resurface()`
//! are compared with a straightforward count over every record the journal
//! holds, made here from its export with the evidence's pure functions.

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use common::{Fixture, d};
use proptest::prelude::*;
use rusqlite::Connection;
use smallwins::config::Config;
use smallwins::domain::evidence::{self, Suggestion};
use smallwins::domain::{
    Check, CheckIn, Clock, Evidence, Journal, Mark, MissNote, Promise, PromiseEdit, Reflection,
    Resurface, ReviewView, Schedule, Status, TREND_WEEKS, Win,
};
use smallwins::model::{Decision, new_id};
use smallwins::store::{EXPORT_FORMAT, EXPORT_VERSION, Export};

const TODAY: &str = "2026-11-21";

// ----- the straightforward count --------------------------------------------

/// Every record of the journal up to today, in the order the store lists
/// them.
struct All {
    today: NaiveDate,
    week_starts_on: Weekday,
    promises: Vec<Promise>,
    checks: Vec<Check>,
    wins: Vec<Win>,
    checkins: Vec<CheckIn>,
    reflections: Vec<Reflection>,
    decisions: Vec<Decision>,
}

fn all(j: &Journal) -> All {
    let today = j.today();
    let data = j.export(None, None).expect("export");
    let mut checks: Vec<Check> = data.checks.into_iter().filter(|c| c.day <= today).collect();
    checks.sort_by(|a, b| (a.day, &a.promise_id).cmp(&(b.day, &b.promise_id)));
    let mut wins: Vec<Win> = data.wins.into_iter().filter(|w| w.day <= today).collect();
    wins.sort_by(|a, b| (a.day, a.created_at, &a.id).cmp(&(b.day, b.created_at, &b.id)));
    let mut checkins: Vec<CheckIn> = (data.checkins.into_iter())
        .filter(|c| c.day <= today)
        .collect();
    checkins.sort_by_key(|c| c.day);
    let mut reflections: Vec<Reflection> = (data.reflections.into_iter())
        .filter(|r| r.day <= today)
        .collect();
    reflections.sort_by_key(|r| r.day);
    All {
        today,
        week_starts_on: j.config().week_starts_on,
        promises: j.promises(true).expect("promises"),
        checks,
        wins,
        checkins,
        reflections,
        // The decisions of the weekly reviews of the last three weeks, as
        // the journal reads them for its suggestions.
        decisions: (data.reviews.into_iter())
            .filter(|r| {
                let quiet = today - Duration::days(evidence::DECISION_QUIET_DAYS);
                r.week_start >= quiet - Duration::days(6) && r.week_start <= today
            })
            .flat_map(|r| r.decisions)
            .collect(),
    }
}

impl All {
    fn refs(&self, upto: NaiveDate) -> Vec<&Check> {
        self.checks.iter().filter(|c| c.day <= upto).collect()
    }

    fn trend(&self, last_week: NaiveDate) -> Vec<evidence::WeekPoint> {
        let starts: Vec<NaiveDate> = (0..TREND_WEEKS)
            .rev()
            .map(|i| last_week - Duration::days(7 * i))
            .collect();
        evidence::week_points(
            &starts,
            &self.promises,
            &self.checks,
            &self.checkins,
            &self.reflections,
            self.today,
        )
    }

    fn open_suggestions(&self) -> Vec<Suggestion> {
        let quiet = self.today - Duration::days(evidence::DECISION_QUIET_DAYS);
        evidence::suggestions(
            &self.promises,
            &self.checks,
            self.today,
            self.week_starts_on,
        )
        .into_iter()
        .filter(|s| !(self.decisions.iter()).any(|x| x.key == s.key && x.on >= quiet))
        .collect()
    }

    fn evidence(&self) -> Evidence {
        let today = self.today;
        let this_week = smallwins::domain::day::week_start(today, self.week_starts_on);
        let weeks = self.trend(this_week);
        let refs = self.refs(today);
        Evidence {
            totals: evidence::totals(&self.checks, &self.wins, today),
            promises: (self.promises.iter())
                .filter(|p| p.active_on(today))
                .map(|p| evidence::promise_evidence(p, &refs, today, self.week_starts_on))
                .collect(),
            twelve_weeks: evidence::together(&weeks, &self.checkins, &self.reflections, today),
            weeks,
            patterns: evidence::patterns(
                &self.promises,
                &self.checks,
                &self.wins,
                this_week - Duration::days(7 * (TREND_WEEKS - 1)),
                today,
            ),
            suggestions: self.open_suggestions(),
        }
    }

    fn review(&self, j: &Journal, week_start: NaiveDate) -> ReviewView {
        let today = self.today;
        let end = week_start + Duration::days(6);
        let upto = end.min(today);
        let in_week = |day: NaiveDate| day >= week_start && day <= end;
        let refs = self.refs(upto);
        let weeks = self.trend(week_start);
        let review = j
            .export(None, None)
            .expect("export")
            .reviews
            .into_iter()
            .find(|r| r.week_start == week_start);
        ReviewView {
            week_start,
            summary: j.week(week_start).expect("week"),
            previous: j.week(week_start - Duration::days(7)).expect("week"),
            strengths: (self.promises.iter())
                .filter(|p| p.active_on(upto))
                .map(|p| {
                    let e = evidence::promise_evidence(p, &refs, upto, self.week_starts_on);
                    (p.id.clone(), e)
                })
                .collect::<BTreeMap<_, _>>(),
            wins_by_area: evidence::wins_by_area(self.wins.iter().filter(|w| in_week(w.day))),
            misses: (self.checks.iter())
                .filter(|c| in_week(c.day) && (c.note.is_some() || c.lesson.is_some()))
                .filter(|c| c.status != Status::Kept)
                .map(|c| MissNote {
                    day: c.day,
                    promise: (self.promises.iter())
                        .find(|p| p.id == c.promise_id)
                        .map(|p| p.text_on(c.day).to_string())
                        .unwrap_or_default(),
                    status: c.status,
                    note: c.note.clone(),
                    lesson: c.lesson.clone(),
                })
                .collect(),
            twelve_weeks: evidence::together(&weeks, &self.checkins, &self.reflections, today),
            self_trust: evidence::self_trust(weeks.last().expect("the week"), today),
            weeks,
            patterns: evidence::patterns(
                &self.promises,
                &self.checks,
                &self.wins,
                week_start - Duration::days(7 * (TREND_WEEKS - 1)),
                upto,
            ),
            suggestions: if week_start <= today && today <= end {
                self.open_suggestions()
            } else {
                Vec::new()
            },
            review,
        }
    }

    /// `resurface` on a low evening of `day`, over every record.
    fn resurface(&self, j: &Journal, day: NaiveDate) -> Resurface {
        let data = j.export(None, None).expect("export");
        let kept_so_far = (data.checks.iter())
            .filter(|c| c.day <= day && c.status.showed_up())
            .count() as u32;
        let wins_so_far = data.wins.iter().filter(|w| w.day <= day).count() as u32;
        let mut earlier: Vec<Win> = data.wins.into_iter().filter(|w| w.day < day).collect();
        earlier.sort_by(|a, b| (a.day, a.created_at, &a.id).cmp(&(b.day, b.created_at, &b.id)));
        Resurface {
            kept_so_far,
            wins_so_far,
            win: evidence::resurfaced_win(&earlier, day).cloned(),
        }
    }
}

// ----- random journals -------------------------------------------------------

fn noon(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).expect("time")
}

fn schedule(rng: &mut fastrand::Rng) -> Schedule {
    match rng.u8(0..3) {
        0 => Schedule::Daily,
        1 => {
            let mut days: Vec<u8> = (0..7).filter(|_| rng.bool()).collect();
            if days.is_empty() {
                days.push(rng.u8(0..7));
            }
            Schedule::Weekdays { days }
        }
        _ => Schedule::TimesPerWeek {
            times: rng.u8(1..=7),
        },
    }
}

fn status(rng: &mut fastrand::Rng) -> Status {
    match rng.u8(0..20) {
        0..=9 => Status::Kept,
        10..=12 => Status::Partial,
        13..=14 => Status::Smaller,
        _ => Status::Missed,
    }
}

/// Up to `days` days of history before today: promises of every kind (some
/// archived, some with checks after their archive day or before their
/// first day), checks with notes now and then, wins, check-ins and
/// reflections.
fn history(seed: u64, days: i64, promises: usize, density: u8) -> Export {
    let mut rng = fastrand::Rng::with_seed(seed);
    let today = d(TODAY);
    let first = today - Duration::days(days);
    let mut data = Export {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported_at: noon(today, 8),
        from: None,
        to: None,
        promises: Vec::new(),
        checks: Vec::new(),
        wins: Vec::new(),
        checkins: Vec::new(),
        reflections: Vec::new(),
        reviews: Vec::new(),
    };
    for i in 0..promises {
        let created_on = first + Duration::days(rng.i64(0..days.max(1)));
        let archived_on = (rng.u8(0..4) == 0)
            .then(|| {
                created_on + Duration::days(rng.i64(1..=(today - created_on).num_days().max(1)))
            })
            .filter(|a| *a <= today);
        let p = Promise {
            id: new_id(),
            text: format!("promise {i}"),
            cue: None,
            smaller: rng.bool().then(|| format!("a smaller {i}")),
            area: None,
            schedule: schedule(&mut rng),
            unit: None,
            targets: vec![],
            versions: vec![],
            number: i as u32 + 1,
            position: i as i64,
            created_on,
            archived_on,
            updated_at: noon(created_on, 8),
        };
        let mut day = created_on - Duration::days(rng.i64(0..3));
        while day <= today {
            if rng.u8(0..100) < density {
                data.checks.push(Check {
                    id: new_id(),
                    promise_id: p.id.clone(),
                    day,
                    status: status(&mut rng),
                    amount: None,
                    note: (rng.u8(0..8) == 0).then(|| "the bus was late".to_string()),
                    lesson: None,
                    updated_at: noon(day, 20),
                });
            }
            day += Duration::days(1);
        }
        data.promises.push(p);
    }
    for day in (0..=days).map(|i| first + Duration::days(i)) {
        for _ in 0..rng.u8(0..3) {
            data.wins.push(Win {
                id: new_id(),
                day,
                text: "a small win".into(),
                area: [None, Some("health"), Some("work")][rng.usize(0..3)].map(String::from),
                created_at: noon(day, rng.u32(5..24)),
                private: rng.u8(0..5) == 0,
            });
        }
        if rng.u8(0..3) > 0 {
            data.checkins.push(CheckIn {
                id: new_id(),
                day,
                intention: None,
                confidence: rng.bool().then(|| rng.u8(0..=10)),
                updated_at: noon(day, 8),
            });
        }
        if rng.u8(0..3) > 0 {
            data.reflections.push(Reflection {
                id: new_id(),
                day,
                answers: BTreeMap::new(),
                mood: rng.bool().then(|| rng.u8(0..=10)),
                confidence: rng.bool().then(|| rng.u8(0..=10)),
                updated_at: noon(day, 21),
            });
        }
    }
    data
}

fn config(week_starts_on: Weekday) -> Config {
    Config {
        week_starts_on,
        ..Config::default()
    }
}

fn open(f: &Fixture, now: NaiveDateTime, week_starts_on: Weekday) -> Journal {
    Journal::open(&f.path, Clock::Fixed(now), config(week_starts_on)).expect("open")
}

/// Rows in a table of the journal, read beside the journal's own
/// connection.
fn rows(f: &Fixture, table: &str) -> i64 {
    let conn = Connection::open(&f.path).expect("raw");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// One change a person might make, picked by `rng`.
fn change(j: &mut Journal, rng: &mut fastrand::Rng) {
    let today = j.today();
    let promises = j.promises(true).expect("promises");
    let p = &promises[rng.usize(0..promises.len())];
    let past = |rng: &mut fastrand::Rng, back: i64| today - Duration::days(rng.i64(0..back));
    match rng.u8(0..11) {
        0 | 1 => {
            let day = past(rng, 400).max(p.created_on);
            j.mark(&p.id, day, status(rng), Mark::default()).ok();
        }
        2 => {
            let day = past(rng, 400);
            j.unmark(&p.id, day).ok();
        }
        3 => {
            j.add_win(past(rng, 400), "remembered later", Some("health"))
                .expect("win");
        }
        4 => {
            let day = past(rng, 400);
            let wins = j.wins_between(day, day + Duration::days(10)).expect("wins");
            if let Some(w) = wins.first() {
                j.delete_win(w).expect("delete");
            }
        }
        5 => {
            let edit = PromiseEdit {
                schedule: Some(schedule(rng)),
                ..PromiseEdit::default()
            };
            j.edit_promise(&p.id, edit).ok();
        }
        6 => {
            if p.is_archived() {
                j.unarchive_promise(&p.id).expect("bring back");
            } else {
                j.archive_promise(&p.id).expect("archive");
            }
        }
        7 => {
            j.undo().expect("undo");
        }
        8 => {
            let set_aside = j.evidence().expect("evidence").suggestions;
            if let Some(s) = set_aside.first() {
                j.decide(s, false).expect("set aside");
            }
        }
        _ => {
            // Days pass; today is marked.
            let later = j.now() + Duration::days(rng.i64(1..45));
            j.set_clock(Clock::Fixed(later));
            j.mark(&p.id, j.today(), status(rng), Mark::default()).ok();
        }
    }
}

fn compare(j: &mut Journal, rng: &mut fastrand::Rng) {
    let a = all(j);
    let (got, want) = (j.evidence().expect("evidence"), a.evidence());
    assert_eq!(got.totals, want.totals, "stats: totals");
    assert_eq!(got.promises, want.promises, "stats: promises");
    assert_eq!(got.weeks, want.weeks, "stats: weeks");
    assert_eq!(got.twelve_weeks, want.twelve_weeks, "stats: twelve weeks");
    assert_eq!(got.patterns, want.patterns, "stats: patterns");
    assert_eq!(got.suggestions, want.suggestions, "stats: suggestions");
    // The checkmark grid's standings: every promise, archived ones too.
    let standings = j.standings(&a.promises).expect("standings");
    let refs = a.refs(a.today);
    for p in &a.promises {
        assert_eq!(
            standings.get(&p.id).map(|s| &s.evidence),
            Some(&evidence::promise_evidence(
                p,
                &refs,
                a.today,
                a.week_starts_on
            )),
            "the standing of {}",
            p.text
        );
        // A promise's page: each week's strength as of its last day.
        let story = j.story(&p.id, 80).expect("story");
        for week in &story.weeks {
            let upto = (week.start + Duration::days(6)).min(a.today);
            let want = evidence::promise_evidence(p, &a.refs(upto), upto, a.week_starts_on);
            assert_eq!(
                week.strength, want.strength,
                "{}: the strength of the week of {}",
                p.text, week.start
            );
        }
    }
    let today = j.today();
    let this_week = j.week_start(today);
    for back in [0, 1, rng.i64(2..30), rng.i64(30..90)] {
        let week = this_week - Duration::days(7 * back);
        assert_eq!(
            j.review(week).expect("review"),
            a.review(j, week),
            "the review of the week of {week}"
        );
    }
    let day = today - Duration::days(rng.i64(0..200));
    j.reflect(day, &BTreeMap::new(), Some(2), None)
        .expect("a hard evening");
    let shown = j.resurface(day).expect("resurface").expect("shown");
    assert_eq!(shown, a.resurface(j, day), "resurfacing on {day}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_evidence_from_checkpoints_is_the_evidence_from_the_first_day(
        seed in any::<u64>(),
        days in 20i64..540,
        promises in 1usize..5,
        density in 20u8..100,
        sunday in any::<bool>(),
    ) {
        let f = Fixture::new();
        let week_starts_on = if sunday { Weekday::Sun } else { Weekday::Mon };
        let now = noon(d(TODAY), 21);
        let mut j = open(&f, now, week_starts_on);
        let data = history(seed, days, promises, density);
        j.add_history(&data).expect("history");
        // The comparisons below go on from checkpoints, not only from the
        // first day.
        if days > 90 {
            prop_assert!(rows(&f, "totals_checkpoints") > 0);
        }
        let today = d(TODAY);
        let old = |p: &Promise| {
            today - p.created_on > Duration::days(90)
                && p.archived_on.is_none_or(|a| a - p.created_on > Duration::days(40))
        };
        if data.promises.iter().any(old) {
            prop_assert!(rows(&f, "promise_checkpoints") > 0);
        }
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
        compare(&mut j, &mut rng);
        for step in 0..12 {
            change(&mut j, &mut rng);
            if step % 3 == 2 {
                compare(&mut j, &mut rng);
            }
        }
        // The first day of the week changes: the checkpoints are counted
        // again in the new weeks.
        let now = j.now();
        drop(j);
        let other = if sunday { Weekday::Mon } else { Weekday::Sun };
        let mut j = open(&f, now, other);
        compare(&mut j, &mut rng);
        change(&mut j, &mut rng);
        compare(&mut j, &mut rng);
        // The clock is set back a few days: what was recorded after the
        // new today is left out as before.
        let last = j.today();
        j.add_win(last, "the last day's win", None).expect("win");
        j.mark(&j.promises(true).expect("promises")[0].id.clone(), last, Status::Kept, Mark::default()).ok();
        j.set_clock(Clock::Fixed(j.now() - Duration::days(rng.i64(1..6))));
        compare(&mut j, &mut rng);
    }
}

// ----- the screens read a week once ------------------------------------------

mod screens {
    use super::common::{Fixture, lived_in, open_at};
    use chrono::Duration;
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use smallwins::domain::{Journal, Mark, Status};
    use smallwins::ui::app::App;
    use smallwins::ui::screens::Version;
    use smallwins::ui::screens::review::ReviewState;
    use smallwins::ui::theme::Theme;
    use smallwins::ui::{Screen, buffer_to_string};

    fn version(j: &Journal) -> Version {
        Version {
            own: j.generation(),
            others: j.data_version().expect("data version"),
            today: j.today(),
        }
    }

    fn keys(app: &mut App, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            app.handle_event(&Event::Key(key));
        }
    }

    fn screen(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(app, f.area()))
            .expect("draw");
        buffer_to_string(terminal.backend().buffer())
    }

    #[test]
    fn going_back_to_a_week_shown_lately_reads_nothing_until_the_journal_changes() {
        let f = Fixture::new();
        let mut j = lived_in(&f.path);
        let this_week = j.week_start(j.today());
        let before = this_week - Duration::days(7);
        let mut review = ReviewState::new(this_week);
        let v = version(&j);
        assert!(review.load(&j, v).expect("load"), "the first week is read");
        review.week = before;
        assert!(review.load(&j, v).expect("load"), "another week is read");
        review.week = this_week;
        assert!(
            !review.load(&j, v).expect("load"),
            "shown lately: nothing is read"
        );
        review.week = before;
        assert!(
            !review.load(&j, v).expect("load"),
            "shown lately: nothing is read"
        );
        assert!(
            !review.load(&j, v).expect("load"),
            "the same week: nothing is read"
        );
        // A change: every week is read again.
        let id = j.promises(false).expect("promises")[0].id.clone();
        j.mark(&id, before, Status::Missed, Mark::default())
            .expect("mark");
        assert!(review.load(&j, version(&j)).expect("load"));
        review.week = this_week;
        assert!(review.load(&j, version(&j)).expect("load"));
    }

    #[test]
    fn a_week_shown_again_reads_as_a_fresh_start_would_draw_it_and_follows_changes() {
        let f = Fixture::new();
        let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
        keys(&mut app, "3[");
        let week_before = screen(&app);
        keys(&mut app, "[]]");
        let this_week = screen(&app);
        keys(&mut app, "[");
        assert_eq!(screen(&app), week_before, "the week before, shown again");
        keys(&mut app, "]");
        assert_eq!(screen(&app), this_week, "this week, shown again");
        let fresh = App::new(open_at(&f.path, "2026-11-21T08:30"), Theme::new(false));
        let mut fresh = fresh.expect("app");
        fresh
            .focus(Screen::Review, app.journal.today())
            .expect("focus");
        assert_eq!(screen(&fresh), this_week, "as a fresh start draws it");
        // Another smallwins marks a day of this week: the next tick reads
        // the week again.
        let mut other = open_at(&f.path, "2026-11-21T08:30");
        let walk = other.find_promise("walk").expect("walk");
        other
            .mark(&walk.id, app.journal.today(), Status::Kept, Mark::default())
            .expect("mark");
        assert!(
            app.tick().expect("tick"),
            "a change from outside is noticed"
        );
        assert_ne!(screen(&app), this_week, "the week shows the new mark");
        let mut again =
            App::new(open_at(&f.path, "2026-11-21T08:30"), Theme::new(false)).expect("app");
        again
            .focus(Screen::Review, app.journal.today())
            .expect("focus");
        assert_eq!(screen(&app), screen(&again));
    }
}
