//! The keys in force: the default table, laid out place by place, with the
//! person's `[keys]` applied and any two actions that ended up sharing a
//! key in one place reported (the key stays with the action the person
//! set). Looking a key up, and writing keys for help, the footer and
//! sentences, all read this one value.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, BINDINGS, Binding, Context, Key, Mods, PopupKind, Scope};
use crate::model::tui::{KeyChord, KeyModifier, KeyName, KeyOverride, KeyPlace};
use crate::ui::Screen;

/// One binding in one place, with the keys in force there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<Key>,
    /// What help says the keys do.
    pub help: &'static str,
    /// Shown in the footer (screens) or the hint line (popups).
    pub hint: Option<&'static str>,
    /// Written instead of the keys in help and hints ("0–9"), while the
    /// keys are the table's own.
    pub label: Option<&'static str>,
    /// Whether the person's config set these keys.
    pub set_by_config: bool,
    /// Keys no config takes away (Ctrl-C quits).
    pub fixed: bool,
}

impl From<&Binding> for Bound {
    fn from(b: &Binding) -> Bound {
        Bound {
            scope: b.scope,
            action: b.action,
            keys: b.keys.to_vec(),
            help: b.help,
            hint: b.hint,
            label: b.label,
            set_by_config: false,
            fixed: b.fixed,
        }
    }
}

/// Every place keys are pressed in.
pub const CONTEXTS: [Context; 11] = [
    Context::Screen(Screen::Today),
    Context::Screen(Screen::Calendar),
    Context::Screen(Screen::Review),
    Context::Screen(Screen::Promises),
    Context::Screen(Screen::Promise),
    Context::Popup(PopupKind::Help),
    Context::Popup(PopupKind::Text),
    Context::Popup(PopupKind::Form),
    Context::Popup(PopupKind::Rating),
    Context::Popup(PopupKind::Search),
    Context::Popup(PopupKind::Share),
];

/// The key that always quits.
const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    mods: Mods::Ctrl,
};

/// Whether `key` is Ctrl-C, which quits from anywhere whatever the
/// config says.
pub fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// The keys in force in every place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    places: Vec<(Context, Vec<Bound>)>,
    /// Write arrows and the like as words ("Up"), for `glyphs = "ascii"`.
    pub ascii: bool,
    /// What went wrong applying the config's keys, one sentence each.
    pub problems: Vec<String>,
}

impl Default for Keymap {
    /// The default table.
    fn default() -> Keymap {
        let places = CONTEXTS
            .iter()
            .map(|c| (*c, defaults_in(*c).map(Bound::from).collect()))
            .collect();
        Keymap {
            places,
            ascii: false,
            problems: Vec::new(),
        }
    }
}

/// The table's bindings in `context`, in table order: on a screen its own
/// first, then those that work everywhere (less the key for the screen
/// itself, which does nothing there).
fn defaults_in(context: Context) -> impl Iterator<Item = &'static Binding> {
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

fn place_of(context: Context) -> KeyPlace {
    match context {
        Context::Screen(Screen::Today) => KeyPlace::Today,
        Context::Screen(Screen::Calendar) => KeyPlace::Calendar,
        Context::Screen(Screen::Review) => KeyPlace::Review,
        Context::Screen(Screen::Promises) => KeyPlace::Promises,
        Context::Screen(Screen::Promise) => KeyPlace::PromisePage,
        Context::Popup(PopupKind::Help) => KeyPlace::Help,
        Context::Popup(PopupKind::Text) => KeyPlace::Text,
        Context::Popup(PopupKind::Form) => KeyPlace::Form,
        Context::Popup(PopupKind::Rating) => KeyPlace::Rating,
        Context::Popup(PopupKind::Search) => KeyPlace::Search,
        Context::Popup(PopupKind::Share) => KeyPlace::Share,
    }
}

/// How a place is named in sentences: "on Today", "in a text box".
fn place_words(context: Context) -> String {
    match context {
        Context::Screen(Screen::Promise) => "on a promise's page".into(),
        Context::Screen(s) => format!("on {}", s.title()),
        Context::Popup(PopupKind::Help) => "in help".into(),
        Context::Popup(PopupKind::Text) => "in a text box".into(),
        Context::Popup(PopupKind::Form) => "in a form".into(),
        Context::Popup(PopupKind::Rating) => "in a rating".into(),
        Context::Popup(PopupKind::Search) => "in search".into(),
        Context::Popup(PopupKind::Share) => "in the preview of a message to share".into(),
    }
}

