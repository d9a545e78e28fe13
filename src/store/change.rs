//! Applying a [`Change`]: every write of one action in one transaction,
//! each checked against what it expects to find there first.
//!
//! For each write, the record at its key is read, compared with the
//! expectation, written, and read back. A write whose record is no longer
//! as expected (another process, another window, later a sync changed or
//! deleted it) is left out and named in [`Applied::left`]; the rest goes
//! ahead. Records are compared whole, as read from the file, so fields the
//! store fills in itself compare as they are kept. What comes back holds
//! the change that takes this one back, expecting exactly what this one
//! left: that is how undo never erases a write made elsewhere.
//!
//! A promise's place in the list is not part of what it says: a promise is
//! compared without its position, keeps its current position when it is
//! put back, and the order of the list is written (and taken back) on its
//! own, expecting the positions it left.
//!
//! May use: `model`.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{
    check_from_row, checkin_from_row, promise_from_row, reflection_from_row, review_from_row,
    win_from_row,
};
use super::{Result, Store, Writer};
use crate::model::change::{Applied, Change, Expect, Key, Kind, Left, Record, Step, Write};
use crate::model::{Promise, PromiseVersion, Target};

impl Store {
    /// Applies `change` in one immediate transaction: every write whose
    /// expectation holds is saved, or, on an error, nothing is.
    ///
    /// A bulk change ([`Change::bulk`]) sets the derived tables' triggers
    /// aside and fills the search index once at the end
    /// ([`Writer::in_bulk`]); a write of it that takes whatever it finds is
    /// made without reading what was there, and nothing of it is kept for
    /// undo.
    pub fn apply(&mut self, change: &Change) -> Result<Applied> {
        self.write(|w| {
            if change.bulk {
                w.in_bulk(|w| apply(w, change))
            } else {
                apply(w, change)
            }
        })
    }
}

impl Writer<'_> {
    /// Makes every write of `change` as it stands, comparing nothing: for
    /// records the domain has just merged by its rule inside this same
    /// transaction (an import, batch by batch). Each write goes through
    /// the same mapping as [`Store::apply`]; nothing comes back to undo.
    pub fn write_all(&self, change: &Change) -> Result<()> {
        for Step { write, .. } in &change.steps {
            match write {
                Write::Put(record) => put(self, record, None)?,
                Write::Remove(key) => remove(self, key)?,
                Write::Order(ids) => self.set_order(ids)?,
                Write::Positions(wanted) => self.set_positions(wanted)?,
            }
        }
        Ok(())
    }

    /// The record at `key` as the file holds it now, whole: for the
    /// domain's merge of another tracker's records, which compares what
    /// they say.
    pub fn record(&self, key: &Key) -> Result<Option<Record>> {
        Ok(read(self.tx, key)?)
    }
}

fn apply(w: &Writer<'_>, change: &Change) -> Result<Applied> {
    let mut applied = Applied::default();
    for Step { write, expect } in &change.steps {
        match write {
            Write::Put(record) if change.bulk && *expect == Expect::Anything => {
                put(w, record, None)?;
            }
            Write::Put(record) => {
                put_or_remove(w, record.key(), Some(record), expect, &mut applied)?;
            }
            Write::Remove(key) => put_or_remove(w, key.clone(), None, expect, &mut applied)?,
            Write::Order(ids) => {
                let wanted: Vec<(String, i64)> = ids
                    .iter()
                    .enumerate()
                    .map(|(i, id)| (id.clone(), i as i64))
                    .collect();
                place(w, &wanted, expect, &mut applied)?;
            }
            Write::Positions(wanted) => place(w, wanted, expect, &mut applied)?,
        }
    }
    if change.bulk {
        // Years of history are not taken back record by record.
        applied.undo = Change::default();
    }
    Ok(applied)
}

/// Puts `target` at `key`, or removes what is there (`None`).
fn put_or_remove(
    w: &Writer<'_>,
    key: Key,
    target: Option<&Record>,
    expect: &Expect,
    applied: &mut Applied,
) -> Result<()> {
    let conn: &Connection = w.tx;
    let before = read(conn, &key)?;
    if same(before.as_ref(), target) {
        // Already as wanted: nothing to write, nothing to take back.
        return Ok(());
    }
    if let Expect::Record(expected) = expect
        && !holds(conn, before.as_ref(), expected.as_deref(), target.is_none())?
    {
        applied.left.push(Left {
            kind: key.kind(),
            deleted: before.is_none(),
        });
        return Ok(());
    }
    match target {
        Some(record) => put(w, record, before.as_ref())?,
        None => remove(w, &key)?,
    }
    let after = read(conn, &key)?;
    let back = match before {
        Some(record) => Write::Put(Box::new(record)),
        None => Write::Remove(key),
    };
    applied.undo.steps.insert(
        0,
        Step {
            write: back,
            expect: Expect::Record(after.map(Box::new)),
        },
    );
    Ok(())
}

