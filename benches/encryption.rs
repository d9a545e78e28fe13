//! What encryption at rest costs where it counts, on the ten-year journal:
//! the same journal plain and encrypted (`encrypt`'s own conversion), the
//! full-screen journal's keys (switching screens, a week back on Review),
//! a durable write, and the key derivation that every process pays once
//! for an encrypted journal. Whole-process figures (`today --json`, `win`,
//! with the key from a file) are in `scripts/bench-encryption.sh`.
//!
//! Run with `cargo bench --bench encryption`. Nothing here is asserted.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{SIZES, Window, make, now, today};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use smallwins::config::Config;
use smallwins::domain::{Clock, Journal};
use smallwins::store::{Access, Key, Store};
use zeroize::Zeroizing;

const PASSPHRASE: &str = "a passphrase for the benchmarks";

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

fn key() -> Key {
    Key::passphrase(Zeroizing::new(PASSPHRASE.to_string()))
}

fn open_with(path: &Path, key: Key) -> Journal {
    let store = Store::open_with(path, now(), Access::Write, key).expect("open");
    Journal::new(store, Clock::Fixed(now()), Config::default())
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ten_years = SIZES[1];
    let plain = make(dir.path(), "plain", ten_years);
    let sealed = make(dir.path(), "encrypted", ten_years);
    smallwins::store::convert(&sealed, &Key::Plain, &key()).expect("encrypt");
    let journals = [("plain", plain, Key::Plain), ("encrypted", sealed, key())];

    let mut group = c.benchmark_group(format!("open_{}", ten_years.name));
    for (name, path, key) in &journals {
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            // A new key each time: the derivation is paid, as by a process.
            b.iter(|| {
                open_with(
                    path,
                    if key.is_plain() {
                        Key::Plain
                    } else {
                        self::key()
                    },
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("key_switch_screens_10y");
    for (name, path, key) in &journals {
        let mut window = if key.is_plain() {
            Window::open(path)
        } else {
            Window::on(open_with(path, key.clone()))
        };
        let mut next = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                window.key(['1', '2', '3', '4'][next % 4]);
                next += 1;
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("key_review_week_back_10y");
    for (name, path, key) in &journals {
        let mut window = Window::on(open_with(path, key.clone()));
        window.key('3');
        let mut taken = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                if taken == 52 {
                    window.key('t');
                    taken = 0;
                }
                window.key('[');
                taken += 1;
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("write_add_win_10y");
    for (name, path, key) in &journals {
        let mut journal = open_with(path, key.clone());
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| journal.add_win(today(), "a small win", None).expect("win"))
        });
    }
    group.finish();
}

criterion_group! {
    name = encryption;
    config = config();
    targets = benches
}
criterion_main!(encryption);
