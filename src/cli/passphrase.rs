//! Getting a passphrase, for anything smallwins encrypts: the journal
//! (`encrypt`, and every open of an encrypted journal) and, on the sync
//! branch, the sync folder. What it unlocks is a [`Purpose`], which names
//! it in the prompt and in the system keyring.
//!
//! The sources, in the order they are tried ([`find`]):
//!
//! 1. a file: `--passphrase-file PATH` or `SMALLWINS_PASSPHRASE_FILE` (its
//!    first line; the variable holds the file's path, never the secret);
//! 2. `passphrase_command` in the config file, run with `sh -c`, its first
//!    line of output;
//! 3. the system keyring (Secret Service on Linux, Keychain on macOS,
//!    Credential Manager on Windows), where `--remember` put it;
//! 4. the terminal ([`ask`], [`ask_new`]): a prompt with no echo, only when
//!    standard input is a terminal; otherwise [`NoWayToAsk`].
//!
//! Every secret is held in a [`Zeroizing`] string, wiped when dropped; none
//! is ever put in a process's arguments or environment, a message or a log.
//!
//! May use: `files` (reading the file within its cap).

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::files;

/// The environment variable that names a file holding the passphrase.
pub const FILE_VARIABLE: &str = "SMALLWINS_PASSPHRASE_FILE";
/// The service name entries in the system keyring are kept under.
const KEYRING_SERVICE: &str = "smallwins";
/// A passphrase file or command output read at most.
const CAP: u64 = 4096;
/// How long a wrong passphrase waits before it is said, so guessing is
/// slow (on top of the key derivation itself).
pub const WRONG_DELAY: Duration = Duration::from_secs(1);

/// What a passphrase unlocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose {
    /// How the prompt names it: "the journal", "the sync folder".
    pub what: String,
    /// Its entry in the system keyring: "journal:/home/me/journal.db".
    pub account: String,
}

impl Purpose {
    /// A passphrase for `what` ("the sync folder"), kept in the system
    /// keyring as `account` (empty: never kept there).
    pub fn new(what: impl Into<String>, account: impl Into<String>) -> Purpose {
        Purpose {
            what: what.into(),
            account: account.into(),
        }
    }

    /// The passphrase of the journal file at `path`.
    pub fn journal(path: &Path) -> Purpose {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Purpose {
            what: format!("the journal {}", path.display()),
            account: format!("journal:{}", absolute.display()),
        }
    }

    /// The passphrase of a copy (a backup being restored) at `path`.
    pub fn copy(path: &Path) -> Purpose {
        Purpose {
            what: format!("the copy {}", path.display()),
            account: String::new(),
        }
    }
}

/// Where a passphrase came from: only one typed on the terminal is worth
/// asking for again when it is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    File,
    Command,
    Keyring,
    Terminal,
}

/// The places besides the terminal that may hold a passphrase.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `--passphrase-file`, else `SMALLWINS_PASSPHRASE_FILE`.
    pub file: Option<PathBuf>,
    /// `passphrase_command` from the config.
    pub command: Option<String>,
}

impl Sources {
    /// The file given on the command line, else the one the environment
    /// names, and the config's command.
    pub fn new(file: Option<PathBuf>, command: Option<String>) -> Sources {
        let file = file.or_else(|| {
            std::env::var_os(FILE_VARIABLE)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        Sources { file, command }
    }
}

/// Why no passphrase could be had. Each says what to do in one sentence.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    #[error(
        "There is no terminal to ask for the passphrase of {what}; give it with --passphrase-file or {FILE_VARIABLE}, or set passphrase_command in the config."
    )]
    NoWayToAsk { what: String },
    #[error("The passphrase file {} {why}; check the path given.", .path.display())]
    File { path: PathBuf, why: String },
    #[error("The passphrase file {} is empty; put the passphrase on its first line.", .0.display())]
    EmptyFile(PathBuf),
    #[error(
        "passphrase_command `{command}` {why}, so no passphrase was read; check it in the config file."
    )]
    Command { command: String, why: String },
    #[error(
        "The two passphrases were not the same, so nothing was changed; run it again and type the same one twice."
    )]
    Mismatch,
    #[error(
        "An empty passphrase would protect nothing, so nothing was changed; type at least one character."
    )]
    Empty,
    #[error("Could not read from the terminal ({0}), so nothing was changed; try again.")]
    Terminal(String),
    #[error(
        "The system keyring could not be used ({0}), so the passphrase was not remembered; passphrase_command or --passphrase-file work instead."
    )]
    Keyring(String),
}

