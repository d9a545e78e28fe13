//! The Review screen's acting pane: open suggestions to accept or set
//! aside, the weekly questions with their answers, and what was decided
//! this week. Drawing only: uses the state, the widgets and the key table
//! (to name keys).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::sections::heading;
use super::{ReviewItem, ReviewPane, ReviewState};
use crate::domain::ReviewView;
use crate::domain::evidence::trust::nothing_to_decide;
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::screens::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::{one_line, pane, put_line};

pub(super) fn draw(s: &ReviewState, ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let focused = s.pane == ReviewPane::Act;
    let key = |action| ctx.keys.key(Screen::Review, action);
    let title = format!(
        " Decide · {} accept · {} set aside ",
        key(Action::Accept),
        key(Action::Dismiss)
    );
    let block = pane(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    ctx.hits
        .add(area, Target::Pane(Area::Review(ReviewPane::Act)));
    let w = inner.width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if review.suggestions.is_empty() {
        let text = if review.week_start == s.this_week {
            nothing_to_decide(review.self_trust.verdict)
        } else {
            "Suggestions are made for the current week."
        };
        for part in fit::wrap(text, inner.width.saturating_sub(1) as usize) {
            lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
        }
        lines.push(Line::raw(""));
    }
    // The line where each item starts.
    let mut item_rows = Vec::new();
    for (i, item) in s.items(ctx.config).iter().enumerate() {
        item_rows.push(lines.len());
        let selected = focused && i == s.sel;
        item_lines(item, review, selected, ctx, w, &mut lines);
    }
    decisions(review, theme, w, &mut lines);
    let sel_row = item_rows.get(s.sel).copied().unwrap_or(0);
    let height = inner.height as usize;
    let start = if focused {
        (sel_row + 4).saturating_sub(height)
    } else {
        0
    };
    record_items(ctx, inner, &item_rows, lines.len(), start);
    for (row, line) in lines.iter().skip(start).take(height).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
}

/// Records the rows each item takes in view, for the mouse: `item_rows`
/// are the lines where items start, of `total`, scrolled by `start`.
fn record_items(ctx: &Ctx, inner: Rect, item_rows: &[usize], total: usize, start: usize) {
    let height = inner.height as usize;
    let ends = item_rows.iter().skip(1).copied().chain([total]);
    for (i, (first, end)) in item_rows.iter().zip(ends).enumerate() {
        let top = first.max(&start) - start;
        let bottom = end.saturating_sub(start).min(height);
        if top < bottom {
            let rows = (bottom - top) as u16;
            let at = Rect::new(inner.x, inner.y + top as u16, inner.width, rows);
            ctx.hits
                .add(at, Target::Row(Area::Review(ReviewPane::Act), i));
        }
    }
}

/// A suggestion with its reason, or a question with its answer.
fn item_lines(
    item: &ReviewItem,
    review: &ReviewView,
    selected: bool,
    ctx: &Ctx,
    w: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let theme = ctx.theme;
    let marker = if selected {
        format!("{} ", theme.glyph(Glyph::Pointer))
    } else {
        "  ".to_string()
    };
    let mut first_lines = |text: &str, glyph: &str, glyph_style, text_style| {
        for (j, part) in fit::wrap(text, w).into_iter().enumerate() {
            let mut line = Line::from(vec![
                Span::raw(if j == 0 { marker.clone() } else { "  ".into() }),
                Span::styled(if j == 0 { glyph } else { "  " }.to_string(), glyph_style),
                Span::styled(part, text_style),
            ]);
            if selected {
                line = line.style(theme.selected);
            }
            lines.push(line);
        }
    };
    match item {
        ReviewItem::Suggestion(s) => {
            let glyph = format!("{} ", theme.glyph(Glyph::Suggestion));
            first_lines(&s.headline, &glyph, theme.kept, theme.title);
            for part in fit::wrap(&s.reason, w) {
                lines.push(Line::from(Span::styled(format!("    {part}"), theme.dim)));
            }
            lines.push(Line::raw(""));
        }
        ReviewItem::Question { key, prompt } => {
            first_lines(prompt, "? ", theme.accent, Style::default());
            let answers = review.review.as_ref().map(|r| &r.answers);
            match answers.and_then(|a| a.get(key)) {
                Some(answer) => {
                    for part in fit::wrap(&one_line(answer), w).into_iter().take(3) {
                        lines.push(Line::from(format!("    {part}")));
                    }
                }
                None => {
                    let enter = ctx.keys.key(Screen::Review, Action::Open);
                    let text = format!("    — {enter} to answer");
                    lines.push(Line::from(Span::styled(text, theme.dim)));
                }
            }
        }
    }
}

/// "Decided this week": each decision, as a decision.
fn decisions(review: &ReviewView, theme: &Theme, w: usize, lines: &mut Vec<Line<'static>>) {
    let Some(r) = &review.review else {
        return;
    };
    if r.decisions.is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(heading(theme, " Decided this week"));
    for d in &r.decisions {
        // A decision, not a result: no glyph of the legend (✓ is "kept")
        // stands for it.
        let mark = if d.accepted { "→" } else { " " };
        let words = format!("{}: {}", d.on.format("%a %-d %b"), d.words());
        for (i, part) in fit::wrap(&words, w + 1).into_iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(
                    if i == 0 {
                        format!(" {mark} ")
                    } else {
                        "   ".into()
                    },
                    theme.kept,
                ),
                Span::styled(part, theme.dim),
            ]));
        }
    }
}
