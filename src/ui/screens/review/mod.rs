//! The Review screen: one week at a time. The evidence pane (see
//! `sections.rs`) scrolls; the acting pane (`act.rs`) lists the open
//! suggestions to accept or set aside, and the weekly questions.
//!
//! [`ReviewState`] holds the week, the panes' positions and the loaded
//! review; `update` turns an action into journal calls. The evidence pane's
//! scroll is clamped by `update` against the furthest scroll the last draw
//! recorded (`max_scroll`), so no one re-derives the drawing's geometry.
//! Drawing reads the state only.

mod act;
mod sections;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::popup::form::FieldId;
use super::popup::promise_form::deciding_form;
use super::popup::text::{TextInput, TextPurpose};
use super::{Ctx, Cx, Outcome, Version, share_preview};
use crate::config::Config;
use crate::domain::evidence::{Proposal, Suggestion};
use crate::domain::share::ShareScope;
use crate::domain::{self, Journal, ReviewView};
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::{Action, Keymap};
use crate::ui::scroll::VerticalScroll;
use crate::ui::widgets::{pane, put_line, tab_strip};

/// Width of the acting pane beside the evidence on wide windows.
const ACT_W: u16 = 46;
/// Rows j and k scroll the evidence by.
const SCROLL_STEP: u16 = 2;

/// The panes of the Review screen (named in `hits.rs`, where the mouse
/// finds them).
pub use crate::ui::hits::ReviewPane;

/// One thing to act on in the acting pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewItem {
    Suggestion(Suggestion),
    Question { key: String, prompt: String },
}

pub struct ReviewState {
    /// The first day of the week shown.
    pub week: NaiveDate,
    pub pane: ReviewPane,
    /// The first row of the evidence in view, stopped at the end the last
    /// draw found.
    scroll: VerticalScroll,
    /// The selected item of the acting pane.
    sel: usize,
    view: Option<ReviewView>,
    /// The first day of the current week, when loaded.
    this_week: NaiveDate,
    loaded: Option<(Version, NaiveDate)>,
    /// How many weeks were read from the journal since the screen was made
    /// (a count for tests of the caching; nothing shows it).
    pub reads: usize,
    /// Weeks shown lately, read at the version of `loaded`, newest first:
    /// going back to one reads nothing.
    lately: Vec<(NaiveDate, ReviewView)>,
}

/// Weeks [`ReviewState`] keeps after they are shown.
const WEEKS_KEPT: usize = 8;

impl ReviewState {
    pub fn new(this_week: NaiveDate) -> ReviewState {
        ReviewState {
            week: this_week,
            pane: ReviewPane::Week,
            scroll: VerticalScroll::default(),
            sel: 0,
            view: None,
            this_week,
            loaded: None,
            reads: 0,
            lately: Vec::new(),
        }
    }

