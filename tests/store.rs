//! The SQLite store on real files in a temporary directory: records round
//! trip exactly, the file is private, foreign, damaged and newer files are
//! refused without a byte changing, migrations keep a copy in the backups
//! folder, and exports merge.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use smallwins::domain::model::new_id;
use smallwins::domain::{Check, CheckIn, Promise, Reflection, Schedule, Status, Target, Win};
use smallwins::store::{
    APPLICATION_ID, BackupKind, Counts, Export, LATEST_VERSION, Store, StoreError, backups,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").expect("test time")
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// Every file in a directory with its full contents, to prove nothing was
/// touched (including SQLite's -wal and -shm files).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let e = e.expect("dir entry");
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).expect("read file"))
        })
        .collect()
}

/// Everything in the store. The bounds are explicit because an export
/// without an upper bound currently holds no day records: `NaiveDate::MAX`
/// is stored as "+262142-12-31", which sorts before every real day.
fn everything(store: &Store) -> Export {
    store
        .export(
            Some(d("1000-01-01")),
            Some(d("9999-12-31")),
            t("2026-11-21 12:00:00"),
        )
        .expect("export")
}

/// One of every record kind, with every optional field both set and unset.
struct Sample {
    promises: Vec<Promise>,
    checks: Vec<Check>,
    wins: Vec<Win>,
    checkins: Vec<CheckIn>,
    reflections: Vec<Reflection>,
}

fn sample() -> Sample {
    let read = Promise {
        id: new_id(),
        text: "Read before bed".into(),
        cue: Some("when I get into bed".into()),
        smaller: Some("read one page".into()),
        area: Some("creative".into()),
        schedule: Schedule::Daily,
        unit: Some("pages".into()),
        targets: vec![
            Target {
                id: new_id(),
                from: d("2026-11-01"),
                amount: 10.0,
            },
            Target {
                id: new_id(),
                from: d("2026-11-09"),
                amount: 5.0,
            },
            Target {
                id: new_id(),
                from: d("2026-11-16"),
                amount: 7.5,
            },
        ],
        number: 1,
        versions: vec![],
        position: 0,
        created_on: d("2026-11-01"),
        archived_on: None,
        updated_at: t("2026-11-16 07:50:12.123456789"),
    };
    let walk = Promise {
        id: new_id(),
        text: "Go for a short walk — «outside»".into(),
        cue: None,
        smaller: None,
        area: None,
        schedule: Schedule::Weekdays {
            days: vec![0, 2, 4],
        },
        unit: None,
        targets: vec![],
        number: 2,
        versions: vec![],
        position: 1,
        created_on: d("2026-11-02"),
        archived_on: None,
        updated_at: t("2026-11-02 08:00:00"),
    };
    let friend = Promise {
        id: new_id(),
        text: "Reach out to a friend".into(),
        cue: Some("after dinner".into()),
        smaller: None,
        area: Some("social".into()),
        schedule: Schedule::TimesPerWeek { times: 3 },
        unit: None,
        targets: vec![],
        number: 3,
        versions: vec![],
        position: 2,
        created_on: d("2026-11-03"),
        archived_on: None,
        updated_at: t("2026-11-03 21:00:00.5"),
    };
    let bed = Promise {
        id: new_id(),
        text: "Make the bed".into(),
        cue: None,
        smaller: Some("straighten the pillow".into()),
        area: Some("home".into()),
        schedule: Schedule::Daily,
        unit: None,
        targets: vec![],
        number: 4,
        versions: vec![],
        position: 3,
        created_on: d("2026-11-01"),
        archived_on: Some(d("2026-11-15")),
        updated_at: t("2026-11-15 07:00:00"),
    };
    let check =
        |p: &Promise, day: &str, status, amount, note: Option<&str>, lesson: Option<&str>| Check {
            id: new_id(),
            promise_id: p.id.clone(),
            day: d(day),
            status,
            amount,
            note: note.map(String::from),
            lesson: lesson.map(String::from),
            updated_at: t(&format!("{day} 21:15:30.25")),
        };
    let checks = vec![
        check(&read, "2026-11-16", Status::Kept, Some(7.5), None, None),
        check(
            &read,
            "2026-11-17",
            Status::Partial,
            Some(0.1),
            Some("Read on the bus,\nthen slept"),
            None,
        ),
        check(
            &read,
            "2026-11-18",
            Status::Missed,
            Some(0.0),
            Some("Fell asleep before opening the book"),
            Some("Leave the book on the pillow"),
        ),
        check(
            &walk,
            "2026-11-16",
            Status::Kept,
            None,
            Some("By the river 🌊"),
            None,
        ),
        check(
            &friend,
            "2026-11-17",
            Status::Missed,
            None,
            None,
            Some("Text before dinner"),
        ),
        check(&bed, "2026-11-14", Status::Partial, None, None, None),
    ];
    let wins = vec![
        Win {
            id: new_id(),
            day: d("2026-11-16"),
            text: "Sent the email I was avoiding".into(),
            area: Some("work".into()),
            created_at: t("2026-11-16 10:02:03.000000001"),
            private: false,
        },
        Win {
            id: new_id(),
            day: d("2026-11-16"),
            text: "Said \"no\" kindly, twice\nand meant it".into(),
            area: None,
            created_at: t("2026-11-16 15:00:00"),
            private: false,
        },
    ];
    let checkins = vec![
        CheckIn {
            id: new_id(),
            day: d("2026-11-16"),
            intention: Some("Show up for the easy ones.".into()),
            confidence: Some(0),
            updated_at: t("2026-11-16 08:10:00"),
        },
        CheckIn {
            id: new_id(),
            day: d("2026-11-17"),
            intention: None,
            confidence: None,
            updated_at: t("2026-11-17 08:10:00"),
        },
    ];
    let reflections = vec![
        Reflection {
            id: new_id(),
            day: d("2026-11-16"),
            answers: BTreeMap::from([
                (
                    "helped".to_string(),
                    "Coffee first, then the stretch.".to_string(),
                ),
                (
                    "in_the_way".to_string(),
                    "Meetings\n\nand more \"meetings\"".to_string(),
                ),
                (
                    "adjust".to_string(),
                    "Lunch walk at 12:30 — früher".to_string(),
                ),
            ]),
            mood: Some(10),
            confidence: Some(6),
            updated_at: t("2026-11-17 00:40:00"),
        },
        Reflection {
            id: new_id(),
            day: d("2026-11-17"),
            answers: BTreeMap::new(),
            mood: None,
            confidence: Some(0),
            updated_at: t("2026-11-17 22:00:00"),
        },
    ];
    Sample {
        promises: vec![read, walk, friend, bed],
        checks,
        wins,
        checkins,
        reflections,
    }
}

