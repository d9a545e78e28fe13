//! Small drawing helpers (panes, the tab strip, fitting a styled line to
//! a width, ratings) and the Today screen's recent weeks, which record the
//! days they draw for the mouse (the Calendar screen's months are its
//! own). Uses the theme, the glyphs and the domain's day
//! marks; every screen and popup may use it.

use chrono::{NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use super::glyphs::{day_glyph, day_span, legend_lines};
use super::hits::{Hits, Target};
use super::theme::Theme;
use crate::domain::DayMark;
use crate::model::{Glyph, fit};

/// Pane borders for `glyphs = "ascii"`.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Bars of charts for `glyphs = "ascii"`.
pub const ASCII_BARS: ratatui::symbols::bar::Set<'static> = ratatui::symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

/// The border of the pane in focus, for `glyphs = "ascii"`.
const ASCII_FOCUSED: border::Set<'static> = border::Set {
    horizontal_top: "=",
    horizontal_bottom: "=",
    ..ASCII_BORDER
};

/// A rectangle of at most `w`×`h`, centred in `area` and never outside it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered pane; the focused one has a thick accent border.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    let block = Block::default().borders(Borders::ALL);
    let block = match (theme.glyphs.ascii(), focused) {
        (true, true) => block.border_set(ASCII_FOCUSED),
        (true, false) => block.border_set(ASCII_BORDER),
        (false, true) => block.border_type(BorderType::Thick),
        (false, false) => block.border_type(BorderType::Rounded),
    };
    block
        .border_style(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(title)
        // Another pane's title in the muted colour, not the border's: on a
        // light terminal the border's pale grey left it hard to read.
        .title_style(if focused { theme.title } else { theme.dim })
}

/// A strip of tabs with the one at `active` highlighted. Each label is
/// padded by a space on both sides; `gap` spaces follow every tab.
pub fn tab_strip<S: AsRef<str>>(
    labels: &[S],
    active: usize,
    gap: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let style = if i == active {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(format!(" {} ", label.as_ref()), style));
        if gap > 0 {
            spans.push(Span::raw(" ".repeat(gap)));
        }
    }
    spans
}

/// The first row to show so that `selected` stays visible in `height` rows.
pub fn scroll_for(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// `hint` ("↓ j more", "↑ k back", "↓ 3 more") on the bottom border of
/// the pane at `area`, at its right, where there is room for it.
pub fn border_hint(theme: &Theme, hint: &str, area: Rect, buf: &mut Buffer) {
    let hint = format!(" {hint} ");
    let w = hint.chars().count() as u16;
    if area.width > w + 4 && area.height > 1 {
        let at = Rect::new(area.x + area.width - w - 2, area.y + area.height - 1, w, 1);
        put_line(buf, at, 0, &Line::from(Span::styled(hint, theme.accent)));
    }
}

/// `line` in at most `width` columns: whole when it fits, else cut where
/// the room ends with "…" in the style of the text it cuts (spaces before
/// the mark dropped).
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(fit::width(fit::CUT));
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        let head = fit::cut(&span.content, room - used + fit::width(fit::CUT));
        if !head.trim_start().starts_with(fit::CUT) {
            spans.push(Span::styled(head, span.style));
        }
        break;
    }
    // The cut fell between spans: the mark goes on the last text kept.
    if !spans.last().is_some_and(|s| s.content.ends_with(fit::CUT)) {
        while spans
            .last()
            .is_some_and(|s| s.content.trim_end().is_empty())
        {
            spans.pop();
        }
        if let Some(last) = spans.last_mut() {
            last.content = format!("{}{}", last.content.trim_end(), fit::CUT).into();
        }
    }
    Line { spans, ..line }
}

/// `line` wrapped into lines of at most `width` columns (by
/// [`fit::wrap`]), each part keeping the styles of its words.
pub fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let styled: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let text: String = styled.iter().map(|(c, _)| *c).collect();
    let mut next = 0;
    let mut out = Vec::new();
    for part in fit::wrap(&text, width) {
        let mut spans: Vec<Span<'static>> = Vec::new();
        for c in part.chars() {
            // Only spaces where the text was broken are left out.
            while next < styled.len() && styled[next].0 != c {
                next += 1;
            }
            let Some(&(_, style)) = styled.get(next) else {
                break;
            };
            next += 1;
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push(c),
                _ => spans.push(Span::styled(c.to_string(), style)),
            }
        }
        out.push(Line::from(spans).style(line.style));
    }
    out
}