    /// Reads the week if it or the journal changed, unless it was shown
    /// lately and the journal has not changed since. Returns whether
    /// anything was read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        if self.loaded == Some((version, self.week)) {
            return Ok(false);
        }
        let same = self.loaded.is_some_and(|(v, _)| v == version);
        if !same {
            self.lately.clear();
        }
        let kept = self.lately.iter().position(|(week, _)| *week == self.week);
        let read = kept.is_none();
        let view = match kept {
            Some(i) => self.lately.remove(i).1,
            None => {
                self.reads += 1;
                j.review(self.week)?
            }
        };
        if let (true, Some((_, week)), Some(shown)) = (same, self.loaded, self.view.replace(view)) {
            self.lately.insert(0, (week, shown));
            self.lately.truncate(WEEKS_KEPT);
        }
        // Other content, another length: unknown until drawn again.
        self.scroll.forget_length();
        self.this_week = j.week_start(version.today);
        self.loaded = Some((version, self.week));
        let items = self.items(j.config()).len();
        self.sel = self.sel.min(items.saturating_sub(1));
        Ok(read)
    }

    /// The acting pane's items: open suggestions, then the weekly
    /// questions.
    pub fn items(&self, config: &Config) -> Vec<ReviewItem> {
        let suggestions = self.view.iter().flat_map(|r| r.suggestions.iter());
        let mut items: Vec<ReviewItem> = suggestions.cloned().map(ReviewItem::Suggestion).collect();
        items.extend(config.prompts.weekly.iter().map(|p| ReviewItem::Question {
            key: p.key.clone(),
            prompt: p.text.clone(),
        }));
        items
    }

    pub fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        let Cx { j, today, keys } = cx;
        match action {
            Action::PrevWeek => {
                self.week -= chrono::Duration::days(7);
                self.scroll.reset();
            }
            Action::NextWeek => {
                let next = self.week + chrono::Duration::days(7);
                if next > today {
                    return Outcome::say("This is the current week.");
                }
                self.week = next;
                self.scroll.reset();
            }
            Action::GoToday => self.week = j.week_start(today),
            Action::NextPane | Action::PrevPane => {
                self.pane = match self.pane {
                    ReviewPane::Week => ReviewPane::Act,
                    ReviewPane::Act => ReviewPane::Week,
                };
            }
            Action::Down | Action::Up => self.move_down(action == Action::Down, j.config()),
            Action::Accept | Action::Dismiss | Action::Open => {
                return self.act(action, j, today, keys);
            }
            Action::Share => return share_preview(j, ShareScope::Week(self.week)),
            _ => {}
        }
        Outcome::default()
    }

    /// Focuses `pane` and selects its item `index`, if given (a click).
    pub fn point_at(&mut self, pane: ReviewPane, index: Option<usize>, j: &Journal) {
        self.pane = pane;
        if let (ReviewPane::Act, Some(i)) = (pane, index) {
            self.sel = i.min(self.items(j.config()).len().saturating_sub(1));
        }
    }

    /// j/k: scrolls the evidence (never past its end), or moves the
    /// selection of the acting pane.
    fn move_down(&mut self, down: bool, config: &Config) {
        match self.pane {
            ReviewPane::Week => {
                self.scroll.scroll(SCROLL_STEP, down);
            }
            ReviewPane::Act => {
                let len = self.items(config).len();
                self.sel = super::step(self.sel, len, down);
            }
        }
    }

    /// a, x, Enter: decide the selected suggestion, or answer the question.
    fn act(&mut self, action: Action, j: &mut Journal, today: NaiveDate, keys: &Keymap) -> Outcome {
        self.pane = ReviewPane::Act;
        match self.items(j.config()).get(self.sel).cloned() {
            Some(ReviewItem::Suggestion(s)) => decide(j, &s, action != Action::Dismiss, today),
            Some(ReviewItem::Question { key, .. }) if action == Action::Open => {
                let answers = self.view.as_ref().and_then(|r| r.review.as_ref());
                let text = answers.and_then(|r| r.answers.get(&key).cloned());
                let purpose = TextPurpose::WeeklyAnswer(key);
                let prompts = &j.config().prompts;
                Outcome::open(TextInput::new(purpose, &text.unwrap_or_default(), prompts))
            }
            Some(ReviewItem::Question { .. }) => Outcome::say(format!(
                "Press {} to answer this question.",
                keys.key(Screen::Review, Action::Open)
            )),
            None => Outcome::default(),
        }
    }

    /// Saves the answer to a weekly question.
    pub fn save_answer(
        &mut self,
        j: &mut Journal,
        key: &str,
        text: &str,
    ) -> domain::Result<String> {
        j.answer_weekly(self.week, key, text)?;
        Ok("Saved in this week's review.".into())
    }

    pub fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let Some(review) = &self.view else {
            return;
        };
        if area.width >= 100 && area.height >= 20 {
            let [week, act] = area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(ACT_W),
            ]));
            self.week_pane(ctx, review, week, buf);
            act::draw(self, ctx, review, act, buf);
            return;
        }
        // One pane at a time, with tabs.
        let active = match self.pane {
            ReviewPane::Week => 0,
            ReviewPane::Act => 1,
        };
        let labels = ["The week", "Decide"];
        let tabs = tab_strip(&labels, active, 0, ctx.theme);
        put_line(buf, area, 0, &Line::from(tabs));
        let mut x = area.x;
        for (pane, label) in [ReviewPane::Week, ReviewPane::Act].into_iter().zip(labels) {
            let w = label.len() as u16 + 2;
            let tab = Rect::new(x, area.y, w, 1).intersection(area);
            ctx.hits.add(tab, Target::Pane(Area::Review(pane)));
            x += w;
        }
        let rest = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        match self.pane {
            ReviewPane::Week => self.week_pane(ctx, review, rest, buf),
            ReviewPane::Act => act::draw(self, ctx, review, rest, buf),
        }
    }

    /// The evidence, composed on a canvas as tall as it is, the part in
    /// view copied out. Records how far it can scroll.
    fn week_pane(&self, ctx: &Ctx, review: &ReviewView, area: Rect, buf: &mut Buffer) {
        let focused = self.pane == ReviewPane::Week;
        let block = pane(week_title(review, area.width, ctx.keys), focused, ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        ctx.hits
            .add(area, Target::Pane(Area::Review(ReviewPane::Week)));
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let canvas = sections::compose(ctx, review, inner.width);
        self.scroll.show(&canvas, inner, buf);
        let key = |a| ctx.keys.key(Screen::Review, a);
        if let Some(hint) = self.scroll.hint(&key(Action::Down), &key(Action::Up)) {
            // On the bottom border, where it hides none of the text.
            let hint = format!(" {hint} ");
            let x = inner.x + inner.width.saturating_sub(hint.chars().count() as u16 + 1);
            buf.set_string(x, inner.y + inner.height, &hint, ctx.theme.dim);
        }
    }
}

