//! Text that is safe to keep and safe to print.
//!
//! A person's words may arrive with terminal control sequences in them (a
//! paste from a log, a hostile import, `smallwins win $'\e]0;…\a'`). They are
//! made safe in two places, once each:
//!
//! - at input, [`clean_controls`] drops every control character except
//!   newline and tab (a carriage return becomes a newline), so what is saved
//!   is plain text;
//! - at every text output, [`printable`] shows any control character that is
//!   still there (from a journal written before this rule) in caret notation
//!   (`^[`), so no byte from a person's text can drive the terminal.
//!
//! Pure functions over strings; uses nothing else of ours.

use std::borrow::Cow;

/// Whether `c` is a control character that must never reach a terminal:
/// C0 controls other than newline and tab, DEL, and the C1 block.
pub fn is_unsafe_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Whether `text` holds any character [`is_unsafe_control`] refuses,
/// read byte by byte: in UTF-8 those are the bytes below 0x20 (but
/// newline and tab), DEL, and the C1 block, `C2 80`–`C2 9F`. Every output
/// is read through this first (an export of ten years is 8 MB), so it
/// reads 64 bytes at a time with no early exit inside (which the compiler
/// turns into vector instructions), and reads exactly only a block with a
/// suspect byte: one of those, or `C2`, which also starts U+00A0–U+00BF.
pub fn has_unsafe_control(text: &str) -> bool {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        let suspect = block.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2)
        });
        suspect && (n * BLOCK..n * BLOCK + block.len()).any(|i| unsafe_at(bytes, i))
    })
}

/// Whether a control [`is_unsafe_control`] refuses starts at `bytes[i]`.
fn unsafe_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' | b'\t' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        _ => false,
    }
}

/// Input rule: `\r\n` and a lone `\r` become `\n`; every other control
/// character (escape, bell, backspace, NUL, DEL, C1) is dropped. Everything
/// else — emoji, right-to-left text, combining marks — is kept as typed.
pub fn clean_controls(text: &str) -> Cow<'_, str> {
    if !has_unsafe_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_unsafe_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Output rule: any control character other than newline and tab is shown
/// in caret notation (`ESC` → `^[`, `BEL` → `^G`, DEL → `^?`); a C1 control
/// becomes `^` followed by its code in hex (`^9B`). Text without control
/// characters is returned as it is, without copying.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !has_unsafe_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe_control(c) {
            out.push(c);
            continue;
        }
        let code = c as u32;
        out.push('^');
        match code {
            0x00..=0x1f => out.push(char::from(b'@' + code as u8)),
            0x7f => out.push('?'),
            _ => out.push_str(&format!("{code:02X}")),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\x1b]0;PWNED\x07\x1b[2Jb\u{9b}31mc\x7f\x00d";

    #[test]
    fn the_byte_scan_finds_what_the_character_rule_refuses() {
        let mut samples: Vec<String> = (0u32..0x800)
            .chain([0x2028, 0x202e, 0xfeff, 0x1f4e7, 0x10ffff])
            .filter_map(char::from_u32)
            .map(|c| format!("ab{c}cd"))
            .collect();
        samples.extend(["", "\n\t", HOSTILE, "é\u{9b}", "\u{c2}\u{80}", "Â€"].map(String::from));
        // Across the 64-byte blocks the scan reads at a time.
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            for c in ['\u{1b}', '\u{9b}', '\u{a0}', '\u{7f}', 'é'] {
                let mut text = "x".repeat(at);
                text.push(c);
                text.push_str(&"y".repeat(70));
                samples.push(text);
            }
        }
        for text in &samples {
            assert_eq!(
                has_unsafe_control(text),
                text.chars().any(is_unsafe_control),
                "{text:?}"
            );
        }
    }

    #[test]
    fn input_drops_every_control_but_newline_and_tab() {
        assert_eq!(clean_controls(HOSTILE), "a]0;PWNED[2Jb31mcd");
        assert_eq!(
            clean_controls("one\r\ntwo\rthree\tfour"),
            "one\ntwo\nthree\tfour"
        );
    }

    #[test]
    fn input_keeps_plain_text_untouched() {
        let plain = "sent the email 📧 — שלום, e\u{301}";
        assert!(matches!(clean_controls(plain), Cow::Borrowed(_)));
        assert_eq!(clean_controls(plain), plain);
    }

    #[test]
    fn output_shows_controls_in_caret_notation() {
        assert_eq!(printable(HOSTILE), "a^[]0;PWNED^G^[[2Jb^9B31mc^?^@d");
        assert_eq!(printable("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert!(!printable(HOSTILE).chars().any(is_unsafe_control));
    }
}
