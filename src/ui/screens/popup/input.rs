//! The rules every text box and form field follows while typing and
//! pasting: a box holds up to its limit, control characters never go in
//! (`text::clean_controls`), and a paste goes in whole or not at all, with
//! a sentence that says why. Uses only ratatui-textarea and the domain's
//! limits.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::validate;

/// The amount box, and the number part of the target field (which also
/// holds a space and a unit): digits to spare.
pub const NUMBER_BOX_LEN: usize = 20;
/// The schedule field: room for every weekday written out in full.
pub const SCHEDULE_BOX_LEN: usize = 100;

/// Characters in a text box, a line break counting as one, as the journal
/// counts them.
fn box_len(input: &TextArea<'_>) -> usize {
    let lines = input.lines();
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
}

/// The sentence for a box that holds no more, if it is full.
pub fn full(input: &TextArea<'_>, max: usize) -> Option<String> {
    (box_len(input) >= max).then(|| {
        format!(
            "This box is full: it holds up to {} characters.",
            validate::grouped(max)
        )
    })
}

/// A key typed into a box: a character goes in only while there is room
/// and never a control character; editing keys always work. Returns the
/// sentence to show, if any.
pub fn type_into(input: &mut TextArea<'_>, key: &KeyEvent, max: usize) -> Option<String> {
    if let KeyCode::Char(c) = key.code
        && crate::text::is_unsafe_control(c)
    {
        return None;
    }
    let typing = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if typing
        && matches!(key.code, KeyCode::Char(_) | KeyCode::Tab)
        && let Some(sentence) = full(input, max)
    {
        return Some(sentence);
    }
    input.input(*key);
    None
}

/// A paste, cleaned of control characters (on one line unless `multiline`),
/// goes in whole if it fits; otherwise nothing goes in and a sentence says
/// why. A 1 MB paste costs one pass over it and never reaches the box.
pub fn paste_into(
    input: &mut TextArea<'_>,
    text: &str,
    multiline: bool,
    max: usize,
) -> Option<String> {
    let cleaned = crate::text::clean_controls(text);
    let text = if multiline {
        cleaned.into_owned()
    } else {
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let len = text.chars().count();
    let room = max.saturating_sub(box_len(input));
    if len > room {
        return Some(format!(
            "That paste is {} characters long and this box holds {}, so nothing was pasted; shorten it and paste again.",
            validate::grouped(len),
            validate::grouped(max)
        ));
    }
    input.insert_str(text);
    None
}
