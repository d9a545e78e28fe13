//! `[sync]`: whether each command that writes syncs right after
//! (`auto = true`), and the command that prints the sync folder's
//! passphrase (`passphrase_command = "pass show smallwins"`), so `sync
//! init` and `sync join` need not ask for it.

use toml::de::{DeTable, DeValue};

use super::{ConfigError, Invalid};
use crate::model::Config;

/// The keys `[sync]` may hold.
pub(super) const KEYS: [&str; 2] = ["auto", "passphrase_command"];

/// Fills `config.sync` from `[sync]`, if there is one.
pub(super) fn read(
    doc: &DeTable,
    config: &mut Config,
    invalid: &Invalid,
) -> Result<(), ConfigError> {
    let Some(table) = doc.get("sync").and_then(|v| v.get_ref().as_table()) else {
        return Ok(());
    };
    if let Some(value) = table.get("auto") {
        match value.get_ref() {
            DeValue::Boolean(auto) => config.sync.auto = *auto,
            _ => {
                return Err(invalid(
                    value.span().start,
                    "sync.auto is true or false".into(),
                ));
            }
        }
    }
    if let Some(value) = table.get("passphrase_command") {
        match value.get_ref() {
            DeValue::String(command) if !command.trim().is_empty() => {
                config.sync.passphrase_command = Some(command.to_string());
            }
            _ => {
                return Err(invalid(
                    value.span().start,
                    "sync.passphrase_command needs a command like \"pass show smallwins\"".into(),
                ));
            }
        }
    }
    Ok(())
}
