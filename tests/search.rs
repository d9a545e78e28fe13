//! Search across all history: `smallwins search`, `/` in the full-screen
//! journal, and the index that keeps in step with every write (edits,
//! deletes, undo, imports, and journals made before the index existed).

mod common;

use std::collections::BTreeMap;

use common::{Fixture, d, lived_in};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rusqlite::Connection;
use smallwins::domain::model::SearchKind;
use smallwins::domain::{Journal, Mark, NewPromise, Status};
use smallwins::store::Store;
use smallwins::ui::app::App;
use smallwins::ui::theme::Theme;
use smallwins::ui::{Screen, buffer_to_string, screens};

const NOW: &str = "2026-11-21T08:30";

/// The days of what `words` finds, in the order found.
fn days(j: &Journal, words: &str) -> Vec<String> {
    j.search(words)
        .expect("search")
        .iter()
        .map(|h| h.day.to_string())
        .collect()
}

#[test]
fn the_best_match_comes_first_then_the_newest() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-10"), "walk to the park", None)
        .expect("win");
    j.add_win(d("2026-11-15"), "walk to the shop", None)
        .expect("win");
    j.add_win(d("2026-11-05"), "walk, walk, walk", None)
        .expect("win");
    j.add_win(d("2026-11-18"), "cooked dinner", None)
        .expect("win");
    // Three walks in three words is the best match; the two equal ones
    // follow, newest first.
    assert_eq!(days(&j, "walk"), ["2026-11-05", "2026-11-15", "2026-11-10"]);
    // Every word must be found; a word finds its other forms and longer
    // words that start with it.
    assert_eq!(days(&j, "walk shop"), ["2026-11-15"]);
    j.add_win(d("2026-11-19"), "walked home in the rain", None)
        .expect("win");
    assert!(days(&j, "walking").contains(&"2026-11-19".to_string()));
    assert_eq!(days(&j, "cook"), ["2026-11-18"]);
    assert!(days(&j, "swim").is_empty());
}

#[test]
fn a_word_in_a_note_a_lesson_an_intention_and_answers_is_found() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    let walk = j
        .add_promise(NewPromise {
            text: "Walk outside".into(),
            ..NewPromise::default()
        })
        .expect("promise");
    j.mark(
        &walk.id,
        d("2026-11-19"),
        Status::Missed,
        Mark {
            note: Some("heavy rain all afternoon".into()),
            lesson: Some("keep the umbrella by the door".into()),
            ..Mark::default()
        },
    )
    .expect("missed");
    j.check_in(d("2026-11-20"), Some("a calm day, one umbrella"), None)
        .expect("check-in");
    let answers = BTreeMap::from([("helped".to_string(), "Sam lent me an umbrella".to_string())]);
    j.reflect(d("2026-11-18"), &answers, None, None)
        .expect("reflection");
    let week = j.week_start(d("2026-11-21"));
    j.answer_weekly(week, "went_well", "bought a proper umbrella")
        .expect("weekly answer");

    let rain = j.search("rain").expect("search");
    assert_eq!(rain.len(), 1);
    assert_eq!(rain[0].kind, SearchKind::Note);
    assert_eq!(rain[0].day, d("2026-11-19"));
    assert_eq!(rain[0].promise.as_deref(), Some("Walk outside"));
    assert_eq!(rain[0].snippet, "heavy rain all afternoon");
    assert_eq!(rain[0].highlights, [(6, 10)]);

    let mut kinds: Vec<SearchKind> = j
        .search("umbrella")
        .expect("search")
        .iter()
        .map(|h| h.kind)
        .collect();
    kinds.sort_by_key(|k| k.as_str());
    assert_eq!(
        kinds,
        [
            SearchKind::Answer,
            SearchKind::Intention,
            SearchKind::Lesson,
            SearchKind::Weekly
        ]
    );
    let answer = j.search("Sam").expect("search");
    assert_eq!(answer[0].key.as_deref(), Some("helped"));
}

