//! The four screens of the full-screen journal, and a promise's page
//! opened from one of them, with their names, in one place. Uses nothing else of ours: the key table, the tab strip, help and
//! the command line (`smallwins show SCREEN`) all take the names from here.

/// The screens reachable with 1–4, and a promise's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Today,
    Calendar,
    Review,
    Promises,
    /// One promise's page (its whole story), opened from Promises with
    /// Enter; it has no tab of its own.
    Promise,
}

impl Screen {
    /// Every screen with a tab, in the order of the tab strip.
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
            Screen::Promise => "promise",
        }
    }

    /// The title in the tab strip and in help: `Today`, `Calendar`, …
    pub const fn title(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Calendar => "Calendar",
            Screen::Review => "Review",
            Screen::Promises => "Promises",
            Screen::Promise => "Promise",
        }
    }

    /// The screen whose tab is lit while this one is in view: a promise's
    /// page sits under Promises.
    pub const fn tab(self) -> Screen {
        match self {
            Screen::Promise => Screen::Promises,
            other => other,
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
