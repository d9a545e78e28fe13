//! Taking in the other machines' changes: every change file not applied
//! here yet, and a machine's snapshot when some of its changes that the
//! snapshot holds can no longer be had one by one (that machine folded
//! them, or the file does not open). Each goes in by the merge rule in a
//! transaction of its own with its place in the ledger, so a sync killed
//! at any point leaves nothing applied twice or half-applied.
//!
//! Snapshots go in first, the newest first: each one raises the ledger's
//! floors for the machines it holds changes of, so another machine's
//! older snapshot is often not needed after it. Then the change files, in
//! order; one that refers to records not here yet waits while the others
//! go in, and is tried again until nothing more goes in.
//!
//! May use: `store` and the rest of `domain::sync`.

use std::collections::BTreeMap;
use std::fs;

use chrono::NaiveDateTime;

use super::folder::{self, Found, Kind, Unread};
use super::{Report, Result, io};
use crate::domain::merge;
use crate::store::Store;
use crate::store::sync::{Floor, Incoming, IncomingSnapshot, Joined, Outcome};

const WAITS: &str = "it refers to records that another machine's changes have not brought here yet; it goes in once they arrive.";

/// Applies every change in the folder not applied here yet, by the merge
/// rule.
pub(super) fn take_in(store: &mut Store, joined: &Joined, report: &mut Report) -> Result<()> {
    let found = folder::list(&joined.folder, &joined.device).map_err(io("read", &joined.folder))?;
    let (changes, snapshots) = split(found);
    let mut pending = Vec::new();
    let mut unread = Vec::new();
    for f in changes {
        if store.sync_was_applied(&f.device, f.seq)? {
            continue;
        }
        match read_change(joined, &f) {
            Ok(incoming) => pending.push((f, incoming)),
            Err(why) => unread.push((f, why)),
        }
    }
    take_snapshots(store, joined, &snapshots, &pending, report)?;
    for (f, why) in unread {
        if !store.sync_was_applied(&f.device, f.seq)? {
            report.skipped.push((shown(joined, &f), why));
        }
    }
    let mut left = Vec::with_capacity(pending.len());
    for (f, incoming) in pending {
        if !store.sync_was_applied(&f.device, f.seq)? {
            left.push((f, incoming));
        }
    }
    take_changes(store, joined, left, report)
}

/// The merge rule, as the store applies it.
fn rule(stored: Option<&crate::store::Stamp>, by: &str, at: NaiveDateTime) -> bool {
    merge::incoming_wins(stored, by, at)
}

/// Applies the change files, again while some go in.
fn take_changes(
    store: &mut Store,
    joined: &Joined,
    mut pending: Vec<(Found, Incoming)>,
    report: &mut Report,
) -> Result<()> {
    loop {
        let mut progress = false;
        let mut waiting = Vec::new();
        for (f, incoming) in pending {
            match store.sync_apply(&incoming, &rule)? {
                Outcome::Applied { lost, .. } => {
                    report.applied += 1;
                    report.lost += lost;
                    progress = true;
                }
                Outcome::AlreadyApplied => {}
                Outcome::Waiting => waiting.push((f, incoming)),
            }
        }
        pending = waiting;
        if !progress || pending.is_empty() {
            break;
        }
    }
    for (f, _) in pending {
        report.skipped.push((shown(joined, &f), WAITS.into()));
    }
    Ok(())
}

/// The change files, and each machine's newest snapshot.
fn split(found: Vec<Found>) -> (Vec<Found>, Vec<Found>) {
    let mut newest: BTreeMap<String, Found> = BTreeMap::new();
    let mut changes = Vec::new();
    for f in found {
        match f.kind {
            Kind::Change => changes.push(f),
            Kind::Snapshot => {
                if newest.get(&f.device).is_none_or(|s| s.seq < f.seq) {
                    newest.insert(f.device.clone(), f);
                }
            }
        }
    }
    (changes, newest.into_values().collect())
}