pub type Result<T> = std::result::Result<T, PassphraseError>;

/// A passphrase from a file, the config's command or the keyring, in that
/// order, without asking; `None` when none of them has one.
pub fn find(purpose: &Purpose, sources: &Sources) -> Result<Option<(Zeroizing<String>, Source)>> {
    if let Some(path) = &sources.file {
        return from_file(path).map(|s| Some((s, Source::File)));
    }
    if let Some(command) = &sources.command {
        return from_command(command).map(|s| Some((s, Source::Command)));
    }
    Ok(recall(purpose).map(|s| (s, Source::Keyring)))
}

/// [`find`], else the terminal: the passphrase of something that exists.
pub fn get(purpose: &Purpose, sources: &Sources) -> Result<(Zeroizing<String>, Source)> {
    match find(purpose, sources)? {
        Some(found) => Ok(found),
        None => ask(purpose).map(|s| (s, Source::Terminal)),
    }
}

/// Whether the terminal can be asked: standard input is one.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal()
}

/// Asks on the terminal, without echo, for the passphrase of `purpose`.
pub fn ask(purpose: &Purpose) -> Result<Zeroizing<String>> {
    prompt(purpose, &format!("Passphrase for {}: ", purpose.what))
}

/// Asks for a new passphrase twice; both must be the same and not empty.
/// A file or the config's command is used as it is, without asking.
pub fn ask_new(purpose: &Purpose, sources: &Sources) -> Result<Zeroizing<String>> {
    if let Some(path) = &sources.file {
        return from_file(path);
    }
    if let Some(command) = &sources.command {
        return from_command(command);
    }
    let first = prompt(purpose, &format!("New passphrase for {}: ", purpose.what))?;
    if first.is_empty() {
        return Err(PassphraseError::Empty);
    }
    let second = prompt(purpose, "The same passphrase again: ")?;
    if *first != *second {
        return Err(PassphraseError::Mismatch);
    }
    Ok(first)
}

fn prompt(purpose: &Purpose, text: &str) -> Result<Zeroizing<String>> {
    if !can_ask() {
        return Err(PassphraseError::NoWayToAsk {
            what: purpose.what.clone(),
        });
    }
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|e| PassphraseError::Terminal(e.kind().to_string()))
}

/// The first line of the file at `path`.
fn from_file(path: &Path) -> Result<Zeroizing<String>> {
    let bytes = Zeroizing::new(files::read(path, CAP).map_err(|e| PassphraseError::File {
        path: path.to_path_buf(),
        why: e.phrase(|e| e.to_string()),
    })?);
    let secret = first_line(&bytes).ok_or_else(|| PassphraseError::File {
        path: path.to_path_buf(),
        why: "it is not UTF-8 text".into(),
    })?;
    if secret.is_empty() {
        return Err(PassphraseError::EmptyFile(path.to_path_buf()));
    }
    Ok(secret)
}

/// The first line of `bytes`, without its line ending.
fn first_line(bytes: &[u8]) -> Option<Zeroizing<String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let line = text.split('\n').next().unwrap_or("");
    Some(Zeroizing::new(
        line.strip_suffix('\r').unwrap_or(line).to_string(),
    ))
}