fn write_sample(store: &mut Store, s: &Sample) {
    store
        .write(|w| {
            for p in &s.promises {
                w.put_promise(p)?;
            }
            for c in &s.checks {
                w.put_check(c)?;
            }
            for win in &s.wins {
                w.put_win(win)?;
            }
            for c in &s.checkins {
                w.put_checkin(c)?;
            }
            for r in &s.reflections {
                w.put_reflection(r)?;
            }
            Ok(())
        })
        .expect("write the sample");
}

fn assert_holds_sample(store: &Store, s: &Sample) {
    assert_eq!(store.promises(true).expect("promises"), s.promises);
    assert_eq!(
        store.promises(false).expect("active"),
        s.promises[..3].to_vec()
    );
    for c in &s.checks {
        assert_eq!(
            store.check(&c.promise_id, c.day).expect("check").as_ref(),
            Some(c)
        );
    }
    let mut by_day = s.checks.clone();
    by_day.sort_by(|a, b| (a.day, &a.promise_id).cmp(&(b.day, &b.promise_id)));
    assert_eq!(
        store
            .checks_between(d("2026-11-01"), d("2026-11-30"))
            .expect("checks"),
        by_day
    );
    assert_eq!(
        store
            .checks_between(d("2026-11-17"), d("2026-11-17"))
            .expect("checks")
            .len(),
        2
    );
    assert_eq!(
        store
            .wins_between(d("2026-11-16"), d("2026-11-16"))
            .expect("wins"),
        s.wins
    );
    assert_eq!(
        store
            .checkins_between(d("2026-11-01"), d("2026-11-30"))
            .expect("checkins"),
        s.checkins
    );
    assert_eq!(
        store
            .reflections_between(d("2026-11-01"), d("2026-11-30"))
            .expect("reflections"),
        s.reflections
    );
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            promises: 4,
            checks: 6,
            wins: 2,
            checkins: 2,
            reflections: 2,
            reviews: 0
        }
    );
}

