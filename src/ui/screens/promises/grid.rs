//! Drawing the checkmark grid (its columns laid out by `layout.rs`): the
//! weeks over the days, one row per promise with its standing beside it,
//! the selected day in words, and the legend of the glyphs drawn. Reads
//! the state only.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::PromisesState;
use super::details::{detail, detail_lines};
use super::layout::{Columns, Figures, LEAD, View, window};
use crate::domain::evidence::StrengthShown;
use crate::domain::history::{DayCell, Standing};
use crate::domain::rule::{Asked, Went};
use crate::domain::words::{new_words, percent};
use crate::domain::{Check, Promise, Schedule, WeekProgress};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::glyphs::legend_lines;
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::screens::Ctx;
use crate::ui::widgets::{border_hint, one_line, pane, put_line, scroll_for};

impl PromisesState {
    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let listed = self.listed();
        // The grid as tall as it needs (header, rows, the day in words and
        // the legend at its longest); the selected promise's details below.
        let inner_w = area.width.saturating_sub(2);
        let about = listed.get(self.sel).map_or(0, |p| {
            self.day_words(ctx, p, inner_w as usize, 2).len() as u16
        });
        // The legend exactly as `draw_grid` draws it in this width.
        let legend = self.legend(ctx, &listed, inner_w).len() as u16;
        let needed = 2 + 2 + listed.len() as u16 + 1 + about + legend;
        // The details when their own lines fit below all of that.
        let detail_h = match listed.get(self.sel) {
            Some(p) if area.height >= needed + detail_lines(ctx, p).len() as u16 + 2 => {
                area.height - needed
            }
            _ => 0,
        };
        let [grid_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(detail_h),
        ]));
        let block = pane(self.title(listed.len(), ctx), true, ctx.theme);
        let inner = block.inner(grid_area);
        block.render(grid_area, buf);
        ctx.hits.add(grid_area, Target::Pane(Area::Promises));
        if listed.is_empty() {
            let a = ctx.keys.key(Screen::Promises, Action::AddPromise);
            Paragraph::new(Span::styled(
                format!("No promises yet. Press {a} to add one small enough to keep on a bad day."),
                ctx.theme.dim,
            ))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let (above, below) = self.draw_grid(ctx, &listed, inner, buf);
        // Rows the pane has no room for are said on its border.
        let hint = match (above, below) {
            (0, 0) => None,
            (0, below) => Some(format!("↓ {below} more")),
            (above, 0) => Some(format!("↑ {above} above")),
            (above, below) => Some(format!("↑ {above} · ↓ {below} more")),
        };
        if let Some(hint) = hint {
            border_hint(ctx.theme, &hint, grid_area, buf);
        }
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

    fn title(&self, shown: usize, ctx: &Ctx) -> String {
        let archived = self.promises.iter().filter(|p| p.is_archived()).count();
        let open = ctx.keys.key(Screen::Promises, Action::Open);
        if self.show_archived {
            format!(" Promises · {shown} (with archived) · {open} opens one ")
        } else if archived > 0 {
            let dot = ctx.keys.key(Screen::Promises, Action::ToggleArchived);
            format!(" Promises · {shown} · {archived} archived ({dot}) · {open} opens one ")
        } else {
            format!(" Promises · {shown} · {open} opens one ")
        }
    }

    /// The weeks over the days, a row per promise, the selected day in
    /// words, and the legend; how many rows had no room above and below
    /// the ones drawn.
    fn draw_grid(
        &self,
        ctx: &Ctx,
        listed: &[&Promise],
        area: Rect,
        buf: &mut Buffer,
    ) -> (usize, usize) {
        let widest = listed.iter().map(|p| name(p).width()).max().unwrap_or(0);
        let flexible = listed
            .iter()
            .any(|p| matches!(p.schedule, Schedule::TimesPerWeek { .. }));
        let mut cols = Columns::at(area.width as usize, widest, flexible);
        self.days_width.set(Some(cols.days));
        let days = self.days_in_view(ctx, listed, cols.days);
        let all_new = (listed.iter())
            .all(|p| (self.standings.get(&p.id)).is_some_and(|s| s.evidence.new.is_some()));
        let mut view = View {
            ctx,
            cols,
            days: &days,
            week_starts_on: self.week_starts_on,
            all_new,
        };
        // Columns the days in view leave empty go to the names.
        let spare = cols.days.saturating_sub(view.drawn_width());
        cols.name += spare.min(widest.saturating_sub(cols.name));
        view.cols = cols;
        let selected = listed.get(self.sel).copied();
        let about = selected
            .map(|p| self.day_words(ctx, p, area.width as usize, 2))
            .unwrap_or_default();
        let legend = self.legend(ctx, listed, area.width);
        let roomy = about.len() + legend.len() + 1;
        let (below, spacer, about, legend) =
            if (area.height as usize) >= 2 + listed.len().min(3) + roomy {
                (roomy, 1, about, legend)
            } else {
                // One line: the sentence in it, with "…" where it is cut.
                let about: Vec<Line<'static>> = selected
                    .map(|p| self.day_words(ctx, p, area.width as usize, 1))
                    .unwrap_or_default()
                    .into_iter()
                    .take(1)
                    .collect();
                (about.len(), 0, about, Vec::new())
            };
        let rows_h = (area.height as usize).saturating_sub(2 + below);
        put_line(buf, area, 0, &view.week_labels());
        put_line(buf, area, 1, &view.header());
        self.draw_rows(&view, listed, rows_h, area, buf);
        let top = 2 + rows_h.min(listed.len()) as u16 + spacer;
        for (i, line) in about.iter().chain(&legend).enumerate() {
            put_line(buf, area, top + i as u16, line);
        }
        let start = scroll_for(self.sel, rows_h);
        let shown = rows_h.min(listed.len() - start);
        (start, listed.len() - start - shown)
    }

    /// The legend under the rows in lines of `width`: the glyphs the days
    /// in view show, and what the figures beside the rows mean (which of
    /// them fit, [`Columns::at`], and whether every promise is new).
    fn legend(&self, ctx: &Ctx, listed: &[&Promise], width: u16) -> Vec<Line<'static>> {
        let widest = listed.iter().map(|p| name(p).width()).max().unwrap_or(0);
        let flexible = listed
            .iter()
            .any(|p| matches!(p.schedule, Schedule::TimesPerWeek { .. }));
        let cols = Columns::at(width as usize, widest, flexible);
        let days = self.days_in_view(ctx, listed, cols.days);
        let drawn: Vec<Glyph> = (listed.iter())
            .flat_map(|p| days.iter().filter_map(|d| self.cell_at(p, *d)?.glyph()))
            .collect();
        let all_new = (listed.iter())
            .all(|p| (self.standings.get(&p.id)).is_some_and(|s| s.evidence.new.is_some()));
        let mut lines = legend_lines(ctx.theme, width, &drawn);
        lines.extend(figures_legend(ctx, cols.figures, all_new, width));
        lines
    }

    /// The days in view with `width` columns for them: whole weeks before
    /// every promise listed began are left out (the cursor's week stays).
    fn days_in_view(&self, ctx: &Ctx, listed: &[&Promise], width: usize) -> Vec<NaiveDate> {
        let (from, to) = window(
            self.end.min(ctx.today),
            self.cursor.min(ctx.today),
            width,
            self.week_starts_on,
            ctx.today,
        );
        let first = listed.iter().map(|p| p.created_on).min().unwrap_or(from);
        let week_of = |d: NaiveDate| crate::domain::day::week_start(d, self.week_starts_on);
        let from = from.max(week_of(first).min(week_of(self.cursor)));
        from.iter_days().take_while(|d| *d <= to).collect()
    }

    /// The rows that fit in `rows_h` (the selected one among them), each
    /// with where its name and its days were drawn, for the mouse.
    fn draw_rows(
        &self,
        view: &View,
        listed: &[&Promise],
        rows_h: usize,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let start = scroll_for(self.sel, rows_h);
        let name_w = (LEAD + view.cols.name) as u16;
        for (row, (i, p)) in listed
            .iter()
            .enumerate()
            .skip(start)
            .take(rows_h)
            .enumerate()
        {
            let y = 2 + row as u16;
            put_line(buf, area, y, &self.row(view, p, i == self.sel));
            let at = Rect::new(area.x, area.y + y, name_w.min(area.width), 1);
            view.ctx
                .hits
                .add(at.intersection(area), Target::Row(Area::Promises, i));
            for (x, day) in view.day_columns() {
                let cell = Rect::new(area.x + name_w + 1 + x, area.y + y, 1, 1);
                view.ctx
                    .hits
                    .add(cell.intersection(area), Target::GridDay(i, day));
            }
        }
    }

    /// The cell of `p` on `day`, if read.
    fn cell_at(&self, p: &Promise, day: NaiveDate) -> Option<&DayCell> {
        let (from, to) = self.range?;
        if day < from || day > to {
            return None;
        }
        let row = self.rows.iter().find(|r| r.promise_id == p.id)?;
        row.cells
            .get(usize::try_from((day - from).num_days()).ok()?)
    }

    /// One promise's row: number, name, a glyph a day, its standing.
    fn row(&self, view: &View, p: &Promise, selected: bool) -> Line<'static> {
        let theme = view.ctx.theme;
        let name_style = if p.is_archived() {
            theme.dim
        } else {
            theme.base
        };
        let name = name(p);
        let w = view.cols.name;
        let mut spans = vec![
            Span::raw(if selected {
                theme.glyph(Glyph::Pointer).to_string()
            } else {
                " ".to_string()
            }),
            Span::styled(format!("{:>3} ", p.number), theme.dim),
            Span::styled(format!("{} ", pad(&fit::cut(&name, w), w)), name_style),
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

    /// The selected promise on the cursor's day, in words (at most `lines`
    /// lines, cut with "…"), with the keys that mark it.
    fn day_words(&self, ctx: &Ctx, p: &Promise, width: usize, lines: usize) -> Vec<Line<'static>> {
        let day = self.cursor;
        let mut when = day.format("%a %-d %b").to_string();
        if day == ctx.today {
            when.push_str(" (today)");
        }
        let state = match self.cell_at(p, day) {
            Some(cell) => state_words(p, cell),
            None => String::new(),
        };
        let key = |a| ctx.keys.key(Screen::Promises, a);
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
        let mut lines: Vec<Line<'static>> = fit::wrap_at_most(&text, width, lines)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, ctx.theme.base)))
            .collect();
        if keys.width() <= width {
            lines.push(Line::from(Span::styled(keys, ctx.theme.dim)));
        }
        lines
    }
}

