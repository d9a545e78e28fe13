//! Speed on journals of one year, ten years, and one and ten heavy years
//! (twenty promises, ten wins a day), each made in a temporary folder by the
//! generator of `smallwins demo --years`: opening and the first frame of
//! each screen at 120×40, a key and the frame it leads to, the durable
//! writes, the week review, stats over all history, `smallwins status`'s
//! read of the day (open, vet, four indexed queries, in process), and a
//! JSON export and its import into an empty journal.
//!
//! Run with `cargo bench` (or `scripts/bench.sh`, which prints the table of
//! the README's "Performance"). Nothing here is asserted: figures flake.
//! The parameter of every benchmark is the journal: `1y`, `10y`,
//! `1y-heavy`, `10y-heavy`.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Months;
use common::{SIZES, Size, Window, make, now, open, today};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use smallwins::ui::Screen;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let journals: Vec<(Size, PathBuf)> = SIZES
        .iter()
        .map(|&size| (size, make(dir.path(), size.name, size)))
        .collect();
    first_frames(c, &journals);
    keys(c, &journals);
    domain(c, &journals);
    status(c, &journals);
    transfer(c, &journals, dir.path());
    writes(c, dir.path());
}

/// Opening the journal and drawing the first frame of each screen.
fn first_frames(c: &mut Criterion, journals: &[(Size, PathBuf)]) {
    for screen in [
        Screen::Today,
        Screen::Calendar,
        Screen::Review,
        Screen::Promises,
    ] {
        let mut group = c.benchmark_group(format!("first_frame_{screen:?}").to_lowercase());
        for (size, path) in journals {
            group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
                b.iter(|| {
                    let mut window = Window::open(path);
                    window.app.focus(screen, today()).expect("focus");
                    window.draw();
                    window
                })
            });
        }
        group.finish();
    }
}

/// A walk of keys on one screen, each timed with the frame it leads to.
struct Walk {
    name: &'static str,
    /// Keys that set the walk up (the screen, a starting day).
    setup: fn(&mut Window),
    key: char,
    /// How many keys before the walk starts again.
    length: u32,
}

const WALKS: &[Walk] = &[
    Walk {
        name: "key_today_selection",
        setup: |_| {},
        key: 'j',
        length: 4,
    },
    Walk {
        name: "key_today_day_back",
        setup: |_| {},
        key: 'h',
        length: 60,
    },
    Walk {
        name: "key_calendar_day_back",
        setup: |w| w.key('2'),
        key: 'h',
        length: 60,
    },
    Walk {
        name: "key_calendar_week_back",
        setup: |w| w.key('2'),
        key: 'k',
        length: 52,
    },
    Walk {
        name: "key_calendar_month_back",
        setup: |w| w.key('2'),
        key: '[',
        length: 120,
    },
    Walk {
        name: "key_calendar_month_back_ten_years_ago",
        setup: |w| {
            let ago = today() - Months::new(120);
            w.app.focus(Screen::Calendar, ago).expect("focus");
            w.draw();
        },
        key: '[',
        length: 24,
    },
    Walk {
        name: "key_calendar_month_forward",
        setup: |w| {
            let ago = today() - Months::new(24);
            w.app.focus(Screen::Calendar, ago).expect("focus");
            w.draw();
        },
        key: ']',
        length: 24,
    },
    Walk {
        name: "key_review_week_back",
        setup: |w| w.key('3'),
        key: '[',
        length: 52,
    },
];

fn keys(c: &mut Criterion, journals: &[(Size, PathBuf)]) {
    for w in WALKS {
        let mut group = c.benchmark_group(w.name);
        for (size, path) in journals {
            let mut window = Window::open(path);
            (w.setup)(&mut window);
            let mut taken = 0;
            group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        if taken >= w.length {
                            // Back to the start of the walk, untimed.
                            window.key('1');
                            window.key('t');
                            (w.setup)(&mut window);
                            taken = 0;
                        }
                        let start = Instant::now();
                        window.key(w.key);
                        total += start.elapsed();
                        taken += 1;
                    }
                    total
                })
            });
        }
        group.finish();
    }
    let mut group = c.benchmark_group("key_switch_screens");
    for (size, path) in journals {
        let mut window = Window::open(path);
        let mut next = 0;
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                window.key(['1', '2', '3', '4'][next % 4]);
                next += 1;
            })
        });
    }
    group.finish();
}

/// The week review and the evidence over all history, in process.
fn domain(c: &mut Criterion, journals: &[(Size, PathBuf)]) {
    let mut group = c.benchmark_group("week_review");
    for (size, path) in journals {
        let journal = open(path);
        let week = journal.week_start(today());
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| journal.review(week).expect("review"))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("stats_all_history");
    for (size, path) in journals {
        let journal = open(path);
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| journal.evidence().expect("evidence"))
        });
    }
    group.finish();
}

/// `smallwins status` in process: the read-only open through the one way
/// into the file, its checks, and the day's records, counted. The whole
/// process (start, config, this, print) is measured in the README's
/// "A status line" with repeated runs of the release binary.
fn status(c: &mut Criterion, journals: &[(Size, PathBuf)]) {
    let mut group = c.benchmark_group("status");
    let config = smallwins::model::Config::default();
    for (size, path) in journals {
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                smallwins::domain::status::read(path, &smallwins::store::Key::Plain, now(), &config)
                    .expect("status")
            })
        });
    }
    group.finish();
}

/// A journal file removed with its side files when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            std::fs::remove_file(PathBuf::from(name)).ok();
        }
    }
}

/// The JSON export of all history, and its import into an empty journal.
fn transfer(c: &mut Criterion, journals: &[(Size, PathBuf)], dir: &Path) {
    let mut group = c.benchmark_group("export_json");
    for (size, path) in journals {
        let journal = open(path);
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                let data = journal.export(None, None).expect("export");
                serde_json::to_vec(&data).expect("json")
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("import_into_empty");
    let mut n = 0;
    for (size, path) in journals {
        let data = open(path).export(None, None).expect("export");
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter_batched(
                || {
                    n += 1;
                    let scratch = Scratch(dir.join(format!("import-{n}.db")));
                    drop(open(&scratch.0));
                    (scratch, data.clone())
                },
                |(scratch, data)| {
                    open(&scratch.0).import_owned(data).expect("import");
                    scratch
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Marking kept (and unmarking) from the Today screen, and adding a win;
/// each one durable transaction. On journals of their own, so the others
/// stay as they were made.
fn writes(c: &mut Criterion, dir: &Path) {
    let mut group = c.benchmark_group("write_mark_kept");
    for size in SIZES {
        let path = make(dir, &format!("marks-{}", size.name), size);
        let mut window = Window::open(&path);
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| window.key(' '))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("write_add_win");
    for size in SIZES {
        let path = make(dir, &format!("wins-{}", size.name), size);
        let mut journal = open(&path);
        group.bench_function(BenchmarkId::from_parameter(size.name), |b| {
            b.iter(|| {
                journal
                    .add_win(now().date(), "a bench win", None)
                    .expect("win")
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = journal;
    config = config();
    targets = benches
}
criterion_main!(journal);
