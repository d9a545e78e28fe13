//! Search (`/`): a box to type in over the screen, and below it every win,
//! note, lesson, intention, reflection and weekly answer that holds the
//! words, across all history, best match first, with the matching words
//! picked out. Enter opens the chosen result's day on Today, as the
//! calendar does (a weekly answer opens its week on Review).
//!
//! [`SearchState`] holds what is typed and what was found; `load` asks the
//! journal again when the words or the journal changed, `key` takes a key,
//! and drawing reads the state only. Uses the domain, the key table, the
//! popups' box rules, the widgets and the theme.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use ratatui_textarea::TextArea;

use super::Ctx;
use super::popup::input::{paste_into, type_into};
use crate::domain::model::{SearchHit, SearchKind};
use crate::domain::{self, Journal, validate};
use crate::model::fit;
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};
use crate::ui::widgets::{centered, fit_hints, pane, put_line};

/// The most characters the search box takes.
const BOX_LEN: usize = validate::PROMISE.max;

/// What a key in search asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchReply {
    Stay,
    Close,
    /// Open this result's day (or, for a weekly answer, its week).
    Open(SearchHitPlace),
}

/// Where a result lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHitPlace {
    pub day: chrono::NaiveDate,
    pub weekly: bool,
}

pub struct SearchState {
    input: TextArea<'static>,
    /// The words the results are for, and the journal's state then.
    searched: Option<(String, u64, i64)>,
    results: Vec<SearchHit>,
    selected: usize,
    /// Why there are no results, or a box that is full.
    message: Option<String>,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState::new()
    }
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState {
            input: TextArea::default(),
            searched: None,
            results: Vec::new(),
            selected: 0,
            message: None,
        }
    }

    /// The words in the box.
    pub fn words(&self) -> String {
        self.input.lines().join(" ")
    }

    pub fn results(&self) -> &[SearchHit] {
        &self.results
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Searches again if the words or the journal changed since the last
    /// search. Returns whether it did.
    pub fn load(&mut self, journal: &Journal) -> domain::Result<bool> {
        let words = self.words();
        let now = (words.clone(), journal.generation(), journal.data_version()?);
        if self.searched.as_ref() == Some(&now) {
            return Ok(false);
        }
        let words_changed = self.searched.as_ref().is_none_or(|(w, ..)| *w != words);
        self.searched = Some(now);
        if words_changed {
            self.selected = 0;
        }
        self.message = None;
        if words.trim().is_empty() {
            self.results.clear();
            return Ok(true);
        }
        match journal.search(&words) {
            Ok(results) => self.results = results,
            Err(e) if e.is_input() => {
                self.results.clear();
                self.message = Some(e.to_string());
            }
            Err(e) => return Err(e),
        }
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
        Ok(true)
    }

    pub fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> SearchReply {
        let len = self.results.len();
        match keys.action_for(key, Context::Popup(PopupKind::Search)) {
            Some(Action::Cancel) => SearchReply::Close,
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(len.saturating_sub(1));
                SearchReply::Stay
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                SearchReply::Stay
            }
            Some(Action::Open) => match self.results.get(self.selected) {
                Some(hit) => SearchReply::Open(SearchHitPlace {
                    day: hit.day,
                    weekly: hit.kind == SearchKind::Weekly,
                }),
                None => SearchReply::Stay,
            },
            _ => {
                self.message = type_into(&mut self.input, key, BOX_LEN);
                SearchReply::Stay
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.message = paste_into(&mut self.input, text, false, BOX_LEN);
    }

    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let w = area.width.saturating_sub(4).min(96);
        let h = area.height.saturating_sub(2);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        let title = " Search wins, notes, lessons, intentions and answers ";
        let block = pane(fit::cut(title, w.saturating_sub(4) as usize), true, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height < 3 || inner.width < 4 {
            return;
        }
        let label = Span::styled("Find: ", theme.accent);
        put_line(buf, inner, 0, &Line::from(label));
        let input_area = Rect {
            x: inner.x + 6,
            width: inner.width.saturating_sub(6),
            height: 1,
            ..inner
        };
        self.input.render(input_area, buf);
        let hint = fit_hints(
            &ctx.keys.hint_line(PopupKind::Search, |_| true),
            inner.width as usize,
        );
        let status = self.message.clone().unwrap_or_else(|| self.count_line());
        put_line(buf, inner, 1, &Line::from(Span::styled(status, theme.dim)));
        put_line(
            buf,
            inner,
            inner.height - 1,
            &Line::from(Span::styled(hint, theme.dim)),
        );
        let list = Rect {
            y: inner.y + 3,
            height: inner.height.saturating_sub(4),
            ..inner
        };
        self.draw_results(ctx, list, buf);
    }

    /// "3 found, best first", or what to do when there is nothing.
    fn count_line(&self) -> String {
        let n = self.results.len();
        if self.words().trim().is_empty() {
            "Type a word or two; every word must be found.".into()
        } else if n == 0 {
            "Nothing found; try fewer words, or the start of a word.".into()
        } else if n >= domain::search::MAX_RESULTS {
            format!("The best {n} matches, best first; add a word to narrow it.")
        } else {
            format!("{n} found, best first.")
        }
    }

    /// Two rows per result, scrolled so the selected one shows.
    fn draw_results(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let fits = (area.height / 2) as usize;
        if fits == 0 {
            return;
        }
        let top = self.selected.saturating_sub(fits - 1);
        let width = area.width as usize;
        for (row, (i, hit)) in self
            .results
            .iter()
            .enumerate()
            .skip(top)
            .take(fits)
            .enumerate()
        {
            let y = (row * 2) as u16;
            let selected = i == self.selected;
            let marker = if selected { "› " } else { "  " };
            let heading = crate::text::printable(&heading(ctx, hit)).into_owned();
            let heading = fit::cut(&format!("{marker}{heading}"), width);
            let style = if selected {
                theme.selected
            } else {
                theme.title
            };
            put_line(buf, area, y, &Line::from(Span::styled(heading, style)));
            let mut spans = vec![Span::raw("    ")];
            let mut used = 4;
            for (text, matched) in hit.pieces() {
                let text = squash(&crate::text::printable(&text));
                let room = width.saturating_sub(used);
                if room == 0 {
                    break;
                }
                let text = fit::cut(&text, room);
                used += unicode_width::UnicodeWidthStr::width(text.as_str());
                spans.push(if matched {
                    Span::styled(text, theme.found())
                } else {
                    Span::raw(text)
                });
            }
            put_line(buf, area, y + 1, &Line::from(spans));
        }
    }
}

/// Text on one line: each run of spaces, tabs and newlines as one space.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// "Fri 20 Nov 2026 · win", "Thu 19 Nov 2026 · note on Walk outside",
/// "Week of Mon 16 Nov 2026 · What went well?".
fn heading(ctx: &Ctx, hit: &SearchHit) -> String {
    let prompts = &ctx.config.prompts;
    let day = hit.day.format("%a %-d %b %Y");
    let what = match (hit.kind, &hit.promise, &hit.key) {
        (SearchKind::Note | SearchKind::Lesson, Some(p), _) => {
            format!("{} on {p}", hit.kind.label())
        }
        (SearchKind::Answer | SearchKind::Weekly, _, Some(key)) => {
            prompts.text(key).unwrap_or(key).to_string()
        }
        (kind, ..) => kind.label().to_string(),
    };
    match hit.kind {
        SearchKind::Weekly => format!("Week of {day} · {what}"),
        _ => format!("{day} · {what}"),
    }
}