/// `text` and spaces after it to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(fit::width(text)))
    )
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
            words.push_str(&format!(
                ", {}",
                crate::domain::model::amount_in(amount, unit)
            ));
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
    let style = if p.is_archived() {
        theme.dim
    } else {
        theme.accent
    };
    // A new promise shows its plain count across both figures: no
    // strength yet, and no share of 30 when it has asked fewer.
    let new = s.evidence.new.map(new_words);
    let strength = match s.evidence.shown_as() {
        StrengthShown::Score(v) => percent(v),
        StrengthShown::New(_) => "new".into(),
    };
    match view.cols.figures {
        Figures::None => Vec::new(),
        Figures::Strength => vec![Span::styled(format!(" {strength:>8}"), style)],
        Figures::All { week } => {
            let mut spans = match new {
                Some(count) => vec![Span::styled(format!(" {count:>16}"), style)],
                None => {
                    let rate = s.evidence.rate_30.map_or_else(|| "—".to_string(), percent);
                    vec![
                        Span::styled(format!(" {strength:>8}"), style),
                        Span::styled(format!(" {rate:>7}"), theme.base),
                    ]
                }
            };
            if week {
                let text = s.week.map(week_words).unwrap_or_default();
                spans.push(Span::styled(
                    format!("  {:<10}", fit::cut(&text, 10)),
                    theme.base,
                ));
            }
            spans
        }
    }
}

