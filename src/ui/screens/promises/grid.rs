//! Drawing the checkmark grid: where its columns go at a width, which days
//! are in view, and the grid itself — the weeks over the days, one row per
//! promise with its standing beside it, the selected day in words, and the
//! legend of the glyphs drawn. Reads the state only.

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::PromisesState;
use super::details::{detail, detail_lines};
use crate::domain::history::{DayCell, Standing};
use crate::domain::rule::{Asked, Went};
use crate::domain::words::percent;
use crate::domain::{Check, Promise, Schedule, WeekProgress};
use crate::model::Glyph;
use crate::ui::Screen;
use crate::ui::glyphs::legend_lines;
use crate::ui::keymap::{self, Action};
use crate::ui::mouse::{Area, Target};
use crate::ui::screens::Ctx;
use crate::ui::widgets::{one_line, pane, put_line, scroll_for, truncate, wrap_words};

/// Every glyph a cell of the grid can show.
const GRID_GLYPHS: [Glyph; 7] = [
    Glyph::Kept,
    Glyph::Partly,
    Glyph::Smaller,
    Glyph::Missed,
    Glyph::NotRecorded,
    Glyph::Rest,
    Glyph::NotYet,
];

/// Pointer, number and a space before each promise's name.
const LEAD: usize = 5;
/// The fewest columns of days worth drawing beside the names.
const MIN_DAYS: usize = 15;

/// What stands beside each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figures {
    /// Strength, the last 30 times asked, and (with an N-times-a-week
    /// promise listed) this week.
    All { week: bool },
    Strength,
    None,
}

impl Figures {
    fn width(self) -> usize {
        match self {
            Figures::All { week: true } => 29,
            Figures::All { week: false } => 19,
            Figures::Strength => 9,
            Figures::None => 0,
        }
    }
}

/// Where the grid's columns go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    name: usize,
    days: usize,
    figures: Figures,
}

impl Columns {
    /// The columns at `width` for names as wide as `widest`: the most
    /// figures that leave room for a couple of weeks of days.
    fn at(width: usize, widest: usize, week: bool) -> Columns {
        let natural = widest.clamp(6, 28).min((width / 4).max(12));
        for figures in [Figures::All { week }, Figures::Strength] {
            let room = width.saturating_sub(LEAD + 1 + figures.width());
            let name = natural.min(room.saturating_sub(MIN_DAYS));
            if name >= natural.min(12) {
                return Columns {
                    name,
                    days: room - name,
                    figures,
                };
            }
        }
        let room = width.saturating_sub(LEAD + 1);
        let name = (natural.min(room.saturating_sub(MIN_DAYS)))
            .max(natural.min(8))
            .min(room);
        Columns {
            name,
            days: room - name,
            figures: Figures::None,
        }
    }
}

