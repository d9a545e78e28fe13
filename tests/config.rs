//! The config file: every setting read, a value that cannot be used named
//! by its line, a key smallwins does not know left out with a warning that
//! names it (on stderr for commands, in the message line of the full-screen
//! journal), and `smallwins config path|default|check`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{NaiveTime, Weekday};
use common::pty::Pty;
use smallwins::config::{self, Config, ConfigError};
use smallwins::model::tui::{
    ColorRole, Colour, KeyChord, KeyModifier, KeyName, KeyOverride, KeyPlace, ThemeName,
};
use smallwins::model::{Glyph, GlyphSet};

fn parse(text: &str) -> Result<config::Loaded, ConfigError> {
    config::parse(text, Path::new("config.toml"))
}

fn key(c: char) -> KeyChord {
    KeyChord {
        key: KeyName::Char(c),
        modifier: KeyModifier::None,
    }
}

const FULL: &str = r##"
day_starts_at = "03:30"
evening_from = "18:00"
week_starts_on = "sunday"
theme = "light"
glyphs = "ascii"
mouse = false

[custom_glyphs]
kept = "+"

[colors]
kept = "#ffaa00"
missed = "gray"
accent = 33

[keys]
add_win = ["a", "ctrl-w"]
undo = "ctrl-u"

[keys.calendar]
open = ["enter", "o"]

[prompts]
weekly = [{ key = "one", text = "One thing you noticed?" }]
"##;

#[test]
fn a_valid_config_sets_every_setting() {
    let loaded = parse(FULL).expect("valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = loaded.config;
    assert_eq!(
        c.day_starts_at,
        NaiveTime::from_hms_opt(3, 30, 0).expect("time")
    );
    assert_eq!(
        c.evening_from,
        NaiveTime::from_hms_opt(18, 0, 0).expect("time")
    );
    assert_eq!(c.week_starts_on, Weekday::Sun);
    assert_eq!(c.tui.theme, ThemeName::Light);
    assert!(!c.tui.mouse);
    assert_eq!(c.glyphs.set, GlyphSet::Ascii);
    assert_eq!(c.glyphs.get(Glyph::Kept), "+");
    assert_eq!(c.glyphs.get(Glyph::Missed), "o", "the rest stay ASCII");
    assert_eq!(
        c.tui.colors,
        [
            (ColorRole::Accent, Colour::Indexed(33)),
            (ColorRole::Kept, Colour::Rgb(255, 170, 0)),
            (ColorRole::Missed, Colour::Indexed(7)),
        ]
    );
    let ctrl = |c| KeyChord {
        key: KeyName::Char(c),
        modifier: KeyModifier::Ctrl,
    };
    assert!(c.tui.keys.contains(&KeyOverride {
        place: KeyPlace::Everywhere,
        action: "add_win".into(),
        keys: vec![key('a'), ctrl('w')],
    }));
    assert!(c.tui.keys.contains(&KeyOverride {
        place: KeyPlace::Everywhere,
        action: "undo".into(),
        keys: vec![ctrl('u')],
    }));
    assert!(c.tui.keys.contains(&KeyOverride {
        place: KeyPlace::Calendar,
        action: "open".into(),
        keys: vec![
            KeyChord {
                key: KeyName::Enter,
                modifier: KeyModifier::None
            },
            key('o')
        ],
    }));
    assert_eq!(c.prompts.weekly.len(), 1);
    assert_eq!(c.prompts.evening, Config::default().prompts.evening);
}

#[test]
fn a_value_that_cannot_be_used_names_its_line_and_the_setting() {
    let cases = [
        ("# mine\ntheme = \"dark\"\n", 2, "theme"),
        ("glyphs = \"emoji\"\n", 1, "glyphs"),
        ("mouse = \"yes\"\n", 1, "mouse"),
        ("\n[colors]\nkept = \"mauve\"\n", 3, "kept colour"),
        ("[colors]\ntext = 300\n", 2, "text colour"),
        ("[custom_glyphs]\nkept = \"ok\"\n", 2, "kept glyph"),
        (
            "[keys]\nquit = \"q\"\nadd_win = \"hyper-w\"\n",
            3,
            "hyper-w",
        ),
        ("[keys.today]\n\nadd_win = 7\n", 3, "add_win"),
        (
            "[keys]\nundo = [\"ctrl-alt-z\"]\n",
            2,
            "one of ctrl-, alt- or shift-",
        ),
        ("evening_from = \"7pm\"\n", 1, "evening_from"),
        ("theme = \"light\"\nthis is not toml\n", 2, ""),
    ];
    for (text, line, names) in cases {
        match parse(text) {
            Err(e @ ConfigError::Invalid { .. }) => {
                let sentence = e.to_string();
                assert!(
                    sentence.contains(&format!("on line {line}:")),
                    "{text:?}: {sentence}"
                );
                assert!(sentence.contains(names), "{text:?}: {sentence}");
                assert!(sentence.ends_with('.'), "{sentence}");
                assert!(!sentence.contains('\n'), "one sentence: {sentence}");
            }
            other => panic!("{text:?} read as {other:?}"),
        }
    }
}

#[test]
fn an_unknown_key_is_left_out_with_a_warning_naming_it() {
    let text = "theme = \"light\"\ncolours = \"blue\"\n[colors]\nkep = 1\nkept = 3\n\
                [keys]\nadd_wins = \"a\"\n[keys.todya]\nquit = \"x\"\n[prompts]\n\
                evening = [{ key = \"one\", text = \"One?\", hint = \"h\" }]\n";
    let loaded = parse(text).expect("unknown keys do not stop anything");
    let found: Vec<(usize, &str, Option<&str>)> = loaded
        .warnings
        .iter()
        .map(|w| (w.line, w.key.as_str(), w.suggestion.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "colours", Some("colors")),
            (4, "colors.kep", Some("colors.kept")),
            (7, "keys.add_wins", Some("keys.add_win")),
            (8, "keys.todya", Some("keys.today")),
            (11, "prompts.evening[].hint", None),
        ]
    );
    let sentence = loaded.warnings[0].to_string();
    assert!(
        sentence.contains("\"colours\" on line 2") && sentence.contains("did you mean \"colors\""),
        "{sentence}"
    );
    // Everything it does know still applies.
    let c = loaded.config;
    assert_eq!(c.tui.theme, ThemeName::Light);
    assert_eq!(c.tui.colors, [(ColorRole::Kept, Colour::Indexed(3))]);
    assert_eq!(c.prompts.evening.len(), 1);
}

