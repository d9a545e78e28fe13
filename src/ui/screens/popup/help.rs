//! The help popup: for a journal that syncs, when it last synced (or why
//! it waits); every key of the current screen, of everywhere, and of
//! text boxes, forms, ratings, search and the preview of a message to
//! share, written from the keys in force; then the legend of every glyph
//! and what strength measures. Uses the key table, the theme, the glyphs and the
//! widgets.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::Reply;
use crate::domain::words::STRENGTH_MEANS;
use crate::model::fit;
use crate::model::glyphs::{LEGEND, legend_meaning};
use crate::ui::Screen;
use crate::ui::keymap::{Action, Bound, Context, Keymap, PopupKind, Scope};
use crate::ui::scroll::VerticalScroll;
use crate::ui::theme::Theme;
use crate::ui::widgets::{centered, pane};

#[derive(Debug, Default)]
pub struct HelpState {
    /// The first row in view, stopped at the end the last draw found.
    pub scroll: VerticalScroll,
    /// When the journal last synced, or why it waits; `None` without sync.
    pub sync: Option<String>,
}

impl HelpState {
    /// One row down or up (the mouse wheel), never past the end.
    pub fn scroll_by(&mut self, down: bool) {
        self.scroll.scroll(1, down);
    }

    pub(super) fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        match keys.action_for(key, Context::Popup(PopupKind::Help)) {
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

    pub(super) fn draw(
        &self,
        theme: &Theme,
        keys: &Keymap,
        screen: Screen,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let w = area.width.saturating_sub(4).min(72);
        let width = w.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        if let Some(sync) = &self.sync {
            lines.push(Line::from(Span::styled("Sync", theme.title)));
            lines.extend(hanging(vec![Span::raw("  ")], sync, width));
            lines.push(Line::raw(""));
        }
        lines.extend(help_lines(theme, keys, screen, width));
        let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        let here = Context::Popup(PopupKind::Help);
        let title = format!(
            " Help · {} closes · {}/{} scroll ",
            keys.label_of(here, Action::Close),
            keys.label_of(here, Action::ScrollDown),
            keys.label_of(here, Action::ScrollUp),
        );
        let block = pane(title, true, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let top = self.scroll.update(lines.len(), inner.height.into());
        Paragraph::new(lines).scroll((top, 0)).render(inner, buf);
    }
}

/// `lead` (the keys, or a glyph), then `text` wrapped to `width` in the
/// column after it.
fn hanging(lead: Vec<Span<'static>>, text: &str, width: usize) -> Vec<Line<'static>> {
    let indent: usize = lead.iter().map(Span::width).sum();
    let mut lead = Some(lead);
    fit::wrap(text, width.saturating_sub(indent).max(12))
        .into_iter()
        .map(|part| {
            let mut spans = lead
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::raw(part));
            Line::from(spans)
        })
        .collect()
}

/// The sections of help for `screen`, `width` columns wide.
fn help_lines(theme: &Theme, keys: &Keymap, screen: Screen, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut section = |title: &str, bindings: &mut dyn Iterator<Item = Bound>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme.title)));
        for b in bindings {
            let label = format!("  {:<14}", keys.keys_label(&b));
            lines.extend(hanging(
                vec![Span::styled(label, theme.accent)],
                b.help,
                width,
            ));
        }
        lines.push(Line::raw(""));
    };
    let here = Context::Screen(screen);
    section(
        &format!("{} screen", screen.title()),
        &mut keys
            .bindings(here)
            .iter()
            .filter(|b| b.scope != Scope::Everywhere)
            .cloned(),
    );
    section(
        "Everywhere",
        &mut keys
            .bindings(here)
            .iter()
            .filter(|b| b.scope == Scope::Everywhere)
            .cloned(),
    );
    for (title, kind) in [
        ("In a text box", PopupKind::Text),
        ("In a form", PopupKind::Form),
        ("In a 0–10 rating", PopupKind::Rating),
        ("In search", PopupKind::Search),
        ("In a message to share", PopupKind::Share),
    ] {
        section(
            title,
            &mut keys.bindings(Context::Popup(kind)).iter().cloned(),
        );
    }
    lines.push(Line::from(Span::styled("Glyphs", theme.title)));
    for (glyph, _) in LEGEND {
        let lead = vec![
            Span::raw("  "),
            theme.glyph_span(glyph),
            Span::raw(" ".repeat(13)),
        ];
        lines.extend(hanging(lead, legend_meaning(glyph), width));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Strength", theme.title)));
    for part in fit::wrap(STRENGTH_MEANS, width.saturating_sub(2)) {
        lines.push(Line::from(Span::styled(format!("  {part}"), theme.dim)));
    }
    lines.push(Line::raw(""));
    let saved = format!(
        "Every change is saved as you make it; {} undoes the last one.",
        keys.label_of(here, Action::Undo)
    );
    for part in fit::wrap(&saved, width) {
        lines.push(Line::from(Span::styled(part, theme.dim)));
    }
    lines
}
