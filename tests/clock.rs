//! Clock edges, through the real binary: a clock moved back behind days
//! that already hold entries, and entries written across the day boundary.
//! (Daylight-saving changes are unit tests in `src/domain/day.rs`; the app
//! left open across the boundary is a UI test.)

use std::path::PathBuf;
use std::process::Command;

struct Journal {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Journal { _dir: dir, db }
    }

    fn config(&self) -> PathBuf {
        self.db.with_file_name("no-config.toml")
    }

    /// Runs `args` at `now`; returns (success, stdout, stderr).
    fn try_at(&self, now: &str, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .env_remove("NO_COLOR")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.config())
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn at(&self, now: &str, args: &[&str]) -> String {
        let (ok, out, err) = self.try_at(now, args);
        assert!(ok, "{args:?} at {now} failed: {err}");
        out
    }
}

fn wins_in(export: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(export).expect("json");
    v["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .map(|w| {
            (
                w["day"].as_str().unwrap_or_default().to_string(),
                w["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn export(j: &Journal, now: &str) -> String {
    j.at(now, &["export", "--format", "json"])
}

fn has_win(export: &str, day: &str, text: &str) -> bool {
    wins_in(export).iter().any(|(d, t)| d == day && t == text)
}

fn lived_until_saturday(j: &Journal) {
    j.at(
        "2026-11-16T08:00",
        &["promise", "add", "Stretch for ten seconds"],
    );
    for (day, now) in [
        ("2026-11-19", "2026-11-19T21:00"),
        ("2026-11-20", "2026-11-20T21:00"),
        ("2026-11-21", "2026-11-21T21:00"),
    ] {
        j.at(now, &["kept", "1"]);
        j.at(now, &["win", &format!("a win on {day}")]);
    }
}

/// The clock moves back two days (a wrong system clock, a trip west over
/// the date line): every view still works, nothing already written is
/// lost or changed, and the days "ahead" come back when the clock does.
#[test]
fn a_clock_moved_back_behind_saved_days_loses_nothing() {
    let j = Journal::new();
    lived_until_saturday(&j);
    let before = export(&j, "2026-11-21T22:00");
    let back = "2026-11-19T12:00";
    for args in [
        vec!["today"],
        vec!["today", "--json"],
        vec!["day", "today"],
        vec!["review"],
        vec!["review", "--format", "json"],
        vec!["stats"],
        vec!["promise", "list"],
        vec!["show", "today", "--width", "100", "--height", "30"],
        vec!["show", "calendar", "--width", "100", "--height", "30"],
        vec!["show", "review", "--width", "100", "--height", "30"],
        vec!["show", "promises", "--width", "100", "--height", "30"],
    ] {
        let (ok, _, err) = j.try_at(back, &args);
        assert!(ok, "{args:?} with the clock moved back failed: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // Writing on the (new) today still works, and is kept apart.
    j.at(back, &["win", "written with the clock back"]);
    // A day that is "ahead" of the moved clock is refused, not overwritten.
    let (ok, _, err) = j.try_at(back, &["win", "x", "--date", "2026-11-21"]);
    assert!(!ok, "a day ahead of the clock is refused");
    assert!(!err.is_empty());
    // The clock comes back: everything from before is still there.
    let after = export(&j, "2026-11-21T22:30");
    for (day, text) in wins_in(&before) {
        assert!(has_win(&after, &day, &text), "{day} {text} was lost");
    }
    assert!(has_win(&after, "2026-11-19", "written with the clock back"));
    let v: serde_json::Value = serde_json::from_str(&after).expect("json");
    assert_eq!(v["checks"].as_array().map(Vec::len), Some(3));
}

/// Entries on either side of the day boundary (04:00 by default) land on
/// the right day, and the first entry after the boundary starts a new day.
#[test]
fn entries_on_either_side_of_the_day_boundary_land_on_the_right_day() {
    let j = Journal::new();
    j.at("2026-11-21T23:59", &["win", "just before midnight"]);
    j.at("2026-11-22T00:01", &["win", "just after midnight"]);
    j.at("2026-11-22T03:59", &["win", "a minute before four"]);
    j.at("2026-11-22T04:00", &["win", "at four"]);
    let all = export(&j, "2026-11-22T09:00");
    assert!(has_win(&all, "2026-11-21", "just before midnight"));
    assert!(has_win(&all, "2026-11-21", "just after midnight"));
    assert!(has_win(&all, "2026-11-21", "a minute before four"));
    assert!(has_win(&all, "2026-11-22", "at four"));
    let today = j.at("2026-11-22T03:59", &["today", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&today).expect("json");
    assert_eq!(v["day"].as_str(), Some("2026-11-21"));
}
