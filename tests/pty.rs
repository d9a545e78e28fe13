//! The real binary in a pseudo-terminal: start it, type, quit, and check
//! both the journal and that the terminal was put back as it was.

mod common;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::{Fixture, d, open_at};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// The terminal was restored: the alternate screen was left after it was
/// last entered, and the cursor was shown again.
fn assert_restored(output: &str) {
    let entered = output
        .rfind(ENTER_ALT_SCREEN)
        .expect("entered the alternate screen");
    let left = output
        .rfind(LEAVE_ALT_SCREEN)
        .expect("left the alternate screen");
    assert!(
        left > entered,
        "left the alternate screen after entering it"
    );
    assert!(
        output[entered..].contains(SHOW_CURSOR),
        "cursor shown again"
    );
}

#[test]
fn start_add_a_win_with_w_and_quit_with_q() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send("w");
    s.wait_for("A small win");
    s.send("typed in a real terminal");
    s.send("\r");
    s.wait_for("Win saved");
    s.send("q");
    assert!(s.wait_exit(), "smallwins ended with success");
    assert_restored(&s.text());
    let day = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day");
    assert!(
        day.wins
            .iter()
            .any(|w| w.text == "typed in a real terminal")
    );
}

#[test]
fn a_pasted_block_arrives_whole() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send("w");
    s.wait_for("A small win");
    // Bracketed paste, as a terminal sends it: a newline inside must not save early.
    s.send("\x1b[200~pasted\nin one go\x1b[201~");
    s.send("\r");
    s.wait_for("Win saved");
    s.send("q");
    assert!(s.wait_exit());
    let day = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day");
    assert!(
        day.wins.iter().any(|w| w.text == "pasted in one go"),
        "{:?}",
        day.wins
    );
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_what_was_saved() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send(" ");
    s.wait_for("Kept. That counts.");
    let pid = s.pid().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    s.wait_exit();
    assert_restored(&s.text());
    let day = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day");
    assert_eq!(day.items[0].status(), Some(smallwins::domain::Status::Kept));
}

#[test]
fn a_file_that_is_not_a_journal_gets_one_sentence_and_no_full_screen() {
    let f = Fixture::new();
    std::fs::write(&f.path, b"shopping list: eggs, milk").expect("write");
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    assert!(!s.wait_exit(), "smallwins refused the file with a failure");
    let out = s.text();
    assert!(out.contains("is not a smallwins journal"), "{out}");
    assert!(!out.contains(ENTER_ALT_SCREEN), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert_eq!(
        std::fs::read(&f.path).expect("read"),
        b"shopping list: eggs, milk",
        "left untouched"
    );
}

#[test]
fn the_demo_window_opens_on_a_lived_in_journal_and_cleans_up() {
    let f = Fixture::new();
    let config = f.dir.path().join("config.toml");
    // The throwaway journal goes in TMPDIR; point it at our own folder.
    let tmp = f.dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let config = config.display().to_string();
    let tmp_dir = tmp.display().to_string();
    let mut s = Pty::spawn(
        &["--config", &config, "--demo"],
        &[("SMALLWINS_NOW", "2026-11-21T19:30"), ("TMPDIR", &tmp_dir)],
        120,
        40,
    );
    s.wait_for("Evening reflection");
    s.send("3");
    s.wait_for("Self-trust");
    let during = std::fs::read_dir(&tmp).expect("tmp").count();
    assert_eq!(during, 1, "one private demo folder while open");
    s.send("q");
    assert!(s.wait_exit());
    assert_restored(&s.text());
    assert_eq!(
        std::fs::read_dir(&tmp).expect("tmp").count(),
        0,
        "the demo journal is deleted on quit"
    );
}

/// Starts the real binary in a pty, waits until `needle` is drawn, then
/// closes every handle on the master side, as a terminal window closing
/// does. Returns the child, to watch what it does next.
fn start_then_hang_up(db: &Path, config: &Path, needle: &str) -> Box<dyn Child + Send + Sync> {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_smallwins"));
    cmd.args([
        "--db",
        &db.display().to_string(),
        "--config",
        &config.display().to_string(),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("SMALLWINS_NOW", "2026-11-21T08:30");
    let child = pty.slave.spawn_command(cmd).expect("spawn smallwins");
    drop(pty.slave);
    // The reader stops (and closes its handle) once the screen is up.
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let wanted = needle.to_string();
    let (tx, seen) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut screen = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            screen.extend_from_slice(&chunk[..n]);
            if String::from_utf8_lossy(&screen).contains(&wanted) {
                let _ = tx.send(true);
                return;
            }
        }
        let _ = tx.send(false);
    });
    // Never wait forever: a screen that does not come up fails the test.
    let came_up = seen.recv_timeout(Duration::from_secs(20)).unwrap_or(false);
    if !came_up {
        let mut child = child;
        let _ = child.kill();
        panic!("the screen never showed {needle:?}");
    }
    // Let the app finish the frame and go back to waiting for a key.
    std::thread::sleep(Duration::from_millis(300));
    drop(pty.master);
    child
}

