//! The app: owns the journal, the current screen, the open popup, the
//! message line, the keys in force and the quit flag, and routes each key
//! to the right place. A key goes through the key table to the popup if one
//! is open, else to the current screen's `update`; what a popup submits
//! goes to the screen that owns its purpose; the mouse goes to `mouse.rs`.
//! After every key, and on the clock's tick, the screen in view reloads what
//! changed.
//!
//! Uses the screens, the popups, the key table and the mouse's record of
//! the last frame; drawing lives in `frame.rs`, and nothing below imports
//! this module. A message copied from the share preview waits in
//! [`App::clipboard`] for the event loop to write. A journal that syncs
//! has its [`Syncer`] (`sync.rs`) here: the event loop polls it, and
//! another machine's changes reload the screens as a write from another
//! window does.

use std::time::Instant;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::Screen;
use super::hits::Hits;
use super::keymap::{self, Action, Context, Keymap, PopupKind};
use super::mouse;
use super::screens::marking::save_miss;
use super::screens::popup::form::FormPurpose;
use super::screens::popup::promise_form::{save_promise, save_promise_deciding};
use super::screens::popup::share::{self, ShareRequest};
use super::screens::popup::text::TextPurpose;
use super::screens::popup::{Reply, Submission};
use super::screens::search::{SearchReply, SearchState};
use super::screens::{Cx, Outcome, Screens, Version};
use super::sync::{Mark, Syncer, Wake};
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
    /// Search (`/`), over the screen while it is open.
    pub search: Option<SearchState>,
    /// What the last action has to say, in the footer.
    pub message: Option<String>,
    pub quit: bool,
    /// The keys in force: the table with the config's `[keys]` applied.
    pub keys: Keymap,
    /// Whether the mouse is answered (`mouse = false` leaves it to the
    /// terminal).
    pub mouse: bool,
    /// Where the last frame drew what, for the mouse.
    pub hits: Hits,
    /// A sequence for the terminal to put on the clipboard, waiting to be
    /// written (by the event loop, through the app's own output).
    pub clipboard: Option<String>,
    /// Syncing in the background, for a journal that syncs (started
    /// after the first frame).
    pub sync: Option<Syncer>,
    /// A sync problem not said yet, waiting for the message line to be
    /// free.
    sync_note: Option<String>,
    /// Other processes' writes, when last looked.
    data_version: i64,
    /// A throwaway demo journal (`smallwins --demo`): the title bar says
    /// "demo", and the first write says once that nothing is kept.
    demo: Option<Demo>,
}

/// What the demo has told so far: the journal's own writes when it
/// opened, until the first write has been told.
#[derive(Debug, Clone, Copy)]
struct Demo {
    opened_at: u64,
    told: bool,
}

/// Said once, on the demo's first write.
pub const DEMO_NOTE: &str = "This is the demo: nothing you write is kept after you quit.";

impl App {
    /// The app on `journal`, with the keys and mouse setting of the
    /// journal's config. If the config's keys have problems (two actions
    /// sharing a key), the message line says so.
    pub fn new(journal: Journal, theme: Theme) -> domain::Result<App> {
        let data_version = journal.data_version()?;
        let tui = &journal.config().tui;
        let keys = Keymap::new(&tui.keys, theme.glyphs.ascii());
        let mouse = tui.mouse;
        let mut app = App {
            today: journal.today(),
            screens: Screens::new(&journal),
            journal,
            theme,
            screen: Screen::Today,
            popup: None,
            search: None,
            message: None,
            quit: false,
            keys,
            mouse,
            hits: Hits::default(),
            clipboard: None,
            sync: None,
            sync_note: None,
            data_version,
            demo: None,
        };
        app.reload()?;
        app.say_all(app.keys.problems.clone());
        Ok(app)
    }

    /// Marks this as the throwaway demo (`smallwins --demo`).
    pub fn set_demo(&mut self) {
        self.demo = Some(Demo {
            opened_at: self.journal.generation(),
            told: false,
        });
    }

    /// Whether this is the throwaway demo.
    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// On the demo's first write, says once that nothing is kept, after
    /// what the write itself said.
    fn tell_demo(&mut self) {
        let generation = self.journal.generation();
        let Some(demo) = self.demo.as_mut().filter(|d| !d.told) else {
            return;
        };
        if generation == demo.opened_at {
            return;
        }
        demo.told = true;
        self.message = Some(match self.message.take() {
            Some(said) => format!("{said} {DEMO_NOTE}"),
            None => DEMO_NOTE.to_string(),
        });
    }

