//! `smallwins check`: SQLite's full integrity check, on a journal that may
//! be damaged, without changing it or creating anything beside it.
//!
//! May use: the rest of `store`.

use std::path::Path;

use rusqlite::ErrorCode;

use super::connect::{Found, How, Peek, check_header, connect, look_at};
use super::key::Key;
use super::open::open_error;
use super::shape;
use super::{Counts, Result, StoreError};

/// Problems listed at most; one is enough to know the file is damaged.
const MAX_PROBLEMS: usize = 20;

/// What the integrity check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// SQLite's own descriptions of what is wrong; empty when all is well.
    pub problems: Vec<String>,
    /// The records, when the journal is sound.
    pub counts: Option<Counts>,
}

impl Health {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    fn damaged(why: &str) -> Health {
        Health {
            problems: vec![why.to_string()],
            counts: None,
        }
    }
}

/// Runs `PRAGMA integrity_check` on the journal at `path`, unlocked with
/// `key` when it is encrypted. A file that is
/// not a smallwins journal, is newer than this build, or holds a schema
/// object a journal does not have, is an error; a damaged journal is a
/// [`Health`] with problems.
pub fn check(path: &Path, key: &Key) -> Result<Health> {
    match look_at(path)? {
        Found::Missing => return Err(StoreError::NoJournal(path.to_path_buf())),
        // An empty file is a journal not set up yet: nothing in it to damage.
        Found::Empty => {
            return Ok(Health {
                problems: Vec::new(),
                counts: Some(Counts::default()),
            });
        }
        Found::File => {}
    }
    match check_header(path) {
        Ok(_) => {}
        Err(StoreError::Corrupt(_)) => {
            return Ok(Health::damaged(
                "the file is shorter than its header says, or its version is impossible",
            ));
        }
        Err(e) => return Err(e),
    }
    let conn = connect(path, How::Read, key)?;
    let peek = match Peek::read(&conn) {
        Ok(peek) => peek,
        Err(e) if is_damage(&e) => return Ok(Health::damaged("the schema cannot be read")),
        Err(e) => return Err(open_error(path, e)),
    };
    match peek.refuse_foreign(path) {
        Ok(_) => {}
        Err(StoreError::Corrupt(_)) => {
            return Ok(Health::damaged("the journal's tables are missing"));
        }
        Err(e) => return Err(e),
    }
    // A schema object someone added is named, not called sound.
    if !peek.fresh() {
        shape::refuse_strangers(&conn, path, peek.version)?;
    }
    let rows = conn
        .prepare(&format!("PRAGMA integrity_check({MAX_PROBLEMS})"))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    let problems = match rows {
        Ok(rows) if rows == ["ok"] => Vec::new(),
        Ok(rows) => rows,
        Err(e) if is_damage(&e) => vec!["a page cannot be read".to_string()],
        Err(e) => return Err(open_error(path, e)),
    };
    let counts = if problems.is_empty() {
        Some(super::read_counts(&conn).map_err(|e| open_error(path, e))?)
    } else {
        None
    };
    Ok(Health { problems, counts })
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}
