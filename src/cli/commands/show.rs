//! `show SCREEN`: a screen of the full-screen journal, drawn as plain text
//! exactly as the window would show it; `show promise --promise N` draws
//! one promise's page.
//!
//! JSON: `{screen, day, width, height, text}`.
//!
//! Uses `ui::render_to_string`, `ui::render_promise_to_string` and
//! `ui::Screen`, nothing else of the full-screen journal.

use std::io::IsTerminal;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::args::{ShowArgs, ShowScreen, value_name};
use crate::cli::error::{CliError, Result, ui_error};
use crate::cli::output::Report;
use crate::cli::parse;
use crate::domain::Journal;
use crate::ui::{self, Screen};

/// `show` size when stdout is not a terminal.
const DEFAULT_SIZE: (u16, u16) = (100, 30);

/// A screen to draw, checked before the journal is handed over to draw it.
pub struct DrawRequest {
    screen: ShowScreen,
    /// The promise whose page `show promise` draws (its id).
    promise: Option<String>,
    day: NaiveDate,
    width: u16,
    height: u16,
}

/// Reads what `show` asks for.
pub fn request(journal: &Journal, args: &ShowArgs) -> Result<DrawRequest> {
    let day = parse::day_or_today(journal, &args.date)?;
    let (default_width, default_height) = terminal_size();
    let promise = match (args.screen, &args.promise) {
        (ShowScreen::Promise, Some(named)) => Some(journal.find_promise(named)?.id),
        (ShowScreen::Promise, None) => {
            return Err(CliError::Input(
                "`show promise` draws one promise's page; name it with --promise, like `smallwins show promise --promise 1`.".into(),
            ));
        }
        (_, Some(_)) => {
            return Err(CliError::Input(
                "--promise goes with `show promise`, which draws one promise's page.".into(),
            ));
        }
        (_, None) => None,
    };
    Ok(DrawRequest {
        screen: args.screen,
        promise,
        day,
        width: size(args.width.as_deref(), "--width", default_width)?,
        height: size(args.height.as_deref(), "--height", default_height)?,
    })
}

fn size(text: Option<&str>, name: &str, default: u16) -> Result<u16> {
    parse::whole_number(text, 1..=1000, default, |text| {
        format!("\"{text}\" is not a size I can draw; give {name} a whole number from 1 to 1000.")
    })
}

/// The terminal's size when stdout is one, else 100×30.
fn terminal_size() -> (u16, u16) {
    if std::io::stdout().is_terminal()
        && let Ok((w, h)) = crossterm::terminal::size()
        && w > 0
        && h > 0
    {
        return (w, h);
    }
    DEFAULT_SIZE
}

/// A screen drawn as text.
#[derive(Serialize)]
pub struct Drawn {
    screen: String,
    day: NaiveDate,
    width: u16,
    height: u16,
    text: String,
}

/// Draws the screen, which takes the journal itself.
pub fn draw(journal: Journal, request: &DrawRequest) -> Result<Drawn> {
    let DrawRequest {
        screen,
        day,
        width,
        height,
        ..
    } = *request;
    let text = match &request.promise {
        Some(id) => ui::render_promise_to_string(journal, id, width, height),
        None => ui::render_to_string(journal, ui_screen(screen), day, width, height),
    }
    .map_err(ui_error)?;
    Ok(Drawn {
        screen: value_name(screen),
        day,
        width,
        height,
        text,
    })
}

/// The full-screen journal's screen that `show` draws.
fn ui_screen(screen: ShowScreen) -> Screen {
    match screen {
        ShowScreen::Today => Screen::Today,
        ShowScreen::Calendar => Screen::Calendar,
        ShowScreen::Promises => Screen::Promises,
        ShowScreen::Review => Screen::Review,
        ShowScreen::Promise => Screen::Promise,
    }
}

impl Report for Drawn {
    fn text(&self) -> String {
        let mut text = self.text.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}
