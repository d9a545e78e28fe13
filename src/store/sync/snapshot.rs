//! Snapshots: the journal's records as this machine holds them, each with
//! its stamp, and the stamp of every removed record, as one changeset of
//! inserts (the record tables, then a `stamps` table of `tbl, id, at, by,
//! gone`), in SQLite's own format. A machine folds its change files into
//! one; a machine that joins, or that last synced before another machine
//! folded, starts from it.
//!
//! A snapshot says which changes it holds: every change of the machine
//! that made it up to a sequence, and, for each other machine, every change
//! up to a sequence (its floor: that machine's changes applied here without
//! a gap). Applying one merges each record by the rule with its own stamp,
//! so what is here already (the same change, or a later one) stays as it
//! is, and then raises the ledger's floors, in the same transaction: no
//! change it holds is applied again, from it or from a file. A version that
//! loses is kept only if this machine had never seen the change that wrote
//! it.
//!
//! The floors live in `sync_state` (`floor:<device>`), beside the ledger's
//! one row per change applied.
//!
//! May use: the rest of `store`.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::types::{FromSql, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

use super::apply::{Item, Rule, merge_items};
use super::codec::{self, RowChange};
use super::{Outcome, RECORD_TABLES, all_rows, change_name, state};
use crate::store::{Result, Store, StoreError, Writer};

/// The pseudo-table a snapshot keeps the stamps in (no journal has it).
const STAMPS: &str = "stamps";

/// This machine's journal as a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Every change of this machine up to here is in it.
    pub seq: i64,
    /// For each other machine, the changes in it.
    pub floors: Vec<Floor>,
    /// The changeset: every record, then every stamp.
    pub changes: Vec<u8>,
    /// How many records.
    pub records: usize,
}

/// Every change of `device` up to `seq` is applied here (or in a
/// snapshot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Floor {
    pub device: String,
    pub seq: i64,
    /// That machine's name, and when it wrote the newest change applied.
    pub name: String,
    pub sent_at: NaiveDateTime,
}

/// Another machine's snapshot, decrypted.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingSnapshot {
    pub device: String,
    pub seq: i64,
    pub sent_at: NaiveDateTime,
    pub name: String,
    pub floors: Vec<Floor>,
    pub changes: Vec<u8>,
}

impl Store {
    /// The journal as a snapshot, read in one transaction.
    pub fn sync_snapshot(&self) -> Result<Snapshot> {
        self.snapshot(|| {
            let conn = &self.conn;
            let mut changes = Vec::new();
            for table in RECORD_TABLES {
                for row in all_rows(conn, table)? {
                    changes.push(RowChange {
                        table: table.to_string(),
                        old: None,
                        new: Some(row),
                    });
                }
            }
            let records = changes.len();
            let mut stmt = conn.prepare("SELECT tbl, id, at, by, gone FROM sync_stamps")?;
            let stamps = stmt.query_map([], |r| {
                (0..5)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?;
            for row in stamps {
                changes.push(RowChange {
                    table: STAMPS.into(),
                    old: None,
                    new: Some(row?),
                });
            }
            let next: i64 = state(conn, "next_seq")?
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            Ok::<_, StoreError>(Snapshot {
                seq: next - 1,
                floors: floors(conn)?,
                changes: codec::write(&changes),
                records,
            })
        })
    }

    /// Applies another machine's snapshot by `rule`, in one transaction,
    /// unless every change it holds is applied here already.
    pub fn sync_apply_snapshot(
        &mut self,
        incoming: &IncomingSnapshot,
        rule: &Rule,
    ) -> Result<Outcome> {
        if self.sync_applied_upto(&incoming.device, incoming.seq)? >= incoming.seq {
            return Ok(Outcome::AlreadyApplied);
        }
        let rows = codec::read_rows(&incoming.changes)?;
        self.write_unrecorded(|w| apply_snapshot(w, incoming, rows, rule))
    }

    /// How many of the changes 1 to `upto` of `device` are applied here.
    pub fn sync_applied_upto(&self, device: &str, upto: i64) -> Result<i64> {
        Ok(applied_upto(&self.conn, device, upto)?)
    }
}

fn apply_snapshot(
    w: &Writer<'_>,
    incoming: &IncomingSnapshot,
    rows: Vec<RowChange>,
    rule: &Rule,
) -> Result<Outcome> {
    let tx: &Connection = w.tx;
    let me = state(tx, "device")?.unwrap_or_default();
    let items = items(rows, &incoming.device);
    // A version that loses is new here only if its change never came here.
    let mut seen: HashMap<String, bool> = HashMap::new();
    for item in &items {
        if !seen.contains_key(&item.by) {
            let known = was_seen(tx, &me, &item.by)?;
            seen.insert(item.by.clone(), known);
        }
    }
    let outcome = merge_items(w, items, rule, &|item| {
        !seen.get(&item.by).copied().unwrap_or(false)
    })?;
    if outcome == Outcome::Waiting {
        return Ok(outcome);
    }
    raise_floor(tx, &incoming.device, incoming.seq)?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_applied (device, seq, sent_at, name) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        incoming.device,
        incoming.seq,
        incoming.sent_at,
        incoming.name
    ])?;
    for f in incoming.floors.iter().filter(|f| f.device != me) {
        raise_floor(tx, &f.device, f.seq)?;
        if f.seq > 0 {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_applied (device, seq, sent_at, name) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![f.device, f.seq, f.sent_at, f.name])?;
        }
    }
    Ok(outcome)
}

