//! The home screen: checkmark calendar, today's promises beside the wins,
//! and the reflection pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::model::format_amount;
use crate::domain::{DayItem, Due, Status};
use crate::ui::app::{App, Field, Moment, Pane};
use crate::ui::theme::status_glyph;
use crate::ui::widgets::tab_strip;
use crate::ui::widgets::{one_line, put_line, rating_spans, recent_weeks, truncate, wrap_words};
use crate::ui::widgets::{pane, scroll_for};

/// Below this the screen shows one pane at a time.
const FULL_W: u16 = 80;
const FULL_H: u16 = 20;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if app.data.first_run {
        welcome(app, area, buf);
        return;
    }
    if area.width >= FULL_W && area.height >= FULL_H {
        full(app, area, buf);
    } else {
        compact(app, area, buf);
    }
}

fn full(app: &App, area: Rect, buf: &mut Buffer) {
    let refl_h = (area.height * 2 / 5).clamp(7, 16);
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(refl_h),
    ]));
    let [cal, right] = top.layout(&Layout::horizontal([
        Constraint::Length(26),
        Constraint::Fill(1),
    ]));
    let items = app.data.day.items.len() as u16;
    let promises_h = (items.max(1) + 2).min(top.height.saturating_sub(5).max(3));
    let [promises, wins] = right.layout(&Layout::vertical([
        Constraint::Length(promises_h),
        Constraint::Fill(1),
    ]));
    calendar_pane(app, cal, buf);
    promises_pane(app, promises, buf);
    wins_pane(app, wins, buf);
    reflection_pane(app, bottom, buf);
}

fn compact(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut area = area;
    // Pane tabs.
    let labels = ["Promises", "Wins", reflection_title(app)];
    let active = Pane::ALL.iter().position(|p| *p == app.pane).unwrap_or(0);
    let spans = tab_strip(&labels, active, 0, theme);
    put_line(buf, area, 0, &Line::from(spans));
    area.y += 1;
    area.height = area.height.saturating_sub(1);
    // A strip of recent days, newest on the right, if there is room.
    if area.height >= 8 {
        let days = ((area.width.saturating_sub(2)) / 2) as usize;
        let upto: Vec<_> = app
            .data
            .recent
            .iter()
            .filter(|(d, _)| *d <= app.today)
            .collect();
        let shown = &upto[upto.len().saturating_sub(days)..];
        let mut strip = vec![Span::raw(" ")];
        for (d, m) in shown {
            let mut style = theme.mark(*m);
            if *d == app.day {
                style = style.add_modifier(ratatui::style::Modifier::REVERSED);
            }
            strip.push(Span::styled(crate::ui::theme::mark_glyph(*m), style));
            strip.push(Span::raw(" "));
        }
        put_line(buf, area, 0, &Line::from(strip));
        area.y += 1;
        area.height -= 1;
    }
    match app.pane {
        Pane::Promises => promises_pane(app, area, buf),
        Pane::Wins => wins_pane(app, area, buf),
        Pane::Reflection => reflection_pane(app, area, buf),
    }
}

fn day_title(app: &App) -> String {
    if app.day == app.today {
        "Today".to_string()
    } else {
        format!("{} (t: back to today)", app.day.format("%a %-d %b"))
    }
}

fn calendar_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane(" Recent weeks ", false, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    recent_weeks(
        buf,
        inner,
        &app.data.recent,
        app.journal.config().week_starts_on,
        app.today,
        app.day,
        &app.theme,
    );
}

/// "3/10 pages", "10 pages", or nothing for yes/no promises.
fn amount_label(item: &DayItem) -> Option<String> {
    let unit = item.promise.unit.as_deref()?;
    let target = item.target.map(format_amount).unwrap_or_default();
    Some(match item.check.as_ref().and_then(|c| c.amount) {
        Some(a) => format!("{}/{target} {unit}", format_amount(a)),
        None => format!("{target} {unit}"),
    })
}

