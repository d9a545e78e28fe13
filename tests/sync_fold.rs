//! Snapshots and folding (issue 20): a machine folds its own change files
//! into a snapshot of the journal, a new machine starts from it, and a
//! machine that last synced before the fold still ends with the same
//! records, with nothing applied twice. A snapshot that does not open is
//! skipped with one sentence, as a change file is.

mod sync_support;

use std::fs;
use std::time::{Duration, SystemTime};

use chrono::{NaiveDate, TimeDelta};
use smallwins::domain::sync::FoldPolicy;
use smallwins::domain::{Clock, Journal, Mark, Status};
use sync_support::{CHEAP, PASS, Place, at, device, promise, records};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 1).expect("day") + TimeDelta::days(n)
}

/// `n` wins on `j`, each its own change.
fn wins(j: &mut Journal, n: usize, text: &str) {
    for i in 0..n {
        j.add_win(day((i % 40) as i64), &format!("{text} {i}"), None)
            .expect("win");
    }
}

/// Syncs, folding whatever the number of files.
fn fold(j: &mut Journal) -> usize {
    let r = j.sync_folding(None).expect("sync");
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    r.folded
}

fn sync(j: &mut Journal) -> smallwins::domain::sync::Report {
    j.sync_now().expect("sync")
}

#[test]
fn a_machine_that_joins_after_a_fold_starts_from_the_snapshot_then_takes_the_later_files() {
    let place = Place::new();
    let mut a = place.open("a", "2026-11-21T08:30");
    promise(&mut a, "Stretch for ten seconds");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    wins(&mut a, 30, "before the fold");
    assert_eq!(fold(&mut a), 31, "the first change and thirty wins");
    let me = device(&a);
    assert_eq!(place.files_of(&me, "chg"), Vec::<std::path::PathBuf>::new());
    assert_eq!(place.files_of(&me, "snap").len(), 1);
    wins(&mut a, 2, "after the fold");
    sync(&mut a);
    assert_eq!(place.files_of(&me, "chg").len(), 2);

    let mut c = place.open("c", "2026-11-21T08:30");
    let report = c.sync_join(&place.shared(), PASS, "c").expect("join");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.applied, 3, "one snapshot and two change files");
    assert_eq!(records(&c), records(&a));
    let status = c.sync_status().expect("status");
    assert_eq!(status.machines.len(), 1);
    assert_eq!(
        status.machines[0].applied, 33,
        "every change of a, counted once"
    );
    assert_eq!(status.incoming, 0);
    assert_eq!(sync(&mut c).applied, 0, "nothing twice");
}

#[test]
fn a_machine_that_last_synced_before_the_fold_ends_the_same_and_applies_nothing_twice() {
    let place = Place::new();
    let mut a = place.open("a", "2026-11-21T08:30");
    let p = promise(&mut a, "Read one page");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    let mut b = place.open("b", "2026-11-21T08:30");
    b.sync_join(&place.shared(), PASS, "b").expect("join");
    // B has taken in A's first changes; then it is away while A folds.
    wins(&mut a, 5, "seen by b");
    a.mark(&p, day(3), Status::Kept, Mark::default())
        .expect("mark");
    sync(&mut a);
    assert_eq!(sync(&mut b).applied, 6);
    wins(&mut a, 20, "folded before b saw them");
    a.set_clock(Clock::Fixed(at("2026-11-21T09:00")));
    a.mark(&p, day(4), Status::Partial, Mark::default())
        .expect("mark");
    fold(&mut a);
    // Meanwhile B marks a day A marked, later.
    b.set_clock(Clock::Fixed(at("2026-11-21T10:00")));
    b.mark(&p, day(4), Status::Missed, Mark::default())
        .expect("mark");
    let lost_before = b.sync_status().expect("status").lost.len();
    let report = sync(&mut b);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    sync(&mut a);
    assert_eq!(records(&a), records(&b));
    let checks = b.export(None, None).expect("export").checks;
    let fourth = checks.iter().find(|c| c.day == day(4)).expect("day 4");
    assert_eq!(fourth.status, Status::Missed, "B's later mark stays");
    assert_eq!(b.export(None, None).expect("export").wins.len(), 25);
    // Nothing B had applied came in again: the snapshot left one more
    // version that lost on B, A's earlier mark of day 4.
    let lost = b.sync_status().expect("status").lost;
    assert_eq!(lost.len(), lost_before + 1, "{lost:#?}");
    assert!(lost[0].row.contains("partial"), "{:?}", lost[0]);
    let machines = b.sync_status().expect("status").machines;
    assert_eq!(machines[0].applied, 28, "each change of a counted once");
    assert_eq!(sync(&mut b).applied, 0);
}

