//! `config path`, `config default` and `config check`: where the config
//! file is read from, the default config with every setting explained (the
//! embedded `assets/config.toml`, with the built-in prompts), and what
//! smallwins makes of the person's file. These run without the journal,
//! and whatever the config file holds, so a broken one can be found and
//! fixed. `config check` refuses (exit code 2, one sentence) keys that
//! would leave no way to quit or out of a popup, as the full-screen
//! journal does at start. A file holding values it cannot use is
//! refused too (exit code 2), with every problem in it, unknown keys
//! included, one sentence a line, first line first.
//!
//! `config check` also says which theme the full-screen journal draws
//! with, and what `auto` (the default) does.
//!
//! JSON: `config path` prints `{path, exists}`; `config check` prints
//! `{path, exists, warnings, key_problems, theme}` (the last a sentence,
//! the others lists of sentences);
//! `config default` prints the file itself and refuses `--json`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::args::ConfigCommand;
use crate::cli::error::{CliError, Result};
use crate::cli::output::{Printout, Report, lines};
use crate::config;
use crate::model::tui::ThemeName;
use crate::ui;

/// Where the config file is, and whether there is one.
#[derive(Debug, Serialize)]
pub struct PathReport {
    path: PathBuf,
    exists: bool,
}

impl Report for PathReport {
    fn text(&self) -> String {
        lines([self.path.display().to_string()])
    }
}

/// What smallwins makes of the config file.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    path: PathBuf,
    exists: bool,
    /// Keys it does not know, left out.
    warnings: Vec<String>,
    /// Keys two actions of one place share.
    key_problems: Vec<String>,
    /// Which theme the full-screen journal draws with.
    theme: String,
}

impl Report for CheckReport {
    fn text(&self) -> String {
        let path = self.path.display();
        if !self.exists {
            return lines([
                format!(
                    "There is no config file at {path}, so smallwins uses its defaults; `smallwins config default` prints one to start from."
                ),
                self.theme.clone(),
            ]);
        }
        let notes: Vec<String> = self
            .warnings
            .iter()
            .chain(&self.key_problems)
            .cloned()
            .collect();
        if notes.is_empty() {
            return lines([
                format!("The config file {path} reads cleanly."),
                self.theme.clone(),
            ]);
        }
        lines(notes.into_iter().chain([self.theme.clone()]))
    }
}

/// What a `config` command prints.
pub enum ConfigOutput {
    Path(PathReport),
    Default(Printout<PathReport>),
    Check(CheckReport),
}

/// Runs a `config` command on the file `--config` names, or the default
/// one.
pub fn config(command: ConfigCommand, chosen: Option<&Path>) -> Result<ConfigOutput> {
    let path = match chosen {
        Some(p) => p.to_path_buf(),
        None => config::default_path().ok_or_else(|| {
            CliError::Failed(
                "smallwins cannot tell where your config folder is; name a file with --config PATH."
                    .into(),
            )
        })?,
    };
    let exists = path.exists();
    Ok(match command {
        ConfigCommand::Path => ConfigOutput::Path(PathReport { path, exists }),
        ConfigCommand::Default => ConfigOutput::Default(Printout::AsIs(config::default_text())),
        ConfigCommand::Check => {
            let found = config::problems(&path);
            let config = match (&found.config, found.errors.is_empty()) {
                (Some(config), true) => config,
                _ => {
                    let mut said = found.sentences().join(".\n");
                    said.push('.');
                    return Err(CliError::Input(said));
                }
            };
            if let Some(locked) = ui::keys_lock_in(config) {
                return Err(CliError::Input(locked));
            }
            ConfigOutput::Check(CheckReport {
                path,
                exists,
                warnings: found.warnings.iter().map(|w| w.to_string()).collect(),
                key_problems: ui::key_problems(config),
                theme: theme_sentence(config.tui.theme, ui::theme::color_allowed()),
            })
        }
    })
}

/// What the full-screen journal does with `theme`, and `NO_COLOR` when
/// `color` is false.
fn theme_sentence(theme: ThemeName, color: bool) -> String {
    if !color {
        return "NO_COLOR is set, so the full-screen journal draws without colour, whatever the theme."
            .into();
    }
    match theme {
        ThemeName::Auto => "Theme \"auto\": light or dark as your terminal's background is when the full-screen journal starts (dark if the terminal does not say).".into(),
        name => format!("Theme \"{}\".", name.name()),
    }
}

impl ConfigOutput {
    pub fn print(self, json: bool) -> Result<String> {
        match self {
            ConfigOutput::Path(r) => crate::cli::output::print(&r, json),
            ConfigOutput::Default(p) => p.print(json),
            ConfigOutput::Check(r) => crate::cli::output::print(&r, json),
        }
    }
}