#[test]
fn an_edit_a_delete_and_their_undo_are_searched_at_once() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    let win = j
        .add_win(d("2026-11-20"), "fixed the bike", None)
        .expect("win");
    assert_eq!(days(&j, "bike"), ["2026-11-20"]);

    let edited = j.edit_win(&win, "fixed the kettle").expect("edit");
    assert!(days(&j, "bike").is_empty(), "the old words are gone");
    assert_eq!(days(&j, "kettle"), ["2026-11-20"]);

    j.delete_win(&edited).expect("delete");
    assert!(days(&j, "kettle").is_empty(), "a deleted win is not found");

    j.undo().expect("undo");
    assert_eq!(days(&j, "kettle"), ["2026-11-20"], "undo brings it back");
    j.undo().expect("undo the edit");
    assert_eq!(days(&j, "bike"), ["2026-11-20"]);
    assert!(days(&j, "kettle").is_empty());
}

#[test]
fn an_import_is_searchable_and_a_journal_from_before_search_is_indexed() {
    let f = Fixture::new();
    Store::create_at_version(&f.path, 2).expect("a version 2 journal");
    let raw = Connection::open(&f.path).expect("raw");
    raw.execute(
        "INSERT INTO wins (id, day, text, area, created_at)
         VALUES ('w1', '2026-11-02', 'planted the tulips', NULL, '2026-11-02 09:00:00')",
        [],
    )
    .expect("a win written before search existed");
    raw.close().expect("close");
    let j = f.open(NOW);
    assert_eq!(days(&j, "tulip"), ["2026-11-02"]);

    let other = Fixture::new();
    let mut k = other.open(NOW);
    k.import(&j.export(None, None).expect("export"))
        .expect("import");
    assert_eq!(days(&k, "tulips"), ["2026-11-02"]);
}

#[test]
fn words_that_mean_something_to_the_index_are_plain_words() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-20"), "said \"no\" OR NOT, kindly", None)
        .expect("win");
    for typed in ["\"no\"", "OR NOT", "kindly*", "NEAR(", "no)"] {
        assert!(j.search(typed).is_ok(), "{typed}");
    }
    assert_eq!(days(&j, "\"no\" kindly"), ["2026-11-20"]);
    let e = j.search(" ?! ").expect_err("nothing to look for");
    assert!(e.is_input(), "{e}");
}

// ----- scripts without spaces, accents, and version 10 ----------------------

/// What `words` finds: each snippet with its matches between ⟦ and ⟧.
fn found(j: &Journal, words: &str) -> Vec<String> {
    j.search(words)
        .expect("search")
        .iter()
        .map(|h| {
            h.pieces()
                .into_iter()
                .map(|(t, m)| if m { format!("⟦{t}⟧") } else { t })
                .collect()
        })
        .collect()
}

#[test]
fn cjk_text_is_found_by_any_piece_of_it_however_short() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    let win = j
        .add_win(d("2026-11-19"), "今日は日本語を少し勉強した。", None)
        .expect("win");
    j.add_win(d("2026-11-20"), "抹茶ラテを作った tea time", None)
        .expect("win");
    j.add_win(d("2026-11-18"), "학교에서 공부했다", None)
        .expect("win");
    // Two characters (too short for trigrams), three, four, one.
    assert_eq!(found(&j, "勉強"), ["今日は日本語を少し⟦勉強⟧した。"]);
    assert_eq!(found(&j, "日本語"), ["今日は⟦日本語⟧を少し勉強した。"]);
    assert_eq!(found(&j, "勉強した"), ["今日は日本語を少し⟦勉強した⟧。"]);
    assert_eq!(found(&j, "語"), ["今日は日本⟦語⟧を少し勉強した。"]);
    assert_eq!(found(&j, "공부"), ["학교에서 ⟦공부⟧했다"]);
    // Every word must be found, Latin words as words.
    assert_eq!(found(&j, "ラテ TEA"), ["抹茶⟦ラテ⟧を作った ⟦tea⟧ time"]);
    assert_eq!(found(&j, "抹茶ラテ ti"), ["⟦抹茶ラテ⟧を作った tea ⟦time⟧"]);
    assert!(found(&j, "英語").is_empty());
    assert!(found(&j, "勉強 tea").is_empty());
    assert!(found(&j, "日本人").is_empty());
    // Edits and deletes reach the trigram index too.
    let win = j.edit_win(&win, "英語を勉強した").expect("edit");
    assert!(found(&j, "日本語").is_empty());
    assert_eq!(found(&j, "英語を"), ["⟦英語を⟧勉強した"]);
    j.delete_win(&win).expect("delete");
    assert!(found(&j, "英語を").is_empty());
    assert!(found(&j, "勉強").is_empty());
}

