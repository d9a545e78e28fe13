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
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use super::Screen;
use super::app::{App, Popup};
use super::keymap;
use super::widgets::{put_line, truncate};

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
    let tabs = [
        (Screen::Today, "1 Today"),
        (Screen::Calendar, "2 Calendar"),
        (Screen::Review, "3 Review"),
        (Screen::Promises, "4 Promises"),
    ];
    let moment = match app.moment {
        super::app::Moment::Morning => "morning",
        super::app::Moment::Evening => "evening",
    };
    let date = format!("{} · {moment} ", app.today.format("%a %-d %b"));
    let mut spans = vec![Span::styled(" smallwins ", theme.title)];
    let full: usize = 11 + tabs.iter().map(|(_, t)| t.len() + 2).sum::<usize>() + date.len();
    if (area.width as usize) >= full {
        for (screen, label) in tabs {
            let style = if screen == app.screen {
                theme.tab_active
            } else {
                theme.tab
            };
            spans.push(Span::styled(format!(" {label} "), style));
            spans.push(Span::raw(" "));
        }
    } else {
        let label = tabs
            .iter()
            .find(|(s, _)| *s == app.screen)
            .map(|(_, l)| &l[2..])
            .unwrap_or("");
        spans.push(Span::styled(format!(" {label} "), theme.tab_active));
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
    for binding in keymap::bindings_for(app.screen) {
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

/// A bordered pane; the focused one has an accent border.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, app: &App) -> Block<'a> {
    let theme = &app.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(title)
        .title_style(if focused { theme.title } else { Style::new() })
}

/// The first row to show so that `selected` stays visible in `height` rows.
pub fn scroll_for(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}
