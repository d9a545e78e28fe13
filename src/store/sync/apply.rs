//! Applying another machine's change: SQLite applies the changeset, and
//! the merge rule decides each row.
//!
//! For every row the change writes or removes, the rule (the domain's
//! `merge::incoming_wins`, passed in) compares the change's stamp (when it
//! was made, then which change it is) with the stamp of the record here,
//! a removal's included: the newer wins, so a removed record stays removed
//! unless it was changed after it was removed. What wins is written as a
//! changeset of whole rows, expecting each row exactly as it is here, and
//! applied by SQLite's `sqlite3changeset_apply`; its conflict handler
//! keeps the record here if the row is no longer as expected (nothing
//! else writes inside this transaction, so that means a bug, not a merge),
//! and holds the whole change back if it refers to a record this journal
//! does not have yet (a promise another machine's change brings): it is
//! tried again on the next sync. A promise's short number belongs to
//! this journal ([`Numbers`]): a promise another machine added keeps its
//! number unless one here has it, then takes the next free one, and a
//! change to a promise here never changes its number. Each version that
//! loses is kept in
//! `sync_lost`, and the change goes in the ledger, in the same
//! transaction, so it is never applied twice.
//!
//! A snapshot's rows go through the same merge ([`merge_items`]), each
//! with the stamp of the change that last wrote it (`snapshot.rs`); a row
//! stamped exactly as the record here (that very change is here already)
//! is passed over.
//!
//! May use: the rest of `store`.

use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use rusqlite::session::{ConflictAction, ConflictType};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::codec::{self, Row, RowChange};
use super::{RECORD_TABLES, change_name, read_row, set_stamp, stamp};
use crate::store::{Result, Stamp, Store, Writer};

/// Another machine's change, decrypted.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub device: String,
    pub seq: i64,
    /// When it was made, UTC, by that machine's clock.
    pub made_at: NaiveDateTime,
    /// When that machine wrote it to the folder, UTC.
    pub sent_at: NaiveDateTime,
    /// That machine's name.
    pub name: String,
    /// The changeset.
    pub changes: Vec<u8>,
}

/// What applying a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Applied: this many rows written or removed, this many versions lost
    /// a merge (kept in `sync_lost`).
    Applied { written: usize, lost: usize },
    /// Applied before; nothing done.
    AlreadyApplied,
    /// It refers to a record this journal does not have yet; nothing done.
    Waiting,
}

/// The merge rule: whether a change named `by`, made at `at`, replaces the
/// record stamped `stored` (or comes in where there is none).
pub type Rule = dyn Fn(Option<&Stamp>, &str, NaiveDateTime) -> bool;

impl Store {
    /// Applies `incoming` by `rule`, in one transaction, unless it was
    /// applied before. The change is not recorded for sync again.
    pub fn sync_apply(&mut self, incoming: &Incoming, rule: &Rule) -> Result<Outcome> {
        if self.sync_was_applied(&incoming.device, incoming.seq)? {
            return Ok(Outcome::AlreadyApplied);
        }
        self.write_unrecorded(|w| apply(w, incoming, rule))
    }
}

/// One row another machine wrote or removed, with the stamp of the change
/// that did.
pub(super) struct Item {
    pub table: String,
    pub id: String,
    /// The row as that change left it (`None`: removed).
    pub new: Option<Row>,
    /// The change's name (`device/sequence`) and when it was made.
    pub by: String,
    pub at: NaiveDateTime,
}

/// What to write, and which versions lost.
struct Plan {
    writes: Vec<RowChange>,
    /// Each row decided for the incoming change: table, id, removed, and
    /// the stamp it gets.
    stamps: Vec<(String, String, bool, String, NaiveDateTime)>,
    /// Each version that lost: table, id, row, the change that wrote it,
    /// and when the change it lost to was made.
    lost: Vec<(String, String, Vec<Value>, String, NaiveDateTime)>,
}

