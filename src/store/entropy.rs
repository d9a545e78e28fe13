//! Where the process's random bytes come from: the operating system.
//!
//! SQLCipher draws random bytes from OpenSSL as SQLite starts, in every
//! process, plain journals too (a seed for its memory scrambling, a mask
//! for keys held in memory). OpenSSL 3's own generator is built on first
//! use by looking its algorithms up through its provider machinery, which
//! was 36% of a whole `smallwins status` (4.6 of 12.8 million
//! instructions). [`use_os_random`] hands OpenSSL a generator that reads
//! the kernel's (`getrandom`, through the `getrandom` crate) before SQLite
//! starts, so that look-up never happens. Every random byte SQLCipher and
//! OpenSSL use afterwards (an encrypted journal's salts and each page's
//! IV, the key file's salt) comes from the kernel directly: the source
//! OpenSSL's generator seeds itself from, with nothing in between.
//!
//! Nothing depends on it for correctness: before it runs, or if OpenSSL
//! refuses it, OpenSSL's own generator serves, only slower to start.
//!
//! May use: nothing else in the crate.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_uchar, c_void};
use std::sync::Once;

/// OpenSSL's `RAND_METHOD` (openssl/rand.h), a table of functions that
/// has kept this layout since OpenSSL 1.1 and still does in 3.x.
#[repr(C)]
struct RandMethod {
    seed: Option<unsafe extern "C" fn(*const c_void, c_int) -> c_int>,
    bytes: Option<unsafe extern "C" fn(*mut c_uchar, c_int) -> c_int>,
    cleanup: Option<unsafe extern "C" fn()>,
    add: Option<unsafe extern "C" fn(*const c_void, c_int, f64) -> c_int>,
    pseudorand: Option<unsafe extern "C" fn(*mut c_uchar, c_int) -> c_int>,
    status: Option<unsafe extern "C" fn() -> c_int>,
}

unsafe extern "C" {
    /// In the vendored OpenSSL that `openssl-sys` links (deprecated in 3.0,
    /// still built and honoured by `RAND_bytes`).
    fn RAND_set_rand_method(meth: *const RandMethod) -> c_int;
}

/// Fills `buf` from the kernel: 1 when it did, 0 when it could not (which
/// OpenSSL and SQLCipher treat as a failed draw, never as success).
unsafe extern "C" fn os_bytes(buf: *mut c_uchar, num: c_int) -> c_int {
    let Ok(len) = usize::try_from(num) else {
        return 0;
    };
    if len == 0 {
        return 1;
    }
    if buf.is_null() {
        return 0;
    }
    // SAFETY: OpenSSL hands a buffer of `num` writable bytes.
    let out = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), len) };
    c_int::from(getrandom::fill(out).is_ok())
}

/// Seeding from outside: the kernel's generator needs none.
unsafe extern "C" fn os_seed(_buf: *const c_void, _num: c_int) -> c_int {
    1
}

unsafe extern "C" fn os_add(_buf: *const c_void, _num: c_int, _entropy: f64) -> c_int {
    1
}

/// Always ready: `getrandom` blocks only until the kernel's pool is first
/// seeded at boot.
unsafe extern "C" fn os_status() -> c_int {
    1
}

static OS_RANDOM: RandMethod = RandMethod {
    seed: Some(os_seed),
    bytes: Some(os_bytes),
    cleanup: None,
    add: Some(os_add),
    pseudorand: Some(os_bytes),
    status: Some(os_status),
};

/// Makes OpenSSL (and so SQLCipher) draw from the kernel, once per
/// process; called before anything opens SQLite.
pub(super) fn use_os_random() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: a static table of functions that never unwind; OpenSSL
        // keeps the pointer for the life of the process.
        unsafe {
            RAND_set_rand_method(&OS_RANDOM);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_draws_from_the_kernel_and_sqlcipher_starts_on_it() {
        use_os_random();
        let mut a = [0u8; 64];
        let mut b = [0u8; 64];
        openssl::rand::rand_bytes(&mut a).expect("draw");
        openssl::rand::rand_bytes(&mut b).expect("draw");
        assert_ne!(a, [0u8; 64]);
        assert_ne!(a, b);
        // SAFETY: a buffer of 0 and of -1 bytes: nothing is written.
        assert_eq!(unsafe { os_bytes(a.as_mut_ptr(), 0) }, 1);
        assert_eq!(unsafe { os_bytes(a.as_mut_ptr(), -1) }, 0);
        assert_eq!(unsafe { os_bytes(std::ptr::null_mut(), 8) }, 0);
        // SQLCipher encrypts pages with IVs drawn from it, and reads them
        // back with the key and only with it.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sealed.db");
        let open = |key: &str| {
            let conn = rusqlite::Connection::open(&path).expect("open");
            conn.pragma_update(None, "key", key).expect("key");
            conn
        };
        open("right")
            .execute_batch("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept a promise');")
            .expect("write");
        let read =
            |key: &str| open(key).query_row("SELECT x FROM t", [], |r| r.get::<_, String>(0));
        assert_eq!(read("right").expect("read"), "kept a promise");
        assert!(read("wrong").is_err());
        let raw = std::fs::read(&path).expect("file");
        assert!(
            !raw.windows(4).any(|w| w == b"kept"),
            "the file is encrypted"
        );
    }
}
