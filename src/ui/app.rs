//! Screen state and `update`: keys become actions, actions go to the
//! journal, and the data the screens draw is reloaded only when something
//! changed. Drawing never touches the database.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::Screen;
use super::keymap::{self, Action, Context, PopupKind};
use super::theme::Theme;
use crate::domain::{
    self, DayMark, DayView, Journal, Mark, NewPromise, Promise, PromiseEdit, Resurface, ReviewView,
    Schedule, Status, Win, status_for_amount, validate,
};

/// The panes of the Today screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Promises,
    Wins,
    Reflection,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Promises, Pane::Wins, Pane::Reflection];
}

/// The panes of the Review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewPane {
    /// The week's evidence, scrolled with j/k.
    Week,
    /// Suggestions and weekly questions, selected with j/k.
    Act,
}

/// One thing to act on in the Review screen's second pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewItem {
    Suggestion(crate::domain::evidence::Suggestion),
    Question { key: String, prompt: String },
}

/// Which half of the reflection pane is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Morning,
    Evening,
}

/// One line of the reflection pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Intention,
    CheckinConfidence,
    Answer { key: String, prompt: String },
    Mood,
    ReflectConfidence,
}

/// What a text input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum TextPurpose {
    AddWin,
    EditWin(Win),
    Intention,
    Answer(String),
    WeeklyAnswer(String),
    Amount {
        promise_id: String,
        status: Option<Status>,
    },
}

/// What a form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum FormPurpose {
    AddPromise,
    EditPromise(String),
    Miss { promise_id: String },
}

pub struct FormField {
    pub label: &'static str,
    pub hint: String,
    pub input: TextArea<'static>,
    /// The most characters the field takes (typed or pasted).
    pub max: usize,
}

pub struct Form {
    pub title: String,
    pub purpose: FormPurpose,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
    /// Extra words above the fields (the smaller version after a miss).
    pub note: Option<String>,
}

pub struct TextInput {
    pub title: String,
    pub purpose: TextPurpose,
    pub input: TextArea<'static>,
    pub multiline: bool,
    pub error: Option<String>,
    /// The most characters the box takes (typed or pasted).
    pub max: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingPurpose {
    CheckinConfidence,
    Mood,
    ReflectConfidence,
}

pub struct Rating {
    pub title: String,
    pub purpose: RatingPurpose,
    pub value: u8,
    pub error: Option<String>,
}

pub enum Popup {
    Help { scroll: u16 },
    Text(Box<TextInput>),
    Form(Box<Form>),
    Rating(Rating),
}

/// What the screens draw, loaded from the journal only when it changed.
#[derive(Debug, Clone)]
pub struct Data {
    pub day: DayView,
    /// Recent weeks for the Today calendar, oldest first.
    pub recent: Vec<(NaiveDate, DayMark)>,
    /// Marks for the calendar screen's visible range.
    pub calendar: Vec<(NaiveDate, DayMark)>,
    pub calendar_wins: BTreeMap<NaiveDate, usize>,
    /// The calendar cursor's day.
    pub cursor_day: Option<DayView>,
    /// All promises, active first.
    pub promises: Vec<Promise>,
    /// The Review screen's week.
    pub review: Option<ReviewView>,
    /// Evidence for a hard evening on the Today screen.
    pub resurface: Option<Resurface>,
    /// No promise and nothing recorded yet.
    pub first_run: bool,
}

/// Weeks of history kept ready for the Today calendar.
pub const RECENT_WEEKS: i64 = 30;

pub struct App {
    pub journal: Journal,
    pub theme: Theme,
    pub screen: Screen,
    pub pane: Pane,
    /// The journal's today when last looked.
    pub today: NaiveDate,
    /// The day the Today screen shows (today unless browsing).
    pub day: NaiveDate,
    /// The Calendar screen's cursor.
    pub cursor: NaiveDate,
    /// The first day of the week on the Review screen.
    pub review_week: NaiveDate,
    pub moment: Moment,
    /// Set when the person switched the pane by hand.
    moment_chosen: bool,
    pub promise_sel: usize,
    pub win_sel: usize,
    pub field_sel: usize,
    pub list_sel: usize,
    pub show_archived: bool,
    pub review_pane: ReviewPane,
    pub review_scroll: u16,
    pub review_sel: usize,
    /// The terminal's size at the last frame (zero until drawn on a terminal).
    pub viewport: ratatui::layout::Rect,
    pub popup: Option<Popup>,
    pub message: Option<String>,
    pub data: Data,
    loaded: Loaded,
    data_version: i64,
    pub quit: bool,
}

/// The journal's state a piece of data was read at: its own writes, other
/// processes' writes, and the day.
type Version = (u64, i64, NaiveDate);

/// What each part of `Data` was loaded for; a different key means reload.
#[derive(Debug, Clone, Default)]
struct Loaded {
    base: Option<(Version, NaiveDate)>,
    calendar: Option<(Version, (NaiveDate, NaiveDate))>,
    cursor: Option<(Version, NaiveDate)>,
    review: Option<(Version, NaiveDate)>,
}

impl App {
    pub fn new(journal: Journal, theme: Theme) -> domain::Result<App> {
        let today = journal.today();
        let moment = if journal.is_evening() {
            Moment::Evening
        } else {
            Moment::Morning
        };
        let data_version = journal.data_version()?;
        let review_week = journal.week_start(today);
        let data = Data {
            day: journal.day(today)?,
            recent: Vec::new(),
            calendar: Vec::new(),
            calendar_wins: BTreeMap::new(),
            cursor_day: None,
            promises: Vec::new(),
            review: None,
            resurface: None,
            first_run: false,
        };
        let mut app = App {
            journal,
            theme,
            screen: Screen::Today,
            pane: Pane::Promises,
            today,
            day: today,
            cursor: today,
            review_week,
            moment,
            moment_chosen: false,
            promise_sel: 0,
            win_sel: 0,
            field_sel: 0,
            list_sel: 0,
            show_archived: false,
            review_pane: ReviewPane::Week,
            review_scroll: 0,
            review_sel: 0,
            viewport: ratatui::layout::Rect::default(),
            popup: None,
            message: None,
            data,
            loaded: Loaded::default(),
            data_version,
            quit: false,
        };
        app.reload()?;
        Ok(app)
    }

