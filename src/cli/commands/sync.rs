//! `smallwins sync`: sync now, `init`, `join`, `status`, `leave`, and the
//! passphrase they need ([`passphrase`]: `--passphrase-file`, else the
//! config's `passphrase_command`, else asked for on the terminal without
//! echo).

use std::path::Path;

use serde::Serialize;

use crate::cli::args::{SyncAction, SyncFolderArgs};
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Report, lines};
use crate::cli::passphrase::{self, Purpose, Sources};
use crate::domain::Journal;
use crate::domain::sync::{self, SyncError, crypto};
use crate::model::SyncConfig;

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(e) => e.into(),
            e @ (SyncError::NotJoined
            | SyncError::AlreadyJoined(_)
            | SyncError::FolderTaken(_)
            | SyncError::NoFolder(_)
            | SyncError::WrongPassphrase) => CliError::Input(e.to_string()),
            e => CliError::Failed(e.to_string()),
        }
    }
}

/// What a sync did.
#[derive(Debug, Serialize)]
pub struct Synced {
    /// What was done first: "started", "joined" or "synced".
    pub done: &'static str,
    pub folder: String,
    pub sent: usize,
    pub applied: usize,
    pub lost: usize,
    pub skipped: Vec<Skipped>,
    /// This machine's change files folded into a new snapshot.
    pub folded: usize,
}

#[derive(Debug, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

