//! Loading the config values: the built-in prompts (`assets/prompts.toml`,
//! embedded at build time) and the person's config file (TOML), into
//! [`Config`]. A missing file means defaults; an invalid value is a clear
//! error that names its line; a key smallwins does not know is left out
//! with a [`ConfigWarning`] that names it (the command line prints warnings
//! on stderr, the full-screen journal in its message line).
//!
//! `assets/config.toml` is the documented default config that
//! `smallwins config default` prints: every option, commented out at its
//! default value.
//!
//! - `mod.rs` (here): loading, the day and prompt settings, errors and
//!   warnings.
//! - `look.rs`: theme, colours, glyphs, mouse and keys, and the keys the
//!   file may hold (anything else is warned about).
//! - `keys.rs`: keys as written in the file (`"ctrl-u"`).
//! - `share.rs`: `[share] include`, what a shared message includes.
//! - `problems.rs`: every problem in a file at once (`config check`).
//!
//! May use: `model` (the values it fills) and `files` (reading the file
//! within its cap), nothing else of ours.

mod keys;
mod look;
mod problems;
mod share;
mod sync;

use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;

use crate::files::{self, ReadError};

pub use crate::model::Config;
use crate::model::tui::TuiConfig;
use crate::model::weekday::parse_weekday;
use crate::model::{Glyphs, Prompt, Prompts, ShareInclude};
pub use problems::{Problems, problems, problems_in};

/// The prompts this build asks with, unless the config file replaces them.
const BUILT_IN_PROMPTS: &str = include_str!("../../assets/prompts.toml");

/// The default config, every option documented: `smallwins config default`.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The built-in prompts, read from `assets/prompts.toml`.
///
/// The asset is part of the build, so whether it reads is decided when the
/// crate is built, and a unit test below reads it: a malformed asset fails
/// that test. A build that shipped one anyway refuses to load any config
/// ([`Config::load`] returns [`ConfigError::BuiltIn`], which the command
/// line shows as one sentence) rather than quietly asking nothing.
pub fn built_in_prompts() -> Result<Prompts, ConfigError> {
    parse_prompts(BUILT_IN_PROMPTS)
}

fn parse_prompts(text: &str) -> Result<Prompts, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::BuiltIn {
        line: line_of(text, e.span().map(|s| s.start).unwrap_or(0)),
        message: e.message().trim().trim_end_matches('.').to_string(),
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Config {
    /// The defaults with the built-in prompts, or the error that says why
    /// they could not be read.
    pub fn built_in() -> Result<Config, ConfigError> {
        Ok(Config {
            prompts: built_in_prompts()?,
            ..Config::without_prompts()
        })
    }

    fn without_prompts() -> Config {
        Config {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            evening_from: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            week_starts_on: Weekday::Mon,
            prompts: Prompts::default(),
            glyphs: Glyphs::default(),
            tui: TuiConfig::default(),
            share_include: ShareInclude::NONE,
            sync: crate::model::SyncConfig::default(),
            passphrase_command: None,
        }
    }
}

impl Default for Config {
    /// [`Config::built_in`]. Only a build whose unit tests fail could have
    /// built-in prompts that do not read; its defaults then ask no prompts,
    /// and [`Config::load`] says what is wrong.
    fn default() -> Self {
        Config::built_in().unwrap_or_else(|_| Config::without_prompts())
    }
}

/// Lists a config file may replace; anything left out keeps the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PromptOverrides {
    pub morning: Option<Vec<Prompt>>,
    pub evening: Option<Vec<Prompt>>,
    pub after_miss: Option<Vec<Prompt>>,
    pub weekly: Option<Vec<Prompt>>,
    pub examples: Option<Vec<String>>,
}