/// Regression: closing the terminal left smallwins spinning at full speed
/// on the dead terminal, forever, deaf to SIGTERM.
#[test]
fn closing_the_terminal_ends_the_app_within_a_second() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    // The footer is the last line drawn, and the way to help ends it.
    let mut child = start_then_hang_up(&f.path, &config, " help  ");
    let closed = Instant::now();
    let mut exited = None;
    while closed.elapsed() < Duration::from_secs(1) {
        if let Some(status) = child.try_wait().expect("try_wait") {
            exited = Some(status);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if exited.is_none() {
        let _ = child.kill();
    }
    let status = exited.expect("smallwins was still running a second after its terminal closed");
    // A clean end, not an abort from printing to the dead terminal.
    assert!(status.success(), "exit status {status:?}");
    // What was saved before is still there, and the journal is not held open.
    let journal = open_at(&f.path, "2026-11-21T09:00");
    assert!(!journal.day(d("2026-11-20")).expect("day").items.is_empty());
}

fn assert_signal_restores(signal: &str) {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    let pid = s.pid().expect("pid");
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    s.wait_exit();
    assert_restored(&s.text());
}

/// Regression: SIGINT and SIGQUIT sent with kill left the alternate
/// screen, raw mode and the hidden cursor behind.
#[test]
fn sigint_restores_the_terminal() {
    assert_signal_restores("INT");
}

#[test]
fn sigquit_restores_the_terminal() {
    assert_signal_restores("QUIT");
}

#[test]
fn sighup_sent_with_kill_restores_the_terminal() {
    assert_signal_restores("HUP");
}

#[test]
fn ctrl_c_as_a_key_quits_and_restores_the_terminal() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send("\x03");
    assert!(s.wait_exit());
    assert_restored(&s.text());
}

/// Two instances at once: the full-screen journal in a terminal and the
/// command line writing beside it. Nothing is lost, no "busy" or "locked"
/// reaches either, and the window shows what the shell wrote.
#[test]
fn the_window_and_the_shell_write_at_the_same_time() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    let db = f.path.clone();
    let shell = std::thread::spawn(move || {
        let mut failures = Vec::new();
        for i in 0..12 {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_smallwins"))
                .args(["--db", &db.display().to_string()])
                .args(["win", &format!("shell-wrote-{i}")])
                .env("SMALLWINS_NOW", "2026-11-21T08:30")
                .output()
                .expect("run");
            if !out.status.success() || !out.stderr.is_empty() {
                failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        failures
    });
    for i in 0..4 {
        let mark = s.mark();
        s.send("w");
        s.wait_for_after(mark, "A small win");
        s.send(&format!("window-typed-{i}"));
        let mark = s.mark();
        s.send("\r");
        s.wait_for_after(mark, "Win saved");
    }
    let failures = shell.join().expect("shell");
    assert!(failures.is_empty(), "the shell saw: {failures:?}");
    // The window picks up the shell's wins by itself.
    s.wait_for("shell-wrote-11");
    let screen = s.text().to_lowercase();
    assert!(
        !screen.contains("busy") && !screen.contains("locked"),
        "{screen}"
    );
    s.send("q");
    assert!(s.wait_exit());
    let wins = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day")
        .wins;
    for i in 0..12 {
        let text = format!("shell-wrote-{i}");
        assert!(wins.iter().any(|w| w.text == text), "{text} was lost");
    }
    for i in 0..4 {
        let text = format!("window-typed-{i}");
        assert!(wins.iter().any(|w| w.text == text), "{text} was lost");
    }
}

/// Regression: marking a promise kept in the window, then noting it missed
/// from a shell, then pressing `u` in the window put the day back to "not
/// recorded" and lost the note. Undo now leaves what the shell wrote, and
/// says so.
#[test]
fn undo_in_the_window_leaves_a_mark_made_from_the_shell() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send(" ");
    s.wait_for("Kept. That counts.");
    common::smallwins_at(&f, "2026-11-21T08:35")
        .args(["missed", "1", "--note", "was on a train all day"])
        .assert()
        .success();
    let mark = s.mark();
    s.send("u");
    s.wait_for_after(mark, "elsewhere");
    s.send("q");
    assert!(s.wait_exit());
    let check = open_at(&f.path, "2026-11-21T09:00")
        .day(d("2026-11-21"))
        .expect("day")
        .items
        .into_iter()
        .find(|i| i.number == 1)
        .and_then(|i| i.check)
        .expect("the shell's mark is still there");
    assert_eq!(check.status, smallwins::domain::Status::Missed);
    assert_eq!(check.note.as_deref(), Some("was on a train all day"));
}