#[test]
fn latin_words_keep_their_ranking_and_prefixes_beside_cjk_text() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-10"), "walk to the park 公園", None)
        .expect("win");
    j.add_win(d("2026-11-05"), "walk, walk, walk", None)
        .expect("win");
    assert_eq!(days(&j, "walk"), ["2026-11-05", "2026-11-10"]);
    assert_eq!(days(&j, "par"), ["2026-11-10"]);
    assert_eq!(days(&j, "公園"), ["2026-11-10"]);
}

#[test]
fn accents_fold_the_same_for_search_and_for_finding_a_promise() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_promise(NewPromise {
        text: "Méditer cinq minutes".into(),
        ..NewPromise::default()
    })
    .expect("promise");
    j.add_win(d("2026-11-20"), "Méditer au parc", None)
        .expect("win");
    j.add_win(d("2026-11-19"), "mediter sans accent", None)
        .expect("win");
    assert_eq!(
        j.find_promise("mediter").expect("found by a word").text,
        "Méditer cinq minutes"
    );
    assert!(j.find_promise("MÉDITER").is_ok());
    assert!(j.find_promise("Medit").is_ok());
    assert_eq!(days(&j, "mediter"), ["2026-11-20", "2026-11-19"]);
    assert_eq!(days(&j, "Méditer"), ["2026-11-20", "2026-11-19"]);
    let out = run(&f, &["promise", "show", "mediter"]);
    assert!(out.contains("Méditer cinq minutes"), "{out}");
}

