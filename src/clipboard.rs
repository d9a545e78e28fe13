//! The clipboard without a mouse: the OSC 52 escape sequence, which asks
//! the terminal itself to put text on the clipboard. It works over SSH,
//! and inside tmux when tmux is set to pass it on (`set -g set-clipboard
//! on`; tmux then keeps it as a paste buffer too). A terminal that does not
//! know the sequence ignores it.
//!
//! Only the sequence is made here; the command line writes it to the
//! controlling terminal, the full-screen journal through its own output.
//!
//! Pure functions (and one look at the environment); uses nothing of ours.

/// The sequence that puts `text` on the terminal's clipboard: `ESC ] 52 ;
/// c ; BASE64 BEL`. The text travels as base64, so nothing in it can act
/// on the terminal.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Whether this runs inside tmux, which passes the sequence on only with
/// `set-clipboard on` (worth saying when a copy is reported).
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// The sentence that tells a person inside tmux what the copy needs.
pub const TMUX_NOTE: &str = "in tmux it needs `set -g set-clipboard on`";

/// Standard base64 (RFC 4648) with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(base64("✓ kept".as_bytes()), "4pyTIGtlcHQ=");
    }

    #[test]
    fn the_sequence_carries_the_text_as_base64_only() {
        let seq = osc52("hi\x1b[2J");
        assert_eq!(seq, "\x1b]52;c;aGkbWzJK\x07");
        assert_eq!(seq.matches('\x1b').count(), 1);
    }
}
