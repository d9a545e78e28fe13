//! SQLite changesets as bytes: reading them with the session extension's
//! own iterator, and writing them in the session extension's documented
//! file format (<https://sqlite.org/sessionintro.html>, "changeset
//! format"), so what sync ships and applies is always a changeset SQLite
//! itself reads and applies.
//!
//! A changeset the session extension records names, for an update, only
//! the columns that changed. Sync ships whole rows instead: a machine that
//! missed an earlier change (or wins a conflict) must be able to write the
//! row as it was meant, not a mix of two versions. [`Row`] is one whole row.
//!
//! May use: nothing of ours.

use std::collections::BTreeMap;

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::{Value, ValueRef};

/// One row, every column in the table's order.
pub type Row = Vec<Value>;

/// One change to one row, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    /// The row before (`None` for an insert).
    pub old: Option<Row>,
    /// The row after (`None` for a delete).
    pub new: Option<Row>,
}

impl RowChange {
    /// The row's primary key (its first column, `id`, in every record
    /// table), as text.
    pub fn id(&self) -> String {
        let row = self.new.as_ref().or(self.old.as_ref());
        match row.and_then(|r| r.first()) {
            Some(Value::Text(t)) => t.clone(),
            Some(Value::Integer(i)) => i.to_string(),
            _ => String::new(),
        }
    }
}

/// One change as the session extension recorded it: values it left out
/// (an update's unchanged columns) are `None`.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub table: String,
    pub action: Action,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

/// Reads every change of a changeset.
pub fn read(bytes: &[u8]) -> rusqlite::Result<Vec<Recorded>> {
    let mut input: &[u8] = bytes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let table = op.table_name().to_string();
        let action = op.code();
        let n = usize::try_from(op.number_of_columns()).unwrap_or(0);
        let mut old = vec![None; n];
        let mut new = vec![None; n];
        for col in 0..n {
            if matches!(action, Action::SQLITE_DELETE | Action::SQLITE_UPDATE) {
                old[col] = defined(item.old_value(col))?;
            }
            if matches!(action, Action::SQLITE_INSERT | Action::SQLITE_UPDATE) {
                new[col] = defined(item.new_value(col))?;
            }
        }
        out.push(Recorded {
            table,
            action,
            old,
            new,
        });
    }
    Ok(out)
}

