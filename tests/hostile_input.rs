//! Hostile input, as property tests (issue 7, "Guarantees: hostile input").
//!
//! (a) Random key sequences and pastes on the full-screen journal, drawn at
//!     random sizes from 1×1 to 300×100: no panic, and no cell of the drawn
//!     screen holds a control character, even when the journal's own words
//!     hold escape sequences (an old journal, written past the input rules).
//! (b) Random text (control characters, escape sequences, right-to-left
//!     text, combining marks, emoji, pastes up to 1 MB) through the domain
//!     API: what is saved is what `clean_controls` makes of it and reads back
//!     identically, or it is refused with one sentence; never a panic.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use common::{at, d};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smallwins::config::Config;
use smallwins::domain::{self, Clock, Journal, Mark, NewPromise, Status, Win};
use smallwins::store::Store;
use smallwins::text::clean_controls;
use smallwins::ui::app::App;
use smallwins::ui::theme::Theme;
use tempfile::TempDir;

const NOW: &str = "2026-11-21T20:30";
const TODAY: &str = "2026-11-21";
/// Retitles the terminal, clears it, and a C1 CSI.
const HOSTILE: &str = "\x1b]0;PWNED\x07\x1b[2J\u{9b}31m";

// ----- random text ---------------------------------------------------------------

/// Small pieces that text from a terminal, a log or a hostile paste is made
/// of.
const PIECES: &[&str] = &[
    HOSTILE,
    "\x1b[31m",
    "\x1b[?1049l",
    "\x1bP$q\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\u{9b}2J",
    "\u{85}",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\0",
    "\x08",
    "\x7f",
    " ",
    "   ",
    "שלום עולם",
    "مرحبا",
    "\u{202e}reversed\u{202c}",
    "\u{200f}",
    "e\u{301}",
    "a\u{336}\u{336}\u{336}",
    "👩\u{200d}👩\u{200d}👧",
    "🎉",
    "\u{fe0f}",
    "漢字",
    "\u{feff}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 .,!?'-]{1,12}",
        4 => prop::sample::select(PIECES).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        1 => (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        1 => (0x80u32..0xa0).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
    ]
}

/// Up to `pieces` pieces of text joined together.
fn text(pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..pieces).prop_map(|p| p.concat())
}

/// A paste of about a megabyte: one piece of text over and over.
fn huge() -> impl Strategy<Value = String> {
    text(6).prop_map(|t| {
        let unit = if t.is_empty() { "x".to_string() } else { t };
        unit.repeat((1 << 20) / unit.len() + 1)
    })
}

/// Any control character a terminal could act on, or that would break a
/// cell: every control character, newline and tab included.
fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// A control character that must never be saved: any but newline and tab.
fn has_unsafe_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

// ----- (a) keys on the full-screen journal -----------------------------------------

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    /// The terminal changes size.
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let chars: Vec<char> = "adehjklprtuwxAJK[]. ?1234509zqnyb".chars().collect();
    let codes = vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
        KeyCode::Backspace,
        KeyCode::F(1),
    ];
    prop_oneof![
        8 => prop::sample::select(chars).prop_map(|c| {
            let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            Input::Key(KeyCode::Char(c), mods)
        }),
        6 => prop::sample::select(codes).prop_map(|c| Input::Key(c, KeyModifiers::NONE)),
        1 => Just(Input::Key(KeyCode::Char('z'), KeyModifiers::CONTROL)),
        2 => piece().prop_map(|p| Input::Key(
            KeyCode::Char(p.chars().next().unwrap_or('x')),
            KeyModifiers::NONE,
        )),
        2 => text(12).prop_map(Input::Paste),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

/// A small journal written straight through the store, so its words hold
/// escape sequences as a journal from before the input rules could: a
/// promise with a cue and a smaller version, a measured promise, checks
/// with notes, wins, a check-in, a reflection and a weekly answer. Made
/// once; each case works on its own copy.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("template.db");
        write_hostile_journal(&path);
        (dir, path)
    });
    path
}

fn h(word: &str) -> String {
    format!("{HOSTILE}{word}\r\n{HOSTILE}")
}

