//! Every screen (at a few sizes, on a few days, morning and evening, with
//! help open) and every command's text, of a rich demo journal and of a
//! brand-new one, read for the shapes of sentences that cannot be true or
//! read wrong: a count over its total ("4 of 3"), "0 of 0", "In 12 of the
//! last 12 weeks", "kept on 4 times", doubled or empty quotes, empty
//! parentheses, "1 days", a number with a needless ".0" or three decimals,
//! a day headed by its full keeps alone ("0 of 2 kept · 1 partly"), two
//! self-trust verdicts in one text, a run of 0 days.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use smallwins::ui::theme::Theme;
use smallwins::ui::{App, Screen, render_to_string};
use tempfile::TempDir;

use common::{d, open_at};

const MORNING: &str = "2026-11-21T08:30";
const EVENING: &str = "2026-11-21T20:30";
const SIZES: [(u16, u16); 5] = [(120, 40), (100, 30), (80, 24), (60, 20), (40, 12)];
const DAYS: [&str; 3] = ["2026-11-21", "2026-11-18", "2026-11-10"];

struct Shell {
    dir: TempDir,
    db: PathBuf,
}

impl Shell {
    fn new() -> Shell {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("journal.db");
        Shell { dir, db }
    }

    /// A rich journal: eight weeks of the demo story.
    fn demo() -> Shell {
        let s = Shell::new();
        s.run_at(MORNING, &["demo"]);
        s
    }

    fn run_at(&self, now: &str, args: &[&str]) -> String {
        let (ok, stdout, stderr) = self.try_at(now, args);
        assert!(ok, "{args:?} failed: {stderr}");
        stdout
    }

    /// Runs a command; returns whether it succeeded, stdout and stderr.
    fn try_at(&self, now: &str, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_smallwins"))
            .env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.dir.path().join("no-config.toml"))
            .args(args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
        (out.status.success(), stdout, stderr)
    }

