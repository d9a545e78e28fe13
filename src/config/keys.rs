//! Keys as the config file writes them: a character (`"a"`, `"?"`,
//! `"K"`), a name (`"enter"`, `"esc"`, `"space"`, `"f1"`, `"pageup"` …),
//! optionally after one modifier (`"ctrl-u"`, `"alt-enter"`,
//! `"shift-tab"`).

use crate::model::tui::{KeyChord, KeyModifier, KeyName};

/// The names a key may be written with, besides a single character.
const NAMES: [(&str, KeyName); 24] = [
    ("enter", KeyName::Enter),
    ("return", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("escape", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backtab", KeyName::BackTab),
    ("backspace", KeyName::Backspace),
    ("delete", KeyName::Delete),
    ("del", KeyName::Delete),
    ("insert", KeyName::Insert),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("pageup", KeyName::PageUp),
    ("pgup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("pgdn", KeyName::PageDown),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("space", KeyName::Char(' ')),
    ("minus", KeyName::Char('-')),
    ("plus", KeyName::Char('+')),
    ("hash", KeyName::Char('#')),
];

const MODIFIERS: [(&str, KeyModifier); 4] = [
    ("ctrl-", KeyModifier::Ctrl),
    ("control-", KeyModifier::Ctrl),
    ("alt-", KeyModifier::Alt),
    ("shift-", KeyModifier::Shift),
];

/// Reads one key, or says in words what would be right.
pub(super) fn parse_key(text: &str) -> Result<KeyChord, String> {
    let wrong = || {
        format!(
            "\"{text}\" is not a key smallwins knows; write a character like \"a\", a name like \"enter\", \"esc\", \"space\" or \"f1\", optionally after ctrl-, alt- or shift-"
        )
    };
    let mut rest = text;
    let mut modifier = KeyModifier::None;
    if rest.chars().count() > 1 {
        for (prefix, m) in MODIFIERS {
            let head = rest.get(..prefix.len()).map(str::to_lowercase);
            if head.as_deref() == Some(prefix) && rest.len() > prefix.len() {
                modifier = m;
                rest = &rest[prefix.len()..];
                break;
            }
        }
    }
    if modifier != KeyModifier::None && rest.chars().count() > 1 {
        let lower = rest.to_lowercase();
        if MODIFIERS.iter().any(|(p, _)| lower.starts_with(p)) {
            return Err(format!(
                "\"{text}\" holds more than one modifier; smallwins takes at most one of ctrl-, alt- or shift-"
            ));
        }
    }
    let key = key_name(rest).ok_or_else(wrong)?;
    Ok(normalise(KeyChord { key, modifier }))
}

fn key_name(text: &str) -> Option<KeyName> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyName::Char(c));
    }
    let lower = text.to_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=24).contains(&n).then_some(KeyName::F(n));
    }
    NAMES.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k)
}

/// One way to write each key: Shift with a letter is the capital letter,
/// Shift-Tab is BackTab, Ctrl with a letter is the small letter.
fn normalise(chord: KeyChord) -> KeyChord {
    match (chord.modifier, chord.key) {
        (KeyModifier::Shift, KeyName::Char(c)) if c.is_alphabetic() => KeyChord {
            key: KeyName::Char(c.to_uppercase().next().unwrap_or(c)),
            modifier: KeyModifier::None,
        },
        (KeyModifier::Shift, KeyName::Tab) => KeyChord {
            key: KeyName::BackTab,
            modifier: KeyModifier::None,
        },
        (KeyModifier::Ctrl | KeyModifier::Alt, KeyName::Char(c)) if c.is_alphabetic() => KeyChord {
            key: KeyName::Char(c.to_lowercase().next().unwrap_or(c)),
            ..chord
        },
        _ => chord,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> KeyChord {
        parse_key(text).expect(text)
    }

    fn plain(key: KeyName) -> KeyChord {
        KeyChord {
            key,
            modifier: KeyModifier::None,
        }
    }

    #[test]
    fn keys_read_as_characters_names_and_one_modifier() {
        assert_eq!(key("a"), plain(KeyName::Char('a')));
        assert_eq!(key("K"), plain(KeyName::Char('K')));
        assert_eq!(key("shift-k"), plain(KeyName::Char('K')));
        assert_eq!(key("-"), plain(KeyName::Char('-')));
        assert_eq!(key("Enter"), plain(KeyName::Enter));
        assert_eq!(key("space"), plain(KeyName::Char(' ')));
        assert_eq!(key("shift-tab"), plain(KeyName::BackTab));
        assert_eq!(key("F1"), plain(KeyName::F(1)));
        assert_eq!(
            key("ctrl-U"),
            KeyChord {
                key: KeyName::Char('u'),
                modifier: KeyModifier::Ctrl
            }
        );
        assert_eq!(
            key("alt-enter"),
            KeyChord {
                key: KeyName::Enter,
                modifier: KeyModifier::Alt
            }
        );
        assert_eq!(
            key("ctrl--"),
            KeyChord {
                key: KeyName::Char('-'),
                modifier: KeyModifier::Ctrl
            }
        );
    }

    #[test]
    fn a_key_that_cannot_be_read_says_how_to_write_one() {
        for wrong in ["", "ctrl-", "hyper-x", "f99", "enterr", "\u{7}"] {
            let why = parse_key(wrong).expect_err(wrong);
            assert!(why.contains("optionally after ctrl-"), "{wrong}: {why}");
        }
        let why = parse_key("ctrl-alt-x").expect_err("two modifiers");
        assert!(why.contains("at most one"), "{why}");
    }
}
