//! The Calendar screen: past weeks and months on a grid of checkmark
//! glyphs, as many months as fill the window (a year at large sizes), a
//! cursor that moves by day, week and month, and the cursor's day beside
//! them; Enter opens that day on the Today screen to amend it.
//!
//! [`CalendarState`] holds the cursor and the marks loaded around it;
//! `update` moves the cursor, `load` reads only the days the cursor brings
//! into view that are not loaded yet, and drawing reads the state only.
//! Uses the domain, the widgets and the key table.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Ctx, Outcome, Version};
use crate::domain::{self, DayMark, DayView, Journal};
use crate::model::Glyph;
use crate::model::glyphs::LEGEND;
use crate::ui::Screen;
use crate::ui::glyphs::{day_glyph, item_glyph, legend_lines};
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::{self, Action};
use crate::ui::theme::Theme;
use crate::ui::widgets::{
    COMPACT_DAY, MONTH_H, MonthGrid, ROOMY_DAY, one_line, pane, put_line, rating_spans, truncate,
    wrap_words,
};

/// Width of the day pane, and the narrower one it gives way to when that
/// fits another column of months.
const DETAIL_W: u16 = 38;
const DETAIL_MIN: u16 = 32;
/// The most months shown: the year the calendar reads.
const MOST_MONTHS: u16 = 12;

/// How the months are laid out at a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MonthsLayout {
    /// Width of the day pane, 0 when there is no room for it.
    detail_w: u16,
    /// Columns a day takes.
    day_w: u16,
    cols: u16,
    rows: u16,
    /// Rows between two rows of months (0 when that fits another row).
    gap: u16,
}

impl MonthsLayout {
    fn count(&self) -> u16 {
        (self.cols * self.rows).min(MOST_MONTHS)
    }

    /// Where the `i`th month goes in `area`, if it is in it at all.
    fn place(&self, i: u16, area: Rect) -> Option<Rect> {
        let month_w = 7 * self.day_w;
        let (col, row) = (i % self.cols, i / self.cols);
        let (x, y) = (col * (month_w + 1), row * (MONTH_H + self.gap));
        (y < area.height).then(|| Rect {
            x: area.x + x,
            y: area.y + y,
            width: month_w.min(area.width.saturating_sub(x)),
            height: MONTH_H.min(area.height - y),
        })
    }

    /// The layout that shows the most months in `area` beside the day
    /// pane: the wider day pane and roomier days unless narrower ones fit
    /// more months; without the day pane only when it cannot fit.
    fn at(theme: &Theme, area: Rect) -> MonthsLayout {
        let all: Vec<Glyph> = LEGEND.iter().map(|(g, _)| *g).collect();
        let fits = |detail_w: u16, day_w: u16| {
            let month_w = 7 * day_w;
            if detail_w > 0 && area.width < month_w + 2 + detail_w {
                return None;
            }
            let inner_w = area.width.saturating_sub(detail_w + 2);
            let legend = legend_lines(theme, inner_w, &all).len() as u16;
            let inner_h = area.height.saturating_sub(2 + legend);
            let cols = ((inner_w + 1) / (month_w + 1)).max(1);
            let spaced = ((inner_h + 1) / (MONTH_H + 1)).max(1);
            let tight = (inner_h / MONTH_H).max(1);
            let (rows, gap) = if (cols * spaced).min(MOST_MONTHS) >= (cols * tight).min(MOST_MONTHS)
            {
                (spaced, 1)
            } else {
                (tight, 0)
            };
            Some(MonthsLayout {
                detail_w,
                day_w,
                cols,
                rows,
                gap,
            })
        };
        let with_pane = [DETAIL_W, DETAIL_MIN]
            .into_iter()
            .flat_map(|d| [ROOMY_DAY, COMPACT_DAY].map(|w| fits(d, w)))
            .flatten()
            .fold(None, |best: Option<MonthsLayout>, l| match best {
                Some(b) if b.count() >= l.count() => Some(b),
                _ => Some(l),
            });
        with_pane
            .or_else(|| fits(0, ROOMY_DAY))
            .unwrap_or(MonthsLayout {
                detail_w: 0,
                day_w: ROOMY_DAY,
                cols: 1,
                rows: 1,
                gap: 1,
            })
    }
}

/// How far past the months in view the calendar loads, each way: a
/// quarter, so opening the calendar reads no more than it did when it
/// loaded half a year back only, and browsing reads a quarter at a time.
const MARGIN: chrono::Duration = chrono::Duration::days(92);

pub struct CalendarState {
    /// The day the cursor is on.
    pub cursor: NaiveDate,
    /// Marks for the loaded range.
    marks: Vec<(NaiveDate, DayMark)>,
    /// How many wins each day of the loaded range has.
    wins: BTreeMap<NaiveDate, usize>,
    /// Everything recorded on the cursor's day.
    cursor_day: Option<DayView>,
    loaded_range: Option<(Version, (NaiveDate, NaiveDate))>,
    loaded_cursor: Option<(Version, NaiveDate)>,
}

