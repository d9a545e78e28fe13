//! The help popup, generated from the same key table the app uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::ui::app::App;
use crate::ui::keymap::{self, Scope};
use crate::ui::widgets::centered;
use crate::ui::widgets::pane;

pub fn draw(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let screen_name = app.screen.title();
    let mut lines = Vec::new();
    let section = |title: &str, lines: &mut Vec<Line<'static>>, global: bool| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.title)));
        for b in keymap::bindings_for(app.screen).filter(|b| (b.scope == Scope::Global) == global) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keymap::keys_label(b)), theme.accent),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    };
    section(&format!("{screen_name} screen"), &mut lines, false);
    section("Everywhere", &mut lines, true);
    lines.push(Line::from(Span::styled("In a text box", theme.title)));
    for (k, d) in [
        ("Enter", "save"),
        ("Esc", "cancel (nothing is saved)"),
        ("Alt-Enter", "new line (reflection answers)"),
        ("Tab/↓ ↑", "next / previous field in a form"),
        ("0–9 + −", "set a 0–10 rating (1 then 0 gives 10)"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {k:<14}"), theme.accent),
            Span::raw(d),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Every change is saved as you make it; u undoes the last one.",
        theme.dim,
    )));
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = centered(area, w, h);
    Clear.render(popup, buf);
    let block = pane(" Help · Esc closes · j/k scroll ", true, &app.theme);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    Paragraph::new(lines)
        .scroll((scroll.min(max_scroll), 0))
        .render(inner, buf);
}
