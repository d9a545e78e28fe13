//! What the benchmarks share: the journals they measure, made in a
//! temporary folder with `demo --years`' generator, and the full-screen
//! journal driven key by key into a 120×40 test terminal.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smallwins::config::Config;
use smallwins::demo::{Scale, fill_years};
use smallwins::domain::{Clock, Journal};
use smallwins::ui::app::App;
use smallwins::ui::theme::Theme;

/// Saturday morning, the same "now" as the tests and `scripts/bench.sh`.
pub const NOW: &str = "2026-11-21T08:30:00";

pub fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").expect("time")
}

pub fn today() -> NaiveDate {
    now().date()
}

/// The journals of issue 11's table, and a heavy year to tell how the
/// heavy journal grows.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// The name of the column, and of the benchmark's parameter.
    pub name: &'static str,
    pub years: u32,
    pub scale: Scale,
}

pub const SIZES: [Size; 4] = [
    Size {
        name: "1y",
        years: 1,
        scale: Scale::Standard,
    },
    Size {
        name: "10y",
        years: 10,
        scale: Scale::Standard,
    },
    Size {
        name: "1y-heavy",
        years: 1,
        scale: Scale::Heavy,
    },
    Size {
        name: "10y-heavy",
        years: 10,
        scale: Scale::Heavy,
    },
];

pub fn open(path: &Path) -> Journal {
    Journal::open(path, Clock::Fixed(now()), Config::default()).expect("open")
}

/// A new journal of `size` at `dir/name.db`.
pub fn make(dir: &Path, name: &str, size: Size) -> PathBuf {
    let path = dir.join(format!("{name}.db"));
    let mut journal = open(&path);
    fill_years(&mut journal, size.years, size.scale).expect("years of history");
    path
}

/// The full-screen journal in a 120×40 test terminal.
pub struct Window {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Window {
    /// Opens the journal and draws its first frame, as starting the app does.
    pub fn open(path: &Path) -> Window {
        Window::on(open(path))
    }

    /// The window on a journal already open (an encrypted one, say).
    pub fn on(journal: Journal) -> Window {
        let app = App::new(journal, Theme::new(true)).expect("app");
        let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let mut window = Window { app, terminal };
        window.draw();
        window
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|frame| frame.render_widget(app, frame.area()))
            .expect("draw");
    }

    /// One key, then the frame it leads to.
    pub fn key(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    pub fn press(&mut self, code: KeyCode) {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if self.app.handle_event(&event) {
            self.draw();
        }
    }
}
