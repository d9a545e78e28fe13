//! Every style in one place, and the glyphs they go with. Three built-in
//! themes (`default` for dark terminals, `light`, `high-contrast`), each a
//! palette of colour roles that `[colors]` may replace role by role, and
//! `auto` (the default), which is `light` or `default` as the terminal's
//! own background is (asked once at start, see `terminal.rs`). Kept is
//! warm; a miss is neutral, never red. With `NO_COLOR` set, only bold,
//! dim and reverse remain, whatever the config says (and the terminal is
//! not asked).
//!
//! Uses the config's look values, the glyph set and the domain's day
//! marks and statuses (through `glyphs`).

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use super::glyphs::{day_glyph, status_glyph};
use crate::config::Config;
use crate::domain::{DayMark, Status};
use crate::model::tui::{ColorRole, Colour, ThemeName};
use crate::model::{Glyph, Glyphs};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub focused_border: Style,
    pub border: Style,
    pub selected: Style,
    pub kept: Style,
    pub partial: Style,
    pub neutral: Style,
    pub accent: Style,
    pub tab_active: Style,
    pub tab: Style,
    pub status: Style,
    pub error: Style,
    /// The glyphs every screen draws.
    pub glyphs: Glyphs,
}

/// A colour for each role; `None` is the terminal's own.
type Palette = [(ColorRole, Option<Color>); 10];

fn palette(name: ThemeName) -> Palette {
    use ColorRole::*;
    let i = |n: u8| Some(Color::Indexed(n));
    match name {
        // Auto is settled before a theme is built (Theme::from_env); on its
        // own it is the dark one.
        ThemeName::Auto | ThemeName::Default => [
            (Text, None),
            (Muted, i(245)),
            (Accent, i(110)),
            // A warm amber for kept, a softer tan for partly.
            (Kept, i(214)),
            (Partly, i(180)),
            (Missed, i(245)),
            (Border, i(240)),
            (Focus, i(110)),
            (Selection, i(237)),
            // Not red: a problem with the app is not a verdict on the person either.
            (Problem, i(222)),
        ],
        ThemeName::Light => [
            (Text, None),
            (Muted, i(242)),
            (Accent, i(25)),
            (Kept, i(130)),
            (Partly, i(137)),
            (Missed, i(243)),
            (Border, i(249)),
            (Focus, i(25)),
            (Selection, i(254)),
            (Problem, i(94)),
        ],
        ThemeName::HighContrast => [
            (Text, None),
            (Muted, None),
            (Accent, Some(Color::LightCyan)),
            (Kept, Some(Color::LightYellow)),
            (Partly, Some(Color::Yellow)),
            (Missed, None),
            (Border, None),
            (Focus, Some(Color::LightYellow)),
            (Selection, None),
            (Problem, Some(Color::LightYellow)),
        ],
    }
}

/// The terminal colour for a config colour.
pub fn color_of(colour: Colour) -> Option<Color> {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match colour {
        Colour::Default => None,
        Colour::Indexed(n) => Some(NAMED.get(n as usize).copied().unwrap_or(Color::Indexed(n))),
        Colour::Rgb(r, g, b) => Some(Color::Rgb(r, g, b)),
    }
}

