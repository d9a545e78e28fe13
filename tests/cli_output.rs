//! What the restructured command line prints, where the output was fixed
//! on purpose or where two commands must say the same thing the same way.
//!
//! Every test drives the real binary with its own journal in a temporary
//! folder, no config file, and the clock fixed at Saturday 2026-11-21
//! 08:30 (the week of Mon 16 – Sun 22 Nov).

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

const NOW: &str = "2026-11-21T08:30";

struct Journal {
    dir: TempDir,
    db: PathBuf,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Journal { dir, db }
    }

    /// The binary with this journal, no config file and the clock at `now`.
    fn cmd_at(&self, now: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
        cmd.env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.dir.path().join("no-config.toml"));
        cmd
    }

    /// Runs a command that must succeed quietly; returns stdout.
    fn run(&self, args: &[&str]) -> String {
        self.run_at(NOW, args)
    }

    fn run_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.cmd_at(now).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }
}

/// The lines of a Markdown list under `heading` (up to the next blank line
/// after the list).
fn list_after(text: &str, heading: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with("- "))
        .map(str::to_string)
        .collect()
}

/// A week with a promise kept most days and wins early and late in it.
fn a_week_with_wins() -> Journal {
    let j = Journal::new();
    j.run_at(
        "2026-11-02T08:00",
        &["promise", "add", "Stretch", "for", "ten", "seconds"],
    );
    for day in ["2026-11-16", "2026-11-17", "2026-11-19", "2026-11-20"] {
        j.run(&["kept", "1", "--date", day]);
    }
    j.run(&["win", "fixed", "the", "door", "--date", "2026-11-16"]);
    j.run(&[
        "win",
        "called",
        "Sam",
        "--area",
        "social",
        "--date",
        "2026-11-17",
    ]);
    j.run(&["win", "went", "to", "bed", "early", "--date", "2026-11-20"]);
    j.run(&["reflect", "--mood", "7", "--date", "2026-11-20"]);
    j
}

#[test]
fn a_markdown_export_from_mid_week_lists_every_win_of_the_week_it_counts() {
    // The summary rounds --from out to the whole week and counts the
    // promise and the mood over all of it; its wins must cover the same
    // days, not only those from --from on.
    let j = a_week_with_wins();
    let summary = j.run(&["export", "--format", "markdown", "--from", "2026-11-20"]);
    assert!(
        summary.contains("Weeks from Mon 16 Nov 2026 to Sun 22 Nov 2026."),
        "{summary}"
    );
    assert_eq!(list_after(&summary, "Promises:").len(), 1, "{summary}");
    assert!(summary.contains("Wins (3):"), "{summary}");
    assert_eq!(
        list_after(&summary, "Wins ("),
        [
            "- Mon 16 Nov: fixed the door",
            "- Tue 17 Nov: called Sam (social)",
            "- Fri 20 Nov: went to bed early",
        ]
    );
}

#[test]
fn the_export_summary_and_the_review_letter_tell_a_week_in_the_same_words() {
    let j = a_week_with_wins();
    let summary = j.run(&["export", "--format", "markdown", "--to", "2026-11-17"]);
    let letter = j.run(&["review", "--format", "markdown"]);
    assert_eq!(
        list_after(&summary, "Wins ("),
        list_after(&letter, "## Wins")
    );
    assert_eq!(
        list_after(&summary, "Promises:"),
        list_after(&letter, "## What I kept")
    );
    let showed_up = |text: &str| {
        let line = text.lines().find(|l| l.starts_with("Showed up on "));
        line.map(|l| l.split(['.', ';']).next().unwrap_or(l).to_string())
    };
    assert!(showed_up(&summary).is_some(), "{summary}");
    assert_eq!(showed_up(&summary), showed_up(&letter));
    assert!(summary.contains("Average mood 7/10."), "{summary}");
    assert!(
        letter.contains("**How it felt:** average mood 7/10."),
        "{letter}"
    );
}
