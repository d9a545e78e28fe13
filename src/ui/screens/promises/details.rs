//! The selected promise in full under the grid: cue, smaller version,
//! earlier words, schedule, targets over time, since when, and the notes
//! and lessons of the days read for the grid. Reads the state only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::domain::model::amount_in;
use crate::domain::{Check, Promise};
use crate::model::fit;
use crate::ui::glyphs::status_glyph;
use crate::ui::screens::Ctx;
use crate::ui::widgets::{fit_line, one_line, pane, put_line};

/// The details pane of `p`, with `notes` (its checks with a note or a
/// lesson, newest first) when there is room.
pub(super) fn detail(ctx: &Ctx, p: &Promise, notes: &[&Check], area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let block = pane(" Details ", false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = detail_lines(ctx, p);
    if !notes.is_empty() && (inner.height as usize) > lines.len() + 2 {
        lines.push(Line::raw(""));
        let room = inner.height as usize - lines.len() - 1;
        lines.push(Line::from(Span::styled("Recent notes", theme.dim)));
        for c in notes.iter().take(room) {
            let mut words: Vec<String> = c.note.iter().map(|n| one_line(n)).collect();
            words.extend(c.lesson.iter().map(|l| format!("lesson: {}", one_line(l))));
            let when = format!("{:<16}", c.day.format("%a %-d %b").to_string());
            let width = (inner.width as usize).saturating_sub(when.chars().count() + 2);
            lines.push(Line::from(vec![
                Span::styled(when, theme.dim),
                theme.glyph_span(status_glyph(Some(c.status))),
                Span::raw(format!(" {}", fit::cut(&words.join(" — "), width))),
            ]));
        }
    }
    for (i, line) in lines.into_iter().take(inner.height as usize).enumerate() {
        put_line(buf, inner, i as u16, &fit_line(line, inner.width as usize));
    }
}

/// The lines of the details pane: cue, smaller version, earlier words,
/// schedule, targets over time, and since when.
pub(super) fn detail_lines(ctx: &Ctx, p: &Promise) -> Vec<Line<'static>> {
    let theme = ctx.theme;
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
    ];
    let earlier: Vec<String> = (p.versions.windows(2))
        .filter(|w| w[0].text != w[1].text)
        .map(|w| {
            let until = w[1].from.pred_opt().unwrap_or(w[1].from);
            format!("“{}” until {}", w[0].text, until.format("%-d %b"))
        })
        .collect();
    if !earlier.is_empty() {
        lines.push(row("Earlier", earlier.join(" → ")));
    }
    lines.extend([row(
        "Schedule",
        format!(
            "{}{}",
            p.schedule,
            p.area
                .as_ref()
                .map(|a| format!("  ·  area: {a}"))
                .unwrap_or_default()
        ),
    )]);
    if let Some(unit) = &p.unit {
        let history: Vec<String> = p
            .targets
            .iter()
            .map(|t| {
                format!(
                    "{} from {}",
                    amount_in(t.amount, unit),
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
    lines
}
