//! The Promises screen: the checkmark grid. One row per promise, a column
//! for each of the last days that fit (newest at the right, weeks apart,
//! today marked), each promise's standing beside its row, and a cursor on
//! one day of one promise: `space`/`p`/`s`/`x` mark it there, so a
//! forgotten day is fixed in two keys. Adding, editing, reordering and
//! archiving (never destroying history) live here too; `Enter` opens the
//! selected promise's page.
//!
//! [`PromisesState`] holds the promises, the rows of the days in view and
//! the cursor; `load` reads only what the view needs and has not read yet
//! (the rows of a new range of days in one query; the promises and their
//! standings once per change of the journal), so moving the cursor inside
//! the days in view reads nothing. `update` turns an action into journal
//! calls or a popup; drawing (`grid.rs`, `details.rs`) reads the state
//! only, and records how many columns of days it had room for, which the
//! next load reads. Uses the domain, the popups, the widgets and the key
//! table.

mod details;
mod grid;
mod layout;

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};

use super::marking;
use super::popup::promise_form::promise_form;
use super::{Cx, Outcome, Version};
use crate::domain::history::{DayCell, GridRow, Standing};
use crate::domain::{self, DayItem, Journal, Promise};
use crate::ui::Screen;
use crate::ui::keymap::{Action, Keymap};

/// Columns of days assumed before the first draw says how many there are:
/// enough for a window of about 200 columns, so the first frame rarely
/// needs a second read.
const FIRST_DAYS_WIDTH: usize = 150;

/// How many times each kind of data was read since the screen was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads {
    /// The promises and their standings (once per change of the journal).
    pub standings: u32,
    /// The rows of a range of days (once per range not read yet).
    pub ranges: u32,
}

pub struct PromisesState {
    /// The selected row of the list shown.
    sel: usize,
    show_archived: bool,
    /// All promises, active first.
    promises: Vec<Promise>,
    /// Each promise's standing today, by id.
    standings: HashMap<String, Standing>,
    /// The day the cursor is on: today until moved.
    pub cursor: NaiveDate,
    /// The newest day in view (the right edge), as last settled.
    end: NaiveDate,
    /// Every promise's row over `range`.
    rows: Vec<GridRow>,
    range: Option<(NaiveDate, NaiveDate)>,
    week_starts_on: Weekday,
    loaded: Option<Version>,
    loaded_range: Option<(Version, (NaiveDate, NaiveDate))>,
    /// The columns of days the last draw had room for (`None` before it).
    days_width: Cell<Option<usize>>,
    /// What was read so far, for the tests of "nothing is read".
    pub reads: Reads,
}

impl PromisesState {
    /// The grid at `today`, nothing loaded yet.
    pub fn new(today: NaiveDate, week_starts_on: Weekday) -> PromisesState {
        PromisesState {
            sel: 0,
            show_archived: false,
            promises: Vec::new(),
            standings: HashMap::new(),
            cursor: today,
            end: today,
            rows: Vec::new(),
            range: None,
            week_starts_on,
            loaded: None,
            loaded_range: None,
            days_width: Cell::new(None),
            reads: Reads::default(),
        }
    }

    /// Reads what changed: the promises and their standings when the
    /// journal changed, and the rows of the days in view when they are not
    /// read yet. Returns whether anything was read.
    pub fn load(&mut self, j: &Journal, version: Version) -> domain::Result<bool> {
        let mut read = false;
        if self.loaded != Some(version) {
            // The selected promise stays selected, wherever a change from
            // elsewhere (another machine, a shell) moved it.
            let was = self.listed().get(self.sel).map(|p| p.id.clone());
            self.promises = j.promises(true)?;
            self.standings = j.standings(&self.promises)?;
            self.loaded = Some(version);
            self.sel = self.sel.min(self.listed().len().saturating_sub(1));
            if let Some(i) = was.and_then(|id| self.listed().iter().position(|p| p.id == id)) {
                self.sel = i;
            }
            self.reads.standings += 1;
            read = true;
        }
        let want = self.window(version.today);
        let covered = self
            .loaded_range
            .is_some_and(|(v, (lo, hi))| v == version && lo <= want.0 && want.1 <= hi);
        if !covered {
            self.rows = j.grid(&self.promises, want.0, want.1)?;
            self.range = Some(want);
            self.loaded_range = Some((version, want));
            self.reads.ranges += 1;
            read = true;
        }
        Ok(read)
    }

    /// Puts the cursor on `day` (today at most), the days in view ending
    /// with today if it is among them.
    pub fn focus(&mut self, day: NaiveDate, today: NaiveDate) {
        self.cursor = day.min(today);
        self.end = today;
        self.end = self.window(today).1;
    }

    /// The day boundary passed: follow it where today was showing.
    pub fn new_day(&mut self, old_today: NaiveDate, today: NaiveDate) {
        if self.cursor == old_today {
            self.cursor = today;
        }
        if self.end == old_today {
            self.end = today;
        }
    }

    /// The promises shown: the active ones, and the archived ones too when
    /// asked for.
    fn listed(&self) -> Vec<&Promise> {
        self.promises
            .iter()
            .filter(|p| self.show_archived || !p.is_archived())
            .collect()
    }

    /// The days in view: as many as the last draw had room for, ending
    /// with `end` moved by whole weeks until the cursor is among them.
    fn window(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let width = self.days_width.get().unwrap_or(FIRST_DAYS_WIDTH);
        layout::window(
            self.end.min(today),
            self.cursor.min(today),
            width,
            self.week_starts_on,
            today,
        )
    }

