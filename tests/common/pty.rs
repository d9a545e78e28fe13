//! The real binary in a pseudo-terminal: start it, read what it drew
//! (escape codes included), type, and wait for it to end.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    // Keeps the pty open until the session ends.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Runs smallwins with `args` and `env` in a `cols`×`rows` pty, with
    /// the clock fixed at Sat 2026-11-21 08:30 and colour allowed.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Pty::spawn_via(&[], args, env, cols, rows)
    }

    /// Like [`Pty::spawn`], but started by `prefix` (a program that runs
    /// the rest, like `setpriv …`), or directly when `prefix` is empty.
    pub fn spawn_via(
        prefix: &[&str],
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let bin = env!("CARGO_BIN_EXE_smallwins");
        let mut cmd = match prefix.split_first() {
            Some((program, rest)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(rest);
                cmd.arg(bin);
                cmd
            }
            None => CommandBuilder::new(bin),
        };
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("SMALLWINS_NOW", "2026-11-21T08:30");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn smallwins");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&chunk[..n]);
            }
        });
        Pty {
            child,
            writer,
            output,
            _master: pty.master,
        }
    }

    /// Runs smallwins on the journal `db` with the config file `config`
    /// (which need not exist) and `extra` arguments, in a 100×30 pty.
    pub fn start(db: &std::path::Path, config: &std::path::Path, extra: &[&str]) -> Pty {
        let db = db.display().to_string();
        let config = config.display().to_string();
        let mut args = vec!["--db", db.as_str(), "--config", config.as_str()];
        args.extend(extra);
        Pty::spawn(&args, &[], 100, 30)
    }

    /// How much has been drawn so far, to wait for something drawn after.
    pub fn mark(&self) -> usize {
        self.output.lock().expect("lock").len()
    }

    /// Waits until `needle` is drawn after `mark`.
    pub fn wait_for_after(&self, mark: usize, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let out = self.output.lock().expect("lock");
            if String::from_utf8_lossy(&out[mark.min(out.len())..]).contains(needle) {
                return;
            }
            drop(out);
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "never saw {needle:?} after {mark} bytes; the screen said:\n{}",
            self.text()
        );
    }

    /// The process id of the program.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Everything drawn so far, escape codes included.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("lock")).into_owned()
    }

    /// Waits until `needle` has been drawn.
    pub fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("never saw {needle:?}; the screen said:\n{}", self.text());
    }

    /// Types `keys` (or any bytes a terminal would send).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Makes the window `cols`×`rows`: the program then draws the whole
    /// screen again, so what it shows can be read whole (between two
    /// frames it only writes the cells that changed).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits for the program to end; returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader catch the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("smallwins did not exit; the screen said:\n{}", self.text());
    }
}