/// A snapshot's rows as items, each with its own stamp (a record without
/// one, which a journal does not have, counts as the snapshot's machine's
/// first change, made at the earliest time).
fn items(rows: Vec<RowChange>, device: &str) -> Vec<Item> {
    let (stamp_rows, records): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.table == STAMPS);
    let mut stamps: HashMap<(String, String), (String, NaiveDateTime, bool)> = HashMap::new();
    for row in stamp_rows.into_iter().filter_map(|r| r.new) {
        let [tbl, id, at, by, gone] = row.as_slice() else {
            continue;
        };
        let (Value::Text(tbl), Value::Text(id), Value::Text(by), Some(at)) =
            (tbl, id, by, time(at))
        else {
            continue;
        };
        let gone = matches!(gone, Value::Integer(g) if *g != 0);
        stamps.insert((tbl.clone(), id.clone()), (by.clone(), at, gone));
    }
    let mut items = Vec::with_capacity(records.len() + stamps.len());
    for r in records {
        let item_id = r.id();
        let (by, at, _) = stamps
            .remove(&(r.table.clone(), item_id.clone()))
            .unwrap_or_else(|| (change_name(device, 0), NaiveDateTime::default(), false));
        items.push(Item {
            table: r.table,
            id: item_id,
            new: r.new,
            by,
            at,
        });
    }
    for ((table, id), (by, at, gone)) in stamps {
        if gone {
            items.push(Item {
                table,
                id,
                new: None,
                by,
                at,
            });
        }
    }
    items
}

fn time(v: &Value) -> Option<NaiveDateTime> {
    NaiveDateTime::column_result(ValueRef::from(v)).ok()
}

/// Whether the change named `by` (`device/sequence`) is this machine's own
/// or was applied here.
fn was_seen(tx: &Connection, me: &str, by: &str) -> rusqlite::Result<bool> {
    let Some((device, seq)) = by.rsplit_once('/') else {
        return Ok(false);
    };
    let Ok(seq) = seq.parse::<i64>() else {
        return Ok(false);
    };
    Ok(device == me || was_applied(tx, device, seq)?)
}

/// Whether the change `seq` of `device` was applied here (itself, or in a
/// snapshot).
pub(super) fn was_applied(conn: &Connection, device: &str, seq: i64) -> rusqlite::Result<bool> {
    if seq <= floor(conn, device)? {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached("SELECT 1 FROM sync_applied WHERE device = ?1 AND seq = ?2")?
        .query_row(params![device, seq], |_| Ok(()))
        .optional()?
        .is_some())
}

fn floor_key(device: &str) -> String {
    format!("floor:{device}")
}

/// Every change of `device` up to this one is applied here.
pub(super) fn floor(conn: &Connection, device: &str) -> rusqlite::Result<i64> {
    Ok(state(conn, &floor_key(device))?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

fn raise_floor(tx: &Connection, device: &str, seq: i64) -> rusqlite::Result<()> {
    if floor(tx, device)? >= seq {
        return Ok(());
    }
    tx.prepare_cached("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)")?
        .execute(params![floor_key(device), seq.to_string()])?;
    Ok(())
}

/// How many of the changes 1 to `upto` of `device` are applied here.
pub(super) fn applied_upto(conn: &Connection, device: &str, upto: i64) -> rusqlite::Result<i64> {
    let floor = floor(conn, device)?;
    if upto <= floor {
        return Ok(upto.max(0));
    }
    let above: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM sync_applied WHERE device = ?1 AND seq > ?2 AND seq <= ?3",
        )?
        .query_row(params![device, floor, upto], |r| r.get(0))?;
    Ok(floor + above)
}

/// For each other machine, every change applied here without a gap.
fn floors(conn: &Connection) -> rusqlite::Result<Vec<Floor>> {
    let mut devices: Vec<String> = conn
        .prepare("SELECT DISTINCT device FROM sync_applied")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let from_state: Vec<String> = conn
        .prepare("SELECT substr(key, 7) FROM sync_state WHERE key LIKE 'floor:%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    devices.extend(from_state);
    devices.sort();
    devices.dedup();
    let mut out = Vec::new();
    for device in devices {
        let mut seq = floor(conn, &device)?;
        let mut stmt = conn.prepare_cached(
            "SELECT seq FROM sync_applied WHERE device = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let above = stmt.query_map(params![device, seq], |r| r.get::<_, i64>(0))?;
        for next in above {
            if next? != seq + 1 {
                break;
            }
            seq += 1;
        }
        let (name, sent_at): (Option<String>, Option<NaiveDateTime>) = conn
            .prepare_cached(
                "SELECT max(name), max(sent_at) FROM sync_applied WHERE device = ?1 AND seq <= ?2",
            )?
            .query_row(params![device, seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if seq > 0 {
            out.push(Floor {
                device,
                seq,
                name: name.unwrap_or_default(),
                sent_at: sent_at.unwrap_or_default(),
            });
        }
    }
    Ok(out)
}
