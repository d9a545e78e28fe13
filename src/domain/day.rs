//! The journal's day: which calendar date a moment belongs to (the one day
//! boundary rule), weeks, and how people write dates on the command line.
//!
//! May use: `model` and the rest of `domain`.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

pub use crate::model::weekday::{parse_weekday, weekday_short};

/// The one rule for the day boundary: a moment before `day_starts_at` belongs
/// to the day before, so a reflection written at 01:30 counts for the evening
/// it ends.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use smallwins::domain::day::journal_day;
///
/// let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
/// let at = |s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
/// let saturday = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
/// assert_eq!(journal_day(at("2026-11-22 01:30"), four), saturday);
/// assert_eq!(journal_day(at("2026-11-21 04:00"), four), saturday);
/// ```
pub fn journal_day(local: NaiveDateTime, day_starts_at: NaiveTime) -> NaiveDate {
    if local.time() < day_starts_at {
        local.date().pred_opt().unwrap_or(local.date())
    } else {
        local.date()
    }
}

/// Whether `now` is evening: from `evening_from` until the day boundary
/// (after midnight, before `day_starts_at`, is still the evening before).
pub fn is_evening(now: NaiveDateTime, day_starts_at: NaiveTime, evening_from: NaiveTime) -> bool {
    journal_day(now, day_starts_at) != now.date() || now.time() >= evening_from
}

/// The earliest day a journal keeps. Days before it are refused wherever
/// they come from (a typed `--date`, the full-screen journal, an import), so
/// every record fits in an export and in a calendar.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// Parses a day as people type it: `YYYY-MM-DD`, `today`, `yesterday`, or
/// `-N` for N days ago. `today` is the journal's today, passed in. Only days
/// from [`FIRST_DAY`] to `today` are accepted.
///
/// ```
/// use chrono::NaiveDate;
/// use smallwins::domain::day::parse_day;
///
/// let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
/// assert_eq!(parse_day("-2", today), Ok(NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()));
/// assert!(parse_day("2026-02-30", today).is_err());
/// assert!(parse_day("1899-12-31", today).is_err());
/// assert!(parse_day("-999999", today).is_err());
/// ```
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = input.trim();
    let lower = text.to_ascii_lowercase();
    let shown = || super::validate::echo(input);
    let bad = || {
        format!(
            "\"{}\" is not a day I understand; use YYYY-MM-DD, today, yesterday or -N for N days ago.",
            shown()
        )
    };
    let too_early = || {
        format!(
            "\"{}\" is before {FIRST_DAY}, the earliest day a journal keeps; give a day from {FIRST_DAY} to today.",
            shown()
        )
    };
    let day = match lower.as_str() {
        "today" => today,
        "yesterday" => today.pred_opt().ok_or_else(too_early)?,
        _ => match lower.strip_prefix('-') {
            Some(rest) if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) => {
                // So many digits that they do not fit a number: long before 1900.
                let n: u64 = rest.parse().map_err(|_| too_early())?;
                today.checked_sub_days(Days::new(n)).ok_or_else(too_early)?
            }
            _ => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?,
        },
    };
    if day < FIRST_DAY {
        return Err(too_early());
    }
    if day > today {
        return Err(format!(
            "{day} is still ahead; give today ({today}) or an earlier day."
        ));
    }
    Ok(day)
}

/// The first day of the week containing `day`.
pub fn week_start(day: NaiveDate, week_starts_on: Weekday) -> NaiveDate {
    let offset = (7 + day.weekday().num_days_from_monday() as i64
        - week_starts_on.num_days_from_monday() as i64)
        % 7;
    day - chrono::Duration::days(offset)
}

