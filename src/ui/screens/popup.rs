//! Text inputs, forms and rating pickers, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use crate::ui::app::{App, Form, Popup, Rating, TextInput};
use crate::ui::keymap::{self, Action, Context, PopupKind};
use crate::ui::widgets::pane;
use crate::ui::widgets::{centered, put_line, rating_spans, truncate};

pub fn draw(app: &App, popup: &Popup, area: Rect, buf: &mut Buffer) {
    match popup {
        Popup::Text(t) => text(app, t, area, buf),
        Popup::Form(f) => form(app, f, area, buf),
        Popup::Rating(r) => rating(app, r, area, buf),
        Popup::Help { .. } => {}
    }
}

fn frame(app: &App, title: &str, w: u16, h: u16, area: Rect, buf: &mut Buffer) -> Rect {
    let popup = centered(area, w, h);
    Clear.render(popup, buf);
    let block = pane(
        format!(" {} ", truncate(title, w.saturating_sub(4) as usize)),
        true,
        &app.theme,
    );
    let inner = block.inner(popup);
    block.render(popup, buf);
    inner
}

fn text(app: &App, t: &TextInput, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let w = area.width.saturating_sub(4).clamp(10, 76);
    let h = if t.multiline { 12 } else { 7 };
    let inner = frame(app, &t.title, w, h.min(area.height), area, buf);
    if inner.height == 0 {
        return;
    }
    let footer_h = if inner.height >= 4 { 2 } else { 0 };
    let input_area = Rect {
        height: inner.height - footer_h,
        ..inner
    };
    t.input.render(input_area, buf);
    if footer_h > 0 {
        let hint = keymap::hint_line(PopupKind::Text, |a| t.multiline || a != Action::NewLine);
        let footer = Rect {
            y: inner.y + inner.height - footer_h,
            height: footer_h,
            ..inner
        };
        if let Some(error) = &t.error {
            Paragraph::new(Span::styled(error.clone(), theme.error))
                .wrap(Wrap { trim: true })
                .render(footer, buf);
        } else {
            put_line(buf, footer, 1, &Line::from(Span::styled(hint, theme.dim)));
        }
    }
}

fn form(app: &App, f: &Form, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let w = area.width.saturating_sub(4).clamp(10, 80);
    let note_h = u16::from(f.note.is_some());
    let h = f.fields.len() as u16 + note_h + 6;
    let inner = frame(app, &f.title, w, h.min(area.height), area, buf);
    let mut row = 0u16;
    if let Some(note) = &f.note {
        put_line(
            buf,
            inner,
            row,
            &Line::from(Span::styled(note.clone(), theme.kept)),
        );
        row += 1;
    }
    let label_w = 17u16.min(inner.width / 3);
    for (i, field) in f.fields.iter().enumerate() {
        if row >= inner.height {
            break;
        }
        let focused = i == f.focus;
        let label_style = if focused { theme.title } else { theme.dim };
        put_line(
            buf,
            inner,
            row,
            &Line::from(Span::styled(
                format!(
                    "{:<w$}",
                    truncate(field.label, label_w as usize - 1),
                    w = label_w as usize
                ),
                label_style,
            )),
        );
        let input_area = Rect {
            x: inner.x + label_w,
            y: inner.y + row,
            width: inner.width.saturating_sub(label_w),
            height: 1,
        };
        if focused {
            field.input.render(input_area, buf);
        } else {
            let value = field.input.lines().join(" ");
            put_line(
                buf,
                input_area,
                0,
                &Line::from(Span::raw(truncate(&value, input_area.width as usize))),
            );
        }
        row += 1;
    }
    row += 1;
    let focused_hint = f
        .fields
        .get(f.focus)
        .map(|x| x.hint.clone())
        .unwrap_or_default();
    if let Some(error) = &f.error {
        let rest = Rect {
            y: inner.y + row.min(inner.height),
            height: inner.height.saturating_sub(row),
            ..inner
        };
        Paragraph::new(Span::styled(error.clone(), theme.error))
            .wrap(Wrap { trim: true })
            .render(rest, buf);
    } else {
        put_line(
            buf,
            inner,
            row,
            &Line::from(Span::styled(focused_hint, theme.dim)),
        );
        put_line(
            buf,
            inner,
            row + 1,
            &Line::from(Span::styled(
                keymap::hint_line(PopupKind::Form, |_| true),
                theme.dim,
            )),
        );
    }
}

fn rating(app: &App, r: &Rating, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let w = area.width.saturating_sub(4).clamp(10, 64);
    let inner = frame(app, "Rate it", w, 8.min(area.height), area, buf);
    Paragraph::new(r.title.clone())
        .wrap(Wrap { trim: true })
        .render(
            Rect {
                height: inner.height.min(2),
                ..inner
            },
            buf,
        );
    let mut spans = vec![Span::raw("  ")];
    spans.extend(rating_spans(Some(r.value), theme));
    put_line(buf, inner, 3, &Line::from(spans));
    let hint = match &r.error {
        Some(e) => Line::from(Span::styled(e.clone(), theme.error)),
        None => {
            let in_rating = Context::Popup(PopupKind::Rating);
            let keys = format!(
                "{} or {}/{} · {}",
                keymap::label_of(in_rating, Action::RateDigit),
                keymap::label_of(in_rating, Action::RateMore),
                keymap::label_of(in_rating, Action::RateLess),
                keymap::hint_line(PopupKind::Rating, |_| true)
            );
            Line::from(Span::styled(keys, theme.dim))
        }
    };
    put_line(buf, inner, 5, &hint);
}