/// "2 of 3", "3 of 3 +1" (once more than it asked), or "not yet" while a
/// week is going and nothing is shown up for: an N-times-a-week promise's
/// week, never a zero while it goes, never a count over its total.
fn week_words(w: WeekProgress) -> String {
    if w.shown == 0 && w.open {
        "not yet".into()
    } else if w.shown > w.asked {
        format!("{} of {} +{}", w.asked, w.asked, w.shown - w.asked)
    } else {
        format!("{} of {}", w.shown, w.asked)
    }
}

/// What the figures beside the rows mean, under the glyphs' legend: each
/// column's words, as many to a line as fit.
fn figures_legend(ctx: &Ctx, figures: Figures, all_new: bool, width: u16) -> Vec<Line<'static>> {
    let parts: &[&str] = match figures {
        Figures::None => &[],
        Figures::All { week: false } if all_new => &[NEW_WORDS],
        Figures::All { week: true } if all_new => &[NEW_WORDS, WEEK_WORDS],
        Figures::Strength => &[STRENGTH_WORDS],
        Figures::All { week: false } => &[STRENGTH_WORDS, LAST_30_WORDS],
        Figures::All { week: true } => &[STRENGTH_WORDS, LAST_30_WORDS, WEEK_WORDS],
    };
    (fit::packed(parts, width as usize).into_iter())
        .map(|l| Line::from(Span::styled(l, ctx.theme.dim)))
        .collect()
}

const STRENGTH_WORDS: &str = "strength: recent days weigh most";
const LAST_30_WORDS: &str = "last 30: shown up, of the last 30 asked";
const WEEK_WORDS: &str = "this week: of the times it asks";
const NEW_WORDS: &str = "new: shown up, of the times asked so far (strength shows from 14)";
