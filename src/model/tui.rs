//! The full-screen journal's settings as plain values: the theme and any
//! colours replaced in it, the mouse, and keys rebound. `crate::config`
//! fills them from the config file; the UI turns them into styles and its
//! key table.
//!
//! May use: nothing of ours.

/// The person's choices for the full-screen journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuiConfig {
    pub theme: ThemeName,
    /// Colours that replace the theme's, role by role.
    pub colors: Vec<(ColorRole, Colour)>,
    /// Whether clicks and the wheel work (off: the terminal selects text).
    pub mouse: bool,
    /// Keys rebound, in the order the file gives them.
    pub keys: Vec<KeyOverride>,
}

impl Default for TuiConfig {
    fn default() -> Self {
        TuiConfig {
            theme: ThemeName::Auto,
            colors: Vec::new(),
            mouse: true,
            keys: Vec::new(),
        }
    }
}

/// The built-in themes, or the one that suits the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// `Light` on a terminal that says its background is light, else
    /// `Default`: chosen when the full-screen journal starts.
    #[default]
    Auto,
    /// Warm and neutral tones for a dark terminal.
    Default,
    /// The same roles in tones that read on a light terminal.
    Light,
    /// Bright colours and bold text, no faint greys.
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Auto,
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::HighContrast,
    ];

    /// The name the config file uses: `auto`, `default`, `light`,
    /// `high-contrast`.
    pub const fn name(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Default => "default",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The theme drawn on a terminal whose background is light
    /// (`Some(true)`), dark, or unknown (`None`, taken as dark): `Auto`
    /// picks, any other name stays as it is.
    pub const fn on_background(self, light: Option<bool>) -> ThemeName {
        match (self, light) {
            (ThemeName::Auto, Some(true)) => ThemeName::Light,
            (ThemeName::Auto, _) => ThemeName::Default,
            (name, _) => name,
        }
    }
}

/// What a colour is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorRole {
    /// Ordinary text.
    Text,
    /// Quieter text: labels, hints, dates.
    Muted,
    /// Keys, the tab in view, the message line.
    Accent,
    /// Kept promises and wins.
    Kept,
    /// Partly kept, and kept in the smaller version.
    Partly,
    /// Misses: neutral in every built-in theme, never red.
    Missed,
    /// Borders of the panes not in focus.
    Border,
    /// The border of the pane in focus.
    Focus,
    /// The background of the selected row.
    Selection,
    /// A problem with the app (never with the person).
    Problem,
}

impl ColorRole {
    pub const ALL: [ColorRole; 10] = [
        ColorRole::Text,
        ColorRole::Muted,
        ColorRole::Accent,
        ColorRole::Kept,
        ColorRole::Partly,
        ColorRole::Missed,
        ColorRole::Border,
        ColorRole::Focus,
        ColorRole::Selection,
        ColorRole::Problem,
    ];

    /// The name the config file uses in `[colors]`.
    pub const fn name(self) -> &'static str {
        match self {
            ColorRole::Text => "text",
            ColorRole::Muted => "muted",
            ColorRole::Accent => "accent",
            ColorRole::Kept => "kept",
            ColorRole::Partly => "partly",
            ColorRole::Missed => "missed",
            ColorRole::Border => "border",
            ColorRole::Focus => "focus",
            ColorRole::Selection => "selection",
            ColorRole::Problem => "problem",
        }
    }

    pub fn from_name(name: &str) -> Option<ColorRole> {
        ColorRole::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A terminal colour as the config file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own foreground or background.
    Default,
    /// One of the 256 palette colours; 0–15 are the named ones ("red" is 1).
    Indexed(u8),
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
}

/// The sixteen colour names, in palette order (`grey` is also accepted for
/// `gray`).
pub const COLOUR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// Where a rebinding applies: everywhere the action is used, or in one
/// place only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPlace {
    Everywhere,
    Today,
    Calendar,
    Review,
    Promises,
    /// A promise's page.
    PromisePage,
    /// The help popup.
    Help,
    /// A text box.
    Text,
    /// A form (a promise, a miss).
    Form,
    /// A 0–10 rating.
    Rating,
    /// The search box.
    Search,
    /// The preview of a message to share.
    Share,
}

impl KeyPlace {
    /// The places with a table of their own, `[keys.NAME]`.
    pub const NAMED: [KeyPlace; 11] = [
        KeyPlace::Today,
        KeyPlace::Calendar,
        KeyPlace::Review,
        KeyPlace::Promises,
        KeyPlace::PromisePage,
        KeyPlace::Help,
        KeyPlace::Text,
        KeyPlace::Form,
        KeyPlace::Rating,
        KeyPlace::Search,
        KeyPlace::Share,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            KeyPlace::Everywhere => "everywhere",
            KeyPlace::Today => "today",
            KeyPlace::Calendar => "calendar",
            KeyPlace::Review => "review",
            KeyPlace::Promises => "promises",
            KeyPlace::PromisePage => "promise_page",
            KeyPlace::Help => "help_popup",
            KeyPlace::Text => "text_box",
            KeyPlace::Form => "form",
            KeyPlace::Rating => "rating",
            KeyPlace::Search => "search_box",
            KeyPlace::Share => "share_popup",
        }
    }

    pub fn from_name(name: &str) -> Option<KeyPlace> {
        KeyPlace::NAMED.into_iter().find(|p| p.name() == name)
    }
}

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    F(u8),
}

/// The one modifier a key may be held with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyModifier {
    None,
    Ctrl,
    Alt,
    Shift,
}

/// A key as written in the config file: `"a"`, `"ctrl-u"`, `"enter"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub key: KeyName,
    pub modifier: KeyModifier,
}

/// Every action a key can be bound to, by the name the config file uses
/// (`[keys] add_win = "w"`). The key table names each of its actions with
/// one of these (a test there keeps the two lists the same).
pub const ACTION_NAMES: [&str; 50] = [
    "quit",
    "help",
    "search",
    "undo",
    "show_today",
    "show_calendar",
    "show_review",
    "show_promises",
    "next_pane",
    "prev_pane",
    "down",
    "up",
    "prev_day",
    "next_day",
    "prev_week",
    "next_week",
    "prev_month",
    "next_month",
    "jump_to_today",
    "mark_kept",
    "mark_partly",
    "mark_smaller",
    "mark_missed",
    "note",
    "clear_mark",
    "add_win",
    "open",
    "edit",
    "switch_reflection",
    "add_promise",
    "move_up",
    "move_down",
    "archive",
    "show_archived",
    "accept",
    "set_aside",
    "save",
    "cancel",
    "new_line",
    "next_field",
    "prev_field",
    "rate_more",
    "rate_less",
    "scroll_down",
    "scroll_up",
    "close",
    "share",
    "toggle_private",
    "toggle",
    "copy",
];

/// `[keys] add_win = ["a", "w"]`: the keys for one action in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub place: KeyPlace,
    /// The action's name, as the default config lists it (`add_win`).
    pub action: String,
    pub keys: Vec<KeyChord>,
}