/// Merges `data` into `store` by the domain's merge rule, as an import does
/// after checking it.
fn import(store: &mut Store, data: &Export) -> smallwins::store::Result<smallwins::model::Counts> {
    let origin = smallwins::domain::merge::Origin::Export;
    store
        .write(|w| smallwins::domain::merge::merge(w, data.clone(), origin))
        .map(|report| report.changed())
}

#[test]
fn every_record_kind_round_trips_exactly_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let s = sample();
    {
        let mut store = Store::open(&path).expect("create");
        assert_eq!(store.path(), path);
        assert!(store.counts().expect("counts").is_empty());
        write_sample(&mut store, &s);
        assert_holds_sample(&store, &s);
    }
    let store = Store::open(&path).expect("reopen");
    assert_holds_sample(&store, &s);
}

#[test]
fn writing_a_record_again_replaces_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("journal.db")).expect("create");
    let s = sample();
    write_sample(&mut store, &s);
    let mut read = s.promises[0].clone();
    read.targets.remove(1);
    read.text = "Read in bed".into();
    let mut check = s.checks[0].clone();
    check.id = new_id();
    check.status = Status::Missed;
    check.note = Some("Changed my mind".into());
    store
        .write(|w| {
            w.put_promise(&read)?;
            w.put_check(&check)
        })
        .expect("rewrite");
    assert_eq!(store.promises(true).expect("promises")[0], read);
    // Same promise and day, new id: the one check of that day is replaced.
    assert_eq!(
        store.check(&check.promise_id, check.day).expect("check"),
        Some(check.clone())
    );
    assert_eq!(store.counts().expect("counts").checks, 6);
}

#[test]
fn a_failed_write_saves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("journal.db")).expect("create");
    let s = sample();
    let mut orphan = s.checks[0].clone();
    orphan.promise_id = new_id();
    let result = store.write(|w| {
        w.put_win(&s.wins[0])?;
        w.put_check(&orphan)
    });
    assert!(
        matches!(result, Err(StoreError::Sqlite(_))),
        "a check of an unknown promise breaks a foreign key: {result:?}"
    );
    assert!(
        store.counts().expect("counts").is_empty(),
        "the win went with it"
    );
}

#[test]
fn a_new_journal_and_its_new_folders_are_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new").join("nested").join("journal.db");
    let mut store = Store::open(&path).expect("create");
    write_sample(&mut store, &sample());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("new").join("nested")), 0o700);
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(
        wal.exists(),
        "the WAL holds the write while the journal is open"
    );
    assert_eq!(
        mode(&wal),
        0o600,
        "SQLite's side files follow the journal's mode"
    );
}

