//! The Promises screen: every promise with its cue, target and schedule;
//! add, edit, reorder, archive (never destroy history).
//!
//! [`PromisesState`] holds the list and the selection; `update` turns an
//! action into journal calls or the promise form, and drawing reads the
//! state only. Uses the domain, the promise form, the widgets and the key
//! table.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::popup::promise_form::promise_form;
use super::{Ctx, Outcome, Version};
use crate::domain::model::format_amount;
use crate::domain::{self, Journal, Promise};
use crate::model::Glyph;
use crate::ui::Screen;
use crate::ui::keymap::{self, Action};
use crate::ui::mouse::{Area, Target};
use crate::ui::widgets::{pane, put_line, scroll_for, truncate};

#[derive(Default)]
pub struct PromisesState {
    /// The selected row of the list shown.
    sel: usize,
    show_archived: bool,
    /// All promises, active first.
    promises: Vec<Promise>,
    loaded: Option<Version>,
}

impl PromisesState {
    /// Reads the promises again if the journal changed. Returns whether
    /// anything was read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        if self.loaded == Some(version) {
            return Ok(false);
        }
        self.promises = j.promises(true)?;
        self.loaded = Some(version);
        self.sel = self.sel.min(self.listed().len().saturating_sub(1));
        Ok(true)
    }

    /// The promises shown: the active ones, and the archived ones too when
    /// asked for.
    fn listed(&self) -> Vec<&Promise> {
        self.promises
            .iter()
            .filter(|p| self.show_archived || !p.is_archived())
            .collect()
    }

    pub fn update(&mut self, action: Action, j: &mut Journal, today: NaiveDate) -> Outcome {
        let selected = self.listed().get(self.sel).map(|p| (*p).clone());
        let len = self.listed().len();
        match action {
            Action::Down | Action::Up => {
                self.sel = super::step(self.sel, len, action == Action::Down)
            }
            Action::AddPromise => return Outcome::open(promise_form(None, today)),
            Action::Open => return Outcome::open(promise_form(selected.as_ref(), today)),
            Action::MoveUp | Action::MoveDown => {
                if let Some(p) = selected {
                    let delta = if action == Action::MoveUp { -1 } else { 1 };
                    if let Err(e) = j.move_promise(&p.id, delta) {
                        return Outcome::say(e.to_string());
                    }
                    self.sel = if delta < 0 {
                        self.sel.saturating_sub(1)
                    } else {
                        (self.sel + 1).min(len.saturating_sub(1))
                    };
                }
            }
            Action::Archive => {
                if let Some(p) = selected {
                    return archive(j, &p);
                }
            }
            Action::ToggleArchived => self.show_archived = !self.show_archived,
            _ => {}
        }
        Outcome::default()
    }

    /// Selects row `index` of the list, if given (a click).
    pub fn point_at(&mut self, index: Option<usize>) {
        if let Some(i) = index {
            self.sel = i.min(self.listed().len().saturating_sub(1));
        }
    }

    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let listed = self.listed();
        let detail_h = match listed.get(self.sel) {
            Some(p) if area.height >= 16 => (detail_lines(ctx, p).len() as u16 + 2).max(7),
            _ => 0,
        };
        let [list_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(detail_h),
        ]));
        let archived = self.promises.iter().filter(|p| p.is_archived()).count();
        let title = if self.show_archived {
            format!(" Promises · {} (with archived) ", listed.len())
        } else if archived > 0 {
            let dot = keymap::key(Screen::Promises, Action::ToggleArchived);
            format!(
                " Promises · {} · {archived} archived ({dot}) ",
                listed.len()
            )
        } else {
            format!(" Promises · {} ", listed.len())
        };
        let block = pane(title, true, theme);
        let inner = block.inner(list_area);
        block.render(list_area, buf);
        ctx.hits.add(list_area, Target::Pane(Area::Promises));
        if listed.is_empty() {
            let a = keymap::key(Screen::Promises, Action::AddPromise);
            Paragraph::new(Span::styled(
                format!("No promises yet. Press {a} to add one small enough to keep on a bad day."),
                theme.dim,
            ))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let start = scroll_for(self.sel, inner.height as usize);
        let rows = listed.iter().enumerate().skip(start);
        for (row, (i, p)) in rows.take(inner.height as usize).enumerate() {
            let mut line = self.row(ctx, p, i == self.sel, inner.width as usize);
            if i == self.sel {
                line = line.style(theme.selected);
            }
            put_line(buf, inner, row as u16, &line);
            let at = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            ctx.hits.add(at, Target::Row(Area::Promises, i));
        }
        if detail_h > 0
            && let Some(p) = listed.get(self.sel)
        {
            detail(ctx, p, detail_area, buf);
        }
    }

    /// One row of the list: number, text with target and cue, schedule.
    fn row(&self, ctx: &Ctx, p: &Promise, selected: bool, width: usize) -> Line<'static> {
        let theme = ctx.theme;
        let sched_w = if width >= 60 { 14 } else { 0 };
        let text_w = width.saturating_sub(6 + sched_w);
        let number = p.number;
        let style = if p.is_archived() {
            theme.dim
        } else {
            theme.base
        };
        let mut label = p.text.clone();
        if let Some(t) = p.target_label(ctx.today) {
            label.push_str(&format!(" · {t}"));
        }
        if let Some(cue) = &p.cue {
            label.push_str(&format!(" · {} {cue}", theme.glyph(Glyph::Cue)));
        }
        if p.is_archived() {
            label.push_str(" (archived)");
        }
        let mut spans = vec![
            Span::raw(if selected {
                theme.glyph(Glyph::Pointer).to_string()
            } else {
                " ".to_string()
            }),
            Span::styled(format!("{number:>3}  "), theme.dim),
            Span::styled(format!("{:<text_w$}", truncate(&label, text_w)), style),
        ];
        if sched_w > 0 {
            spans.push(Span::styled(
                truncate(&p.schedule.to_string(), sched_w),
                theme.dim,
            ));
        }
        Line::from(spans)
    }
}

