//! Drawing the Today screen from its state: all panes at once on a large
//! window, one pane at a time (with a strip of recent days) on a small one,
//! and a welcome before anything is recorded. Reads the state only (and
//! records its panes and rows for the mouse); uses the widgets, the theme,
//! the glyphs and the key table (to name keys).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Pane, TodayState, reflection};
use crate::domain::words::{amount_label, day_headline};
use crate::domain::{DayItem, Due, Status, WeekProgress};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::glyphs::{day_glyph, day_span, item_glyph, legend_lines};
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::screens::Ctx;
use crate::ui::widgets::{RecentWeeks, fit_line, one_line, pane, put_line, scroll_for, tab_strip};

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
        let mut x = area.x;
        for (pane, label) in Pane::ALL.iter().zip(labels) {
            let w = label.chars().count() as u16 + 2;
            let tab = Rect::new(x, area.y, w, 1).intersection(area);
            ctx.hits.add(tab, Target::Pane(Area::Today(*pane)));
            x += w;
        }
        area.y += 1;
        area.height = area.height.saturating_sub(1);
        // A strip of recent days, newest on the right, if there is room.
        if area.height >= 8 {
            let rows = self.strip(ctx, area, buf);
            area.y += rows;
            area.height -= rows;
        }
        match self.pane {
            Pane::Promises => self.promises_pane(ctx, area, buf),
            Pane::Wins => self.wins_pane(ctx, area, buf),
            Pane::Reflection => reflection::draw(self, ctx, area, buf),
        }
    }

    /// The recent days as glyphs on one row, newest on the right, and their
    /// legend below if it fits on one row and there is room. Returns the
    /// rows drawn.
    fn strip(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> u16 {
        let theme = ctx.theme;
        let days = ((area.width.saturating_sub(2)) / 2) as usize;
        let upto: Vec<_> = self
            .recent
            .iter()
            .filter(|(d, _)| *d <= ctx.today)
            .collect();
        let shown = &upto[upto.len().saturating_sub(days)..];
        let mut strip = vec![Span::raw(" ")];
        for (i, (d, m)) in shown.iter().enumerate() {
            let mut span = day_span(theme, *m);
            if *d == self.day {
                span.style = span.style.add_modifier(Modifier::REVERSED);
            }
            strip.push(span);
            strip.push(Span::raw(" "));
            let cell = Rect::new(area.x + 1 + 2 * i as u16, area.y, 2, 1);
            ctx.hits.add(cell.intersection(area), Target::Day(*d));
        }
        put_line(buf, area, 0, &Line::from(strip));
        let drawn: Vec<Glyph> = shown.iter().filter_map(|(_, m)| day_glyph(*m)).collect();
        match legend_lines(theme, area.width.saturating_sub(1), &drawn).as_slice() {
            [legend] if area.height >= 12 => {
                let mut line = legend.clone();
                line.spans.insert(0, Span::raw(" "));
                put_line(buf, area, 1, &line);
                2
            }
            _ => 1,
        }
    }

    fn day_title(&self, ctx: &Ctx) -> String {
        if self.day == ctx.today {
            "Today".to_string()
        } else {
            let t = ctx.keys.key(Screen::Today, Action::GoToday);
            format!("{} ({t}: back to today)", self.day.format("%a %-d %b"))
        }
    }

    fn calendar_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let block = pane(" Recent weeks ", false, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits.add(inner, Target::Pane(Area::RecentWeeks));
        RecentWeeks {
            marks: &self.recent,
            week_start: ctx.config.week_starts_on,
            today: ctx.today,
            selected: self.day,
            theme: ctx.theme,
            hits: ctx.hits,
        }
        .render(inner, buf);
    }

    fn promises_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = self.pane == Pane::Promises;
        let day = &self.view;
        let count = |s: Status| day.items.iter().filter(|i| i.status() == Some(s)).count() as u32;
        let headline = day_headline(day.tally, count(Status::Partial), count(Status::Smaller));
        let mut title = format!(" {} · {headline}", self.day_title(ctx));
        title.push(' ');
        let mut block = pane(title, focused, theme);
        // The selected promise's smaller version, quietly, before any miss
        // calls for it: on the bottom border, beside the legend when both
        // fit, in its place when not (the calendar beside has the legend).
        let smaller = self.smaller_hint(focused, area.width);
        let legend = list_legend(&day.items, area.width, ctx);
        let legend_w = legend.as_ref().map_or(0, Line::width);
        let smaller_w = smaller.as_ref().map_or(0, |s| s.chars().count());
        if let Some(text) = &smaller {
            block = block.title_bottom(Line::from(Span::styled(text.clone(), theme.dim)));
        }
        if let Some(legend) = legend
            && (smaller.is_none() || smaller_w + legend_w + 4 <= area.width as usize)
        {
            block = block.title_bottom(legend);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits
            .add(area, Target::Pane(Area::Today(Pane::Promises)));
        if day.items.is_empty() {
            let text = if self.promises.iter().all(|p| p.is_archived()) {
                let a = ctx.keys.key(Screen::Today, Action::AddPromise);
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
            let mut line = promise_line(item, selected, ctx, inner.width as usize);
            if selected {
                line = line.style(theme.selected);
            }
            put_line(buf, inner, row as u16, &line);
            let at = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            ctx.hits
                .add(at, Target::Row(Area::Today(Pane::Promises), i));
        }
    }

    /// " smaller: touch my toes once " for the selected promise of a
    /// focused list, unless its mark already names it (kept the smaller
    /// version, or missed).
    fn smaller_hint(&self, focused: bool, width: u16) -> Option<String> {
        let item = self.view.items.get(self.promise_sel).filter(|_| focused)?;
        let smaller = item.promise.smaller.as_deref()?;
        if matches!(item.status(), Some(Status::Smaller | Status::Missed)) {
            return None;
        }
        let room = (width as usize).saturating_sub(6);
        Some(format!(
            " {} ",
            fit::cut(&format!("smaller: {}", one_line(smaller)), room)
        ))
    }

    fn wins_pane(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = self.pane == Pane::Wins;
        let wins = &self.view.wins;
        let block = pane(format!(" Wins · {} ", wins.len()), focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits.add(area, Target::Pane(Area::Today(Pane::Wins)));
        if wins.is_empty() {
            let w = ctx.keys.key(Screen::Today, Action::AddWin);
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
            // A private win says so before its text, where it is never cut.
            let private = if win.private { "(private) " } else { "" };
            let mut spans = vec![
                pointer(selected, ctx),
                theme.glyph_span(Glyph::Win),
                Span::raw(" "),
                Span::styled(private, theme.dim),
                Span::raw(one_line(&win.text)),
            ];
            if let Some(area_name) = &win.area {
                spans.push(Span::styled(format!("  #{area_name}"), theme.dim));
            }
            let mut line = fit_line(Line::from(spans), inner.width as usize);
            if selected {
                line = line.style(theme.selected);
            }
            put_line(buf, inner, row as u16, &line);
            let at = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            ctx.hits.add(at, Target::Row(Area::Today(Pane::Wins), i));
        }
    }
}

/// The legend of the glyphs in the list, for its bottom border, if it fits
/// on one line.
fn list_legend(items: &[DayItem], width: u16, ctx: &Ctx) -> Option<Line<'static>> {
    let drawn: Vec<Glyph> = items.iter().map(item_glyph).collect();
    let [legend] =
        <[Line; 1]>::try_from(legend_lines(ctx.theme, width.saturating_sub(6), &drawn)).ok()?;
    let mut spans = vec![Span::raw(" ")];
    spans.extend(legend.spans);
    if let Some(last) = spans.last_mut() {
        last.content = format!("{} ", last.content.trim_end()).into();
    }
    Some(Line::from(spans).right_aligned())
}

/// "▸ " before the selected row, two spaces before the others.
fn pointer(selected: bool, ctx: &Ctx) -> Span<'static> {
    if selected {
        Span::raw(format!("{} ", ctx.theme.glyph(Glyph::Pointer)))
    } else {
        Span::raw("  ")
    }
}

