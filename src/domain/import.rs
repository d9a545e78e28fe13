//! An import's records are checked before they are merged, a batch at a
//! time ([`checked`]), each batch against what the batches before it held
//! ([`Seen`]): every record by the same rules as typed input (see
//! `validate`), its text cleaned the same way, ids present and unique in
//! the whole file, days in range, checks pointing at a promise that
//! exists. The first bad record is named in one sentence, and since the
//! whole import is one transaction, nothing is written.
//!
//! May use: `store` (the export format), `model` and the rest of `domain`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::validate::{self, Field, echo};
use super::{Error, Result, day};
use crate::model::{
    Check, CheckIn, Decision, Promise, PromiseVersion, Reflection, Review, Target, Win,
};
use crate::store::Export;

/// The last day a journal keeps: days are stored as `YYYY-MM-DD`, so a
/// year has four digits.
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

/// Longest record id; ours are 36-character UUIDs.
const MAX_ID_LEN: usize = 100;

/// What is wrong with a record, as a phrase after its name ("has …").
type Problem = String;

/// The import's view of the journal it goes into.
struct Rules<'a> {
    /// Promise ids in the journal, with the ids of their targets.
    journal: &'a [Promise],
}

/// What an import has seen so far, from one batch of records to the next:
/// the journal's promises, every promise id of the file, and for each kind
/// the ids, or the days (or promises and days), already taken, as hashes
/// ([`slot`]), so a file is checked whole while only one batch of its
/// records is held.
pub struct Seen {
    journal: Vec<Promise>,
    /// Promise ids in the journal or in the file so far.
    known: HashSet<String>,
    promises: Unique,
    checks: Unique,
    wins: Unique,
    checkins: Unique,
    reflections: Unique,
    reviews: Unique,
    /// Target and version ids of the file's promises, with their promise.
    targets: HashMap<String, String>,
    versions: HashMap<String, String>,
    /// Short numbers taken, with their promise, and the next free one.
    numbers: HashMap<u32, String>,
    next_number: u32,
}

impl Seen {
    /// Nothing seen yet, for an import into a journal with `journal`'s
    /// promises.
    pub fn new(journal: Vec<Promise>) -> Seen {
        Seen {
            known: journal.iter().map(|p| p.id.clone()).collect(),
            numbers: journal.iter().map(|p| (p.number, p.id.clone())).collect(),
            next_number: journal.iter().map(|p| p.number).max().unwrap_or(0) + 1,
            journal,
            promises: Unique::new("promise", ""),
            checks: Unique::new("check", "of the same promise on the same day"),
            wins: Unique::new("win", ""),
            checkins: Unique::new("check-in", "for the same day"),
            reflections: Unique::new("reflection", "for the same day"),
            reviews: Unique::new("weekly review", "for the same week"),
            targets: HashMap::new(),
            versions: HashMap::new(),
        }
    }
}

/// One batch of an import's records (`data`) as it will be merged, each
/// text cleaned in place (so checking holds no second copy of them); or
/// one sentence naming the first record that cannot be imported. The
/// batch is checked against every batch before it (`seen`): ids and days
/// unique in the whole file, each check for a promise in the journal or in
/// this batch or an earlier one. A whole export is one batch; a large file
/// comes in several, its promises first.
pub fn checked(mut data: Export, seen: &mut Seen) -> Result<Export> {
    crate::model::identity::rekey(&mut data, &chrono::Local);
    let rules = Rules {
        journal: &seen.journal,
    };
    rules.promises(
        &mut data.promises,
        &mut seen.promises,
        &mut seen.targets,
        &mut seen.versions,
    )?;
    number(
        &mut data.promises,
        rules.journal,
        &mut seen.numbers,
        &mut seen.next_number,
    );
    seen.known
        .extend(data.promises.iter().map(|p| p.id.clone()));
    rules.checks(&seen.known, &mut seen.checks, &mut data.checks)?;
    each(
        &mut data.wins,
        &mut seen.wins,
        |w| named("win", &w.id, &w.day.to_string()),
        |w| (&w.id, None),
        |w| rules.win(w),
    )?;
    each(
        &mut data.checkins,
        &mut seen.checkins,
        |c| named("check-in", &c.id, &c.day.to_string()),
        |c| (&c.id, Some(slot(&[c.day.to_string().as_bytes()]))),
        |c| rules.checkin(c),
    )?;
    each(
        &mut data.reflections,
        &mut seen.reflections,
        |r| named("reflection", &r.id, &r.day.to_string()),
        |r| (&r.id, Some(slot(&[r.day.to_string().as_bytes()]))),
        |r| rules.reflection(r),
    )?;
    each(
        &mut data.reviews,
        &mut seen.reviews,
        |r| named("weekly review", &r.id, &format!("week of {}", r.week_start)),
        |r| (&r.id, Some(slot(&[r.week_start.to_string().as_bytes()]))),
        |r| rules.review(r),
    )?;
    Ok(data)
}

