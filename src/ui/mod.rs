//! The full-screen journal (ratatui + crossterm).
//!
//! `app` holds the state and turns keys into journal calls, `screens` draws
//! that state (never touching the database), `keymap` is the key table the
//! app and the help screen share.

pub mod app;
pub mod keymap;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::domain::Journal;
pub use app::App;
use theme::Theme;

/// The screens reachable with 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Calendar,
    Review,
    Promises,
}

/// How often the app looks at the clock (day rollover) and at the file
/// (writes from `smallwins win …` in another shell).
const TICK: Duration = Duration::from_secs(1);
/// How long to wait for a key before checking signals.
const POLL: Duration = Duration::from_millis(250);

/// Runs the TUI until the person quits. The terminal is restored on quit,
/// on error, on panic, and on SIGTERM/SIGHUP.
pub fn run(journal: Journal) -> color_eyre::Result<()> {
    let mut app = App::new(journal, Theme::from_env())?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    // Bracketed paste turns a pasted block into one event instead of keys.
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &stop);
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// After ratatui's own hook (which restores the terminal), say what happened
/// in one sentence instead of a Rust panic report.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
        let place = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "smallwins ran into a bug and closed; everything you saved is safe in the journal{place}."
        );
    }));
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    let mut needs_draw = true;
    let mut last_tick = Instant::now();
    loop {
        if needs_draw {
            let size = terminal.size()?;
            app.viewport = Rect::new(0, 0, size.width, size.height);
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            needs_draw = false;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(POLL)? {
            let event = event::read()?;
            needs_draw |= app.handle_event(&event);
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            match app.tick() {
                Ok(changed) => needs_draw |= changed,
                Err(e) => {
                    app.message = Some(e.to_string());
                    needs_draw = true;
                }
            }
        }
    }
}

/// Builds the app for `screen`, focused on `day`.
pub fn app_at(journal: Journal, screen: Screen, day: NaiveDate) -> crate::domain::Result<App> {
    app_with_theme(journal, screen, day, Theme::from_env())
}

fn app_with_theme(
    journal: Journal,
    screen: Screen,
    day: NaiveDate,
    theme: Theme,
) -> crate::domain::Result<App> {
    let mut app = App::new(journal, theme)?;
    let day = day.min(app.today);
    app.screen = screen;
    app.day = day;
    app.cursor = day;
    app.review_week = app.journal.week_start(day);
    app.reload()?;
    Ok(app)
}

/// Draws `screen` exactly as the TUI would at `width`×`height`, focused on
/// `day`, as plain text lines (no escape codes).
pub fn render_to_string(
    journal: Journal,
    screen: Screen,
    day: NaiveDate,
    width: u16,
    height: u16,
) -> crate::domain::Result<String> {
    let app = app_with_theme(journal, screen, day, Theme::new(false))?;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    screens::draw(&app, area, &mut buf);
    Ok(buffer_to_string(&buf))
}

/// The text of a buffer, one line per row, trailing spaces trimmed. Wide
/// characters occupy two cells but are written once.
pub fn buffer_to_string(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