fn write_hostile_journal(path: &Path) {
    use smallwins::domain::evidence::Review;
    use smallwins::domain::{Check, CheckIn, Promise, Reflection, Schedule, Target};
    let mut store = Store::open(path).expect("store");
    let start = d("2026-10-26");
    let stamp = at("2026-10-26T08:00");
    let promise = |id: &str, position, unit: Option<String>| Promise {
        id: id.into(),
        text: h(id),
        cue: Some(h("cue")),
        smaller: Some(h("smaller")),
        area: Some(h("area")),
        schedule: Schedule::Daily,
        targets: unit
            .iter()
            .map(|_| Target {
                id: format!("t-{id}"),
                from: start,
                amount: 10.0,
            })
            .collect(),
        unit,
        number: position as u32 + 1,
        versions: vec![],
        position,
        created_on: start,
        archived_on: None,
        updated_at: stamp,
    };
    store
        .write(|w| {
            w.put_promise(&promise("stretch", 0, None))?;
            w.put_promise(&promise("read", 1, Some(h("pages"))))?;
            for (i, day) in start.iter_days().take(27).enumerate() {
                w.put_check(&Check {
                    id: format!("c{i}"),
                    promise_id: "stretch".into(),
                    day,
                    status: [Status::Kept, Status::Partial, Status::Missed][i % 3],
                    amount: None,
                    note: Some(h("note")),
                    lesson: Some(h("lesson")),
                    updated_at: stamp,
                })?;
                if i % 4 == 0 {
                    w.put_win(&Win {
                        id: format!("w{i}"),
                        day,
                        text: h("win"),
                        area: Some(h("area")),
                        created_at: stamp,
                        private: false,
                    })?;
                }
            }
            w.put_checkin(&CheckIn {
                id: "ci".into(),
                day: d(TODAY),
                intention: Some(h("intention")),
                confidence: Some(5),
                updated_at: stamp,
            })?;
            w.put_reflection(&Reflection {
                id: "r".into(),
                day: d("2026-11-20"),
                answers: BTreeMap::from([("adjust".into(), h("adjust")), (h("key"), h("answer"))]),
                mood: Some(4),
                confidence: Some(6),
                updated_at: stamp,
            })?;
            w.put_review(&Review {
                id: "rv".into(),
                week_start: d("2026-11-16"),
                answers: BTreeMap::from([("next_week".into(), h("plan"))]),
                decisions: vec![],
                updated_at: stamp,
            })
        })
        .expect("hostile journal written");
}

/// A copy of the template in its own folder.
fn copy_of_template() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    std::fs::copy(template(), &path).expect("copy the template");
    (dir, path)
}

fn open(path: &Path) -> Journal {
    Journal::open(path, Clock::Fixed(at(NOW)), Config::default()).expect("open journal")
}

/// Draws the app through a real `Terminal` on a `TestBackend` and returns
/// the first cell holding a control character, if any.
fn draw(app: &App, terminal: &mut Terminal<TestBackend>) -> Option<(u16, u16, String)> {
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let area = buf.area;
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&(x, y)| has_control(buf[(x, y)].symbol()))
        .map(|(x, y)| (x, y, buf[(x, y)].symbol().to_string()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic_nor_draw_a_control_character(
        size in (1u16..=300, 1u16..=100),
        inputs in prop::collection::vec(input(), 1..40),
    ) {
        let (_dir, path) = copy_of_template();
        let mut app = App::new(open(&path), Theme::new(false)).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
        let first = draw(&app, &mut terminal);
        prop_assert!(first.is_none(), "first screen at {size:?}: control in cell {first:?}");
        for (i, input) in inputs.iter().enumerate() {
            match input {
                Input::Key(code, mods) => {
                    app.handle_event(&Event::Key(KeyEvent::new(*code, *mods)));
                }
                Input::Paste(text) => {
                    app.handle_event(&Event::Paste(text.clone()));
                }
                Input::Resize(w, h) => {
                    terminal.backend_mut().resize(*w, *h);
                    app.handle_event(&Event::Resize(*w, *h));
                }
            }
            let bad = draw(&app, &mut terminal);
            prop_assert!(
                bad.is_none(),
                "after input {i} ({input:?}) on {:?}: control in cell {bad:?}",
                app.screen
            );
        }
    }
}

// ----- (b) text through the domain API ---------------------------------------------

/// What the domain makes of a multi-line text (a win, note, lesson,
/// intention or answer): `clean_controls`, without surrounding space.
fn as_saved(text: &str) -> String {
    let cleaned = clean_controls(text).trim().to_string();
    // Only space and zero-width characters: nothing to keep.
    if domain::validate::blank(&cleaned) {
        return String::new();
    }
    cleaned
}

/// The words of a text once control characters are cleaned, for short
/// fields (promise text, cue, smaller version, area, unit).
fn words(text: &str) -> Vec<String> {
    if domain::validate::blank(&clean_controls(text)) {
        return Vec::new();
    }
    clean_controls(text)
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// A refusal is one plain sentence: not empty, short, no control character,
/// and never the raw text echoed back.
fn assert_refusal(e: &domain::Error, what: &str) -> Result<(), TestCaseError> {
    match e {
        domain::Error::Input(message) => {
            prop_assert!(!message.trim().is_empty(), "{what}: empty refusal");
            prop_assert!(
                message.len() < 400,
                "{what}: refusal of {} bytes",
                message.len()
            );
            prop_assert!(!has_control(message), "{what}: refusal {message:?}");
            Ok(())
        }
        domain::Error::Store(e) => Err(TestCaseError::fail(format!(
            "{what}: a store error instead of a refusal: {e}"
        ))),
    }
}

/// Multi-line text: saved as cleaned, with no control but newline and tab.
fn check_saved_text(saved: &str, given: &str, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!has_unsafe_control(saved), "{what}: saved {saved:?}");
    prop_assert_eq!(saved.trim(), as_saved(given), "{} from {:?}", what, given);
    Ok(())
}

/// Short text (a promise, cue, smaller version, area or unit): saved as the
/// cleaned words. Whether a line break inside is kept or made a space is
/// the domain's choice; a control character is never kept.
fn check_saved_line(saved: &str, given: &str, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!has_unsafe_control(saved), "{what}: saved {saved:?}");
    let saved_words: Vec<String> = saved.split_whitespace().map(String::from).collect();
    prop_assert_eq!(saved_words, words(given), "{} from {:?}", what, given);
    Ok(())
}