/// Archives `p`, or brings it back if it was archived.
fn archive(j: &mut Journal, p: &Promise) -> Outcome {
    let r = if p.is_archived() {
        j.unarchive_promise(&p.id)
    } else {
        j.archive_promise(&p.id)
    };
    match r {
        Ok(q) if q.is_archived() => Outcome::say(format!(
            "Archived; its history stays. Press {} to undo, {} to show archived.",
            keymap::key(Screen::Promises, Action::Undo),
            keymap::key(Screen::Promises, Action::ToggleArchived)
        )),
        Ok(_) => Outcome::say("Brought back, to its old place in the list."),
        Err(e) => Outcome::say(e.to_string()),
    }
}

/// The selected promise in full: cue, smaller version, schedule, targets
/// over time, and since when.
fn detail(ctx: &Ctx, p: &Promise, area: Rect, buf: &mut Buffer) {
    let block = pane(" Details ", false, ctx.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, line) in detail_lines(ctx, p)
        .iter()
        .take(inner.height as usize)
        .enumerate()
    {
        put_line(buf, inner, i as u16, line);
    }
}

/// The lines of the details pane: cue, smaller version, earlier words,
/// schedule, targets over time, and since when.
fn detail_lines(ctx: &Ctx, p: &Promise) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<16}"), theme.dim),
            Span::raw(value),
        ])
    };
    let none = || "—".to_string();
    let mut lines = vec![
        row("Cue", p.cue.clone().unwrap_or_else(none)),
        row("Smaller version", p.smaller.clone().unwrap_or_else(none)),
    ];
    let earlier: Vec<String> = (p.versions.windows(2))
        .filter(|w| w[0].text != w[1].text)
        .map(|w| {
            let until = w[1].from.pred_opt().unwrap_or(w[1].from);
            format!("“{}” until {}", w[0].text, until.format("%-d %b"))
        })
        .collect();
    if !earlier.is_empty() {
        lines.push(row("Earlier", earlier.join(" → ")));
    }
    lines.extend([row(
        "Schedule",
        format!(
            "{}{}",
            p.schedule,
            p.area
                .as_ref()
                .map(|a| format!("  ·  area: {a}"))
                .unwrap_or_default()
        ),
    )]);
    if let Some(unit) = &p.unit {
        let history: Vec<String> = p
            .targets
            .iter()
            .map(|t| {
                format!(
                    "{} {unit} from {}",
                    format_amount(t.amount),
                    t.from.format("%-d %b")
                )
            })
            .collect();
        lines.push(row("Targets", history.join(" → ")));
    }
    lines.push(row(
        "Since",
        match p.archived_on {
            Some(a) => format!(
                "{} (archived {})",
                p.created_on.format("%-d %b %Y"),
                a.format("%-d %b %Y")
            ),
            None => p.created_on.format("%-d %b %Y").to_string(),
        },
    ));
    lines
}