#[test]
fn an_existing_empty_file_becomes_a_private_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    fs::write(&path, b"").expect("touch");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let store = Store::open(&path).expect("an empty file is a new journal");
    assert!(store.counts().expect("counts").is_empty());
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn the_file_says_what_it_is_and_keeps_its_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut store = Store::open(&path).expect("create");
    let s = sample();
    write_sample(&mut store, &s);

    let other = Connection::open(&path).expect("second connection");
    let journal_mode: String = other
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("journal_mode");
    assert_eq!(journal_mode, "wal");
    let app_id: i32 = other
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("application_id");
    assert_eq!(app_id, APPLICATION_ID);
    let version: i32 = other
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    assert_eq!(version, LATEST_VERSION);
    let tables: Vec<String> = other
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    assert_eq!(
        tables,
        [
            "checkins",
            "checks",
            "meta",
            "promise_checkpoints",
            "promise_versions",
            "promises",
            "reflections",
            "reviews",
            "search",
            "search_config",
            "search_data",
            "search_docsize",
            "search_entries",
            "search_idx",
            "search_trigram",
            "search_trigram_config",
            "search_trigram_data",
            "search_trigram_docsize",
            "search_trigram_idx",
            "sync_applied",
            "sync_lost",
            "sync_outbox",
            "sync_skipped",
            "sync_stamps",
            "sync_state",
            "targets",
            "totals_checkpoints",
            "wins"
        ]
    );
    drop(other);

    // foreign_keys is per connection, so it shows in what the store does: a
    // check needs its promise, and deleting a promise takes its checks and
    // targets with it.
    let mut orphan = s.checks[0].clone();
    orphan.id = new_id();
    orphan.promise_id = new_id();
    assert!(store.write(|w| w.put_check(&orphan)).is_err());
    let read_id = s.promises[0].id.clone();
    store.write(|w| w.delete_promise(&read_id)).expect("delete");
    let c = store.counts().expect("counts");
    assert_eq!((c.promises, c.checks), (3, 3));
    let other = Connection::open(&path).expect("second connection");
    let targets: i64 = other
        .query_row("SELECT count(*) FROM targets", [], |r| r.get(0))
        .expect("targets");
    assert_eq!(targets, 0);
    drop(other);
    drop(store);

    // The header names the journal even with no SQLite at hand; the WAL
    // mode is written there too (bytes 18 and 19 are 2).
    let bytes = fs::read(&path).expect("read");
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!((bytes[18], bytes[19]), (2, 2));
    assert_eq!(
        i32::from_be_bytes([bytes[60], bytes[61], bytes[62], bytes[63]]),
        LATEST_VERSION
    );
    assert_eq!(
        i32::from_be_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]),
        APPLICATION_ID
    );
}

/// A closed journal with some records in it.
fn closed_journal(path: &Path) {
    let mut store = Store::open(path).expect("create");
    write_sample(&mut store, &sample());
}

fn set_user_version(path: &Path, version: i32) {
    let conn = Connection::open(path).expect("raw connection");
    conn.pragma_update(None, "user_version", version)
        .expect("bump");
    conn.close().expect("close");
}

#[test]
fn a_journal_from_a_newer_smallwins_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    closed_journal(&path);
    set_user_version(&path, LATEST_VERSION + 1);
    let before = snapshot(dir.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        ["journal.db"],
        "no WAL left behind"
    );
    for _ in 0..2 {
        match Store::open(&path) {
            Err(StoreError::NewerVersion {
                path: p,
                found,
                supported,
            }) => {
                assert_eq!(p, path);
                assert_eq!(found, LATEST_VERSION + 1);
                assert_eq!(supported, LATEST_VERSION);
            }
            Err(other) => panic!("unexpected error {other:?}"),
            Ok(_) => panic!("a newer journal was opened"),
        }
        assert_eq!(snapshot(dir.path()), before, "not a byte changed");
    }
    let message = Store::open(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("newer smallwins") && message.contains("untouched"),
        "{message}"
    );
}

#[test]
fn a_newer_version_still_in_the_wal_is_refused_untouched() {
    // Another smallwins has the file open and bumped the version, and the
    // change is still in its WAL: the header on disk says the old version.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    closed_journal(&path);
    let newer = Connection::open(&path).expect("newer smallwins");
    newer
        .pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no checkpoint");
    newer
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .expect("bump");
    let main_before = fs::read(&path).expect("read");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let wal_before = fs::read(&wal).expect("the bump is in the WAL");
    assert!(!wal_before.is_empty());
    let result = Store::open(&path);
    assert!(
        matches!(result, Err(StoreError::NewerVersion { found, .. }) if found == LATEST_VERSION + 1),
        "{:?}",
        result.err()
    );
    assert_eq!(fs::read(&path).expect("read"), main_before);
    assert_eq!(fs::read(&wal).expect("read wal"), wal_before);
    drop(newer);
}

