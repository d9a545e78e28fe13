//! The config file (TOML). A missing file means defaults; an invalid one is
//! a clear error that names the line.

use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;

use crate::domain::day::parse_weekday;
use crate::domain::prompts::{PromptOverrides, Prompts};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// A moment before this hour belongs to the day before.
    pub day_starts_at: NaiveTime,
    /// From this hour the Today pane shows the evening reflection.
    pub evening_from: NaiveTime,
    pub week_starts_on: Weekday,
    pub prompts: Prompts,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            evening_from: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            week_starts_on: Weekday::Mon,
            prompts: Prompts::default(),
        }
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
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let invalid = |offset: usize, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: line_of(offset),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            invalid(offset, e.message().trim().trim_end_matches('.').to_string())
        })?;
        let mut config = Config::default();
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
            config.prompts = config.prompts.with_overrides(o);
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
}
