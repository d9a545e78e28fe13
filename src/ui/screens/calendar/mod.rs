//! The Calendar screen: the months of the journal on a grid of checkmark
//! glyphs, from the month it began (or as many before the cursor's as fill
//! the window, a year at most) to the current one, a cursor that moves by
//! day, week and month, and the cursor's day beside them; Enter opens that
//! day on the Today screen to amend it.
//!
//! - here: [`CalendarState`] holds the cursor, the journal's first day and
//!   the marks loaded around the cursor; `update` moves the cursor, `load`
//!   reads only the days the cursor brings into view that are not loaded
//!   yet, and drawing reads the state only;
//! - `layout.rs`: how many months fit, and how roomy their days are;
//! - `month.rs`: one month's grid of day cells.
//!
//! Uses the domain, the widgets and the key table.

mod layout;
mod month;

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Ctx, Outcome, Version};
use crate::domain::{self, DayMark, DayView, Journal};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::glyphs::{day_span, item_glyph, legend_lines};
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::theme::Theme;
use crate::ui::widgets::{one_line, pane, put_line, rating_spans};
use layout::MonthsLayout;
use month::{MonthGrid, ROOMY_DAY, month_h, today_style, win_span};

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
    /// The journal's first day, and the version it was read at.
    first_day: Option<(Version, Option<NaiveDate>)>,
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
            first_day: None,
            loaded_range: None,
            loaded_cursor: None,
        }
    }

    /// The days the screen may draw: the most months it shows (a year at
    /// most, the cursor's among them; fewer months shown are among these).
    fn range(&self, j: &Journal) -> (NaiveDate, NaiveDate) {
        let months = self.months_shown(j.today(), layout::MOST_MONTHS);
        let first = months.first().copied().unwrap_or(month_of(self.cursor));
        let last = months.last().copied().unwrap_or(month_of(self.cursor));
        let from = j.week_start(first);
        let next = last.checked_add_months(Months::new(1)).unwrap_or(last);
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
        if self.first_day.is_none_or(|(v, _)| v != version) {
            self.first_day = Some((version, j.first_day()?));
            read = true;
        }
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

    /// The months the calendar may show: from the journal's first (or the
    /// cursor's, if earlier) to the current one (or the cursor's, if
    /// later), oldest first.
    fn month_span(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let cursor = month_of(self.cursor);
        let began = self.first_day.and_then(|(_, first)| first);
        let first = began.map_or(month_of(today), month_of).min(cursor);
        (first, month_of(today).max(cursor))
    }

    /// The `count` months (or fewer, if the journal has fewer) shown: from
    /// the journal's first, or ending with the cursor's once it is past
    /// them.
    fn months_shown(&self, today: NaiveDate, count: u16) -> Vec<NaiveDate> {
        let (first, last) = self.month_span(today);
        let n = (months_between(first, last) + 1).min(u32::from(count.max(1)));
        let end = (first + Months::new(n - 1)).max(month_of(self.cursor));
        (0..n)
            .filter_map(|i| end.checked_sub_months(Months::new(n - 1 - i)))
            .collect()
    }

    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let (first, last) = self.month_span(ctx.today);
        let wanted = u16::try_from(months_between(first, last) + 1).unwrap_or(u16::MAX);
        // The legend's room: every glyph the months may draw, and the day's.
        let detail_glyphs: Vec<Glyph> = (self.cursor_day.iter())
            .flat_map(|day| day.items.iter().map(item_glyph))
            .collect();
        let mut may_draw = detail_glyphs.clone();
        for month in self.months_shown(ctx.today, layout::MOST_MONTHS) {
            may_draw.extend(self.grid(ctx, month, ROOMY_DAY, 1).glyphs());
        }
        let legend_h = |width: u16| legend(ctx, width, &may_draw, true).len() as u16;
        let layout = MonthsLayout::at(area, wanted, &legend_h);
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
        let also = if detail_area.is_some() {
            detail_glyphs.as_slice()
        } else {
            &[]
        };
        self.draw_months(ctx, grid_area, layout, also, buf);
        if let Some(detail) = detail_area {
            self.draw_detail(ctx, detail, buf);
        }
    }

    /// The grid of `month` with days `day_w` wide and weeks `row_h` tall.
    fn grid<'a>(&'a self, ctx: &'a Ctx, month: NaiveDate, day_w: u16, row_h: u16) -> MonthGrid<'a> {
        MonthGrid {
            month,
            day_w,
            row_h,
            marks: &self.marks,
            wins: &self.wins,
            week_start: ctx.config.week_starts_on,
            today: ctx.today,
            cursor: self.cursor,
            theme: ctx.theme,
            hits: ctx.hits,
        }
    }

    /// The journal's months that fit, and the legend of their glyphs, of
    /// `also` (the detail's) and of today's mark.
    fn draw_months(
        &self,
        ctx: &Ctx,
        area: Rect,
        layout: MonthsLayout,
        also: &[Glyph],
        buf: &mut Buffer,
    ) {
        let open = ctx.keys.key(Screen::Calendar, Action::Open);
        let block = pane(format!(" Calendar · {open} opens a day "), true, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits.add(inner, Target::Pane(Area::Calendar));
        let shown = self.months_shown(ctx.today, layout.count());
        let months: Vec<MonthGrid> = (shown.iter())
            .map(|&month| self.grid(ctx, month, layout.day_w, layout.row_h))
            .collect();
        let mut drawn: Vec<Glyph> = months.iter().flat_map(MonthGrid::glyphs).collect();
        drawn.extend(also);
        let with_today = shown.contains(&month_of(ctx.today));
        let mut legend = legend(ctx, inner.width, &drawn, with_today);
        if inner.height < month_h(layout.row_h) + legend.len() as u16 {
            legend.clear();
        }
        let legend_h = legend.len() as u16;
        let months_area = Rect {
            height: inner.height.saturating_sub(legend_h),
            ..inner
        };
        let months_area = layout.centred(months.len() as u16, months_area);
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
                    day_span(theme, m),
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

/// The first day of `day`'s month.
fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Whole months from `from`'s to `to`'s (0 for the same month).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    u32::try_from(index(to) - index(from)).unwrap_or(0)
}

/// The legend of the glyphs `drawn`, packed into `width` columns, and
/// today's mark explained in the same way ("21 today") if `with_today`.
fn legend(ctx: &Ctx, width: u16, drawn: &[Glyph], with_today: bool) -> Vec<Line<'static>> {
    let mut lines = legend_lines(ctx.theme, width, drawn);
    // The win mark as the months draw it.
    let win = ctx.theme.glyph(Glyph::Win);
    for span in lines.iter_mut().flat_map(|l| l.spans.iter_mut()) {
        if span.content == win {
            *span = win_span(ctx.theme);
        }
    }
    if !with_today {
        return lines;
    }
    let item = vec![
        Span::styled(format!("{}", ctx.today.day()), today_style(ctx.theme)),
        Span::styled(" today", ctx.theme.dim),
    ];
    match lines.last_mut() {
        Some(last) if last.width() + 9 <= usize::from(width) => last.spans.extend(item),
        _ => lines.push(Line::from(item)),
    }
    lines
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
        NoPromise => "before the journal began",
        Future => "ahead",
    }
}

