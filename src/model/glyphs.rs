//! The one glyph set of the whole app: what each glyph means (its role),
//! how it is drawn in Unicode and in plain ASCII, and the one legend that
//! explains them. The full-screen journal, `smallwins show` and the command
//! line's text all draw from the [`Glyphs`] the config chose, so a glyph
//! means the same thing everywhere.
//!
//! The glyphs that tell how something went serve two levels with one
//! meaning: a promise on a day (kept, partly kept, …), and a day as a whole
//! on the calendars (every promise kept reads as kept, every promise shown
//! up for with some only partly reads as partly kept, …).
//!
//! Every Unicode glyph is one a common terminal font draws without a Nerd
//! Font: each is in DejaVu Sans Mono (a test in `tests/themes.rs` reads the
//! font's own character map).
//!
//! May use: nothing of ours but the model's statuses.

use super::{Due, Status};

/// What a glyph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Glyph {
    /// A promise kept; a day on which every promise asked was kept.
    Kept,
    /// A promise partly kept; a day on which every promise asked was shown
    /// up for, some only partly.
    Partly,
    /// A promise kept in its smaller version.
    Smaller,
    /// A day on which some of the promises asked were shown up for.
    Some,
    /// A promise noted as missed; a day with nothing kept and a miss noted.
    Missed,
    /// Nothing recorded (yet) for a promise, or for a day that asked.
    NotRecorded,
    /// A rest day: the promise, or every promise, asked nothing that day.
    Rest,
    /// A day still ahead. (A day before the journal, or a promise, began
    /// is not part of the record: it has no glyph at all.)
    NotYet,
    /// A small win.
    Win,
    /// Stands before a promise's cue ("after my coffee").
    Cue,
    /// Marks the selected row.
    Pointer,
    /// A filled step of a 0–10 rating bar.
    RatingOn,
    /// An empty step of a 0–10 rating bar.
    RatingOff,
    /// Stands for a line break when text is shown on one line.
    NewLine,
    /// A suggested recalibration in the review.
    Suggestion,
}

/// Which built-in glyphs to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GlyphSet {
    /// Unicode glyphs every common terminal font has.
    #[default]
    Unicode,
    /// Plain ASCII, for terminals or fonts without Unicode.
    Ascii,
}

impl GlyphSet {
    pub const ALL: [GlyphSet; 2] = [GlyphSet::Unicode, GlyphSet::Ascii];

    /// The name the config file uses: `unicode`, `ascii`.
    pub const fn name(self) -> &'static str {
        match self {
            GlyphSet::Unicode => "unicode",
            GlyphSet::Ascii => "ascii",
        }
    }

    pub fn from_name(name: &str) -> Option<GlyphSet> {
        GlyphSet::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl Glyph {
    pub const ALL: [Glyph; 15] = [
        Glyph::Kept,
        Glyph::Partly,
        Glyph::Smaller,
        Glyph::Some,
        Glyph::Missed,
        Glyph::NotRecorded,
        Glyph::Rest,
        Glyph::NotYet,
        Glyph::Win,
        Glyph::Cue,
        Glyph::Pointer,
        Glyph::RatingOn,
        Glyph::RatingOff,
        Glyph::NewLine,
        Glyph::Suggestion,
    ];

    /// The name the config file uses for this glyph (`[custom_glyphs]`).
    pub const fn name(self) -> &'static str {
        match self {
            Glyph::Kept => "kept",
            Glyph::Partly => "partly",
            Glyph::Smaller => "smaller",
            Glyph::Some => "some",
            Glyph::Missed => "missed",
            Glyph::NotRecorded => "not_recorded",
            Glyph::Rest => "rest",
            Glyph::NotYet => "not_yet",
            Glyph::Win => "win",
            Glyph::Cue => "cue",
            Glyph::Pointer => "pointer",
            Glyph::RatingOn => "rating_on",
            Glyph::RatingOff => "rating_off",
            Glyph::NewLine => "new_line",
            Glyph::Suggestion => "suggestion",
        }
    }

    pub fn from_name(name: &str) -> Option<Glyph> {
        Glyph::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The glyph of one promise's result on a day: kept, partly kept, kept
    /// the smaller version, noted as missed, not recorded; or a rest day, if
    /// the day did not ask for the promise and nothing was recorded.
    pub fn of_result(status: Option<Status>, due: Due) -> Glyph {
        match (status, due) {
            (Some(Status::Kept), _) => Glyph::Kept,
            (Some(Status::Partial), _) => Glyph::Partly,
            (Some(Status::Smaller), _) => Glyph::Smaller,
            (Some(Status::Missed), _) => Glyph::Missed,
            (None, Due::No) => Glyph::Rest,
            (None, _) => Glyph::NotRecorded,
        }
    }

    /// The built-in glyph in `set`.
    pub const fn built_in(self, set: GlyphSet) -> &'static str {
        match set {
            GlyphSet::Unicode => self.unicode(),
            GlyphSet::Ascii => self.ascii(),
        }
    }

    const fn unicode(self) -> &'static str {
        match self {
            Glyph::Kept => "✓",
            Glyph::Partly => "◐",
            Glyph::Smaller => "◒",
            // A plus, not another half circle: at arm's length it must not
            // read as ◐ (partly kept) or ◒ (the smaller version).
            Glyph::Some => "+",
            Glyph::Missed => "○",
            Glyph::NotRecorded => "·",
            Glyph::Rest => "–",
            Glyph::NotYet => "╌",
            Glyph::Win => "★",
            Glyph::Cue => "◇",
            Glyph::Pointer => "▸",
            Glyph::RatingOn => "▰",
            Glyph::RatingOff => "▱",
            Glyph::NewLine => "⏎",
            Glyph::Suggestion => "◆",
        }
    }

    const fn ascii(self) -> &'static str {
        match self {
            Glyph::Kept => "v",
            Glyph::Partly => "~",
            Glyph::Smaller => "s",
            Glyph::Some => "+",
            Glyph::Missed => "o",
            Glyph::NotRecorded => ".",
            Glyph::Rest => "-",
            Glyph::NotYet => "_",
            Glyph::Win => "*",
            Glyph::Cue => "@",
            Glyph::Pointer => ">",
            Glyph::RatingOn => "#",
            Glyph::RatingOff => "-",
            Glyph::NewLine => "/",
            Glyph::Suggestion => "*",
        }
    }
}