/// Whether the record found (`now`) is the one expected. A promise about
/// to be removed must also still stand where it stood and hold no marks, so
/// removing it takes nothing away that was written elsewhere.
fn holds(
    conn: &Connection,
    now: Option<&Record>,
    expected: Option<&Record>,
    removing: bool,
) -> rusqlite::Result<bool> {
    match (now, removing) {
        (Some(Record::Promise(p)), true) => Ok(now == expected && !has_marks(conn, &p.id)?),
        _ => Ok(same(now, expected)),
    }
}

/// Sets the positions of the promises named in `wanted`.
fn place(
    w: &Writer<'_>,
    wanted: &[(String, i64)],
    expect: &Expect,
    applied: &mut Applied,
) -> Result<()> {
    let conn: &Connection = w.tx;
    let before = positions(conn, wanted)?;
    if before.iter().all(|p| wanted.contains(p)) {
        return Ok(());
    }
    if let Expect::Positions(expected) = expect
        && before.iter().any(|p| !expected.contains(p))
    {
        applied.left.push(Left {
            kind: Kind::Order,
            deleted: false,
        });
        return Ok(());
    }
    w.set_positions(wanted)?;
    let after = positions(conn, wanted)?;
    applied.undo.steps.insert(
        0,
        Step {
            write: Write::Positions(before),
            expect: Expect::Positions(after),
        },
    );
    Ok(())
}

fn put(w: &Writer<'_>, record: &Record, before: Option<&Record>) -> Result<()> {
    match record {
        Record::Promise(p) => {
            let mut p = p.clone();
            if let Some(Record::Promise(now)) = before {
                p.position = now.position;
            }
            w.put_promise(&p)
        }
        Record::Check(c) => w.put_check(c),
        Record::Win(win) => w.put_win(win),
        Record::CheckIn(c) => w.put_checkin(c),
        Record::Reflection(r) => w.put_reflection(r),
        Record::Review(r) => w.put_review(r),
    }
}

fn remove(w: &Writer<'_>, key: &Key) -> Result<()> {
    match key {
        Key::Promise(id) => w.delete_promise(id),
        Key::Check { promise_id, day } => w.delete_check(promise_id, *day),
        Key::Win(id) => w.delete_win(id),
        Key::CheckIn(day) => w.delete_checkin(*day),
        Key::Reflection(day) => w.delete_reflection(*day),
        Key::Review(week_start) => w.delete_review(*week_start),
    }
}

/// Whether two records (or absences) say the same; a promise's position
/// is not part of what it says.
fn same(a: Option<&Record>, b: Option<&Record>) -> bool {
    match (a, b) {
        (Some(Record::Promise(a)), Some(Record::Promise(b))) => {
            Promise {
                position: b.position,
                ..a.clone()
            } == *b
        }
        (a, b) => a == b,
    }
}

/// The record at `key`, as the file holds it now.
fn read(conn: &Connection, key: &Key) -> rusqlite::Result<Option<Record>> {
    Ok(match key {
        Key::Promise(id) => promise(conn, id)?.map(Record::Promise),
        Key::Check { promise_id, day } => conn
            .prepare_cached(
                "SELECT id, promise_id, day, status, amount, note, lesson, updated_at FROM checks
                 WHERE promise_id = ?1 AND day = ?2",
            )?
            .query_row(params![promise_id, day], check_from_row)
            .optional()?
            .map(Record::Check),
        Key::Win(id) => conn
            .prepare_cached("SELECT id, day, text, area, created_at, private FROM wins WHERE id = ?1")?
            .query_row([id], win_from_row)
            .optional()?
            .map(Record::Win),
        Key::CheckIn(day) => conn
            .prepare_cached(
                "SELECT id, day, intention, confidence, updated_at FROM checkins WHERE day = ?1",
            )?
            .query_row([day], checkin_from_row)
            .optional()?
            .map(Record::CheckIn),
        Key::Reflection(day) => conn
            .prepare_cached(
                "SELECT id, day, answers, mood, confidence, updated_at FROM reflections WHERE day = ?1",
            )?
            .query_row([day], reflection_from_row)
            .optional()?
            .map(Record::Reflection),
        Key::Review(week_start) => conn
            .prepare_cached(
                "SELECT id, week_start, answers, decisions, updated_at FROM reviews WHERE week_start = ?1",
            )?
            .query_row([week_start], review_from_row)
            .optional()?
            .map(Record::Review),
    })
}

