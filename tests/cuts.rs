//! No word on any screen is cut without a mark. Reads every insta
//! snapshot under `tests/snapshots` and looks at each run of letters that
//! ends against a pane's border or the right edge of the screen: it must
//! be a whole word that the program's own texts (its sources, the demo's
//! words and the tests' fixtures) contain, or a part of a longer word that
//! carries on at the start of the next line (a wrapped CJK sentence). A
//! cut that ends in "…" never reaches the border, so it passes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dir` (recursively) whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, exts, out);
        } else if exts
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            out.push(path);
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Runs of letters in `line` as (start char index, end char index); an
/// apostrophe between two letters belongs to the word ("didn't").
fn runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphabetic()
                || (is_apostrophe(chars[i]) && i + 1 < chars.len() && chars[i + 1].is_alphabetic()))
        {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

/// Every word the program and its fixtures can put on a screen, in lower
/// case: the words of src/, assets/ and tests/ (not the snapshots, and
/// not this file, which names cut words on purpose).
fn vocabulary() -> BTreeSet<String> {
    let mut paths = Vec::new();
    for dir in ["src", "assets", "tests"] {
        files(&root().join(dir), &["rs", "toml", "md", "txt"], &mut paths);
    }
    let mut words = BTreeSet::new();
    for path in paths {
        if path.ends_with("tests/cuts.rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            for (a, b) in runs(&chars) {
                words.insert(chars[a..b].iter().collect::<String>().to_lowercase());
            }
        }
    }
    words
}

fn is_border(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c) || c == '|'
}

/// The character drawn at column `col` of `line`.
fn char_at(line: &str, col: usize) -> Option<char> {
    let mut at = 0;
    for c in line.chars() {
        if at == col {
            return Some(c);
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if at > col {
            return None;
        }
    }
    None
}

/// Whether the border at `col` of line `row` is the left side of a box
/// (a popup drawn over the screen hides text; it does not cut it): the
/// corner above it opens a box to the right.
fn left_edge(lines: &[&str], row: usize, col: usize) -> bool {
    // A box's left corner is where it begins.
    if let Some('┌' | '┏' | '╭' | '╔' | '└' | '┗' | '╰' | '╚') = char_at(lines[row], col)
    {
        return true;
    }
    for line in lines[..row].iter().rev() {
        match char_at(line, col) {
            Some('│' | '┃' | '║' | '|' | '├' | '┣' | '┠' | '┝') => continue,
            Some('┌' | '┏' | '╭' | '╔' | '┍' | '┎') => return true,
            _ => return false,
        }
    }
    false
}

/// The screen part of a snapshot: the lines after its second `---`.
fn screen_lines(snap: &str) -> Vec<&str> {
    snap.lines()
        .skip_while(|l| *l != "---")
        .skip(1)
        .skip_while(|l| *l != "---")
        .skip(1)
        .collect()
}

/// Words cut without a mark in one snapshot, as "line N: …word|".
fn cuts_in(snap: &str, vocabulary: &BTreeSet<String>) -> Vec<String> {
    let lines = screen_lines(snap);
    let width = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let mut found = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for (a, b) in runs(&chars) {
            let col = chars[..b].iter().collect::<String>().width();
            let at_edge = match chars.get(b) {
                Some(&c) => is_border(c) && !left_edge(&lines, n, col),
                None => line.width() == width,
            };
            if !at_edge {
                continue;
            }
            // A sliver of the screen between a popup and the screen's own
            // border is hidden text, not a cut word ("┃t┓").
            if a > 0 && is_border(chars[a - 1]) && b - a <= 2 {
                continue;
            }
            let word: String = chars[a..b].iter().collect();
            let next = lines.get(n + 1).copied().unwrap_or("");
            if !whole(&word, next, vocabulary) {
                let from = a.saturating_sub(24);
                let context: String = chars[from..b].iter().collect();
                found.push(format!("line {}: …{context}|", n + 1));
            }
        }
    }
    found
}

