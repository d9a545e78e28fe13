//! Small drawing helpers (panes, the tab strip, cutting and wrapping text,
//! ratings) and the checkmark calendar widgets, which record the days they
//! draw for the mouse. Uses the theme, the glyphs and the domain's day
//! marks; every screen and popup may use it.

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::glyphs::{day_glyph, legend_lines};
use super::hits::{Hits, Target};
use super::theme::Theme;
use crate::domain::DayMark;
use crate::model::Glyph;

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
        .title_style(if focused { theme.title } else { Style::new() })
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

/// Cuts `text` to at most `width` columns, ending with "…" when cut.
/// Wide characters (CJK, emoji) count as two columns.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Splits `text` into lines of at most `width` columns, at spaces where
/// possible (a word longer than a line is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed = if current.is_empty() {
            word.width()
        } else {
            current.width() + 1 + word.width()
        };
        if needed <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if word.width() <= width {
            current.push_str(word);
        } else {
            lines.push(truncate(word, width));
        }
    }
    if !current.is_empty() {
        lines.push(current);
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
/// with the legend of the glyphs it shows. Rows: "16 Nov  ✓ ✓ ◔ · ✓ – ╌".
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
        // Weeks before anything was asked are noise; keep at least four rows.
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
                .map(|(_, m)| day_glyph(*m))
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
            let glyph = day_glyph(*mark);
            let mut style = theme.glyph_style(glyph);
            if *day == self.selected {
                style = style.add_modifier(Modifier::REVERSED);
            } else if *day == self.today {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            spans.push(Span::styled(theme.glyph(glyph).to_string(), style));
            spans.push(Span::raw(" "));
            let cell = Rect::new(area.x + 8 + 2 * i as u16, area.y + y, 2, 1);
            self.hits.add(cell.intersection(area), Target::Day(*day));
        }
        put_line(buf, area, y, &Line::from(spans));
    }
}

/// Height one month grid needs: its name, the weekdays, six weeks.
pub const MONTH_H: u16 = 8;
/// Columns a day takes on a month grid: roomy (" 21✓★") or compact
/// ("21✓★").
pub const ROOMY_DAY: u16 = 5;
pub const COMPACT_DAY: u16 = 4;

/// One month on the Calendar screen: day numbers with their glyphs.
pub struct MonthGrid<'a> {
    pub month: NaiveDate,
    /// Columns a day takes: [`ROOMY_DAY`] or [`COMPACT_DAY`].
    pub day_w: u16,
    pub marks: &'a [(NaiveDate, DayMark)],
    pub wins: &'a std::collections::BTreeMap<NaiveDate, usize>,
    pub week_start: Weekday,
    pub today: NaiveDate,
    pub cursor: NaiveDate,
    pub theme: &'a Theme,
    pub hits: &'a Hits,
}

impl MonthGrid<'_> {
    /// The glyphs the month draws, a win among them if it has one.
    pub fn glyphs(&self) -> Vec<Glyph> {
        let first = self.month.with_day(1).unwrap_or(self.month);
        let mut glyphs: Vec<Glyph> = first
            .iter_days()
            .take_while(|d| d.month() == first.month())
            .map(|d| day_glyph(self.mark(d)))
            .collect();
        let (from, to) = (first, first + chrono::Months::new(1));
        if self.wins.range(from..to).any(|(_, n)| *n > 0) {
            glyphs.push(Glyph::Win);
        }
        glyphs
    }

    fn mark(&self, day: NaiveDate) -> DayMark {
        self.marks
            .iter()
            .find(|(d, _)| *d == day)
            .map(|(_, m)| *m)
            .unwrap_or(if day > self.today {
                DayMark::Future
            } else {
                DayMark::NoPromise
            })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let first = self.month.with_day(1).unwrap_or(self.month);
        let in_month = |d: NaiveDate| d.month() == first.month() && d.year() == first.year();
        let title = first.format("%B %Y").to_string();
        let title_style = if in_month(self.cursor) {
            theme.title
        } else {
            theme.dim
        };
        put_line(
            buf,
            area,
            0,
            &Line::from(Span::styled(format!(" {title}"), title_style)),
        );
        let compact = self.day_w < ROOMY_DAY;
        let header: Vec<Span> = weekday_header(self.week_start)
            .into_iter()
            .map(|n| {
                let name = if compact {
                    format!("{n}  ")
                } else {
                    format!(" {n}  ")
                };
                Span::styled(name, theme.dim)
            })
            .collect();
        put_line(buf, area, 1, &Line::from(header));
        let offset = (7 + first.weekday().num_days_from_monday()
            - self.week_start.num_days_from_monday())
            % 7;
        // On a short area, skip weeks so the cursor's week stays in view.
        let visible_rows = area.height.saturating_sub(2);
        let skip = if in_month(self.cursor) {
            let cursor_row = ((offset + self.cursor.day() - 1) / 7) as u16;
            (cursor_row + 1).saturating_sub(visible_rows)
        } else {
            0
        };
        let mut day = first;
        while day.month() == first.month() {
            let cell = offset + day.day() - 1;
            let (row, col) = ((cell / 7) as u16, (cell % 7) as u16);
            let x = col * self.day_w;
            let y = (2 + row).saturating_sub(skip);
            if row >= skip && y < area.height && x < area.width {
                let width = (area.width - x).min(self.day_w);
                buf.set_line(area.x + x, area.y + y, &self.day_cell(day), width);
                let cell = Rect::new(area.x + x, area.y + y, width, 1);
                self.hits.add(cell, Target::Day(day));
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }

    /// " 21✓★" (or "21✓★" when compact): the day's number, its glyph, and
    /// the win glyph if it has a win.
    fn day_cell(&self, day: NaiveDate) -> Line<'static> {
        let theme = self.theme;
        let glyph = day_glyph(self.mark(day));
        let mut num_style = if day > self.today {
            theme.dim
        } else {
            theme.base
        };
        if day == self.today {
            num_style = num_style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        let mut glyph_style = theme.glyph_style(glyph);
        let has_win = self.wins.get(&day).copied().unwrap_or(0) > 0;
        if day == self.cursor {
            num_style = num_style.add_modifier(Modifier::REVERSED);
            glyph_style = glyph_style.add_modifier(Modifier::REVERSED);
        }
        Line::from(vec![
            Span::raw(if self.day_w < ROOMY_DAY { "" } else { " " }),
            Span::styled(format!("{:>2}", day.day()), num_style),
            Span::styled(theme.glyph(glyph).to_string(), glyph_style),
            if has_win {
                theme.glyph_span(Glyph::Win)
            } else {
                Span::raw(" ")
            },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_wide_characters_as_two_columns() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
        assert!(truncate("日本語のテキスト", 7).width() <= 7);
        assert_eq!(truncate("🙂🙂🙂", 4), "🙂…");
        assert_eq!(truncate("abc", 0), "");
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
