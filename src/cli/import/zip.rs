//! Just enough of the zip format to read Loop Habit Tracker's export:
//! the central directory, stored and deflated files, checked by CRC-32.
//! No zip64, no encryption (Loop writes neither). Every size is bounded,
//! so a hostile file cannot make it use much memory.

use std::collections::BTreeMap;

/// The most one file of the archive may unpack to (as a file of an import
/// folder may hold), and all of them together.
const MAX_FILE: usize = crate::files::MEMBER_CAP as usize;
const MAX_TOTAL: usize = 256 << 20;

/// Whether `bytes` start like a zip file.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Every file in the archive by its name, or why it could not be read (a
/// phrase that follows "the zip").
pub fn files(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let end = find_end(bytes).ok_or("has no table of contents (is it cut short?)")?;
    let entries = u16_at(bytes, end + 10).ok_or("is cut short")? as usize;
    let mut at = u32_at(bytes, end + 16).ok_or("is cut short")? as usize;
    let mut out = BTreeMap::new();
    let mut total = 0usize;
    for _ in 0..entries {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            return Err("has a damaged table of contents".into());
        }
        let field = |offset: usize| u32_at(bytes, at + offset).map(|v| v as usize);
        let short = |offset: usize| u16_at(bytes, at + offset).map(usize::from);
        let bad = || "is cut short".to_string();
        let method = short(10).ok_or_else(bad)?;
        let crc = u32_at(bytes, at + 16).ok_or_else(bad)?;
        let packed = field(20).ok_or_else(bad)?;
        let size = field(24).ok_or_else(bad)?;
        let (name_len, extra_len, comment_len) = (
            short(28).ok_or_else(bad)?,
            short(30).ok_or_else(bad)?,
            short(32).ok_or_else(bad)?,
        );
        let local = field(42).ok_or_else(bad)?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(bad)?;
        let name = String::from_utf8_lossy(name).replace('\\', "/");
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if size > MAX_FILE || total + size > MAX_TOTAL {
            return Err("holds more than an export of a habit tracker would".into());
        }
        let data = file_data(bytes, local, packed).ok_or_else(bad)?;
        let data = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_FILE)
                .map_err(|_| format!("has a damaged file ({name})"))?,
            _ => return Err(format!("packs {name} in a way this reader does not know")),
        };
        if crc32(&data) != crc || data.len() != size {
            return Err(format!("has a damaged file ({name})"));
        }
        total += data.len();
        out.insert(name, data);
    }
    Ok(out)
}

/// The packed bytes of the file whose local header is at `local`.
fn file_data(bytes: &[u8], local: usize, packed: usize) -> Option<&[u8]> {
    if u32_at(bytes, local)? != 0x0403_4b50 {
        return None;
    }
    let name_len = usize::from(u16_at(bytes, local + 26)?);
    let extra_len = usize::from(u16_at(bytes, local + 28)?);
    let start = local + 30 + name_len + extra_len;
    bytes.get(start..start.checked_add(packed)?)
}

/// Where the end-of-directory record starts: within the last 64 KiB.
fn find_end(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(0xffff);
    (first..=last)
        .rev()
        .find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at + 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// CRC-32 (IEEE), as zip files use it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn junk_is_refused_in_words() {
        assert!(files(b"PK\x03\x04 not really").is_err());
        assert!(!is_zip(b"Position,Name"));
    }
}
