//! The merge rule, the one way two copies of a record become one: the
//! newest `updated_at` wins, and of two written at the same moment the one
//! with the larger id, so two journals merged either way round agree; a
//! win private in either copy stays private (an import never makes a win
//! shareable). Import uses it today, sync next.
//!
//! May use: `store` (to look up records inside the import's transaction,
//! and to write a `Change`) and `model`.

use chrono::NaiveDateTime;

use crate::model::change::Change;
use crate::model::{Export, ImportReport, Win};
use crate::store::{Result, Stamp, Writer};

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

/// Merges every record of `data` (already checked) by the rule, and
/// writes those that win as one [`Change`] through the store's one way of
/// writing records ([`Writer::write_all`]); how many of each kind were
/// written.
pub fn merge(w: &Writer<'_>, data: Export) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut change = Change::default();
    for p in data.promises {
        if incoming_wins(w.promise_stamp(&p.id)?.as_ref(), &p.id, p.updated_at) {
            report.promises += 1;
            change.promise(p);
        }
    }
    for c in data.checks {
        if incoming_wins(w.check_stamp(&c)?.as_ref(), &c.id, c.updated_at) {
            report.checks += 1;
            change.check(c);
        }
    }
    for win in data.wins {
        if let Some(win) = merged_win(w.win(&win.id)?, &win) {
            report.wins += 1;
            change.win(win);
        }
    }
    for c in data.checkins {
        if incoming_wins(w.checkin_stamp(c.day)?.as_ref(), &c.id, c.updated_at) {
            report.checkins += 1;
            change.checkin(c);
        }
    }
    for r in data.reflections {
        if incoming_wins(w.reflection_stamp(r.day)?.as_ref(), &r.id, r.updated_at) {
            report.reflections += 1;
            change.reflection(r);
        }
    }
    for r in data.reviews {
        if incoming_wins(w.review_stamp(r.week_start)?.as_ref(), &r.id, r.updated_at) {
            report.reviews += 1;
            change.review(r);
        }
    }
    w.write_all(&change)?;
    Ok(report)
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
}