/// The key the UI matches for a key from the config file.
pub fn key_of(chord: &KeyChord) -> Key {
    let code = match chord.key {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Insert => KeyCode::Insert,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::F(n) => KeyCode::F(n),
    };
    let mods = match chord.modifier {
        KeyModifier::None => Mods::None,
        KeyModifier::Ctrl => Mods::Ctrl,
        KeyModifier::Alt => Mods::Alt,
        KeyModifier::Shift => Mods::Shift,
    };
    Key { code, mods }
}

impl Keymap {
    /// The default table with `overrides` applied (those for every place
    /// first, then each place's own), with a sentence in `problems` for
    /// each problem: an action rebound in a place that has no use for it,
    /// and two actions of one place left sharing a key.
    pub fn new(overrides: &[KeyOverride], ascii: bool) -> Keymap {
        let mut map = Keymap {
            ascii,
            ..Keymap::default()
        };
        let mut problems = Vec::new();
        let everywhere = overrides.iter().filter(|o| o.place == KeyPlace::Everywhere);
        let own = overrides.iter().filter(|o| o.place != KeyPlace::Everywhere);
        for o in everywhere.chain(own) {
            let Some(action) = Action::from_name(&o.action) else {
                continue;
            };
            let mut keys: Vec<Key> = o.keys.iter().map(key_of).collect();
            if action != Action::Quit && keys.contains(&CTRL_C) {
                keys.retain(|k| *k != CTRL_C);
                problems.push(format!(
                    "Ctrl-c always quits, so the config file's {} = \"ctrl-c\" was left out; choose another key for it.",
                    o.action
                ));
            }
            let mut used = false;
            for (context, bound) in &mut map.places {
                if o.place == KeyPlace::Everywhere || o.place == place_of(*context) {
                    used |= rebind(bound, action, &keys);
                }
            }
            if !used {
                problems.push(format!(
                    "The config file's [keys.{}] names {}, which is not used there; it was left out.",
                    o.place.name(),
                    o.action
                ));
            }
        }
        for (context, bound) in &mut map.places {
            problems.extend(settle_conflicts(*context, bound, ascii));
            bound.retain(|b| !b.keys.is_empty());
        }
        map.problems = problems;
        map
    }

    /// The bindings in force in `context`: what help and the footer list.
    pub fn bindings(&self, context: Context) -> &[Bound] {
        self.places
            .iter()
            .find(|(c, _)| *c == context)
            .map(|(_, b)| b.as_slice())
            .unwrap_or(&[])
    }

    /// The sentence saying how the keys in force would lock a person in,
    /// if they would: a screen with no key to quit (besides Ctrl-C, which
    /// nothing shows), or a popup with no key that leaves it. Help needs
    /// none: any key closes it.
    pub fn no_way_out(&self) -> Option<String> {
        let has = |context: Context, action: Action| {
            self.bindings(context)
                .iter()
                .any(|b| b.action == action && !b.fixed && !b.keys.is_empty())
        };
        let screens: Vec<Context> = CONTEXTS
            .into_iter()
            .filter(|c| matches!(c, Context::Screen(_)))
            .collect();
        let stuck: Vec<Context> = screens
            .iter()
            .filter(|c| !has(**c, Action::Quit))
            .copied()
            .collect();
        if let Some(first) = stuck.first() {
            let table = if stuck.len() == screens.len() {
                "[keys]".to_string()
            } else {
                format!("[keys.{}]", place_of(*first).name())
            };
            return Some(format!(
                "The config file's keys leave no way to quit {}; give quit a key under {table}, like quit = \"q\".",
                place_words(*first)
            ));
        }
        let leaving = [
            (PopupKind::Text, Action::Cancel, "esc"),
            (PopupKind::Form, Action::Cancel, "esc"),
            (PopupKind::Rating, Action::Cancel, "esc"),
            (PopupKind::Search, Action::Cancel, "esc"),
            (PopupKind::Share, Action::Close, "esc"),
        ];
        leaving.into_iter().find_map(|(kind, action, key)| {
            let context = Context::Popup(kind);
            (!has(context, action)).then(|| {
                format!(
                    "The config file's keys leave no way out {}; give {} a key under [keys.{}], like {} = \"{key}\".",
                    place_words(context),
                    action.name(),
                    place_of(context).name(),
                    action.name()
                )
            })
        })
    }

