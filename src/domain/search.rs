//! Search: what a person types becomes a query for the journal's full-text
//! index (see `store/search.rs`), and the one folding of a person's words
//! that every match uses.
//!
//! Every word must be found, in any order; each word also finds words
//! that start with it and other forms of it ("walk" finds "walked" and
//! "walking"). A word in a script written without spaces (Chinese,
//! Japanese, Korean, Thai…) is found anywhere inside the text instead:
//! "勉強" finds "今日は日本語を少し勉強した。". Quotes, stars and the
//! index's own operators (AND, OR, NOT, NEAR) are taken as plain words, so
//! nothing typed can make the query fail.
//!
//! [`fold`] is the folding: lower case, accents off ("Méditer" →
//! "mediter"), as the index folds what it holds. Promise lookup by word
//! and the places of matches in a result use it, so `promise show
//! mediter` and `search mediter` find the same "Méditer".
//!
//! May use: `model` and the rest of `domain`.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::{Error, Result, validate};
use crate::model::{SearchHit, SearchQuery, spaceless};

/// The most results a search lists.
pub const MAX_RESULTS: usize = 200;

/// The most characters of a search that count: what the full-screen
/// journal's search box holds. Past it, a search is cut without a word,
/// as the box stops taking keys.
pub const MAX_QUERY_LEN: usize = validate::PROMISE.max;

/// The fewest characters the trigram index can look up.
const TRIGRAM: usize = 3;

/// Characters a result keeps around the first match when it was found
/// by reading its text (a word in a script without spaces), before "…".
const CONTEXT_BEFORE: usize = 24;
/// The most characters of such a result.
const SNIPPET_CHARS: usize = 120;

/// `typed` cut to [`MAX_QUERY_LEN`] characters.
pub fn capped(typed: &str) -> &str {
    match typed.char_indices().nth(MAX_QUERY_LEN) {
        Some((end, _)) => &typed[..end],
        None => typed,
    }
}

/// `text` folded as the search index folds it (`unicode61
/// remove_diacritics 2`): lower case, and a Latin letter with accents as
/// its plain letter ("É" → "e", "ñ" → "n"); a combining accent on its own
/// goes. Letters that are not an accented Latin letter stay as they are
/// ("ø", "ß", kana with their marks).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// Letters the index folds otherwise than lower case and decomposition
/// would: it case-folds (long s, Greek symbol forms, final sigma) from
/// tables of an older Unicode (a few newer capitals stay), and keeps "ǡ".
/// `tests/search.rs` compares the folding with the index's letter by letter.
const AS_THE_INDEX: [(char, char); 18] = [
    ('İ', 'i'),
    ('ſ', 's'),
    ('ẛ', 's'),
    ('Ǡ', 'ǡ'),
    ('ǡ', 'ǡ'),
    ('Ϳ', 'Ϳ'),
    ('ϐ', 'β'),
    ('ϵ', 'ε'),
    ('ϑ', 'θ'),
    ('ϰ', 'κ'),
    ('ϖ', 'π'),
    ('ϱ', 'ρ'),
    ('ς', 'σ'),
    ('ϕ', 'φ'),
    ('Ԩ', 'Ԩ'),
    ('Ԫ', 'Ԫ'),
    ('Ԭ', 'Ԭ'),
    ('Ԯ', 'Ԯ'),
];

/// One character folded, as none, one or more characters.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    if ('\u{300}'..='\u{36F}').contains(&c) {
        return;
    }
    if let Some(&(_, folded)) = AS_THE_INDEX.iter().find(|(from, _)| *from == c) {
        push(folded);
        return;
    }
    for lower in c.to_lowercase() {
        let (mut base, mut marks_only) = (None, true);
        decompose_canonical(lower, |d| match base {
            None => base = Some(d),
            Some(_) => marks_only &= is_combining_mark(d),
        });
        match base {
            Some(b) if b != lower && b.is_ascii_alphabetic() && marks_only => push(b),
            _ => push(lower),
        }
    }
}

/// `text` folded, with the place in `text` (in characters) each folded
/// character came from.
fn fold_with_places(text: &str) -> (Vec<char>, Vec<usize>) {
    let (mut folded, mut from) = (Vec::new(), Vec::new());
    for (i, c) in text.chars().enumerate() {
        fold_char(c, |f| {
            folded.push(f);
            from.push(i);
        });
    }
    (folded, from)
}

/// Whether `word`, folded, is in `text`, folded: how a promise is found by
/// a word of it, and a word in a script without spaces in a result.
pub fn holds(text: &str, word: &str) -> bool {
    fold(text).contains(&fold(word))
}

/// The index query for `typed` (its first [`MAX_QUERY_LEN`] characters):
/// each word as a quoted prefix, all of them required; a word in a script
/// without spaces as a piece to find anywhere. A search with no letters or
/// digits is refused in one sentence.
pub fn query(typed: &str) -> Result<SearchQuery> {
    let typed_words: Vec<&str> = capped(typed)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if typed_words.is_empty() {
        return Err(Error::Input(if typed.trim().is_empty() {
            "Search for a word or two, like `smallwins search walk`.".to_string()
        } else {
            format!(
                "“{}” has no letters or digits to search for; try a word, like `smallwins search walk`.",
                validate::echo(typed.trim())
            )
        }));
    }
    let mut query = SearchQuery::default();
    let mut words = Vec::new();
    for word in typed_words {
        if word.chars().any(spaceless) {
            let folded = fold(word);
            if folded.chars().count() >= TRIGRAM {
                query.substrings.push(folded);
            } else {
                query.short.push(folded);
            }
        } else {
            words.push(format!("\"{}\"*", fold(word).replace('"', "\"\"")));
        }
    }
    query.words = (!words.is_empty()).then(|| words.join(" "));
    Ok(query)
}