#[test]
fn files_that_are_not_journals_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");

    let mut rng = fastrand::Rng::with_seed(7);
    let random: Vec<u8> = (0..8192).map(|_| rng.u8(..)).collect();
    fs::write(dir.path().join("random.bin"), &random).expect("write");
    fs::write(
        dir.path().join("notes.txt"),
        "milk, eggs, call the plumber\n",
    )
    .expect("write");
    let mut header_only = b"SQLite format 3\0".to_vec();
    header_only.extend_from_slice(&[0; 40]);
    fs::write(dir.path().join("cut-short.db"), &header_only).expect("write");

    // Other programs' SQLite files: no application id, their own tables.
    let other_app = |name: &str, setup: &str| {
        let conn = Connection::open(dir.path().join(name)).expect("other app");
        conn.execute_batch(setup).expect("setup");
        conn.close().expect("close");
    };
    other_app(
        "recipes.db",
        "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO recipes (name) VALUES ('soup'), ('bread');",
    );
    other_app(
        "versioned.db",
        "PRAGMA user_version = 7; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
    );
    other_app(
        "wal-app.db",
        "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
    );
    other_app(
        "their-id.db",
        "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
    );

    let before = snapshot(dir.path());
    for name in [
        "random.bin",
        "notes.txt",
        "cut-short.db",
        "recipes.db",
        "versioned.db",
        "wal-app.db",
        "their-id.db",
    ] {
        let path = dir.path().join(name);
        match Store::open(&path) {
            // Whole pages of noise cannot be told from an encrypted
            // journal: it needs a passphrase, and none opens it.
            Err(StoreError::Locked(p)) if name == "random.bin" => assert_eq!(p, path),
            Err(StoreError::NotAJournal(p)) => assert_eq!(p, path),
            Err(other) => panic!("{name}: unexpected error {other:?}"),
            Ok(_) => panic!("{name} was opened as a journal"),
        }
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{name} was left byte-for-byte as it was"
        );
    }
    let message = Store::open(&dir.path().join("notes.txt"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(message.contains("not a smallwins journal"), "{message}");
}

/// A journal with enough records to span many pages, closed.
fn big_journal(path: &Path) -> usize {
    let mut store = Store::open(path).expect("create");
    store
        .write(|w| {
            for n in 0..400 {
                w.put_win(&Win {
                    id: new_id(),
                    day: d("2026-11-01") + chrono::Duration::days(n % 30),
                    text: format!("Win number {n}: {}", "a small step forward ".repeat(8)),
                    area: Some("work".into()),
                    created_at: t("2026-11-01 12:00:00"),
                    private: false,
                })?;
            }
            Ok(())
        })
        .expect("write");
    drop(store);
    let bytes = fs::read(path).expect("read");
    let size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    assert!(bytes.len() / size > 10, "the journal spans many pages");
    size
}

#[test]
fn a_damaged_journal_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = fastrand::Rng::with_seed(42);

    // Every page after the first overwritten: the schema page is intact, the
    // tables are noise.
    let tables = dir.path().join("tables.db");
    let page = big_journal(&tables);
    let mut bytes = fs::read(&tables).expect("read");
    bytes[page..].iter_mut().for_each(|b| *b = rng.u8(..));
    fs::write(&tables, &bytes).expect("damage");

    // The schema page overwritten after the 100-byte header.
    let schema = dir.path().join("schema.db");
    let page = big_journal(&schema);
    let mut bytes = fs::read(&schema).expect("read");
    bytes[100..page].iter_mut().for_each(|b| *b = rng.u8(..));
    fs::write(&schema, &bytes).expect("damage");

    let before = snapshot(dir.path());
    for path in [&tables, &schema] {
        let header = fs::read(path).expect("read");
        assert_eq!(
            i32::from_be_bytes([header[68], header[69], header[70], header[71]]),
            APPLICATION_ID,
            "the header still says smallwins"
        );
        // Opening reads only the header and the schema; damage further in
        // is found by the daily check before the backup, and by any read.
        match Store::open(path) {
            Err(StoreError::Corrupt(p) | StoreError::NotAJournal(p)) => assert_eq!(&p, path),
            Err(other) => panic!("{}: unexpected error {other:?}", path.display()),
            Ok(store) => {
                match store.daily_backup(t("2026-11-21 08:30:00")) {
                    Err(StoreError::Corrupt(p)) => assert_eq!(&p, path),
                    other => panic!("{}: the damage went unnoticed: {other:?}", path.display()),
                }
                assert!(matches!(
                    store.wins_between(d("2026-11-01"), d("2026-11-30")),
                    Err(StoreError::Damaged)
                ));
            }
        }
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{} was left as it was, and no backup was made of it",
            path.display()
        );
    }
}

