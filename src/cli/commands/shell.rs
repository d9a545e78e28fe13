//! `completions SHELL` and `man`: what a shell and `man` need, made from
//! the command line's own definition (clap_complete, clap_mangen), so they
//! never fall behind it. Both print as they are and refuse `--json`.
//!
//! The manual is one page per command, as `man` expects: `smallwins(1)`,
//! `smallwins-win(1)`, `smallwins-win-delete(1)`, …, each with its
//! options and example, and the sections every page shares: ENVIRONMENT
//! (every variable smallwins reads), FILES, EXIT STATUS and SEE ALSO.
//! `man --out DIR` writes them all; `man [COMMAND…]` prints one.

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cli::args::{CompletionShell, ManArgs};
use crate::cli::error::{CliError, Result, io_reason};

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

/// One manual page: its name (like `smallwins-win-delete`) and its roff.
#[derive(Debug, Clone)]
pub struct ManPage {
    pub name: String,
    pub roff: String,
}

impl ManPage {
    /// Its file name in section 1: `smallwins-win-delete.1`.
    pub fn file_name(&self) -> String {
        format!("{}.1", self.name)
    }
}

/// `man`: one page printed, or with `--out DIR` every page written there
/// and one line saying so.
pub fn man(args: &ManArgs) -> Result<String> {
    let pages = man_pages()?;
    let Some(dir) = &args.out else {
        let name = std::iter::once("smallwins")
            .chain(args.command.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-");
        return pages
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.roff)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "There is no manual page for `{}`; `smallwins --help` lists the commands.",
                    name.replace('-', " ")
                ))
            });
    };
    write_pages(&pages, dir)?;
    Ok(format!(
        "Wrote {} manual pages to {}; read one with `man -l {}`.\n",
        pages.len(),
        dir.display(),
        dir.join("smallwins.1").display()
    ))
}

fn write_pages(pages: &[ManPage], dir: &Path) -> Result<()> {
    let failed = |path: &Path, e: std::io::Error| {
        CliError::Failed(format!(
            "Could not write {}: {}.",
            path.display(),
            io_reason(&e)
        ))
    };
    fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    for page in pages {
        let path = dir.join(page.file_name());
        fs::write(&path, &page.roff).map_err(|e| failed(&path, e))?;
    }
    Ok(())
}

/// Every page: the program's, then each command's (and each command's
/// under it), hidden ones left out.
pub fn man_pages() -> Result<Vec<ManPage>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    add_pages(&command, None, &mut pages)?;
    Ok(pages)
}

fn add_pages(
    command: &clap::Command,
    parent: Option<&str>,
    pages: &mut Vec<ManPage>,
) -> Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    pages.push(ManPage {
        roff: page(command, &name, parent)?,
        name: name.clone(),
    });
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        add_pages(sub, Some(&name), pages)?;
    }
    Ok(())
}

/// One command's page.
fn page(command: &clap::Command, name: &str, parent: Option<&str>) -> Result<String> {
    let man = clap_mangen::Man::new(command.clone())
        .title(name.to_string())
        // An empty date would shift the source into its place in `.TH`.
        .date(MANUAL_DATE)
        .source(format!("smallwins {}", env!("CARGO_PKG_VERSION")))
        .manual("smallwins manual");
    let mut out = Vec::new();
    man.render_title(&mut out).map_err(failed)?;
    man.render_name_section(&mut out).map_err(failed)?;
    man.render_synopsis_section(&mut out).map_err(failed)?;
    man.render_description_section(&mut out).map_err(failed)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).map_err(failed)?;
    }
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out).map_err(failed)?;
    }
    if command.get_after_help().is_some() {
        let mut extra = Vec::new();
        man.render_extra_section(&mut extra).map_err(failed)?;
        // clap_mangen breaks the line around a blank one too, which
        // mandoc -Tlint warns about: the paragraph break alone is kept.
        let extra = String::from_utf8_lossy(&extra)
            .replacen(".SH EXTRA", ".SH NOTES", 1)
            .replace("\n.br\n.sp\n", "\n.sp\n")
            .replace("\n.sp\n.br\n", "\n.sp\n");
        out.extend_from_slice(extra.as_bytes());
    }
    // A blank line between two line breaks (clap_mangen's possible
    // values) is one paragraph break, as mandoc -Tlint wants it.
    let mut roff = String::from_utf8_lossy(&out).replace("\n.br\n\n.br\n", "\n.sp\n");
    roff.push_str(SHARED_SECTIONS);
    roff.push_str(&see_also(name, parent));
    Ok(roff)
}

