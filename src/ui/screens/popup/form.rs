//! A form over the screen: named one-line fields, Tab between them, Enter
//! hands every value to the app. The promise form and the miss form are
//! built from it; fields are named by [`FieldId`], never by position.
//! Uses the key table, the box rules in `input.rs`, the theme and the
//! widgets.

use crate::domain::evidence::Suggestion;
use crate::model::fit;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::input::{paste_into, type_into};
use super::{Reply, Submission, frame};
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit_hints, put_line};

/// Every field a form can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    /// The promise itself.
    Text,
    Cue,
    Smaller,
    Area,
    Schedule,
    Target,
    /// What got in the way of a missed promise.
    Note,
    Lesson,
}

/// What a form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum FormPurpose {
    AddPromise,
    EditPromise(String),
    /// A promise form that answers a suggestion: saving it adds a promise
    /// (`edit` is `None`) or edits the promise `edit`, and records the
    /// decision with it; closing it records nothing.
    Decide {
        suggestion: Box<Suggestion>,
        edit: Option<String>,
    },
    Miss {
        promise_id: String,
        /// The day the miss is noted for.
        day: chrono::NaiveDate,
        /// The promise's smaller version, pointed to once it is saved.
        smaller: Option<String>,
    },
}

pub struct FormField {
    pub id: FieldId,
    pub label: &'static str,
    pub hint: String,
    pub input: TextArea<'static>,
    /// The most characters the field takes (typed or pasted).
    pub max: usize,
}

impl FormField {
    /// A field holding `value`, the cursor at its end.
    pub fn new(id: FieldId, label: &'static str, max: usize, hint: &str, value: &str) -> FormField {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(CursorMove::End);
        FormField {
            id,
            label,
            hint: hint.to_string(),
            input,
            max,
        }
    }

    fn value(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// The values of a submitted form, by field.
#[derive(Debug, Clone, PartialEq)]
pub struct FormValues(Vec<(FieldId, String)>);

impl FormValues {
    /// The value of `id`; empty if the form has no such field.
    pub fn get(&self, id: FieldId) -> String {
        self.0
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

pub struct Form {
    pub title: String,
    pub purpose: FormPurpose,
    pub fields: Vec<FormField>,
    /// Which of `fields` has the cursor.
    pub focus: usize,
    pub error: Option<String>,
    /// Extra words above the fields (the smaller version after a miss).
    pub note: Option<String>,
}

impl Form {
    pub fn new(title: String, purpose: FormPurpose, fields: Vec<FormField>) -> Form {
        Form {
            title,
            purpose,
            fields,
            focus: 0,
            error: None,
            note: None,
        }
    }

    /// Puts the cursor in field `id`, if the form has it.
    pub fn focus_on(&mut self, id: FieldId) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.focus = i;
        }
    }

    pub fn values(&self) -> FormValues {
        FormValues(self.fields.iter().map(|f| (f.id, f.value())).collect())
    }

    pub(super) fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        let n = self.fields.len().max(1);
        match keys.action_for(key, Context::Popup(PopupKind::Form)) {
            Some(Action::Cancel) => return Reply::Close(Some("Nothing saved.".into())),
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            Some(Action::Save) => {
                return Reply::Submit(Submission::Form(self.purpose.clone(), self.values()));
            }
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus) {
                    self.error = type_into(&mut field.input, key, field.max);
                }
            }
        }
        Reply::Stay
    }

    pub(super) fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            self.error = paste_into(&mut field.input, text, false, field.max);
        }
    }

    pub(super) fn draw(&self, theme: &Theme, keys: &Keymap, area: Rect, buf: &mut Buffer) {
        let w = area.width.saturating_sub(4).clamp(10, 80);
        let note = (self.note.iter())
            .flat_map(|n| fit::wrap(n, w.saturating_sub(2) as usize))
            .collect::<Vec<_>>();
        let h = self.fields.len() as u16 + note.len() as u16 + 6;
        // Never over the title bar and the footer, which shows the form's
        // keys when its own line of them has no room.
        let room = area.height.saturating_sub(2).max(3);
        let inner = frame(theme, &self.title, w, h.min(room), area, buf);
        let mut row = 0u16;
        for part in note {
            put_line(buf, inner, row, &Line::from(Span::styled(part, theme.kept)));
            row += 1;
        }
        // Labels whole when they can be: up to half the width on a narrow
        // screen.
        let longest = self.fields.iter().map(|f| fit::width(f.label)).max();
        let label_w = (longest.unwrap_or(0) as u16 + 2)
            .min(17)
            .min(inner.width / 2);
        for (i, field) in self.fields.iter().enumerate() {
            if row >= inner.height {
                break;
            }
            let line = Rect {
                y: inner.y + row,
                height: 1,
                ..inner
            };
            draw_field(field, i == self.focus, label_w, theme, line, buf);
            row += 1;
        }
        row += 1;
        if let Some(error) = &self.error {
            let rest = Rect {
                y: inner.y + row.min(inner.height),
                height: inner.height.saturating_sub(row),
                ..inner
            };
            Paragraph::new(Span::styled(error.clone(), theme.error))
                .wrap(Wrap { trim: true })
                .render(rest, buf);
        } else {
            let hint = self
                .fields
                .get(self.focus)
                .map(|x| x.hint.clone())
                .unwrap_or_default();
            let hint = fit::cut(&hint, inner.width as usize);
            put_line(buf, inner, row, &Line::from(Span::styled(hint, theme.dim)));
            let keys = fit_hints(
                &keys.hint_line(PopupKind::Form, |_| true),
                inner.width as usize,
            );
            put_line(
                buf,
                inner,
                row + 1,
                &Line::from(Span::styled(keys, theme.dim)),
            );
        }
    }
}

/// One row of a form: the label, then the box (live when focused).
fn draw_field(
    field: &FormField,
    focused: bool,
    label_w: u16,
    theme: &Theme,
    line: Rect,
    buf: &mut Buffer,
) {
    let label_style = if focused { theme.title } else { theme.dim };
    let label = format!(
        "{:<w$}",
        fit::cut(field.label, label_w as usize - 1),
        w = label_w as usize
    );
    put_line(buf, line, 0, &Line::from(Span::styled(label, label_style)));
    let input_area = Rect {
        x: line.x + label_w,
        width: line.width.saturating_sub(label_w),
        ..line
    };
    if focused {
        field.input.render(input_area, buf);
    } else {
        let value = fit::cut(&field.value(), input_area.width as usize);
        put_line(buf, input_area, 0, &Line::from(Span::raw(value)));
    }
}
