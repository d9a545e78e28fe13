//! Every problem in a config file at once, first line first, for
//! `config check`: [`load`] stops at the first value it cannot use, so
//! the file is read again with each line found wrong left out, until it
//! reads.
//!
//! May use: the rest of `config`.

use std::path::Path;

use super::{Config, ConfigError, ConfigWarning, load, parse};
use crate::files;

/// Every problem in a config file, first line first: each value smallwins
/// cannot use and each key it does not know (`config check`). Unlike
/// [`load`], which stops at the first value it cannot use, the file is
/// read again with each line found wrong left out, until it reads.
#[derive(Debug, Default)]
pub struct Problems {
    /// Values it cannot use, and a file it cannot read at all.
    pub errors: Vec<ConfigError>,
    /// Keys it does not know (left out).
    pub warnings: Vec<ConfigWarning>,
    /// The config as read with the wrong lines left out; `None` when the
    /// file could not be read at all.
    pub config: Option<Config>,
}

impl Problems {
    /// Every problem as a sentence (without its full stop), first line
    /// first.
    pub fn sentences(&self) -> Vec<String> {
        let mut all: Vec<(usize, String)> = (self.errors.iter())
            .map(|e| (e.line(), e.to_string().trim_end_matches('.').to_string()))
            .chain(
                (self.warnings.iter())
                    .map(|w| (w.line, w.to_string().trim_end_matches('.').to_string())),
            )
            .collect();
        all.sort_by_key(|(line, _)| *line);
        all.into_iter().map(|(_, s)| s).collect()
    }
}

/// Finds every [`Problems`] of the config file at `path` (none when
/// there is no file).
pub fn problems(path: &Path) -> Problems {
    match files::read(path, files::CONFIG_CAP).map(String::from_utf8) {
        Ok(Ok(text)) => problems_in(&text, path),
        _ => match load(path) {
            Ok(loaded) => Problems {
                errors: Vec::new(),
                warnings: loaded.warnings,
                config: Some(loaded.config),
            },
            Err(e) => Problems {
                errors: vec![e],
                ..Problems::default()
            },
        },
    }
}

/// [`problems`] of the config text `text`.
pub fn problems_in(text: &str, path: &Path) -> Problems {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let mut found = Problems::default();
    loop {
        match parse(&lines.join("\n"), path) {
            Ok(loaded) => {
                found.warnings = loaded.warnings;
                found.config = Some(loaded.config);
                break;
            }
            Err(e) => {
                let line = e.line();
                let again = (1..=lines.len()).contains(&line) && !lines[line - 1].is_empty();
                found.errors.push(e);
                if !again {
                    break;
                }
                // Left out, keeping the numbers of the lines after it.
                lines[line - 1] = "";
            }
        }
    }
    found
}

impl ConfigError {
    /// The line of the file the problem is on; 0 for the whole file.
    pub fn line(&self) -> usize {
        match self {
            ConfigError::Invalid { line, .. } => *line,
            _ => 0,
        }
    }
}