/// Each accented or cased letter of the Latin, Greek and Cyrillic blocks,
/// as the search index folds it (`fts5vocab` lists its tokens), and as
/// `search::fold` does: they must agree, or a promise and a search would
/// find different things.
#[test]
fn the_folding_is_the_search_index_s_own() {
    let conn = Connection::open_in_memory().expect("memory");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');",
    )
    .expect("tables");
    let letters: Vec<char> = (0xC0u32..0x530)
        .chain(0x1E00..0x1F00)
        .filter_map(char::from_u32)
        .filter(|c| c.is_alphabetic())
        .collect();
    for (i, c) in letters.iter().enumerate() {
        conn.execute(
            "INSERT INTO t (rowid, x) VALUES (?1, ?2)",
            rusqlite::params![i as i64 + 1, c.to_string()],
        )
        .expect("insert");
    }
    let mut differ = Vec::new();
    let mut stmt = conn.prepare("SELECT doc, term FROM v").expect("vocab");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .expect("rows");
    for row in rows {
        let (doc, term) = row.expect("row");
        let c = letters[(doc - 1) as usize];
        let ours = smallwins::domain::search::fold(&c.to_string());
        if ours != term {
            differ.push(format!(
                "{c} U+{:04X}: index {term:?}, fold {ours:?}",
                c as u32
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_version_9_journal_is_copied_then_its_cjk_wins_are_found_by_any_piece() {
    let f = Fixture::new();
    Store::create_at_version(&f.path, 9).expect("a version 9 journal");
    let raw = Connection::open(&f.path).expect("raw");
    for (id, text) in [
        ("w1", "今日は日本語を少し勉強した。"),
        ("w2", "walked to the market"),
    ] {
        raw.execute(
            "INSERT INTO wins (id, day, text, area, created_at, key)
             VALUES (?1, '2026-11-02', ?2, NULL, '2026-11-02 09:00:00', ?1)",
            [id, text],
        )
        .expect("a win written at version 9");
    }
    raw.close().expect("close");
    let j = f.open(NOW);
    assert_eq!(found(&j, "勉強"), ["今日は日本語を少し⟦勉強⟧した。"]);
    assert_eq!(found(&j, "日本語を"), ["今日は⟦日本語を⟧少し勉強した。"]);
    assert_eq!(days(&j, "walk"), ["2026-11-02"]);
    drop(j);
    let copies = smallwins::store::backups(&f.path).expect("backups");
    assert!(
        copies.iter().any(|b| b.kind.label() == "before-update-v9"),
        "the journal as it was is kept before its update: {copies:?}"
    );
    // Only text with characters of a script without spaces is in the
    // trigram index.
    let raw = Connection::open(&f.path).expect("raw");
    let version: i32 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, smallwins::store::LATEST_VERSION);
    let indexed: i64 = raw
        .query_row("SELECT count(*) FROM search_trigram_docsize", [], |r| {
            r.get(0)
        })
        .expect("trigram");
    assert_eq!(indexed, 1);
}

// ----- the command line ----------------------------------------------------

fn cmd(f: &Fixture) -> assert_cmd::Command {
    common::smallwins_at(f, NOW)
}

fn run(f: &Fixture, args: &[&str]) -> String {
    common::run_at(f, NOW, args)
}

#[test]
fn search_lists_by_day_with_the_match_picked_out() {
    let f = Fixture::new();
    drop(lived_in(&f.path));
    let out = run(&f, &["search", "email"]);
    assert!(
        out.starts_with("1 match for “email”, best first:\n"),
        "{out}"
    );
    assert!(out.contains("Sat 21 Nov 2026 · win "), "{out}");
    assert!(out.contains("  sent the email I was avoiding\n"), "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&run(&f, &["search", "small", "win", "--json"])).expect("json");
    let results = json["results"].as_array().expect("results");
    assert_eq!(results.len(), 5, "{json}");
    assert_eq!(results[0]["kind"], "win");
    assert_eq!(results[0]["highlights"][0], serde_json::json!([0, 5]));
    let short = results[0]["short_id"].as_str().expect("a win's short id");
    assert_eq!(short.len(), 6);
    // Equal matches, newest first.
    let days: Vec<&str> = results.iter().filter_map(|r| r["day"].as_str()).collect();
    let mut newest_first = days.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(days, newest_first);

    let out = run(&f, &["search", "zebra"]);
    assert!(out.starts_with("Nothing found for “zebra”"), "{out}");
    let out = cmd(&f).args(["search", "!!"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no letters or digits"), "{stderr}");
}

#[test]
fn search_through_a_pipe_is_the_text_as_written() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-20"), "wrote ***asterisks*** and **bold**", None)
        .expect("win");
    drop(j);
    let out = run(&f, &["search", "asterisks"]);
    assert!(
        out.contains("\n  wrote ***asterisks*** and **bold**\n"),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "{out}");
    let json = common::json_at(&f, NOW, &["search", "asterisks"]);
    assert_eq!(
        json["results"][0]["snippet"],
        "wrote ***asterisks*** and **bold**"
    );
    assert_eq!(
        json["results"][0]["highlights"],
        serde_json::json!([[9, 18]])
    );
}

/// `smallwins search WORDS` on a pty, with `env`; what it printed.
fn search_on_a_terminal(f: &Fixture, words: &str, env: &[(&str, &str)]) -> String {
    let db = f.path.display().to_string();
    let config = f.dir.path().join("no-config.toml").display().to_string();
    let mut pty = common::pty::Pty::spawn(
        &["--db", &db, "--config", &config, "search", words],
        env,
        100,
        30,
    );
    assert!(pty.wait_exit(), "search ended with success");
    pty.text()
}

#[test]
fn search_on_a_terminal_shows_matches_in_the_theme_s_style_unless_no_color() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-20"), "wrote ***asterisks*** today", None)
        .expect("win");
    drop(j);
    // The default theme's accent (colour 110), bold.
    let out = search_on_a_terminal(&f, "asterisks", &[]);
    assert!(
        out.contains("wrote ***\x1b[38;5;110;1masterisks\x1b[0m*** today"),
        "{out:?}"
    );
    let out = search_on_a_terminal(&f, "asterisks", &[("NO_COLOR", "1")]);
    assert!(out.contains("wrote ***asterisks*** today"), "{out:?}");
    assert!(!out.contains("\x1b["), "{out:?}");
    // A theme's own colour for matches.
    std::fs::write(
        f.dir.path().join("no-config.toml"),
        "theme = \"high-contrast\"\n",
    )
    .expect("config");
    let out = search_on_a_terminal(&f, "asterisks", &[]);
    assert!(out.contains("\x1b[96;1masterisks\x1b[0m"), "{out:?}");
}

// ----- the full-screen journal --------------------------------------------

fn draw(app: &App) -> String {
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    buffer_to_string(&buf)
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    draw(app);
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn slash_searches_and_enter_opens_the_day_on_today() {
    let f = Fixture::new();
    let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
    typed(&mut app, "2/");
    assert!(app.search.is_some(), "/ opens search on any screen");
    let s = draw(&app);
    assert!(s.contains("Type a word or two"), "{s}");

    // Letters are typed, not taken as keys: q does not quit, j does not move.
    typed(&mut app, "number 1");
    assert!(!app.quit);
    let s = draw(&app);
    // "small win number 12" and "…16"; the newest first.
    assert!(s.contains("2 found, best first."), "{s}");
    assert!(s.contains("› Wed 18 Nov 2026 · win"), "{s}");
    assert!(s.contains("small win number 16"), "{s}");
    assert!(s.contains("Sat 14 Nov 2026 · win"), "{s}");

    key(&mut app, KeyCode::Down);
    assert_eq!(app.search.as_ref().map(|s| s.selected()), Some(1));
    assert!(draw(&app).contains("› Sat 14 Nov 2026 · win"));
    key(&mut app, KeyCode::Enter);
    assert!(app.search.is_none(), "Enter closes search");
    assert_eq!(app.screen, Screen::Today);
    assert_eq!(app.screens.today.day, d("2026-11-14"));
    assert!(draw(&app).contains("small win number 12"));
}

#[test]
fn search_follows_writes_and_esc_closes_it() {
    let f = Fixture::new();
    let mut app = App::new(lived_in(&f.path), Theme::new(false)).expect("app");
    typed(&mut app, "/tulips");
    assert!(draw(&app).contains("Nothing found"), "{}", draw(&app));
    // A win noted meanwhile, say from another shell, is found at once.
    app.journal
        .add_win(d("2026-11-20"), "planted the tulips", None)
        .expect("win");
    app.tick().expect("tick");
    let s = draw(&app);
    assert!(s.contains("1 found, best first."), "{s}");
    assert!(s.contains("planted the tulips"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert!(app.search.is_none());
    assert_eq!(app.screen, Screen::Today);
    assert_eq!(app.screens.today.day, d("2026-11-21"), "Esc opens nothing");
}

#[test]
fn the_search_box_picks_out_matches_in_the_theme_never_with_asterisks() {
    let f = Fixture::new();
    let mut j = f.open(NOW);
    j.add_win(d("2026-11-20"), "今日は日本語を少し勉強した", None)
        .expect("win");
    let theme = Theme::new(true);
    let found_style = theme.found();
    let mut app = App::new(j, theme).expect("app");
    typed(&mut app, "/勉強");
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    screens::draw(&app, area, &mut buf);
    let s = buffer_to_string(&buf);
    assert!(s.contains("1 found"), "{s}");
    assert!(!s.contains('*'), "{s}");
    // The results start four rows into the box (the box's title is in
    // the accent too).
    let results = Rect::new(0, 5, 100, 25);
    let styled: String = results
        .positions()
        .map(|p| &buf[p])
        .filter(|c| c.style().fg == found_style.fg && c.modifier.contains(found_style.add_modifier))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(styled, "勉強");
}
