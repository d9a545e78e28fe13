//! A text box over the screen: a win, an intention, an answer, an amount.
//! It knows what it is for ([`TextPurpose`]) but not how that is saved:
//! Enter hands the text to the app, which asks the screen that opened it.
//! Uses the key table, the box rules in `input.rs`, the theme, the widgets
//! and domain values.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::input::{NUMBER_BOX_LEN, full, paste_into, type_into};
use super::{Reply, Submission, frame};
use crate::domain::model::format_amount;
use crate::domain::prompts::Prompts;
use crate::domain::{DayItem, Status, Win, validate};
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit_hints, one_line, put_line};

/// What a text box is for.
#[derive(Debug, Clone, PartialEq)]
pub enum TextPurpose {
    AddWin,
    EditWin(Win),
    Intention,
    Answer(String),
    WeeklyAnswer(String),
    /// A note on a promise's mark on a day.
    Note {
        promise_id: String,
        day: NaiveDate,
        /// The promise's words, for the title.
        text: String,
    },
    Amount {
        promise_id: String,
        /// The day the amount is for.
        day: NaiveDate,
        /// Partly kept, or (when `None`) whatever the amount says.
        status: Option<Status>,
        /// The target in force that day.
        target: Option<f64>,
    },
}

pub struct TextInput {
    pub title: String,
    pub purpose: TextPurpose,
    pub input: TextArea<'static>,
    pub multiline: bool,
    pub error: Option<String>,
    /// The most characters the box takes (typed or pasted).
    pub max: usize,
}

impl TextInput {
    /// A box for `purpose` holding `text`, the cursor at its end.
    pub fn new(purpose: TextPurpose, text: &str, prompts: &Prompts) -> TextInput {
        let max = match &purpose {
            TextPurpose::AddWin | TextPurpose::EditWin(_) => validate::WIN.max,
            TextPurpose::Intention => validate::INTENTION.max,
            TextPurpose::Answer(_) | TextPurpose::WeeklyAnswer(_) => validate::ANSWER.max,
            TextPurpose::Note { .. } => validate::NOTE.max,
            TextPurpose::Amount { .. } => NUMBER_BOX_LEN,
        };
        let (title, multiline) = match &purpose {
            TextPurpose::AddWin => ("A small win — what happened?".to_string(), false),
            TextPurpose::EditWin(_) => ("Edit this win".to_string(), false),
            TextPurpose::Intention => (prompts.morning("intention").to_string(), false),
            TextPurpose::Answer(key) | TextPurpose::WeeklyAnswer(key) => {
                (prompts.text(key).unwrap_or(key).to_string(), true)
            }
            TextPurpose::Note { day, text, .. } => (
                format!(
                    "A note on “{}” · {} (empty clears it)",
                    one_line(text),
                    day.format("%a %-d %b")
                ),
                false,
            ),
            TextPurpose::Amount { .. } => (String::new(), false),
        };
        let mut input = TextArea::new(text.lines().map(String::from).collect());
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        input.move_cursor(CursorMove::Bottom);
        input.move_cursor(CursorMove::End);
        TextInput {
            title,
            purpose,
            input,
            multiline,
            error: None,
            max,
        }
    }

    /// The amount box of a measured promise on `day`, holding the amount
    /// recorded.
    pub fn amount(
        item: &DayItem,
        day: NaiveDate,
        status: Option<Status>,
        prompts: &Prompts,
    ) -> TextInput {
        let current = item
            .check
            .as_ref()
            .and_then(|c| c.amount)
            .map(format_amount)
            .unwrap_or_default();
        let purpose = TextPurpose::Amount {
            promise_id: item.promise.id.clone(),
            day,
            status,
            target: item.target,
        };
        let mut t = TextInput::new(purpose, &current, prompts);
        let unit = item.promise.unit.clone().unwrap_or_default();
        let target = item.target.map(format_amount).unwrap_or_default();
        t.title = format!(
            "How many {unit}? (target {target}) · {}",
            day.format("%a %-d %b")
        );
        t
    }

    pub(super) fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        match keys.action_for(key, Context::Popup(PopupKind::Text)) {
            Some(Action::Cancel) => Reply::Close(Some("Nothing saved.".into())),
            Some(Action::NewLine) => {
                if self.multiline {
                    match full(&self.input, self.max) {
                        Some(e) => self.error = Some(e),
                        None => self.input.insert_newline(),
                    }
                }
                Reply::Stay
            }
            Some(Action::Save) => Reply::Submit(Submission::Text(
                self.purpose.clone(),
                self.input.lines().join("\n"),
            )),
            _ => {
                self.error = type_into(&mut self.input, key, self.max);
                Reply::Stay
            }
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        self.error = paste_into(&mut self.input, text, self.multiline, self.max);
    }

    pub(super) fn draw(&self, theme: &Theme, keys: &Keymap, area: Rect, buf: &mut Buffer) {
        let w = area.width.saturating_sub(4).clamp(10, 76);
        let h = if self.multiline { 12 } else { 7 };
        let inner = frame(theme, &self.title, w, h.min(area.height), area, buf);
        if inner.height == 0 {
            return;
        }
        let footer_h = if inner.height >= 4 { 2 } else { 0 };
        let input_area = Rect {
            height: inner.height - footer_h,
            ..inner
        };
        self.input.render(input_area, buf);
        if footer_h == 0 {
            return;
        }
        let footer = Rect {
            y: inner.y + inner.height - footer_h,
            height: footer_h,
            ..inner
        };
        if let Some(error) = &self.error {
            Paragraph::new(Span::styled(error.clone(), theme.error))
                .wrap(Wrap { trim: true })
                .render(footer, buf);
        } else {
            let hint = keys.hint_line(PopupKind::Text, |a| self.multiline || a != Action::NewLine);
            let hint = fit_hints(&hint, footer.width as usize);
            put_line(buf, footer, 1, &Line::from(Span::styled(hint, theme.dim)));
        }
    }
}
