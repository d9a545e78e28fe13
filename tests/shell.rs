//! At home in the shell: wins listed, edited and deleted by their short
//! ids, completion scripts and the manual page.

mod common;

use common::{Fixture, json_at, run_at, smallwins_at};

const NOW: &str = "2026-11-21T08:30";

fn run(f: &Fixture, args: &[&str]) -> String {
    run_at(f, NOW, args)
}

/// The short ids of a day's wins, as `win list --json` gives them.
fn ids(f: &Fixture, day: &str) -> Vec<String> {
    json_at(f, NOW, &["win", "list", "--date", day])["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .filter_map(|w| w["short_id"].as_str().map(String::from))
        .collect()
}

#[test]
fn wins_are_listed_edited_and_deleted_by_their_short_ids() {
    let f = Fixture::new();
    run(
        &f,
        &["win", "sent the email I was avoiding", "--area", "work"],
    );
    run(&f, &["win", "called mum", "--date", "yesterday"]);
    run(&f, &["win", "watered the plants"]);
    let today = ids(&f, "today");
    assert_eq!(today.len(), 2);
    assert!(
        today
            .iter()
            .all(|id| id.len() == 6 && id.chars().all(|c| c.is_ascii_hexdigit()))
    );

    let list = run(&f, &["win", "list"]);
    assert_eq!(
        list,
        format!(
            "Wins on Sat 21 Nov\n  {}  sent the email I was avoiding (work)\n  {}  watered the plants\n",
            today[0], today[1]
        )
    );
    // `today` and `day` show the same ids.
    let day = run(&f, &["today"]);
    assert!(
        day.contains(&format!("  {}  watered the plants\n", today[1])),
        "{day}"
    );

    let edited = run(&f, &["win", "edit", &today[1], "watered", "every", "plant"]);
    assert_eq!(
        edited,
        format!(
            "Win {} on Sat 21 Nov now reads: watered every plant.\n",
            today[1]
        )
    );
    assert_eq!(ids(&f, "today"), today, "an edit keeps the id");

    // Four characters are enough, in any case, while they name one win.
    let yesterday = ids(&f, "yesterday");
    let deleted = run(&f, &["win", "delete", &yesterday[0][..4].to_uppercase()]);
    assert_eq!(
        deleted,
        format!(
            "Deleted win {} from Fri 20 Nov: called mum.\nTo bring it back (with a new id):\n  smallwins win add --date 2026-11-20 -- 'called mum'\n",
            yesterday[0]
        )
    );
    assert!(ids(&f, "yesterday").is_empty());
    assert_eq!(ids(&f, "today"), today, "the other wins keep their ids");

    // What the delete printed brings the win back.
    run(
        &f,
        &["win", "add", "--date", "2026-11-20", "--", "called mum"],
    );
    let back = run(&f, &["win", "list", "--date", "yesterday"]);
    assert!(back.ends_with("  called mum\n"), "{back}");
}

#[test]
fn an_id_that_names_no_win_or_several_is_refused_in_one_sentence() {
    let f = Fixture::new();
    run(&f, &["win", "one"]);
    for (id, words) in [
        ("ab", "too short to name a win"),
        ("ffffffffff", "No win has the id \"ffffffffff\""),
    ] {
        let out = smallwins_at(&f, NOW)
            .args(["win", "delete", id])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{id}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{stderr}");
        assert_eq!(stderr.lines().count(), 1);
    }
    assert_eq!(ids(&f, "today").len(), 1, "nothing was deleted");
}

#[test]
fn a_win_that_starts_with_a_command_word_goes_after_two_dashes() {
    let f = Fixture::new();
    run(&f, &["win", "--", "list", "the", "groceries"]);
    run(&f, &["win", "listened to Sam"]);
    let list = run(&f, &["win", "list"]);
    assert!(list.contains("  list the groceries\n"), "{list}");
    assert!(list.contains("  listened to Sam\n"), "{list}");
    let json = json_at(&f, NOW, &["win", "list"]);
    assert_eq!(json["day"], "2026-11-21");
    assert_eq!(json["wins"][0]["text"], "list the groceries");
    let empty = run(&f, &["win", "list", "--date", "-3"]);
    assert!(
        empty.starts_with("No wins noted on Wed 18 Nov yet"),
        "{empty}"
    );
}

#[test]
fn completions_name_every_command_for_each_shell() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = run(&f, &["completions", shell]);
        for command in [
            "promise",
            "kept",
            "win",
            "search",
            "import",
            "completions",
            "man",
        ] {
            assert!(script.contains(command), "{shell}: {command}");
        }
        assert!(script.contains("smallwins"), "{shell}");
    }
    assert!(run(&f, &["completions", "bash"]).contains("complete -F"));
    assert!(run(&f, &["completions", "fish"]).contains("complete -c smallwins"));
    assert!(run(&f, &["completions", "zsh"]).starts_with("#compdef smallwins"));
    assert!(
        !f.path.exists(),
        "no journal is made for a completion script"
    );
}