fn promises_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.pane == Pane::Promises;
    let day = &app.data.day;
    let count = |s: Status| day.items.iter().filter(|i| i.status() == Some(s)).count();
    let (kept, partly) = (count(Status::Kept), count(Status::Partial));
    let due = day.due_items().count();
    let title = if partly > 0 {
        format!(
            " {} · {kept} of {due} kept · {partly} partly ",
            day_title(app)
        )
    } else {
        format!(" {} · {kept} of {due} kept ", day_title(app))
    };
    let block = pane(title, focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if day.items.is_empty() {
        let text = if app.data.promises.iter().all(|p| p.is_archived()) {
            "No active promises. Press a to add a tiny one."
        } else {
            "No promise asked for anything this day."
        };
        Paragraph::new(Span::styled(text, theme.dim))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let start = scroll_for(app.promise_sel, inner.height as usize);
    for (row, (i, item)) in day
        .items
        .iter()
        .enumerate()
        .skip(start)
        .take(inner.height as usize)
        .enumerate()
    {
        let selected = focused && i == app.promise_sel;
        let status = item.status();
        let mut spans = vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled(format!("{} ", status_glyph(status)), theme.status(status)),
        ];
        let text_style = if item.due == Due::No {
            theme.dim
        } else {
            theme.base
        };
        spans.push(Span::styled(item.promise.text.clone(), text_style));
        if let Some(amount) = amount_label(item) {
            spans.push(Span::styled(format!("  {amount}"), theme.accent));
        }
        if let Some(cue) = &item.promise.cue {
            spans.push(Span::styled(format!("  ⟡ {cue}"), theme.dim));
        }
        let note = match (item.due, status) {
            (_, Some(Status::Partial)) => Some("partly kept".to_string()),
            (_, Some(Status::Missed)) => Some(match &item.promise.smaller {
                Some(s) => format!("noted · smaller: {s}"),
                None => "noted".to_string(),
            }),
            (Due::No, None) => Some("rest day".into()),
            (Due::Flexible, None) => Some(item.promise.schedule.to_string()),
            _ => None,
        };
        if let Some(note) = note {
            spans.push(Span::styled(format!("  ({note})"), theme.dim));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected);
        }
        put_line(buf, inner, row as u16, &line);
    }
}

fn wins_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.pane == Pane::Wins;
    let wins = &app.data.day.wins;
    let block = pane(format!(" Wins · {} ", wins.len()), focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if wins.is_empty() {
        Paragraph::new(Span::styled(
            "Nothing here yet. Press w the moment something goes right, however small.",
            theme.dim,
        ))
        .wrap(Wrap { trim: true })
        .render(inner, buf);
        return;
    }
    let start = scroll_for(app.win_sel, inner.height as usize);
    for (row, (i, win)) in wins
        .iter()
        .enumerate()
        .skip(start)
        .take(inner.height as usize)
        .enumerate()
    {
        let selected = focused && i == app.win_sel;
        let mut spans = vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled("★ ", theme.kept),
            Span::raw(truncate(
                &one_line(&win.text),
                inner.width.saturating_sub(4) as usize,
            )),
        ];
        if let Some(area_name) = &win.area {
            spans.push(Span::styled(format!("  #{area_name}"), theme.dim));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected);
        }
        put_line(buf, inner, row as u16, &line);
    }
}

fn reflection_title(app: &App) -> &'static str {
    match app.moment {
        Moment::Morning => "Check-in",
        Moment::Evening => "Reflection",
    }
}