/// One promise of the day in `width` columns: glyph, text, amount, cue and
/// a word on how it stands. When it is too wide the cue is cut first, so
/// how the promise stands stays in view; then the end of the line.
fn promise_line(item: &DayItem, selected: bool, ctx: &Ctx, width: usize) -> Line<'static> {
    let theme = ctx.theme;
    let status = item.status();
    let mut spans = vec![
        pointer(selected, ctx),
        theme.glyph_span(item_glyph(item)),
        Span::raw(" "),
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
    let cue = item.promise.cue.as_ref().map(|cue| {
        let cue_glyph = theme.glyph(Glyph::Cue);
        Span::styled(format!("  {cue_glyph} {}", one_line(cue)), theme.dim)
    });
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
    // A note on a day that went well or partly (a miss's note is "noted").
    let note = item.check.as_ref().and_then(|c| c.note.as_deref());
    if let Some(note) = note.filter(|_| status != Some(Status::Missed)) {
        notes.push(format!("note: {}", one_line(note)));
    }
    if let Some(w) = item.week {
        notes.push(week_progress(w));
    }
    let notes =
        (!notes.is_empty()).then(|| Span::styled(format!("  ({})", notes.join(" · ")), theme.dim));
    let others: usize = spans.iter().chain(&notes).map(Span::width).sum();
    if let Some(cue) = cue {
        let room = width.saturating_sub(others);
        // "  ◇ after…" is the least of a cue worth reading; else its glyph.
        let cue_text = if cue.width() <= room || room >= 10 {
            fit::cut(&cue.content, room)
        } else {
            format!("  {}{}", theme.glyph(Glyph::Cue), fit::CUT)
        };
        spans.push(Span::styled(cue_text, cue.style));
    }
    // Still too wide with notes: the promise's words give way to them.
    let used: usize = spans.iter().chain(&notes).map(Span::width).sum();
    if notes.is_some() && used > width {
        let text = &mut spans[3];
        let room = (text.width() + width).saturating_sub(used);
        if room >= 8 {
            text.content = fit::cut(&text.content, room).into();
        }
    }
    spans.extend(notes);
    fit_line(Line::from(spans), width)
}

/// An N-times-a-week promise's week, in the one wording.
fn week_progress(w: WeekProgress) -> String {
    crate::domain::words::week_progress(w.shown, w.asked, w.open)
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
            Span::raw("  "),
            theme.glyph_span(Glyph::Kept),
            Span::raw(" "),
            Span::raw(example.clone()),
        ]));
    }
    lines.push(Line::raw(""));
    let key = |action| ctx.keys.key(Screen::Today, action);
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