/// SEE ALSO: the program's page and the page of the command above.
fn see_also(name: &str, parent: Option<&str>) -> String {
    let mut refs: Vec<String> = Vec::new();
    for other in [Some("smallwins"), parent].into_iter().flatten() {
        if other != name && !refs.iter().any(|r| r.starts_with(&format!("{other}("))) {
            refs.push(format!("{other}(1)"));
        }
    }
    if refs.is_empty() {
        refs.extend([
            "smallwins-status(1)".to_string(),
            "smallwins-man(1)".to_string(),
        ]);
    }
    let refs: Vec<String> = refs
        .iter()
        .map(|r| format!("\\fB{}\\fR", r.replace('-', "\\-")))
        .collect();
    format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", "))
}

/// The date the pages were last changed, as `.TH` shows it.
const MANUAL_DATE: &str = "2026-12-07";

/// What every page says about the environment, the files and the exit
/// codes (README "The command line", `cli/mod.rs` "Exit codes").
const SHARED_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBSMALLWINS_DB\fR
The journal file, when \fB\-\-db\fR is not given.
.TP
\fBSMALLWINS_NOW\fR
Fixes the clock for the whole process, like 2026\-11\-21T08:30 (for demos, screenshots and tests).
.TP
\fBSMALLWINS_PASSPHRASE_FILE\fR
A file whose first line is the passphrase of an encrypted journal, when \fB\-\-passphrase\-file\fR is not given.
.TP
\fBNO_COLOR\fR
Set and not empty: no colour anywhere.
.TP
\fBXDG_DATA_HOME\fR
The journal is kept in \fI$XDG_DATA_HOME/smallwins/\fR (\fI~/.local/share/smallwins/\fR when unset).
.TP
\fBXDG_CONFIG_HOME\fR
The config file is read from \fI$XDG_CONFIG_HOME/smallwins/\fR (\fI~/.config/smallwins/\fR when unset).
.TP
\fBHOME\fR
Where those folders are when the XDG variables are unset.
.TP
\fBTMUX\fR
Inside tmux, \fBshare \-\-copy\fR says that the copy needs \fBset \-g set\-clipboard on\fR.
.TP
\fBDBUS_SESSION_BUS_ADDRESS\fR
On Linux, the system keyring is asked only when a session bus is there.
.TP
\fBHOSTNAME\fR
The machine's name in sync, when \fI/etc/hostname\fR cannot be read and \fB\-\-name\fR is not given.
.SH FILES
.TP
\fI~/.local/share/smallwins/journal.db\fR
The journal: one SQLite file, readable only by you (with \fI\-wal\fR and \fI\-shm\fR beside it while it is open).
.TP
\fI~/.local/share/smallwins/backups/\fR
The automatic copies: one a day (the last 7 kept), before each update of the journal's format, and before a restore.
.TP
\fI~/.config/smallwins/config.toml\fR
The config file (optional); \fBsmallwins config default\fR prints one with every setting explained.
.SH "EXIT STATUS"
.TP
\fB0\fR
Done.
.TP
\fB1\fR
The journal file (or another file) could not be used: not a journal, damaged, of a newer version, a full disk, permissions.
.TP
\fB2\fR
Bad input: nothing was written, and one sentence on standard error says what would be right.
"#;

fn failed(e: std::io::Error) -> CliError {
    CliError::Failed(format!("The manual page could not be made: {e}."))
}