#[test]
fn the_manual_page_describes_each_command_with_its_example() {
    let f = Fixture::new();
    let page = run(&f, &["man"]);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains(".TH smallwins"), "a man page header");
    assert_eq!(
        page.matches(".SH NAME").count(),
        1,
        "one page, not every command's in one"
    );
    for command in [
        "smallwins\\-win",
        "smallwins\\-search",
        "smallwins\\-import",
        "smallwins\\-review",
    ] {
        assert!(page.contains(command), "{command}");
    }
    let delete = run(&f, &["man", "win", "delete"]);
    assert!(delete.contains(".TH smallwins-win-delete"), "{delete}");
    assert!(
        delete.contains("smallwins win delete 3fa9c1"),
        "examples are in it"
    );
    assert!(run(&f, &["man", "import"]).contains("Loop Habit Tracker"));
}

/// The pages a page points to (`smallwins\-win(1)`), by name.
fn references(page: &str) -> Vec<String> {
    let plain = page
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fR", "");
    let mut names = Vec::new();
    for (at, _) in plain.match_indices("(1)") {
        let start = plain[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let name = &plain[start..at];
        if name.starts_with("smallwins") {
            names.push(name.to_string());
        }
    }
    names
}

#[test]
fn man_out_writes_one_page_per_command_each_with_the_shared_sections() {
    let f = Fixture::new();
    let dir = f.dir.path().join("man1");
    let said = run(&f, &["man", "--out", dir.to_str().expect("path")]);
    assert!(said.starts_with("Wrote "), "{said}");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for name in [
        "smallwins.1",
        "smallwins-win.1",
        "smallwins-win-delete.1",
        "smallwins-status.1",
        "smallwins-config-check.1",
        "smallwins-sync-init.1",
    ] {
        assert!(files.contains(&name.to_string()), "{name} in {files:?}");
    }
    assert!(
        !files
            .iter()
            .any(|n| n.contains("help") || n.contains("upkeep")),
        "no page for clap's help or a hidden command: {files:?}"
    );
    for file in &files {
        let page = std::fs::read_to_string(dir.join(file)).expect("page");
        assert_eq!(page.matches(".SH NAME").count(), 1, "{file}");
        for part in [
            ".SH ENVIRONMENT",
            "SMALLWINS_DB",
            "SMALLWINS_NOW",
            "SMALLWINS_PASSPHRASE_FILE",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            ".SH FILES",
            ".SH \"EXIT STATUS\"",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(page.contains(part), "{file}: {part}");
        }
        for name in references(&page) {
            assert!(
                files.contains(&format!("{name}.1")),
                "{file} points to {name}(1), which is not there"
            );
        }
    }
    check_with_man_tools(&dir, &files);
}

/// Renders each page with `man -l` and lints it with `mandoc -Tlint`,
/// each when it is installed (CI installs both; `.ci/run`).
fn check_with_man_tools(dir: &std::path::Path, files: &[String]) {
    use std::process::Command;
    let have = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if have("man") {
        for file in files {
            let out = Command::new("man")
                .arg("-l")
                .arg(dir.join(file))
                .env("MANWIDTH", "80")
                .env("MANPAGER", "cat")
                .env("PAGER", "cat")
                .output()
                .expect("man runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "man -l {file}: {out:?}");
            assert!(text.contains("EXIT STATUS"), "{file} renders: {text}");
            assert!(
                out.stderr.is_empty(),
                "man -l {file} warns: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    } else {
        eprintln!("note: man is not installed, so the pages were not rendered with man -l");
    }
    if have("mandoc") {
        for file in files {
            let out = Command::new("mandoc")
                .args(["-Tlint", "-Wwarning"])
                .arg(dir.join(file))
                .output()
                .expect("mandoc runs");
            assert!(
                out.status.success() && out.stdout.is_empty(),
                "mandoc -Tlint {file}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    } else {
        eprintln!("note: mandoc is not installed, so the pages were not linted with mandoc -Tlint");
    }
}

#[test]
fn completions_offer_what_share_include_takes_not_file_names() {
    let f = Fixture::new();
    let bash = run(&f, &["completions", "bash"]);
    let at = bash
        .find("--include)")
        .expect("share --include in the script");
    let case = &bash[at..at + bash[at..].find(";;").expect("the case ends")];
    assert!(
        case.contains("mood confidence notes lessons answers none"),
        "{case}"
    );
    assert!(!case.contains("compgen -f"), "{case}");
    let fish = run(&f, &["completions", "fish"]);
    let line = fish
        .lines()
        .find(|l| l.contains("-l include"))
        .expect("fish: --include");
    assert!(line.contains("mood") && line.contains("none"), "{line}");
}

#[test]
fn commands_that_print_no_json_refuse_json_in_one_sentence() {
    let f = Fixture::new();
    for args in [
        &["completions", "bash", "--json"][..],
        &["man", "--json"],
        &["config", "default", "--json"],
    ] {
        let out = smallwins_at(&f, NOW)
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--json"), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
}
