//! An import holds a batch of records at a time, not the file: the most
//! this process allocates while `import FILE` reads a large export stays
//! far below the file's size. Counted by this test binary's allocator
//! (SQLite's own page cache is allocated apart from it, and is bounded).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Duration, NaiveDate};
use clap::Parser;
use smallwins::model::{Check, Export, Promise, Schedule, Status, Win};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only add and subtract the sizes asked for.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the same layout, as the caller gave it.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The counters are the process's: one import is counted at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Promises in the export: the checks of each are read whole after an
/// import, to write its checkpoints.
const PROMISES: i64 = 30;

/// An export of `days` records of each kind: checks with a note, spread
/// over [`PROMISES`] promises, and wins.
fn export(days: i64) -> Export {
    let first = NaiveDate::from_ymd_opt(1950, 1, 1).expect("day");
    let at = first.and_hms_opt(9, 0, 0).expect("moment");
    let promise = |n: i64| Promise {
        id: format!("p{n}"),
        number: u32::try_from(n + 1).expect("number"),
        text: "Walk after lunch".into(),
        cue: None,
        smaller: None,
        area: None,
        schedule: Schedule::Daily,
        unit: None,
        targets: Vec::new(),
        versions: Vec::new(),
        position: 0,
        created_on: first,
        archived_on: None,
        updated_at: at,
    };
    let words = "a short walk around the block after lunch, slow and easy ".repeat(3);
    let day = |i: i64| first + Duration::days(i);
    Export {
        format: smallwins::store::EXPORT_FORMAT.into(),
        version: smallwins::store::EXPORT_VERSION,
        exported_at: at,
        from: None,
        to: None,
        promises: (0..PROMISES).map(promise).collect(),
        checks: (0..days)
            .map(|i| Check {
                id: format!("c{i}"),
                promise_id: format!("p{}", i % PROMISES),
                day: day(i / PROMISES),
                status: Status::Kept,
                amount: None,
                note: Some(format!("{words}{i}")),
                lesson: None,
                updated_at: at + Duration::days(i),
            })
            .collect(),
        wins: (0..days)
            .map(|i| Win {
                id: format!("w{i}"),
                day: day(i),
                text: format!("{words}{i}"),
                area: None,
                created_at: at + Duration::days(i),
                private: false,
            })
            .collect(),
        checkins: Vec::new(),
        reflections: Vec::new(),
        reviews: Vec::new(),
    }
}

#[test]
fn importing_a_large_export_holds_a_batch_not_the_file() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("export.json");
    let db = dir.path().join("journal.db");
    let records = 30_000;
    {
        let data = export(records);
        let out = std::fs::File::create(&file).expect("export file");
        serde_json::to_writer(std::io::BufWriter::new(out), &data).expect("write export");
    }
    let size = usize::try_from(std::fs::metadata(&file).expect("size").len()).expect("fits");
    assert!(size > 16 << 20, "the export is large: {size} bytes");

    let config = dir.path().join("none.toml");
    let args = [
        "smallwins",
        "--db",
        db.to_str().expect("path"),
        "--config",
        config.to_str().expect("path"),
        "import",
        file.to_str().expect("path"),
    ];
    let cli = smallwins::cli::Cli::parse_from(args);
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let said = smallwins::cli::run(cli).expect("import");
    let peak = PEAK.load(Ordering::Relaxed) - before;

    assert!(said.contains("60,030 records"), "{said}");
    assert!(
        peak < size / 3,
        "importing a {size}-byte export allocated up to {peak} bytes at once"
    );
}

/// harsh's `habits` and a `log` of `habits` daily habits, each marked on
/// each of `days` days (about 32 bytes a line, the way harsh writes them).
fn harsh_folder(dir: &std::path::Path, habits: usize, days: i64) {
    use std::io::Write;
    let first = NaiveDate::from_ymd_opt(1950, 1, 1).expect("day");
    let names: String = (0..habits).map(|h| format!("habit {h}: 1\n")).collect();
    std::fs::write(dir.join("habits"), names).expect("habits");
    let log = std::fs::File::create(dir.join("log")).expect("log");
    let mut log = std::io::BufWriter::new(log);
    for i in 0..days {
        for h in 0..habits {
            let mark = if (i + h as i64) % 4 == 0 { 'n' } else { 'y' };
            writeln!(
                log,
                "{} : habit {h} : {mark} :  : ",
                first + Duration::days(i)
            )
            .expect("line");
        }
    }
}

#[test]
fn importing_a_large_harsh_log_holds_a_bit_a_day_not_a_slot_a_line() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("harsh");
    std::fs::create_dir(&folder).expect("folder");
    harsh_folder(&folder, 50, 4_000);
    let size =
        usize::try_from(std::fs::metadata(folder.join("log")).expect("size").len()).expect("fits");
    let db = dir.path().join("journal.db");
    let config = dir.path().join("none.toml");
    let args = [
        "smallwins",
        "--db",
        db.to_str().expect("path"),
        "--config",
        config.to_str().expect("path"),
        "import",
        "--from",
        "harsh",
        folder.to_str().expect("path"),
    ];
    let cli = smallwins::cli::Cli::parse_from(args);
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let said = smallwins::cli::run(cli).expect("import");
    let peak = PEAK.load(Ordering::Relaxed) - before;

    assert!(said.contains("200,050 records"), "{said}");
    // What is held per line is the import's one hash a check, to find a
    // second one (17 to 34 bytes), not a slot of the log's days as well.
    assert!(
        peak < size * 3 / 2,
        "importing a {size}-byte harsh log allocated up to {peak} bytes at once"
    );
}