/// How many days ending with `end` fit in `width` columns, one column a
/// day and one between weeks; the first a week's first day when more than
/// the week of `end` fits (a week is not cut at the left edge).
fn days_that_fit(end: NaiveDate, width: usize, week_starts_on: Weekday) -> usize {
    let (mut used, mut n, mut day, mut whole) = (0, 0, end, 0);
    loop {
        let gap = usize::from(n > 0 && day.succ_opt().is_some_and(|d| d.weekday() == week_starts_on));
        if used + 1 + gap > width {
            break;
        }
        used += 1 + gap;
        n += 1;
        if day.weekday() == week_starts_on {
            whole = n;
        }
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    if whole > 0 && n > whole && whole > (end - crate::domain::day::week_start(end, week_starts_on)).num_days() as usize + 1 {
        whole
    } else {
        n
    }
}

/// The days in view at `width` columns: as many as fit, ending with `end`
/// (today at most) moved by whole weeks until `cursor` is among them.
pub(super) fn window(
    end: NaiveDate,
    cursor: NaiveDate,
    width: usize,
    week_starts_on: Weekday,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let span = |end: NaiveDate| {
        let n = days_that_fit(end, width, week_starts_on).max(1);
        (end - chrono::Duration::days(n as i64 - 1), end)
    };
    let weeks = |days: i64| chrono::Duration::weeks((days + 6) / 7);
    let mut end = end.min(today);
    for _ in 0..4 {
        let (from, to) = span(end);
        if cursor > to {
            end = (to + weeks((cursor - to).num_days())).min(today);
        } else if cursor < from {
            end = to - weeks((from - cursor).num_days());
        } else {
            return (from, to);
        }
    }
    // Narrower than a week: the days in view end with the cursor.
    span(cursor.min(today))
}

impl PromisesState {
    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let listed = self.listed();
        // The grid as tall as it needs (header, rows, the day in words and
        // the legend at its longest); the selected promise's details below.
        let inner_w = area.width.saturating_sub(2);
        let about = listed.get(self.sel).map_or(0, |p| {
            self.day_words(ctx, p, inner_w as usize).len() as u16
        });
        let legend = legend_lines(ctx.theme, inner_w, &GRID_GLYPHS).len() as u16;
        let needed = 2 + 2 + listed.len() as u16 + 1 + about + legend;
        let detail_h = match listed.get(self.sel) {
            Some(p) if area.height >= needed + 7 => {
                (area.height - needed).max(detail_lines(ctx, p).len() as u16 + 2)
            }
            _ => 0,
        };
        let [grid_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(detail_h),
        ]));
        let block = pane(self.title(listed.len()), true, ctx.theme);
        let inner = block.inner(grid_area);
        block.render(grid_area, buf);
        ctx.hits.add(grid_area, Target::Pane(Area::Promises));
        if listed.is_empty() {
            let a = keymap::key(Screen::Promises, Action::AddPromise);
            Paragraph::new(Span::styled(
                format!("No promises yet. Press {a} to add one small enough to keep on a bad day."),
                ctx.theme.dim,
            ))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        self.draw_grid(ctx, &listed, inner, buf);
        if detail_h > 0
            && let Some(p) = listed.get(self.sel)
        {
            let notes: Vec<&Check> = (self.rows.iter())
                .filter(|r| r.promise_id == p.id)
                .flat_map(|r| r.cells.iter().rev())
                .filter_map(|c| c.check.as_ref())
                .filter(|c| c.note.is_some() || c.lesson.is_some())
                .collect();
            detail(ctx, p, &notes, detail_area, buf);
        }
    }

    fn title(&self, shown: usize) -> String {
        let archived = self.promises.iter().filter(|p| p.is_archived()).count();
        let open = keymap::key(Screen::Promises, Action::Open);
        if self.show_archived {
            format!(" Promises · {shown} (with archived) · {open} opens one ")
        } else if archived > 0 {
            let dot = keymap::key(Screen::Promises, Action::ToggleArchived);
            format!(" Promises · {shown} · {archived} archived ({dot}) · {open} opens one ")
        } else {
            format!(" Promises · {shown} · {open} opens one ")
        }
    }

    /// The weeks over the days, a row per promise, the selected day in
    /// words, and the legend.
    fn draw_grid(&self, ctx: &Ctx, listed: &[&Promise], area: Rect, buf: &mut Buffer) {
        let widest = listed.iter().map(|p| name(p).width()).max().unwrap_or(0);
        let flexible = listed
            .iter()
            .any(|p| matches!(p.schedule, Schedule::TimesPerWeek { .. }));
        let cols = Columns::at(area.width as usize, widest, flexible);
        self.days_width.set(Some(cols.days));
        let (from, to) = window(
            self.end.min(ctx.today),
            self.cursor.min(ctx.today),
            cols.days,
            self.week_starts_on,
            ctx.today,
        );
        // Whole weeks before every promise listed began are left out (the
        // cursor's week stays).
        let first = listed.iter().map(|p| p.created_on).min().unwrap_or(from);
        let week_of = |d: NaiveDate| crate::domain::day::week_start(d, self.week_starts_on);
        let from = from.max(week_of(first).min(week_of(self.cursor)));
        let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        let view = View {
            ctx,
            cols,
            days: &days,
            week_starts_on: self.week_starts_on,
        };
        let selected = listed.get(self.sel).copied();
        let about = selected
            .map(|p| self.day_words(ctx, p, area.width as usize))
            .unwrap_or_default();
        let mut drawn: Vec<Glyph> = Vec::new();
        for p in listed {
            drawn.extend(days.iter().filter_map(|d| self.cell_at(p, *d)?.glyph()));
        }
        let legend = legend_lines(ctx.theme, area.width, &drawn);
        let roomy = about.len() + legend.len() + 1;
        let (below, spacer, about, legend) =
            if (area.height as usize) >= 2 + listed.len().min(3) + roomy {
                (roomy, 1, about, legend)
            } else {
                (about.len().min(1), 0, about.into_iter().take(1).collect(), Vec::new())
            };
        let rows_h = (area.height as usize).saturating_sub(2 + below);
        put_line(buf, area, 0, &view.week_labels());
        put_line(buf, area, 1, &view.header());
        let start = scroll_for(self.sel, rows_h);
        for (row, (i, p)) in listed.iter().enumerate().skip(start).take(rows_h).enumerate() {
            let y = 2 + row as u16;
            let line = self.row(&view, p, i == self.sel);
            put_line(buf, area, y, &line);
            let name_w = (LEAD + cols.name) as u16;
            let at = Rect::new(area.x, area.y + y, name_w.min(area.width), 1);
            ctx.hits.add(at.intersection(area), Target::Row(Area::Promises, i));
            for (x, day) in view.day_columns() {
                let cell = Rect::new(area.x + name_w + 1 + x, area.y + y, 1, 1);
                ctx.hits.add(cell.intersection(area), Target::GridDay(i, day));
            }
        }
        let mut y = 2 + rows_h.min(listed.len()) as u16 + spacer;
        for line in about.iter().chain(&legend) {
            put_line(buf, area, y, line);
            y += 1;
        }
    }

    /// The cell of `p` on `day`, if read.
    fn cell_at(&self, p: &Promise, day: NaiveDate) -> Option<&DayCell> {
        let (from, to) = self.range?;
        if day < from || day > to {
            return None;
        }
        let row = self.rows.iter().find(|r| r.promise_id == p.id)?;
        row.cells.get(usize::try_from((day - from).num_days()).ok()?)
    }

    /// One promise's row: number, name, a glyph a day, its standing.
    fn row(&self, view: &View, p: &Promise, selected: bool) -> Line<'static> {
        let theme = view.ctx.theme;
        let name_style = if p.is_archived() { theme.dim } else { theme.base };
        let name = name(p);
        let w = view.cols.name;
        let mut spans = vec![
            Span::raw(if selected {
                theme.glyph(Glyph::Pointer).to_string()
            } else {
                " ".to_string()
            }),
            Span::styled(format!("{:>3} ", p.number), theme.dim),
            Span::styled(format!("{:<w$} ", truncate(&name, w)), name_style),
        ];
        for (i, day) in view.days.iter().enumerate() {
            if i > 0 && day.weekday() == view.week_starts_on {
                spans.push(Span::raw(" "));
            }
            let glyph = self.cell_at(p, *day).and_then(DayCell::glyph);
            let mut style = glyph.map_or(Style::new(), |g| theme.glyph_style(g));
            if *day == view.ctx.today {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            if selected && *day == self.cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let text = glyph.map_or(" ", |g| theme.glyph(g)).to_string();
            spans.push(Span::styled(text, style));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let pad = (LEAD + w + 1 + view.drawn_width()).saturating_sub(used);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.extend(figures(view, p, self.standings.get(&p.id)));
        let line = Line::from(spans);
        if selected {
            line.style(theme.selected)
        } else {
            line
        }
    }

    /// The selected promise on the cursor's day, in words, with the keys
    /// that mark it.
    fn day_words(&self, ctx: &Ctx, p: &Promise, width: usize) -> Vec<Line<'static>> {
        let day = self.cursor;
        let mut when = day.format("%a %-d %b").to_string();
        if day == ctx.today {
            when.push_str(" (today)");
        }
        let state = match self.cell_at(p, day) {
            Some(cell) => state_words(p, cell),
            None => String::new(),
        };
        let key = |a| keymap::key(Screen::Promises, a);
        let keys = format!(
            "{}/{} day · {} kept · {} partly · {} smaller · {} missed",
            key(Action::PrevDay),
            key(Action::NextDay),
            key(Action::ToggleKept),
            key(Action::MarkPartial),
            key(Action::MarkSmaller),
            key(Action::MarkMissed)
        );
        let text = format!("{when} · {}: {state}", one_line(p.text_on(day)));
        let mut lines: Vec<Line<'static>> = wrap_words(&text, width)
            .into_iter()
            .take(2)
            .map(|l| Line::from(Span::styled(l, ctx.theme.base)))
            .collect();
        if keys.width() <= width {
            lines.push(Line::from(Span::styled(keys, ctx.theme.dim)));
        }
        lines
    }
}

