//! The help popup: every key of the current screen, of everywhere, and of
//! text boxes, forms, ratings, search and the preview of a message to
//! share, written from the keys in force; then the legend of every glyph. Uses the key table, the theme, the glyphs and the
//! widgets.

use std::cell::Cell;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::Reply;
use crate::ui::Screen;
use crate::ui::glyphs::legend_meanings;
use crate::ui::keymap::{self, Action, Bound, Context, PopupKind, Scope};
use crate::ui::theme::Theme;
use crate::ui::widgets::{centered, pane};

#[derive(Debug, Default)]
pub struct HelpState {
    pub scroll: u16,
    /// How far the help can scroll, as the last draw found it (`None`
    /// until drawn).
    max_scroll: Cell<Option<u16>>,
}

impl HelpState {
    /// One row down or up (the mouse wheel), never past the end.
    pub fn scroll_by(&mut self, down: bool) {
        self.scroll = if down {
            let next = self.scroll.saturating_add(1);
            self.max_scroll.get().map_or(next, |max| next.min(max))
        } else {
            self.scroll.saturating_sub(1)
        };
    }

    pub(super) fn key(&mut self, key: &KeyEvent) -> Reply {
        match keymap::action_for(key, Context::Popup(PopupKind::Help)) {
            Some(Action::ScrollDown) => {
                self.scroll_by(true);
                Reply::Stay
            }
            Some(Action::ScrollUp) => {
                self.scroll_by(false);
                Reply::Stay
            }
            // Esc and q close help, and so does any other key: only on a
            // screen does q quit.
            _ => Reply::Close(None),
        }
    }

    pub(super) fn draw(&self, theme: &Theme, screen: Screen, area: Rect, buf: &mut Buffer) {
        let lines = help_lines(theme, screen);
        let w = area.width.saturating_sub(4).min(72);
        let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        let here = Context::Popup(PopupKind::Help);
        let title = format!(
            " Help · {} closes · {}/{} scroll ",
            keymap::label_of(here, Action::Close),
            keymap::label_of(here, Action::ScrollDown),
            keymap::label_of(here, Action::ScrollUp),
        );
        let block = pane(title, true, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
        self.max_scroll.set(Some(max_scroll));
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(inner, buf);
    }
}

/// The sections of help for `screen`.
fn help_lines(theme: &Theme, screen: Screen) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut section = |title: &str, bindings: &mut dyn Iterator<Item = Bound>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.title)));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keymap::keys_label(&b)), theme.accent),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    };
    let here = Context::Screen(screen);
    section(
        &format!("{} screen", screen.title()),
        &mut keymap::bindings_in(here).filter(|b| b.scope != Scope::Everywhere),
    );
    section(
        "Everywhere",
        &mut keymap::bindings_in(here).filter(|b| b.scope == Scope::Everywhere),
    );
    for (title, kind) in [
        ("In a text box", PopupKind::Text),
        ("In a form", PopupKind::Form),
        ("In a 0–10 rating", PopupKind::Rating),
        ("In search", PopupKind::Search),
        ("In a message to share", PopupKind::Share),
    ] {
        section(title, &mut keymap::bindings_in(Context::Popup(kind)));
    }
    lines.push(Line::from(Span::styled("Glyphs", theme.title)));
    lines.extend(legend_meanings(theme));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!(
            "Every change is saved as you make it; {} undoes the last one.",
            keymap::label_of(here, Action::Undo)
        ),
        theme.dim,
    )));
    lines
}
