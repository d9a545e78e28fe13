//! The sections of the Review screen's evidence pane, each with its
//! natural height: the week at a glance, each promise against the week
//! before, twelve weeks of trends, the self-trust gap, wins by area,
//! patterns, and notes and lessons. Every figure says the period it
//! covers: this week, the week before, or the twelve weeks together.
//! Drawing only, from a `ReviewView`: uses the domain's values, the theme
//! and the widgets.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Sparkline, SparklineBar, Widget};

use crate::domain::evidence::trust::{self, Verdict};
use crate::domain::evidence::{Patterns, StrengthShown, WeekPoint};
use crate::domain::stats::PromiseWeek;
use crate::domain::words::{
    capitalised, count, fraction_legend, one_decimal, out_of_ten, part_of, percent,
    still_open_words, strength_words, week_fraction, weekday_plural, which_week,
};
use crate::domain::{ReviewView, WeekSummary};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::glyphs::{day_glyph, day_span, legend_lines};
use crate::ui::screens::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::{ASCII_BARS, fit_line, one_line, put_line, weekday_header, wrap_line};

type DrawFn = fn(&Ctx, &ReviewView, Rect, &mut Buffer);

struct Section {
    height: u16,
    draw: DrawFn,
}

/// Draws every section, one blank row apart, on a canvas `width` wide and
/// as tall as they need.
pub fn compose(ctx: &Ctx, review: &ReviewView, width: u16) -> Buffer {
    let sections = sections(ctx, review, width);
    let total: u16 = sections.iter().map(|s| s.height + 1).sum();
    let mut canvas = Buffer::empty(Rect::new(0, 0, width, total.max(1)));
    let mut y = 0;
    for section in &sections {
        let r = Rect::new(0, y, width, section.height);
        (section.draw)(ctx, review, r, &mut canvas);
        y += section.height + 1;
    }
    canvas
}

fn sections(ctx: &Ctx, review: &ReviewView, width: u16) -> Vec<Section> {
    let promises = review.summary.promises.len() as u16;
    let mut out = vec![
        Section {
            height: overview_lines(ctx, review, width).len() as u16,
            draw: overview,
        },
        Section {
            height: legend(ctx, review, width).len() as u16,
            draw: draw_legend,
        },
        Section {
            height: promises.max(1) + 1 + u16::from(table_legend(review).is_some()),
            draw: promises_table,
        },
    ];
    out.push(Section {
        height: 1 + SERIES as u16,
        draw: trends,
    });
    out.push(Section {
        height: trust_lines(ctx, review, width).len().max(1) as u16,
        draw: trust,
    });
    let areas = review.wins_by_area.len().max(1) as u16 + 1;
    let patterns_h = patterns_lines(ctx, review.patterns.as_ref(), width).len() as u16;
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
        height: notes_lines(ctx, review, width).len().max(1) as u16,
        draw: notes,
    });
    out
}

pub(super) fn heading(theme: &Theme, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.title))
}