    /// Puts `notes` (warnings about the config) in the message line: the
    /// first in full, and how many more there are (`smallwins config check`
    /// lists them all).
    pub fn say_all(&mut self, notes: Vec<String>) {
        let count = notes.len();
        if let Some(first) = notes.into_iter().next() {
            self.message = Some(match count {
                1 => first,
                n => format!("{first} ({} more: run `smallwins config check`.)", n - 1),
            });
        }
    }

    /// Starts syncing in the background, if the journal syncs: a first
    /// sync now, then after changes and when the folder changes. `wake`
    /// wakes the event loop when a sync ends.
    pub fn start_sync(&mut self, wake: Wake) {
        if self.sync.is_none() && self.demo.is_none() {
            self.sync = Syncer::start(&self.journal, wake);
        }
    }

    /// What the title bar shows about sync; `None` for a journal without.
    pub fn sync_mark(&self) -> Option<&Mark> {
        self.sync.as_ref().map(|s| &s.mark)
    }

    /// Looks at background sync as of `now`: a change of the person's
    /// starts its debounce, a finished sync changes the mark, and another
    /// machine's changes reload what the screens show (each keeps its
    /// selection). A problem is said once in the message line, when it is
    /// free. Returns whether the screen needs drawing.
    pub fn poll_sync(&mut self, now: Instant) -> bool {
        let Some(sync) = self.sync.as_mut() else {
            return false;
        };
        let polled = sync.poll(self.journal.generation(), now, self.journal.now());
        let mut redraw = polled.redraw;
        if let Some(why) = polled.say {
            self.sync_note = Some(why);
        }
        if self.message.is_none()
            && let Some(note) = self.sync_note.take()
        {
            self.message = Some(note);
            redraw = true;
        }
        if polled.arrived {
            match self.journal.data_version() {
                Ok(version) => self.data_version = version,
                Err(e) => self.message = Some(e.to_string()),
            }
            if let Err(e) = self.reload() {
                self.message = Some(e.to_string());
            }
            redraw = true;
        }
        redraw
    }

    /// On quitting: a change not synced yet gets its sync (waiting a
    /// few seconds at most).
    pub fn finish_sync(&mut self) {
        if let Some(sync) = self.sync.take() {
            sync.finish(super::sync::LAST_SYNC_WAIT);
        }
    }

    /// Shows `screen` with `day` in focus (today at most).
    pub fn focus(&mut self, screen: Screen, day: NaiveDate) -> domain::Result<()> {
        let day = day.min(self.today);
        self.screen = screen;
        self.screens.today.day = day;
        self.screens.calendar.cursor = day;
        self.screens.review.week = self.journal.week_start(day);
        self.screens.promises.focus(day, self.today);
        self.reload()?;
        Ok(())
    }

