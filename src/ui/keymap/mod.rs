//! Key bindings as data. Every key the full-screen journal answers to, on a
//! screen or in a popup, is resolved through the table in `table.rs`; help,
//! the footer and the hint lines of popups are written from the same table,
//! so what is advertised and what works cannot drift apart.
//!
//! Uses only [`Screen`] and crossterm's key types; everything else in the
//! UI may use this module.

mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use table::BINDINGS;

use super::Screen;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    // Everywhere
    Quit,
    Help,
    Go(Screen),
    Undo,
    // On screens
    NextPane,
    PrevPane,
    Down,
    Up,
    PrevDay,
    NextDay,
    PrevWeek,
    NextWeek,
    PrevMonth,
    NextMonth,
    GoToday,
    ToggleKept,
    MarkPartial,
    MarkSmaller,
    MarkMissed,
    ClearMark,
    AddWin,
    Open,
    SwitchReflection,
    AddPromise,
    MoveUp,
    MoveDown,
    Archive,
    ToggleArchived,
    Accept,
    Dismiss,
    // In popups
    Save,
    Cancel,
    NewLine,
    NextField,
    PrevField,
    RateDigit,
    RateMore,
    RateLess,
    ScrollDown,
    ScrollUp,
    Close,
}

/// The popups that answer keys of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupKind {
    Help,
    Text,
    Form,
    Rating,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// On every screen (never inside a popup).
    Everywhere,
    /// On the screens listed.
    Screens(&'static [Screen]),
    /// Inside one kind of popup.
    Popup(PopupKind),
}

/// Where a key is pressed: on a screen, or in a popup over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Screen(Screen),
    Popup(PopupKind),
}

/// The modifier a key in the table asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    None,
    Ctrl,
    Alt,
    Shift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What help says the keys do.
    pub help: &'static str,
    /// Shown in the footer (screens) or the hint line (popups).
    pub hint: Option<&'static str>,
    /// Written instead of the keys in help and hints ("0–9").
    pub label: Option<&'static str>,
}

impl Scope {
    fn covers(self, context: Context) -> bool {
        match (self, context) {
            (Scope::Everywhere, Context::Screen(_)) => true,
            (Scope::Screens(screens), Context::Screen(s)) => screens.contains(&s),
            (Scope::Popup(kind), Context::Popup(k)) => kind == k,
            _ => false,
        }
    }
}

/// The bindings in force in `context`, in table order: on a screen its own
/// first, then those that work everywhere (less the key for the screen
/// itself, which does nothing there). These are what help and the footer
/// list, and every one of them does something in that place.
pub fn bindings_in(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS
        .iter()
        .filter(move |b| b.scope != Scope::Everywhere && b.scope.covers(context));
    let everywhere = BINDINGS.iter().filter(move |b| {
        b.scope == Scope::Everywhere
            && match context {
                Context::Screen(s) => b.action != Action::Go(s),
                Context::Popup(_) => false,
            }
    });
    own.chain(everywhere)
}

/// The action a key asks for in `context`, if any.
///
/// On a screen a key matches exactly: Alt or Super never match, Ctrl only
/// where the table says Ctrl (Shift is part of a capital letter and is
/// ignored). In a popup, where anything else is typing, a key with a
/// modifier in the table is looked for first, then the plain key with any
/// modifiers: Alt-Enter makes a new line, Ctrl-Enter still saves.
pub fn action_for(key: &KeyEvent, context: Context) -> Option<Action> {
    let find = |matches: &dyn Fn(&Key) -> bool| {
        BINDINGS
            .iter()
            .filter(|b| b.scope.covers(context))
            .find(|b| b.keys.iter().any(matches))
            .map(|b| b.action)
    };
    match context {
        Context::Screen(_) => {
            if key
                .modifiers
                .intersects(KeyModifiers::ALT | KeyModifiers::SUPER)
            {
                return None;
            }
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            find(&|k| k.code == key.code && (k.mods == Mods::Ctrl) == ctrl)
        }
        Context::Popup(_) => {
            let held = |mods: Mods| match mods {
                Mods::None => false,
                Mods::Ctrl => key.modifiers.contains(KeyModifiers::CONTROL),
                Mods::Alt => key.modifiers.contains(KeyModifiers::ALT),
                Mods::Shift => key.modifiers.contains(KeyModifiers::SHIFT),
            };
            find(&|k| k.code == key.code && k.mods != Mods::None && held(k.mods))
                .or_else(|| find(&|k| k.code == key.code && k.mods == Mods::None))
        }
    }
}

/// The key that switches to `screen`, as written in the tab strip.
pub fn go_key(screen: Screen) -> String {
    label_of(Context::Screen(screen), Action::Go(screen))
}

/// How the first key for `action` in `context` is written ("j"), or the
/// binding's label; empty if nothing there asks for it.
pub fn label_of(context: Context, action: Action) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.scope.covers(context))
        .find(|b| b.action == action)
        .map(|b| match b.label {
            Some(label) => label.to_string(),
            None => b.keys.first().map(key_label).unwrap_or_default(),
        })
        .unwrap_or_default()
}

