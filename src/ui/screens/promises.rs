//! Add, edit, reorder and archive promises.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::Promise;
use crate::domain::model::format_amount;
use crate::ui::app::App;
use crate::ui::widgets::{pane, scroll_for};
use crate::ui::widgets::{put_line, truncate};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let listed = app.listed_promises();
    let detail_h = if area.height >= 16 { 7 } else { 0 };
    let [list_area, detail_area] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(detail_h),
    ]));
    let archived = app.data.promises.iter().filter(|p| p.is_archived()).count();
    let title = if app.show_archived {
        format!(" Promises · {} (with archived) ", listed.len())
    } else if archived > 0 {
        format!(" Promises · {} · {archived} archived (.) ", listed.len())
    } else {
        format!(" Promises · {} ", listed.len())
    };
    let block = pane(title, true, &app.theme);
    let inner = block.inner(list_area);
    block.render(list_area, buf);
    if listed.is_empty() {
        Paragraph::new(Span::styled(
            "No promises yet. Press a to add one small enough to keep on a bad day.",
            theme.dim,
        ))
        .wrap(Wrap { trim: true })
        .render(inner, buf);
        return;
    }
    let width = inner.width as usize;
    let sched_w = if width >= 60 { 14 } else { 0 };
    let text_w = width.saturating_sub(6 + sched_w);
    let start = scroll_for(app.list_sel, inner.height as usize);
    for (row, (i, p)) in listed
        .iter()
        .enumerate()
        .skip(start)
        .take(inner.height as usize)
        .enumerate()
    {
        let selected = i == app.list_sel;
        let number = app
            .data
            .promises
            .iter()
            .position(|q| q.id == p.id)
            .map(|n| n + 1)
            .unwrap_or(0);
        let style = if p.is_archived() {
            theme.dim
        } else {
            theme.base
        };
        let mut label = p.text.clone();
        if let Some(t) = p.target_label(app.today) {
            label.push_str(&format!(" · {t}"));
        }
        if let Some(cue) = &p.cue {
            label.push_str(&format!(" · ⟡ {cue}"));
        }
        if p.is_archived() {
            label.push_str(" (archived)");
        }
        let mut spans = vec![
            Span::raw(if selected { "▸" } else { " " }),
            Span::styled(format!("{number:>3}  "), theme.dim),
            Span::styled(format!("{:<text_w$}", truncate(&label, text_w)), style),
        ];
        if sched_w > 0 {
            spans.push(Span::styled(
                truncate(&p.schedule.to_string(), sched_w),
                theme.dim,
            ));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected);
        }
        put_line(buf, inner, row as u16, &line);
    }
    if detail_h > 0
        && let Some(p) = listed.get(app.list_sel)
    {
        detail(app, p, detail_area, buf);
    }
}

fn detail(app: &App, p: &Promise, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let block = pane(" Details ", false, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<16}"), theme.dim),
            Span::raw(value),
        ])
    };
    let none = || "—".to_string();
    let mut lines = vec![
        row("Cue", p.cue.clone().unwrap_or_else(none)),
        row("Smaller version", p.smaller.clone().unwrap_or_else(none)),
        row(
            "Schedule",
            format!(
                "{}{}",
                p.schedule,
                p.area
                    .as_ref()
                    .map(|a| format!("  ·  area: {a}"))
                    .unwrap_or_default()
            ),
        ),
    ];
    if let Some(unit) = &p.unit {
        let history: Vec<String> = p
            .targets
            .iter()
            .map(|t| {
                format!(
                    "{} {unit} from {}",
                    format_amount(t.amount),
                    t.from.format("%-d %b")
                )
            })
            .collect();
        lines.push(row("Targets", history.join(" → ")));
    }
    lines.push(row(
        "Since",
        match p.archived_on {
            Some(a) => format!(
                "{} (archived {})",
                p.created_on.format("%-d %b %Y"),
                a.format("%-d %b %Y")
            ),
            None => p.created_on.format("%-d %b %Y").to_string(),
        },
    ));
    for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
        put_line(buf, inner, i as u16, line);
    }
}