/// The cursor's day in words: each promise, its note, the wins, the
/// intention, mood and confidence, and the kept line.
fn day_lines(theme: &Theme, day: &DayView, width: usize, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::raw(""));
    for item in &day.items {
        let glyph = theme.glyph_span(item_glyph(item));
        hanging(glyph, &one_line(&item.promise.text), width, lines);
        if let Some(note) = item.check.as_ref().and_then(|c| c.note.as_ref()) {
            for part in fit::wrap_at_most(&one_line(note), width.saturating_sub(3), 2) {
                lines.push(Line::from(Span::styled(format!("   {part}"), theme.dim)));
            }
        }
    }
    if !day.wins.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!("Wins · {}", day.wins.len()),
            theme.title,
        )));
        for w in &day.wins {
            hanging(
                theme.glyph_span(Glyph::Win),
                &one_line(&w.text),
                width,
                lines,
            );
        }
    }
    if let Some(c) = &day.checkin {
        lines.push(Line::raw(""));
        if let Some(i) = &c.intention {
            for part in fit::wrap_at_most(&format!("“{}”", one_line(i)), width, 3) {
                lines.push(Line::from(Span::styled(part, theme.base)));
            }
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
        for part in fit::wrap(&kept, width) {
            lines.push(Line::from(Span::styled(part, theme.kept)));
        }
    }
}

/// `glyph`, a space and `text` wrapped to `width`, the lines after the
/// first under the text.
fn hanging(glyph: Span<'static>, text: &str, width: usize, lines: &mut Vec<Line<'static>>) {
    for (i, part) in fit::wrap(text, width.saturating_sub(2))
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            glyph.clone()
        } else {
            Span::raw(" ")
        };
        lines.push(Line::from(vec![lead, Span::raw(" "), Span::raw(part)]));
    }
}