/// How the first key for `action` on `screen` is written, for sentences
/// that name a key ("press a to add one").
pub fn key(screen: Screen, action: Action) -> String {
    label_of(Context::Screen(screen), action)
}

/// The hint line of a popup: "Enter saves · Esc cancels", from the
/// bindings of `kind` that have a hint and that `shown` lets through.
pub fn hint_line(kind: PopupKind, shown: impl Fn(Action) -> bool) -> String {
    bindings_in(Context::Popup(kind))
        .filter(|b| shown(b.action))
        .filter_map(|b| b.hint.map(|hint| format!("{} {hint}", keys_label(b))))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// How a key is written in help and hints.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char('-') => "−".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    match key.mods {
        Mods::None => base,
        Mods::Ctrl => format!("Ctrl-{base}"),
        Mods::Alt => format!("Alt-{base}"),
        Mods::Shift => format!("Shift-{base}"),
    }
}

/// All keys of a binding, as in "j/↓", or its label.
pub fn keys_label(binding: &Binding) -> String {
    match binding.label {
        Some(label) => label.to_string(),
        None => binding
            .keys
            .iter()
            .map(key_label)
            .collect::<Vec<_>>()
            .join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn on(screen: Screen) -> Context {
        Context::Screen(screen)
    }

    #[test]
    fn the_fixed_core_keys_resolve_on_every_screen() {
        for screen in Screen::ALL {
            assert_eq!(action_for(&press('q'), on(screen)), Some(Action::Quit));
            assert_eq!(action_for(&press('?'), on(screen)), Some(Action::Help));
            assert_eq!(action_for(&press('u'), on(screen)), Some(Action::Undo));
            assert_eq!(
                action_for(&press('3'), on(screen)),
                Some(Action::Go(Screen::Review))
            );
        }
        let today = on(Screen::Today);
        assert_eq!(action_for(&press(' '), today), Some(Action::ToggleKept));
        assert_eq!(action_for(&press('w'), today), Some(Action::AddWin));
        assert_eq!(action_for(&press('j'), today), Some(Action::Down));
        assert_eq!(
            action_for(&press('j'), on(Screen::Calendar)),
            Some(Action::NextWeek)
        );
    }

    #[test]
    fn alt_never_matches_on_a_screen_and_ctrl_only_where_asked() {
        let today = on(Screen::Today);
        let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(action_for(&alt_q, today), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c, today), Some(Action::Quit));
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_w, today), None);
        let capital = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&capital, on(Screen::Promises)),
            Some(Action::MoveUp)
        );
    }

    #[test]
    fn in_a_text_box_alt_enter_is_a_new_line_and_other_enters_save() {
        let text = Context::Popup(PopupKind::Text);
        let enter = |mods| KeyEvent::new(KeyCode::Enter, mods);
        assert_eq!(
            action_for(&enter(KeyModifiers::ALT), text),
            Some(Action::NewLine)
        );
        assert_eq!(
            action_for(&enter(KeyModifiers::SHIFT), text),
            Some(Action::NewLine)
        );
        assert_eq!(
            action_for(&enter(KeyModifiers::NONE), text),
            Some(Action::Save)
        );
        assert_eq!(
            action_for(&enter(KeyModifiers::CONTROL), text),
            Some(Action::Save)
        );
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_j, text), Some(Action::NewLine));
        assert_eq!(action_for(&press('q'), text), None, "q is typed");
    }

    #[test]
    fn screens_list_only_what_they_handle() {
        let cal: Vec<_> = bindings_in(on(Screen::Calendar)).collect();
        assert!(cal.iter().any(|b| b.action == Action::NextMonth));
        assert!(cal.iter().any(|b| b.action == Action::Quit));
        for absent in [Action::Down, Action::NextPane, Action::Go(Screen::Calendar)] {
            assert!(!cal.iter().any(|b| b.action == absent), "{absent:?}");
        }
        let promises: Vec<_> = bindings_in(on(Screen::Promises)).collect();
        for absent in [Action::NextPane, Action::PrevDay, Action::NextDay] {
            assert!(!promises.iter().any(|b| b.action == absent), "{absent:?}");
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_place() {
        let contexts = Screen::ALL.map(Context::Screen).into_iter().chain(
            [
                PopupKind::Help,
                PopupKind::Text,
                PopupKind::Form,
                PopupKind::Rating,
            ]
            .map(Context::Popup),
        );
        for context in contexts {
            let bound: Vec<&Key> = BINDINGS
                .iter()
                .filter(|b| b.scope.covers(context))
                .flat_map(|b| b.keys)
                .collect();
            for (i, key) in bound.iter().enumerate() {
                assert!(
                    !bound[i + 1..].contains(key),
                    "{key:?} bound twice in {context:?}"
                );
            }
        }
    }

    #[test]
    fn popup_hint_lines_come_from_the_table() {
        assert_eq!(
            hint_line(PopupKind::Text, |_| true),
            "Enter saves · Alt-Enter new line · Esc cancels"
        );
        assert_eq!(
            hint_line(PopupKind::Form, |_| true),
            "Tab/↓ next field · Enter saves · Esc cancels"
        );
    }
}