#[test]
fn the_sync_folder_after_folding_stays_within_twice_the_journal() {
    let place = Place::new();
    let mut a = place.open("a", "2026-11-21T08:30");
    smallwins::demo::fill(&mut a, 26).expect("half a year of history");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    // Many small changes since: each its own file until the fold.
    let policy = FoldPolicy {
        files: 200,
        bytes: 1 << 30,
    };
    for i in 0..450 {
        a.add_win(day(i % 50), &format!("one more small win {i}"), None)
            .expect("win");
        if i % 25 == 0 {
            a.sync_folding(Some(policy)).expect("sync");
        }
    }
    a.sync_folding(Some(policy)).expect("sync");
    assert!(
        place.files().len() < 200 + 2,
        "folded: {}",
        place.files().len()
    );
    drop(a);
    let journal = fs::metadata(place.journal_path("a"))
        .expect("journal")
        .len();
    let folder = place.folder_size();
    assert!(
        folder <= 2 * journal,
        "the folder holds {folder} bytes for a journal of {journal}"
    );
}

/// A folds and a later change goes out; C is the machine that joins.
fn folded_folder(place: &Place) -> (Journal, std::path::PathBuf) {
    let mut a = place.open("a", "2026-11-21T08:30");
    promise(&mut a, "Stretch for ten seconds");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    wins(&mut a, 10, "folded");
    fold(&mut a);
    wins(&mut a, 1, "after");
    sync(&mut a);
    let snap = place.files_of(&device(&a), "snap").remove(0);
    (a, snap)
}

#[test]
fn a_truncated_snapshot_is_skipped_with_one_sentence_then_taken_in_once_whole() {
    let place = Place::new();
    let (a, snap) = folded_folder(&place);
    let whole = fs::read(&snap).expect("read");
    fs::write(&snap, &whole[..whole.len() / 2]).expect("cut short");
    let mut c = place.open("c", "2026-11-21T08:30");
    let report = c.sync_join(&place.shared(), PASS, "c").expect("join");
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    let (file, why) = &report.skipped[0];
    assert!(file.ends_with(".snap"), "{file}");
    assert!(why.contains("still being copied, damaged"), "{why}");
    assert_eq!(
        c.export(None, None).expect("export").wins.len(),
        1,
        "the change file after the snapshot still goes in"
    );
    let status = c.sync_status().expect("status");
    assert_eq!(status.skipped.len(), 1);
    assert_eq!(status.incoming, 11, "the snapshot's eleven changes wait");
    // The copy finishes.
    fs::write(&snap, &whole).expect("whole again");
    let report = sync(&mut c);
    assert_eq!((report.applied, report.skipped.len()), (1, 0));
    assert_eq!(records(&c), records(&a));
    assert_eq!(sync(&mut c).applied, 0, "never twice");
    assert!(c.sync_status().expect("status").lost.is_empty());
}

#[test]
fn a_snapshot_from_another_journal_is_skipped_and_stops_nothing() {
    let place = Place::new();
    let (mut a, _) = folded_folder(&place);
    let mut b = place.open("b", "2026-11-21T08:30");
    b.sync_join(&place.shared(), PASS, "b").expect("join");
    // Another journal's folded machine, copied into ours.
    let other = Place::new();
    let (x, _) = folded_folder(&other);
    let from = other.root().join(device(&x));
    let to = place.root().join(device(&x));
    fs::create_dir_all(&to).expect("dir");
    for f in fs::read_dir(&from).expect("x's folder").flatten() {
        fs::copy(f.path(), to.join(f.file_name())).expect("copy");
    }
    wins(&mut a, 1, "ours");
    sync(&mut a);
    let report = sync(&mut b);
    assert_eq!(report.applied, 1, "our change still goes in");
    let why: Vec<&str> = report.skipped.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(why.len(), 2, "x's snapshot and change file: {why:?}");
    assert!(why.iter().all(|w| w.contains("another journal")), "{why:?}");
    assert_eq!(records(&a), records(&b));
}

#[test]
fn a_fold_cut_short_is_finished_by_the_next_sync() {
    let place = Place::new();
    let mut a = place.open("a", "2026-11-21T08:30");
    promise(&mut a, "Stretch for ten seconds");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    wins(&mut a, 3, "kept");
    sync(&mut a);
    let me = device(&a);
    let before: Vec<_> = place
        .files_of(&me, "chg")
        .into_iter()
        .map(|f| (fs::read(&f).expect("read"), f))
        .collect();
    fold(&mut a);
    // As if killed after writing the snapshot, before deleting the files,
    // and once while writing a file.
    for (bytes, f) in &before {
        fs::write(f, bytes).expect("put back");
    }
    let temp = place.root().join(&me).join(".000000000009.chg.4242.tmp");
    fs::write(&temp, b"half").expect("temp");
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&temp)
        .and_then(|f| f.set_modified(old))
        .expect("age it");
    let mut b = place.open("b", "2026-11-21T08:30");
    b.sync_join(&place.shared(), PASS, "b").expect("join");
    assert_eq!(records(&a), records(&b));
    sync(&mut a);
    assert!(place.files_of(&me, "chg").is_empty());
    assert_eq!(place.files_of(&me, "snap").len(), 1);
    assert!(!temp.exists(), "the leftover temporary file is gone");
    assert_eq!(sync(&mut b).applied, 0);
}
