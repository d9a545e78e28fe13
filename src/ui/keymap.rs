//! Key bindings as data. The app resolves keys through this table, and the
//! help screen is generated from it, so the two can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Screen;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Cancel,
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
    Go(Screen),
    ToggleKept,
    MarkPartial,
    MarkMissed,
    ClearMark,
    AddWin,
    Open,
    Undo,
    SwitchReflection,
    AddPromise,
    MoveUp,
    MoveDown,
    Archive,
    ToggleArchived,
    Accept,
    Dismiss,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    On(Screen),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub scope: Scope,
    /// Shown in the footer hint line.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        scope,
        hint,
    }
}

use Action as A;
use Scope::{Global as G, On};
const TODAY: Scope = On(Screen::Today);
const CAL: Scope = On(Screen::Calendar);
const REVIEW: Scope = On(Screen::Review);
const PROMISES: Scope = On(Screen::Promises);

/// The default key table. Screen bindings are looked up before global ones.
pub const BINDINGS: &[Binding] = &[
    // Today
    b(
        TODAY,
        &[k(' ')],
        A::ToggleKept,
        "mark the selected promise kept (again: unmark)",
        Some("kept"),
    ),
    b(
        TODAY,
        &[k('p')],
        A::MarkPartial,
        "mark partly kept (for a measure: enter the amount)",
        Some("partly"),
    ),
    b(
        TODAY,
        &[k('x')],
        A::MarkMissed,
        "mark missed, with a note on what got in the way",
        Some("missed"),
    ),
    b(
        TODAY,
        &[k('d'), code(KeyCode::Delete)],
        A::ClearMark,
        "clear the mark, or delete the selected win",
        None,
    ),
    b(
        TODAY,
        &[k('w')],
        A::AddWin,
        "add a win (Enter saves, Esc cancels)",
        Some("win"),
    ),
    b(
        TODAY,
        &[code(KeyCode::Enter), k('e')],
        A::Open,
        "write or edit the selected item",
        Some("write"),
    ),
    b(
        TODAY,
        &[k('r')],
        A::SwitchReflection,
        "switch between morning check-in and evening reflection",
        Some("am/pm"),
    ),
    b(TODAY, &[k('a')], A::AddPromise, "add a promise", None),
    b(TODAY, &[k('t')], A::GoToday, "back to today", None),
    // Calendar
    b(
        CAL,
        &[k('h'), code(KeyCode::Left)],
        A::PrevDay,
        "previous day",
        None,
    ),
    b(
        CAL,
        &[k('l'), code(KeyCode::Right)],
        A::NextDay,
        "next day",
        None,
    ),
    b(
        CAL,
        &[k('k'), code(KeyCode::Up)],
        A::PrevWeek,
        "previous week",
        None,
    ),
    b(
        CAL,
        &[k('j'), code(KeyCode::Down)],
        A::NextWeek,
        "next week",
        None,
    ),
    b(
        CAL,
        &[k('['), code(KeyCode::PageUp)],
        A::PrevMonth,
        "previous month",
        Some("month"),
    ),
    b(
        CAL,
        &[k(']'), code(KeyCode::PageDown)],
        A::NextMonth,
        "next month",
        None,
    ),
    b(CAL, &[k('t')], A::GoToday, "jump to today", Some("today")),
    b(
        CAL,
        &[code(KeyCode::Enter)],
        A::Open,
        "open the day to read and amend it",
        Some("open"),
    ),
    // Review
    b(
        REVIEW,
        &[k('['), k('h'), code(KeyCode::Left)],
        A::PrevWeek,
        "previous week",
        Some("week"),
    ),
    b(
        REVIEW,
        &[k(']'), k('l'), code(KeyCode::Right)],
        A::NextWeek,
        "next week",
        None,
    ),
    b(REVIEW, &[k('t')], A::GoToday, "this week", None),
    b(
        REVIEW,
        &[k('a')],
        A::Accept,
        "accept the selected suggestion",
        Some("accept"),
    ),
    b(
        REVIEW,
        &[k('x')],
        A::Dismiss,
        "set the selected suggestion aside",
        Some("set aside"),
    ),
    b(
        REVIEW,
        &[code(KeyCode::Enter)],
        A::Open,
        "answer the selected question (or accept)",
        Some("answer"),
    ),
    // Promises
    b(
        PROMISES,
        &[k('a')],
        A::AddPromise,
        "add a promise",
        Some("add"),
    ),
    b(
        PROMISES,
        &[code(KeyCode::Enter), k('e')],
        A::Open,
        "edit the selected promise",
        Some("edit"),
    ),
    b(
        PROMISES,
        &[k('K')],
        A::MoveUp,
        "move the promise up",
        Some("move"),
    ),
    b(
        PROMISES,
        &[k('J')],
        A::MoveDown,
        "move the promise down",
        None,
    ),
    b(
        PROMISES,
        &[k('A')],
        A::Archive,
        "archive (or bring back) the selected promise",
        Some("archive"),
    ),
    b(
        PROMISES,
        &[k('.')],
        A::ToggleArchived,
        "show or hide archived promises",
        None,
    ),
    // Everywhere
    b(
        G,
        &[k('q')],
        A::Quit,
        "quit (everything is already saved)",
        Some("quit"),
    ),
    b(
        G,
        &[k('?'), code(KeyCode::F(1))],
        A::Help,
        "help: the keys of this screen",
        Some("help"),
    ),
    b(
        G,
        &[code(KeyCode::Esc)],
        A::Cancel,
        "close a popup or cancel an input",
        None,
    ),
    b(G, &[code(KeyCode::Tab)], A::NextPane, "next pane", None),
    b(
        G,
        &[code(KeyCode::BackTab)],
        A::PrevPane,
        "previous pane",
        None,
    ),
    b(
        G,
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "move the selection down",
        None,
    ),
    b(
        G,
        &[k('k'), code(KeyCode::Up)],
        A::Up,
        "move the selection up",
        None,
    ),
    b(
        G,
        &[k('h'), code(KeyCode::Left)],
        A::PrevDay,
        "previous day",
        None,
    ),
    b(
        G,
        &[k('l'), code(KeyCode::Right)],
        A::NextDay,
        "next day",
        None,
    ),
    b(
        G,
        &[k('1')],
        A::Go(Screen::Today),
        Screen::Today.title(),
        None,
    ),
    b(
        G,
        &[k('2')],
        A::Go(Screen::Calendar),
        Screen::Calendar.title(),
        None,
    ),
    b(
        G,
        &[k('3')],
        A::Go(Screen::Review),
        Screen::Review.title(),
        None,
    ),
    b(
        G,
        &[k('4')],
        A::Go(Screen::Promises),
        Screen::Promises.title(),
        None,
    ),
    b(
        G,
        &[
            k('u'),
            Key {
                code: KeyCode::Char('z'),
                ctrl: true,
            },
        ],
        A::Undo,
        "undo the last change",
        Some("undo"),
    ),
    b(
        G,
        &[Key {
            code: KeyCode::Char('c'),
            ctrl: true,
        }],
        A::Quit,
        "quit",
        None,
    ),
];