/// The first line `command` prints, run with `sh -c` (standard error and
/// input stay the terminal's, so a tool like `pass` can ask for its own
/// key).
fn from_command(command: &str) -> Result<Zeroizing<String>> {
    let failed = |why: String| PassphraseError::Command {
        command: command.to_string(),
        why,
    };
    let mut child = shell(command)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("could not be started ({})", e.kind())))?;
    let mut out = Zeroizing::new(Vec::new());
    if let Some(stdout) = child.stdout.take() {
        stdout.take(CAP).read_to_end(&mut out).ok();
    }
    let status = child
        .wait()
        .map_err(|e| failed(format!("did not finish ({})", e.kind())))?;
    if !status.success() {
        return Err(failed(match status.code() {
            Some(code) => format!("ended with exit code {code}"),
            None => "was stopped".into(),
        }));
    }
    match first_line(&out) {
        Some(secret) if !secret.is_empty() => Ok(secret),
        Some(_) => Err(failed("printed nothing".into())),
        None => Err(failed("printed something that is not UTF-8 text".into())),
    }
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(command);
    c
}

#[cfg(not(unix))]
fn shell(command: &str) -> Command {
    let mut c = Command::new("cmd");
    c.arg("/C").arg(command);
    c
}

/// Whether a keyring is there to ask. On Linux the Secret Service lives on
/// the session bus; without one (a server over SSH, CI) it is not tried.
fn keyring_reachable() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
    } else {
        true
    }
}

fn entry(purpose: &Purpose) -> Option<keyring::Entry> {
    if purpose.account.is_empty() || !keyring_reachable() {
        return None;
    }
    keyring::Entry::new(KEYRING_SERVICE, &purpose.account).ok()
}

/// The passphrase `--remember` kept in the system keyring, if any.
pub fn recall(purpose: &Purpose) -> Option<Zeroizing<String>> {
    entry(purpose)?.get_password().ok().map(Zeroizing::new)
}

/// Keeps the passphrase in the system keyring (`--remember`).
pub fn remember(purpose: &Purpose, secret: &str) -> Result<()> {
    let Some(entry) = entry(purpose) else {
        return Err(PassphraseError::Keyring(
            "no keyring service is running here".into(),
        ));
    };
    entry
        .set_password(secret)
        .map_err(|e| PassphraseError::Keyring(keyring_words(&e)))
}

/// Removes the passphrase from the system keyring; whether one was there.
pub fn forget(purpose: &Purpose) -> bool {
    entry(purpose).is_some_and(|e| e.delete_credential().is_ok())
}

fn keyring_words(e: &keyring::Error) -> String {
    match e {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            "it is locked or not running".into()
        }
        _ => "it refused the entry".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gives_its_first_line_without_the_line_ending() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pass");
        std::fs::write(&path, "correct horse\r\nsecond line\n").expect("write");
        assert_eq!(from_file(&path).expect("read").as_str(), "correct horse");
        std::fs::write(&path, "\n").expect("write");
        assert!(matches!(
            from_file(&path),
            Err(PassphraseError::EmptyFile(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_command_gives_its_first_line_and_a_failure_is_one_sentence() {
        let found = from_command("printf 'from a command\\nmore'").expect("ran");
        assert_eq!(found.as_str(), "from a command");
        let err = from_command("exit 3").expect_err("failed");
        assert_eq!(
            err.to_string(),
            "passphrase_command `exit 3` ended with exit code 3, so no passphrase was read; check it in the config file."
        );
    }

    #[test]
    fn the_file_comes_before_the_command() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pass");
        std::fs::write(&path, "from the file\n").expect("write");
        let sources = Sources {
            file: Some(path),
            command: Some("echo from the command".into()),
        };
        let purpose = Purpose::journal(Path::new("j.db"));
        let (secret, source) = find(&purpose, &sources).expect("ok").expect("found");
        assert_eq!((secret.as_str(), source), ("from the file", Source::File));
    }
}
