//! What a message shared with a trusted person may hold besides the wins
//! and the promises shown up for: each of these goes in only when the
//! person names it (`share --include`, `[share] include` in the config, or
//! a toggle in the preview).
//!
//! May use: nothing of ours.

use serde::Serialize;

/// One thing a shared message leaves out unless it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareExtra {
    /// The evening's mood (a week: its average).
    Mood,
    /// Morning and evening confidence (a week: their averages).
    Confidence,
    /// Notes on the marks, and the promises noted missed.
    Notes,
    /// Lessons written after a miss.
    Lessons,
    /// Answers to the evening prompts (a week: the weekly review's).
    Answers,
}

impl ShareExtra {
    /// Every extra, in the order the message and the preview list them.
    pub const ALL: [ShareExtra; 5] = [
        ShareExtra::Mood,
        ShareExtra::Confidence,
        ShareExtra::Notes,
        ShareExtra::Lessons,
        ShareExtra::Answers,
    ];

    /// The name typed after `--include` and written in the config.
    pub const fn name(self) -> &'static str {
        match self {
            ShareExtra::Mood => "mood",
            ShareExtra::Confidence => "confidence",
            ShareExtra::Notes => "notes",
            ShareExtra::Lessons => "lessons",
            ShareExtra::Answers => "answers",
        }
    }

    pub fn from_name(name: &str) -> Option<ShareExtra> {
        let name = name.trim().to_ascii_lowercase();
        ShareExtra::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// The extras a message holds; none by default (private by default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ShareInclude {
    chosen: [bool; 5],
}

impl ShareInclude {
    /// Nothing but wins and promises shown up for.
    pub const NONE: ShareInclude = ShareInclude { chosen: [false; 5] };

    fn index(extra: ShareExtra) -> usize {
        ShareExtra::ALL
            .iter()
            .position(|e| *e == extra)
            .unwrap_or_default()
    }

    pub fn has(&self, extra: ShareExtra) -> bool {
        self.chosen[Self::index(extra)]
    }

    pub fn set(&mut self, extra: ShareExtra, on: bool) {
        self.chosen[Self::index(extra)] = on;
    }

    /// This set with `extra` added.
    pub fn with(mut self, extra: ShareExtra) -> ShareInclude {
        self.set(extra, true);
        self
    }

    pub fn toggle(&mut self, extra: ShareExtra) {
        let on = !self.has(extra);
        self.set(extra, on);
    }

    /// The extras chosen, in [`ShareExtra::ALL`] order.
    pub fn extras(&self) -> Vec<ShareExtra> {
        ShareExtra::ALL
            .into_iter()
            .filter(|e| self.has(*e))
            .collect()
    }

    /// Reads names like `mood,confidence` (commas or spaces between them);
    /// `none` or nothing is the empty set. An unknown name is refused with
    /// a sentence that lists the names there are.
    pub fn parse(text: &str) -> Result<ShareInclude, String> {
        let mut include = ShareInclude::NONE;
        for name in text.split([',', ' ']).filter(|n| !n.trim().is_empty()) {
            if name.trim().eq_ignore_ascii_case("none") {
                continue;
            }
            match ShareExtra::from_name(name) {
                Some(extra) => include.set(extra, true),
                None => return Err(unknown(name.trim())),
            }
        }
        Ok(include)
    }
}

/// "\"moods\" is not something a message can include; name any of mood,
/// confidence, notes, lessons and answers."
pub fn unknown(name: &str) -> String {
    let names: Vec<&str> = ShareExtra::ALL.iter().map(|e| e.name()).collect();
    format!(
        "\"{name}\" is not something a message can include; name any of {} and {}.",
        names[..names.len() - 1].join(", "),
        names[names.len() - 1]
    )
}

impl Serialize for ShareInclude {
    /// As the list of names chosen: `["mood", "notes"]`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.extras())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case_with_commas_or_spaces() {
        let include = ShareInclude::parse("Mood, notes lessons").expect("names");
        assert_eq!(
            include.extras(),
            [ShareExtra::Mood, ShareExtra::Notes, ShareExtra::Lessons]
        );
        assert_eq!(ShareInclude::parse("").expect("empty"), ShareInclude::NONE);
        assert_eq!(
            ShareInclude::parse("none").expect("none"),
            ShareInclude::NONE
        );
        let e = ShareInclude::parse("mood,feelings").expect_err("unknown");
        assert!(e.contains("\"feelings\"") && e.contains("answers"), "{e}");
    }

    #[test]
    fn nothing_extra_is_included_by_default() {
        let none = ShareInclude::default();
        assert!(ShareExtra::ALL.iter().all(|e| !none.has(*e)));
        let mut some = none.with(ShareExtra::Answers);
        assert!(some.has(ShareExtra::Answers));
        some.toggle(ShareExtra::Answers);
        assert_eq!(some, none);
    }
}