/// Key hints ("Tab next · Enter saves · Esc closes") in `width` columns:
/// whole hints, as many as fit, then " …" when some are left out.
pub fn fit_hints(hints: &str, width: usize) -> String {
    if fit::width(hints) <= width {
        return hints.to_string();
    }
    let mut out = String::new();
    for item in hints.split(" · ") {
        let next = if out.is_empty() {
            item.to_string()
        } else {
            format!("{out} · {item}")
        };
        if fit::width(&next) + 2 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        fit::cut(hints, width)
    } else {
        format!("{out} {}", fit::CUT)
    }
}

/// Key hints on lines of at most `width` columns, broken between hints so
/// a key never stands apart from what it does.
pub fn wrap_hints(hints: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in hints.split(" · ") {
        match lines.last_mut() {
            Some(last) if fit::width(last) + 3 + fit::width(item) <= width => {
                last.push_str(" · ");
                last.push_str(item);
            }
            _ => lines.push(fit::cut(item, width)),
        }
    }
    lines
}

/// One line for text that may hold newlines.
pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ⏎ ")
}

/// "▰▰▰▰▰▰▰▱▱▱ 7/10", or a dim "not rated yet".
pub fn rating_spans(value: Option<u8>, theme: &Theme) -> Vec<Span<'static>> {
    match value {
        Some(v) => {
            let v = v.min(10) as usize;
            vec![
                Span::styled(theme.glyph(Glyph::RatingOn).repeat(v), theme.accent),
                Span::styled(theme.glyph(Glyph::RatingOff).repeat(10 - v), theme.dim),
                Span::raw(format!(" {v}/10")),
            ]
        }
        None => vec![Span::styled("not rated yet", theme.dim)],
    }
}

/// Two-letter weekday names starting on `first`.
pub fn weekday_header(first: Weekday) -> Vec<&'static str> {
    let mut d = first;
    (0..7)
        .map(|_| {
            let name = match d {
                Weekday::Mon => "Mo",
                Weekday::Tue => "Tu",
                Weekday::Wed => "We",
                Weekday::Thu => "Th",
                Weekday::Fri => "Fr",
                Weekday::Sat => "Sa",
                Weekday::Sun => "Su",
            };
            d = d.succ();
            name
        })
        .collect()
}

/// Writes a line into `buf` at row `y` of `area`, clipped to the area.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    if y >= area.height || area.width == 0 {
        return;
    }
    buf.set_line(area.x, area.y + y, line, area.width);
}

/// The Today screen's checkmark calendar: one row per week, newest last,
/// with the legend of the glyphs it shows. Rows: "16 Nov  ✓ ✓ + · ✓ – ╌";
/// weeks before the first promise are left out, and days before it blank.
pub struct RecentWeeks<'a> {
    /// Marks of whole weeks, oldest first.
    pub marks: &'a [(NaiveDate, DayMark)],
    pub week_start: Weekday,
    pub today: NaiveDate,
    /// The day the Today screen shows.
    pub selected: NaiveDate,
    pub theme: &'a Theme,
    pub hits: &'a Hits,
}

