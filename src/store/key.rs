//! What unlocks a journal file: nothing (a plain journal) or a passphrase.
//!
//! An encrypted journal is an SQLCipher 4 file with its default settings:
//! its first 16 bytes are a random salt, and its key is PBKDF2-HMAC-SHA512
//! of the passphrase and that salt, 256,000 rounds. This module derives
//! that key itself, once per salt and process, and hands SQLCipher the raw
//! key, so opening the journal a second time in one process (a backup, a
//! check) costs nothing more; the file stays one that the `sqlcipher` shell
//! opens with `PRAGMA key = 'the passphrase'`. A copy of an encrypted
//! journal is made with the same key and salt, so the same passphrase opens
//! it and no second derivation is paid.
//!
//! The passphrase and every key and statement made from it are wiped from
//! memory when dropped (`zeroize`); `Debug` never shows them.
//!
//! May use: nothing of ours.

use std::fmt;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension};
use zeroize::Zeroizing;

/// PBKDF2 rounds: SQLCipher 4's default (`cipher_kdf_iter`).
const KDF_ROUNDS: usize = 256_000;
/// Bytes of salt at the start of an SQLCipher file.
pub(super) const SALT_LEN: usize = 16;

pub(super) type Salt = [u8; SALT_LEN];

/// What unlocks a journal file. [`connect`](super::connect) is the one
/// place that applies it, so every open (commands, the full-screen
/// journal, backups, restore, check) gets it. A plain file is opened plain
/// whatever key is given; a new copy is encrypted when the key is a
/// passphrase.
#[derive(Clone, Default)]
pub enum Key {
    /// Not encrypted.
    #[default]
    Plain,
    /// Encrypted with a passphrase.
    Passphrase(Arc<Passphrase>),
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Plain => f.write_str("Key::Plain"),
            Key::Passphrase(_) => f.write_str("Key::Passphrase(…)"),
        }
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Plain, Key::Plain) => true,
            (Key::Passphrase(a), Key::Passphrase(b)) => a.secret == b.secret,
            _ => false,
        }
    }
}

impl Key {
    /// A key from a passphrase (its bytes as typed, UTF-8).
    pub fn passphrase(secret: Zeroizing<String>) -> Key {
        Key::Passphrase(Arc::new(Passphrase {
            secret: Zeroizing::new(secret.as_bytes().to_vec()),
            derived: Mutex::new(Vec::new()),
        }))
    }

    /// The passphrase itself (for the system keyring).
    pub fn secret(&self) -> Option<Zeroizing<String>> {
        match self {
            Key::Plain => None,
            Key::Passphrase(p) => Some(Zeroizing::new(
                String::from_utf8_lossy(&p.secret).into_owned(),
            )),
        }
    }

    pub fn is_plain(&self) -> bool {
        matches!(self, Key::Plain)
    }

    /// Unlocks the file behind `conn`, whose salt is `salt` (an existing
    /// encrypted file) or none (a new file, encrypted when this is a
    /// passphrase), before anything reads it.
    pub(super) fn apply(&self, conn: &Connection, salt: Option<&Salt>) -> rusqlite::Result<()> {
        match self.raw(salt, true) {
            Some(raw) => {
                // SQLCipher would log a wrong key's failed page check on
                // stderr; the person gets one sentence instead.
                conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
                    .optional()?;
                let sql = Zeroizing::new(format!("PRAGMA key = \"{}\"", raw.as_str()));
                conn.execute_batch(&sql)
            }
            None => Ok(()),
        }
    }

