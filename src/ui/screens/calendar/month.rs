//! One month of the Calendar screen: a grid of evenly spaced day cells,
//! each the day's number, a space, its glyph, and a win mark in a column
//! of its own (" 21 ✓★"), so no cell touches the next. Today's number is
//! underlined in the accent colour, and the cursor's cell is drawn in the
//! selection's style. Each cell is recorded for the mouse.
//!
//! Uses the theme, the glyphs and the domain's day marks.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::DayMark;
use crate::model::Glyph;
use crate::ui::glyphs::day_glyph;
use crate::ui::hits::{Hits, Target};
use crate::ui::theme::Theme;
use crate::ui::widgets::{put_line, weekday_header};

/// Columns a day takes on a month grid: roomy (" 21 ✓★", room for the
/// win mark) or compact (" 21 ✓", no win mark).
pub const ROOMY_DAY: u16 = 6;
pub const COMPACT_DAY: u16 = 5;

/// Rows a month takes when each week takes `row_h` rows (1, or 2 with a
/// blank row between weeks): its name, the weekdays and six weeks.
pub const fn month_h(row_h: u16) -> u16 {
    2 + 5 * row_h + 1
}

/// The style of today's number: underlined and bold in the accent colour,
/// so it stands out with or without colour.
pub fn today_style(theme: &Theme) -> Style {
    theme
        .accent
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
}

/// The win mark beside a day: quieter than the day's glyph, so the glyphs
/// read first and the wins second.
pub fn win_span(theme: &Theme) -> Span<'static> {
    Span::styled(theme.glyph(Glyph::Win).to_string(), theme.dim)
}

/// One month on the Calendar screen.
pub struct MonthGrid<'a> {
    pub month: NaiveDate,
    /// Columns a day takes: [`ROOMY_DAY`] or [`COMPACT_DAY`].
    pub day_w: u16,
    /// Rows a week takes: 1, or 2 with a blank row between weeks.
    pub row_h: u16,
    pub marks: &'a [(NaiveDate, DayMark)],
    pub wins: &'a BTreeMap<NaiveDate, usize>,
    pub week_start: Weekday,
    pub today: NaiveDate,
    pub cursor: NaiveDate,
    pub theme: &'a Theme,
    pub hits: &'a Hits,
}

impl MonthGrid<'_> {
    fn first(&self) -> NaiveDate {
        self.month.with_day(1).unwrap_or(self.month)
    }

    fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let first = self.first();
        first
            .iter_days()
            .take_while(move |d| d.month() == first.month())
    }

    /// Whether the cells have room for the win mark.
    pub fn shows_wins(&self) -> bool {
        self.day_w >= ROOMY_DAY
    }

    /// The glyphs the month draws, a win among them if it shows one.
    pub fn glyphs(&self) -> Vec<Glyph> {
        let mut glyphs: Vec<Glyph> = self
            .days()
            .filter_map(|d| day_glyph(self.mark(d)))
            .collect();
        if self.shows_wins() && self.days().any(|d| self.has_win(d)) {
            glyphs.push(Glyph::Win);
        }
        glyphs
    }

    fn has_win(&self, day: NaiveDate) -> bool {
        self.wins.get(&day).copied().unwrap_or(0) > 0
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
        let first = self.first();
        let has_cursor = self.cursor.year() == first.year() && self.cursor.month() == first.month();
        let title_style = if has_cursor { theme.title } else { theme.dim };
        let title = Span::styled(format!(" {}", first.format("%B %Y")), title_style);
        put_line(buf, area, 0, &Line::from(title));
        let pad = " ".repeat(usize::from(self.day_w.saturating_sub(3)));
        let header: Vec<Span> = weekday_header(self.week_start)
            .into_iter()
            .map(|n| Span::styled(format!(" {n}{pad}"), theme.dim))
            .collect();
        put_line(buf, area, 1, &Line::from(header));
        let offset = (7 + first.weekday().num_days_from_monday()
            - self.week_start.num_days_from_monday())
            % 7;
        // On a short area, skip weeks so the cursor's week stays in view.
        let visible = area.height.saturating_sub(2) / self.row_h;
        let skip = if has_cursor {
            let cursor_row = ((offset + self.cursor.day() - 1) / 7) as u16;
            (cursor_row + 1).saturating_sub(visible)
        } else {
            0
        };
        for day in self.days() {
            let cell = offset + day.day() - 1;
            let (row, col) = ((cell / 7) as u16, (cell % 7) as u16);
            if row < skip {
                continue;
            }
            let (x, y) = (col * self.day_w, 2 + (row - skip) * self.row_h);
            if y < area.height && x < area.width {
                let width = (area.width - x).min(self.day_w);
                buf.set_line(area.x + x, area.y + y, &self.day_cell(day), width);
                let cell = Rect::new(area.x + x, area.y + y, width, 1);
                self.hits.add(cell, Target::Day(day));
            }
        }
    }

    /// " 21 ✓★": a space apart from the cell before, the day's number, a
    /// space, its glyph (a blank before the record began), and the win mark
    /// (or a space) when roomy.
    fn day_cell(&self, day: NaiveDate) -> Line<'static> {
        let theme = self.theme;
        let mark = self.mark(day);
        let glyph = day_glyph(mark);
        let mut num_style = if day > self.today || mark == DayMark::NoPromise {
            theme.dim
        } else {
            theme.base
        };
        if day == self.today {
            num_style = today_style(theme);
        }
        let mut spans = vec![
            Span::styled(format!("{:>2}", day.day()), num_style),
            Span::raw(" "),
            match glyph {
                Some(g) => theme.glyph_span(g),
                None => Span::raw(" "),
            },
        ];
        if self.shows_wins() {
            spans.push(if self.has_win(day) {
                win_span(theme)
            } else {
                Span::raw(" ")
            });
        }
        if day == self.cursor {
            for span in &mut spans {
                span.style = span.style.patch(theme.selected);
            }
        }
        spans.insert(0, Span::raw(" "));
        Line::from(spans)
    }
}
