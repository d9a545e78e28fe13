//! Encryption at rest: `encrypt`, `decrypt`, `encrypt --change`, and every
//! copy of an encrypted journal staying encrypted.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Fixture;
use common::pty::Pty;

const NOW: &str = "2026-11-21T08:30";
const PASS: &str = "tangerine orbit 42";

/// A passphrase file in the fixture's folder.
fn pass_file(f: &Fixture, name: &str, secret: &str) -> PathBuf {
    let path = f.dir.path().join(name);
    std::fs::write(&path, format!("{secret}\n")).expect("write the passphrase file");
    path
}

/// Runs smallwins on the fixture's journal with the passphrase file (if
/// any); returns (success, stdout, stderr).
fn sw(f: &Fixture, pass: Option<&Path>, now: &str, args: &[&str]) -> (bool, String, String) {
    let mut cmd = common::smallwins_at(f, now);
    cmd.env_remove("SMALLWINS_PASSPHRASE_FILE");
    if let Some(pass) = pass {
        cmd.arg("--passphrase-file").arg(pass);
    }
    let out = cmd.args(args).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stdout.contains(PASS) && !stderr.contains(PASS),
        "the passphrase was printed"
    );
    (out.status.success(), stdout, stderr)
}

fn ok(f: &Fixture, pass: Option<&Path>, args: &[&str]) -> String {
    let (success, stdout, stderr) = sw(f, pass, NOW, args);
    assert!(success, "{args:?} failed: {stderr}");
    stdout
}

/// A demo journal at the fixture's path.
fn demo(f: &Fixture, weeks: &str) {
    ok(f, None, &["demo", "--weeks", weeks]);
}

fn encrypted(path: &Path) -> bool {
    smallwins::store::is_encrypted(path)
}

/// The words of the journal's own text (promises, wins, notes, answers)
/// five letters or longer, from its JSON export.
fn written_words(export: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(export).expect("export json");
    let mut texts = Vec::new();
    collect_strings(&value, &mut texts);
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.len() >= 5)
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    // Field and table names are not something the person wrote.
    words.retain(|w| {
        ![
            "smallwins",
            "daily",
            "kept",
            "partial",
            "missed",
            "smaller",
            "health",
            "social",
            "creative",
            "adjust",
            "helped",
            "blocked",
        ]
        .contains(&w.as_str())
    });
    words
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Like `strings`: what `words` of the person's own text appear in `file`.
fn found_in(file: &Path, words: &[String]) -> Vec<String> {
    let bytes = std::fs::read(file).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    words
        .iter()
        .filter(|w| text.contains(w.as_str()))
        .cloned()
        .collect()
}

