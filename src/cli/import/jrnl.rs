//! jrnl's `--export json` (shared/FORMATS.md, section 4): entries with a
//! title, a body, a date and a time, read one at a time as the file
//! streams.
//!
//! - An entry of up to [`WIN_LEN`] characters becomes a win on its day,
//!   noted at its time.
//! - A longer one is a reflection: the day's long entries, oldest first,
//!   become the reflection's answer `jrnl`. A day that already has a
//!   reflection keeps it, with that answer added (`domain::merge`).
//! - The day follows the journal's day boundary: an entry at 01:30 belongs
//!   to the evening before, as anything written then in smallwins does. An
//!   entry whose time is not `HH:MM` comes over on its own date, at the
//!   hour the day starts, and is counted in the summary.
//! - An entry is known by where it sits: its date, its time, and its place
//!   among the entries of that minute. Two identical entries (the same
//!   command run twice) are two wins, and an entry corrected in jrnl
//!   updates its win on the next import. A win an earlier build imported
//!   keeps the id it gave (`legacy.rs`).
//! - Tags stay in the text; stars have no place in smallwins.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};

use super::legacy::{EarlierWins, earlier_id};
use super::{Dest, Out, day_fits, import_id, json_reason, open_file, unreadable_io};
use crate::cli::error::{CliError, Result};
use crate::domain::day::journal_day;
use crate::domain::model::{Reflection, Win};
use crate::files::Capped;
use crate::model::identity::reflection_id;

const FORMAT: &str = "jrnl";
/// The longest entry that becomes a win; a win is a few words.
pub const WIN_LEN: usize = 280;
/// The reflection answer long entries go to.
pub const ANSWER_KEY: &str = "jrnl";
/// What `import --from jrnl` asks for, in its messages.
const JRNL_FILE: &str = "the file `jrnl --export json` wrote";

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    starred: bool,
}

impl Entry {
    /// The entry's words: the title, and the body after it (on the same
    /// line when the title is a sentence of a one-line entry).
    fn text(&self) -> String {
        let (title, body) = (self.title.trim(), self.body.trim());
        match (title.is_empty(), body.is_empty()) {
            (_, true) => title.to_string(),
            (true, false) => body.to_string(),
            _ if title.ends_with(['.', '!', '?']) && !body.contains('\n') => {
                format!("{title} {body}")
            }
            _ => format!("{title}\n{body}"),
        }
    }

    fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok()
    }

    /// The entry's moment as an earlier build read it, for the id it gave
    /// the entry (`legacy.rs`): a time that is not `H:MM` read as midnight.
    fn earlier_moment(&self, date: NaiveDate) -> String {
        let time = NaiveTime::parse_from_str(self.time.trim(), "%H:%M").unwrap_or(NaiveTime::MIN);
        date.and_time(time).to_string()
    }

    fn time(&self) -> Option<NaiveTime> {
        let time = self.time.trim();
        // Exactly HH:MM, as jrnl writes it.
        (time.len() == 5)
            .then(|| NaiveTime::parse_from_str(time, "%H:%M").ok())
            .flatten()
    }
}

/// Reads the export at `path` into `out`, an entry at a time.
pub fn read(path: &Path, into: &Dest, out: &mut Out<'_, '_>) -> Result<()> {
    let mut file = open_file(path, JRNL_FILE)?;
    let mut reader = Reader {
        into,
        out,
        places: HashMap::new(),
        earlier: EarlierWins::default(),
        long: BTreeMap::new(),
        entries: false,
        failed: None,
    };
    reader.pass(&mut file, path)?;
    if !reader.entries {
        return Err(not_jrnl(path, "missing field \"entries\""));
    }
    for (day, entries) in std::mem::take(&mut reader.long) {
        reader.out.reflection(reflection(day, &entries))?;
    }
    Ok(())
}

struct Reader<'r, 's, 'a> {
    into: &'r Dest,
    out: &'r mut Out<'s, 'a>,
    /// How many entries each minute (date and time as written) has had so
    /// far, by a hash of the minute.
    places: HashMap<u64, u32>,
    /// The ids an earlier build's import gave, as this import takes them.
    earlier: EarlierWins,
    /// The long entries of each day, for its reflection.
    long: BTreeMap<NaiveDate, Vec<(NaiveDateTime, String)>>,
    /// The file had its list of entries.
    entries: bool,
    /// What stopped the reading that was not the file's fault.
    failed: Option<CliError>,
}

