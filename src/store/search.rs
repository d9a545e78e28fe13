//! The search index: every win, note, lesson, intention, reflection answer
//! and weekly answer, in an SQLite FTS5 table, and the one query that reads
//! it.
//!
//! The index is kept in step by triggers on the record tables, so every
//! write reaches it whatever made it: a key in the full-screen journal, a
//! command, an import, an undo, a restore. `search_entries` holds one row
//! per piece of text (its kind, the record's id, the prompt key of an
//! answer, the day); `search` is the FTS5 index over it (external
//! content), with FTS5's `secure-delete` on, so the words of deleted text
//! leave the index at once, as the journal's own `secure_delete` does for
//! the tables. The words are stemmed (Porter) and accents folded, so
//! "walk" finds "walked" and "cafe" finds "café".
//!
//! Scripts written without spaces (Chinese, Japanese, Thai…) have no words
//! to index: a whole run of them is one token there. So the text that has
//! any of their characters (`model::SPACELESS`) is also in
//! `search_trigram`, FTS5's trigram index over the same entries (accents
//! folded too, secure-delete on), where any piece of three characters or
//! more is found; a piece of one or two characters is found by reading
//! the text (`instr`), as trigrams need three. Latin words are looked up
//! in the word index only, ranked as before.
//!
//! [`SCHEMA`] is one self-contained migration: it creates the tables and
//! triggers and indexes what an older journal already holds; [`TRIGRAM`]
//! (version 10) adds the trigram index the same way.
//!
//! May use: `model`.

use chrono::NaiveDate;

use super::{Result, Store, Writer};
use crate::model::{SearchHit, SearchKind, SearchQuery};

