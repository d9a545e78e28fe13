//! The four screens of the full-screen journal and their names, in one
//! place. Uses nothing else of ours: the key table, the tab strip, help and
//! the command line (`smallwins show SCREEN`) all take the names from here.

/// The screens reachable with 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Today,
    Calendar,
    Review,
    Promises,
}

impl Screen {
    /// Every screen, in the order of the tab strip.
    pub const ALL: [Screen; 4] = [
        Screen::Today,
        Screen::Calendar,
        Screen::Review,
        Screen::Promises,
    ];

    /// The name a person types on the command line: `today`, `calendar`,
    /// `review`, `promises`.
    pub const fn name(self) -> &'static str {
        match self {
            Screen::Today => "today",
            Screen::Calendar => "calendar",
            Screen::Review => "review",
            Screen::Promises => "promises",
        }
    }

    /// The title in the tab strip and in help: `Today`, `Calendar`, …
    pub const fn title(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Calendar => "Calendar",
            Screen::Review => "Review",
            Screen::Promises => "Promises",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_is_typed_as_its_title_in_lower_case() {
        for screen in Screen::ALL {
            assert_eq!(screen.title().to_lowercase(), screen.name());
        }
    }
}
