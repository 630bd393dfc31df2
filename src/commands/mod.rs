//! One module per subcommand; each is short and does its I/O at the edges.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod translations;

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Exit codes: 0 success, 1 content or template errors, 2 usage errors.
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Translations(args) => translations::run(&args),
    }
}

/// `Err(exit code)` after printing a usage error when `root` is not a site folder.
fn require_site_root(root: &Path) -> Result<(), ExitCode> {
    crate::source::check_root(root).map_err(|d| {
        eprintln!("error: {}", d.message);
        if let Some(help) = &d.help {
            eprintln!("  = help: {help}");
        }
        ExitCode::from(EXIT_USAGE)
    })
}
