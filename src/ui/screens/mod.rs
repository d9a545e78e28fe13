//! Drawing: a pure function of the app state. Nothing here reads the
//! database; everything comes from `App::data`.

pub mod calendar;
pub mod help;
pub mod popup;
pub mod promises;
pub mod review;
pub mod today;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Screen;
use super::app::{App, Popup};
use super::keymap;
use super::widgets::{put_line, tab_strip, truncate};

/// Below this the app asks for a larger window instead of drawing screens.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let [header, body, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    draw_header(app, header, buf);
    match app.screen {
        Screen::Today => today::draw(app, body, buf),
        Screen::Calendar => calendar::draw(app, body, buf),
        Screen::Review => review::draw(app, body, buf),
        Screen::Promises => promises::draw(app, body, buf),
    }
    draw_footer(app, footer, buf);
    match &app.popup {
        Some(Popup::Help { scroll }) => help::draw(app, *scroll, area, buf),
        Some(popup) => popup::draw(app, popup, area, buf),
        None => {}
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "smallwins needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Make it a little larger — nothing is lost.",
        area.width, area.height
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let labels: Vec<String> = Screen::ALL
        .iter()
        .map(|s| format!("{} {}", keymap::go_key(*s), s.title()))
        .collect();
    let active = Screen::ALL
        .iter()
        .position(|s| *s == app.screen)
        .unwrap_or(0);
    let moment = match app.moment {
        super::app::Moment::Morning => "morning",
        super::app::Moment::Evening => "evening",
    };
    let date = format!("{} · {moment} ", app.today.format("%a %-d %b"));
    let mut spans = vec![Span::styled(" smallwins ", theme.title)];
    let full: usize = 11 + labels.iter().map(|t| t.len() + 2).sum::<usize>() + date.len();
    if (area.width as usize) >= full {
        spans.extend(tab_strip(&labels, active, 1, theme));
    } else {
        spans.extend(tab_strip(&[app.screen.title()], 0, 0, theme));
    }
    let left: usize = spans.iter().map(|s| s.width()).sum();
    put_line(buf, area, 0, &Line::from(spans));
    if left + date.len() <= area.width as usize {
        let date_area = Rect {
            x: area.x + area.width - date.len() as u16,
            width: date.len() as u16,
            ..area
        };
        put_line(
            buf,
            date_area,
            0,
            &Line::from(Span::styled(date, theme.dim)),
        );
    }
}

fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(message) = &app.message {
        let line = Line::from(Span::styled(
            format!(
                " {}",
                truncate(message, area.width.saturating_sub(1) as usize)
            ),
            theme.status,
        ));
        put_line(buf, area, 0, &line);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 1usize;
    spans.push(Span::raw(" "));
    for binding in keymap::bindings_in(keymap::Context::Screen(app.screen)) {
        let Some(hint) = binding.hint else { continue };
        let key = binding
            .keys
            .first()
            .map(keymap::key_label)
            .unwrap_or_default();
        let w = key.len() + hint.len() + 4;
        if used + w > area.width as usize {
            break;
        }
        spans.push(Span::styled(key, theme.accent));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim));
        used += w;
    }
    put_line(buf, area, 0, &Line::from(spans));
}
