//! Browse past weeks and months on a grid; open any day to amend it.

use chrono::{Datelike, Months};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::domain::DayView;
use crate::ui::app::App;
use crate::ui::theme::{mark_glyph, status_glyph};
use crate::ui::widgets::pane;
use crate::ui::widgets::{
    MONTH_H, MONTH_W, MonthGrid, legend_lines, one_line, put_line, rating_spans, truncate,
    wrap_words,
};

const DETAIL_W: u16 = 38;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let show_detail = area.width >= MONTH_W + 2 + DETAIL_W;
    let (grid_area, detail_area) = if show_detail {
        let [g, d] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(DETAIL_W),
        ]));
        (g, Some(d))
    } else {
        (area, None)
    };
    let block = pane(" Calendar · Enter opens a day ", true, &app.theme);
    let inner = block.inner(grid_area);
    block.render(grid_area, buf);
    let mut legend = legend_lines(&app.theme, inner.width, true);
    if inner.height < MONTH_H + legend.len() as u16 {
        legend.clear();
    }
    let legend_h = legend.len() as u16;
    let months_area = Rect {
        height: inner.height.saturating_sub(legend_h),
        ..inner
    };
    let cols = (months_area.width / (MONTH_W + 1)).max(1);
    let rows = (months_area.height / (MONTH_H + 1)).max(1);
    let count = u32::from(cols * rows).min(12);
    let cursor_month = app.cursor.with_day(1).unwrap_or(app.cursor);
    for i in 0..count {
        let back = count - 1 - i;
        let Some(month) = cursor_month.checked_sub_months(Months::new(back)) else {
            continue;
        };
        let col = (i as u16) % cols;
        let row = (i as u16) / cols;
        let cell = Rect {
            x: months_area.x + col * (MONTH_W + 1),
            y: months_area.y + row * (MONTH_H + 1),
            width: MONTH_W.min(months_area.width.saturating_sub(col * (MONTH_W + 1))),
            height: MONTH_H.min(months_area.height.saturating_sub(row * (MONTH_H + 1))),
        };
        MonthGrid {
            month,
            marks: &app.data.calendar,
            wins: &app.data.calendar_wins,
            week_start: app.journal.config().week_starts_on,
            today: app.today,
            cursor: app.cursor,
            theme: &app.theme,
        }
        .render(cell, buf);
    }
    for (i, line) in legend.iter().enumerate() {
        put_line(
            buf,
            inner,
            inner.height.saturating_sub(legend_h) + i as u16,
            line,
        );
    }
    if let Some(detail) = detail_area {
        draw_detail(app, detail, buf);
    }
}

fn draw_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let title = format!(" {} ", app.cursor.format("%A %-d %B"));
    let block = pane(title, false, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mark = app
        .data
        .calendar
        .iter()
        .find(|(d, _)| *d == app.cursor)
        .map(|(_, m)| *m);
    if app.cursor > app.today {
        lines.push(Line::from(Span::styled("Still ahead.", theme.dim)));
    } else if let Some(day) = &app.data.cursor_day {
        if let Some(m) = mark {
            lines.push(Line::from(vec![
                Span::styled(mark_glyph(m), theme.mark(m)),
                Span::styled(format!(" {}", mark_words(m)), theme.dim),
            ]));
        }
        day_lines(app, day, width, &mut lines);
    }
    for (row, line) in lines.iter().take(inner.height as usize).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
}

fn mark_words(m: crate::domain::DayMark) -> &'static str {
    use crate::domain::DayMark::*;
    match m {
        AllKept => "every promise kept",
        SomeKept => "showed up for some",
        NoneKept => "nothing marked kept",
        NotScheduled => "a rest day",
        Future => "ahead",
    }
}

fn day_lines(app: &App, day: &DayView, width: usize, lines: &mut Vec<Line<'static>>) {
    let theme = &app.theme;
    lines.push(Line::raw(""));
    for item in &day.items {
        let status = item.status();
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", status_glyph(status)), theme.status(status)),
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
                Span::styled("★ ", theme.kept),
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
    }
    if let Some(r) = &day.reflection {
        lines.push(Line::raw(""));
        let mut mood = vec![Span::styled("Mood       ", theme.dim)];
        mood.extend(rating_spans(r.mood, theme));
        lines.push(Line::from(mood));
        let mut conf = vec![Span::styled("Confidence ", theme.dim)];
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
