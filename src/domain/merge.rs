//! The merge rule, the one way two copies of a record become one.
//!
//! Between two smallwins journals (an export imported, sync): the newest
//! `updated_at` wins, and of two written at the same moment the one with
//! the larger id, so two journals merged either way round agree; a win
//! private in either copy stays private (an import never makes a win
//! shareable). Import uses it today, sync too ([`incoming_wins`]).
//!
//! From another tracker's files ([`Origin::Source`]), whose records take
//! their times from the day they are for, so a corrected entry carries
//! the same time as the one imported before: a record the journal does not
//! have comes in; one whose words the source has changed replaces the
//! journal's copy, stamped now, as long as that copy is still exactly as
//! an import wrote it; a copy the person changed in smallwins since stays
//! as it is, and is counted ([`ImportReport::kept`]). A reflection is
//! merged answer by answer: the source's answers are added to the day's
//! reflection, and replace only answers an import wrote.
//!
//! How a copy is known to be as an import wrote it: every record written
//! from another tracker's files carries a fingerprint of what it says
//! ([`fingerprint`]) in the nanoseconds of its time (`updated_at`, or a
//! win's `created_at`), which no clock of a person's change writes on
//! purpose. A copy whose words no longer match the fingerprint in its time,
//! or whose time was stamped by a change in smallwins, was changed since.
//! The fingerprint travels with the record through exports and sync, so
//! every machine tells the same. Imports by builds before fingerprints
//! wrote whole times: a copy without one whose time is still exactly the
//! time the import gives the record (noon of a check's day, midnight of a
//! promise's first day) is as that import wrote it, since a change in
//! smallwins stamps its own moment ([`as_imported_before`]). A win keeps
//! its moment when it is changed, so only its fingerprint tells.
//!
//! May use: `store` (to look up records inside the import's transaction,
//! and to write a `Change`) and `model`.

use chrono::{Duration, NaiveDateTime, Timelike};
use serde::Serialize;
use uuid::Uuid;

use crate::model::change::{Change, Key, Record};
use crate::model::{Check, Counts, Export, ImportReport, Promise, Reflection, Win};
use crate::store::{Result, Stamp, Writer};

/// Where an import's records come from, which decides how they meet the
/// journal's copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A smallwins export: the newest change wins.
    Export,
    /// Another tracker's files: the source's corrections come over, and
    /// what was changed in smallwins since stays. `now` (UTC) stamps a
    /// correction.
    Source { now: NaiveDateTime },
}

/// Whether a record written at `at` with id `id` replaces the journal's
/// copy (`stored`: its id and time), or comes in where there is none.
pub fn incoming_wins(stored: Option<&Stamp>, id: &str, at: NaiveDateTime) -> bool {
    match stored {
        None => true,
        Some((stored_id, stored_at)) => {
            at > *stored_at || (at == *stored_at && id > stored_id.as_str())
        }
    }
}

/// What to write for a win that comes in beside the journal's copy
/// (`None`: nothing). A win has no later edits to merge: the journal's copy
/// stays, made private if either copy is.
pub fn merged_win(stored: Option<Win>, incoming: &Win) -> Option<Win> {
    match stored {
        None => Some(incoming.clone()),
        Some(win) if incoming.private && !win.private => Some(Win {
            private: true,
            ..win
        }),
        Some(_) => None,
    }
}

/// Merges every record of `data` (already checked) by the rule for its
/// origin, and writes those that win as one [`Change`] through the store's
/// one way of writing records ([`Writer::write_all`]); how many of each
/// kind were added and updated.
pub fn merge(w: &Writer<'_>, data: Export, origin: Origin) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut change = Change::default();
    match origin {
        Origin::Export => newest(w, &data, &mut change, &mut report)?,
        Origin::Source { now } => from_source(w, &data, now, &mut change, &mut report)?,
    }
    for c in data.checkins {
        let stored = w.checkin_stamp(c.day)?;
        if incoming_wins(stored.as_ref(), &c.id, c.updated_at) {
            count(&mut report, stored.is_some(), |n| n.checkins += 1);
            change.checkin(c);
        }
    }
    for r in data.reviews {
        let stored = w.review_stamp(r.week_start)?;
        if incoming_wins(stored.as_ref(), &r.id, r.updated_at) {
            count(&mut report, stored.is_some(), |n| n.reviews += 1);
            change.review(r);
        }
    }
    w.write_all(&change)?;
    Ok(report)
}