/// A promise's name on its row: its words, and whether it is archived.
fn name(p: &Promise) -> String {
    let text = one_line(&p.text);
    if p.is_archived() {
        format!("{text} (archived)")
    } else {
        text
    }
}

/// How the day went for `p`, in the words of the three states.
fn state_words(p: &Promise, cell: &DayCell) -> String {
    let recorded = cell.check.as_ref().map(|c| {
        let mut words = match c.status {
            crate::domain::Status::Missed => "noted as missed".to_string(),
            other => other.label().to_string(),
        };
        if let (Some(amount), Some(unit)) = (c.amount, &p.unit) {
            words.push_str(&format!(", {} {unit}", crate::domain::model::format_amount(amount)));
        }
        if let Some(note) = &c.note {
            words.push_str(&format!(" — “{}”", one_line(note)));
        }
        words
    });
    if let Some(words) = recorded {
        return words;
    }
    match (cell.asked, cell.went) {
        (Asked::Scheduled, _) => "not recorded yet".into(),
        (Asked::Flexible, Went::NotRecorded) => "not recorded (any days of the week count)".into(),
        (Asked::RestDay, _) => "a rest day: nothing asked".into(),
        (Asked::NotYetActive, _) => "before it began".into(),
        (Asked::Archived, _) => "archived by then".into(),
        (Asked::Flexible, _) => String::new(),
    }
}

