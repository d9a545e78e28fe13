//! The full-screen journal (ratatui + crossterm), in layers that look down:
//!
//! - `app`: the [`App`], which owns the journal, the current screen, the
//!   popup and the message line, and routes keys; `frame`: draws the app.
//! - `screens`: one state type per screen beside its drawing and its
//!   `update`, and the popups (help, text box, form, rating).
//! - `keymap`: the key table every key goes through, with the config's
//!   `[keys]` applied, which also writes help and the footer; `screen`: the
//!   screens' names.
//! - `widgets`, `theme` and `glyphs`: drawing helpers, every style, and
//!   which glyph of the one glyph set stands for what (with its legend).
//! - `hits`: where the last frame drew what (a leaf the screens record
//!   into); `scroll`: the one vertical scroll, recorded while drawing;
//!   `mouse`: what clicks and the wheel do there.
//! - `terminal`: the terminal's set-up, input and ways out; `sync`:
//!   syncing in the background while the journal is open.
//!
//! This module runs the event loop and draws a screen into text for
//! `smallwins show`.

pub mod app;
mod frame;
pub mod glyphs;
pub mod hits;
pub mod keymap;
pub mod mouse;
mod screen;
pub mod screens;
pub mod scroll;
pub mod sync;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::io::{Write, stdout};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::execute;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::domain::Journal;
pub use app::App;
pub use frame::draw;
pub use screen::Screen;
use terminal::{EndReason, Input, Inputs};
use theme::Theme;

/// How often the app looks at the clock (day rollover) and at the file
/// (writes from `smallwins win …` in another shell).
const TICK: Duration = Duration::from_secs(1);
/// How long to wait for a key before looking at the clock again.
const POLL: Duration = Duration::from_millis(250);

/// Runs the TUI until the person quits, first showing `notes` (warnings
/// about the config file) in the message line. The terminal is restored on
/// every way out: `q`, an error, a panic, SIGINT, SIGTERM, SIGHUP, SIGQUIT,
/// and a terminal that hangs up (then the app ends at once instead of
/// lingering). Mouse reporting, when the config leaves it on, is turned off
/// on each of them. `after_first_frame` runs once, right after the first
/// frame is drawn (the command line starts the day's copy there, so the
/// person never waits for it).
pub fn run(
    journal: Journal,
    notes: Vec<String>,
    after_first_frame: impl FnOnce(),
) -> color_eyre::Result<()> {
    let theme = Theme::from_env(journal.config());
    run_app(App::new(journal, theme)?, notes, after_first_frame)
}

/// [`run`] on a throwaway demo journal: "demo" in the title bar, and the
/// first write says that nothing is kept.
pub fn run_demo(journal: Journal, notes: Vec<String>) -> color_eyre::Result<()> {
    let theme = Theme::from_env(journal.config());
    let mut app = App::new(journal, theme)?;
    app.set_demo();
    run_app(app, notes, || {})
}

fn run_app(
    mut app: App,
    notes: Vec<String>,
    after_first_frame: impl FnOnce(),
) -> color_eyre::Result<()> {
    let mut notes = notes;
    notes.extend(app.keys.problems.iter().cloned());
    app.say_all(notes);
    let inputs = Inputs::start()?;
    let mut terminal = start_terminal()?;
    install_panic_hook();
    // Bracketed paste turns a pasted block into one event instead of keys.
    let _ = execute!(stdout(), EnableBracketedPaste);
    if app.mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, &mut app, &inputs, after_first_frame);
    let gone = matches!(result, Ok(Ended::TerminalGone)) || inputs.hung_up();
    if gone || terminal.show_cursor().is_err() {
        // The terminal is gone: there is nothing to restore, and the
        // terminal's own clean-up would only fail writing to it. Every
        // change is already saved; end quietly.
        std::mem::forget(terminal);
        app.finish_sync();
        return Ok(());
    }
    if app.mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    // The terminal is back first, so a last sync never looks like a hang.
    app.finish_sync();
    result.map(|_| ())
}

/// Raw mode, the alternate screen, and a terminal of the size the
/// terminal has now. The size is asked once here; after that it comes with
/// resize events (see [`event_loop`]), instead of ratatui asking the
/// terminal (which opens `/dev/tty`) before every frame.
fn start_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    let (width, height) = crossterm::terminal::size()?;
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let terminal = ratatui::try_init_with_options(options)?;
    execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
    Ok(terminal)
}