/// Counts one record written: updated when the journal had a copy.
fn count(report: &mut ImportReport, had: bool, kind: impl FnOnce(&mut Counts)) {
    kind(if had {
        &mut report.updated
    } else {
        &mut report.added
    });
}

/// The newest-wins rule for promises, checks, wins and reflections.
fn newest(
    w: &Writer<'_>,
    data: &Export,
    change: &mut Change,
    report: &mut ImportReport,
) -> Result<()> {
    for p in &data.promises {
        let stored = w.promise_stamp(&p.id)?;
        if incoming_wins(stored.as_ref(), &p.id, p.updated_at) {
            count(report, stored.is_some(), |n| n.promises += 1);
            change.promise(p.clone());
        }
    }
    for c in &data.checks {
        let stored = w.check_stamp(c)?;
        if incoming_wins(stored.as_ref(), &c.id, c.updated_at) {
            count(report, stored.is_some(), |n| n.checks += 1);
            change.check(c.clone());
        }
    }
    for win in &data.wins {
        let stored = w.win(&win.id)?;
        let had = stored.is_some();
        if let Some(win) = merged_win(stored, win) {
            count(report, had, |n| n.wins += 1);
            change.win(win);
        }
    }
    for r in &data.reflections {
        let stored = w.reflection_stamp(r.day)?;
        if incoming_wins(stored.as_ref(), &r.id, r.updated_at) {
            count(report, stored.is_some(), |n| n.reflections += 1);
            change.reflection(r.clone());
        }
    }
    Ok(())
}

/// The rule for another tracker's records (see the module header).
fn from_source(
    w: &Writer<'_>,
    data: &Export,
    now: NaiveDateTime,
    change: &mut Change,
    report: &mut ImportReport,
) -> Result<()> {
    for p in &data.promises {
        let stored = match w.record(&Key::Promise(p.id.clone()))? {
            Some(Record::Promise(p)) => Some(p),
            _ => None,
        };
        let position = stored.as_ref().map(|s| s.position);
        if let Some(mut p) = settle(stored, p.clone(), now, report, |n| n.promises += 1) {
            // Its place in the list is the person's.
            p.position = position.unwrap_or(p.position);
            change.promise(p);
        }
    }
    for c in &data.checks {
        let key = Key::Check {
            promise_id: c.promise_id.clone(),
            day: c.day,
        };
        let stored = match w.record(&key)? {
            Some(Record::Check(c)) => Some(c),
            _ => None,
        };
        if let Some(c) = settle(stored, c.clone(), now, report, |n| n.checks += 1) {
            change.check(c);
        }
    }
    for win in &data.wins {
        let stored = w.win(&win.id)?;
        if let Some(win) = settle(stored, win.clone(), now, report, |n| n.wins += 1) {
            change.win(win);
        }
    }
    for r in &data.reflections {
        let stored = match w.record(&Key::Reflection(r.day))? {
            Some(Record::Reflection(r)) => Some(r),
            _ => None,
        };
        if let Some(r) = answers_from_source(stored, r.clone(), now, report) {
            change.reflection(r);
        }
    }
    Ok(())
}

/// One record from another tracker against the journal's copy: what to
/// write, if anything, counted in `report`.
fn settle<T: Sourced>(
    stored: Option<T>,
    mut incoming: T,
    now: NaiveDateTime,
    report: &mut ImportReport,
    kind: impl FnOnce(&mut Counts),
) -> Option<T> {
    let then = incoming.time();
    seal(&mut incoming, None);
    let Some(stored) = stored else {
        kind(&mut report.added);
        return Some(incoming);
    };
    if stored.says() == incoming.says() {
        return None;
    }
    if !as_imported(&stored) && !as_imported_before(&stored, then) {
        report.kept += 1;
        return None;
    }
    seal(&mut incoming, Some(later(now, stored.time())));
    kind(&mut report.updated);
    Some(incoming)
}