/// An optional one-line field: `None` when nothing is left once cleaned.
fn check_optional_line(saved: Option<&str>, given: &str, what: &str) -> Result<(), TestCaseError> {
    match saved {
        Some(saved) => check_saved_line(saved, given, what),
        None => {
            prop_assert!(words(given).is_empty(), "{what}: {given:?} was dropped");
            Ok(())
        }
    }
}

/// A journal for one case, with one plain promise to mark.
struct Case {
    _dir: TempDir,
    path: PathBuf,
    journal: Journal,
    promise: String,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.db");
        let mut journal = open(&path);
        let promise = journal
            .add_promise(NewPromise {
                text: "Stretch for ten seconds".into(),
                ..NewPromise::default()
            })
            .expect("plain promise")
            .id;
        Case {
            _dir: dir,
            path,
            journal,
            promise,
        }
    }

    /// The journal as a later run reads it.
    fn reopened(&self) -> Journal {
        open(&self.path)
    }
}

fn today() -> NaiveDate {
    d(TODAY)
}

/// A win: saved as cleaned and read back identically, or refused.
fn win_round_trip(case: &mut Case, text: &str, area: Option<&str>) -> Result<(), TestCaseError> {
    match case.journal.add_win(today(), text, area) {
        Ok(win) => {
            check_saved_text(&win.text, text, "win")?;
            if let Some(area) = area {
                check_optional_line(win.area.as_deref(), area, "win area")?;
            }
            let again = case.reopened().day(today()).expect("day").wins;
            prop_assert!(again.contains(&win), "the win read back differs: {again:?}");
            Ok(())
        }
        Err(e) => assert_refusal(&e, "win"),
    }
}

/// A promise with `text` in one field: saved as cleaned and read back
/// identically, or refused.
fn promise_round_trip(case: &mut Case, field: usize, text: &str) -> Result<(), TestCaseError> {
    let mut new = NewPromise {
        text: "Read".into(),
        ..NewPromise::default()
    };
    match field {
        0 => new.text = text.into(),
        1 => new.cue = Some(text.into()),
        2 => new.smaller = Some(text.into()),
        3 => new.area = Some(text.into()),
        _ => {
            new.unit = Some(text.into());
            new.target = Some(10.0);
        }
    }
    match case.journal.add_promise(new) {
        Ok(p) => {
            match field {
                0 => check_saved_line(&p.text, text, "promise")?,
                1 => check_optional_line(p.cue.as_deref(), text, "cue")?,
                2 => check_optional_line(p.smaller.as_deref(), text, "smaller version")?,
                3 => check_optional_line(p.area.as_deref(), text, "area")?,
                _ => check_optional_line(p.unit.as_deref(), text, "unit")?,
            }
            let again = case.reopened().promises(true).expect("promises");
            prop_assert!(again.contains(&p), "the promise read back differs");
            Ok(())
        }
        Err(e) => assert_refusal(&e, "promise"),
    }
}

