//! `completions SHELL` and `man`: what a shell and `man` need, made from
//! the command line's own definition (clap_complete, clap_mangen), so they
//! never fall behind it. Printed as they are, with or without `--json`.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cli::args::CompletionShell;
use crate::cli::error::{CliError, Result};

/// The completion script for `shell`.
pub fn completions(shell: CompletionShell) -> String {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "smallwins", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page, in roff: the program, then each command (and each
/// command under it) with its options and example.
pub fn man() -> Result<String> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .map_err(failed)?;
    for sub in visible(&command) {
        section(sub, "smallwins", &mut out)?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The commands under `command`, without clap's own `help`.
fn visible(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|s| s.get_name() != "help")
}

/// One command's part of the page, named like `smallwins-win-delete`, and
/// the parts of the commands under it.
fn section(command: &clap::Command, parent: &str, out: &mut Vec<u8>) -> Result<()> {
    let path = format!("{parent} {}", command.get_name());
    let name = path.replace(' ', "-");
    let page = command
        .clone()
        .display_name(name.clone())
        .bin_name(path.clone());
    let man = clap_mangen::Man::new(page).title(name);
    man.render_name_section(out).map_err(failed)?;
    man.render_synopsis_section(out).map_err(failed)?;
    man.render_description_section(out).map_err(failed)?;
    man.render_options_section(out).map_err(failed)?;
    man.render_subcommands_section(out).map_err(failed)?;
    man.render_extra_section(out).map_err(failed)?;
    for sub in visible(command) {
        section(sub, &path, out)?;
    }
    Ok(())
}

fn failed(e: std::io::Error) -> CliError {
    CliError::Failed(format!("The manual page could not be made: {e}."))
}
