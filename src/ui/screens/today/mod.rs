//! The Today screen (the home screen): the day's promises beside its wins,
//! a checkmark calendar of recent weeks, and the reflection pane (morning
//! check-in or evening reflection).
//!
//! [`TodayState`] holds what the screen shows and where the cursor is; its
//! `update` turns an action into journal calls (`&mut Journal`), `load`
//! reads what changed (`&Journal`), and the drawing in `draw.rs` and
//! `reflection.rs` reads the state only. Uses the domain, the key table's
//! actions and the popups; never the app.

mod draw;
mod reflection;

use std::collections::BTreeMap;

use chrono::NaiveDate;

pub use reflection::{Field, fields};

use super::marking::{self, save_amount, save_note};
use super::popup::promise_form::promise_form;
use super::popup::rating::RatingPurpose;
use super::popup::text::{TextInput, TextPurpose};
use super::{Cx, Outcome, Version, share_preview};
use crate::domain::share::ShareScope;
use crate::domain::{self, DayItem, DayMark, DayView, Journal, Promise, Resurface, validate};
use crate::ui::Screen;
use crate::ui::keymap::{Action, Keymap};

/// The panes of the Today screen, in Tab order (named in `hits.rs`, where
/// the mouse finds them).
pub use crate::ui::hits::TodayPane as Pane;

/// Which half of the reflection pane is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Morning,
    Evening,
}

impl Moment {
    fn of(journal: &Journal) -> Moment {
        if journal.is_evening() {
            Moment::Evening
        } else {
            Moment::Morning
        }
    }
}

/// Weeks of history kept ready for the Today calendar.
const RECENT_WEEKS: i64 = 30;

pub struct TodayState {
    /// The day shown (today unless browsing).
    pub day: NaiveDate,
    pub pane: Pane,
    pub moment: Moment,
    /// Set when the person switched the moment by hand.
    moment_chosen: bool,
    promise_sel: usize,
    win_sel: usize,
    field_sel: usize,
    /// Everything recorded on `day`.
    view: DayView,
    /// When `day` is today: yesterday's promises that asked and were left
    /// blank, offered for marking.
    yesterday_blanks: Vec<String>,
    /// Recent weeks for the calendar pane, oldest first.
    recent: Vec<(NaiveDate, DayMark)>,
    /// All promises, active first.
    promises: Vec<Promise>,
    /// Evidence for a hard evening.
    resurface: Option<Resurface>,
    /// No promise and nothing recorded yet.
    first_run: bool,
    /// What the day's parts were read at, and the day.
    loaded: Option<(Version, NaiveDate)>,
    /// What the parts that do not depend on the day shown (the calendar
    /// pane, the promises, the first run) were read at.
    loaded_recent: Option<Version>,
    /// How often each part was read from the journal (a count for tests of
    /// the caching; nothing shows it).
    pub reads: TodayReads,
}

/// How often [`TodayState::load`] read the day shown, and the parts that
/// do not depend on it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TodayReads {
    pub days: usize,
    pub recent: usize,
}

impl TodayState {
    /// Today, before anything is loaded.
    pub fn new(journal: &Journal) -> TodayState {
        let today = journal.today();
        TodayState {
            day: today,
            pane: Pane::Promises,
            moment: Moment::of(journal),
            moment_chosen: false,
            promise_sel: 0,
            win_sel: 0,
            field_sel: 0,
            view: DayView {
                day: today,
                items: Vec::new(),
                wins: Vec::new(),
                checkin: None,
                reflection: None,
                previous_adjust: None,
                previous_lessons: Vec::new(),
                tally: Default::default(),
            },
            yesterday_blanks: Vec::new(),
            recent: Vec::new(),
            promises: Vec::new(),
            resurface: None,
            first_run: false,
            loaded: None,
            loaded_recent: None,
            reads: TodayReads::default(),
        }
    }

