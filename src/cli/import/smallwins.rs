//! A smallwins export (`export --format json`) read as it streams from the
//! file: records are handed to the journal's import a batch of [`BATCH`]
//! at a time, so neither the file nor all of its records are ever held.
//!
//! The journal checks each batch against the ones before it, so what must
//! be known first comes first: the header (`format`, `version`), then the
//! promises, then the records that point at them. An export lists them in
//! that order and is read once; a file that lists them otherwise (edited
//! by hand) is read again from the start for what it listed too early, at
//! most twice more.
//!
//! A file of up to [`WHOLE`] is read into memory once and parsed from
//! there, which is several times faster than parsing byte by byte from
//! the file; a larger one streams from the file, so memory stays bounded.

use std::collections::HashSet;
use std::fmt;
use std::io::{BufReader, Read};
use std::marker::PhantomData;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde_json::Value;

use super::{open_file, unreadable_io};
use crate::cli::error::{CliError, Result};
use crate::domain::{self, Sink};
use crate::files::Capped;
use crate::store::{self, EXPORT_FORMAT, EXPORT_VERSION, Export};

/// Records handed to the journal at a time.
pub const BATCH: usize = 1_000;

/// Up to this size (ten years of an ordinary journal export to about 8
/// MB) an export is read whole and parsed in memory; past it, streamed,
/// so an import holds a batch rather than the file (README "Limits";
/// `tests/import_memory.rs`).
pub const WHOLE: u64 = 8 << 20;

/// What `import FILE` asks for, in its messages.
const EXPORT_FILE: &str = "a file made by `smallwins export`";

/// The arrays of records, in the order the journal needs them.
const KINDS: [&str; 6] = [
    "promises",
    "checks",
    "wins",
    "checkins",
    "reflections",
    "reviews",
];

/// Reads the export at `path` into `sink`, a batch at a time.
pub fn read(path: &Path, sink: &mut Sink<'_>) -> Result<()> {
    let mut input = Input::open(path)?;
    let mut reader = Reader {
        sink,
        header: Header::default(),
        promises_done: false,
        later: Vec::new(),
        wanted: None,
        failed: None,
        at: None,
    };
    // Each pass reads what it can; what came too early is read on the next.
    for pass in 0..3 {
        if pass > 0 {
            if reader.later.is_empty() {
                break;
            }
            input.rewind(path)?;
            reader.wanted = Some(std::mem::take(&mut reader.later));
        }
        reader.pass(&mut input, path)?;
        if pass == 0 {
            reader.header.check(path)?;
        }
    }
    if !reader.promises_done {
        return Err(misfit_words(path, "missing field \"promises\""));
    }
    Ok(())
}

/// The file, in memory when it is small enough ([`WHOLE`]).
enum Input {
    Whole(Vec<u8>),
    Stream(Capped),
}

