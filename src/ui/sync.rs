//! Syncing while the full-screen journal is open: once after the first
//! frame, [`DEBOUNCE`] after the last change the person made, and when
//! another machine's files appear or change in the sync folder.
//!
//! Each sync runs on a thread of its own, on a second connection to the
//! journal ([`Journal::reopen`]: the same file and key, through the store's
//! one way in), so a key press never waits for it. The thread hands each
//! outcome back on a channel and wakes the event loop; the app then shows
//! it in the title bar ([`Mark`]) and, when another machine's changes came
//! in, reloads what the screens show.
//!
//! The folder is watched with `notify` (events settled for
//! [`SETTLE`]); this machine's own folder and temporary names are passed
//! over. Where watching cannot start (a folder not there, too many
//! watches), and as a safety net where events never come (a network
//! folder), the thread looks at the folder's listing every [`LOOK_EVERY`]
//! and syncs when it changed. A sync needs no passphrase: the key made
//! from it is kept in the journal, so nothing here ever asks.
//!
//! Uses the domain's sync calls; nothing below imports this module.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::domain::sync::Report;
use crate::domain::{Journal, Reopen};

/// How long after the last change a sync starts.
pub const DEBOUNCE: Duration = Duration::from_secs(2);
/// How long the folder must be quiet before its events count (a sync
/// tool writes a file in pieces).
pub const SETTLE: Duration = Duration::from_millis(500);
/// How often the thread looks at the folder's listing, watched or not.
pub const LOOK_EVERY: Duration = Duration::from_secs(20);
/// How long quitting waits for a last sync of changes not yet sent.
pub const LAST_SYNC_WAIT: Duration = Duration::from_secs(3);

/// Wakes the event loop (a no-op in tests, which poll).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// What the title bar shows about sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Syncing,
    /// The last sync went through, at this local time.
    Synced(NaiveDateTime),
    /// The last sync could not happen: one sentence why.
    Problem(String),
}

impl Mark {
    /// The word in the title bar.
    pub fn word(&self) -> &'static str {
        match self {
            Mark::Syncing => "syncing",
            Mark::Synced(_) => "synced",
            Mark::Problem(_) => "sync waits",
        }
    }

    /// One sentence for help: when it last synced, or why it waits.
    pub fn sentence(&self) -> String {
        match self {
            Mark::Syncing => "Syncing now.".into(),
            Mark::Synced(at) => format!(
                "Synced at {}; it syncs again after each change and when the folder changes.",
                at.format("%H:%M")
            ),
            Mark::Problem(why) => why.clone(),
        }
    }
}

/// What the sync thread tells the app.
enum Told {
    /// A sync began (asked for, or the folder changed).
    Started,
    Done(Result<Report, String>),
}

/// What the sync thread is asked.
enum Asked {
    /// The app asks (the first sync, a change, quitting).
    Sync,
    /// The watcher saw another machine's files change.
    Folder,
    /// The app is gone.
    Stop,
}

type Watcher = Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>;

/// The app's side of background sync.
pub struct Syncer {
    asks: Sender<Asked>,
    told: Receiver<Told>,
    running: bool,
    /// A sync asked for while one ran: it runs next.
    again: bool,
    /// When the debounced sync is due.
    due: Option<Instant>,
    /// The journal's own changes when last looked.
    seen: u64,
    pub mark: Mark,
    /// The last problem said in the message line, so each is said once.
    said: Option<String>,
}

/// What polling found, for the app.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Polled {
    /// The title bar changed.
    pub redraw: bool,
    /// Other machines' changes came in: reload.
    pub arrived: bool,
    /// A problem to say once in the message line.
    pub say: Option<String>,
}

