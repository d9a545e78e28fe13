//! `status`: one short line of what is left today, for a shell prompt or
//! a status bar ("2 promises to mark · evening reflection open · 3 wins
//! today"). Fast enough to run on every prompt: it reads only the day's
//! records (`domain::status`), through a read-only open that creates
//! nothing, and never makes the daily copy.
//!
//! - No journal at the path (nothing written yet): prints nothing, exit 0.
//! - An encrypted journal: its passphrase from `--passphrase-file`,
//!   `SMALLWINS_PASSPHRASE_FILE`, `passphrase_command` or the keyring,
//!   never asked for; with none of them, prints nothing, exit 0.
//! - A journal of an older version is not updated here: one sentence on
//!   stderr, exit 1 (any other command updates it). Any other problem with
//!   the file: one sentence, exit 1; a template it cannot read: exit 2.
//!
//! `--format text` (the default), `--format json` (also `--json`):
//! `{day, part, to_mark, marked, wins, checkin_done, reflection_done,
//! line}`; any other `--format` is a template whose `{field}`s are filled
//! in ([`FIELDS`]), `{{` and `}}` being braces.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::error::{CliError, Result};
use crate::cli::output::to_json;
use crate::cli::passphrase::{self, Purpose, Sources};
use crate::domain::status::{self, DayStatus};
use crate::model::Config;
use crate::store::{self, Key, StoreError};

/// The fields a template may name, and what each holds.
pub const FIELDS: &[(&str, &str)] = &[
    ("line", "the whole line, as `status` prints it"),
    ("to_mark", "promises asking today and not marked yet"),
    ("open", "the same as to_mark"),
    ("marked", "promises marked today"),
    ("wins", "today's wins"),
    ("part", "morning or evening"),
    ("checkin", "the morning check-in: open or done"),
    ("reflection", "the evening reflection: open or done"),
    ("day", "today, as YYYY-MM-DD"),
];

/// How the line is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Template(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Field(&'static str),
}

/// `status`: what it prints (empty when there is nothing to read).
pub fn status(
    db: &Path,
    format: Option<&str>,
    json: bool,
    now: NaiveDateTime,
    config: &Config,
    sources: &Sources,
) -> Result<String> {
    let format = match (json, format) {
        (true, None | Some("json")) => Format::Json,
        (true, Some(_)) => {
            return Err(CliError::Input(
                "--json prints the status as JSON already; leave out --format, or use --format json.".into(),
            ));
        }
        (false, None | Some("text")) => Format::Text,
        (false, Some("json")) => Format::Json,
        (false, Some(template)) => Format::Template(parse_template(template)?),
    };
    let Some(key) = key(db, sources)? else {
        return Ok(String::new());
    };
    let status = match status::read(db, &key, now, config) {
        Ok(status) => status,
        Err(StoreError::NoJournal(_)) => return Ok(String::new()),
        Err(e) => return Err(e.into()),
    };
    Ok(match format {
        Format::Text => format!("{}\n", status.line()),
        Format::Json => to_json(&Json::of(&status))?,
        Format::Template(pieces) => format!("{}\n", fill(&pieces, &status)),
    })
}

/// What unlocks the journal: plain, a passphrase found without asking, or
/// `None` for an encrypted journal with no passphrase to hand.
fn key(db: &Path, sources: &Sources) -> Result<Option<Key>> {
    if !store::is_encrypted(db) {
        return Ok(Some(Key::Plain));
    }
    Ok(
        passphrase::find(&Purpose::journal(db), sources)?
            .map(|(secret, _)| Key::passphrase(secret)),
    )
}

/// `--format json`.
#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    status: &'a DayStatus,
    line: String,
}

impl<'a> Json<'a> {
    fn of(status: &'a DayStatus) -> Json<'a> {
        Json {
            status,
            line: status.line(),
        }
    }
}

/// Reads a template: text with `{field}`s, `{{` and `}}` for braces.
fn parse_template(template: &str) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let field = FIELDS
                    .iter()
                    .find(|(f, _)| *f == name.trim())
                    .map(|(f, _)| *f)
                    .ok_or_else(|| unknown_field(&name))?;
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                pieces.push(Piece::Field(field));
            }
            '}' => return Err(unknown_field("}")),
            c => literal.push(c),
        }
    }
    pieces.push(Piece::Literal(literal));
    Ok(pieces)
}

fn unknown_field(name: &str) -> CliError {
    let names: Vec<String> = FIELDS.iter().map(|(f, _)| format!("{{{f}}}")).collect();
    CliError::Input(format!(
        "\"{{{name}}}\" is not a field --format knows; use {} (and {{{{ or }}}} for a brace).",
        names.join(", ")
    ))
}

fn fill(pieces: &[Piece], status: &DayStatus) -> String {
    let open_or_done = |done: bool| if done { "done" } else { "open" };
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => text.clone(),
            Piece::Field("line") => status.line(),
            Piece::Field("to_mark" | "open") => status.to_mark.to_string(),
            Piece::Field("marked") => status.marked.to_string(),
            Piece::Field("wins") => status.wins.to_string(),
            Piece::Field("part") => status.part.to_string(),
            Piece::Field("checkin") => open_or_done(status.checkin_done).to_string(),
            Piece::Field("reflection") => open_or_done(status.reflection_done).to_string(),
            Piece::Field(_) => status.day.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_knows_its_fields_and_its_braces() {
        let pieces = parse_template("{open} open · {{{wins}}}").expect("template");
        let status = DayStatus {
            day: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day"),
            part: "evening",
            to_mark: 2,
            marked: 1,
            wins: 3,
            checkin_done: true,
            reflection_done: false,
        };
        assert_eq!(fill(&pieces, &status), "2 open · {3}");
        let e = parse_template("{wins} {mood}").expect_err("no mood field");
        assert!(e.message().contains("\"{mood}\" is not a field"), "{e:?}");
        assert!(parse_template("a } b").is_err());
    }
}
