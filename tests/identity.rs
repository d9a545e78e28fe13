//! Identity two machines agree on (issue 17): ids derived from natural
//! keys, `updated_at` in UTC, a device id per journal file, and the
//! migration that brings an older journal over.

mod common;

use common::{Fixture, d, open_at, run_at};
use rusqlite::Connection;
use smallwins::domain::{Mark, NewPromise, Status};
use smallwins::model::identity;
use smallwins::store::{Access, LATEST_VERSION, Store};

/// A version 7 journal (the last before derived ids) holding one record
/// of every kind, written with the ids and local times of that version.
fn version_7_journal(f: &Fixture) {
    Store::create_at_version(&f.path, 7).expect("a version 7 journal");
    let conn = Connection::open(&f.path).expect("raw");
    conn.execute_batch(
        "INSERT INTO promises (id, number, text, schedule, unit, position, created_on, updated_at)
             VALUES ('0192aaaa-0000-7000-8000-000000000001', 1, 'Read', 'daily', 'pages', 0,
                     '2026-11-01', '2026-11-01 08:00:00');
         INSERT INTO targets (id, promise_id, from_day, amount)
             VALUES ('old-target', '0192aaaa-0000-7000-8000-000000000001', '2026-11-01', 10.0);
         INSERT INTO promise_versions (id, promise_id, from_day, text)
             VALUES ('old-v1', '0192aaaa-0000-7000-8000-000000000001', '2026-11-01', 'Read a page'),
                    ('old-v2', '0192aaaa-0000-7000-8000-000000000001', '2026-11-10', 'Read');
         INSERT INTO checks (id, promise_id, day, status, amount, note, updated_at)
             VALUES ('old-check', '0192aaaa-0000-7000-8000-000000000001', '2026-11-20', 'partial',
                     4.0, 'fell asleep over the harbour chapter', '2026-11-20 22:15:00');
         INSERT INTO wins (id, day, text, created_at, key)
             VALUES ('0192aaaa-0000-7000-8000-000000000002', '2026-11-20', 'cooked dinner',
                     '2026-11-20 19:00:00', 'k');
         INSERT INTO checkins (id, day, intention, confidence, updated_at)
             VALUES ('old-checkin', '2026-11-20', 'one page of the lighthouse book', 6,
                     '2026-11-20 08:05:00');
         INSERT INTO reflections (id, day, answers, mood, updated_at)
             VALUES ('old-reflection', '2026-11-20', '{\"helped\":\"a quiet kitchen\"}', 7,
                     '2026-11-20 21:30:00');
         INSERT INTO reviews (id, week_start, answers, updated_at)
             VALUES ('old-review', '2026-11-16', '{\"learned\":\"evenings beat mornings\"}',
                     '2026-11-21 10:00:00');",
    )
    .expect("one record of every kind");
}

