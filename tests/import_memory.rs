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