    /// Reads again what the journal or the day changed since the last
    /// load: the day shown when it or the journal changed, the calendar
    /// pane and the promises only when the journal changed (moving to
    /// another day leaves them as they are). Returns whether anything was
    /// read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        let recent = self.loaded_recent != Some(version);
        if recent {
            self.promises = j.promises(true)?;
            let recent_end = j.week_start(version.today) + chrono::Duration::days(6);
            let recent_start = recent_end - chrono::Duration::days(RECENT_WEEKS * 7 - 1);
            self.recent = j.marks(recent_start, recent_end)?;
            self.first_run = self.promises.is_empty() && j.counts()?.is_empty();
            self.loaded_recent = Some(version);
            self.reads.recent += 1;
        }
        if self.loaded == Some((version, self.day)) {
            return Ok(recent);
        }
        // The selected promise and win stay selected, wherever a change
        // from elsewhere (another machine, a shell) moved them.
        let same_day = self.view.day == self.day;
        let was_promise = self
            .view
            .items
            .get(self.promise_sel)
            .map(|i| i.promise.id.clone());
        let was_win = self.view.wins.get(self.win_sel).map(|w| w.id.clone());
        self.view = j.day(self.day)?;
        self.reads.days += 1;
        if let Some(i) = was_promise
            .filter(|_| same_day)
            .and_then(|id| self.view.items.iter().position(|i| i.promise.id == id))
        {
            self.promise_sel = i;
        }
        if let Some(i) = was_win
            .filter(|_| same_day)
            .and_then(|id| self.view.wins.iter().position(|w| w.id == id))
        {
            self.win_sel = i;
        }
        self.yesterday_blanks = match self.day.pred_opt() {
            Some(yesterday) if self.day == version.today => j
                .day(yesterday)?
                .blanks()
                .map(|i| i.promise.text.clone())
                .collect(),
            _ => Vec::new(),
        };
        self.resurface = j.resurface(self.day)?;
        self.loaded = Some((version, self.day));
        let clamp = |sel: &mut usize, len: usize| *sel = (*sel).min(len.saturating_sub(1));
        clamp(&mut self.promise_sel, self.view.items.len());
        clamp(&mut self.win_sel, self.view.wins.len());
        clamp(
            &mut self.field_sel,
            fields(self.moment, &j.config().prompts).len(),
        );
        Ok(true)
    }

    /// The day boundary passed: follow it if today was showing.
    pub fn new_day(&mut self, old_today: NaiveDate, today: NaiveDate) {
        if self.day == old_today {
            self.day = today;
        }
        self.moment_chosen = false;
    }

    /// Morning turns to evening with the clock, unless the person chose.
    /// Returns whether the pane changed.
    pub fn follow_clock(&mut self, journal: &Journal) -> bool {
        let moment = Moment::of(journal);
        if self.moment_chosen || moment == self.moment {
            return false;
        }
        self.moment = moment;
        self.field_sel = 0;
        true
    }

    /// Shows `day` (opened from the calendar), its promises in focus.
    pub fn open_day(&mut self, day: NaiveDate) {
        self.day = day;
        self.pane = Pane::Promises;
    }

    /// Focuses `pane` and selects its row `index`, if given (a click).
    pub fn point_at(&mut self, pane: Pane, index: Option<usize>, j: &Journal) {
        self.pane = pane;
        let Some(i) = index else { return };
        let (sel, len) = match pane {
            Pane::Promises => (&mut self.promise_sel, self.view.items.len()),
            Pane::Wins => (&mut self.win_sel, self.view.wins.len()),
            Pane::Reflection => (
                &mut self.field_sel,
                fields(self.moment, &j.config().prompts).len(),
            ),
        };
        *sel = i.min(len.saturating_sub(1));
    }

    pub fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        let Cx { j, today, keys } = cx;
        match action {
            Action::NextPane | Action::PrevPane => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                let next = if action == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.pane = Pane::ALL[next];
            }
            Action::Down | Action::Up => self.move_selection(action == Action::Down, j),
            Action::PrevDay => self.day = self.day.pred_opt().unwrap_or(self.day),
            Action::NextDay => {
                if self.day >= today {
                    return Outcome::say("That day is still ahead.");
                }
                self.day = self.day.succ_opt().unwrap_or(self.day);
            }
            Action::GoToday => self.day = today,
            Action::SwitchReflection => {
                self.moment = match self.moment {
                    Moment::Morning => Moment::Evening,
                    Moment::Evening => Moment::Morning,
                };
                self.moment_chosen = true;
                self.field_sel = 0;
                self.pane = Pane::Reflection;
            }
            Action::AddWin => {
                let text = TextInput::new(TextPurpose::AddWin, "", &j.config().prompts);
                return Outcome::open(text);
            }
            Action::AddPromise => return Outcome::open(promise_form(None, today)),
            Action::ToggleKept | Action::MarkPartial | Action::MarkSmaller | Action::MarkMissed => {
                return self.mark(action, j, keys);
            }
            Action::ClearMark if self.pane == Pane::Promises => return self.mark(action, j, keys),
            Action::ClearMark => return self.delete_win(j, keys),
            Action::Note => return self.open_note(j, keys),
            Action::Open => return self.record_selected(j, today, keys),
            Action::Edit => return self.edit_selected(j, today, keys),
            Action::Share => return share_preview(j, ShareScope::Day(self.day)),
            Action::TogglePrivate => return self.toggle_private(j, keys),
            _ => {}
        }
        Outcome::default()
    }

    /// Whether the footer offers `action` now: marking only when the day
    /// asks for a promise, adding a promise only while there is none (the
    /// welcome offers that, a win, help and quitting).
    pub fn offers(&self, action: Action) -> bool {
        match action {
            Action::AddPromise => self.promises.iter().all(Promise::is_archived),
            Action::ToggleKept
            | Action::MarkPartial
            | Action::MarkSmaller
            | Action::MarkMissed
            | Action::ClearMark => !self.view.items.is_empty(),
            _ if self.first_run => {
                matches!(action, Action::AddWin | Action::Help | Action::Quit)
            }
            _ => true,
        }
    }

    fn move_selection(&mut self, down: bool, j: &Journal) {
        let (sel, len) = match self.pane {
            Pane::Promises => (&mut self.promise_sel, self.view.items.len()),
            Pane::Wins => (&mut self.win_sel, self.view.wins.len()),
            Pane::Reflection => (
                &mut self.field_sel,
                fields(self.moment, &j.config().prompts).len(),
            ),
        };
        *sel = super::step(*sel, len, down);
    }

    fn selected_item(&self) -> Option<&DayItem> {
        self.view.items.get(self.promise_sel)
    }

    /// The selected promise, focusing the promises pane; or why there is
    /// none.
    fn selected_promise(&mut self, keys: &Keymap) -> Result<String, Outcome> {
        self.pane = Pane::Promises;
        match self.selected_item() {
            Some(item) => Ok(item.promise.id.clone()),
            None if self.promises.is_empty() => Err(Outcome::say(format!(
                "No promises yet: press {} to add a tiny one.",
                keys.key(Screen::Today, Action::AddPromise)
            ))),
            None => Err(Outcome::say("No promise to mark on this day.")),
        }
    }

    /// Marks the selected promise on the day shown, as the grid marks
    /// its cursor's day.
    fn mark(&mut self, action: Action, j: &mut Journal, keys: &Keymap) -> Outcome {
        if let Err(why) = self.selected_promise(keys) {
            return why;
        }
        match self.selected_item().cloned() {
            Some(item) => marking::mark(action, &item, self.day, j, (keys, Screen::Today)),
            None => Outcome::default(),
        }
    }

    /// n: a note on the selected promise's mark, whatever it is (a miss's
    /// note is the same note its form asks for).
    fn open_note(&mut self, j: &Journal, keys: &Keymap) -> Outcome {
        if let Err(why) = self.selected_promise(keys) {
            return why;
        }
        let Some(item) = self.selected_item() else {
            return Outcome::default();
        };
        let Some(check) = &item.check else {
            let key = |action| keys.key(Screen::Today, action);
            return Outcome::say(format!(
                "Mark it first ({} kept, {} partly, {} smaller), then press {} for a note.",
                key(Action::ToggleKept),
                key(Action::MarkPartial),
                key(Action::MarkSmaller),
                key(Action::Note)
            ));
        };
        let purpose = TextPurpose::Note {
            promise_id: item.promise.id.clone(),
            day: self.day,
            text: item.promise.text.clone(),
        };
        let note = check.note.as_deref().unwrap_or_default();
        Outcome::open(TextInput::new(purpose, note, &j.config().prompts))
    }

    /// d on the wins: deletes the selected win.
    fn delete_win(&mut self, j: &mut Journal, keys: &Keymap) -> Outcome {
        match (self.pane, self.view.wins.get(self.win_sel)) {
            (Pane::Wins, Some(win)) => match j.delete_win(win) {
                Ok(()) => Outcome::say(format!(
                    "Win deleted. Press {} to bring it back.",
                    keys.key(Screen::Today, Action::Undo)
                )),
                Err(e) => Outcome::say(e.to_string()),
            },
            _ => Outcome::default(),
        }
    }

    /// P on the wins pane: the selected win private (never shared), or
    /// shareable again.
    fn toggle_private(&mut self, j: &mut Journal, keys: &Keymap) -> Outcome {
        let win = match (self.pane, self.view.wins.get(self.win_sel)) {
            (Pane::Wins, Some(win)) => win.clone(),
            _ => {
                let tab = keys.key(Screen::Today, Action::NextPane);
                return Outcome::say(format!(
                    "Choose a win first ({tab} to the wins), then press {} to keep it private.",
                    keys.key(Screen::Today, Action::TogglePrivate)
                ));
            }
        };
        match j.set_win_private(&win, !win.private) {
            Ok(w) if w.private => {
                Outcome::say("Private: this win stays yours and is never in a message you share.")
            }
            Ok(_) => Outcome::say("This win can be shared again."),
            Err(e) => Outcome::say(e.to_string()),
        }
    }

    /// Enter: records the day for the selected promise, the same for
    /// every kind: a yes/no promise is kept (again: unmarked), a measured
    /// one asks for its amount (which decides kept or partly kept). On the
    /// wins and the reflection, writes what is selected.
    fn record_selected(&mut self, j: &mut Journal, today: NaiveDate, keys: &Keymap) -> Outcome {
        if self.pane != Pane::Promises {
            return self.write_selected(j);
        }
        match self.selected_item() {
            Some(item) if item.promise.is_measure() => {
                let prompts = &j.config().prompts;
                Outcome::open(TextInput::amount(item, self.day, None, prompts))
            }
            Some(_) => self.mark(Action::ToggleKept, j, keys),
            None if self.promises.iter().all(Promise::is_archived) => {
                Outcome::open(promise_form(None, today))
            }
            None => Outcome::say("No promise to mark on this day."),
        }
    }

    /// e: edits the selected promise itself (its words, cue, schedule,
    /// target); on the wins and the reflection, as Enter does.
    fn edit_selected(&mut self, j: &mut Journal, today: NaiveDate, keys: &Keymap) -> Outcome {
        if self.pane != Pane::Promises {
            return self.write_selected(j);
        }
        match self.selected_promise(keys) {
            Ok(_) => {
                let promise = self.selected_item().map(|i| &i.promise);
                Outcome::open(promise_form(promise, today))
            }
            Err(why) => why,
        }
    }

    /// Writes or edits the selected win or reflection answer.
    fn write_selected(&self, j: &Journal) -> Outcome {
        let prompts = &j.config().prompts;
        match self.pane {
            Pane::Promises => Outcome::default(),
            Pane::Wins => match self.view.wins.get(self.win_sel) {
                Some(win) => {
                    // The area comes along as a tag, so it can be changed too.
                    let text = match &win.area {
                        Some(area) => format!("{} #{area}", win.text),
                        None => win.text.clone(),
                    };
                    Outcome::open(TextInput::new(
                        TextPurpose::EditWin(win.clone()),
                        &text,
                        prompts,
                    ))
                }
                None => Outcome::open(TextInput::new(TextPurpose::AddWin, "", prompts)),
            },
            Pane::Reflection => {
                let fields = fields(self.moment, prompts);
                match fields.get(self.field_sel) {
                    Some(field) => Outcome::open(reflection::open(field, &self.view, prompts)),
                    None => Outcome::default(),
                }
            }
        }
    }

    /// Saves a text box opened on this screen; returns what to say.
    pub fn save_text(
        &mut self,
        j: &mut Journal,
        purpose: &TextPurpose,
        text: &str,
    ) -> domain::Result<String> {
        let day = self.day;
        match purpose {
            TextPurpose::AddWin => {
                let (text, area) = validate::split_area(text);
                let win = j.add_win(day, &text, area.as_deref())?;
                self.pane = Pane::Wins;
                self.win_sel = self.view.wins.len();
                Ok(match win.area {
                    Some(area) => format!("Win saved under {area}. Every one is evidence."),
                    None => "Win saved. Every one is evidence.".into(),
                })
            }
            TextPurpose::EditWin(win) => {
                let (text, area) = validate::split_area(text);
                j.update_win(win, &text, Some(area.as_deref()))?;
                Ok("Win updated.".into())
            }
            TextPurpose::Intention => {
                j.check_in(day, Some(text), None)?;
                Ok("Intention saved.".into())
            }
            TextPurpose::Answer(key) => {
                let answers = BTreeMap::from([(key.clone(), text.to_string())]);
                j.reflect(day, &answers, None, None)?;
                Ok("Answer saved.".into())
            }
            // Saved by the Review screen, which opens it.
            TextPurpose::WeeklyAnswer(_) => Err(domain::Error::Input(
                "That answer belongs to the weekly review; write it on the Review screen.".into(),
            )),
            TextPurpose::Note {
                promise_id, day, ..
            } => save_note(j, promise_id, *day, text),
            TextPurpose::Amount {
                promise_id,
                day,
                status,
                target,
            } => save_amount(j, promise_id, *day, *status, *target, text),
        }
    }

    /// Saves a 0–10 rating of the day.
    pub fn save_rating(
        &mut self,
        j: &mut Journal,
        purpose: RatingPurpose,
        value: u8,
    ) -> domain::Result<String> {
        let (day, v, none) = (self.day, Some(value), &BTreeMap::new());
        match purpose {
            RatingPurpose::CheckinConfidence => j.check_in(day, None, v).map(|_| ())?,
            RatingPurpose::Mood => j.reflect(day, none, v, None).map(|_| ())?,
            RatingPurpose::ReflectConfidence => j.reflect(day, none, None, v).map(|_| ())?,
        }
        Ok(format!("Saved {value}/10."))
    }
}