    /// The raw key SQLCipher takes, `x'…'`, for the file with `salt` (none:
    /// a new file, which gets the salt after the key when `with_salt`);
    /// `None` for a plain key.
    pub(super) fn raw(&self, salt: Option<&Salt>, with_salt: bool) -> Option<Zeroizing<String>> {
        let Key::Passphrase(p) = self else {
            return None;
        };
        let (salt, key) = match salt {
            Some(salt) => (*salt, p.derive(salt)),
            None => p.home(),
        };
        let mut raw = Zeroizing::new(String::with_capacity(2 * (32 + SALT_LEN) + 3));
        raw.push_str("x'");
        push_hex(&mut raw, &key[..]);
        if with_salt {
            // A new file takes this salt; an existing one is given its own.
            push_hex(&mut raw, &salt);
        }
        raw.push('\'');
        Some(raw)
    }

    /// The key for `ATTACH … KEY ?`: the raw key, or empty for plain.
    pub(super) fn attach_key(&self, salt: Option<&Salt>) -> Zeroizing<String> {
        self.raw(salt, true).unwrap_or_default()
    }
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// A passphrase and the keys derived from it in this process, by salt.
pub struct Passphrase {
    secret: Zeroizing<Vec<u8>>,
    derived: Mutex<Vec<(Salt, Zeroizing<[u8; 32]>)>>,
}

impl Passphrase {
    /// The key for `salt`, derived once per process.
    fn derive(&self, salt: &Salt) -> Zeroizing<[u8; 32]> {
        let mut derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, key)) = derived.iter().find(|(s, _)| s == salt) {
            return key.clone();
        }
        let key = pbkdf2(&self.secret, salt);
        derived.push((*salt, key.clone()));
        key
    }

    /// The salt and key a new file gets: those of the first file this
    /// passphrase opened (so a copy opens with the same derivation), or a
    /// new random salt.
    fn home(&self) -> (Salt, Zeroizing<[u8; 32]>) {
        let first = {
            let derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
            derived.first().map(|(s, k)| (*s, k.clone()))
        };
        if let Some(found) = first {
            return found;
        }
        let mut salt = [0u8; SALT_LEN];
        super::entropy::use_os_random();
        if openssl::rand::rand_bytes(&mut salt).is_err() {
            // The kernel's generator (`entropy.rs`) always answers on the
            // platforms smallwins runs on; this is never reached in
            // practice, and a fixed salt would still keep the file secret.
            salt = *b"smallwins-salt-!";
        }
        let key = self.derive(&salt);
        (salt, key)
    }
}

/// PBKDF2-HMAC-SHA512, as SQLCipher 4 derives its key.
fn pbkdf2(secret: &[u8], salt: &Salt) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    // Fails only if OpenSSL cannot allocate; the key stays zero, and the
    // file then simply does not open ("wrong passphrase").
    openssl::pkcs5::pbkdf2_hmac(
        secret,
        salt,
        KDF_ROUNDS,
        openssl::hash::MessageDigest::sha512(),
        &mut key[..],
    )
    .ok();
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_passphrase() {
        let key = Key::passphrase(Zeroizing::new("correct horse".into()));
        assert_eq!(format!("{key:?}"), "Key::Passphrase(…)");
    }

    #[test]
    fn a_file_keyed_here_opens_with_its_passphrase_as_sqlcipher_derives_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.db");
        let key = Key::passphrase(Zeroizing::new("correct horse".into()));
        let conn = Connection::open(&path).expect("open");
        key.apply(&conn, None).expect("key");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('hello');")
            .expect("write");
        drop(conn);
        let bytes = std::fs::read(&path).expect("read");
        assert!(!bytes.starts_with(b"SQLite format 3"));
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA key = 'correct horse'")
            .expect("key");
        let x: String = conn
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .expect("read with SQLCipher's own derivation");
        assert_eq!(x, "hello");
    }

    #[test]
    fn the_key_is_derived_once_per_salt() {
        let Key::Passphrase(p) = Key::passphrase(Zeroizing::new("pw".into())) else {
            unreachable!()
        };
        let salt = [7u8; SALT_LEN];
        assert_eq!(*p.derive(&salt), *p.derive(&salt));
        assert_eq!(p.derived.lock().expect("lock").len(), 1);
        assert_eq!(p.home().0, salt);
    }
}
