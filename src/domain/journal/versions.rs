//! A promise's words (text, cue, smaller version) and its target are in
//! force from a day on: a change made "from" a day leaves the days before
//! it as they were, so a past day always shows what was promised that day.
//!
//! Pure functions over a [`Promise`]; the journal validates what was typed
//! and saves the result.
//!
//! May use: `model`.

use chrono::NaiveDate;

use crate::model::{Promise, PromiseVersion, Target, identity};

/// New words from `from` on: each `Some` replaces that field in the version
/// in force at `from` and in every later one; `None` leaves it. The days
/// before `from` keep their words. `text`, `cue` and `smaller` of the
/// result are its words today (the last version).
pub fn reworded(
    mut p: Promise,
    from: NaiveDate,
    text: Option<String>,
    cue: Option<Option<String>>,
    smaller: Option<Option<String>>,
) -> Promise {
    if text.is_none() && cue.is_none() && smaller.is_none() {
        return p;
    }
    let mut versions = history(&p);
    if let Some(at) = p
        .version_on(from)
        .cloned()
        .or_else(|| versions.first().cloned())
        && at.from != from
    {
        versions.push(PromiseVersion {
            id: identity::version_id(&p.id, from),
            from,
            ..at
        });
        versions.sort_by_key(|v| v.from);
    }
    for v in versions.iter_mut().filter(|v| v.from >= from) {
        if let Some(t) = &text {
            v.text = t.clone();
        }
        if let Some(c) = &cue {
            v.cue = c.clone();
        }
        if let Some(s) = &smaller {
            v.smaller = s.clone();
        }
    }
    versions.dedup_by(|later, earlier| same_words(later, earlier));
    if let Some(now) = versions.last() {
        p.text = now.text.clone();
        p.cue = now.cue.clone();
        p.smaller = now.smaller.clone();
    }
    // One version is the same as none: the words never changed.
    p.versions = if versions.len() > 1 {
        versions
    } else {
        Vec::new()
    };
    p
}

/// A new target from `from` on; the days before keep theirs, and a later
/// change gives way to it. Unchanged when it already reads that way.
pub fn retargeted(mut p: Promise, from: NaiveDate, amount: f64) -> Promise {
    let mut targets: Vec<Target> = p
        .targets
        .iter()
        .filter(|t| t.from < from)
        .cloned()
        .collect();
    targets.push(Target {
        id: identity::target_id(&p.id, from),
        from,
        amount,
    });
    targets.dedup_by(|later, earlier| later.amount == earlier.amount);
    let same = targets.len() == p.targets.len()
        && (targets.iter().zip(&p.targets)).all(|(a, b)| a.from == b.from && a.amount == b.amount);
    if !same {
        p.targets = targets;
    }
    p
}

/// The wording history, with the words it has always had when it has none.
fn history(p: &Promise) -> Vec<PromiseVersion> {
    if !p.versions.is_empty() {
        return p.versions.clone();
    }
    vec![PromiseVersion {
        id: identity::version_id(&p.id, p.created_on),
        from: p.created_on,
        text: p.text.clone(),
        cue: p.cue.clone(),
        smaller: p.smaller.clone(),
    }]
}

fn same_words(a: &PromiseVersion, b: &PromiseVersion) -> bool {
    a.text == b.text && a.cue == b.cue && a.smaller == b.smaller
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, Schedule};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn promise() -> Promise {
        Promise {
            id: model::new_id(),
            number: 1,
            text: "Read before bed".into(),
            cue: Some("in bed".into()),
            smaller: Some("read one page".into()),
            area: None,
            schedule: Schedule::Daily,
            unit: Some("pages".into()),
            targets: vec![Target {
                id: model::new_id(),
                from: d("2026-11-01"),
                amount: 8.0,
            }],
            versions: vec![],
            position: 0,
            created_on: d("2026-11-01"),
            archived_on: None,
            updated_at: d("2026-11-01").and_hms_opt(8, 0, 0).expect("valid"),
        }
    }

    #[test]
    fn new_words_from_a_day_leave_the_days_before_as_they_were() {
        let p = reworded(
            promise(),
            d("2026-11-21"),
            Some("read one page".into()),
            None,
            Some(None),
        );
        assert_eq!(p.text, "read one page");
        assert_eq!(p.smaller, None);
        assert_eq!(p.text_on(d("2026-11-20")), "Read before bed");
        assert_eq!(
            p.as_on(d("2026-11-20")).smaller.as_deref(),
            Some("read one page")
        );
        assert_eq!(p.versions.len(), 2);
        // The same words again from a later day change nothing more.
        let again = reworded(
            p.clone(),
            d("2026-11-22"),
            Some("read one page".into()),
            None,
            None,
        );
        assert_eq!(again.versions.len(), 2);
    }

    #[test]
    fn words_changed_from_the_first_day_are_no_history_at_all() {
        let p = reworded(promise(), d("2026-11-01"), Some("Read".into()), None, None);
        assert_eq!(p.text, "Read");
        assert!(p.versions.is_empty());
        assert_eq!(p.text_on(d("2026-11-05")), "Read");
    }

    #[test]
    fn a_change_from_a_past_day_reaches_every_later_version() {
        let p = reworded(
            promise(),
            d("2026-11-20"),
            Some("Read one chapter".into()),
            None,
            None,
        );
        let p = reworded(
            p,
            d("2026-11-10"),
            None,
            Some(Some("after dinner".into())),
            None,
        );
        assert_eq!(p.as_on(d("2026-11-05")).cue.as_deref(), Some("in bed"));
        assert_eq!(
            p.as_on(d("2026-11-12")).cue.as_deref(),
            Some("after dinner")
        );
        assert_eq!(
            p.as_on(d("2026-11-21")).cue.as_deref(),
            Some("after dinner")
        );
        assert_eq!(p.text_on(d("2026-11-21")), "Read one chapter");
        assert_eq!(p.text_on(d("2026-11-12")), "Read before bed");
    }

    #[test]
    fn a_target_from_a_day_replaces_the_later_ones() {
        let p = retargeted(promise(), d("2026-11-10"), 5.0);
        let p = retargeted(p, d("2026-11-20"), 12.0);
        let p = retargeted(p, d("2026-11-15"), 6.0);
        let targets: Vec<(NaiveDate, f64)> = p.targets.iter().map(|t| (t.from, t.amount)).collect();
        assert_eq!(
            targets,
            [
                (d("2026-11-01"), 8.0),
                (d("2026-11-10"), 5.0),
                (d("2026-11-15"), 6.0)
            ]
        );
        let same = retargeted(p.clone(), d("2026-11-21"), 6.0);
        assert_eq!(same.targets.len(), 3);
    }
}