/// Whether `snapshot` holds changes not applied here that no readable
/// change file in `pending` brings.
fn needed(store: &Store, snapshot: &Found, pending: &[(Found, Incoming)]) -> Result<bool> {
    let applied = store.sync_applied_upto(&snapshot.device, snapshot.seq)?;
    let mut readable = 0;
    for (f, _) in pending {
        if f.device == snapshot.device
            && f.seq <= snapshot.seq
            && !store.sync_was_applied(&f.device, f.seq)?
        {
            readable += 1;
        }
    }
    Ok(snapshot.seq - applied > readable)
}

/// Applies each snapshot that is needed, the newest first.
fn take_snapshots(
    store: &mut Store,
    joined: &Joined,
    snapshots: &[Found],
    pending: &[(Found, Incoming)],
    report: &mut Report,
) -> Result<()> {
    let mut opened = Vec::new();
    for f in snapshots {
        if !needed(store, f, pending)? {
            continue;
        }
        match read_snapshot(joined, f) {
            Ok(snapshot) => opened.push((f, snapshot)),
            Err(why) => report.skipped.push((shown(joined, f), why)),
        }
    }
    opened.sort_by_key(|(_, s)| std::cmp::Reverse(s.sent_at));
    for (f, snapshot) in opened {
        if !needed(store, f, pending)? {
            continue;
        }
        match store.sync_apply_snapshot(&snapshot, &rule)? {
            Outcome::Applied { lost, .. } => {
                report.applied += 1;
                report.lost += lost;
            }
            Outcome::AlreadyApplied => {}
            Outcome::Waiting => report.skipped.push((shown(joined, f), WAITS.into())),
        }
    }
    Ok(())
}

/// How many changes of other machines the folder holds that are not
/// applied here: those a machine's snapshot holds, and its change files
/// after it.
pub(super) fn waiting(store: &Store, found: Vec<Found>) -> Result<usize> {
    let (changes, snapshots) = split(found);
    let mut n = 0;
    let mut covered = BTreeMap::new();
    for s in &snapshots {
        n += usize::try_from(s.seq - store.sync_applied_upto(&s.device, s.seq)?).unwrap_or(0);
        covered.insert(s.device.as_str(), s.seq);
    }
    for f in changes {
        let below = covered.get(f.device.as_str()).is_some_and(|&s| f.seq <= s);
        if !below && !store.sync_was_applied(&f.device, f.seq)? {
            n += 1;
        }
    }
    Ok(n)
}

/// A file as a path under the sync folder.
fn shown(joined: &Joined, f: &Found) -> String {
    f.path
        .strip_prefix(joined.folder.parent().unwrap_or(&joined.folder))
        .unwrap_or(&f.path)
        .display()
        .to_string()
}

fn read(f: &Found) -> std::result::Result<Vec<u8>, String> {
    fs::read(&f.path).map_err(|e| {
        format!(
            "it could not be read ({}); it is tried again on the next sync.",
            e.to_string().to_lowercase()
        )
    })
}

fn unread(e: Unread) -> String {
    match e {
        Unread::OtherJournal => "it belongs to another journal, so it was left alone.".into(),
        Unread::Unopened => "it does not open: it is still being copied, damaged, or sealed with another passphrase; it is tried again on the next sync.".into(),
        Unread::Io(e) => e,
    }
}

fn read_change(joined: &Joined, f: &Found) -> std::result::Result<Incoming, String> {
    let bytes = read(f)?;
    let (header, changes) =
        folder::open_change(&bytes, &joined.key, &joined.journal, &f.device, f.seq)
            .map_err(unread)?;
    Ok(Incoming {
        device: f.device.clone(),
        seq: f.seq,
        made_at: header.made_at,
        sent_at: header.sent_at,
        name: header.name,
        changes,
    })
}

fn read_snapshot(joined: &Joined, f: &Found) -> std::result::Result<IncomingSnapshot, String> {
    let bytes = read(f)?;
    let (header, changes) =
        folder::open_snapshot(&bytes, &joined.key, (&joined.journal, &f.device, f.seq))
            .map_err(unread)?;
    Ok(IncomingSnapshot {
        device: f.device.clone(),
        seq: f.seq,
        sent_at: header.sent_at,
        name: header.name,
        floors: header
            .floors
            .into_iter()
            .map(|fl| Floor {
                device: fl.device,
                seq: fl.seq,
                name: fl.name,
                sent_at: fl.sent_at,
            })
            .collect(),
        changes,
    })
}