/// A note and a lesson on a miss: saved as cleaned and read back, or refused.
fn mark_round_trip(case: &mut Case, note: &str, lesson: &str) -> Result<(), TestCaseError> {
    let mark = Mark {
        amount: None,
        note: Some(note.into()),
        lesson: Some(lesson.into()),
    };
    match case
        .journal
        .mark(&case.promise, today(), Status::Missed, mark)
    {
        Ok(check) => {
            for (saved, given, what) in [
                (&check.note, note, "note"),
                (&check.lesson, lesson, "lesson"),
            ] {
                match saved {
                    Some(saved) => check_saved_text(saved, given, what)?,
                    None => {
                        prop_assert!(as_saved(given).is_empty(), "{what} {given:?} was dropped")
                    }
                }
            }
            let again = case
                .reopened()
                .day(today())
                .expect("day")
                .items
                .into_iter()
                .find(|i| i.promise.id == case.promise)
                .and_then(|i| i.check);
            prop_assert_eq!(again.as_ref(), Some(&check));
            Ok(())
        }
        Err(e) => assert_refusal(&e, "mark"),
    }
}

/// The intention, a reflection answer and a weekly answer.
fn day_texts_round_trip(case: &mut Case, text: &str) -> Result<(), TestCaseError> {
    match case.journal.check_in(today(), Some(text), Some(5)) {
        Ok(checkin) => {
            match &checkin.intention {
                Some(saved) => check_saved_text(saved, text, "intention")?,
                None => prop_assert!(as_saved(text).is_empty(), "intention {text:?} was dropped"),
            }
            let again = case.reopened().day(today()).expect("day").checkin;
            prop_assert_eq!(again.as_ref(), Some(&checkin));
        }
        Err(e) => assert_refusal(&e, "check-in")?,
    }
    let answers = BTreeMap::from([("helped".to_string(), text.to_string())]);
    match case.journal.reflect(today(), &answers, Some(6), None) {
        Ok(reflection) => {
            match reflection.answers.get("helped") {
                Some(saved) => check_saved_text(saved, text, "answer")?,
                None => prop_assert!(as_saved(text).is_empty(), "answer {text:?} was dropped"),
            }
            let again = case.reopened().day(today()).expect("day").reflection;
            prop_assert_eq!(again.as_ref(), Some(&reflection));
        }
        Err(e) => assert_refusal(&e, "reflection")?,
    }
    let week = case.journal.week_start(today());
    match case.journal.answer_weekly(week, "next_week", text) {
        Ok(()) => {
            let review = case.reopened().review(week).expect("review").review;
            let saved = review.as_ref().and_then(|r| r.answers.get("next_week"));
            match saved {
                Some(saved) => check_saved_text(saved, text, "weekly answer")?,
                None => prop_assert!(
                    as_saved(text).is_empty(),
                    "weekly answer {text:?} was dropped"
                ),
            }
        }
        Err(e) => assert_refusal(&e, "weekly answer")?,
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_text_is_saved_clean_and_reads_back_or_is_refused(
        text in text(24),
        other in text(6),
        field in 0usize..5,
    ) {
        let mut case = Case::new();
        win_round_trip(&mut case, &text, None)?;
        win_round_trip(&mut case, "sent the email", Some(&text))?;
        promise_round_trip(&mut case, field, &text)?;
        mark_round_trip(&mut case, &text, &other)?;
        day_texts_round_trip(&mut case, &text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn a_megabyte_paste_is_refused_with_a_sentence_or_saved_clean(text in huge()) {
        let mut case = Case::new();
        win_round_trip(&mut case, &text, None)?;
        promise_round_trip(&mut case, 0, &text)?;
        mark_round_trip(&mut case, &text, "a lesson")?;
        day_texts_round_trip(&mut case, &text)?;
    }
}

/// Keeps the properties above from passing by refusing everything: plain
/// words are always saved exactly.
#[test]
fn plain_words_are_saved_as_they_are() {
    let mut case = Case::new();
    let win = case
        .journal
        .add_win(today(), "called my sister back 📞 — שלום", Some("social"))
        .expect("a plain win is saved");
    assert_eq!(win.text, "called my sister back 📞 — שלום");
    let check = case
        .journal
        .mark(
            &case.promise,
            today(),
            Status::Missed,
            Mark {
                amount: None,
                note: Some("overslept\nthen ran late".into()),
                lesson: Some("alarm by the bed".into()),
            },
        )
        .expect("a plain mark is saved");
    assert_eq!(check.note.as_deref(), Some("overslept\nthen ran late"));
    let reflection = case
        .journal
        .reflect(
            today(),
            &BTreeMap::from([("helped".to_string(), "a walk\tat noon".to_string())]),
            None,
            None,
        )
        .expect("a plain answer is saved");
    assert_eq!(reflection.answers["helped"], "a walk\tat noon");
}
