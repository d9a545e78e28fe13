//! The whole frame: the header with the tab strip, the current screen, the
//! footer (the message line, or the key hints of the popup open, else of
//! the screen, from the keys in force), and a popup over them; or, on a
//! window too small, a sentence saying so.
//!
//! Reads the app and draws through the screens; nothing here changes state
//! or touches the database, except the record of where things were drawn
//! that the mouse reads.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::Screen;
use super::app::App;
use super::glyphs::ascii_fallback;
use super::hits::Target;
use super::keymap::{Action, Context, PopupKind};
use super::screens::Ctx;
use super::screens::today::Moment;
use super::sync::Mark;
use super::widgets::{put_line, tab_strip};
use crate::model::fit;

/// Below this the app asks for a larger window instead of drawing screens.
const MIN_WIDTH: u16 = 24;
const MIN_HEIGHT: u16 = 6;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

/// Draws everything the person sees into `buf`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    app.hits.clear();
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
    let ctx = Ctx {
        theme: &app.theme,
        today: app.today,
        config: app.journal.config(),
        hits: &app.hits,
        keys: &app.keys,
    };
    app.screens.current(app.screen).draw(&ctx, body, buf);
    draw_footer(app, footer, buf);
    if let Some(popup) = &app.popup {
        popup.draw(&app.theme, &app.keys, app.screen, area, buf);
    }
    if let Some(search) = &app.search {
        search.draw(&ctx, area, buf);
    }
    if app.theme.glyphs.ascii() {
        to_ascii(area, buf);
    }
}

/// With `glyphs = "ascii"`, the app's own separators, dashes and quotes
/// are drawn in ASCII too (the glyphs and borders already are).
fn to_ascii(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if let Some(plain) = ascii_fallback(cell.symbol()) {
                cell.set_symbol(plain);
            }
        }
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

/// " smallwins  1 Today  2 Calendar …   synced  Sat 21 Nov · morning":
/// every tab when they fit, else only the current screen's; for a journal
/// that syncs, its quiet mark before the date (alone at the right when
/// both do not fit).
fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let labels: Vec<String> = Screen::ALL
        .iter()
        .map(|s| format!("{} {}", app.keys.go_key(*s), s.title()))
        .collect();
    let active = Screen::ALL
        .iter()
        .position(|s| *s == app.screen.tab())
        .unwrap_or(0);
    let moment = match app.screens.today.moment {
        Moment::Morning => "morning",
        Moment::Evening => "evening",
    };
    let date = format!("{} · {moment} ", app.today.format("%a %-d %b"));
    let mark = app.sync_mark().map(|m| {
        let style = match m {
            Mark::Problem(_) => theme.accent,
            _ => theme.dim,
        };
        Span::styled(format!("{}  ", m.word()), style)
    });
    let mark_width = mark.as_ref().map_or(0, Span::width);
    // The throwaway demo says so on every screen.
    let brand = if app.is_demo() {
        " smallwins demo "
    } else {
        " smallwins "
    };
    let mut spans = vec![Span::styled(brand, theme.title)];
    let lead = brand.len();
    // The sync mark never costs the tabs: it takes the moment's place
    // first ("synced  Sat 21 Nov").
    let short_date = format!("{} ", app.today.format("%a %-d %b"));
    let full: usize = lead
        + labels.iter().map(|t| t.len() + 2).sum::<usize>()
        + date.len().max(mark_width + short_date.len());
    if (area.width as usize) >= full {
        let mut x = area.x + lead as u16;
        for (screen, label) in Screen::ALL.iter().zip(&labels) {
            let w = label.width() as u16 + 2;
            let tab = Rect::new(x, area.y, w, 1).intersection(area);
            app.hits.add(tab, Target::Tab(*screen));
            x += w + 1;
        }
        spans.extend(tab_strip(&labels, active, 1, theme));
    } else {
        spans.extend(tab_strip(&[app.screen.title()], 0, 0, theme));
    }
    let left: usize = spans.iter().map(|s| s.width()).sum();
    put_line(buf, area, 0, &Line::from(spans));
    let room = (area.width as usize).saturating_sub(left);
    let mut right = Vec::new();
    // (The date's room is counted in bytes, its `·` as two, as it always
    // has been, so the header of a journal without sync is as it was.)
    if mark_width + date.len() <= room {
        right.extend(mark);
        right.push(Span::styled(date, theme.dim));
    } else if mark.is_some() && mark_width + short_date.len() <= room {
        right.extend(mark);
        right.push(Span::styled(short_date, theme.dim));
    } else if let Some(mark) = mark.filter(|_| mark_width <= room) {
        right.push(mark);
    } else if date.len() <= room {
        right.push(Span::styled(date, theme.dim));
    }
    // Counted in bytes like the room above, so the date stands where it
    // always has.
    let width = right.iter().map(|s| s.content.len()).sum::<usize>() as u16;
    if width > 0 {
        let right_area = Rect {
            x: area.x + area.width - width,
            width,
            ..area
        };
        put_line(buf, right_area, 0, &Line::from(right));
    }
}

/// The message of the last action, or the key hints of what has the keys:
/// search, the popup open, or the screen.
fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(message) = &app.message {
        let text = fit::cut(message, area.width.saturating_sub(1) as usize);
        let line = Line::from(Span::styled(format!(" {text}"), theme.status));
        put_line(buf, area, 0, &line);
        return;
    }
    let hints = hints(app);
    // "key hint" and two spaces after.
    let width = |(key, hint, _): &(String, &str, bool)| key.width() + hint.width() + 3;
    // The way to help (in a popup, the way out) is always shown; the
    // others in order, as many as fit.
    let help: usize = hints.iter().filter(|h| h.2).map(width).sum();
    let mut room = (area.width as usize).saturating_sub(1 + help);
    let mut spans = vec![Span::raw(" ")];
    for h in &hints {
        let w = width(h);
        if !h.2 {
            if w > room {
                continue;
            }
            room -= w;
        }
        spans.push(Span::styled(h.0.clone(), theme.accent));
        spans.push(Span::styled(format!(" {}  ", h.1), theme.dim));
    }
    put_line(buf, area, 0, &Line::from(spans));
}

/// The footer's hints: (key, what it does, whether it is always shown:
/// the way to help, or out of a popup),
/// from the keys in force where keys go now, less what does nothing there
/// as things stand.
fn hints(app: &App) -> Vec<(String, &'static str, bool)> {
    let (context, offers): (Context, Box<dyn Fn(Action) -> bool + '_>) =
        match (&app.search, &app.popup) {
            (Some(_), _) => (Context::Popup(PopupKind::Search), Box::new(|_| true)),
            (None, Some(popup)) => (Context::Popup(popup.kind()), Box::new(|a| popup.offers(a))),
            (None, None) => (
                Context::Screen(app.screen),
                Box::new(|a| app.screens.current(app.screen).offers(a)),
            ),
        };
    app.keys
        .bindings(context)
        .iter()
        .filter(|binding| offers(binding.action))
        .filter_map(|binding| {
            let hint = binding.hint?;
            let key = match binding.label {
                Some(label) => label.to_string(),
                None => binding
                    .keys
                    .first()
                    .map(|k| app.keys.key_label(k))
                    .unwrap_or_default(),
            };
            let always = match context {
                Context::Popup(_) => matches!(binding.action, Action::Cancel | Action::Close),
                Context::Screen(_) => binding.action == Action::Help,
            };
            Some((key, hint, always))
        })
        .collect()
}
