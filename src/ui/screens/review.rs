//! The weekly review: one week's evidence (each promise against last week
//! and its strength, twelve weeks of kept rate, mood and confidence side by
//! side, the self-trust gap, wins by area, patterns, notes and lessons), and
//! a second pane to act: suggestions to accept or set aside, and the weekly
//! questions.
//!
//! The evidence pane is composed on a tall canvas and scrolled, so every
//! section keeps its natural height at any window size.

use chrono::Weekday;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Sparkline, SparklineBar, Widget};

use crate::domain::evidence::{Patterns, WeekPoint};
use crate::domain::stats::PromiseWeek;
use crate::domain::{ReviewView, WeekSummary};
use crate::ui::app::{App, ReviewItem, ReviewPane};
use crate::ui::theme::{Theme, mark_glyph};
use crate::ui::widgets::pane;
use crate::ui::widgets::{one_line, put_line, tab_strip, truncate, weekday_header, wrap_words};

/// Width of the acting pane beside the evidence on wide windows.
const ACT_W: u16 = 46;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(review) = &app.data.review else {
        return;
    };
    let wide = area.width >= 100 && area.height >= 20;
    if wide {
        let [week, act] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(ACT_W),
        ]));
        week_pane(app, review, week, buf);
        act_pane(app, review, act, buf);
        return;
    }
    // One pane at a time, with tabs.
    let theme = &app.theme;
    let active = match app.review_pane {
        ReviewPane::Week => 0,
        ReviewPane::Act => 1,
    };
    let spans = tab_strip(&["The week", "Decide"], active, 0, theme);
    put_line(buf, area, 0, &Line::from(spans));
    let rest = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    match app.review_pane {
        ReviewPane::Week => week_pane(app, review, rest, buf),
        ReviewPane::Act => act_pane(app, review, rest, buf),
    }
}

/// How far the evidence pane can scroll on a screen of `screen` size.
pub fn max_scroll(app: &App, screen: Rect) -> u16 {
    let Some(review) = &app.data.review else {
        return 0;
    };
    // The same geometry as `draw`: header, footer, borders, tabs or the
    // acting pane.
    let wide = screen.width >= 100 && screen.height >= 22;
    let width = if wide {
        screen.width.saturating_sub(ACT_W + 2)
    } else {
        screen.width.saturating_sub(2)
    };
    let height = screen.height.saturating_sub(if wide { 4 } else { 5 });
    let total: u16 = sections(app, review, width)
        .iter()
        .map(|s| s.height + 1)
        .sum();
    total.saturating_sub(height)
}

fn week_title(review: &ReviewView) -> String {
    let start = review.week_start;
    let end = start + chrono::Duration::days(6);
    format!(
        " Week of {} – {} · [ ] other weeks ",
        start.format("%-d %b"),
        end.format("%-d %b %Y")
    )
}

