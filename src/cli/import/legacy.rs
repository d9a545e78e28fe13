//! Records imported by an earlier build, before import ids were uuid v5
//! by place in the source ([`super::import_id`]). Until then the readers
//! of jrnl, harsh, dijo and Loop made each id from what the file said
//! ([`earlier_id`]): a habit from its format and name (Loop: its key), a
//! jrnl win from its minute, title and body. A journal imported then holds
//! those ids, so a reader asks for each habit ([`promise_id`]), and each
//! short jrnl entry ([`EarlierWins`]), whether the journal holds it under
//! the earlier id; then the record keeps that id, and so does everything
//! derived from it (a promise's target and checks, whose ids come from the
//! promise's id and their day). Nothing new is ever given an earlier id.

use std::collections::HashSet;

use super::Result;
use crate::domain::Held;

/// The id an earlier build's reader gave a record: FNV-1a (128 bits) over
/// `format` and `parts`, each followed by a zero byte, as a UUID version 8.
/// Only for recognising what those imports wrote; never change it.
pub fn earlier_id(format: &str, parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in std::iter::once(format).chain(parts.iter().copied()) {
        for b in part.bytes().chain([0u8]) {
            hash = (hash ^ u128::from(b)).wrapping_mul(PRIME);
        }
    }
    uuid::Builder::from_bytes(hash.to_be_bytes())
        .with_variant(uuid::Variant::RFC4122)
        .with_version(uuid::Version::Custom)
        .into_uuid()
        .to_string()
}

/// The id a habit read now goes in under: `id` (today's), or `earlier`
/// when the journal holds the promise under that id and not under `id`.
/// One look-up when the journal has no promise under `earlier` (every
/// import but the first since an earlier build's), two otherwise.
pub fn promise_id(held: &Held<'_>, id: String, earlier: String) -> Result<String> {
    if held.promise(&earlier)? && !held.promise(&id)? {
        return Ok(earlier);
    }
    Ok(id)
}

/// The earlier ids of jrnl wins this import has given out.
#[derive(Default)]
pub struct EarlierWins {
    given: HashSet<u128>,
}

impl EarlierWins {
    /// The id a jrnl entry read now goes in under: `earlier` when the
    /// journal holds a win under it that no entry of this import has
    /// taken, otherwise `id` (today's, by place). An earlier id names the
    /// entry's words, so it wins over a place another entry of the minute
    /// may hold since entries were added before it; and it is given once,
    /// so a second identical entry comes in as a win of its own. One
    /// look-up.
    pub fn win_id(&mut self, held: &Held<'_>, id: String, earlier: String) -> Result<String> {
        let bits = uuid::Uuid::parse_str(&earlier).map_or(0, |u| u.as_u128());
        if !self.given.contains(&bits) && held.win(&earlier)? {
            self.given.insert(bits);
            return Ok(earlier);
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_ids_are_as_the_earlier_build_made_them() {
        // Worked out apart: FNV-1a 128 in Python, version 8 bits set.
        assert_eq!(
            earlier_id("harsh", &["habit", "Stretch"]),
            "ade7e564-ab7e-854b-b20e-3600b39e35b8"
        );
        assert_eq!(
            earlier_id(
                "jrnl",
                &[
                    "win",
                    "2026-11-18 07:30:00",
                    "Easy 5k with @Sam.",
                    "Legs fine. #run"
                ]
            ),
            "04486a72-b2d3-8cbc-9f73-5c0d4aadf10a"
        );
        assert_ne!(
            earlier_id("harsh", &["habit", "Stretch"]),
            earlier_id("harsh", &["habitS", "tretch"])
        );
    }
}