    fn file(&self, name: &str) -> String {
        path_str(&self.dir.path().join(name)).to_string()
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// Everything a person can read of `s`: every screen and every command's
/// text, each with a label saying where it came from.
fn everything(s: &Shell) -> Vec<(String, String)> {
    let mut out = screens(s);
    out.extend(reading_commands(s));
    out.extend(writing_commands(s));
    out
}

fn screens(s: &Shell) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for now in [MORNING, EVENING] {
        for screen in [
            Screen::Today,
            Screen::Calendar,
            Screen::Review,
            Screen::Promises,
        ] {
            for day in DAYS {
                for (w, h) in SIZES {
                    let j = open_at(&s.db, now);
                    let text = render_to_string(j, screen, d(day), w, h).expect("drawn");
                    out.push((format!("{screen:?} {day} {w}x{h} at {now}"), text));
                }
            }
        }
        out.extend(key_flows(s, now));
    }
    out
}

/// Help on every screen, the acting pane of the review, and what the
/// message line says after deciding and undoing.
fn key_flows(s: &Shell, now: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for screen in ["1", "2", "3", "4"] {
        let mut a = App::new(open_at(&s.db, now), Theme::new(false)).expect("app");
        typed(&mut a, screen);
        typed(&mut a, "?");
        out.push((format!("help on {screen} at {now}"), frame(&a, 100, 60)));
    }
    let copy = Shell::new();
    std::fs::copy(&s.db, &copy.db).expect("a copy to decide on");
    let mut a = App::new(open_at(&copy.db, now), Theme::new(false)).expect("app");
    typed(&mut a, "3");
    a.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    out.push((format!("review, deciding, at {now}"), frame(&a, 120, 40)));
    for step in ["x", "u", "a", "u"] {
        typed(&mut a, step);
        out.push((format!("review after {step} at {now}"), frame(&a, 120, 40)));
        a.popup = None;
    }
    out
}

fn typed(a: &mut App, keys: &str) {
    for c in keys.chars() {
        a.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

fn frame(a: &App, w: u16, h: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    smallwins::ui::draw(a, area, &mut buf);
    smallwins::ui::buffer_to_string(&buf)
}

/// Every command that reads, as text.
fn reading_commands(s: &Shell) -> Vec<(String, String)> {
    let mut commands: Vec<Vec<String>> = [
        &["today"][..],
        &["day", "-1"],
        &["day", "-3"],
        &["day", "-11"],
        &["promise", "list"],
        &["promise", "list", "--all"],
        &["stats"],
        &["review", "--format", "markdown"],
        &["export", "--format", "markdown"],
        &["export", "--format", "markdown", "--from", "-7"],
        &[
            "export", "--format", "markdown", "--from", "-10", "--to", "-3",
        ],
        &["backup", "--list"],
        &["check"],
        &["win", "list"],
        &["win", "list", "--date", "-1"],
        &["search", "walk"],
        &["search", "the"],
        &["config", "check"],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect();
    for week in 40..=47 {
        let week = format!("2026-W{week}");
        commands.push(vec!["review".into(), "--week".into(), week.clone()]);
        commands.push(vec![
            "review".into(),
            "--week".into(),
            week,
            "--format".into(),
            "markdown".into(),
        ]);
    }
    let mut out = Vec::new();
    for now in [MORNING, EVENING] {
        for args in &commands {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            out.push((format!("{args:?} at {now}"), s.run_at(now, &args)));
        }
    }
    out
}

/// Every command that writes, as text, on a copy of the journal.
fn writing_commands(s: &Shell) -> Vec<(String, String)> {
    let copy = Shell::new();
    std::fs::copy(&s.db, &copy.db).expect("a copy to write in");
    let backup = copy.file("backup.db");
    let export = copy.file("export.json");
    let markdown = copy.file("week.md");
    let review_file = copy.file("review.txt");
    let any = !s
        .run_at(MORNING, &["promise", "list", "--all"])
        .starts_with("No promises");
    let mut commands: Vec<Vec<&str>> = vec![
        vec![
            "promise",
            "add",
            "Drink a glass of water",
            "--smaller",
            "one sip",
        ],
        vec![
            "promise", "add", "Read", "--target", "10", "--unit", "pages",
        ],
        vec!["kept", "water"],
        vec!["kept", "water", "--smaller", "--date", "-1"],
        vec!["kept", "read", "--amount", "4"],
        vec!["partial", "read", "--amount", "12", "--date", "-1"],
        vec!["kept", "read", "--amount", "0", "--date", "-2"],
        vec![
            "missed",
            "water",
            "--date",
            "-2",
            "--note",
            "busy",
            "--lesson",
            "cup on the desk",
        ],
        vec!["kept", "water", "--date", "-40"],
        vec!["unmark", "water", "--date", "-2"],
        vec!["unmark", "water", "--date", "-3"],
        vec!["win", "fixed the sink", "--area", "home"],
        vec!["win", "called mum"],
        vec![
            "checkin",
            "--intention",
            "One thing at a time",
            "--confidence",
            "6",
        ],
        vec![
            "reflect",
            "--mood",
            "2",
            "--confidence",
            "3",
            "--answer",
            "helped=a walk",
        ],
        vec!["promise", "edit", "water", "--cue", "after waking up"],
        vec![
            "promise",
            "edit",
            "water",
            "--text",
            "Drink water",
            "--from",
            "-3",
        ],
        vec!["promise", "edit", "read", "--target", "10"],
        vec!["promise", "archive", "read"],
        vec!["promise", "archive", "read"],
        vec!["promise", "unarchive", "read"],
        vec!["promise", "unarchive", "read"],
        vec!["backup", &backup],
        vec!["export", "--out", &export],
        vec![
            "export", "--format", "markdown", "--from", "-7", "--out", &markdown,
        ],
        vec!["import", &export],
        vec!["review", "--out", &review_file],
    ];
    if !any {
        commands.insert(0, vec!["stats"]);
        commands.insert(0, vec!["today"]);
    }
    let mut out = Vec::new();
    for args in &commands {
        // A command that cannot run is told apart from its shapes (see
        // `assert_no_bad_shapes`).
        let (ok, stdout, stderr) = copy.try_at(EVENING, args);
        let label = if ok {
            format!("{args:?}")
        } else {
            format!("{FAILED} {args:?}: {stderr}")
        };
        out.push((label, stdout));
    }
    for args in [
        &["today"][..],
        &["stats"],
        &["review"],
        &["review", "--format", "markdown"],
    ] {
        out.push((
            format!("{args:?} after writing"),
            copy.run_at(EVENING, args),
        ));
    }
    for (w, h) in SIZES {
        let j = open_at(&copy.db, EVENING);
        let text = render_to_string(j, Screen::Today, d("2026-11-21"), w, h).expect("drawn");
        out.push((format!("today after writing {w}x{h}"), text));
    }
    out
}

/// The bad shapes found in `text`, each as a short quote.
fn bad_shapes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for bad in [
        "0 of 0",
        "0/0",
        "““",
        "””",
        "“”",
        "\"\"",
        "()",
        "( )",
        "kept on ",
        "?.",
        "..",
        ".0/10",
        ".0%",
        "NaN",
        "Today · 0 of",
        "Longest run    0",
        "longest 0 days",
        "current 0 days",
        "Rate your confidence at the morning check-in",
        // A figure without its words (issue 18).
        "more open",
        "Nothing recorded on these days",
    ] {
        for (i, _) in text.match_indices(bad) {
            if bad == ".." && text[i..].starts_with("...") {
                continue;
            }
            found.push(quote(text, i));
        }
    }
    found.extend(counts_over_totals(text));
    found.extend(headlines_of_full_keeps(text));
    found.extend(two_verdicts(text));
    found.extend(singular_plurals(text));
    found.extend(three_decimals(text));
    found.extend(one_day_spans(text));
    found
}

/// "Sun 15 Nov to Sun 15 Nov": a span of one day told as two.
fn one_day_spans(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices(" to ") {
        let before: Vec<&str> = text[..i].split_whitespace().rev().take(3).collect();
        let after: Vec<&str> = text[i + 4..].split_whitespace().take(3).collect();
        let after: Vec<&str> = after.into_iter().rev().collect();
        let trim = |w: &str| {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        };
        let day = before.len() == 3 && before.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()));
        if day
            && before
                .iter()
                .map(|w| trim(w))
                .eq(after.iter().map(|w| trim(w)))
        {
            found.push(quote(text, i));
        }
    }
    found
}

/// What a past week must not say: the words of the week in progress
/// (issue 18: "This week: showed up 16 of 27" for the week of 31 Aug).
fn past_week_shapes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for now_only in [
        "This week:",
        "This week side by side",
        "Wins this week",
        "not rated this week",
        "no ratings this week",
        "new this week",
        "Wins by area this week",
        "Notes and lessons this week",
        "No notes this week",
    ] {
        for (i, _) in text.match_indices(now_only) {
            found.push(quote(text, i));
        }
    }
    found
}

