//! Wins found by their key (`model::win_key`), for the shell's short ids:
//! the keys just before and after one, and the wins whose key starts with
//! what was typed. Each is a look-up in `wins_by_key`, whatever the size
//! of the journal.
//!
//! May use: `model` and the rest of `store`.

use rusqlite::{OptionalExtension, params};

use super::rows::win_from_row;
use super::{Result, Store};
use crate::model::Win;

impl Store {
    /// The keys of other wins just before and just after `key` in key order
    /// (`id` is the win whose key it is, left out).
    pub fn win_key_neighbours(
        &self,
        key: &str,
        id: &str,
    ) -> Result<(Option<String>, Option<String>)> {
        let before = self
            .conn
            .prepare_cached(
                "SELECT key FROM wins WHERE key <= ?1 AND id != ?2 ORDER BY key DESC LIMIT 1",
            )?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?;
        let after = self
            .conn
            .prepare_cached(
                "SELECT key FROM wins WHERE key >= ?1 AND id != ?2 ORDER BY key LIMIT 1",
            )?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?;
        Ok((before, after))
    }

    /// Every win whose key starts with `prefix` (lower-case hex digits), or
    /// whose id is `id`.
    pub fn wins_named(&self, prefix: &str, id: &str) -> Result<Vec<Win>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, text, area, created_at, private FROM wins
             WHERE (key >= ?1 AND key < ?1 || 'g') OR id = ?2
             ORDER BY day, created_at, id",
        )?;
        Ok(stmt
            .query_map(params![prefix, id], win_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
