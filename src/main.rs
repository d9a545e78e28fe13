//! The smallwins binary: installs the error hooks, then hands over to the
//! command line (which opens the full-screen journal when no command is
//! given).

use std::process::ExitCode;

use color_eyre::config::{HookBuilder, Theme};

fn main() -> ExitCode {
    // The full-screen journal relies on color-eyre's panic and error hooks.
    // Installing can only fail if hooks are already installed, and then
    // those stay in place, which is just as good. With NO_COLOR set, their
    // reports carry no colour either (clap's help and errors follow
    // NO_COLOR by themselves; nothing else the command line prints is
    // coloured).
    let hooks = if smallwins::ui::theme::color_allowed() {
        HookBuilder::default()
    } else {
        HookBuilder::default().theme(Theme::new())
    };
    hooks.install().ok();
    smallwins::cli::main()
}
