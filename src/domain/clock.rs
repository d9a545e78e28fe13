//! Where "now" comes from: the local wall-clock time (days, the hour a
//! win was made) and the same instant in UTC (`updated_at`). Nothing else the app runs reads the system
//! clock (`Store::open`, a shortcut for tests and tools, dates a copy made
//! before an update by it too).
//!
//! May use: `model`.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

/// The source of the current local wall-clock time.
///
/// The system clock is read only here; tests, demos and screenshots fix it
/// with [`Clock::Fixed`] (or `SMALLWINS_NOW=2026-11-21T08:30`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The current local date and time, as shown on a wall clock.
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => wall_clock(Utc::now(), &Local),
            Clock::Fixed(at) => *at,
        }
    }

    /// The current time in UTC: what a record's `updated_at` holds, so
    /// machines in different zones agree which change came last. A fixed
    /// clock is a local wall time, read in the system's zone.
    pub fn utc_now(&self) -> NaiveDateTime {
        match self {
            Clock::System => Utc::now().naive_utc(),
            Clock::Fixed(at) => crate::model::identity::utc_of(*at, &Local),
        }
    }

    /// Reads `SMALLWINS_NOW` if it is set, otherwise uses the system clock.
    ///
    /// Accepts `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` and `YYYY-MM-DD HH:MM`.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("SMALLWINS_NOW") {
            Ok(value) if !value.trim().is_empty() => parse_now(value.trim())
                .map(Clock::Fixed)
                .ok_or_else(|| {
                    format!(
                        "SMALLWINS_NOW is set to \"{value}\", which is not a time; use a form like 2026-11-21T08:30."
                    )
                }),
            _ => Ok(Clock::System),
        }
    }
}

/// The wall-clock time in `zone` at the instant `utc`: what a clock on the
/// wall there shows, daylight saving included. [`Clock::System`] reads the
/// system clock through this, with the system's time zone; the day boundary
/// rule ([`journal_day`](super::day::journal_day)) then judges that wall
/// clock.
pub fn wall_clock<Tz: TimeZone>(utc: DateTime<Utc>, zone: &Tz) -> NaiveDateTime {
    utc.with_timezone(zone).naive_local()
}

/// Parses the forms accepted by `SMALLWINS_NOW`.
pub fn parse_now(value: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_returns_its_time() {
        let at = parse_now("2026-11-21T08:30").expect("valid");
        assert_eq!(Clock::Fixed(at).now(), at);
        assert_eq!(at.to_string(), "2026-11-21 08:30:00");
    }

    #[test]
    fn parse_now_accepts_seconds_and_space() {
        assert!(parse_now("2026-11-21T08:30:15").is_some());
        assert!(parse_now("2026-11-21 08:30").is_some());
        assert!(parse_now("21/11/2026").is_none());
        assert!(parse_now("2026-11-21").is_none());
    }
}
