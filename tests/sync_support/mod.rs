//! What the sync tests share (`tests/sync_*.rs`): a temporary place with
//! a shared folder and journals beside it, the records of a journal as
//! its export (without the moment of the export), and the files in the
//! sync folder.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDateTime;
use smallwins::config::Config;
use smallwins::domain::clock::parse_now;
use smallwins::domain::{Clock, Journal, NewPromise};

/// Argon2id made cheap for tests (the real cost is in `crypto.rs`).
pub const CHEAP: (u32, u32) = (64, 1);
pub const PASS: &str = "correct horse battery staple";

pub fn at(s: &str) -> NaiveDateTime {
    parse_now(s).expect("test time")
}

pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The folder the machines share.
    pub fn shared(&self) -> PathBuf {
        self.dir.path().join("Sync")
    }

    pub fn root(&self) -> PathBuf {
        self.shared().join("smallwins-sync")
    }

    pub fn journal_path(&self, name: &str) -> PathBuf {
        self.dir.path().join(format!("{name}.db"))
    }

    pub fn open(&self, name: &str, now: &str) -> Journal {
        Journal::open(
            &self.journal_path(name),
            Clock::Fixed(at(now)),
            Config::default(),
        )
        .expect("open journal")
    }

    /// The passphrase in a file, for the binary's `--passphrase-file`.
    pub fn passphrase_file(&self) -> PathBuf {
        let path = self.dir.path().join("passphrase");
        fs::write(&path, format!("{PASS}\n")).expect("passphrase file");
        path
    }

    /// The real binary on journal `name`, no config file, the clock at
    /// `now` (`SMALLWINS_NOW`).
    pub fn smallwins(&self, name: &str, now: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
        cmd.env("SMALLWINS_NOW", now)
            .env_remove("SMALLWINS_DB")
            .env_remove("SMALLWINS_PASSPHRASE_FILE")
            .arg("--db")
            .arg(self.journal_path(name))
            .arg("--config")
            .arg(self.dir.path().join("no-config.toml"));
        cmd
    }

    /// Runs the binary, which must succeed; its stdout.
    pub fn run(&self, name: &str, now: &str, args: &[&str]) -> String {
        let out = self.smallwins(name, now).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// The JSON a command prints with `--json`.
    pub fn json(&self, name: &str, now: &str, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&self.run(name, now, &args)).expect("json")
    }

    /// Every file of every machine in the sync folder, sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        files_in(&self.root())
    }

    /// The files of one machine ending in `ext` (`chg`, `snap`).
    pub fn files_of(&self, device: &str, ext: &str) -> Vec<PathBuf> {
        files_in(&self.root())
            .into_iter()
            .filter(|f| {
                f.parent().and_then(Path::file_name) == Some(device.as_ref())
                    && f.extension().is_some_and(|e| e == ext)
            })
            .collect()
    }

    /// The size of everything in the sync folder, in bytes.
    pub fn folder_size(&self) -> u64 {
        self.files()
            .iter()
            .chain([self.root().join("journal.key")].iter())
            .filter_map(|f| fs::metadata(f).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// The files in each machine's folder under `root`.
pub fn files_in(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(machines) = fs::read_dir(root) else {
        return out;
    };
    for machine in machines.flatten() {
        if machine.path().is_dir() {
            for f in fs::read_dir(machine.path()).expect("machine").flatten() {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

/// The records, without the moment of the export.
pub fn records(j: &Journal) -> serde_json::Value {
    let mut v = serde_json::to_value(j.export(None, None).expect("export")).expect("json");
    if let Some(o) = v.as_object_mut() {
        o.remove("exported_at");
    }
    v
}

/// The records of the journal at `path`, read by the binary's export.
pub fn exported(place: &Place, name: &str) -> serde_json::Value {
    let text = place.run(name, "2026-11-21T08:30", &["export", "--format", "json"]);
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("export json");
    if let Some(o) = v.as_object_mut() {
        o.remove("exported_at");
    }
    v
}

pub fn promise(j: &mut Journal, text: &str) -> String {
    j.add_promise(NewPromise {
        text: text.into(),
        ..NewPromise::default()
    })
    .expect("add")
    .id
}

/// A journal's machine id in the sync folder.
pub fn device(j: &Journal) -> String {
    j.sync_status().expect("status").joined.device
}
