//! The words of the demo story: `assets/demo.toml`, embedded at build time
//! and read into these types. Only words live here; how the story unfolds is
//! in the sibling modules. Uses nothing of ours.

use serde::Deserialize;

const DEMO_WORDS: &str = include_str!("../../assets/demo.toml");

/// Everything the demo writes in a person's voice.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Words {
    pub morning: Morning,
    /// Small wins by area, in the order an area is drawn.
    pub wins: Vec<WinArea>,
    pub stretch: YesNo,
    pub read: Reading,
    pub walk: Walk,
    pub friend: Friend,
    pub bed: Bed,
    pub notebook: YesNo,
    pub rough_day: RoughDay,
    pub evening: Evening,
}

impl Words {
    /// The embedded words. They cannot fail to parse in a tested build (see
    /// the tests below); the error is for a build that skipped them.
    pub fn embedded() -> Result<Words, toml::de::Error> {
        toml::from_str(DEMO_WORDS)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Morning {
    /// One-sentence intentions for the morning check-in.
    pub intentions: Vec<String>,
    /// The intention of today, which the demo leaves half done.
    pub today: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WinArea {
    pub area: String,
    /// Left out at weekends (work).
    #[serde(default)]
    pub weekdays_only: bool,
    pub texts: Vec<String>,
}

/// A promise as it is added.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Promise {
    pub text: String,
    pub cue: String,
    pub smaller: String,
    pub area: String,
    /// For a measure: what its amounts count.
    #[serde(default)]
    pub unit: Option<String>,
}

/// A yes/no promise and the notes on its days.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct YesNo {
    pub promise: Promise,
    /// The note on a day only the smaller version was done.
    pub partly: String,
    /// What got in the way, one of them on each miss.
    pub missed: Vec<String>,
    /// Now and then written after a miss.
    pub lessons: Vec<String>,
}

/// The reading measure and the notes on its nights.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reading {
    pub promise: Promise,
    /// Notes on a night with fewer pages than the target.
    pub partly: Vec<String>,
    pub missed: Vec<String>,
    pub lessons: Vec<String>,
}

/// The lunch walk: a yes/no promise with the odd extra walk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Walk {
    pub promise: Promise,
    pub partly: String,
    pub missed: Vec<String>,
    pub lessons: Vec<String>,
    /// The note on an extra walk on a free Saturday.
    pub extra: String,
}

/// Reaching out: only ever kept, sometimes with a note of who it was.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Friend {
    pub promise: Promise,
    pub kept: Vec<String>,
}

/// Making the bed: a yes/no promise without lessons, let go halfway.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Bed {
    pub promise: Promise,
    pub partly: String,
    pub missed: Vec<String>,
    /// The win logged on the morning it is let go.
    pub let_go: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoughDay {
    /// What got in the way of everything on a rough day.
    pub notes: Vec<String>,
}

/// Answers to the evening prompts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Evening {
    pub helped: Vec<String>,
    pub in_the_way: Vec<String>,
    pub adjust: Vec<String>,
    pub before: Before,
}

/// The adjust answer on the evening before each turning point.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Before {
    /// Reading shrinks to its smaller target.
    pub shrink: String,
    /// Reading grows again.
    pub grow: String,
    /// Making the bed is let go.
    pub let_go: String,
    /// The notebook line is added.
    pub add: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words::embedded().expect("assets/demo.toml parses")
    }

    /// Every list a sentence is drawn from, by its place in the asset.
    fn lists(w: &Words) -> Vec<(&'static str, &Vec<String>)> {
        vec![
            ("morning.intentions", &w.morning.intentions),
            ("stretch.missed", &w.stretch.missed),
            ("stretch.lessons", &w.stretch.lessons),
            ("read.partly", &w.read.partly),
            ("read.missed", &w.read.missed),
            ("read.lessons", &w.read.lessons),
            ("walk.missed", &w.walk.missed),
            ("walk.lessons", &w.walk.lessons),
            ("friend.kept", &w.friend.kept),
            ("bed.missed", &w.bed.missed),
            ("notebook.missed", &w.notebook.missed),
            ("notebook.lessons", &w.notebook.lessons),
            ("rough_day.notes", &w.rough_day.notes),
            ("evening.helped", &w.evening.helped),
            ("evening.in_the_way", &w.evening.in_the_way),
            ("evening.adjust", &w.evening.adjust),
        ]
    }

    /// Every sentence of the story.
    fn every_sentence(w: &Words) -> Vec<&str> {
        let mut all: Vec<&str> = lists(w)
            .into_iter()
            .flat_map(|(_, list)| list.iter().map(String::as_str))
            .collect();
        for area in &w.wins {
            all.push(&area.area);
            all.extend(area.texts.iter().map(String::as_str));
        }
        let promises = [
            &w.stretch.promise,
            &w.read.promise,
            &w.walk.promise,
            &w.friend.promise,
            &w.bed.promise,
            &w.notebook.promise,
        ];
        for p in promises {
            all.extend([&p.text, &p.cue, &p.smaller, &p.area].map(String::as_str));
            all.extend(p.unit.as_deref());
        }
        let b = &w.evening.before;
        let single = [
            &w.morning.today,
            &w.stretch.partly,
            &w.walk.partly,
            &w.walk.extra,
            &w.bed.partly,
            &w.bed.let_go,
            &w.notebook.partly,
            &b.shrink,
            &b.grow,
            &b.let_go,
            &b.add,
        ];
        all.extend(single.map(String::as_str));
        all
    }

    #[test]
    fn the_embedded_words_parse_and_every_list_has_something_to_draw() {
        let w = words();
        for (name, list) in lists(&w) {
            assert!(!list.is_empty(), "{name} is empty");
        }
        for area in &w.wins {
            assert!(!area.texts.is_empty(), "wins for {} are empty", area.area);
        }
        assert_eq!(w.read.promise.unit.as_deref(), Some("pages"));
        for text in every_sentence(&w) {
            assert!(!text.trim().is_empty(), "an empty sentence");
        }
    }

    #[test]
    fn wins_cover_five_areas_and_only_work_waits_for_the_weekdays() {
        let w = words();
        let areas: Vec<(&str, bool)> = w
            .wins
            .iter()
            .map(|a| (a.area.as_str(), a.weekdays_only))
            .collect();
        assert_eq!(
            areas,
            vec![
                ("health", false),
                ("work", true),
                ("social", false),
                ("creative", false),
                ("home", false),
            ]
        );
    }

    #[test]
    fn a_misspelt_or_missing_key_is_refused_not_left_out() {
        let misspelt = DEMO_WORDS.replace("extra = ", "extra = \"\"\nextras = ");
        assert!(
            toml::from_str::<Words>(&misspelt).is_err(),
            "a misspelt key"
        );
        let missing = DEMO_WORDS.replace("extra = ", "# extra = ");
        assert!(toml::from_str::<Words>(&missing).is_err(), "a missing key");
        let weekend = DEMO_WORDS.replace("weekdays_only = true", "");
        assert!(
            toml::from_str::<Words>(&weekend).is_ok(),
            "weekdays_only may be left out"
        );
    }

    #[test]
    fn the_words_never_scold() {
        let w = words();
        for text in every_sentence(&w) {
            let text = text.to_lowercase();
            for word in [
                "fail",
                "broke",
                "streak",
                "lazy",
                "should have",
                "why didn't",
                "again?",
            ] {
                assert!(!text.contains(word), "{text:?} uses {word:?}");
            }
        }
    }
}
