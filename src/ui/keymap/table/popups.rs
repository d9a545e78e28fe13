//! The popups' keys: help, a text box, a form, a 0–10 rating, search and
//! the preview of a message to share.

use crossterm::event::KeyCode;

use super::*;

pub(super) const POPUPS: &[Binding] = &[
    // ----- The help popup
    b(
        HELP,
        &[k('j'), code(KeyCode::Down)],
        A::ScrollDown,
        "scroll down",
        Some("scroll"),
    ),
    b(
        HELP,
        &[k('k'), code(KeyCode::Up)],
        A::ScrollUp,
        "scroll up",
        None,
    ),
    b(
        HELP,
        &[code(KeyCode::Esc), k('q')],
        A::Close,
        "close help (so does any other key)",
        Some("closes"),
    ),
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
        &[code(KeyCode::Esc), k('q')],
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
        "copy the message to the terminal's clipboard",
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
        &[code(KeyCode::Esc), k('q')],
        A::Close,
        "close the preview",
        Some("closes"),
    ),
];