/// Whether `word`, found against a border, reads as complete.
fn whole(word: &str, next_line: &str, vocabulary: &BTreeSet<String>) -> bool {
    let lower = word.to_lowercase();
    // One letter against the edge is a cut word ("(2 of 3 t"), unless it
    // is one of the one-letter words.
    if word.chars().count() == 1 && !word.chars().any(|c| c.width_cjk_wide()) {
        return matches!(lower.as_str(), "a" | "i");
    }
    if vocabulary.contains(&lower) {
        return true;
    }
    // Text without spaces (Japanese, Chinese) wraps inside a run: fine
    // when the rest of the word starts the next line.
    if word.chars().any(|c| c.width_cjk_wide()) {
        return vocabulary.iter().any(|v| {
            v.match_indices(&lower).any(|(i, _)| {
                let rest: String = v[i + lower.len()..].chars().take(2).collect();
                rest.is_empty() || next_line.contains(&rest)
            })
        });
    }
    false
}

trait Wide {
    fn width_cjk_wide(&self) -> bool;
}

impl Wide for char {
    fn width_cjk_wide(&self) -> bool {
        unicode_width::UnicodeWidthChar::width(*self) == Some(2)
    }
}

#[test]
fn no_snapshot_shows_a_word_cut_without_a_mark() {
    let vocabulary = vocabulary();
    let mut snaps = Vec::new();
    files(&root().join("tests/snapshots"), &["snap"], &mut snaps);
    snaps.sort();
    assert!(snaps.len() > 20, "the snapshots are where they were");
    let mut report = Vec::new();
    for path in &snaps {
        let text = fs::read_to_string(path).expect("snapshot");
        for cut in cuts_in(&text, &vocabulary) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            report.push(format!("{name} {cut}"));
        }
    }
    assert!(
        report.is_empty(),
        "{} words cut without “…”:\n{}",
        report.len(),
        report.join("\n")
    );
}

fn snap(body: &str) -> String {
    format!("---\nsource: x\n---\n{body}")
}

#[test]
fn the_check_finds_a_cut_at_a_border_and_at_the_edge() {
    let vocabulary = vocabulary();
    let body = "│◇ after my morning coff│\n\
                │a charger in the kitche│\n\
                │(2 of 3 t│\n\
                │these words are whole  │";
    let cuts = cuts_in(&snap(body), &vocabulary);
    assert_eq!(cuts.len(), 3, "{cuts:?}");
    assert!(cuts[0].contains("coff|"), "{cuts:?}");
    assert!(cuts[1].contains("kitche|"), "{cuts:?}");
    assert!(cuts[2].contains("(2 of 3 t|"), "{cuts:?}");
    // Text hidden under a popup's left side is not cut.
    let under = "╭────┏━━━┓\n│kitc┃ok ┃\n╰────┗━━━┛";
    assert!(cuts_in(&snap(under), &vocabulary).is_empty());
    let edge = "in the kitche\nthe day ends\n─────────────";
    let cuts = cuts_in(&snap(edge), &vocabulary);
    assert_eq!(cuts.len(), 1, "{cuts:?}");
    assert!(cuts[0].contains("kitche|"), "{cuts:?}");
}

#[test]
fn whole_words_marked_cuts_and_wrapped_cjk_pass() {
    let vocabulary = vocabulary();
    let body = "╭──────────────────╮\n\
                │◇ after my morning│\n\
                │coffee  Stretch f…│\n\
                │毎朝コーヒーを飲ん│\n\
                │だ後に十秒間スト  │\n\
                ╰──────────────────╯";
    let cuts = cuts_in(&snap(body), &vocabulary);
    assert!(cuts.is_empty(), "{cuts:?}");
    let body = "╭────────────────╮\n\
                │毎朝コーヒーを飲│\n\
                │Read            │\n\
                ╰────────────────╯";
    assert_eq!(cuts_in(&snap(body), &vocabulary).len(), 1);
}