impl RecentWeeks<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let theme = self.theme;
        let mut weeks: Vec<&[(NaiveDate, DayMark)]> = self.marks.chunks(7).collect();
        // Weeks before the first promise are not part of the record: none
        // is drawn. Weeks of rest before anything was asked are noise; keep
        // at least four rows of them.
        weeks.retain(|w| !w.iter().all(|(_, m)| *m == DayMark::NoPromise));
        while weeks.len() > 4
            && weeks.first().is_some_and(|w| {
                w.iter()
                    .all(|(_, m)| matches!(m, DayMark::NotScheduled | DayMark::NoPromise))
            })
        {
            weeks.remove(0);
        }
        let last = |room: usize| &weeks[weeks.len().saturating_sub(room)..];
        let legend_of = |shown: &[&[(NaiveDate, DayMark)]]| {
            let glyphs: Vec<Glyph> = shown
                .iter()
                .flat_map(|w| w.iter())
                .filter_map(|(_, m)| day_glyph(*m))
                .collect();
            legend_lines(theme, area.width, &glyphs)
        };
        let widest = legend_of(last(area.height.saturating_sub(1) as usize)).len();
        let legend_h = if area.height as usize > widest + 3 {
            widest
        } else {
            0
        };
        let shown = last(area.height.saturating_sub(1 + legend_h as u16) as usize);
        let mut header = vec![Span::raw("        ")];
        for name in weekday_header(self.week_start) {
            header.push(Span::styled(format!("{} ", &name[..1]), theme.dim));
        }
        put_line(buf, area, 0, &Line::from(header));
        for (row, week) in shown.iter().enumerate() {
            self.week_row(week, area, row as u16 + 1, buf);
        }
        if legend_h > 0 {
            let legend = legend_of(shown);
            let top = area.height - legend.len() as u16;
            for (i, line) in legend.iter().enumerate() {
                put_line(buf, area, top + i as u16, line);
            }
        }
    }

    /// One week's row at `y`: its first day's date, then a glyph per day.
    fn week_row(&self, week: &[(NaiveDate, DayMark)], area: Rect, y: u16, buf: &mut Buffer) {
        let theme = self.theme;
        let Some((first, _)) = week.first() else {
            return;
        };
        let mut spans = vec![Span::styled(
            format!("{:<8}", first.format("%d %b").to_string()),
            theme.dim,
        )];
        for (i, (day, mark)) in week.iter().enumerate() {
            let mut span = day_span(theme, *mark);
            if *day == self.selected {
                span.style = span.style.add_modifier(Modifier::REVERSED);
            } else if *day == self.today {
                span.style = span.style.add_modifier(Modifier::UNDERLINED);
            }
            spans.push(span);
            spans.push(Span::raw(" "));
            let cell = Rect::new(area.x + 8 + 2 * i as u16, area.y + y, 2, 1);
            self.hits.add(cell.intersection(area), Target::Day(*day));
        }
        put_line(buf, area, y, &Line::from(spans));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pane_out_of_focus_titles_itself_in_the_muted_colour() {
        use crate::model::Glyphs;
        use crate::model::tui::ThemeName;
        use ratatui::widgets::Widget;
        let theme = Theme::build(ThemeName::Light, &[], Glyphs::default(), true);
        let area = Rect::new(0, 0, 20, 3);
        let mut buf = Buffer::empty(area);
        pane(" Wins ", false, &theme).render(area, &mut buf);
        assert_eq!(buf[(2, 0)].symbol(), "W");
        assert_eq!(buf[(2, 0)].fg, theme.dim.fg.expect("a muted colour"));
        assert_ne!(theme.dim.fg, theme.border.fg);
    }

    #[test]
    fn a_line_too_wide_is_cut_with_the_mark_in_the_style_it_cuts() {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let line = || {
            Line::from(vec![
                Span::raw("· Stretch for ten seconds"),
                Span::styled("  ◇ after my morning coffee", dim),
            ])
        };
        assert_eq!(fit_line(line(), 60), line());
        let cut = fit_line(line(), 45);
        assert_eq!(cut.width(), 45);
        assert_eq!(cut.spans[1].content, "  ◇ after my mornin…");
        assert_eq!(cut.spans[1].style, dim);
        // Cut where the second span begins: the mark ends the first.
        let cut = fit_line(line(), 26);
        assert_eq!(cut.spans.len(), 1);
        assert_eq!(cut.spans[0].content, "· Stretch for ten seconds…");
        let cut = fit_line(line(), 20);
        assert_eq!(cut.spans[0].content, "· Stretch for ten s…");
    }

    #[test]
    fn a_wrapped_line_keeps_the_style_of_each_word() {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let line = Line::from(vec![
            Span::styled("Yesterday you thought of adjusting: ", dim),
            Span::raw("put the book on my pillow"),
        ]);
        let lines = wrap_line(&line, 20);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "Yesterday you",
                "thought of",
                "adjusting: put the",
                "book on my pillow"
            ]
        );
        assert_eq!(lines[2].spans[0].content, "adjusting: ");
        assert_eq!(lines[2].spans[0].style, dim);
        assert_eq!(lines[2].spans[1].content, "put the");
        assert_eq!(lines[2].spans[1].style, Style::new());
    }

    #[test]
    fn key_hints_are_kept_whole() {
        let hints = "Tab next field · Enter saves · Esc closes";
        assert_eq!(fit_hints(hints, 60), hints);
        assert_eq!(fit_hints(hints, 34), "Tab next field · Enter saves …");
        assert_eq!(
            wrap_hints(hints, 30),
            ["Tab next field · Enter saves", "Esc closes"]
        );
    }

    #[test]
    fn centered_never_leaves_the_area() {
        let area = Rect::new(2, 3, 10, 4);
        let r = centered(area, 50, 50);
        assert_eq!(r, area);
        let r = centered(area, 4, 2);
        assert_eq!(r, Rect::new(5, 4, 4, 2));
    }
}