    /// Reloads what the screens draw, if anything it depends on changed;
    /// each part reloads only when its own inputs changed (moving the
    /// calendar cursor within the loaded months reads one day). Returns
    /// whether anything was read.
    pub fn reload(&mut self) -> domain::Result<bool> {
        let version = (self.journal.generation(), self.data_version, self.today);
        let mut loaded = false;
        let j = &self.journal;
        let base = (version, self.day);
        if self.loaded.base != Some(base) {
            self.data.day = j.day(self.day)?;
            self.data.resurface = j.resurface(self.day)?;
            self.data.promises = j.promises(true)?;
            let recent_end = j.week_start(self.today) + chrono::Duration::days(6);
            let recent_start = recent_end - chrono::Duration::days(RECENT_WEEKS * 7 - 1);
            self.data.recent = j.marks(recent_start, recent_end)?;
            self.data.first_run = self.data.promises.is_empty() && j.counts()?.is_empty();
            self.loaded.base = Some(base);
            loaded = true;
        }
        match self.screen {
            Screen::Calendar => {
                let (from, to) = self.calendar_range();
                let covered = self
                    .loaded
                    .calendar
                    .is_some_and(|(v, (lo, hi))| v == version && lo <= from && to <= hi);
                if !covered {
                    // Half a year more than needed, so browsing back a few
                    // months reads nothing.
                    let range = (from - chrono::Duration::days(183), to);
                    self.data.calendar = j.marks(range.0, range.1)?;
                    self.data.calendar_wins = j.win_counts(range.0, range.1)?;
                    self.loaded.calendar = Some((version, range));
                    loaded = true;
                }
                if self.loaded.cursor != Some((version, self.cursor)) {
                    self.data.cursor_day = Some(j.day(self.cursor)?);
                    self.loaded.cursor = Some((version, self.cursor));
                    loaded = true;
                }
            }
            Screen::Review => {
                if self.loaded.review != Some((version, self.review_week)) {
                    self.data.review = Some(j.review(self.review_week)?);
                    self.loaded.review = Some((version, self.review_week));
                    loaded = true;
                }
            }
            Screen::Today | Screen::Promises => {}
        }
        if loaded {
            self.clamp_selections();
        }
        Ok(loaded)
    }

    /// The days the calendar screen may draw: up to a year of months
    /// ending with the cursor's month.
    pub fn calendar_range(&self) -> (NaiveDate, NaiveDate) {
        let first = self.cursor.with_day(1).unwrap_or(self.cursor);
        let from = first.checked_sub_months(Months::new(11)).unwrap_or(first);
        let from = self.journal.week_start(from);
        let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
        let to = self.journal.week_start(next) + chrono::Duration::days(13);
        (from, to)
    }

    /// Called about once a second: moves to the new day after the day
    /// boundary and notices writes from other processes.
    pub fn tick(&mut self) -> domain::Result<bool> {
        let mut changed = false;
        let today = self.journal.today();
        if today != self.today {
            let was_today = self.day == self.today;
            if self.cursor == self.today {
                self.cursor = today;
            }
            if self.review_week == self.journal.week_start(self.today) {
                self.review_week = self.journal.week_start(today);
            }
            self.today = today;
            if was_today {
                self.day = today;
            }
            self.moment_chosen = false;
            changed = true;
        }
        if !self.moment_chosen {
            let moment = if self.journal.is_evening() {
                Moment::Evening
            } else {
                Moment::Morning
            };
            if moment != self.moment {
                self.moment = moment;
                self.field_sel = 0;
                changed = true;
            }
        }
        let version = self.journal.data_version()?;
        if version != self.data_version {
            self.data_version = version;
            changed = true;
        }
        Ok(self.reload()? || changed)
    }

    /// The fields of the reflection pane, in order.
    pub fn fields(&self) -> Vec<Field> {
        match self.moment {
            Moment::Morning => vec![Field::Intention, Field::CheckinConfidence],
            Moment::Evening => {
                let prompts = &self.journal.config().prompts;
                let mut fields: Vec<Field> = prompts
                    .evening
                    .iter()
                    .map(|p| Field::Answer {
                        key: p.key.clone(),
                        prompt: p.text.clone(),
                    })
                    .collect();
                fields.push(Field::Mood);
                fields.push(Field::ReflectConfidence);
                fields
            }
        }
    }

    /// The Review screen's actionable items: open suggestions, then the
    /// weekly questions.
    pub fn review_items(&self) -> Vec<ReviewItem> {
        let mut items: Vec<ReviewItem> = self
            .data
            .review
            .iter()
            .flat_map(|r| r.suggestions.iter().cloned().map(ReviewItem::Suggestion))
            .collect();
        items.extend(
            self.journal
                .config()
                .prompts
                .weekly
                .iter()
                .map(|p| ReviewItem::Question {
                    key: p.key.clone(),
                    prompt: p.text.clone(),
                }),
        );
        items
    }