    /// The action a key asks for in `context`, if any.
    ///
    /// A key held with a modifier the place binds (Ctrl-Z, Alt-Enter) is
    /// looked for first; then the plain key. On a screen the plain key
    /// matches only without Ctrl or Alt (Shift is part of a capital letter
    /// and is ignored); in a popup, where anything else is typing, with any
    /// modifier: Ctrl-Enter still saves. Super never matches on a screen.
    pub fn action_for(&self, key: &KeyEvent, context: Context) -> Option<Action> {
        let m = key.modifiers;
        let (ctrl, alt) = (
            m.contains(KeyModifiers::CONTROL),
            m.contains(KeyModifiers::ALT),
        );
        let on_screen = matches!(context, Context::Screen(_));
        if on_screen && m.contains(KeyModifiers::SUPER) {
            return None;
        }
        let held = |mods: Mods| match mods {
            Mods::None => false,
            Mods::Ctrl => ctrl,
            Mods::Alt => alt,
            Mods::Shift => m.contains(KeyModifiers::SHIFT),
        };
        let bound = self.bindings(context);
        let find = |matches: &dyn Fn(&Key) -> bool| {
            bound
                .iter()
                .find(|b| b.keys.iter().any(matches))
                .map(|b| b.action)
        };
        find(&|k| k.code == key.code && k.mods != Mods::None && held(k.mods)).or_else(|| {
            if on_screen && (ctrl || alt) {
                return None;
            }
            find(&|k| k.code == key.code && k.mods == Mods::None)
        })
    }

    /// How the first key for `action` in `context` is written ("j"), or
    /// the binding's label; empty if nothing there asks for it.
    pub fn label_of(&self, context: Context, action: Action) -> String {
        self.bindings(context)
            .iter()
            .find(|b| b.action == action)
            .map(|b| match b.label {
                Some(label) => label.to_string(),
                None => b
                    .keys
                    .first()
                    .map(|k| self.key_label(k))
                    .unwrap_or_default(),
            })
            .unwrap_or_default()
    }

    /// All keys of a binding, as in "j/↓", or its label.
    pub fn keys_label(&self, binding: &Bound) -> String {
        match binding.label {
            Some(label) => label.to_string(),
            None => binding
                .keys
                .iter()
                .map(|k| self.key_label(k))
                .collect::<Vec<_>>()
                .join("/"),
        }
    }

