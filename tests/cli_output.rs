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
    // The summary counts exactly the days asked for: a week cut by --from
    // says it is only part of the week, and the promises, the wins and the
    // mood all cover the same days.
    let j = a_week_with_wins();
    let summary = j.run(&["export", "--format", "markdown", "--from", "2026-11-20"]);
    assert!(
        summary.contains("Days from Fri 20 Nov 2026 to Sat 21 Nov 2026."),
        "{summary}"
    );
    assert!(
        summary.contains("Part of the week: Fri 20 Nov to Sat 21 Nov only"),
        "{summary}"
    );
    assert_eq!(
        list_after(&summary, "Promises:"),
        ["- Stretch for ten seconds: showed up 1 of 1 day"],
        "{summary}"
    );
    assert!(summary.contains("Wins (1):"), "{summary}");
    assert_eq!(
        list_after(&summary, "Wins ("),
        ["- Fri 20 Nov: went to bed early"]
    );
}

#[test]
fn the_export_summary_and_the_review_letter_tell_a_week_in_the_same_words() {
    let j = a_week_with_wins();
    let summary = j.run(&["export", "--format", "markdown", "--from", "2026-11-16"]);
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
        let line = text.lines().find(|l| l.starts_with("Showed up "));
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

/// Runs the binary in a pseudo-terminal (so it may ask), types `answer`
/// once `question` shows, and returns every byte it wrote.
fn in_a_terminal(j: &Journal, args: &[&str], question: &str, answer: &str) -> Vec<u8> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let size = PtySize {
        rows: 30,
        cols: 200,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pty = native_pty_system().openpty(size).expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.arg("--db");
    cmd.arg(&j.db);
    cmd.arg("--config");
    cmd.arg(j.dir.path().join("no-config.toml"));
    cmd.args(args);
    cmd.env("SMALLWINS_NOW", NOW);
    cmd.env_remove("SMALLWINS_DB");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().expect("lock").extend_from_slice(&chunk[..n]);
        }
    });
    let seen =
        |needle: &str| String::from_utf8_lossy(&output.lock().expect("lock")).contains(needle);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !seen(question) {
        assert!(Instant::now() < deadline, "never asked {question:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    writer.write_all(answer.as_bytes()).expect("answer");
    writer.flush().expect("flush");
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "never ended");
        std::thread::sleep(Duration::from_millis(50));
    }
    // What was written before the end is read by now, or very soon.
    std::thread::sleep(Duration::from_millis(200));
    let bytes = output.lock().expect("lock").clone();
    drop(pty.master);
    bytes
}

#[test]
fn restore_asks_its_question_without_a_byte_that_could_drive_the_terminal() {
    // A copy whose name sets the window title and rings the bell: the
    // question names it, and must show it in caret notation as every
    // other output does.
    let j = Journal::new();
    j.run(&["win", "first"]);
    let copy = j.dir.path().join("copy\x1b]0;PWNED\x07.db");
    let copy = copy.to_str().expect("utf-8");
    j.run(&["backup", copy]);
    let shown = in_a_terminal(&j, &["restore", copy], "Type y to go ahead", "n\r");
    let shown = String::from_utf8_lossy(&shown);
    assert!(shown.contains("copy^[]0;PWNED^G.db"), "{shown:?}");
    assert!(shown.contains("Nothing was restored"), "{shown:?}");
    assert!(
        !shown.contains(['\x1b', '\x07']),
        "the terminal got control characters: {shown:?}"
    );
}
