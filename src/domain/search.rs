//! Search: what a person types becomes a query for the journal's full-text
//! index (see `store/search.rs`).
//!
//! Every word must be found, in any order; each word also finds words
//! that start with it and other forms of it ("walk" finds "walked" and
//! "walking"). Quotes, stars and the index's own operators (AND, OR, NOT,
//! NEAR) are taken as plain words, so nothing typed can make the query
//! fail.
//!
//! May use: `model` and the rest of `domain`.

use super::{Error, Result, validate};

/// The most results a search lists.
pub const MAX_RESULTS: usize = 200;

/// The most characters of a search that count: what the full-screen
/// journal's search box holds. Past it, a search is cut without a word,
/// as the box stops taking keys.
pub const MAX_QUERY_LEN: usize = validate::PROMISE.max;

/// `typed` cut to [`MAX_QUERY_LEN`] characters.
pub fn capped(typed: &str) -> &str {
    match typed.char_indices().nth(MAX_QUERY_LEN) {
        Some((end, _)) => &typed[..end],
        None => typed,
    }
}

/// The index query for `typed` (its first [`MAX_QUERY_LEN`] characters):
/// each word as a quoted prefix, all of them required. A search with no
/// letters or digits is refused in one sentence.
pub fn query(typed: &str) -> Result<String> {
    let words: Vec<String> = capped(typed)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return Err(Error::Input(if typed.trim().is_empty() {
            "Search for a word or two, like `smallwins search walk`.".to_string()
        } else {
            format!(
                "“{}” has no letters or digits to search for; try a word, like `smallwins search walk`.",
                validate::echo(typed.trim())
            )
        }));
    }
    Ok(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_a_quoted_prefix() {
        assert_eq!(query("walk").ok().as_deref(), Some("\"walk\"*"));
        assert_eq!(
            query("  called   Mum ").ok().as_deref(),
            Some("\"called\"* \"Mum\"*")
        );
        assert_eq!(
            query("say \"hi\" OR NOT").ok().as_deref(),
            Some("\"say\"* \"\"\"hi\"\"\"* \"OR\"* \"NOT\"*")
        );
        assert_eq!(query("a -- b").ok().as_deref(), Some("\"a\"* \"b\"*"));
    }

    #[test]
    fn only_the_first_characters_count() {
        let long = format!("walk{}zebra", " ".repeat(MAX_QUERY_LEN));
        assert_eq!(query(&long).ok().as_deref(), Some("\"walk\"*"));
        assert_eq!(capped("héllo"), "héllo");
        assert_eq!(capped(&"é".repeat(300)).chars().count(), MAX_QUERY_LEN);
    }

    #[test]
    fn nothing_to_search_for_is_refused() {
        assert!(query("").is_err());
        assert!(query("  ?! ").is_err());
    }
}