    /// How a key pressed is written ("z", "Ctrl-x", "F5"), for saying it
    /// does nothing; `None` for what is not a key of its own (a modifier
    /// alone, a media key), which is passed over in silence.
    pub fn event_label(&self, key: &KeyEvent) -> Option<String> {
        let m = key.modifiers;
        let plain = matches!(
            key.code,
            KeyCode::Char(_)
                | KeyCode::Enter
                | KeyCode::Esc
                | KeyCode::Tab
                | KeyCode::BackTab
                | KeyCode::Backspace
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Delete
                | KeyCode::Insert
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::F(_)
        );
        if !plain || m.contains(KeyModifiers::SUPER) {
            return None;
        }
        // Shift is part of a capital letter and of Shift-Tab.
        let shifted = m.contains(KeyModifiers::SHIFT)
            && !matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab);
        let mods = if m.contains(KeyModifiers::CONTROL) {
            Mods::Ctrl
        } else if m.contains(KeyModifiers::ALT) {
            Mods::Alt
        } else if shifted {
            Mods::Shift
        } else {
            Mods::None
        };
        Some(self.key_label(&Key {
            code: key.code,
            mods,
        }))
    }

    /// How a key is written in help and hints.
    pub fn key_label(&self, key: &Key) -> String {
        let arrow =
            |unicode: &str, ascii: &str| if self.ascii { ascii } else { unicode }.to_string();
        let base = match key.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char('-') => arrow("−", "-"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
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

    /// The hint line of a popup: "Enter saves · Esc cancels", from the
    /// bindings of `kind` that have a hint and that `shown` lets through.
    pub fn hint_line(&self, kind: PopupKind, shown: impl Fn(Action) -> bool) -> String {
        self.bindings(Context::Popup(kind))
            .iter()
            .filter(|b| shown(b.action))
            .filter_map(|b| b.hint.map(|hint| format!("{} {hint}", self.keys_label(b))))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Gives `action` exactly `keys` among `bound`: each binding of the action
/// keeps the keys still listed, new keys go to its first binding, and a
/// binding left without keys goes. A fixed binding (Ctrl-C quits) stays as
/// it is. Returns whether the place has the action at all.
fn rebind(bound: &mut Vec<Bound>, action: Action, keys: &[Key]) -> bool {
    let own = |b: &Bound| b.action == action && !b.fixed;
    let Some(first) = bound.iter().position(own) else {
        return false;
    };
    let always: Vec<Key> = bound
        .iter()
        .filter(|b| b.action == action && b.fixed)
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    let keys: Vec<Key> = keys
        .iter()
        .filter(|k| !always.contains(k))
        .copied()
        .collect();
    let mut placed = Vec::new();
    for b in bound.iter_mut().filter(|b| own(b)) {
        let before = b.keys.clone();
        b.keys.retain(|k| keys.contains(k));
        placed.extend(b.keys.iter().copied());
        b.set_by_config = true;
        if b.keys != before {
            b.label = None;
        }
    }
    let missing = keys.iter().filter(|k| !placed.contains(k));
    bound[first].keys.extend(missing);
    if bound[first].keys.len() != placed.len() {
        bound[first].label = None;
    }
    let mut index = 0;
    bound.retain(|b| {
        let keep = !own(b) || index == first || !b.keys.is_empty();
        index += 1;
        keep
    });
    true
}

/// Finds keys two actions of one place share, leaves each with the action
/// the config set (or the earlier one, if it set both), and says so.
fn settle_conflicts(context: Context, bound: &mut [Bound], ascii: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let words = Keymap {
        places: Vec::new(),
        ascii,
        problems: Vec::new(),
    };
    for i in 0..bound.len() {
        for j in i + 1..bound.len() {
            if bound[i].action == bound[j].action {
                continue;
            }
            let shared: Vec<Key> = bound[i]
                .keys
                .iter()
                .filter(|k| bound[j].keys.contains(k))
                .copied()
                .collect();
            for key in shared {
                let (winner, loser) = if bound[j].set_by_config && !bound[i].set_by_config {
                    (j, i)
                } else {
                    (i, j)
                };
                bound[loser].keys.retain(|k| *k != key);
                bound[loser].label = None;
                let left = if bound[loser].keys.is_empty() {
                    format!(" ({} has no key left there)", bound[loser].action.name())
                } else {
                    String::new()
                };
                problems.push(format!(
                    "Keys: {} is set for both {} and {} {}; it does {}{left}. Give one of them another key under [keys] in the config file.",
                    words.key_label(&key),
                    bound[i].action.name(),
                    bound[j].action.name(),
                    place_words(context),
                    bound[winner].action.name(),
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEFAULT_CONFIG, parse};
    use std::path::Path;

    /// `[keys]` of the documented default config, uncommented.
    fn documented_keys() -> Vec<KeyOverride> {
        let start = DEFAULT_CONFIG.find("# [keys]").expect("a keys section");
        let text: String = DEFAULT_CONFIG[start..]
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.starts_with('[') || l.contains(" = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let loaded = parse(&text, Path::new("config.toml")).expect("the documented keys read");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        loaded.config.tui.keys
    }

    #[test]
    fn the_documented_default_keys_are_the_default_table() {
        let documented = Keymap::new(&documented_keys(), false);
        assert!(documented.problems.is_empty(), "{:?}", documented.problems);
        let defaults = Keymap::default();
        for context in CONTEXTS {
            let keys = |map: &Keymap| {
                let mut all: Vec<(&'static str, String)> = map
                    .bindings(context)
                    .iter()
                    .flat_map(|b| {
                        b.keys
                            .iter()
                            .map(move |k| (b.action.name(), format!("{k:?}")))
                    })
                    .collect();
                all.sort();
                all
            };
            assert_eq!(keys(&documented), keys(&defaults), "{context:?}");
        }
    }

    #[test]
    fn every_action_the_table_binds_is_documented() {
        let documented: Vec<String> = documented_keys().into_iter().map(|o| o.action).collect();
        for b in BINDINGS.iter().filter(|b| b.action != Action::RateDigit) {
            assert!(
                documented.iter().any(|n| n == b.action.name()),
                "{:?}",
                b.action
            );
        }
    }
}
