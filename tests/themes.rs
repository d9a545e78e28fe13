//! Themes and glyphs: each built-in theme drawn on a `TestBackend` (kept is
//! warm, a miss never red), `[colors]` replacing a role, `NO_COLOR` drawing
//! without colour in the full-screen journal and the command line, the
//! ASCII glyph set, and every Unicode glyph present in DejaVu Sans Mono.

mod common;

use std::path::Path;

use common::pty::Pty;
use common::{Fixture, at, lived_in};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use smallwins::config::{self, Config};
use smallwins::domain::{Clock, Journal};
use smallwins::model::{Glyph, GlyphSet};
use smallwins::ui::app::App;
use smallwins::ui::theme::Theme;

fn config(text: &str) -> Config {
    config::parse(text, Path::new("config.toml"))
        .expect("valid config")
        .config
}

/// The lived-in journal with `config`, a miss marked on the second promise.
fn app(f: &Fixture, config: Config, color: bool) -> App {
    drop(lived_in(&f.path));
    let theme = Theme::of(&config, color);
    let journal =
        Journal::open(&f.path, Clock::Fixed(at("2026-11-21T08:30")), config).expect("open journal");
    let mut app = App::new(journal, theme).expect("app");
    for key in [KeyCode::Char('j'), KeyCode::Char('x'), KeyCode::Enter] {
        app.handle_event(&Event::Key(KeyEvent::new(key, KeyModifiers::NONE)));
    }
    app
}

/// Draws through a real ratatui `Terminal` on a `TestBackend`.
fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The cells that show `glyph`.
fn cells<'a>(buf: &'a Buffer, glyph: &'a str) -> impl Iterator<Item = &'a ratatui::buffer::Cell> {
    buf.content.iter().filter(move |c| c.symbol() == glyph)
}

fn is_red(c: Color) -> bool {
    match c {
        Color::Red | Color::LightRed => true,
        Color::Indexed(n) => [1, 9, 88, 124, 160, 196, 197, 203].contains(&n),
        Color::Rgb(r, g, b) => r > 150 && g < 100 && b < 100,
        _ => false,
    }
}

fn screens(app: &mut App) -> Vec<Buffer> {
    let mut out = vec![draw(app, 120, 40)];
    for screen in ['2', '3', '4', '1'] {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(screen),
            KeyModifiers::NONE,
        )));
        out.push(draw(app, 120, 40));
    }
    out
}

#[test]
fn each_theme_draws_kept_warm_and_a_miss_never_red() {
    let warm = [
        ("default", Color::Indexed(214)),
        ("light", Color::Indexed(130)),
        ("high-contrast", Color::LightYellow),
    ];
    let mut drawn = Vec::new();
    for (name, kept) in warm {
        let f = Fixture::new();
        let mut a = app(&f, config(&format!("theme = \"{name}\"\n")), true);
        let all = screens(&mut a);
        let today = &all[0];
        assert!(
            cells(today, "✓").any(|c| c.fg == kept),
            "{name}: kept is not drawn in {kept:?}"
        );
        let misses: Vec<_> = all.iter().flat_map(|b| cells(b, "○")).collect();
        assert!(!misses.is_empty(), "{name}: the miss is drawn");
        for cell in misses {
            assert!(!is_red(cell.fg), "{name}: a miss in {:?}", cell.fg);
        }
        for buf in &all {
            for cell in &buf.content {
                assert!(!is_red(cell.fg) && !is_red(cell.bg), "{name}: red {cell:?}");
            }
        }
        drawn.push(today.clone());
    }
    assert_ne!(drawn[0], drawn[1], "light differs from default");
    assert_ne!(drawn[0], drawn[2], "high-contrast differs from default");
    let bold_kept = cells(&drawn[2], "✓").any(|c| c.modifier.contains(Modifier::BOLD));
    assert!(bold_kept, "high-contrast draws kept in bold");
}

#[test]
fn a_colour_from_the_config_replaces_the_theme_s() {
    let f = Fixture::new();
    let a = app(
        &f,
        config("theme = \"light\"\n[colors]\nkept = \"#00aa55\"\nmissed = 244\n"),
        true,
    );
    let today = draw(&a, 120, 40);
    assert!(cells(&today, "✓").any(|c| c.fg == Color::Rgb(0, 170, 85)));
    assert!(cells(&today, "○").all(|c| c.fg == Color::Indexed(244)));
}

#[test]
fn without_colour_nothing_is_coloured_whatever_the_config_says() {
    let f = Fixture::new();
    let mut a = app(
        &f,
        config("theme = \"high-contrast\"\n[colors]\nkept = \"#00aa55\"\n"),
        false,
    );
    for buf in screens(&mut a) {
        assert!(
            buf.content
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "a coloured cell"
        );
    }
}