/// The one legend: the glyphs that tell how something went, each with the
/// short words every screen and the command line show beside it.
pub const LEGEND: [(Glyph, &str); 9] = [
    (Glyph::Kept, "kept"),
    (Glyph::Partly, "partly kept"),
    (Glyph::Smaller, "smaller version"),
    (Glyph::Some, "showed up for some"),
    (Glyph::Missed, "noted as missed"),
    (Glyph::NotRecorded, "not recorded"),
    (Glyph::Rest, "rest day"),
    (Glyph::NotYet, "not yet"),
    (Glyph::Win, "a win"),
];

/// What each legend glyph means in full, for help (each fits the help
/// popup's 54 columns beside its glyph).
pub fn legend_meaning(glyph: Glyph) -> &'static str {
    match glyph {
        Glyph::Kept => "kept; for a day: every promise it asked was kept",
        Glyph::Partly => "partly kept; for a day: all shown up for, some partly",
        Glyph::Smaller => "kept the smaller version (it counts as showing up)",
        Glyph::Some => "for a day: some of its promises were shown up for",
        Glyph::Missed => "noted as missed; for a day: nothing kept, a miss noted",
        Glyph::NotRecorded => "not recorded yet (forgetting to log is not failing)",
        Glyph::Rest => "rest day: nothing was asked",
        Glyph::NotYet => "not yet: a day still ahead",
        Glyph::Win => "a small win",
        _ => "",
    }
}

/// The glyphs in use: a built-in set with any glyphs the config replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Glyphs {
    pub set: GlyphSet,
    /// Glyphs the config file replaced, each one column wide.
    pub custom: Vec<(Glyph, String)>,
}

impl Glyphs {
    pub fn new(set: GlyphSet) -> Glyphs {
        Glyphs {
            set,
            custom: Vec::new(),
        }
    }

    /// How `glyph` is drawn.
    pub fn get(&self, glyph: Glyph) -> &str {
        self.custom
            .iter()
            .rev()
            .find(|(g, _)| *g == glyph)
            .map(|(_, s)| s.as_str())
            .unwrap_or(glyph.built_in(self.set))
    }

    /// Whether everything drawn should stay within ASCII (borders too).
    pub fn ascii(&self) -> bool {
        self.set == GlyphSet::Ascii
    }

    /// The legend on one line: "✓ kept  ◐ partly kept  …", limited to the
    /// glyphs `shown` lets through.
    pub fn legend_line(&self, shown: impl Fn(Glyph) -> bool) -> String {
        LEGEND
            .iter()
            .filter(|(g, _)| shown(*g))
            .map(|(g, words)| format!("{} {words}", self.get(*g)))
            .collect::<Vec<_>>()
            .join("  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_legend_glyph_is_distinct_in_each_set() {
        for set in GlyphSet::ALL {
            let g = Glyphs::new(set);
            let drawn: Vec<&str> = LEGEND.iter().map(|(r, _)| g.get(*r)).collect();
            for (i, a) in drawn.iter().enumerate() {
                assert!(!drawn[i + 1..].contains(a), "{set:?}: {a} twice");
            }
        }
    }

    #[test]
    fn the_ascii_set_is_ascii_and_every_glyph_is_one_character() {
        for glyph in Glyph::ALL {
            assert!(glyph.built_in(GlyphSet::Ascii).is_ascii(), "{glyph:?}");
            for set in GlyphSet::ALL {
                assert_eq!(glyph.built_in(set).chars().count(), 1, "{glyph:?}");
            }
            assert_eq!(Glyph::from_name(glyph.name()), Some(glyph));
        }
    }

    #[test]
    fn every_meaning_fits_the_help_popup() {
        for (glyph, _) in LEGEND {
            let meaning = legend_meaning(glyph);
            assert!(
                !meaning.is_empty() && meaning.chars().count() <= 54,
                "{meaning}"
            );
        }
    }

    #[test]
    fn a_miss_is_never_a_cross_and_custom_glyphs_replace_the_built_in_one() {
        for set in GlyphSet::ALL {
            let missed = Glyph::Missed.built_in(set);
            assert!(!["x", "X", "✗", "✘", "×"].contains(&missed));
        }
        let mut g = Glyphs::new(GlyphSet::Unicode);
        g.custom.push((Glyph::Kept, "●".into()));
        assert_eq!(g.get(Glyph::Kept), "●");
        assert_eq!(g.get(Glyph::Partly), "◐");
        assert_eq!(
            g.legend_line(|r| matches!(r, Glyph::Kept | Glyph::Missed)),
            "● kept  ○ noted as missed"
        );
    }
}
