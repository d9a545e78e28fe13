//! What a search finds: a piece of text the journal holds (a win, a note,
//! a lesson, an intention, a reflection answer, a weekly answer), with the
//! words around the match and where the match is.
//!
//! May use: nothing of ours.

use chrono::NaiveDate;
use serde::Serialize;

/// The kinds of text a search looks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Win,
    Note,
    Lesson,
    Intention,
    Answer,
    Weekly,
}

impl SearchKind {
    pub const ALL: [SearchKind; 6] = [
        SearchKind::Win,
        SearchKind::Note,
        SearchKind::Lesson,
        SearchKind::Intention,
        SearchKind::Answer,
        SearchKind::Weekly,
    ];

    /// How the index names it: `win`, `note`, … (the JSON name too).
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Win => "win",
            SearchKind::Note => "note",
            SearchKind::Lesson => "lesson",
            SearchKind::Intention => "intention",
            SearchKind::Answer => "answer",
            SearchKind::Weekly => "weekly",
        }
    }

    pub fn parse(text: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Words for people: "win", "note", "weekly answer".
    pub fn label(self) -> &'static str {
        match self {
            SearchKind::Win => "win",
            SearchKind::Note => "note",
            SearchKind::Lesson => "lesson",
            SearchKind::Intention => "intention",
            SearchKind::Answer => "reflection",
            SearchKind::Weekly => "weekly review",
        }
    }
}

/// What the store is asked to find: every part must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// An FTS5 query for the word index (words, prefixes, stems), or
    /// `None` when every word typed is in a script without spaces.
    pub words: Option<String>,
    /// Words of three characters or more in a script written without
    /// spaces, folded, each to be found anywhere in the text (the trigram
    /// index).
    pub substrings: Vec<String>,
    /// Such words of one or two characters, folded: found anywhere in the
    /// text too, by reading it (trigrams need three).
    pub short: Vec<String>,
}

/// The scripts written without spaces between words, as ranges of
/// characters: Thai and Lao, Myanmar, Khmer, the CJK blocks (radicals,
/// punctuation, kana, Bopomofo, ideographs), Yi, Hangul syllables, CJK
/// compatibility ideographs, half-width katakana, and the supplementary
/// ideographs. A word typed in them is found anywhere inside a run of
/// text, not only at the start of one. The search index's trigram table
/// holds the text that has any of them (`store/search.rs` writes the same
/// ranges as a GLOB class).
pub const SPACELESS: [(char, char); 9] = [
    ('\u{0E00}', '\u{0EFF}'),
    ('\u{1000}', '\u{109F}'),
    ('\u{1780}', '\u{17FF}'),
    ('\u{2E80}', '\u{9FFF}'),
    ('\u{A000}', '\u{A4CF}'),
    ('\u{AC00}', '\u{D7AF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FF66}', '\u{FF9F}'),
    ('\u{20000}', '\u{3FFFF}'),
];

/// Whether `c` belongs to a script written without spaces ([`SPACELESS`]).
pub fn spaceless(c: char) -> bool {
    SPACELESS.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// One piece of text a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The id of the win, check, check-in, reflection or weekly review.
    pub record_id: String,
    /// The prompt key of a reflection or weekly answer.
    pub key: Option<String>,
    /// The day it belongs to; for a weekly answer, the week's first day.
    pub day: NaiveDate,
    /// For a note or a lesson: the promise it is about, in the words it
    /// had on `day`.
    pub promise: Option<String>,
    /// For a note or a lesson: that promise's id.
    #[serde(skip)]
    pub promise_id: Option<String>,
    /// The words around the match (the whole text when it is short), with
    /// "…" where it was cut.
    pub snippet: String,
    /// Where the matching words are in `snippet`, as `[start, end)` in
    /// characters.
    pub highlights: Vec<(usize, usize)>,
}

impl SearchHit {
    /// The snippet in pieces, each with whether it is a match.
    pub fn pieces(&self) -> Vec<(String, bool)> {
        let chars: Vec<char> = self.snippet.chars().collect();
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.highlights {
            let (start, end) = (start.min(chars.len()), end.min(chars.len()));
            if start < at || end <= start {
                continue;
            }
            if start > at {
                out.push((chars[at..start].iter().collect(), false));
            }
            out.push((chars[start..end].iter().collect(), true));
            at = end;
        }
        if at < chars.len() {
            out.push((chars[at..].iter().collect(), false));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_splits_into_matches_and_the_rest() {
        let hit = SearchHit {
            kind: SearchKind::Win,
            record_id: "w".into(),
            key: None,
            day: NaiveDate::MIN,
            promise: None,
            promise_id: None,
            snippet: "a café walk".into(),
            highlights: vec![(2, 6)],
        };
        assert_eq!(
            hit.pieces(),
            [
                ("a ".to_string(), false),
                ("café".to_string(), true),
                (" walk".to_string(), false)
            ]
        );
        for kind in SearchKind::ALL {
            assert_eq!(SearchKind::parse(kind.as_str()), Some(kind));
        }
    }
}