impl Report for Synced {
    fn text(&self) -> String {
        let first = match self.done {
            "started" => format!("Started a sync folder in {}.", self.folder),
            "joined" => format!("Joined the sync folder in {}.", self.folder),
            _ => "Synced.".to_string(),
        };
        let mut out = vec![format!(
            "{first} Sent {}, took in {} from other machines.",
            plural(self.sent, "change"),
            self.applied
        )];
        if self.lost > 0 {
            out.push(format!(
                "{} changed on two machines; the later change was kept, and the other is in `smallwins sync status`.",
                plural(self.lost, "record")
            ));
        }
        if self.folded > 0 {
            out.push(format!(
                "Folded {} from this machine into one snapshot, so the folder stays small.",
                plural(self.folded, "change file")
            ));
        }
        out.extend(
            self.skipped
                .iter()
                .map(|s| format!("Skipped {}: {}", s.file, s.reason)),
        );
        lines(out)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn synced(done: &'static str, folder: &Path, report: sync::Report) -> Synced {
    Synced {
        done,
        folder: folder.display().to_string(),
        sent: report.sent,
        applied: report.applied,
        lost: report.lost,
        folded: report.folded,
        skipped: report
            .skipped
            .into_iter()
            .map(|(file, reason)| Skipped { file, reason })
            .collect(),
    }
}

/// Runs `smallwins sync` and its subcommands.
pub fn sync(journal: &mut Journal, action: Option<SyncAction>, json: bool) -> Result<String> {
    match action {
        None => {
            let report = journal.sync_now()?;
            let folder = journal.sync_status()?.joined.folder;
            crate::cli::output::print(&synced("synced", &folder, report), json)
        }
        Some(SyncAction::Init(_) | SyncAction::Join(_)) if journal.syncs() => {
            let folder = journal.sync_status()?.joined.folder;
            Err(SyncError::AlreadyJoined(folder).into())
        }
        Some(SyncAction::Init(args)) => {
            let passphrase = passphrase(&args, &journal.config().sync, true)?;
            let name = name(&args);
            let report = journal.sync_init(
                &args.dir,
                &passphrase,
                &name,
                (crypto::MEMORY_KIB, crypto::ITERATIONS),
            )?;
            crate::cli::output::print(&synced("started", &args.dir, report), json)
        }
        Some(SyncAction::Join(args)) => {
            let passphrase = passphrase(&args, &journal.config().sync, false)?;
            let name = name(&args);
            let report = journal.sync_join(&args.dir, &passphrase, &name)?;
            crate::cli::output::print(&synced("joined", &args.dir, report), json)
        }
        Some(SyncAction::Status) => crate::cli::output::print(&status(journal)?, json),
        Some(SyncAction::Leave) => {
            let folder = journal.sync_leave()?;
            crate::cli::output::print(
                &Left {
                    folder: folder.display().to_string(),
                },
                json,
            )
        }
    }
}

/// `sync leave`.
#[derive(Debug, Serialize)]
pub struct Left {
    pub folder: String,
}

impl Report for Left {
    fn text(&self) -> String {
        lines([format!(
            "This journal no longer syncs through {}; its records stay here, and the other machines keep syncing.",
            self.folder
        )])
    }
}

/// `sync status`.
#[derive(Debug, Serialize)]
pub struct SyncStatus {
    pub folder: String,
    pub machine: String,
    pub name: String,
    pub machines: Vec<MachineSeen>,
    /// This machine's changes not yet in the folder.
    pub outgoing: usize,
    /// Other machines' changes in the folder not yet taken in.
    pub incoming: usize,
    pub skipped: Vec<Skipped>,
    /// Versions that lost a merge, kept, newest first.
    pub lost: Vec<LostVersion>,
}

#[derive(Debug, Serialize)]
pub struct MachineSeen {
    pub machine: String,
    pub name: String,
    pub changes: u64,
    /// When its newest change taken in here was made (UTC).
    pub last_seen: String,
}

#[derive(Debug, Serialize)]
pub struct LostVersion {
    pub merged_at: String,
    pub table: String,
    pub id: String,
    pub row: serde_json::Value,
    pub by: String,
}

fn status(journal: &Journal) -> Result<SyncStatus> {
    let s = journal.sync_status()?;
    Ok(SyncStatus {
        folder: s.joined.folder.display().to_string(),
        machine: s.joined.device.clone(),
        name: s.joined.name.clone(),
        machines: s
            .machines
            .into_iter()
            .map(|m| MachineSeen {
                machine: m.device,
                name: m.name,
                changes: m.applied,
                last_seen: m.last.format("%Y-%m-%d %H:%M UTC").to_string(),
            })
            .collect(),
        outgoing: s.outgoing,
        incoming: s.incoming,
        skipped: s
            .skipped
            .into_iter()
            .map(|(file, reason)| Skipped { file, reason })
            .collect(),
        lost: s
            .lost
            .into_iter()
            .map(|l| LostVersion {
                merged_at: l.merged_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                table: l.table,
                id: l.id,
                row: serde_json::from_str(&l.row).unwrap_or_default(),
                by: l.by,
            })
            .collect(),
    })
}

impl Report for SyncStatus {
    fn text(&self) -> String {
        let mut out = vec![
            format!("Syncing through {}.", self.folder),
            format!("This machine: {} ({}).", self.name, short(&self.machine)),
        ];
        if self.machines.is_empty() {
            out.push("No other machine's changes have come in yet.".into());
        } else {
            out.push("Other machines:".into());
            for m in &self.machines {
                out.push(format!(
                    "  {} ({}): {}, last seen {}",
                    m.name,
                    short(&m.machine),
                    plural(m.changes as usize, "change"),
                    m.last_seen
                ));
            }
        }
        out.push(format!(
            "Waiting: {} from here to write to the folder, {} in the folder to take in.",
            self.outgoing, self.incoming
        ));
        for s in &self.skipped {
            out.push(format!("Skipped {}: {}", s.file, s.reason));
        }
        if !self.lost.is_empty() {
            out.push(format!(
                "{} changed on two machines; the later change was kept, and the earlier versions are kept too (`smallwins sync status --json` lists them).",
                plural(self.lost.len(), "record version")
            ));
        }
        lines(out)
    }
}

/// The last eight characters of a machine's id (its first ones are the
/// time it was made, alike for machines joined the same minute).
fn short(id: &str) -> &str {
    id.get(id.len().saturating_sub(8)..).unwrap_or(id)
}

fn name(args: &SyncFolderArgs) -> String {
    args.name
        .clone()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "a machine".into())
}

/// The sync folder's passphrase: `--passphrase-file`, else the config's
/// `[sync] passphrase_command`, else the system keyring, else asked on the
/// terminal without echo (twice when `confirm`), through the one
/// passphrase module (`cli/passphrase.rs`) the journal's encryption uses.
/// The journal's own `SMALLWINS_PASSPHRASE_FILE` is not read: the two
/// passphrases are apart.
pub fn passphrase(args: &SyncFolderArgs, config: &SyncConfig, confirm: bool) -> Result<String> {
    let purpose = Purpose::new("the sync folder", "sync");
    let sources = Sources {
        file: args.passphrase_file.clone(),
        command: config.passphrase_command.clone(),
    };
    let secret = if confirm {
        passphrase::ask_new(&purpose, &sources)
    } else {
        passphrase::get(&purpose, &sources).map(|(secret, _)| secret)
    }
    .map_err(|e| match e {
        passphrase::PassphraseError::NoWayToAsk { .. } => CliError::Input(
            "There is no terminal to ask for the sync passphrase; give it with --passphrase-file FILE or passphrase_command in the config's [sync].".into(),
        ),
        other => other.into(),
    })?;
    if secret.is_empty() {
        return Err(CliError::Input(
            "The passphrase is empty; choose one with a few words in it.".into(),
        ));
    }
    Ok(secret.to_string())
}
