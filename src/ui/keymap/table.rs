//! The default key table: every key the full-screen journal answers to.
//!
//! Order matters twice: help and the footer list bindings in this order,
//! and within one place the first binding that matches a key wins.

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

/// The default key table.
pub const BINDINGS: &[Binding] = &[
    // ----- Today
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
        &[k('s')],
        A::MarkSmaller,
        "mark kept in its smaller version (it counts)",
        Some("smaller"),
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
    b(
        TODAY,
        &[k('t'), code(KeyCode::Esc)],
        A::GoToday,
        "back to today",
        None,
    ),
    b(
        TODAY,
        &[k('S')],
        A::Share,
        "preview the day's message for someone you trust",
        Some("share"),
    ),
    b(
        TODAY,
        &[k('P')],
        A::TogglePrivate,
        "keep the selected win private, or share it again",
        None,
    ),
    // ----- Calendar
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
    // ----- Review
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
    b(
        REVIEW,
        &[k('S')],
        A::Share,
        "preview the week's message for someone you trust",
        None,
    ),
    // ----- Promises: the checkmark grid
    b(
        PROMISES,
        &[k(' ')],
        A::ToggleKept,
        "mark the selected day kept (again: unmark)",
        Some("kept"),
    ),
    b(
        PROMISES,
        &[k('p')],
        A::MarkPartial,
        "mark it partly kept (for a measure: enter the amount)",
        None,
    ),
    b(
        PROMISES,
        &[k('s')],
        A::MarkSmaller,
        "mark it kept in its smaller version (it counts)",
        None,
    ),
    b(
        PROMISES,
        &[k('x')],
        A::MarkMissed,
        "mark it missed, with a note on what got in the way",
        None,
    ),
    b(
        PROMISES,
        &[k('d'), code(KeyCode::Delete)],
        A::ClearMark,
        "clear the mark of the selected day",
        None,
    ),
    b(
        PROMISES,
        &[k('h'), code(KeyCode::Left)],
        A::PrevDay,
        "previous day (at the left edge, back a week)",
        None,
    ),
    b(
        PROMISES,
        &[k('l'), code(KeyCode::Right)],
        A::NextDay,
        "next day (at the right edge, forward a week)",
        None,
    ),
    b(
        PROMISES,
        &[k('['), code(KeyCode::PageUp)],
        A::PrevWeek,
        "a week back",
        None,
    ),
    b(
        PROMISES,
        &[k(']'), code(KeyCode::PageDown)],
        A::NextWeek,
        "a week forward",
        None,
    ),
    b(PROMISES, &[k('t')], A::GoToday, "back to today", None),
    b(
        PROMISES,
        &[code(KeyCode::Enter)],
        A::Open,
        "open the promise's page: its whole story",
        Some("open"),
    ),
    b(
        PROMISE_AND_PAGE,
        &[k('e')],
        A::Edit,
        "edit the promise",
        Some("edit"),
    ),
    b(
        PROMISES,
        &[k('a')],
        A::AddPromise,
        "add a promise",
        Some("add"),
    ),
    b(PROMISES, &[k('K')], A::MoveUp, "move the promise up", None),
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
    // ----- A promise's page
    b(
        PAGE,
        &[code(KeyCode::Esc)],
        A::Close,
        "back to the promises",
        Some("back"),
    ),
    b(
        PAGE,
        &[k('j'), code(KeyCode::Down)],
        A::ScrollDown,
        "scroll down",
        None,
    ),
    b(
        PAGE,
        &[k('k'), code(KeyCode::Up)],
        A::ScrollUp,
        "scroll up",
        None,
    ),
    // ----- Shared by some screens
    b(PANED, &[code(KeyCode::Tab)], A::NextPane, "next pane", None),
    b(
        PANED,
        &[code(KeyCode::BackTab)],
        A::PrevPane,
        "previous pane",
        None,
    ),
    b(
        LISTS,
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "move the selection down",
        None,
    ),
    b(
        LISTS,
        &[k('k'), code(KeyCode::Up)],
        A::Up,
        "move the selection up",
        None,
    ),
    b(
        TODAY,
        &[k('h'), code(KeyCode::Left)],
        A::PrevDay,
        "previous day",
        None,
    ),
    b(
        TODAY,
        &[k('l'), code(KeyCode::Right)],
        A::NextDay,
        "next day",
        None,
    ),
    // ----- Everywhere
    b(
        ALL,
        &[k('q')],
        A::Quit,
        "quit (everything is already saved)",
        Some("quit"),
    ),
    b(
        ALL,
        &[k('?'), code(KeyCode::F(1))],
        A::Help,
        "help: the keys of this screen",
        Some("help"),
    ),
    b(
        ALL,
        &[k('1')],
        A::Go(Screen::Today),
        Screen::Today.title(),
        None,
    ),
    b(
        ALL,
        &[k('2')],
        A::Go(Screen::Calendar),
        Screen::Calendar.title(),
        None,
    ),
    b(
        ALL,
        &[k('3')],
        A::Go(Screen::Review),
        Screen::Review.title(),
        None,
    ),
    b(
        ALL,
        &[k('4')],
        A::Go(Screen::Promises),
        Screen::Promises.title(),
        None,
    ),
    b(
        ALL,
        &[k('u'), ctrl('z')],
        A::Undo,
        "undo the last change",
        Some("undo"),
    ),
    b(ALL, &[ctrl('c')], A::Quit, "quit", None),
    b(
        ALL,
        &[k('/')],
        A::Search,
        "search wins, notes, lessons, intentions and answers",
        None,
    ),
    // ----- The help popup
    b(
        HELP,
        &[k('j'), code(KeyCode::Down)],
        A::ScrollDown,
        "scroll down",
        None,
    ),
    b(
        HELP,
        &[k('k'), code(KeyCode::Up)],
        A::ScrollUp,
        "scroll up",
        None,
    ),
    b(HELP, &[code(KeyCode::Esc)], A::Close, "close help", None),
    b(HELP, &[k('q')], A::Quit, "quit", None),
    // ----- A text box
    b(
        TEXT,
        &[code(KeyCode::Enter)],
        A::Save,
        "save",
        Some("saves"),
    ),
    labelled(
        TEXT,
        &[
            with(KeyCode::Enter, Mods::Alt),
            with(KeyCode::Enter, Mods::Shift),
            ctrl('j'),
        ],
        A::NewLine,
        "Alt-Enter",
        "new line (reflection answers)",
        Some("new line"),
    ),
    b(
        TEXT,
        &[code(KeyCode::Esc)],
        A::Cancel,
        "cancel (nothing is saved)",
        Some("cancels"),
    ),
    // ----- A form
    b(
        FORM,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        A::NextField,
        "next field",
        Some("next field"),
    ),
    b(
        FORM,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        A::PrevField,
        "previous field",
        None,
    ),
    b(
        FORM,
        &[code(KeyCode::Enter)],
        A::Save,
        "save",
        Some("saves"),
    ),
    b(
        FORM,
        &[code(KeyCode::Esc)],
        A::Cancel,
        "cancel (nothing is saved)",
        Some("cancels"),
    ),
    // ----- A 0–10 rating
    labelled(
        RATING,
        &DIGITS,
        A::RateDigit,
        "0–9",
        "set the rating (1 then 0 gives 10)",
        None,
    ),
    b(
        RATING,
        &[k('+'), k('l'), code(KeyCode::Right), code(KeyCode::Up)],
        A::RateMore,
        "one more",
        None,
    ),
    b(
        RATING,
        &[k('-'), k('h'), code(KeyCode::Left), code(KeyCode::Down)],
        A::RateLess,
        "one less",
        None,
    ),
    b(
        RATING,
        &[code(KeyCode::Enter), k(' ')],
        A::Save,
        "save",
        Some("saves"),
    ),
    b(
        RATING,
        &[code(KeyCode::Esc)],
        A::Cancel,
        "cancel (nothing is saved)",
        Some("cancels"),
    ),
    // ----- Search (anything else is typed into the box)
    b(
        SEARCH,
        &[code(KeyCode::Down), ctrl('n')],
        A::Down,
        "next result",
        Some("next"),
    ),
    b(
        SEARCH,
        &[code(KeyCode::Up), ctrl('p')],
        A::Up,
        "previous result",
        None,
    ),
    b(
        SEARCH,
        &[code(KeyCode::Enter)],
        A::Open,
        "open the result's day on Today",
        Some("opens the day"),
    ),
    b(
        SEARCH,
        &[code(KeyCode::Esc)],
        A::Cancel,
        "close search",
        Some("closes"),
    ),
    // ----- The preview of a message to share
    b(
        SHARE,
        &[k(' ')],
        A::ToggleInclude,
        "put the chosen part in, or leave it out",
        Some("include"),
    ),
    b(
        SHARE,
        &[code(KeyCode::Tab), k('l'), code(KeyCode::Right)],
        A::NextField,
        "choose the next part",
        Some("choose"),
    ),
    b(
        SHARE,
        &[code(KeyCode::BackTab), k('h'), code(KeyCode::Left)],
        A::PrevField,
        "choose the previous part",
        None,
    ),
    b(
        SHARE,
        &[k('j'), code(KeyCode::Down)],
        A::ScrollDown,
        "scroll the message down",
        None,
    ),
    b(
        SHARE,
        &[k('k'), code(KeyCode::Up)],
        A::ScrollUp,
        "scroll the message up",
        None,
    ),
    b(
        SHARE,
        &[k('c')],
        A::Copy,
        "copy the message to the clipboard",
        Some("copy"),
    ),
    b(
        SHARE,
        &[k('s')],
        A::Save,
        "save the message to a file only you can read",
        Some("save"),
    ),
    b(
        SHARE,
        &[code(KeyCode::Esc)],
        A::Close,
        "close (nothing is sent or saved)",
        Some("closes"),
    ),
];