    /// Opens the page of the promise `id` (as Enter on its row does).
    pub fn open_promise(&mut self, id: &str) {
        self.apply(Outcome::open_promise(id.to_string()));
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
        let searched = match self.search.as_mut() {
            Some(search) => search.load(j)?,
            None => false,
        };
        let screen = s.current_mut(self.screen).load(j, version)?;
        Ok(screen || searched)
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
            s.promises.new_day(self.today, today);
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
            Event::Mouse(m) if self.mouse => mouse::handle(self, m),
            _ => false,
        }
    }

    /// After any input: the screen in view reloads what changed.
    pub(super) fn after_input(&mut self) {
        self.tell_demo();
        if let Err(e) = self.reload() {
            self.message = Some(e.to_string());
        }
    }

    fn handle_key(&mut self, key: &KeyEvent) {
        self.message = None;
        if keymap::is_ctrl_c(key) {
            // Always, whatever the config says and whatever is open.
            self.quit = true;
        } else if self.search.is_some() {
            self.search_key(key);
        } else if self.popup.is_some() {
            self.popup_key(key);
        } else if let Some(action) = self.keys.action_for(key, Context::Screen(self.screen)) {
            self.perform(action);
        } else {
            self.message = self.nothing_here(key);
        }
        self.after_input();
    }

    /// "z does nothing here · ? help": what the footer says after a key
    /// that nothing on this screen answers, instead of staying silent.
    fn nothing_here(&self, key: &KeyEvent) -> Option<String> {
        let pressed = self.keys.event_label(key)?;
        // The key for the screen in view, as the other screens have it.
        let here = Action::Go(self.screen.tab());
        let elsewhere = Screen::ALL
            .iter()
            .any(|s| self.keys.action_for(key, Context::Screen(*s)) == Some(here));
        if elsewhere {
            return Some(format!("Already on {}.", self.screen.tab().title()));
        }
        let help = self
            .keys
            .label_of(Context::Screen(self.screen), Action::Help);
        Some(if help.is_empty() {
            format!("{pressed} does nothing here.")
        } else {
            format!("{pressed} does nothing here · {help} help")
        })
    }

    /// "z does nothing here · Esc closes": the same, in a popup (whose
    /// way out takes the place of help).
    fn nothing_in_popup(&self, key: &KeyEvent, kind: PopupKind) -> Option<String> {
        let pressed = self.keys.event_label(key)?;
        let here = Context::Popup(kind);
        let out = [Action::Cancel, Action::Close]
            .into_iter()
            .map(|a| self.keys.label_of(here, a))
            .find(|label| !label.is_empty());
        Some(match out {
            Some(out) => format!("{pressed} does nothing here · {out} closes"),
            None => format!("{pressed} does nothing here."),
        })
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(search) = self.search.as_mut() {
            search.paste(text);
            return;
        }
        let pasted = self.popup.as_mut().is_some_and(|p| p.paste(text));
        if !pasted {
            let w = self.keys.key(Screen::Today, Action::AddWin);
            self.message = Some(format!("Press {w} to add a win, then paste into it."));
        }
    }

    /// Runs an action from the key table on the screen in view.
    pub fn perform(&mut self, action: Action) {
        let sync = self.sync_mark().map(Mark::sentence);
        let (j, today) = (&mut self.journal, self.today);
        let outcome = match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Help => Outcome::open(Popup::help(sync)),
            Action::Search => {
                self.search = Some(SearchState::new());
                return;
            }
            Action::Go(screen) => {
                self.go(screen);
                return;
            }
            Action::Undo => match j.undo() {
                Ok(Some(undone)) => Outcome::say(undone.message()),
                Ok(None) => Outcome::say("Nothing to undo in this session."),
                Err(e) => Outcome::say(e.to_string()),
            },
            _ => {
                let cx = Cx {
                    j,
                    today,
                    keys: &self.keys,
                };
                self.screens.current_mut(self.screen).update(action, cx)
            }
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
        if let Some(id) = outcome.open_promise {
            self.screens.page.open(id);
            self.screen = Screen::Promise;
        }
        if let Some(screen) = outcome.go {
            self.go(screen);
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

    /// A key in search: Enter opens the result's day on Today (a weekly
    /// answer's week on Review), as the calendar does.
    fn search_key(&mut self, key: &KeyEvent) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        match search.key(key, &self.keys) {
            SearchReply::Stay => {}
            SearchReply::Close => self.search = None,
            SearchReply::Open(place) => {
                self.search = None;
                let result = if place.weekly {
                    self.focus(Screen::Review, place.day)
                } else {
                    self.apply(Outcome::open_day(place.day.min(self.today)));
                    Ok(())
                };
                if let Err(e) = result {
                    self.message = Some(e.to_string());
                }
            }
        }
    }

    fn popup_key(&mut self, key: &KeyEvent) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        let kind = popup.kind();
        match popup.key(key, &self.keys) {
            Reply::Stay => {}
            Reply::Ignored => self.message = self.nothing_in_popup(key, kind),
            Reply::Close(message) => {
                self.popup = None;
                self.message = message;
            }
            Reply::Submit(submission) => match self.submit(submission) {
                Ok(message) => {
                    let stays = self.popup.as_mut().is_some_and(|p| p.saved(&message));
                    if !stays {
                        self.popup = None;
                        self.message = Some(message);
                    }
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
        let screen = self.screen;
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
                    day,
                    smaller,
                },
                values,
            ) => {
                let at = (&self.keys, screen);
                save_miss(j, &promise_id, day, smaller.as_deref(), &values, at)
            }
            Submission::Rating(purpose, value) => s.today.save_rating(j, purpose, value),
            Submission::Share(ShareRequest::Copy { about, text }) => {
                self.clipboard = Some(crate::clipboard::osc52(&text));
                Ok(share::copied(&about))
            }
            Submission::Share(ShareRequest::Save { path, text }) => {
                share::save(&path, &text).map_err(domain::Error::Input)
            }
        }
    }
}
