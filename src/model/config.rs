//! The config values: the day boundary, the evening hour, the first day of
//! the week, the prompts the journal asks with, the glyphs both front ends
//! draw, the full-screen journal's settings (theme, mouse, keys), and what
//! a shared message includes by default.
//!
//! `crate::config` fills these from `assets/prompts.toml` and the person's
//! config file; nothing here reads a file.
//!
//! May use: nothing of ours.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::glyphs::Glyphs;
use super::share::ShareInclude;
use super::tui::TuiConfig;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// A moment before this hour belongs to the day before.
    pub day_starts_at: NaiveTime,
    /// From this hour the Today pane shows the evening reflection.
    pub evening_from: NaiveTime,
    pub week_starts_on: Weekday,
    pub prompts: Prompts,
    /// The glyphs every screen and the command line's text draw.
    pub glyphs: Glyphs,
    /// Theme, colours, mouse and keys of the full-screen journal.
    pub tui: TuiConfig,
    /// What a shared message includes unless told otherwise (`[share]
    /// include`); nothing extra by default.
    pub share_include: ShareInclude,
    /// `[sync]`: syncing after each write, and where the passphrase comes
    /// from.
    pub sync: SyncConfig,
    /// A command that prints the journal's passphrase (`pass show
    /// smallwins`), for an encrypted journal.
    pub passphrase_command: Option<String>,
}

/// `[sync]` in the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncConfig {
    /// Each command that writes syncs right after.
    pub auto: bool,
    /// A command that prints the sync folder's passphrase.
    pub passphrase_command: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub key: String,
    pub text: String,
}

/// The questions the journal asks, for each moment of the day and week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompts {
    pub morning: Vec<Prompt>,
    pub evening: Vec<Prompt>,
    pub after_miss: Vec<Prompt>,
    pub weekly: Vec<Prompt>,
    pub examples: Vec<String>,
}

impl Prompts {
    /// The text of a prompt by key, from any list.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.morning
            .iter()
            .chain(&self.evening)
            .chain(&self.after_miss)
            .chain(&self.weekly)
            .find(|p| p.key == key)
            .map(|p| p.text.as_str())
    }

    /// The morning prompt with this key, or an empty text.
    pub fn morning(&self, key: &str) -> &str {
        self.morning
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.text.as_str())
            .unwrap_or("")
    }
}