/// Whether `label` names a past week's review: a `--week` before the
/// week of 21 Nov (2026-W47), or the Review screen on a day before it.
fn is_past_week(label: &str) -> bool {
    let week =
        (label.contains("\"review\"") && label.contains("--week")) && !label.contains("2026-W47");
    let screen = label.starts_with("Review 2026-11-10");
    week || screen
}

/// "A of B" or "A/B" with A over B, and "In N of the last N".
fn counts_over_totals(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, number) in numbers(text) {
        let rest = &text[i + number.len()..];
        let next = |prefix: &str| {
            rest.strip_prefix(prefix).and_then(|r| {
                numbers(r)
                    .first()
                    .filter(|(j, _)| *j == 0)
                    .map(|(_, n)| n.clone())
            })
        };
        let a: u64 = number.parse().unwrap_or(0);
        for prefix in [" of ", "/", " of the last ", " of the "] {
            if let Some(b) = next(prefix) {
                let b: u64 = b.parse().unwrap_or(u64::MAX);
                let odd = a > b || (prefix == " of the last " && a == b);
                if odd {
                    found.push(quote(text, i));
                }
            }
        }
    }
    found
}

/// "0 of 2 kept · 1 partly": a count of full keeps heading a day that
/// was shown up for in other ways too (the headline is what was shown up
/// for, "showed up for 2 of 2 · 1 partly").
fn headlines_of_full_keeps(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices(" kept · ") {
        let before = text[..i].trim_end_matches(|c: char| c.is_ascii_digit());
        let after = &text[i + " kept · ".len()..];
        let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
        let counted = rest.len() < after.len();
        if before.ends_with(" of ")
            && counted
            && (rest.starts_with(" partly") || rest.starts_with(" smaller"))
        {
            found.push(quote(text, i));
        }
    }
    found
}

/// The self-trust reading said two ways in one text: the promises "may be
/// a size too big" beside "the promises fit", or record "ahead" beside it.
fn two_verdicts(text: &str) -> Vec<String> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let says = |v: &str| flat.contains(v);
    let behind = says("may be a size too big");
    let fit = says("the promises fit");
    let ahead = says("record is ahead of your confidence");
    if (behind && (fit || ahead)) || (ahead && says("your confidence and your record agree")) {
        vec![format!(
            "two self-trust verdicts in one text: {}",
            &flat[..flat.len().min(60)]
        )]
    } else {
        Vec::new()
    }
}

/// "1 days", "1 times", "1 wins"…
fn singular_plurals(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, number) in numbers(text) {
        if number != "1" {
            continue;
        }
        let rest = &text[i + 1..];
        for plural in [
            " days",
            " times",
            " wins",
            " promises",
            " weeks",
            " answers",
            " checks",
        ] {
            if rest.starts_with(plural) {
                found.push(quote(text, i));
            }
        }
    }
    found
}

/// A number written with three or more decimals.
fn three_decimals(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, number) in numbers(text) {
        let rest = &text[i + number.len()..];
        if let Some(after) = rest.strip_prefix('.') {
            let decimals = after.chars().take_while(char::is_ascii_digit).count();
            if decimals >= 3 {
                found.push(quote(text, i));
            }
        }
    }
    found
}

