//! Where a command's result becomes bytes: text or JSON on stdout, one
//! sentence on stderr, a new file for `--out`, and the sequence `share
//! --copy` sends to the terminal itself.
//!
//! This is the one place text is made safe for a terminal. A person's
//! words may hold control characters (a journal written before input was
//! cleaned, an import), so everything written to stdout, to stderr or into
//! an `--out` file goes through [`printable`] here and shows them in caret
//! notation (`^[`); JSON writes them as `\u` escapes, which read back
//! exactly. Commands never write themselves: they return a [`Report`] (or
//! a finished document) and the entry point prints it.
//!
//! A report may ask for a style on part of its text ([`styled`]: search's
//! matches). The style is written here, after the text is made printable,
//! and only when stdout is a terminal and `NO_COLOR` is not set; through a
//! pipe, into a file or with `NO_COLOR`, the text is plain, as ripgrep
//! does.
//!
//! Uses `crate::text`, the theme's colour rule and ratatui's style values,
//! and the command line's error type.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Serialize;

use super::error::{CliError, Result, io_reason};
use crate::text::{is_unsafe_control, printable};

/// Around a style's SGR parameters in a report's text: two Unicode
/// noncharacters, which are never text (and are taken out of a person's
/// words where a style is asked for, see [`unstyled`]).
const STYLE_OPEN: char = '\u{FDD0}';
const STYLE_CLOSE: char = '\u{FDD1}';

/// What a command found or did, ready to print: as words for a person
/// ([`Report::text`]) or, with `--json`, as the JSON it serialises to.
pub trait Report: Serialize {
    /// The result in words: lines, each ending in a newline.
    fn text(&self) -> String;
}

/// A report as `--json` asks for it.
pub fn print(report: &impl Report, json: bool) -> Result<String> {
    if json {
        to_json(report)
    } else {
        Ok(report.text())
    }
}

/// What a command hands back when it does not always print a report.
pub enum Printout<R> {
    /// Printed as it is, with or without `--json`: an export or a review
    /// in the format asked for, or words that have no JSON form.
    AsIs(String),
    /// A report, printed as text or JSON.
    Report(R),
}

impl<R: Report> Printout<R> {
    pub fn print(self, json: bool) -> Result<String> {
        match self {
            Printout::AsIs(text) => Ok(text),
            Printout::Report(report) => print(&report, json),
        }
    }
}

/// Lines of text, each ending in a newline.
pub fn lines(lines: impl IntoIterator<Item = String>) -> String {
    lines.into_iter().fold(String::new(), |mut out, line| {
        out.push_str(&line);
        out.push('\n');
        out
    })
}

/// Decimal places numbers with a fraction are rounded to in JSON output.
pub const JSON_PLACES: i32 = 4;

/// Pretty JSON with a final newline, safe to print, every number with a
/// fraction rounded to [`JSON_PLACES`] decimal places (half away from
/// zero, the rule for every number shown to people): a rate of
/// 0.8571428571428571 is written 0.8571, a trust gap of
/// 2.5999999999999996 is written 2.6.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_json_exact(value).map(|json| round_numbers(&json, JSON_PLACES))
}

/// Pretty JSON with a final newline, safe to print, every number exactly
/// as stored: the export, which an import must read back unchanged.
pub fn to_json_exact<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            escape_json_controls(s)
        })
        .map_err(|e| CliError::Failed(format!("The JSON could not be written: {e}.")))
}

