//! Key bindings as data. Every key the full-screen journal answers to, on a
//! screen or in a popup, is resolved through the keys in force: the default
//! table in `table/` with the person's `[keys]` applied (`map.rs`,
//! [`Keymap`]). Help, the footer, the hint lines of popups and every
//! sentence that names a key are written from the same keys, so what is
//! advertised and what works cannot drift apart.
//!
//! The keys in force are a value, a [`Keymap`], that the
//! [`App`](crate::ui::App) owns and hands down: to screens' updates and
//! popups' keys as an argument, to drawing in the screens' `Ctx`. A screen
//! names a key by asking it (`keys.key(screen, action)`), so what a
//! sentence names is what the person's `[keys]` made of it.
//!
//! Uses only [`Screen`], the config's key values and crossterm's key types;
//! everything else in the UI may use this module.

mod map;
mod table;

use crossterm::event::KeyCode;

pub use map::{Bound, CONTEXTS, Keymap, is_ctrl_c, key_of};
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
    Search,
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
    /// A note on the selected promise's mark (kept, partly, smaller).
    Note,
    ClearMark,
    AddWin,
    Open,
    /// Edit the selected promise (on Promises and a promise's page).
    Edit,
    SwitchReflection,
    AddPromise,
    MoveUp,
    MoveDown,
    Archive,
    ToggleArchived,
    Accept,
    Dismiss,
    /// Open the preview of a message to share (the day, or the week).
    Share,
    /// Make the selected win private, or shareable again.
    TogglePrivate,
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
    /// Include or leave out the selected part of a message.
    ToggleInclude,
    /// Copy a message to the clipboard.
    Copy,
}

impl Action {
    /// The name the config file uses for this action (`[keys] add_win`);
    /// the digits of a rating have none.
    pub const fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Go(Screen::Today) => "show_today",
            Action::Go(Screen::Calendar) => "show_calendar",
            Action::Go(Screen::Review) => "show_review",
            Action::Go(Screen::Promises) => "show_promises",
            // No key goes to a promise's page: Enter on Promises opens it.
            Action::Go(Screen::Promise) => "show_promise",
            Action::Undo => "undo",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::PrevDay => "prev_day",
            Action::NextDay => "next_day",
            Action::PrevWeek => "prev_week",
            Action::NextWeek => "next_week",
            Action::PrevMonth => "prev_month",
            Action::NextMonth => "next_month",
            Action::GoToday => "jump_to_today",
            Action::ToggleKept => "mark_kept",
            Action::MarkPartial => "mark_partly",
            Action::MarkSmaller => "mark_smaller",
            Action::MarkMissed => "mark_missed",
            Action::Note => "note",
            Action::ClearMark => "clear_mark",
            Action::AddWin => "add_win",
            Action::Open => "open",
            Action::Edit => "edit",
            Action::SwitchReflection => "switch_reflection",
            Action::AddPromise => "add_promise",
            Action::MoveUp => "move_up",
            Action::MoveDown => "move_down",
            Action::Archive => "archive",
            Action::ToggleArchived => "show_archived",
            Action::Accept => "accept",
            Action::Dismiss => "set_aside",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::NewLine => "new_line",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::RateDigit => "rate_digit",
            Action::RateMore => "rate_more",
            Action::RateLess => "rate_less",
            Action::ScrollDown => "scroll_down",
            Action::ScrollUp => "scroll_up",
            Action::Close => "close",
            Action::Search => "search",
            Action::Share => "share",
            Action::TogglePrivate => "toggle_private",
            Action::ToggleInclude => "toggle",
            Action::Copy => "copy",
        }
    }

    /// The action the config file names, if it is one that can be rebound.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDINGS
            .iter()
            .map(|b| b.action)
            .filter(|a| *a != Action::RateDigit)
            .find(|a| a.name() == name)
    }
}

/// The popups that answer keys of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupKind {
    Help,
    Text,
    Form,
    Rating,
    Search,
    /// The preview of a message to share.
    Share,
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
    /// A key no `[keys]` setting takes away: Ctrl-C quits from anywhere.
    pub fixed: bool,
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

impl Keymap {
    /// How the first key for `action` on `screen` is written, for
    /// sentences that name a key ("press a to add one").
    pub fn key(&self, screen: Screen, action: Action) -> String {
        self.label_of(Context::Screen(screen), action)
    }

    /// The key that switches to `screen`, as written in the tab strip (as
    /// the other screens have it: on its own screen the key does nothing).
    pub fn go_key(&self, screen: Screen) -> String {
        Screen::ALL
            .into_iter()
            .filter(|s| *s != screen)
            .map(|s| self.label_of(Context::Screen(s), Action::Go(screen)))
            .find(|label| !label.is_empty())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn action_for(key: &KeyEvent, context: Context) -> Option<Action> {
        Keymap::default().action_for(key, context)
    }

    fn bindings_in(context: Context) -> Vec<Bound> {
        Keymap::default().bindings(context).to_vec()
    }

    fn hint_line(kind: PopupKind, shown: impl Fn(Action) -> bool) -> String {
        Keymap::default().hint_line(kind, shown)
    }

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
            // The key for the screen in view does nothing there.
            let go_review = (screen != Screen::Review).then_some(Action::Go(Screen::Review));
            assert_eq!(action_for(&press('3'), on(screen)), go_review);
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
        let cal = bindings_in(on(Screen::Calendar));
        assert!(cal.iter().any(|b| b.action == Action::NextMonth));
        assert!(cal.iter().any(|b| b.action == Action::Quit));
        for absent in [Action::Down, Action::NextPane, Action::Go(Screen::Calendar)] {
            assert!(!cal.iter().any(|b| b.action == absent), "{absent:?}");
        }
        let promises = bindings_in(on(Screen::Promises));
        for absent in [Action::NextPane, Action::Go(Screen::Promises)] {
            assert!(!promises.iter().any(|b| b.action == absent), "{absent:?}");
        }
    }

    #[test]
    fn every_action_but_the_digits_has_a_name_the_config_file_knows() {
        use crate::model::tui::ACTION_NAMES;
        let mut named: Vec<&str> = BINDINGS
            .iter()
            .map(|b| b.action)
            .filter(|a| *a != Action::RateDigit)
            .map(Action::name)
            .collect();
        named.sort_unstable();
        named.dedup();
        let mut known = ACTION_NAMES.to_vec();
        known.sort_unstable();
        assert_eq!(named, known);
        for name in ACTION_NAMES {
            assert_eq!(Action::from_name(name).map(Action::name), Some(name));
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_place() {
        for context in CONTEXTS {
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