// ----- the command line ---------------------------------------------------

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config(&self, text: &str) -> PathBuf {
        let path = self.path("config.toml");
        fs::write(&path, text).expect("write config");
        path
    }

    /// The binary with a journal in this folder, the config at `config`,
    /// and no config folder of the person running the tests.
    fn cmd(&self, config: Option<&Path>) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_smallwins"));
        cmd.env("SMALLWINS_NOW", "2026-11-21T08:30")
            .env_remove("SMALLWINS_DB")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("xdg"))
            .arg("--db")
            .arg(self.path("journal.db"));
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        cmd
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn config_path_prints_where_the_config_is_read_from() {
    let d = Dir::new();
    let out = d.cmd(None).args(["config", "path"]).output().expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = d.path("xdg").join("smallwins").join("config.toml");
    assert_eq!(stdout(&out), format!("{}\n", expected.display()));
    let mine = d.path("mine.toml");
    let out = d
        .cmd(Some(&mine))
        .args(["config", "path", "--json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(json["path"], mine.display().to_string());
    assert_eq!(json["exists"], false);
}

#[test]
fn config_default_is_a_documented_config_that_reads_cleanly() {
    let d = Dir::new();
    let out = d
        .cmd(None)
        .args(["config", "default"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for setting in [
        "day_starts_at",
        "evening_from",
        "week_starts_on",
        "theme",
        "glyphs",
        "[custom_glyphs]",
        "[colors]",
        "mouse",
        "[keys]",
        "[keys.rating]",
        "add_win",
        "[prompts]",
        "[[prompts.evening]]",
    ] {
        assert!(
            text.contains(setting),
            "{setting} is not documented:\n{text}"
        );
    }
    let saved = d.config(&text);
    let out = d
        .cmd(Some(&saved))
        .args(["config", "check"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "The config file {} reads cleanly.\n{AUTO}\n",
            saved.display()
        )
    );
}

const AUTO: &str = "Theme \"auto\": light or dark as your terminal's background is when the full-screen journal starts (dark if the terminal does not say).";

#[test]
fn config_check_says_what_the_theme_does_and_that_no_color_wins() {
    let d = Dir::new();
    let check = |config: &Path, no_color: Option<&str>| {
        let mut cmd = d.cmd(Some(config));
        cmd.env_remove("NO_COLOR").args(["config", "check"]);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().expect("runs");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // Auto is the default: with no file, and with a file that leaves it.
    let none = d.path("none.toml");
    assert!(check(&none, None).ends_with(&format!("{AUTO}\n")));
    let empty = d.config("mouse = false\n");
    assert!(check(&empty, None).ends_with(&format!("{AUTO}\n")));
    let light = d.path("light.toml");
    fs::write(&light, "theme = \"light\"\n").expect("write config");
    assert!(check(&light, None).ends_with("Theme \"light\".\n"));
    assert!(check(&empty, Some("1")).ends_with(
        "NO_COLOR is set, so the full-screen journal draws without colour, whatever the theme.\n"
    ));
}

#[test]
fn a_command_warns_on_stderr_about_an_unknown_key_and_goes_on() {
    let d = Dir::new();
    let config = d.config("theme = \"light\"\ncolour = \"blue\"\n");
    let out = d
        .cmd(Some(&config))
        .args(["win", "walked to the shop"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("\"colour\" on line 2") && err.ends_with(".\n"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(stdout(&out).contains("walked to the shop"));
}

#[test]
fn a_command_stops_on_a_value_it_cannot_use_and_writes_nothing() {
    let d = Dir::new();
    let config = d.config("\n\ntheme = \"dark\"\n");
    let out = d
        .cmd(Some(&config))
        .args(["win", "walked to the shop"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("line 3") && err.contains("theme"), "{err}");
    assert!(!d.path("journal.db").exists(), "nothing was written");
    // The config commands still work, so the file can be fixed.
    let out = d
        .cmd(Some(&config))
        .args(["config", "path"])
        .output()
        .expect("runs");
    assert!(out.status.success());
}

#[test]
fn config_check_lists_unknown_keys_and_keys_two_actions_share() {
    let d = Dir::new();
    let config = d.config("colour = 1\n[keys]\nadd_win = \"a\"\n");
    let out = d
        .cmd(Some(&config))
        .args(["config", "check"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\"colour\" on line 1"), "{text}");
    assert!(
        text.contains("add_win") && text.contains("add_promise") && text.contains("on Today"),
        "{text}"
    );
}

#[test]
fn the_full_screen_journal_shows_a_config_warning_in_its_message_line() {
    let d = Dir::new();
    let config = d.config("colour = \"blue\"\n");
    let db = d.path("journal.db");
    let (db, config) = (db.display().to_string(), config.display().to_string());
    let mut app = Pty::spawn(&["--db", &db, "--config", &config], &[], 140, 30);
    app.wait_for("\"colour\" on line 1");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn config_check_reports_every_problem_first_line_first() {
    let d = Dir::new();
    // Read in the order settings are looked at, day_starts_at (line 4)
    // came before theme (line 2), and only one was said.
    let config = d.config(
        "# mine\ntheme = \"plaid\"\ncolour = 1\nday_starts_at = \"lunch\"\n[share]\ninclude = [\"moods\"]\n",
    );
    let out = d
        .cmd(Some(&config))
        .args(["config", "check"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let text = stderr(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for (line, (number, what)) in
        lines
            .iter()
            .zip([(2, "plaid"), (3, "\"colour\""), (4, "lunch"), (6, "moods")])
    {
        assert!(
            line.contains(&format!("line {number}")) && line.contains(what),
            "{line} (expected line {number}: {what})\n{text}"
        );
    }
}