#[test]
fn an_older_journal_is_migrated_and_a_copy_of_it_kept_beside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    Store::create_at_version(&path, 1).expect("a version 1 journal");
    let v1 = Connection::open(&path).expect("raw");
    v1.execute(
        "INSERT INTO promises (id, text, schedule, position, created_on, updated_at)
         VALUES ('p1', 'Stretch for ten seconds', 'daily', 0, '2026-11-01', '2026-11-01 08:00:00')",
        [],
    )
    .expect("a version 1 record");
    let version: i32 = v1
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1);
    v1.close().expect("close");

    let store = Store::open(&path).expect("migrate");
    let promises = store.promises(true).expect("promises");
    assert_eq!(promises.len(), 1);
    assert_eq!(promises[0].text, "Stretch for ten seconds");
    assert_eq!(promises[0].schedule, Schedule::Daily);
    drop(store);

    let table_names = |conn: &Connection| -> Vec<String> {
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names")
    };
    let now = Connection::open(&path).expect("raw");
    let version: i32 = now
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, LATEST_VERSION);
    assert!(table_names(&now).contains(&"reviews".to_string()));
    now.close().expect("close");

    let copies = backups(&path).expect("list the copies");
    assert_eq!(copies.len(), 1, "one copy from before the update");
    assert_eq!(copies[0].kind, BackupKind::BeforeUpdate { version: 1 });
    let copy = copies[0].path.clone();
    assert_eq!(
        copy.parent(),
        Some(dir.path().join("backups").as_path()),
        "the copy is kept in the backups folder beside the journal"
    );
    assert_eq!(mode(&copy), 0o600);
    let old = Connection::open(&copy).expect("the copy opens");
    let version: i32 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    let app_id: i32 = old
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("app id");
    assert_eq!((version, app_id), (1, APPLICATION_ID));
    assert!(!table_names(&old).contains(&"reviews".to_string()));
    let text: String = old
        .query_row("SELECT text FROM promises WHERE id = 'p1'", [], |r| {
            r.get(0)
        })
        .expect("the record is in the copy");
    assert_eq!(text, "Stretch for ten seconds");
    old.close().expect("close");

    // Opening the migrated journal again keeps no second copy.
    drop(Store::open(&path).expect("reopen"));
    assert_eq!(backups(&path).expect("list"), copies);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["backups", "journal.db"]);

    // The copy is a real version 1 journal: smallwins can open it too.
    let restored = dir.path().join("restored.db");
    fs::copy(&copy, &restored).expect("copy");
    let store = Store::open(&restored).expect("the copy opens as a journal");
    assert_eq!(store.promises(true).expect("promises").len(), 1);
    let kinds: Vec<BackupKind> = backups(&restored)
        .expect("list")
        .iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(kinds, [BackupKind::BeforeUpdate { version: 1 }]);
}

#[test]
fn a_backup_opens_with_the_same_data_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("journal.db")).expect("create");
    write_sample(&mut store, &sample());

    let dest = dir.path().join("backups").join("journal-2026-11-21.db");
    store.backup_to(&dest).expect("backup");
    assert_eq!(mode(&dest), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    let copy = Store::open(&dest).expect("the backup opens");
    assert_eq!(everything(&copy), everything(&store));
    assert_eq!(
        copy.counts().expect("counts"),
        store.counts().expect("counts")
    );

    let taken = dir.path().join("taken.db");
    fs::write(&taken, "keep me").expect("write");
    match store.backup_to(&taken) {
        Err(StoreError::Io { source, path, .. }) => {
            assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists);
            assert_eq!(path, taken);
        }
        other => panic!("an existing file was not refused: {other:?}"),
    }
    assert_eq!(fs::read_to_string(&taken).expect("read"), "keep me");
    let err = store
        .backup_to(&dest)
        .expect_err("the first backup is not overwritten");
    assert!(err.to_string().contains("choose a new name"), "{err}");
    assert_eq!(
        everything(&Store::open(&dest).expect("reopen")),
        everything(&store)
    );
}