/// `hit` with the places of `query`'s pieces to find anywhere added to its
/// highlights; a hit found by those pieces alone (its snippet is the whole
/// text) is cut to the words around the first.
pub fn place_pieces(hit: &mut SearchHit, query: &SearchQuery) {
    let pieces: Vec<&String> = query.substrings.iter().chain(&query.short).collect();
    if pieces.is_empty() {
        return;
    }
    let (folded, from) = fold_with_places(&hit.snippet);
    let mut places = hit.highlights.clone();
    for piece in pieces {
        let piece: Vec<char> = piece.chars().collect();
        if piece.is_empty() || piece.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - piece.len() {
            if folded[start..start + piece.len()] == piece[..] {
                places.push((from[start], from[start + piece.len() - 1] + 1));
            }
        }
    }
    hit.highlights = merged(places);
    if query.words.is_none() {
        cut_around_first(hit);
    }
}

/// Places sorted, overlapping and touching ones made one.
fn merged(mut places: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    places.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(places.len());
    for (start, end) in places {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// A long snippet cut to [`SNIPPET_CHARS`] characters from a little before
/// its first highlight, with "…" where it was cut.
fn cut_around_first(hit: &mut SearchHit) {
    let chars: Vec<char> = hit.snippet.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return;
    }
    let first = hit.highlights.first().map_or(0, |h| h.0);
    let start = first
        .saturating_sub(CONTEXT_BEFORE)
        .min(chars.len() - SNIPPET_CHARS);
    let end = start + SNIPPET_CHARS;
    let lead = usize::from(start > 0);
    let mut snippet = String::new();
    if start > 0 {
        snippet.push('…');
    }
    snippet.extend(&chars[start..end]);
    if end < chars.len() {
        snippet.push('…');
    }
    hit.snippet = snippet;
    hit.highlights = (hit.highlights.iter())
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start + lead, e - start + lead))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(typed: &str) -> Option<String> {
        query(typed).ok().and_then(|q| q.words)
    }

    #[test]
    fn every_word_is_a_quoted_prefix() {
        assert_eq!(words("walk").as_deref(), Some("\"walk\"*"));
        assert_eq!(
            words("  called   Mum ").as_deref(),
            Some("\"called\"* \"mum\"*")
        );
        assert_eq!(
            words("say \"hi\" OR NOT").as_deref(),
            Some("\"say\"* \"\"\"hi\"\"\"* \"or\"* \"not\"*")
        );
        assert_eq!(words("a -- b").as_deref(), Some("\"a\"* \"b\"*"));
    }

    #[test]
    fn only_the_first_characters_count() {
        let long = format!("walk{}zebra", " ".repeat(MAX_QUERY_LEN));
        assert_eq!(words(&long).as_deref(), Some("\"walk\"*"));
        assert_eq!(capped("héllo"), "héllo");
        assert_eq!(capped(&"é".repeat(300)).chars().count(), MAX_QUERY_LEN);
    }

    #[test]
    fn nothing_to_search_for_is_refused() {
        assert!(query("").is_err());
        assert!(query("  ?! ").is_err());
    }

    #[test]
    fn words_without_spaces_are_pieces_to_find_anywhere() {
        let q = query("勉強 日本語を tea").expect("query");
        assert_eq!(q.words.as_deref(), Some("\"tea\"*"));
        assert_eq!(q.substrings, ["日本語を"]);
        assert_eq!(q.short, ["勉強"]);
        let q = query("공부").expect("query");
        assert_eq!((q.words, q.short), (None, vec!["공부".to_string()]));
    }

    #[test]
    fn folding_takes_case_and_accents_off_latin_letters_only() {
        assert_eq!(fold("Méditer À LA Çà"), "mediter a la ca");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("Øre straße"), "øre straße");
        assert_eq!(fold("がんばった"), "がんばった");
        assert!(holds("Méditer 10 minutes", "MEDITER"));
        assert!(!holds("Meditation", "médite "));
    }

    fn hit(snippet: &str) -> SearchHit {
        SearchHit {
            kind: crate::model::SearchKind::Win,
            record_id: "w".into(),
            key: None,
            day: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day"),
            promise: None,
            promise_id: None,
            snippet: snippet.into(),
            highlights: Vec::new(),
        }
    }

    #[test]
    fn pieces_are_placed_in_characters_and_a_long_text_is_cut_around_the_first() {
        let mut h = hit("今日は日本語を少し勉強した。勉強は楽しい");
        place_pieces(&mut h, &query("勉強").expect("query"));
        assert_eq!(h.highlights, [(9, 11), (14, 16)]);
        let long = format!("{}勉強{}", "あ".repeat(200), "い".repeat(200));
        let mut h = hit(&long);
        place_pieces(&mut h, &query("勉強").expect("query"));
        assert_eq!(h.snippet.chars().count(), SNIPPET_CHARS + 2);
        assert!(h.snippet.starts_with('…') && h.snippet.ends_with('…'));
        let (s, e) = h.highlights[0];
        let picked: String = h.snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(picked, "勉強");
    }
}
