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

/// The manual page, in roff: the program, then each command with its
/// options and example.
pub fn man() -> Result<String> {
    let command = Cli::command();
    let mut out = Vec::new();
    let failed = |e: std::io::Error| CliError::Failed(format!("The manual page could not be made: {e}."));
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .map_err(failed)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("smallwins-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name.replace('-', " "));
        let mut page = Vec::new();
        let man = clap_mangen::Man::new(sub).title(name);
        man.render_name_section(&mut page).map_err(failed)?;
        man.render_synopsis_section(&mut page).map_err(failed)?;
        man.render_description_section(&mut page).map_err(failed)?;
        man.render_options_section(&mut page).map_err(failed)?;
        man.render_subcommands_section(&mut page).map_err(failed)?;
        man.render_extra_section(&mut page).map_err(failed)?;
        out.extend(page);
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}
