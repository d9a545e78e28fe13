//! `smallwins sync` killed with SIGKILL at random points (issue 20): the
//! real binary, in the middle of writing its changes, folding them into a
//! snapshot and applying the other machine's, then synced again. Both
//! journals end with the same records, and nothing was applied twice:
//! each change of the other machine counted once, each version that lost
//! kept once.

mod sync_support;

use std::process::Stdio;
use std::time::Duration;

use chrono::{NaiveDate, TimeDelta};
use smallwins::domain::{Clock, Journal, Mark, Status};
use sync_support::{CHEAP, PASS, Place, at, promise, records};

const ROUNDS: usize = 7;
/// Wins each machine adds each round, beside one contested mark.
const WINS: usize = 90;

fn day(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).expect("day") + TimeDelta::days(n as i64)
}

/// One round of changes: the mark of `p` on the round's day, then wins.
fn changes(j: &mut Journal, p: &str, round: usize, status: Status, time: &str, who: &str) {
    j.set_clock(Clock::Fixed(at(&format!(
        "2026-11-{:02}T{time}",
        10 + round
    ))));
    j.mark(p, day(round), status, Mark::default())
        .expect("mark");
    for i in 0..WINS {
        j.add_win(day(round), &format!("{who} {round} {i}"), None)
            .expect("win");
    }
}

#[test]
fn a_sync_killed_at_random_points_ends_the_same_with_nothing_applied_twice() {
    let place = Place::new();
    let mut a = place.open("a", "2026-11-01T08:00");
    let p = promise(&mut a, "Stretch for ten seconds");
    a.sync_init(&place.shared(), PASS, "a", CHEAP)
        .expect("init");
    let mut b = place.open("b", "2026-11-01T08:00");
    b.sync_join(&place.shared(), PASS, "b").expect("join");
    drop(b);
    let mut rng = fastrand::Rng::with_seed(20);
    let mut killed = 0;
    for round in 0..ROUNDS {
        // A marks the day kept in the morning; B marks it missed later on.
        changes(&mut a, &p, round, Status::Kept, "08:00", "a");
        a.sync_now().expect("a syncs");
        let mut b = place.open("b", "2026-11-01T08:00");
        changes(&mut b, &p, round, Status::Missed, "09:00", "b");
        drop(b);
        let mut child = place
            .smallwins("b", &format!("2026-11-{:02}T09:30", 10 + round))
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn sync");
        std::thread::sleep(Duration::from_millis(rng.u64(0..800)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        child.kill().ok();
        child.wait().expect("reaped");
    }
    assert!(killed >= 2, "only {killed} syncs were cut short");
    for _ in 0..2 {
        place.run("b", "2026-11-30T09:30", &["sync"]);
        a.sync_now().expect("a syncs");
    }
    let b = place.open("b", "2026-11-30T09:30");
    assert_eq!(records(&a), records(&b));
    let changes_each = 1 + ROUNDS * (1 + WINS);
    for (j, who) in [(&a, "a"), (&b, "b")] {
        let status = j.sync_status().expect("status");
        assert_eq!(status.machines.len(), 1);
        assert_eq!(
            status.machines[0].applied as usize, changes_each,
            "{who} counts each change of the other once"
        );
        assert_eq!((status.incoming, status.outgoing), (0, 0), "{who}");
    }
    // Each contested day: B's later mark won. A kept its own earlier mark
    // as the version that lost, once a day; B keeps A's at most once (not
    // at all when A's mark reached B only inside a snapshot that already
    // held B's).
    let export = b.export(None, None).expect("export");
    assert_eq!(export.wins.len(), 2 * ROUNDS * WINS);
    assert!(export.checks.iter().all(|c| c.status == Status::Missed));
    assert_eq!(a.sync_status().expect("status").lost.len(), ROUNDS);
    assert!(b.sync_status().expect("status").lost.len() <= ROUNDS);
}
