//! Crash safety of the real binary: writers killed with SIGKILL at random
//! moments never lose a write they acknowledged, and never leave a damaged
//! journal behind.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-21T08:30";

fn smallwins(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.arg("--db")
        .arg(db)
        .arg("--config")
        .arg(db.with_extension("toml"))
        .args(args)
        .env("SMALLWINS_NOW", NOW)
        .env_remove("SMALLWINS_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Lets `child` run for `delay`, then kills it with SIGKILL unless it has
/// already finished. Returns whether it finished on its own with success,
/// i.e. whether the person was told the write was saved.
fn kill_after(mut child: Child, delay: Duration) -> bool {
    let deadline = Instant::now() + delay;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status.success();
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let status = child.wait().expect("wait");
            // It may have finished between the last look and the kill.
            return status.success();
        }
        std::thread::sleep(Duration::from_micros(300));
    }
}

fn integrity(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

fn saved_wins(db: &Path) -> BTreeSet<String> {
    let out = smallwins(db, &["export", "--format", "json"])
        .stdout(Stdio::piped())
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "the journal opens after the kills: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json export");
    export["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .filter_map(|w| w["text"].as_str().map(String::from))
        .collect()
}

/// Dozens of rounds of `win`, `kept` and `checkin`, each killed after a
/// random delay (from "before SQLite even opened" to "already done"),
/// starting from a journal that does not exist yet, so creation is killed
/// too. Every write that exited 0 must be there, and the file must pass
/// SQLite's integrity check.
#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("journal.db");
    let mut rng = fastrand::Rng::with_seed(0x5EED_C0DE);
    let started = Instant::now();
    let mut acknowledged = Vec::new();
    let mut killed = 0;
    let mut made_promise = false;
    // The longest delay, in microseconds: it follows how long a run takes
    // on this machine (longer after a kill, shorter after a finish, never
    // under 20 ms), so on a loaded machine runs are still killed at every
    // point from start to done.
    let mut window = 20_000u64;
    for round in 0..120 {
        // Bounded in time on a slow machine: stop early rather than drag.
        if started.elapsed() > Duration::from_secs(40) {
            break;
        }
        let text = format!("win from round {round}");
        let child = match round % 4 {
            _ if !made_promise => smallwins(&db, &["promise", "add", "Stretch for ten seconds"]),
            1 => smallwins(&db, &["kept", "1", "--date", &format!("-{}", round % 20)]),
            2 => smallwins(&db, &["checkin", "--confidence", "7"]),
            _ => smallwins(&db, &["win", &text]),
        }
        .spawn()
        .expect("spawn");
        let delay = Duration::from_micros(rng.u64(0..window));
        let ok = kill_after(child, delay);
        window = if ok {
            window.saturating_sub(5_000).max(20_000)
        } else {
            window + 5_000
        };
        if !made_promise {
            made_promise = ok;
            continue;
        }
        if !ok {
            killed += 1;
        } else if round % 4 != 1 && round % 4 != 2 {
            acknowledged.push(text);
        }
    }
    eprintln!("killed {killed}, acknowledged {}", acknowledged.len());
    assert!(killed > 0, "some writers were killed part-way");
    assert!(!acknowledged.is_empty(), "some writers finished");
    assert_eq!(integrity(&db), "ok");
    let saved = saved_wins(&db);
    for text in &acknowledged {
        assert!(saved.contains(text), "acknowledged win {text:?} was lost");
    }
    // Nothing stray is left beside the journal by a killed creation.
    let strays: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bak") || name.contains(".tmp"))
        .collect();
    assert!(strays.is_empty(), "stray files: {strays:?}");
}