/// A value the changeset holds, or `None` where it holds none (an
/// update's unchanged column).
fn defined(v: rusqlite::Result<ValueRef<'_>>) -> rusqlite::Result<Option<Value>> {
    match v {
        Ok(v) => Ok(Some(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })),
        Err(rusqlite::Error::InvalidColumnIndex(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whole-row changes decoded from a changeset this module wrote.
pub fn read_rows(bytes: &[u8]) -> rusqlite::Result<Vec<RowChange>> {
    Ok(read(bytes)?
        .into_iter()
        .map(|r| {
            let whole = |v: Vec<Option<Value>>| -> Row {
                v.into_iter().map(|v| v.unwrap_or(Value::Null)).collect()
            };
            let (old, new) = match r.action {
                Action::SQLITE_INSERT => (None, Some(whole(r.new))),
                Action::SQLITE_DELETE => (Some(whole(r.old)), None),
                _ => {
                    // An update leaves out an unchanged key; it is the old one.
                    let old = whole(r.old);
                    let new = r
                        .new
                        .into_iter()
                        .zip(&old)
                        .map(|(n, o)| n.unwrap_or_else(|| o.clone()))
                        .collect();
                    (Some(old), Some(new))
                }
            };
            RowChange {
                table: r.table,
                old,
                new,
            }
        })
        .collect())
}

/// Writes `changes` as one changeset. Each table's changes are grouped
/// under its header (the first column is the primary key); an update holds
/// every column of the row before, and every column but the key after, so
/// applying it checks the whole row it expects and writes the whole row.
pub fn write(changes: &[RowChange]) -> Vec<u8> {
    let mut by_table: BTreeMap<&str, Vec<&RowChange>> = BTreeMap::new();
    for c in changes {
        by_table.entry(c.table.as_str()).or_default().push(c);
    }
    let mut out = Vec::new();
    for (table, changes) in by_table {
        let Some(columns) = changes
            .iter()
            .find_map(|c| c.new.as_ref().or(c.old.as_ref()).map(Vec::len))
        else {
            continue;
        };
        out.push(b'T');
        put_varint(&mut out, columns as u64);
        out.push(1);
        out.extend(std::iter::repeat_n(0u8, columns - 1));
        out.extend_from_slice(table.as_bytes());
        out.push(0);
        for c in changes {
            match (&c.old, &c.new) {
                (None, Some(new)) => {
                    out.extend([SQLITE_INSERT, 0]);
                    record(&mut out, new.iter().map(Some));
                }
                (Some(old), None) => {
                    out.extend([SQLITE_DELETE, 0]);
                    record(&mut out, old.iter().map(Some));
                }
                (Some(old), Some(new)) => {
                    out.extend([SQLITE_UPDATE, 0]);
                    record(&mut out, old.iter().map(Some));
                    record(
                        &mut out,
                        new.iter().enumerate().map(|(i, v)| (i > 0).then_some(v)),
                    );
                }
                (None, None) => {}
            }
        }
    }
    out
}

const SQLITE_INSERT: u8 = 18;
const SQLITE_UPDATE: u8 = 23;
const SQLITE_DELETE: u8 = 9;

fn record<'a>(out: &mut Vec<u8>, values: impl Iterator<Item = Option<&'a Value>>) {
    for v in values {
        match v {
            None => out.push(0),
            Some(Value::Integer(i)) => {
                out.push(1);
                out.extend(i.to_be_bytes());
            }
            Some(Value::Real(f)) => {
                out.push(2);
                out.extend(f.to_bits().to_be_bytes());
            }
            Some(Value::Text(t)) => {
                out.push(3);
                put_varint(out, t.len() as u64);
                out.extend_from_slice(t.as_bytes());
            }
            Some(Value::Blob(b)) => {
                out.push(4);
                put_varint(out, b.len() as u64);
                out.extend_from_slice(b);
            }
            Some(Value::Null) => out.push(5),
        }
    }
}

/// SQLite's variable-length integer: seven bits a byte, most significant
/// first, the high bit set on every byte but the last; a ninth byte, if
/// needed, carries eight bits.
fn put_varint(out: &mut Vec<u8>, v: u64) {
    if v >> 56 != 0 {
        let mut buf = [0u8; 9];
        buf[8] = v as u8;
        let mut rest = v >> 8;
        for b in buf[..8].iter_mut().rev() {
            *b = ((rest & 0x7f) | 0x80) as u8;
            rest >>= 7;
        }
        out.extend(buf);
        return;
    }
    let mut buf = Vec::with_capacity(9);
    let mut rest = v;
    loop {
        buf.push(((rest & 0x7f) | 0x80) as u8);
        rest >>= 7;
        if rest == 0 {
            break;
        }
    }
    buf[0] &= 0x7f;
    buf.reverse();
    out.extend(buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_sqlites() {
        let enc = |v| {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            out
        };
        assert_eq!(enc(0), [0]);
        assert_eq!(enc(127), [0x7f]);
        assert_eq!(enc(128), [0x81, 0x00]);
        assert_eq!(enc(300), [0x82, 0x2c]);
    }

    #[test]
    fn what_is_written_reads_back_whole() {
        let row = |text: &str| -> Row {
            vec![
                Value::Text("a".into()),
                Value::Text(text.into()),
                Value::Integer(-3),
                Value::Real(2.5),
                Value::Null,
                Value::Blob(vec![0, 1, 2]),
            ]
        };
        let changes = vec![
            RowChange {
                table: "t".into(),
                old: None,
                new: Some(row("x".repeat(300).as_str())),
            },
            RowChange {
                table: "t".into(),
                old: Some(row("x")),
                new: Some(row("y")),
            },
            RowChange {
                table: "u".into(),
                old: Some(row("z")),
                new: None,
            },
        ];
        let back = read_rows(&write(&changes)).expect("SQLite reads it");
        assert_eq!(back, changes);
    }
}