/// Regression: `?` then `q` quit the whole app. In help (as in every
/// popup) `q` closes it; only on a screen does it quit.
#[test]
fn q_in_help_closes_help_and_the_app_keeps_running() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send("?");
    s.wait_for("Help ·");
    s.send("q");
    assert!(s.running(), "q in help quit the app:\n{}", s.text());
    // Help is closed: the next key goes to the screen (with help still
    // open, 2 would only close it).
    let mark = s.mark();
    s.send("2");
    s.wait_for_after(mark, "opens a day");
    assert!(s.running());
    s.send("q");
    assert!(s.wait_exit(), "q on a screen quits");
    assert_restored(&s.text());
}

/// Regression: in the share preview, `c` copied and closed the preview,
/// so the next `s` (which the preview's own footer offered as "save")
/// marked the selected promise "kept the smaller version" on Today. The
/// preview stays open after a copy, saying what was done, until Esc.
#[test]
fn copy_then_s_in_the_share_preview_marks_nothing_and_the_preview_stays() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let marks = |f: &Fixture| -> Vec<_> {
        open_at(&f.path, "2026-11-21T09:00")
            .day(d("2026-11-21"))
            .expect("day")
            .items
            .iter()
            .map(|i| i.status())
            .collect()
    };
    let before = marks(&f);
    let config = f.dir.path().join("config.toml");
    let mut s = Pty::start(&f.path, &config, &[]);
    s.wait_for("Recent weeks");
    s.send("S");
    s.wait_for("Exactly what will be copied or saved");
    let mark = s.mark();
    s.send("c");
    s.wait_for_after(mark, "to the terminal's clipboard");
    s.send("s");
    // Still the preview: s asks where to save the message. (A new size
    // draws the whole screen, so the words can be read whole.)
    let mark = s.mark();
    s.resize(110, 32);
    s.wait_for_after(mark, "Save to:");
    assert_eq!(marks(&f), before, "no mark changed");
    s.send("\x1b");
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(marks(&f), before, "no mark changed");
    let out = s.text();
    assert!(!out.contains("smaller version. It happened"), "{out}");
}

/// Regression: `[keys] quit = []` made the full-screen journal impossible
/// to leave, while `config check` said the file read cleanly. Both refuse
/// such keys with one sentence, before any full screen.
#[test]
fn a_keymap_with_no_way_to_quit_is_refused_at_start_and_by_config_check() {
    let f = Fixture::new();
    drop(common::lived_in(&f.path));
    let config = f.dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = []\n").expect("config");
    let mut s = Pty::start(&f.path, &config, &[]);
    assert!(!s.wait_exit(), "refused with a failure");
    let out = s.text();
    assert!(!out.contains(ENTER_ALT_SCREEN), "{out}");
    let sentence =
        "leave no way to quit on Today; give quit a key under [keys], like quit = \"q\".";
    assert!(out.contains(sentence), "{out}");
    assert_eq!(out.trim().lines().count(), 1, "one sentence: {out}");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .args(["--config", &config.display().to_string(), "config", "check"])
        .output()
        .expect("config check");
    assert!(!check.status.success(), "config check refuses it");
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(said.contains(sentence), "{said}");
    assert!(!String::from_utf8_lossy(&check.stdout).contains("reads cleanly"));
}