impl Input {
    fn open(path: &Path) -> Result<Input> {
        let mut file = open_file(path, EXPORT_FILE)?;
        let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
        if size > WHOLE {
            return Ok(Input::Stream(file));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        (&mut file)
            .take(WHOLE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable_io(path, EXPORT_FILE, e))?;
        if bytes.len() as u64 > WHOLE {
            // It grew since: streamed after all.
            file.rewind_to_start()
                .map_err(|e| unreadable_io(path, EXPORT_FILE, e))?;
            return Ok(Input::Stream(file));
        }
        Ok(Input::Whole(bytes))
    }

    /// Back to the start, for another pass.
    fn rewind(&mut self, path: &Path) -> Result<()> {
        match self {
            Input::Whole(_) => Ok(()),
            Input::Stream(file) => file
                .rewind_to_start()
                .map_err(|e| unreadable_io(path, EXPORT_FILE, e)),
        }
    }
}

/// The fields of an export other than its records.
#[derive(Default)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
    exported_at: Option<NaiveDateTime>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Header {
    /// Whether records can be handed on: the file says it is an export,
    /// and which version.
    fn ready(&self) -> bool {
        self.format.as_deref() == Some(EXPORT_FORMAT) && self.version.is_some()
    }

    /// After the first pass: an export, of a version this smallwins reads.
    fn check(&self, path: &Path) -> Result<()> {
        if self.format.as_deref() != Some(EXPORT_FORMAT) {
            return Err(not_marked(path));
        }
        match self.version {
            None => Err(misfit_words(path, "missing field \"version\"")),
            Some(v) if v > EXPORT_VERSION => Err(CliError::Input(format!(
                "That export was written by a newer smallwins (format {v}, this one reads up to {EXPORT_VERSION}); update smallwins to import it."
            ))),
            Some(_) => Ok(()),
        }
    }

    /// An export with these fields and no records yet.
    fn batch(&self) -> Export {
        Export {
            format: self.format.clone().unwrap_or_default(),
            version: self.version.unwrap_or(EXPORT_VERSION),
            exported_at: self.exported_at.unwrap_or_default(),
            from: self.from,
            to: self.to,
            promises: Vec::new(),
            checks: Vec::new(),
            wins: Vec::new(),
            checkins: Vec::new(),
            reflections: Vec::new(),
            reviews: Vec::new(),
        }
    }
}

struct Reader<'s, 'a> {
    sink: &'s mut Sink<'a>,
    header: Header,
    /// Every promise has been handed on.
    promises_done: bool,
    /// Arrays of records met before they could be handed on.
    later: Vec<&'static str>,
    /// On a pass after the first, the arrays it reads.
    wanted: Option<Vec<&'static str>>,
    /// What the journal said about a batch, which stopped the reading.
    failed: Option<domain::Error>,
    /// The array and index of the record being read.
    at: Option<(&'static str, usize)>,
}

impl Reader<'_, '_> {
    /// Reads the file once through.
    fn pass(&mut self, input: &mut Input, path: &Path) -> Result<()> {
        let read = match input {
            Input::Whole(bytes) => {
                let mut de = serde_json::Deserializer::from_slice(bytes);
                de::Deserializer::deserialize_map(&mut de, &mut *self).and_then(|()| de.end())
            }
            Input::Stream(file) => {
                let mut de =
                    serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
                de::Deserializer::deserialize_map(&mut de, &mut *self).and_then(|()| de.end())
            }
        };
        match read {
            Ok(()) => Ok(()),
            Err(_) if self.failed.is_some() => Err(self
                .failed
                .take()
                .map(CliError::from)
                .unwrap_or_else(|| not_marked(path))),
            Err(e) if e.is_io() => Err(unreadable_io(path, EXPORT_FILE, e.into())),
            Err(e) if e.is_syntax() || e.is_eof() => Err(not_export(
                path,
                format!("it is not JSON: line {}, column {}", e.line(), e.column()),
            )),
            Err(e) => Err(self.misfit(path, &e)),
        }
    }

    /// Whether the array `key` is read now, and whether it waits for a
    /// later pass.
    fn take(&mut self, key: &'static str) -> bool {
        if let Some(wanted) = &self.wanted
            && !wanted.contains(&key)
        {
            return false;
        }
        let now = self.header.ready() && (key == "promises" || self.promises_done);
        if !now {
            self.later.push(key);
        }
        now
    }

    /// Hands one batch to the journal.
    fn send<E: de::Error>(&mut self, batch: Export) -> std::result::Result<(), E> {
        (self.sink)(batch).map_err(|e| {
            self.failed = Some(e);
            E::custom("the journal refused a record")
        })
    }

