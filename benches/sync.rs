//! Sync on a ten-year journal (issue 20), each made in a temporary folder
//! by the generator of `smallwins demo --years 10`: taking in one day's
//! changes of another machine (budget 50 ms), a new machine joining from
//! the snapshot the first machine folded the journal into (budget 2 s,
//! the key's derivation from the passphrase included, at its real cost),
//! and the size of the sync folder after folding against the journal's
//! (budget 2×), printed and checked.
//!
//! Run with `cargo bench --bench sync` (`-- --quick` for a short run).

#[allow(dead_code)]
mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use common::{SIZES, make, open, today};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use smallwins::domain::sync::crypto::{ITERATIONS, MEMORY_KIB};
use smallwins::domain::{Journal, Mark, Status};

const PASS: &str = "correct horse battery staple";

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .without_plots()
}

/// The size of every file under `dir`.
fn size_of(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                size_of(&path)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

/// One day of another machine's changes: every promise marked, three wins.
fn a_day(j: &mut Journal, n: i64) {
    let day = today() - TimeDelta::days(n % 300);
    let ids: Vec<String> = j
        .promises(false)
        .expect("promises")
        .into_iter()
        .map(|p| p.id)
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let status = [Status::Kept, Status::Partial, Status::Missed][(i + n as usize) % 3];
        let _ = j.mark(id, day, status, Mark::default());
    }
    for w in 0..3 {
        j.add_win(day, &format!("a small win {n}.{w}"), None)
            .expect("win");
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ten = SIZES[1];
    let path = make(dir.path(), "first", ten);
    let shared = dir.path().join("Sync");
    let mut first = open(&path);
    first
        .sync_init(&shared, PASS, "first", (MEMORY_KIB, ITERATIONS))
        .expect("init");
    drop(first);
    let journal = fs::metadata(&path).expect("journal").len();
    let folder = size_of(&shared);
    let ratio = folder as f64 / journal as f64;
    eprintln!(
        "sync folder after folding a ten-year journal: {folder} bytes, the journal {journal} bytes: {ratio:.2}x (budget 2x)"
    );
    assert!(
        ratio <= 2.0,
        "the sync folder is {ratio:.2} times the journal"
    );

    let mut n = 0;
    c.bench_function("sync_join_from_snapshot_10y", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("joining-{n}.db"))
            },
            |joining| {
                let mut j = open(&joining);
                let report = j.sync_join(&shared, PASS, "joining").expect("join");
                assert!(report.skipped.is_empty(), "{:?}", report.skipped);
                j
            },
            BatchSize::PerIteration,
        )
    });

    let mut first = open(&path);
    let mut second = open(&dir.path().join("second.db"));
    second.sync_join(&shared, PASS, "second").expect("join");
    first.sync_now().expect("sync");
    let mut day = 0;
    c.bench_function("sync_one_days_changes_10y", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                day += 1;
                a_day(&mut second, day);
                second.sync_now().expect("sent");
                let start = Instant::now();
                let report = first.sync_now().expect("taken in");
                spent += start.elapsed();
                assert!(report.applied > 0 && report.skipped.is_empty());
            }
            spent
        })
    });
}

criterion_group! {
    name = sync;
    config = config();
    targets = benches
}
criterion_main!(sync);
