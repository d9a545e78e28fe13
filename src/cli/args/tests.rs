//! Tests of the command line's definition: how arguments parse, and that
//! every command's help holds an example.

use super::*;
use clap::CommandFactory;

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn negative_days_are_values_not_flags() {
    let cli = Cli::try_parse_from(["smallwins", "kept", "1", "--date", "-3"]).expect("parses");
    match cli.command {
        Some(Command::Kept(args)) => assert_eq!(args.mark.date.day.as_deref(), Some("-3")),
        other => panic!("unexpected {other:?}"),
    }
    let cli = Cli::try_parse_from(["smallwins", "day", "-2"]).expect("parses");
    assert!(matches!(cli.command, Some(Command::Day(DayArgs { day })) if day == "-2"));
}

#[test]
fn schedule_options_exclude_each_other() {
    let err = Cli::try_parse_from([
        "smallwins",
        "promise",
        "add",
        "x",
        "--days",
        "mon",
        "--times-per-week",
        "3",
    ])
    .expect_err("conflict");
    assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
}

#[test]
fn words_of_a_win_are_joined() {
    let cli = Cli::try_parse_from(["smallwins", "win", "sent", "the", "email", "--area", "work"])
        .expect("parses");
    match cli.command {
        Some(Command::Win(WinCommand { action: None, add })) => {
            assert_eq!(add.text.join(" "), "sent the email");
            assert_eq!(add.area.as_deref(), Some("work"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn edit_words_the_shared_promise_fields_as_changes() {
    let cli = Cli::command();
    let promise = cli.find_subcommand("promise").expect("promise");
    let help = |name: &str, arg: &str| {
        let command = promise.find_subcommand(name).expect(name);
        let arg = command.get_arguments().find(|a| a.get_id() == arg);
        arg.and_then(|a| a.get_help()).map(|h| h.to_string())
    };
    assert_eq!(
        help("add", "cue").as_deref(),
        Some("When or after what you do it, like \"after my coffee\"")
    );
    assert_eq!(
        help("edit", "cue").as_deref(),
        Some("New cue (\"\" clears it)")
    );
    assert_eq!(
        help("edit", "days").as_deref(),
        Some("Only on these weekdays, like mon,wed,fri")
    );
}

#[test]
fn every_command_shows_one_example() {
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let path = format!("{path} {}", command.get_name()).trim().to_string();
        let help = command
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        if !help.contains("Example:\n  smallwins ") {
            missing.push(path.clone());
        }
        // Hidden commands (the daily copy's process) have no help to show.
        for sub in command.get_subcommands() {
            if sub.get_name() != "help" && !sub.is_hide_set() {
                walk(sub, &path, missing);
            }
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), "", &mut missing);
    assert!(missing.is_empty(), "no example in --help of: {missing:?}");
}

#[test]
fn a_win_named_like_a_subcommand_goes_after_two_dashes() {
    let parse = |args: &[&str]| Cli::try_parse_from(args).expect("parses").command;
    assert!(matches!(
        parse(&["smallwins", "win", "list"]),
        Some(Command::Win(WinCommand {
            action: Some(WinAction::List(_)),
            ..
        }))
    ));
    match parse(&["smallwins", "win", "--", "list", "the", "groceries"]) {
        Some(Command::Win(WinCommand { action: None, add })) => {
            assert_eq!(add.text.join(" "), "list the groceries");
        }
        other => panic!("unexpected {other:?}"),
    }
    match parse(&["smallwins", "win", "listened", "to", "Sam"]) {
        Some(Command::Win(WinCommand { action: None, add })) => {
            assert_eq!(add.text.join(" "), "listened to Sam");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn values_are_named_as_they_are_typed() {
    assert_eq!(value_name(ExportFormat::Markdown), "markdown");
    assert_eq!(value_name(ReviewFormat::Text), "text");
    assert_eq!(value_name(ShowScreen::Calendar), "calendar");
}
