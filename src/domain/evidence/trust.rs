//! The self-trust reading of one week: how sure the person was in the
//! morning beside what the day then held, computed once and put in one
//! sentence shape that every front end uses (the Review's panes, `review`
//! as text, Markdown and JSON, and a week's shared message). No reading
//! from too few days: before [`CHECKIN_DAYS`] finished days with a morning
//! check-in and [`ASKED_DAYS`] finished days of promises in the week, it
//! says how many days it will take instead.
//!
//! May use: `model` and the rest of `domain`.

use chrono::NaiveDate;
use serde::Serialize;

use super::weeks::WeekPoint;
use crate::domain::words::{count, out_of_ten, percent};

/// Finished days with a morning confidence a reading needs.
pub const CHECKIN_DAYS: u32 = 3;
/// Finished days that asked for a promise a reading needs.
pub const ASKED_DAYS: u32 = 4;
/// Points out of 10 between record and confidence that make one ahead of
/// the other; closer than this, they agree.
pub const GAP: f64 = 1.0;

/// What the week's record says about confidence and what was done.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Too few days to say anything yet: `more` days with a check-in
    /// would do it; `fits_in_week` says whether the week has room for them.
    TooSoon { more: u32, fits_in_week: bool },
    /// What was done beat the morning's confidence.
    Ahead,
    /// Within a point of each other.
    Agree,
    /// The confidence ran ahead of the days: the promises may be a size
    /// too big (never a word about the person).
    Behind,
}

/// Who speaks: the journal to its owner ("you"), or the owner to the one
/// person they share with ("I").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    You,
    I,
}

/// The week's self-trust: the verdict and the figures it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfTrust {
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Finished days of the week with a morning confidence.
    pub checkin_days: u32,
    /// Finished days of the week that asked for a promise.
    pub asked_days: u32,
    /// On those check-in days: the share shown up for (0–1) and the
    /// average morning confidence (0–10).
    pub shown: Option<f64>,
    pub confidence: Option<f64>,
    /// The reading in words, as the journal says it to its owner.
    pub sentence: String,
}

/// Days of the week starting `start` still to come, counting `today` (0
/// for a week that is over).
pub fn days_left(start: NaiveDate, today: NaiveDate) -> u32 {
    let end = start + chrono::Duration::days(6);
    if today > end {
        0
    } else {
        (end - today.max(start)).num_days() as u32 + 1
    }
}

/// The self-trust of the week `point`, as of `today`.
pub fn self_trust(point: &WeekPoint, today: NaiveDate) -> SelfTrust {
    let v = verdict(point, today);
    SelfTrust {
        verdict: v,
        checkin_days: point.checkin_days,
        asked_days: point.asked_days,
        shown: point.kept_on_checkin_days.map(|k| k / 10.0),
        confidence: point.confidence_on_checkin_days,
        sentence: sentence(point, today, Voice::You).unwrap_or_default(),
    }
}

/// The verdict of the week `point` as of `today` (see [`self_trust`]).
pub fn verdict(point: &WeekPoint, today: NaiveDate) -> Verdict {
    let days_left = days_left(point.start, today);
    let more = CHECKIN_DAYS
        .saturating_sub(point.checkin_days)
        .max(ASKED_DAYS.saturating_sub(point.asked_days));
    let (Some(kept), Some(conf), 0) = (
        point.kept_on_checkin_days,
        point.confidence_on_checkin_days,
        more,
    ) else {
        return Verdict::TooSoon {
            more: more.max(1),
            fits_in_week: more <= days_left,
        };
    };
    let gap = kept - conf;
    if gap >= GAP {
        Verdict::Ahead
    } else if gap <= -GAP {
        Verdict::Behind
    } else {
        Verdict::Agree
    }
}

/// The reading in one sentence. In the journal's own voice a week too
/// young for a verdict says how many days it will take; to someone else
/// (`Voice::I`) such a week says nothing (`None`).
pub fn sentence(point: &WeekPoint, today: NaiveDate, voice: Voice) -> Option<String> {
    let v = verdict(point, today);
    let days_left = days_left(point.start, today);
    if let Verdict::TooSoon { more, fits_in_week } = v {
        return (voice == Voice::You).then(|| too_soon(point, more, fits_in_week, days_left));
    }
    let kept = percent(point.kept_on_checkin_days? / 10.0);
    let conf = out_of_ten(point.confidence_on_checkin_days?);
    let days = count(point.checkin_days, "day", "days");
    Some(match voice {
        Voice::You => format!(
            "On the {days} that began with a morning check-in you showed up for {kept} of what they asked, and your morning confidence on those days averaged {conf}: {}",
            reading(v, voice)
        ),
        Voice::I => format!(
            "On the {days} I began with a morning check-in I showed up for {kept} of what they asked, and my morning confidence on those days averaged {conf}: {}",
            reading(v, voice)
        ),
    })
}

fn reading(v: Verdict, voice: Voice) -> &'static str {
    match (v, voice) {
        (Verdict::Ahead, Voice::You) => "your record is ahead of your confidence.",
        (Verdict::Ahead, Voice::I) => "my record is ahead of my confidence.",
        (Verdict::Behind, Voice::You) => {
            "your confidence ran ahead of the days, which says the promises may be a size too big, not that you fell short."
        }
        (Verdict::Behind, Voice::I) => {
            "my confidence ran ahead of the days, so the promises may be a size too big."
        }
        (_, Voice::You) => "your confidence and your record agree.",
        (_, Voice::I) => "my confidence and my record agree.",
    }
}