/// The standing beside a row: strength, the last 30 times asked, and an
/// N-times-a-week promise's week.
fn figures(view: &View, p: &Promise, standing: Option<&Standing>) -> Vec<Span<'static>> {
    let theme = view.ctx.theme;
    let Some(s) = standing else {
        return Vec::new();
    };
    let style = if p.is_archived() { theme.dim } else { theme.accent };
    let strength = percent(s.evidence.strength);
    match view.cols.figures {
        Figures::None => Vec::new(),
        Figures::Strength => vec![Span::styled(format!(" {strength:>8}"), style)],
        Figures::All { week } => {
            let rate = s.evidence.rate_30.map_or_else(|| "—".to_string(), percent);
            let mut spans = vec![
                Span::styled(format!(" {strength:>8}"), style),
                Span::styled(format!(" {rate:>7}"), theme.base),
            ];
            if week {
                let text = s.week.map(week_words).unwrap_or_default();
                spans.push(Span::styled(format!("  {:<10}", truncate(&text, 10)), theme.base));
            }
            spans
        }
    }
}

/// "2 of 3", or "not yet" while a week is going and nothing is shown up
/// for: an N-times-a-week promise's week, never a zero while it goes.
fn week_words(w: WeekProgress) -> String {
    if w.shown == 0 && w.open {
        "not yet".into()
    } else {
        format!("{} of {}", w.shown, w.asked)
    }
}

/// The days in view and where the grid's columns go, for one draw.
struct View<'a> {
    ctx: &'a Ctx<'a>,
    cols: Columns,
    days: &'a [NaiveDate],
    week_starts_on: Weekday,
}

