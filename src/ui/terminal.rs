//! The terminal's side of the event loop: where keys come from, and every
//! way the session can end.
//!
//! crossterm's reader never returns once the terminal has hung up: it reads
//! end-of-file in a loop, forever, at full speed. So keys are read on a
//! thread of their own and handed over on a channel, and the loop here
//! never blocks on the terminal. Beside the keys, it watches for:
//!
//! - signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT), delivered on the same
//!   channel by signal-hook, so `kill -INT` ends the app as cleanly as `q`;
//! - the terminal going away (a hang-up seen by polling it, a read error,
//!   or the reader thread stopping), which ends the app at once.
//!
//! Whatever the way out, the caller restores the terminal before the
//! process ends; everything saved is already committed.
//!
//! Before any of that, `theme = "auto"` asks the terminal for its
//! background ([`background_is_light`]), once, before the key reader
//! starts (so the answer is not taken for keys).

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// How long the terminal may take to say its background. A terminal that
/// cannot answer says so at once (terminal-colorsaurus sends a query every
/// terminal answers after its own); this is for one that never answers at
/// all, or a slow link.
pub const BACKGROUND_WAIT: Duration = Duration::from_millis(250);

/// Whether the terminal's background is light, as the terminal itself
/// says (OSC 11); `None` when standard output is not a terminal or it did
/// not answer within [`BACKGROUND_WAIT`].
pub fn background_is_light() -> Option<bool> {
    use std::io::IsTerminal;
    use terminal_colorsaurus::{QueryOptions, ThemeMode, theme_mode};
    if !io::stdout().is_terminal() {
        return None;
    }
    let mut options = QueryOptions::default();
    options.timeout = BACKGROUND_WAIT;
    match theme_mode(options) {
        Ok(ThemeMode::Light) => Some(true),
        Ok(ThemeMode::Dark) => Some(false),
        Err(_) => None,
    }
}

/// What the loop hears from the terminal.
#[derive(Debug)]
pub enum Input {
    /// A key, a paste, a resize…
    Event(Event),
    /// Nothing happened within the wait.
    Idle,
    /// Something of the app's own (a sync that ended) asks to be looked at.
    Wake,
    /// The session must end now: a signal, or the terminal went away.
    End(EndReason),
}

/// Why the session ended without the person pressing `q`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT.
    Signal(i32),
    /// The terminal hung up or could no longer be read.
    TerminalGone,
}

enum Message {
    Event(Event),
    Wake,
    ReadFailed,
    Signal(i32),
}

/// Keys and signals, merged onto one channel.
pub struct Inputs {
    rx: Receiver<Message>,
    tx: Sender<Message>,
    #[cfg(unix)]
    tty: Option<std::fs::File>,
    _signals: signal_hook::iterator::Handle,
}

impl Inputs {
    /// Starts the reader and signal threads. Call before the terminal is put
    /// into raw mode, so a signal that arrives during set-up is not lost.
    pub fn start() -> io::Result<Inputs> {
        let (tx, rx) = mpsc::channel();
        let handle = spawn_signal_thread(tx.clone())?;
        spawn_reader_thread(tx.clone());
        Ok(Inputs {
            rx,
            tx,
            #[cfg(unix)]
            tty: std::fs::File::open("/dev/tty").ok(),
            _signals: handle,
        })
    }

    /// What wakes the loop from another thread (a sync that ended), so it
    /// need not wait for the next key or tick.
    pub fn waker(&self) -> std::sync::Arc<dyn Fn() + Send + Sync> {
        let tx = self.tx.clone();
        std::sync::Arc::new(move || {
            let _ = tx.send(Message::Wake);
        })
    }

    /// Waits up to `wait` for the next input.
    pub fn next(&self, wait: Duration) -> Input {
        if self.hung_up() {
            return Input::End(EndReason::TerminalGone);
        }
        match self.rx.recv_timeout(wait) {
            Ok(Message::Event(event)) => Input::Event(event),
            Ok(Message::Wake) => Input::Wake,
            Ok(Message::Signal(signal)) => Input::End(EndReason::Signal(signal)),
            Ok(Message::ReadFailed) | Err(RecvTimeoutError::Disconnected) => {
                Input::End(EndReason::TerminalGone)
            }
            Err(RecvTimeoutError::Timeout) if self.hung_up() => Input::End(EndReason::TerminalGone),
            Err(RecvTimeoutError::Timeout) => Input::Idle,
        }
    }

    /// Whether the controlling terminal has hung up (its master side closed).
    #[cfg(unix)]
    pub fn hung_up(&self) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let Some(tty) = &self.tty else {
            return false;
        };
        let mut fds = [PollFd::new(tty, PollFlags::empty())];
        let zero = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        match poll(&mut fds, Some(&zero)) {
            Ok(0) => false,
            Ok(_) => fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
            Err(_) => false,
        }
    }

    #[cfg(not(unix))]
    pub fn hung_up(&self) -> bool {
        false
    }
}

fn spawn_signal_thread(tx: Sender<Message>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    let handle = signals.handle();
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Message::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(handle)
}

fn spawn_reader_thread(tx: Sender<Message>) {
    // If the thread cannot start, the sender is dropped and the loop sees a
    // closed channel: the session ends instead of hanging.
    let _ = thread::Builder::new().name("keys".into()).spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Event(event),
                Err(_) => Message::ReadFailed,
            };
            let failed = matches!(message, Message::ReadFailed);
            if tx.send(message).is_err() || failed {
                break;
            }
        }
    });
}