/// "After four days of promises in a week, three of them begun with a
/// morning check-in, this sets what you expected beside what you did: 2
/// more days to go this week (today's check-in counts once the day is
/// over)."
fn too_soon(point: &WeekPoint, more: u32, fits_in_week: bool, days_left: u32) -> String {
    let lead = "After four days of promises in a week, three of them begun with a morning check-in, this sets what you expected beside what you did";
    let today = if point.checked_in_today {
        " (today's check-in counts once the day is over)"
    } else {
        ""
    };
    if days_left == 0 {
        format!(
            "{lead}; that week had {} with a check-in.",
            count(point.checkin_days, "finished day", "finished days")
        )
    } else if fits_in_week {
        let days = count(more, "more day", "more days");
        format!("{lead}: {days} to go this week{today}.")
    } else {
        format!("{lead}. This week has too few days left for it; next week has room{today}.")
    }
}

/// What the deciding pane says when the marks suggest no change this
/// week, in step with the verdict: never "the promises fit" beside a
/// reading that says they may be too big, nor before there is a reading.
pub fn nothing_to_decide(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Behind => {
            "Nothing in the marks calls for a change, though your confidence ran ahead of the days this week: a promise a size smaller is worth a thought. You decide."
        }
        Verdict::Ahead | Verdict::Agree => "Nothing to recalibrate this week: the promises fit.",
        Verdict::TooSoon { .. } => {
            "Nothing to recalibrate yet: a few more days of marks will show whether each promise is the right size."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day of the week of 16 Nov 2026 that leaves `left` days.
    fn with_left(left: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("day")
            - chrono::Duration::days(i64::from(left))
    }

    fn point(days: u32, asked: u32, kept: f64, conf: f64) -> WeekPoint {
        WeekPoint {
            start: NaiveDate::from_ymd_opt(2026, 11, 16).expect("day"),
            shown: 8,
            asked: 10,
            kept_rate: Some(0.8),
            mood: None,
            morning_confidence: Some(conf),
            evening_confidence: None,
            kept_on_checkin_days: (days > 0).then_some(kept),
            confidence_on_checkin_days: (days > 0).then_some(conf),
            checkin_days: days,
            asked_days: asked,
            checked_in_today: false,
        }
    }

    #[test]
    fn no_verdict_from_fewer_than_three_check_ins_or_four_asked_days() {
        // One day, confidence far ahead: no verdict, but the days it takes.
        let one = point(1, 1, 5.0, 8.0);
        assert_eq!(
            verdict(&one, with_left(5)),
            Verdict::TooSoon {
                more: 3,
                fits_in_week: true
            }
        );
        let said = sentence(&one, with_left(5), Voice::You).expect("said");
        assert!(said.contains("3 more days"), "{said}");
        assert!(!said.contains("size too big"), "{said}");
        assert_eq!(sentence(&one, with_left(5), Voice::I), None);
        // Three check-ins on three asked days: one day more.
        assert_eq!(
            verdict(&point(3, 3, 5.0, 8.0), with_left(2)),
            Verdict::TooSoon {
                more: 1,
                fits_in_week: true
            }
        );
        assert_eq!(
            verdict(&point(3, 4, 5.0, 8.0), with_left(2)),
            Verdict::Behind
        );
        assert_eq!(
            verdict(&point(3, 4, 9.0, 6.0), with_left(2)),
            Verdict::Ahead
        );
        assert_eq!(
            verdict(&point(3, 4, 7.0, 7.5), with_left(2)),
            Verdict::Agree
        );
    }

    #[test]
    fn the_sentence_names_its_days_and_never_blames_the_person() {
        let behind = sentence(&point(4, 5, 4.0, 8.0), with_left(0), Voice::You).expect("said");
        assert_eq!(
            behind,
            "On the 4 days that began with a morning check-in you showed up for 40% of what they asked, and your morning confidence on those days averaged 8/10: your confidence ran ahead of the days, which says the promises may be a size too big, not that you fell short."
        );
        let shared = sentence(&point(4, 5, 9.0, 6.0), with_left(0), Voice::I).expect("said");
        assert!(shared.starts_with("On the 4 days I began"), "{shared}");
        assert!(shared.ends_with("my record is ahead of my confidence."));
    }

    #[test]
    fn a_check_in_today_is_counted_when_the_day_is_over() {
        let mut p = point(0, 0, 0.0, 0.0);
        p.checked_in_today = true;
        let said = sentence(&p, with_left(7), Voice::You).expect("said");
        assert!(said.contains("today's check-in counts once the day is over"));
        assert!(!said.contains("Rate your confidence"), "{said}");
    }

    #[test]
    fn deciding_never_says_the_promises_fit_beside_a_reading_that_they_may_not() {
        assert!(!nothing_to_decide(Verdict::Behind).contains("fit"));
        assert!(
            !nothing_to_decide(Verdict::TooSoon {
                more: 2,
                fits_in_week: true
            })
            .contains("the promises fit")
        );
        assert!(nothing_to_decide(Verdict::Agree).contains("the promises fit"));
    }
}