fn apply(w: &Writer<'_>, incoming: &Incoming, rule: &Rule) -> Result<Outcome> {
    let by = change_name(&incoming.device, incoming.seq);
    let items = codec::read_rows(&incoming.changes)?
        .into_iter()
        .map(|c| Item {
            id: c.id(),
            table: c.table,
            new: c.new,
            by: by.clone(),
            at: incoming.made_at,
        })
        .collect();
    let outcome = merge_items(w, items, rule, &|_| true)?;
    if outcome != Outcome::Waiting {
        w.tx.prepare_cached(
            "INSERT INTO sync_applied (device, seq, sent_at, name) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(rusqlite::params![
            incoming.device,
            incoming.seq,
            incoming.sent_at,
            incoming.name
        ])?;
    }
    Ok(outcome)
}

/// How many rows one merge writes before the derived tables (search
/// index, checkpoints) are filled once at the end rather than row by row,
/// as an import does.
const BULK_ROWS: usize = 2_000;

/// Merges `items` into the records by `rule`, inside `w`'s transaction:
/// writes what wins as one changeset SQLite applies, stamps it, and keeps
/// each version that lost (an incoming one only if `keep_lost` says so).
/// `Waiting` (nothing written) if it refers to a record not here yet.
pub(super) fn merge_items(
    w: &Writer<'_>,
    items: Vec<Item>,
    rule: &Rule,
    keep_lost: &dyn Fn(&Item) -> bool,
) -> Result<Outcome> {
    let tx: &Connection = w.tx;
    let plan = plan(tx, items, rule, keep_lost)?;
    let bulk = if plan.writes.len() > BULK_ROWS {
        Some(w.bulk_begin()?)
    } else {
        None
    };
    let outcome = write_plan(tx, &plan)?;
    if let Some(bulk) = bulk {
        // Put back even when held back: the triggers belong to the journal.
        w.bulk_end(bulk)?;
    }
    Ok(outcome)
}