/// Whether colour is allowed: `NO_COLOR` (any non-empty value) turns it off.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Theme {
    /// The default theme with the Unicode glyphs, in colour or not.
    pub fn new(color: bool) -> Theme {
        Theme::build(ThemeName::Default, &[], Glyphs::default(), color)
    }

    /// The theme, colours and glyphs `config` chose; without colour if
    /// `color` is false (`NO_COLOR`).
    pub fn of(config: &Config, color: bool) -> Theme {
        let tui = &config.tui;
        Theme::build(tui.theme, &tui.colors, config.glyphs.clone(), color)
    }

    /// A search's matches, in the full-screen journal and in `smallwins
    /// search` on a terminal: the accent, bold.
    pub fn found(&self) -> Style {
        self.accent.add_modifier(Modifier::BOLD)
    }

    /// [`Theme::of`] with colour as the environment allows, `auto`
    /// settled by asking the terminal for its background (only when there
    /// is colour to choose).
    pub fn from_env(config: &Config) -> Theme {
        let color = color_allowed();
        let tui = &config.tui;
        let name = match tui.theme {
            ThemeName::Auto if color => tui
                .theme
                .on_background(super::terminal::background_is_light()),
            name => name,
        };
        Theme::build(name, &tui.colors, config.glyphs.clone(), color)
    }

    /// A built-in theme with `colors` in place of its own.
    pub fn build(
        name: ThemeName,
        colors: &[(ColorRole, Colour)],
        glyphs: Glyphs,
        color: bool,
    ) -> Theme {
        if !color {
            return Theme::plain(glyphs);
        }
        let mut p = palette(name);
        for (role, colour) in colors {
            for (r, c) in p.iter_mut() {
                if r == role {
                    *c = color_of(*colour);
                }
            }
        }
        let get = |role: ColorRole| p.iter().find(|(r, _)| *r == role).and_then(|(_, c)| *c);
        let fg = |role: ColorRole| match get(role) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        };
        let strong = name == ThemeName::HighContrast;
        let bold = |s: Style| {
            if strong {
                s.add_modifier(Modifier::BOLD)
            } else {
                s
            }
        };
        let selected = match get(ColorRole::Selection) {
            Some(c) => Style::new().bg(c),
            None => Style::new().add_modifier(Modifier::REVERSED),
        };
        let on_accent = match name {
            ThemeName::Light => Color::Indexed(231),
            _ => Color::Black,
        };
        let tab_active = match get(ColorRole::Accent) {
            Some(c) => Style::new().fg(on_accent).bg(c),
            None => Style::new().add_modifier(Modifier::REVERSED),
        };
        Theme {
            color,
            base: fg(ColorRole::Text),
            dim: fg(ColorRole::Muted),
            title: fg(ColorRole::Text).add_modifier(Modifier::BOLD),
            focused_border: bold(fg(ColorRole::Focus)),
            border: fg(ColorRole::Border),
            selected: selected.add_modifier(Modifier::BOLD),
            kept: bold(fg(ColorRole::Kept)),
            partial: fg(ColorRole::Partly),
            neutral: fg(ColorRole::Missed),
            accent: bold(fg(ColorRole::Accent)),
            tab_active: bold(tab_active),
            tab: fg(ColorRole::Muted),
            status: fg(ColorRole::Accent),
            error: fg(ColorRole::Problem).add_modifier(Modifier::BOLD),
            glyphs,
        }
    }

    /// No colour at all: bold, dim and reverse only.
    fn plain(glyphs: Glyphs) -> Theme {
        let plain = Style::new();
        Theme {
            color: false,
            base: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            focused_border: plain.add_modifier(Modifier::BOLD),
            border: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            kept: plain.add_modifier(Modifier::BOLD),
            partial: plain,
            neutral: plain.add_modifier(Modifier::DIM),
            accent: plain.add_modifier(Modifier::BOLD),
            tab_active: plain.add_modifier(Modifier::REVERSED),
            tab: plain,
            status: plain,
            error: plain.add_modifier(Modifier::BOLD),
            glyphs,
        }
    }

    /// The style a glyph is drawn in: warm for kept, neutral for a miss,
    /// quiet for what is not recorded or not asked.
    pub fn glyph_style(&self, glyph: Glyph) -> Style {
        match glyph {
            Glyph::Kept | Glyph::Win | Glyph::Suggestion => self.kept,
            Glyph::Partly | Glyph::Smaller | Glyph::Some => self.partial,
            Glyph::Missed => self.neutral,
            Glyph::RatingOn | Glyph::Pointer => self.accent,
            Glyph::NotRecorded
            | Glyph::Rest
            | Glyph::NotYet
            | Glyph::Cue
            | Glyph::RatingOff
            | Glyph::NewLine => self.dim,
        }
    }

    /// How a glyph is drawn.
    pub fn glyph(&self, glyph: Glyph) -> &str {
        self.glyphs.get(glyph)
    }

    /// A glyph in its style.
    pub fn glyph_span(&self, glyph: Glyph) -> Span<'static> {
        Span::styled(self.glyph(glyph).to_string(), self.glyph_style(glyph))
    }

    pub fn mark(&self, mark: DayMark) -> Style {
        day_glyph(mark).map_or(self.dim, |g| self.glyph_style(g))
    }

    pub fn status(&self, status: Option<Status>) -> Style {
        self.glyph_style(status_glyph(status))
    }
}