    /// The sentence for a record that does not fit the format: named, when
    /// it can be read again on its own.
    fn misfit(&self, path: &Path, e: &serde_json::Error) -> CliError {
        let named = self.at.and_then(|(key, index)| {
            let record = record_at(path, key, index)?;
            store::misfit(&serde_json::json!({ key: [record] }))
        });
        match named {
            Some(record) => CliError::Input(format!(
                "Nothing was imported: {record}; fix that record in the file and import it again."
            )),
            None => {
                let why = e.to_string();
                let why = why.split(" at line").next().unwrap_or(&why).to_string();
                misfit_words(path, &why.replace('`', "\""))
            }
        }
    }
}

impl<'de> de::Visitor<'de> for &mut Reader<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a smallwins export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut keys = HashSet::new();
        let first = self.wanted.is_none();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            match key.as_str() {
                "format" if first => self.header.format = Some(map.next_value()?),
                "version" if first => self.header.version = Some(map.next_value()?),
                "exported_at" if first => self.header.exported_at = Some(map.next_value()?),
                "from" if first => self.header.from = map.next_value()?,
                "to" if first => self.header.to = map.next_value()?,
                other => match KINDS.iter().find(|k| **k == other) {
                    Some(kind) if self.take(kind) => self.records(kind, &mut map)?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(())
    }
}

impl Reader<'_, '_> {
    /// Reads the array `kind` as the next value of `map`, batch by batch.
    fn records<'de, A: MapAccess<'de>>(
        &mut self,
        kind: &'static str,
        map: &mut A,
    ) -> std::result::Result<(), A::Error> {
        fn into<T>(put: fn(&mut Export, Vec<T>)) -> fn(&mut Export, Vec<T>) {
            put
        }
        match kind {
            "promises" => {
                map.next_value_seed(Records::new(self, kind, into(|e, v| e.promises = v)))?;
                self.promises_done = true;
                Ok(())
            }
            "checks" => map.next_value_seed(Records::new(self, kind, into(|e, v| e.checks = v))),
            "wins" => map.next_value_seed(Records::new(self, kind, into(|e, v| e.wins = v))),
            "checkins" => {
                map.next_value_seed(Records::new(self, kind, into(|e, v| e.checkins = v)))
            }
            "reflections" => {
                map.next_value_seed(Records::new(self, kind, into(|e, v| e.reflections = v)))
            }
            _ => map.next_value_seed(Records::new(self, kind, into(|e, v| e.reviews = v))),
        }
    }
}

/// One array of records, handed on in batches as it is read.
struct Records<'r, 's, 'a, T> {
    reader: &'r mut Reader<'s, 'a>,
    kind: &'static str,
    put: fn(&mut Export, Vec<T>),
    _of: PhantomData<T>,
}

impl<'r, 's, 'a, T> Records<'r, 's, 'a, T> {
    fn new(
        reader: &'r mut Reader<'s, 'a>,
        kind: &'static str,
        put: fn(&mut Export, Vec<T>),
    ) -> Self {
        Records {
            reader,
            kind,
            put,
            _of: PhantomData,
        }
    }

    fn send<E: de::Error>(&mut self, records: Vec<T>) -> std::result::Result<(), E> {
        let mut batch = self.reader.header.batch();
        (self.put)(&mut batch, records);
        self.reader.send(batch)
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Records<'_, '_, '_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: DeserializeOwned> de::Visitor<'de> for Records<'_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}", self.kind)
    }

    fn visit_seq<S: SeqAccess<'de>>(mut self, mut seq: S) -> std::result::Result<(), S::Error> {
        let mut batch = Vec::with_capacity(BATCH);
        let mut index = 0;
        loop {
            self.reader.at = Some((self.kind, index));
            let Some(record) = seq.next_element::<T>()? else {
                break;
            };
            batch.push(record);
            index += 1;
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                self.send(full)?;
            }
        }
        self.reader.at = None;
        if !batch.is_empty() {
            self.send(batch)?;
        }
        Ok(())
    }
}

/// The record at `index` of the array `key`, read again on its own as a
/// JSON tree (to name it), or `None`.
fn record_at(path: &Path, key: &'static str, index: usize) -> Option<Value> {
    struct Top {
        key: &'static str,
        index: usize,
    }
    impl<'de> de::Visitor<'de> for Top {
        type Value = Option<Value>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an export")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            // serde_json wants every entry read, to the end.
            let mut found = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == self.key && found.is_none() {
                    found = map.next_value_seed(Nth(self.index))?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    struct Nth(usize);
    impl<'de> DeserializeSeed<'de> for Nth {
        type Value = Option<Value>;
        fn deserialize<D: de::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }
    impl<'de> de::Visitor<'de> for Nth {
        type Value = Option<Value>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of records")
        }
        fn visit_seq<S: SeqAccess<'de>>(
            self,
            mut seq: S,
        ) -> std::result::Result<Self::Value, S::Error> {
            for _ in 0..self.0 {
                seq.next_element::<IgnoredAny>()?;
            }
            let found = seq.next_element::<Value>()?;
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(found)
        }
    }
    let file = open_file(path, EXPORT_FILE).ok()?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    de::Deserializer::deserialize_map(&mut de, Top { key, index })
        .ok()
        .flatten()
}

fn not_export(path: &Path, why: String) -> CliError {
    CliError::Input(format!(
        "{} is not a smallwins export ({why}); make one with `smallwins export --format json`.",
        path.display()
    ))
}

fn not_marked(path: &Path) -> CliError {
    not_export(
        path,
        format!("it has no \"format\": \"{EXPORT_FORMAT}\" marker"),
    )
}

fn misfit_words(path: &Path, why: &str) -> CliError {
    not_export(path, format!("its records do not fit: {why}"))
}