impl PromptOverrides {
    /// `prompts` with every non-empty list named here in place of its own.
    pub fn apply(self, mut prompts: Prompts) -> Prompts {
        let replace = |list: &mut Vec<Prompt>, by: Option<Vec<Prompt>>| {
            if let Some(v) = by.filter(|v| !v.is_empty()) {
                *list = v;
            }
        };
        replace(&mut prompts.morning, self.morning);
        replace(&mut prompts.evening, self.evening);
        replace(&mut prompts.after_miss, self.after_miss);
        replace(&mut prompts.weekly, self.weekly);
        if let Some(v) = self.examples.filter(|v| !v.is_empty()) {
            prompts.examples = v;
        }
        prompts
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("The config file {} has a problem on line {line}: {message}.", .path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("The config file {} could not be read: {message}.", .path.display())]
    Unreadable { path: PathBuf, message: String },
    /// A pipe, a device, a folder or a file past [`files::CONFIG_CAP`].
    #[error(
        "The config file {} {phrase}, so it was not read; point --config at a TOML file of your settings.",
        .path.display()
    )]
    NotUsable { path: PathBuf, phrase: String },
    /// Only a broken build: see [`built_in_prompts`].
    #[error(
        "This smallwins was built with prompts it cannot read (assets/prompts.toml, line {line}: {message}); install a release of smallwins again."
    )]
    BuiltIn { line: usize, message: String },
}

/// A key in the config file that smallwins does not know; it was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub path: PathBuf,
    pub line: usize,
    /// The key as written, with the tables it is in: `colors.kep`.
    pub key: String,
    /// A known key it may be a slip for.
    pub suggestion: Option<String>,
}

impl std::fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The config file {} names \"{}\" on line {}, which smallwins does not know, so it was left out",
            self.path.display(),
            self.key,
            self.line
        )?;
        match &self.suggestion {
            Some(s) => write!(f, " (did you mean \"{s}\"?)."),
            None => write!(f, "; `smallwins config default` lists every setting."),
        }
    }
}

/// A config as loaded, with what the file held that was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<ConfigWarning>,
}

#[derive(Debug, Default, Deserialize)]
struct RawConfig {
    day_starts_at: Option<toml::Spanned<String>>,
    evening_from: Option<toml::Spanned<String>>,
    week_starts_on: Option<toml::Spanned<String>>,
    prompts: Option<PromptOverrides>,
    passphrase_command: Option<toml::Spanned<String>>,
}

/// The documented default config (`smallwins config default`): every
/// setting at its default, commented out, the built-in prompts last.
pub fn default_text() -> String {
    let mut out = DEFAULT_CONFIG.to_string();
    out.push_str("\n# [prompts]\n");
    for line in BUILT_IN_PROMPTS.lines().filter(|l| !l.starts_with('#')) {
        match line.strip_prefix("[[") {
            Some(rest) => out.push_str(&format!("# [[prompts.{rest}\n")),
            None if line.is_empty() => out.push('\n'),
            None => out.push_str(&format!("# {line}\n")),
        }
    }
    out
}

/// Where the config file lives unless `--config` says otherwise.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smallwins").map(|d| d.config_dir().join("config.toml"))
}

/// Loads `path` with its warnings; a file that does not exist gives the
/// defaults.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    match files::read(path, files::CONFIG_CAP) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                message: "it is not UTF-8 text".into(),
            }),
        },
        Err(e) if e.is_not_found() => Ok(Loaded {
            config: Config::built_in()?,
            warnings: Vec::new(),
        }),
        Err(ReadError::Io(e)) => Err(ConfigError::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        }),
        Err(e) => Err(ConfigError::NotUsable {
            path: path.to_path_buf(),
            phrase: e.phrase(|e| e.to_string()),
        }),
    }
}

/// Reads the text of a config file (`path` only names it in messages).
pub fn parse(text: &str, path: &Path) -> Result<Loaded, ConfigError> {
    let invalid = |offset: usize, message: String| ConfigError::Invalid {
        path: path.to_path_buf(),
        line: line_of(text, offset),
        message,
    };
    let toml_error = |e: toml::de::Error| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        invalid(offset, e.message().trim().trim_end_matches('.').to_string())
    };
    let doc = toml::de::DeTable::parse(text).map_err(toml_error)?;
    let raw: RawConfig = toml::from_str(text).map_err(toml_error)?;
    let mut config = Config::built_in()?;
    read_days(&raw, &mut config, &invalid)?;
    if let Some(command) = &raw.passphrase_command {
        if command.get_ref().trim().is_empty() {
            return Err(invalid(
                command.span().start,
                "passphrase_command is empty; give the command that prints the passphrase, like \"pass show smallwins\"".into(),
            ));
        }
        config.passphrase_command = Some(command.get_ref().clone());
    }
    if let Some(o) = raw.prompts {
        config.prompts = o.apply(config.prompts);
    }
    look::read(doc.get_ref(), &mut config, &invalid)?;
    share::read(doc.get_ref(), &mut config, &invalid)?;
    sync::read(doc.get_ref(), &mut config, &invalid)?;
    let warnings = look::unknown_keys(doc.get_ref())
        .into_iter()
        .map(|(offset, key, suggestion)| ConfigWarning {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            key,
            suggestion,
        })
        .collect();
    Ok(Loaded { config, warnings })
}