fn overview(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in overview_lines(ctx, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}

/// Whether the review's week holds today: "this week", else "that week".
fn current(ctx: &Ctx, review: &ReviewView) -> bool {
    review.summary.end >= ctx.today
}

/// The week's days, how it went against the week before, what is still
/// open (as Today counts it), and its wins and ratings: sentences, wrapped
/// to `width`. A past week is "that week".
fn overview_lines(ctx: &Ctx, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let week = &review.summary;
    let mut days = vec![];
    for ((_, mark), name) in week
        .days
        .iter()
        .zip(weekday_header(ctx.config.week_starts_on))
    {
        days.push(Span::styled(format!("{name} "), theme.dim));
        days.push(day_span(theme, *mark));
        days.push(Span::raw("  "));
    }
    let current = current(ctx, review);
    let so_far = if current { " so far" } else { "" };
    let when = capitalised(which_week(current));
    let mut sentences = vec![Line::from(days), showed_up(theme, &when, week, so_far)];
    if let Some(open) = still_open_words(week) {
        sentences.push(Line::from(Span::styled(
            format!("Still open: {open}"),
            theme.dim,
        )));
    }
    sentences.push(showed_up(theme, "The week before", &review.previous, ""));
    let avg = |v: Option<f64>| v.map(one_decimal).unwrap_or_else(|| "—".into());
    sentences.push(Line::from(vec![
        Span::styled(format!("{when}: wins "), theme.dim),
        Span::styled(week.wins.to_string(), theme.kept),
        Span::styled(" · mood ", theme.dim),
        Span::raw(avg(week.average_mood)),
        Span::styled(" · confidence: morning ", theme.dim),
        Span::raw(avg(week.average_morning_confidence)),
        Span::styled(", evening ", theme.dim),
        Span::raw(avg(week.average_evening_confidence)),
    ]));
    let mut lines = Vec::new();
    for sentence in &sentences {
        for part in wrap_line(sentence, width.saturating_sub(1) as usize) {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(part.spans);
            lines.push(Line::from(spans));
        }
    }
    lines
}

/// The legend of the week's glyphs, in the words of the one legend.
fn legend(ctx: &Ctx, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let drawn: Vec<Glyph> = review
        .summary
        .days
        .iter()
        .filter_map(|(_, m)| day_glyph(*m))
        .collect();
    legend_lines(ctx.theme, width.saturating_sub(1), &drawn)
        .into_iter()
        .map(|mut line| {
            line.spans.insert(0, Span::raw(" "));
            line
        })
        .collect()
}

fn draw_legend(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in legend(ctx, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}

/// "This week: showed up 18 of 21 times asked so far", or that nothing
/// was asked (what is still open has its own line).
fn showed_up(theme: &Theme, when: &str, week: &WeekSummary, so_far: &str) -> Line<'static> {
    match week.totals() {
        (shown, asked) if asked > 0 => Line::from(vec![
            Span::styled(format!("{when}: showed up "), theme.dim),
            Span::styled(format!("{shown} of {asked}"), theme.kept),
            Span::styled(
                format!(
                    " {}{so_far}",
                    if asked == 1 {
                        "time asked"
                    } else {
                        "times asked"
                    }
                ),
                theme.dim,
            ),
        ]),
        _ if still_open_words(week).is_some() => {
            Line::from(Span::styled(format!("{when}: nothing due yet"), theme.dim))
        }
        _ => Line::from(Span::styled(
            format!("{when}: nothing was asked for"),
            theme.dim,
        )),
    }
}

/// Eight cells, filled by the share of what the week asks that was shown
/// up for (so an N-times-a-week promise fills as its week goes).
fn bar(p: &PromiseWeek) -> String {
    let share = if p.asked > 0 {
        f64::from(p.shown.min(p.asked)) / f64::from(p.asked)
    } else {
        0.0
    };
    let filled = (share * 8.0).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled.min(8)),
        "░".repeat(8 - filled.min(8))
    )
}

fn promises_table(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let width = area.width as usize;
    let show_strength = width >= 66;
    let current = current(ctx, review);
    // The columns are as wide as what they hold: the bar and this week's
    // count, the week before's count, then strength; the names take the
    // room left, as much as the longest needs.
    let befores: Vec<String> = (review.summary.promises.iter())
        .map(|p| {
            (review.previous.promises.iter())
                .find(|q| q.promise_id == p.promise_id)
                .map(week_fraction)
                .unwrap_or_else(|| "—".into())
        })
        .collect();
    let count_w = (review.summary.promises.iter())
        .map(|p| fit::width(&week_fraction(p)))
        .max()
        .unwrap_or(0)
        .clamp(4, 14);
    let this_w = (8 + 1 + count_w + 2).max(which_week(current).len() + 1);
    let before_w =
        (befores.iter().map(|b| fit::width(b)).max().unwrap_or(0) + 1).max("week before ".len());
    let fixed = 1 + 1 + this_w + before_w + if show_strength { 14 } else { 0 };
    let widest = (review.summary.promises.iter())
        .map(|p| fit::width(&one_line(&p.text)))
        .max()
        .unwrap_or(0)
        .max("Promise".len());
    let name_w = width.saturating_sub(fixed).min(widest).max(6);
    let mut header = format!(
        " {:<name_w$} {:<this_w$}{:<before_w$}",
        "Promise",
        which_week(current),
        "week before"
    );
    // New promises show their plain count; strength only once one has it.
    let all_new = (review.strengths.values()).all(|e| e.new.is_some());
    if show_strength && all_new {
        header.push_str("since it began");
    } else if show_strength {
        header.push_str(if current {
            "strength today"
        } else {
            "strength at week's end"
        });
    }
    let header = fit_line(Line::from(Span::styled(header, theme.dim)), width);
    put_line(buf, area, 0, &header);
    if review.summary.promises.is_empty() {
        put_line(
            buf,
            area,
            1,
            &Line::from(Span::styled(
                format!(" No promise was active {}.", which_week(current)),
                theme.dim,
            )),
        );
    }
    let frac_w = this_w - 10;
    for (i, (p, before)) in review.summary.promises.iter().zip(&befores).enumerate() {
        let mut spans = vec![
            Span::raw(format!(
                " {} ",
                pad(&fit::cut(&one_line(&p.text), name_w), name_w)
            )),
            Span::styled(bar(p), theme.kept),
            Span::raw(format!(
                " {} ",
                pad(&fit::cut(&week_fraction(p), frac_w), frac_w)
            )),
            // The last column is not padded: a cut is never only spaces.
            Span::styled(
                if show_strength {
                    pad(before, before_w)
                } else {
                    before.clone()
                },
                theme.dim,
            ),
        ];
        if show_strength && let Some(e) = review.strengths.get(&p.promise_id) {
            let said = match e.shown_as() {
                StrengthShown::Score(v) => format!("{:>4}", percent(v)),
                new => strength_words(new),
            };
            spans.push(Span::styled(said, theme.accent));
        }
        put_line(buf, area, i as u16 + 1, &fit_line(Line::from(spans), width));
    }
    if let Some(legend) = table_legend(review) {
        let row = review.summary.promises.len() as u16 + 1;
        let legend = format!(" {legend}");
        put_line(
            buf,
            area,
            row,
            &Line::from(Span::styled(fit::cut(&legend, width), theme.dim)),
        );
    }
}

