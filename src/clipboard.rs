//! The clipboard without a mouse: the OSC 52 escape sequence, which asks
//! the terminal itself to put text on the clipboard. It works over SSH,
//! and inside tmux when tmux is set to pass it on (`set -g set-clipboard
//! on`; tmux then keeps it as a paste buffer too). A terminal that does not
//! know the sequence ignores it.
//!
//! Only the sequence is made here; the command line writes it to the
//! controlling terminal, the full-screen journal through its own output.
//!
//! The sequence is crossterm's own (`crossterm::clipboard`, feature
//! `osc52`). Pure functions (and one look at the environment); uses
//! nothing of ours.

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;

/// The sequence that puts `text` on the terminal's clipboard, as
/// crossterm writes it (`CopyToClipboard`): `ESC ] 52 ; c ; BASE64 ESC \`.
/// The text travels as base64, so nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    match CopyToClipboard::to_clipboard_from(text).write_ansi(&mut out) {
        Ok(()) => out,
        Err(_) => String::new(),
    }
}

/// Whether this runs inside tmux, which passes the sequence on only with
/// `set-clipboard on` (worth saying when a copy is reported).
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// The sentence that tells a person inside tmux what the copy needs.
pub const TMUX_NOTE: &str = "in tmux it needs `set -g set-clipboard on`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_crossterms_own_and_carries_the_text_as_base64_only() {
        let seq = osc52("hi\x1b[2J");
        assert_eq!(seq, "\x1b]52;c;aGkbWzJK\x1b\\");
        let payload = &seq["\x1b]52;c;".len()..seq.len() - 2];
        assert!(
            (payload.chars()).all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
            "{payload}"
        );
        assert_eq!(osc52("✓ kept"), "\x1b]52;c;4pyTIGtlcHQ=\x1b\\");
    }
}
