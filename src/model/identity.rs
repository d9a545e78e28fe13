//! Ids two machines agree on. A record the journal keeps one of per
//! natural key gets its id from that key, so two journals that mark the
//! same promise on the same day make the same record, and sync and import
//! meet it under one id:
//!
//! | record | its key |
//! | --- | --- |
//! | a promise's mark on a day (check) | the promise's id and the day |
//! | a check-in, a reflection | its day |
//! | a weekly review | the day its week starts |
//! | a target, a wording version | the promise's id and the day it is in force from |
//!
//! Each id is a UUID version 5 (a SHA-1 of the kind and key) in the
//! smallwins namespace below, so it looks like every other id. Promises
//! and wins have no natural key: they keep random version 7 ids
//! ([`super::new_id`]).
//!
//! [`rekey`] gives the records of an export these ids, so an export made
//! before them imports and merges by natural key rather than by its old
//! ids.
//!
//! Time two machines agree on: `updated_at` is kept in UTC ([`utc_of`]
//! turns a wall-clock time into it), so the newest change wins whatever
//! zone each machine is in.
//!
//! May use: nothing of ours but the records beside it.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use uuid::Uuid;

use super::Export;

/// The smallwins namespace of derived ids. Never change it: every derived
/// id in every journal depends on it.
const NAMESPACE: Uuid = Uuid::from_u128(0x1c66_f228_1b65_4dbe_a19d_c66a_eded_99e2);