fn backups_of(f: &Fixture) -> Vec<PathBuf> {
    let folder = f.dir.path().join("backups");
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn encrypt_use_and_decrypt_round_trip_a_demo_journal_with_identical_exports() {
    let f = Fixture::new();
    demo(&f, "6");
    let pass = pass_file(&f, "pass", PASS);
    let before = ok(&f, None, &["export", "--format", "json"]);

    let said = ok(&f, Some(&pass), &["encrypt"]);
    assert!(said.starts_with("Encrypted "), "{said}");
    assert!(encrypted(&f.path));

    // Used exactly as before, with the key from a file.
    let (success, while_encrypted, note) =
        sw(&f, Some(&pass), NOW, &["export", "--format", "json"]);
    assert!(success);
    assert_eq!(while_encrypted, before);
    assert_eq!(
        note,
        "The journal is encrypted but this export is not, so keep it somewhere only you can read.\n"
    );
    ok(&f, Some(&pass), &["win", "found the spare key"]);
    let today = ok(&f, Some(&pass), &["today"]);
    assert!(today.contains("found the spare key"), "{today}");
    let (_, after_use, _) = sw(&f, Some(&pass), NOW, &["export", "--format", "json"]);

    let said = ok(&f, Some(&pass), &["decrypt"]);
    assert!(said.starts_with("Decrypted "), "{said}");
    assert!(!encrypted(&f.path));
    // Plain again: no passphrase needed, the same records.
    assert_eq!(ok(&f, None, &["export", "--format", "json"]), after_use);
}

#[test]
fn the_encrypted_file_its_wal_and_every_backup_hold_nothing_the_person_wrote() {
    let f = Fixture::new();
    demo(&f, "6");
    let pass = pass_file(&f, "pass", PASS);
    // A plain daily backup exists before encrypting: it is encrypted too.
    ok(&f, None, &["today"]);
    common::settle(&f.path);
    assert!(!backups_of(&f).is_empty());
    let words = written_words(&ok(&f, None, &["export", "--format", "json"]));
    assert!(words.len() > 20, "{words:?}");
    assert!(
        !found_in(&f.path, &words).is_empty(),
        "the plain journal shows its words"
    );

    ok(&f, Some(&pass), &["encrypt"]);
    // The next day's first use makes an encrypted daily backup; a backup
    // to a file of one's own is encrypted too.
    let (success, _, stderr) = sw(
        &f,
        Some(&pass),
        "2026-11-22T08:30",
        &["win", "marmalade sandwich"],
    );
    assert!(success, "{stderr}");
    // The day's copy is made by a process of its own, which gets the
    // passphrase through a pipe: wait for it.
    common::settle(&f.path);
    let own = f.dir.path().join("own-copy.db");
    ok(&f, Some(&pass), &["backup", own.to_str().expect("utf-8")]);

    let mut words = words;
    words.push("marmalade".into());
    let mut files = vec![f.path.clone(), own];
    files.extend(backups_of(&f));
    assert!(files.len() >= 4, "{files:?}");
    for file in &files {
        assert!(encrypted(file), "{} is not encrypted", file.display());
        assert_eq!(
            found_in(file, &words),
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }

    // The WAL of the live journal, while a win is being written.
    let key = smallwins::store::Key::passphrase(PASS.to_string().into());
    let store = smallwins::store::Store::open_with(
        &f.path,
        common::at("2026-11-22T09:00"),
        smallwins::store::Access::Write,
        key,
    )
    .expect("opens with the key");
    let mut journal = smallwins::domain::Journal::new(
        store,
        smallwins::domain::Clock::Fixed(common::at("2026-11-22T09:00")),
        smallwins::config::Config::default(),
    );
    journal
        .add_win(common::d("2026-11-22"), "pomegranate evidence", None)
        .expect("win");
    let wal = f.dir.path().join("journal.db-wal");
    assert!(std::fs::metadata(&wal).expect("a wal").len() > 0);
    let words = vec!["pomegranate".to_string(), "marmalade".to_string()];
    assert_eq!(found_in(&wal, &words), Vec::<String>::new());
    assert_eq!(found_in(&f.path, &words), Vec::<String>::new());
}

#[test]
fn a_wrong_passphrase_gets_one_sentence_and_exit_1_after_a_pause_and_nothing_is_written() {
    let f = Fixture::new();
    demo(&f, "2");
    let pass = pass_file(&f, "pass", PASS);
    ok(&f, Some(&pass), &["encrypt"]);
    let wrong = pass_file(&f, "wrong", "tangerine orbit 43");
    let bytes = std::fs::read(&f.path).expect("read");
    for args in [
        &["today"][..],
        &["win", "not saved"][..],
        &["decrypt"][..],
        &["check"][..],
    ] {
        let started = Instant::now();
        let (success, stdout, stderr) = sw(&f, Some(&wrong), NOW, args);
        assert!(!success, "{args:?}");
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "{args:?} answered at once"
        );
        assert_eq!(stdout, "");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("That passphrase does not open "),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            std::fs::read(&f.path).expect("read"),
            bytes,
            "{args:?} wrote"
        );
    }
    // Without a terminal and without a passphrase: one sentence, no prompt.
    let (success, _, stderr) = sw(&f, None, NOW, &["today"]);
    assert!(!success);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("There is no terminal to ask for the passphrase of the journal "),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_neither_a_plain_nor_an_encrypted_journal_is_refused_untouched() {
    let f = Fixture::new();
    let pass = pass_file(&f, "pass", PASS);
    let text = "a shopping list, eggs and milk\n".repeat(300);
    std::fs::write(&f.path, &text).expect("write");
    for args in [&["today"][..], &["encrypt"][..], &["decrypt"][..]] {
        let (success, _, stderr) = sw(&f, Some(&pass), NOW, args);
        assert!(!success, "{args:?}");
        assert!(
            stderr.contains("is not a smallwins journal"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&f.path).expect("read"), text);
    }
}

#[test]
fn changing_the_passphrase_rekeys_the_journal_and_its_backups() {
    let f = Fixture::new();
    demo(&f, "2");
    ok(&f, None, &["today"]);
    common::settle(&f.path);
    let pass = pass_file(&f, "pass", PASS);
    let new = pass_file(&f, "new", "a new passphrase");
    ok(&f, Some(&pass), &["encrypt"]);
    let before = ok(&f, Some(&pass), &["export", "--format", "json"]);
    let said = ok(
        &f,
        Some(&pass),
        &[
            "encrypt",
            "--change",
            "--new-passphrase-file",
            new.to_str().expect("utf-8"),
        ],
    );
    assert!(said.starts_with("Changed the passphrase"), "{said}");
    let (success, _, _) = sw(&f, Some(&pass), NOW, &["today"]);
    assert!(!success, "the old passphrase still opens it");
    assert_eq!(ok(&f, Some(&new), &["export", "--format", "json"]), before);
    let listed = ok(&f, Some(&new), &["backup", "--list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    for b in listed["backups"].as_array().expect("backups") {
        assert!(
            b["records"].is_object(),
            "a backup the new passphrase does not open: {b}"
        );
    }
}

#[test]
fn restoring_an_encrypted_backup_keeps_the_journal_encrypted() {
    let f = Fixture::new();
    demo(&f, "2");
    let pass = pass_file(&f, "pass", PASS);
    ok(&f, Some(&pass), &["encrypt"]);
    ok(&f, Some(&pass), &["today"]);
    common::settle(&f.path);
    let copies = backups_of(&f);
    let daily = copies
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-daily.db"))
        .expect("a daily backup")
        .clone();
    assert!(encrypted(&daily));
    let before = ok(&f, Some(&pass), &["export", "--format", "json"]);
    ok(&f, Some(&pass), &["win", "written after the backup"]);

    let said = ok(
        &f,
        Some(&pass),
        &["restore", daily.to_str().expect("utf-8"), "--yes"],
    );
    assert!(said.starts_with("Restored the journal"), "{said}");
    assert!(encrypted(&f.path));
    assert_eq!(ok(&f, Some(&pass), &["export", "--format", "json"]), before);
    for copy in backups_of(&f) {
        assert!(encrypted(&copy), "{} is plain", copy.display());
    }
}

#[test]
fn a_plain_journal_restored_from_an_encrypted_copy_becomes_encrypted() {
    let f = Fixture::new();
    demo(&f, "2");
    let pass = pass_file(&f, "pass", PASS);
    ok(&f, Some(&pass), &["encrypt"]);
    let copy = f.dir.path().join("copy.db");
    ok(&f, Some(&pass), &["backup", copy.to_str().expect("utf-8")]);
    let before = ok(&f, Some(&pass), &["export", "--format", "json"]);
    ok(&f, Some(&pass), &["decrypt"]);
    ok(&f, None, &["win", "after decrypting"]);
    ok(
        &f,
        Some(&pass),
        &["restore", copy.to_str().expect("utf-8"), "--yes"],
    );
    assert!(encrypted(&f.path));
    assert_eq!(ok(&f, Some(&pass), &["export", "--format", "json"]), before);
}

/// Runs `encrypt` and kills it with SIGKILL after `delay`; whether it was
/// killed before it finished.
fn encrypt_killed_after(f: &Fixture, pass: &Path, delay: Duration) -> bool {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .env("SMALLWINS_NOW", NOW)
        .env_remove("SMALLWINS_DB")
        .env_remove("SMALLWINS_PASSPHRASE_FILE")
        .args(["--db", f.path.to_str().expect("utf-8")])
        .args(["--config", "/nonexistent/config.toml"])
        .args(["--passphrase-file", pass.to_str().expect("utf-8")])
        .arg("encrypt")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    child.kill().ok();
    !child.wait().expect("wait").success()
}

#[test]
fn a_kill_during_encrypt_leaves_the_plain_journal_or_the_encrypted_one() {
    let f = Fixture::new();
    let pass = pass_file(&f, "pass", PASS);
    ok(&f, None, &["demo", "--years", "2"]);
    let original = f.dir.path().join("original.db");
    std::fs::copy(&f.path, &original).expect("copy");
    let expected = ok(&f, None, &["export", "--format", "json"]);

    // How long a whole run takes, to kill runs at points all through it.
    let started = Instant::now();
    ok(&f, Some(&pass), &["encrypt"]);
    let whole = started.elapsed();
    let (mut plain, mut sealed, mut killed) = (0, 0, 0);
    for step in 0..10u32 {
        std::fs::copy(&original, &f.path).expect("reset");
        if encrypt_killed_after(&f, &pass, whole * step / 8) {
            killed += 1;
        }
        let key = if encrypted(&f.path) {
            sealed += 1;
            Some(pass.as_path())
        } else {
            plain += 1;
            None
        };
        // Opening clears what the killed run left beside the journal.
        let (success, exported, stderr) = sw(&f, key, NOW, &["export", "--format", "json"]);
        assert!(success, "step {step}: the journal does not open: {stderr}");
        assert_eq!(exported, expected, "step {step}");
        let beside: Vec<String> = std::fs::read_dir(f.dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert_eq!(beside, Vec::<String>::new(), "step {step}");
    }
    // How the kills fell depends on the machine's load; each left a
    // journal that opens with all its records.
    eprintln!("killed {killed} of 10: {plain} left plain, {sealed} encrypted");
    assert!(killed > 0, "no run was killed part-way");
}

#[test]
fn the_full_screen_journal_asks_once_and_three_wrong_tries_end_it_cleanly() {
    let f = Fixture::new();
    demo(&f, "2");
    let pass = pass_file(&f, "pass", PASS);
    ok(&f, Some(&pass), &["encrypt"]);
    let config = f.dir.path().join("config.toml");

    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Passphrase for the journal");
    s.send("not it\r");
    s.wait_for("That passphrase does not open it; try again.");
    s.send(&format!("{PASS}\r"));
    s.wait_for("Recent weeks");
    let pid = s.pid().expect("pid");
    for place in ["cmdline", "environ"] {
        let seen = std::fs::read(format!("/proc/{pid}/{place}")).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&seen).contains(PASS),
            "the passphrase is in the process's {place}"
        );
    }
    s.send("q");
    assert!(s.wait_exit(), "ended with success");
    assert!(!s.text().contains(PASS), "the passphrase was echoed");

    let mut s = Pty::start(&f.path, &config, &[]);
    for _ in 0..3 {
        s.wait_for("Passphrase for the journal");
        let mark = s.mark();
        s.send("wrong again\r");
        s.wait_for_after(mark, "does not open");
    }
    assert!(!s.wait_exit(), "ended with a failure");
    let out = s.text();
    assert!(out.contains("That passphrase does not open "), "{out}");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the full screen opened: {out}"
    );
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn encrypting_while_another_window_has_the_journal_open_is_refused_and_changes_nothing() {
    let f = Fixture::new();
    demo(&f, "2");
    common::settle(&f.path);
    let pass = pass_file(&f, "pass", PASS);
    // Another smallwins (the full screen, say) has the journal open: its
    // later writes would go to the old file if it were swapped now.
    let other =
        smallwins::store::Store::open_at(&f.path, common::at(NOW), smallwins::store::Access::Write)
            .expect("open");
    other.counts().expect("a read");
    let before = std::fs::read(&f.path).expect("read");
    let (success, _, stderr) = sw(&f, Some(&pass), NOW, &["encrypt"]);
    assert!(
        !success,
        "encrypt went ahead with the journal open elsewhere"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("open in another smallwins window"),
        "{stderr}"
    );
    assert!(!encrypted(&f.path));
    assert_eq!(std::fs::read(&f.path).expect("read"), before);
    drop(other);
    ok(&f, Some(&pass), &["encrypt"]);
    assert!(encrypted(&f.path));
}
