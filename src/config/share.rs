//! `[share]`: what a message shared with a trusted person includes unless
//! told otherwise. `include` is a list of names (`["mood", "confidence"]`,
//! or one name as a text); nothing extra by default.

use toml::de::{DeTable, DeValue};

use super::{ConfigError, Invalid};
use crate::model::{Config, ShareExtra, ShareInclude, share_unknown};

/// The keys `[share]` may hold.
pub(super) const KEYS: [&str; 1] = ["include"];

/// Fills `config.share_include` from `[share] include`, if there is one.
pub(super) fn read(
    doc: &DeTable,
    config: &mut Config,
    invalid: &Invalid,
) -> Result<(), ConfigError> {
    let Some(value) = doc
        .get("share")
        .and_then(|v| v.get_ref().as_table())
        .and_then(|t| t.get("include"))
    else {
        return Ok(());
    };
    let wrong = || {
        invalid(
            value.span().start,
            "share.include needs a list of names like [\"mood\", \"notes\"]".into(),
        )
    };
    let names: Vec<(usize, &str)> = match value.get_ref() {
        DeValue::String(name) => vec![(value.span().start, name.as_ref())],
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(name) => Ok((item.span().start, name.as_ref())),
                _ => Err(wrong()),
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(wrong()),
    };
    let mut include = ShareInclude::NONE;
    for (at, name) in names {
        match ShareExtra::from_name(name) {
            Some(extra) => include.set(extra, true),
            None => {
                let sentence = share_unknown(name);
                return Err(invalid(at, sentence.trim_end_matches('.').to_string()));
            }
        }
    }
    config.share_include = include;
    Ok(())
}
