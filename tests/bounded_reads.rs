//! Every file smallwins reads for a person (the config, a file to import,
//! each file of an import folder) must be a regular file, and is read only
//! up to a cap: a symlink to `/dev/zero`, a named pipe or a folder where a
//! file belongs is refused at once, in one sentence naming it, with nothing
//! written. Each case runs under a timeout, so a hang fails the test
//! instead of stalling the suite.
#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Fixture, fixture, json_at, smallwins_at};

const NOW: &str = "2026-11-21T08:30";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs smallwins with `args` (a config of our own when `config` is given);
/// it must refuse with exit code 2 and one sentence on stderr, which is
/// returned.
fn refused(f: &Fixture, config: Option<&Path>, args: &[&str]) -> String {
    let mut cmd = match config {
        None => smallwins_at(f, NOW),
        Some(config) => {
            let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_smallwins"));
            cmd.env("SMALLWINS_NOW", NOW)
                .env_remove("SMALLWINS_DB")
                .arg("--db")
                .arg(&f.path)
                .arg("--config")
                .arg(config);
            cmd
        }
    };
    let out = cmd
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    stderr
}

/// Nothing came in: no journal was made, or the one there holds no promise.
fn nothing_imported(f: &Fixture) {
    if !f.path.exists() {
        return;
    }
    assert_eq!(
        json_at(f, NOW, &["promise", "list", "--all"]),
        serde_json::json!([])
    );
}

/// A copy of the Loop sample folder under `dir`.
fn loop_folder(dir: &Path) -> PathBuf {
    let to = dir.join("loop");
    copy_dir(&fixture("loop"), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn a_loop_folder_whose_habits_file_is_dev_zero_is_refused_at_once() {
    let f = Fixture::new();
    let dir = loop_folder(f.dir.path());
    fs::remove_file(dir.join("Habits.csv")).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", dir.join("Habits.csv")).expect("symlink");
    let path = dir.to_str().expect("utf-8");
    let stderr = refused(&f, None, &["import", "--from", "loop", path]);
    assert!(
        stderr.contains("Habits.csv is a device, not a file"),
        "{stderr}"
    );
    nothing_imported(&f);
}

#[test]
fn a_loop_checkmarks_file_that_is_a_pipe_is_refused_not_waited_on() {
    let f = Fixture::new();
    let dir = loop_folder(f.dir.path());
    let marks = dir.join("002 Water/Checkmarks.csv");
    fs::remove_file(&marks).expect("remove");
    mkfifo(&marks);
    let path = dir.to_str().expect("utf-8");
    let stderr = refused(&f, None, &["import", "--from", "loop", path]);
    assert!(
        stderr.contains("Checkmarks.csv is a named pipe"),
        "{stderr}"
    );
    nothing_imported(&f);
}

#[test]
fn every_import_format_refuses_a_pipe_or_a_device() {
    let f = Fixture::new();
    let pipe = f.dir.path().join("pipe.json");
    mkfifo(&pipe);
    let pipe = pipe.to_str().expect("utf-8");
    for from in ["smallwins", "jrnl", "dijo", "loop"] {
        let stderr = refused(&f, None, &["import", "--from", from, pipe]);
        assert!(
            stderr.contains("is a named pipe, not a file"),
            "{from}: {stderr}"
        );
        let stderr = refused(&f, None, &["import", "--from", from, "/dev/zero"]);
        assert!(
            stderr.contains("is a device, not a file"),
            "{from}: {stderr}"
        );
    }
    // harsh reads a folder: its log may not be a pipe.
    let harsh = f.dir.path().join("harsh");
    fs::create_dir(&harsh).expect("folder");
    fs::copy(fixture("harsh/habits"), harsh.join("habits")).expect("copy");
    mkfifo(&harsh.join("log"));
    let stderr = refused(
        &f,
        None,
        &["import", "--from", "harsh", harsh.to_str().expect("utf-8")],
    );
    assert!(stderr.contains("log is a named pipe"), "{stderr}");
    nothing_imported(&f);
}

#[test]
fn a_config_that_is_a_pipe_a_device_or_too_large_is_refused() {
    let f = Fixture::new();
    let pipe = f.dir.path().join("config.toml");
    mkfifo(&pipe);
    let stderr = refused(&f, Some(&pipe), &["today"]);
    assert!(stderr.contains("is a named pipe, not a file"), "{stderr}");
    let stderr = refused(&f, Some(Path::new("/dev/zero")), &["today"]);
    assert!(stderr.contains("is a device, not a file"), "{stderr}");

    let big = f.dir.path().join("big.toml");
    let line = "# a comment that goes on and on\n";
    fs::write(&big, line.repeat((2 << 20) / line.len())).expect("write");
    let stderr = refused(&f, Some(&big), &["today"]);
    assert!(stderr.contains("holds more than 1 MB"), "{stderr}");
}