impl Syncer {
    /// Starts syncing `journal` if it syncs: the thread (with its own
    /// connection and the folder watcher) and a first sync. `None` for a
    /// journal without sync.
    pub fn start(journal: &Journal, wake: Wake) -> Option<Syncer> {
        let (folder, own) = journal.sync_folders()?;
        let (asks, asked) = mpsc::channel();
        let (tell, told) = mpsc::channel();
        let reopen = journal.reopen();
        let poke = asks.clone();
        thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                // Watching starts here, off the event loop: a network
                // folder may be slow to answer.
                let _watcher = watch(&folder, own.clone(), poke);
                work(reopen, (folder, own), asked, tell, wake);
            })
            .ok()?;
        let mut syncer = Syncer {
            asks,
            told,
            running: false,
            again: false,
            due: None,
            seen: journal.generation(),
            mark: Mark::Syncing,
            said: None,
        };
        syncer.ask();
        Some(syncer)
    }

    fn ask(&mut self) {
        self.due = None;
        if self.running {
            self.again = true;
            return;
        }
        if self.asks.send(Asked::Sync).is_ok() {
            self.running = true;
            self.mark = Mark::Syncing;
        }
    }

    /// Looks at what happened as of `now`: the person's changes
    /// (`generation`, the journal's own count) start the debounce, a due
    /// debounce asks for a sync, and the thread's outcomes change the
    /// mark (`local`: the time it shows).
    pub fn poll(&mut self, generation: u64, now: Instant, local: NaiveDateTime) -> Polled {
        let mut polled = Polled::default();
        if generation != self.seen {
            self.seen = generation;
            self.due = Some(now + DEBOUNCE);
        }
        while let Ok(told) = self.told.try_recv() {
            polled.redraw = true;
            match told {
                Told::Started => {
                    self.running = true;
                    self.mark = Mark::Syncing;
                }
                Told::Done(result) => {
                    self.running = false;
                    self.finished(result, local, &mut polled);
                }
            }
        }
        let due = self.due.is_some_and(|at| now >= at);
        if due || (self.again && !self.running) {
            self.again = false;
            let was = self.mark.clone();
            self.ask();
            polled.redraw |= self.mark != was;
        }
        polled
    }

    fn finished(&mut self, result: Result<Report, String>, local: NaiveDateTime, p: &mut Polled) {
        match result {
            Ok(report) => {
                self.mark = Mark::Synced(local);
                self.said = None;
                // Two syncs may end between two polls: one that brought
                // another machine's changes is not undone by the next.
                p.arrived |= report.applied > 0;
            }
            Err(why) => {
                if self.said.as_ref() != Some(&why) {
                    self.said = Some(why.clone());
                    p.say = Some(why.clone());
                }
                self.mark = Mark::Problem(why);
            }
        }
    }

    /// Whether a change waits for its sync (the debounce, or a sync asked
    /// for while one ran).
    pub fn waiting(&self) -> bool {
        self.due.is_some() || self.again
    }

    /// On quitting: lets a running sync end, and sends a change still
    /// waiting, within `wait` in all, so a change made just before
    /// quitting goes out too.
    pub fn finish(self, wait: Duration) {
        let deadline = Instant::now() + wait;
        if self.running {
            self.until_done(deadline);
        }
        if self.waiting() && self.asks.send(Asked::Sync).is_ok() {
            self.until_done(deadline);
        }
    }

    fn until_done(&self, deadline: Instant) {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.told.recv_timeout(left) {
                Ok(Told::Started) => continue,
                Ok(Told::Done(_)) | Err(_) => return,
            }
        }
    }
}

impl Drop for Syncer {
    /// The thread ends after the sync it may be running (the watcher it
    /// holds keeps its channel open, so it is told).
    fn drop(&mut self) {
        let _ = self.asks.send(Asked::Stop);
    }
}