fn week_pane(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let block = pane(
        week_title(review),
        app.review_pane == ReviewPane::Week,
        &app.theme,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    // Compose on a canvas as tall as the content, then copy what is in view.
    let sections = sections(app, review, inner.width);
    let total: u16 = sections.iter().map(|s| s.height + 1).sum();
    let canvas_area = Rect::new(0, 0, inner.width, total.max(1));
    let mut canvas = Buffer::empty(canvas_area);
    let mut y = 0;
    for section in &sections {
        let r = Rect::new(0, y, inner.width, section.height);
        (section.draw)(app, review, r, &mut canvas);
        y += section.height + 1;
    }
    let max_scroll = total.saturating_sub(inner.height);
    let scroll = app.review_scroll.min(max_scroll);
    for row in 0..inner.height.min(total.saturating_sub(scroll)) {
        for col in 0..inner.width {
            let cell = &canvas[(col, row + scroll)];
            buf[(inner.x + col, inner.y + row)] = cell.clone();
        }
    }
    if max_scroll > 0 && inner.height > 0 {
        let hint = if scroll < max_scroll {
            "↓ j more"
        } else {
            "↑ k back"
        };
        let x = inner.x + inner.width.saturating_sub(hint.chars().count() as u16 + 1);
        buf.set_string(x, inner.y + inner.height - 1, hint, app.theme.dim);
    }
}

type DrawFn = fn(&App, &ReviewView, Rect, &mut Buffer);

struct Section {
    height: u16,
    draw: DrawFn,
}

fn sections(app: &App, review: &ReviewView, width: u16) -> Vec<Section> {
    let promises = review.summary.promises.len() as u16;
    let mut out = vec![
        Section {
            height: 3,
            draw: overview,
        },
        Section {
            height: promises.max(1) + 1,
            draw: promises_table,
        },
    ];
    let narrow = width < 60;
    out.push(Section {
        height: if narrow { 9 } else { 4 },
        draw: trends,
    });
    out.push(Section {
        height: trust_lines(app, review, width).len().max(1) as u16,
        draw: trust,
    });
    let areas = review.wins_by_area.len().max(1) as u16 + 1;
    let patterns_h = patterns_lines(app, review.patterns.as_ref(), width).len() as u16;
    if width >= 90 {
        out.push(Section {
            height: areas.max(patterns_h),
            draw: areas_and_patterns,
        });
    } else {
        out.push(Section {
            height: areas,
            draw: wins_by_area,
        });
        out.push(Section {
            height: patterns_h.max(1),
            draw: patterns,
        });
    }
    out.push(Section {
        height: notes_lines(app, review, width).len().max(1) as u16,
        draw: notes,
    });
    out
}

fn heading(theme: &Theme, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.title))
}

fn overview(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let week = &review.summary;
    let mut days = vec![Span::raw(" ")];
    for ((_, mark), name) in week
        .days
        .iter()
        .zip(weekday_header(app.journal.config().week_starts_on))
    {
        days.push(Span::styled(format!("{name} "), theme.dim));
        days.push(Span::styled(mark_glyph(*mark), theme.mark(*mark)));
        days.push(Span::raw("  "));
    }
    put_line(buf, area, 0, &Line::from(days));
    let (shown, asked) = week.totals();
    put_line(
        buf,
        area,
        1,
        &Line::from(vec![
            Span::styled(" Showed up ", theme.dim),
            Span::styled(format!("{shown} of {asked}"), theme.kept),
            Span::styled(" times", theme.dim),
            Span::styled(previous_totals(&review.previous), theme.dim),
        ]),
    );
    let avg = |v: Option<f64>| v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into());
    put_line(
        buf,
        area,
        2,
        &Line::from(vec![
            Span::styled(" Wins ", theme.dim),
            Span::styled(week.wins.to_string(), theme.kept),
            Span::styled("   Mood ", theme.dim),
            Span::raw(avg(week.average_mood)),
            Span::styled("   Confidence ", theme.dim),
            Span::raw(avg(week.average_confidence)),
        ]),
    );
}

fn previous_totals(week: &WeekSummary) -> String {
    match week.totals() {
        (s, a) if a > 0 => format!(" (the week before: {s} of {a})"),
        _ => String::new(),
    }
}

fn fraction(p: &PromiseWeek) -> String {
    format!("{}/{}", (p.kept + p.partial).min(p.asked), p.asked)
}

/// Eight cells, filled by the share of asked days shown up for.
fn bar(p: &PromiseWeek) -> String {
    let filled = (p.showed_up_rate().unwrap_or(0.0) * 8.0).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled.min(8)),
        "░".repeat(8 - filled.min(8))
    )
}