/// A reflection from another tracker, merged answer by answer into the
/// day's reflection: answers it lacks are added; answers it has are
/// replaced while it is as an import wrote it. Its own id stays.
fn answers_from_source(
    stored: Option<Reflection>,
    incoming: Reflection,
    now: NaiveDateTime,
    report: &mut ImportReport,
) -> Option<Reflection> {
    let Some(stored) = stored else {
        return settle(None, incoming, now, report, |n| n.reflections += 1);
    };
    let ours = as_imported(&stored) || as_imported_before(&stored, incoming.updated_at);
    let mut merged = stored.clone();
    let mut held = false;
    for (key, answer) in incoming.answers {
        match merged.answers.get(&key) {
            Some(old) if *old == answer => {}
            Some(_) if !ours => held = true,
            _ => {
                merged.answers.insert(key, answer);
            }
        }
    }
    merged.mood = merged.mood.or(incoming.mood);
    merged.confidence = merged.confidence.or(incoming.confidence);
    if merged.says() == stored.says() {
        report.kept += u64::from(held);
        return None;
    }
    seal(&mut merged, Some(later(now, stored.updated_at)));
    report.updated.reflections += 1;
    Some(merged)
}

/// A moment after both `now` and `before`, in whole seconds.
fn later(now: NaiveDateTime, before: NaiveDateTime) -> NaiveDateTime {
    let whole = |at: NaiveDateTime| at.with_nanosecond(0).unwrap_or(at);
    whole(now).max(whole(before) + Duration::seconds(1))
}

/// A record another tracker's import writes: what it says, and the time
/// that carries its fingerprint.
trait Sourced {
    /// Whether a change in smallwins gives the record a new time.
    const CHANGE_STAMPS: bool = true;
    /// What the record says, apart from its id, key and time.
    fn says(&self) -> Vec<u8>;
    fn time(&self) -> NaiveDateTime;
    fn set_time(&mut self, at: NaiveDateTime);
    /// The time a correction carries: `now` for a record that has a time
    /// of change.
    fn corrected_at(&self, now: NaiveDateTime) -> NaiveDateTime {
        now
    }
}

/// Puts the record's fingerprint in the nanoseconds of its time (the
/// time of a correction, `Some(now)`, or its own).
fn seal<T: Sourced>(record: &mut T, now: Option<NaiveDateTime>) {
    let at = match now {
        Some(now) => record.corrected_at(now),
        None => record.time(),
    };
    let nanos = fingerprint(&record.says());
    record.set_time(at.with_nanosecond(nanos).unwrap_or(at));
}

/// Whether a record is exactly as an import of another tracker wrote it.
fn as_imported<T: Sourced>(record: &T) -> bool {
    record.time().nanosecond() == fingerprint(&record.says())
}

/// Whether a record without a fingerprint is exactly as an earlier
/// build's import wrote it: its time is still `then`, the whole time the
/// import gives the record, which a change in smallwins would have
/// replaced with the moment of the change.
fn as_imported_before<T: Sourced>(record: &T, then: NaiveDateTime) -> bool {
    T::CHANGE_STAMPS && record.time() == then && then.nanosecond() == 0
}

/// The fingerprint of what a record says: 1 to 999,999,999, from a SHA-1
/// (a UUID version 5), the same in every smallwins.
pub fn fingerprint(says: &[u8]) -> u32 {
    const SEALS: Uuid = Uuid::from_u128(0x5f1d_7c2e_9a43_4b8e_b6a0_3c51_d2e8_7f94);
    let hash = Uuid::new_v5(&SEALS, says).as_u128();
    (hash % 999_999_999) as u32 + 1
}

fn bytes(value: impl Serialize) -> Vec<u8> {
    serde_json::to_vec(&value).unwrap_or_default()
}