/// Watches the folder; each settled batch of events outside this
/// machine's own folder asks the thread for a sync. `None` where watching
/// cannot start: the thread's look at the listing still finds changes.
fn watch(folder: &Path, own: PathBuf, poke: Sender<Asked>) -> Option<Watcher> {
    let mut debouncer = new_debouncer(SETTLE, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        if events.iter().any(|e| counts(&e.path, &own)) {
            let _ = poke.send(Asked::Folder);
        }
    })
    .ok()?;
    debouncer
        .watcher()
        .watch(folder, RecursiveMode::Recursive)
        .ok()?;
    Some(debouncer)
}

/// Whether a path in the folder may be another machine's change: not in
/// this machine's folder, not a temporary (dot) name.
fn counts(path: &Path, own: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden && !path.starts_with(own)
}

/// The sync thread: opens its own connection, then syncs each time it is
/// asked or the watcher saw the folder change, and on its own when the
/// folder's listing changed since it last looked. Ends when the app is
/// gone.
fn work(
    reopen: Reopen,
    (folder, own): (PathBuf, PathBuf),
    asked: Receiver<Asked>,
    tell: Sender<Told>,
    wake: Wake,
) {
    let mut journal = reopen.open().map_err(|e| e.to_string());
    let mut seen = listing(&folder, &own);
    loop {
        match asked.recv_timeout(LOOK_EVERY) {
            Ok(Asked::Stop) => return,
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) if listing(&folder, &own) == seen => continue,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // Whatever else was asked meanwhile, one sync answers it all.
        let mut stop = false;
        while let Ok(more) = asked.try_recv() {
            stop |= matches!(more, Asked::Stop);
        }
        let tell = |told| {
            let sent = tell.send(told).is_ok();
            wake();
            sent
        };
        if !tell(Told::Started) {
            return;
        }
        seen = listing(&folder, &own);
        let result = match journal.as_mut() {
            Ok(j) => j.sync_now().map_err(|e| e.to_string()),
            Err(why) => Err(why.clone()),
        };
        if !tell(Told::Done(result)) || stop {
            return;
        }
    }
}

/// A fingerprint of the other machines' files in the folder: names, sizes
/// and times (`0` when the folder cannot be read), so a look that finds
/// nothing new costs no sync.
fn listing(folder: &Path, own: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    let Ok(machines) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut seen = Vec::new();
    for machine in machines.flatten() {
        let path = machine.path();
        if !counts(&path, own) || !path.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&path).into_iter().flatten().flatten() {
            let meta = file.metadata().ok();
            seen.push((
                file.path(),
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
        }
    }
    seen.sort();
    seen.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_that_arrived_are_not_undone_by_a_sync_ending_after_them() {
        // Two syncs end between two polls (a busy machine): the first
        // brought another machine's changes, the second found nothing new.
        let (asks, _asked) = mpsc::channel();
        let (tell, told) = mpsc::channel();
        let mut syncer = Syncer {
            asks,
            told,
            running: true,
            again: false,
            due: None,
            seen: 0,
            mark: Mark::Syncing,
            said: None,
        };
        let report = |applied| Report {
            applied,
            ..Report::default()
        };
        for told in [
            Told::Done(Ok(report(2))),
            Told::Started,
            Told::Done(Ok(report(0))),
        ] {
            tell.send(told).expect("send");
        }
        let polled = syncer.poll(0, Instant::now(), NaiveDateTime::default());
        assert!(polled.arrived, "{polled:?}");
        // Nothing more came: the next poll reloads nothing.
        let polled = syncer.poll(0, Instant::now(), NaiveDateTime::default());
        assert!(!polled.arrived);
    }

    #[test]
    fn this_machines_files_and_temporary_names_do_not_count() {
        let own = Path::new("/s/smallwins-sync/me");
        assert!(!counts(
            Path::new("/s/smallwins-sync/me/000000000001.chg"),
            own
        ));
        assert!(!counts(
            Path::new("/s/smallwins-sync/them/.000000000001.chg.7.tmp"),
            own
        ));
        assert!(counts(
            Path::new("/s/smallwins-sync/them/000000000001.chg"),
            own
        ));
    }
}
