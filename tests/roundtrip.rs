//! Export and import accept the same records (issue 17, defect 9): a
//! journal written while the clock ran ahead and read back after it was
//! corrected exports records dated ahead, and importing that export brings
//! every one of them back. On random journals (measures and yes/no
//! promises, words and targets changed from a day on, archived promises,
//! private wins, check-ins, reflections, weekly answers, each written at a
//! clock up to ten days ahead), export → import into an empty journal →
//! export gives the same export.

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use common::{Fixture, at, json_at, run_at, smallwins_at};
use proptest::prelude::*;
use smallwins::config::Config;
use smallwins::domain::{Clock, Journal, Mark, NewPromise, PromiseEdit, Status};

const NOW: &str = "2026-11-21T08:30";

#[test]
fn records_written_with_the_clock_ahead_import_back() {
    let f = Fixture::new();
    let ahead = "2026-11-28T09:00";
    run_at(&f, ahead, &["promise", "add", "Stretch"]);
    run_at(&f, ahead, &["kept", "1"]);
    run_at(&f, ahead, &["win", "early riser"]);
    run_at(
        &f,
        ahead,
        &["checkin", "--intention", "calm", "--confidence", "6"],
    );
    // The clock is corrected: the export holds the records of the 28th.
    let export = run_at(&f, NOW, &["export", "--format", "json"]);
    let file = f.dir.path().join("export.json");
    std::fs::write(&file, &export).expect("write");

    let g = Fixture::new();
    let out = smallwins_at(&g, NOW)
        .args(["import"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let again = run_at(&g, NOW, &["export", "--format", "json"]);
    assert_eq!(again, export);
    assert!(again.contains("\"early riser\""), "{again}");
    let counts = json_at(&g, NOW, &["stats"]);
    assert!(counts.is_object(), "{counts}");
}

/// An export of more than a few thousand records is written in bulk
/// (derived tables once at the end), and into a journal with no records
/// without looking up what each record would replace. Both ways must give
/// the journal the export describes: into an empty journal, into one that
/// already holds the first months, and once more on top (nothing new).
#[test]
fn a_year_imports_back_whole_into_an_empty_journal_and_into_a_full_one() {
    let f = Fixture::new();
    run_at(&f, NOW, &["demo", "--years", "1"]);
    let export = run_at(&f, NOW, &["export", "--format", "json"]);
    let file = f.dir.path().join("year.json");
    std::fs::write(&file, &export).expect("write");
    let records = export.matches("\"id\"").count();
    assert!(
        records > 2_000,
        "a bulk import needs more records: {records}"
    );

    let import = |g: &Fixture, file: &std::path::Path| {
        let out = smallwins_at(g, NOW)
            .args(["--json", "import"])
            .arg(file)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let search = |g: &Fixture| run_at(g, NOW, &["--json", "search", "walk"]);

    let empty = Fixture::new();
    import(&empty, &file);
    assert_eq!(run_at(&empty, NOW, &["export", "--format", "json"]), export);
    let found = search(&empty);
    assert_eq!(
        found,
        search(&f),
        "the search index is filled once at the end"
    );

    let part = Fixture::new();
    let months = run_at(
        &f,
        NOW,
        &["export", "--format", "json", "--to", "2026-03-31"],
    );
    let months_file = f.dir.path().join("months.json");
    std::fs::write(&months_file, &months).expect("write");
    import(&part, &months_file);
    let report = import(&part, &file);
    assert_eq!(run_at(&part, NOW, &["export", "--format", "json"]), export);
    assert_eq!(search(&part), found);
    let months_records = months.matches("\"id\"").count() as u64;
    assert_eq!(
        report["total"].as_u64(),
        Some(records as u64 - months_records),
        "the months already there are not written again: {report}"
    );
    let again = import(&part, &file);
    assert_eq!(again["total"], 0, "nothing new the second time: {again}");
}

// ----- random journals ---------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Promise {
        measure: bool,
        n: u8,
    },
    Mark {
        p: usize,
        back: i64,
        status: u8,
        amount: u8,
        note: bool,
    },
    Win {
        back: i64,
        private: bool,
        n: u8,
    },
    CheckIn {
        back: i64,
        confidence: u8,
    },
    Reflect {
        back: i64,
        mood: u8,
        n: u8,
    },
    Edit {
        p: usize,
        back: i64,
        target: u8,
        n: u8,
    },
    Archive {
        p: usize,
    },
    Weekly {
        back: i64,
        n: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (any::<bool>(), any::<u8>()).prop_map(|(measure, n)| Op::Promise { measure, n }),
        5 => (0..4usize, 0..20i64, 0..4u8, 0..12u8, any::<bool>())
            .prop_map(|(p, back, status, amount, note)| Op::Mark { p, back, status, amount, note }),
        3 => (0..20i64, any::<bool>(), any::<u8>())
            .prop_map(|(back, private, n)| Op::Win { back, private, n }),
        1 => (0..20i64, 0..11u8).prop_map(|(back, confidence)| Op::CheckIn { back, confidence }),
        1 => (0..20i64, 0..11u8, any::<u8>()).prop_map(|(back, mood, n)| Op::Reflect { back, mood, n }),
        1 => (0..4usize, 0..20i64, 1..20u8, any::<u8>())
            .prop_map(|(p, back, target, n)| Op::Edit { p, back, target, n }),
        1 => (0..4usize).prop_map(|p| Op::Archive { p }),
        1 => (0..20i64, any::<u8>()).prop_map(|(back, n)| Op::Weekly { back, n }),
    ]
}

/// Applies `op` at the clock `now`; a refused op (a promise not there yet,
/// a day before the promise) is simply skipped.
fn apply(j: &mut Journal, now: NaiveDateTime, op: &Op) {
    j.set_clock(Clock::Fixed(now));
    let today = j.today();
    let promises = j.promises(true).expect("promises");
    let pick = |p: usize| promises.get(p).map(|p| p.id.clone());
    match op {
        Op::Promise { measure, n } => {
            let new = NewPromise {
                text: format!("Promise {n}"),
                target: measure.then_some(10.0),
                unit: measure.then(|| "pages".to_string()),
                smaller: Some(format!("smaller {n}")),
                ..NewPromise::default()
            };
            let _ = j.add_promise(new);
        }
        Op::Mark {
            p,
            back,
            status,
            amount,
            note,
        } => {
            let Some(id) = pick(*p) else { return };
            let status = [
                Status::Kept,
                Status::Partial,
                Status::Smaller,
                Status::Missed,
            ][usize::from(*status)];
            let mark = Mark {
                amount: (*amount > 0).then_some(f64::from(*amount)),
                note: note.then(|| "a note".to_string()),
                lesson: None,
            };
            let _ = j.mark(&id, today - Duration::days(*back), status, mark);
        }
        Op::Win { back, private, n } => {
            if let Ok(win) = j.add_win(today - Duration::days(*back), &format!("win {n}"), None)
                && *private
            {
                let _ = j.set_win_private(&win, true);
            }
        }
        Op::CheckIn { back, confidence } => {
            let _ = j.check_in(
                today - Duration::days(*back),
                Some("one thing at a time"),
                Some(*confidence),
            );
        }
        Op::Reflect { back, mood, n } => {
            let answers = BTreeMap::from([("helped".to_string(), format!("answer {n}"))]);
            let _ = j.reflect(today - Duration::days(*back), &answers, Some(*mood), None);
        }
        Op::Edit { p, back, target, n } => {
            let Some(id) = pick(*p) else { return };
            let measured = promises.get(*p).is_some_and(|p| p.unit.is_some());
            let edit = PromiseEdit {
                text: Some(format!("Reworded {n}")),
                target: measured.then_some(f64::from(*target)),
                ..PromiseEdit::default()
            };
            let _ = j.edit_promise_from(&id, edit, today - Duration::days(*back));
        }
        Op::Archive { p } => {
            if let Some(id) = pick(*p) {
                let _ = j.archive_promise(&id);
            }
        }
        Op::Weekly { back, n } => {
            let day = today - Duration::days(*back);
            let week = smallwins::domain::day::week_start(day, j.config().week_starts_on);
            let _ = j.answer_weekly(week, "keep", &format!("weekly {n}"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_lossless(
        steps in prop::collection::vec((-10i64..=40, op()), 1..40)
    ) {
        let now = at(NOW);
        let f = Fixture::new();
        let mut j = Journal::open(&f.path, Clock::Fixed(now), Config::default()).expect("open");
        // Promises first exist from a while back, so marks have days to land on.
        j.set_clock(Clock::Fixed(now - Duration::days(40)));
        let _ = j.add_promise(NewPromise { text: "Stretch".into(), ..NewPromise::default() });
        for (days_back, op) in &steps {
            // Negative: the clock ran ahead when this was written.
            apply(&mut j, now - Duration::days(*days_back), op);
        }
        j.set_clock(Clock::Fixed(now));
        let first = j.export(None, None).expect("export");

        let g = Fixture::new();
        let mut k = Journal::open(&g.path, Clock::Fixed(now), Config::default()).expect("open");
        k.import(&first).expect("the export imports back whole");
        let second = k.export(None, None).expect("export again");
        prop_assert_eq!(second, first);
    }
}