#[test]
fn an_older_journal_keeps_every_record_under_derived_ids_with_utc_times() {
    let f = Fixture::new();
    version_7_journal(&f);
    // The times were written in Berlin (UTC+1 in November).
    let out = common::smallwins_at(&f, "2026-11-21T08:30")
        .env("TZ", "Europe/Berlin")
        .args(["export", "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");

    let promise = "0192aaaa-0000-7000-8000-000000000001";
    let p = &v["promises"][0];
    assert_eq!(p["id"], promise, "a promise keeps its id");
    assert_eq!(p["updated_at"], "2026-11-01T07:00:00");
    assert_eq!(
        p["targets"][0]["id"],
        identity::target_id(promise, d("2026-11-01"))
    );
    assert_eq!(p["targets"][0]["amount"], 10.0);
    assert_eq!(
        p["versions"][0]["id"],
        identity::version_id(promise, d("2026-11-01"))
    );
    assert_eq!(
        p["versions"][1]["id"],
        identity::version_id(promise, d("2026-11-10"))
    );
    assert_eq!(p["versions"][0]["text"], "Read a page");

    let c = &v["checks"][0];
    assert_eq!(c["id"], identity::check_id(promise, d("2026-11-20")));
    assert_eq!(c["status"], "partial");
    assert_eq!(c["note"], "fell asleep over the harbour chapter");
    assert_eq!(c["updated_at"], "2026-11-20T21:15:00");

    let w = &v["wins"][0];
    assert_eq!(
        w["id"], "0192aaaa-0000-7000-8000-000000000002",
        "a win keeps its id"
    );
    assert_eq!(
        w["created_at"], "2026-11-20T19:00:00",
        "and its time of day"
    );

    assert_eq!(
        v["checkins"][0]["id"],
        identity::checkin_id(d("2026-11-20"))
    );
    assert_eq!(v["checkins"][0]["updated_at"], "2026-11-20T07:05:00");
    assert_eq!(
        v["reflections"][0]["id"],
        identity::reflection_id(d("2026-11-20"))
    );
    assert_eq!(v["reflections"][0]["answers"]["helped"], "a quiet kitchen");
    assert_eq!(v["reviews"][0]["id"], identity::review_id(d("2026-11-16")));
    assert_eq!(v["reviews"][0]["updated_at"], "2026-11-21T09:00:00");
    for kind in [
        "promises",
        "checks",
        "wins",
        "checkins",
        "reflections",
        "reviews",
    ] {
        assert_eq!(v[kind].as_array().map(Vec::len), Some(1), "{kind}");
    }

    // The search index follows the new ids: a note found leads to its mark.
    let hits = common::json_at(&f, "2026-11-21T08:30", &["search", "harbour"]);
    let hit = serde_json::to_string(&hits).expect("json");
    assert!(
        hit.contains(&identity::check_id(promise, d("2026-11-20"))),
        "{hit}"
    );
    for word in ["lighthouse", "kitchen", "evenings", "dinner"] {
        let hits = common::json_at(&f, "2026-11-21T08:30", &["search", word]);
        assert!(
            !serde_json::to_string(&hits).expect("json").contains("old-"),
            "{word}"
        );
        assert_ne!(
            hits.to_string(),
            common::json_at(&f, "2026-11-21T08:30", &["search", "zzzz"]).to_string(),
            "{word} is found"
        );
    }

    let raw = Connection::open(&f.path).expect("raw");
    let version: i32 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, LATEST_VERSION);
    let stale: i64 = raw
        .query_row(
            "SELECT count(*) FROM search_entries WHERE record LIKE 'old-%'",
            [],
            |r| r.get(0),
        )
        .expect("search entries");
    assert_eq!(stale, 0, "no search entry points at an old id");
    let copies = smallwins::store::backups(&f.path).expect("copies");
    assert!(
        copies
            .iter()
            .any(|c| c.kind == smallwins::store::BackupKind::BeforeUpdate { version: 7 }),
        "a copy from before the update was kept: {copies:?}"
    );
}

#[test]
fn two_fresh_journals_making_the_same_mark_make_the_same_record() {
    let (a, b) = (Fixture::new(), Fixture::new());
    let mut one = open_at(&a.path, "2026-11-21T08:30");
    let stretch = one
        .add_promise(NewPromise {
            text: "Stretch for ten seconds".into(),
            ..NewPromise::default()
        })
        .expect("add");
    // The second machine has the same promise (from the first one's export).
    let mut two = open_at(&b.path, "2026-11-21T09:45");
    two.import(&one.export(None, None).expect("export"))
        .expect("import");

    let day = d("2026-11-21");
    let here = one
        .mark(&stretch.id, day, Status::Kept, Mark::default())
        .expect("mark");
    let there = two
        .mark(&stretch.id, day, Status::Missed, Mark::default())
        .expect("mark");
    assert_eq!(here.id, there.id);
    assert_eq!(here.id, identity::check_id(&stretch.id, day));

    let in_one = one
        .check_in(day, Some("stretch"), Some(6))
        .expect("check-in");
    let in_two = two.check_in(day, Some("walk"), Some(4)).expect("check-in");
    assert_eq!(in_one.id, in_two.id);
    let r1 = one
        .reflect(day, &Default::default(), Some(5), None)
        .expect("reflect");
    let r2 = two
        .reflect(day, &Default::default(), Some(8), None)
        .expect("reflect");
    assert_eq!(r1.id, r2.id);
    // Wins have no natural key: two wins are two records.
    let w1 = one.add_win(day, "sent the email", None).expect("win");
    let w2 = two.add_win(day, "sent the email", None).expect("win");
    assert_ne!(w1.id, w2.id);
}