/// What [`ConfigError::Invalid`] needs besides the file: where and what.
type Invalid<'a> = dyn Fn(usize, String) -> ConfigError + 'a;

/// The day boundary, the evening hour and the first day of the week.
fn read_days(raw: &RawConfig, config: &mut Config, invalid: &Invalid) -> Result<(), ConfigError> {
    let time = |field: &toml::Spanned<String>, name: &str| {
        NaiveTime::parse_from_str(field.get_ref().trim(), "%H:%M").map_err(|_| {
            invalid(
                field.span().start,
                format!(
                    "{name} is \"{}\", but it needs a time like \"04:00\"",
                    field.get_ref()
                ),
            )
        })
    };
    if let Some(v) = &raw.day_starts_at {
        config.day_starts_at = time(v, "day_starts_at")?;
        if config.day_starts_at > NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default() {
            return Err(invalid(
                v.span().start,
                "day_starts_at must be between 00:00 and 12:00".into(),
            ));
        }
    }
    if let Some(v) = &raw.evening_from {
        config.evening_from = time(v, "evening_from")?;
    }
    if let Some(v) = &raw.week_starts_on {
        config.week_starts_on = parse_weekday(v.get_ref()).ok_or_else(|| {
            invalid(
                v.span().start,
                format!(
                    "week_starts_on is \"{}\", but it needs a weekday like \"monday\"",
                    v.get_ref()
                ),
            )
        })?;
    }
    Ok(())
}

