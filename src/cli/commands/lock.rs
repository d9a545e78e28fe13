//! `encrypt`, `encrypt --change`, `encrypt --remember` and `decrypt`:
//! encryption at rest, turned on and off by the person, never by itself.
//!
//! JSON:
//!
//! | command | JSON printed |
//! | --- | --- |
//! | `encrypt`, `decrypt`, `encrypt --change` | `{journal, encrypted, changed, backups, records, remembered}`; `changed` is whether anything was rewritten, `backups` how many copies in the backups folder were converted too, `remembered` whether the system keyring holds the passphrase now |
//!
//! Runs before the journal is opened (it replaces the file); uses the
//! store's conversion (`store::convert`, `change_key`) and `passphrase.rs`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::args::EncryptArgs;
use crate::cli::error::{CliError, Result};
use crate::cli::open::Unlock;
use crate::cli::output::{Report, lines};
use crate::cli::passphrase::{self, Purpose, Sources};
use crate::cli::words::describe_counts;
use crate::store::{self, Counts, Key, StoreError};

/// Said on stderr when an encrypted journal is exported.
pub const EXPORT_NOTE: &str =
    "The journal is encrypted but this export is not, so keep it somewhere only you can read.\n";

/// What `encrypt` or `decrypt` did.
#[derive(Serialize)]
pub struct Locked {
    journal: PathBuf,
    encrypted: bool,
    changed: bool,
    backups: usize,
    records: Option<Counts>,
    remembered: bool,
    #[serde(skip)]
    said: Vec<String>,
}

impl Report for Locked {
    fn text(&self) -> String {
        lines(self.said.clone())
    }
}

/// `encrypt`: turns encryption on; with `--change`, changes the
/// passphrase; with `--remember` alone on an encrypted journal, keeps its
/// passphrase in the system keyring.
pub fn encrypt(db: &Path, args: &EncryptArgs, unlock: &Unlock) -> Result<Locked> {
    if !db.exists() {
        return Err(StoreError::NoJournal(db.to_path_buf()).into());
    }
    let purpose = Purpose::journal(db);
    if args.change {
        return change(db, &purpose, args, unlock);
    }
    if store::is_encrypted(db) {
        if !args.remember {
            return Err(CliError::Input(format!(
                "{} is already encrypted; `smallwins encrypt --change` changes its passphrase.",
                db.display()
            )));
        }
        let key = unlock.journal_key(db)?;
        let secret = key.secret().unwrap_or_default();
        passphrase::remember(&purpose, &secret)?;
        return Ok(Locked {
            said: vec![format!(
                "The system keyring now keeps the passphrase of {}, so smallwins opens it without asking.",
                db.display()
            )],
            ..unchanged(db, true, true)
        });
    }
    let secret = passphrase::ask_new(&purpose, &unlock.sources)?;
    let key = Key::passphrase(secret.clone());
    let sealed = store::convert(db, &Key::Plain, &key)?;
    let remembered = args.remember && passphrase::remember(&purpose, &secret).is_ok();
    let mut said = vec![format!(
        "Encrypted {} ({}){}; smallwins asks for the passphrase when it opens it.",
        db.display(),
        describe_counts(&sealed.records),
        backups_words(sealed.backups, "encrypted")
    )];
    said.push(if remembered {
        "The system keyring keeps the passphrase, so this machine opens it without asking.".into()
    } else {
        "Keep the passphrase somewhere safe: without it the journal cannot be read, by anyone."
            .into()
    });
    Ok(Locked {
        journal: db.to_path_buf(),
        encrypted: true,
        changed: true,
        backups: sealed.backups,
        records: Some(sealed.records),
        remembered,
        said,
    })
}

/// `encrypt --change`: the old passphrase, then the new one typed twice
/// or read from `--new-passphrase-file` (a passphrase file or command
/// gives the old one).
fn change(db: &Path, purpose: &Purpose, args: &EncryptArgs, unlock: &Unlock) -> Result<Locked> {
    if !store::is_encrypted(db) {
        return Err(CliError::Input(format!(
            "{} is not encrypted yet; `smallwins encrypt` turns encryption on.",
            db.display()
        )));
    }
    let old = unlock.journal_key(db)?;
    let had_entry = passphrase::recall(purpose).is_some();
    let new_source = Sources {
        file: args.new_passphrase_file.clone(),
        command: None,
    };
    let secret = passphrase::ask_new(purpose, &new_source)?;
    let new = Key::passphrase(secret.clone());
    let sealed = store::change_key(db, &old, &new)?;
    let remembered = (args.remember || had_entry) && passphrase::remember(purpose, &secret).is_ok();
    Ok(Locked {
        journal: db.to_path_buf(),
        encrypted: true,
        changed: true,
        backups: sealed.backups,
        records: Some(sealed.records),
        remembered,
        said: vec![format!(
            "Changed the passphrase of {} ({}){}.",
            db.display(),
            describe_counts(&sealed.records),
            backups_words(sealed.backups, "changed")
        )],
    })
}

/// `decrypt`: the journal and its backups become plain files again, and
/// the keyring forgets the passphrase.
pub fn decrypt(db: &Path, unlock: &Unlock) -> Result<Locked> {
    if !db.exists() {
        return Err(StoreError::NoJournal(db.to_path_buf()).into());
    }
    if !store::is_encrypted(db) {
        // A file that is not a journal is refused as such, untouched.
        store::count_copy(db, &Key::Plain)?;
        return Ok(Locked {
            said: vec![format!(
                "{} is not encrypted, so nothing was changed.",
                db.display()
            )],
            ..unchanged(db, false, false)
        });
    }
    let key = unlock.journal_key(db)?;
    let sealed = store::convert(db, &key, &Key::Plain)?;
    passphrase::forget(&Purpose::journal(db));
    Ok(Locked {
        journal: db.to_path_buf(),
        encrypted: false,
        changed: true,
        backups: sealed.backups,
        records: Some(sealed.records),
        remembered: false,
        said: vec![format!(
            "Decrypted {} ({}){}; anyone who can read the file can read the journal now.",
            db.display(),
            describe_counts(&sealed.records),
            backups_words(sealed.backups, "decrypted")
        )],
    })
}

fn unchanged(db: &Path, encrypted: bool, remembered: bool) -> Locked {
    Locked {
        journal: db.to_path_buf(),
        encrypted,
        changed: false,
        backups: 0,
        records: None,
        remembered,
        said: Vec::new(),
    }
}

fn backups_words(n: usize, done: &str) -> String {
    match n {
        0 => String::new(),
        1 => format!(", and 1 backup {done} too"),
        n => format!(", and {n} backups {done} too"),
    }
}