fn reflection_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.pane == Pane::Reflection;
    let title = match app.moment {
        Moment::Morning => " Morning check-in · r: evening ",
        Moment::Evening => " Evening reflection · r: morning ",
    };
    let block = pane(title, focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let day = &app.data.day;
    let mut lines: Vec<Line> = Vec::new();
    // Lines above the fields, and the line index where each field starts.
    match app.moment {
        Moment::Morning => {
            if let Some(adjust) = &day.previous_adjust {
                lines.push(Line::from(vec![
                    Span::styled("Yesterday you thought of adjusting: ", theme.dim),
                    Span::raw(one_line(adjust)),
                ]));
            }
        }
        Moment::Evening => {
            if let Some(kept) = day.kept_line() {
                for part in wrap_words(&kept, inner.width as usize) {
                    lines.push(Line::from(Span::styled(part, theme.kept)));
                }
            }
            if let Some(r) = &app.data.resurface {
                let mut text = format!(
                    "A hard day. The record still says: {} times you showed up for a promise so far.",
                    r.kept_so_far
                );
                if let Some(w) = &r.win {
                    text.push_str(&format!(
                        " On {} you wrote: “{}”",
                        w.day.format("%-d %b"),
                        one_line(&w.text)
                    ));
                }
                for part in wrap_words(&text, inner.width as usize) {
                    lines.push(Line::from(Span::styled(part, theme.accent)));
                }
            }
            let unmarked = day.due_items().filter(|i| i.check.is_none()).count();
            if unmarked > 0 {
                lines.push(Line::from(Span::styled(
                    format!(
                        "{unmarked} promise{} still unmarked above: space kept · p partly · x missed",
                        if unmarked == 1 { "" } else { "s" }
                    ),
                    theme.dim,
                )));
            }
        }
    }
    let fields = app.fields();
    let mut field_rows = Vec::new();
    let width = inner.width as usize;
    for (i, field) in fields.iter().enumerate() {
        field_rows.push(lines.len());
        let selected = focused && i == app.field_sel;
        let marker = if selected { "▸ " } else { "  " };
        let (label, value): (String, Vec<Span>) = match field {
            Field::Intention => (
                app.journal
                    .config()
                    .prompts
                    .morning("intention")
                    .to_string(),
                text_value(
                    day.checkin.as_ref().and_then(|c| c.intention.as_deref()),
                    theme,
                ),
            ),
            Field::CheckinConfidence => (
                app.journal
                    .config()
                    .prompts
                    .morning("confidence")
                    .to_string(),
                rating_spans(day.checkin.as_ref().and_then(|c| c.confidence), theme),
            ),
            Field::Answer { key, prompt } => (
                prompt.clone(),
                text_value(
                    day.reflection
                        .as_ref()
                        .and_then(|r| r.answers.get(key).map(String::as_str)),
                    theme,
                ),
            ),
            Field::Mood => (
                "Mood".to_string(),
                rating_spans(day.reflection.as_ref().and_then(|r| r.mood), theme),
            ),
            Field::ReflectConfidence => (
                "Confidence".to_string(),
                rating_spans(day.reflection.as_ref().and_then(|r| r.confidence), theme),
            ),
        };
        let label_style = if selected { theme.title } else { theme.dim };
        let mut first = Line::from(vec![
            Span::raw(marker),
            Span::styled(truncate(&label, width.saturating_sub(2)), label_style),
        ]);
        if selected {
            first = first.style(theme.selected);
        }
        lines.push(first);
        let mut value_spans = vec![Span::raw("    ")];
        value_spans.extend(value);
        lines.push(Line::from(value_spans));
    }
    // Keep the selected field in view.
    let sel_row = field_rows.get(app.field_sel).copied().unwrap_or(0);
    let height = inner.height as usize;
    let start = (sel_row + 2).saturating_sub(height);
    for (row, line) in lines.iter().skip(start).take(height).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
}

fn text_value(text: Option<&str>, theme: &crate::ui::theme::Theme) -> Vec<Span<'static>> {
    match text {
        Some(t) if !t.trim().is_empty() => vec![Span::raw(one_line(t))],
        _ => vec![Span::styled("— Enter to write", theme.dim)],
    }
}

fn welcome(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let block = pane(" Welcome ", true, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = vec![
        Line::from(Span::styled(
            "This is a place to collect evidence that you follow through.",
            theme.title,
        )),
        Line::raw(""),
        Line::raw("Start with one tiny promise — small enough to keep on a bad day. For example:"),
        Line::raw(""),
    ];
    for example in &app.journal.config().prompts.examples {
        lines.push(Line::from(vec![
            Span::styled("  ✓ ", theme.kept),
            Span::raw(example.clone()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled("a", theme.accent),
        Span::raw(" to write your first promise. "),
        Span::styled("w", theme.accent),
        Span::raw(" logs a win, "),
        Span::styled("?", theme.accent),
        Span::raw(" shows every key."),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
