//! Popups drawn over a screen: help, a text box, a form, a 0–10 rating,
//! and the preview of a message to share.
//!
//! Each popup takes its keys from the key table and answers with a
//! [`Reply`]. A popup knows what it is for (its purpose) but not how that
//! is saved: a [`Submission`] goes to the app, which hands it to the screen
//! that owns that purpose. Uses the key table, widgets, the theme and
//! domain values; never a screen, never the app, never the database.

pub mod form;
pub mod help;
pub mod input;
pub mod promise_form;
pub mod rating;
pub mod share;
pub mod text;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::model::fit;
use crate::ui::Screen;
use crate::ui::keymap::{Action, Keymap, PopupKind};
use crate::ui::theme::Theme;
use crate::ui::widgets::{centered, pane};
use form::{Form, FormPurpose, FormValues};
use help::HelpState;
use rating::{Rating, RatingPurpose};
use share::{SharePopup, ShareRequest};
use text::{TextInput, TextPurpose};

pub enum Popup {
    Help(HelpState),
    Text(Box<TextInput>),
    Form(Box<Form>),
    Rating(Rating),
    Share(Box<SharePopup>),
}

/// What a popup hands over when the person saves it.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Text(TextPurpose, String),
    Form(FormPurpose, FormValues),
    Rating(RatingPurpose, u8),
    /// Copy or save a message to share.
    Share(ShareRequest),
}

/// How a popup answers a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Still open.
    Stay,
    /// Still open, and the key did nothing here (never a key typed into
    /// a box: those go in).
    Ignored,
    /// Closed, with something to say.
    Close(Option<String>),
    /// Save this; the popup stays open (with the refusal) if that fails.
    Submit(Submission),
}

impl From<TextInput> for Popup {
    fn from(t: TextInput) -> Popup {
        Popup::Text(Box::new(t))
    }
}

impl From<Form> for Popup {
    fn from(f: Form) -> Popup {
        Popup::Form(Box::new(f))
    }
}

impl From<Rating> for Popup {
    fn from(r: Rating) -> Popup {
        Popup::Rating(r)
    }
}

impl From<SharePopup> for Popup {
    fn from(s: SharePopup) -> Popup {
        Popup::Share(Box::new(s))
    }
}

impl Popup {
    /// The help popup, at its top.
    /// Help, with `sync` (when the journal last synced, or why it waits)
    /// for a journal that syncs.
    pub fn help(sync: Option<String>) -> Popup {
        Popup::Help(HelpState {
            sync,
            ..HelpState::default()
        })
    }

    /// Answers `key`, read with the keys in force.
    pub fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        match self {
            Popup::Help(h) => h.key(key, keys),
            Popup::Text(t) => t.key(key, keys),
            Popup::Form(f) => f.key(key, keys),
            Popup::Rating(r) => r.key(key, keys),
            Popup::Share(s) => s.key(key, keys),
        }
    }

    /// The kind of popup whose keys are in force: a preview asking where
    /// to save takes a text box's keys.
    pub fn kind(&self) -> PopupKind {
        match self {
            Popup::Help(_) => PopupKind::Help,
            Popup::Text(_) => PopupKind::Text,
            Popup::Form(_) => PopupKind::Form,
            Popup::Rating(_) => PopupKind::Rating,
            Popup::Share(s) if s.asking_where() => PopupKind::Text,
            Popup::Share(_) => PopupKind::Share,
        }
    }

    /// Whether `action` does something in this popup as it is (a box of
    /// one line takes no new line): what its hints and the footer offer.
    pub fn offers(&self, action: Action) -> bool {
        match self {
            Popup::Text(t) => t.multiline || action != Action::NewLine,
            Popup::Share(s) if s.asking_where() => action != Action::NewLine,
            _ => true,
        }
    }

    /// Pastes `text` into the box with the cursor; false if this popup has
    /// no box.
    pub fn paste(&mut self, text: &str) -> bool {
        match self {
            Popup::Text(t) => t.paste(text),
            Popup::Form(f) => f.paste(text),
            Popup::Share(s) => return s.paste(text),
            Popup::Help(_) | Popup::Rating(_) => return false,
        }
        true
    }

    /// What was submitted is saved and `sentence` says so. Returns whether
    /// the popup stays open to show it (the preview of a message to share
    /// does, until Esc); every other popup is done.
    pub fn saved(&mut self, sentence: &str) -> bool {
        match self {
            Popup::Share(s) => {
                s.finished(sentence.to_string());
                true
            }
            _ => false,
        }
    }

    /// Shows why a submission was refused; the popup stays open.
    pub fn refused(&mut self, sentence: String) {
        match self {
            Popup::Text(t) => t.error = Some(sentence),
            Popup::Form(f) => f.error = Some(sentence),
            Popup::Rating(r) => r.error = Some(sentence),
            Popup::Share(s) => s.error = Some(sentence),
            Popup::Help(_) => {}
        }
    }

    /// Draws the popup over `area`; help lists the keys of `screen`.
    pub fn draw(&self, theme: &Theme, keys: &Keymap, screen: Screen, area: Rect, buf: &mut Buffer) {
        match self {
            Popup::Help(h) => h.draw(theme, keys, screen, area, buf),
            Popup::Text(t) => t.draw(theme, keys, area, buf),
            Popup::Form(f) => f.draw(theme, keys, area, buf),
            Popup::Rating(r) => r.draw(theme, keys, area, buf),
            Popup::Share(s) => s.draw(theme, keys, area, buf),
        }
    }
}

/// Clears a `w`×`h` box in the middle of `area`, draws its border and
/// title, and returns the inside.
fn frame(theme: &Theme, title: &str, w: u16, h: u16, area: Rect, buf: &mut Buffer) -> Rect {
    let popup = centered(area, w, h);
    Clear.render(popup, buf);
    let title = format!(" {} ", fit::cut(title, w.saturating_sub(4) as usize));
    let block = pane(title, true, theme);
    let inner = block.inner(popup);
    block.render(popup, buf);
    inner
}
