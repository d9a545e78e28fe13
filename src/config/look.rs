//! How the app looks and answers: `theme`, `[colors]`, `glyphs`,
//! `[custom_glyphs]`, `mouse` and `[keys]`, read from the parsed document
//! with the place of every value, so a wrong one names its line. And the
//! keys a config file may hold at all: anything else is reported by
//! [`unknown_keys`] and left out.

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_width::UnicodeWidthStr;

use super::keys::parse_key;
use super::{ConfigError, Invalid};
use crate::model::tui::{
    ACTION_NAMES, COLOUR_NAMES, ColorRole, Colour, KeyOverride, KeyPlace, ThemeName,
};
use crate::model::{Config, Glyph, GlyphSet, Glyphs};

type Value<'i> = Spanned<DeValue<'i>>;

/// Fills the look settings of `config` from the document.
pub(super) fn read(
    doc: &DeTable,
    config: &mut Config,
    invalid: &Invalid,
) -> Result<(), ConfigError> {
    let tui = &mut config.tui;
    if let Some(v) = doc.get("theme") {
        let name = string(v, "theme", invalid)?;
        tui.theme = ThemeName::from_name(name.trim()).ok_or_else(|| {
            let names: Vec<_> = ThemeName::ALL.iter().map(|t| t.name()).collect();
            invalid(
                v.span().start,
                format!(
                    "theme is \"{name}\", but it needs one of {}",
                    or_list(&names)
                ),
            )
        })?;
    }
    if let Some(v) = doc.get("mouse") {
        tui.mouse = match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                return Err(invalid(
                    v.span().start,
                    "mouse needs true or false (without quotes)".into(),
                ));
            }
        };
    }
    if let Some(table) = table_of(doc, "colors") {
        for (key, v) in table.iter() {
            if let Some(role) = ColorRole::from_name(key.get_ref()) {
                tui.colors.push((role, colour(v, role.name(), invalid)?));
            }
        }
    }
    config.glyphs = glyphs(doc, invalid)?;
    if let Some(keys) = table_of(doc, "keys") {
        read_keys(keys, KeyPlace::Everywhere, &mut tui.keys, invalid)?;
        for place in KeyPlace::NAMED {
            if let Some(table) = table_of(keys, place.name()) {
                read_keys(table, place, &mut tui.keys, invalid)?;
            }
        }
    }
    Ok(())
}

fn table_of<'a, 'i>(doc: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    doc.get(key).and_then(|v| v.get_ref().as_table())
}

fn string<'a>(v: &'a Value, name: &str, invalid: &Invalid) -> Result<&'a str, ConfigError> {
    v.get_ref()
        .as_str()
        .ok_or_else(|| invalid(v.span().start, format!("{name} needs a text in quotes")))
}

fn or_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// `glyphs = "ascii"` and the glyphs `[custom_glyphs]` replaces.
fn glyphs(doc: &DeTable, invalid: &Invalid) -> Result<Glyphs, ConfigError> {
    let mut glyphs = Glyphs::default();
    if let Some(v) = doc.get("glyphs") {
        let name = string(v, "glyphs", invalid)?;
        glyphs.set = GlyphSet::from_name(name.trim()).ok_or_else(|| {
            invalid(
                v.span().start,
                format!("glyphs is \"{name}\", but it needs \"unicode\" or \"ascii\""),
            )
        })?;
    }
    if let Some(table) = table_of(doc, "custom_glyphs") {
        for (key, v) in table.iter() {
            let Some(glyph) = Glyph::from_name(key.get_ref()) else {
                continue;
            };
            let text = string(v, glyph.name(), invalid)?;
            if text.width() != 1 || text.chars().any(char::is_control) {
                return Err(invalid(
                    v.span().start,
                    format!(
                        "the {} glyph is \"{text}\", but it needs to be one character one column wide",
                        glyph.name()
                    ),
                ));
            }
            glyphs.custom.push((glyph, text.to_string()));
        }
    }
    Ok(glyphs)
}

/// A colour: a name ("yellow"), a palette number (0–255), `#rrggbb` or
/// "default".
fn colour(v: &Value, role: &str, invalid: &Invalid) -> Result<Colour, ConfigError> {
    let wrong = || {
        invalid(
            v.span().start,
            format!(
                "the {role} colour needs a name like \"yellow\", a number from 0 to 255, \"#rrggbb\" or \"default\""
            ),
        )
    };
    match v.get_ref() {
        DeValue::Integer(i) => i
            .as_str()
            .parse::<u8>()
            .map(Colour::Indexed)
            .map_err(|_| wrong()),
        DeValue::String(s) => parse_colour(s).ok_or_else(wrong),
        _ => Err(wrong()),
    }
}