/// Fills `search_entries` from the records, each piece of text as its
/// trigger would: the migration's last step, and the end of a bulk write.
macro_rules! fill_sql {
    () => {
        "INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'win', t.id, '', t.day, t.text FROM wins AS t;
INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'note', t.id, '', t.day, t.note FROM checks AS t WHERE trim(coalesce(t.note, '')) <> '';
INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'lesson', t.id, '', t.day, t.lesson FROM checks AS t WHERE trim(coalesce(t.lesson, '')) <> '';
INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'intention', t.id, '', t.day, t.intention FROM checkins AS t WHERE trim(coalesce(t.intention, '')) <> '';
INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'answer', t.id, j.key, t.day, j.value FROM reflections AS t, json_each(CASE WHEN json_valid(t.answers) THEN t.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
INSERT INTO search_entries (kind, record, field, day, text)
    SELECT 'weekly', t.id, j.key, t.week_start, j.value FROM reviews AS t, json_each(CASE WHEN json_valid(t.answers) THEN t.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
"
    };
}

/// The migration that adds the search index.
pub const SCHEMA: &str = concat!(
    "
CREATE TABLE search_entries (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    record  TEXT NOT NULL,
    field   TEXT NOT NULL DEFAULT '',
    day     TEXT NOT NULL,
    text    TEXT NOT NULL,
    UNIQUE (record, kind, field)
) STRICT;

CREATE VIRTUAL TABLE search USING fts5(
    text,
    content = 'search_entries',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search (search, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
    INSERT INTO search (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
    INSERT INTO search (search, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER wins_search_insert AFTER INSERT ON wins BEGIN
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'win', new.id, '', new.day, new.text;
END;

CREATE TRIGGER wins_search_delete AFTER DELETE ON wins BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('win');
END;

CREATE TRIGGER wins_search_update AFTER UPDATE ON wins BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('win');
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'win', new.id, '', new.day, new.text;
END;

CREATE TRIGGER checks_search_insert AFTER INSERT ON checks BEGIN
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'note', new.id, '', new.day, new.note WHERE trim(coalesce(new.note, '')) <> '';
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'lesson', new.id, '', new.day, new.lesson WHERE trim(coalesce(new.lesson, '')) <> '';
END;

CREATE TRIGGER checks_search_delete AFTER DELETE ON checks BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('note', 'lesson');
END;

CREATE TRIGGER checks_search_update AFTER UPDATE ON checks BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('note', 'lesson');
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'note', new.id, '', new.day, new.note WHERE trim(coalesce(new.note, '')) <> '';
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'lesson', new.id, '', new.day, new.lesson WHERE trim(coalesce(new.lesson, '')) <> '';
END;

CREATE TRIGGER checkins_search_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'intention', new.id, '', new.day, new.intention WHERE trim(coalesce(new.intention, '')) <> '';
END;

CREATE TRIGGER checkins_search_delete AFTER DELETE ON checkins BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('intention');
END;

CREATE TRIGGER checkins_search_update AFTER UPDATE ON checkins BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('intention');
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'intention', new.id, '', new.day, new.intention WHERE trim(coalesce(new.intention, '')) <> '';
END;

CREATE TRIGGER reflections_search_insert AFTER INSERT ON reflections BEGIN
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'answer', new.id, j.key, new.day, j.value FROM json_each(CASE WHEN json_valid(new.answers) THEN new.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
END;

CREATE TRIGGER reflections_search_delete AFTER DELETE ON reflections BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('answer');
END;

CREATE TRIGGER reflections_search_update AFTER UPDATE ON reflections BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('answer');
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'answer', new.id, j.key, new.day, j.value FROM json_each(CASE WHEN json_valid(new.answers) THEN new.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
END;

CREATE TRIGGER reviews_search_insert AFTER INSERT ON reviews BEGIN
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'weekly', new.id, j.key, new.week_start, j.value FROM json_each(CASE WHEN json_valid(new.answers) THEN new.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
END;

CREATE TRIGGER reviews_search_delete AFTER DELETE ON reviews BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('weekly');
END;

CREATE TRIGGER reviews_search_update AFTER UPDATE ON reviews BEGIN
    DELETE FROM search_entries WHERE record = old.id AND kind IN ('weekly');
    INSERT INTO search_entries (kind, record, field, day, text)
        SELECT 'weekly', new.id, j.key, new.week_start, j.value FROM json_each(CASE WHEN json_valid(new.answers) THEN new.answers ELSE '{}' END) AS j WHERE j.type = 'text' AND trim(j.value) <> '';
END;

",
    fill_sql!()
);

/// The GLOB class of the characters of scripts written without spaces,
/// `model::SPACELESS` written out (a test checks they agree).
macro_rules! spaceless_glob {
    () => {
        "'*[\u{0E00}-\u{0EFF}\u{1000}-\u{109F}\u{1780}-\u{17FF}\u{2E80}-\u{9FFF}\u{A000}-\u{A4CF}\u{AC00}-\u{D7AF}\u{F900}-\u{FAFF}\u{FF66}-\u{FF9F}\u{20000}-\u{3FFFF}]*'"
    };
}

/// Fills the trigram index from `search_entries`: the migration's last
/// step, and the end of a bulk write. Entries all in ASCII (as many bytes
/// as characters) are passed over before the GLOB, whose class of ranges
/// costs a scan per character: on ten years of English entries the GLOB
/// alone was a fifth of an import.
macro_rules! fill_trigram_sql {
    () => {
        concat!(
            "INSERT INTO search_trigram (rowid, text) SELECT id, text FROM search_entries
             WHERE octet_length(text) > length(text) AND text GLOB ",
            spaceless_glob!(),
            ";\n"
        )
    };
}
/// The migration to version 10: the trigram index of the entries with
/// characters of a script written without spaces, kept in step by the
/// entries' own triggers, and filled from what the journal holds.
pub const TRIGRAM: &str = concat!(
    "
CREATE VIRTUAL TABLE search_trigram USING fts5(
    text,
    content = 'search_entries',
    content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO search_trigram (search_trigram, rank) VALUES ('secure-delete', 1);

DROP TRIGGER search_entries_insert;
CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
    INSERT INTO search (rowid, text) VALUES (new.id, new.text);
    INSERT INTO search_trigram (rowid, text) SELECT new.id, new.text
        WHERE new.text GLOB ",
    spaceless_glob!(),
    ";
END;

DROP TRIGGER search_entries_delete;
CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
    INSERT INTO search (search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO search_trigram (search_trigram, rowid, text) SELECT 'delete', old.id, old.text
        WHERE old.text GLOB ",
    spaceless_glob!(),
    ";
END;
",
    fill_trigram_sql!()
);

/// The triggers that keep derived tables in step with the records, one
/// row at a time: the search index's (here) and the checkpoints'
/// (`checkpoints.rs`).
const DERIVED_TRIGGERS: &str = r"SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
    AND (name LIKE 'search\_entries\_%' ESCAPE '\' OR name LIKE '%\_search\_%' ESCAPE '\'
         OR name LIKE '%\_checkpoints\_%' ESCAPE '\')
    ORDER BY name";

/// The derived tables' triggers, set aside while many records are
/// written ([`Writer::bulk_begin`]) and put back by [`Writer::bulk_end`].
#[must_use = "the triggers must be put back with Writer::bulk_end"]
pub struct Bulk {
    triggers: Vec<(String, String)>,
}

impl Writer<'_> {
    /// Runs `write` (many records: the demo's years) between
    /// [`Writer::bulk_begin`] and [`Writer::bulk_end`].
    pub(super) fn in_bulk<T>(&self, write: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let bulk = self.bulk_begin()?;
        let value = write(self)?;
        self.bulk_end(bulk)?;
        Ok(value)
    }

    /// Sets the derived tables' triggers aside, so that the records
    /// written next leave the search index and the checkpoints alone. Row
    /// by row, each record written would open a statement journal and make
    /// FTS5 flush its index.
    pub fn bulk_begin(&self) -> Result<Bulk> {
        let triggers = self
            .tx
            .prepare(DERIVED_TRIGGERS)?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (name, _) in &triggers {
            self.tx
                .execute_batch(&format!("DROP TRIGGER \"{}\";", name.replace('"', "\"\"")))?;
        }
        Ok(Bulk { triggers })
    }

    /// [`Writer::bulk_begin`] for records already checked to be unique
    /// among themselves (ids, and the day or promise and day the journal
    /// keeps one record for: an import's records, which the domain checks
    /// before they come here). Into a journal with no records yet, none of
    /// them can meet another, so until [`Writer::bulk_end`] the writes leave
    /// out what each would look up first ([`Writer::fresh`]): on ten years,
    /// an eighth of an import.
    pub fn bulk_begin_unique(&self) -> Result<Bulk> {
        let bulk = self.bulk_begin()?;
        let empty: bool = self.tx.query_row(
            "SELECT NOT (EXISTS (SELECT 1 FROM promises) OR EXISTS (SELECT 1 FROM wins)
                 OR EXISTS (SELECT 1 FROM checkins) OR EXISTS (SELECT 1 FROM reflections)
                 OR EXISTS (SELECT 1 FROM reviews))",
            [],
            |r| r.get(0),
        )?;
        self.fresh.set(empty);
        Ok(bulk)
    }

    /// After [`Writer::bulk_begin`]: fills the search index (both tables)
    /// once from the records, drops every checkpoint (the next read writes them again),
    /// and puts the triggers back exactly as they were, all in the same
    /// transaction.
    pub fn bulk_end(&self, bulk: Bulk) -> Result<()> {
        self.fresh.set(false);
        self.tx.execute_batch(concat!(
            "DELETE FROM promise_checkpoints; DELETE FROM totals_checkpoints;
             DELETE FROM search_entries;",
            fill_sql!(),
            "INSERT INTO search (search) VALUES ('rebuild');"
        ))?;
        // A migration before version 10 (version 8's new ids) writes in
        // bulk before the trigram index exists.
        let trigram: i64 = self.tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'search_trigram'",
            [],
            |r| r.get(0),
        )?;
        if trigram > 0 {
            self.tx.execute_batch(concat!(
                "INSERT INTO search_trigram (search_trigram) VALUES ('delete-all');",
                fill_trigram_sql!()
            ))?;
        }
        for (_, sql) in &bulk.triggers {
            self.tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// Marks the start and end of a match in what FTS5 hands back: private-use
/// characters, which nobody types.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
/// Words of context a snippet keeps around a match.
const SNIPPET_WORDS: u32 = 24;

/// How one search reads the index: which table leads (and ranks), and
/// what each result's snippet is.
struct Shape {
    from: &'static str,
    snippet: &'static str,
    rank: &'static str,
}

impl SearchQuery {
    fn shape(&self) -> Shape {
        if self.words.is_some() {
            Shape {
                from: "search JOIN search_entries AS e ON e.id = search.rowid",
                snippet: "snippet(search, 0, char(57344), char(57345), '…', :context)",
                rank: "bm25(search)",
            }
        } else if !self.substrings.is_empty() {
            Shape {
                from: "search_trigram JOIN search_entries AS e ON e.id = search_trigram.rowid",
                snippet: "e.text",
                rank: "bm25(search_trigram)",
            }
        } else {
            Shape {
                from: "search_entries AS e",
                snippet: "e.text",
                rank: "e.day DESC",
            }
        }
    }

    /// The statement for this query, and the trigram index's query (each
    /// piece a quoted phrase, all required).
    fn sql(&self) -> (String, String) {
        let shape = self.shape();
        let mut conditions = Vec::new();
        if self.words.is_some() {
            conditions.push("search MATCH :words");
        }
        let pieces = (self.substrings.iter())
            .map(|p| format!("\"{}\"", p.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        match (self.words.is_some(), self.substrings.is_empty()) {
            (_, true) => {}
            (false, false) => conditions.push("search_trigram MATCH :pieces"),
            (true, false) => conditions.push(
                "e.id IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH :pieces)",
            ),
        }
        if !self.short.is_empty() {
            conditions.push(
                "NOT EXISTS (SELECT 1 FROM json_each(:short) AS s WHERE instr(lower(e.text), s.value) = 0)",
            );
        }
        let sql = format!(
            "SELECT e.kind, e.record, e.field, e.day, p.text, p.id, {snippet}
             FROM {from}
             LEFT JOIN checks AS c ON e.kind IN ('note', 'lesson') AND c.id = e.record
             LEFT JOIN promises AS p ON p.id = c.promise_id
             WHERE {conditions}
             ORDER BY {rank}, e.day DESC, e.id DESC
             LIMIT :limit",
            snippet = shape.snippet,
            from = shape.from,
            conditions = conditions.join(" AND "),
            rank = shape.rank,
        );
        (sql, pieces)
    }
}

impl Store {
    /// Up to `limit` pieces of text that match `query` (built by the
    /// domain), best match first (bm25 of the word index, else of the
    /// trigram index), then newest first. A result found by the word
    /// index has the words around its matches as its snippet, with their
    /// places; one found only by pieces to find anywhere has its whole
    /// text, for the domain to place them.
    pub fn search(&self, query: &SearchQuery, limit: usize) -> Result<Vec<SearchHit>> {
        let (sql, pieces) = query.sql();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let short = serde_json::to_string(&query.short).unwrap_or_else(|_| "[]".into());
        let mut bound: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":limit", &limit)];
        if let Some(words) = &query.words {
            bound.extend([
                (":words", words as &dyn rusqlite::ToSql),
                (":context", &SNIPPET_WORDS),
            ]);
        }
        if !query.substrings.is_empty() {
            bound.push((":pieces", &pieces));
        }
        if !query.short.is_empty() {
            bound.push((":short", &short));
        }
        let marked = query.words.is_some();
        let rows = stmt.query_map(bound.as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, NaiveDate>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (kind, record_id, key, day, promise, promise_id, text) = row?;
            // A kind this build does not know (a newer journal's) is left out.
            let Some(kind) = SearchKind::parse(&kind) else {
                continue;
            };
            let (snippet, highlights) = if marked {
                unmark(&text)
            } else {
                (text, Vec::new())
            };
            hits.push(SearchHit {
                kind,
                record_id,
                key: (!key.is_empty()).then_some(key),
                day,
                promise,
                promise_id,
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }
}

/// Text with [`OPEN`]…[`CLOSE`] around each match, as plain text and the
/// matches' places in it (in characters).
fn unmark(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(marked.len());
    let mut highlights = Vec::new();
    let mut at = 0;
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(at),
            CLOSE => {
                if let Some(start) = open.take() {
                    highlights.push((start, at));
                }
            }
            c => {
                text.push(c);
                at += 1;
            }
        }
    }
    (text, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glob_class_holds_the_spaceless_ranges() {
        let glob = spaceless_glob!();
        let class: Vec<char> = glob
            .trim_matches(['\'', '*', '[', ']'])
            .chars()
            .filter(|&c| c != '-')
            .collect();
        let ranges: Vec<char> = crate::model::SPACELESS
            .iter()
            .flat_map(|&(lo, hi)| [lo, hi])
            .collect();
        assert_eq!(class, ranges);
    }

    #[test]
    fn markers_become_places_in_plain_text() {
        let (text, places) = unmark("a \u{E000}café\u{E001} walk \u{E000}x\u{E001}");
        assert_eq!(text, "a café walk x");
        assert_eq!(places, [(2, 6), (12, 13)]);
    }
}
