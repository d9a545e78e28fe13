//! The page's two pictures of the record: a calendar heatmap of its days
//! (a column per week, newest at the right, a row per weekday, each day's
//! glyph of the one glyph set, and each week's kept rate as a bar under
//! its column), and its strength week by week as a line chart (ratatui's
//! `Chart`). Reads the story only.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::{self, Marker};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use crate::domain::evidence::{NEW_SLOTS, NewCount};
use crate::domain::history::{Story, StoryWeek};
use crate::domain::model::rounded;
use crate::model::Glyph;
use crate::ui::screens::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::{ASCII_BARS, put_line, weekday_header};

/// Rows the heatmap takes: the months, seven weekdays, the weekly rates.
pub(super) const HEATMAP_H: u16 = 9;
/// Columns before the first week: the weekday's name.
const GUTTER: u16 = 4;

/// The newest weeks of the story that fit in `width` columns (two a week).
pub(super) fn shown_weeks(story: &Story, width: u16) -> &[StoryWeek] {
    let fit = (width.saturating_sub(GUTTER) / 2) as usize;
    &story.weeks[story.weeks.len().saturating_sub(fit)..]
}

/// The glyphs the heatmap draws for `weeks` of `story`.
pub(super) fn heatmap_glyphs(story: &Story, weeks: &[StoryWeek]) -> Vec<Glyph> {
    weeks
        .iter()
        .flat_map(|w| (0..7).filter_map(move |i| w.glyph(i, &story.promise, story.today)))
        .collect()
}

/// The bars of a week's kept rate, lowest first.
fn bars(theme: &Theme) -> [&'static str; 8] {
    let set = if theme.glyphs.ascii() {
        ASCII_BARS
    } else {
        symbols::bar::NINE_LEVELS
    };
    [
        set.one_eighth,
        set.one_quarter,
        set.three_eighths,
        set.half,
        set.five_eighths,
        set.three_quarters,
        set.seven_eighths,
        set.full,
    ]
}

/// The bar of a kept rate: the lowest for none shown up for, the full
/// one for all; nothing for a week that asked nothing.
fn bar(theme: &Theme, rate: Option<f64>) -> &'static str {
    match rate {
        Some(r) => bars(theme)[(r.clamp(0.0, 1.0) * 7.0).round() as usize],
        None => " ",
    }
}

/// What the bars under the heatmap mean.
pub(super) fn rate_legend(theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(bars(theme).concat(), theme.kept),
        Span::styled(
            " under each week: the share it asked that was shown up for",
            theme.dim,
        ),
    ])
}

/// The heatmap of the newest weeks that fit in `area`.
pub(super) fn heatmap(ctx: &Ctx, story: &Story, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let weeks = shown_weeks(story, area.width);
    let Some(first) = weeks.first() else {
        return;
    };
    put_line(buf, area, 0, &month_labels(theme, weeks));
    for (row, name) in weekday_header(first.start.weekday()).iter().enumerate() {
        let mut spans = vec![Span::styled(format!(" {name} "), theme.dim)];
        for week in weeks {
            let day = week.start + chrono::Duration::days(row as i64);
            let glyph = week.glyph(row, &story.promise, story.today);
            let mut style = glyph.map_or(theme.dim, |g| theme.glyph_style(g));
            if day == story.today {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            let text = glyph.map_or(" ", |g| theme.glyph(g));
            spans.push(Span::styled(text.to_string(), style));
            spans.push(Span::raw(" "));
        }
        put_line(buf, area, 1 + row as u16, &Line::from(spans));
    }
    let mut rates = vec![Span::raw(" ".repeat(GUTTER as usize))];
    for week in weeks {
        rates.push(Span::styled(
            format!("{} ", bar(theme, week.rate)),
            theme.kept,
        ));
    }
    put_line(buf, area, 8, &Line::from(rates));
}

/// The month over the column of the week it begins in: "Sep", "Oct"; the
/// first column's month too when no month begins right after it.
fn month_labels(theme: &Theme, weeks: &[StoryWeek]) -> Line<'static> {
    let first_of_month = |week: &StoryWeek| {
        (0..7)
            .map(|d| week.start + chrono::Duration::days(d))
            .find(|d| d.day() == 1)
    };
    let mut text = " ".repeat(GUTTER as usize);
    for (i, week) in weeks.iter().enumerate() {
        let soon = weeks[i + 1..]
            .iter()
            .take(2)
            .any(|w| first_of_month(w).is_some());
        let month = match first_of_month(week) {
            Some(d) => d,
            None if i == 0 && !soon => week.start + chrono::Duration::days(6),
            None => continue,
        };
        let x = GUTTER as usize + 2 * i;
        if text.chars().count() <= x {
            text.push_str(&" ".repeat(x - text.chars().count()));
            text.push_str(&month.format("%b").to_string());
        }
    }
    Line::from(Span::styled(text, theme.dim))
}

/// In the chart's place while a promise is new: when its strength will
/// show, and why not yet.
fn not_yet_strength(theme: &Theme, count: NewCount, area: Rect, buf: &mut Buffer) {
    let more = NEW_SLOTS - count.asked;
    let so_far = match count.asked {
        0 => "the plain count tells it, from the first time it asks".to_string(),
        n => format!(
            "the plain count tells it: shown up for {} of {n}",
            count.shown
        ),
    };
    let text = format!(
        "Its strength shows once it has asked {NEW_SLOTS} times: {more} more to go. Strength is a slow average that suits a long record; until then {so_far}."
    );
    for (i, line) in crate::model::fit::wrap(&text, area.width.saturating_sub(2) as usize)
        .into_iter()
        .enumerate()
    {
        let line = Line::from(Span::styled(format!(" {line}"), theme.dim));
        put_line(buf, area, i as u16, &line);
    }
}

/// Its strength at the end of each week of the story, as a line from its
/// first week to today, 0 to 100%.
pub(super) fn strength_chart(ctx: &Ctx, story: &Story, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    if let Some(count) = story.now.new {
        return not_yet_strength(theme, count, area, buf);
    }
    let points: Vec<(f64, f64)> = story
        .weeks
        .iter()
        .enumerate()
        .map(|(i, w)| (i as f64, rounded(w.strength * 100.0, 1)))
        .collect();
    let Some(first) = story.weeks.first() else {
        return;
    };
    let marker = if theme.glyphs.ascii() {
        Marker::Dot
    } else {
        Marker::Braille
    };
    let kind = if points.len() > 1 {
        GraphType::Line
    } else {
        GraphType::Scatter
    };
    let dataset = Dataset::default()
        .marker(marker)
        .graph_type(kind)
        .style(theme.kept)
        .data(&points);
    let last = points.len().max(2) - 1;
    let x_axis = Axis::default()
        .bounds([0.0, last as f64])
        .style(theme.dim)
        .labels([
            Span::styled(first.start.format("%-d %b").to_string(), theme.dim),
            Span::styled("now", theme.dim),
        ]);
    let y_axis = Axis::default()
        .bounds([0.0, 100.0])
        .style(theme.dim)
        .labels([
            Span::styled("0%", theme.dim),
            Span::styled("50%", theme.dim),
            Span::styled("100%", theme.dim),
        ]);
    Chart::new(vec![dataset])
        .x_axis(x_axis)
        .y_axis(y_axis)
        .render(area, buf);
}