impl Config {
    /// Loads `path`; a file that does not exist gives the defaults. Keys
    /// left out are not reported: see [`load`].
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        load(path).map(|l| l.config)
    }

    /// Reads the text of a config file; see [`parse`].
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        parse(text, path).map(|l| l.config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn an_empty_file_gives_defaults() {
        let c = parse("").expect("valid");
        assert_eq!(c, Config::default());
        assert_eq!(c.day_starts_at.to_string(), "04:00:00");
        assert_eq!(c.evening_from.to_string(), "17:00:00");
        assert_eq!(c.week_starts_on, Weekday::Mon);
    }

    #[test]
    fn a_missing_file_gives_defaults() {
        let c = Config::load(Path::new("/nonexistent/smallwins/config.toml")).expect("defaults");
        assert_eq!(c, Config::default());
    }

    #[test]
    fn values_are_read() {
        let c = parse(
            "day_starts_at = \"03:00\"\nevening_from = \"19:30\"\nweek_starts_on = \"sunday\"\n\
             [prompts]\nevening = [{ key = \"one\", text = \"Just one?\" }]\n",
        )
        .expect("valid");
        assert_eq!(c.day_starts_at.to_string(), "03:00:00");
        assert_eq!(c.evening_from.to_string(), "19:30:00");
        assert_eq!(c.week_starts_on, Weekday::Sun);
        assert_eq!(c.prompts.evening.len(), 1);
    }

    #[test]
    fn a_bad_time_names_its_line() {
        let err = parse("# comment\nevening_from = \"7pm\"\n").expect_err("invalid");
        match &err {
            ConfigError::Invalid { line, message, .. } => {
                assert_eq!(*line, 2);
                assert!(message.contains("evening_from"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("line 2"));
    }

    #[test]
    fn broken_toml_names_its_line_and_an_unknown_key_is_a_warning() {
        let err = parse("day_starts_at = \"04:00\"\n\nthis is not toml\n").expect_err("invalid");
        assert!(
            matches!(err, ConfigError::Invalid { line: 3, .. }),
            "{err:?}"
        );
        let loaded = super::parse(
            "day_starts_at = \"03:00\"\ncolour = \"blue\"\n",
            Path::new("config.toml"),
        )
        .expect("an unknown key is left out");
        assert_eq!(loaded.config.day_starts_at.to_string(), "03:00:00");
        let [warning] = loaded.warnings.as_slice() else {
            panic!("{:?}", loaded.warnings)
        };
        assert_eq!((warning.line, warning.key.as_str()), (2, "colour"));
        assert!(
            warning.to_string().contains("\"colour\" on line 2"),
            "{warning}"
        );
    }

    /// The documented default config with every setting uncommented.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if is_setting(rest) => rest,
                _ => "",
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn is_setting(line: &str) -> bool {
        line.starts_with('[')
            || line.split_once(" = ").is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
    }

    #[test]
    fn the_default_config_reads_as_the_defaults_with_or_without_its_comments() {
        let text = default_text();
        let as_is = super::parse(&text, Path::new("config.toml")).expect("valid");
        assert_eq!(as_is.config, Config::default());
        assert!(as_is.warnings.is_empty(), "{:?}", as_is.warnings);
        let settings = &text[..text.find("# [prompts]").expect("prompts")];
        let open = uncommented(settings);
        assert!(
            open.contains("[keys.rating]") && open.contains("theme = "),
            "{open}"
        );
        let all = super::parse(&open, Path::new("config.toml")).expect("valid");
        assert!(all.warnings.is_empty(), "{:?}", all.warnings);
        let c = all.config;
        let d = Config::default();
        assert_eq!(
            (c.day_starts_at, c.evening_from, c.week_starts_on),
            (d.day_starts_at, d.evening_from, d.week_starts_on)
        );
        assert_eq!((c.tui.theme, c.tui.mouse), (d.tui.theme, d.tui.mouse));
        for glyph in crate::model::Glyph::ALL {
            assert_eq!(c.glyphs.get(glyph), d.glyphs.get(glyph), "{glyph:?}");
        }
        assert_eq!(c.tui.colors.len(), crate::model::tui::ColorRole::ALL.len());
        assert!(c.tui.keys.len() > 40, "{:?}", c.tui.keys);
        // The prompts section, uncommented line by line, is the built-in one.
        let prompts = &text[text.find("# [prompts]").expect("prompts")..];
        let prompts: String = prompts
            .lines()
            .map(|l| l.strip_prefix("# ").unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let p = Config::parse(&prompts, Path::new("config.toml")).expect("prompts read");
        assert_eq!(p.prompts, d.prompts);
    }

    #[test]
    fn the_built_in_prompts_read_and_cover_every_moment() {
        let p = built_in_prompts().expect("assets/prompts.toml reads");
        assert!(!p.morning.is_empty());
        assert!(p.evening.iter().any(|p| p.key == "adjust"));
        assert!(!p.after_miss.is_empty());
        assert!(!p.weekly.is_empty());
        assert!(p.examples.len() >= 3);
        assert_eq!(Config::default().prompts, p);
        assert_eq!(Config::built_in(), Ok(Config::default()));
    }

    #[test]
    fn a_malformed_prompts_asset_is_an_error_that_names_its_line() {
        let broken = BUILT_IN_PROMPTS.replacen("[[", "[[[", 1);
        let line = BUILT_IN_PROMPTS[..BUILT_IN_PROMPTS.find("[[").expect("a list")]
            .matches('\n')
            .count()
            + 1;
        match parse_prompts(&broken) {
            Err(ConfigError::BuiltIn { line: at, message }) => {
                assert_eq!(at, line, "{message}");
                let sentence = ConfigError::BuiltIn { line: at, message }.to_string();
                assert!(sentence.contains("assets/prompts.toml"), "{sentence}");
            }
            other => panic!("a broken asset read as {other:?}"),
        }
        let missing_list = "morning = []\nevening = []\n";
        assert!(matches!(
            parse_prompts(missing_list),
            Err(ConfigError::BuiltIn { .. })
        ));
    }

    #[test]
    fn overrides_replace_only_the_lists_they_name() {
        let o = PromptOverrides {
            evening: Some(vec![Prompt {
                key: "one".into(),
                text: "One thing?".into(),
            }]),
            morning: Some(vec![]),
            ..Default::default()
        };
        let defaults = Config::default().prompts;
        let p = o.apply(defaults.clone());
        assert_eq!(p.evening.len(), 1);
        assert_eq!(p.text("one"), Some("One thing?"));
        assert_eq!(
            p.morning, defaults.morning,
            "an empty list keeps the default"
        );
        assert_eq!(p.weekly, defaults.weekly);
    }
}
