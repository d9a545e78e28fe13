//! Loading the config values: the built-in prompts (`assets/prompts.toml`,
//! embedded at build time) and the person's config file (TOML), into
//! [`Config`]. A missing file means defaults; an invalid one is a clear
//! error that names the line.
//!
//! May use: `model` (the values it fills) and nothing else of ours.

use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;

pub use crate::model::Config;
use crate::model::weekday::parse_weekday;
use crate::model::{Prompt, Prompts};

/// The prompts this build asks with, unless the config file replaces them.
const BUILT_IN_PROMPTS: &str = include_str!("../assets/prompts.toml");

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
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            evening_from: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            week_starts_on: Weekday::Mon,
            prompts: built_in_prompts()?,
        })
    }
}

impl Default for Config {
    /// [`Config::built_in`]. Only a build whose unit tests fail could have
    /// built-in prompts that do not read; its defaults then ask no prompts,
    /// and [`Config::load`] says what is wrong.
    fn default() -> Self {
        Config::built_in().unwrap_or_else(|_| Config {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            evening_from: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            week_starts_on: Weekday::Mon,
            prompts: Prompts {
                morning: Vec::new(),
                evening: Vec::new(),
                after_miss: Vec::new(),
                weekly: Vec::new(),
                examples: Vec::new(),
            },
        })
    }
}

/// Lists a config file may replace; anything left out keeps the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Only a broken build: see [`built_in_prompts`].
    #[error(
        "This smallwins was built with prompts it cannot read (assets/prompts.toml, line {line}: {message}); install a release of smallwins again."
    )]
    BuiltIn { line: usize, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    day_starts_at: Option<toml::Spanned<String>>,
    evening_from: Option<toml::Spanned<String>>,
    week_starts_on: Option<toml::Spanned<String>>,
    prompts: Option<PromptOverrides>,
}

/// Where the config file lives unless `--config` says otherwise.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smallwins").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Loads `path`; a file that does not exist gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::built_in(),
            Err(e) => Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |offset: usize, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            invalid(offset, e.message().trim().trim_end_matches('.').to_string())
        })?;
        let mut config = Config::built_in()?;
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
        if let Some(o) = raw.prompts {
            config.prompts = o.apply(config.prompts);
        }
        Ok(config)
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
    fn broken_toml_and_unknown_keys_name_their_line() {
        let err = parse("day_starts_at = \"04:00\"\n\nthis is not toml\n").expect_err("invalid");
        assert!(
            matches!(err, ConfigError::Invalid { line: 3, .. }),
            "{err:?}"
        );
        let err = parse("day_starts_at = \"04:00\"\ncolour = \"blue\"\n").expect_err("invalid");
        assert!(
            matches!(err, ConfigError::Invalid { line: 2, .. }),
            "{err:?}"
        );
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
