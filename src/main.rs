//! The smallwins binary: installs the error hooks, then hands over to the
//! command line (which opens the full-screen journal when no command is
//! given).

use std::process::ExitCode;

fn main() -> ExitCode {
    // The full-screen journal relies on color-eyre's panic and error hooks.
    // Installing can only fail if hooks are already installed, and then
    // those stay in place, which is just as good.
    color_eyre::install().ok();
    smallwins::cli::main()
}
