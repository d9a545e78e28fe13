//! The four screens, each a state type beside its drawing: `today`
//! ([`TodayState`]), `calendar`, `review`, `promises` (the checkmark
//! grid), and a promise's page opened from it (`promise_page`); the popups
//! drawn over them (`popup`), and marking a day through one of them
//! (`marking`, shared by Today and the grid); and search (`search`), drawn
//! over them too.
//!
//! A screen's `load(&Journal, Version)` reads what changed since its last
//! load, its `update(Action, Cx)` turns a key's action into journal calls
//! and returns an [`Outcome`] for the app, and its `draw(&self, &Ctx, …)`
//! reads the state only: no database while drawing (it records where it
//! drew its rows for the mouse, in `Ctx::hits`). Both are handed the keys
//! in force (`Cx::keys`, `Ctx::keys`) to name keys in what they say.
//! Screens use the domain, the key table, the widgets and the popups;
//! never the app, and never each other.

pub mod calendar;
pub mod marking;
pub mod popup;
pub mod promise_page;
pub mod promises;
pub mod review;
pub mod search;
pub mod today;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::config::Config;
use crate::domain::share::ShareScope;
use crate::domain::{self, Journal};
use crate::ui::Screen;
use crate::ui::hits::Hits;
use crate::ui::keymap::{Action, Keymap};
use crate::ui::theme::Theme;
use calendar::CalendarState;
use popup::Popup;
use popup::share::SharePopup;
use promise_page::PromisePageState;
use promises::PromisesState;
use review::ReviewState;
use today::TodayState;

/// The whole frame, as the app draws it (the benchmarks draw through this
/// path).
pub use crate::ui::frame::draw;

/// What every screen may read while drawing, besides its own state.
pub struct Ctx<'a> {
    pub theme: &'a Theme,
    /// The journal's day.
    pub today: NaiveDate,
    pub config: &'a Config,
    /// The keys in force, to name in hints and sentences.
    pub keys: &'a Keymap,
    /// Where the frame draws what, for the mouse: a screen records its
    /// panes, rows and days as it draws them.
    pub hits: &'a Hits,
}

/// What an update works with besides its own state: the journal, its
/// day, and the keys in force.
pub struct Cx<'a> {
    pub j: &'a mut Journal,
    pub today: NaiveDate,
    pub keys: &'a Keymap,
}

/// The journal's state some data was read at: its own writes, other
/// processes' writes, and the day. Data read at another version is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub own: u64,
    pub others: i64,
    pub today: NaiveDate,
}

/// What an update asks of the app besides the change to its own state.
#[derive(Default)]
pub struct Outcome {
    /// A sentence for the message line.
    pub message: Option<String>,
    /// A popup to open.
    pub popup: Option<Popup>,
    /// A day to open on the Today screen.
    pub open_day: Option<NaiveDate>,
    /// A promise (its id) whose page to open.
    pub open_promise: Option<String>,
    /// A screen to go to.
    pub go: Option<Screen>,
}

impl Outcome {
    pub fn say(message: impl Into<String>) -> Outcome {
        Outcome {
            message: Some(message.into()),
            ..Outcome::default()
        }
    }

    pub fn open(popup: impl Into<Popup>) -> Outcome {
        Outcome {
            popup: Some(popup.into()),
            ..Outcome::default()
        }
    }

    pub fn open_day(day: NaiveDate) -> Outcome {
        Outcome {
            open_day: Some(day),
            ..Outcome::default()
        }
    }

    pub fn open_promise(id: String) -> Outcome {
        Outcome {
            open_promise: Some(id),
            ..Outcome::default()
        }
    }

    pub fn go(screen: Screen) -> Outcome {
        Outcome {
            go: Some(screen),
            ..Outcome::default()
        }
    }
}

/// The state of every screen.
pub struct Screens {
    pub today: TodayState,
    pub calendar: CalendarState,
    pub review: ReviewState,
    pub promises: PromisesState,
    /// A promise's page.
    pub page: PromisePageState,
}

impl Screens {
    /// Every screen at today, nothing loaded yet.
    pub fn new(journal: &Journal) -> Screens {
        let today = journal.today();
        Screens {
            today: TodayState::new(journal),
            calendar: CalendarState::new(today),
            review: ReviewState::new(journal.week_start(today)),
            promises: PromisesState::new(today, journal.config().week_starts_on),
            page: PromisePageState::default(),
        }
    }
}

/// What the app asks of the screen in view, whichever it is: the one
/// place a screen is picked ([`Screens::current`]).
pub trait View {
    /// Reads what changed since the last load; whether anything was read.
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool>;
    /// Turns a key's action into journal calls and an [`Outcome`]; its
    /// sentences name the keys in force, `keys`.
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome;
    /// Draws the screen from its state only.
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);
    /// Whether the footer offers `action` as things stand (all it binds,
    /// unless a screen knows better).
    fn offers(&self, _action: Action) -> bool {
        true
    }
}

impl Screens {
    /// The state of `screen`.
    pub fn current(&self, screen: Screen) -> &dyn View {
        match screen {
            Screen::Today => &self.today,
            Screen::Calendar => &self.calendar,
            Screen::Review => &self.review,
            Screen::Promises => &self.promises,
            Screen::Promise => &self.page,
        }
    }

    /// The state of `screen`, to load or update.
    pub fn current_mut(&mut self, screen: Screen) -> &mut dyn View {
        match screen {
            Screen::Today => &mut self.today,
            Screen::Calendar => &mut self.calendar,
            Screen::Review => &mut self.review,
            Screen::Promises => &mut self.promises,
            Screen::Promise => &mut self.page,
        }
    }
}

impl View for TodayState {
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        TodayState::load(self, j, version)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        TodayState::update(self, action, cx)
    }
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        TodayState::draw(self, ctx, area, buf)
    }
    fn offers(&self, action: Action) -> bool {
        TodayState::offers(self, action)
    }
}

impl View for CalendarState {
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        CalendarState::load(self, j, version)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        CalendarState::update(self, action, cx.today)
    }
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        CalendarState::draw(self, ctx, area, buf)
    }
}

impl View for ReviewState {
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        ReviewState::load(self, j, version)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        ReviewState::update(self, action, cx)
    }
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        ReviewState::draw(self, ctx, area, buf)
    }
}

impl View for PromisesState {
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        PromisesState::load(self, j, version)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        PromisesState::update(self, action, cx)
    }
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        PromisesState::draw(self, ctx, area, buf)
    }
}

impl View for PromisePageState {
    fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        PromisePageState::load(self, j, version)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        PromisePageState::update(self, action, cx.today)
    }
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        PromisePageState::draw(self, ctx, area, buf)
    }
}

/// The preview of the message about `scope` (S on Today and on Review),
/// with what the config includes.
fn share_preview(j: &Journal, scope: ShareScope) -> Outcome {
    match j.share(scope) {
        Ok(source) => Outcome::open(SharePopup::new(source, j.config().share_include)),
        Err(e) => Outcome::say(e.to_string()),
    }
}

/// A selection moved one step down or up a list of `len`, kept inside it.
fn step(sel: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (sel + 1).min(len - 1)
    } else {
        sel.saturating_sub(1)
    }
}