impl Reader<'_, '_, '_> {
    fn pass(&mut self, file: &mut Capped, path: &Path) -> Result<()> {
        let mut buffered = BufReader::with_capacity(1 << 16, file);
        skip_bom(&mut buffered).map_err(|e| unreadable_io(path, JRNL_FILE, e))?;
        let mut de = serde_json::Deserializer::from_reader(buffered);
        let read = de::Deserializer::deserialize_map(&mut de, &mut *self).and_then(|()| de.end());
        match read {
            Ok(()) => Ok(()),
            Err(_) if self.failed.is_some() => {
                Err(self.failed.take().unwrap_or_else(|| not_jrnl(path, "")))
            }
            Err(e) if e.is_io() => Err(unreadable_io(path, JRNL_FILE, e.into())),
            Err(e) => Err(not_jrnl(path, &json_reason(&e))),
        }
    }

    /// One entry, as a win, a part of its day's reflection, or a line of
    /// the summary.
    fn entry(&mut self, entry: &Entry) -> Result<()> {
        let (date_text, time_text) = (entry.date.trim(), entry.time.trim());
        let Some(date) = entry.date() else {
            self.out
                .left_out
                .add("entry without a YYYY-MM-DD date|entries without a YYYY-MM-DD date");
            return Ok(());
        };
        let place = self.place(date_text, time_text);
        let left = &mut self.out.left_out;
        let text = entry.text();
        if text.is_empty() {
            left.add("empty entry|empty entries");
            return Ok(());
        }
        let (moment, day) = match entry.time() {
            Some(time) => {
                let moment = date.and_time(time);
                (moment, journal_day(moment, self.into.day_starts_at))
            }
            None => {
                left.add("entry whose time is not HH:MM came over on its own date, at the hour the day starts|entries whose time is not HH:MM came over on their own date, at the hour the day starts");
                (date.and_time(self.into.day_starts_at), date)
            }
        };
        if !day_fits(day, self.into, left) {
            return Ok(());
        }
        if entry.starred {
            left.add("star (the starred entries came over; smallwins has no stars)|stars (the starred entries came over; smallwins has no stars)");
        }
        if text.chars().count() > WIN_LEN {
            self.long.entry(day).or_default().push((moment, text));
            return Ok(());
        }
        let place = ["entry", date_text, time_text, &place.to_string()];
        let then = entry.earlier_moment(date);
        let earlier = ["win", &then, &entry.title, &entry.body];
        let (id, earlier) = (import_id(FORMAT, &place), earlier_id(FORMAT, &earlier));
        let id = self.earlier.win_id(self.out.held, id, earlier)?;
        self.out.win(Win {
            id,
            day,
            text,
            area: None,
            created_at: moment,
            private: false,
        })
    }

    /// The entry's place among the entries of its minute so far: 0 for
    /// the first.
    fn place(&mut self, date: &str, time: &str) -> u32 {
        let mut hasher = DefaultHasher::new();
        (date, time).hash(&mut hasher);
        let seen = self.places.entry(hasher.finish()).or_default();
        *seen += 1;
        *seen - 1
    }
}

impl<'de> de::Visitor<'de> for &mut Reader<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a jrnl export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" && !self.entries {
                self.entries = true;
                map.next_value_seed(Entries(&mut *self))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The list of entries, each handed on as it is read.
struct Entries<'x, 'r, 's, 'a>(&'x mut Reader<'r, 's, 'a>);

impl<'de> DeserializeSeed<'de> for Entries<'_, '_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> de::Visitor<'de> for Entries<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        while let Some(entry) = seq.next_element::<Entry>()? {
            if let Err(e) = self.0.entry(&entry) {
                self.0.failed = Some(e);
                return Err(de::Error::custom("the journal refused a record"));
            }
        }
        Ok(())
    }
}

/// Skips a UTF-8 byte-order mark at the start.
pub fn skip_bom(reader: &mut impl BufRead) -> std::io::Result<()> {
    let start = reader.fill_buf()?;
    if start.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(())
}

fn not_jrnl(path: &Path, why: &str) -> CliError {
    CliError::Input(format!(
        "{} is not a jrnl JSON export ({why}); make one with `jrnl --export json --file FILE`.",
        path.display()
    ))
}

/// The day's reflection with the long entries as its `jrnl` answer; the
/// journal's merge adds it to a reflection the day already has.
fn reflection(day: NaiveDate, entries: &[(NaiveDateTime, String)]) -> Reflection {
    let answer = entries
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let latest = entries.iter().map(|(at, _)| *at).max().unwrap_or_default();
    Reflection {
        id: reflection_id(day),
        day,
        answers: BTreeMap::from([(ANSWER_KEY.to_string(), answer)]),
        mood: None,
        confidence: None,
        updated_at: latest,
    }
}
