//! A machine offline for months (issue 20): both machines change the
//! journal every day for three months, thousands of change files in all,
//! with clocks five minutes apart; one syncs all along (and folds), the
//! other comes back and syncs through the real binary with its own clock
//! (`SMALLWINS_NOW`). Both end with the same records, each contested day
//! decided by the rule, each change counted once.

mod sync_support;

use chrono::{NaiveDate, TimeDelta};
use smallwins::domain::{Clock, Journal, Mark, Status};
use sync_support::{CHEAP, PASS, Place, at, device, promise, records};

const DAYS: i64 = 90;
/// Wins each machine logs each day, beside one mark.
const WINS: i64 = 11;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 1).expect("day") + TimeDelta::days(n)
}

/// The local time `minutes` past 20:00 on day `n`.
fn evening(n: i64, minutes: u32) -> Clock {
    Clock::Fixed(at(&format!("{}T20:{minutes:02}", day(n))))
}

fn a_day(j: &mut Journal, p: &str, n: i64, status: Status, who: &str) {
    j.mark(p, day(n), status, Mark::default()).expect("mark");
    for i in 0..WINS {
        j.add_win(day(n), &format!("{who}: day {n}, win {i}"), None)
            .expect("win");
    }
}

#[test]
fn a_machine_offline_for_months_with_its_clock_five_minutes_behind_comes_back_to_the_same_journal()
{
    let place = Place::new();
    let mut a = place.open("a", "2026-07-31T20:00");
    let p = promise(&mut a, "Stretch for ten seconds");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    let mut b = place.open("b", "2026-07-31T20:00");
    b.sync_join(&place.shared(), PASS, "b").expect("join");
    // Every evening A (its clock five minutes ahead) marks the promise kept
    // at what it reads as 20:05, and syncs every few days; B, offline,
    // marks it missed at 20:02 by its own clock, two minutes later in
    // fact. The rule goes by the clocks: A's mark wins.
    for n in 0..DAYS {
        a.set_clock(evening(n, 5));
        a_day(&mut a, &p, n, Status::Kept, "a");
        if n % 4 == 3 {
            assert!(a.sync_now().expect("a syncs").skipped.is_empty());
        }
        b.set_clock(evening(n, 2));
        a_day(&mut b, &p, n, Status::Missed, "b");
    }
    a.sync_now().expect("a syncs");
    let a_folder = device(&a);
    assert!(
        !place.files_of(&a_folder, "snap").is_empty(),
        "A folded its files while B was away"
    );
    let waiting = b.sync_status().expect("status").outgoing;
    assert_eq!(waiting as i64, DAYS * (1 + WINS), "B's changes wait");
    drop(b);
    let back = format!("{}T09:00", day(DAYS));
    let said = place.run("b", &back, &["sync"]);
    assert!(said.contains("Folded"), "{said}");
    a.set_clock(evening(DAYS, 10));
    assert!(a.sync_now().expect("a syncs").skipped.is_empty());
    place.run("b", &back, &["sync"]);
    let b = place.open("b", &back);
    assert_eq!(records(&a), records(&b));
    let checks = a.export(None, None).expect("export").checks;
    assert_eq!(checks.len() as i64, DAYS);
    assert!(checks.iter().all(|c| c.status == Status::Kept));
    let changes_each = 1 + DAYS * (1 + WINS);
    for (j, who) in [(&a, "a"), (&b, "b")] {
        let status = j.sync_status().expect("status");
        assert_eq!(
            status.machines[0].applied as i64, changes_each,
            "{who} counts each change of the other once"
        );
        assert_eq!((status.incoming, status.outgoing), (0, 0), "{who}");
    }
    // B's marks lost every contested day: kept on B, where A's replaced
    // them, once each.
    assert_eq!(b.sync_status().expect("status").lost.len() as i64, DAYS);
}
