//! Short ids for wins, so the shell can name one (`smallwins win delete
//! 3fa9c1`) without its 36-character UUID.
//!
//! A win's short id is the start of a fixed hash of its full id (FNV-1a,
//! 64 bits, as 16 hex digits): six digits, more only where two wins of the
//! journal share the first six. It depends on the id alone, so it never
//! changes when other wins are added, edited or deleted (a new win can only
//! make an old six-digit id ambiguous, which one more digit settles). The
//! ids of our own wins are time-ordered UUIDs whose first digits are shared
//! by every win of a day, which is why they are hashed rather than cut.
//!
//! May use: `model` (where the key is made, so the store can keep it).

use std::collections::HashMap;

/// Digits a short id has at least.
pub const SHORT_ID_LEN: usize = 6;
/// The fewest digits a person may type to name a win.
pub const MIN_TYPED_LEN: usize = 4;

/// The 16 hex digits every short id of `id` starts from.
pub fn hash_key(id: &str) -> String {
    crate::model::win_key(id)
}

pub use crate::model::fnv1a64;

/// How many digits of `key` make its short id, given the keys just before
/// and after it in sorted order (other wins' keys): [`SHORT_ID_LEN`], or
/// one more than it shares with either neighbour.
pub fn short_len(key: &str, before: Option<&str>, after: Option<&str>) -> usize {
    let shared = |other: Option<&str>| {
        other.map_or(0, |o| {
            key.chars()
                .zip(o.chars())
                .take_while(|(x, y)| x == y)
                .count()
        })
    };
    (shared(before).max(shared(after)) + 1).clamp(SHORT_ID_LEN, key.len())
}

/// The short id of each of `ids` (every win in the journal): the first
/// [`SHORT_ID_LEN`] digits of its key, or as many more as it takes to tell
/// it from every other.
pub fn short_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let mut keys: Vec<(String, &str)> = ids.into_iter().map(|id| (hash_key(id), id)).collect();
    keys.sort();
    let mut out = HashMap::with_capacity(keys.len());
    for (i, (key, id)) in keys.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| keys[j].0.as_str());
        let after = keys.get(i + 1).map(|(next, _)| next.as_str());
        let len = short_len(key, before, after);
        out.insert((*id).to_string(), key[..len].to_string());
    }
    out
}

/// Whether `typed` names the win with this `id`: its full id, or the start
/// of its key (at least [`MIN_TYPED_LEN`] digits, any case).
pub fn names(typed: &str, id: &str) -> bool {
    let typed = typed.trim();
    if typed == id {
        return true;
    }
    typed.len() >= MIN_TYPED_LEN
        && typed.chars().all(|c| c.is_ascii_hexdigit())
        && hash_key(id).starts_with(&typed.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fixed() {
        // The published FNV-1a test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_key("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn short_ids_are_six_digits_unless_two_share_them() {
        let ids: Vec<String> = (0..3000).map(|n| format!("win-{n}")).collect();
        let short = short_ids(ids.iter().map(String::as_str));
        assert_eq!(short.len(), ids.len());
        let mut seen = std::collections::HashSet::new();
        for id in &ids {
            let s = &short[id];
            assert!(s.len() >= SHORT_ID_LEN, "{s}");
            assert!(seen.insert(s.clone()), "{s} twice");
            assert!(names(s, id));
            assert!(hash_key(id).starts_with(s.as_str()));
        }
        // A lone win keeps its six digits whatever else is added later.
        let alone = short_ids(["win-7"]);
        assert_eq!(alone["win-7"], hash_key("win-7")[..6]);
    }

    #[test]
    fn a_win_is_named_by_its_full_id_or_four_digits_of_its_key() {
        let key = hash_key("0192abcd-0000-7000-8000-000000000000");
        let id = "0192abcd-0000-7000-8000-000000000000";
        assert!(names(id, id));
        assert!(names(&key[..4], id));
        assert!(names(&key[..8].to_uppercase(), id));
        assert!(!names(&key[..3], id));
        assert!(!names("zzzz", id));
    }
}