fn parse_colour(text: &str) -> Option<Colour> {
    let t = text.trim().to_lowercase().replace(['-', '_', ' '], "");
    if t == "default" || t == "reset" {
        return Some(Colour::Default);
    }
    if let Some(hex) = t.strip_prefix('#') {
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        if hex.len() != 6 {
            return None;
        }
        return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if let Ok(n) = t.parse::<u8>() {
        return Some(Colour::Indexed(n));
    }
    let t = t.replace("grey", "gray");
    COLOUR_NAMES
        .iter()
        .position(|n| *n == t)
        .map(|i| Colour::Indexed(i as u8))
}

/// One `[keys]` table: each action's key or keys.
fn read_keys(
    table: &DeTable,
    place: KeyPlace,
    out: &mut Vec<KeyOverride>,
    invalid: &Invalid,
) -> Result<(), ConfigError> {
    for (name, v) in table.iter() {
        let action = name.get_ref();
        if !ACTION_NAMES.contains(&action.as_ref()) {
            continue;
        }
        let written: Vec<&Value> = match v.get_ref() {
            DeValue::String(_) => vec![v],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                return Err(invalid(
                    v.span().start,
                    format!("{action} needs a key like \"a\" or a list like [\"a\", \"ctrl-u\"]"),
                ));
            }
        };
        let mut keys = Vec::new();
        for item in written {
            let text = string(item, action, invalid)?;
            let key = parse_key(text).map_err(|why| invalid(item.span().start, why))?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        out.push(KeyOverride {
            place,
            action: action.to_string(),
            keys,
        });
    }
    Ok(())
}

/// Every key of the document smallwins does not know, with where it is,
/// its dotted name, and a known key it may be a slip for; in file order.
pub(super) fn unknown_keys(doc: &DeTable) -> Vec<(usize, String, Option<String>)> {
    let mut found = Vec::new();
    let top = [
        "day_starts_at",
        "evening_from",
        "week_starts_on",
        "passphrase_command",
        "prompts",
        "theme",
        "colors",
        "glyphs",
        "custom_glyphs",
        "mouse",
        "keys",
        "share",
        "sync",
    ];
    check(doc, "", &top, &mut found);
    if let Some(share) = table_of(doc, "share") {
        check(share, "share.", &super::share::KEYS, &mut found);
    }
    if let Some(sync) = table_of(doc, "sync") {
        check(sync, "sync.", &super::sync::KEYS, &mut found);
    }
    if let Some(prompts) = table_of(doc, "prompts") {
        let lists = ["morning", "evening", "after_miss", "weekly", "examples"];
        check(prompts, "prompts.", &lists, &mut found);
        for list in lists {
            let items = prompts.get(list).and_then(|v| v.get_ref().as_array());
            for item in items.into_iter().flatten() {
                if let Some(t) = item.get_ref().as_table() {
                    check(
                        t,
                        &format!("prompts.{list}[]."),
                        &["key", "text"],
                        &mut found,
                    );
                }
            }
        }
    }
    let roles: Vec<&str> = ColorRole::ALL.iter().map(|r| r.name()).collect();
    if let Some(colors) = table_of(doc, "colors") {
        check(colors, "colors.", &roles, &mut found);
    }
    let glyph_names: Vec<&str> = Glyph::ALL.iter().map(|g| g.name()).collect();
    if let Some(glyphs) = table_of(doc, "custom_glyphs") {
        check(glyphs, "custom_glyphs.", &glyph_names, &mut found);
    }
    if let Some(keys) = table_of(doc, "keys") {
        let places: Vec<&str> = KeyPlace::NAMED.iter().map(|p| p.name()).collect();
        let top_keys: Vec<&str> = ACTION_NAMES.iter().chain(&places).copied().collect();
        check(keys, "keys.", &top_keys, &mut found);
        for place in places {
            if let Some(t) = table_of(keys, place) {
                check(t, &format!("keys.{place}."), &ACTION_NAMES, &mut found);
            }
        }
    }
    found.sort();
    found
}

/// Reports the keys of `table` not in `known`.
fn check(
    table: &DeTable,
    prefix: &str,
    known: &[&str],
    found: &mut Vec<(usize, String, Option<String>)>,
) {
    for key in table.keys() {
        let name = key.get_ref();
        if !known.contains(&name.as_ref()) {
            let suggestion = closest(name, known).map(|k| format!("{prefix}{k}"));
            found.push((key.span().start, format!("{prefix}{name}"), suggestion));
        }
    }
}

/// The known key `name` is most likely a slip for: at most two edits away
/// (or "colours" for "colors").
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase().replace("colour", "color");
    known
        .iter()
        .map(|k| (edit_distance(&name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_as_names_numbers_and_hex() {
        assert_eq!(parse_colour("yellow"), Some(Colour::Indexed(3)));
        assert_eq!(parse_colour("Light-Cyan"), Some(Colour::Indexed(14)));
        assert_eq!(parse_colour("grey"), Some(Colour::Indexed(7)));
        assert_eq!(parse_colour("dark_gray"), Some(Colour::Indexed(8)));
        assert_eq!(parse_colour("214"), Some(Colour::Indexed(214)));
        assert_eq!(parse_colour("#FFaa00"), Some(Colour::Rgb(255, 170, 0)));
        assert_eq!(parse_colour("default"), Some(Colour::Default));
        for wrong in ["#ffaa0", "#gg0000", "256", "mauve", ""] {
            assert_eq!(parse_colour(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_slip_is_matched_to_the_key_it_was_meant_to_be() {
        assert_eq!(closest("colours", &["colors", "theme"]), Some("colors"));
        assert_eq!(closest("them", &["colors", "theme"]), Some("theme"));
        assert_eq!(closest("background", &["colors", "theme"]), None);
    }
}