/// What the table's short counts mean, with their own numbers.
fn table_legend(review: &ReviewView) -> Option<String> {
    let this_week = review.summary.promises.iter();
    let previous = (review.previous.promises.iter())
        .filter(|p| (review.summary.promises.iter()).any(|q| q.promise_id == p.promise_id));
    fraction_legend(this_week.chain(previous))
}

/// `text` and spaces after it to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(fit::width(text)))
    )
}

/// The series drawn side by side over twelve weeks.
const SERIES: usize = 4;

/// One sparkline: label, values on a 0–100 scale, the twelve weeks'
/// figure, style.
type Series<'a> = (&'a str, Vec<Option<u64>>, Option<String>, Style);

/// Twelve weeks of showing up, mood and both confidences, one line each,
/// with the figure over all twelve weeks together (never the last week's).
fn trends(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    put_line(
        buf,
        area,
        0,
        &heading(
            theme,
            " Twelve weeks ending with this one, and all twelve together",
        ),
    );
    let label_w = 21;
    for (i, (label, data, together, style)) in series(theme, review).into_iter().enumerate() {
        let row = Rect {
            y: area.y + 1 + i as u16,
            height: 1,
            ..area
        };
        put_line(
            buf,
            row,
            0,
            &Line::from(Span::styled(
                format!(" {label:<w$}", w = label_w - 1),
                theme.dim,
            )),
        );
        let chart = Rect {
            x: row.x + label_w as u16,
            width: (data.len() as u16).min(row.width.saturating_sub(label_w as u16)),
            ..row
        };
        let bars: Vec<SparklineBar> = data.iter().map(SparklineBar::from).collect();
        let mut sparkline = Sparkline::default()
            .data(bars)
            .max(100)
            .style(style)
            .absent_value_symbol(theme.glyph(Glyph::NotRecorded).to_string())
            .absent_value_style(theme.dim);
        if theme.glyphs.ascii() {
            sparkline = sparkline.bar_set(ASCII_BARS);
        }
        sparkline.render(chart, buf);
        let figure = Rect {
            x: chart.x + chart.width + 2,
            width: row.width.saturating_sub(label_w as u16 + chart.width + 2),
            ..row
        };
        let text = together.unwrap_or_else(|| "—".into());
        put_line(buf, figure, 0, &Line::from(Span::raw(text)));
    }
}

/// Showing up, mood and both confidences over the twelve weeks.
fn series<'a>(theme: &Theme, review: &ReviewView) -> [Series<'a>; SERIES] {
    let t = &review.twelve_weeks;
    [
        (
            "Showed up",
            review
                .weeks
                .iter()
                .map(|w| w.kept_rate.map(|r| (r * 100.0).round() as u64))
                .collect(),
            t.kept_rate.map(percent),
            theme.kept,
        ),
        (
            "Mood",
            scaled(&review.weeks, |w| w.mood),
            t.mood.map(out_of_ten),
            theme.accent,
        ),
        (
            "Morning confidence",
            scaled(&review.weeks, |w| w.morning_confidence),
            t.morning_confidence.map(out_of_ten),
            theme.accent,
        ),
        (
            "Evening confidence",
            scaled(&review.weeks, |w| w.evening_confidence),
            t.evening_confidence.map(out_of_ten),
            theme.accent,
        ),
    ]
}