/// The pane's title in `width` columns: the week, then its keys if they
/// fit too.
fn week_title(review: &ReviewView, width: u16, keys: &Keymap) -> String {
    let start = review.week_start;
    let end = start + chrono::Duration::days(6);
    let week = format!(
        "Week of {} – {}",
        start.format("%-d %b"),
        end.format("%-d %b %Y")
    );
    let keys = format!(
        " · {} {} other weeks",
        keys.key(Screen::Review, Action::PrevWeek),
        keys.key(Screen::Review, Action::NextWeek),
    );
    let room = width.saturating_sub(4) as usize;
    if fit::width(&week) + fit::width(&keys) <= room {
        format!(" {week}{keys} ")
    } else {
        format!(" {} ", fit::cut(&week, room))
    }
}

/// Accepts or sets aside a suggestion (one undo step). An accepted "add
/// one" or "ask for a smaller version" opens the promise form instead, and
/// the decision is recorded when the form is saved (closing it records
/// nothing); an accepted "still keeping it?" opens the first blank day.
fn decide(j: &mut Journal, suggestion: &Suggestion, accept: bool, today: NaiveDate) -> Outcome {
    if accept {
        match &suggestion.proposal {
            Proposal::AddOne => return Outcome::open(deciding_form(None, today, suggestion)),
            Proposal::AskSmaller => {
                let id = suggestion.promise_id.as_deref().unwrap_or_default();
                return match j.promise(id) {
                    Ok(p) => {
                        let mut form = deciding_form(Some(&p), today, suggestion);
                        form.focus_on(FieldId::Smaller);
                        Outcome::open(form)
                    }
                    Err(e) => Outcome::say(e.to_string()),
                };
            }
            _ => {}
        }
    }
    let message = match j.decide(suggestion, accept) {
        Ok(message) => message,
        Err(e) => return Outcome::say(e.to_string()),
    };
    let mut outcome = Outcome::say(message);
    if let (true, Proposal::StillKeeping { since }) = (accept, &suggestion.proposal) {
        outcome.open_day = Some(*since);
    }
    outcome
}