impl CalendarState {
    pub fn new(today: NaiveDate) -> CalendarState {
        CalendarState {
            cursor: today,
            marks: Vec::new(),
            wins: BTreeMap::new(),
            cursor_day: None,
            loaded_range: None,
            loaded_cursor: None,
        }
    }

    /// The days the screen may draw: up to a year of months ending with
    /// the cursor's month.
    fn range(&self, j: &Journal) -> (NaiveDate, NaiveDate) {
        let first = self.cursor.with_day(1).unwrap_or(self.cursor);
        let from = first.checked_sub_months(Months::new(11)).unwrap_or(first);
        let from = j.week_start(from);
        let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
        let to = j.week_start(next) + chrono::Duration::days(13);
        (from, to)
    }

    /// Reads what the months in view need unless it is loaded already:
    /// moving the cursor within them reads one day, and moving past the
    /// loaded months reads only the months newly needed, with a margin of
    /// a quarter each way (so browsing either way reads once in three
    /// months). Returns whether anything was read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        let mut read = false;
        let shown = self.range(j);
        let loaded = self.loaded_range.filter(|(v, _)| *v == version);
        let covered = loaded.is_some_and(|(_, (lo, hi))| lo <= shown.0 && shown.1 <= hi);
        if !covered {
            let want = (shown.0 - MARGIN, shown.1 + MARGIN);
            match loaded {
                Some((_, have)) if have.0 <= want.1 && want.0 <= have.1 => {
                    self.extend(j, have, want)?;
                }
                _ => {
                    self.marks = j.marks(want.0, want.1)?;
                    self.wins = j.win_counts(want.0, want.1)?;
                }
            }
            self.loaded_range = Some((version, want));
            read = true;
        }
        if self.loaded_cursor != Some((version, self.cursor)) {
            self.cursor_day = Some(j.day(self.cursor)?);
            self.loaded_cursor = Some((version, self.cursor));
            read = true;
        }
        Ok(read)
    }

    /// From the days `have` to the days `want` (which overlap): reads only
    /// the days not loaded yet, and lets go of the days no longer wanted.
    fn extend(
        &mut self,
        j: &Journal,
        have: (NaiveDate, NaiveDate),
        want: (NaiveDate, NaiveDate),
    ) -> domain::Result<()> {
        let one = chrono::Duration::days(1);
        if want.0 < have.0 {
            let mut before = j.marks(want.0, have.0 - one)?;
            before.append(&mut self.marks);
            self.marks = before;
            self.wins.append(&mut j.win_counts(want.0, have.0 - one)?);
        }
        if have.1 < want.1 {
            self.marks.append(&mut j.marks(have.1 + one, want.1)?);
            self.wins.append(&mut j.win_counts(have.1 + one, want.1)?);
        }
        let inside = |d: &NaiveDate| want.0 <= *d && *d <= want.1;
        self.marks.retain(|(d, _)| inside(d));
        self.wins.retain(|d, _| inside(d));
        Ok(())
    }

    pub fn update(&mut self, action: Action, today: NaiveDate) -> Outcome {
        let c = self.cursor;
        let moved = match action {
            Action::PrevDay => c.pred_opt(),
            Action::NextDay => c.succ_opt(),
            Action::PrevWeek => c.checked_sub_days(chrono::Days::new(7)),
            Action::NextWeek => c.checked_add_days(chrono::Days::new(7)),
            Action::PrevMonth => c.checked_sub_months(Months::new(1)),
            Action::NextMonth => c.checked_add_months(Months::new(1)),
            Action::GoToday => Some(today),
            Action::Open if c > today => {
                return Outcome::say("That day is still ahead; it opens once it comes.");
            }
            Action::Open => return Outcome::open_day(c),
            _ => None,
        };
        if let Some(d) = moved {
            self.cursor = d;
        }
        Outcome::default()
    }

    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let layout = MonthsLayout::at(ctx.theme, area);
        let (grid_area, detail_area) = if layout.detail_w > 0 {
            let [g, d] = area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(layout.detail_w),
            ]));
            (g, Some(d))
        } else {
            (area, None)
        };
        // The detail's glyphs are explained by the legend under the months.
        let detail_glyphs: Vec<Glyph> = match (&self.cursor_day, detail_area) {
            (Some(day), Some(_)) => day.items.iter().map(item_glyph).collect(),
            _ => Vec::new(),
        };
        self.draw_months(ctx, grid_area, layout, &detail_glyphs, buf);
        if let Some(detail) = detail_area {
            self.draw_detail(ctx, detail, buf);
        }
    }

    /// As many months as fit, ending with the cursor's, and the legend of
    /// their glyphs and of `also` (the detail's).
    fn draw_months(
        &self,
        ctx: &Ctx,
        area: Rect,
        layout: MonthsLayout,
        also: &[Glyph],
        buf: &mut Buffer,
    ) {
        let open = keymap::key(Screen::Calendar, Action::Open);
        let block = pane(format!(" Calendar · {open} opens a day "), true, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits.add(inner, Target::Pane(Area::Calendar));
        let day_w = layout.day_w;
        let count = u32::from(layout.count());
        let cursor_month = self.cursor.with_day(1).unwrap_or(self.cursor);
        let months: Vec<MonthGrid> = (0..count)
            .filter_map(|i| cursor_month.checked_sub_months(Months::new(count - 1 - i)))
            .map(|month| MonthGrid {
                month,
                day_w,
                marks: &self.marks,
                wins: &self.wins,
                week_start: ctx.config.week_starts_on,
                today: ctx.today,
                cursor: self.cursor,
                theme: ctx.theme,
                hits: ctx.hits,
            })
            .collect();
        let mut drawn: Vec<Glyph> = months.iter().flat_map(MonthGrid::glyphs).collect();
        drawn.extend(also);
        let mut legend = legend_lines(ctx.theme, inner.width, &drawn);
        if inner.height < MONTH_H + legend.len() as u16 {
            legend.clear();
        }
        let legend_h = legend.len() as u16;
        let months_area = Rect {
            height: inner.height.saturating_sub(legend_h),
            ..inner
        };
        for (i, grid) in months.iter().enumerate() {
            if let Some(cell) = layout.place(i as u16, months_area) {
                grid.render(cell, buf);
            }
        }
        for (i, line) in legend.iter().enumerate() {
            put_line(
                buf,
                inner,
                inner.height.saturating_sub(legend_h) + i as u16,
                line,
            );
        }
    }

    fn draw_detail(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let title = format!(" {} ", self.cursor.format("%A %-d %B"));
        let block = pane(title, false, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        let mark = self
            .marks
            .iter()
            .find(|(d, _)| *d == self.cursor)
            .map(|(_, m)| *m);
        if self.cursor > ctx.today {
            lines.push(Line::from(Span::styled("Still ahead.", theme.dim)));
        } else if let Some(day) = &self.cursor_day {
            if let Some(m) = mark {
                lines.push(Line::from(vec![
                    theme.glyph_span(day_glyph(m)),
                    Span::styled(format!(" {}", mark_words(m)), theme.dim),
                ]));
            }
            day_lines(theme, day, width, &mut lines);
        }
        for (row, line) in lines.iter().take(inner.height as usize).enumerate() {
            put_line(buf, inner, row as u16, line);
        }
    }
}

fn mark_words(m: DayMark) -> &'static str {
    use DayMark::*;
    match m {
        AllKept => "every promise kept",
        AllShown => "showed up for all (some partly)",
        SomeKept => "showed up for some",
        NoneKept => "noted as missed",
        NotRecorded => "nothing recorded",
        NotScheduled => "a rest day",
        NoPromise => "no promise yet",
        Future => "ahead",
    }
}