fn derived(kind: &str, parts: &[&str]) -> String {
    let mut name = String::from(kind);
    for part in parts {
        name.push('/');
        name.push_str(part);
    }
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// The id of a promise's mark (check) on `day`.
pub fn check_id(promise_id: &str, day: NaiveDate) -> String {
    derived("check", &[promise_id, &day.to_string()])
}

/// The id of the morning check-in of `day`.
pub fn checkin_id(day: NaiveDate) -> String {
    derived("checkin", &[&day.to_string()])
}

/// The id of the evening reflection of `day`.
pub fn reflection_id(day: NaiveDate) -> String {
    derived("reflection", &[&day.to_string()])
}

/// The id of the weekly review of the week starting `week_start`.
pub fn review_id(week_start: NaiveDate) -> String {
    derived("review", &[&week_start.to_string()])
}

/// The id of a measured promise's target in force from `from`.
pub fn target_id(promise_id: &str, from: NaiveDate) -> String {
    derived("target", &[promise_id, &from.to_string()])
}

/// The id of a promise's wording version in force from `from`.
pub fn version_id(promise_id: &str, from: NaiveDate) -> String {
    derived("version", &[promise_id, &from.to_string()])
}

/// Gives each target and wording version of a promise the id its key
/// makes (after their days moved, say).
pub fn rekey_promise(p: &mut super::Promise) {
    for t in &mut p.targets {
        t.id = target_id(&p.id, t.from);
    }
    for v in &mut p.versions {
        v.id = version_id(&p.id, v.from);
    }
}

/// Gives every record of `data` that has a natural key the id derived from
/// it, whatever id it came with (an export made before derived ids, or by
/// another program); promises and wins keep theirs. A second record of the
/// same key keeps its own id, so the import's check names it for what it
/// is: a second record where the journal keeps one. An export made before
/// `updated_at` was kept in UTC (format version 3 or older) holds wall-clock
/// times: they are read as times in `zone` (the machine's own, the best
/// guess of where they were written) and become UTC.
pub fn rekey<Tz: TimeZone>(data: &mut Export, zone: &Tz) {
    let version = data.version;
    let utc = |at: &mut NaiveDateTime| {
        if version < super::export::UTC_SINCE {
            *at = utc_of(*at, zone);
        }
    };
    let mut seen = HashSet::new();
    let mut once = |id: &mut String, derived: String| {
        // Kept as 16 bytes a record, however many there are.
        let bits = Uuid::parse_str(&derived).map_or(0, |u| u.as_u128());
        if seen.insert(bits) {
            *id = derived;
        }
    };
    for p in &mut data.promises {
        for t in &mut p.targets {
            once(&mut t.id, target_id(&p.id, t.from));
        }
        for v in &mut p.versions {
            once(&mut v.id, version_id(&p.id, v.from));
        }
        utc(&mut p.updated_at);
    }
    for c in &mut data.checks {
        once(&mut c.id, check_id(&c.promise_id, c.day));
        utc(&mut c.updated_at);
    }
    for c in &mut data.checkins {
        once(&mut c.id, checkin_id(c.day));
        utc(&mut c.updated_at);
    }
    for r in &mut data.reflections {
        once(&mut r.id, reflection_id(r.day));
        utc(&mut r.updated_at);
    }
    for r in &mut data.reviews {
        once(&mut r.id, review_id(r.week_start));
        utc(&mut r.updated_at);
    }
}

/// The UTC time of the wall-clock time `wall` in `zone`: how a record's
/// `updated_at` is kept, so two machines in different zones (or one that
/// moved) compare their changes on one clock. Of the two moments an hour
/// that repeats (daylight saving ending) names, the earlier; a time that
/// a clock skipped (daylight saving starting) reads with the offset in force
/// at that instant.
pub fn utc_of<Tz: TimeZone>(wall: NaiveDateTime, zone: &Tz) -> NaiveDateTime {
    match zone.from_local_datetime(&wall).earliest() {
        Some(at) => at.naive_utc(),
        None => {
            let offset = zone.offset_from_utc_datetime(&wall).fix();
            wall - chrono::TimeDelta::seconds(i64::from(offset.local_minus_utc()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn the_same_key_makes_the_same_id_and_another_key_another() {
        let day = d("2026-11-21");
        assert_eq!(check_id("p", day), check_id("p", day));
        assert_ne!(check_id("p", day), check_id("q", day));
        assert_ne!(
            check_id("p", day),
            check_id("p", day.succ_opt().expect("day"))
        );
        // One day, four kinds: four ids.
        let ids = [
            checkin_id(day),
            reflection_id(day),
            review_id(day),
            target_id("p", day),
            version_id("p", day),
            check_id("p", day),
        ];
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_derived_id_is_a_version_5_uuid_that_never_changes() {
        let id = checkin_id(d("2026-11-21"));
        let parsed = Uuid::parse_str(&id).expect("a uuid");
        assert_eq!(parsed.get_version_num(), 5);
        assert_eq!(id.len(), 36);
        // Pinned: every journal's ids depend on the namespace and the names.
        assert_eq!(id, checkin_id(d("2026-11-21")));
        assert_eq!(id, "9821a183-daf4-5786-82e9-52b5385ae515");
    }

    fn export(version: u32) -> Export {
        let at = d("2026-11-21").and_hms_opt(8, 30, 0).expect("time");
        let check = crate::model::Check {
            id: "an-old-id".into(),
            promise_id: "p".into(),
            day: d("2026-11-21"),
            status: crate::model::Status::Kept,
            amount: None,
            note: None,
            lesson: None,
            updated_at: at,
        };
        let checkin = crate::model::CheckIn {
            id: "another".into(),
            day: d("2026-11-21"),
            intention: None,
            confidence: Some(5),
            updated_at: at,
        };
        Export {
            format: crate::model::EXPORT_FORMAT.into(),
            version,
            exported_at: at,
            from: None,
            to: None,
            promises: Vec::new(),
            checks: vec![check],
            wins: Vec::new(),
            checkins: vec![checkin],
            reflections: Vec::new(),
            reviews: Vec::new(),
        }
    }

    #[test]
    fn an_old_export_gets_derived_ids_and_utc_times_and_a_new_one_keeps_its_times() {
        let berlin = chrono::FixedOffset::east_opt(3600).expect("zone");
        let mut old = export(3);
        rekey(&mut old, &berlin);
        assert_eq!(old.checks[0].id, check_id("p", d("2026-11-21")));
        assert_eq!(old.checkins[0].id, checkin_id(d("2026-11-21")));
        assert_eq!(old.checks[0].updated_at.to_string(), "2026-11-21 07:30:00");
        let mut new = export(crate::model::EXPORT_VERSION);
        rekey(&mut new, &berlin);
        assert_eq!(new.checks[0].id, check_id("p", d("2026-11-21")));
        assert_eq!(new.checks[0].updated_at.to_string(), "2026-11-21 08:30:00");
    }

    #[test]
    fn a_second_record_of_the_same_key_keeps_its_own_id() {
        let mut data = export(crate::model::EXPORT_VERSION);
        let mut second = data.checks[0].clone();
        second.id = "second".into();
        data.checks.push(second);
        rekey(&mut data, &chrono::Utc);
        assert_eq!(data.checks[0].id, check_id("p", d("2026-11-21")));
        assert_eq!(data.checks[1].id, "second");
    }

    #[test]
    fn a_wall_clock_time_becomes_the_same_instant_in_utc() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("time");
        let berlin = chrono::FixedOffset::east_opt(3600).expect("zone");
        let new_york = chrono::FixedOffset::west_opt(5 * 3600).expect("zone");
        assert_eq!(
            utc_of(at("2026-11-21T08:30"), &berlin),
            at("2026-11-21T07:30")
        );
        assert_eq!(
            utc_of(at("2026-11-21T22:00"), &new_york),
            at("2026-11-22T03:00")
        );
        assert_eq!(
            utc_of(at("2026-11-21T08:30"), &chrono::Utc),
            at("2026-11-21T08:30")
        );
    }
}