/// Every glyph of the Unicode set, and the borders it draws with.
fn unicode_glyphs() -> Vec<&'static str> {
    let mut all: Vec<&str> = Glyph::ALL
        .iter()
        .map(|g| g.built_in(GlyphSet::Unicode))
        .collect();
    all.extend(["╭", "─", "│", "┏", "━", "┃"]);
    all
}

#[test]
fn the_ascii_set_draws_every_screen_in_ascii() {
    let f = Fixture::new();
    let mut a = app(&f, config("glyphs = \"ascii\"\n"), true);
    for buf in screens(&mut a) {
        let text = smallwins::ui::buffer_to_string(&buf);
        let odd: String = text.chars().filter(|c| !c.is_ascii()).collect();
        assert!(odd.is_empty(), "not ASCII: {odd}\n{text}");
    }
    let today = smallwins::ui::buffer_to_string(&draw(&a, 120, 40));
    assert!(today.contains("v kept"), "{today}");
    assert!(today.contains("+ Recent weeks -"), "{today}");
    assert!(today.contains("|> o Read"), "{today}");
    // In Unicode, the same screen is drawn with the Unicode glyphs.
    let f = Fixture::new();
    let unicode =
        smallwins::ui::buffer_to_string(&draw(&app(&f, Config::default(), true), 120, 40));
    for glyph in ["✓ kept", "╭ Recent weeks", "▸ ○ Read"] {
        assert!(unicode.contains(glyph), "{glyph}\n{unicode}");
    }
}

// ----- the terminal ------------------------------------------------------

/// Whether `output` sets a colour (SGR 30–37, 38, 40–47, 48, 90–97, 100–107).
fn sets_colour(output: &str) -> bool {
    output.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            return false;
        };
        seq[end..].starts_with('m')
            && seq[..end].split(';').any(|n| {
                matches!(
                    n.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
    })
}

fn tui_output(no_color: bool) -> String {
    let f = Fixture::new();
    drop(lived_in(&f.path));
    let db = f.path.display().to_string();
    let none = f.dir.path().join("none.toml").display().to_string();
    let env: &[(&str, &str)] = if no_color { &[("NO_COLOR", "1")] } else { &[] };
    let mut app = Pty::spawn(&["--db", &db, "--config", &none], env, 120, 40);
    app.wait_for("Recent");
    app.send("2");
    app.wait_for("opens");
    app.send("q");
    assert!(app.wait_exit());
    app.text()
}

#[test]
fn no_color_takes_the_colour_out_of_the_full_screen_journal() {
    assert!(sets_colour(&tui_output(false)), "colour when allowed");
    assert!(!sets_colour(&tui_output(true)), "none with NO_COLOR");
}

#[test]
fn no_color_takes_the_colour_out_of_the_command_line() {
    let run = |env: &[(&str, &str)]| {
        let mut cli = Pty::spawn(&["--no-such-option"], env, 100, 30);
        cli.wait_for("--no-such-option");
        cli.wait_exit();
        cli.text()
    };
    assert!(
        sets_colour(&run(&[])),
        "clap colours its errors in a terminal"
    );
    assert!(!sets_colour(&run(&[("NO_COLOR", "1")])));
}

// ----- the font ----------------------------------------------------------

/// The characters a TrueType font maps, from its `cmap` (format 12).
fn font_chars(font: &[u8]) -> Vec<(u32, u32)> {
    let u16_at = |o: usize| u16::from_be_bytes([font[o], font[o + 1]]);
    let u32_at = |o: usize| u32::from_be_bytes([font[o], font[o + 1], font[o + 2], font[o + 3]]);
    let tables = u16_at(4) as usize;
    let cmap = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|r| &font[*r..*r + 4] == b"cmap")
        .map(|r| u32_at(r + 8) as usize)
        .expect("a cmap table");
    let subtables = u16_at(cmap + 2) as usize;
    let sub = (0..subtables)
        .map(|i| cmap + 4 + 8 * i)
        .map(|r| cmap + u32_at(r + 4) as usize)
        .find(|s| u16_at(*s) == 12)
        .expect("a format 12 subtable");
    let groups = u32_at(sub + 12) as usize;
    (0..groups)
        .map(|g| sub + 16 + 12 * g)
        .map(|o| (u32_at(o), u32_at(o + 4)))
        .collect()
}

#[test]
fn every_unicode_glyph_is_in_dejavu_sans_mono() {
    let path = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    let font =
        std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e} (install fonts-dejavu-core)"));
    let ranges = font_chars(&font);
    let has = |c: char| {
        ranges
            .iter()
            .any(|(lo, hi)| (*lo..=*hi).contains(&u32::from(c)))
    };
    assert!(!has('⟡'), "the test finds a missing glyph missing");
    for glyph in unicode_glyphs() {
        for c in glyph.chars() {
            assert!(
                has(c),
                "{c} (U+{:04X}) is not in DejaVu Sans Mono",
                u32::from(c)
            );
        }
    }
}
