//! The default key table: every key the full-screen journal answers to,
//! the screens' (`screens.rs`) and then the popups' (`popups.rs`).
//!
//! Order matters twice: help and the footer list bindings in this order,
//! and within one place the first binding that matches a key wins.

mod popups;
mod screens;

use std::sync::LazyLock;

use crossterm::event::KeyCode;

use super::{Action as A, Binding, Key, Mods, PopupKind, Scope};
use crate::ui::Screen;

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: Mods::None,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: Mods::None,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: Mods::Ctrl,
    }
}

const fn with(code: KeyCode, mods: Mods) -> Key {
    Key { code, mods }
}

/// A binding listed in help with `help`; `hint` also puts it in the
/// footer (screens) or the hint line (popups).
const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: A,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
        label: None,
        fixed: false,
    }
}

/// A binding no `[keys]` setting can take away (Ctrl-C quits).
const fn fixed(scope: Scope, keys: &'static [Key], action: A, help: &'static str) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint: None,
        label: None,
        fixed: true,
    }
}

/// A binding whose keys are written as `label` ("0–9") in help and hints.
const fn labelled(
    scope: Scope,
    keys: &'static [Key],
    action: A,
    label: &'static str,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
        label: Some(label),
        fixed: false,
    }
}

const TODAY: Scope = Scope::Screens(&[Screen::Today]);
const CAL: Scope = Scope::Screens(&[Screen::Calendar]);
const REVIEW: Scope = Scope::Screens(&[Screen::Review]);
const PROMISES: Scope = Scope::Screens(&[Screen::Promises]);
const PAGE: Scope = Scope::Screens(&[Screen::Promise]);
const PROMISE_AND_PAGE: Scope = Scope::Screens(&[Screen::Promises, Screen::Promise]);
/// The screens with two panes.
const PANED: Scope = Scope::Screens(&[Screen::Today, Screen::Review]);
/// The screens with a selection that moves up and down.
const LISTS: Scope = Scope::Screens(&[Screen::Today, Screen::Review, Screen::Promises]);
const ALL: Scope = Scope::Everywhere;
const HELP: Scope = Scope::Popup(PopupKind::Help);
const TEXT: Scope = Scope::Popup(PopupKind::Text);
const FORM: Scope = Scope::Popup(PopupKind::Form);
const RATING: Scope = Scope::Popup(PopupKind::Rating);
const SEARCH: Scope = Scope::Popup(PopupKind::Search);
const SHARE: Scope = Scope::Popup(PopupKind::Share);

const DIGITS: [Key; 10] = [
    k('0'),
    k('1'),
    k('2'),
    k('3'),
    k('4'),
    k('5'),
    k('6'),
    k('7'),
    k('8'),
    k('9'),
];

/// The default key table: the screens' bindings, then the popups'.
pub static BINDINGS: LazyLock<Vec<Binding>> =
    LazyLock::new(|| [screens::SCREENS, popups::POPUPS].concat());