/// Rounds every number with a fraction or an exponent in `json` (outside
/// strings) to `places` decimal places. A number stays a number with a
/// fraction (`10.0`), so the JSON keeps its types.
fn round_numbers(json: &str, places: i32) -> String {
    let b = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut i, mut copied, mut in_string) = (0, 0, false);
    while i < b.len() {
        match (in_string, b[i]) {
            (true, b'\\') => i += 2,
            (true, b'"') | (false, b'"') => {
                in_string = !in_string;
                i += 1;
            }
            (false, b'-' | b'0'..=b'9') => {
                let end = (i..b.len())
                    .find(|&j| !matches!(b[j], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .unwrap_or(b.len());
                let token = &json[i..end];
                if token.contains(['.', 'e', 'E'])
                    && let Ok(v) = token.parse::<f64>()
                    && v.is_finite()
                    && v.abs() < 1e15
                {
                    let r = crate::domain::model::rounded(v, places);
                    out.push_str(&json[copied..i]);
                    out.push_str(&if r.fract() == 0.0 {
                        format!("{r:.1}")
                    } else {
                        format!("{r}")
                    });
                    copied = end;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&json[copied..]);
    out
}

/// serde_json escapes the C0 controls inside strings but writes DEL and the
/// C1 controls (U+0080–U+009F, of which U+009B starts a terminal command)
/// as they are. They are written as `\u` escapes too, which JSON reads back
/// as the same characters, so an export still imports exactly. Outside
/// strings JSON holds no control characters but newline, so only string
/// contents change.
fn escape_json_controls(json: String) -> String {
    if !crate::text::has_unsafe_control(&json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_control(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` in `style` on a terminal that shows colour, plain otherwise:
/// marks the entry point turns into the style's escape sequence, or
/// drops ([`write_stdout`]).
pub fn styled(text: &str, style: Style) -> String {
    format!(
        "{STYLE_OPEN}{}{STYLE_CLOSE}{text}{STYLE_OPEN}0{STYLE_CLOSE}",
        sgr(style)
    )
}

/// A person's words with the two marks of a style taken out, so that
/// nothing they wrote can ask for one.
pub fn unstyled(text: &str) -> String {
    text.replace([STYLE_OPEN, STYLE_CLOSE], "")
}

/// The SGR parameters of `style`: its colours and its bold, dim, italic,
/// underline and reverse ("38;5;110;1").
fn sgr(style: Style) -> String {
    let mut params = Vec::new();
    for (colour, base) in [(style.fg, 30), (style.bg, 40)] {
        let Some(colour) = colour else { continue };
        params.push(match colour {
            Color::Reset => format!("{}", base + 9),
            Color::Indexed(n) => format!("{};5;{n}", base + 8),
            Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
            named => {
                let (n, bright) = named_colour(named);
                format!("{}", base + n + if bright { 60 } else { 0 })
            }
        });
    }
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if style.add_modifier.contains(modifier) {
            params.push(code.to_string());
        }
    }
    params.join(";")
}

/// A named colour's number (0–7) and whether it is the bright one.
fn named_colour(colour: Color) -> (u8, bool) {
    match colour {
        Color::Black => (0, false),
        Color::Red => (1, false),
        Color::Green => (2, false),
        Color::Yellow => (3, false),
        Color::Blue => (4, false),
        Color::Magenta => (5, false),
        Color::Cyan => (6, false),
        Color::Gray => (7, false),
        Color::DarkGray => (0, true),
        Color::LightRed => (1, true),
        Color::LightGreen => (2, true),
        Color::LightYellow => (3, true),
        Color::LightBlue => (4, true),
        Color::LightMagenta => (5, true),
        Color::LightCyan => (6, true),
        _ => (7, true),
    }
}

/// `text` with each style's marks as its escape sequence when `colour`,
/// else taken out. Only digits and `;` pass as parameters.
pub fn apply_styles(text: &str, colour: bool) -> std::borrow::Cow<'_, str> {
    if !text.contains(STYLE_OPEN) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find(STYLE_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + STYLE_OPEN.len_utf8()..];
        let Some(close) = after.find(STYLE_CLOSE) else {
            rest = after;
            continue;
        };
        let params = &after[..close];
        if colour && params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            out.push_str(&format!("\x1b[{params}m"));
        }
        rest = &after[close + STYLE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether stdout shows styles: a terminal, and `NO_COLOR` not set.
fn stdout_shows_colour() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && crate::ui::theme::color_allowed()
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
///
/// The one place a command's text reaches the terminal: any control
/// character in it is shown in caret notation, so no byte of a person's
/// text can drive the terminal. JSON, CSV and the screens of `show` hold
/// none by then, so for them this changes nothing. Styles a report asked
/// for ([`styled`]) are written only to a terminal that shows colour.
pub fn write_stdout(text: &str) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let text = printable(text);
    let text = apply_styles(&text, stdout_shows_colour());
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Failed(format!(
            "The output could not be written: {}.",
            io_reason(&e)
        ))),
    }
}

/// Writes to stderr as it is to stdout: control characters in caret
/// notation (an error may quote what was typed or read from a file, a
/// question may name a file). Nothing more can be done if stderr itself
/// is gone, so that is not an error.
pub fn write_stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    err.write_all(printable(text).as_bytes())
        .and_then(|()| err.flush())
        .ok();
}

/// Writes `bytes` (the sequence that copies a message, say) to the
/// controlling terminal, `/dev/tty`, and never to stdout or stderr, which
/// may be a pipe or a file. `false` when there is no terminal to write to.
pub fn write_to_terminal(bytes: &[u8]) -> bool {
    let Ok(mut tty) = fs::OpenOptions::new().write(true).open("/dev/tty") else {
        return false;
    };
    tty.write_all(bytes).and_then(|()| tty.flush()).is_ok()
}

/// Refuses to overwrite a file: exports, reviews and backups always go to
/// new files.
pub fn refuse_existing(path: &Path, what: &str) -> Result<()> {
    // A symlink counts, also one that points nowhere: writing through it
    // would make or change a file elsewhere.
    if path.symlink_metadata().is_ok() {
        return Err(already_there(path, what));
    }
    Ok(())
}

fn already_there(path: &Path, what: &str) -> CliError {
    CliError::Input(format!(
        "{} already exists and the {what} never overwrites a file; choose a new name.",
        path.display()
    ))
}

/// Creates `path` (it must not exist), readable only by its owner, and
/// writes `text` into it with any control character in caret notation, as
/// on stdout: a Markdown summary or a review may well be read with `cat`.
pub fn write_new_file(path: &Path, text: &str, what: &str) -> Result<()> {
    let bytes = printable(text);
    let bytes = bytes.as_bytes();
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let not_written = |e: &std::io::Error| {
        CliError::Failed(format!(
            "The {what} could not be written to {}: {}.",
            path.display(),
            io_reason(e)
        ))
    };
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == ErrorKind::AlreadyExists {
            already_there(path, what)
        } else {
            not_written(&e)
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            fs::remove_file(path).ok();
            not_written(&e)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Said {
        words: &'static str,
    }

    impl Report for Said {
        fn text(&self) -> String {
            lines([format!("Said: {}.", self.words)])
        }
    }

    #[test]
    fn a_report_prints_as_text_or_as_json() {
        let said = Said { words: "hello" };
        assert_eq!(print(&said, false).expect("text"), "Said: hello.\n");
        assert_eq!(
            print(&said, true).expect("json"),
            "{\n  \"words\": \"hello\"\n}\n"
        );
        let as_is: Printout<Said> = Printout::AsIs("a,b\n".into());
        assert_eq!(as_is.print(true).expect("as is"), "a,b\n");
    }

    #[test]
    fn json_numbers_are_rounded_to_a_stated_precision_and_strings_are_left_alone() {
        #[derive(Serialize)]
        struct Figures {
            trust_gap: f64,
            rate: f64,
            amount: f64,
            count: u32,
            text: &'static str,
        }
        let json = to_json(&Figures {
            trust_gap: 2.5999999999999996,
            rate: 6.0 / 7.0,
            amount: 10.0,
            count: 3,
            text: "2.5999999999999996 \"quoted 0.12345\"",
        })
        .expect("json");
        assert!(json.contains("\"trust_gap\": 2.6,"), "{json}");
        assert!(json.contains("\"rate\": 0.8571,"), "{json}");
        assert!(json.contains("\"amount\": 10.0,"), "{json}");
        assert!(json.contains("\"count\": 3,"), "{json}");
        assert!(
            json.contains("2.5999999999999996 \\\"quoted 0.12345\\\""),
            "{json}"
        );
        let exact = to_json_exact(&[6.0 / 7.0]).expect("json");
        assert!(exact.contains("0.8571428571428571"), "{exact}");
    }

    #[test]
    fn json_escapes_every_control_a_terminal_would_act_on() {
        let json = to_json(&["\u{1b}[2J\u{7f}\u{9b}31m"]).expect("json");
        assert!(!json.chars().any(is_unsafe_control), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, ["\u{1b}[2J\u{7f}\u{9b}31m"]);
    }

    #[test]
    fn a_style_is_an_escape_sequence_on_a_terminal_and_nothing_elsewhere() {
        let style = Style::new()
            .fg(Color::Indexed(110))
            .add_modifier(Modifier::BOLD);
        let text = format!("a {} b", styled("walk", style));
        assert_eq!(apply_styles(&text, true), "a \x1b[38;5;110;1mwalk\x1b[0m b");
        assert_eq!(apply_styles(&text, false), "a walk b");
        assert_eq!(sgr(Style::new().fg(Color::LightCyan)), "96");
        // A person's own marks ask for nothing.
        let theirs = unstyled("\u{FDD0}31\u{FDD1}red");
        assert_eq!(apply_styles(&theirs, true), "31red");
    }

    #[test]
    fn a_new_file_is_never_written_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.md");
        write_new_file(&path, "one\x1b[2J\n", "export").expect("written");
        assert_eq!(fs::read_to_string(&path).expect("read"), "one^[[2J\n");
        let e = write_new_file(&path, "two", "export").expect_err("exists");
        assert!(e.is_input(), "{e:?}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "one^[[2J\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