/// The cursor's day in words: each promise, its note, the wins, the
/// intention, mood and confidence, and the kept line.
fn day_lines(theme: &Theme, day: &DayView, width: usize, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::raw(""));
    for item in &day.items {
        lines.push(Line::from(vec![
            theme.glyph_span(item_glyph(item)),
            Span::raw(" "),
            Span::raw(truncate(&item.promise.text, width.saturating_sub(2))),
        ]));
        if let Some(note) = item.check.as_ref().and_then(|c| c.note.as_ref()) {
            lines.push(Line::from(Span::styled(
                format!("   {}", truncate(&one_line(note), width.saturating_sub(3))),
                theme.dim,
            )));
        }
    }
    if !day.wins.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!("Wins · {}", day.wins.len()),
            theme.title,
        )));
        for w in &day.wins {
            lines.push(Line::from(vec![
                theme.glyph_span(Glyph::Win),
                Span::raw(" "),
                Span::raw(truncate(&one_line(&w.text), width.saturating_sub(2))),
            ]));
        }
    }
    if let Some(c) = &day.checkin {
        lines.push(Line::raw(""));
        if let Some(i) = &c.intention {
            lines.push(Line::from(Span::styled(
                truncate(&format!("“{}”", one_line(i)), width),
                theme.base,
            )));
        }
        if c.confidence.is_some() {
            let mut conf = vec![Span::styled("Morning conf. ", theme.dim)];
            conf.extend(rating_spans(c.confidence, theme));
            lines.push(Line::from(conf));
        }
    }
    if let Some(r) = &day.reflection {
        lines.push(Line::raw(""));
        let mut mood = vec![Span::styled("Mood          ", theme.dim)];
        mood.extend(rating_spans(r.mood, theme));
        lines.push(Line::from(mood));
        let mut conf = vec![Span::styled("Evening conf. ", theme.dim)];
        conf.extend(rating_spans(r.confidence, theme));
        lines.push(Line::from(conf));
    }
    if let Some(kept) = day.kept_line() {
        lines.push(Line::raw(""));
        for part in wrap_words(&kept, width) {
            lines.push(Line::from(Span::styled(part, theme.kept)));
        }
    }
}