/// Replaces ratatui's hook (which restores the terminal, then prints a Rust
/// panic report): restore the terminal, then say what happened in one
/// sentence. Nothing here may panic, even when the terminal is gone.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // Turning off mouse reporting that was never on does no harm.
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            crossterm::cursor::Show
        );
        let _ = ratatui::try_restore();
        let place = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "smallwins ran into a bug and closed; everything you saved is safe in the journal{place}."
        );
    }));
}

/// How a session ended.
enum Ended {
    /// The person quit, or a signal asked the app to end.
    Quit,
    /// The terminal hung up or could no longer be read.
    TerminalGone,
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    inputs: &Inputs,
    after_first_frame: impl FnOnce(),
) -> color_eyre::Result<Ended> {
    let mut needs_draw = true;
    let mut last_tick = Instant::now();
    let mut after_first_frame = Some(after_first_frame);
    loop {
        if needs_draw {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            needs_draw = false;
            if let Some(then) = after_first_frame.take() {
                then();
                app.start_sync(inputs.waker());
            }
            // A screen that found room for more days than it had read
            // (the checkmark grid, after a resize) reads them now; an
            // error waits for the next key or tick to be said.
            if app.reload().unwrap_or(false) {
                terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            }
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        match inputs.next(POLL) {
            Input::Event(event) => {
                if let Event::Resize(width, height) = event {
                    terminal.resize(Rect::new(0, 0, width, height))?;
                }
                needs_draw |= app.handle_event(&event);
            }
            Input::Idle | Input::Wake => {}
            Input::End(EndReason::Signal(_)) => return Ok(Ended::Quit),
            Input::End(EndReason::TerminalGone) => return Ok(Ended::TerminalGone),
        }
        needs_draw |= app.poll_sync(Instant::now());
        if let Some(sequence) = app.clipboard.take() {
            copy_through(terminal, &sequence)?;
            needs_draw = true;
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

/// Writes the clipboard sequence (OSC 52) through the app's own output,
/// then clears the screen and forgets the last frame, so the next frame
/// redraws all of it: a terminal that does not know the sequence may show
/// some of it, and nothing of it stays on the screen. (`Terminal::clear`
/// would ask the terminal where its cursor is, and the answer would go to
/// the key reader instead.)
fn copy_through(terminal: &mut ratatui::DefaultTerminal, sequence: &str) -> std::io::Result<()> {
    let out = terminal.backend_mut();
    out.write_all(sequence.as_bytes())?;
    ratatui::backend::Backend::clear(out)?;
    // The frame just drawn is already the previous one: this forgets it.
    terminal.swap_buffers();
    Ok(())
}

/// Sentences for the problems of the config's `[keys]`: two actions of one
/// place sharing a key, an action rebound where it is not used.
pub fn key_problems(config: &crate::config::Config) -> Vec<String> {
    keymap::Keymap::new(&config.tui.keys, config.glyphs.ascii()).problems
}

/// The sentence saying the config's `[keys]` would leave a person no way
/// out (no key to quit, or none to leave a popup), if they would: the TUI
/// refuses to start on such keys, and `config check` refuses them.
pub fn keys_lock_in(config: &crate::config::Config) -> Option<String> {
    keymap::Keymap::new(&config.tui.keys, config.glyphs.ascii()).no_way_out()
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
    let theme = Theme::of(journal.config(), false);
    let mut app = App::new(journal, theme)?;
    app.focus(screen, day)?;
    Ok(drawn(&mut app, width, height))
}

/// Draws the page of the promise `promise_id` exactly as the TUI would at
/// `width`×`height`, as plain text lines.
pub fn render_promise_to_string(
    journal: Journal,
    promise_id: &str,
    width: u16,
    height: u16,
) -> crate::domain::Result<String> {
    let theme = Theme::of(journal.config(), false);
    let mut app = App::new(journal, theme)?;
    app.open_promise(promise_id);
    app.reload()?;
    Ok(drawn(&mut app, width, height))
}

/// The app drawn at `width`×`height` as text, once more if the first draw
/// found room for days not read yet (as the event loop does).
fn drawn(app: &mut App, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw(app, area, &mut buf);
    if app.reload().unwrap_or(false) {
        buf = Buffer::empty(area);
        draw(app, area, &mut buf);
    }
    buffer_to_string(&buf)
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
