//! The sync folder's encryption: a key derived from the passphrase with
//! Argon2id, and every file sealed with XChaCha20-Poly1305, so whoever
//! hosts the folder learns nothing but how many files there are, their
//! sizes and times, and how many machines write them.
//!
//! The folder's key file (`journal.key`, JSON) holds what is not secret:
//! which journal this is, the salt and the Argon2id parameters, and a check
//! value sealed with the key, so a wrong passphrase is told apart from a
//! damaged file.
//!
//! May use: nothing of ours.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, Generate, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

/// What the folder's key file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    /// The journal every machine in the folder shares.
    pub journal: String,
    pub kdf: Kdf,
    /// A known text sealed with the key (nonce first), as hex.
    pub check: String,
}

/// Argon2id's parameters and salt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
    /// As hex.
    pub salt: String,
}

pub const FORMAT: &str = "smallwins-sync";
const CHECK_TEXT: &[u8] = b"smallwins sync folder key check";

/// The parameters a new folder gets: OWASP's first recommendation for
/// Argon2id (19 MiB, two passes, one lane).
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;

/// Why a key could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// The passphrase is not the folder's.
    WrongPassphrase,
    /// The key file cannot be read as one.
    Damaged,
}

/// A new key file for `journal` with a fresh salt, and the key.
pub fn new_key_file(journal: &str, passphrase: &str) -> (KeyFile, Vec<u8>) {
    new_key_file_with(journal, passphrase, MEMORY_KIB, ITERATIONS)
}

/// [`new_key_file`] with Argon2id's memory (KiB) and passes given.
pub fn new_key_file_with(
    journal: &str,
    passphrase: &str,
    memory_kib: u32,
    iterations: u32,
) -> (KeyFile, Vec<u8>) {
    let salt = XNonce::generate();
    let kdf = Kdf {
        algorithm: "argon2id".into(),
        memory_kib,
        iterations,
        lanes: 1,
        salt: hex(&salt),
    };
    let key = derive(&kdf, passphrase).unwrap_or_default();
    let check = hex(&seal(&key, journal.as_bytes(), CHECK_TEXT));
    (
        KeyFile {
            format: FORMAT.into(),
            version: 1,
            journal: journal.into(),
            kdf,
            check,
        },
        key,
    )
}

/// The key `passphrase` gives for this key file, if it is the folder's.
pub fn unlock(file: &KeyFile, passphrase: &str) -> Result<Vec<u8>, KeyError> {
    if file.format != FORMAT || file.kdf.algorithm != "argon2id" {
        return Err(KeyError::Damaged);
    }
    let key = derive(&file.kdf, passphrase).ok_or(KeyError::Damaged)?;
    let check = unhex(&file.check).ok_or(KeyError::Damaged)?;
    match open(&key, file.journal.as_bytes(), &check) {
        Some(text) if text == CHECK_TEXT => Ok(key),
        Some(_) => Err(KeyError::Damaged),
        None if check.len() > 24 + 16 => Err(KeyError::WrongPassphrase),
        None => Err(KeyError::Damaged),
    }
}

fn derive(kdf: &Kdf, passphrase: &str) -> Option<Vec<u8>> {
    let salt = unhex(&kdf.salt)?;
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.lanes, Some(32)).ok()?;
    let mut key = vec![0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
        .ok()?;
    Some(key)
}

/// `text` sealed with `key`, bound to `context`: a fresh random nonce, then
/// the ciphertext with its tag.
pub fn seal(key: &[u8], context: &[u8], text: &[u8]) -> Vec<u8> {
    let Ok(cipher) = XChaCha20Poly1305::new_from_slice(key) else {
        return Vec::new();
    };
    let nonce = XNonce::generate();
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: text,
                aad: context,
            },
        )
        .unwrap_or_default();
    let mut out = nonce.to_vec();
    out.extend(sealed);
    out
}

/// What [`seal`] sealed, if `key` and `context` are the ones it was sealed
/// with and nothing changed since.
pub fn open(key: &[u8], context: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    let cipher = XChaCha20Poly1305::new_from_slice(key).ok()?;
    if sealed.len() < 24 {
        return None;
    }
    let (nonce, body) = sealed.split_at(24);
    let nonce = XNonce::try_from(nonce).ok()?;
    cipher
        .decrypt(
            &nonce,
            Payload {
                msg: body,
                aad: context,
            },
        )
        .ok()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_unlocks_and_a_wrong_one_is_told_apart_from_damage() {
        let (file, key) = new_key_file_with("j", "correct horse", 64, 1);
        assert_eq!(unlock(&file, "correct horse"), Ok(key));
        assert_eq!(
            unlock(&file, "battery staple"),
            Err(KeyError::WrongPassphrase)
        );
        let damaged = KeyFile {
            check: file.check[..20].to_string(),
            ..file.clone()
        };
        assert_eq!(unlock(&damaged, "correct horse"), Err(KeyError::Damaged));
    }

    #[test]
    fn a_sealed_text_opens_only_with_its_key_and_context_and_unchanged() {
        let key = vec![7u8; 32];
        let sealed = seal(&key, b"ctx", b"hello");
        assert_eq!(open(&key, b"ctx", &sealed).as_deref(), Some(&b"hello"[..]));
        assert_eq!(open(&key, b"other", &sealed), None);
        assert_eq!(open(&[8u8; 32], b"ctx", &sealed), None);
        let mut changed = sealed.clone();
        changed[30] ^= 1;
        assert_eq!(open(&key, b"ctx", &changed), None);
        assert_eq!(open(&key, b"ctx", &sealed[..sealed.len() - 1]), None);
    }
}