    /// Promises shown on the Promises screen.
    pub fn listed_promises(&self) -> Vec<&Promise> {
        self.data
            .promises
            .iter()
            .filter(|p| self.show_archived || !p.is_archived())
            .collect()
    }

    fn clamp_selections(&mut self) {
        let clamp = |sel: &mut usize, len: usize| *sel = (*sel).min(len.saturating_sub(1));
        clamp(&mut self.promise_sel, self.data.day.items.len());
        clamp(&mut self.win_sel, self.data.day.wins.len());
        let fields = self.fields().len();
        clamp(&mut self.field_sel, fields);
        let listed = self.listed_promises().len();
        clamp(&mut self.list_sel, listed);
        let items = self.review_items().len();
        clamp(&mut self.review_sel, items);
    }

    /// Handles one terminal event. Returns whether the screen needs drawing.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.handle_key(key);
                true
            }
            Event::Paste(text) => {
                self.handle_paste(text);
                true
            }
            Event::Resize(..) => true,
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.message = None;
        if self.popup.is_some() {
            self.popup_key(key);
        } else if let Some(action) = keymap::action_for(key, Context::Screen(self.screen)) {
            self.perform(action);
        }
        self.after_change();
    }

    fn handle_paste(&mut self, text: &str) {
        match &mut self.popup {
            Some(Popup::Text(t)) => {
                t.error = paste_into(&mut t.input, text, t.multiline, t.max);
            }
            Some(Popup::Form(f)) => {
                if let Some(field) = f.fields.get_mut(f.focus) {
                    f.error = paste_into(&mut field.input, text, false, field.max);
                }
            }
            _ => self.message = Some("Press w to add a win, then paste into it.".into()),
        }
    }

    fn after_change(&mut self) {
        if let Err(e) = self.reload() {
            self.message = Some(e.to_string());
        }
    }

    /// Runs an action from the key table.
    pub fn perform(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Go(screen) => self.go(screen),
            Action::Undo => self.undo(),
            _ => match self.screen {
                Screen::Today => self.today_action(action),
                Screen::Calendar => self.calendar_action(action),
                Screen::Review => self.review_action(action),
                Screen::Promises => self.promises_action(action),
            },
        }
    }

    fn go(&mut self, screen: Screen) {
        if screen == Screen::Calendar && self.screen == Screen::Today {
            self.cursor = self.day;
        }
        if screen == Screen::Review && self.screen != Screen::Review {
            let from = if self.screen == Screen::Calendar {
                self.cursor
            } else {
                self.day
            };
            self.review_week = self.journal.week_start(from);
        }
        self.screen = screen;
    }

    fn undo(&mut self) {
        match self.journal.undo() {
            Ok(Some(label)) => self.message = Some(format!("Undone: {label}.")),
            Ok(None) => self.message = Some("Nothing to undo in this session.".into()),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn report<T>(&mut self, result: domain::Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.message = Some(e.to_string());
                None
            }
        }
    }

    fn selected_item(&self) -> Option<&domain::DayItem> {
        self.data.day.items.get(self.promise_sel)
    }

    fn today_action(&mut self, action: Action) {
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
            Action::Down | Action::Up => {
                let down = action == Action::Down;
                let (sel, len) = match self.pane {
                    Pane::Promises => (&mut self.promise_sel, self.data.day.items.len()),
                    Pane::Wins => (&mut self.win_sel, self.data.day.wins.len()),
                    Pane::Reflection => {
                        let len = self.fields().len();
                        (&mut self.field_sel, len)
                    }
                };
                *sel = step(*sel, len, down);
            }
            Action::PrevDay => self.day = self.day.pred_opt().unwrap_or(self.day),
            Action::NextDay => {
                if self.day < self.today {
                    self.day = self.day.succ_opt().unwrap_or(self.day);
                } else {
                    self.message = Some("That day is still ahead.".into());
                }
            }
            Action::GoToday => self.day = self.today,
            Action::SwitchReflection => {
                self.moment = match self.moment {
                    Moment::Morning => Moment::Evening,
                    Moment::Evening => Moment::Morning,
                };
                self.moment_chosen = true;
                self.field_sel = 0;
                self.pane = Pane::Reflection;
            }
            Action::AddWin => self.open_text(TextPurpose::AddWin, String::new()),
            Action::AddPromise => self.open_promise_form(None),
            Action::ToggleKept => {
                if let Some((id, day)) = self.selected_promise_day() {
                    let r = self.journal.toggle_kept(&id, day);
                    if let Some(Some(check)) = self.report(r)
                        && check.status == Status::Kept
                    {
                        self.message = Some("Kept. That counts.".into());
                    }
                }
            }
            Action::MarkPartial => {
                if let Some(item) = self.selected_item().cloned() {
                    if item.promise.is_measure() {
                        self.open_amount(&item, Some(Status::Partial));
                    } else {
                        let r = self.journal.mark(
                            &item.promise.id,
                            self.day,
                            Status::Partial,
                            Mark::default(),
                        );
                        if self.report(r).is_some() {
                            self.message = Some("Partly kept. It happened, so it counts.".into());
                        }
                    }
                }
            }
            Action::MarkMissed => {
                if let Some(item) = self.selected_item().cloned() {
                    self.open_miss_form(&item);
                }
            }
            Action::ClearMark => match self.pane {
                Pane::Promises => {
                    if let Some((id, day)) = self.selected_promise_day() {
                        let r = self.journal.unmark(&id, day);
                        self.report(r);
                    }
                }
                Pane::Wins => {
                    if let Some(win) = self.data.day.wins.get(self.win_sel).cloned() {
                        let r = self.journal.delete_win(&win);
                        if self.report(r).is_some() {
                            self.message = Some("Win deleted. Press u to bring it back.".into());
                        }
                    }
                }
                Pane::Reflection => {}
            },
            Action::Open => self.open_selected(),
            _ => {}
        }
    }

    fn selected_promise_day(&mut self) -> Option<(String, NaiveDate)> {
        if self.pane != Pane::Promises {
            self.pane = Pane::Promises;
        }
        match self.selected_item() {
            Some(item) => Some((item.promise.id.clone(), self.day)),
            None => {
                self.message = Some(if self.data.promises.is_empty() {
                    "No promises yet: press a to add a tiny one.".into()
                } else {
                    "No promise to mark on this day.".into()
                });
                None
            }
        }
    }

    fn open_selected(&mut self) {
        match self.pane {
            Pane::Promises => {
                if let Some(item) = self.selected_item().cloned() {
                    if item.promise.is_measure() {
                        self.open_amount(&item, None);
                    } else {
                        self.open_promise_form(Some(&item.promise));
                    }
                } else if self.data.promises.iter().all(Promise::is_archived) {
                    self.open_promise_form(None);
                }
            }
            Pane::Wins => match self.data.day.wins.get(self.win_sel).cloned() {
                Some(win) => {
                    let text = win.text.clone();
                    self.open_text(TextPurpose::EditWin(win), text);
                }
                None => self.open_text(TextPurpose::AddWin, String::new()),
            },
            Pane::Reflection => {
                let fields = self.fields();
                let Some(field) = fields.get(self.field_sel).cloned() else {
                    return;
                };
                let day = &self.data.day;
                match field {
                    Field::Intention => {
                        let text = day
                            .checkin
                            .as_ref()
                            .and_then(|c| c.intention.clone())
                            .unwrap_or_default();
                        self.open_text(TextPurpose::Intention, text);
                    }
                    Field::Answer { key, .. } => {
                        let text = day
                            .reflection
                            .as_ref()
                            .and_then(|r| r.answers.get(&key).cloned())
                            .unwrap_or_default();
                        self.open_text(TextPurpose::Answer(key), text);
                    }
                    Field::CheckinConfidence => self.open_rating(
                        RatingPurpose::CheckinConfidence,
                        day.checkin.as_ref().and_then(|c| c.confidence),
                    ),
                    Field::Mood => self.open_rating(
                        RatingPurpose::Mood,
                        day.reflection.as_ref().and_then(|r| r.mood),
                    ),
                    Field::ReflectConfidence => self.open_rating(
                        RatingPurpose::ReflectConfidence,
                        day.reflection.as_ref().and_then(|r| r.confidence),
                    ),
                }
            }
        }
    }

    fn calendar_action(&mut self, action: Action) {
        let c = self.cursor;
        let moved = match action {
            Action::PrevDay => c.pred_opt(),
            Action::NextDay => c.succ_opt(),
            Action::PrevWeek => c.checked_sub_days(chrono::Days::new(7)),
            Action::NextWeek => c.checked_add_days(chrono::Days::new(7)),
            Action::PrevMonth => c.checked_sub_months(Months::new(1)),
            Action::NextMonth => c.checked_add_months(Months::new(1)),
            Action::GoToday => Some(self.today),
            Action::Open => {
                if c > self.today {
                    self.message = Some("That day is still ahead; it opens once it comes.".into());
                } else {
                    self.day = c;
                    self.screen = Screen::Today;
                    self.pane = Pane::Promises;
                }
                None
            }
            _ => None,
        };
        if let Some(d) = moved {
            self.cursor = d;
        }
    }

    fn review_action(&mut self, action: Action) {
        let w = self.review_week;
        match action {
            Action::PrevWeek => {
                self.review_week = w - chrono::Duration::days(7);
                self.review_scroll = 0;
            }
            Action::NextWeek => {
                let next = w + chrono::Duration::days(7);
                if next <= self.today {
                    self.review_week = next;
                    self.review_scroll = 0;
                } else {
                    self.message = Some("This is the current week.".into());
                }
            }
            Action::GoToday => self.review_week = self.journal.week_start(self.today),
            Action::NextPane | Action::PrevPane => {
                self.review_pane = match self.review_pane {
                    ReviewPane::Week => ReviewPane::Act,
                    ReviewPane::Act => ReviewPane::Week,
                };
            }
            Action::Down | Action::Up => {
                let down = action == Action::Down;
                match self.review_pane {
                    ReviewPane::Week => {
                        self.review_scroll = if down {
                            self.review_scroll.saturating_add(2)
                        } else {
                            self.review_scroll.saturating_sub(2)
                        };
                        if self.viewport.area() > 0 {
                            let max = super::screens::review::max_scroll(self, self.viewport);
                            self.review_scroll = self.review_scroll.min(max);
                        }
                    }
                    ReviewPane::Act => {
                        let len = self.review_items().len();
                        self.review_sel = step(self.review_sel, len, down);
                    }
                }
            }
            Action::Accept | Action::Dismiss | Action::Open => {
                self.review_pane = ReviewPane::Act;
                match self.review_items().get(self.review_sel).cloned() {
                    Some(ReviewItem::Suggestion(s)) => {
                        self.decide(&s, action != Action::Dismiss);
                    }
                    Some(ReviewItem::Question { key, .. }) if action == Action::Open => {
                        let text = self
                            .data
                            .review
                            .as_ref()
                            .and_then(|r| r.review.as_ref())
                            .and_then(|r| r.answers.get(&key).cloned())
                            .unwrap_or_default();
                        self.open_text(TextPurpose::WeeklyAnswer(key), text);
                    }
                    Some(ReviewItem::Question { .. }) => {
                        self.message = Some("Press Enter to answer this question.".into());
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }

    fn decide(&mut self, suggestion: &crate::domain::evidence::Suggestion, accept: bool) {
        use crate::domain::evidence::Proposal;
        let r = self.journal.decide(suggestion, accept);
        let Some(message) = self.report(r) else {
            return;
        };
        self.message = Some(message);
        if !accept {
            return;
        }
        match &suggestion.proposal {
            Proposal::AddOne => self.open_promise_form(None),
            Proposal::AskSmaller => {
                let promise = suggestion
                    .promise_id
                    .as_ref()
                    .and_then(|id| self.data.promises.iter().find(|p| &p.id == id))
                    .cloned();
                if let Some(p) = promise {
                    self.open_promise_form(Some(&p));
                    if let Some(Popup::Form(f)) = &mut self.popup {
                        f.focus = 2;
                    }
                }
            }
            _ => {}
        }
    }

    fn promises_action(&mut self, action: Action) {
        let selected = self
            .listed_promises()
            .get(self.list_sel)
            .map(|p| (*p).clone());
        match action {
            Action::Down | Action::Up => {
                let len = self.listed_promises().len();
                self.list_sel = step(self.list_sel, len, action == Action::Down);
            }
            Action::AddPromise => self.open_promise_form(None),
            Action::Open => {
                if let Some(p) = selected {
                    self.open_promise_form(Some(&p));
                } else {
                    self.open_promise_form(None);
                }
            }
            Action::MoveUp | Action::MoveDown => {
                if let Some(p) = selected {
                    let delta = if action == Action::MoveUp { -1 } else { 1 };
                    let r = self.journal.move_promise(&p.id, delta);
                    if self.report(r).is_some() {
                        let len = self.listed_promises().len();
                        self.list_sel = if delta < 0 {
                            self.list_sel.saturating_sub(1)
                        } else {
                            (self.list_sel + 1).min(len.saturating_sub(1))
                        };
                    }
                }
            }
            Action::Archive => {
                if let Some(p) = selected {
                    let r = if p.is_archived() {
                        self.journal.unarchive_promise(&p.id)
                    } else {
                        self.journal.archive_promise(&p.id)
                    };
                    if let Some(q) = self.report(r) {
                        self.message = Some(if q.is_archived() {
                            "Archived; its history stays. Press u to undo, . to show archived."
                                .into()
                        } else {
                            "Brought back to today's list.".into()
                        });
                    }
                }
            }
            Action::ToggleArchived => self.show_archived = !self.show_archived,
            _ => {}
        }
    }

    // ----- popups ---------------------------------------------------------

    fn open_text(&mut self, purpose: TextPurpose, text: String) {
        let max = match &purpose {
            TextPurpose::AddWin | TextPurpose::EditWin(_) => validate::WIN.max,
            TextPurpose::Intention => validate::INTENTION.max,
            TextPurpose::Answer(_) | TextPurpose::WeeklyAnswer(_) => validate::ANSWER.max,
            TextPurpose::Amount { .. } => NUMBER_BOX_LEN,
        };
        let (title, multiline) = match &purpose {
            TextPurpose::AddWin => ("A small win — what happened?".to_string(), false),
            TextPurpose::EditWin(_) => ("Edit this win".to_string(), false),
            TextPurpose::Intention => (
                self.journal
                    .config()
                    .prompts
                    .morning("intention")
                    .to_string(),
                false,
            ),
            TextPurpose::Answer(key) | TextPurpose::WeeklyAnswer(key) => (
                self.journal
                    .config()
                    .prompts
                    .text(key)
                    .unwrap_or(key)
                    .to_string(),
                true,
            ),
            TextPurpose::Amount { .. } => (String::new(), false),
        };
        let mut input = TextArea::new(text.lines().map(String::from).collect());
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        self.popup = Some(Popup::Text(Box::new(TextInput {
            title,
            purpose,
            input,
            multiline,
            error: None,
            max,
        })));
    }

    fn open_amount(&mut self, item: &domain::DayItem, status: Option<Status>) {
        let unit = item.promise.unit.clone().unwrap_or_default();
        let current = item
            .check
            .as_ref()
            .and_then(|c| c.amount)
            .map(domain::model::format_amount)
            .unwrap_or_default();
        self.open_text(
            TextPurpose::Amount {
                promise_id: item.promise.id.clone(),
                status,
            },
            current,
        );
        if let Some(Popup::Text(t)) = &mut self.popup {
            let target = item
                .target
                .map(domain::model::format_amount)
                .unwrap_or_default();
            t.title = format!("How many {unit}? (target {target})");
        }
    }

    fn open_rating(&mut self, purpose: RatingPurpose, value: Option<u8>) {
        let title = match purpose {
            RatingPurpose::CheckinConfidence => self
                .journal
                .config()
                .prompts
                .morning("confidence")
                .to_string(),
            RatingPurpose::Mood => "Mood today, 0–10".into(),
            RatingPurpose::ReflectConfidence => "Confidence in yourself tonight, 0–10".into(),
        };
        self.popup = Some(Popup::Rating(Rating {
            title,
            purpose,
            value: value.unwrap_or(5),
            error: None,
        }));
    }

    fn open_promise_form(&mut self, promise: Option<&Promise>) {
        let field = |label, max, hint: &str, value: Option<String>| {
            let mut input = TextArea::new(vec![value.unwrap_or_default()]);
            input.move_cursor(ratatui_textarea::CursorMove::End);
            FormField {
                label,
                hint: String::from(hint),
                input,
                max,
            }
        };
        let schedule = promise.map(|p| match &p.schedule {
            Schedule::Daily => "daily".to_string(),
            Schedule::Weekdays { .. } => p.schedule.to_string(),
            Schedule::TimesPerWeek { times } => format!("{times}/week"),
        });
        let target = promise.and_then(|p| p.target_label(self.today));
        let fields = vec![
            field(
                "Promise",
                validate::PROMISE.max,
                "tiny enough for a bad day, e.g. stretch for ten seconds",
                promise.map(|p| p.text.clone()),
            ),
            field(
                "Cue",
                validate::CUE.max,
                "when or after what, e.g. after my morning coffee",
                promise.and_then(|p| p.cue.clone()),
            ),
            field(
                "Smaller version",
                validate::SMALLER.max,
                "for hard days, e.g. touch my toes once",
                promise.and_then(|p| p.smaller.clone()),
            ),
            field(
                "Area",
                validate::AREA.max,
                "optional: health, work, social, creative…",
                promise.and_then(|p| p.area.clone()),
            ),
            field(
                "Schedule",
                SCHEDULE_BOX_LEN,
                "daily · mon,wed,fri · 3/week",
                schedule.or(Some("daily".into())),
            ),
            field(
                "Target",
                NUMBER_BOX_LEN + 1 + validate::UNIT.max,
                "optional amount and unit, e.g. 10 minutes",
                target,
            ),
        ];
        let (title, purpose) = match promise {
            Some(p) => (
                "Edit promise".to_string(),
                FormPurpose::EditPromise(p.id.clone()),
            ),
            None => ("A new tiny promise".to_string(), FormPurpose::AddPromise),
        };
        self.popup = Some(Popup::Form(Box::new(Form {
            title,
            purpose,
            fields,
            focus: 0,
            error: None,
            note: None,
        })));
    }

    fn open_miss_form(&mut self, item: &domain::DayItem) {
        let prompts = &self.journal.config().prompts;
        let text = |key: &str| prompts.text(key).unwrap_or("").to_string();
        let check = item.check.as_ref();
        let field = |label, max, value: Option<String>| {
            let mut input = TextArea::new(vec![value.unwrap_or_default()]);
            input.move_cursor(ratatui_textarea::CursorMove::End);
            FormField {
                label,
                hint: String::new(),
                input,
                max,
            }
        };
        let note = item
            .promise
            .smaller
            .as_ref()
            .map(|s| format!("Smaller version for next time: {s}"));
        let mut fields = vec![
            field(
                "Note",
                validate::NOTE.max,
                check.and_then(|c| c.note.clone()),
            ),
            field(
                "Lesson",
                validate::LESSON.max,
                check.and_then(|c| c.lesson.clone()),
            ),
        ];
        fields[0].hint = text("note");
        fields[1].hint = text("lesson");
        self.popup = Some(Popup::Form(Box::new(Form {
            title: format!("Missed: {}", item.promise.text),
            purpose: FormPurpose::Miss {
                promise_id: item.promise.id.clone(),
            },
            fields,
            focus: 0,
            error: None,
            note,
        })));
    }

    fn popup_key(&mut self, key: &KeyEvent) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        self.popup = match popup {
            Popup::Help { scroll } => {
                match keymap::action_for(key, Context::Popup(PopupKind::Help)) {
                    Some(Action::ScrollDown) => Some(Popup::Help {
                        scroll: scroll.saturating_add(1),
                    }),
                    Some(Action::ScrollUp) => Some(Popup::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    Some(Action::Quit) => {
                        self.quit = true;
                        None
                    }
                    // Esc, and any other key, closes help.
                    _ => None,
                }
            }
            Popup::Text(t) => self.text_key(t, key),
            Popup::Form(f) => self.form_key(f, key),
            Popup::Rating(r) => self.rating_key(r, key),
        };
    }

    fn text_key(&mut self, mut t: Box<TextInput>, key: &KeyEvent) -> Option<Popup> {
        match keymap::action_for(key, Context::Popup(PopupKind::Text)) {
            Some(Action::Cancel) => {
                self.message = Some("Nothing saved.".into());
                None
            }
            Some(Action::NewLine) => {
                if t.multiline {
                    match full(&t.input, t.max) {
                        Some(e) => t.error = Some(e),
                        None => t.input.insert_newline(),
                    }
                }
                Some(Popup::Text(t))
            }
            Some(Action::Save) => {
                let text = t.input.lines().join("\n");
                match self.save_text(&t.purpose, &text) {
                    Ok(message) => {
                        self.message = Some(message);
                        None
                    }
                    Err(e) => {
                        t.error = Some(e.to_string());
                        Some(Popup::Text(t))
                    }
                }
            }
            _ => {
                t.error = type_into(&mut t.input, key, t.max);
                Some(Popup::Text(t))
            }
        }
    }

    fn save_text(&mut self, purpose: &TextPurpose, text: &str) -> domain::Result<String> {
        let day = self.day;
        match purpose {
            TextPurpose::AddWin => {
                self.journal.add_win(day, text, None)?;
                self.pane = Pane::Wins;
                self.win_sel = self.data.day.wins.len();
                Ok("Win saved. Every one is evidence.".into())
            }
            TextPurpose::EditWin(win) => {
                self.journal.edit_win(win, text)?;
                Ok("Win updated.".into())
            }
            TextPurpose::Intention => {
                self.journal.check_in(day, Some(text), None)?;
                Ok("Intention saved.".into())
            }
            TextPurpose::Answer(key) => {
                let answers = BTreeMap::from([(key.clone(), text.to_string())]);
                self.journal.reflect(day, &answers, None, None)?;
                Ok("Answer saved.".into())
            }
            TextPurpose::WeeklyAnswer(key) => {
                self.journal.answer_weekly(self.review_week, key, text)?;
                Ok("Saved in this week's review.".into())
            }
            TextPurpose::Amount { promise_id, status } => {
                let amount: f64 = text.trim().replace(',', ".").parse().map_err(|_| {
                    domain::Error::Input(format!(
                        "\"{}\" is not a number; type an amount like 10 or 2.5.",
                        text.trim()
                    ))
                })?;
                let target = self
                    .data
                    .day
                    .items
                    .iter()
                    .find(|i| &i.promise.id == promise_id)
                    .and_then(|i| i.target);
                let status = status.unwrap_or_else(|| status_for_amount(amount, target));
                let mark = Mark {
                    amount: Some(amount),
                    ..Mark::default()
                };
                self.journal.mark(promise_id, day, status, mark)?;
                Ok(format!("Recorded as {}.", status.label()))
            }
        }
    }

    fn form_key(&mut self, mut f: Box<Form>, key: &KeyEvent) -> Option<Popup> {
        let n = f.fields.len();
        match keymap::action_for(key, Context::Popup(PopupKind::Form)) {
            Some(Action::Cancel) => {
                self.message = Some("Nothing saved.".into());
                return None;
            }
            Some(Action::NextField) => f.focus = (f.focus + 1) % n,
            Some(Action::PrevField) => f.focus = (f.focus + n - 1) % n,
            Some(Action::Save) => {
                let values: Vec<String> = f
                    .fields
                    .iter()
                    .map(|field| field.input.lines().join(" "))
                    .collect();
                match self.save_form(&f.purpose, &values) {
                    Ok(message) => {
                        self.message = Some(message);
                        return None;
                    }
                    Err(e) => f.error = Some(e.to_string()),
                }
            }
            _ => {
                if let Some(field) = f.fields.get_mut(f.focus) {
                    f.error = type_into(&mut field.input, key, field.max);
                }
            }
        }
        Some(Popup::Form(f))
    }

    fn save_form(&mut self, purpose: &FormPurpose, values: &[String]) -> domain::Result<String> {
        let get = |i: usize| values.get(i).cloned().unwrap_or_default();
        match purpose {
            FormPurpose::Miss { promise_id } => {
                let mark = Mark {
                    amount: None,
                    note: Some(get(0)),
                    lesson: Some(get(1)),
                };
                self.journal
                    .mark(promise_id, self.day, Status::Missed, mark)?;
                let smaller = self
                    .data
                    .promises
                    .iter()
                    .find(|p| &p.id == promise_id)
                    .and_then(|p| p.smaller.clone());
                Ok(match smaller {
                    Some(s) => format!("Noted. Next time, the smaller version still counts: {s}."),
                    None => "Noted. A miss is information, nothing more.".into(),
                })
            }
            FormPurpose::AddPromise | FormPurpose::EditPromise(_) => {
                let schedule = parse_schedule(&get(4))?;
                let (target, unit) = parse_target(&get(5))?;
                match purpose {
                    FormPurpose::EditPromise(id) => {
                        let edit = PromiseEdit {
                            text: Some(get(0)),
                            cue: Some(get(1)),
                            smaller: Some(get(2)),
                            area: Some(get(3)),
                            schedule: Some(schedule),
                            target,
                            unit: Some(unit.unwrap_or_default()),
                        };
                        self.journal.edit_promise(id, edit)?;
                        Ok("Promise updated; past days keep the target they had.".into())
                    }
                    _ => {
                        let new = NewPromise {
                            text: get(0),
                            cue: Some(get(1)),
                            smaller: Some(get(2)),
                            area: Some(get(3)),
                            schedule: Some(schedule),
                            target,
                            unit,
                        };
                        let p = self.journal.add_promise(new)?;
                        Ok(format!("Added “{}”. Small is the point.", p.text))
                    }
                }
            }
        }
    }

    fn rating_key(&mut self, mut r: Rating, key: &KeyEvent) -> Option<Popup> {
        match keymap::action_for(key, Context::Popup(PopupKind::Rating)) {
            Some(Action::Cancel) => {
                self.message = Some("Nothing saved.".into());
                return None;
            }
            Some(Action::RateDigit) => {
                if let KeyCode::Char(c) = key.code
                    && let Some(digit) = c.to_digit(10)
                {
                    let digit = digit as u8;
                    r.value = if r.value == 1 && digit == 0 {
                        10
                    } else {
                        digit
                    };
                }
            }
            Some(Action::RateMore) => r.value = (r.value + 1).min(10),
            Some(Action::RateLess) => r.value = r.value.saturating_sub(1),
            Some(Action::Save) => {
                let day = self.day;
                let v = Some(r.value);
                let result = match r.purpose {
                    RatingPurpose::CheckinConfidence => {
                        self.journal.check_in(day, None, v).map(|_| ())
                    }
                    RatingPurpose::Mood => self
                        .journal
                        .reflect(day, &BTreeMap::new(), v, None)
                        .map(|_| ()),
                    RatingPurpose::ReflectConfidence => self
                        .journal
                        .reflect(day, &BTreeMap::new(), None, v)
                        .map(|_| ()),
                };
                match result {
                    Ok(()) => {
                        self.message = Some(format!("Saved {}/10.", r.value));
                        return None;
                    }
                    Err(e) => r.error = Some(e.to_string()),
                }
            }
            _ => {}
        }
        Some(Popup::Rating(r))
    }
}

/// The amount box, and the number part of the target field (which also
/// holds a space and a unit): digits to spare.
const NUMBER_BOX_LEN: usize = 20;
/// The schedule field: room for every weekday written out in full.
const SCHEDULE_BOX_LEN: usize = 100;

/// Characters in a text box, a line break counting as one, as the journal
/// counts them.
fn box_len(input: &TextArea<'_>) -> usize {
    let lines = input.lines();
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
}

/// The sentence for a box that holds no more, if it is full.
fn full(input: &TextArea<'_>, max: usize) -> Option<String> {
    (box_len(input) >= max).then(|| {
        format!(
            "This box is full: it holds up to {} characters.",
            validate::grouped(max)
        )
    })
}

/// A key typed into a box: a character goes in only while there is room
/// and never a control character; editing keys always work. Returns the
/// sentence to show, if any.
fn type_into(input: &mut TextArea<'_>, key: &KeyEvent, max: usize) -> Option<String> {
    if let KeyCode::Char(c) = key.code
        && crate::text::is_unsafe_control(c)
    {
        return None;
    }
    let typing = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if typing
        && matches!(key.code, KeyCode::Char(_) | KeyCode::Tab)
        && let Some(sentence) = full(input, max)
    {
        return Some(sentence);
    }
    input.input(*key);
    None
}

/// A paste, cleaned of control characters (on one line unless `multiline`),
/// goes in whole if it fits; otherwise nothing goes in and a sentence says
/// why. A 1 MB paste costs one pass over it and never reaches the box.
fn paste_into(input: &mut TextArea<'_>, text: &str, multiline: bool, max: usize) -> Option<String> {
    let cleaned = crate::text::clean_controls(text);
    let text = if multiline {
        cleaned.into_owned()
    } else {
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let len = text.chars().count();
    let room = max.saturating_sub(box_len(input));
    if len > room {
        return Some(format!(
            "That paste is {} characters long and this box holds {}, so nothing was pasted; shorten it and paste again.",
            validate::grouped(len),
            validate::grouped(max)
        ));
    }
    input.insert_str(text);
    None
}

fn step(sel: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (sel + 1).min(len - 1)
    } else {
        sel.saturating_sub(1)
    }
}

/// `daily`, `mon,wed,fri` or `3/week` (also `3x`, `3 times`).
pub fn parse_schedule(text: &str) -> domain::Result<Schedule> {
    let t = text.trim().to_lowercase();
    if t.is_empty() || t == "daily" || t == "every day" {
        return Ok(Schedule::Daily);
    }
    let number: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !number.is_empty() {
        // 300 does not fit a u8; it is as far outside 1–7 as 8 is.
        let Ok(times) = number.parse::<u8>() else {
            return Err(domain::Error::Input(format!(
                "{number} times a week is outside 1–7; choose a number from 1 to 7."
            )));
        };
        let s = Schedule::TimesPerWeek { times };
        s.validate().map_err(domain::Error::Input)?;
        return Ok(s);
    }
    Schedule::parse_days(&t).map_err(|_| {
        domain::Error::Input(format!(
            "\"{}\" is not a schedule; write daily, days like mon,wed,fri, or 3/week.",
            text.trim()
        ))
    })
}

/// `10 minutes` → (10, minutes); empty → no target.
pub fn parse_target(text: &str) -> domain::Result<(Option<f64>, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let amount: Option<f64> = num.replace(',', ".").parse().ok();
    let unit = unit.trim();
    match amount {
        Some(a) if !unit.is_empty() => Ok((Some(a), Some(unit.to_string()))),
        _ => Err(domain::Error::Input(format!(
            "\"{t}\" is not a target; write an amount and a unit, like 10 minutes, or leave it empty."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_parse_from_the_form() {
        assert_eq!(parse_schedule("").ok(), Some(Schedule::Daily));
        assert_eq!(parse_schedule("Daily").ok(), Some(Schedule::Daily));
        assert_eq!(
            parse_schedule("3/week").ok(),
            Some(Schedule::TimesPerWeek { times: 3 })
        );
        assert_eq!(
            parse_schedule("mon, fri").ok(),
            Some(Schedule::Weekdays { days: vec![0, 4] })
        );
        assert!(parse_schedule("9/week").is_err());
        assert!(parse_schedule("sometimes").is_err());
    }

    #[test]
    fn targets_parse_from_the_form() {
        assert_eq!(parse_target("").ok(), Some((None, None)));
        assert_eq!(
            parse_target("10 minutes").ok(),
            Some((Some(10.0), Some("minutes".into())))
        );
        assert_eq!(
            parse_target("2,5km").ok(),
            Some((Some(2.5), Some("km".into())))
        );
        assert!(parse_target("minutes").is_err());
        assert!(parse_target("10").is_err());
    }
}
