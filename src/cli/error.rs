//! Why a command stopped: one sentence for a person, and the exit code
//! that goes with it (`1` a file could not be used, `2` bad input; see
//! `cli/mod.rs`).
//!
//! Uses the domain's and the store's error types, only to tell those two
//! cases apart; their messages are already sentences for people.

use std::io::ErrorKind;
use std::process::ExitCode;

use crate::domain;
use crate::store::StoreError;

/// Why a command stopped. Each message is one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// Something typed that cannot be used as it is; exit code 2.
    Input(String),
    /// The journal or another file could not be used; exit code 1.
    Failed(String),
}

impl CliError {
    pub fn message(&self) -> &str {
        match self {
            CliError::Input(m) | CliError::Failed(m) => m,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) => ExitCode::from(2),
            CliError::Failed(_) => ExitCode::from(1),
        }
    }

    pub(super) fn is_input(&self) -> bool {
        matches!(self, CliError::Input(_))
    }
}

impl From<domain::Error> for CliError {
    fn from(e: domain::Error) -> Self {
        match e {
            domain::Error::Input(message) => CliError::Input(message),
            domain::Error::Store(e) => e.into(),
        }
    }
}

impl From<super::passphrase::PassphraseError> for CliError {
    fn from(e: super::passphrase::PassphraseError) -> Self {
        use super::passphrase::PassphraseError as P;
        match e {
            P::Mismatch | P::Empty => CliError::Input(e.to_string()),
            _ => CliError::Failed(e.to_string()),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Failed(e.to_string())
    }
}

pub(super) type Result<T, E = CliError> = std::result::Result<T, E>;

/// An error from the full-screen journal, as one sentence.
pub(super) fn ui_error(error: impl Into<color_eyre::Report>) -> CliError {
    let report: color_eyre::Report = error.into();
    if let Some(e) = report.downcast_ref::<domain::Error>() {
        return match e {
            domain::Error::Input(message) => CliError::Input(message.clone()),
            domain::Error::Store(e) => CliError::Failed(e.to_string()),
        };
    }
    if let Some(e) = report.downcast_ref::<StoreError>() {
        return CliError::Failed(e.to_string());
    }
    let text = report.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    CliError::Failed(format!(
        "The journal window closed after a problem: {first}."
    ))
}

/// Plain words for a file error, without the OS error number.
pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "it does not exist".into(),
        ErrorKind::PermissionDenied => "permission was denied".into(),
        ErrorKind::AlreadyExists => "a file is already there".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_carry_no_error_numbers() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "it does not exist");
        let e = std::io::Error::other("Something odd");
        assert_eq!(io_reason(&e), "something odd");
    }

    #[test]
    fn bad_input_and_unusable_files_have_their_own_exit_codes() {
        assert_eq!(CliError::Input("x".into()).exit_code(), ExitCode::from(2));
        assert_eq!(CliError::Failed("x".into()).exit_code(), ExitCode::from(1));
    }
}