/// Every run of ASCII digits with its byte offset, not counting digits
/// inside a longer word (like "W47" or a file name).
fn numbers(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let after_letter = i < bytes.len() && bytes[i].is_ascii_alphabetic();
            if !after_letter {
                out.push((start, text[start..i].to_string()));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A few characters around byte offset `i`, on one line.
fn quote(text: &str, i: usize) -> String {
    let start = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
    let end = text[i..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(j, _)| i + j);
    text[start..end].replace('\n', "⏎")
}

/// Marks the label of a command that did not run.
const FAILED: &str = "FAILED";

/// No output holds a bad shape; then, every command ran.
fn assert_no_bad_shapes(outputs: &[(String, String)]) {
    let mut report = Vec::new();
    for (label, text) in outputs {
        for shape in bad_shapes(text) {
            report.push(format!("{label}: …{shape}…"));
        }
        if is_past_week(label) {
            for shape in past_week_shapes(text) {
                report.push(format!("{label} (a past week): …{shape}…"));
            }
        }
    }
    report.sort();
    report.dedup();
    assert!(
        report.is_empty(),
        "{} bad shapes:\n{}",
        report.len(),
        report.join("\n")
    );
    let failed: Vec<&String> = (outputs.iter())
        .map(|(label, _)| label)
        .filter(|label| label.starts_with(FAILED))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
}

#[test]
fn the_shape_checks_catch_the_sentences_the_issue_lists() {
    for bad in [
        "kept on 4 times (3 asked)",
        "kept 2 of 3 times (last week 4 of 3)",
        "Showed up 0 of 0 times",
        "Today · 0 of 0 kept",
        "In 12 of the last 12 weeks",
        "you kept 10.0/10",
        "Undone: accepted ““Stretch …”",
        "Wins: 1 ()",
        "a gap of 2.5999999999999996",
        "kept on 1 days",
        "Today · 0 of 2 kept · 1 partly · 1 smaller",
        "Fri 20 Nov · 1 of 3 kept · 2 smaller",
        "Longest run    0 days",
        "Rate your confidence at the morning check-in to see it beside what you did.",
        "your confidence ran ahead of the days; the promises may be a size too big.\n Nothing to recalibrate this week: the promises fit.",
        "showed up 18 of 21 times asked so far, 1 more open",
        "Part of the week: Sun 15 Nov to Sun 15 Nov only; every count below covers those days.",
        "Nothing recorded on these days.",
    ] {
        assert!(!bad_shapes(bad).is_empty(), "{bad:?} passes");
    }
    for bad in [
        "This week: showed up 16 of 27 times asked",
        "This week side by side",
        "Wins this week: 3",
    ] {
        assert!(!past_week_shapes(bad).is_empty(), "{bad:?} passes");
    }
    assert!(is_past_week(
        "[\"review\", \"--week\", \"2026-W40\"] at 2026-11-21T08:30"
    ));
    assert!(!is_past_week(
        "[\"review\", \"--week\", \"2026-W47\"] at 2026-11-21T08:30"
    ));
    assert!(is_past_week("Review 2026-11-10 120x40 at 2026-11-21T08:30"));
    for fine in [
        "showed up 3 of 4 days (1 partly)",
        "4 of 10 pages",
        "In 3 of the 9 weeks",
        "mood 7.5/10",
        "The week of 16–22 Nov 2026 (2026-W47)",
        "1 day",
        "…",
        "Today · showed up for 2 of 2 · 1 partly · 1 smaller",
        "showed up for 3 of 4 · 1 kept · 2 partly",
        "new · 2 of 2",
        "Longest run    none yet",
        "Part of the week: Sat 14 Nov to Sun 15 Nov only",
        "Days from Sun 15 Nov 2026 to Sat 21 Nov 2026.",
        "Still open: 2 promises unmarked today, 1 more time to go this week",
    ] {
        assert_eq!(bad_shapes(fine), Vec::<String>::new(), "{fine:?}");
    }
}

#[test]
fn every_screen_and_every_text_of_a_lived_in_journal_reads_true() {
    let s = Shell::demo();
    let outputs = everything(&s);
    assert!(outputs.len() > 200, "{}", outputs.len());
    assert_no_bad_shapes(&outputs);
}

#[test]
fn every_screen_and_every_text_of_a_new_journal_reads_true() {
    let s = Shell::new();
    let mut outputs = everything(&s);
    let demo = Shell::new();
    outputs.push((
        "demo".into(),
        demo.run_at(MORNING, &["demo", "--weeks", "1"]),
    ));
    assert_no_bad_shapes(&outputs);
}
