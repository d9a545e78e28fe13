//! Speed, measured: startup on a journal with years of history, a keypress
//! to a drawn frame, a capture from the shell, and an export.
//!
//! Run with `cargo bench`. Nothing here is asserted; the numbers go in the
//! notes of the change that moves them.

use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use smallwins::config::Config;
use smallwins::domain::model::new_id;
use smallwins::domain::{
    Check, CheckIn, Clock, Journal, Promise, Reflection, Schedule, Status, Target, Win,
};
use smallwins::store::{EXPORT_FORMAT, Export};
use smallwins::ui::app::App;
use smallwins::ui::screens;
use smallwins::ui::theme::Theme;

const TODAY: &str = "2026-11-21T08:30:00";
const YEARS: i64 = 3;

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(TODAY, "%Y-%m-%dT%H:%M:%S").expect("time")
}

/// Three years of daily history for six promises, built in memory and
/// imported in one transaction.
fn history() -> Export {
    let today = now().date();
    let start = today - Duration::days(365 * YEARS);
    let at = |d: NaiveDate| d.and_hms_opt(20, 0, 0).expect("time");
    let promises: Vec<Promise> = (0..6)
        .map(|i| Promise {
            id: new_id(),
            text: format!("Tiny promise number {i}"),
            cue: Some("after breakfast".into()),
            smaller: Some("the smallest version".into()),
            area: None,
            schedule: match i % 3 {
                0 => Schedule::Daily,
                1 => Schedule::Weekdays {
                    days: vec![0, 2, 4],
                },
                _ => Schedule::TimesPerWeek { times: 3 },
            },
            unit: (i == 5).then(|| "pages".into()),
            targets: if i == 5 {
                vec![Target {
                    id: new_id(),
                    from: start,
                    amount: 10.0,
                }]
            } else {
                vec![]
            },
            number: i as u32 + 1,
            versions: vec![],
            position: i,
            created_on: start,
            archived_on: None,
            updated_at: at(start),
        })
        .collect();
    let mut checks = Vec::new();
    let mut wins = Vec::new();
    let mut checkins = Vec::new();
    let mut reflections = Vec::new();
    for (n, day) in start.iter_days().take_while(|d| *d < today).enumerate() {
        for (i, p) in promises.iter().enumerate() {
            if (n + i) % 4 == 3 {
                continue;
            }
            checks.push(Check {
                id: new_id(),
                promise_id: p.id.clone(),
                day,
                status: if (n + i) % 7 == 0 {
                    Status::Missed
                } else {
                    Status::Kept
                },
                amount: None,
                note: None,
                lesson: None,
                updated_at: at(day),
            });
        }
        for w in 0..(n % 3) {
            wins.push(Win {
                id: new_id(),
                day,
                text: format!("a small win, number {w} of the day"),
                area: Some("work".into()),
                created_at: at(day),
                private: false,
            });
        }
        checkins.push(CheckIn {
            id: new_id(),
            day,
            intention: Some("Show up once.".into()),
            confidence: Some((n % 11) as u8),
            updated_at: at(day),
        });
        reflections.push(Reflection {
            id: new_id(),
            day,
            answers: [("helped".to_string(), "a quiet morning".to_string())].into(),
            mood: Some((n % 11) as u8),
            confidence: Some(((n + 3) % 11) as u8),
            updated_at: at(day),
        });
    }
    Export {
        format: EXPORT_FORMAT.into(),
        version: 1,
        exported_at: now(),
        from: None,
        to: None,
        promises,
        checks,
        wins,
        checkins,
        reflections,
        reviews: Vec::new(),
    }
}

fn open(path: &Path) -> Journal {
    Journal::open(path, Clock::Fixed(now()), Config::default()).expect("open")
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let data = history();
    open(&path).import(&data).expect("import");
    eprintln!(
        "journal: {} checks, {} wins, {} days of reflections",
        data.checks.len(),
        data.wins.len(),
        data.reflections.len()
    );

    c.bench_function("startup: open + first frame (3 years)", |b| {
        b.iter(|| {
            let app = App::new(open(&path), Theme::new(true)).expect("app");
            let area = Rect::new(0, 0, 120, 40);
            let mut buf = Buffer::empty(area);
            screens::draw(&app, area, &mut buf);
            buf
        })
    });

    let mut app = App::new(open(&path), Theme::new(true)).expect("app");
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    c.bench_function("keypress to frame: j/k on Today", |b| {
        let mut down = true;
        b.iter(|| {
            let code = if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            };
            down = !down;
            app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            screens::draw(&app, area, &mut buf);
        })
    });
    c.bench_function("keypress to frame: space (write + reload + draw)", |b| {
        b.iter(|| {
            app.handle_event(&Event::Key(KeyEvent::new(
                KeyCode::Char(' '),
                KeyModifiers::NONE,
            )));
            screens::draw(&app, area, &mut buf);
        })
    });
    c.bench_function("keypress to frame: calendar month back", |b| {
        app.perform(smallwins::ui::keymap::Action::Go(
            smallwins::ui::Screen::Calendar,
        ));
        let mut back = true;
        b.iter(|| {
            let code = if back {
                KeyCode::Char('[')
            } else {
                KeyCode::Char(']')
            };
            back = !back;
            app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            screens::draw(&app, area, &mut buf);
        })
    });
    c.bench_function(
        "keypress to frame: review week back (3 years of evidence)",
        |b| {
            app.perform(smallwins::ui::keymap::Action::Go(
                smallwins::ui::Screen::Review,
            ));
            let mut back = true;
            b.iter(|| {
                let code = if back {
                    KeyCode::Char('[')
                } else {
                    KeyCode::Char(']')
                };
                back = !back;
                app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
                screens::draw(&app, area, &mut buf);
            })
        },
    );
    c.bench_function("draw only (nothing changed)", |b| {
        b.iter(|| screens::draw(&app, area, &mut buf))
    });
    drop(app);

    let mut journal = open(&path);
    let today = now().date();
    c.bench_function("capture: add a win (one durable transaction)", |b| {
        b.iter(|| journal.add_win(today, "bench win", None).expect("win"))
    });
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("export 3 years to JSON", |b| {
        b.iter(|| serde_json::to_vec(&journal.export(None, None).expect("export")).expect("json"))
    });
    group.finish();
}

criterion_group!(journal, benches);
criterion_main!(journal);
