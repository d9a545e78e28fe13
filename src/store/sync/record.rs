//! Recording each local transaction for sync: while this journal takes
//! part in sync, [`Store::write`](crate::store::Store::write) runs every
//! transaction under a session of SQLite's session extension attached to
//! the record tables; before it commits, the changeset it recorded is
//! stamped and put in the outbox, in the same transaction, so a change
//! and its place in the outbox are saved together or not at all.
//!
//! May use: the rest of `store`.

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::Connection;
use rusqlite::hooks::Action;
use rusqlite::session::Session;

use super::codec::{self, RowChange};
use super::{RECORD_TABLES, all_rows, change_name, read_row, set_stamp, stamp, state};

/// A transaction being recorded, for this machine.
pub struct Recorder<'conn> {
    session: Session<'conn>,
    device: String,
}

/// Starts recording the transaction on `conn` if this journal takes part
/// in sync (a journal older than sync's tables does not).
pub fn start(conn: &Connection) -> rusqlite::Result<Option<Recorder<'_>>> {
    let has_tables: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state')",
        )?
        .query_row([], |r| r.get(0))?;
    if !has_tables {
        return Ok(None);
    }
    let Some(device) = state(conn, "device")? else {
        return Ok(None);
    };
    let mut session = Session::new(conn)?;
    for table in RECORD_TABLES {
        session.attach(Some(table))?;
    }
    Ok(Some(Recorder { session, device }))
}

impl Recorder<'_> {
    /// Puts what the transaction changed in the outbox, stamped `now`
    /// (UTC), or later than any stamp of the records it changed, so the
    /// change made here on what this machine saw wins everywhere, as it
    /// did here, even if this machine's clock is behind.
    pub fn keep(mut self, conn: &Connection, now: NaiveDateTime) -> rusqlite::Result<()> {
        if self.session.is_empty() {
            return Ok(());
        }
        let mut bytes = Vec::new();
        self.session.changeset_strm(&mut bytes)?;
        drop(self.session);
        let changes = whole_rows(conn, &codec::read(&bytes)?)?;
        if changes.is_empty() {
            return Ok(());
        }
        let mut made_at = now;
        for c in &changes {
            if let Some((_, at)) = stamp(conn, &c.table, &c.id())? {
                made_at = made_at.max(at + TimeDelta::milliseconds(1));
            }
        }
        put_in_outbox(conn, &self.device, made_at, &changes)
    }
}

/// Stamps `changes` as the next change of `device` and puts it in the
/// outbox.
fn put_in_outbox(
    conn: &Connection,
    device: &str,
    made_at: NaiveDateTime,
    changes: &[RowChange],
) -> rusqlite::Result<()> {
    let seq: i64 = state(conn, "next_seq")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let by = change_name(device, seq);
    for c in changes {
        set_stamp(conn, &c.table, &c.id(), &by, made_at, c.new.is_none())?;
    }
    conn.prepare_cached("INSERT INTO sync_outbox (seq, made_at, changes) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![seq, made_at, codec::write(changes)])?;
    conn.prepare_cached("UPDATE sync_state SET value = ?1 WHERE key = 'next_seq'")?
        .execute([(seq + 1).to_string()])?;
    Ok(())
}

/// The recorded changes as whole rows: an update's unchanged columns are
/// filled in from the row as the transaction leaves it.
fn whole_rows(conn: &Connection, recorded: &[codec::Recorded]) -> rusqlite::Result<Vec<RowChange>> {
    let mut out = Vec::with_capacity(recorded.len());
    for r in recorded {
        let full = |v: &[Option<rusqlite::types::Value>]| -> Option<Vec<rusqlite::types::Value>> {
            v.iter().cloned().collect()
        };
        let change = match r.action {
            Action::SQLITE_INSERT => full(&r.new).map(|new| RowChange {
                table: r.table.clone(),
                old: None,
                new: Some(new),
            }),
            Action::SQLITE_DELETE => full(&r.old).map(|old| RowChange {
                table: r.table.clone(),
                old: Some(old),
                new: None,
            }),
            _ => {
                let id = match r.old.first() {
                    Some(Some(rusqlite::types::Value::Text(id))) => id.clone(),
                    _ => continue,
                };
                read_row(conn, &r.table, &id)?.map(|now| {
                    let old = now
                        .iter()
                        .zip(&r.old)
                        .map(|(n, o)| o.clone().unwrap_or_else(|| n.clone()))
                        .collect();
                    RowChange {
                        table: r.table.clone(),
                        old: Some(old),
                        new: Some(now),
                    }
                })
            }
        };
        out.extend(change);
    }
    Ok(out)
}

/// Puts every record in the outbox as one change, stamped `at`: what a
/// journal already holds when it starts to take part in sync.
pub fn base(conn: &Connection, device: &str, at: NaiveDateTime) -> rusqlite::Result<()> {
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
    put_in_outbox(conn, device, at, &changes)
}