/// Every day from `from` to `to`, both included.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::wall_clock;
    use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }
    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }
    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).expect("valid")
    }

    #[test]
    fn three_fifty_nine_belongs_to_the_day_before() {
        assert_eq!(journal_day(at("2026-11-21 03:59"), four()), d("2026-11-20"));
    }

    #[test]
    fn four_oclock_starts_the_new_day() {
        assert_eq!(journal_day(at("2026-11-21 04:00"), four()), d("2026-11-21"));
    }

    #[test]
    fn an_entry_after_midnight_counts_for_the_evening_before() {
        assert_eq!(journal_day(at("2026-11-21 01:30"), four()), d("2026-11-20"));
        assert_eq!(journal_day(at("2026-11-20 23:59"), four()), d("2026-11-20"));
    }

    #[test]
    fn the_first_of_january_after_midnight_is_still_new_years_eve() {
        assert_eq!(journal_day(at("2027-01-01 00:10"), four()), d("2026-12-31"));
    }

    #[test]
    fn midnight_boundary_means_calendar_days() {
        let midnight = NaiveTime::from_hms_opt(0, 0, 0).expect("valid");
        assert_eq!(
            journal_day(at("2026-11-21 00:00"), midnight),
            d("2026-11-21")
        );
    }

    /// Europe/Berlin-like rules, built by hand: CET (+1) until 2026-03-29
    /// 01:00 UTC, then CEST (+2) until 2026-10-25 01:00 UTC.
    #[derive(Clone, Copy, Debug)]
    struct Berlin;
    impl TimeZone for Berlin {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Self {
            Berlin
        }
        fn offset_from_local_date(&self, _: &NaiveDate) -> chrono::LocalResult<FixedOffset> {
            chrono::LocalResult::Single(FixedOffset::east_opt(3600).expect("valid"))
        }
        fn offset_from_local_datetime(
            &self,
            local: &NaiveDateTime,
        ) -> chrono::LocalResult<FixedOffset> {
            let utc = *local - chrono::Duration::hours(1);
            chrono::LocalResult::Single(self.offset_from_utc_datetime(&utc))
        }
        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            FixedOffset::east_opt(3600).expect("valid")
        }
        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            let summer_from = at("2026-03-29 01:00");
            let summer_to = at("2026-10-25 01:00");
            if *utc >= summer_from && *utc < summer_to {
                FixedOffset::east_opt(7200).expect("valid")
            } else {
                FixedOffset::east_opt(3600).expect("valid")
            }
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        Utc.from_utc_datetime(&at(s))
    }

    /// The journal day at a UTC instant in Berlin, the way the app finds
    /// it: the system clock through `wall_clock`, then the boundary rule.
    fn day_in_berlin(instant: &str) -> NaiveDate {
        journal_day(wall_clock(utc(instant), &Berlin), four())
    }

    #[test]
    fn daylight_saving_spring_forward_keeps_the_boundary_on_the_wall_clock() {
        // 00:30 UTC is 01:30 CET; 01:30 UTC is 03:30 CEST (02:00 never happened).
        assert_eq!(
            wall_clock(utc("2026-03-29 00:30"), &Berlin),
            at("2026-03-29 01:30")
        );
        assert_eq!(
            wall_clock(utc("2026-03-29 01:30"), &Berlin),
            at("2026-03-29 03:30")
        );
        assert_eq!(day_in_berlin("2026-03-29 00:30"), d("2026-03-28"));
        assert_eq!(day_in_berlin("2026-03-29 01:30"), d("2026-03-28"));
        // 02:00 UTC is 04:00 CEST: the new day starts on the wall clock.
        assert_eq!(day_in_berlin("2026-03-29 02:00"), d("2026-03-29"));
    }

    #[test]
    fn daylight_saving_fall_back_repeated_hour_stays_in_the_evening_before() {
        // 02:30 happens twice on 2026-10-25 (00:30 and 01:30 UTC).
        let first = utc("2026-10-25 00:30").with_timezone(&Berlin);
        let second = utc("2026-10-25 01:30").with_timezone(&Berlin);
        assert_eq!(first.offset().fix().local_minus_utc(), 7200);
        assert_eq!(second.offset().fix().local_minus_utc(), 3600);
        assert_eq!(
            wall_clock(utc("2026-10-25 00:30"), &Berlin),
            at("2026-10-25 02:30")
        );
        assert_eq!(
            wall_clock(utc("2026-10-25 01:30"), &Berlin),
            at("2026-10-25 02:30")
        );
        assert_eq!(day_in_berlin("2026-10-25 00:30"), d("2026-10-24"));
        assert_eq!(day_in_berlin("2026-10-25 01:30"), d("2026-10-24"));
        // 03:00 UTC is 04:00 CET.
        assert_eq!(day_in_berlin("2026-10-25 03:00"), d("2026-10-25"));
    }

    #[test]
    fn parse_day_understands_every_form() {
        let today = d("2026-11-21");
        assert_eq!(parse_day("today", today), Ok(today));
        assert_eq!(parse_day("Yesterday", today), Ok(d("2026-11-20")));
        assert_eq!(parse_day("-3", today), Ok(d("2026-11-18")));
        assert_eq!(parse_day("-0", today), Ok(today));
        assert_eq!(parse_day("2026-02-28", today), Ok(d("2026-02-28")));
        for bad in ["2026-02-30", "tomorrowish", "-", "-x", "21.11.2026", ""] {
            let err = parse_day(bad, today).expect_err(bad);
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }

    #[test]
    fn week_start_respects_the_chosen_first_day() {
        let sat = d("2026-11-21");
        assert_eq!(week_start(sat, Weekday::Mon), d("2026-11-16"));
        assert_eq!(week_start(sat, Weekday::Sun), d("2026-11-15"));
        assert_eq!(week_start(sat, Weekday::Sat), sat);
        assert_eq!(week_start(d("2026-11-16"), Weekday::Mon), d("2026-11-16"));
    }
}
