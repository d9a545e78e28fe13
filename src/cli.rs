//! The command line: clap definitions and the non-TUI commands.