fn promises_table(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = area.width as usize;
    let show_strength = width >= 56;
    let fixed = 8 + 1 + 6 + 7 + if show_strength { 10 } else { 0 };
    let name_w = width.saturating_sub(fixed + 2).clamp(6, 40);
    let mut header = format!(
        " {:<name_w$} {:<15} {:<7}",
        "Promise", "this week", "before"
    );
    if show_strength {
        header.push_str("strength");
    }
    put_line(buf, area, 0, &Line::from(Span::styled(header, theme.dim)));
    if review.summary.promises.is_empty() {
        put_line(
            buf,
            area,
            1,
            &Line::from(Span::styled(" No promise was active this week.", theme.dim)),
        );
    }
    for (i, p) in review.summary.promises.iter().enumerate() {
        let last = review
            .previous
            .promises
            .iter()
            .find(|q| q.promise_id == p.promise_id);
        let mut spans = vec![
            Span::raw(format!(" {:<name_w$} ", truncate(&p.text, name_w))),
            Span::styled(bar(p), theme.kept),
            Span::raw(format!(" {:<6} ", fraction(p))),
            Span::styled(
                format!("{:<7}", last.map(fraction).unwrap_or_else(|| "—".into())),
                theme.dim,
            ),
        ];
        if show_strength && let Some(e) = review.strengths.get(&p.promise_id) {
            spans.push(Span::styled(
                format!("{:>3.0}%", e.strength * 100.0),
                theme.accent,
            ));
        }
        put_line(buf, area, i as u16 + 1, &Line::from(spans));
    }
}

/// One sparkline: label, values on a 0–100 scale, latest value, style.
type Series<'a> = (&'a str, Vec<Option<u64>>, Option<String>, Style);

/// Twelve weeks of kept rate, mood and confidence as sparklines, side by
/// side (stacked on narrow windows).
fn trends(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let series: [Series; 3] = [
        (
            "Kept",
            review
                .weeks
                .iter()
                .map(|w| w.kept_rate.map(|r| (r * 100.0).round() as u64))
                .collect(),
            review
                .weeks
                .last()
                .and_then(|w| w.kept_rate)
                .map(|r| format!("{:.0}%", r * 100.0)),
            theme.kept,
        ),
        (
            "Mood",
            scaled(&review.weeks, |w| w.mood),
            review
                .weeks
                .last()
                .and_then(|w| w.mood)
                .map(|m| format!("{m:.1}")),
            theme.accent,
        ),
        (
            "Confidence",
            scaled(&review.weeks, |w| w.confidence),
            review
                .weeks
                .last()
                .and_then(|w| w.confidence)
                .map(|c| format!("{c:.1}")),
            theme.accent,
        ),
    ];
    let narrow = area.width < 60;
    let cells: Vec<Rect> = if narrow {
        (0..3)
            .map(|i| Rect::new(area.x, area.y + i * 3, area.width, 3))
            .collect()
    } else {
        area.layout_vec(&Layout::horizontal([Constraint::Fill(1); 3]).spacing(2))
    };
    for ((label, data, latest, style), cell) in series.into_iter().zip(cells) {
        let title = format!(" {label} · 12 weeks {}", latest.unwrap_or_default());
        put_line(buf, cell, 0, &Line::from(Span::styled(title, theme.dim)));
        let chart = Rect {
            x: cell.x + 1,
            y: cell.y + 1,
            width: cell.width.saturating_sub(1).min(24),
            height: cell.height.saturating_sub(1),
        };
        let bars: Vec<SparklineBar> = data.iter().map(SparklineBar::from).collect();
        Sparkline::default()
            .data(bars)
            .max(100)
            .style(style)
            .absent_value_symbol("·")
            .absent_value_style(theme.dim)
            .render(chart, buf);
    }
}

/// 0–10 values on the 0–100 scale of the kept-rate chart.
fn scaled(weeks: &[WeekPoint], f: impl Fn(&WeekPoint) -> Option<f64>) -> Vec<Option<u64>> {
    weeks
        .iter()
        .map(|w| f(w).map(|v| (v * 10.0).round() as u64))
        .collect()
}

