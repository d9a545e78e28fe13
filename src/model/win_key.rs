//! A win's key: a fixed hash of its id, from which the shell's short ids
//! are cut (see `domain::short_id`). The store keeps it beside each win,
//! indexed, so a win's short id is found from its two neighbours in key
//! order rather than from every win of the journal.

/// The 16 hex digits of FNV-1a (64 bits) over `id`: every short id of the
/// win starts with them.
pub fn win_key(id: &str) -> String {
    format!("{:016x}", fnv1a64(id.as_bytes()))
}

/// FNV-1a, 64 bits: fixed across builds and platforms, unlike std's
/// hasher.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(PRIME))
}
