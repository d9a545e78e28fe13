//! Drawing the Today screen from its state: all panes at once on a large
//! window, one pane at a time (with a strip of recent days) on a small one,
//! and a welcome before anything is recorded. Reads the state only; uses
//! the widgets, the theme and the key table (to name keys).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Pane, TodayState, reflection};
use crate::domain::words::{amount_label, status_glyph};
use crate::domain::{DayItem, Due, Status, WeekProgress};
use crate::ui::Screen;
use crate::ui::keymap::{self, Action};
use crate::ui::screens::Ctx;
use crate::ui::theme::mark_glyph;
use crate::ui::widgets::{one_line, pane, put_line, recent_weeks, scroll_for, tab_strip, truncate};

/// Below this the screen shows one pane at a time.
const FULL_W: u16 = 80;
const FULL_H: u16 = 20;

impl TodayState {
    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if self.first_run {
            welcome(ctx, area, buf);
        } else if area.width >= FULL_W && area.height >= FULL_H {
            self.full(ctx, area, buf);
        } else {
            self.compact(ctx, area, buf);
        }
    }

    fn full(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let refl_h = (area.height * 2 / 5).clamp(7, 16);
        let [top, bottom] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(refl_h),
        ]));
        let [cal, right] = top.layout(&Layout::horizontal([
            Constraint::Length(26),
            Constraint::Fill(1),
        ]));
        let items = self.view.items.len() as u16;
        let promises_h = (items.max(1) + 2).min(top.height.saturating_sub(5).max(3));
        let [promises, wins] = right.layout(&Layout::vertical([
            Constraint::Length(promises_h),
            Constraint::Fill(1),
        ]));
        self.calendar_pane(ctx, cal, buf);
        self.promises_pane(ctx, promises, buf);
        self.wins_pane(ctx, wins, buf);
        reflection::draw(self, ctx, bottom, buf);
    }

    fn compact(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let mut area = area;
        let labels = ["Promises", "Wins", reflection::short_title(self.moment)];
        let active = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
        put_line(
            buf,
            area,
            0,
            &Line::from(tab_strip(&labels, active, 0, theme)),
        );
        area.y += 1;
        area.height = area.height.saturating_sub(1);
        // A strip of recent days, newest on the right, if there is room.
        if area.height >= 8 {
            let days = ((area.width.saturating_sub(2)) / 2) as usize;
            let upto: Vec<_> = self
                .recent
                .iter()
                .filter(|(d, _)| *d <= ctx.today)
                .collect();
            let shown = &upto[upto.len().saturating_sub(days)..];
            let mut strip = vec![Span::raw(" ")];
            for (d, m) in shown {
                let mut style = theme.mark(*m);
                if *d == self.day {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                strip.push(Span::styled(mark_glyph(*m), style));
                strip.push(Span::raw(" "));
            }
            put_line(buf, area, 0, &Line::from(strip));
            area.y += 1;
            area.height -= 1;
        }
        match self.pane {
            Pane::Promises => self.promises_pane(ctx, area, buf),
            Pane::Wins => self.wins_pane(ctx, area, buf),
            Pane::Reflection => reflection::draw(self, ctx, area, buf),
        }
    }

    fn day_title(&self, ctx: &Ctx) -> String {
        if self.day == ctx.today {
            "Today".to_string()
        } else {
            let t = keymap::key(Screen::Today, Action::GoToday);
            format!("{} ({t}: back to today)", self.day.format("%a %-d %b"))
        }
    }

    fn calendar_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let block = pane(" Recent weeks ", false, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        recent_weeks(
            buf,
            inner,
            &self.recent,
            ctx.config.week_starts_on,
            ctx.today,
            self.day,
            ctx.theme,
        );
    }

    fn promises_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = self.pane == Pane::Promises;
        let day = &self.view;
        let count = |s: Status| day.items.iter().filter(|i| i.status() == Some(s)).count();
        let tally = day.tally;
        let mut title = if tally.asked == 0 {
            format!(" {} · nothing asked", self.day_title(ctx))
        } else {
            format!(
                " {} · {} of {} kept",
                self.day_title(ctx),
                tally.kept,
                tally.asked
            )
        };
        for (n, what) in [
            (count(Status::Partial), "partly"),
            (count(Status::Smaller), "smaller"),
        ] {
            if n > 0 {
                title.push_str(&format!(" · {n} {what}"));
            }
        }
        title.push(' ');
        let block = pane(title, focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if day.items.is_empty() {
            let text = if self.promises.iter().all(|p| p.is_archived()) {
                let a = keymap::key(Screen::Today, Action::AddPromise);
                format!("No active promises. Press {a} to add a tiny one.")
            } else {
                "No promise asked for anything this day.".to_string()
            };
            Paragraph::new(Span::styled(text, theme.dim))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let start = scroll_for(self.promise_sel, inner.height as usize);
        let rows = day.items.iter().enumerate().skip(start);
        for (row, (i, item)) in rows.take(inner.height as usize).enumerate() {
            let selected = focused && i == self.promise_sel;
            let mut line = promise_line(item, selected, ctx);
            if selected {
                line = line.style(theme.selected);
            }
            put_line(buf, inner, row as u16, &line);
        }
    }

    fn wins_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = self.pane == Pane::Wins;
        let wins = &self.view.wins;
        let block = pane(format!(" Wins · {} ", wins.len()), focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if wins.is_empty() {
            let w = keymap::key(Screen::Today, Action::AddWin);
            let text = if self.day == ctx.today {
                format!(
                    "Nothing here yet. Press {w} the moment something goes right, however small."
                )
            } else {
                format!("No wins noted on this day. Press {w} to add one you remember.")
            };
            Paragraph::new(Span::styled(text, theme.dim))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let start = scroll_for(self.win_sel, inner.height as usize);
        let rows = wins.iter().enumerate().skip(start);
        for (row, (i, win)) in rows.take(inner.height as usize).enumerate() {
            let selected = focused && i == self.win_sel;
            let mut spans = vec![
                Span::raw(if selected { "▸ " } else { "  " }),
                Span::styled("★ ", theme.kept),
                Span::raw(truncate(
                    &one_line(&win.text),
                    inner.width.saturating_sub(4) as usize,
                )),
            ];
            if let Some(area_name) = &win.area {
                spans.push(Span::styled(format!("  #{area_name}"), theme.dim));
            }
            let mut line = Line::from(spans);
            if selected {
                line = line.style(theme.selected);
            }
            put_line(buf, inner, row as u16, &line);
        }
    }
}

/// One promise of the day: glyph, text, amount, cue and a word on how it
/// stands.
fn promise_line(item: &DayItem, selected: bool, ctx: &Ctx) -> Line<'static> {
    let theme = ctx.theme;
    let status = item.status();
    let mut spans = vec![
        Span::raw(if selected { "▸ " } else { "  " }),
        Span::styled(format!("{} ", status_glyph(status)), theme.status(status)),
    ];
    let text_style = if item.due == Due::No {
        theme.dim
    } else {
        theme.base
    };
    spans.push(Span::styled(item.promise.text.clone(), text_style));
    let done = item.check.as_ref().and_then(|c| c.amount);
    // Kept in its smaller version: the target was not what was done.
    let target = item.target.filter(|_| status != Some(Status::Smaller));
    if let Some(amount) = amount_label(item.promise.unit.as_deref(), done, target) {
        spans.push(Span::styled(format!("  {amount}"), theme.accent));
    }
    if let Some(cue) = &item.promise.cue {
        spans.push(Span::styled(format!("  ⟡ {cue}"), theme.dim));
    }
    let mut notes = Vec::new();
    match (item.due, status) {
        (_, Some(Status::Partial)) => notes.push("partly kept".to_string()),
        (_, Some(Status::Smaller)) => notes.push(match &item.promise.smaller {
            Some(s) => format!("the smaller version: {s}"),
            None => "the smaller version".to_string(),
        }),
        (_, Some(Status::Missed)) => notes.push(match &item.promise.smaller {
            Some(s) => format!("noted · smaller: {s}"),
            None => "noted".to_string(),
        }),
        (Due::No, None) => notes.push("rest day".into()),
        _ => {}
    }
    if let Some(w) = item.week {
        notes.push(week_progress(w));
    }
    if !notes.is_empty() {
        spans.push(Span::styled(
            format!("  ({})", notes.join(" · ")),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// "1 of 2 this week", "2 of 2 that week", "not yet this week (2 to go)":
/// an N-times-a-week promise's week, never a zero while it is going.
fn week_progress(w: WeekProgress) -> String {
    let when = if w.open { "this week" } else { "that week" };
    if w.shown == 0 && w.open {
        return format!("not yet this week ({} to go)", w.asked);
    }
    format!("{} of {} {when}", w.shown, w.asked)
}

fn welcome(ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let block = pane(" Welcome ", true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = vec![
        Line::from(Span::styled(
            "This is a place to collect evidence that you follow through.",
            theme.title,
        )),
        Line::raw(""),
        Line::raw("Start with one tiny promise — small enough to keep on a bad day. For example:"),
        Line::raw(""),
    ];
    for example in &ctx.config.prompts.examples {
        lines.push(Line::from(vec![
            Span::styled("  ✓ ", theme.kept),
            Span::raw(example.clone()),
        ]));
    }
    lines.push(Line::raw(""));
    let key = |action| keymap::key(Screen::Today, action);
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled(key(Action::AddPromise), theme.accent),
        Span::raw(" to write your first promise. "),
        Span::styled(key(Action::AddWin), theme.accent),
        Span::raw(" logs a win, "),
        Span::styled(key(Action::Help), theme.accent),
        Span::raw(" shows every key."),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