fn trust_lines(app: &App, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![heading(theme, " Self-trust")];
    let week = review.weeks.last();
    let text = match (
        week.and_then(|w| w.kept_on_checkin_days),
        week.and_then(|w| w.confidence_on_checkin_days),
    ) {
        (Some(kept), Some(conf)) => {
            let gap = kept - conf;
            let verdict = if gap >= 1.0 {
                "your record is ahead of your confidence."
            } else if gap <= -1.0 {
                "your confidence ran ahead of the days; the promises may be a size too big."
            } else {
                "confidence and record agree."
            };
            format!(
                "On check-in days you kept {kept:.1}/10 while your morning confidence averaged {conf:.1}: {verdict}"
            )
        }
        _ => "Rate your confidence at the morning check-in to see it beside what you did.".into(),
    };
    for part in wrap_words(&text, width.saturating_sub(2) as usize) {
        lines.push(Line::from(format!(" {part}")));
    }
    let ahead = review
        .weeks
        .iter()
        .filter(|w| w.trust_gap().is_some_and(|g| g >= 1.0))
        .count();
    let measured = review
        .weeks
        .iter()
        .filter(|w| w.trust_gap().is_some())
        .count();
    if measured >= 2 {
        let trend = format!(
            "In {ahead} of the last {measured} weeks with check-ins, what you did beat what you expected."
        );
        for part in wrap_words(&trend, width.saturating_sub(2) as usize) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    lines
}

fn trust(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in trust_lines(app, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}

fn areas_and_patterns(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let [left, right] = area.layout(&Layout::horizontal([Constraint::Fill(1); 2]).spacing(2));
    wins_by_area(app, review, left, buf);
    patterns(app, review, right, buf);
}

fn wins_by_area(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    put_line(buf, area, 0, &heading(theme, " Wins by area"));
    let body = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(1).min(36),
        height: area.height.saturating_sub(1),
    };
    if review.wins_by_area.is_empty() {
        put_line(
            buf,
            body,
            0,
            &Line::from(Span::styled("No wins logged this week yet.", theme.dim)),
        );
        return;
    }
    let label_w = review
        .wins_by_area
        .iter()
        .map(|(a, _)| a.chars().count())
        .max()
        .unwrap_or(4)
        .min(12);
    let bars: Vec<Bar> = review
        .wins_by_area
        .iter()
        .map(|(name, n)| {
            Bar::with_label(
                format!("{:<label_w$}", truncate(name, label_w)),
                u64::from(*n),
            )
            .text_value(format!(" {n}"))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.kept)
        .value_style(theme.base)
        .label_style(theme.dim)
        .render(body, buf);
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

fn patterns_lines(app: &App, patterns: Option<&Patterns>, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let w = width.saturating_sub(2) as usize;
    let mut lines = vec![heading(theme, " Patterns")];
    let Some(p) = patterns else {
        lines.push(Line::from(Span::styled(
            " Patterns appear after four weeks of records.",
            theme.dim,
        )));
        return lines;
    };
    let days = match (p.best_day, p.hardest_day) {
        (Some(best), Some(hard)) => format!(
            "{} go best; {} are hardest so far.",
            weekday_name(best),
            weekday_name(hard)
        ),
        _ => "Every weekday goes about the same.".into(),
    };
    for part in wrap_words(&days, w) {
        lines.push(Line::from(format!(" {part}")));
    }
    let total: u32 = p.win_times.iter().map(|(_, n)| n).sum();
    if total > 0 {
        let times: Vec<String> = p
            .win_times
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        for part in wrap_words(&format!("Wins logged: {}.", times.join(" · ")), w) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    if let Some((area_name, n)) = p.areas.first() {
        let text = format!("Most wins come from {area_name} ({n} in twelve weeks).");
        for part in wrap_words(&text, w) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    lines
}

fn patterns(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in patterns_lines(app, review.patterns.as_ref(), area.width)
        .iter()
        .enumerate()
    {
        put_line(buf, area, i as u16, line);
    }
}

fn notes_lines(app: &App, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![heading(theme, " Notes and lessons")];
    if review.misses.is_empty() {
        lines.push(Line::from(Span::styled(" No notes this week.", theme.dim)));
    }
    let w = width.saturating_sub(4) as usize;
    for m in &review.misses {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", m.day.format("%a")), theme.dim),
            Span::raw(truncate(&m.promise, w.saturating_sub(4))),
        ]));
        if let Some(note) = &m.note {
            lines.push(Line::from(Span::styled(
                format!("     {}", truncate(&one_line(note), w)),
                theme.dim,
            )));
        }
        if let Some(lesson) = &m.lesson {
            lines.push(Line::from(vec![
                Span::styled("     lesson: ", theme.dim),
                Span::styled(
                    truncate(&one_line(lesson), w.saturating_sub(8)),
                    theme.accent,
                ),
            ]));
        }
    }
    lines
}

fn notes(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in notes_lines(app, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}

fn act_pane(app: &App, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.review_pane == ReviewPane::Act;
    let block = pane(" Decide · a accept · x set aside ", focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width.saturating_sub(4) as usize;
    let items = app.review_items();
    let mut lines: Vec<Line> = Vec::new();
    let mut item_rows = Vec::new();
    let answers = review.review.as_ref().map(|r| &r.answers);
    if review.suggestions.is_empty() {
        let text = if review.week_start == app.journal.week_start(app.today) {
            "Nothing to recalibrate this week: the promises fit."
        } else {
            "Suggestions are made for the current week."
        };
        lines.push(Line::from(Span::styled(format!(" {text}"), theme.dim)));
        lines.push(Line::raw(""));
    }
    for (i, item) in items.iter().enumerate() {
        let selected = focused && i == app.review_sel;
        item_rows.push(lines.len());
        let marker = if selected { "▸ " } else { "  " };
        match item {
            ReviewItem::Suggestion(s) => {
                for (j, part) in wrap_words(&s.headline, w).into_iter().enumerate() {
                    let mut line = Line::from(vec![
                        Span::raw(if j == 0 { marker } else { "  " }),
                        Span::styled(if j == 0 { "◆ " } else { "  " }, theme.kept),
                        Span::styled(part, theme.title),
                    ]);
                    if selected {
                        line = line.style(theme.selected);
                    }
                    lines.push(line);
                }
                for part in wrap_words(&s.reason, w) {
                    lines.push(Line::from(Span::styled(format!("    {part}"), theme.dim)));
                }
                lines.push(Line::raw(""));
            }
            ReviewItem::Question { key, prompt } => {
                for (j, part) in wrap_words(prompt, w).into_iter().enumerate() {
                    let mut line = Line::from(vec![
                        Span::raw(if j == 0 { marker } else { "  " }),
                        Span::styled(if j == 0 { "? " } else { "  " }, theme.accent),
                        Span::raw(part),
                    ]);
                    if selected {
                        line = line.style(theme.selected);
                    }
                    lines.push(line);
                }
                match answers.and_then(|a| a.get(key)) {
                    Some(answer) => {
                        for part in wrap_words(&one_line(answer), w).into_iter().take(3) {
                            lines.push(Line::from(format!("    {part}")));
                        }
                    }
                    None => {
                        lines.push(Line::from(Span::styled("    — Enter to answer", theme.dim)))
                    }
                }
            }
        }
    }
    if let Some(r) = &review.review
        && !r.decisions.is_empty()
    {
        lines.push(Line::raw(""));
        lines.push(heading(theme, " Decided this week"));
        for d in &r.decisions {
            let (glyph, verb) = if d.accepted {
                ("✓", "")
            } else {
                ("·", "set aside: ")
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {glyph} "), theme.kept),
                Span::styled(truncate(&format!("{verb}{}", d.headline), w + 1), theme.dim),
            ]));
        }
    }
    let sel_row = item_rows.get(app.review_sel).copied().unwrap_or(0);
    let height = inner.height as usize;
    let start = if focused {
        (sel_row + 4).saturating_sub(height)
    } else {
        0
    };
    for (row, line) in lines.iter().skip(start).take(height).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
}
