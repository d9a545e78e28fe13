//! A 0–10 rating over the screen: confidence in the morning, mood and
//! confidence in the evening. Uses the key table, the theme, the widgets
//! and the domain's prompts.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Reply, Submission, frame};
use crate::domain::prompts::Prompts;
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};
use crate::ui::theme::Theme;
use crate::ui::widgets::{put_line, rating_spans};

/// Which rating is being set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingPurpose {
    CheckinConfidence,
    Mood,
    ReflectConfidence,
}

pub struct Rating {
    pub title: String,
    pub purpose: RatingPurpose,
    pub value: u8,
    pub error: Option<String>,
}

impl Rating {
    /// A rating for `purpose`, starting at `value` (5 if not rated yet).
    pub fn new(purpose: RatingPurpose, value: Option<u8>, prompts: &Prompts) -> Rating {
        let title = match purpose {
            RatingPurpose::CheckinConfidence => prompts.morning("confidence").to_string(),
            RatingPurpose::Mood => "Mood today, 0–10".into(),
            RatingPurpose::ReflectConfidence => {
                "Evening confidence: in yourself tonight, 0–10".into()
            }
        };
        Rating {
            title,
            purpose,
            value: value.unwrap_or(5),
            error: None,
        }
    }

    pub(super) fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        match keys.action_for(key, Context::Popup(PopupKind::Rating)) {
            Some(Action::Cancel) => return Reply::Close(Some("Nothing saved.".into())),
            Some(Action::RateDigit) => {
                if let KeyCode::Char(c) = key.code
                    && let Some(digit) = c.to_digit(10)
                {
                    // 1 then 0 makes 10.
                    self.value = if self.value == 1 && digit == 0 {
                        10
                    } else {
                        digit as u8
                    };
                }
            }
            Some(Action::RateMore) => self.value = (self.value + 1).min(10),
            Some(Action::RateLess) => self.value = self.value.saturating_sub(1),
            Some(Action::Save) => {
                return Reply::Submit(Submission::Rating(self.purpose, self.value));
            }
            _ => return Reply::Ignored,
        }
        Reply::Stay
    }

    pub(super) fn draw(&self, theme: &Theme, keys: &Keymap, area: Rect, buf: &mut Buffer) {
        let w = area.width.saturating_sub(4).clamp(10, 64);
        let inner = frame(theme, "Rate it", w, 8.min(area.height), area, buf);
        let title = Rect {
            height: inner.height.min(2),
            ..inner
        };
        Paragraph::new(self.title.clone())
            .wrap(Wrap { trim: true })
            .render(title, buf);
        let mut spans = vec![Span::raw("  ")];
        spans.extend(rating_spans(Some(self.value), theme));
        put_line(buf, inner, 3, &Line::from(spans));
        let hint = match &self.error {
            Some(e) => Line::from(Span::styled(e.clone(), theme.error)),
            None => {
                let here = Context::Popup(PopupKind::Rating);
                let keys = format!(
                    "{} or {}/{} · {}",
                    keys.label_of(here, Action::RateDigit),
                    keys.label_of(here, Action::RateMore),
                    keys.label_of(here, Action::RateLess),
                    keys.hint_line(PopupKind::Rating, |_| true)
                );
                Line::from(Span::styled(keys, theme.dim))
            }
        };
        put_line(buf, inner, 5, &hint);
    }
}