impl Sourced for Promise {
    fn says(&self) -> Vec<u8> {
        let targets: Vec<_> = self.targets.iter().map(|t| (t.from, t.amount)).collect();
        bytes((
            &self.text,
            &self.cue,
            &self.smaller,
            &self.area,
            &self.schedule,
            &self.unit,
            targets,
            self.created_on,
            self.archived_on,
        ))
    }
    fn time(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn set_time(&mut self, at: NaiveDateTime) {
        self.updated_at = at;
    }
}

impl Sourced for Check {
    fn says(&self) -> Vec<u8> {
        bytes((self.status, self.amount, &self.note, &self.lesson))
    }
    fn time(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn set_time(&mut self, at: NaiveDateTime) {
        self.updated_at = at;
    }
}

impl Sourced for Win {
    const CHANGE_STAMPS: bool = false;
    fn says(&self) -> Vec<u8> {
        bytes((self.day, &self.text, &self.area, self.private))
    }
    fn time(&self) -> NaiveDateTime {
        self.created_at
    }
    fn set_time(&mut self, at: NaiveDateTime) {
        self.created_at = at;
    }
    /// A win keeps the moment it was written down.
    fn corrected_at(&self, _now: NaiveDateTime) -> NaiveDateTime {
        self.created_at
    }
}

impl Sourced for Reflection {
    fn says(&self) -> Vec<u8> {
        bytes((&self.answers, self.mood, self.confidence))
    }
    fn time(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn set_time(&mut self, at: NaiveDateTime) {
        self.updated_at = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a time")
    }

    #[test]
    fn the_newest_wins_and_a_tie_goes_to_the_larger_id() {
        let stored: Stamp = ("b".into(), at(9));
        assert!(incoming_wins(None, "a", at(1)));
        assert!(incoming_wins(Some(&stored), "a", at(10)));
        assert!(!incoming_wins(Some(&stored), "z", at(8)));
        assert!(incoming_wins(Some(&stored), "c", at(9)));
        assert!(!incoming_wins(Some(&stored), "a", at(9)));
        assert!(!incoming_wins(Some(&stored), "b", at(9)), "the same copy");
    }

    #[test]
    fn a_private_win_stays_private_either_way_round() {
        let win = |private| Win {
            id: "w".into(),
            day: at(9).date(),
            text: "here".into(),
            area: None,
            created_at: at(9),
            private,
        };
        let incoming = Win {
            text: "elsewhere".into(),
            ..win(true)
        };
        assert_eq!(merged_win(Some(win(false)), &incoming), Some(win(true)));
        assert_eq!(merged_win(Some(win(true)), &win(false)), None);
        assert_eq!(merged_win(Some(win(false)), &win(false)), None);
        assert_eq!(merged_win(None, &incoming), Some(incoming.clone()));
    }

    fn check(note: &str, updated_at: NaiveDateTime) -> Check {
        Check {
            id: "c".into(),
            promise_id: "p".into(),
            day: at(9).date(),
            status: crate::model::Status::Kept,
            amount: None,
            note: Some(note.into()),
            lesson: None,
            updated_at,
        }
    }

    /// `incoming` settled against `stored`, with the report it left.
    fn settled(stored: Option<Check>, incoming: Check) -> (Option<Check>, ImportReport) {
        let mut report = ImportReport::default();
        let out = settle(stored, incoming, at(20), &mut report, |n| n.checks += 1);
        (out, report)
    }

    #[test]
    fn a_source_record_comes_in_sealed_and_again_changes_nothing() {
        let (first, report) = settled(None, check("short walk", at(12)));
        let first = first.expect("added");
        assert_eq!(report.added.checks, 1);
        assert!(as_imported(&first));
        assert_eq!(first.updated_at.with_nanosecond(0), Some(at(12)));
        let (again, report) = settled(Some(first), check("short walk", at(12)));
        assert_eq!((again, report), (None, ImportReport::default()));
    }

    #[test]
    fn a_correction_replaces_what_the_import_wrote_stamped_now() {
        let (first, _) = settled(None, check("short walk", at(12)));
        let (fixed, report) = settled(first, check("long walk", at(12)));
        let fixed = fixed.expect("updated");
        assert_eq!(report.updated.checks, 1);
        assert_eq!(fixed.note.as_deref(), Some("long walk"));
        assert_eq!(fixed.updated_at.with_nanosecond(0), Some(at(20)));
        // Still as an import wrote it: the next correction comes over too.
        assert!(as_imported(&fixed));
        let (again, report) = settled(Some(fixed), check("longer walk", at(12)));
        assert!(again.is_some());
        assert_eq!(report.updated.checks, 1);
    }

    #[test]
    fn what_the_person_changed_since_stays_and_is_counted() {
        let (first, _) = settled(None, check("short walk", at(12)));
        let mut mine = first.expect("added");
        mine.note = Some("my own words".into());
        mine.updated_at = at(15);
        let (out, report) = settled(Some(mine.clone()), check("long walk", at(12)));
        assert_eq!(out, None);
        assert_eq!(report.kept, 1);
        // Words changed in smallwins under the same time count too.
        let mut reworded = settled(None, check("short walk", at(12))).0.expect("added");
        reworded.note = Some("reworded".into());
        let (out, report) = settled(Some(reworded), check("long walk", at(12)));
        assert_eq!((out, report.kept), (None, 1));
        // A record written in smallwins before any import stays as well.
        let (out, report) = settled(Some(check("typed", at(15))), check("long walk", at(12)));
        assert_eq!((out, report.kept), (None, 1));
    }

    #[test]
    fn an_earlier_builds_import_is_corrected_unless_changed_since() {
        // An earlier build wrote the check at noon of its day, whole.
        let before = check("short walk", at(12));
        let (fixed, report) = settled(Some(before), check("long walk", at(12)));
        assert_eq!(fixed.map(|c| c.note), Some(Some("long walk".into())));
        assert_eq!((report.updated.checks, report.kept), (1, 0));
        // Changed in smallwins since: stamped with the moment of the change.
        let mine = check("my own words", at(15));
        let (out, report) = settled(Some(mine), check("long walk", at(12)));
        assert_eq!((out, report.kept), (None, 1));
        // A win keeps its moment when it is changed: without a fingerprint,
        // the journal's copy stays.
        let win = |text: &str| Win {
            id: "w".into(),
            day: at(9).date(),
            text: text.into(),
            area: None,
            created_at: at(9),
            private: false,
        };
        let mut report = ImportReport::default();
        let out = settle(Some(win("mine")), win("source"), at(20), &mut report, |n| {
            n.wins += 1
        });
        assert_eq!((out, report.kept), (None, 1));
    }

    fn reflection(answers: &[(&str, &str)], updated_at: NaiveDateTime) -> Reflection {
        Reflection {
            id: "r".into(),
            day: at(9).date(),
            answers: answers
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            mood: None,
            confidence: None,
            updated_at,
        }
    }

    #[test]
    fn a_source_answer_joins_the_persons_reflection_and_follows_its_corrections() {
        let mut report = ImportReport::default();
        let mine = reflection(&[("helped", "tea")], at(21));
        let joined = answers_from_source(
            Some(mine),
            reflection(&[("jrnl", "long entry")], at(9)),
            at(22),
            &mut report,
        )
        .expect("the answer is added");
        assert_eq!(joined.answers.len(), 2);
        assert_eq!(report.updated.reflections, 1);
        let fixed = answers_from_source(
            Some(joined),
            reflection(&[("jrnl", "long entry, fixed")], at(9)),
            at(23),
            &mut report,
        )
        .expect("corrected");
        assert_eq!(fixed.answers["jrnl"], "long entry, fixed");
        assert_eq!(fixed.answers["helped"], "tea");
        // Once the person changes it, the source's answer no longer
        // replaces theirs.
        let mut changed = fixed;
        changed.answers.insert("jrnl".into(), "my words".into());
        changed.updated_at = at(23) + Duration::minutes(5);
        let mut report = ImportReport::default();
        let out = answers_from_source(
            Some(changed),
            reflection(&[("jrnl", "long entry, fixed again")], at(9)),
            at(23),
            &mut report,
        );
        assert_eq!((out, report.kept), (None, 1));
    }
}