impl View<'_> {
    /// The columns the days in view take, and one after them.
    fn drawn_width(&self) -> usize {
        self.day_columns().last().map_or(0, |(x, _)| *x as usize + 2)
    }

    /// Each day's column among the days' columns.
    fn day_columns(&self) -> Vec<(u16, NaiveDate)> {
        let mut x = 0u16;
        self.days
            .iter()
            .enumerate()
            .map(|(i, day)| {
                if i > 0 && day.weekday() == self.week_starts_on {
                    x += 1;
                }
                let at = x;
                x += 1;
                (at, *day)
            })
            .collect()
    }

    /// Each week's first day in view over its column: "16 Nov".
    fn week_labels(&self) -> Line<'static> {
        let lead = LEAD + self.cols.name + 1;
        let mut text = " ".repeat(lead);
        let columns = self.day_columns();
        for (i, (x, day)) in columns.iter().enumerate() {
            let starts = i == 0 || day.weekday() == self.week_starts_on;
            if !starts || (text.width() > lead + *x as usize) {
                continue;
            }
            let room = columns[i..]
                .iter()
                .skip(1)
                .find(|(_, d)| d.weekday() == self.week_starts_on)
                .map_or(self.drawn_width(), |(next, _)| *next as usize)
                - *x as usize;
            let label = day.format("%-d %b").to_string();
            if label.width() <= room {
                text.push_str(&" ".repeat(lead + *x as usize - text.width()));
                text.push_str(&label);
            }
        }
        Line::from(Span::styled(text, self.ctx.theme.dim))
    }

    /// The weekday of each day, today's marked; then the figures' names.
    fn header(&self) -> Line<'static> {
        let theme = self.ctx.theme;
        let mut spans = vec![Span::raw(" ".repeat(LEAD + self.cols.name + 1))];
        for (i, day) in self.days.iter().enumerate() {
            if i > 0 && day.weekday() == self.week_starts_on {
                spans.push(Span::raw(" "));
            }
            let letter = &day.weekday().to_string()[..1];
            let style = if *day == self.ctx.today {
                theme.accent.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.dim
            };
            spans.push(Span::styled(letter.to_string(), style));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let pad = (LEAD + self.cols.name + 1 + self.drawn_width()).saturating_sub(used);
        spans.push(Span::raw(" ".repeat(pad)));
        let names = match self.cols.figures {
            Figures::All { week: true } => format!(" {:>8} {:>7}  {:<10}", "strength", "last 30", "this week"),
            Figures::All { week: false } => format!(" {:>8} {:>7}", "strength", "last 30"),
            Figures::Strength => format!(" {:>8}", "strength"),
            Figures::None => String::new(),
        };
        spans.push(Span::styled(names, theme.dim));
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn days_fit_with_a_column_between_weeks() {
        // Sat 21 Nov 2026, weeks from Monday: Mon–Sat is 6 columns, then a gap.
        assert_eq!(days_that_fit(d("2026-11-21"), 6, Weekday::Mon), 6);
        assert_eq!(days_that_fit(d("2026-11-21"), 7, Weekday::Mon), 6);
        assert_eq!(days_that_fit(d("2026-11-21"), 8, Weekday::Mon), 7);
        assert_eq!(days_that_fit(d("2026-11-21"), 14, Weekday::Mon), 13);
        // No week is cut at the left edge: 9–21 Nov, not 8–21 Nov.
        assert_eq!(days_that_fit(d("2026-11-21"), 16, Weekday::Mon), 13);
        assert_eq!(days_that_fit(d("2026-11-21"), 22, Weekday::Mon), 20);
    }

    #[test]
    fn the_days_in_view_follow_the_cursor_a_week_at_a_time() {
        let today = d("2026-11-21");
        let at = |cursor: &str| window(today, d(cursor), 14, Weekday::Mon, today);
        assert_eq!(at("2026-11-21"), (d("2026-11-09"), today));
        assert_eq!(at("2026-11-09"), (d("2026-11-09"), today));
        // One day past the left edge: the days go back a week.
        assert_eq!(at("2026-11-08"), (d("2026-11-02"), d("2026-11-14")));
        // From there, past the right edge: forward a week, never past today.
        let back = window(d("2026-11-14"), d("2026-11-15"), 14, Weekday::Mon, today);
        assert_eq!(back, (d("2026-11-09"), today));
        // Narrower than a week, the days end with the cursor.
        let narrow = window(today, d("2026-11-17"), 3, Weekday::Mon, today);
        assert!(narrow.0 <= d("2026-11-17") && d("2026-11-17") <= narrow.1, "{narrow:?}");
    }

    #[test]
    fn the_figures_give_way_before_the_days_do() {
        let wide = Columns::at(118, 23, false);
        assert_eq!(wide.figures, Figures::All { week: false });
        assert!(wide.days >= 60, "{wide:?}");
        let narrow = Columns::at(38, 23, true);
        assert_eq!(narrow.figures, Figures::None);
        assert!(narrow.days >= MIN_DAYS, "{narrow:?}");
        assert_eq!(LEAD + 1 + narrow.name + narrow.days, 38);
    }
}
