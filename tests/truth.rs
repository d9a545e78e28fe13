//! Issue 9, "The record tells the truth": one test (or more) for each item,
//! each a rule of the domain or what a person sees on screen or in the
//! shell. Every test here failed before the change it guards.
//!
//! - `truth/history.rs`: history is never rewritten (versions, shrinking
//!   and growing back, `--from`, older journals, decisions);
//! - `truth/states.rs`: forgetting is not failing (three states, blank days,
//!   marks before a promise existed, the smaller version, amounts);
//! - `truth/numbers.rs`: one number, one meaning (stable numbers, periods,
//!   rounding, confidences, N times a week, partial weeks);
//! - `truth/sentences.rs`: the sentences to rewrite, a win's area, bringing
//!   a promise back, and the README.
//!
//! The clock is fixed at Saturday 2026-11-21 (the week of Mon 16 – Sun 22
//! November) unless a test says otherwise.

mod common;

#[path = "truth/history.rs"]
mod history;
#[path = "truth/numbers.rs"]
mod numbers;
#[path = "truth/sentences.rs"]
mod sentences;
#[path = "truth/states.rs"]
mod states;

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, Schedule, Status};
use smallwins::ui::App;
use tempfile::TempDir;

pub use common::{at, d, open_at};

/// Saturday morning.
pub const MORNING: &str = "2026-11-21T08:30";
/// Saturday evening.
pub const EVENING: &str = "2026-11-21T20:30";

/// A journal in a temporary folder, used through the real binary and
/// through the library alike.
pub struct Shell {
    dir: TempDir,
    pub db: PathBuf,
}

impl Default for Shell {
    fn default() -> Shell {
        Shell::new()
    }
}

impl Shell {
    pub fn new() -> Shell {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Shell { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn output_at(&self, now: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.dir.path().join("no-config.toml"))
            .args(args)
            .output()
            .expect("runs")
    }

    /// Runs a command that must succeed; returns stdout.
    pub fn run_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.output_at(now, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    pub fn run(&self, args: &[&str]) -> String {
        self.run_at(MORNING, args)
    }

    pub fn json_at(&self, now: &str, args: &[&str]) -> serde_json::Value {
        let mut with = args.to_vec();
        with.push("--json");
        serde_json::from_str(&self.run_at(now, &with)).expect("JSON")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        self.json_at(MORNING, args)
    }

    /// Runs a command that must be refused; returns its exit code and
    /// stderr.
    pub fn refused(&self, args: &[&str]) -> (i32, String) {
        let out = self.output_at(MORNING, args);
        assert!(!out.status.success(), "{args:?} was not refused");
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        (out.status.code().unwrap_or(-1), stderr)
    }

    /// The journal itself, with the clock at `now`.
    pub fn journal(&self, now: &str) -> Journal {
        open_at(&self.db, now)
    }
}

/// Adds a yes/no promise on the journal's today.
pub fn add(j: &mut Journal, text: &str, schedule: Schedule) -> String {
    j.add_promise(NewPromise {
        text: text.into(),
        schedule: Some(schedule),
        ..NewPromise::default()
    })
    .expect("add")
    .id
}

/// Marks `id` on each day from `from` for `n` days by a pattern: k kept,
/// p partly, m missed, anything else left blank.
pub fn pattern(j: &mut Journal, id: &str, from: &str, marks: &str) {
    for (day, c) in d(from).iter_days().zip(marks.chars()) {
        let status = match c {
            'k' => Status::Kept,
            'p' => Status::Partial,
            'm' => Status::Missed,
            _ => continue,
        };
        j.mark(id, day, status, Mark::default()).expect("mark");
    }
}

pub fn set_now(j: &mut Journal, now: &str) {
    j.set_clock(Clock::Fixed(at(now)));
}

pub use common::tui::{app, press as key, typed as keys};

/// The whole frame as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    smallwins::ui::buffer_to_string(&common::tui::buffer(app, w, h))
}

/// The lines of `text` that contain `needle`.
pub fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// Every number in `text` written with more than `places` decimals.
pub fn long_decimals(text: &str, places: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            if number.split('.').nth(1).is_some_and(|f| f.len() > places) {
                found.push(number);
            }
        } else {
            i += 1;
        }
    }
    found
}
