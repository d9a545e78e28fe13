//! Which glyph the full-screen journal draws for what the domain says, and
//! the legend drawn from the one glyph set (`model::glyphs`), packed under
//! the calendars and at the foot of the screens that draw glyphs (help
//! shows it in full).
//!
//! Uses the domain's day marks and statuses and the theme's styles.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::domain::{DayItem, DayMark, Due, Status};
use crate::model::Glyph;
use crate::model::glyphs::LEGEND;

/// The glyph of a day on the calendars, the domain's own
/// ([`DayMark::glyph`]): every promise kept, all shown up for (some partly
/// or in their smaller version), some, a miss noted and nothing kept,
/// nothing recorded, a rest day, "not yet" for a day still ahead, and none
/// for a day before the first promise (it is not part of the record).
pub fn day_glyph(mark: DayMark) -> Option<Glyph> {
    mark.glyph()
}

/// A day's glyph in its style, or a blank for a day before the record.
pub fn day_span(theme: &Theme, mark: DayMark) -> Span<'static> {
    match day_glyph(mark) {
        Some(glyph) => theme.glyph_span(glyph),
        None => Span::raw(" "),
    }
}

/// The glyph of one promise's result on a day that asked for it.
pub fn status_glyph(status: Option<Status>) -> Glyph {
    Glyph::of_result(status, Due::Yes)
}

/// The glyph of a promise in a day's list: its result, or a rest day if
/// the day did not ask for it and nothing was recorded.
pub fn item_glyph(item: &DayItem) -> Glyph {
    Glyph::of_result(item.status(), item.due)
}

/// The legend of the glyphs in `drawn` (in the legend's order, each once),
/// packed into lines of at most `width` columns: each screen explains the
/// glyphs it shows, in the words of the one legend.
pub fn legend_lines(theme: &Theme, width: u16, drawn: &[Glyph]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    for (glyph, words) in LEGEND.iter().filter(|(g, _)| drawn.contains(g)) {
        let item = theme.glyph(*glyph).width() + 1 + words.width() + 2;
        if used > 0 && used + item > width as usize {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        current.push(theme.glyph_span(*glyph));
        current.push(Span::styled(format!(" {words}  "), theme.dim));
        used += item;
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

/// The ASCII character drawn for a character of the app's own words with
/// `glyphs = "ascii"` (separators, dashes, quotes, arrows), so a terminal
/// without Unicode shows a whole frame it can draw. A person's own text
/// keeps any other character.
pub fn ascii_fallback(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "·" | "•" | "–" | "—" | "−" | "─" | "━" | "╌" => "-",
        "“" | "”" | "„" => "\"",
        "‘" | "’" => "'",
        // The cut mark: not "~", which is "partly kept".
        "…" => ">",
        "×" => "x",
        "→" => ">",
        "←" => "<",
        "↑" => "^",
        "↓" => "v",
        "│" | "┃" => "|",
        "└" | "┌" | "┐" | "┘" => "+",
        "▰" | "█" => "#",
        "▱" | "░" => "-",
        "⏎" => "/",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GlyphSet;
    use crate::model::fit::CUT;

    #[test]
    fn the_ascii_cut_mark_is_no_legend_glyph() {
        let mark = ascii_fallback(CUT).expect("an ASCII cut mark");
        for (glyph, words) in LEGEND {
            assert_ne!(glyph.built_in(GlyphSet::Ascii), mark, "{words}");
        }
    }
}
