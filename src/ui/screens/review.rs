//! A plain summary of one week: kept counts beside last week's, wins, mood
//! and confidence.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::pane;
use crate::domain::{PromiseWeek, WeekSummary};
use crate::ui::app::App;
use crate::ui::theme::mark_glyph;
use crate::ui::widgets::{put_line, truncate, weekday_header};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let start = app.review_week;
    let end = start + chrono::Duration::days(6);
    let title = format!(
        " Week of {} – {} · h/l: other weeks ",
        start.format("%-d %b"),
        end.format("%-d %b %Y")
    );
    let block = pane(title, true, app);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(week) = &app.data.week else {
        return;
    };
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut days = vec![Span::raw(" ")];
    for ((_, mark), name) in week
        .days
        .iter()
        .zip(weekday_header(app.journal.config().week_starts_on))
    {
        days.push(Span::styled(format!("{name} "), theme.dim));
        days.push(Span::styled(mark_glyph(*mark), theme.mark(*mark)));
        days.push(Span::raw("   "));
    }
    lines.push(Line::from(days));
    lines.push(Line::raw(""));
    let (shown, asked) = week.totals();
    lines.push(Line::from(vec![
        Span::styled(" Showed up ", theme.dim),
        Span::styled(format!("{shown} of {asked}"), theme.kept),
        Span::styled(" times this week", theme.dim),
        Span::styled(previous_totals(app.data.previous_week.as_ref()), theme.dim),
    ]));
    lines.push(Line::raw(""));
    let name_w = width.saturating_sub(34).clamp(8, 40);
    lines.push(Line::from(Span::styled(
        format!(
            " {:<name_w$}  {:<16} {}",
            "Promise", "this week", "last week"
        ),
        theme.dim,
    )));
    for p in &week.promises {
        let last = app
            .data
            .previous_week
            .as_ref()
            .and_then(|w| w.promises.iter().find(|q| q.promise_id == p.promise_id));
        lines.push(Line::from(vec![
            Span::raw(format!(" {:<name_w$}  ", truncate(&p.text, name_w))),
            Span::styled(bar(p), theme.kept),
            Span::raw(format!(" {:<6}", fraction(p))),
            Span::styled(last.map(fraction).unwrap_or_else(|| "—".into()), theme.dim),
        ]));
    }
    if week.promises.is_empty() {
        lines.push(Line::from(Span::styled(
            " No promise was active this week.",
            theme.dim,
        )));
    }
    lines.push(Line::raw(""));
    let avg = |v: Option<f64>| {
        v.map(|x| format!("{x:.1}/10"))
            .unwrap_or_else(|| "—".into())
    };
    lines.push(Line::from(vec![
        Span::styled(" Wins ", theme.dim),
        Span::styled(week.wins.to_string(), theme.kept),
        Span::styled("   Mood ", theme.dim),
        Span::raw(avg(week.average_mood)),
        Span::styled("   Confidence ", theme.dim),
        Span::raw(avg(week.average_confidence)),
    ]));
    for (row, line) in lines.iter().take(inner.height as usize).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
}

fn previous_totals(week: Option<&WeekSummary>) -> String {
    match week.map(WeekSummary::totals) {
        Some((s, a)) if a > 0 => format!(" (week before: {s} of {a})"),
        _ => String::new(),
    }
}

fn fraction(p: &PromiseWeek) -> String {
    format!("{}/{}", (p.kept + p.partial).min(p.asked), p.asked)
}

/// Eight cells, filled by the share of asked days shown up for.
fn bar(p: &PromiseWeek) -> String {
    let filled = (p.showed_up_rate().unwrap_or(0.0) * 8.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(8 - filled.min(8)))
}
