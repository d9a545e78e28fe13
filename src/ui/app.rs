//! The app: owns the journal, the current screen, the open popup, the
//! message line and the quit flag, and routes each key to the right place.
//! A key goes through the key table to the popup if one is open, else to
//! the current screen's `update`; what a popup submits goes to the screen
//! that owns its purpose. After every key, and on the clock's tick, the
//! screen in view reloads what changed.
//!
//! Uses the screens, the popups and the key table; drawing lives in
//! `frame.rs`, and nothing below imports this module.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::Screen;
use super::keymap::{self, Action, Context};
use super::screens::popup::form::FormPurpose;
use super::screens::popup::promise_form::{save_promise, save_promise_deciding};
use super::screens::popup::text::TextPurpose;
use super::screens::popup::{Reply, Submission};
use super::screens::{Outcome, Screens, Version};
use super::theme::Theme;
use crate::domain::{self, Journal};

pub use super::screens::popup::Popup;
pub use super::screens::popup::promise_form::parse_schedule;

pub struct App {
    pub journal: Journal,
    pub theme: Theme,
    /// The screen in view.
    pub screen: Screen,
    /// The state of every screen.
    pub screens: Screens,
    /// The journal's day when last looked.
    pub today: NaiveDate,
    pub popup: Option<Popup>,
    /// What the last action has to say, in the footer.
    pub message: Option<String>,
    pub quit: bool,
    /// Other processes' writes, when last looked.
    data_version: i64,
}

impl App {
    pub fn new(journal: Journal, theme: Theme) -> domain::Result<App> {
        let data_version = journal.data_version()?;
        let mut app = App {
            today: journal.today(),
            screens: Screens::new(&journal),
            journal,
            theme,
            screen: Screen::Today,
            popup: None,
            message: None,
            quit: false,
            data_version,
        };
        app.reload()?;
        Ok(app)
    }

    /// Shows `screen` with `day` in focus (today at most).
    pub fn focus(&mut self, screen: Screen, day: NaiveDate) -> domain::Result<()> {
        let day = day.min(self.today);
        self.screen = screen;
        self.screens.today.day = day;
        self.screens.calendar.cursor = day;
        self.screens.review.week = self.journal.week_start(day);
        self.reload()?;
        Ok(())
    }

    /// Reloads what the screen in view draws, if anything it depends on
    /// changed. Returns whether anything was read.
    pub fn reload(&mut self) -> domain::Result<bool> {
        let version = Version {
            own: self.journal.generation(),
            others: self.data_version,
            today: self.today,
        };
        let (j, s) = (&self.journal, &mut self.screens);
        match self.screen {
            Screen::Today => s.today.load(j, version),
            Screen::Calendar => s.calendar.load(j, version),
            Screen::Review => s.review.load(j, version),
            Screen::Promises => s.promises.load(j, version),
        }
    }