/// One promise with its targets and wording history, in the order
/// [`Store::promises`] gives them.
fn promise(conn: &Connection, id: &str) -> rusqlite::Result<Option<Promise>> {
    let Some(mut p) = conn
        .prepare_cached("SELECT * FROM promises WHERE id = ?1")?
        .query_row([id], promise_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    p.targets = conn
        .prepare_cached(
            "SELECT id, from_day, amount FROM targets WHERE promise_id = ?1 ORDER BY from_day",
        )?
        .query_map([id], |r| {
            Ok(Target {
                id: r.get(0)?,
                from: r.get(1)?,
                amount: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.versions = conn
        .prepare_cached(
            "SELECT id, from_day, text, cue, smaller FROM promise_versions
             WHERE promise_id = ?1 ORDER BY from_day",
        )?
        .query_map([id], |r| {
            Ok(PromiseVersion {
                id: r.get(0)?,
                from: r.get(1)?,
                text: r.get(2)?,
                cue: r.get(3)?,
                smaller: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(p))
}

/// Whether any day holds a mark of the promise.
fn has_marks(conn: &Connection, promise_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM checks WHERE promise_id = ?1)")?
        .query_row([promise_id], |r| r.get(0))
}

/// The positions of those of `ids` still in the journal, in that order.
fn positions(conn: &Connection, ids: &[(String, i64)]) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT position FROM promises WHERE id = ?1")?;
    let mut found = Vec::with_capacity(ids.len());
    for (id, _) in ids {
        if let Some(position) = stmt.query_row([id], |r| r.get(0)).optional()? {
            found.push((id.clone(), position));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Win;
    use crate::store::Access;

    /// A search for one word of the word index.
    fn words(word: &str) -> crate::model::SearchQuery {
        crate::model::SearchQuery {
            words: Some(format!("\"{word}\"*")),
            ..Default::default()
        }
    }

    fn win(text: &str, created_at: &str) -> Win {
        Win {
            id: "w".into(),
            day: NaiveDate::from_ymd_opt(2026, 11, 21).expect("day"),
            text: text.into(),
            area: None,
            created_at: chrono::NaiveDateTime::parse_from_str(created_at, "%Y-%m-%dT%H:%M")
                .expect("moment"),
            private: false,
        }
    }

    fn wins(store: &Store) -> Vec<Win> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        store.wins_between(day, day).expect("wins")
    }

    #[test]
    fn undo_expects_what_the_file_kept_and_takes_writes_back_last_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .expect("now");
        let mut store = Store::open_at(&dir.path().join("j.db"), now, Access::Write).expect("open");
        let mut add = Change::default();
        add.win(win("first", "2026-11-21T08:00"));
        let added = store.apply(&add).expect("add");
        // Two edits in one change; the second names another moment, which
        // the file does not take (a win keeps the moment it was made).
        let mut edits = Change::default();
        edits.win(win("second", "2026-11-21T08:00"));
        edits.win(win("third", "2026-11-21T09:00"));
        let edited = store.apply(&edits).expect("edit");
        assert_eq!(wins(&store)[0].text, "third");

        let undone = store.apply(&edited.undo).expect("undo the edits");
        assert!(undone.left.is_empty(), "{:?}", undone.left);
        assert_eq!(wins(&store), [win("first", "2026-11-21T08:00")]);
        let undone = store.apply(&added.undo).expect("undo the add");
        assert!(undone.left.is_empty(), "{:?}", undone.left);
        assert!(wins(&store).is_empty());
    }

    #[test]
    fn a_bulk_change_writes_every_record_fills_the_search_index_and_keeps_no_undo() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .expect("now");
        let mut store = Store::open_at(&dir.path().join("j.db"), now, Access::Write).expect("open");
        let data = crate::model::Export {
            format: crate::model::EXPORT_FORMAT.into(),
            version: crate::model::EXPORT_VERSION,
            exported_at: now,
            from: None,
            to: None,
            promises: Vec::new(),
            checks: Vec::new(),
            wins: vec![
                win("swam in the cold lake", "2026-11-21T08:00"),
                Win {
                    id: "w2".into(),
                    ..win("baked rye bread", "2026-11-21T08:10")
                },
            ],
            checkins: Vec::new(),
            reflections: Vec::new(),
            reviews: Vec::new(),
        };
        let applied = store.apply(&Change::bulk(data)).expect("bulk");
        assert!(
            applied.undo.is_empty(),
            "years of history are not undone step by step"
        );
        assert_eq!(wins(&store).len(), 2);
        for word in ["lake", "rye"] {
            assert_eq!(
                store.search(&words(word), 10).expect("search").len(),
                1,
                "{word}"
            );
        }
        // The index's triggers are back: a later write is found too.
        let mut one = Change::default();
        one.win(Win {
            id: "w3".into(),
            ..win("fixed the bike", "2026-11-21T09:00")
        });
        store.apply(&one).expect("one more");
        assert_eq!(store.search(&words("bike"), 10).expect("search").len(), 1);
    }
}
