//! How text fits a width, for both front ends: one cut and one wrap, both
//! by display width (a CJK character or an emoji takes two columns), so a
//! Japanese promise wraps where an English one does.
//!
//! A cut always ends in [`CUT`] and happens only when the text is wider
//! than the room; a wrap breaks at spaces, and inside a word only when the
//! word alone is wider than a line (so text without spaces, like Japanese,
//! wraps too). The cutting is `unicode-truncate`'s (by grapheme, never
//! splitting a wide character), the wrapping `textwrap`'s.
//!
//! May use: nothing of ours.

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// The mark a cut ends in. With `glyphs = "ascii"` the full-screen journal
/// draws it as ">" (`ui::glyphs::ascii_fallback`).
pub const CUT: &str = "…";

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` in at most `room` columns: whole when it fits, else its start
/// followed by "…" (spaces before the mark dropped).
pub fn cut(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    let (head, _) = text.unicode_truncate(room - CUT.width());
    format!("{}{CUT}", head.trim_end())
}

/// `parts` joined with " · " into lines of at most `room` columns, a part
/// wrapped only when it is wider than a line on its own.
pub fn packed<S: AsRef<str>>(parts: &[S], room: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        let part = part.as_ref();
        match lines.last_mut() {
            Some(line) if width(line) + 3 + width(part) <= room => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ if width(part) > room => lines.extend(wrap(part, room)),
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

/// `text` as lines of at most `room` columns (at least one column), broken
/// at spaces; a word wider than a line is broken where the line ends. Line
/// breaks in `text` are kept; an empty text is no line.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let options = textwrap::Options::new(room.max(1)).break_words(true);
    textwrap::wrap(text.trim_end(), options)
        .into_iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// Like [`wrap`], but at most `lines` lines; the last one kept ends in
/// "…" when some text did not fit.
pub fn wrap_at_most(text: &str, room: usize, lines: usize) -> Vec<String> {
    let mut all = wrap(text, room);
    if all.len() > lines {
        all.truncate(lines);
        if let Some(last) = all.last_mut() {
            *last = if last.width() < room.max(1) {
                format!("{last}{CUT}")
            } else {
                cut(&format!("{last}{CUT}"), room.max(1))
            };
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_parts_share_a_line_while_they_fit_and_a_wide_one_wraps() {
        let parts = ["kept", "partly", "a part far too wide for one line"];
        assert_eq!(
            packed(&parts, 14),
            vec!["kept · partly", "a part far too", "wide for one", "line"]
        );
    }

    #[test]
    fn a_cut_counts_wide_characters_as_two_columns_and_ends_in_the_mark() {
        assert_eq!(cut("hello", 10), "hello");
        assert_eq!(cut("hello", 5), "hello");
        assert_eq!(cut("hello world", 6), "hello…");
        assert_eq!(cut("hello world", 7), "hello…");
        assert_eq!(cut("日本語のテキスト", 7), "日本語…");
        assert!(cut("日本語のテキスト", 8).width() <= 8);
        assert_eq!(cut("🙂🙂🙂", 4), "🙂…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 1), "…");
    }

    #[test]
    fn a_wrap_breaks_at_spaces_by_display_width() {
        assert_eq!(
            wrap("Stretch for ten seconds after my morning coffee", 20),
            ["Stretch for ten", "seconds after my", "morning coffee"]
        );
        let japanese = wrap("毎朝コーヒーを飲んだ後に十秒間ストレッチする", 12);
        assert_eq!(
            japanese.concat(),
            "毎朝コーヒーを飲んだ後に十秒間ストレッチする"
        );
        assert!(japanese.len() >= 4, "{japanese:?}");
        assert!(japanese.iter().all(|l| l.width() <= 12), "{japanese:?}");
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert!(wrap("  ", 10).is_empty());
        assert_eq!(wrap("word", 0), ["w", "o", "r", "d"]);
    }

    #[test]
    fn a_wrap_kept_to_some_lines_says_where_it_was_cut() {
        assert_eq!(
            wrap_at_most("one two three four five six", 9, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap_at_most("one two", 9, 2), ["one two"]);
        let cut = wrap_at_most("one two three four five six", 13, 1);
        assert_eq!(cut, ["one two thre…"]);
    }
}