#[test]
fn export_then_import_gives_the_same_journal_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = Store::open(&dir.path().join("a.db")).expect("create a");
    write_sample(&mut a, &sample());
    let exported = everything(&a);

    // Through the file format, as `smallwins export` writes it.
    let json = serde_json::to_string_pretty(&exported).expect("to json");
    let parsed: Export = serde_json::from_str(&json).expect("from json");
    assert_eq!(parsed, exported);

    let mut b = Store::open(&dir.path().join("b.db")).expect("create b");
    let report = import(&mut b, &parsed).expect("import");
    assert_eq!(
        (
            report.promises,
            report.checks,
            report.wins,
            report.checkins,
            report.reflections
        ),
        (4, 6, 2, 2, 2)
    );
    assert_eq!(report.total(), 16);
    assert_eq!(everything(&b), exported);

    let again = import(&mut b, &parsed).expect("import again");
    assert_eq!(again.total(), 0, "{again:?}");
    assert_eq!(everything(&b), exported);
}

#[test]
fn a_merge_keeps_the_newer_check_of_a_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut here = Store::open(&dir.path().join("here.db")).expect("create");
    let s = sample();
    write_sample(&mut here, &s);
    let mine = s.checks[1].clone();

    // The other machine marked the same promise on the same day, with its
    // own id: later than here, then earlier than here.
    let base = everything(&here);
    let from_there = |status, at: &str| {
        let mut e = base.clone();
        let mut theirs = mine.clone();
        theirs.id = new_id();
        theirs.status = status;
        theirs.note = Some("from the laptop".into());
        theirs.updated_at = t(at);
        e.checks = vec![theirs.clone()];
        e.promises.clear();
        e.wins.clear();
        e.checkins.clear();
        e.reflections.clear();
        (e, theirs)
    };
    let (older, _) = from_there(Status::Missed, "2026-11-17 09:00:00");
    let report = import(&mut here, &older).expect("import older");
    assert_eq!(report.total(), 0);
    assert_eq!(
        here.check(&mine.promise_id, mine.day).expect("check"),
        Some(mine.clone())
    );

    let (newer, theirs) = from_there(Status::Kept, "2026-11-18 07:30:00");
    let report = import(&mut here, &newer).expect("import newer");
    assert_eq!(report.checks, 1);
    assert_eq!(
        here.check(&mine.promise_id, mine.day).expect("check"),
        Some(theirs)
    );
    assert_eq!(
        here.counts().expect("counts").checks,
        6,
        "still one check for that day"
    );

    // A promise edited later elsewhere replaces this one; an earlier edit does not.
    let mut e = everything(&here);
    e.checks.clear();
    let mut renamed = s.promises[2].clone();
    renamed.text = "Call a friend".into();
    renamed.updated_at = t("2026-11-20 10:00:00");
    let mut stale = s.promises[1].clone();
    stale.text = "An old name".into();
    stale.updated_at = t("2026-10-01 10:00:00");
    e.promises = vec![renamed.clone(), stale];
    let report = import(&mut here, &e).expect("import promises");
    assert_eq!(report.promises, 1);
    let promises = here.promises(true).expect("promises");
    assert_eq!(promises[2], renamed);
    assert_eq!(promises[1], s.promises[1]);
}

#[test]
fn data_version_moves_when_another_connection_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut tui = Store::open(&path).expect("the TUI's store");
    let s = sample();
    let start = tui.data_version().expect("data_version");
    write_sample(&mut tui, &s);
    assert_eq!(
        tui.data_version().expect("data_version"),
        start,
        "own writes do not count"
    );

    let mut shell = Store::open(&path).expect("`smallwins win` from a shell");
    let shell_start = shell.data_version().expect("data_version");
    let win = Win {
        id: new_id(),
        day: d("2026-11-18"),
        text: "Logged from the shell".into(),
        area: None,
        created_at: t("2026-11-18 11:00:00"),
        private: false,
    };
    shell.write(|w| w.put_win(&win)).expect("shell write");
    assert_eq!(shell.data_version().expect("data_version"), shell_start);

    let seen = tui.data_version().expect("data_version");
    assert_ne!(seen, start, "the TUI notices the shell's write");
    assert!(
        tui.wins_between(win.day, win.day)
            .expect("wins")
            .contains(&win),
        "and reads it"
    );
    assert_eq!(
        tui.data_version().expect("data_version"),
        seen,
        "until the next one"
    );
}