    /// Called about once a second: moves to the new day after the day
    /// boundary, turns morning to evening, and notices writes from other
    /// processes. Returns whether the screen needs drawing.
    pub fn tick(&mut self) -> domain::Result<bool> {
        let mut changed = false;
        let today = self.journal.today();
        if today != self.today {
            let s = &mut self.screens;
            if s.calendar.cursor == self.today {
                s.calendar.cursor = today;
            }
            if s.review.week == self.journal.week_start(self.today) {
                s.review.week = self.journal.week_start(today);
            }
            s.today.new_day(self.today, today);
            self.today = today;
            changed = true;
        }
        changed |= self.screens.today.follow_clock(&self.journal);
        let version = self.journal.data_version()?;
        if version != self.data_version {
            self.data_version = version;
            changed = true;
        }
        Ok(self.reload()? || changed)
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

    fn handle_key(&mut self, key: &KeyEvent) {
        self.message = None;
        if self.popup.is_some() {
            self.popup_key(key);
        } else if let Some(action) = keymap::action_for(key, Context::Screen(self.screen)) {
            self.perform(action);
        }
        if let Err(e) = self.reload() {
            self.message = Some(e.to_string());
        }
    }

    fn handle_paste(&mut self, text: &str) {
        let pasted = self.popup.as_mut().is_some_and(|p| p.paste(text));
        if !pasted {
            let w = keymap::key(Screen::Today, Action::AddWin);
            self.message = Some(format!("Press {w} to add a win, then paste into it."));
        }
    }

    /// Runs an action from the key table on the screen in view.
    pub fn perform(&mut self, action: Action) {
        let (j, today) = (&mut self.journal, self.today);
        let outcome = match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Help => Outcome::open(Popup::help()),
            Action::Go(screen) => {
                self.go(screen);
                return;
            }
            Action::Undo => match j.undo() {
                Ok(Some(label)) => Outcome::say(format!("Undone: {label}.")),
                Ok(None) => Outcome::say("Nothing to undo in this session."),
                Err(e) => Outcome::say(e.to_string()),
            },
            _ => match self.screen {
                Screen::Today => self.screens.today.update(action, j, today),
                Screen::Calendar => self.screens.calendar.update(action, today),
                Screen::Review => self.screens.review.update(action, j, today),
                Screen::Promises => self.screens.promises.update(action, j, today),
            },
        };
        self.apply(outcome);
    }

    fn apply(&mut self, outcome: Outcome) {
        if let Some(message) = outcome.message {
            self.message = Some(message);
        }
        if let Some(popup) = outcome.popup {
            self.popup = Some(popup);
        }
        if let Some(day) = outcome.open_day {
            self.screens.today.open_day(day);
            self.screen = Screen::Today;
        }
    }

    /// Switches screens, carrying the day in focus along.
    fn go(&mut self, screen: Screen) {
        let s = &mut self.screens;
        if screen == Screen::Calendar && self.screen == Screen::Today {
            s.calendar.cursor = s.today.day;
        }
        if screen == Screen::Review && self.screen != Screen::Review {
            let from = if self.screen == Screen::Calendar {
                s.calendar.cursor
            } else {
                s.today.day
            };
            s.review.week = self.journal.week_start(from);
        }
        self.screen = screen;
    }

    fn popup_key(&mut self, key: &KeyEvent) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        match popup.key(key) {
            Reply::Stay => {}
            Reply::Close(message) => {
                self.popup = None;
                self.message = message;
            }
            Reply::Quit => {
                self.popup = None;
                self.quit = true;
            }
            Reply::Submit(submission) => match self.submit(submission) {
                Ok(message) => {
                    self.popup = None;
                    self.message = Some(message);
                }
                Err(e) => {
                    if let Some(popup) = self.popup.as_mut() {
                        popup.refused(e.to_string());
                    }
                }
            },
        }
    }

    /// Saves what a popup submitted, through the screen that owns it.
    fn submit(&mut self, submission: Submission) -> domain::Result<String> {
        let (j, s) = (&mut self.journal, &mut self.screens);
        match submission {
            Submission::Text(TextPurpose::WeeklyAnswer(key), text) => {
                s.review.save_answer(j, &key, &text)
            }
            Submission::Text(purpose, text) => s.today.save_text(j, &purpose, &text),
            Submission::Form(FormPurpose::AddPromise, values) => save_promise(j, None, &values),
            Submission::Form(FormPurpose::EditPromise(id), values) => {
                save_promise(j, Some(&id), &values)
            }
            Submission::Form(FormPurpose::Decide { suggestion, edit }, values) => {
                save_promise_deciding(j, edit.as_deref(), &values, &suggestion)
            }
            Submission::Form(
                FormPurpose::Miss {
                    promise_id,
                    smaller,
                },
                values,
            ) => s
                .today
                .save_miss(j, &promise_id, smaller.as_deref(), &values),
            Submission::Rating(purpose, value) => s.today.save_rating(j, purpose, value),
        }
    }
}
