//! Every style in one place. Kept is warm; a miss is neutral, never red.
//! With `NO_COLOR` set, only bold, dim and reverse remain. Uses only the
//! domain's day marks and statuses.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::{DayMark, Status};

#[derive(Debug, Clone, Copy)]
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
}

/// A warm amber for kept promises (256-colour palette: works on most terminals).
const WARM: Color = Color::Indexed(214);
/// A softer tan for partly kept.
const SOFT_WARM: Color = Color::Indexed(180);
const NEUTRAL: Color = Color::Indexed(245);
const ACCENT: Color = Color::Indexed(110);

impl Theme {
    pub fn new(color: bool) -> Theme {
        if !color {
            let plain = Style::new();
            return Theme {
                color,
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
            };
        }
        Theme {
            color,
            base: Style::new(),
            dim: Style::new().fg(NEUTRAL),
            title: Style::new().add_modifier(Modifier::BOLD),
            focused_border: Style::new().fg(ACCENT),
            border: Style::new().fg(Color::Indexed(240)),
            selected: Style::new()
                .bg(Color::Indexed(237))
                .add_modifier(Modifier::BOLD),
            kept: Style::new().fg(WARM),
            partial: Style::new().fg(SOFT_WARM),
            neutral: Style::new().fg(NEUTRAL),
            accent: Style::new().fg(ACCENT),
            tab_active: Style::new().fg(Color::Black).bg(ACCENT),
            tab: Style::new().fg(NEUTRAL),
            status: Style::new().fg(ACCENT),
            // Not red: a problem with the app is not a verdict on the person either.
            error: Style::new()
                .fg(Color::Indexed(222))
                .add_modifier(Modifier::BOLD),
        }
    }

    /// `NO_COLOR` (any non-empty value) turns colour off.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }

    pub fn mark(&self, mark: DayMark) -> Style {
        match mark {
            DayMark::AllKept => self.kept,
            DayMark::AllShown | DayMark::SomeKept => self.partial,
            DayMark::NoneKept
            | DayMark::NotRecorded
            | DayMark::NotScheduled
            | DayMark::NoPromise
            | DayMark::Future => self.neutral,
        }
    }

    pub fn status(&self, status: Option<Status>) -> Style {
        match status {
            Some(Status::Kept) => self.kept,
            Some(Status::Partial | Status::Smaller) => self.partial,
            Some(Status::Missed) | None => self.neutral,
        }
    }
}

/// The calendar glyph of a day.
pub fn mark_glyph(mark: DayMark) -> &'static str {
    match mark {
        DayMark::AllKept => "●",
        DayMark::AllShown => "◕",
        DayMark::SomeKept => "◐",
        DayMark::NoneKept => "○",
        DayMark::NotRecorded => "◌",
        DayMark::NotScheduled => "·",
        DayMark::NoPromise => " ",
        DayMark::Future => "-",
    }
}

/// The legend under every checkmark calendar.
pub const LEGEND: [(DayMark, &str); 7] = [
    (DayMark::AllKept, "all kept"),
    (DayMark::AllShown, "all, some partly"),
    (DayMark::SomeKept, "some"),
    (DayMark::NoneKept, "noted missed"),
    (DayMark::NotRecorded, "not recorded"),
    (DayMark::NotScheduled, "rest day"),
    (DayMark::Future, "ahead"),
];