/// 0–10 values on the 0–100 scale of the kept-rate chart.
fn scaled(weeks: &[WeekPoint], f: impl Fn(&WeekPoint) -> Option<f64>) -> Vec<Option<u64>> {
    weeks
        .iter()
        .map(|w| f(w).map(|v| (v * 10.0).round() as u64))
        .collect()
}

fn trust_lines(ctx: &Ctx, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let when = which_week(current(ctx, review));
    let mut lines = vec![heading(
        theme,
        &format!(" Self-trust {when} (morning confidence)"),
    )];
    for part in fit::wrap(
        &review.self_trust.sentence,
        width.saturating_sub(2) as usize,
    ) {
        lines.push(Line::from(format!(" {part}")));
    }
    // Only weeks with a reading count: never a verdict from too few days.
    let readings: Vec<Verdict> = (review.weeks.iter())
        .map(|w| trust::verdict(w, ctx.today))
        .filter(|v| !matches!(v, Verdict::TooSoon { .. }))
        .collect();
    let ahead = readings.iter().filter(|v| **v == Verdict::Ahead).count();
    if readings.len() >= 2 {
        let trend = format!(
            "In {} weeks with enough morning check-ins among the last twelve, what you did beat what you expected.",
            part_of(ahead, readings.len())
        );
        for part in fit::wrap(&trend, width.saturating_sub(2) as usize) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    lines
}

fn trust(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in trust_lines(ctx, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}

fn areas_and_patterns(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let [left, right] = area.layout(&Layout::horizontal([Constraint::Fill(1); 2]).spacing(2));
    wins_by_area(ctx, review, left, buf);
    patterns(ctx, review, right, buf);
}

fn wins_by_area(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let when = which_week(current(ctx, review));
    put_line(
        buf,
        area,
        0,
        &heading(theme, &format!(" Wins by area {when}")),
    );
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
            &Line::from(Span::styled(
                if when == "this week" {
                    "No wins logged this week yet."
                } else {
                    "No wins logged that week."
                },
                theme.dim,
            )),
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
                format!("{:<label_w$}", fit::cut(name, label_w)),
                u64::from(*n),
            )
            .text_value(format!(" {n}"))
        })
        .collect();
    let mut chart = BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.kept)
        .value_style(theme.base)
        .label_style(theme.dim);
    if theme.glyphs.ascii() {
        chart = chart.bar_set(ASCII_BARS);
    }
    chart.render(body, buf);
}

fn patterns_lines(ctx: &Ctx, patterns: Option<&Patterns>, width: u16) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let w = width.saturating_sub(2) as usize;
    let mut lines = vec![heading(theme, " Patterns over twelve weeks")];
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
            weekday_plural(best),
            weekday_plural(hard)
        ),
        _ => "Every weekday goes about the same.".into(),
    };
    for part in fit::wrap(&days, w) {
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
        for part in fit::wrap(&format!("When wins came: {}.", times.join(" · ")), w) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    if let Some((area_name, n)) = p.areas.first() {
        let text = format!(
            "Most wins come from {area_name} ({}).",
            count(*n, "win", "wins")
        );
        for part in fit::wrap(&text, w) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
    }
    lines
}

fn patterns(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in patterns_lines(ctx, review.patterns.as_ref(), area.width)
        .iter()
        .enumerate()
    {
        put_line(buf, area, i as u16, line);
    }
}

fn notes_lines(ctx: &Ctx, review: &ReviewView, width: u16) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let when = which_week(current(ctx, review));
    let mut lines = vec![heading(theme, &format!(" Notes and lessons {when}"))];
    if review.misses.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" No notes {when}."),
            theme.dim,
        )));
    }
    let w = width.saturating_sub(4) as usize;
    for m in &review.misses {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", m.day.format("%a")), theme.dim),
            Span::raw(fit::cut(&m.promise, w.saturating_sub(4))),
        ]));
        if let Some(note) = &m.note {
            lines.push(Line::from(Span::styled(
                format!("     {}", fit::cut(&one_line(note), w)),
                theme.dim,
            )));
        }
        if let Some(lesson) = &m.lesson {
            lines.push(Line::from(vec![
                Span::styled("     lesson: ", theme.dim),
                Span::styled(
                    fit::cut(&one_line(lesson), w.saturating_sub(8)),
                    theme.accent,
                ),
            ]));
        }
    }
    lines
}

fn notes(ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    for (i, line) in notes_lines(ctx, review, area.width).iter().enumerate() {
        put_line(buf, area, i as u16, line);
    }
}