    /// The selected promise's cell on the cursor's day, if it is read.
    fn cell(&self, promise: &Promise) -> Option<&DayCell> {
        let (from, _) = self.range?;
        let row = self.rows.iter().find(|r| r.promise_id == promise.id)?;
        let index = usize::try_from((self.cursor - from).num_days()).ok()?;
        row.cells.get(index).filter(|c| c.day == self.cursor)
    }

    pub fn update(&mut self, action: Action, cx: Cx<'_>) -> Outcome {
        let Cx { j, today, keys } = cx;
        let selected = self.listed().get(self.sel).map(|p| (*p).clone());
        let len = self.listed().len();
        match action {
            Action::Down | Action::Up => {
                self.sel = super::step(self.sel, len, action == Action::Down)
            }
            Action::PrevDay | Action::NextDay | Action::PrevWeek | Action::NextWeek => {
                return self.move_cursor(action, today);
            }
            Action::GoToday => {
                self.cursor = today;
                self.end = today;
            }
            Action::ToggleKept
            | Action::MarkPartial
            | Action::MarkSmaller
            | Action::MarkMissed
            | Action::ClearMark => {
                return match selected {
                    Some(p) => self.mark(action, &p, j, keys),
                    None => self.nothing_to_mark(keys),
                };
            }
            Action::Open => {
                if let Some(p) = selected {
                    return Outcome::open_promise(p.id);
                }
            }
            Action::Edit => return Outcome::open(promise_form(selected.as_ref(), today)),
            Action::AddPromise => return Outcome::open(promise_form(None, today)),
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
                    return archive(j, &p, keys);
                }
            }
            Action::ToggleArchived => self.show_archived = !self.show_archived,
            _ => {}
        }
        Outcome::default()
    }

    /// h/l a day, `[`/`]` a week (the days in view move with it); the
    /// days in view follow the cursor past their edges a week at a time.
    fn move_cursor(&mut self, action: Action, today: NaiveDate) -> Outcome {
        let (c, week) = (self.cursor, chrono::Days::new(7));
        if matches!(action, Action::NextDay | Action::NextWeek) && c >= today {
            return Outcome::say("That day is still ahead.");
        }
        let moved = match action {
            Action::PrevDay => c.pred_opt(),
            Action::NextDay => c.succ_opt(),
            Action::PrevWeek => c.checked_sub_days(week),
            _ => c.checked_add_days(week).map(|d| d.min(today)),
        };
        let Some(day) = moved.filter(|d| *d >= domain::day::FIRST_DAY) else {
            return Outcome::say("The journal keeps no earlier day.");
        };
        self.cursor = day;
        match action {
            Action::PrevWeek => self.end = self.end.checked_sub_days(week).unwrap_or(self.end),
            Action::NextWeek => {
                self.end = self
                    .end
                    .checked_add_days(week)
                    .unwrap_or(self.end)
                    .min(today)
            }
            _ => {}
        }
        self.end = self.window(today).1;
        Outcome::default()
    }

    fn nothing_to_mark(&self, keys: &Keymap) -> Outcome {
        Outcome::say(if self.promises.is_empty() {
            format!(
                "No promises yet: press {} to add a tiny one.",
                keys.key(Screen::Promises, Action::AddPromise)
            )
        } else {
            "No promise is selected to mark.".to_string()
        })
    }

    /// Marks `p` on the cursor's day, as Today marks its day.
    fn mark(&self, action: Action, p: &Promise, j: &mut Journal, keys: &Keymap) -> Outcome {
        let item = self.day_item(p, self.cursor);
        marking::mark(action, &item, self.cursor, j, (keys, Screen::Promises))
    }

    /// The promise on `day` as the popups take it: its words then, what
    /// the day asked, what is recorded and the target in force.
    fn day_item(&self, p: &Promise, day: NaiveDate) -> DayItem {
        DayItem {
            number: p.number,
            promise: p.as_on(day),
            due: p.schedule.due_on(day),
            check: self.cell(p).and_then(|c| c.check.clone()),
            target: p.target_on(day),
            week: None,
        }
    }

    /// Selects row `index` of the list, if given (a click on its name).
    pub fn point_at(&mut self, index: Option<usize>) {
        if let Some(i) = index {
            self.sel = i.min(self.listed().len().saturating_sub(1));
        }
    }

    /// Selects row `index` and its `day` (a click on a cell of the grid).
    pub fn point_at_day(&mut self, index: usize, day: NaiveDate, today: NaiveDate) {
        self.point_at(Some(index));
        self.cursor = day.min(today);
        self.end = self.window(today).1;
    }
}

/// Archives `p`, or brings it back if it was archived.
fn archive(j: &mut Journal, p: &Promise, keys: &Keymap) -> Outcome {
    let r = if p.is_archived() {
        j.unarchive_promise(&p.id)
    } else {
        j.archive_promise(&p.id)
    };
    match r {
        Ok(q) if q.is_archived() => Outcome::say(format!(
            "Archived; its history stays. Press {} to undo, {} to show archived.",
            keys.key(Screen::Promises, Action::Undo),
            keys.key(Screen::Promises, Action::ToggleArchived)
        )),
        Ok(_) => Outcome::say("Brought back, to its old place in the list."),
        Err(e) => Outcome::say(e.to_string()),
    }
}