impl Rules<'_> {
    /// The checks, each for a promise in the file or in the journal
    /// (`known`).
    fn checks(
        &self,
        known: &HashSet<String>,
        unique: &mut Unique,
        checks: &mut [Check],
    ) -> Result<()> {
        each(
            checks,
            unique,
            |c| named("check", &c.id, &c.day.to_string()),
            |c| {
                let day = c.day.to_string();
                (
                    &c.id,
                    Some(slot(&[c.promise_id.as_bytes(), day.as_bytes()])),
                )
            },
            |c| {
                if !known.contains(c.promise_id.as_str()) {
                    return Err(format!(
                        "is for promise {}, which is neither in the file nor in the journal",
                        echo(&c.promise_id)
                    ));
                }
                self.check(c)
            },
        )
    }
}

/// Checks the records of one kind in file order: ids first, then the
/// record itself, which is replaced by its cleaned copy. The first bad one
/// refuses the whole file.
fn each<T>(
    items: &mut [T],
    unique: &mut Unique,
    name: impl Fn(&T) -> String,
    slot: impl Fn(&T) -> (&String, Option<u128>),
    mut check: impl FnMut(&T) -> Result<T, Problem>,
) -> Result<()> {
    for item in items.iter_mut() {
        let (id, slot) = slot(item);
        let clean = unique
            .add(id, slot)
            .and_then(|()| check(item))
            .map_err(|problem| refuse(name(item), problem))?;
        *item = clean;
    }
    Ok(())
}

/// What the journal keeps one of (a day, a promise and a day), as a
/// 128-bit FNV-1a hash: seen-sets of a few million records stay small.
fn slot(parts: &[&[u8]]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for &b in part.iter().chain([0u8].iter()) {
            hash = (hash ^ u128::from(b)).wrapping_mul(PRIME);
        }
    }
    hash
}

/// The one sentence for a bad record.
fn refuse(record: String, problem: Problem) -> Error {
    Error::Input(format!(
        "Nothing was imported: {record} {problem}; fix that record in the file and import it again."
    ))
}

/// "promise 0192… (“Read”)", or "a promise (“Read”)" without an id.
fn named(kind: &str, id: &str, detail: &str) -> String {
    if id.trim().is_empty() {
        format!("a {kind} ({detail})")
    } else {
        format!("{kind} {} ({detail})", echo(id))
    }
}

/// The ids seen so far in the file, or for a kind the journal keeps one
/// of per day (or per promise and day) the slots taken (as hashes, see
/// [`slot`]).
struct Unique {
    kind: &'static str,
    /// Which records the journal keeps only one of: "for the same day".
    slot_words: &'static str,
    ids: HashSet<u128>,
    slots: HashSet<u128>,
}

impl Unique {
    fn new(kind: &'static str, slot_words: &'static str) -> Unique {
        Unique {
            kind,
            slot_words,
            ids: HashSet::new(),
            slots: HashSet::new(),
        }
    }

    /// `slot` names what the journal keeps only one of (a day, or a promise
    /// and a day), for kinds that have one. Those kinds are held by slot
    /// alone, one hash a record (a file of millions of checks is mostly
    /// checks): their ids are made from their slots (`identity::rekey`),
    /// and a record that kept an id of its own kept it because an earlier
    /// record of its batch has its slot, so two with one id share a slot.
    fn add(&mut self, id: &str, slot: Option<u128>) -> Result<(), Problem> {
        check_id(id)?;
        let Some(slot) = slot else {
            if !self.ids.insert(self::slot(&[id.as_bytes()])) {
                return Err(format!(
                    "has the same \"id\" as an earlier {} in the file",
                    self.kind
                ));
            }
            return Ok(());
        };
        if !self.slots.insert(slot) {
            return Err(format!(
                "is a second {} {} in the file, where the journal keeps one",
                self.kind, self.slot_words
            ));
        }
        Ok(())
    }
}