/// The action a key asks for on `screen`, if any.
pub fn action_for(key: &KeyEvent, screen: Screen) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if key
        .modifiers
        .intersects(KeyModifiers::ALT | KeyModifiers::SUPER)
    {
        return None;
    }
    let matches = |k: &Key| k.code == key.code && k.ctrl == ctrl;
    bindings_for(screen)
        .find(|b| b.keys.iter().any(matches))
        .map(|b| b.action)
}

/// The bindings in force on `screen`: its own first, then the global ones
/// it does not shadow.
pub fn bindings_for(screen: Screen) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS.iter().filter(move |b| b.scope == On(screen));
    let global = BINDINGS.iter().filter(move |b| {
        b.scope == G
            && !b.keys.iter().all(|key| {
                BINDINGS
                    .iter()
                    .any(|o| o.scope == On(screen) && o.keys.contains(key))
            })
    });
    own.chain(global)
}

/// The key that switches to `screen`, as written in the tab strip.
pub fn go_key(screen: Screen) -> String {
    BINDINGS
        .iter()
        .find(|b| b.action == Action::Go(screen))
        .and_then(|b| b.keys.first())
        .map(key_label)
        .unwrap_or_default()
}

/// How a key is written in help and hints.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
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
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// All keys of a binding, as in "j/↓".
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(key_label)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_fixed_core_keys_resolve_on_every_screen() {
        for screen in [
            Screen::Today,
            Screen::Calendar,
            Screen::Review,
            Screen::Promises,
        ] {
            assert_eq!(action_for(&press('q'), screen), Some(Action::Quit));
            assert_eq!(action_for(&press('?'), screen), Some(Action::Help));
            assert_eq!(action_for(&press('u'), screen), Some(Action::Undo));
            assert_eq!(
                action_for(&press('3'), screen),
                Some(Action::Go(Screen::Review))
            );
        }
        assert_eq!(
            action_for(&press(' '), Screen::Today),
            Some(Action::ToggleKept)
        );
        assert_eq!(action_for(&press('w'), Screen::Today), Some(Action::AddWin));
        assert_eq!(action_for(&press('j'), Screen::Today), Some(Action::Down));
        assert_eq!(
            action_for(&press('j'), Screen::Calendar),
            Some(Action::NextWeek)
        );
    }

    #[test]
    fn help_lists_screen_keys_and_drops_shadowed_globals() {
        let cal: Vec<_> = bindings_for(Screen::Calendar).collect();
        assert!(cal.iter().any(|b| b.action == Action::NextMonth));
        assert!(
            !cal.iter().any(|b| b.action == Action::Down),
            "j/k are weeks on the calendar"
        );
        assert!(cal.iter().any(|b| b.action == Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for other in &BINDINGS[i + 1..] {
                if a.scope == other.scope {
                    for key in a.keys {
                        assert!(!other.keys.contains(key), "{key:?} bound twice");
                    }
                }
            }
        }
    }
}
