//! The help popup, generated from the same key table the app uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::ui::app::App;
use crate::ui::keymap::{self, Action, Binding, Context, PopupKind, Scope};
use crate::ui::widgets::centered;
use crate::ui::widgets::pane;

pub fn draw(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let screen = Context::Screen(app.screen);
    let mut section = |title: &str, bindings: &mut dyn Iterator<Item = &Binding>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.title)));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keymap::keys_label(b)), theme.accent),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    };
    section(
        &format!("{} screen", app.screen.title()),
        &mut keymap::bindings_in(screen).filter(|b| b.scope != Scope::Everywhere),
    );
    section(
        "Everywhere",
        &mut keymap::bindings_in(screen).filter(|b| b.scope == Scope::Everywhere),
    );
    for (title, kind) in [
        ("In a text box", PopupKind::Text),
        ("In a form", PopupKind::Form),
        ("In a 0–10 rating", PopupKind::Rating),
    ] {
        section(title, &mut keymap::bindings_in(Context::Popup(kind)));
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Every change is saved as you make it; {} undoes the last one.",
            keymap::label_of(screen, Action::Undo)
        ),
        theme.dim,
    )));
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = centered(area, w, h);
    Clear.render(popup, buf);
    let in_help = Context::Popup(PopupKind::Help);
    let title = format!(
        " Help · {} closes · {}/{} scroll ",
        keymap::label_of(in_help, Action::Close),
        keymap::label_of(in_help, Action::ScrollDown),
        keymap::label_of(in_help, Action::ScrollUp),
    );
    let block = pane(title, true, theme);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    Paragraph::new(lines)
        .scroll((scroll.min(max_scroll), 0))
        .render(inner, buf);
}