fn check_id(id: &str) -> Result<(), Problem> {
    if id.trim().is_empty() {
        return Err("has an empty \"id\"".into());
    }
    if id.chars().count() > MAX_ID_LEN || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("has an \"id\" that is not a record id (ids are short, without spaces)".into());
    }
    Ok(())
}

/// Text that must say something.
fn required(field: Field, raw: &str) -> Result<String, Problem> {
    match field.clean(raw) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(format!("has an empty \"{}\"", field.json)),
        Err(len) => Err(field.too_long_phrase(len)),
    }
}

/// Text that may be left out.
fn optional(field: Field, raw: Option<&str>) -> Result<Option<String>, Problem> {
    match raw {
        None => Ok(None),
        Some(raw) => field.clean(raw).map_err(|len| field.too_long_phrase(len)),
    }
}

fn rating(value: Option<u8>, json: &str) -> Result<(), Problem> {
    match value {
        Some(v) if v > 10 => Err(format!("has \"{json}\": {v}, outside 0–10")),
        _ => Ok(()),
    }
}

/// Answers by prompt key, cleaned; empty answers are left out.
fn answers(raw: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, Problem> {
    let mut out = BTreeMap::new();
    for (key, text) in raw {
        let Ok(Some(clean_key)) = validate::ANSWER_KEY.clean(key) else {
            return Err(format!(
                "has an answer whose prompt key \"{}\" is empty or longer than {} characters",
                echo(key),
                validate::ANSWER_KEY.max
            ));
        };
        match validate::ANSWER.clean(text) {
            Ok(Some(text)) => {
                out.insert(clean_key, text);
            }
            Ok(None) => {}
            Err(len) => {
                return Err(format!(
                    "has an answer \"{}\" of {} characters, more than the {} it can hold",
                    echo(&clean_key),
                    validate::grouped(len),
                    validate::grouped(validate::ANSWER.max)
                ));
            }
        }
    }
    Ok(out)
}

/// Gives the promises their short numbers: one already in the journal
/// keeps its own; a new one keeps the number it brings when no other
/// promise has it, and otherwise (or in an export made before numbers,
/// where it is 0) gets the next free one (`next`). `taken`: the numbers
/// of the journal and of the file's promises so far.
fn number(
    promises: &mut [Promise],
    journal: &[Promise],
    taken: &mut HashMap<u32, String>,
    next: &mut u32,
) {
    let most = promises.iter().map(|p| p.number).max().unwrap_or(0);
    *next = (*next).max(most.saturating_add(1));
    for p in promises {
        if let Some(known) = journal.iter().find(|q| q.id == p.id) {
            p.number = known.number;
            continue;
        }
        let free = p.number > 0 && taken.get(&p.number).is_none_or(|id| *id == p.id);
        if !free {
            p.number = *next;
            *next += 1;
        }
        taken.insert(p.number, p.id.clone());
    }
}

impl Rules<'_> {
    /// Promises, with target and version ids unique across the whole file.
    fn promises(
        &self,
        items: &mut [Promise],
        unique: &mut Unique,
        targets: &mut HashMap<String, String>,
        versions: &mut HashMap<String, String>,
    ) -> Result<()> {
        each(
            items,
            unique,
            |p| named("promise", &p.id, &format!("“{}”", echo(&p.text))),
            |p| (&p.id, None),
            |p| {
                for t in &p.targets {
                    if let Some(owner) = targets.insert(t.id.clone(), p.id.clone()) {
                        return Err(if owner == p.id {
                            "has two targets with the same \"id\"".to_string()
                        } else {
                            format!(
                                "has a target with the same \"id\" as a target of promise {}",
                                echo(&owner)
                            )
                        });
                    }
                }
                for v in &p.versions {
                    if let Some(owner) = versions.insert(v.id.clone(), p.id.clone()) {
                        return Err(if owner == p.id {
                            "has two versions with the same \"id\"".to_string()
                        } else {
                            format!(
                                "has a version with the same \"id\" as a version of promise {}",
                                echo(&owner)
                            )
                        });
                    }
                }
                self.promise(p)
            },
        )
    }

    /// A day from [`day::FIRST_DAY`] (`slack` days earlier allowed) to
    /// [`LAST_DAY`]. A day after today is kept: a journal holds one when
    /// it was written while the clock ran ahead, its export holds it too,
    /// and an import brings back whatever an export holds.
    fn day(&self, value: NaiveDate, json: &str, slack: i64) -> Result<(), Problem> {
        if value > LAST_DAY {
            return Err(format!(
                "has \"{json}\": {value}, after {LAST_DAY}, the last day a journal keeps"
            ));
        }
        if value < day::FIRST_DAY - Duration::days(slack) {
            return Err(format!(
                "has \"{json}\": {value}, before {}, the earliest day a journal keeps",
                day::FIRST_DAY
            ));
        }
        Ok(())
    }

    /// A moment a record was written: on a day a journal keeps (a clock
    /// that ran ahead writes moments ahead, as it writes days).
    fn moment(&self, value: NaiveDateTime, json: &str) -> Result<(), Problem> {
        let earliest = day::FIRST_DAY.and_time(chrono::NaiveTime::MIN);
        if value < earliest || value.date() > LAST_DAY {
            return Err(format!(
                "has \"{json}\": {value}, outside {} to {LAST_DAY}",
                day::FIRST_DAY
            ));
        }
        Ok(())
    }

    fn promise(&self, p: &Promise) -> Result<Promise, Problem> {
        if let Some(problem) = p.schedule.problem() {
            return Err(format!("has {problem}"));
        }
        self.day(p.created_on, "created_on", 0)?;
        if let Some(archived) = p.archived_on {
            self.day(archived, "archived_on", 0)?;
        }
        self.moment(p.updated_at, "updated_at")?;
        let versions = self.versions(p)?;
        let mut promise = Promise {
            text: required(validate::PROMISE, &p.text)?,
            cue: optional(validate::CUE, p.cue.as_deref())?,
            smaller: optional(validate::SMALLER, p.smaller.as_deref())?,
            area: optional(validate::AREA, p.area.as_deref())?,
            unit: optional(validate::UNIT, p.unit.as_deref())?,
            targets: self.targets(p)?,
            ..p.clone()
        };
        // Its words today are its last version's.
        if let Some(now) = versions.last() {
            promise.text = now.text.clone();
            promise.cue = now.cue.clone();
            promise.smaller = now.smaller.clone();
        }
        promise.versions = versions;
        Ok(promise)
    }

    /// The wording history, each version checked like typed words, oldest
    /// first.
    fn versions(&self, p: &Promise) -> Result<Vec<PromiseVersion>, Problem> {
        let mut days = HashSet::new();
        let mut out = Vec::new();
        for v in &p.versions {
            if check_id(&v.id).is_err() {
                return Err("has a version without a usable \"id\"".into());
            }
            if let Some(other) = self
                .journal
                .iter()
                .find(|q| q.id != p.id && q.versions.iter().any(|u| u.id == v.id))
            {
                return Err(format!(
                    "has a version with the same \"id\" as a version of promise {} in the journal",
                    echo(&other.id)
                ));
            }
            if !days.insert(v.from) {
                return Err(format!("has two versions from {}", v.from));
            }
            self.day(v.from, "from", 0)?;
            out.push(PromiseVersion {
                text: required(validate::PROMISE, &v.text)?,
                cue: optional(validate::CUE, v.cue.as_deref())?,
                smaller: optional(validate::SMALLER, v.smaller.as_deref())?,
                ..v.clone()
            });
        }
        out.sort_by_key(|v| v.from);
        Ok(out)
    }

    fn targets(&self, p: &Promise) -> Result<Vec<Target>, Problem> {
        let mut days = HashSet::new();
        for t in &p.targets {
            if check_id(&t.id).is_err() {
                return Err("has a target without a usable \"id\"".into());
            }
            if let Some(other) = self
                .journal
                .iter()
                .find(|q| q.id != p.id && q.targets.iter().any(|u| u.id == t.id))
            {
                return Err(format!(
                    "has a target with the same \"id\" as a target of promise {} in the journal",
                    echo(&other.id)
                ));
            }
            if !days.insert(t.from) {
                return Err(format!("has two targets from {}", t.from));
            }
            self.day(t.from, "from", 0)?;
            if let Some(problem) = validate::number_problem(t.amount, false) {
                return Err(format!("has a target of {problem}"));
            }
        }
        Ok(p.targets.clone())
    }

    fn check(&self, c: &Check) -> Result<Check, Problem> {
        self.day(c.day, "day", 0)?;
        self.moment(c.updated_at, "updated_at")?;
        if let Some(amount) = c.amount
            && let Some(problem) = validate::number_problem(amount, true)
        {
            return Err(format!("has an \"amount\" of {problem}"));
        }
        Ok(Check {
            note: optional(validate::NOTE, c.note.as_deref())?,
            lesson: optional(validate::LESSON, c.lesson.as_deref())?,
            ..c.clone()
        })
    }

    fn win(&self, w: &Win) -> Result<Win, Problem> {
        self.day(w.day, "day", 0)?;
        self.moment(w.created_at, "created_at")?;
        Ok(Win {
            text: required(validate::WIN, &w.text)?,
            area: optional(validate::AREA, w.area.as_deref())?,
            ..w.clone()
        })
    }

    fn checkin(&self, c: &CheckIn) -> Result<CheckIn, Problem> {
        self.day(c.day, "day", 0)?;
        self.moment(c.updated_at, "updated_at")?;
        rating(c.confidence, "confidence")?;
        Ok(CheckIn {
            intention: optional(validate::INTENTION, c.intention.as_deref())?,
            ..c.clone()
        })
    }

    fn reflection(&self, r: &Reflection) -> Result<Reflection, Problem> {
        self.day(r.day, "day", 0)?;
        self.moment(r.updated_at, "updated_at")?;
        rating(r.mood, "mood")?;
        rating(r.confidence, "confidence")?;
        Ok(Reflection {
            answers: answers(&r.answers)?,
            ..r.clone()
        })
    }

    fn review(&self, r: &Review) -> Result<Review, Problem> {
        // The week that holds 1900-01-01 may start a few days before it.
        self.day(r.week_start, "week_start", 6)?;
        self.moment(r.updated_at, "updated_at")?;
        let decisions = r
            .decisions
            .iter()
            .map(|d| {
                self.day(d.on, "on", 0)?;
                Ok(Decision {
                    key: required(validate::DECISION_KEY, &d.key)?,
                    headline: required(validate::HEADLINE, &d.headline)?,
                    decided: optional(validate::HEADLINE, Some(&d.decided))?.unwrap_or_default(),
                    ..d.clone()
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        Ok(Review {
            answers: answers(&r.answers)?,
            decisions,
            ..r.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Schedule, Status};
    use crate::store::{EXPORT_FORMAT, EXPORT_VERSION};

    fn batch(promises: Vec<Promise>, checks: Vec<Check>) -> Export {
        let at = day::FIRST_DAY.and_time(chrono::NaiveTime::MIN);
        Export {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: at,
            from: None,
            to: None,
            promises,
            checks,
            wins: Vec::new(),
            checkins: Vec::new(),
            reflections: Vec::new(),
            reviews: Vec::new(),
        }
    }

    fn check(n: u64) -> Check {
        let day = day::FIRST_DAY + chrono::Days::new(n);
        Check {
            id: format!("c{n}"),
            promise_id: "p".into(),
            day,
            status: Status::Kept,
            amount: None,
            note: None,
            lesson: None,
            updated_at: day.and_time(chrono::NaiveTime::MIN),
        }
    }

    #[test]
    fn a_check_is_held_once_by_its_promise_and_day_and_a_second_is_still_refused() {
        let p = Promise {
            id: "p".into(),
            number: 1,
            text: "Walk".into(),
            cue: None,
            smaller: None,
            area: None,
            schedule: Schedule::Daily,
            unit: None,
            targets: Vec::new(),
            versions: Vec::new(),
            position: 0,
            created_on: day::FIRST_DAY,
            archived_on: None,
            updated_at: day::FIRST_DAY.and_time(chrono::NaiveTime::MIN),
        };
        let mut seen = Seen::new(Vec::new());
        let checks = (0..1000).map(check).collect();
        checked(batch(vec![p], checks), &mut seen).expect("checked");
        // One hash a check (its promise and day), not a second for its id.
        let held = seen.checks.ids.len() + seen.checks.slots.len();
        assert_eq!(held, 1000);
        // The same check in a later batch, whatever its id, is a second one.
        let again = checked(batch(Vec::new(), vec![check(7)]), &mut seen);
        let said = again.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            said.contains("second check of the same promise on the same day"),
            "{said}"
        );
    }
}