#[test]
fn a_target_whose_day_moves_back_is_known_by_its_new_day() {
    let f = Fixture::new();
    let mut j = open_at(&f.path, "2026-11-21T08:30");
    let read = j
        .add_promise(NewPromise {
            text: "Read".into(),
            target: Some(10.0),
            unit: Some("pages".into()),
            ..NewPromise::default()
        })
        .expect("add");
    assert_eq!(
        read.targets[0].id,
        identity::target_id(&read.id, d("2026-11-21"))
    );
    // Shown up before its first day: it starts then, its target too.
    j.mark(&read.id, d("2026-11-18"), Status::Kept, Mark::default())
        .expect("mark");
    let read = j.promise(&read.id).expect("promise");
    assert_eq!(read.targets[0].from, d("2026-11-18"));
    assert_eq!(
        read.targets[0].id,
        identity::target_id(&read.id, d("2026-11-18"))
    );
}

#[test]
fn updated_at_is_the_utc_time_of_the_local_clock() {
    let f = Fixture::new();
    let out = common::smallwins_at(&f, "2026-11-21T08:30")
        .env("TZ", "America/New_York")
        .args(["win", "sent the email"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    common::smallwins_at(&f, "2026-11-21T08:30")
        .env("TZ", "America/New_York")
        .args(["checkin", "--confidence", "6"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_str(&run_at(
        &f,
        "2026-11-21T08:30",
        &["export", "--format", "json"],
    ))
    .expect("json");
    assert_eq!(v["checkins"][0]["updated_at"], "2026-11-21T13:30:00");
    assert_eq!(
        v["wins"][0]["created_at"], "2026-11-21T08:30:00",
        "a win keeps the time of day it was made"
    );
}

#[test]
fn every_journal_has_its_own_device_id_and_a_restore_keeps_the_journals() {
    let (a, b) = (Fixture::new(), Fixture::new());
    let mut one =
        Store::open_at(&a.path, common::at("2026-11-21T08:30"), Access::Write).expect("open");
    let two = Store::open_at(&b.path, common::at("2026-11-21T08:30"), Access::Write).expect("open");
    let id = one.device_id().expect("device id");
    assert_eq!(id.len(), 36);
    assert_ne!(id, two.device_id().expect("device id"));
    drop(two);

    // A joining machine gets a fresh one, kept from then on.
    let renewed = one.renew_device_id().expect("renew");
    assert_ne!(renewed, id);
    assert_eq!(one.device_id().expect("device id"), renewed);
    drop(one);

    // The other journal restored over this one: its records, this id.
    smallwins::store::restore(
        &a.path,
        &b.path,
        common::at("2026-11-21T09:00"),
        &Default::default(),
    )
    .expect("restore");
    let one = Store::open_at(&a.path, common::at("2026-11-21T09:00"), Access::Write).expect("open");
    assert_eq!(one.device_id().expect("device id"), renewed);
}

#[test]
fn a_copy_from_before_device_ids_restored_keeps_the_journals_id() {
    let (a, old) = (Fixture::new(), Fixture::new());
    let id = Store::open_at(&a.path, common::at("2026-11-21T08:30"), Access::Write)
        .expect("open")
        .device_id()
        .expect("device id");
    version_7_journal(&old);
    smallwins::store::restore(
        &a.path,
        &old.path,
        common::at("2026-11-21T09:00"),
        &Default::default(),
    )
    .expect("restore");
    let store =
        Store::open_at(&a.path, common::at("2026-11-21T09:00"), Access::Read).expect("open");
    assert_eq!(store.device_id().expect("device id"), id);
    assert_eq!(store.counts().expect("counts").checks, 1);
}