fn write_plan(tx: &Connection, plan: &Plan) -> rusqlite::Result<Outcome> {
    let bytes = codec::write(&plan.writes);
    let held_back = Arc::new(Mutex::new(false));
    let flag = Arc::clone(&held_back);
    let result = tx.apply_strm(
        &mut &bytes[..],
        None::<fn(&str) -> bool>,
        move |kind, _item| match kind {
            ConflictType::SQLITE_CHANGESET_FOREIGN_KEY => {
                if let Ok(mut f) = flag.lock() {
                    *f = true;
                }
                ConflictAction::SQLITE_CHANGESET_ABORT
            }
            _ => ConflictAction::SQLITE_CHANGESET_OMIT,
        },
    );
    if held_back.lock().map(|f| *f).unwrap_or(false) {
        return Ok(Outcome::Waiting);
    }
    result?;
    for (table, id, gone, by, at) in &plan.stamps {
        set_stamp(tx, table, id, by, *at, *gone)?;
    }
    for (table, id, row, lost_by, merged) in &plan.lost {
        tx.prepare_cached(
            "INSERT INTO sync_lost (merged, tbl, id, row, by) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(rusqlite::params![merged, table, id, row_json(row), lost_by])?;
    }
    Ok(Outcome::Applied {
        written: plan.writes.len(),
        lost: plan.lost.len(),
    })
}

/// Decides each item by `rule` against the record here.
fn plan(
    tx: &Connection,
    mut items: Vec<Item>,
    rule: &Rule,
    keep_lost: &dyn Fn(&Item) -> bool,
) -> rusqlite::Result<Plan> {
    let mut plan = Plan {
        writes: Vec::new(),
        stamps: Vec::new(),
        lost: Vec::new(),
    };
    // Promises first: one brought back by this change keeps the marks
    // that come with it.
    items.retain(|c| RECORD_TABLES.contains(&c.table.as_str()));
    items.sort_by_key(|c| c.table != "promises");
    let mut revived = Vec::new();
    let mut numbers = Numbers::of(tx)?;
    for mut item in items {
        let stored = stamp(tx, &item.table, &item.id)?;
        if stored
            .as_ref()
            .is_some_and(|(by, at)| *by == item.by && *at == item.at)
        {
            // This very change is here already (a snapshot holds it).
            continue;
        }
        let here = read_row(tx, &item.table, &item.id)?;
        if item.table == "promises" {
            numbers.keep(&item.id, here.as_deref(), item.new.as_mut());
        }
        let wins = rule(stored.as_ref(), &item.by, item.at);
        if wins && item.table == "promises" && item.new.is_some() {
            revived.push(item.id.clone());
        }
        if !wins || of_a_removed_promise(tx, &item, &revived)? {
            if keep_lost(&item)
                && let Some(row) = item.new
            {
                plan.lost.push((item.table, item.id, row, item.by, item.at));
            }
            continue;
        }
        let replaced_by = stored.map(|(b, _)| b).unwrap_or_default();
        plan.stamps.push((
            item.table.clone(),
            item.id.clone(),
            item.new.is_none(),
            item.by.clone(),
            item.at,
        ));
        let Item {
            table, id, new, at, ..
        } = item;
        match (here, new) {
            (Some(here), Some(new)) if here != new => {
                plan.lost
                    .push((table.clone(), id, here.clone(), replaced_by, at));
                plan.writes.push(RowChange {
                    table,
                    old: Some(here),
                    new: Some(new),
                });
            }
            (None, Some(new)) => plan.writes.push(RowChange {
                table,
                old: None,
                new: Some(new),
            }),
            (Some(here), None) => {
                plan.lost
                    .push((table.clone(), id, here.clone(), replaced_by, at));
                plan.writes.push(RowChange {
                    table,
                    old: Some(here),
                    new: None,
                });
            }
            _ => {}
        }
    }
    Ok(plan)
}

/// The short numbers of this journal's promises (`smallwins kept 2`):
/// each machine's own, so two promises added apart never share one and a
/// promise is never left out for its number.
struct Numbers {
    /// The `number` column of a promise's row.
    column: Option<usize>,
    /// Number to promise id.
    taken: std::collections::HashMap<i64, String>,
}

impl Numbers {
    fn of(tx: &Connection) -> rusqlite::Result<Numbers> {
        let column = tx
            .prepare("SELECT * FROM promises LIMIT 0")?
            .column_index("number")
            .ok();
        let mut stmt = tx.prepare("SELECT number, id FROM promises WHERE number > 0")?;
        let taken = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Numbers { column, taken })
    }

    /// Gives the incoming row `new` of promise `id` the number it has here
    /// (`here`), or, for a promise new here, its own number if free, else
    /// the next free one.
    fn keep(&mut self, id: &str, here: Option<&[Value]>, new: Option<&mut Vec<Value>>) {
        let (Some(column), Some(new)) = (self.column, new) else {
            return;
        };
        if let Some(number) = here.and_then(|row| row.get(column)) {
            if let Some(slot) = new.get_mut(column) {
                *slot = number.clone();
            }
            return;
        }
        let Some(Value::Integer(number)) = new.get(column).cloned() else {
            return;
        };
        if number <= 0 {
            return;
        }
        let number = match self.taken.get(&number) {
            Some(other) if other != id => self.taken.keys().max().copied().unwrap_or(0) + 1,
            _ => number,
        };
        self.taken.insert(number, id.to_string());
        new[column] = Value::Integer(number);
    }
}

/// Whether `change` writes a mark, target or wording of a promise that was
/// removed here (undo of adding it, on another machine): what belonged to
/// it went with it, there as here.
fn of_a_removed_promise(
    tx: &Connection,
    item: &Item,
    revived: &[String],
) -> rusqlite::Result<bool> {
    if !matches!(
        item.table.as_str(),
        "checks" | "targets" | "promise_versions"
    ) {
        return Ok(false);
    }
    let Some(Value::Text(promise)) = item.new.as_ref().and_then(|row| row.get(1)) else {
        return Ok(false);
    };
    if revived.contains(promise) {
        return Ok(false);
    }
    let gone: Option<bool> = tx
        .prepare_cached("SELECT gone FROM sync_stamps WHERE tbl = 'promises' AND id = ?1")?
        .query_row([promise], |r| r.get(0))
        .optional()?;
    Ok(gone == Some(true))
}

/// A row as a JSON array (a blob as hex), to keep a version that lost.
fn row_json(row: &[Value]) -> String {
    let values: Vec<serde_json::Value> = row
        .iter()
        .map(|v| match v {
            Value::Null => serde_json::Value::Null,
            Value::Integer(i) => (*i).into(),
            Value::Real(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Text(t) => t.clone().into(),
            Value::Blob(b) => b
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
                .into(),
        })
        .collect();
    serde_json::Value::Array(values).to_string()
}
