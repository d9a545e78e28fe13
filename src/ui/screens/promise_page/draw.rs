//! Drawing a promise's page: its parts laid out one under another for the
//! width and height at hand (the chart beside the figures when there is
//! room), drawn whole into a buffer of their own and shown from the row
//! scrolled to. Reads the state only.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::PromisePageState;
use super::charts::{HEATMAP_H, heatmap, heatmap_glyphs, rate_legend, shown_weeks, strength_chart};
use crate::domain::history::{Decided, Story, Wording};
use crate::domain::model::amount_in;
use crate::domain::words::{STRENGTH_MEANS, new_words, percent};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::glyphs::{legend_lines, status_glyph};
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::screens::Ctx;
use crate::ui::widgets::{border_hint, one_line, pane, put_line};

/// Width of the figures beside the chart.
const FIGURES_W: u16 = 38;
/// The page is laid out roomily (blank rows, a taller chart) from this
/// height on.
const ROOMY_H: u16 = 30;

/// One part of the page.
enum Part {
    Lines(Vec<Line<'static>>),
    Heatmap,
    /// The chart, with the figures beside it when they are given.
    Chart(Vec<Line<'static>>),
}

impl PromisePageState {
    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        ctx.hits.add(area, Target::Pane(Area::Page));
        let back = ctx.keys.key(Screen::Promise, Action::Close);
        let Some(story) = &self.story else {
            let block = pane(" Promise ", true, ctx.theme);
            let inner = block.inner(area);
            block.render(area, buf);
            let words = if self.promise_id.is_some() {
                format!(
                    "That promise is no longer in the journal; {back} goes back to the promises."
                )
            } else {
                let open = ctx.keys.key(Screen::Promises, Action::Open);
                format!("No promise is open; choose one on Promises and press {open}.")
            };
            Paragraph::new(Span::styled(words, ctx.theme.dim))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        };
        let p = &story.promise;
        let title = format!(
            " Promise {} · {} ",
            p.number,
            fit::cut(&one_line(&p.text), 60)
        );
        let block = pane(title, true, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let parts = lay_out(ctx, story, inner.width, inner.height);
        let chart_h = chart_height(inner.height);
        let height = |part: &Part| match part {
            Part::Lines(lines) => lines.len() as u16,
            Part::Heatmap => HEATMAP_H,
            Part::Chart(figures) => chart_h.max(figures.len() as u16),
        };
        let total: u16 = parts.iter().map(height).sum();
        let mut whole = Buffer::empty(Rect::new(0, 0, inner.width, total.max(1)));
        let mut y = 0;
        for part in &parts {
            let h = height(part);
            let at = Rect::new(0, y, inner.width, h);
            match part {
                Part::Lines(lines) => {
                    for (i, line) in lines.iter().enumerate() {
                        put_line(&mut whole, at, i as u16, line);
                    }
                }
                Part::Heatmap => heatmap(ctx, story, at, &mut whole),
                Part::Chart(figures) => chart_row(ctx, story, figures, at, &mut whole),
            }
            y += h;
        }
        self.scroll.show(&whole, inner, buf);
        let key = |a| ctx.keys.key(Screen::Promise, a);
        if let Some(hint) = self
            .scroll
            .hint(&key(Action::ScrollDown), &key(Action::ScrollUp))
        {
            border_hint(ctx.theme, &hint, area, buf);
        }
    }
}

/// How tall the chart is at a height.
fn chart_height(height: u16) -> u16 {
    if height >= ROOMY_H { 10 } else { 7 }
}

/// The parts of the page, top to bottom, for `width` and `height`.
fn lay_out(ctx: &Ctx, story: &Story, width: u16, height: u16) -> Vec<Part> {
    let roomy = height >= ROOMY_H;
    let theme = ctx.theme;
    let gap = || {
        Part::Lines(if roomy {
            vec![Line::raw("")]
        } else {
            Vec::new()
        })
    };
    let mut drawn = heatmap_glyphs(story, shown_weeks(story, width));
    drawn.sort();
    drawn.dedup();
    let mut legend = legend_lines(theme, width, &drawn);
    legend.push(rate_legend(theme));
    let mut parts = vec![Part::Lines(header_lines(ctx, story, width as usize)), gap()];
    if roomy {
        parts.push(Part::Lines(vec![heading(ctx, &days_title(story))]));
    }
    parts.push(Part::Heatmap);
    if roomy {
        parts.push(Part::Lines(legend.clone()));
        parts.push(gap());
    }
    let figures = figure_lines(ctx, story);
    let side = width >= 70;
    let title = match story.now.new {
        Some(_) => " Strength, from 14 times asked",
        None => " Strength, week by week",
    };
    let mut chart_title = vec![Span::styled(title, theme.title)];
    if side {
        let pad = (width - FIGURES_W) as usize;
        chart_title.push(Span::raw(" ".repeat(pad.saturating_sub(title.width() - 1))));
        chart_title.push(Span::styled("Showing up", theme.title));
    }
    parts.push(Part::Lines(vec![Line::from(chart_title)]));
    if side {
        parts.push(Part::Chart(figures));
    } else {
        parts.push(Part::Chart(Vec::new()));
        parts.push(Part::Lines(figures));
    }
    if story.now.new.is_none() {
        let means = crate::model::fit::wrap(STRENGTH_MEANS, width.saturating_sub(2) as usize);
        let dim = |l: String| Line::from(Span::styled(format!(" {l}"), theme.dim));
        parts.push(Part::Lines(means.into_iter().map(dim).collect()));
    }
    if !roomy {
        parts.push(Part::Lines(legend));
    }
    parts.push(Part::Lines(vec![Line::raw("")]));
    parts.push(Part::Lines(note_lines(ctx, story, width as usize)));
    parts.push(Part::Lines(vec![Line::raw("")]));
    parts.push(Part::Lines(decision_lines(ctx, story, width as usize)));
    parts
}

/// The chart, with `figures` beside it when there are any.
fn chart_row(ctx: &Ctx, story: &Story, figures: &[Line<'static>], area: Rect, buf: &mut Buffer) {
    if figures.is_empty() {
        strength_chart(ctx, story, area, buf);
        return;
    }
    let chart = Rect {
        width: area.width.saturating_sub(FIGURES_W + 1),
        ..area
    };
    strength_chart(ctx, story, chart, buf);
    let side = Rect {
        x: area.x + chart.width + 1,
        width: area.width - chart.width - 1,
        ..area
    };
    for (i, line) in figures.iter().enumerate() {
        put_line(buf, side, i as u16, line);
    }
}

fn heading(ctx: &Ctx, text: &str) -> Line<'static> {
    Line::from(Span::styled(format!(" {text}"), ctx.theme.title))
}

/// "A year of its days", or since when when it is younger.
fn days_title(story: &Story) -> String {
    match story.weeks.first() {
        Some(w) if story.weeks.len() < super::PAGE_WEEKS as usize => {
            format!(
                "Its days since {}",
                short(w.start.max(story.promise.created_on), story.today)
            )
        }
        _ => "A year of its days".into(),
    }
}

/// "Sat 21 Nov", with the year when it is not this year's.
fn short(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %-d %b").to_string()
    } else {
        day.format("%a %-d %b %Y").to_string()
    }
}

/// The promise as it reads now, its schedule and since when, its smaller
/// version, its earlier words and targets with their dates.
fn header_lines(ctx: &Ctx, story: &Story, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let p = &story.promise;
    let mut lines: Vec<Line<'static>> = fit::wrap(&one_line(&p.text), width.saturating_sub(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.title)))
        .collect();
    let mut about = vec![p.schedule.to_string()];
    about.extend(p.target_label(story.today));
    if let Some(cue) = &p.cue {
        about.push(format!("{} {}", theme.glyph(Glyph::Cue), one_line(cue)));
    }
    about.push(format!("since {}", short(p.created_on, story.today)));
    if let Some(a) = p.archived_on {
        about.push(format!("archived {}", short(a, story.today)));
    }
    for part in fit::packed(&about, width.saturating_sub(1)) {
        lines.push(Line::from(Span::styled(format!(" {part}"), theme.dim)));
    }
    if let Some(smaller) = &p.smaller {
        let text = format!(" Smaller version: {}", one_line(smaller));
        lines.push(Line::from(Span::styled(fit::cut(&text, width), theme.base)));
    }
    let earlier: Vec<&Wording> = story.wordings.iter().rev().skip(1).collect();
    for w in earlier.iter().take(3) {
        let until = w.until.map(|u| short(u, story.today)).unwrap_or_default();
        let text = format!(
            " Until {until}: “{}” (from {})",
            one_line(&w.text),
            short(w.from, story.today)
        );
        lines.push(Line::from(Span::styled(fit::cut(&text, width), theme.dim)));
    }
    if earlier.len() > 3 {
        let more = format!(" and {} earlier wordings", earlier.len() - 3);
        lines.push(Line::from(Span::styled(more, theme.dim)));
    }
    if story.targets.len() > 1 {
        let unit = p.unit.clone().unwrap_or_default();
        let targets: Vec<String> = (story.targets.iter())
            .map(|t| {
                format!(
                    "{} from {}",
                    amount_in(t.amount, &unit),
                    short(t.from, story.today)
                )
            })
            .collect();
        let text = format!(" Targets: {}", targets.join(" → "));
        lines.push(Line::from(Span::styled(fit::cut(&text, width), theme.dim)));
    }
    lines
}

/// Strength now, the last 30 times asked, the runs, and every time asked
/// in the three states.
fn figure_lines(ctx: &Ctx, story: &Story) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {label:<15}"), theme.dim),
            Span::styled(value, theme.base),
        ])
    };
    let t = &story.tally;
    let unit = |n: u32| match (story.runs.in_days, n) {
        (_, 0) => "none yet".to_string(),
        (true, 1) => "1 day".to_string(),
        (true, n) => format!("{n} days"),
        (false, 1) => "once".to_string(),
        (false, n) => format!("{n} times"),
    };
    // A new promise shows its plain count, and no percentage at all.
    let mut lines = match story.now.new {
        Some(count) => vec![row("So far", new_words(count))],
        None => vec![
            row("Strength now", percent(story.now.strength)),
            row(
                "Last 30 asked",
                story.now.rate_30.map_or_else(|| "—".into(), percent),
            ),
        ],
    };
    lines.push(row("Longest run", unit(story.runs.longest)));
    let current = match story.runs.current {
        0 if story.runs.longest > 0 => "starts next time".to_string(),
        n => unit(n),
    };
    lines.push(row("Current run", current));
    if t.asked == 0 {
        lines.push(row("Showed up", "nothing asked yet".into()));
    } else {
        lines.push(row(
            "Showed up",
            format!("{} of {} times", t.shown, t.asked),
        ));
    }
    let kinds: Vec<String> = [
        (t.kept, "kept"),
        (t.partly, "partly"),
        (t.smaller, "smaller"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !kinds.is_empty() {
        let text = format!("   {}", kinds.join(" · "));
        lines.push(Line::from(Span::styled(text, theme.base)));
    }
    lines.push(row("Noted missed", t.missed.to_string()));
    lines.push(row("Not recorded", t.not_recorded.to_string()));
    if t.extra > 0 {
        lines.push(row("Also", format!("{} it did not ask", unit(t.extra))));
    }
    lines
}

/// Each note and lesson, newest first.
fn note_lines(ctx: &Ctx, story: &Story, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = vec![heading(ctx, "Notes and lessons")];
    if story.notes.is_empty() {
        lines.push(Line::from(Span::styled(" None yet.", theme.dim)));
    }
    for c in &story.notes {
        let when = format!(" {:<16}", short(c.day, story.today));
        let indent = " ".repeat(when.chars().count());
        let room = width.saturating_sub(when.chars().count() + 2);
        let mut texts: Vec<String> = c.note.iter().map(|n| one_line(n)).collect();
        texts.extend(c.lesson.iter().map(|l| format!("lesson: {}", one_line(l))));
        for (i, words) in texts.iter().enumerate() {
            let (date, glyph) = if i == 0 {
                (when.clone(), theme.glyph_span(status_glyph(Some(c.status))))
            } else {
                (indent.clone(), Span::raw(" "))
            };
            lines.push(Line::from(vec![
                Span::styled(date, theme.dim),
                glyph,
                Span::raw(format!(" {}", fit::cut(words, room))),
            ]));
        }
    }
    lines
}

/// The decisions taken about it, with their dates.
fn decision_lines(ctx: &Ctx, story: &Story, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = vec![heading(ctx, "Decisions")];
    if story.decisions.is_empty() {
        lines.push(Line::from(Span::styled(
            " None yet; the weekly review suggests one when the record supports it.",
            theme.dim,
        )));
    }
    for Decided { on, words, .. } in &story.decisions {
        let when = format!(" {:<16}", short(*on, story.today));
        let room = width.saturating_sub(when.chars().count());
        lines.push(Line::from(vec![
            Span::styled(when, theme.dim),
            Span::raw(fit::cut(&one_line(words), room)),
        ]));
    }
    lines
}
